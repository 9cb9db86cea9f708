//! Outreach events (講演・説明会・セミナー): the lecturers the Commission sends (講師派遣), its
//! own seminars, and the 特定個人情報安全管理措置セミナー for local governments — each with its
//! day, place and how many came. The half-year report counts them; the safety-measures seminars
//! also reach prefectures for the coverage round.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::schema::events;
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::oversight::{EventKind, event_refusals};
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Missing};
use crate::http::{Page, PageRequest};

/// `POST /api/v1/events` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvent {
    /// `lecture` (講師派遣), `seminar`, `safety_seminar` (特定個人情報安全管理措置セミナー) or `other`.
    pub kind: EventKind,
    /// The law it was about; a safety-measures seminar is `my_number`.
    pub regime: Regime,
    /// 開催日
    pub held_on: NaiveDate,
    /// 名称
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub title: String,
    /// Where it was held, one of the 47 (none: online).
    #[validate(custom(function = "crate::http::prefecture_field"))]
    #[schema(format = "prefecture")]
    pub prefecture: Option<String>,
    /// Who it was for (対象: 地方公共団体職員, 事業者 …).
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub audience: Option<String>,
    /// How many bodies attended, when counted (a safety-measures seminar's 124機関).
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1000000)]
    pub bodies: Option<i32>,
    /// How many people attended (参加者数).
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1000000)]
    pub participants: i32,
}

/// An event as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = events)]
pub struct Event {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: EventKind,
    #[diesel(deserialize_as = String)]
    pub regime: Regime,
    pub held_on: NaiveDate,
    pub title: String,
    pub prefecture: Option<String>,
    pub audience: Option<String>,
    pub bodies: Option<i32>,
    pub participants: i32,
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// `GET /api/v1/events` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EventFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub kind: Option<EventKind>,
    pub regime: Option<Regime>,
    /// Held on or after this day.
    pub from: Option<NaiveDate>,
    /// Held on or before this day.
    pub to: Option<NaiveDate>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(EventFilter);

/// Records an event.
pub fn record(
    tx: &mut WriteTx<'_>,
    new: NewEvent,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<Event, AppError> {
    let mut errors = FieldErrors::new();
    for (field, why) in event_refusals(new.kind, new.regime, new.held_on, today) {
        errors.add(field, why);
    }
    errors.into_result()?;
    let tidy = |text: Option<String>| text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let now = tx.now();
    let created_by = tx.actor().user_id;
    let id: i64 = diesel::insert_into(events::table)
        .values((
            events::kind.eq(new.kind.as_str()),
            events::regime.eq(new.regime.as_str()),
            events::held_on.eq(new.held_on),
            events::title.eq(new.title.trim()),
            events::prefecture.eq(new.prefecture),
            events::audience.eq(tidy(new.audience)),
            events::bodies.eq(new.bodies),
            events::participants.eq(new.participants),
            events::created_by_user_id.eq(created_by),
            events::created_at.eq(now),
            events::updated_at.eq(now),
        ))
        .returning(events::id)
        .get_result(tx.conn())?;
    let event = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Event))?;
    match imported_from {
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&event).map_err(AppError::internal)?;
            changes["imported_from"] = serde_json::json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::Event, id, &changes)?;
        }
        None => tx.record(Action::Create, Entity::Event, id, &event)?,
    }
    Ok(event)
}

/// One event.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<Event>, AppError> {
    Ok(events::table
        .find(id)
        .select(Event::as_select())
        .first(conn)
        .optional()?)
}

/// A page of the events, newest first.
pub fn list(conn: &mut DbConnection, filter: &EventFilter) -> Result<Page<Event>, AppError> {
    let query = || {
        let mut query = events::table.into_boxed();
        if let Some(kind) = filter.kind {
            query = query.filter(events::kind.eq(kind.as_str()));
        }
        if let Some(regime) = filter.regime {
            query = query.filter(events::regime.eq(regime.as_str()));
        }
        if let Some(from) = filter.from {
            query = query.filter(events::held_on.ge(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(events::held_on.le(to));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((events::held_on.desc(), events::id.desc()))
            .select(Event::as_select())
    })?;
    Ok(rows.into_page(|event| event))
}

/// The prefectures where a safety-measures seminar was held from `since` to `as_of`.
pub fn safety_seminar_prefectures(
    conn: &mut DbConnection,
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<Vec<String>, AppError> {
    Ok(events::table
        .filter(events::kind.eq(EventKind::SafetySeminar.as_str()))
        .filter(events::held_on.between(since, as_of))
        .filter(events::prefecture.is_not_null())
        .select(events::prefecture.assume_not_null())
        .distinct()
        .load(conn)?)
}

/// The last event's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(events::table
        .select(diesel::dsl::max(events::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether the events held this one (the same day, name and place) up to id `up_to`.
pub fn held(conn: &mut DbConnection, new: &NewEvent, up_to: i64) -> Result<bool, AppError> {
    let mut query = events::table
        .filter(events::id.le(up_to))
        .filter(events::held_on.eq(new.held_on))
        .filter(events::title.eq(new.title.trim()))
        .into_boxed();
    query = match &new.prefecture {
        Some(prefecture) => query.filter(events::prefecture.eq(prefecture)),
        None => query.filter(events::prefecture.is_null()),
    };
    Ok(query
        .select(events::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}
