//! The published cases for anyone (API.md "Public statistics and indicators"): title, summary,
//! response policy and as-of date only — never an entity's contact, its reports or anything
//! unpublished; cacheable.

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::db::Db;
use crate::http::ValidQuery;
use crate::supervision::cases;
use crate::web::layout::Chrome;
use crate::web::lists::Pager;
use crate::web::{WebError, public_page};

/// Other parameters (a link's tracking tags) are ignored: the page is the same for everyone.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct PublicCasesQuery {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    page: Option<u32>,
}

/// A published case as the public reads it: nothing else of it.
struct PublicCase {
    title: String,
    summary: String,
    response_policy: String,
    as_of: String,
}

#[derive(Template)]
#[template(path = "supervision/public_cases.html")]
struct CasesPage {
    chrome: Chrome,
    cases: Vec<PublicCase>,
    total: i64,
    pager: Pager,
}

/// Rows a page of published cases.
const CASES_PER_PAGE: u32 = 20;

/// The published cases: title, summary, response policy and as-of date only, newest first.
#[utoipa::path(get, path = "/public/cases", tag = "pages", params(PublicCasesQuery), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 422, description = "a page number out of range")))]
#[get("/public/cases")]
pub async fn public_cases(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublicCasesQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner()?;
    let page = query.page.unwrap_or(1);
    let found = db
        .read(move |conn| cases::published(conn, page, CASES_PER_PAGE))
        .await?;
    let text = |value: Option<String>| value.unwrap_or_default();
    public_page(
        &req,
        &CasesPage {
            chrome: Chrome::public("公表事案"),
            pager: Pager::new("/public/cases", "", page, CASES_PER_PAGE, found.count()),
            total: found.total,
            cases: found
                .items
                .into_iter()
                .map(|case| PublicCase {
                    title: case.title,
                    summary: text(case.summary),
                    response_policy: text(case.response_policy),
                    as_of: case
                        .as_of
                        .map(|day| day.format("%Y-%m-%d").to_string())
                        .unwrap_or_default(),
                })
                .collect(),
        },
    )
}
