//! Search and related reports over HTTP (API.md, "Search"), on both backends: Japanese matched
//! width- and case-insensitively inside words, every term required, exact names first, a
//! reporter's search held to its own reports, the index kept with every edit, hostile queries
//! refused or empty, and the reports of one contractor's failure related to each other.

use fantoccini::Locator;
use leakdesk::db::Actor;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::accessibility::{assert_accessible, axe_source};
use crate::browser::{browser, driver, login, logout, screenshot};
use crate::harness::{TestApp, on_both_backends};
use crate::process::Server;
use crate::web::{Browser, PASSWORD};
use crate::workspace::{follow, id_in, path, submit, text_of};

on_both_backends!(
    each_query_finds_its_report_and_nothing_else,
    a_reporter_finds_only_its_own_reports,
    organizations_cases_and_consultations_are_found_exact_names_first,
    edits_and_amendments_are_searchable_at_once,
    hostile_queries_are_refused_or_find_nothing,
    results_page_with_a_total,
    many_matches_are_paged_newest_first,
    the_index_is_rebuilt_from_the_records,
    one_contractors_failure_relates_its_reports,
    staff_and_reporters_search_in_the_browser,
);

fn report(organization_id: i64, summary: &str, changes: Value) -> Value {
    let mut body = json!({
        "organization_id": organization_id,
        "regime": "appi",
        "stage": "preliminary",
        "aware_on": "2025-04-01",
        "occurred_on": "2025-03-31",
        "summary": summary,
        "data_items": ["氏名", "住所"],
        "persons_affected": 10,
        "persons_estimated": false,
        "cause": "loss",
        "sensitive_data": false,
        "financial_damage_risk": false,
        "unlawful_purpose": false
    });
    for (key, value) in changes.as_object().unwrap() {
        body[key] = value.clone();
    }
    body
}

