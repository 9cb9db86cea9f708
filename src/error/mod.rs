//! The one error type of the service and its mapping to API.md's JSON error shape
//! `{"error": {"code", "message", "fields"}}`, in English, or in Japanese when the request prefers
//! it (`Accept-Language: ja`; [`localize`]). Refusals are typed ([`Refusal`]); internal causes
//! are kept as a source chain for the log and never answered.

pub mod messages;
mod refusal;

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;

pub use messages::Lang;
pub use refusal::{Missing, Refusal, Term};

/// A cause kept for the log.
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

/// Field name → the refusals of its value. Ordered, so answers are stable.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, Vec<Refusal>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, why: Refusal) {
        self.0.entry(field.into()).or_default().push(why);
    }

    /// One field refused for one reason.
    pub fn of(field: impl Into<String>, why: Refusal) -> Self {
        let mut errors = Self::new();
        errors.add(field, why);
        errors
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<Refusal>)> {
        self.0.iter()
    }

    pub fn get(&self, field: &str) -> Option<&[Refusal]> {
        self.0.get(field).map(Vec::as_slice)
    }

    /// Whether `field` has a refusal already.
    pub fn names(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }

    /// Takes out the refusals of `field`.
    pub fn take(&mut self, field: &str) -> Option<Vec<Refusal>> {
        self.0.remove(field)
    }

    /// Adds the refusals of fields not named here yet.
    pub fn merge_new(&mut self, other: FieldErrors) {
        for (field, reasons) in other.0 {
            self.0.entry(field).or_insert(reasons);
        }
    }

    /// The texts of every refusal in `lang`, by field.
    pub fn texts(&self, lang: Lang) -> BTreeMap<String, Vec<String>> {
        self.0
            .iter()
            .map(|(field, reasons)| {
                (
                    field.clone(),
                    reasons.iter().map(|r| r.text(lang)).collect(),
                )
            })
            .collect()
    }

    /// `Ok(())` when nothing was refused, otherwise the validation error carrying every field.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }

    pub fn single(field: impl Into<String>, why: Refusal) -> AppError {
        let mut errors = Self::new();
        errors.add(field, why);
        AppError::Validation(errors)
    }
}

/// Why a request may not proceed: who is asking is unknown (401), or may not do this (403).
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Denial {
    NoToken,
    UnreadableAuthorization,
    InvalidToken,
    StaffOnly,
    AdminOnly,
    OwnOrganizationOnly,
    NoOrganization,
}

impl Denial {
    /// Its text in `lang` (the message `denial-<denial>`).
    pub fn text(self, lang: Lang) -> String {
        let name: &'static str = self.into();
        messages::catalog().text(lang, &format!("denial-{name}"), None)
    }
}

/// Why a request body could not be read at all.
#[derive(Debug)]
pub enum UnreadableBody {
    Body,
    /// The JSON parser's words, in English.
    Json(String),
    /// The multipart reader's words, in English.
    Multipart(String),
}

/// Every error the service answers with. Its text, in either language, is a message of
/// `locales/` ([`AppError::message`]); it reads the same in the log (`Display`, in English), where
/// a fault keeps its cause ([`AppError::chain`]).
#[derive(Debug)]
pub enum AppError {
    /// The request could not be read at all (not JSON, truncated, wrong encoding).
    Malformed(UnreadableBody),
    /// The request was read, but fields were refused.
    Validation(FieldErrors),
    Unauthorized(Denial),
    Forbidden(Denial),
    NotFound(Missing),
    /// A rule of state refused the change; the refusal's code is the wire's `code`.
    Conflict(Refusal),
    PayloadTooLarge(usize),
    UnsupportedMediaType,
    /// Files over the limits (size, count): 413 naming the field.
    FilesTooLarge(FieldErrors),
    /// Files of a type the service does not accept, judged from their content: 415 naming the field.
    FileTypesRefused(FieldErrors),
    NotMultipart,
    /// The path exists, but not for this method; carries the methods it has (the `Allow` header).
    MethodNotAllowed(Vec<&'static str>),
    /// The database could not be reached in time; the cause is logged, not answered.
    Unavailable(Cause),
    /// A fault of ours; the cause is logged, not answered.
    Internal(Cause),
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // In the log, before the cause the chain adds.
            Self::Unavailable(_) => f.write_str("service unavailable"),
            Self::Internal(_) => f.write_str("internal error"),
            other => f.write_str(&other.message(Lang::En)),
        }
    }
}

