//! The use cases of supervision, each one audited transaction with its mail: the API, the pages
//! and the CLI reach cases, meetings and actions only through here.

use chrono::NaiveDate;

use super::responses::{self, NewResponse, Response};
use super::{
    Action, ActionChanges, ActionView, Case, CaseChanges, CaseEntityChanges, CaseEntityView,
    Meeting, NewAction, NewCase, NewCaseEntity, NewMeeting, actions, cases, mail,
};
use crate::auth::Principal;
use crate::db::{Actor, Db};
use crate::domain::access::may_read_action;
use crate::domain::deadlines::{DueNotice, due_notice, notice_window};
use crate::domain::powers::ActionKind;
use crate::error::{AppError, Missing};
use crate::files::{self, Owner, Upload};
use crate::notify::{MailSettings, notice_once};
use crate::records::incidents::IncidentView;

/// Opens a case (事案).
pub async fn open_case(
    db: &Db,
    actor: Actor,
    new: NewCase,
    today: NaiveDate,
) -> Result<Case, AppError> {
    db.write(actor, move |tx| cases::create(tx, new, today))
        .await
}

/// Changes a case; audited field by field.
pub async fn update_case(
    db: &Db,
    actor: Actor,
    id: i64,
    changes: CaseChanges,
    today: NaiveDate,
) -> Result<Case, AppError> {
    db.write(actor, move |tx| cases::update(tx, id, changes, today))
        .await
}

/// Adds an entity to a case in a role, with its focus points.
pub async fn add_entity(
    db: &Db,
    actor: Actor,
    case_id: i64,
    new: NewCaseEntity,
) -> Result<CaseEntityView, AppError> {
    db.write(actor, move |tx| cases::add_entity(tx, case_id, new))
        .await
}

/// Changes an entity's role or focus points in a case; audited.
pub async fn update_entity(
    db: &Db,
    actor: Actor,
    case_id: i64,
    organization_id: i64,
    changes: CaseEntityChanges,
) -> Result<CaseEntityView, AppError> {
    db.write(actor, move |tx| {
        cases::update_entity(tx, case_id, organization_id, changes)
    })
    .await
}

/// Joins an incident to a case.
pub async fn add_incident(
    db: &Db,
    actor: Actor,
    case_id: i64,
    incident_id: i64,
    today: NaiveDate,
) -> Result<IncidentView, AppError> {
    db.write(actor, move |tx| {
        cases::add_incident(tx, case_id, incident_id, today)
    })
    .await
}

/// The case incidents are gathered into: one that exists, or a new one.
#[derive(Debug)]
pub enum CaseTarget {
    Existing(i64),
    New(NewCase),
}

/// Gathers incidents into one case — an existing one, or one it opens — in one transaction (a
/// report's related reports, joined from its page). An incident already in that case stays as
/// it is; answers the case's id.
pub async fn gather_incidents(
    db: &Db,
    actor: Actor,
    target: CaseTarget,
    incident_ids: Vec<i64>,
    today: NaiveDate,
) -> Result<i64, AppError> {
    db.write(actor, move |tx| {
        let (case_id, opened) = match target {
            CaseTarget::Existing(id) => (id, false),
            CaseTarget::New(new) => (cases::create(tx, new, today)?.id, true),
        };
        let mut joined = 0;
        for incident_id in incident_ids {
            if cases::find(tx.conn(), case_id)?.is_some()
                && cases::has_incident(tx.conn(), case_id, incident_id)?
            {
                continue;
            }
            cases::add_incident(tx, case_id, incident_id, today)?;
            joined += 1;
        }
        if joined == 0 && !opened {
            tx.nothing_changed();
        }
        Ok(case_id)
    })
    .await
}

/// Joins to a case the incident a reference names (a page's form: staff type the reference
/// they read on the report).
pub async fn join_incident(
    db: &Db,
    actor: Actor,
    case_id: i64,
    reference: String,
    today: NaiveDate,
) -> Result<IncidentView, AppError> {
    db.write(actor, move |tx| {
        let incident_id = cases::incident_named(tx.conn(), &reference)?;
        cases::add_incident(tx, case_id, incident_id, today)
    })
    .await
}

/// Records a numbered Commission meeting.
pub async fn record_meeting(
    db: &Db,
    actor: Actor,
    new: NewMeeting,
    today: NaiveDate,
) -> Result<Meeting, AppError> {
    db.write(actor, move |tx| cases::create_meeting(tx, new, today))
        .await
}

/// Records a supervisory action under the law's rules, and notifies the entity of a report
/// collection in the same transaction.
pub async fn record_action(
    db: &Db,
    actor: Actor,
    new: NewAction,
    today: NaiveDate,
) -> Result<ActionView, AppError> {
    db.write(actor, move |tx| {
        let action = actions::create(tx, new, today, None)?;
        mail::on_action_recorded(tx, &action)?;
        Ok(action)
    })
    .await
}