async fn file(app: &TestApp, token: &str, body: Value) -> i64 {
    let reply = app.post("/api/v1/reports", token, body).await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

/// The (kind, id) of each result of a search.
async fn found(app: &TestApp, token: &str, query: &str) -> Vec<(String, i64)> {
    let reply = app
        .get(&format!("/api/v1/search?q={}", encode(query)), token)
        .await;
    reply.assert_status(200);
    let items = reply.body["items"].as_array().unwrap();
    assert_eq!(
        reply.body["total"].as_i64().unwrap(),
        items.len() as i64,
        "{query}: one page holds them all"
    );
    items
        .iter()
        .map(|item| {
            (
                item["kind"].as_str().unwrap().to_owned(),
                item["id"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

struct Three {
    staff: String,
    business: i64,
    convenience: i64,
    usb: i64,
    roster: i64,
}

async fn three_reports(app: &TestApp) -> Three {
    let staff = app.staff();
    let business = app.organization(&staff, "株式会社検索", "business").await;
    let convenience = file(
        app,
        &staff,
        report(business, "コンビニ交付で住民票を誤交付した。", json!({})),
    )
    .await;
    let usb = file(
        app,
        &staff,
        report(business, "ＵＳＢメモリを紛失した。", json!({})),
    )
    .await;
    let roster = file(
        app,
        &staff,
        report(business, "顧客名簿を誤って廃棄した。", json!({})),
    )
    .await;
    Three {
        staff,
        business,
        convenience,
        usb,
        roster,
    }
}

async fn each_query_finds_its_report_and_nothing_else(app: TestApp) {
    let t = three_reports(&app).await;
    let report = |id| vec![("report".to_owned(), id)];
    assert_eq!(found(&app, &t.staff, "誤交付").await, report(t.convenience));
    assert_eq!(found(&app, &t.staff, "ｺﾝﾋﾞﾆ").await, report(t.convenience));
    assert_eq!(found(&app, &t.staff, "usb 紛失").await, report(t.usb));
    assert_eq!(found(&app, &t.staff, "ＵＳＢ").await, report(t.usb));
    assert_eq!(found(&app, &t.staff, "名簿").await, report(t.roster));
    // Inside a word, and every term must match.
    assert_eq!(found(&app, &t.staff, "住民").await, report(t.convenience));
    assert_eq!(found(&app, &t.staff, "usb 名簿").await, vec![]);
    // The snippet is the passage, in NFKC form.
    let reference = app
        .get(&format!("/api/v1/reports/{}", t.usb), &t.staff)
        .await;
    let reference = reference.body["reference"].as_str().unwrap().to_owned();
    let reply = app
        .get(&format!("/api/v1/search?q={}", encode("usb")), &t.staff)
        .await;
    assert_eq!(
        reply.body["items"][0]["snippet"],
        "USBメモリを紛失した。 氏名、住所"
    );
    assert_eq!(reply.body["items"][0]["title"], reference.as_str());
    assert_eq!(reply.body["total_exact"], true);
    // The kind filter.
    let reply = app
        .get(
            &format!("/api/v1/search?q={}&kind=case", encode("名簿")),
            &t.staff,
        )
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["total"], 0);
    let _ = t.business;
}

async fn a_reporter_finds_only_its_own_reports(app: TestApp) {
    let t = three_reports(&app).await;
    let other = app.organization(&t.staff, "他社株式会社", "business").await;
    let own = file(
        &app,
        &t.staff,
        report(other, "他社の顧客名簿が流出した。", json!({})),
    )
    .await;
    let foreign = app.user(Role::Reporter, Some(other));
    for query in ["誤交付", "ｺﾝﾋﾞﾆ", "usb 紛失", "検索"] {
        let reply = app
            .get(&format!("/api/v1/search?q={}", encode(query)), &foreign)
            .await;
        reply.assert_status(200);
        assert_eq!(reply.body["total"], 0, "{query}");
        assert_eq!(reply.body["items"], json!([]), "{query}");
    }
    // Its own report, and no organization, case or consultation even when asked for.
    assert_eq!(
        found(&app, &foreign, "名簿").await,
        vec![("report".to_owned(), own)]
    );
    assert_eq!(
        found(&app, &foreign, "他社").await,
        vec![("report".to_owned(), own)]
    );
    let reply = app
        .get(
            &format!("/api/v1/search?q={}&kind=organization", encode("他社")),
            &foreign,
        )
        .await;
    assert_eq!(reply.body["total"], 0);
    // The staff see both roster reports.
    assert_eq!(found(&app, &t.staff, "名簿").await.len(), 2);
}

async fn organizations_cases_and_consultations_are_found_exact_names_first(app: TestApp) {
    let staff = app.staff();
    let shop = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "ｺﾝﾋﾞﾆ商事株式会社", "kind": "business",
                   "corporate_number": "1180301018771", "contact_email": "Privacy@Example.JP"}),
        )
        .await;
    shop.assert_status(201);
    let shop = shop.body["id"].as_i64().unwrap();
    let org = |id| ("organization".to_owned(), id);
    assert_eq!(found(&app, &staff, "コンビニ").await, vec![org(shop)]);
    assert_eq!(found(&app, &staff, "1180301018771").await, vec![org(shop)]);
    assert_eq!(
        found(&app, &staff, "privacy@example").await,
        vec![org(shop)]
    );

    let case = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "証明書の誤交付", "summary": "コンビニ交付サービスで証明書を誤交付",
                   "problem": "委託先の品質管理", "response_policy": "報告徴収を実施"}),
        )
        .await;
    case.assert_status(201);
    let case = case.body["id"].as_i64().unwrap();
    let later = app
        .post(
            "/api/v1/cases",
            &staff,
            json!({"title": "別件", "summary": "これも証明書の誤交付の件"}),
        )
        .await;
    let later = later.body["id"].as_i64().unwrap();
    // The case named exactly so comes first, though the other is newer.
    assert_eq!(
        found(&app, &staff, "証明書の誤交付").await,
        vec![("case".to_owned(), case), ("case".to_owned(), later)]
    );
    assert_eq!(
        found(&app, &staff, "品質管理").await,
        vec![("case".to_owned(), case)]
    );
    assert_eq!(
        found(&app, &staff, "報告徴収").await,
        vec![("case".to_owned(), case)]
    );

    let consultation = app
        .post(
            "/api/v1/consultations",
            &staff,
            json!({"desk": "private", "class": "question", "categories": ["third_party_provision"],
                   "received_on": "2025-04-10", "summary": "退職者が顧客リストを持ち出した",
                   "advice": "漏えい等報告の要否を案内"}),
        )
        .await;
    consultation.assert_status(201);
    let consultation = consultation.body["id"].as_i64().unwrap();
    assert_eq!(
        found(&app, &staff, "持ち出し").await,
        vec![("consultation".to_owned(), consultation)]
    );
    assert_eq!(
        found(&app, &staff, "要否").await,
        vec![("consultation".to_owned(), consultation)]
    );
}

