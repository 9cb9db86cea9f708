//! Accredited personal information protection bodies (認定個人情報保護団体): their accreditation
//! (法第47条), changes, and revocation (法第155条), and the list the Commission publishes of the
//! bodies accredited today.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::db::schema::accredited_bodies as bodies;
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::corporate_number::check_corporate_number;
use crate::domain::registers::{body_in_force, revocation_refusals, revoked_within};
use crate::error::{AppError, FieldErrors, Missing, Refusal, validation_error};
use crate::http::{Page, PageRequest, Total};

/// `POST /api/v1/accredited-bodies` (staff): an accreditation.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewBody {
    /// 団体の名称
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub name: String,
    /// 法人番号: 13 digits with their check digit.
    #[validate(custom(function = "corporate_number_field"))]
    #[schema(format = "corporate-number")]
    pub corporate_number: Option<String>,
    /// 認定日
    pub accredited_on: NaiveDate,
    /// 対象事業者の業種 (the sector of its member businesses).
    #[validate(length(max = 400), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 400)]
    pub sector: String,
    /// 認定業務の範囲 (the scope of its accredited work).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub scope: String,
}

/// `PATCH /api/v1/accredited-bodies/{id}` (staff): only the fields given change.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BodyChanges {
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(nullable = false, format = "text", max_length = 200)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(custom(function = "corporate_number_field"))]
    #[schema(value_type = Option<String>, format = "corporate-number")]
    pub corporate_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub accredited_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(length(max = 400), custom(function = "crate::http::text_field"))]
    #[schema(nullable = false, format = "text", max_length = 400)]
    pub sector: Option<String>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(nullable = false, format = "text", max_length = 2000)]
    pub scope: Option<String>,
}

/// `POST /api/v1/accredited-bodies/{id}/revocation` (staff): 認定の取消し.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// The day the accreditation ends (取消しの日).
    pub revoked_on: NaiveDate,
    /// Why (取消しの理由).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub reason: String,
}

fn corporate_number_field(value: &str) -> Result<(), ValidationError> {
    check_corporate_number(value).map_err(|e| validation_error(e.refusal()))
}

/// An accredited body as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = bodies)]
pub struct AccreditedBody {
    pub id: i64,
    pub name: String,
    pub corporate_number: Option<String>,
    pub accredited_on: NaiveDate,
    pub sector: String,
    pub scope: String,
    pub revoked_on: Option<NaiveDate>,
    pub revocation_reason: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// A body as the public list shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicBody {
    pub name: String,
    pub corporate_number: Option<String>,
    pub accredited_on: NaiveDate,
    pub sector: String,
    pub scope: String,
    /// Its guidelines (個人情報保護指針), newest first.
    pub guidelines: Vec<super::guidelines::PublicGuideline>,
}

/// `GET /api/v1/accredited-bodies` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BodyFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// Only the bodies accredited on this day (not revoked by it).
    pub in_force_on: Option<NaiveDate>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

/// `GET /api/v1/public/registers/accredited-bodies`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicBodyFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// `csv` or `xlsx`: the whole list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(BodyFilter, PublicBodyFilter);

/// One body.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<AccreditedBody>, AppError> {
    Ok(bodies::table
        .find(id)
        .select(AccreditedBody::as_select())
        .first(conn)
        .optional()?)
}

/// Records an accreditation.
pub fn accredit(
    tx: &mut WriteTx<'_>,
    new: NewBody,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<AccreditedBody, AppError> {
    if new.accredited_on > today {
        return Err(FieldErrors::single("accredited_on", Refusal::InFuture));
    }
    let now = tx.now();
    let id: i64 = diesel::insert_into(bodies::table)
        .values((
            bodies::name.eq(new.name.trim()),
            bodies::corporate_number.eq(&new.corporate_number),
            bodies::accredited_on.eq(new.accredited_on),
            bodies::sector.eq(new.sector.trim()),
            bodies::scope.eq(new.scope.trim()),
            bodies::created_at.eq(now),
            bodies::updated_at.eq(now),
        ))
        .returning(bodies::id)
        .get_result(tx.conn())?;
    let body = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    match imported_from {
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&body).map_err(AppError::internal)?;
            changes["imported_from"] = json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::AccreditedBody, id, &changes)?;
        }
        None => tx.record(Action::Create, Entity::AccreditedBody, id, &body)?,
    }
    Ok(body)
}

/// Changes a body's details; audited field by field.
pub fn update(
    tx: &mut WriteTx<'_>,
    id: i64,
    changes: BodyChanges,
    today: NaiveDate,
) -> Result<AccreditedBody, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    let mut after = before.clone();
    if let Some(name) = changes.name {
        after.name = name.trim().to_owned();
    }
    if let Some(number) = changes.corporate_number {
        after.corporate_number = number;
    }
    if let Some(day) = changes.accredited_on {
        after.accredited_on = day;
    }
    if let Some(sector) = changes.sector {
        after.sector = sector.trim().to_owned();
    }
    if let Some(scope) = changes.scope {
        after.scope = scope.trim().to_owned();
    }
    let mut errors = FieldErrors::new();
    if after.accredited_on > today {
        errors.add("accredited_on", Refusal::InFuture);
    }
    if let Some(revoked_on) = after.revoked_on
        && revoked_on < after.accredited_on
    {
        errors.add("accredited_on", Refusal::AfterRevocation { revoked_on });
    }
    errors.into_result()?;
    let diff = crate::db::diff(&before, &after, &["created_at", "updated_at"]);
    if diff.is_empty() {
        tx.nothing_changed();
        return Ok(before);
    }
    after.updated_at = tx.now();
    diesel::update(bodies::table.find(id))
        .set((
            bodies::name.eq(&after.name),
            bodies::corporate_number.eq(&after.corporate_number),
            bodies::accredited_on.eq(after.accredited_on),
            bodies::sector.eq(&after.sector),
            bodies::scope.eq(&after.scope),
            bodies::updated_at.eq(after.updated_at),
        ))
        .execute(tx.conn())?;
    tx.record(Action::Update, Entity::AccreditedBody, id, &diff)?;
    Ok(after)
}

