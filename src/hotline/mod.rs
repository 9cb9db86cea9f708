//! The consultation hotline (SPEC.md §6): consultations at three desks, each counted in its
//! categories, and complaint mediations with their eligibility, steps and outcome. Staff only.

pub mod commands;
pub mod handlers;
pub mod import;
pub mod labels;
pub mod mediations;
pub mod pages;
pub mod routes;
pub mod store;

use crate::error::{Refusal, validation_error};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::db::schema::{
    consultation_categories, consultations, mediation_steps, mediations as mediations_table,
};
use crate::domain::hotline::{
    ConsultationClass, Desk, MediationOutcome, MediationStatus, StepKind,
};

fn code_field(code: &str) -> Result<(), ValidationError> {
    let valid = !code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(validation_error(Refusal::CategoryCode))
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = consultation_categories)]
pub struct Category {
    #[serde(skip)]
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub desk: Desk,
    pub code: String,
    pub label_ja: String,
    #[serde(skip)]
    pub position: i32,
    #[serde(skip)]
    pub created_at: NaiveDateTime,
    /// The first day a consultation may be filed under it.
    pub valid_from: NaiveDate,
    /// Its last day (none: still in use).
    pub valid_to: Option<NaiveDate>,
}

impl Category {
    /// Whether a consultation received on `day` may be filed under it.
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        crate::domain::hotline::Validity {
            from: self.valid_from,
            to: self.valid_to,
        }
        .holds(day)
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCategory {
    pub desk: Desk,
    /// a-z, 0-9 and `_`, 1 to 64 characters.
    #[validate(custom(function = "code_field"))]
    #[schema(pattern = "^[a-z0-9_]{1,64}$")]
    pub code: String,
    #[validate(length(max = 100), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 100)]
    pub label_ja: String,
    /// Its first day (default: the first day of the desks' structure today, 2022-04-01).
    pub valid_from: Option<NaiveDate>,
    /// Its last day (default: that structure's last, none while it lasts).
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CategoryFilter {
    pub desk: Option<Desk>,
    /// The categories a consultation received on this day may be filed under (default today).
    pub on: Option<NaiveDate>,
}

/// `?on=D`: the desks as they stood on a day (default today).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DesksQuery {
    pub on: Option<NaiveDate>,
}

/// A class of consultation as a desk printed it on a day.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeskClass {
    pub code: ConsultationClass,
    pub label_ja: String,
}

/// A category as the desks' answer lists it: its id, code and label.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeskCategory {
    pub id: i64,
    pub code: String,
    pub label_ja: String,
}

/// A desk as it stood on a day: its label, classes and categories (API.md, "The half-year
/// report").
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeskView {
    pub code: Desk,
    pub label_ja: String,
    pub classes: Vec<DeskClass>,
    pub categories: Vec<DeskCategory>,
}

/// A category named in a consultation: its id, or its code or Japanese label.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum CategoryName {
    Id(i64),
    Code(String),
}

impl std::fmt::Display for CategoryName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Id(id) => write!(f, "{id}"),
            Self::Code(code) => f.write_str(code),
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConsultation {
    pub desk: Desk,
    pub class: ConsultationClass,
    /// Categories of this desk valid on `received_on` (`GET /api/v1/consultation-desks?on=…`),
    /// by id, code or Japanese label; a consultation counts once in each.
    #[validate(length(max = 20, code = "category_count"))]
    #[schema(max_items = 20)]
    pub categories: Vec<CategoryName>,
    pub received_on: NaiveDate,
    /// What was asked.
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub summary: Option<String>,
    /// What was advised.
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    pub advice: Option<String>,
    /// 監視・監督担当部署への情報提供
    #[serde(default)]
    pub referred_to_supervision: bool,
    /// The entity concerned, if known.
    pub organization_id: Option<i64>,
    /// The case it was passed to (only when referred to supervision).
    pub case_id: Option<i64>,
}

