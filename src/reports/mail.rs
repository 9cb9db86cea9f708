//! The mail of reports (SPEC.md §8), rendered from the templates under `templates/mail/` and
//! written to the outbox in the filing's own transaction: the receipt, the staff alert, and the
//! deadline reminder and overdue notice.

use askama::Template;
use chrono::NaiveDate;

use super::{Incident, ReportView};
use crate::db::WriteTx;
use crate::domain::report::Stage;
use crate::error::AppError;
use crate::notify::{Mail, MailSettings, enqueue, render};
use crate::organizations::Organization;
use crate::organizations::store::contact;

#[derive(Template)]
#[template(path = "mail/receipt.txt")]
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
#[template(path = "mail/staff_alert.txt")]
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
#[template(path = "mail/reminder.txt")]
struct Reminder<'a> {
    organization: &'a str,
    reference: &'a str,
    final_due_on: NaiveDate,
}

#[derive(Template)]
#[template(path = "mail/overdue.txt")]
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
                kind: "receipt",
                recipient: contact.clone(),
                subject,
                body,
                entity_type: "report",
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
                kind: "staff_alert",
                recipient: staff.clone(),
                subject,
                body,
                entity_type: "incident",
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
            "overdue",
            render(&Overdue {
                organization: &name,
                reference,
                final_due_on,
            })?,
        )
    } else {
        (
            "reminder",
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
            entity_type: "incident",
            entity_id: incident_id,
            dedupe_key: Some(format!("{kind}:{incident_id}:{final_due_on}")),
        },
    )
}
