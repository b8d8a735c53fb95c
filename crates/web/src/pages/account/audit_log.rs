//! The patient's own audit log and the admin audit viewer.

use super::*;

// ---- audit logs -------------------------------------------------------------------------------

/// An audit row for display.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Position.
    pub seq: i64,
    /// When.
    pub ts: String,
    /// Actor id or "anonymous".
    pub actor: String,
    /// Actor role.
    pub role: String,
    /// Verb.
    pub action: String,
    /// Record kind and id.
    pub resource: String,
    /// Patient concerned.
    pub patient: String,
    /// Outcome.
    pub outcome: &'static str,
    /// Address.
    pub ip: String,
}

pub(super) fn row(ev: &AuditEvent) -> AuditRow {
    let e = &ev.entry;
    AuditRow {
        seq: ev.seq,
        ts: e.ts.to_rfc3339(),
        actor: e.actor_id.clone().unwrap_or_else(|| "anonymous".into()),
        role: e.actor_role.clone().unwrap_or_default(),
        action: e.action.clone(),
        resource: match &e.resource_id {
            Some(id) => format!("{} {id}", e.resource_type),
            None => e.resource_type.clone(),
        },
        patient: e.patient_id.clone().unwrap_or_default(),
        outcome: e.outcome.as_str(),
        ip: e.source_ip.clone().unwrap_or_default(),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
pub(super) struct AuditPage {
    l: Layout,
    intro: &'static str,
    rows: Vec<AuditRow>,
    next_before: Option<i64>,
    base: &'static str,
    chain: Option<String>,
}

/// `?before=&verify=`
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    /// Keyset paging: events older than this `seq`.
    pub before: Option<i64>,
    /// `1` re-checks the hash chain.
    pub verify: Option<String>,
}

pub(super) const PAGE: u32 = 100;

/// `GET /account/audit`: what the user did, and every access to their record.
pub async fn my_audit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    let id = me.user.id.as_str().to_owned();
    let by_me = AuditFilter {
        actor_id: Some(id.clone()),
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let about_me = AuditFilter {
        patient_id: Some(id.clone()),
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let mut events = state.store().list_audit(&by_me).await?;
    events.extend(state.store().list_audit(&about_me).await?);
    events.sort_by_key(|e| std::cmp::Reverse(e.seq));
    events.dedup_by_key(|e| e.seq);
    events.truncate(PAGE as usize);
    let e = audit(
        Some(&me.user),
        &client,
        action::READ,
        "audit_log",
        None,
        Outcome::Success,
    )
    .for_patient(&id);
    state.audit(&e).await?;
    let next_before = (events.len() == PAGE as usize)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    let page = AuditPage {
        l: Layout::new(
            &state,
            Some(&me),
            &me.locale,
            "Your activity log",
            "account",
        ),
        intro: "Every sign-in, change and access concerning your account, newest first.",
        rows: events.iter().map(row).collect(),
        next_before,
        base: "/account/audit",
        chain: None,
    };
    Ok(render(&page))
}

/// `GET /admin/audit`: the whole log, admins only (403 for other roles).
pub async fn admin_audit(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    client: Client,
    PageQuery(q): PageQuery<AuditQuery>,
) -> Result<Response, PageError> {
    if !is_admin(&me.user) {
        let e = audit(
            Some(&me.user),
            &client,
            action::READ,
            "audit_log",
            None,
            Outcome::Denied,
        );
        state.audit(&e).await?;
        return Err(PageError(
            StatusCode::FORBIDDEN,
            "Only administrators can view the audit log.".into(),
        ));
    }
    let filter = AuditFilter {
        before_seq: q.before,
        limit: PAGE,
        ..AuditFilter::default()
    };
    let events = state.store().list_audit(&filter).await?;
    let e = audit(
        Some(&me.user),
        &client,
        action::READ,
        "audit_log",
        None,
        Outcome::Success,
    );
    state.audit(&e).await?;
    let chain = if q.verify.as_deref() == Some("1") {
        let r = state.store().verify_audit_chain().await?;
        Some(match r.first_broken {
            None => format!("Hash chain intact ({} events checked).", r.events),
            Some(seq) => format!(
                "Hash chain BROKEN at event {seq} ({} events checked).",
                r.events
            ),
        })
    } else {
        None
    };
    let next_before = (events.len() == PAGE as usize)
        .then(|| events.last().map(|e| e.seq))
        .flatten();
    let page = AuditPage {
        l: Layout::new(&state, Some(&me), &me.locale, "Audit log", "admin"),
        intro: "Every audited event, newest first.",
        rows: events.iter().map(row).collect(),
        next_before,
        base: "/admin/audit",
        chain,
    };
    Ok(render(&page))
}
