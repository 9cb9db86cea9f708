//! One's own account on the pages: the second factor (enrolment with the secret as text and as a
//! QR code drawn on the server, confirmation with a first code, the recovery codes shown once),
//! the password (the current one required), and the sessions open in other browsers — on the
//! commands of `auth::factor` and `auth::account`.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::auth::account::{self, PasswordChange, SessionView};
use crate::auth::factor::{self, Enrolment};
use crate::auth::secrets::Secret;
use crate::auth::totp;
use crate::db::Db;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::web::forms::{Field, FormPart, FormState, Input, Section, Values};
use crate::web::layout::{Chrome, role_ja};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

fn at(instant: chrono::NaiveDateTime) -> String {
    crate::clock::japan_minute(&instant)
}

fn password_sections() -> Vec<Section> {
    vec![Section {
        legend: "パスワード",
        fields: vec![
            Field::new("current_password", "現在のパスワード", Input::Password).required(),
            Field::new("new_password", "新しいパスワード", Input::Password)
                .required()
                .hint("12文字以上。よく使われるパスワードや推測されやすいもの（メールアドレス、単純な並び）は使えません。"),
            Field::new(
                "new_password_confirmation",
                "新しいパスワード（確認）",
                Input::Password,
            )
            .required(),
        ],
    }]
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    chrome: Chrome,
    email: String,
    role: &'static str,
    organization: Option<(i64, String)>,
    second_factor: bool,
    recovery_codes_left: i64,
    password_form: String,
    sessions: Vec<(SessionView, String, String)>,
    csrf: String,
}

async fn account_answer(
    user: &WebUser,
    db: &Db,
    status: StatusCode,
    notice: Option<String>,
    password: &FormState,
) -> Result<HttpResponse, WebError> {
    let (user_id, hash) = (user.user_id, user.session_hash());
    let (view, sessions, left) = db
        .read(move |conn| {
            let view = account::find(conn, user_id)?.ok_or(AppError::NotFound(Missing::Record))?;
            let sessions = account::sessions(conn, user_id, &hash)?;
            let left = account::recovery_codes_left(conn, user_id)?;
            Ok((view, sessions, left))
        })
        .await?;
    page(
        status,
        &AccountPage {
            chrome: user.chrome("アカウント").with_notice(notice),
            email: view.email,
            role: role_ja(view.role),
            organization: view.organization,
            second_factor: view.second_factor,
            recovery_codes_left: left,
            password_form: FormPart::html(
                "password",
                "パスワードの変更",
                "/account/password".into(),
                "変更する",
                user.csrf(),
                &password_sections(),
                password,
            )?,
            sessions: sessions
                .into_iter()
                .map(|s| {
                    let (started, expires) =
                        (at(s.started_at), s.expires_at.map(at).unwrap_or_default());
                    (s, started, expires)
                })
                .collect(),
            csrf: user.csrf(),
        },
    )
}

/// `?done=…` after one of the account's forms.
#[derive(serde::Deserialize)]
pub struct AccountQuery {
    done: Option<String>,
}

/// One's own account: the second factor, the password, the open sessions.
#[utoipa::path(get, path = "/account", tag = "pages", params(("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session")))]
#[get("/account")]
pub async fn account_page(
    user: WebUser,
    db: web::Data<Db>,
    query: web::Query<AccountQuery>,
) -> Result<HttpResponse, WebError> {
    let notice = match query.done.as_deref() {
        Some("password") => {
            Some("パスワードを変更しました。他の端末のセッションは終了しました。".to_owned())
        }
        Some("session") => Some("セッションを終了しました。".to_owned()),
        _ => None,
    };
    account_answer(&user, &db, StatusCode::OK, notice, &FormState::default()).await
}

/// Changes one's own password; the other sessions end.
#[utoipa::path(post, path = "/account/password", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `current_password`, `new_password`, `new_password_confirmation`"), responses((status = 303, description = "changed: to /account"), (status = 403, description = "no valid CSRF token"), (status = 422, description = "the page again, refusals beside the fields (the passwords never shown again)")))]
#[post("/account/password")]
pub async fn change_password(
    user: WebUser,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let typed = |name: &str| Secret::new(form.get(name).unwrap_or_default().to_owned());
    let mut errors = FieldErrors::new();
    for name in [
        "current_password",
        "new_password",
        "new_password_confirmation",
    ] {
        if form.get(name).unwrap_or_default().is_empty() {
            errors.add(name, Refusal::Required);
        }
    }
    let outcome = match errors.into_result() {
        Ok(()) => {
            let change = PasswordChange {
                current: typed("current_password"),
                new: typed("new_password"),
                confirmation: typed("new_password_confirmation"),
            };
            account::change_password(&db, user.actor(), user.user_id, user.session_hash(), change)
                .await
        }
        Err(errors) => Err(errors),
    };
    match outcome {
        Ok(()) => Ok(see_other("/account?done=password")),
        Err(AppError::Validation(errors)) => {
            let state = FormState {
                values: Values::default(),
                errors,
                problem: None,
            };
            account_answer(&user, &db, StatusCode::UNPROCESSABLE_ENTITY, None, &state).await
        }
        Err(other) => Err(other.into()),
    }
}

