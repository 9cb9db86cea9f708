//! The use cases of the activities, each one audited transaction: the API and the pages reach
//! them only through here.

use chrono::NaiveDate;

use super::{Activity, NewActivity};
use crate::auth::Principal;
use crate::db::Db;
use crate::error::AppError;

/// Records an activity.
pub async fn record(
    db: &Db,
    caller: &Principal,
    new: NewActivity,
    today: NaiveDate,
) -> Result<Activity, AppError> {
    db.write(caller.actor(), move |tx| super::record(tx, new, today))
        .await
}
