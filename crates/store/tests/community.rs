//! Community posts and trials on every backend: first posts held until approved, moderation
//! only by moderators and admins (checked in the store), reports, "this helped me", the
//! posting limit under a parallel burst, own-post deletion, anonymising on account deletion,
//! and trial syncs that keep the last good copy.

mod common;

use std::sync::Arc;

use common::TestDb;
use common::fixtures::at;
use myo_store::audit::action;
use myo_store::{
    AuditEntry, FIRST_POST, FORMER_MEMBER, Moderation, NewPost, NewUser, Outcome, PostLimits,
    PostStatus, Posted, RecordId, Role, SavedSearch, Store, StoreError, SyncRow, UserId,
};

on_both_backends!(
    a_first_post_is_held_until_a_moderator_approves,
    only_moderators_and_admins_can_moderate,
    hide_restore_edit_keep_their_reasons,
    reports_and_helped_marks,
    the_posting_limit_holds_under_a_parallel_burst,
    posters_delete_only_their_own_posts,
    anonymising_keeps_posts_after_account_deletion,
    pseudonyms_are_unique_ignoring_case,
    a_failed_sync_keeps_the_last_good_copy,
    saved_searches_belong_to_their_owner,
);

async fn add(store: &Arc<dyn Store>, role: Role) -> UserId {
    let id = UserId::random();
    let user = NewUser {
        id: id.clone(),
        email: format!("{}@example.org", id.as_str()),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".to_owned(),
        role,
        display_name: String::new(),
        created_at: at(0),
    };
    let audit = AuditEntry::new(
        at(0),
        action::CREATE,
        "user",
        Some(id.as_str()),
        Outcome::Success,
    );
    store.create_user(&user, &audit).await.unwrap();
    id
}

fn audit(verb: &str, who: &UserId) -> AuditEntry {
    AuditEntry::new(at(1), verb, "community_post", None, Outcome::Success)
        .by(Some(who.as_str()), "patient")
}

async fn poster(store: &Arc<dyn Store>, name: &str) -> UserId {
    let id = add(store, Role::Patient).await;
    store
        .set_pseudonym(&id, name, at(1), &audit(action::CREATE, &id))
        .await
        .unwrap();
    id
}

fn post(author: &UserId, text: &str) -> NewPost {
    NewPost {
        id: RecordId::random(),
        topic: "faq-why-steroids".to_owned(),
        author: author.clone(),
        tag: "tip".to_owned(),
        body: text.to_owned(),
        hold_reasons: Vec::new(),
        emergency: false,
        created_at: at(10),
    }
}

async fn stored(store: &Arc<dyn Store>, p: &NewPost) -> myo_store::PostRow {
    match store
        .create_post(p, &PostLimits::default(), &audit(action::CREATE, &p.author))
        .await
        .unwrap()
    {
        Posted::Stored(row) => *row,
        other => panic!("not stored: {other:?}"),
    }
}

async fn approve(store: &Arc<dyn Store>, post: &RecordId, m: &UserId) -> myo_store::PostRow {
    store
        .moderate(
            post,
            &Moderation::Approve,
            m,
            "first post reads fine",
            at(20),
            &audit(action::UPDATE, m),
        )
        .await
        .unwrap()
}

