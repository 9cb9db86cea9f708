//! Oversight's mail, rendered from `templates/oversight/mail/` and written to the outbox in the
//! change's own transaction: the receipt of a periodic report or an assessment, staff's decision
//! on it, and the reminders of a questionnaire's due day to the bodies that have not answered.

use askama::Template;
use chrono::NaiveDate;

use super::periodic::{PeriodicReport, Questionnaire};
use super::pia::Evaluation;
use super::reviewed::Review;
use crate::db::{Entity, WriteTx};
use crate::domain::deadlines::DueNotice;
use crate::domain::review::Decision;
use crate::error::AppError;
use crate::notify::{Mail, MailKind, MailSettings, enqueue, render};
use crate::records::organizations::contact;

#[derive(Template)]
#[template(path = "oversight/mail/received.txt")]
struct Received<'a> {
    organization: &'a str,
    what: &'a str,
    what_en: &'a str,
    subject: &'a str,
    version: i32,
    submitted_on: NaiveDate,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "oversight/mail/revision_request.txt")]
struct RevisionRequest<'a> {
    organization: &'a str,
    what: &'a str,
    what_en: &'a str,
    subject: &'a str,
    version: i32,
    comment: &'a str,
    due_on: Option<NaiveDate>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "oversight/mail/accepted.txt")]
struct Accepted<'a> {
    organization: &'a str,
    what: &'a str,
    what_en: &'a str,
    subject: &'a str,
    version: i32,
    decided_on: NaiveDate,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "oversight/mail/periodic_reminder.txt")]
struct Reminder<'a> {
    organization: &'a str,
    title: &'a str,
    fiscal_year: i32,
    due_on: NaiveDate,
    overdue: bool,
    link: &'a str,
}

/// What a mail is about: a periodic report or an assessment.
pub struct About {
    entity: Entity,
    id: i64,
    organization_id: i64,
    what: &'static str,
    what_en: &'static str,
    subject: String,
    version: i32,
    link: String,
}

impl About {
    pub fn report(settings: &MailSettings, report: &PeriodicReport) -> Self {
        Self {
            entity: Entity::PeriodicReport,
            id: report.id,
            organization_id: report.organization_id,
            what: "定期的な報告",
            what_en: "periodic report",
            subject: format!("{}年度", report.fiscal_year),
            version: report.version,
            link: format!(
                "{}/oversight/periodic/reports/{}",
                settings.site_url, report.id
            ),
        }
    }

    pub fn evaluation(settings: &MailSettings, evaluation: &Evaluation) -> Self {
        Self {
            entity: Entity::PiaEvaluation,
            id: evaluation.id,
            organization_id: evaluation.organization_id,
            what: "特定個人情報保護評価書",
            what_en: "assessment (PIA)",
            subject: format!("{} {}", evaluation.task_name, evaluation.level.label_ja()),
            version: evaluation.version,
            link: format!("{}/oversight/pia/{}", settings.site_url, evaluation.id),
        }
    }
}

/// A version was received: the body is told.
pub fn on_received(
    tx: &mut WriteTx<'_>,
    about: &About,
    submitted_on: NaiveDate,
) -> Result<(), AppError> {
    let (name, contact) = contact(tx.conn(), about.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let (subject, body) = render(&Received {
        organization: &name,
        what: about.what,
        what_en: about.what_en,
        subject: &about.subject,
        version: about.version,
        submitted_on,
        link: &about.link,
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Receipt,
            recipient: contact,
            subject,
            body,
            entity_type: about.entity,
            entity_id: about.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

/// Staff decided: the body is told of a revision request or an acceptance.
pub fn on_reviewed(tx: &mut WriteTx<'_>, about: &About, review: &Review) -> Result<(), AppError> {
    let (name, contact) = contact(tx.conn(), about.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let (kind, (subject, body)) = match review.decision {
        Decision::RevisionRequested => (
            MailKind::RevisionRequest,
            render(&RevisionRequest {
                organization: &name,
                what: about.what,
                what_en: about.what_en,
                subject: &about.subject,
                version: review.version,
                comment: review.comment.as_deref().unwrap_or_default(),
                due_on: review.due_on,
                link: &about.link,
            })?,
        ),
        Decision::Accepted => (
            MailKind::Accepted,
            render(&Accepted {
                organization: &name,
                what: about.what,
                what_en: about.what_en,
                subject: &about.subject,
                version: review.version,
                decided_on: review.decided_on,
                link: &about.link,
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
            entity_type: about.entity,
            entity_id: about.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

/// A questionnaire's due day is near, or passed: a body that has not answered is told, once per
/// questionnaire, body and notice.
pub fn periodic_notice(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    questionnaire: &Questionnaire,
    body: (i64, &str, &str),
    notice: DueNotice,
) -> Result<bool, AppError> {
    let (organization_id, name, contact) = body;
    let overdue = notice == DueNotice::Overdue;
    let link = format!(
        "{}/oversight/periodic/{}",
        settings.site_url, questionnaire.id
    );
    let (subject, text) = render(&Reminder {
        organization: name,
        title: &questionnaire.title,
        fiscal_year: questionnaire.fiscal_year,
        due_on: questionnaire.due_on,
        overdue,
        link: &link,
    })?;
    let kind = if overdue {
        MailKind::PeriodicOverdue
    } else {
        MailKind::PeriodicReminder
    };
    enqueue(
        tx,
        Mail {
            kind,
            recipient: contact.to_owned(),
            subject,
            body: text,
            entity_type: Entity::PeriodicQuestionnaire,
            entity_id: questionnaire.id,
            dedupe_key: Some(format!(
                "{kind}:{}:{organization_id}:{}",
                questionnaire.id, questionnaire.due_on
            )),
        },
    )
}
