//! The search index rows: one a searchable record, written in the record's own transaction by
//! the command that writes the record ([`report`], [`organization`], [`case`], [`consultation`]),
//! and rebuilt whole by [`rebuild`] (`leakdesk search reindex`; at start while the migration's
//! marker says records wait to be indexed).

use crate::db::{Action, Entity};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;

use super::SearchKind;
use crate::db::schema::{
    cases, consultations, incidents, organizations, reports, search_bigrams, search_entries,
    search_reindex_pending,
};
use crate::db::{Actor, Db, DbConnection};
use crate::domain::reference::incident_reference;
use crate::domain::search::{bigram_words, lower, normalized};
use crate::error::AppError;

/// One index row, before it is written.
#[derive(Debug, Clone)]
struct Entry {
    kind: SearchKind,
    record_id: i64,
    organization_id: Option<i64>,
    title: String,
    exact_key: Option<String>,
    content: String,
    folded: String,
}

impl Entry {
    /// An entry whose searchable text is `parts` (the empty ones left out), one a line.
    fn new(
        kind: SearchKind,
        record_id: i64,
        title: String,
        exact: Option<&str>,
        parts: &[Option<&str>],
    ) -> Self {
        let text: Vec<&str> = parts
            .iter()
            .flatten()
            .map(|part| part.trim())
            .filter(|part| !part.is_empty())
            .collect();
        let content = normalized(&text.join("\n"));
        Self {
            kind,
            record_id,
            organization_id: None,
            title,
            exact_key: exact.map(|key| lower(&normalized(key.trim()))),
            folded: lower(&content),
            content,
        }
    }
}

/// Writes (or rewrites) the index row of report `id`.
pub fn report(conn: &mut DbConnection, id: i64) -> Result<(), AppError> {
    let entries = report_entries(conn, id, id)?;
    put(conn, entries)
}

/// Writes the index row of a report just filed, from the row in hand (it has none to replace):
/// intake's one extra statement.
pub fn filed_report(conn: &mut DbConnection, report: ReportText<'_>) -> Result<(), AppError> {
    insert(conn, &report_entry(report)).map(|_| ())
}

/// Index rows of records just written, held to be written together: an import's, a few hundred
/// rows a statement instead of one each. [`Held::write`] writes what is left; rows still held
/// when the transaction commits would be missing from the index.
#[derive(Default)]
pub struct Held {
    entries: Vec<Entry>,
}

impl Held {
    /// Holds the index row of a report just filed ([`filed_report`]'s), writing the rows held
    /// once there are [`BATCH`] of them.
    pub fn filed_report(
        &mut self,
        conn: &mut DbConnection,
        report: ReportText<'_>,
    ) -> Result<(), AppError> {
        self.entries.push(report_entry(report));
        if self.entries.len() >= BATCH as usize {
            self.write(conn)?;
        }
        Ok(())
    }

    /// Writes the rows held.
    pub fn write(&mut self, conn: &mut DbConnection) -> Result<(), AppError> {
        insert_all(conn, &self.entries)?;
        self.entries.clear();
        Ok(())
    }
}

/// Writes (or rewrites) the index row of organization `id`.
pub fn organization(conn: &mut DbConnection, id: i64) -> Result<(), AppError> {
    let entries = organization_entries(conn, id, id)?;
    put(conn, entries)
}

/// Writes (or rewrites) the index row of case `id`.
pub fn case(conn: &mut DbConnection, id: i64) -> Result<(), AppError> {
    let entries = case_entries(conn, id, id)?;
    put(conn, entries)
}

/// Writes (or rewrites) the index row of consultation `id`.
pub fn consultation(conn: &mut DbConnection, id: i64) -> Result<(), AppError> {
    let entries = consultation_entries(conn, id, id)?;
    put(conn, entries)
}

type ReportRow = (
    i64,
    i64,
    i64,
    chrono::NaiveDate,
    String,
    String,
    (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
);

fn report_entries(conn: &mut DbConnection, from: i64, to: i64) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<ReportRow> = reports::table
        .inner_join(incidents::table)
        .filter(reports::id.between(from, to))
        .order(reports::id.asc())
        .select((
            reports::id,
            reports::incident_id,
            reports::organization_id,
            incidents::first_received_on,
            reports::summary,
            reports::data_items,
            (
                reports::secondary_damage,
                reports::response_to_individuals,
                reports::publication,
                reports::prevention_measures,
                reports::notes,
            ),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, incident_id, organization_id, first_received_on, summary, items, free)| {
                let items: Vec<String> = serde_json::from_str(&items).unwrap_or_default();
                report_entry(ReportText {
                    id,
                    incident_id,
                    organization_id,
                    first_received_on,
                    summary: &summary,
                    items: &items,
                    free: [
                        free.0.as_deref(),
                        free.1.as_deref(),
                        free.2.as_deref(),
                        free.3.as_deref(),
                        free.4.as_deref(),
                    ],
                })
            },
        )
        .collect())
}

