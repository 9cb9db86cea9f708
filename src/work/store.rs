//! The queries of the staff's work: each record's facts that `domain::work` decides open and due
//! by, read from the record's table (as the statistics count records); the work lists, the
//! unassigned queue and the workload; the assignees, notes and timeline.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{Note, Whose, WorkItem, WorkList, Workload};
use crate::db::DbConnection;
use crate::db::schema::{
    actions, assignees, cases, consultations, incidents, mediations, notes, report_reviews,
    reports, users,
};
use crate::domain::access::Role;
use crate::domain::calendar::japan_date;
use crate::domain::case::CaseStatus;
use crate::domain::hotline::MediationStatus;
use crate::domain::powers::{ActionKind, power_named};
use crate::domain::reportability::Regime;
use crate::domain::review::{Decision, ReviewStatus};
use crate::domain::work::{self as rule, IncidentFacts, RecordKind};
use crate::error::AppError;
use crate::http::PageRequest;
use crate::records::organizations;

/// What the work lists know of one record.
#[derive(Clone, Debug)]
pub struct Facts {
    pub kind: RecordKind,
    pub id: i64,
    pub title: String,
    pub href: String,
    pub open: bool,
    pub due_on: Option<NaiveDate>,
    /// The day it began (received, opened, started, applied for).
    pub since: NaiveDate,
    /// The day it closed, when it has.
    pub closed_on: Option<NaiveDate>,
}

impl Facts {
    pub fn item(&self, today: NaiveDate, escalate_after: u32, assignee: Option<i64>) -> WorkItem {
        WorkItem {
            kind: self.kind,
            id: self.id,
            title: self.title.clone(),
            due_on: self.due_on,
            overdue: rule::overdue(self.due_on, today),
            escalated: rule::escalated(self.due_on, today, escalate_after),
            href: self.href.clone(),
            assignee_id: assignee,
            since: self.since,
        }
    }
}

fn day_of(at: NaiveDateTime) -> NaiveDate {
    japan_date(at.and_utc())
}

/// The facts of the records of `kind` among `ids` (those that exist).
pub fn facts(
    conn: &mut DbConnection,
    kind: RecordKind,
    ids: &[i64],
) -> Result<Vec<Facts>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        found.extend(match kind {
            RecordKind::Incident => incident_facts(conn, chunk)?,
            RecordKind::Case => case_facts(conn, chunk)?,
            RecordKind::Action => action_facts(conn, chunk)?,
            RecordKind::Consultation => consultation_facts(conn, chunk)?,
            RecordKind::Mediation => mediation_facts(conn, chunk)?,
        });
    }
    Ok(found)
}

/// Whether record `id` of `kind` exists.
pub fn exists(conn: &mut DbConnection, kind: RecordKind, id: i64) -> Result<bool, AppError> {
    Ok(!facts(conn, kind, &[id])?.is_empty())
}

/// A review of an incident's report: the incident, the report, the version reviewed, the
/// decision, its due day, when; the report's own version and state.
type ReviewRow = (
    i64,
    i64,
    i32,
    String,
    Option<NaiveDate>,
    NaiveDateTime,
    i32,
    String,
);

/// A consultation: id, received, referred, case, summary.
type ConsultationRow = (i64, NaiveDate, bool, Option<i64>, Option<String>);

