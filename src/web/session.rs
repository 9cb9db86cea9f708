//! Web sessions: `/login` checks the password (argon2id) under the login rate limit and sets an
//! HttpOnly, SameSite=Strict cookie (Secure over TLS) holding a session token, stored like an API
//! token as its hash, so every instance sharing the database knows it. Every form carries a CSRF
//! token derived from the session's secret; the login form, before any session, a double-submit
//! cookie. The roles are the API's.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::dev::Payload;
use actix_web::http::{Method, StatusCode, header};
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;
use tracing_actix_web::RequestId;

use super::WebError;
use super::layout::Chrome;
use crate::auth::commands::{self, Attempt, SignIn};
use crate::auth::factor::{self, SecondStep};
use crate::auth::secrets::{self, Secret};
use crate::auth::throttle::Limits;
use crate::auth::{AnyRole, CredentialKind, Principal, RoleRule, find_principal};
use crate::config::Config;
use crate::db::Db;
use crate::error::AppError;
use crate::http::BodyLimit;

const SESSION_COOKIE: &str = "leakdesk_session";
const LOGIN_COOKIE: &str = "leakdesk_login";
/// The second step of a login: the challenge's token, on `/login` paths only.
const CHALLENGE_COOKIE: &str = "leakdesk_challenge";

/// The pages a staff member without a second factor may see when the configuration requires one.
const ENROLMENT_PATHS: [&str; 4] = [
    "/account/totp",
    "/account/totp/start",
    "/account/totp/confirm",
    "/account/totp/qr.svg",
];

/// The signed-in user of a page, whose role `R` admits; without a session, the page redirects
/// to `/login` and back.
pub struct WebUser<R: RoleRule = AnyRole> {
    pub principal: Principal,
    token: Secret,
    rule: PhantomData<R>,
    /// Staff's own work for the header: open items, and how many are overdue.
    work: Option<(usize, usize)>,
}

impl<R: RoleRule> std::ops::Deref for WebUser<R> {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.principal
    }
}

impl<R: RoleRule> WebUser<R> {
    /// The CSRF token every form of this session carries.
    pub fn csrf(&self) -> String {
        secrets::csrf_token(&self.token)
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, form: &FormData) -> Result<(), WebError> {
        match form.get("csrf_token") {
            Some(token) if secrets::same_secret(token, &self.csrf()) => Ok(()),
            _ => Err(WebError::Csrf),
        }
    }

    /// The stored hash of this session's token (which of the user's sessions this is).
    pub fn session_hash(&self) -> String {
        secrets::token_hash(self.token.expose())
    }

    /// The same user, for a page any role may see.
    pub fn any_role(self) -> WebUser {
        WebUser {
            principal: self.principal,
            token: self.token,
            rule: PhantomData,
            work: self.work,
        }
    }

    /// The frame of a page for this user.
    pub fn chrome(&self, title: impl Into<String>) -> Chrome {
        Chrome::new(title, Some((&self.principal, self.csrf()))).with_work(self.work)
    }
}

impl<R: RoleRule + 'static> FromRequest for WebUser<R> {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let db = req.app_data::<web::Data<Db>>().cloned();
        // The header's counts are for pages shown (a GET), not for forms sent.
        let counter = req
            .app_data::<web::Data<super::layout::HeaderCounts>>()
            .filter(|_| req.method() == Method::GET)
            .cloned();
        let token = req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned());
        let request_id = req.extensions().get::<RequestId>().map(ToString::to_string);
        let require_totp = req
            .app_data::<web::Data<Config>>()
            .is_some_and(|config| config.auth.require_totp_for_staff);
        let enrolling = ENROLMENT_PATHS.contains(&req.path()) || req.path() == "/logout";
        // After logging in, come back to the page asked for (a form's target is not a page).
        let next = if req.method() == Method::GET {
            req.uri()
                .path_and_query()
                .map_or("/".to_owned(), ToString::to_string)
        } else {
            "/".to_owned()
        };
        Box::pin(async move {
            let to_login = || WebError::LoginRequired { next: next.clone() };
            let token = Secret::new(token.filter(|t| !t.is_empty()).ok_or_else(to_login)?);
            let db = db.ok_or_else(|| AppError::internal("no database in app data"))?;
            let hash = secrets::token_hash(token.expose());
            let (mut principal, work) = db
                .read(move |conn| {
                    let Some(principal) = find_principal(conn, &hash, CredentialKind::Session)?
                    else {
                        return Ok(None);
                    };
                    // The header's counts of one's own work (staff), by the work room's counter.
                    // A count that fails leaves the header without it, never the page.
                    let work = match &counter {
                        Some(counter) if principal.role.is_staff() => counter
                            .0
                            .counts(conn, &principal, crate::clock::today_in_japan())
                            .inspect_err(|error| {
                                tracing::warn!(error = %error.chain(), "work counts failed");
                            })
                            .ok(),
                        _ => None,
                    };
                    Ok(Some((principal, work)))
                })
                .await?
                .ok_or_else(to_login)?;
            principal.request_id = request_id;
            if require_totp && principal.role.is_staff() && !principal.second_factor && !enrolling {
                return Err(WebError::EnrolFirst);
            }
            if !R::admits(principal.role) {
                return Err(AppError::Forbidden(R::REFUSAL).into());
            }
            Ok(Self {
                principal,
                token,
                rule: PhantomData,
                work,
            })
        })
    }
}

