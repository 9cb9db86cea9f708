//! The staff's work: the dashboard of new reports, overdue incidents and report collections,
//! open cases and recent actions, each part contributed by the capability it belongs to
//! (`web::parts`).

pub mod pages;
pub mod routes;
