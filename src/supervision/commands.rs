//! The use cases of supervision, each one audited transaction with its mail: the API, the pages
//! and the CLI reach cases, meetings and actions only through here.

use chrono::NaiveDate;

use super::{
    ActionChanges, ActionView, Case, CaseChanges, CaseEntityView, Meeting, NewAction, NewCase,
    NewCaseEntity, NewMeeting, actions, cases, mail,
};
use crate::db::{Actor, Db};
use crate::error::AppError;
use crate::reports::IncidentView;

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
        let action = actions::create(tx, new, today)?;
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
