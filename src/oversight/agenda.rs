//! A Commission meeting's agenda (議題; seed 004): its items in order, each with a title, a kind,
//! the records it concerns, its decision, whether it is closed, and the day its materials, minutes
//! and summary are published. The public list shows held meetings with their items, a closed
//! item by its title alone (`domain::agenda`).

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::pia;
use crate::db::schema::{
    actions, agenda_items as items, cases, inspection_plans, meetings, pia_evaluations,
};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::agenda::{
    AgendaKind, AgendaRecordKind, UNDISCLOSED, disclosed, item_refusals, listed, materials_public,
};
use crate::error::{AppError, FieldErrors, Missing, Refusal, Term};
use crate::files::{self, Attachment, Owner};
use crate::http::{Page, PageRequest};

/// A record an item concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaRecord {
    pub kind: AgendaRecordKind,
    pub id: i64,
}

/// One item of `PUT /api/v1/meetings/{number}/agenda`, in order.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgendaItem {
    /// The item kept (its id survives the PUT); without it, an item of the same title is kept.
    pub id: Option<i64>,
    /// 議題名 (「監視・監督について」).
    #[validate(
        length(min = 1, max = 300),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 300)]
    pub title: String,
    pub kind: AgendaKind,
    /// 非公表: on the public page only its title.
    pub closed: bool,
    /// What was decided (原案のとおり承認 …).
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub decision: Option<String>,
    /// The records it concerns.
    #[validate(length(max = 50))]
    #[serde(default)]
    pub records: Vec<AgendaRecord>,
    /// The day its materials, minutes and summary are published.
    pub published_on: Option<NaiveDate>,
}

/// `PUT /api/v1/meetings/{number}/agenda` (staff).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgenda {
    #[validate(length(max = 100), nested)]
    pub items: Vec<NewAgendaItem>,
}

/// A record an item concerns, as answered: with what it is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkedRecord {
    pub kind: AgendaRecordKind,
    pub id: i64,
    /// Where staff read it.
    pub href: String,
    /// Named on the agenda (an approval recorded on the assessment), not only by the item.
    pub approved_here: bool,
}

/// An item as staff read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgendaItem {
    pub id: i64,
    /// 議題の番号 (1 for 議題１).
    pub position: i32,
    pub title: String,
    pub kind: AgendaKind,
    pub closed: bool,
    pub decision: Option<String>,
    pub records: Vec<LinkedRecord>,
    pub published_on: Option<NaiveDate>,
    /// Its materials (資料), as attached.
    pub materials: Vec<Attachment>,
}

/// A meeting with its agenda.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Agenda {
    pub number: i32,
    pub held_on: NaiveDate,
    pub items: Vec<AgendaItem>,
}

fn href(kind: AgendaRecordKind, id: i64) -> String {
    match kind {
        AgendaRecordKind::Case => format!("/cases/{id}"),
        AgendaRecordKind::Action => format!("/actions/{id}"),
        AgendaRecordKind::PiaEvaluation => format!("/oversight/pia/{id}"),
        AgendaRecordKind::InspectionPlan => format!("/oversight/plans/{id}"),
    }
}

/// The meeting of `number`: its id and day.
pub fn meeting(conn: &mut DbConnection, number: i32) -> Result<Option<(i64, NaiveDate)>, AppError> {
    Ok(meetings::table
        .filter(meetings::number.eq(number))
        .select((meetings::id, meetings::held_on))
        .first(conn)
        .optional()?)
}

fn record_exists(conn: &mut DbConnection, record: AgendaRecord) -> Result<bool, AppError> {
    let found: Option<i64> = match record.kind {
        AgendaRecordKind::Case => cases::table
            .find(record.id)
            .select(cases::id)
            .first(conn)
            .optional()?,
        AgendaRecordKind::Action => actions::table
            .find(record.id)
            .select(actions::id)
            .first(conn)
            .optional()?,
        AgendaRecordKind::PiaEvaluation => pia_evaluations::table
            .find(record.id)
            .select(pia_evaluations::id)
            .first(conn)
            .optional()?,
        AgendaRecordKind::InspectionPlan => inspection_plans::table
            .find(record.id)
            .select(inspection_plans::id)
            .first(conn)
            .optional()?,
    };
    Ok(found.is_some())
}

type ItemRow = (
    i64,
    i32,
    String,
    String,
    bool,
    Option<String>,
    String,
    Option<NaiveDate>,
);

