//! HTTP handlers for search (API.md, "Search"): thin — extract, call, answer.

use actix_web::{HttpResponse, get, web};

use super::{RelatedReport, SearchFilter, SearchHit, SearchPage};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::error::{AppError, ErrorBody};
use crate::http::{Items, ValidQuery};

/// Reports, organizations, cases and consultations holding every word of `q`; a reporter's
/// search covers its own organization's reports only.
#[utoipa::path(
    get, path = "/api/v1/search", operation_id = "search", tag = "search",
    params(SearchFilter),
    responses(
        (status = 200, body = SearchPage),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/search")]
pub async fn search(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<SearchFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let (results, request) = super::find(&db, &auth.principal, &filter).await?;
    Ok(HttpResponse::Ok().json(SearchPage {
        items: results.found.into_iter().map(SearchHit::from).collect(),
        page: request.page,
        per_page: request.per_page,
        total: results.total,
        total_exact: results.exact,
    }))
}

/// Reports that may describe the same event as report `id` (staff), strongest first.
#[utoipa::path(
    get, path = "/api/v1/reports/{id}/related", operation_id = "related_reports", tag = "search",
    params(("id" = i64, Path)),
    responses(
        (status = 200, body = inline(Items<RelatedReport>)),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/reports/{id}/related")]
pub async fn related(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let items = db
        .read(move |conn| crate::index::related::related(conn, id))
        .await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}
