//! The routes of `hotline`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The hotline's API and pages (`/consultations/new` before `/consultations/{id}`).
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::list_categories)
        .service(super::handlers::list_desks)
        .service(super::handlers::add_category)
        .service(super::handlers::create_consultation)
        .service(super::handlers::list_consultations)
        .service(super::handlers::read_consultation)
        .service(super::handlers::update_consultation)
        .service(super::handlers::apply_mediation)
        .service(super::handlers::list_mediations)
        .service(super::handlers::read_mediation)
        .service(super::handlers::change_mediation)
        .service(super::handlers::add_step)
        .service(super::pages::consultations_list)
        .service(super::pages::consultation_form::new_consultation)
        .service(super::pages::consultation_form::create_consultation)
        .service(super::pages::consultation_page)
        .service(super::pages::edit_consultation)
        .service(super::pages::mediations_list)
        .service(super::pages::new_mediation)
        .service(super::pages::create_mediation)
        .service(super::pages::mediation_page)
        .service(super::pages::start_mediation)
        .service(super::pages::decline_mediation)
        .service(super::pages::mediation_step)
        .service(super::pages::close_mediation);
}
