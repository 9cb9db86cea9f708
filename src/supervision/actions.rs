//! Supervisory actions: recorded only when the law allows them (the domain layer's
//! `powers` rules, the meeting that decided them, the recommendation an order rests on), and
//! completed by PATCH. Every write is audited.

use crate::db::audit;
use chrono::NaiveDate;
use diesel::prelude::*;

use super::{Action, ActionChanges, ActionFilter, ActionOrder, ActionView, NewAction, cases};
use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::{actions, incidents, inspection_plans, meetings, organizations};
use crate::domain::organization::OrganizationKind;
use crate::domain::oversight::{InspectionType, inspection_type_refusals};
use crate::domain::powers::{
    ActionFacts, ActionKind, ActionRefusal, PerformedBy, PriorRecommendation, action_refusals,
    collection_overdue, legal_basis, order_prerequisite,
};
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest};

fn view(action: Action, meeting_number: Option<i32>, today: NaiveDate) -> ActionView {
    let overdue = collection_overdue(
        action.kind,
        action.ended_on,
        action.answered_on,
        action.due_on,
        today,
    );
    // A typed My Number inspection rests on its type's article (a regular one on 第29条の3).
    let basis = match action.inspection_type.0 {
        Some(inspection_type) if action.regime == Regime::MyNumber => Some(inspection_type.basis()),
        _ => legal_basis(action.kind, action.regime),
    };
    ActionView {
        legal_basis: basis,
        meeting_number,
        overdue,
        action,
    }
}

