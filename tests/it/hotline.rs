//! The consultation hotline over HTTP (SPEC.md §6, seed 000): the desks' categories by their
//! Japanese labels, multi-category consultations, refusals, links to cases, and mediation from
//! application through eligibility to its outcome.

use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{Reply, TestApp, on_both_backends};

on_both_backends!(
    each_desk_lists_its_categories_as_seed_000_writes_them,
    a_complaint_counts_in_several_categories_of_its_desk,
    bad_consultations_are_refused_and_write_nothing,
    a_consultation_passed_to_supervision_joins_a_case,
    an_eligible_mediation_starts_records_steps_and_closes,
    an_ineligible_mediation_is_refused_with_its_reasons,
    the_hotline_is_for_staff_only,
);

fn labels(reply: &Reply, desk: &str) -> Vec<String> {
    reply
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["desk"] == desk)
        .map(|c| c["label_ja"].as_str().unwrap().to_owned())
        .collect()
}

async fn each_desk_lists_its_categories_as_seed_000_writes_them(app: TestApp) {
    let staff = app.staff();
    let reply = app.get("/api/v1/consultation-categories", &staff).await;
    reply.assert_status(200);
    assert_eq!(
        labels(&reply, "private"),
        [
            "第三者提供",
            "利用目的",
            "開示等",
            "漏えい等の報告等",
            "安全管理措置",
            "正確性の確保",
            "不適正利用の禁止",
            "適正な取得",
            "定義",
            "個人関連情報"
        ]
    );
    assert_eq!(
        labels(&reply, "public"),
        [
            "利用及び提供の制限",
            "開示等",
            "保有の制限等",
            "漏えい等の報告等",
            "安全管理措置",
            "定義"
        ]
    );
    assert_eq!(
        labels(&reply, "my_number"),
        [
            "提供の要求等",
            "収集等の制限",
            "安全管理措置",
            "漏えい等に関する報告等",
            "提供の制限等",
            "その他"
        ]
    );
    assert!(
        reply
            .body
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["code"].as_str().unwrap().is_ascii())
    );

    let added = app
        .post("/api/v1/consultation-categories", &staff, json!({"desk": "private", "code": "cross_border", "label_ja": "外国にある第三者への提供"}))
        .await;
    added.assert_status(201);
    let mine = app
        .get("/api/v1/consultation-categories?desk=private", &staff)
        .await;
    assert_eq!(
        labels(&mine, "private").last().unwrap(),
        "外国にある第三者への提供"
    );
    assert!(labels(&mine, "public").is_empty());
    app.post(
        "/api/v1/consultation-categories",
        &staff,
        json!({"desk": "private", "code": "cross_border", "label_ja": "別名"}),
    )
    .await
    .assert_status(409);
    app.post(
        "/api/v1/consultation-categories",
        &staff,
        json!({"desk": "private", "code": "Bad Code", "label_ja": "x"}),
    )
    .await
    .assert_refused_field("code");
}