fn incident_facts(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Facts>, AppError> {
    let rows: Vec<(i64, i64, NaiveDate, bool, Option<i64>, NaiveDate)> = incidents::table
        .filter(incidents::id.eq_any(ids))
        .select((
            incidents::id,
            incidents::organization_id,
            incidents::first_received_on,
            incidents::mandatory,
            incidents::final_report_id,
            incidents::final_due_on,
        ))
        .load(conn)?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let firsts: Vec<(i64, Option<i64>)> = reports::table
        .filter(reports::incident_id.eq_any(ids))
        .group_by(reports::incident_id)
        .select((reports::incident_id, diesel::dsl::min(reports::id)))
        .load(conn)?;
    let firsts: HashMap<i64, i64> = firsts
        .into_iter()
        .filter_map(|(incident, first)| Some((incident, first?)))
        .collect();
    // Every review of the incidents' reports, with the report's own version and state.
    let reviews: Vec<ReviewRow> = report_reviews::table
        .inner_join(reports::table)
        .filter(reports::incident_id.eq_any(ids))
        .select((
            reports::incident_id,
            reports::id,
            report_reviews::version,
            report_reviews::decision,
            report_reviews::due_on,
            report_reviews::created_at,
            reports::version,
            reports::review_status,
        ))
        .order(report_reviews::id)
        .load(conn)?;
    let finals: HashMap<i64, i64> = rows.iter().filter_map(|r| Some((r.0, r.4?))).collect();
    let mut reviewed: HashMap<i64, NaiveDate> = HashMap::new();
    let mut accepted: HashMap<i64, NaiveDate> = HashMap::new();
    let mut revision: HashMap<i64, NaiveDate> = HashMap::new();
    for (incident, report, version, decision, due_on, at, current, status) in &reviews {
        reviewed.entry(*incident).or_insert(day_of(*at));
        let decision = Decision::parse(decision);
        if finals.get(incident) == Some(report)
            && decision == Some(Decision::Accepted)
            && status == ReviewStatus::Accepted.as_str()
        {
            accepted.insert(*incident, day_of(*at));
        }
        if decision == Some(Decision::RevisionRequested)
            && version == current
            && status == ReviewStatus::RevisionRequested.as_str()
            && let Some(due) = due_on
        {
            revision
                .entry(*incident)
                .and_modify(|d| *d = (*d).min(*due))
                .or_insert(*due);
        }
    }
    let names = organizations::names(conn, &rows.iter().map(|r| r.1).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(
            |(id, organization, first_received_on, mandatory, final_report, final_due_on)| {
                let facts = IncidentFacts {
                    mandatory,
                    final_received: final_report.is_some(),
                    final_accepted: accepted.contains_key(&id),
                    reviewed: reviewed.contains_key(&id),
                    final_due_on,
                    revision_due_on: revision.get(&id).copied(),
                };
                use chrono::Datelike;
                let reference =
                    crate::domain::reference::incident_reference(first_received_on.year(), id);
                let open = rule::incident_open(&facts);
                Facts {
                    kind: RecordKind::Incident,
                    id,
                    title: format!(
                        "{reference} {}",
                        organizations::name_in(&names, organization)
                    ),
                    href: firsts.get(&id).map_or_else(
                        || format!("/reports?q={reference}"),
                        |r| format!("/reports/{r}"),
                    ),
                    open,
                    due_on: if open {
                        rule::incident_due(&facts)
                    } else {
                        None
                    },
                    since: first_received_on,
                    closed_on: if open {
                        None
                    } else if mandatory {
                        accepted.get(&id).copied()
                    } else {
                        reviewed.get(&id).copied()
                    },
                }
            },
        )
        .collect())
}

fn case_facts(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Facts>, AppError> {
    let rows: Vec<(i64, String, String, NaiveDateTime, NaiveDateTime)> = cases::table
        .filter(cases::id.eq_any(ids))
        .select((
            cases::id,
            cases::title,
            cases::status,
            cases::created_at,
            cases::updated_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, status, created_at, updated_at)| {
            let open = CaseStatus::parse(&status).is_none_or(rule::case_open);
            Facts {
                kind: RecordKind::Case,
                id,
                title,
                href: format!("/cases/{id}"),
                open,
                due_on: None,
                since: day_of(created_at),
                closed_on: (!open).then(|| day_of(updated_at)),
            }
        })
        .collect())
}

type ActionRow = (
    i64,
    String,
    String,
    i64,
    NaiveDate,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<NaiveDate>,
);

fn action_facts(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Facts>, AppError> {
    let rows: Vec<ActionRow> = actions::table
        .filter(actions::id.eq_any(ids))
        .select((
            actions::id,
            actions::kind,
            actions::regime,
            actions::organization_id,
            actions::started_on,
            actions::ended_on,
            actions::due_on,
            actions::answered_on,
        ))
        .load(conn)?;
    let names = organizations::names(conn, &rows.iter().map(|r| r.3).collect::<Vec<_>>())?;
    Ok(rows
        .into_iter()
        .map(
            |(id, kind, regime, organization, started_on, ended_on, due_on, answered_on)| {
                let power = match (ActionKind::parse(&kind), Regime::parse(&regime)) {
                    (Some(kind), Some(regime)) => power_named(kind, regime).0,
                    _ => "監督措置",
                };
                let open = rule::action_open(ended_on);
                Facts {
                    kind: RecordKind::Action,
                    id,
                    title: format!(
                        "{power}（{}）",
                        organizations::name_in(&names, organization)
                    ),
                    href: format!("/actions/{id}"),
                    open,
                    due_on: if open {
                        rule::action_due(due_on, answered_on)
                    } else {
                        None
                    },
                    since: started_on,
                    closed_on: ended_on,
                }
            },
        )
        .collect())
}

fn consultation_facts(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Facts>, AppError> {
    let rows: Vec<ConsultationRow> = consultations::table
        .filter(consultations::id.eq_any(ids))
        .select((
            consultations::id,
            consultations::received_on,
            consultations::referred_to_supervision,
            consultations::case_id,
            consultations::summary,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, received_on, referred, case_id, summary)| {
            let summary = summary.unwrap_or_default();
            let excerpt: String = summary.chars().take(30).collect();
            Facts {
                kind: RecordKind::Consultation,
                id,
                title: if excerpt.is_empty() {
                    format!("相談 {id}")
                } else {
                    format!("相談 {id}：{excerpt}")
                },
                href: format!("/consultations/{id}"),
                open: rule::consultation_open(referred, case_id),
                due_on: None,
                since: received_on,
                closed_on: None,
            }
        })
        .collect())
}

type MediationRow = (
    i64,
    NaiveDate,
    String,
    Option<NaiveDate>,
    Option<NaiveDate>,
    i64,
);

fn mediation_facts(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Facts>, AppError> {
    let rows: Vec<MediationRow> = mediations::table
        .filter(mediations::id.eq_any(ids))
        .select((
            mediations::id,
            mediations::applied_on,
            mediations::status,
            mediations::declined_on,
            mediations::closed_on,
            mediations::consultation_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, applied_on, status, declined_on, closed_on, consultation)| Facts {
                kind: RecordKind::Mediation,
                id,
                title: format!("苦情あっせん {id}（相談 {consultation}）"),
                href: format!("/mediations/{id}"),
                open: MediationStatus::parse(&status).is_some_and(rule::mediation_open),
                due_on: None,
                since: applied_on,
                closed_on: closed_on.or(declined_on),
            },
        )
        .collect())
}

/// The records assigned to `user` (of `kind`, when given), with when.
pub fn assigned_to(
    conn: &mut DbConnection,
    user: i64,
    kind: Option<RecordKind>,
) -> Result<Vec<(RecordKind, i64)>, AppError> {
    let mut query = assignees::table
        .filter(assignees::user_id.eq(user))
        .select((assignees::record_kind, assignees::record_id))
        .into_boxed();
    if let Some(kind) = kind {
        query = query.filter(assignees::record_kind.eq(kind.as_str()));
    }
    let rows: Vec<(String, i64)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, id)| Some((RecordKind::parse(&kind)?, id)))
        .collect())
}

