//! HTTP handlers for reports and incidents (API.md).

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};

use super::commands;
use super::review::{Amendment, NewReview, ReportVersion, Review};
use super::{
    ClassificationChange, IncidentFilter, IncidentView, NewReport, ReportFilter, ReportView,
    idempotency, store,
};
use crate::auth::{Auth, Bearer, StaffOnly};
use crate::db::{Db, DbConnection};
use crate::error::{AppError, ErrorBody, Missing};
use crate::http::{Items, Page, ValidJson, ValidQuery};
use crate::reads::{Read, ReadLog};

use crate::clock::today_in_japan as today;

/// Files a leak report (速報 or 確報). A reporter files for its own organization only; staff for
/// any, and may back-fill `received_on`. With an `Idempotency-Key`, a retry answers the first
/// answer (with `Idempotent-Replayed: true`) and files nothing new.
#[utoipa::path(
    post, path = "/api/v1/reports", operation_id = "file_report", tag = "reports",
    request_body = NewReport,
    params(("Idempotency-Key" = Option<String>, Header, description = "makes retries safe")),
    responses(
        (status = 201, body = ReportView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 409, description = "the incident already has its final report, or the key was used for another request", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/reports")]
pub async fn file(
    req: HttpRequest,
    bearer: Bearer,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
    body: ValidJson<NewReport>,
) -> Result<HttpResponse, AppError> {
    let (new, key) = match (body.into_inner(), idempotency::key_of(&req)) {
        (Ok(new), Ok(key)) => (new, key),
        // Who is asking is answered first (401 before 422), as by every handler.
        (Err(refusal), _) | (_, Err(refusal)) => {
            bearer.resolve(&db).await?;
            return Err(refusal);
        }
    };
    let organization_id = new.organization_id;
    // The token is checked in the filing's own trip to the database (intake's hot path).
    let who = move |conn: &mut DbConnection| {
        let auth = bearer.authenticate(conn)?;
        auth.ensure_can_act_for(organization_id)?;
        let filer = commands::Filer {
            user_id: Some(auth.user_id),
            role: auth.role,
        };
        Ok((auth.actor(), filer))
    };
    let mail = crate::notify::MailSettings::from(&config.mail);
    let filed = commands::file(&db, who, mail, new, key, Vec::new(), today()).await?;
    let status = actix_web::http::StatusCode::from_u16(filed.status).map_err(AppError::internal)?;
    let mut answer = HttpResponse::build(status);
    if filed.replayed {
        answer.insert_header(("Idempotent-Replayed", "true"));
    }
    Ok(answer.content_type("application/json").body(filed.body))
}

/// One report; a reporter reads only its own organization's (others answer 404).
#[utoipa::path(
    get, path = "/api/v1/reports/{id}", operation_id = "read_report", tag = "reports",
    params(("id" = i64, Path)),
    responses((status = 200, body = ReportView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/reports/{id}")]
pub async fn read(
    auth: Auth,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let report = commands::readable(&db, &auth, id).await?;
    reads.record(auth.role, auth.actor(), Read::Report(id));
    Ok(HttpResponse::Ok().json(report.view()))
}

/// Reports in filing order; a reporter's list holds only its own organization's.
#[utoipa::path(
    get, path = "/api/v1/reports", operation_id = "list_reports", tag = "reports",
    params(ReportFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<ReportView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/reports")]
pub async fn list(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<ReportFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer, today) = (filter.into_inner()?, auth.principal.clone(), today());
    crate::http::download::api_list(&db, "reports", filter, move |conn, filter| {
        store::list_reports(conn, &viewer, filter, today)
    })
    .await
}

/// One incident: its chain of reports, status, next deadline and whether it is overdue.
#[utoipa::path(
    get, path = "/api/v1/incidents/{id}", tag = "reports",
    params(("id" = i64, Path)),
    responses((status = 200, body = IncidentView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/incidents/{id}")]
pub async fn read_incident(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let viewer = auth.principal.clone();
    let today = today();
    let view = db
        .read(move |conn| {
            let incident =
                store::find_incident(conn, id)?.ok_or(AppError::NotFound(Missing::Incident))?;
            viewer.ensure_can_access(incident.organization_id, Missing::Incident)?;
            store::incident_with_reports(conn, incident, today)
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Incidents in id order; `overdue=true` gives the reportable ones whose final report is late.
#[utoipa::path(
    get, path = "/api/v1/incidents", tag = "reports",
    params(IncidentFilter),
    responses((status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<IncidentView>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/incidents")]
pub async fn list_incidents(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<IncidentFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer, today) = (filter.into_inner()?, auth.principal.clone(), today());
    crate::http::download::api_list(&db, "incidents", filter, move |conn, filter| {
        store::list_incidents(conn, &viewer, filter, today)
    })
    .await
}

/// Overrides (or clears the override of) an incident's classification, with the reason.
#[utoipa::path(
    patch, path = "/api/v1/incidents/{id}/classification", tag = "reports",
    params(("id" = i64, Path)),
    request_body = ClassificationChange,
    responses(
        (status = 200, body = IncidentView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/v1/incidents/{id}/classification")]
pub async fn classify(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<ClassificationChange>,
) -> Result<HttpResponse, AppError> {
    let (id, change) = (id.into_inner(), body.into_inner()?);
    let today = today();
    let view = commands::override_classification(&db, auth.actor(), id, change, today).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Staff's decision on the report's current version: `accepted` (受理) or `revision_requested`
/// (補正依頼, with a comment and perhaps a due date); the entity is told by mail.
#[utoipa::path(
    post, path = "/api/v1/reports/{id}/reviews", operation_id = "review_report", tag = "reports",
    params(("id" = i64, Path)),
    request_body = NewReview,
    responses(
        (status = 201, body = Review),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/reports/{id}/reviews")]
pub async fn review_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
    id: web::Path<i64>,
    body: ValidJson<NewReview>,
) -> Result<HttpResponse, AppError> {
    // Another entity's report is not found, as for the report itself; the entity's own is not
    // its to review.
    let report = commands::reviewable(&db, &auth, id.into_inner()).await?;
    let new = body.into_inner()?;
    let mail = crate::notify::MailSettings::from(&config.mail);
    let review = commands::review_report(&db, &auth, mail, &report, new, today()).await?;
    Ok(HttpResponse::Created().json(review))
}

/// The reviews of a report, oldest first: staff, and the reporting entity (which reads what it
/// is asked to correct).
#[utoipa::path(
    get, path = "/api/v1/reports/{id}/reviews", operation_id = "list_reviews", tag = "reports",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Review>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/reports/{id}/reviews")]
pub async fn list_reviews(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let report = commands::readable(&db, &auth, id.into_inner()).await?;
    let items = commands::reviews(&db, &report).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// Amends a report (補正): the reporting entity or staff, with a `reason`; only the fields given
/// change. Answers the report as amended — same id and reference, `version` + 1, the law
/// re-applied to its facts, `review_status` back to `received`.
#[utoipa::path(
    post, path = "/api/v1/reports/{id}/amendments", operation_id = "amend_report", tag = "reports",
    params(("id" = i64, Path)),
    request_body = Amendment,
    responses(
        (status = 201, body = ReportView),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/reports/{id}/amendments")]
pub async fn amend(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<crate::config::Config>,
    id: web::Path<i64>,
    body: ValidJson<Amendment>,
) -> Result<HttpResponse, AppError> {
    let report = commands::readable(&db, &auth, id.into_inner()).await?;
    let amendment = body.into_inner()?;
    let mail = crate::notify::MailSettings::from(&config.mail);
    let amended = commands::amend_report(&db, &auth, mail, &report, amendment, today()).await?;
    Ok(HttpResponse::Created().json(amended))
}

/// Every version of a report, oldest first, each whole, with the fields changed from the one
/// before.
#[utoipa::path(
    get, path = "/api/v1/reports/{id}/versions", operation_id = "list_versions", tag = "reports",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<ReportVersion>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/reports/{id}/versions")]
pub async fn list_versions(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let report = commands::readable(&db, &auth, id.into_inner()).await?;
    let items = commands::versions(&db, report).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}
