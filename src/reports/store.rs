//! Reading reports and incidents. Lists are one joined query per page (no query per row);
//! "overdue" is a SQL condition, never computed over loaded rows.

use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::{
    Incident, IncidentFilter, IncidentView, Report, ReportFilter, ReportView, StatusFilter,
    ground_views,
};
use crate::auth::Principal;
use crate::db::DbConnection;
use crate::db::schema::{incidents, reports};
use crate::domain::deadlines::{IncidentStatus, is_late, overdue_as_of, report_due_on};
use crate::domain::reference::parse_incident_reference;
use crate::domain::report::Stage;
use crate::domain::reportability::Classification;
use crate::error::AppError;
use crate::http::{EXACT_TOTAL_UP_TO, Page, PageRequest, Rows, Total};

/// A report with its incident, as answered.
pub fn report_view(report: Report, incident: &Incident) -> ReportView {
    // This report's own facts, as the law read them when it was filed.
    let classification = Classification::of_grounds(report.regime, report.grounds.0.clone());
    let due = report_due_on(
        report.stage == Stage::Preliminary,
        report.aware_on,
        classification.extended_deadline(),
    );
    ReportView {
        reference: incident.reference(),
        mandatory: classification.mandatory,
        serious: classification.serious,
        grounds: classification.grounds,
        grounds_detail: ground_views(report.regime, &report.grounds),
        preliminary_due_on: incident.preliminary_due_on,
        final_due_on: incident.final_due_on,
        late: is_late(report.received_on, due),
        incident_status: IncidentStatus::of(incident.final_report_id.is_some()),
        report,
    }
}

pub fn find_report(conn: &mut DbConnection, id: i64) -> Result<Option<ReportView>, AppError> {
    let row: Option<(Report, Incident)> = reports::table
        .inner_join(incidents::table)
        .filter(reports::id.eq(id))
        .select((Report::as_select(), Incident::as_select()))
        .first(conn)
        .optional()?;
    Ok(row.map(|(report, incident)| report_view(report, &incident)))
}

pub fn list_reports(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &ReportFilter,
    today: NaiveDate,
) -> Result<Page<ReportView>, AppError> {
    let rows = report_rows(conn, viewer, filter, false, today)?;
    Ok(rows.into_page(|(report, incident)| report_view(report, &incident)))
}

/// A page of reports newest first (and the total), each with its incident (next deadline, lateness) as of `today`.
pub fn list_reports_with_incidents(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &ReportFilter,
    today: NaiveDate,
) -> Result<(Vec<(ReportView, IncidentView)>, Total), AppError> {
    let Rows { rows, total, .. } = report_rows(conn, viewer, filter, true, today)?;
    let views = rows
        .into_iter()
        .map(|(report, incident)| {
            let view = report_view(report, &incident);
            (view, IncidentView::new(incident, today))
        })
        .collect();
    Ok((views, total))
}

/// Narrows a boxed query over `incidents` (or joined with it) to the incidents that are overdue
/// on `today` (`Some(true)`) or not (`Some(false)`): the domain's condition ([`overdue_as_of`]),
/// written with its values as literal terms (`final_report_id IS NULL AND mandatory`), so that
/// both backends find the incidents awaiting a required final report in their partial index
/// (`incidents_final_required`, migration 16) rather than scanning every incident.
macro_rules! overdue_filter {
    ($query:expr, $overdue:expr, $today:expr) => {{
        let (mut query, overdue) = ($query, $overdue);
        let condition = overdue_as_of($today);
        match overdue {
            Some(true) => {
                query = if condition.final_received {
                    query.filter(incidents::final_report_id.is_not_null())
                } else {
                    query.filter(incidents::final_report_id.is_null())
                };
                query = if condition.reportable {
                    query.filter(incidents::mandatory)
                } else {
                    query.filter(diesel::dsl::not(incidents::mandatory))
                };
                query = query.filter(incidents::final_due_on.lt(condition.due_before));
            }
            Some(false) => {
                query = query.filter(
                    incidents::final_report_id
                        .is_not_null()
                        .ne(condition.final_received)
                        .or(incidents::mandatory.ne(condition.reportable))
                        .or(incidents::final_due_on.ge(condition.due_before)),
                );
            }
            None => {}
        }
        query
    }};
}

