//! The care circle's storage: who may see a patient's records besides the patient (one grants
//! table, `clinician_grants`, whose rows say the grantee's relation and whether they may write),
//! and access given by e-mail, which waits as an invitation until someone with that address
//! signs in, so granting never tells the patient whether the address has an account.

use sqlx::AssertSqlSafe;

use crate::db::{AuditAppend, RowExt, each_backend, opt_ts, ts};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, Role, Timestamp, User, UserId, normalize_email};
use crate::store::SqlStore;
use crate::tracker_model::{ClinicianGrant, RecordId};

/// What a grantee is to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrantRelation {
    /// A clinician account (role `clinician`).
    Clinician,
    /// A family member or friend who helps (any account).
    Carer,
    /// The parent who manages a child's profile until it is handed over.
    Guardian,
}

impl GrantRelation {
    /// Stored name.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            GrantRelation::Clinician => "clinician",
            GrantRelation::Carer => "carer",
            GrantRelation::Guardian => "guardian",
        }
    }

    /// Parses a stored or typed name.
    ///
    /// # Errors
    /// `Invalid { field: "relation" }` for anything else.
    pub fn parse(text: &str) -> Result<GrantRelation> {
        [
            GrantRelation::Clinician,
            GrantRelation::Carer,
            GrantRelation::Guardian,
        ]
        .into_iter()
        .find(|r| r.as_str() == text)
        .ok_or_else(|| StoreError::invalid("relation", "expected clinician, carer or guardian"))
    }
}

/// Access offered by e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// Id.
    pub id: RecordId,
    /// Whose records.
    pub patient_id: UserId,
    /// Normalised address it was sent to.
    pub email: String,
    /// Clinician or carer.
    pub relation: GrantRelation,
    /// Read and write (carers only).
    pub can_write: bool,
    /// When.
    pub created_at: Timestamp,
    /// When someone with the address took it up.
    pub accepted_at: Option<Timestamp>,
    /// Who took it up.
    pub accepted_by: Option<UserId>,
    /// When the patient withdrew it.
    pub revoked_at: Option<Timestamp>,
}

impl Invitation {
    /// Neither taken up nor withdrawn.
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.accepted_at.is_none() && self.revoked_at.is_none()
    }
}

/// A new invitation.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// Whose records.
    pub patient_id: UserId,
    /// The address typed (normalised by the store).
    pub email: String,
    /// Clinician or carer (a guardian is never invited).
    pub relation: GrantRelation,
    /// Read and write (a carer may change records; a clinician may also record visits).
    pub can_write: bool,
    /// Now.
    pub created_at: Timestamp,
}

