//! Search (API.md, "Search"): the API's `/api/v1/search` and a report's related reports, and the
//! header's search page. The index it reads is the kernel's `index`.

pub mod handlers;
pub mod pages;
pub mod routes;

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::domain::search::parse_query;
use crate::error::validation_error;
use crate::index::store;
pub use crate::index::{Found, RelatedReport, SearchKind};

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
