//! The routes of `registers`: its API's handlers and its pages, in matching order, each landing in
//! the OpenAPI document with its annotation.

/// The registers' API and public pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::file)
        .service(super::handlers::list)
        .service(super::handlers::read)
        .service(super::handlers::versions)
        .service(super::handlers::reviews)
        .service(super::handlers::review)
        .service(super::handlers::amend)
        .service(super::handlers::change)
        .service(super::handlers::withdraw)
        .service(super::handlers::public_optout)
        .service(super::handlers::accredit)
        .service(super::handlers::list_bodies)
        .service(super::handlers::read_body)
        .service(super::handlers::update_body)
        .service(super::handlers::revoke)
        .service(super::handlers::public_bodies)
        .service(super::handlers::record_publication)
        .service(super::handlers::list_publications)
        .service(super::handlers::summary)
        .service(super::pages::public_optout)
        .service(super::pages::public_bodies);
}
