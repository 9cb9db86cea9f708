//! Storage: one connection type for both backends, the pool, embedded migrations, and the two ways
//! to reach the database from a handler — [`Db::read`] and [`Db::write`] (the audited transaction).

pub mod audit;
pub mod schema;
pub mod text;
mod write;

pub use audit::{Action, Entity};
pub use write::{Actor, Happened, WriteTx, diff};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::{self, ManageConnection, R2D2Connection};
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
use serde::Serialize;

use crate::config::DatabaseConfig;
use crate::error::AppError;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Serialises `migrate` runs of several instances starting at once on one PostgreSQL.
const MIGRATION_LOCK_KEY: i64 = 0x6c65_616b_6465_736b; // "leakdesk"

/// One connection, to whichever backend `DATABASE_URL` names. Queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(PgConnection),
    Sqlite(SqliteConnection),
}

impl DbConnection {
    /// Which database this connection is to.
    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Runs a diesel call on the connection's own backend instead of through the multi-backend
/// wrapper. The wrapper rebuilds a statement's SQL text on every execution to look it up in
/// the statement cache; on the backend's own connection a statement of a fixed shape is found
/// by its type. For the statements of intake's hot path (benchmarks: docs/performance.md).
///
/// `natively!(conn, |c| query.execute(c))`, where `conn: &mut DbConnection`.
macro_rules! natively {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Postgres($c) => $body,
            $crate::db::DbConnection::Sqlite($c) => $body,
        }
    };
}
pub(crate) use natively;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A parsed `DATABASE_URL`: a file path or `sqlite://PATH` for SQLite, `postgres://…` for PostgreSQL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL is empty")]
    EmptyUrl,
    #[error("DATABASE_URL: an in-memory SQLite database cannot be shared by a pool; name a file")]
    InMemory,
    #[error("cannot create the directory for the SQLite database {path}: {source}")]
    Directory {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot connect to the database: {0}")]
    Connect(#[from] r2d2::PoolError),
    #[error("migrations failed: {0}")]
    Migrations(String),
    #[error("cannot set up the SQLite database: {0}")]
    Sqlite(String),
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<Self, DbSetupError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DbSetupError::EmptyUrl);
        }
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(Self::Postgres(raw.to_owned()));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() || path == ":memory:" {
            return Err(DbSetupError::InMemory);
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }
}

/// Connection settings applied to every SQLite connection the pool opens.
/// `synchronous = FULL`: an acknowledged report survives power loss, not only a crash.
const SQLITE_PRAGMAS: &str =
    "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

/// WAL is a property of the database file: set once, before the pool opens its connections
/// concurrently (switching the mode needs an exclusive lock they would contend for).
fn enable_wal(path: &Path) -> Result<(), DbSetupError> {
    let setup = |e: &dyn std::fmt::Display| DbSetupError::Sqlite(e.to_string());
    let mut conn = SqliteConnection::establish(&path.to_string_lossy()).map_err(|e| setup(&e))?;
    conn.batch_execute("PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL;")
        .map_err(|e| setup(&e))
}

