//! The registers' share of the half-year report: every register as of the period's last day,
//! revocations in the fiscal year to date (SPEC.md §7a).

use crate::db::DbConnection;
use crate::domain::activity_report::{RegisterFigures, as_of, year_to_date};
use crate::domain::periods::Period;
use crate::error::AppError;
use crate::records::half_year::{Gathered, HalfYearPart};

pub struct Part;

impl HalfYearPart for Part {
    fn gather(
        &self,
        conn: &mut DbConnection,
        period: Period,
        into: &mut Gathered,
    ) -> Result<(), AppError> {
        let summary = super::summary(conn, Some(year_to_date(period).0), as_of(period))?;
        let n = |v: i64| u64::try_from(v).unwrap_or(0);
        into.registers = RegisterFigures {
            optout_notifications: n(summary.optout_notifications),
            accredited_bodies: n(summary.accredited_bodies),
            accreditations_revoked: n(summary.accreditations_revoked),
            anonymised_publishers: n(summary.anonymised_publishers),
        };
        Ok(())
    }
}
