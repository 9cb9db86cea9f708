//! The service's base: migrations on each backend, health, the OpenAPI document, the error shape
//! of unknown routes, and the headers every answer carries.

use actix_web::http::Method;
use actix_web::test::TestRequest;
use leakdesk::db::Backend;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    migrations_create_every_table_and_revert_cleanly,
    health_names_the_backend,
    openapi_document_lists_the_api,
    openapi_document_names_what_the_wire_carries,
    unknown_routes_answer_the_error_shape,
    a_method_a_path_lacks_is_405_with_allow,
    instants_are_rfc3339_with_their_offset,
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
    // Every refusal an operation can answer by its shape is documented, with the error body.
    for (path, item) in document["paths"].as_object().unwrap() {
        if !path.starts_with("/api/") {
            continue;
        }
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            let mut expected = vec!["500", "503"];
            if operation["requestBody"].is_object() {
                expected.extend(["400", "413", "415", "422"]);
            }
            if path.contains('{') {
                expected.push("404");
            }
            if operation["security"].is_array() {
                expected.push("401");
            }
            for status in expected {
                assert_eq!(
                    responses[status]["content"]["application/json"]["schema"]["$ref"],
                    "#/components/schemas/ErrorBody",
                    "{method} {path} documents {status}"
                );
            }
        }
    }
    // The bounds the API enforces are in the schema, and the formats of our own spelt out.
    let page = document["paths"]["/api/v1/reports"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "page")
        .unwrap();
    assert_eq!(page["schema"]["minimum"], 1);
    assert_eq!(page["schema"]["maximum"], 2_147_483_647);
    let summary = &schemas["NewReport"]["properties"]["summary"];
    assert_eq!(summary["maxLength"], 10000);
    assert_eq!(summary["pattern"], leakdesk::domain::text::TEXT_PATTERN);
    let items = &schemas["NewReport"]["properties"]["data_items"];
    assert_eq!(
        (&items["minItems"], &items["maxItems"]),
        (&json!(1), &json!(100))
    );
    let prefecture = &schemas["NewOrganization"]["properties"]["prefecture"]["anyOf"][0];
    assert_eq!(prefecture["enum"].as_array().unwrap().len(), 47);
    // Instants are date-times; the API writes them with their offset.
    assert_eq!(
        schemas["Organization"]["properties"]["created_at"]["format"],
        "date-time"
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
    // An id that is no number names nothing.
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

/// A known path with a method it does not take: 405, naming the methods it does take, in the
/// error shape for the API (in Japanese when asked) and as a Japanese page for the pages.
async fn a_method_a_path_lacks_is_405_with_allow(app: TestApp) {
    let staff = app.staff();
    let reply = app
        .call(
            Method::DELETE,
            "/api/v1/organizations/1",
            Some(&staff),
            None,
        )
        .await;
    reply.assert_status(405);
    assert_eq!(reply.headers.get("allow").unwrap(), "GET, PATCH");
    assert_eq!(reply.error_code(), "method_not_allowed");
    let reply = app
        .send(
            TestRequest::default()
                .method(Method::PUT)
                .uri("/api/v1/reports")
                .insert_header(("Accept-Language", "ja")),
        )
        .await;
    reply.assert_status(405);
    assert_eq!(reply.headers.get("allow").unwrap(), "GET, POST");
    let message = reply.body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("GET, POST") && message.contains("メソッド"),
        "{message}"
    );
    let reply = app.call(Method::POST, "/openapi.json", None, None).await;
    reply.assert_status(405);
    assert_eq!(reply.headers.get("allow").unwrap(), "GET");
    let page = app
        .send(TestRequest::default().method(Method::DELETE).uri("/login"))
        .await;
    page.assert_status(405);
    assert_eq!(page.headers.get("allow").unwrap(), "GET, POST");
    assert!(
        page.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    // A path nobody has is still 404, whatever the method.
    app.call(Method::DELETE, "/api/v1/nothing-here", Some(&staff), None)
        .await
        .assert_status(404);
}

/// Every instant the API writes is RFC 3339 with its offset (API.md, version 2 conventions), read
/// back by a strict RFC 3339 parser to the instant the database holds, on both backends; in a
/// record, in a list and in the audit trail.
async fn instants_are_rfc3339_with_their_offset(app: TestApp) {
    use time::format_description::well_known::Rfc3339;
    let staff = app.staff();
    let id = app.organization(&staff, "株式会社時刻", "business").await;
    let record = app
        .get(&format!("/api/v1/organizations/{id}"), &staff)
        .await;
    let list = app.get("/api/v1/organizations", &staff).await;
    let audit = app
        .get(
            &format!("/api/v1/audit?entity_type=organization&entity_id={id}"),
            &staff,
        )
        .await;
    let tokens = app.get("/api/v1/audit?entity_type=api_token", &staff).await;
    let instants = [
        &record.body["created_at"],
        &record.body["updated_at"],
        &list.body["items"][0]["created_at"],
        &audit.body["items"][0]["occurred_at"],
        &tokens.body["items"][0]["changes"]["expires_at"],
    ];
    let stored: chrono::NaiveDateTime = {
        use diesel::prelude::*;
        use leakdesk::db::schema::organizations;
        app.db
            .read_blocking(move |conn| {
                Ok(organizations::table
                    .find(id)
                    .select(organizations::created_at)
                    .first(conn)?)
            })
            .unwrap()
    };
    for instant in instants {
        let text = instant
            .as_str()
            .unwrap_or_else(|| panic!("{instant} is a string"));
        let parsed = time::OffsetDateTime::parse(text, &Rfc3339)
            .unwrap_or_else(|e| panic!("{text} is not RFC 3339: {e}"));
        assert!(text.ends_with('Z'), "{text} is written in UTC");
        if std::ptr::eq(instant, &record.body["created_at"]) {
            let micros = stored.and_utc().timestamp_micros();
            assert_eq!(
                i64::try_from(parsed.unix_timestamp_nanos() / 1000).unwrap(),
                micros,
                "{text} is the stored instant"
            );
        }
    }
}
