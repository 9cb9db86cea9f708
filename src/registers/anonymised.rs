//! Publications of anonymised information (匿名加工情報の作成等の公表, 法第43条第3項・第4項): a
//! business that creates anonymised information publishes the items it contains, and, when it
//! provides it to third parties, that it does. Staff record each publication; one business may
//! publish many times, and the half-year report counts businesses.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::AggregateExpressionMethods;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::schema::anonymised_publications as publications;
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest};
use crate::records::incidents::DataItems;
use crate::records::organizations;

/// `POST /api/v1/anonymised-publications` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPublication {
    pub organization_id: i64,
    /// 公表日
    pub published_on: NaiveDate,
    /// Where it was published (a web page's address, an office's notice board).
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub location: String,
    /// The items of information the anonymised information contains.
    #[validate(
        length(min = 1, max = 100, code = "data_item_count"),
        custom(function = "crate::http::data_items_field")
    )]
    #[schema(schema_with = crate::http::data_items_schema)]
    pub data_items: Vec<String>,
    /// Whether it is provided to third parties (第三者提供).
    pub provided_to_third_parties: bool,
}

/// A publication as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = publications)]
pub struct AnonymisedPublication {
    pub id: i64,
    pub organization_id: i64,
    pub published_on: NaiveDate,
    pub location: String,
    #[diesel(deserialize_as = String)]
    #[schema(value_type = Vec<String>)]
    pub data_items: DataItems,
    pub provided_to_third_parties: bool,
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// `GET /api/v1/anonymised-publications` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub organization_id: Option<i64>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(PublicationFilter);

/// Records a publication.
pub fn record(
    tx: &mut WriteTx<'_>,
    user_id: Option<i64>,
    new: NewPublication,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<AnonymisedPublication, AppError> {
    let mut errors = FieldErrors::new();
    if new.published_on > today {
        errors.add("published_on", Refusal::InFuture);
    }
    if organizations::find(tx.conn(), new.organization_id)?.is_none() {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        );
    }
    errors.into_result()?;
    let items: Vec<String> = new.data_items.iter().map(|i| i.trim().to_owned()).collect();
    let now = tx.now();
    let id: i64 = diesel::insert_into(publications::table)
        .values((
            publications::organization_id.eq(new.organization_id),
            publications::published_on.eq(new.published_on),
            publications::location.eq(new.location.trim()),
            publications::data_items.eq(serde_json::to_string(&items).map_err(AppError::internal)?),
            publications::provided_to_third_parties.eq(new.provided_to_third_parties),
            publications::created_by_user_id.eq(user_id),
            publications::created_at.eq(now),
        ))
        .returning(publications::id)
        .get_result(tx.conn())?;
    let publication =
        find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::AnonymisedPublication))?;
    match imported_from {
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&publication).map_err(AppError::internal)?;
            changes["imported_from"] = serde_json::json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::AnonymisedPublication, id, &changes)?;
        }
        None => tx.record(
            Action::Create,
            Entity::AnonymisedPublication,
            id,
            &publication,
        )?,
    }
    Ok(publication)
}

/// One publication.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<AnonymisedPublication>, AppError> {
    Ok(publications::table
        .find(id)
        .select(AnonymisedPublication::as_select())
        .first(conn)
        .optional()?)
}

/// A page of the publications, newest first.
pub fn list(
    conn: &mut DbConnection,
    filter: &PublicationFilter,
) -> Result<Page<AnonymisedPublication>, AppError> {
    let query = || {
        let mut query = publications::table.into_boxed();
        if let Some(organization) = filter.organization_id {
            query = query.filter(publications::organization_id.eq(organization));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((publications::published_on.desc(), publications::id.desc()))
            .select(AnonymisedPublication::as_select())
    })?;
    Ok(rows.into_page(|publication| publication))
}

/// The businesses that had published anonymised information by `day` (法第43条: counted once
/// each, however often they published).
pub fn publishers(conn: &mut DbConnection, day: NaiveDate) -> Result<i64, AppError> {
    Ok(publications::table
        .filter(publications::published_on.le(day))
        .select(diesel::dsl::count(publications::organization_id).aggregate_distinct())
        .first(conn)?)
}

/// The last publication's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(publications::table
        .select(diesel::dsl::max(publications::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether the register held this publication (the organization, day and place) up to id `up_to`.
pub fn held(conn: &mut DbConnection, new: &NewPublication, up_to: i64) -> Result<bool, AppError> {
    Ok(publications::table
        .filter(publications::id.le(up_to))
        .filter(publications::organization_id.eq(new.organization_id))
        .filter(publications::published_on.eq(new.published_on))
        .filter(publications::location.eq(new.location.trim()))
        .select(publications::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}