async fn a_first_post_is_held_until_a_moderator_approves(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Sunny Walker").await;
    let admin = add(&store, Role::Admin).await;
    let first = stored(&store, &post(&p, "Walking a little each day helped me.")).await;
    assert_eq!(first.status, PostStatus::Held);
    assert_eq!(first.hold_reasons, vec![FIRST_POST.to_owned()]);
    assert_eq!(first.pseudonym, "Sunny Walker");
    // Others do not see it; its author does.
    assert!(
        store
            .list_topic_posts("faq-why-steroids", None)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .list_topic_posts("faq-why-steroids", Some(&p))
            .await
            .unwrap()
            .len(),
        1
    );
    let queue = store.moderation_queue(50).await.unwrap();
    assert_eq!(queue.len(), 1);
    let approved = approve(&store, &first.id, &admin).await;
    assert_eq!(approved.status, PostStatus::Published);
    // Approving twice is refused, naming the action.
    let again = store
        .moderate(
            &first.id,
            &Moderation::Approve,
            &admin,
            "again",
            at(21),
            &audit(action::UPDATE, &admin),
        )
        .await;
    assert!(
        matches!(
            again,
            Err(StoreError::Invalid {
                field: "action",
                ..
            })
        ),
        "{again:?}"
    );
    // The second post is published at once; one with a screening reason is held.
    let second = stored(&store, &post(&p, "Taking it with breakfast was easier.")).await;
    assert_eq!(second.status, PostStatus::Published);
    let mut dosing = post(&p, "I was told something about my dose.");
    dosing.hold_reasons = vec!["dosing".to_owned()];
    let held = stored(&store, &dosing).await;
    assert_eq!(held.status, PostStatus::Held);
    assert_eq!(held.hold_reasons, vec!["dosing".to_owned()]);
    // An emergency goes to the top of the queue, ahead of older held posts.
    let q = poster(&store, "River").await;
    let mut urgent = post(&q, "I cannot breathe and my lips are blue.");
    urgent.emergency = true;
    urgent.hold_reasons = vec!["emergency".to_owned()];
    urgent.created_at = at(99);
    stored(&store, &urgent).await;
    let queue = store.moderation_queue(50).await.unwrap();
    assert!(queue[0].post.emergency, "{queue:?}");
    assert_eq!(queue.len(), 2);
    // Without a pseudonym nothing is stored.
    let nobody = add(&store, Role::Patient).await;
    let none = store
        .create_post(
            &post(&nobody, "hello there"),
            &PostLimits::default(),
            &audit(action::CREATE, &nobody),
        )
        .await;
    assert!(matches!(
        none,
        Err(StoreError::NotFound { what: "pseudonym" })
    ));
}

async fn only_moderators_and_admins_can_moderate(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Author").await;
    let patient = add(&store, Role::Patient).await;
    let clinician = add(&store, Role::Clinician).await;
    let admin = add(&store, Role::Admin).await;
    let first = stored(&store, &post(&p, "A post to moderate.")).await;
    for who in [&p, &patient, &clinician] {
        assert!(!store.can_moderate(who).await.unwrap());
        let r = store
            .moderate(
                &first.id,
                &Moderation::Hide,
                who,
                "trying",
                at(20),
                &audit(action::UPDATE, who),
            )
            .await;
        assert!(
            matches!(r, Err(StoreError::NotFound { what: "moderator" })),
            "{r:?}"
        );
    }
    // Nothing changed, nothing audited as a change.
    let same = store.get_post(&first.id, None).await.unwrap().unwrap();
    assert_eq!(same.status, PostStatus::Held);
    // An admin grants the capability; the patient can now moderate; withdrawn, cannot.
    assert!(store.can_moderate(&admin).await.unwrap());
    store
        .set_moderator(
            &patient,
            true,
            &admin,
            at(5),
            &audit(action::UPDATE, &admin),
        )
        .await
        .unwrap();
    assert!(store.can_moderate(&patient).await.unwrap());
    assert_eq!(
        store.list_moderators().await.unwrap(),
        vec![patient.clone()]
    );
    approve(&store, &first.id, &patient).await;
    store
        .set_moderator(
            &patient,
            false,
            &admin,
            at(6),
            &audit(action::UPDATE, &admin),
        )
        .await
        .unwrap();
    assert!(!store.can_moderate(&patient).await.unwrap());
    // A disabled admin cannot moderate.
    let changes = myo_store::UserChanges {
        disabled_at: Some(Some(at(7))),
        ..Default::default()
    };
    let admin2 = add(&store, Role::Admin).await;
    store
        .update_user(&admin, &changes, &audit(action::UPDATE, &admin2))
        .await
        .unwrap();
    assert!(!store.can_moderate(&admin).await.unwrap());
}

