//! HTTP handlers for attachments (API.md): upload and list on a report, an answer or a case, and
//! the download. A caller who may not reach the owner is told it does not exist (404) on every
//! method, before the body is read.

use actix_multipart::Multipart;
use actix_web::http::header::{
    self, CacheControl, CacheDirective, Charset, ContentDisposition, DispositionParam,
    DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, get, post, web};
use futures_util::stream;

use crate::auth::{Auth, Principal};
use crate::config::Config;
use crate::db::{Actor, Db};
use crate::domain::access::may_reach_holder;
use crate::domain::attachment::FileType;
use crate::error::{AppError, ErrorBody, FieldErrors, Missing, Refusal};
use crate::files::store::{self, CHUNK_BYTES};
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
    let size = u64::try_from(attachment.size).unwrap_or_default();
    let chunks = size.div_ceil(CHUNK_BYTES as u64);
    let db = db.clone();
    // One chunk a step, each on a pooled connection of its own: a download holds one chunk.
    let body = stream::try_unfold(0i32, move |seq| {
        let db = db.clone();
        async move {
            if u64::try_from(seq).unwrap_or(u64::MAX) >= chunks {
                return Ok(None);
            }
            let bytes = db
                .read(move |conn| store::chunk(conn, id, seq))
                .await?
                .ok_or_else(|| AppError::internal(format!("attachment {id} lacks chunk {seq}")))?;
            Ok::<_, AppError>(Some((web::Bytes::from(bytes), seq + 1)))
        }
    });
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            FileType::header(&attachment.content_type, attachment.charset.as_deref()),
        ))
        .insert_header(disposition(attachment.id, &attachment.filename))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .insert_header(CacheControl(vec![
            CacheDirective::Private,
            CacheDirective::NoCache,
        ]))
        .insert_header((header::ETAG, format!("\"{}\"", attachment.sha256)))
        .no_chunking(size)
        .streaming(body))
}

/// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<the name>` (RFC 6266 §4.3):
/// clients that read `filename*` (every browser) get the original name; the others a plain
/// ASCII one — the name itself when it is plain ASCII, else `attachment-<id>` with its extension.
fn disposition(id: i64, name: &str) -> ContentDisposition {
    let plain = |c: char| c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ';
    let ascii = if name.chars().all(plain) {
        name.to_owned()
    } else {
        let extension = name.rsplit_once('.').map(|(_, ext)| ext).filter(|ext| {
            !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
        match extension {
            Some(ext) => format!("attachment-{id}.{ext}"),
            None => format!("attachment-{id}"),
        }
    };
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_download_is_named_by_rfc_6266_with_a_plain_stand_in() {
        let header = disposition(7, "調査報告書.pdf").to_string();
        assert_eq!(
            header,
            "attachment; filename=\"attachment-7.pdf\"; filename*=UTF-8''%E8%AA%BF%E6%9F%BB%E5%A0%B1%E5%91%8A%E6%9B%B8.pdf"
        );
        let header = disposition(8, "report 2025.pdf").to_string();
        assert!(
            header.starts_with("attachment; filename=\"report 2025.pdf\""),
            "{header}"
        );
        let header = disposition(9, "名簿").to_string();
        assert!(
            header.starts_with("attachment; filename=\"attachment-9\""),
            "{header}"
        );
    }
}