pub fn find(
    conn: &mut DbConnection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<ActionView>, AppError> {
    let row: Option<(Action, Option<i32>)> = actions::table
        .left_join(meetings::table)
        .filter(actions::id.eq(id))
        .select((Action::as_select(), meetings::number.nullable()))
        .first(conn)
        .optional()?;
    Ok(row.map(|(action, number)| view(action, number, today)))
}

fn add_refusals(errors: &mut FieldErrors, refusals: Vec<ActionRefusal>) {
    for ActionRefusal { field, refusal } in refusals {
        errors.add(field, refusal);
    }
}

pub(super) fn create(
    tx: &mut WriteTx<'_>,
    new: NewAction,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<ActionView, AppError> {
    let mut errors = FieldErrors::new();
    let organization_kind: Option<String> = organizations::table
        .filter(organizations::id.eq(new.organization_id))
        .select(organizations::kind)
        .first(tx.conn())
        .optional()?;
    let organization_known = i64::from(organization_kind.is_some());
    if let Some(kind) = organization_kind
        .as_deref()
        .and_then(OrganizationKind::parse)
    {
        for (field, why) in
            inspection_type_refusals(new.kind, new.regime, new.inspection_type, kind)
        {
            errors.add(field, why);
        }
    }
    if let Some(plan_id) = new.plan_id {
        let inspection = new.kind == ActionKind::OnsiteInspection && new.regime == Regime::MyNumber;
        if !inspection {
            errors.add("plan_id", Refusal::PlanOnlyForMyNumberInspection);
        } else if inspection_plans::table
            .find(plan_id)
            .select(inspection_plans::id)
            .first::<i64>(tx.conn())
            .optional()?
            .is_none()
        {
            errors.add(
                "plan_id",
                Refusal::NoSuchRecord {
                    record: Missing::InspectionPlan,
                    id: plan_id,
                },
            );
        }
    }
    if organization_known == 0 {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        );
    }
    if let Some(case_id) = new.case_id {
        if cases::find(tx.conn(), case_id)?.is_none() {
            errors.add(
                "case_id",
                Refusal::NoSuchRecord {
                    record: Missing::Case,
                    id: case_id,
                },
            );
        } else {
            if organization_known > 0
                && !cases::has_entity(tx.conn(), case_id, new.organization_id)?
            {
                errors.add(
                    "organization_id",
                    Refusal::NotCaseEntity {
                        organization: new.organization_id,
                        case: case_id,
                    },
                );
            }
            if let Some(incident_id) = new.incident_id
                && !cases::has_incident(tx.conn(), case_id, incident_id)?
            {
                errors.add(
                    "incident_id",
                    Refusal::IncidentNotInCase {
                        incident: incident_id,
                        case: case_id,
                    },
                );
            }
        }
    }
    if let Some(incident_id) = new.incident_id {
        let known: i64 = incidents::table
            .filter(incidents::id.eq(incident_id))
            .count()
            .get_result(tx.conn())?;
        if known == 0 {
            errors.add(
                "incident_id",
                Refusal::NoSuchRecord {
                    record: Missing::Incident,
                    id: incident_id,
                },
            );
        }
    }
    let meeting: Option<(i64, i32, NaiveDate)> = match new.meeting_number {
        Some(number) => {
            let found = meetings::table
                .filter(meetings::number.eq(number))
                .select((meetings::id, meetings::number, meetings::held_on))
                .first(tx.conn())
                .optional()?;
            if found.is_none() {
                errors.add(
                    "meeting_number",
                    Refusal::NoMeeting {
                        number: i64::from(number),
                    },
                );
            }
            found
        }
        None => None,
    };
    if let Some((_, number, held_on)) = meeting
        && new.started_on < held_on
    {
        errors.add(
            "started_on",
            Refusal::BeforeMeeting {
                number: i64::from(number),
                held_on,
            },
        );
    }
    let performed_by = new.performed_by.unwrap_or(PerformedBy::Commission);
    add_refusals(
        &mut errors,
        action_refusals(&ActionFacts {
            kind: new.kind,
            regime: new.regime,
            performed_by,
            has_meeting: new.meeting_number.is_some(),
            imminent_harm: new.imminent_harm,
            started_on: new.started_on,
            ended_on: new.ended_on,
            due_on: new.due_on,
            today,
        }),
    );
    if new.complied.is_some() && !new.kind.records_compliance() {
        errors.add("complied", Refusal::ComplianceNotRecorded);
    }
    errors.into_result()?;

    let recommendation_id = match order_prerequisite(
        new.kind,
        new.started_on,
        &prior_recommendations(tx.conn(), &new)?,
    ) {
        Ok(id) => id,
        Err(refused) => return Err(AppError::Conflict(refused.refusal)),
    };

    let now = tx.now();
    let notes = new.notes.as_deref().map(str::trim);
    let id: i64 = diesel::insert_into(actions::table)
        .values((
            actions::kind.eq(new.kind.as_str()),
            actions::regime.eq(new.regime.as_str()),
            actions::organization_id.eq(new.organization_id),
            actions::case_id.eq(new.case_id),
            actions::incident_id.eq(new.incident_id),
            actions::started_on.eq(new.started_on),
            actions::ended_on.eq(new.ended_on),
            actions::due_on.eq(new.due_on),
            actions::performed_by.eq(performed_by.as_str()),
            actions::meeting_id.eq(meeting.map(|(id, _, _)| id)),
            actions::published.eq(new.published),
            actions::complied.eq(new.complied),
            actions::imminent_harm.eq(new.imminent_harm),
            actions::inspection_type.eq(new.inspection_type.map(InspectionType::as_str)),
            actions::plan_id.eq(new.plan_id),
            actions::recommendation_id.eq(recommendation_id),
            actions::notes.eq(notes),
            actions::created_at.eq(now),
            actions::updated_at.eq(now),
        ))
        .returning(actions::id)
        .get_result(tx.conn())?;
    let created = find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::Action))?;
    if let Some(case_id) = created.action.case_id {
        super::cases::touch(tx, case_id)?;
    }
    match imported_from {
        // A row of an imported file is audited as an import, naming the file and the row.
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&created)
                .map_err(|e| AppError::internal(format!("auditing an import: {e}")))?;
            changes["imported_from"] = serde_json::json!({ "file": file, "row": row });
            tx.record(audit::Action::Import, audit::Entity::Action, id, &changes)?;
        }
        None => tx.record(audit::Action::Create, audit::Entity::Action, id, &created)?,
    }
    Ok(created)
}

