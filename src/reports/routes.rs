//! The routes of `reports`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// Reports' API and pages (`/reports/new` before `/reports/{id}`).
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::file)
        .service(super::handlers::list)
        .service(super::handlers::read)
        .service(super::handlers::list_incidents)
        .service(super::handlers::read_incident)
        .service(super::handlers::classify)
        .service(super::handlers::review_report)
        .service(super::handlers::list_reviews)
        .service(super::handlers::amend)
        .service(super::handlers::list_versions)
        .service(super::pages::list)
        .service(super::pages::new_form)
        .service(super::pages::create)
        .service(super::pages::review::amend_form)
        .service(super::pages::review::amend)
        .service(super::pages::review::review_form)
        .service(super::pages::review::review)
        .service(super::pages::incidents::classify)
        .service(super::pages::show);
}
