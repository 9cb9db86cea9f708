//! Leak-report intake over HTTP (SPEC.md §3): classification at the boundaries and on each
//! ground, deadlines across holidays and the year-end closure, chains of preliminary and final
//! reports, overdue incidents, idempotent retries, tenant isolation, and refusals that write
//! nothing.

use std::rc::Rc;

use actix_web::http::Method;
use actix_web::test::TestRequest;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{Reply, TestApp, on_both_backends};

on_both_backends!(
    reports_are_found_by_lateness_and_review,
    a_reporter_files_a_preliminary_report_and_follows_its_incident,
    headcount_boundaries_follow_each_regime,
    each_ground_is_named_with_its_provision,
    deadlines_count_awareness_as_day_one_and_skip_closed_days,
    a_final_report_completes_its_chain_once,
    overdue_incidents_are_the_reportable_ones_past_their_final_deadline,
    retries_with_an_idempotency_key_file_once,
    concurrent_retries_with_one_key_file_once,
    bad_reports_are_refused_by_field_and_write_nothing,
    a_reporter_can_neither_file_for_nor_read_another_entity,
    staff_override_a_classification_with_a_reason,
    lists_filter_and_page,
);

/// A valid report body for `organization_id`, with `changes` laid over it.
fn body(organization_id: i64, changes: Value) -> Value {
    let mut body = json!({
        "organization_id": organization_id,
        "regime": "appi",
        "stage": "preliminary",
        "aware_on": "2025-04-01",
        "occurred_on": "2025-03-31",
        "summary": "顧客名簿を記録したUSBメモリを紛失した。",
        "data_items": ["氏名", "住所", "電話番号"],
        "persons_affected": 10,
        "persons_estimated": false,
        "cause": "loss",
        "sensitive_data": false,
        "financial_damage_risk": false,
        "unlawful_purpose": false
    });
    for (key, value) in changes.as_object().unwrap() {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(key);
        } else {
            body[key] = value.clone();
        }
    }
    body
}

struct World {
    staff: String,
    business: i64,
    reporter: String,
    city: i64,
    city_reporter: String,
}

async fn world(app: &TestApp) -> World {
    let staff = app.staff();
    let business = app.organization(&staff, "株式会社報告", "business").await;
    let city = app
        .organization(&staff, "テスト市", "local_government")
        .await;
    World {
        reporter: app.user(Role::Reporter, Some(business)),
        city_reporter: app.user(Role::Reporter, Some(city)),
        staff,
        business,
        city,
    }
}

async fn file(app: &TestApp, token: &str, body: Value) -> Reply {
    app.post("/api/v1/reports", token, body).await
}

/// Staff back-fill: a report received on `received_on` about a leak known on `aware_on`.
async fn backfill(
    app: &TestApp,
    w: &World,
    aware_on: &str,
    received_on: &str,
    changes: Value,
) -> Reply {
    let mut body = body(w.business, changes);
    body["aware_on"] = json!(aware_on);
    body["occurred_on"] = json!(aware_on);
    body["received_on"] = json!(received_on);
    file(app, &w.staff, body).await
}