/// Opens connections of exactly the backend the URL names (the derive's own `establish` would try
/// each backend in turn, and could open a SQLite file named after an unreachable PostgreSQL URL).
#[derive(Debug)]
struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => PgConnection::establish(url)
                .map(DbConnection::Postgres)
                .map_err(diesel::r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())
                    .map_err(diesel::r2d2::Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(diesel::r2d2::Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

type PooledConnection = r2d2::PooledConnection<Manager>;

/// The shared handle to the database, cloned into every worker: the pool, and on SQLite the
/// queue of this process's writers.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<Manager>,
    backend: Backend,
    /// SQLite admits one writer at a time. Without a queue, concurrent writers poll the lock
    /// on the busy timeout, whose sleeps (up to 100 ms) leave it idle while they wait, so under
    /// load writes slowed and some waited seconds. This process's writers now take turns here
    /// and each starts the moment the last commits; other processes (the CLI) still meet the
    /// busy timeout. A matter of speed only: correctness rests on SQLite's lock.
    sqlite_writers: Arc<Mutex<()>>,
}

impl Db {
    pub fn connect(config: &DatabaseConfig) -> Result<Self, DbSetupError> {
        let url = DatabaseUrl::parse(&config.url)?;
        if let DatabaseUrl::Sqlite(path) = &url {
            ensure_parent_dir(path)?;
            enable_wal(path)?;
        }
        let backend = url.backend();
        let pool = r2d2::Pool::builder()
            .max_size(config.pool_size)
            .connection_timeout(Duration::from_secs(config.connect_timeout_secs))
            // No `SELECT 1` before every use: a broken connection is noticed when a query fails
            // (that one request fails and may be retried) and is then dropped from the pool.
            .test_on_check_out(false)
            .build(Manager { url })?;
        Ok(Self {
            pool,
            backend,
            sqlite_writers: Arc::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    fn conn(&self) -> Result<PooledConnection, AppError> {
        self.pool
            .get()
            .map_err(|e| AppError::Unavailable(Box::new(e)))
    }

    fn migration_connection(&self) -> Result<PooledConnection, DbSetupError> {
        self.pool
            .get()
            .map_err(|e| DbSetupError::Migrations(e.to_string()))
    }

    /// Applies pending migrations of this backend; returns the versions applied.
    pub fn run_migrations(&self) -> Result<Vec<String>, DbSetupError> {
        let mut conn = self.migration_connection()?;
        let applied = match &mut *conn {
            DbConnection::Sqlite(c) => c
                .run_pending_migrations(SQLITE_MIGRATIONS)
                .map(|v| v.iter().map(ToString::to_string).collect()),
            DbConnection::Postgres(c) => {
                diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})"))
                    .execute(c)
                    .map_err(|e| DbSetupError::Migrations(e.to_string()))?;
                let result = c
                    .run_pending_migrations(POSTGRES_MIGRATIONS)
                    .map(|v| v.iter().map(ToString::to_string).collect());
                diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})"))
                    .execute(c)
                    .map_err(|e| DbSetupError::Migrations(e.to_string()))?;
                result
            }
        };
        applied.map_err(|e| DbSetupError::Migrations(e.to_string()))
    }

    /// Reverts every migration of this backend (for the migration tests; no command exposes it).
    pub fn revert_all_migrations(&self) -> Result<usize, DbSetupError> {
        let mut conn = self.migration_connection()?;
        let reverted = match &mut *conn {
            DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE_MIGRATIONS),
            DbConnection::Postgres(c) => c.revert_all_migrations(POSTGRES_MIGRATIONS),
        };
        reverted
            .map(|versions| versions.len())
            .map_err(|e| DbSetupError::Migrations(e.to_string()))
    }

    /// Reverts this backend's migrations, newest first, down to and including `version` (for the
    /// migration tests, which check that a migration carries rows made before it; no command
    /// exposes it). Returns how many were reverted.
    pub fn revert_migrations_through(&self, version: &str) -> Result<usize, DbSetupError> {
        let mut conn = self.migration_connection()?;
        let mut reverted = 0;
        loop {
            let last = match &mut *conn {
                DbConnection::Sqlite(c) => c.revert_last_migration(SQLITE_MIGRATIONS),
                DbConnection::Postgres(c) => c.revert_last_migration(POSTGRES_MIGRATIONS),
            }
            .map_err(|e| DbSetupError::Migrations(e.to_string()))?;
            reverted += 1;
            if last.to_string() == version {
                return Ok(reverted);
            }
        }
    }

    /// Runs `f` on a pooled connection (blocking; for the CLI and inside [`Db::read`]).
    pub fn read_blocking<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        f(&mut *self.conn()?)
    }

    /// Runs `f` on a pooled connection inside one read-only transaction that sees one snapshot
    /// of the database from its first read to its last (`REPEATABLE READ` on PostgreSQL; a
    /// deferred transaction on SQLite, whose WAL keeps the snapshot): a long read in several
    /// queries — a whole list exported a page at a time — sees no row twice and misses none,
    /// whatever is written meanwhile. Blocking.
    pub fn read_snapshot_blocking<T>(
        &self,
        f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = self.conn()?;
        let conn = &mut *conn;
        match conn {
            DbConnection::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN")?,
            DbConnection::Postgres(c) => AnsiTransactionManager::begin_transaction_sql(
                c,
                "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            )?,
        }
        let outcome = f(conn);
        // Nothing was written: ending the transaction either way is the same.
        if let Err(rollback) = DbConnection::rollback_transaction(conn) {
            tracing::error!(%rollback, "ending a read snapshot failed");
        }
        outcome
    }

    /// Runs `f` in one write transaction that must leave an audit record; commits only when `f`
    /// succeeds and at least one change was audited, so no mutation escapes the trail.
    pub fn write_blocking<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut WriteTx<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.write_on(&mut *self.conn()?, actor, f)
    }

    /// [`Db::write_blocking`] on a connection the caller already holds (inside [`Db::read`]),
    /// for work that reads before it writes without a second trip to the pool.
    pub fn write_on<T>(
        &self,
        conn: &mut DbConnection,
        actor: &Actor,
        f: impl FnOnce(&mut WriteTx<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let _turn = self.writers_turn(conn);
        in_write_transaction(conn, |conn| {
            let mut tx = WriteTx::new(conn, actor);
            let value = f(&mut tx)?;
            tx.finish()?;
            Ok(value)
        })
    }

    /// Runs `f` on `conn` in its own write transaction with no audit record, for what is only
    /// derived from the records and could be computed again from them (a kept figure,
    /// `stats::derived`); never for a record.
    pub fn derived_write_on<T>(
        &self,
        conn: &mut DbConnection,
        f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let _turn = self.writers_turn(conn);
        in_write_transaction(conn, f)
    }

    /// This process's writers' turn on SQLite (`sqlite_writers`); none on PostgreSQL.
    fn writers_turn(&self, conn: &DbConnection) -> Option<std::sync::MutexGuard<'_, ()>> {
        matches!(conn, DbConnection::Sqlite(_)).then(|| {
            // The lock guards no data, only turns: a poisoned one still keeps them.
            self.sqlite_writers
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        })
    }

    /// [`Db::read_blocking`] off the async workers.
    pub async fn read<T, F>(&self, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || db.read_blocking(f)).await?
    }

    /// [`Db::write_blocking`] off the async workers.
    pub async fn write<T, F>(&self, actor: Actor, f: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut WriteTx<'_>) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let db = self.clone();
        actix_web::web::block(move || db.write_blocking(&actor, f)).await?
    }
}

