//! Review and amendment of reports (審査・補正; API.md "Review of reports"). Staff accept a
//! report's current version or ask for a correction; the reporting entity (or staff) amends it.
//! An amendment keeps the report's id and reference, adds one to its version, and re-applies the
//! law to the amended facts: the report's grounds, and — where the report governs its incident —
//! the incident's classification and deadlines (staff's override stands). Every version is kept
//! whole in `report_versions`; the incident's counting date never moves, so statistics do not.

use crate::db::{Action, Entity};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use validator::Validate;

use super::intake::{fact_refusals, incident_columns, locked_incident, report_columns};
use super::{GroundList, Incident, NewReport, Report, ReportView, store};
use crate::db::schema::{incidents, report_reviews, report_versions, reports};
use crate::db::{DbConnection, WriteTx};
use crate::domain::deadlines::{final_due_on, preliminary_due_on};
use crate::domain::report::Cause;
use crate::domain::reportability::{classify, effective_mandatory, is_serious};
use crate::domain::review::{Decision, ReviewStatus, governs_incident, review_refusals};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::records::organizations::Organization;

/// `POST /api/v1/reports/{id}/reviews`: staff's decision on the report's current version.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReview {
    pub decision: Decision,
    /// What to correct (required for `revision_requested`), shown to the entity.
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub comment: Option<String>,
    /// By when the correction is asked for (`revision_requested` only; today or later).
    pub due_on: Option<NaiveDate>,
}

/// A review as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = report_reviews)]
pub struct Review {
    pub id: i64,
    pub report_id: i64,
    /// The version of the report that was reviewed.
    pub version: i32,
    #[diesel(deserialize_as = String)]
    pub decision: Decision,
    pub comment: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub reviewer_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// `POST /api/v1/reports/{id}/amendments`: the `reason`, and the fields that change; a field
/// left out keeps its value, `null` clears an optional one. Who reports, under which law, the
/// stage, the chain and the receipt are not amendable (a new report is).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// Why the report is amended (補正の理由).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub reason: String,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub aware_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub occurred_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(nullable = false, format = "text", max_length = 10000)]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(
        length(min = 1, max = 100, code = "data_item_count"),
        custom(function = "crate::http::data_items_field")
    )]
    #[schema(schema_with = crate::http::data_items_schema)]
    pub data_items: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(range(max = 200_000_000))]
    #[schema(nullable = false, minimum = 0, maximum = 200_000_000)]
    pub persons_affected: Option<u64>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub persons_estimated: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub cause: Option<Cause>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub sensitive_data: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub financial_damage_risk: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub unlawful_purpose: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub ordinance_sensitive: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub network_system: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub publicly_viewable: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub strongly_encrypted: Option<bool>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(value_type = Option<String>, format = "text", max_length = 10000)]
    pub secondary_damage: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(value_type = Option<String>, format = "text", max_length = 10000)]
    pub response_to_individuals: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(value_type = Option<String>, format = "text", max_length = 10000)]
    pub publication: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(value_type = Option<String>, format = "text", max_length = 10000)]
    pub prevention_measures: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(value_type = Option<String>, format = "text", max_length = 10000)]
    pub notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<i64>)]
    pub contractor_organization_id: Option<Option<i64>>,
    // Named only so that sending one is refused as not amendable, rather than as unknown.
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub organization_id: Option<Value>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub regime: Option<Value>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub stage: Option<Value>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub preliminary_report_id: Option<Value>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub received_on: Option<Value>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(custom(function = "not_amendable"))]
    #[schema(ignore)]
    pub received_via: Option<Value>,
}

/// A field of `domain::review::NOT_AMENDABLE`, given (with any value, `null` too): refused.
fn not_amendable(_: &Value) -> Result<(), validator::ValidationError> {
    Err(crate::error::validation_error(Refusal::NotAmendable))
}

