//! End-to-end tests of `myo ask`, `myo search` and `myo eval` against the built-in knowledge base.

use std::process::{Command, Output};

fn myo(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_myo"))
        .args(args)
        .output()
        .expect("run myo")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn ask_json_answers_with_citations_and_disclaimer() {
    let o = myo(&["ask", "--json", "what is heliotrope rash"]);
    assert!(o.status.success());
    let v = json(&o);
    assert_eq!(v["kind"], "answer");
    assert!(v["triage"].is_null());
    assert_eq!(v["citations"][0]["id"], "heliotrope-rash");
    for field in ["title", "source", "reviewed_on", "link"] {
        assert!(v["citations"][0][field].is_string(), "{field}: {v}");
    }
    assert!(v["answer"].as_str().is_some_and(|a| a.contains("[1]")));
    assert!(v["disclaimer"].as_str().is_some_and(|d| !d.is_empty()));
    assert!(v["related"].is_array());
}

#[test]
fn ask_emergency_leads_with_the_action() {
    let v = json(&myo(&["ask", "--json", "my dad is choking"]));
    assert_eq!(v["triage"], "emergency");
    let action = v["triage_action"].as_str().expect("action");
    assert!(
        v["answer"]
            .as_str()
            .is_some_and(|a| a.starts_with("EMERGENCY: ") && a.contains(action))
    );
}

#[test]
fn ask_crisis_leads_with_the_crisis_line_of_the_country() {
    let v = json(&myo(&[
        "ask",
        "--json",
        "--country",
        "gb",
        "should I just take all my pills at once and be done with it",
    ]));
    assert_eq!(v["triage"], "emergency");
    assert_eq!(v["triage_rule"], "suicidal-thoughts");
    assert_eq!(v["kind"], "answer");
    assert!(
        v["answer"]
            .as_str()
            .is_some_and(|a| a.starts_with("EMERGENCY: United Kingdom: Samaritans 116 123")),
        "{v}"
    );
    assert_eq!(v["contacts"][0]["tel"], "tel:116123");
    assert_eq!(v["contacts"][0]["kind"], "crisis");
    let o = myo(&["ask", "--country", "Britain", "help"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("country"));
}

#[test]
fn ask_fever_on_methotrexate_is_urgent_but_a_general_question_is_not() {
    let v = json(&myo(&[
        "ask",
        "--json",
        "I'm on methotrexate and my temperature is 38.6",
    ]));
    assert_eq!(v["triage"], "urgent");
    let v = json(&myo(&[
        "ask",
        "--json",
        "what does a fever have to do with methotrexate",
    ]));
    assert!(v["triage"].is_null(), "{v}");
    assert_eq!(v["kind"], "answer");
}

#[test]
fn ask_refuses_dose_changes_and_answers_drug_information() {
    let v = json(&myo(&["ask", "--json", "can I stop my prednisone?"]));
    assert_eq!(v["kind"], "refusal");
    assert_eq!(v["refusal"], "medication");
    assert!(v["related"].as_array().is_some_and(|r| !r.is_empty()));
    let v = json(&myo(&[
        "ask",
        "--json",
        "what are the side effects of methotrexate",
    ]));
    assert_eq!(v["kind"], "answer");
    assert_eq!(v["citations"][0]["id"], "methotrexate");
}

#[test]
fn ask_off_topic_is_out_of_scope() {
    let v = json(&myo(&["ask", "--json", "write me a poem about the sea"]));
    assert_eq!(v["kind"], "out_of_scope");
    assert!(v["citations"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn ask_text_output_lists_sources() {
    let o = myo(&["ask", "gottrons", "papules"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("Sources:") && out.contains("/kb/gottrons-papules"),
        "{out}"
    );
}

#[test]
fn ask_needs_a_question() {
    let o = myo(&["ask"]);
    assert_eq!(o.status.code(), Some(2));
    let o = myo(&["ask", "  "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("question"));
}

#[test]
fn search_lists_scored_entries_with_snippets() {
    let v = json(&myo(&[
        "search",
        "--json",
        "--limit",
        "3",
        "dermatomiositis",
        "rash",
    ]));
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.len() <= 3);
    assert!(hits[0]["score"].as_f64().is_some_and(|s| s > 0.0));
    assert!(hits[0]["snippet"].as_str().is_some_and(|s| !s.is_empty()));
    let o = myo(&["search", "metotrexate"]);
    assert!(stdout(&o).contains("/kb/methotrexate"));
}

#[test]
fn eval_meets_targets_and_reports_every_metric() {
    let o = myo(&["eval", "--json"]);
    let v = json(&o);
    assert_eq!(v["passes"], true, "{}", stdout(&o));
    assert!(o.status.success());
    let names: Vec<&str> = v["metrics"]
        .as_array()
        .expect("metrics")
        .iter()
        .filter_map(|m| m["name"].as_str())
        .collect();
    for name in [
        "top1",
        "top3",
        "emergency_recall",
        "urgent_recall",
        "false_alarms",
        "refusal_accuracy",
        "off_topic_accuracy",
    ] {
        assert!(names.contains(&name), "{name} missing");
    }
}
