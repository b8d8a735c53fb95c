//! Inputs their authors did not write: delimiters, BOM, quotes with line breaks, CRLF, NUL
//! bytes, thousands separators, decimal commas, registry codes through a mapping, mapping
//! mistakes, other instruments against `myo score`, and long-format TIS.

use std::sync::Arc;

use arrow_array::RecordBatch;
use myo_api::Scorer;
use myo_cohort::csv_in::Chunker;
use myo_cohort::run::{self, Sink};
use myo_cohort::{Options, Plan, PlanError, Stats};
use serde_json::json;

fn scorer() -> Arc<Scorer> {
    Arc::new(Scorer::builtin().unwrap())
}

/// Scores a CSV text; returns the output CSV text and the stats.
fn score(instrument: &str, csv: &str, mapping: Option<&str>) -> Result<(String, Stats), PlanError> {
    let (head, chunker) =
        Chunker::new(std::io::Cursor::new(csv.as_bytes().to_vec()), 1 << 10).unwrap();
    let today = jiff::civil::date(2026, 12, 7);
    let opts = Options {
        mapping,
        today: Some(today),
        ..Options::default()
    };
    let plan = Plan::new(scorer(), instrument, &head.names, &opts)?;
    let mut out: Vec<u8> = Vec::new();
    let stats = run::run(
        &plan,
        run::csv_source(chunker),
        head.delimiter,
        head.names.len(),
        2,
        Sink::Csv(&mut out),
        &mut |_, _| {},
    )
    .unwrap();
    Ok((String::from_utf8(out).unwrap(), stats))
}

fn lines(out: &str) -> Vec<&str> {
    out.lines().collect()
}

const EULAR_HEAD: &str = "id,age_at_onset_years,heliotrope_rash,proximal_upper_weakness";

#[test]
fn delimiters_bom_crlf_and_quotes_read_alike() {
    let plain = format!("{EULAR_HEAD}\n1,45,true,false\n2,,,true\n");
    let (want, _) = score("eular-acr-2017", &plain, None).unwrap();
    let variants = [
        format!("\u{feff}{}\r\n1,45,true,false\r\n2,,,true\r\n", EULAR_HEAD),
        format!(
            "{}\n1;45;true;false\n2;;;true\n",
            EULAR_HEAD.replace(',', ";")
        ),
        format!(
            "{}\n1\t45\ttrue\tfalse\n2\t\t\ttrue\n",
            EULAR_HEAD.replace(',', "\t")
        ),
        format!("{EULAR_HEAD}\n\"1\",\"45\",\"true\",false\n2,,,\"true\"\n\n"),
        format!("{EULAR_HEAD}\n1, 45 ,true,FALSE\n2,,,True"),
    ];
    for v in variants {
        let (got, stats) = score("eular-acr-2017", &v, None).unwrap();
        assert_eq!(got, want, "{v:?}");
        assert_eq!((stats.rows, stats.failed), (2, 0));
    }
}

#[test]
fn bad_cells_are_named_and_never_stop_the_run() {
    let csv = format!(
        "{EULAR_HEAD}\n1,\"1,000\",true,false\n2,45,yes,false\n3,45,tru\u{0}e,false\n4,45,true\n5,45,true,false,extra\n\"6\nwith a line break\",45.5,true,\n7,1e2,false,false\n8,-1,true,true\n9,NaN,true,true\n"
    );
    let (out, stats) = score("eular-acr-2017", &csv, None).unwrap();
    let l = lines(&out);
    assert!(
        l[1].contains("field age_at_onset_years: \"\"1,000\"\" is not a number"),
        "{}",
        l[1]
    );
    assert!(
        l[2].contains("field heliotrope_rash: \"\"yes\"\" is not true/false"),
        "{}",
        l[2]
    );
    assert!(
        l[3].contains("heliotrope_rash") && l[3].contains("is text with a NUL byte"),
        "{}",
        l[3]
    );
    assert!(
        l[4].contains("field row: has 3 fields but the header has 4"),
        "{}",
        l[4]
    );
    assert!(l[5].contains("field row: has 5 fields"), "{}", l[5]);
    assert!(out.contains("\n\"6\nwith a line break\",5.2,"), "{out}");
    assert!(out.contains("\n7,2.1,"), "1e2 is 100 years: {out}");
    assert!(
        out.contains("field age_at_onset_years: -1 is out of range"),
        "{out}"
    );
    assert!(
        out.contains("field age_at_onset_years: \"\"NaN\"\" is not a number"),
        "{out}"
    );
    assert_eq!(stats.rows, 9);
    assert_eq!(stats.failed, 7);
    assert_eq!(stats.kinds.values().map(|(n, _)| n).sum::<u64>(), 7);
}

