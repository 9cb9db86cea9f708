//! The guidelines of accredited bodies (個人情報保護指針, 法第54条): a body makes its guideline,
//! notifies the Commission, and the Commission publishes it. Each version is a record with its
//! version name and publication day, and one file kept by the file store (`files`) as the
//! guideline's attachment. Anyone may download the guidelines of the bodies accredited today.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::db::schema::{accredited_bodies as bodies, attachments, body_guidelines as guidelines};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::registers::{body_in_force, guideline_refusals};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::files::{self, Attachment, Owner, Upload};

/// A guideline as filed: the text parts of `POST /api/v1/accredited-bodies/{id}/guidelines` (its
/// file travels beside them) and of the body page's form.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewGuideline {
    /// 版: the body's name for this version (第2版, 2024年改訂), unique among its guidelines.
    #[validate(length(max = 100), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 100)]
    pub version: String,
    /// 指針の名称, when the body gives one.
    #[serde(default)]
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub title: Option<String>,
    /// 公表日: the day this version was published.
    pub published_on: NaiveDate,
}

/// The body of `POST /api/v1/accredited-bodies/{id}/guidelines`, as the document describes it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct GuidelineForm {
    /// 版 (第2版, 2024年改訂).
    #[schema(format = "text", max_length = 100)]
    version: String,
    /// 指針の名称.
    #[schema(format = "text", max_length = 200)]
    title: Option<String>,
    /// 公表日 (`YYYY-MM-DD`).
    published_on: NaiveDate,
    /// The guideline's one file (PDF, Word and the other accepted types; at most 20 MiB), its
    /// type judged from the content.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = guidelines)]
struct Row {
    id: i64,
    body_id: i64,
    version: String,
    title: Option<String>,
    published_on: NaiveDate,
    created_at: NaiveDateTime,
}

/// A guideline with its file, as staff read it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Guideline {
    pub id: i64,
    pub body_id: i64,
    pub version: String,
    pub title: Option<String>,
    pub published_on: NaiveDate,
    pub file: Attachment,
    /// Where anyone downloads it while the body is accredited.
    pub public_url: String,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// A guideline as the public list shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicGuideline {
    pub version: String,
    pub title: Option<String>,
    pub published_on: NaiveDate,
    pub filename: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    /// The file, for anyone.
    pub url: String,
}

/// The address anyone downloads guideline `id` from.
pub fn public_url(id: i64) -> String {
    format!("/api/v1/public/registers/accredited-bodies/guidelines/{id}")
}

impl Guideline {
    fn of(row: Row, file: Attachment) -> Self {
        Self {
            public_url: public_url(row.id),
            id: row.id,
            body_id: row.body_id,
            version: row.version,
            title: row.title,
            published_on: row.published_on,
            file,
            created_at: row.created_at,
        }
    }

    pub fn public(self) -> PublicGuideline {
        PublicGuideline {
            url: self.public_url,
            version: self.version,
            title: self.title,
            published_on: self.published_on,
            filename: self.file.filename,
            content_type: self.file.content_type,
            size: self.file.size,
            sha256: self.file.sha256,
        }
    }
}

/// A guideline's text parts as typed: the version trimmed, an empty title none.
fn tidy(new: NewGuideline) -> NewGuideline {
    NewGuideline {
        version: new.version.trim().to_owned(),
        title: new
            .title
            .map(|title| title.trim().to_owned())
            .filter(|title| !title.is_empty()),
        published_on: new.published_on,
    }
}

/// Publishes a version of body `body_id`'s guideline with its one file, audited (the guideline
/// and its file each have their row).
pub fn publish(
    tx: &mut WriteTx<'_>,
    body_id: i64,
    new: NewGuideline,
    file: Upload,
    today: NaiveDate,
) -> Result<Guideline, AppError> {
    let new = tidy(new);
    let (accredited_on, revoked_on) = bodies::table
        .find(body_id)
        .select((bodies::accredited_on, bodies::revoked_on))
        .first::<(NaiveDate, Option<NaiveDate>)>(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    let mut errors = FieldErrors::new();
    if new.version.is_empty() {
        errors.add("version", Refusal::Required);
    }
    for (field, why) in guideline_refusals(accredited_on, revoked_on, new.published_on, today) {
        errors.add(field, why);
    }
    errors.into_result()?;
    let held = guidelines::table
        .filter(guidelines::body_id.eq(body_id))
        .filter(guidelines::version.eq(&new.version))
        .select(guidelines::published_on)
        .first::<NaiveDate>(tx.conn())
        .optional()?;
    if let Some(published_on) = held {
        return Err(AppError::Conflict(Refusal::GuidelineVersionHeld {
            version: new.version,
            published_on,
        }));
    }
    let created_by = tx.actor().user_id;
    let now = tx.now();
    let id: i64 = diesel::insert_into(guidelines::table)
        .values((
            guidelines::body_id.eq(body_id),
            guidelines::version.eq(&new.version),
            guidelines::title.eq(&new.title),
            guidelines::published_on.eq(new.published_on),
            guidelines::created_by_user_id.eq(created_by),
            guidelines::created_at.eq(now),
        ))
        .returning(guidelines::id)
        .get_result(tx.conn())?;
    let row: Row = guidelines::table
        .find(id)
        .select(Row::as_select())
        .first(tx.conn())?;
    tx.record(Action::Create, Entity::Guideline, id, &row)?;
    let stored = files::store::insert(tx, Owner::Guideline(id), vec![file])?;
    let file = stored
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("a guideline was stored without its file"))?;
    Ok(Guideline::of(row, file))
}

/// The guidelines of the bodies `ids`, newest first within each body.
pub fn of_bodies(conn: &mut DbConnection, ids: &[i64]) -> Result<Vec<Guideline>, AppError> {
    let rows: Vec<(Row, Attachment)> = guidelines::table
        .inner_join(attachments::table)
        .filter(guidelines::body_id.eq_any(ids))
        .order((
            guidelines::body_id.asc(),
            guidelines::published_on.desc(),
            guidelines::id.desc(),
        ))
        .select((Row::as_select(), Attachment::as_select()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(row, file)| Guideline::of(row, file))
        .collect())
}

/// The guidelines of body `id`, newest first.
pub fn of_body(conn: &mut DbConnection, id: i64) -> Result<Vec<Guideline>, AppError> {
    of_bodies(conn, &[id])
}

/// Guideline `id`'s file, when its body is accredited on `day` (what the public may download).
pub fn published_file(
    conn: &mut DbConnection,
    id: i64,
    day: NaiveDate,
) -> Result<Option<Attachment>, AppError> {
    let found: Option<(Attachment, NaiveDate, Option<NaiveDate>)> = guidelines::table
        .inner_join(attachments::table)
        .inner_join(bodies::table)
        .filter(guidelines::id.eq(id))
        .select((
            Attachment::as_select(),
            bodies::accredited_on,
            bodies::revoked_on,
        ))
        .first(conn)
        .optional()?;
    Ok(found
        .filter(|(_, accredited_on, revoked_on)| body_in_force(*accredited_on, *revoked_on, day))
        .map(|(file, _, _)| file))
}
