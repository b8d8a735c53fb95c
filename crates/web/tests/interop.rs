//! EHR-facing interfaces: the HL7 Infobutton responder.
//!
//! With `MYO_INFOBUTTON_SAMPLES` set to a directory, the Atom feeds produced here are also
//! written there, so `scripts/interop-check` can parse them with an independent XML parser.

mod common;

use axum::http::StatusCode;
use common::{TestApp, enc};
use myo_kb::{Kb, Section, Structured};

const RXNORM: &str = "2.16.840.1.113883.6.88";
const ICD10CM: &str = "2.16.840.1.113883.6.90";
const SNOMED: &str = "2.16.840.1.113883.6.96";
const LOINC: &str = "2.16.840.1.113883.6.1";

fn url(cs: &str, c: &str, extra: &str) -> String {
    format!(
        "/infobutton?mainSearchCriteria.v.cs={cs}&mainSearchCriteria.v.c={}{extra}",
        enc(c)
    )
}

fn save_sample(name: &str, body: &str) {
    if let Ok(dir) = std::env::var("MYO_INFOBUTTON_SAMPLES") {
        std::fs::create_dir_all(&dir).expect("samples dir");
        std::fs::write(format!("{dir}/{name}.xml"), body).expect("write sample");
    }
}

fn titles(json: &serde_json::Value) -> Vec<String> {
    json["feed"]["entry"]
        .as_array()
        .expect("entry array")
        .iter()
        .map(|e| e["title"]["_value"].as_str().unwrap_or("").to_owned())
        .collect()
}

