//! Supervision (SPEC.md §4–§5): cases grouping entities in roles and incidents, numbered
//! Commission meetings, and every supervisory action with its derived legal basis.

pub mod actions;
pub mod cases;
pub mod commands;
pub mod handlers;
pub mod import;
pub mod labels;
pub mod mail;
pub mod pages;
pub mod responses;
pub mod routes;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::schema::{actions as actions_table, case_entities, cases as cases_table, meetings};
use crate::domain::case::{CaseStatus, EntityRole};
use crate::domain::organization::OrganizationKind;
use crate::domain::oversight::InspectionType;
use crate::domain::powers::{ActionKind, LegalBasis, PerformedBy};
use crate::domain::reportability::Regime;
use crate::records::incidents::IncidentView;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    #[validate(length(max = 300), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 300)]
    pub title: String,
    /// 事案の概要
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub summary: Option<String>,
    /// 発生期間: first and last day.
    pub occurred_from: Option<NaiveDate>,
    pub occurred_to: Option<NaiveDate>,
    /// Default `open`.
    pub status: Option<CaseStatus>,
    /// The date the picture is as of (…時点).
    pub as_of: Option<NaiveDate>,
    #[serde(default)]
    pub published: bool,
    /// 問題の所在
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub problem: Option<String>,
    /// 対応方針
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub response_policy: Option<String>,
}

/// A change to a case: only the fields given change; `null` clears an optional one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseChanges {
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    #[validate(length(max = 300), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 300)]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    #[schema(value_type = Option<String>)]
    pub summary: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub occurred_from: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub occurred_to: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub status: Option<CaseStatus>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub as_of: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub published: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    #[schema(value_type = Option<String>)]
    pub problem: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    #[schema(value_type = Option<String>)]
    pub response_policy: Option<Option<String>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = cases_table)]
pub struct Case {
    pub id: i64,
    pub title: String,
    pub summary: Option<String>,
    pub occurred_from: Option<NaiveDate>,
    pub occurred_to: Option<NaiveDate>,
    #[diesel(deserialize_as = String)]
    pub status: CaseStatus,
    pub as_of: Option<NaiveDate>,
    pub published: bool,
    pub problem: Option<String>,
    pub response_policy: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCaseEntity {
    pub organization_id: i64,
    pub role: EntityRole,
    /// 着眼点: the Commission's focus points for this entity.
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub focus_points: Option<String>,
}

/// A change to an entity's part in a case: its role, its focus points (`null` clears them).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseEntityChanges {
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub role: Option<EntityRole>,
    /// 着眼点
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000, value_type = Option<String>)]
    pub focus_points: Option<Option<String>>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = case_entities)]
pub struct CaseEntityRow {
    pub id: i64,
    pub case_id: i64,
    pub organization_id: i64,
    #[diesel(deserialize_as = String)]
    pub role: EntityRole,
    pub focus_points: Option<String>,
    pub created_at: NaiveDateTime,
}

/// An entity of a case, with its name and kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseEntityView {
    pub organization_id: i64,
    pub name: String,
    pub kind: OrganizationKind,
    pub role: EntityRole,
    pub role_label_ja: &'static str,
    pub focus_points: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCaseIncident {
    pub incident_id: i64,
}

/// One dated event of a case: a report received, or an action started.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineEntry {
    pub on: NaiveDate,
    /// `report` or `action`.
    pub entry: &'static str,
    pub id: i64,
    pub organization_id: i64,
    /// What happened, in Japanese: e.g. 速報受付 LR-2023-000001, 報告徴収.
    pub label_ja: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: Case,
    pub entities: Vec<CaseEntityView>,
    pub incidents: Vec<IncidentView>,
    /// Reports and actions in date order.
    pub timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CaseFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub status: Option<CaseStatus>,
    /// Cases an organization takes part in.
    pub organization_id: Option<i64>,
    /// Published (true) or not (false).
    pub published: Option<bool>,
    /// Text in the title, summary, problem or response policy (case-insensitive).
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 200)]
    pub q: Option<String>,
    /// `id` (default) or `last_activity`: most recently changed first — a case changes when
    /// it is edited, an entity or incident joins it, or an action on it is recorded or changed.
    pub sort: Option<CaseOrder>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(CaseFilter);

/// The order of a list of cases.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CaseOrder {
    Id,
    LastActivity,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeeting {
    /// The meeting's number (第244回 → 244).
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub number: i32,
    pub held_on: NaiveDate,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = meetings)]
