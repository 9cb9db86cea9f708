//! HTTP handlers for organizations (API.md): thin — extract, call the store, answer.

use actix_web::{HttpResponse, get, patch, post, web};

use super::{
    NewOrganization, OrganizationChanges, OrganizationFilter, OrganizationView, commands, store,
};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Page, ValidJson, ValidQuery};

/// Registers an organization.
#[utoipa::path(
    post, path = "/api/v1/organizations", operation_id = "create_organization", tag = "organizations",
    request_body = NewOrganization,
    responses(
        (status = 201, body = OrganizationView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "corporate number already registered", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/organizations")]
pub async fn create(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewOrganization>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let organization = commands::register(&db, auth.actor(), new).await?;
    Ok(HttpResponse::Created().json(OrganizationView::from(organization)))
}

/// One organization: staff see any, a reporter only its own (others answer 404).
#[utoipa::path(
    get, path = "/api/v1/organizations/{id}", operation_id = "read_organization", tag = "organizations",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = OrganizationView),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/organizations/{id}")]
pub async fn read(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    auth.ensure_can_access(id, Missing::Organization)?;
    let organization = db
        .read(move |conn| store::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Organization))?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(organization)))
}

/// Organizations in id order; a reporter's list holds only its own.
#[utoipa::path(
    get, path = "/api/v1/organizations", operation_id = "list_organizations", tag = "organizations",
    params(OrganizationFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<OrganizationView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/organizations")]
pub async fn list(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<OrganizationFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer) = (filter.into_inner()?, auth.principal.clone());
    crate::http::download::api_list(&db, "organizations", filter, move |conn, filter| {
        store::list(conn, &viewer, filter)
    })
    .await
}

/// Changes an organization's details; only the fields given change.
#[utoipa::path(
    patch, path = "/api/v1/organizations/{id}", operation_id = "update_organization", tag = "organizations",
    params(("id" = i64, Path)),
    request_body = OrganizationChanges,
    responses(
        (status = 200, body = OrganizationView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/v1/organizations/{id}")]
pub async fn update(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<OrganizationChanges>,
) -> Result<HttpResponse, AppError> {
    let (id, changes) = (id.into_inner(), body.into_inner()?);
    let organization = commands::update(&db, auth.actor(), id, changes).await?;
    Ok(HttpResponse::Ok().json(OrganizationView::from(organization)))
}
