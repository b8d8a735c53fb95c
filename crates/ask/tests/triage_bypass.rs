//! Red-flag triage against the built-in knowledge base, fed bypass phrasings (typos, carers, no
//! punctuation, capitals, brands, separators, NUL bytes) and look-alikes that must stay quiet.
//! Each family fails if its feature breaks.

use myo_ask::{AskContext, ContactKind, CountryCode, Kind, Tier};

mod support;

use support::{assert_fires, assert_quiet, engine, hit};

#[test]
fn crisis_direct_indirect_and_carers() {
    let e = engine();
    assert_fires(
        &e,
        "suicidal-thoughts",
        Tier::Emergency,
        &[
            "I've got a stash of tablets ready for when I can't take it anymore",
            "im planning to end it this weekend",
            "nobody would miss me if i was gone",
            "i wish i could go to sleep and never wake up",
            "thinking of taking every pill in the house",
            "my teenage son keeps talking about not being around anymore",
            "she has been giving away her jewellery and saying goodbye",
            "whats the point of living like this",
            "I want to hurt myself",
            "i keep scratching my arms until they bleed",
            "i've written my will and said my goodbyes",
            "I dont see a way out",
            "i wanna die",
            "I WANT TO KILL MYSELF",
            "i want to kil myself",
            "i want to\u{0}kill myself",
            "i-want-to-end-it-all",
            "im suicidal",
            "my husband keeps saying he wants to die",
            "should i just take all my pills at once and be done with it",
            "I'm scared I might hurt myself tonight",
        ],
    );
}

#[test]
fn crisis_look_alikes_stay_quiet() {
    let e = engine();
    assert_quiet(
        &e,
        &[
            "are suicidal thoughts a side effect of prednisone",
            "is suicide more common in people with myositis",
            "what are the warning signs of suicide in teenagers",
            "my uncle killed himself years ago, is depression common with dm",
            "I'm dying to know if dm is genetic",
            "I cut myself shaving this morning",
            "i'm not suicidal, just tired of the rash",
            "I take all my pills in the morning with breakfast",
        ],
    );
}

#[test]
fn crisis_beats_every_guardrail_and_leads_with_the_crisis_line() {
    let e = engine();
    for q in [
        "i want to stop all my meds and just let the disease take me",
        "should i just take all my prednisone at once and be done with it",
        "can I take all my methotrexate at once to end it",
    ] {
        let r = e.ask(q);
        let t = r.triage.as_ref().expect(q);
        assert_eq!(t.rule_id, "suicidal-thoughts", "{q}");
        assert!(!matches!(r.kind, Kind::Refusal(_)), "{q}: got a refusal");
        assert!(
            !r.answer.contains("keep taking your medicine"),
            "{q}: {}",
            r.answer
        );
        assert!(
            r.answer
                .starts_with("EMERGENCY: United States: Suicide & Crisis Lifeline 988"),
            "{q}: {}",
            r.answer
        );
        assert!(r.answer.contains("Samaritans 116 123"), "{}", r.answer);
        assert!(r.answer.contains("112"), "{}", r.answer);
        assert_eq!(r.citations[0].id, "suicidal-thoughts", "{q}");
        let kinds: Vec<ContactKind> = r.contacts.iter().map(|c| c.line.kind).collect();
        assert!(kinds.contains(&ContactKind::Crisis));
        assert!(r.contacts.iter().all(|c| !c.line.dial.is_empty()));
    }
}

#[test]
fn the_country_chooses_the_lines() {
    let e = engine();
    let ctx = |code: &str| AskContext {
        country: Some(CountryCode::parse(code).unwrap()),
    };
    let q = "i don't want to be here anymore";
    let gb = e.ask_with(q, &ctx("uk"));
    assert!(
        gb.answer
            .starts_with("EMERGENCY: United Kingdom: Samaritans 116 123"),
        "{}",
        gb.answer
    );
    assert!(!gb.answer.contains("United States:"), "{}", gb.answer);
    let dials: Vec<&str> = gb.contacts.iter().map(|c| c.line.dial.as_str()).collect();
    assert_eq!(dials, ["116123", "999"]);
    let au = e.ask_with(q, &ctx("AU"));
    assert!(au.answer.contains("Lifeline 13 11 14"), "{}", au.answer);
    let es = e.ask_with(q, &ctx("ES"));
    assert!(es.answer.contains("024"), "{}", es.answer);
    let mx = e.ask_with(q, &ctx("MX"));
    assert!(mx.answer.contains("800 911 2000"), "{}", mx.answer);
    let nz = e.ask_with(q, &ctx("NZ"));
    assert!(nz.answer.contains("1737"), "{}", nz.answer);
    let ca = e.ask_with(q, &ctx("CA"));
    assert!(ca.answer.contains("9-8-8"), "{}", ca.answer);
    // Any emergency carries the country's emergency number for a tel: link.
    let choke = e.ask_with("my dad is choking", &ctx("FR"));
    let dials: Vec<&str> = choke
        .contacts
        .iter()
        .map(|c| c.line.dial.as_str())
        .collect();
    assert_eq!(dials, ["112"]);
    // ask() keeps working: US, UK and 112.
    let d = e.ask(q);
    let dials: Vec<&str> = d.contacts.iter().map(|c| c.line.dial.as_str()).collect();
    assert_eq!(dials, ["988", "911", "116123", "999", "112"]);
}