fn codes(reply: &Reply) -> Vec<String> {
    let codes: Vec<String> = reply.body["grounds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap().to_owned())
        .collect();
    let detailed: Vec<&str> = reply.body["grounds_detail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, detailed, "the codes and their details agree");
    codes
}

async fn a_reporter_files_a_preliminary_report_and_follows_its_incident(app: TestApp) {
    let w = world(&app).await;
    let reply = file(
        &app,
        &w.reporter,
        body(w.business, json!({"aware_on": null, "occurred_on": null})),
    )
    .await;
    // aware_on is required.
    reply.assert_refused_field("aware_on");

    let today = chrono::Utc::now().date_naive();
    let aware = (today - chrono::Duration::days(1)).to_string();
    let reply = file(
        &app,
        &w.reporter,
        body(
            w.business,
            json!({"aware_on": aware, "occurred_on": aware, "persons_affected": 1500}),
        ),
    )
    .await;
    reply.assert_status(201);
    let r = &reply.body;
    let reference = r["reference"].as_str().unwrap();
    assert!(
        reference.starts_with("LR-20") && reference.len() >= 14,
        "{reference}"
    );
    assert_eq!(r["stage"], "preliminary");
    assert_eq!(r["mandatory"], true);
    assert_eq!(r["serious"], false);
    assert_eq!(codes(&reply), ["headcount"]);
    assert_eq!(r["grounds"], json!(["headcount"]));
    assert_eq!(r["grounds_detail"][0]["provision"], "施行規則 第7条第4号");
    assert_eq!(r["data_items"], json!(["氏名", "住所", "電話番号"]));
    assert_eq!(r["received_via"], "direct");
    assert_eq!(r["late"], false);
    assert_eq!(r["incident_status"], "awaiting_final");
    assert!(r["final_due_on"].is_string() && r["preliminary_due_on"].is_string());

    let id = r["id"].as_i64().unwrap();
    let again = app.get(&format!("/api/v1/reports/{id}"), &w.reporter).await;
    again.assert_status(200);
    assert_eq!(
        again.body, reply.body,
        "reading answers what filing answered"
    );

    let incident = app
        .get(
            &format!("/api/v1/incidents/{}", r["incident_id"]),
            &w.reporter,
        )
        .await;
    incident.assert_status(200);
    assert_eq!(incident.body["reference"], reference);
    assert_eq!(incident.body["status"], "awaiting_final");
    assert_eq!(incident.body["next_deadline"], r["final_due_on"]);
    assert_eq!(incident.body["overdue"], false);
    assert_eq!(incident.body["reports"].as_array().unwrap().len(), 1);

    let by_reference = app
        .get(
            &format!("/api/v1/incidents?reference={reference}"),
            &w.staff,
        )
        .await;
    assert_eq!(by_reference.body["total"], 1);
    assert_eq!(by_reference.body["items"][0]["id"], r["incident_id"]);
    let wrong_year = reference.replacen("LR-20", "LR-19", 1);
    let none = app
        .get(
            &format!("/api/v1/incidents?reference={wrong_year}"),
            &w.staff,
        )
        .await;
    assert_eq!(none.body["total"], 0);

    // One audit row for the filing, saying it opened the incident.
    assert_eq!(
        app.count("audit_log WHERE entity_type IN ('report', 'incident')"),
        1
    );
    assert_eq!(
        app.count("audit_log WHERE entity_type = 'report' AND changes LIKE '%\"opened\"%'"),
        1,
        "the report's row records the incident it opened"
    );
}

async fn headcount_boundaries_follow_each_regime(app: TestApp) {
    let w = world(&app).await;
    let cases = [
        (w.business, "appi", 1000, false),
        (w.business, "appi", 1001, true),
        (w.city, "appi_public", 100, false),
        (w.city, "appi_public", 101, true),
        (w.city, "my_number", 100, false),
        (w.city, "my_number", 101, true),
        (w.business, "my_number", 101, true),
    ];
    for (org, regime, persons, expected) in cases {
        let reply = file(
            &app,
            &w.staff,
            body(org, json!({"regime": regime, "persons_affected": persons})),
        )
        .await;
        reply.assert_status(201);
        assert_eq!(reply.body["mandatory"], expected, "{regime} {persons}");
        let serious = expected && regime == "my_number";
        assert_eq!(reply.body["serious"], serious, "{regime} {persons}");
        let incident = app
            .get(
                &format!("/api/v1/incidents/{}", reply.body["incident_id"]),
                &w.staff,
            )
            .await;
        assert_eq!(incident.body["mandatory"], expected);
        assert_eq!(incident.body["serious"], serious);
    }
}

async fn each_ground_is_named_with_its_provision(app: TestApp) {
    let w = world(&app).await;
    let cases = [
        (
            w.business,
            json!({"sensitive_data": true, "persons_affected": 1}),
            vec!["sensitive_data"],
        ),
        (
            w.business,
            json!({"financial_damage_risk": true, "persons_affected": 1}),
            vec!["financial_damage"],
        ),
        (
            w.business,
            json!({"unlawful_purpose": true, "cause": "unauthorized_access"}),
            vec!["unlawful_purpose"],
        ),
        (
            w.business,
            json!({"sensitive_data": true, "unlawful_purpose": true, "persons_affected": 5000}),
            vec!["sensitive_data", "unlawful_purpose", "headcount"],
        ),
        (
            w.business,
            json!({"sensitive_data": true, "strongly_encrypted": true, "persons_affected": 5000}),
            vec![],
        ),
        (
            w.city,
            json!({"regime": "appi_public", "ordinance_sensitive": true}),
            vec!["ordinance_sensitive"],
        ),
        (
            w.city,
            json!({"regime": "my_number", "network_system": true}),
            vec!["network_system"],
        ),
        (
            w.city,
            json!({"regime": "my_number", "publicly_viewable": true}),
            vec!["publicly_viewable"],
        ),
        (
            w.city,
            json!({"regime": "my_number", "sensitive_data": true}),
            vec![],
        ),
    ];
    for (org, changes, expected) in cases {
        let reply = file(&app, &w.staff, body(org, changes.clone())).await;
        reply.assert_status(201);
        assert_eq!(codes(&reply), expected, "{changes}");
        assert_eq!(reply.body["mandatory"], !expected.is_empty(), "{changes}");
        for ground in reply.body["grounds_detail"].as_array().unwrap() {
            assert!(!ground["label_ja"].as_str().unwrap().is_empty());
            assert!(!ground["provision"].as_str().unwrap().is_empty());
        }
    }
}

async fn deadlines_count_awareness_as_day_one_and_skip_closed_days(app: TestApp) {
    let w = world(&app).await;
    // SPEC §3: aware 2024-12-03 → day 30 is 1 January, closure and weekend → 6 January.
    let reply = backfill(
        &app,
        &w,
        "2024-12-03",
        "2024-12-05",
        json!({"persons_affected": 2000}),
    )
    .await;
    reply.assert_status(201);
    assert_eq!(reply.body["final_due_on"], "2025-01-06");
    assert_eq!(reply.body["preliminary_due_on"], "2024-12-07");
    assert_eq!(reply.body["late"], false);
    // Unlawful purpose: 60 days; day 60 is 昭和の日 2024-04-29 → 2024-04-30.
    let reply = backfill(
        &app,
        &w,
        "2024-03-01",
        "2024-03-08",
        json!({"unlawful_purpose": true}),
    )
    .await;
    assert_eq!(reply.body["final_due_on"], "2024-04-30");
    assert_eq!(
        reply.body["late"], true,
        "a preliminary report on day 8 is past the benchmark"
    );
    // Day 30 on a Saturday moves to Monday.
    let reply = backfill(&app, &w, "2025-05-02", "2025-05-02", json!({})).await;
    assert_eq!(reply.body["final_due_on"], "2025-06-02");
}

async fn a_final_report_completes_its_chain_once(app: TestApp) {
    let w = world(&app).await;
    let preliminary = backfill(
        &app,
        &w,
        "2025-04-01",
        "2025-04-03",
        json!({"persons_affected": 1200}),
    )
    .await;
    preliminary.assert_status(201);
    let pid = preliminary.body["id"].as_i64().unwrap();
    let incident_id = preliminary.body["incident_id"].as_i64().unwrap();

    let mut final_body = body(
        w.business,
        json!({
            "stage": "final", "preliminary_report_id": pid, "received_on": "2025-04-25",
            "persons_affected": 1180, "prevention_measures": "媒体の持出し承認制を導入した。"
        }),
    );
    final_body["regime"] = json!("appi_public");
    file(&app, &w.staff, final_body.clone())
        .await
        .assert_refused_field("regime");
    final_body["regime"] = json!("appi");
    final_body["received_on"] = json!("2025-04-02");
    file(&app, &w.staff, final_body.clone())
        .await
        .assert_refused_field("received_on");
    final_body["received_on"] = json!("2025-04-25");

    let reply = file(&app, &w.staff, final_body.clone()).await;
    reply.assert_status(201);
    assert_eq!(
        reply.body["incident_id"], incident_id,
        "the final joins the chain"
    );
    assert_eq!(reply.body["reference"], preliminary.body["reference"]);
    assert_eq!(reply.body["incident_status"], "complete");
    assert_eq!(reply.body["mandatory"], true);

    let incident = app
        .get(&format!("/api/v1/incidents/{incident_id}"), &w.staff)
        .await;
    assert_eq!(incident.body["status"], "complete");
    assert_eq!(incident.body["next_deadline"], Value::Null);
    assert_eq!(incident.body["final_report_id"], reply.body["id"]);
    assert_eq!(
        incident.body["first_received_on"], "2025-04-03",
        "counts by its first report"
    );
    let stages: Vec<&str> = incident.body["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["preliminary", "final"]);

    let reports_before = app.count("reports");
    let second = file(&app, &w.staff, final_body).await;
    second.assert_status(409);
    assert_eq!(second.error_code(), "incident_complete");
    // A final report cannot complete a final report.
    let reply = file(
        &app,
        &w.staff,
        body(
            w.business,
            json!({
                "stage": "final", "preliminary_report_id": reply.body["id"]
            }),
        ),
    )
    .await;
    reply.assert_refused_field("preliminary_report_id");
    assert_eq!(app.count("reports"), reports_before);

    // A final report alone is an incident complete at once.
    let alone = file(
        &app,
        &w.reporter,
        body(w.business, json!({"stage": "final"})),
    )
    .await;
    alone.assert_status(201);
    assert_eq!(alone.body["incident_status"], "complete");
    assert_ne!(alone.body["incident_id"], incident_id);
}

async fn overdue_incidents_are_the_reportable_ones_past_their_final_deadline(app: TestApp) {
    let w = world(&app).await;
    let late = backfill(
        &app,
        &w,
        "2024-01-10",
        "2024-01-12",
        json!({"persons_affected": 1001}),
    )
    .await;
    let _voluntary = backfill(
        &app,
        &w,
        "2024-01-10",
        "2024-01-12",
        json!({"persons_affected": 10}),
    )
    .await;
    let done = backfill(
        &app,
        &w,
        "2024-01-10",
        "2024-01-12",
        json!({"sensitive_data": true}),
    )
    .await;
    let mut final_body = body(
        w.business,
        json!({
            "stage": "final", "preliminary_report_id": done.body["id"], "sensitive_data": true,
            "aware_on": "2024-01-10", "occurred_on": "2024-01-10"
        }),
    );
    final_body["received_on"] = json!("2024-02-01");
    file(&app, &w.staff, final_body).await.assert_status(201);
    let today = chrono::Utc::now().date_naive().to_string();
    let _fresh = backfill(&app, &w, &today, &today, json!({"persons_affected": 5000})).await;

    let overdue = app.get("/api/v1/incidents?overdue=true", &w.staff).await;
    overdue.assert_status(200);
    assert_eq!(overdue.body["total"], 1, "{}", overdue.body);
    let item = &overdue.body["items"][0];
    assert_eq!(item["id"], late.body["incident_id"]);
    assert_eq!(item["overdue"], true);
    assert_eq!(
        item["next_deadline"], "2024-02-08",
        "10 January is day 1, so day 30 is 8 February"
    );

    let rest = app.get("/api/v1/incidents?overdue=false", &w.staff).await;
    assert_eq!(rest.body["total"], 3);
    assert!(
        rest.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["overdue"] == false)
    );
    // The reporter sees its own overdue incident too (all of these are its organization's).
    let own = app.get("/api/v1/incidents?overdue=true", &w.reporter).await;
    assert_eq!(own.body["total"], 1);
    let other = app
        .get("/api/v1/incidents?overdue=true", &w.city_reporter)
        .await;
    assert_eq!(other.body["total"], 0);
}

async fn retries_with_an_idempotency_key_file_once(app: TestApp) {
    let w = world(&app).await;
    let send = |body: Value, key: &str| {
        TestRequest::post()
            .uri("/api/v1/reports")
            .insert_header(("Authorization", format!("Bearer {}", w.reporter)))
            .insert_header(("Idempotency-Key", key.to_owned()))
            .set_json(body)
    };
    let first = app.send(send(body(w.business, json!({})), "retry-1")).await;
    first.assert_status(201);
    let again = app.send(send(body(w.business, json!({})), "retry-1")).await;
    again.assert_status(201);
    assert_eq!(again.body, first.body, "the first answer, unchanged");
    assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");
    assert_eq!(app.count("reports"), 1);
    assert_eq!(app.count("incidents"), 1);

    let other = app
        .send(send(
            body(w.business, json!({"persons_affected": 11})),
            "retry-1",
        ))
        .await;
    other.assert_status(409);
    assert_eq!(other.error_code(), "idempotency_key_reused");
    // Keys are per user: the same key from staff is a new submission.
    let staff = TestRequest::post()
        .uri("/api/v1/reports")
        .insert_header(("Authorization", format!("Bearer {}", w.staff)))
        .insert_header(("Idempotency-Key", "retry-1"))
        .set_json(body(w.business, json!({})));
    app.send(staff).await.assert_status(201);
    let bad_key = app
        .send(send(body(w.business, json!({})), "has space"))
        .await;
    bad_key.assert_refused_field("Idempotency-Key");
    // A refused request stores no key: once corrected, the same key files.
    let refused = app
        .send(send(
            body(w.business, json!({"persons_affected": -1})),
            "retry-2",
        ))
        .await;
    refused.assert_refused_field("persons_affected");
    app.send(send(body(w.business, json!({})), "retry-2"))
        .await
        .assert_status(201);
    assert_eq!(app.count("reports"), 3);
}

async fn concurrent_retries_with_one_key_file_once(app: TestApp) {
    let w = world(&app).await;
    let app = Rc::new(app);
    let token = Rc::new(w.reporter.clone());
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (app, token) = (app.clone(), token.clone());
            let body = body(w.business, json!({"persons_affected": 2000}));
            actix_web::rt::spawn(async move {
                let request = TestRequest::post()
                    .uri("/api/v1/reports")
                    .insert_header(("Authorization", format!("Bearer {token}")))
                    .insert_header(("Idempotency-Key", "burst"))
                    .set_json(body);
                app.send(request).await
            })
        })
        .collect();
    let mut bodies = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        reply.assert_status(201);
        bodies.push(reply.body);
    }
    assert!(
        bodies.windows(2).all(|pair| pair[0] == pair[1]),
        "one answer for all"
    );
    assert_eq!(app.count("reports"), 1);
    assert_eq!(app.count("incidents"), 1);
}

