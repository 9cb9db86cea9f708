//! Long lists (issue #24): a list is counted exactly up to 10,000 rows and paged through an
//! index at any depth; a list bounded by a day is in that day's order.

use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    a_long_list_is_counted_to_ten_thousand_and_paged_to_its_end,
    a_list_bounded_by_the_day_of_receipt_is_in_that_days_order,
    a_cases_q_finds_its_text_as_one_phrase_in_any_of_four_fields,
    the_reports_of_many_overdue_incidents_are_counted_to_the_cap,
    a_list_downloads_as_a_workbook_with_date_cells_and_no_formulas,
    a_download_is_the_whole_filtered_list_not_the_page,
);

fn ids(reply: &Value) -> Vec<i64> {
    reply["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| item["id"].as_i64().expect("an id"))
        .collect()
}

async fn a_long_list_is_counted_to_ten_thousand_and_paged_to_its_end(app: TestApp) {
    let staff = app.staff();
    // 10,050 rows of one kind, 10,000 of another, written in SQL (the API would take minutes).
    for (kind, rows) in [("probe", 10_050), ("exact", 10_000)] {
        app.execute(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) \
             INSERT INTO audit_log (occurred_at, actor_user_id, actor, request_id, action, \
             entity_type, entity_id, changes) \
             SELECT '2026-01-01 00:00:00', NULL, 'test', NULL, 'create', '{kind}', i, '{{}}' FROM n"
        ));
    }
    let exact = app
        .get("/api/v1/audit?entity_type=exact&per_page=10", &staff)
        .await;
    exact.assert_status(200);
    assert_eq!(exact.body["total"], 10_000, "{}", exact.body);
    assert_eq!(exact.body["total_exact"], true);

    let first = app
        .get("/api/v1/audit?entity_type=probe&per_page=50", &staff)
        .await;
    first.assert_status(200);
    assert_eq!(first.body["total_exact"], false, "{}", first.body);
    assert_eq!(first.body["total"], 10_001);
    assert_eq!(ids(&first.body).len(), 50);
    // Deep pages answer the right rows, newest first, and keep promising the next page.
    let deep = app
        .get(
            "/api/v1/audit?entity_type=probe&per_page=50&page=201",
            &staff,
        )
        .await;
    deep.assert_status(200);
    let entities: Vec<i64> = deep.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["entity_id"].as_i64().unwrap())
        .collect();
    assert_eq!(entities, (1..=50).rev().collect::<Vec<_>>());
    assert_eq!(deep.body["total"], 10_051);
    assert_eq!(deep.body["total_exact"], false);
    let ids_201 = ids(&deep.body);
    assert!(ids_201.windows(2).all(|pair| pair[0] > pair[1]));
    let last = app
        .get(
            "/api/v1/audit?entity_type=probe&per_page=50&page=202",
            &staff,
        )
        .await;
    last.assert_status(200);
    assert!(ids(&last.body).is_empty());
    assert_eq!(last.body["total"], 10_001);
    let one = app
        .get("/api/v1/audit?entity_type=probe&entity_id=7", &staff)
        .await;
    assert_eq!(
        (one.body["total"].clone(), one.body["total_exact"].clone()),
        (json!(1), json!(true))
    );

    // The page says what it knows, and its pager goes on.
    let email = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, PASSWORD).await.status, 303);
    let page = browser.get("/audit?entity_type=probe").await;
    assert_eq!(page.status, 200, "{}", page.html);
    assert!(page.html.contains("10001件以上"), "{}", page.html);
    assert!(page.html.contains("page=2"), "a next page: {}", page.html);
    let exact = browser.get("/audit?entity_type=exact").await;
    assert!(exact.html.contains("10000件"), "{}", exact.html);
    assert!(!exact.html.contains("10000件以上"));
}

async fn a_list_bounded_by_the_day_of_receipt_is_in_that_days_order(app: TestApp) {
    let staff = app.staff();
    let business = app.organization(&staff, "株式会社順序", "business").await;
    let mut filed = Vec::new();
    // Filed in this order, received on these days: the second was received first.
    for (aware, received) in [("2025-05-01", "2025-05-02"), ("2025-04-01", "2025-04-02")] {
        let reply = app
            .post(
                "/api/v1/reports",
                &staff,
                json!({
                    "organization_id": business, "regime": "appi", "stage": "preliminary",
                    "aware_on": aware, "occurred_on": aware, "received_on": received,
                    "summary": "顧客名簿を紛失した。", "data_items": ["氏名"],
                    "persons_affected": 10, "persons_estimated": false, "cause": "loss",
                    "sensitive_data": false, "financial_damage_risk": false,
                    "unlawful_purpose": false
                }),
            )
            .await;
        reply.assert_status(201);
        filed.push(reply.body["id"].as_i64().unwrap());
    }
    let (may, april) = (filed[0], filed[1]);
    let all = app.get("/api/v1/reports", &staff).await;
    assert_eq!(ids(&all.body), vec![may, april], "id order: {}", all.body);
    let dated = app
        .get("/api/v1/reports?received_from=2025-04-01", &staff)
        .await;
    assert_eq!(
        ids(&dated.body),
        vec![april, may],
        "the day's order: {}",
        dated.body
    );
    let incidents = app
        .get("/api/v1/incidents?received_to=2025-12-31", &staff)
        .await;
    let incident_ids = ids(&incidents.body);
    assert_eq!(incident_ids.len(), 2);
    assert!(
        incident_ids[0] > incident_ids[1],
        "April's incident first: {}",
        incidents.body
    );
}

