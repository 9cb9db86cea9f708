//! Downloads for people: CSV (UTF-8 with a BOM, CRLF, a cell a spreadsheet would run written as
//! text) and Excel workbooks (days as date cells, whole numbers as numbers, every other cell
//! text — never a formula); and the whole of a list as one (`export`), whether a page's list or
//! the API's. The list's own query (`fetch`) is read a page of 5,000 rows at a time inside one read
//! snapshot (`Db::read_snapshot_blocking`), so a row written meanwhile neither appears twice nor
//! shifts another out; the rows leave as they are read, through a channel of a few 64 KiB
//! chunks, so a list of a million rows is never held whole:
//! - CSV streams as it is written;
//! - a workbook is written row by row in `rust_xlsxwriter`'s constant-memory mode (each row to a
//!   temporary file), then the finished file is sent in chunks.

use std::io::{Read, Seek, SeekFrom};

use actix_web::HttpResponse;
use actix_web::http::header;
use actix_web::web::Bytes;
use tokio::sync::mpsc;

use crate::db::{Db, DbConnection};
use crate::error::{AppError, FieldErrors};

/// A filter of the API's lists, which may ask for the whole list as a download (`format`).
pub trait Downloadable {
    fn format(&self) -> Option<Download>;
}

/// `Paged` and `Downloadable` for an API list's filter with fields `page`, `per_page` and
/// `format` (`crate::http::download::downloadable!(T)`).
macro_rules! downloadable {
    ($($filter:ty),+ $(,)?) => {
        $crate::http::download::paged!($($filter),+);
        $(impl $crate::http::download::Downloadable for $filter {
            fn format(&self) -> Option<$crate::http::download::Download> {
                self.format
            }
        })+
    };
}
pub(crate) use downloadable;

/// The API's answer to a list: a page of JSON, or (`format=csv|xlsx`) the whole filtered list
/// as a download named `{file}.csv` or `{file}.xlsx` ([`api_export`]).
pub async fn api_list<F, T>(
    db: &Db,
    file: &'static str,
    filter: F,
    fetch: impl Fn(&mut DbConnection, &F) -> Result<super::Page<T>, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError>
where
    F: Paged + Downloadable,
    T: serde::Serialize + utoipa::ToSchema + Send + 'static,
{
    match filter.format() {
        Some(format) => api_export(db, file, format, filter, fetch).await,
        None => {
            let page = db.read(move |conn| fetch(conn, &filter)).await?;
            Ok(HttpResponse::Ok().json(page))
        }
    }
}

/// The API's answer to a list asked for as a download (`format=csv|xlsx`): the whole filtered
/// list (`export`), each page of items laid out by [`items_page`]; refused filters as the error.
pub async fn api_export<F: Paged, T: serde::Serialize + utoipa::ToSchema + 'static>(
    db: &Db,
    file: &'static str,
    format: Download,
    filter: F,
    fetch: impl Fn(&mut DbConnection, &F) -> Result<super::Page<T>, AppError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let fetch = move |conn: &mut DbConnection, filter: &F| {
        fetch(conn, filter).and_then(|page| items_page(file, page))
    };
    match export(db, file, format, filter, Box::new(fetch)).await? {
        Ok(download) => Ok(download),
        Err(refused) => Err(AppError::Validation(refused)),
    }
}

/// The API's list as a page of a download: the items' fields as columns, their names as the
/// headings in the order the API writes them (the first item's); a value as text — a list of
/// plain values joined by `|` (as an import reads it), a list of records with a code as their
/// codes so joined, an object as its JSON, `null` empty —
/// and a day (`2025-04-01`) as a date cell.
pub fn items_page<T: serde::Serialize + utoipa::ToSchema>(
    sheet: &str,
    page: super::Page<T>,
) -> Result<Page, AppError> {
    let items = serde_json::to_value(page.items)
        .map_err(|e| AppError::internal(format!("a list's items as JSON: {e}")))?;
    let items = items.as_array().cloned().unwrap_or_default();
    let headings: Vec<String> = items
        .first()
        .and_then(serde_json::Value::as_object)
        .map(|first| first.keys().cloned().collect())
        .unwrap_or_default();
    let rows = items
        .iter()
        .map(|item| {
            headings
                .iter()
                .map(|name| item.get(name).map(value_cell).unwrap_or_default())
                .collect()
        })
        .collect();
    Ok(Page {
        sheet: sheet.to_owned(),
        headings,
        rows,
    })
}

