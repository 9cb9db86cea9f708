//! The routes of `attachments`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The attachments' API and pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::attach_to_report)
        .service(super::handlers::report_attachments)
        .service(super::handlers::attach_to_response)
        .service(super::handlers::response_attachments)
        .service(super::handlers::attach_to_case)
        .service(super::handlers::case_attachments)
        .service(super::handlers::attach_to_evaluation)
        .service(super::handlers::evaluation_attachments)
        .service(super::handlers::attach_to_agenda_item)
        .service(super::handlers::agenda_item_attachments)
        .service(super::handlers::download_attachment)
        .service(super::pages::attach_to_report)
        .service(super::pages::attach_to_case)
        .service(super::pages::download_page);
}