/// What a report's index row is made of.
pub struct ReportText<'a> {
    pub id: i64,
    pub incident_id: i64,
    pub organization_id: i64,
    /// The incident's: the reference's year.
    pub first_received_on: NaiveDate,
    pub summary: &'a str,
    pub items: &'a [String],
    /// Secondary damage, response to individuals, publication, prevention, notes.
    pub free: [Option<&'a str>; 5],
}

fn report_entry(text: ReportText<'_>) -> Entry {
    let reference = incident_reference(text.first_received_on.year(), text.incident_id);
    let items = text.items.join("、");
    let [damage, response, publication, prevention, notes] = text.free;
    let mut entry = Entry::new(
        SearchKind::Report,
        text.id,
        reference.clone(),
        Some(&reference),
        &[
            Some(&reference),
            Some(text.summary),
            Some(&items),
            damage,
            response,
            publication,
            prevention,
            notes,
        ],
    );
    entry.organization_id = Some(text.organization_id);
    entry
}

fn organization_entries(
    conn: &mut DbConnection,
    from: i64,
    to: i64,
) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<(i64, String, Option<String>, Option<String>)> = organizations::table
        .filter(organizations::id.between(from, to))
        .order(organizations::id.asc())
        .select((
            organizations::id,
            organizations::name,
            organizations::corporate_number,
            organizations::contact_email,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, number, email)| {
            Entry::new(
                SearchKind::Organization,
                id,
                name.clone(),
                Some(&name),
                &[Some(&name), number.as_deref(), email.as_deref()],
            )
        })
        .collect())
}

type CaseRow = (i64, String, Option<String>, Option<String>, Option<String>);

fn case_entries(conn: &mut DbConnection, from: i64, to: i64) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<CaseRow> = cases::table
        .filter(cases::id.between(from, to))
        .order(cases::id.asc())
        .select((
            cases::id,
            cases::title,
            cases::summary,
            cases::problem,
            cases::response_policy,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, title, summary, problem, policy)| {
            Entry::new(
                SearchKind::Case,
                id,
                title.clone(),
                Some(&title),
                &[
                    Some(&title),
                    summary.as_deref(),
                    problem.as_deref(),
                    policy.as_deref(),
                ],
            )
        })
        .collect())
}

type ConsultationRow = (i64, chrono::NaiveDate, Option<String>, Option<String>);

fn consultation_entries(
    conn: &mut DbConnection,
    from: i64,
    to: i64,
) -> Result<Vec<Entry>, AppError> {
    let rows: Vec<ConsultationRow> = consultations::table
        .filter(consultations::id.between(from, to))
        .order(consultations::id.asc())
        .select((
            consultations::id,
            consultations::received_on,
            consultations::summary,
            consultations::advice,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, received_on, summary, advice)| {
            Entry::new(
                SearchKind::Consultation,
                id,
                format!("相談 {id}（{}受付）", received_on.format("%Y-%m-%d")),
                None,
                &[summary.as_deref(), advice.as_deref()],
            )
        })
        .collect())
}

/// Writes entries, replacing a record's earlier row (its id is kept).
fn put(conn: &mut DbConnection, entries: Vec<Entry>) -> Result<(), AppError> {
    for entry in entries {
        let existing: Option<i64> = search_entries::table
            .filter(search_entries::kind.eq(entry.kind.as_str()))
            .filter(search_entries::record_id.eq(entry.record_id))
            .select(search_entries::id)
            .first(conn)
            .optional()?;
        let id = match existing {
            Some(id) => {
                diesel::update(search_entries::table.find(id))
                    .set((
                        search_entries::organization_id.eq(entry.organization_id),
                        search_entries::title.eq(&entry.title),
                        search_entries::exact_key.eq(&entry.exact_key),
                        search_entries::content.eq(&entry.content),
                        search_entries::folded.eq(&entry.folded),
                    ))
                    .execute(conn)?;
                id
            }
            None => {
                insert(conn, &entry)?;
                continue;
            }
        };
        if let DbConnection::Sqlite(c) = conn {
            diesel::delete(search_bigrams::table.find(id)).execute(c)?;
            diesel::insert_into(search_bigrams::table)
                .values((
                    search_bigrams::rowid.eq(id),
                    search_bigrams::words.eq(bigram_words(&entry.folded)),
                ))
                .execute(c)?;
        }
    }
    Ok(())
}

/// Writes a new index row (and, on SQLite, its bigram words); answers its id.
fn insert(conn: &mut DbConnection, entry: &Entry) -> Result<i64, AppError> {
    let insert = diesel::insert_into(search_entries::table)
        .values(values(entry))
        .returning(search_entries::id);
    let id: i64 = crate::db::natively!(conn, |c| insert.get_result(c))?;
    if let DbConnection::Sqlite(c) = conn {
        diesel::insert_into(search_bigrams::table)
            .values((
                search_bigrams::rowid.eq(id),
                search_bigrams::words.eq(bigram_words(&entry.folded)),
            ))
            .execute(c)?;
    }
    Ok(id)
}