/// A submitted form (`application/x-www-form-urlencoded`), as name–value pairs in their order.
pub struct FormData {
    pairs: Vec<(String, String)>,
}

impl FormData {
    /// A form read some other way (a multipart form's text fields).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Self { pairs }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }
}

impl FromRequest for FormData {
    type Error = WebError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, WebError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<BodyLimit>()
            .map_or(crate::http::DEFAULT_BODY_LIMIT, |limit| limit.0);
        let is_form = matches!(req.mime_type(), Ok(Some(mime))
            if mime.essence_str() == "application/x-www-form-urlencoded");
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = body
                .await
                .map_err(|error| crate::http::read_error(&error, limit))?;
            if bytes.len() > limit {
                return Err(AppError::PayloadTooLarge(limit).into());
            }
            if !is_form {
                return Err(AppError::UnsupportedMediaType.into());
            }
            let pairs = form_urlencoded::parse(&bytes)
                .map(|(key, value)| (key.into_owned(), value.into_owned()))
                .collect();
            Ok(Self { pairs })
        })
    }
}

fn cookie<'c>(req: &HttpRequest, name: &'c str, value: String, path: &'c str) -> Cookie<'c> {
    Cookie::build(name, value)
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(req.connection_info().scheme() == "https")
        .finish()
}

fn removal<'c>(req: &HttpRequest, name: &'c str, path: &'c str) -> Cookie<'c> {
    let mut cookie = cookie(req, name, String::new(), path);
    cookie.make_removal();
    cookie
}

/// Signed in: the session's cookie, the step's own cookie (`spent`) removed, and on to `next`.
fn signed_in(
    req: &HttpRequest,
    token: &Secret,
    ttl: chrono::Duration,
    next: &str,
    spent: &'static str,
) -> HttpResponse {
    let mut session = cookie(req, SESSION_COOKIE, token.expose().to_owned(), "/");
    session.set_max_age(CookieDuration::seconds(ttl.num_seconds()));
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, next))
        .cookie(session)
        .cookie(removal(req, spent, "/login"))
        .finish()
}

/// The login rate limit's refusal on a page of the login: the reason in minutes, `Retry-After`.
fn throttled(
    retry_after: chrono::Duration,
    page: impl FnOnce(String) -> Result<HttpResponse, WebError>,
) -> Result<HttpResponse, WebError> {
    let minutes = (retry_after.num_seconds() + 59) / 60;
    let mut answer = page(format!(
        "ログインの失敗が続いたため、受付を一時停止しています。{minutes}分後にもう一度お試しください。"
    ))?;
    answer.headers_mut().insert(
        header::RETRY_AFTER,
        header::HeaderValue::from(retry_after.num_seconds()),
    );
    Ok(answer)
}

/// A local path to return to after logging in; anything else (another site, `//host`) is
/// replaced by the start page.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.starts_with("/\\")
                && path.len() <= 2000
                && !path.chars().any(char::is_control) =>
        {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "web/login.html")]
struct LoginPage {
    chrome: Chrome,
    csrf: String,
    email: String,
    next: String,
    error: Option<String>,
}

