//! Token authentication and role checks: 401 without a live token, 403 for a role a call does not
//! admit, and tokens that expire, are revoked, or belong to a disabled user stop working.

use actix_web::http::Method;
use actix_web::test::TestRequest;
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    calls_without_a_valid_token_are_unauthorized,
    expired_revoked_and_disabled_tokens_stop_working,
    roles_are_refused_where_the_call_does_not_admit_them,
    audit_trail_is_for_staff_and_names_the_actor,
    authentication_and_roles_answer_before_validation,
);

async fn authentication_and_roles_answer_before_validation(app: TestApp) {
    let staff = app.staff();
    let own = app.organization(&staff, "自社", "business").await;
    let reporter = app.user(Role::Reporter, Some(own));
    let bad = json!({"name": 5, "kind": "nonsense"});
    let anonymous = app
        .call(
            Method::POST,
            "/api/v1/organizations",
            None,
            Some(bad.clone()),
        )
        .await;
    anonymous.assert_status(401);
    app.post("/api/v1/organizations", &reporter, bad.clone())
        .await
        .assert_status(403);
    app.post("/api/v1/actions", &reporter, json!({"kind": 1}))
        .await
        .assert_status(403);
    app.get("/api/v1/audit?nonsense=1", &reporter)
        .await
        .assert_status(403);
    let request = TestRequest::post()
        .uri("/api/v1/organizations")
        .insert_header(("Content-Type", "text/plain"))
        .set_payload("x");
    app.send(request).await.assert_status(401);
    // Staff, who may make the call, learn what is wrong with it.
    app.post("/api/v1/organizations", &staff, bad)
        .await
        .assert_refused_field("kind");

    // Filing checks its token in the filing's own trip to the database; the order holds there
    // too, for a bad body, a bad idempotency key and a body over the size limit.
    let unknown = "ldk_0000";
    app.post("/api/v1/reports", unknown, json!({"regime": 1}))
        .await
        .assert_status(401);
    let keyed = |token: &str, key: &str| {
        TestRequest::post()
            .uri("/api/v1/reports")
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("Idempotency-Key", key.to_owned()))
            .set_json(json!({"organization_id": own}))
    };
    app.send(keyed(unknown, "")).await.assert_status(401);
    app.send(keyed(&reporter, "")).await.assert_status(422);
    let huge = TestRequest::post()
        .uri("/api/v1/reports")
        .insert_header(("Authorization", format!("Bearer {unknown}")))
        .insert_header(("Content-Type", "application/json"))
        .set_payload(format!(r#"{{"summary": "{}"}}"#, "a".repeat(300 * 1024)));
    app.send(huge).await.assert_status(401);
    let huge = TestRequest::post()
        .uri("/api/v1/reports")
        .insert_header(("Authorization", format!("Bearer {reporter}")))
        .insert_header(("Content-Type", "application/json"))
        .set_payload(format!(r#"{{"summary": "{}"}}"#, "a".repeat(300 * 1024)));
    app.send(huge).await.assert_status(413);
    assert_eq!(app.count("reports"), 0);
}

async fn calls_without_a_valid_token_are_unauthorized(app: TestApp) {
    let reply = app
        .call(Method::GET, "/api/v1/organizations", None, None)
        .await;
    reply.assert_status(401);
    assert_eq!(reply.error_code(), "unauthorized");
    assert_eq!(reply.headers.get("www-authenticate").unwrap(), "Bearer");

    let unknown = app.get("/api/v1/organizations", "ldk_0000").await;
    unknown.assert_status(401);

    for header in ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "token"] {
        let request = TestRequest::get()
            .uri("/api/v1/organizations")
            .insert_header(("Authorization", header));
        app.send(request).await.assert_status(401);
    }
    // The scheme is case-insensitive.
    let staff = app.staff();
    let request = TestRequest::get()
        .uri("/api/v1/organizations")
        .insert_header(("Authorization", format!("bearer {staff}")));
    app.send(request).await.assert_status(200);
}

async fn expired_revoked_and_disabled_tokens_stop_working(app: TestApp) {
    let (expiring, revoked, disabled) = (app.staff(), app.staff(), app.staff());
    for token in [&expiring, &revoked, &disabled] {
        app.get("/api/v1/organizations", token)
            .await
            .assert_status(200);
    }
    let hash = |token: &str| leakdesk::auth::secrets::token_hash(token);
    app.execute(&format!(
        "UPDATE api_tokens SET expires_at = '2020-01-01 00:00:00' WHERE token_hash = '{}'",
        hash(&expiring)
    ));
    app.execute(&format!(
        "UPDATE api_tokens SET revoked_at = '2026-01-01 00:00:00' WHERE token_hash = '{}'",
        hash(&revoked)
    ));
    app.execute(&format!(
        "UPDATE users SET disabled_at = '2026-01-01 00:00:00' WHERE id = \
         (SELECT user_id FROM api_tokens WHERE token_hash = '{}')",
        hash(&disabled)
    ));
    for token in [&expiring, &revoked, &disabled] {
        app.get("/api/v1/organizations", token)
            .await
            .assert_status(401);
    }
}

async fn roles_are_refused_where_the_call_does_not_admit_them(app: TestApp) {
    let staff = app.staff();
    let admin = app.user(Role::Admin, None);
    let own = app.organization(&staff, "株式会社自社", "business").await;
    let reporter = app.user(Role::Reporter, Some(own));

    let body = json!({"name": "新規法人", "kind": "business"});
    let reply = app
        .post("/api/v1/organizations", &reporter, body.clone())
        .await;
    reply.assert_status(403);
    assert_eq!(reply.error_code(), "forbidden");
    app.patch(
        &format!("/api/v1/organizations/{own}"),
        &reporter,
        json!({"name": "改名"}),
    )
    .await
    .assert_status(403);
    app.get("/api/v1/audit", &reporter).await.assert_status(403);
    assert_eq!(
        app.count("organizations"),
        1,
        "the refused call wrote nothing"
    );

    // Admins have every staff power.
    app.post("/api/v1/organizations", &admin, body)
        .await
        .assert_status(201);
    app.get("/api/v1/audit", &admin).await.assert_status(200);
}

async fn audit_trail_is_for_staff_and_names_the_actor(app: TestApp) {
    let staff = app.staff();
    let id = app
        .organization(&staff, "監査確認株式会社", "business")
        .await;
    let reply = app
        .get(
            &format!("/api/v1/audit?entity_type=organization&entity_id={id}"),
            &staff,
        )
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["total"], 1);
    let entry = &reply.body["items"][0];
    assert_eq!(entry["action"], "create");
    assert_eq!(entry["entity_id"], id);
    assert!(entry["actor"].as_str().unwrap().starts_with("user:"));
    assert!(entry["actor_user_id"].is_i64());
    assert!(
        entry["request_id"].is_string(),
        "the request is named: {entry}"
    );
    assert_eq!(entry["changes"]["name"], "監査確認株式会社");

    app.get("/api/v1/audit?entity_kind=organization", &staff)
        .await
        .assert_refused_field("entity_kind");
}
