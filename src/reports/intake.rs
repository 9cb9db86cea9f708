//! Filing a report: every rule of SPEC.md §3 checked (field refusals collected, then state
//! conflicts), the law's classification and deadlines computed by the domain layer, and the
//! incident opened or completed — all in the caller's audited transaction.

use crate::db::{Action, Entity};
use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::{GroundList, Incident, NewReport, Report};
use crate::db::WriteTx;
use crate::db::schema::{incidents, reports};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::access::Role;
use crate::domain::deadlines::{final_due_on, preliminary_due_on};
use crate::domain::report::{
    ReceivedVia, Stage, date_refusals, delegation_misfit, misplaced_grounds, regime_misfit,
};
use crate::domain::reportability::{
    Classification, Facts, classify, effective_mandatory, is_serious,
};
use crate::error::{AppError, FieldErrors, Missing, Refusal, Term};
use crate::records::organizations;
use crate::records::organizations::Organization;

/// Who is filing.
#[derive(Clone, Copy, Debug)]
pub struct Filer {
    pub user_id: Option<i64>,
    pub role: Role,
}

impl NewReport {
    pub fn facts(&self) -> Facts {
        Facts {
            sensitive_data: self.sensitive_data,
            financial_damage_risk: self.financial_damage_risk,
            unlawful_purpose: self.unlawful_purpose,
            persons_affected: self.persons_affected,
            ordinance_sensitive: self.ordinance_sensitive,
            network_system: self.network_system,
            publicly_viewable: self.publicly_viewable,
            strongly_encrypted: self.strongly_encrypted,
        }
    }
}

/// What a filing wrote, as written: the rows come back from the statements that wrote them, so
/// the answer and the receipt need no second read.
#[derive(Debug)]
pub struct Filing {
    pub report: Report,
    /// The incident after the filing (opened, or completed by a final report).
    pub incident: Incident,
    /// The reporting organization, as read for the intake rules.
    pub organization: Organization,
}

/// How a report reached the record: filed (the API, the pages), or a row of an imported file —
/// audited as an import, with the file's name and the row's number, and filed with what the
/// import keeps from row to row (`batch`).
#[derive(Clone, Copy)]
pub(super) enum Source<'a> {
    Filed,
    Imported {
        file: &'a str,
        row: usize,
        batch: &'a RefCell<Batch>,
    },
}

impl<'a> Source<'a> {
    /// What an import keeps from row to row; none for a filing.
    fn batch(self) -> Option<&'a RefCell<Batch>> {
        match self {
            Source::Filed => None,
            Source::Imported { batch, .. } => Some(batch),
        }
    }
}

/// What an import keeps from row to row, so that a row costs fewer statements than a filing:
/// the organizations read (a file names its few reporters again and again; none of them changes
/// within the import's transaction), the reports' index rows, held to be written together, and
/// what a later row's final report reads of the preliminary report and the incident earlier
/// rows wrote. [`Batch::finish`] writes what is still held, before the transaction commits.
#[derive(Default)]
pub(super) struct Batch {
    organizations: HashMap<i64, Option<Organization>>,
    index: crate::index::entries::Held,
    /// The preliminary reports filed by earlier rows, as a final report's checks read them.
    preliminaries: HashMap<i64, Named>,
    /// The incidents earlier rows opened and no row has completed yet, as they are now: written
    /// in this transaction, no other can change (or even see) them before it commits.
    open: HashMap<i64, Incident>,
}

/// What a final report's checks read of the preliminary report it names.
#[derive(Clone, Copy)]
struct Named {
    organization_id: i64,
    stage: Stage,
    regime: crate::domain::reportability::Regime,
    received_on: NaiveDate,
    incident_id: i64,
}

impl Named {
    fn of(report: &Report) -> Self {
        Self {
            organization_id: report.organization_id,
            stage: report.stage,
            regime: report.regime,
            received_on: report.received_on,
            incident_id: report.incident_id,
        }
    }
}

impl Batch {
    fn organization(
        &mut self,
        conn: &mut DbConnection,
        id: i64,
    ) -> Result<Option<Organization>, AppError> {
        if let Some(known) = self.organizations.get(&id) {
            return Ok(known.clone());
        }
        let found = organizations::find(conn, id)?;
        self.organizations.insert(id, found.clone());
        Ok(found)
    }

