//! HL7 Infobutton responder (Context-Aware Knowledge Retrieval, URL-based implementation), the
//! way MedlinePlus Connect answers: an EHR sends a coded problem, medicine or test and gets the
//! matching knowledge-base pages as an Atom feed (`text/xml`, the default) or its JSON form.
//!
//! Request parameters (HL7 names; others, such as `taskContext.c.c`, are accepted and ignored):
//!
//! | parameter | meaning |
//! |---|---|
//! | `mainSearchCriteria.v.c` | the code (required) |
//! | `mainSearchCriteria.v.cs` | its code system's OID (required): ICD-10-CM, SNOMED CT, RxNorm, LOINC |
//! | `mainSearchCriteria.v.dn` | the code's display name (echoed; used only when the code finds nothing and names a drug guide) |
//! | `informationRecipient` (or `.c`) | `PAT` (patient wording, default) or `PROV` (provider wording) |
//! | `age.v.v`, `age.v.u` (or `age`) | the patient's age, a number with unit `a`, `mo`, `wk` or `d` (echoed) |
//! | `administrativeGender.c` (or `gender`) | `M`, `F` or `UN` (echoed) |
//! | `informationRecipient.languageCode.c` | `en` (default) or another language tag |
//! | `knowledgeResponseType` | `text/xml` (Atom, default) or `application/json` |
//!
//! A code that no entry names gives an empty feed, never an error; a missing or malformed
//! parameter is a 400 that names it. Nothing is stored: the request carries no patient identity.

use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use myo_kb::{CodeSystem, Entry, Kb, Structured};
use serde_json::{Value, json};

use crate::AppState;
use crate::error::ApiError;

/// Who the information is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipient {
    /// The patient (plain-language summaries).
    Patient,
    /// A health-care provider (clinical summaries and sources).
    Provider,
}

impl Recipient {
    fn code(self) -> &'static str {
        match self {
            Recipient::Patient => "PAT",
            Recipient::Provider => "PROV",
        }
    }
}

/// The response format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Atom 1.0 XML (`text/xml`).
    Atom,
    /// The Atom feed as JSON (`application/json`), shaped like MedlinePlus Connect's.
    Json,
}

/// A validated Infobutton request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Code system of the main search criterion.
    pub system: CodeSystem,
    /// The code as sent (trimmed).
    pub code: String,
    /// The display name, if sent.
    pub display: Option<String>,
    /// Who the information is for.
    pub recipient: Recipient,
    /// Age as `(value, unit)`, if sent.
    pub age: Option<(String, String)>,
    /// Administrative gender code, if sent.
    pub gender: Option<String>,
    /// Requested language tag (lower case), `en` by default.
    pub language: String,
    /// Response format.
    pub format: Format,
}

fn bad(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::bad_request(message).with_field(field)
}

