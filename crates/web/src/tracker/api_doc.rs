//! The OpenAPI description of the tracker's JSON API (merged into `/api/v1/openapi.json`).

use serde_json::{Map, Value, json};

fn param(name: &str, description: &str) -> Value {
    json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}, "description": description})
}

fn kind_param() -> Value {
    let mut k = param("kind", "Record kind");
    k["schema"]["enum"] = json!(super::kinds::slugs());
    k
}

fn err(description: &str) -> Value {
    crate::api::openapi::error_ref(description)
}

fn schemas() -> Value {
    let num = json!({"type": "number", "minimum": 0, "maximum": 10});
    let ratings: Map<String, Value> = myo_tracker::records::Rating::ALL
        .iter()
        .map(|r| (r.id().to_owned(), num.clone()))
        .collect();
    let symptoms: Map<String, Value> = myo_tracker::records::Symptom::ALL
        .iter()
        .map(|s| (s.id().to_owned(), json!({"type": "boolean"})))
        .collect();
    json!({
        "diary": {"type": "object", "required": ["date"], "additionalProperties": false, "properties": {
            "date": {"type": "string", "format": "date"},
            "ratings": {"type": "object", "additionalProperties": false, "properties": ratings},
            "symptoms": {"type": "object", "additionalProperties": false, "properties": symptoms},
            "note": {"type": ["string", "null"], "maxLength": 2000},
            "clear": {"type": "array", "items": {"type": "string"}, "description": "Saved answers of this day to erase (rating ids, question ids, note). A second save of a day updates only what it gives."}
        }},
        "lab": {"type": "object", "required": ["analyte", "value", "unit", "date"], "properties": {
            "analyte": {"type": "string", "enum": myo_tracker::labs::Analyte::ALL.map(|a| a.id())},
            "value": {"type": "number"}, "unit": {"type": "string", "description": "UCUM, e.g. U/L or ukat/L"},
            "low": {"type": ["number", "null"]}, "high": {"type": ["number", "null"]}, "uln": {"type": ["number", "null"]},
            "date": {"type": "string", "format": "date"}
        }},
        "medicine": {"type": "object", "required": ["name", "dose", "route", "schedule", "start"], "properties": {
            "name": {"type": "string"}, "generic_name": {"type": ["string", "null"]}, "rxcui": {"type": ["string", "null"]},
            "dose": {"type": "object", "required": ["amount", "unit"], "properties": {"amount": {"type": "number"}, "unit": {"type": "string", "enum": ["mg", "g", "mcg", "IU", "mL"]}}},
            "route": {"type": "string", "enum": ["oral", "subcutaneous", "intramuscular", "intravenous", "topical"]},
            "schedule": {"type": "object", "required": ["kind"], "description": "kind: daily {time} | several_daily {times} | weekly {day, time} | every_n_weeks {n, time} | course {dates, time} | taper {steps: [{dose, days}], time}. Methotrexate (any brand, spelling or RxCUI) accepts only weekly.", "properties": {"kind": {"type": "string", "enum": ["daily", "several_daily", "weekly", "every_n_weeks", "course", "taper"]}}},
            "start": {"type": "string", "format": "date"}, "end": {"type": ["string", "null"], "format": "date"},
            "confirmation": {"type": ["string", "null"], "maxLength": 2000, "description": "Why the medicine is right despite a warning (a dose above the drug guide's usual maximum, a second medicine with the same ingredient); required after a 422 on confirmation. A second active methotrexate entry is always refused."}
        }},
        "condition": {"type": "object", "required": ["condition"], "properties": {
            "condition": {"type": "string", "enum": myo_tracker::records::ConditionKind::ALL.map(|c| c.id())},
            "diagnosed": {"type": ["string", "null"], "format": "date"}, "resolved": {"type": ["string", "null"], "format": "date"}
        }},
        "antibody": {"type": "object", "required": ["antibody", "outcome", "date"], "properties": {
            "antibody": {"type": "string", "enum": myo_tracker::records::AntibodyKind::ALL.map(|c| c.id())},
            "outcome": {"type": "string", "enum": ["positive", "negative", "equivocal"]},
            "titre": {"type": ["string", "null"], "maxLength": 40}, "date": {"type": "string", "format": "date"}
        }},
        "visit": {"type": "object", "required": ["date"], "properties": {
            "date": {"type": "string", "format": "date"},
            "physician_global": {"type": ["number", "null"], "minimum": 0, "maximum": 10},
            "patient_global": {"type": ["number", "null"], "minimum": 0, "maximum": 10},
            "extramuscular": {"type": ["number", "null"], "minimum": 0, "maximum": 10},
            "mmt8": {"type": ["object", "null"], "description": "Input of the mmt8 instrument (see /instruments/mmt8/schema)"},
            "enzymes": {"type": "array", "items": {"type": "object", "required": ["analyte", "value", "uln"], "properties": {"analyte": {"type": "string", "enum": ["ck", "aldolase", "ast", "alt", "ldh"]}, "value": {"type": "number"}, "uln": {"type": "number"}}}}
        }},
        "assessment": {"type": "object", "required": ["instrument", "date", "input"], "additionalProperties": false, "properties": {
            "instrument": {"type": "string", "enum": super::assessments::INSTRUMENTS.map(|(id, _)| id)},
            "date": {"type": "string", "format": "date"},
            "input": {"type": "object", "description": "Input of the instrument (see /instruments/{instrument}/schema); items left out are reported missing"}
        }},
        "dose": {"type": "object", "required": ["date", "time", "outcome"], "properties": {"date": {"type": "string", "format": "date"}, "time": {"type": "string"}, "outcome": {"type": "string", "enum": ["taken", "missed"]}}},
        "share": {"type": "object", "required": ["sections", "days"], "properties": {"sections": {"type": "array", "items": {"type": "string", "enum": ["symptoms", "strength", "labs", "medicines", "flares"]}}, "days": {"type": "integer", "minimum": 1, "maximum": super::share::MAX_SHARE_DAYS}, "label": {"type": ["string", "null"]}}},
        "grant": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string"}}},
        "profile": {"type": "object", "required": ["time_zone"], "additionalProperties": false, "properties": {
            "time_zone": {"type": "string", "description": "IANA time zone name, e.g. Europe/Berlin; it makes \"today\", diary days, future-date checks and dose times the person's own"},
            "birth_date": {"type": ["string", "null"], "format": "date", "description": "Left out or null keeps the saved one; an empty string removes it"}
        }}
    })
}

