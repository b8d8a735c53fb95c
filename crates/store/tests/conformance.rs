//! One behaviour suite for every backend: each case below runs on SQLite (temporary file) and on
//! PostgreSQL (fresh schema) when `MYO_TEST_POSTGRES_URL` is set.

mod common;

use std::sync::Arc;

use common::TestDb;
use myo_store::audit::action;
use myo_store::token::{hash_secret, random_token, session_id_for};
use myo_store::{
    AttemptKind, AuditEntry, AuditFilter, LoginAttempt, NewApiToken, NewSession, NewUser, Outcome,
    Page, Role, Store, StoreError, Timestamp, TokenId, UserChanges, UserId,
};

on_both_backends!(
    opens_pings_and_migrates_twice,
    users_are_unique_by_email_case_insensitively,
    bad_email_names_the_field,
    users_update_and_password_change,
    users_keep_their_interface_language,
    users_search_by_email_part,
    disabling_ends_sessions_and_revokes_tokens,
    last_active_admin_cannot_be_demoted_or_disabled,
    concurrent_demotions_leave_an_admin,
    sessions_lifecycle,
    session_for_missing_user_is_refused,
    tokens_lifecycle,
    login_attempts_count_per_key_and_window,
    deleting_a_user_removes_sessions_tokens_and_attempts_but_not_audit,
    failed_write_leaves_no_audit_event,
    audit_filters_and_paging,
    audit_rows_cannot_be_changed_or_deleted,
    audit_tampering_is_detected,
    concurrent_audit_appends_form_one_chain,
);

const T0: i64 = 1_763_700_000_000;

fn at(offset_ms: i64) -> Timestamp {
    Timestamp::from_millis(T0 + offset_ms)
}

fn audit(action: &str, resource_type: &str, id: &str) -> AuditEntry {
    AuditEntry::new(at(0), action, resource_type, Some(id), Outcome::Success).by(None, "system")
}

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        id: UserId::random(),
        email: email.to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".to_owned(),
        role,
        display_name: "  Ada  ".to_owned(),
        created_at: at(0),
    }
}

async fn add_user(store: &Arc<dyn Store>, email: &str) -> myo_store::User {
    let user = new_user(email, Role::Patient);
    store
        .create_user(&user, &audit(action::CREATE, "user", user.id.as_str()))
        .await
        .unwrap()
}

fn new_session(user: &UserId, created: i64, expires: i64) -> (String, NewSession) {
    let cookie = random_token();
    let session = NewSession {
        id: session_id_for(&cookie),
        user_id: user.clone(),
        csrf_token: random_token(),
        created_at: at(created),
        expires_at: at(expires),
        ip: Some("192.0.2.7".into()),
        user_agent: None,
    };
    (cookie, session)
}

fn new_token(user: &UserId, name: &str) -> (String, NewApiToken) {
    let secret = random_token();
    let token = NewApiToken {
        id: TokenId::random(),
        user_id: user.clone(),
        name: name.to_owned(),
        token_hash: hash_secret(&secret),
        prefix: secret[..8].to_owned(),
        created_at: at(5),
    };
    (secret, token)
}

async fn audit_count(store: &Arc<dyn Store>) -> u64 {
    store.verify_audit_chain().await.unwrap().events
}

async fn opens_pings_and_migrates_twice(db: &TestDb) {
    let store = db.open().await;
    store.ping().await.unwrap();
    store.migrate().await.unwrap();
    store.close().await;
    let again = db.open().await;
    assert_eq!(again.count_users().await.unwrap(), 0);
    assert!(again.verify_audit_chain().await.unwrap().is_intact());
}

