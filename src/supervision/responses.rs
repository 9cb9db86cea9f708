//! Answers to report collections (報告徴収への回答): filed by the entity the collection is
//! addressed to, or recorded by staff when the answer came on paper. The action keeps the date
//! of its first answer (`answered_on`) in the same transaction, so whether it is overdue stays a
//! condition on its own row. Every write is audited.

use crate::db::audit;
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::ActionView;
use crate::db::schema::{actions, responses};
use crate::db::{DbConnection, WriteTx};
use crate::domain::powers::{AnswerFacts, AnswerRefused, answer_late, answer_submitted_on};
use crate::error::{AppError, FieldErrors};

/// `POST /api/v1/actions/{id}/responses`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewResponse {
    /// The answer (回答の内容); documents go to the answer's attachments.
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub body: String,
    /// Staff only, for an answer received on paper: the day it was submitted (default today;
    /// not in the future, not before the collection). An entity's answer is dated the day it
    /// is filed.
    pub submitted_on: Option<NaiveDate>,
}

/// An answer as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = responses)]
pub struct Response {
    pub id: i64,
    pub action_id: i64,
    pub body: String,
    pub submitted_on: NaiveDate,
    /// Submitted after the collection's `due_on`; fixed when filed.
    pub late: bool,
    pub submitted_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// The answers to an action, oldest first.
pub fn list(conn: &mut DbConnection, action_id: i64) -> Result<Vec<Response>, AppError> {
    Ok(responses::table
        .filter(responses::action_id.eq(action_id))
        .order(responses::id.asc())
        .select(Response::as_select())
        .load(conn)?)
}

/// Files an answer to `action` under the law's rules, and moves the action's `answered_on` to
/// the earliest answer.
pub(super) fn create(
    tx: &mut WriteTx<'_>,
    action: &ActionView,
    by_staff: bool,
    new: NewResponse,
    today: NaiveDate,
) -> Result<Response, AppError> {
    let action = &action.action;
    let submitted_on = answer_submitted_on(AnswerFacts {
        kind: action.kind,
        by_staff,
        submitted_on: new.submitted_on,
        started_on: action.started_on,
        ended_on: action.ended_on,
        today,
    })
    .map_err(|refused| match refused {
        AnswerRefused::Conflict(refusal) => AppError::Conflict(refusal),
        AnswerRefused::Fields(fields) => {
            let mut errors = FieldErrors::new();
            for refused in fields {
                errors.add(refused.field, refused.refusal);
            }
            AppError::Validation(errors)
        }
    })?;
    let late = answer_late(submitted_on, action.due_on);
    let (user, now) = (tx.actor().user_id, tx.now());
    let id: i64 = diesel::insert_into(responses::table)
        .values((
            responses::action_id.eq(action.id),
            responses::body.eq(new.body.trim()),
            responses::submitted_on.eq(submitted_on),
            responses::late.eq(late),
            responses::submitted_by_user_id.eq(user),
            responses::created_at.eq(now),
        ))
        .returning(responses::id)
        .get_result(tx.conn())?;
    let response: Response = responses::table
        .find(id)
        .select(Response::as_select())
        .first(tx.conn())?;
    // The earliest answer, whatever the order they are recorded in (a paper answer may be
    // recorded after a later one filed in the product).
    let answered = diesel::update(
        actions::table.find(action.id).filter(
            actions::answered_on
                .is_null()
                .or(actions::answered_on.gt(submitted_on)),
        ),
    )
    .set((
        actions::answered_on.eq(submitted_on),
        actions::updated_at.eq(now),
    ))
    .execute(tx.conn())?;
    // One audit row: the answer, and the action's answered_on where it moved.
    let mut changes = serde_json::to_value(&response)
        .map_err(|e| AppError::internal(format!("an answer as JSON: {e}")))?;
    if answered > 0 {
        changes["answered_on"] =
            serde_json::json!({"from": action.answered_on, "to": submitted_on});
    }
    tx.record(audit::Action::Create, audit::Entity::Response, id, &changes)?;
    Ok(response)
}
