//! What reports show on other capabilities' pages (`web::parts`): an organization's reports on
//! its page, and the dashboard's new reports and overdue incidents.

use askama::Template;
use chrono::NaiveDate;

use crate::auth::Principal;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::records::organizations;
use crate::reports::{IncidentFilter, IncidentView, ReportFilter, ReportView, store};
use crate::web::lists::{Cell, Table};
use crate::web::parts::RelatedTable;

/// Rows of each list on an organization's page.
const RELATED_ROWS: u32 = 10;
/// New reports on the dashboard.
const DASHBOARD_ROWS: u32 = 10;

struct ReportRow {
    report: ReportView,
    incident: IncidentView,
    organization: String,
}

impl ReportRow {
    fn obligation_ja(&self) -> &'static str {
        self.incident.regime.obligation_ja(self.incident.mandatory)
    }
}

struct IncidentRow {
    incident: IncidentView,
    organization: String,
}

#[derive(Template)]
#[template(path = "reports/dashboard.html")]
struct Panels {
    new_reports: Vec<ReportRow>,
    overdue_incidents: Vec<IncidentRow>,
    overdue_incident_total: crate::http::Total,
}

/// Reports' parts.
pub struct Parts;

impl crate::web::parts::Parts for Parts {
    fn about_organization(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        id: i64,
        today: NaiveDate,
    ) -> Result<Vec<RelatedTable>, AppError> {
        let filter = ReportFilter {
            organization_id: Some(id),
            per_page: Some(RELATED_ROWS),
            ..ReportFilter::default()
        };
        let (found, total) = store::list_reports_with_incidents(conn, viewer, &filter, today)?;
        let reports = Table {
            caption: "この機関の漏えい等報告",
            columns: vec!["受付番号", "報告", "受付日", "法令"],
            total,
            rows: found
                .iter()
                .map(|(report, incident)| {
                    let href = format!("/reports/{}", report.report.id);
                    vec![
                        Cell::link(&report.reference, &href),
                        Cell::text(report.report.stage.label_ja()),
                        Cell::day(report.report.received_on),
                        Cell::text(incident.regime.label_ja()),
                    ]
                })
                .collect(),
        };
        Ok(vec![RelatedTable {
            heading: "漏えい等報告",
            table: reports,
            more: format!("/reports?organization_id={id}"),
        }])
    }

    fn dashboard(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        today: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        let latest = ReportFilter {
            per_page: Some(DASHBOARD_ROWS),
            ..ReportFilter::default()
        };
        let (new_reports, _) = store::list_reports_with_incidents(conn, viewer, &latest, today)?;
        let overdue = IncidentFilter {
            overdue: Some(true),
            per_page: Some(20),
            ..IncidentFilter::default()
        };
        let overdue_incidents = store::list_incidents(conn, viewer, &overdue, today)?;
        let mut ids: Vec<i64> = new_reports
            .iter()
            .map(|(r, _)| r.report.organization_id)
            .collect();
        ids.extend(overdue_incidents.items.iter().map(|i| i.organization_id));
        let names = organizations::names(conn, &ids)?;
        let panels = Panels {
            new_reports: new_reports
                .into_iter()
                .map(|(report, incident)| ReportRow {
                    organization: organizations::name_in(&names, report.report.organization_id),
                    report,
                    incident,
                })
                .collect(),
            overdue_incident_total: overdue_incidents.count(),
            overdue_incidents: overdue_incidents
                .items
                .into_iter()
                .map(|incident| IncidentRow {
                    organization: organizations::name_in(&names, incident.organization_id),
                    incident,
                })
                .collect(),
        };
        Ok(vec![panels.render().map_err(|e| {
            AppError::internal(format!("template: {e}"))
        })?])
    }
}
