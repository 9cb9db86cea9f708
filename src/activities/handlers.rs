//! HTTP handlers of the activities: thin — extract, call the command or the read, answer.

use actix_web::{HttpResponse, get, post, web};

use super::{Activity, ActivityFilter, NewActivity, commands};
use crate::auth::{Auth, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Page, ValidJson, ValidQuery};

/// Records an activity (他法令に基づく協議, 認定, 意見, ヒアリング, 意見募集).
#[utoipa::path(
    post, path = "/api/v1/activities", operation_id = "record_activity", tag = "activities",
    request_body = NewActivity,
    responses(
        (status = 201, body = Activity),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/activities")]
pub async fn record_activity(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewActivity>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let activity = commands::record(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(activity))
}

/// The activities, newest first.
#[utoipa::path(
    get, path = "/api/v1/activities", operation_id = "list_activities", tag = "activities",
    params(ActivityFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Activity>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/activities")]
pub async fn list_activities(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<ActivityFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    crate::http::download::api_list(&db, "activities", filter, super::list).await
}

/// One activity.
#[utoipa::path(
    get, path = "/api/v1/activities/{id}", operation_id = "read_activity", tag = "activities",
    params(("id" = i64, Path)),
    responses((status = 200, body = Activity), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/activities/{id}")]
pub async fn read_activity(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let activity = db
        .read(move |conn| super::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Activity))?;
    Ok(HttpResponse::Ok().json(activity))
}
