//! The built-in red flags triage patient sentences (not the review's own wording) to the tier a
//! clinician would give, and narrow drug lists stay narrow.

use myo_ask::{Corpus, Engine};

fn engine() -> Engine {
    let kb = myo_kb::Kb::builtin().expect("built-in KB");
    Engine::build(Corpus::from_kb(&kb))
}

fn tier(e: &Engine, text: &str) -> (Option<&'static str>, Option<String>) {
    match e.triage().check(text) {
        Some(hit) => (Some(hit.tier.as_str()), Some(hit.rule_id)),
        None => (None, None),
    }
}

#[test]
fn emergencies_in_immunosuppressed_people_triage_as_emergency() {
    let e = engine();
    for text in [
        "had my cytoxan drip 9 days ago and now I'm shivering with a fever",
        "my neutrophils are low and I have a fever",
        "on rituximab, I've got a fever and my neck is really stiff",
        "my son has JDM and a hard swollen belly",
        "my daughter with juvenile dermatomyositis has tummy pain and keeps throwing up",
        "my skin is peeling off after the new tablets",
        "I have blisters in my mouth and eyes since starting a new medicine",
        "I keep coughing up blood",
        "my oximeter says 89 this morning",
        "sats are 90 at rest",
    ] {
        assert_eq!(
            tier(&e, text).0,
            Some("emergency"),
            "{text}: {:?}",
            tier(&e, text)
        );
    }
}

#[test]
fn same_day_problems_triage_as_urgent() {
    let e = engine();
    for text in [
        "I'm pregnant and still taking my cellcept",
        "on azathioprine with a sore throat and mouth ulcers",
        "I think I have shingles near my eye",
        "really bad diarrhoea on prograf since yesterday",
        "my son with JDM can't lift his head off the pillow",
        "my oxygen is 94 today",
    ] {
        assert_eq!(
            tier(&e, text).0,
            Some("urgent"),
            "{text}: {:?}",
            tier(&e, text)
        );
    }
}

#[test]
fn narrow_drug_lists_are_not_widened_to_every_medicine() {
    let e = engine();
    // A fever on methotrexate is same-day, not the cyclophosphamide emergency.
    let (t, rule) = tier(&e, "I'm on methotrexate and my temperature is 38.6");
    assert_eq!(t, Some("urgent"));
    assert_eq!(rule.as_deref(), Some("fever-on-immunosuppressants"));
    // Belly ache on prednisone alone is not the JDM emergency.
    let (_, rule) = tier(&e, "I have a stomach ache on prednisone");
    assert_ne!(rule.as_deref(), Some("belly-pain-in-jdm"));
    // Diarrhoea on methotrexate is not the tacrolimus rule.
    let (_, rule) = tier(&e, "I have diarrhoea on methotrexate");
    assert_ne!(
        rule.as_deref(),
        Some("vomiting-or-diarrhoea-on-tacrolimus-or-ciclosporin")
    );
}
