//! Backups and their restore, as docs/operations.md tells an operator to take them: `VACUUM
//! INTO` (SQLite, the same snapshot as `sqlite3 .backup`) while the service runs, and
//! `pg_dump --format=custom` / `pg_restore` (PostgreSQL). The restored database answers the same
//! reports, attached files, statistics, audit trail and tokens, and takes new reports without
//! colliding.

use std::process::Command;

use serde_json::json;

use crate::harness::{TestApp, on_both_backends};

fn report(org: i64, day: &str, persons: u64) -> serde_json::Value {
    json!({"organization_id": org, "regime": "appi", "stage": "preliminary", "aware_on": day,
           "received_on": day, "summary": "バックアップ前の報告", "data_items": ["氏名"],
           "persons_affected": persons, "cause": "loss", "sensitive_data": false,
           "financial_damage_risk": false, "unlawful_purpose": false})
}

fn backup_and_restore(app: &TestApp) -> TestApp {
    let dump_dir = tempfile::tempdir().expect("a temp dir");
    app.restore_into_new(|target| match app.backend() {
        leakdesk::db::Backend::Sqlite => {
            app.execute(&format!("VACUUM INTO '{}'", target.replace('\'', "''")));
        }
        leakdesk::db::Backend::Postgres => {
            let dump = dump_dir.path().join("leakdesk.dump");
            let dumped = Command::new("pg_dump")
                .args(["--format=custom", "--file"])
                .arg(&dump)
                .arg(&app.url)
                .status()
                .expect("run pg_dump");
            assert!(dumped.success(), "pg_dump failed");
            let restored = Command::new("pg_restore")
                .arg(format!("--dbname={target}"))
                .arg(&dump)
                .status()
                .expect("run pg_restore");
            assert!(restored.success(), "pg_restore failed");
        }
    })
}

async fn a_backup_restores_to_the_same_records(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "株式会社バックアップ", "business")
        .await;
    let client = app.client().await;
    for (i, day) in ["2025-04-03", "2025-05-12", "2025-08-20"]
        .iter()
        .enumerate()
    {
        client
            .post(
                &staff,
                "/api/v1/reports",
                report(org, day, 500 * (i as u64 + 1)),
            )
            .await;
    }
    client
        .post(
            &staff,
            "/api/v1/consultations",
            json!({"desk": "private", "class": "other",
            "categories": [], "received_on": "2025-05-01"}),
        )
        .await;
    // A file on the first report: its bytes travel in the backup with the records.
    let first = app.get("/api/v1/reports", &staff).await.body["items"][0]["id"].clone();
    let pdf = crate::answers::PDF;
    let file = app
        .upload(
            &format!("/api/v1/reports/{first}/attachments"),
            &staff,
            &[("報告書.pdf", pdf)],
        )
        .await;
    file.assert_status(201);
    let file = file.body["items"][0]["id"].clone();
    let reports = app.get("/api/v1/reports", &staff).await.body;
    let stats = app
        .get("/api/v1/stats/activity?period=FY2025-H1", &staff)
        .await
        .body;
    let audit = app.get("/api/v1/audit?per_page=500", &staff).await.body;

    let restored = backup_and_restore(&app);
    // The same token works: users and token hashes came across.
    assert_eq!(restored.get("/api/v1/reports", &staff).await.body, reports);
    assert_eq!(
        restored
            .get("/api/v1/stats/activity?period=FY2025-H1", &staff)
            .await
            .body,
        stats
    );
    assert_eq!(
        restored
            .get("/api/v1/audit?per_page=500", &staff)
            .await
            .body,
        audit
    );
    let (status, _, bytes) = restored
        .download(&format!("/api/v1/attachments/{file}"), &staff)
        .await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(bytes, pdf, "the file, byte for byte");
    for table in [
        "attachments",
        "attachment_chunks",
        "incidents",
        "reports",
        "consultations",
        "outbox",
        "users",
    ] {
        assert_eq!(restored.count(table), app.count(table), "{table}");
    }
    // The restored trail is the original's, plus the read of the file just downloaded by staff.
    assert_eq!(restored.count("audit_log"), app.count("audit_log") + 1);
    // New records follow on: identity sequences were restored with the data.
    let next = restored
        .post("/api/v1/reports", &staff, report(org, "2025-09-01", 10))
        .await;
    next.assert_status(201);
    assert!(
        next.body["reference"].as_str().unwrap().ends_with("000004"),
        "{}",
        next.body
    );
}

on_both_backends!(a_backup_restores_to_the_same_records);
