//! The use cases of oversight, each one audited transaction: the API, the pages and the import
//! reach its records only through here.

use chrono::NaiveDate;

use super::events::{self, Event, NewEvent};
use super::plans::{self, NewPlan, PlanView};
use crate::auth::Principal;
use crate::db::Db;
use crate::error::AppError;

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
