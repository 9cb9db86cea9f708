//! The use cases of the registers, each one audited transaction with its mail written to the
//! outbox in it: the API and the pages reach the registers only through here.

use chrono::NaiveDate;

use super::anonymised::{self, AnonymisedPublication, NewPublication};
use super::bodies::{self, AccreditedBody, BodyChanges, NewBody, Revocation};
use super::campaigns::{self, CampaignView, NewCampaign, NewConfirmation, OptoutConfirmation};
use super::guidelines::{self, Guideline, NewGuideline};
use super::optout::{
    self, Filer, NewNotification, NewOptoutReview, Notification, OptoutAmendment, OptoutChange,
    OptoutReview, OptoutWithdrawal,
};
use super::{RegistersSummary, mail};
use crate::auth::Principal;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::notify::MailSettings;

/// A notification the caller may read: staff any, a reporter its organization's (404 otherwise).
pub struct Readable(pub Notification);

pub async fn readable(
    db: &Db,
    caller: &Principal,
    id: i64,
    today: NaiveDate,
) -> Result<Readable, AppError> {
    let notification = db
        .read(move |conn| optout::find(conn, id, today))
        .await?
        .ok_or(AppError::NotFound(Missing::OptoutNotification))?;
    caller.ensure_can_access(notification.organization_id, Missing::OptoutNotification)?;
    Ok(Readable(notification))
}

/// Files a notification; the notifier gets its receipt.
pub async fn notify(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    new: NewNotification,
    today: NaiveDate,
) -> Result<Notification, AppError> {
    caller.ensure_can_act_for(new.organization_id)?;
    let filer = Filer::of(caller);
    db.write(caller.actor(), move |tx| {
        let filed = optout::file(tx, filer, new, today, None)?;
        mail::on_filed(tx, &mail, &filed)?;
        Ok(filed.notification)
    })
    .await
}

/// Amends the filing under review.
pub async fn amend(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    notification: &Readable,
    amendment: OptoutAmendment,
    today: NaiveDate,
) -> Result<Notification, AppError> {
    let (id, filer) = (notification.0.id, Filer::of(caller));
    db.write(caller.actor(), move |tx| {
        let filed = optout::amend(tx, filer, id, amendment, today)?;
        mail::on_filed(tx, &mail, &filed)?;
        Ok(filed.notification)
    })
    .await
}

/// Files a change (変更届).
pub async fn change(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    notification: &Readable,
    change: OptoutChange,
    today: NaiveDate,
) -> Result<Notification, AppError> {
    let (id, filer) = (notification.0.id, Filer::of(caller));
    db.write(caller.actor(), move |tx| {
        let filed = optout::change(tx, filer, id, change, today)?;
        mail::on_filed(tx, &mail, &filed)?;
        Ok(filed.notification)
    })
    .await
}

/// Files the withdrawal (廃止届).
pub async fn withdraw(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    notification: &Readable,
    withdrawal: OptoutWithdrawal,
    today: NaiveDate,
) -> Result<Notification, AppError> {
    let (id, filer) = (notification.0.id, Filer::of(caller));
    db.write(caller.actor(), move |tx| {
        let filed = optout::withdraw(tx, filer, id, withdrawal, today)?;
        mail::on_filed(tx, &mail, &filed)?;
        Ok(filed.notification)
    })
    .await
}

/// Staff's decision on a notification's current version; the notifier is told by mail. A
/// reporter who may read the notification is refused (403).
pub async fn review(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    notification: &Readable,
    new: NewOptoutReview,
    today: NaiveDate,
) -> Result<OptoutReview, AppError> {
    if !caller.role.is_staff() {
        return Err(AppError::Forbidden(crate::error::Denial::StaffOnly));
    }
    let (id, reviewer) = (notification.0.id, Some(caller.user_id));
    db.write(caller.actor(), move |tx| {
        let reviewed = optout::review(tx, reviewer, id, new, today)?;
        mail::on_reviewed(tx, &mail, &reviewed)?;
        Ok(reviewed.review)
    })
    .await
}

pub async fn versions(
    db: &Db,
    notification: &Readable,
) -> Result<Vec<optout::OptoutVersion>, AppError> {
    let id = notification.0.id;
    db.read(move |conn| optout::versions(conn, id)).await
}

