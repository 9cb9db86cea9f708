//! The test harness: a fresh, isolated database per test (a temp SQLite file, or a new PostgreSQL
//! database on the local server) with migrations applied, the real app built on it, and helpers
//! to call it. `on_both_backends!` runs a test once on each backend.

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::{Method, StatusCode, header::HeaderMap};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use diesel::{Connection, RunQueryDsl, pg::PgConnection};
use leakdesk::auth::commands::{NewUser, create_user};
use leakdesk::config::Config;
use leakdesk::db::Actor;
use leakdesk::db::{Backend, Db};
use leakdesk::domain::access::Role;
use serde_json::{Value, json};

const DEFAULT_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Runs each named `async fn(TestApp)` as two tests, `<name>::sqlite` and `<name>::postgres`.
macro_rules! on_both_backends {
    ($($test:ident),+ $(,)?) => {$(
        mod $test {
            #[actix_web::test]
            async fn sqlite() {
                super::$test($crate::harness::TestApp::sqlite()).await
            }

            #[actix_web::test]
            async fn postgres() {
                if let Some(app) = $crate::harness::TestApp::postgres() {
                    super::$test(app).await
                }
            }
        }
    )+};
}
pub(crate) use on_both_backends;

/// Where a test's database lives; dropped after the pool, removing the database.
enum Storage {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl Drop for Storage {
    fn drop(&mut self) {
        if let Storage::Postgres { admin_url, name } = self
            && let Ok(mut admin) = PgConnection::establish(admin_url)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .execute(&mut admin);
        }
    }
}

pub struct TestApp {
    pub db: Db,
    pub config: Config,
    pub url: String,
    // Declared last: dropped after `db`, so the pool is closed before the database goes.
    _storage: Storage,
}

