//! The published statistics reproduced to the digit from data entered through the HTTP API:
//! seed 001's two supervision tables for FY2019-H1 and seed 000's hotline figures for FY2025-Q1,
//! each fixture with decoys around every counting rule; and publication freezing the figures.

use chrono::{Duration, NaiveDate};
use diesel::RunQueryDsl;
use serde_json::{Value, json};

use crate::harness::{Client, TestApp, on_both_backends};

on_both_backends!(
    seed_001_fy2019_first_half_is_reproduced_exactly,
    seed_000_fy2025_first_quarter_hotline_is_reproduced_exactly,
    seed_000_quarter_imported_from_one_workbook_is_reproduced,
    published_figures_are_frozen_and_later_corrections_shown,
    category_counts_follow_the_consultations_date_and_class,
    links_made_before_the_dated_links_are_dated_by_their_migration,
    periods_are_checked_and_labelled,
    indicators_follow_the_contracts_definitions,
    kept_figures_are_served_until_a_record_they_count_changes,
);

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The `i`-th day of a period of `len` days from `start`, cycling.
fn spread(start: &str, len: i64, i: usize) -> String {
    (day(start) + Duration::days(i as i64 % len)).to_string()
}

fn report(org: i64, regime: &str, received_on: &str, extra: Value) -> Value {
    let mut body = json!({
        "organization_id": org, "regime": regime, "stage": "preliminary",
        "aware_on": received_on, "received_on": received_on,
        "summary": "誤送付", "data_items": ["氏名"], "persons_affected": 5,
        "cause": "misdelivery_mail", "sensitive_data": false,
        "financial_damage_risk": false, "unlawful_purpose": false
    });
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

fn action(kind: &str, regime: &str, org: i64, started_on: &str, extra: Value) -> Value {
    let mut body =
        json!({"kind": kind, "regime": regime, "organization_id": org, "started_on": started_on});
    for (key, value) in extra.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

/// Files a preliminary report and, when `final_on` is given, the final report completing it.
async fn incident<S, B>(client: &Client<S>, staff: &str, body: Value, final_on: Option<&str>) -> i64
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let filed = client.post(staff, "/api/v1/reports", body.clone()).await;
    if let Some(final_on) = final_on {
        let mut completion = body;
        completion["stage"] = json!("final");
        completion["preliminary_report_id"] = filed["id"].clone();
        completion["received_on"] = json!(final_on);
        client.post(staff, "/api/v1/reports", completion).await;
    }
    filed["incident_id"].as_i64().unwrap()
}

/// A private- or public-desk complaint with an eligible application for mediation; its path.
async fn mediation<S, B>(c: &Client<S>, staff: &str, applied: &str, desk: &str) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    // Each desk's category of that day (FY2019's My Number desk: 管理体制).
    let category = match desk {
        "private" => "third_party_provision",
        "my_number" if applied < "2022-04-01" => "management",
        _ => "disclosure",
    };
    let consultation = c
        .post(
            staff,
            "/api/v1/consultations",
            json!({
                "desk": desk, "class": "complaint", "categories": [category], "received_on": applied
            }),
        )
        .await;
    let application = c
        .post(
            staff,
            "/api/v1/mediations",
            json!({
                "consultation_id": consultation["id"], "applied_on": applied,
                "entity_identifiable": true, "applicant_is_party": true,
                "other_procedure_pending": false, "seeks_compensation_or_apology": false
            }),
        )
        .await;
    format!("/api/v1/mediations/{}", application["id"])
}

