//! Attachments over HTTP (API.md "Answers to report collections and attachments"): the upload,
//! list and download paths of reports, answers and cases, and the pages' uploads and download.
//! Files are stored by the kernel's `files`.

pub mod handlers;
pub mod pages;

/// The attachments' API and pages.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::attach_to_report)
        .service(handlers::report_attachments)
        .service(handlers::attach_to_response)
        .service(handlers::response_attachments)
        .service(handlers::attach_to_case)
        .service(handlers::case_attachments)
        .service(handlers::download_attachment)
        .service(pages::attach_to_report)
        .service(pages::attach_to_case)
        .service(pages::download_page);
}