/// Narrows a boxed query over `reports` (joined with `incidents` or not) to what the report
/// filters ask, other than the incident's facts.
macro_rules! report_filters {
    ($query:expr, $viewer:expr, $filter:expr) => {{
        let (mut query, viewer, filter) = ($query, $viewer, $filter);
        if !viewer.role.is_staff() {
            query = query.filter(
                reports::organization_id
                    .nullable()
                    .eq(viewer.organization_id),
            );
        }
        if let Some(regime) = filter.regime {
            query = query.filter(reports::regime.eq(regime.as_str()));
        }
        if let Some(id) = filter.organization_id {
            query = query.filter(reports::organization_id.eq(id));
        }
        if let Some(stage) = filter.stage {
            query = query.filter(reports::stage.eq(stage.as_str()));
        }
        if let Some(id) = filter.incident_id {
            query = query.filter(reports::incident_id.eq(id));
        }
        if let Some(from) = filter.received_from {
            query = query.filter(reports::received_on.ge(from));
        }
        if let Some(to) = filter.received_to {
            query = query.filter(reports::received_on.le(to));
        }
        if let Some(status) = filter.review_status {
            query = query.filter(reports::review_status.eq(status.as_str()));
        }
        query
    }};
}

/// Narrows a boxed query over `incidents` (or joined with it) to the incident's facts the report
/// filter asks.
macro_rules! incident_facts {
    ($query:expr, $filter:expr, $today:expr) => {{
        let (mut query, filter) = ($query, $filter);
        if let Some(mandatory) = filter.mandatory {
            query = query.filter(incidents::mandatory.eq(mandatory));
        }
        if let Some(serious) = filter.serious {
            query = query.filter(incidents::serious.eq(serious));
        }
        overdue_filter!(query, filter.overdue, $today)
    }};
}

/// One page of reports in id order — in order of the day of receipt, then id, when the filter
/// bounds that day (its index then gives the order at any depth) — with their incidents: the
/// total `$counted` (as [`PageRequest::count`] counts), the page's ids found by `$query`, then
/// their rows. Both are the same list: as a rule counted from the same query, or each in the
/// form its database answers fastest.
macro_rules! report_page {
    ($conn:expr, $filter:expr, $counted:expr, $query:expr, $newest_first:expr) => {{
        let newest_first = $newest_first;
        let dated = $filter.received_from.is_some() || $filter.received_to.is_some();
        let request = PageRequest::new($filter.page, $filter.per_page);
        let counted: i64 = $counted;
        let q = $query;
        request.page_by_id(
            $conn,
            counted,
            {
                let q = match (dated, newest_first) {
                    (false, false) => q.order(reports::id.asc()),
                    (false, true) => q.order(reports::id.desc()),
                    (true, false) => q.order((reports::received_on.asc(), reports::id.asc())),
                    (true, true) => q.order((reports::received_on.desc(), reports::id.desc())),
                };
                q.select(reports::id)
            },
            |conn, ids| {
                Ok(reports::table
                    .inner_join(incidents::table)
                    .filter(reports::id.eq_any(ids))
                    .select((Report::as_select(), Incident::as_select()))
                    .load(conn)?)
            },
            |(report, _): &(Report, Incident)| report.id,
        )
    }};
}

fn report_rows(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &ReportFilter,
    newest_first: bool,
    today: NaiveDate,
) -> Result<Rows<(Report, Incident)>, AppError> {
    let request = PageRequest::new(filter.page, filter.per_page);
    // A list without the incident's facts never reads an incident but for the page's rows.
    if filter.mandatory.is_none() && filter.serious.is_none() && filter.overdue.is_none() {
        let query = || report_filters!(reports::table.into_boxed(), viewer, filter);
        return report_page!(
            conn,
            filter,
            request.count(conn, query())?,
            query(),
            newest_first
        );
    }
    let joined = || {
        incident_facts!(
            report_filters!(
                reports::table.inner_join(incidents::table).into_boxed(),
                viewer,
                filter
            ),
            filter,
            today
        )
    };
    let counted = if viewer.role.is_staff() && !filter.asks_of_the_report() {
        // Every incident is opened by its first report, and no report is ever removed: beyond
        // the exact count's cap of incidents with those facts, their reports are beyond it too,
        // and the reports need not be counted (docs/performance.md, session 16).
        let incidents = request.count(
            conn,
            incident_facts!(incidents::table.into_boxed(), filter, today),
        )?;
        if incidents > EXACT_TOTAL_UP_TO {
            incidents
        } else {
            request.count(conn, joined())?
        }
    } else {
        request.count(conn, joined())?
    };
    if filter.overdue.is_none() && matches!(conn, DbConnection::Sqlite(_)) {
        // SQLite plans the join with the incidents outside and sorts every match to find one
        // page. Its page's ids are found along the reports' order instead, each report's
        // incident checked by its key (docs/performance.md, session 15); the count keeps the
        // join, which a selective filter (serious) counts from its incidents.
        let mut walked = report_filters!(reports::table.into_boxed(), viewer, filter);
        for (column, wanted) in [("mandatory", filter.mandatory), ("serious", filter.serious)] {
            if let Some(wanted) = wanted {
                walked = walked.filter(
                    sql::<Bool>(&format!(
                        "EXISTS (SELECT 1 FROM incidents \
                         WHERE incidents.id = reports.incident_id AND incidents.{column} = "
                    ))
                    .bind::<Bool, _>(wanted)
                    .sql(")"),
                );
            }
        }
        return report_page!(conn, filter, counted, walked, newest_first);
    }
    report_page!(conn, filter, counted, joined(), newest_first)
}