/// Runs `f` in one read-only transaction, so that every statement of it reads the same
/// committed state: `REPEATABLE READ` on PostgreSQL; on SQLite a deferred transaction, whose
/// first read fixes the snapshot (WAL).
pub fn in_read_snapshot<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    conn.transaction::<_, AppError, _>(|conn| {
        if let DbConnection::Postgres(_) = conn {
            diesel::sql_query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(conn)?;
        }
        f(conn)
    })
}

/// A transaction that takes the write lock up front on SQLite (`BEGIN IMMEDIATE`), so a writer
/// waits on the busy timeout instead of failing when it upgrades a read lock; plain `BEGIN` on
/// PostgreSQL. Nested transactions inside `f` become savepoints as usual.
fn in_write_transaction<T>(
    conn: &mut DbConnection,
    f: impl FnOnce(&mut DbConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    match conn {
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?
        }
        DbConnection::Postgres(_) => DbConnection::begin_transaction(conn)?,
    }
    match f(conn) {
        Ok(value) => {
            DbConnection::commit_transaction(conn)?;
            Ok(value)
        }
        Err(error) => {
            if let Err(rollback) = DbConnection::rollback_transaction(conn) {
                tracing::error!(%rollback, "rollback failed");
            }
            Err(error)
        }
    }
}

fn ensure_parent_dir(path: &Path) -> Result<(), DbSetupError> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => {
            std::fs::create_dir_all(dir).map_err(|source| DbSetupError::Directory {
                path: dir.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_accepted_url_form() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/leakdesk.db").unwrap(),
            DatabaseUrl::Sqlite("data/leakdesk.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/leakdesk.db").unwrap(),
            DatabaseUrl::Sqlite("/var/lib/leakdesk.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("leakdesk.db").unwrap(),
            DatabaseUrl::Sqlite("leakdesk.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/test").unwrap(),
            DatabaseUrl::Postgres("postgres://postgres@127.0.0.1/test".into())
        );
        assert_eq!(
            DatabaseUrl::parse("postgresql://h/db").unwrap().backend(),
            Backend::Postgres
        );
    }

    #[test]
    fn refuses_urls_a_pool_cannot_serve() {
        assert!(matches!(
            DatabaseUrl::parse("  "),
            Err(DbSetupError::EmptyUrl)
        ));
        assert!(matches!(
            DatabaseUrl::parse(":memory:"),
            Err(DbSetupError::InMemory)
        ));
        assert!(matches!(
            DatabaseUrl::parse("sqlite://"),
            Err(DbSetupError::InMemory)
        ));
    }
}
