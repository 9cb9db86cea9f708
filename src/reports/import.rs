//! `leakdesk import reports FILE.csv`: staff load historical records. The file is UTF-8 (with or
//! without a BOM) or Shift_JIS (CP932, as Excel saves a CSV in Japan), told apart by its bytes
//! unless `--encoding` says. The columns are the report body's field names (API.md) or the
//! labels of the report form (概要, 本人の数, 受付日, …); a choice may be its code or its label
//! (`preliminary` or 速報); `data_items` separates items with `|`, `、` or line breaks; an empty cell is
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
use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::Regime;
use crate::error::Refusal;
use crate::sheets;
pub use crate::sheets::{Encoding, ImportError, Imported, ReadOptions};

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

/// The report one row stands for (`filed`: the report ids of earlier rows, for
/// `preliminary_row`), or the row's refusals as lines `field: why`.
pub fn report_of(
    sheet_header: &[String],
    cells: Result<Vec<String>, Vec<sheets::Reason>>,
    filed: &HashMap<usize, i64>,
) -> Result<NewReport, Vec<sheets::Reason>> {
    cells.and_then(|cells| row_to_report(sheet_header, &cells, filed))
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
) -> Result<NewReport, Vec<sheets::Reason>> {
    let mut body = Map::new();
    // Cells this reading refuses; the body's own checks add the others.
    let mut refused: Vec<sheets::Reason> = Vec::new();
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
                    return Err(vec![(
                        ROW_COLUMN.to_owned(),
                        Refusal::NotAnEarlierRow {
                            cell: cell.to_owned(),
                        },
                    )]);
                }
            };
            continue;
        }
        let value = if INTEGER_COLUMNS.contains(&name) {
            cell.parse::<i64>()
                .map_or_else(|_| Value::from(cell), Value::from)
        } else if BOOLEAN_COLUMNS.contains(&name) {
            sheets::boolean(cell).map_or_else(|| Value::from(cell), Value::Bool)
        } else if name == LIST_COLUMN {
            Value::from(sheets::items(cell))
        } else if DATE_COLUMNS.contains(&name) {
            match sheets::date(name, cell, &mut refused) {
                Some(day) => Value::from(day),
                None => continue,
            }
        } else if let Some(code) = choice_code(name, cell) {
            Value::from(code)
        } else {
            Value::from(cell)
        };
        body.insert(name.to_owned(), value);
    }
    sheets::checked(body, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

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
