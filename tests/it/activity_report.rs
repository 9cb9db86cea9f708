//! The half-year activity report, whole (issue #45; API.md "The half-year report"; seed 001):
//! every figure of 令和元年度上半期 from records entered through the API and the imports, with
//! decoys around each rule; the desks of FY2019 beside FY2025's; published, frozen, and corrected
//! only by errata.

use leakdesk::domain::access::Role;
use leakdesk::domain::prefecture::PREFECTURES;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    seed_001s_whole_report_comes_from_records,
    consultations_are_filed_under_the_desks_of_their_day,
    the_desks_migration_files_earlier_consultations_under_their_days_categories,
    the_report_is_published_and_corrected_from_its_page,
);

/// A desk's class in seed 001: its consultations and their categories (FY2019 codes), dealt out
/// so that a consultation may count in several and never twice in one.
struct Spec {
    desk: &'static str,
    class: &'static str,
    count: usize,
    categories: &'static [(&'static str, usize)],
    filler: Option<&'static str>,
}

const SEED_001: &[Spec] = &[
    // 参考１: 7,968 = 2,087 / 5,080 / 801; 開示等の請求等 (300) is a decoy below the fifth (550).
    Spec {
        desk: "private",
        class: "complaint",
        count: 2087,
        categories: &[
            ("third_party_provision", 835),
            ("purpose_of_use", 571),
            ("definitions", 118),
            ("security_measures", 309),
            ("complaint_handling", 415),
            ("disclosure", 100),
        ],
        filler: None,
    },
    Spec {
        desk: "private",
        class: "question",
        count: 5080,
        categories: &[
            ("third_party_provision", 2184),
            ("purpose_of_use", 1164),
            ("definitions", 865),
            ("security_measures", 605),
            ("complaint_handling", 132),
            ("disclosure", 200),
        ],
        filler: None,
    },
    Spec {
        desk: "private",
        class: "other",
        count: 801,
        categories: &[
            ("third_party_provision", 21),
            ("purpose_of_use", 5),
            ("definitions", 45),
            ("security_measures", 6),
            ("complaint_handling", 3),
        ],
        filler: None,
    },
    // Ⅱ参考１: 398 = 11 / 380 / 7; 委託 (10) is fewer than 苦情等窓口対応 (24); その他 (66) is
    // among the five and printed last.
    Spec {
        desk: "my_number",
        class: "complaint",
        count: 11,
        categories: &[
            ("management", 1),
            ("provision_requests", 1),
            ("leaks", 8),
            ("complaint_desk", 1),
        ],
        filler: None,
    },
    Spec {
        desk: "my_number",
        class: "question",
        count: 380,
        categories: &[
            ("management", 156),
            ("provision_requests", 99),
            ("leaks", 43),
            ("complaint_desk", 20),
            ("other", 62),
            ("outsourcing", 10),
        ],
        filler: None,
    },
    Spec {
        desk: "my_number",
        class: "other",
        count: 7,
        categories: &[("complaint_desk", 3), ("other", 4)],
        filler: None,
    },
    // 参考３: 95; その他 (7) ties 作成加工基準等 (7) and loses by the categories' order.
    Spec {
        desk: "deidentified",
        class: "question",
        count: 95,
        categories: &[
            ("proposals", 31),
            ("definitions", 24),
            ("proposal_review", 11),
            ("contracts", 10),
            ("processing_standards", 7),
            ("fees", 5),
        ],
        filler: Some("other"),
    },
];

fn deal(spec: &Spec) -> Vec<Vec<&'static str>> {
    crate::stats::deal_out(spec.count, spec.categories, spec.filler)
}

fn h1(i: usize) -> String {
    let start: chrono::NaiveDate = "2019-04-01".parse().unwrap();
    (start + chrono::Duration::days((i % 183) as i64)).to_string()
}

async fn organization(
    app: &TestApp,
    staff: &str,
    name: &str,
    kind: &str,
    prefecture: Option<&str>,
) -> i64 {
    let mut new = json!({ "name": name, "kind": kind });
    if let Some(prefecture) = prefecture {
        new["prefecture"] = json!(prefecture);
    }
    let reply = app.post("/api/v1/organizations", staff, new).await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

async fn posted(app: &TestApp, staff: &str, path: &str, body: Value) -> Value {
    let reply = app.post(path, staff, body).await;
    reply.assert_status(201);
    reply.body
}

/// Where an event was held and for whom: its prefecture, the bodies that attended.
struct Held<'a> {
    prefecture: Option<&'a str>,
    bodies: Option<i64>,
    participants: i64,
}

