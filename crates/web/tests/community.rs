//! Community posts through the pages, on both backends: a first post held until a moderator
//! approves it, moderation refused to everyone but moderators and admins, the emergency path,
//! dosing holds, identifiers refused with the text kept, reports, own-post deletion, the
//! posting limit, account deletion (delete or anonymise), and Ask never reading posts.

mod common;

use axum::http::StatusCode;
use common::{PW, TestApp};
use myo_store::Role;

async fn sqlite() -> TestApp {
    TestApp::sqlite().await
}

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { super::$name(super::sqlite().await).await; })*
        }
        mod on_postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                match super::TestApp::postgres(stringify!($name)).await {
                    Some(t) => super::$name(t).await,
                    None => eprintln!("skipped: {} not set", super::common::PG_ENV),
                }
            })*
        }
    };
}

both!(
    a_first_post_waits_for_a_moderator,
    moderation_is_for_moderators_only,
    an_emergency_post_shows_the_action_and_tops_the_queue,
    reports_hide_and_restore_with_reasons,
);

const TOPIC: &str = "faq-why-steroids";

struct Who {
    cookie: String,
    csrf: String,
}

async fn signed_up(t: &TestApp, email: &str) -> Who {
    let cookie = t.signup(email, PW).await;
    let csrf = t.csrf(&cookie).await;
    Who { cookie, csrf }
}

async fn admin(t: &TestApp, email: &str) -> Who {
    t.add_user(email, PW, Role::Admin).await;
    let cookie = t.signin(email, PW).await.cookie();
    let csrf = t.csrf(&cookie).await;
    Who { cookie, csrf }
}

async fn post(t: &TestApp, w: &Who, body: &str, name: &str) -> common::Resp {
    t.post_form(
        &format!("/kb/{TOPIC}/community"),
        &[
            ("csrf", &w.csrf),
            ("tag", "helped"),
            ("body", body),
            ("pseudonym", name),
        ],
        Some(&w.cookie),
    )
    .await
}

/// The id of the first post on the page whose text contains `needle`.
fn post_id(page: &str, needle: &str) -> String {
    let at = page
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not on page"));
    let before = &page[..at];
    let start = before.rfind("id=\"post-").expect("post id") + "id=\"post-".len();
    before[start..start + 32].to_owned()
}

fn queue_id(page: &str, needle: &str) -> String {
    let at = page
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in queue"));
    let before = &page[..at];
    let start = before.rfind("id=\"queue-").expect("queue id") + "id=\"queue-".len();
    before[start..start + 32].to_owned()
}

async fn act(t: &TestApp, w: &Who, id: &str, action: &str, reason: &str) -> common::Resp {
    t.post_form(
        &format!("/community/moderation/{id}"),
        &[
            ("csrf", &w.csrf),
            ("action", action),
            ("reason", reason),
            ("body", ""),
        ],
        Some(&w.cookie),
    )
    .await
}

