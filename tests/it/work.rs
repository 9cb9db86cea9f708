//! Who does what by when (issue #46; API.md "Version 3", Work), on both backends: staff assign
//! overdue incidents in bulk (all or none, one mail), the assignee's work list and header count
//! them, notes stay staff's (a reporter finds no trace of one anywhere), an escalation mails
//! once, and a case's timeline shows its action, answer, note and assignment in order.

use leakdesk::domain::access::Role;
use leakdesk::notify::MailSettings;
use leakdesk::work::commands::scan_escalations;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    staff_bulk_assign_overdue_incidents_to_a_colleague_whose_work_lists_them,
    assignment_is_all_or_none_and_refuses_who_is_not_staff,
    a_note_is_read_by_staff_and_leaves_no_trace_for_the_reporter,
    an_item_overdue_past_the_threshold_escalates_once,
    a_cases_timeline_shows_its_action_answer_note_and_assignment_in_order,
    the_unassigned_queue_and_the_team_workload,
);

fn today() -> chrono::NaiveDate {
    leakdesk::domain::calendar::japan_date(chrono::Utc::now())
}

fn ago(days: i64) -> String {
    (today() - chrono::Duration::days(days)).to_string()
}

fn report(org: i64, aware_days_ago: i64, persons: u64, summary: &str) -> Value {
    json!({
        "organization_id": org, "regime": "appi", "stage": "preliminary",
        "aware_on": ago(aware_days_ago), "received_on": ago(aware_days_ago - 1),
        "summary": summary, "data_items": ["氏名", "住所"], "persons_affected": persons,
        "cause": "misdelivery_email", "sensitive_data": false, "financial_damage_risk": false,
        "unlawful_purpose": false
    })
}

/// The id of the user last created.
fn last_user(app: &TestApp) -> i64 {
    app.query_strings("SELECT CAST(MAX(id) AS TEXT) AS v FROM users")[0]
        .parse()
        .unwrap()
}

fn user_id(app: &TestApp, email: &str) -> i64 {
    app.query_strings(&format!(
        "SELECT CAST(id AS TEXT) AS v FROM users WHERE email = '{email}'"
    ))[0]
        .parse()
        .unwrap()
}

/// Files a report as staff; answers (report id, incident id, reference).
async fn file(app: &TestApp, staff: &str, body: Value) -> (i64, i64, String) {
    let filed = app.post("/api/v1/reports", staff, body).await;
    filed.assert_status(201);
    (
        filed.body["id"].as_i64().unwrap(),
        filed.body["incident_id"].as_i64().unwrap(),
        filed.body["reference"].as_str().unwrap().to_owned(),
    )
}

