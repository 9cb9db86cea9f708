//! HTTP handlers for attachments (API.md): upload and list on a report, an answer or a case, and
//! the download. A caller who may not reach the owner is told it does not exist (404) on every
//! method, before the body is read.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, get, post, web};

use crate::auth::{Auth, Principal};
use crate::config::Config;
use crate::db::{Actor, Db};
use crate::domain::access::may_reach_holder;
use crate::error::{AppError, ErrorBody, FieldErrors, Missing, Refusal};
use crate::files::store;
use crate::files::{Attachment, Owner, TextFields, attach, limits, receive};
use crate::http::Items;
use crate::reads::{Read, ReadLog};

/// The body of an upload: one or more parts named `file`, and nothing else.
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct UploadForm {
    /// One or more files (at most 10 a request, each at most 20 MiB); their type is judged from
    /// the content.
    #[schema(value_type = Vec<String>, format = Binary, min_items = 1)]
    file: Vec<Vec<u8>>,
}

fn missing(owner: Owner) -> Missing {
    match owner {
        Owner::Report(_) => Missing::Report,
        Owner::Response(_) => Missing::Response,
        Owner::Case(_) => Missing::Case,
        Owner::Guideline(_) => Missing::Guideline,
        Owner::PiaEvaluation(_) => Missing::PiaEvaluation,
        Owner::AgendaItem(_) => Missing::AgendaItem,
    }
}

/// 404 unless `viewer` may reach `owner` (and it exists).
pub async fn ensure_reachable(db: &Db, viewer: &Principal, owner: Owner) -> Result<(), AppError> {
    let holder = db.read(move |conn| store::holder(conn, owner)).await?;
    match holder {
        Some(holder) if may_reach_holder(viewer.role, viewer.organization_id, holder) => Ok(()),
        _ => Err(AppError::NotFound(missing(owner))),
    }
}

/// Reads an upload and stores its files on `owner` in one audited transaction.
async fn upload(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    owner: Owner,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    ensure_reachable(&db, &auth, owner).await?;
    let received = receive(multipart, limits(&config.attachments), TextFields::Refuse).await?;
    if received.files.is_empty() {
        return Err(AppError::Validation(FieldErrors::of(
            crate::files::upload::FILE_FIELD,
            Refusal::Required,
        )));
    }
    let items = attach(&db, auth.actor(), owner, received.files).await?;
    Ok(HttpResponse::Created().json(Items { items }))
}

async fn list(auth: Auth, db: web::Data<Db>, owner: Owner) -> Result<HttpResponse, AppError> {
    ensure_reachable(&db, &auth, owner).await?;
    let items = db.read(move |conn| store::list(conn, owner)).await?;
    Ok(HttpResponse::Ok().json(Items { items }))
}

/// Attaches files to a report: its reporting entity and staff.
#[utoipa::path(post, path = "/api/v1/reports/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, description = "a file over the size limit, or too many files", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "no file, an empty file, or a part other than `file`", body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/reports/{id}/attachments")]
pub async fn attach_to_report(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    upload(auth, db, config, Owner::Report(id.into_inner()), multipart).await
}

/// The files of a report.
#[utoipa::path(get, path = "/api/v1/reports/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/reports/{id}/attachments")]
pub async fn report_attachments(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    list(auth, db, Owner::Report(id.into_inner())).await
}

/// Attaches files to an answer to a report collection: whoever may answer it.
#[utoipa::path(post, path = "/api/v1/responses/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, description = "a file over the size limit, or too many files", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "no file, an empty file, or a part other than `file`", body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/responses/{id}/attachments")]
pub async fn attach_to_response(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    upload(
        auth,
        db,
        config,
        Owner::Response(id.into_inner()),
        multipart,
    )
    .await
}

