//! Browser tests: Debian's headless Chromium, driven through chromedriver (WebDriver) by
//! fantoccini, against the real `leakdesk serve`. A reporter logs in and files a report through
//! the form by its field names and sees its reference; staff find it on the dashboard; both
//! statistics pages show their tables and charts. Screenshots go to `target/screenshots/`.
//! `.ci/run` installs chromium and chromium-driver; under CI their absence fails the test.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};
use crate::process::Server;
use crate::web::PASSWORD;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub(crate) const WAIT: Duration = Duration::from_secs(20);

/// chromedriver on a free loopback port, stopped when dropped.
pub(crate) struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The driver, or None (with a warning) where Chromium is not installed — except under CI.
pub(crate) fn driver() -> Option<Driver> {
    let installed =
        std::path::Path::new(CHROMIUM).exists() && std::path::Path::new(CHROMEDRIVER).exists();
    if !installed {
        if std::env::var_os("CI").is_some() {
            panic!("CI is set, so {CHROMIUM} and {CHROMEDRIVER} must be installed (.ci/run does)");
        }
        eprintln!("warning: browser test skipped: install chromium and chromium-driver");
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < WAIT, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
        _profile: tempfile::tempdir().expect("a profile dir"),
    })
}

pub(crate) async fn browser(driver: &Driver) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1800",
                "--lang=ja", format!("--user-data-dir={}", driver._profile.path().display()),
            ],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

pub(crate) async fn screenshot(client: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot dir");
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(dir.join(format!("{name}.png")), png).expect("save the screenshot");
}

pub(crate) async fn type_into(client: &Client, name: &str, text: &str) {
    client
        .find(Locator::Css(&format!("[name='{name}']")))
        .await
        .unwrap_or_else(|e| panic!("field {name}: {e}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into {name}: {e}"));
}

/// Logs in on the login page, where a page asked for has sent the browser (or from scratch).
pub(crate) async fn login(client: &Client, base: &str, email: &str) {
    if client.current_url().await.unwrap().path() != "/login" {
        client.goto(&format!("{base}/login")).await.unwrap();
    }
    type_into(client, "email", email).await;
    type_into(client, "password", PASSWORD).await;
    let form = client
        .form(Locator::Css("form[action='/login']"))
        .await
        .unwrap();
    form.submit().await.unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("form.logout"))
        .await
        .expect("signed in");
}