/// Parses the query string (without `?`). Each known parameter may appear once.
pub fn parse(query: &str) -> Result<Request, ApiError> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(query.as_bytes()) {
        if k.contains('\0') || v.contains('\0') {
            return Err(bad(&k, "the request contains a NUL character"));
        }
        pairs.push((k.into_owned(), v.into_owned()));
    }
    let get = |names: &[&str]| -> Result<Option<String>, ApiError> {
        let found: Vec<&(String, String)> = pairs
            .iter()
            .filter(|(k, _)| names.contains(&k.as_str()))
            .collect();
        match found.as_slice() {
            [] => Ok(None),
            [(_, v)] => Ok(Some(v.trim().to_owned()).filter(|v| !v.is_empty())),
            _ => Err(bad(
                names[0],
                format!("{} is given more than once", names[0]),
            )),
        }
    };
    let code = get(&["mainSearchCriteria.v.c"])?.ok_or_else(|| {
        bad(
            "mainSearchCriteria.v.c",
            "mainSearchCriteria.v.c (the code to look up) is required",
        )
    })?;
    let allowed = CodeSystem::ALL
        .iter()
        .map(|s| format!("{} ({})", s.oid(), s.name()))
        .collect::<Vec<_>>()
        .join(", ");
    let cs_text = get(&["mainSearchCriteria.v.cs"])?.ok_or_else(|| {
        bad(
            "mainSearchCriteria.v.cs",
            format!(
                "mainSearchCriteria.v.cs (the code system OID) is required; allowed: {allowed}"
            ),
        )
    })?;
    let system = CodeSystem::parse(&cs_text).ok_or_else(|| {
        bad(
            "mainSearchCriteria.v.cs",
            format!("unknown code system; allowed: {allowed}"),
        )
    })?;
    let display = get(&["mainSearchCriteria.v.dn"])?;
    let recipient = match get(&["informationRecipient", "informationRecipient.c"])?
        .map(|v| v.to_ascii_uppercase())
        .as_deref()
    {
        None | Some("PAT") => Recipient::Patient,
        Some("PROV") => Recipient::Provider,
        Some(_) => {
            return Err(bad(
                "informationRecipient",
                "informationRecipient must be PAT (patient) or PROV (provider)",
            ));
        }
    };
    let age = match get(&["age.v.v", "age"])? {
        None => None,
        Some(v) => {
            let ok = v
                .parse::<f64>()
                .is_ok_and(|n| n.is_finite() && (0.0..=150.0).contains(&n));
            if !ok {
                return Err(bad("age.v.v", "age.v.v must be a number from 0 to 150"));
            }
            let unit = get(&["age.v.u"])?.unwrap_or_else(|| "a".to_owned());
            if !["a", "mo", "wk", "d"].contains(&unit.as_str()) {
                return Err(bad(
                    "age.v.u",
                    "age.v.u must be a (years), mo (months), wk (weeks) or d (days)",
                ));
            }
            Some((v, unit))
        }
    };
    let gender = match get(&["administrativeGender.c", "gender"])?.map(|v| v.to_ascii_uppercase()) {
        None => None,
        Some(g) if ["M", "F", "UN"].contains(&g.as_str()) => Some(g),
        Some(_) => {
            return Err(bad(
                "administrativeGender.c",
                "administrativeGender.c must be M, F or UN",
            ));
        }
    };
    let language = get(&["informationRecipient.languageCode.c"])?
        .map(|l| l.to_ascii_lowercase())
        .unwrap_or_else(|| "en".to_owned());
    if language.len() > 16
        || !language
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(bad(
            "informationRecipient.languageCode.c",
            "informationRecipient.languageCode.c must be a language tag such as en or es",
        ));
    }
    let format = match get(&["knowledgeResponseType"])?.as_deref() {
        None | Some("text/xml") | Some("application/atom+xml") => Format::Atom,
        Some("application/json") => Format::Json,
        Some(_) => {
            return Err(bad(
                "knowledgeResponseType",
                "knowledgeResponseType must be text/xml or application/json",
            ));
        }
    };
    Ok(Request {
        system,
        code,
        display,
        recipient,
        age,
        gender,
        language,
        format,
    })
}

/// One feed entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// Page title.
    pub title: String,
    /// Page URL.
    pub link: String,
    /// Summary in the recipient's wording.
    pub summary: String,
    /// Review date (`YYYY-MM-DD`).
    pub reviewed: String,
    /// Cited sources (title, URL if any), shown to providers.
    pub sources: Vec<(String, Option<String>)>,
    /// Language of the page.
    pub language: String,
}

/// The answer to a request, independent of its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// Feed title.
    pub title: String,
    /// Feed id (an IRI).
    pub id: String,
    /// Feed subtitle: what this is, the language note and the disclaimer.
    pub subtitle: String,
    /// Newest review date among the entries, or `today` when there are none.
    pub updated: String,
    /// `(scheme, term)` categories echoing the request.
    pub categories: Vec<(String, String)>,
    /// The matching pages.
    pub entries: Vec<FeedEntry>,
    /// Base URL of the site.
    pub base: String,
    /// Language of the entries.
    pub language: String,
}

/// Entries for the request, with a display-name fallback for drug guides: when the code finds
/// nothing and `.dn` is exactly a guide's generic or brand name, that guide answers.
fn matching<'a>(kb: &'a Kb, req: &Request) -> Vec<&'a Entry> {
    let found = kb.entries_for_code(req.system, &req.code);
    if !found.is_empty() || req.system != CodeSystem::RxNorm {
        return found;
    }
    let Some(name) = req.display.as_deref().map(str::to_lowercase) else {
        return found;
    };
    kb.entries()
        .iter()
        .filter(|e| match &e.structured {
            Some(Structured::Drug(d)) => {
                d.generic_name.to_lowercase() == name
                    || d.brand_names.iter().any(|b| b.to_lowercase() == name)
            }
            _ => false,
        })
        .collect()
}

