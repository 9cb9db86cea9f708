//! The API of one's own account: enrolling a second factor for the web login (API.md
//! "Accounts"). The API itself stays on bearer tokens.

use actix_web::{HttpResponse, post, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::Auth;
use crate::auth::factor::{self, Enrolment, RecoveryCodes};
use crate::db::Db;
use crate::error::{AppError, ErrorBody};
use crate::http::ValidJson;

/// Starts the enrolment of a second factor (TOTP) for the caller's web logins: a new secret, in
/// force once confirmed. 409 while one is on.
#[utoipa::path(post, path = "/api/v1/me/totp", operation_id = "begin_totp", tag = "accounts",
    responses((status = 201, body = Enrolment), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/me/totp")]
pub async fn begin_totp(auth: Auth, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let enrolment = factor::begin(&db, auth.actor(), auth.user_id).await?;
    Ok(HttpResponse::Created().json(enrolment))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TotpConfirmation {
    /// The six digits the authenticator app shows now.
    #[validate(length(min = 6, max = 6))]
    #[schema(pattern = "^[0-9]{6}$")]
    pub code: String,
}

/// Confirms the enrolment with the code the authenticator app shows now: from then the web login
/// asks for a code after the password. Answers ten recovery codes, shown this once.
#[utoipa::path(post, path = "/api/v1/me/totp/confirm", operation_id = "confirm_totp", tag = "accounts", request_body = TotpConfirmation,
    responses((status = 200, body = RecoveryCodes), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/me/totp/confirm")]
pub async fn confirm_totp(
    auth: Auth,
    db: web::Data<Db>,
    body: ValidJson<TotpConfirmation>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner()?;
    let codes: RecoveryCodes = factor::confirm(&db, auth.actor(), auth.user_id, body.code).await?;
    Ok(HttpResponse::Ok().json(codes))
}