/// The facts of `records`, grouped by kind in one query each.
fn facts_of(
    conn: &mut DbConnection,
    records: &[(RecordKind, i64)],
) -> Result<Vec<Facts>, AppError> {
    let mut by_kind: BTreeMap<&'static str, (RecordKind, Vec<i64>)> = BTreeMap::new();
    for (kind, id) in records {
        by_kind
            .entry(kind.as_str())
            .or_insert_with(|| (*kind, Vec::new()))
            .1
            .push(*id);
    }
    let mut found = Vec::new();
    for (kind, ids) in by_kind.into_values() {
        found.extend(facts(conn, kind, &ids)?);
    }
    Ok(found)
}

/// A user's open items, in the work list's order.
pub fn open_items_of(
    conn: &mut DbConnection,
    user: i64,
    kind: Option<RecordKind>,
) -> Result<Vec<Facts>, AppError> {
    let records = assigned_to(conn, user, kind)?;
    let mut open: Vec<Facts> = facts_of(conn, &records)?
        .into_iter()
        .filter(|f| f.open)
        .collect();
    open.sort_by_key(|f| rule::order_key(f.due_on, f.kind, f.id));
    Ok(open)
}

/// The header's counts of a user's work: open items, and how many are overdue.
pub fn counts_of(
    conn: &mut DbConnection,
    user: i64,
    today: NaiveDate,
) -> Result<(usize, usize), AppError> {
    let open = open_items_of(conn, user, None)?;
    let overdue = open
        .iter()
        .filter(|f| rule::overdue(f.due_on, today))
        .count();
    Ok((open.len(), overdue))
}

