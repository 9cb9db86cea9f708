//! The routes of `work`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The dashboard.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::pages::dashboard);
}