fn consultation(changes: Value) -> Value {
    let mut body = json!({
        "desk": "private", "class": "complaint",
        "categories": ["third_party_provision", "purpose_of_use"],
        "received_on": "2025-04-10",
        "summary": "本人の同意なく第三者に提供された", "advice": "事業者に根拠の確認を促した"
    });
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn a_complaint_counts_in_several_categories_of_its_desk(app: TestApp) {
    let staff = app.staff();
    let reply = app
        .post("/api/v1/consultations", &staff, consultation(json!({})))
        .await;
    reply.assert_status(201);
    let codes: Vec<&str> = reply.body["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["third_party_provision", "purpose_of_use"]);
    assert_eq!(reply.body["categories"][0]["label_ja"], "第三者提供");
    assert_eq!(reply.body["referred_to_supervision"], false);
    let id = reply.body["id"].as_i64().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/consultations/{id}"), &staff)
            .await
            .body,
        reply.body
    );

    // A category may be named by its Japanese label too.
    let by_label = app
        .post(
            "/api/v1/consultations",
            &staff,
            consultation(json!({"desk": "public", "categories": ["開示等"]})),
        )
        .await;
    by_label.assert_status(201);
    assert_eq!(by_label.body["categories"][0]["code"], "disclosure");
    app.post(
        "/api/v1/consultations",
        &staff,
        consultation(json!({"class": "other", "categories": []})),
    )
    .await
    .assert_status(201);
    for (query, total) in [
        ("category=purpose_of_use", 1),
        ("category=disclosure", 1),
        ("desk=private&category=disclosure", 0),
        ("class=complaint", 2),
        ("desk=private", 2),
        ("received_from=2025-04-11", 0),
    ] {
        let list = app
            .get(&format!("/api/v1/consultations?{query}"), &staff)
            .await;
        assert_eq!(list.body["total"], total, "{query}");
    }
}

async fn bad_consultations_are_refused_and_write_nothing(app: TestApp) {
    let staff = app.staff();
    let future = (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string();
    let before = (
        app.count("consultations"),
        app.count("consultation_category_links"),
    );
    for (field, changes) in [
        ("categories", json!({"categories": ["provision_requests"]})),
        ("categories", json!({"categories": ["nonsense"]})),
        ("categories", json!({"categories": []})),
        (
            "categories",
            json!({"categories": ["disclosure", "disclosure"]}),
        ),
        ("categories", json!({"categories": "disclosure"})),
        ("class", json!({"class": "praise"})),
        ("desk", json!({"desk": "fax"})),
        ("received_on", json!({"received_on": future})),
        ("received_on", json!({"received_on": "2025-04-31"})),
        ("case_id", json!({"case_id": 1})),
        ("organization_id", json!({"organization_id": 777_777})),
        ("summary", json!({"summary": ""})),
    ] {
        let reply = app
            .post(
                "/api/v1/consultations",
                &staff,
                consultation(changes.clone()),
            )
            .await;
        reply.assert_refused_field(field);
    }
    let reply = app
        .post(
            "/api/v1/consultations",
            &staff,
            consultation(json!({"categories": ["provision_requests"]})),
        )
        .await;
    assert!(reply.field_errors("categories")[0].contains("not a category of the private desk"));
    assert_eq!(
        (
            app.count("consultations"),
            app.count("consultation_category_links")
        ),
        before
    );
}

async fn a_consultation_passed_to_supervision_joins_a_case(app: TestApp) {
    let staff = app.staff();
    let entity = app
        .organization(&staff, "苦情対象株式会社", "business")
        .await;
    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "相談から判明した事案"}),
        )
        .await;
    let case_id = case.body["id"].as_i64().unwrap();
    let referred = app
        .post(
            "/api/v1/consultations",
            &staff,
            consultation(json!({
                "referred_to_supervision": true, "case_id": case_id, "organization_id": entity
            })),
        )
        .await;
    referred.assert_status(201);
    assert_eq!(referred.body["case_id"], case_id);

    let plain = app
        .post("/api/v1/consultations", &staff, consultation(json!({})))
        .await;
    let path = format!("/api/v1/consultations/{}", plain.body["id"]);
    app.patch(&path, &staff, json!({"case_id": case_id}))
        .await
        .assert_refused_field("case_id");
    let linked = app
        .patch(
            &path,
            &staff,
            json!({"referred_to_supervision": true, "case_id": case_id}),
        )
        .await;
    linked.assert_status(200);
    assert_eq!(linked.body["case_id"], case_id);
    let listed = app
        .get(&format!("/api/v1/consultations?case_id={case_id}"), &staff)
        .await;
    assert_eq!(listed.body["total"], 2);
    let audit = app
        .get(
            &format!(
                "/api/v1/audit?entity_type=consultation&entity_id={}",
                plain.body["id"]
            ),
            &staff,
        )
        .await;
    assert_eq!(
        audit.body["items"][0]["changes"]["referred_to_supervision"]["to"],
        true
    );
}

