//! `/imports`: staff load an office's file — reports, consultations, actions or organizations,
//! as a CSV (UTF-8 or Shift_JIS) or an XLSX workbook — in two steps. The first uploads the file
//! and runs it as a dry run (`imports::import`, the CLI's command): every refused row is listed
//! in Japanese by its row and column and nothing is kept; a file with no refusal is shown as it
//! was read, with what it would create, and held (`imports::hold`). The second imports the
//! held file (`imports::take`, then the import), all rows or none.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::attachment::FileType;
use crate::error::{AppError, FieldErrors, Lang, Missing, Refusal};
use crate::files::Upload;
use crate::imports::{self, File, Previewed};
use crate::sheets::importer::{Importer, Importers};
use crate::sheets::{Encoding, ImportError, Imported, ReadOptions, Reason};
use crate::web::layout::Chrome;
use crate::web::session::{FormData, WebUser};
use crate::web::uploads::FilesForm;
use crate::web::{WebError, page, record_id, see_other};

/// Rows of a previewed file shown on the page; the rest are counted.
const PREVIEW_ROWS: usize = 20;
/// Refusals listed on the page; the rest are counted (the CLI lists every one).
const LISTED_REFUSALS: usize = 500;

/// A file as previewed: what it would create, how it was read, the columns it ignores and the
/// rows it skips, its first rows.
pub struct Preview {
    /// The held file, for the import's form; none when the file would write nothing.
    pub id: Option<i64>,
    pub label: &'static str,
    pub filename: String,
    pub counted: String,
    pub read_as: String,
    /// The headings of the derived columns the import ignores.
    pub ignored: String,
    /// The rows skipped as records held already, a line each: `3行目（LR-2025-000001）`.
    pub duplicates: Vec<String>,
    pub headings: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
    pub more_rows: usize,
}

#[derive(Template)]
#[template(path = "imports/imports.html")]
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

/// The columns a kind's file may have, by their Japanese headings, and its template.
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

fn kinds(importers: &Importers) -> Vec<KindHelp> {
    importers
        .all()
        .map(|importer| KindHelp {
            value: importer.kind(),
            label: importer.label_ja(),
            headings: importer
                .vocabulary()
                .entered()
                .map(|term| term.short)
                .collect::<Vec<_>>()
                .join("、"),
        })
        .collect()
}

impl ImportsPage {
    fn new(chrome: Chrome, importers: &Importers) -> Self {
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
            kinds: kinds(importers),
        }
    }

    /// The refusals of rows, a Japanese line each: `3行目　漏えい等を知った日：…`.
    fn with_rows(mut self, kind: &dyn Importer, rows: &[(usize, Vec<Reason>)]) -> Self {
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
    importers: web::Data<Importers>,
    done: web::Query<Done>,
) -> Result<HttpResponse, WebError> {
    let count = done.count.as_deref().and_then(|n| n.parse::<usize>().ok());
    let incidents = done
        .incidents
        .as_deref()
        .and_then(|n| n.parse::<usize>().ok());
    let notice = match (&done.records, count) {
        (Some(records), Some(count)) => importers.find(records).map(|kind| {
            let imported = Imported {
                records: count,
                incidents,
                written: true,
                ..Imported::default()
            };
            format!("{}を取り込みました。", kind.counted_ja(&imported))
        }),
        _ => None,
    };
    let chrome = user.chrome("ファイルからの取り込み").with_notice(notice);
    page(StatusCode::OK, &ImportsPage::new(chrome, &importers))
}

/// The first step's form as typed, and how it asks for the file to be read.
struct Asked {
    records: String,
    encoding: String,
    sheet: String,
    options: ReadOptions,
}

impl ImportsPage {
    /// The form again with what was typed.
    fn keep(&mut self, asked: Asked) {
        self.records = asked.records;
        self.encoding = asked.encoding;
        self.sheet = asked.sheet;
    }
}

