//! Tables as offices exchange them: a CSV in UTF-8 (with or without a BOM) or in Shift_JIS
//! (CP932, as Excel saves a CSV in Japan), told apart by its bytes unless the encoding is named,
//! or a sheet of an XLSX workbook (read with `calamine`). Each kind of record names its columns
//! in one vocabulary (`vocabulary`), imports through one [`importer::Importer`] (`reports::import`,
//! `hotline::import`, …), reads its file here and makes its records from the cells; `template`
//! writes a kind's workbook to fill in.

pub mod cells;
pub mod importer;
pub mod template;
pub mod vocabulary;

use crate::error::{AppError, Refusal};
pub use cells::{Reason, boolean, date, items};
use vocabulary::{Cell, Term, Vocabulary};

/// How the file's bytes are text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Shift_JIS as Windows writes it (CP932, the WHATWG `Shift_JIS`).
    ShiftJis,
}

impl Encoding {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().replace(['-', '_'], "").as_str() {
            "utf8" => Some(Self::Utf8),
            "shiftjis" | "sjis" | "cp932" | "windows31j" => Some(Self::ShiftJis),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::ShiftJis => "Shift_JIS (CP932)",
        }
    }

    /// The encoding's name as a Japanese page writes it.
    pub fn name_ja(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::ShiftJis => "Shift_JIS／CP932",
        }
    }

    /// The text of `bytes` in this encoding (a UTF-8 BOM left out), or the line of the first
    /// byte that is not.
    fn decode(self, bytes: &[u8]) -> Result<String, usize> {
        let line_of = |at: usize| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
        match self {
            Self::Utf8 => {
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
                std::str::from_utf8(bytes)
                    .map(str::to_owned)
                    .map_err(|e| line_of(e.valid_up_to()))
            }
            Self::ShiftJis => encoding_rs::SHIFT_JIS
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map(std::borrow::Cow::into_owned)
                .ok_or_else(|| {
                    // The first line that does not decode.
                    let mut start = 0;
                    for line in bytes.split_inclusive(|b| *b == b'\n') {
                        if encoding_rs::SHIFT_JIS
                            .decode_without_bom_handling_and_without_replacement(line)
                            .is_none()
                        {
                            return line_of(start);
                        }
                        start += line.len();
                    }
                    line_of(start)
                }),
        }
    }
}

/// The file's text: in `forced` encoding, or UTF-8 when its bytes are UTF-8, else Shift_JIS
/// when they are that; with the encoding read.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding), Refused> {
    let refused = |encoding: Encoding, line: usize| {
        Refused(Refusal::NotInEncoding {
            encoding: encoding.name().to_owned(),
            line,
        })
    };
    match forced {
        Some(encoding) => encoding
            .decode(bytes)
            .map(|text| (text, encoding))
            .map_err(|line| refused(encoding, line)),
        None => Encoding::Utf8
            .decode(bytes)
            .map(|text| (text, Encoding::Utf8))
            .or_else(|_| {
                Encoding::ShiftJis
                    .decode(bytes)
                    .map(|text| (text, Encoding::ShiftJis))
            })
            .map_err(|_| {
                let line = Encoding::Utf8.decode(bytes).err().unwrap_or(1);
                Refused(Refusal::NeitherEncoding { line })
            }),
    }
}

/// How a file is read: a CSV in an encoding (told by its bytes when `None`), or a sheet of an
/// XLSX workbook (the first when `None`). An XLSX file is told by its bytes (a ZIP archive).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub encoding: Option<Encoding>,
    pub sheet: Option<String>,
}

/// One data row (numbered from 1 after the heading row): its cells, or why it cannot be read.
pub type Row = (usize, Result<Vec<String>, Vec<Reason>>);

/// The most an XLSX file may hold once expanded: a workbook of a million rows of reports is
/// well under it; a "bomb" whose shared strings expand to gigabytes is refused before it is read.
const MOST_EXPANDED_BYTES: u64 = 512 * 1024 * 1024;

