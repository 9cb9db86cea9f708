//! Complaint mediations (苦情あっせん): an application records the facts, the domain layer decides
//! eligibility with the reasons, and the mediation starts (only when eligible), is declined, or,
//! once started, records its steps and closes with an outcome. Every change is audited.

use crate::db::{Action, Entity};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::{
    Mediation, MediationChange, MediationFilter, MediationView, NewMediation, NewStep, Step,
};
use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::{consultations, mediation_steps, mediations};
use crate::domain::hotline::{
    Application, ConsultationClass, MediationStatus, may_move, mediation_obstacles,
};
use crate::error::{AppError, FieldErrors, Missing, Refusal, Term};
use crate::http::{Page, PageRequest};

fn application(mediation: &Mediation) -> Application {
    Application {
        entity_identifiable: mediation.entity_identifiable,
        applicant_is_party: mediation.applicant_is_party,
        other_procedure_pending: mediation.other_procedure_pending,
        seeks_compensation_or_apology: mediation.seeks_compensation_or_apology,
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<MediationView>, AppError> {
    let Some(mediation) = mediations::table
        .find(id)
        .select(Mediation::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let steps = mediation_steps::table
        .filter(mediation_steps::mediation_id.eq(id))
        .order((mediation_steps::taken_on, mediation_steps::id))
        .select(Step::as_select())
        .load(conn)?;
    let reasons = mediation_obstacles(&application(&mediation));
    Ok(Some(MediationView {
        eligible: reasons.is_empty(),
        reasons,
        mediation,
        steps,
    }))
}

pub(super) fn apply(
    tx: &mut WriteTx<'_>,
    new: NewMediation,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    let consultation: Option<(String, NaiveDate)> = consultations::table
        .find(new.consultation_id)
        .select((consultations::class, consultations::received_on))
        .first(tx.conn())
        .optional()?;
    let mut errors = FieldErrors::new();
    match consultation {
        None => errors.add(
            "consultation_id",
            Refusal::NoSuchRecord {
                record: Missing::Consultation,
                id: new.consultation_id,
            },
        ),
        Some((class, _)) if class != ConsultationClass::Complaint.as_str() => errors.add(
            "consultation_id",
            Refusal::MediationNeedsComplaint {
                consultation: new.consultation_id,
                class: Term::new(
                    class.as_str(),
                    ConsultationClass::parse(&class).map_or("", ConsultationClass::label_ja),
                ),
            },
        ),
        Some((_, received_on)) if new.applied_on < received_on => {
            errors.add("applied_on", Refusal::BeforeComplaint { received_on })
        }
        Some(_) => {}
    }
    if new.applied_on > today {
        errors.add("applied_on", Refusal::InFuture);
    }
    errors.into_result()?;
    let taken: i64 = mediations::table
        .filter(mediations::consultation_id.eq(new.consultation_id))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(AppError::Conflict(Refusal::MediationExists {
            consultation: new.consultation_id,
        }));
    }
    let now = tx.now();
    let id: i64 = diesel::insert_into(mediations::table)
        .values((
            mediations::consultation_id.eq(new.consultation_id),
            mediations::applied_on.eq(new.applied_on),
            mediations::entity_identifiable.eq(new.entity_identifiable),
            mediations::applicant_is_party.eq(new.applicant_is_party),
            mediations::other_procedure_pending.eq(new.other_procedure_pending),
            mediations::seeks_compensation_or_apology.eq(new.seeks_compensation_or_apology),
            mediations::status.eq(MediationStatus::Applied.as_str()),
            mediations::created_at.eq(now),
            mediations::updated_at.eq(now),
        ))
        .returning(mediations::id)
        .get_result(tx.conn())?;
    let view = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Mediation))?;
    tx.record(
        Action::Apply,
        Entity::Mediation,
        id,
        &json!({"consultation_id": new.consultation_id, "applied_on": new.applied_on,
                "eligible": view.eligible, "reasons": view.reasons}),
    )?;
    Ok(view)
}