async fn users_are_unique_by_email_case_insensitively(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, " Ada@Example.org ").await;
    assert_eq!(ada.email, "ada@example.org");
    assert_eq!(ada.display_name, "Ada");
    assert_eq!(store.get_user(&ada.id).await.unwrap().as_ref(), Some(&ada));
    let found = store
        .find_user_by_email("ADA@example.ORG")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, ada);
    assert!(
        store
            .find_user_by_email("nobody@example.org")
            .await
            .unwrap()
            .is_none()
    );
    assert!(store.get_user(&UserId::random()).await.unwrap().is_none());

    let twin = new_user("ada@EXAMPLE.org", Role::Admin);
    let err = store
        .create_user(&twin, &audit(action::CREATE, "user", "x"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { constraint } if constraint == "users.email"),
        "{err:?}"
    );

    add_user(&store, "bo@example.org").await;
    add_user(&store, "cy@example.org").await;
    assert_eq!(store.count_users().await.unwrap(), 3);
    let page = store
        .list_users(Page {
            offset: 1,
            limit: 1,
        })
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    let all = store.list_users(Page::default()).await.unwrap();
    assert_eq!(all.len(), 3);
    assert!(
        all.windows(2)
            .all(|w| (w[0].created_at, &w[0].id) <= (w[1].created_at, &w[1].id))
    );
}

async fn bad_email_names_the_field(db: &TestDb) {
    let store = db.open().await;
    for bad in ["", "no-at-sign", "@example.org", "a b@example.org"] {
        let err = store
            .create_user(&new_user(bad, Role::Patient), &audit("create", "user", "x"))
            .await;
        assert!(
            matches!(err, Err(StoreError::Invalid { field: "email", .. })),
            "{bad:?}: {err:?}"
        );
    }
    assert_eq!(store.count_users().await.unwrap(), 0);
    assert_eq!(audit_count(&store).await, 0);
}

async fn users_update_and_password_change(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    let changes = UserChanges {
        display_name: Some("Ada L.".into()),
        role: Some(Role::Clinician),
        disabled_at: Some(Some(at(9))),
    };
    let changed = store
        .update_user(&ada.id, &changes, &audit(action::UPDATE, "user", "a"))
        .await
        .unwrap();
    assert_eq!(
        (changed.display_name.as_str(), changed.role),
        ("Ada L.", Role::Clinician)
    );
    assert_eq!(changed.disabled_at, Some(at(9)));
    assert_eq!(store.get_user(&ada.id).await.unwrap().unwrap(), changed);

    let enable = UserChanges {
        disabled_at: Some(None),
        ..UserChanges::default()
    };
    let enabled = store
        .update_user(&ada.id, &enable, &audit("update", "user", "a"))
        .await
        .unwrap();
    assert_eq!(enabled.disabled_at, None);
    assert_eq!(enabled.role, Role::Clinician, "untouched fields stay");

    store
        .set_password(&ada.id, "$argon2id$new", &audit("update", "user", "a"))
        .await
        .unwrap();
    assert_eq!(
        store
            .get_user(&ada.id)
            .await
            .unwrap()
            .unwrap()
            .password_hash,
        "$argon2id$new"
    );

    let ghost = UserId::random();
    let err = store
        .set_password(&ghost, "x", &audit("update", "user", "g"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "user" }),
        "{err:?}"
    );
    let err = store
        .update_user(&ghost, &enable, &audit("update", "user", "g"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "user" }),
        "{err:?}"
    );
    assert_eq!(
        audit_count(&store).await,
        4,
        "create + 2 updates + password; failures add none"
    );
}

