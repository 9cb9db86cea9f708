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
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<AuditEntry>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
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
    let with_reads = crate::reads::shown_to(auth.role, filter.action.as_deref())?;
    crate::http::download::api_list(&db, "audit", filter, move |conn, filter| {
        store::list(conn, filter, with_reads)
    })
    .await
}