/// How deep the unassigned queue pages: its first items in order (a lead works from its top).
pub const QUEUE_DEPTH: i64 = 10_000;

/// A page of a work list: `whose` items of `kind`, only the overdue ones when asked.
pub fn work_list(
    conn: &mut DbConnection,
    whose: Whose,
    kind: Option<RecordKind>,
    only_overdue: bool,
    request: PageRequest,
    today: NaiveDate,
    escalate_after: u32,
) -> Result<WorkList, AppError> {
    let (mut items, total, overdue) = match whose {
        Whose::User(user) => {
            let open = open_items_of(conn, user, kind)?;
            let overdue = open
                .iter()
                .filter(|f| rule::overdue(f.due_on, today))
                .count() as i64;
            let total = if only_overdue {
                overdue
            } else {
                open.len() as i64
            };
            let items: Vec<(Facts, Option<i64>)> =
                open.into_iter().map(|f| (f, Some(user))).collect();
            (items, total, overdue)
        }
        Whose::Nobody => {
            // The queue pages through its first QUEUE_DEPTH items (its counts are of all).
            let enough = (request.offset() + request.limit()).min(QUEUE_DEPTH);
            let kinds: Vec<RecordKind> = kind.map_or_else(|| RecordKind::ALL.to_vec(), |k| vec![k]);
            let mut candidates = Vec::new();
            let (mut total, mut overdue) = (0, 0);
            for kind in kinds {
                let ids = unassigned_candidates(conn, kind, enough)?;
                let found: Vec<Facts> = facts(conn, kind, &ids)?
                    .into_iter()
                    .filter(|f| f.open)
                    .collect();
                let (count, late) = unassigned_counts(conn, kind, today)?;
                total += count;
                overdue += late;
                candidates.extend(found.into_iter().map(|f| (f, None)));
            }
            candidates.sort_by_key(|(f, _)| rule::order_key(f.due_on, f.kind, f.id));
            candidates.dedup_by_key(|(f, _)| (f.kind, f.id));
            (
                candidates,
                if only_overdue { overdue } else { total },
                overdue,
            )
        }
    };
    if only_overdue {
        items.retain(|(f, _)| rule::overdue(f.due_on, today));
    }
    let page: Vec<WorkItem> = items
        .into_iter()
        .skip(usize::try_from(request.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(request.limit()).unwrap_or(0))
        .map(|(f, assignee)| f.item(today, escalate_after, assignee))
        .collect();
    Ok(WorkList {
        items: page,
        page: request.page,
        per_page: request.per_page,
        total,
        total_exact: true,
        overdue,
        assignee: match whose {
            Whose::User(user) => Some(user),
            Whose::Nobody => None,
        },
    })
}

/// The records of `kind` whose assignee is an enabled user.
macro_rules! taken {
    ($kind:expr) => {
        assignees::table
            .inner_join(users::table)
            .filter(assignees::record_kind.eq($kind.as_str()))
            .filter(users::disabled_at.is_null())
            .select(assignees::record_id)
    };
}

/// The open incidents (`domain::work::incident_open` as a condition on stored values: a
/// mandatory one without its final report accepted, a voluntary one no review has touched)
/// that no enabled user is assigned to.
macro_rules! open_unassigned_incidents {
    () => {{
        let accepted_final = reports::table
            .filter(reports::id.nullable().eq(incidents::final_report_id))
            .filter(reports::review_status.eq(ReviewStatus::Accepted.as_str()))
            .select(reports::id);
        let any_review = report_reviews::table
            .inner_join(reports::table)
            .filter(reports::incident_id.eq(incidents::id))
            .select(report_reviews::id);
        incidents::table
            .filter(
                incidents::mandatory
                    .and(diesel::dsl::not(diesel::dsl::exists(accepted_final)))
                    .or(diesel::dsl::not(incidents::mandatory)
                        .and(diesel::dsl::not(diesel::dsl::exists(any_review)))),
            )
            .filter(diesel::dsl::not(
                incidents::id.eq_any(taken!(RecordKind::Incident)),
            ))
            .into_boxed()
    }};
}

/// Incidents awaiting a revision of a report (their due day is the revision's).
macro_rules! revising {
    () => {
        diesel::dsl::exists(
            reports::table
                .filter(reports::incident_id.eq(incidents::id))
                .filter(reports::review_status.eq(ReviewStatus::RevisionRequested.as_str()))
                .select(reports::id),
        )
    };
}

/// The stored codes (`code`) of the statuses `open` (a rule of `domain::work`) calls open.
fn open_statuses<S: Copy>(
    all: &[S],
    open: fn(S) -> bool,
    code: fn(S) -> &'static str,
) -> Vec<&'static str> {
    all.iter().copied().filter(|s| open(*s)).map(code).collect()
}

