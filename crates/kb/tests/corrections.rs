//! Clinical corrections to the built-in knowledge base, one test per rule a rheumatology team
//! would sign off. Each fails if its correction is undone (tier, action or key wording).

use myo_kb::{Entry, FactStatus, Kb, RedFlag, Section, Structured, Tier};

fn kb() -> Kb {
    match Kb::builtin() {
        Ok(kb) => kb,
        Err(e) => panic!("the built-in KB does not load:\n{e}"),
    }
}

fn entry<'a>(kb: &'a Kb, id: &str) -> &'a Entry {
    kb.get(id)
        .unwrap_or_else(|| panic!("entry {id} is missing"))
}

fn flag<'a>(kb: &'a Kb, id: &str) -> &'a RedFlag {
    match &entry(kb, id).structured {
        Some(Structured::RedFlag(f)) => f,
        _ => panic!("{id} has no [red_flag] table"),
    }
}

fn text(e: &Entry) -> String {
    format!("{}\n{}", e.summary, e.body).to_lowercase()
}

fn has(list: &[String], word: &str) -> bool {
    list.iter().any(|p| p.eq_ignore_ascii_case(word))
}

fn cites(e: &Entry, source: &str) -> bool {
    e.sources.iter().any(|s| s.id == source)
}

fn drug_list<'a>(kb: &'a Kb, id: &str, pick: fn(&myo_kb::DrugGuide) -> &Vec<String>) -> String {
    match &entry(kb, id).structured {
        Some(Structured::Drug(d)) => pick(d).join(" | ").to_lowercase(),
        _ => panic!("{id} has no [drug] table"),
    }
}

#[test]
fn fever_after_cyclophosphamide_or_with_a_low_white_count_is_an_emergency() {
    let kb = kb();
    let f = flag(&kb, "fever-with-low-white-count");
    assert_eq!(f.tier, Tier::Emergency);
    assert!(f.action.contains("emergency department now"));
    assert!(f.action.contains("neutropenic sepsis"));
    for w in ["cyclophosphamide", "neutropenia", "low white count"] {
        assert!(has(&f.requires_any, w), "requires_any lacks {w}");
    }
    let e = entry(&kb, "fever-with-low-white-count");
    assert!(cites(e, "rf2-nice-cg151"));
    assert!(text(e).contains("38.0 °c (100.4 °f)"));
    let cyc = drug_list(&kb, "cyclophosphamide", |d| &d.call_care_team_if);
    assert!(cyc.contains("emergency department now"), "{cyc}");
    assert!(text(entry(&kb, "cyclophosphamide")).contains("neutropenic sepsis"));
}

#[test]
fn immunosuppressed_people_who_cannot_reach_their_team_go_to_the_emergency_department() {
    let kb = kb();
    for (e, f) in kb.red_flags() {
        let action = f.action.to_lowercase();
        assert!(
            !action.contains("go to urgent care") && !action.contains("urgent care or"),
            "{}: {}",
            e.id,
            f.action
        );
        if action.contains("urgent care") {
            assert!(
                action.contains("not an urgent care"),
                "{}: {}",
                e.id,
                f.action
            );
        }
        assert!(
            !text(e).contains("go to urgent care"),
            "{} body still sends people to urgent care",
            e.id
        );
    }
    let fever = flag(&kb, "fever-on-immunosuppressants");
    assert!(fever.action.contains("go to the emergency department"));
    assert!(
        fever
            .action
            .contains("cyclophosphamide in the last 3 weeks")
    );
}

