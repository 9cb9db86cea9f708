//! Cases and supervisory actions over HTTP (SPEC.md §4–§5): seed 003's first case entered
//! through the API, legal bases derived per regime, and every rule of the law refusing with its
//! reason and accepting once satisfied.

use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{Reply, TestApp, on_both_backends};

on_both_backends!(
    an_entitys_role_and_focus_points_change_and_are_audited,
    seed_003_convenience_store_case_is_entered_through_the_api,
    legal_bases_are_derived_per_regime,
    an_order_follows_an_unheeded_recommendation_decided_at_a_meeting,
    actions_with_broken_rules_are_refused_and_write_nothing,
    report_collections_are_completed_and_overdue_ones_listed,
    meetings_and_case_edits_keep_their_rules,
    supervision_is_for_staff_but_entities_read_their_requests,
);

async fn org(app: &TestApp, staff: &str, name: &str, kind: &str) -> i64 {
    app.organization(staff, name, kind).await
}

async fn act(app: &TestApp, staff: &str, body: Value) -> Reply {
    app.post("/api/v1/actions", staff, body).await
}

async fn seed_003_convenience_store_case_is_entered_through_the_api(app: TestApp) {
    let staff = app.staff();
    let cities = [
        "横浜市",
        "足立区",
        "川崎市",
        "徳島市",
        "熊本市",
        "新潟市",
        "さいたま市",
    ];
    let mut originators = Vec::new();
    for city in cities {
        originators.push(org(&app, &staff, city, "local_government").await);
    }
    let fujitsu = org(&app, &staff, "富士通Japan株式会社", "business").await;

    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({
                "title": "コンビニでの住民票等の誤交付",
                "summary": "「コンビニ交付サービス」において、別人の又は本人により廃止済みの証明書を誤交付。",
                "occurred_from": "2023-03-01",
                "occurred_to": "2023-05-31",
                "status": "investigating",
                "as_of": "2023-05-31",
                "published": true,
                "problem": "漏えい等を防止する安全管理のために必要かつ適切な措置に関する品質が確保されていないまま、同システムを運用し、住民に提供していた。",
                "response_policy": "各地方公共団体及び富士通Japan株式会社に対する報告徴収を実施している。今後、事実関係を把握した上で、権限行使の要否を検討する。"
            }),
        )
        .await;
    case.assert_status(201);
    let case_id = case.body["id"].as_i64().unwrap();
    let entities = format!("/api/v1/cases/{case_id}/entities");
    for id in &originators {
        app.post(&entities, &staff, json!({
            "organization_id": id, "role": "originator",
            "focus_points": "① 委託先の監督等: 特定個人情報及び保有個人情報を取り扱うシステムの開発を委託するにあたり、その品質を適切に確認できていたか。"
        })).await.assert_status(201);
    }
    let contractor = app
        .post(&entities, &staff, json!({
            "organization_id": fujitsu, "role": "contractor",
            "focus_points": "② 安全管理措置: 個人データを大量に取り扱うシステムの開発を受託するにあたり、その品質の確保やリスクの説明を適切に行っていたか。"
        }))
        .await;
    contractor.assert_status(201);
    assert_eq!(contractor.body["role_label_ja"], "委託先");

    // Yokohama's My Number leak report joins the case.
    let yokohama = app.user(Role::Reporter, Some(originators[0]));
    let report = app
        .post("/api/v1/reports", &staff, json!({
            "organization_id": originators[0], "regime": "my_number", "stage": "preliminary",
            "aware_on": "2023-03-27", "occurred_on": "2023-03-27", "received_on": "2023-03-29",
            "summary": "コンビニ交付サービスで別人の住民票の写しを誤交付", "data_items": ["氏名", "住所", "個人番号"],
            "persons_affected": 7, "cause": "wrong_issuance", "sensitive_data": false,
            "financial_damage_risk": false, "unlawful_purpose": false
        }))
        .await;
    report.assert_status(201);
    let _ = yokohama;
    app.post(
        &format!("/api/v1/cases/{case_id}/incidents"),
        &staff,
        json!({"incident_id": report.body["incident_id"]}),
    )
    .await
    .assert_status(201);

    // Report collections to each: My Number Act for the local governments, APPI for Fujitsu.
    for id in &originators {
        let reply = act(
            &app,
            &staff,
            json!({
                "kind": "report_collection", "regime": "my_number", "organization_id": id,
                "case_id": case_id, "started_on": "2023-05-26", "due_on": "2023-06-09"
            }),
        )
        .await;
        reply.assert_status(201);
        assert_eq!(
            reply.body["legal_basis"]["article"],
            "番号利用法第35条第1項"
        );
        assert_eq!(reply.body["legal_basis"]["power_ja"], "報告");
    }
    let reply = act(
        &app,
        &staff,
        json!({
            "kind": "report_collection", "regime": "appi", "organization_id": fujitsu,
            "case_id": case_id, "started_on": "2023-05-26", "due_on": "2023-06-09"
        }),
    )
    .await;
    reply.assert_status(201);
    assert_eq!(
        reply.body["legal_basis"]["article"],
        "個人情報保護法第146条第1項"
    );
    assert_eq!(reply.body["legal_basis"]["power_ja"], "報告徴収");

    let view = app.get(&format!("/api/v1/cases/{case_id}"), &staff).await;
    view.assert_status(200);
    let body = &view.body;
    assert_eq!(body["as_of"], "2023-05-31");
    assert_eq!(body["status"], "investigating");
    assert!(
        body["response_policy"]
            .as_str()
            .unwrap()
            .contains("報告徴収")
    );
    let entities = body["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 8);
    let originators_seen: Vec<&str> = entities
        .iter()
        .filter(|e| e["role"] == "originator")
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(originators_seen, cities);
    assert!(
        entities
            .iter()
            .all(|e| e["focus_points"].as_str().unwrap().len() > 10)
    );
    assert_eq!(entities[7]["role_label_ja"], "委託先");
    assert_eq!(body["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(body["incidents"][0]["reference"], report.body["reference"]);
    let timeline = body["timeline"].as_array().unwrap();
    assert_eq!(
        timeline.len(),
        1 + 8,
        "one report and eight report collections"
    );
    assert_eq!(timeline[0]["entry"], "report");
    assert_eq!(timeline[0]["on"], "2023-03-29");
    assert!(
        timeline[0]["label_ja"]
            .as_str()
            .unwrap()
            .starts_with("速報受付 LR-2023-")
    );
    assert!(
        timeline[1..]
            .iter()
            .all(|t| t["entry"] == "action" && t["on"] == "2023-05-26")
    );
    let dates: Vec<&str> = timeline.iter().map(|t| t["on"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "in date order");

    let listed = app
        .get(&format!("/api/v1/cases?organization_id={fujitsu}"), &staff)
        .await;
    assert_eq!(listed.body["total"], 1);
    let collections = app
        .get(
            &format!("/api/v1/actions?case_id={case_id}&kind=report_collection"),
            &staff,
        )
        .await;
    assert_eq!(collections.body["total"], 8);
}

async fn legal_bases_are_derived_per_regime(app: TestApp) {
    let staff = app.staff();
    let business = org(&app, &staff, "事業者A", "business").await;
    let city = org(&app, &staff, "自治体B", "local_government").await;
    let cases = [
        (
            "onsite_inspection",
            "appi",
            business,
            "個人情報保護法第146条第1項",
            "立入検査",
        ),
        (
            "guidance",
            "appi",
            business,
            "個人情報保護法第147条",
            "指導・助言",
        ),
        (
            "report_collection",
            "appi_public",
            city,
            "個人情報保護法第156条",
            "資料の提出の要求",
        ),
        (
            "onsite_inspection",
            "appi_public",
            city,
            "個人情報保護法第156条",
            "実地調査",
        ),
        (
            "guidance",
            "appi_public",
            city,
            "個人情報保護法第157条",
            "指導・助言",
        ),
        (
            "onsite_inspection",
            "my_number",
            city,
            "番号利用法第35条第1項",
            "立入検査",
        ),
        (
            "guidance",
            "my_number",
            city,
            "番号利用法第33条",
            "指導・助言",
        ),
    ];
    for (kind, regime, target, article, power) in cases {
        let reply = act(&app, &staff, json!({
            "kind": kind, "regime": regime, "organization_id": target, "started_on": "2025-04-01"
        })).await;
        reply.assert_status(201);
        assert_eq!(
            reply.body["legal_basis"]["article"], article,
            "{kind} {regime}"
        );
        assert_eq!(
            reply.body["legal_basis"]["power_ja"], power,
            "{kind} {regime}"
        );
    }
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 100, "held_on": "2025-03-01"}),
    )
    .await
    .assert_status(201);
    let recommendation = act(
        &app,
        &staff,
        json!({
            "kind": "recommendation", "regime": "appi_public", "organization_id": city,
            "started_on": "2025-04-01", "meeting_number": 100
        }),
    )
    .await;
    assert_eq!(
        recommendation.body["legal_basis"]["article"],
        "個人情報保護法第158条"
    );
    assert_eq!(recommendation.body["meeting_number"], 100);
    // The actions list by meeting: the one decided there, none at a meeting never held.
    for (query, ids) in [
        (
            "meeting_number=100",
            vec![recommendation.body["id"].clone()],
        ),
        (
            "meeting_number=100&kind=recommendation",
            vec![recommendation.body["id"].clone()],
        ),
        ("meeting_number=100&kind=guidance", vec![]),
        ("meeting_number=101", vec![]),
    ] {
        let list = app.get(&format!("/api/v1/actions?{query}"), &staff).await;
        list.assert_status(200);
        let found: Vec<_> = list.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].clone())
            .collect();
        assert_eq!(
            (found, list.body["total"].as_u64()),
            (ids.clone(), Some(ids.len() as u64)),
            "{query}"
        );
    }
    // The public sector has no order powers.
    for kind in ["order", "emergency_order", "publication"] {
        let reply = act(
            &app,
            &staff,
            json!({
                "kind": kind, "regime": "appi_public", "organization_id": city,
                "started_on": "2025-04-02", "meeting_number": 100, "imminent_harm": true
            }),
        )
        .await;
        reply.assert_refused_field("kind");
        assert!(
            reply.field_errors("kind")[0].contains("no order powers"),
            "{}",
            reply.body
        );
    }
    // A typed legal basis is not accepted: it is derived.
    act(
        &app,
        &staff,
        json!({
            "kind": "guidance", "regime": "appi", "organization_id": business,
            "started_on": "2025-04-01", "legal_basis": "第1条"
        }),
    )
    .await
    .assert_refused_field("legal_basis");
}