async fn users_keep_their_interface_language(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    assert_eq!(ada.language, None, "a new account follows the browser");
    store
        .set_user_language(&ada.id, Some("es"), &audit("update", "user", "a"))
        .await
        .unwrap();
    let read = store.get_user(&ada.id).await.unwrap().unwrap();
    assert_eq!(read.language.as_deref(), Some("es"));
    let by_email = store
        .find_user_by_email("ada@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_email.language.as_deref(), Some("es"));
    let (cookie, session) = new_session(&ada.id, 0, 1_000_000_000);
    store
        .create_session(&session, &audit("login", "session", "s"))
        .await
        .unwrap();
    let (_, with_session) = store
        .get_session_user(&session_id_for(&cookie))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(with_session.language.as_deref(), Some("es"));
    store
        .set_user_language(&ada.id, None, &audit("update", "user", "a"))
        .await
        .unwrap();
    assert_eq!(
        store.get_user(&ada.id).await.unwrap().unwrap().language,
        None
    );
    let err = store
        .set_user_language(&UserId::random(), Some("es"), &audit("update", "user", "g"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "user" }),
        "{err:?}"
    );
    assert_eq!(audit_count(&store).await, 4, "create, login, 2 changes");
}

async fn users_search_by_email_part(db: &TestDb) {
    let store = db.open().await;
    for (i, email) in [
        "ada@example.org",
        "bo@clinic.example",
        "a_b@example.org",
        "c%d@example.org",
    ]
    .into_iter()
    .enumerate()
    {
        let mut user = new_user(email, Role::Patient);
        user.created_at = at(i64::try_from(i).unwrap());
        let entry = audit(action::CREATE, "user", user.id.as_str());
        store.create_user(&user, &entry).await.unwrap();
    }
    let search = |part: &'static str, page: Page| {
        let store = Arc::clone(&store);
        async move {
            let found = store.search_users(part, page).await.unwrap();
            found.into_iter().map(|u| u.email).collect::<Vec<String>>()
        }
    };
    let all = Page::default();
    assert_eq!(
        search(" EXAMPLE.ORG ", all).await,
        ["ada@example.org", "a_b@example.org", "c%d@example.org"],
        "case and surrounding spaces are ignored; creation order"
    );
    assert_eq!(search("clinic", all).await, ["bo@clinic.example"]);
    // Wildcards are literal: `_` is not "any character", `%` is not "anything".
    assert_eq!(search("a_b", all).await, ["a_b@example.org"]);
    assert_eq!(search("%", all).await, ["c%d@example.org"]);
    assert!(search("zzz", all).await.is_empty());
    let second = Page {
        offset: 1,
        limit: 1,
    };
    assert_eq!(search("example.org", second).await, ["a_b@example.org"]);
    assert_eq!(search("", all).await.len(), 4);
}

async fn disabling_ends_sessions_and_revokes_tokens(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    let bo = add_user(&store, "bo@example.org").await;
    for user in [&ada, &ada, &bo] {
        let (_, s) = new_session(&user.id, 0, 100_000);
        store
            .create_session(&s, &audit(action::LOGIN, "session", "s"))
            .await
            .unwrap();
    }
    let (_, old) = new_token(&ada.id, "old");
    store
        .create_token(&old, &audit(action::CREATE, "api_token", "t"))
        .await
        .unwrap();
    store
        .revoke_token(
            &ada.id,
            &old.id,
            at(7),
            &audit(action::DELETE, "api_token", "t"),
        )
        .await
        .unwrap();
    for (user, name) in [(&ada, "live"), (&bo, "bo's")] {
        let (_, t) = new_token(&user.id, name);
        store
            .create_token(&t, &audit(action::CREATE, "api_token", "t"))
            .await
            .unwrap();
    }
    let before = audit_count(&store).await;

    let off = UserChanges {
        disabled_at: Some(Some(at(50))),
        ..UserChanges::default()
    };
    store
        .update_user(&ada.id, &off, &audit(action::UPDATE, "user", "a"))
        .await
        .unwrap();
    assert!(store.list_user_sessions(&ada.id).await.unwrap().is_empty());
    let tokens = store.list_tokens(&ada.id).await.unwrap();
    let mut revoked: Vec<(&str, Option<Timestamp>)> = tokens
        .iter()
        .map(|t| (t.name.as_str(), t.revoked_at))
        .collect();
    revoked.sort_unstable();
    assert_eq!(
        revoked,
        [("live", Some(at(50))), ("old", Some(at(7)))],
        "live tokens revoked at the disable time; an earlier revocation is kept"
    );
    assert_eq!(
        audit_count(&store).await,
        before + 1,
        "one event, one change"
    );

    // Another account is untouched.
    assert_eq!(store.list_user_sessions(&bo.id).await.unwrap().len(), 1);
    assert!(
        store.list_tokens(&bo.id).await.unwrap()[0]
            .revoked_at
            .is_none()
    );

    // Enabling again brings nothing back: the person signs in afresh.
    let on = UserChanges {
        disabled_at: Some(None),
        ..UserChanges::default()
    };
    let enabled = store
        .update_user(&ada.id, &on, &audit(action::UPDATE, "user", "a"))
        .await
        .unwrap();
    assert_eq!(enabled.disabled_at, None);
    assert!(store.list_user_sessions(&ada.id).await.unwrap().is_empty());
    assert!(
        store
            .list_tokens(&ada.id)
            .await
            .unwrap()
            .iter()
            .all(|t| t.revoked_at.is_some())
    );
}

