//! The mail of supervision (SPEC.md §8): the notice of a report collection to the entity it is
//! addressed to, written to the outbox in the action's own transaction; staff's notice of each
//! answer, in the answer's; and the entity's reminder before the answer is due and notice once it
//! is overdue, from the periodic scan.

use askama::Template;
use chrono::NaiveDate;

use super::ActionView;
use super::responses::Response;
use crate::db::Entity;
use crate::db::WriteTx;
use crate::domain::deadlines::DueNotice;
use crate::domain::powers::{ActionKind, power_named};
use crate::error::AppError;
use crate::notify::{Mail, MailKind, MailSettings, enqueue, render};
use crate::records::organizations::contact;

#[derive(Template)]
#[template(path = "supervision/mail/report_collection.txt")]
struct ReportCollection<'a> {
    organization: &'a str,
    power_ja: &'a str,
    article: &'a str,
    started_on: NaiveDate,
    due_on: String,
    notes: Option<&'a str>,
}

/// A report collection was recorded: a notice to the entity with its due date.
pub(super) fn on_action_recorded(tx: &mut WriteTx<'_>, view: &ActionView) -> Result<(), AppError> {
    let action = &view.action;
    if action.kind != ActionKind::ReportCollection {
        return Ok(());
    }
    let (name, contact) = contact(tx.conn(), action.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let (power_ja, article) = power_named(action.kind, action.regime);
    let (subject, body) = render(&ReportCollection {
        organization: &name,
        power_ja,
        article,
        started_on: action.started_on,
        due_on: due_text(action.due_on),
        notes: action.notes.as_deref(),
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::ReportCollection,
            recipient: contact,
            subject,
            body,
            entity_type: Entity::Action,
            entity_id: action.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

#[derive(Template)]
#[template(path = "supervision/mail/collection_answered.txt")]
struct CollectionAnswered<'a> {
    organization: &'a str,
    power_ja: &'a str,
    article: &'a str,
    action_id: i64,
    submitted_on: NaiveDate,
    due_on: String,
    late: bool,
    files: usize,
    recorded_by: &'a str,
    link: &'a str,
}

/// A report collection was answered: staff are told, with the answer's date and its files.
pub(super) fn on_answered(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    view: &ActionView,
    response: &Response,
    files: usize,
) -> Result<(), AppError> {
    let Some(staff) = settings.staff_email.clone() else {
        return Ok(());
    };
    let action = &view.action;
    let (name, _) = contact(tx.conn(), action.organization_id)?;
    let (power_ja, article) = power_named(action.kind, action.regime);
    let link = format!("{}/actions/{}", settings.site_url, action.id);
    let recorded_by = tx.actor().label.clone();
    let (subject, body) = render(&CollectionAnswered {
        organization: &name,
        power_ja,
        article,
        action_id: action.id,
        submitted_on: response.submitted_on,
        due_on: due_text(action.due_on),
        late: response.late,
        files,
        recorded_by: &recorded_by,
        link: &link,
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::CollectionAnswered,
            recipient: staff,
            subject,
            body,
            entity_type: Entity::Action,
            entity_id: action.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

fn due_text(due_on: Option<NaiveDate>) -> String {
    due_on.map_or_else(|| "別途連絡".to_owned(), |d| d.to_string())
}

#[derive(Template)]
#[template(path = "supervision/mail/collection_reminder.txt")]
struct CollectionReminder<'a> {
    organization: &'a str,
    power_ja: &'a str,
    article: &'a str,
    started_on: NaiveDate,
    due_on: NaiveDate,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "supervision/mail/collection_overdue.txt")]
struct CollectionOverdue<'a> {
    organization: &'a str,
    power_ja: &'a str,
    article: &'a str,
    started_on: NaiveDate,
    due_on: NaiveDate,
    link: &'a str,
}

/// A report collection awaiting an answer, as the periodic scan finds it.
#[derive(Clone, Copy, Debug)]
pub(super) struct StandingCollection {
    pub id: i64,
    pub kind: ActionKind,
    pub regime: crate::domain::reportability::Regime,
    pub organization_id: i64,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
}

/// A reminder before an answer is due, or a notice once it is overdue, to the entity; the
/// dedupe key (action, kind, due date) makes the periodic scan safe to repeat on any number of
/// instances. Answers whether it was enqueued.
pub(super) fn collection_notice(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    standing: StandingCollection,
    notice: DueNotice,
) -> Result<bool, AppError> {
    let (name, contact) = contact(tx.conn(), standing.organization_id)?;
    let Some(contact) = contact else {
        return Ok(false);
    };
    let (power_ja, article) = power_named(standing.kind, standing.regime);
    let link = format!("{}/actions/{}", settings.site_url, standing.id);
    let (kind, (subject, body)) = match notice {
        DueNotice::Reminder => (
            MailKind::CollectionReminder,
            render(&CollectionReminder {
                organization: &name,
                power_ja,
                article,
                started_on: standing.started_on,
                due_on: standing.due_on,
                link: &link,
            })?,
        ),
        DueNotice::Overdue => (
            MailKind::CollectionOverdue,
            render(&CollectionOverdue {
                organization: &name,
                power_ja,
                article,
                started_on: standing.started_on,
                due_on: standing.due_on,
                link: &link,
            })?,
        ),
    };
    enqueue(
        tx,
        Mail {
            kind,
            recipient: contact,
            subject,
            body,
            entity_type: Entity::Action,
            entity_id: standing.id,
            dedupe_key: Some(format!("{kind}:{}:{}", standing.id, standing.due_on)),
        },
    )
}
