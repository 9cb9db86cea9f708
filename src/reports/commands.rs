//! The use cases of reports, each in its own audited transaction with its mail: filing (behind
//! `POST /api/v1/reports` and the web form), importing a CSV of past records (the CLI),
//! overriding a classification, and the periodic deadline notices. The API, the pages and the
//! CLI reach reports only through here.

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::idempotency::{self, request_hash};
use super::intake;
pub use super::intake::Filer;
use super::review::{self, Amendment, NewReview, Review};
use super::{IncidentView, NewReport, ReportView, mail, store};
use crate::auth::Principal;
use crate::db::schema::{incidents, organizations, report_reviews, reports};
use crate::db::{Actor, Db, DbConnection};
use crate::domain::deadlines::{DueNotice, due_notice, notice_window};
use crate::domain::reference::incident_reference;
use crate::domain::review::{Decision, ReviewStatus};
use crate::error::{AppError, Denial, Missing, Refusal};
use crate::files::{self, Owner, Upload};
use crate::notify::MailSettings;

/// The answer to a filing: the report it filed, the answer as the API writes it (the report as
/// JSON, kept with its key for a retry), and whether it is a retry's stored answer.
#[derive(Debug)]
pub struct Filed {
    pub report_id: i64,
    pub status: u16,
    pub body: String,
    pub replayed: bool,
}

/// Who files: run on the filing's connection before anything else, it answers the actor and
/// filer, or refuses (a bearer token checked there, a reporter filing for another organization).
pub trait Who:
    FnOnce(&mut DbConnection) -> Result<(Actor, Filer), AppError> + Send + 'static
{
}
impl<F: FnOnce(&mut DbConnection) -> Result<(Actor, Filer), AppError> + Send + 'static> Who for F {}

enum Step {
    Stored(idempotency::Stored),
    Filed { report_id: i64, body: String },
}

/// Files `new` as `who` says. With a key, a retry (or a concurrent duplicate) answers the first
/// answer and files nothing new; a key reused for different content is refused (409). Who is
/// filing, an earlier answer to the key, and the filing itself are settled in one trip to the
/// database on one connection.
pub async fn file(
    db: &Db,
    who: impl Who,
    mail: MailSettings,
    new: NewReport,
    key: Option<String>,
    files: Vec<Upload>,
    today: chrono::NaiveDate,
) -> Result<Filed, AppError> {
    let hash = request_hash(&new);
    let (tx_key, tx_hash) = (key.clone(), hash.clone());
    // `read` lends one pooled connection; the write transaction opens on it (`Db::write_on`).
    let writer = db.clone();
    let (user_id, step) = db
        .read(move |conn| {
            let (actor, filer) = who(conn)?;
            let user_id = filer.user_id;
            if let (Some(key), Some(user_id)) = (&tx_key, user_id)
                && let Some(stored) = idempotency::find(conn, user_id, key)?
            {
                return Ok((Some(user_id), Ok(Step::Stored(stored))));
            }
            let filed = writer.write_on(conn, &actor, |tx| {
                let filing = intake::file(tx, filer, new, today, intake::Source::Filed)?;
                // The files filed with the report (the page's form): in its transaction.
                files::store::insert(tx, Owner::Report(filing.report.id), files)?;
                let view = store::report_view(filing.report, &filing.incident);
                mail::on_report_filed(tx, &mail, &view, &filing.incident, &filing.organization)?;
                let body = serde_json::to_string(&view).map_err(AppError::internal)?;
                let report_id = view.report.id;
                if let (Some(key), Some(user_id)) = (&tx_key, user_id) {
                    idempotency::remember(tx, user_id, key, &tx_hash, 201, &body, report_id)?;
                }
                Ok(Step::Filed { report_id, body })
            });
            Ok((user_id, filed))
        })
        .await?;
    match step {
        Ok(Step::Stored(stored)) => replay(stored, &hash),
        Ok(Step::Filed { report_id, body }) => Ok(Filed {
            report_id,
            status: 201,
            body,
            replayed: false,
        }),
        // A concurrent retry with the same key committed first: answer what it answered.
        Err(AppError::Conflict(Refusal::AlreadyExists)) if key.is_some() => {
            match stored_answer(db, user_id, key).await? {
                Some(stored) => replay(stored, &hash),
                None => Err(AppError::Conflict(Refusal::FiledConcurrently)),
            }
        }
        Err(error) => Err(error),
    }
}