async fn last_active_admin_cannot_be_demoted_or_disabled(db: &TestDb) {
    let store = db.open().await;
    let create = |email: &str, role| {
        let user = new_user(email, role);
        let store = Arc::clone(&store);
        async move {
            store
                .create_user(&user, &audit(action::CREATE, "user", user.id.as_str()))
                .await
                .unwrap()
        }
    };
    let change = |user: &myo_store::User, changes: UserChanges| {
        let store = Arc::clone(&store);
        let id = user.id.clone();
        async move {
            store
                .update_user(&id, &changes, &audit(action::UPDATE, "user", id.as_str()))
                .await
        }
    };
    let demote = || UserChanges {
        role: Some(Role::Clinician),
        ..UserChanges::default()
    };
    let disable = || UserChanges {
        disabled_at: Some(Some(at(9))),
        ..UserChanges::default()
    };
    let is_last_admin = |r: Result<myo_store::User, StoreError>| {
        assert!(matches!(r, Err(StoreError::LastAdmin)), "{r:?}");
    };

    let ann = create("ann@example.org", Role::Admin).await;
    let (_, session) = new_session(&ann.id, 0, 1000);
    store
        .create_session(&session, &audit(action::LOGIN, "session", "s"))
        .await
        .unwrap();
    let events = audit_count(&store).await;
    is_last_admin(change(&ann, demote()).await);
    is_last_admin(change(&ann, disable()).await);
    assert_eq!(store.get_user(&ann.id).await.unwrap().unwrap(), ann);
    assert_eq!(store.list_user_sessions(&ann.id).await.unwrap().len(), 1);
    assert_eq!(audit_count(&store).await, events, "refusals write nothing");
    // Changes that keep her an active admin are fine.
    let renamed = UserChanges {
        display_name: Some("Ann".into()),
        role: Some(Role::Admin),
        disabled_at: Some(None),
    };
    change(&ann, renamed).await.unwrap();

    // A disabled admin does not count, and can be changed freely.
    let dot = create("dot@example.org", Role::Admin).await;
    change(&dot, disable()).await.unwrap();
    is_last_admin(change(&ann, demote()).await);
    change(&dot, demote()).await.unwrap();

    // With a second active admin, either one may go, but not both.
    let eve = create("eve@example.org", Role::Admin).await;
    change(&ann, demote()).await.unwrap();
    is_last_admin(change(&eve, disable()).await);
    let promote = UserChanges {
        role: Some(Role::Admin),
        ..UserChanges::default()
    };
    change(&ann, promote).await.unwrap();
    change(&eve, disable()).await.unwrap();
    is_last_admin(change(&ann, disable()).await);

    // Nor can the last active admin delete the account; a disabled admin can be deleted.
    let del = |user: &myo_store::User| {
        let store = Arc::clone(&store);
        let id = user.id.clone();
        async move {
            store
                .delete_user(&id, &audit(action::DELETE, "user", id.as_str()))
                .await
        }
    };
    let events = audit_count(&store).await;
    let refused = del(&ann).await;
    assert!(matches!(refused, Err(StoreError::LastAdmin)), "{refused:?}");
    assert!(store.get_user(&ann.id).await.unwrap().is_some());
    assert_eq!(
        audit_count(&store).await,
        events,
        "a refused delete writes nothing"
    );
    del(&eve).await.unwrap();

    // Without any admin the rule has nothing to protect.
    let pat = create("pat@example.org", Role::Patient).await;
    change(&pat, disable()).await.unwrap();
}