async fn bad_reports_are_refused_by_field_and_write_nothing(app: TestApp) {
    let w = world(&app).await;
    let future = (chrono::Utc::now().date_naive() + chrono::Duration::days(3)).to_string();
    let before = (
        app.count("reports"),
        app.count("incidents"),
        app.count("audit_log"),
    );
    let cases: Vec<(&str, &str, Value)> = vec![
        ("reporter", "summary", json!({"summary": null})),
        ("reporter", "summary", json!({"summary": "   "})),
        (
            "reporter",
            "summary",
            json!({"summary": "x".repeat(10_001)}),
        ),
        ("reporter", "data_items", json!({"data_items": []})),
        (
            "reporter",
            "data_items",
            json!({"data_items": ["氏名", " "]}),
        ),
        ("reporter", "data_items", json!({"data_items": "氏名"})),
        (
            "reporter",
            "persons_affected",
            json!({"persons_affected": -1}),
        ),
        (
            "reporter",
            "persons_affected",
            json!({"persons_affected": 1.5}),
        ),
        (
            "reporter",
            "persons_affected",
            json!({"persons_affected": 300_000_000}),
        ),
        (
            "reporter",
            "persons_affected",
            json!({"persons_affected": 99_999_999_999_999_999_999_u128.to_string()}),
        ),
        ("reporter", "cause", json!({"cause": "hackers"})),
        ("reporter", "regime", json!({"regime": "gdpr"})),
        ("reporter", "stage", json!({"stage": "draft"})),
        (
            "reporter",
            "sensitive_data",
            json!({"sensitive_data": null}),
        ),
        (
            "reporter",
            "sensitive_data",
            json!({"sensitive_data": "yes"}),
        ),
        ("reporter", "aware_on", json!({"aware_on": "2025-02-30"})),
        ("reporter", "aware_on", json!({"aware_on": "01/04/2025"})),
        ("reporter", "aware_on", json!({"aware_on": future})),
        ("reporter", "aware_on", json!({"aware_on": "0001-01-01"})),
        (
            "reporter",
            "occurred_on",
            json!({"occurred_on": "2025-04-02"}),
        ),
        (
            "reporter",
            "received_on",
            json!({"received_on": "2025-04-02"}),
        ),
        (
            "reporter",
            "received_via",
            json!({"received_via": "delegated"}),
        ),
        (
            "reporter",
            "network_system",
            json!({"network_system": true}),
        ),
        (
            "reporter",
            "publicly_viewable",
            json!({"publicly_viewable": true}),
        ),
        (
            "reporter",
            "ordinance_sensitive",
            json!({"ordinance_sensitive": true}),
        ),
        (
            "reporter",
            "contractor_organization_id",
            json!({"contractor_organization_id": 0}),
        ),
        (
            "reporter",
            "preliminary_report_id",
            json!({"preliminary_report_id": 1}),
        ),
        ("reporter", "regime", json!({"regime": "appi_public"})),
        ("reporter", "hack", json!({"hack": true})),
        (
            "staff",
            "organization_id",
            json!({"organization_id": 999_999}),
        ),
        (
            "staff",
            "received_via",
            json!({"regime": "my_number", "received_via": "delegated"}),
        ),
        ("staff", "received_on", json!({"received_on": "2025-03-30"})),
        ("staff", "received_on", json!({"received_on": future})),
        (
            "staff",
            "preliminary_report_id",
            json!({"stage": "final", "preliminary_report_id": 424_242}),
        ),
    ];
    for (who, field, changes) in cases {
        let token = if who == "staff" {
            &w.staff
        } else {
            &w.reporter
        };
        let mut body = body(w.business, changes.clone());
        if field == "contractor_organization_id" {
            body["contractor_organization_id"] = json!(w.business);
        }
        let reply = file(&app, token, body).await;
        reply.assert_refused_field(field);
        let _ = changes;
    }
    // Several refusals at once, each named: first every malformed field…
    let reply = file(
        &app,
        &w.reporter,
        body(
            w.business,
            json!({
                "summary": "", "cause": "hackers", "data_items": [], "persons_affected": -5
            }),
        ),
    )
    .await;
    for field in ["summary", "cause", "data_items", "persons_affected"] {
        reply.assert_refused_field(field);
    }
    // A body that gives only the entity names every required field it lacks, enums among them.
    let reply = file(&app, &w.reporter, json!({"organization_id": w.business})).await;
    for field in [
        "regime",
        "stage",
        "aware_on",
        "summary",
        "data_items",
        "persons_affected",
        "cause",
        "sensitive_data",
        "financial_damage_risk",
        "unlawful_purpose",
    ] {
        assert_eq!(reply.field_errors(field), ["is required"], "{}", reply.body);
    }
    // …then, once the form is well-formed, every rule the facts break.
    let mut facts = body(
        w.business,
        json!({
            "aware_on": future, "network_system": true, "received_via": "delegated"
        }),
    );
    facts["contractor_organization_id"] = json!(w.business);
    let reply = file(&app, &w.reporter, facts).await;
    for field in [
        "aware_on",
        "network_system",
        "received_via",
        "contractor_organization_id",
    ] {
        reply.assert_refused_field(field);
    }
    assert_eq!(
        (
            app.count("reports"),
            app.count("incidents"),
            app.count("audit_log")
        ),
        before,
        "no refusal wrote anything"
    );
    // A contractor that is a real other organization is accepted.
    let contractor = app
        .organization(&w.staff, "委託先株式会社", "business")
        .await;
    let reply = file(
        &app,
        &w.reporter,
        body(
            w.business,
            json!({"contractor_organization_id": contractor}),
        ),
    )
    .await;
    reply.assert_status(201);
    assert_eq!(reply.body["contractor_organization_id"], contractor);
}

