//! `leakdesk import actions FILE`: staff load the Commission's past supervisory actions (a
//! half-year's register of report collections, guidance and recommendations, say), so that past
//! periods' activity counts come from the same records as today's. The file is read by `sheets`.
//! The columns are the action body's field names (API.md) or the action form's labels (措置の種類,
//! 適用される法令, 対象, 開始日, …); the kind may be given by any regime's name for the power
//! (報告徴収, 資料の提出の要求, 報告: `ActionKind::named`), the regime and who performed it by code
//! or label, compliance as 従った/従わなかった or yes/no. Every row passes the same checks as
//! `POST /api/v1/actions` — the legal basis, the meeting that decided a recommendation, the
//! recommendation an order follows (an earlier row of the same file counts) — in one transaction
//! (`commands::import_actions`).

use serde_json::Value;

use super::NewAction;
use crate::domain::powers::{ActionKind, PerformedBy};
use crate::domain::reportability::Regime;
use crate::sheets;

const FIELDS: &[&str] = &[
    "kind",
    "regime",
    "organization_id",
    "case_id",
    "incident_id",
    "started_on",
    "ended_on",
    "due_on",
    "performed_by",
    "meeting_number",
    "published",
    "complied",
    "imminent_harm",
    "notes",
];

/// The labels of the action form (`web::staff`), each the heading of its field's column, and the
/// shorter headings a register uses.
pub const HEADINGS: &[(&str, &str)] = &[
    ("措置の種類", "kind"),
    ("措置", "kind"),
    ("適用される法令", "regime"),
    ("法令", "regime"),
    ("対象", "organization_id"),
    ("事案（ケース）番号", "case_id"),
    ("事案番号", "case_id"),
    ("漏えい等事案の番号", "incident_id"),
    ("実施者", "performed_by"),
    ("開始日", "started_on"),
    ("終了日", "ended_on"),
    ("報告期限（報告徴収）", "due_on"),
    ("報告期限", "due_on"),
    ("決定した委員会の回", "meeting_number"),
    ("措置に従ったか", "complied"),
    (
        "個人の重大な権利利益の侵害が切迫していると認める（法第148条第2項）",
        "imminent_harm",
    ),
    ("侵害の切迫", "imminent_harm"),
    ("公表した", "published"),
    ("メモ", "notes"),
];

/// The field a column heading names: a field name, or a label of [`HEADINGS`].
pub fn column(heading: &str) -> Option<&'static str> {
    sheets::field_named(heading, FIELDS, HEADINGS)
}

/// A choice's code, given its code or its Japanese name.
fn choice_code(name: &str, cell: &str) -> Option<&'static str> {
    match name {
        "kind" => ActionKind::ALL
            .iter()
            .find(|kind| kind.as_str() == cell)
            .copied()
            .or_else(|| ActionKind::named(cell))
            .map(ActionKind::as_str),
        "regime" => Regime::ALL
            .iter()
            .find(|r| r.as_str() == cell || r.label_ja() == cell)
            .map(|r| r.as_str()),
        "performed_by" => PerformedBy::ALL
            .iter()
            .find(|p| p.as_str() == cell || p.label_ja() == cell)
            .map(|p| p.as_str()),
        _ => None,
    }
}

/// The action one row stands for, or the row's refusals as lines `field: why`.
pub fn action_of(
    header: &[String],
    cells: Result<Vec<String>, Vec<sheets::Reason>>,
) -> Result<NewAction, Vec<sheets::Reason>> {
    let cells = cells?;
    let (body, refused) = sheets::body(header, &cells, |name, cell, refused| {
        Some(match name {
            "started_on" | "ended_on" | "due_on" => Value::from(sheets::date(name, cell, refused)?),
            "complied" => match cell {
                "従った" => Value::Bool(true),
                "従わなかった" => Value::Bool(false),
                _ => sheets::boolean(cell).map_or_else(|| Value::from(cell), Value::Bool),
            },
            "published" | "imminent_harm" => {
                sheets::boolean(cell).map_or_else(|| Value::from(cell), Value::Bool)
            }
            "organization_id" | "case_id" | "incident_id" | "meeting_number" => cell
                .trim_start_matches('第')
                .trim_end_matches('回')
                .parse::<i64>()
                .map_or_else(|_| Value::from(cell), Value::from),
            "notes" => Value::from(cell),
            _ => choice_code(name, cell).map_or_else(|| Value::from(cell), Value::from),
        })
    });
    sheets::checked(body, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_an_action_by_the_forms_labels() {
        let header: Vec<String> = [
            "措置の種類",
            "適用される法令",
            "対象",
            "開始日",
            "報告期限",
            "決定した委員会の回",
            "措置に従ったか",
        ]
        .iter()
        .map(|h| column(h).unwrap().to_owned())
        .collect();
        let row = |cells: [&str; 7]| action_of(&header, Ok(cells.map(str::to_owned).to_vec()));
        let new = row([
            "資料の提出の要求",
            "個人情報保護法（公的部門）",
            "12",
            "令和7年4月1日",
            "R7.4.15",
            "",
            "",
        ])
        .unwrap();
        assert_eq!(new.kind, ActionKind::ReportCollection);
        assert_eq!(new.regime, Regime::AppiPublic);
        assert_eq!(new.organization_id, 12);
        assert_eq!(new.due_on.unwrap().to_string(), "2025-04-15");
        let new = row([
            "勧告",
            "appi",
            "12",
            "2025/06/02",
            "",
            "第244回",
            "従わなかった",
        ])
        .unwrap();
        assert_eq!(new.meeting_number, Some(244));
        assert_eq!(new.complied, Some(false));
        let bad = row(["説諭", "民法", "十二", "平成31年5月1日", "", "", "たぶん"]).unwrap_err();
        for field in [
            "kind",
            "regime",
            "organization_id",
            "started_on",
            "complied",
        ] {
            assert!(bad.iter().any(|(f, _)| f == field), "{field}: {bad:?}");
        }
        assert!(bad.contains(&(
            "started_on".to_owned(),
            crate::error::Refusal::DateOutsideEra {
                cell: "平成31年5月1日".into(),
                day: chrono::NaiveDate::from_ymd_opt(2019, 5, 1).unwrap(),
                label: "令和元年５月１日".into(),
            }
        )));
    }
}
