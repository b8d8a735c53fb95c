//! Children's profiles: a parent creates a profile that has no log-in of its own (an account row
//! with an address under `.invalid` and a password nobody knows), managed through a guardian
//! grant. Hand-over gives the profile its own login: a single-use link, and redeeming it sets the
//! child's address and password and ends the guardian's grant in one transaction, so the records
//! (keyed by the profile's id) stay where they are.

use crate::circle::{GRANT_COLUMNS, grant_from};
use crate::db::{AuditAppend, RowExt, each_backend, user_columns, user_from};
use crate::error::{Result, StoreError};
use crate::model::{AuditEntry, NewUser, Timestamp, User, UserId, normalize_email};
use crate::store::SqlStore;
use crate::tracker_model::{ClinicianGrant, PatientProfile, RecordId};

/// The domain of children's profile addresses (reserved by RFC 2606, so never deliverable).
pub const CHILD_EMAIL_DOMAIN: &str = "children.myo.invalid";

/// A new hand-over link.
#[derive(Debug, Clone)]
pub struct NewHandover {
    /// The child's profile.
    pub child_id: UserId,
    /// The address the child will sign in with.
    pub email: String,
    /// `token::hash_secret` of the link's secret.
    pub token_hash: String,
    /// Now.
    pub created_at: Timestamp,
    /// When the link stops working.
    pub expires_at: Timestamp,
}

/// A pending hand-over, as its link shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The child's profile.
    pub child: User,
    /// The address the child will sign in with.
    pub email: String,
}