async fn concurrent_demotions_leave_an_admin(db: &TestDb) {
    let store = db.open().await;
    let mut keeper = store
        .create_user(
            &new_user("a0@example.org", Role::Admin),
            &audit(action::CREATE, "user", "a0"),
        )
        .await
        .unwrap();
    for round in 1..=6 {
        let other = store
            .create_user(
                &new_user(&format!("a{round}@example.org"), Role::Admin),
                &audit(action::CREATE, "user", "a"),
            )
            .await
            .unwrap();
        // Each demotes the other at the same moment; one of them must be refused.
        let tasks: Vec<_> = [keeper.id.clone(), other.id.clone()]
            .into_iter()
            .enumerate()
            .map(|(i, id)| {
                let store = Arc::clone(&store);
                let changes = if i == 0 {
                    UserChanges {
                        role: Some(Role::Patient),
                        ..UserChanges::default()
                    }
                } else {
                    UserChanges {
                        disabled_at: Some(Some(at(round))),
                        ..UserChanges::default()
                    }
                };
                tokio::spawn(async move {
                    store
                        .update_user(&id, &changes, &audit(action::UPDATE, "user", id.as_str()))
                        .await
                })
            })
            .collect();
        let mut refused = 0;
        for task in tasks {
            match task.await.unwrap() {
                Ok(_) => {}
                Err(StoreError::LastAdmin) => refused += 1,
                Err(e) => panic!("round {round}: {e:?}"),
            }
        }
        assert_eq!(refused, 1, "round {round}");
        let admins: Vec<myo_store::User> = store
            .list_users(Page::default())
            .await
            .unwrap()
            .into_iter()
            .filter(|u| u.role == Role::Admin && u.disabled_at.is_none())
            .collect();
        assert_eq!(admins.len(), 1, "round {round}: {admins:?}");
        keeper = admins.into_iter().next().unwrap();
    }
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
}

async fn sessions_lifecycle(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    let (cookie, first) = new_session(&ada.id, 0, 1000);
    let created = store
        .create_session(&first, &audit(action::LOGIN, "session", "s"))
        .await
        .unwrap();
    assert_eq!(created.last_seen_at, at(0));
    let got = store
        .get_session(&session_id_for(&cookie))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(got, created);
    let (session, user) = store.get_session_user(&first.id).await.unwrap().unwrap();
    assert_eq!((session.id, user.id), (first.id.clone(), ada.id.clone()));

    store.touch_session(&first.id, at(50)).await.unwrap();
    assert_eq!(
        store
            .get_session(&first.id)
            .await
            .unwrap()
            .unwrap()
            .last_seen_at,
        at(50)
    );

    let (_, second) = new_session(&ada.id, 10, 20);
    let (_, third) = new_session(&ada.id, 20, 2000);
    store
        .create_session(&second, &audit("login", "session", "s"))
        .await
        .unwrap();
    store
        .create_session(&third, &audit("login", "session", "s"))
        .await
        .unwrap();
    let listed: Vec<_> = store
        .list_user_sessions(&ada.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        listed,
        [third.id.clone(), second.id.clone(), first.id.clone()]
    );

    assert_eq!(
        store.delete_expired_sessions(at(100)).await.unwrap(),
        1,
        "second expired"
    );
    let ended = store
        .delete_user_sessions(&ada.id, Some(&first.id), &audit("logout", "session", "all"))
        .await
        .unwrap();
    assert_eq!(ended, 1, "third ended, first kept");
    store
        .delete_session(&first.id, &audit(action::LOGOUT, "session", "s"))
        .await
        .unwrap();
    assert!(store.get_session(&first.id).await.unwrap().is_none());
    let err = store
        .delete_session(&first.id, &audit("logout", "session", "s"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "session" }),
        "{err:?}"
    );
    let err = store.touch_session(&first.id, at(60)).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
}