/// A JSON value as a cell of a download.
fn value_cell(value: &serde_json::Value) -> Cell {
    use serde_json::Value;
    let plain = |value: &Value| match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    };
    // A list of records that have a code (a consultation's categories) as their codes, which
    // an import reads back.
    let coded = |value: &Value| value.get("code").and_then(Value::as_str).map(str::to_owned);
    let text = match value {
        Value::Array(list) => list
            .iter()
            .map(plain)
            .collect::<Option<Vec<String>>>()
            .or_else(|| list.iter().map(coded).collect::<Option<Vec<String>>>())
            .map_or_else(|| value.to_string(), |items| list_cell(&items)),
        Value::Object(_) => value.to_string(),
        other => plain(other).unwrap_or_default(),
    };
    let day = (text.len() == 10)
        .then(|| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
        .flatten();
    Cell { text, day }
}

/// A list as a download writes it, for an import to read back (`sheets::items`): joined by `|`,
/// and a lone item that holds a `、` followed by a `|`, so that it is not read as several.
pub fn list_cell(items: &[String]) -> String {
    match items {
        [one] if one.contains('、') => format!("{one}|"),
        _ => items.join("|"),
    }
}

/// A list as a file to download.
#[derive(serde::Deserialize, utoipa::ToSchema, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Download {
    Csv,
    Xlsx,
}

/// One cell of a download: its text, and the day it shows (a date cell in a workbook).
#[derive(Debug, Default)]
pub struct Cell {
    pub text: String,
    pub day: Option<chrono::NaiveDate>,
}

/// One page of a list to download: the sheet's name, the headings, the rows.
#[derive(Debug, Default)]
pub struct Page {
    pub sheet: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A cell as CSV for people: a cell a spreadsheet would read as a formula is written as text.
fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// A writer of CSV for people (API.md) to `out`: the BOM written first, CRLF line ends.
pub fn people_csv_writer<W: std::io::Write>(mut out: W) -> csv::Writer<W> {
    // A failure to write the BOM shows again at the first record.
    let _ = out.write_all(b"\xEF\xBB\xBF");
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// One row of CSV for people: a cell a spreadsheet would read as a formula is written as text.
pub fn write_people_row<W: std::io::Write, C: AsRef<str>>(
    writer: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = C>,
) -> Result<(), AppError> {
    writer
        .write_record(cells.into_iter().map(|cell| csv_cell(cell.as_ref())))
        .map_err(|e| AppError::internal(format!("csv: {e}")))
}

/// CSV for people (API.md): UTF-8 with a BOM, CRLF line ends, the headings given (Japanese, as
/// on the page); a cell a spreadsheet would read as a formula is written as text.
pub fn people_csv<R, C>(headings: &[&str], rows: R) -> Result<Vec<u8>, AppError>
where
    R: IntoIterator<Item = C>,
    C: IntoIterator,
    C::Item: AsRef<str>,
{
    let mut writer = people_csv_writer(Vec::new());
    write_people_row(&mut writer, headings)?;
    for row in rows {
        write_people_row(&mut writer, row)?;
    }
    writer
        .into_inner()
        .map_err(|e| AppError::internal(format!("csv: {e}")))
}

/// The answer that downloads CSV for people as `{file}.csv`.
pub fn csv_download(file: &str) -> actix_web::HttpResponseBuilder {
    let mut answer = HttpResponse::Ok();
    answer
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}.csv\""),
        ));
    answer
}