async fn an_order_follows_an_unheeded_recommendation_decided_at_a_meeting(app: TestApp) {
    let staff = app.staff();
    let business = org(&app, &staff, "是正対象株式会社", "business").await;
    let other = org(&app, &staff, "別の株式会社", "business").await;
    let order = json!({
        "kind": "order", "regime": "appi", "organization_id": business,
        "started_on": "2025-05-01", "meeting_number": 245, "imminent_harm": true
    });
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 244, "held_on": "2025-04-01"}),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 245, "held_on": "2025-04-30"}),
    )
    .await
    .assert_status(201);

    let refused = act(&app, &staff, order.clone()).await;
    refused.assert_status(409);
    assert_eq!(refused.error_code(), "order_needs_recommendation");

    let recommendation = json!({
        "kind": "recommendation", "regime": "appi", "organization_id": business, "started_on": "2025-04-02"
    });
    act(&app, &staff, recommendation.clone())
        .await
        .assert_refused_field("meeting_number");
    let mut unknown_meeting = recommendation.clone();
    unknown_meeting["meeting_number"] = json!(999);
    act(&app, &staff, unknown_meeting)
        .await
        .assert_refused_field("meeting_number");
    let mut before_meeting = recommendation.clone();
    before_meeting["meeting_number"] = json!(245);
    act(&app, &staff, before_meeting)
        .await
        .assert_refused_field("started_on");
    let mut decided = recommendation.clone();
    decided["meeting_number"] = json!(244);
    let rec = act(&app, &staff, decided).await;
    rec.assert_status(201);
    assert_eq!(
        rec.body["legal_basis"]["article"],
        "個人情報保護法第148条第1項"
    );
    let rec_id = rec.body["id"].as_i64().unwrap();

    // A recommendation whose compliance is unknown is not yet unheeded.
    let pending = act(&app, &staff, order.clone()).await;
    pending.assert_status(409);
    assert!(
        pending.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("complied: false")
    );

    app.patch(
        &format!("/api/v1/actions/{rec_id}"),
        &staff,
        json!({"complied": false}),
    )
    .await
    .assert_status(200);
    // A recommendation to another entity does not count for this one.
    let mut elsewhere = order.clone();
    elsewhere["organization_id"] = json!(other);
    act(&app, &staff, elsewhere).await.assert_status(409);
    // APPI needs the finding of imminent harm (法第148条第2項).
    let mut no_harm = order.clone();
    no_harm["imminent_harm"] = json!(false);
    act(&app, &staff, no_harm)
        .await
        .assert_refused_field("imminent_harm");
    let ordered = act(&app, &staff, order).await;
    ordered.assert_status(201);
    assert_eq!(ordered.body["recommendation_id"], rec_id);
    assert_eq!(
        ordered.body["legal_basis"]["article"],
        "個人情報保護法第148条第2項"
    );

    // An emergency order needs no recommendation (第148条第3項), but does need its meeting.
    let emergency = json!({
        "kind": "emergency_order", "regime": "appi", "organization_id": other,
        "started_on": "2025-05-01", "meeting_number": 245
    });
    let reply = act(&app, &staff, emergency).await;
    reply.assert_status(201);
    assert_eq!(
        reply.body["legal_basis"]["article"],
        "個人情報保護法第148条第3項"
    );
}