async fn seed_001_fy2019_first_half_is_reproduced_exactly(app: TestApp) {
    let staff = app.staff();
    let c = app.client().await;
    let h1 = |i: usize| spread("2019-04-01", 183, i);

    // ── APPI: 549 incidents received directly in the half ─────────────────────────────────
    let mut businesses = Vec::new();
    for i in 0..30 {
        businesses.push(
            c.organization(&staff, &format!("株式会社事業者{i:02}"), "business")
                .await,
        );
    }
    for i in 0..549 {
        let received = h1(i);
        // Forty chains complete within the half: counted once, by their first report.
        let final_on = (i < 40).then(|| {
            (day(&received) + Duration::days(1))
                .min(day("2019-09-30"))
                .to_string()
        });
        incident(
            &c,
            &staff,
            report(businesses[i % 30], "appi", &received, json!({})),
            final_on.as_deref(),
        )
        .await;
    }
    // Decoys: first reported in FY2018 and completed in the half; reported in the second half;
    // received through a delegated minister; a public-sector report.
    for (i, business) in businesses.iter().enumerate().take(10) {
        let received = spread("2019-03-20", 10, i);
        incident(
            &c,
            &staff,
            report(*business, "appi", &received, json!({})),
            Some("2019-04-10"),
        )
        .await;
    }
    for business in &businesses[..5] {
        incident(
            &c,
            &staff,
            report(*business, "appi", "2019-10-01", json!({})),
            None,
        )
        .await;
    }
    for (i, business) in businesses.iter().enumerate().take(12) {
        incident(
            &c,
            &staff,
            report(
                *business,
                "appi",
                &h1(i),
                json!({"received_via": "delegated"}),
            ),
            None,
        )
        .await;
    }

    // ── My Number: 3 national bodies / 19, 44 local governments / 52, 20 businesses / 27 ───
    let national = [
        c.organization(&staff, "国の行政機関A", "national_agency")
            .await,
        c.organization(&staff, "独立行政法人B", "incorporated_agency")
            .await,
        c.organization(&staff, "国の行政機関C", "national_agency")
            .await,
    ];
    let mut locals = Vec::new();
    for i in 0..44 {
        locals.push(
            c.organization(&staff, &format!("市町村{i:02}"), "local_government")
                .await,
        );
    }
    let mut n = 0;
    for (org, count) in [(national[0], 10), (national[1], 5), (national[2], 4)] {
        for k in 0..count {
            // One serious situation: more than 100 persons.
            let persons = if org == national[0] && k == 0 { 150 } else { 3 };
            incident(
                &c,
                &staff,
                report(
                    org,
                    "my_number",
                    &h1(n),
                    json!({"persons_affected": persons}),
                ),
                None,
            )
            .await;
            n += 1;
        }
    }
    let serious_grounds = [
        json!({"persons_affected": 500}),
        json!({"network_system": true}),
        json!({"publicly_viewable": true}),
        json!({"unlawful_purpose": true, "cause": "unauthorized_access"}),
    ];
    for (i, org) in locals.iter().enumerate() {
        let extra = serious_grounds
            .get(i)
            .cloned()
            .unwrap_or(json!({"sensitive_data": i == 4}));
        incident(
            &c,
            &staff,
            report(*org, "my_number", &h1(i), extra),
            (i == 5).then_some("2019-09-30"),
        )
        .await;
        if i < 8 {
            incident(
                &c,
                &staff,
                report(*org, "my_number", &h1(i + 50), json!({})),
                None,
            )
            .await;
        }
    }
    for i in 0..27 {
        // 100 persons is not more than 100: no serious situation among the businesses.
        incident(
            &c,
            &staff,
            report(
                businesses[i % 20],
                "my_number",
                &h1(i),
                json!({"persons_affected": 100}),
            ),
            None,
        )
        .await;
    }
    // Decoys: an entity whose chain began in FY2018, one that reported only in the second half.
    let decoy_city = c
        .organization(&staff, "年度前報告市", "local_government")
        .await;
    incident(
        &c,
        &staff,
        report(
            decoy_city,
            "my_number",
            "2019-03-30",
            json!({"persons_affected": 900}),
        ),
        Some("2019-04-20"),
    )
    .await;
    let decoy_firm = c
        .organization(&staff, "下半期報告株式会社", "business")
        .await;
    incident(
        &c,
        &staff,
        report(decoy_firm, "my_number", "2019-10-05", json!({})),
        None,
    )
    .await;

    // ── Actions ─────────────────────────────────────────────────────────────────────────────
    c.post(
        &staff,
        "/api/v1/meetings",
        json!({"number": 100, "held_on": "2019-05-01"}),
    )
    .await;
    c.post(
        &staff,
        "/api/v1/actions",
        action(
            "recommendation",
            "appi",
            businesses[0],
            "2019-05-20",
            json!({"meeting_number": 100}),
        ),
    )
    .await;
    for (org, on) in [(businesses[0], "2019-05-10"), (businesses[1], "2019-07-01")] {
        c.post(
            &staff,
            "/api/v1/actions",
            action("onsite_inspection", "appi", org, on, json!({})),
        )
        .await;
    }
    // Continued from FY2018: counted when it started, not again.
    c.post(
        &staff,
        "/api/v1/actions",
        action(
            "onsite_inspection",
            "appi",
            businesses[2],
            "2019-02-01",
            json!({"ended_on": "2019-06-01"}),
        ),
    )
    .await;
    for i in 0..171 {
        c.post(
            &staff,
            "/api/v1/actions",
            action(
                "report_collection",
                "appi",
                businesses[i % 30],
                &h1(i),
                json!({}),
            ),
        )
        .await;
    }
    for (i, business) in businesses.iter().enumerate().take(3) {
        c.post(
            &staff,
            "/api/v1/actions",
            action(
                "report_collection",
                "appi",
                *business,
                &h1(i),
                json!({"performed_by": "delegated_minister"}),
            ),
        )
        .await;
    }
    for i in 0..55 {
        c.post(
            &staff,
            "/api/v1/actions",
            action("guidance", "appi", businesses[i % 30], &h1(i), json!({})),
        )
        .await;
    }
    c.post(
        &staff,
        "/api/v1/actions",
        action("guidance", "appi", businesses[0], "2019-10-02", json!({})),
    )
    .await;
    for org in &locals[..4] {
        c.post(
            &staff,
            "/api/v1/actions",
            action("guidance", "appi_public", *org, "2019-06-03", json!({})),
        )
        .await;
    }
    let inspected = [national[0], national[1], national[2], national[0]]
        .into_iter()
        .chain(locals[..19].iter().copied());
    for (i, org) in inspected.enumerate() {
        c.post(
            &staff,
            "/api/v1/actions",
            action(
                "onsite_inspection",
                "my_number",
                org,
                &h1(i),
                json!({"ended_on": "2019-09-30"}),
            ),
        )
        .await;
    }
    c.post(
        &staff,
        "/api/v1/actions",
        action(
            "onsite_inspection",
            "my_number",
            locals[20],
            "2019-03-01",
            json!({"ended_on": "2019-05-10"}),
        ),
    )
    .await;
    c.post(
        &staff,
        "/api/v1/actions",
        action(
            "onsite_inspection",
            "my_number",
            locals[21],
            "2019-10-10",
            json!({}),
        ),
    )
    .await;
    for i in 0..21 {
        c.post(
            &staff,
            "/api/v1/actions",
            action("guidance", "my_number", locals[i % 44], &h1(i), json!({})),
        )
        .await;
    }

    // ── Mediations: 7 started in the half on private-sector complaints ──────────────────────
    for i in 0..7 {
        let path = mediation(&c, &staff, &h1(i * 20), "private").await;
        c.patch(&staff, &path, json!({"started_on": h1(i * 20 + 3)}))
            .await;
    }
    let later = mediation(&c, &staff, "2019-09-25", "private").await;
    c.patch(&staff, &later, json!({"started_on": "2019-10-03"}))
        .await;
    let declined = mediation(&c, &staff, "2019-06-01", "private").await;
    c.patch(
        &staff,
        &declined,
        json!({"declined_on": "2019-06-05", "reason": "訴訟係属中"}),
    )
    .await;
    let earlier = mediation(&c, &staff, "2019-02-05", "private").await;
    c.patch(&staff, &earlier, json!({"started_on": "2019-02-10"}))
        .await;
    // FY2019 had no public-sector desk: a My Number desk's mediation counts under its Act.
    let my_number_mediation = mediation(&c, &staff, "2019-07-01", "my_number").await;
    c.patch(
        &staff,
        &my_number_mediation,
        json!({"started_on": "2019-07-02"}),
    )
    .await;

    // ── The summary ─────────────────────────────────────────────────────────────────────────
    let reply = app
        .get("/api/v1/stats/activity?period=FY2019-H1", &staff)
        .await;
    reply.assert_status(200);
    let s = &reply.body;
    assert_eq!(
        s["period"],
        json!({"id": "FY2019-H1", "from": "2019-04-01", "to": "2019-09-30",
               "label_ja": "令和元年度上半期（平成31年４月１日～令和元年９月30日）"})
    );
    assert_eq!(
        s["appi"],
        json!({"leak_reports": 549, "recommendations": 1, "orders": 0, "emergency_orders": 0,
               "onsite_inspections": 2, "report_collections": 171, "guidance": 55, "mediations": 7,
               "publications": 0,
               "delegated": {"leak_reports": 12, "report_collections": 3, "onsite_inspections": 0}})
    );
    assert_eq!(
        s["appi_public"],
        json!({"leak_reports": 0, "recommendations": 0, "onsite_inspections": 0,
               "report_collections": 0, "guidance": 4, "mediations": 0})
    );
    assert_eq!(
        s["my_number"],
        json!({
            "leak_reports": {"entities": 67, "reports": 98, "serious": 5,
                             "by_group": {"national": {"entities": 3, "reports": 19, "serious": 1},
                                          "local": {"entities": 44, "reports": 52, "serious": 4},
                                          "business": {"entities": 20, "reports": 27, "serious": 0}}},
            "onsite_inspections": {"total": 23, "by_group": {"national": 4, "local": 19, "business": 0}},
            "report_collections": 0, "guidance": 21, "recommendations": 0, "orders": 0,
            "emergency_orders": 0, "mediations": 1
        })
    );

    // The same figures as CSV and from the command line.
    let csv = app
        .send(
            actix_web::test::TestRequest::get()
                .uri("/api/v1/stats/activity?period=FY2019-H1&format=csv")
                .insert_header(("Authorization", format!("Bearer {staff}"))),
        )
        .await;
    csv.assert_status(200);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_leakdesk"))
        .args(["stats", "activity", "--period", "FY2019-H1"])
        .env("DATABASE_URL", &app.url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8(output.stdout).unwrap();
    for line in [
        "令和元年度上半期（平成31年４月１日～令和元年９月30日）",
        "個人データの漏えい等事案の報告の受付  549件",
        "勧告  1件",
        "立入検査  2件",
        "報告徴収  171件",
        "指導・助言  55件",
        "苦情のあっせん  7件",
        "67機関、98件（うち「重大な事態」に該当：5件）",
        "行政機関等：3機関、19件（うち「重大な事態」に該当：1件）",
        "地方公共団体：44機関、52件（うち「重大な事態」に該当：4件）",
        "事業者：20機関、27件",
        "立入検査の実施  23件（内訳）行政機関等4件、地方公共団体19件",
        "指導・助言等  21件",
    ] {
        assert!(table.contains(line), "{line} in\n{table}");
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_leakdesk"))
        .args([
            "stats",
            "activity",
            "--period",
            "FY2019-H1",
            "--format",
            "csv",
        ])
        .env("DATABASE_URL", &app.url)
        .env("RUST_LOG", "warn")
        .output()
        .unwrap();
    let cli_csv = String::from_utf8(output.stdout).unwrap();
    assert!(
        cli_csv.contains("FY2019-H1,appi.leak_reports,549"),
        "{cli_csv}"
    );
    assert!(cli_csv.contains("FY2019-H1,my_number.leak_reports.by_group.local.entities,44"));

    // ── Published: the public reads 549 for good; one more report, and staff see 550 ────────
    app.post(
        "/api/v1/stats/activity/publications",
        &staff,
        json!({"period": "FY2019-H1"}),
    )
    .await
    .assert_status(201);
    incident(
        &c,
        &staff,
        report(businesses[0], "appi", "2019-06-03", json!({})),
        None,
    )
    .await;
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/stats/activity?period=FY2019-H1",
            None,
            None,
        )
        .await;
    public.assert_status(200);
    assert_eq!(public.body["appi"]["leak_reports"], 549);
    assert_eq!(public.body["my_number"]["leak_reports"]["entities"], 67);
    assert!(public.body["published_at"].is_string());
    assert!(public.body.get("published_by_user_id").is_none());
    assert!(public.body.get("differences").is_none());
    let fresh = app
        .get("/api/v1/stats/activity?period=FY2019-H1&fresh=true", &staff)
        .await;
    assert_eq!(fresh.body["appi"]["leak_reports"], 550);

    let mut anyone = crate::web::Browser::new(&app);
    let page = anyone.get("/public/stats/activity/FY2019-H1").await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("549件"), "{}", page.html);
    assert!(
        !page.html.contains("550"),
        "nothing entered after publication"
    );
    assert!(page.header("set-cookie").is_empty());
    let staff_user = app.web_user(
        leakdesk::domain::access::Role::Staff,
        None,
        crate::web::PASSWORD,
    );
    let mut browser = crate::web::Browser::new(&app);
    browser.login(&staff_user, crate::web::PASSWORD).await;
    let staff_page = browser.get("/stats/activity/FY2019-H1").await;
    assert!(
        staff_page.html.contains("<td>549</td><td>550</td>"),
        "the staff page shows the published and the current figure"
    );
    assert!(staff_page.html.contains("indicators-heading"));
    let csv = anyone.get("/public/stats/activity/FY2019-H1/csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.html.starts_with('\u{feff}'), "a BOM");
    assert!(
        csv.html.contains("期間,表,対応事項,件数\r\n"),
        "{}",
        csv.html
    );
    assert!(csv.html.contains(
        "令和元年度上半期,個人情報の取扱いに関する監督に係る処理状況,個人データの漏えい等事案の報告の受付,549\r\n"
    ));
    assert!(
        csv.header("content-disposition")
            .contains("activity-FY2019-H1.csv")
    );
}

/// Seed 000, FY2025-Q1: per desk and class, the count and the published categories.
struct DeskClass {
    desk: &'static str,
    class: &'static str,
    count: usize,
    categories: &'static [(&'static str, usize)],
    /// For consultations the published categories do not cover.
    filler: Option<&'static str>,
}