fn login_page_with(
    req: &HttpRequest,
    status: StatusCode,
    email: String,
    next: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let token =
        secrets::generate_token().map_err(|e| AppError::internal(format!("no randomness: {e}")))?;
    let csrf = token.expose().to_owned();
    let page = LoginPage {
        chrome: Chrome::new("ログイン", None),
        csrf: csrf.clone(),
        email,
        next,
        error,
    };
    let html = page
        .render()
        .map_err(|e| AppError::internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .cookie(cookie(req, LOGIN_COOKIE, csrf, "/login"))
        .content_type("text/html; charset=utf-8")
        .body(html))
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[utoipa::path(get, path = "/login", tag = "pages", params(("next" = Option<String>, Query, description = "a local path to return to")), responses((status = 200, description = "the login form")))]
#[get("/login")]
pub async fn login_page(
    req: HttpRequest,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, WebError> {
    let next = safe_next(query.next.as_deref());
    login_page_with(&req, StatusCode::OK, String::new(), next, None)
}

/// The client a login attempt comes from: the peer address, or the proxy's forwarded address
/// where the configuration says a trusted reverse proxy sets it.
fn client_of(req: &HttpRequest, config: &Config) -> String {
    if config.server.trust_forwarded_for {
        req.connection_info()
            .realip_remote_addr()
            .unwrap_or("unknown")
            .to_owned()
    } else {
        req.peer_addr()
            .map_or_else(|| "unknown".to_owned(), |addr| addr.ip().to_string())
    }
}

#[utoipa::path(post, path = "/login", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "signed in: the session cookie, and to `next`"), (status = 401, description = "wrong e-mail or password"), (status = 403, description = "no valid CSRF token"), (status = 429, description = "too many failures: wait Retry-After seconds")))]
#[post("/login")]
pub async fn login(
    req: HttpRequest,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    let expected = req.cookie(LOGIN_COOKIE).map(|c| c.value().to_owned());
    match (expected, form.get("csrf_token")) {
        (Some(expected), Some(given)) if secrets::same_secret(&expected, given) => {}
        _ => return Err(WebError::Csrf),
    }
    let email = form.get("email").unwrap_or_default().trim().to_lowercase();
    let password = Secret::new(form.get("password").unwrap_or_default().to_owned());
    let next = safe_next(form.get("next"));
    let refuse = |status: StatusCode, email: String, why: String| {
        login_page_with(&req, status, email, next.clone(), Some(why))
    };
    // An address with a control character can name no account (and PostgreSQL refuses a NUL
    // in text): it is refused like a missing one, before any lookup.
    if email.is_empty()
        || password.expose().is_empty()
        || email.len() > 320
        || email.chars().any(char::is_control)
    {
        return refuse(
            StatusCode::UNPROCESSABLE_ENTITY,
            email,
            "メールアドレスとパスワードを入力してください。".into(),
        );
    }
    let attempt = Attempt {
        email: email.clone(),
        password,
        client: client_of(&req, &config),
        request_id: req.extensions().get::<RequestId>().map(ToString::to_string),
    };
    let ttl = chrono::Duration::hours(i64::from(config.auth.session_hours.max(1)));
    match commands::sign_in(&db, attempt, Limits::from(&config.auth), ttl).await? {
        SignIn::Session { token, ttl } => Ok(signed_in(&req, &token, ttl, &next, LOGIN_COOKIE)),
        SignIn::SecondFactor { challenge, ttl } => {
            let mut cookie = cookie(
                &req,
                CHALLENGE_COOKIE,
                challenge.expose().to_owned(),
                "/login",
            );
            cookie.set_max_age(CookieDuration::seconds(ttl.num_seconds()));
            let to = format!(
                "/login/code?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, to))
                .cookie(cookie)
                .cookie(removal(&req, LOGIN_COOKIE, "/login"))
                .finish())
        }
        SignIn::Expired => Err(AppError::internal("a password step answered Expired").into()),
        SignIn::Refused => refuse(
            StatusCode::UNAUTHORIZED,
            email,
            "メールアドレス又はパスワードが正しくありません。".into(),
        ),
        SignIn::Throttled { retry_after } => throttled(retry_after, |why| {
            refuse(StatusCode::TOO_MANY_REQUESTS, email, why)
        }),
    }
}

/// Ends this session (its token is revoked, not merely forgotten by the browser).
#[utoipa::path(post, path = "/logout", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "signed out: to /login"), (status = 403, description = "no valid CSRF token")))]
#[post("/logout")]
pub async fn logout(
    req: HttpRequest,
    user: WebUser,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let hash = secrets::token_hash(user.token.expose());
    commands::sign_out(&db, user.actor(), hash).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, "/login"))
        .cookie(removal(&req, SESSION_COOKIE, "/"))
        .finish())
}

