//! The routes of `audit`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The audit trail's API and page.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::list)
        .service(super::pages::audit_trail);
}
