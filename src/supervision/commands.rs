//! The use cases of supervision, each one audited transaction with its mail: the API, the pages
//! and the CLI reach cases, meetings and actions only through here.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use super::import;
use super::responses::{self, NewResponse, Response};
use super::{
    Action, ActionChanges, ActionView, Case, CaseChanges, CaseEntityChanges, CaseEntityView,
    Meeting, NewAction, NewCase, NewCaseEntity, NewMeeting, actions, cases, mail,
};
use crate::attachments::{self, Owner, Upload};
use crate::db::schema::actions as actions_table;
use crate::db::{Actor, Db};
use crate::domain::deadlines::{DueNotice, due_notice};
use crate::domain::powers::ActionKind;
use crate::error::{AppError, Missing};
use crate::notify::{MailSettings, notice_once};
use crate::reports::IncidentView;
use crate::sheets::{File, ImportError, Imported};

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

/// `leakdesk import actions`: reads the file and records every row as an action, under the
/// same rules as one recorded through the API (an order needs its recommendation, which an
/// earlier row may be), in one transaction — all rows, or none with every refused row named; a
/// dry run records them all the same and rolls everything back. Each action's audit row is an
/// `import`, naming the file (`name`) and the row. The actions are the Commission's past
/// record: no letter is sent for an imported report collection.
pub fn import_actions(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<Imported, ImportError> {
    let name = file.name;
    let (_, imported) = crate::sheets::import(
        db,
        actor,
        file,
        dry_run,
        import::column,
        |tx, header, row, cells| {
            let new = import::action_of(header, cells)?;
            Ok(actions::create(tx, new, today, Some((name, row)))?)
        },
    )?;
    Ok(imported)
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

/// An answer to a report collection as it arrives, from the API or a page.
pub struct Answering {
    pub action_id: i64,
    /// Staff record an answer received on paper; otherwise it is the entity's own.
    pub by_staff: bool,
    pub answer: NewResponse,
    /// Files sent with it (a page's form; the API's go to the answer's attachments).
    pub files: Vec<Upload>,
}

/// Files an answer to a report collection — the entity's, or one staff record from paper —
/// with its files, in one audited transaction that also tells staff by mail.
pub async fn answer_collection(
    db: &Db,
    actor: Actor,
    answering: Answering,
    settings: MailSettings,
    today: NaiveDate,
) -> Result<Response, AppError> {
    let Answering {
        action_id,
        by_staff,
        answer,
        files,
    } = answering;
    db.write(actor, move |tx| {
        let action = actions::find(tx.conn(), action_id, today)?
            .ok_or(AppError::NotFound(Missing::Action))?;
        let response = responses::create(tx, &action, by_staff, answer, today)?;
        let count = files.len();
        attachments::store::insert(tx, Owner::Response(response.id), files)?;
        mail::on_answered(tx, &settings, &action, &response, count)?;
        Ok(response)
    })
    .await
}

/// How far back an overdue notice is still sent.
const OVERDUE_WINDOW_DAYS: i64 = 30;

/// Enqueues, for each report collection awaiting its answer, a reminder to the entity within
/// the configured days before it is due and a notice once it has passed (within 30 days): each
/// once, by its dedupe key, whatever the number of instances that scan.
pub async fn scan_collections(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
) -> Result<usize, AppError> {
    let window = today - Duration::days(OVERDUE_WINDOW_DAYS);
    let horizon = today + Duration::days(i64::from(settings.collection_reminder_days));
    let standing: Vec<Action> = db
        .read(move |conn| {
            Ok(actions_table::table
                .filter(actions_table::kind.eq(ActionKind::ReportCollection.as_str()))
                .filter(actions_table::ended_on.is_null())
                .filter(actions_table::answered_on.is_null())
                .filter(actions_table::due_on.between(window, horizon))
                .select(Action::as_select())
                .load(conn)?)
        })
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
        let added = notice_once(db, "action", id, changes, move |tx| {
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
