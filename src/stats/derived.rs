//! Figures kept once computed (migration 17): a period's summary or indicators are stored with
//! the summed weights of the tables they were counted from in `table_changes`, and served again
//! while every one of those sums stands. The database adds to a table's weight in the same
//! transaction as any write to it (a trigger), so nothing that writes records has to remember
//! the figures, and several instances on one PostgreSQL see the same kept figures. Nothing here
//! judges or counts: the figure is whatever `compute` returns.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::db::schema::{derived_figures, table_changes};
use crate::db::{Db, DbConnection, in_read_snapshot};
use crate::error::AppError;

/// The tables the activity and hotline summaries are counted from (`stats::store`).
pub const SUMMARY_SOURCES: &[&str] = &[
    "actions",
    "consultation_categories",
    "consultation_category_links",
    "consultations",
    "incidents",
    "mediations",
    "organizations",
];

/// The tables the indicators are read from (`stats::indicators`).
pub const INDICATOR_SOURCES: &[&str] = &["incidents", "organizations", "reports"];

/// The summed weights of `sources` in `table_changes` as one text (`actions=3 consultations=12
/// …`), in name order: read in a snapshot, it changes exactly when a write to one of them has
/// committed since (migration 17).
fn stamps(conn: &mut DbConnection, sources: &[&str]) -> Result<String, AppError> {
    let rows: Vec<(String, i64)> = table_changes::table
        .filter(table_changes::name.eq_any(sources))
        .select((table_changes::name, table_changes::weight))
        .load(conn)?;
    let mut sums: BTreeMap<&str, i64> = sources.iter().map(|name| (*name, 0)).collect();
    for (name, weight) in &rows {
        if let Some(sum) = sums.get_mut(name.as_str()) {
            *sum += weight;
        }
    }
    Ok(sums
        .iter()
        .map(|(name, sum)| format!("{name}={sum}"))
        .collect::<Vec<_>>()
        .join(" "))
}

/// How many rows `table_changes` may hold before they are folded: PostgreSQL adds one per
/// writing statement; SQLite keeps one per table and never reaches it.
const ROWS_BEFORE_FOLDING: i64 = 256;

/// Folds the committed rows of each table in `table_changes` into one carrying their summed
/// weight, in one statement, so the sums read in any snapshot stay what they were (rows of
/// writers not yet committed are not seen, so not folded). PostgreSQL only.
fn fold_changes(db: &Db, conn: &mut DbConnection) -> Result<(), AppError> {
    if !matches!(conn, DbConnection::Postgres(_))
        || table_changes::table.count().get_result::<i64>(conn)? <= ROWS_BEFORE_FOLDING
    {
        return Ok(());
    }
    db.derived_write_on(conn, |conn| {
        diesel::sql_query(
            "WITH folded AS (DELETE FROM table_changes RETURNING name, weight) \
             INSERT INTO table_changes (name, weight) \
             SELECT name, sum(weight) FROM folded GROUP BY name",
        )
        .execute(conn)?;
        Ok(())
    })
}

/// The figure `name` as of `as_of`: the kept one while the stamps of its `sources` are those it
/// was computed at, otherwise `compute`d now (stamps and figure read in one snapshot) and kept.
/// A figure that could not be kept is still served (the failure is logged).
pub fn kept_or_computed<T: Serialize + DeserializeOwned>(
    db: &Db,
    conn: &mut DbConnection,
    name: &str,
    as_of: NaiveDate,
    sources: &[&str],
    compute: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let (figure, computed_at) = in_read_snapshot(conn, |conn| {
        let stamps = stamps(conn, sources)?;
        let kept: Option<String> = derived_figures::table
            .find(name)
            .filter(derived_figures::as_of.eq(as_of))
            .filter(derived_figures::stamps.eq(&stamps))
            .select(derived_figures::body)
            .first(conn)
            .optional()?;
        if let Some(body) = kept {
            match serde_json::from_str(&body) {
                Ok(figure) => return Ok((figure, None)),
                Err(error) => tracing::warn!(name, %error, "a kept figure is unreadable"),
            }
        }
        Ok((compute(conn)?, Some(stamps)))
    })?;
    if let Some(stamps) = computed_at {
        if let Err(error) = keep(db, conn, name, as_of, &stamps, &figure) {
            tracing::warn!(name, %error, "a computed figure could not be kept");
        }
        if let Err(error) = fold_changes(db, conn) {
            tracing::warn!(%error, "table_changes could not be folded");
        }
    }
    Ok(figure)
}

/// Replaces the kept figure `name`.
fn keep<T: Serialize>(
    db: &Db,
    conn: &mut DbConnection,
    name: &str,
    as_of: NaiveDate,
    stamps: &str,
    figure: &T,
) -> Result<(), AppError> {
    let body = serde_json::to_string(figure).map_err(AppError::internal)?;
    db.derived_write_on(conn, |conn| {
        diesel::delete(derived_figures::table.find(name)).execute(conn)?;
        diesel::insert_into(derived_figures::table)
            .values((
                derived_figures::name.eq(name),
                derived_figures::as_of.eq(as_of),
                derived_figures::stamps.eq(stamps),
                derived_figures::body.eq(&body),
            ))
            .execute(conn)?;
        Ok(())
    })
}
