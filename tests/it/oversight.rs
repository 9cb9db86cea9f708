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
