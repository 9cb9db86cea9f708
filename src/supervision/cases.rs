//! Cases, their entities and incidents, and meetings: queries and audited writes.

use crate::db::audit;
use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::{
    Case, CaseChanges, CaseEntityChanges, CaseEntityRow, CaseEntityView, CaseFilter, CaseOrder,
    CaseView, Meeting, NewCase, NewCaseEntity, NewMeeting, TimelineEntry,
};
use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::{
    actions, case_entities, case_incidents, cases, incidents, meetings, organizations, reports,
};
use crate::db::text::{containing, lower};
use crate::domain::case::CaseStatus;
use crate::domain::powers::{ActionKind, legal_basis};
use crate::domain::reference::incident_reference;
use crate::domain::report::Stage;
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest};
use crate::index::SearchKind;
use crate::records::incidents::{Incident, IncidentView};
use crate::records::organizations::Organization;

fn period_refusal(from: Option<NaiveDate>, to: Option<NaiveDate>, errors: &mut FieldErrors) {
    if let (Some(from), Some(to)) = (from, to)
        && to < from
    {
        errors.add(
            "occurred_to",
            Refusal::BeforeField {
                other: "occurred_from".into(),
            },
        );
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<Case>, AppError> {
    Ok(cases::table
        .find(id)
        .select(Case::as_select())
        .first(conn)
        .optional()?)
}

pub(super) fn create(
    tx: &mut WriteTx<'_>,
    new: NewCase,
    today: NaiveDate,
) -> Result<Case, AppError> {
    let mut errors = FieldErrors::new();
    period_refusal(new.occurred_from, new.occurred_to, &mut errors);
    if new.as_of.is_some_and(|as_of| as_of > today) {
        errors.add("as_of", Refusal::InFuture);
    }
    errors.into_result()?;
    let now = tx.now();
    let text = |t: &Option<String>| t.as_deref().map(str::trim).map(str::to_owned);
    let id: i64 = diesel::insert_into(cases::table)
        .values((
            cases::title.eq(new.title.trim()),
            cases::summary.eq(text(&new.summary)),
            cases::occurred_from.eq(new.occurred_from),
            cases::occurred_to.eq(new.occurred_to),
            cases::status.eq(new.status.unwrap_or(CaseStatus::Open).as_str()),
            cases::as_of.eq(new.as_of),
            cases::published.eq(new.published),
            cases::problem.eq(text(&new.problem)),
            cases::response_policy.eq(text(&new.response_policy)),
            cases::created_at.eq(now),
            cases::updated_at.eq(now),
        ))
        .returning(cases::id)
        .get_result(tx.conn())?;
    let case = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Case))?;
    crate::index::entries::case(tx.conn(), id)?;
    tx.record(audit::Action::Create, audit::Entity::Case, id, &case)?;
    Ok(case)
}

pub(super) fn update(
    tx: &mut WriteTx<'_>,
    id: i64,
    changes: CaseChanges,
    today: NaiveDate,
) -> Result<Case, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Case))?;
    let mut after = before.clone();
    let text = |t: Option<String>| t.map(|t| t.trim().to_owned());
    if let Some(title) = changes.title {
        after.title = title.trim().to_owned();
    }
    if let Some(summary) = changes.summary {
        after.summary = text(summary);
    }
    if let Some(from) = changes.occurred_from {
        after.occurred_from = from;
    }
    if let Some(to) = changes.occurred_to {
        after.occurred_to = to;
    }
    if let Some(status) = changes.status {
        after.status = status;
    }
    if let Some(as_of) = changes.as_of {
        after.as_of = as_of;
    }
    if let Some(published) = changes.published {
        after.published = published;
    }
    if let Some(problem) = changes.problem {
        after.problem = text(problem);
    }
    if let Some(policy) = changes.response_policy {
        after.response_policy = text(policy);
    }
    let mut errors = FieldErrors::new();
    period_refusal(after.occurred_from, after.occurred_to, &mut errors);
    if after.as_of.is_some_and(|as_of| as_of > today) {
        errors.add("as_of", Refusal::InFuture);
    }
    errors.into_result()?;
    let diff = crate::db::diff(&before, &after, &["created_at", "updated_at"]);
    if diff.is_empty() {
        tx.nothing_changed();
        return Ok(before);
    }
    after.updated_at = tx.now();
    diesel::update(cases::table.find(id))
        .set((
            cases::title.eq(&after.title),
            cases::summary.eq(&after.summary),
            cases::occurred_from.eq(after.occurred_from),
            cases::occurred_to.eq(after.occurred_to),
            cases::status.eq(after.status.as_str()),
            cases::as_of.eq(after.as_of),
            cases::published.eq(after.published),
            cases::problem.eq(&after.problem),
            cases::response_policy.eq(&after.response_policy),
            cases::updated_at.eq(after.updated_at),
        ))
        .execute(tx.conn())?;
    crate::index::entries::case(tx.conn(), id)?;
    tx.record(audit::Action::Update, audit::Entity::Case, id, &diff)?;
    Ok(after)
}

