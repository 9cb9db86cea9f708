//! The service's base: migrations on each backend, health, the OpenAPI document, the error shape
//! of unknown routes, and the headers every answer carries.

use actix_web::http::Method;
use leakdesk::db::Backend;

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    migrations_create_every_table_and_revert_cleanly,
    health_names_the_backend,
    openapi_document_lists_the_api,
    openapi_document_names_what_the_wire_carries,
    unknown_routes_answer_the_error_shape,
    answers_carry_request_id_and_security_headers,
);

async fn migrations_create_every_table_and_revert_cleanly(app: TestApp) {
    for table in ["organizations", "users", "api_tokens", "audit_log"] {
        assert_eq!(app.count(table), 0, "{table} exists and is empty");
    }
    assert!(
        app.db.run_migrations().unwrap().is_empty(),
        "a second run applies nothing"
    );
    let reverted = app.db.revert_all_migrations().unwrap();
    assert!(reverted >= 1);
    let applied = app.db.run_migrations().unwrap();
    assert_eq!(
        applied.len(),
        reverted,
        "down then up again restores every migration"
    );
    assert_eq!(app.count("audit_log"), 0);
}

async fn health_names_the_backend(app: TestApp) {
    let reply = app.call(Method::GET, "/health", None, None).await;
    reply.assert_status(200);
    let expected = match app.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    assert_eq!(reply.body["status"], "ok");
    assert_eq!(reply.body["database"], expected);
}

/// What a client generated from the document needs: one operation per id, every reference
/// defined, enums listing the values the API takes.
async fn openapi_document_names_what_the_wire_carries(app: TestApp) {
    let reply = app.call(Method::GET, "/openapi.json", None, None).await;
    let document = &reply.body;
    let mut ids = std::collections::BTreeMap::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            if let Some(id) = operation["operationId"].as_str() {
                let previous = ids.insert(id.to_owned(), format!("{method} {path}"));
                assert!(
                    previous.is_none(),
                    "{id} names {previous:?} and {method} {path}"
                );
            }
        }
    }
    let schemas = document["components"]["schemas"].as_object().unwrap();
    let text = document.to_string();
    for reference in text.split("\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(
            schemas.contains_key(name),
            "{name} is referred to but not defined"
        );
    }
    assert_eq!(
        schemas["Regime"]["enum"],
        serde_json::json!(["appi", "appi_public", "my_number"])
    );
    assert!(
        schemas["Cause"]["enum"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("unauthorized_access"))
    );
}

async fn openapi_document_lists_the_api(app: TestApp) {
    let reply = app.call(Method::GET, "/openapi.json", None, None).await;
    reply.assert_status(200);
    let document = &reply.body;
    assert!(document["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/health",
        "/api/v1/organizations",
        "/api/v1/organizations/{id}",
        "/api/v1/audit",
        "/api/v1/reports",
        "/api/v1/reports/{id}",
        "/api/v1/incidents",
        "/api/v1/incidents/{id}",
        "/api/v1/incidents/{id}/classification",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/entities",
        "/api/v1/cases/{id}/incidents",
        "/api/v1/meetings",
        "/api/v1/actions",
        "/api/v1/actions/{id}",
        "/api/v1/consultation-categories",
        "/api/v1/consultations",
        "/api/v1/consultations/{id}",
        "/api/v1/mediations",
        "/api/v1/mediations/{id}",
        "/api/v1/mediations/{id}/steps",
        "/api/v1/stats/activity",
        "/api/v1/stats/consultations",
        "/api/v1/stats/activity/publications",
        "/api/v1/stats/consultations/publications",
        "/api/v1/outbox",
        "/api/v1/outbox/{id}/retry",
    ] {
        assert!(document["paths"][path].is_object(), "{path} is documented");
    }
    assert!(document["paths"]["/api/v1/organizations"]["post"].is_object());
    assert!(document["paths"]["/api/v1/organizations/{id}"]["patch"].is_object());
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(document["components"]["schemas"]["NewOrganization"].is_object());
    assert!(
        document["components"]["schemas"]["NewReport"]["properties"]["persons_affected"]
            .is_object()
    );
}

async fn unknown_routes_answer_the_error_shape(app: TestApp) {
    let staff = app.staff();
    let reply = app.get("/api/v1/nothing-here", &staff).await;
    reply.assert_status(404);
    assert_eq!(reply.error_code(), "not_found");
    assert!(reply.body["error"]["message"].is_string());
    assert!(reply.body["error"]["fields"].is_object());
    // A known path with a method it does not take, and an id that is no number.
    app.call(
        Method::DELETE,
        "/api/v1/organizations/1",
        Some(&staff),
        None,
    )
    .await
    .assert_status(404);
    let reply = app.get("/api/v1/organizations/abc", &staff).await;
    reply.assert_status(404);
    assert_eq!(reply.error_code(), "not_found");
}

async fn answers_carry_request_id_and_security_headers(app: TestApp) {
    let reply = app.call(Method::GET, "/health", None, None).await;
    let id = reply.headers.get("x-request-id").expect("a request id");
    assert!(!id.is_empty());
    assert_eq!(
        reply.headers.get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert_eq!(reply.headers.get("cache-control").unwrap(), "no-store");
    let other = app.call(Method::GET, "/health", None, None).await;
    assert_ne!(
        other.headers.get("x-request-id"),
        Some(id),
        "ids are per request"
    );
}
