//! Audit completeness: every mutating endpoint of the OpenAPI document (so a new one cannot
//! escape) leaves exactly one audit row, naming its actor and what changed; the web forms too.

use std::collections::BTreeSet;

use actix_web::http::Method;
use diesel::prelude::*;
use leakdesk::db::schema::audit_log;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

/// The newest audit row: (actor user id, actor label, action, entity type, changes).
pub(crate) fn last_row(app: &TestApp) -> (Option<i64>, String, String, String, String) {
    app.db
        .read_blocking(|conn| {
            Ok(audit_log::table
                .order(audit_log::id.desc())
                .select((
                    audit_log::actor_user_id,
                    audit_log::actor,
                    audit_log::action,
                    audit_log::entity_type,
                    audit_log::changes,
                ))
                .first(conn)?)
        })
        .expect("an audit row")
}

fn user_id(app: &TestApp, email_prefix: &str) -> i64 {
    app.db
        .read_blocking(|conn| {
            use leakdesk::db::schema::users;
            Ok(users::table
                .filter(users::email.like(format!("{email_prefix}%")))
                .order(users::id.desc())
                .select(users::id)
                .first(conn)?)
        })
        .expect("the user")
}

/// Sends one mutation and checks it left exactly one audit row by `actor`, with its change.
async fn once(
    app: &TestApp,
    token: &str,
    actor: i64,
    method: Method,
    path: &str,
    body: Value,
) -> Value {
    let before = app.count("audit_log");
    let reply = app
        .call(method.clone(), path, Some(token), Some(body.clone()))
        .await;
    assert!(
        reply.status.is_success(),
        "{method} {path} {body}: {} {}",
        reply.status,
        reply.body
    );
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "{method} {path}: one audit row"
    );
    let (user, label, action, entity, changes) = last_row(app);
    assert_eq!(user, Some(actor), "{method} {path}: the actor");
    assert!(label.starts_with(&format!("user:{actor} ")), "{label}");
    assert!(!action.is_empty() && !entity.is_empty());
    let changes: Value = serde_json::from_str(&changes).unwrap();
    assert!(
        changes.as_object().is_some_and(|c| !c.is_empty()),
        "{method} {path}: what changed, got {changes}"
    );
    reply.body
}

