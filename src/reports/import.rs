//! `leakdesk import reports FILE.csv`: staff load historical records. The file is UTF-8 (with or
//! without a BOM) or Shift_JIS (CP932, as Excel saves a CSV in Japan), told apart by its bytes
//! unless `--encoding` says. The columns are the report body's field names (API.md) or the
//! labels of the report form (概要, 本人の数, 受付日, …); a choice may be its code or its label
//! (`preliminary` or 速報); `data_items` separates items with `|` or line breaks; an empty cell is
//! an absent field; booleans are `true`/`false` (or `1`/`0`, `yes`/`no`, はい/いいえ, あり/なし,
//! 有/無, ○/×); dates are `YYYY-MM-DD`, `YYYY/MM/DD` or era dates (令和元年10月1日, R1.10.1:
//! `domain::labels::parse_date`). A final report completes a preliminary one on an earlier row with
//! `preliminary_row` (the data row's number, from 1), or an existing one with
//! `preliminary_report_id`. Every row passes the same checks as `POST /api/v1/reports`, in one
//! transaction (`commands::import_reports`): all rows are written, or none; a dry run checks
//! them all and writes nothing. This module reads the file.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::NewReport;
use crate::domain::labels::parse_date;
use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::Regime;
use crate::error::AppError;
use crate::http::parse_json;

const INTEGER_COLUMNS: &[&str] = &[
    "organization_id",
    "persons_affected",
    "contractor_organization_id",
    "preliminary_report_id",
];
const BOOLEAN_COLUMNS: &[&str] = &[
    "persons_estimated",
    "sensitive_data",
    "financial_damage_risk",
    "unlawful_purpose",
    "ordinance_sensitive",
    "network_system",
    "publicly_viewable",
    "strongly_encrypted",
];
const TEXT_COLUMNS: &[&str] = &[
    "regime",
    "stage",
    "aware_on",
    "occurred_on",
    "received_on",
    "summary",
    "cause",
    "secondary_damage",
    "response_to_individuals",
    "publication",
    "prevention_measures",
    "notes",
    "received_via",
];
const DATE_COLUMNS: &[&str] = &["aware_on", "occurred_on", "received_on"];
const LIST_COLUMN: &str = "data_items";
const ROW_COLUMN: &str = "preliminary_row";

/// The labels of the report form (`web::reports`), each the heading of its field's column; the
/// form's own labels are checked against these by its tests.
pub const HEADINGS: &[(&str, &str)] = &[
    ("報告者", "organization_id"),
    ("報告者番号", "organization_id"),
    ("適用される法令", "regime"),
    ("報告の種類", "stage"),
    ("対応する速報の報告番号", "preliminary_report_id"),
    ("対応する速報の行", ROW_COLUMN),
    ("漏えい等を知った日", "aware_on"),
    ("発生日", "occurred_on"),
    ("受付日", "received_on"),
    ("受付経路", "received_via"),
    ("概要", "summary"),
    ("項目", LIST_COLUMN),
    ("本人の数", "persons_affected"),
    (
        "本人の数は概数（最大となり得る数）である",
        "persons_estimated",
    ),
    ("要配慮個人情報が含まれる", "sensitive_data"),
    (
        "不正に利用されることにより財産的被害が生じるおそれがある",
        "financial_damage_risk",
    ),
    ("不正の目的をもって行われたおそれがある", "unlawful_purpose"),
    (
        "条例要配慮個人情報が含まれる（地方公共団体）",
        "ordinance_sensitive",
    ),
    (
        "情報提供ネットワークシステム又は個人番号利用事務等を処理するシステムからの漏えい等（番号利用法）",
        "network_system",
    ),
    (
        "不特定多数の者に閲覧され、又は閲覧されるおそれがある（番号利用法）",
        "publicly_viewable",
    ),
    (
        "高度な暗号化その他の個人の権利利益を保護するために必要な措置が講じられている",
        "strongly_encrypted",
    ),
    ("原因", "cause"),
    ("二次被害", "secondary_damage"),
    ("本人への対応", "response_to_individuals"),
    ("公表", "publication"),
    ("再発防止策", "prevention_measures"),
    ("その他", "notes"),
    (
        "委託先の報告者番号（連名で報告する場合）",
        "contractor_organization_id",
    ),
];

