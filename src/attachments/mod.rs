//! Attachments over HTTP (API.md "Answers to report collections and attachments"): the upload,
//! list and download paths of reports, answers and cases, and the pages' uploads and download.
//! Files are stored by the kernel's `files`.

pub mod handlers;
pub mod pages;
pub mod routes;