async fn every_mutation_leaves_one_audit_row(app: TestApp) {
    let admin = app.user(Role::Admin, None);
    let actor = user_id(&app, "admin");
    let mut covered: BTreeSet<(String, String)> = BTreeSet::new();
    let mut cover = |method: &str, template: &str| {
        covered.insert((method.to_owned(), template.to_owned()));
    };
    let (post, patch) = (Method::POST, Method::PATCH);

    let org = once(&app, &admin, actor, post.clone(), "/api/v1/organizations",
        json!({"name": "監査株式会社", "kind": "business", "contact_email": "dpo@kansa.example.jp"})).await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/organizations");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/organizations/{org}"),
        json!({"prefecture": "東京都"}),
    )
    .await;
    cover("patch", "/api/v1/organizations/{id}");

    // A preliminary report opens its incident, a final one completes it: one row each.
    let preliminary = once(&app, &admin, actor, post.clone(), "/api/v1/reports", json!({
        "organization_id": org, "regime": "appi", "stage": "preliminary", "aware_on": "2025-04-01",
        "received_on": "2025-04-02", "summary": "概要", "data_items": ["氏名"], "persons_affected": 2000,
        "cause": "loss", "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false
    })).await;
    let (_, _, _, _, changes) = last_row(&app);
    assert!(changes.contains("\"opened\""), "{changes}");
    let final_report = once(&app, &admin, actor, post.clone(), "/api/v1/reports", json!({
        "organization_id": org, "regime": "appi", "stage": "final", "aware_on": "2025-04-01",
        "received_on": "2025-04-20", "preliminary_report_id": preliminary["id"], "summary": "確報",
        "data_items": ["氏名"], "persons_affected": 2000, "cause": "loss", "sensitive_data": false,
        "financial_damage_risk": false, "unlawful_purpose": false
    })).await;
    let (_, _, _, _, changes) = last_row(&app);
    assert!(changes.contains("\"completed\""), "{changes}");
    assert_eq!(final_report["incident_id"], preliminary["incident_id"]);
    cover("post", "/api/v1/reports");
    let incident = preliminary["incident_id"].as_i64().unwrap();
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/incidents/{incident}/classification"),
        json!({"mandatory": false, "reason": "暗号化済みと確認"}),
    )
    .await;
    cover("patch", "/api/v1/incidents/{id}/classification");

    // A review and an amendment: one row each, naming what changed.
    let report = preliminary["id"].as_i64().unwrap();
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/reports/{report}/reviews"),
        json!({"decision": "revision_requested", "comment": "本人の数の根拠を補ってください"}),
    )
    .await;
    let (_, _, action, _, changes) = last_row(&app);
    assert_eq!(action, "review");
    assert!(changes.contains("revision_requested"), "{changes}");
    cover("post", "/api/v1/reports/{id}/reviews");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/reports/{report}/amendments"),
        json!({"reason": "本人の数を訂正", "persons_affected": 2100}),
    )
    .await;
    let (_, _, action, _, changes) = last_row(&app);
    assert_eq!(action, "amend");
    assert!(
        changes.contains("\"persons_affected\":{\"from\":2000,\"to\":2100}"),
        "{changes}"
    );
    cover("post", "/api/v1/reports/{id}/amendments");

    let case = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/cases",
        json!({"title": "監査事案"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/cases");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/cases/{case}"),
        json!({"summary": "概要"}),
    )
    .await;
    cover("patch", "/api/v1/cases/{id}");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/cases/{case}/entities"),
        json!({"organization_id": org, "role": "originator"}),
    )
    .await;
    cover("post", "/api/v1/cases/{id}/entities");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/cases/{case}/entities/{org}"),
        json!({"focus_points": "委託先の監督"}),
    )
    .await;
    cover("patch", "/api/v1/cases/{id}/entities/{organization_id}");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/cases/{case}/incidents"),
        json!({"incident_id": incident}),
    )
    .await;
    cover("post", "/api/v1/cases/{id}/incidents");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/meetings",
        json!({"number": 300, "held_on": "2025-05-01"}),
    )
    .await;
    cover("post", "/api/v1/meetings");
    // A report collection also queues its notice to the entity: still one audit row.
    let action = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/actions",
        json!({
            "kind": "report_collection", "regime": "appi", "organization_id": org, "case_id": case,
            "started_on": "2025-05-02", "due_on": "2025-05-16"
        }),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/actions");
    let collection = action;
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/actions/{action}"),
        json!({"ended_on": "2025-05-10"}),
    )
    .await;
    cover("patch", "/api/v1/actions/{id}");
    // An answer recorded from paper moves the action's answered_on: still one row.
    let response = once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/actions/{action}/responses"),
        json!({"body": "書面で回答を受領", "submitted_on": "2025-05-09"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let (_, _, _, entity, changes) = last_row(&app);
    assert_eq!(entity, "response");
    assert!(changes.contains("\"answered_on\""), "{changes}");
    cover("post", "/api/v1/actions/{id}/responses");
    // A file, on each kind of record: one row each, naming the file and its hash.
    for (template, id) in [
        ("/api/v1/reports/{id}/attachments", report),
        ("/api/v1/responses/{id}/attachments", response),
        ("/api/v1/cases/{id}/attachments", case),
    ] {
        let before = app.count("audit_log");
        let path = template.replace("{id}", &id.to_string());
        app.upload(&path, &admin, &[("回答書.txt", "回答します".as_bytes())])
            .await
            .assert_status(201);
        assert_eq!(app.count("audit_log"), before + 1, "{path}: one audit row");
        let (user, _, action, entity, changes) = last_row(&app);
        assert_eq!(
            (user, action.as_str(), entity.as_str()),
            (Some(actor), "create", "attachment")
        );
        assert!(
            changes.contains("回答書.txt") && changes.contains("sha256"),
            "{changes}"
        );
        cover("post", template);
    }

    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/consultation-categories",
        json!({"desk": "private", "code": "audit_test", "label_ja": "監査テスト"}),
    )
    .await;
    cover("post", "/api/v1/consultation-categories");
    let consultation = once(&app, &admin, actor, post.clone(), "/api/v1/consultations", json!({
        "desk": "private", "class": "complaint", "categories": ["audit_test"], "received_on": "2025-05-03"
    })).await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/consultations");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/consultations/{consultation}"),
        json!({"advice": "相手方に確認するよう助言"}),
    )
    .await;
    cover("patch", "/api/v1/consultations/{id}");
    let mediation = once(&app, &admin, actor, post.clone(), "/api/v1/mediations", json!({
        "consultation_id": consultation, "applied_on": "2025-05-04", "entity_identifiable": true,
        "applicant_is_party": true, "other_procedure_pending": false, "seeks_compensation_or_apology": false
    })).await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/mediations");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/mediations/{mediation}"),
        json!({"started_on": "2025-05-05"}),
    )
    .await;
    cover("patch", "/api/v1/mediations/{id}");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/mediations/{mediation}/steps"),
        json!({"kind": "urged_entity", "taken_on": "2025-05-06"}),
    )
    .await;
    cover("post", "/api/v1/mediations/{id}/steps");

    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/stats/activity/publications",
        json!({"period": "FY2025-Q1"}),
    )
    .await;
    cover("post", "/api/v1/stats/activity/publications");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/stats/consultations/publications",
        json!({"period": "FY2025-Q1"}),
    )
    .await;
    cover("post", "/api/v1/stats/consultations/publications");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/stats/activity-report/publications",
        json!({"period": "FY2025-Q1"}),
    )
    .await;
    cover("post", "/api/v1/stats/activity-report/publications");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/stats/activity-report/errata",
        json!({"period": "FY2025-Q1", "figure": "講師派遣（回）", "published_value": "0",
               "corrected_value": "1", "reason": "入力漏れ"}),
    )
    .await;
    cover("post", "/api/v1/stats/activity-report/errata");

    app.execute("UPDATE outbox SET status = 'failed' WHERE id = 1");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/outbox/1/retry",
        json!({}),
    )
    .await;
    cover("post", "/api/v1/outbox/{id}/retry");

    // The registers: a notification filed, reviewed, amended, accepted, changed and withdrawn;
    // a body accredited, changed and revoked; a publication of anonymised information.
    let notification = once(&app, &admin, actor, post.clone(), "/api/v1/optout-notifications", json!({
        "organization_id": org, "provider_name": "監査株式会社", "provider_address": "東京都千代田区",
        "representative": "代表 太郎", "purpose": "名簿の販売", "data_items": ["氏名", "住所"],
        "obtained_how": "公開情報から", "provided_how": "電子媒体", "request_method": "電話",
        "update_method": "年1回", "start_on": "2026-01-01"
    })).await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/optout-notifications");
    let base = format!("/api/v1/optout-notifications/{notification}");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/reviews"),
        json!({"decision": "revision_requested", "comment": "住所を番地まで"}),
    )
    .await;
    cover("post", "/api/v1/optout-notifications/{id}/reviews");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/amendments"),
        json!({"reason": "番地を補記", "provider_address": "東京都千代田区霞が関3-2-1"}),
    )
    .await;
    cover("post", "/api/v1/optout-notifications/{id}/amendments");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/reviews"),
        json!({"decision": "accepted"}),
    )
    .await;
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/changes"),
        json!({"effective_on": "2026-12-31", "purpose": "名簿の販売及び貸与"}),
    )
    .await;
    cover("post", "/api/v1/optout-notifications/{id}/changes");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/withdrawal"),
        json!({"effective_on": "2027-03-31"}),
    )
    .await;
    cover("post", "/api/v1/optout-notifications/{id}/withdrawal");
    let campaign = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/optout-campaigns",
        json!({"title": "実態調査", "due_on": "2027-12-31"}),
    )
    .await["id"]
        .clone();
    cover("post", "/api/v1/optout-campaigns");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("{base}/confirmations"),
        json!({"campaign_id": campaign, "outcome": "confirmed"}),
    )
    .await;
    cover("post", "/api/v1/optout-notifications/{id}/confirmations");
    let body = once(&app, &admin, actor, post.clone(), "/api/v1/accredited-bodies", json!({
        "name": "一般財団法人監査協会", "accredited_on": "2010-04-01", "sector": "情報サービス業",
        "scope": "苦情の処理"
    })).await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/accredited-bodies");
    once(
        &app,
        &admin,
        actor,
        patch.clone(),
        &format!("/api/v1/accredited-bodies/{body}"),
        json!({"scope": "苦情の処理及び情報の提供"}),
    )
    .await;
    cover("patch", "/api/v1/accredited-bodies/{id}");
    // A guideline and its file: a row each, the guideline's naming its version, the file's its hash.
    let before = app.count("audit_log");
    let parts: [(&str, Option<&str>, &[u8]); 3] = [
        ("version", None, "第1版".as_bytes()),
        ("published_on", None, b"2019-05-01"),
        ("file", Some("指針.txt"), "個人情報保護指針".as_bytes()),
    ];
    app.send(crate::harness::multipart(
        &format!("/api/v1/accredited-bodies/{body}/guidelines"),
        &admin,
        &parts,
    ))
    .await
    .assert_status(201);
    assert_eq!(
        app.count("audit_log"),
        before + 2,
        "a guideline and its file"
    );
    let (user, _, action, entity, changes) = last_row(&app);
    assert_eq!(
        (user, action.as_str(), entity.as_str()),
        (Some(actor), "create", "attachment")
    );
    assert!(
        changes.contains("\"guideline\"") && changes.contains("sha256"),
        "{changes}"
    );
    cover("post", "/api/v1/accredited-bodies/{id}/guidelines");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/accredited-bodies/{body}/revocation"),
        json!({"revoked_on": "2019-09-03", "reason": "業務の廃止"}),
    )
    .await;
    cover("post", "/api/v1/accredited-bodies/{id}/revocation");
    once(&app, &admin, actor, post.clone(), "/api/v1/anonymised-publications", json!({
        "organization_id": org, "published_on": "2019-06-01", "location": "https://kansa.example.jp/anon",
        "data_items": ["性別", "年代"], "provided_to_third_parties": true
    })).await;
    cover("post", "/api/v1/anonymised-publications");
    once(&app, &admin, actor, post.clone(), "/api/v1/events", json!({
        "kind": "safety_seminar", "regime": "my_number", "held_on": "2019-07-10",
        "title": "特定個人情報安全管理措置セミナー", "prefecture": "高知県", "bodies": 9, "participants": 25
    })).await;
    cover("post", "/api/v1/events");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/activities",
        json!({
            "kind": "hearing", "on": "2019-07-10", "counterpart": "一般社団法人監査協会",
            "subject": "個人情報保護法の見直しに関するヒアリング", "bodies": 1, "persons": 13
        }),
    )
    .await;
    cover("post", "/api/v1/activities");
    once(&app, &admin, actor, post.clone(), "/api/v1/inspection-plans", json!({
        "fiscal_year": 2019, "title": "平成31年度検査計画", "adopted_on": "2019-04-01",
        "items": [{"organization_kind": "local_government", "inspection_type": "review", "quarter": 2}]
    })).await;
    cover("post", "/api/v1/inspection-plans");
    // Periodic reports: the questionnaire, a public body's draft, its submission, an amendment, a
    // review — a row each (the receipt mail rides in the same transaction).
    let city = once(&app, &admin, actor, post.clone(), "/api/v1/organizations",
        json!({"name": "監査市", "kind": "local_government", "prefecture": "高知県", "contact_email": "joho@kansa-city.example.jp"})).await["id"]
        .as_i64()
        .unwrap();
    let questionnaire = once(&app, &admin, actor, post.clone(), "/api/v1/periodic-questionnaires", json!({
        "fiscal_year": 2018, "due_on": "2019-06-28", "items": [{"code": "1", "text": "基本方針"}]
    })).await["id"].as_i64().unwrap();
    cover("post", "/api/v1/periodic-questionnaires");
    let report = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/periodic-reports",
        json!({
            "questionnaire_id": questionnaire, "organization_id": city, "answers": {}, "draft": true
        }),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/periodic-reports");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/periodic-reports/{report}/amendments"),
        json!({"answers": {"1": "yes"}}),
    )
    .await;
    cover("post", "/api/v1/periodic-reports/{id}/amendments");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/periodic-reports/{report}/submit"),
        json!({"submitted_on": "2019-06-20"}),
    )
    .await;
    cover("post", "/api/v1/periodic-reports/{id}/submit");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/periodic-reports/{report}/reviews"),
        json!({"decision": "accepted", "decided_on": "2019-07-01"}),
    )
    .await;
    cover("post", "/api/v1/periodic-reports/{id}/reviews");
    // An assessment: filed, amended, reviewed, remarked, approved, published; the agenda set.
    let ministry = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/organizations",
        json!({"name": "監査省", "kind": "national_agency"}),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let evaluation = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/pia-evaluations",
        json!({
            "organization_id": ministry, "level": "full", "task_name": "監査事務",
            "files": ["監査ファイル"], "submitted_on": "2025-04-01"
        }),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    cover("post", "/api/v1/pia-evaluations");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/pia-evaluations/{evaluation}/amendments"),
        json!({"files": ["監査ファイル", "監査補助ファイル"], "reason": "ファイルの追加"}),
    )
    .await;
    cover("post", "/api/v1/pia-evaluations/{id}/amendments");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/pia-evaluations/{evaluation}/reviews"),
        json!({"decision": "accepted"}),
    )
    .await;
    cover("post", "/api/v1/pia-evaluations/{id}/reviews");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/pia-evaluations/{evaluation}/remarks"),
        json!({"text": "リスク対策を確実に実行すること"}),
    )
    .await;
    cover("post", "/api/v1/pia-evaluations/{id}/remarks");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/pia-evaluations/{evaluation}/approval"),
        json!({"meeting_number": 300, "item": 1, "approved_on": "2025-05-01"}),
    )
    .await;
    cover("post", "/api/v1/pia-evaluations/{id}/approval");
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        &format!("/api/v1/pia-evaluations/{evaluation}/publication"),
        json!({"published_on": "2025-05-10"}),
    )
    .await;
    cover("post", "/api/v1/pia-evaluations/{id}/publication");
    once(
        &app,
        &admin,
        actor,
        Method::PUT,
        "/api/v1/meetings/300/agenda",
        json!({
            "items": [{"title": "全項目評価書について", "kind": "approval", "closed": false},
                      {"title": "監視・監督について", "kind": "report", "closed": true}]
        }),
    )
    .await;
    cover("put", "/api/v1/meetings/{number}/agenda");
    // An assessment's document and an agenda item's material: a row each, naming the file's hash.
    let item = app.get("/api/v1/meetings/300/agenda", &admin).await.body["items"][0]["id"]
        .as_i64()
        .unwrap();
    for path in [
        format!("/api/v1/pia-evaluations/{evaluation}/attachments"),
        format!("/api/v1/agenda-items/{item}/attachments"),
    ] {
        let before = app.count("audit_log");
        let parts: [(&str, Option<&str>, &[u8]); 1] =
            [("file", Some("資料.txt"), "資料の本文".as_bytes())];
        app.send(crate::harness::multipart(&path, &admin, &parts))
            .await
            .assert_status(201);
        assert_eq!(app.count("audit_log"), before + 1, "{path}");
        let (user, _, _, entity, changes) = last_row(&app);
        assert_eq!((user, entity.as_str()), (Some(actor), "attachment"));
        assert!(changes.contains("sha256"), "{changes}");
    }
    cover("post", "/api/v1/pia-evaluations/{id}/attachments");
    cover("post", "/api/v1/agenda-items/{id}/attachments");

    // One's own second factor: enrolment started, then confirmed with the app's code.
    let begun = once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/me/totp",
        json!({}),
    )
    .await;
    cover("post", "/api/v1/me/totp");
    let secret = leakdesk::auth::secrets::Secret::new(begun["secret"].as_str().unwrap().into());
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let code = leakdesk::auth::totp::code_at(&secret, now).unwrap();
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/me/totp/confirm",
        json!({ "code": code }),
    )
    .await;
    cover("post", "/api/v1/me/totp/confirm");

    // The pages' forms (checked below).
    for page in [
        "/login",
        "/logout",
        "/reports/new",
        "/reports/{id}/amend",
        "/reports/{id}/review",
        "/actions/new",
        "/consultations/new",
        "/actions/{id}/responses",
        "/reports/{id}/attachments",
        "/cases/{id}/attachments",
        "/cases/new",
        "/cases/{id}/edit",
        "/cases/{id}/entities",
        "/cases/{id}/entities/edit",
        "/cases/{id}/incidents",
        "/actions/{id}/complete",
        "/meetings/new",
        "/organizations/new",
        "/organizations/{id}/edit",
        "/consultations/{id}/edit",
        "/mediations/new",
        "/mediations/{id}/start",
        "/mediations/{id}/decline",
        "/mediations/{id}/step",
        "/mediations/{id}/close",
        "/stats/activity/{period}/publish",
        "/stats/consultations/{period}/publish",
        "/outbox/{id}/retry",
        "/reports/{id}/classification",
        "/reports/{id}/case",
        "/reports/{id}/related",
        "/login/code",
        "/account/password",
        "/account/sessions/{id}/end",
        "/account/totp/start",
        "/account/totp/confirm",
        "/admin/users/new",
        "/admin/users/{id}/{action}",
        "/imports",
        "/imports/{id}",
        "/registers/optout/new",
        "/registers/optout/{id}/review",
        "/registers/optout/{id}/amend",
        "/registers/optout/{id}/change",
        "/registers/optout/{id}/withdraw",
        "/registers/bodies/new",
        "/registers/bodies/{id}/edit",
        "/registers/bodies/{id}/revoke",
        // registers::accredited_bodies_publish_their_guidelines_as_files: two rows, the guideline's and its file's
        "/registers/bodies/{id}/guidelines",
        "/registers/anonymised/new",
        "/registers/campaigns/new",
        "/registers/optout/{id}/confirm",
        // oversight::events_and_the_oversight_page_work_in_the_browser: one row
        "/oversight/events/new",
        // oversight::a_yearly_plan_shows_each_inspection_planned_and_done: one row
        "/oversight/plans/new",
        // oversight::periodic_reports_pia_and_agendas_work_in_the_browser: one row each
        "/oversight/periodic",
        "/oversight/periodic/answer",
        "/oversight/periodic/reports/{id}",
        "/oversight/periodic/reports/{id}/review",
        "/oversight/pia",
        "/oversight/pia/{id}/review",
        "/oversight/pia/{id}/remarks",
        "/oversight/pia/{id}/approval",
        "/oversight/pia/{id}/publication",
        "/meetings/{number}/agenda",
        "/oversight/pia/{id}/attachments",
        "/meetings/{number}/agenda/materials",
        // activities::activities_are_recorded_counted_and_refused_where_the_rule_says: one row
        "/activities/new",
        // activity_report::the_report_is_published_and_corrected_from_its_page: one row each
        "/stats/activity-report/{period}/publish",
        "/stats/activity-report/{period}/errata",
    ] {
        cover("post", page);
    }

    // The staff's work: an assignment of one record, of several (a row each), a note.
    for (plural, id) in [
        ("incidents", incident),
        ("cases", case),
        ("actions", collection),
        ("consultations", consultation),
        ("mediations", mediation),
    ] {
        once(
            &app,
            &admin,
            actor,
            Method::PUT,
            &format!("/api/v1/{plural}/{id}/assignee"),
            json!({"user_id": actor}),
        )
        .await;
        cover("put", &format!("/api/v1/{plural}/{{id}}/assignee"));
        once(
            &app,
            &admin,
            actor,
            post.clone(),
            &format!("/api/v1/{plural}/{id}/notes"),
            json!({"body": "監査のメモ"}),
        )
        .await;
        cover("post", &format!("/api/v1/{plural}/{{id}}/notes"));
    }
    once(
        &app,
        &admin,
        actor,
        post.clone(),
        "/api/v1/assignments",
        json!({"kind": "case", "ids": [case], "user_id": null}),
    )
    .await;
    cover("post", "/api/v1/assignments");
    // work::staff_bulk_assign_overdue_incidents_to_a_colleague_whose_work_lists_them: a row for
    // each record assigned; work::a_cases_timeline_shows_its_action_answer_note_and_assignment_in_order:
    // one row for a note
    cover("post", "/work/assign");
    cover("post", "/work/notes");

    // Every mutating operation of the document was exercised.
    let document = app
        .call(Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let mut mutating = BTreeSet::new();
    for (template, operations) in document["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            if ["post", "patch", "put", "delete"].contains(&method.as_str()) {
                mutating.insert((method.clone(), template.clone()));
            }
        }
    }
    let missing: Vec<_> = mutating.difference(&covered).collect();
    assert!(
        missing.is_empty(),
        "mutations without an audit check: {missing:?}"
    );

    // The web forms: one row each too.
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let reporter_id = user_id(&app, "web-reporter");
    let mut browser = Browser::new(&app);
    let before = app.count("audit_log");
    browser.login(&reporter, PASSWORD).await;
    assert_eq!(app.count("audit_log"), before + 1, "login");
    let form = browser.get("/reports/new").await;
    let csrf = form.input("csrf_token");
    let before = app.count("audit_log");
    let filed = browser
        .post(
            "/reports/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("idempotency_key", "audit-1"),
                ("regime", "appi"),
                ("stage", "preliminary"),
                ("aware_on", "2025-06-01"),
                ("summary", "フォームからの報告"),
                ("data_items", "氏名"),
                ("persons_affected", "3"),
                ("cause", "theft"),
            ],
        )
        .await;
    assert_eq!(filed.status, 303, "{}", filed.html);
    assert_eq!(app.count("audit_log"), before + 1, "a report filed by form");
    assert_eq!(last_row(&app).0, Some(reporter_id));
    let report = filed
        .location()
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let before = app.count("audit_log");
    let amended = browser
        .post(
            &format!("/reports/{report}/amend"),
            &[
                ("csrf_token", csrf.as_str()),
                ("reason", "本人の数を訂正"),
                ("aware_on", "2025-06-01"),
                ("summary", "フォームからの報告"),
                ("data_items", "氏名"),
                ("persons_affected", "4"),
                ("cause", "theft"),
            ],
        )
        .await;
    assert_eq!(amended.status, 303, "{}", amended.html);
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "a report amended by form"
    );
    assert_eq!(last_row(&app).2, "amend");
    // A file on the report from its page, and an answer with a file from the action's page:
    // a row for each record written.
    let before = app.count("audit_log");
    let attached = browser
        .post_multipart(
            &format!("/reports/{report}/attachments"),
            &[("csrf_token", csrf.as_str())],
            &[("経緯.txt", "経緯のメモ".as_bytes())],
        )
        .await;
    assert_eq!(attached.status, 303, "{}", attached.html);
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "a file attached by form"
    );
    assert_eq!(
        (last_row(&app).0, last_row(&app).3),
        (Some(reporter_id), "attachment".to_owned())
    );
    let collection = app
        .post(
            "/api/v1/actions",
            &admin,
            json!({
                "kind": "report_collection", "regime": "appi", "organization_id": org,
                "started_on": "2025-06-02", "due_on": "2025-06-20"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let before = app.count("audit_log");
    let answered = browser
        .post_multipart(
            &format!("/actions/{collection}/responses"),
            &[
                ("csrf_token", csrf.as_str()),
                ("body", "フォームからの回答"),
            ],
            &[("回答書.txt", "回答します".as_bytes())],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.html);
    assert_eq!(
        app.count("audit_log"),
        before + 2,
        "an answer and its file by form"
    );
    let before = app.count("audit_log");
    browser
        .post("/logout", &[("csrf_token", csrf.as_str())])
        .await;
    assert_eq!(app.count("audit_log"), before + 1, "logout");

    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff, PASSWORD).await;
    let form = browser.get(&format!("/reports/{report}/review")).await;
    let csrf = form.input("csrf_token");
    let before = app.count("audit_log");
    let reviewed = browser
        .post(
            &format!("/reports/{report}/review"),
            &[("csrf_token", csrf.as_str()), ("decision", "accepted")],
        )
        .await;
    assert_eq!(reviewed.status, 303, "{}", reviewed.html);
    assert_eq!(app.count("audit_log"), before + 1, "a review by form");
    assert_eq!(last_row(&app).2, "review");
    let before = app.count("audit_log");
    let attached = browser
        .post_multipart(
            &format!("/cases/{case}/attachments"),
            &[("csrf_token", csrf.as_str())],
            &[("経緯.pdf", crate::answers::PDF)],
        )
        .await;
    assert_eq!(attached.status, 303, "{}", attached.html);
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "a file on a case by form"
    );

    // Every staff form of the workspace: one row each, by the staff member.
    let staff_id = user_id(&app, "web-staff");
    let mut form_once = async |path: String, fields: &[(&str, &str)], action: &str| {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend_from_slice(fields);
        let before = app.count("audit_log");
        let done = browser.post(&path, &all).await;
        assert_eq!(done.status, 303, "{path}: {}", done.html);
        assert_eq!(app.count("audit_log"), before + 1, "{path}");
        let (user, _, written, _, _) = last_row(&app);
        assert_eq!((user, written.as_str()), (Some(staff_id), action), "{path}");
        done.location().to_owned()
    };
    let made = form_once(
        "/cases/new".into(),
        &[("title", "画面からの事案")],
        "create",
    )
    .await;
    let new_case = made
        .trim_start_matches("/cases/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    form_once(
        format!("/cases/{new_case}/edit"),
        &[
            ("title", "画面からの事案（改）"),
            ("status", "investigating"),
        ],
        "update",
    )
    .await;
    let org_text = org.to_string();
    form_once(
        format!("/cases/{new_case}/entities"),
        &[
            ("organization_id", org_text.as_str()),
            ("role", "contractor"),
        ],
        "add_entity",
    )
    .await;
    form_once(
        format!("/cases/{new_case}/entities/edit"),
        &[
            ("organization_id", org_text.as_str()),
            ("role", "other"),
            ("focus_points", "画面からの着眼点"),
        ],
        "update_entity",
    )
    .await;
    let reference = app
        .get(&format!("/api/v1/reports/{report}"), &admin)
        .await
        .body["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    form_once(
        format!("/cases/{new_case}/incidents"),
        &[("reference", reference.as_str())],
        "add_incident",
    )
    .await;
    form_once(
        format!("/actions/{collection}/complete"),
        &[("ended_on", "2025-06-21")],
        "update",
    )
    .await;
    form_once(
        "/meetings/new".into(),
        &[("number", "301"), ("held_on", "2025-06-01")],
        "create",
    )
    .await;
    let made = form_once(
        "/organizations/new".into(),
        &[("name", "画面株式会社"), ("kind", "business")],
        "create",
    )
    .await;
    let new_org = made
        .trim_start_matches("/organizations/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    form_once(
        format!("/organizations/{new_org}/edit"),
        &[
            ("name", "画面株式会社"),
            ("kind", "business"),
            ("prefecture", "大阪府"),
        ],
        "update",
    )
    .await;
    form_once(
        format!("/consultations/{consultation}/edit"),
        &[
            ("advice", "画面からの助言"),
            ("referred_to_supervision", "true"),
        ],
        "update",
    )
    .await;
    let mut applied = Vec::new();
    for _ in 0..2 {
        let complaint = app
            .post(
                "/api/v1/consultations",
                &admin,
                json!({
                    "desk": "private", "class": "complaint", "categories": ["audit_test"],
                    "received_on": "2025-06-01"
                }),
            )
            .await
            .body["id"]
            .as_i64()
            .unwrap();
        let consultation_text = complaint.to_string();
        let made = form_once(
            "/mediations/new".into(),
            &[
                ("consultation_id", consultation_text.as_str()),
                ("applied_on", "2025-06-02"),
                ("entity_identifiable", "true"),
                ("applicant_is_party", "true"),
            ],
            "apply",
        )
        .await;
        applied.push(
            made.trim_start_matches("/mediations/")
                .split('?')
                .next()
                .unwrap()
                .to_owned(),
        );
    }
    let (started, declined) = (&applied[0], &applied[1]);
    for (path, fields, action) in [
        (
            format!("/mediations/{started}/start"),
            vec![("started_on", "2025-06-03")],
            "started",
        ),
        (
            format!("/mediations/{started}/step"),
            vec![("kind", "entity_reported"), ("taken_on", "2025-06-04")],
            "step",
        ),
        (
            format!("/mediations/{started}/close"),
            vec![("closed_on", "2025-06-05"), ("outcome", "withdrawn")],
            "closed",
        ),
        (
            format!("/mediations/{declined}/decline"),
            vec![
                ("declined_on", "2025-06-03"),
                ("reason", "申出が取り下げられる見込み"),
            ],
            "declined",
        ),
    ] {
        form_once(path, &fields, action).await;
    }
    form_once("/stats/activity/FY2024-H2/publish".into(), &[], "publish").await;
    form_once(
        "/stats/consultations/FY2024-Q4/publish".into(),
        &[],
        "publish",
    )
    .await;
    form_once(
        format!("/reports/{report}/classification"),
        &[
            ("mandatory", "false"),
            ("reason", "委員会の判断により任意の報告とする"),
        ],
        "classify",
    )
    .await;
    let third_case = app
        .post("/api/v1/cases", &admin, json!({"title": "監査事案３"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap()
        .to_string();
    form_once(
        format!("/reports/{report}/case"),
        &[("case_id", third_case.as_str())],
        "add_incident",
    )
    .await;
    // Gathering a report and its related ones into a case: one row an incident joined (here
    // the report's own, into another case).
    let fourth_case = app
        .post("/api/v1/cases", &admin, json!({"title": "監査事案４"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap()
        .to_string();
    form_once(
        format!("/reports/{report}/related"),
        &[("case_id", fourth_case.as_str())],
        "add_incident",
    )
    .await;

    // The outbox's retry is the administrator's.
    let admin_web = app.web_user(Role::Admin, None, PASSWORD);
    let admin_id = user_id(&app, "web-admin");
    let mut browser = Browser::new(&app);
    browser.login(&admin_web, PASSWORD).await;
    let csrf = browser.get("/outbox").await.input("csrf_token");
    app.execute("UPDATE outbox SET status = 'failed' WHERE id = 1");
    let before = app.count("audit_log");
    let retried = browser
        .post("/outbox/1/retry", &[("csrf_token", csrf.as_str())])
        .await;
    assert_eq!(retried.status, 303, "{}", retried.html);
    assert_eq!(app.count("audit_log"), before + 1, "a retry by form");
    assert_eq!(last_row(&app).0, Some(admin_id));

    // The accounts' forms: a user made by the admin, then managed; one row each.
    let mut admin_form = async |path: &str, fields: &[(&str, &str)], action: &str| {
        let mut all = vec![("csrf_token", csrf.as_str())];
        all.extend_from_slice(fields);
        let before = app.count("audit_log");
        let done = browser.post(path, &all).await;
        assert!([200, 303].contains(&done.status), "{path}: {}", done.html);
        assert_eq!(app.count("audit_log"), before + 1, "{path}");
        let (user, _, written, _, _) = last_row(&app);
        assert_eq!((user, written.as_str()), (Some(admin_id), action), "{path}");
    };
    admin_form(
        "/admin/users/new",
        &[("email", "audit-new@example.jp"), ("role", "staff")],
        "create",
    )
    .await;
    let managed = user_id(&app, "audit-new");
    for (action, written) in [
        ("disable", "disable"),
        ("enable", "enable"),
        ("reset_password", "password_reset"),
        ("end_sessions", "end_sessions"),
    ] {
        admin_form(&format!("/admin/users/{managed}/{action}"), &[], written).await;
    }
    // One's own account: the second factor, the code at login, the password, a session ended.
    let own = app.web_user(Role::Staff, None, PASSWORD);
    let own_id = user_id(&app, "web-staff");
    let mut browser = Browser::new(&app);
    browser.login(&own, PASSWORD).await;
    let mut elsewhere = Browser::new(&app);
    elsewhere.login(&own, PASSWORD).await;
    let csrf = browser.get("/account").await.input("csrf_token");
    let own_form =
        async |browser: &mut Browser<'_>, path: &str, fields: &[(&str, &str)], action: &str| {
            let before = app.count("audit_log");
            let done = browser.post(path, fields).await;
            assert!([200, 303].contains(&done.status), "{path}: {}", done.html);
            assert_eq!(app.count("audit_log"), before + 1, "{path}");
            let (user, _, written, _, _) = last_row(&app);
            assert_eq!((user, written.as_str()), (Some(own_id), action), "{path}");
            done
        };
    own_form(
        &mut browser,
        "/account/totp/start",
        &[("csrf_token", &csrf)],
        "totp_enrolment_started",
    )
    .await;
    let page = browser.get("/account/totp").await;
    let secret = page
        .html
        .split("id=\"totp-secret\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .replace(' ', "");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let secret = leakdesk::auth::secrets::Secret::new(secret);
    let code = leakdesk::auth::totp::code_at(&secret, now).unwrap();
    own_form(
        &mut browser,
        "/account/totp/confirm",
        &[("csrf_token", &csrf), ("code", &code)],
        "totp_enabled",
    )
    .await;
    own_form(
        &mut browser,
        "/account/password",
        &[
            ("csrf_token", &csrf),
            ("current_password", PASSWORD),
            ("new_password", "umbrella tiger kettle 1987"),
            ("new_password_confirmation", "umbrella tiger kettle 1987"),
        ],
        "password_changed",
    )
    .await;
    let mut third = Browser::new(&app);
    let first = third.login(&own, "umbrella tiger kettle 1987").await;
    let code_csrf = third.get(first.location()).await.input("csrf_token");
    let next = leakdesk::auth::totp::code_at(&secret, now + 30).unwrap();
    // The code's step: one row for the factor, one for the session it opens.
    let before = app.count("audit_log");
    let signed_in = third
        .post(
            "/login/code",
            &[("csrf_token", &code_csrf), ("code", &next)],
        )
        .await;
    assert_eq!(signed_in.status, 303, "{}", signed_in.html);
    assert_eq!(
        app.count("audit_log"),
        before + 2,
        "/login/code: the factor and the login"
    );
    let sessions = app.query_strings(&format!(
        "SELECT CAST(MAX(id) AS TEXT) AS v FROM api_tokens WHERE user_id = {own_id} AND kind = 'session'"
    ));
    own_form(
        &mut browser,
        &format!("/account/sessions/{}/end", sessions[0]),
        &[("csrf_token", &csrf)],
        "logout",
    )
    .await;
    drop(elsewhere);

    // The imports page: the preview holds the file (one row); the import takes it (one row) and
    // writes a row per record, each an `import` by the member of staff.
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut importer = Browser::new(&app);
    importer.login(&clerk, PASSWORD).await;
    let import_csrf = importer.get("/imports").await.input("csrf_token");
    let list = "名称,種別\n株式会社監査取込一号,事業者\n株式会社監査取込二号,事業者\n";
    let before = app.count("audit_log");
    let previewed = importer
        .post_multipart(
            "/imports",
            &[("csrf_token", &import_csrf), ("records", "organizations")],
            &[("一覧.csv", list.as_bytes())],
        )
        .await;
    assert_eq!(previewed.status, 200, "{}", previewed.html);
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "/imports: the file held"
    );
    assert_eq!(last_row(&app).2, "hold");
    let start = previewed.html.find("action=\"/imports/").unwrap() + "action=\"".len();
    let path = &previewed.html[start..start + previewed.html[start..].find('"').unwrap()];
    let before = app.count("audit_log");
    let imported = importer.post(path, &[("csrf_token", &import_csrf)]).await;
    assert_eq!(imported.status, 303, "{}", imported.html);
    assert_eq!(
        app.count("audit_log"),
        before + 3,
        "/imports/{{id}}: the file taken, and a row per record"
    );
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'import' AND entity_type = 'organization' \
             AND actor LIKE 'user:% {clerk}'"
        )),
        2
    );
}

on_both_backends!(every_mutation_leaves_one_audit_row);