/// An answer from the app: status, headers and the body as JSON (Null when empty or not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// The reasons given for refusing `field`, from the error shape of API.md.
    pub fn field_errors(&self, field: &str) -> Vec<String> {
        self.body["error"]["fields"][field]
            .as_array()
            .map(|reasons| {
                reasons
                    .iter()
                    .map(|r| r.as_str().unwrap_or_default().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn error_code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }

    #[track_caller]
    pub fn assert_status(&self, expected: u16) -> &Self {
        assert_eq!(self.status.as_u16(), expected, "body: {}", self.body);
        self
    }

    /// Asserts a 422 that names `field` (and the error shape around it).
    #[track_caller]
    pub fn assert_refused_field(&self, field: &str) {
        self.assert_status(422);
        assert_eq!(self.error_code(), "validation_failed", "{}", self.body);
        assert!(
            !self.field_errors(field).is_empty(),
            "expected field {field} to be named in {}",
            self.body
        );
    }
}

static SEQUENCE: AtomicUsize = AtomicUsize::new(0);

fn test_config(url: &str) -> Config {
    let mut config = Config::defaults();
    config.database.url = url.to_owned();
    config.database.pool_size = 4;
    config.mail.staff_email = "kanshi@ppc.example.jp".to_owned();
    config
}

impl TestApp {
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        let url = format!("sqlite://{}", dir.path().join("leakdesk.db").display());
        Self::open(url, Storage::Sqlite(dir))
    }

    /// A fresh PostgreSQL database, or None (with a warning) where no server runs — except under
    /// CI, where PostgreSQL must be there and its absence fails the test.
    pub fn postgres() -> Option<Self> {
        let admin_url =
            std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
        let mut admin = match PgConnection::establish(&admin_url) {
            Ok(admin) => admin,
            Err(error) if std::env::var_os("CI").is_some() => {
                panic!("CI is set, so PostgreSQL must be reachable at {admin_url}: {error}")
            }
            Err(error) => {
                eprintln!("warning: PostgreSQL half skipped, {admin_url} unreachable: {error}");
                return None;
            }
        };
        let name = format!(
            "leakdesk_test_{}_{}_{}",
            std::process::id(),
            SEQUENCE.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros()
        );
        diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
            .execute(&mut admin)
            .expect("create a test database");
        let url = database_url(&admin_url, &name);
        let storage = Storage::Postgres { admin_url, name };
        Some(Self::open(url, storage))
    }

    fn open(url: String, storage: Storage) -> Self {
        let config = test_config(&url);
        let db = Db::connect(&config.database).expect("connect to the test database");
        db.run_migrations().expect("migrations apply");
        Self {
            db,
            config,
            url,
            _storage: storage,
        }
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// A new, empty database of the same backend, filled by `restore` (given its URL, or the
    /// SQLite file's path), then opened with pending migrations applied — as an operator runs
    /// `leakdesk migrate` after restoring a backup.
    pub fn restore_into_new(&self, restore: impl FnOnce(&str)) -> TestApp {
        match self.backend() {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let path = dir.path().join("restored.db");
                restore(&path.display().to_string());
                Self::open(format!("sqlite://{}", path.display()), Storage::Sqlite(dir))
            }
            Backend::Postgres => {
                let admin_url = std::env::var("TEST_DATABASE_URL")
                    .unwrap_or_else(|_| DEFAULT_ADMIN_URL.to_owned());
                let mut admin = PgConnection::establish(&admin_url).expect("the admin database");
                let name = format!(
                    "leakdesk_restore_{}_{}",
                    std::process::id(),
                    SEQUENCE.fetch_add(1, Ordering::Relaxed)
                );
                diesel::sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .expect("create the database to restore into");
                let url = database_url(&admin_url, &name);
                let storage = Storage::Postgres { admin_url, name };
                restore(&url);
                Self::open(url, storage)
            }
        }
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut request = TestRequest::default().method(method).uri(path);
        if let Some(token) = token {
            request = request.insert_header(("Authorization", format!("Bearer {token}")));
        }
        if let Some(body) = body {
            request = request.set_json(body);
        }
        self.send(request).await
    }

    /// Sends a request built by the test as it is (raw bodies, odd headers).
    pub async fn send(&self, request: TestRequest) -> Reply {
        let service = init_service(leakdesk::app(self.db.clone(), self.config.clone())).await;
        let response = call_service(&service, request.to_request()).await;
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = read_body(response).await;
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, path: &str, token: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(token), Some(body))
            .await
    }

    /// A user of `role` (belonging to `organization` when a reporter); returns its API token.
    pub fn user(&self, role: Role, organization_id: Option<i64>) -> String {
        let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        let new = NewUser {
            email: format!("{}{n}@example.jp", role.as_str()),
            role,
            organization_id,
            password: None,
        };
        let created = create_user(&self.db, &Actor::cli("test"), new, 30).expect("create a user");
        created.token.expose().to_owned()
    }

    /// A user who can log in to the web pages; returns its e-mail address.
    pub fn web_user(&self, role: Role, organization_id: Option<i64>, password: &str) -> String {
        let n = SEQUENCE.fetch_add(1, Ordering::Relaxed);
        let email = format!("web-{}{n}@example.jp", role.as_str());
        let new = NewUser {
            email: email.clone(),
            role,
            organization_id,
            password: Some(leakdesk::auth::secrets::Secret::new(password.to_owned())),
        };
        create_user(&self.db, &Actor::cli("test"), new, 30).expect("create a web user");
        email
    }

    pub fn staff(&self) -> String {
        self.user(Role::Staff, None)
    }

    /// Registers an organization through the API; returns its id.
    pub async fn organization(&self, staff: &str, name: &str, kind: &str) -> i64 {
        let reply = self
            .post(
                "/api/v1/organizations",
                staff,
                json!({ "name": name, "kind": kind }),
            )
            .await;
        reply.assert_status(201);
        reply.body["id"].as_i64().expect("an id")
    }

    /// Rows in a table, counted directly (to prove a refusal wrote nothing).
    pub fn count(&self, table: &str) -> i64 {
        #[derive(diesel::QueryableByName)]
        struct Count {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        self.db
            .read_blocking(|conn| {
                Ok(
                    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}"))
                        .get_result::<Count>(conn)?
                        .n,
                )
            })
            .expect("count rows")
    }

    /// The values of the one text column, named `v`, of a raw query's rows.
    pub fn query_strings(&self, sql: &str) -> Vec<String> {
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            v: String,
        }
        let sql = sql.to_owned();
        self.db
            .read_blocking(move |conn| {
                Ok(diesel::sql_query(sql)
                    .load::<Row>(conn)?
                    .into_iter()
                    .map(|row| row.v)
                    .collect())
            })
            .expect("query rows")
    }

    /// Runs raw SQL against the test database (to age or revoke a token, say).
    pub fn execute(&self, sql: &str) {
        self.db
            .read_blocking(|conn| Ok(diesel::sql_query(sql).execute(conn)?))
            .expect("execute SQL");
    }

    /// POSTs `files` (name, bytes) as `multipart/form-data` parts named `file`.
    pub async fn upload(&self, path: &str, token: &str, files: &[(&str, &[u8])]) -> Reply {
        let parts: Vec<(&str, Option<&str>, &[u8])> = files
            .iter()
            .map(|(name, bytes)| ("file", Some(*name), *bytes))
            .collect();
        self.send(multipart(path, token, &parts)).await
    }

    /// GETs raw bytes: status, headers, body.
    pub async fn download(&self, path: &str, token: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let service = init_service(leakdesk::app(self.db.clone(), self.config.clone())).await;
        let request = TestRequest::get()
            .uri(path)
            .insert_header(("Authorization", format!("Bearer {token}")))
            .to_request();
        let response = call_service(&service, request).await;
        let (status, headers) = (response.status(), response.headers().clone());
        (status, headers, read_body(response).await.to_vec())
    }
}

