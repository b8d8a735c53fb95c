//! Fetching prefetch data the EHR did not send (CDS Hooks 2.0 "FHIR resource access"): when a
//! call carries `fhirServer` and `fhirAuthorization`, each of the service's *declared*
//! prefetch queries whose key is missing is rendered from the call's context and read from
//! that server with the bearer token. Nothing else is ever requested.
//!
//! Limits: https only (a plain-http origin only when listed in
//! `Config::cds_fhir_http_origins`, for tests), no user name or password, query or fragment in
//! `fhirServer`; context values must be FHIR ids; no redirects (the token must not travel to
//! another host); `Config::cds_fhir_timeout` ([`TIMEOUT`]) for each request; [`LIMIT`] bytes per answer; the answer must be
//! a FHIR resource. A query that fails leaves its key missing, so the "Not checked" card still
//! names it. Nothing fetched is stored: it lives for the call only.

use std::time::Duration;

use myo_fhir::cds_hooks::Request;
use serde_json::{Map, Value};

use super::services::ServiceDef;

/// Longest a single FHIR read may take (the default of `Config::cds_fhir_timeout`).
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// Largest answer read from the EHR's FHIR server, per query.
pub const LIMIT: u64 = 2 * 1024 * 1024;

/// What a call's fetch did, for the audit entry (keys only, no data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Keys read from the FHIR server.
    pub fetched: Vec<String>,
    /// Keys that could not be read, with a short reason.
    pub failed: Vec<(String, String)>,
}

/// A FHIR `id`: `[A-Za-z0-9\-\.]{1,64}`.
fn is_fhir_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// `template` with each `{{context.name}}` replaced by the context's value, or `None` when a
/// token is unknown, missing or not a FHIR id (so nothing can be smuggled into the query).
pub fn render(template: &str, context: &Map<String, Value>) -> Option<String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}")? + start;
        let token = rest[start + 2..end].trim();
        let name = token.strip_prefix("context.")?;
        let value = context.get(name)?.as_str().filter(|v| is_fhir_id(v))?;
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// The base URL to read from, when `server` may be read: https (or a listed http origin), no
/// credentials, query or fragment. `Err` says why not.
pub fn allowed_base(server: &str, http_origins: &[String]) -> Result<String, &'static str> {
    let url = url::Url::parse(server).map_err(|_| "fhirServer is not a URL")?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("fhirServer must not carry a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("fhirServer must not carry a query or fragment");
    }
    let origin = url.origin().ascii_serialization();
    match url.scheme() {
        "https" => {}
        "http"
            if http_origins
                .iter()
                .any(|o| o.trim_end_matches('/') == origin) => {}
        _ => return Err("fhirServer must be an https URL"),
    }
    Ok(server.trim_end_matches('/').to_owned())
}

/// Reads one query (blocking): the resource, or a short reason.
fn read(agent: &ureq::Agent, url: &str, token: &str) -> Result<Value, String> {
    let mut res = agent
        .get(url)
        .header("Authorization", format!("Bearer {token}"))
        .header("Accept", "application/fhir+json")
        .call()
        .map_err(|e| match e {
            ureq::Error::StatusCode(code) => format!("the FHIR server answered HTTP {code}"),
            ureq::Error::Timeout(_) => "the FHIR server did not answer in time".to_owned(),
            _ => "the FHIR server could not be reached".to_owned(),
        })?;
    if res.status().is_redirection() {
        return Err("the FHIR server answered with a redirect, which is not followed".into());
    }
    let text = res
        .body_mut()
        .with_config()
        .limit(LIMIT)
        .read_to_string()
        .map_err(|_| format!("the answer was unreadable or over {LIMIT} bytes"))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|_| "the answer is not JSON".to_owned())?;
    if !value["resourceType"].is_string() {
        return Err("the answer is not a FHIR resource".into());
    }
    Ok(value)
}

/// The declared prefetch keys a call lets Myo read: those the EHR did not send, when the call
/// carries `fhirServer` and `fhirAuthorization`; none otherwise.
pub fn to_read(def: &ServiceDef, request: &Request) -> Vec<&'static str> {
    if request.fhir_server.is_none() || request.fhir_authorization.is_none() {
        return Vec::new();
    }
    def.prefetch
        .iter()
        .filter(|(key, _)| !request.prefetch.contains_key(*key))
        .map(|(k, _)| *k)
        .collect()
}

