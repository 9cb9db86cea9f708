//! The routes of `web`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// The pages every capability shares: the stylesheet, the start page, and the session's (login,
/// its second step, logout). Each capability registers its own pages (`<capability>::configure`);
/// each lands in the OpenAPI document under the tag `pages`.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::assets::stylesheet)
        .service(super::home)
        .service(super::session::login_page)
        .service(super::session::login)
        .service(super::session::logout)
        .service(super::session::code_form)
        .service(super::session::code);
}
