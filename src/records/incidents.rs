//! A report and its incident as every capability reads them: the stored rows, and the views the
//! API answers with (a case lists its incidents, the dashboard the new reports). Filing, review
//! and the queries of the lists are the `reports` capability's.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::db::schema::{incidents, reports};
use crate::domain::UnknownCode;
use crate::domain::deadlines::IncidentStatus;
use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::{Ground, Regime};
use crate::domain::review::ReviewStatus;
use crate::error::AppError;

/// A list of strings stored as a JSON array in a TEXT column.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(transparent)]
pub struct DataItems(pub Vec<String>);

impl TryFrom<String> for DataItems {
    type Error = serde_json::Error;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        serde_json::from_str(&text).map(Self)
    }
}

/// Ground codes stored comma-separated in a TEXT column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroundList(pub Vec<Ground>);

impl GroundList {
    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl TryFrom<String> for GroundList {
    type Error = UnknownCode;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.split(',')
            .filter(|code| !code.is_empty())
            .map(|code| Ground::try_from(code.to_owned()))
            .collect::<Result<_, _>>()
            .map(Self)
    }
}

/// A ground as answered: its code, its Japanese name and the provision behind it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GroundView {
    pub code: Ground,
    pub label_ja: &'static str,
    pub provision: &'static str,
}

pub fn ground_views(regime: Regime, grounds: &GroundList) -> Vec<GroundView> {
    grounds
        .0
        .iter()
        .map(|g| GroundView {
            code: *g,
            label_ja: g.label_ja(),
            provision: g.provision(regime),
        })
        .collect()
}

/// A stored report.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = reports)]
pub struct Report {
    pub id: i64,
    pub incident_id: i64,
    pub organization_id: i64,
    #[diesel(deserialize_as = String)]
    pub regime: Regime,
    #[diesel(deserialize_as = String)]
    pub stage: Stage,
    pub preliminary_report_id: Option<i64>,
    pub aware_on: NaiveDate,
    pub occurred_on: Option<NaiveDate>,
    pub received_on: NaiveDate,
    pub summary: String,
    #[diesel(deserialize_as = String)]
    #[schema(value_type = Vec<String>)]
    pub data_items: DataItems,
    pub persons_affected: i64,
    pub persons_estimated: bool,
    #[diesel(deserialize_as = String)]
    pub cause: Cause,
    pub sensitive_data: bool,
    pub financial_damage_risk: bool,
    pub unlawful_purpose: bool,
    pub ordinance_sensitive: bool,
    pub network_system: bool,
    pub publicly_viewable: bool,
    pub strongly_encrypted: bool,
    pub secondary_damage: Option<String>,
    pub response_to_individuals: Option<String>,
    pub publication: Option<String>,
    pub prevention_measures: Option<String>,
    pub notes: Option<String>,
    pub contractor_organization_id: Option<i64>,
    #[diesel(deserialize_as = String)]
    pub received_via: ReceivedVia,
    #[diesel(deserialize_as = String)]
    #[serde(skip)]
    pub grounds: GroundList,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    /// 1 as filed; each amendment adds one.
    pub version: i32,
    /// Where staff's review of the current version stands.
    #[diesel(deserialize_as = String)]
    pub review_status: ReviewStatus,
}

/// A stored incident.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = incidents)]
pub struct Incident {
    pub id: i64,
    pub organization_id: i64,
    #[diesel(deserialize_as = String)]
    pub regime: Regime,
    pub first_received_on: NaiveDate,
    #[diesel(deserialize_as = String)]
    pub received_via: ReceivedVia,
    pub aware_on: NaiveDate,
    pub computed_mandatory: bool,
    pub override_mandatory: Option<bool>,
    pub override_reason: Option<String>,
    pub mandatory: bool,
    pub serious: bool,
    #[diesel(deserialize_as = String)]
    pub grounds: GroundList,
    pub preliminary_due_on: NaiveDate,
    pub final_due_on: NaiveDate,
    pub final_report_id: Option<i64>,
    pub final_received_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Incident {
    pub fn reference(&self) -> String {
        use chrono::Datelike;
        crate::domain::reference::incident_reference(self.first_received_on.year(), self.id)
    }
}

/// A report as the API answers it: the report, its own classification, and its incident's
/// reference and deadlines.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportView {
    #[serde(flatten)]
    pub report: Report,
    /// The incident's human reference, e.g. `LR-2025-000123`.
    pub reference: String,
    /// This report's facts make reporting mandatory (for `my_number`: a serious situation).
    pub mandatory: bool,
    /// `my_number` only: a serious situation (重大な事態).
    pub serious: bool,
    /// The codes of the grounds the law found in this report's facts (empty: voluntary).
    pub grounds: Vec<Ground>,
    /// Each ground with its Japanese name and the provision behind it.
    pub grounds_detail: Vec<GroundView>,
    pub preliminary_due_on: NaiveDate,
    pub final_due_on: NaiveDate,
    /// Whether this report arrived after its benchmark (preliminary) or deadline (final).
    pub late: bool,
    pub incident_status: IncidentStatus,
}

