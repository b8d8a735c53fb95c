//! The sync against recorded API v2 pages (pagination, an error page, a bad answer), the
//! finder's filters and pre-screen on those studies, the place table and the directory.

use myo_trials::card::{card, grade_note};
use myo_trials::filter::{Filter, apply};
use myo_trials::geo::{Found, Places, distance_km};
use myo_trials::prescreen::{Person, Verdict, prescreen};
use myo_trials::sync::run;
use myo_trials::v2::{BASE_URL, page_url, parse_page, parse_study};
use myo_trials::{Sex, Trial};

const PAGE_1: &str = include_str!("fixtures/page-1.json");
const PAGE_2: &str = include_str!("fixtures/page-2.json");
const ERROR_PAGE: &str = include_str!("fixtures/page-2-error.html");
const BAD_REQUEST: &str = include_str!("fixtures/bad-request.json");

/// A fetch over the fixtures: the first page without a token, the second with it.
fn fixtures(second: &'static str) -> impl FnMut(&str) -> Result<String, String> {
    move |url: &str| {
        assert!(url.starts_with(BASE_URL));
        if url.contains("pageToken=tok-page-2") {
            if second.starts_with('<') {
                Err("HTTP 503 Service Unavailable".to_owned())
            } else {
                Ok(second.to_owned())
            }
        } else {
            Ok(PAGE_1.to_owned())
        }
    }
}

fn trials() -> Vec<Trial> {
    let synced = run(BASE_URL, fixtures(PAGE_2)).unwrap();
    synced
        .studies
        .iter()
        .map(|(_, json)| parse_study(json).unwrap())
        .collect()
}

#[test]
fn the_query_names_every_condition_term() {
    let url = page_url(BASE_URL, None);
    for term in [
        "dermatomyositis",
        "polymyositis",
        "%22inclusion%20body%20myositis%22",
        "%22juvenile%20dermatomyositis%22",
        "%22anti-synthetase%20syndrome%22",
        "%22necrotizing%20myopathy%22",
    ] {
        assert!(url.contains(term), "{term} missing from {url}");
    }
    assert!(url.contains("%20OR%20"));
    assert!(!url.contains("pageToken"));
    assert!(page_url(BASE_URL, Some("a b&c")).ends_with("&pageToken=a%20b%26c"));
}

#[test]
fn a_sync_pages_through_next_page_token() {
    let mut urls = Vec::new();
    let mut inner = fixtures(PAGE_2);
    let synced = run(BASE_URL, |u| {
        urls.push(u.to_owned());
        inner(u)
    })
    .unwrap();
    assert_eq!(synced.pages, 2);
    assert_eq!(urls.len(), 2);
    assert!(urls[1].contains("pageToken=tok-page-2"));
    let ids: Vec<&str> = synced.studies.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(
        ids,
        ["NCT09900001", "NCT09900002", "NCT09900003", "NCT09900004"]
    );
}

#[test]
fn a_failed_page_stops_the_sync_and_keeps_nothing() {
    let e = run(BASE_URL, fixtures(ERROR_PAGE)).unwrap_err();
    assert_eq!(e.page, 2);
    assert!(e.reason.contains("503"));
    // A 200 with an HTML body, or JSON without studies, is refused too.
    let e = run(BASE_URL, |_| Ok(ERROR_PAGE.to_owned())).unwrap_err();
    assert!(e.reason.contains("not JSON"), "{e}");
    let e = run(BASE_URL, |_| Ok(BAD_REQUEST.to_owned())).unwrap_err();
    assert!(e.reason.contains("no `studies`"), "{e}");
    // A token that repeats is a loop, not more data.
    let e = run(BASE_URL, |_| Ok(PAGE_1.to_owned())).unwrap_err();
    assert!(e.reason.contains("repeated"), "{e}");
}

#[test]
fn a_study_is_read_from_its_protocol_section() {
    let t = trials();
    let x = &t[0];
    assert_eq!(x.nct_id, "NCT09900001");
    assert_eq!(x.status, "RECRUITING");
    assert_eq!(x.phases, ["PHASE3"]);
    assert_eq!(x.eligibility.min_age_months, Some(216));
    assert_eq!(x.eligibility.max_age_months, Some(900));
    assert_eq!(x.interventions[0].kind, "DRUG");
    assert_eq!(x.places[1].lat, Some(53.7965));
    assert_eq!(x.arms, 2);
    // Missing fields stay missing.
    let ibm = &t[1];
    assert_eq!(ibm.eligibility.max_age_months, None);
    assert!(ibm.contacts.is_empty());
    let obs = &t[3];
    assert_eq!(obs.eligibility.sex, Some(Sex::Female));
    assert!(obs.interventions.is_empty());
    // Not a study.
    assert!(parse_study("{}").is_err());
    assert!(parse_page("{\"studies\":[{\"protocolSection\":{}}]}").is_err());
}