async fn complaint(app: &TestApp, staff: &str) -> i64 {
    let reply = app
        .post("/api/v1/consultations", staff, consultation(json!({})))
        .await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

async fn an_eligible_mediation_starts_records_steps_and_closes(app: TestApp) {
    let staff = app.staff();
    let consultation_id = complaint(&app, &staff).await;
    let application = json!({
        "consultation_id": consultation_id, "applied_on": "2025-04-15",
        "entity_identifiable": true, "applicant_is_party": true,
        "other_procedure_pending": false, "seeks_compensation_or_apology": false
    });
    let reply = app
        .post("/api/v1/mediations", &staff, application.clone())
        .await;
    reply.assert_status(201);
    assert_eq!(reply.body["eligible"], true);
    assert_eq!(reply.body["reasons"], json!([]));
    assert_eq!(reply.body["status"], "applied");
    app.post("/api/v1/mediations", &staff, application)
        .await
        .assert_status(409);

    let path = format!("/api/v1/mediations/{}", reply.body["id"]);
    app.post(
        &format!("{path}/steps"),
        &staff,
        json!({"kind": "urged_entity", "taken_on": "2025-04-20"}),
    )
    .await
    .assert_status(409);
    app.patch(&path, &staff, json!({"started_on": "2025-04-14"}))
        .await
        .assert_refused_field("started_on");
    app.patch(
        &path,
        &staff,
        json!({"started_on": "2025-04-16", "closed_on": "2025-04-20"}),
    )
    .await
    .assert_refused_field("body");
    let started = app
        .patch(&path, &staff, json!({"started_on": "2025-04-16"}))
        .await;
    started.assert_status(200);
    assert_eq!(started.body["status"], "started");

    for (kind, on, note) in [
        (
            "urged_entity",
            "2025-04-17",
            "委員会から当該事業者に対応を促した",
        ),
        (
            "entity_reported",
            "2025-05-01",
            "保有個人データを削除したとの報告",
        ),
    ] {
        app.post(
            &format!("{path}/steps"),
            &staff,
            json!({"kind": kind, "taken_on": on, "note": note}),
        )
        .await
        .assert_status(201);
    }
    app.post(
        &format!("{path}/steps"),
        &staff,
        json!({"kind": "urged_entity", "taken_on": "2025-04-01"}),
    )
    .await
    .assert_refused_field("taken_on");
    app.patch(&path, &staff, json!({"closed_on": "2025-05-02"}))
        .await
        .assert_refused_field("outcome");
    let closed = app
        .patch(
            &path,
            &staff,
            json!({"closed_on": "2025-05-02", "outcome": "resolved"}),
        )
        .await;
    closed.assert_status(200);
    assert_eq!(closed.body["status"], "closed");
    assert_eq!(closed.body["outcome"], "resolved");
    assert_eq!(closed.body["steps"].as_array().unwrap().len(), 2);
    assert_eq!(closed.body["steps"][0]["kind"], "urged_entity");
    app.patch(&path, &staff, json!({"started_on": "2025-05-03"}))
        .await
        .assert_status(409);
    let listed = app
        .get("/api/v1/mediations?status=closed&desk=private", &staff)
        .await;
    assert_eq!(listed.body["total"], 1);
    assert_eq!(
        listed.body["items"][0]["steps"].as_array().unwrap().len(),
        2
    );
    assert_eq!(
        app.get("/api/v1/mediations?status=applied", &staff)
            .await
            .body["total"],
        0
    );
    app.get("/api/v1/mediations?status=paused", &staff)
        .await
        .assert_refused_field("status");
}

async fn an_ineligible_mediation_is_refused_with_its_reasons(app: TestApp) {
    let staff = app.staff();
    let consultation_id = complaint(&app, &staff).await;
    let reply = app
        .post(
            "/api/v1/mediations",
            &staff,
            json!({
                "consultation_id": consultation_id, "applied_on": "2025-04-15",
                "entity_identifiable": true, "applicant_is_party": true,
                "other_procedure_pending": true, "seeks_compensation_or_apology": true
            }),
        )
        .await;
    reply.assert_status(201);
    assert_eq!(reply.body["eligible"], false);
    let reasons = reply.body["reasons"].as_array().unwrap();
    assert_eq!(reasons.len(), 2);
    assert!(reasons[0].as_str().unwrap().contains("訴訟"));
    assert!(reasons[1].as_str().unwrap().contains("謝罪"));

    let path = format!("/api/v1/mediations/{}", reply.body["id"]);
    let refused = app
        .patch(&path, &staff, json!({"started_on": "2025-04-16"}))
        .await;
    refused.assert_status(409);
    assert_eq!(refused.error_code(), "mediation_not_eligible");
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("謝罪")
    );
    app.patch(&path, &staff, json!({"declined_on": "2025-04-16"}))
        .await
        .assert_refused_field("reason");
    let declined = app
        .patch(
            &path,
            &staff,
            json!({"declined_on": "2025-04-16", "reason": "訴訟が係属中のため"}),
        )
        .await;
    declined.assert_status(200);
    assert_eq!(declined.body["status"], "declined");
    assert_eq!(declined.body["decline_reason"], "訴訟が係属中のため");

    // Mediation arises from complaints only, and not before the complaint.
    let question = app
        .post(
            "/api/v1/consultations",
            &staff,
            consultation(json!({"class": "question"})),
        )
        .await;
    for (field, body) in [
        (
            "consultation_id",
            json!({"consultation_id": question.body["id"], "applied_on": "2025-04-15"}),
        ),
        (
            "consultation_id",
            json!({"consultation_id": 777_777, "applied_on": "2025-04-15"}),
        ),
        (
            "applied_on",
            json!({"consultation_id": complaint(&app, &staff).await, "applied_on": "2025-04-01"}),
        ),
    ] {
        let mut full = body.clone();
        for key in ["entity_identifiable", "applicant_is_party"] {
            full[key] = json!(true);
        }
        for key in ["other_procedure_pending", "seeks_compensation_or_apology"] {
            full[key] = json!(false);
        }
        app.post("/api/v1/mediations", &staff, full)
            .await
            .assert_refused_field(field);
    }
}

async fn the_hotline_is_for_staff_only(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "報告事業者", "business").await;
    let reporter = app.user(Role::Reporter, Some(org));
    app.post("/api/v1/consultations", &staff, consultation(json!({})))
        .await
        .assert_status(201);
    for path in [
        "/api/v1/consultations",
        "/api/v1/consultations/1",
        "/api/v1/consultation-categories",
        "/api/v1/mediations/1",
    ] {
        app.get(path, &reporter).await.assert_status(403);
    }
    app.post("/api/v1/consultations", &reporter, consultation(json!({})))
        .await
        .assert_status(403);
}
