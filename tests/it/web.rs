//! The web pages over HTTP (the browser tests drive the same pages in Chromium): login with its
//! rate limit, CSRF, sessions, the report form with refusals beside the fields, roles and
//! entities kept apart, the staff pages and the printable statistics.

use std::collections::BTreeMap;

use actix_web::http::Method;
use actix_web::http::header::HeaderMap;
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::harness::{TestApp, on_both_backends};

pub const PASSWORD: &str = "correct horse battery";

pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub html: String,
    /// The body as it came (a download's bytes).
    pub body: Vec<u8>,
}

impl Page {
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn location(&self) -> &str {
        self.header("location")
    }

    /// The value of a form's input of this name (the first one).
    pub fn input(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .html
            .find(&marker)
            .unwrap_or_else(|| panic!("no input {name} in {}", self.html))
            + marker.len();
        self.html[start..].split('"').next().unwrap().to_owned()
    }

    fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

/// A browser over the test service: keeps cookies, sends forms.
pub struct Browser<'a> {
    app: &'a TestApp,
    pub cookies: BTreeMap<String, String>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Self {
        Self {
            app,
            cookies: BTreeMap::new(),
        }
    }

    pub async fn send(&mut self, request: TestRequest) -> Page {
        let service =
            init_service(leakdesk::app(self.app.db.clone(), self.app.config.clone())).await;
        let mut request = request;
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            request = request.insert_header(("Cookie", jar.join("; ")));
        }
        let response = call_service(&service, request.to_request()).await;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = read_body(response).await.to_vec();
        let html = String::from_utf8_lossy(&body).into_owned();
        let page = Page {
            status,
            headers,
            html,
            body,
        };
        for cookie in page.set_cookies() {
            let pair = cookie.split(';').next().unwrap_or_default();
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if value.is_empty() || cookie.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        page
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send(TestRequest::default().method(Method::GET).uri(path))
            .await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        self.send(
            TestRequest::default()
                .method(Method::POST)
                .uri(path)
                .insert_header(("Content-Type", "application/x-www-form-urlencoded"))
                .set_payload(body),
        )
        .await
    }