/// What was wrong with the file: with the file as a whole, or with rows (row number from 1 →
/// reasons), or with the service (a 5xx: its cause is for the log).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}", .0.en())]
    File(Refusal),
    #[error("{} row(s) refused; nothing was imported", .0.len())]
    Rows(Vec<(usize, Vec<Reason>)>),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Why a file cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub Refusal);

/// Why a row was not written: refusals of its cells or of the row, or a failure of the service
/// (which ends the import).
#[derive(Debug)]
pub enum RowError {
    Refused(Vec<Reason>),
    Failed(AppError),
}

impl From<Vec<Reason>> for RowError {
    fn from(reasons: Vec<Reason>) -> Self {
        Self::Refused(reasons)
    }
}

impl From<AppError> for RowError {
    /// A refusal of fields or of the row is the row's; any other error is the service's.
    fn from(error: AppError) -> Self {
        match error {
            AppError::Validation(fields) => Self::Refused(
                fields
                    .iter()
                    .flat_map(|(field, why)| why.iter().map(move |w| (field.clone(), w.clone())))
                    .collect(),
            ),
            AppError::Conflict(refusal) => Self::Refused(vec![(String::new(), refusal)]),
            other => Self::Failed(other),
        }
    }
}

/// How a file was read: a CSV in an encoding, or a workbook's sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadAs {
    Csv(Encoding),
    Sheet(String),
}

impl Default for ReadAs {
    fn default() -> Self {
        Self::Csv(Encoding::Utf8)
    }
}

impl ReadAs {
    /// As a page says it: `CSV（UTF-8）`, `Excel ブック（シート「報告」）`.
    pub fn ja(&self) -> String {
        match self {
            Self::Csv(encoding) => format!("CSV（{}）", encoding.name_ja()),
            Self::Sheet(name) => format!("Excel ブック（シート「{name}」）"),
        }
    }
}

/// As the command line says it: `UTF-8`, `Shift_JIS (CP932)`, `XLSX sheet 報告`.
impl std::fmt::Display for ReadAs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Csv(encoding) => f.write_str(encoding.name()),
            Self::Sheet(name) => write!(f, "XLSX sheet {name}"),
        }
    }
}

/// A file as read: its headings as written, its rows, and how it was read.
pub struct Table {
    pub headings: Vec<String>,
    pub rows: Vec<Row>,
    pub read_as: ReadAs,
}

/// Reads the file: a workbook when its bytes are a ZIP archive, else a CSV. `vocabulary` names
/// the field a heading stands for, for the refusals of cells.
pub fn read(
    bytes: &[u8],
    options: &ReadOptions,
    vocabulary: &Vocabulary,
) -> Result<Table, Refused> {
    let (headings, rows, read_as) = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, options.sheet.as_deref(), vocabulary)?
    } else {
        if options.sheet.is_some() {
            return Err(Refused(Refusal::SheetOfCsv));
        }
        read_csv(bytes, options.encoding)?
    };
    Ok(Table {
        headings,
        rows,
        read_as,
    })
}

fn read_csv(
    bytes: &[u8],
    encoding: Option<Encoding>,
) -> Result<(Vec<String>, Vec<Row>, ReadAs), Refused> {
    let (text, encoding) = decode(bytes, encoding)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .map_err(|e| {
            Refused(Refusal::UnreadableFile {
                detail: format!("the header line: {e}"),
            })
        })?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .enumerate()
        .map(|(index, record)| {
            let cells = record
                .map(|record| record.iter().map(unguarded).collect())
                .map_err(|e| {
                    vec![(
                        String::new(),
                        Refusal::UnreadableRow {
                            detail: e.to_string(),
                        },
                    )]
                });
            (index + 1, cells)
        })
        .collect();
    Ok((headings, rows, ReadAs::Csv(encoding)))
}

/// A CSV cell as it was before a download guarded it: CSV for people writes a cell a
/// spreadsheet would read as a formula (`=`, `+`, `-`, `@`) behind a `'`
/// (`http::download`), which a spreadsheet shows as the text; an import reads it the same way.
fn unguarded(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(text) if text.starts_with(['=', '+', '-', '@']) => text.to_owned(),
        _ => cell.to_owned(),
    }
}