async fn actions_with_broken_rules_are_refused_and_write_nothing(app: TestApp) {
    let staff = app.staff();
    let business = org(&app, &staff, "事業者C", "business").await;
    let outsider = org(&app, &staff, "事業者D", "business").await;
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "案件"}))
        .await;
    let case_id = case.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/cases/{case_id}/entities"),
        &staff,
        json!({"organization_id": business, "role": "originator"}),
    )
    .await
    .assert_status(201);
    let future = (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string();
    let base = json!({"kind": "report_collection", "regime": "appi", "organization_id": business, "started_on": "2025-04-01"});
    let before = (app.count("actions"), app.count("audit_log"));
    let cases: Vec<(&str, Value)> = vec![
        ("ended_on", json!({"ended_on": "2025-03-31"})),
        ("ended_on", json!({"ended_on": future})),
        ("due_on", json!({"due_on": "2025-03-01"})),
        (
            "due_on",
            json!({"kind": "guidance", "due_on": "2025-05-01"}),
        ),
        ("started_on", json!({"started_on": future})),
        ("started_on", json!({"started_on": "2025-13-01"})),
        ("organization_id", json!({"organization_id": 777_777})),
        ("case_id", json!({"case_id": 777_777})),
        (
            "organization_id",
            json!({"organization_id": outsider, "case_id": case_id}),
        ),
        ("incident_id", json!({"incident_id": 777_777})),
        (
            "performed_by",
            json!({"kind": "guidance", "performed_by": "delegated_minister"}),
        ),
        ("performed_by", json!({"performed_by": "the_minister"})),
        ("complied", json!({"complied": true})),
        (
            "kind",
            json!({"kind": "publication", "regime": "my_number"}),
        ),
        ("kind", json!({"kind": "fine"})),
        ("regime", json!({"regime": "gdpr"})),
    ];
    for (field, changes) in cases {
        let mut body = base.clone();
        for (key, value) in changes.as_object().unwrap() {
            body[key] = value.clone();
        }
        act(&app, &staff, body).await.assert_refused_field(field);
    }
    assert_eq!((app.count("actions"), app.count("audit_log")), before);
    // Delegated to the minister in charge (法第150条): an appi inspection may be.
    let mut delegated = base.clone();
    delegated["kind"] = json!("onsite_inspection");
    delegated["performed_by"] = json!("delegated_minister");
    let reply = act(&app, &staff, delegated).await;
    reply.assert_status(201);
    assert_eq!(reply.body["performed_by"], "delegated_minister");
}