async fn edits_and_amendments_are_searchable_at_once(app: TestApp) {
    let t = three_reports(&app).await;
    let amended = app
        .post(
            &format!("/api/v1/reports/{}/amendments", t.usb),
            &t.staff,
            json!({"reason": "概要の訂正", "summary": "ＳＤカードを紛失した。"}),
        )
        .await;
    amended.assert_status(201);
    assert_eq!(found(&app, &t.staff, "usb").await, vec![]);
    assert_eq!(
        found(&app, &t.staff, "sdカード").await,
        vec![("report".to_owned(), t.usb)]
    );

    let organization = app
        .patch(
            &format!("/api/v1/organizations/{}", t.business),
            &t.staff,
            json!({"name": "株式会社改名後"}),
        )
        .await;
    organization.assert_status(200);
    assert_eq!(
        found(&app, &t.staff, "改名後").await,
        vec![("organization".to_owned(), t.business)]
    );
    assert_eq!(found(&app, &t.staff, "株式会社検索").await, vec![]);

    let case = app
        .post("/api/v1/cases", &t.staff, json!({"title": "旧題"}))
        .await;
    let case = case.body["id"].as_i64().unwrap();
    app.patch(
        &format!("/api/v1/cases/{case}"),
        &t.staff,
        json!({"title": "新しい題", "response_policy": "指導を検討"}),
    )
    .await
    .assert_status(200);
    assert_eq!(found(&app, &t.staff, "旧題").await, vec![]);
    assert_eq!(
        found(&app, &t.staff, "指導を検討").await,
        vec![("case".to_owned(), case)]
    );
    // One index row a record, whatever was edited.
    assert_eq!(app.count("search_entries WHERE kind = 'report'"), 3);
    assert_eq!(app.count("search_entries WHERE kind = 'case'"), 1);
}

async fn hostile_queries_are_refused_or_find_nothing(app: TestApp) {
    let t = three_reports(&app).await;
    let long = "x".repeat(10_000);
    let refused = [
        ("", "blank"),
        ("%20%E3%80%80", "blank"),
        ("a", "at least 2 characters"),
        ("%E8%AA%A4", "at least 2 characters"),
        ("usb%20a", "at least 2 characters"),
        (long.as_str(), "at most 200 characters"),
        (
            "a1%20b2%20c3%20d4%20e5%20f6%20g7%20h8%20i9",
            "at most 8 words",
        ),
    ];
    for (q, message) in refused {
        let reply = app.get(&format!("/api/v1/search?q={q}"), &t.staff).await;
        assert_eq!(reply.status, 422, "{q:.40}: {}", reply.body);
        let messages = reply.field_errors("q");
        assert!(
            messages.iter().any(|m| m.contains(message)),
            "{q:.40}: {messages:?}"
        );
    }
    let missing = app.get("/api/v1/search", &t.staff).await;
    assert_eq!(missing.status, 422);
    for q in [
        "%25%25",
        "__",
        "%5C%5C",
        "%22%22",
        "%27%27",
        "NEAR(",
        "%22usb",
        "usb*",
        "-usb",
        "OR%20AND",
        "ab%00cd",
        "%E2%80%AE%E2%80%AE",
        "%F0%9F%98%80%F0%9F%98%80",
        // Invalid UTF-8 reads as replacement characters, which no text holds.
        "%FF%FE",
    ] {
        let reply = app.get(&format!("/api/v1/search?q={q}"), &t.staff).await;
        assert_eq!(reply.status, 200, "{q}: {}", reply.body);
        assert_eq!(reply.body["total"], 0, "{q}");
    }
    // Wildcards and quotes match themselves.
    let odd = file(
        &app,
        &t.staff,
        report(t.business, "100%_達成 \"引用\" usb*の件", json!({})),
    )
    .await;
    for q in ["%25_", "%22%E5%BC%95%E7%94%A8%22", "usb*"] {
        assert_eq!(
            found(&app, &t.staff, &percent_decoded(q)).await,
            vec![("report".to_owned(), odd)],
            "{q}"
        );
    }
}

fn percent_decoded(q: &str) -> String {
    form_urlencoded::parse(format!("q={q}").as_bytes())
        .next()
        .unwrap()
        .1
        .into_owned()
}