/// Care-circle storage. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait CircleStore {
    /// Offers access to whoever signs in with `invitation.email`. A pending invitation to the
    /// same address is replaced (same id, new terms). `Invalid` names `email` or `relation`.
    async fn invite(&self, invitation: &NewInvitation, audit: &AuditEntry) -> Result<Invitation>;

    /// The patient's invitations, newest first, taken-up and withdrawn ones included.
    async fn list_invitations(&self, patient: &UserId) -> Result<Vec<Invitation>>;

    /// Withdraws a pending invitation; `NotFound` when there is none with that id.
    async fn revoke_invitation(
        &self,
        patient: &UserId,
        id: &RecordId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()>;

    /// Turns every pending invitation to `user`'s address into a grant, in one transaction,
    /// with one copy of `audit` per grant (patient and grant ids filled in). Skipped, and left
    /// pending: an invitation to the user's own records, and a clinician invitation to an
    /// account that is not a clinician's. A guardian's grant is never replaced.
    async fn accept_invitations(
        &self,
        user: &User,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Vec<ClinicianGrant>>;

    /// The active grant of `patient`'s records to `grantee`, if any.
    async fn find_grant(
        &self,
        patient: &UserId,
        grantee: &UserId,
    ) -> Result<Option<ClinicianGrant>>;

    /// Grants (or re-grants, clearing a revocation) `grantee` access as `relation`.
    async fn grant_access(
        &self,
        patient: &UserId,
        grantee: &UserId,
        relation: GrantRelation,
        can_write: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant>;

    /// Sets (or, with `None` or blank, clears) the clinician's own identifier for the patient,
    /// on their active clinician grant, with its audit entry in the same transaction.
    /// `NotFound` without such a grant; `Invalid { field: "identifier" }` when it is longer
    /// than [`MAX_CLINICIAN_REF`] characters or holds control characters.
    async fn set_clinician_ref(
        &self,
        patient: &UserId,
        clinician: &UserId,
        identifier: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<()>;
}

pub(crate) const GRANT_COLUMNS: &str =
    "id, patient_id, clinician_id, granted_at, revoked_at, relation, can_write, clinician_ref";

/// Longest identifier a clinician may keep for a patient, in characters.
pub const MAX_CLINICIAN_REF: usize = 64;

pub(crate) fn grant_from(row: &impl RowExt) -> Result<ClinicianGrant> {
    let relation = row.text("relation")?;
    Ok(ClinicianGrant {
        id: RecordId(row.text("id")?),
        patient_id: UserId(row.text("patient_id")?),
        clinician_id: UserId(row.text("clinician_id")?),
        granted_at: ts(row, "granted_at")?,
        revoked_at: opt_ts(row, "revoked_at")?,
        relation: GrantRelation::parse(&relation).map_err(|_| StoreError::Corrupt {
            column: "clinician_grants.relation",
            value: relation,
        })?,
        can_write: row.boolean("can_write")?,
        clinician_ref: row.opt_text("clinician_ref")?,
    })
}

const INVITATION_COLUMNS: &str = "id, patient_id, email, relation, can_write, created_at, \
                                  accepted_at, accepted_by, revoked_at";

fn invitation_from(row: &impl RowExt) -> Result<Invitation> {
    let relation = row.text("relation")?;
    Ok(Invitation {
        id: RecordId(row.text("id")?),
        patient_id: UserId(row.text("patient_id")?),
        email: row.text("email")?,
        relation: GrantRelation::parse(&relation).map_err(|_| StoreError::Corrupt {
            column: "grant_invitations.relation",
            value: relation,
        })?,
        can_write: row.boolean("can_write")?,
        created_at: ts(row, "created_at")?,
        accepted_at: opt_ts(row, "accepted_at")?,
        accepted_by: row.opt_text("accepted_by")?.map(UserId),
        revoked_at: opt_ts(row, "revoked_at")?,
    })
}

/// Upserts a grant; a guardian's grant is left as it is (no row returned then).
fn upsert_grant_sql() -> String {
    format!(
        "INSERT INTO clinician_grants (id, patient_id, clinician_id, granted_at, revoked_at, \
         relation, can_write) VALUES ($1, $2, $3, $4, NULL, $5, $6) \
         ON CONFLICT (patient_id, clinician_id) DO UPDATE SET granted_at = excluded.granted_at, \
         revoked_at = NULL, relation = excluded.relation, can_write = excluded.can_write \
         WHERE clinician_grants.relation <> 'guardian' OR excluded.relation = 'guardian' \
         RETURNING {GRANT_COLUMNS}"
    )
}

fn scoped(audit: &AuditEntry, patient: &UserId) -> AuditEntry {
    audit.clone().for_patient(patient.as_str())
}

#[async_trait::async_trait]
impl CircleStore for SqlStore {
    async fn invite(&self, invitation: &NewInvitation, audit: &AuditEntry) -> Result<Invitation> {
        const PENDING: &str = "SELECT id FROM grant_invitations WHERE patient_id = $1 \
                               AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL";
        const UPDATE: &str = "UPDATE grant_invitations SET relation = $2, can_write = $3, \
                              created_at = $4 WHERE id = $1";
        const INSERT: &str = "INSERT INTO grant_invitations (id, patient_id, email, relation, \
                              can_write, created_at, accepted_at, accepted_by, revoked_at) \
                              VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL)";
        let email = normalize_email(&invitation.email);
        let shaped = email.len() <= 254
            && email
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && !d.is_empty())
            && !email.chars().any(|c| c.is_whitespace() || c.is_control());
        if !shaped {
            return Err(StoreError::invalid(
                "email",
                "expected an address like name@example.org",
            ));
        }
        if invitation.relation == GrantRelation::Guardian {
            return Err(StoreError::invalid("relation", "a guardian is not invited"));
        }
        let patient = &invitation.patient_id;
        let audit = scoped(audit, patient);
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let existing = sqlx::query(PENDING)
                .bind(patient.as_str())
                .bind(email.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.text("id"))
                .transpose()?;
            let id = match existing {
                Some(id) => {
                    sqlx::query(UPDATE)
                        .bind(id.as_str())
                        .bind(invitation.relation.as_str())
                        .bind(invitation.can_write)
                        .bind(invitation.created_at.as_millis())
                        .execute(&mut *tx)
                        .await?;
                    id
                }
                None => {
                    let id = RecordId::random().0;
                    sqlx::query(INSERT)
                        .bind(id.as_str())
                        .bind(patient.as_str())
                        .bind(email.as_str())
                        .bind(invitation.relation.as_str())
                        .bind(invitation.can_write)
                        .bind(invitation.created_at.as_millis())
                        .execute(&mut *tx)
                        .await?;
                    id
                }
            };
            let mut entry = audit;
            entry.resource_id = Some(id.clone());
            tx.append_audit(&entry).await?;
            tx.commit().await?;
            Ok(Invitation {
                id: RecordId(id),
                patient_id: patient.clone(),
                email,
                relation: invitation.relation,
                can_write: invitation.can_write,
                created_at: invitation.created_at,
                accepted_at: None,
                accepted_by: None,
                revoked_at: None,
            })
        })
    }

    async fn list_invitations(&self, patient: &UserId) -> Result<Vec<Invitation>> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM grant_invitations WHERE patient_id = $1 \
             ORDER BY created_at DESC, id"
        );
        each_backend!(self.db(), b => {
            let rows = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .fetch_all(b.reader())
                .await?;
            rows.iter().map(invitation_from).collect()
        })
    }

    async fn revoke_invitation(
        &self,
        patient: &UserId,
        id: &RecordId,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE grant_invitations SET revoked_at = $3 WHERE patient_id = $1 \
                           AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL";
        let audit = scoped(audit, patient);
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL)
                .bind(patient.as_str())
                .bind(id.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "grant_invitation" });
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn accept_invitations(
        &self,
        user: &User,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Vec<ClinicianGrant>> {
        let pending = format!(
            "SELECT {INVITATION_COLUMNS} FROM grant_invitations WHERE email = $1 \
             AND accepted_at IS NULL AND revoked_at IS NULL ORDER BY created_at, id"
        );
        const TAKE: &str = "UPDATE grant_invitations SET accepted_at = $2, accepted_by = $3 \
                            WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL";
        let upsert = upsert_grant_sql();
        let email = normalize_email(&user.email);
        if user.disabled_at.is_some() {
            return Ok(Vec::new());
        }
        each_backend!(self.db(), b => {
            // Most sign-ins have nothing waiting: look before taking the write lock.
            let waiting = sqlx::query(AssertSqlSafe(pending.clone()))
                .bind(email.as_str())
                .fetch_all(b.reader())
                .await?;
            if waiting.is_empty() {
                return Ok(Vec::new());
            }
            let mut tx = b.begin_write().await?;
            let rows = sqlx::query(AssertSqlSafe(pending))
                .bind(email.as_str())
                .fetch_all(&mut *tx)
                .await?;
            let mut granted = Vec::new();
            for row in &rows {
                let inv = invitation_from(row)?;
                if inv.patient_id == user.id
                    || (inv.relation == GrantRelation::Clinician && user.role != Role::Clinician)
                {
                    continue;
                }
                let taken = sqlx::query(TAKE)
                    .bind(inv.id.as_str())
                    .bind(now.as_millis())
                    .bind(user.id.as_str())
                    .execute(&mut *tx)
                    .await?;
                if taken.rows_affected() == 0 {
                    continue;
                }
                let row = sqlx::query(AssertSqlSafe(upsert.clone()))
                    .bind(RecordId::random().0)
                    .bind(inv.patient_id.as_str())
                    .bind(user.id.as_str())
                    .bind(now.as_millis())
                    .bind(inv.relation.as_str())
                    .bind(inv.can_write)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else { continue };
                let grant = grant_from(&row)?;
                let mut entry = scoped(audit, &inv.patient_id);
                entry.resource_id = Some(grant.id.0.clone());
                tx.append_audit(&entry).await?;
                granted.push(grant);
            }
            tx.commit().await?;
            Ok(granted)
        })
    }

    async fn find_grant(
        &self,
        patient: &UserId,
        grantee: &UserId,
    ) -> Result<Option<ClinicianGrant>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM clinician_grants WHERE patient_id = $1 \
             AND clinician_id = $2 AND revoked_at IS NULL"
        );
        each_backend!(self.db(), b => {
            let row = sqlx::query(AssertSqlSafe(sql))
                .bind(patient.as_str())
                .bind(grantee.as_str())
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| grant_from(&r)).transpose()
        })
    }

    async fn grant_access(
        &self,
        patient: &UserId,
        grantee: &UserId,
        relation: GrantRelation,
        can_write: bool,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant> {
        const ROLE: &str = "SELECT role FROM users WHERE id = $1";
        if patient == grantee {
            return Err(StoreError::invalid("grantee", "is the patient"));
        }
        let upsert = upsert_grant_sql();
        let audit = scoped(audit, patient);
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let role = sqlx::query(ROLE)
                .bind(grantee.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.text("role"))
                .transpose()?;
            match (relation, role.as_deref()) {
                (_, None) => return Err(StoreError::NotFound { what: "user" }),
                (GrantRelation::Clinician, Some(r)) if r != "clinician" => {
                    return Err(StoreError::invalid("grantee", "is not a clinician account"));
                }
                _ => {}
            }
            let row = sqlx::query(AssertSqlSafe(upsert))
                .bind(RecordId::random().0)
                .bind(patient.as_str())
                .bind(grantee.as_str())
                .bind(now.as_millis())
                .bind(relation.as_str())
                .bind(can_write)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or_else(|| StoreError::invalid("relation", "the guardian's grant stays"))?;
            let grant = grant_from(&row)?;
            let mut entry = audit;
            entry.resource_id = Some(grant.id.0.clone());
            tx.append_audit(&entry).await?;
            tx.commit().await?;
            Ok(grant)
        })
    }
    async fn set_clinician_ref(
        &self,
        patient: &UserId,
        clinician: &UserId,
        identifier: Option<&str>,
        audit: &AuditEntry,
    ) -> Result<()> {
        const SQL: &str = "UPDATE clinician_grants SET clinician_ref = $3 WHERE patient_id = $1 \
                           AND clinician_id = $2 AND revoked_at IS NULL AND relation = 'clinician'";
        let identifier = identifier.map(str::trim).filter(|i| !i.is_empty());
        if let Some(i) = identifier {
            if i.chars().count() > MAX_CLINICIAN_REF {
                return Err(StoreError::invalid(
                    "identifier",
                    "expected at most 64 characters",
                ));
            }
            if i.chars().any(char::is_control) {
                return Err(StoreError::invalid(
                    "identifier",
                    "expected letters, digits and punctuation on one line",
                ));
            }
        }
        let audit = scoped(audit, patient);
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let done = sqlx::query(SQL)
                .bind(patient.as_str())
                .bind(clinician.as_str())
                .bind(identifier)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "clinician_grant" });
            }
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }
}
