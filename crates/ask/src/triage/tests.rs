//! Unit tests of the rule engine on small rule sets.

use super::*;

fn rule(id: &str, tier: Tier, phrases: &[&str]) -> Rule {
    Rule::new(id, id, tier, &format!("act on {id}"), phrases)
}

fn engine() -> Triage {
    let mut fever = rule("fever", Tier::Urgent, &["fever", "high temperature"]);
    fever.requires_any = vec!["methotrexate".into(), "prednisone".into()];
    fever.number_checks = vec![NumberCheck {
        quantity: Quantity::Temperature,
        at_least: Some(38.0),
        at_most: None,
        narrows_only: false,
        unit: Some(TempUnit::Celsius),
    }];
    let mut breath = rule(
        "breath",
        Tier::Emergency,
        &["can't breathe", "short of breath"],
    );
    breath.negations = vec!["breathing is fine".into()];
    Triage::new(vec![
        fever,
        breath,
        rule("choke", Tier::Emergency, &["choking"]),
        rule("cough", Tier::Urgent, &["new cough"]),
    ])
}

fn tier(text: &str) -> Option<Tier> {
    engine().check(text).map(|h| h.tier)
}

/// A high-sugar rule with a 300 mg/dL check, as in the knowledge base.
fn sugar_tier(text: &str) -> Option<Tier> {
    let mut sugar = rule("sugar", Tier::Urgent, &["blood sugar is very high"]);
    sugar.number_checks = vec![NumberCheck {
        quantity: Quantity::Glucose,
        at_least: Some(300.0),
        at_most: None,
        narrows_only: false,
        unit: None,
    }];
    Triage::new(vec![sugar]).check(text).map(|h| h.tier)
}

#[test]
fn glucose_numbers_are_read_in_either_unit() {
    let urgent = Some(Tier::Urgent);
    assert_eq!(sugar_tier("my sugar is 450"), urgent);
    assert_eq!(sugar_tier("blood glucose 350 mg/dL on prednisone"), urgent);
    assert_eq!(sugar_tier("my sugar was 22.4 mmol/L this evening"), urgent);
    assert_eq!(sugar_tier("sugar readings today: 180, 250, 320"), urgent);
    assert_eq!(
        sugar_tier("glucose is 18 since the steroid dose went up"),
        urgent
    );
    // Below the threshold, or not a reading at all.
    assert_eq!(sugar_tier("my sugar was 140 after lunch"), None);
    assert_eq!(sugar_tier("my blood sugar is 6.2 mmol/L"), None);
    assert_eq!(sugar_tier("is 25 grams of sugar a day too much"), None);
    assert_eq!(sugar_tier("I cut sugar to 25 g a day"), None);
    assert_eq!(sugar_tier("sugar free drinks 3 times a day"), None);
    assert_eq!(sugar_tier("I take 400 mg of something for my sugar"), None);
    // A measured value below the threshold outweighs the words.
    assert_eq!(sugar_tier("blood sugar is very high, 160"), None);
    assert_eq!(sugar_tier("blood sugar is very high"), urgent);
}

#[test]
fn reports_fire() {
    assert_eq!(tier("I can't breathe"), Some(Tier::Emergency));
    assert_eq!(tier("cant breath!!"), Some(Tier::Emergency));
    assert_eq!(tier("help my dad is choking"), Some(Tier::Emergency));
    assert_eq!(
        tier("is it normal that I cannot breathe at night"),
        Some(Tier::Emergency)
    );
}

#[test]
fn more_severe_tier_wins() {
    let hit = engine().check("new cough and now I can't breathe").unwrap();
    assert_eq!(hit.tier, Tier::Emergency);
    assert_eq!(hit.rule_id, "breath");
    assert_eq!(hit.action, "act on breath");
}

#[test]
fn general_questions_do_not_fire() {
    assert_eq!(tier("why do people choke with myositis"), None);
    assert_eq!(tier("what does a fever have to do with methotrexate"), None);
    assert_eq!(tier("how can I lower my risk of choking when eating"), None);
    assert_eq!(tier("tell me about choking in dm"), None);
    assert_eq!(tier("can I take methotrexate if I get a fever"), None);
    assert_eq!(
        tier("if my temp is 39, what should I do on prednisone"),
        None
    );
}