async fn hide_restore_edit_keep_their_reasons(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Author").await;
    let m = add(&store, Role::Admin).await;
    let first = stored(&store, &post(&p, "Original words.")).await;
    approve(&store, &first.id, &m).await;
    let hidden = store
        .moderate(
            &first.id,
            &Moderation::Hide,
            &m,
            "gives medical advice",
            at(30),
            &audit(action::UPDATE, &m),
        )
        .await
        .unwrap();
    assert_eq!(hidden.status, PostStatus::Hidden);
    assert!(
        store
            .list_topic_posts("faq-why-steroids", None)
            .await
            .unwrap()
            .is_empty()
    );
    let restored = store
        .moderate(
            &first.id,
            &Moderation::Restore,
            &m,
            "reviewed again",
            at(31),
            &audit(action::UPDATE, &m),
        )
        .await
        .unwrap();
    assert_eq!(restored.status, PostStatus::Published);
    let edited = store
        .moderate(
            &first.id,
            &Moderation::Edit("Edited words.".to_owned()),
            &m,
            "removed a name",
            at(32),
            &audit(action::UPDATE, &m),
        )
        .await
        .unwrap();
    assert_eq!(edited.body, "Edited words.");
    assert_eq!(edited.edited_at, Some(at(32)));
    // An empty reason is refused, naming the field.
    let r = store
        .moderate(
            &first.id,
            &Moderation::Hide,
            &m,
            "   ",
            at(33),
            &audit(action::UPDATE, &m),
        )
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Invalid {
            field: "reason",
            ..
        })
    ));
    // The reasons are kept; the audit log has one entry per action.
    let log = store
        .list_audit(&myo_store::AuditFilter {
            actor_id: Some(m.as_str().to_owned()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 4, "{log:?}");
    // Reported once more so the post shows in the queue with its history.
    let r = add(&store, Role::Patient).await;
    store
        .report_post(
            &first.id,
            &r,
            "other",
            "",
            at(34),
            &audit(action::CREATE, &r),
        )
        .await
        .unwrap();
    let queue = store.moderation_queue(10).await.unwrap();
    let reasons: Vec<&str> = queue[0].actions.iter().map(|a| a.reason.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "first post reads fine",
            "gives medical advice",
            "reviewed again",
            "removed a name"
        ]
    );
}

async fn reports_and_helped_marks(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Author").await;
    let m = add(&store, Role::Admin).await;
    let reader = add(&store, Role::Patient).await;
    let first = stored(&store, &post(&p, "Something to report.")).await;
    // A held post cannot be reported or marked (only its author sees it).
    let r = store
        .report_post(
            &first.id,
            &reader,
            "spam",
            "",
            at(11),
            &audit(action::CREATE, &reader),
        )
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { what: "post" })));
    approve(&store, &first.id, &m).await;
    store
        .report_post(
            &first.id,
            &reader,
            "medical_advice",
            "tells people to change a dose",
            at(12),
            &audit(action::CREATE, &reader),
        )
        .await
        .unwrap();
    let twice = store
        .report_post(
            &first.id,
            &reader,
            "spam",
            "",
            at(13),
            &audit(action::CREATE, &reader),
        )
        .await;
    assert!(
        matches!(twice, Err(StoreError::Conflict { .. })),
        "{twice:?}"
    );
    let bad = store
        .report_post(
            &first.id,
            &m,
            "because",
            "",
            at(13),
            &audit(action::CREATE, &m),
        )
        .await;
    assert!(matches!(
        bad,
        Err(StoreError::Invalid {
            field: "reason",
            ..
        })
    ));
    let queue = store.moderation_queue(10).await.unwrap();
    assert_eq!(queue[0].reports.len(), 1);
    assert_eq!(queue[0].post.open_reports, 1);
    store
        .moderate(
            &first.id,
            &Moderation::Dismiss,
            &m,
            "not advice",
            at(14),
            &audit(action::UPDATE, &m),
        )
        .await
        .unwrap();
    assert!(store.moderation_queue(10).await.unwrap().is_empty());
    // Helped: idempotent, counted once per person, unmarked.
    for _ in 0..2 {
        store
            .mark_helped(
                &first.id,
                &reader,
                true,
                at(15),
                &audit(action::UPDATE, &reader),
            )
            .await
            .unwrap();
    }
    let seen = store
        .get_post(&first.id, Some(&reader))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((seen.helped, seen.helped_by_viewer), (1, true));
    store
        .mark_helped(
            &first.id,
            &reader,
            false,
            at(16),
            &audit(action::UPDATE, &reader),
        )
        .await
        .unwrap();
    let seen = store.get_post(&first.id, None).await.unwrap().unwrap();
    assert_eq!(seen.helped, 0);
    let missing = store
        .mark_helped(
            &RecordId::random(),
            &reader,
            true,
            at(15),
            &audit(action::UPDATE, &reader),
        )
        .await;
    assert!(matches!(
        missing,
        Err(StoreError::NotFound { what: "post" })
    ));
}

