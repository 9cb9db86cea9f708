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