/// Ends one of one's own sessions (another browser, a lost device).
#[utoipa::path(post, path = "/account/sessions/{id}/end", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "ended: to /account"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such session of this user")))]
#[post("/account/sessions/{id}/end")]
pub async fn end_session(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Record)?;
    account::end_session(&db, user.actor(), user.user_id, id).await?;
    Ok(see_other("/account?done=session"))
}

#[derive(Template)]
#[template(path = "accounts/account_totp.html")]
struct TotpPage {
    chrome: Chrome,
    csrf: String,
    enabled: bool,
    /// The secret in groups of four, while an enrolment waits for its first code.
    pending: Option<String>,
    otpauth_uri: String,
    error: Option<String>,
    required: bool,
}

async fn totp_answer(
    user: &WebUser,
    db: &Db,
    config: &crate::config::Config,
    status: StatusCode,
    error: Option<String>,
) -> Result<HttpResponse, WebError> {
    let pending: Option<Enrolment> = if user.second_factor {
        None
    } else {
        factor::pending(db, user.user_id).await?
    };
    let grouped = |secret: &Secret| {
        secret
            .expose()
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    };
    page(
        status,
        &TotpPage {
            chrome: user.chrome("二要素認証"),
            csrf: user.csrf(),
            enabled: user.second_factor,
            otpauth_uri: pending
                .as_ref()
                .map(|p| p.otpauth_uri.clone())
                .unwrap_or_default(),
            pending: pending.as_ref().map(|p| grouped(&p.secret)),
            error,
            required: config.auth.require_totp_for_staff
                && user.role.is_staff()
                && !user.second_factor,
        },
    )
}

/// The second factor: its state, or its enrolment under way (the secret as text and QR code).
#[utoipa::path(get, path = "/account/totp", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session")))]
#[get("/account/totp")]
pub async fn totp_page(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
) -> Result<HttpResponse, WebError> {
    totp_answer(&user, &db, &config, StatusCode::OK, None).await
}

/// Starts (or starts again) the enrolment: a new secret.
#[utoipa::path(post, path = "/account/totp/start", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "to /account/totp, which shows the secret"), (status = 403, description = "no valid CSRF token"), (status = 409, description = "a second factor is on already")))]
#[post("/account/totp/start")]
pub async fn start_totp(
    user: WebUser,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    factor::begin(&db, user.actor(), user.user_id).await?;
    Ok(see_other("/account/totp"))
}

#[derive(Template)]
#[template(path = "accounts/account_recovery.html")]
struct RecoveryPage {
    chrome: Chrome,
    codes: Vec<String>,
}

/// Confirms the enrolment with the code the app shows: the second factor is on; the recovery
/// codes are shown on the answer, this once.
#[utoipa::path(post, path = "/account/totp/confirm", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `code`"), responses((status = 200, description = "on: the recovery codes, shown this once"), (status = 403, description = "no valid CSRF token"), (status = 409, description = "no enrolment started, or a second factor on already"), (status = 422, description = "a wrong code: the page again, with the reason")))]
#[post("/account/totp/confirm")]
pub async fn confirm_totp(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let code = form.get("code").unwrap_or_default().trim().to_owned();
    match factor::confirm(&db, user.actor(), user.user_id, code).await {
        Ok(codes) => page(
            StatusCode::OK,
            &RecoveryPage {
                chrome: user.chrome("二要素認証を有効にしました").with_notice(Some(
                    "二要素認証を有効にしました。次回のログインから確認コードが必要です。".into(),
                )),
                codes: codes
                    .recovery_codes
                    .iter()
                    .map(|c| c.expose().to_owned())
                    .collect(),
            },
        ),
        Err(AppError::Validation(errors)) => {
            let reason = errors
                .texts(crate::error::Lang::Ja)
                .into_values()
                .flatten()
                .collect::<Vec<_>>()
                .join("／");
            totp_answer(
                &user,
                &db,
                &config,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(reason),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

/// The QR code of the enrolment under way (SVG), for the enrolment page's image.
#[utoipa::path(get, path = "/account/totp/qr.svg", tag = "pages", responses((status = 200, description = "image/svg+xml"), (status = 303, description = "to /login without a session"), (status = 404, description = "no enrolment under way")))]
#[get("/account/totp/qr.svg")]
pub async fn totp_qr(user: WebUser, db: web::Data<Db>) -> Result<HttpResponse, WebError> {
    let pending = factor::pending(&db, user.user_id)
        .await?
        .ok_or(AppError::NotFound(Missing::Record))?;
    let svg = totp::qr_svg(&pending.otpauth_uri)?;
    Ok(HttpResponse::Ok().content_type("image/svg+xml").body(svg))
}