/// The answer that downloads a workbook as `{file}.xlsx`.
pub fn xlsx_download(file: &str) -> actix_web::HttpResponseBuilder {
    let mut answer = HttpResponse::Ok();
    answer
        .content_type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file}.xlsx\""),
        ));
    answer
}

/// A cell holding a whole number a spreadsheet should count with: digits without a leading zero,
/// at most nine (a corporate number's thirteen, or a code with a leading zero, stay text).
pub fn whole_number(text: &str) -> Option<f64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty()
        && digits.len() <= 9
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0')))
    .then(|| text.parse().ok())
    .flatten()
}

/// A list's headings on the first row of a workbook's sheet, bold, frozen.
pub fn write_headings<H: AsRef<str>>(
    sheet: &mut rust_xlsxwriter::Worksheet,
    columns: &[H],
) -> Result<(), AppError> {
    let failed = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("xlsx: {e}"));
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (column, heading) in columns.iter().enumerate() {
        let column = u16::try_from(column).map_err(|_| AppError::internal("xlsx: columns"))?;
        sheet
            .write_string_with_format(0, column, heading.as_ref(), &bold)
            .map_err(failed)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    Ok(())
}

/// `day` as an Excel date, when Excel has one (1900-01-01 to 9999-12-31).
fn excel_day(day: chrono::NaiveDate) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    // rust_xlsxwriter also takes 1899-12-31, which Excel shows as 1900/01/00.
    let year = u16::try_from(day.year())
        .ok()
        .filter(|year| *year >= 1900)?;
    let month = u8::try_from(day.month()).ok()?;
    let date = u8::try_from(day.day()).ok()?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, month, date).ok()
}

/// A list's row on row `at` of a workbook's sheet: each day a date cell (`yyyy/mm/dd`; a day
/// Excel has no date for, as text), each
/// whole number a number; every other cell is text as it is (a text cell beginning with `=` is
/// text, never a formula).
pub fn write_cells(
    sheet: &mut rust_xlsxwriter::Worksheet,
    at: u32,
    row: &[Cell],
) -> Result<(), AppError> {
    use rust_xlsxwriter::Format;
    let failed = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("xlsx: {e}"));
    let day_format = Format::new().set_num_format("yyyy/mm/dd");
    for (column, cell) in row.iter().enumerate() {
        let column = u16::try_from(column).map_err(|_| AppError::internal("xlsx: columns"))?;
        match (cell.day, whole_number(&cell.text)) {
            (Some(day), _) => match excel_day(day) {
                Some(date) => {
                    sheet
                        .write_datetime_with_format(at, column, &date, &day_format)
                        .map_err(failed)?;
                }
                // Before 1900 or after 9999 Excel has no date: the day as text (2025-04-01).
                None => {
                    sheet.write_string(at, column, &cell.text).map_err(failed)?;
                }
            },
            (None, Some(number)) => {
                sheet.write_number(at, column, number).map_err(failed)?;
            }
            (None, None) => {
                sheet.write_string(at, column, &cell.text).map_err(failed)?;
            }
        }
    }
    Ok(())
}

/// Rows read a query at a time: each page skips the rows before it (`OFFSET`), so the larger the
/// page, the fewer rows a whole download skips (docs/performance.md, "Imports and exports").
const EXPORT_PAGE: u32 = super::PageRequest::MAX_READ;
/// Bytes gathered before they are sent.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks waiting to be sent before the reading waits for the client.
const CHUNKS_IN_FLIGHT: usize = 4;

/// A list's filter, whose page can be set: the export reads the list page after page.
pub trait Paged: Send + 'static {
    fn at_page(&mut self, page: u32, per_page: u32);
}

