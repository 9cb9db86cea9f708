//! Accounts a regulator can trust (API.md "Accounts"): a second factor for web logins (enrolled
//! with a code from the shown secret; each code and recovery code taken once; a wrong code a
//! failed login), the log of who read what, and users managed by admins in the browser.

use leakdesk::auth::secrets::Secret;
use leakdesk::auth::totp;
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD, Page};

on_both_backends!(
    reads_noted_before_a_graceful_shutdown_are_written,
    a_second_factor_guards_the_web_login,
    the_api_enrols_a_second_factor,
    staff_must_enrol_first_when_the_configuration_says_so,
    reads_by_staff_are_logged_and_shown_to_admins,
    admins_manage_users_and_users_their_own_accounts,
);

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The text of the element with this id (no markup inside).
fn text_by_id(page: &Page, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = page
        .html
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id} in {}", page.html))
        + marker.len();
    page.html[start..].split('<').next().unwrap().to_owned()
}

/// The recovery codes a confirmation shows.
fn recovery_codes(page: &Page) -> Vec<String> {
    page.html
        .split("<li><code>")
        .skip(1)
        .map(|rest| rest.split('<').next().unwrap().to_owned())
        .collect()
}

/// Enrols the signed-in user of `browser` through the pages; returns the secret, the recovery
/// codes and the code that confirmed the enrolment.
async fn enrol(browser: &mut Browser<'_>) -> (Secret, Vec<String>, String) {
    let page = browser.get("/account/totp").await;
    assert_eq!(page.status, 200);
    let csrf = page.input("csrf_token");
    let started = browser
        .post("/account/totp/start", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(started.status, 303);
    let page = browser.get("/account/totp").await;
    let secret = Secret::new(text_by_id(&page, "totp-secret").replace(' ', ""));
    assert_eq!(secret.expose().len(), 32);
    let qr = browser.get("/account/totp/qr.svg").await;
    assert_eq!(qr.status, 200);
    assert!(qr.header("content-type").starts_with("image/svg+xml"));
    // A wrong code is refused beside the field; nothing is on yet.
    let wrong = browser
        .post(
            "/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", "000000")],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.html.contains("totp-code-error"), "{}", wrong.html);
    let code = totp::code_at(&secret, now()).unwrap();
    let confirmed = browser
        .post(
            "/account/totp/confirm",
            &[("csrf_token", &csrf), ("code", &code)],
        )
        .await;
    assert_eq!(confirmed.status, 200, "{}", confirmed.html);
    let codes = recovery_codes(&confirmed);
    assert_eq!(codes.len(), 10, "{}", confirmed.html);
    (secret, codes, code)
}

/// Password, then `code` at the second step: the answer to the code.
async fn second_step(browser: &mut Browser<'_>, email: &str, code: &str) -> Page {
    let first = browser.login(email, PASSWORD).await;
    assert_eq!(first.status, 303, "{}", first.html);
    assert!(
        first.location().starts_with("/login/code"),
        "the password alone opens no session: {}",
        first.location()
    );
    assert!(first.set_cookie("leakdesk_session").is_none());
    let form = browser.get(first.location()).await;
    assert_eq!(form.status, 200);
    let csrf = form.input("csrf_token");
    browser
        .post(
            "/login/code",
            &[("csrf_token", &csrf), ("code", code), ("next", "/reports")],
        )
        .await
}

