//! The mail of reports (SPEC.md §8), rendered from the templates under `templates/reports/mail/` and
//! written to the outbox in the filing's own transaction: the receipt, the staff alert, and the
//! deadline reminder and overdue notice.

use askama::Template;
use chrono::NaiveDate;

use super::review::{Amended, Reviewed};
use super::{Incident, ReportView};
use crate::db::Entity;
use crate::db::WriteTx;
use crate::domain::deadlines::DueNotice;
use crate::domain::report::Stage;
use crate::domain::review::Decision;
use crate::error::AppError;
use crate::notify::{Mail, MailKind, MailSettings, enqueue, render};
use crate::records::organizations::Organization;
use crate::records::organizations::contact;
use crate::reports::labels::short as field_label_ja;

#[derive(Template)]
#[template(path = "reports/mail/receipt.txt")]
struct Receipt<'a> {
    organization: &'a str,
    reference: &'a str,
    stage: &'a str,
    stage_ja: &'a str,
    regime_ja: &'a str,
    received_on: NaiveDate,
    obligation_ja: &'a str,
    final_due_on: Option<NaiveDate>,
}

#[derive(Template)]
#[template(path = "reports/mail/staff_alert.txt")]
struct StaffAlert<'a> {
    organization: &'a str,
    reference: &'a str,
    stage_ja: &'a str,
    regime_ja: &'a str,
    received_on: NaiveDate,
    persons_affected: i64,
    grounds_ja: String,
    final_due_on: NaiveDate,
    obligation_ja: &'a str,
    obligation_en: &'a str,
}

#[derive(Template)]
#[template(path = "reports/mail/reminder.txt")]
struct Reminder<'a> {
    organization: &'a str,
    reference: &'a str,
    final_due_on: NaiveDate,
}

#[derive(Template)]
#[template(path = "reports/mail/overdue.txt")]
struct Overdue<'a> {
    organization: &'a str,
    reference: &'a str,
    final_due_on: NaiveDate,
}

fn obligation(mandatory: bool, serious: bool) -> (&'static str, &'static str) {
    match (serious, mandatory) {
        (true, _) => ("重大な事態", "serious (My Number)"),
        (false, true) => ("報告義務のある", "mandatory"),
        _ => ("任意", "voluntary"),
    }
}

/// A report was filed (`view`, its `incident` after the filing, the reporting `organization`): a
/// receipt to the entity; an alert to staff the first time its incident is mandatory or serious.
pub(super) fn on_report_filed(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    view: &ReportView,
    incident: &Incident,
    organization: &Organization,
) -> Result<(), AppError> {
    let report = &view.report;
    let name = &organization.name;
    let (obligation_ja, obligation_en) = obligation(view.mandatory, view.serious);
    let complete = report.stage == Stage::Final;
    if let Some(contact) = &organization.contact_email {
        let (subject, body) = render(&Receipt {
            organization: name,
            reference: &view.reference,
            stage: report.stage.as_str(),
            stage_ja: report.stage.label_ja(),
            regime_ja: report.regime.label_ja(),
            received_on: report.received_on,
            obligation_ja: if view.mandatory {
                "あり"
            } else {
                "なし（任意の報告）"
            },
            final_due_on: (!complete).then_some(view.final_due_on),
        })?;
        enqueue(
            tx,
            Mail {
                kind: MailKind::Receipt,
                recipient: contact.clone(),
                subject,
                body,
                entity_type: Entity::Report,
                entity_id: report.id,
                dedupe_key: None,
            },
        )?;
    }
    if let Some(staff) = &settings.staff_email
        && (incident.mandatory || incident.serious)
    {
        let grounds: Vec<&str> = view.grounds_detail.iter().map(|g| g.label_ja).collect();
        let (subject, body) = render(&StaffAlert {
            organization: name,
            reference: &view.reference,
            stage_ja: report.stage.label_ja(),
            regime_ja: report.regime.label_ja(),
            received_on: report.received_on,
            persons_affected: report.persons_affected,
            grounds_ja: grounds.join("、"),
            final_due_on: view.final_due_on,
            obligation_ja,
            obligation_en,
        })?;
        enqueue(
            tx,
            Mail {
                kind: MailKind::StaffAlert,
                recipient: staff.clone(),
                subject,
                body,
                entity_type: Entity::Incident,
                entity_id: report.incident_id,
                dedupe_key: Some(format!("staff_alert:{}", report.incident_id)),
            },
        )?;
    }
    Ok(())
}

/// A reminder before the final report is due, or a notice once it is overdue; the dedupe key
/// (incident, kind, due date) makes the periodic scan safe to repeat.
pub(super) fn deadline_notice(
    tx: &mut WriteTx<'_>,
    incident_id: i64,
    reference: &str,
    organization_id: i64,
    final_due_on: NaiveDate,
    overdue: bool,
) -> Result<bool, AppError> {
    let (name, contact) = contact(tx.conn(), organization_id)?;
    let Some(contact) = contact else {
        return Ok(false);
    };
    let (kind, (subject, body)) = if overdue {
        (
            MailKind::Overdue,
            render(&Overdue {
                organization: &name,
                reference,
                final_due_on,
            })?,
        )
    } else {
        (
            MailKind::Reminder,
            render(&Reminder {
                organization: &name,
                reference,
                final_due_on,
            })?,
        )
    };
    enqueue(
        tx,
        Mail {
            kind,
            recipient: contact,
            subject,
            body,
            entity_type: Entity::Incident,
            entity_id: incident_id,
            dedupe_key: Some(format!("{kind}:{incident_id}:{final_due_on}")),
        },
    )
}