/// The sheet's first row as the headings, each later row that is not empty as a data row.
/// Cells are read as their values: a date cell as its day, a whole number without a decimal
/// point. A formula is never read (its value was computed by whoever saved the file): its
/// cell is refused, as is a cell holding an error (`#N/A`).
fn read_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
    vocabulary: &Vocabulary,
) -> Result<(Vec<String>, Vec<Row>, ReadAs), Refused> {
    let field_of = |heading: &str| vocabulary.term(heading).map(|term| term.name);
    use calamine::{Data, Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| {
        Refused(Refusal::UnreadableFile {
            detail: format!("XLSX: {e}"),
        })
    };
    // What each part of the archive says it expands to, checked before anything is expanded.
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let mut expanded: u64 = 0;
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|e| unreadable(&e))?;
        expanded = expanded.saturating_add(part.size());
    }
    if expanded > MOST_EXPANDED_BYTES {
        return Err(Refused(Refusal::WorkbookTooLarge {
            mib: expanded / (1024 * 1024),
            most_mib: MOST_EXPANDED_BYTES / (1024 * 1024),
        }));
    }
    let mut workbook: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                Refused(Refusal::NoSuchSheet {
                    wanted: wanted.to_owned(),
                    sheets: names.clone(),
                })
            })?,
        None => names.first().cloned().ok_or(Refused(Refusal::NoSheet))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| unreadable(&e))?;
    let formulas = workbook
        .worksheet_formula(&name)
        .map_err(|e| unreadable(&e))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut lines = range.rows().enumerate();
    let headings: Vec<String> = lines
        .next()
        .map(|(_, cells)| {
            cells
                .iter()
                .map(|cell| cell.to_string().trim().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (offset, cells) in lines {
        if cells.iter().all(|cell| matches!(cell, Data::Empty)) {
            continue;
        }
        let mut values = Vec::with_capacity(cells.len());
        let mut refused = Vec::new();
        for (column, cell) in cells.iter().enumerate() {
            let heading = headings.get(column).map_or("", String::as_str);
            let at = (top + offset as u32, left + column as u32);
            if let Some(formula) = formulas.get_value(at).filter(|f| !f.is_empty()) {
                refused.push((
                    field_of(heading).unwrap_or(heading).to_owned(),
                    Refusal::FormulaCell {
                        formula: formula.clone(),
                    },
                ));
                values.push(String::new());
                continue;
            }
            values.push(match cell {
                Data::Empty => String::new(),
                Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
                    text.trim().to_owned()
                }
                Data::Int(n) => n.to_string(),
                Data::Float(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => format!("{n:.0}"),
                Data::Float(n) => n.to_string(),
                Data::Bool(b) => b.to_string(),
                Data::DateTime(when) if when.is_datetime() => {
                    let (year, month, day, ..) = when.to_ymd_hms_milli();
                    format!("{year:04}-{month:02}-{day:02}")
                }
                Data::DateTime(when) => when.as_f64().to_string(),
                Data::Error(error) => {
                    refused.push((
                        field_of(heading).unwrap_or(heading).to_owned(),
                        Refusal::ErrorCell {
                            error: error.to_string(),
                        },
                    ));
                    String::new()
                }
            });
        }
        let row = offset;
        rows.push((
            row,
            if refused.is_empty() {
                Ok(values)
            } else {
                Err(refused)
            },
        ));
    }
    Ok((headings, rows, ReadAs::Sheet(name)))
}

/// The field each heading names in `vocabulary`, or why the headings are refused: a heading
/// that names no field, or a field named twice. A column of a derived field (an id, a
/// reference, a deadline) is read, and ignored by the import ([`Sheet::ignored`]).
pub fn fields(headings: &[String], vocabulary: &Vocabulary) -> Result<Vec<String>, ImportError> {
    let field_of = |heading: &str| vocabulary.term(heading).map(|term| term.name);
    let unknown: Vec<&str> = headings
        .iter()
        .map(String::as_str)
        .filter(|h| field_of(h).is_none())
        .collect();
    if !unknown.is_empty() {
        return Err(ImportError::File(Refusal::UnknownColumns {
            columns: unknown.into_iter().map(str::to_owned).collect(),
        }));
    }
    let header: Vec<String> = headings
        .iter()
        .filter_map(|h| field_of(h))
        .map(str::to_owned)
        .collect();
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(ImportError::File(Refusal::ColumnTwice {
            column: twice.clone(),
        }));
    }
    Ok(header)
}

/// The record a row stands for: its cells as the API's JSON body (`body`), read and checked as
/// the API reads and checks one, or the row's refusals — the cells this reading refused already
/// (`refused`), then the body's refusals of other fields.
pub fn checked<T: serde::de::DeserializeOwned + validator::Validate>(
    body: serde_json::Map<String, serde_json::Value>,
    refused: Vec<Reason>,
) -> Result<T, Vec<Reason>> {
    let bytes = serde_json::to_vec(&serde_json::Value::Object(body)).unwrap_or_default();
    let parsed = crate::http::parse_json::<T>(&bytes);
    let mut reasons = refused;
    match parsed {
        Ok(record) if reasons.is_empty() => return Ok(record),
        Ok(_) => {}
        Err(AppError::Validation(fields)) => {
            // A refused cell is named once, by its own reason.
            let already: Vec<String> = reasons.iter().map(|(field, _)| field.clone()).collect();
            reasons.extend(
                fields
                    .iter()
                    .filter(|(field, _)| !already.contains(field))
                    .flat_map(|(field, why)| why.iter().map(move |w| (field.clone(), w.clone()))),
            );
        }
        Err(other) => reasons.push((
            String::new(),
            Refusal::UnreadableRow {
                detail: other.to_string(),
            },
        )),
    }
    Err(reasons)
}

/// How an import reads one cell itself, rather than as its field's [`Cell`] says.
pub enum Special {
    /// This value.
    Value(serde_json::Value),
    /// Nothing: the cell is refused (its reason added) or read elsewhere.
    Skip,
    /// As its field's vocabulary says.
    Vocabulary,
}

/// A row's cells as the API's JSON body: each cell that is not empty, under its column's field
/// name, read as its field's [`Cell`] says ([`Vocabulary::read`]) unless `special` reads it;
/// a derived field's cell is left out. A cell refused as it is read is left out with its
/// reason added to the refusals (which [`checked`] then reports before the body's own).
pub fn body(
    vocabulary: &Vocabulary,
    header: &[String],
    cells: &[String],
    mut special: impl FnMut(&str, &str, &mut Vec<Reason>) -> Special,
) -> (serde_json::Map<String, serde_json::Value>, Vec<Reason>) {
    let mut body = serde_json::Map::new();
    let mut refused = Vec::new();
    for (name, cell) in header.iter().zip(cells.iter().map(String::as_str)) {
        if cell.is_empty() {
            continue;
        }
        let read = match special(name, cell, &mut refused) {
            Special::Value(value) => Some(value),
            Special::Skip => None,
            Special::Vocabulary => match vocabulary.of(name) {
                Some(term) if !term.is_derived() => Vocabulary::read(term, cell, &mut refused),
                _ => None,
            },
        };
        if let Some(read) = read {
            body.insert(name.clone(), read);
        }
    }
    (body, refused)
}

/// Finds an organization a cell names by name (its number is read as it is): its id, or None
/// with the refusal of the field added to the refusals. An import hands it its register's
/// lookup (`records::organizations::named_in_cell`); a test, one of its own.
pub type OrganizationNamed<'a> =
    dyn FnMut(&str, &str, &mut Vec<Reason>) -> Result<Option<i64>, AppError> + 'a;

/// Adds to `body` the organizations of a row's cells that name one by name, found by `named`.
pub fn name_organizations(
    vocabulary: &Vocabulary,
    header: &[String],
    cells: &[String],
    body: &mut serde_json::Map<String, serde_json::Value>,
    refused: &mut Vec<Reason>,
    named: &mut OrganizationNamed<'_>,
) -> Result<(), AppError> {
    for (name, cell) in header.iter().zip(cells) {
        let by_name = vocabulary
            .of(name)
            .is_some_and(|term| matches!(term.cell, Cell::Organization))
            && !cell.is_empty()
            && cell.parse::<i64>().is_err();
        if by_name && let Some(id) = named(name, cell, refused)? {
            body.insert(name.clone(), serde_json::Value::from(id));
        }
    }
    Ok(())
}

/// A row's `id` (a download's own column): the id its record had where it was downloaded.
pub fn id_of(header: &[String], cells: &[String]) -> Option<i64> {
    cell(header, cells, "id").and_then(|id| id.parse().ok())
}

/// The cell of the column of field `name` in a row, when the file has one and it is not empty.
pub fn cell<'a>(header: &[String], cells: &'a [String], name: &str) -> Option<&'a str> {
    header
        .iter()
        .position(|field| field == name)
        .and_then(|at| cells.get(at))
        .map(String::as_str)
        .filter(|cell| !cell.is_empty())
}