/// Marks a case as changed now (its last activity), in the caller's transaction.
pub fn touch(tx: &mut WriteTx<'_>, id: i64) -> Result<(), AppError> {
    let now = tx.now();
    diesel::update(cases::table.find(id))
        .set(cases::updated_at.eq(now))
        .execute(tx.conn())?;
    Ok(())
}

/// The most cases a `q` is looked for among by id (see [`list`]).
const CANDIDATES: i64 = 5_000;

pub fn list(conn: &mut DbConnection, filter: &CaseFilter) -> Result<Page<Case>, AppError> {
    // A `q` of words of two characters or more is looked for among the cases the search index
    // finds holding each word (the index holds the same four fields, folded), when they are
    // few: the LIKE below then reads those cases only. Otherwise every case is read.
    let candidates: Option<Vec<i64>> = match filter
        .q
        .as_deref()
        .and_then(|text| crate::domain::search::parse_query(text).ok())
    {
        Some(terms) => {
            let ids: Vec<i64> =
                crate::index::store::record_ids(conn.backend(), SearchKind::Case, &terms)
                    .limit(CANDIDATES + 1)
                    .load(conn)?;
            (ids.len() as i64 <= CANDIDATES).then_some(ids)
        }
        None => None,
    };
    let query = || {
        let mut query = cases::table.into_boxed();
        if let Some(status) = filter.status {
            query = query.filter(cases::status.eq(status.as_str()));
        }
        if let Some(organization_id) = filter.organization_id {
            query = query.filter(
                cases::id.eq_any(
                    case_entities::table
                        .filter(case_entities::organization_id.eq(organization_id))
                        .select(case_entities::case_id),
                ),
            );
        }
        if let Some(published) = filter.published {
            query = query.filter(cases::published.eq(published));
        }
        if let Some(text) = &filter.q {
            let pattern = containing(text);
            query = query.filter(
                lower(cases::title)
                    .like(pattern.clone())
                    .escape('\\')
                    .or(lower(cases::summary.assume_not_null())
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(cases::problem.assume_not_null())
                        .like(pattern.clone())
                        .escape('\\'))
                    .or(lower(cases::response_policy.assume_not_null())
                        .like(pattern)
                        .escape('\\')),
            );
            if let Some(ids) = &candidates {
                query = query.filter(cases::id.eq_any(ids.clone()));
            }
        }
        query
    };
    let by_activity = filter.sort == Some(CaseOrder::LastActivity);
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        if by_activity {
            q.order((cases::updated_at.desc(), cases::id.desc()))
                .select(Case::as_select())
        } else {
            q.order(cases::id.asc()).select(Case::as_select())
        }
    })?;
    Ok(rows.into_page(|case| case))
}

/// The published cases, newest first (the public list).
pub fn published(
    conn: &mut DbConnection,
    page: u32,
    per_page: u32,
) -> Result<Page<Case>, AppError> {
    let query = || cases::table.filter(cases::published.eq(true)).into_boxed();
    let rows = PageRequest::new(Some(page), Some(per_page)).load(conn, query, |q| {
        q.order(cases::id.desc()).select(Case::as_select())
    })?;
    Ok(rows.into_page(|case| case))
}