async fn stored_answer(
    db: &Db,
    user_id: Option<i64>,
    key: Option<String>,
) -> Result<Option<idempotency::Stored>, AppError> {
    match (key, user_id) {
        (Some(key), Some(user_id)) => {
            db.read(move |conn| idempotency::find(conn, user_id, &key))
                .await
        }
        _ => Ok(None),
    }
}

/// The stored answer to a key, or a refusal when the key was used for another request.
fn replay(stored: idempotency::Stored, request_hash: &str) -> Result<Filed, AppError> {
    if stored.request_hash != request_hash {
        return Err(AppError::Conflict(Refusal::IdempotencyKeyReused));
    }
    let status = u16::try_from(stored.status)
        .map_err(|_| AppError::internal(format!("stored status {}", stored.status)))?;
    let report_id = stored
        .report_id
        .ok_or_else(|| AppError::internal("a stored filing without its report"))?;
    Ok(Filed {
        report_id,
        status,
        body: stored.response,
        replayed: true,
    })
}

/// Sets or clears staff's override of an incident's classification, with the reason; answers the
/// incident as it then stands.
pub async fn override_classification(
    db: &Db,
    actor: Actor,
    incident_id: i64,
    change: super::ClassificationChange,
    today: NaiveDate,
) -> Result<IncidentView, AppError> {
    db.write(actor, move |tx| {
        intake::override_classification(tx, incident_id, change.mandatory, change.reason)?;
        let incident = store::find_incident(tx.conn(), incident_id)?
            .ok_or(AppError::NotFound(Missing::Incident))?;
        Ok(IncidentView::new(incident, today))
    })
    .await
}

/// A report `caller` may read — a reporter only its own organization's (another's is not
/// found, 404, whatever is asked of it) — named so to the commands that act on it: the type is
/// the proof that the check was made.
#[derive(Debug)]
pub struct Readable(ReportView);

impl Readable {
    pub fn view(&self) -> &ReportView {
        &self.0
    }

    pub fn into_view(self) -> ReportView {
        self.0
    }
}

/// A report `caller` may review: one it may read (else 404), as staff (else 403).
#[derive(Debug)]
pub struct Reviewable(ReportView);

impl Reviewable {
    pub fn view(&self) -> &ReportView {
        &self.0
    }
}

/// The report `id`, when `caller` may read it.
pub async fn readable(db: &Db, caller: &Principal, id: i64) -> Result<Readable, AppError> {
    let caller = caller.clone();
    db.read(move |conn| readable_on(conn, &caller, id)).await
}

/// [`readable`], on a connection the caller reads more on (the report's page).
pub fn readable_on(
    conn: &mut DbConnection,
    caller: &Principal,
    id: i64,
) -> Result<Readable, AppError> {
    let view = store::find_report(conn, id)?.ok_or(AppError::NotFound(Missing::Report))?;
    caller.ensure_can_access(view.report.organization_id, Missing::Report)?;
    Ok(Readable(view))
}

/// The report `id`, when `caller` may review it: staff, of a report they may read.
pub async fn reviewable(db: &Db, caller: &Principal, id: i64) -> Result<Reviewable, AppError> {
    let Readable(view) = readable(db, caller, id).await?;
    if !caller.role.is_staff() {
        return Err(AppError::Forbidden(Denial::StaffOnly));
    }
    Ok(Reviewable(view))
}

/// The reviews of a report, oldest first.
pub async fn reviews(db: &Db, report: &Readable) -> Result<Vec<Review>, AppError> {
    let id = report.0.report.id;
    db.read(move |conn| review::reviews(conn, id)).await
}

/// The versions of a report, oldest first.
pub async fn versions(db: &Db, report: Readable) -> Result<Vec<review::ReportVersion>, AppError> {
    db.read(move |conn| review::versions(conn, &report.0)).await
}

/// Staff's decision on a report's current version; the entity is told by mail.
pub async fn review_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &Reviewable,
    new: NewReview,
    today: NaiveDate,
) -> Result<Review, AppError> {
    let (actor, reviewer) = (caller.actor(), Some(caller.user_id));
    let report_id = report.0.report.id;
    db.write(actor, move |tx| {
        let reviewed = review::review(tx, report_id, reviewer, new, today)?;
        mail::on_reviewed(tx, &mail, &reviewed)?;
        Ok(reviewed.review)
    })
    .await
}