#[test]
fn blank_is_missing_never_normal() {
    let (out, _) = score("eular-acr-2017", &format!("{EULAR_HEAD}\n1,45,,\n"), None).unwrap();
    let row = lines(&out)[1];
    assert!(
        row.contains("|heliotrope_rash|") && row.contains(",proximal_upper_weakness|"),
        "{row}"
    );
    assert!(row.starts_with("1,2.1,"), "only the age counts: {row}");
    assert!(!row.contains("field"), "{row}");
}

#[test]
fn mapping_codes_and_columns() {
    let csv = "PATID;AGE;HELIO;PUW;BX;BX_PFA\nA;45;Y;N;1;ja\nB;45;Y;N;0;\nC;45;NA;?;;\n";
    let mapping = r#"
        id_column = "PATID"
        [columns]
        age_at_onset_years = "AGE"
        heliotrope_rash = "HELIO"
        proximal_upper_weakness = "PUW"
        muscle_biopsy = "BX"
        "muscle_biopsy.perifascicular_atrophy" = "BX_PFA"
        [codes]
        true = ["Y", "1"]
        false = ["N", "0"]
        missing = ["NA"]
        [field_codes."muscle_biopsy.perifascicular_atrophy"]
        true = ["ja"]
        false = ["nein"]
    "#;
    let (out, stats) = score("eular-acr-2017", csv, Some(mapping)).unwrap();
    let l = lines(&out);
    assert!(l[0].starts_with("PATID,score,"), "{}", l[0]);
    let direct = Scorer::builtin().unwrap();
    let a = direct.score_json("eular-acr-2017", &json!({"age_at_onset_years": 45, "heliotrope_rash": true, "proximal_upper_weakness": false, "muscle_biopsy": {"perifascicular_atrophy": true}})).unwrap();
    assert!(
        l[1].starts_with(&format!("A,{:?},", a["score"].as_f64().unwrap())),
        "{}",
        l[1]
    );
    let b = direct.score_json("eular-acr-2017", &json!({"age_at_onset_years": 45, "heliotrope_rash": true, "proximal_upper_weakness": false})).unwrap();
    assert!(
        l[2].starts_with(&format!("B,{:?},", b["score"].as_f64().unwrap())),
        "{}",
        l[2]
    );
    assert!(
        l[3].contains("field proximal_upper_weakness: \"\"?\"\" is not true/false"),
        "{}",
        l[3]
    );
    assert_eq!(stats.failed, 1);
}

#[test]
fn mapping_mistakes_are_refused_before_any_row() {
    let csv = format!("{EULAR_HEAD}\n1,45,true,false\n");
    let cases = [
        ("[columns]\nheliotrope = \"H\"\n", "heliotrope_rash"),
        (
            "[codes]\ntrue = [\"1\"]\nfalse = [\"1\"]\n",
            "both true and false",
        ),
        ("[codes]\nmissing = [\"false\"]\n", "false"),
        (
            "[columns]\nheliotrope_rash = \"X\"\ngottrons_sign = \"X\"\n",
            "mapped to both",
        ),
        ("colums = {}\n", "unknown field"),
    ];
    for (mapping, says) in cases {
        let e = score("eular-acr-2017", &csv, Some(mapping))
            .expect_err(mapping)
            .to_string();
        assert!(e.contains(says), "{mapping}: {e}");
    }
    let e = score("eular-acr", &csv, None).err().unwrap().to_string();
    assert!(e.contains("eular-acr-2017"), "suggests the id: {e}");
    let e = score("eular-acr-2017", "id,id,heliotrope_rash\n1,2,true\n", None)
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("more than once"), "{e}");
}

