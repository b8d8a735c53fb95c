//! Screening on text its authors did not tune it on: identifiers refused with a message naming
//! them, links outside the allow-list refused, dosing instructions held (English and Spanish)
//! while first-person experience passes, plain text only.

use myo_community::{Refusal, Screen, check_pseudonym, tidy};

fn screen() -> Screen {
    Screen::builtin([
        "prednisone",
        "Deltasone",
        "methotrexate",
        "Otrexup",
        "hydroxychloroquine",
        "mycophenolate mofetil",
        "IVIG",
        "prednisona",
        "metotrexato",
    ])
    .expect("tables parse")
}

fn held(text: &str) -> bool {
    !screen().check(text).expect(text).holds.is_empty()
}

#[test]
fn dosing_instructions_are_held() {
    for text in [
        "Stop your prednisone, it is poison.",
        "stop ur prednisone now!!",
        "Take 25 mg daily and you will feel better.",
        "Take 25mg daily.",
        "You should increase your dose when it flares.",
        "Honestly you should double the methotrexate.",
        "Just skip the methotrexate on bad weeks.",
        "Double your dose if the rash comes back.",
        "Try 2.5 mg of prednisone less each week.",
        "Don't take your Deltasone with coffee, take it at night.",
        "Prednisone 20 mg a day is enough for anyone.",
        "Deja la prednisona, te hace daño.",
        "Deje el metotrexato si le sienta mal.",
        "Tienes que bajar la dosis poco a poco.",
        "Toma 25 mg al día y ya está.",
        "Debes aumentar tu dosis.",
        "10 mg cada día es lo normal.",
    ] {
        assert!(held(text), "should be held: {text}");
    }
}

#[test]
fn first_person_experience_is_not_held() {
    for text in [
        "I take 25 mg daily and the rash has calmed down.",
        "My rheumatologist lowered my prednisone slowly over six months.",
        "Walking every day helped my legs more than I expected.",
        "Stopping was hard for me; my team planned it with me.",
        "Yo tomo 10 mg al día y me va bien.",
        "Mi médico me bajó la prednisona poco a poco.",
        "The 2.5 km walk to the shop is my daily goal.",
        "Take a friend to your appointments, it helps to have a second pair of ears.",
        "Start a diary of your symptoms before the visit.",
    ] {
        assert!(!held(text), "should not be held: {text}");
    }
}

#[test]
fn the_hold_carries_a_note_and_the_words() {
    let s = screen().check("Stop your prednisone today.").unwrap();
    assert_eq!(s.holds.len(), 1);
    assert_eq!(s.holds[0].reason, "dosing");
    assert!(
        s.holds[0].matched.contains("stop your prednisone"),
        "{:?}",
        s.holds
    );
    assert!(s.holds[0].note.contains("care team"));
}

type Expect = fn(&Refusal) -> bool;

#[test]
fn identifiers_are_refused_naming_them() {
    let s = screen();
    let cases: [(&str, Expect); 10] = [
        (
            "Write to me at ana.lopez@example.org please",
            |r| matches!(r, Refusal::Email(e) if e == "ana.lopez@example.org"),
        ),
        ("(mail: someone@mail.co.uk).", |r| {
            matches!(r, Refusal::Email(_))
        }),
        (
            "Call me on +44 7700 900123 any time",
            |r| matches!(r, Refusal::Phone(p) if p == "+44 7700 900123"),
        ),
        ("My number is (555) 010-4477, text me", |r| {
            matches!(r, Refusal::Phone(_))
        }),
        ("Llámame al 612 345 678 cuando quieras", |r| {
            matches!(r, Refusal::Phone(_))
        }),
        (
            "Come by 221B Baker Street on Sunday",
            |r| matches!(r, Refusal::Address(a) if a == "221B Baker Street"),
        ),
        ("We meet at 12 Elm Road most weeks", |r| {
            matches!(r, Refusal::Address(_))
        }),
        ("Vivo en Calle Mayor 5, ven cuando quieras", |r| {
            matches!(r, Refusal::Address(_))
        }),
        (
            "Quedamos en la Avenida de la Constitución 12 mañana",
            |r| matches!(r, Refusal::Address(_)),
        ),
        (
            "I found this on https://cheap-cures.example.com/buy helpful",
            |r| matches!(r, Refusal::Link(_)),
        ),
    ];
    for (text, ok) in cases {
        let r = s.check(text).expect_err(text);
        assert!(ok(&r), "{text}: {r:?}");
        // The message names what to remove.
        assert!(
            r.to_string().contains("Please remove") || r.to_string().contains("Links"),
            "{r}"
        );
    }
}

