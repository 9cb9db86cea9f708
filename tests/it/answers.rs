//! Answers to report collections and attachments (API.md "Answers to report collections and
//! attachments"), on both backends: the entity answers with files, only it and staff reach them,
//! the files come back byte for byte, refused files store nothing, the action is answered and no
//! longer overdue, staff are mailed, and the entity is reminded once and noticed once.

use std::io::Write;

use leakdesk::domain::access::Role;
use leakdesk::notify::MailSettings;
use leakdesk::supervision::commands::scan_collections;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::harness::{TestApp, on_both_backends};

on_both_backends!(
    a_report_collection_is_answered_with_files_that_only_its_entity_and_staff_reach,
    answers_follow_the_rules_of_the_law,
    an_unanswered_collection_is_reminded_once_and_noticed_once_when_overdue,
    files_on_reports_and_cases_are_listed_and_downloaded_by_who_may_read_them,
    the_answer_form_keeps_what_was_typed_when_a_file_is_refused,
);

fn today() -> chrono::NaiveDate {
    leakdesk::domain::calendar::japan_date(chrono::Utc::now())
}

fn days_from_today(days: i64) -> String {
    (today() + chrono::Duration::days(days)).to_string()
}

/// A small but whole PDF: header, body, cross-reference, trailer, `%%EOF`.
pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";

/// A workbook as an Office Open XML package (stored entries).
pub fn xlsx() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
            ),
            ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook/>"),
            (
                "xl/worksheets/sheet1.xml",
                "<?xml version=\"1.0\"?><worksheet/>",
            ),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A Windows executable's header, whatever it is named.
pub fn exe() -> Vec<u8> {
    let mut bytes = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
    bytes.resize(512, 0);
    bytes[0x3c] = 0x80;
    bytes[0x80..0x84].copy_from_slice(b"PE\x00\x00");
    bytes
}

struct World {
    staff: String,
    a: i64,
    reporter_a: String,
    reporter_b: String,
}

async fn world(app: &TestApp) -> World {
    let staff = app.staff();
    let a = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "回答事業者Ａ社", "kind": "business", "contact_email": "dpo@a.example.jp"}),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let b = app.organization(&staff, "無関係Ｂ社", "business").await;
    World {
        reporter_a: app.user(Role::Reporter, Some(a)),
        reporter_b: app.user(Role::Reporter, Some(b)),
        staff,
        a,
    }
}

async fn collection(app: &TestApp, w: &World, started: i64, due: i64) -> i64 {
    let reply = app
        .post(
            "/api/v1/actions",
            &w.staff,
            json!({
                "kind": "report_collection", "regime": "appi", "organization_id": w.a,
                "started_on": days_from_today(started), "due_on": days_from_today(due)
            }),
        )
        .await;
    reply.assert_status(201);
    reply.body["id"].as_i64().unwrap()
}

