//! E-mail through the outbox (SPEC.md §8) against a real SMTP server on loopback: receipts,
//! staff alerts and report-collection notices arrive with the right recipient, subject and
//! reference; with the server down the report is still accepted, and once it is up the mail
//! arrives exactly once; deadline reminders are enqueued once however often the scan runs.

use std::time::Duration;

use leakdesk::config::MailConfig;
use leakdesk::domain::access::Role;
use leakdesk::notify::MailSettings;
use leakdesk::notify::transport::Transport;
use leakdesk::notify::worker::deliver_due;
use leakdesk::reports::commands::scan_deadlines;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::process::{Server, http};
use crate::smtp::SmtpServer;

on_both_backends!(
    receipts_and_staff_alerts_arrive_over_smtp_once,
    an_outage_loses_nothing_and_doubles_nothing,
    report_collections_are_noticed_with_their_due_date,
    deadline_scans_enqueue_each_notice_once,
    without_smtp_mail_is_written_as_eml_files,
    the_outbox_is_for_admins,
    the_server_delivers_after_an_outage,
    two_workers_never_send_one_message_twice,
);

async fn two_workers_never_send_one_message_twice(app: TestApp) {
    let server = SmtpServer::start();
    let staff = app.staff();
    let (org, token) = reporter(&app, &staff).await;
    for _ in 0..45 {
        app.post("/api/v1/reports", &token, report(org, 5))
            .await
            .assert_status(201);
    }
    let workers: Vec<_> = (0..2)
        .map(|_| {
            let db = app.db.clone();
            let config = mail_config(&app, &server.url());
            actix_web::rt::spawn(async move {
                let transport = Transport::from_config(&config).unwrap();
                let settings = MailSettings::from(&config);
                let from = config.from.parse().unwrap();
                let mut sent = 0;
                loop {
                    match deliver_due(&db, &transport, &from, &settings)
                        .await
                        .unwrap()
                    {
                        0 => break sent,
                        n => sent += n,
                    }
                }
            })
        })
        .collect();
    let mut total = 0;
    for worker in workers {
        total += worker.await.unwrap();
    }
    assert_eq!(total, 45);
    let messages = server.wait_for(45, Duration::from_secs(10));
    assert_eq!(messages.len(), 45);
    let ids: std::collections::HashSet<_> = messages.iter().map(|m| m.message_id.clone()).collect();
    assert_eq!(ids.len(), 45, "no message twice");
}

const STAFF: &str = "kanshi@ppc.example.jp";
const CONTACT: &str = "dpo@reporter.example.jp";

fn mail_config(app: &TestApp, smtp_url: &str) -> MailConfig {
    let mut config = app.config.mail.clone();
    config.smtp_url = smtp_url.to_owned();
    config
}

async fn send_all(app: &TestApp, transport: &Transport) -> usize {
    let settings = MailSettings::from(&app.config.mail);
    let from = app.config.mail.from.parse().unwrap();
    deliver_due(&app.db, transport, &from, &settings)
        .await
        .unwrap()
}