async fn staff_bulk_assign_overdue_incidents_to_a_colleague_whose_work_lists_them(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "担当テスト株式会社", "business")
        .await;
    let a = app.web_user(Role::Staff, None, PASSWORD);
    let b = app.web_user(Role::Staff, None, PASSWORD);
    let b_id = user_id(&app, &b);
    // Three overdue incidents (final reports due 30 days after awareness, long past), due on
    // different days, and one not yet due.
    let mut overdue = Vec::new();
    for (days, persons) in [(70, 2001), (90, 2002), (50, 2003)] {
        overdue.push(file(&app, &staff, report(org, days, persons, "顧客名簿の誤送付")).await);
    }
    let (_, fresh, fresh_reference) =
        file(&app, &staff, report(org, 3, 2004, "顧客名簿の誤送付")).await;

    let mut browser_a = Browser::new(&app);
    assert_eq!(browser_a.login(&a, PASSWORD).await.status, 303);
    let list = browser_a.get("/reports").await;
    assert_eq!(list.status, 200);
    assert!(
        list.html.contains("form=\"assign-rows\""),
        "rows can be picked"
    );
    let csrf = browser_a.csrf().await;
    let ids: Vec<String> = overdue.iter().map(|o| o.1.to_string()).collect();
    // An empty address is refused (unassigning has its own button), in Japanese, changing nothing.
    let empty = browser_a
        .post(
            "/work/assign",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "incident"),
                ("ids", ids[0].as_str()),
                ("assignee", ""),
            ],
        )
        .await;
    assert_eq!(empty.status, 422);
    assert!(
        empty.html.contains("入力内容に誤りがあります"),
        "{}",
        empty.html
    );
    assert_eq!(app.count("assignments"), 0);
    let assigned = browser_a
        .post(
            "/work/assign",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "incident"),
                ("ids", ids[0].as_str()),
                ("ids", ids[1].as_str()),
                ("ids", ids[2].as_str()),
                ("assignee", b.as_str()),
            ],
        )
        .await;
    assert_eq!(assigned.status, 303, "{}", assigned.html);
    assert!(
        assigned
            .location()
            .starts_with(&format!("/work?assignee={b_id}"))
    );
    assert_eq!(app.count("assignees"), 3);
    assert_eq!(app.count("audit_log WHERE action = 'assign'"), 3);
    // One mail to B, listing the three.
    assert_eq!(app.count("outbox WHERE kind = 'assigned'"), 1);
    let to = app.query_strings("SELECT recipient AS v FROM outbox WHERE kind = 'assigned'");
    assert_eq!(to, std::slice::from_ref(&b));
    let body = app.query_strings("SELECT body AS v FROM outbox WHERE kind = 'assigned'");
    for (_, _, reference) in &overdue {
        assert!(body[0].contains(reference.as_str()), "{}", body[0]);
    }

    let mut browser_b = Browser::new(&app);
    assert_eq!(browser_b.login(&b, PASSWORD).await.status, 303);
    let work = browser_b.get("/work").await;
    assert_eq!(work.status, 200);
    assert!(
        work.html.contains("担当 3件（期限超過 3件）"),
        "{}",
        work.html
    );
    // Overdue first, by due day: the one aware 90 days ago, then 70, then 50.
    let at = |reference: &str| work.html.find(reference).expect(reference);
    assert!(at(&overdue[1].2) < at(&overdue[0].2) && at(&overdue[0].2) < at(&overdue[2].2));
    assert!(work.html.contains("期限超過"));
    assert!(!work.html.contains(&fresh_reference));
    let dashboard_a = browser_a.get("/staff").await;
    assert!(dashboard_a.html.contains("担当 0件"), "A has none");
    assert!(!dashboard_a.html.contains("担当 3件"));

    // The API says the same, with the due days.
    let b_token = app.user(Role::Staff, None);
    let b_token_id = last_user(&app);
    app.post(
        "/api/v1/assignments",
        &staff,
        json!({"kind": "incident", "ids": [overdue[0].1, overdue[1].1, overdue[2].1, fresh], "user_id": b_token_id}),
    )
    .await
    .assert_status(200);
    let listed = app.get("/api/v1/work?assignee=me", &b_token).await;
    listed.assert_status(200);
    let items = listed.body["items"].as_array().unwrap();
    let order: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(order, [overdue[1].1, overdue[0].1, overdue[2].1, fresh]);
    assert_eq!(items[0]["kind"], "incident");
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(items[3]["overdue"], false);
    assert!(items[0]["due_on"].as_str().unwrap() < items[1]["due_on"].as_str().unwrap());
    assert_eq!(listed.body["overdue"], 3);
    // B (the web user) has none left: they were reassigned.
    let of_b = app
        .get(&format!("/api/v1/work?assignee={b_id}"), &staff)
        .await;
    assert_eq!(of_b.body["total"], 0);
    let only_cases = app.get("/api/v1/work?kind=case", &b_token).await;
    assert_eq!(only_cases.body["total"], 0);
}