async fn a_report_collection_is_answered_with_files_that_only_its_entity_and_staff_reach(
    app: TestApp,
) {
    let w = world(&app).await;
    let action = collection(&app, &w, -20, -2).await;
    let overdue = app.get("/api/v1/actions?overdue=true", &w.staff).await;
    assert_eq!(overdue.body["total"], 1, "due two days ago, unanswered");
    // Beside it, a collection not yet due and an action without a due date: not overdue.
    let later = collection(&app, &w, -1, 5).await;
    let guidance = app
        .post(
            "/api/v1/actions",
            &w.staff,
            json!({"kind": "guidance", "regime": "appi", "organization_id": w.a,
                   "started_on": days_from_today(-1)}),
        )
        .await;
    guidance.assert_status(201);
    let not_overdue = app.get("/api/v1/actions?overdue=false", &w.staff).await;
    let ids: Vec<i64> = not_overdue.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_i64().unwrap())
        .collect();
    assert!(
        ids.contains(&later) && ids.contains(&guidance.body["id"].as_i64().unwrap()),
        "{ids:?}"
    );
    assert!(!ids.contains(&action), "{ids:?}");

    let answer = app
        .post(
            &format!("/api/v1/actions/{action}/responses"),
            &w.reporter_a,
            json!({"body": "調査の結果を報告します。"}),
        )
        .await;
    answer.assert_status(201);
    assert_eq!(answer.body["late"], true, "{}", answer.body);
    assert_eq!(answer.body["submitted_on"], today().to_string());
    let response = answer.body["id"].as_i64().unwrap();
    let workbook = xlsx();
    let uploaded = app
        .upload(
            &format!("/api/v1/responses/{response}/attachments"),
            &w.reporter_a,
            &[("調査報告書.pdf", PDF), ("対象者一覧.xlsx", &workbook)],
        )
        .await;
    uploaded.assert_status(201);
    let items = uploaded.body["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["filename"], "調査報告書.pdf");
    assert_eq!(items[0]["content_type"], "application/pdf");
    assert_eq!(
        items[1]["content_type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    for (item, bytes) in items.iter().zip([PDF, &workbook]) {
        assert_eq!(item["size"], bytes.len());
        assert_eq!(item["sha256"], hex::encode(Sha256::digest(bytes)));
        for token in [&w.reporter_a, &w.staff] {
            let (status, headers, body) = app
                .download(&format!("/api/v1/attachments/{}", item["id"]), token)
                .await;
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body, bytes, "byte for byte");
            assert_eq!(
                hex::encode(Sha256::digest(&body)),
                item["sha256"].as_str().unwrap()
            );
            assert_eq!(headers.get("x-content-type-options").unwrap(), "nosniff");
            let disposition = headers
                .get("content-disposition")
                .unwrap()
                .to_str()
                .unwrap();
            assert!(disposition.starts_with("attachment;"), "{disposition}");
            assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
            assert!(
                headers
                    .get("content-security-policy")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .contains("sandbox")
            );
        }
    }

    // B's reporter: 404 on every path of the request, the answer and the files.
    for path in [
        format!("/api/v1/actions/{action}"),
        format!("/api/v1/actions/{action}/responses"),
        format!("/api/v1/responses/{response}/attachments"),
        format!("/api/v1/attachments/{}", items[0]["id"]),
    ] {
        let reply = app.get(&path, &w.reporter_b).await;
        assert_eq!(reply.status.as_u16(), 404, "{path}: {}", reply.body);
    }
    app.post(
        &format!("/api/v1/actions/{action}/responses"),
        &w.reporter_b,
        json!({"body": "なりすまし"}),
    )
    .await
    .assert_status(404);
    let list = app.get("/api/v1/actions", &w.reporter_b).await;
    assert_eq!(list.body["total"], 0);

    // Refused files store nothing: an executable named .pdf, HTML, 21 MiB.
    let before = (app.count("attachments"), app.count("attachment_chunks"));
    let path = format!("/api/v1/responses/{response}/attachments");
    let refused = app
        .upload(&path, &w.reporter_a, &[("報告書.pdf", &exe())])
        .await;
    refused.assert_status(415);
    assert!(!refused.field_errors("file").is_empty(), "{}", refused.body);
    let html = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
    let refused = app
        .upload(
            &path,
            &w.reporter_a,
            &[("一覧.csv", PDF), ("page.html", html)],
        )
        .await;
    refused.assert_status(415);
    let mut big = PDF.to_vec();
    big.resize(21 << 20, b' ');
    let refused = app
        .upload(&path, &w.reporter_a, &[("大きな報告書.pdf", &big)])
        .await;
    refused.assert_status(413);
    assert!(!refused.field_errors("file").is_empty(), "{}", refused.body);
    assert_eq!(
        (app.count("attachments"), app.count("attachment_chunks")),
        before,
        "nothing stored"
    );

    // Answered: answered_on, no longer overdue; staff mailed once with the file count.
    let read = app
        .get(&format!("/api/v1/actions/{action}"), &w.reporter_a)
        .await;
    assert_eq!(read.body["answered_on"], today().to_string());
    assert_eq!(read.body["overdue"], false);
    let overdue = app.get("/api/v1/actions?overdue=true", &w.staff).await;
    assert_eq!(overdue.body["total"], 0);
    assert_eq!(
        app.count(
            "outbox WHERE kind = 'collection_answered' AND recipient = 'kanshi@ppc.example.jp'"
        ),
        1
    );
    let answers = app
        .get(&format!("/api/v1/actions/{action}/responses"), &w.staff)
        .await;
    assert_eq!(answers.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(answers.body["items"][0]["body"], "調査の結果を報告します。");
}

async fn answers_follow_the_rules_of_the_law(app: TestApp) {
    let w = world(&app).await;
    let action = collection(&app, &w, -10, 5).await;
    let path = format!("/api/v1/actions/{action}/responses");

    // The entity does not date its answer; staff may, not before the collection nor ahead.
    app.post(
        &path,
        &w.reporter_a,
        json!({"body": "回答", "submitted_on": days_from_today(-1)}),
    )
    .await
    .assert_refused_field("submitted_on");
    for wrong in [-11, 1] {
        app.post(
            &path,
            &w.staff,
            json!({"body": "書面", "submitted_on": days_from_today(wrong)}),
        )
        .await
        .assert_refused_field("submitted_on");
    }
    for blank in ["", "  　"] {
        app.post(&path, &w.reporter_a, json!({"body": blank}))
            .await
            .assert_refused_field("body");
    }
    app.post(&path, &w.reporter_a, json!({"body": "回答", "extra": 1}))
        .await
        .assert_refused_field("extra");
    assert_eq!(app.count("responses"), 0, "nothing filed");

    // In time, then a paper answer recorded later but submitted earlier: answered_on is the
    // earliest.
    let first = app
        .post(&path, &w.reporter_a, json!({"body": "回答"}))
        .await;
    first.assert_status(201);
    assert_eq!(first.body["late"], false);
    let paper = app
        .post(
            &path,
            &w.staff,
            json!({"body": "書面で受領", "submitted_on": days_from_today(-3)}),
        )
        .await;
    paper.assert_status(201);
    assert_eq!(paper.body["submitted_on"], days_from_today(-3));
    let read = app
        .get(&format!("/api/v1/actions/{action}"), &w.staff)
        .await;
    assert_eq!(read.body["answered_on"], days_from_today(-3));

    // Completed: the entity's answers end there (staff may still record paper).
    app.patch(
        &format!("/api/v1/actions/{action}"),
        &w.staff,
        json!({"ended_on": today().to_string()}),
    )
    .await
    .assert_status(200);
    let closed = app
        .post(&path, &w.reporter_a, json!({"body": "追加の回答"}))
        .await;
    closed.assert_status(409);
    assert_eq!(closed.error_code(), "collection_completed");
    app.post(&path, &w.staff, json!({"body": "追加の書面"}))
        .await
        .assert_status(201);

    // Only report collections are answered: staff 409, the entity cannot even see the action.
    let guidance = app
        .post(
            "/api/v1/actions",
            &w.staff,
            json!({"kind": "guidance", "regime": "appi", "organization_id": w.a,
                "started_on": days_from_today(-1)}),
        )
        .await;
    let guidance = guidance.body["id"].as_i64().unwrap();
    let refused = app
        .post(
            &format!("/api/v1/actions/{guidance}/responses"),
            &w.staff,
            json!({"body": "回答"}),
        )
        .await;
    refused.assert_status(409);
    assert_eq!(refused.error_code(), "not_a_report_collection");
    app.post(
        &format!("/api/v1/actions/{guidance}/responses"),
        &w.reporter_a,
        json!({"body": "回答"}),
    )
    .await
    .assert_status(404);
    app.post(
        "/api/v1/actions/999999/responses",
        &w.staff,
        json!({"body": "回答"}),
    )
    .await
    .assert_status(404);
}

async fn an_unanswered_collection_is_reminded_once_and_noticed_once_when_overdue(app: TestApp) {
    let w = world(&app).await;
    let soon = collection(&app, &w, -5, 2).await;
    let answered = collection(&app, &w, -5, 2).await;
    app.post(
        &format!("/api/v1/actions/{answered}/responses"),
        &w.reporter_a,
        json!({"body": "回答済み"}),
    )
    .await
    .assert_status(201);
    let mut settings = MailSettings::from(&app.config.mail);
    settings.collection_reminder_days = 3;
    // Scans on two "instances" at once, and again: one reminder.
    let (one, two) = futures_util::join!(
        scan_collections(&app.db, &settings, today()),
        scan_collections(&app.db, &settings, today())
    );
    assert_eq!(one.unwrap() + two.unwrap(), 1);
    scan_collections(&app.db, &settings, today()).await.unwrap();
    assert_eq!(app.count("outbox WHERE kind = 'collection_reminder'"), 1);
    assert_eq!(
        app.count(&format!(
            "outbox WHERE kind = 'collection_reminder' AND entity_id = {soon} AND recipient = 'dpo@a.example.jp'"
        )),
        1
    );
    let later = today() + chrono::Duration::days(3);
    scan_collections(&app.db, &settings, later).await.unwrap();
    scan_collections(&app.db, &settings, later).await.unwrap();
    assert_eq!(app.count("outbox WHERE kind = 'collection_overdue'"), 1);
    assert_eq!(
        app.count(&format!("outbox WHERE entity_id = {answered} AND kind IN ('collection_reminder', 'collection_overdue')")),
        0,
        "an answered collection is neither reminded nor noticed"
    );
    // Each notice left its audit row.
    assert_eq!(
        app.count("audit_log WHERE action = 'notify' AND entity_type = 'action'"),
        2
    );
}

async fn files_on_reports_and_cases_are_listed_and_downloaded_by_who_may_read_them(app: TestApp) {
    let w = world(&app).await;
    let report = app
        .post(
            "/api/v1/reports",
            &w.reporter_a,
            json!({
                "organization_id": w.a, "regime": "appi", "stage": "preliminary",
                "aware_on": days_from_today(-3), "summary": "名簿の誤送付", "data_items": ["氏名"],
                "persons_affected": 1200, "cause": "misdelivery_email", "sensitive_data": false,
                "financial_damage_risk": false, "unlawful_purpose": false
            }),
        )
        .await;
    report.assert_status(201);
    let report = report.body["id"].as_i64().unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("氏名,住所\r\n山田太郎,東京都\r\n");
    let path = format!("/api/v1/reports/{report}/attachments");
    let uploaded = app
        .upload(
            &path,
            &w.reporter_a,
            &[("対象者一覧.csv", &sjis), ("メモ", "経緯のメモ".as_bytes())],
        )
        .await;
    uploaded.assert_status(201);
    assert_eq!(uploaded.body["items"][0]["content_type"], "text/csv");
    assert_eq!(uploaded.body["items"][1]["content_type"], "text/plain");
    let (_, headers, body) = app
        .download(
            &format!("/api/v1/attachments/{}", uploaded.body["items"][0]["id"]),
            &w.staff,
        )
        .await;
    assert_eq!(body, sjis.as_ref());
    assert_eq!(
        headers.get("content-type").unwrap(),
        "text/csv; charset=Shift_JIS"
    );
    let listed = app.get(&path, &w.staff).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 2);
    app.get(&path, &w.reporter_b).await.assert_status(404);

    // Cases are staff's: a reporter is told the case does not exist, even its own entity's.
    let case = app
        .post("/api/v1/cases", &w.staff, json!({"title": "誤送付の事案"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let case_path = format!("/api/v1/cases/{case}/attachments");
    let staff_file = app.upload(&case_path, &w.staff, &[("経緯.pdf", PDF)]).await;
    staff_file.assert_status(201);
    app.upload(&case_path, &w.reporter_a, &[("経緯.pdf", PDF)])
        .await
        .assert_status(404);
    app.get(&case_path, &w.reporter_a).await.assert_status(404);
    let (status, _, _) = app
        .download(
            &format!("/api/v1/attachments/{}", staff_file.body["items"][0]["id"]),
            &w.reporter_a,
        )
        .await;
    assert_eq!(status.as_u16(), 404);
    app.get("/api/v1/cases/999999/attachments", &w.staff)
        .await
        .assert_status(404);
    app.get("/api/v1/attachments/999999", &w.staff)
        .await
        .assert_status(404);
}

/// The pages: the entity's list shows the request; the answer form refuses an executable in
/// Japanese beside what was typed, files nothing, and then takes the answer with a PDF; a report
/// form with a refused file comes back with its fields.
async fn the_answer_form_keeps_what_was_typed_when_a_file_is_refused(app: TestApp) {
    use crate::web::{Browser, PASSWORD};
    let w = world(&app).await;
    let action = collection(&app, &w, -3, 4).await;
    let reporter = app.web_user(Role::Reporter, Some(w.a), PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&reporter, PASSWORD).await;
    let list = browser.get("/collections").await;
    assert_eq!(list.status, 200);
    assert!(
        list.html.contains(&format!("/actions/{action}")),
        "{}",
        list.html
    );
    assert!(list.html.contains("回答待ち"));
    let page = browser.get(&format!("/actions/{action}")).await;
    assert_eq!(page.status, 200);
    let csrf = page.input("csrf_token");
    let path = format!("/actions/{action}/responses");
    let typed = "経緯を報告します。";
    let refused = browser
        .post_multipart(
            &path,
            &[("csrf_token", &csrf), ("body", typed)],
            &[("報告書.pdf", &exe())],
        )
        .await;
    assert_eq!(refused.status, 415, "{}", refused.html);
    assert!(
        refused.html.contains("受け付けられない種類のファイル"),
        "{}",
        refused.html
    );
    assert!(refused.html.contains(typed), "what was typed is kept");
    assert_eq!(app.count("responses"), 0);
    assert_eq!(app.count("attachments"), 0);
    // Text fields are held in memory, so they have a limit of their own (the files do not).
    let long = "あ".repeat(40_000);
    let many: Vec<(&str, &str)> = std::iter::once(("csrf_token", csrf.as_str()))
        .chain((0..6).map(|_| ("note", long.as_str())))
        .collect();
    let too_much = browser.post_multipart(&path, &many, &[]).await;
    assert_eq!(too_much.status, 413, "{}", too_much.html);
    assert_eq!(app.count("responses"), 0);
    let blank = browser
        .post_multipart(&path, &[("csrf_token", &csrf), ("body", " ")], &[])
        .await;
    assert_eq!(blank.status, 422);
    assert!(blank.html.contains("回答の内容"), "{}", blank.html);
    let filed = browser
        .post_multipart(
            &path,
            &[("csrf_token", &csrf), ("body", typed)],
            &[("報告書.pdf", PDF)],
        )
        .await;
    assert_eq!(filed.status, 303, "{}", filed.html);
    let shown = browser.get(filed.location()).await;
    assert!(shown.html.contains("回答を受け付けました"));
    assert!(shown.html.contains("報告書.pdf"));
    assert_eq!(app.count("attachments"), 1);
    // Another entity's reporter: the action and its answer form are not there.
    let other = app.web_user(Role::Reporter, Some(w.a + 1), PASSWORD);
    let mut stranger = Browser::new(&app);
    stranger.login(&other, PASSWORD).await;
    assert_eq!(
        stranger.get(&format!("/actions/{action}")).await.status,
        404
    );
    let file = app
        .get(&format!("/api/v1/actions/{action}/responses"), &w.staff)
        .await;
    let response = file.body["items"][0]["id"].as_i64().unwrap();
    let listed = app
        .get(
            &format!("/api/v1/responses/{response}/attachments"),
            &w.staff,
        )
        .await;
    let id = listed.body["items"][0]["id"].as_i64().unwrap();
    assert_eq!(
        stranger.get(&format!("/attachments/{id}")).await.status,
        404
    );
    let mine = browser.get(&format!("/attachments/{id}")).await;
    assert_eq!(mine.status, 200);
    assert!(
        mine.header("content-disposition")
            .starts_with("attachment;")
    );

    // The report form with a refused file: the form again, its fields kept, nothing filed.
    let form = browser.get("/reports/new").await;
    let csrf = form.input("csrf_token");
    let reports = app.count("reports");
    let again = browser
        .post_multipart(
            "/reports/new",
            &[
                ("csrf_token", &csrf),
                ("idempotency_key", "form-file-1"),
                ("regime", "appi"),
                ("stage", "preliminary"),
                ("aware_on", &days_from_today(-2)),
                ("summary", "フォームからの報告"),
                ("data_items", "氏名"),
                ("persons_affected", "3"),
                ("cause", "theft"),
            ],
            &[("一覧.html", b"<html><script>alert(1)</script></html>")],
        )
        .await;
    assert_eq!(again.status, 415, "{}", again.html);
    assert!(again.html.contains("添付ファイル："), "{}", again.html);
    assert!(again.html.contains("フォームからの報告"));
    assert_eq!(app.count("reports"), reports);
    let filed = browser
        .post_multipart(
            "/reports/new",
            &[
                ("csrf_token", &csrf),
                ("idempotency_key", "form-file-2"),
                ("regime", "appi"),
                ("stage", "preliminary"),
                ("aware_on", &days_from_today(-2)),
                ("summary", "フォームからの報告"),
                ("data_items", "氏名"),
                ("persons_affected", "3"),
                ("cause", "theft"),
            ],
            &[("一覧.csv", "氏名\n山田".as_bytes())],
        )
        .await;
    assert_eq!(filed.status, 303, "{}", filed.html);
    let report = filed
        .location()
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let files = app
        .get(&format!("/api/v1/reports/{report}/attachments"), &w.staff)
        .await;
    assert_eq!(files.body["items"][0]["filename"], "一覧.csv");
    // The report's page lists it and takes more; a GIF is not a type it takes.
    let shown = browser.get(&format!("/reports/{report}")).await;
    assert!(shown.html.contains("一覧.csv"), "{}", shown.html);
    assert!(
        shown
            .html
            .contains(&format!("action=\"/reports/{report}/attachments\""))
    );
    let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
    let more = browser
        .post_multipart(
            &format!("/reports/{report}/attachments"),
            &[("csrf_token", &csrf)],
            &[("画面.png", gif)],
        )
        .await;
    assert_eq!(more.status, 415, "{}", more.html);
    assert!(more.html.contains("添付ファイル："), "{}", more.html);
    let added = browser
        .post_multipart(
            &format!("/reports/{report}/attachments"),
            &[("csrf_token", &csrf)],
            &[("経緯.pdf", PDF)],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.html);
    let shown = browser.get(added.location()).await;
    assert!(
        shown.html.contains("ファイルを 1 件添付しました"),
        "{}",
        shown.html
    );
    assert!(shown.html.contains("経緯.pdf"));
}