async fn results_page_with_a_total(app: TestApp) {
    let staff = app.staff();
    let business = app.organization(&staff, "株式会社頁", "business").await;
    let mut ids = Vec::new();
    for n in 0..7 {
        ids.push(
            file(
                &app,
                &staff,
                report(business, &format!("誤送信 その{n}"), json!({})),
            )
            .await,
        );
    }
    let reply = app
        .get(
            &format!("/api/v1/search?q={}&per_page=3&page=2", encode("誤送信")),
            &staff,
        )
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["total"], 7);
    assert_eq!(reply.body["page"], 2);
    assert_eq!(reply.body["per_page"], 3);
    let page: Vec<i64> = reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    // Newest first.
    assert_eq!(page, [ids[3], ids[2], ids[1]]);
    // A reference is an exact match: first, whatever its age.
    let reference = app
        .get(&format!("/api/v1/reports/{}", ids[0]), &staff)
        .await;
    let reference = reference.body["reference"].as_str().unwrap().to_owned();
    let reply = app
        .get(
            &format!("/api/v1/search?q={}", encode(&reference.to_lowercase())),
            &staff,
        )
        .await;
    assert_eq!(reply.body["items"][0]["id"], ids[0]);
}

async fn many_matches_are_paged_newest_first(app: TestApp) {
    // More matches than are counted (2,000): the total says so, and the pages still run newest
    // first, whichever way the backend finds them.
    let staff = app.staff();
    let many = leakdesk::index::store::COUNT_LIMIT + 100;
    app.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {many}) \
         INSERT INTO organizations (name, kind, created_at, updated_at) \
         SELECT '株式会社多数' || i, 'business', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM n"
    ));
    leakdesk::index::entries::reindex(&app.db, &Actor::cli("test")).unwrap();
    let newest = app
        .organization(&staff, "株式会社多数新規", "business")
        .await;
    let names = |reply: &crate::harness::Reply| -> Vec<String> {
        reply.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["title"].as_str().unwrap().to_owned())
            .collect()
    };
    let reply = app
        .get(
            &format!("/api/v1/search?q={}&per_page=20", encode("多数")),
            &staff,
        )
        .await;
    reply.assert_status(200);
    assert_eq!(reply.body["total_exact"], false);
    assert_eq!(
        reply.body["total"],
        leakdesk::index::store::COUNT_LIMIT,
        "{}",
        reply.body
    );
    assert_eq!(reply.body["items"][0]["id"], newest);
    let expected: Vec<String> = (0..19)
        .map(|k| format!("株式会社多数{}", many - k))
        .collect();
    assert_eq!(names(&reply)[1..], expected[..]);
    let reply = app
        .get(
            &format!("/api/v1/search?q={}&per_page=5&page=3", encode("社多 多数")),
            &staff,
        )
        .await;
    let expected: Vec<String> = (9..14)
        .map(|k| format!("株式会社多数{}", many - k))
        .collect();
    assert_eq!(names(&reply), expected);
    // A term the many do not hold is still counted exactly.
    let reply = app
        .get(&format!("/api/v1/search?q={}", encode("多数新規")), &staff)
        .await;
    assert_eq!(reply.body["total"], 1);
    assert_eq!(reply.body["total_exact"], true);
    // The page says so too: of all kinds, and of the one counted no further.
    let email = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, PASSWORD).await.status, 303);
    let page = browser.get(&format!("/search?q={}", encode("多数"))).await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains(">2000件以上（"), "{}", page.html);
    assert!(
        page.html.contains("事業者等（2000件以上）"),
        "{}",
        page.html
    );
    let page = browser
        .get(&format!("/search?q={}", encode("多数新規")))
        .await;
    assert!(page.html.contains(">1件（"), "{}", page.html);
}

