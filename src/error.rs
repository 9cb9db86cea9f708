//! The one error type of the service and its mapping to API.md's JSON error shape
//! `{"error": {"code", "message", "fields"}}`. Internal causes are logged, never answered.

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;

/// Field name → the reasons its value was refused. Ordered, so answers are stable.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<String, Vec<String>>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: impl Into<String>, why: impl Into<String>) {
        self.0.entry(field.into()).or_default().push(why.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.0.iter()
    }

    pub fn get(&self, field: &str) -> Option<&[String]> {
        self.0.get(field).map(Vec::as_slice)
    }

    /// Adds the refusals of fields not named here yet.
    pub fn merge_new(&mut self, other: FieldErrors) {
        for (field, reasons) in other.0 {
            self.0.entry(field).or_insert(reasons);
        }
    }

    /// `Ok(())` when nothing was refused, otherwise the validation error carrying every field.
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }

    pub fn single(field: impl Into<String>, why: impl Into<String>) -> AppError {
        let mut errors = Self::new();
        errors.add(field, why);
        AppError::Validation(errors)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request could not be read at all (not JSON, truncated, wrong encoding).
    #[error("{0}")]
    Malformed(String),
    /// The request was read, but fields were refused.
    #[error("the request has invalid fields")]
    Validation(FieldErrors),
    #[error("{0}")]
    Unauthorized(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    /// What was not found, in words ("organization"); also answered for another entity's records.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A rule of state refused the change; `code` names the rule.
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("the request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("the request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    /// The database could not be reached in time; the cause is logged, not answered.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// A fault of ours; the cause is logged, not answered.
    #[error("internal error: {0}")]
    Internal(String),
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
    pub fields: FieldErrors,
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Malformed(_) => "malformed_request",
            Self::Validation(_) => "validation_failed",
            Self::Unauthorized(_) => "unauthorized",
            Self::Forbidden(_) => "forbidden",
            Self::NotFound(_) => "not_found",
            Self::Conflict { code, .. } => code,
            Self::PayloadTooLarge(_) => "payload_too_large",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Unavailable(_) => "unavailable",
            Self::Internal(_) => "internal_error",
        }
    }

    fn public_message(&self) -> String {
        match self {
            Self::Unavailable(_) => "the service is temporarily unavailable; try again".into(),
            Self::Internal(_) => "an internal error occurred; it has been logged".into(),
            other => other.to_string(),
        }
    }

    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
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
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
        }
        let fields = match self {
            Self::Validation(fields) => fields.clone(),
            _ => FieldErrors::new(),
        };
        let mut response = HttpResponse::build(status);
        if let Self::Unauthorized(_) = self {
            response.insert_header((header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer")));
        }
        response.json(ErrorBody {
            error: ErrorDetail {
                code: self.code(),
                message: self.public_message(),
                fields,
            },
        })
    }
}

impl From<DieselError> for AppError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => Self::NotFound("record"),
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => Self::conflict(
                "already_exists",
                "a record with the same unique value already exists",
            ),
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                Self::conflict(
                    "missing_reference",
                    "the change refers to a record that does not exist",
                )
            }
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                Self::Unavailable("serialization failure; the client may retry".into())
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, info) => {
                Self::Unavailable(info.message().to_owned())
            }
            other => Self::Internal(other.to_string()),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        Self::Internal(error.to_string())
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
                    let why = error
                        .message
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_else(|| describe_validator_code(error));
                    out.add(name.clone(), why);
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

/// Words for validator's built-in checks when the field did not declare its own message.
fn describe_validator_code(error: &validator::ValidationError) -> String {
    let param = |name: &str| error.params.get(name).map(ToString::to_string);
    match error.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be {min} to {max} characters long"),
            (Some(min), None) => format!("must be at least {min} characters long"),
            (None, Some(max)) => format!("must be at most {max} characters long"),
            _ => "has an invalid length".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".into(),
        },
        "email" => "must be an e-mail address".into(),
        code => format!("is invalid ({code})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn internal_causes_are_not_answered() {
        let error = AppError::Internal("password_hash column is null".into());
        let body = actix_web::body::to_bytes(error.error_response().into_body())
            .await
            .unwrap();
        let text = String::from_utf8(body.to_vec()).unwrap();
        assert!(!text.contains("password_hash"), "{text}");
        assert!(text.contains("internal_error"));
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