fn rows_of(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<ItemRow>, AppError> {
    Ok(items::table
        .filter(items::meeting_id.eq(meeting_id))
        .order(items::position.asc())
        .select((
            items::id,
            items::position,
            items::title,
            items::kind,
            items::closed,
            items::decision,
            items::records,
            items::published_on,
        ))
        .load(conn)?)
}

/// The agenda of the meeting `number`.
pub fn agenda(conn: &mut DbConnection, number: i32) -> Result<Option<Agenda>, AppError> {
    let Some((meeting_id, held_on)) = meeting(conn, number)? else {
        return Ok(None);
    };
    let approvals = pia::approved_at(conn, meeting_id)?;
    let items = rows_of(conn, meeting_id)?
        .into_iter()
        .map(
            |(id, position, title, kind, closed, decision, records, published_on)| {
                let named: Vec<AgendaRecord> =
                    serde_json::from_str(&records).map_err(AppError::internal)?;
                let mut records: Vec<LinkedRecord> = named
                    .iter()
                    .map(|r| LinkedRecord {
                        kind: r.kind,
                        id: r.id,
                        href: href(r.kind, r.id),
                        approved_here: false,
                    })
                    .collect();
                let approved_here = approvals.iter().filter(|a| match a.item_id {
                    Some(item) => item == id,
                    None => a.item == position,
                });
                for evaluation in approved_here.map(|a| &a.id) {
                    match records
                        .iter_mut()
                        .find(|r| r.kind == AgendaRecordKind::PiaEvaluation && r.id == *evaluation)
                    {
                        Some(record) => record.approved_here = true,
                        None => records.push(LinkedRecord {
                            kind: AgendaRecordKind::PiaEvaluation,
                            id: *evaluation,
                            href: href(AgendaRecordKind::PiaEvaluation, *evaluation),
                            approved_here: true,
                        }),
                    }
                }
                Ok(AgendaItem {
                    materials: files::store::list(conn, Owner::AgendaItem(id))?,
                    id,
                    position,
                    title,
                    kind: AgendaKind::parse(&kind).ok_or_else(|| {
                        AppError::internal(format!("unknown agenda kind {kind:?}"))
                    })?,
                    closed,
                    decision,
                    records,
                    published_on,
                })
            },
        )
        .collect::<Result<_, AppError>>()?;
    Ok(Some(Agenda {
        number,
        held_on,
        items,
    }))
}

/// Sets the agenda of the meeting `number`: the items given, in order; an item kept by its id
/// (or its title) keeps its id, the others are removed.
pub fn set(tx: &mut WriteTx<'_>, number: i32, new: NewAgenda) -> Result<Agenda, AppError> {
    let (meeting_id, held_on) =
        meeting(tx.conn(), number)?.ok_or(AppError::NotFound(Missing::Meeting))?;
    // One agenda change of a meeting at a time (PostgreSQL's row lock; SQLite's one writer).
    diesel::update(meetings::table.find(meeting_id))
        .set(meetings::id.eq(meeting_id))
        .execute(tx.conn())?;
    let held = rows_of(tx.conn(), meeting_id)?;
    let mut errors = FieldErrors::new();
    let mut claimed: Vec<Option<i64>> = Vec::with_capacity(new.items.len());
    for (at, item) in new.items.iter().enumerate() {
        if item.title.trim().is_empty() {
            errors.add(format!("items[{at}].title"), Refusal::Blank);
        }
        if let Some(why) = item_refusals(held_on, item.published_on) {
            errors.add(format!("items[{at}].published_on"), why);
        }
        for (r, record) in item.records.iter().enumerate() {
            if !record_exists(tx.conn(), *record)? {
                errors.add(
                    format!("items[{at}].records[{r}]"),
                    Refusal::NoSuchAgendaRecord {
                        kind: Term::new(record.kind.as_str(), record.kind.label_ja()),
                        id: record.id,
                    },
                );
            }
        }
        let kept = match item.id {
            Some(id) if held.iter().any(|row| row.0 == id) && !claimed.contains(&Some(id)) => {
                Some(id)
            }
            Some(id) => {
                errors.add(format!("items[{at}].id"), Refusal::NoSuchAgendaItem { id });
                None
            }
            None => held
                .iter()
                .find(|row| {
                    row.2 == item.title.trim()
                        && !claimed.contains(&Some(row.0))
                        && !new.items.iter().any(|other| other.id == Some(row.0))
                })
                .map(|row| row.0),
        };
        claimed.push(kept);
    }
    errors.into_result()?;
    let now = tx.now();
    // Out of the way of the positions the items take now (one position per meeting).
    diesel::update(items::table.filter(items::meeting_id.eq(meeting_id)))
        .set(items::position.eq(items::position + 100_000))
        .execute(tx.conn())?;
    let removed: Vec<i64> = held
        .iter()
        .map(|row| row.0)
        .filter(|id| !claimed.contains(&Some(*id)))
        .collect();
    diesel::delete(items::table.filter(items::id.eq_any(&removed))).execute(tx.conn())?;
    for (at, (item, kept)) in new.items.iter().zip(&claimed).enumerate() {
        let position = i32::try_from(at + 1).unwrap_or(i32::MAX);
        let records = serde_json::to_string(&item.records).map_err(AppError::internal)?;
        let decision = item
            .decision
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty());
        match kept {
            Some(id) => {
                diesel::update(items::table.find(*id))
                    .set((
                        items::position.eq(position),
                        items::title.eq(item.title.trim()),
                        items::kind.eq(item.kind.as_str()),
                        items::closed.eq(item.closed),
                        items::decision.eq(decision),
                        items::records.eq(records),
                        items::published_on.eq(item.published_on),
                        items::updated_at.eq(now),
                    ))
                    .execute(tx.conn())?;
            }
            None => {
                diesel::insert_into(items::table)
                    .values((
                        items::meeting_id.eq(meeting_id),
                        items::position.eq(position),
                        items::title.eq(item.title.trim()),
                        items::kind.eq(item.kind.as_str()),
                        items::closed.eq(item.closed),
                        items::decision.eq(decision),
                        items::records.eq(records),
                        items::published_on.eq(item.published_on),
                        items::created_at.eq(now),
                        items::updated_at.eq(now),
                    ))
                    .execute(tx.conn())?;
            }
        }
    }
    pia::bind_approvals(tx, meeting_id)?;
    let agenda = agenda(tx.conn(), number)?.ok_or(AppError::NotFound(Missing::Meeting))?;
    tx.record(
        Action::Update,
        Entity::Meeting,
        meeting_id,
        &json!({"agenda": agenda.items, "removed_items": removed}),
    )?;
    Ok(agenda)
}

