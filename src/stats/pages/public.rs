//! The pages anyone may read without logging in (SPEC §1, API.md "Public statistics and
//! indicators"): the published periods, each period's frozen tables laid out like the staff
//! pages with their chart and CSV, and the published cases. Nothing here reads a session, so every
//! reader gets the same bytes, tagged and cacheable (`http::cache`).

use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use super::{
    Audience, PeriodPath, activity_view, consultations_view, parse_period, summary_download,
};
use crate::db::Db;
use crate::domain::labels::period_name_ja;
use crate::error::AppError;
use crate::http::cache;
use crate::stats::commands;
use crate::stats::publish::Kind;
use crate::web::layout::Chrome;
use crate::web::lists::Download;
use crate::web::{WebError, public_page};

/// A published period as the index lists it.
struct Listed {
    href: String,
    label: String,
    published_on: String,
}

#[derive(Template)]
#[template(path = "stats/public_stats.html")]
struct IndexPage {
    chrome: Chrome,
    activity: Vec<Listed>,
    consultations: Vec<Listed>,
    reports: Vec<Listed>,
}

/// The published periods of both tables, newest first.
#[utoipa::path(get, path = "/public/stats", tag = "pages", responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page")))]
#[get("/public/stats")]
pub async fn public_stats(req: HttpRequest, db: web::Data<Db>) -> Result<HttpResponse, WebError> {
    let mut activity_periods = Vec::new();
    let mut consultation_periods = Vec::new();
    let mut report_periods = Vec::new();
    for published in commands::publications(&db).await? {
        let listed = Listed {
            href: format!(
                "/public/stats/{}/{}",
                published.kind.as_path(),
                published.period.id()
            ),
            label: period_name_ja(published.period),
            published_on: published.published_at.format("%Y-%m-%d").to_string(),
        };
        match published.kind {
            Kind::Activity => activity_periods.push(listed),
            Kind::Consultations => consultation_periods.push(listed),
            Kind::Report => report_periods.push(listed),
        }
    }
    public_page(
        &req,
        &IndexPage {
            chrome: Chrome::public("公表統計"),
            activity: activity_periods,
            consultations: consultation_periods,
            reports: report_periods,
        },
    )
}

/// A published period's supervision summary, frozen as published.
#[utoipa::path(get, path = "/public/stats/activity/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/activity/{period}")]
pub async fn public_activity(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    let (_, view) = activity_view(&db, period, &Audience::Public, Vec::new()).await?;
    public_page(&req, &view)
}

/// A published period's hotline summary, frozen as published.
#[utoipa::path(get, path = "/public/stats/consultations/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/consultations/{period}")]
pub async fn public_consultations(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    let (_, view) = consultations_view(&db, period, &Audience::Public).await?;
    public_page(&req, &view)
}

pub(super) async fn published_download(
    req: &HttpRequest,
    db: &Db,
    kind: Kind,
    period: &str,
    format: Download,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(period)?;
    let published = commands::published(db, kind, period, 1).await?;
    let figures = published
        .last()
        .map(|p| &p.figures)
        .ok_or(AppError::NotFound(crate::error::Missing::Statistics))?;
    let (answer, body) = summary_download(db, period, figures, format).await?;
    Ok(cache::public(req, answer, body))
}

/// A published supervision summary as CSV for people (UTF-8 with a BOM, CRLF, Japanese headings).
#[utoipa::path(get, path = "/public/stats/activity/{period}/csv", tag = "pages", params(PeriodPath), responses((status = 200, description = "CSV for people (text/csv): 期間, 表, 対応事項, 件数"), (status = 304, description = "`If-None-Match` names the current file"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/activity/{period}/csv")]
pub async fn public_activity_csv(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    published_download(&req, &db, Kind::Activity, &period.period, Download::Csv).await
}

/// A published hotline summary as CSV for people.
#[utoipa::path(get, path = "/public/stats/consultations/{period}/csv", tag = "pages", params(PeriodPath), responses((status = 200, description = "CSV for people (text/csv): 期間, 窓口, 項目, 件数"), (status = 304, description = "`If-None-Match` names the current file"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/consultations/{period}/csv")]
pub async fn public_consultations_csv(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    published_download(
        &req,
        &db,
        Kind::Consultations,
        &period.period,
        Download::Csv,
    )
    .await
}

/// A published supervision summary as an Excel workbook laid out like the printed page.
#[utoipa::path(get, path = "/public/stats/activity/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the page's tables, counts as numbers"), (status = 304, description = "`If-None-Match` names the current file"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/activity/{period}/xlsx")]
pub async fn public_activity_xlsx(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    published_download(&req, &db, Kind::Activity, &period.period, Download::Xlsx).await
}

/// A published hotline summary as an Excel workbook laid out like the printed page.
#[utoipa::path(get, path = "/public/stats/consultations/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the page's tables by desk, counts as numbers"), (status = 304, description = "`If-None-Match` names the current file"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/consultations/{period}/xlsx")]
pub async fn public_consultations_xlsx(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    published_download(
        &req,
        &db,
        Kind::Consultations,
        &period.period,
        Download::Xlsx,
    )
    .await
}