/// Cases not closed, most recently updated first, at most `limit` (the staff dashboard).
pub fn open(conn: &mut DbConnection, limit: i64) -> Result<Vec<Case>, AppError> {
    Ok(cases::table
        .filter(cases::status.ne(CaseStatus::Closed.as_str()))
        .order((cases::updated_at.desc(), cases::id.desc()))
        .limit(limit)
        .select(Case::as_select())
        .load(conn)?)
}

pub(super) fn add_entity(
    tx: &mut WriteTx<'_>,
    case_id: i64,
    new: NewCaseEntity,
) -> Result<CaseEntityView, AppError> {
    find(tx.conn(), case_id)?.ok_or(AppError::NotFound(Missing::Case))?;
    let organization: Organization = organizations::table
        .find(new.organization_id)
        .select(Organization::as_select())
        .first(tx.conn())
        .optional()?
        .ok_or_else(|| {
            FieldErrors::single(
                "organization_id",
                Refusal::NoSuchRecord {
                    record: Missing::Organization,
                    id: new.organization_id,
                },
            )
        })?;
    if has_entity(tx.conn(), case_id, new.organization_id)? {
        return Err(AppError::Conflict(Refusal::EntityInCase {
            organization: new.organization_id,
            case: case_id,
        }));
    }
    let focus_points = new.focus_points.as_deref().map(str::trim);
    let id: i64 = diesel::insert_into(case_entities::table)
        .values((
            case_entities::case_id.eq(case_id),
            case_entities::organization_id.eq(new.organization_id),
            case_entities::role.eq(new.role.as_str()),
            case_entities::focus_points.eq(focus_points),
            case_entities::created_at.eq(tx.now()),
        ))
        .returning(case_entities::id)
        .get_result(tx.conn())?;
    touch(tx, case_id)?;
    tx.record(
        audit::Action::AddEntity,
        audit::Entity::Case,
        case_id,
        &json!({"case_entity_id": id, "organization_id": new.organization_id,
                "role": new.role, "focus_points": focus_points}),
    )?;
    Ok(CaseEntityView {
        organization_id: organization.id,
        name: organization.name,
        kind: organization.kind,
        role: new.role,
        role_label_ja: new.role.label_ja(),
        focus_points: focus_points.map(str::to_owned),
    })
}

/// Changes an entity's role or focus points in a case; audited with what changed.
pub(super) fn update_entity(
    tx: &mut WriteTx<'_>,
    case_id: i64,
    organization_id: i64,
    changes: CaseEntityChanges,
) -> Result<CaseEntityView, AppError> {
    find(tx.conn(), case_id)?.ok_or(AppError::NotFound(Missing::Case))?;
    let row: CaseEntityRow = case_entities::table
        .filter(case_entities::case_id.eq(case_id))
        .filter(case_entities::organization_id.eq(organization_id))
        .select(CaseEntityRow::as_select())
        .first(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound(Missing::Organization))?;
    let role = changes.role.unwrap_or(row.role);
    let focus_points = match changes.focus_points {
        Some(text) => text.map(|t| t.trim().to_owned()),
        None => row.focus_points.clone(),
    };
    let mut diff = serde_json::Map::new();
    if role != row.role {
        diff.insert("role".into(), json!({"from": row.role, "to": role}));
    }
    if focus_points != row.focus_points {
        diff.insert(
            "focus_points".into(),
            json!({"from": row.focus_points, "to": focus_points}),
        );
    }
    if diff.is_empty() {
        tx.nothing_changed();
    } else {
        diesel::update(case_entities::table.find(row.id))
            .set((
                case_entities::role.eq(role.as_str()),
                case_entities::focus_points.eq(&focus_points),
            ))
            .execute(tx.conn())?;
        touch(tx, case_id)?;
        diff.insert("organization_id".into(), json!(organization_id));
        tx.record(
            audit::Action::UpdateEntity,
            audit::Entity::Case,
            case_id,
            &diff,
        )?;
    }
    let organization: Organization = organizations::table
        .find(organization_id)
        .select(Organization::as_select())
        .first(tx.conn())?;
    Ok(CaseEntityView {
        organization_id,
        name: organization.name,
        kind: organization.kind,
        role,
        role_label_ja: role.label_ja(),
        focus_points,
    })
}