/// Staff's correction of an incident's classification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ClassificationOverride {
    pub mandatory: bool,
    pub reason: String,
}

/// An incident as the API answers it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IncidentView {
    pub id: i64,
    pub reference: String,
    pub organization_id: i64,
    pub regime: Regime,
    pub status: IncidentStatus,
    /// The date of its first report: the period it counts in.
    pub first_received_on: NaiveDate,
    pub received_via: ReceivedVia,
    pub aware_on: NaiveDate,
    /// Effective: staff's override where there is one, else what the law makes of the facts.
    pub mandatory: bool,
    pub serious: bool,
    pub computed_mandatory: bool,
    pub classification_override: Option<ClassificationOverride>,
    /// Ground codes of the incident's classification.
    pub grounds: Vec<Ground>,
    pub grounds_detail: Vec<GroundView>,
    pub preliminary_due_on: NaiveDate,
    pub final_due_on: NaiveDate,
    /// The due date of the report still owed (the final report), or null when complete.
    pub next_deadline: Option<NaiveDate>,
    pub overdue: bool,
    pub final_report_id: Option<i64>,
    pub final_received_on: Option<NaiveDate>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
    /// The chain, oldest first (in the answer for one incident).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<Vec<ReportView>>,
}

impl IncidentView {
    pub fn new(incident: Incident, today: NaiveDate) -> Self {
        let progress = crate::domain::deadlines::next_deadline(
            incident.final_report_id.is_some(),
            incident.mandatory,
            incident.final_due_on,
            today,
        );
        Self {
            reference: incident.reference(),
            id: incident.id,
            organization_id: incident.organization_id,
            regime: incident.regime,
            status: progress.status,
            first_received_on: incident.first_received_on,
            received_via: incident.received_via,
            aware_on: incident.aware_on,
            mandatory: incident.mandatory,
            serious: incident.serious,
            computed_mandatory: incident.computed_mandatory,
            classification_override: incident.override_mandatory.map(|mandatory| {
                ClassificationOverride {
                    mandatory,
                    reason: incident.override_reason.clone().unwrap_or_default(),
                }
            }),
            grounds: incident.grounds.0.clone(),
            grounds_detail: ground_views(incident.regime, &incident.grounds),
            preliminary_due_on: incident.preliminary_due_on,
            final_due_on: incident.final_due_on,
            next_deadline: progress.next_deadline,
            overdue: progress.overdue,
            final_report_id: incident.final_report_id,
            final_received_on: incident.final_received_on,
            created_at: incident.created_at,
            updated_at: incident.updated_at,
            reports: None,
        }
    }
}

/// The incident a report belongs to, and its reference; None for no such report.
pub fn of_report(
    conn: &mut DbConnection,
    report_id: i64,
) -> Result<Option<(i64, String)>, AppError> {
    let found: Option<Incident> = incidents::table
        .inner_join(reports::table.on(reports::incident_id.eq(incidents::id)))
        .filter(reports::id.eq(report_id))
        .select(Incident::as_select())
        .first(conn)
        .optional()?;
    Ok(found.map(|incident| (incident.id, incident.reference())))
}

/// The incident a reference (LR-2026-000123) names, if one does: its id and its organization's.
pub fn by_reference(
    conn: &mut DbConnection,
    reference: &str,
) -> Result<Option<(i64, i64)>, AppError> {
    let Some((_, id)) = crate::domain::reference::parse_incident_reference(reference) else {
        return Ok(None);
    };
    let incident: Option<Incident> = incidents::table
        .find(id)
        .select(Incident::as_select())
        .first(conn)
        .optional()?;
    Ok(incident
        .filter(|incident| incident.reference() == reference.trim())
        .map(|incident| (incident.id, incident.organization_id)))
}