/// An amendment of a report, by its entity or by staff: the report as amended, with the law
/// re-applied; staff alerted when its incident is mandatory or serious.
pub async fn amend_report(
    db: &Db,
    caller: &Principal,
    mail: MailSettings,
    report: &Readable,
    amendment: Amendment,
    today: NaiveDate,
) -> Result<ReportView, AppError> {
    let (actor, filer) = (caller.actor(), Some(caller.user_id));
    let report_id = report.0.report.id;
    db.write(actor, move |tx| {
        let amended = review::amend(tx, report_id, filer, amendment, today)?;
        mail::on_amended(tx, &mail, &amended)?;
        Ok(amended.view)
    })
    .await
}

/// Enqueues a reminder for each mandatory incident whose final report falls due within the
/// configured days, and an overdue notice for each whose deadline passed (within 30 days).
/// Safe to repeat and to run on several instances: each notice has its dedupe key.
pub async fn scan_deadlines(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let (window, horizon) = notice_window(today, settings.reminder_days);
    let due: Vec<(i64, NaiveDate, i64, NaiveDate)> = db
        .read(move |conn| {
            Ok(incidents::table
                .inner_join(organizations::table)
                .filter(incidents::final_report_id.is_null())
                .filter(incidents::mandatory.eq(true))
                .filter(incidents::final_due_on.between(window, horizon))
                .filter(organizations::contact_email.is_not_null())
                .select((
                    incidents::id,
                    incidents::first_received_on,
                    incidents::organization_id,
                    incidents::final_due_on,
                ))
                .load(conn)?)
        })
        .await?;
    let mut enqueued = scan_revisions(db, settings, today).await?;
    for (id, first_received_on, organization_id, final_due_on) in due {
        let reference = incident_reference(first_received_on.year(), id);
        let overdue = final_due_on < today;
        let changes = serde_json::json!({"overdue": overdue, "final_due_on": final_due_on});
        let added =
            crate::notify::notice_once(db, crate::db::Entity::Incident, id, changes, move |tx| {
                mail::deadline_notice(tx, id, &reference, organization_id, final_due_on, overdue)
            })
            .await?;
        enqueued += usize::from(added);
    }
    Ok(enqueued)
}

/// Enqueues a reminder for each standing revision request whose due date is near, and an
/// overdue notice for each whose due date passed (within 30 days); each once, by its dedupe key.
async fn scan_revisions(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let (window, horizon) = notice_window(today, settings.reminder_days);
    // The review that asked for the standing revision: of the report's current version.
    let standing: Vec<(i64, i64, i64, NaiveDate, i64, NaiveDate)> = db
        .read(move |conn| {
            Ok(report_reviews::table
                .inner_join(reports::table.inner_join(incidents::table))
                .filter(reports::review_status.eq(ReviewStatus::RevisionRequested.as_str()))
                .filter(report_reviews::version.eq(reports::version))
                .filter(report_reviews::decision.eq(Decision::RevisionRequested.as_str()))
                .filter(report_reviews::due_on.between(window, horizon))
                .select((
                    report_reviews::id,
                    reports::id,
                    reports::organization_id,
                    incidents::first_received_on,
                    incidents::id,
                    report_reviews::due_on.assume_not_null(),
                ))
                .load(conn)?)
        })
        .await?;
    let mut enqueued = 0;
    for (review_id, report_id, organization_id, first_received_on, incident_id, due_on) in standing
    {
        let Some(notice) = due_notice(due_on, today, settings.reminder_days) else {
            continue;
        };
        let standing = mail::StandingRevision {
            review_id,
            report_id,
            reference: incident_reference(first_received_on.year(), incident_id),
            organization_id,
            due_on,
        };
        let settings = settings.clone();
        let changes = serde_json::json!({"revision_due_on": due_on, "review_id": review_id,
            "overdue": notice == DueNotice::Overdue});
        let added = crate::notify::notice_once(
            db,
            crate::db::Entity::Report,
            report_id,
            changes,
            move |tx| mail::revision_notice(tx, &settings, &standing, notice),
        )
        .await?;
        enqueued += usize::from(added);
    }
    Ok(enqueued)
}

/// Runs for the life of the server: the deadline scan at start and every `every`.
pub async fn run_deadline_scans(db: Db, settings: MailSettings, every: std::time::Duration) {
    loop {
        match scan_deadlines(&db, &settings, crate::clock::today_in_japan()).await {
            Ok(count) if count > 0 => tracing::info!(count, "deadline notices enqueued"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error.chain(), "deadline scan failed"),
        }
        actix_web::rt::time::sleep(every).await;
    }
}
