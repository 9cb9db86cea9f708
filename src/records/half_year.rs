//! What the half-year activity report gathers from the capabilities that keep its records
//! (API.md "The half-year report"): each capability answers its sections through a
//! [`HalfYearPart`], and the statistics assemble them with their own tables, so that no
//! capability imports another. The parts are listed once, in `lib.rs`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::domain::activity_report::{Hearings, OtherLaws, Outreach, RegisterFigures};
use crate::domain::oversight::{Coverage, InspectionCounts};
use crate::domain::periods::Period;
use crate::error::AppError;

/// The sections of a period's report that other capabilities count; each part fills its own.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Gathered {
    pub registers: RegisterFigures,
    pub outreach: Outreach,
    pub hearings: Hearings,
    pub other_laws: OtherLaws,
    pub inspections: InspectionCounts,
    pub coverage: CoverageCount,
    /// Periodic reports (番号法第29条の3第2項) on the year before, received by the period's end.
    pub periodic_reports: u64,
}

/// The prefectures the round has reached by the period's last day, of the 47.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CoverageCount {
    pub covered_count: u64,
    pub of: u64,
    /// The round's first day.
    pub since: Option<chrono::NaiveDate>,
}

impl CoverageCount {
    pub fn of(coverage: &Coverage, since: chrono::NaiveDate) -> Self {
        Self {
            covered_count: coverage.covered_count,
            of: coverage.of,
            since: Some(since),
        }
    }
}

/// A capability's share of the half-year report.
pub trait HalfYearPart: Send + Sync + 'static {
    /// Fills this capability's sections of `period`'s report.
    fn gather(
        &self,
        conn: &mut DbConnection,
        period: Period,
        into: &mut Gathered,
    ) -> Result<(), AppError>;
}

/// Every capability's part, asked in turn.
pub struct HalfYearParts(Vec<Box<dyn HalfYearPart>>);

impl HalfYearParts {
    pub fn new(parts: Vec<Box<dyn HalfYearPart>>) -> Self {
        Self(parts)
    }

    pub fn gather(&self, conn: &mut DbConnection, period: Period) -> Result<Gathered, AppError> {
        let mut gathered = Gathered::default();
        for part in &self.0 {
            part.gather(conn, period, &mut gathered)?;
        }
        Ok(gathered)
    }
}

/// The parts, listed once when the application is built (`lib.rs`): code, not state — every
/// instance lists the same parts, and nothing in them changes.
static PARTS: std::sync::OnceLock<HalfYearParts> = std::sync::OnceLock::new();

/// Lists the parts (the first listing stands; every build lists the same).
pub fn install(parts: impl FnOnce() -> HalfYearParts) {
    PARTS.get_or_init(parts);
}

/// The parts listed by the application.
pub fn installed() -> Result<&'static HalfYearParts, AppError> {
    PARTS
        .get()
        .ok_or_else(|| AppError::internal("the half-year report's parts were never listed"))
}