#[tokio::test]
async fn every_drug_guide_answers_by_its_rxnorm_code_or_name() {
    let t = TestApp::sqlite().await;
    let kb = Kb::builtin().unwrap();
    let mut coded = 0;
    for entry in kb.section(Section::Drugs) {
        let Some(Structured::Drug(d)) = &entry.structured else {
            panic!("{}: no [drug] table", entry.id)
        };
        let path = match &d.rxnorm {
            Some(code) => {
                coded += 1;
                url(RXNORM, code, "&knowledgeResponseType=application/json")
            }
            // No verified RxCUI yet: the display name finds the guide.
            None => url(
                RXNORM,
                "0",
                &format!(
                    "&mainSearchCriteria.v.dn={}&knowledgeResponseType=application/json",
                    enc(&d.generic_name)
                ),
            ),
        };
        let r = t.get(&path, None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let json = r.json();
        assert!(
            titles(&json).contains(&entry.title),
            "{path} should find {}: {:?}",
            entry.id,
            titles(&json)
        );
        let e = json["feed"]["entry"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["title"]["_value"] == entry.title.as_str())
            .unwrap();
        // Patient wording is the page's own summary; the link is its page; the review date is kept.
        assert_eq!(e["summary"]["_value"], entry.summary.as_str());
        assert!(
            e["link"][0]["href"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/kb/{}", entry.id))
        );
        assert_eq!(
            e["updated"]["_value"],
            format!("{}T00:00:00Z", entry.reviewed_on).as_str()
        );
    }
    assert!(coded >= 13, "{coded} drug guides have an RxCUI");
    let r = t.get(&url(RXNORM, "6851", ""), None).await;
    save_sample("rxnorm-6851-pat", &r.body);
    assert!(r.header("content-type").starts_with("text/xml"));
    assert!(
        r.body.contains(&format!(
            "<title type=\"text\">{}</title>",
            kb.get("methotrexate").unwrap().title
        )),
        "{}",
        r.body
    );
    t.cleanup().await;
}

#[tokio::test]
async fn every_dm_type_answers_by_its_icd10cm_and_snomed_codes() {
    let t = TestApp::sqlite().await;
    let cases = [
        ("M33.00", "Juvenile dermatomyositis"),
        ("M33.02", "Juvenile dermatomyositis"),
        ("M33.03", "Amyopathic"),
        ("M33.10", "Classic adult dermatomyositis"),
        ("M33.11", "Classic adult dermatomyositis"),
        ("M33.12", "Classic adult dermatomyositis"),
        ("m33.13", "Amyopathic"),
        ("M3319", "Classic adult dermatomyositis"),
        ("M33.20", "Polymyositis"),
        ("M33.90", "dermatomyositis"),
        ("G72.41", "Inclusion body myositis"),
    ];
    for (code, title) in cases {
        let r = t.get(&url(ICD10CM, code, ""), None).await;
        assert_eq!(r.status, StatusCode::OK, "{code}: {}", r.body);
        assert!(
            r.body.contains("<entry"),
            "{code} found nothing:\n{}",
            r.body
        );
        assert!(
            r.body.to_lowercase().contains(&title.to_lowercase()),
            "{code} should find {title}:\n{}",
            r.body
        );
        save_sample(&format!("icd10cm-{}", code.replace('.', "")), &r.body);
    }
    let r = t
        .get(
            &url(
                SNOMED,
                "396230008",
                "&knowledgeResponseType=application/json",
            ),
            None,
        )
        .await;
    assert!(
        titles(&r.json())
            .iter()
            .any(|t| t == "Classic adult dermatomyositis")
    );
    let r = t
        .get(
            &url(
                LOINC,
                "2157-6",
                "&knowledgeResponseType=application/json&informationRecipient=PROV",
            ),
            None,
        )
        .await;
    let ck = Kb::builtin()
        .unwrap()
        .get("creatine-kinase-test")
        .unwrap()
        .title
        .clone();
    assert_eq!(titles(&r.json())[0], ck);
    t.cleanup().await;
}

#[tokio::test]
async fn provider_wording_differs_and_cites_sources() {
    let t = TestApp::sqlite().await;
    let kb = Kb::builtin().unwrap();
    let mtx = kb.get("methotrexate").unwrap();
    let json_for = |who: &str| {
        url(
            RXNORM,
            "6851",
            &format!("&informationRecipient={who}&knowledgeResponseType=application/json"),
        )
    };
    let pat = t.get(&json_for("PAT"), None).await.json();
    let prov = t.get(&json_for("PROV"), None).await.json();
    let pat_summary = pat["feed"]["entry"][0]["summary"]["_value"]
        .as_str()
        .unwrap();
    let prov_summary = prov["feed"]["entry"][0]["summary"]["_value"]
        .as_str()
        .unwrap();
    assert_eq!(pat_summary, mtx.summary);
    assert_ne!(prov_summary, pat_summary);
    assert!(
        prov_summary.contains("Monitoring during treatment"),
        "{prov_summary}"
    );
    let links = prov["feed"]["entry"][0]["link"].as_array().unwrap();
    assert!(
        links.iter().any(|l| l["rel"] == "related"),
        "provider feed links its sources"
    );
    assert!(pat["feed"]["entry"][0]["link"].as_array().unwrap().len() == 1);
    // The request is echoed as categories, as MedlinePlus Connect does.
    let cats = prov["feed"]["category"].as_array().unwrap();
    assert!(
        cats.iter()
            .any(|c| c["scheme"] == "informationRecipient" && c["term"] == "PROV")
    );
    let r = t
        .get(
            &url(
                RXNORM,
                "6851",
                "&informationRecipient.c=prov&age.v.v=52&age.v.u=a&administrativeGender.c=F",
            ),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("term=\"PROV\"") && r.body.contains("term=\"52\""));
    save_sample("rxnorm-6851-prov", &r.body);
    t.cleanup().await;
}

#[tokio::test]
async fn unknown_codes_give_an_empty_feed_not_an_error() {
    let t = TestApp::sqlite().await;
    for (cs, code) in [
        (RXNORM, "99999999"),
        (RXNORM, "not-a-code"),
        (ICD10CM, "Z99.89"),
        (LOINC, "2157-5"),
        (SNOMED, "123"),
    ] {
        let r = t
            .get(
                &url(cs, code, "&knowledgeResponseType=application/json"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{code}: {}", r.body);
        assert_eq!(r.json()["feed"]["entry"], serde_json::json!([]), "{code}");
        let r = t.get(&url(cs, code, ""), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(!r.body.contains("<entry"));
        assert!(
            r.body
                .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        );
    }
    let r = t.get(&url(RXNORM, "99999999", ""), None).await;
    save_sample("rxnorm-unknown", &r.body);
    // Another language with no page falls back to English and says so.
    let r = t
        .get(
            &url(
                RXNORM,
                "6851",
                "&informationRecipient.languageCode.c=fr&knowledgeResponseType=application/json",
            ),
            None,
        )
        .await;
    let json = r.json();
    assert_eq!(json["feed"]["lang"], "en");
    assert!(
        json["feed"]["subtitle"]["_value"]
            .as_str()
            .unwrap()
            .contains("(fr)")
    );
    t.cleanup().await;
}

#[tokio::test]
async fn bad_requests_name_the_parameter() {
    let t = TestApp::sqlite().await;
    let cases = [
        ("/infobutton".to_owned(), "mainSearchCriteria.v.c"),
        (
            "/infobutton?mainSearchCriteria.v.c=6851".to_owned(),
            "mainSearchCriteria.v.cs",
        ),
        (
            url("2.16.840.1.113883.6.8", "6851", ""),
            "mainSearchCriteria.v.cs",
        ),
        (
            url(RXNORM, "6851", "&informationRecipient=DOCTOR"),
            "informationRecipient",
        ),
        (url(RXNORM, "6851", "&age.v.v=-3"), "age.v.v"),
        (url(RXNORM, "6851", "&age.v.v=NaN"), "age.v.v"),
        (url(RXNORM, "6851", "&age.v.v=40&age.v.u=years"), "age.v.u"),
        (
            url(RXNORM, "6851", "&administrativeGender.c=X"),
            "administrativeGender.c",
        ),
        (
            url(RXNORM, "6851", "&knowledgeResponseType=text/html"),
            "knowledgeResponseType",
        ),
        (
            url(RXNORM, "6851", "&mainSearchCriteria.v.c=8640"),
            "mainSearchCriteria.v.c",
        ),
        (
            url(RXNORM, "6851", "&informationRecipient.languageCode.c=e%3Cn"),
            "informationRecipient.languageCode.c",
        ),
    ];
    for (path, field) in cases {
        let r = t.get(&path, None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
        assert_eq!(r.json()["error"]["field"], field, "{path}");
    }
    // Control characters (NUL included) never reach the responder: the request is refused.
    for path in [
        url("2.16.840.1.113883.6.88%00", "6851", ""),
        url(RXNORM, "6851", "&mainSearchCriteria.v.dn=MTX%01"),
    ] {
        let r = t.get(&path, None).await;
        assert!(r.status.is_client_error(), "{path}: {}", r.status);
        assert!(!r.body.contains("<feed"), "{path}");
    }
    t.cleanup().await;
}

#[tokio::test]
async fn atom_escapes_what_the_request_echoes() {
    let t = TestApp::sqlite().await;
    let r = t
        .get(
            &url(
                RXNORM,
                "6851",
                &format!("&mainSearchCriteria.v.dn={}", enc("MTX <b>&\"x'")),
            ),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("<b>"));
    assert!(
        r.body.contains("MTX &lt;b&gt;&amp;&quot;x&apos;"),
        "{}",
        r.body
    );
    assert!(!r.body.contains('\u{1}'));
    save_sample("rxnorm-6851-escaped", &r.body);
    t.cleanup().await;
}