fn provider_summary(entry: &Entry) -> String {
    let list = |items: &[String]| items.join("; ");
    match &entry.structured {
        Some(Structured::Drug(d)) => format!(
            "{} ({}). {} Monitoring during treatment: {}. Interactions: {}. Serious adverse effects: {}.",
            d.generic_name,
            d.class,
            d.mechanism.trim_end_matches('.').to_owned() + ".",
            list(&d.monitoring_during),
            list(&d.interactions),
            list(&d.serious_side_effects),
        ),
        Some(Structured::Test(t)) => {
            let loinc = if t.loinc.is_empty() {
                String::new()
            } else {
                format!(" LOINC: {}.", t.loinc.join(", "))
            };
            format!("{} {}{loinc}", t.measures, t.why)
        }
        Some(Structured::Antibody(a)) => format!(
            "{} (target: {}). Clinical associations: {}.",
            a.name,
            a.target,
            list(&a.flags)
        ),
        _ if !entry.medical_terms.is_empty() => {
            format!("{} Terms: {}.", entry.summary, list(&entry.medical_terms))
        }
        _ => entry.summary.clone(),
    }
}

/// Builds the feed for a request (pure: the KB, the site's base URL and today's date are given).
pub fn feed(kb: &Kb, req: &Request, base: &str, today: &str) -> Feed {
    let base = base.trim_end_matches('/').to_owned();
    let all = matching(kb, req);
    let in_language: Vec<&Entry> = all
        .iter()
        .copied()
        .filter(|e| e.language.eq_ignore_ascii_case(&req.language))
        .collect();
    let (entries, language, note) = if !in_language.is_empty() || all.is_empty() {
        (in_language, req.language.clone(), String::new())
    } else {
        let en: Vec<&Entry> = all.iter().copied().filter(|e| e.language == "en").collect();
        let note = format!(
            " No page in the requested language ({}) matches; these pages are in English.",
            req.language
        );
        (en, "en".to_owned(), note)
    };
    let entries: Vec<FeedEntry> = entries
        .into_iter()
        .map(|e| FeedEntry {
            title: e.title.clone(),
            link: myo_kb::page_url(&base, &e.id),
            summary: match req.recipient {
                Recipient::Patient => e.summary.clone(),
                Recipient::Provider => provider_summary(e),
            },
            reviewed: e.reviewed_on.to_string(),
            sources: match req.recipient {
                Recipient::Patient => Vec::new(),
                Recipient::Provider => e
                    .sources
                    .iter()
                    .filter_map(|s| kb.source(&s.id))
                    .map(|s| (s.title.clone(), s.url.clone()))
                    .collect(),
            },
            language: e.language.clone(),
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.reviewed.clone())
        .max()
        .unwrap_or_else(|| today.to_owned());
    let who = match req.recipient {
        Recipient::Patient => "Plain-language pages",
        Recipient::Provider => "Clinical summaries with their sources",
    };
    let mut categories = vec![
        ("mainSearchCriteria.v.c".to_owned(), req.code.clone()),
        (
            "mainSearchCriteria.v.cs".to_owned(),
            req.system.oid().to_owned(),
        ),
    ];
    if let Some(dn) = &req.display {
        categories.push(("mainSearchCriteria.v.dn".to_owned(), dn.clone()));
    }
    categories.push((
        "informationRecipient".to_owned(),
        req.recipient.code().to_owned(),
    ));
    if let Some((v, u)) = &req.age {
        categories.push(("age.v.v".to_owned(), v.clone()));
        categories.push(("age.v.u".to_owned(), u.clone()));
    }
    if let Some(g) = &req.gender {
        categories.push(("administrativeGender.c".to_owned(), g.clone()));
    }
    categories.push((
        "informationRecipient.languageCode.c".to_owned(),
        req.language.clone(),
    ));
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("mainSearchCriteria.v.cs", req.system.oid())
        .append_pair("mainSearchCriteria.v.c", &req.code)
        .append_pair("informationRecipient", req.recipient.code())
        .finish();
    Feed {
        title: format!(
            "Myo knowledge base: {} {}",
            req.system.name(),
            req.display.as_deref().unwrap_or(&req.code)
        ),
        id: format!("{base}/infobutton?{query}"),
        subtitle: format!(
            "{who} from Myo's cited dermatomyositis knowledge base.{note} {}",
            myo_kb::DISCLAIMER
        ),
        updated,
        categories,
        entries,
        base,
        language,
    }
}

fn instant(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The feed as JSON, in the shape MedlinePlus Connect uses (`{"feed": {…, "entry": […]}}`,
/// text nodes as `{"_value": …}`).
pub fn to_json(feed: &Feed) -> Value {
    let text = |v: &str| json!({"_value": v, "type": "text"});
    let value = |v: &str| json!({"_value": v});
    let entries: Vec<Value> = feed
        .entries
        .iter()
        .map(|e| {
            let mut links = vec![json!({"href": e.link, "rel": "alternate", "title": e.title})];
            links.extend(e.sources.iter().filter_map(|(title, url)| {
                url.as_ref()
                    .map(|u| json!({"href": u, "rel": "related", "title": title}))
            }));
            json!({
                "lang": e.language,
                "title": text(&e.title),
                "link": links,
                "id": value(&e.link),
                "updated": value(&instant(&e.reviewed)),
                "summary": text(&e.summary),
            })
        })
        .collect();
    json!({"feed": {
        "base": feed.base,
        "lang": feed.language,
        "title": text(&feed.title),
        "updated": value(&instant(&feed.updated)),
        "id": value(&feed.id),
        "author": {"name": value("Myo"), "uri": value(&feed.base)},
        "subtitle": text(&feed.subtitle),
        "category": feed.categories.iter()
            .map(|(scheme, term)| json!({"scheme": scheme, "term": term}))
            .collect::<Vec<_>>(),
        "entry": entries,
    }})
}

/// Escapes text for XML character data and attribute values; characters XML 1.0 cannot carry
/// (other control characters) are dropped.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed as Atom 1.0 XML.
pub fn to_atom(feed: &Feed) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\n",
        xml(&feed.language),
        xml(&feed.base)
    ));
    s.push_str(&format!(
        "  <title type=\"text\">{}</title>\n",
        xml(&feed.title)
    ));
    s.push_str(&format!(
        "  <updated>{}</updated>\n",
        instant(&feed.updated)
    ));
    s.push_str(&format!("  <id>{}</id>\n", xml(&feed.id)));
    s.push_str(&format!(
        "  <author><name>Myo</name><uri>{}</uri></author>\n",
        xml(&feed.base)
    ));
    s.push_str(&format!(
        "  <subtitle type=\"text\">{}</subtitle>\n",
        xml(&feed.subtitle)
    ));
    for (scheme, term) in &feed.categories {
        s.push_str(&format!(
            "  <category scheme=\"{}\" term=\"{}\"/>\n",
            xml(scheme),
            xml(term)
        ));
    }
    for e in &feed.entries {
        s.push_str(&format!("  <entry xml:lang=\"{}\">\n", xml(&e.language)));
        s.push_str(&format!(
            "    <title type=\"text\">{}</title>\n",
            xml(&e.title)
        ));
        s.push_str(&format!(
            "    <link href=\"{}\" rel=\"alternate\" title=\"{}\"/>\n",
            xml(&e.link),
            xml(&e.title)
        ));
        for (title, url) in &e.sources {
            if let Some(url) = url {
                s.push_str(&format!(
                    "    <link href=\"{}\" rel=\"related\" title=\"{}\"/>\n",
                    xml(url),
                    xml(title)
                ));
            }
        }
        s.push_str(&format!("    <id>{}</id>\n", xml(&e.link)));
        s.push_str(&format!(
            "    <updated>{}</updated>\n",
            instant(&e.reviewed)
        ));
        s.push_str(&format!(
            "    <summary type=\"text\">{}</summary>\n",
            xml(&e.summary)
        ));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// `GET /infobutton`
pub async fn handler(State(state): State<AppState>, uri: Uri) -> Result<Response, ApiError> {
    let req = parse(uri.query().unwrap_or(""))?;
    let today = crate::today().to_string();
    let feed = feed(state.kb(), &req, state.base_url(), &today);
    Ok(match req.format {
        Format::Json => (StatusCode::OK, axum::Json(to_json(&feed))).into_response(),
        Format::Atom => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
            to_atom(&feed),
        )
            .into_response(),
    })
}