async fn event(
    app: &TestApp,
    staff: &str,
    kind: &str,
    regime: &str,
    held_on: &str,
    held: Held<'_>,
) {
    let Held {
        prefecture,
        bodies,
        participants,
    } = held;
    let mut new = json!({
        "kind": kind, "regime": regime, "held_on": held_on, "title": "説明会",
        "participants": participants
    });
    if let Some(prefecture) = prefecture {
        new["prefecture"] = json!(prefecture);
    }
    if let Some(bodies) = bodies {
        new["bodies"] = json!(bodies);
    }
    posted(app, staff, "/api/v1/events", new).await;
}

async fn inspect(
    app: &TestApp,
    staff: &str,
    organization: i64,
    inspection_type: &str,
    started_on: &str,
) {
    posted(
        app,
        staff,
        "/api/v1/actions",
        json!({
            "kind": "onsite_inspection", "regime": "my_number", "organization_id": organization,
            "started_on": started_on, "inspection_type": inspection_type
        }),
    )
    .await;
}

async fn my_number_report(
    app: &TestApp,
    staff: &str,
    organization: i64,
    received_on: &str,
    persons: i64,
    estimated: bool,
) {
    posted(
        app,
        staff,
        "/api/v1/reports",
        json!({
            "organization_id": organization, "regime": "my_number", "stage": "preliminary",
            "aware_on": received_on, "received_on": received_on,
            "summary": "委託先による無許諾の再委託", "data_items": ["個人番号", "氏名"],
            "persons_affected": persons, "persons_estimated": estimated,
            "cause": "other", "sensitive_data": false,
            "financial_damage_risk": false, "unlawful_purpose": false
        }),
    )
    .await;
}

