//! `leakdesk import reports FILE`: staff load historical records. The file is UTF-8 (with or
//! without a BOM) or Shift_JIS (CP932, as Excel saves a CSV in Japan), told apart by its bytes
//! unless `--encoding` says, or a sheet of an XLSX workbook. The columns are named in the report's
//! vocabulary (`labels::REPORT`): the API's field names, the page's short labels (法令, 要配慮個人情報)
//! or the form's labels (適用される法令, …); a choice may be its code or its label (`preliminary`
//! or 速報); `data_items` separates items with `|`, `、` or line breaks; an empty cell is an absent
//! field; booleans are `true`/`false` (or `1`/`0`, `yes`/`no`, はい/いいえ, 該当する/該当しない,
//! あり/なし, 有/無, ○/×); dates are `YYYY-MM-DD`, `YYYY/MM/DD` or era dates (令和元年10月1日,
//! R1.10.1: `domain::labels::read_date`); an organization is its number or its exact name.
//! A final report completes a preliminary one on an earlier row with `preliminary_row` (the data
//! row's number, from 1), or an existing one with `preliminary_report_id`.
//!
//! The product's own downloads import back: their derived columns (the id, the deadlines, the
//! status …) are ignored and reported so; a row whose `reference` is already an incident here
//! is a duplicate, skipped and reported; rows sharing a reference form one incident, its final
//! report completing its preliminary one wherever the file lists it. Every row passes the same
//! checks as `POST /api/v1/reports`, in one transaction (`import_reports`): all rows
//! are written, or none; a dry run checks them all and writes nothing.

use chrono::NaiveDate;

use super::intake::{self, Filer};
use crate::db::{Actor, Db};
use crate::domain::access::Role;
use crate::sheets::File;
use std::collections::HashMap;

use serde_json::Value;

use super::NewReport;
use super::labels::{PRELIMINARY_ROW, REPORT};
use crate::domain::report::Stage;
use crate::error::{AppError, Refusal};
use crate::sheets::{self, Special};
pub use crate::sheets::{Encoding, ImportError, Imported, ReadOptions};

/// Reports, as an importer of files.
pub struct Reports;

impl sheets::importer::Importer for Reports {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &REPORT
    }

    fn label_ja(&self) -> &'static str {
        "漏えい等報告"
    }

    fn noun_en(&self) -> &'static str {
        "report(s)"
    }

    fn import(
        &self,
        db: &crate::db::Db,
        actor: &crate::db::Actor,
        file: &sheets::File<'_>,
        dry_run: bool,
        today: chrono::NaiveDate,
    ) -> Result<Imported, ImportError> {
        import_reports(db, actor, file, dry_run, today)
    }
}

/// Whether a row is a final report (its `stage` by code or label).
fn is_final(header: &[String], cells: &[String]) -> bool {
    sheets::cell(header, cells, "stage")
        .is_some_and(|stage| stage == Stage::Final.as_str() || stage == Stage::Final.label_ja())
}

/// What a file says of the row's incident and its earlier rows, for a final report's link.
pub struct Links<'a> {
    /// The reports of earlier rows, by row number (`preliminary_row`).
    pub rows: &'a HashMap<usize, i64>,
    /// The report written for the first row of the row's `reference`, when one was.
    pub by_reference: Option<i64>,
}

/// The report one row stands for (organizations named by name found by `named`), or the row's
/// refusals.
pub fn report_of(
    named: &mut sheets::OrganizationNamed<'_>,
    header: &[String],
    cells: &[String],
    links: &Links<'_>,
) -> Result<Result<NewReport, Vec<sheets::Reason>>, AppError> {
    let (mut body, mut refused) =
        sheets::body(&REPORT, header, cells, |name, cell, refused| match name {
            PRELIMINARY_ROW => {
                match cell
                    .parse::<usize>()
                    .ok()
                    .and_then(|row| links.rows.get(&row))
                {
                    Some(id) => Special::Value(Value::from(*id)),
                    None => {
                        refused.push((
                            PRELIMINARY_ROW.to_owned(),
                            Refusal::NotAnEarlierRow {
                                cell: cell.to_owned(),
                            },
                        ));
                        Special::Skip
                    }
                }
            }
            _ => Special::Vocabulary,
        });
    // `preliminary_row` is the file's own name for the link.
    if let Some(id) = body.remove(PRELIMINARY_ROW) {
        body.insert("preliminary_report_id".into(), id);
    }
    sheets::name_organizations(&REPORT, header, cells, &mut body, &mut refused, named)?;
    // A downloaded file's final report completes its incident's preliminary report as the file
    // lists it; the id the file gives is of the database it came from.
    if let Some(reference) = sheets::cell(header, cells, "reference")
        && is_final(header, cells)
    {
        match links.by_reference {
            Some(id) => {
                body.insert("preliminary_report_id".into(), Value::from(id));
            }
            None if body.contains_key("preliminary_report_id") => {
                body.remove("preliminary_report_id");
                refused.push((
                    "preliminary_report_id".to_owned(),
                    Refusal::PreliminaryNotInFile {
                        reference: reference.to_owned(),
                    },
                ));
            }
            None => {}
        }
    }
    Ok(sheets::checked(body, refused))
}

