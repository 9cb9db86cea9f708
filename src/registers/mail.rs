//! The mail of the opt-out register, rendered from `templates/registers/mail/` and written to
//! the outbox in the filing's own transaction: a receipt for every filing, and the decision of a
//! review, to the notifier's contact address.

use askama::Template;
use chrono::NaiveDate;

use super::optout::{Filed, Reviewed};
use crate::db::{Entity, WriteTx};
use crate::domain::registers::Filing;
use crate::domain::review::Decision;
use crate::error::AppError;
use crate::notify::{Mail, MailKind, MailSettings, enqueue, render};
use crate::records::organizations::contact;

#[derive(Template)]
#[template(path = "registers/mail/optout_receipt.txt")]
struct Receipt<'a> {
    organization: &'a str,
    reference: &'a str,
    filing: &'a str,
    filing_ja: &'a str,
    provider_name: &'a str,
    submitted_on: NaiveDate,
    effective_label: &'a str,
    effective_on: Option<NaiveDate>,
    withdrawal: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "registers/mail/optout_revision_request.txt")]
struct RevisionRequest<'a> {
    organization: &'a str,
    reference: &'a str,
    version: i32,
    comment: &'a str,
    due_on: Option<NaiveDate>,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "registers/mail/optout_accepted.txt")]
struct Accepted<'a> {
    organization: &'a str,
    reference: &'a str,
    version: i32,
    decided_on: NaiveDate,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "registers/mail/optout_campaign.txt")]
struct CampaignRequest<'a> {
    organization: &'a str,
    reference: &'a str,
    provider_name: &'a str,
    title: &'a str,
    due_on: Option<NaiveDate>,
    link: &'a str,
}

/// A campaign started: each notification it asks, to its notifier, once.
pub fn on_campaign(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    started: &super::campaigns::Started,
) -> Result<(), AppError> {
    let campaign = &started.campaign;
    for (notification_id, organization_id) in &started.asked {
        let (name, contact) = contact(tx.conn(), *organization_id)?;
        let Some(contact) = contact else {
            continue;
        };
        let (reference, provider_name) = super::optout::reference_of(tx.conn(), *notification_id)?;
        let link = link(settings, *notification_id);
        let (subject, body) = render(&CampaignRequest {
            organization: &name,
            reference: &reference,
            provider_name: &provider_name,
            title: &campaign.title,
            due_on: campaign.due_on,
            link: &link,
        })?;
        enqueue(
            tx,
            Mail {
                kind: MailKind::ConfirmationRequest,
                recipient: contact,
                subject,
                body,
                entity_type: Entity::OptoutNotification,
                entity_id: *notification_id,
                dedupe_key: Some(format!("optout-campaign:{}:{notification_id}", campaign.id)),
            },
        )?;
    }
    Ok(())
}

fn link(settings: &MailSettings, id: i64) -> String {
    format!("{}/registers/optout/{id}", settings.site_url)
}

/// A filing was received: the notifier is told, with the reference.
pub fn on_filed(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    filed: &Filed,
) -> Result<(), AppError> {
    let notification = &filed.notification;
    let (name, contact) = contact(tx.conn(), notification.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let withdrawal = filed.filing == Filing::Withdrawal;
    let (submitted_on, effective_label, effective_on) = match filed.filing {
        Filing::Withdrawal => (
            notification
                .withdrawal_submitted_on
                .unwrap_or(notification.filed_on),
            "廃止の日",
            notification.withdrawn_on,
        ),
        Filing::Change => (
            notification.filed_on,
            "変更の予定日",
            notification.change_effective_on,
        ),
        _ => (notification.filed_on, "", None),
    };
    let link = link(settings, notification.id);
    let (subject, body) = render(&Receipt {
        organization: &name,
        reference: &notification.reference,
        filing: filed.filing.as_str(),
        filing_ja: filed.filing.label_ja(),
        provider_name: &notification.content.provider_name,
        submitted_on,
        effective_label,
        effective_on,
        withdrawal,
        link: &link,
    })?;
    enqueue(
        tx,
        Mail {
            kind: MailKind::Receipt,
            recipient: contact,
            subject,
            body,
            entity_type: Entity::OptoutNotification,
            entity_id: notification.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}

/// Staff decided on a notification: the notifier is told of a revision request or an acceptance.
pub fn on_reviewed(
    tx: &mut WriteTx<'_>,
    settings: &MailSettings,
    reviewed: &Reviewed,
) -> Result<(), AppError> {
    let notification = &reviewed.notification;
    let (name, contact) = contact(tx.conn(), notification.organization_id)?;
    let Some(contact) = contact else {
        return Ok(());
    };
    let link = link(settings, notification.id);
    let review = &reviewed.review;
    let (kind, (subject, body)) = match review.decision {
        Decision::RevisionRequested => (
            MailKind::RevisionRequest,
            render(&RevisionRequest {
                organization: &name,
                reference: &notification.reference,
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
                reference: &notification.reference,
                version: review.version,
                decided_on: review.decided_on,
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
            entity_type: Entity::OptoutNotification,
            entity_id: notification.id,
            dedupe_key: None,
        },
    )?;
    Ok(())
}
