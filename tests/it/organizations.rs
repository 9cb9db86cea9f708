//! Organizations over HTTP: registration with every field checked, reading per role, listing,
//! editing with an audited diff, and refusals that leave nothing behind.

use actix_web::test::TestRequest;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    staff_register_an_organization_with_every_field,
    every_invalid_field_is_named_and_nothing_is_written,
    unreadable_bodies_are_refused_before_any_field,
    a_corporate_number_is_registered_once,
    a_reporter_sees_its_own_organization_and_no_other,
    lists_page_and_filter_in_a_stable_order,
    edits_change_only_given_fields_and_audit_the_difference,
);

fn full_body() -> Value {
    json!({
        "name": "トヨタ自動車株式会社",
        "kind": "business",
        "corporate_number": "1180301018771",
        "prefecture": "愛知県",
        "contact_email": "privacy@example.jp"
    })
}

async fn staff_register_an_organization_with_every_field(app: TestApp) {
    let staff = app.staff();
    let reply = app.post("/api/v1/organizations", &staff, full_body()).await;
    reply.assert_status(201);
    let body = &reply.body;
    assert!(body["id"].as_i64().unwrap() > 0);
    assert_eq!(body["name"], "トヨタ自動車株式会社");
    assert_eq!(body["kind"], "business");
    assert_eq!(body["group"], "business");
    assert_eq!(body["corporate_number"], "1180301018771");
    assert_eq!(body["prefecture"], "愛知県");
    assert_eq!(body["contact_email"], "privacy@example.jp");
    assert!(body["created_at"].is_string());

    let fetched = app
        .get(&format!("/api/v1/organizations/{}", body["id"]), &staff)
        .await;
    fetched.assert_status(200);
    assert_eq!(fetched.body, reply.body);

    let agency = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "独立行政法人テスト機構", "kind": "incorporated_agency"}),
        )
        .await;
    agency.assert_status(201);
    assert_eq!(agency.body["group"], "national");
    assert_eq!(agency.body["corporate_number"], Value::Null);
    assert_eq!(
        app.count("audit_log WHERE entity_type = 'organization' AND action = 'create'"),
        2,
        "one audit row per registration"
    );
}

async fn every_invalid_field_is_named_and_nothing_is_written(app: TestApp) {
    let staff = app.staff();
    let audit_before = app.count("audit_log");
    let cases: Vec<(&str, Value)> = vec![
        ("name", json!({"kind": "business"})),
        ("name", json!({"name": "   ", "kind": "business"})),
        ("name", json!({"name": "x".repeat(201), "kind": "business"})),
        ("name", json!({"name": "a\u{0007}b", "kind": "business"})),
        ("name", json!({"name": 42, "kind": "business"})),
        ("kind", json!({"name": "A"})),
        ("kind", json!({"name": "A", "kind": "company"})),
        (
            "corporate_number",
            json!({"name": "A", "kind": "business", "corporate_number": "2180301018771"}),
        ),
        (
            "corporate_number",
            json!({"name": "A", "kind": "business", "corporate_number": "118030101877"}),
        ),
        (
            "corporate_number",
            json!({"name": "A", "kind": "business", "corporate_number": 1180301018771_i64}),
        ),
        (
            "prefecture",
            json!({"name": "A", "kind": "business", "prefecture": "Tokyo"}),
        ),
        (
            "contact_email",
            json!({"name": "A", "kind": "business", "contact_email": "not-an-address"}),
        ),
        (
            "colour",
            json!({"name": "A", "kind": "business", "colour": "blue"}),
        ),
        ("body", json!(["name", "A"])),
    ];
    for (field, body) in cases {
        let reply = app
            .post("/api/v1/organizations", &staff, body.clone())
            .await;
        reply.assert_refused_field(field);
        assert!(
            !reply.field_errors(field)[0].is_empty(),
            "{field}: a reason is given"
        );
        let _ = body;
    }
    let wrong_digit = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "A", "kind": "business", "corporate_number": "2180301018771"}),
        )
        .await;
    assert!(wrong_digit.field_errors("corporate_number")[0].contains("check digit"));

    // Several bad fields are all named at once.
    let reply = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": " ", "kind": "business", "prefecture": "X", "contact_email": "y"}),
        )
        .await;
    for field in ["name", "prefecture", "contact_email"] {
        reply.assert_refused_field(field);
    }
    // Wrong types and wrong values together, a required enum among them: all named.
    let reply = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "", "kind": "corp", "corporate_number": "123", "contact_email": "nope"}),
        )
        .await;
    for field in ["name", "kind", "corporate_number", "contact_email"] {
        reply.assert_refused_field(field);
    }
    assert_eq!(
        reply.field_errors("kind").len(),
        1,
        "the placeholder adds nothing"
    );
    assert_eq!(app.count("organizations"), 0);
    assert_eq!(app.count("audit_log"), audit_before);
}