/// The field a column heading names: a field name, or a label of [`HEADINGS`].
pub fn column(heading: &str) -> Option<&'static str> {
    let known = INTEGER_COLUMNS
        .iter()
        .chain(BOOLEAN_COLUMNS)
        .chain(TEXT_COLUMNS)
        .chain([&LIST_COLUMN, &ROW_COLUMN])
        .find(|name| **name == heading)
        .copied();
    known.or_else(|| {
        HEADINGS
            .iter()
            .find(|(label, _)| *label == heading)
            .map(|(_, name)| *name)
    })
}

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
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<(String, Encoding), ImportError> {
    let refused = |encoding: Encoding, line: usize| {
        ImportError::File(format!(
            "line {line} is not {}; save the file as UTF-8 or Shift_JIS (CP932), or name its encoding with --encoding",
            encoding.name()
        ))
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
                ImportError::File(format!(
                    "line {line} is neither UTF-8 nor Shift_JIS (CP932); name the file's encoding with --encoding"
                ))
            }),
    }
}

/// What was wrong with the file: with the header, or with rows (row number from 1 → reasons).
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(String),
    #[error("{} row(s) refused; nothing was imported", .0.len())]
    Rows(Vec<(usize, Vec<String>)>),
    #[error(transparent)]
    App(#[from] AppError),
}

#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub reports: usize,
    /// The incidents the reports were filed to (opened, or completed).
    pub incidents: usize,
    /// How the file was read: its encoding, or its workbook's sheet.
    pub read_as: String,
    /// False for a dry run: nothing was written.
    pub written: bool,
}

/// How a file is read: a CSV in an encoding (told by its bytes when `None`), or a sheet of an
/// XLSX workbook (the first when `None`). An XLSX file is told by its bytes (a ZIP archive).
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub encoding: Option<Encoding>,
    pub sheet: Option<String>,
}

/// One data row (numbered from 1 after the heading row): its cells, or why it cannot be read.
pub type Row = (usize, Result<Vec<String>, Vec<String>>);

/// A file as read: its columns (the fields their headings name), its rows, and how it was read
/// (`UTF-8`, `Shift_JIS (CP932)`, `XLSX sheet 報告`).
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
    pub read_as: String,
}

/// The most an XLSX file may hold once expanded: a workbook of a million rows of reports is
/// well under it; a "bomb" whose shared strings expand to gigabytes is refused before it is read.
const MOST_EXPANDED_BYTES: u64 = 512 * 1024 * 1024;

/// Reads the file: known headings and at least one row, or why not.
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Sheet, ImportError> {
    let (headings, rows, read_as) = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, options.sheet.as_deref())?
    } else {
        if options.sheet.is_some() {
            return Err(ImportError::File(
                "--sheet names a sheet of an XLSX workbook; this file is a CSV".into(),
            ));
        }
        read_csv(bytes, options.encoding)?
    };
    let header = check_header(&headings)?;
    if rows.is_empty() {
        return Err(ImportError::File(
            "the file has a header but no rows".into(),
        ));
    }
    Ok(Sheet {
        header,
        rows,
        read_as,
    })
}

