//! HTTP handlers for the statistics (API.md): the supervision and hotline summaries as JSON or
//! CSV, served as published once a period is published.

use super::publish::Figures;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;
use utoipa::ToSchema;
use validator::Validate;

use super::publish::Kind;
use super::{
    ActivitySummary, Format, HotlineSummary, IndicatorsAnswer, IndicatorsQuery, PeriodQuery,
    commands, render,
};
use crate::auth::{Auth, StaffOnly};
use crate::db::Db;
use crate::domain::periods::Period;
use crate::error::{AppError, ErrorBody, FieldErrors, Missing};
use crate::http::{ValidJson, ValidQuery, cache};

async fn serve(db: &Db, kind: Kind, query: PeriodQuery) -> Result<HttpResponse, AppError> {
    let period = query.period()?;
    let fresh = query.fresh.unwrap_or(false);
    let format = query.format.unwrap_or(Format::Json);
    let served = commands::served(db, kind, period, fresh).await?;
    Ok(match format {
        Format::Json => HttpResponse::Ok().json(served),
        Format::Csv => csv_answer(kind, period, &served.figures),
    })
}

/// The API's CSV of a summary (`format=csv`).
fn csv_answer(kind: Kind, period: Period, figures: &Figures) -> HttpResponse {
    csv_file(render::kind_name(kind), period, figures)
}

/// `period,measure,value`, one row a figure, as the file `{name}-{period}.csv`.
fn csv_file(name: &str, period: Period, figures: &impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}-{}.csv\"", period.id()),
        ))
        .body(render::csv(&period.id(), figures))
}