/// The incidents `references` name here, by reference: their organizations' ids and names.
fn held_references(
    conn: &mut crate::db::DbConnection,
    references: &std::collections::BTreeSet<String>,
) -> Result<HashMap<String, (i64, String)>, crate::error::AppError> {
    let mut found = Vec::new();
    for reference in references {
        if let Some((_, organization)) = crate::records::incidents::by_reference(conn, reference)? {
            found.push((reference.clone(), organization));
        }
    }
    let ids: Vec<i64> = found.iter().map(|(_, id)| *id).collect();
    let names = crate::records::organizations::names(conn, &ids)?;
    Ok(found
        .into_iter()
        .map(|(reference, id)| {
            let name = names.get(&id).cloned().unwrap_or_default();
            (reference, (id, name))
        })
        .collect())
}

/// Imports a file of reports (`import`): every row filed as staff file a past record, in one
/// transaction, all rows or none; a dry run checks every row and writes nothing. A row whose
/// `reference` is already an incident here is skipped as a duplicate.
pub fn import_reports(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
    today: NaiveDate,
) -> Result<Imported, ImportError> {
    let filer = Filer {
        user_id: actor.user_id,
        role: Role::Staff,
    };
    let name = file.name;
    let crate::sheets::Sheet {
        header,
        rows,
        read_as,
        ignored,
    } = crate::sheets::records(file.bytes, &file.options, &super::labels::REPORT)?;
    // The reports of earlier rows, for a final report's `preliminary_row`; the first report of
    // each reference, for the final report of the same incident; the references held already.
    let mut filed: HashMap<usize, i64> = HashMap::new();
    let mut by_reference: HashMap<String, i64> = HashMap::new();
    let mut duplicates: Vec<(usize, String)> = Vec::new();
    // The file's references that name incidents held before the import, with their
    // organizations (id and name): read on its first row, before any incident of the file is
    // written (whose new reference may well be another's in the file, ids being the database's
    // own).
    let references: std::collections::BTreeSet<String> = rows
        .iter()
        .filter_map(|(_, cells)| cells.as_ref().ok())
        .filter_map(|cells| crate::sheets::cell(&header, cells, "reference"))
        .map(str::to_owned)
        .collect();
    let mut held: Option<HashMap<String, (i64, String)>> = None;
    let batch = std::cell::RefCell::new(intake::Batch::default());
    let written = crate::sheets::write_rows(
        db,
        actor,
        rows,
        dry_run,
        |tx, row, cells| {
            let cells = cells?;
            let held = match &mut held {
                Some(held) => held,
                None => held.insert(held_references(tx.conn(), &references)?),
            };
            let reference = crate::sheets::cell(&header, &cells, "reference").map(str::to_owned);
            // A duplicate: its reference names an incident held already, of its organization
            // (by number or by name: another database's reference may name another incident).
            let organization = crate::sheets::cell(&header, &cells, "organization_id");
            if let Some(reference) = &reference
                && let Some((id, name)) = held.get(reference)
                && organization.is_some_and(|cell| cell == id.to_string() || cell == name)
            {
                duplicates.push((row, reference.clone()));
                return Ok(None);
            }
            let links = Links {
                rows: &filed,
                by_reference: reference
                    .as_ref()
                    .and_then(|reference| by_reference.get(reference).copied()),
            };
            let new = report_of(
                &mut |field, cell, refused| {
                    crate::records::organizations::named_in_cell(tx.conn(), field, cell, refused)
                },
                &header,
                &cells,
                &links,
            )??;
            let source = intake::Source::Imported {
                file: name,
                row,
                batch: &batch,
            };
            let filing = intake::file(tx, filer, new, today, source)?;
            filed.insert(row, filing.report.id);
            if let Some(reference) = reference {
                by_reference.entry(reference).or_insert(filing.report.id);
            }
            Ok(Some(filing.report.incident_id))
        },
        |tx| batch.borrow_mut().finish(tx.conn()),
    )?;
    let incidents: Vec<i64> = written.into_iter().flatten().collect();
    Ok(Imported {
        records: incidents.len(),
        incidents: Some(
            incidents
                .into_iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
        ),
        read_as,
        written: !dry_run,
        ignored,
        duplicates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_field_names_short_labels_or_the_forms_labels() {
        let field = |heading: &str| REPORT.term(heading).map(|term| term.name);
        assert_eq!(field("summary"), Some("summary"));
        assert_eq!(field("概要"), Some("summary"));
        assert_eq!(field("受付日"), Some("received_on"));
        assert_eq!(field("対応する速報の行"), Some("preliminary_row"));
        // The page's short labels (the 法令, 要配慮個人情報, 不正の目的のおそれ) and the
        // form's sentences name the same fields.
        assert_eq!(field("法令"), Some("regime"));
        assert_eq!(field("適用される法令"), Some("regime"));
        assert_eq!(field("要配慮個人情報"), Some("sensitive_data"));
        assert_eq!(field("不正の目的のおそれ"), Some("unlawful_purpose"));
        assert_eq!(
            field("不正の目的をもって行われたおそれがある"),
            Some("unlawful_purpose")
        );
        assert_eq!(field("報告の種別"), Some("stage"));
        assert_eq!(field("colour"), None);
        assert!(
            REPORT
                .term("受付番号")
                .is_some_and(sheets::vocabulary::Term::is_derived)
        );
    }
}