async fn a_reporter_can_neither_file_for_nor_read_another_entity(app: TestApp) {
    let w = world(&app).await;
    let theirs = file(
        &app,
        &w.city_reporter,
        body(w.city, json!({"regime": "appi_public"})),
    )
    .await;
    theirs.assert_status(201);
    let (report_id, incident_id) = (
        theirs.body["id"].as_i64().unwrap(),
        theirs.body["incident_id"].as_i64().unwrap(),
    );

    let before = app.count("reports");
    let reply = file(
        &app,
        &w.reporter,
        body(w.city, json!({"regime": "appi_public"})),
    )
    .await;
    reply.assert_status(403);
    assert_eq!(app.count("reports"), before);

    for (kind, id) in [("reports", report_id), ("incidents", incident_id)] {
        let reply = app.get(&format!("/api/v1/{kind}/{id}"), &w.reporter).await;
        reply.assert_status(404);
        assert!(
            !reply.body.to_string().contains("USB"),
            "no byte of the other entity's report"
        );
        let missing = app
            .get(&format!("/api/v1/{kind}/987654"), &w.reporter)
            .await;
        assert_eq!(missing.body, reply.body, "foreign and missing answer alike");
    }
    for path in [
        "/api/v1/reports",
        "/api/v1/incidents",
        &format!("/api/v1/reports?organization_id={}", w.city),
    ] {
        let list = app.get(path, &w.reporter).await;
        list.assert_status(200);
        assert_eq!(list.body["total"], 0, "{path}");
    }
    // Naming the other entity's preliminary report in a final report reveals nothing either.
    let reply = file(
        &app,
        &w.reporter,
        body(
            w.business,
            json!({"stage": "final", "preliminary_report_id": report_id}),
        ),
    )
    .await;
    reply.assert_refused_field("preliminary_report_id");
    assert!(reply.field_errors("preliminary_report_id")[0].contains("no report with id"));
    // And the classification override is for staff.
    app.patch(
        &format!("/api/v1/incidents/{incident_id}/classification"),
        &w.reporter,
        json!({"mandatory": true, "reason": "x"}),
    )
    .await
    .assert_status(403);
}