/// The first step's form: the kind of record, the encoding, the sheet and the one file (a CSV
/// or a workbook, judged from its content); or what was typed, with the refusals of its fields
/// and the status they answer (413 and 415 for a file too large or not a table).
#[allow(clippy::type_complexity)]
fn read_form(
    form: FilesForm,
    importers: &Importers,
) -> Result<Result<(Asked, Upload), (Asked, StatusCode, FieldErrors)>, WebError> {
    let text = |name: &str| {
        form.form
            .get(name)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let (records, encoding, sheet) = (text("records"), text("encoding"), text("sheet"));
    let mut errors = FieldErrors::new();
    if importers.find(&records).is_none() {
        errors.add(
            "records",
            if records.is_empty() {
                Refusal::Required
            } else {
                Refusal::UnknownVariant {
                    given: records.clone(),
                    expected: importers.kinds(),
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
    let asked = Asked {
        options: ReadOptions {
            encoding: forced,
            sheet: (!sheet.is_empty()).then(|| sheet.clone()),
        },
        records,
        encoding,
        sheet,
    };
    Ok(match (upload, errors.is_empty()) {
        (Some(upload), true) => Ok((asked, upload)),
        _ => Err((asked, status, errors)),
    })
}

/// The first step: the file is checked as a dry run, and shown with what it would create, or
/// with every refusal.
#[utoipa::path(post, path = "/imports", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token`, `records` (reports, consultations, actions or organizations), `encoding` (empty, utf-8 or shift_jis), `sheet`, and one part named `file` (a CSV or an XLSX workbook)"), responses((status = 200, description = "the preview: what the file would create, its first rows, and the form that imports it"), (status = 403, description = "no valid CSRF token, or another role"), (status = 413, description = "the file is too large"), (status = 415, description = "the file is of a type not accepted"), (status = 422, description = "the form again, with the refusals of its fields and of every refused row; nothing is kept")))]
#[post("/imports")]
pub async fn preview(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    importers: web::Data<Importers>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form.form)?;
    let mut again = ImportsPage::new(user.chrome("ファイルからの取り込み"), &importers);
    let (asked, upload) = match read_form(form, &importers)? {
        Ok(read) => read,
        Err((asked, status, errors)) => {
            again.keep(asked);
            again.errors = errors.texts(Lang::Ja).into_iter().collect();
            return page(status, &again);
        }
    };
    let (records, options) = (asked.records.clone(), asked.options.clone());
    again.keep(asked);
    let (filename, sha256) = (upload.filename.clone(), upload.sha256.clone());
    let bytes = upload.into_bytes()?;
    let actor = user.actor();
    let (db, registry) = (db.into_inner(), importers.clone().into_inner());
    let kind = records.clone();
    let checked = web::block(move || {
        let importer = registry.find(&kind).expect("a known kind");
        let file = File {
            name: &filename,
            bytes: &bytes,
            options,
        };
        (
            imports::preview(&db, &actor, importer, &file, &sha256, today()),
            filename,
        )
    })
    .await
    .map_err(|e| AppError::internal(format!("an import's preview: {e}")))?;
    let importer = importers.find(&records).expect("a known kind");
    match checked {
        (Ok(previewed), filename) => {
            again.previewed = Some(Preview::of(importer, filename, previewed)?);
            page(StatusCode::OK, &again)
        }
        (Err(ImportError::Rows(rows)), _) => page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &again.with_rows(importer, &rows),
        ),
        (Err(ImportError::File(refusal)), _) => {
            again.errors = vec![("file".into(), vec![refusal.ja()])];
            page(StatusCode::UNPROCESSABLE_ENTITY, &again)
        }
        (Err(ImportError::App(error)), _) => Err(error.into()),
    }
}

impl Preview {
    /// What the preview command found, as the page shows it: the first rows as read.
    fn of(
        importer: &dyn Importer,
        filename: String,
        previewed: Previewed,
    ) -> Result<Self, AppError> {
        let Previewed {
            id,
            imported,
            table,
        } = previewed;
        let table = table.ok_or_else(|| AppError::internal("a previewed file reads"))?;
        let rows_read = table.rows.len();
        let shown: Vec<(usize, Vec<String>)> = table
            .rows
            .into_iter()
            .take(PREVIEW_ROWS)
            .map(|(row, cells)| (row, cells.unwrap_or_default()))
            .collect();
        Ok(Self {
            id,
            label: importer.label_ja(),
            filename,
            counted: importer.counted_ja(&imported),
            ignored: imported.ignored.join("、"),
            duplicates: duplicate_lines(&imported),
            more_rows: rows_read.saturating_sub(shown.len()),
            read_as: imported.read_as.ja(),
            headings: table.headings,
            rows: shown,
        })
    }
}

/// The rows an import skips as records held already, a line each.
fn duplicate_lines(imported: &Imported) -> Vec<String> {
    imported
        .duplicates
        .iter()
        .map(|(row, what)| format!("{row}行目（{what}）"))
        .collect()
}

/// The second step: the held file is imported, all rows or none.
#[utoipa::path(post, path = "/imports/{id}", tag = "pages", params(("id" = String, Path, description = "the previewed file")), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "imported: to /imports with what was written"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such file waiting: another user's, imported already, or previewed more than a day ago"), (status = 422, description = "rows were refused since the preview (the records changed): the form again with every refusal; nothing was imported")))]
#[post("/imports/{id}")]
pub async fn import(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    importers: web::Data<Importers>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::PendingImport)?;
    let actor = user.actor();
    let (db, registry) = (db.into_inner(), importers.clone().into_inner());
    let (kind, outcome) =
        web::block(move || imports::import_held(&db, &actor, &registry, id, today()))
            .await
            .map_err(|e| AppError::internal(format!("an import: {e}")))??;
    let importer = importers
        .find(&kind)
        .ok_or_else(|| AppError::internal(format!("an import of {kind}")))?;
    let mut again = ImportsPage::new(user.chrome("ファイルからの取り込み"), &importers);
    again.records = kind.clone();
    match outcome {
        Ok(done) => {
            let incidents = done
                .incidents
                .map(|n| format!("&incidents={n}"))
                .unwrap_or_default();
            Ok(see_other(&format!(
                "/imports?records={kind}&count={}{incidents}",
                done.records
            )))
        }
        Err(ImportError::Rows(rows)) => {
            again.refused_at_import = true;
            page(
                StatusCode::UNPROCESSABLE_ENTITY,
                &again.with_rows(importer, &rows),
            )
        }
        Err(ImportError::File(refusal)) => {
            again.errors = vec![("file".into(), vec![refusal.ja()])];
            page(StatusCode::UNPROCESSABLE_ENTITY, &again)
        }
        Err(ImportError::App(error)) => Err(error.into()),
    }
}

/// A kind's workbook to fill in: its columns headed by their short labels with an example row,
/// and a second sheet explaining each column (`sheets::template`).
#[utoipa::path(get, path = "/imports/templates/{file}", tag = "pages", params(("file" = String, Path, description = "the kind and `.xlsx`: reports.xlsx, consultations.xlsx, actions.xlsx, organizations.xlsx, optout-notifications.xlsx, accredited-bodies.xlsx, anonymised-publications.xlsx or events.xlsx")), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the sheet to fill in and the sheet explaining its columns"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such kind of record")))]
#[get("/imports/templates/{file}")]
pub async fn template(
    _user: WebUser<StaffOnly>,
    importers: web::Data<Importers>,
    file: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let importer = file
        .strip_suffix(".xlsx")
        .and_then(|kind| importers.find(kind))
        .ok_or(AppError::NotFound(Missing::Page))?;
    let bytes = crate::sheets::template::workbook(importer.vocabulary())?;
    Ok(crate::http::download::xlsx_download(&format!("template-{}", importer.kind())).body(bytes))
}