fn find(query: &str) -> Vec<String> {
    let t = trials();
    let places = Places::builtin().unwrap();
    let pairs: Vec<(String, String)> = form_pairs(query);
    let f = Filter::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
    apply(&t, &f, &places)
        .unwrap()
        .iter()
        .map(|h| h.trial.nct_id.clone())
        .collect()
}

fn form_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k.to_owned(), v.replace('+', " "))
        })
        .collect()
}

#[test]
fn filters_by_status_phase_intervention_age_and_sex() {
    // Default: open studies only (recruiting, not yet recruiting).
    assert_eq!(find(""), ["NCT09900001", "NCT09900002", "NCT09900003"]);
    assert_eq!(find("status=recruiting"), ["NCT09900001", "NCT09900003"]);
    assert_eq!(find("status=any&status=completed"), ["NCT09900004"]);
    assert_eq!(find("phase=3"), ["NCT09900001"]);
    assert_eq!(find("phase=na"), ["NCT09900002"]);
    assert_eq!(find("intervention=behavioral"), ["NCT09900002"]);
    assert_eq!(find("intervention=biological"), ["NCT09900003"]);
    // Ages: 17 fits "2 to 17 years", not "18 years or older"; 80 is past 75.
    assert_eq!(find("age=17"), ["NCT09900003"]);
    assert_eq!(find("age=18"), ["NCT09900001"]);
    assert_eq!(find("age=80"), ["NCT09900002"]);
    assert_eq!(
        find("status=any&sex=male"),
        ["NCT09900001", "NCT09900002", "NCT09900003"]
    );
    assert_eq!(find("status=any&sex=female").len(), 4);
}

#[test]
fn filters_by_distance_from_a_city_or_by_country() {
    // Leeds site of NCT09900001; Manchester is about 58 km away.
    assert_eq!(find("near=Manchester&within=100"), ["NCT09900001"]);
    assert!(find("near=Manchester&within=10").is_empty());
    // Case and spacing do not matter; aliases work; nearest first.
    assert_eq!(
        find("near=  new   YORK &within=1000"),
        ["NCT09900001", "NCT09900003"]
    );
    assert_eq!(find("near=Sevilla&within=500"), ["NCT09900002"]);
    assert_eq!(find("near=Seville&within=500"), ["NCT09900002"]);
    // A country matches its sites, whatever the distance.
    assert_eq!(find("near=UK"), ["NCT09900001"]);
    assert_eq!(find("near=España"), ["NCT09900002"]);
}

#[test]
fn bad_filters_name_the_parameter() {
    let places = Places::builtin().unwrap();
    for (k, v, field) in [
        ("age", "forty", "age"),
        ("age", "1,000", "age"),
        ("age", "-3", "age"),
        ("age", "121", "age"),
        ("phase", "5", "phase"),
        ("sex", "f", "sex"),
        ("within", "0", "within"),
        ("intervention", "magic", "intervention"),
        ("status", "open ", "status"),
        ("colour", "blue", "query"),
    ] {
        match Filter::parse([(k, v)]) {
            Err(e) => assert_eq!(e.field, field, "{k}={v}"),
            Ok(f) if k == "status" => assert_eq!(f.status, Default::default()),
            Ok(f) => panic!("{k}={v} accepted: {f:?}"),
        }
    }
    let f = Filter::parse([("near", "LS1 4AP")]).unwrap();
    let e = apply(&trials(), &f, &places).unwrap_err();
    assert_eq!(e.field, "near");
    assert!(e.message.contains("postcodes are not supported"));
}

#[test]
fn the_place_table_is_sane() {
    let places = Places::builtin().unwrap();
    assert!(places.cities().len() >= 60);
    for c in places.cities() {
        assert!(c.geonameid > 0 && matches!(c.status.as_str(), "verified" | "partial"));
    }
    let Some(Found::City(london)) = places.find("london") else {
        panic!()
    };
    let Some(Found::City(paris)) = places.find("Paris") else {
        panic!()
    };
    // London–Paris is about 344 km.
    let d = distance_km((london.lat, london.lon), (paris.lat, paris.lon));
    assert!((330.0..360.0).contains(&d), "{d}");
    assert!(places.find("").is_none());
    assert!(places.find("Atlantis").is_none());
}

