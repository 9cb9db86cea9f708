//! The mail of supervision (SPEC.md §8): the notice of a report collection to the entity it is
//! addressed to, written to the outbox in the action's own transaction.

use askama::Template;
use chrono::NaiveDate;

use super::ActionView;
use crate::db::WriteTx;
use crate::domain::powers::{ActionKind, legal_basis};
use crate::error::AppError;
use crate::notify::{Mail, enqueue, render};
use crate::organizations::store::contact;

#[derive(Template)]
#[template(path = "mail/report_collection.txt")]
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
    let basis = legal_basis(action.kind, action.regime);
    let (subject, body) = render(&ReportCollection {
        organization: &name,
        power_ja: basis.map_or("報告徴収", |b| b.power_ja),
        article: basis.map_or("", |b| b.article),
        started_on: action.started_on,
        due_on: action
            .due_on
            .map_or_else(|| "別途連絡".to_owned(), |d| d.to_string()),
        notes: action.notes.as_deref(),
    })?;
    enqueue(
        tx,
        Mail {
            kind: "report_collection",
            recipient: contact,
            subject,
            body,
            entity_type: "action",
            entity_id: action.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}