async fn assignment_is_all_or_none_and_refuses_who_is_not_staff(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "割当て株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(org));
    let reporter_id = last_user(&app);
    app.user(Role::Staff, None);
    let colleague_id = last_user(&app);
    let (_, incident, _) = file(&app, &staff, report(org, 40, 2000, "USBメモリの紛失")).await;
    let before = (app.count("assignments"), app.count("audit_log"));

    let refused = app
        .post(
            "/api/v1/assignments",
            &staff,
            json!({"kind": "incident", "ids": [incident], "user_id": reporter_id}),
        )
        .await;
    refused.assert_status(422);
    refused.assert_refused_field("user_id");
    let missing = app
        .post(
            "/api/v1/assignments",
            &staff,
            json!({"kind": "incident", "ids": [incident, 999_999], "user_id": colleague_id}),
        )
        .await;
    missing.assert_status(422);
    missing.assert_refused_field("ids");
    let absent = app
        .post(
            "/api/v1/assignments",
            &staff,
            json!({"kind": "incident", "ids": [incident]}),
        )
        .await;
    absent.assert_refused_field("user_id");
    assert_eq!(
        (app.count("assignments"), app.count("audit_log")),
        before,
        "refusals change nothing"
    );
    // Reporters may not assign; a missing record by its path is 404.
    app.put(
        &format!("/api/v1/incidents/{incident}/assignee"),
        &reporter,
        json!({"user_id": colleague_id}),
    )
    .await
    .assert_status(403);
    app.put(
        "/api/v1/incidents/999999/assignee",
        &staff,
        json!({"user_id": colleague_id}),
    )
    .await
    .assert_status(404);

    let put = app
        .put(
            &format!("/api/v1/incidents/{incident}/assignee"),
            &staff,
            json!({"user_id": colleague_id}),
        )
        .await;
    put.assert_status(200);
    assert_eq!(put.body["user_id"], colleague_id);
    // The same again changes nothing and mails nobody again.
    app.put(
        &format!("/api/v1/incidents/{incident}/assignee"),
        &staff,
        json!({"user_id": colleague_id}),
    )
    .await
    .assert_status(200);
    assert_eq!(app.count("assignments"), 1);
    assert_eq!(app.count("outbox WHERE kind = 'assigned'"), 1);
    // A disabled assignee's items are in the unassigned queue.
    let queue = app
        .get("/api/v1/work?assignee=none&kind=incident", &staff)
        .await;
    assert_eq!(queue.body["total"], 0);
    app.execute(&format!(
        "UPDATE users SET disabled_at = created_at WHERE id = {colleague_id}"
    ));
    let queue = app
        .get("/api/v1/work?assignee=none&kind=incident", &staff)
        .await;
    assert_eq!(queue.body["total"], 1, "{}", queue.body);
    assert_eq!(queue.body["items"][0]["id"], incident);
    // Null unassigns.
    let cleared = app
        .put(
            &format!("/api/v1/incidents/{incident}/assignee"),
            &staff,
            json!({"user_id": null}),
        )
        .await;
    cleared.assert_status(200);
    assert_eq!(cleared.body["user_id"], Value::Null);
    assert_eq!(app.count("assignees"), 0);
    app.get("/api/v1/work?assignee=nobody", &staff)
        .await
        .assert_refused_field("assignee");
}

