//! The stylesheet, compiled into the binary and served by the app (nothing is fetched from the
//! internet). Its URL carries a hash of its content, so it may be cached for good.

use actix_web::{HttpResponse, get, http::header};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

const STYLESHEET: &str = include_str!("../../assets/style.css");

static VERSION: LazyLock<String> =
    LazyLock::new(|| hex::encode(&Sha256::digest(STYLESHEET.as_bytes())[..6]));

/// The stylesheet's URL, with its content hash.
pub fn stylesheet_url() -> String {
    format!("/assets/style.css?v={}", *VERSION)
}

#[utoipa::path(get, path = "/assets/style.css", tag = "pages", responses((status = 200, description = "the stylesheet")))]
#[get("/assets/style.css")]
pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(STYLESHEET)
}
