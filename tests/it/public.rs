//! The public's side (API.md "Public statistics and indicators"): published figures only, for
//! anyone, cacheable; published cases with four fields and nothing else. (isolation.rs walks every
//! public path of the document with no session and with a reporter's.)

use actix_web::http::Method;
use actix_web::test::TestRequest;
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    published_periods_are_served_to_anyone_and_cached,
    public_cases_show_four_fields_and_nothing_else,
);

/// Strings only non-public data holds.
pub(crate) const SECRETS: [&str; 6] = [
    "秘匿事業者Ａ社",
    "秘匿の概要",
    "a-secret@example.jp",
    "秘匿の問題",
    "秘匿の着眼点",
    "非公表の事案",
];

/// Entity A with a report in FY2025-Q1, a consultation, a published case about it (with a
/// problem and focus points that stay inside) and an unpublished one; both tables of FY2025-Q1
/// published. Returns A's report reference.
pub(crate) async fn scene(app: &TestApp) -> String {
    let staff = app.staff();
    let a = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "秘匿事業者Ａ社", "kind": "business",
                "contact_email": "a-secret@example.jp", "prefecture": "東京都"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let report = app
        .post(
            "/api/v1/reports",
            &staff,
            json!({"organization_id": a, "regime": "appi", "stage": "preliminary",
                "aware_on": "2025-05-01", "received_on": "2025-05-02", "summary": "秘匿の概要",
                "data_items": ["氏名"], "persons_affected": 2000, "cause": "loss",
                "sensitive_data": false, "financial_damage_risk": false,
                "unlawful_purpose": false}),
        )
        .await;
    report.assert_status(201);
    app.post(
        "/api/v1/consultations",
        &staff,
        json!({"desk": "private", "class": "complaint", "received_on": "2025-05-07",
            "categories": ["third_party_provision"], "summary": "秘匿の概要"}),
    )
    .await
    .assert_status(201);
    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "委託先における顧客情報の紛失", "summary": "外部記録媒体の紛失。",
                "response_policy": "再発防止策の報告を求める。", "as_of": "2025-06-30",
                "published": true, "problem": "秘匿の問題"}),
        )
        .await;
    case.assert_status(201);
    app.post(
        &format!("/api/v1/cases/{}/entities", case.body["id"]),
        &staff,
        json!({"organization_id": a, "role": "originator", "focus_points": "秘匿の着眼点"}),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/cases",
        &staff,
        json!({"title": "非公表の事案", "published": false}),
    )
    .await
    .assert_status(201);
    crate::public::publish_both(app, &staff, "FY2025-Q1").await;
    report.body["reference"].as_str().unwrap().to_owned()
}

/// Publishes both tables of `period`.
pub(crate) async fn publish_both(app: &TestApp, staff: &str, period: &str) {
    for kind in ["activity", "consultations"] {
        app.post(
            &format!("/api/v1/stats/{kind}/publications"),
            staff,
            json!({ "period": period }),
        )
        .await
        .assert_status(201);
    }
}

pub(crate) async fn anonymous(
    app: &TestApp,
    path: &str,
    if_none_match: Option<&str>,
) -> crate::web::Page {
    let mut request = TestRequest::get().uri(path);
    if let Some(tag) = if_none_match {
        request = request.insert_header(("If-None-Match", tag));
    }
    Browser::new(app).send(request).await
}

