//! One vocabulary per kind of record (issue #42): the product's own full downloads — the API's
//! `format=csv|xlsx` and a list page's `columns=all` — import back unchanged, their derived
//! columns reported as ignored and the records held already skipped as duplicates; the short
//! labels of the pages head an import's columns; each kind has a workbook to fill in; and the
//! texts of refusals are messages a folder may correct without a rebuild — on both backends.

use std::io::Write;

use leakdesk::domain::access::Role;
use serde_json::json;

use crate::cli::run;
use crate::harness::{TestApp, on_both_backends};
use crate::process::{Server, http};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    the_products_own_downloads_import_back,
    consultations_actions_and_organizations_downloaded_import_back,
    the_pages_short_labels_head_an_import,
    each_kind_has_a_workbook_to_fill_in_that_imports_as_it_is,
    a_corrected_message_file_changes_the_sentence_without_a_rebuild,
);

/// A database of the same backend as `app`'s, empty.
fn fresh(app: &TestApp) -> TestApp {
    if app.url.starts_with("postgres") {
        TestApp::postgres().expect("PostgreSQL, as for `app`")
    } else {
        TestApp::sqlite()
    }
}

fn saved(bytes: &[u8], suffix: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    file.write_all(bytes).unwrap();
    file
}

fn text(output: &[u8]) -> String {
    String::from_utf8_lossy(output).into_owned()
}

/// `leakdesk import KIND FILE [--dry-run]` on `app`: what it printed, after it succeeded.
fn import(app: &TestApp, kind: &str, file: &tempfile::NamedTempFile, dry_run: bool) -> String {
    let path = file.path().to_str().unwrap();
    let mut args = vec!["import", kind, path];
    if dry_run {
        args.push("--dry-run");
    }
    let output = run(app, &args, None);
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    text(&output.stdout)
}