impl Amendment {
    /// The report as it would be filed with this amendment applied to `before`.
    fn applied_to(&self, before: &NewReport) -> NewReport {
        let text = |given: &Option<Option<String>>, was: &Option<String>| match given {
            Some(value) => value.as_deref().map(|t| t.trim().to_owned()),
            None => was.clone(),
        };
        NewReport {
            aware_on: self.aware_on.unwrap_or(before.aware_on),
            occurred_on: self.occurred_on.unwrap_or(before.occurred_on),
            summary: self
                .summary
                .as_deref()
                .map_or_else(|| before.summary.clone(), |s| s.trim().to_owned()),
            data_items: self.data_items.as_ref().map_or_else(
                || before.data_items.clone(),
                |items| items.iter().map(|i| i.trim().to_owned()).collect(),
            ),
            persons_affected: self.persons_affected.unwrap_or(before.persons_affected),
            persons_estimated: self.persons_estimated.unwrap_or(before.persons_estimated),
            cause: self.cause.unwrap_or(before.cause),
            sensitive_data: self.sensitive_data.unwrap_or(before.sensitive_data),
            financial_damage_risk: self
                .financial_damage_risk
                .unwrap_or(before.financial_damage_risk),
            unlawful_purpose: self.unlawful_purpose.unwrap_or(before.unlawful_purpose),
            ordinance_sensitive: self
                .ordinance_sensitive
                .unwrap_or(before.ordinance_sensitive),
            network_system: self.network_system.unwrap_or(before.network_system),
            publicly_viewable: self.publicly_viewable.unwrap_or(before.publicly_viewable),
            strongly_encrypted: self.strongly_encrypted.unwrap_or(before.strongly_encrypted),
            secondary_damage: text(&self.secondary_damage, &before.secondary_damage),
            response_to_individuals: text(
                &self.response_to_individuals,
                &before.response_to_individuals,
            ),
            publication: text(&self.publication, &before.publication),
            prevention_measures: text(&self.prevention_measures, &before.prevention_measures),
            notes: text(&self.notes, &before.notes),
            contractor_organization_id: self
                .contractor_organization_id
                .unwrap_or(before.contractor_organization_id),
            ..before.clone()
        }
    }
}

/// A report as filed, read back from its row: what an amendment starts from and is compared to.
pub fn as_filed(report: &Report) -> NewReport {
    NewReport {
        organization_id: report.organization_id,
        regime: report.regime,
        stage: report.stage,
        preliminary_report_id: report.preliminary_report_id,
        aware_on: report.aware_on,
        occurred_on: report.occurred_on,
        received_on: Some(report.received_on),
        summary: report.summary.clone(),
        data_items: report.data_items.0.clone(),
        persons_affected: u64::try_from(report.persons_affected).unwrap_or_default(),
        persons_estimated: report.persons_estimated,
        cause: report.cause,
        sensitive_data: report.sensitive_data,
        financial_damage_risk: report.financial_damage_risk,
        unlawful_purpose: report.unlawful_purpose,
        ordinance_sensitive: report.ordinance_sensitive,
        network_system: report.network_system,
        publicly_viewable: report.publicly_viewable,
        strongly_encrypted: report.strongly_encrypted,
        secondary_damage: report.secondary_damage.clone(),
        response_to_individuals: report.response_to_individuals.clone(),
        publication: report.publication.clone(),
        prevention_measures: report.prevention_measures.clone(),
        notes: report.notes.clone(),
        contractor_organization_id: report.contractor_organization_id,
        received_via: Some(report.received_via),
    }
}

/// The fields whose values differ between two reports, each with its values before and after,
/// in the order of the report's fields.
pub fn differences(before: &NewReport, after: &NewReport) -> Vec<(String, Value, Value)> {
    let (Value::Object(before), Value::Object(after)) = (json!(before), json!(after)) else {
        return Vec::new();
    };
    after
        .into_iter()
        .filter_map(|(field, to)| {
            let from = before.get(&field).cloned().unwrap_or(Value::Null);
            (from != to).then_some((field, from, to))
        })
        .collect()
}

/// A version of a report, as `GET /api/v1/reports/{id}/versions` answers it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportVersion {
    pub version: i32,
    /// The fields that changed from the version before (empty for the first).
    pub changed: Vec<String>,
    /// Why it was amended (null for the first version).
    pub reason: Option<String>,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    /// The report as it stood in this version.
    #[schema(value_type = Object)]
    pub report: Value,
}

#[derive(Queryable)]
struct VersionRow {
    version: i32,
    changed: String,
    reason: Option<String>,
    filed_by_user_id: Option<i64>,
    report: String,
    created_at: NaiveDateTime,
}

