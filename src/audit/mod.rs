//! The audit trail as staff read it (`GET /api/v1/audit`). Writing it is the database layer's
//! business ([`crate::db::WriteTx::record`]); this capability only reads it.

pub mod handlers;
pub mod pages;
pub mod routes;
pub mod store;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::schema::audit_log;

/// One row of the audit trail as the API shows it.
#[derive(Debug, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(serialize_with = "crate::clock::instant")]
    pub occurred_at: NaiveDateTime,
    pub actor_user_id: Option<i64>,
    pub actor: String,
    pub request_id: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: i64,
    /// The change as a JSON object.
    #[schema(value_type = Object)]
    #[diesel(deserialize_as = String)]
    pub changes: JsonText,
}

/// A JSON document stored as text, answered as JSON.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct JsonText(serde_json::Value);

impl From<String> for JsonText {
    fn from(text: String) -> Self {
        Self(serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
    }
}

#[derive(Debug, Default, Deserialize, IntoParams, validator::Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// e.g. `organization`, `user`.
    #[validate(
        length(min = 1, max = 64),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 64)]
    pub entity_type: Option<String>,
    pub entity_id: Option<i64>,
    /// e.g. `update`, `create`, `read` (reads — who opened which record — are shown to admins
    /// only).
    #[validate(
        length(min = 1, max = 64),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 64)]
    pub action: Option<String>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(AuditFilter);
