//! The use cases of the hotline, each one audited transaction: the API, the pages and the CLI
//! reach consultations and mediations only through here.

use chrono::NaiveDate;

use super::{
    Category, ConsultationChanges, ConsultationView, MediationChange, MediationView, NewCategory,
    NewConsultation, NewMediation, NewStep, mediations, store,
};
use crate::db::{Actor, Db};
use crate::error::AppError;

/// Adds a category to a desk.
pub async fn add_category(
    db: &Db,
    actor: Actor,
    new: NewCategory,
    today: NaiveDate,
) -> Result<Category, AppError> {
    db.write(actor, move |tx| store::add_category(tx, new, today))
        .await
}

/// Records a consultation with its categories.
pub async fn record_consultation(
    db: &Db,
    actor: Actor,
    new: NewConsultation,
    today: NaiveDate,
) -> Result<ConsultationView, AppError> {
    db.write(actor, move |tx| store::create(tx, new, today, None))
        .await
}

/// Changes a consultation; audited field by field.
pub async fn update_consultation(
    db: &Db,
    actor: Actor,
    id: i64,
    changes: ConsultationChanges,
) -> Result<ConsultationView, AppError> {
    db.write(actor, move |tx| store::update(tx, id, changes))
        .await
}

/// Records an application for complaint mediation.
pub async fn apply_mediation(
    db: &Db,
    actor: Actor,
    new: NewMediation,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    db.write(actor, move |tx| mediations::apply(tx, new, today))
        .await
}

/// Starts, declines or closes a mediation.
pub async fn change_mediation(
    db: &Db,
    actor: Actor,
    id: i64,
    change: MediationChange,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    db.write(actor, move |tx| mediations::change(tx, id, change, today))
        .await
}

/// Records a step of a running mediation.
pub async fn add_step(
    db: &Db,
    actor: Actor,
    id: i64,
    step: NewStep,
    today: NaiveDate,
) -> Result<MediationView, AppError> {
    db.write(actor, move |tx| mediations::add_step(tx, id, step, today))
        .await
}