#[test]
fn reported_methotrexate_dosing_errors() {
    let e = engine();
    assert_fires(
        &e,
        "methotrexate-overdose",
        Tier::Emergency,
        &[
            "i accidentally took my methotrexate twice",
            "took mtx on tuesday and again on friday",
            "I might have taken my methotrexate two times this week",
            "mistakenly had 2 shots of my methotrexate injection",
            "my methotrexate was taken every day for a week by my dad",
            "i took 6 tablets of methotrexate today and 6 yesterday",
            "oops double dosed on mtx",
            "MY MUM TOOK HER METHOTREXATE TWICE THIS WEEK",
            "took my metotrexate again today",
            "took my Trexall two days in a row",
            "my son had his xatmep every day this week",
            "took my\tmtx twice this week",
        ],
    );
    assert_quiet(
        &e,
        &[
            "is taking methotrexate twice a week dangerous",
            "I take 20mg methotrexate weekly and 5mg folic acid daily",
            "what should I do if I miss a dose of methotrexate",
            "should I take methotrexate every day",
            "I take prednisone daily and methotrexate on fridays",
        ],
    );
}

#[test]
fn diary_shaped_text_uses_the_same_rules() {
    // The tracker's diary check feeds the same triage: ticked symptoms, the note, then "I take …".
    let e = engine();
    assert_quiet(
        &e,
        &[
            "I feel tired every day. I take methotrexate and folic acid.",
            "Walked twice round the garden. I take methotrexate.",
            "No fever today. I take prednisone and methotrexate.",
        ],
    );
    assert_fires(
        &e,
        "methotrexate-overdose",
        Tier::Emergency,
        &["Took it again today by mistake. I take methotrexate."],
    );
    assert_fires(
        &e,
        "suicidal-thoughts",
        Tier::Emergency,
        &["I don't want to wake up tomorrow. I take prednisone."],
    );
    assert_fires(
        &e,
        "fever-on-immunosuppressants",
        Tier::Emergency,
        &["I have a fever. I take cyclophosphamide."],
    );
}

#[test]
fn an_overdose_answer_leads_with_the_poison_line() {
    let e = engine();
    let r = e.ask("I took 2 methotrexate doses this week");
    assert_eq!(r.triage.as_ref().map(|t| t.tier), Some(Tier::Emergency));
    assert!(
        r.answer.starts_with(
            "EMERGENCY: United States: Poison Control (Poison Help line) 1-800-222-1222"
        ),
        "{}",
        r.answer
    );
    assert!(
        r.answer
            .contains("NHS (urgent advice, including poisoning) 111"),
        "{}",
        r.answer
    );
    assert_eq!(r.citations[0].id, "methotrexate-overdose");
    // The missed-dose rule is not in the answer.
    assert!(!r.answer.contains("take it then"), "{}", r.answer);
}

#[test]
fn oxygen_readings() {
    let e = engine();
    assert_fires(
        &e,
        "breathing-difficulty",
        Tier::Emergency,
        &[
            "sats 90",
            "my o2 is 88 on my finger monitor",
            "oxygen level 91 percent at rest",
            "SATS 85 HELP",
            "my daughter's pulse ox reads 92",
            "spo2: 89%",
        ],
    );
    assert_fires(
        &e,
        "new-cough-or-breathlessness",
        Tier::Urgent,
        &["my sats are 94 today", "oxygen 93% sitting down"],
    );
    assert_quiet(
        &e,
        &[
            "oxygen sat of 95",
            "i'm on 2 litres of oxygen at home",
            "my spo2 is 98 percent",
            "what should my oxygen saturation be",
        ],
    );
    // A normal reading never cancels the words.
    assert_fires(
        &e,
        "breathing-difficulty",
        Tier::Emergency,
        &["sats 97 but I can't breathe"],
    );
}

#[test]
fn glucose_meter_hi() {
    let e = engine();
    assert_fires(
        &e,
        "very-high-blood-sugar|glucose-meter-reads-hi",
        Tier::Emergency,
        &[
            "my sugar meter says HI and i feel sick",
            "the glucose meter just says high",
            "the meter said HI",
            "sugar is 400 and i keep throwing up",
        ],
    );
    assert_quiet(&e, &["hi, my sugar meter reading was 140 this morning"]);
}