#[test]
fn ordinary_numbers_are_not_identifiers() {
    for text in [
        "My CK went from 12,000 to 300 between 2019-03 and 2020-01.",
        "I walk 2 miles down the road most days.",
        "Diagnosed 15.03.2021, in remission since 2023.",
        "IVIG every 4 weeks for 18 months; 5 of us in the group found it tiring.",
        "I walk 2 blocks up the street and back.",
        "Versión 2.5 del folleto, página 12.",
    ] {
        let r = screen().check(text);
        assert!(r.is_ok(), "{text}: {r:?}");
    }
}

#[test]
fn links_only_to_the_allow_list() {
    let s = screen();
    for ok in [
        "This page was clear: https://medlineplus.gov/dermatomyositis.html",
        "See www.nhs.uk/conditions/ for the basics.",
        "The trial is on clinicaltrials.gov/study/NCT01234567 now.",
        "The leaflet at https://www.myositis.org.uk/ helped.",
        "NINDS has a page: https://www.ninds.nih.gov/health-information",
    ] {
        assert!(s.check(ok).is_ok(), "{ok}");
    }
    for bad in [
        "Buy here: http://miracle-cure.example.net now",
        "Look at evilnih.gov.example.com/page",
        "My blog myblog.com has more",
        "See https://nih.gov.attacker.io/x for more",
        "Visit HTTPS://EXAMPLE.ORG for more",
    ] {
        assert!(matches!(s.check(bad), Err(Refusal::Link(_))), "{bad}");
    }
}

#[test]
fn plain_text_only_and_sane_length() {
    let s = screen();
    assert!(
        matches!(s.check("<script>alert(1)</script> hello"), Err(Refusal::Markup(t)) if t == "<script>alert(1)</script>" || t.starts_with("<script>"))
    );
    assert!(matches!(
        s.check("Nice <b>bold</b> words here"),
        Err(Refusal::Markup(_))
    ));
    assert!(s.check("CK < 200 and dose <5 is fine by my team").is_ok());
    assert!(matches!(s.check("short"), Err(Refusal::Length(5))));
    assert!(matches!(
        s.check(&"a".repeat(2001)),
        Err(Refusal::Length(2001))
    ));
    assert!(matches!(
        s.check("hello\0 there my friends"),
        Err(Refusal::Control)
    ));
    assert!(matches!(
        s.check("hello\u{7} there my friends"),
        Err(Refusal::Control)
    ));
    // Only spaces and line breaks are tidied; words are kept.
    assert_eq!(
        tidy("  one  \r\ntwo\r\n\r\n\r\n\r\n\r\nthree  "),
        "one\ntwo\n\n\nthree"
    );
}

#[test]
fn pseudonyms_never_carry_the_email() {
    assert_eq!(
        check_pseudonym("  Sunny   Walker ", "ana@example.org").unwrap(),
        "Sunny Walker"
    );
    assert!(check_pseudonym("ana.lopez", "ana.lopez@example.org").is_err());
    assert!(check_pseudonym("Ana Lopez 2", "analopez@example.org").is_err());
    assert!(check_pseudonym("me@example.org", "x@example.org").is_err());
    assert!(check_pseudonym("ab", "x@example.org").is_err());
    assert!(check_pseudonym("<b>Bold</b>", "x@example.org").is_err());
    assert!(check_pseudonym("Ñandú Feliz", "x@example.org").is_ok());
}
