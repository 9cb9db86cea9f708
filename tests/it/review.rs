//! Review and amendment of reports (審査・補正; API.md "Review of reports"), on both backends:
//! staff ask for a correction, the entity amends, the law is applied again to the amended facts,
//! every version is kept, staff accept; mail, audit rows and statistics follow; a foreign
//! reporter finds nothing, and bad input changes nothing.

use actix_web::http::Method;
use leakdesk::domain::access::Role;
use leakdesk::notify::MailSettings;
use leakdesk::reports::commands::scan_deadlines;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    a_revision_request_is_answered_by_an_amendment_the_law_reads_again,
    an_amendment_of_the_preliminary_report_leaves_a_completed_incident_alone,
    a_staff_override_stands_through_amendments,
    bad_reviews_and_amendments_are_refused_by_field_and_change_nothing,
    foreign_reporters_find_no_review_amendment_or_version,
    a_revision_due_soon_is_reminded_once_and_noticed_once_when_overdue,
    an_amendment_years_later_leaves_the_half_year_tables_alone,
);

fn today() -> chrono::NaiveDate {
    leakdesk::domain::calendar::japan_date(chrono::Utc::now())
}

fn days_ago(days: i64) -> String {
    (today() - chrono::Duration::days(days)).to_string()
}

struct World {
    staff: String,
    organization: i64,
    reporter: String,
}

async fn world(app: &TestApp) -> World {
    let staff = app.staff();
    let reply = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "株式会社補正", "kind": "business", "contact_email": "dpo@hosei.example.jp"}),
        )
        .await;
    reply.assert_status(201);
    let organization = reply.body["id"].as_i64().unwrap();
    World {
        reporter: app.user(Role::Reporter, Some(organization)),
        staff,
        organization,
    }
}

/// A voluntary APPI report: 800 persons, nothing else that makes it mandatory.
fn voluntary(organization: i64, stage: &str) -> Value {
    json!({
        "organization_id": organization,
        "regime": "appi",
        "stage": stage,
        "aware_on": days_ago(5),
        "summary": "委託先のサーバから顧客情報が閲覧可能になっていた。",
        "data_items": ["氏名", "メールアドレス"],
        "persons_affected": 800,
        "cause": "unauthorized_access",
        "sensitive_data": false,
        "financial_damage_risk": false,
        "unlawful_purpose": false
    })
}

fn fields(reply: &crate::harness::Reply) -> Vec<String> {
    reply.body["error"]["fields"]
        .as_object()
        .map(|f| f.keys().cloned().collect())
        .unwrap_or_default()
}