async fn staff_override_a_classification_with_a_reason(app: TestApp) {
    let w = world(&app).await;
    let reply = backfill(
        &app,
        &w,
        "2024-01-10",
        "2024-01-12",
        json!({"persons_affected": 1001}),
    )
    .await;
    let path = format!(
        "/api/v1/incidents/{}/classification",
        reply.body["incident_id"]
    );
    app.patch(&path, &w.staff, json!({"mandatory": false}))
        .await
        .assert_refused_field("reason");
    app.patch(&path, &w.staff, json!({"mandatory": "no", "reason": "x"}))
        .await
        .assert_refused_field("mandatory");

    let lower = json!({"mandatory": false, "reason": "実人数は1,000人以下と判明"});
    let changed = app.patch(&path, &w.staff, lower.clone()).await;
    changed.assert_status(200);
    assert_eq!(changed.body["mandatory"], false);
    assert_eq!(changed.body["computed_mandatory"], true);
    assert_eq!(
        changed.body["classification_override"]["reason"],
        "実人数は1,000人以下と判明"
    );
    assert_eq!(changed.body["overdue"], false, "no longer legally late");
    let audit = app
        .get(
            &format!(
                "/api/v1/audit?entity_type=incident&entity_id={}",
                reply.body["incident_id"]
            ),
            &w.staff,
        )
        .await;
    assert_eq!(audit.body["items"][0]["action"], "classify");
    assert_eq!(audit.body["items"][0]["changes"]["mandatory"]["to"], false);

    let rows = app.count("audit_log");
    app.patch(&path, &w.staff, lower.clone())
        .await
        .assert_status(200);
    assert_eq!(
        app.count("audit_log"),
        rows,
        "repeating the override records nothing"
    );
    let cleared = app.patch(&path, &w.staff, json!({"mandatory": null})).await;
    cleared.assert_status(200);
    assert_eq!(cleared.body["mandatory"], true);
    assert_eq!(cleared.body["classification_override"], Value::Null);
    assert_eq!(cleared.body["overdue"], true);

    // An override outlives the final report: the final's facts become the computed
    // classification, the override still decides.
    app.patch(&path, &w.staff, lower.clone())
        .await
        .assert_status(200);
    let mut final_body = body(
        w.business,
        json!({
            "stage": "final", "preliminary_report_id": reply.body["id"],
            "aware_on": "2024-01-10", "occurred_on": "2024-01-10", "received_on": "2024-02-05",
            "persons_affected": 1002
        }),
    );
    final_body["prevention_measures"] = json!("名簿の持出しを禁止した。");
    let completed = file(&app, &w.staff, final_body).await;
    completed.assert_status(201);
    assert_eq!(completed.body["mandatory"], true, "the report's own facts");
    assert_eq!(completed.body["incident_status"], "complete");
    let incident = app
        .get(
            &format!("/api/v1/incidents/{}", reply.body["incident_id"]),
            &w.staff,
        )
        .await;
    assert_eq!(incident.body["computed_mandatory"], true);
    assert_eq!(incident.body["mandatory"], false, "the override decides");
    let audit = app
        .get(
            &format!(
                "/api/v1/audit?entity_type=report&entity_id={}",
                completed.body["id"]
            ),
            &w.staff,
        )
        .await;
    assert_eq!(
        audit.body["items"][0]["changes"]["incident"]["completed"]["mandatory"],
        false
    );
    app.patch(
        "/api/v1/incidents/999999/classification",
        &w.staff,
        json!({"mandatory": null}),
    )
    .await
    .assert_status(404);
}

