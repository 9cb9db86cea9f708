//! Tenant isolation, generated from the OpenAPI document (itself generated from the route table), so
//! a new endpoint cannot escape it: a reporter of entity B presented with entity A's ids, on
//! every path and method, gets 403 or 404 (422 where it names A only in a body it may not send),
//! never a byte of A's data, and writes nothing; and the public paths, with no session and with a
//! reporter's, show nothing that is not published.

use actix_web::http::Method;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    a_reporter_probing_every_endpoint_with_foreign_ids_learns_nothing,
    a_reporter_probing_every_page_with_foreign_ids_learns_nothing,
    public_paths_reveal_nothing_behind_a_login,
);

/// Strings that appear only in entity A's data.
const SECRETS: [&str; 3] = ["秘匿事業者Ａ社", "秘匿の概要", "a-secret@example.jp"];

struct ForeignIds {
    organization: i64,
    report: i64,
    incident: i64,
    case: i64,
    action: i64,
    consultation: i64,
    mediation: i64,
    outbox: i64,
    response: i64,
    attachment: i64,
    optout: i64,
    body: i64,
    periodic_questionnaire: i64,
    periodic_report: i64,
    pia: i64,
}

impl ForeignIds {
    /// The id of A's record that a path's `{id}` names, by the collection it belongs to.
    fn for_path(&self, path: &str) -> i64 {
        let collection = path
            .trim_start_matches("/api/v1/")
            .split('/')
            .next()
            .unwrap();
        match collection {
            "organizations" => self.organization,
            "reports" => self.report,
            "incidents" => self.incident,
            "cases" => self.case,
            "actions" => self.action,
            "consultations" => self.consultation,
            "mediations" => self.mediation,
            "outbox" => self.outbox,
            "responses" => self.response,
            "attachments" => self.attachment,
            "optout-notifications" => self.optout,
            "accredited-bodies" => self.body,
            "periodic-questionnaires" => self.periodic_questionnaire,
            "periodic-reports" => self.periodic_report,
            "pia-evaluations" => self.pia,
            // Agenda items are the Commission's meetings, staff's: any one is refused.
            "agenda-items" => 1,
            // Campaigns are staff's: a reporter is refused whichever one it names.
            "optout-campaigns" => 1,
            // Events are staff's: a reporter is refused whichever one it names.
            "events" => 1,
            "activities" => 1,
            "inspection-plans" => 1,
            // What the Commission publishes (a body's guideline) is anyone's: the first one.
            "public" => 1,
            other => panic!("the isolation suite has no foreign id for {other} ({path}): add one"),
        }
    }
}

