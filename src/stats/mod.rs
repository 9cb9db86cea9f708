//! Activity statistics (SPEC.md §7): the half-year supervision summary (seed 001's two tables)
//! and the quarterly hotline summary (seed 000), computed by SQL aggregates (store.rs) under the
//! counting rules of the domain layer, and frozen when published (publish.rs).

pub mod commands;
pub mod derived;
pub mod handlers;
pub mod indicators;
pub mod pages;
pub mod publish;
pub mod render;
pub mod routes;
pub mod store;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::domain::labels::period_ja;
use crate::domain::periods::{Period, PeriodError};
use crate::error::{AppError, FieldErrors, Refusal};

/// The period a summary covers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PeriodInfo {
    pub id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// e.g. 令和元年度上半期（平成31年４月１日～令和元年９月30日）
    pub label_ja: String,
}

impl From<Period> for PeriodInfo {
    fn from(period: Period) -> Self {
        let (from, to) = period.bounds();
        Self {
            id: period.id(),
            from,
            to,
            label_ja: period_ja(period),
        }
    }
}

/// `?period=FY2019-H1`, or `?from=…&to=…`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `FY2019`, `FY2019-H1`/`H2`, `FY2019-Q1`…`Q4`.
    #[param(format = "period")]
    pub period: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `json` (default) or `csv`.
    pub format: Option<Format>,
    /// true: compute afresh even when the period's figures were published.
    pub fresh: Option<bool>,
}

/// `?period=FY2019-H1` or `?from=…&to=…` for the indicators (computed now, never published).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct IndicatorsQuery {
    /// `FY2019`, `FY2019-H1`/`H2`, `FY2019-Q1`…`Q4`.
    #[param(format = "period")]
    pub period: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// `json` (default) or `csv`.
    pub format: Option<Format>,
}

impl IndicatorsQuery {
    pub fn period(&self) -> Result<Period, AppError> {
        PeriodQuery {
            period: self.period.clone(),
            from: self.from,
            to: self.to,
            ..PeriodQuery::default()
        }
        .period()
    }
}

/// The indicators of the incidents first received in a period, on a day (API.md, "Public
/// statistics and indicators"; `domain::indicators`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorsAnswer {
    pub period: PeriodInfo,
    /// The day "overdue now" and "due day passed" are judged on (today in Japan).
    pub as_of: NaiveDate,
    #[serde(flatten)]
    pub indicators: crate::domain::indicators::Indicators,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

impl PeriodQuery {
    pub fn period(&self) -> Result<Period, AppError> {
        let refuse = |field: &str, error: PeriodError| FieldErrors::single(field, error.refusal());
        match (&self.period, self.from, self.to) {
            (Some(text), None, None) => Period::parse(text).map_err(|e| refuse("period", e)),
            (None, Some(from), Some(to)) => Period::range(from, to).map_err(|e| refuse("to", e)),
            (None, None, None) => Err(FieldErrors::single("period", Refusal::PeriodRequired)),
            (Some(_), _, _) => Err(FieldErrors::single("period", Refusal::PeriodOrRange)),
            (None, None, Some(_)) => Err(FieldErrors::single(
                "from",
                Refusal::RequiredWith { other: "to".into() },
            )),
            (None, Some(_), None) => Err(FieldErrors::single(
                "to",
                Refusal::RequiredWith {
                    other: "from".into(),
                },
            )),
        }
    }
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct DelegatedActivity {
    /// Leak incidents whose first report came through a delegated minister.
    pub leak_reports: u64,
    pub report_collections: u64,
    pub onsite_inspections: u64,
}

/// 個人情報保護法（民間部門）: what the Commission received and did directly (seed 001 注1);
/// what delegated ministers received and did is in `delegated`.
#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppiActivity {
    pub leak_reports: u64,
    pub recommendations: u64,
    pub orders: u64,
    pub emergency_orders: u64,
    pub onsite_inspections: u64,
    pub report_collections: u64,
    pub guidance: u64,
    /// Mediations started on complaints of the private-sector desk.
    pub mediations: u64,
    pub publications: u64,
    pub delegated: DelegatedActivity,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct AppiPublicActivity {
    pub leak_reports: u64,
    pub recommendations: u64,
    pub onsite_inspections: u64,
    pub report_collections: u64,
    pub guidance: u64,
    pub mediations: u64,
}

#[derive(Debug, Default, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub struct LeakCounts {
    /// Distinct reporting entities.
    pub entities: u64,
    /// Incidents, each counted once in the period of its first report.
    pub reports: u64,
    /// Serious situations (重大な事態).
    pub serious: u64,
}

