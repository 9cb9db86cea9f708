//! `/imports`: staff load an office's file — reports, consultations, actions or organizations,
//! as a CSV (UTF-8 or Shift_JIS) or an XLSX workbook — in two steps. The first uploads the file
//! and runs it as a dry run (`imports::import`, the CLI's command): every refused row is listed
//! in Japanese by its row and column and nothing is kept; a file with no refusal is shown as it
//! was read, with what it would create, and held (`imports::hold`). The second imports the
//! held file (`imports::take`, then the import), all rows or none.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use super::layout::Chrome;
use super::session::{FormData, WebUser};
use super::uploads::FilesForm;
use super::{WebError, page, record_id, see_other};
use crate::attachments::Upload;
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::attachment::FileType;
use crate::error::{AppError, FieldErrors, Lang, Missing, Refusal};
use crate::imports::{self, File, Records};
use crate::sheets::{self, Encoding, ImportError, Imported, ReadOptions, Reason};

/// Rows of a previewed file shown on the page; the rest are counted.
const PREVIEW_ROWS: usize = 20;
/// Refusals listed on the page; the rest are counted (the CLI lists every one).
const LISTED_REFUSALS: usize = 500;

/// A file as previewed: what it would create, how it was read, its first rows.
pub struct Preview {
    pub id: i64,
    pub records: Records,
    pub filename: String,
    pub counted: String,
    pub read_as: String,
    pub headings: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub more_rows: usize,
}

#[derive(Template)]
#[template(path = "web/imports.html")]
struct ImportsPage {
    chrome: Chrome,
    /// The form's values: the kind, the encoding and the sheet.
    records: String,
    encoding: String,
    sheet: String,
    errors: Vec<(String, Vec<String>)>,
    /// Why rows were refused, a line each, and how many rows.
    refused: Vec<String>,
    refused_rows: usize,
    more_refused: usize,
    /// Whether the refusals came from the second step (the file must be chosen again).
    refused_at_import: bool,
    previewed: Option<Preview>,
    kinds: Vec<KindHelp>,
}

/// The columns a kind's file may have, by their Japanese headings.
struct KindHelp {
    value: &'static str,
    label: &'static str,
    headings: String,
}

impl ImportsPage {
    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, texts)| texts.join("。"))
    }

    fn field_label(name: &str) -> &'static str {
        match name {
            "records" => "記録の種類",
            "file" => "ファイル",
            "encoding" => "文字コード（CSV）",
            "sheet" => "シート名（Excel）",
            _ => "入力",
        }
    }
}

fn kinds() -> Vec<KindHelp> {
    Records::ALL
        .iter()
        .map(|kind| {
            let mut seen: Vec<String> = Vec::new();
            let headings = match kind {
                Records::Reports => crate::reports::import::HEADINGS,
                Records::Consultations => crate::hotline::import::HEADINGS,
                Records::Actions => crate::supervision::import::HEADINGS,
                Records::Organizations => crate::organizations::import::HEADINGS,
            };
            for (label, field) in headings {
                if kind.heading_ja(field) == *label && !seen.iter().any(|s| s == label) {
                    seen.push((*label).to_owned());
                }
            }
            KindHelp {
                value: kind.as_str(),
                label: kind.label_ja(),
                headings: seen.join("、"),
            }
        })
        .collect()
}

impl ImportsPage {
    fn new(chrome: Chrome) -> Self {
        Self {
            chrome,
            records: String::new(),
            encoding: String::new(),
            sheet: String::new(),
            errors: Vec::new(),
            refused: Vec::new(),
            refused_rows: 0,
            more_refused: 0,
            refused_at_import: false,
            previewed: None,
            kinds: kinds(),
        }
    }

    /// The refusals of rows, a Japanese line each: `3行目　漏えい等を知った日：…`.
    fn with_rows(mut self, kind: Records, rows: &[(usize, Vec<Reason>)]) -> Self {
        let lines: Vec<String> = rows
            .iter()
            .flat_map(|(row, reasons)| {
                reasons.iter().map(move |(field, why)| {
                    if field.is_empty() {
                        format!("{row}行目：{}", why.ja())
                    } else {
                        format!("{row}行目　{}：{}", kind.heading_ja(field), why.ja())
                    }
                })
            })
            .collect();
        self.refused_rows = rows.len();
        self.more_refused = lines.len().saturating_sub(LISTED_REFUSALS);
        self.refused = lines.into_iter().take(LISTED_REFUSALS).collect();
        self.errors.push((
            "file".into(),
            vec![format!(
                "{}行を受け付けられません。ファイルのどの行も取り込んでいません",
                rows.len()
            )],
        ));
        self
    }
}