/// `GET /api/v1/cases?q=`: the text as one phrase (not its words apart), in the title, summary,
/// problem or response policy, the case of Latin letters aside; the same whether the
/// search index narrows the cases first (words of two characters or more) or not (one).
async fn a_cases_q_finds_its_text_as_one_phrase_in_any_of_four_fields(app: TestApp) {
    let staff = app.staff();
    let mut made = Vec::new();
    for body in [
        json!({"title": "USB紛失事案", "summary": "営業所でUSB 紛失"}),
        json!({"title": "誤送付", "problem": "ＵＳＢメモリの紛失"}),
        json!({"title": "不正アクセス", "response_policy": "usb 紛失の再発防止を求める"}),
        // Both words, apart: not the phrase.
        json!({"title": "紛失と誤送付", "summary": "USBではない"}),
        json!({"title": "無関係"}),
    ] {
        let created = app.post("/api/v1/cases", &staff, body).await;
        created.assert_status(201);
        made.push(created.body["id"].as_i64().unwrap());
    }
    let found = |q: &str| {
        let app = &app;
        let staff = staff.clone();
        let q = urlencoding(q);
        async move {
            let reply = app.get(&format!("/api/v1/cases?q={q}"), &staff).await;
            reply.assert_status(200);
            ids(&reply.body)
        }
    };
    // Narrowed by the index, then the phrase checked.
    assert_eq!(found("usb 紛失").await, vec![made[0], made[2]]);
    // Full-width letters are other letters to the list (the search page folds them).
    assert_eq!(found("USB").await, vec![made[0], made[2], made[3]]);
    assert_eq!(
        found("紛失").await,
        vec![made[0], made[1], made[2], made[3]]
    );
    assert_eq!(found("再発防止").await, vec![made[2]]);
    assert_eq!(found("存在しない語").await, Vec::<i64>::new());
    // One character: every case read.
    assert_eq!(found("誤").await, vec![made[1], made[3]]);
    assert_eq!(found("u").await, vec![made[0], made[2], made[3]]);
}

fn urlencoding(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Writes `count` reportable incidents of `organization` (final report due on `due`) in SQL,
/// then `reports` reports of each: the first preliminary, any other final.
fn many_incidents(app: &TestApp, organization: i64, count: u32, due: &str, reports: u32) {
    app.execute(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) \
         INSERT INTO incidents (organization_id, regime, first_received_on, received_via, \
         aware_on, computed_mandatory, mandatory, serious, grounds, preliminary_due_on, \
         final_due_on, created_at, updated_at) \
         SELECT {organization}, 'appi', '2025-01-01', 'direct', '2025-01-01', TRUE, TRUE, FALSE, \
         'headcount', '2025-01-06', '{due}', '2025-01-01 10:00:00', '2025-01-01 10:00:00' FROM n"
    ));
    for (stage, at_least) in [("preliminary", 1), ("final", 2)] {
        if reports < at_least {
            continue;
        }
        app.execute(&format!(
            "INSERT INTO reports (incident_id, organization_id, regime, stage, aware_on, \
             received_on, summary, data_items, persons_affected, persons_estimated, cause, \
             sensitive_data, financial_damage_risk, unlawful_purpose, ordinance_sensitive, \
             network_system, publicly_viewable, strongly_encrypted, received_via, grounds, \
             created_at, version, review_status) \
             SELECT id, {organization}, 'appi', '{stage}', '2025-01-01', '2025-01-02', \
             '顧客名簿を紛失した。', '[\"氏名\"]', 1001, FALSE, 'loss', FALSE, FALSE, FALSE, \
             FALSE, FALSE, FALSE, FALSE, 'direct', 'headcount', '2025-01-02 10:00:00', 1, \
             'received' FROM incidents \
             WHERE organization_id = {organization} AND final_due_on = '{due}' \
             AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.incident_id = incidents.id \
             AND r.stage = '{stage}')"
        ));
    }
}