/// Children's profiles. Implemented by the same store as [`crate::Store`].
#[async_trait::async_trait]
pub trait ChildrenStore {
    /// Creates the child's profile (an account without a log-in: its e-mail must be under
    /// [`CHILD_EMAIL_DOMAIN`]), its tracker profile and `guardian`'s grant, with `audit`, in one
    /// transaction.
    async fn create_child_profile(
        &self,
        child: &NewUser,
        profile: &PatientProfile,
        guardian: &UserId,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant>;

    /// Stores a hand-over link for a child's profile (a pending one for the same child is
    /// retired). `Invalid { field: "child" }` if the profile already has a log-in.
    async fn start_handover(&self, handover: &NewHandover, audit: &AuditEntry) -> Result<()>;

    /// The pending hand-over for an unused, unexpired link.
    async fn find_handover(&self, token_hash: &str, now: Timestamp) -> Result<Option<Handover>>;

    /// Gives the profile its own log-in: sets the address and password, ends the guardian's
    /// grant and marks the link used, with `audit`, in one transaction. `None` for an unknown,
    /// used or expired link; `Conflict { "users.email" }` when the address has an account.
    async fn complete_handover(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<User>>;
}

/// True when `email` is a child's profile address (no log-in yet).
#[must_use]
pub fn is_child_profile_email(email: &str) -> bool {
    email.ends_with(&format!("@{CHILD_EMAIL_DOMAIN}"))
}

const PENDING: &str = concat!(
    "SELECT ",
    user_columns!("u.", ""),
    ", h.email AS handover_email FROM profile_handovers h \
     JOIN users u ON u.id = h.child_id WHERE h.token_hash = $1 AND h.used_at IS NULL \
     AND h.expires_at > $2 AND u.disabled_at IS NULL"
);

#[async_trait::async_trait]
impl ChildrenStore for SqlStore {
    async fn create_child_profile(
        &self,
        child: &NewUser,
        profile: &PatientProfile,
        guardian: &UserId,
        audit: &AuditEntry,
    ) -> Result<ClinicianGrant> {
        const USER: &str = "INSERT INTO users (id, email, password_hash, role, display_name, \
                            created_at, disabled_at) VALUES ($1, $2, $3, 'patient', $4, $5, NULL)";
        const PROFILE: &str = "INSERT INTO patient_profiles (patient_id, time_zone, birth_date, \
                               sex, updated_at) VALUES ($1, $2, $3, $4, $5)";
        let grant = format!(
            "INSERT INTO clinician_grants (id, patient_id, clinician_id, granted_at, revoked_at, \
             relation, can_write) VALUES ($1, $2, $3, $4, NULL, 'guardian', $5) \
             RETURNING {GRANT_COLUMNS}"
        );
        if !is_child_profile_email(&child.email) {
            return Err(StoreError::invalid(
                "email",
                "a child's profile has no address yet",
            ));
        }
        let name = child.display_name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(StoreError::invalid(
                "display_name",
                "must be 1 to 100 characters",
            ));
        }
        let audit = audit.clone().for_patient(child.id.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            sqlx::query(USER)
                .bind(child.id.as_str())
                .bind(child.email.as_str())
                .bind(child.password_hash.as_str())
                .bind(name)
                .bind(child.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            sqlx::query(PROFILE)
                .bind(child.id.as_str())
                .bind(profile.time_zone.as_str())
                .bind(profile.birth_date.clone())
                .bind(profile.sex.clone())
                .bind(child.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            let row = sqlx::query(sqlx::AssertSqlSafe(grant))
                .bind(RecordId::random().0)
                .bind(child.id.as_str())
                .bind(guardian.as_str())
                .bind(child.created_at.as_millis())
                .bind(true)
                .fetch_one(&mut *tx)
                .await?;
            let grant = grant_from(&row)?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
            Ok(grant)
        })
    }

    async fn start_handover(&self, handover: &NewHandover, audit: &AuditEntry) -> Result<()> {
        const CHILD: &str = "SELECT email FROM users WHERE id = $1";
        const RETIRE: &str = "UPDATE profile_handovers SET used_at = $2 \
                              WHERE child_id = $1 AND used_at IS NULL";
        const INSERT: &str = "INSERT INTO profile_handovers (id, child_id, email, token_hash, \
                              created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, NULL)";
        let email = normalize_email(&handover.email);
        let shaped = email.len() <= 254
            && email
                .split_once('@')
                .is_some_and(|(l, d)| !l.is_empty() && d.contains('.'))
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && !is_child_profile_email(&email);
        if !shaped {
            return Err(StoreError::invalid(
                "email",
                "expected an address like name@example.org",
            ));
        }
        let audit = audit.clone().for_patient(handover.child_id.as_str());
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let current = sqlx::query(CHILD)
                .bind(handover.child_id.as_str())
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.text("email"))
                .transpose()?
                .ok_or(StoreError::NotFound { what: "user" })?;
            if !is_child_profile_email(&current) {
                return Err(StoreError::invalid("child", "already has its own log-in"));
            }
            sqlx::query(RETIRE)
                .bind(handover.child_id.as_str())
                .bind(handover.created_at.as_millis())
                .execute(&mut *tx)
                .await?;
            sqlx::query(INSERT)
                .bind(RecordId::random().0)
                .bind(handover.child_id.as_str())
                .bind(email.as_str())
                .bind(handover.token_hash.as_str())
                .bind(handover.created_at.as_millis())
                .bind(handover.expires_at.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit).await?;
            tx.commit().await?;
        });
        Ok(())
    }

    async fn find_handover(&self, token_hash: &str, now: Timestamp) -> Result<Option<Handover>> {
        each_backend!(self.db(), b => {
            let row = sqlx::query(PENDING)
                .bind(token_hash)
                .bind(now.as_millis())
                .fetch_optional(b.reader())
                .await?;
            row.map(|r| {
                Ok(Handover { child: user_from(&r, "")?, email: r.text("handover_email")? })
            })
            .transpose()
        })
    }

    async fn complete_handover(
        &self,
        token_hash: &str,
        password_hash: &str,
        now: Timestamp,
        audit: &AuditEntry,
    ) -> Result<Option<User>> {
        const USE: &str = "UPDATE profile_handovers SET used_at = $2 \
                           WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2";
        const LOGIN: &str = "UPDATE users SET email = $2, password_hash = $3 WHERE id = $1";
        const END_GUARDIAN: &str = "UPDATE clinician_grants SET revoked_at = $2 \
             WHERE patient_id = $1 AND relation = 'guardian' AND revoked_at IS NULL";
        each_backend!(self.db(), b => {
            let mut tx = b.begin_write().await?;
            let Some(row) = sqlx::query(PENDING)
                .bind(token_hash)
                .bind(now.as_millis())
                .fetch_optional(&mut *tx)
                .await?
            else {
                return Ok(None);
            };
            let child = user_from(&row, "")?;
            let email = row.text("handover_email")?;
            if !is_child_profile_email(&child.email) {
                return Ok(None);
            }
            let used = sqlx::query(USE).bind(token_hash).bind(now.as_millis()).execute(&mut *tx).await?;
            if used.rows_affected() == 0 {
                return Ok(None);
            }
            // A taken address fails the unique constraint: Conflict { "users.email" }.
            sqlx::query(LOGIN)
                .bind(child.id.as_str())
                .bind(email.as_str())
                .bind(password_hash)
                .execute(&mut *tx)
                .await?;
            sqlx::query(END_GUARDIAN)
                .bind(child.id.as_str())
                .bind(now.as_millis())
                .execute(&mut *tx)
                .await?;
            tx.append_audit(&audit.clone().for_patient(child.id.as_str())).await?;
            tx.commit().await?;
            Ok(Some(User { email, password_hash: password_hash.to_owned(), ..child }))
        })
    }
}
