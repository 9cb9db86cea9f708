//! The OpenAPI 3 document: its frame here, its paths collected from the handlers' annotations as
//! `lib.rs` registers them (with each capability's `Schemas`: the enums its queries name),
//! served at `/openapi.json`.

use actix_web::HttpResponse;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::domain::corporate_number::CORPORATE_NUMBER_PATTERN;
use crate::domain::periods::PERIOD_PATTERN;
use crate::domain::prefecture::PREFECTURES;
use crate::domain::text::TEXT_PATTERN;

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
        crate::http::download::Download,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "service", description = "Health and this document"),
        (name = "organizations", description = "Reporting entities"),
        (name = "reports", description = "Leak reports (漏えい等報告) and their incidents"),
        (name = "supervision", description = "Cases, Commission meetings and supervisory actions"),
        (name = "attachments", description = "Files on reports, answers and cases"),
        (name = "hotline", description = "Consultations and complaint mediation"),
        (name = "registers", description = "The public registers: opt-out notifications (オプトアウト届出), accredited bodies (認定個人情報保護団体), publications of anonymised information, and their counts"),
        (name = "activities", description = "The Commission's other activities the half-year report counts: consultations under other laws (他法令に基づく協議), certifications (認定), opinions (意見), hearings (ヒアリング) and public comment rounds (意見募集)"),
        (name = "oversight", description = "My Number oversight: on-site inspections by type (定期的な立入検査, 総合的な立入検査, レビュー検査), the prefectures a round has reached, outreach events (講師派遣, seminars), yearly inspection plans, periodic reports (定期的な報告), assessments (特定個人情報保護評価書), and meetings' agendas with the public list of held meetings"),
        (name = "statistics", description = "The activity counts and the indicators (staff)"),
        (name = "public", description = "The published statistics, for anyone: no login, cacheable (`ETag`, `Cache-Control: public`)"),
        (name = "mail", description = "The e-mail outbox"),
        (name = "audit", description = "The audit trail of every change"),
        (name = "accounts", description = "One's own account: the second factor of the web login"),
        (name = "search", description = "Full-text search, and reports that may describe the same event"),
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
pub fn service(document: &utoipa::openapi::OpenApi) -> actix_web::Resource {
    let mut json = serde_json::to_value(document).expect("the OpenAPI document serialises");
    spell_formats(&mut json);
    let json = json.to_string();
    actix_web::web::resource("/openapi.json").route(actix_web::web::get().to(move || {
        let json = json.clone();
        async move {
            HttpResponse::Ok()
                .content_type("application/json")
                .body(json)
        }
    }))
}

/// The finished document of a route table: the pages' operation ids prefixed (below).
pub fn finish(mut document: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    name_pages(&mut document);
    document_refusals(&mut document);
    document
}