async fn unreadable_bodies_are_refused_before_any_field(app: TestApp) {
    let staff = app.staff();
    let post = |body: Vec<u8>, content_type: &str| {
        TestRequest::post()
            .uri("/api/v1/organizations")
            .insert_header(("Authorization", format!("Bearer {staff}")))
            .insert_header(("Content-Type", content_type.to_owned()))
            .set_payload(body)
    };
    let reply = app
        .send(post(b"{\"name\": ".to_vec(), "application/json"))
        .await;
    reply.assert_status(400);
    assert_eq!(reply.error_code(), "malformed_request");

    let reply = app
        .send(post(
            b"name=A".to_vec(),
            "application/x-www-form-urlencoded",
        ))
        .await;
    reply.assert_status(415);

    let huge = format!(
        r#"{{"name": "{}", "kind": "business"}}"#,
        "a".repeat(300 * 1024)
    );
    let reply = app.send(post(huge.into_bytes(), "application/json")).await;
    reply.assert_status(413);
    assert_eq!(reply.error_code(), "payload_too_large");

    let reply = app
        .send(post(vec![0xff, 0xfe, 0x00], "application/json"))
        .await;
    reply.assert_status(400);
    assert_eq!(app.count("organizations"), 0);
}

async fn a_corporate_number_is_registered_once(app: TestApp) {
    let staff = app.staff();
    app.post("/api/v1/organizations", &staff, full_body())
        .await
        .assert_status(201);
    let reply = app.post("/api/v1/organizations", &staff, full_body()).await;
    reply.assert_status(409);
    assert_eq!(reply.error_code(), "corporate_number_taken");
    assert_eq!(app.count("organizations"), 1);
}

async fn a_reporter_sees_its_own_organization_and_no_other(app: TestApp) {
    let staff = app.staff();
    let own = app.organization(&staff, "自社株式会社", "business").await;
    let other = app.organization(&staff, "他社株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(own));

    let reply = app
        .get(&format!("/api/v1/organizations/{own}"), &reporter)
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["name"], "自社株式会社");

    let reply = app
        .get(&format!("/api/v1/organizations/{other}"), &reporter)
        .await;
    reply.assert_status(404);
    assert!(
        !reply.body.to_string().contains("他社"),
        "no byte of the other entity"
    );
    // A missing id answers exactly as a foreign one: existence is not revealed.
    let missing = app.get("/api/v1/organizations/999999", &reporter).await;
    assert_eq!(missing.status, reply.status);
    assert_eq!(missing.body, reply.body);

    let list = app.get("/api/v1/organizations", &reporter).await;
    list.assert_status(200);
    assert_eq!(list.body["total"], 1);
    assert_eq!(list.body["items"][0]["id"], own);
    let probe = app
        .get("/api/v1/organizations?name=%E4%BB%96%E7%A4%BE", &reporter)
        .await;
    assert_eq!(probe.body["total"], 0);
}

