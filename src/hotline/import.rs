//! `leakdesk import consultations FILE`: staff load the hotline's past records (a quarter's
//! consultations from the desks' workbook, say). The file is read by `sheets` (CSV in UTF-8 or
//! Shift_JIS, or a sheet of an XLSX workbook). The columns are the consultation body's field
//! names (API.md) or the record form's labels (窓口, 区分, 受付日, 類型, 相談の内容, …); the desk and
//! the class may be given by code or by label, the categories by code or by label separated by
//! `|`, `、` or line breaks; dates as `sheets` and `domain::labels::parse_date` read them. Every
//! row passes the same checks as `POST /api/v1/consultations`, in one transaction
//! (`commands::import_consultations`): all rows, or none.

use serde_json::Value;

use super::NewConsultation;
use crate::domain::hotline::{ConsultationClass, Desk};
use crate::sheets;

const FIELDS: &[&str] = &[
    "desk",
    "class",
    "received_on",
    "categories",
    "summary",
    "advice",
    "referred_to_supervision",
    "organization_id",
    "case_id",
];

/// The labels of the consultation form (`web::staff`), each the heading of its field's column,
/// and the shorter headings a desk's workbook uses.
pub const HEADINGS: &[(&str, &str)] = &[
    ("窓口", "desk"),
    ("相談窓口", "desk"),
    ("区分", "class"),
    ("受付日", "received_on"),
    ("類型（該当するものすべて）", "categories"),
    ("類型", "categories"),
    ("相談の内容", "summary"),
    ("内容", "summary"),
    ("助言等の内容", "advice"),
    ("監視・監督担当へ情報提供した", "referred_to_supervision"),
    ("情報提供", "referred_to_supervision"),
    ("相談の対象となった事業者等", "organization_id"),
    ("事案（ケース）番号", "case_id"),
];

/// The field a column heading names: a field name, or a label of [`HEADINGS`].
pub fn column(heading: &str) -> Option<&'static str> {
    sheets::field_named(heading, FIELDS, HEADINGS)
}

/// A choice's code, given its code or its Japanese label.
fn choice_code(name: &str, cell: &str) -> Option<&'static str> {
    match name {
        "desk" => Desk::ALL
            .iter()
            .find(|d| d.as_str() == cell || d.label_ja() == cell)
            .map(|d| d.as_str()),
        "class" => ConsultationClass::ALL
            .iter()
            .find(|c| c.as_str() == cell || c.label_ja() == cell)
            .map(|c| c.as_str()),
        _ => None,
    }
}

/// The consultation one row stands for, or the row's refusals as lines `field: why`.
pub fn consultation_of(
    header: &[String],
    cells: Result<Vec<String>, Vec<sheets::Reason>>,
) -> Result<NewConsultation, Vec<sheets::Reason>> {
    let cells = cells?;
    let (mut body, refused) = sheets::body(header, &cells, |name, cell, refused| {
        Some(match name {
            "received_on" => Value::from(sheets::date(name, cell, refused)?),
            "categories" => Value::from(sheets::items(cell)),
            "referred_to_supervision" => {
                sheets::boolean(cell).map_or_else(|| Value::from(cell), Value::Bool)
            }
            "organization_id" | "case_id" => cell
                .parse::<i64>()
                .map_or_else(|_| Value::from(cell), Value::from),
            _ => choice_code(name, cell).map_or_else(|| Value::from(cell), Value::from),
        })
    });
    // An empty cell of categories is none (a consultation of the class "other" has none).
    body.entry("categories")
        .or_insert_with(|| Value::Array(Vec::new()));
    sheets::checked(body, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_a_consultation_by_the_forms_labels() {
        let header: Vec<String> = ["窓口", "区分", "受付日", "類型", "相談の内容", "情報提供"]
            .iter()
            .map(|h| column(h).unwrap().to_owned())
            .collect();
        let cells = [
            "マイナンバー苦情あっせん相談窓口",
            "苦情",
            "令和7年4月1日",
            "安全管理措置、収集制限",
            "番号の扱いについて",
            "いいえ",
        ];
        let new = consultation_of(&header, Ok(cells.map(str::to_owned).to_vec())).unwrap();
        assert_eq!(new.desk, Desk::MyNumber);
        assert_eq!(new.class, ConsultationClass::Complaint);
        assert_eq!(new.received_on.to_string(), "2025-04-01");
        assert_eq!(new.categories, ["安全管理措置", "収集制限"]);
        assert!(!new.referred_to_supervision);
        let bad = consultation_of(
            &header,
            Ok(["どこか", "苦情", "平成31年5月1日", "", "", ""]
                .map(str::to_owned)
                .to_vec()),
        )
        .unwrap_err();
        assert!(
            bad.iter().any(|(field, why)| field == "received_on"
                && *why
                    == crate::error::Refusal::DateOutsideEra {
                        cell: "平成31年5月1日".into(),
                        day: chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap(),
                        label: "令和元年５月１日".into(),
                    }),
            "{bad:?}"
        );
        assert!(bad.iter().any(|(field, _)| field == "desk"), "{bad:?}");
        assert_eq!(
            bad.iter()
                .filter(|(field, _)| field == "received_on")
                .count(),
            1,
            "{bad:?}"
        );
    }
}