impl std::error::Error for AppError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unavailable(cause) | Self::Internal(cause) => Some(cause.as_ref()),
            _ => None,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `validation_failed`, `not_found`.
    pub code: &'static str,
    pub message: String,
    /// Field name → reasons; empty unless fields were refused.
    pub fields: BTreeMap<String, Vec<String>>,
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed_request",
            Self::Validation(_) => "validation_failed",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::Conflict(refusal) => refusal.code(),
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType | Self::FileTypesRefused(_) | Self::NotMultipart => {
                "unsupported_media_type"
            }
            Self::FilesTooLarge(_) => "payload_too_large",
            Self::MethodNotAllowed(_) => "method_not_allowed",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    /// A fault of ours, from any error or message.
    pub fn internal(cause: impl Into<Cause>) -> Self {
        Self::Internal(cause.into())
    }

    /// What the answer says, in `lang` (a message of `locales/`).
    pub fn message(&self, lang: Lang) -> String {
        let catalog = messages::catalog();
        let with = |name: &'static str, value: fluent_bundle::FluentValue<'static>| {
            let mut args = fluent_bundle::FluentArgs::new();
            args.set(name, value);
            args
        };
        let (id, args) = match self {
            Self::Malformed(UnreadableBody::Body) => ("error-malformed_body", None),
            Self::Malformed(UnreadableBody::Json(detail)) => (
                "error-malformed_json",
                Some(with("detail", detail.clone().into())),
            ),
            Self::Malformed(UnreadableBody::Multipart(detail)) => (
                "error-malformed_multipart",
                Some(with("detail", detail.clone().into())),
            ),
            Self::Validation(_) => ("error-validation", None),
            Self::Unauthorized(denial) | Self::Forbidden(denial) => return denial.text(lang),
            Self::NotFound(missing) => return missing.not_found(lang),
            Self::Conflict(refusal) => return refusal.text(lang),
            Self::PayloadTooLarge(limit) => (
                "error-payload_too_large",
                Some(with("limit", (*limit as u64).into())),
            ),
            Self::UnsupportedMediaType => ("error-unsupported_media_type", None),
            Self::FilesTooLarge(_) => ("error-files_too_large", None),
            Self::FileTypesRefused(_) => ("error-file_types_refused", None),
            Self::NotMultipart => ("error-not_multipart", None),
            Self::MethodNotAllowed(allow) => (
                "error-method_not_allowed",
                Some(with(
                    "allow",
                    messages::list(allow.iter().map(ToString::to_string).collect()),
                )),
            ),
            Self::Unavailable(_) => ("error-unavailable", None),
            Self::Internal(_) => ("error-internal", None),
        };
        catalog.text(lang, id, args.as_ref())
    }

    /// The whole cause chain, for the log.
    pub fn chain(&self) -> String {
        let mut text = self.to_string();
        let mut source = std::error::Error::source(self);
        while let Some(cause) = source {
            text.push_str(": ");
            text.push_str(&cause.to_string());
            source = cause.source();
        }
        text
    }

    /// The answer in `lang`, without logging.
    pub fn response(&self, lang: Lang) -> HttpResponse {
        let fields = match self {
            Self::Validation(fields)
            | Self::FilesTooLarge(fields)
            | Self::FileTypesRefused(fields) => fields.texts(lang),
            _ => BTreeMap::new(),
        };
        let mut response = HttpResponse::build(self.status_code());
        if let Self::Unauthorized(_) = self {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        if let Self::MethodNotAllowed(allow) = self {
            response.insert_header((header::ALLOW, allow.join(", ")));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.message(lang),
                fields,
            },
        })
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::Malformed(_) => StatusCode::BAD_REQUEST,
            Self::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::FilesTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType | Self::FileTypesRefused(_) | Self::NotMultipart => {
                StatusCode::UNSUPPORTED_MEDIA_TYPE
            }
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if self.status_code().is_server_error() {
            tracing::error!(error = %self.chain(), "request failed");
        }
        self.response(Lang::En)
    }
}

/// Answers an API error in Japanese when the request prefers it (`Accept-Language: ja`): the
/// one place the language of an answer is chosen. Pages are always Japanese (`web::WebError`).
pub async fn localize(
    req: actix_web::dev::ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let lang = Lang::from_accept_language(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok()),
    );
    let response = next.call(req).await?;
    if lang == Lang::En {
        return Ok(response.map_into_left_body());
    }
    let japanese = response
        .response()
        .error()
        .and_then(|error| error.as_error::<AppError>())
        .map(|error| error.response(lang));
    Ok(match japanese {
        Some(answer) => response.into_response(answer).map_into_right_body(),
        None => response.map_into_left_body(),
    })
}

