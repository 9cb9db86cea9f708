//! HTTP handlers for the hotline (API.md): categories, consultations, mediations. Staff only.

use actix_web::{HttpResponse, get, patch, post, web};

use super::{
    Category, CategoryFilter, ConsultationChanges, ConsultationFilter, ConsultationView, DeskView,
    DesksQuery, MediationChange, MediationFilter, MediationView, NewCategory, NewConsultation,
    NewMediation, NewStep, commands, mediations, store,
};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Page, ValidJson, ValidQuery};
use crate::reads::{Read, ReadLog};

use crate::clock::today_in_japan as today;

/// Each desk's categories valid on a day (default today) with their stable codes and Japanese
/// labels (seed 000 today; seed 001's with `on=2019-09-30`).
#[utoipa::path(get, path = "/api/v1/consultation-categories", tag = "hotline", params(CategoryFilter),
    responses((status = 200, body = Vec<Category>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/consultation-categories")]
pub async fn list_categories(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<CategoryFilter>,
) -> Result<HttpResponse, AppError> {
    let mut filter = filter.into_inner()?;
    // Today's categories unless another day is asked for (FY2019's with `on=2019-…`).
    filter.on = filter.on.or_else(|| Some(today()));
    let categories = db
        .read(move |conn| store::categories(conn, &filter))
        .await?;
    Ok(HttpResponse::Ok().json(categories))
}

/// The desks as they stood on a day (default today): each one's label, classes and the
/// categories a consultation of that day is filed under (FY2019's three desks before 2022-04-01,
/// seed 000's after).
#[utoipa::path(get, path = "/api/v1/consultation-desks", tag = "hotline", params(DesksQuery),
    responses((status = 200, body = Vec<DeskView>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/consultation-desks")]
pub async fn list_desks(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<DesksQuery>,
) -> Result<HttpResponse, AppError> {
    let day = query.into_inner()?.on.unwrap_or_else(today);
    let desks = db.read(move |conn| store::desks(conn, day)).await?;
    Ok(HttpResponse::Ok().json(desks))
}

/// Adds a category to a desk.
#[utoipa::path(post, path = "/api/v1/consultation-categories", tag = "hotline", request_body = NewCategory,
    responses((status = 201, body = Category), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/consultation-categories")]
pub async fn add_category(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewCategory>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let category = commands::add_category(&db, auth.actor(), new, today()).await?;
    Ok(HttpResponse::Created().json(category))
}

/// Logs a consultation: desk, class, its categories (of that desk), what was asked and advised.
#[utoipa::path(post, path = "/api/v1/consultations", tag = "hotline", request_body = NewConsultation,
    responses((status = 201, body = ConsultationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/consultations")]
pub async fn create_consultation(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewConsultation>,
) -> Result<HttpResponse, AppError> {
    let (new, today) = (body.into_inner()?, today());
    let consultation = commands::record_consultation(&db, auth.actor(), new, today).await?;
    Ok(HttpResponse::Created().json(consultation))
}

/// Consultations in id order, filterable by desk, class, category, dates, referral, entity, case.
#[utoipa::path(get, path = "/api/v1/consultations", tag = "hotline", params(ConsultationFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<ConsultationView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/consultations")]
pub async fn list_consultations(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<ConsultationFilter>,
) -> Result<HttpResponse, AppError> {
    crate::http::download::api_list(&db, "consultations", filter.into_inner()?, store::list).await
}

#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "hotline", params(("id" = i64, Path)),
    responses((status = 200, body = ConsultationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/consultations/{id}")]
pub async fn read_consultation(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let consultation = db
        .read(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Consultation))?;
    reads.record(auth.role, auth.actor(), Read::Consultation(id));
    Ok(HttpResponse::Ok().json(consultation))
}

/// Records advice, the referral to supervision, and the case a referred consultation joins.
#[utoipa::path(patch, path = "/api/v1/consultations/{id}", tag = "hotline", params(("id" = i64, Path)), request_body = ConsultationChanges,
    responses((status = 200, body = ConsultationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[patch("/api/v1/consultations/{id}")]
pub async fn update_consultation(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<ConsultationChanges>,
) -> Result<HttpResponse, AppError> {
    let (id, changes) = (id.into_inner(), body.into_inner()?);
    let consultation = commands::update_consultation(&db, auth.actor(), id, changes).await?;
    Ok(HttpResponse::Ok().json(consultation))
}

/// Records an application for mediation; the answer says whether it is eligible and why not.
#[utoipa::path(post, path = "/api/v1/mediations", tag = "hotline", request_body = NewMediation,
    responses((status = 201, body = MediationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/mediations")]
pub async fn apply_mediation(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewMediation>,
) -> Result<HttpResponse, AppError> {
    let (new, today) = (body.into_inner()?, today());
    let mediation = commands::apply_mediation(&db, auth.actor(), new, today).await?;
    Ok(HttpResponse::Created().json(mediation))
}

/// Mediations in id order, filterable by status, desk and application date.
#[utoipa::path(get, path = "/api/v1/mediations", tag = "hotline", params(MediationFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<MediationView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/mediations")]
pub async fn list_mediations(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<MediationFilter>,
) -> Result<HttpResponse, AppError> {
    crate::http::download::api_list(&db, "mediations", filter.into_inner()?, |conn, filter| {
        mediations::list(conn, filter)
    })
    .await
}

#[utoipa::path(get, path = "/api/v1/mediations/{id}", tag = "hotline", params(("id" = i64, Path)),
    responses((status = 200, body = MediationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/mediations/{id}")]
pub async fn read_mediation(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let mediation = db
        .read(move |conn| mediations::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Mediation))?;
    Ok(HttpResponse::Ok().json(mediation))
}

/// Starts (409 with the reasons when not eligible), declines, or closes a mediation.
#[utoipa::path(patch, path = "/api/v1/mediations/{id}", tag = "hotline", params(("id" = i64, Path)), request_body = MediationChange,
    responses((status = 200, body = MediationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not eligible, or not in a state that allows it", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[patch("/api/v1/mediations/{id}")]
pub async fn change_mediation(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<MediationChange>,
) -> Result<HttpResponse, AppError> {
    let (id, change, today) = (id.into_inner(), body.into_inner()?, today());
    let mediation = commands::change_mediation(&db, auth.actor(), id, change, today).await?;
    Ok(HttpResponse::Ok().json(mediation))
}

/// Records a step of a running mediation (the Commission urged the entity; the entity reported).
#[utoipa::path(post, path = "/api/v1/mediations/{id}/steps", tag = "hotline", params(("id" = i64, Path)), request_body = NewStep,
    responses((status = 201, body = MediationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/mediations/{id}/steps")]
pub async fn add_step(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewStep>,
) -> Result<HttpResponse, AppError> {
    let (id, step, today) = (id.into_inner(), body.into_inner()?, today());
    let mediation = commands::add_step(&db, auth.actor(), id, step, today).await?;
    Ok(HttpResponse::Created().json(mediation))
}