async fn session_for_missing_user_is_refused(db: &TestDb) {
    let store = db.open().await;
    let (_, orphan) = new_session(&UserId::random(), 0, 10);
    let err = store
        .create_session(&orphan, &audit("login", "session", "s"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::MissingReference), "{err:?}");
    assert_eq!(audit_count(&store).await, 0, "rolled back with the insert");
}

async fn tokens_lifecycle(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    let bo = add_user(&store, "bo@example.org").await;
    let (secret, token) = new_token(&ada.id, " laptop ");
    let created = store
        .create_token(&token, &audit("create", "api_token", "t"))
        .await
        .unwrap();
    assert_eq!(created.name, "laptop");
    let found = store
        .find_token_by_hash(&hash_secret(&secret))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found, created);
    assert!(
        store
            .find_token_by_hash(&hash_secret("guess"))
            .await
            .unwrap()
            .is_none()
    );

    let (_, clash) = new_token(&bo.id, "copy");
    let clash = NewApiToken {
        token_hash: token.token_hash.clone(),
        ..clash
    };
    let err = store
        .create_token(&clash, &audit("create", "api_token", "t"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { constraint } if constraint == "api_tokens.token_hash"),
        "{err:?}"
    );
    let (_, unnamed) = new_token(&ada.id, "  ");
    let err = store
        .create_token(&unnamed, &audit("create", "api_token", "t"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid { field: "name", .. }),
        "{err:?}"
    );

    store.touch_token(&token.id, at(70)).await.unwrap();
    let revoke = audit("delete", "api_token", "t");
    let err = store
        .revoke_token(&bo.id, &token.id, at(80), &revoke)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "api_token" }),
        "not bo's: {err:?}"
    );
    store
        .revoke_token(&ada.id, &token.id, at(80), &revoke)
        .await
        .unwrap();
    let err = store
        .revoke_token(&ada.id, &token.id, at(90), &revoke)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { .. }),
        "already revoked: {err:?}"
    );

    let listed = store.list_tokens(&ada.id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].last_used_at, listed[0].revoked_at),
        (Some(at(70)), Some(at(80)))
    );
    assert!(store.list_tokens(&bo.id).await.unwrap().is_empty());
}

async fn login_attempts_count_per_key_and_window(db: &TestDb) {
    let store = db.open().await;
    let attempt = |kind, key: &str, ts, success| LoginAttempt {
        kind,
        key: key.to_owned(),
        ts: at(ts),
        success,
    };
    for (ts, ok) in [(0, false), (10, false), (20, true), (30, false)] {
        store
            .record_login_attempt(&attempt(AttemptKind::Account, "ada@x.org", ts, ok))
            .await
            .unwrap();
    }
    store
        .record_login_attempt(&attempt(AttemptKind::Address, "ada@x.org", 40, false))
        .await
        .unwrap();
    store
        .record_login_attempt(&attempt(AttemptKind::Address, "192.0.2.1", 40, false))
        .await
        .unwrap();
    let failures = |kind, key: &'static str, since| {
        let store = Arc::clone(&store);
        async move {
            store
                .count_recent_failures(kind, key, at(since))
                .await
                .unwrap()
        }
    };
    assert_eq!(failures(AttemptKind::Account, "ada@x.org", 0).await, 3);
    assert_eq!(
        failures(AttemptKind::Account, "ada@x.org", 10).await,
        2,
        "window includes edge"
    );
    assert_eq!(failures(AttemptKind::Account, "ada@x.org", 31).await, 0);
    assert_eq!(
        failures(AttemptKind::Address, "192.0.2.1", 0).await,
        1,
        "kinds are separate"
    );
    assert_eq!(
        store
            .clear_login_attempts(AttemptKind::Account, "ada@x.org")
            .await
            .unwrap(),
        4
    );
    assert_eq!(failures(AttemptKind::Account, "ada@x.org", 0).await, 0);
    assert_eq!(store.prune_login_attempts(at(41)).await.unwrap(), 2);
}

