//! What supervision shows on other capabilities' pages (`web::parts`): an organization's cases
//! and actions on its page; the dashboard's overdue report collections, open cases and recent
//! actions; and, on a report's page, the forms that join its incident to a case and gather it
//! with related reports.

use askama::Template;
use chrono::NaiveDate;

use super::incidents::{gather_form, join_form};
use crate::auth::Principal;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::records::organizations;
use crate::supervision::{
    ActionFilter, ActionOrder, ActionView, Case, CaseFilter, CaseOrder, actions, cases,
};
use crate::web::lists::{Cell, Table};
use crate::web::parts::RelatedTable;

/// Rows of each list on an organization's page.
const RELATED_ROWS: u32 = 10;
/// Recent actions on the dashboard.
const DASHBOARD_ROWS: i64 = 10;

struct ActionRow {
    action: ActionView,
    organization: String,
}

impl ActionRow {
    fn power_ja(&self) -> &'static str {
        self.action
            .legal_basis
            .map_or(self.action.action.kind.label_ja(), |basis| basis.power_ja)
    }
}

#[derive(Template)]
#[template(path = "supervision/dashboard.html")]
struct Panels {
    overdue_collections: Vec<ActionRow>,
    overdue_collection_total: crate::http::Total,
    open_cases: Vec<Case>,
    recent_actions: Vec<ActionRow>,
}

/// Supervision's parts.
pub struct Parts;

impl crate::web::parts::Parts for Parts {
    fn about_organization(
        &self,
        conn: &mut DbConnection,
        _viewer: &Principal,
        id: i64,
        today: NaiveDate,
    ) -> Result<Vec<RelatedTable>, AppError> {
        let found = cases::list(
            conn,
            &CaseFilter {
                organization_id: Some(id),
                per_page: Some(RELATED_ROWS),
                sort: Some(CaseOrder::LastActivity),
                ..CaseFilter::default()
            },
        )?;
        let cases = Table {
            caption: "この機関が関係する事案",
            columns: vec!["番号", "件名", "状況"],
            total: found.count(),
            rows: found
                .items
                .iter()
                .map(|case| {
                    vec![
                        Cell::link(case.id, format!("/cases/{}", case.id)),
                        Cell::link(&case.title, format!("/cases/{}", case.id)),
                        Cell::text(case.status.label_ja()),
                    ]
                })
                .collect(),
        };
        let found = actions::list(
            conn,
            &ActionFilter {
                organization_id: Some(id),
                per_page: Some(RELATED_ROWS),
                sort: Some(ActionOrder::Newest),
                ..ActionFilter::default()
            },
            today,
        )?;
        let actions = Table {
            caption: "この機関への監督措置",
            columns: vec!["番号", "措置", "開始日", "終了日"],
            total: found.count(),
            rows: found
                .items
                .iter()
                .map(|view| {
                    let a = &view.action;
                    let href = format!("/actions/{}", a.id);
                    vec![
                        Cell::link(a.id, &href),
                        Cell::link(
                            crate::domain::powers::power_named(a.kind, a.regime).0,
                            &href,
                        ),
                        Cell::day(a.started_on),
                        Cell::date(a.ended_on),
                    ]
                })
                .collect(),
        };
        Ok(vec![
            RelatedTable {
                heading: "事案",
                table: cases,
                more: format!("/cases?organization_id={id}"),
            },
            RelatedTable {
                heading: "監督措置",
                table: actions,
                more: format!("/actions?organization_id={id}"),
            },
        ])
    }

    fn dashboard(
        &self,
        conn: &mut DbConnection,
        _viewer: &Principal,
        today: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        let late_collections = ActionFilter {
            overdue: Some(true),
            per_page: Some(20),
            ..ActionFilter::default()
        };
        let overdue_collections = actions::list(conn, &late_collections, today)?;
        let open_cases = cases::open(conn, 20)?;
        let recent_actions = actions::recent(conn, DASHBOARD_ROWS, today)?;
        let mut ids: Vec<i64> = overdue_collections
            .items
            .iter()
            .map(|a| a.action.organization_id)
            .collect();
        ids.extend(recent_actions.iter().map(|a| a.action.organization_id));
        let names = organizations::names(conn, &ids)?;
        let action_rows = |list: Vec<ActionView>| {
            list.into_iter()
                .map(|action| ActionRow {
                    organization: organizations::name_in(&names, action.action.organization_id),
                    action,
                })
                .collect::<Vec<_>>()
        };
        let panels = Panels {
            overdue_collection_total: overdue_collections.count(),
            overdue_collections: action_rows(overdue_collections.items),
            open_cases,
            recent_actions: action_rows(recent_actions),
        };
        Ok(vec![panels.render().map_err(|e| {
            AppError::internal(format!("template: {e}"))
        })?])
    }

    fn report_forms(&self, csrf: &str, report_id: i64) -> Result<Vec<String>, AppError> {
        Ok(vec![join_form(csrf, report_id)?])
    }

    fn related_form(
        &self,
        csrf: &str,
        report_id: i64,
        related: &[(i64, String)],
    ) -> Result<Option<String>, AppError> {
        gather_form(csrf, report_id, related).map(Some)
    }
}
