//! The registers' public pages, for anyone without logging in (API.md "OptoutVersion 3", Registers):
//! the opt-out register as the Commission's website shows it — searchable, downloadable — and
//! the accredited bodies of today. Nothing here reads a session, so every reader gets the same
//! bytes, tagged and cacheable.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::http::ValidQuery;
use crate::registers::bodies::{self, PublicBodyFilter};
use crate::registers::optout::{self, PublicFilter};
use crate::web::layout::Chrome;
use crate::web::lists::Pager;
use crate::web::{WebError, public_page};

/// Rows a page of the public registers.
const PER_PAGE: u32 = 20;

/// Other parameters (a link's tracking tags) are ignored: the page is the same for everyone.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PublicRegisterQuery {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    page: Option<u32>,
    /// Words of the provider's name, its purpose or the items provided.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 200)]
    q: Option<String>,
}

/// A notification as the page shows it: every value as its text.
struct Shown {
    reference: String,
    provider_name: String,
    provider_address: String,
    representative: String,
    purpose: String,
    data_items: String,
    obtained_how: String,
    provided_how: String,
    request_method: String,
    update_method: String,
    start_on: String,
    notified_on: String,
    accepted_on: String,
    changed_on: String,
    withdrawn_on: String,
}

#[derive(Template)]
#[template(path = "registers/public_optout.html")]
struct OptoutPage {
    chrome: Chrome,
    today: String,
    q: String,
    q_param: String,
    total: i64,
    items: Vec<Shown>,
    pager: Pager,
}

fn day(value: Option<chrono::NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

/// The opt-out register as published today.
#[utoipa::path(get, path = "/public/registers/optout", tag = "pages", params(PublicRegisterQuery), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 422, description = "a page number or search words out of range")))]
#[get("/public/registers/optout")]
pub async fn public_optout(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublicRegisterQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner()?;
    let page = query.page.unwrap_or(1);
    let q = query.q.clone().unwrap_or_default();
    let today = today();
    let filter = PublicFilter {
        page: Some(page),
        per_page: Some(PER_PAGE),
        q: query.q,
        format: None,
    };
    let found = db
        .read(move |conn| optout::public(conn, &filter, today))
        .await?;
    let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let pager_query = if q.is_empty() {
        String::new()
    } else {
        format!("q={encoded}")
    };
    let q_param = if q.is_empty() {
        String::new()
    } else {
        format!("&q={encoded}")
    };
    let items = found
        .items
        .iter()
        .map(|n| {
            let content = &n.published.content;
            let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "－".to_owned());
            Shown {
                reference: n.reference.clone(),
                provider_name: content.provider_name.clone(),
                provider_address: content.provider_address.clone(),
                representative: content.representative.clone(),
                purpose: content.purpose.clone(),
                data_items: content.data_items.join("、"),
                obtained_how: text(&content.obtained_how),
                provided_how: content.provided_how.clone(),
                request_method: content.request_method.clone(),
                update_method: text(&content.update_method),
                start_on: content
                    .start_on
                    .map_or_else(|| "－".to_owned(), |d| d.to_string()),
                notified_on: n.notified_on.to_string(),
                accepted_on: n.accepted_on.to_string(),
                changed_on: day(n.published.changed_on),
                withdrawn_on: day(n.withdrawn_on),
            }
        })
        .collect();
    public_page(
        &req,
        &OptoutPage {
            chrome: Chrome::public("オプトアウト届出の公表"),
            today: today.to_string(),
            pager: Pager::new(
                "/public/registers/optout",
                &pager_query,
                page,
                PER_PAGE,
                found.count(),
            ),
            total: found.total,
            q,
            q_param,
            items,
        },
    )
}

/// A body as the page shows it.
struct ShownBody {
    name: String,
    corporate_number: String,
    accredited_on: String,
    sector: String,
    scope: String,
}

#[derive(Template)]
#[template(path = "registers/public_bodies.html")]
struct BodiesPage {
    chrome: Chrome,
    today: String,
    total: i64,
    items: Vec<ShownBody>,
    pager: Pager,
}

/// The accredited bodies of today.
#[utoipa::path(get, path = "/public/registers/accredited-bodies", tag = "pages", params(PublicRegisterQuery), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 422, description = "a page number out of range")))]
#[get("/public/registers/accredited-bodies")]
pub async fn public_bodies(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublicRegisterQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner()?;
    let page = query.page.unwrap_or(1);
    let today = today();
    let filter = PublicBodyFilter {
        page: Some(page),
        per_page: Some(PER_PAGE),
        format: None,
    };
    let found = db
        .read(move |conn| bodies::public(conn, &filter, today))
        .await?;
    let items = found
        .items
        .iter()
        .map(|b| ShownBody {
            name: b.name.clone(),
            corporate_number: b
                .corporate_number
                .clone()
                .unwrap_or_else(|| "－".to_owned()),
            accredited_on: b.accredited_on.to_string(),
            sector: b.sector.clone(),
            scope: b.scope.clone(),
        })
        .collect();
    public_page(
        &req,
        &BodiesPage {
            chrome: Chrome::public("認定個人情報保護団体の一覧"),
            today: today.to_string(),
            pager: Pager::new(
                "/public/registers/accredited-bodies",
                "",
                page,
                PER_PAGE,
                found.count(),
            ),
            total: found.total,
            items,
        },
    )
}
