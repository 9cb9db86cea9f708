//! HTTP handler of the audit trail.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;

use super::{AuditEntry, AuditFilter};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::db::schema::audit_log;
use crate::error::AppError;
use crate::http::{Page, PageRequest, ValidQuery};

/// The audit trail, newest first, filterable by entity.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "audit",
    params(AuditFilter),
    responses(
        (status = 200, description = "A page of audit entries", body = inline(Page<AuditEntry>)),
        (status = 401, body = crate::error::ErrorBody),
        (status = 403, body = crate::error::ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/audit")]
pub async fn list(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<AuditFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let request = PageRequest::new(filter.page, filter.per_page);
    let page = db
        .read(move |conn| {
            let query = || {
                let mut query = audit_log::table.into_boxed();
                if let Some(kind) = &filter.entity_type {
                    query = query.filter(audit_log::entity_type.eq(kind.clone()));
                }
                if let Some(id) = filter.entity_id {
                    query = query.filter(audit_log::entity_id.eq(id));
                }
                query
            };
            let total: i64 = query().count().get_result(conn)?;
            let items = query()
                .order(audit_log::id.desc())
                .limit(request.limit())
                .offset(request.offset())
                .select(AuditEntry::as_select())
                .load(conn)?;
            Ok(Page::new(items, request, total))
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