async fn a_revision_request_is_answered_by_an_amendment_the_law_reads_again(app: TestApp) {
    let w = world(&app).await;
    let filed = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    filed.assert_status(201);
    let id = filed.body["id"].as_i64().unwrap();
    assert_eq!(filed.body["version"], 1);
    assert_eq!(filed.body["review_status"], "received");
    assert_eq!(filed.body["mandatory"], false);
    let reference = filed.body["reference"].clone();
    let stats_before = app
        .get("/api/v1/stats/activity?period=FY2026&fresh=true", &w.staff)
        .await
        .body;

    let due = (today() + chrono::Duration::days(10)).to_string();
    let review = app
        .post(
            &format!("/api/v1/reports/{id}/reviews"),
            &w.staff,
            json!({"decision": "revision_requested", "comment": "本人の数の根拠を補ってください。", "due_on": due}),
        )
        .await;
    review.assert_status(201);
    assert_eq!(review.body["version"], 1);
    assert_eq!(review.body["decision"], "revision_requested");
    let mine = app.get(&format!("/api/v1/reports/{id}"), &w.reporter).await;
    assert_eq!(mine.body["review_status"], "revision_requested");
    let reviews = app
        .get(&format!("/api/v1/reports/{id}/reviews"), &w.reporter)
        .await;
    reviews.assert_status(200);
    assert_eq!(
        reviews.body["items"][0]["comment"],
        "本人の数の根拠を補ってください。"
    );
    assert_eq!(app.count("outbox WHERE kind = 'revision_request'"), 1);

    let amended = app
        .post(
            &format!("/api/v1/reports/{id}/amendments"),
            &w.reporter,
            json!({"reason": "調査の結果、本人の数が増え、不正の目的が判明したため", "persons_affected": 1200, "unlawful_purpose": true}),
        )
        .await;
    amended.assert_status(201);
    let body = &amended.body;
    assert_eq!(body["id"], id);
    assert_eq!(body["reference"], reference);
    assert_eq!(body["version"], 2);
    assert_eq!(body["review_status"], "received");
    assert_eq!(body["mandatory"], true);
    let mut grounds: Vec<&str> = body["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    grounds.sort_unstable();
    assert_eq!(grounds, ["headcount", "unlawful_purpose"]);
    // 施行規則 第8条第2項: an unlawful purpose gives 60 days from awareness for the final report.
    let aware: chrono::NaiveDate = days_ago(5).parse().unwrap();
    assert_eq!(
        body["final_due_on"],
        json!(leakdesk::domain::deadlines::final_due_on(aware, true).to_string())
    );
    assert_ne!(
        body["final_due_on"],
        json!(leakdesk::domain::deadlines::final_due_on(aware, false).to_string())
    );
    let incident = app
        .get(
            &format!("/api/v1/incidents/{}", body["incident_id"]),
            &w.staff,
        )
        .await;
    assert_eq!(incident.body["mandatory"], true);
    assert_eq!(incident.body["final_due_on"], body["final_due_on"]);
    assert_eq!(
        app.count("outbox WHERE kind = 'amended'"),
        1,
        "staff are told"
    );

    let versions = app
        .get(&format!("/api/v1/reports/{id}/versions"), &w.reporter)
        .await;
    versions.assert_status(200);
    let items = versions.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["version"], 1);
    assert_eq!(items[0]["report"]["persons_affected"], 800);
    assert_eq!(items[0]["report"]["mandatory"], false);
    assert_eq!(items[1]["version"], 2);
    assert_eq!(
        items[1]["changed"],
        json!(["persons_affected", "unlawful_purpose"])
    );
    assert_eq!(
        items[1]["reason"],
        "調査の結果、本人の数が増え、不正の目的が判明したため"
    );
    assert_eq!(items[1]["report"]["persons_affected"], 1200);

    let accepted = app
        .post(
            &format!("/api/v1/reports/{id}/reviews"),
            &w.staff,
            json!({"decision": "accepted"}),
        )
        .await;
    accepted.assert_status(201);
    assert_eq!(accepted.body["version"], 2);
    let read = app.get(&format!("/api/v1/reports/{id}"), &w.staff).await;
    assert_eq!(read.body["review_status"], "accepted");
    assert_eq!(app.count("outbox WHERE kind = 'accepted'"), 1);
    assert_eq!(app.count("report_versions"), 2);
    assert_eq!(
        app.count(&format!("audit_log WHERE entity_type = 'report' AND entity_id = {id} AND action IN ('review', 'amend')")),
        3,
        "one audit row per review and per amendment"
    );
    // An incident counts once, by its first receipt: the tables do not move.
    let stats_after = app
        .get("/api/v1/stats/activity?period=FY2026&fresh=true", &w.staff)
        .await
        .body;
    assert_eq!(stats_before, stats_after);
    assert_eq!(app.count("incidents"), 1);
    assert_eq!(app.count("reports"), 1);
}

/// 施行規則 第8条: once the final report has come it governs the incident; amending the
/// preliminary report corrects that report alone. Amending the final report moves the incident.
async fn an_amendment_of_the_preliminary_report_leaves_a_completed_incident_alone(app: TestApp) {
    let w = world(&app).await;
    let preliminary = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    let preliminary_id = preliminary.body["id"].as_i64().unwrap();
    let mut body = voluntary(w.organization, "final");
    body["preliminary_report_id"] = json!(preliminary_id);
    let final_report = app.post("/api/v1/reports", &w.reporter, body).await;
    final_report.assert_status(201);
    let final_id = final_report.body["id"].as_i64().unwrap();
    let incident = final_report.body["incident_id"].as_i64().unwrap();

    let amended = app
        .post(
            &format!("/api/v1/reports/{preliminary_id}/amendments"),
            &w.reporter,
            json!({"reason": "速報の誤記を訂正", "persons_affected": 5000}),
        )
        .await;
    amended.assert_status(201);
    assert_eq!(amended.body["mandatory"], true, "the report's own reading");
    let read = app
        .get(&format!("/api/v1/incidents/{incident}"), &w.staff)
        .await;
    assert_eq!(
        read.body["mandatory"], false,
        "the final report governs the incident"
    );

    app.post(
        &format!("/api/v1/reports/{final_id}/amendments"),
        &w.staff,
        json!({"reason": "確報の本人の数を訂正", "persons_affected": 1001}),
    )
    .await
    .assert_status(201);
    let read = app
        .get(&format!("/api/v1/incidents/{incident}"), &w.staff)
        .await;
    assert_eq!(read.body["mandatory"], true);
    assert_eq!(read.body["status"], "complete");
}

