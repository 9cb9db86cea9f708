//! E-mail notifications (SPEC.md §8) through an outbox: messages are rendered from templates and
//! written in the same transaction as the change that causes them ([`enqueue`]); the worker in
//! `leakdesk serve` claims due rows (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several instances
//! never claim one row twice; SQLite has one writer), sends them, and records the attempt —
//! retrying with backoff while the mail server is down. A periodic scan enqueues deadline
//! reminders and overdue notices, once per incident and due date.

pub mod transport;
pub mod worker;

use crate::db::{Action, Entity};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::config::MailConfig;
use crate::db::schema::outbox;
use crate::db::{Actor, Db, WriteTx};
use crate::error::{AppError, Missing, Refusal};

/// What a mail is; stored as its text in the outbox (`receipt`), and part of a periodic notice's
/// dedupe key.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::Display, strum::EnumIter,
)]
#[strum(serialize_all = "snake_case")]
pub enum MailKind {
    /// To the filer: its report received, with the reference.
    Receipt,
    /// To staff: a mandatory or serious incident received.
    StaffAlert,
    /// To staff: an amendment of a mandatory or serious incident.
    Amended,
    /// To the filer: the final report falls due soon, or is overdue.
    Reminder,
    Overdue,
    /// To the filer: a review's revision request, its reminder and overdue notice; an acceptance.
    RevisionRequest,
    RevisionReminder,
    RevisionOverdue,
    Accepted,
    /// To the entity: a report collection, its reminder and overdue notice; to staff, an answer.
    ReportCollection,
    CollectionReminder,
    CollectionOverdue,
    CollectionAnswered,
    /// To a notifier: a campaign asks it to confirm its opt-out notification.
    ConfirmationRequest,
    /// To a public body: a periodic report's questionnaire falls due soon, or is overdue.
    PeriodicReminder,
    PeriodicOverdue,
    /// To a staff member: records assigned to them.
    Assigned,
    /// To a staff member: a colleague's note mentions them.
    Mentioned,
    /// To the assignee and the admins: an item overdue past `work.escalate_after_days`.
    Escalated,
}

impl MailKind {
    /// The text the outbox stores.
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The kind the outbox's text names.
    pub fn parse(text: &str) -> Option<Self> {
        use strum::IntoEnumIterator;
        Self::iter().find(|kind| kind.as_str() == text)
    }

    /// Whether the mail goes to the entity a record concerns (the filer, the body a report
    /// collection is addressed to) — what a reporter may see on its record's timeline — rather
    /// than to staff.
    pub fn to_the_entity(self) -> bool {
        matches!(
            self,
            Self::Receipt
                | Self::Reminder
                | Self::Overdue
                | Self::RevisionRequest
                | Self::RevisionReminder
                | Self::RevisionOverdue
                | Self::Accepted
                | Self::ReportCollection
                | Self::CollectionReminder
                | Self::CollectionOverdue
                | Self::ConfirmationRequest
                | Self::PeriodicReminder
                | Self::PeriodicOverdue
        )
    }
}

/// A rendered message about an entity, ready for the outbox.
#[derive(Debug, Clone)]
pub struct Mail {
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub entity_type: Entity,
    pub entity_id: i64,
    /// At most one message with this key is ever enqueued.
    pub dedupe_key: Option<String>,
}

/// Writes `mail` to the outbox in the caller's transaction; a message whose dedupe key is
/// already there is skipped. Returns whether it was enqueued.
pub fn enqueue(tx: &mut WriteTx<'_>, mail: Mail) -> Result<bool, AppError> {
    if let Some(key) = &mail.dedupe_key {
        let present: i64 = outbox::table
            .filter(outbox::dedupe_key.eq(key))
            .count()
            .get_result(tx.conn())?;
        if present > 0 {
            return Ok(false);
        }
    }
    let now = tx.now();
    let insert = diesel::insert_into(outbox::table).values((
        outbox::kind.eq(mail.kind.as_str()),
        outbox::recipient.eq(&mail.recipient),
        outbox::subject.eq(&mail.subject),
        outbox::body.eq(&mail.body),
        outbox::entity_type.eq(mail.entity_type.as_str()),
        outbox::entity_id.eq(mail.entity_id),
        outbox::dedupe_key.eq(&mail.dedupe_key),
        outbox::status.eq("pending"),
        outbox::attempts.eq(0),
        outbox::next_attempt_at.eq(now),
        outbox::created_at.eq(now),
    ));
    // A receipt for every filing: on the backend's own connection (`natively!`).
    crate::db::natively!(tx.conn(), |c| insert.execute(c))?;
    Ok(true)
}

