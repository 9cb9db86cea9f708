//! The OpenAPI 3 document, generated from the handlers' annotations and served at `/openapi.json`.

use std::sync::OnceLock;

use actix_web::{HttpResponse, get};
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
    paths(
        crate::health::health,
        crate::organizations::handlers::create,
        crate::organizations::handlers::read,
        crate::organizations::handlers::list,
        crate::organizations::handlers::update,
        crate::reports::handlers::file,
        crate::reports::handlers::read,
        crate::reports::handlers::list,
        crate::reports::handlers::read_incident,
        crate::reports::handlers::list_incidents,
        crate::reports::handlers::classify,
        crate::supervision::handlers::create_case,
        crate::supervision::handlers::list_cases,
        crate::supervision::handlers::read_case,
        crate::supervision::handlers::update_case,
        crate::supervision::handlers::add_entity,
        crate::supervision::handlers::add_incident,
        crate::supervision::handlers::create_meeting,
        crate::supervision::handlers::list_meetings,
        crate::supervision::handlers::create_action,
        crate::supervision::handlers::list_actions,
        crate::supervision::handlers::read_action,
        crate::supervision::handlers::update_action,
        crate::hotline::handlers::list_categories,
        crate::hotline::handlers::add_category,
        crate::hotline::handlers::create_consultation,
        crate::hotline::handlers::list_consultations,
        crate::hotline::handlers::read_consultation,
        crate::hotline::handlers::update_consultation,
        crate::hotline::handlers::apply_mediation,
        crate::hotline::handlers::list_mediations,
        crate::hotline::handlers::read_mediation,
        crate::hotline::handlers::change_mediation,
        crate::hotline::handlers::add_step,
        crate::stats::handlers::activity,
        crate::stats::handlers::consultations,
        crate::stats::handlers::publish_activity,
        crate::stats::handlers::publish_consultations,
        crate::notify::handlers::list,
        crate::notify::handlers::retry,
        crate::audit::list,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::ErrorDetail)),
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

/// The document is the same for the life of the binary: render it once.
fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_json()
            .expect("the OpenAPI document serialises")
    })
}

#[get("/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(document())
}
