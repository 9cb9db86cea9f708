//! My Number oversight (API.md "Version 3", Oversight; seed 001 Ⅱ（４）（５）): the on-site
//! inspections by type in a period, the yearly inspection plans (`plans`), the outreach events
//! (`events`), and the prefectures a policy's round of review inspections and safety-measures
//! seminars has reached. An inspection
//! is an action (the supervision capability records it, with its type); this capability reads
//! and counts them.

pub mod agenda;
pub mod agenda_pages;
pub mod commands;
pub mod events;
pub mod half_year;
pub mod handlers;
pub mod import;
pub mod labels;
pub mod mail;
pub mod pages;
pub mod periodic;
pub mod periodic_pages;
pub mod pia;
pub mod pia_pages;
pub mod plans;
pub mod reviewed;
pub mod routes;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::db::DbConnection;
use crate::db::schema::{actions, organizations};
use crate::domain::oversight::{
    Coverage, InspectionCounts, InspectionType, count_inspections, coverage,
};
use crate::domain::periods::Period;
use crate::domain::powers::ActionKind;
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Refusal};

/// `GET /api/v1/oversight/inspections`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct InspectionsQuery {
    /// `FY2019`, `FY2019-H1`/`H2`, `FY2019-Q1`…`Q4`.
    #[param(format = "period")]
    pub period: String,
}

impl InspectionsQuery {
    pub fn period(&self) -> Result<Period, AppError> {
        Period::parse(&self.period).map_err(|e| FieldErrors::single("period", e.refusal()))
    }
}

/// `GET /api/v1/oversight/coverage`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CoverageQuery {
    /// The day the round began (「本年度までに…一巡」: it may span years).
    pub since: NaiveDate,
    /// The day it is judged on.
    pub as_of: NaiveDate,
}

impl CoverageQuery {
    /// The round's days, `since` not after `as_of`.
    pub fn days(&self) -> Result<(NaiveDate, NaiveDate), AppError> {
        if self.as_of < self.since {
            return Err(FieldErrors::single(
                "as_of",
                Refusal::BeforeField {
                    other: "since".into(),
                },
            ));
        }
        Ok((self.since, self.as_of))
    }
}

/// The My Number on-site inspections started from `from` to `to`, by type: one continued from an
/// earlier period started then, and is not counted again.
pub fn inspections(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<InspectionCounts, AppError> {
    let rows: Vec<(Option<String>, Option<String>)> = actions::table
        .inner_join(organizations::table)
        .filter(actions::kind.eq(ActionKind::OnsiteInspection.as_str()))
        .filter(actions::regime.eq(Regime::MyNumber.as_str()))
        .filter(actions::started_on.between(from, to))
        .select((actions::inspection_type, organizations::prefecture))
        .load(conn)?;
    Ok(count_inspections(rows.iter().map(|(t, prefecture)| {
        (
            t.as_deref().and_then(InspectionType::parse),
            prefecture.as_deref(),
        )
    })))
}

/// The prefectures reached from `since` to `as_of`: by a review inspection of a body in it, or a
/// safety-measures seminar held in it.
pub fn reached(
    conn: &mut DbConnection,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<Coverage, AppError> {
    let mut reached: Vec<String> = actions::table
        .inner_join(organizations::table)
        .filter(actions::kind.eq(ActionKind::OnsiteInspection.as_str()))
        .filter(actions::regime.eq(Regime::MyNumber.as_str()))
        .filter(actions::inspection_type.eq(InspectionType::Review.as_str()))
        .filter(actions::started_on.between(since, as_of))
        .filter(organizations::prefecture.is_not_null())
        .select(organizations::prefecture.assume_not_null())
        .distinct()
        .load(conn)?;
    reached.extend(events::safety_seminar_prefectures(conn, since, as_of)?);
    Ok(coverage(reached.iter().map(String::as_str)))
}
