//! The half-year activity report's pages (seed 001, whole): laid out like the published document —
//! its headings, paragraphs, the desks' tables with their five leading categories, the
//! supervision tables and notes — printable, as a workbook, published (frozen) and corrected only
//! by errata (正誤表) shown with it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::{Audience, Count, Mode, PeriodPath, PublishedQuery, Publishing, parse_period};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::labels::{date_ja, period_name_ja};
use crate::domain::periods::Period;
use crate::error::{AppError, Missing};
use crate::stats::ActivityReport;
use crate::stats::commands::{self, served};
use crate::stats::handlers::NewErratum;
use crate::stats::publish::{Erratum, Kind};
use crate::web::chart::thousands;
use crate::web::lists::Download;
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, public_page, see_other};

/// The errata form's place on a published report (staff).
struct ErrataForm {
    action: String,
    csrf: String,
    /// The refusals of the last attempt, in Japanese (field label, text).
    problems: Vec<(String, String)>,
    values: NewErratumValues,
}

#[derive(Default)]
struct NewErratumValues {
    figure: String,
    published_value: String,
    corrected_value: String,
    reason: String,
    corrected_on: String,
}

#[derive(Template)]
#[template(path = "stats/stats_report.html")]
pub(super) struct ReportPage {
    chrome: crate::web::layout::Chrome,
    report: ActivityReport,
    publication: String,
    publishing: Publishing,
    errata: Vec<Erratum>,
    errata_form: Option<ErrataForm>,
    xlsx: String,
    periods: &'static str,
    /// 「本年９月30日」: the day the figures are counted to, as the document writes it.
    as_of: String,
    /// 「令和元年度上半期」.
    name: String,
    /// The fiscal year's 1 April, as the document writes days.
    year_from: String,
    /// The first day of the prefecture round, as the document writes days.
    coverage_since: Option<String>,
    /// ①約33,500人分 …
    serious: Vec<String>,
}

impl ReportPage {
    fn n(&self, value: impl Count) -> String {
        thousands(value.count())
    }

    fn circled(i: usize) -> &'static str {
        const CIRCLED: [&str; 20] = [
            "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭", "⑮", "⑯", "⑰",
            "⑱", "⑲", "⑳",
        ];
        CIRCLED.get(i).copied().unwrap_or("・")
    }
}

async fn report_view(
    db: &Db,
    period: Period,
    audience: &Audience<'_>,
    form: Option<ErrataForm>,
) -> Result<(StatusCode, ReportPage), WebError> {
    let (report, publication, publishing, errata, errata_form) = match audience {
        Audience::Staff(user, mode) => {
            let main = served(db, Kind::Report, period, mode.confirming()).await?;
            let published = main.publication.is_some();
            let publishing = Publishing::new(user, Kind::Report, period, &main, mode);
            let publication = super::publication_ja(main.publication.as_ref());
            let errata_form = published.then(|| {
                form.unwrap_or_else(|| ErrataForm {
                    action: format!("/stats/activity-report/{}/errata", period.id()),
                    csrf: user.csrf(),
                    problems: Vec::new(),
                    values: NewErratumValues::default(),
                })
            });
            (
                main.figures.report()?,
                publication,
                publishing,
                main.errata,
                errata_form,
            )
        }
        Audience::Public => {
            let published = commands::published(db, Kind::Report, period, 1)
                .await?
                .pop()
                .ok_or(AppError::NotFound(Missing::Statistics))?;
            let day = published.published_at.format("%Y-%m-%d").to_string();
            (
                published.figures.report()?,
                format!("{day} 公表"),
                Publishing::none(),
                commands::errata(db, Kind::Report, period).await?,
                None,
            )
        }
    };
    let base = audience.base();
    let serious = report
        .my_number
        .serious
        .iter()
        .enumerate()
        .map(|(i, case)| {
            format!(
                "{}{}人分{}",
                ReportPage::circled(i),
                thousands(u64::try_from(case.persons_affected).unwrap_or(0)),
                if case.estimated { "（推計）" } else { "" }
            )
        })
        .collect();
    let view = ReportPage {
        chrome: audience.chrome(format!("{}における活動実績", period_name_ja(period))),
        as_of: date_ja(report.as_of),
        year_from: date_ja(report.year_from),
        coverage_since: report.my_number.coverage.since.map(date_ja),
        name: period_name_ja(period),
        xlsx: format!("{base}/activity-report/{}/xlsx", period.id()),
        periods: base,
        report,
        publication,
        publishing,
        errata,
        errata_form,
        serious,
    };
    let status = match &view.errata_form {
        Some(form) if !form.problems.is_empty() => StatusCode::UNPROCESSABLE_ENTITY,
        _ => audience.status(),
    };
    Ok((status, view))
}

pub(super) async fn report_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    period: Period,
    mode: Mode,
) -> Result<HttpResponse, WebError> {
    let (status, view) = report_view(db, period, &Audience::Staff(user, mode), None).await?;
    page(status, &view)
}

