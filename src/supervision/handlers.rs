//! HTTP handlers for cases, meetings and actions (API.md). Supervision is for staff.

use actix_web::{HttpResponse, get, patch, post, web};

use super::responses::{NewResponse, Response};
use super::{
    ActionChanges, ActionFilter, ActionView, Case, CaseChanges, CaseEntityChanges, CaseEntityView,
    CaseFilter, CaseView, Meeting, NewAction, NewCase, NewCaseEntity, NewCaseIncident, NewMeeting,
    actions, cases, commands,
};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::domain::powers::ActionKind;
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Items, Page, ValidJson, ValidQuery};
use crate::reads::{Read, ReadLog};
use crate::records::incidents::IncidentView;

use crate::clock::today_in_japan as today;

/// Opens a case (事案).
#[utoipa::path(post, path = "/api/v1/cases", tag = "supervision", request_body = NewCase,
    responses((status = 201, body = Case), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/cases")]
pub async fn create_case(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewCase>,
) -> Result<HttpResponse, AppError> {
    let (new, today) = (body.into_inner()?, today());
    let case = commands::open_case(&db, auth.actor(), new, today).await?;
    Ok(HttpResponse::Created().json(case))
}

/// Cases in id order.
#[utoipa::path(get, path = "/api/v1/cases", tag = "supervision", params(CaseFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Case>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/cases")]
pub async fn list_cases(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<CaseFilter>,
) -> Result<HttpResponse, AppError> {
    crate::http::download::api_list(&db, "cases", filter.into_inner()?, |conn, filter| {
        cases::list(conn, filter)
    })
    .await
}

/// A case with its entities (roles, focus points), incidents and timeline.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, body = CaseView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/cases/{id}")]
pub async fn read_case(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let view = db
        .read(move |conn| {
            let case = cases::find(conn, id)?.ok_or(AppError::NotFound(Missing::Case))?;
            cases::view(conn, case, today)
        })
        .await?;
    reads.record(auth.role, auth.actor(), Read::Case(id));
    Ok(HttpResponse::Ok().json(view))
}

/// Changes a case (status, as-of date, problem, response policy …); audited field by field.
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = "supervision", params(("id" = i64, Path)), request_body = CaseChanges,
    responses((status = 200, body = Case), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[patch("/api/v1/cases/{id}")]
pub async fn update_case(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<CaseChanges>,
) -> Result<HttpResponse, AppError> {
    let (id, changes, today) = (id.into_inner(), body.into_inner()?, today());
    let case = commands::update_case(&db, auth.actor(), id, changes, today).await?;
    Ok(HttpResponse::Ok().json(case))
}

/// Adds an entity to a case in a role, with the Commission's focus points for it.
#[utoipa::path(post, path = "/api/v1/cases/{id}/entities", tag = "supervision", params(("id" = i64, Path)), request_body = NewCaseEntity,
    responses((status = 201, body = CaseEntityView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/cases/{id}/entities")]
pub async fn add_entity(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewCaseEntity>,
) -> Result<HttpResponse, AppError> {
    let (id, new) = (id.into_inner(), body.into_inner()?);
    let entity = commands::add_entity(&db, auth.actor(), id, new).await?;
    Ok(HttpResponse::Created().json(entity))
}

/// Changes an entity's role or focus points in a case (only the fields given; `null` clears the
/// focus points).
#[utoipa::path(patch, path = "/api/v1/cases/{id}/entities/{organization_id}", tag = "supervision", params(("id" = i64, Path), ("organization_id" = i64, Path)), request_body = CaseEntityChanges,
    responses((status = 200, body = CaseEntityView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[patch("/api/v1/cases/{id}/entities/{organization_id}")]
pub async fn update_entity(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    path: web::Path<(i64, i64)>,
    body: ValidJson<CaseEntityChanges>,
) -> Result<HttpResponse, AppError> {
    let ((id, organization_id), changes) = (path.into_inner(), body.into_inner()?);
    let entity = commands::update_entity(&db, auth.actor(), id, organization_id, changes).await?;
    Ok(HttpResponse::Ok().json(entity))
}

/// Joins an incident to a case.
#[utoipa::path(post, path = "/api/v1/cases/{id}/incidents", tag = "supervision", params(("id" = i64, Path)), request_body = NewCaseIncident,
    responses((status = 201, body = IncidentView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/cases/{id}/incidents")]
pub async fn add_incident(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewCaseIncident>,
) -> Result<HttpResponse, AppError> {
    let (id, incident_id, today) = (id.into_inner(), body.into_inner()?.incident_id, today());
    let incident = commands::add_incident(&db, auth.actor(), id, incident_id, today).await?;
    Ok(HttpResponse::Created().json(incident))
}

/// Records a numbered Commission meeting.
#[utoipa::path(post, path = "/api/v1/meetings", tag = "supervision", request_body = NewMeeting,
    responses((status = 201, body = Meeting), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/meetings")]
pub async fn create_meeting(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewMeeting>,
) -> Result<HttpResponse, AppError> {
    let (new, today) = (body.into_inner()?, today());
    let meeting = commands::record_meeting(&db, auth.actor(), new, today).await?;
    Ok(HttpResponse::Created().json(meeting))
}

/// Recorded meetings, newest first.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "supervision",
    responses((status = 200, body = Vec<Meeting>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/meetings")]
pub async fn list_meetings(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let meetings = db.read(cases::list_meetings).await?;
    Ok(HttpResponse::Ok().json(meetings))
}

/// Records a supervisory action; its legal basis is derived from kind × regime, and the rules of
/// the law are enforced (an order needs an earlier unheeded recommendation: 409).
#[utoipa::path(post, path = "/api/v1/actions", tag = "supervision", request_body = NewAction,
    responses((status = 201, body = ActionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "order_needs_recommendation", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/actions")]
pub async fn create_action(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewAction>,
) -> Result<HttpResponse, AppError> {
    let (new, today) = (body.into_inner()?, today());
    let action = commands::record_action(&db, auth.actor(), new, today).await?;
    Ok(HttpResponse::Created().json(action))
}

/// One action with its legal basis; a reporter reads only report collections addressed to its
/// organization (others answer 404).
#[utoipa::path(get, path = "/api/v1/actions/{id}", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, body = ActionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/actions/{id}")]
pub async fn read_action(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let action = commands::readable_action(&db, &auth, id, today).await?;
    Ok(HttpResponse::Ok().json(action.view()))
}

/// Actions in id order; `overdue=true` gives report collections past due without an answer.
/// A reporter's list holds the report collections addressed to its organization.
#[utoipa::path(get, path = "/api/v1/actions", tag = "supervision", params(ActionFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<ActionView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/actions")]
pub async fn list_actions(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<ActionFilter>,
) -> Result<HttpResponse, AppError> {
    let (mut filter, today) = (filter.into_inner()?, today());
    // A reporter asking for another entity's actions, or for other kinds, finds none.
    let mut none = false;
    if !auth.role.is_staff() {
        none = filter
            .organization_id
            .is_some_and(|id| Some(id) != auth.organization_id)
            || filter
                .kind
                .is_some_and(|k| k != ActionKind::ReportCollection);
        filter.organization_id = auth.organization_id;
        filter.kind = Some(ActionKind::ReportCollection);
    }
    crate::http::download::api_list(&db, "actions", filter, move |conn, filter| {
        if none {
            return Ok(Page::<ActionView>::new(
                Vec::new(),
                crate::http::PageRequest::new(filter.page, filter.per_page),
                crate::http::Total::exact(0),
            ));
        }
        actions::list(conn, filter, today)
    })
    .await
}

/// Completes or amends an action (end date, compliance, due date, publication, notes); audited.
#[utoipa::path(patch, path = "/api/v1/actions/{id}", tag = "supervision", params(("id" = i64, Path)), request_body = ActionChanges,
    responses((status = 200, body = ActionView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[patch("/api/v1/actions/{id}")]
pub async fn update_action(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<ActionChanges>,
) -> Result<HttpResponse, AppError> {
    let (id, changes, today) = (id.into_inner(), body.into_inner()?, today());
    let action = commands::update_action(&db, auth.actor(), id, changes, today).await?;
    Ok(HttpResponse::Ok().json(action))
}

/// Answers a report collection: the entity it is addressed to (dated today), or staff
/// recording an answer received on paper (`submitted_on`). Files go to the answer's
/// attachments. Staff get 409 on other kinds of action; a reporter is told they do not exist.
#[utoipa::path(post, path = "/api/v1/actions/{id}/responses", tag = "supervision", params(("id" = i64, Path)), request_body = NewResponse,
    responses((status = 201, body = Response), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not_a_report_collection, or collection_completed (the entity's answers end when staff complete the collection)", body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/actions/{id}/responses")]
pub async fn answer_collection(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
    id: web::Path<i64>,
    body: ValidJson<NewResponse>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let action = commands::readable_action(&db, &auth, id, today).await?;
    let answer = body.into_inner()?;
    let settings = crate::notify::MailSettings::from(&config.mail);
    let response =
        commands::answer_collection(&db, &auth, &action, answer, Vec::new(), settings, today)
            .await?;
    Ok(HttpResponse::Created().json(response))
}

/// The answers to an action, oldest first.
#[utoipa::path(get, path = "/api/v1/actions/{id}/responses", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Response>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/actions/{id}/responses")]
pub async fn list_responses(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let action = commands::readable_action(&db, &auth, id, today).await?;
    let items = commands::responses(&db, &action).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}