/// A change to a consultation: what was advised, referral, the case it joins.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsultationChanges {
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 20000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 20000)]
    #[schema(value_type = Option<String>)]
    pub advice: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub referred_to_supervision: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<i64>)]
    pub case_id: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<i64>)]
    pub organization_id: Option<Option<i64>>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = consultations)]
pub struct Consultation {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub desk: Desk,
    #[diesel(deserialize_as = String)]
    pub class: ConsultationClass,
    pub received_on: NaiveDate,
    pub summary: Option<String>,
    pub advice: Option<String>,
    pub referred_to_supervision: bool,
    pub organization_id: Option<i64>,
    pub case_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationView {
    #[serde(flatten)]
    pub consultation: Consultation,
    pub categories: Vec<Category>,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ConsultationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub desk: Option<Desk>,
    pub class: Option<ConsultationClass>,
    /// A category code (of the desk given, or of any desk).
    #[validate(
        length(min = 1, max = 64),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 64)]
    pub category: Option<String>,
    pub received_from: Option<NaiveDate>,
    pub received_to: Option<NaiveDate>,
    pub referred_to_supervision: Option<bool>,
    pub organization_id: Option<i64>,
    pub case_id: Option<i64>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(ConsultationFilter);

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MediationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub status: Option<MediationStatus>,
    /// The desk of the complaint it arose from.
    pub desk: Option<Desk>,
    /// The mediations arising from this complaint.
    pub consultation_id: Option<i64>,
    pub applied_from: Option<NaiveDate>,
    pub applied_to: Option<NaiveDate>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(MediationFilter);

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMediation {
    /// The complaint the application arose from.
    pub consultation_id: i64,
    pub applied_on: NaiveDate,
    /// ① the entity can be identified.
    pub entity_identifiable: bool,
    /// ② the applicant is a party to the matter.
    pub applicant_is_party: bool,
    /// Litigation or another dispute procedure is pending or finished.
    pub other_procedure_pending: bool,
    /// The applicant seeks money or an apology.
    pub seeks_compensation_or_apology: bool,
}

/// One transition: start it (`started_on`), decline it (`declined_on` with `reason`), or close it
/// (`closed_on` with `outcome`).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MediationChange {
    pub started_on: Option<NaiveDate>,
    pub declined_on: Option<NaiveDate>,
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    pub outcome: Option<MediationOutcome>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStep {
    pub kind: StepKind,
    pub taken_on: NaiveDate,
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = mediations_table)]
pub struct Mediation {
    pub id: i64,
    pub consultation_id: i64,
    pub applied_on: NaiveDate,
    pub entity_identifiable: bool,
    pub applicant_is_party: bool,
    pub other_procedure_pending: bool,
    pub seeks_compensation_or_apology: bool,
    #[diesel(deserialize_as = String)]
    pub status: MediationStatus,
    pub started_on: Option<NaiveDate>,
    pub declined_on: Option<NaiveDate>,
    pub decline_reason: Option<String>,
    pub closed_on: Option<NaiveDate>,
    #[diesel(deserialize_as = Option<String>)]
    #[schema(value_type = Option<MediationOutcome>)]
    pub outcome: OutcomeField,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// A mediation's outcome, loaded from its nullable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(transparent)]
pub struct OutcomeField(pub Option<MediationOutcome>);

impl TryFrom<Option<String>> for OutcomeField {
    type Error = crate::domain::UnknownCode;
    fn try_from(code: Option<String>) -> Result<Self, Self::Error> {
        code.map(MediationOutcome::try_from).transpose().map(Self)
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = mediation_steps)]
pub struct Step {
    pub id: i64,
    #[serde(skip)]
    pub mediation_id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: StepKind,
    pub taken_on: NaiveDate,
    pub note: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MediationView {
    #[serde(flatten)]
    pub mediation: Mediation,
    /// All three conditions of mediation hold.
    pub eligible: bool,
    /// Each unmet condition (empty when eligible).
    pub reasons: Vec<&'static str>,
    pub steps: Vec<Step>,
}