/// Writes a record for every row of a file in one write transaction of `actor`, all rows or
/// none: `each` makes and writes one row's record (in the transaction) or gives the row's
/// refusals; once every row is written, `last` writes what the rows held to write together.
/// The rows' audit rows are held too ([`WriteTx::hold_records`](crate::db::WriteTx::hold_records)).
/// Any refusal rolls every row back and is answered with all the others
/// ([`ImportError::Rows`]); a dry run writes every row, then rolls back whatever it found. The
/// rows' outcomes, in order.
pub fn write_rows<T>(
    db: &crate::db::Db,
    actor: &crate::db::Actor,
    rows: Vec<Row>,
    dry_run: bool,
    mut each: impl FnMut(
        &mut crate::db::WriteTx<'_>,
        usize,
        Result<Vec<String>, Vec<Reason>>,
    ) -> Result<T, RowError>,
    last: impl FnOnce(&mut crate::db::WriteTx<'_>) -> Result<(), AppError>,
) -> Result<Vec<T>, ImportError> {
    let mut refused: Vec<(usize, Vec<Reason>)> = Vec::new();
    let mut checked = None;
    let outcome = db.write_blocking(actor, |tx| {
        // Row after row records an import: their audit rows are written a batch at a time.
        tx.hold_records();
        let mut done = Vec::with_capacity(rows.len());
        for (row, cells) in rows {
            match each(tx, row, cells) {
                Ok(outcome) => done.push(outcome),
                Err(RowError::Refused(why)) => refused.push((row, why)),
                Err(RowError::Failed(error)) => return Err(error),
            }
        }
        if !refused.is_empty() {
            // An error rolls the whole file back; the refusals leave through `refused`.
            return Err(AppError::Conflict(Refusal::ImportRefused));
        }
        last(tx)?;
        // A file whose every row is held already (skipped as a duplicate) changes nothing.
        if tx.recorded() == 0 {
            tx.nothing_changed();
        }
        if dry_run {
            checked = Some(done);
            Err(AppError::Conflict(Refusal::DryRun))
        } else {
            Ok(done)
        }
    });
    if !refused.is_empty() {
        return Err(ImportError::Rows(refused));
    }
    match (checked, outcome) {
        (Some(checked), Err(AppError::Conflict(Refusal::DryRun))) => Ok(checked),
        (_, outcome) => Ok(outcome?),
    }
}

/// A file to import: its name (for the audit), its bytes, and how it is read.
pub struct File<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
    pub options: ReadOptions,
}

