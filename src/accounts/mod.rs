//! Accounts as their users see them: one's own account (password, sessions, the second factor),
//! the admins' pages of users, and `/api/v1/me/totp`. Who a request is, the login and the
//! secrets are the kernel's `auth`.

pub mod handlers;
pub mod pages;
pub mod routes;
