//! Answers anyone may cache: the public statistics and cases, the same bytes for every reader
//! (no session, no cookie). Each carries a strong `ETag` (a digest of its body) and
//! `Cache-Control: public, max-age=…`; a request whose `If-None-Match` names the tag gets 304
//! with no body (RFC 9110 §13.1.2).

use actix_web::http::StatusCode;
use actix_web::http::header::{self, EntityTag, Header, IfNoneMatch};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use sha2::{Digest, Sha256};

/// How long a shared cache may keep a public answer without asking again, in seconds.
pub const PUBLIC_MAX_AGE: u32 = 300;

/// The strong entity tag of a body: its SHA-256 digest, shortened.
pub fn tag_of(body: &[u8]) -> EntityTag {
    EntityTag::new_strong(hex::encode(&Sha256::digest(body)[..16]))
}

/// Whether the request already holds the answer tagged `tag` (weak comparison, as
/// `If-None-Match` asks).
fn holds(req: &HttpRequest, tag: &EntityTag) -> bool {
    match IfNoneMatch::parse(req) {
        Ok(IfNoneMatch::Any) => true,
        Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|held| held.weak_eq(tag)),
        Err(_) => false,
    }
}

/// `body` with `builder`'s status and headers, tagged and cacheable; or 304 when the request
/// holds it already.
pub fn public(req: &HttpRequest, mut builder: HttpResponseBuilder, body: Vec<u8>) -> HttpResponse {
    let tag = tag_of(&body);
    builder
        .insert_header(header::ETag(tag.clone()))
        .insert_header((
            header::CACHE_CONTROL,
            format!("public, max-age={PUBLIC_MAX_AGE}"),
        ));
    if holds(req, &tag) {
        builder.status(StatusCode::NOT_MODIFIED);
        return builder.finish();
    }
    builder.body(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn a_held_tag_answers_304_and_another_the_body() {
        let body = "公表値".as_bytes().to_vec();
        let tag = tag_of(&body).to_string();
        let held = TestRequest::get()
            .insert_header((header::IF_NONE_MATCH, format!("\"other\", {tag}")))
            .to_http_request();
        let answer = public(&held, HttpResponse::Ok(), body.clone());
        assert_eq!(answer.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(
            answer
                .headers()
                .get(header::ETAG)
                .unwrap()
                .to_str()
                .unwrap(),
            tag
        );
        let weak = TestRequest::get()
            .insert_header((header::IF_NONE_MATCH, format!("W/{tag}")))
            .to_http_request();
        assert_eq!(
            public(&weak, HttpResponse::Ok(), body.clone()).status(),
            StatusCode::NOT_MODIFIED
        );
        let stale = TestRequest::get()
            .insert_header((header::IF_NONE_MATCH, "\"other\""))
            .to_http_request();
        let answer = public(&stale, HttpResponse::Ok(), body);
        assert_eq!(answer.status(), StatusCode::OK);
        assert_eq!(
            answer
                .headers()
                .get(header::CACHE_CONTROL)
                .unwrap()
                .to_str()
                .unwrap(),
            "public, max-age=300"
        );
    }
}