/// Subject and body of a rendered mail template: its first line is the subject, the rest the body.
pub fn render(template: &impl askama::Template) -> Result<(String, String), AppError> {
    let text = template
        .render()
        .map_err(|e| AppError::internal(format!("mail template: {e}")))?;
    let (subject, body) = text.split_once('\n').unwrap_or((&text, ""));
    Ok((
        subject.trim().to_owned(),
        body.trim_start_matches('\n').to_owned(),
    ))
}

/// One notice of a periodic scan, in its own transaction: enqueued (with its `notify` audit row
/// on the `entity`) unless its dedupe key was used already — by an earlier scan, or a moment
/// earlier by another instance. Answers whether it was enqueued now.
pub async fn notice_once(
    db: &Db,
    entity: Entity,
    id: i64,
    changes: serde_json::Value,
    enqueue: impl FnOnce(&mut WriteTx<'_>) -> Result<bool, AppError> + Send + 'static,
) -> Result<bool, AppError> {
    let result = db
        .write(Actor::system("deadline-scan"), move |tx| {
            let added = enqueue(tx)?;
            if added {
                tx.record(Action::Notify, entity, id, &changes)?;
            } else {
                tx.nothing_changed();
            }
            Ok(added)
        })
        .await;
    match result {
        Err(AppError::Conflict(Refusal::AlreadyExists)) => Ok(false),
        other => other,
    }
}

/// Sends a failed (or waiting) message again at once; a sent one, or one being sent, is refused.
pub async fn retry(db: &Db, actor: Actor, id: i64) -> Result<OutboxEntry, AppError> {
    db.write(actor, move |tx| {
        let status: String = outbox::table
            .find(id)
            .select(outbox::status)
            .first(tx.conn())
            .optional()?
            .ok_or(AppError::NotFound(Missing::OutboxMessage))?;
        if status == "sent" || status == "sending" {
            return Err(AppError::Conflict(Refusal::OutboxState {
                id,
                status: status.clone(),
            }));
        }
        let now = tx.now();
        diesel::update(outbox::table.find(id))
            .set((
                outbox::status.eq("pending"),
                outbox::next_attempt_at.eq(now),
            ))
            .execute(tx.conn())?;
        tx.record(
            Action::Retry,
            Entity::Outbox,
            id,
            &serde_json::json!({"from": status}),
        )?;
        Ok(outbox::table
            .find(id)
            .select(OutboxEntry::as_select())
            .first(tx.conn())?)
    })
    .await
}

/// The wait before attempt `attempts + 1`: 30 s, doubling, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 8) - 1;
    Duration::seconds((30_i64 << exponent).min(3600))
}

/// The mail settings the rest of the service needs.
#[derive(Clone, Debug)]
pub struct MailSettings {
    pub staff_email: Option<String>,
    pub reminder_days: u32,
    /// Days before a report collection's due date that the entity is reminded.
    pub collection_reminder_days: u32,
    /// Where people reach the pages, for links (no trailing slash).
    pub site_url: String,
    pub max_attempts: i32,
}

impl From<&MailConfig> for MailSettings {
    fn from(config: &MailConfig) -> Self {
        Self {
            staff_email: Some(config.staff_email.trim().to_owned()).filter(|e| !e.is_empty()),
            reminder_days: config.reminder_days,
            collection_reminder_days: config.collection_reminder_days,
            site_url: config.site_url.trim_end_matches('/').to_owned(),
            max_attempts: i32::try_from(config.max_attempts)
                .unwrap_or(i32::MAX)
                .max(1),
        }
    }
}

/// One outbox row as admins see it.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = outbox)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    #[serde(skip)]
    pub body: String,
    pub entity_type: String,
    pub entity_id: i64,
    pub dedupe_key: Option<String>,
    /// pending | sending | sent | failed
    pub status: String,
    pub attempts: i32,
    #[serde(serialize_with = "crate::clock::instant")]
    pub next_attempt_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::optional_instant")]
    pub claimed_at: Option<NaiveDateTime>,
    #[serde(serialize_with = "crate::clock::optional_instant")]
    pub sent_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(30), Duration::seconds(3600));
    }
}