async fn a_note_is_read_by_staff_and_leaves_no_trace_for_the_reporter(app: TestApp) {
    const NOTE: &str = "内部メモ：担当者所見ＸＹＺ";
    let staff = app.staff();
    let org = app.organization(&staff, "メモ株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(org));
    let colleague = app.web_user(Role::Staff, None, PASSWORD);
    let outsider_org = app.organization(&staff, "他社", "business").await;
    let outsider = app.user(Role::Reporter, Some(outsider_org));
    let mut own = report(org, 10, 2000, "顧客名簿の紛失");
    own.as_object_mut().unwrap().remove("received_on");
    let filed = app.post("/api/v1/reports", &reporter, own).await;
    filed.assert_status(201);
    let (report_id, incident) = (
        filed.body["id"].as_i64().unwrap(),
        filed.body["incident_id"].as_i64().unwrap(),
    );
    let notes = format!("/api/v1/incidents/{incident}/notes");
    let written = app
        .post(
            &notes,
            &staff,
            json!({"body": format!("{NOTE} @{colleague} 確認を")}),
        )
        .await;
    written.assert_status(201);
    let first = written.body["id"].as_i64().unwrap();
    assert_eq!(app.count("outbox WHERE kind = 'mentioned'"), 1);
    let correction = app
        .post(
            &notes,
            &staff,
            json!({"body": "訂正：所見は取り消し", "corrects": first}),
        )
        .await;
    correction.assert_status(201);
    let read = app.get(&notes, &staff).await;
    read.assert_status(200);
    assert_eq!(read.body["items"][0]["corrected_by"], correction.body["id"]);
    assert!(
        read.body["items"][0]["body"]
            .as_str()
            .unwrap()
            .contains(NOTE)
    );
    // Refusals: a note of another record, a mention of someone who is not staff, a blank body.
    let (_, other, _) = file(&app, &staff, report(org, 5, 10, "別件")).await;
    app.post(
        &format!("/api/v1/incidents/{other}/notes"),
        &staff,
        json!({"body": "別件の訂正", "corrects": first}),
    )
    .await
    .assert_refused_field("corrects");
    app.post(&notes, &staff, json!({"body": "@reporter@example.jp 見て"}))
        .await
        .assert_refused_field("body");
    app.post(&notes, &staff, json!({"body": ""}))
        .await
        .assert_refused_field("body");

    // The reporter: notes are not there at all; nothing it fetches carries the note.
    app.get(&notes, &reporter).await.assert_status(404);
    app.post(&notes, &reporter, json!({"body": "書けますか"}))
        .await
        .assert_status(404);
    app.get(&notes, &outsider).await.assert_status(404);
    for path in [
        format!("/api/v1/reports/{report_id}"),
        format!("/api/v1/incidents/{incident}"),
        "/api/v1/reports".to_owned(),
        "/api/v1/incidents".to_owned(),
        format!("/api/v1/incidents/{incident}/timeline"),
        format!(
            "/api/v1/search?{}",
            serde_urlencoded::to_string([("q", "所見")]).unwrap()
        ),
        format!(
            "/api/v1/search?{}",
            serde_urlencoded::to_string([("q", "内部メモ")]).unwrap()
        ),
    ] {
        let reply = app.get(&path, &reporter).await;
        assert!(
            [200, 404].contains(&reply.status.as_u16()),
            "{path}: {}",
            reply.status
        );
        let text = reply.body.to_string();
        assert!(
            !text.contains("所見") && !text.contains("メモ"),
            "{path}: {text}"
        );
    }
    let (status, _, bytes) = app.download("/api/v1/reports?format=csv", &reporter).await;
    assert_eq!(status, 200);
    assert!(!String::from_utf8_lossy(&bytes).contains("所見"));
    let timeline = app
        .get(&format!("/api/v1/incidents/{incident}/timeline"), &reporter)
        .await;
    timeline.assert_status(200);
    assert!(
        timeline.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| !["note", "assignment", "read"].contains(&e["event"].as_str().unwrap()))
    );
    assert!(
        timeline.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["event"] == "version")
    );
    app.get(&format!("/api/v1/incidents/{incident}/timeline"), &outsider)
        .await
        .assert_status(404);
    // No mail to the reporter's side carries it.
    let contact_mail = app.query_strings(&format!(
        "SELECT body AS v FROM outbox WHERE recipient <> '{colleague}'"
    ));
    assert!(contact_mail.iter().all(|body| !body.contains("所見")));
    // Staff see it on the timeline.
    let staff_timeline = app
        .get(&format!("/api/v1/incidents/{incident}/timeline"), &staff)
        .await;
    assert!(staff_timeline.body.to_string().contains("所見"));
}

