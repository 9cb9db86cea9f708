//! The audited write transaction: [`Actor`] (who makes a change) and [`WriteTx`], the handle every
//! mutation works through. [`super::Db::write`] opens the transaction, the mutation records its
//! changes with [`WriteTx::record`] next to the rows it writes, and the transaction refuses to
//! commit a mutation that recorded nothing — so the audit trail cannot be forgotten.

use chrono::{NaiveDateTime, SubsecRound};
use diesel::prelude::*;
use serde::Serialize;

use super::DbConnection;
use super::audit::{Action, Entity};
use super::schema::audit_log;
use crate::error::AppError;

/// Who is making a change: a signed-in user (with the request it came in), or a CLI command.
#[derive(Clone, Debug)]
pub struct Actor {
    pub user_id: Option<i64>,
    /// `user:<id> <email>` or `cli:<command>`; kept even if the user is later disabled.
    pub label: String,
    pub request_id: Option<String>,
}

impl Actor {
    /// A background task of the service, e.g. `system:mailer`.
    pub fn system(task: &str) -> Self {
        Self {
            user_id: None,
            label: format!("system:{task}"),
            request_id: None,
        }
    }

    pub fn cli(command: &str) -> Self {
        Self {
            user_id: None,
            label: format!("cli:{command}"),
            request_id: None,
        }
    }
}

/// An open write transaction with its actor and a single clock reading for all it writes.
pub struct WriteTx<'c> {
    conn: &'c mut DbConnection,
    actor: &'c Actor,
    now: NaiveDateTime,
    records: usize,
    unchanged: bool,
    /// Audit rows held to be written together ([`WriteTx::hold_records`]), in order.
    held: Option<Vec<Held>>,
}

/// An audit row held to be written with others: what [`WriteTx::record`] was given.
struct Held {
    action: Action,
    entity_type: Entity,
    entity_id: i64,
    changes: String,
}

/// Audit rows held at most, then written as one statement (well within SQLite's 32,766 bound
/// parameters at eight a row).
const HELD_RECORDS: usize = 500;

impl<'c> WriteTx<'c> {
    pub(super) fn new(conn: &'c mut DbConnection, actor: &'c Actor) -> Self {
        Self {
            conn,
            actor,
            // Microseconds: what PostgreSQL keeps, so an answer equals the row read back later.
            now: chrono::Utc::now().naive_utc().trunc_subsecs(6),
            records: 0,
            unchanged: false,
            held: None,
        }
    }

    pub fn conn(&mut self) -> &mut DbConnection {
        self.conn
    }

    /// The time of this transaction, in UTC: every row it writes carries the same instant.
    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// Writes one audit row in this transaction. `changes` must not contain secrets.
    pub fn record(
        &mut self,
        action: Action,
        entity_type: Entity,
        entity_id: i64,
        changes: &impl Serialize,
    ) -> Result<(), AppError> {
        if let Some(held) = &mut self.held {
            held.push(Held {
                action,
                entity_type,
                entity_id,
                changes: serde_json::to_string(changes).map_err(AppError::internal)?,
            });
            self.records += 1;
            if held.len() >= HELD_RECORDS {
                self.write_held()?;
            }
            return Ok(());
        }
        let row = audit_row(
            self.now,
            self.actor,
            action,
            entity_type,
            entity_id,
            changes,
        )?;
        let insert = diesel::insert_into(audit_log::table).values(row);
        // Every mutation writes this: on the backend's own connection (`natively!`).
        crate::db::natively!(&mut *self.conn, |c| insert.execute(c))?;
        self.records += 1;
        Ok(())
    }

