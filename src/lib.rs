//! leakdesk: builds the web application and runs the server. Everything else lives in modules.

pub mod accounts;
pub mod activities;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod files;
pub mod health;
pub mod hotline;
pub mod http;
pub mod imports;
pub mod index;
pub mod notify;
pub mod openapi;
pub mod organizations;
pub mod outbox;
pub mod oversight;
pub mod reads;
pub mod records;
pub mod registers;
pub mod reports;
pub mod search;
pub mod sheets;
pub mod stats;
pub mod supervision;
pub mod telemetry;
pub mod web;
pub mod work;

use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next, from_fn};
use actix_web::web::{self as aweb};
use actix_web::{App, HttpMessage, HttpServer};
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;

use crate::config::Config;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::http::BodyLimit;

/// The whole application: routes, shared data, error handlers and middleware. The server and the
/// tests build it the same way.
pub fn app(
    db: Db,
    config: Config,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let limit = config.server.body_limit_bytes;
    records::half_year::install(half_year_parts);
    // The route table is the OpenAPI document: every handler registered here brings its path.
    let (app, document) = App::new()
        .into_utoipa_app()
        .openapi(document())
        // The read log's writer lives as long as this app: dropped at shutdown, it writes what
        // is left (audit::reads).
        .app_data(aweb::Data::new(reads::ReadLog::start(db.clone())))
        .app_data(aweb::Data::new(page_parts()))
        .app_data(aweb::Data::new(web::layout::HeaderCounts(Box::new(
            work::pages::WorkParts,
        ))))
        .app_data(aweb::Data::new(importers()))
        .app_data(aweb::Data::new(db))
        .app_data(aweb::Data::new(config))
        .app_data(BodyLimit(limit))
        .app_data(aweb::PayloadConfig::new(limit))
        .app_data(
            aweb::PathConfig::default()
                .error_handler(|_, _| AppError::NotFound(Missing::Resource).into()),
        )
        .service(health::health)
        .configure(organizations::routes::configure)
        .configure(reports::routes::configure)
        .configure(registers::routes::configure)
        .configure(oversight::routes::configure)
        .configure(activities::routes::configure)
        .configure(supervision::routes::configure)
        .configure(attachments::routes::configure)
        .configure(hotline::routes::configure)
        .configure(stats::routes::configure)
        .configure(outbox::routes::configure)
        .configure(audit::routes::configure)
        .configure(search::routes::configure)
        .configure(accounts::routes::configure)
        .configure(web::routes::configure)
        .configure(work::routes::configure)
        .configure(imports::routes::configure)
        .split_for_parts();
    let document = openapi::finish(document);
    app.app_data(aweb::Data::new(openapi::Methods::of(&document)))
        .service(openapi::service(&document))
        .default_service(aweb::to(unrouted))
        .wrap(
            DefaultHeaders::new()
                .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .add((header::X_FRAME_OPTIONS, "DENY"))
                .add((header::REFERRER_POLICY, "no-referrer"))
                .add((header::CACHE_CONTROL, "no-store"))
                // The pages need nothing but their own stylesheet: no script, no other origin.
                .add((
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                     frame-ancestors 'none'; base-uri 'none'",
                )),
        )
        .wrap(from_fn(error::localize))
        .wrap(from_fn(answer_request_id))
        .wrap(TracingLogger::default())
}

/// The document's frame, with the schemas each capability's queries name.
fn document() -> utoipa::openapi::OpenApi {
    let mut document = openapi::ApiDoc::openapi();
    for schemas in [
        reports::Schemas::openapi(),
        supervision::Schemas::openapi(),
        stats::Schemas::openapi(),
    ] {
        document.merge(schemas);
    }
    document
}

/// The kinds of record a file may hold, each imported by its capability, in the order the
/// imports page offers them; the CLI's `leakdesk import KIND` finds its kind here too.
pub fn importers() -> sheets::importer::Importers {
    sheets::importer::Importers::new(vec![
        Box::new(reports::import::Reports),
        Box::new(hotline::import::Consultations),
        Box::new(supervision::import::Actions),
        Box::new(organizations::import::Organizations),
        Box::new(registers::import::Notifications),
        Box::new(registers::import::Bodies),
        Box::new(registers::import::Publications),
        Box::new(oversight::import::Events),
        Box::new(oversight::import::PeriodicReports),
        Box::new(oversight::import::Evaluations),
    ])
}

/// Who counts which sections of the half-year activity report (`records::half_year`): the
/// registers, the activities, and My Number oversight; the statistics count the rest.
fn half_year_parts() -> records::half_year::HalfYearParts {
    records::half_year::HalfYearParts::new(vec![
        Box::new(registers::half_year::Part),
        Box::new(activities::half_year::Part),
        Box::new(oversight::half_year::Part),
    ])
}