const SEED_000: &[DeskClass] = &[
    DeskClass {
        desk: "private",
        class: "complaint",
        count: 1865,
        filler: None,
        categories: &[
            ("third_party_provision", 647),
            ("purpose_of_use", 587),
            ("disclosure", 265),
            ("leak_reporting", 204),
            ("security_measures", 187),
            ("accuracy", 153),
            ("improper_use", 12),
            ("proper_acquisition", 25),
        ],
    },
    DeskClass {
        desk: "private",
        class: "question",
        count: 2982,
        filler: Some("person_related_information"),
        categories: &[
            ("leak_reporting", 894),
            ("third_party_provision", 854),
            ("purpose_of_use", 475),
            ("definitions", 473),
            ("security_measures", 239),
        ],
    },
    DeskClass {
        desk: "private",
        class: "other",
        count: 232,
        filler: None,
        categories: &[],
    },
    DeskClass {
        desk: "public",
        class: "complaint",
        count: 403,
        filler: Some("definitions"),
        categories: &[
            ("use_and_provision_limits", 183),
            ("disclosure", 77),
            ("retention_limits", 42),
            ("leak_reporting", 36),
            ("security_measures", 19),
        ],
    },
    DeskClass {
        desk: "public",
        class: "question",
        count: 422,
        filler: Some("security_measures"),
        categories: &[
            ("use_and_provision_limits", 110),
            ("leak_reporting", 94),
            ("disclosure", 85),
            ("definitions", 62),
            ("retention_limits", 24),
        ],
    },
    DeskClass {
        desk: "public",
        class: "other",
        count: 125,
        filler: None,
        categories: &[],
    },
    DeskClass {
        desk: "my_number",
        class: "complaint",
        count: 37,
        filler: Some("other"),
        categories: &[
            ("provision_requests", 10),
            ("collection_limits", 8),
            ("security_measures", 8),
            ("leak_reporting", 5),
            ("provision_limits", 2),
        ],
    },
    DeskClass {
        desk: "my_number",
        class: "question",
        count: 217,
        filler: Some("provision_requests"),
        categories: &[
            ("security_measures", 65),
            ("collection_limits", 31),
            ("provision_limits", 30),
            ("leak_reporting", 30),
            ("other", 26),
        ],
    },
    DeskClass {
        desk: "my_number",
        class: "other",
        count: 120,
        filler: None,
        categories: &[],
    },
];

