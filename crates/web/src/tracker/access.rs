//! Who may see whose records. The only rule: a person sees their own records; anyone else sees a
//! patient's records while the patient's grant to them is active (one grants table): a clinician
//! or a carer reads, or reads and writes when the patient chose so; the guardian of a child's
//! profile does everything the patient could, sharing included. Only the patient and a guardian
//! manage sharing. Everyone else, and every id that does not exist, gets the same "not found",
//! so a guessed id reveals nothing. Denials are audited (outcome `denied`, no patient id, so the
//! log does not confirm the id either). Every entry made through an [`Access`] names both the
//! acting account and the patient; a carer's or guardian's also says so in its details.

use axum::http::StatusCode;
use myo_store::{GrantRelation, Outcome, Role, StoreError, User, UserId};

use crate::AppState;
use crate::auth::{Client, audit};
use crate::error::ApiError;
use crate::pages::PageError;

/// How the viewer relates to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    /// The patient themself: may read and change everything.
    Owner,
    /// A clinician with an active grant: may read, and write (record visits and other
    /// records) when `write`.
    Clinician {
        /// The patient let them change records.
        write: bool,
    },
    /// A carer with an active grant: may read, and write when `write`.
    Carer {
        /// The patient let them change records.
        write: bool,
    },
    /// The guardian of a child's profile: everything the patient could do.
    Guardian,
}

impl Viewer {
    /// May change records.
    pub fn may_write(self) -> bool {
        matches!(
            self,
            Viewer::Owner
                | Viewer::Guardian
                | Viewer::Carer { write: true }
                | Viewer::Clinician { write: true }
        )
    }

    /// May manage sharing, export and deletion.
    pub fn may_manage(self) -> bool {
        matches!(self, Viewer::Owner | Viewer::Guardian)
    }
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
    /// A clinician's own identifier for the patient (e.g. a hospital number), when the viewer
    /// is a clinician who set one.
    pub clinician_ref: Option<String>,
}

/// Why access was refused.
#[derive(Debug)]
pub enum Refused {
    /// Not theirs, not granted, or no such patient (one answer for all three).
    NotFound,
    /// A read-only grantee tried to change records, or a grantee tried to manage them.
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

/// Resolves `actor`'s access to `patient_id`'s records. `write` asks for the right to change
/// records (the patient, a guardian, or a carer allowed to write).
pub async fn resolve(
    state: &AppState,
    actor: &User,
    client: &Client,
    patient_id: &str,
    write: bool,
) -> Result<Access, Refused> {
    let a = find(state, actor, client, patient_id).await?;
    if write && !a.viewer.may_write() {
        deny(state, actor, client).await?;
        return Err(Refused::ReadOnly);
    }
    Ok(a)
}

/// Resolves access for managing sharing, exports and deletion: the patient or a guardian.
pub async fn resolve_manage(
    state: &AppState,
    actor: &User,
    client: &Client,
    patient_id: &str,
) -> Result<Access, Refused> {
    let a = find(state, actor, client, patient_id).await?;
    if !a.viewer.may_manage() {
        deny(state, actor, client).await?;
        return Err(Refused::ReadOnly);
    }
    Ok(a)
}

async fn find(
    state: &AppState,
    actor: &User,
    client: &Client,
    patient_id: &str,
) -> Result<Access, Refused> {
    let pid = UserId(patient_id.to_owned());
    let mut clinician_ref = None;
    let viewer = if actor.id.as_str() == patient_id {
        Some(Viewer::Owner)
    } else {
        let mut grant = state.store().find_grant(&pid, &actor.id).await?;
        if grant.is_none() {
            // Access given by e-mail is taken up when its person first comes for it.
            crate::care::accept_invitations(state, actor, client).await?;
            grant = state.store().find_grant(&pid, &actor.id).await?;
        }
        grant.and_then(|g| {
            let viewer = viewer_of(actor, &g)?;
            if matches!(viewer, Viewer::Clinician { .. }) {
                clinician_ref = g.clinician_ref;
            }
            Some(viewer)
        })
    };
    let patient = match viewer {
        Some(Viewer::Owner) => Some(actor.clone()),
        Some(_) => state
            .store()
            .get_user(&pid)
            .await?
            .filter(|u| u.disabled_at.is_none()),
        None => None,
    };
    let (Some(viewer), Some(patient)) = (viewer, patient) else {
        deny(state, actor, client).await?;
        return Err(Refused::NotFound);
    };
    Ok(Access {
        patient,
        actor: actor.clone(),
        viewer,
        clinician_ref,
    })
}

/// What an active grant lets `actor` do: a clinician's grant counts only for a clinician
/// account.
fn viewer_of(actor: &User, g: &myo_store::ClinicianGrant) -> Option<Viewer> {
    match g.relation {
        GrantRelation::Clinician => {
            (actor.role == Role::Clinician).then_some(Viewer::Clinician { write: g.can_write })
        }
        GrantRelation::Carer => Some(Viewer::Carer { write: g.can_write }),
        GrantRelation::Guardian => Some(Viewer::Guardian),
    }
}

/// Access through a grant already read (for lists of people, read in one query): the same rule
/// as [`resolve`]; `None` when the grant gives `actor` nothing, it names another grantee or
/// patient, or the patient's account is disabled. Nothing is audited here (the caller audits
/// each read).
pub fn granted(actor: &User, patient: User, g: &myo_store::ClinicianGrant) -> Option<Access> {
    if g.clinician_id != actor.id
        || g.patient_id != patient.id
        || g.revoked_at.is_some()
        || patient.disabled_at.is_some()
    {
        return None;
    }
    let viewer = viewer_of(actor, g)?;
    Some(Access {
        patient,
        actor: actor.clone(),
        viewer,
        clinician_ref: matches!(viewer, Viewer::Clinician { .. })
            .then(|| g.clinician_ref.clone())
            .flatten(),
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
    /// True when the viewer is the patient themself (not a guardian or carer).
    pub fn is_self(&self) -> bool {
        self.viewer == Viewer::Owner
    }

    /// The patient's id.
    pub fn patient_id(&self) -> &str {
        self.patient.id.as_str()
    }

    /// True when the viewer may change the records (the patient, a guardian, or a carer
    /// allowed to write): forms and "Delete" links are shown.
    pub fn is_owner(&self) -> bool {
        self.viewer.may_write()
    }

    /// An audit entry by the actor about this patient (both ids; a carer's or guardian's entry
    /// says which in its details).
    pub fn entry(
        &self,
        client: &Client,
        action: &str,
        resource_type: &str,
        resource_id: Option<&str>,
    ) -> myo_store::AuditEntry {
        let mut e = audit(
            Some(&self.actor),
            client,
            action,
            resource_type,
            resource_id,
            Outcome::Success,
        )
        .for_patient(self.patient_id());
        e.details = match self.viewer {
            Viewer::Carer { .. } => Some(r#"{"via":"carer"}"#.to_owned()),
            Viewer::Guardian => Some(r#"{"via":"guardian"}"#.to_owned()),
            Viewer::Clinician { write: true } => Some(r#"{"via":"clinician"}"#.to_owned()),
            Viewer::Owner | Viewer::Clinician { write: false } => None,
        };
        e
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