fn read_csv(
    bytes: &[u8],
    encoding: Option<Encoding>,
) -> Result<(Vec<String>, Vec<Row>, String), ImportError> {
    let (text, encoding) = decode(bytes, encoding)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::File(format!("cannot read the header line: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .enumerate()
        .map(|(index, record)| {
            let cells = record
                .map(|record| record.iter().map(str::to_owned).collect())
                .map_err(|e| vec![format!("unreadable: {e}")]);
            (index + 1, cells)
        })
        .collect();
    Ok((headings, rows, encoding.name().to_owned()))
}

/// The sheet's first row as the headings, each later row that is not empty as a data row.
/// Cells are read as their values: a date cell as its day, a whole number without a decimal
/// point. A formula is never read (its value was computed by whoever saved the file): its
/// cell is refused, as is a cell holding an error (`#N/A`).
fn read_xlsx(
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<(Vec<String>, Vec<Row>, String), ImportError> {
    use calamine::{Data, Reader, Xlsx};
    let unreadable = |e: &dyn std::fmt::Display| {
        ImportError::File(format!("cannot read the XLSX workbook: {e}"))
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
        return Err(ImportError::File(format!(
            "the workbook expands to {} MiB, more than the {} MiB a workbook may hold",
            expanded / (1024 * 1024),
            MOST_EXPANDED_BYTES / (1024 * 1024)
        )));
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
                ImportError::File(format!(
                    "the workbook has no sheet {wanted}; its sheets: {}",
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| ImportError::File("the workbook has no sheet".into()))?,
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
                refused.push(format!(
                    "{}: a formula (={formula}) is not read; enter its value",
                    column_name(heading)
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
                    refused.push(format!(
                        "{}: the cell holds an error ({error})",
                        column_name(heading)
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
    Ok((headings, rows, format!("XLSX sheet {name}")))
}

/// The field a heading names, or the heading itself, for a refusal.
fn column_name(heading: &str) -> &str {
    column(heading).unwrap_or(heading)
}

/// The report one row stands for (`filed`: the report ids of earlier rows, for
/// `preliminary_row`), or the row's refusals as lines `field: why`.
pub fn report_of(
    sheet_header: &[String],
    cells: Result<Vec<String>, Vec<String>>,
    filed: &HashMap<usize, i64>,
) -> Result<NewReport, Vec<String>> {
    cells.and_then(|cells| row_to_report(sheet_header, &cells, filed))
}

/// The field each heading names, or why the headings are refused.
fn check_header(headings: &[String]) -> Result<Vec<String>, ImportError> {
    let unknown: Vec<&str> = headings
        .iter()
        .map(String::as_str)
        .filter(|h| column(h).is_none())
        .collect();
    if !unknown.is_empty() {
        return Err(ImportError::File(format!(
            "unknown column(s): {}; the columns are the report body's field names or the report form's labels",
            unknown.join(", ")
        )));
    }
    let header: Vec<String> = headings
        .iter()
        .filter_map(|h| column(h))
        .map(str::to_owned)
        .collect();
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(ImportError::File(format!("column {twice} appears twice")));
    }
    Ok(header)
}

/// A choice's code, given its code or its Japanese label.
fn choice_code(name: &str, cell: &str) -> Option<&'static str> {
    fn find<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        label: fn(T) -> &'static str,
        cell: &str,
    ) -> Option<&'static str> {
        all.iter()
            .find(|choice| code(**choice) == cell || label(**choice) == cell)
            .map(|choice| code(*choice))
    }
    match name {
        "regime" => find(Regime::ALL, Regime::as_str, Regime::label_ja, cell),
        "stage" => find(Stage::ALL, Stage::as_str, Stage::label_ja, cell),
        "cause" => find(Cause::ALL, Cause::as_str, Cause::label_ja, cell),
        "received_via" => find(
            ReceivedVia::ALL,
            ReceivedVia::as_str,
            ReceivedVia::label_ja,
            cell,
        ),
        _ => None,
    }
}

/// One row as the JSON body the API would have received, then deserialised and validated.
fn row_to_report(
    header: &[String],
    record: &[String],
    filed: &HashMap<usize, i64>,
) -> Result<NewReport, Vec<String>> {
    let mut body = Map::new();
    // Cells this reading refuses; the body's own checks add the others.
    let mut refused: Vec<(&str, String)> = Vec::new();
    for (name, cell) in header.iter().zip(record.iter().map(String::as_str)) {
        if cell.is_empty() {
            continue;
        }
        let name = name.as_str();
        if name == ROW_COLUMN {
            let linked = cell
                .parse::<usize>()
                .ok()
                .and_then(|row| filed.get(&row).copied().map(|id| (row, id)));
            match linked {
                Some((_, id)) => body.insert("preliminary_report_id".into(), Value::from(id)),
                None => {
                    return Err(vec![format!(
                        "{ROW_COLUMN}: {cell} is not an earlier row that was accepted"
                    )]);
                }
            };
            continue;
        }
        let value = if INTEGER_COLUMNS.contains(&name) {
            cell.parse::<i64>()
                .map_or_else(|_| Value::from(cell), Value::from)
        } else if BOOLEAN_COLUMNS.contains(&name) {
            match cell.to_lowercase().as_str() {
                "true" | "1" | "yes" | "はい" | "あり" | "有" | "○" | "〇" => {
                    Value::Bool(true)
                }
                "false" | "0" | "no" | "いいえ" | "なし" | "無" | "×" => Value::Bool(false),
                _ => Value::from(cell),
            }
        } else if name == LIST_COLUMN {
            Value::from(
                cell.split(['|', '\n'])
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .collect::<Vec<_>>(),
            )
        } else if DATE_COLUMNS.contains(&name) {
            match parse_date(cell) {
                Some(date) => Value::from(date.to_string()),
                None => {
                    refused.push((
                        name,
                        format!(
                            "{name}: {cell} is not a date (YYYY-MM-DD, YYYY/MM/DD, 令和元年10月1日 or R1.10.1)"
                        ),
                    ));
                    continue;
                }
            }
        } else if let Some(code) = choice_code(name, cell) {
            Value::from(code)
        } else {
            Value::from(cell)
        };
        body.insert(name.to_owned(), value);
    }
    let bytes = serde_json::to_vec(&Value::Object(body)).unwrap_or_default();
    let parsed = parse_json::<NewReport>(&bytes);
    if refused.is_empty() {
        return parsed.map_err(|e| reasons(&e));
    }
    // The body's checks of the other fields too; a refused cell is named once, by its reason.
    let mut lines: Vec<String> = refused.iter().map(|(_, why)| why.clone()).collect();
    if let Err(error) = parsed {
        lines.extend(reasons(&error).into_iter().filter(|line| {
            !refused
                .iter()
                .any(|(name, _)| line.starts_with(&format!("{name}:")))
        }));
    }
    Err(lines)
}

/// An error as lines `field: why`.
pub fn reasons(error: &AppError) -> Vec<String> {
    match error {
        AppError::Validation(fields) => fields
            .iter()
            .flat_map(|(field, why)| why.iter().map(move |w| format!("{field}: {}", w.en())))
            .collect(),
        other => vec![other.to_string()],
    }
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
        let Err(ImportError::File(why)) = decode(&excel, Some(Encoding::Utf8)) else {
            panic!("a Shift_JIS file is not UTF-8");
        };
        assert!(why.starts_with("line 1 is not UTF-8"), "{why}");
        // A byte that begins a two-byte character at the end of line 3, in neither encoding.
        let broken = [b"summary\nok\nbad \x81".as_slice()].concat();
        let Err(ImportError::File(why)) = decode(&broken, None) else {
            panic!("neither encoding");
        };
        assert!(
            why.starts_with("line 3 is neither UTF-8 nor Shift_JIS"),
            "{why}"
        );
        let Err(ImportError::File(why)) = decode(&broken, Some(Encoding::ShiftJis)) else {
            panic!("not Shift_JIS");
        };
        assert!(why.starts_with("line 3 is not Shift_JIS"), "{why}");
    }

    #[test]
    fn headings_are_field_names_or_the_forms_labels() {
        assert_eq!(column("summary"), Some("summary"));
        assert_eq!(column("概要"), Some("summary"));
        assert_eq!(column("受付日"), Some("received_on"));
        assert_eq!(column("対応する速報の行"), Some("preliminary_row"));
        assert_eq!(column("colour"), None);
        assert_eq!(choice_code("stage", "確報"), Some("final"));
        assert_eq!(choice_code("stage", "final"), Some("final"));
        assert_eq!(choice_code("stage", "最終"), None);
    }
}