async fn a_staff_override_stands_through_amendments(app: TestApp) {
    let w = world(&app).await;
    let filed = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    let (id, incident) = (
        filed.body["id"].as_i64().unwrap(),
        filed.body["incident_id"].as_i64().unwrap(),
    );
    app.call(
        Method::PATCH,
        &format!("/api/v1/incidents/{incident}/classification"),
        Some(&w.staff),
        Some(json!({"mandatory": true, "reason": "委員会の判断"})),
    )
    .await
    .assert_status(200);
    app.post(
        &format!("/api/v1/reports/{id}/amendments"),
        &w.reporter,
        json!({"reason": "本人の数を訂正", "persons_affected": 10}),
    )
    .await
    .assert_status(201);
    let read = app
        .get(&format!("/api/v1/incidents/{incident}"), &w.staff)
        .await;
    assert_eq!(read.body["mandatory"], true, "the override stands");
    assert_eq!(read.body["computed_mandatory"], false);
}

async fn bad_reviews_and_amendments_are_refused_by_field_and_change_nothing(app: TestApp) {
    let w = world(&app).await;
    let filed = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    let id = filed.body["id"].as_i64().unwrap();
    let (audit, outbox) = (app.count("audit_log"), app.count("outbox"));
    let reviews = format!("/api/v1/reports/{id}/reviews");
    let amendments = format!("/api/v1/reports/{id}/amendments");

    let no_comment = app
        .post(
            &reviews,
            &w.staff,
            json!({"decision": "revision_requested"}),
        )
        .await;
    no_comment.assert_status(422);
    assert_eq!(fields(&no_comment), ["comment"]);
    let past = app
        .post(
            &reviews,
            &w.staff,
            json!({"decision": "accepted", "due_on": days_ago(1)}),
        )
        .await;
    assert_eq!(fields(&past), ["due_on"]);
    app.post(&reviews, &w.reporter, json!({"decision": "accepted"}))
        .await
        .assert_status(403);
    app.post(
        "/api/v1/reports/999999/reviews",
        &w.staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(404);

    let moved = app
        .post(
            &amendments,
            &w.reporter,
            json!({"reason": "x", "regime": "my_number", "organization_id": 2, "persons_affected": 5}),
        )
        .await;
    moved.assert_status(422);
    assert_eq!(fields(&moved), ["organization_id", "regime"]);
    let blank = app
        .post(
            &amendments,
            &w.reporter,
            json!({"reason": "  ", "persons_affected": 5}),
        )
        .await;
    assert_eq!(fields(&blank), ["reason"]);
    let no_reason = app
        .post(&amendments, &w.reporter, json!({"persons_affected": 5}))
        .await;
    assert_eq!(fields(&no_reason), ["reason"]);
    let same = app
        .post(
            &amendments,
            &w.reporter,
            json!({"reason": "念のため", "persons_affected": 800}),
        )
        .await;
    assert_eq!(fields(&same), ["body"]);
    let future = app
        .post(
            &amendments,
            &w.reporter,
            json!({"reason": "日付の訂正", "aware_on": (today() + chrono::Duration::days(3)).to_string()}),
        )
        .await;
    assert_eq!(fields(&future), ["aware_on"]);
    let japanese = app
        .send(
            actix_web::test::TestRequest::post()
                .uri(&amendments)
                .insert_header(("Authorization", format!("Bearer {}", w.reporter)))
                .insert_header(("Accept-Language", "ja"))
                .set_json(json!({"reason": "x", "stage": "final"})),
        )
        .await;
    assert!(
        japanese.body["error"]["fields"]["stage"][0]
            .as_str()
            .unwrap()
            .contains("補正では変更できません")
    );
    app.post(
        "/api/v1/reports/999999/amendments",
        &w.staff,
        json!({"reason": "x", "persons_affected": 1}),
    )
    .await
    .assert_status(404);

    assert_eq!(app.count("audit_log"), audit, "nothing audited");
    assert_eq!(app.count("outbox"), outbox, "nothing mailed");
    assert_eq!(
        app.count("report_reviews") + app.count("report_versions"),
        0
    );
    let read = app.get(&format!("/api/v1/reports/{id}"), &w.staff).await;
    assert_eq!(
        (
            read.body["version"].clone(),
            read.body["persons_affected"].clone()
        ),
        (json!(1), json!(800))
    );
}

async fn foreign_reporters_find_no_review_amendment_or_version(app: TestApp) {
    let w = world(&app).await;
    let filed = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    let id = filed.body["id"].as_i64().unwrap();
    let other = app.organization(&w.staff, "他社株式会社", "business").await;
    let foreign = app.user(Role::Reporter, Some(other));
    for path in ["reviews", "versions"] {
        let reply = app
            .get(&format!("/api/v1/reports/{id}/{path}"), &foreign)
            .await;
        reply.assert_status(404);
        assert_eq!(reply.error_code(), "not_found");
    }
    app.post(
        &format!("/api/v1/reports/{id}/amendments"),
        &foreign,
        json!({"reason": "乗っ取り", "persons_affected": 1}),
    )
    .await
    .assert_status(404);
    app.post(
        &format!("/api/v1/reports/{id}/reviews"),
        &foreign,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(404);
    assert_eq!(app.count("report_versions"), 0);
}

async fn a_revision_due_soon_is_reminded_once_and_noticed_once_when_overdue(app: TestApp) {
    let w = world(&app).await;
    let filed = app
        .post(
            "/api/v1/reports",
            &w.reporter,
            voluntary(w.organization, "preliminary"),
        )
        .await;
    let id = filed.body["id"].as_i64().unwrap();
    let due = today() + chrono::Duration::days(2);
    app.post(
        &format!("/api/v1/reports/{id}/reviews"),
        &w.staff,
        json!({"decision": "revision_requested", "comment": "項目を補ってください", "due_on": due.to_string()}),
    )
    .await
    .assert_status(201);
    let settings = MailSettings::from(&app.config.mail);
    scan_deadlines(&app.db, &settings, today()).await.unwrap();
    scan_deadlines(&app.db, &settings, today()).await.unwrap();
    assert_eq!(app.count("outbox WHERE kind = 'revision_reminder'"), 1);
    let later = due + chrono::Duration::days(1);
    scan_deadlines(&app.db, &settings, later).await.unwrap();
    scan_deadlines(&app.db, &settings, later).await.unwrap();
    assert_eq!(app.count("outbox WHERE kind = 'revision_overdue'"), 1);
    // Answered by an amendment, the request stands no more: nothing further is sent.
    app.post(
        &format!("/api/v1/reports/{id}/amendments"),
        &w.reporter,
        json!({"reason": "項目を補った", "data_items": ["氏名", "メールアドレス", "電話番号"]}),
    )
    .await
    .assert_status(201);
    app.execute("DELETE FROM outbox WHERE kind IN ('revision_reminder', 'revision_overdue')");
    scan_deadlines(&app.db, &settings, later).await.unwrap();
    assert_eq!(
        app.count("outbox WHERE kind IN ('revision_reminder', 'revision_overdue')"),
        0
    );
}

/// An incident counts once, by its first receipt: a report received in FY2024-H1 and amended
/// today (now mandatory) leaves that half-year's tables, published or computed, as they were.
async fn an_amendment_years_later_leaves_the_half_year_tables_alone(app: TestApp) {
    let w = world(&app).await;
    let mut body = voluntary(w.organization, "preliminary");
    body["aware_on"] = json!("2024-06-05");
    body["received_on"] = json!("2024-06-10");
    let filed = app.post("/api/v1/reports", &w.staff, body).await;
    filed.assert_status(201);
    let id = filed.body["id"].as_i64().unwrap();
    let path = "/api/v1/stats/activity?period=FY2024-H1&fresh=true";
    let before = app.get(path, &w.staff).await.body;
    assert_eq!(before["appi"]["leak_reports"], 1, "{before}");
    app.post(
        &format!("/api/v1/reports/{id}/amendments"),
        &w.reporter,
        json!({"reason": "調査の結果", "persons_affected": 5000, "sensitive_data": true}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/reports/{id}/reviews"),
        &w.staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    assert_eq!(app.get(path, &w.staff).await.body, before);
    assert_eq!(
        app.count("incidents WHERE first_received_on = '2024-06-10'"),
        1
    );
}