async fn report_collections_are_completed_and_overdue_ones_listed(app: TestApp) {
    let staff = app.staff();
    let business = org(&app, &staff, "事業者E", "business").await;
    let late = act(
        &app,
        &staff,
        json!({
            "kind": "report_collection", "regime": "appi", "organization_id": business,
            "started_on": "2025-04-01", "due_on": "2025-04-15"
        }),
    )
    .await;
    late.assert_status(201);
    assert_eq!(late.body["overdue"], true);
    let upcoming_due = (chrono::Utc::now().date_naive() + chrono::Duration::days(10)).to_string();
    act(
        &app,
        &staff,
        json!({
            "kind": "report_collection", "regime": "appi", "organization_id": business,
            "started_on": "2025-04-01", "due_on": upcoming_due
        }),
    )
    .await
    .assert_status(201);
    act(&app, &staff, json!({"kind": "guidance", "regime": "appi", "organization_id": business, "started_on": "2025-04-01"}))
        .await
        .assert_status(201);

    let overdue = app.get("/api/v1/actions?overdue=true", &staff).await;
    assert_eq!(overdue.body["total"], 1);
    assert_eq!(overdue.body["items"][0]["id"], late.body["id"]);
    assert_eq!(
        app.get("/api/v1/actions?overdue=false", &staff).await.body["total"],
        2
    );

    let path = format!("/api/v1/actions/{}", late.body["id"]);
    app.patch(&path, &staff, json!({"ended_on": "2025-03-01"}))
        .await
        .assert_refused_field("ended_on");
    app.patch(&path, &staff, json!({"complied": true}))
        .await
        .assert_refused_field("complied");
    let done = app
        .patch(
            &path,
            &staff,
            json!({"ended_on": "2025-04-20", "notes": "回答書を受領"}),
        )
        .await;
    done.assert_status(200);
    assert_eq!(done.body["ended_on"], "2025-04-20");
    assert_eq!(done.body["overdue"], false);
    assert_eq!(
        app.get("/api/v1/actions?overdue=true", &staff).await.body["total"],
        0
    );
    let audit = app
        .get(
            &format!(
                "/api/v1/audit?entity_type=action&entity_id={}",
                late.body["id"]
            ),
            &staff,
        )
        .await;
    assert_eq!(audit.body["items"][0]["action"], "update");
    assert_eq!(
        audit.body["items"][0]["changes"]["ended_on"]["to"],
        "2025-04-20"
    );
    let rows = app.count("audit_log");
    app.patch(&path, &staff, json!({"ended_on": "2025-04-20"}))
        .await
        .assert_status(200);
    assert_eq!(
        app.count("audit_log"),
        rows,
        "a no-op completion records nothing"
    );
    app.patch("/api/v1/actions/987654", &staff, json!({"notes": "x"}))
        .await
        .assert_status(404);
    app.get(&path, &staff).await.assert_status(200);
}