#[derive(Template)]
#[template(path = "web/login_code.html")]
struct CodePage {
    chrome: Chrome,
    csrf: String,
    next: String,
    error: Option<String>,
}

fn code_page(
    status: StatusCode,
    challenge: &Secret,
    next: String,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let page = CodePage {
        chrome: Chrome::new("確認コードの入力", None),
        csrf: secrets::csrf_token(challenge),
        next,
        error,
    };
    let html = page
        .render()
        .map_err(|e| AppError::internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// The login's second step: the code from the authenticator app (or a recovery code).
#[utoipa::path(get, path = "/login/code", tag = "pages", params(("next" = Option<String>, Query, description = "a local path to return to")), responses((status = 200, description = "the code form, after a password that matched"), (status = 303, description = "to /login without a second step under way")))]
#[get("/login/code")]
pub async fn code_form(
    req: HttpRequest,
    query: web::Query<NextQuery>,
) -> Result<HttpResponse, WebError> {
    let next = safe_next(query.next.as_deref());
    match req
        .cookie(CHALLENGE_COOKIE)
        .filter(|c| !c.value().is_empty())
    {
        Some(challenge) => code_page(
            StatusCode::OK,
            &Secret::new(challenge.value().to_owned()),
            next,
            None,
        ),
        None => Ok(super::see_other("/login")),
    }
}

#[utoipa::path(post, path = "/login/code", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `code` (six digits, or a recovery code), `next`"), responses((status = 303, description = "signed in: the session cookie, and to `next`; or back to /login when the step ran out"), (status = 401, description = "a wrong or used code"), (status = 403, description = "no valid CSRF token"), (status = 429, description = "too many failures: wait Retry-After seconds")))]
#[post("/login/code")]
pub async fn code(
    req: HttpRequest,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    let Some(challenge) = req
        .cookie(CHALLENGE_COOKIE)
        .map(|c| Secret::new(c.value().to_owned()))
        .filter(|c| !c.expose().is_empty())
    else {
        return Ok(super::see_other("/login"));
    };
    match form.get("csrf_token") {
        Some(given) if secrets::same_secret(given, &secrets::csrf_token(&challenge)) => {}
        _ => return Err(WebError::Csrf),
    }
    let next = safe_next(form.get("next"));
    let code = form.get("code").unwrap_or_default().trim().to_owned();
    if code.is_empty() || code.len() > 64 || code.chars().any(char::is_control) {
        return code_page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &challenge,
            next,
            Some("確認コードを入力してください。".into()),
        );
    }
    let step = SecondStep {
        challenge: challenge.clone(),
        code: Secret::new(code),
        client: client_of(&req, &config),
        request_id: req.extensions().get::<RequestId>().map(ToString::to_string),
    };
    let ttl = chrono::Duration::hours(i64::from(config.auth.session_hours.max(1)));
    match factor::second_step(&db, step, Limits::from(&config.auth), ttl).await? {
        SignIn::Session { token, ttl } => {
            Ok(signed_in(&req, &token, ttl, &next, CHALLENGE_COOKIE))
        }
        SignIn::Expired => {
            let mut answer = login_page_with(
                &req,
                StatusCode::UNAUTHORIZED,
                String::new(),
                next,
                Some("確認コードの入力時間が過ぎました。もう一度ログインしてください。".into()),
            )?;
            answer.add_cookie(&removal(&req, CHALLENGE_COOKIE, "/login")).ok();
            Ok(answer)
        }
        SignIn::Refused | SignIn::SecondFactor { .. } => code_page(
            StatusCode::UNAUTHORIZED,
            &challenge,
            next,
            Some("確認コードが正しくないか、すでに使われています。認証アプリに表示されている最新のコード、又は未使用のリカバリーコードを入力してください。".into()),
        ),
        SignIn::Throttled { retry_after } => throttled(retry_after, |why| {
            code_page(StatusCode::TOO_MANY_REQUESTS, &challenge, next, Some(why))
        }),
    }
}
