//! HTTP handler of the audit trail.

use actix_web::{HttpResponse, get, web};

use super::{AuditEntry, AuditFilter, store};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::error::AppError;
use crate::http::{Page, ValidQuery};

/// The audit trail, newest first, filterable by entity and action. Admins see the read log too
/// (`action=read`: who opened which report, case, consultation or file); staff see changes.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    operation_id = "list_audit",
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
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<AuditFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let with_reads = super::reads::shown_to(auth.role, filter.action.as_deref())?;
    let page = db
        .read(move |conn| store::list(conn, &filter, with_reads))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