async fn a_second_factor_guards_the_web_login(app: TestApp) {
    let email = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&email, PASSWORD).await.status, 303);
    let (secret, codes, confirming) = enrol(&mut browser).await;
    let csrf = browser.csrf().await;
    browser.post("/logout", &[("csrf_token", &csrf)]).await;

    // Right after enrolment, the code still shown (the one that confirmed it): in.
    let mut fresh = Browser::new(&app);
    let answer = second_step(&mut fresh, &email, &confirming).await;
    assert_eq!(answer.status, 303, "{}", answer.html);
    assert_eq!(answer.location(), "/reports");
    assert_eq!(fresh.get("/reports").await.status, 200);
    // The same code again: refused, no session.
    let mut again = Browser::new(&app);
    let refused = second_step(&mut again, &email, &confirming).await;
    assert_eq!(refused.status, 401);
    assert!(
        refused.html.contains("すでに使われています"),
        "{}",
        refused.html
    );
    assert_eq!(again.get("/reports").await.status, 303, "no session");
    // The next step's code: in.
    let code = totp::code_at(&secret, now() + 30).unwrap();
    let mut later = Browser::new(&app);
    assert_eq!(second_step(&mut later, &email, &code).await.status, 303);
    // A recovery code works once.
    let mut recovering = Browser::new(&app);
    let recovered = second_step(&mut recovering, &email, &codes[3].to_uppercase()).await;
    assert_eq!(recovered.status, 303, "{}", recovered.html);
    let mut twice = Browser::new(&app);
    assert_eq!(second_step(&mut twice, &email, &codes[3]).await.status, 401);
    // The account page counts what is left.
    assert!(
        recovering
            .get("/account")
            .await
            .html
            .contains("未使用のリカバリーコード 9個")
    );
    // Nothing secret in the audit trail.
    let trail: Vec<String> = app
        .query_strings("SELECT changes AS v FROM audit_log")
        .into_iter()
        .collect();
    for row in &trail {
        assert!(!row.contains(secret.expose()), "{row}");
        for code in &codes {
            assert!(!row.contains(code.as_str()), "{row}");
        }
    }
    // Wrong codes count as failed logins: the fifth in the window blocks the address.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let mut guesser = Browser::new(&app);
        let first = guesser.login(&email, PASSWORD).await;
        if first.status != 303 {
            statuses.push(first.status);
            break;
        }
        let csrf = guesser.get(first.location()).await.input("csrf_token");
        let wrong = guesser
            .post("/login/code", &[("csrf_token", &csrf), ("code", "123456")])
            .await;
        statuses.push(wrong.status);
    }
    assert_eq!(
        statuses.last(),
        Some(&429),
        "the login rate limit counts wrong codes: {statuses:?}"
    );

    // The command line turns it off: the password alone is enough again.
    let output = crate::cli::run(&app, &["user", "totp-reset", "--email", &email], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        app.query_strings("SELECT action AS v FROM audit_log WHERE action = 'totp_reset'")
            .len(),
        1
    );
}

async fn the_api_enrols_a_second_factor(app: TestApp) {
    let token = app.staff();
    let begun = app.post("/api/v1/me/totp", &token, json!({})).await;
    begun.assert_status(201);
    let secret = Secret::new(begun.body["secret"].as_str().unwrap().to_owned());
    let uri = begun.body["otpauth_uri"].as_str().unwrap();
    assert!(uri.starts_with("otpauth://totp/leakdesk:"), "{uri}");
    assert!(uri.contains(&format!("secret={}", secret.expose())));
    app.post("/api/v1/me/totp/confirm", &token, json!({"code": "000000"}))
        .await
        .assert_refused_field("code");
    app.post("/api/v1/me/totp/confirm", &token, json!({"code": "12"}))
        .await
        .assert_refused_field("code");
    let code = totp::code_at(&secret, now()).unwrap();
    let confirmed = app
        .post("/api/v1/me/totp/confirm", &token, json!({"code": code}))
        .await;
    confirmed.assert_status(200);
    assert_eq!(
        confirmed.body["recovery_codes"].as_array().unwrap().len(),
        10
    );
    let again = app.post("/api/v1/me/totp", &token, json!({})).await;
    again.assert_status(409);
    assert_eq!(again.error_code(), "totp_already_enabled");
    // The API itself stays on the token.
    app.get("/api/v1/reports", &token).await.assert_status(200);
    // Confirming with nothing started is refused as such.
    let other = app.staff();
    let unstarted = app
        .post("/api/v1/me/totp/confirm", &other, json!({"code": "123456"}))
        .await;
    unstarted.assert_status(409);
    assert_eq!(unstarted.error_code(), "totp_not_started");
}

