//! The routes of `organizations`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The register's API and pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::create)
        .service(super::handlers::list)
        .service(super::handlers::read)
        .service(super::handlers::update)
        .service(super::pages::organizations_list)
        .service(super::pages::new_organization)
        .service(super::pages::create_organization)
        .service(super::pages::organization_page)
        .service(super::pages::edit_organization);
}
