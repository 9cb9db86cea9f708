//! The routes of `accounts`: its API's handlers and its pages, in matching order, each landing in the
//! OpenAPI document with its annotation.

/// One's own account's API and pages, and the admins' pages of users.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(super::handlers::begin_totp)
        .service(super::handlers::confirm_totp)
        .service(super::pages::account::account_page)
        .service(super::pages::account::change_password)
        .service(super::pages::account::end_session)
        .service(super::pages::account::totp_page)
        .service(super::pages::account::start_totp)
        .service(super::pages::account::confirm_totp)
        .service(super::pages::account::totp_qr)
        .service(super::pages::users::users_list)
        .service(super::pages::users::new_user)
        .service(super::pages::users::create_user)
        .service(super::pages::users::user_page)
        .service(super::pages::users::administer);
}