async fn lists_filter_and_page(app: TestApp) {
    let w = world(&app).await;
    backfill(
        &app,
        &w,
        "2025-04-01",
        "2025-04-02",
        json!({"persons_affected": 5000}),
    )
    .await;
    backfill(&app, &w, "2025-05-01", "2025-05-02", json!({})).await;
    file(
        &app,
        &w.staff,
        body(
            w.city,
            json!({"regime": "my_number", "persons_affected": 500}),
        ),
    )
    .await;

    let check = |query: &str, expected: i64| {
        let app = &app;
        let staff = w.staff.clone();
        let query = query.to_owned();
        async move {
            let reply = app.get(&format!("/api/v1/reports?{query}"), &staff).await;
            reply.assert_status(200);
            assert_eq!(reply.body["total"], expected, "{query}: {}", reply.body);
        }
    };
    check("", 3).await;
    check("regime=appi", 2).await;
    check("regime=my_number&serious=true", 1).await;
    check("mandatory=true", 2).await;
    check(&format!("organization_id={}", w.city), 1).await;
    check("received_from=2025-04-01&received_to=2025-04-30", 1).await;
    check("stage=final", 0).await;
    let page = app.get("/api/v1/reports?per_page=2&page=2", &w.staff).await;
    assert_eq!(page.body["items"].as_array().unwrap().len(), 1);
    // The incident's facts as filters (SQLite finds their pages in a form of its own): the
    // reports with those facts, in id order, paged.
    for (query, field, value, shown, total) in [
        ("mandatory=true", "mandatory", true, 2, 2),
        ("mandatory=false", "mandatory", false, 1, 1),
        ("serious=true", "serious", true, 1, 1),
        ("serious=false", "serious", false, 2, 2),
        ("serious=false&per_page=1&page=2", "serious", false, 1, 2),
        ("mandatory=true&serious=false", "serious", false, 1, 1),
    ] {
        let reply = app.get(&format!("/api/v1/reports?{query}"), &w.staff).await;
        reply.assert_status(200);
        let items = reply.body["items"].as_array().unwrap();
        assert_eq!(
            (items.len(), reply.body["total"].as_i64()),
            (shown, Some(total)),
            "{query}"
        );
        assert!(
            items.iter().all(|item| item[field] == value),
            "{query}: {items:?}"
        );
        let ids: Vec<i64> = items
            .iter()
            .map(|item| item["id"].as_i64().unwrap())
            .collect();
        assert!(ids.is_sorted(), "{query}: {ids:?}");
    }
    for (query, field) in [
        ("regime=gdpr", "regime"),
        ("received_from=yesterday", "received_from"),
        ("mandatory=maybe", "mandatory"),
        ("colour=red", "colour"),
    ] {
        app.get(&format!("/api/v1/reports?{query}"), &w.staff)
            .await
            .assert_refused_field(field);
    }
    app.get("/api/v1/incidents?status=open", &w.staff)
        .await
        .assert_refused_field("status");
    let complete = app
        .get(
            "/api/v1/incidents?status=awaiting_final&regime=appi",
            &w.staff,
        )
        .await;
    assert_eq!(complete.body["total"], 2);
    let _ = Method::GET;
}

