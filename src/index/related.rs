//! The reports that may describe the same event as one report (API.md, "Search"): the rows are
//! gathered by indexed lookups — the same organization, the contractor relations, awareness close
//! in time — and judged by `domain::search::related`.

use chrono::{Datelike, Duration, NaiveDate};
use diesel::prelude::*;

use super::RelatedReport;
use crate::db::schema::{incidents, reports};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::reference::incident_reference;
use crate::domain::search::{
    AWARE_WITHIN_DAYS, RELATED_WINDOW_DAYS, ReportFacts, related as judge,
};
use crate::error::{AppError, Missing};

/// The most related reports answered.
pub const LIMIT: usize = 50;

type Row = (i64, i64, i64, Option<i64>, NaiveDate, String);

fn columns() -> (
    reports::id,
    reports::incident_id,
    reports::organization_id,
    reports::contractor_organization_id,
    reports::aware_on,
    reports::summary,
) {
    (
        reports::id,
        reports::incident_id,
        reports::organization_id,
        reports::contractor_organization_id,
        reports::aware_on,
        reports::summary,
    )
}

fn facts(
    (report_id, incident_id, organization_id, contractor, aware_on, summary): Row,
) -> ReportFacts {
    ReportFacts {
        report_id,
        incident_id,
        organization_id,
        contractor_organization_id: contractor,
        aware_on,
        summary,
    }
}

/// The related reports of report `id`, strongest first.
pub fn related(conn: &mut DbConnection, id: i64) -> Result<Vec<RelatedReport>, AppError> {
    let subject: Row = reports::table
        .find(id)
        .select(columns())
        .first(conn)
        .optional()?
        .ok_or(AppError::NotFound(Missing::Report))?;
    let (_, incident, organization, contractor, aware_on, _) = subject.clone();
    let window = Duration::days(RELATED_WINDOW_DAYS);
    let (from, to) = (aware_on - window, aware_on + window);
    let close = Duration::days(AWARE_WITHIN_DAYS);
    // Each lookup: reports aware within `from..=to`, by one index.
    let within = |conn: &mut DbConnection,
                  query: reports::BoxedQuery<'static, MultiBackend>,
                  (from, to): (NaiveDate, NaiveDate)| {
        query
            .filter(reports::aware_on.between(from, to))
            .select(columns())
            .load::<Row>(conn)
    };
    let others = || reports::table.filter(reports::incident_id.ne(incident));
    // The same organization's other reports, and those naming it as their contractor.
    let mut rows = within(
        conn,
        others()
            .filter(reports::organization_id.eq(organization))
            .into_boxed(),
        (from, to),
    )?;
    rows.extend(within(
        conn,
        reports::table
            .filter(reports::contractor_organization_id.eq(organization))
            .into_boxed(),
        (from, to),
    )?);
    if let Some(contractor) = contractor {
        // The contractor's own reports, and others naming the same contractor.
        rows.extend(within(
            conn,
            reports::table
                .filter(reports::organization_id.eq(contractor))
                .into_boxed(),
            (from, to),
        )?);
        rows.extend(within(
            conn,
            others()
                .filter(reports::contractor_organization_id.eq(contractor))
                .into_boxed(),
            (from, to),
        )?);
    }
    // Reports whose awareness is close: their summaries are compared.
    rows.extend(within(
        conn,
        others().into_boxed(),
        (aware_on - close, aware_on + close),
    )?);
    rows.sort_unstable_by_key(|row| row.0);
    rows.dedup_by_key(|row| row.0);
    let others: Vec<ReportFacts> = rows.into_iter().map(facts).collect();
    let found = judge(&facts(subject), &others, LIMIT);
    // The references of the incidents found, in one query.
    let incident_ids: Vec<i64> = found.iter().map(|r| r.incident_id).collect();
    let firsts: Vec<(i64, NaiveDate)> = incidents::table
        .filter(incidents::id.eq_any(&incident_ids))
        .select((incidents::id, incidents::first_received_on))
        .load(conn)?;
    let organizations: Vec<(i64, i64)> = reports::table
        .filter(reports::id.eq_any(found.iter().map(|r| r.report_id).collect::<Vec<_>>()))
        .select((reports::id, reports::organization_id))
        .load(conn)?;
    Ok(found
        .into_iter()
        .filter_map(|related| {
            let first = firsts.iter().find(|(id, _)| *id == related.incident_id)?.1;
            let organization_id = organizations
                .iter()
                .find(|(id, _)| *id == related.report_id)?
                .1;
            Some(RelatedReport {
                report_id: related.report_id,
                reference: incident_reference(first.year(), related.incident_id),
                organization_id,
                reasons: related.reasons,
                similarity: (related.similarity * 100.0).round() / 100.0,
            })
        })
        .collect())
}