pub async fn reviews(db: &Db, notification: &Readable) -> Result<Vec<OptoutReview>, AppError> {
    let id = notification.0.id;
    db.read(move |conn| optout::reviews(conn, id)).await
}

/// Records an accreditation.
pub async fn accredit(
    db: &Db,
    caller: &Principal,
    new: NewBody,
    today: NaiveDate,
) -> Result<AccreditedBody, AppError> {
    db.write(caller.actor(), move |tx| {
        bodies::accredit(tx, new, today, None)
    })
    .await
}

/// Changes an accredited body's details.
pub async fn update_body(
    db: &Db,
    caller: &Principal,
    id: i64,
    changes: BodyChanges,
    today: NaiveDate,
) -> Result<AccreditedBody, AppError> {
    db.write(caller.actor(), move |tx| {
        bodies::update(tx, id, changes, today)
    })
    .await
}

/// Revokes an accreditation.
pub async fn revoke(
    db: &Db,
    caller: &Principal,
    id: i64,
    revocation: Revocation,
    today: NaiveDate,
) -> Result<AccreditedBody, AppError> {
    db.write(caller.actor(), move |tx| {
        bodies::revoke(tx, id, revocation, today)
    })
    .await
}

/// Records a publication of anonymised information.
pub async fn record_publication(
    db: &Db,
    caller: &Principal,
    new: NewPublication,
    today: NaiveDate,
) -> Result<AnonymisedPublication, AppError> {
    let user = Some(caller.user_id);
    db.write(caller.actor(), move |tx| {
        anonymised::record(tx, user, new, today, None)
    })
    .await
}

/// The registers' counts as of `as_of` (revocations from `from`).
pub async fn summary(
    db: &Db,
    from: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<RegistersSummary, AppError> {
    db.read(move |conn| super::summary(conn, from, as_of)).await
}

/// Starts a campaign over the register; each notifier is asked by mail.
pub async fn start_campaign(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    new: NewCampaign,
    today: NaiveDate,
) -> Result<CampaignView, AppError> {
    let user = Some(caller.user_id);
    db.write(caller.actor(), move |tx| {
        let started = campaigns::start(tx, user, new, today)?;
        mail::on_campaign(tx, &mail, &started)?;
        campaigns::view(tx.conn(), started.campaign.id)?
            .ok_or(AppError::NotFound(Missing::OptoutCampaign))
    })
    .await
}

/// A campaign with its tally and items.
pub async fn campaign(db: &Db, id: i64) -> Result<CampaignView, AppError> {
    db.read(move |conn| campaigns::view(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::OptoutCampaign))
}

/// Every campaign, newest first.
pub async fn campaigns(db: &Db) -> Result<Vec<campaigns::OptoutCampaign>, AppError> {
    db.read(campaigns::list).await
}

/// The campaigns that asked a notification, with its answers.
pub async fn confirmations(
    db: &Db,
    notification: &Readable,
) -> Result<Vec<(campaigns::OptoutCampaign, OptoutConfirmation)>, AppError> {
    let id = notification.0.id;
    db.read(move |conn| campaigns::of_notification(conn, id))
        .await
}

/// The notifier's answer to a campaign (or staff entering it).
pub async fn answer(
    db: &Db,
    caller: &Principal,
    notification: &Readable,
    new: NewConfirmation,
    today: NaiveDate,
) -> Result<OptoutConfirmation, AppError> {
    let (id, user, staff) = (
        notification.0.id,
        Some(caller.user_id),
        caller.role.is_staff(),
    );
    db.write(caller.actor(), move |tx| {
        campaigns::answer(tx, user, staff, id, new, today)
    })
    .await
}

/// Publishes a version of a body's guideline (個人情報保護指針) with its one file.
pub async fn publish_guideline(
    db: &Db,
    caller: &Principal,
    body_id: i64,
    new: NewGuideline,
    file: crate::files::Upload,
    today: NaiveDate,
) -> Result<Guideline, AppError> {
    db.write(caller.actor(), move |tx| {
        guidelines::publish(tx, body_id, new, file, today)
    })
    .await
}
