//! The reports that may describe the same event as a report (`index::related`), with their
//! organizations' names: listed on the report's page, and offered there to gather into a case.

use crate::db::DbConnection;
use crate::error::AppError;

/// A related report as a page lists it.
pub struct RelatedRow {
    pub report_id: i64,
    pub reference: String,
    pub organization: String,
    /// The reasons, in Japanese, joined by 「、」.
    pub reasons: String,
}

impl RelatedRow {
    /// The report as a form offers it: its id, and `reference　organization（reasons）`.
    pub fn choice(&self) -> (i64, String) {
        (
            self.report_id,
            format!(
                "{}　{}（{}）",
                self.reference, self.organization, self.reasons
            ),
        )
    }
}

/// The related reports of report `id`, with their organizations' names.
pub fn rows(conn: &mut DbConnection, id: i64) -> Result<Vec<RelatedRow>, AppError> {
    let related = crate::index::related::related(conn, id)?;
    let ids: Vec<i64> = related.iter().map(|r| r.organization_id).collect();
    let names = super::organizations::names(conn, &ids)?;
    Ok(related
        .into_iter()
        .map(|r| RelatedRow {
            report_id: r.report_id,
            organization: names
                .get(&r.organization_id)
                .cloned()
                .unwrap_or_else(|| format!("ID {}", r.organization_id)),
            reference: r.reference,
            reasons: r
                .reasons
                .iter()
                .map(|reason| reason.label_ja())
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect())
}