#[derive(Debug, Default, Clone, Copy, Serialize, Deserialize, ToSchema)]
pub struct ByGroup<T> {
    /// 行政機関等
    pub national: T,
    /// 地方公共団体
    pub local: T,
    /// 事業者
    pub business: T,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyNumberLeaks {
    #[serde(flatten)]
    pub total: LeakCounts,
    pub by_group: ByGroup<LeakCounts>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct Inspections {
    pub total: u64,
    pub by_group: ByGroup<u64>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct MyNumberActivity {
    pub leak_reports: MyNumberLeaks,
    pub onsite_inspections: Inspections,
    pub report_collections: u64,
    pub guidance: u64,
    pub recommendations: u64,
    pub orders: u64,
    pub emergency_orders: u64,
    pub mediations: u64,
}

/// The supervision summary (API.md).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActivitySummary {
    pub period: PeriodInfo,
    pub appi: AppiActivity,
    pub appi_public: AppiPublicActivity,
    pub my_number: MyNumberActivity,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ClassCounts {
    pub all: u64,
    pub complaint: u64,
    pub question: u64,
    pub other: u64,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeskSummary {
    #[serde(flatten)]
    pub counts: ClassCounts,
    /// class → category code → consultations (one consultation counts in each of its categories).
    pub categories: BTreeMap<String, BTreeMap<String, u64>>,
    pub mediation_applications: u64,
    pub mediations_started: u64,
    /// 四半期換算: the previous fiscal year's total ÷ 4, rounded half up.
    pub previous_fy_quarterly: ClassCounts,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize, ToSchema)]
pub struct Desks {
    pub private: DeskSummary,
    pub public: DeskSummary,
    pub my_number: DeskSummary,
    /// 行政機関等非識別加工情報に関する総合案内所 (until 2022-03-31; figures published before it
    /// was counted read back as zeros).
    #[serde(default)]
    pub deidentified: DeskSummary,
}

/// The hotline summary (API.md).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HotlineSummary {
    pub period: PeriodInfo,
    /// Weekdays less national holidays and 29 Dec – 3 Jan.
    pub working_days: u32,
    pub total: ClassCounts,
    /// 1日平均: the period total ÷ working days, rounded down.
    pub daily_average: ClassCounts,
    pub previous_fy_quarterly: ClassCounts,
    pub desks: Desks,
}

/// A row of a desk's half-year table: a class, its consultations, and those of each leading
/// category.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeskTableRow {
    /// The class as the desk printed it that half (苦情, 質問・相談 …).
    pub class: String,
    pub code: crate::domain::hotline::ConsultationClass,
    pub total: u64,
    /// Leading category (label) → consultations of this class filed under it.
    pub by_category: BTreeMap<String, u64>,
}

/// The total row of a desk's half-year table (計).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct DeskTableTotal {
    pub total: u64,
    pub by_category: BTreeMap<String, u64>,
}

/// A desk's half-year table as seed 001 prints it (参考１): counts by class with the five leading
/// categories of the half (「１件の問合せで複数の項目に該当する場合を含む」), the total row, the notes.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeskTable {
    /// The desk as it was labelled that half.
    pub desk: String,
    pub code: crate::domain::hotline::Desk,
    pub rows: Vec<DeskTableRow>,
    pub total: DeskTableTotal,
    /// The five categories with the most consultations in the half (ties by the category's
    /// order), in the category's order: the table's columns.
    pub leading_categories: Vec<String>,
    /// （注１）…, each naming the class it belongs to.
    pub notes: Vec<DeskTableNote>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeskTableNote {
    pub class: String,
    pub text: String,
}

/// My Number oversight in the half-year report (seed 001 Ⅱ).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ReportMyNumber {
    /// The serious cases' persons affected, in order of first receipt (①…⑤).
    pub serious: Vec<crate::domain::activity_report::SeriousCase>,
    /// On-site inspections by type, by start day in the period.
    pub inspections: crate::domain::oversight::InspectionCounts,
    /// Prefectures reached by the round by the period's last day.
    pub coverage: crate::records::half_year::CoverageCount,
    /// Bodies that reported on the year before (番号法第29条の3第2項) by the period's last day.
    pub periodic_reports: u64,
}

/// The half-year activity report, whole (API.md "The half-year report"; seed 001): every figure
/// with the day it is counted to.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActivityReport {
    /// `FY2019-H1`.
    pub period: String,
    /// 令和元年度上半期（平成31年４月１日～令和元年９月30日）
    pub label_ja: String,
    pub from: NaiveDate,
    /// The period's last day: what every figure is counted to.
    pub as_of: NaiveDate,
    /// The fiscal year's 1 April: where outreach, hearings, other laws and revocations count from.
    pub year_from: NaiveDate,
    pub registers: crate::domain::activity_report::RegisterFigures,
    pub outreach: crate::domain::activity_report::Outreach,
    pub hearings: crate::domain::activity_report::Hearings,
    pub other_laws: crate::domain::activity_report::OtherLaws,
    pub hotline: Vec<DeskTable>,
    /// As `/api/v1/stats/activity`.
    pub supervision: ActivitySummary,
    pub my_number: ReportMyNumber,
}

/// The schemas of the enums this capability's queries name, which no body names (`lib.rs` merges
/// them into the document).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(Format)))]
pub struct Schemas;