/// What each capability shows on the pages of others (`web::parts`), in the order shown: an
/// organization's reports, cases, actions and users; the dashboard's reports, then supervision's
/// panels; supervision's forms on a report's page.
fn page_parts() -> web::parts::PageParts {
    web::parts::PageParts::new(vec![
        Box::new(reports::pages::parts::Parts),
        Box::new(supervision::pages::parts::Parts),
        Box::new(accounts::pages::parts::Parts),
        Box::new(registers::pages::parts::Parts),
        Box::new(work::pages::WorkParts),
    ])
}

/// What no route answers: 405 with `Allow` for a path that exists under other methods, else 404;
/// as JSON for the API, as a Japanese page for the pages.
async fn unrouted(
    req: actix_web::HttpRequest,
    methods: aweb::Data<openapi::Methods>,
) -> Result<actix_web::HttpResponse, actix_web::Error> {
    let page = web::is_page_path(req.path());
    let error = match methods.allowed(req.path()) {
        Some(allow) => AppError::MethodNotAllowed(allow),
        None if page => AppError::NotFound(Missing::Page),
        None => AppError::NotFound(Missing::Resource),
    };
    // Returned as errors, so the answer's language is chosen where every error's is.
    Err(if page {
        web::WebError::App(error).into()
    } else {
        error.into()
    })
}

/// Answers the request id of the log span, so a caller can quote it when reporting a problem.
async fn answer_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().map(ToString::to_string);
    let mut response = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id).ok()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(response)
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("configuration: {0}")]
    Config(#[from] Box<figment::Error>),
    #[error(transparent)]
    Database(#[from] db::DbSetupError),
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        bind: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("mail: {0}")]
    Mail(String),
    #[error("search index: {0}")]
    Search(#[from] AppError),
    #[error("messages: {0}")]
    Messages(#[from] error::messages::CatalogError),
}

/// Applies pending migrations, then serves until SIGTERM/SIGINT, letting requests in flight finish.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    error::messages::install(config.locales.dir())?;
    let db = Db::connect(&config.database)?;
    let applied = db.run_migrations()?;
    tracing::info!(backend = ?db.backend(), migrations_applied = applied.len(), "database ready");
    // Records written before the search index existed are indexed once, before serving.
    if let Some(entries) = index::entries::catch_up(&db)? {
        tracing::info!(entries, "search index built");
    }
    let transport =
        notify::transport::Transport::from_config(&config.mail).map_err(StartupError::Mail)?;
    actix_web::rt::spawn(notify::worker::run(
        db.clone(),
        config.mail.clone(),
        transport,
    ));
    // The deadline notices are reports' mail: their scan is reports' command.
    actix_web::rt::spawn(reports::commands::run_deadline_scans(
        db.clone(),
        notify::MailSettings::from(&config.mail),
        Duration::from_secs(config.mail.scan_interval_secs.max(1)),
    ));
    actix_web::rt::spawn(supervision::commands::run_collection_scans(
        db.clone(),
        notify::MailSettings::from(&config.mail),
        Duration::from_secs(config.mail.scan_interval_secs.max(1)),
    ));
    actix_web::rt::spawn(oversight::commands::run_periodic_scans(
        db.clone(),
        notify::MailSettings::from(&config.mail),
        Duration::from_secs(config.mail.scan_interval_secs.max(1)),
    ));
    actix_web::rt::spawn(work::commands::run_escalation_scans(
        db.clone(),
        notify::MailSettings::from(&config.mail),
        config.work.escalate_after_days,
        Duration::from_secs(config.mail.scan_interval_secs.max(1)),
    ));
    let bind = config.server.bind.clone();
    let shutdown = config.server.shutdown_timeout_secs;
    let workers = config.server.workers;
    let server = {
        let config = config.clone();
        HttpServer::new(move || app(db.clone(), config.clone()))
    };
    let server = if workers > 0 {
        server.workers(workers)
    } else {
        server
    };
    // Database work runs on each worker's blocking threads: more threads than pooled connections
    // only wait for a connection, and switching between hundreds of them costs more than the
    // queries (measured with bench/run, docs/performance.md); so each worker gets its share of
    // the pool.
    let worker_count = if workers > 0 {
        workers
    } else {
        std::thread::available_parallelism().map_or(1, usize::from)
    };
    let blocking_threads = (config.database.pool_size as usize).div_ceil(worker_count);
    let server = server
        .worker_max_blocking_threads(blocking_threads.max(1))
        .shutdown_timeout(shutdown)
        .client_request_timeout(Duration::from_secs(30))
        .bind(&bind)
        .map_err(|source| StartupError::Bind {
            bind: bind.clone(),
            source,
        })?;
    for address in server.addrs() {
        tracing::info!(%address, "listening");
        println!("leakdesk listening on http://{address}");
    }
    server.run().await?;
    tracing::info!("stopped");
    Ok(())
}
