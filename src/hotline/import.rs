//! `leakdesk import consultations FILE`: staff load the hotline's past records (a quarter's
//! consultations from the desks' workbook, say). The file is read by `sheets` (CSV in UTF-8 or
//! Shift_JIS, or a sheet of an XLSX workbook). The columns are named in the consultation's
//! vocabulary (`labels::CONSULTATION`: the API's names, the page's short labels and the form's:
//! 窓口, 区分, 受付日, 類型, 相談の内容, …); the desk and
//! the class may be given by code or by label, the categories by code or by label separated by
//! `|`, `、` or line breaks; dates as `sheets` and `domain::labels::parse_date` read them. Every
//! row passes the same checks as `POST /api/v1/consultations`, in one transaction
//! (`import_consultations`): all rows, or none.

use chrono::NaiveDate;

use super::store;
use crate::db::{Actor, Db};
use crate::records::organizations::named_in_cell;
use crate::sheets::{File, ImportError, Imported};
use serde_json::Value;

use super::NewConsultation;
use super::labels::CONSULTATION;
use crate::error::AppError;
use crate::sheets::{self, Special};

/// Consultations, as an importer of files.
pub struct Consultations;

impl sheets::importer::Importer for Consultations {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &CONSULTATION
    }

    fn label_ja(&self) -> &'static str {
        "相談"
    }

    fn noun_en(&self) -> &'static str {
        "consultation(s)"
    }

    fn import(
        &self,
        db: &crate::db::Db,
        actor: &crate::db::Actor,
        file: &sheets::File<'_>,
        dry_run: bool,
        today: chrono::NaiveDate,
    ) -> Result<sheets::Imported, sheets::ImportError> {
        import_consultations(db, actor, file, dry_run, today)
    }
}

/// The consultation one row stands for (an organization named by name found by `named`), or
/// the row's refusals.
pub fn consultation_of(
    named: &mut sheets::OrganizationNamed<'_>,
    header: &[String],
    cells: &[String],
) -> Result<Result<NewConsultation, Vec<sheets::Reason>>, AppError> {
    let (mut body, mut refused) =
        sheets::body(&CONSULTATION, header, cells, |_, _, _| Special::Vocabulary);
    sheets::name_organizations(&CONSULTATION, header, cells, &mut body, &mut refused, named)?;
    // An empty cell of categories is none (a consultation of the class "other" has none).
    body.entry("categories")
        .or_insert_with(|| Value::Array(Vec::new()));
    Ok(sheets::checked(body, refused))
}

/// `leakdesk import consultations`: reads the file and records every row, as staff entering
/// past records, in one transaction — all rows, or none with every refused row named; a dry run
/// records them all the same and rolls everything back. Each consultation's audit row is an
/// `import`, naming the file (`name`) and the row.
pub fn import_consultations(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<Imported, ImportError> {
    let name = file.name;
    // The consultations held before the import (a download of its own database names them).
    let mut before: Option<i64> = None;
    let mut duplicates = Vec::new();
    let (written, imported) = crate::sheets::import(
        db,
        actor,
        file,
        dry_run,
        &super::labels::CONSULTATION,
        |tx, header, row, cells| {
            let cells = cells?;
            let new = consultation_of(
                &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                header,
                &cells,
            )??;
            let up_to = match before {
                Some(up_to) => up_to,
                None => *before.insert(store::last_id(tx.conn())?),
            };
            if let Some(id) = crate::sheets::id_of(header, &cells)
                && store::holds(tx.conn(), id, &new, up_to)?
            {
                duplicates.push((row, format!("ID {id}")));
                return Ok(false);
            }
            store::create(tx, new, today, Some((name, row)))?;
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
    use crate::domain::hotline::{ConsultationClass, Desk};

    #[test]
    fn a_row_is_a_consultation_by_the_forms_labels() {
        let header: Vec<String> = ["窓口", "区分", "受付日", "類型", "相談の内容", "情報提供"]
            .iter()
            .map(|h| CONSULTATION.term(h).unwrap().name.to_owned())
            .collect();
        let consultation_of = |header: &[String], cells: Result<Vec<String>, ()>| {
            consultation_of(&mut |_, _, _| Ok(None), header, &cells.unwrap()).unwrap()
        };
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
        let named: Vec<String> = new.categories.iter().map(ToString::to_string).collect();
        assert_eq!(named, ["安全管理措置", "収集制限"]);
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