/// The reports of overdue incidents are counted exactly up to 10,000 whichever way they are
/// counted: from the incidents when more than 10,000 incidents are overdue (each has a report),
/// else from the reports, and from the reports whenever the filter asks of the report too.
async fn the_reports_of_many_overdue_incidents_are_counted_to_the_cap(app: TestApp) {
    let staff = app.staff();
    let business = app.organization(&staff, "株式会社期限", "business").await;
    let other = app.organization(&staff, "株式会社期限内", "business").await;
    // 6,000 overdue incidents with two reports each, 100 not yet due with one.
    many_incidents(&app, business, 6_000, "2025-01-31", 2);
    many_incidents(&app, other, 100, "2099-12-31", 1);
    let overdue_ids = |app: &TestApp| -> i64 {
        app.count(
            "reports WHERE incident_id IN (SELECT id FROM incidents WHERE final_due_on = '2025-01-31')",
        )
    };
    assert_eq!(overdue_ids(&app), 12_000);
    let check = |reply: &crate::harness::Reply, total: i64, exact: bool| {
        reply.assert_status(200);
        assert_eq!(
            (
                reply.body["total"].as_i64(),
                reply.body["total_exact"].as_bool()
            ),
            (Some(total), Some(exact)),
            "{}",
            reply.body
        );
    };
    // Fewer than 10,001 incidents: their 12,000 reports are counted, to the cap.
    let first = app
        .get("/api/v1/reports?overdue=true&per_page=50", &staff)
        .await;
    check(&first, 10_001, false);
    let page = ids(&first.body);
    assert_eq!(page.len(), 50);
    assert!(page.windows(2).all(|pair| pair[0] < pair[1]));
    for item in first.body["items"].as_array().unwrap() {
        assert_eq!(item["organization_id"], business, "{item}");
    }
    let not_overdue = app.get("/api/v1/reports?overdue=false", &staff).await;
    check(&not_overdue, 100, true);
    // A filter of the report itself is always counted from the reports.
    let finals = app
        .get("/api/v1/reports?overdue=true&stage=final", &staff)
        .await;
    check(&finals, 6_000, true);

    // 10,001 overdue incidents: the reports are beyond the cap without being counted.
    many_incidents(&app, business, 4_001, "2025-01-31", 1);
    let many = app
        .get("/api/v1/reports?overdue=true&per_page=50&page=3", &staff)
        .await;
    check(&many, 10_001, false);
    let deep = ids(&many.body);
    assert_eq!(deep.len(), 50);
    assert!(deep[0] > *page.last().unwrap());
    check(
        &app.get("/api/v1/reports?overdue=true&stage=final", &staff)
            .await,
        6_000,
        true,
    );
    check(
        &app.get("/api/v1/reports?overdue=true&serious=true", &staff)
            .await,
        0,
        true,
    );
    let last = app
        .get("/api/v1/reports?overdue=true&per_page=500&page=33", &staff)
        .await;
    check(&last, 16_001, false);
    assert_eq!(
        ids(&last.body).len(),
        1,
        "16,001 reports of overdue incidents"
    );
}

async fn a_list_downloads_as_a_workbook_with_date_cells_and_no_formulas(app: TestApp) {
    use calamine::{Data, Reader, Xlsx};
    let staff = app.staff();
    // A name a spreadsheet would run as a formula, were it written as one.
    let business = app.organization(&staff, "=1+1", "business").await;
    let reply = app
        .post(
            "/api/v1/reports",
            &staff,
            json!({
                "organization_id": business, "regime": "appi", "stage": "preliminary",
                "aware_on": "2025-05-01", "occurred_on": "2025-05-01", "received_on": "2025-05-02",
                "summary": "顧客名簿を紛失した。", "data_items": ["氏名"],
                "persons_affected": 10, "persons_estimated": false, "cause": "loss",
                "sensitive_data": false, "financial_damage_risk": false,
                "unlawful_purpose": false
            }),
        )
        .await;
    reply.assert_status(201);
    let email = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, PASSWORD).await.status, 303);
    let page = browser.get("/reports?regime=appi").await;
    assert!(
        page.html
            .contains("/reports?regime=appi&#38;per_page=50&#38;format=xlsx\""),
        "{}",
        page.html
    );
    let download = browser.get("/reports?regime=appi&format=xlsx").await;
    assert_eq!(download.status, 200);
    assert_eq!(
        download.header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(download.header("content-disposition").contains(".xlsx"));
    let mut book = Xlsx::new(std::io::Cursor::new(download.body.clone())).expect("a workbook");
    let sheet = book.sheet_names()[0].clone();
    assert_eq!(sheet, "漏えい等報告と次の期限");
    let cells = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<&[Data]> = cells.rows().collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let headings: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(
        headings,
        [
            "受付番号",
            "報告",
            "報告者",
            "法令",
            "受付日",
            "報告義務",
            "次の期限",
            "状況"
        ]
    );
    assert_eq!(rows[1][1], Data::String("速報".into()));
    // The name is text, as it was entered; nothing in the sheet is a formula.
    assert_eq!(rows[1][2], Data::String("=1+1".into()));
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    // The day of receipt is a date cell.
    let Data::DateTime(received) = &rows[1][4] else {
        panic!("a date cell: {:?}", rows[1][4]);
    };
    assert!(received.is_datetime());
    let (year, month, day, ..) = received.to_ymd_hms_milli();
    assert_eq!((year, month, day), (2025, 5, 2));
    // The CSV of the same rows writes the name so that a spreadsheet reads it as text.
    let csv = browser.get("/reports?regime=appi&format=csv").await;
    assert!(csv.html.contains(",'=1+1,"), "{}", csv.html);

    // Numbers as numbers: the organizations' numbers.
    let organizations = browser.get("/organizations?format=xlsx").await;
    let mut book = Xlsx::new(std::io::Cursor::new(organizations.body.clone())).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&sheet).unwrap();
    let first = cells.rows().nth(1).unwrap();
    assert!(
        matches!(first[0], Data::Float(_) | Data::Int(_)),
        "{:?}",
        first[0]
    );
}

