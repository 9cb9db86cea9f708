//! The outbox for administrators: what was sent, what waits, what failed — and a retry.

use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::OutboxEntry;
use crate::auth::{AdminOnly, Auth};
use crate::db::Db;
use crate::error::{AppError, ErrorBody, Refusal, validation_error};
use crate::http::{Page, ValidQuery};

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// pending | sending | sent | failed
    #[validate(custom(function = "status_field"))]
    #[param(pattern = "^(pending|sending|sent|failed)$")]
    pub status: Option<String>,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 40)]
    pub kind: Option<String>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(OutboxFilter);

fn status_field(status: &str) -> Result<(), validator::ValidationError> {
    if ["pending", "sending", "sent", "failed"].contains(&status) {
        Ok(())
    } else {
        Err(validation_error(Refusal::OutboxStatus))
    }
}

/// The outbox, newest first.
#[utoipa::path(get, path = "/api/v1/outbox", operation_id = "list_outbox", tag = "mail", params(OutboxFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<OutboxEntry>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/outbox")]
pub async fn list(
    _auth: Auth<AdminOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<OutboxFilter>,
) -> Result<HttpResponse, AppError> {
    crate::http::download::api_list(&db, "outbox", filter.into_inner()?, |conn, filter| {
        super::list(conn, filter)
    })
    .await
}

/// Sends a failed (or waiting) message again at once.
#[utoipa::path(post, path = "/api/v1/outbox/{id}/retry", operation_id = "retry_outbox_message", tag = "mail", params(("id" = i64, Path)),
    responses((status = 200, body = OutboxEntry), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/outbox/{id}/retry")]
pub async fn retry(
    auth: Auth<AdminOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let entry = super::retry(&db, auth.actor(), id).await?;
    Ok(HttpResponse::Ok().json(entry))
}