/// The half-year activity report of a period, laid out like seed 001.
#[utoipa::path(get, path = "/stats/activity-report/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "not a period")))]
#[get("/stats/activity-report/{period}")]
pub async fn report_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    query: web::Query<PublishedQuery>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    report_answer(&user, &db, period, Mode::from(&query)).await
}

/// The half-year report as an Excel workbook laid out like its tables, counts as numbers.
#[utoipa::path(get, path = "/stats/activity-report/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the report's figures, counts as numbers"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "not a period")))]
#[get("/stats/activity-report/{period}/xlsx")]
pub async fn report_xlsx(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    super::staff_download(&db, Kind::Report, &period.period, Download::Xlsx).await
}

/// The confirmation of a half-year report's publication.
#[utoipa::path(get, path = "/stats/activity-report/{period}/publish", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "not a period")))]
#[get("/stats/activity-report/{period}/publish")]
pub async fn publish_report_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    super::confirm_answer(&user, &db, Kind::Report, period, None).await
}

/// Publishes a period's half-year report: it is frozen as it is now.
#[utoipa::path(post, path = "/stats/activity-report/{period}/publish", tag = "pages", params(PeriodPath), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "published: to the period's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "already published: the page with the reason"), (status = 422, description = "not a period")))]
#[post("/stats/activity-report/{period}/publish")]
pub async fn publish_report(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    super::publish_answer(user, db, Kind::Report, &period.period, form).await
}

/// Corrects a published half-year report by an erratum (正誤表); the frozen report stays.
#[utoipa::path(post, path = "/stats/activity-report/{period}/errata", tag = "pages", params(PeriodPath), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `figure`, `published_value`, `corrected_value`, `reason`, `corrected_on`"), responses((status = 303, description = "recorded: to the report"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "not published: the page with the reason"), (status = 422, description = "the report with the form's refusals")))]
#[post("/stats/activity-report/{period}/errata")]
pub async fn correct_report(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let period = parse_period(&period.period)?;
    let value = |name: &str| form.get(name).unwrap_or_default().to_owned();
    let values = NewErratumValues {
        figure: value("figure"),
        published_value: value("published_value"),
        corrected_value: value("corrected_value"),
        reason: value("reason"),
        corrected_on: value("corrected_on"),
    };
    let mut problems: Vec<(String, String)> = Vec::new();
    let corrected_on = match values.corrected_on.trim() {
        "" => None,
        text => match text.parse() {
            Ok(day) => Some(day),
            Err(_) => {
                problems.push((
                    "訂正日".into(),
                    crate::error::Refusal::Unreadable {
                        detail: String::new(),
                    }
                    .ja(),
                ));
                None
            }
        },
    };
    let new = NewErratum {
        period: period.id(),
        figure: values.figure.clone(),
        published_value: values.published_value.clone(),
        corrected_value: values.corrected_value.clone(),
        reason: values.reason.clone(),
        corrected_on,
    };
    let label = |field: &str| {
        match field {
            "figure" => "訂正する数値",
            "published_value" => "誤（公表した値）",
            "corrected_value" => "正（正しい値）",
            "reason" => "理由",
            "corrected_on" => "訂正日",
            other => other,
        }
        .to_owned()
    };
    if problems.is_empty() {
        let checked = validator::Validate::validate(&new)
            .map_err(AppError::from)
            .and_then(|()| new.correction(today()));
        let outcome = match checked {
            Ok((period, correction)) => {
                commands::correct(&db, user.actor(), Kind::Report, period, correction).await
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok(_) => {
                return Ok(see_other(&format!(
                    "/stats/activity-report/{}#errata",
                    period.id()
                )));
            }
            Err(AppError::Validation(errors)) => {
                for (field, refusals) in errors.iter() {
                    for refusal in refusals {
                        problems.push((label(field), refusal.ja()));
                    }
                }
            }
            Err(AppError::Conflict(refusal)) => problems.push((String::new(), refusal.ja())),
            Err(other) => return Err(other.into()),
        }
    }
    let form = ErrataForm {
        action: format!("/stats/activity-report/{}/errata", period.id()),
        csrf: user.csrf(),
        problems,
        values,
    };
    let mode = Mode::View { published: false };
    let (status, view) =
        report_view(&db, period, &Audience::Staff(&user, mode), Some(form)).await?;
    page(status, &view)
}

/// A published half-year report, for anyone: frozen as published, with its errata.
#[utoipa::path(get, path = "/public/stats/activity-report/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/activity-report/{period}")]
pub async fn public_report(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    let (_, view) = report_view(&db, period, &Audience::Public, None).await?;
    public_page(&req, &view)
}

/// A published half-year report as an Excel workbook, for anyone.
#[utoipa::path(get, path = "/public/stats/activity-report/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet), for anyone"), (status = 304, description = "`If-None-Match` names the current file"), (status = 404, description = "the period is not published"), (status = 422, description = "not a period")))]
#[get("/public/stats/activity-report/{period}/xlsx")]
pub async fn public_report_xlsx(
    req: HttpRequest,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    super::public::published_download(&req, &db, Kind::Report, &period.period, Download::Xlsx).await
}