/// `format=csv|xlsx` answers every row the filters find, over many pages of the export's reading
/// (5,000 rows each), whatever page the list shows; the filters apply.
async fn a_download_is_the_whole_filtered_list_not_the_page(app: TestApp) {
    use calamine::{Data, Reader, Xlsx};
    for (kind, rows) in [("export", 11_234), ("other", 700)] {
        app.execute(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) \
             INSERT INTO audit_log (occurred_at, actor_user_id, actor, request_id, action, \
             entity_type, entity_id, changes) \
             SELECT '2026-01-01 00:00:00', NULL, 'test', NULL, 'create', '{kind}', i, '{{}}' FROM n"
        ));
    }
    let email = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, PASSWORD).await.status, 303);
    let csv = browser
        .get("/audit?entity_type=export&per_page=20&page=3&format=csv")
        .await;
    assert_eq!(csv.status, 200, "{}", csv.html);
    assert!(csv.header("content-type").starts_with("text/csv"));
    let lines: Vec<&str> = csv.html.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 11_234, "the headings and every row");
    assert!(lines[0].starts_with("\u{feff}日時,"), "{}", lines[0]);
    let entities: std::collections::BTreeSet<i64> = lines[1..]
        .iter()
        .map(|line| {
            let record = line.split(',').nth(3).unwrap();
            assert!(record.starts_with("export "), "{line}");
            record["export ".len()..].parse().unwrap()
        })
        .collect();
    assert_eq!(entities, (1..=11_234).collect(), "each row once");

    let xlsx = browser
        .get("/audit?entity_type=export&per_page=20&format=xlsx")
        .await;
    assert_eq!(xlsx.status, 200);
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx.body.clone())).expect("a workbook");
    let sheet = book.sheet_names()[0].clone();
    assert_eq!(sheet, "変更履歴");
    let cells = book.worksheet_range(&sheet).unwrap();
    let rows: Vec<&[Data]> = cells.rows().collect();
    assert_eq!(rows.len(), 1 + 11_234);
    assert_eq!(rows[0][0], Data::String("日時".into()));
    assert!(
        rows[1..]
            .iter()
            .all(|row| row[3].to_string().starts_with("export "))
    );

    // Refused filters: the page with its refusals, not a file.
    let refused = browser.get("/audit?entity_id=abc&format=csv").await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(refused.header("content-type").starts_with("text/html"));

    // The API's lists the same way: the fields as columns, every row.
    let staff = app.staff();
    let (status, headers, body) = app
        .download(
            "/api/v1/audit?entity_type=export&per_page=5&format=csv",
            &staff,
        )
        .await;
    assert_eq!(status.as_u16(), 200);
    assert!(
        headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/csv"))
    );
    let text = String::from_utf8(body).unwrap();
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 11_234);
    assert!(
        lines[0].starts_with("\u{feff}id,occurred_at,actor"),
        "{}",
        lines[0]
    );
    let (status, _, body) = app
        .download("/api/v1/audit?entity_type=other&format=xlsx", &staff)
        .await;
    assert_eq!(status.as_u16(), 200);
    let mut book = Xlsx::new(std::io::Cursor::new(body)).expect("a workbook");
    let sheet = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&sheet).unwrap();
    assert_eq!(cells.rows().count(), 1 + 700);
    let refused = app.get("/api/v1/audit?format=pdf", &staff).await;
    refused.assert_refused_field("format");
}
