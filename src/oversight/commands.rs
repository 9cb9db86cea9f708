//! The use cases of oversight, each one audited transaction: the API, the pages and the import
//! reach its records only through here.

use chrono::NaiveDate;

use super::agenda::{self, Agenda, NewAgenda};
use super::events::{self, Event, NewEvent};
use super::mail::{self, About};
use super::periodic::{
    self, NewPeriodicReport, NewQuestionnaire, PeriodicAmendment, PeriodicReport, Questionnaire,
    Submission,
};
use super::pia::{
    self, Evaluation, EvaluationAmendment, NewApproval, NewEvaluation, NewPublication, NewRemark,
    Remark,
};
use super::plans::{self, NewPlan, PlanView};
use super::reviewed::{NewReview, Review};
use crate::auth::Principal;
use crate::db::Db;
use crate::domain::deadlines::{DueNotice, due_notice, notice_window};
use crate::error::{AppError, Missing};
use crate::notify::{MailSettings, notice_once};

/// Records an outreach event.
pub async fn record_event(
    db: &Db,
    caller: &Principal,
    new: NewEvent,
    today: NaiveDate,
) -> Result<Event, AppError> {
    db.write(caller.actor(), move |tx| {
        events::record(tx, new, today, None)
    })
    .await
}

/// Records a yearly inspection plan with its items.
pub async fn adopt_plan(
    db: &Db,
    caller: &Principal,
    new: NewPlan,
    today: NaiveDate,
) -> Result<PlanView, AppError> {
    db.write(caller.actor(), move |tx| plans::adopt(tx, new, today))
        .await
}

/// A periodic report the caller may read: staff any, a reporter its organization's (404
/// otherwise).
pub async fn readable_report(
    db: &Db,
    caller: &Principal,
    id: i64,
) -> Result<PeriodicReport, AppError> {
    let report = db
        .read(move |conn| periodic::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::PeriodicReport))?;
    caller.ensure_can_access(report.organization_id, Missing::PeriodicReport)?;
    Ok(report)
}

/// An assessment the caller may read: staff any, a reporter its organization's.
pub async fn readable_evaluation(
    db: &Db,
    caller: &Principal,
    id: i64,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let evaluation = db
        .read(move |conn| pia::find(conn, id, today))
        .await?
        .ok_or(AppError::NotFound(Missing::PiaEvaluation))?;
    caller.ensure_can_access(evaluation.organization_id, Missing::PiaEvaluation)?;
    Ok(evaluation)
}

/// Publishes a year's questionnaire.
pub async fn publish_questionnaire(
    db: &Db,
    caller: &Principal,
    new: NewQuestionnaire,
) -> Result<Questionnaire, AppError> {
    db.write(caller.actor(), move |tx| periodic::publish(tx, new))
        .await
}

/// Files a body's periodic report; a submitted one is receipted by mail.
pub async fn file_periodic_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    new: NewPeriodicReport,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    caller.ensure_can_act_for(new.organization_id)?;
    let caller = caller.clone();
    db.write(caller.actor(), move |tx| {
        let report = periodic::file(tx, caller.role.is_staff(), new, today, None)?;
        if let Some(submitted_on) = report.submitted_on {
            mail::on_received(tx, &About::report(&mail, &report), submitted_on)?;
        }
        Ok(report)
    })
    .await
}

/// Submits a drafted report.
pub async fn submit_periodic_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &PeriodicReport,
    submission: Submission,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    let (id, caller) = (report.id, caller.clone());
    db.write(caller.actor(), move |tx| {
        let report = periodic::submit(tx, &caller, id, submission, today)?;
        let submitted_on = report.submitted_on.unwrap_or(today);
        mail::on_received(tx, &About::report(&mail, &report), submitted_on)?;
        Ok(report)
    })
    .await
}

/// Amends a report (a draft in place; a submitted one as its next version).
pub async fn amend_periodic_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &PeriodicReport,
    amendment: PeriodicAmendment,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    let (id, caller) = (report.id, caller.clone());
    db.write(caller.actor(), move |tx| {
        let submitted_on = amendment.submitted_on.unwrap_or(today);
        let report = periodic::amend(tx, &caller, id, amendment, today)?;
        if report.submitted_on.is_some() {
            mail::on_received(tx, &About::report(&mail, &report), submitted_on)?;
        }
        Ok(report)
    })
    .await
}

/// Saves a report's answers from its page and, when asked, submits it — in one transaction, so a
/// refused submission keeps nothing of the answers either.
pub async fn save_periodic_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &PeriodicReport,
    amendment: PeriodicAmendment,
    submit: bool,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    let (id, caller) = (report.id, caller.clone());
    db.write(caller.actor(), move |tx| {
        let submitted_on = amendment.submitted_on.unwrap_or(today);
        let report = periodic::amend(tx, &caller, id, amendment, today)?;
        if report.submitted_on.is_some() {
            mail::on_received(tx, &About::report(&mail, &report), submitted_on)?;
            return Ok(report);
        }
        if !submit {
            return Ok(report);
        }
        let report = periodic::submit(tx, &caller, id, Submission::default(), today)?;
        mail::on_received(tx, &About::report(&mail, &report), today)?;
        Ok(report)
    })
    .await
}

fn staff_only(caller: &Principal) -> Result<(), AppError> {
    if caller.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::Forbidden(crate::error::Denial::StaffOnly))
    }
}