    /// Writes one audit row per `(action, entity_id, changes)` about entities of one type, as
    /// one statement: for a batch, such as a round of mail delivery.
    pub fn record_each(
        &mut self,
        entity_type: Entity,
        entries: &[(Action, i64, serde_json::Value)],
    ) -> Result<(), AppError> {
        if entries.is_empty() {
            return Ok(());
        }
        self.write_held()?;
        let (now, actor) = (self.now, self.actor);
        let rows = entries
            .iter()
            .map(|(action, entity_id, changes)| {
                audit_row(now, actor, *action, entity_type, *entity_id, changes)
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        // A multi-row insert is backend syntax the multi-backend connection does not carry.
        let insert = diesel::insert_into(audit_log::table).values(rows);
        crate::db::natively!(&mut *self.conn, |c| insert.execute(c))?;
        self.records += entries.len();
        Ok(())
    }

    /// Writes audit rows that happened earlier, each with its own actor and instant (the read
    /// log's batch: rows taken while answering, written together).
    pub fn record_happened(&mut self, entries: &[Happened]) -> Result<(), AppError> {
        if entries.is_empty() {
            return Ok(());
        }
        self.write_held()?;
        let empty = serde_json::json!({});
        let rows = entries
            .iter()
            .map(|e| audit_row(e.at, &e.actor, e.action, e.entity_type, e.entity_id, &empty))
            .collect::<Result<Vec<_>, AppError>>()?;
        let insert = diesel::insert_into(audit_log::table).values(rows);
        crate::db::natively!(&mut *self.conn, |c| insert.execute(c))?;
        self.records += entries.len();
        Ok(())
    }

    /// How many audit rows this transaction has recorded (held ones included).
    pub fn recorded(&self) -> usize {
        self.records
    }

    /// Declares that this transaction deliberately changed nothing (an edit that sets every field
    /// to the value it had), so it commits without an audit row.
    pub fn nothing_changed(&mut self) {
        self.unchanged = true;
    }

    /// From here on, holds the audit rows [`WriteTx::record`] is given and writes them a few
    /// hundred at a time, in the order recorded, the last of them before the transaction
    /// commits: for a transaction that records many (an import's row after row), one statement
    /// where it would be hundreds. Nothing in the transaction may read the audit log after.
    pub fn hold_records(&mut self) {
        self.held.get_or_insert_with(Vec::new);
    }

    /// Writes the audit rows held so far, as one statement.
    fn write_held(&mut self) -> Result<(), AppError> {
        let Some(held) = self.held.as_mut().filter(|held| !held.is_empty()) else {
            return Ok(());
        };
        let (now, actor) = (self.now, self.actor);
        let rows: Vec<AuditRow<'_>> = held
            .iter()
            .map(|row| {
                written_row(
                    now,
                    actor,
                    row.action,
                    row.entity_type,
                    row.entity_id,
                    row.changes.clone(),
                )
            })
            .collect();
        let insert = diesel::insert_into(audit_log::table).values(rows);
        crate::db::natively!(&mut *self.conn, |c| insert.execute(c))?;
        held.clear();
        Ok(())
    }

    pub(super) fn finish(mut self) -> Result<(), AppError> {
        self.write_held()?;
        if self.records == 0 && !self.unchanged {
            return Err(AppError::internal(
                "a write transaction recorded no audit entry; refusing to commit",
            ));
        }
        Ok(())
    }
}

/// Something that happened, to be written to the audit trail later by [`WriteTx::record_happened`].
#[derive(Clone, Debug)]
pub struct Happened {
    pub at: NaiveDateTime,
    pub actor: Actor,
    pub action: Action,
    pub entity_type: Entity,
    pub entity_id: i64,
}

/// The values of one audit row, for [`WriteTx::record`] and [`WriteTx::record_each`].
type AuditRow<'a> = (
    diesel::dsl::Eq<audit_log::occurred_at, NaiveDateTime>,
    diesel::dsl::Eq<audit_log::actor_user_id, Option<i64>>,
    diesel::dsl::Eq<audit_log::actor, &'a str>,
    diesel::dsl::Eq<audit_log::request_id, Option<&'a str>>,
    diesel::dsl::Eq<audit_log::action, &'a str>,
    diesel::dsl::Eq<audit_log::entity_type, &'a str>,
    diesel::dsl::Eq<audit_log::entity_id, i64>,
    diesel::dsl::Eq<audit_log::changes, String>,
);

fn audit_row<'a>(
    now: NaiveDateTime,
    actor: &'a Actor,
    action: Action,
    entity_type: Entity,
    entity_id: i64,
    changes: &impl Serialize,
) -> Result<AuditRow<'a>, AppError> {
    let changes = serde_json::to_string(changes).map_err(AppError::internal)?;
    Ok(written_row(
        now,
        actor,
        action,
        entity_type,
        entity_id,
        changes,
    ))
}

/// The values of one audit row whose changes are already JSON.
fn written_row<'a>(
    now: NaiveDateTime,
    actor: &'a Actor,
    action: Action,
    entity_type: Entity,
    entity_id: i64,
    changes: String,
) -> AuditRow<'a> {
    (
        audit_log::occurred_at.eq(now),
        audit_log::actor_user_id.eq(actor.user_id),
        audit_log::actor.eq(actor.label.as_str()),
        audit_log::request_id.eq(actor.request_id.as_deref()),
        audit_log::action.eq(action.as_str()),
        audit_log::entity_type.eq(entity_type.as_str()),
        audit_log::entity_id.eq(entity_id),
        audit_log::changes.eq(changes),
    )
}

/// The fields that differ between two versions of a record, as `{field: {"from", "to"}}`,
/// leaving out bookkeeping fields named in `ignore`.
pub fn diff<T: Serialize>(
    before: &T,
    after: &T,
    ignore: &[&str],
) -> serde_json::Map<String, serde_json::Value> {
    use serde_json::{Value, json};
    let (Ok(Value::Object(before)), Ok(Value::Object(after))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return serde_json::Map::new();
    };
    before
        .into_iter()
        .filter(|(field, _)| !ignore.contains(&field.as_str()))
        .filter_map(|(field, from)| {
            let to = after.get(&field).cloned().unwrap_or(Value::Null);
            (from != to).then(|| (field, json!({ "from": from, "to": to })))
        })
        .collect()
}