    /// POSTs a form as a browser does when it has a file input: `multipart/form-data` of text
    /// `fields` and `files` (name, bytes) in parts named `file`.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &[u8])],
    ) -> Page {
        let mut parts: Vec<(&str, Option<&str>, &[u8])> = fields
            .iter()
            .map(|(name, value)| (*name, None, value.as_bytes()))
            .collect();
        parts.extend(
            files
                .iter()
                .map(|(name, bytes)| ("file", Some(*name), *bytes)),
        );
        self.send(
            TestRequest::default()
                .method(Method::POST)
                .uri(path)
                .insert_header((
                    "Content-Type",
                    format!("multipart/form-data; boundary={}", crate::harness::BOUNDARY),
                ))
                .set_payload(crate::harness::multipart_body(&parts)),
        )
        .await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        let csrf = form.input("csrf_token");
        self.post(
            "/login",
            &[
                ("csrf_token", &csrf),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// The CSRF token of the signed-in session, read off a page.
    pub async fn csrf(&mut self) -> String {
        self.get("/reports").await.input("csrf_token")
    }
}

/// An organization and a reporter of it who can log in.
async fn reporter(app: &TestApp, staff: &str, name: &str) -> (i64, String) {
    let org = app.organization(staff, name, "business").await;
    (org, app.web_user(Role::Reporter, Some(org), PASSWORD))
}

fn report_form<'f>(csrf: &'f str, key: &'f str, summary: &'f str) -> Vec<(&'f str, &'f str)> {
    vec![
        ("csrf_token", csrf),
        ("idempotency_key", key),
        ("regime", "appi"),
        ("stage", "preliminary"),
        ("aware_on", "2026-11-02"),
        ("summary", summary),
        ("data_items", "氏名\r\n電話番号\r\n"),
        ("persons_affected", "1500"),
        ("cause", "unauthorized_access"),
        ("unlawful_purpose", "true"),
    ]
}

async fn a_reporter_files_through_the_form(app: TestApp) {
    let staff = app.staff();
    let (_, email) = reporter(&app, &staff, "株式会社ウェブ商事").await;
    let mut browser = Browser::new(&app);

    let refused = browser.login(&email, PASSWORD).await;
    assert_eq!(refused.status, 303);
    let form = browser.get("/reports/new").await;
    assert_eq!(form.status, 200);
    for name in [
        "summary",
        "data_items",
        "persons_affected",
        "cause",
        "aware_on",
    ] {
        assert!(form.html.contains(&format!("name=\"{name}\"")), "{name}");
        assert!(
            form.html.contains(&format!("<label for=\"field-{name}\"")),
            "label of {name}"
        );
    }
    let (csrf, key) = (form.input("csrf_token"), form.input("idempotency_key"));

    // Refusals come back beside their fields, with what was typed kept; nothing is written.
    let mut wrong = report_form(&csrf, &key, "");
    wrong.retain(|(name, _)| *name != "persons_affected");
    wrong.push(("persons_affected", "千五百"));
    wrong.push(("occurred_on", "2026-13-01"));
    let page = browser.post("/reports/new", &wrong).await;
    assert_eq!(page.status, 422, "{}", page.html);
    assert!(
        page.html.contains("入力内容を確認してください（3件）"),
        "{}",
        page.html
    );
    assert!(page.html.contains("id=\"field-summary-error\""));
    assert!(page.html.contains("id=\"field-persons_affected-error\""));
    assert!(page.html.contains("id=\"field-occurred_on-error\""));
    assert!(page.html.contains("aria-invalid=\"true\""));
    assert!(page.html.contains("value=\"千五百\""), "the input is kept");
    assert!(page.html.contains(">氏名\r\n電話番号</textarea>") || page.html.contains("氏名"));
    assert_eq!(app.count("reports"), 0);

    // Filed: the answer is the report with its reference and deadlines.
    let filed = browser
        .post(
            "/reports/new",
            &report_form(&csrf, &key, "不正アクセスによる漏えい"),
        )
        .await;
    assert_eq!(filed.status, 303, "{}", filed.html);
    assert!(
        filed.location().starts_with("/reports/"),
        "{}",
        filed.location()
    );
    let shown = browser.get(filed.location()).await;
    assert_eq!(shown.status, 200);
    let reference = app.db.read_blocking(|conn| {
        use diesel::prelude::*;
        use leakdesk::db::schema::incidents;
        Ok(incidents::table.select(incidents::id).first::<i64>(conn)?)
    });
    let reference = format!(
        "LR-{}-{:06}",
        leakdesk::clock::today_in_japan().format("%Y"),
        reference.unwrap()
    );
    assert!(
        shown.html.contains(&format!("受付番号は {reference} です")),
        "{}",
        shown.html
    );
    assert!(shown.html.contains("確報の期限"));
    assert!(shown.html.contains("不正の目的によるおそれ"));
    assert!(shown.html.contains("確報を提出する"));

    // The same submission again (a double click, a retry): the same report, not a second one.
    let again = browser
        .post(
            "/reports/new",
            &report_form(&csrf, &key, "不正アクセスによる漏えい"),
        )
        .await;
    assert_eq!(again.location(), filed.location());
    assert_eq!(app.count("reports"), 1);

    // The list shows the incident's next deadline.
    let list = browser.get("/reports").await;
    assert!(list.html.contains(&reference));
    assert!(list.html.contains("確報待ち"));

    // The final report from the preliminary one: prefilled, and filed into the same incident.
    let id = filed
        .location()
        .trim_start_matches("/reports/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let final_form = browser
        .get(&format!("/reports/new?preliminary_report_id={id}"))
        .await;
    assert_eq!(final_form.status, 200);
    assert!(
        final_form.html.contains("不正アクセスによる漏えい"),
        "prefilled"
    );
    assert!(
        final_form
            .html
            .contains(&format!("name=\"preliminary_report_id\" value=\"{id}\""))
    );
    let key2 = final_form.input("idempotency_key");
    let mut completing = report_form(&csrf, &key2, "確報：原因はVPN機器の脆弱性");
    completing.retain(|(name, _)| *name != "stage");
    completing.push(("stage", "final"));
    completing.push(("preliminary_report_id", &id));
    let completed = browser.post("/reports/new", &completing).await;
    assert_eq!(completed.status, 303, "{}", completed.html);
    assert_eq!(app.count("incidents"), 1);
    assert!(browser.get("/reports").await.html.contains("完了"));
}

async fn login_is_checked_and_rate_limited(app: TestApp) {
    let staff = app.staff();
    let (_, email) = reporter(&app, &staff, "株式会社ログイン").await;
    let mut browser = Browser::new(&app);

    let wrong = browser.login(&email, "not the password").await;
    assert_eq!(wrong.status, 401);
    assert!(
        wrong
            .html
            .contains("メールアドレス又はパスワードが正しくありません")
    );
    assert!(
        wrong.html.contains(&format!("value=\"{email}\"")),
        "the e-mail is kept"
    );
    assert!(!browser.cookies.contains_key("leakdesk_session"));
    // An unknown address gets the same answer.
    let unknown = browser.login("nobody@example.jp", PASSWORD).await;
    assert_eq!(unknown.status, 401);

    for _ in 0..4 {
        assert_eq!(browser.login(&email, "still wrong").await.status, 401);
    }
    // Five failures for the address: even the right password waits now.
    let limited = browser.login(&email, PASSWORD).await;
    assert_eq!(limited.status, 429, "{}", limited.html);
    let retry: i64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    assert!(limited.html.contains("分後にもう一度お試しください"));
    // Every failure is in the audit trail; the password never is.
    let failures = app.count("audit_log WHERE action = 'login_failed'");
    assert_eq!(failures, 6);
    let trail = app.db.read_blocking(|conn| {
        use diesel::prelude::*;
        use leakdesk::db::schema::audit_log;
        Ok(audit_log::table
            .select(audit_log::changes)
            .load::<String>(conn)?)
    });
    assert!(
        trail
            .unwrap()
            .iter()
            .all(|c| !c.contains("wrong") && !c.contains(PASSWORD))
    );

    // Once the failures leave the window, the right password logs in and clears the count.
    app.execute("UPDATE login_attempts SET attempted_at = '2000-01-01 00:00:00'");
    let welcome = browser.login(&email, PASSWORD).await;
    assert_eq!(welcome.status, 303, "{}", welcome.html);
    assert_eq!(welcome.location(), "/");
    assert!(browser.cookies.contains_key("leakdesk_session"));
    assert_eq!(app.count("audit_log WHERE action = 'login'"), 1);
}

/// A password hash made under older parameters (argon2's default, 19 MiB and two passes) still
/// logs in, and is made again under the current ones from the password just checked.
async fn an_older_password_hash_logs_in_and_is_made_again(app: TestApp) {
    use argon2::PasswordHasher;
    let staff = app.staff();
    let (_, email) = reporter(&app, &staff, "株式会社ハッシュ").await;
    let salt = argon2::password_hash::SaltString::encode_b64(b"sixteen byte salt").unwrap();
    let older = argon2::Argon2::default()
        .hash_password(PASSWORD.as_bytes(), &salt)
        .unwrap()
        .to_string();
    assert!(older.contains("m=19456,t=2,p=1"), "{older}");
    app.execute(&format!(
        "UPDATE users SET password_hash = '{older}' WHERE email = '{email}'"
    ));
    let stored = || {
        app.count(&format!(
            "users WHERE email = '{email}' AND password_hash LIKE '$argon2id$v=19$m=7168,t=5,p=1$%'"
        ))
    };

    // A wrong password changes nothing.
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, "not the password").await.status, 401);
    assert_eq!(stored(), 0);
    let welcome = browser.login(&email, PASSWORD).await;
    assert_eq!(welcome.status, 303, "{}", welcome.html);
    assert_eq!(stored(), 1, "made again under the current parameters");
    // And it is the same password.
    let mut again = Browser::new(&app);
    assert_eq!(again.login(&email, PASSWORD).await.status, 303);
    assert_eq!(
        Browser::new(&app)
            .login(&email, "not the password")
            .await
            .status,
        401
    );
}

