//! One cell of an office's file as offices write it: a day, yes or no, several items; and why a
//! cell or a row is refused.

use crate::error::Refusal;

/// Why a row, or a cell of it, is refused: the field (empty for the row as a whole), and why.
pub type Reason = (String, Refusal);

/// A date cell's day as the API writes it (`2019-10-01`), read as offices write a date
/// ([`read_date`](crate::domain::labels::read_date)); or None, with the refusal of field `name`
/// added to `refused` (a day written in an era it is not in, named in its own).
pub fn date(name: &str, cell: &str, refused: &mut Vec<Reason>) -> Option<String> {
    use crate::domain::labels::{NoDate, date_ja, read_date};
    let why = match read_date(cell) {
        Ok(day) => return Some(day.to_string()),
        Err(NoDate::Unreadable) => Refusal::NotADateCell {
            cell: cell.to_owned(),
        },
        Err(NoDate::OutsideEra(day)) => Refusal::DateOutsideEra {
            cell: cell.to_owned(),
            day,
            label: date_ja(day),
        },
    };
    refused.push((name.to_owned(), why));
    None
}

/// A cell's yes or no as offices write it: `true`/`false`, `1`/`0`, `yes`/`no`, はい/いいえ,
/// 該当する/該当しない (as a report's page shows it), あり/なし, 有/無, ○/×.
pub fn boolean(cell: &str) -> Option<bool> {
    match cell.to_lowercase().as_str() {
        "true" | "1" | "yes" | "はい" | "該当する" | "あり" | "有" | "○" | "〇" => {
            Some(true)
        }
        "false" | "0" | "no" | "いいえ" | "該当しない" | "なし" | "無" | "×" => {
            Some(false)
        }
        _ => None,
    }
}

/// A cell holding several items, separated by `|`, `、` or line breaks; once a cell holds a
/// `|` (as every download writes a list), by `|` and line breaks alone, so an item may hold a
/// `、` (a one-item list whose item does ends with `|`: `http::download::list_cell`).
pub fn items(cell: &str) -> Vec<&str> {
    let separators: &[char] = if cell.contains('|') {
        &['|', '\n']
    } else {
        &['|', '、', '\n']
    };
    cell.split(separators)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}
