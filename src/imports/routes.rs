//! The routes of `imports`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The imports page.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::pages::imports_page)
        .service(super::pages::preview)
        .service(super::pages::template)
        .service(super::pages::import);
}