/// Adds the tracker's paths to the OpenAPI document's `paths`.
pub fn document_paths(paths: &mut Map<String, Value>) {
    let s = schemas();
    let obj = json!({"type": "object"});
    let pid = param("id", "Patient id (the patient's account id)");
    let rec = param("record", "Record id");
    let std = |ok_code: &str, ok: &str| {
        json!({
            ok_code: {"description": ok, "content": {"application/json": {"schema": obj.clone()}}},
            "401": err("Missing or invalid token"),
            "403": err("Clinicians may only read"),
            "404": err("No such patient, or not yours and not granted (same answer)"),
            "422": err("Invalid input; `field` names it"),
        })
    };
    let op = |summary: &str, params: Vec<Value>, body: Option<&Value>, responses: Value| {
        let mut o = json!({"summary": summary, "parameters": params, "responses": responses, "security": [{"bearer": []}]});
        if let Some(b) = body {
            o["requestBody"] =
                json!({"required": true, "content": {"application/json": {"schema": b}}});
            crate::api::openapi::add_body_errors(&mut o["responses"]);
        }
        o
    };
    let q = |name: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string", "format": "date"}});
    let table: Vec<(&str, &str, Value)> = vec![
        (
            "get",
            "/patients/{id}/dashboard",
            op(
                "Dashboard: counts, monitoring due with sources, flare signals (partial)",
                vec![pid.clone()],
                None,
                std("200", "Dashboard"),
            ),
        ),
        (
            "get",
            "/patients/{id}/diary",
            op(
                "Diary entries (gaps are absent days)",
                vec![pid.clone(), q("from"), q("to")],
                None,
                std("200", "Entries"),
            ),
        ),
        (
            "post",
            "/patients/{id}/diary",
            op(
                "Save a day's diary (again = update); `triage` is set for emergency/urgent red flags",
                vec![pid.clone()],
                Some(&s["diary"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/labs",
            op(
                "Lab results",
                vec![pid.clone(), q("from"), q("to")],
                None,
                std("200", "Results"),
            ),
        ),
        (
            "post",
            "/patients/{id}/labs",
            op(
                "Add a lab result",
                vec![pid.clone()],
                Some(&s["lab"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/conditions",
            op(
                "Diagnoses as recorded, with verified ICD-10-CM/SNOMED CT codes",
                vec![pid.clone()],
                None,
                std("200", "Conditions"),
            ),
        ),
        (
            "post",
            "/patients/{id}/conditions",
            op(
                "Record a diagnosis",
                vec![pid.clone()],
                Some(&s["condition"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/antibodies",
            op(
                "Antibody results, with the knowledge base's flags for positive ones",
                vec![pid.clone(), q("from"), q("to")],
                None,
                std("200", "Results"),
            ),
        ),
        (
            "post",
            "/patients/{id}/antibodies",
            op(
                "Add an antibody result",
                vec![pid.clone()],
                Some(&s["antibody"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/visits",
            op(
                "Visits (core set measures)",
                vec![pid.clone()],
                None,
                std("200", "Visits"),
            ),
        ),
        (
            "post",
            "/patients/{id}/visits",
            op(
                "Record a visit",
                vec![pid.clone()],
                Some(&s["visit"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/tis",
            op(
                "Total Improvement Score between two visits (the tis-2016 result)",
                vec![
                    pid.clone(),
                    json!({"name": "baseline", "in": "query", "required": true, "schema": {"type": "string"}}),
                    json!({"name": "followup", "in": "query", "required": true, "schema": {"type": "string"}}),
                ],
                None,
                std("200", "TIS result"),
            ),
        ),
        (
            "get",
            "/patients/{id}/assessments",
            op(
                "Strength and function assessments (MMT-8, HAQ-DI, CMAS) with key results and explanations",
                vec![pid.clone()],
                None,
                std("200", "Assessments"),
            ),
        ),
        (
            "post",
            "/patients/{id}/assessments",
            op(
                "Score and store an assessment (201 with id and key results)",
                vec![pid.clone()],
                Some(&s["assessment"]),
                std("201", "Saved"),
            ),
        ),
        (
            "get",
            "/patients/{id}/medicines",
            op(
                "Medicines",
                vec![pid.clone()],
                None,
                std("200", "Medicines"),
            ),
        ),
        (
            "post",
            "/patients/{id}/medicines",
            op(
                "Add a medicine (daily methotrexate is refused: 422 schedule.kind)",
                vec![pid.clone()],
                Some(&s["medicine"]),
                std("201", "Saved, with suggestions"),
            ),
        ),
        (
            "post",
            "/patients/{id}/medicines/{record}/doses",
            op(
                "Record a dose taken or missed",
                vec![pid.clone(), rec.clone()],
                Some(&s["dose"]),
                std("201", "Saved"),
            ),
        ),
        (
            "delete",
            "/patients/{id}/records/{kind}/{record}",
            op(
                "Delete one record (kind: diary, home_tests, assessments, labs, medicines, doses, conditions, antibodies, visits; a medicine's doses go with it)",
                vec![pid.clone(), kind_param(), rec.clone()],
                None,
                std("204", "Deleted"),
            ),
        ),
        (
            "put",
            "/patients/{id}/records/{kind}/{record}",
            op(
                "Edit one record: the kind's edit-form fields (omitted ones keep their values) and the `version` read; the earlier version is kept; 409 `changed` if it changed since (kinds with an edit form: diary, labs, home_tests, conditions, antibodies, visits, assessments)",
                vec![pid.clone(), kind_param(), rec.clone()],
                Some(
                    &json!({"type": "object", "required": ["version"], "properties": {"version": {"type": "integer", "minimum": 1}}, "additionalProperties": true}),
                ),
                std("200", "Saved; the new version"),
            ),
        ),
        (
            "get",
            "/patients/{id}/records/{kind}/{record}/history",
            op(
                "A record's current version and its earlier versions (columns and when each was replaced)",
                vec![pid.clone(), kind_param(), rec.clone()],
                None,
                std("200", "History"),
            ),
        ),
        (
            "get",
            "/patients/{id}/export/fhir",
            op(
                "FHIR R4 collection Bundle of everything the patient owns",
                vec![pid.clone()],
                None,
                {
                    let mut r = std("200", "Bundle");
                    r["200"]["content"] = json!({"application/fhir+json": {"schema": obj.clone()}});
                    r
                },
            ),
        ),
        (
            "get",
            "/patients/{id}/shares",
            op(
                "Share links (never their secrets)",
                vec![pid.clone()],
                None,
                std("200", "Links"),
            ),
        ),
        (
            "post",
            "/patients/{id}/shares",
            op(
                "Create a share link (scoped, expiring); the URL is shown once",
                vec![pid.clone()],
                Some(&s["share"]),
                std("201", "Created"),
            ),
        ),
        (
            "delete",
            "/patients/{id}/shares/{record}",
            op(
                "Revoke a share link",
                vec![pid.clone(), rec.clone()],
                None,
                std("204", "Revoked"),
            ),
        ),
        (
            "get",
            "/patients/{id}/grants",
            op(
                "Clinician grants",
                vec![pid.clone()],
                None,
                std("200", "Grants"),
            ),
        ),
        (
            "post",
            "/patients/{id}/grants",
            op(
                "Grant a clinician account access by e-mail",
                vec![pid.clone()],
                Some(&s["grant"]),
                std("201", "Granted"),
            ),
        ),
        (
            "delete",
            "/patients/{id}/grants/{record}",
            op(
                "Revoke a clinician's access",
                vec![pid.clone(), rec.clone()],
                None,
                std("204", "Revoked"),
            ),
        ),
        (
            "get",
            "/patients/{id}/profile",
            op(
                "The person's time zone (UTC until one is saved), date of birth and today",
                vec![pid.clone()],
                None,
                std("200", "Profile"),
            ),
        ),
        (
            "put",
            "/patients/{id}/profile",
            op(
                "Set the time zone (and date of birth): the person or a child's parent only (403 otherwise)",
                vec![pid.clone()],
                Some(&s["profile"]),
                std("200", "Profile"),
            ),
        ),
        (
            "delete",
            "/patients/{id}/data",
            op(
                "Delete all my tracker data (audit keeps only the fact)",
                vec![pid.clone()],
                None,
                std("200", "Deleted count"),
            ),
        ),
    ];
    for (method, path, operation) in table {
        let entry = paths.entry(path.to_owned()).or_insert_with(|| json!({}));
        entry[method] = operation;
    }
}