#[test]
fn fever_after_cyclophosphamide_or_with_low_white_count() {
    let e = engine();
    assert_fires(
        &e,
        "fever-on-immunosuppressants|fever-with-low-white-count",
        Tier::Emergency,
        &[
            "I had cytoxan 8 days ago and now a temp of 38.3",
            "fever 38.9 two weeks after my cyclophosphamide infusion",
            "my neutrophils are low and i have chills",
            "had cyclophosphamide last week, temp 101F",
        ],
    );
    // Months ago: at least the same-day rule (the low-white-count entry escalates any fever
    // with cyclophosphamide named; when in doubt, escalate). A normal temperature: nothing.
    assert!(
        hit(
            &e,
            "I had cyclophosphamide 3 months ago and now have a fever of 38.5"
        )
        .is_some_and(|(t, _)| t >= Tier::Urgent)
    );
    assert_quiet(&e, &["temperature 37.2 after cyclophosphamide last week"]);
    // The same-day rule sends people who can't reach their team to the emergency department.
    let r = e.ask("I'm on methotrexate and I have a fever of 38.5");
    assert!(r.answer.contains("emergency department"), "{}", r.answer);
    assert!(!r.answer.contains("go to urgent care"), "{}", r.answer);
}

#[test]
fn fever_with_stiff_neck_or_severe_headache() {
    let e = engine();
    assert_fires(
        &e,
        "severe-headache-stiff-neck|fever-with-stiff-neck",
        Tier::Emergency,
        &[
            "stiff neck, fever 39, on cellcept",
            "terrible headache and high temp on rituximab",
            "HIGH TEMP AND STIFF NECK",
        ],
    );
    assert_eq!(
        hit(&e, "bad headache after ivig, no fever"),
        Some((Tier::Urgent, "severe-headache-stiff-neck".into()))
    );
}

#[test]
fn belly_in_jdm_or_on_steroids() {
    let e = engine();
    assert_fires(
        &e,
        "severe-belly-pain|belly-pain-in-jdm",
        Tier::Emergency,
        &[
            "my daughter with jdm is vomiting and has belly pain",
            "my son has jdm and his tummy is really swollen",
            "on prednisone 40mg and my stomach is hard and swollen",
            "tummy ache and throwing up on steroids",
        ],
    );
    assert_quiet(&e, &["my son with jdm is doing well, no tummy pain now"]);
}

#[test]
fn anti_mda5_breathlessness_gets_the_same_day_hospital_action() {
    let e = engine();
    for q in [
        "mda5 and i'm more short of breath each day",
        "i have anti mda 5 and cough getting worse",
    ] {
        let h = e.triage().check(q).expect(q);
        assert_eq!(h.tier, Tier::Urgent, "{q}");
        assert!(
            h.action.starts_with("Get a hospital assessment today"),
            "{q}"
        );
    }
}

#[test]
fn blistering_or_peeling_skin_after_a_new_drug() {
    let e = engine();
    assert_fires(
        &e,
        "new-or-worse-rash|blistering-or-peeling-skin",
        Tier::Emergency,
        &[
            "my skin is blistering after starting allopurinol",
            "skin peeling off my hands and blisters in my mouth",
        ],
    );
    assert_quiet(&e, &["i have a blister on my heel from new shoes"]);
}

#[test]
fn context_negation_past_deceased_quotes_definitions() {
    let e = engine();
    assert_quiet(
        &e,
        &[
            "the leaflet says to call 911 if your lips turn blue",
            "the label said call your doctor if you get a fever on methotrexate",
            "what does the word anaphylactic mean",
            "meaning of neutropenic sepsis",
            "i read that chest pain can happen with myositis",
            "the nurse told us to watch for chest pain",
            "my grandpa passed away from a heart attack",
            "my dad died after a stroke",
            "my mother had a seizure when she was young",
            "i used to get chest pain years ago",
            "i had chest pain last year",
            "no chest pain, no fever, no breathing problems",
            "i have never had a seizure in my life",
        ],
    );
    // A present sign in the first person, or a carer's report about someone alive, always fires.
    for q in [
        "my grandmother died of a stroke and now i have crushing chest pain",
        "i had a fever last year and now i have chest pain",
        "the leaflet says call 911 if you cant breathe and i cant breathe",
        "my husband isn't breathing",
        "he's not breathing",
        "MY DAD CANT BREATH HELP",
        "my dad cant breath help",
        "kid is choking on grape",
        "she is turning blue",
        "what does it mean that i cant breathe",
    ] {
        assert_eq!(
            hit(&e, q).map(|(t, _)| t),
            Some(Tier::Emergency),
            "{q:?} must alarm"
        );
    }
}