impl From<DieselError> for AppError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => Self::NotFound(Missing::Record),
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                Self::Conflict(Refusal::AlreadyExists)
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Self::Conflict(Refusal::MissingReference)
            }
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _)
            | DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                Self::Unavailable(Box::new(error))
            }
            other => Self::Internal(Box::new(other)),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::Internal(Box::new(error))
    }
}

impl From<validator::ValidationErrors> for AppError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut fields = FieldErrors::new();
        flatten_validation("", &errors, &mut fields);
        Self::Validation(fields)
    }
}

/// Nested structs and lists become dotted names: `entities[2].role`.
fn flatten_validation(prefix: &str, errors: &validator::ValidationErrors, out: &mut FieldErrors) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    out.add(name.clone(), refusal_of(error));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten_validation(&name, inner, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    flatten_validation(&format!("{name}[{index}]"), inner, out);
                }
            }
        }
    }
}

/// A custom check's refusal, carried through validator as a parameter.
pub fn validation_error(refusal: Refusal) -> validator::ValidationError {
    let mut error = validator::ValidationError::new(refusal.code());
    if let Ok(value) = serde_json::to_value(&refusal) {
        error.add_param("refusal".into(), &value);
    }
    error
}

/// The refusal a validator error stands for: a custom check's own, or one of validator's
/// built-in checks with its bounds.
fn refusal_of(error: &validator::ValidationError) -> Refusal {
    if let Some(refusal) = error
        .params
        .get("refusal")
        .and_then(|value| serde_json::from_value::<Refusal>(value.clone()).ok())
    {
        return refusal;
    }
    let number = |name: &str| error.params.get(name).and_then(serde_json::Value::as_u64);
    let text = |name: &str| error.params.get(name).map(ToString::to_string);
    match error.code.as_ref() {
        "length" => Refusal::Length {
            min: number("min"),
            max: number("max"),
        },
        "range" => Refusal::Range {
            min: text("min"),
            max: text("max"),
        },
        "email" => Refusal::Email,
        "data_item_count" => Refusal::DataItemCount {
            min: number("min").unwrap_or(0),
            max: number("max").unwrap_or(0),
        },
        "category_count" => Refusal::CategoryCount {
            max: number("max").unwrap_or(0),
        },
        code => Refusal::Unreadable {
            detail: format!("is invalid ({code})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn internal_causes_are_not_answered() {
        let error = AppError::internal("password_hash column is null");
        let body = actix_web::body::to_bytes(error.error_response().into_body())
            .await
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(!text.contains("password_hash"), "{text}");
        assert!(text.contains("internal_error"));
    }

    #[test]
    fn a_fault_keeps_its_cause_for_the_log() {
        let cause = std::io::Error::other("disk full");
        let error = AppError::internal(cause);
        assert!(std::error::Error::source(&error).is_some());
        assert_eq!(error.chain(), "internal error: disk full");
        let diesel: AppError = DieselError::QueryBuilderError("bad query".into()).into();
        assert!(diesel.chain().contains("bad query"), "{}", diesel.chain());
        assert_eq!(
            diesel.message(Lang::En),
            "an internal error occurred; it has been logged"
        );
    }

    #[actix_web::test]
    async fn an_error_is_answered_in_the_language_asked_for() {
        let error = FieldErrors::single("aware_on", Refusal::InFuture);
        let english = json_of(error.response(Lang::En)).await;
        let japanese = json_of(error.response(Lang::Ja)).await;
        assert_eq!(english["error"]["code"], japanese["error"]["code"]);
        assert_eq!(
            english["error"]["fields"]["aware_on"][0],
            "must not be in the future"
        );
        assert_eq!(
            japanese["error"]["fields"]["aware_on"][0],
            "未来の日付は指定できません"
        );
    }

    async fn json_of(response: HttpResponse) -> serde_json::Value {
        let bytes = actix_web::body::to_bytes(response.into_body())
            .await
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn unique_violations_are_conflicts() {
        let error: AppError = DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new("UNIQUE constraint failed".to_string()),
        )
        .into();
        assert_eq!(error.status_code(), StatusCode::CONFLICT);
        assert_eq!(
            AppError::from(DieselError::NotFound).status_code(),
            StatusCode::NOT_FOUND
        );
    }
}