async fn deleting_a_user_removes_sessions_tokens_and_attempts_but_not_audit(db: &TestDb) {
    let store = db.open().await;
    let ada = add_user(&store, "ada@example.org").await;
    let bo = add_user(&store, "bo@example.org").await;
    let (_, session) = new_session(&ada.id, 0, 1000);
    store
        .create_session(&session, &audit("login", "session", "s"))
        .await
        .unwrap();
    let (_, bo_session) = new_session(&bo.id, 0, 1000);
    store
        .create_session(&bo_session, &audit("login", "session", "s"))
        .await
        .unwrap();
    let (secret, token) = new_token(&ada.id, "cli");
    store
        .create_token(&token, &audit("create", "api_token", "t"))
        .await
        .unwrap();
    let failed = LoginAttempt {
        kind: AttemptKind::Account,
        key: ada.email.clone(),
        ts: at(1),
        success: false,
    };
    store.record_login_attempt(&failed).await.unwrap();
    let events_before = audit_count(&store).await;

    let goodbye = audit(action::DELETE, "user", ada.id.as_str());
    store.delete_user(&ada.id, &goodbye).await.unwrap();
    assert!(store.get_user(&ada.id).await.unwrap().is_none());
    assert!(store.get_session(&session.id).await.unwrap().is_none());
    assert!(
        store
            .find_token_by_hash(&hash_secret(&secret))
            .await
            .unwrap()
            .is_none()
    );
    let since = at(0);
    assert_eq!(
        store
            .count_recent_failures(AttemptKind::Account, &ada.email, since)
            .await
            .unwrap(),
        0
    );
    assert!(
        store.get_session(&bo_session.id).await.unwrap().is_some(),
        "others untouched"
    );
    assert_eq!(audit_count(&store).await, events_before + 1);
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
    let err = store.delete_user(&ada.id, &goodbye).await.unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound { what: "user" }),
        "{err:?}"
    );
}

async fn failed_write_leaves_no_audit_event(db: &TestDb) {
    let store = db.open().await;
    add_user(&store, "ada@example.org").await;
    let twin = new_user("ada@example.org", Role::Patient);
    assert!(
        store
            .create_user(&twin, &audit("create", "user", "t"))
            .await
            .is_err()
    );
    let events = store.list_audit(&AuditFilter::default()).await.unwrap();
    assert_eq!(events.len(), 1, "only the successful create");
    assert_eq!(events[0].entry.action, "create");
}

