//! Imports of offices' files, one entry for the CLI (`leakdesk import …`) and the staff page
//! (`/imports`): the kind of record a file holds picks the command that reads it
//! (`reports::commands::import_reports`, …); each command owns its transaction and audit rows.

use chrono::NaiveDate;

use crate::db::{Actor, Db};
pub use crate::sheets::File;
use crate::sheets::{ImportError, Imported, ReadOptions};

/// The kinds of record a file may hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Records {
    Reports,
    Consultations,
    Actions,
    Organizations,
}

impl Records {
    pub const ALL: &'static [Self] = &[
        Self::Reports,
        Self::Consultations,
        Self::Actions,
        Self::Organizations,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reports => "reports",
            Self::Consultations => "consultations",
            Self::Actions => "actions",
            Self::Organizations => "organizations",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Reports => "漏えい等報告",
            Self::Consultations => "相談",
            Self::Actions => "監督措置",
            Self::Organizations => "事業者等",
        }
    }

    /// The field a column heading names, for this kind.
    pub fn column(self) -> fn(&str) -> Option<&'static str> {
        match self {
            Self::Reports => crate::reports::import::column,
            Self::Consultations => crate::hotline::import::column,
            Self::Actions => crate::supervision::import::column,
            Self::Organizations => crate::organizations::import::column,
        }
    }

    /// The Japanese heading of a field's column (the form's label), or the field's name.
    pub fn heading_ja(self, field: &str) -> String {
        let labels = match self {
            Self::Reports => crate::reports::import::HEADINGS,
            Self::Consultations => crate::hotline::import::HEADINGS,
            Self::Actions => crate::supervision::import::HEADINGS,
            Self::Organizations => crate::organizations::import::HEADINGS,
        };
        labels
            .iter()
            .find(|(_, name)| *name == field)
            .map_or_else(|| field.to_owned(), |(label, _)| (*label).to_owned())
    }

    /// What an import wrote, in words: `2 report(s) to 1 incident(s)`.
    pub fn counted_en(self, done: &Imported) -> String {
        let n = done.records;
        match (self, done.incidents) {
            (Self::Reports, Some(incidents)) => {
                format!("{n} report(s) to {incidents} incident(s)")
            }
            (Self::Reports, None) => format!("{n} report(s)"),
            (Self::Consultations, _) => format!("{n} consultation(s)"),
            (Self::Actions, _) => format!("{n} action(s)"),
            (Self::Organizations, _) => format!("{n} organization(s)"),
        }
    }

    /// The same in Japanese: `漏えい等報告 2件（事態 1件）`.
    pub fn counted_ja(self, done: &Imported) -> String {
        match done.incidents {
            Some(incidents) => format!(
                "{} {}件（事態 {incidents}件）",
                self.label_ja(),
                done.records
            ),
            None => format!("{} {}件", self.label_ja(), done.records),
        }
    }
}

/// Imports `file` as records of `kind`, as `actor`: all rows or none, or a dry run that writes
/// nothing.
pub fn import(
    db: &Db,
    actor: &Actor,
    kind: Records,
    file: &File<'_>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<Imported, ImportError> {
    match kind {
        Records::Reports => {
            crate::reports::commands::import_reports(db, actor, file, dry_run, today)
        }
        Records::Consultations => {
            crate::hotline::commands::import_consultations(db, actor, file, dry_run, today)
        }
        Records::Actions => {
            crate::supervision::commands::import_actions(db, actor, file, dry_run, today)
        }
        Records::Organizations => {
            crate::organizations::commands::import_organizations(db, actor, file, dry_run)
        }
    }
}

/// How long a previewed file waits for its import.
const PENDING_HOURS: i64 = 24;

/// A previewed file waiting for its import (`pending_imports`).
#[derive(Debug)]
pub struct Pending {
    pub id: i64,
    pub records: Records,
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
    kind: Records,
    file: &File<'_>,
    sha256: &str,
) -> Result<i64, crate::error::AppError> {
    use crate::db::schema::pending_imports as p;
    use diesel::prelude::*;
    let user_id = actor
        .user_id
        .ok_or_else(|| crate::error::AppError::internal("a held import needs a user"))?;
    db.write_blocking(actor, |tx| {
        let now = tx.now();
        diesel::delete(
            p::table.filter(p::created_at.lt(now - chrono::Duration::hours(PENDING_HOURS))),
        )
        .execute(tx.conn())?;
        let id: i64 = diesel::insert_into(p::table)
            .values((
                p::user_id.eq(user_id),
                p::records.eq(kind.as_str()),
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
            "hold",
            "pending_import",
            id,
            &serde_json::json!({
                "records": kind.as_str(), "filename": file.name,
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
pub fn take(db: &Db, actor: &Actor, id: i64) -> Result<Pending, crate::error::AppError> {
    use crate::db::schema::pending_imports as p;
    use crate::error::{AppError, Missing};
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
        let records = Records::ALL
            .iter()
            .copied()
            .find(|kind| kind.as_str() == records)
            .ok_or_else(|| AppError::internal(format!("a held import of {records}")))?;
        tx.record(
            "take",
            "pending_import",
            id,
            &serde_json::json!({ "records": records.as_str(), "filename": filename }),
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