pub fn find_incident(conn: &mut DbConnection, id: i64) -> Result<Option<Incident>, AppError> {
    Ok(incidents::table
        .find(id)
        .select(Incident::as_select())
        .first(conn)
        .optional()?)
}

/// One incident with its chain of reports, oldest first.
pub fn incident_with_reports(
    conn: &mut DbConnection,
    incident: Incident,
    today: NaiveDate,
) -> Result<IncidentView, AppError> {
    let chain: Vec<Report> = reports::table
        .filter(reports::incident_id.eq(incident.id))
        .order(reports::id.asc())
        .select(Report::as_select())
        .load(conn)?;
    let views = chain
        .into_iter()
        .map(|report| report_view(report, &incident))
        .collect();
    let mut view = IncidentView::new(incident, today);
    view.reports = Some(views);
    Ok(view)
}

pub fn list_incidents(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &IncidentFilter,
    today: NaiveDate,
) -> Result<Page<IncidentView>, AppError> {
    // A reference names one incident; one that cannot be parsed names none.
    let reference = filter
        .reference
        .as_deref()
        .map(|text| parse_incident_reference(text).unwrap_or((0, 0)));
    let query = || {
        let mut query = incidents::table.into_boxed();
        if !viewer.role.is_staff() {
            query = query.filter(
                incidents::organization_id
                    .nullable()
                    .eq(viewer.organization_id),
            );
        }
        if let Some((year, id)) = reference {
            let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
            let last = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN);
            query = query
                .filter(incidents::id.eq(id))
                .filter(incidents::first_received_on.between(first, last));
        }
        query = overdue_filter!(query, filter.overdue, today);
        if let Some(regime) = filter.regime {
            query = query.filter(incidents::regime.eq(regime.as_str()));
        }
        if let Some(id) = filter.organization_id {
            query = query.filter(incidents::organization_id.eq(id));
        }
        match filter.status {
            Some(StatusFilter::AwaitingFinal) => {
                query = query.filter(incidents::final_report_id.is_null());
            }
            Some(StatusFilter::Complete) => {
                query = query.filter(incidents::final_report_id.is_not_null());
            }
            None => {}
        }
        if let Some(mandatory) = filter.mandatory {
            query = query.filter(incidents::mandatory.eq(mandatory));
        }
        if let Some(serious) = filter.serious {
            query = query.filter(incidents::serious.eq(serious));
        }
        if let Some(from) = filter.received_from {
            query = query.filter(incidents::first_received_on.ge(from));
        }
        if let Some(to) = filter.received_to {
            query = query.filter(incidents::first_received_on.le(to));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load_by_id(
        conn,
        query,
        |q| {
            // In order of the day of first receipt when the filter bounds it (its index then
            // gives the order at any depth).
            if filter.received_from.is_some() || filter.received_to.is_some() {
                q.order((incidents::first_received_on.asc(), incidents::id.asc()))
                    .select(incidents::id)
            } else {
                q.order(incidents::id.asc()).select(incidents::id)
            }
        },
        |conn, ids| {
            Ok(incidents::table
                .filter(incidents::id.eq_any(ids))
                .select(Incident::as_select())
                .load(conn)?)
        },
        |incident| incident.id,
    )?;
    Ok(rows.into_page(|incident| IncidentView::new(incident, today)))
}