    /// Keeps what a later row's final report may need of this filing.
    fn filed(&mut self, report: &Report, incident: &Incident) {
        if report.stage == Stage::Preliminary {
            self.preliminaries.insert(report.id, Named::of(report));
        }
        if incident.final_report_id.is_none() {
            self.open.insert(incident.id, incident.clone());
        } else {
            self.open.remove(&incident.id);
        }
    }

    pub(super) fn finish(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        self.index.write(conn)
    }
}

/// Files `new`. Refuses with every field at fault, or with a 409 when the chain it names is
/// already complete; writes nothing then.
pub(super) fn file(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    new: NewReport,
    today: NaiveDate,
    source: Source<'_>,
) -> Result<Filing, AppError> {
    let mut errors = FieldErrors::new();
    if !filer.role.is_staff() {
        if new.received_on.is_some() {
            errors.add("received_on", Refusal::StaffSetReceivedOn);
        }
        if new.received_via == Some(ReceivedVia::Delegated) {
            errors.add("received_via", Refusal::StaffRecordDelegated);
        }
    }
    let received_on = new.received_on.unwrap_or(today);
    let mut find = |conn: &mut DbConnection, id| match source.batch() {
        Some(batch) => batch.borrow_mut().organization(conn, id),
        None => organizations::find(conn, id),
    };
    let organization = fact_refusals(tx, &new, received_on, today, &mut find, &mut errors)?;

    let chain = match (new.stage, new.preliminary_report_id) {
        (Stage::Preliminary, Some(_)) => {
            errors.add("preliminary_report_id", Refusal::PreliminaryNamesNone);
            None
        }
        (Stage::Final, Some(id)) => preliminary_of(tx, &new, id, received_on, source, &mut errors)?,
        _ => None,
    };
    errors.into_result()?;
    let organization = organization.ok_or(AppError::NotFound(Missing::Organization))?;

    let classification = classify(new.regime, &new.facts());
    let grounds = GroundList(classification.grounds.clone());
    // One audit row for the filing: the report, and what it did to its incident.
    let (incident, mut incident_change) = match chain {
        Some(incident) => {
            if let Some(final_id) = incident.final_report_id {
                return Err(AppError::Conflict(Refusal::IncidentComplete {
                    reference: incident.reference(),
                    final_report: final_id,
                }));
            }
            (incident, serde_json::Value::Null)
        }
        None => open_incident(tx, &new, received_on, &classification, &grounds)?,
    };

    let (report, mut changes) = insert_report(tx, filer, &new, incident.id, received_on, &grounds)?;
    let text = crate::index::entries::ReportText {
        id: report.id,
        incident_id: report.incident_id,
        organization_id: report.organization_id,
        first_received_on: incident.first_received_on,
        summary: &report.summary,
        items: &report.data_items.0,
        free: [
            report.secondary_damage.as_deref(),
            report.response_to_individuals.as_deref(),
            report.publication.as_deref(),
            report.prevention_measures.as_deref(),
            report.notes.as_deref(),
        ],
    };
    match source.batch() {
        Some(batch) => batch.borrow_mut().index.filed_report(tx.conn(), text)?,
        None => crate::index::entries::filed_report(tx.conn(), text)?,
    }
    let mut incident = incident;
    if new.stage == Stage::Final {
        let completed;
        (incident, completed) =
            complete_incident(tx, &incident, report.id, &new, received_on, &classification)?;
        incident_change = match incident_change {
            serde_json::Value::Null => json!({ "completed": completed }),
            opened => json!({ "opened": opened["opened"], "completed": completed }),
        };
    }
    changes["incident"] = incident_change;
    let action = match source {
        Source::Filed => Action::File,
        Source::Imported { file, row, .. } => {
            changes["imported_from"] = json!({ "file": file, "row": row });
            Action::Import
        }
    };
    tx.record(action, Entity::Report, report.id, &changes)?;
    if let Some(batch) = source.batch() {
        batch.borrow_mut().filed(&report, &incident);
    }
    Ok(Filing {
        report,
        incident,
        organization,
    })
}

