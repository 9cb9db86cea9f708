//! `leakdesk import events|periodic-reports|pia-evaluations FILE`: staff load the outreach events
//! (a workbook of 講師派遣 and seminars), the periodic reports and the assessments kept before. The file is read by `sheets`, its columns named in the event's
//! vocabulary (`labels`); every row passes the same checks as the API's, in one transaction — all
//! rows, or none with every refused row named. The events' own download imports back: a row whose
//! event is held already (the same day, name and place) is a duplicate, skipped and reported.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::events::{self, NewEvent};
use super::labels::{EVENT, PERIODIC, PIA};
use super::periodic::{self, NewPeriodicReport};
use super::pia::{self, NewEvaluation, NewPublication};
use super::reviewed::NewReview;
use crate::db::{Actor, Db};
use crate::domain::periodic::Answer;
use crate::domain::review::Decision;
use crate::error::Refusal;
use crate::records::organizations::named_in_cell;
use crate::sheets::{self, File, ImportError, Imported, Special};

/// Outreach events, as an importer of files.
pub struct Events;

impl sheets::importer::Importer for Events {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &EVENT
    }

    fn label_ja(&self) -> &'static str {
        "講演・説明会・セミナー"
    }

    fn noun_en(&self) -> &'static str {
        "event(s)"
    }

    fn import(
        &self,
        db: &Db,
        actor: &Actor,
        file: &File<'_>,
        dry_run: bool,
        today: NaiveDate,
    ) -> Result<Imported, ImportError> {
        let name = file.name;
        let mut before: Option<i64> = None;
        let mut duplicates = Vec::new();
        let (written, imported) = sheets::import(
            db,
            actor,
            file,
            dry_run,
            &EVENT,
            |tx, header, row, cells| {
                let cells = cells?;
                let (body, refused) =
                    sheets::body(&EVENT, header, &cells, |_, _, _| Special::Vocabulary);
                let new: NewEvent = sheets::checked(body, refused)?;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(events::last_id(tx.conn())?),
                };
                if events::held(tx.conn(), &new, up_to)? {
                    duplicates.push((row, format!("{} {}", new.held_on, new.title.trim())));
                    return Ok(false);
                }
                events::record(tx, new, today, Some((name, row)))?;
                Ok(true)
            },
        )?;
        Ok(Imported {
            records: written.into_iter().filter(|written| *written).count(),
            duplicates,
            ..imported
        })
    }
}

/// Reads a cell of answers: `1=yes|2=no` (はい／いいえ／該当なし too, `:` or `：` for `=`, `、` or a
/// line break between), or the JSON object the API's download writes (`{"1":"yes"}`).
fn answers_of(cell: &str) -> Option<BTreeMap<String, Answer>> {
    let answer = |text: &str| {
        let text = text.trim();
        Answer::parse(text).or_else(|| Answer::ALL.iter().copied().find(|a| a.label_ja() == text))
    };
    if cell.trim_start().starts_with('{') {
        let object: BTreeMap<String, String> = serde_json::from_str(cell).ok()?;
        return object
            .into_iter()
            .map(|(code, value)| Some((code, answer(&value)?)))
            .collect();
    }
    cell.split(['|', '、', '\n'])
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (code, value) = part.split_once(['=', ':', '：'])?;
            Some((code.trim().to_owned(), answer(value)?))
        })
        .collect()
}

/// Periodic reports (定期的な報告) kept before, as an importer of files: submitted on their day,
/// accepted on 受理日 when the row has one. No mail goes for imported history.
pub struct PeriodicReports;

