//! The Commission's other activities (issue #45; API.md "Version 3", `POST /api/v1/activities`):
//! consultations under other laws, certifications, opinions, hearings and public comment rounds,
//! each a record with its day, counterpart and subject, which the half-year report counts from
//! the fiscal year's 1 April (`domain::activity`).

pub mod commands;
pub mod half_year;
pub mod handlers;
pub mod labels;
pub mod pages;
pub mod routes;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::schema::activities;
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::activity::{ActivityCounts, ActivityKind, activity_refusals, count_activities};
use crate::error::{AppError, FieldErrors, Missing};
use crate::http::{Page, PageRequest};

/// `POST /api/v1/activities` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActivity {
    /// `other_law_consultation` (他法令に基づく協議), `certification` (認定), `opinion` (意見),
    /// `hearing` (ヒアリング) or `public_comment` (意見募集).
    pub kind: ActivityKind,
    /// The day it was done (協議を受けた日, 認定日, ヒアリングの日 …).
    pub on: NaiveDate,
    /// Whom it was with (a ministry, a business, an association).
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 200)]
    pub counterpart: String,
    /// The law it was under (生産性向上特別措置法); required of a consultation under another law.
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub law: Option<String>,
    /// What it was about.
    #[validate(
        length(min = 1, max = 2000),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 2000)]
    pub subject: String,
    /// Bodies heard (a hearing's 「1機関」).
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1000000)]
    pub bodies: Option<i32>,
    /// Persons heard (a hearing's 「13名」).
    #[validate(range(min = 0, max = 1_000_000))]
    #[schema(minimum = 0, maximum = 1000000)]
    pub persons: Option<i32>,
    /// How it ended (回答済み, 認定, 意見を提出 …).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub outcome: Option<String>,
}

/// An activity as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = activities)]
pub struct Activity {
    pub id: i64,
    #[diesel(deserialize_as = String)]
    pub kind: ActivityKind,
    #[serde(rename = "on")]
    pub on_date: NaiveDate,
    pub counterpart: String,
    pub law: Option<String>,
    pub subject: String,
    pub bodies: Option<i32>,
    pub persons: Option<i32>,
    pub outcome: Option<String>,
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// `GET /api/v1/activities` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActivityFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub kind: Option<ActivityKind>,
    /// On or after this day.
    pub from: Option<NaiveDate>,
    /// On or before this day.
    pub to: Option<NaiveDate>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(ActivityFilter);

fn tidy(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Records an activity.
pub fn record(
    tx: &mut WriteTx<'_>,
    new: NewActivity,
    today: NaiveDate,
) -> Result<Activity, AppError> {
    let mut errors = FieldErrors::new();
    for (field, why) in activity_refusals(
        new.kind,
        new.on,
        new.law.as_deref(),
        new.bodies,
        new.persons,
        today,
    ) {
        errors.add(field, why);
    }
    errors.into_result()?;
    let (now, user) = (tx.now(), tx.actor().user_id);
    let id: i64 = diesel::insert_into(activities::table)
        .values((
            activities::kind.eq(new.kind.as_str()),
            activities::on_date.eq(new.on),
            activities::counterpart.eq(new.counterpart.trim()),
            activities::law.eq(tidy(new.law)),
            activities::subject.eq(new.subject.trim()),
            activities::bodies.eq(new.bodies),
            activities::persons.eq(new.persons),
            activities::outcome.eq(tidy(new.outcome)),
            activities::created_by_user_id.eq(user),
            activities::created_at.eq(now),
            activities::updated_at.eq(now),
        ))
        .returning(activities::id)
        .get_result(tx.conn())?;
    let activity = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Activity))?;
    tx.record(Action::Create, Entity::Activity, id, &activity)?;
    Ok(activity)
}

/// One activity.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<Activity>, AppError> {
    Ok(activities::table
        .find(id)
        .select(Activity::as_select())
        .first(conn)
        .optional()?)
}

/// A page of the activities, newest first.
pub fn list(conn: &mut DbConnection, filter: &ActivityFilter) -> Result<Page<Activity>, AppError> {
    let query = || {
        let mut query = activities::table.into_boxed();
        if let Some(kind) = filter.kind {
            query = query.filter(activities::kind.eq(kind.as_str()));
        }
        if let Some(from) = filter.from {
            query = query.filter(activities::on_date.ge(from));
        }
        if let Some(to) = filter.to {
            query = query.filter(activities::on_date.le(to));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((activities::on_date.desc(), activities::id.desc()))
            .select(Activity::as_select())
    })?;
    Ok(rows.into_page(|activity| activity))
}

/// The activities from `from` to `to`, counted (the half-year report's hearings and other laws).
pub fn counts(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<ActivityCounts, AppError> {
    let rows: Vec<(String, Option<i32>, Option<i32>)> = activities::table
        .filter(activities::on_date.between(from, to))
        .select((activities::kind, activities::bodies, activities::persons))
        .load(conn)?;
    Ok(count_activities(rows.into_iter().filter_map(
        |(kind, bodies, persons)| Some((ActivityKind::parse(&kind)?, bodies, persons)),
    )))
}