/// What the import wrote, carried to the page it redirects to (text: a value that is not a
/// number is no notice, not an error).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Done {
    records: Option<String>,
    count: Option<String>,
    incidents: Option<String>,
}

/// The imports page: the form of the first step, and after an import what it wrote.
#[utoipa::path(get, path = "/imports", tag = "pages", params(("records" = Option<String>, Query, description = "after an import: the kind imported"), ("count" = Option<usize>, Query, description = "after an import: how many records"), ("incidents" = Option<usize>, Query, description = "after an import of reports: to how many incidents")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/imports")]
pub async fn imports_page(
    user: WebUser<StaffOnly>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let count = done.count.as_deref().and_then(|n| n.parse::<usize>().ok());
    let incidents = done
        .incidents
        .as_deref()
        .and_then(|n| n.parse::<usize>().ok());
    let notice = match (&done.records, count) {
        (Some(records), Some(count)) => Records::ALL
            .iter()
            .find(|kind| kind.as_str() == records)
            .map(|kind| {
                let imported = Imported {
                    records: count,
                    incidents,
                    read_as: String::new(),
                    written: true,
                };
                format!("{}を取り込みました。", kind.counted_ja(&imported))
            }),
        _ => None,
    };
    let chrome = user.chrome("ファイルからの取り込み").with_notice(notice);
    page(StatusCode::OK, &ImportsPage::new(chrome))
}

/// The first step: the file is checked as a dry run, and shown with what it would create, or
/// with every refusal.
#[utoipa::path(post, path = "/imports", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token`, `records` (reports, consultations, actions or organizations), `encoding` (empty, utf-8 or shift_jis), `sheet`, and one part named `file` (a CSV or an XLSX workbook)"), responses((status = 200, description = "the preview: what the file would create, its first rows, and the form that imports it"), (status = 403, description = "no valid CSRF token, or another role"), (status = 413, description = "the file is too large"), (status = 415, description = "the file is of a type not accepted"), (status = 422, description = "the form again, with the refusals of its fields and of every refused row; nothing is kept")))]
#[post("/imports")]
pub async fn preview(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form.form)?;
    let text = |name: &str| {
        form.form
            .get(name)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let (records, encoding, sheet) = (text("records"), text("encoding"), text("sheet"));
    let mut errors = FieldErrors::new();
    let kind = Records::ALL
        .iter()
        .copied()
        .find(|kind| kind.as_str() == records);
    if kind.is_none() {
        errors.add(
            "records",
            if records.is_empty() {
                Refusal::Required
            } else {
                Refusal::UnknownVariant {
                    given: records.clone(),
                    expected: Records::ALL.iter().map(|k| k.as_str().to_owned()).collect(),
                }
            },
        );
    }
    let forced = match encoding.as_str() {
        "" => None,
        name => {
            let forced = Encoding::parse(name);
            if forced.is_none() {
                errors.add(
                    "encoding",
                    Refusal::UnknownVariant {
                        given: name.to_owned(),
                        expected: vec!["utf-8".into(), "shift_jis".into()],
                    },
                );
            }
            forced
        }
    };
    if sheet.chars().count() > 100 {
        errors.add(
            "sheet",
            Refusal::Length {
                min: None,
                max: Some(100),
            },
        );
    }
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    let upload: Option<Upload> = match form.refused {
        Some(AppError::FilesTooLarge(refused)) => {
            status = StatusCode::PAYLOAD_TOO_LARGE;
            errors.merge_new(refused);
            None
        }
        Some(AppError::FileTypesRefused(refused)) => {
            status = StatusCode::UNSUPPORTED_MEDIA_TYPE;
            errors.merge_new(refused);
            None
        }
        Some(AppError::Validation(refused)) => {
            errors.merge_new(refused);
            None
        }
        Some(other) => return Err(other.into()),
        None => {
            let mut files = form.files.into_iter();
            match (files.next(), files.next()) {
                (Some(file), None) => match file.kind {
                    FileType::Csv { .. } | FileType::Xlsx => Some(file),
                    _ => {
                        status = StatusCode::UNSUPPORTED_MEDIA_TYPE;
                        errors.add("file", Refusal::NotASheet);
                        None
                    }
                },
                (None, _) => {
                    errors.add("file", Refusal::Required);
                    None
                }
                (Some(_), Some(_)) => {
                    errors.add("file", Refusal::TooManyFiles { limit: 1 });
                    None
                }
            }
        }
    };
    let mut again = ImportsPage::new(user.chrome("ファイルからの取り込み"));
    again.records = records;
    again.encoding = encoding;
    again.sheet = sheet.clone();
    let (Some(kind), Some(upload), true) = (kind, upload, errors.is_empty()) else {
        again.errors = errors.texts(Lang::Ja).into_iter().collect();
        return page(status, &again);
    };
    let (filename, sha256) = (upload.filename.clone(), upload.sha256.clone());
    let bytes = upload.into_bytes()?;
    let options = ReadOptions {
        encoding: forced,
        sheet: (!sheet.is_empty()).then_some(sheet),
    };
    let actor = user.actor();
    let db = db.into_inner();
    let checked = web::block(move || {
        let file = File {
            name: &filename,
            bytes: &bytes,
            options,
        };
        let outcome = imports::import(&db, &actor, kind, &file, true, today());
        let held = match &outcome {
            Ok(_) => Some(imports::hold(&db, &actor, kind, &file, &sha256)),
            Err(_) => None,
        }
        .transpose();
        let table = sheets::read(file.bytes, &file.options, kind.column()).ok();
        (outcome, held, table, filename)
    })
    .await
    .map_err(|e| AppError::internal(format!("an import's preview: {e}")))?;
    let (outcome, held, table, filename) = checked;
    match (outcome, held?) {
        (Ok(done), Some(id)) => {
            let table = table.ok_or_else(|| AppError::internal("a previewed file reads"))?;
            let shown: Vec<(usize, Vec<String>)> = table
                .rows
                .into_iter()
                .take(PREVIEW_ROWS)
                .map(|(row, cells)| (row, cells.unwrap_or_default()))
                .collect();
            again.previewed = Some(Preview {
                id,
                records: kind,
                filename,
                counted: kind.counted_ja(&done),
                read_as: done.read_as,
                headings: table.headings,
                more_rows: done.records.saturating_sub(shown.len()),
                rows: shown,
            });
            page(StatusCode::OK, &again)
        }
        (Err(ImportError::Rows(rows)), _) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &again.with_rows(kind, &rows),
        ),
        (Err(ImportError::File(refusal)), _) => {
            again.errors = vec![("file".into(), vec![refusal.ja()])];
            page(StatusCode::UNPROCESSABLE_ENTITY, &again)
        }
        (Err(ImportError::App(error)), _) => Err(error.into()),
        (Ok(_), None) => Err(AppError::internal("a previewed file is held").into()),
    }
}