async fn published_periods_are_served_to_anyone_and_cached(app: TestApp) {
    scene(&app).await;
    let index = anonymous(&app, "/public/stats", None).await;
    assert_eq!(index.status, 200);
    for link in [
        "/public/stats/activity/FY2025-Q1",
        "/public/stats/consultations/FY2025-Q1",
    ] {
        assert!(index.html.contains(link), "{link} in {}", index.html);
    }
    for path in [
        "/public/stats",
        "/public/stats/activity/FY2025-Q1",
        "/public/stats/consultations/FY2025-Q1",
        "/public/stats/activity/FY2025-Q1/csv",
        "/public/stats/consultations/FY2025-Q1/csv",
        "/public/stats/activity/FY2025-Q1/xlsx",
        "/public/stats/consultations/FY2025-Q1/xlsx",
        "/public/cases",
        "/api/v1/public/stats/activity?period=FY2025-Q1",
        "/api/v1/public/stats/consultations?period=FY2025-Q1",
    ] {
        let first = anonymous(&app, path, None).await;
        assert_eq!(first.status, 200, "{path}: {}", first.html);
        let tag = first.header("etag").to_owned();
        assert!(tag.starts_with('"') && tag.len() > 10, "{path}: ETag {tag}");
        assert_eq!(
            first.header("cache-control"),
            "public, max-age=300",
            "{path}"
        );
        assert!(
            first.header("set-cookie").is_empty(),
            "{path} sets no cookie"
        );
        let again = anonymous(&app, path, Some(&tag)).await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.html.is_empty(), "{path}: a 304 has no body");
        assert_eq!(again.header("etag"), tag);
        let weak = anonymous(&app, path, Some(&format!("W/{tag}"))).await;
        assert_eq!(weak.status, 304, "{path}: If-None-Match compares weakly");
        let other = anonymous(&app, path, Some("\"another\"")).await;
        assert_eq!(other.status, 200, "{path}");
        assert_eq!(
            other.body, first.body,
            "{path}: the same bytes for everyone"
        );
    }
    let page = anonymous(&app, "/public/stats/activity/FY2025-Q1", None).await;
    assert!(page.html.contains("1件"), "{}", page.html);
    assert!(page.html.contains("公表"), "{}", page.html);
    assert!(!page.html.contains("ログアウト"));
    let json = anonymous(
        &app,
        "/api/v1/public/stats/consultations?period=FY2025-Q1",
        None,
    )
    .await;
    let body: serde_json::Value = serde_json::from_str(&json.html).unwrap();
    assert_eq!(body["desks"]["private"]["complaint"], 1);
    assert_eq!(body["period"]["id"], "FY2025-Q1");
    let csv = anonymous(&app, "/public/stats/consultations/FY2025-Q1/csv", None).await;
    assert!(
        csv.html.starts_with("\u{feff}期間,窓口,項目,件数\r\n"),
        "{}",
        csv.html
    );
    assert!(
        csv.html
            .contains("令和７年度第１四半期,個人情報保護法相談ダイヤル（民間部門）,苦情,1\r\n")
    );
    assert!(csv.header("content-type").starts_with("text/csv"));
    // The workbook is laid out like the printed page: its title, each desk's table under the
    // desk's name with its headings, the counts as numbers.
    let workbook = anonymous(&app, "/public/stats/consultations/FY2025-Q1/xlsx", None).await;
    assert_eq!(
        workbook.header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    {
        use calamine::{Data, Reader, Xlsx};
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(workbook.body.clone())).unwrap();
        let sheet = book.worksheet_range("相談").unwrap();
        let rows: Vec<Vec<Data>> = sheet.rows().map(<[Data]>::to_vec).collect();
        assert_eq!(
            rows[0][0],
            Data::String("相談等の受付状況 令和７年度第１四半期".into())
        );
        let desk = rows
            .iter()
            .position(|r| r[0] == Data::String("個人情報保護法相談ダイヤル（民間部門）".into()))
            .expect("the desk's table");
        assert_eq!(
            rows[desk + 1][..2],
            [Data::String("項目".into()), Data::String("件数".into())]
        );
        let complaint = rows[desk..]
            .iter()
            .find(|r| r[0] == Data::String("苦情".into()))
            .expect("the complaints' row");
        assert_eq!(complaint[1], Data::Float(1.0));
    }

    // Not published: 404, for the page, its CSV and the JSON; not a period: 422 naming it.
    for path in [
        "/public/stats/activity/FY2024-Q4",
        "/public/stats/activity/FY2025",
        "/public/stats/consultations/FY2025-Q2/csv",
        "/public/stats/activity/FY2025-Q2/xlsx",
        "/api/v1/public/stats/activity?period=FY2024-H2",
    ] {
        let page = anonymous(&app, path, None).await;
        assert_eq!(page.status, 404, "{path}: {}", page.html);
        assert!(!page.header("cache-control").contains("public"), "{path}");
    }
    let refused = app
        .call(
            Method::GET,
            "/api/v1/public/stats/activity?period=FY19",
            None,
            None,
        )
        .await;
    refused.assert_refused_field("period");
    app.call(Method::GET, "/api/v1/public/stats/activity", None, None)
        .await
        .assert_refused_field("period");
    let page = anonymous(&app, "/public/stats/activity/H1", None).await;
    assert_eq!(page.status, 422);
    assert!(page.html.contains("期間"), "{}", page.html);

    // The staff's page of the same period has the indicators; the public's has none.
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff, PASSWORD).await;
    let staff_page = browser.get("/stats/activity/FY2025-Q1").await;
    assert!(staff_page.html.contains("indicators-heading"));
    assert!(staff_page.html.contains("紛失"));
    assert!(!page.html.contains("indicators-heading"));
    let indicators = browser
        .get("/stats/activity/FY2025-Q1/indicators/csv")
        .await;
    assert_eq!(indicators.status, 200);
    assert!(
        indicators
            .html
            .starts_with("\u{feff}期間,指標,区分,値\r\n令和７年度第１四半期,対象の事態,件数,1\r\n"),
        "{}",
        indicators.html
    );
    assert!(indicators.html.contains(",原因別,紛失,1\r\n"));
    assert!(indicators.html.contains(",都道府県別,東京都,1\r\n"));
}

async fn public_cases_show_four_fields_and_nothing_else(app: TestApp) {
    scene(&app).await;
    let page = anonymous(&app, "/public/cases", None).await;
    assert_eq!(page.status, 200);
    for shown in [
        "委託先における顧客情報の紛失",
        "外部記録媒体の紛失。",
        "再発防止策の報告を求める。",
        "2025-06-30",
    ] {
        assert!(page.html.contains(shown), "{shown} in {}", page.html);
    }
    for secret in SECRETS {
        assert!(!page.html.contains(secret), "{secret} shown: {}", page.html);
    }
    assert!(
        !page.html.contains("/cases/"),
        "no link into the staff's case pages"
    );
    let beyond = anonymous(&app, "/public/cases?page=2", None).await;
    assert_eq!(beyond.status, 200);
    assert!(!beyond.html.contains("委託先における顧客情報の紛失"));
    assert_eq!(
        anonymous(&app, "/public/cases?page=0", None).await.status,
        422
    );
}