#[test]
fn fever_with_a_stiff_neck_or_severe_headache_is_an_emergency() {
    let kb = kb();
    let f = flag(&kb, "fever-with-stiff-neck");
    assert_eq!(f.tier, Tier::Emergency);
    assert!(has(&f.phrases, "stiff neck") && has(&f.phrases, "headache and fever"));
    assert!(has(&f.requires_any, "fever"));
    let e = entry(&kb, "fever-with-stiff-neck");
    assert!(cites(e, "rf2-mayo-meningitis") && cites(e, "rf2-nhs-meningitis"));
    assert!(text(e).contains("does not fade"));
    // The IVIG headache page stays same-day only without fever or neck stiffness.
    let ivig = flag(&kb, "severe-headache-stiff-neck");
    assert_eq!(ivig.tier, Tier::Urgent);
    assert!(ivig.action.contains("fever or a stiff neck"));
    assert!(ivig.action.contains("911"));
}

#[test]
fn belly_pain_in_jdm_or_on_high_dose_steroids_is_an_emergency() {
    let kb = kb();
    let jdm = flag(&kb, "belly-pain-in-jdm");
    assert_eq!(jdm.tier, Tier::Emergency);
    assert!(has(&jdm.requires_any, "jdm"));
    for p in [
        "hard swollen belly",
        "swollen belly",
        "tummy pain",
        "belly pain",
    ] {
        assert!(has(&jdm.phrases, p), "missing phrase {p}");
    }
    assert!(jdm.action.contains("Don't wait for the belly to go hard"));
    let adult = flag(&kb, "severe-belly-pain");
    assert_eq!(adult.tier, Tier::Emergency);
    let page = text(entry(&kb, "juvenile-dermatomyositis"));
    assert!(page.contains("belly pain is different"), "JDM page");
    assert!(
        page.contains("go to the emergency department now"),
        "JDM page"
    );
}

#[test]
fn blistering_or_peeling_skin_after_a_new_medicine_is_an_emergency() {
    let kb = kb();
    let f = flag(&kb, "blistering-or-peeling-skin");
    assert_eq!(f.tier, Tier::Emergency);
    assert!(
        has(&f.phrases, "skin is peeling off") && has(&f.phrases, "blisters in my mouth and eyes")
    );
    let e = entry(&kb, "blistering-or-peeling-skin");
    assert!(cites(e, "rf2-mayo-sjs"));
    assert!(text(e).contains("within 8 weeks"));
    let rash = flag(&kb, "new-or-worse-rash");
    assert_eq!(rash.tier, Tier::Discuss);
    assert!(rash.action.contains("go to the emergency department now"));
    let hcq = drug_list(&kb, "hydroxychloroquine", |d| &d.call_care_team_if);
    assert!(hcq.contains("emergency department now"), "{hcq}");
}

#[test]
fn oxygen_readings_follow_the_nhs_home_oximetry_thresholds() {
    let kb = kb();
    let low = flag(&kb, "low-oxygen-reading");
    assert_eq!(low.tier, Tier::Emergency);
    assert!(has(&low.phrases, "sats are 88") && has(&low.phrases, "spo2 89"));
    let e = entry(&kb, "low-oxygen-reading");
    assert!(text(e).contains("92% or less"));
    assert!(cites(e, "rf2-nhs-whitehorse-oximetry"));
    let lower = flag(&kb, "oxygen-reading-lower-than-usual");
    assert_eq!(lower.tier, Tier::Urgent);
    assert!(
        lower
            .action
            .contains("emergency department, not an urgent care clinic")
    );
    let e = entry(&kb, "oxygen-reading-lower-than-usual");
    let t = text(e);
    assert!(t.contains("93% or 94%") && t.contains("3 points"));
    assert!(cites(e, "rf2-bts-oxygen-2017") && cites(e, "rf2-nhs-whitehorse-oximetry"));
}