async fn meetings_and_case_edits_keep_their_rules(app: TestApp) {
    let staff = app.staff();
    let future = (chrono::Utc::now().date_naive() + chrono::Duration::days(2)).to_string();
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 244, "held_on": "2023-06-01"}),
    )
    .await
    .assert_status(201);
    let dup = app
        .post(
            "/api/v1/meetings",
            &staff,
            json!({"number": 244, "held_on": "2023-06-02"}),
        )
        .await;
    dup.assert_status(409);
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 245, "held_on": future}),
    )
    .await
    .assert_refused_field("held_on");
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 0, "held_on": "2023-06-02"}),
    )
    .await
    .assert_refused_field("number");
    assert_eq!(
        app.get("/api/v1/meetings", &staff)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "事案", "occurred_from": "2023-05-01", "occurred_to": "2023-04-01"}),
        )
        .await;
    case.assert_refused_field("occurred_to");
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "事案"}))
        .await;
    case.assert_status(201);
    assert_eq!(case.body["status"], "open");
    let path = format!("/api/v1/cases/{}", case.body["id"]);
    let changed = app
        .patch(
            &path,
            &staff,
            json!({"status": "closed", "as_of": "2023-06-30"}),
        )
        .await;
    changed.assert_status(200);
    assert_eq!(changed.body["status"], "closed");
    app.patch(&path, &staff, json!({"as_of": future}))
        .await
        .assert_refused_field("as_of");
    app.patch(&path, &staff, json!({"status": "archived"}))
        .await
        .assert_refused_field("status");
    app.patch("/api/v1/cases/987654", &staff, json!({"status": "closed"}))
        .await
        .assert_status(404);

    let business = org(&app, &staff, "事業者F", "business").await;
    let entities = format!("{path}/entities");
    app.post(
        &entities,
        &staff,
        json!({"organization_id": business, "role": "originator"}),
    )
    .await
    .assert_status(201);
    app.post(
        &entities,
        &staff,
        json!({"organization_id": business, "role": "contractor"}),
    )
    .await
    .assert_status(409);
    app.post(
        &entities,
        &staff,
        json!({"organization_id": business, "role": "boss"}),
    )
    .await
    .assert_refused_field("role");
    app.post(
        &entities,
        &staff,
        json!({"organization_id": 777_777, "role": "other"}),
    )
    .await
    .assert_refused_field("organization_id");
    app.post(
        "/api/v1/cases/987654/entities",
        &staff,
        json!({"organization_id": business, "role": "other"}),
    )
    .await
    .assert_status(404);
    app.post(
        &format!("{path}/incidents"),
        &staff,
        json!({"incident_id": 777_777}),
    )
    .await
    .assert_refused_field("incident_id");
}

