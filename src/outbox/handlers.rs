//! The outbox for administrators: what was sent, what waits, what failed — and a retry.

use actix_web::{HttpResponse, get, post, web};

use super::OutboxFilter;
use crate::auth::{AdminOnly, Auth};
use crate::db::Db;
use crate::error::{AppError, ErrorBody};
use crate::http::{Page, ValidQuery};
use crate::notify::OutboxEntry;

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
        super::store::list(conn, filter)
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
    let entry = crate::notify::retry(&db, auth.actor(), id).await?;
    Ok(HttpResponse::Ok().json(entry))
}
