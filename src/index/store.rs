//! The search query, on each backend's own index (docs/architecture.md, "Search"): SQLite's
//! FTS5 over bigram words (a term is a phrase of its consecutive bigrams: an exact infix match),
//! PostgreSQL's GIN over distinct bigrams (the rows holding every bigram of every term), each
//! term then checked with LIKE on the folded text; with many matches, PostgreSQL walks back the
//! primary key instead; with few, the page is read by the ids the count found.
//!
//! Ranked: the records whose reference or name equals the query first, then the newest.

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};

use super::{Found, SearchKind};
use crate::db::schema::search_entries;
use crate::db::text::containing;
use crate::db::{Backend, DbConnection, MultiBackend};
use crate::domain::search::{Query, bigram_token, bigrams, distinct_bigrams, snippet};
use crate::error::AppError;
use crate::http::PageRequest;

/// Beyond this many results the total is not counted (the contract's `total_exact: false`).
pub const COUNT_LIMIT: i64 = 2_000;

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

/// How the rows are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    /// Through the text index: every candidate is read, then sorted (cost grows with the
    /// candidates, so for queries with few of them).
    Index,
    /// Newest first along the primary key, each row checked, until the page is full (cost grows
    /// with the rows walked per match, so for queries with many matches: at least
    /// [`COUNT_LIMIT`], one in every `N / COUNT_LIMIT` rows, or more).
    Walk,
}

/// The rows holding every term (and, on PostgreSQL, the scope's owner and a kind other than
/// reports, which its index holds as words of their own).
fn matching(backend: Backend, query: &Query, scope: Scope, path: Path) -> Condition {
    let mut condition: Condition = match (backend, path) {
        (Backend::Sqlite, Path::Index) => {
            // Each term a phrase of its bigram words; FTS5 ANDs the phrases. The words are
            // ASCII letters and digits made here, so no user text reaches FTS5's syntax. FTS5
            // checks the phrases exactly: no LIKE needed.
            let phrases: Vec<String> = query
                .terms
                .iter()
                .map(|term| {
                    let words: Vec<String> = bigrams(term).into_iter().map(bigram_token).collect();
                    format!("\"{}\"", words.join(" "))
                })
                .collect();
            return Box::new(
                sql::<Bool>(
                    "search_entries.id IN (SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH ",
                )
                .bind::<Text, _>(phrases.join(" AND "))
                .sql(")"),
            );
        }
        (Backend::Postgres, Path::Index) => {
            let mut words: Vec<String> = Vec::new();
            // A kind's word narrows the scan to its rows, but reports are most of the index:
            // theirs is the longest list of all to intersect, which doubled the scan at a
            // million reports (docs/performance.md, session 15). Their rows are told by the
            // kind column, checked after, as every scope's kind is.
            if let Some(kind) = scope.kind.filter(|kind| *kind != SearchKind::Report) {
                words.push(format!("kind:{}", kind.as_str()));
            }
            if let Some(organization) = scope.organization_id {
                words.push(format!("org:{organization}"));
            }
            for term in &query.terms {
                for pair in distinct_bigrams(term) {
                    if !words.contains(&pair) {
                        words.push(pair);
                    }
                }
            }
            // No word holds a space (terms are split at white space), so a space joins them.
            Box::new(
                sql::<Bool>("search_entries.terms @> string_to_array(")
                    .bind::<Text, _>(words.join(" "))
                    .sql(", ' ')"),
            )
        }
        // The walk checks each row it passes by the folded text alone.
        (_, Path::Walk) => Box::new(sql::<Bool>("TRUE")),
    };
    for term in &query.terms {
        condition =
            Box::new(condition.and(search_entries::folded.like(containing(term)).escape('\\')));
    }
    condition
}

type Row = (i64, String, i64, String, String);