#[test]
fn ritonavir_and_paxlovid_are_named_with_tacrolimus_ciclosporin_and_tofacitinib() {
    let kb = kb();
    for id in ["tacrolimus", "ciclosporin"] {
        let i = drug_list(&kb, id, |d| &d.interactions);
        assert!(
            i.contains("paxlovid") && i.contains("ritonavir"),
            "{id}: {i}"
        );
        assert!(i.contains("specialist plan"), "{id}");
        assert!(cites(entry(&kb, id), "rf2-dailymed-paxlovid"), "{id}");
        assert!(text(entry(&kb, id)).contains("paxlovid"), "{id} body");
    }
    assert!(drug_list(&kb, "tofacitinib", |d| &d.interactions).contains("ritonavir"));
    for id in ["prevent-infections", "living-vaccines"] {
        assert!(text(entry(&kb, id)).contains("paxlovid"), "{id}");
    }
}

#[test]
fn dangerous_situations_from_the_drug_guides_each_have_a_red_flag() {
    let kb = kb();
    let cases: [(&str, Tier, &str); 6] = [
        ("coughing-up-blood", Tier::Emergency, "coughing up blood"),
        ("pregnant-on-a-risky-medicine", Tier::Urgent, "i'm pregnant"),
        (
            "sore-throat-or-mouth-ulcers-on-immunosuppressants",
            Tier::Urgent,
            "mouth ulcers",
        ),
        (
            "shingles-near-the-eye",
            Tier::Urgent,
            "shingles near my eye",
        ),
        (
            "vomiting-or-diarrhoea-on-tacrolimus-or-ciclosporin",
            Tier::Urgent,
            "diarrhoea",
        ),
        (
            "head-drop-or-neck-weakness-in-a-child",
            Tier::Urgent,
            "can't lift his head",
        ),
    ];
    for (id, tier, phrase) in cases {
        let f = flag(&kb, id);
        assert_eq!(f.tier, tier, "{id}");
        assert!(has(&f.phrases, phrase), "{id} lacks {phrase}");
    }
    assert!(has(
        &flag(&kb, "pregnant-on-a-risky-medicine").requires_any,
        "mycophenolate"
    ));
    assert!(has(
        &flag(&kb, "sore-throat-or-mouth-ulcers-on-immunosuppressants").requires_any,
        "azathioprine"
    ));
    assert!(has(
        &flag(&kb, "vomiting-or-diarrhoea-on-tacrolimus-or-ciclosporin").requires_any,
        "tacrolimus"
    ));
    assert!(
        flag(&kb, "head-drop-or-neck-weakness-in-a-child")
            .action
            .contains("911")
    );
    assert!(
        flag(&kb, "pregnant-on-a-risky-medicine")
            .action
            .contains("keep taking your other medicines")
    );
}

#[test]
fn rituximab_trial_is_described_as_unproven_with_improvement_over_4_to_6_months() {
    let kb = kb();
    let t = text(entry(&kb, "rituximab"));
    assert!(!t.contains("largest trial"));
    assert!(t.contains("rim trial") && t.contains("could not prove"));
    assert!(t.contains("4 to 6 months") && !t.contains("2 to 4 months"));
}

#[test]
fn worsening_breathlessness_with_anti_mda5_needs_a_hospital_check_today() {
    let kb = kb();
    let f = flag(&kb, "new-cough-or-breathlessness");
    assert!(f.action.contains("anti-MDA5") && f.action.contains("hospital check today"));
    let t = text(entry(&kb, "anti-mda5"));
    assert!(t.contains("hospital check today") && t.contains("92% or less"));
}

#[test]
fn a_glucose_meter_reading_hi_is_an_emergency_and_300_is_marked_partial() {
    let kb = kb();
    let f = flag(&kb, "very-high-blood-sugar");
    assert_eq!(f.tier, Tier::Urgent);
    assert!(f.action.contains("If the meter says HI"));
    let e = entry(&kb, "very-high-blood-sugar");
    let medline = e
        .sources
        .iter()
        .find(|s| s.id == "rf1-medlineplus-high-blood-sugar")
        .expect("MedlinePlus citation");
    assert_eq!(medline.status, Some(FactStatus::Partial));
    assert!(text(e).contains("marked partial"));
}

