//! My Number oversight (issue #44; API.md "Version 3", Oversight; seed 001 Ⅱ（４）（５）):
//! inspections counted by type in the half-year with the half-year table unchanged, the
//! prefectures a round has reached (44 of 47), and the outreach events.

use leakdesk::domain::access::Role;
use leakdesk::domain::prefecture::PREFECTURES;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    seed_001s_inspections_count_by_type_and_44_of_47_prefectures_are_reached,
    inspection_types_and_events_are_refused_where_the_law_has_none,
    events_and_the_oversight_page_work_in_the_browser,
    events_kept_before_come_from_files_and_their_download_imports_back,
    a_yearly_plan_shows_each_inspection_planned_and_done,
    seed_001s_periodic_reports_count_the_bodies_that_submitted_by_the_day,
    seed_004s_assessment_is_approved_at_its_item_and_the_closed_item_stays_closed,
    periodic_reports_pia_and_agendas_work_in_the_browser,
    periodic_reports_and_assessments_kept_before_come_from_files,
);

async fn body(app: &TestApp, staff: &str, name: &str, kind: &str, prefecture: Option<&str>) -> i64 {
    let mut new = json!({ "name": name, "kind": kind });
    if let Some(prefecture) = prefecture {
        new["prefecture"] = json!(prefecture);
    }
    let reply = app.post("/api/v1/organizations", staff, new).await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

async fn inspect(
    app: &TestApp,
    staff: &str,
    organization: i64,
    inspection_type: Option<&str>,
    started_on: &str,
    ended_on: Option<&str>,
) -> serde_json::Value {
    let mut new = json!({
        "kind": "onsite_inspection", "regime": "my_number", "organization_id": organization,
        "started_on": started_on
    });
    if let Some(t) = inspection_type {
        new["inspection_type"] = json!(t);
    }
    if let Some(day) = ended_on {
        new["ended_on"] = json!(day);
    }
    let reply = app.post("/api/v1/actions", staff, new).await;
    reply.assert_status(201);
    reply.body
}

/// 「定期的な立入検査４件 … 総合的な立入検査１件（１市）、…レビュー検査18件（６府県管内の18市）」;
/// 「47都道府県中44都道府県を達成」.
async fn seed_001s_inspections_count_by_type_and_44_of_47_prefectures_are_reached(app: TestApp) {
    let staff = app.staff();
    for i in 0..4 {
        let ministry = body(&app, &staff, &format!("省庁{i}"), "national_agency", None).await;
        let regular = inspect(&app, &staff, ministry, Some("regular"), "2019-07-01", None).await;
        assert_eq!(
            regular["legal_basis"]["article"], "番号利用法第29条の3第1項",
            "{regular}"
        );
    }
    let city = body(&app, &staff, "総合市", "local_government", Some("愛知県")).await;
    let comprehensive = inspect(
        &app,
        &staff,
        city,
        Some("comprehensive"),
        "2019-06-10",
        None,
    )
    .await;
    assert_eq!(
        comprehensive["legal_basis"]["article"],
        "番号利用法第35条第1項"
    );
    let six = ["京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "滋賀県"];
    for i in 0..18 {
        let city = body(
            &app,
            &staff,
            &format!("検査市{i}"),
            "local_government",
            Some(six[i % 6]),
        )
        .await;
        inspect(&app, &staff, city, Some("review"), "2019-08-01", None).await;
    }
    // Continued from FY2018: counted then, not again. Decoys on each side of the half.
    let continued = body(&app, &staff, "継続市", "local_government", Some("北海道")).await;
    inspect(
        &app,
        &staff,
        continued,
        Some("review"),
        "2019-03-11",
        Some("2019-04-26"),
    )
    .await;
    let later = body(&app, &staff, "下期市", "local_government", Some("沖縄県")).await;
    inspect(&app, &staff, later, Some("review"), "2019-10-01", None).await;

    let counts = app
        .get("/api/v1/oversight/inspections?period=FY2019-H1", &staff)
        .await;
    counts.assert_status(200);
    assert_eq!(
        counts.body,
        json!({"regular": 4, "comprehensive": 1, "review": 18, "review_prefectures": 6, "unspecified": 0})
    );
    // The half-year table is unchanged: 23 inspections, 4 of national bodies and 19 local.
    let summary = app
        .get("/api/v1/stats/activity?period=FY2019-H1", &staff)
        .await;
    let inspections = &summary.body["my_number"]["onsite_inspections"];
    assert_eq!(inspections["total"], 23, "{}", summary.body);
    assert_eq!(inspections["by_group"]["national"], 4);
    assert_eq!(inspections["by_group"]["local"], 19);

    // The round since FY2017: review inspections and safety-measures seminars reached every
    // prefecture but three (沖縄県's inspection comes after the day).
    let uncovered = ["秋田県", "福井県", "沖縄県"];
    for (n, prefecture) in PREFECTURES
        .iter()
        .filter(|p| !uncovered.contains(p) && !six.contains(p))
        .enumerate()
    {
        if n % 2 == 0 {
            let city = body(
                &app,
                &staff,
                &format!("{prefecture}の市"),
                "local_government",
                Some(prefecture),
            )
            .await;
            inspect(&app, &staff, city, Some("review"), "2018-02-01", None).await;
        } else {
            app.post(
                "/api/v1/events",
                &staff,
                json!({
                    "kind": "safety_seminar", "regime": "my_number", "held_on": "2018-11-20",
                    "title": "特定個人情報安全管理措置セミナー", "prefecture": prefecture,
                    "audience": "地方公共団体職員", "bodies": 12, "participants": 20
                }),
            )
            .await
            .assert_status(201);
        }
    }
    // Neither a seminar of another kind, nor one before the round, nor a comprehensive
    // inspection reaches a prefecture.
    app.post(
        "/api/v1/events",
        &staff,
        json!({
            "kind": "lecture", "regime": "my_number", "held_on": "2019-05-20",
            "title": "講師派遣", "prefecture": "秋田県", "participants": 80
        }),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/events",
        &staff,
        json!({
            "kind": "safety_seminar", "regime": "my_number", "held_on": "2017-03-31",
            "title": "前の一巡", "prefecture": "福井県", "participants": 10
        }),
    )
    .await
    .assert_status(201);
    let fukui = body(&app, &staff, "福井の市", "local_government", Some("福井県")).await;
    inspect(
        &app,
        &staff,
        fukui,
        Some("comprehensive"),
        "2019-05-01",
        None,
    )
    .await;

    let coverage = app
        .get(
            "/api/v1/oversight/coverage?since=2017-04-01&as_of=2019-09-30",
            &staff,
        )
        .await;
    coverage.assert_status(200);
    assert_eq!(coverage.body["covered_count"], 44, "{}", coverage.body);
    assert_eq!(coverage.body["of"], 47);
    assert_eq!(coverage.body["uncovered"], json!(uncovered));
    app.get(
        "/api/v1/oversight/coverage?since=2019-10-01&as_of=2019-09-30",
        &staff,
    )
    .await
    .assert_refused_field("as_of");
    app.get("/api/v1/oversight/inspections?period=2019H1", &staff)
        .await
        .assert_refused_field("period");
}

async fn inspection_types_and_events_are_refused_where_the_law_has_none(app: TestApp) {
    let staff = app.staff();
    let city = body(&app, &staff, "定期市", "local_government", Some("東京都")).await;
    let before = app.count("actions");
    // 番号利用法第29条の3第1項: a regular inspection is of 行政機関の長等.
    let refused = app
        .post(
            "/api/v1/actions",
            &staff,
            json!({
                "kind": "onsite_inspection", "regime": "my_number", "organization_id": city,
                "started_on": "2019-07-01", "inspection_type": "regular"
            }),
        )
        .await;
    refused.assert_refused_field("inspection_type");
    assert!(
        refused.field_errors("inspection_type")[0].contains("regular inspection"),
        "{}",
        refused.body
    );
    for (kind, regime) in [
        ("onsite_inspection", "appi"),
        ("report_collection", "my_number"),
    ] {
        app.post(
            "/api/v1/actions",
            &staff,
            json!({
                "kind": kind, "regime": regime, "organization_id": city,
                "started_on": "2019-07-01", "inspection_type": "review"
            }),
        )
        .await
        .assert_refused_field("inspection_type");
    }
    app.post(
        "/api/v1/actions",
        &staff,
        json!({
            "kind": "onsite_inspection", "regime": "my_number", "organization_id": city,
            "started_on": "2019-07-01", "inspection_type": "thorough"
        }),
    )
    .await
    .assert_refused_field("inspection_type");
    assert_eq!(app.count("actions"), before, "nothing kept");
    // Untyped inspections stay valid and count as unspecified.
    inspect(&app, &staff, city, None, "2019-07-02", None).await;
    let counts = app
        .get("/api/v1/oversight/inspections?period=FY2019", &staff)
        .await;
    assert_eq!(counts.body["unspecified"], 1, "{}", counts.body);

    let events = app.count("events");
    for (change, field) in [
        (json!({"regime": "appi"}), "regime"),
        (json!({"held_on": "2999-01-01"}), "held_on"),
        (json!({"prefecture": "東京"}), "prefecture"),
        (json!({"participants": -1}), "participants"),
        (json!({"kind": "party"}), "kind"),
    ] {
        let mut new = json!({
            "kind": "safety_seminar", "regime": "my_number", "held_on": "2019-07-01",
            "title": "セミナー", "participants": 10
        });
        for (k, v) in change.as_object().unwrap() {
            new[k] = v.clone();
        }
        app.post("/api/v1/events", &staff, new)
            .await
            .assert_refused_field(field);
    }
    assert_eq!(app.count("events"), events, "nothing kept");

    let organization = app.organization(&staff, "事業者", "business").await;
    let reporter = app.user(Role::Reporter, Some(organization));
    for path in [
        "/api/v1/oversight/inspections?period=FY2019",
        "/api/v1/oversight/coverage?since=2019-04-01&as_of=2019-09-30",
        "/api/v1/events",
    ] {
        app.get(path, &reporter).await.assert_status(403);
    }
}

async fn events_and_the_oversight_page_work_in_the_browser(app: TestApp) {
    let user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&user, PASSWORD).await;
    let form = browser.get("/oversight/events/new").await;
    assert_eq!(form.status, 200);
    let csrf = form.input("csrf_token");
    let refused = browser
        .post(
            "/oversight/events/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "safety_seminar"),
                ("regime", "appi"),
                ("held_on", "2019-07-10"),
                ("title", "安全管理措置セミナー"),
                ("prefecture", "高知県"),
                ("participants", "25"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(refused.html.contains("番号利用法"), "{}", refused.html);
    let before = app.count("audit_log");
    let done = browser
        .post(
            "/oversight/events/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "safety_seminar"),
                ("regime", "my_number"),
                ("held_on", "2019-07-10"),
                ("title", "安全管理措置セミナー"),
                ("prefecture", "高知県"),
                ("bodies", "9"),
                ("participants", "25"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.html);
    assert_eq!(app.count("audit_log"), before + 1, "one audit row");
    let list = browser.get("/oversight/events").await;
    assert!(
        list.html.contains("安全管理措置セミナー") && list.html.contains("高知県"),
        "{}",
        list.html
    );

    let page = browser
        .get("/oversight?period=FY2019-H1&since=2019-04-01&as_of=2019-09-30")
        .await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("47都道府県中1都道府県"), "{}", page.html);
    assert!(
        page.html
            .contains("<td class=\"covered\">○ 高知県<span class=\"visually-hidden\">（実施済み）"),
        "{}",
        page.html
    );
    assert!(
        page.html
            .contains("<td>－ 北海道<span class=\"visually-hidden\">（未実施）"),
        "{}",
        page.html
    );
    let blank = browser.get("/oversight?period=&since=&as_of=").await;
    assert_eq!(
        blank.status, 200,
        "blank fields take their defaults: {}",
        blank.html
    );
    let refused = browser.get("/oversight?period=FY2019-H3").await;
    assert_eq!(refused.status, 422);
    assert!(refused.html.contains("期間："), "{}", refused.html);
    assert!(
        refused.html.contains("value=\"FY2019-H3\""),
        "what was typed stays"
    );
}

async fn events_kept_before_come_from_files_and_their_download_imports_back(app: TestApp) {
    use crate::registers::import_csv;
    let staff = app.staff();
    let csv = "種類,法令,開催日,名称,都道府県,対象,参加機関数,参加者数\n\
講師派遣,個人情報保護法（民間部門）,2019-05-20,個人情報保護法の講演,東京都,事業者,,120\n\
特定個人情報安全管理措置セミナー,番号利用法,2019-07-10,安全管理措置セミナー,高知県,地方公共団体職員,9,25\n";
    let said = import_csv(&app, "events", csv, false);
    assert!(said.contains('2'), "{said}");
    assert_eq!(app.count("events"), 2);
    let coverage = app
        .get(
            "/api/v1/oversight/coverage?since=2019-04-01&as_of=2019-09-30",
            &staff,
        )
        .await;
    assert_eq!(
        coverage.body["covered"],
        json!(["高知県"]),
        "{}",
        coverage.body
    );
    // A refused row refuses the file, naming the row.
    let output = crate::cli::run(&app, &["import", "events", "/nonexistent.csv"], None);
    assert!(!output.status.success());
    let (status, _, download) = app.download("/api/v1/events?format=csv", &staff).await;
    assert_eq!(status.as_u16(), 200);
    let download = String::from_utf8(download).unwrap();
    let said = import_csv(&app, "events", &download, false);
    assert_eq!(app.count("events"), 2, "{said}");
    assert!(
        said.contains("duplicate") || said.contains("重複"),
        "{said}"
    );
    let bad = "種類,法令,開催日,名称,参加者数\n特定個人情報安全管理措置セミナー,個人情報保護法（民間部門）,2019-07-10,セミナー,10\n";
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(&mut file, bad.as_bytes()).unwrap();
    let output = crate::cli::run(
        &app,
        &["import", "events", file.path().to_str().unwrap()],
        None,
    );
    assert!(!output.status.success());
    assert_eq!(app.count("events"), 2, "nothing kept");
}

/// 「平成31年度検査計画に基づき…」: a plan's items, done by the inspections that name it.
async fn a_yearly_plan_shows_each_inspection_planned_and_done(app: TestApp) {
    let staff = app.staff();
    let ministry = body(&app, &staff, "某省", "national_agency", None).await;
    let city = body(&app, &staff, "総合市", "local_government", Some("愛知県")).await;
    let town = body(
        &app,
        &staff,
        "レビュー町",
        "local_government",
        Some("高知県"),
    )
    .await;
    let plan = app
        .post("/api/v1/inspection-plans", &staff, json!({
            "fiscal_year": 2019, "title": "平成31年度検査計画", "adopted_on": "2019-04-01",
            "coverage_since": "2017-04-01",
            "items": [
                {"organization_kind": "national_agency", "inspection_type": "regular", "quarter": 2},
                {"organization_id": city, "inspection_type": "comprehensive", "quarter": 1},
                {"organization_kind": "local_government", "inspection_type": "review", "quarter": 2},
                {"organization_kind": "local_government", "inspection_type": "review", "quarter": 3}
            ]
        }))
        .await;
    plan.assert_status(201);
    assert_eq!(
        (plan.body["planned"].as_u64(), plan.body["done"].as_u64()),
        (Some(4), Some(0))
    );
    let id = plan.body["id"].as_i64().unwrap();
    let planned = |organization: i64, t: &str, started_on: &str| {
        json!({
            "kind": "onsite_inspection", "regime": "my_number", "organization_id": organization,
            "started_on": started_on, "inspection_type": t, "plan_id": id
        })
    };
    for new in [
        planned(ministry, "regular", "2019-07-01"),
        planned(city, "comprehensive", "2019-06-10"),
        planned(town, "review", "2019-08-01"),
        // Started in the next fiscal year: not this plan's.
        planned(town, "review", "2020-04-06"),
    ] {
        app.post("/api/v1/actions", &staff, new)
            .await
            .assert_status(201);
    }
    let read = app
        .get(&format!("/api/v1/inspection-plans/{id}"), &staff)
        .await;
    read.assert_status(200);
    // Each item counts the inspections of its type (and body or kind) started in FY2019: the
    // town's review carries out both review items; its FY2020 review counts for neither.
    let done: Vec<u64> = read.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["done"].as_u64().unwrap())
        .collect();
    assert_eq!(done, [1, 1, 1, 1], "{}", read.body);
    assert_eq!(read.body["done"], 4);
    assert_eq!(
        read.body["items"][1]["inspections"][0]["started_on"],
        "2019-06-10"
    );

    // An action names a plan only as a typed My Number inspection, and an existing plan.
    let before = app.count("actions");
    for (new, field) in [
        (
            json!({"kind": "report_collection", "regime": "my_number", "organization_id": town,
                "started_on": "2019-08-02", "plan_id": id}),
            "plan_id",
        ),
        (
            json!({"kind": "onsite_inspection", "regime": "my_number", "organization_id": town,
                "started_on": "2019-08-02", "inspection_type": "review", "plan_id": 9_999_999}),
            "plan_id",
        ),
    ] {
        app.post("/api/v1/actions", &staff, new)
            .await
            .assert_refused_field(field);
    }
    assert_eq!(app.count("actions"), before);

    // A plan's refusals name the field and the item.
    let plans = app.count("inspection_plans");
    let item =
        json!({"organization_kind": "local_government", "inspection_type": "review", "quarter": 1});
    for (change, field) in [
        (
            json!({"items": [{"organization_id": city, "organization_kind": "local_government", "inspection_type": "review", "quarter": 1}]}),
            "items[0]",
        ),
        (
            json!({"items": [{"organization_kind": "local_government", "inspection_type": "regular", "quarter": 1}]}),
            "items[0]",
        ),
        (
            json!({"items": [{"organization_id": 9_999_999, "inspection_type": "review", "quarter": 1}]}),
            "items[0].organization_id",
        ),
        (
            json!({"items": [{"organization_kind": "local_government", "inspection_type": "review", "quarter": 5}]}),
            "items[0].quarter",
        ),
        (json!({"items": []}), "items"),
        (json!({"meeting_number": 9999}), "meeting_number"),
        (json!({"adopted_on": "2999-01-01"}), "adopted_on"),
        (json!({"title": "平成31年度検査計画"}), "title"),
    ] {
        let mut new = json!({"fiscal_year": 2019, "title": "別の計画", "adopted_on": "2019-04-01", "items": [item]});
        for (k, v) in change.as_object().unwrap() {
            new[k] = v.clone();
        }
        app.post("/api/v1/inspection-plans", &staff, new)
            .await
            .assert_refused_field(field);
    }
    assert_eq!(app.count("inspection_plans"), plans, "nothing kept");

    // In the browser: a plan typed a line an item, refused naming the line, then recorded.
    let user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&user, PASSWORD).await;
    let form = browser.get("/oversight/plans/new").await;
    assert_eq!(form.status, 200);
    let csrf = form.input("csrf_token");
    let typed = [
        ("csrf_token", csrf.as_str()),
        ("fiscal_year", "2020"),
        ("title", "令和2年度検査計画"),
        ("adopted_on", "2020-04-01"),
        (
            "items",
            "レビュー検査, 第2四半期, 地方公共団体\n\n定期的な立入検査, 1, 宇宙人",
        ),
    ];
    let refused = browser.post("/oversight/plans/new", &typed).await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(
        refused.html.contains("3行目"),
        "the line as the textarea counts it: {}",
        refused.html
    );
    let mut fixed = typed;
    fixed[4] = (
        "items",
        "レビュー検査, 第2四半期, 地方公共団体\n定期的な立入検査, 1, 国の行政機関",
    );
    let before = app.count("audit_log");
    let done = browser.post("/oversight/plans/new", &fixed).await;
    assert_eq!(done.status, 303, "{}", done.html);
    assert_eq!(app.count("audit_log"), before + 1, "one audit row");
    let page = browser.get(done.location()).await;
    assert!(
        page.html.contains("予定2件のうち0件を実施") && page.html.contains("未実施"),
        "{}",
        page.html
    );
    let page = browser.get(&format!("/oversight/plans/{id}")).await;
    assert!(
        page.html.contains("予定4件のうち4件を実施"),
        "{}",
        page.html
    );
    let list = browser.get("/oversight/plans").await;
    assert!(list.html.contains("令和2年度検査計画"), "{}", list.html);
}

/// 「地方公共団体等2,204機関から報告を受け」 (番号利用法第29条の3第2項): the FY2018 questionnaire
/// answered by the bodies, counted by the day; a late report and a draft are not received.
async fn seed_001s_periodic_reports_count_the_bodies_that_submitted_by_the_day(app: TestApp) {
    let staff = app.staff();
    let questionnaire = app
        .post("/api/v1/periodic-questionnaires", &staff, json!({
            "fiscal_year": 2018, "due_on": "2019-06-28",
            "items": [{"code": "1", "text": "基本方針を定めているか"}, {"code": "2", "text": "取扱規程を定めているか"}]
        }))
        .await;
    questionnaire.assert_status(201);
    let q = questionnaire.body["id"].as_i64().unwrap();
    app.post(
        "/api/v1/periodic-questionnaires",
        &staff,
        json!({
            "fiscal_year": 2018, "due_on": "2019-06-28", "items": [{"code": "1", "text": "x"}]
        }),
    )
    .await
    .assert_status(409);
    let refused = app
        .post(
            "/api/v1/periodic-questionnaires",
            &staff,
            json!({
                "fiscal_year": 2019, "due_on": "2019-03-31",
                "items": [{"code": "1", "text": "x"}, {"code": "1", "text": "y"}]
            }),
        )
        .await;
    refused.assert_status(422);
    assert!(
        refused.body["error"]["fields"]["items[1].code"].is_array()
            && refused.body["error"]["fields"]["due_on"].is_array(),
        "{}",
        refused.body
    );
    let mut bodies = Vec::new();
    for i in 0..12 {
        let kind = if i < 10 {
            "local_government"
        } else {
            "incorporated_agency"
        };
        bodies.push(body(&app, &staff, &format!("報告市{i}"), kind, Some("高知県")).await);
    }
    for (i, body) in bodies.iter().enumerate().take(10) {
        let day = if i == 9 { "2019-10-01" } else { "2019-06-20" };
        app.post(
            "/api/v1/periodic-reports",
            &staff,
            json!({
                "questionnaire_id": q, "organization_id": body,
                "answers": {"1": "yes", "2": if i % 2 == 0 { "no" } else { "na" }},
                "submitted_on": day
            }),
        )
        .await
        .assert_status(201);
    }
    // A reporter of a body drafts, and the draft is not a report received.
    let reporter = app.user(Role::Reporter, Some(bodies[10]));
    let draft = app
        .post("/api/v1/periodic-reports", &reporter, json!({
            "questionnaire_id": q, "organization_id": bodies[10], "answers": {"1": "yes"}, "draft": true
        }))
        .await;
    draft.assert_status(201);
    assert_eq!(draft.body["status"], "draft");
    let id = draft.body["id"].as_i64().unwrap();
    // Another body's reporter learns nothing of it; a business answers no questionnaire.
    let stranger = app.user(Role::Reporter, Some(bodies[11]));
    app.get(&format!("/api/v1/periodic-reports/{id}"), &stranger)
        .await
        .assert_status(404);
    let business = body(&app, &staff, "報告株式会社", "business", None).await;
    let refused = app
        .post("/api/v1/periodic-reports", &staff, json!({
            "questionnaire_id": q, "organization_id": business, "answers": {"1": "yes", "2": "yes"}
        }))
        .await;
    refused.assert_status(422);
    assert!(refused.body["error"]["fields"]["organization_id"].is_array());
    // Submitting needs every item answered; the draft is amended, then submitted.
    let refused = app
        .post(
            &format!("/api/v1/periodic-reports/{id}/submit"),
            &reporter,
            json!({}),
        )
        .await;
    refused.assert_status(422);
    assert!(refused.body["error"]["fields"]["answers"].is_array());
    let summary = app
        .get(
            &format!("/api/v1/periodic-questionnaires/{q}/summary?as_of=2019-09-30"),
            &staff,
        )
        .await;
    summary.assert_status(200);
    assert_eq!(summary.body["received"], 9, "{}", summary.body);
    let not_answered: Vec<i64> = summary.body["not_answered"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    for late_or_draft in [bodies[9], bodies[10], bodies[11]] {
        assert!(not_answered.contains(&late_or_draft), "{not_answered:?}");
    }
    assert!(!not_answered.contains(&business), "a business is not asked");
    assert_eq!(summary.body["tallies"]["1"]["yes"], 9);
    assert_eq!(summary.body["tallies"]["2"]["no"], 5);
    assert_eq!(summary.body["tallies"]["2"]["na"], 4);

    app.post(
        &format!("/api/v1/periodic-reports/{id}/amendments"),
        &reporter,
        json!({"answers": {"2": "yes"}}),
    )
    .await
    .assert_status(201);
    let submitted = app
        .post(
            &format!("/api/v1/periodic-reports/{id}/submit"),
            &reporter,
            json!({}),
        )
        .await;
    submitted.assert_status(200);
    assert_eq!(submitted.body["review_status"], "received");
    app.post(
        &format!("/api/v1/periodic-reports/{id}/submit"),
        &reporter,
        json!({}),
    )
    .await
    .assert_status(409);
    // A submitted report is amended with a reason, then reviewed; accepted, it takes no more.
    let refused = app
        .post(
            &format!("/api/v1/periodic-reports/{id}/amendments"),
            &reporter,
            json!({"answers": {"2": "no"}}),
        )
        .await;
    refused.assert_status(422);
    assert!(refused.body["error"]["fields"]["reason"].is_array());
    let amended = app
        .post(
            &format!("/api/v1/periodic-reports/{id}/amendments"),
            &reporter,
            json!({"answers": {"2": "no"}, "reason": "回答の誤り"}),
        )
        .await;
    amended.assert_status(201);
    assert_eq!(amended.body["version"], 2);
    app.post(
        &format!("/api/v1/periodic-reports/{id}/amendments"),
        &reporter,
        json!({"answers": {"2": "no"}, "reason": "同じ回答"}),
    )
    .await
    .assert_status(409);
    app.post(
        &format!("/api/v1/periodic-reports/{id}/reviews"),
        &reporter,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(403);
    app.post(
        &format!("/api/v1/periodic-reports/{id}/reviews"),
        &staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/periodic-reports/{id}/amendments"),
        &reporter,
        json!({"answers": {"2": "yes"}, "reason": "x"}),
    )
    .await
    .assert_status(409);
    let versions = app
        .get(
            &format!("/api/v1/periodic-reports/{id}/versions"),
            &reporter,
        )
        .await;
    assert_eq!(
        versions.body["items"].as_array().unwrap().len(),
        2,
        "{}",
        versions.body
    );
    assert_eq!(versions.body["items"][1]["changed"], json!(["answers.2"]));
    let reviews = app
        .get(&format!("/api/v1/periodic-reports/{id}/reviews"), &reporter)
        .await;
    assert_eq!(reviews.body["items"][0]["decision"], "accepted");
    assert_eq!(reviews.body["items"][0]["record_id"], id);
    let today = app
        .get(
            &format!("/api/v1/periodic-questionnaires/{q}/summary"),
            &staff,
        )
        .await;
    assert_eq!(today.body["received"], 11);
    assert_eq!(today.body["accepted"], 1);
    // The reporter's list holds its own report only.
    let own = app.get("/api/v1/periodic-reports", &reporter).await;
    assert_eq!(own.body["total"], 1, "{}", own.body);
}

/// Seed 004, 第244回: four items, the second approving 厚生労働省's 全項目評価書 (four files), the
/// fourth 「監視・監督について」 closed.
async fn seed_004s_assessment_is_approved_at_its_item_and_the_closed_item_stays_closed(
    app: TestApp,
) {
    let staff = app.staff();
    let ministry = body(&app, &staff, "厚生労働省", "national_agency", None).await;
    let city = body(&app, &staff, "評価市", "local_government", Some("高知県")).await;
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 244, "held_on": "2023-05-31"}),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 999, "held_on": "2099-01-01"}),
    )
    .await;
    let filed = app
        .post("/api/v1/pia-evaluations", &staff, json!({
            "organization_id": ministry, "level": "full", "task_name": "職業安定行政業務に関する事務",
            "files": ["雇用保険ファイル", "求職者支援ファイル", "職業紹介ファイル", "助成金ファイル"],
            "submitted_on": "2023-04-20"
        }))
        .await;
    filed.assert_status(201);
    let pia = filed.body["id"].as_i64().unwrap();
    assert_eq!(filed.body["files"].as_array().unwrap().len(), 4);
    let local = app
        .post(
            "/api/v1/pia-evaluations",
            &staff,
            json!({
                "organization_id": city, "level": "focused", "task_name": "住民基本台帳事務",
                "files": ["住民基本台帳ファイル"], "submitted_on": "2018-04-20"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    // The Commission approves a national body's full assessment, not a local one's.
    let refused = app
        .post(
            &format!("/api/v1/pia-evaluations/{local}/approval"),
            &staff,
            json!({"meeting_number": 244, "item": 2, "approved_on": "2023-05-31"}),
        )
        .await;
    refused.assert_status(409);
    assert_eq!(
        refused.body["error"]["code"], "approval_of_full_assessment",
        "{}",
        refused.body
    );
    app.post(
        &format!("/api/v1/pia-evaluations/{pia}/remarks"),
        &staff,
        json!({"text": "評価書に記載されているとおり確実に実行する必要がある"}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/pia-evaluations/{pia}/reviews"),
        &staff,
        json!({"decision": "accepted", "decided_on": "2023-05-30"}),
    )
    .await
    .assert_status(201);
    let approved = app
        .post(
            &format!("/api/v1/pia-evaluations/{pia}/approval"),
            &staff,
            json!({"meeting_number": 244, "item": 2, "approved_on": "2023-05-31"}),
        )
        .await;
    approved.assert_status(200);
    assert_eq!(approved.body["approval"]["meeting_number"], 244);
    app.post(
        &format!("/api/v1/pia-evaluations/{pia}/approval"),
        &staff,
        json!({"meeting_number": 244, "item": 2, "approved_on": "2023-05-31"}),
    )
    .await
    .assert_status(409);
    let agenda = json!({"items": [
        {"title": "デジタル社会の実現に向けた重点計画（案）に係る意見聴取について", "kind": "hearing", "closed": false, "published_on": "2023-06-09"},
        {"title": "厚生労働省（職業安定行政業務に関する事務）の全項目評価書（ハローワークシステム）について", "kind": "approval", "closed": false, "decision": "原案のとおり承認"},
        {"title": "マイナンバーカード等に係る各種事案に対する個人情報保護委員会の対応方針", "kind": "decision", "closed": false},
        {"title": "監視・監督について", "kind": "report", "closed": true, "decision": "秘匿の決定", "records": [{"kind": "case", "id": 999}]}
    ]});
    let refused = app
        .put("/api/v1/meetings/244/agenda", &staff, agenda.clone())
        .await;
    refused.assert_status(422);
    assert!(
        refused.body["error"]["fields"]["items[3].records[0]"].is_array(),
        "{}",
        refused.body
    );
    let mut agenda = agenda;
    agenda["items"][3]["records"] = json!([]);
    let set = app
        .put("/api/v1/meetings/244/agenda", &staff, agenda.clone())
        .await;
    set.assert_status(200);
    let items = set.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 4);
    assert_eq!(items[1]["records"][0]["kind"], "pia_evaluation");
    assert_eq!(items[1]["records"][0]["id"], pia);
    assert_eq!(
        items[1]["records"][0]["href"],
        format!("/oversight/pia/{pia}")
    );
    // An item kept by a PUT keeps its id (by id, or by title); one left out goes.
    let first_id = items[0]["id"].clone();
    let mut again = agenda.clone();
    again["items"][0]["id"] = first_id.clone();
    again["items"][0]["title"] = json!("議題１の新しい名称");
    let arr = again["items"].as_array_mut().unwrap();
    arr.swap(1, 2);
    let set = app.put("/api/v1/meetings/244/agenda", &staff, again).await;
    set.assert_status(200);
    assert_eq!(set.body["items"][0]["id"], first_id);
    assert_eq!(
        set.body["items"][2]["id"], items[1]["id"],
        "kept by its title, now third"
    );
    assert_eq!(
        set.body["items"][2]["records"][0]["id"], pia,
        "the approval stays with its item: {}",
        set.body
    );
    assert!(
        set.body["items"][1]["records"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let set = app.put("/api/v1/meetings/244/agenda", &staff, agenda).await;
    set.assert_status(200);
    app.put("/api/v1/meetings/245/agenda", &staff, json!({"items": []}))
        .await
        .assert_status(404);

    // The public list: held meetings only, four titles in order, the fourth closed.
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/meetings",
            None,
            None,
        )
        .await;
    public.assert_status(200);
    let meetings = public.body["items"].as_array().unwrap();
    assert_eq!(
        meetings.len(),
        1,
        "the meeting of 2099 is not held yet: {}",
        public.body
    );
    let items = meetings[0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[3]["heading"], "議題４「監視・監督について」");
    assert_eq!(items[3]["content"], "（内容について非公表）");
    assert!(
        !public.body.to_string().contains("秘匿の決定"),
        "{}",
        public.body
    );
    assert_eq!(items[1]["decision"], "原案のとおり承認");
    assert_eq!(items[0]["published_on"], "2023-06-09");
    let page = app
        .call(actix_web::http::Method::GET, "/public/meetings", None, None)
        .await;
    page.assert_status(200);

    // Publication, then the five-year list; a newer assessment of the task supersedes the last.
    app.post(
        &format!("/api/v1/pia-evaluations/{local}/publication"),
        &staff,
        json!({"published_on": "2018-06-01"}),
    )
    .await
    .assert_status(200);
    let due = app
        .get("/api/v1/pia-evaluations?reassessment_due=true", &staff)
        .await;
    assert_eq!(due.body["total"], 1, "{}", due.body);
    assert_eq!(due.body["items"][0]["id"], local);
    let newer = app
        .post(
            "/api/v1/pia-evaluations",
            &staff,
            json!({
                "organization_id": city, "level": "focused", "task_name": "住民基本台帳事務",
                "files": ["住民基本台帳ファイル"], "submitted_on": "2023-04-01"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let old = app
        .get(&format!("/api/v1/pia-evaluations/{local}"), &staff)
        .await;
    assert_eq!(old.body["superseded_by_id"], newer);
    app.post(
        &format!("/api/v1/pia-evaluations/{local}/remarks"),
        &staff,
        json!({"text": "x"}),
    )
    .await
    .assert_status(409);
    let due = app
        .get("/api/v1/pia-evaluations?reassessment_due=true", &staff)
        .await;
    assert_eq!(due.body["total"], 0, "{}", due.body);
    let download = app.get("/api/v1/pia-evaluations?format=csv", &staff).await;
    download.assert_status(200);
}

async fn periodic_reports_pia_and_agendas_work_in_the_browser(app: TestApp) {
    let staff_token = app.staff();
    let city = body(
        &app,
        &staff_token,
        "画面市",
        "local_government",
        Some("高知県"),
    )
    .await;
    let ministry = body(&app, &staff_token, "画面省", "national_agency", None).await;
    app.post(
        "/api/v1/meetings",
        &staff_token,
        json!({"number": 244, "held_on": "2023-05-31"}),
    )
    .await
    .assert_status(201);
    let user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&user, PASSWORD).await;

    // A questionnaire from the form: a line per item.
    let form = browser.get("/oversight/periodic").await;
    assert_eq!(form.status, 200, "{}", form.html);
    let csrf = form.input("csrf_token");
    let refused = browser
        .post(
            "/oversight/periodic",
            &[
                ("csrf_token", &csrf),
                ("fiscal_year", "2018"),
                ("due_on", "2019-06-28"),
                ("items", "1：基本方針\n読めない行"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    let before = app.count("audit_log");
    let done = browser
        .post(
            "/oversight/periodic",
            &[
                ("csrf_token", &csrf),
                ("fiscal_year", "2018"),
                ("due_on", "2019-06-28"),
                (
                    "items",
                    "1：基本方針を定めているか\n2：取扱規程を定めているか",
                ),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.html);
    assert_eq!(app.count("audit_log"), before + 1);

    // A body's reporter answers in the browser: started, saved as a draft, submitted.
    let reporter = app.web_user(Role::Reporter, Some(city), PASSWORD);
    let mut body_browser = Browser::new(&app);
    body_browser.login(&reporter, PASSWORD).await;
    let list = body_browser.get("/oversight/periodic/answer").await;
    assert_eq!(list.status, 200, "{}", list.html);
    let csrf_b = list.input("csrf_token");
    let before = app.count("audit_log");
    let started = body_browser
        .post(
            "/oversight/periodic/answer",
            &[("csrf_token", &csrf_b), ("questionnaire_id", "1")],
        )
        .await;
    assert_eq!(started.status, 303, "{}", started.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let report_path = "/oversight/periodic/reports/1";
    let page = body_browser.get(report_path).await;
    assert!(
        page.html.contains("基本方針を定めているか"),
        "{}",
        page.html
    );
    let refused = body_browser
        .post(
            report_path,
            &[
                ("csrf_token", &csrf_b),
                ("answer.1", "yes"),
                ("submit", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(refused.html.contains("回答："), "{}", refused.html);
    let before = app.count("audit_log");
    let saved = body_browser
        .post(
            report_path,
            &[
                ("csrf_token", &csrf_b),
                ("answer.1", "yes"),
                ("answer.2", "no"),
                ("submit", "0"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let submitted = body_browser
        .post(
            report_path,
            &[
                ("csrf_token", &csrf_b),
                ("answer.1", "yes"),
                ("answer.2", "no"),
                ("submit", "1"),
            ],
        )
        .await;
    assert_eq!(submitted.status, 303, "{}", submitted.html);

    // Staff review it on its page.
    let page = browser.get(report_path).await;
    assert!(page.html.contains("審査する"), "{}", page.html);
    let before = app.count("audit_log");
    let reviewed = browser
        .post(
            &format!("{report_path}/review"),
            &[("csrf_token", &csrf), ("decision", "accepted")],
        )
        .await;
    assert_eq!(reviewed.status, 303, "{}", reviewed.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let summary = browser.get("/oversight/periodic/1?as_of=2030-01-01").await;
    assert!(summary.html.contains("1機関"), "{}", summary.html);

    // An assessment from the list's form; its page records review, remarks, approval, publication.
    let list = browser.get("/oversight/pia").await;
    assert_eq!(list.status, 200, "{}", list.html);
    let ministry_id = ministry.to_string();
    let before = app.count("audit_log");
    let filed = browser
        .post(
            "/oversight/pia",
            &[
                ("csrf_token", &csrf),
                ("organization_id", &ministry_id),
                ("level", "full"),
                ("task_name", "画面事務"),
                ("files", "画面ファイル\n補助ファイル"),
                ("submitted_on", "2023-04-20"),
            ],
        )
        .await;
    assert_eq!(filed.status, 303, "{}", filed.html);
    assert_eq!(app.count("audit_log"), before + 1);
    for (path, form) in [
        ("/oversight/pia/1/review", vec![("decision", "accepted")]),
        (
            "/oversight/pia/1/remarks",
            vec![("text", "確実に実行すること")],
        ),
        (
            "/oversight/pia/1/approval",
            vec![
                ("meeting_number", "244"),
                ("item", "2"),
                ("approved_on", "2023-05-31"),
            ],
        ),
        (
            "/oversight/pia/1/publication",
            vec![("published_on", "2023-06-09")],
        ),
    ] {
        let mut fields = vec![("csrf_token", csrf.as_str())];
        fields.extend(form);
        let before = app.count("audit_log");
        let done = browser.post(path, &fields).await;
        assert_eq!(done.status, 303, "{path}: {}", done.html);
        assert_eq!(app.count("audit_log"), before + 1, "{path}");
    }
    let refused = browser
        .post(
            "/oversight/pia/1/publication",
            &[("csrf_token", &csrf), ("published_on", "2023-06-10")],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.html);
    let page = browser.get("/oversight/pia/1").await;
    assert!(page.html.contains("第244回委員会 議題2"), "{}", page.html);

    // The agenda from its form: the approved assessment linked from its item.
    let agenda = browser.get("/meetings/244/agenda").await;
    assert_eq!(agenda.status, 200, "{}", agenda.html);
    let before = app.count("audit_log");
    let saved = browser
        .post(
            "/meetings/244/agenda",
            &[
                ("csrf_token", &csrf),
                ("items[0].id", ""),
                ("items[0].title", "意見聴取について"),
                ("items[0].kind", "hearing"),
                ("items[0].decision", ""),
                ("items[0].records", ""),
                ("items[0].published_on", "2023-06-09"),
                ("items[1].id", ""),
                ("items[1].title", "全項目評価書について"),
                ("items[1].kind", "approval"),
                ("items[1].decision", "原案のとおり承認"),
                ("items[1].records", ""),
                ("items[1].published_on", ""),
                ("items[2].id", ""),
                ("items[2].title", "監視・監督について"),
                ("items[2].kind", "report"),
                ("items[2].closed", "true"),
                ("items[2].decision", ""),
                ("items[2].records", ""),
                ("items[2].published_on", ""),
                ("items[3].id", ""),
                ("items[3].title", ""),
                ("items[3].kind", "decision"),
                ("items[3].decision", ""),
                ("items[3].records", ""),
                ("items[3].published_on", ""),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let agenda = browser.get("/meetings/244/agenda").await;
    assert!(
        agenda.html.contains("href=\"/oversight/pia/1\""),
        "{}",
        agenda.html
    );
    let refused = browser
        .post(
            "/meetings/244/agenda",
            &[
                ("csrf_token", &csrf),
                ("items[0].id", ""),
                ("items[0].title", "x"),
                ("items[0].kind", "decision"),
                ("items[0].decision", ""),
                ("items[0].records", "case:zz"),
                ("items[0].published_on", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(
        refused.html.contains("議題1の関係する記録"),
        "{}",
        refused.html
    );

    // An assessment's document and an item's materials, from their pages: a row each.
    let before = app.count("audit_log");
    let attached = browser
        .post_multipart(
            "/oversight/pia/1/attachments",
            &[("csrf_token", &csrf)],
            &[("評価書.txt", "全項目評価書の本文".as_bytes())],
        )
        .await;
    assert_eq!(attached.status, 303, "{}", attached.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let page = browser.get("/oversight/pia/1").await;
    assert!(page.html.contains("評価書.txt"), "{}", page.html);
    let agenda = app.get("/api/v1/meetings/244/agenda", &staff_token).await;
    let (open_item, closed_item) = (
        agenda.body["items"][0]["id"].to_string(),
        agenda.body["items"][2]["id"].to_string(),
    );
    for (item, name) in [(&open_item, "資料1.txt"), (&closed_item, "監視資料.txt")] {
        let before = app.count("audit_log");
        let attached = browser
            .post_multipart(
                "/meetings/244/agenda/materials",
                &[("csrf_token", &csrf), ("item_id", item)],
                &[(name, "資料の本文".as_bytes())],
            )
            .await;
        assert_eq!(attached.status, 303, "{}", attached.html);
        assert_eq!(app.count("audit_log"), before + 1);
    }

    // Anyone reads the held meeting, the closed item by its title alone; the open item's
    // material downloads (its day has come), the closed item's never.
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/meetings",
            None,
            None,
        )
        .await;
    let items = public.body["items"][0]["items"].as_array().unwrap().clone();
    assert_eq!(
        items[0]["materials"][0]["filename"], "資料1.txt",
        "{}",
        public.body
    );
    assert!(items[2]["materials"].as_array().unwrap().is_empty());
    assert!(
        !public.body.to_string().contains("監視資料"),
        "{}",
        public.body
    );
    let href = items[0]["materials"][0]["href"]
        .as_str()
        .unwrap()
        .to_owned();
    let material = app
        .call(actix_web::http::Method::GET, &href, None, None)
        .await;
    material.assert_status(200);
    let closed_file = app
        .get(
            &format!("/api/v1/agenda-items/{closed_item}/attachments"),
            &staff_token,
        )
        .await;
    let closed_id = closed_file.body["items"][0]["id"].as_i64().unwrap();
    app.call(
        actix_web::http::Method::GET,
        &format!("/api/v1/public/meetings/materials/{closed_id}"),
        None,
        None,
    )
    .await
    .assert_status(404);
    let mut anyone = Browser::new(&app);
    let public = anyone.get("/public/meetings").await;
    assert_eq!(public.status, 200, "{}", public.html);
    assert!(
        public.html.contains("議題３「監視・監督について」"),
        "{}",
        public.html
    );
    assert!(
        public.html.contains("（内容について非公表）"),
        "{}",
        public.html
    );
}

async fn periodic_reports_and_assessments_kept_before_come_from_files(app: TestApp) {
    use crate::registers::import_csv;
    let staff = app.staff();
    body(&app, &staff, "札幌市", "local_government", Some("北海道")).await;
    body(&app, &staff, "函館市", "local_government", Some("北海道")).await;
    body(&app, &staff, "厚生労働省", "national_agency", None).await;
    app.post(
        "/api/v1/periodic-questionnaires",
        &staff,
        json!({
            "fiscal_year": 2018, "due_on": "2019-06-28",
            "items": [{"code": "1", "text": "基本方針"}, {"code": "2", "text": "取扱規程"}]
        }),
    )
    .await
    .assert_status(201);
    let csv = "調査票の番号,報告した機関,回答,提出日,受理日\n\
1,札幌市,1=はい|2=いいえ,2019-06-20,2019-07-01\n\
1,函館市,1=yes|2=na,2019-06-21,\n";
    let said = import_csv(&app, "periodic-reports", csv, false);
    assert_eq!(app.count("periodic_reports"), 2, "{said}");
    let summary = app
        .get(
            "/api/v1/periodic-questionnaires/1/summary?as_of=2019-09-30",
            &staff,
        )
        .await;
    assert_eq!(summary.body["received"], 2, "{}", summary.body);
    assert_eq!(summary.body["accepted"], 1, "{}", summary.body);
    assert_eq!(summary.body["tallies"]["2"]["na"], 1);
    // The download imports back: every row held already.
    let (status, _, download) = app
        .download("/api/v1/periodic-reports?format=csv", &staff)
        .await;
    assert_eq!(status.as_u16(), 200);
    let said = import_csv(
        &app,
        "periodic-reports",
        &String::from_utf8(download).unwrap(),
        false,
    );
    assert_eq!(app.count("periodic_reports"), 2, "{said}");
    // A cell of answers that cannot be read refuses the file, naming it.
    let bad = "調査票の番号,報告した機関,回答,提出日\n1,厚生労働省,はい,2019-06-20\n";
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(&mut file, bad.as_bytes()).unwrap();
    let output = crate::cli::run(
        &app,
        &["import", "periodic-reports", file.path().to_str().unwrap()],
        None,
    );
    let said = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("answers") || said.contains("回答"), "{said}");
    assert_eq!(app.count("periodic_reports"), 2, "nothing kept");

    let csv = "評価実施機関,評価の種類,事務の名称,特定個人情報ファイル,提出日,公表日\n\
厚生労働省,全項目評価,職業安定行政業務に関する事務,雇用保険ファイル|職業紹介ファイル,2019-04-20,2019-06-01\n";
    let said = import_csv(&app, "pia-evaluations", csv, false);
    assert_eq!(app.count("pia_evaluations"), 1, "{said}");
    let listed = app
        .get("/api/v1/pia-evaluations?reassessment_due=true", &staff)
        .await;
    assert_eq!(
        listed.body["total"], 1,
        "published 2019: five years ended: {}",
        listed.body
    );
    let (_, _, download) = app
        .download("/api/v1/pia-evaluations?format=csv", &staff)
        .await;
    let said = import_csv(
        &app,
        "pia-evaluations",
        &String::from_utf8(download).unwrap(),
        false,
    );
    assert_eq!(app.count("pia_evaluations"), 1, "{said}");
}
