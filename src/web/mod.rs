//! What every page shares (API.md "Web pages": server-rendered Japanese HTML, plain forms that
//! work without JavaScript): the session, its CSRF token and the login (`session`), the layout
//! and its stylesheet (`layout`, `assets`), forms parsed into the API's inputs (`forms`), list
//! pages with their downloads (`lists`), files on a record's page (`files`, `uploads`), charts
//! (`chart`), the error page (`error`), and what one capability shows on another's page
//! (`parts`). The pages themselves are their capabilities' (`reports::pages`, …).

pub mod assets;
pub mod chart;
pub mod error;
pub mod files;
pub mod forms;
pub mod layout;
pub mod lists;
pub mod parts;
pub mod routes;
pub mod session;
pub mod uploads;

use actix_web::{HttpResponse, get, http::header};

pub use error::WebError;
pub use session::WebUser;

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

/// A rendered public page, tagged and cacheable.
pub fn public_page(
    req: &actix_web::HttpRequest,
    template: &impl askama::Template,
) -> Result<HttpResponse, WebError> {
    let html = template
        .render()
        .map_err(|e| crate::error::AppError::internal(format!("template: {e}")))?;
    let mut answer = HttpResponse::build(actix_web::http::StatusCode::OK);
    answer.content_type("text/html; charset=utf-8");
    Ok(crate::http::cache::public(req, answer, html.into_bytes()))
}
