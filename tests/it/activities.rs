//! The Commission's other activities (issue #45; API.md "Version 3", `POST /api/v1/activities`):
//! seed 001's 13 consultations under other laws, 1 certification and the hearing of 1 body and
//! 13 persons, each a record; refused where the rule says; recorded from the page too.

use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(activities_are_recorded_counted_and_refused_where_the_rule_says,);

async fn activities_are_recorded_counted_and_refused_where_the_rule_says(app: TestApp) {
    let staff = app.staff();
    for i in 0..13 {
        app.post(
            "/api/v1/activities",
            &staff,
            json!({
                "kind": "other_law_consultation", "on": format!("2019-{:02}-10", 4 + i % 6),
                "counterpart": "経済産業省", "law": "生産性向上特別措置法",
                "subject": format!("新技術等実証計画に係る協議{i}"), "outcome": "回答済み"
            }),
        )
        .await
        .assert_status(201);
    }
    let certified = app
        .post(
            "/api/v1/activities",
            &staff,
            json!({
                "kind": "certification", "on": "2019-08-01", "counterpart": "一般社団法人見本協会",
                "subject": "認定"
            }),
        )
        .await;
    certified.assert_status(201);
    assert_eq!(certified.body["on"], "2019-08-01");
    app.post(
        "/api/v1/activities",
        &staff,
        json!({
            "kind": "hearing", "on": "2019-06-01", "counterpart": "一般社団法人見本協会",
            "subject": "ヒアリング", "bodies": 1
        }),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/activities",
        &staff,
        json!({
            "kind": "hearing", "on": "2019-06-20", "counterpart": "有識者",
            "subject": "ヒアリング", "persons": 13
        }),
    )
    .await
    .assert_status(201);
    // The rules: whom a hearing heard, a consultation's law, a day not ahead.
    let refused = app
        .post(
            "/api/v1/activities",
            &staff,
            json!({
                "kind": "hearing", "on": "2099-01-01", "counterpart": "x", "subject": "x"
            }),
        )
        .await;
    refused.assert_status(422);
    assert!(
        refused.body["error"]["fields"]["persons"].is_array()
            && refused.body["error"]["fields"]["on"].is_array(),
        "{}",
        refused.body
    );
    let refused = app
        .post("/api/v1/activities", &staff, json!({
            "kind": "other_law_consultation", "on": "2019-05-01", "counterpart": "x", "subject": "x"
        }))
        .await;
    assert!(
        refused.body["error"]["fields"]["law"].is_array(),
        "{}",
        refused.body
    );
    // Staff's alone; the list filters by kind and days, and downloads.
    let reporter = app.user(
        Role::Reporter,
        Some(app.organization(&staff, "見本株式会社", "business").await),
    );
    app.get("/api/v1/activities", &reporter)
        .await
        .assert_status(403);
    let listed = app
        .get(
            "/api/v1/activities?kind=other_law_consultation&from=2019-04-01&to=2019-09-30",
            &staff,
        )
        .await;
    assert_eq!(listed.body["total"], 13, "{}", listed.body);
    let hearings = app.get("/api/v1/activities?kind=hearing", &staff).await;
    assert_eq!(hearings.body["total"], 2);
    let (status, _, csv) = app.download("/api/v1/activities?format=csv", &staff).await;
    assert_eq!(status.as_u16(), 200);
    assert!(String::from_utf8_lossy(&csv).contains("生産性向上特別措置法"));
    let id = certified.body["id"].as_i64().unwrap();
    app.get(&format!("/api/v1/activities/{id}"), &staff)
        .await
        .assert_status(200);

    // The page: refused beside its field, then recorded with one audit row.
    let user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&user, PASSWORD).await;
    let form = browser.get("/activities/new").await;
    assert_eq!(form.status, 200, "{}", form.html);
    let csrf = form.input("csrf_token");
    let refused = browser
        .post(
            "/activities/new",
            &[
                ("csrf_token", &csrf),
                ("kind", "hearing"),
                ("on", "2019-07-01"),
                ("counterpart", "有識者"),
                ("subject", "ヒアリング"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(refused.html.contains("機関数又は人数"), "{}", refused.html);
    let before = app.count("audit_log");
    let done = browser
        .post(
            "/activities/new",
            &[
                ("csrf_token", &csrf),
                ("kind", "hearing"),
                ("on", "2019-07-01"),
                ("counterpart", "有識者"),
                ("subject", "ヒアリング"),
                ("persons", "3"),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let list = browser.get("/activities?kind=hearing").await;
    assert!(list.html.contains("有識者"), "{}", list.html);
}
