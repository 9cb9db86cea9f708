//! The staff's imports page (`/imports`) and its two steps as commands: a file previewed as a dry
//! run and held ([`preview`], [`hold`]), then imported once ([`import_held`], [`take`]). The kind
//! of record a file holds picks its importer among the app's [`Importers`] (each capability's
//! `import`, which owns its transaction and audit rows); the templates of each kind are here too.

pub mod pages;
pub mod routes;

use crate::db::{Action, Entity};
use chrono::NaiveDate;

use crate::db::{Actor, Db};
use crate::error::AppError;
pub use crate::sheets::File;
use crate::sheets::importer::{Importer, Importers};
use crate::sheets::{ImportError, Imported, ReadOptions};

/// A file checked for an import, and held for its second step: what it would create, and the
/// file as read (its headings and first rows, for the page).
pub struct Previewed {
    /// The held file's id ([`take`]); none when the file would write nothing (every row a
    /// record held already), so there is nothing to import.
    pub id: Option<i64>,
    pub imported: Imported,
    pub table: Option<crate::sheets::Table>,
}

/// The page's first step: `file` imported as a dry run by `importer` (every row checked, nothing
/// written) and, when no row is refused and it would write something, held for `actor`'s second
/// step ([`hold`]). The refusals, when there are any.
pub fn preview(
    db: &Db,
    actor: &Actor,
    importer: &dyn Importer,
    file: &File<'_>,
    sha256: &str,
    today: NaiveDate,
) -> Result<Previewed, ImportError> {
    let imported = importer.import(db, actor, file, true, today)?;
    let id = if imported.records > 0 {
        Some(hold(db, actor, importer, file, sha256)?)
    } else {
        None
    };
    let table = crate::sheets::read(file.bytes, &file.options, importer.vocabulary()).ok();
    Ok(Previewed {
        id,
        imported,
        table,
    })
}

/// The page's second step: the file `actor` held as `id` taken ([`take`]) and imported by the
/// importer of its kind, all rows or none. The kind, and what the import did.
pub fn import_held(
    db: &Db,
    actor: &Actor,
    importers: &Importers,
    id: i64,
    today: NaiveDate,
) -> Result<(String, Result<Imported, ImportError>), AppError> {
    let held = take(db, actor, id)?;
    let importer = importers
        .find(&held.records)
        .ok_or_else(|| AppError::internal(format!("a held import of {}", held.records)))?;
    let file = File {
        name: &held.filename,
        bytes: &held.data,
        options: held.options.clone(),
    };
    let outcome = importer.import(db, actor, &file, false, today);
    Ok((held.records, outcome))
}

/// How long a previewed file waits for its import.
const PENDING_HOURS: i64 = 24;

/// A previewed file waiting for its import (`pending_imports`).
#[derive(Debug)]
pub struct Pending {
    pub id: i64,
    /// The kind of record (`reports`).
    pub records: String,
    pub filename: String,
    pub options: ReadOptions,
    pub data: Vec<u8>,
}

fn encoding_code(encoding: Option<crate::sheets::Encoding>) -> Option<&'static str> {
    encoding.map(|encoding| match encoding {
        crate::sheets::Encoding::Utf8 => "utf-8",
        crate::sheets::Encoding::ShiftJis => "shift_jis",
    })
}

/// Keeps a previewed file for `actor`'s import (the page's second step), and forgets the files
/// that waited longer than a day; audited. Its id.
pub fn hold(
    db: &Db,
    actor: &Actor,
    importer: &dyn Importer,
    file: &File<'_>,
    sha256: &str,
) -> Result<i64, AppError> {
    let kind = importer.kind();
    use crate::db::schema::pending_imports as p;
    use diesel::prelude::*;
    let user_id = actor
        .user_id
        .ok_or_else(|| AppError::internal("a held import needs a user"))?;
    db.write_blocking(actor, |tx| {
        let now = tx.now();
        diesel::delete(
            p::table.filter(p::created_at.lt(now - chrono::Duration::hours(PENDING_HOURS))),
        )
        .execute(tx.conn())?;
        let id: i64 = diesel::insert_into(p::table)
            .values((
                p::user_id.eq(user_id),
                p::records.eq(kind),
                p::filename.eq(file.name),
                p::encoding.eq(encoding_code(file.options.encoding)),
                p::sheet.eq(file.options.sheet.as_deref()),
                p::sha256.eq(sha256),
                p::data.eq(file.bytes),
                p::created_at.eq(now),
            ))
            .returning(p::id)
            .get_result(tx.conn())?;
        tx.record(
            Action::Hold,
            Entity::PendingImport,
            id,
            &serde_json::json!({
                "records": kind, "filename": file.name,
                "size": file.bytes.len(), "sha256": sha256,
            }),
        )?;
        Ok(id)
    })
}

/// A held file's row.
#[derive(diesel::Queryable, diesel::Selectable)]
#[diesel(table_name = crate::db::schema::pending_imports)]
struct Held {
    records: String,
    filename: String,
    encoding: Option<String>,
    sheet: Option<String>,
    data: Vec<u8>,
}

/// Takes the file `id` that `actor` held (within the day), so that it is imported once: gone
/// for every later step, whether its import then succeeds or not; audited. Another user's
/// file, or one taken already or forgotten, is not found.
pub fn take(db: &Db, actor: &Actor, id: i64) -> Result<Pending, AppError> {
    use crate::db::schema::pending_imports as p;
    use crate::error::Missing;
    use diesel::prelude::*;
    let not_found = || AppError::NotFound(Missing::PendingImport);
    let user_id = actor.user_id.ok_or_else(not_found)?;
    db.write_blocking(actor, |tx| {
        let since = tx.now() - chrono::Duration::hours(PENDING_HOURS);
        let Held {
            records,
            filename,
            encoding,
            sheet,
            data,
        } = p::table
            .filter(p::id.eq(id))
            .filter(p::user_id.eq(user_id))
            .filter(p::created_at.ge(since))
            .select(Held::as_select())
            .first(tx.conn())
            .optional()?
            .ok_or_else(not_found)?;
        diesel::delete(p::table.filter(p::id.eq(id))).execute(tx.conn())?;
        tx.record(
            Action::Take,
            Entity::PendingImport,
            id,
            &serde_json::json!({ "records": records, "filename": filename }),
        )?;
        Ok(Pending {
            id,
            records,
            filename,
            options: ReadOptions {
                encoding: encoding.as_deref().and_then(crate::sheets::Encoding::parse),
                sheet,
            },
            data,
        })
    })
}