/// `Paged` for filters whose `page` and `per_page` are fields
/// (`crate::http::download::paged!(T)`).
macro_rules! paged {
    ($($filter:ty),+ $(,)?) => {
        $(impl $crate::http::download::Paged for $filter {
            fn at_page(&mut self, page: u32, per_page: u32) {
                self.page = Some(page);
                self.per_page = Some(per_page);
            }
        })+
    };
}
pub(crate) use paged;

/// The query of a list: one page of its rows.
pub type Fetch<F> = Box<dyn Fn(&mut DbConnection, &F) -> Result<Page, AppError> + Send>;

/// Why the reading stopped early.
enum Stop {
    /// The client went away: nothing more to do.
    Gone,
    Failed(AppError),
}

impl From<AppError> for Stop {
    fn from(error: AppError) -> Self {
        Self::Failed(error)
    }
}

/// Bytes on their way to the client, sent a chunk at a time.
struct Outlet {
    sender: mpsc::Sender<Result<Bytes, AppError>>,
    buffer: Vec<u8>,
}

impl Outlet {
    fn send(&mut self) -> Result<(), Stop> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buffer,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.sender.blocking_send(Ok(chunk)).map_err(|_| Stop::Gone)
    }
}

impl std::io::Write for Outlet {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= CHUNK_BYTES {
            self.send()
                .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))?;
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A download being written.
enum Writer {
    Csv(Box<csv::Writer<Outlet>>),
    Xlsx {
        book: Box<rust_xlsxwriter::Workbook>,
        next_row: u32,
        outlet: Outlet,
    },
}

fn xlsx_failed(error: rust_xlsxwriter::XlsxError) -> AppError {
    AppError::internal(format!("xlsx: {error}"))
}

impl Writer {
    fn new(format: Download, outlet: Outlet) -> Self {
        match format {
            Download::Csv => Self::Csv(Box::new(people_csv_writer(outlet))),
            Download::Xlsx => Self::Xlsx {
                book: Box::new(rust_xlsxwriter::Workbook::new()),
                next_row: 0,
                outlet,
            },
        }
    }

    /// The first page's sheet and headings (none for an API list with no items: no headings are
    /// known then).
    fn begin(&mut self, table: &Page) -> Result<(), Stop> {
        let headed = !table.headings.is_empty();
        match self {
            Self::Csv(writer) if headed => write_people_row(writer, table.headings.iter())?,
            Self::Csv(_) => {}
            Self::Xlsx { book, next_row, .. } => {
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_failed)?;
                if !table.sheet.is_empty() {
                    sheet.set_name(&table.sheet).map_err(xlsx_failed)?;
                }
                // Widths before any row: the constant-memory sheet writes its rows as they come.
                for column in 0..table.headings.len() {
                    let column = u16::try_from(column).unwrap_or(u16::MAX);
                    sheet.set_column_width(column, 16).map_err(xlsx_failed)?;
                }
                if headed {
                    write_headings(sheet, &table.headings)?;
                    *next_row = 1;
                }
            }
        }
        Ok(())
    }

    fn rows(&mut self, table: &Page) -> Result<(), Stop> {
        match self {
            Self::Csv(writer) => {
                for row in &table.rows {
                    write_people_row(writer, row.iter().map(|cell| cell.text.as_str())).map_err(
                        |error| match writer.get_ref().sender.is_closed() {
                            true => Stop::Gone,
                            false => Stop::Failed(error),
                        },
                    )?;
                }
            }
            Self::Xlsx { book, next_row, .. } => {
                let sheet = book.worksheet_from_index(0).map_err(xlsx_failed)?;
                for row in &table.rows {
                    write_cells(sheet, *next_row, row)?;
                    *next_row += 1;
                }
            }
        }
        Ok(())
    }

    /// The rest of the file, sent.
    fn finish(self) -> Result<(), Stop> {
        match self {
            Self::Csv(writer) => {
                let mut outlet = writer.into_inner().map_err(|_| Stop::Gone)?;
                outlet.send()
            }
            Self::Xlsx {
                mut book,
                mut outlet,
                ..
            } => {
                let io = |e: std::io::Error| AppError::internal(format!("xlsx file: {e}"));
                let mut file = tempfile::tempfile().map_err(io)?;
                book.save_to_writer(&mut file).map_err(xlsx_failed)?;
                drop(book);
                file.seek(SeekFrom::Start(0)).map_err(io)?;
                let mut chunk = vec![0; CHUNK_BYTES];
                loop {
                    let read = file.read(&mut chunk).map_err(io)?;
                    if read == 0 {
                        break;
                    }
                    outlet.buffer.extend_from_slice(&chunk[..read]);
                    outlet.send()?;
                }
                Ok(())
            }
        }
    }
}