/// The boundary of the test's multipart bodies.
pub const BOUNDARY: &str = "leakdesk-test-boundary-7e1f";

/// A multipart body of `parts` (name, file name, bytes), as a browser or curl sends one.
pub fn multipart_body(parts: &[(&str, Option<&str>, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, filename, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match filename {
            Some(filename) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// A signed multipart POST of `parts`.
pub fn multipart(path: &str, token: &str, parts: &[(&str, Option<&str>, &[u8])]) -> TestRequest {
    TestRequest::post()
        .uri(path)
        .insert_header(("Authorization", format!("Bearer {token}")))
        .insert_header((
            "Content-Type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        ))
        .set_payload(multipart_body(parts))
}

/// One built app for fixtures that make thousands of calls (building the app per call is slow).
pub struct Client<S> {
    service: S,
}

impl TestApp {
    pub async fn client(
        &self,
    ) -> Client<
        impl actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<impl actix_web::body::MessageBody>,
            Error = actix_web::Error,
        >,
    > {
        Client {
            service: init_service(leakdesk::app(self.db.clone(), self.config.clone())).await,
        }
    }
}

impl<S, B> Client<S>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    /// Sends `body` and returns the answer, which must be a success.
    pub async fn send(&self, method: Method, token: &str, path: &str, body: Value) -> Value {
        let request = TestRequest::default()
            .method(method)
            .uri(path)
            .insert_header(("Authorization", format!("Bearer {token}")))
            .set_json(&body)
            .to_request();
        let response = call_service(&self.service, request).await;
        let status = response.status();
        let bytes = read_body(response).await;
        let answer: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        assert!(status.is_success(), "{path} {body}: {status} {answer}");
        answer
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> Value {
        self.send(Method::POST, token, path, body).await
    }

    pub async fn patch(&self, token: &str, path: &str, body: Value) -> Value {
        self.send(Method::PATCH, token, path, body).await
    }

    /// Registers an organization; returns its id.
    pub async fn organization(&self, token: &str, name: &str, kind: &str) -> i64 {
        self.post(
            token,
            "/api/v1/organizations",
            json!({"name": name, "kind": kind}),
        )
        .await["id"]
            .as_i64()
            .expect("an id")
    }
}

/// The admin URL with its database name replaced by `name`.
fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (admin_url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

#[test]
fn database_urls_keep_server_and_options() {
    assert_eq!(
        database_url("postgres://postgres@127.0.0.1:5432/postgres", "t1"),
        "postgres://postgres@127.0.0.1:5432/t1"
    );
    assert_eq!(
        database_url("postgres://u:p@h/db?sslmode=disable", "t2"),
        "postgres://u:p@h/t2?sslmode=disable"
    );
    assert_eq!(database_url("postgres://h", "t3"), "postgres://h/t3");
}
