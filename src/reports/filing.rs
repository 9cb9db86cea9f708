//! Filing a report with its receipt mail and idempotency key, in one audited transaction: the
//! one path behind both `POST /api/v1/reports` and the web form.

use super::idempotency::{self, request_hash};
use super::intake::{self, Filer};
use super::{NewReport, store};
use crate::audit::Actor;
use crate::db::{Db, DbConnection};
use crate::error::AppError;
use crate::notify::MailSettings;

/// The answer to a filing: the report as JSON, and whether it is a retry's stored answer.
#[derive(Debug)]
pub struct Filed {
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

impl Filed {
    /// The filed report's id, read back from the answer (a replay carries only the answer).
    pub fn report_id(&self) -> Result<i64, AppError> {
        serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|answer| answer.get("id").and_then(serde_json::Value::as_i64))
            .ok_or_else(|| AppError::Internal("a filing answer without an id".into()))
    }
}

/// Who files: run on the filing's connection before anything else, it answers the actor and
/// filer, or refuses (a bearer token checked there, a reporter filing for another organization).
pub trait Who:
    FnOnce(&mut DbConnection) -> Result<(Actor, Filer), AppError> + Send + 'static
{
}
impl<F: FnOnce(&mut DbConnection) -> Result<(Actor, Filer), AppError> + Send + 'static> Who for F {}

enum Step {
    Stored(idempotency::Stored),
    Filed(String),
}

/// Files `new` as `who` says. With a key, a retry (or a concurrent duplicate) answers the first
/// answer and files nothing new; a key reused for different content is refused (409). Who is
/// filing, an earlier answer to the key, and the filing itself are settled in one trip to the
/// database on one connection.
pub async fn file(
    db: &Db,
    who: impl Who,
    mail: MailSettings,
    new: NewReport,
    key: Option<String>,
    today: chrono::NaiveDate,
) -> Result<Filed, AppError> {
    let hash = request_hash(&new);
    let (tx_key, tx_hash) = (key.clone(), hash.clone());
    // `read` lends one pooled connection; the write transaction opens on it (`Db::write_on`).
    let writer = db.clone();
    let (user_id, step) = db
        .read(move |conn| {
            let (actor, filer) = who(conn)?;
            let user_id = filer.user_id;
            if let (Some(key), Some(user_id)) = (&tx_key, user_id)
                && let Some(stored) = idempotency::find(conn, user_id, key)?
            {
                return Ok((Some(user_id), Ok(Step::Stored(stored))));
            }
            let filed = writer.write_on(conn, &actor, |tx| {
                let filing = intake::file(tx, filer, new, today)?;
                let view = store::report_view(filing.report, &filing.incident);
                crate::notify::messages::on_report_filed(
                    tx,
                    &mail,
                    &view,
                    &filing.incident,
                    &filing.organization,
                )?;
                let body =
                    serde_json::to_string(&view).map_err(|e| AppError::Internal(e.to_string()))?;
                if let (Some(key), Some(user_id)) = (&tx_key, user_id) {
                    idempotency::remember(tx, user_id, key, &tx_hash, 201, &body)?;
                }
                Ok(body)
            });
            Ok((user_id, filed.map(Step::Filed)))
        })
        .await?;
    match step {
        Ok(Step::Stored(stored)) => stored.answer(&hash),
        Ok(Step::Filed(body)) => Ok(Filed {
            status: 201,
            body,
            replayed: false,
        }),
        // A concurrent retry with the same key committed first: answer what it answered.
        Err(AppError::Conflict {
            code: "already_exists",
            ..
        }) if key.is_some() => match stored_answer(db, user_id, key).await? {
            Some(stored) => stored.answer(&hash),
            None => Err(AppError::conflict(
                "already_exists",
                "a report completing this incident was filed at the same moment",
            )),
        },
        Err(error) => Err(error),
    }
}

async fn stored_answer(
    db: &Db,
    user_id: Option<i64>,
    key: Option<String>,
) -> Result<Option<idempotency::Stored>, AppError> {
    match (key, user_id) {
        (Some(key), Some(user_id)) => {
            db.read(move |conn| idempotency::find(conn, user_id, &key))
                .await
        }
        _ => Ok(None),
    }
}