/// The second step: the held file is imported, all rows or none.
#[utoipa::path(post, path = "/imports/{id}", tag = "pages", params(("id" = String, Path, description = "the previewed file")), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "imported: to /imports with what was written"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such file waiting: another user's, imported already, or previewed more than a day ago"), (status = 422, description = "rows were refused since the preview (the records changed): the form again with every refusal; nothing was imported")))]
#[post("/imports/{id}")]
pub async fn import(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::PendingImport)?;
    let actor = user.actor();
    let db = db.into_inner();
    let (kind, outcome) = web::block(move || {
        let held = imports::take(&db, &actor, id)?;
        let file = File {
            name: &held.filename,
            bytes: &held.data,
            options: held.options.clone(),
        };
        let outcome = imports::import(&db, &actor, held.records, &file, false, today());
        Ok::<_, AppError>((held.records, outcome))
    })
    .await
    .map_err(|e| AppError::internal(format!("an import: {e}")))??;
    match outcome {
        Ok(done) => {
            let incidents = done
                .incidents
                .map(|n| format!("&incidents={n}"))
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/imports?records={}&count={}{incidents}",
                kind.as_str(),
                done.records
            )))
        }
        Err(ImportError::Rows(rows)) => {
            let mut again = ImportsPage::new(user.chrome("ファイルからの取り込み"));
            again.records = kind.as_str().to_owned();
            again.refused_at_import = true;
            page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &again.with_rows(kind, &rows),
            )
        }
        Err(ImportError::File(refusal)) => {
            let mut again = ImportsPage::new(user.chrome("ファイルからの取り込み"));
            again.records = kind.as_str().to_owned();
            again.errors = vec![("file".into(), vec![refusal.ja()])];
            page(StatusCode::UNPROCESSABLE_ENTITY, &again)
        }
        Err(ImportError::App(error)) => Err(error.into()),
    }
}
