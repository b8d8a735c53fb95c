//! Entry page rendering: stale banner, counterpart link, partial citations.

use super::*;

/// An entry page with only what a test sets: the entry, its section, language, sources and
/// counterpart; everything else empty.
fn page(
    e: &EntryDto,
    section_title: &'static str,
    lang: &str,
    sources: &[SourceLine],
    counterpart: Option<&Counterpart>,
) -> String {
    EntryPage {
        l: Layout::default(),
        e,
        section_title,
        body_html: "",
        structured_html: "",
        sources,
        cites: &[],
        related: &[],
        community: crate::community::Area::default(),
        directory_link: false,
        lang,
        counterpart,
    }
    .render()
    .expect("renders")
}

#[test]
fn overdue_entries_show_the_stale_banner() {
    let kb = myo_kb::Kb::builtin().expect("builtin kb");
    let entry = kb.get("methotrexate").expect("entry");
    let render = |e: &EntryDto| page(e, "Medicines", "en", &[], None);
    let late = myo_kb::Date::new(2100, 1, 1).expect("date");
    let html = render(&EntryDto::from_entry(&kb, entry, late));
    assert!(html.contains("id=\"stale-banner\"") && html.contains("past its review date"));
    let html = render(&EntryDto::from_entry(&kb, entry, entry.reviewed_on));
    assert!(!html.contains("id=\"stale-banner\""));
}

/// A page and its translation link to each other, each link in the other page's language.
#[test]
fn a_page_links_its_counterpart_in_the_other_language() {
    let kb = myo_kb::Kb::builtin().expect("builtin kb");
    let day = myo_kb::Date::new(2027, 1, 1).expect("date");
    for (id, other, lang, label) in [
        (
            "chest-pain",
            "chest-pain-es",
            "es",
            "Esta página en español",
        ),
        ("chest-pain-es", "chest-pain", "en", "This page in English"),
    ] {
        let entry = kb.get(id).expect("entry");
        let c = kb.counterpart(entry).expect("counterpart");
        let counterpart = Counterpart {
            id: c.id.clone(),
            title: c.title.clone(),
            label,
            lang: c.language.clone(),
        };
        let e = EntryDto::from_entry(&kb, entry, day);
        let html = page(
            &e,
            "Warning signs",
            &entry.language,
            &[],
            Some(&counterpart),
        );
        assert!(
            html.contains(&format!("href=\"/kb/{other}\" hreflang=\"{lang}\"")),
            "{id}"
        );
        assert!(html.contains(label), "{id}");
        assert!(
            html.contains(&format!("lang=\"{}\"", entry.language)),
            "{id}"
        );
    }
}

/// A citation flagged partial says so on the page, with what is unconfirmed.
#[test]
fn partial_citations_say_so_on_the_page() {
    let kb = myo_kb::Kb::builtin().expect("builtin kb");
    let entry = kb.get("very-high-blood-sugar").expect("entry");
    let dto = EntryDto::from_entry(&kb, entry, entry.reviewed_on);
    let lines: Vec<SourceLine> = dto.sources.iter().map(SourceLine::from_cited).collect();
    assert!(lines.iter().any(|l| l.partial.is_some()));
    let html = page(&dto, "Warning signs", "en", &lines, None);
    assert!(html.contains("Partly confirmed:") && html.contains("300 mg/dL"));
}