/// The open actions (not ended) no enabled user is assigned to.
macro_rules! open_unassigned_actions {
    () => {
        actions::table
            .filter(actions::ended_on.is_null())
            .filter(diesel::dsl::not(
                actions::id.eq_any(taken!(RecordKind::Action)),
            ))
            .into_boxed()
    };
}

/// The open cases (not closed) no enabled user is assigned to.
macro_rules! open_unassigned_cases {
    () => {
        cases::table
            .filter(cases::status.eq_any(open_statuses(
                CaseStatus::ALL,
                rule::case_open,
                CaseStatus::as_str,
            )))
            .filter(diesel::dsl::not(cases::id.eq_any(taken!(RecordKind::Case))))
            .into_boxed()
    };
}

/// The open consultations (referred to supervision, no case yet) no enabled user is assigned to.
macro_rules! open_unassigned_consultations {
    () => {
        consultations::table
            .filter(consultations::referred_to_supervision)
            .filter(consultations::case_id.is_null())
            .filter(diesel::dsl::not(
                consultations::id.eq_any(taken!(RecordKind::Consultation)),
            ))
            .into_boxed()
    };
}

/// The open mediations (applied for or started) no enabled user is assigned to.
macro_rules! open_unassigned_mediations {
    () => {
        mediations::table
            .filter(mediations::status.eq_any(open_statuses(
                MediationStatus::ALL,
                rule::mediation_open,
                MediationStatus::as_str,
            )))
            .filter(diesel::dsl::not(
                mediations::id.eq_any(taken!(RecordKind::Mediation)),
            ))
            .into_boxed()
    };
}

