//! Full-text search over reports, organizations, cases and consultations, and the reports that
//! may describe the same event (API.md, "Search"). How text matches is `domain::search`; the
//! index rows are written by each record's command in its transaction (`index`).

pub mod handlers;
pub mod index;
pub mod related;
pub mod store;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::domain::search::{RelatedReason, SnippetPart, parse_query};
use crate::error::validation_error;

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

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchFilter {
    /// Words to find, separated by spaces, each of two or more characters; all must match.
    /// Width and case do not matter (NFKC).
    #[validate(custom(function = "query_field"))]
    #[param(min_length = 2, max_length = 200)]
    pub q: String,
    /// Only results of this kind.
    pub kind: Option<SearchKind>,
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Results a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

fn query_field(value: &str) -> Result<(), ValidationError> {
    parse_query(value).map(drop).map_err(validation_error)
}

/// One search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    pub kind: SearchKind,
    /// The record's id (a report's, an organization's, …).
    pub id: i64,
    /// A report's reference, an organization's or a case's name, a consultation's date.
    pub title: String,
    /// The passage around the first match (NFKC form).
    pub snippet: String,
}

/// A search result with its snippet in parts, the matches marked (for the pages).
#[derive(Debug, Clone)]
pub struct Found {
    pub kind: SearchKind,
    pub id: i64,
    pub title: String,
    pub snippet: Vec<SnippetPart>,
}

impl From<Found> for SearchHit {
    fn from(found: Found) -> Self {
        Self {
            kind: found.kind,
            id: found.id,
            title: found.title,
            snippet: crate::domain::search::snippet_text(&found.snippet),
        }
    }
}

/// A page of results. `total` is exact up to 10,000; beyond, `total_exact` is false and `total`
/// says "more than 10,000".
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
    pub total_exact: bool,
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

/// The search a user makes: a reporter's covers its organization's reports only.
pub async fn find(
    db: &crate::db::Db,
    viewer: &crate::auth::Principal,
    filter: &SearchFilter,
) -> Result<(store::Results, crate::http::PageRequest), crate::error::AppError> {
    let query = parse_query(&filter.q)
        .map_err(|refusal| crate::error::FieldErrors::single("q", refusal))?;
    let scope = store::Scope {
        kind: filter.kind,
        organization_id: (!viewer.role.is_staff()).then_some(viewer.organization_id.unwrap_or(0)),
    };
    let request = crate::http::PageRequest::new(filter.page, filter.per_page);
    let results = db
        .read(move |conn| store::search(conn, scope, &query, request))
        .await?;
    Ok((results, request))
}