/// The refusals of a report's facts, as filed or as amended: the channel, the dates, the
/// organization and the regime it may report under, the grounds its regime knows, the
/// contractor (organizations read by `find`). Answers the reporting organization when it exists.
pub(super) fn fact_refusals(
    tx: &mut WriteTx<'_>,
    new: &NewReport,
    received_on: NaiveDate,
    today: NaiveDate,
    find: &mut impl FnMut(&mut DbConnection, i64) -> Result<Option<Organization>, AppError>,
    errors: &mut FieldErrors,
) -> Result<Option<Organization>, AppError> {
    if let Some(why) = new
        .received_via
        .and_then(|via| delegation_misfit(new.regime, via))
    {
        errors.add("received_via", why);
    }
    for (field, why) in date_refusals(new.occurred_on, new.aware_on, received_on, today) {
        errors.add(field, why);
    }

    let organization = find(tx.conn(), new.organization_id)?;
    if organization.is_none() {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        );
    }
    let kind = organization.as_ref().map(|organization| organization.kind);
    if let Some(why) = kind.and_then(|kind| regime_misfit(new.regime, kind)) {
        errors.add("regime", why);
    }
    for (field, why) in misplaced_grounds(new.regime, kind, &new.facts()) {
        errors.add(field, why);
    }
    if let Some(contractor) = new.contractor_organization_id {
        if contractor == new.organization_id {
            errors.add("contractor_organization_id", Refusal::ContractorIsReporter);
        } else if find(tx.conn(), contractor)?.is_none() {
            errors.add(
                "contractor_organization_id",
                Refusal::NoSuchRecord {
                    record: Missing::Organization,
                    id: contractor,
                },
            );
        }
    }

    Ok(organization)
}

/// The incident of the preliminary report a final report names, after checking that it may.
fn preliminary_of(
    tx: &mut WriteTx<'_>,
    new: &NewReport,
    id: i64,
    received_on: NaiveDate,
    source: Source<'_>,
    errors: &mut FieldErrors,
) -> Result<Option<Incident>, AppError> {
    let field = "preliminary_report_id";
    // An import's earlier row, as it filed it; else the report as stored.
    let batch = source.batch();
    let known = batch.and_then(|batch| batch.borrow().preliminaries.get(&id).copied());
    let preliminary = match known {
        Some(known) => Some(known),
        None => reports::table
            .find(id)
            .select(Report::as_select())
            .first(tx.conn())
            .optional()?
            .as_ref()
            .map(Named::of),
    };
    // Another organization's report answers exactly like a missing one.
    let Some(preliminary) = preliminary.filter(|r| r.organization_id == new.organization_id) else {
        errors.add(field, Refusal::NoReportOfOrganization { id });
        return Ok(None);
    };
    if preliminary.stage != Stage::Preliminary {
        errors.add(field, Refusal::ReportIsFinal { id });
    }
    if preliminary.regime != new.regime {
        errors.add(
            "regime",
            Refusal::RegimeOfPreliminary {
                regime: Term::new(preliminary.regime.as_str(), preliminary.regime.label_ja()),
            },
        );
    }
    if received_on < preliminary.received_on {
        errors.add(
            "received_on",
            Refusal::BeforePreliminary {
                received_on: preliminary.received_on,
            },
        );
    }
    let open = batch.and_then(|batch| batch.borrow().open.get(&preliminary.incident_id).cloned());
    match open {
        Some(incident) => Ok(Some(incident)),
        None => locked_incident(tx, preliminary.incident_id),
    }
}

/// An incident, locked until the transaction ends, so that two changes of its classification
/// (a final report, staff's override) never compute from a state the other has changed:
/// PostgreSQL `SELECT … FOR UPDATE` (a waiting reader sees the committed row); on SQLite the
/// write transaction holds the database's one writer lock already.
pub(super) fn locked_incident(tx: &mut WriteTx<'_>, id: i64) -> Result<Option<Incident>, AppError> {
    // `Incident::as_select()` is typed by each backend: the query is built in each arm.
    let query = || incidents::table.find(id);
    Ok(match tx.conn() {
        DbConnection::Postgres(c) => query()
            .select(Incident::as_select())
            .for_update()
            .first(c)
            .optional()?,
        DbConnection::Sqlite(c) => query().select(Incident::as_select()).first(c).optional()?,
    })
}