/// Candidates of the unassigned queue of `kind`: enough ids to hold the first `enough` items of
/// the queue's order (the earliest due, every one due by a revision, and the undated with the
/// lowest ids).
fn unassigned_candidates(
    conn: &mut DbConnection,
    kind: RecordKind,
    enough: i64,
) -> Result<Vec<i64>, AppError> {
    let mut ids: Vec<i64> = Vec::new();
    match kind {
        RecordKind::Incident => {
            ids.extend(
                open_unassigned_incidents!()
                    .filter(incidents::mandatory)
                    .filter(incidents::final_report_id.is_null())
                    .order((incidents::final_due_on, incidents::id))
                    .limit(enough)
                    .select(incidents::id)
                    .load::<i64>(conn)?,
            );
            ids.extend(
                open_unassigned_incidents!()
                    .filter(revising!())
                    .order(incidents::id)
                    .select(incidents::id)
                    .load::<i64>(conn)?,
            );
            ids.extend(
                open_unassigned_incidents!()
                    .filter(diesel::dsl::not(
                        incidents::mandatory.and(incidents::final_report_id.is_null()),
                    ))
                    .filter(diesel::dsl::not(revising!()))
                    .order(incidents::id)
                    .limit(enough)
                    .select(incidents::id)
                    .load::<i64>(conn)?,
            );
        }
        RecordKind::Action => {
            ids.extend(
                open_unassigned_actions!()
                    .filter(actions::answered_on.is_null())
                    .filter(actions::due_on.is_not_null())
                    .order((actions::due_on, actions::id))
                    .limit(enough)
                    .select(actions::id)
                    .load::<i64>(conn)?,
            );
            ids.extend(
                open_unassigned_actions!()
                    .filter(
                        actions::answered_on
                            .is_not_null()
                            .or(actions::due_on.is_null()),
                    )
                    .order(actions::id)
                    .limit(enough)
                    .select(actions::id)
                    .load::<i64>(conn)?,
            );
        }
        RecordKind::Case => ids.extend(
            open_unassigned_cases!()
                .order(cases::id)
                .limit(enough)
                .select(cases::id)
                .load::<i64>(conn)?,
        ),
        RecordKind::Consultation => ids.extend(
            open_unassigned_consultations!()
                .order(consultations::id)
                .limit(enough)
                .select(consultations::id)
                .load::<i64>(conn)?,
        ),
        RecordKind::Mediation => ids.extend(
            open_unassigned_mediations!()
                .order(mediations::id)
                .limit(enough)
                .select(mediations::id)
                .load::<i64>(conn)?,
        ),
    }
    Ok(ids)
}

/// How many open records of `kind` are unassigned, and how many of those are overdue.
fn unassigned_counts(
    conn: &mut DbConnection,
    kind: RecordKind,
    today: NaiveDate,
) -> Result<(i64, i64), AppError> {
    Ok(match kind {
        RecordKind::Incident => {
            let total: i64 = open_unassigned_incidents!().count().get_result(conn)?;
            let late_final: i64 = open_unassigned_incidents!()
                .filter(incidents::mandatory)
                .filter(incidents::final_report_id.is_null())
                .filter(incidents::final_due_on.lt(today))
                .count()
                .get_result(conn)?;
            // Those due by a revision: few, read and decided by the rule.
            let revising: Vec<i64> = open_unassigned_incidents!()
                .filter(diesel::dsl::not(
                    incidents::mandatory.and(incidents::final_report_id.is_null()),
                ))
                .filter(revising!())
                .select(incidents::id)
                .load(conn)?;
            let late_revision = facts(conn, RecordKind::Incident, &revising)?
                .iter()
                .filter(|f| f.open && rule::overdue(f.due_on, today))
                .count() as i64;
            (total, late_final + late_revision)
        }
        RecordKind::Action => {
            let total: i64 = open_unassigned_actions!().count().get_result(conn)?;
            let late: i64 = open_unassigned_actions!()
                .filter(actions::answered_on.is_null())
                .filter(actions::due_on.lt(today))
                .count()
                .get_result(conn)?;
            (total, late)
        }
        RecordKind::Case => (open_unassigned_cases!().count().get_result(conn)?, 0),
        RecordKind::Consultation => (
            open_unassigned_consultations!().count().get_result(conn)?,
            0,
        ),
        RecordKind::Mediation => (open_unassigned_mediations!().count().get_result(conn)?, 0),
    })
}