/// One transition per request: start, decline or close.
pub(super) fn change(
    tx: &mut WriteTx<'_>,
    id: i64,
    change: MediationChange,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    let view = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Mediation))?;
    let current = view.mediation.status;
    let given = [
        change.started_on.is_some(),
        change.declined_on.is_some(),
        change.closed_on.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(FieldErrors::single("body", Refusal::OneMediationChange));
    }
    let mut errors = FieldErrors::new();
    let (next, on, field) = if let Some(on) = change.started_on {
        (MediationStatus::Started, on, "started_on")
    } else if let Some(on) = change.declined_on {
        if change.reason.is_none() {
            errors.add("reason", Refusal::DeclineReason);
        }
        (MediationStatus::Declined, on, "declined_on")
    } else {
        let on = change.closed_on.unwrap_or(today);
        if change.outcome.is_none() {
            errors.add("outcome", Refusal::OutcomeRequired);
        }
        (MediationStatus::Closed, on, "closed_on")
    };
    if next != MediationStatus::Declined && change.reason.is_some() {
        errors.add("reason", Refusal::ReasonOnlyWhenDeclined);
    }
    if next != MediationStatus::Closed && change.outcome.is_some() {
        errors.add("outcome", Refusal::OutcomeOnlyWhenClosed);
    }
    let earliest = view
        .mediation
        .started_on
        .unwrap_or(view.mediation.applied_on);
    if on < earliest {
        errors.add(field, Refusal::BeforeDate { date: earliest });
    }
    if on > today {
        errors.add(field, Refusal::InFuture);
    }
    errors.into_result()?;
    if !may_move(current, next) {
        return Err(AppError::Conflict(Refusal::MediationState {
            current: Term::new(current.as_str(), current.label_ja()),
            next: Term::new(next.as_str(), next.label_ja()),
        }));
    }
    if next == MediationStatus::Started && !view.eligible {
        return Err(AppError::Conflict(Refusal::MediationNotEligible {
            reasons: view.reasons.iter().map(|r| (*r).to_owned()).collect(),
        }));
    }
    let updated_at = tx.now();
    let target = mediations::table.find(id);
    match next {
        MediationStatus::Started => diesel::update(target)
            .set((
                mediations::status.eq(next.as_str()),
                mediations::started_on.eq(on),
                mediations::updated_at.eq(updated_at),
            ))
            .execute(tx.conn())?,
        MediationStatus::Declined => diesel::update(target)
            .set((
                mediations::status.eq(next.as_str()),
                mediations::declined_on.eq(on),
                mediations::decline_reason.eq(change.reason.as_deref().map(str::trim)),
                mediations::updated_at.eq(updated_at),
            ))
            .execute(tx.conn())?,
        _ => diesel::update(target)
            .set((
                mediations::status.eq(next.as_str()),
                mediations::closed_on.eq(on),
                mediations::outcome.eq(change.outcome.map(|o| o.as_str())),
                mediations::updated_at.eq(updated_at),
            ))
            .execute(tx.conn())?,
    };
    let action = match next {
        MediationStatus::Applied => Action::Apply,
        MediationStatus::Started => Action::Started,
        MediationStatus::Declined => Action::Declined,
        MediationStatus::Closed => Action::Closed,
    };
    tx.record(
        action,
        Entity::Mediation,
        id,
        &json!({"status": {"from": current, "to": next}, "on": on,
                "reason": change.reason, "outcome": change.outcome}),
    )?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Mediation))
}

pub(super) fn add_step(
    tx: &mut WriteTx<'_>,
    id: i64,
    step: NewStep,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    let view = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Mediation))?;
    if view.mediation.status != MediationStatus::Started {
        return Err(AppError::Conflict(Refusal::MediationNotRunning {
            status: Term::new(
                view.mediation.status.as_str(),
                view.mediation.status.label_ja(),
            ),
        }));
    }
    let started_on = view
        .mediation
        .started_on
        .unwrap_or(view.mediation.applied_on);
    if step.taken_on < started_on || step.taken_on > today {
        return Err(FieldErrors::single(
            "taken_on",
            Refusal::StepOutsideMediation { started_on },
        ));
    }
    let note = step.note.as_deref().map(str::trim);
    let step_id: i64 = diesel::insert_into(mediation_steps::table)
        .values((
            mediation_steps::mediation_id.eq(id),
            mediation_steps::kind.eq(step.kind.as_str()),
            mediation_steps::taken_on.eq(step.taken_on),
            mediation_steps::note.eq(note),
            mediation_steps::created_at.eq(tx.now()),
        ))
        .returning(mediation_steps::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Step,
        Entity::Mediation,
        id,
        &json!({"step_id": step_id, "kind": step.kind, "taken_on": step.taken_on, "note": note}),
    )?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Mediation))
}

/// Mediations in id order, with their eligibility and steps (one query for the steps of a page).
pub fn list(
    conn: &mut DbConnection,
    filter: &MediationFilter,
) -> Result<Page<MediationView>, AppError> {
    let query = || {
        let mut query = mediations::table
            .inner_join(consultations::table)
            .into_boxed();
        if let Some(status) = filter.status {
            query = query.filter(mediations::status.eq(status.as_str()));
        }
        if let Some(id) = filter.consultation_id {
            query = query.filter(mediations::consultation_id.eq(id));
        }
        if let Some(desk) = filter.desk {
            query = query.filter(consultations::desk.eq(desk.as_str()));
        }
        if let Some(from) = filter.applied_from {
            query = query.filter(mediations::applied_on.ge(from));
        }
        if let Some(to) = filter.applied_to {
            query = query.filter(mediations::applied_on.le(to));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(mediations::id.asc()).select(Mediation::as_select())
    })?;
    let ids: Vec<i64> = rows.rows.iter().map(|m: &Mediation| m.id).collect();
    let mut steps: std::collections::HashMap<i64, Vec<Step>> = Default::default();
    for step in mediation_steps::table
        .filter(mediation_steps::mediation_id.eq_any(&ids))
        .order((mediation_steps::taken_on, mediation_steps::id))
        .select(Step::as_select())
        .load::<Step>(conn)?
    {
        steps.entry(step.mediation_id).or_default().push(step);
    }
    Ok(rows.into_page(|mediation| {
        let reasons = mediation_obstacles(&application(&mediation));
        MediationView {
            eligible: reasons.is_empty(),
            reasons,
            steps: steps.remove(&mediation.id).unwrap_or_default(),
            mediation,
        }
    }))
}
