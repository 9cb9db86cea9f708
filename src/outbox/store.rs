//! The outbox as admins list it.

use diesel::prelude::*;

use super::OutboxFilter;
use crate::db::schema::outbox;
use crate::error::AppError;
use crate::notify::OutboxEntry;

/// A page of the outbox, newest first, by status and kind.
pub fn list(
    conn: &mut crate::db::DbConnection,
    filter: &OutboxFilter,
) -> Result<crate::http::Page<OutboxEntry>, AppError> {
    let query = || {
        let mut query = outbox::table.into_boxed();
        if let Some(status) = &filter.status {
            query = query.filter(outbox::status.eq(status.clone()));
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(outbox::kind.eq(kind.clone()));
        }
        query
    };
    let rows =
        crate::http::PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
            q.order(outbox::id.desc()).select(OutboxEntry::as_select())
        })?;
    Ok(rows.into_page(|entry| entry))
}
