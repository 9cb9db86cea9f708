//! The routes of `search`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// Search's API and page.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::search)
        .service(super::handlers::related)
        .service(super::pages::search_page);
}