fn open_incident(
    tx: &mut WriteTx<'_>,
    new: &NewReport,
    received_on: NaiveDate,
    classification: &Classification,
    grounds: &GroundList,
) -> Result<(Incident, serde_json::Value), AppError> {
    let now = tx.now();
    let preliminary_due = preliminary_due_on(new.aware_on);
    let final_due = final_due_on(new.aware_on, classification.extended_deadline());
    let via = new.received_via.unwrap_or(ReceivedVia::Direct);
    let insert = diesel::insert_into(incidents::table)
        .values((
            incidents::organization_id.eq(new.organization_id),
            incidents::regime.eq(new.regime.as_str()),
            incidents::first_received_on.eq(received_on),
            incidents::received_via.eq(via.as_str()),
            incidents::aware_on.eq(new.aware_on),
            incidents::computed_mandatory.eq(classification.mandatory),
            incidents::mandatory.eq(classification.mandatory),
            incidents::serious.eq(classification.serious),
            incidents::grounds.eq(grounds.to_text()),
            incidents::preliminary_due_on.eq(preliminary_due),
            incidents::final_due_on.eq(final_due),
            incidents::created_at.eq(now),
            incidents::updated_at.eq(now),
        ))
        .returning(incident_columns());
    let incident: Incident = crate::db::natively!(tx.conn(), |c| insert.get_result(c))?;
    let opened = json!({
        "opened": {
            "id": incident.id,
            "first_received_on": received_on,
            "mandatory": classification.mandatory,
            "serious": classification.serious,
            "preliminary_due_on": preliminary_due,
            "final_due_on": final_due,
        }
    });
    Ok((incident, opened))
}

fn insert_report(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    new: &NewReport,
    incident_id: i64,
    received_on: NaiveDate,
    grounds: &GroundList,
) -> Result<(Report, serde_json::Value), AppError> {
    let trimmed = |text: &Option<String>| text.as_deref().map(str::trim).map(str::to_owned);
    let items: Vec<&str> = new.data_items.iter().map(|item| item.trim()).collect();
    let via = new.received_via.unwrap_or(ReceivedVia::Direct);
    let persons = i64::try_from(new.persons_affected)
        .map_err(|_| FieldErrors::single("persons_affected", Refusal::TooLarge))?;
    let now = tx.now();
    let insert = diesel::insert_into(reports::table)
        .values((
            (
                reports::incident_id.eq(incident_id),
                reports::organization_id.eq(new.organization_id),
                reports::regime.eq(new.regime.as_str()),
                reports::stage.eq(new.stage.as_str()),
                reports::preliminary_report_id.eq(new.preliminary_report_id),
                reports::aware_on.eq(new.aware_on),
                reports::occurred_on.eq(new.occurred_on),
                reports::received_on.eq(received_on),
                reports::summary.eq(new.summary.trim()),
                reports::data_items.eq(serde_json::to_string(&items).unwrap_or_default()),
                reports::persons_affected.eq(persons),
                reports::persons_estimated.eq(new.persons_estimated),
                reports::cause.eq(new.cause.as_str()),
                reports::sensitive_data.eq(new.sensitive_data),
                reports::financial_damage_risk.eq(new.financial_damage_risk),
                reports::unlawful_purpose.eq(new.unlawful_purpose),
            ),
            (
                reports::ordinance_sensitive.eq(new.ordinance_sensitive),
                reports::network_system.eq(new.network_system),
                reports::publicly_viewable.eq(new.publicly_viewable),
                reports::strongly_encrypted.eq(new.strongly_encrypted),
                reports::secondary_damage.eq(trimmed(&new.secondary_damage)),
                reports::response_to_individuals.eq(trimmed(&new.response_to_individuals)),
                reports::publication.eq(trimmed(&new.publication)),
                reports::prevention_measures.eq(trimmed(&new.prevention_measures)),
                reports::notes.eq(trimmed(&new.notes)),
                reports::contractor_organization_id.eq(new.contractor_organization_id),
                reports::received_via.eq(via.as_str()),
                reports::grounds.eq(grounds.to_text()),
                reports::filed_by_user_id.eq(filer.user_id),
                reports::created_at.eq(now),
            ),
        ))
        .returning(report_columns());
    let report: Report = crate::db::natively!(tx.conn(), |c| insert.get_result(c))?;
    let changes = json!({
        "incident_id": incident_id,
        "organization_id": new.organization_id,
        "regime": new.regime,
        "stage": new.stage,
        "received_on": received_on,
        "received_via": via,
        "persons_affected": new.persons_affected,
        "grounds": grounds.to_text(),
    });
    Ok((report, changes))
}