/// Locks records `ids` of `kind` (in the order of their ids) until the transaction ends, so that
/// two assignments of one record — from two instances, in any order — follow each other:
/// PostgreSQL `SELECT … ORDER BY id FOR UPDATE`; on SQLite the write transaction holds the
/// database's one writer lock already.
pub fn lock_records(
    conn: &mut DbConnection,
    kind: RecordKind,
    ids: &[i64],
) -> Result<(), AppError> {
    let DbConnection::Postgres(c) = conn else {
        return Ok(());
    };
    macro_rules! lock {
        ($table:ident) => {
            $table::table
                .filter($table::id.eq_any(ids))
                .order($table::id)
                .select($table::id)
                .for_update()
                .load::<i64>(c)?
        };
    }
    match kind {
        RecordKind::Incident => lock!(incidents),
        RecordKind::Case => lock!(cases),
        RecordKind::Action => lock!(actions),
        RecordKind::Consultation => lock!(consultations),
        RecordKind::Mediation => lock!(mediations),
    };
    Ok(())
}

/// A record's assignee: the user's id and e-mail, and since when.
pub fn assignee(
    conn: &mut DbConnection,
    kind: RecordKind,
    id: i64,
) -> Result<Option<(i64, String, NaiveDateTime, bool)>, AppError> {
    let row: Option<(i64, String, NaiveDateTime, Option<NaiveDateTime>)> = assignees::table
        .inner_join(users::table)
        .filter(assignees::record_kind.eq(kind.as_str()))
        .filter(assignees::record_id.eq(id))
        .select((
            users::id,
            users::email,
            assignees::assigned_at,
            users::disabled_at,
        ))
        .first(conn)
        .optional()?;
    // The last: whether the assignee is disabled (the queues count the record unassigned).
    Ok(row.map(|(user, email, at, disabled)| (user, email, at, disabled.is_some())))
}

/// The assignees of `ids` of `kind`, by record.
pub fn assignees_of(
    conn: &mut DbConnection,
    kind: RecordKind,
    ids: &[i64],
) -> Result<HashMap<i64, i64>, AppError> {
    let rows: Vec<(i64, i64)> = assignees::table
        .filter(assignees::record_kind.eq(kind.as_str()))
        .filter(assignees::record_id.eq_any(ids))
        .select((assignees::record_id, assignees::user_id))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The enabled staff and admin users (id, e-mail, role), by e-mail.
pub fn staff_members(conn: &mut DbConnection) -> Result<Vec<(i64, String, Role)>, AppError> {
    let rows: Vec<(i64, String, String)> = users::table
        .filter(users::role.eq_any([Role::Staff.as_str(), Role::Admin.as_str()]))
        .filter(users::disabled_at.is_null())
        .order(users::email)
        .select((users::id, users::email, users::role))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, role)| Some((id, email, Role::parse(&role)?)))
        .collect())
}

/// An enabled staff or admin user named by id.
pub fn staff_member(conn: &mut DbConnection, id: i64) -> Result<Option<String>, AppError> {
    Ok(users::table
        .filter(users::id.eq(id))
        .filter(users::role.eq_any([Role::Staff.as_str(), Role::Admin.as_str()]))
        .filter(users::disabled_at.is_null())
        .select(users::email)
        .first(conn)
        .optional()?)
}

/// Enabled staff and admin users among these e-mail addresses (lower-cased), by address.
pub fn staff_by_email(
    conn: &mut DbConnection,
    emails: &[String],
) -> Result<HashMap<String, i64>, AppError> {
    let members = staff_members(conn)?;
    Ok(members
        .into_iter()
        .filter(|(_, email, _)| emails.contains(&email.to_lowercase()))
        .map(|(id, email, _)| (email.to_lowercase(), id))
        .collect())
}

type NoteRow = (
    i64,
    String,
    i64,
    String,
    Option<i64>,
    Option<i64>,
    NaiveDateTime,
);

/// A record's notes, oldest first, each with the later note that corrects it.
pub fn notes_of(conn: &mut DbConnection, kind: RecordKind, id: i64) -> Result<Vec<Note>, AppError> {
    let rows: Vec<NoteRow> = notes::table
        .filter(notes::record_kind.eq(kind.as_str()))
        .filter(notes::record_id.eq(id))
        .order(notes::id)
        .select((
            notes::id,
            notes::record_kind,
            notes::record_id,
            notes::body,
            notes::corrects_id,
            notes::author_user_id,
            notes::created_at,
        ))
        .load(conn)?;
    let emails = emails_of(conn, rows.iter().filter_map(|r| r.5))?;
    let corrected: HashMap<i64, i64> = rows.iter().filter_map(|r| Some((r.4?, r.0))).collect();
    Ok(rows
        .into_iter()
        .map(|(note, _, record, body, corrects, author, at)| Note {
            id: note,
            kind,
            record_id: record,
            body,
            corrects,
            corrected_by: corrected.get(&note).copied(),
            author: author.and_then(|a| emails.get(&a).cloned()),
            created_at: at,
        })
        .collect())
}