async fn an_item_overdue_past_the_threshold_escalates_once(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "督促株式会社", "business").await;
    let assignee = app.user(Role::Staff, None);
    let assignee_id = last_user(&app);
    app.user(Role::Admin, None);
    // Awareness 45 days ago: the final report was due about 15 days ago, past three working days.
    let (_, late, _) = file(&app, &staff, report(org, 45, 2000, "誤交付")).await;
    // Awareness 31 days ago: due today or yesterday, not yet escalated.
    let (_, recent, _) = file(&app, &staff, report(org, 31, 2000, "誤交付")).await;
    app.put(
        &format!("/api/v1/incidents/{late}/assignee"),
        &staff,
        json!({"user_id": assignee_id}),
    )
    .await
    .assert_status(200);
    let settings = MailSettings::from(&app.config.mail);
    let first = scan_escalations(&app.db, &settings, today(), 3)
        .await
        .unwrap();
    assert_eq!(first, 2, "the assignee and the admin");
    assert_eq!(
        scan_escalations(&app.db, &settings, today(), 3)
            .await
            .unwrap(),
        0,
        "not twice"
    );
    assert_eq!(app.count("outbox WHERE kind = 'escalated'"), 2);
    assert_eq!(
        app.count(&format!(
            "outbox WHERE kind = 'escalated' AND entity_id = {recent}"
        )),
        0
    );
    let listed = app.get("/api/v1/work", &assignee).await;
    assert_eq!(listed.body["items"][0]["escalated"], true);
    assert_eq!(app.count("audit_log WHERE action = 'notify'"), 2);
}

async fn a_cases_timeline_shows_its_action_answer_note_and_assignment_in_order(app: TestApp) {
    let staff = app.staff();
    let colleague = app.user(Role::Staff, None);
    let colleague_id = last_user(&app);
    let org = app.organization(&staff, "経過株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(org));
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "経過の事案"}))
        .await;
    case.assert_status(201);
    let case_id = case.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/cases/{case_id}/entities"),
        &staff,
        json!({"organization_id": org, "role": "originator"}),
    )
    .await
    .assert_status(201);
    let action = app
        .post(
            "/api/v1/actions",
            &staff,
            json!({
                "kind": "report_collection", "regime": "appi", "organization_id": org,
                "case_id": case_id, "started_on": ago(2), "due_on": ago(-10)
            }),
        )
        .await;
    action.assert_status(201);
    let action_id = action.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/actions/{action_id}/responses"),
        &reporter,
        json!({"body": "回答します"}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/cases/{case_id}/notes"),
        &staff,
        json!({"body": "回答を受けて方針を検討"}),
    )
    .await
    .assert_status(201);
    app.put(
        &format!("/api/v1/cases/{case_id}/assignee"),
        &staff,
        json!({"user_id": colleague_id}),
    )
    .await
    .assert_status(200);
    let timeline = app
        .get(&format!("/api/v1/cases/{case_id}/timeline"), &colleague)
        .await;
    timeline.assert_status(200);
    let events: Vec<&str> = timeline.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .filter(|e| ["action", "answer", "note", "assignment"].contains(e))
        .collect();
    assert_eq!(
        events,
        ["assignment", "note", "answer", "action"],
        "newest first"
    );
    let paged = app
        .get(
            &format!("/api/v1/cases/{case_id}/timeline?per_page=1&page=2"),
            &colleague,
        )
        .await;
    assert_eq!(paged.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(paged.body["total"], timeline.body["total"]);
    // Reporters do not reach a case's timeline; the action's, addressed to them, without notes.
    app.get(&format!("/api/v1/cases/{case_id}/timeline"), &reporter)
        .await
        .assert_status(404);
    let theirs = app
        .get(&format!("/api/v1/actions/{action_id}/timeline"), &reporter)
        .await;
    theirs.assert_status(200);
    assert!(theirs.body.to_string().contains("回答"));
    // The case's page shows the panel.
    let web = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&web, PASSWORD).await;
    let page = browser.get(&format!("/cases/{case_id}")).await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("担当・メモ・経過"));
    assert!(page.html.contains("回答を受けて方針を検討"));
    // A note from the page, and a refusal in Japanese that writes nothing.
    let csrf = browser.csrf().await;
    let case_text = case_id.to_string();
    let back = format!("/cases/{case_id}");
    let noted = browser
        .post(
            "/work/notes",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "case"),
                ("id", case_text.as_str()),
                ("body", "画面からのメモ"),
                ("back", back.as_str()),
            ],
        )
        .await;
    assert_eq!(noted.status, 303);
    assert_eq!(noted.location(), format!("/cases/{case_id}#notes"));
    assert_eq!(
        app.count("audit_log WHERE entity_type = 'note'"),
        2,
        "the API's note and the page's, one row each"
    );
    let before = app.count("notes");
    let refused = browser
        .post(
            "/work/notes",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "case"),
                ("id", case_text.as_str()),
                ("body", "@nobody@example.jp 見て"),
                ("back", back.as_str()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .html
            .contains("有効な監視・監督担当者または管理者ではありません")
    );
    assert_eq!(app.count("notes"), before);
}