/// Fills `request.prefetch` with what the service declares and the EHR did not send, when the
/// call allows it (`fhirServer` and a bearer `fhirAuthorization`). Without them, nothing.
pub async fn fill(
    def: &ServiceDef,
    request: &mut Request,
    http_origins: &[String],
    timeout: Duration,
) -> Report {
    let mut report = Report::default();
    let (Some(server), Some(auth)) = (&request.fhir_server, &request.fhir_authorization) else {
        return report;
    };
    let missing: Vec<(&str, &str)> = def
        .prefetch
        .iter()
        .filter(|(key, _)| !request.prefetch.contains_key(*key))
        .map(|(k, t)| (*k, *t))
        .collect();
    if missing.is_empty() {
        return report;
    }
    let fail_all = |report: &mut Report, why: &str| {
        for (key, _) in &missing {
            report.failed.push(((*key).to_owned(), why.to_owned()));
        }
    };
    if !auth.token_type.eq_ignore_ascii_case("bearer") || auth.access_token.is_empty() {
        fail_all(&mut report, "fhirAuthorization is not a bearer token");
        return report;
    }
    let base = match allowed_base(server, http_origins) {
        Ok(b) => b,
        Err(why) => {
            fail_all(&mut report, why);
            return report;
        }
    };
    let mut queries = Vec::new();
    for (key, template) in &missing {
        match render(template, &request.context) {
            Some(q) => queries.push(((*key).to_owned(), format!("{base}/{q}"))),
            None => report.failed.push((
                (*key).to_owned(),
                "the context lacks a FHIR id the query needs".to_owned(),
            )),
        }
    }
    let token = auth.access_token.clone();
    let results = tokio::task::spawn_blocking(move || {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .http_status_as_error(true)
            .user_agent(concat!("myo/", env!("CARGO_PKG_VERSION")))
            .build();
        let agent: ureq::Agent = config.into();
        queries
            .into_iter()
            .map(|(key, url)| {
                let got = read(&agent, &url, &token);
                (key, got)
            })
            .collect::<Vec<_>>()
    })
    .await
    .unwrap_or_default();
    for (key, got) in results {
        match got {
            Ok(value) => {
                request.prefetch.insert(key.clone(), value);
                report.fetched.push(key);
            }
            Err(why) => report.failed.push((key, why)),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn templates_take_only_fhir_ids_from_the_context() {
        let ctx = json!({"patientId": "1288992", "userId": "Practitioner/1", "bad": "1&x=2"});
        let ctx = ctx.as_object().unwrap();
        assert_eq!(
            render(
                "MedicationRequest?patient={{context.patientId}}&status=active",
                ctx
            )
            .as_deref(),
            Some("MedicationRequest?patient=1288992&status=active")
        );
        for bad in [
            "Patient/{{context.bad}}",
            "Patient/{{context.userId}}",
            "Patient/{{context.missing}}",
            "Patient/{{userPractitionerId}}",
            "Patient/{{context.patientId",
        ] {
            assert_eq!(render(bad, ctx), None, "{bad}");
        }
    }

    #[test]
    fn only_https_or_a_listed_http_origin_is_read() {
        let listed = vec!["http://127.0.0.1:4000".to_owned()];
        assert_eq!(
            allowed_base("https://ehr.example.org/fhir/", &[]).as_deref(),
            Ok("https://ehr.example.org/fhir")
        );
        assert!(allowed_base("http://127.0.0.1:4000/fhir", &listed).is_ok());
        for bad in [
            "http://127.0.0.1:4000/fhir",
            "http://127.0.0.1:4001/fhir",
            "https://user:pw@ehr.example.org/fhir",
            "https://ehr.example.org/fhir?x=1",
            "https://ehr.example.org/fhir#x",
            "file:///etc/passwd",
            "ftp://ehr.example.org/",
            "not a url",
        ] {
            let origins = if bad.contains(":4000") {
                &[][..]
            } else {
                &listed[..]
            };
            assert!(allowed_base(bad, origins).is_err(), "{bad}");
        }
    }
}