#[test]
fn hearsay_worries_and_old_events_do_not_fire() {
    assert_eq!(
        tier("I read that people with MDA5 can't breathe well"),
        None
    );
    assert_eq!(
        tier("I'm worried I might get a fever on methotrexate"),
        None
    );
    assert_eq!(tier("last year my son had a fever on methotrexate"), None);
    assert_eq!(tier("I'm scared I might be choking"), Some(Tier::Emergency));
    assert_eq!(
        tier("fever since last night on methotrexate"),
        Some(Tier::Urgent)
    );
}

#[test]
fn a_report_in_another_clause_still_fires() {
    assert_eq!(
        tier("what should I do, my dad is choking"),
        Some(Tier::Emergency)
    );
    assert_eq!(
        tier("I have a fever, is that bad with methotrexate"),
        Some(Tier::Urgent)
    );
    assert_eq!(
        tier("what do I do my husband is choking"),
        Some(Tier::Emergency)
    );
}

#[test]
fn negation_cancels() {
    assert_eq!(tier("no fever, I take methotrexate"), None);
    assert_eq!(tier("I don't have a fever on methotrexate"), None);
    assert_eq!(tier("I'm not short of breath"), None);
    assert_eq!(
        tier("I have no energy and I can't breathe"),
        Some(Tier::Emergency)
    );
    assert_eq!(tier("no fever, but I can't breathe"), Some(Tier::Emergency));
}

#[test]
fn fever_needs_context_or_a_number() {
    assert_eq!(tier("my grandmother had a fever last year"), None);
    assert_eq!(
        tier("I have a fever and take methotrexate"),
        Some(Tier::Urgent)
    );
    assert_eq!(tier("I have a fever of 38.5"), Some(Tier::Urgent));
}

#[test]
fn number_checks_convert_units() {
    assert_eq!(tier("temp is 101 F"), Some(Tier::Urgent));
    assert_eq!(tier("temp 100.4F"), Some(Tier::Urgent));
    assert_eq!(tier("temp 99.5 F on methotrexate"), None);
    assert_eq!(tier("running a fever of 38°C"), Some(Tier::Urgent));
    assert_eq!(tier("temperature 37.9 on prednisone"), None);
    assert_eq!(tier("fever 39 on prednisone"), Some(Tier::Urgent));
    assert_eq!(tier("my ck is 400 and I take prednisone"), None);
}

#[test]
fn a_negation_reaches_over_an_or_list_but_not_past_but() {
    let t = engine();
    assert_eq!(
        t.check("no chest pain or short of breath, just tired"),
        None
    );
    assert_eq!(t.check("no cough, fever or short of breath"), None);
    assert_eq!(
        t.check("no fever or cough but I can't breathe")
            .map(|h| h.tier),
        Some(Tier::Emergency)
    );
    // Without an "or", the reach stays three words.
    assert_eq!(
        t.check("no energy at all today and short of breath")
            .map(|h| h.tier),
        Some(Tier::Emergency)
    );
}

#[test]
fn every_group_of_a_dose_rule_must_be_reported() {
    let mut r = rule("mtx", Tier::Emergency, &[]);
    r.requires_all = vec![vec!["methotrexate".into()], vec!["daily".into()]];
    let t = Triage::new(vec![r]);
    assert!(t.check("I took my methotrexate daily this week").is_some());
    assert!(
        t.check("I take methotrexate weekly, but why is daily dosing dangerous")
            .is_none()
    );
}

#[test]
fn aliases_are_read_as_the_name_in_rules_and_text() {
    let mut r = rule("sore", Tier::Urgent, &["mouth ulcers"]);
    r.requires_any = vec!["azathioprine".into()];
    let aliases = Aliases::parse("[alias]\naza = \"azathioprine\"\n").unwrap();
    let t = Triage::with_aliases(vec![r.clone()], aliases);
    assert!(t.check("mouth ulcers and I'm on aza").is_some());
    assert!(
        Triage::new(vec![r])
            .check("mouth ulcers and I'm on aza")
            .is_none()
    );
}