/// Recommendations to the same entity under the same regime (in the same case, where there is
/// one), oldest first.
fn prior_recommendations(
    conn: &mut DbConnection,
    new: &NewAction,
) -> Result<Vec<PriorRecommendation>, AppError> {
    if new.kind != ActionKind::Order {
        return Ok(Vec::new());
    }
    let mut query = actions::table
        .filter(actions::kind.eq(ActionKind::Recommendation.as_str()))
        .filter(actions::organization_id.eq(new.organization_id))
        .filter(actions::regime.eq(new.regime.as_str()))
        .into_boxed();
    if let Some(case_id) = new.case_id {
        query = query.filter(actions::case_id.eq(case_id));
    }
    let rows: Vec<(i64, NaiveDate, Option<bool>)> = query
        .order(actions::started_on.asc())
        .select((actions::id, actions::started_on, actions::complied))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, started_on, complied)| PriorRecommendation {
            id,
            started_on,
            complied,
        })
        .collect())
}

/// Completes or amends an action: end date, compliance, due date, publication, notes.
pub(super) fn update(
    tx: &mut WriteTx<'_>,
    id: i64,
    changes: ActionChanges,
    today: NaiveDate,
) -> Result<ActionView, AppError> {
    let before = find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::Action))?;
    let mut after = before.action.clone();
    if let Some(ended_on) = changes.ended_on {
        after.ended_on = ended_on;
    }
    if let Some(due_on) = changes.due_on {
        after.due_on = due_on;
    }
    if let Some(complied) = changes.complied {
        after.complied = complied;
    }
    if let Some(published) = changes.published {
        after.published = published;
    }
    if let Some(notes) = changes.notes {
        after.notes = notes.map(|n| n.trim().to_owned());
    }
    let mut errors = FieldErrors::new();
    // Only the dates' own coherence: the rest of the action was checked when it was recorded.
    let refusals = action_refusals(&ActionFacts {
        kind: after.kind,
        regime: after.regime,
        performed_by: after.performed_by,
        has_meeting: true,
        imminent_harm: true,
        started_on: after.started_on,
        ended_on: after.ended_on,
        due_on: after.due_on,
        today,
    });
    add_refusals(
        &mut errors,
        refusals
            .into_iter()
            .filter(|r| matches!(r.field, "ended_on" | "due_on"))
            .collect(),
    );
    if changes.complied.flatten().is_some() && !after.kind.records_compliance() {
        errors.add("complied", Refusal::ComplianceNotRecorded);
    }
    errors.into_result()?;
    let diff = crate::db::diff(&before.action, &after, &["created_at", "updated_at"]);
    if diff.is_empty() {
        tx.nothing_changed();
        return Ok(before);
    }
    diesel::update(actions::table.find(id))
        .set((
            actions::ended_on.eq(after.ended_on),
            actions::due_on.eq(after.due_on),
            actions::complied.eq(after.complied),
            actions::published.eq(after.published),
            actions::notes.eq(&after.notes),
            actions::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    if let Some(case_id) = after.case_id {
        super::cases::touch(tx, case_id)?;
    }
    tx.record(audit::Action::Update, audit::Entity::Action, id, &diff)?;
    find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::Action))
}

/// A condition on actions, in SQL.
type Condition = Box<
    dyn diesel::BoxableExpression<
            actions::table,
            crate::db::MultiBackend,
            SqlType = diesel::sql_types::Bool,
        >,
>;

/// The SQL of a report collection that stands awaiting its answer: neither completed nor
/// answered. `domain::powers::collection_overdue` is this, past its due date, of one action in
/// memory; [`overdue`] is it in SQL.
fn standing() -> Condition {
    Box::new(
        actions::kind
            .eq(ActionKind::ReportCollection.as_str())
            .and(actions::ended_on.is_null())
            .and(actions::answered_on.is_null()),
    )
}

/// The SQL of `collection_overdue` on `today`: a standing report collection due before it.
fn overdue(today: NaiveDate) -> Condition {
    Box::new(
        standing()
            .and(actions::due_on.is_not_null())
            .and(actions::due_on.lt(today).assume_not_null()),
    )
}

