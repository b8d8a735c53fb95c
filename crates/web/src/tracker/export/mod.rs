//! Export of everything a patient owns: one CSV per record kind (RFC 4180, UTF-8, header row;
//! an empty cell means "not recorded", never zero) and a FHIR R4 `collection` Bundle built by
//! `myo-fhir` through the adapter below (stored rows → `myo_fhir::export::input`). Exports are
//! audited with the `export` verb before anything is sent.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use myo_fhir::Decimal;
use myo_fhir::export::input as fx;
use myo_store::audit::action;
use myo_store::{PatientData, User};

use super::access::resolve_manage;
use super::db;
use crate::AppState;
use crate::auth::{Client, SignedIn};
use crate::error::ApiError;
use crate::pages::PageError;

mod csv;
mod fhir;

pub use csv::*;
pub use fhir::*;

fn download(content_type: &'static str, name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /patients/{id}/export/{kind}` (`diary.csv`, `labs.csv`, …): owner only.
pub async fn csv_page(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    if !super::kinds::KINDS.iter().any(|k| k.csv.0 == kind) {
        return Err(PageError(
            StatusCode::NOT_FOUND,
            "There is no page at this address.".into(),
        ));
    }
    let entry = a.entry(&client, action::EXPORT, "patient_records", Some(&kind));
    let data = db::export(&state, &a.patient.id, &entry).await?;
    let body = csv_file(&kind, &data).unwrap_or_default();
    Ok(download(
        "text/csv; charset=utf-8",
        &format!("myo-{kind}"),
        body,
    ))
}

/// `GET /patients/{id}/export/fhir.json`: owner only.
pub async fn fhir_page(
    State(state): State<AppState>,
    SignedIn(u): SignedIn,
    client: Client,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let a = resolve_manage(&state, &u.user, &client, &id).await?;
    let entry = a.entry(&client, action::EXPORT, "patient_records", Some("fhir"));
    let data = db::export(&state, &a.patient.id, &entry).await?;
    let body = fhir_bundle(&state, &a.patient, &data)
        .map_err(|e| PageError(StatusCode::INTERNAL_SERVER_ERROR, e))?;
    Ok(download(
        "application/fhir+json",
        "myo-fhir-bundle.json",
        body,
    ))
}

/// The bundle as an API response.
pub fn fhir_api(state: &AppState, patient: &User, d: &PatientData) -> Result<Response, ApiError> {
    let body = fhir_bundle(state, patient, d).map_err(|e| ApiError::internal(&e))?;
    Ok(([(header::CONTENT_TYPE, "application/fhir+json")], body).into_response())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_guard_covers_the_owasp_triggers_and_their_bypasses() {
        for bad in [
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "=HYPERLINK(\"http://evil.example\",\"x\")",
            "\t=1+1",
            "\r=1+1",
            "\t",
            "\rtext",
            " =1+1",
            "\u{a0}=1+1",
            "\u{3000}=1+1",
            "\n=1+1",
            "\u{ff1d}1+1",
            "\u{ff0b}1",
            "\u{ff0d}1",
            "\u{ff20}SUM(A1)",
            "-2+3+cmd|' /C calc'!A0",
            "=cmd|' /C calc'!A0",
            "-inf",
            "+Infinity",
            "-NaN",
        ] {
            let out = cell(bad);
            let inner = out.trim_start_matches('"');
            assert!(inner.starts_with('\''), "{bad:?} -> {out:?}");
        }
        for data in [
            "-5",
            "+1.5",
            " -5 ",
            "12",
            "a=b",
            "note - with dash",
            "e-mail@x",
        ] {
            let out = cell(data);
            assert!(
                !out.trim_start_matches('"').starts_with('\''),
                "{data:?} -> {out:?}"
            );
        }
        assert_eq!(cell("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