async fn the_products_own_downloads_import_back(app: TestApp) {
    let staff = app.staff();
    let created = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "株式会社往復", "kind": "business", "corporate_number": "1180301018771",
                   "prefecture": "愛知県", "contact_email": "dpo@ofuku.example.jp"}),
        )
        .await;
    created.assert_status(201);
    let org = created.body["id"].as_i64().unwrap();
    let file = |stage: &str, preliminary: Option<i64>, summary: &str| {
        let mut body = json!({
            "organization_id": org, "regime": "appi", "stage": stage, "aware_on": "2025-04-01",
            "received_on": "2025-04-03", "summary": summary, "data_items": ["氏名", "住所"],
            "persons_affected": 1500, "cause": "loss", "sensitive_data": false,
            "financial_damage_risk": false, "unlawful_purpose": false
        });
        if let Some(id) = preliminary {
            body["preliminary_report_id"] = json!(id);
            body["received_on"] = json!("2025-04-25");
        }
        body
    };
    let first = app
        .post(
            "/api/v1/reports",
            &staff,
            file("preliminary", None, "名簿を紛失した"),
        )
        .await;
    first.assert_status(201);
    let first = first.body["id"].as_i64().unwrap();
    app.post(
        "/api/v1/reports",
        &staff,
        file("final", Some(first), "名簿を紛失した。原因は管理の不備"),
    )
    .await
    .assert_status(201);
    app.post(
        "/api/v1/reports",
        &staff,
        file("preliminary", None, "USBメモリを紛失"),
    )
    .await
    .assert_status(201);

    // The downloads: the API's, with the fields' names, and the page's with every field under
    // its short label.
    let (status, _, api_csv) = app.download("/api/v1/reports?format=csv", &staff).await;
    assert_eq!(status, 200);
    let (status, _, api_xlsx) = app.download("/api/v1/reports?format=xlsx", &staff).await;
    assert_eq!(status, 200);
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&clerk, PASSWORD).await;
    let list = browser.get("/reports").await;
    assert!(list.html.contains("columns=all"), "{}", list.html);
    let page_csv = browser.get("/reports?format=csv&columns=all").await;
    assert_eq!(page_csv.status, 200);
    let headings = text(&page_csv.body);
    for heading in [
        "受付番号",
        "報告者",
        "法令",
        "報告の種別",
        "要配慮個人情報",
        "次の期限",
    ] {
        assert!(headings.contains(heading), "{heading}: {headings}");
    }
    assert!(
        headings.contains("株式会社往復"),
        "the organization by its name"
    );
    // Derived choices too are written by their labels, as the report's page shows them.
    for (label, code) in [
        ("確報の提出待ち", "awaiting_final"),
        ("受付", "received"),
        ("本人の数が基準を超える", "headcount"),
    ] {
        assert!(headings.contains(label), "{label}: {headings}");
        assert!(!headings.contains(code), "{code}: {headings}");
    }
    let page_xlsx = browser.get("/reports?format=xlsx&columns=all").await;
    assert_eq!(page_xlsx.status, 200);
    let organizations = browser.get("/organizations?format=csv&columns=all").await;
    assert_eq!(organizations.status, 200);

    // Back into the database they came from: every row is held already, and nothing changes.
    let files = [
        saved(&api_csv, ".csv"),
        saved(&api_xlsx, ".xlsx"),
        saved(&page_csv.body, ".csv"),
        saved(&page_xlsx.body, ".xlsx"),
    ];
    let audit_rows = app.count("audit_log");
    for file in &files {
        let said = import(&app, "reports", file, true);
        assert!(
            said.contains("ignored column(s), derived by leakdesk: "),
            "{said}"
        );
        assert!(said.contains("row 1: skipped"), "{said}");
        assert!(
            said.contains("would import 0 report(s) to 0 incident(s)")
                && said.contains("3 duplicate row(s) skipped"),
            "{said}"
        );
        let said = import(&app, "reports", file, false);
        assert!(said.contains("imported 0 report(s)"), "{said}");
    }
    assert_eq!(app.count("reports"), 3);
    assert_eq!(app.count("audit_log"), audit_rows, "nothing was written");

    // Into an empty database: the register first (from its own download), then each download
    // of the reports, the final report completing its preliminary one.
    for file in &files {
        let other = fresh(&app);
        let register = saved(&organizations.body, ".csv");
        let said = import(&other, "organizations", &register, false);
        assert!(said.contains("imported 1 organization(s)"), "{said}");
        let said = import(&other, "reports", file, false);
        assert!(
            said.contains("imported 3 report(s) to 2 incident(s)"),
            "{said}"
        );
        assert_eq!(other.count("reports"), 3);
        assert_eq!(
            other.count("incidents WHERE final_report_id IS NOT NULL"),
            1,
            "the final report completes its incident"
        );
        assert_eq!(
            other.count(
                "reports WHERE summary = '名簿を紛失した。原因は管理の不備' AND stage = 'final' \
                 AND received_on = '2025-04-25' AND persons_affected = 1500"
            ),
            1
        );
    }

    // The imports page says what it leaves out, and what it skips.
    let form = browser.get("/imports").await;
    let csrf = form.input("csrf_token");
    let preview = browser
        .post_multipart(
            "/imports",
            &[("csrf_token", csrf.as_str()), ("records", "reports")],
            &[("reports.csv", &page_csv.body)],
        )
        .await;
    assert_eq!(preview.status, 200, "{}", preview.html);
    for shown in [
        "読まない列",
        "受付番号",
        "取り込まない行",
        "1行目（LR-",
        "取り込むものはありません",
    ] {
        assert!(preview.html.contains(shown), "{shown}: {}", preview.html);
    }
    // Every row is held already: nothing waits for an import that would write nothing.
    assert!(
        !preview.html.contains("この内容で取り込む"),
        "{}",
        preview.html
    );
    assert_eq!(app.count("pending_imports"), 0);
}

async fn the_pages_short_labels_head_an_import(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社見出し", "business").await;
    // The report page's and its version table's short labels, as a person copies them.
    let sheet = format!(
        "報告者,法令,報告の種別,漏えい等を知った日,受付日,概要,項目,本人の数,原因,\
         要配慮個人情報,財産的被害のおそれ,不正の目的のおそれ\n\
         {org},個人情報保護法（民間部門）,速報,2025-04-01,2025-04-02,顧客名簿の誤送付,氏名,12,\
         誤送信（電子メール）,該当しない,該当しない,該当する\n"
    );
    let file = saved(sheet.as_bytes(), ".csv");
    let said = import(&app, "reports", &file, true);
    assert!(said.contains("would import 1 report(s)"), "{said}");
    let said = import(&app, "reports", &file, false);
    assert!(said.contains("imported 1 report(s)"), "{said}");
    let reports = app.get("/api/v1/reports", &staff).await;
    let report = &reports.body["items"][0];
    assert_eq!(report["unlawful_purpose"], true, "{report}");
    assert_eq!(report["sensitive_data"], false, "{report}");
    assert_eq!(
        report["mandatory"], true,
        "the unlawful purpose makes it mandatory"
    );
}

