//! The read log: staff opening a report, a case or a consultation, or downloading a file,
//! leave an audit row with the action `read` — who (the actor), when, what, and the request's id.
//! It is written before the answer leaves, in its own small transaction, so a graceful shutdown
//! (which lets requests in flight finish) loses none. Admins read it through `GET /api/v1/audit`
//! (`action=read`) and on each record's page (閲覧履歴).

use crate::db::{Actor, Db};
use crate::domain::access::{Role, read_is_logged};
use crate::error::AppError;

/// What was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Read {
    Report(i64),
    Case(i64),
    Consultation(i64),
    Attachment(i64),
}

impl Read {
    /// The audit trail's entity type and id.
    pub fn entity(self) -> (&'static str, i64) {
        match self {
            Self::Report(id) => ("report", id),
            Self::Case(id) => ("case", id),
            Self::Consultation(id) => ("consultation", id),
            Self::Attachment(id) => ("attachment", id),
        }
    }
}

/// Whether a reader of the audit trail of `role` sees the read log; asking for it (`action=read`)
/// is an admin's alone (403 otherwise).
pub fn shown_to(role: Role, action: Option<&str>) -> Result<bool, AppError> {
    let admin = role == Role::Admin;
    if action == Some("read") && !admin {
        return Err(AppError::Forbidden(crate::error::Denial::AdminOnly));
    }
    Ok(admin)
}

/// Records that `actor`, of `role`, read a record — if reads by that role are logged.
pub async fn record(db: &Db, role: Role, actor: Actor, read: Read) -> Result<(), AppError> {
    if !read_is_logged(role) {
        return Ok(());
    }
    let (entity_type, entity_id) = read.entity();
    db.write(actor, move |tx| {
        tx.record("read", entity_type, entity_id, &serde_json::json!({}))
    })
    .await
}