/// An item's name as seed 004 writes it: 議題１「…」 (full-width digits).
pub fn heading(position: i32, title: &str) -> String {
    let digits: String = position
        .to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32('０' as u32 + d))
                .unwrap_or(c)
        })
        .collect();
    format!("議題{digits}「{title}」")
}

/// An item as the public read it: a closed one's title, and 「（内容について非公表）」 in place of
/// everything else.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicItem {
    pub position: i32,
    /// 「議題４「監視・監督について」」, as the minutes name it.
    pub heading: String,
    pub title: String,
    pub closed: bool,
    /// 「（内容について非公表）」 for a closed item; none otherwise.
    pub content: Option<String>,
    pub kind: Option<AgendaKind>,
    pub decision: Option<String>,
    /// The records it concerns (kind and number); none for a closed item.
    pub records: Vec<AgendaRecord>,
    pub published_on: Option<NaiveDate>,
    /// Its materials, once published (none for a closed item).
    pub materials: Vec<PublicMaterial>,
}

/// A material as the public download it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicMaterial {
    pub id: i64,
    pub filename: String,
    /// `/api/v1/public/meetings/materials/{id}`
    pub href: String,
}

/// A held meeting as the public read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicMeeting {
    pub number: i32,
    pub held_on: NaiveDate,
    pub items: Vec<PublicItem>,
}

/// `GET /api/v1/public/meetings`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicMeetingFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Meetings a page, 1 to 100 (default 50).
    #[validate(range(min = 1, max = 100))]
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// The held meetings, newest first, with their items as the public read them.
pub fn public(
    conn: &mut DbConnection,
    filter: &PublicMeetingFilter,
    today: NaiveDate,
) -> Result<Page<PublicMeeting>, AppError> {
    let query = || {
        meetings::table
            .filter(meetings::held_on.le(today))
            .into_boxed()
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((meetings::held_on.desc(), meetings::number.desc()))
            .select((meetings::id, meetings::number, meetings::held_on))
    })?;
    rows.try_into_page(|(meeting_id, number, held_on): (i64, i32, NaiveDate)| {
        debug_assert!(listed(held_on, today));
        let items = rows_of(conn, meeting_id)?
            .into_iter()
            .map(
                |(id, position, title, kind, closed, decision, records, published_on)| {
                    let materials = if materials_public(closed, held_on, published_on, today) {
                        files::store::list(conn, Owner::AgendaItem(id))?
                            .into_iter()
                            .map(|file| PublicMaterial {
                                href: format!("/api/v1/public/meetings/materials/{}", file.id),
                                id: file.id,
                                filename: file.filename,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    Ok::<_, AppError>(if disclosed(closed) {
                        PublicItem {
                            materials,
                            records: serde_json::from_str(&records).unwrap_or_default(),
                            position,
                            heading: heading(position, &title),
                            title,
                            closed,
                            content: None,
                            kind: AgendaKind::parse(&kind),
                            decision,
                            published_on,
                        }
                    } else {
                        PublicItem {
                            position,
                            heading: heading(position, &title),
                            title,
                            closed,
                            content: Some(UNDISCLOSED.to_owned()),
                            kind: None,
                            decision: None,
                            records: Vec::new(),
                            materials: Vec::new(),
                            published_on: None,
                        }
                    })
                },
            )
            .collect::<Result<_, AppError>>()?;
        Ok::<_, AppError>(PublicMeeting {
            number,
            held_on,
            items,
        })
    })
}

/// A material the public may download on `today` (an open item's, its day come), or None.
pub fn public_material(
    conn: &mut DbConnection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<Attachment>, AppError> {
    let Some((file, owner)) = files::store::find(conn, id)? else {
        return Ok(None);
    };
    let Owner::AgendaItem(item) = owner else {
        return Ok(None);
    };
    let row: Option<(bool, Option<NaiveDate>, NaiveDate)> = items::table
        .inner_join(meetings::table)
        .filter(items::id.eq(item))
        .select((items::closed, items::published_on, meetings::held_on))
        .first(conn)
        .optional()?;
    Ok(row
        .filter(|(closed, published_on, held_on)| {
            materials_public(*closed, *held_on, *published_on, today)
        })
        .map(|_| file))
}