#[test]
fn the_card_is_plain_and_the_criteria_carry_a_grade() {
    let t = trials();
    let c = card(&t[0]);
    assert_eq!(c.status, "Recruiting");
    assert_eq!(c.phases, "Phase 3");
    assert!(c.tested.iter().any(|x| x == "Medicine: Drug X"));
    assert!(c.who.iter().any(|x| x == "Aged 18 years to 75 years"));
    assert!(c.sites.iter().any(|x| x == "United Kingdom: 1 site"));
    assert!(c.how_long.contains("2025-03") && c.how_long.contains("2027-06"));
    assert!(c.asks.iter().any(|x| x.starts_with("Randomised")));
    assert_eq!(c.url, "https://clinicaltrials.gov/study/NCT09900001");
    let g = c.grade.unwrap();
    assert!(g > 8.0, "registry text is hard reading: {g}");
    assert!(grade_note(g).contains("harder than Myo's own pages"));
    let obs = card(&t[3]);
    assert!(obs.tested[0].contains("No treatment"));
    assert!(obs.asks[0].starts_with("Observational"));
    let ibm = card(&t[1]);
    assert!(ibm.who.iter().any(|x| x == "Aged 45 years or older"));
}

fn person() -> Person {
    Person {
        age_years: Some(52),
        sex: Some(Sex::Female),
        conditions: vec!["Dermatomyositis".into()],
        antibodies: vec!["anti-TIF1-gamma".into()],
        medicines: vec!["Methotrexate".into(), "Prednisone".into()],
    }
}

#[test]
fn prescreen_may_fit_does_not_fit_cannot_tell_never_eligible() {
    let t = trials();
    // Adult DM study: fits on age, sex, type; nothing in the text matches her record.
    let p = prescreen(&t[0], &person());
    assert_eq!(p.verdict, Verdict::MayFit, "{p:?}");
    // Rituximab in the exclusions and on her list: cannot tell, pointing at the words.
    let mut on_rituximab = person();
    on_rituximab.medicines.push("rituximab".into());
    let p = prescreen(&t[0], &on_rituximab);
    assert_eq!(p.verdict, Verdict::CannotTell);
    assert!(p.reasons.iter().any(|r| r.text.contains("rituximab")));
    // Anti-MDA5 positive: the text mentions it.
    let mut mda5 = person();
    mda5.antibodies = vec!["anti-MDA5".into()];
    assert_eq!(prescreen(&t[0], &mda5).verdict, Verdict::CannotTell);
    // Too old for the 75-year limit: does not fit, with the reason.
    let mut older = person();
    older.age_years = Some(80);
    let p = prescreen(&t[0], &older);
    assert_eq!(p.verdict, Verdict::DoesNotFit);
    assert!(p.reasons.iter().any(|r| r.text.contains("up to 75 years")));
    // The children's study: does not fit an adult.
    assert_eq!(prescreen(&t[2], &person()).verdict, Verdict::DoesNotFit);
    // A women-only study and a man: does not fit.
    let mut man = person();
    man.sex = Some(Sex::Male);
    assert_eq!(prescreen(&t[3], &man).verdict, Verdict::DoesNotFit);
    // Nothing recorded: cannot tell, never "fits".
    let p = prescreen(&t[0], &Person::default());
    assert_eq!(p.verdict, Verdict::CannotTell);
    assert!(p.reasons.iter().any(|r| r.text.contains("no birth date")));
    // IBM study and a DM record: cannot tell (not ruled out by free text).
    assert_eq!(prescreen(&t[1], &person()).verdict, Verdict::CannotTell);
    for v in [Verdict::MayFit, Verdict::DoesNotFit, Verdict::CannotTell] {
        assert!(!v.words().to_lowercase().contains("eligible"));
    }
}

#[test]
fn the_directory_lists_cited_organisations_with_tel_links() {
    let kb = myo_kb::Kb::builtin().unwrap();
    let dir = myo_trials::directory::build(&kb).unwrap();
    let tma = dir
        .iter()
        .find(|l| l.url == "https://www.myositis.org")
        .unwrap();
    assert_eq!(
        tma.helpline,
        Some(("+1-800-821-7356".to_owned(), "tel:+18008217356".to_owned()))
    );
    assert_eq!(tma.languages, ["English"]);
    assert_eq!(tma.status, "partial");
    assert!(dir.iter().any(|l| l.kind == "centre"));
    // One listing per site, every one cited by a KB entry in the organisations section.
    let mut urls: Vec<&str> = dir.iter().map(|l| l.url.as_str()).collect();
    urls.sort_unstable();
    urls.dedup();
    assert_eq!(urls.len(), dir.len());
    assert!(dir.iter().all(|l| kb.get(&l.cited_by).is_some()));
    assert_eq!(myo_trials::directory::tel_href("0800 123"), None);
    assert_eq!(
        myo_trials::directory::tel_href("+44 (0)20 7946 0000").as_deref(),
        Some("tel:+442079460000")
    );
}
