//! `leakdesk import reports FILE.csv`: staff load historical records. The columns are the report
//! body's field names (API.md); `data_items` separates items with `|`; an empty cell is an
//! absent field; booleans are `true`/`false` (or `1`/`0`, `yes`/`no`). A final report completes
//! a preliminary one on an earlier row with `preliminary_row` (the data row's number, from 1),
//! or an existing one with `preliminary_report_id`. Every row passes the same checks as
//! `POST /api/v1/reports`, in one transaction (`commands::import_reports`): all rows are written,
//! or none. This module reads the file.

use std::collections::HashMap;
use std::io::Read;

use serde_json::{Map, Value};

use super::NewReport;
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
const LIST_COLUMN: &str = "data_items";
const ROW_COLUMN: &str = "preliminary_row";

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
}

/// A CSV file as read: its header (checked) and its rows.
pub struct Sheet {
    pub header: Vec<String>,
    pub rows: Vec<Result<csv::StringRecord, csv::Error>>,
}

/// Reads the CSV: a known header and at least one row, or why not.
pub fn read(input: impl Read) -> Result<Sheet, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::File(format!("cannot read the header line: {e}")))?
        .iter()
        .map(str::to_owned)
        .collect();
    check_header(&header)?;
    let rows: Vec<Result<csv::StringRecord, csv::Error>> = reader.records().collect();
    if rows.is_empty() {
        return Err(ImportError::File(
            "the file has a header but no rows".into(),
        ));
    }
    Ok(Sheet { header, rows })
}

/// The report one row stands for (`filed`: the report ids of earlier rows, for
/// `preliminary_row`), or the row's refusals as lines `field: why`.
pub fn report_of(
    sheet_header: &[String],
    record: Result<csv::StringRecord, csv::Error>,
    filed: &HashMap<usize, i64>,
) -> Result<NewReport, Vec<String>> {
    record
        .map_err(|e| vec![format!("unreadable: {e}")])
        .and_then(|record| row_to_report(sheet_header, &record, filed))
}

fn check_header(header: &[String]) -> Result<(), ImportError> {
    let known = |name: &str| {
        INTEGER_COLUMNS.contains(&name)
            || BOOLEAN_COLUMNS.contains(&name)
            || TEXT_COLUMNS.contains(&name)
            || name == LIST_COLUMN
            || name == ROW_COLUMN
    };
    let unknown: Vec<&str> = header
        .iter()
        .map(String::as_str)
        .filter(|h| !known(h))
        .collect();
    if !unknown.is_empty() {
        return Err(ImportError::File(format!(
            "unknown column(s): {}; the columns are the report body's field names",
            unknown.join(", ")
        )));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = header.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(ImportError::File(format!("column {twice} appears twice")));
    }
    Ok(())
}

/// One row as the JSON body the API would have received, then deserialised and validated.
fn row_to_report(
    header: &[String],
    record: &csv::StringRecord,
    filed: &HashMap<usize, i64>,
) -> Result<NewReport, Vec<String>> {
    let mut body = Map::new();
    for (name, cell) in header.iter().zip(record.iter()) {
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
            match cell.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" => Value::Bool(true),
                "false" | "0" | "no" => Value::Bool(false),
                _ => Value::from(cell),
            }
        } else if name == LIST_COLUMN {
            Value::from(cell.split('|').map(str::trim).collect::<Vec<_>>())
        } else {
            Value::from(cell)
        };
        body.insert(name.to_owned(), value);
    }
    let bytes = serde_json::to_vec(&Value::Object(body)).unwrap_or_default();
    parse_json::<NewReport>(&bytes).map_err(|e| reasons(&e))
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