pub struct Meeting {
    pub id: i64,
    pub number: i32,
    pub held_on: NaiveDate,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// A supervisory action as recorded (API.md "Action body").
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAction {
    pub kind: ActionKind,
    pub regime: Regime,
    /// The target entity.
    pub organization_id: i64,
    pub case_id: Option<i64>,
    pub incident_id: Option<i64>,
    pub started_on: NaiveDate,
    /// For inspections and report collections: when completed.
    pub ended_on: Option<NaiveDate>,
    /// For report collections: the date the answer is due.
    pub due_on: Option<NaiveDate>,
    /// Default `commission`.
    pub performed_by: Option<PerformedBy>,
    /// The Commission meeting that decided it (recommendations and orders).
    pub meeting_number: Option<i32>,
    #[serde(default)]
    pub published: bool,
    /// For recommendations and orders: whether the entity complied.
    pub complied: Option<bool>,
    /// For an appi order: the finding that serious harm is imminent (法第148条第2項).
    #[serde(default)]
    pub imminent_harm: bool,
    /// For an on-site inspection under `my_number`: `regular` (定期的な立入検査, of 行政機関の長等
    /// only), `comprehensive` or `review` (レビュー検査); none counts as unspecified.
    pub inspection_type: Option<InspectionType>,
    /// For a typed My Number on-site inspection: the yearly plan (検査計画) it carries out.
    pub plan_id: Option<i64>,
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub notes: Option<String>,
}

/// Completing or amending an action: only the fields given change.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionChanges {
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub ended_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub due_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<bool>)]
    pub complied: Option<Option<bool>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub published: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    #[schema(value_type = Option<String>)]
    pub notes: Option<Option<String>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = actions_table)]
pub struct Action {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: ActionKind,
    #[diesel(deserialize_as = String)]
    pub regime: Regime,
    pub organization_id: i64,
    pub case_id: Option<i64>,
    pub incident_id: Option<i64>,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    #[diesel(deserialize_as = String)]
    pub performed_by: PerformedBy,
    #[serde(skip)]
    pub meeting_id: Option<i64>,
    pub published: bool,
    pub complied: Option<bool>,
    pub imminent_harm: bool,
    /// The unheeded recommendation an order rests on.
    pub recommendation_id: Option<i64>,
    pub notes: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
    /// A report collection's first answer: the earliest `submitted_on` of its responses.
    pub answered_on: Option<NaiveDate>,
    /// A My Number on-site inspection's type.
    #[diesel(deserialize_as = Option<String>)]
    #[schema(value_type = Option<InspectionType>)]
    pub inspection_type: InspectionTypeField,
    /// The inspection plan it carries out.
    pub plan_id: Option<i64>,
}

/// An action's inspection type as stored (a code, or none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct InspectionTypeField(pub Option<InspectionType>);

impl TryFrom<Option<String>> for InspectionTypeField {
    type Error = crate::domain::UnknownCode;
    fn try_from(code: Option<String>) -> Result<Self, Self::Error> {
        code.map(InspectionType::try_from).transpose().map(Self)
    }
}

/// An action as answered: with its legal basis, meeting number and whether it is overdue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionView {
    #[serde(flatten)]
    pub action: Action,
    /// Derived from kind × regime; never typed by staff.
    pub legal_basis: Option<LegalBasis>,
    pub meeting_number: Option<i32>,
    /// A report collection past its due date, unanswered and not completed.
    pub overdue: bool,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// true: report collections past their due date, unanswered and not completed.
    pub overdue: Option<bool>,
    pub kind: Option<ActionKind>,
    pub regime: Option<Regime>,
    pub organization_id: Option<i64>,
    pub case_id: Option<i64>,
    pub started_from: Option<NaiveDate>,
    pub started_to: Option<NaiveDate>,
    /// Recommendations and orders decided at the Commission meeting of this number.
    #[validate(range(min = 1, max = 100000))]
    #[param(minimum = 1, maximum = 100000)]
    pub meeting_number: Option<i32>,
    /// `id` (default) or `newest`: the latest started first.
    pub sort: Option<ActionOrder>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(ActionFilter);

/// The order of a list of actions.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActionOrder {
    Id,
    Newest,
}

/// The schemas of the enums this capability's queries name, which no body names (`lib.rs` merges
/// them into the document).
#[derive(utoipa::OpenApi)]
#[openapi(components(schemas(CaseOrder, ActionOrder)))]
pub struct Schemas;
