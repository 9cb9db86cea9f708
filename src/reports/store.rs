//! Reading reports and incidents. Lists are one joined query per page (no query per row);
//! "overdue" is a SQL condition, never computed over loaded rows.

use chrono::NaiveDate;
use diesel::prelude::*;

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
use crate::http::{Page, PageRequest, Rows};

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
) -> Result<(Vec<(ReportView, IncidentView)>, i64), AppError> {
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

fn report_rows(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &ReportFilter,
    newest_first: bool,
    today: NaiveDate,
) -> Result<Rows<(Report, Incident)>, AppError> {
    let overdue = overdue_as_of(today);
    let query = || {
        let mut query = reports::table.inner_join(incidents::table).into_boxed();
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
        if let Some(mandatory) = filter.mandatory {
            query = query.filter(incidents::mandatory.eq(mandatory));
        }
        if let Some(serious) = filter.serious {
            query = query.filter(incidents::serious.eq(serious));
        }
        if let Some(status) = filter.review_status {
            query = query.filter(reports::review_status.eq(status.as_str()));
        }
        // The domain's condition, applied: no final report, reportable, due before today.
        let final_received = incidents::final_report_id.is_not_null();
        match filter.overdue {
            Some(true) => {
                query = query
                    .filter(final_received.eq(overdue.final_received))
                    .filter(incidents::mandatory.eq(overdue.reportable))
                    .filter(incidents::final_due_on.lt(overdue.due_before));
            }
            Some(false) => {
                query = query.filter(
                    final_received
                        .ne(overdue.final_received)
                        .or(incidents::mandatory.ne(overdue.reportable))
                        .or(incidents::final_due_on.ge(overdue.due_before)),
                );
            }
            None => {}
        }
        query
    };
    PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        let order = if newest_first {
            q.order(reports::id.desc())
        } else {
            q.order(reports::id.asc())
        };
        order.select((Report::as_select(), Incident::as_select()))
    })
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
        // The domain's condition, applied: no final report, reportable, due before today.
        let overdue = overdue_as_of(today);
        let final_received = incidents::final_report_id.is_not_null();
        match filter.overdue {
            Some(true) => {
                query = query
                    .filter(final_received.eq(overdue.final_received))
                    .filter(incidents::mandatory.eq(overdue.reportable))
                    .filter(incidents::final_due_on.lt(overdue.due_before));
            }
            Some(false) => {
                query = query.filter(
                    final_received
                        .ne(overdue.final_received)
                        .or(incidents::mandatory.ne(overdue.reportable))
                        .or(incidents::final_due_on.ge(overdue.due_before)),
                );
            }
            None => {}
        }
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
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(incidents::id.asc()).select(Incident::as_select())
    })?;
    Ok(rows.into_page(|incident| IncidentView::new(incident, today)))
}