/// The ids of the records of `kind` whose index entry holds every term of `query`, found by
/// the text index: a list's `q` is looked for among them (a record holding the query's text
/// holds each of its terms), so that the list's own condition is checked on those records
/// alone rather than on every record.
pub fn record_ids(
    backend: Backend,
    kind: SearchKind,
    query: &Query,
) -> search_entries::BoxedQuery<'static, MultiBackend, diesel::sql_types::BigInt> {
    let scope = Scope {
        kind: Some(kind),
        organization_id: None,
    };
    search_entries::table
        .filter(matching(backend, query, scope, Path::Index))
        .filter(search_entries::kind.eq(kind.as_str()))
        .select(search_entries::record_id)
        .into_boxed()
}

/// One page of the records matching `query` in `scope`.
pub fn search(
    conn: &mut DbConnection,
    scope: Scope,
    query: &Query,
    request: PageRequest,
) -> Result<Results, AppError> {
    let scoped = |conn: &DbConnection, path: Path| {
        let mut q = search_entries::table
            .filter(matching(conn.backend(), query, scope, path))
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
    let exact: Vec<Row> = scoped(conn, Path::Index)
        .filter(search_entries::exact_key.eq(&query.whole))
        .order(search_entries::id.desc())
        .limit(i64::from(PageRequest::MAX_PER_PAGE))
        .select(columns)
        .load(conn)?;
    let others = |conn: &DbConnection, path: Path| {
        scoped(conn, path).filter(
            search_entries::exact_key
                .is_null()
                .or(search_entries::exact_key.ne(&query.whole)),
        )
    };
    let counted: Vec<i64> = others(conn, Path::Index)
        .select(search_entries::id)
        .limit(COUNT_LIMIT + 1)
        .load(conn)?;
    let more = counted.len() as i64 > COUNT_LIMIT;
    let (offset, limit) = (request.offset(), request.limit());
    let exact_count = exact.len() as i64;
    let mut rows: Vec<Row> = exact
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(0))
        .collect();
    let wanted = limit - rows.len() as i64;
    let total = exact_count + counted.len().min(COUNT_LIMIT as usize) as i64;
    // The matches other than the exact ones that come before the page.
    let skip = (offset - exact_count).max(0);
    // Pages reach the first COUNT_LIMIT matches, as far as they are counted: past them a
    // query is to be narrowed, not paged through (the walk would read the whole index).
    if wanted > 0 && skip < COUNT_LIMIT {
        if !more {
            // Every match was counted: the page's rows are read by their ids, the text index
            // not searched again.
            let mut ids = counted;
            ids.sort_unstable_by(|a, b| b.cmp(a));
            let page: Vec<i64> = ids
                .into_iter()
                .skip(usize::try_from(skip).unwrap_or(usize::MAX))
                .take(usize::try_from(wanted).unwrap_or(0))
                .collect();
            rows.extend(
                search_entries::table
                    .filter(search_entries::id.eq_any(page))
                    .order(search_entries::id.desc())
                    .select(columns)
                    .load::<Row>(conn)?,
            );
        } else {
            // PostgreSQL cannot read a GIN index in order, so with many matches the newest are
            // found by walking back along the primary key (SQLite's FTS5 answers in rowid
            // order).
            let walk = matches!(conn, DbConnection::Postgres(_));
            let path = if walk { Path::Walk } else { Path::Index };
            let page = |conn: &mut DbConnection| {
                others(conn, path)
                    .order(search_entries::id.desc())
                    .limit(wanted)
                    .offset(skip)
                    .select(columns)
                    .load::<Row>(conn)
            };
            rows.extend(if walk {
                conn.transaction::<_, AppError, _>(|conn| {
                    // The only plan left is the walk (the planner cannot tell a term's
                    // frequency).
                    diesel::sql_query("SET LOCAL enable_seqscan = off").execute(conn)?;
                    diesel::sql_query("SET LOCAL enable_bitmapscan = off").execute(conn)?;
                    Ok(page(conn)?)
                })?
            } else {
                page(conn)?
            });
        }
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
    Ok(Results {
        found,
        total,
        exact: !more,
    })
}