async fn forms_need_their_csrf_token_and_sessions_end(app: TestApp) {
    let staff = app.staff();
    let (_, email) = reporter(&app, &staff, "株式会社セッション").await;
    let mut browser = Browser::new(&app);

    // The login form itself needs its double-submit token.
    let forged = browser
        .post(
            "/login",
            &[("email", email.as_str()), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(app.count("login_attempts"), 0);

    let login = browser.login(&email, PASSWORD).await;
    let session = login
        .set_cookie("leakdesk_session")
        .expect("a session cookie");
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
    assert!(!session.contains("Secure"), "plain HTTP: {session}");

    // A form without the session's token (as another site would send it) changes nothing.
    let csrf = browser.csrf().await;
    let mut form = report_form("wrong", "k1", "偽造");
    let forged = browser.post("/reports/new", &form).await;
    assert_eq!(forged.status, 403);
    form.retain(|(name, _)| *name != "csrf_token");
    assert_eq!(browser.post("/reports/new", &form).await.status, 403);
    assert_eq!(app.count("reports"), 0);

    // The session's token is not an API token.
    let token = browser.cookies["leakdesk_session"].clone();
    app.get("/api/v1/reports", &token).await.assert_status(401);

    // Logging out revokes the session: the old cookie no longer opens a page.
    let out = browser.post("/logout", &[("csrf_token", &csrf)]).await;
    assert_eq!(out.status, 303);
    assert_eq!(out.location(), "/login");
    browser.cookies.insert("leakdesk_session".into(), token);
    let after = browser.get("/reports").await;
    assert_eq!(after.status, 303);
    assert_eq!(after.location(), "/login?next=%2Freports");
    assert_eq!(app.count("audit_log WHERE action = 'logout'"), 1);

    // Over TLS (as a reverse proxy reports it) the cookie is Secure.
    let mut secure = Browser::new(&app);
    let form = secure
        .send(
            TestRequest::default()
                .uri("/login")
                .insert_header(("X-Forwarded-Proto", "https")),
        )
        .await;
    assert!(
        form.set_cookie("leakdesk_login")
            .unwrap()
            .contains("Secure")
    );

    // `leakdesk token revoke` ends web sessions too.
    let mut other = Browser::new(&app);
    other.login(&email, PASSWORD).await;
    assert_eq!(other.get("/reports").await.status, 200);
    leakdesk::auth::commands::revoke_tokens(&app.db, &leakdesk::db::Actor::cli("test"), &email)
        .unwrap();
    assert_eq!(other.get("/reports").await.status, 303);
}

async fn pages_keep_roles_and_entities_apart(app: TestApp) {
    let staff = app.staff();
    let (_, email_a) = reporter(&app, &staff, "株式会社エー").await;
    let (_, email_b) = reporter(&app, &staff, "株式会社ビー").await;
    let mut a = Browser::new(&app);
    a.login(&email_a, PASSWORD).await;
    let form = a.get("/reports/new").await;
    let filed = a
        .post(
            "/reports/new",
            &report_form(&form.input("csrf_token"), "a-1", "エー社の秘密の概要"),
        )
        .await;
    let path = filed.location().split('?').next().unwrap().to_owned();
    let id = path.trim_start_matches("/reports/").to_owned();

    let mut b = Browser::new(&app);
    b.login(&email_b, PASSWORD).await;
    let foreign = b.get(&path).await;
    assert_eq!(foreign.status, 404);
    assert!(!foreign.html.contains("エー社"));
    let prefill = b
        .get(&format!("/reports/new?preliminary_report_id={id}"))
        .await;
    assert_eq!(prefill.status, 404);
    assert!(!prefill.html.contains("エー社"));
    let list = b.get("/reports").await;
    assert!(!list.html.contains("株式会社エー") && list.html.contains("0件"));
    // B's form files for B whatever organization it names.
    let b_form = b.get("/reports/new").await;
    assert!(b_form.html.contains("株式会社ビー") && !b_form.html.contains("株式会社エー"));

    // Staff pages are for staff; without a session every page sends to the login.
    for path in [
        "/staff",
        "/stats",
        "/stats/activity/FY2026-H1",
        "/stats/consultations/FY2026-Q1",
        "/stats/activity/FY2026-H1/csv",
        "/actions/new",
        "/consultations/new",
        "/cases/1",
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, 403, "{path}");
        assert!(!page.html.contains("エー社"));
        let mut anonymous = Browser::new(&app);
        let page = anonymous.get(path).await;
        assert_eq!(page.status, 303, "{path}");
        assert!(page.location().starts_with("/login?next="), "{path}");
    }
    // The pages carry the security headers.
    let page = b.get("/reports").await;
    let csp = page.header("content-security-policy");
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.header("x-frame-options"), "DENY");
    assert_eq!(b.get("/no/such/page").await.status, 404);
}

