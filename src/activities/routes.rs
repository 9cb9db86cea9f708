//! The routes of `activities`: its API's handlers and its pages, in matching order, each landing
//! in the OpenAPI document with its annotation.

/// The activities' API and pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::record_activity)
        .service(super::handlers::list_activities)
        .service(super::handlers::read_activity)
        .service(super::pages::activities_list)
        .service(super::pages::new_activity)
        .service(super::pages::create_activity);
}