async fn audit_filters_and_paging(db: &TestDb) {
    let store = db.open().await;
    for i in 0..5 {
        let mut entry = AuditEntry::new(at(i), action::READ, "diary_entry", None, Outcome::Success)
            .by(
                Some(if i % 2 == 0 { "clin-1" } else { "pat-1" }),
                "clinician",
            )
            .for_patient(if i < 3 { "pat-1" } else { "pat-2" });
        entry.details = Some(format!("{{\"n\":{i}}}"));
        entry.request_id = Some(format!("req-{i}"));
        let event = store.append_audit(&entry).await.unwrap();
        assert_eq!(event.seq, i + 1);
        assert_eq!(event.entry, entry);
    }
    let denied = AuditEntry::new(
        at(9),
        action::LOGIN_FAILED,
        "session",
        None,
        Outcome::Denied,
    );
    store.append_audit(&denied).await.unwrap();

    let seqs =
        |events: Vec<myo_store::AuditEvent>| events.iter().map(|e| e.seq).collect::<Vec<_>>();
    let all = store.list_audit(&AuditFilter::default()).await.unwrap();
    assert_eq!(seqs(all.clone()), [6, 5, 4, 3, 2, 1]);
    assert_eq!(all[0].entry, denied);
    let for_pat1 = AuditFilter {
        patient_id: Some("pat-1".into()),
        ..AuditFilter::default()
    };
    assert_eq!(seqs(store.list_audit(&for_pat1).await.unwrap()), [3, 2, 1]);
    let by_clin = AuditFilter {
        actor_id: Some("clin-1".into()),
        ..AuditFilter::default()
    };
    assert_eq!(seqs(store.list_audit(&by_clin).await.unwrap()), [5, 3, 1]);
    let both = AuditFilter {
        patient_id: Some("pat-1".into()),
        ..by_clin.clone()
    };
    assert_eq!(seqs(store.list_audit(&both).await.unwrap()), [3, 1]);
    let page = AuditFilter {
        before_seq: Some(5),
        limit: 2,
        ..AuditFilter::default()
    };
    assert_eq!(seqs(store.list_audit(&page).await.unwrap()), [4, 3]);
    let report = store.verify_audit_chain().await.unwrap();
    assert_eq!((report.events, report.first_broken), (6, None));
}

async fn audit_rows_cannot_be_changed_or_deleted(db: &TestDb) {
    let store = db.open().await;
    add_user(&store, "ada@example.org").await;
    let update = db
        .raw_exec("UPDATE audit_events SET action = 'nothing'")
        .await;
    assert!(update.unwrap_err().contains("append-only"));
    let delete = db.raw_exec("DELETE FROM audit_events").await;
    assert!(delete.unwrap_err().contains("append-only"));
    if matches!(db.location, myo_store::Location::Postgres(_)) {
        let truncate = db.raw_exec("TRUNCATE audit_events").await;
        assert!(truncate.unwrap_err().contains("append-only"));
    }
    assert!(store.verify_audit_chain().await.unwrap().is_intact());
}

async fn audit_tampering_is_detected(db: &TestDb) {
    let store = db.open().await;
    for i in 0..4 {
        store
            .append_audit(&audit(action::READ, "user", &format!("u{i}")))
            .await
            .unwrap();
    }
    // Only someone bypassing the triggers can do this; the chain must still tell.
    let bypass = match db.location {
        myo_store::Location::Sqlite(_) => "DROP TRIGGER audit_events_no_update",
        myo_store::Location::Postgres(_) => "ALTER TABLE audit_events DISABLE TRIGGER USER",
    };
    db.raw_exec(bypass).await.unwrap();
    db.raw_exec("UPDATE audit_events SET resource_id = 'someone-else' WHERE seq = 3")
        .await
        .unwrap();
    let report = store.verify_audit_chain().await.unwrap();
    assert_eq!(report.first_broken, Some(3));
    assert!(!report.is_intact());
}

async fn concurrent_audit_appends_form_one_chain(db: &TestDb) {
    let store = db.open().await;
    let tasks: Vec<_> = (0..24)
        .map(|i| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                store
                    .append_audit(&audit(action::READ, "user", &format!("u{i}")))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut seqs = Vec::new();
    for task in tasks {
        seqs.push(task.await.unwrap().seq);
    }
    seqs.sort_unstable();
    assert_eq!(seqs, (1..=24).collect::<Vec<i64>>());
    let report = store.verify_audit_chain().await.unwrap();
    assert_eq!((report.events, report.first_broken), (24, None));
}