/// Revokes an accreditation (法第155条): the body leaves the list on `revoked_on`.
pub fn revoke(
    tx: &mut WriteTx<'_>,
    id: i64,
    revocation: Revocation,
    today: NaiveDate,
) -> Result<AccreditedBody, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    let mut errors = FieldErrors::new();
    if revocation.revoked_on > today {
        errors.add("revoked_on", Refusal::InFuture);
    }
    for (field, why) in revocation_refusals(before.accredited_on, revocation.revoked_on) {
        errors.add(field, why);
    }
    errors.into_result()?;
    if let Some(revoked_on) = before.revoked_on {
        return Err(AppError::Conflict(Refusal::AccreditationRevoked {
            revoked_on,
        }));
    }
    let reason = revocation.reason.trim().to_owned();
    let now = tx.now();
    diesel::update(bodies::table.find(id))
        .set((
            bodies::revoked_on.eq(revocation.revoked_on),
            bodies::revocation_reason.eq(&reason),
            bodies::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Revoke,
        Entity::AccreditedBody,
        id,
        &json!({"revoked_on": revocation.revoked_on, "reason": reason}),
    )?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::AccreditedBody))
}

/// Every body's span (accredited, revoked), for the domain's rules to count.
fn spans(conn: &mut DbConnection) -> Result<Vec<(i64, NaiveDate, Option<NaiveDate>)>, AppError> {
    Ok(bodies::table
        .order((bodies::accredited_on.asc(), bodies::id.asc()))
        .select((bodies::id, bodies::accredited_on, bodies::revoked_on))
        .load(conn)?)
}

/// A page of the bodies, in order of accreditation; with `in_force_on`, those accredited that day.
pub fn list(
    conn: &mut DbConnection,
    filter: &BodyFilter,
) -> Result<Page<AccreditedBody>, AppError> {
    let request = PageRequest::new(filter.page, filter.per_page);
    let ids: Vec<i64> = spans(conn)?
        .into_iter()
        .filter(|(_, accredited_on, revoked_on)| {
            filter
                .in_force_on
                .is_none_or(|day| body_in_force(*accredited_on, *revoked_on, day))
        })
        .map(|(id, _, _)| id)
        .collect();
    let total = Total::exact(i64::try_from(ids.len()).unwrap_or(i64::MAX));
    let shown = page_of(&ids, request);
    let mut items: Vec<AccreditedBody> = bodies::table
        .filter(bodies::id.eq_any(shown))
        .select(AccreditedBody::as_select())
        .load(conn)?;
    items.sort_by_key(|body| (body.accredited_on, body.id));
    Ok(Page::new(items, request, total))
}

/// The ids on page `request` of `ids`.
fn page_of(ids: &[i64], request: PageRequest) -> Vec<i64> {
    let offset = usize::try_from(request.offset()).unwrap_or(usize::MAX);
    let limit = usize::try_from(request.limit()).unwrap_or(usize::MAX);
    ids.iter().skip(offset).take(limit).copied().collect()
}

/// The bodies accredited on `day`, as published.
pub fn public(
    conn: &mut DbConnection,
    filter: &PublicBodyFilter,
    day: NaiveDate,
) -> Result<Page<PublicBody>, AppError> {
    let page = list(
        conn,
        &BodyFilter {
            page: filter.page,
            per_page: filter.per_page,
            in_force_on: Some(day),
            format: None,
        },
    )?;
    let total = page.count();
    let request = PageRequest::new(Some(page.page), Some(page.per_page));
    let ids: Vec<i64> = page.items.iter().map(|body| body.id).collect();
    let mut guidelines = super::guidelines::of_bodies(conn, &ids)?;
    let items = page
        .items
        .into_iter()
        .map(|body| PublicBody {
            guidelines: guidelines
                .extract_if(.., |guideline| guideline.body_id == body.id)
                .map(super::guidelines::Guideline::public)
                .collect(),
            name: body.name,
            corporate_number: body.corporate_number,
            accredited_on: body.accredited_on,
            sector: body.sector,
            scope: body.scope,
        })
        .collect();
    Ok(Page::new(items, request, total))
}

/// The bodies accredited on `day`, and the revocations from `from` (or ever) to `day`.
pub fn counts(
    conn: &mut DbConnection,
    from: Option<NaiveDate>,
    day: NaiveDate,
) -> Result<(i64, i64), AppError> {
    let spans = spans(conn)?;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let in_force = spans
        .iter()
        .filter(|(_, accredited_on, revoked_on)| body_in_force(*accredited_on, *revoked_on, day))
        .count();
    let revoked = spans
        .iter()
        .filter_map(|(_, _, revoked_on)| *revoked_on)
        .filter(|revoked_on| revoked_within(*revoked_on, from, day))
        .count();
    Ok((count(in_force), count(revoked)))
}

/// The last body's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(bodies::table
        .select(diesel::dsl::max(bodies::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether the register held a body of this name accredited on this day (up to id `up_to`).
pub fn held(conn: &mut DbConnection, new: &NewBody, up_to: i64) -> Result<bool, AppError> {
    Ok(bodies::table
        .filter(bodies::id.le(up_to))
        .filter(bodies::name.eq(new.name.trim()))
        .filter(bodies::accredited_on.eq(new.accredited_on))
        .select(bodies::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}
