//! The rows the indicators are computed from (`domain::indicators`): each incident first
//! received in the period with its entity's group and prefecture, and the cause and dates of its
//! preliminary and final reports. Nothing is counted here.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDate};
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

/// How sparse the period's incident ids may be for their reports to be read as one range of
/// incident ids (the extra incidents' reports read and dropped): at most this many ids in the
/// range per incident of the period.
const DENSE: i64 = 2;

/// The reports of `incidents` (those first received from `from` to `to`), in id order.
///
/// Incidents entered as they arrive have ids in order of receipt, so a period's incidents are
/// one run of ids: their reports are then one range of `reports (incident_id, id, …)`, read
/// from the index alone (migration 16), where a join probes the index once for each of a
/// half-year's 50,000 incidents. Where back-filled or imported incidents scatter a period's
/// ids, the join is used.
fn period_reports(
    conn: &mut DbConnection,
    incidents: &[IncidentRow],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ReportRow>, AppError> {
    let columns = (
        reports::id,
        reports::incident_id,
        reports::stage,
        reports::aware_on,
        reports::received_on,
        reports::cause,
    );
    let (Some(first), Some(last)) = (incidents.first(), incidents.last()) else {
        return Ok(Vec::new());
    };
    let (low, high) = (first.0, last.0);
    let count = incidents.len() as i64;
    if high - low < DENSE * count {
        let ids: HashSet<i64> = incidents.iter().map(|row| row.0).collect();
        let mut rows: Vec<ReportRow> = reports::table
            .filter(reports::incident_id.between(low, high))
            .select(columns)
            .load(conn)?;
        rows.retain(|row| ids.contains(&row.1));
        rows.sort_unstable_by_key(|row| row.0);
        return Ok(rows);
    }
    Ok(reports::table
        .inner_join(incidents::table)
        .filter(incidents::first_received_on.between(from, to))
        .order(reports::id.asc())
        .select(columns)
        .load(conn)?)
}

/// Days of receipt read at a time: a half-year's incidents (50,000 at a million) are read in
/// fourteen parts, so that one part's rows are held at once, not the period's — the rows of a
/// whole half-year were the largest memory a call took (docs/performance.md, "Peak RSS"). The
/// parts are read in the caller's transaction (one snapshot).
const DAYS_A_PART: i64 = 14;

/// The incidents first received in `period`, as the indicators read them (in no set order).
pub fn facts(conn: &mut DbConnection, period: Period) -> Result<Vec<IncidentFacts>, AppError> {
    let (from, to) = period.bounds();
    let mut facts = Vec::new();
    for (start, end) in parts(from, to) {
        facts.extend(part(conn, start, end)?);
    }
    Ok(facts)
}

/// The days `from..=to` in runs of [`DAYS_A_PART`] (the last one shorter), in order.
fn parts(from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveDate)> {
    let mut parts = Vec::new();
    let mut start = from;
    while start <= to {
        let end = (start + Duration::days(DAYS_A_PART - 1)).min(to);
        parts.push((start, end));
        start = end + Duration::days(1);
    }
    parts
}

/// The incidents first received from `from` to `to`.
fn part(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<IncidentFacts>, AppError> {
    let mut incidents: Vec<IncidentRow> = incidents::table
        .inner_join(organizations::table)
        .filter(incidents::first_received_on.between(from, to))
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
    // In id order, as the reports' range below takes them (sorted here, not by the database).
    incidents.sort_unstable_by_key(|row| row.0);
    let reports = period_reports(conn, &incidents, from, to)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_cover_every_day_of_a_period_once() {
        for id in ["FY2024-H1", "FY2024-H2", "FY2023-Q4", "FY2025-Q1"] {
            let (from, to) = Period::parse(id).unwrap().bounds();
            let parts = parts(from, to);
            assert_eq!(parts.first().map(|p| p.0), Some(from), "{id}");
            assert_eq!(parts.last().map(|p| p.1), Some(to), "{id}");
            for pair in parts.windows(2) {
                assert_eq!(pair[0].1 + Duration::days(1), pair[1].0, "{id}");
            }
            for (start, end) in &parts {
                assert!(
                    start <= end && (*end - *start).num_days() < DAYS_A_PART,
                    "{id}"
                );
            }
        }
        let half = Period::parse("FY2024-H1").unwrap().bounds();
        assert_eq!(
            parts(half.0, half.1).len(),
            14,
            "183 days: 13 whole parts and one day"
        );
        let day = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        assert_eq!(parts(day, day), vec![(day, day)]);
    }
}