/// The incident a reference (LR-2026-000123) names, or the reference's refusal.
pub(super) fn incident_named(conn: &mut DbConnection, reference: &str) -> Result<i64, AppError> {
    let incident = crate::records::incidents::by_reference(conn, reference)?;
    incident.map(|(id, _)| id).ok_or_else(|| {
        FieldErrors::single(
            "reference",
            Refusal::NoSuchReference {
                reference: reference.trim().chars().take(40).collect(),
            },
        )
    })
}

pub(super) fn add_incident(
    tx: &mut WriteTx<'_>,
    case_id: i64,
    incident_id: i64,
    today: NaiveDate,
) -> Result<IncidentView, AppError> {
    find(tx.conn(), case_id)?.ok_or(AppError::NotFound(Missing::Case))?;
    let incident: Incident = incidents::table
        .find(incident_id)
        .select(Incident::as_select())
        .first(tx.conn())
        .optional()?
        .ok_or_else(|| {
            FieldErrors::single(
                "incident_id",
                Refusal::NoSuchRecord {
                    record: Missing::Incident,
                    id: incident_id,
                },
            )
        })?;
    if has_incident(tx.conn(), case_id, incident_id)? {
        return Err(AppError::Conflict(Refusal::IncidentInCase {
            reference: incident.reference(),
            case: case_id,
        }));
    }
    diesel::insert_into(case_incidents::table)
        .values((
            case_incidents::case_id.eq(case_id),
            case_incidents::incident_id.eq(incident_id),
            case_incidents::created_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    touch(tx, case_id)?;
    tx.record(
        audit::Action::AddIncident,
        audit::Entity::Case,
        case_id,
        &json!({"incident_id": incident_id, "reference": incident.reference()}),
    )?;
    Ok(IncidentView::new(incident, today))
}

/// Whether `organization_id` is an entity of the case.
pub fn has_entity(
    conn: &mut DbConnection,
    case_id: i64,
    organization_id: i64,
) -> Result<bool, AppError> {
    let n: i64 = case_entities::table
        .filter(case_entities::case_id.eq(case_id))
        .filter(case_entities::organization_id.eq(organization_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// Whether the incident is part of the case.
pub fn has_incident(
    conn: &mut DbConnection,
    case_id: i64,
    incident_id: i64,
) -> Result<bool, AppError> {
    let n: i64 = case_incidents::table
        .filter(case_incidents::case_id.eq(case_id))
        .filter(case_incidents::incident_id.eq(incident_id))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The case with its entities, incidents and timeline: four queries, whatever its size.
pub fn view(conn: &mut DbConnection, case: Case, today: NaiveDate) -> Result<CaseView, AppError> {
    let entities: Vec<(CaseEntityRow, Organization)> = case_entities::table
        .inner_join(organizations::table)
        .filter(case_entities::case_id.eq(case.id))
        .order(case_entities::id.asc())
        .select((CaseEntityRow::as_select(), Organization::as_select()))
        .load(conn)?;
    let entities = entities
        .into_iter()
        .map(|(entity, organization)| CaseEntityView {
            organization_id: organization.id,
            name: organization.name,
            kind: organization.kind,
            role: entity.role,
            role_label_ja: entity.role.label_ja(),
            focus_points: entity.focus_points,
        })
        .collect();
    let incident_rows: Vec<Incident> = incidents::table
        .inner_join(case_incidents::table)
        .filter(case_incidents::case_id.eq(case.id))
        .order(incidents::id.asc())
        .select(Incident::as_select())
        .load(conn)?;
    let incident_ids: Vec<i64> = incident_rows.iter().map(|i| i.id).collect();
    let report_rows: Vec<(i64, i64, i64, String, NaiveDate, NaiveDate)> = reports::table
        .inner_join(incidents::table)
        .filter(reports::incident_id.eq_any(&incident_ids))
        .select((
            reports::id,
            reports::incident_id,
            reports::organization_id,
            reports::stage,
            reports::received_on,
            incidents::first_received_on,
        ))
        .load(conn)?;
    let action_rows: Vec<(i64, i64, String, String, NaiveDate)> = actions::table
        .filter(actions::case_id.eq(case.id))
        .select((
            actions::id,
            actions::organization_id,
            actions::kind,
            actions::regime,
            actions::started_on,
        ))
        .load(conn)?;
    let mut timeline: Vec<TimelineEntry> =
        report_rows
            .into_iter()
            .map(
                |(id, incident_id, organization_id, stage, received_on, first)| {
                    use chrono::Datelike;
                    let stage = Stage::parse(&stage).map_or("報告", Stage::label_ja);
                    TimelineEntry {
                        on: received_on,
                        entry: "report",
                        id,
                        organization_id,
                        label_ja: format!(
                            "{stage}受付 {}",
                            incident_reference(first.year(), incident_id)
                        ),
                    }
                },
            )
            .chain(action_rows.into_iter().map(
                |(id, organization_id, kind, regime, started_on)| {
                    let power = ActionKind::parse(&kind)
                        .zip(Regime::parse(&regime))
                        .and_then(|(kind, regime)| legal_basis(kind, regime))
                        .map_or(kind.clone(), |basis| basis.power_ja.to_owned());
                    TimelineEntry {
                        on: started_on,
                        entry: "action",
                        id,
                        organization_id,
                        label_ja: power,
                    }
                },
            ))
            .collect();
    timeline.sort_by(|a, b| (a.on, a.entry, a.id).cmp(&(b.on, b.entry, b.id)));
    let incidents = incident_rows
        .into_iter()
        .map(|incident| IncidentView::new(incident, today))
        .collect();
    Ok(CaseView {
        case,
        entities,
        incidents,
        timeline,
    })
}

pub(super) fn create_meeting(
    tx: &mut WriteTx<'_>,
    new: NewMeeting,
    today: NaiveDate,
) -> Result<Meeting, AppError> {
    if new.held_on > today {
        return Err(FieldErrors::single("held_on", Refusal::InFuture));
    }
    let taken: i64 = meetings::table
        .filter(meetings::number.eq(new.number))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(AppError::Conflict(Refusal::MeetingExists {
            number: i64::from(new.number),
        }));
    }
    let id: i64 = diesel::insert_into(meetings::table)
        .values((
            meetings::number.eq(new.number),
            meetings::held_on.eq(new.held_on),
            meetings::created_at.eq(tx.now()),
        ))
        .returning(meetings::id)
        .get_result(tx.conn())?;
    let meeting: Meeting = meetings::table
        .find(id)
        .select(Meeting::as_select())
        .first(tx.conn())?;
    tx.record(audit::Action::Create, audit::Entity::Meeting, id, &meeting)?;
    Ok(meeting)
}

/// A page of the meetings, the latest first; `number` finds one.
pub fn meetings_page(
    conn: &mut DbConnection,
    request: PageRequest,
    number: Option<i32>,
) -> Result<Page<Meeting>, AppError> {
    let query = || {
        let mut query = meetings::table.into_boxed();
        if let Some(number) = number {
            query = query.filter(meetings::number.eq(number));
        }
        query
    };
    let rows = request.load(conn, query, |q| {
        q.order(meetings::number.desc())
            .select(Meeting::as_select())
    })?;
    Ok(rows.into_page(|meeting| meeting))
}

pub fn list_meetings(conn: &mut DbConnection) -> Result<Vec<Meeting>, AppError> {
    Ok(meetings::table
        .order(meetings::number.desc())
        .select(Meeting::as_select())
        .load(conn)?)
}