/// Imports `file`: reads it ([`records`], its headings naming fields in `vocabulary`), then
/// writes a record for every row in one transaction ([`write_rows`]; `each` gets the columns,
/// the row's number and its cells). The rows' outcomes, and what was done.
pub fn import<T>(
    db: &crate::db::Db,
    actor: &crate::db::Actor,
    file: &File<'_>,
    dry_run: bool,
    vocabulary: &Vocabulary,
    mut each: impl FnMut(
        &mut crate::db::WriteTx<'_>,
        &[String],
        usize,
        Result<Vec<String>, Vec<Reason>>,
    ) -> Result<T, RowError>,
) -> Result<(Vec<T>, Imported), ImportError> {
    let Sheet {
        header,
        rows,
        read_as,
        ignored,
    } = records(file.bytes, &file.options, vocabulary)?;
    let done = write_rows(
        db,
        actor,
        rows,
        dry_run,
        |tx, row, cells| each(tx, &header, row, cells),
        |_| Ok(()),
    )?;
    let imported = Imported {
        records: done.len(),
        incidents: None,
        read_as,
        written: !dry_run,
        ignored,
        duplicates: Vec::new(),
    };
    Ok((done, imported))
}

/// What an import did, or would do (`written` false: a dry run): how many records it wrote and,
/// for reports, to how many incidents; how the file was read; the columns it ignored (derived
/// fields, by their headings); and the rows it skipped as duplicates of records already held
/// (row number, and the reference they repeat).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub records: usize,
    pub incidents: Option<usize>,
    pub read_as: ReadAs,
    pub written: bool,
    pub ignored: Vec<String>,
    pub duplicates: Vec<(usize, String)>,
}

