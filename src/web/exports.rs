//! A list page's download (`format=csv|xlsx`): the whole filtered list, not the page shown.
//! The list's own query (`fetch`, the one the page runs) is read a page of 500 rows at a time
//! inside one read snapshot (`Db::read_snapshot_blocking`), so a row written meanwhile neither
//! appears twice nor shifts another out; the rows leave as they are read, through a channel of a
//! few 64 KiB chunks, so a list of a million rows is never held whole:
//! - CSV for people streams as it is written;
//! - a workbook is written row by row in `rust_xlsxwriter`'s constant-memory mode (each row to a
//!   temporary file), then the finished file is sent in chunks.

use std::io::{Read, Seek, SeekFrom};

use actix_web::HttpResponse;
use actix_web::web::Bytes;
use tokio::sync::mpsc;

use super::lists::{self, Download, Table};
use crate::db::{Db, DbConnection};
use crate::error::{AppError, FieldErrors};

/// Rows read a query at a time.
const EXPORT_PAGE: u32 = 500;
/// Bytes gathered before they are sent.
const CHUNK_BYTES: usize = 64 * 1024;
/// Chunks waiting to be sent before the reading waits for the client.
const CHUNKS_IN_FLIGHT: usize = 4;

/// A list's filter, whose page can be set: the export reads the list page after page.
pub trait Paged: Send + 'static {
    fn at_page(&mut self, page: u32, per_page: u32);
}

macro_rules! paged {
    ($($filter:ty),+ $(,)?) => {
        $(impl Paged for $filter {
            fn at_page(&mut self, page: u32, per_page: u32) {
                self.page = Some(page);
                self.per_page = Some(per_page);
            }
        })+
    };
}

paged!(
    crate::reports::ReportFilter,
    crate::supervision::ActionFilter,
    crate::supervision::CaseFilter,
    crate::audit::AuditFilter,
    crate::notify::handlers::OutboxFilter,
    crate::hotline::ConsultationFilter,
    crate::hotline::MediationFilter,
    crate::organizations::OrganizationFilter,
    crate::auth::account::UserFilter,
);

/// The query of a list: one page of its rows as the page shows them.
pub type Fetch<F> = Box<dyn Fn(&mut DbConnection, &F) -> Result<Table, AppError> + Send>;

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
            Download::Csv => Self::Csv(Box::new(lists::people_csv_writer(outlet))),
            Download::Xlsx => Self::Xlsx {
                book: Box::new(rust_xlsxwriter::Workbook::new()),
                next_row: 0,
                outlet,
            },
        }
    }

    /// The first page's caption and headings.
    fn begin(&mut self, table: &Table) -> Result<(), Stop> {
        match self {
            Self::Csv(writer) => lists::write_people_row(writer, table.columns.iter())?,
            Self::Xlsx { book, next_row, .. } => {
                let sheet = book
                    .add_worksheet_with_constant_memory()
                    .map_err(xlsx_failed)?;
                if !table.caption.is_empty() {
                    sheet.set_name(table.caption).map_err(xlsx_failed)?;
                }
                // Widths before any row: the constant-memory sheet writes its rows as they come.
                for column in 0..table.columns.len() {
                    let column = u16::try_from(column).unwrap_or(u16::MAX);
                    sheet.set_column_width(column, 16).map_err(xlsx_failed)?;
                }
                lists::write_headings(sheet, &table.columns)?;
                *next_row = 1;
            }
        }
        Ok(())
    }

    fn rows(&mut self, table: &Table) -> Result<(), Stop> {
        match self {
            Self::Csv(writer) => {
                for row in &table.rows {
                    lists::write_people_row(writer, row.iter().map(|cell| cell.text.as_str()))
                        .map_err(|error| match writer.get_ref().sender.is_closed() {
                            true => Stop::Gone,
                            false => Stop::Failed(error),
                        })?;
                }
            }
            Self::Xlsx { book, next_row, .. } => {
                let sheet = book.worksheet_from_index(0).map_err(xlsx_failed)?;
                for row in &table.rows {
                    lists::write_cells(sheet, *next_row, row)?;
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
        Download::Csv => lists::csv_download(file),
        Download::Xlsx => lists::xlsx_download(file),
    };
    Ok(Ok(answer.streaming(body)))
}
