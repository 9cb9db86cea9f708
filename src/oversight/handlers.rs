//! HTTP handlers of oversight (API.md "Version 3", Oversight): thin — extract, call the command
//! or the read, answer.

use actix_web::{HttpResponse, get, post, put, web};

use super::agenda::{self, Agenda, NewAgenda, PublicMeeting, PublicMeetingFilter};
use super::events::{self, Event, EventFilter, NewEvent};
use super::periodic::{
    self, NewPeriodicReport, NewQuestionnaire, PeriodicAmendment, PeriodicReport, Questionnaire,
    ReportFilter, Submission, Summary, SummaryQuery,
};
use super::pia::{
    self, Evaluation, EvaluationAmendment, EvaluationFilter, NewApproval, NewEvaluation,
    NewPublication, NewRemark, Remark,
};
use super::plans::{self, NewPlan, Plan, PlanFilter, PlanView};
use super::reviewed::{self, NewReview, Review, Reviewed, Version};
use super::{CoverageQuery, InspectionsQuery, commands};
use crate::auth::{Auth, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::oversight::{Coverage, InspectionCounts};
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Items, Page, ValidJson, ValidQuery};
use crate::notify::MailSettings;

/// My Number on-site inspections by type, started in a period (an inspection continued from an
/// earlier period not counted again).
#[utoipa::path(
    get, path = "/api/v1/oversight/inspections", operation_id = "inspections_by_type", tag = "oversight",
    params(InspectionsQuery),
    responses(
        (status = 200, body = InspectionCounts),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/oversight/inspections")]
pub async fn inspections(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<InspectionsQuery>,
) -> Result<HttpResponse, AppError> {
    let (from, to) = query.into_inner()?.period()?.bounds();
    let counts = db
        .read(move |conn| super::inspections(conn, from, to))
        .await?;
    Ok(HttpResponse::Ok().json(counts))
}

/// The prefectures a round has reached: a review inspection of a body in it, or a
/// safety-measures seminar held in it, from `since` to `as_of`.
#[utoipa::path(
    get, path = "/api/v1/oversight/coverage", operation_id = "prefecture_coverage", tag = "oversight",
    params(CoverageQuery),
    responses(
        (status = 200, body = Coverage),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/oversight/coverage")]
pub async fn coverage(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<CoverageQuery>,
) -> Result<HttpResponse, AppError> {
    let (since, as_of) = query.into_inner()?.days()?;
    let coverage = db
        .read(move |conn| super::reached(conn, since, as_of))
        .await?;
    Ok(HttpResponse::Ok().json(coverage))
}

/// Records an outreach event (講師派遣, a seminar, a safety-measures seminar).
#[utoipa::path(
    post, path = "/api/v1/events", operation_id = "record_event", tag = "oversight",
    request_body = NewEvent,
    responses(
        (status = 201, body = Event),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/events")]
pub async fn record_event(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewEvent>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let event = commands::record_event(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(event))
}

/// The events, newest first.
#[utoipa::path(
    get, path = "/api/v1/events", operation_id = "list_events", tag = "oversight",
    params(EventFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Event>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/events")]
pub async fn list_events(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<EventFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    crate::http::download::api_list(&db, "events", filter, events::list).await
}

/// One event.
#[utoipa::path(
    get, path = "/api/v1/events/{id}", operation_id = "read_event", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = Event), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/events/{id}")]
pub async fn read_event(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let event = db
        .read(move |conn| events::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Event))?;
    Ok(HttpResponse::Ok().json(event))
}

/// Records a yearly inspection plan (検査計画) with the inspections it plans.
#[utoipa::path(
    post, path = "/api/v1/inspection-plans", operation_id = "adopt_inspection_plan", tag = "oversight",
    request_body = NewPlan,
    responses(
        (status = 201, body = PlanView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/inspection-plans")]
pub async fn adopt_plan(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewPlan>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let plan = commands::adopt_plan(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(plan))
}

/// The inspection plans, newest year first.
#[utoipa::path(
    get, path = "/api/v1/inspection-plans", operation_id = "list_inspection_plans", tag = "oversight",
    params(PlanFilter),
    responses((status = 200, body = inline(Page<Plan>)), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/inspection-plans")]
pub async fn list_plans(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<PlanFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let page = db.read(move |conn| plans::list(conn, &filter)).await?;
    Ok(HttpResponse::Ok().json(page))
}

/// A plan with each item planned and done.
#[utoipa::path(
    get, path = "/api/v1/inspection-plans/{id}", operation_id = "read_inspection_plan", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = PlanView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/inspection-plans/{id}")]
pub async fn read_plan(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let plan = db
        .read(move |conn| plans::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::InspectionPlan))?;
    Ok(HttpResponse::Ok().json(plan))
}

/// Publishes a fiscal year's questionnaire for the periodic reports (定期的な報告).
#[utoipa::path(
    post, path = "/api/v1/periodic-questionnaires", operation_id = "publish_periodic_questionnaire", tag = "oversight",
    request_body = NewQuestionnaire,
    responses(
        (status = 201, body = Questionnaire),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "the year has its questionnaire", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/periodic-questionnaires")]
pub async fn publish_questionnaire(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewQuestionnaire>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let questionnaire = commands::publish_questionnaire(&db, &auth, new).await?;
    Ok(HttpResponse::Created().json(questionnaire))
}

/// The questionnaires, newest year first; any signed-in user (a body answers them).
#[utoipa::path(
    get, path = "/api/v1/periodic-questionnaires", operation_id = "list_periodic_questionnaires", tag = "oversight",
    responses((status = 200, body = inline(Items<Questionnaire>)), (status = 401, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-questionnaires")]
pub async fn list_questionnaires(_auth: Auth, db: web::Data<Db>) -> Result<HttpResponse, AppError> {
    let items = db.read(periodic::questionnaires).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// One questionnaire.
#[utoipa::path(
    get, path = "/api/v1/periodic-questionnaires/{id}", operation_id = "read_periodic_questionnaire", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = Questionnaire), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-questionnaires/{id}")]
pub async fn read_questionnaire(
    _auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let questionnaire = db
        .read(move |conn| periodic::find_questionnaire(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
    Ok(HttpResponse::Ok().json(questionnaire))
}

/// A questionnaire on a day: reports received and accepted, the public bodies that have not
/// answered, and each item's answers.
#[utoipa::path(
    get, path = "/api/v1/periodic-questionnaires/{id}/summary", operation_id = "periodic_summary", tag = "oversight",
    params(("id" = i64, Path), SummaryQuery),
    responses((status = 200, body = Summary), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-questionnaires/{id}/summary")]
pub async fn periodic_summary(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    query: ValidQuery<SummaryQuery>,
) -> Result<HttpResponse, AppError> {
    let (id, as_of) = (
        id.into_inner(),
        query.into_inner()?.as_of.unwrap_or_else(today),
    );
    let summary = db
        .read(move |conn| {
            let questionnaire = periodic::find_questionnaire(conn, id)?
                .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
            periodic::summary(conn, &questionnaire, as_of)
        })
        .await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// Files a body's periodic report: a reporter for its organization, or staff; `draft: true`
/// keeps it unsubmitted.
#[utoipa::path(
    post, path = "/api/v1/periodic-reports", operation_id = "file_periodic_report", tag = "oversight",
    request_body = NewPeriodicReport,
    responses(
        (status = 201, body = PeriodicReport),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "the body has answered this questionnaire", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/periodic-reports")]
pub async fn file_periodic_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    body: ValidJson<NewPeriodicReport>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let report = commands::file_periodic_report(&db, &auth, mail, new, today()).await?;
    Ok(HttpResponse::Created().json(report))
}

/// Periodic reports, newest first; a reporter's list holds only its organization's.
#[utoipa::path(
    get, path = "/api/v1/periodic-reports", operation_id = "list_periodic_reports", tag = "oversight",
    params(ReportFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<PeriodicReport>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-reports")]
pub async fn list_periodic_reports(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<ReportFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer) = (filter.into_inner()?, auth.principal.clone());
    crate::http::download::api_list(&db, "periodic-reports", filter, move |conn, filter| {
        periodic::list(conn, &viewer, filter)
    })
    .await
}

/// One periodic report; a reporter reads only its organization's (others answer 404).
#[utoipa::path(
    get, path = "/api/v1/periodic-reports/{id}", operation_id = "read_periodic_report", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = PeriodicReport), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-reports/{id}")]
pub async fn read_periodic_report(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let report = commands::readable_report(&db, &auth, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Submits a drafted report: every item answered.
#[utoipa::path(
    post, path = "/api/v1/periodic-reports/{id}/submit", operation_id = "submit_periodic_report", tag = "oversight",
    params(("id" = i64, Path)),
    request_body(content = Submission, description = "optional: `submitted_on` (staff)"),
    responses(
        (status = 200, body = PeriodicReport),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "submitted already", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/periodic-reports/{id}/submit")]
pub async fn submit_periodic_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<Submission>,
) -> Result<HttpResponse, AppError> {
    let submission = body.into_inner_or_default()?;
    let report = commands::readable_report(&db, &auth, id.into_inner()).await?;
    let mail = MailSettings::from(&config.mail);
    let report =
        commands::submit_periodic_report(&db, &auth, mail, &report, submission, today()).await?;
    Ok(HttpResponse::Ok().json(report))
}

/// Amends a report until it is accepted: a draft in place, a submitted one as its next version
/// (with a `reason`), received for review again.
#[utoipa::path(
    post, path = "/api/v1/periodic-reports/{id}/amendments", operation_id = "amend_periodic_report", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = PeriodicAmendment,
    responses(
        (status = 201, body = PeriodicReport),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "accepted already, or nothing changed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/periodic-reports/{id}/amendments")]
pub async fn amend_periodic_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<PeriodicAmendment>,
) -> Result<HttpResponse, AppError> {
    let amendment = body.into_inner()?;
    let report = commands::readable_report(&db, &auth, id.into_inner()).await?;
    let mail = MailSettings::from(&config.mail);
    let report =
        commands::amend_periodic_report(&db, &auth, mail, &report, amendment, today()).await?;
    Ok(HttpResponse::Created().json(report))
}

/// Staff's decision on a submitted report's current version; the body is told by mail.
#[utoipa::path(
    post, path = "/api/v1/periodic-reports/{id}/reviews", operation_id = "review_periodic_report", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = NewReview,
    responses(
        (status = 201, body = Review),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "a draft, or not awaiting a decision", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/periodic-reports/{id}/reviews")]
pub async fn review_periodic_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<NewReview>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let report = commands::readable_report(&db, &auth, id.into_inner()).await?;
    let mail = MailSettings::from(&config.mail);
    let review = commands::review_periodic_report(&db, &auth, mail, &report, new, today()).await?;
    Ok(HttpResponse::Created().json(review))
}

/// A report's submitted versions, oldest first, each whole with the fields it changed.
#[utoipa::path(
    get, path = "/api/v1/periodic-reports/{id}/versions", operation_id = "periodic_report_versions", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Version>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-reports/{id}/versions")]
pub async fn periodic_report_versions(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = commands::readable_report(&db, &auth, id.into_inner())
        .await?
        .id;
    let items = db
        .read(move |conn| reviewed::versions_of(conn, Reviewed::PeriodicReport, id))
        .await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// The decisions on a report, oldest first.
#[utoipa::path(
    get, path = "/api/v1/periodic-reports/{id}/reviews", operation_id = "list_periodic_report_reviews", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Review>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/periodic-reports/{id}/reviews")]
pub async fn periodic_report_reviews(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = commands::readable_report(&db, &auth, id.into_inner())
        .await?
        .id;
    let items = db
        .read(move |conn| reviewed::reviews_of(conn, Reviewed::PeriodicReport, id))
        .await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// Files an assessment (特定個人情報保護評価書): a reporter for its organization, or staff. A
/// newer assessment of the same body and task supersedes the last.
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations", operation_id = "file_pia_evaluation", tag = "oversight",
    request_body = NewEvaluation,
    responses(
        (status = 201, body = Evaluation),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations")]
pub async fn file_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    body: ValidJson<NewEvaluation>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let evaluation = commands::file_evaluation(&db, &auth, mail, new, today()).await?;
    Ok(HttpResponse::Created().json(evaluation))
}

/// Assessments, newest first; `reassessment_due=true` lists those whose five years since
/// publication are ending (再実施). A reporter's list holds only its organization's.
#[utoipa::path(
    get, path = "/api/v1/pia-evaluations", operation_id = "list_pia_evaluations", tag = "oversight",
    params(EvaluationFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Evaluation>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/pia-evaluations")]
pub async fn list_evaluations(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<EvaluationFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer, today) = (filter.into_inner()?, auth.principal.clone(), today());
    crate::http::download::api_list(&db, "pia-evaluations", filter, move |conn, filter| {
        pia::list(conn, &viewer, filter, today)
    })
    .await
}

/// One assessment with its remarks; a reporter reads only its organization's.
#[utoipa::path(
    get, path = "/api/v1/pia-evaluations/{id}", operation_id = "read_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = Evaluation), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/pia-evaluations/{id}")]
pub async fn read_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    Ok(HttpResponse::Ok().json(evaluation))
}

/// An assessment's versions, oldest first, each whole with the fields it changed.
#[utoipa::path(
    get, path = "/api/v1/pia-evaluations/{id}/versions", operation_id = "pia_evaluation_versions", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Version>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/pia-evaluations/{id}/versions")]
pub async fn evaluation_versions(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = commands::readable_evaluation(&db, &auth, id.into_inner(), today())
        .await?
        .id;
    let items = db
        .read(move |conn| reviewed::versions_of(conn, Reviewed::PiaEvaluation, id))
        .await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// The decisions on an assessment, oldest first.
#[utoipa::path(
    get, path = "/api/v1/pia-evaluations/{id}/reviews", operation_id = "list_pia_evaluation_reviews", tag = "oversight",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Review>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/pia-evaluations/{id}/reviews")]
pub async fn evaluation_reviews(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = commands::readable_evaluation(&db, &auth, id.into_inner(), today())
        .await?
        .id;
    let items = db
        .read(move |conn| reviewed::reviews_of(conn, Reviewed::PiaEvaluation, id))
        .await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// Amends an assessment under review (its next version, with a `reason`).
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations/{id}/amendments", operation_id = "amend_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = EvaluationAmendment,
    responses(
        (status = 201, body = Evaluation),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "accepted or superseded, or nothing changed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations/{id}/amendments")]
pub async fn amend_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<EvaluationAmendment>,
) -> Result<HttpResponse, AppError> {
    let amendment = body.into_inner()?;
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    let mail = MailSettings::from(&config.mail);
    let evaluation =
        commands::amend_evaluation(&db, &auth, mail, &evaluation, amendment, today()).await?;
    Ok(HttpResponse::Created().json(evaluation))
}

/// Staff's decision on an assessment's current version (審査).
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations/{id}/reviews", operation_id = "review_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = NewReview,
    responses(
        (status = 201, body = Review),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not awaiting a decision, or superseded", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations/{id}/reviews")]
pub async fn review_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<NewReview>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    let mail = MailSettings::from(&config.mail);
    let review = commands::review_evaluation(&db, &auth, mail, &evaluation, new, today()).await?;
    Ok(HttpResponse::Created().json(review))
}

/// Records the Commission's remarks on an assessment (審査記載事項; staff).
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations/{id}/remarks", operation_id = "remark_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = NewRemark,
    responses(
        (status = 201, body = Remark),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "superseded", body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations/{id}/remarks")]
pub async fn remark_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewRemark>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    let remark = commands::remark(&db, &auth, &evaluation, new, today()).await?;
    Ok(HttpResponse::Created().json(remark))
}

/// Records a national body's full assessment approved at a meeting's agenda item (承認,
/// 番号利用法第28条第2項; staff).
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations/{id}/approval", operation_id = "approve_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = NewApproval,
    responses(
        (status = 200, body = Evaluation),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "approved already, superseded, or not an assessment the Commission approves (a full one of a national body)", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations/{id}/approval")]
pub async fn approve_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewApproval>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    let evaluation = commands::approve(&db, &auth, &evaluation, new, today()).await?;
    Ok(HttpResponse::Ok().json(evaluation))
}

/// Records the day an assessment was published (公表): staff, or the body.
#[utoipa::path(
    post, path = "/api/v1/pia-evaluations/{id}/publication", operation_id = "publish_pia_evaluation", tag = "oversight",
    params(("id" = i64, Path)),
    request_body = NewPublication,
    responses(
        (status = 200, body = Evaluation),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "published already, or superseded", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/pia-evaluations/{id}/publication")]
pub async fn publish_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewPublication>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let evaluation = commands::readable_evaluation(&db, &auth, id.into_inner(), today()).await?;
    let evaluation = commands::publish_evaluation(&db, &auth, &evaluation, new, today()).await?;
    Ok(HttpResponse::Ok().json(evaluation))
}

/// Sets a meeting's agenda, its items in order (an item's id survives a PUT that keeps it).
#[utoipa::path(
    put, path = "/api/v1/meetings/{number}/agenda", operation_id = "set_meeting_agenda", tag = "oversight",
    params(("number" = i32, Path, description = "the meeting's number (第244回 → 244)")),
    request_body = NewAgenda,
    responses(
        (status = 200, body = Agenda),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[put("/api/v1/meetings/{number}/agenda")]
pub async fn set_agenda(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    number: web::Path<i32>,
    body: ValidJson<NewAgenda>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let agenda = commands::set_agenda(&db, &auth, number.into_inner(), new).await?;
    Ok(HttpResponse::Ok().json(agenda))
}

/// A meeting's agenda, with the records each item concerns.
#[utoipa::path(
    get, path = "/api/v1/meetings/{number}/agenda", operation_id = "read_meeting_agenda", tag = "oversight",
    params(("number" = i32, Path, description = "the meeting's number (第244回 → 244)")),
    responses((status = 200, body = Agenda), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/meetings/{number}/agenda")]
pub async fn read_agenda(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    number: web::Path<i32>,
) -> Result<HttpResponse, AppError> {
    let number = number.into_inner();
    let agenda = db
        .read(move |conn| agenda::agenda(conn, number))
        .await?
        .ok_or(AppError::NotFound(Missing::Meeting))?;
    Ok(HttpResponse::Ok().json(agenda))
}

/// The held meetings, newest first, with their items in order; a closed item shows its title and
/// 「（内容について非公表）」 in place of everything else. No token needed.
#[utoipa::path(
    get, path = "/api/v1/public/meetings", operation_id = "public_meetings", tag = "oversight",
    params(PublicMeetingFilter),
    responses((status = 200, body = inline(Page<PublicMeeting>)), (status = 422, body = ErrorBody)),
)]
#[get("/api/v1/public/meetings")]
pub async fn public_meetings(
    db: web::Data<Db>,
    filter: ValidQuery<PublicMeetingFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, today) = (filter.into_inner()?, today());
    let page = db
        .read(move |conn| agenda::public(conn, &filter, today))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// An open agenda item's material, once its day has come; no token needed.
#[utoipa::path(
    get, path = "/api/v1/public/meetings/materials/{id}", operation_id = "public_meeting_material", tag = "oversight",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "the file as attached, `Content-Disposition: attachment` with its name; the ETag is its SHA-256",
            content(
                (Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                (Vec<u8> = "text/plain"), (Vec<u8> = "text/csv"))),
        (status = 404, description = "no such material, a closed item's, or not published yet", body = ErrorBody),
    )
)]
#[get("/api/v1/public/meetings/materials/{id}")]
pub async fn public_material(
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let file = db
        .read(move |conn| agenda::public_material(conn, id, today))
        .await?
        .ok_or(AppError::NotFound(Missing::Attachment))?;
    Ok(crate::files::download::respond(&db, &file))
}
