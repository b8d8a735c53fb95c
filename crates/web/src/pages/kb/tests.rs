//! Section grouping and search routing.

use super::*;

/// The warning-signs page lists emergencies first, then same-day signs, then the ones to
/// discuss, never A-Z across tiers.
#[test]
fn red_flags_are_grouped_by_urgency_most_urgent_first() {
    let kb = myo_kb::Kb::builtin().expect("builtin kb");
    let day = myo_kb::Date::new(2027, 1, 1).expect("date");
    let groups = red_flag_groups(&kb, day);
    let anchors: Vec<&str> = groups.iter().map(|g| g.anchor).collect();
    assert_eq!(anchors, ["emergency", "same-day", "discuss"]);
    let tier_of = |id: &str| {
        kb.red_flags()
            .into_iter()
            .find(|(e, _)| e.id == id)
            .map(|(_, f)| f.tier)
    };
    for (g, (tier, ..)) in groups.iter().zip(TIER_GROUPS) {
        assert!(g.entries.iter().all(|e| tier_of(&e.id) == Some(tier)));
    }
    let total: usize = groups.iter().map(|g| g.entries.len()).sum();
    assert_eq!(total, kb.red_flags().len(), "every red flag is listed once");
    let html = SectionPage {
        l: Layout::default(),
        slug: "red-flags",
        groups,
    }
    .render()
    .expect("renders");
    let at = |needle: &str| html.find(needle).expect(needle);
    assert!(at("group-emergency") < at("group-same-day"));
    assert!(at("group-same-day") < at("group-discuss"));
    assert!(at("/kb/fever-with-low-white-count") < at("group-same-day"));
}

/// "red flags", "warning signs" and "when to call" lead to the warning-signs section.
#[test]
fn warning_sign_words_find_the_red_flag_section() {
    for q in [
        "red flags",
        "Red  Flags for DM",
        "warning signs",
        "when to call the doctor",
        "When should I call?",
        "emergency signs",
    ] {
        assert_eq!(section_for_query(q).map(|s| s.0), Some("red-flags"), "{q}");
    }
    for q in ["rash", "methotrexate dose", "flags of the world", ""] {
        assert_eq!(section_for_query(q), None, "{q}");
    }
}