/// The columns of [`Incident`], for a `RETURNING` clause (`as_returning()` is not available
/// through the multi-backend connection). Intake's statements run `natively!`, on the
/// backend's own connection: they are its hot path.
pub(super) fn incident_columns() -> <Incident as Selectable<MultiBackend>>::SelectExpression {
    <Incident as Selectable<MultiBackend>>::construct_selection()
}

/// The columns of [`Report`], for a `RETURNING` clause.
pub(super) fn report_columns() -> <Report as Selectable<MultiBackend>>::SelectExpression {
    <Report as Selectable<MultiBackend>>::construct_selection()
}

/// The final report completes the incident: its facts become the incident's classification
/// (unless staff overrode it) and its awareness date the basis of the deadlines. The incident
/// was read locked ([`locked_incident`]), so its override is the current one.
fn complete_incident(
    tx: &mut WriteTx<'_>,
    incident: &Incident,
    report_id: i64,
    new: &NewReport,
    received_on: NaiveDate,
    classification: &Classification,
) -> Result<(Incident, serde_json::Value), AppError> {
    let incident_id = incident.id;
    let mandatory = effective_mandatory(incident.override_mandatory, classification.mandatory);
    let serious = is_serious(new.regime, mandatory);
    let preliminary_due = preliminary_due_on(new.aware_on);
    let final_due = final_due_on(new.aware_on, classification.extended_deadline());
    let now = tx.now();
    let update = diesel::update(incidents::table.find(incident_id))
        .set((
            incidents::aware_on.eq(new.aware_on),
            incidents::computed_mandatory.eq(classification.mandatory),
            incidents::mandatory.eq(mandatory),
            incidents::serious.eq(serious),
            incidents::grounds.eq(GroundList(classification.grounds.clone()).to_text()),
            incidents::preliminary_due_on.eq(preliminary_due),
            incidents::final_due_on.eq(final_due),
            incidents::final_report_id.eq(report_id),
            incidents::final_received_on.eq(received_on),
            incidents::updated_at.eq(now),
        ))
        .returning(incident_columns());
    let completed: Incident = crate::db::natively!(tx.conn(), |c| update.get_result(c))?;
    let change = json!({
        "final_report_id": report_id,
        "final_received_on": received_on,
        "mandatory": completed.mandatory,
        "serious": completed.serious,
        "final_due_on": final_due,
    });
    Ok((completed, change))
}

/// Sets or clears staff's override of an incident's classification.
pub(super) fn override_classification(
    tx: &mut WriteTx<'_>,
    incident_id: i64,
    mandatory: Option<bool>,
    reason: Option<String>,
) -> Result<(), AppError> {
    let reason = reason.map(|r| r.trim().to_owned());
    match (mandatory, &reason) {
        (Some(_), None) => {
            return Err(FieldErrors::single("reason", Refusal::OverrideNeedsReason));
        }
        (None, Some(_)) => {
            return Err(FieldErrors::single(
                "reason",
                Refusal::ReasonWithoutOverride,
            ));
        }
        _ => {}
    }
    let incident =
        locked_incident(tx, incident_id)?.ok_or(AppError::NotFound(Missing::Incident))?;
    if mandatory == incident.override_mandatory && reason == incident.override_reason {
        // The override is already what was asked: write nothing, not even an audit row.
        tx.nothing_changed();
        return Ok(());
    }
    let effective = effective_mandatory(mandatory, incident.computed_mandatory);
    let serious = is_serious(incident.regime, effective);
    diesel::update(incidents::table.find(incident_id))
        .set((
            incidents::override_mandatory.eq(mandatory),
            incidents::override_reason.eq(&reason),
            incidents::mandatory.eq(effective),
            incidents::serious.eq(serious),
            incidents::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Classify,
        Entity::Incident,
        incident_id,
        &json!({
            "override_mandatory": {"from": incident.override_mandatory, "to": mandatory},
            "mandatory": {"from": incident.mandatory, "to": effective},
            "reason": reason,
        }),
    )
}