/// A file as read for an import: its columns (the fields their headings name), its rows, how it
/// was read, and the headings of the derived fields' columns, which the import ignores.
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub read_as: ReadAs,
    pub ignored: Vec<String>,
}

/// Reads a file for an import: headings that each name a field of `vocabulary`, and at least
/// one row, or why not.
pub fn records(
    bytes: &[u8],
    options: &ReadOptions,
    vocabulary: &Vocabulary,
) -> Result<Sheet, ImportError> {
    let Table {
        headings,
        rows,
        read_as,
    } = read(bytes, options, vocabulary).map_err(|Refused(why)| ImportError::File(why))?;
    let header = fields(&headings, vocabulary)?;
    if rows.is_empty() {
        return Err(ImportError::File(Refusal::NoRows));
    }
    let rows = in_recorded_order(&header, rows);
    let ignored = headings
        .iter()
        .zip(&header)
        .filter(|(_, field)| vocabulary.of(field).is_some_and(Term::is_derived))
        .map(|(heading, _)| heading.clone())
        .collect();
    Ok(Sheet {
        header,
        rows,
        read_as,
        ignored,
    })
}

/// A file's rows in the order their records were recorded, when the file says it — a download
/// of the product lists the newest first, with each record's `id`: a final report after its
/// preliminary one, an order after the recommendation it follows. A file without an `id` for
/// every row keeps its own order.
pub fn in_recorded_order(header: &[String], mut rows: Vec<Row>) -> Vec<Row> {
    let Some(at) = header.iter().position(|field| field == "id") else {
        return rows;
    };
    let id = |row: &Row| {
        row.1
            .as_ref()
            .ok()
            .and_then(|cells| cells.get(at))
            .and_then(|cell| cell.parse::<i64>().ok())
    };
    if rows.iter().all(|row| id(row).is_some()) {
        rows.sort_by_key(|row| id(row));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp932(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn a_list_a_download_wrote_is_read_back_item_by_item() {
        for list in [
            vec!["氏名"],
            vec!["氏名、住所"],
            vec!["氏名、住所", "電話番号"],
            vec!["氏名", "住所", "電話番号"],
        ] {
            let list: Vec<String> = list.into_iter().map(str::to_owned).collect();
            let cell = crate::http::download::list_cell(&list);
            assert_eq!(items(&cell), list, "{list:?}");
        }
        // Offices' own cells: 、 and line breaks separate too.
        assert_eq!(items("氏名、住所\n電話番号"), ["氏名", "住所", "電話番号"]);
    }

    #[test]
    fn a_cell_a_download_guarded_as_text_is_read_as_it_was() {
        let text = "概要,備考\n'=1+1 顧客名簿,'+81 3 0000 0000\n'そのまま,'-\n";
        let table = read(
            text.as_bytes(),
            &ReadOptions::default(),
            &Vocabulary {
                kind: "tests",
                terms: &[],
            },
        )
        .unwrap();
        let cells: Vec<Vec<String>> = table
            .rows
            .into_iter()
            .map(|(_, cells)| cells.unwrap())
            .collect();
        assert_eq!(
            cells,
            [["=1+1 顧客名簿", "+81 3 0000 0000"], ["'そのまま", "-"]]
        );
    }

    #[test]
    fn a_download_listed_newest_first_is_written_in_the_order_recorded() {
        let header: Vec<String> = ["id", "stage"].map(str::to_owned).to_vec();
        let row = |n: usize, id: &str| (n, Ok(vec![id.to_owned(), "速報".to_owned()]));
        let order = |rows: Vec<Row>| -> Vec<usize> {
            in_recorded_order(&header, rows)
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(
            order(vec![row(1, "12"), row(2, "3"), row(3, "7")]),
            [2, 3, 1]
        );
        // A row without an id (a file of the office's own): the file's order.
        assert_eq!(
            order(vec![row(1, "12"), row(2, ""), row(3, "7")]),
            [1, 2, 3]
        );
    }

    #[test]
    fn a_file_is_read_as_utf8_or_as_shift_jis_by_its_bytes() {
        let text = "概要,本人の数\n顧客名簿を紛失した,10\n";
        assert_eq!(
            decode(text.as_bytes(), None).unwrap(),
            (text.to_owned(), Encoding::Utf8)
        );
        let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&bom, None).unwrap().0, text);
        // As Excel in Japan saves it, with a character only CP932 has (①).
        let excel = "概要,本人の数\r\n①顧客名簿を紛失した,10\r\n";
        assert_eq!(
            decode(&cp932(excel), None).unwrap(),
            (excel.to_owned(), Encoding::ShiftJis)
        );
        // Forced: the encoding named is the one read.
        assert_eq!(
            decode(&cp932(excel), Some(Encoding::ShiftJis)).unwrap().0,
            excel
        );
    }

    #[test]
    fn bytes_of_neither_encoding_are_refused_with_their_line() {
        let excel = cp932("概要\r\n顧客名簿\r\n");
        let Err(Refused(why)) = decode(&excel, Some(Encoding::Utf8)) else {
            panic!("a Shift_JIS file is not UTF-8");
        };
        let why = why.en();
        assert!(why.starts_with("line 1 is not UTF-8"), "{why}");
        // A byte that begins a two-byte character at the end of line 3, in neither encoding.
        let broken = [b"summary\nok\nbad \x81".as_slice()].concat();
        let Err(Refused(why)) = decode(&broken, None) else {
            panic!("neither encoding");
        };
        let why = why.en();
        assert!(
            why.starts_with("line 3 is neither UTF-8 nor Shift_JIS"),
            "{why}"
        );
        let Err(Refused(why)) = decode(&broken, Some(Encoding::ShiftJis)) else {
            panic!("not Shift_JIS");
        };
        let why = why.en();
        assert!(why.starts_with("line 3 is not Shift_JIS"), "{why}");
    }

    /// An archive that says its shared strings expand to 4 GiB (a "bomb": the real data is a few
    /// bytes here, but the declared size is what a reader would allocate for) is refused before
    /// anything is expanded.
    #[test]
    fn a_workbook_that_says_it_expands_to_gigabytes_is_refused_unread() {
        use std::io::Write;
        let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        archive.start_file("xl/sharedStrings.xml", stored).unwrap();
        archive.write_all(b"<sst/>").unwrap();
        let mut bytes = archive.finish().unwrap().into_inner();
        // The central directory's record of the part: its uncompressed size, at offset 24.
        let record = bytes
            .windows(4)
            .position(|w| w == b"PK\x01\x02")
            .expect("a central directory");
        bytes[record + 24..record + 28].copy_from_slice(&0xFFFF_FFF0_u32.to_le_bytes());
        let nothing = Vocabulary {
            kind: "tests",
            terms: &[],
        };
        let Err(Refused(why)) = read(&bytes, &ReadOptions::default(), &nothing) else {
            panic!("a bomb is refused");
        };
        let why = why.en();
        assert!(why.starts_with("the workbook expands to 4095 MiB"), "{why}");
    }
}
