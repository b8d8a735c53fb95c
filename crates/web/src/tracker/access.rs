//! Who may see whose records. The only rule: a person sees their own records; a clinician sees a
//! patient's records while the patient's grant to them is active. Everyone else, and every id
//! that does not exist, gets the same "not found", so a guessed id reveals nothing. Denials are
//! audited (outcome `denied`, no patient id, so the log does not confirm the id either).

use axum::http::StatusCode;
use myo_store::{Outcome, Role, StoreError, User, UserId};

use super::db;
use crate::AppState;
use crate::auth::{Client, audit};
use crate::error::ApiError;
use crate::pages::PageError;

/// How the viewer relates to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The patient themself: may read and change everything.
    Owner,
    /// A clinician with an active grant: may read.
    Clinician,
}

/// Access to one patient's records, resolved for one request.
#[derive(Debug, Clone)]
pub struct Access {
    /// Whose records.
    pub patient: User,
    /// Who is asking.
    pub actor: User,
    /// How they relate.
    pub viewer: Viewer,
}

/// Why access was refused.
#[derive(Debug)]
pub enum Refused {
    /// Not theirs, not granted, or no such patient (one answer for all three).
    NotFound,
    /// A clinician tried to change or manage records (they may only read).
    ReadOnly,
    /// The store failed.
    Store(StoreError),
}

impl From<StoreError> for Refused {
    fn from(e: StoreError) -> Refused {
        Refused::Store(e)
    }
}

impl From<Refused> for ApiError {
    fn from(r: Refused) -> ApiError {
        match r {
            Refused::NotFound => ApiError::not_found("no such patient"),
            Refused::ReadOnly => {
                ApiError::forbidden("only the patient can change or share these records")
            }
            Refused::Store(e) => ApiError::from(e),
        }
    }
}

impl From<Refused> for PageError {
    fn from(r: Refused) -> PageError {
        match r {
            Refused::NotFound => PageError(
                StatusCode::NOT_FOUND,
                "There is no page at this address.".into(),
            ),
            Refused::ReadOnly => PageError(
                StatusCode::FORBIDDEN,
                "Only the patient can change or share these records.".into(),
            ),
            Refused::Store(e) => PageError::from(e),
        }
    }
}

/// Resolves `actor`'s access to `patient_id`'s records. `write` asks for owner rights.
pub async fn resolve(
    state: &AppState,
    actor: &User,
    client: &Client,
    patient_id: &str,
    write: bool,
) -> Result<Access, Refused> {
    let viewer = if actor.id.as_str() == patient_id {
        Some(Viewer::Owner)
    } else if actor.role == Role::Clinician
        && db::has_active_grant(state, &UserId(patient_id.to_owned()), &actor.id).await?
    {
        Some(Viewer::Clinician)
    } else {
        None
    };
    let patient = match viewer {
        Some(Viewer::Owner) => Some(actor.clone()),
        Some(Viewer::Clinician) => state
            .store()
            .get_user(&UserId(patient_id.to_owned()))
            .await?
            .filter(|u| u.disabled_at.is_none()),
        None => None,
    };
    let (Some(viewer), Some(patient)) = (viewer, patient) else {
        deny(state, actor, client).await?;
        return Err(Refused::NotFound);
    };
    if write && viewer != Viewer::Owner {
        deny(state, actor, client).await?;
        return Err(Refused::ReadOnly);
    }
    Ok(Access {
        patient,
        actor: actor.clone(),
        viewer,
    })
}

async fn deny(state: &AppState, actor: &User, client: &Client) -> Result<(), StoreError> {
    let entry = audit(
        Some(actor),
        client,
        myo_store::audit::action::READ,
        "patient_records",
        None,
        Outcome::Denied,
    );
    state.audit(&entry).await
}

impl Access {
    /// The patient's id.
    pub fn patient_id(&self) -> &str {
        self.patient.id.as_str()
    }

    /// True when the viewer owns the records.
    pub fn is_owner(&self) -> bool {
        self.viewer == Viewer::Owner
    }

    /// An audit entry by the actor about this patient.
    pub fn entry(
        &self,
        client: &Client,
        action: &str,
        resource_type: &str,
        resource_id: Option<&str>,
    ) -> myo_store::AuditEntry {
        audit(
            Some(&self.actor),
            client,
            action,
            resource_type,
            resource_id,
            Outcome::Success,
        )
        .for_patient(self.patient_id())
    }

    /// Name to show for the patient.
    pub fn patient_name(&self) -> String {
        if self.patient.display_name.is_empty() {
            self.patient.email.clone()
        } else {
            self.patient.display_name.clone()
        }
    }
}