/// The record a note is on.
pub fn note_record(
    conn: &mut DbConnection,
    note: i64,
) -> Result<Option<(RecordKind, i64)>, AppError> {
    let row: Option<(String, i64)> = notes::table
        .find(note)
        .select((notes::record_kind, notes::record_id))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(kind, id)| Some((RecordKind::parse(&kind)?, id))))
}

pub(super) fn emails_of(
    conn: &mut DbConnection,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = ids.collect::<HashSet<_>>().into_iter().collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i64, String)> = users::table
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::email))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The open records due on or after `from` (the escalation scan's window), with their
/// assignees: incidents owing their final report or a revision, and actions owing an answer.
pub fn dated_open(
    conn: &mut DbConnection,
    from: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<(Facts, Option<i64>)>, AppError> {
    let mut found = Vec::new();
    let finals: Vec<i64> = incidents::table
        .filter(incidents::mandatory)
        .filter(incidents::final_report_id.is_null())
        .filter(incidents::final_due_on.between(from, today))
        .select(incidents::id)
        .load(conn)?;
    let revising: Vec<i64> = report_reviews::table
        .inner_join(reports::table)
        .filter(reports::review_status.eq(ReviewStatus::RevisionRequested.as_str()))
        .filter(report_reviews::version.eq(reports::version))
        .filter(report_reviews::due_on.between(from, today))
        .select(reports::incident_id)
        .load(conn)?;
    let mut incidents: Vec<i64> = finals.into_iter().chain(revising).collect();
    incidents.sort_unstable();
    incidents.dedup();
    let answers: Vec<i64> = actions::table
        .filter(actions::ended_on.is_null())
        .filter(actions::answered_on.is_null())
        .filter(actions::due_on.between(from, today))
        .select(actions::id)
        .load(conn)?;
    for (kind, ids) in [
        (RecordKind::Incident, incidents),
        (RecordKind::Action, answers),
    ] {
        let owners = assignees_of(conn, kind, &ids)?;
        for f in facts(conn, kind, &ids)? {
            if f.open && f.due_on.is_some() {
                let owner = owners.get(&f.id).copied();
                found.push((f, owner));
            }
        }
    }
    Ok(found)
}

/// Per enabled staff member: their open, overdue and escalated items, the oldest one's age, and
/// the median days to close of their items closed from `from` to `to`.
pub fn workload(
    conn: &mut DbConnection,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    escalate_after: u32,
) -> Result<Vec<Workload>, AppError> {
    let mut table = Vec::new();
    for (user, email, _) in staff_members(conn)? {
        let records = assigned_to(conn, user, None)?;
        let all = facts_of(conn, &records)?;
        let open: Vec<&Facts> = all.iter().filter(|f| f.open).collect();
        let closing: Vec<i64> = all
            .iter()
            .filter(|f| !f.open)
            .filter_map(|f| {
                let closed = f.closed_on?;
                (from <= closed && closed <= to).then(|| (closed - f.since).num_days().max(0))
            })
            .collect();
        table.push(Workload {
            user_id: user,
            email,
            open: open.len() as i64,
            overdue: open
                .iter()
                .filter(|f| rule::overdue(f.due_on, today))
                .count() as i64,
            escalated: open
                .iter()
                .filter(|f| rule::escalated(f.due_on, today, escalate_after))
                .count() as i64,
            oldest_days: open.iter().map(|f| (today - f.since).num_days()).max(),
            closed: closing.len() as i64,
            median_days_to_close: rule::median_days(closing),
        });
    }
    Ok(table)
}