/// The report collections standing awaiting their answer, due `from` to `to` (the periodic
/// scan's notice window, `domain::deadlines::notice_window`).
pub fn standing_collections(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Action>, AppError> {
    Ok(actions::table
        .filter(standing())
        .filter(actions::due_on.between(from, to))
        .select(Action::as_select())
        .load(conn)?)
}

pub fn list(
    conn: &mut DbConnection,
    filter: &ActionFilter,
    today: NaiveDate,
) -> Result<Page<ActionView>, AppError> {
    // The actions alone (a meeting by its number's ids): the list's ids are then read from an
    // index alone, which PostgreSQL does not do over a join, even one it removes.
    let query = || {
        let mut query = actions::table.into_boxed();
        match filter.overdue {
            Some(true) => query = query.filter(overdue(today)),
            Some(false) => query = query.filter(diesel::dsl::not(overdue(today))),
            None => {}
        }
        if let Some(kind) = filter.kind {
            query = query.filter(actions::kind.eq(kind.as_str()));
        }
        if let Some(regime) = filter.regime {
            query = query.filter(actions::regime.eq(regime.as_str()));
        }
        if let Some(id) = filter.organization_id {
            query = query.filter(actions::organization_id.eq(id));
        }
        if let Some(id) = filter.case_id {
            query = query.filter(actions::case_id.eq(id));
        }
        if let Some(from) = filter.started_from {
            query = query.filter(actions::started_on.ge(from));
        }
        if let Some(to) = filter.started_to {
            query = query.filter(actions::started_on.le(to));
        }
        if let Some(number) = filter.meeting_number {
            query = query.filter(
                actions::meeting_id.eq_any(
                    meetings::table
                        .filter(meetings::number.eq(number))
                        .select(meetings::id.nullable()),
                ),
            );
        }
        query
    };
    let newest = filter.sort == Some(ActionOrder::Newest);
    let dated = filter.started_from.is_some() || filter.started_to.is_some();
    let rows = PageRequest::new(filter.page, filter.per_page).load_by_id(
        conn,
        query,
        |q| {
            let q = q.select(actions::id);
            // In order of the start day when asked, or when the filter bounds it (its index
            // then gives the order at any depth).
            if newest {
                q.order((actions::started_on.desc(), actions::id.desc()))
            } else if dated {
                q.order((actions::started_on.asc(), actions::id.asc()))
            } else {
                q.order(actions::id.asc())
            }
        },
        |conn, ids| {
            Ok(actions::table
                .left_join(meetings::table)
                .filter(actions::id.eq_any(ids))
                .select((Action::as_select(), meetings::number.nullable()))
                .load(conn)?)
        },
        |(action, _)| action.id,
    )?;
    Ok(rows.into_page(|(action, number)| view(action, number, today)))
}

/// The actions decided at these meetings (recommendations and orders), by meeting and id.
pub fn decided_at(
    conn: &mut DbConnection,
    meeting_ids: &[i64],
    today: NaiveDate,
) -> Result<Vec<ActionView>, AppError> {
    let rows: Vec<(Action, Option<i32>)> = actions::table
        .left_join(meetings::table)
        .filter(actions::meeting_id.eq_any(meeting_ids))
        .order((actions::meeting_id.asc(), actions::id.asc()))
        .select((Action::as_select(), meetings::number.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(action, number)| view(action, number, today))
        .collect())
}

/// The latest actions, newest first (the staff dashboard).
pub fn recent(
    conn: &mut DbConnection,
    limit: i64,
    today: NaiveDate,
) -> Result<Vec<ActionView>, AppError> {
    let rows: Vec<(Action, Option<i32>)> = actions::table
        .left_join(meetings::table)
        .order(actions::id.desc())
        .limit(limit)
        .select((Action::as_select(), meetings::number.nullable()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(action, number)| view(action, number, today))
        .collect())
}

/// The last action's id (0 for none): what an import holds before it writes.
pub(super) fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(actions::table
        .select(diesel::dsl::max(actions::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether action `id`, recorded up to `up_to`, is `new` as a download wrote it: the same kind,
/// organization and start (a download of its own database, imported again).
pub(super) fn holds(
    conn: &mut DbConnection,
    id: i64,
    new: &NewAction,
    up_to: i64,
) -> Result<bool, AppError> {
    let found: i64 = actions::table
        .filter(actions::id.eq(id))
        .filter(actions::id.le(up_to))
        .filter(actions::kind.eq(new.kind.as_str()))
        .filter(actions::organization_id.eq(new.organization_id))
        .filter(actions::started_on.eq(new.started_on))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}