async fn staff_pages_show_and_record_the_work(app: TestApp) {
    let staff_token = app.staff();
    let (org, reporter_email) = reporter(&app, &staff_token, "株式会社監督対象").await;
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    // An overdue incident, entered as a past record through the API.
    let report = app
        .post(
            "/api/v1/reports",
            &staff_token,
            json!({"organization_id": org, "regime": "appi", "stage": "preliminary",
                   "aware_on": "2025-01-06", "received_on": "2025-01-08", "summary": "誤送信",
                   "data_items": ["氏名"], "persons_affected": 2000, "cause": "misdelivery_email",
                   "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false}),
        )
        .await;
    report.assert_status(201);
    let reference = report.body["reference"].as_str().unwrap().to_owned();
    let case = app
        .post(
            "/api/v1/cases",
            &staff_token,
            json!({"title": "大規模誤送信事案"}),
        )
        .await;
    let case_id = case.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/cases/{case_id}/entities"),
        &staff_token,
        json!({"organization_id": org, "role": "originator", "focus_points": "送信前確認の手順"}),
    )
    .await
    .assert_status(201);

    let mut browser = Browser::new(&app);
    browser.login(&staff, PASSWORD).await;
    let dashboard = browser.get("/staff").await;
    assert_eq!(dashboard.status, 200);
    assert!(dashboard.html.contains(&reference));
    assert!(
        dashboard.html.contains("確報の期限を過ぎた事案（1件）"),
        "{}",
        dashboard.html
    );
    assert!(dashboard.html.contains("大規模誤送信事案"));

    // An action through the form: refused with its field named, then recorded with its basis.
    let form = browser
        .get(&format!("/actions/new?case_id={case_id}"))
        .await;
    let csrf = form.input("csrf_token");
    let org_text = org.to_string();
    let case_text = case_id.to_string();
    let refused = browser
        .post(
            "/actions/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "report_collection"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("case_id", case_text.as_str()),
                ("started_on", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.html.contains("id=\"field-started_on-error\""));
    let order = browser
        .post(
            "/actions/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "order"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("started_on", "2026-11-02"),
                ("meeting_number", "300"),
                ("imminent_harm", "true"),
            ],
        )
        .await;
    assert!(
        order.status == 409 || order.status == 422,
        "{}",
        order.status
    );
    let recorded = browser
        .post(
            "/actions/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("kind", "report_collection"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("case_id", case_text.as_str()),
                ("started_on", "2026-11-02"),
                ("due_on", "2026-11-16"),
            ],
        )
        .await;
    assert_eq!(recorded.status, 303, "{}", recorded.html);
    let case_page = browser.get(&format!("/cases/{case_id}")).await;
    assert_eq!(case_page.status, 200);
    assert!(case_page.html.contains("送信前確認の手順"));
    assert!(case_page.html.contains("発生主体"));
    assert!(
        case_page.html.contains("報告徴収"),
        "timeline: {}",
        case_page.html
    );

    // A consultation through the form.
    let form = browser.get("/consultations/new").await;
    let csrf = form.input("csrf_token");
    let refused = browser
        .post(
            "/consultations/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("desk", "private"),
                ("class", "complaint"),
                ("received_on", "2026-11-02"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.html.contains("id=\"field-categories-error\""),
        "{}",
        refused.html
    );
    let category = app
        .get("/api/v1/consultation-categories?desk=private", &staff_token)
        .await
        .body[0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let logged = browser
        .post(
            "/consultations/new",
            &[
                ("csrf_token", csrf.as_str()),
                ("desk", "private"),
                ("class", "complaint"),
                ("received_on", "2026-11-02"),
                ("categories", category.as_str()),
                ("summary", "第三者提供の苦情"),
            ],
        )
        .await;
    assert_eq!(logged.status, 303, "{}", logged.html);
    assert_eq!(app.count("consultations"), 1);

    // The reporter sees the report collection's effect nowhere but its own pages.
    let mut reporter = Browser::new(&app);
    reporter.login(&reporter_email, PASSWORD).await;
    assert!(reporter.get("/reports").await.html.contains("期限超過"));
}

async fn statistics_pages_show_the_apis_figures(app: TestApp) {
    let staff_token = app.staff();
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let category = app
        .get("/api/v1/consultation-categories?desk=private", &staff_token)
        .await
        .body[0]["code"]
        .as_str()
        .unwrap()
        .to_owned();
    let client = app.client().await;
    for (day, class, n) in [
        ("2024-08-01", "complaint", 3),
        ("2025-05-01", "complaint", 2),
        ("2025-05-02", "question", 4),
    ] {
        for _ in 0..n {
            client
                .post(
                    &staff_token,
                    "/api/v1/consultations",
                    json!({"desk": "private", "class": class,
                    "categories": [category], "received_on": day}),
                )
                .await;
        }
    }
    let mut browser = Browser::new(&app);
    browser.login(&staff, PASSWORD).await;
    let page = browser.get("/stats/consultations/FY2025-Q1").await;
    assert_eq!(page.status, 200);
    assert!(
        page.html
            .contains("令和７年度第１四半期（令和７年４月１日～令和７年６月30日）")
    );
    assert!(
        page.html
            .contains("総計 6件（うち苦情 2件、質問 4件、その他 0件）"),
        "{}",
        page.html
    );
    assert!(page.html.contains("令和６年度第２四半期"));
    assert!(
        page.html.matches("<svg").count() == 4,
        "one chart per table"
    );
    assert!(page.html.contains("苦情 3件"), "the FY2024-Q2 bar");
    let csv = browser.get("/stats/consultations/FY2025-Q1/csv").await;
    assert_eq!(csv.status, 200);
    let api_csv = app
        .send(
            TestRequest::default()
                .uri("/api/v1/stats/consultations?period=FY2025-Q1&format=csv")
                .insert_header(("Authorization", format!("Bearer {staff_token}"))),
        )
        .await;
    assert_eq!(api_csv.status, 200);
    assert!(
        csv.html.starts_with(
            "\u{feff}期間,窓口,項目,件数\r\n令和７年度第１四半期,総合的な案内所等,総計,6\r\n"
        ),
        "the page's download is CSV for people: {}",
        csv.html
    );

    let activity = browser.get("/stats/activity/FY2019-H1").await;
    assert_eq!(activity.status, 200);
    assert!(
        activity
            .html
            .contains("令和元年度上半期（平成31年４月１日～令和元年９月30日）")
    );
    assert!(
        activity
            .html
            .contains("個人データの漏えい等事案の報告の受付")
    );
    assert!(activity.html.contains("<svg"));
    let bad = browser.get("/stats/activity/FY19").await;
    assert_eq!(bad.status, 422);
    let chosen = browser
        .get("/stats?kind=consultations&period=FY2025-Q1")
        .await;
    assert_eq!(chosen.location(), "/stats/consultations/FY2025-Q1");
}

/// The text of a page's refusals: the error summary and each field's error line.
fn refusal_texts(html: &str) -> Vec<String> {
    let mut texts = Vec::new();
    for (start, end) in [
        ("class=\"error-summary\"", "</div>"),
        ("class=\"error\"", "</p>"),
        ("class=\"errors\"", "</ul>"),
    ] {
        let mut rest = html;
        while let Some(at) = rest.find(start) {
            let tail = &rest[at..];
            let stop = tail.find(end).unwrap_or(tail.len());
            // Tags and attributes out: only what a person reads.
            let mut text = String::new();
            let mut in_tag = true;
            for c in tail[..stop].chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            texts.push(text);
            rest = &tail[stop..];
        }
    }
    texts
}

/// Two English words in a row: a sentence a Japanese page must not show.
fn english_sentence(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphabetic()).collect();
    words
        .windows(2)
        .find(|pair| pair[0].len() >= 2 && pair[1].len() >= 2 && text.contains(&pair.join(" ")))
        .map(|pair| pair.join(" "))
}

fn assert_japanese_refusals(page: &Page, what: &str) {
    assert!(
        page.status == 409 || page.status == 422,
        "{what}: {} {}",
        page.status,
        page.html
    );
    let texts = refusal_texts(&page.html);
    assert!(!texts.is_empty(), "{what}: no refusal shown: {}", page.html);
    for text in texts {
        assert!(
            english_sentence(&text).is_none(),
            "{what}: English on a Japanese page: {text}"
        );
    }
}

/// Every form, given input that breaks the rules (of fields, of the law, of state), answers with
/// its refusals in Japanese — and the API answers them in Japanese when asked to.
async fn every_form_refuses_in_japanese(app: TestApp) {
    let staff_token = app.staff();
    let (org, reporter_email) = reporter(&app, &staff_token, "株式会社規則違反").await;
    let public = app
        .organization(&staff_token, "国の行政機関", "national_agency")
        .await;
    let public_text = public.to_string();
    let org_text = org.to_string();

    // The reporter's form: a regime the body cannot report under, dates out of order, a headcount that is not a number, a final report naming nothing it completes.
    let mut browser = Browser::new(&app);
    browser.login(&reporter_email, PASSWORD).await;
    let form = browser.get("/reports/new").await;
    let (csrf, key) = (form.input("csrf_token"), form.input("idempotency_key"));
    for (name, wrong) in [
        ("regime", ("regime", "appi_public")),
        ("aware_on", ("aware_on", "2099-01-01")),
        ("occurred_on", ("occurred_on", "2026-11-05")),
        ("persons_affected", ("persons_affected", "-3")),
        ("preliminary_report_id", ("preliminary_report_id", "999999")),
        ("data_items", ("data_items", "")),
    ] {
        let mut fields = report_form(&csrf, &key, "規則に反する報告");
        fields.retain(|(field, _)| *field != wrong.0);
        fields.push(wrong);
        let page = browser.post("/reports/new", &fields).await;
        assert_japanese_refusals(&page, name);
    }

    // Staff's forms: an action the law does not give, an order without a recommendation, dates
    // in the future; a consultation without categories, in the future.
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff, PASSWORD).await;
    let csrf = browser.get("/actions/new").await.input("csrf_token");
    for (what, fields) in [
        (
            "no such power",
            vec![
                ("kind", "order"),
                ("regime", "appi_public"),
                ("organization_id", public_text.as_str()),
                ("started_on", "2026-11-02"),
            ],
        ),
        (
            "order without a recommendation",
            vec![
                ("kind", "order"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("started_on", "2026-11-02"),
                ("imminent_harm", "true"),
            ],
        ),
        (
            "future and unknown meeting",
            vec![
                ("kind", "recommendation"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("started_on", "2099-11-02"),
                ("meeting_number", "77777"),
            ],
        ),
        (
            "due date of a guidance",
            vec![
                ("kind", "guidance"),
                ("regime", "appi"),
                ("organization_id", org_text.as_str()),
                ("started_on", "2026-11-02"),
                ("due_on", "2026-10-01"),
            ],
        ),
    ] {
        let mut fields = fields;
        fields.push(("csrf_token", csrf.as_str()));
        let page = browser.post("/actions/new", &fields).await;
        assert_japanese_refusals(&page, what);
    }
    let csrf = browser.get("/consultations/new").await.input("csrf_token");
    for (what, fields) in [
        (
            "no category",
            vec![
                ("desk", "private"),
                ("class", "complaint"),
                ("received_on", "2026-11-02"),
            ],
        ),
        (
            "in the future",
            vec![
                ("desk", "private"),
                ("class", "complaint"),
                ("received_on", "2099-11-02"),
                ("categories", "no_such_category"),
            ],
        ),
    ] {
        let mut fields = fields;
        fields.push(("csrf_token", csrf.as_str()));
        let page = browser.post("/consultations/new", &fields).await;
        assert_japanese_refusals(&page, what);
    }

    // The statistics page's period form.
    let page = browser.get("/stats?kind=activity&period=FY20X").await;
    let texts = refusal_texts(&page.html);
    assert!(!texts.is_empty(), "no refusal shown: {}", page.html);
    for text in texts {
        assert!(
            english_sentence(&text).is_none(),
            "English on a Japanese page: {text}"
        );
    }

    // The API: English by default, Japanese when the request prefers it.
    let body = json!({"title": ""});
    let english = app.post("/api/v1/cases", &staff_token, body.clone()).await;
    english.assert_status(422);
    let request = TestRequest::post()
        .uri("/api/v1/cases")
        .insert_header(("Authorization", format!("Bearer {staff_token}")))
        .insert_header(("Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5"))
        .set_json(&body);
    let service = init_service(leakdesk::app(app.db.clone(), app.config.clone())).await;
    let response = call_service(&service, request.to_request()).await;
    assert_eq!(response.status(), 422);
    let japanese: serde_json::Value = serde_json::from_slice(&read_body(response).await).unwrap();
    assert_eq!(japanese["error"]["code"], english.body["error"]["code"]);
    let reason = japanese["error"]["fields"]["title"][0].as_str().unwrap();
    assert!(english_sentence(reason).is_none(), "{reason}");
    assert_ne!(
        reason,
        english.body["error"]["fields"]["title"][0]
            .as_str()
            .unwrap()
    );
}

on_both_backends!(
    every_form_refuses_in_japanese,
    a_reporter_files_through_the_form,
    login_is_checked_and_rate_limited,
    an_older_password_hash_logs_in_and_is_made_again,
    forms_need_their_csrf_token_and_sessions_end,
    pages_keep_roles_and_entities_apart,
    staff_pages_show_and_record_the_work,
    statistics_pages_show_the_apis_figures,
);
