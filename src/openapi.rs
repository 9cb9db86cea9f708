//! The OpenAPI 3 document: its frame here, its paths collected from the handlers' annotations as
//! `lib.rs` registers them, served at `/openapi.json`.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "leakdesk",
        description = "Case tracker of a data-protection supervisory authority: leak reports, \
                       supervision, hotline and statistics. Errors have the shape \
                       {\"error\": {\"code\", \"message\", \"fields\"}}.",
        version = "1"
    ),
    components(schemas(
        crate::error::ErrorBody,
        crate::error::ErrorDetail,
        crate::reports::StatusFilter,
        crate::stats::Format,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "service", description = "Health and this document"),
        (name = "organizations", description = "Reporting entities"),
        (name = "reports", description = "Leak reports (漏えい等報告) and their incidents"),
        (name = "supervision", description = "Cases, Commission meetings and supervisory actions"),
        (name = "hotline", description = "Consultations and complaint mediation"),
        (name = "statistics", description = "The published activity counts"),
        (name = "mail", description = "The e-mail outbox"),
        (name = "audit", description = "The audit trail of every change"),
        (name = "pages", description = "The Japanese web pages (HTML; a session cookie, CSRF tokens on forms)"),
    )
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// `/openapi.json`: the document of the routes the app registered (the app builds it from its
/// route table, so a registered operation cannot be missing from it).
pub fn service(mut document: utoipa::openapi::OpenApi) -> actix_web::Resource {
    name_pages(&mut document);
    let json = document.to_json().expect("the OpenAPI document serialises");
    actix_web::web::resource("/openapi.json").route(actix_web::web::get().to(move || {
        let json = json.clone();
        async move {
            HttpResponse::Ok()
                .content_type("application/json")
                .body(json)
        }
    }))
}

/// A page's handler is often named like the API's (`create_action` records an action from a form
/// and from JSON): the pages' operation ids take the prefix `page_`, so every id is unique.
fn name_pages(document: &mut utoipa::openapi::OpenApi) {
    for item in document.paths.paths.values_mut() {
        for operation in [
            &mut item.get,
            &mut item.post,
            &mut item.put,
            &mut item.patch,
            &mut item.delete,
        ]
        .into_iter()
        .flatten()
        {
            let is_page = operation
                .tags
                .as_ref()
                .is_some_and(|tags| tags.iter().any(|tag| tag == "pages"));
            if let (true, Some(id)) = (is_page, operation.operation_id.as_mut())
                && !id.starts_with("page_")
            {
                *id = format!("page_{id}");
            }
        }
    }
}
