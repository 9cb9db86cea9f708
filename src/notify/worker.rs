//! The delivery worker, run inside `leakdesk serve`: claims due outbox rows, sends them, records
//! each attempt.

use crate::db::{Action, Entity};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text, Timestamp};
use lettre::message::Mailbox;

use super::transport::{Transport, build};
use super::{MailSettings, backoff};
use crate::config::MailConfig;
use crate::db::schema::outbox;
use crate::db::{Actor, WriteTx};
use crate::db::{Db, DbConnection};
use crate::error::AppError;

/// Messages claimed per round.
const BATCH: i64 = 20;
/// A claim older than this is taken to belong to a crashed instance and is claimed again.
const STALE_CLAIM_MINUTES: i64 = 10;
/// Overdue notices go for deadlines missed within this many days, not for old records.

#[derive(QueryableByName, Debug)]
struct Claimed {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    recipient: String,
    #[diesel(sql_type = Text)]
    subject: String,
    #[diesel(sql_type = Text)]
    body: String,
    /// Attempts including this one.
    #[diesel(sql_type = Integer)]
    attempts: i32,
}

/// Marks up to [`BATCH`] due messages as being sent and returns them. On PostgreSQL, rows
/// another instance holds are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one writer.
fn claim(
    conn: &mut DbConnection,
    now: NaiveDateTime,
) -> Result<Vec<Claimed>, diesel::result::Error> {
    let stale = now - Duration::minutes(STALE_CLAIM_MINUTES);
    // `status <> 'sent'` first: it is the condition of the index `outbox_unsent`.
    const DUE: &str = "status <> 'sent' AND ((status = 'pending' AND next_attempt_at <= $1) \
                       OR (status = 'sending' AND claimed_at < $2))";
    match conn {
        DbConnection::Postgres(pg) => diesel::sql_query(format!(
            "UPDATE outbox SET status = 'sending', claimed_at = $1, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE {DUE} ORDER BY id LIMIT $3 \
             FOR UPDATE SKIP LOCKED) RETURNING id, recipient, subject, body, attempts"
        ))
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(stale)
        .bind::<BigInt, _>(BATCH)
        .load(pg),
        DbConnection::Sqlite(lite) => diesel::sql_query(format!(
            "UPDATE outbox SET status = 'sending', claimed_at = ?1, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox WHERE {} ORDER BY id LIMIT ?3) \
             RETURNING id, recipient, subject, body, attempts",
            DUE.replace('$', "?")
        ))
        .bind::<Timestamp, _>(now)
        .bind::<Timestamp, _>(stale)
        .bind::<BigInt, _>(BATCH)
        .load(lite),
    }
}

/// Sends what is due; returns how many were sent.
pub async fn deliver_due(
    db: &Db,
    transport: &Transport,
    from: &Mailbox,
    settings: &MailSettings,
) -> Result<usize, AppError> {
    let claimed = db
        .write(Actor::system("mailer"), |tx| {
            let now = tx.now();
            let claimed = claim(tx.conn(), now)?;
            if claimed.is_empty() {
                tx.nothing_changed();
            } else {
                let ids: Vec<i64> = claimed.iter().map(|c| c.id).collect();
                tx.record(
                    Action::Claim,
                    Entity::Outbox,
                    ids[0],
                    &serde_json::json!({ "ids": ids }),
                )?;
            }
            Ok(claimed)
        })
        .await?;
    let mut outcomes = Vec::with_capacity(claimed.len());
    for message in claimed {
        let outcome = match build(
            from,
            message.id,
            &message.recipient,
            &message.subject,
            &message.body,
        ) {
            Ok(built) => transport.send(built).await,
            Err(error) => Err(error),
        };
        if let Err(error) = &outcome {
            tracing::warn!(outbox_id = message.id, %error, "mail not delivered; will retry");
        }
        outcomes.push((message.id, message.attempts, outcome));
    }
    let sent = outcomes.iter().filter(|(_, _, o)| o.is_ok()).count();
    if !outcomes.is_empty() {
        let max_attempts = settings.max_attempts;
        db.write(Actor::system("mailer"), move |tx| {
            record_outcomes(tx, &outcomes, max_attempts)
        })
        .await?;
    }
    Ok(sent)
}

/// Records a round's outcomes in one transaction: the delivered messages marked sent by one
/// statement, each failure given its next attempt (or marked failed after the last), and an
/// audit row for each message. A crash between sending and this leaves the round's messages
/// `sending`; they are claimed again once the claim is stale, and their `Message-ID` (from the
/// outbox id) lets a receiver recognise the repeat.
fn record_outcomes(
    tx: &mut WriteTx<'_>,
    outcomes: &[(i64, i32, Result<(), String>)],
    max_attempts: i32,
) -> Result<(), AppError> {
    let now = tx.now();
    let delivered: Vec<i64> = outcomes
        .iter()
        .filter(|(_, _, outcome)| outcome.is_ok())
        .map(|(id, _, _)| *id)
        .collect();
    if !delivered.is_empty() {
        diesel::update(outbox::table.filter(outbox::id.eq_any(&delivered)))
            .set((
                outbox::status.eq("sent"),
                outbox::sent_at.eq(now),
                outbox::last_error.eq(None::<String>),
            ))
            .execute(tx.conn())?;
    }
    let mut entries = Vec::with_capacity(outcomes.len());
    for (id, attempts, outcome) in outcomes {
        match outcome {
            Ok(()) => entries.push((Action::Sent, *id, serde_json::json!({}))),
            Err(error) => {
                let (status, action) = if *attempts >= max_attempts {
                    ("failed", Action::Failed)
                } else {
                    ("pending", Action::Pending)
                };
                diesel::update(outbox::table.find(id))
                    .set((
                        outbox::status.eq(status),
                        outbox::next_attempt_at.eq(now + backoff(*attempts)),
                        outbox::last_error.eq(error),
                    ))
                    .execute(tx.conn())?;
                entries.push((
                    action,
                    *id,
                    serde_json::json!({ "attempts": attempts, "error": error }),
                ));
            }
        }
    }
    tx.record_each(Entity::Outbox, &entries)
}

/// Runs for the life of the server: delivers due mail every poll interval and scans deadlines
/// every scan interval (and at start).
pub async fn run(db: Db, config: MailConfig, transport: Transport) {
    let settings = MailSettings::from(&config);
    let from: Mailbox = match config.from.parse() {
        Ok(from) => from,
        Err(error) => {
            tracing::error!(%error, "mail.from is not an address; mail is not sent");
            return;
        }
    };
    tracing::info!(transport = transport.describe(), "mail worker started");
    let poll = std::time::Duration::from_secs(config.poll_interval_secs.max(1));
    loop {
        loop {
            match deliver_due(&db, &transport, &from, &settings).await {
                // A full batch: there may be more waiting.
                Ok(sent) if sent as i64 >= BATCH => continue,
                Ok(_) => break,
                Err(error) => {
                    tracing::warn!(%error, "mail delivery round failed");
                    break;
                }
            }
        }
        actix_web::rt::time::sleep(poll).await;
    }
}