/// Staff's decision on a report; the body is told by mail.
pub async fn review_periodic_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &PeriodicReport,
    new: NewReview,
    today: NaiveDate,
) -> Result<Review, AppError> {
    staff_only(caller)?;
    let id = report.id;
    db.write(caller.actor(), move |tx| {
        let (review, report) = periodic::review(tx, id, new, today)?;
        mail::on_reviewed(tx, &About::report(&mail, &report), &review)?;
        Ok(review)
    })
    .await
}

/// Files an assessment; the body gets its receipt.
pub async fn file_evaluation(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    new: NewEvaluation,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    caller.ensure_can_act_for(new.organization_id)?;
    db.write(caller.actor(), move |tx| {
        let evaluation = pia::file(tx, new, today, None)?;
        mail::on_received(
            tx,
            &About::evaluation(&mail, &evaluation),
            evaluation.submitted_on,
        )?;
        Ok(evaluation)
    })
    .await
}

/// Amends an assessment under review.
pub async fn amend_evaluation(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    evaluation: &Evaluation,
    amendment: EvaluationAmendment,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let (id, caller) = (evaluation.id, caller.clone());
    db.write(caller.actor(), move |tx| {
        let submitted_on = amendment.submitted_on.unwrap_or(today);
        let evaluation = pia::amend(tx, &caller, id, amendment, today)?;
        mail::on_received(tx, &About::evaluation(&mail, &evaluation), submitted_on)?;
        Ok(evaluation)
    })
    .await
}

/// Staff's decision on an assessment; the body is told by mail.
pub async fn review_evaluation(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    evaluation: &Evaluation,
    new: NewReview,
    today: NaiveDate,
) -> Result<Review, AppError> {
    staff_only(caller)?;
    let id = evaluation.id;
    db.write(caller.actor(), move |tx| {
        let (review, evaluation) = pia::review(tx, id, new, today)?;
        mail::on_reviewed(tx, &About::evaluation(&mail, &evaluation), &review)?;
        Ok(review)
    })
    .await
}

/// Records the Commission's remarks on an assessment (staff).
pub async fn remark(
    db: &Db,
    caller: &Principal,
    evaluation: &Evaluation,
    new: NewRemark,
    today: NaiveDate,
) -> Result<Remark, AppError> {
    staff_only(caller)?;
    let id = evaluation.id;
    db.write(caller.actor(), move |tx| pia::remark(tx, id, new, today))
        .await
}

/// Records an assessment's approval at a meeting (staff).
pub async fn approve(
    db: &Db,
    caller: &Principal,
    evaluation: &Evaluation,
    new: NewApproval,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    staff_only(caller)?;
    let id = evaluation.id;
    db.write(caller.actor(), move |tx| pia::approve(tx, id, new, today))
        .await
}

/// Records the day an assessment was published (staff, or the body).
pub async fn publish_evaluation(
    db: &Db,
    caller: &Principal,
    evaluation: &Evaluation,
    new: NewPublication,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let id = evaluation.id;
    db.write(caller.actor(), move |tx| pia::publish(tx, id, new, today))
        .await
}

/// Sets a meeting's agenda (staff).
pub async fn set_agenda(
    db: &Db,
    caller: &Principal,
    number: i32,
    new: NewAgenda,
) -> Result<Agenda, AppError> {
    db.write(caller.actor(), move |tx| agenda::set(tx, number, new))
        .await
}

/// Enqueues, for each questionnaire falling due within the reminder days (or overdue within 30
/// days), a notice to each public body with a contact that has not submitted: each once, by its
/// dedupe key, whatever the number of instances that scan.
pub async fn scan_periodic(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let (window, horizon) = notice_window(today, settings.collection_reminder_days);
    let due = db
        .read(move |conn| periodic::due_between(conn, window, horizon))
        .await?;
    let mut enqueued = 0;
    for questionnaire in due {
        let Some(notice) = due_notice(
            questionnaire.due_on,
            today,
            settings.collection_reminder_days,
        ) else {
            continue;
        };
        let id = questionnaire.id;
        let bodies = db
            .read(move |conn| periodic::unanswered_contacts(conn, id))
            .await?;
        for (organization_id, name, contact) in bodies {
            let (settings, questionnaire) = (settings.clone(), questionnaire.clone());
            let changes = serde_json::json!({"organization_id": organization_id,
                "due_on": questionnaire.due_on, "overdue": notice == DueNotice::Overdue});
            let added = notice_once(
                db,
                crate::db::Entity::PeriodicQuestionnaire,
                id,
                changes,
                move |tx| {
                    mail::periodic_notice(
                        tx,
                        &settings,
                        &questionnaire,
                        (organization_id, &name, &contact),
                        notice,
                    )
                },
            )
            .await?;
            enqueued += usize::from(added);
        }
    }
    Ok(enqueued)
}

/// Runs for the life of the server: the periodic reports' scan at start and every `every`.
pub async fn run_periodic_scans(db: Db, settings: MailSettings, every: std::time::Duration) {
    loop {
        match scan_periodic(&db, &settings, crate::clock::today_in_japan()).await {
            Ok(count) if count > 0 => tracing::info!(count, "periodic report notices enqueued"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error.chain(), "periodic report scan failed"),
        }
        actix_web::rt::time::sleep(every).await;
    }
}
