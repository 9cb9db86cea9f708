//! Reading the audit trail.

use diesel::prelude::*;

use super::{AuditEntry, AuditFilter};
use crate::db::DbConnection;
use crate::db::schema::audit_log;
use crate::error::AppError;
use crate::http::{Page, PageRequest};

/// The trail newest first, filtered by entity and action; with the read log (`read` rows) only
/// when `with_reads`.
pub fn list(
    conn: &mut DbConnection,
    filter: &AuditFilter,
    with_reads: bool,
) -> Result<Page<AuditEntry>, AppError> {
    let query = || {
        let mut query = audit_log::table.into_boxed();
        if let Some(action) = &filter.action {
            query = query.filter(audit_log::action.eq(action.clone()));
        }
        if !with_reads {
            query = query.filter(audit_log::action.ne("read"));
        }
        if let Some(kind) = &filter.entity_type {
            query = query.filter(audit_log::entity_type.eq(kind.clone()));
        }
        if let Some(id) = filter.entity_id {
            query = query.filter(audit_log::entity_id.eq(id));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load_by_id(
        conn,
        query,
        |q| q.order(audit_log::id.desc()).select(audit_log::id),
        |conn, ids| {
            Ok(audit_log::table
                .filter(audit_log::id.eq_any(ids))
                .select(AuditEntry::as_select())
                .load(conn)?)
        },
        |entry| entry.id,
    )?;
    Ok(rows.into_page(|entry| entry))
}
