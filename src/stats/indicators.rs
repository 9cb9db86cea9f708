//! The rows the indicators are computed from (`domain::indicators`): each incident first
//! received in the period with its entity's group and prefecture, and the cause and dates of its
//! preliminary and final reports. Nothing is counted here.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{incidents, organizations, reports};
use crate::domain::indicators::{Filed, IncidentFacts};
use crate::domain::organization::OrganizationKind;
use crate::domain::periods::Period;
use crate::domain::report::{Cause, Stage};
use crate::error::AppError;

type IncidentRow = (
    i64,
    NaiveDate,
    NaiveDate,
    bool,
    Option<i64>,
    String,
    Option<String>,
);

type ReportRow = (i64, i64, String, NaiveDate, NaiveDate, String);

/// The incidents first received in `period`, as the indicators read them.
pub fn facts(conn: &mut DbConnection, period: Period) -> Result<Vec<IncidentFacts>, AppError> {
    let (from, to) = period.bounds();
    let incidents: Vec<IncidentRow> = incidents::table
        .inner_join(organizations::table)
        .filter(incidents::first_received_on.between(from, to))
        .order(incidents::id.asc())
        .select((
            incidents::id,
            incidents::preliminary_due_on,
            incidents::final_due_on,
            incidents::mandatory,
            incidents::final_report_id,
            organizations::kind,
            organizations::prefecture,
        ))
        .load(conn)?;
    let reports: Vec<ReportRow> = reports::table
        .inner_join(incidents::table)
        .filter(incidents::first_received_on.between(from, to))
        .order(reports::id.asc())
        .select((
            reports::id,
            reports::incident_id,
            reports::stage,
            reports::aware_on,
            reports::received_on,
            reports::cause,
        ))
        .load(conn)?;
    // Each incident's first preliminary report, and every report by id.
    let mut preliminary: HashMap<i64, Filed> = HashMap::new();
    let mut by_id: HashMap<i64, Filed> = HashMap::new();
    for (id, incident, stage, aware_on, received_on, cause) in reports {
        let cause = Cause::parse(&cause)
            .ok_or_else(|| AppError::internal(format!("report {id}: cause {cause:?}")))?;
        let filed = Filed {
            aware_on,
            received_on,
            cause,
        };
        if stage == Stage::Preliminary.as_str() {
            preliminary.entry(incident).or_insert(filed);
        }
        by_id.insert(id, filed);
    }
    incidents
        .into_iter()
        .map(
            |(id, preliminary_due_on, final_due_on, reportable, final_id, kind, prefecture)| {
                let kind = OrganizationKind::parse(&kind).ok_or_else(|| {
                    AppError::internal(format!("incident {id}: organization kind {kind:?}"))
                })?;
                Ok(IncidentFacts {
                    preliminary_due_on,
                    final_due_on,
                    reportable,
                    preliminary: preliminary.get(&id).copied(),
                    final_report: final_id.and_then(|report| by_id.get(&report).copied()),
                    group: kind.group(),
                    prefecture,
                })
            },
        )
        .collect()
}