async fn seed_001s_whole_report_comes_from_records(app: TestApp) {
    let staff = app.staff();

    // ── The desks' tables: 8,461 consultations from one file ─────────────────────────────────
    let mut csv = String::from("窓口,区分,受付日,類型\n");
    for spec in SEED_001 {
        for (i, categories) in deal(spec).into_iter().enumerate() {
            csv.push_str(&format!(
                "{},{},{},{}\n",
                spec.desk,
                spec.class,
                h1(i),
                categories.join("|")
            ));
        }
    }
    // Decoys: the day before the half, the day after it.
    for _ in 0..5 {
        csv.push_str("private,complaint,2019-03-31,third_party_provision\n");
    }
    for _ in 0..3 {
        csv.push_str("my_number,question,2019-10-01,management\n");
    }
    crate::registers::import_csv(&app, "consultations", &csv, false);

    // ── The registers as of 30 September ────────────────────────────────────────────────────
    let broker = organization(&app, &staff, "名簿事業者株式会社", "business", None).await;
    for (name, day) in [("届出者一", "2019-05-01"), ("届出者二", "2019-09-30")] {
        crate::registers::filed_and_accepted(&app, &staff, broker, name, day, day).await;
    }
    crate::registers::filed_and_accepted(
        &app,
        &staff,
        broker,
        "十月受理",
        "2019-09-25",
        "2019-10-01",
    )
    .await;
    let mut revoked = 0;
    for (n, accredited_on) in ["2010-04-01", "2012-04-01", "2015-04-01", "2019-10-01"]
        .iter()
        .enumerate()
    {
        let body = posted(
            &app,
            &staff,
            "/api/v1/accredited-bodies",
            json!({
                "name": format!("認定団体{n}"), "accredited_on": accredited_on,
                "sector": "情報サービス業", "scope": "対象事業者の苦情の処理"
            }),
        )
        .await;
        if n == 0 {
            revoked = body["id"].as_i64().unwrap();
        }
    }
    posted(
        &app,
        &staff,
        &format!("/api/v1/accredited-bodies/{revoked}/revocation"),
        json!({"revoked_on": "2019-09-03", "reason": "認定業務の廃止"}),
    )
    .await;
    for (n, published_on) in ["2019-05-01", "2018-07-01", "2019-10-05"]
        .iter()
        .enumerate()
    {
        let publisher =
            organization(&app, &staff, &format!("加工事業者{n}"), "business", None).await;
        posted(
            &app,
            &staff,
            "/api/v1/anonymised-publications",
            json!({
                "organization_id": publisher, "published_on": published_on,
                "location": "https://example.jp/anonymised", "data_items": ["性別"],
                "provided_to_third_parties": false
            }),
        )
        .await;
    }

    // ── Outreach: 74 lectures (10,900), 68 (7,630), 11 seminars for 124 bodies (210) ────────
    let uncovered = ["秋田県", "福井県", "沖縄県"];
    let six = ["京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "滋賀県"];
    let others: Vec<&str> = PREFECTURES
        .iter()
        .copied()
        .filter(|p| !uncovered.contains(p) && !six.contains(p))
        .collect();
    assert_eq!(others.len(), 38);
    for i in 0..74 {
        event(
            &app,
            &staff,
            "lecture",
            "appi",
            &h1(i),
            Held {
                prefecture: None,
                bodies: None,
                participants: if i == 0 { 169 } else { 147 },
            },
        )
        .await;
    }
    for i in 0..68 {
        event(
            &app,
            &staff,
            "lecture",
            "my_number",
            &h1(i),
            Held {
                prefecture: Some("秋田県"),
                bodies: None,
                participants: if i == 0 { 126 } else { 112 },
            },
        )
        .await;
    }
    for (i, prefecture) in others[..11].iter().enumerate() {
        let (bodies, participants) = if i == 0 { (14, 20) } else { (11, 19) };
        event(
            &app,
            &staff,
            "safety_seminar",
            "my_number",
            &h1(i * 10),
            Held {
                prefecture: Some(prefecture),
                bodies: Some(bodies),
                participants,
            },
        )
        .await;
    }
    // The round since FY2017 reached the others before this year (not this year's outreach).
    for prefecture in &others[11..] {
        event(
            &app,
            &staff,
            "safety_seminar",
            "my_number",
            "2018-11-20",
            Held {
                prefecture: Some(prefecture),
                bodies: Some(5),
                participants: 9,
            },
        )
        .await;
    }
    // Decoys: lectures of the year before and the half after, a seminar of another kind.
    event(
        &app,
        &staff,
        "lecture",
        "appi",
        "2019-03-29",
        Held {
            prefecture: None,
            bodies: None,
            participants: 300,
        },
    )
    .await;
    event(
        &app,
        &staff,
        "lecture",
        "my_number",
        "2019-10-02",
        Held {
            prefecture: None,
            bodies: None,
            participants: 300,
        },
    )
    .await;
    event(
        &app,
        &staff,
        "seminar",
        "my_number",
        "2019-06-01",
        Held {
            prefecture: Some("福井県"),
            bodies: Some(40),
            participants: 500,
        },
    )
    .await;

    // ── Inspections by type; the year's plan (the latest adopted) says the round began FY2017 ─
    for i in 0..4 {
        let ministry =
            organization(&app, &staff, &format!("省庁{i}"), "national_agency", None).await;
        inspect(&app, &staff, ministry, "regular", "2019-07-01").await;
    }
    let city = organization(&app, &staff, "総合市", "local_government", Some("愛知県")).await;
    inspect(&app, &staff, city, "comprehensive", "2019-06-10").await;
    for i in 0..18 {
        let city = organization(
            &app,
            &staff,
            &format!("検査市{i}"),
            "local_government",
            Some(six[i % 6]),
        )
        .await;
        inspect(&app, &staff, city, "review", "2019-08-01").await;
    }
    let continued = organization(&app, &staff, "継続市", "local_government", Some("北海道")).await;
    inspect(&app, &staff, continued, "review", "2019-03-11").await;
    let later = organization(&app, &staff, "下期市", "local_government", Some("沖縄県")).await;
    inspect(&app, &staff, later, "review", "2019-10-01").await;
    let fukui = organization(&app, &staff, "福井の市", "local_government", Some("福井県")).await;
    inspect(&app, &staff, fukui, "review", "2019-10-05").await;
    for (title, adopted_on, since) in [
        ("平成31年度検査計画（案）", "2019-03-01", "2019-04-01"),
        ("平成31年度検査計画", "2019-03-29", "2017-04-01"),
    ] {
        posted(&app, &staff, "/api/v1/inspection-plans", json!({
            "fiscal_year": 2019, "title": title, "adopted_on": adopted_on,
            "coverage_since": since,
            "items": [{"organization_kind": "national_agency", "inspection_type": "regular", "quarter": 2}]
        }))
        .await;
    }

    // ── Periodic reports on FY2018, received by 30 September ────────────────────────────────
    let questionnaire = posted(
        &app,
        &staff,
        "/api/v1/periodic-questionnaires",
        json!({
            "fiscal_year": 2018, "due_on": "2019-06-28",
            "items": [{"code": "1", "text": "基本方針を定めているか"}]
        }),
    )
    .await["id"]
        .as_i64()
        .unwrap();
    for (i, day) in ["2019-06-20", "2019-06-21", "2019-09-30", "2019-10-01"]
        .iter()
        .enumerate()
    {
        let body = organization(
            &app,
            &staff,
            &format!("報告市{i}"),
            "local_government",
            Some("高知県"),
        )
        .await;
        posted(
            &app,
            &staff,
            "/api/v1/periodic-reports",
            json!({
                "questionnaire_id": questionnaire, "organization_id": body,
                "answers": {"1": "yes"}, "submitted_on": day
            }),
        )
        .await;
    }

    // ── Other laws, certification, hearings ─────────────────────────────────────────────────
    for i in 0..15 {
        let on = match i {
            13 => "2019-03-29".to_owned(),
            14 => "2019-10-01".to_owned(),
            _ => h1(i * 10),
        };
        posted(
            &app,
            &staff,
            "/api/v1/activities",
            json!({
                "kind": "other_law_consultation", "on": on, "counterpart": "経済産業省",
                "law": "生産性向上特別措置法", "subject": format!("革新的データ産業活用計画{i}")
            }),
        )
        .await;
    }
    posted(&app, &staff, "/api/v1/activities", json!({
        "kind": "certification", "on": "2019-08-01", "counterpart": "内閣官房", "law": "生産性向上特別措置法",
        "subject": "新技術等実証計画の認定"
    }))
    .await;
    posted(&app, &staff, "/api/v1/activities", json!({
        "kind": "hearing", "on": "2019-06-10", "counterpart": "経済団体", "subject": "３年ごと見直し", "bodies": 1
    }))
    .await;
    posted(&app, &staff, "/api/v1/activities", json!({
        "kind": "hearing", "on": "2019-07-10", "counterpart": "有識者", "subject": "３年ごと見直し", "persons": 13
    }))
    .await;

    // ── The serious My Number cases, filed out of order, with decoys ────────────────────────
    let mut cities = Vec::new();
    for i in 0..7 {
        cities.push(
            organization(
                &app,
                &staff,
                &format!("重大市{i}"),
                "local_government",
                Some("東京都"),
            )
            .await,
        );
    }
    for (city, day, persons, estimated) in [
        (cities[4], "2019-08-05", 480_900, false),
        (cities[0], "2019-04-15", 33_500, false),
        (cities[2], "2019-06-10", 29_200, false),
        (cities[1], "2019-05-20", 485_500, false),
        (cities[3], "2019-07-01", 350_000, true),
        (cities[5], "2019-10-03", 200_000, false),
        (cities[6], "2019-06-01", 5, false),
    ] {
        my_number_report(&app, &staff, city, day, persons, estimated).await;
    }

    // ── The report ──────────────────────────────────────────────────────────────────────────
    let reply = app
        .get("/api/v1/stats/activity-report?period=FY2019-H1", &staff)
        .await;
    reply.assert_status(200);
    let r = &reply.body;
    assert_eq!(r["period"], "FY2019-H1");
    assert_eq!(
        r["label_ja"],
        "令和元年度上半期（平成31年４月１日～令和元年９月30日）"
    );
    assert_eq!(r["as_of"], "2019-09-30");
    assert_eq!(r["year_from"], "2019-04-01");
    assert_eq!(
        r["registers"],
        json!({"optout_notifications": 2, "accredited_bodies": 2, "accreditations_revoked": 1,
               "anonymised_publishers": 2})
    );
    assert_eq!(
        r["outreach"],
        json!({"appi_lectures": {"events": 74, "participants": 10900},
               "my_number_lectures": {"events": 68, "participants": 7630},
               "safety_seminars": {"events": 11, "bodies": 124, "participants": 210}}),
        "{r}"
    );
    assert_eq!(r["hearings"], json!({"bodies": 1, "persons": 13}));
    assert_eq!(
        r["other_laws"],
        json!({"consultations": 13, "certifications": 1})
    );
    let hotline = r["hotline"].as_array().unwrap();
    assert_eq!(hotline.len(), 3, "FY2019's three desks");
    let appi = &hotline[0];
    assert_eq!(appi["desk"], "個人情報保護法相談ダイヤル");
    assert_eq!(
        appi["leading_categories"],
        json!([
            "第三者提供",
            "利用目的",
            "定義",
            "安全管理措置",
            "苦情の処理"
        ])
    );
    let row = |table: &Value, i: usize| {
        let row = &table["rows"][i];
        let columns: Vec<u64> = table["leading_categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| row["by_category"][c.as_str().unwrap()].as_u64().unwrap())
            .collect();
        (
            row["class"].as_str().unwrap().to_owned(),
            row["total"].as_u64().unwrap(),
            columns,
        )
    };
    let total = |table: &Value| {
        let columns: Vec<u64> = table["leading_categories"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                table["total"]["by_category"][c.as_str().unwrap()]
                    .as_u64()
                    .unwrap()
            })
            .collect();
        (table["total"]["total"].as_u64().unwrap(), columns)
    };
    assert_eq!(
        row(appi, 0),
        ("苦情".into(), 2087, vec![835, 571, 118, 309, 415])
    );
    assert_eq!(
        row(appi, 1),
        ("質問".into(), 5080, vec![2184, 1164, 865, 605, 132])
    );
    assert_eq!(row(appi, 2), ("その他".into(), 801, vec![21, 5, 45, 6, 3]));
    assert_eq!(total(appi), (7968, vec![3040, 1740, 1028, 920, 550]));
    let my_number = &hotline[1];
    assert_eq!(my_number["desk"], "マイナンバー苦情あっせん相談窓口");
    assert_eq!(
        my_number["leading_categories"],
        json!([
            "管理体制",
            "提供の求め等",
            "漏えい等",
            "苦情等窓口対応",
            "その他"
        ])
    );
    assert_eq!(row(my_number, 0), ("苦情".into(), 11, vec![1, 1, 8, 1, 0]));
    assert_eq!(
        row(my_number, 1),
        ("質問・相談".into(), 380, vec![156, 99, 43, 20, 62])
    );
    assert_eq!(row(my_number, 2), ("その他".into(), 7, vec![0, 0, 0, 3, 4]));
    assert_eq!(total(my_number), (398, vec![157, 100, 51, 24, 66]));
    assert_eq!(my_number["notes"].as_array().unwrap().len(), 2);
    let deidentified = &hotline[2];
    assert_eq!(
        deidentified["desk"],
        "行政機関等非識別加工情報に関する総合案内所"
    );
    assert_eq!(
        deidentified["leading_categories"],
        json!([
            "提案募集",
            "定義",
            "提案の審査等",
            "契約関係",
            "作成加工基準等"
        ])
    );
    assert_eq!(
        row(deidentified, 0),
        ("質問・相談".into(), 95, vec![31, 24, 11, 10, 7])
    );
    assert_eq!(deidentified["rows"].as_array().unwrap().len(), 1);

    let supervision = app
        .get("/api/v1/stats/activity?period=FY2019-H1", &staff)
        .await;
    assert_eq!(
        r["supervision"], supervision.body,
        "the supervision tables as /stats/activity"
    );
    let m = &r["my_number"];
    let persons: Vec<(i64, bool)> = m["serious"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["persons_affected"].as_i64().unwrap(),
                c["estimated"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        persons,
        [
            (33_500, false),
            (485_500, false),
            (29_200, false),
            (350_000, true),
            (480_900, false)
        ],
        "in order of first receipt"
    );
    assert_eq!(
        m["inspections"],
        json!({"regular": 4, "comprehensive": 1, "review": 18, "review_prefectures": 6, "unspecified": 0})
    );
    assert_eq!(m["coverage"]["covered_count"], 44, "{m}");
    assert_eq!(m["coverage"]["of"], 47);
    assert_eq!(m["coverage"]["since"], "2017-04-01");
    assert_eq!(m["periodic_reports"], 3);

    // The second half counts its year from 1 April: the 74 lectures and the 13 consultations
    // are still there, with the decoys of October.
    let h2 = app
        .get("/api/v1/stats/activity-report?period=FY2019-H2", &staff)
        .await;
    h2.assert_status(200);
    assert_eq!(h2.body["outreach"]["appi_lectures"]["events"], 74);
    assert_eq!(h2.body["outreach"]["my_number_lectures"]["events"], 69);
    assert_eq!(h2.body["other_laws"]["consultations"], 14);
    assert_eq!(h2.body["hotline"][1]["total"]["total"], 3);

    // ── The page, laid out like the document ────────────────────────────────────────────────
    let staff_user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff_user, PASSWORD).await;
    let page = browser.get("/stats/activity-report/FY2019-H1").await;
    assert_eq!(page.status, 200, "{}", page.html);
    for text in [
        "個人情報保護法相談ダイヤルの受付件数",
        "<th scope=\"col\">第三者提供</th><th scope=\"col\">利用目的</th><th scope=\"col\">定義</th><th scope=\"col\">安全管理措置</th><th scope=\"col\">苦情の処理</th>",
        "<td>7,968</td><td>3,040</td><td>1,740</td><td>1,028</td><td>920</td><td>550</td>",
        "<td>398</td><td>157</td><td>100</td><td>51</td><td>24</td><td>66</td>",
        "行政機関等非識別加工情報に関する総合案内所の受付件数",
        "計74回、10,900名参加",
        "計68回、7,630人参加",
        "124団体",
        "47都道府県中44都道府県",
        "1団体及び13名",
    ] {
        assert!(page.html.contains(text), "{text} in the page");
    }
    assert!(page.html.contains("③29,200人分") && page.html.contains("④350,000人分（推計）"));
    let workbook = browser.get("/stats/activity-report/FY2019-H1/xlsx").await;
    assert_eq!(workbook.status, 200);
    {
        // The desks' tables as printed: 分類, 合計 and the five columns, then 計.
        use calamine::{Data, DataType, Reader, Xlsx};
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(workbook.body.clone())).unwrap();
        let desk = book.worksheet_range("相談窓口2").unwrap();
        let rows: Vec<Vec<Data>> = desk.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(
            rows[0][0],
            Data::String("マイナンバー苦情あっせん相談窓口の受付件数".into())
        );
        assert_eq!(rows[2][6], Data::String("その他".into()));
        assert_eq!(rows[6][0], Data::String("計".into()));
        let totals: Vec<f64> = rows[6][1..7]
            .iter()
            .map(|d| d.get_float().unwrap())
            .collect();
        assert_eq!(totals, [398.0, 157.0, 100.0, 51.0, 24.0, 66.0]);
        let figures = book.worksheet_range("活動実績").unwrap();
        assert!(
            figures
                .rows()
                .any(|r| r[1] == Data::String("講師派遣の参加者（名）".into())
                    && r[2].as_f64() == Some(10_900.0))
        );
    }

    // ── Published: frozen for the public; a later record shows as a difference ──────────────
    let published = app
        .post(
            "/api/v1/stats/activity-report/publications",
            &staff,
            json!({"period": "FY2019-H1"}),
        )
        .await;
    published.assert_status(201);
    app.post(
        "/api/v1/stats/activity-report/publications",
        &staff,
        json!({"period": "FY2019-H1"}),
    )
    .await
    .assert_status(409);
    posted(&app, &staff, "/api/v1/consultations", json!({
        "desk": "deidentified", "class": "question", "categories": ["proposals"], "received_on": "2019-06-03"
    }))
    .await;
    let served = app
        .get("/api/v1/stats/activity-report?period=FY2019-H1", &staff)
        .await;
    assert_eq!(
        served.body["hotline"][2]["total"]["total"], 95,
        "the published report"
    );
    assert!(
        served.body["differences"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["published"] == 95 && d["current"] == 96),
        "{}",
        served.body["differences"]
    );
    let fresh = app
        .get(
            "/api/v1/stats/activity-report?period=FY2019-H1&fresh=true",
            &staff,
        )
        .await;
    assert_eq!(fresh.body["hotline"][2]["total"]["total"], 96);

    // Errata: beside the frozen report, never in it.
    let refused = app
        .post(
            "/api/v1/stats/activity-report/errata",
            &staff,
            json!({
                "period": "FY2019-H1", "figure": "参考３ 質問・相談", "published_value": "95",
                "corrected_value": "95", "reason": "同じ"
            }),
        )
        .await;
    refused.assert_refused_field("corrected_value");
    app.post("/api/v1/stats/activity-report/errata", &staff, json!({
        "period": "FY2019-H2", "figure": "x", "published_value": "1", "corrected_value": "2", "reason": "未公表"
    }))
    .await
    .assert_status(409);
    let erratum = posted(
        &app,
        &staff,
        "/api/v1/stats/activity-report/errata",
        json!({
            "period": "FY2019-H1", "figure": "参考３ 質問・相談", "published_value": "95",
            "corrected_value": "96", "reason": "受付票の入力漏れ１件", "corrected_on": "2019-11-01"
        }),
    )
    .await;
    assert_eq!(erratum["corrected_on"], "2019-11-01");
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/stats/activity-report?period=FY2019-H1",
            None,
            None,
        )
        .await;
    public.assert_status(200);
    assert_eq!(public.body["hotline"][2]["total"]["total"], 95);
    assert_eq!(public.body["errata"][0]["corrected_value"], "96");
    assert!(public.body.get("differences").is_none());
    let mut anyone = Browser::new(&app);
    let public_page = anyone.get("/public/stats/activity-report/FY2019-H1").await;
    assert_eq!(public_page.status, 200, "{}", public_page.html);
    assert!(
        public_page.html.contains("正誤表") && public_page.html.contains("受付票の入力漏れ１件")
    );
    assert!(public_page.html.contains("<td>95</td>"));
    let index = anyone.get("/public/stats").await;
    assert!(
        index
            .html
            .contains("/public/stats/activity-report/FY2019-H1")
    );
    let reporter = app.user(Role::Reporter, Some(broker));
    app.get("/api/v1/stats/activity-report?period=FY2019-H1", &reporter)
        .await
        .assert_status(403);
}