async fn staff_must_enrol_first_when_the_configuration_says_so(app: TestApp) {
    let mut app = app;
    app.config.auth.require_totp_for_staff = true;
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    assert_eq!(browser.login(&staff, PASSWORD).await.status, 303);
    let page = browser.get("/staff").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/account/totp");
    let page = browser.get("/account/totp").await;
    assert_eq!(page.status, 200);
    assert!(page.html.contains("登録が必要です"));
    enrol(&mut browser).await;
    assert_eq!(browser.get("/staff").await.status, 200, "enrolled: in");
    // Reporters are not held back.
    let org = app
        .organization(&app.staff(), "報告者株式会社", "business")
        .await;
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&reporter, PASSWORD).await;
    assert_eq!(browser.get("/reports").await.status, 200);
}

async fn reads_by_staff_are_logged_and_shown_to_admins(app: TestApp) {
    let staff = app.staff();
    let admin = app.user(Role::Admin, None);
    let org = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "閲覧記録株式会社", "kind": "business"}),
        )
        .await;
    let org_id = org.body["id"].as_i64().unwrap();
    let reporter = app.user(Role::Reporter, Some(org_id));
    let report = app
        .post(
            "/api/v1/reports",
            &reporter,
            json!({"organization_id": org_id, "regime": "appi", "stage": "preliminary",
                "aware_on": "2026-11-20", "summary": "名簿を紛失した。", "data_items": ["氏名"],
                "persons_affected": 1200, "cause": "loss", "sensitive_data": false,
                "financial_damage_risk": false, "unlawful_purpose": false}),
        )
        .await;
    report.assert_status(201);
    let id = report.body["id"].as_i64().unwrap();
    let reads = |app: &TestApp| {
        app.query_strings(&format!(
            "SELECT actor AS v FROM audit_log WHERE action = 'read' AND entity_type = 'report' AND entity_id = {id}"
        ))
        .len()
    };
    // The reporter reads its own report: no row.
    app.get(&format!("/api/v1/reports/{id}"), &reporter)
        .await
        .assert_status(200);
    assert_eq!(reads(&app), 0);
    // Staff read it: a row naming them, with the request's id.
    let read = app.get(&format!("/api/v1/reports/{id}"), &staff).await;
    read.assert_status(200);
    let request_id = read
        .headers
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let log = app
        .get(
            &format!("/api/v1/audit?entity_type=report&entity_id={id}&action=read"),
            &admin,
        )
        .await;
    log.assert_status(200);
    let items = log.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", log.body);
    // The organization was created by the same staff member: its row names them.
    let staff_id = app
        .get("/api/v1/audit?entity_type=organization", &admin)
        .await
        .body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["entity_id"] == org_id && row["action"] == "create")
        .unwrap()["actor_user_id"]
        .clone();
    assert_eq!(items[0]["actor_user_id"], staff_id);
    assert_eq!(items[0]["request_id"], Value::from(request_id));
    // Staff do not read the read log; their trail holds changes only.
    app.get("/api/v1/audit?action=read", &staff)
        .await
        .assert_status(403);
    let trail = app
        .get(
            &format!("/api/v1/audit?entity_type=report&entity_id={id}"),
            &staff,
        )
        .await;
    assert!(
        trail.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|row| row["action"] != "read")
    );
    // The pages log their reads too; an admin's report page links the read log.
    let staff_web = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&staff_web, PASSWORD).await;
    assert_eq!(browser.get(&format!("/reports/{id}")).await.status, 200);
    assert_eq!(reads(&app), 2);
    assert!(
        !browser
            .get(&format!("/reports/{id}"))
            .await
            .html
            .contains("閲覧履歴")
    );
    let admin_web = app.web_user(Role::Admin, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&admin_web, PASSWORD).await;
    let page = browser.get(&format!("/reports/{id}")).await;
    assert!(page.html.contains("action=read"), "{}", page.html);
    let log = browser
        .get(&format!(
            "/audit?entity_type=report&entity_id={id}&action=read"
        ))
        .await;
    assert_eq!(log.status, 200);
    assert!(log.html.contains(&staff_web), "{}", log.html);
    // Cases, consultations and files leave rows as well.
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "閲覧記録の事案"}))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.get(&format!("/api/v1/cases/{case}"), &staff)
        .await
        .assert_status(200);
    let file = app
        .upload(
            &format!("/api/v1/reports/{id}/attachments"),
            &reporter,
            &[("経緯.txt", "経緯".as_bytes())],
        )
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    app.get(&format!("/api/v1/attachments/{file}"), &reporter)
        .await
        .assert_status(200);
    app.get(&format!("/api/v1/attachments/{file}"), &staff)
        .await
        .assert_status(200);
    for (kind, entity) in [("case", case), ("attachment", file)] {
        assert_eq!(
            app.query_strings(&format!(
                "SELECT actor AS v FROM audit_log WHERE action = 'read' AND entity_type = '{kind}' AND entity_id = {entity}"
            ))
            .len(),
            1,
            "{kind}"
        );
    }
}