async fn supervision_is_for_staff_but_entities_read_their_requests(app: TestApp) {
    let staff = app.staff();
    let business = org(&app, &staff, "事業者G", "business").await;
    let reporter = app.user(Role::Reporter, Some(business));
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "非公開の事案"}))
        .await;
    let guidance = act(&app, &staff, json!({"kind": "guidance", "regime": "appi", "organization_id": business, "started_on": "2025-04-01", "notes": "非公開の検討メモ"})).await;
    for path in [
        "/api/v1/cases".to_owned(),
        format!("/api/v1/cases/{}", case.body["id"]),
        "/api/v1/meetings".to_owned(),
    ] {
        let reply = app.get(&path, &reporter).await;
        reply.assert_status(403);
        assert!(!reply.body.to_string().contains("非公開"));
    }
    // The requests an entity must answer are its own to read; nothing else of supervision is.
    let other = org(&app, &staff, "事業者H", "business").await;
    let request = act(&app, &staff, json!({"kind": "report_collection", "regime": "appi", "organization_id": business, "started_on": "2025-04-01", "due_on": "2025-04-15"})).await;
    let theirs = act(&app, &staff, json!({"kind": "report_collection", "regime": "appi", "organization_id": other, "started_on": "2025-04-01"})).await;
    let own = app
        .get(
            &format!("/api/v1/actions/{}", request.body["id"]),
            &reporter,
        )
        .await;
    own.assert_status(200);
    assert_eq!(own.body["legal_basis"]["power_ja"], "報告徴収");
    for id in [&guidance.body["id"], &theirs.body["id"]] {
        let reply = app.get(&format!("/api/v1/actions/{id}"), &reporter).await;
        reply.assert_status(404);
        assert!(!reply.body.to_string().contains("非公開"));
    }
    let listed = app.get("/api/v1/actions", &reporter).await;
    assert_eq!(listed.body["total"], 1);
    assert_eq!(listed.body["items"][0]["id"], request.body["id"]);
    for query in [
        format!("organization_id={other}"),
        "kind=guidance".to_owned(),
    ] {
        let reply = app
            .get(&format!("/api/v1/actions?{query}"), &reporter)
            .await;
        assert_eq!(reply.body["total"], 0, "{query}");
    }
    app.patch(
        &format!("/api/v1/actions/{}", request.body["id"]),
        &reporter,
        json!({"notes": "x"}),
    )
    .await
    .assert_status(403);
    app.post("/api/v1/cases", &reporter, json!({"title": "x"}))
        .await
        .assert_status(403);
    app.post("/api/v1/actions", &reporter, json!({"kind": "guidance"}))
        .await
        .assert_status(403);
    app.post(
        "/api/v1/meetings",
        &reporter,
        json!({"number": 1, "held_on": "2025-01-01"}),
    )
    .await
    .assert_status(403);
}