async fn consultations_are_filed_under_the_desks_of_their_day(app: TestApp) {
    let staff = app.staff();
    let fy2019 = app
        .get("/api/v1/consultation-desks?on=2019-09-30", &staff)
        .await;
    fy2019.assert_status(200);
    let labels: Vec<&str> = fy2019
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label_ja"].as_str().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "個人情報保護法相談ダイヤル",
            "マイナンバー苦情あっせん相談窓口",
            "行政機関等非識別加工情報に関する総合案内所"
        ]
    );
    assert_eq!(
        fy2019.body[2]["classes"],
        json!([{"code": "question", "label_ja": "質問・相談"}])
    );
    let fy2025 = app
        .get("/api/v1/consultation-desks?on=2025-06-30", &staff)
        .await;
    let codes: Vec<&str> = fy2025
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["private", "public", "my_number"]);
    assert!(
        fy2025.body[0]["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["label_ja"] == "漏えい等の報告等"),
        "seed 000's categories"
    );
    // A category is named by its id too.
    let third_party = fy2019.body[0]["categories"][0]["id"].clone();
    let filed = posted(&app, &staff, "/api/v1/consultations", json!({
        "desk": "private", "class": "complaint", "categories": [third_party], "received_on": "2019-05-01"
    }))
    .await;
    assert_eq!(filed["categories"][0]["label_ja"], "第三者提供");
    assert_eq!(filed["categories"][0]["valid_to"], "2022-03-31");

    let before = app.count("consultations");
    for (body, field) in [
        (
            json!({"desk": "public", "class": "question", "categories": ["disclosure"], "received_on": "2019-07-01"}),
            "desk",
        ),
        (
            json!({"desk": "deidentified", "class": "complaint", "categories": ["proposals"], "received_on": "2019-07-01"}),
            "class",
        ),
        (
            json!({"desk": "deidentified", "class": "question", "categories": ["proposals"], "received_on": "2022-04-01"}),
            "desk",
        ),
        (
            json!({"desk": "private", "class": "question", "categories": ["leak_reporting"], "received_on": "2019-07-01"}),
            "categories",
        ),
        (
            json!({"desk": "private", "class": "question", "categories": ["complaint_handling"], "received_on": "2025-07-01"}),
            "categories",
        ),
    ] {
        let refused = app.post("/api/v1/consultations", &staff, body).await;
        refused.assert_refused_field(field);
    }
    assert_eq!(
        app.count("consultations"),
        before,
        "nothing refused was kept"
    );

    // The same code names each structure's own category: 定義 is third in FY2019, ninth today.
    let today = posted(&app, &staff, "/api/v1/consultations", json!({
        "desk": "private", "class": "question", "categories": ["definitions"], "received_on": "2025-07-01"
    }))
    .await;
    assert_eq!(today["categories"][0]["valid_from"], "2022-04-01");
    // The quarter's table shows only the categories of its days.
    let quarter = app
        .get("/api/v1/stats/consultations?period=FY2025-Q2", &staff)
        .await;
    assert!(
        quarter.body["desks"]["private"]["categories"]["question"]
            .get("complaint_handling")
            .is_none()
    );
    // A category added today belongs to today's structure; one given its days, to those.
    let added = posted(
        &app,
        &staff,
        "/api/v1/consultation-categories",
        json!({
            "desk": "private", "code": "pseudonymised", "label_ja": "仮名加工情報"
        }),
    )
    .await;
    assert_eq!(added["valid_from"], "2022-04-01");
    assert!(added["valid_to"].is_null());
    app.post("/api/v1/consultation-categories", &staff, json!({
        "desk": "private", "code": "x_old", "label_ja": "旧分類", "valid_from": "2019-04-01", "valid_to": "2019-03-31"
    }))
    .await
    .assert_refused_field("valid_to");
    app.post("/api/v1/consultation-categories", &staff, json!({
        "desk": "private", "code": "x_long", "label_ja": "長い分類", "valid_from": "2019-04-01", "valid_to": "2023-03-31"
    }))
    .await
    .assert_refused_field("valid_to");
    app.post(
        "/api/v1/consultation-categories",
        &staff,
        json!({
            "desk": "deidentified", "code": "x_now", "label_ja": "今の分類"
        }),
    )
    .await
    .assert_refused_field("desk");
    let earlier = posted(&app, &staff, "/api/v1/consultation-categories", json!({
        "desk": "private", "code": "x_earlier", "label_ja": "以前の分類", "valid_from": "2019-04-01"
    }))
    .await;
    assert_eq!(
        earlier["valid_to"], "2022-03-31",
        "an earlier structure's category ends with it"
    );
    app.post("/api/v1/consultation-categories", &staff, json!({
        "desk": "private", "code": "complaint_handling", "label_ja": "苦情の処理", "valid_from": "2017-04-01", "valid_to": "2018-03-31"
    }))
    .await
    .assert_status(409);
}