#[derive(Template)]
#[template(path = "reports/mail/revision_request.txt")]
struct RevisionRequest<'a> {
    organization: &'a str,
    reference: &'a str,
    stage_ja: &'a str,
    version: i32,
    comment: &'a str,
    due_on: Option<NaiveDate>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "reports/mail/accepted.txt")]
struct Accepted<'a> {
    organization: &'a str,
    reference: &'a str,
    stage_ja: &'a str,
    version: i32,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "reports/mail/amended_staff.txt")]
struct AmendedStaff<'a> {
    organization: &'a str,
    reference: &'a str,
    stage_ja: &'a str,
    version: i32,
    reason: &'a str,
    changed: String,
    changed_ja: String,
    final_due_on: NaiveDate,
    obligation_ja: &'a str,
    obligation_en: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "reports/mail/revision_reminder.txt")]
struct RevisionReminder<'a> {
    organization: &'a str,
    reference: &'a str,
    due_on: NaiveDate,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "reports/mail/revision_overdue.txt")]
struct RevisionOverdue<'a> {
    organization: &'a str,
    reference: &'a str,
    due_on: NaiveDate,
    link: &'a str,
}

fn report_link(settings: &MailSettings, report_id: i64) -> String {
    format!("{}/reports/{report_id}", settings.site_url)
}

/// Staff decided on a report: the entity is told of a revision request (what to correct, by
/// when, where) and of an acceptance.
pub(super) fn on_reviewed(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    reviewed: &Reviewed,
) -> Result<(), AppError> {
    let report = &reviewed.view.report;
    let (name, contact) = contact(tx.conn(), report.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let link = report_link(settings, report.id);
    let review = &reviewed.review;
    let (kind, (subject, body)) = match review.decision {
        Decision::RevisionRequested => (
            MailKind::RevisionRequest,
            render(&RevisionRequest {
                organization: &name,
                reference: &reviewed.view.reference,
                stage_ja: report.stage.label_ja(),
                version: review.version,
                comment: review.comment.as_deref().unwrap_or_default(),
                due_on: review.due_on,
                link: &link,
            })?,
        ),
        Decision::Accepted => (
            MailKind::Accepted,
            render(&Accepted {
                organization: &name,
                reference: &reviewed.view.reference,
                stage_ja: report.stage.label_ja(),
                version: review.version,
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
            entity_type: Entity::Report,
            entity_id: report.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

/// A report of a mandatory or serious incident was amended: staff are told what changed.
pub(super) fn on_amended(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    amended: &Amended,
) -> Result<(), AppError> {
    let Some(staff) = &settings.staff_email else {
        return Ok(());
    };
    if !(amended.incident.mandatory || amended.incident.serious) {
        return Ok(());
    }
    let report = &amended.view.report;
    let (obligation_ja, obligation_en) =
        obligation(amended.incident.mandatory, amended.incident.serious);
    let changed = &amended.version.changed;
    let (subject, body) = render(&AmendedStaff {
        organization: &amended.organization.name,
        reference: &amended.view.reference,
        stage_ja: report.stage.label_ja(),
        version: report.version,
        reason: amended.version.reason.as_deref().unwrap_or_default(),
        changed: changed.join(", "),
        changed_ja: changed
            .iter()
            .map(|field| field_label_ja(field))
            .collect::<Vec<_>>()
            .join("、"),
        final_due_on: amended.incident.final_due_on,
        obligation_ja,
        obligation_en,
        link: &report_link(settings, report.id),
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Amended,
            recipient: staff.clone(),
            subject,
            body,
            entity_type: Entity::Report,
            entity_id: report.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

/// A revision request that stands unanswered, with its due date.
pub(super) struct StandingRevision {
    pub review_id: i64,
    pub report_id: i64,
    pub reference: String,
    pub organization_id: i64,
    pub due_on: NaiveDate,
}

/// A reminder before a requested correction is due, or a notice once it is overdue; the dedupe
/// key (the review and the kind) sends each once, whatever number of instances scan.
pub(super) fn revision_notice(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    standing: &StandingRevision,
    notice: DueNotice,
) -> Result<bool, AppError> {
    let StandingRevision {
        review_id,
        report_id,
        ref reference,
        organization_id,
        due_on,
    } = *standing;
    let (name, contact) = contact(tx.conn(), organization_id)?;
    let Some(contact) = contact else {
        return Ok(false);
    };
    let link = report_link(settings, report_id);
    let (kind, (subject, body)) = match notice {
        DueNotice::Reminder => (
            MailKind::RevisionReminder,
            render(&RevisionReminder {
                organization: &name,
                reference,
                due_on,
                link: &link,
            })?,
        ),
        DueNotice::Overdue => (
            MailKind::RevisionOverdue,
            render(&RevisionOverdue {
                organization: &name,
                reference,
                due_on,
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
            entity_type: Entity::Report,
            entity_id: report_id,
            dedupe_key: Some(format!("{kind}:{review_id}")),
        },
    )
}