async fn the_posting_limit_holds_under_a_parallel_burst(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Busy").await;
    let limits = PostLimits {
        per_hour: 3,
        per_day: 10,
    };
    let mut tasks = Vec::new();
    for i in 0..12 {
        let store = Arc::clone(&store);
        let p = p.clone();
        tasks.push(tokio::spawn(async move {
            let mut np = post(&p, &format!("Post number {i}."));
            np.created_at = at(1000 + i);
            store
                .create_post(&np, &limits, &audit(action::CREATE, &p))
                .await
                .unwrap()
        }));
    }
    let mut stored_n = 0;
    let mut limited = 0;
    for t in tasks {
        match t.await.unwrap() {
            Posted::Stored(_) => stored_n += 1,
            Posted::RateLimited { retry_after_secs } => {
                assert!(retry_after_secs > 0 && retry_after_secs <= 3600);
                limited += 1;
            }
        }
    }
    assert_eq!((stored_n, limited), (3, 9));
    let all = store.list_author_posts(&p).await.unwrap();
    assert_eq!(all.len(), 3);
}

async fn posters_delete_only_their_own_posts(db: &TestDb) {
    let store = db.open().await;
    let p = poster(&store, "Owner").await;
    let other = poster(&store, "Other").await;
    let first = stored(&store, &post(&p, "Mine.")).await;
    let r = store
        .delete_own_post(&first.id, &other, &audit(action::DELETE, &other))
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { what: "post" })));
    store
        .delete_own_post(&first.id, &p, &audit(action::DELETE, &p))
        .await
        .unwrap();
    assert!(store.get_post(&first.id, None).await.unwrap().is_none());
}

async fn anonymising_keeps_posts_after_account_deletion(db: &TestDb) {
    let store = db.open().await;
    let m = add(&store, Role::Admin).await;
    let keep = poster(&store, "Keeper").await;
    let gone = poster(&store, "Leaver").await;
    let kept = stored(&store, &post(&keep, "Keep this one.")).await;
    approve(&store, &kept.id, &m).await;
    let dropped = stored(&store, &post(&gone, "Delete this one.")).await;
    approve(&store, &dropped.id, &m).await;
    assert_eq!(
        store
            .anonymise_posts(&keep, &audit(action::UPDATE, &keep))
            .await
            .unwrap(),
        1
    );
    for id in [&keep, &gone] {
        store
            .delete_user(id, &audit(action::DELETE, id))
            .await
            .unwrap();
    }
    let left = store
        .list_topic_posts("faq-why-steroids", None)
        .await
        .unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].body, "Keep this one.");
    assert_eq!(left[0].pseudonym, FORMER_MEMBER);
    assert_eq!(left[0].author_id, None);
}

async fn pseudonyms_are_unique_ignoring_case(db: &TestDb) {
    let store = db.open().await;
    poster(&store, "Quiet  Fox").await;
    let b = add(&store, Role::Patient).await;
    let r = store
        .set_pseudonym(&b, "quiet fox", at(1), &audit(action::CREATE, &b))
        .await;
    assert!(matches!(r, Err(StoreError::Conflict { .. })), "{r:?}");
    let r = store
        .set_pseudonym(&b, "ab", at(1), &audit(action::CREATE, &b))
        .await;
    assert!(matches!(
        r,
        Err(StoreError::Invalid {
            field: "pseudonym",
            ..
        })
    ));
}