async fn the_index_is_rebuilt_from_the_records(app: TestApp) {
    let t = three_reports(&app).await;
    // Records written behind leakdesk's back (a bulk load in SQL) are not indexed ...
    app.execute("DELETE FROM search_entries");
    if app.backend() == leakdesk::db::Backend::Sqlite {
        app.execute("DELETE FROM search_bigrams");
    }
    assert_eq!(found(&app, &t.staff, "名簿").await, vec![]);
    // ... until the index is rebuilt (`leakdesk search reindex`), audited.
    let written = leakdesk::index::entries::reindex(&app.db, &Actor::cli("test")).unwrap();
    assert!(written >= 4, "{written}");
    assert_eq!(
        found(&app, &t.staff, "名簿").await,
        vec![("report".to_owned(), t.roster)]
    );
    assert_eq!(app.count("audit_log WHERE action = 'reindex'"), 1);
    // The migration's marker makes the start rebuild it once.
    app.execute("INSERT INTO search_reindex_pending (id) VALUES (1)");
    assert!(
        leakdesk::index::entries::catch_up(&app.db)
            .unwrap()
            .is_some()
    );
    assert_eq!(leakdesk::index::entries::catch_up(&app.db).unwrap(), None);
    assert_eq!(app.count("search_entries WHERE kind = 'report'"), 3);
    assert_eq!(
        found(&app, &t.staff, "誤交付").await,
        vec![("report".to_owned(), t.convenience)]
    );
}

/// Seed 003: local governments' certificates issued to the wrong person at convenience stores,
/// through one contractor's system; the contractor reports too.
async fn one_contractors_failure_relates_its_reports(app: TestApp) {
    let staff = app.staff();
    let vendor = app
        .organization(&staff, "富士通Japan株式会社", "business")
        .await;
    let city = app.organization(&staff, "横浜市", "local_government").await;
    let ward = app.organization(&staff, "足立区", "local_government").await;
    let stranger = app.organization(&staff, "株式会社無関係", "business").await;
    let by_city = file(
        &app,
        &staff,
        report(
            city,
            "コンビニ交付サービスで別人の住民票の写しを誤交付した。",
            json!({"contractor_organization_id": vendor, "aware_on": "2023-03-27", "occurred_on": "2023-03-27"}),
        ),
    )
    .await;
    let by_vendor = file(
        &app,
        &staff,
        report(
            vendor,
            "証明書交付システムの不具合により証明書を誤交付した。",
            json!({"aware_on": "2023-04-03", "occurred_on": "2023-04-01"}),
        ),
    )
    .await;
    let by_ward = file(
        &app,
        &staff,
        report(
            ward,
            "コンビニ交付で別人の住民票が交付された。",
            json!({"contractor_organization_id": vendor, "aware_on": "2023-05-02", "occurred_on": "2023-05-02"}),
        ),
    )
    .await;
    file(
        &app,
        &staff,
        report(
            stranger,
            "従業員がノートパソコンを紛失した。",
            json!({"aware_on": "2023-03-28", "occurred_on": "2023-03-28"}),
        ),
    )
    .await;

    let related = |id: i64| {
        let (app, staff) = (&app, &staff);
        async move {
            let reply = app
                .get(&format!("/api/v1/reports/{id}/related"), staff)
                .await;
            reply.assert_status(200);
            reply.body["items"].as_array().unwrap().clone()
        }
    };
    let of_city = related(by_city).await;
    assert_eq!(of_city.len(), 2, "{of_city:?}");
    assert_eq!(of_city[0]["report_id"], by_vendor);
    assert_eq!(
        of_city[0]["reasons"],
        json!(["contractor_of", "aware_within_14_days"])
    );
    assert_eq!(of_city[0]["organization_id"], vendor);
    assert!(of_city[0]["reference"].as_str().unwrap().starts_with("LR-"));
    assert_eq!(of_city[1]["report_id"], by_ward);
    assert_eq!(of_city[1]["reasons"], json!(["same_contractor"]));
    let of_vendor = related(by_vendor).await;
    let ids: Vec<&Value> = of_vendor.iter().map(|r| &r["report_id"]).collect();
    assert_eq!(ids, [&json!(by_city), &json!(by_ward)]);
    assert!(of_vendor.iter().all(|r| r["reasons"][0] == "contractor_of"));

    // Staff only; an unknown report is 404.
    let reporter = app.user(Role::Reporter, Some(city));
    let reply = app
        .get(&format!("/api/v1/reports/{by_city}/related"), &reporter)
        .await;
    assert_eq!(reply.status, 403);
    let reply = app.get("/api/v1/reports/999999/related", &staff).await;
    assert_eq!(reply.status, 404);
}