async fn each_kind_has_a_workbook_to_fill_in_that_imports_as_it_is(app: TestApp) {
    use calamine::{Reader, Xlsx};
    let staff = app.staff();
    // The examples name organization 1.
    app.organization(&staff, "株式会社記入例", "business").await;
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&clerk, PASSWORD).await;
    let page = browser.get("/imports").await;
    for (kind, first, count) in [
        ("reports", "報告者", "would import 1 report(s)"),
        ("consultations", "窓口", "would import 1 consultation(s)"),
        ("actions", "措置", "would import 1 action(s)"),
        ("organizations", "名称", "would import 1 organization(s)"),
        (
            "optout-notifications",
            "届出者",
            "would import 1 opt-out notification(s)",
        ),
        (
            "accredited-bodies",
            "団体の名称",
            "would import 1 accredited body(ies)",
        ),
        (
            "anonymised-publications",
            "事業者",
            "would import 1 publication(s) of anonymised information",
        ),
    ] {
        let path = format!("/imports/templates/{kind}.xlsx");
        assert!(page.html.contains(&path), "{path}: {}", page.html);
        let template = browser.get(&path).await;
        assert_eq!(template.status, 200, "{path}");
        assert!(
            template.header("content-type").contains("spreadsheetml"),
            "{}",
            template.header("content-type")
        );
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(template.body.clone())).unwrap();
        assert_eq!(book.sheet_names(), ["記入用", "項目の説明"], "{kind}");
        let rows = book.worksheet_range("記入用").unwrap();
        assert_eq!(
            rows.get((0, 0)).map(ToString::to_string).as_deref(),
            Some(first)
        );
        assert_eq!(rows.height(), 2, "headings and one example");
        let help = book.worksheet_range("項目の説明").unwrap();
        assert_eq!(
            help.get((0, 5)).map(ToString::to_string).as_deref(),
            Some("入力できる値")
        );
        let said = import(&app, kind, &saved(&template.body, ".xlsx"), true);
        assert!(said.contains(count), "{kind}: {said}");
    }
    assert_eq!(
        browser.get("/imports/templates/colours.xlsx").await.status,
        404
    );
    let reporter = app.web_user(Role::Reporter, Some(1), PASSWORD);
    let mut outsider = Browser::new(&app);
    outsider.login(&reporter, PASSWORD).await;
    assert_eq!(
        outsider.get("/imports/templates/reports.xlsx").await.status,
        403
    );
}

async fn a_corrected_message_file_changes_the_sentence_without_a_rebuild(app: TestApp) {
    let added = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "kotoba@example.jp",
            "--role",
            "staff",
        ],
        None,
    );
    assert!(added.status.success());
    let token = text(&added.stdout)
        .lines()
        .last()
        .unwrap()
        .trim()
        .to_owned();
    let corrections = tempfile::tempdir().unwrap();
    std::fs::create_dir(corrections.path().join("ja")).unwrap();
    std::fs::write(
        corrections.path().join("ja/corrections.ftl"),
        "required = この欄は必ず入力してください（訂正済み）\n",
    )
    .unwrap();
    let dir = corrections.path().to_str().unwrap();
    let server = Server::start(&app, &[("LEAKDESK_LOCALES__DIR", dir)]);
    let bearer = format!("Bearer {token}");
    let ask = |language: &str| {
        http(
            &server.address,
            "POST",
            "/api/v1/organizations",
            &[
                ("Authorization", bearer.as_str()),
                ("Content-Type", "application/json"),
                ("Accept-Language", language),
            ],
            Some(r#"{"kind": "business"}"#),
        )
        .unwrap()
    };
    let (status, body) = ask("ja");
    assert_eq!(status, 422, "{body}");
    assert!(
        body.contains("この欄は必ず入力してください（訂正済み）"),
        "{body}"
    );
    // The English text, and every other message, stay as compiled in.
    let (_, body) = ask("en");
    assert!(body.contains("is required"), "{body}");
    drop(server);
    // A message file that does not parse stops the start, naming it.
    std::fs::write(corrections.path().join("ja/broken.ftl"), "required = {\n").unwrap();
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_leakdesk"))
        .args(["migrate"])
        .env("DATABASE_URL", &app.url)
        .env("LEAKDESK_LOCALES__DIR", dir)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(
        text(&refused.stderr).contains("broken.ftl"),
        "{}",
        text(&refused.stderr)
    );
}