/// Reads the whole list in one snapshot and writes it out.
fn write_whole<F: Paged>(
    conn: &mut DbConnection,
    mut filter: F,
    fetch: &Fetch<F>,
    mut writer: Writer,
) -> Result<(), Stop> {
    for page in 1..=u32::MAX {
        filter.at_page(page, EXPORT_PAGE);
        let table = fetch(conn, &filter)?;
        if page == 1 {
            writer.begin(&table)?;
        }
        writer.rows(&table)?;
        if table.rows.len() < EXPORT_PAGE as usize {
            break;
        }
    }
    writer.finish()
}

/// The whole list `filter` finds, as a download named `{file}.csv` or `{file}.xlsx`; or the
/// filters' refusals (the list's query refuses them on its first page, before anything is sent).
pub async fn export<F: Paged>(
    db: &Db,
    file: &str,
    format: Download,
    filter: F,
    fetch: Fetch<F>,
) -> Result<Result<HttpResponse, FieldErrors>, AppError> {
    let (sender, mut receiver) = mpsc::channel(CHUNKS_IN_FLIGHT);
    let db = db.clone();
    let outlet = Outlet {
        sender: sender.clone(),
        buffer: Vec::with_capacity(CHUNK_BYTES),
    };
    actix_web::rt::task::spawn_blocking(move || {
        let writer = Writer::new(format, outlet);
        let outcome =
            db.read_snapshot_blocking(|conn| match write_whole(conn, filter, &fetch, writer) {
                Ok(()) | Err(Stop::Gone) => Ok(()),
                Err(Stop::Failed(error)) => Err(error),
            });
        if let Err(error) = outcome {
            // Before the first chunk, the answer; after it, the download is cut short.
            let _ = sender.blocking_send(Err(error));
        }
    });
    let first = match receiver.recv().await {
        Some(Ok(first)) => first,
        Some(Err(AppError::Validation(errors))) => return Ok(Err(errors)),
        Some(Err(other)) => return Err(other),
        None => Bytes::new(),
    };
    let rest = futures_util::stream::unfold(receiver, |mut receiver| async move {
        let item = receiver.recv().await?;
        let item = item.map_err(|error| {
            tracing::error!(%error, "a list's download was cut short");
            std::io::Error::other("the download failed")
        });
        Some((item, receiver))
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rest,
    );
    let mut answer = match format {
        Download::Csv => csv_download(file),
        Download::Xlsx => xlsx_download(file),
    };
    Ok(Ok(answer.streaming(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_written_as_text() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-3"), "'-3");
        assert_eq!(csv_cell("誤送信"), "誤送信");
    }

    #[test]
    fn a_day_excel_has_no_date_for_is_written_as_text() {
        let day = |text: &str| text.parse::<chrono::NaiveDate>().unwrap();
        assert!(excel_day(day("1900-01-01")).is_some());
        assert!(excel_day(day("9999-12-31")).is_some());
        assert!(excel_day(day("1899-12-31")).is_none());
        assert!(excel_day(day("0150-06-01")).is_none());
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let cells = [Cell {
            text: "0150-06-01".into(),
            day: Some(day("0150-06-01")),
        }];
        write_cells(sheet, 0, &cells).expect("an old day is text, not an error");
    }
}
