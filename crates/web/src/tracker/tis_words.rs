//! The Total Improvement Score's result in a language other than English, from the result's
//! data (`tis-2016`'s JSON): the score and its category, each measure's change and points, what
//! was missing (scored 0, so the score is a lower bound) and the status ("not yet verified"
//! when partial); the citation keeps its own words ([`source`]). English pages keep the
//! scorer's own explanation.

use serde_json::Value;

use crate::i18n::{ToArg, Tr, words};

/// The result lines of a `tis-2016` result in `tr`'s language.
pub fn result_lines(tr: &Tr, out: &Value) -> Vec<String> {
    let num = |v: &Value| v.as_f64().map(|x| words::num(tr, x));
    let category = |v: &Value| {
        let id = v.as_str().unwrap_or("none");
        tr.t(&format!("tis-category-{id}"))
    };
    let status = out["status"].as_str().unwrap_or("");
    let mut lines = vec![
        tr.ta(
            "tis-result-title",
            &[
                ("revision", text(&out["revision"]).to_arg()),
                (
                    "status",
                    tr.t(if status == "verified" {
                        "tis-status-verified"
                    } else {
                        "tis-status-not-verified"
                    })
                    .to_arg(),
                ),
            ],
        ),
    ];
    lines.push(tr.t2(
        "tis-result-score",
        "tis",
        num(&out["tis"]).unwrap_or_default(),
        "category",
        category(&out["category"]),
    ));
    if let Some(w) = out.get("without_enzyme_points").filter(|w| w.is_object()) {
        lines.push(tr.t2(
            "tis-result-without-enzyme",
            "tis",
            num(&w["tis"]).unwrap_or_default(),
            "category",
            category(&w["category"]),
        ));
    }
    let mut missing = Vec::new();
    if let Some(measures) = out["measures"].as_object() {
        for (id, m) in measures {
            let mut name = tr.t(&format!("tis-measure-{id}"));
            if let Some(e) = m.get("enzyme").and_then(Value::as_str) {
                name = format!("{name} ({})", e.to_uppercase());
            }
            match (num(&m["baseline"]), num(&m["followup"])) {
                (Some(b), Some(f)) => lines.push(
                    tr.ta(
                        "tis-result-measure",
                        &[
                            ("measure", name.to_arg()),
                            ("baseline", b.to_arg()),
                            ("followup", f.to_arg()),
                            (
                                "change",
                                num(&m["percent_change"])
                                    .unwrap_or_else(|| tr.t("tis-change-undefined"))
                                    .to_arg(),
                            ),
                            ("points", num(&m["points"]).unwrap_or_default().to_arg()),
                        ],
                    ),
                ),
                _ => {
                    lines.push(tr.t1("tis-result-measure-missing", "measure", name.clone()));
                    missing.push(name);
                }
            }
        }
    }
    if out["complete"] == Value::Bool(false) {
        lines.push(tr.t1("tis-result-incomplete", "missing", missing.join(", ")));
    }
    lines
}

/// The result's citation as its source writes it (`reference. doi:… [locator]`), if any.
pub fn source(out: &Value) -> Option<String> {
    let c = &out["citation"];
    c.is_object().then(|| {
        let doi = c["doi"]
            .as_str()
            .map(|d| format!(" doi:{d}"))
            .unwrap_or_default();
        format!("{}.{doi} [{}]", text(&c["reference"]), text(&c["locator"]))
    })
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}