async fn a_reporter_probing_every_endpoint_with_foreign_ids_learns_nothing(app: TestApp) {
    let staff = app.staff();
    let a = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({
                "name": "秘匿事業者Ａ社", "kind": "business", "contact_email": "a-secret@example.jp"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let b = app.organization(&staff, "調査者Ｂ社", "business").await;
    let reporter_a = app.user(Role::Reporter, Some(a));
    let reporter_b = app.user(Role::Reporter, Some(b));

    let report = app
        .post("/api/v1/reports", &reporter_a, json!({
            "organization_id": a, "regime": "appi", "stage": "preliminary", "aware_on": "2025-04-01",
            "summary": "秘匿の概要", "data_items": ["氏名"], "persons_affected": 2000,
            "cause": "loss", "sensitive_data": false, "financial_damage_risk": false,
            "unlawful_purpose": false
        }))
        .await;
    report.assert_status(201);
    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "秘匿事業者Ａ社の事案"}),
        )
        .await;
    let case_id = case.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/cases/{case_id}/entities"),
        &staff,
        json!({"organization_id": a, "role": "originator"}),
    )
    .await
    .assert_status(201);
    let action = app
        .post(
            "/api/v1/actions",
            &staff,
            json!({
                "kind": "report_collection", "regime": "appi", "organization_id": a,
                "case_id": case_id, "started_on": "2025-04-02", "due_on": "2025-04-20"
            }),
        )
        .await;
    action.assert_status(201);
    let consultation = app
        .post(
            "/api/v1/consultations",
            &staff,
            json!({
                "desk": "private", "class": "complaint", "categories": ["disclosure"],
                "received_on": "2025-04-03", "summary": "秘匿の概要", "organization_id": a
            }),
        )
        .await;
    let mediation = app
        .post(
            "/api/v1/mediations",
            &staff,
            json!({
                "consultation_id": consultation.body["id"], "applied_on": "2025-04-04",
                "entity_identifiable": true, "applicant_is_party": true,
                "other_procedure_pending": false, "seeks_compensation_or_apology": false
            }),
        )
        .await;
    // A's answer to the collection, and a file on each of A's report, answer and case.
    let action_id = action.body["id"].as_i64().unwrap();
    let response = app
        .post(
            &format!("/api/v1/actions/{action_id}/responses"),
            &reporter_a,
            json!({"body": "秘匿の概要への回答"}),
        )
        .await;
    response.assert_status(201);
    let response_id = response.body["id"].as_i64().unwrap();
    let report_id = report.body["id"].as_i64().unwrap();
    let secret_file: &[(&str, &[u8])] = &[("秘匿事業者Ａ社.txt", "秘匿の概要".as_bytes())];
    let attachment = app
        .upload(
            &format!("/api/v1/reports/{report_id}/attachments"),
            &reporter_a,
            secret_file,
        )
        .await;
    attachment.assert_status(201);
    app.upload(
        &format!("/api/v1/responses/{response_id}/attachments"),
        &reporter_a,
        secret_file,
    )
    .await
    .assert_status(201);
    app.upload(
        &format!("/api/v1/cases/{case_id}/attachments"),
        &staff,
        secret_file,
    )
    .await
    .assert_status(201);
    // A's opt-out notification, filed by its reporter; an accredited body.
    let optout = app
        .post("/api/v1/optout-notifications", &reporter_a, json!({
            "organization_id": a, "provider_name": "秘匿事業者Ａ社", "provider_address": "秘匿の概要",
            "representative": "代表者", "purpose": "秘匿の概要", "data_items": ["氏名"],
            "obtained_how": "公開情報", "provided_how": "電子媒体", "request_method": "電話",
            "update_method": "年1回", "start_on": "2026-01-01"
        }))
        .await;
    optout.assert_status(201);
    let body = app
        .post("/api/v1/accredited-bodies", &staff, json!({
            "name": "認定団体", "accredited_on": "2010-04-01", "sector": "全業種", "scope": "苦情の処理"
        }))
        .await;
    body.assert_status(201);
    // A public body's periodic report (staff file it for 秘匿市), and A's assessment.
    let city = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({
                "name": "秘匿市", "kind": "local_government", "prefecture": "高知県"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let questionnaire = app
        .post("/api/v1/periodic-questionnaires", &staff, json!({
            "fiscal_year": 2024, "due_on": "2025-06-30", "items": [{"code": "1", "text": "基本方針"}]
        }))
        .await;
    questionnaire.assert_status(201);
    let periodic = app
        .post(
            "/api/v1/periodic-reports",
            &staff,
            json!({
                "questionnaire_id": questionnaire.body["id"], "organization_id": city,
                "answers": {"1": "yes"}, "notes": "秘匿の概要"
            }),
        )
        .await;
    periodic.assert_status(201);
    let pia = app
        .post(
            "/api/v1/pia-evaluations",
            &reporter_a,
            json!({
                "organization_id": a, "level": "basic", "task_name": "秘匿の概要",
                "files": ["秘匿ファイル"], "submitted_on": "2025-04-01"
            }),
        )
        .await;
    pia.assert_status(201);
    let ids = ForeignIds {
        periodic_questionnaire: questionnaire.body["id"].as_i64().unwrap(),
        periodic_report: periodic.body["id"].as_i64().unwrap(),
        pia: pia.body["id"].as_i64().unwrap(),
        optout: optout.body["id"].as_i64().unwrap(),
        body: body.body["id"].as_i64().unwrap(),
        organization: a,
        report: report.body["id"].as_i64().unwrap(),
        incident: report.body["incident_id"].as_i64().unwrap(),
        case: case_id,
        action: action.body["id"].as_i64().unwrap(),
        consultation: consultation.body["id"].as_i64().unwrap(),
        mediation: mediation.body["id"].as_i64().unwrap(),
        outbox: 1,
        response: response_id,
        attachment: attachment.body["items"][0]["id"].as_i64().unwrap(),
    };
    let reference = report.body["reference"].as_str().unwrap().to_owned();
    let optout_reference = optout.body["reference"].as_str().unwrap().to_owned();

    let document = app
        .call(Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.len() >= 25, "the document lists the API");
    let written_before = app.count("audit_log");
    let mut probes = 0;
    for (template, operations) in paths {
        // `/api/v1/me/…` is the caller's own account: it names no record of A's (accounts.rs
        // covers it).
        if !template.starts_with("/api/v1/") || template.starts_with("/api/v1/me/") {
            continue;
        }
        let path = if template.contains("{id}") {
            template.replace("{id}", &ids.for_path(template).to_string())
        } else {
            template.clone()
        }
        .replace("{organization_id}", &ids.organization.to_string());
        for method in operations.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            // A body naming A wherever an organization is named; the rest as a hostile guess.
            let body = (method != Method::GET).then(|| json!({
                "organization_id": a, "incident_id": ids.incident, "consultation_id": ids.consultation,
                "period": "FY2025", "name": "乗っ取り", "kind": "business", "mandatory": false,
                "reason": "x", "complied": true, "started_on": "2025-04-05"
            }));
            let reply = app
                .call(method.clone(), &path, Some(&reporter_b), body)
                .await;
            probes += 1;
            let text = reply.body.to_string();
            for secret in SECRETS
                .iter()
                .copied()
                .chain([reference.as_str(), optout_reference.as_str()])
            {
                assert!(
                    !text.contains(secret),
                    "{method} {path} answered A's data: {text}"
                );
            }
            let status = reply.status.as_u16();
            let is_list = !template.contains("{id}") && method == Method::GET;
            // A questionnaire is the Commission's questions, every body's to read: nothing of A's.
            let everyones = template.starts_with("/api/v1/periodic-questionnaires")
                && !template.ends_with("/summary")
                && method == Method::GET;
            if everyones {
                assert_eq!(status, 200, "{method} {path}: {text}");
            } else if is_list && status == 200 {
                // Lists a reporter may read hold nothing of A's (checked above) and nothing else.
                let items = reply.body["items"].as_array().cloned().unwrap_or_default();
                assert!(
                    items.iter().all(|item| item
                        .get("organization_id")
                        .is_none_or(|o| o == &json!(b))
                        && item.get("id") != Some(&json!(a))),
                    "{method} {path} listed another entity's rows: {text}"
                );
            } else {
                assert!(
                    matches!(status, 403 | 404 | 422),
                    "{method} {path} answered {status} to a reporter of B: {text}"
                );
            }
        }
    }
    // Real uploads, not only JSON guesses, to A's records: 404, nothing stored.
    let files_before = app.count("attachments");
    for path in [
        format!("/api/v1/reports/{}/attachments", ids.report),
        format!("/api/v1/responses/{}/attachments", ids.response),
        format!("/api/v1/cases/{}/attachments", ids.case),
    ] {
        let reply = app
            .upload(&path, &reporter_b, &[("b.txt", "Ｂ社の資料".as_bytes())])
            .await;
        assert_eq!(reply.status.as_u16(), 404, "{path}: {}", reply.body);
    }
    let (status, _, bytes) = app
        .download(
            &format!("/api/v1/attachments/{}", ids.attachment),
            &reporter_b,
        )
        .await;
    assert_eq!(status.as_u16(), 404);
    assert!(!String::from_utf8_lossy(&bytes).contains("秘匿"));
    assert_eq!(app.count("attachments"), files_before);
    assert!(probes >= 35, "probed {probes} operations");
    assert_eq!(
        app.count("audit_log"),
        written_before,
        "no probe wrote anything"
    );
    // And B's own view of its organization still works.
    app.get(&format!("/api/v1/organizations/{b}"), &reporter_b)
        .await
        .assert_status(200);
    let _ = Value::Null;
}

