//! The mail of the staff's work, to staff only: records assigned to someone (one mail a
//! request), a note mentioning a colleague, and an item escalated by the periodic scan — each
//! written to the outbox in its command's transaction. None of it ever goes to a reporter.

use askama::Template;
use chrono::NaiveDate;

use crate::db::WriteTx;
use crate::domain::work::RecordKind;
use crate::error::AppError;
use crate::notify::{Mail, MailKind, enqueue, render};

#[derive(Template)]
#[template(path = "work/mail/assigned.txt")]
struct AssignedMail<'a> {
    email: &'a str,
    by: &'a str,
    kind: &'a str,
    kind_ja: &'a str,
    count: usize,
    lines: Vec<String>,
    link: String,
}

/// Records of `kind` were assigned to `email` by `by`: one mail listing them.
pub(super) fn assigned(
    tx: &mut WriteTx<'_>,
    site_url: &str,
    email: &str,
    by: &str,
    kind: RecordKind,
    titles: &[(i64, String)],
) -> Result<bool, AppError> {
    let Some((first, _)) = titles.first() else {
        return Ok(false);
    };
    let (subject, body) = render(&AssignedMail {
        email,
        by,
        kind: kind.as_str(),
        kind_ja: kind.label_ja(),
        count: titles.len(),
        lines: titles.iter().map(|(_, title)| title.clone()).collect(),
        link: format!("{site_url}/work"),
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Assigned,
            recipient: email.to_owned(),
            subject,
            body,
            entity_type: super::entity_of(kind),
            entity_id: *first,
            dedupe_key: None,
        },
    )
}

#[derive(Template)]
#[template(path = "work/mail/mentioned.txt")]
struct MentionedMail<'a> {
    email: &'a str,
    by: &'a str,
    kind: &'a str,
    kind_ja: &'a str,
    id: i64,
    title: &'a str,
    body: &'a str,
    link: String,
}

/// A note on record `id` mentions `email`.
#[allow(clippy::too_many_arguments)]
pub(super) fn mentioned(
    tx: &mut WriteTx<'_>,
    site_url: &str,
    email: &str,
    by: &str,
    kind: RecordKind,
    id: i64,
    title: &str,
    href: &str,
    body: &str,
) -> Result<bool, AppError> {
    let (subject, text) = render(&MentionedMail {
        email,
        by,
        kind: kind.as_str(),
        kind_ja: kind.label_ja(),
        id,
        title,
        body,
        link: format!("{site_url}{href}"),
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Mentioned,
            recipient: email.to_owned(),
            subject,
            body: text,
            entity_type: super::entity_of(kind),
            entity_id: id,
            dedupe_key: None,
        },
    )
}

#[derive(Template)]
#[template(path = "work/mail/escalated.txt")]
struct EscalatedMail<'a> {
    email: &'a str,
    kind: &'a str,
    kind_ja: &'a str,
    id: i64,
    title: &'a str,
    due_on: NaiveDate,
    after_days: u32,
    assignee: &'a str,
    link: String,
}

/// What an escalation's mail says, and to whom.
pub(super) struct Escalation {
    pub kind: RecordKind,
    pub id: i64,
    pub title: String,
    pub href: String,
    pub due_on: NaiveDate,
    pub after_days: u32,
    pub assignee: Option<String>,
}

/// An item escalated: a mail to `email` (its assignee or an admin), once for its due day.
pub(super) fn escalated(
    tx: &mut WriteTx<'_>,
    site_url: &str,
    email: &str,
    item: &Escalation,
) -> Result<bool, AppError> {
    let (subject, body) = render(&EscalatedMail {
        email,
        kind: item.kind.as_str(),
        kind_ja: item.kind.label_ja(),
        id: item.id,
        title: &item.title,
        due_on: item.due_on,
        after_days: item.after_days,
        assignee: item.assignee.as_deref().unwrap_or("（なし）"),
        link: format!("{site_url}{}", item.href),
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Escalated,
            recipient: email.to_owned(),
            subject,
            body,
            entity_type: super::entity_of(item.kind),
            entity_id: item.id,
            dedupe_key: Some(format!(
                "escalated:{}:{}:{}:{}",
                item.kind.as_str(),
                item.id,
                item.due_on,
                email.to_lowercase()
            )),
        },
    )
}