/// Migration 26 moves the links of consultations received before 2022-04-01 to the categories of
/// their day's structure, and its revert moves them back: nothing is lost either way.
async fn the_desks_migration_files_earlier_consultations_under_their_days_categories(app: TestApp) {
    let staff = app.staff();
    for (received_on, code) in [
        ("2019-05-01", "third_party_provision"),
        ("2025-05-01", "third_party_provision"),
    ] {
        posted(&app, &staff, "/api/v1/consultations", json!({
            "desk": "private", "class": "question", "categories": [code], "received_on": received_on
        }))
        .await;
    }
    let reverted = app
        .db
        .revert_migrations_through("20261207000026")
        .expect("revert the desks by period");
    assert_eq!(
        app.count("consultation_category_links"),
        2,
        "the revert keeps every link"
    );
    assert_eq!(app.db.run_migrations().unwrap().len(), reverted);
    let report = app
        .get("/api/v1/stats/activity-report?period=FY2019-H1", &staff)
        .await;
    assert_eq!(
        report.body["hotline"][0]["total"]["by_category"]["第三者提供"], 1,
        "{}",
        report.body["hotline"][0]
    );
    let quarter = app
        .get("/api/v1/stats/consultations?period=FY2025-Q1", &staff)
        .await;
    assert_eq!(
        quarter.body["desks"]["private"]["categories"]["question"]["third_party_provision"],
        1
    );
    let filed = app
        .get("/api/v1/consultations?received_to=2019-12-31", &staff)
        .await;
    assert_eq!(
        filed.body["items"][0]["categories"][0]["valid_to"],
        "2022-03-31"
    );
}

