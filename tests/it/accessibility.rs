//! Accessibility measured, not assumed: axe-core (the npm package, pinned in `.ci/package.json`
//! and installed by `.ci/run` into `target/ci-node`) is injected into the headless Chromium the
//! browser tests drive, on every page of the OpenAPI document, signed in as each role, with
//! records on the page; any violation of WCAG 2.1 A/AA or of axe's best practices fails.

use fantoccini::{Client, Locator};
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::browser::{WAIT, browser, driver, login, logout};
use crate::harness::TestApp;
use crate::process::Server;
use crate::web::PASSWORD;

/// axe-core's script, or None (with a warning) where `.ci/run` has not installed it — except
/// under CI.
pub(crate) fn axe_source() -> Option<String> {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/ci-node/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!(
                "CI is set, so {} must exist (.ci/run installs it)",
                path.display()
            )
        }
        Err(_) => {
            eprintln!("warning: axe-core not installed; run .ci/run once to install it");
            None
        }
    }
}

/// The page now in the browser, checked by axe-core; panics with every violation found.
pub(crate) async fn assert_accessible(client: &Client, axe: &str, what: &str) {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("body"))
        .await
        .unwrap();
    client
        .execute(&format!("{axe}\n;return true;"), Vec::new())
        .await
        .unwrap_or_else(|e| panic!("injecting axe-core into {what}: {e}"));
    let found = client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
              .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' ' + n.html.slice(0, 160))}))))
              .catch(e => done([{id: 'axe-error', help: String(e)}]));"#,
            Vec::new(),
        )
        .await
        .unwrap_or_else(|e| panic!("running axe-core on {what}: {e}"));
    let violations = found.as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "axe-core found {} violation(s) on {what}: {}",
        violations.len(),
        serde_json::to_string_pretty(&Value::Array(violations)).unwrap()
    );
}

/// Records of every kind, so that each page shows rows, forms and states.
struct Scene {
    organization: i64,
    report: i64,
    case: i64,
    collection: i64,
    consultation: i64,
    mediation: i64,
    notification: i64,
    body: i64,
    campaign: i64,
    questionnaire: i64,
    periodic_report: i64,
    pia: i64,
}