async fn admins_manage_users_and_users_their_own_accounts(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "利用者管理株式会社", "business")
        .await;
    let admin = app.web_user(Role::Admin, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&admin, PASSWORD).await;
    let csrf = browser.csrf().await;
    // A reporter without an organization is refused beside the field.
    let refused = browser
        .post(
            "/admin/users/new",
            &[
                ("csrf_token", &csrf),
                ("email", "new-reporter@example.jp"),
                ("role", "reporter"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(
        refused.html.contains("field-organization-error"),
        "{}",
        refused.html
    );
    let org_text = org.to_string();
    let created = browser
        .post(
            "/admin/users/new",
            &[
                ("csrf_token", &csrf),
                ("email", "New-Reporter@example.jp"),
                ("role", "reporter"),
                ("organization", &org_text),
            ],
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.html);
    let password = text_by_id(&created, "initial-password");
    assert_eq!(password.len(), 19);
    let list = browser
        .get("/admin/users?role=reporter&email=new-reporter")
        .await;
    assert!(
        list.html.contains("new-reporter@example.jp"),
        "{}",
        list.html
    );
    let user_id: i64 = list
        .html
        .split("href=\"/admin/users/")
        .filter_map(|rest| rest.split('"').next())
        .find_map(|id| id.parse().ok())
        .unwrap();

    // The new user signs in with it, and changes it.
    let mut user = Browser::new(&app);
    assert_eq!(
        user.login("new-reporter@example.jp", &password)
            .await
            .status,
        303
    );
    let mut other_device = Browser::new(&app);
    other_device
        .login("new-reporter@example.jp", &password)
        .await;
    let user_csrf = user.csrf().await;
    let change = |current: &str, new: &str, again: &str| {
        vec![
            ("csrf_token".to_owned(), user_csrf.clone()),
            ("current_password".to_owned(), current.to_owned()),
            ("new_password".to_owned(), new.to_owned()),
            ("new_password_confirmation".to_owned(), again.to_owned()),
        ]
    };
    for (fields, field) in [
        (
            change(
                "wrong password here",
                "umbrella tiger kettle 1987",
                "umbrella tiger kettle 1987",
            ),
            "password-current_password-error",
        ),
        (
            change(&password, "password1234", "password1234"),
            "password-new_password-error",
        ),
        (
            change(
                &password,
                "umbrella tiger kettle 1987",
                "umbrella tiger kettle 1988",
            ),
            "password-new_password_confirmation-error",
        ),
    ] {
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let answer = user.post("/account/password", &pairs).await;
        assert_eq!(answer.status, 422, "{}", answer.html);
        assert!(answer.html.contains(field), "{field}: {}", answer.html);
        assert!(
            !answer.html.contains(&password),
            "a password is never shown back"
        );
    }
    let fields = change(
        &password,
        "umbrella tiger kettle 1987",
        "umbrella tiger kettle 1987",
    );
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(user.post("/account/password", &pairs).await.status, 303);
    assert_eq!(user.get("/reports").await.status, 200, "this session stays");
    assert_eq!(
        other_device.get("/reports").await.status,
        303,
        "the other session ended"
    );

    // The admin disables the user: the open session is gone on the next click.
    let page = browser.get(&format!("/admin/users/{user_id}")).await;
    assert_eq!(page.status, 200);
    let disabled = browser
        .post(
            &format!("/admin/users/{user_id}/disable"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(disabled.status, 303);
    let next = user.get("/reports").await;
    assert_eq!(next.status, 303);
    assert!(next.location().starts_with("/login"));
    assert_eq!(
        Browser::new(&app)
            .login("new-reporter@example.jp", "umbrella tiger kettle 1987")
            .await
            .status,
        401
    );
    assert!(
        browser
            .get(&format!("/admin/users/{user_id}"))
            .await
            .html
            .contains("利用停止中")
    );
    // Enabled again, with a reset password shown once.
    browser
        .post(
            &format!("/admin/users/{user_id}/enable"),
            &[("csrf_token", &csrf)],
        )
        .await;
    let reset = browser
        .post(
            &format!("/admin/users/{user_id}/reset_password"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(reset.status, 200);
    let new_password = text_by_id(&reset, "initial-password");
    assert_eq!(
        Browser::new(&app)
            .login("new-reporter@example.jp", &new_password)
            .await
            .status,
        303
    );
    // Not on oneself.
    let admin_id: i64 = app.query_strings(&format!(
        "SELECT CAST(id AS TEXT) AS v FROM users WHERE email = '{admin}'"
    ))[0]
        .parse()
        .unwrap();
    let own = browser
        .post(
            &format!("/admin/users/{admin_id}/disable"),
            &[("csrf_token", &csrf)],
        )
        .await;
    assert_eq!(own.status, 409);
    assert!(own.html.contains("自分自身"));
    // Staff may not manage users.
    let staff_web = app.web_user(Role::Staff, None, PASSWORD);
    let mut staff_browser = Browser::new(&app);
    staff_browser.login(&staff_web, PASSWORD).await;
    assert_eq!(staff_browser.get("/admin/users").await.status, 403);
    // Every change is in the trail, no password in it.
    for row in app.query_strings("SELECT changes AS v FROM audit_log") {
        assert!(
            !row.contains(&new_password) && !row.contains(&password),
            "{row}"
        );
    }
    let actions = app.query_strings(&format!(
        "SELECT action AS v FROM audit_log WHERE entity_type = 'user' AND entity_id = {user_id}"
    ));
    for action in [
        "create",
        "password_changed",
        "disable",
        "enable",
        "password_reset",
    ] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} in {actions:?}"
        );
    }
}

/// The check in headless Chromium: staff enrol with a code computed from the secret the
/// page shows, log out, log in with password and code; the same code again is refused; a recovery
/// code works once. The admin disables a user, whose open session is gone on the next click.
async fn second_factor_and_a_disabled_user_in_chromium(app: TestApp) {
    use crate::accessibility::{assert_accessible, axe_source};
    use crate::browser::{browser, driver, login, logout, screenshot, type_into};
    let driver_for_second_browser = || driver().expect("a second ChromeDriver");
    use crate::workspace::{follow, path, submit, submitted, text_of};
    use fantoccini::Locator;

    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let admin = app.web_user(Role::Admin, None, PASSWORD);
    let server = crate::process::Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;
    let axe = axe_source();

    login(&client, &base, &staff).await;
    follow(&client, "a.who").await;
    follow(&client, "a[href='/account/totp']").await;
    submit(&client, "/account/totp/start", &[], &[]).await;
    let secret = Secret::new(text_of(&client, "#totp-secret").await.replace(' ', ""));
    screenshot(&client, &format!("{backend}-23-totp-enrol")).await;
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "the enrolment with its QR code").await;
    }
    let code = totp::code_at(&secret, now()).unwrap();
    submit(&client, "/account/totp/confirm", &[("code", &code)], &[]).await;
    let codes: Vec<String> = text_of(&client, "#recovery-codes")
        .await
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    assert_eq!(codes.len(), 10, "{codes:?}");
    screenshot(&client, &format!("{backend}-24-recovery-codes")).await;
    logout(&client).await;

    // Password, then the code.
    let password_step = |client: &fantoccini::Client| {
        let client = client.clone();
        let (base, staff) = (base.clone(), staff.clone());
        async move {
            client.goto(&format!("{base}/login")).await.unwrap();
            type_into(&client, "email", &staff).await;
            type_into(&client, "password", PASSWORD).await;
            let form = client
                .form(Locator::Css("form[action='/login']"))
                .await
                .unwrap();
            submitted(&client, form).await;
            assert_eq!(path(&client).await.split('?').next(), Some("/login/code"));
        }
    };
    password_step(&client).await;
    screenshot(&client, &format!("{backend}-25-login-code")).await;
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "the login's second step").await;
    }
    // The code the app shows now — the enrolment's own, if still in its 30 seconds.
    let next_code = totp::code_at(&secret, now()).unwrap();
    submit(&client, "/login/code", &[("code", &next_code)], &[]).await;
    assert!(text_of(&client, "form.logout").await.contains(&staff));
    logout(&client).await;
    // The same code again: refused.
    password_step(&client).await;
    submit(&client, "/login/code", &[("code", &next_code)], &[]).await;
    assert!(
        text_of(&client, ".error-summary")
            .await
            .contains("すでに使われています")
    );
    // A recovery code, once.
    submit(&client, "/login/code", &[("code", &codes[0])], &[]).await;
    assert!(text_of(&client, "form.logout").await.contains(&staff));
    logout(&client).await;
    password_step(&client).await;
    submit(&client, "/login/code", &[("code", &codes[0])], &[]).await;
    assert!(
        text_of(&client, ".error-summary")
            .await
            .contains("リカバリーコード")
    );

    // The admin, in another browser, disables a reporter whose session is open here.
    let org = app
        .organization(&app.staff(), "停止確認株式会社", "business")
        .await;
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    client.goto(&format!("{base}/login")).await.unwrap();
    login(&client, &base, &reporter).await;
    assert_eq!(path(&client).await, "/reports");
    // Another browser, with a profile of its own.
    let admin_driver = driver_for_second_browser();
    let admin_client = browser(&admin_driver).await;
    login(&admin_client, &base, &admin).await;
    follow(&admin_client, "a[href='/admin/users']").await;
    admin_client
        .goto(&format!(
            "{base}/admin/users?email=web-reporter&role=reporter"
        ))
        .await
        .unwrap();
    screenshot(&admin_client, &format!("{backend}-26-users")).await;
    if let Some(axe) = &axe {
        assert_accessible(&admin_client, axe, "the users list").await;
    }
    let row = format!("//table[contains(@class,'list')]//tr[contains(., '{reporter}')]//a");
    admin_client
        .find(Locator::XPath(&row))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let user_page = path(&admin_client).await;
    assert!(user_page.starts_with("/admin/users/"), "{user_page}");
    submit(&admin_client, &format!("{user_page}/disable"), &[], &[]).await;
    assert!(
        text_of(&admin_client, ".notice")
            .await
            .contains("利用を停止しました")
    );
    screenshot(&admin_client, &format!("{backend}-27-user-disabled")).await;
    // The reporter's next click lands on the login page.
    follow(&client, "a[href='/collections']").await;
    assert_eq!(path(&client).await.split('?').next(), Some("/login"));
    admin_client.close().await.unwrap();
    client.close().await.unwrap();
    drop(server);
}

