//! What one capability shows on another's page, without either importing the other: the tables
//! about an organization on its page (its reports, cases, actions, users), the panels of the
//! staff's dashboard, staff's forms on a report's page that are supervision's (join a case,
//! gather related reports), and the work's panel on each record's page. Each capability implements [`Parts`] for what it contributes; the app hands the pages
//! every capability's parts, in order, as [`PageParts`] (`lib.rs`).

use chrono::NaiveDate;

use super::lists::Table;
use crate::auth::Principal;
use crate::db::DbConnection;
use crate::domain::work::RecordKind;
use crate::error::AppError;

/// A table about a record on its page, with the list page that shows all of it.
pub struct RelatedTable {
    /// The section's heading (漏えい等報告, 事案 …).
    pub heading: &'static str,
    pub table: Table,
    /// The list page of every row (empty: none).
    pub more: String,
}

/// What a capability contributes to pages it does not own. Each method has a default that
/// contributes nothing.
pub trait Parts: Send + Sync + 'static {
    /// Tables about organization `id`, on its page (staff).
    fn about_organization(
        &self,
        _conn: &mut DbConnection,
        _viewer: &Principal,
        _id: i64,
        _today: NaiveDate,
    ) -> Result<Vec<RelatedTable>, AppError> {
        Ok(Vec::new())
    }

    /// Panels of the staff's dashboard, each a rendered `<section>`.
    fn dashboard(
        &self,
        _conn: &mut DbConnection,
        _viewer: &Principal,
        _today: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        Ok(Vec::new())
    }

    /// Sections of the staff's statistics page of the period `first..=last`, each a rendered
    /// `<section>` after the period's own tables.
    fn statistics(
        &self,
        _conn: &mut DbConnection,
        _first: NaiveDate,
        _last: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        Ok(Vec::new())
    }

    /// Staff's forms about the incident of report `report_id`, after the report's own.
    fn report_forms(&self, _csrf: &str, _report_id: i64) -> Result<Vec<String>, AppError> {
        Ok(Vec::new())
    }

    /// A form under the reports related to report `report_id` (`related`: each one's report id
    /// and how the page names it), when there are any.
    fn related_form(
        &self,
        _csrf: &str,
        _report_id: i64,
        _related: &[(i64, String)],
    ) -> Result<Option<String>, AppError> {
        Ok(None)
    }

    /// A panel on record `id`'s page (its assignee, notes and timeline), a rendered
    /// `<section>`; `back` is the page's own path, for its forms to return to.
    fn record_panel(
        &self,
        _conn: &mut DbConnection,
        _viewer: &Principal,
        _kind: RecordKind,
        _id: i64,
        _csrf: &str,
        _back: &str,
    ) -> Result<Option<String>, AppError> {
        Ok(None)
    }
}

/// Every capability's parts, in the order their contributions are shown.
pub struct PageParts(Vec<Box<dyn Parts>>);

impl PageParts {
    pub fn new(parts: Vec<Box<dyn Parts>>) -> Self {
        Self(parts)
    }

    pub fn about_organization(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        id: i64,
        today: NaiveDate,
    ) -> Result<Vec<RelatedTable>, AppError> {
        let mut tables = Vec::new();
        for part in &self.0 {
            tables.extend(part.about_organization(conn, viewer, id, today)?);
        }
        Ok(tables)
    }

    pub fn dashboard(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        today: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        let mut panels = Vec::new();
        for part in &self.0 {
            panels.extend(part.dashboard(conn, viewer, today)?);
        }
        Ok(panels)
    }

    pub fn statistics(
        &self,
        conn: &mut DbConnection,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        let mut sections = Vec::new();
        for part in &self.0 {
            sections.extend(part.statistics(conn, first, last)?);
        }
        Ok(sections)
    }

    pub fn report_forms(&self, csrf: &str, report_id: i64) -> Result<Vec<String>, AppError> {
        let mut forms = Vec::new();
        for part in &self.0 {
            forms.extend(part.report_forms(csrf, report_id)?);
        }
        Ok(forms)
    }

    pub fn related_form(
        &self,
        csrf: &str,
        report_id: i64,
        related: &[(i64, String)],
    ) -> Result<Option<String>, AppError> {
        for part in &self.0 {
            if let Some(form) = part.related_form(csrf, report_id, related)? {
                return Ok(Some(form));
            }
        }
        Ok(None)
    }

    /// Every part's panel on record `id`'s page, in order.
    pub fn record_panels(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        kind: RecordKind,
        id: i64,
        csrf: &str,
        back: &str,
    ) -> Result<Vec<String>, AppError> {
        let mut panels = Vec::new();
        for part in &self.0 {
            panels.extend(part.record_panel(conn, viewer, kind, id, csrf, back)?);
        }
        Ok(panels)
    }
}

/// The panels of record `id`'s page for `viewer` (staff; none for others), read on a connection
/// of their own; `back` is the page's path.
pub async fn panels_of(
    db: &crate::db::Db,
    parts: &actix_web::web::Data<PageParts>,
    viewer: &Principal,
    csrf: String,
    kind: RecordKind,
    id: i64,
    back: String,
) -> Result<Vec<String>, AppError> {
    if !viewer.role.is_staff() {
        return Ok(Vec::new());
    }
    let (parts, viewer) = (parts.clone(), viewer.clone());
    db.read(move |conn| parts.record_panels(conn, &viewer, kind, id, &csrf, &back))
        .await
}
