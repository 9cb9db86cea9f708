//! The search query, on each backend's own index (docs/architecture.md, "Search"): SQLite's
//! FTS5 over bigram words (a term is a phrase of its consecutive bigrams: an exact infix match),
//! PostgreSQL's GIN over distinct bigrams (the rows holding every bigram of every term), each
//! term then checked with LIKE on the folded text.
//!
//! Ranked: the records whose reference or name equals the query first, then the newest.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::{Found, SearchKind};
use crate::db::schema::search_entries;
use crate::db::text::containing;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::search::{Query, bigram_token, bigrams, distinct_bigrams, snippet};
use crate::error::AppError;
use crate::http::PageRequest;

/// Beyond this many results the total is not counted (the contract's `total_exact: false`).
pub const COUNT_LIMIT: i64 = 10_000;

/// Who searches for what.
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub kind: Option<SearchKind>,
    /// A reporter's organization: only its reports are searched.
    pub organization_id: Option<i64>,
}

/// One page of results, with the total (exact when `exact`).
#[derive(Debug)]
pub struct Results {
    pub found: Vec<Found>,
    pub total: i64,
    pub exact: bool,
}

type Condition = Box<dyn BoxableExpression<search_entries::table, MultiBackend, SqlType = Bool>>;

/// The index condition: rows holding every term.
fn matching(conn: &DbConnection, query: &Query) -> Condition {
    match conn {
        DbConnection::Sqlite(_) => {
            // Each term a phrase of its bigram words; FTS5 ANDs the phrases. The words are
            // ASCII letters and digits made here, so no user text reaches FTS5's syntax.
            let phrases: Vec<String> = query
                .terms
                .iter()
                .map(|term| {
                    let words: Vec<String> = bigrams(term).into_iter().map(bigram_token).collect();
                    format!("\"{}\"", words.join(" "))
                })
                .collect();
            Box::new(
                sql::<Bool>(
                    "search_entries.id IN (SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH ",
                )
                .bind::<Text, _>(phrases.join(" AND "))
                .sql(")"),
            )
        }
        DbConnection::Postgres(_) => {
            let mut pairs: Vec<String> = Vec::new();
            for term in &query.terms {
                for pair in distinct_bigrams(term) {
                    if !pairs.contains(&pair) {
                        pairs.push(pair);
                    }
                }
            }
            // A pair never holds a space (terms are split at white space), so a space joins them.
            let mut condition: Condition = Box::new(
                sql::<Bool>("search_entries.bigrams @> string_to_array(")
                    .bind::<Text, _>(pairs.join(" "))
                    .sql(", ' ')"),
            );
            for term in &query.terms {
                condition = Box::new(
                    condition.and(search_entries::folded.like(containing(term)).escape('\\')),
                );
            }
            condition
        }
    }
}

type Row = (i64, String, i64, String, String);

/// One page of the records matching `query` in `scope`.
pub fn search(
    conn: &mut DbConnection,
    scope: Scope,
    query: &Query,
    request: PageRequest,
) -> Result<Results, AppError> {
    let scoped = |conn: &DbConnection| {
        let mut q = search_entries::table
            .filter(matching(conn, query))
            .into_boxed::<MultiBackend>();
        if let Some(kind) = scope.kind {
            q = q.filter(search_entries::kind.eq(kind.as_str()));
        }
        if let Some(organization) = scope.organization_id {
            q = q
                .filter(search_entries::kind.eq(SearchKind::Report.as_str()))
                .filter(search_entries::organization_id.eq(organization));
        }
        q
    };
    let columns = (
        search_entries::id,
        search_entries::kind,
        search_entries::record_id,
        search_entries::title,
        search_entries::content,
    );
    // The exact matches (a reference, a name), found by their own index.
    let exact: Vec<Row> = scoped(conn)
        .filter(search_entries::exact_key.eq(&query.whole))
        .order(search_entries::id.desc())
        .limit(i64::from(PageRequest::MAX_PER_PAGE))
        .select(columns)
        .load(conn)?;
    let others = |conn: &DbConnection| {
        scoped(conn).filter(
            search_entries::exact_key
                .is_null()
                .or(search_entries::exact_key.ne(&query.whole)),
        )
    };
    let counted: Vec<i64> = others(conn)
        .select(search_entries::id)
        .limit(COUNT_LIMIT + 1)
        .load(conn)?;
    let (offset, limit) = (request.offset(), request.limit());
    let exact_count = exact.len() as i64;
    let mut rows: Vec<Row> = exact
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    let wanted = limit - rows.len() as i64;
    if wanted > 0 {
        rows.extend(
            others(conn)
                .order(search_entries::id.desc())
                .limit(wanted)
                .offset((offset - exact_count).max(0))
                .select(columns)
                .load::<Row>(conn)?,
        );
    }
    let found = rows
        .into_iter()
        .filter_map(|(_, kind, record_id, title, content)| {
            Some(Found {
                kind: SearchKind::parse(&kind)?,
                id: record_id,
                title,
                snippet: snippet(&content, &query.terms),
            })
        })
        .collect();
    let more = counted.len() as i64 > COUNT_LIMIT;
    Ok(Results {
        found,
        total: exact_count + counted.len().min(COUNT_LIMIT as usize) as i64,
        exact: !more,
    })
}
