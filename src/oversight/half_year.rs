//! My Number oversight's share of the half-year report (SPEC.md §7a): the outreach of the fiscal
//! year to date, the inspections by type started in the period, the prefectures the round has
//! reached by its last day, and the periodic reports on the year before received by then.

use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{events, inspection_plans};
use crate::domain::activity_report::{
    as_of, count_outreach, coverage_since, periodic_year, plan_since, year_to_date,
};
use crate::domain::oversight::EventKind;
use crate::domain::periods::{Period, fiscal_year_of};
use crate::domain::reportability::Regime;
use crate::error::AppError;
use crate::records::half_year::{CoverageCount, Gathered, HalfYearPart};

pub struct Part;

impl HalfYearPart for Part {
    fn gather(
        &self,
        conn: &mut DbConnection,
        period: Period,
        into: &mut Gathered,
    ) -> Result<(), AppError> {
        let (year_from, to) = year_to_date(period);
        let held: Vec<(String, String, Option<i32>, i32)> = events::table
            .filter(events::held_on.between(year_from, to))
            .select((
                events::kind,
                events::regime,
                events::bodies,
                events::participants,
            ))
            .load(conn)?;
        into.outreach = count_outreach(held.into_iter().filter_map(
            |(kind, regime, bodies, participants)| {
                Some((
                    EventKind::parse(&kind)?,
                    Regime::parse(&regime)?,
                    bodies,
                    participants,
                ))
            },
        ));

        let (from, to) = period.bounds();
        into.inspections = super::inspections(conn, from, to)?;

        // The fiscal year's plan says where its round began (`domain::activity_report::plan_since`).
        let plans: Vec<(chrono::NaiveDate, Option<chrono::NaiveDate>)> = inspection_plans::table
            .filter(inspection_plans::fiscal_year.eq(fiscal_year_of(as_of(period))))
            .order(inspection_plans::id.asc())
            .select((
                inspection_plans::adopted_on,
                inspection_plans::coverage_since,
            ))
            .load(conn)?;
        let since = coverage_since(period, plan_since(&plans, as_of(period)));
        into.coverage = CoverageCount::of(&super::reached(conn, since, as_of(period))?, since);

        into.periodic_reports =
            super::periodic::received_for_year(conn, periodic_year(period), as_of(period))?;
        Ok(())
    }
}
