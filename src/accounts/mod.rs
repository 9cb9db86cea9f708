//! Accounts as their users see them: one's own account (password, sessions, the second factor),
//! the admins' pages of users, and `/api/v1/me/totp`. Who a request is, the login and the
//! secrets are the kernel's `auth`.

pub mod handlers;
pub mod pages;

/// One's own account's API and pages, and the admins' pages of users.
pub fn configure(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(handlers::begin_totp)
        .service(handlers::confirm_totp)
        .service(pages::account::account_page)
        .service(pages::account::change_password)
        .service(pages::account::end_session)
        .service(pages::account::totp_page)
        .service(pages::account::start_totp)
        .service(pages::account::confirm_totp)
        .service(pages::account::totp_qr)
        .service(pages::users::users_list)
        .service(pages::users::new_user)
        .service(pages::users::create_user)
        .service(pages::users::user_page)
        .service(pages::users::administer);
}