/// Each consultation's categories: the published counts dealt out in turn, so a category never
/// lands twice on one consultation and a consultation may count in several.
fn deal(spec: &DeskClass) -> Vec<Vec<&'static str>> {
    deal_out(spec.count, spec.categories, spec.filler)
}

/// `count` consultations' categories: each category's count dealt out in turn (a consultation may
/// count in several, never twice in one); those left without one get `filler`.
pub(crate) fn deal_out(
    count: usize,
    categories: &[(&'static str, usize)],
    filler: Option<&'static str>,
) -> Vec<Vec<&'static str>> {
    let mut hands: Vec<Vec<&'static str>> = vec![Vec::new(); count];
    let tokens = categories
        .iter()
        .flat_map(|(code, n)| std::iter::repeat_n(*code, *n));
    for (i, code) in tokens.enumerate() {
        hands[i % count].push(code);
    }
    for hand in &mut hands {
        if hand.is_empty()
            && let Some(filler) = filler
        {
            hand.push(filler);
        }
    }
    hands
}

async fn seed_000_fy2025_first_quarter_hotline_is_reproduced_exactly(app: TestApp) {
    let staff = app.staff();
    let c = app.client().await;
    let mut complaints = Vec::new();
    for spec in SEED_000 {
        for (i, categories) in deal(spec).into_iter().enumerate() {
            let answer = c
                .post(
                    &staff,
                    "/api/v1/consultations",
                    json!({
                        "desk": spec.desk, "class": spec.class, "categories": categories,
                        "received_on": spread("2025-04-01", 91, i)
                    }),
                )
                .await;
            if spec.desk == "private" && spec.class == "complaint" && complaints.len() < 8 {
                complaints.push(answer["id"].as_i64().unwrap());
            }
        }
    }
    // Eight applications for mediation at the private-sector desk.
    for id in complaints {
        c.post(
            &staff,
            "/api/v1/mediations",
            json!({
                "consultation_id": id, "applied_on": "2025-06-30",
                "entity_identifiable": true, "applicant_is_party": true,
                "other_procedure_pending": false, "seeks_compensation_or_apology": true
            }),
        )
        .await;
    }
    // Decoys: FY2024 (the previous fiscal year, for 四半期換算) and the second quarter.
    for (class, count) in [("complaint", 10), ("question", 5), ("other", 3)] {
        for _ in 0..count {
            let categories = if class == "other" {
                json!([])
            } else {
                json!(["disclosure"])
            };
            c.post(&staff, "/api/v1/consultations", json!({
                "desk": "private", "class": class, "categories": categories, "received_on": "2025-03-31"
            })).await;
        }
    }
    for _ in 0..2 {
        c.post(&staff, "/api/v1/consultations", json!({
            "desk": "public", "class": "question", "categories": ["disclosure"], "received_on": "2025-07-01"
        })).await;
    }

    let reply = app
        .get("/api/v1/stats/consultations?period=FY2025-Q1", &staff)
        .await;
    reply.assert_status(200);
    let s = &reply.body;
    assert_eq!(
        s["period"]["label_ja"],
        "令和７年度第１四半期（令和７年４月１日～令和７年６月30日）"
    );
    assert_eq!(s["working_days"], 62);
    seed_000_quarter_figures(s);
    assert_eq!(s["desks"]["private"]["mediation_applications"], 8);
    assert_eq!(s["desks"]["my_number"]["mediation_applications"], 0);
    assert_eq!(s["desks"]["private"]["mediations_started"], 0);
    assert_eq!(s["desks"]["private"]["previous_fy_quarterly"]["all"], 5);
    assert_eq!(s["desks"]["public"]["previous_fy_quarterly"]["all"], 0);
}

async fn published_figures_are_frozen_and_later_corrections_shown(app: TestApp) {
    let staff = app.staff();
    let c = app.client().await;
    let org = c.organization(&staff, "公表確認株式会社", "business").await;
    for i in 0..3 {
        incident(
            &c,
            &staff,
            report(org, "appi", &spread("2019-04-01", 30, i), json!({})),
            None,
        )
        .await;
    }
    let published = app
        .post(
            "/api/v1/stats/activity/publications",
            &staff,
            json!({"period": "FY2019-H1"}),
        )
        .await;
    published.assert_status(201);
    assert_eq!(published.body["appi"]["leak_reports"], 3);
    app.post(
        "/api/v1/stats/activity/publications",
        &staff,
        json!({"period": "FY2019-H1"}),
    )
    .await
    .assert_status(409);
    app.post(
        "/api/v1/stats/activity/publications",
        &staff,
        json!({"period": "H1"}),
    )
    .await
    .assert_refused_field("period");

    // A late back-filled report corrects the half: the published figure stays, the change shows.
    incident(
        &c,
        &staff,
        report(org, "appi", "2019-05-15", json!({})),
        None,
    )
    .await;
    let served = app
        .get("/api/v1/stats/activity?period=FY2019-H1", &staff)
        .await;
    assert_eq!(served.body["appi"]["leak_reports"], 3, "as published");
    assert!(served.body["publication"]["published_at"].is_string());
    assert_eq!(
        served.body["differences"],
        json!([{"path": "appi.leak_reports", "published": 3, "current": 4}])
    );
    let fresh = app
        .get("/api/v1/stats/activity?period=FY2019-H1&fresh=true", &staff)
        .await;
    assert_eq!(fresh.body["appi"]["leak_reports"], 4);
    assert!(fresh.body.get("publication").is_none());
    // Other periods are computed as before.
    let other = app
        .get("/api/v1/stats/activity?period=FY2019", &staff)
        .await;
    assert_eq!(other.body["appi"]["leak_reports"], 4);
    app.post(
        "/api/v1/stats/consultations/publications",
        &staff,
        json!({"period": "FY2025-Q1"}),
    )
    .await
    .assert_status(201);
    let hotline = app
        .get("/api/v1/stats/consultations?period=FY2025-Q1", &staff)
        .await;
    assert_eq!(hotline.body["differences"], json!([]));
}

/// Files a private-desk consultation in two categories; returns its id.
async fn private_consultation(app: &TestApp, staff: &str, received_on: &str, class: &str) -> i64 {
    let reply = app
        .post(
            "/api/v1/consultations",
            staff,
            json!({
                "desk": "private", "class": class, "received_on": received_on,
                "categories": ["third_party_provision", "purpose_of_use"]
            }),
        )
        .await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

/// The private desk's category counts (class → code → count) for a period.
async fn private_categories(app: &TestApp, staff: &str, period: &str) -> Value {
    let reply = app
        .get(
            &format!("/api/v1/stats/consultations?period={period}"),
            staff,
        )
        .await;
    reply.assert_status(200);
    reply.body["desks"]["private"]["categories"].clone()
}

/// The category counts read each link's copy of its consultation's date and class (migration
/// 10). A correction of the consultation, even one made in the database, carries to its links,
/// and a link that disagrees with its consultation cannot be written.
async fn category_counts_follow_the_consultations_date_and_class(app: TestApp) {
    let staff = app.staff();
    let id = private_consultation(&app, &staff, "2025-06-30", "complaint").await;
    let q1 = private_categories(&app, &staff, "FY2025-Q1").await;
    assert_eq!(q1["complaint"]["third_party_provision"], 1);
    assert_eq!(q1["complaint"]["purpose_of_use"], 1);
    assert_eq!(q1["question"]["third_party_provision"], 0);

    app.execute(&format!(
        "UPDATE consultations SET received_on = '2025-07-01', class = 'question' WHERE id = {id}"
    ));
    let q1 = private_categories(&app, &staff, "FY2025-Q1").await;
    assert_eq!(q1["complaint"]["third_party_provision"], 0);
    assert_eq!(q1["complaint"]["purpose_of_use"], 0);
    let q2 = private_categories(&app, &staff, "FY2025-Q2").await;
    assert_eq!(q2["question"]["third_party_provision"], 1);
    assert_eq!(q2["question"]["purpose_of_use"], 1);
    assert_eq!(q2["complaint"]["third_party_provision"], 0);

    for sql in [
        format!(
            "UPDATE consultation_category_links SET received_on = '2025-06-30' \
             WHERE consultation_id = {id}"
        ),
        format!(
            "UPDATE consultation_category_links SET class = 'complaint' WHERE consultation_id = {id}"
        ),
        format!(
            "INSERT INTO consultation_category_links \
             (consultation_id, category_id, received_on, class) \
             SELECT {id}, id, '2025-04-01', 'question' FROM consultation_categories \
             WHERE desk = 'private' AND code = 'disclosure'"
        ),
    ] {
        let refused = app
            .db
            .read_blocking(|conn| Ok(diesel::sql_query(&sql).execute(conn)?));
        assert!(refused.is_err(), "the database refuses: {sql}");
    }
    assert_eq!(
        private_categories(&app, &staff, "FY2025-Q2").await["question"]["purpose_of_use"],
        1
    );
    assert_eq!(app.count("consultation_category_links"), 2);
}

/// Migration 10 gives the links made before it their consultation's date and class, and its
/// revert keeps them.
async fn links_made_before_the_dated_links_are_dated_by_their_migration(app: TestApp) {
    let staff = app.staff();
    for (received_on, class) in [("2025-06-30", "complaint"), ("2025-04-01", "question")] {
        private_consultation(&app, &staff, received_on, class).await;
    }
    let reverted = app
        .db
        .revert_migrations_through("20261123000010")
        .expect("revert the dated links");
    assert_eq!(
        app.count("consultation_category_links"),
        4,
        "the revert keeps every link"
    );
    assert_eq!(app.db.run_migrations().unwrap().len(), reverted);
    assert_eq!(app.count("consultation_category_links"), 4);
    let categories = private_categories(&app, &staff, "FY2025-Q1").await;
    for class in ["complaint", "question"] {
        for code in ["third_party_provision", "purpose_of_use"] {
            assert_eq!(categories[class][code], 1, "{class} {code}");
        }
    }
}

async fn periods_are_checked_and_labelled(app: TestApp) {
    let staff = app.staff();
    for (query, field) in [
        ("", "period"),
        ("period=2019H1", "period"),
        ("period=FY2019-Q5", "period"),
        ("from=2019-05-01", "to"),
        ("to=2019-05-01", "from"),
        ("from=2019-05-01&to=2019-04-01", "to"),
        ("from=0001-01-01&to=9999-12-31", "to"),
        ("period=FY2019&from=2019-04-01&to=2019-05-01", "period"),
        ("period=FY2019&format=xml", "format"),
    ] {
        app.get(&format!("/api/v1/stats/activity?{query}"), &staff)
            .await
            .assert_refused_field(field);
    }
    let range = app
        .get(
            "/api/v1/stats/activity?from=2019-04-01&to=2019-09-30",
            &staff,
        )
        .await;
    range.assert_status(200);
    assert_eq!(
        range.body["period"]["label_ja"],
        "平成31年４月１日～令和元年９月30日"
    );
    let h2 = app
        .get("/api/v1/stats/consultations?period=FY2019-H2", &staff)
        .await;
    assert_eq!(
        h2.body["period"]["label_ja"],
        "令和元年度下半期（令和元年10月１日～令和２年３月31日）"
    );
    let org = app.organization(&staff, "報告者", "business").await;
    let reporter = app.user(leakdesk::domain::access::Role::Reporter, Some(org));
    app.get("/api/v1/stats/activity?period=FY2019", &reporter)
        .await
        .assert_status(403);
}

/// The indicators of API.md over a half-year built so that each has a known value: aware on
/// Monday 2 June 2025, the preliminary benchmark is 6 June (day 5), the final report due on
/// 1 July (day 30).
async fn indicators_follow_the_contracts_definitions(app: TestApp) {
    let staff = app.staff();
    let c = app.client().await;
    let register = |name: &str, kind: &str, prefecture: Option<&str>| {
        let mut body = json!({"name": name, "kind": kind});
        if let Some(prefecture) = prefecture {
            body["prefecture"] = json!(prefecture);
        }
        body
    };
    let mut registered = Vec::new();
    for (name, kind, prefecture) in [
        ("株式会社東京", "business", Some("東京都")),
        ("愛知市", "local_government", Some("愛知県")),
        ("株式会社所在不明", "business", None),
    ] {
        let body = register(name, kind, prefecture);
        registered.push(
            c.post(&staff, "/api/v1/organizations", body).await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let [tokyo, aichi, nowhere] = <[i64; 3]>::try_from(registered).unwrap();
    // Sensitive data: every incident is reportable.
    let file = |org: i64, received: &str, cause: &str| {
        report(
            org,
            "appi",
            received,
            json!({"aware_on": "2025-06-02", "cause": cause, "sensitive_data": true}),
        )
    };
    let complete = |preliminary: &Value, received: &str, cause: &str| {
        let mut body = preliminary.clone();
        body["stage"] = json!("final");
        body["received_on"] = json!(received);
        body["cause"] = json!(cause);
        body
    };
    /// Organization, preliminary report received and its cause, final report received and cause.
    type Filing<'a> = (i64, &'a str, &'a str, Option<(&'a str, &'a str)>);
    let incidents: [Filing; 5] = [
        // Day 5: on time; final before its due day (18 days).
        (tokyo, "2025-06-06", "loss", Some(("2025-06-20", "loss"))),
        // Day 6: late; final on its due day (29 days).
        (tokyo, "2025-06-07", "loss", Some(("2025-07-01", "loss"))),
        // Day 5; final a day late (30 days), its cause the incident's.
        (
            aichi,
            "2025-06-06",
            "other",
            Some(("2025-07-02", "wrong_issuance")),
        ),
        // Day 2; the final report never came and is past due.
        (aichi, "2025-06-03", "malware", None),
        // Day 6: late; final 23 days.
        (nowhere, "2025-06-07", "loss", Some(("2025-06-25", "theft"))),
    ];
    // Decoys: first received in the next half-year.
    let later = || {
        let mut later = file(tokyo, "2025-10-10", "theft");
        later["aware_on"] = json!("2025-10-08");
        later
    };
    for (n, (org, received, cause, last)) in incidents.into_iter().enumerate() {
        // One decoy among the half-year's incidents (its id between theirs).
        if n == 2 {
            c.post(&staff, "/api/v1/reports", later()).await;
        }
        let body = file(org, received, cause);
        let filed = c.post(&staff, "/api/v1/reports", body.clone()).await;
        if let Some((final_on, final_cause)) = last {
            let mut completion = complete(&body, final_on, final_cause);
            completion["preliminary_report_id"] = filed["id"].clone();
            c.post(&staff, "/api/v1/reports", completion).await;
        }
    }
    c.post(&staff, "/api/v1/reports", later()).await;

    let reply = app
        .get("/api/v1/stats/indicators?period=FY2025-H1", &staff)
        .await;
    reply.assert_status(200);
    let body = &reply.body;
    assert_eq!(body["period"]["id"], "FY2025-H1");
    assert_eq!(body["incidents"], 5);
    assert_eq!(
        body["preliminary_on_time"],
        json!({"count": 3, "of": 5, "rate": 0.6})
    );
    assert_eq!(
        body["final_on_time"],
        json!({"count": 3, "of": 5, "rate": 0.6})
    );
    // Days: 4, 5, 4, 1, 5 → median 4; nearest rank ⌈4.5⌉ = 5th: 5.
    assert_eq!(
        body["days_to_preliminary"],
        json!({"median": 4.0, "p90": 5})
    );
    // Days: 18, 29, 30, 23 → median (23 + 29) / 2 = 26; ⌈3.6⌉ = 4th: 30.
    assert_eq!(body["days_to_final"], json!({"median": 26.0, "p90": 30}));
    assert_eq!(
        body["by_cause"],
        json!({"loss": 2, "wrong_issuance": 1, "malware": 1, "theft": 1})
    );
    assert_eq!(body["by_group"], json!({"business": 3, "local": 2}));
    assert_eq!(body["by_prefecture"], json!({"東京都": 2, "愛知県": 2}));
    assert_eq!(body["overdue_now"], 1);

    // An incident of the half-year entered after many of the next (back-filled): the same
    // figures with it, however its ids are spread.
    for _ in 0..12 {
        c.post(&staff, "/api/v1/reports", later()).await;
    }
    c.post(
        &staff,
        "/api/v1/reports",
        file(tokyo, "2025-06-06", "malware"),
    )
    .await;
    let reply = app
        .get("/api/v1/stats/indicators?period=FY2025-H1", &staff)
        .await;
    let body = &reply.body;
    assert_eq!(body["incidents"], 6);
    assert_eq!(
        body["preliminary_on_time"],
        json!({"count": 4, "of": 6, "rate": 0.667})
    );
    assert_eq!(
        body["final_on_time"],
        json!({"count": 3, "of": 6, "rate": 0.5})
    );
    assert_eq!(
        body["by_cause"],
        json!({"loss": 2, "wrong_issuance": 1, "malware": 2, "theft": 1})
    );
    assert_eq!(body["by_prefecture"], json!({"東京都": 3, "愛知県": 2}));
    assert_eq!(body["overdue_now"], 2);

    // A half-year without incidents: nothing to share, no rates.
    let empty = app
        .get("/api/v1/stats/indicators?period=FY2024-H1", &staff)
        .await;
    assert_eq!(
        empty.body["preliminary_on_time"],
        json!({"count": 0, "of": 0, "rate": null})
    );
    assert_eq!(
        empty.body["days_to_final"],
        json!({"median": null, "p90": null})
    );
    // Refused: a bad period (naming the field), and anyone but staff.
    let bad = app
        .get("/api/v1/stats/indicators?period=FY2025-H3", &staff)
        .await;
    bad.assert_status(422);
    assert!(!bad.field_errors("period").is_empty(), "{}", bad.body);
    let reporter = app.user(leakdesk::domain::access::Role::Reporter, Some(tokyo));
    app.get("/api/v1/stats/indicators?period=FY2025-H1", &reporter)
        .await
        .assert_status(403);
}

/// A period's summary and indicators are kept once computed (migration 17) and served again only
/// while none of the tables they are counted from has been written: the kept figures are forged
/// here to see which answer is the kept one.
async fn kept_figures_are_served_until_a_record_they_count_changes(app: TestApp) {
    let staff = app.staff();
    let c = app.client().await;
    let org = c.organization(&staff, "保管確認株式会社", "business").await;
    for i in 0..2 {
        incident(
            &c,
            &staff,
            report(org, "appi", &spread("2019-04-01", 30, i), json!({})),
            None,
        )
        .await;
    }
    let activity = "/api/v1/stats/activity?period=FY2019-H1";
    let indicators = "/api/v1/stats/indicators?period=FY2019-H1";
    assert_eq!(leaks(&app, &staff, activity).await, 2);
    assert_eq!(counted(&app, &staff, indicators).await, 2);
    assert_eq!(
        app.query_strings("SELECT name AS v FROM derived_figures ORDER BY name"),
        ["activity FY2019-H1", "indicators FY2019-H1"]
    );
    forge(&app, 2);
    assert_eq!(leaks(&app, &staff, activity).await, 99, "served as kept");
    assert_eq!(
        counted(&app, &staff, indicators).await,
        77,
        "served as kept"
    );

    // A write to a table they are counted from, even one no command made, retires both.
    app.execute(&format!(
        "UPDATE organizations SET prefecture = '東京都' WHERE id = {org}"
    ));
    assert_eq!(leaks(&app, &staff, activity).await, 2);
    assert_eq!(counted(&app, &staff, indicators).await, 2);

    // A report filed through the API likewise; the indicators also on another day.
    forge(&app, 2);
    incident(
        &c,
        &staff,
        report(org, "appi", "2019-05-15", json!({})),
        None,
    )
    .await;
    assert_eq!(leaks(&app, &staff, activity).await, 3);
    assert_eq!(counted(&app, &staff, indicators).await, 3);
    app.execute(
        "UPDATE derived_figures SET as_of = '2000-01-01', \
         body = replace(body, '\"incidents\":3', '\"incidents\":77') \
         WHERE name = 'indicators FY2019-H1'",
    );
    assert_eq!(
        counted(&app, &staff, indicators).await,
        3,
        "kept for another day"
    );

    // A write elsewhere (a case) leaves them kept.
    forge(&app, 3);
    app.post("/api/v1/cases", &staff, json!({"title": "保管確認の事案"}))
        .await
        .assert_status(201);
    assert_eq!(leaks(&app, &staff, activity).await, 99);

    // PostgreSQL adds a row per writing statement; a figure computed folds them into one a
    // table, and the sums, so the kept figures, stay as they were.
    if app.backend() == leakdesk::db::Backend::Postgres {
        app.execute(
            "INSERT INTO table_changes (name, weight) \
             SELECT 'probe', 1 FROM generate_series(1, 300)",
        );
        assert_eq!(
            counted(&app, &staff, "/api/v1/stats/indicators?period=FY2019-H2").await,
            0
        );
        assert_eq!(app.count("table_changes WHERE name = 'probe'"), 1);
        assert_eq!(
            app.query_strings(
                "SELECT CAST(weight AS TEXT) AS v FROM table_changes WHERE name = 'probe'"
            ),
            ["300"]
        );
        assert_eq!(
            leaks(&app, &staff, activity).await,
            99,
            "still kept after folding"
        );
    }
}

/// Forges the kept figures that say `count`: 99 leak reports, 77 incidents.
fn forge(app: &TestApp, count: u32) {
    app.execute(&format!(
        "UPDATE derived_figures SET body = \
         replace(replace(body, '\"leak_reports\":{count}', '\"leak_reports\":99'), \
         '\"incidents\":{count}', '\"incidents\":77')"
    ));
}

async fn leaks(app: &TestApp, staff: &str, path: &str) -> Value {
    app.get(path, staff).await.body["appi"]["leak_reports"].clone()
}

async fn counted(app: &TestApp, staff: &str, path: &str) -> Value {
    app.get(path, staff).await.body["incidents"].clone()
}

/// Seed 000's quarter as a desk would keep it: one workbook, a row a consultation, the desks and
/// classes by their Japanese labels, the day of receipt a date cell, the categories by code
/// separated by `|` — with the previous fiscal year's and the next quarter's rows among them.
async fn seed_000_quarter_imported_from_one_workbook_is_reproduced(app: TestApp) {
    use leakdesk::domain::hotline::{ConsultationClass, Desk};
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    use std::io::Write;
    let staff = app.staff();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("相談受付簿").unwrap();
    let day_cell = Format::new().set_num_format("yyyy/mm/dd");
    for (column, heading) in ["窓口", "区分", "受付日", "類型", "相談の内容"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    let mut rows: Vec<(String, String, String, String)> = Vec::new();
    for spec in SEED_000 {
        for (i, categories) in deal(spec).into_iter().enumerate() {
            rows.push((
                spec.desk.to_owned(),
                spec.class.to_owned(),
                spread("2025-04-01", 91, i),
                categories.join("|"),
            ));
        }
    }
    for (class, count) in [("complaint", 10), ("question", 5), ("other", 3)] {
        let categories = if class == "other" { "" } else { "disclosure" };
        for _ in 0..count {
            rows.push((
                "private".into(),
                class.into(),
                "2025-03-31".into(),
                categories.into(),
            ));
        }
    }
    for _ in 0..2 {
        rows.push((
            "public".into(),
            "question".into(),
            "2025-07-01".into(),
            "disclosure".into(),
        ));
    }
    for (index, (desk, class, received, categories)) in rows.iter().enumerate() {
        let at = index as u32 + 1;
        let desk = Desk::parse(desk).unwrap();
        let class = ConsultationClass::parse(class).unwrap();
        sheet.write_string(at, 0, desk.label_ja()).unwrap();
        sheet.write_string(at, 1, class.label_ja()).unwrap();
        let d = day(received);
        let cell = ExcelDateTime::from_ymd(
            u16::try_from(chrono::Datelike::year(&d)).unwrap(),
            chrono::Datelike::month(&d) as u8,
            chrono::Datelike::day(&d) as u8,
        )
        .unwrap();
        sheet
            .write_datetime_with_format(at, 2, &cell, &day_cell)
            .unwrap();
        if !categories.is_empty() {
            sheet.write_string(at, 3, categories).unwrap();
        }
        sheet.write_string(at, 4, format!("相談 {at}")).unwrap();
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&book.save_to_buffer().unwrap()).unwrap();
    let path = file.path().to_str().unwrap();

    let dry = crate::cli::run(&app, &["import", "consultations", path, "--dry-run"], None);
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert_eq!(app.count("consultations"), 0);
    let done = crate::cli::run(&app, &["import", "consultations", path], None);
    let said = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        said.contains("imported 6423 consultation(s)") && said.contains("(XLSX sheet 相談受付簿)"),
        "{said}"
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'import' AND entity_type = 'consultation'"),
        6423
    );

    let reply = app
        .get("/api/v1/stats/consultations?period=FY2025-Q1", &staff)
        .await;
    reply.assert_status(200);
    seed_000_quarter_figures(&reply.body);
}

/// Seed 000's published figures of the FY2025 first quarter: the four totals, the daily
/// averages, the previous fiscal year's quarterly average, every desk's figures and every category's count.
fn seed_000_quarter_figures(s: &Value) {
    assert_eq!(
        s["total"],
        json!({"all": 6403, "complaint": 2305, "question": 3621, "other": 477})
    );
    assert_eq!(
        s["daily_average"],
        json!({"all": 103, "complaint": 37, "question": 58, "other": 7})
    );
    assert_eq!(
        s["previous_fy_quarterly"],
        json!({"all": 5, "complaint": 3, "question": 1, "other": 1})
    );
    for (desk, all, complaint, question, other) in [
        ("private", 5079, 1865, 2982, 232),
        ("public", 950, 403, 422, 125),
        ("my_number", 374, 37, 217, 120),
    ] {
        let d = &s["desks"][desk];
        assert_eq!(
            [&d["all"], &d["complaint"], &d["question"], &d["other"]],
            [
                &json!(all),
                &json!(complaint),
                &json!(question),
                &json!(other)
            ],
            "{desk}"
        );
    }
    for spec in SEED_000 {
        for (code, count) in spec.categories {
            assert_eq!(
                s["desks"][spec.desk]["categories"][spec.class][code], *count,
                "{} {} {code}",
                spec.desk, spec.class
            );
        }
    }
}
