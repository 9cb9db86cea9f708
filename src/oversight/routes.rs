//! The routes of `oversight`: its API's handlers and its pages, in matching order, each landing in
//! the OpenAPI document with its annotation.

/// Oversight's API and pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::inspections)
        .service(super::handlers::coverage)
        .service(super::handlers::record_event)
        .service(super::handlers::list_events)
        .service(super::handlers::read_event)
        .service(super::handlers::adopt_plan)
        .service(super::handlers::list_plans)
        .service(super::handlers::read_plan)
        .service(super::pages::overview)
        .service(super::pages::events_list)
        .service(super::pages::new_event)
        .service(super::pages::create_event)
        .service(super::pages::plans_list)
        .service(super::pages::new_plan)
        .service(super::pages::create_plan)
        .service(super::pages::plan_page);
}