/// A reporter of an organization with a contact address; returns (organization, token).
async fn reporter(app: &TestApp, staff: &str) -> (i64, String) {
    let org = app
        .post(
            "/api/v1/organizations",
            staff,
            json!({
                "name": "株式会社通知先", "kind": "business", "contact_email": CONTACT
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    (org, app.user(Role::Reporter, Some(org)))
}

fn report(org: i64, persons: u64) -> Value {
    let today = chrono::Utc::now().date_naive().to_string();
    json!({
        "organization_id": org, "regime": "appi", "stage": "preliminary", "aware_on": today,
        "summary": "顧客情報の誤送信", "data_items": ["氏名", "メールアドレス"],
        "persons_affected": persons, "cause": "misdelivery_email", "sensitive_data": false,
        "financial_damage_risk": false, "unlawful_purpose": false
    })
}

async fn receipts_and_staff_alerts_arrive_over_smtp_once(app: TestApp) {
    let server = SmtpServer::start();
    let transport = Transport::from_config(&mail_config(&app, &server.url())).unwrap();
    let staff = app.staff();
    let (org, token) = reporter(&app, &staff).await;
    let filed = app.post("/api/v1/reports", &token, report(org, 1500)).await;
    filed.assert_status(201);
    let reference = filed.body["reference"].as_str().unwrap().to_owned();
    // A voluntary report: a receipt, no staff alert.
    app.post("/api/v1/reports", &token, report(org, 3))
        .await
        .assert_status(201);

    assert_eq!(send_all(&app, &transport).await, 3);
    let messages = server.wait_for(3, Duration::from_secs(5));
    assert_eq!(messages.len(), 3, "{messages:?}");
    let receipts: Vec<_> = messages
        .iter()
        .filter(|m| m.recipients == [CONTACT])
        .collect();
    assert_eq!(receipts.len(), 2);
    assert!(
        receipts[0]
            .subject
            .contains("漏えい等報告（速報）を受け付けました"),
        "{}",
        receipts[0].subject
    );
    assert!(receipts[0].subject.contains(&reference));
    assert!(
        receipts[0].body.contains(&format!("受付番号：{reference}")),
        "{}",
        receipts[0].body
    );
    assert!(receipts[0].body.contains("確報の提出期限"));
    assert!(receipts[0].body.contains("The final report is due on"));
    let alerts: Vec<_> = messages
        .iter()
        .filter(|m| m.recipients == [STAFF])
        .collect();
    assert_eq!(alerts.len(), 1, "only the mandatory incident alerts staff");
    assert!(alerts[0].subject.contains(&reference) && alerts[0].subject.contains("報告義務のある"));
    assert!(alerts[0].body.contains("本人の数が基準を超える"));
    assert!(messages.iter().all(|m| m.message_id.starts_with("outbox-")));

    assert_eq!(send_all(&app, &transport).await, 0, "nothing is sent twice");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(server.messages().len(), 3);
    assert_eq!(
        app.count("outbox WHERE status = 'sent' AND sent_at IS NOT NULL"),
        3
    );
}

async fn an_outage_loses_nothing_and_doubles_nothing(app: TestApp) {
    let port = SmtpServer::unused_port();
    let transport =
        Transport::from_config(&mail_config(&app, &format!("smtp://127.0.0.1:{port}"))).unwrap();
    let staff = app.staff();
    let admin = app.user(Role::Admin, None);
    let (org, token) = reporter(&app, &staff).await;
    let filed = app.post("/api/v1/reports", &token, report(org, 5)).await;
    filed.assert_status(201);
    assert_eq!(send_all(&app, &transport).await, 0, "the server is down");
    let waiting = app.get("/api/v1/outbox?status=pending", &admin).await;
    assert_eq!(waiting.body["total"], 1);
    let entry = &waiting.body["items"][0];
    assert_eq!(entry["attempts"], 1);
    assert!(entry["last_error"].as_str().unwrap().len() > 3);
    assert_eq!(entry["kind"], "receipt");
    // Not yet due again: the next attempt waits for its backoff.
    assert_eq!(send_all(&app, &transport).await, 0);
    assert_eq!(app.count("outbox WHERE attempts = 1"), 1);

    let server = SmtpServer::start_on(port);
    app.post(
        &format!("/api/v1/outbox/{}/retry", entry["id"]),
        &admin,
        json!({}),
    )
    .await
    .assert_status(200);
    assert_eq!(send_all(&app, &transport).await, 1);
    assert_eq!(server.wait_for(1, Duration::from_secs(5)).len(), 1);
    assert_eq!(send_all(&app, &transport).await, 0);
    app.post(
        &format!("/api/v1/outbox/{}/retry", entry["id"]),
        &admin,
        json!({}),
    )
    .await
    .assert_status(409);
    std::thread::sleep(Duration::from_millis(200));
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "exactly once");
    assert!(
        messages[0]
            .subject
            .contains(filed.body["reference"].as_str().unwrap())
    );
}

async fn report_collections_are_noticed_with_their_due_date(app: TestApp) {
    let server = SmtpServer::start();
    let transport = Transport::from_config(&mail_config(&app, &server.url())).unwrap();
    let staff = app.staff();
    let (org, _) = reporter(&app, &staff).await;
    app.post(
        "/api/v1/actions",
        &staff,
        json!({
            "kind": "report_collection", "regime": "appi", "organization_id": org,
            "started_on": "2025-04-01", "due_on": "2025-04-15", "notes": "漏えい等事案の事実関係"
        }),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/actions",
        &staff,
        json!({
            "kind": "guidance", "regime": "appi", "organization_id": org, "started_on": "2025-04-01"
        }),
    )
    .await
    .assert_status(201);
    assert_eq!(
        send_all(&app, &transport).await,
        1,
        "guidance sends nothing"
    );
    let messages = server.wait_for(1, Duration::from_secs(5));
    assert_eq!(messages[0].recipients, [CONTACT]);
    assert!(messages[0].subject.contains("報告徴収") && messages[0].subject.contains("2025-04-15"));
    assert!(messages[0].body.contains("個人情報保護法第146条第1項"));
    assert!(messages[0].body.contains("漏えい等事案の事実関係"));
}

async fn deadline_scans_enqueue_each_notice_once(app: TestApp) {
    let staff = app.staff();
    let (org, _) = reporter(&app, &staff).await;
    let today = leakdesk::domain::calendar::japan_date(chrono::Utc::now());
    let back = |days: i64| (today - chrono::Duration::days(days)).to_string();
    let mut soon = report(org, 2000);
    soon["aware_on"] = json!(back(28));
    soon["received_on"] = json!(back(27));
    let mut late = report(org, 2000);
    late["aware_on"] = json!(back(40));
    late["received_on"] = json!(back(39));
    let mut voluntary = report(org, 5);
    voluntary["aware_on"] = json!(back(40));
    voluntary["received_on"] = json!(back(39));
    for body in [soon, late, voluntary] {
        app.post("/api/v1/reports", &staff, body)
            .await
            .assert_status(201);
    }
    let settings = MailSettings::from(&app.config.mail);
    assert_eq!(scan_deadlines(&app.db, &settings, today).await.unwrap(), 2);
    assert_eq!(
        scan_deadlines(&app.db, &settings, today).await.unwrap(),
        0,
        "idempotent"
    );
    assert_eq!(app.count("outbox WHERE kind = 'reminder'"), 1);
    assert_eq!(app.count("outbox WHERE kind = 'overdue'"), 1);
    let server = SmtpServer::start();
    let transport = Transport::from_config(&mail_config(&app, &server.url())).unwrap();
    send_all(&app, &transport).await;
    let messages = server.wait_for(4, Duration::from_secs(5));
    assert!(
        messages
            .iter()
            .any(|m| m.subject.contains("確報提出期限のお知らせ"))
    );
    assert!(
        messages
            .iter()
            .any(|m| m.subject.contains("確報提出期限超過"))
    );
}

async fn without_smtp_mail_is_written_as_eml_files(app: TestApp) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = mail_config(&app, "");
    config.dir = dir.path().join("mail").display().to_string();
    let transport = Transport::from_config(&config).unwrap();
    let staff = app.staff();
    let (org, token) = reporter(&app, &staff).await;
    app.post("/api/v1/reports", &token, report(org, 5))
        .await
        .assert_status(201);
    assert_eq!(send_all(&app, &transport).await, 1);
    let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .flatten()
        .filter(|f| f.path().extension().is_some_and(|e| e == "eml"))
        .collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read(files[0].path()).unwrap();
    let parsed = mail_parser::MessageParser::default().parse(&text).unwrap();
    assert!(parsed.subject().unwrap().contains("受け付けました"));
}

async fn the_outbox_is_for_admins(app: TestApp) {
    let staff = app.staff();
    let admin = app.user(Role::Admin, None);
    app.get("/api/v1/outbox", &staff).await.assert_status(403);
    let listed = app.get("/api/v1/outbox", &admin).await;
    listed.assert_status(200);
    app.get("/api/v1/outbox?status=lost", &admin)
        .await
        .assert_refused_field("status");
    app.post("/api/v1/outbox/987654/retry", &admin, json!({}))
        .await
        .assert_status(404);
}

/// The real binary: its worker retries through an outage and delivers once the server is up.
async fn the_server_delivers_after_an_outage(app: TestApp) {
    let staff = app.staff();
    let (org, token) = reporter(&app, &staff).await;
    let port = SmtpServer::unused_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let mut server = Server::start(
        &app,
        &[
            ("LEAKDESK_SMTP_URL", &url),
            ("LEAKDESK_MAIL__POLL_INTERVAL_SECS", "1"),
        ],
    );
    let auth = format!("Bearer {token}");
    let body = report(org, 5).to_string();
    let (status, answer) = http(
        &server.address,
        "POST",
        "/api/v1/reports",
        &[("Authorization", &auth)],
        Some(&body),
    )
    .unwrap();
    assert_eq!(status, 201, "accepted while mail is down: {answer}");
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        app.count("outbox WHERE status = 'pending' AND attempts >= 1"),
        1
    );

    let smtp = SmtpServer::start_on(port);
    // Make it due now rather than after its backoff, as an admin's retry would.
    app.execute("UPDATE outbox SET next_attempt_at = '2000-01-01 00:00:00'");
    let messages = smtp.wait_for(1, Duration::from_secs(15));
    assert_eq!(messages.len(), 1);
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(smtp.messages().len(), 1, "exactly once");
    server.signal("TERM");
    assert!(server.wait().success());
}