async fn lists_page_and_filter_in_a_stable_order(app: TestApp) {
    let staff = app.staff();
    let mut ids = Vec::new();
    for n in 0..5 {
        ids.push(
            app.organization(&staff, &format!("市{n}"), "local_government")
                .await,
        );
    }
    app.organization(&staff, "Alpha_Corp 100%", "business")
        .await;

    let page = app
        .get(
            "/api/v1/organizations?kind=local_government&per_page=2&page=2",
            &staff,
        )
        .await;
    page.assert_status(200);
    assert_eq!(page.body["total"], 5);
    assert_eq!(page.body["page"], 2);
    assert_eq!(page.body["per_page"], 2);
    let got: Vec<i64> = page.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, ids[2..4]);

    let default = app.get("/api/v1/organizations", &staff).await;
    assert_eq!(default.body["per_page"], 50);
    assert_eq!(default.body["total"], 6);

    // Name search is case-insensitive on both backends and treats % and _ literally.
    let found = app
        .get("/api/v1/organizations?name=alpha_corp%20100%25", &staff)
        .await;
    assert_eq!(found.body["total"], 1);
    let literal = app.get("/api/v1/organizations?name=%25", &staff).await;
    assert_eq!(literal.body["total"], 1);

    for (query, field) in [
        ("per_page=0", "per_page"),
        ("per_page=501", "per_page"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("kind=company", "kind"),
        ("organisation=1", "organisation"),
    ] {
        app.get(&format!("/api/v1/organizations?{query}"), &staff)
            .await
            .assert_refused_field(field);
    }
}

async fn edits_change_only_given_fields_and_audit_the_difference(app: TestApp) {
    let staff = app.staff();
    let id = app
        .post("/api/v1/organizations", &staff, full_body())
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/organizations/{id}");
    let reply = app
        .patch(
            &path,
            &staff,
            json!({"contact_email": "dpo@example.jp", "prefecture": null}),
        )
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["contact_email"], "dpo@example.jp");
    assert_eq!(reply.body["prefecture"], Value::Null);
    assert_eq!(reply.body["name"], "トヨタ自動車株式会社", "untouched");
    assert_eq!(app.get(&path, &staff).await.body, reply.body);

    let audit = app
        .get(
            &format!("/api/v1/audit?entity_type=organization&entity_id={id}"),
            &staff,
        )
        .await;
    let latest = &audit.body["items"][0];
    assert_eq!(latest["action"], "update");
    assert_eq!(
        latest["changes"]["contact_email"]["from"],
        "privacy@example.jp"
    );
    assert_eq!(latest["changes"]["contact_email"]["to"], "dpo@example.jp");
    assert_eq!(latest["changes"]["prefecture"]["from"], "愛知県");
    assert!(
        latest["changes"].get("name").is_none(),
        "unchanged fields are not listed"
    );

    let audit_rows = app.count("audit_log");
    app.patch(&path, &staff, json!({"contact_email": "dpo@example.jp"}))
        .await
        .assert_status(200);
    assert_eq!(
        app.count("audit_log"),
        audit_rows,
        "a no-op edit records nothing"
    );

    app.patch(&path, &staff, json!({"prefecture": "Aichi"}))
        .await
        .assert_refused_field("prefecture");
    app.patch(&path, &staff, json!({"name": null}))
        .await
        .assert_refused_field("name");
    app.patch("/api/v1/organizations/999999", &staff, json!({"name": "X"}))
        .await
        .assert_status(404);
    let other = app.organization(&staff, "別法人", "business").await;
    let reply = app
        .patch(
            &format!("/api/v1/organizations/{other}"),
            &staff,
            json!({"corporate_number": "1180301018771"}),
        )
        .await;
    reply.assert_status(409);
    assert_eq!(
        app.count("audit_log"),
        audit_rows + 1,
        "only the new registration"
    );
}