async fn an_entitys_role_and_focus_points_change_and_are_audited(app: TestApp) {
    let staff = app.staff();
    let vendor = org(&app, &staff, "委託先株式会社", "business").await;
    let outsider = org(&app, &staff, "無関係株式会社", "business").await;
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "委託先の事案"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/api/v1/cases/{case}/entities"),
        &staff,
        json!({"organization_id": vendor, "role": "other", "focus_points": "仮"}),
    )
    .await
    .assert_status(201);
    let path = format!("/api/v1/cases/{case}/entities/{vendor}");
    let changed = app
        .patch(
            &path,
            &staff,
            json!({"role": "contractor", "focus_points": "再委託先の監督"}),
        )
        .await;
    changed.assert_status(200);
    assert_eq!(changed.body["role"], "contractor");
    assert_eq!(changed.body["role_label_ja"], "委託先");
    assert_eq!(changed.body["focus_points"], "再委託先の監督");
    let (_, _, action, _, changes) = crate::audit::last_row(&app);
    assert_eq!(action, "update_entity");
    assert!(changes.contains("\"from\":\"other\""), "{changes}");
    // null clears the focus points; the role cannot be cleared.
    let cleared = app
        .patch(&path, &staff, json!({"focus_points": null}))
        .await;
    cleared.assert_status(200);
    assert_eq!(cleared.body["focus_points"], serde_json::Value::Null);
    app.patch(&path, &staff, json!({"role": null}))
        .await
        .assert_refused_field("role");
    // An organization not in the case, or no such case: nothing there.
    app.patch(
        &format!("/api/v1/cases/{case}/entities/{outsider}"),
        &staff,
        json!({"role": "other"}),
    )
    .await
    .assert_status(404);
    app.patch(
        &format!("/api/v1/cases/999999/entities/{vendor}"),
        &staff,
        json!({"role": "other"}),
    )
    .await
    .assert_status(404);
    let reporter = app.user(leakdesk::domain::access::Role::Reporter, Some(vendor));
    app.patch(&path, &reporter, json!({"role": "other"}))
        .await
        .assert_status(403);
    let shown = app.get(&format!("/api/v1/cases/{case}"), &staff).await;
    assert_eq!(shown.body["entities"][0]["role"], "contractor");
}
