//! Errors of the pages, answered as Japanese HTML: a page that needs a login redirects to
//! `/login`; a foreign record is "not found" exactly like a missing one, as in the API.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, ResponseError};
use askama::Template;

use super::layout::Chrome;
use crate::error::{AppError, Lang};

#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    App(#[from] AppError),
    /// No valid session: log in, then come back to `next`.
    #[error("login required")]
    LoginRequired { next: String },
    /// The form's CSRF token is missing or wrong (or the session changed since it was shown).
    #[error("the form's CSRF token is missing or wrong")]
    Csrf,
    /// Staff must enrol a second factor before anything else (`auth.require_totp_for_staff`).
    #[error("a second factor must be enrolled first")]
    EnrolFirst,
}

#[derive(Template)]
#[template(path = "web/error.html")]
struct ErrorPage {
    chrome: Chrome,
    heading: &'static str,
    message: String,
    fields: Vec<(String, Vec<String>)>,
}

impl WebError {
    fn heading_and_message(&self) -> (&'static str, String) {
        match self {
            Self::Csrf => (
                "フォームの有効期限が切れています",
                "ページを読み込み直して、もう一度送信してください。".into(),
            ),
            Self::LoginRequired { .. } => ("ログインが必要です", String::new()),
            Self::EnrolFirst => ("二要素認証の登録が必要です", String::new()),
            Self::App(error) => match error {
                AppError::NotFound(_) => (
                    "ページが見つかりません",
                    "お探しのページは存在しないか、閲覧する権限がありません。".into(),
                ),
                AppError::Forbidden(_) | AppError::Unauthorized(_) => (
                    "この操作は許可されていません",
                    "このページは、あなたの権限では利用できません。".into(),
                ),
                AppError::Validation(_) | AppError::Malformed(_) => (
                    "入力内容に誤りがあります",
                    "次の項目を確認してください。".into(),
                ),
                AppError::Conflict(refusal) => ("処理できませんでした", refusal.ja()),
                AppError::PayloadTooLarge(_) => (
                    "送信内容が大きすぎます",
                    "入力内容を短くして、もう一度送信してください。".into(),
                ),
                AppError::FilesTooLarge(_) => (
                    "ファイルが大きすぎるか、多すぎます",
                    "次の項目を確認してください。".into(),
                ),
                AppError::FileTypesRefused(_) => (
                    "受け付けられない種類のファイルがあります",
                    "次の項目を確認してください。".into(),
                ),
                AppError::UnsupportedMediaType | AppError::NotMultipart => (
                    "送信形式が正しくありません",
                    "フォームから送信してください。".into(),
                ),
                AppError::MethodNotAllowed(_) => (
                    "この操作は受け付けていません",
                    "リンクやフォームからもう一度操作してください。".into(),
                ),
                AppError::Unavailable(_) => (
                    "ただいま混み合っています",
                    "しばらくしてから、もう一度お試しください。".into(),
                ),
                AppError::Internal(_) => (
                    "システムエラーが発生しました",
                    "記録しました。しばらくしてから、もう一度お試しください。".into(),
                ),
            },
        }
    }
}

impl ResponseError for WebError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::App(error) => error.status_code(),
            Self::LoginRequired { .. } | Self::EnrolFirst => StatusCode::SEE_OTHER,
            Self::Csrf => StatusCode::FORBIDDEN,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::LoginRequired { next } = self {
            let location = format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            );
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, location))
                .finish();
        }
        if let Self::EnrolFirst = self {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/account/totp"))
                .finish();
        }
        if self.status_code().is_server_error() {
            // Logged in full, as the API logs it; the page says only that it happened.
            let cause = match self {
                Self::App(error) => error.chain(),
                other => other.to_string(),
            };
            tracing::error!(error = %cause, "page failed");
        }
        let (heading, message) = self.heading_and_message();
        let fields = match self {
            Self::App(
                AppError::Validation(fields)
                | AppError::FilesTooLarge(fields)
                | AppError::FileTypesRefused(fields),
            ) => fields
                .texts(Lang::Ja)
                .into_iter()
                .map(|(field, reasons)| {
                    // A form shows its refusals beside its own fields; what reaches this page
                    // is a file refused, or a field named as the API names it.
                    let label = match field.as_str() {
                        "file" => "添付ファイル",
                        other => other,
                    };
                    (label.to_owned(), reasons)
                })
                .collect(),
            _ => Vec::new(),
        };
        let page = ErrorPage {
            chrome: Chrome::new(heading, None),
            heading,
            message,
            fields,
        };
        let mut response = HttpResponse::build(self.status_code());
        if let Self::App(AppError::MethodNotAllowed(allow)) = self {
            response.insert_header((header::ALLOW, allow.join(", ")));
        }
        match page.render() {
            Ok(html) => response.content_type("text/html; charset=utf-8").body(html),
            Err(_) => response
                .content_type("text/plain; charset=utf-8")
                .body(heading),
        }
    }
}