async fn a_first_post_waits_for_a_moderator(t: TestApp) {
    let ana = signed_up(&t, "ana@example.org").await;
    let boss = admin(&t, "boss@example.org").await;
    let text = "Taking my tablets with breakfast made my stomach calmer.";
    let r = post(&t, &ana, text, "Morning Person").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        r.header("location"),
        format!("/kb/{TOPIC}?community=held#community")
    );
    // The author sees it, marked as waiting, beside (after) the reviewed answer.
    let mine = t
        .get(&format!("/kb/{TOPIC}?community=held"), Some(&ana.cookie))
        .await;
    assert!(mine.body.contains(text));
    assert!(mine.body.contains("Waiting for a moderator"));
    assert!(mine.body.contains("From people living with DM"));
    assert!(
        mine.body.find("id=\"entry-body\"").unwrap() < mine.body.find("id=\"community\"").unwrap()
    );
    assert!(mine.body.contains("not medical advice"));
    // Nobody else sees it yet; the pseudonym is shown, never the e-mail.
    let anon = t.get(&format!("/kb/{TOPIC}"), None).await;
    assert!(!anon.body.contains(text));
    let id = post_id(&mine.body, text);
    let r = act(&t, &boss, &id, "approve", "reads fine").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let anon = t.get(&format!("/kb/{TOPIC}"), None).await;
    assert!(anon.body.contains(text));
    assert!(anon.body.contains("Morning Person"));
    assert!(!anon.body.contains("ana@example.org"));
    // Another reader marks it "this helped me"; marking twice counts once.
    let ben = signed_up(&t, "ben@example.org").await;
    for _ in 0..2 {
        let r = t
            .post_form(
                &format!("/community/posts/{id}/helped"),
                &[("csrf", &ben.csrf), ("helped", "yes")],
                Some(&ben.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let seen = t.get(&format!("/kb/{TOPIC}"), Some(&ben.cookie)).await;
    assert!(seen.body.contains("1 person found this helpful"));
    assert!(seen.body.contains("Unmark"));
    // The second post appears at once.
    let second = "A pill organiser with days of the week helped me keep track.";
    let r = post(&t, &ana, second, "").await;
    assert_eq!(
        r.header("location"),
        format!("/kb/{TOPIC}?community=published#community")
    );
    assert!(
        t.get(&format!("/kb/{TOPIC}"), None)
            .await
            .body
            .contains(second)
    );
    t.cleanup().await;
}

async fn moderation_is_for_moderators_only(t: TestApp) {
    let ana = signed_up(&t, "ana@example.org").await;
    let ben = signed_up(&t, "ben@example.org").await;
    let boss = admin(&t, "boss@example.org").await;
    post(
        &t,
        &ana,
        "Gentle stretching every morning eased my stiffness.",
        "Stretcher",
    )
    .await;
    // Patients and clinicians: 403, audited as denied.
    assert_eq!(
        t.get("/community/moderation", Some(&ben.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    t.add_user("doc@example.org", PW, Role::Clinician).await;
    let doc = t.signin("doc@example.org", PW).await.cookie();
    assert_eq!(
        t.get("/community/moderation", Some(&doc)).await.status,
        StatusCode::FORBIDDEN
    );
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    assert_eq!(queue.status, StatusCode::OK);
    let id = queue_id(&queue.body, "Gentle stretching");
    // Ben cannot act on it, nor grant himself the role.
    let r = act(&t, &ben, &id, "approve", "looks fine").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let ben_id = t
        .store()
        .find_user_by_email("ben@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let grant = format!("/admin/users/{}/moderator", ben_id.as_str());
    let r = t
        .post_form(
            &grant,
            &[("csrf", &ben.csrf), ("grant", "yes")],
            Some(&ben.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(!t.store().can_moderate(&ben_id).await.unwrap());
    // Without a CSRF token the admin's grant is refused too.
    let r = t
        .post_form(&grant, &[("grant", "yes")], Some(&boss.cookie))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The admin grants it; Ben moderates; the users page shows it.
    let r = t
        .post_form(
            &grant,
            &[("csrf", &boss.csrf), ("grant", "yes")],
            Some(&boss.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let users = t.get("/admin/users", Some(&boss.cookie)).await;
    assert!(users.body.contains("community moderator"));
    let r = act(&t, &ben, &id, "approve", "").await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let r = act(&t, &ben, &id, "approve", "looks fine").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Withdrawn: refused again.
    t.post_form(
        &grant,
        &[("csrf", &boss.csrf), ("grant", "no")],
        Some(&boss.cookie),
    )
    .await;
    assert_eq!(
        t.get("/community/moderation", Some(&ben.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let denied = t
        .store()
        .list_audit(&myo_store::AuditFilter {
            actor_id: Some(ben_id.as_str().to_owned()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        denied
            .iter()
            .filter(|e| e.entry.outcome == myo_store::Outcome::Denied)
            .count()
            >= 3
    );
    t.cleanup().await;
}

async fn an_emergency_post_shows_the_action_and_tops_the_queue(t: TestApp) {
    let ana = signed_up(&t, "ana@example.org").await;
    let ben = signed_up(&t, "ben@example.org").await;
    let boss = admin(&t, "boss@example.org").await;
    post(
        &t,
        &ana,
        "Warm showers in the evening help my sore muscles.",
        "Warm",
    )
    .await;
    let r = post(
        &t,
        &ben,
        "I can't breathe and my lips are turning blue since this morning.",
        "Worried",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("id=\"post-warning\""));
    assert!(r.body.contains("role=\"alert\""));
    assert!(r.body.contains("Emergency warning sign"));
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    let emergency = queue.body.find("lips are turning blue").unwrap();
    let older = queue.body.find("Warm showers").unwrap();
    assert!(emergency < older, "emergency first");
    assert!(queue.body.contains("queue-emergency"));
    // Spanish is read too.
    let r = post(
        &t,
        &ana,
        "No puedo respirar y tengo los labios morados desde anoche.",
        "",
    )
    .await;
    assert!(r.body.contains("id=\"post-warning\""), "{}", r.body);
    t.cleanup().await;
}

async fn reports_hide_and_restore_with_reasons(t: TestApp) {
    let ana = signed_up(&t, "ana@example.org").await;
    let ben = signed_up(&t, "ben@example.org").await;
    let boss = admin(&t, "boss@example.org").await;
    let text = "Sun cream every day kept my rash from flaring in summer.";
    post(&t, &ana, text, "Sunny").await;
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    let id = queue_id(&queue.body, text);
    act(&t, &boss, &id, "approve", "fine").await;
    // Anonymous people are sent to sign in; a reason is required.
    let r = t
        .post_form(
            &format!("/community/posts/{id}/report"),
            &[("reason", "spam")],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.header("location").starts_with("/signin"));
    let path = format!("/community/posts/{id}/report");
    let r = t
        .post_form(
            &path,
            &[("csrf", &ben.csrf), ("reason", "")],
            Some(&ben.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = t
        .post_form(
            &path,
            &[
                ("csrf", &ben.csrf),
                ("reason", "medical_advice"),
                ("detail", "sounds like advice"),
            ],
            Some(&ben.cookie),
        )
        .await;
    assert!(r.header("location").contains("community=reported"));
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    assert!(queue.body.contains("sounds like advice"));
    let r = act(
        &t,
        &boss,
        &id,
        "hide",
        "reads as advice on sun cream brands",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !t.get(&format!("/kb/{TOPIC}"), None)
            .await
            .body
            .contains(text)
    );
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    assert!(!queue.body.contains(text), "dealt with: out of the queue");
    // Restoring needs the post; an edit is screened like a post.
    let r = act(&t, &boss, &id, "restore", "on reflection it is fine").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = t
        .post_form(
            &format!("/community/moderation/{id}"),
            &[
                ("csrf", &boss.csrf),
                ("action", "edit"),
                ("reason", "typo"),
                ("body", "Call ana on 0161 496 0000 for tips."),
            ],
            Some(&boss.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("phone number"));
    assert!(
        t.get(&format!("/kb/{TOPIC}"), None)
            .await
            .body
            .contains(text)
    );
    // Ana cannot delete Ben's… Ben cannot delete Ana's post; Ana can.
    let del = format!("/community/posts/{id}/delete");
    let r = t
        .post_form(&del, &[("csrf", &ben.csrf)], Some(&ben.cookie))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = t
        .post_form(&del, &[("csrf", &ana.csrf)], Some(&ana.cookie))
        .await;
    assert!(r.header("location").contains("community=deleted"));
    assert!(
        !t.get(&format!("/kb/{TOPIC}"), None)
            .await
            .body
            .contains(text)
    );
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_keep_the_text_and_name_the_problem() {
    let t = sqlite().await;
    let ana = signed_up(&t, "ana@example.org").await;
    let text = "Email me at ana.lopez@example.org and I will tell you more.";
    let r = post(&t, &ana, text, "Ana Helper").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("e-mail address"));
    assert!(
        r.body
            .contains("ana.lopez@example.org and I will tell you more")
    );
    // A pseudonym made of the e-mail's name part is refused.
    let r = post(&t, &ana, "A plain post about walking.", "ana").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = post(
        &t,
        &ana,
        "Walking slowly helps me on bad days.",
        "Morning Walker",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Dosing instructions are held with a note (here also a first post).
    let r = post(&t, &ana, "Stop your prednisone if it makes you sad.", "").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"post-held-note\""));
    assert!(r.body.contains("care team"));
    // Links outside the allow-list, markup.
    for (body, words) in [
        (
            "More on my blog at https://cures.example.com/dm ok",
            "Links are allowed only",
        ),
        ("<script>alert(1)</script> hello there", "plain text"),
    ] {
        let r = post(&t, &ana, body, "").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains(words), "{}", r.body);
        assert!(!r.body.contains("<script>alert"));
    }
    // A control character never reaches the handler.
    let r = post(&t, &ana, "hello\u{0}there my friends", "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // An unknown topic is a 404.
    let r = t
        .post_form(
            "/kb/no-such-entry/community",
            &[
                ("csrf", &ana.csrf),
                ("tag", "tip"),
                ("body", "hello there all"),
            ],
            Some(&ana.cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posting_is_rate_limited() {
    // Five an hour and five a day: an hour boundary during the test cannot reset both.
    let t = TestApp::sqlite_with(|c| {
        c.post_limits = myo_store::PostLimits {
            per_hour: 5,
            per_day: 5,
        };
    })
    .await;
    let ana = signed_up(&t, "ana@example.org").await;
    let mut statuses = Vec::new();
    for i in 0..7 {
        let r = post(
            &t,
            &ana,
            &format!("Experience number {i} about rest."),
            "Rester",
        )
        .await;
        statuses.push(r.status);
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(
                r.body
                    .contains(&format!("Experience number {i} about rest."))
            );
            assert!(!r.header("retry-after").is_empty());
        }
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
            .count(),
        2,
        "{statuses:?}"
    );
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_deletion_deletes_or_anonymises_posts() {
    let t = sqlite().await;
    let boss = admin(&t, "boss@example.org").await;
    for (email, name, choice, text) in [
        (
            "keep@example.org",
            "Resting Owl",
            "anonymise",
            "Resting after lunch gives me the afternoon.",
        ),
        (
            "drop@example.org",
            "Quiet Fox",
            "delete",
            "A shower stool saved my energy for the day.",
        ),
    ] {
        let w = signed_up(&t, email).await;
        post(&t, &w, text, name).await;
        let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
        act(&t, &boss, &queue_id(&queue.body, text), "approve", "ok").await;
        let r = t
            .post_form(
                "/account/delete",
                &[
                    ("csrf", &w.csrf),
                    ("password", PW),
                    ("confirm", "yes"),
                    ("posts", choice),
                ],
                Some(&w.cookie),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    let page = t.get(&format!("/kb/{TOPIC}"), None).await.body;
    assert!(page.contains("Resting after lunch"));
    assert!(page.contains("former member"));
    assert!(!page.contains("Resting Owl"));
    assert!(!page.contains("A shower stool"));
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_never_reads_community_posts() {
    let t = sqlite().await;
    let ana = signed_up(&t, "ana@example.org").await;
    let boss = admin(&t, "boss@example.org").await;
    let text = "Quokkaberry tea is what cured my dermatomyositis rash completely.";
    post(&t, &ana, text, "Tea Fan").await;
    let queue = t.get("/community/moderation", Some(&boss.cookie)).await;
    act(&t, &boss, &queue_id(&queue.body, text), "approve", "ok").await;
    assert!(
        t.get(&format!("/kb/{TOPIC}"), None)
            .await
            .body
            .contains("Quokkaberry")
    );
    // The corpus Ask is built from holds no post text, and its answers never quote one.
    let corpus = myo_ask::Corpus::from_kb(t.state.kb());
    assert!(
        corpus
            .documents
            .iter()
            .all(|d| !format!("{d:?}").contains("Quokkaberry"))
    );
    let r = t
        .post_form(
            "/ask",
            &[(
                "question",
                "Does quokkaberry tea cure the dermatomyositis rash?",
            )],
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("is what cured my"));
    assert!(!r.body.contains("Tea Fan"));
    t.cleanup().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_area_is_beside_every_faq_and_signed_out_people_are_invited_to_sign_in() {
    let t = sqlite().await;
    let page = t.get("/kb/faq-can-it-come-back", None).await;
    assert!(page.body.contains("From people living with DM"));
    assert!(page.body.contains("Sign in</a> to share"));
    assert!(!page.body.contains("id=\"community-form\""));
    t.cleanup().await;
}