type EntryValues<'a> = (
    diesel::dsl::Eq<search_entries::kind, &'static str>,
    diesel::dsl::Eq<search_entries::record_id, i64>,
    diesel::dsl::Eq<search_entries::organization_id, Option<i64>>,
    diesel::dsl::Eq<search_entries::title, &'a str>,
    diesel::dsl::Eq<search_entries::exact_key, Option<&'a str>>,
    diesel::dsl::Eq<search_entries::content, &'a str>,
    diesel::dsl::Eq<search_entries::folded, &'a str>,
);

fn values(entry: &Entry) -> EntryValues<'_> {
    (
        search_entries::kind.eq(entry.kind.as_str()),
        search_entries::record_id.eq(entry.record_id),
        search_entries::organization_id.eq(entry.organization_id),
        search_entries::title.eq(entry.title.as_str()),
        search_entries::exact_key.eq(entry.exact_key.as_deref()),
        search_entries::content.eq(entry.content.as_str()),
        search_entries::folded.eq(entry.folded.as_str()),
    )
}

/// Rows read and written at a time by [`rebuild`].
const BATCH: i64 = 500;

/// Rebuilds the whole index from the records, in one transaction; answers the rows written.
pub fn rebuild(conn: &mut DbConnection) -> Result<usize, AppError> {
    if let DbConnection::Sqlite(c) = conn {
        diesel::delete(search_bigrams::table).execute(c)?;
    }
    diesel::delete(search_entries::table).execute(conn)?;
    let mut written = 0;
    type Reader = fn(&mut DbConnection, i64, i64) -> Result<Vec<Entry>, AppError>;
    let reports: Option<i64> = reports::table
        .select(diesel::dsl::max(reports::id))
        .first(conn)?;
    let organizations: Option<i64> = organizations::table
        .select(diesel::dsl::max(organizations::id))
        .first(conn)?;
    let cases: Option<i64> = cases::table
        .select(diesel::dsl::max(cases::id))
        .first(conn)?;
    let consultations: Option<i64> = consultations::table
        .select(diesel::dsl::max(consultations::id))
        .first(conn)?;
    let readers: [(Reader, Option<i64>); 4] = [
        (report_entries, reports),
        (organization_entries, organizations),
        (case_entries, cases),
        (consultation_entries, consultations),
    ];
    // The kinds interleaved, each in id order and in proportion to its size: round `r` writes
    // the `r`-th of `rounds` equal slices of every kind's ids. The entries' ids then follow the
    // records' age across kinds, as they do when records are indexed as they come, which the
    // search's walk back along the entries' ids (newest first) relies on.
    let longest = readers
        .iter()
        .filter_map(|(_, last)| *last)
        .max()
        .unwrap_or(0);
    let rounds = (longest + BATCH - 1) / BATCH;
    for round in 0..rounds {
        for (read, last) in readers {
            let last = last.unwrap_or(0);
            let (from, to) = (round * last / rounds + 1, (round + 1) * last / rounds);
            if from <= to {
                let entries = read(conn, from, to)?;
                written += insert_all(conn, &entries)?;
            }
        }
    }
    diesel::delete(search_reindex_pending::table).execute(conn)?;
    Ok(written)
}

fn insert_all(conn: &mut DbConnection, entries: &[Entry]) -> Result<usize, AppError> {
    if entries.is_empty() {
        return Ok(0);
    }
    let rows: Vec<EntryValues<'_>> = entries.iter().map(values).collect();
    let insert = diesel::insert_into(search_entries::table)
        .values(rows)
        .returning(search_entries::id);
    let ids: Vec<i64> = crate::db::natively!(conn, |c| insert.get_results(c))?;
    if let DbConnection::Sqlite(c) = conn {
        let words: Vec<_> = ids
            .iter()
            .zip(entries)
            .map(|(id, entry)| {
                (
                    search_bigrams::rowid.eq(*id),
                    search_bigrams::words.eq(bigram_words(&entry.folded)),
                )
            })
            .collect();
        diesel::insert_into(search_bigrams::table)
            .values(words)
            .execute(c)?;
    }
    Ok(entries.len())
}

/// Rebuilds the index if the migration that made it left its marker (records written before it
/// exist). Run at start, after the migrations.
pub fn catch_up(db: &Db) -> Result<Option<usize>, AppError> {
    let pending: Option<i32> = db.read_blocking(|conn| {
        Ok(search_reindex_pending::table
            .select(search_reindex_pending::id)
            .first(conn)
            .optional()?)
    })?;
    if pending.is_none() {
        return Ok(None);
    }
    reindex(db, &Actor::system("search index")).map(Some)
}

/// Rebuilds the index (audited as one `reindex` of the `search_index`).
pub fn reindex(db: &Db, actor: &Actor) -> Result<usize, AppError> {
    db.write_blocking(actor, |tx| {
        let written = rebuild(tx.conn())?;
        tx.record(
            Action::Reindex,
            Entity::SearchIndex,
            0,
            &serde_json::json!({ "entries": written }),
        )?;
        Ok(written)
    })
}
