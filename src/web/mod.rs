//! The web pages (API.md "Web pages"): server-rendered Japanese HTML for reporting entities and
//! supervision staff, plain forms that work without JavaScript. Handlers stay thin: they parse a
//! form into the same JSON the API takes, call the same services, and render an askama template.
//! Sessions, CSRF and the login rate limit are in `session`; form handling in `forms`.

pub mod account;
pub mod actions;
pub mod admin;
pub mod assets;
pub mod cases;
pub mod chart;
pub mod collections;
pub mod error;
pub mod files;
pub mod forms;
pub mod hotline;
pub mod imports;
pub mod incidents;
pub mod layout;
pub mod lists;
pub mod organizations;
pub mod public;
pub mod reports;
pub mod review;
pub mod search;
pub mod session;
pub mod staff;
pub mod stats;
pub mod uploads;
pub mod users;
pub mod versions;

use actix_web::{HttpResponse, get, http::header};

pub use error::WebError;
pub use session::WebUser;

/// Every page, in matching order (`/reports/new` before `/reports/{id}`); each lands in the
/// OpenAPI document under the tag `pages`.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(assets::stylesheet)
        .service(home)
        .service(session::login_page)
        .service(session::login)
        .service(session::logout)
        .service(session::code_form)
        .service(session::code)
        .service(account::account_page)
        .service(account::change_password)
        .service(account::end_session)
        .service(account::totp_page)
        .service(account::start_totp)
        .service(account::confirm_totp)
        .service(account::totp_qr)
        .service(reports::list)
        .service(reports::new_form)
        .service(reports::create)
        .service(review::amend_form)
        .service(review::amend)
        .service(review::review_form)
        .service(review::review)
        .service(files::attach_to_report)
        .service(incidents::classify)
        .service(incidents::join_case)
        .service(incidents::gather_related)
        .service(reports::show)
        .service(staff::dashboard)
        .service(search::search_page)
        .service(cases::cases_list)
        .service(cases::new_case)
        .service(cases::create_case)
        .service(cases::edit_case_form)
        .service(cases::edit_case)
        .service(cases::add_entity)
        .service(cases::edit_entity_form)
        .service(cases::edit_entity)
        .service(cases::add_incident)
        .service(cases::case_page)
        .service(files::attach_to_case)
        .service(actions::actions_list)
        .service(staff::new_action)
        .service(staff::create_action)
        .service(collections::complete_action)
        .service(actions::meetings)
        .service(actions::new_meeting)
        .service(actions::create_meeting)
        .service(organizations::organizations_list)
        .service(organizations::new_organization)
        .service(organizations::create_organization)
        .service(organizations::organization_page)
        .service(organizations::edit_organization)
        .service(collections::collections)
        .service(collections::action_page)
        .service(collections::answer_page)
        .service(files::download_page)
        .service(hotline::consultations_list)
        .service(staff::new_consultation)
        .service(staff::create_consultation)
        .service(hotline::consultation_page)
        .service(hotline::edit_consultation)
        .service(hotline::mediations_list)
        .service(hotline::new_mediation)
        .service(hotline::create_mediation)
        .service(hotline::mediation_page)
        .service(hotline::start_mediation)
        .service(hotline::decline_mediation)
        .service(hotline::mediation_step)
        .service(hotline::close_mediation)
        .service(imports::imports_page)
        .service(imports::preview)
        .service(imports::import)
        .service(admin::audit_trail)
        .service(admin::outbox)
        .service(admin::retry)
        .service(users::users_list)
        .service(users::new_user)
        .service(users::create_user)
        .service(users::user_page)
        .service(users::administer)
        .service(stats::index)
        .service(stats::activity)
        .service(stats::activity_csv)
        .service(stats::activity_xlsx)
        .service(stats::publish_activity_form)
        .service(stats::publish_activity)
        .service(stats::consultations)
        .service(stats::consultations_csv)
        .service(stats::consultations_xlsx)
        .service(stats::publish_consultations_form)
        .service(stats::publish_consultations)
        .service(stats::indicators_csv)
        .service(public::public_stats)
        .service(public::public_activity)
        .service(public::public_activity_csv)
        .service(public::public_activity_xlsx)
        .service(public::public_consultations)
        .service(public::public_consultations_csv)
        .service(public::public_consultations_xlsx)
        .service(public::public_cases);
}

/// `/`: the signed-in user's start page.
#[utoipa::path(get, path = "/", tag = "pages", responses((status = 303, description = "to the start page of the role, or to /login")))]
#[get("/")]
pub async fn home(user: WebUser) -> HttpResponse {
    see_other(if user.role.is_staff() {
        "/staff"
    } else {
        "/reports"
    })
}

/// The id in a page's path, or "no such record" (a path that is not a number names nothing).
pub fn record_id(text: &str, record: crate::error::Missing) -> Result<i64, crate::error::AppError> {
    text.parse()
        .map_err(|_| crate::error::AppError::NotFound(record))
}

/// 303 See Other: after a form, the browser fetches the answer page with GET.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// Renders a template as a page with `status`.
pub fn page(
    status: actix_web::http::StatusCode,
    template: &impl askama::Template,
) -> Result<HttpResponse, WebError> {
    let html = template
        .render()
        .map_err(|e| crate::error::AppError::internal(format!("template: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// Whether a request path belongs to the pages (HTML answers) rather than the API (JSON).
pub fn is_page_path(path: &str) -> bool {
    !(path.starts_with("/api/") || path == "/health" || path == "/openapi.json")
}