async fn the_unassigned_queue_and_the_team_workload(app: TestApp) {
    let staff = app.staff();
    let colleague = app.user(Role::Staff, None);
    let colleague_id = last_user(&app);
    let org = app.organization(&staff, "未割当株式会社", "business").await;
    let (_, late, _) = file(&app, &staff, report(org, 80, 2000, "紛失")).await;
    let (_, later, _) = file(&app, &staff, report(org, 60, 2000, "紛失")).await;
    let (_, voluntary, _) = file(&app, &staff, report(org, 60, 10, "紛失")).await;
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "未割当の事案"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let queue = app.get("/api/v1/work?assignee=none", &staff).await;
    queue.assert_status(200);
    let listed: Vec<(String, i64)> = queue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["kind"].as_str().unwrap().to_owned(),
                i["id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("incident".to_owned(), late),
            ("incident".to_owned(), later),
            ("incident".to_owned(), voluntary),
            ("case".to_owned(), case),
        ]
    );
    assert_eq!(queue.body["overdue"], 2);
    let paged = app
        .get("/api/v1/work?assignee=none&per_page=1&page=2", &staff)
        .await;
    assert_eq!(paged.body["items"][0]["id"], later);
    assert_eq!(paged.body["total"], 4);
    let overdue_only = app
        .get("/api/v1/work?assignee=none&overdue=true", &staff)
        .await;
    assert_eq!(overdue_only.body["total"], 2);

    app.post(
        "/api/v1/assignments",
        &staff,
        json!({"kind": "incident", "ids": [late, later], "user_id": colleague_id}),
    )
    .await
    .assert_status(200);
    let team = app.get("/api/v1/work/team", &staff).await;
    team.assert_status(200);
    let row = team.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["user_id"] == colleague_id)
        .unwrap()
        .clone();
    assert_eq!(row["open"], 2);
    assert_eq!(row["overdue"], 2);
    assert_eq!(row["oldest_days"], 79);
    let (status, headers, bytes) = app.download("/api/v1/work/team?format=csv", &staff).await;
    assert_eq!(status, 200);
    assert!(
        headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(String::from_utf8_lossy(&bytes).contains("担当中"));
    let (status, _, bytes) = app.download("/api/v1/work/team?format=xlsx", &staff).await;
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"PK"));
    app.get("/api/v1/work/team?from=2026-05-01&to=2026-04-01", &staff)
        .await
        .assert_refused_field("to");
    app.get("/api/v1/work/team", &colleague)
        .await
        .assert_status(200);
    let reporter = app.user(Role::Reporter, Some(org));
    app.get("/api/v1/work", &reporter).await.assert_status(403);
}
