//! HTTP handlers of the registers (API.md "Version 3", Registers): thin — extract, call the
//! command, answer.

use actix_web::{HttpResponse, get, patch, post, web};

use super::anonymised::{self, AnonymisedPublication, NewPublication, PublicationFilter};
use super::bodies::{
    self, AccreditedBody, BodyChanges, BodyFilter, NewBody, PublicBody, PublicBodyFilter,
    Revocation,
};
use super::campaigns::{
    CampaignView, NewCampaign, NewConfirmation, OptoutCampaign, OptoutConfirmation,
};
use super::guidelines::{self, Guideline, GuidelineForm, NewGuideline};
use super::optout::{
    self, NewNotification, NewOptoutReview, Notification, NotificationFilter, OptoutAmendment,
    OptoutChange, OptoutReview, OptoutVersion, OptoutWithdrawal, PublicFilter, PublicNotification,
};
use super::{RegistersSummary, SummaryQuery, commands};
use crate::auth::{Auth, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::error::{AppError, ErrorBody, FieldErrors, Missing, Refusal};
use crate::http::{Items, Page, ValidJson, ValidQuery};
use crate::notify::MailSettings;

/// Files an opt-out notification (オプトアウト届出): a reporter for its organization, or staff.
#[utoipa::path(
    post, path = "/api/v1/optout-notifications", operation_id = "file_optout_notification", tag = "registers",
    request_body = NewNotification,
    responses(
        (status = 201, body = Notification),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications")]
pub async fn file(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    body: ValidJson<NewNotification>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let notification = commands::notify(&db, &auth, mail, new, today()).await?;
    Ok(HttpResponse::Created().json(notification))
}

/// Opt-out notifications in id order; a reporter's list holds only its organization's.
#[utoipa::path(
    get, path = "/api/v1/optout-notifications", operation_id = "list_optout_notifications", tag = "registers",
    params(NotificationFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<Notification>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-notifications")]
pub async fn list(
    auth: Auth,
    db: web::Data<Db>,
    filter: ValidQuery<NotificationFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, viewer, today) = (filter.into_inner()?, auth.principal.clone(), today());
    crate::http::download::api_list(&db, "optout-notifications", filter, move |conn, filter| {
        optout::list(conn, &viewer, filter, today)
    })
    .await
}

/// One opt-out notification; a reporter reads only its organization's (others answer 404).
#[utoipa::path(
    get, path = "/api/v1/optout-notifications/{id}", operation_id = "read_optout_notification", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = Notification), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-notifications/{id}")]
pub async fn read(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    Ok(HttpResponse::Ok().json(notification.0))
}

/// Every version of a notification, oldest first, each whole.
#[utoipa::path(
    get, path = "/api/v1/optout-notifications/{id}/versions", operation_id = "list_optout_versions", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<OptoutVersion>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-notifications/{id}/versions")]
pub async fn versions(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let items = commands::versions(&db, &notification).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// The reviews of a notification, oldest first.
#[utoipa::path(
    get, path = "/api/v1/optout-notifications/{id}/reviews", operation_id = "list_optout_reviews", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<OptoutReview>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-notifications/{id}/reviews")]
pub async fn reviews(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let items = commands::reviews(&db, &notification).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// Staff's decision on the current version: `accepted` (受理: published in the register) or
/// `revision_requested` (補正依頼, with a `comment`). The notifier is told by mail.
#[utoipa::path(
    post, path = "/api/v1/optout-notifications/{id}/reviews", operation_id = "review_optout_notification", tag = "registers",
    params(("id" = i64, Path)),
    request_body = NewOptoutReview,
    responses(
        (status = 201, body = OptoutReview),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "not awaiting a decision, or withdrawn", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications/{id}/reviews")]
pub async fn review(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<NewOptoutReview>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let new = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let review = commands::review(&db, &auth, mail, &notification, new, today()).await?;
    Ok(HttpResponse::Created().json(review))
}

/// Amends the filing under review (補正), with its `reason`: a new version, received again.
#[utoipa::path(
    post, path = "/api/v1/optout-notifications/{id}/amendments", operation_id = "amend_optout_notification", tag = "registers",
    params(("id" = i64, Path)),
    request_body = OptoutAmendment,
    responses(
        (status = 201, body = Notification),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "accepted (file a change), withdrawn, or nothing changed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications/{id}/amendments")]
pub async fn amend(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<OptoutAmendment>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let amendment = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let amended = commands::amend(&db, &auth, mail, &notification, amendment, today()).await?;
    Ok(HttpResponse::Created().json(amended))
}

/// Files a change (変更届) of an accepted notification, taking effect on `effective_on`: a new
/// version, reviewed again; the register shows the accepted content until then.
#[utoipa::path(
    post, path = "/api/v1/optout-notifications/{id}/changes", operation_id = "change_optout_notification", tag = "registers",
    params(("id" = i64, Path)),
    request_body = OptoutChange,
    responses(
        (status = 201, body = Notification),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "not accepted, under review, withdrawn, or nothing changed", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications/{id}/changes")]
pub async fn change(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<OptoutChange>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let change = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let changed = commands::change(&db, &auth, mail, &notification, change, today()).await?;
    Ok(HttpResponse::Created().json(changed))
}

/// Files the withdrawal (廃止届): the notification leaves the register on `effective_on`,
/// without review.
#[utoipa::path(
    post, path = "/api/v1/optout-notifications/{id}/withdrawal", operation_id = "withdraw_optout_notification", tag = "registers",
    params(("id" = i64, Path)),
    request_body = OptoutWithdrawal,
    responses(
        (status = 201, body = Notification),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "already withdrawn", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications/{id}/withdrawal")]
pub async fn withdraw(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    body: ValidJson<OptoutWithdrawal>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let withdrawal = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let withdrawn =
        commands::withdraw(&db, &auth, mail, &notification, withdrawal, today()).await?;
    Ok(HttpResponse::Created().json(withdrawn))
}

/// The opt-out register as published today, for anyone: the notifications in force, in order
/// of acceptance, searchable by words of the provider, the purpose or the items.
#[utoipa::path(
    get, path = "/api/v1/public/registers/optout", operation_id = "public_optout_register", tag = "public",
    params(PublicFilter),
    responses(
        (status = 200, description = "a page of the register; with `format`, the whole register as CSV for people or an Excel workbook", content((inline(Page<PublicNotification>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/v1/public/registers/optout")]
pub async fn public_optout(
    db: web::Data<Db>,
    filter: ValidQuery<PublicFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, today) = (filter.into_inner()?, today());
    crate::http::download::api_list(&db, "optout-register", filter, move |conn, filter| {
        optout::public(conn, filter, today)
    })
    .await
}

/// Records an accreditation (認定, 法第47条).
#[utoipa::path(
    post, path = "/api/v1/accredited-bodies", operation_id = "accredit_body", tag = "registers",
    request_body = NewBody,
    responses(
        (status = 201, body = AccreditedBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/accredited-bodies")]
pub async fn accredit(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewBody>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let body = commands::accredit(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(body))
}

/// Accredited bodies, in order of accreditation; `in_force_on` keeps those accredited that day.
#[utoipa::path(
    get, path = "/api/v1/accredited-bodies", operation_id = "list_accredited_bodies", tag = "registers",
    params(BodyFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<AccreditedBody>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/accredited-bodies")]
pub async fn list_bodies(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<BodyFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    crate::http::download::api_list(&db, "accredited-bodies", filter, bodies::list).await
}

/// One accredited body.
#[utoipa::path(
    get, path = "/api/v1/accredited-bodies/{id}", operation_id = "read_accredited_body", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = AccreditedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/accredited-bodies/{id}")]
pub async fn read_body(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let body = db
        .read(move |conn| bodies::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    Ok(HttpResponse::Ok().json(body))
}

/// Changes an accredited body's details; only the fields given change.
#[utoipa::path(
    patch, path = "/api/v1/accredited-bodies/{id}", operation_id = "update_accredited_body", tag = "registers",
    params(("id" = i64, Path)),
    request_body = BodyChanges,
    responses(
        (status = 200, body = AccreditedBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[patch("/api/v1/accredited-bodies/{id}")]
pub async fn update_body(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<BodyChanges>,
) -> Result<HttpResponse, AppError> {
    let changes = body.into_inner()?;
    let body = commands::update_body(&db, &auth, id.into_inner(), changes, today()).await?;
    Ok(HttpResponse::Ok().json(body))
}

/// Revokes an accreditation (認定の取消し, 法第155条) from `revoked_on`, with its reason.
#[utoipa::path(
    post, path = "/api/v1/accredited-bodies/{id}/revocation", operation_id = "revoke_accreditation", tag = "registers",
    params(("id" = i64, Path)),
    request_body = Revocation,
    responses(
        (status = 201, body = AccreditedBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, description = "already revoked", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/accredited-bodies/{id}/revocation")]
pub async fn revoke(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<Revocation>,
) -> Result<HttpResponse, AppError> {
    let revocation = body.into_inner()?;
    let body = commands::revoke(&db, &auth, id.into_inner(), revocation, today()).await?;
    Ok(HttpResponse::Created().json(body))
}

/// The accredited bodies as published today, for anyone.
#[utoipa::path(
    get, path = "/api/v1/public/registers/accredited-bodies", operation_id = "public_accredited_bodies", tag = "public",
    params(PublicBodyFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole list as CSV for people or an Excel workbook", content((inline(Page<PublicBody>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 422, body = ErrorBody),
    )
)]
#[get("/api/v1/public/registers/accredited-bodies")]
pub async fn public_bodies(
    db: web::Data<Db>,
    filter: ValidQuery<PublicBodyFilter>,
) -> Result<HttpResponse, AppError> {
    let (filter, today) = (filter.into_inner()?, today());
    crate::http::download::api_list(&db, "accredited-bodies", filter, move |conn, filter| {
        bodies::public(conn, filter, today)
    })
    .await
}

/// Records a publication of anonymised information (匿名加工情報の作成等の公表, 法第43条).
#[utoipa::path(
    post, path = "/api/v1/anonymised-publications", operation_id = "record_anonymised_publication", tag = "registers",
    request_body = NewPublication,
    responses(
        (status = 201, body = AnonymisedPublication),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/anonymised-publications")]
pub async fn record_publication(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    body: ValidJson<NewPublication>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let publication = commands::record_publication(&db, &auth, new, today()).await?;
    Ok(HttpResponse::Created().json(publication))
}

/// Publications of anonymised information, newest first.
#[utoipa::path(
    get, path = "/api/v1/anonymised-publications", operation_id = "list_anonymised_publications", tag = "registers",
    params(PublicationFilter),
    responses(
        (status = 200, description = "a page of the list; with `format`, the whole filtered list as CSV for people or an Excel workbook", content((inline(Page<AnonymisedPublication>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/anonymised-publications")]
pub async fn list_publications(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    filter: ValidQuery<PublicationFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    crate::http::download::api_list(&db, "anonymised-publications", filter, anonymised::list).await
}

/// The registers' counts as of a day, for the half-year report (SPEC §7a).
#[utoipa::path(
    get, path = "/api/v1/registers/summary", operation_id = "registers_summary", tag = "registers",
    params(SummaryQuery),
    responses(
        (status = 200, body = RegistersSummary),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/registers/summary")]
pub async fn summary(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<SummaryQuery>,
) -> Result<HttpResponse, AppError> {
    let (from, as_of) = query.into_inner()?.span(today())?;
    let summary = commands::summary(&db, from, as_of).await?;
    Ok(HttpResponse::Ok().json(summary))
}

/// Starts a campaign asking every notifier in the register (on `started_on`) to confirm its
/// notification (実態調査); each is asked by mail.
#[utoipa::path(
    post, path = "/api/v1/optout-campaigns", operation_id = "start_optout_campaign", tag = "registers",
    request_body = NewCampaign,
    responses(
        (status = 201, body = CampaignView),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-campaigns")]
pub async fn start_campaign(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    body: ValidJson<NewCampaign>,
) -> Result<HttpResponse, AppError> {
    let new = body.into_inner()?;
    let mail = MailSettings::from(&config.mail);
    let campaign = commands::start_campaign(&db, &auth, mail, new, today()).await?;
    Ok(HttpResponse::Created().json(campaign))
}

/// Every campaign, newest first.
#[utoipa::path(
    get, path = "/api/v1/optout-campaigns", operation_id = "list_optout_campaigns", tag = "registers",
    responses((status = 200, body = inline(Items<OptoutCampaign>)), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-campaigns")]
pub async fn list_campaigns(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, AppError> {
    let items = commands::campaigns(&db).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// A campaign: how it stands (asked, answered by answer, not answered) and each notification.
#[utoipa::path(
    get, path = "/api/v1/optout-campaigns/{id}", operation_id = "read_optout_campaign", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = CampaignView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-campaigns/{id}")]
pub async fn read_campaign(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let campaign = commands::campaign(&db, id.into_inner()).await?;
    Ok(HttpResponse::Ok().json(campaign))
}

/// A campaign's question and the notifier's answer, with the campaign.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Asked {
    pub campaign: OptoutCampaign,
    pub confirmation: OptoutConfirmation,
}

/// The campaigns that asked a notification to confirm its contents, and its answers.
#[utoipa::path(
    get, path = "/api/v1/optout-notifications/{id}/confirmations", operation_id = "list_optout_confirmations", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Asked>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/optout-notifications/{id}/confirmations")]
pub async fn confirmations(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let items = commands::confirmations(&db, &notification)
        .await?
        .into_iter()
        .map(|(campaign, confirmation)| Asked {
            campaign,
            confirmation,
        })
        .collect();
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// The notifier's answer to a campaign: `confirmed` (unchanged), `refiled` (a change filed) or
/// `withdrawn` (a withdrawal filed).
#[utoipa::path(
    post, path = "/api/v1/optout-notifications/{id}/confirmations", operation_id = "answer_optout_campaign", tag = "registers",
    params(("id" = i64, Path)),
    request_body = NewConfirmation,
    responses(
        (status = 201, body = OptoutConfirmation),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "answered already", body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/optout-notifications/{id}/confirmations")]
pub async fn answer(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
    body: ValidJson<NewConfirmation>,
) -> Result<HttpResponse, AppError> {
    let notification = commands::readable(&db, &auth, id.into_inner(), today()).await?;
    let new = body.into_inner()?;
    let answered = commands::answer(&db, &auth, &notification, new, today()).await?;
    Ok(HttpResponse::Created().json(answered))
}

/// A guideline's text parts, read as the API's JSON would be: each part named once, the names
/// and values those of [`NewGuideline`].
fn guideline_fields(fields: Vec<(String, String)>) -> Result<NewGuideline, AppError> {
    let mut object = serde_json::Map::new();
    let mut twice = FieldErrors::new();
    for (name, value) in fields {
        if object.contains_key(&name) {
            twice.add(&name, Refusal::DuplicateField);
        }
        object.insert(name, serde_json::Value::String(value));
    }
    twice.into_result()?;
    let bytes = serde_json::to_vec(&object).map_err(AppError::internal)?;
    crate::http::parse_json::<NewGuideline>(&bytes)
}

/// Publishes a version of an accredited body's guideline (個人情報保護指針, 法第54条) with its one
/// file (staff).
#[utoipa::path(
    post, path = "/api/v1/accredited-bodies/{id}/guidelines", operation_id = "publish_guideline", tag = "registers",
    params(("id" = i64, Path)),
    request_body(content = GuidelineForm, content_type = "multipart/form-data"),
    responses(
        (status = 201, body = Guideline),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "the body has a guideline of this version already", body = ErrorBody),
        (status = 413, description = "the file over the size limit, or more than one file", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "a part refused: named by its field (`version`, `published_on`, `file`, ...)", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/accredited-bodies/{id}/guidelines")]
pub async fn publish_guideline(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: actix_multipart::Multipart,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    db.read(move |conn| bodies::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    let limits = crate::domain::attachment::Limits {
        max_files: 1,
        ..crate::files::limits(&config.attachments)
    };
    let received = crate::files::receive(multipart, limits, crate::files::TextFields::Take).await?;
    let new = guideline_fields(received.fields);
    let upload = received.files.into_iter().next();
    let (new, upload) = match (new, upload) {
        (Ok(new), Some(upload)) => (new, upload),
        (Ok(_), None) => {
            return Err(FieldErrors::single(
                crate::files::upload::FILE_FIELD,
                Refusal::Required,
            ));
        }
        (Err(AppError::Validation(mut refused)), None) => {
            refused.add(crate::files::upload::FILE_FIELD, Refusal::Required);
            return Err(AppError::Validation(refused));
        }
        (Err(error), _) => return Err(error),
    };
    let guideline = commands::publish_guideline(&db, &auth, id, new, upload, today()).await?;
    Ok(HttpResponse::Created().json(guideline))
}

/// An accredited body's guidelines, newest first (staff).
#[utoipa::path(
    get, path = "/api/v1/accredited-bodies/{id}/guidelines", operation_id = "list_guidelines", tag = "registers",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Guideline>)), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []))
)]
#[get("/api/v1/accredited-bodies/{id}/guidelines")]
pub async fn list_guidelines(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let items = db
        .read(move |conn| match bodies::find(conn, id)? {
            Some(_) => guidelines::of_body(conn, id).map(Some),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// A guideline's file, for anyone, while its body is accredited.
#[utoipa::path(
    get, path = "/api/v1/public/registers/accredited-bodies/guidelines/{id}", operation_id = "public_guideline", tag = "public",
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "the file as published, `Content-Disposition: attachment` with its name; the ETag is its SHA-256",
            content(
                (Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                (Vec<u8> = "text/plain"), (Vec<u8> = "text/csv"))),
        (status = 404, description = "no such guideline, or its body is not accredited today", body = ErrorBody),
    )
)]
#[get("/api/v1/public/registers/accredited-bodies/guidelines/{id}")]
pub async fn public_guideline(
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (id, today) = (id.into_inner(), today());
    let published = db
        .read(move |conn| guidelines::published_file(conn, id, today))
        .await?
        .ok_or(AppError::NotFound(Missing::Guideline))?;
    Ok(crate::files::download::respond(&db, &published))
}
