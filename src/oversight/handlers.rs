//! HTTP handlers of oversight (API.md "Version 3", Oversight): thin — extract, call the command
//! or the read, answer.

use actix_web::{HttpResponse, get, post, web};

use super::events::{self, Event, EventFilter, NewEvent};
use super::plans::{self, NewPlan, Plan, PlanFilter, PlanView};
use super::{CoverageQuery, InspectionsQuery, commands};
use crate::auth::{Auth, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::oversight::{Coverage, InspectionCounts};
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Page, ValidJson, ValidQuery};

/// My Number on-site inspections by type, started in a period (an inspection continued from an
/// earlier period not counted again).
#[utoipa::path(
    get, path = "/api/v1/oversight/inspections", operation_id = "inspections_by_type", tag = "oversight",
    params(InspectionsQuery),
    responses(
        (status = 200, body = InspectionCounts),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/oversight/inspections")]
pub async fn inspections(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<InspectionsQuery>,
) -> Result<HttpResponse, AppError> {
    let (from, to) = query.into_inner()?.period()?.bounds();
    let counts = db
        .read(move |conn| super::inspections(conn, from, to))
        .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// The prefectures a round has reached: a review inspection of a body in it, or a
/// safety-measures seminar held in it, from `since` to `as_of`.
#[utoipa::path(
    get, path = "/api/v1/oversight/coverage", operation_id = "prefecture_coverage", tag = "oversight",
    params(CoverageQuery),
    responses(
        (status = 200, body = Coverage),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/oversight/coverage")]
pub async fn coverage(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<CoverageQuery>,
) -> Result<HttpResponse, AppError> {
    let (since, as_of) = query.into_inner()?.days()?;
    let coverage = db
        .read(move |conn| super::reached(conn, since, as_of))
        .await?;
    Ok(HttpResponse::Ok().json(coverage))
}

/// Records an outreach event (講師派遣, a seminar, a safety-measures seminar).
#[utoipa::path(
    post, path = "/api/v1/events", operation_id = "record_event", tag = "oversight",
    request_body = NewEvent,
    responses(
        (status = 201, body = Event),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/events")]
pub async fn record_event(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewEvent>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let event = commands::record_event(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(event))
}

/// The events, newest first.
#[utoipa::path(
    get, path = "/api/v1/events", operation_id = "list_events", tag = "oversight",
    params(EventFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Event>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/events")]
pub async fn list_events(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<EventFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    crate::http::download::api_list(&db, "events", filter, events::list).await
}

/// One event.
#[utoipa::path(
    get, path = "/api/v1/events/{id}", operation_id = "read_event", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/events/{id}")]
pub async fn read_event(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let event = db
        .read(move |conn| events::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Event))?;
    Ok(HttpResponse::Ok().json(event))
}

/// Records a yearly inspection plan (検査計画) with the inspections it plans.
#[utoipa::path(
    post, path = "/api/v1/inspection-plans", operation_id = "adopt_inspection_plan", tag = "oversight",
    request_body = NewPlan,
    responses(
        (status = 201, body = PlanView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/inspection-plans")]
pub async fn adopt_plan(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewPlan>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let plan = commands::adopt_plan(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(plan))
}

/// The inspection plans, newest year first.
#[utoipa::path(
    get, path = "/api/v1/inspection-plans", operation_id = "list_inspection_plans", tag = "oversight",
    params(PlanFilter),
    responses((status = 200, body = inline(Page<Plan>)), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/inspection-plans")]
pub async fn list_plans(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<PlanFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let page = db.read(move |conn| plans::list(conn, &filter)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A plan with each item planned and done.
#[utoipa::path(
    get, path = "/api/v1/inspection-plans/{id}", operation_id = "read_inspection_plan", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/inspection-plans/{id}")]
pub async fn read_plan(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let plan = db
        .read(move |conn| plans::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::InspectionPlan))?;
    Ok(HttpResponse::Ok().json(plan))
}