#[test]
fn group_flag_false_with_a_feature_is_an_error() {
    let csv = "id,muscle_biopsy,muscle_biopsy.rimmed_vacuoles\n1,false,true\n2,false,\n3,true,\n";
    let (out, stats) = score("eular-acr-2017", csv, None).unwrap();
    let l = lines(&out);
    assert!(
        l[1].contains(
            "field muscle_biopsy: is false (absent), but muscle_biopsy.rimmed_vacuoles has a value"
        ),
        "{}",
        l[1]
    );
    assert!(
        l[3].contains("endomysial_infiltrate|"),
        "a performed biopsy lists its features missing: {}",
        l[3]
    );
    assert_eq!(stats.failed, 1);
}

#[test]
fn other_instruments_equal_myo_score() {
    let direct = Scorer::builtin().unwrap();
    let cases = [
        (
            "bohan-peter-1975",
            "id,other_myopathies_excluded,symmetric_proximal_weakness,elevated_muscle_enzymes,typical_dm_rash\n1,true,true,true,true\n",
            json!({"other_myopathies_excluded": true, "symmetric_proximal_weakness": true, "elevated_muscle_enzymes": true, "typical_dm_rash": true}),
            "classification",
        ),
        (
            "mmt8",
            "id,mode,grades.neck_flexors,grades.deltoid_middle,grades.biceps_brachii\n1,unilateral,8,T,10\n",
            json!({"mode": "unilateral", "grades": {"neck_flexors": 8, "deltoid_middle": "T", "biceps_brachii": 10}}),
            "total",
        ),
        (
            "mmt8",
            "id,mode,grades.neck_flexors,grades.deltoid_middle.right,grades.deltoid_middle.left\n1,bilateral,8,9,7\n",
            json!({"mode": "bilateral", "grades": {"neck_flexors": 8, "deltoid_middle": {"right": 9, "left": 7}}}),
            "total",
        ),
    ];
    for (id, csv, case, key) in cases {
        let (out, stats) = score(id, csv, None).unwrap();
        assert_eq!(stats.failed, 0, "{id}: {out}");
        let want = direct.score_json(id, &case).unwrap();
        let missing: Vec<&str> = want["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let row = lines(&out)[1];
        assert!(
            row.contains(&missing.join("|")),
            "{id}: {row} vs {missing:?}"
        );
        let shown = match &want[key] {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            v => format!("{:?}", v.as_f64().unwrap()),
        };
        assert!(row.contains(&shown), "{id}: {row} lacks {shown}");
    }
    let (out, stats) = score(
        "mmt8",
        "id,mode,grades.neck_flexors\n1,bilateral,11\n2,sideways,5\n",
        None,
    )
    .unwrap();
    assert_eq!(stats.failed, 2, "{out}");
    assert!(out.contains("field grades.neck_flexors"), "{out}");
    assert!(out.contains("field mode"), "{out}");
}

#[test]
fn tis_scores_each_follow_up_against_the_first_visit() {
    let csv = "patient_id,visit_date,population,mmt_max,physician_global,patient_global,extramuscular,haq,mmt,enzymes.ck.value,enzymes.ck.uln\n\
        a,2024-01-10,adult,80,6,7,4,1.5,60,3000,200\n\
        b,2024-02-01,adult,80,5,5,3,1.2,,,\n\
        a,2024-06-10,adult,80,3,5,2,1.0,66,1000,200\n\
        a,2023-12-01,adult,80,3,5,2,1.0,66,1000,200\n\
        b,2027-01-01,adult,80,3,5,2,1.0,,,\n\
        b,2024-13-01,adult,80,3,5,2,1.0,,,\n\
        ,2024-05-01,adult,80,3,5,2,1.0,,,\n";
    let (out, stats) = score("tis-2016", csv, None).unwrap();
    let l = lines(&out);
    assert!(
        l[0].starts_with("patient_id,visit_date,baseline_visit_date,baseline_rule,score,"),
        "{}",
        l[0]
    );
    assert!(
        l[1].contains(",baseline,") && l[2].contains(",baseline,"),
        "{out}"
    );
    let direct = Scorer::builtin().unwrap();
    let want = direct.score_json("tis-2016", &json!({
        "population": "adult", "mmt_max": 80,
        "baseline": {"physician_global": 6, "patient_global": 7, "extramuscular": 4, "haq": 1.5, "mmt": 60, "enzymes": {"ck": {"value": 3000, "uln": 200}}},
        "followup": {"physician_global": 3, "patient_global": 5, "extramuscular": 2, "haq": 1.0, "mmt": 66, "enzymes": {"ck": {"value": 1000, "uln": 200}}}
    })).unwrap();
    let tis = want["tis"].as_f64().unwrap();
    assert!(
        l[3].starts_with(&format!(
            "a,2024-06-10,2024-01-10,first_row_per_patient,{tis:?},{}",
            want["category"].as_str().unwrap()
        )),
        "{}",
        l[3]
    );
    assert!(
        l[4].contains("not after this patient's baseline visit"),
        "{}",
        l[4]
    );
    assert!(l[5].contains("in the future"), "{}", l[5]);
    assert!(l[6].contains("not a date"), "{}", l[6]);
    assert!(l[7].contains("patient id is blank"), "{}", l[7]);
    assert_eq!((stats.rows, stats.scored, stats.failed), (7, 3, 4));
}

#[test]
fn arrow_batches_pass_the_id_through() {
    use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array};
    let cols: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(Int64Array::from(vec![10, 11]))),
        (
            "age_at_onset_years",
            Arc::new(Float64Array::from(vec![Some(45.0), None])),
        ),
        (
            "heliotrope_rash",
            Arc::new(BooleanArray::from(vec![Some(true), None])),
        ),
    ];
    let batch = RecordBatch::try_from_iter(cols).unwrap();
    let names = myo_cohort::arrow_in::header(&batch.schema());
    let id_type = myo_cohort::arrow_in::id_type(&batch.schema(), None, "id");
    let plan = Plan::new(
        scorer(),
        "eular-acr-2017",
        &names,
        &Options {
            id_type,
            ..Options::default()
        },
    )
    .unwrap();
    let mut stats = Stats::default();
    let out = myo_cohort::arrow_in::score_batch(&plan, &batch, &mut stats).unwrap();
    assert_eq!(out.column(0).as_ref(), batch.column(0).as_ref());
    let mut text = Vec::new();
    myo_cohort::csv_out::rows(&out, None, &mut text);
    let text = String::from_utf8(text).unwrap();
    assert!(text.starts_with("10,5.2,"), "{text}");
    assert!(text.contains("\n11,0.0,not_iim,"), "{text}");
}

#[test]
fn double_underscore_spells_the_dot() {
    let dotted = "id,muscle_biopsy.rimmed_vacuoles\n1,true\n";
    let spark = "id,muscle_biopsy__rimmed_vacuoles\n1,true\n";
    assert_eq!(
        score("eular-acr-2017", dotted, None).unwrap(),
        score("eular-acr-2017", spark, None).unwrap()
    );
    let both = "id,muscle_biopsy.rimmed_vacuoles,muscle_biopsy__rimmed_vacuoles\n1,true,false\n";
    let e = score("eular-acr-2017", both, None).expect_err("two spellings of one field");
    assert!(e.to_string().contains("more than once"), "{e}");
}