/// Attaches documents to an assessment (特定個人情報保護評価書): its body's reporters and staff.
#[utoipa::path(post, path = "/api/v1/pia-evaluations/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, description = "a file over the size limit, or too many files", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "no file, an empty file, or a part other than `file`", body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/pia-evaluations/{id}/attachments")]
pub async fn attach_to_evaluation(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let owner = Owner::PiaEvaluation(id.into_inner());
    upload(auth, db, config, owner, multipart).await
}

/// The documents of an assessment.
#[utoipa::path(get, path = "/api/v1/pia-evaluations/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/pia-evaluations/{id}/attachments")]
pub async fn evaluation_attachments(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    list(auth, db, Owner::PiaEvaluation(id.into_inner())).await
}

/// Attaches materials (資料) to a meeting's agenda item (staff; the item's id is in its agenda).
#[utoipa::path(post, path = "/api/v1/agenda-items/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, description = "a file over the size limit, or too many files", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "no file, an empty file, or a part other than `file`", body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/agenda-items/{id}/attachments")]
pub async fn attach_to_agenda_item(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    let owner = Owner::AgendaItem(id.into_inner());
    upload(auth, db, config, owner, multipart).await
}

/// The materials of an agenda item (staff).
#[utoipa::path(get, path = "/api/v1/agenda-items/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/agenda-items/{id}/attachments")]
pub async fn agenda_item_attachments(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    list(auth, db, Owner::AgendaItem(id.into_inner())).await
}

/// The files of an answer.
#[utoipa::path(get, path = "/api/v1/responses/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/responses/{id}/attachments")]
pub async fn response_attachments(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    list(auth, db, Owner::Response(id.into_inner())).await
}

/// Attaches files to a case: staff (a reporter is told the case does not exist).
#[utoipa::path(post, path = "/api/v1/cases/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    request_body(content = UploadForm, content_type = "multipart/form-data"),
    responses((status = 201, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 413, description = "a file over the size limit, or too many files", body = ErrorBody),
        (status = 415, description = "a file of a type not accepted, judged from its content", body = ErrorBody),
        (status = 422, description = "no file, an empty file, or a part other than `file`", body = ErrorBody)),
    security(("bearer" = [])))]
#[post("/api/v1/cases/{id}/attachments")]
pub async fn attach_to_case(
    auth: Auth,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<i64>,
    multipart: Multipart,
) -> Result<HttpResponse, AppError> {
    upload(auth, db, config, Owner::Case(id.into_inner()), multipart).await
}

/// The files of a case (staff).
#[utoipa::path(get, path = "/api/v1/cases/{id}/attachments", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, body = inline(Items<Attachment>)), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/cases/{id}/attachments")]
pub async fn case_attachments(
    auth: Auth,
    db: web::Data<Db>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    list(auth, db, Owner::Case(id.into_inner())).await
}

/// A file's bytes as uploaded.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, description = "the bytes as uploaded, `Content-Disposition: attachment` with the original name (RFC 6266 `filename*`), `X-Content-Type-Options: nosniff`; the ETag is the SHA-256",
            content(
                (Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                (Vec<u8> = "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
                (Vec<u8> = "text/plain"), (Vec<u8> = "text/csv"))),
        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
#[get("/api/v1/attachments/{id}")]
pub async fn download_attachment(
    auth: Auth,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    download(&db, &reads, &auth, auth.actor(), id.into_inner()).await
}

/// The download of attachment `id` for `viewer` (the API's and the pages' alike).
pub async fn download(
    db: &Db,
    reads: &ReadLog,
    viewer: &Principal,
    actor: Actor,
    id: i64,
) -> Result<HttpResponse, AppError> {
    let found = db.read(move |conn| store::find(conn, id)).await?;
    let Some((attachment, owner)) = found else {
        return Err(AppError::NotFound(Missing::Attachment));
    };
    ensure_reachable(db, viewer, owner)
        .await
        .map_err(|_| AppError::NotFound(Missing::Attachment))?;
    reads.record(viewer.role, actor, Read::Attachment(id));
    Ok(crate::files::download::respond(db, &attachment))
}