async fn reports_are_found_by_lateness_and_review(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "期限株式会社", "business").await;
    let file = |aware: &str| {
        json!({"organization_id": org, "regime": "appi", "stage": "preliminary",
            "aware_on": aware, "received_on": aware, "summary": "顧客名簿の紛失",
            "data_items": ["氏名"], "persons_affected": 2000, "cause": "loss",
            "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false})
    };
    let today = leakdesk::domain::calendar::japan_date(chrono::Utc::now());
    let late = app
        .post("/api/v1/reports", &staff, file("2025-04-01"))
        .await;
    late.assert_status(201);
    let fresh = app
        .post("/api/v1/reports", &staff, file(&today.to_string()))
        .await;
    fresh.assert_status(201);
    let ids = |reply: &crate::harness::Reply| -> Vec<i64> {
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    let overdue = app.get("/api/v1/reports?overdue=true", &staff).await;
    assert_eq!(ids(&overdue), [late.body["id"].as_i64().unwrap()]);
    let on_time = app.get("/api/v1/reports?overdue=false", &staff).await;
    assert_eq!(ids(&on_time), [fresh.body["id"].as_i64().unwrap()]);
    app.post(
        &format!("/api/v1/reports/{}/reviews", fresh.body["id"]),
        &staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    let accepted = app
        .get("/api/v1/reports?review_status=accepted", &staff)
        .await;
    assert_eq!(ids(&accepted), [fresh.body["id"].as_i64().unwrap()]);
    app.get("/api/v1/reports?review_status=maybe", &staff)
        .await
        .assert_refused_field("review_status");
}
