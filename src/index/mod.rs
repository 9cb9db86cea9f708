//! The full-text index over reports, organizations, cases and consultations, and the reports
//! that may describe the same event (API.md, "Search"): the kernel the capabilities write to in
//! their own transactions (`entries`: `entries::report`, `entries::case`, …) and the queries the
//! search capability answers from (`store`, `related`). How text matches is `domain::search`.
//! Nothing here answers HTTP: that is the `search` capability.

pub mod entries;
pub mod related;
pub mod store;

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::search::{RelatedReason, SnippetPart};

crate::domain::text_enum! {
    /// What a search result is.
    pub enum SearchKind {
        Report => "report",
        Organization => "organization",
        Case => "case",
        Consultation => "consultation",
    }
}

impl SearchKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Report => "漏えい等報告",
            Self::Organization => "事業者等",
            Self::Case => "事案",
            Self::Consultation => "相談",
        }
    }
}

/// A search result with its snippet in parts, the matches marked (for the pages).
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: SearchKind,
    pub id: i64,
    pub title: String,
    pub snippet: Vec<SnippetPart>,
}

/// A report that may describe the same event as another, with why.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RelatedReport {
    pub report_id: i64,
    /// The reference of the report's incident.
    pub reference: String,
    pub organization_id: i64,
    /// Strongest first.
    pub reasons: Vec<RelatedReason>,
    /// Trigram similarity of the two summaries, 0 to 1.
    pub similarity: f64,
}
