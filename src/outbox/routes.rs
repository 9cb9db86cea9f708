//! The routes of `outbox`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The outbox's API and page.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::list)
        .service(super::handlers::retry)
        .service(super::pages::outbox)
        .service(super::pages::retry);
}
