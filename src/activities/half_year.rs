//! The activities' share of the half-year report: hearings, consultations under other laws and
//! certifications of the fiscal year to date (SPEC.md §7a).

use crate::db::DbConnection;
use crate::domain::activity_report::{Hearings, OtherLaws, year_to_date};
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
        let (from, to) = year_to_date(period);
        let counts = super::counts(conn, from, to)?;
        into.hearings = Hearings {
            bodies: counts.hearing_bodies,
            persons: counts.hearing_persons,
        };
        into.other_laws = OtherLaws {
            consultations: counts.other_law_consultations,
            certifications: counts.certifications,
        };
        Ok(())
    }
}