impl sheets::importer::Importer for PeriodicReports {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &PERIODIC
    }

    fn label_ja(&self) -> &'static str {
        "定期的な報告"
    }

    fn noun_en(&self) -> &'static str {
        "periodic report(s)"
    }

    fn import(
        &self,
        db: &Db,
        actor: &Actor,
        file: &File<'_>,
        dry_run: bool,
        today: NaiveDate,
    ) -> Result<Imported, ImportError> {
        let name = file.name;
        let mut before: Option<i64> = None;
        let mut duplicates = Vec::new();
        let (written, imported) = sheets::import(
            db,
            actor,
            file,
            dry_run,
            &PERIODIC,
            |tx, header, row, cells| {
                let cells = cells?;
                let (mut body, mut refused) =
                    sheets::body(&PERIODIC, header, &cells, |field, cell, refused| {
                        if field != "answers" {
                            return Special::Vocabulary;
                        }
                        match answers_of(cell) {
                            Some(answers) => Special::Value(serde_json::json!(answers)),
                            None => {
                                refused.push((
                                    "answers".into(),
                                    Refusal::AnswersCell {
                                        written: cell.to_owned(),
                                    },
                                ));
                                Special::Skip
                            }
                        }
                    });
                sheets::name_organizations(
                    &PERIODIC,
                    header,
                    &cells,
                    &mut body,
                    &mut refused,
                    &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                )?;
                let accepted_on = body
                    .remove("accepted_on")
                    .and_then(|v| v.as_str().and_then(|d| d.parse::<NaiveDate>().ok()));
                // A row without its submission day is a draft, as the download writes one.
                if !body.contains_key("submitted_on") {
                    body.insert("draft".into(), serde_json::Value::Bool(true));
                }
                let new: NewPeriodicReport = sheets::checked(body, refused)?;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(periodic::last_id(tx.conn())?),
                };
                if periodic::held(tx.conn(), new.questionnaire_id, new.organization_id, up_to)? {
                    duplicates.push((
                        row,
                        format!("{} / {}", new.questionnaire_id, new.organization_id),
                    ));
                    return Ok(false);
                }
                let report = periodic::file(tx, true, new, today, Some((name, row)))?;
                if let Some(decided_on) = accepted_on {
                    let review = NewReview {
                        decision: Decision::Accepted,
                        comment: None,
                        due_on: None,
                        decided_on: Some(decided_on),
                    };
                    periodic::review(tx, report.id, review, today)?;
                }
                Ok(true)
            },
        )?;
        Ok(Imported {
            records: written.into_iter().filter(|written| *written).count(),
            duplicates,
            ..imported
        })
    }
}

/// Assessments (特定個人情報保護評価書) kept before, as an importer of files: filed on their day,
/// published on 公表日 when the row has one.
pub struct Evaluations;

impl sheets::importer::Importer for Evaluations {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &PIA
    }

    fn label_ja(&self) -> &'static str {
        "特定個人情報保護評価書"
    }

    fn noun_en(&self) -> &'static str {
        "assessment(s)"
    }

    fn import(
        &self,
        db: &Db,
        actor: &Actor,
        file: &File<'_>,
        dry_run: bool,
        today: NaiveDate,
    ) -> Result<Imported, ImportError> {
        let name = file.name;
        let mut before: Option<i64> = None;
        let mut duplicates = Vec::new();
        let (written, imported) =
            sheets::import(db, actor, file, dry_run, &PIA, |tx, header, row, cells| {
                let cells = cells?;
                let (mut body, mut refused) =
                    sheets::body(&PIA, header, &cells, |_, _, _| Special::Vocabulary);
                sheets::name_organizations(
                    &PIA,
                    header,
                    &cells,
                    &mut body,
                    &mut refused,
                    &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                )?;
                let published_on = body
                    .remove("published_on")
                    .and_then(|v| v.as_str().and_then(|d| d.parse::<NaiveDate>().ok()));
                let new: NewEvaluation = sheets::checked(body, refused)?;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(pia::last_id(tx.conn())?),
                };
                if pia::held(tx.conn(), &new, up_to)? {
                    duplicates.push((
                        row,
                        format!("{} {}", new.submitted_on, new.task_name.trim()),
                    ));
                    return Ok(false);
                }
                let evaluation = pia::file(tx, new, today, Some((name, row)))?;
                if let Some(published_on) = published_on {
                    pia::publish(tx, evaluation.id, NewPublication { published_on }, today)?;
                }
                Ok(true)
            })?;
        Ok(Imported {
            records: written.into_iter().filter(|written| *written).count(),
            duplicates,
            ..imported
        })
    }
}