/// The supervision summary (seed 001's tables): per regime, leak incidents and actions.
#[utoipa::path(get, path = "/api/v1/stats/activity", operation_id = "activity_summary", tag = "statistics", params(PeriodQuery),
    responses((status = 200, description = "the figures; `format=csv`: one row a figure, `period,measure,value`", content((ActivitySummary = "application/json"), (String = "text/csv"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/stats/activity")]
pub async fn activity(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    serve(&db, Kind::Activity, query.into_inner()?).await
}

/// The hotline summary (seed 000's tables): desks × classes, categories, daily averages.
#[utoipa::path(get, path = "/api/v1/stats/consultations", operation_id = "consultations_summary", tag = "statistics", params(PeriodQuery),
    responses((status = 200, description = "the figures; `format=csv`: one row a figure, `period,measure,value`", content((HotlineSummary = "application/json"), (String = "text/csv"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/stats/consultations")]
pub async fn consultations(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    serve(&db, Kind::Consultations, query.into_inner()?).await
}

/// The indicators over the incidents first received in the period: on-time shares, days to
/// report, causes, entity groups, prefectures, overdue now.
#[utoipa::path(get, path = "/api/v1/stats/indicators", operation_id = "indicators", tag = "statistics", params(IndicatorsQuery),
    responses((status = 200, description = "the figures; `format=csv`: one row a figure, `period,measure,value`", content((IndicatorsAnswer = "application/json"), (String = "text/csv"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/stats/indicators")]
pub async fn indicators(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<IndicatorsQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner()?;
    let period = query.period()?;
    let answer = commands::indicators(&db, period, crate::clock::today_in_japan()).await?;
    Ok(match query.format.unwrap_or(Format::Json) {
        Format::Json => HttpResponse::Ok().json(answer),
        Format::Csv => {
            let figures = serde_json::to_value(&answer.indicators).map_err(AppError::internal)?;
            csv_file("indicators", period, &figures)
        }
    })
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    /// A named period: `FY2019-H1`, `FY2025-Q1` …
    #[validate(length(min = 1, max = 20))]
    #[schema(format = "period")]
    pub period: String,
}

async fn publish_kind(
    auth: &Auth<StaffOnly>,
    db: &Db,
    kind: Kind,
    request: PublishRequest,
) -> Result<HttpResponse, AppError> {
    let period =
        Period::parse(&request.period).map_err(|e| FieldErrors::single("period", e.refusal()))?;
    let served = commands::publish(db, auth.actor(), kind, period).await?;
    Ok(HttpResponse::Created().json(served))
}

/// Publishes a period's supervision summary: its figures are frozen as they are now.
#[utoipa::path(post, path = "/api/v1/stats/activity/publications", tag = "statistics", request_body = PublishRequest,
    responses((status = 201, body = ActivitySummary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/stats/activity/publications")]
pub async fn publish_activity(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<PublishRequest>,
) -> Result<HttpResponse, AppError> {
    publish_kind(&auth, &db, Kind::Activity, body.into_inner()?).await
}

/// Publishes a period's hotline summary.
#[utoipa::path(post, path = "/api/v1/stats/consultations/publications", tag = "statistics", request_body = PublishRequest,
    responses((status = 201, body = HotlineSummary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/stats/consultations/publications")]
pub async fn publish_consultations(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<PublishRequest>,
) -> Result<HttpResponse, AppError> {
    publish_kind(&auth, &db, Kind::Consultations, body.into_inner()?).await
}

/// The period of a published summary.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublishedQuery {
    /// A named period: `FY2019-H1`, `FY2025-Q1` …
    #[param(format = "period")]
    pub period: String,
}

/// A supervision summary as published: the frozen figures and when they were published.
#[derive(Serialize, ToSchema)]
pub struct PublishedActivity {
    #[serde(flatten)]
    pub summary: ActivitySummary,
    #[serde(serialize_with = "crate::clock::instant")]
    pub published_at: chrono::NaiveDateTime,
}

/// A hotline summary as published.
#[derive(Serialize, ToSchema)]
pub struct PublishedConsultations {
    #[serde(flatten)]
    pub summary: HotlineSummary,
    #[serde(serialize_with = "crate::clock::instant")]
    pub published_at: chrono::NaiveDateTime,
}

/// The half-year report as published: the frozen figures, when, and the errata beside them.
#[derive(Serialize, ToSchema)]
pub struct PublishedReport {
    #[serde(flatten)]
    pub report: super::ActivityReport,
    #[serde(serialize_with = "crate::clock::instant")]
    pub published_at: chrono::NaiveDateTime,
    /// 正誤表, oldest first: the frozen figures are never changed.
    pub errata: Vec<super::publish::Erratum>,
}

/// A published summary's frozen figures as JSON, tagged and cacheable; 404 when not published.
async fn published_json(
    req: &HttpRequest,
    db: &Db,
    kind: Kind,
    query: PublishedQuery,
) -> Result<HttpResponse, AppError> {
    let period =
        Period::parse(&query.period).map_err(|e| FieldErrors::single("period", e.refusal()))?;
    let published = commands::published(db, kind, period, 1)
        .await?
        .pop()
        .ok_or(AppError::NotFound(Missing::Statistics))?;
    let published_at = published.published_at;
    let body = match published.figures {
        Figures::Activity(summary) => serde_json::to_vec(&PublishedActivity {
            summary,
            published_at,
        }),
        Figures::Consultations(summary) => serde_json::to_vec(&PublishedConsultations {
            summary,
            published_at,
        }),
        Figures::Report(report) => serde_json::to_vec(&PublishedReport {
            report: *report,
            published_at,
            errata: commands::errata(db, kind, period).await?,
        }),
    }
    .map_err(AppError::internal)?;
    let mut builder = HttpResponse::Ok();
    builder.content_type("application/json");
    Ok(cache::public(req, builder, body))
}

/// A published period's supervision summary, for anyone: the figures as frozen at publication
/// (later corrections do not show); 404 for a period not published.
#[utoipa::path(get, path = "/api/v1/public/stats/activity", operation_id = "public_activity_summary", tag = "public", params(PublishedQuery),
    responses((status = 200, body = PublishedActivity, description = "the published figures; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current answer"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[get("/api/v1/public/stats/activity")]
pub async fn public_activity(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublishedQuery>,
) -> Result<HttpResponse, AppError> {
    published_json(&req, &db, Kind::Activity, query.into_inner()?).await
}

/// A published period's hotline summary, for anyone.
#[utoipa::path(get, path = "/api/v1/public/stats/consultations", operation_id = "public_consultations_summary", tag = "public", params(PublishedQuery),
    responses((status = 200, body = PublishedConsultations, description = "the published figures; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current answer"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[get("/api/v1/public/stats/consultations")]
pub async fn public_consultations(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublishedQuery>,
) -> Result<HttpResponse, AppError> {
    published_json(&req, &db, Kind::Consultations, query.into_inner()?).await
}

/// The half-year activity report, whole (seed 001): registers, outreach, the desks' tables,
/// supervision, My Number oversight and the other laws, each figure counted to the period's last
/// day (fiscal-year-to-date figures from its 1 April); once published, the frozen report with
/// what changed since and its errata.
#[utoipa::path(get, path = "/api/v1/stats/activity-report", operation_id = "activity_report", tag = "statistics", params(PeriodQuery),
    responses((status = 200, description = "the report; `format=csv`: one row a figure, `period,measure,value`", content((super::ActivityReport = "application/json"), (String = "text/csv"))), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/stats/activity-report")]
pub async fn activity_report(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    serve(&db, Kind::Report, query.into_inner()?).await
}

/// Publishes a period's half-year report: it is frozen as it is now, and the public sees it.
#[utoipa::path(post, path = "/api/v1/stats/activity-report/publications", tag = "statistics", request_body = PublishRequest,
    responses((status = 201, body = super::ActivityReport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/stats/activity-report/publications")]
pub async fn publish_activity_report(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<PublishRequest>,
) -> Result<HttpResponse, AppError> {
    publish_kind(&auth, &db, Kind::Report, body.into_inner()?).await
}

/// An erratum (正誤表) to a published half-year report.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewErratum {
    /// The published period: `FY2019-H1` …
    #[validate(length(min = 1, max = 20))]
    #[schema(format = "period")]
    pub period: String,
    /// The figure corrected, as the report names it (e.g. `registers.optout_notifications`, or
    /// the table's heading and row).
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 200)]
    pub figure: String,
    /// 誤: as published.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 200)]
    pub published_value: String,
    /// 正: as it should read.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 200)]
    pub corrected_value: String,
    /// Why it was wrong.
    #[validate(
        length(min = 1, max = 2000),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 2000)]
    pub reason: String,
    /// The day of the correction (default today; not in the future).
    pub corrected_on: Option<chrono::NaiveDate>,
}

impl NewErratum {
    /// The period and the correction it asks for, or the fields refused.
    pub fn correction(
        self,
        today: chrono::NaiveDate,
    ) -> Result<(Period, super::publish::Correction), AppError> {
        let mut errors = crate::error::FieldErrors::new();
        let period = Period::parse(&self.period);
        if let Err(e) = &period {
            errors.add("period", e.refusal());
        }
        let corrected_on = self.corrected_on.unwrap_or(today);
        if corrected_on > today {
            errors.add("corrected_on", crate::error::Refusal::InFuture);
        }
        if self.published_value.trim() == self.corrected_value.trim() {
            errors.add("corrected_value", crate::error::Refusal::ErratumUnchanged);
        }
        errors.into_result()?;
        let period = period.map_err(|e| FieldErrors::single("period", e.refusal()))?;
        Ok((
            period,
            super::publish::Correction {
                figure: self.figure.trim().to_owned(),
                published_value: self.published_value.trim().to_owned(),
                corrected_value: self.corrected_value.trim().to_owned(),
                reason: self.reason.trim().to_owned(),
                corrected_on,
            },
        ))
    }
}

/// Corrects a published half-year report by an erratum (正誤表: what, from, to, when, why); the
/// frozen report is kept and shown with it. 409 when the period is not published.
#[utoipa::path(post, path = "/api/v1/stats/activity-report/errata", tag = "statistics", request_body = NewErratum,
    responses((status = 201, body = super::publish::Erratum), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/stats/activity-report/errata")]
pub async fn correct_activity_report(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewErratum>,
) -> Result<HttpResponse, AppError> {
    let (period, correction) = body
        .into_inner()?
        .correction(crate::clock::today_in_japan())?;
    let erratum = commands::correct(&db, auth.actor(), Kind::Report, period, correction).await?;
    Ok(HttpResponse::Created().json(erratum))
}

/// A published half-year report, for anyone: frozen as published, with its errata; 404 for a
/// period not published.
#[utoipa::path(get, path = "/api/v1/public/stats/activity-report", operation_id = "public_activity_report", tag = "public", params(PublishedQuery),
    responses((status = 200, body = PublishedReport, description = "the published report; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current answer"), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
#[get("/api/v1/public/stats/activity-report")]
pub async fn public_activity_report(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublishedQuery>,
) -> Result<HttpResponse, AppError> {
    published_json(&req, &db, Kind::Report, query.into_inner()?).await
}
