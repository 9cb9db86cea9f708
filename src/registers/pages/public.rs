//! The registers' public pages, for anyone without logging in (API.md "Version 3", Registers):
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
use crate::http::download::{csv_download, people_csv};
use crate::registers::bodies::{self, PublicBodyFilter};
use crate::registers::guidelines::PublicGuideline;
use crate::registers::labels::{BODY, OPTOUT};
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
    /// The page's search, as the CSV link's query (`?q=…`, or nothing).
    csv_query: String,
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
            csv_query: if q.is_empty() {
                String::new()
            } else {
                format!("?q={encoded}")
            },
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
    guidelines: Vec<ShownGuideline>,
}

/// A body's guideline as the public page links it.
struct ShownGuideline {
    /// Its title and version (個人情報保護指針（第2版）).
    name: String,
    published_on: String,
    url: String,
}

impl ShownGuideline {
    fn of(guideline: &PublicGuideline) -> Self {
        let title = guideline.title.as_deref().unwrap_or("個人情報保護指針");
        Self {
            name: format!("{title}（{}）", guideline.version),
            published_on: guideline.published_on.to_string(),
            url: guideline.url.clone(),
        }
    }
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
            guidelines: b.guidelines.iter().map(ShownGuideline::of).collect(),
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

/// The whole register as one page: what a download reads (the register is a few thousand rows).
const WHOLE: u32 = crate::http::PageRequest::MAX_READ;

/// The opt-out register as published today, as CSV for people (Japanese headings, as on the
/// page); `q` as on the page.
#[utoipa::path(get, path = "/public/registers/optout/csv", tag = "pages", params(PublicRegisterQuery), responses((status = 200, description = "CSV for people (text/csv): 届出番号, 提供者の名称, 住所, … 届出日, 公表日"), (status = 304, description = "`If-None-Match` names the current file"), (status = 422, description = "search words out of range")))]
#[get("/public/registers/optout/csv")]
pub async fn public_optout_csv(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublicRegisterQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner()?;
    let today = today();
    let filter = PublicFilter {
        page: Some(1),
        per_page: Some(WHOLE),
        q: query.q,
        format: None,
    };
    let found = db
        .read(move |conn| optout::public(conn, &filter, today))
        .await?;
    let label = |field| OPTOUT.short(field);
    let headings = [
        label("reference"),
        label("provider_name"),
        label("provider_address"),
        label("representative"),
        label("purpose"),
        label("data_items"),
        label("obtained_how"),
        label("provided_how"),
        label("request_method"),
        label("update_method"),
        label("start_on"),
        label("notified_on"),
        "公表日",
        "変更日",
        "廃止の予定日",
    ];
    let rows = found.items.iter().map(|n| {
        let c = &n.published.content;
        [
            n.reference.clone(),
            c.provider_name.clone(),
            c.provider_address.clone(),
            c.representative.clone(),
            c.purpose.clone(),
            c.data_items.join("、"),
            c.obtained_how.clone().unwrap_or_default(),
            c.provided_how.clone(),
            c.request_method.clone(),
            c.update_method.clone().unwrap_or_default(),
            day(c.start_on),
            n.notified_on.to_string(),
            n.accepted_on.to_string(),
            day(n.published.changed_on),
            day(n.withdrawn_on),
        ]
    });
    let body = people_csv(&headings, rows)?;
    Ok(crate::http::cache::public(
        &req,
        csv_download(&format!("optout-register-{today}")),
        body,
    ))
}

/// The bodies accredited today, as CSV for people.
#[utoipa::path(get, path = "/public/registers/accredited-bodies/csv", tag = "pages", responses((status = 200, description = "CSV for people (text/csv): 団体の名称, 法人番号, 認定日, 対象事業者の業種, 認定業務の範囲, 個人情報保護指針"), (status = 304, description = "`If-None-Match` names the current file")))]
#[get("/public/registers/accredited-bodies/csv")]
pub async fn public_bodies_csv(
    req: HttpRequest,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    let today = today();
    let filter = PublicBodyFilter {
        page: Some(1),
        per_page: Some(WHOLE),
        format: None,
    };
    let found = db
        .read(move |conn| bodies::public(conn, &filter, today))
        .await?;
    let label = |field| BODY.short(field);
    let headings = [
        label("name"),
        label("corporate_number"),
        label("accredited_on"),
        label("sector"),
        label("scope"),
        "個人情報保護指針",
    ];
    let rows = found.items.iter().map(|b| {
        let guidelines: Vec<String> = b
            .guidelines
            .iter()
            .map(|g| {
                let shown = ShownGuideline::of(g);
                format!("{}（{} 公表）", shown.name, shown.published_on)
            })
            .collect();
        [
            b.name.clone(),
            b.corporate_number.clone().unwrap_or_default(),
            b.accredited_on.to_string(),
            b.sector.clone(),
            b.scope.clone(),
            guidelines.join("、"),
        ]
    });
    let body = people_csv(&headings, rows)?;
    Ok(crate::http::cache::public(
        &req,
        csv_download(&format!("accredited-bodies-{today}")),
        body,
    ))
}
