//! `leakdesk import actions FILE`: staff load the Commission's past supervisory actions (a
//! half-year's register of report collections, guidance and recommendations, say), so that past
//! periods' activity counts come from the same records as today's. The file is read by `sheets`.
//! The columns are named in the action's vocabulary (`labels::ACTION`: the API's names, the page's
//! short labels and the form's: 措置の種類, 適用される法令, 対象, 開始日, …); the kind may be given
//! by any regime's name for the power
//! (報告徴収, 資料の提出の要求, 報告: `ActionKind::named`), the regime and who performed it by code
//! or label, compliance as 従った/従わなかった or yes/no. Every row passes the same checks as
//! `POST /api/v1/actions` — the legal basis, the meeting that decided a recommendation, the
//! recommendation an order follows (an earlier row of the same file counts) — in one transaction
//! (`import_actions`).

use chrono::NaiveDate;

use super::actions;
use crate::db::{Actor, Db};
use crate::records::organizations::named_in_cell;
use crate::sheets::{File, ImportError, Imported};
use serde_json::Value;

use super::NewAction;
use super::labels::ACTION;
use crate::error::AppError;
use crate::sheets::{self, Special};

/// Actions, as an importer of files.
pub struct Actions;

impl sheets::importer::Importer for Actions {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &ACTION
    }

    fn label_ja(&self) -> &'static str {
        "監督措置"
    }

    fn noun_en(&self) -> &'static str {
        "action(s)"
    }

    fn import(
        &self,
        db: &crate::db::Db,
        actor: &crate::db::Actor,
        file: &sheets::File<'_>,
        dry_run: bool,
        today: chrono::NaiveDate,
    ) -> Result<sheets::Imported, sheets::ImportError> {
        import_actions(db, actor, file, dry_run, today)
    }
}

/// The action one row stands for (an organization named by name found by `named`), or the
/// row's refusals.
pub fn action_of(
    named: &mut sheets::OrganizationNamed<'_>,
    header: &[String],
    cells: &[String],
) -> Result<Result<NewAction, Vec<sheets::Reason>>, AppError> {
    let (mut body, mut refused) = sheets::body(&ACTION, header, cells, |name, cell, _| {
        match (name, cell) {
            ("complied", "従った") => Special::Value(Value::Bool(true)),
            ("complied", "従わなかった") => Special::Value(Value::Bool(false)),
            // 第244回 as the minutes write a meeting.
            ("meeting_number", _) => Special::Value(
                cell.trim_start_matches('第')
                    .trim_end_matches('回')
                    .parse::<i64>()
                    .map_or_else(|_| Value::from(cell), Value::from),
            ),
            _ => Special::Vocabulary,
        }
    });
    sheets::name_organizations(&ACTION, header, cells, &mut body, &mut refused, named)?;
    Ok(sheets::checked(body, refused))
}

/// `leakdesk import actions`: reads the file and records every row as an action, under the
/// same rules as one recorded through the API (an order needs its recommendation, which an
/// earlier row may be), in one transaction — all rows, or none with every refused row named; a
/// dry run records them all the same and rolls everything back. Each action's audit row is an
/// `import`, naming the file (`name`) and the row. The actions are the Commission's past
/// record: no letter is sent for an imported report collection.
pub fn import_actions(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<Imported, ImportError> {
    let name = file.name;
    // The actions held before the import (a download of its own database names them).
    let mut before: Option<i64> = None;
    let mut duplicates = Vec::new();
    let (written, imported) = crate::sheets::import(
        db,
        actor,
        file,
        dry_run,
        &super::labels::ACTION,
        |tx, header, row, cells| {
            let cells = cells?;
            let new = action_of(
                &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                header,
                &cells,
            )??;
            let up_to = match before {
                Some(up_to) => up_to,
                None => *before.insert(actions::last_id(tx.conn())?),
            };
            if let Some(id) = crate::sheets::id_of(header, &cells)
                && actions::holds(tx.conn(), id, &new, up_to)?
            {
                duplicates.push((row, format!("ID {id}")));
                return Ok(false);
            }
            actions::create(tx, new, today, Some((name, row)))?;
            Ok(true)
        },
    )?;
    Ok(Imported {
        records: written.into_iter().filter(|written| *written).count(),
        duplicates,
        ..imported
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::powers::ActionKind;
    use crate::domain::reportability::Regime;

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
        .map(|h| ACTION.term(h).unwrap().name.to_owned())
        .collect();
        let row = |cells: [&str; 7]| {
            action_of(&mut |_, _, _| Ok(None), &header, &cells.map(str::to_owned)).unwrap()
        };
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