/// The formats of our own a field may declare (`#[schema(format = "text")]`), each spelt out in
/// the document as what clients and checkers read: a pattern, or the list of values. The rule
/// itself lives in `domain/`, whose tests hold each pattern to it.
fn spell_formats(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(object) => {
            let nullable = object
                .get("type")
                .and_then(Value::as_array)
                .is_some_and(|types| types.iter().any(|t| t == "null"));
            match object.get("format").and_then(Value::as_str) {
                // Written text: not blank, no control characters but line breaks and tabs.
                Some("text") => {
                    object.insert("pattern".into(), TEXT_PATTERN.into());
                }
                // A named reporting period: FY2019, FY2019-H1, FY2025-Q1.
                Some("period") => {
                    object.insert("pattern".into(), PERIOD_PATTERN.into());
                }
                // 法人番号: 13 digits, the first a check digit (which no pattern can check).
                Some("corporate-number") => {
                    object.insert("pattern".into(), CORPORATE_NUMBER_PATTERN.into());
                }
                // One of the 47 prefectures, as written in Japanese (or null where it may be).
                Some("prefecture") => {
                    let names: Vec<Value> = PREFECTURES.iter().map(|&name| name.into()).collect();
                    let prefecture = serde_json::json!({
                        "type": "string", "format": "prefecture", "enum": names
                    });
                    object.remove("format");
                    if nullable {
                        object.remove("type");
                        object.insert(
                            "anyOf".into(),
                            serde_json::json!([prefecture, {"type": "null"}]),
                        );
                    } else {
                        object.extend(prefecture.as_object().cloned().unwrap_or_default());
                    }
                    return;
                }
                _ => {}
            }
            object.values_mut().for_each(spell_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(spell_formats),
        _ => {}
    }
}

/// The methods each path of the document answers, for a request no route took: a path that
/// exists under other methods answers 405 with `Allow`, anything else 404. Read from the
/// document, which is the route table.
pub struct Methods(Vec<(actix_web::dev::ResourceDef, Vec<&'static str>)>);

impl Methods {
    pub fn of(document: &utoipa::openapi::OpenApi) -> Self {
        Self(
            document
                .paths
                .paths
                .iter()
                .map(|(path, item)| {
                    let methods = [
                        ("GET", item.get.is_some()),
                        ("POST", item.post.is_some()),
                        ("PUT", item.put.is_some()),
                        ("PATCH", item.patch.is_some()),
                        ("DELETE", item.delete.is_some()),
                    ]
                    .into_iter()
                    .filter_map(|(method, has)| has.then_some(method))
                    .collect();
                    (actix_web::dev::ResourceDef::new(path.as_str()), methods)
                })
                .chain([(
                    actix_web::dev::ResourceDef::new("/openapi.json"),
                    vec!["GET"],
                )])
                .collect(),
        )
    }

    /// The methods `path` answers, when some route has it.
    pub fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let mut allowed: Vec<&'static str> = self
            .0
            .iter()
            .filter(|(route, _)| route.is_match(path))
            .flat_map(|(_, methods)| methods.iter().copied())
            .collect();
        if allowed.is_empty() {
            return None;
        }
        allowed.sort_unstable();
        allowed.dedup();
        Some(allowed)
    }
}

/// The refusals every API operation can answer by its shape, whatever its handler documents: a
/// body can be unreadable (400), too large (413), not JSON (415) or refused field by field (422);
/// a query or header field can be refused (422); an id in the path can name nothing (404); a
/// signed call can lack its token (401); and the database can fail (500) or be out of reach
/// (503). Each with the error shape. What a handler documents itself is kept.
fn document_refusals(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

    let error = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    for (path, item) in document.paths.paths.iter_mut() {
        if !path.starts_with("/api/") {
            continue;
        }
        for operation in operations(item) {
            let parameters = operation.parameters.as_deref().unwrap_or_default();
            let has_body = operation.request_body.is_some();
            let has_fields = parameters
                .iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Query | ParameterIn::Header));
            let has_id = parameters
                .iter()
                .any(|p| matches!(p.parameter_in, ParameterIn::Path));
            let signed = operation
                .security
                .as_ref()
                .is_some_and(|security| !security.is_empty());
            let mut refusals = Vec::new();
            if has_body {
                refusals.push(("400", "the body is not readable JSON (malformed_request)"));
                refusals.push((
                    "413",
                    "the body is larger than the limit (payload_too_large)",
                ));
                refusals.push((
                    "415",
                    "the body is not application/json (unsupported_media_type)",
                ));
            }
            if has_body || has_fields {
                refusals.push((
                    "422",
                    "fields refused, each named in `fields` (validation_failed)",
                ));
            }
            if has_id {
                refusals.push((
                    "404",
                    "no such record, or not one the caller may read (not_found)",
                ));
            }
            if signed {
                refusals.push(("401", "no valid token (unauthorized)"));
            }
            refusals.push(("500", "a fault of the service, logged (internal_error)"));
            refusals.push((
                "503",
                "the database is out of reach; try again (unavailable)",
            ));
            for (status, description) in refusals {
                operation
                    .responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| error(description).into());
            }
        }
    }
}

fn operations(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.post,
        &mut item.put,
        &mut item.patch,
        &mut item.delete,
    ]
    .into_iter()
    .flatten()
}

/// A page's handler is often named like the API's (`create_action` records an action from a form
/// and from JSON): the pages' operation ids take the prefix `page_`, so every id is unique.
fn name_pages(document: &mut utoipa::openapi::OpenApi) {
    for item in document.paths.paths.values_mut() {
        for operation in operations(item) {
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
