//! Hostile input on every POST and PATCH of the OpenAPI document (so new endpoints are covered):
//! wrong types, huge strings, deep nesting, impossible dates, overflowing numbers, control
//! characters, invalid UTF-8. Never a 5xx; a refusal writes nothing.

use actix_web::http::Method;
use actix_web::test::TestRequest;
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(malformed_bodies_never_break_the_service_nor_write);

fn corpus() -> Vec<Vec<u8>> {
    let text_keys = [
        "name", "summary", "title", "advice", "notes", "reason", "label_ja", "code", "period",
    ];
    let mut bodies: Vec<Vec<u8>> = vec![
        b"[]".to_vec(),
        b"\"x\"".to_vec(),
        b"1".to_vec(),
        b"null".to_vec(),
        b"{}".to_vec(),
        b"{".to_vec(),
        b"{\"name\": 1e400}".to_vec(),
        b"{\"name\": \"\\ud800\"}".to_vec(),
        b"{\"name\": \"a\", \"name\": \"b\"}".to_vec(),
        vec![b'{', b'"', 0xff, 0xfe, b'"', b':', b'1', b'}'],
        format!("{}{}", "{\"a\":".repeat(5000), "}".repeat(5000)).into_bytes(),
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
    ];
    let dates = json!({
        "aware_on": "2025-02-30", "received_on": "9999-99-99", "started_on": "0000-00-00",
        "held_on": "-1", "applied_on": "2025-13-01", "occurred_on": "yesterday", "as_of": 20250101
    });
    let numbers = r#"{"organization_id": 99999999999999999999999, "persons_affected": -9223372036854775809,
        "number": 4294967296, "consultation_id": 1.5, "incident_id": -1, "case_id": 1e20}"#;
    let types = json!({
        "organization_id": "1", "categories": {"a": 1}, "data_items": [1, 2], "mandatory": "yes",
        "kind": ["order"], "regime": 7, "desk": null, "class": true, "stage": {}
    });
    bodies.push(dates.to_string().into_bytes());
    bodies.push(numbers.as_bytes().to_vec());
    bodies.push(types.to_string().into_bytes());
    let mut huge = serde_json::Map::new();
    let mut control = serde_json::Map::new();
    for key in text_keys {
        huge.insert(key.into(), json!("長".repeat(80_000)));
        control.insert(key.into(), json!("a\u{0000}b\u{001b}[31m\u{007f}"));
    }
    bodies.push(serde_json::to_vec(&huge).unwrap());
    bodies.push(serde_json::to_vec(&control).unwrap());
    bodies
}

async fn malformed_bodies_never_break_the_service_nor_write(app: TestApp) {
    let admin = app.user(Role::Admin, None);
    let org = app.organization(&admin, "対象株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(org));
    let report = app
        .post("/api/v1/reports", &reporter, json!({
            "organization_id": org, "regime": "appi", "stage": "preliminary", "aware_on": "2025-04-01",
            "summary": "概要", "data_items": ["氏名"], "persons_affected": 1, "cause": "loss",
            "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false
        }))
        .await;
    let case = app
        .post("/api/v1/cases", &admin, json!({"title": "事案"}))
        .await;
    let action = app
        .post("/api/v1/actions", &admin, json!({"kind": "guidance", "regime": "appi", "organization_id": org, "started_on": "2025-04-02"}))
        .await;
    let consultation = app
        .post("/api/v1/consultations", &admin, json!({"desk": "private", "class": "complaint", "categories": ["disclosure"], "received_on": "2025-04-03"}))
        .await;
    let mediation = app
        .post("/api/v1/mediations", &admin, json!({
            "consultation_id": consultation.body["id"], "applied_on": "2025-04-04", "entity_identifiable": true,
            "applicant_is_party": true, "other_procedure_pending": false, "seeks_compensation_or_apology": false
        }))
        .await;
    let id_for = |path: &str| -> String {
        let value = match path
            .trim_start_matches("/api/v1/")
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap()
        {
            "organizations" => json!(org),
            "reports" => report.body["id"].clone(),
            "incidents" => report.body["incident_id"].clone(),
            "cases" => case.body["id"].clone(),
            "actions" => action.body["id"].clone(),
            "consultations" => consultation.body["id"].clone(),
            "mediations" => mediation.body["id"].clone(),
            "outbox" => json!(1),
            other => panic!("the hostile-input suite has no id for {other}: add one"),
        };
        value.to_string()
    };

    let document = app
        .call(Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let mut probes = 0;
    for (template, operations) in document["paths"].as_object().unwrap() {
        let path = if template.contains("{id}") {
            template.replace("{id}", &id_for(template))
        } else {
            template.clone()
        };
        for method in operations.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            if method != Method::POST && method != Method::PATCH {
                continue;
            }
            for body in corpus() {
                let rows = app.count("audit_log");
                let request = TestRequest::default()
                    .method(method.clone())
                    .uri(&path)
                    .insert_header(("Authorization", format!("Bearer {admin}")))
                    .insert_header(("Content-Type", "application/json"))
                    .set_payload(body.clone());
                let reply = app.send(request).await;
                probes += 1;
                let shown = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
                assert!(
                    reply.status.as_u16() < 500,
                    "{method} {path} with {shown}: {} {}",
                    reply.status,
                    reply.body
                );
                if !reply.status.is_success() {
                    assert_eq!(
                        app.count("audit_log"),
                        rows,
                        "{method} {path} refused {shown} yet wrote"
                    );
                    // The API answers its JSON error shape; a page answers an HTML page.
                    assert!(
                        !path.starts_with("/api/") || reply.body["error"]["code"].is_string(),
                        "{method} {path}: the error shape"
                    );
                }
            }
        }
    }
    assert!(probes >= 200, "{probes} hostile requests");
}
