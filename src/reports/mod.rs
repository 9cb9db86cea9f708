//! Leak reports (漏えい等報告) and the incidents they form: a preliminary report (速報) and the
//! final report (確報) that completes it, or a final report alone. Reporters file for their own
//! organization; staff file for any (and back-fill past records with `received_on`).

pub mod commands;
pub mod handlers;
pub mod idempotency;
pub mod import;
pub mod intake;
pub mod labels;
pub mod mail;
pub mod pages;
pub mod review;
pub mod routes;
pub mod store;

pub use crate::records::incidents::{
    ClassificationOverride, DataItems, GroundList, GroundView, Incident, IncidentView, Report,
    ReportView, ground_views,
};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::Regime;
use crate::domain::review::ReviewStatus;

/// The most persons a report may name: more than Japan's population is a typing error.
pub const MAX_PERSONS: u64 = 200_000_000;

/// A report as filed (API.md "Report body").
#[derive(Debug, Clone, Deserialize, Serialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReport {
    pub organization_id: i64,
    pub regime: Regime,
    pub stage: Stage,
    /// The preliminary report a final report completes.
    pub preliminary_report_id: Option<i64>,
    /// 知った日: the day the entity became aware (day 1 of the deadlines).
    pub aware_on: NaiveDate,
    /// 発生日
    pub occurred_on: Option<NaiveDate>,
    /// Staff only, for entering past records; defaults to today (in Japan).
    pub received_on: Option<NaiveDate>,
    /// 概要
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub summary: String,
    /// 項目: the kinds of personal data involved.
    #[validate(
        length(min = 1, max = 100, code = "data_item_count"),
        custom(function = "crate::http::data_items_field")
    )]
    #[schema(schema_with = crate::http::data_items_schema)]
    pub data_items: Vec<String>,
    /// 本人の数: the largest possible number where it is uncertain.
    #[validate(range(max = 200_000_000))]
    #[schema(minimum = 0, maximum = 200_000_000)]
    pub persons_affected: u64,
    /// Whether `persons_affected` is an estimate.
    #[serde(default)]
    pub persons_estimated: bool,
    pub cause: Cause,
    /// 要配慮個人情報 is involved.
    pub sensitive_data: bool,
    /// Misuse may cause financial loss (card numbers, banking credentials).
    pub financial_damage_risk: bool,
    /// It may have been done for an unlawful purpose.
    pub unlawful_purpose: bool,
    /// 条例要配慮個人情報 (local governments under `appi_public`).
    #[serde(default)]
    pub ordinance_sensitive: bool,
    /// The information-provision network or My Number systems (`my_number`).
    #[serde(default)]
    pub network_system: bool,
    /// Viewable, or possibly viewable, by unspecified people (`my_number`).
    #[serde(default)]
    pub publicly_viewable: bool,
    /// Protected by strong encryption, which lifts the duty to report.
    #[serde(default)]
    pub strongly_encrypted: bool,
    /// 二次被害 and its extent.
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub secondary_damage: Option<String>,
    /// 本人への対応
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub response_to_individuals: Option<String>,
    /// 公表: whether and when it was published.
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub publication: Option<String>,
    /// 再発防止策
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub prevention_measures: Option<String>,
    /// その他
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub notes: Option<String>,
    /// 委託先: the contractor, for a joint report (連名) or where it caused the leak.
    pub contractor_organization_id: Option<i64>,
    /// `direct` (default) or `delegated` (through a delegated minister; staff only).
    pub received_via: Option<ReceivedVia>,
}

/// `PATCH /api/v1/incidents/{id}/classification`: set (or with `mandatory: null`, clear) staff's
/// override of the classification.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassificationChange {
    /// The classification staff decided; null returns to what the law makes of the facts.
    pub mandatory: Option<bool>,
    /// Why (required when setting an override).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub reason: Option<String>,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub regime: Option<Regime>,
    pub organization_id: Option<i64>,
    pub stage: Option<Stage>,
    pub incident_id: Option<i64>,
    /// Received on or after this date.
    pub received_from: Option<NaiveDate>,
    /// Received on or before this date.
    pub received_to: Option<NaiveDate>,
    /// The incident is (effectively) mandatory.
    pub mandatory: Option<bool>,
    /// The incident is (effectively) a serious My Number situation.
    pub serious: Option<bool>,
    /// true: the report's incident is late (reportable, no final report, its final report's due
    /// date passed) — the same condition as `GET /api/v1/incidents?overdue=true`.
    pub overdue: Option<bool>,
    /// The staff's review of the report's current version.
    pub review_status: Option<ReviewStatus>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(ReportFilter);

impl ReportFilter {
    /// Whether the filter asks anything of the report itself, rather than of its incident's
    /// facts (mandatory, serious, overdue) or of the page.
    pub fn asks_of_the_report(&self) -> bool {
        let Self {
            page: _,
            per_page: _,
            format: _,
            regime,
            organization_id,
            stage,
            incident_id,
            received_from,
            received_to,
            mandatory: _,
            serious: _,
            overdue: _,
            review_status,
        } = self;
        regime.is_some()
            || organization_id.is_some()
            || stage.is_some()
            || incident_id.is_some()
            || received_from.is_some()
            || received_to.is_some()
            || review_status.is_some()
    }
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IncidentFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// true: reportable incidents whose final report is past due; false: all others.
    pub overdue: Option<bool>,
    pub regime: Option<Regime>,
    pub organization_id: Option<i64>,
    /// `awaiting_final` or `complete`.
    pub status: Option<StatusFilter>,
    pub mandatory: Option<bool>,
    pub serious: Option<bool>,
    /// First report received on or after this date.
    pub received_from: Option<NaiveDate>,
    /// First report received on or before this date.
    pub received_to: Option<NaiveDate>,
    /// An incident reference, e.g. `LR-2025-000123`.
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 40)]
    pub reference: Option<String>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(IncidentFilter);

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatusFilter {
    AwaitingFinal,
    Complete,
}

/// The schemas of the enums this capability's queries name, which no body names (`lib.rs` merges
/// them into the document).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(StatusFilter)))]
pub struct Schemas;