/// The pages publish a report after a confirmation and add an erratum to it, each one audited
/// change; a refused erratum is shown in Japanese and changes nothing.
async fn the_report_is_published_and_corrected_from_its_page(app: TestApp) {
    let staff_user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff_user, PASSWORD).await;
    let page = browser.get("/stats/activity-report/FY2025-H1").await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(
        page.html
            .contains("/stats/activity-report/FY2025-H1/publish")
    );
    assert!(
        !page.html.contains("正誤表に訂正を加える"),
        "nothing to correct before publication"
    );
    let confirm = browser
        .get("/stats/activity-report/FY2025-H1/publish")
        .await;
    assert!(confirm.html.contains("公表の確認"), "{}", confirm.html);
    let csrf = confirm.input("csrf_token");
    let before = app.count("audit_log");
    let published = browser
        .post(
            "/stats/activity-report/FY2025-H1/publish",
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.html);
    assert_eq!(app.count("audit_log"), before + 1);

    let page = browser.get("/stats/activity-report/FY2025-H1").await;
    assert!(page.html.contains("正誤表に訂正を加える"));
    let refused = browser
        .post(
            "/stats/activity-report/FY2025-H1/errata",
            &[
                ("csrf_token", &csrf),
                ("figure", "講師派遣（回）"),
                ("published_value", "0"),
                ("corrected_value", "0"),
                ("reason", "入力漏れ"),
                ("corrected_on", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(
        refused.html.contains("公表した値と同じです"),
        "{}",
        refused.html
    );
    assert_eq!(
        app.count("audit_log"),
        before + 1,
        "a refusal changes nothing"
    );
    let corrected = browser
        .post(
            "/stats/activity-report/FY2025-H1/errata",
            &[
                ("csrf_token", &csrf),
                ("figure", "講師派遣（回）"),
                ("published_value", "0"),
                ("corrected_value", "1"),
                ("reason", "入力漏れ"),
                ("corrected_on", ""),
            ],
        )
        .await;
    assert_eq!(corrected.status, 303, "{}", corrected.html);
    assert_eq!(app.count("audit_log"), before + 2);
    let page = browser.get("/stats/activity-report/FY2025-H1").await;
    assert!(
        page.html
            .contains("<td>講師派遣（回）</td><td>0</td><td>1</td>"),
        "{}",
        page.html
    );
}