/// The pages of the same document, probed in a browser session of a reporter of B: every page
/// and form, with A's ids in the path, the query and the form, answers without a byte of A's
/// data and writes nothing.
async fn a_reporter_probing_every_page_with_foreign_ids_learns_nothing(app: TestApp) {
    use crate::web::{Browser, PASSWORD};
    let staff = app.staff();
    let a = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({
                "name": "秘匿事業者Ａ社", "kind": "business", "contact_email": "a-secret@example.jp"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let b = app.organization(&staff, "調査者Ｂ社", "business").await;
    let reporter_a = app.user(Role::Reporter, Some(a));
    let report = app
        .post("/api/v1/reports", &reporter_a, json!({
            "organization_id": a, "regime": "appi", "stage": "preliminary", "aware_on": "2025-04-01",
            "summary": "秘匿の概要", "data_items": ["氏名"], "persons_affected": 2000,
            "cause": "loss", "sensitive_data": false, "financial_damage_risk": false,
            "unlawful_purpose": false
        }))
        .await;
    report.assert_status(201);
    let report_id = report.body["id"].as_i64().unwrap().to_string();
    let incident_id = report.body["incident_id"].as_i64().unwrap().to_string();
    let reference = report.body["reference"].as_str().unwrap().to_owned();
    let case_id = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "秘匿事業者Ａ社の事案"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap()
        .to_string();

    // A's report collection, answered with a file.
    let action_id = app
        .post(
            "/api/v1/actions",
            &staff,
            json!({
                "kind": "report_collection", "regime": "appi", "organization_id": a,
                "started_on": "2025-04-02", "due_on": "2025-04-20"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let response = app
        .post(
            &format!("/api/v1/actions/{action_id}/responses"),
            &reporter_a,
            json!({"body": "秘匿の概要"}),
        )
        .await;
    response.assert_status(201);
    let attachment_id = app
        .upload(
            &format!("/api/v1/responses/{}/attachments", response.body["id"]),
            &reporter_a,
            &[("秘匿事業者Ａ社.txt", "秘匿の概要".as_bytes())],
        )
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let action_id = action_id.to_string();
    let reporter_b = app.web_user(Role::Reporter, Some(b), PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&reporter_b, PASSWORD).await.status, 303);
    let csrf = browser.csrf().await;
    let a_text = a.to_string();
    let written_before = app.count("audit_log");

    let document = app
        .call(Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let mut probes = 0;
    for (template, operations) in document["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            if operation["tags"][0] != "pages" {
                continue;
            }
            let organization_id = a.to_string();
            let id = if template.starts_with("/cases") {
                &case_id
            } else if template.starts_with("/organizations") {
                &organization_id
            } else if template.starts_with("/actions") {
                &action_id
            } else if template.starts_with("/attachments") {
                &attachment_id
            } else {
                &report_id
            };
            let path = template.replace("{period}", "FY2025").replace("{id}", id);
            let page = match method.as_str() {
                // The login's second step needs a password first: web.rs and accounts.rs.
                "get" if path == "/login/code" => continue,
                "get" => {
                    let query = format!(
                        "?preliminary_report_id={report_id}&organization_id={a}&case_id={case_id}"
                    );
                    browser.get(&format!("{path}{query}")).await
                }
                // Logging in and out, and one's own second factor, name no record; web.rs and
                // accounts.rs cover them.
                "post"
                    if ["/login", "/logout", "/login/code"].contains(&path.as_str())
                        || path.starts_with("/account/totp") =>
                {
                    continue;
                }
                "post" => {
                    browser
                        .post(
                            &path,
                            &[
                                ("csrf_token", csrf.as_str()),
                                ("organization_id", a_text.as_str()),
                                ("preliminary_report_id", report_id.as_str()),
                                ("stage", "final"),
                                ("regime", "appi"),
                                ("case_id", case_id.as_str()),
                                ("incident_id", incident_id.as_str()),
                                ("kind", "report_collection"),
                            ],
                        )
                        .await
                }
                other => panic!("no probe for {other} {template}"),
            };
            probes += 1;
            for secret in SECRETS.iter().copied().chain([reference.as_str()]) {
                assert!(
                    !page.html.contains(secret),
                    "{method} {path} showed A's data: {}",
                    page.html
                );
            }
            assert!(
                [200, 303, 403, 404, 422].contains(&page.status),
                "{method} {path} answered {} to a reporter of B",
                page.status
            );
            if page.status == 303 {
                assert!(
                    !page.location().starts_with("/login"),
                    "{method} {path}: the session holds"
                );
            }
        }
    }
    assert!(probes >= 18, "probed {probes} page operations");
    assert_eq!(
        app.count("audit_log"),
        written_before,
        "no probe wrote anything"
    );
}

/// The public paths (the published statistics and cases), walked from the document: with no
/// session and with a reporter's, each answers the same bytes, sets no cookie, and shows nothing
/// that is not published — no entity, report, contact, problem, focus point or unpublished case.
async fn public_paths_reveal_nothing_behind_a_login(app: TestApp) {
    let reference = crate::public::scene(&app).await;
    let staff = app.staff();
    let b = app.organization(&staff, "調査者Ｂ社", "business").await;
    let reporter = app.web_user(Role::Reporter, Some(b), crate::web::PASSWORD);
    let mut signed_in = crate::web::Browser::new(&app);
    assert_eq!(
        signed_in
            .login(&reporter, crate::web::PASSWORD)
            .await
            .status,
        303
    );
    let document = app
        .call(Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let written_before = app.count("audit_log");
    let mut probes = 0;
    for (template, operations) in document["paths"].as_object().unwrap() {
        if !(template.starts_with("/public") || template.starts_with("/api/v1/public")) {
            continue;
        }
        for (method, operation) in operations.as_object().unwrap() {
            assert_eq!(method, "get", "{template}: the public only reads");
            assert!(
                operation.get("security").is_none(),
                "{template} asks for no token"
            );
            for period in ["FY2025-Q1", "FY2024-Q4", "FY2025", "x"] {
                let path = template.replace("{period}", period);
                let path = if template.starts_with("/api/") {
                    format!("{path}?period={period}")
                } else {
                    path
                };
                let alone = crate::public::anonymous(&app, &path, None).await;
                let reporters = signed_in.get(&path).await;
                for page in [&alone, &reporters] {
                    probes += 1;
                    assert!(
                        [200, 404, 422].contains(&page.status),
                        "{path} answered {}",
                        page.status
                    );
                    for secret in crate::public::SECRETS
                        .iter()
                        .copied()
                        .chain([reference.as_str()])
                    {
                        assert!(!page.html.contains(secret), "{path} showed {secret}");
                    }
                    assert!(!page.html.contains("ログアウト"), "{path}: no user's frame");
                    assert!(
                        page.header("set-cookie").is_empty(),
                        "{path} sets no cookie"
                    );
                }
                assert_eq!(
                    (alone.status, &alone.html),
                    (reporters.status, &reporters.html),
                    "{path}: a session changes nothing"
                );
            }
        }
    }
    assert!(probes >= 64, "probed {probes}");
    assert_eq!(app.count("audit_log"), written_before, "nothing written");
}