async fn scene(app: &TestApp) -> Scene {
    let staff = app.staff();
    let organization = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "株式会社見本", "kind": "business",
            "corporate_number": "7010001008844", "prefecture": "東京都",
            "contact_email": "dpo@mihon.example.jp"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let filer = app.user(Role::Reporter, Some(organization));
    let report = app
        .post(
            "/api/v1/reports",
            &filer,
            json!({"organization_id": organization, "regime": "appi",
            "stage": "preliminary", "aware_on": "2025-04-01", "summary": "顧客名簿を紛失した。",
            "data_items": ["氏名", "住所"], "persons_affected": 1200, "cause": "loss",
            "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false}),
        )
        .await;
    report.assert_status(201);
    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "顧客名簿の紛失", "summary": "概要", "as_of": "2025-06-30",
            "published": true, "problem": "保管の不備", "response_policy": "報告を求める"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/api/v1/cases/{case}/entities"),
        &staff,
        json!({"organization_id": organization, "role": "originator", "focus_points": "保管"}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/cases/{case}/incidents"),
        &staff,
        json!({"incident_id": report.body["incident_id"]}),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 244, "held_on": "2025-04-01"}),
    )
    .await
    .assert_status(201);
    let collection = app
        .post(
            "/api/v1/actions",
            &staff,
            json!({"kind": "report_collection", "regime": "appi",
            "organization_id": organization, "case_id": case, "started_on": "2025-04-02",
            "due_on": "2099-04-20"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.post(
        "/api/v1/actions",
        &staff,
        json!({"kind": "recommendation", "regime": "appi",
            "organization_id": organization, "case_id": case, "started_on": "2025-04-03",
            "meeting_number": 244}),
    )
    .await
    .assert_status(201);
    let answer = app
        .post(
            &format!("/api/v1/actions/{collection}/responses"),
            &filer,
            json!({"body": "経緯を報告します。"}),
        )
        .await;
    answer.assert_status(201);
    app.upload(
        &format!("/api/v1/responses/{}/attachments", answer.body["id"]),
        &filer,
        &[("経緯.txt", "経緯の詳細".as_bytes())],
    )
    .await
    .assert_status(201);
    let consultation = app
        .post(
            "/api/v1/consultations",
            &staff,
            json!({"desk": "private", "class": "complaint",
            "received_on": "2025-06-02", "categories": ["third_party_provision"],
            "summary": "名簿を第三者に提供された。", "organization_id": organization}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let mediation = app
        .post(
            "/api/v1/mediations",
            &staff,
            json!({"consultation_id": consultation,
            "applied_on": "2025-06-10", "entity_identifiable": true, "applicant_is_party": false,
            "other_procedure_pending": false, "seeks_compensation_or_apology": true}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    // A report received in FY2025-Q1, entered by staff, for the indicators of that period.
    app.post(
        "/api/v1/reports",
        &staff,
        json!({"organization_id": organization, "regime": "appi", "stage": "preliminary",
            "aware_on": "2025-05-01", "received_on": "2025-05-02",
            "summary": "委託先から顧客データが漏えいした。", "data_items": ["氏名"],
            "persons_affected": 1500, "cause": "unauthorized_access", "sensitive_data": false,
            "financial_damage_risk": false, "unlawful_purpose": false}),
    )
    .await
    .assert_status(201);
    // The public pages show FY2025-Q1 (the period every page's `{period}` names) as published.
    crate::public::publish_both(app, &staff, "FY2025-Q1").await;
    // An opt-out notification accepted (in the public register, its change form open) and an
    // accredited body.
    let notification = crate::registers::accepted_notification(app, &staff, organization).await;
    let body = app
        .post("/api/v1/accredited-bodies", &staff, json!({
            "name": "一般財団法人見本協会", "accredited_on": "2010-04-01", "sector": "情報サービス業",
            "scope": "苦情の処理"
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    // A campaign asking it to confirm its contents (its answer form open on its page).
    let campaign = app
        .post(
            "/api/v1/optout-campaigns",
            &staff,
            json!({"title": "令和元年度実態調査"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    // My Number oversight: a questionnaire answered by a city, an assessment approved at meeting
    // 244's second item, and that meeting's agenda with a closed item.
    let city = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({
                "name": "見本市", "kind": "local_government", "prefecture": "高知県"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let questionnaire = app
        .post("/api/v1/periodic-questionnaires", &staff, json!({
            "fiscal_year": 2024, "due_on": "2025-06-30",
            "items": [{"code": "1", "text": "基本方針を定めているか"}, {"code": "2", "text": "取扱規程を定めているか"}]
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let periodic_report = app
        .post("/api/v1/periodic-reports", &staff, json!({
            "questionnaire_id": questionnaire, "organization_id": city, "answers": {"1": "yes", "2": "no"}
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let pia = app
        .post(
            "/api/v1/pia-evaluations",
            &staff,
            json!({
                "organization_id": organization, "level": "full", "task_name": "見本事務",
                "files": ["見本ファイル"], "submitted_on": "2025-03-01"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.put("/api/v1/meetings/244/agenda", &staff, json!({"items": [
        {"title": "全項目評価書について", "kind": "approval", "closed": false, "decision": "承認",
         "records": [{"kind": "pia_evaluation", "id": pia}], "published_on": "2025-04-10"},
        {"title": "監視・監督について", "kind": "report", "closed": true}
    ]}))
    .await
    .assert_status(200);
    // The work's panel on the records' pages: an assignee, a note and its correction.
    let staff_id: i64 = app.query_strings("SELECT CAST(MIN(id) AS TEXT) AS v FROM users")[0]
        .parse()
        .unwrap();
    let incident = report.body["incident_id"].as_i64().unwrap();
    for path in [
        format!("/api/v1/incidents/{incident}"),
        format!("/api/v1/cases/{case}"),
    ] {
        app.put(
            &format!("{path}/assignee"),
            &staff,
            json!({"user_id": staff_id}),
        )
        .await
        .assert_status(200);
        let note = app
            .post(
                &format!("{path}/notes"),
                &staff,
                json!({"body": "確認した事項のメモ"}),
            )
            .await;
        note.assert_status(201);
        app.post(
            &format!("{path}/notes"),
            &staff,
            json!({"body": "前のメモの訂正", "corrects": note.body["id"]}),
        )
        .await
        .assert_status(201);
    }
    Scene {
        questionnaire,
        periodic_report,
        pia,
        notification,
        body,
        campaign,
        organization,
        report: report.body["id"].as_i64().unwrap(),
        case,
        collection,
        consultation,
        mediation,
    }
}

/// Every page of the document (GET, HTML), with its `{id}` and `{period}` filled.
async fn pages(app: &TestApp, scene: &Scene) -> Vec<String> {
    let document = app
        .call(actix_web::http::Method::GET, "/openapi.json", None, None)
        .await
        .body;
    let mut pages = Vec::new();
    for (template, operations) in document["paths"].as_object().unwrap() {
        let Some(operation) = operations.get("get") else {
            continue;
        };
        // Not HTML: the stylesheet, downloads, CSV.
        if operation["tags"][0] != "pages"
            || template.starts_with("/assets")
            || template.starts_with("/attachments")
            || template.ends_with("/csv")
            || template.ends_with("/xlsx")
            || template.ends_with(".svg")
        {
            continue;
        }
        let id = [
            ("/reports", scene.report),
            ("/cases", scene.case),
            ("/actions", scene.collection),
            ("/organizations", scene.organization),
            ("/consultations", scene.consultation),
            ("/mediations", scene.mediation),
            ("/registers/optout", scene.notification),
            ("/registers/bodies", scene.body),
            ("/registers/campaigns", scene.campaign),
            ("/oversight/periodic/reports", scene.periodic_report),
            ("/oversight/periodic", scene.questionnaire),
            ("/oversight/pia", scene.pia),
            // The first user the scene made.
            ("/admin/users", 1),
        ]
        .iter()
        .find(|(prefix, _)| template.starts_with(prefix))
        .map_or(scene.report, |(_, id)| *id);
        pages.push(
            template
                .replace("{id}", &id.to_string())
                .replace("{period}", "FY2025-Q1")
                .replace("{number}", "244"),
        );
    }
    pages
}

#[actix_web::test]
async fn every_page_passes_axe_core_for_every_role() {
    let Some(axe) = axe_source() else { return };
    let Some(driver) = driver() else { return };
    let app = TestApp::sqlite();
    let scene = scene(&app).await;
    let pages = pages(&app, &scene).await;
    assert!(pages.len() > 30, "{pages:?}");
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;

    client.goto(&format!("{base}/login")).await.unwrap();
    assert_accessible(&client, &axe, "/login").await;
    for role in [Role::Admin, Role::Staff, Role::Reporter] {
        let organization = (role == Role::Reporter).then_some(scene.organization);
        let user = app.web_user(role, organization, PASSWORD);
        login(&client, &base, &user).await;
        for page in &pages {
            if page == "/login" {
                continue;
            }
            client.goto(&format!("{base}{page}")).await.unwrap();
            assert_accessible(&client, &axe, &format!("{page} as {}", role.as_str())).await;
        }
        client.goto(&format!("{base}/")).await.unwrap();
        logout(&client).await;
    }
    // The public pages, as anyone reads them: no session at all.
    let public: Vec<&String> = pages.iter().filter(|p| p.starts_with("/public")).collect();
    assert!(public.len() >= 4, "{public:?}");
    for page in public {
        client.goto(&format!("{base}{page}")).await.unwrap();
        assert_accessible(&client, &axe, &format!("{page} without login")).await;
    }
    client.close().await.unwrap();
    drop(server);
}