async fn consultations_actions_and_organizations_downloaded_import_back(app: TestApp) {
    let staff = app.staff();
    let org = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "サンプル市", "kind": "local_government", "prefecture": "北海道"}),
        )
        .await;
    org.assert_status(201);
    let org = org.body["id"].as_i64().unwrap();
    for body in [
        json!({"desk": "private", "class": "question", "categories": ["third_party_provision", "disclosure"],
               "received_on": "2025-04-01", "summary": "提供の同意について、確認したい", "organization_id": org}),
        json!({"desk": "my_number", "class": "other", "categories": [], "received_on": "2025-04-02",
               "summary": "=受付時間の問合せ", "referred_to_supervision": false}),
    ] {
        app.post("/api/v1/consultations", &staff, body)
            .await
            .assert_status(201);
    }
    for body in [
        json!({"kind": "report_collection", "regime": "appi_public", "organization_id": org,
               "started_on": "2025-04-01", "due_on": "2025-04-15", "notes": "+ 追加の資料"}),
        json!({"kind": "guidance", "regime": "appi_public", "organization_id": org,
               "started_on": "2025-05-01", "ended_on": "2025-05-01"}),
    ] {
        app.post("/api/v1/actions", &staff, body)
            .await
            .assert_status(201);
    }
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&clerk, PASSWORD).await;
    let register = browser.get("/organizations?format=xlsx&columns=all").await;
    assert_eq!(register.status, 200);
    for (kind, api, page, count) in [
        (
            "consultations",
            "/api/v1/consultations?format=csv",
            "/consultations?format=csv&columns=all",
            "consultation(s)",
        ),
        (
            "actions",
            "/api/v1/actions?format=xlsx",
            "/actions?format=xlsx&columns=all",
            "action(s)",
        ),
    ] {
        let (status, _, api) = app.download(api, &staff).await;
        assert_eq!(status, 200, "{kind}");
        let page = browser.get(page).await;
        assert_eq!(page.status, 200, "{kind}");
        let suffix = if kind == "actions" { ".xlsx" } else { ".csv" };
        for file in [saved(&api, suffix), saved(&page.body, suffix)] {
            // Back where they came from: held already, nothing written.
            let said = import(&app, kind, &file, false);
            assert!(
                said.contains(&format!("imported 0 {count}"))
                    && said.contains("2 duplicate row(s) skipped"),
                "{kind}: {said}"
            );
            // Into an empty database, after its register: every record, as it was.
            let other = fresh(&app);
            let said = import(
                &other,
                "organizations",
                &saved(&register.body, ".xlsx"),
                false,
            );
            assert!(said.contains("imported 1 organization(s)"), "{said}");
            let said = import(&other, kind, &file, false);
            assert!(
                said.contains(&format!("imported 2 {count}")),
                "{kind}: {said}"
            );
            match kind {
                "consultations" => {
                    assert_eq!(
                        other.count(
                            "consultations WHERE summary = '提供の同意について、確認したい' \
                             AND organization_id = 1"
                        ),
                        1,
                        "{kind}"
                    );
                    assert_eq!(
                        other.count("consultations WHERE summary = '=受付時間の問合せ'"),
                        1,
                        "a cell guarded as text comes back as written"
                    );
                    assert_eq!(other.count("consultation_category_links"), 2);
                }
                _ => {
                    assert_eq!(
                        other.count(
                            "actions WHERE kind = 'report_collection' AND due_on = '2025-04-15' \
                             AND notes = '+ 追加の資料'"
                        ),
                        1,
                        "{kind}"
                    );
                }
            }
        }
    }
    // The register's own download, again: held already.
    let said = import(
        &app,
        "organizations",
        &saved(&register.body, ".xlsx"),
        false,
    );
    assert!(
        said.contains("imported 0 organization(s)") && said.contains("1 duplicate row(s) skipped"),
        "{said}"
    );
}
