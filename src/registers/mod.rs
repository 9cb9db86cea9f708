//! The Commission's public registers (API.md "Version 3", Registers): opt-out notifications
//! (`optout`), accredited personal information protection bodies (`bodies`) with their guidelines (`guidelines`), and the publications
//! of anonymised information (`anonymised`), with their counts as of a day for the half-year
//! report (SPEC §7a) and the public lists anyone may read.

pub mod anonymised;
pub mod bodies;
pub mod campaigns;
pub mod commands;
pub mod guidelines;
pub mod half_year;
pub mod handlers;
pub mod import;
pub mod labels;
mod mail;
pub mod optout;
pub mod pages;
pub mod routes;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::DbConnection;
use crate::error::{AppError, FieldErrors, Refusal};

/// The registers as of a day (SPEC §7a "As of the period's last day").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistersSummary {
    pub as_of: NaiveDate,
    /// The first day revocations are counted from (all up to `as_of` when null).
    pub from: Option<NaiveDate>,
    /// Opt-out notifications accepted on or before `as_of` and not withdrawn by it.
    pub optout_notifications: i64,
    /// Bodies accredited on or before `as_of` and not revoked by it.
    pub accredited_bodies: i64,
    /// Accreditations revoked from `from` to `as_of`.
    pub accreditations_revoked: i64,
    /// Businesses that had published anonymised information by `as_of`.
    pub anonymised_publishers: i64,
}

/// `GET /api/v1/registers/summary`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// The day counted (today when left out).
    pub as_of: Option<NaiveDate>,
    /// The first day revocations count from (all up to `as_of` when left out).
    pub from: Option<NaiveDate>,
}

impl SummaryQuery {
    /// The span asked for: `from` no later than `as_of`.
    pub fn span(&self, today: NaiveDate) -> Result<(Option<NaiveDate>, NaiveDate), AppError> {
        let as_of = self.as_of.unwrap_or(today);
        if let Some(from) = self.from
            && from > as_of
        {
            return Err(FieldErrors::single(
                "as_of",
                Refusal::BeforeField {
                    other: "from".into(),
                },
            ));
        }
        Ok((self.from, as_of))
    }
}

/// The counts of every register as of `as_of`.
pub fn summary(
    conn: &mut DbConnection,
    from: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<RegistersSummary, AppError> {
    let (accredited_bodies, accreditations_revoked) = bodies::counts(conn, from, as_of)?;
    Ok(RegistersSummary {
        as_of,
        from,
        optout_notifications: optout::count_in_force(conn, as_of)?,
        accredited_bodies,
        accreditations_revoked,
        anonymised_publishers: anonymised::publishers(conn, as_of)?,
    })
}
