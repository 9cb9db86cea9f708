//! The routes of `stats`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The statistics' API and pages, the public ones included.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::activity)
        .service(super::handlers::consultations)
        .service(super::handlers::indicators)
        .service(super::handlers::publish_activity)
        .service(super::handlers::publish_consultations)
        .service(super::handlers::public_activity)
        .service(super::handlers::public_consultations)
        .service(super::pages::index)
        .service(super::pages::activity)
        .service(super::pages::activity_csv)
        .service(super::pages::activity_xlsx)
        .service(super::pages::publish_activity_form)
        .service(super::pages::publish_activity)
        .service(super::pages::consultations)
        .service(super::pages::consultations_csv)
        .service(super::pages::consultations_xlsx)
        .service(super::pages::publish_consultations_form)
        .service(super::pages::publish_consultations)
        .service(super::pages::indicators_csv)
        .service(super::pages::public::public_stats)
        .service(super::pages::public::public_activity)
        .service(super::pages::public::public_activity_csv)
        .service(super::pages::public::public_activity_xlsx)
        .service(super::pages::public::public_consultations)
        .service(super::pages::public::public_consultations_csv)
        .service(super::pages::public::public_consultations_xlsx);
}