impl VersionRow {
    fn into_version(self) -> Result<ReportVersion, AppError> {
        Ok(ReportVersion {
            version: self.version,
            changed: serde_json::from_str(&self.changed).map_err(AppError::internal)?,
            reason: self.reason,
            filed_by_user_id: self.filed_by_user_id,
            created_at: self.created_at,
            report: serde_json::from_str(&self.report).map_err(AppError::internal)?,
        })
    }
}

/// The first version of a report not amended yet is the report as it stands.
fn first_version(view: &ReportView) -> Result<ReportVersion, AppError> {
    Ok(ReportVersion {
        version: 1,
        changed: Vec::new(),
        reason: None,
        filed_by_user_id: view.report.filed_by_user_id,
        created_at: view.report.created_at,
        report: serde_json::to_value(view).map_err(AppError::internal)?,
    })
}

/// Every version of a report, oldest first.
pub fn versions(
    conn: &mut DbConnection,
    view: &ReportView,
) -> Result<Vec<ReportVersion>, AppError> {
    let rows: Vec<VersionRow> = report_versions::table
        .filter(report_versions::report_id.eq(view.report.id))
        .order(report_versions::version.asc())
        .select((
            report_versions::version,
            report_versions::changed,
            report_versions::reason,
            report_versions::filed_by_user_id,
            report_versions::report,
            report_versions::created_at,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(vec![first_version(view)?]);
    }
    rows.into_iter().map(VersionRow::into_version).collect()
}

/// Every review of a report, oldest first.
pub fn reviews(conn: &mut DbConnection, report_id: i64) -> Result<Vec<Review>, AppError> {
    Ok(report_reviews::table
        .filter(report_reviews::report_id.eq(report_id))
        .order(report_reviews::id.asc())
        .select(Review::as_select())
        .load(conn)?)
}

/// The report with its incident, both read for a change: the incident locked (an amendment and
/// a final report, or two amendments, never compute from a state the other changed).
fn locked_report(tx: &mut WriteTx<'_>, id: i64) -> Result<(Report, Incident), AppError> {
    let report: Report = reports::table
        .find(id)
        .select(Report::as_select())
        .first(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound(Missing::Report))?;
    let incident =
        locked_incident(tx, report.incident_id)?.ok_or(AppError::NotFound(Missing::Incident))?;
    // Read again under the lock: a concurrent amendment may have committed before it was taken.
    let report: Report = reports::table
        .find(id)
        .select(Report::as_select())
        .first(tx.conn())?;
    Ok((report, incident))
}

/// What a review wrote.
#[derive(Debug)]
pub struct Reviewed {
    pub review: Review,
    pub view: ReportView,
}

/// Records staff's decision on the report's current version and sets its review status.
pub(super) fn review(
    tx: &mut WriteTx<'_>,
    report_id: i64,
    reviewer_user_id: Option<i64>,
    new: NewReview,
    today: NaiveDate,
) -> Result<Reviewed, AppError> {
    let (report, incident) = locked_report(tx, report_id)?;
    let comment = new.comment.as_deref().map(str::trim).map(str::to_owned);
    let mut errors = FieldErrors::new();
    for (field, why) in review_refusals(new.decision, comment.as_deref(), new.due_on, today) {
        errors.add(field, why);
    }
    errors.into_result()?;
    let now = tx.now();
    let insert = diesel::insert_into(report_reviews::table)
        .values((
            report_reviews::report_id.eq(report.id),
            report_reviews::version.eq(report.version),
            report_reviews::decision.eq(new.decision.as_str()),
            report_reviews::comment.eq(&comment),
            report_reviews::due_on.eq(new.due_on),
            report_reviews::reviewer_user_id.eq(reviewer_user_id),
            report_reviews::created_at.eq(now),
        ))
        .returning(<Review as Selectable<crate::db::MultiBackend>>::construct_selection());
    let review: Review = crate::db::natively!(tx.conn(), |c| insert.get_result(c))?;
    let status = new.decision.status();
    let update = diesel::update(reports::table.find(report.id))
        .set(reports::review_status.eq(status.as_str()))
        .returning(report_columns());
    let reviewed: Report = crate::db::natively!(tx.conn(), |c| update.get_result(c))?;
    tx.record(
        Action::Review,
        Entity::Report,
        report.id,
        &json!({
            "review_id": review.id,
            "version": review.version,
            "decision": review.decision,
            "comment": review.comment,
            "due_on": review.due_on,
            "review_status": {"from": report.review_status, "to": status},
        }),
    )?;
    Ok(Reviewed {
        review,
        view: store::report_view(reviewed, &incident),
    })
}

/// What an amendment wrote.
#[derive(Debug)]
pub struct Amended {
    pub view: ReportView,
    pub incident: Incident,
    pub organization: Organization,
    pub version: ReportVersion,
}

/// Amends a report: the changed facts, read again by the law; the version before kept whole.
pub(super) fn amend(
    tx: &mut WriteTx<'_>,
    report_id: i64,
    filer_user_id: Option<i64>,
    amendment: Amendment,
    today: NaiveDate,
) -> Result<Amended, AppError> {
    let (report, incident) = locked_report(tx, report_id)?;
    let mut errors = FieldErrors::new();
    let before = as_filed(&report);
    let after = amendment.applied_to(&before);
    // The receipt is not amendable: where the amended awareness no longer precedes it, the
    // awareness is at fault, and named.
    let mut facts = FieldErrors::new();
    let organization = fact_refusals(
        tx,
        &after,
        report.received_on,
        today,
        &mut crate::records::organizations::find,
        &mut facts,
    )?;
    for (field, reasons) in facts.iter() {
        if field == "received_on" {
            if !facts.names("aware_on") {
                errors.add(
                    "aware_on",
                    Refusal::AwareAfterReceipt {
                        received_on: report.received_on,
                    },
                );
            }
        } else {
            for reason in reasons {
                errors.add(field.clone(), reason.clone());
            }
        }
    }
    errors.into_result()?;
    let differences = differences(&before, &after);
    if differences.is_empty() {
        return Err(FieldErrors::single("body", Refusal::NothingAmended));
    }
    let organization = organization.ok_or(AppError::NotFound(Missing::Organization))?;

    // The first version is kept whole before the row changes (reports filed before amendments
    // existed, and every report's first amendment).
    let kept: i64 = report_versions::table
        .filter(report_versions::report_id.eq(report.id))
        .count()
        .get_result(tx.conn())?;
    if kept == 0 {
        let first = first_version(&store::report_view(report.clone(), &incident))?;
        insert_version(tx, report.id, &first)?;
    }

    let classification = classify(after.regime, &after.facts());
    let grounds = GroundList(classification.grounds.clone());
    let persons = i64::try_from(after.persons_affected)
        .map_err(|_| FieldErrors::single("persons_affected", Refusal::TooLarge))?;
    let version = report.version + 1;
    let update = diesel::update(reports::table.find(report.id))
        .set((
            (
                reports::aware_on.eq(after.aware_on),
                reports::occurred_on.eq(after.occurred_on),
                reports::summary.eq(&after.summary),
                reports::data_items
                    .eq(serde_json::to_string(&after.data_items).map_err(AppError::internal)?),
                reports::persons_affected.eq(persons),
                reports::persons_estimated.eq(after.persons_estimated),
                reports::cause.eq(after.cause.as_str()),
                reports::sensitive_data.eq(after.sensitive_data),
                reports::financial_damage_risk.eq(after.financial_damage_risk),
                reports::unlawful_purpose.eq(after.unlawful_purpose),
                reports::ordinance_sensitive.eq(after.ordinance_sensitive),
            ),
            (
                reports::network_system.eq(after.network_system),
                reports::publicly_viewable.eq(after.publicly_viewable),
                reports::strongly_encrypted.eq(after.strongly_encrypted),
                reports::secondary_damage.eq(&after.secondary_damage),
                reports::response_to_individuals.eq(&after.response_to_individuals),
                reports::publication.eq(&after.publication),
                reports::prevention_measures.eq(&after.prevention_measures),
                reports::notes.eq(&after.notes),
                reports::contractor_organization_id.eq(after.contractor_organization_id),
                reports::grounds.eq(grounds.to_text()),
                reports::version.eq(version),
                reports::review_status.eq(ReviewStatus::after_amendment().as_str()),
            ),
        ))
        .returning(report_columns());
    let amended: Report = crate::db::natively!(tx.conn(), |c| update.get_result(c))?;
    crate::index::entries::report(tx.conn(), amended.id)?;

    let mut incident_change = Value::Null;
    let mut incident_after = incident.clone();
    if governs_incident(report.stage, incident.final_report_id.is_some()) {
        let mandatory = effective_mandatory(incident.override_mandatory, classification.mandatory);
        let serious = is_serious(after.regime, mandatory);
        let preliminary_due = preliminary_due_on(after.aware_on);
        let final_due = final_due_on(after.aware_on, classification.extended_deadline());
        let update = diesel::update(incidents::table.find(incident.id))
            .set((
                incidents::aware_on.eq(after.aware_on),
                incidents::computed_mandatory.eq(classification.mandatory),
                incidents::mandatory.eq(mandatory),
                incidents::serious.eq(serious),
                incidents::grounds.eq(grounds.to_text()),
                incidents::preliminary_due_on.eq(preliminary_due),
                incidents::final_due_on.eq(final_due),
                incidents::updated_at.eq(tx.now()),
            ))
            .returning(incident_columns());
        incident_after = crate::db::natively!(tx.conn(), |c| update.get_result(c))?;
        incident_change = json!({
            "mandatory": {"from": incident.mandatory, "to": incident_after.mandatory},
            "serious": {"from": incident.serious, "to": incident_after.serious},
            "grounds": {"from": incident.grounds.to_text(), "to": incident_after.grounds.to_text()},
            "preliminary_due_on": {"from": incident.preliminary_due_on, "to": preliminary_due},
            "final_due_on": {"from": incident.final_due_on, "to": final_due},
        });
    }

    let view = store::report_view(amended, &incident_after);
    let reason = amendment.reason.trim().to_owned();
    let new_version = ReportVersion {
        version,
        changed: differences
            .iter()
            .map(|(field, _, _)| field.clone())
            .collect(),
        reason: Some(reason.clone()),
        filed_by_user_id: filer_user_id,
        created_at: tx.now(),
        report: serde_json::to_value(&view).map_err(AppError::internal)?,
    };
    insert_version(tx, report.id, &new_version)?;
    let changes: serde_json::Map<String, Value> = differences
        .into_iter()
        .map(|(field, from, to)| (field, json!({"from": from, "to": to})))
        .collect();
    tx.record(
        Action::Amend,
        Entity::Report,
        report.id,
        &json!({
            "version": version,
            "reason": reason,
            "changes": changes,
            "incident": incident_change,
        }),
    )?;
    Ok(Amended {
        view,
        incident: incident_after,
        organization,
        version: new_version,
    })
}

fn insert_version(
    tx: &mut WriteTx<'_>,
    report_id: i64,
    version: &ReportVersion,
) -> Result<(), AppError> {
    diesel::insert_into(report_versions::table)
        .values((
            report_versions::report_id.eq(report_id),
            report_versions::version.eq(version.version),
            report_versions::changed
                .eq(serde_json::to_string(&version.changed).map_err(AppError::internal)?),
            report_versions::reason.eq(&version.reason),
            report_versions::filed_by_user_id.eq(version.filed_by_user_id),
            report_versions::report
                .eq(serde_json::to_string(&version.report).map_err(AppError::internal)?),
            report_versions::created_at.eq(version.created_at),
        ))
        .execute(tx.conn())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::review::NOT_AMENDABLE;

    /// Each field the law keeps as filed is refused by name, whatever its value, together with
    /// every other refusal of the body.
    #[test]
    fn the_fields_an_amendment_cannot_change_are_refused_by_name() {
        for field in NOT_AMENDABLE {
            for value in ["1", "null", "\"x\""] {
                let body = format!(r#"{{"reason": "", "{field}": {value}}}"#);
                match crate::http::parse_json::<Amendment>(body.as_bytes()) {
                    Err(AppError::Validation(errors)) => {
                        assert_eq!(
                            errors.get(field),
                            Some(&[Refusal::NotAmendable][..]),
                            "{body}"
                        );
                        assert!(errors.names("reason"), "{body}");
                    }
                    other => panic!("{body}: {other:?}"),
                }
            }
        }
    }
}