on_both_backends!(second_factor_and_a_disabled_user_in_chromium);

/// The read log writes in batches; stopping the server gracefully (SIGTERM) writes what is left.
async fn reads_noted_before_a_graceful_shutdown_are_written(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "停止前閲覧株式会社", "business")
        .await;
    let reporter = app.user(Role::Reporter, Some(org));
    let report = app
        .post(
            "/api/v1/reports",
            &reporter,
            json!({"organization_id": org, "regime": "appi", "stage": "preliminary",
                "aware_on": "2026-11-20", "summary": "名簿を紛失した。", "data_items": ["氏名"],
                "persons_affected": 1200, "cause": "loss", "sensitive_data": false,
                "financial_damage_risk": false, "unlawful_purpose": false}),
        )
        .await;
    let id = report.body["id"].as_i64().unwrap();
    let mut server = crate::process::Server::start(&app, &[]);
    let bearer = format!("Bearer {staff}");
    for _ in 0..25 {
        let (status, _) = crate::process::http(
            &server.address,
            "GET",
            &format!("/api/v1/reports/{id}"),
            &[("Authorization", &bearer)],
            None,
        )
        .unwrap();
        assert_eq!(status, 200);
    }
    server.signal("TERM");
    assert!(server.wait().success());
    let rows = app.query_strings(&format!(
        "SELECT actor AS v FROM audit_log WHERE action = 'read' AND entity_id = {id}"
    ));
    assert_eq!(
        rows.len(),
        25,
        "every read noted before the stop is written"
    );
}
