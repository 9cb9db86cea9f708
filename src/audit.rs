//! The audit trail (who, when, what entity, what changed) and [`WriteTx`], the handle every
//! mutation works through. [`crate::db::Db::write`] opens the transaction, the mutation records
//! its changes with [`WriteTx::record`] next to the rows it writes, and the transaction refuses to
//! commit a mutation that recorded nothing — so the trail cannot be forgotten.

use actix_web::{HttpResponse, get, web};
use chrono::{NaiveDateTime, SubsecRound};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{Auth, StaffOnly};
use crate::db::schema::audit_log;
use crate::db::{Db, DbConnection};
use crate::error::AppError;
use crate::http::{Page, PageRequest, ValidQuery};

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
}

impl<'c> WriteTx<'c> {
    pub(crate) fn new(conn: &'c mut DbConnection, actor: &'c Actor) -> Self {
        Self {
            conn,
            actor,
            // Microseconds: what PostgreSQL keeps, so an answer equals the row read back later.
            now: chrono::Utc::now().naive_utc().trunc_subsecs(6),
            records: 0,
            unchanged: false,
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
        action: &str,
        entity_type: &str,
        entity_id: i64,
        changes: &impl Serialize,
    ) -> Result<(), AppError> {
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
        crate::natively!(&mut *self.conn, |c| insert.execute(c))?;
        self.records += 1;
        Ok(())
    }

    /// Writes one audit row per `(action, entity_id, changes)` about entities of one type, as
    /// one statement: for a batch, such as a round of mail delivery.
    pub fn record_each(
        &mut self,
        entity_type: &str,
        entries: &[(&str, i64, serde_json::Value)],
    ) -> Result<(), AppError> {
        if entries.is_empty() {
            return Ok(());
        }
        let (now, actor) = (self.now, self.actor);
        let rows = entries
            .iter()
            .map(|(action, entity_id, changes)| {
                audit_row(now, actor, action, entity_type, *entity_id, changes)
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        // A multi-row insert is backend syntax the multi-backend connection does not carry.
        let insert = diesel::insert_into(audit_log::table).values(rows);
        crate::natively!(&mut *self.conn, |c| insert.execute(c))?;
        self.records += entries.len();
        Ok(())
    }

    /// Declares that this transaction deliberately changed nothing (an edit that sets every field
    /// to the value it had), so it commits without an audit row.
    pub fn nothing_changed(&mut self) {
        self.unchanged = true;
    }

    pub(crate) fn finish(self) -> Result<(), AppError> {
        if self.records == 0 && !self.unchanged {
            return Err(AppError::Internal(
                "a write transaction recorded no audit entry; refusing to commit".into(),
            ));
        }
        Ok(())
    }
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
    action: &'a str,
    entity_type: &'a str,
    entity_id: i64,
    changes: &impl Serialize,
) -> Result<AuditRow<'a>, AppError> {
    let changes = serde_json::to_string(changes).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        audit_log::occurred_at.eq(now),
        audit_log::actor_user_id.eq(actor.user_id),
        audit_log::actor.eq(actor.label.as_str()),
        audit_log::request_id.eq(actor.request_id.as_deref()),
        audit_log::action.eq(action),
        audit_log::entity_type.eq(entity_type),
        audit_log::entity_id.eq(entity_id),
        audit_log::changes.eq(changes),
    ))
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

/// One row of the audit trail as the API shows it.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub request_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: i64,
    /// The change as a JSON object.
    #[schema(value_type = Object)]
    #[diesel(deserialize_as = String)]
    pub changes: JsonText,
}

/// A JSON document stored as text, answered as JSON.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct JsonText(serde_json::Value);

impl From<String> for JsonText {
    fn from(text: String) -> Self {
        Self(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams, validator::Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Page number, from 1.
    #[validate(range(min = 1))]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    pub per_page: Option<u32>,
    /// e.g. `organization`, `user`.
    #[validate(length(min = 1, max = 64))]
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
}

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