fn sync(ok: bool, t: i64, n: u64) -> SyncRow {
    SyncRow {
        id: RecordId::random(),
        started_at: at(t - 5),
        finished_at: at(t),
        ok,
        studies: n,
        pages: 1,
        error: (!ok).then(|| "network unreachable".to_owned()),
    }
}

async fn a_failed_sync_keeps_the_last_good_copy(db: &TestDb) {
    let store = db.open().await;
    let sys = add(&store, Role::Admin).await;
    let a = || audit(action::UPDATE, &sys);
    let first = vec![
        ("NCT00000001".to_owned(), "{\"a\":1}".to_owned()),
        ("NCT00000002".to_owned(), "{\"b\":1}".to_owned()),
    ];
    store
        .replace_trials(&first, &sync(true, 100, 2), &a())
        .await
        .unwrap();
    store
        .record_failed_sync(&sync(false, 200, 0))
        .await
        .unwrap();
    let kept = store.list_trials().await.unwrap();
    assert_eq!(kept.len(), 2);
    let (last, good) = store.last_syncs().await.unwrap();
    assert!(!last.unwrap().ok);
    assert_eq!(good.unwrap().finished_at, at(100));
    // The next good sync updates one, drops one, adds one; first-seen times are kept.
    let second = vec![
        ("NCT00000002".to_owned(), "{\"b\":2}".to_owned()),
        ("NCT00000003".to_owned(), "{\"c\":1}".to_owned()),
    ];
    store
        .replace_trials(&second, &sync(true, 300, 2), &a())
        .await
        .unwrap();
    let now = store.list_trials().await.unwrap();
    let ids: Vec<&str> = now.iter().map(|t| t.nct_id.as_str()).collect();
    assert_eq!(ids, ["NCT00000002", "NCT00000003"]);
    assert_eq!(now[0].study, "{\"b\":2}");
    assert_eq!(now[0].first_seen_at, at(100));
    assert_eq!(now[1].first_seen_at, at(300));
    // A bad id is refused and nothing is replaced.
    let bad = vec![("NCT123".to_owned(), "{}".to_owned())];
    let r = store.replace_trials(&bad, &sync(true, 400, 1), &a()).await;
    assert!(matches!(
        r,
        Err(StoreError::Invalid {
            field: "nct_id",
            ..
        })
    ));
    assert_eq!(store.list_trials().await.unwrap().len(), 2);
    let r = store
        .replace_trials(&second, &sync(false, 500, 2), &a())
        .await;
    assert!(matches!(r, Err(StoreError::Invalid { field: "ok", .. })));
}

async fn saved_searches_belong_to_their_owner(db: &TestDb) {
    let store = db.open().await;
    let a = add(&store, Role::Patient).await;
    let b = add(&store, Role::Patient).await;
    let s = SavedSearch {
        id: RecordId::random(),
        user_id: a.clone(),
        name: "Recruiting near Leeds".to_owned(),
        query: "status=recruiting&near=Leeds".to_owned(),
        created_at: at(1),
        last_seen_at: at(1),
        email_since: None,
    };
    store
        .save_search(&s, &audit(action::CREATE, &a))
        .await
        .unwrap();
    assert_eq!(
        store.list_saved_searches(&a).await.unwrap(),
        vec![s.clone()]
    );
    assert!(store.list_saved_searches(&b).await.unwrap().is_empty());
    let r = store.touch_saved_search(&b, &s.id, at(5)).await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })));
    let r = store
        .delete_saved_search(&b, &s.id, &audit(action::DELETE, &b))
        .await;
    assert!(matches!(r, Err(StoreError::NotFound { .. })));
    store.touch_saved_search(&a, &s.id, at(5)).await.unwrap();
    assert_eq!(
        store.list_saved_searches(&a).await.unwrap()[0].last_seen_at,
        at(5)
    );
    store
        .delete_saved_search(&a, &s.id, &audit(action::DELETE, &a))
        .await
        .unwrap();
    assert!(store.list_saved_searches(&a).await.unwrap().is_empty());
}