/// Completes or amends an action; audited.
pub async fn update_action(
    db: &Db,
    actor: Actor,
    id: i64,
    changes: ActionChanges,
    today: NaiveDate,
) -> Result<ActionView, AppError> {
    db.write(actor, move |tx| actions::update(tx, id, changes, today))
        .await
}

/// An action `caller` may read — a reporter only a report collection addressed to its own
/// organization (`domain::access::may_read_action`; others are not found, 404, whatever is asked
/// of them) — named so to the commands that act on it: the type is the proof that the check was
/// made.
#[derive(Debug)]
pub struct ReadableAction(ActionView);

impl ReadableAction {
    pub fn view(&self) -> &ActionView {
        &self.0
    }

    pub fn into_view(self) -> ActionView {
        self.0
    }
}

/// The action `id` as it stands `today`, when `caller` may read it; on a connection the caller
/// reads more on.
pub fn readable_action_on(
    conn: &mut crate::db::DbConnection,
    caller: &Principal,
    id: i64,
    today: NaiveDate,
) -> Result<ReadableAction, AppError> {
    actions::find(conn, id, today)?
        .filter(|view| {
            may_read_action(
                caller.role,
                caller.organization_id,
                view.action.kind == ActionKind::ReportCollection,
                view.action.organization_id,
            )
        })
        .map(ReadableAction)
        .ok_or(AppError::NotFound(Missing::Action))
}

/// The action `id` as it stands `today`, when `caller` may read it.
pub async fn readable_action(
    db: &Db,
    caller: &Principal,
    id: i64,
    today: NaiveDate,
) -> Result<ReadableAction, AppError> {
    let caller = caller.clone();
    db.read(move |conn| readable_action_on(conn, &caller, id, today))
        .await
}

/// The answers to an action, oldest first.
pub async fn responses(db: &Db, action: &ReadableAction) -> Result<Vec<Response>, AppError> {
    let id = action.0.action.id;
    db.read(move |conn| responses::list(conn, id)).await
}

/// Files an answer to a report collection — the entity's, or one staff (`caller`) record from
/// paper — with its files (a page's form; the API's go to the answer's attachments), in one
/// audited transaction that also tells staff by mail.
pub async fn answer_collection(
    db: &Db,
    caller: &Principal,
    action: &ReadableAction,
    answer: NewResponse,
    files: Vec<Upload>,
    settings: MailSettings,
    today: NaiveDate,
) -> Result<Response, AppError> {
    let (action_id, by_staff) = (action.0.action.id, caller.role.is_staff());
    db.write(caller.actor(), move |tx| {
        let action = actions::find(tx.conn(), action_id, today)?
            .ok_or(AppError::NotFound(Missing::Action))?;
        let response = responses::create(tx, &action, by_staff, answer, today)?;
        let count = files.len();
        files::store::insert(tx, Owner::Response(response.id), files)?;
        mail::on_answered(tx, &settings, &action, &response, count)?;
        Ok(response)
    })
    .await
}

/// Enqueues, for each report collection awaiting its answer, a reminder to the entity within
/// the configured days before it is due and a notice once it has passed (within 30 days): each
/// once, by its dedupe key, whatever the number of instances that scan.
pub async fn scan_collections(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let (window, horizon) = notice_window(today, settings.collection_reminder_days);
    let standing: Vec<Action> = db
        .read(move |conn| actions::standing_collections(conn, window, horizon))
        .await?;
    let mut enqueued = 0;
    for action in standing {
        let Some(due_on) = action.due_on else {
            continue;
        };
        let Some(notice) = due_notice(due_on, today, settings.collection_reminder_days) else {
            continue;
        };
        let id = action.id;
        let standing = mail::StandingCollection {
            id,
            kind: action.kind,
            regime: action.regime,
            organization_id: action.organization_id,
            started_on: action.started_on,
            due_on,
        };
        let settings = settings.clone();
        let changes = serde_json::json!({"answer_due_on": due_on,
            "overdue": notice == DueNotice::Overdue});
        let added = notice_once(db, crate::db::Entity::Action, id, changes, move |tx| {
            mail::collection_notice(tx, &settings, standing, notice)
        })
        .await?;
        enqueued += usize::from(added);
    }
    Ok(enqueued)
}

/// Runs for the life of the server: the report collections' scan at start and every `every`.
pub async fn run_collection_scans(db: Db, settings: MailSettings, every: std::time::Duration) {
    loop {
        match scan_collections(&db, &settings, crate::clock::today_in_japan()).await {
            Ok(count) if count > 0 => tracing::info!(count, "report collection notices enqueued"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error.chain(), "report collection scan failed"),
        }
        actix_web::rt::time::sleep(every).await;
    }
}