#[test]
fn anti_mi2_does_not_claim_a_low_cancer_risk() {
    let kb = kb();
    let e = entry(&kb, "anti-mi2");
    assert!(
        !text(e).contains("low cancer risk")
            && !text(e).contains("low chance of lung disease and of cancer")
    );
    assert!(text(e).contains("not settled"));
    if let Some(Structured::Antibody(a)) = &e.structured {
        assert!(a.flags.iter().all(|f| f != "low cancer risk"));
    }
    assert!(!text(entry(&kb, "antibody-defined-dermatomyositis")).contains("low cancer risk"));
}

#[test]
fn food_safety_uses_a_thermometer_not_colour() {
    let kb = kb();
    let t = text(entry(&kb, "foods-to-avoid"));
    assert!(!t.contains("juices run clear"));
    assert!(t.contains("165 °f (74 °c)") && t.contains("145 °f (63 °c)"));
}

#[test]
fn minor_corrections_stay_corrected() {
    let kb = kb();
    assert!(text(entry(&kb, "interferon-blocking-drugs")).contains("died"));
    let lyme = text(entry(&kb, "lyme-disease-link"));
    assert!(!lyme.contains("steere") && !lyme.contains("1988"));
    let anaemia = kb
        .glossary_terms()
        .into_iter()
        .find(|(_, t)| {
            t.medical.eq_ignore_ascii_case("anaemia") || t.medical.eq_ignore_ascii_case("anemia")
        })
        .map(|(_, t)| t.everyday.clone())
        .expect("anaemia term");
    assert!(!has(&anaemia, "thin blood"));
    let rider = kb.source("rider-2017").expect("rider-2017");
    assert!(!rider.title.contains("methodological"));
}

#[test]
fn unsettled_facts_are_marked_partial_and_said_on_the_page() {
    let kb = kb();
    let partial = |id: &str, source: &str| {
        entry(&kb, id)
            .sources
            .iter()
            .any(|s| s.id == source && s.status == Some(FactStatus::Partial) && s.note.is_some())
    };
    assert!(partial("cyclophosphamide", "c3-dailymed-cyclophosphamide"));
    assert!(text(entry(&kb, "cyclophosphamide")).contains("marked partial"));
    assert!(partial("anti-mi2", "oldroyd-2023"));
    assert!(text(entry(&kb, "anti-mi2")).contains("marked partial"));
    let vaccines = text(entry(&kb, "living-vaccines"));
    assert!(vaccines.contains("18 and over") && vaccines.contains("19 and over"));
}

#[test]
fn seeds_are_background_and_labels_are_pinned_by_setid() {
    let kb = kb();
    for s in kb.sources() {
        if s.kind == myo_kb::SourceKind::Seed {
            assert!(s.background, "seed {} is not background", s.id);
        }
        if let Some(url) = &s.url
            && url.contains("dailymed.nlm.nih.gov")
        {
            assert!(
                url.contains("setid=") || url.contains("archiveid="),
                "{} is not pinned: {url}",
                s.id
            );
        }
    }
    let drugs: Vec<&Entry> = kb.section(Section::Drugs).collect();
    assert!(drugs.iter().all(|e| {
        e.sources
            .iter()
            .any(|r| kb.source(&r.id).is_some_and(myo_kb::Source::is_primary))
    }));
}

#[test]
fn a_search_for_red_flags_warning_signs_or_when_to_call_has_an_entry_to_find() {
    let kb = kb();
    let e = entry(&kb, "warning-signs-and-when-to-get-help");
    for w in ["red flags", "warning signs", "when to call"] {
        assert!(has(&e.lay_terms, w), "lay_terms lack {w}");
    }
    let t = text(e);
    let (emergency, same_day, discuss) = (
        t.find("emergency: get help now").expect("emergency"),
        t.find("same day: contact your care team today")
            .expect("same day"),
        t.find("discuss: raise it soon").expect("discuss"),
    );
    assert!(emergency < same_day && same_day < discuss);
}