/// In headless Chromium: staff search from the header box (half-width kana), see the results
/// grouped with the match marked, open the report, find its contractor's report among the
/// related ones and gather both into a new case; a reporter's box finds its own report only.
async fn staff_and_reporters_search_in_the_browser(app: TestApp) {
    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let token = app.staff();
    let vendor = app
        .organization(&token, "株式会社架空システム", "business")
        .await;
    let city = app.organization(&token, "架空市", "local_government").await;
    let shop = app
        .organization(&token, "コンビニ架空商店", "business")
        .await;
    let by_city = file(
        &app,
        &token,
        report(
            city,
            "コンビニ交付で住民票を誤交付した。",
            json!({"contractor_organization_id": vendor, "aware_on": "2025-03-27", "occurred_on": "2025-03-27"}),
        ),
    )
    .await;
    let by_vendor = file(
        &app,
        &token,
        report(
            vendor,
            "証明書交付システムの不具合で証明書を誤交付した。",
            json!({"aware_on": "2025-03-29", "occurred_on": "2025-03-29"}),
        ),
    )
    .await;
    file(
        &app,
        &token,
        report(shop, "コンビニの防犯カメラ映像を紛失した。", json!({})),
    )
    .await;
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let reporter = app.web_user(Role::Reporter, Some(shop), PASSWORD);
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;
    let axe = axe_source();
    login(&client, &base, &staff).await;

    // The header's box, with the keyboard: type, then Enter.
    let boxed = client.find(Locator::Id("site-search")).await.unwrap();
    boxed.send_keys("ｺﾝﾋﾞﾆ 誤交付\u{E007}").await.unwrap();
    client
        .wait()
        .at_most(crate::browser::WAIT)
        .for_element(Locator::Css("#results-report"))
        .await
        .expect("the results page");
    assert_eq!(
        text_of(&client, "#results-report").await,
        "漏えい等報告（1件）"
    );
    assert_eq!(
        text_of(&client, "#results-organization").await,
        "事業者等（0件）"
    );
    let marked: Vec<String> = {
        let mut texts = Vec::new();
        for mark in client.find_all(Locator::Css("mark")).await.unwrap() {
            texts.push(mark.text().await.unwrap());
        }
        texts
    };
    assert_eq!(marked, ["コンビニ", "誤交付"]);
    screenshot(&client, &format!("{backend}-18-search-results")).await;
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "search results").await;
    }
    // A one-character word is refused beside the field, in Japanese.
    client
        .goto(&format!("{base}/search?q=%E8%AA%A4"))
        .await
        .unwrap();
    let refusal = text_of(&client, "#field-q-error").await;
    assert!(refusal.contains("2文字以上"), "{refusal}");
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "search refused").await;
    }

    // The report found, its related report, and both gathered into a new case.
    client
        .goto(&format!(
            "{base}/search?q=%E8%AA%A4%E4%BA%A4%E4%BB%98&kind=report"
        ))
        .await
        .unwrap();
    follow(&client, &format!("a[href='/reports/{by_city}']")).await;
    let related = text_of(&client, "#related + p + table").await;
    assert!(related.contains("一方の委託先が他方の報告者"), "{related}");
    assert!(related.contains("株式会社架空システム"), "{related}");
    // The section, not the top of the page, in the picture.
    client
        .execute(
            "document.getElementById('related').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    screenshot(&client, &format!("{backend}-19-related")).await;
    submit(
        &client,
        &format!("/reports/{by_city}/related"),
        &[("title", "証明書の誤交付（架空システム）")],
        &["report_ids"],
    )
    .await;
    let case_path = path(&client).await;
    let case = id_in(&case_path, "/cases/");
    screenshot(&client, &format!("{backend}-20-related-gathered")).await;
    let incidents = app.get(&format!("/api/v1/cases/{case}"), &token).await;
    let joined = incidents.body["incidents"].as_array().unwrap().len();
    assert_eq!(joined, 2, "{}", incidents.body);
    let _ = by_vendor;
    logout(&client).await;

    // A reporter's box finds its own report, none of the others.
    login(&client, &base, &reporter).await;
    client.goto(&format!("{base}/reports")).await.unwrap();
    let boxed = client.find(Locator::Id("site-search")).await.unwrap();
    boxed.send_keys("コンビニ\u{E007}").await.unwrap();
    client
        .wait()
        .at_most(crate::browser::WAIT)
        .for_element(Locator::Css("#results-report"))
        .await
        .expect("the results page");
    assert_eq!(
        text_of(&client, "#results-report").await,
        "漏えい等報告（1件）"
    );
    assert!(client.find(Locator::Css("#results-case")).await.is_err());
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "reporter search").await;
    }
    client.close().await.unwrap();
}
