//! The accounts' pages: one's own account, and the admins' users.

pub mod account;
pub mod parts;
pub mod users;