pub(crate) async fn logout(client: &Client) {
    client
        .find(Locator::Css("form.logout button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("form[action='/login']"))
        .await
        .expect("signed out");
}

async fn a_reporter_files_and_staff_see_it_in_chromium(app: TestApp) {
    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let staff_token = app.staff();
    let org = app
        .organization(&staff_token, "株式会社ブラウザ商事", "business")
        .await;
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    // Consultations over five quarters, for the hotline page's tables and charts.
    let client_api = app.client().await;
    for (day, desk, class, n) in [
        ("2024-07-10", "private", "complaint", 3),
        ("2024-10-10", "private", "question", 5),
        ("2025-01-10", "public", "question", 2),
        ("2025-04-10", "private", "complaint", 4),
        ("2025-05-12", "my_number", "other", 2),
    ] {
        let categories: Vec<String> = if class == "other" {
            Vec::new()
        } else {
            let listed = app
                .get(
                    &format!("/api/v1/consultation-categories?desk={desk}"),
                    &staff_token,
                )
                .await;
            vec![listed.body[0]["code"].as_str().unwrap().to_owned()]
        };
        for _ in 0..n {
            client_api
                .post(
                    &staff_token,
                    "/api/v1/consultations",
                    json!({"desk": desk, "class": class,
                    "categories": categories, "received_on": day}),
                )
                .await;
        }
    }
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;

    // The reporter: the form, by its field names (typed where a person types).
    client.goto(&format!("{base}/reports/new")).await.unwrap();
    assert!(
        client
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/login")
    );
    login(&client, &base, &reporter).await;
    assert_eq!(client.current_url().await.unwrap().path(), "/reports/new");
    let form = client
        .form(Locator::Css("form[action='/reports/new']"))
        .await
        .unwrap();
    form.set_by_name("regime", "appi").await.unwrap();
    form.set_by_name("stage", "preliminary").await.unwrap();
    form.set_by_name("aware_on", "2026-11-02").await.unwrap();
    form.set_by_name("cause", "misdelivery_email")
        .await
        .unwrap();
    type_into(
        &client,
        "summary",
        "顧客への案内メールを誤って宛先表示で一斉送信した。",
    )
    .await;
    type_into(&client, "data_items", "氏名\nメールアドレス").await;
    type_into(&client, "persons_affected", "1200").await;
    type_into(
        &client,
        "response_to_individuals",
        "対象者へお詫びの連絡を行った。",
    )
    .await;
    type_into(
        &client,
        "prevention_measures",
        "送信前の二重確認を徹底する。",
    )
    .await;
    screenshot(&client, &format!("{backend}-1-reporter-form")).await;
    form.submit().await.unwrap();
    let reference = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("reference"))
        .await
        .expect("the filed report")
        .text()
        .await
        .unwrap();
    assert!(
        reference.starts_with("LR-") && reference.len() == "LR-2026-000001".len(),
        "{reference}"
    );
    let notice = client
        .find(Locator::Css(".notice"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(notice.contains(&reference), "{notice}");
    screenshot(&client, &format!("{backend}-2-reporter-filed")).await;
    logout(&client).await;

    // Staff: the report on the dashboard.
    login(&client, &base, &staff).await;
    client.goto(&format!("{base}/staff")).await.unwrap();
    let table = client
        .find(Locator::Id("new-reports-table"))
        .await
        .expect("the new reports")
        .text()
        .await
        .unwrap();
    assert!(
        table.contains(&reference) && table.contains("株式会社ブラウザ商事"),
        "{table}"
    );
    screenshot(&client, &format!("{backend}-3-staff-dashboard")).await;

    // The printable statistics: tables and charts.
    client
        .goto(&format!("{base}/stats/activity/FY2026-H2"))
        .await
        .unwrap();
    let appi = client
        .find(Locator::Id("appi-table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        appi.contains("個人データの漏えい等事案の報告の受付"),
        "{appi}"
    );
    assert!(appi.contains("1件"), "the report just filed counts: {appi}");
    assert!(
        !client
            .find_all(Locator::Css("figure.chart svg rect"))
            .await
            .unwrap()
            .is_empty()
    );
    screenshot(&client, &format!("{backend}-4-stats-activity")).await;

    client
        .goto(&format!("{base}/stats/consultations/FY2025-Q1"))
        .await
        .unwrap();
    let average = client
        .find(Locator::Id("daily-average"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(average.contains("１日平均"), "{average}");
    let charts = client
        .find_all(Locator::Css("figure.chart svg"))
        .await
        .unwrap();
    assert_eq!(charts.len(), 4);
    let bars = client
        .find_all(Locator::Css("figure.chart rect.layer-0"))
        .await
        .unwrap();
    assert!(!bars.is_empty(), "complaint bars");
    let csv = client
        .find(Locator::Css("a[download]"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap();
    assert_eq!(csv.as_deref(), Some("/stats/consultations/FY2025-Q1/csv"));
    screenshot(&client, &format!("{backend}-5-stats-consultations")).await;

    client.close().await.unwrap();
    drop(server);
}

/// 審査・補正 in the browser: staff ask for a correction, the entity sees it on its list, amends
/// through the prefilled form with a reason, and the report page shows the version with the
/// changed items highlighted against the one before.
async fn a_revision_request_is_amended_in_chromium(app: TestApp) {
    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let staff_token = app.staff();
    let org = app
        .organization(&staff_token, "株式会社補正商事", "business")
        .await;
    let reporter_token = app.user(Role::Reporter, Some(org));
    let aware = (leakdesk::domain::calendar::japan_date(chrono::Utc::now())
        - chrono::Duration::days(3))
    .to_string();
    let filed = app
        .post(
            "/api/v1/reports",
            &reporter_token,
            json!({"organization_id": org, "regime": "appi", "stage": "preliminary",
                "aware_on": aware, "summary": "委託先のサーバ設定の誤りにより顧客情報が閲覧可能になっていた。",
                "data_items": ["氏名", "メールアドレス"], "persons_affected": 800, "cause": "unauthorized_access",
                "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false}),
        )
        .await;
    filed.assert_status(201);
    let id = filed.body["id"].as_i64().unwrap();
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;

    // Staff ask for a correction from the report's page.
    login(&client, &base, &staff).await;
    client
        .goto(&format!("{base}/reports/{id}/review"))
        .await
        .unwrap();
    let form = client
        .form(Locator::Css(&format!(
            "form[action='/reports/{id}/review']"
        )))
        .await
        .unwrap();
    form.set_by_name("decision", "revision_requested")
        .await
        .unwrap();
    type_into(
        &client,
        "comment",
        "本人の数の根拠と、不正アクセスの目的について調査結果を補ってください。",
    )
    .await;
    screenshot(&client, &format!("{backend}-6-staff-review")).await;
    form.submit().await.unwrap();
    let status = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("review-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(status, "補正依頼あり");
    logout(&client).await;

    // The entity sees the request on its list and on the report, and amends.
    login(&client, &base, &reporter).await;
    client.goto(&format!("{base}/reports")).await.unwrap();
    let list = client
        .find(Locator::Css("table.list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("補正依頼あり"), "{list}");
    client.goto(&format!("{base}/reports/{id}")).await.unwrap();
    let request = client
        .find(Locator::Css(".revision"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(request.contains("本人の数の根拠"), "{request}");
    client
        .goto(&format!("{base}/reports/{id}/amend"))
        .await
        .unwrap();
    let persons = client
        .find(Locator::Css("[name='persons_affected']"))
        .await
        .unwrap();
    assert_eq!(
        persons.prop("value").await.unwrap().as_deref(),
        Some("800"),
        "prefilled"
    );
    persons.clear().await.unwrap();
    persons.send_keys("1200").await.unwrap();
    client
        .find(Locator::Css("[name='unlawful_purpose']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(
        &client,
        "reason",
        "調査の結果、本人の数が確定し、不正の目的によるおそれが判明したため",
    )
    .await;
    screenshot(&client, &format!("{backend}-7-reporter-amend")).await;
    client
        .form(Locator::Css(&format!("form[action='/reports/{id}/amend']")))
        .await
        .unwrap()
        .submit()
        .await
        .unwrap();
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("table.version"))
        .await
        .expect("the amended report");
    let changed: Vec<String> = {
        let mut texts = Vec::new();
        for row in client
            .find_all(Locator::Css("table.version tr.changed th"))
            .await
            .unwrap()
        {
            texts.push(row.text().await.unwrap());
        }
        texts
    };
    assert_eq!(
        changed,
        ["本人の数（変更）", "不正の目的のおそれ（変更）"],
        "the changed items, marked and highlighted"
    );
    let status = client
        .find(Locator::Id("review-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(status, "受付");
    screenshot(&client, &format!("{backend}-8-amended-version")).await;

    client.close().await.unwrap();
    drop(server);
}

/// 報告徴収への回答 in the browser: the entity finds the request on its list, answers it through
/// the form with a PDF chosen in the file input, and staff see the answer and the file on the
/// action's page; the file downloads byte for byte.
async fn a_report_collection_is_answered_with_a_file_in_chromium(app: TestApp) {
    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let staff_token = app.staff();
    let org = app
        .organization(&staff_token, "株式会社回答商事", "business")
        .await;
    let today = leakdesk::domain::calendar::japan_date(chrono::Utc::now());
    let action = app
        .post(
            "/api/v1/actions",
            &staff_token,
            json!({"kind": "report_collection", "regime": "appi", "organization_id": org,
                "started_on": (today - chrono::Duration::days(2)).to_string(),
                "due_on": (today + chrono::Duration::days(5)).to_string(),
                "notes": "漏えいの経緯と再発防止策について報告を求めます。"}),
        )
        .await;
    action.assert_status(201);
    let id = action.body["id"].as_i64().unwrap();
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("調査報告書.pdf");
    std::fs::write(&pdf, crate::answers::PDF).unwrap();

    login(&client, &base, &reporter).await;
    client.goto(&format!("{base}/collections")).await.unwrap();
    let list = client
        .find(Locator::Css("table.list"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(list.contains("回答待ち"), "{list}");
    client
        .find(Locator::Css(&format!("a[href='/actions/{id}']")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(
        &client,
        "body",
        "経緯は添付の調査報告書のとおりです。再発防止策として、送信前の宛先確認を二重化しました。",
    )
    .await;
    client
        .find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(pdf.to_str().unwrap())
        .await
        .unwrap();
    screenshot(&client, &format!("{backend}-9-reporter-answer")).await;
    client
        .form(Locator::Css(&format!(
            "form[action='/actions/{id}/responses']"
        )))
        .await
        .unwrap()
        .submit()
        .await
        .unwrap();
    let answered = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("article.answer"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(answered.contains("調査報告書.pdf"), "{answered}");
    logout(&client).await;

    login(&client, &base, &staff).await;
    client.goto(&format!("{base}/actions/{id}")).await.unwrap();
    let status = client
        .find(Locator::Id("answer-status"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(status, format!("{today} に回答"));
    let link = client
        .find(Locator::Css("article.answer a[download]"))
        .await
        .unwrap();
    assert_eq!(link.text().await.unwrap(), "調査報告書.pdf");
    let href = link.attr("href").await.unwrap().unwrap();
    screenshot(&client, &format!("{backend}-10-staff-action-answered")).await;
    client.close().await.unwrap();
    let file = href.trim_start_matches("/attachments/");
    let (status, _, bytes) = app
        .download(&format!("/api/v1/attachments/{file}"), &staff_token)
        .await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(bytes, crate::answers::PDF);
    drop(server);
}

/// Staff choose an office's Shift_JIS CSV on the imports page: a bad row is listed in Japanese,
/// the corrected file is previewed as read and imported; each page passes axe-core.
async fn a_file_is_imported_from_the_imports_page_in_chromium(app: TestApp) {
    let Some(driver) = driver() else { return };
    let axe = crate::accessibility::axe_source();
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let staff_token = app.staff();
    let org = app
        .organization(&staff_token, "株式会社取込商事", "business")
        .await;
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;
    let dir = tempfile::tempdir().unwrap();
    let sheet = |date: &str| {
        format!(
            "報告者,適用される法令,報告の種類,漏えい等を知った日,受付日,概要,項目,本人の数,原因,要配慮個人情報が含まれる,不正に利用されることにより財産的被害が生じるおそれがある,不正の目的をもって行われたおそれがある\r\n\
             {org},個人情報保護法（民間部門）,速報,令和7年4月1日,令和7年4月2日,顧客名簿を紛失した,氏名、住所,1200,紛失,いいえ,いいえ,いいえ\r\n\
             {org},番号利用法,速報,{date},R7.4.3,個人番号を誤って交付した,個人番号,3,誤交付,はい,いいえ,いいえ\r\n"
        )
    };
    let choose = async |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, encoding_rs::SHIFT_JIS.encode(text).0).unwrap();
        client.goto(&format!("{base}/imports")).await.unwrap();
        client
            .find(Locator::Css(
                "select[name='records'] option[value='reports']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        client
            .find(Locator::Id("file"))
            .await
            .unwrap()
            .send_keys(path.to_str().unwrap())
            .await
            .unwrap();
        client
            .form(Locator::Css("form[action='/imports']"))
            .await
            .unwrap()
            .submit()
            .await
            .unwrap();
    };

    login(&client, &base, &staff).await;
    choose("誤りのある報告.csv", &sheet("令和7年4月31日")).await;
    let refused = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("section.refused-rows"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        refused.contains("2行目　漏えい等を知った日：「令和7年4月31日」は日付として読めません"),
        "{refused}"
    );
    screenshot(&client, &format!("{backend}-11-import-refused")).await;
    if let Some(axe) = &axe {
        crate::accessibility::assert_accessible(&client, axe, "/imports refused").await;
    }
    assert_eq!(app.count("reports"), 0);

    choose("報告.csv", &sheet("令和7年4月1日")).await;
    let preview = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#preview-heading"))
        .await
        .unwrap();
    assert_eq!(preview.text().await.unwrap(), "取り込まれる内容");
    let body = client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("漏えい等報告 2件（事態 2件）"), "{body}");
    assert!(body.contains("個人番号を誤って交付した"), "{body}");
    screenshot(&client, &format!("{backend}-12-import-preview")).await;
    if let Some(axe) = &axe {
        crate::accessibility::assert_accessible(&client, axe, "/imports preview").await;
    }
    assert_eq!(app.count("reports"), 0);
    client
        .find(Locator::Css("form[action^='/imports/'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let notice = client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".notice"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("漏えい等報告 2件（事態 2件）を取り込みました"),
        "{notice}"
    );
    screenshot(&client, &format!("{backend}-13-imported")).await;
    assert_eq!(app.count("reports"), 2);
    client.close().await.unwrap();
    drop(server);
}

on_both_backends!(
    a_reporter_files_and_staff_see_it_in_chromium,
    a_revision_request_is_amended_in_chromium,
    a_report_collection_is_answered_with_a_file_in_chromium,
    a_file_is_imported_from_the_imports_page_in_chromium,
);
