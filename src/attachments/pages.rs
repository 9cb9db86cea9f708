//! Attached files on the pages: the list shown on a report, an answer and a case
//! (`templates/web/_files.html`), the upload forms of a report and a case, and the download —
//! the API's, through the session. Who may reach a file is decided once, in
//! `attachments::handlers::ensure_reachable`.

use actix_web::{HttpResponse, get, post, web};

use crate::attachments::handlers::{download, ensure_reachable};
use crate::auth::StaffOnly;
use crate::db::Db;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::files::{self, Owner};
use crate::web::uploads::FilesForm;
use crate::web::{WebError, WebUser, see_other};

/// Downloads a file (the reporting entity's and staff's, as the record it belongs to).
#[utoipa::path(get, path = "/attachments/{id}", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the file as uploaded, `Content-Disposition: attachment`"), (status = 303, description = "to /login without a session"), (status = 404, description = "no such file, or one the viewer may not read")))]
#[get("/attachments/{id}")]
pub async fn download_page(
    user: WebUser,
    db: web::Data<Db>,
    reads: web::Data<crate::reads::ReadLog>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Attachment))?;
    Ok(download(&db, &reads, &user, user.actor(), id).await?)
}

/// Stores the files of a page's upload form on `owner`, after the session's CSRF check.
async fn upload(
    user: &WebUser<impl crate::auth::RoleRule>,
    db: &Db,
    owner: Owner,
    form: FilesForm,
) -> Result<usize, WebError> {
    user.check_csrf(&form.form)?;
    let (_, files) = form.into_files()?;
    if files.is_empty() {
        return Err(AppError::Validation(FieldErrors::of("file", Refusal::NotAFile)).into());
    }
    let stored = files::attach(db, user.actor(), owner, files).await?;
    Ok(stored.len())
}

/// Attaches files to a report from its page: the reporting entity and staff.
#[utoipa::path(post, path = "/reports/{id}/attachments", tag = "pages", params(("id" = String, Path)), request_body(content = crate::attachments::handlers::UploadForm, content_type = "multipart/form-data", description = "`csrf_token` and one or more parts named `file`"), responses((status = 303, description = "stored: back to the report"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such report, or another entity's"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "no file, or an empty one")))]
#[post("/reports/{id}/attachments")]
pub async fn attach_to_report(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Report))?;
    let owner = Owner::Report(id);
    ensure_reachable(&db, &user, owner).await?;
    let count = upload(&user, &db, owner, form).await?;
    Ok(see_other(&format!(
        "/reports/{id}?attached={count}#files-heading"
    )))
}

/// Attaches files to a case from its page (staff).
#[utoipa::path(post, path = "/cases/{id}/attachments", tag = "pages", params(("id" = String, Path)), request_body(content = crate::attachments::handlers::UploadForm, content_type = "multipart/form-data", description = "`csrf_token` and one or more parts named `file`"), responses((status = 303, description = "stored: back to the case"), (status = 403, description = "another role, or no valid CSRF token"), (status = 404, description = "no such case"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "no file, or an empty one")))]
#[post("/cases/{id}/attachments")]
pub async fn attach_to_case(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound(Missing::Case))?;
    let owner = Owner::Case(id);
    ensure_reachable(&db, &user, owner).await?;
    let count = upload(&user, &db, owner, form).await?;
    Ok(see_other(&format!(
        "/cases/{id}?attached={count}#files-heading"
    )))
}
