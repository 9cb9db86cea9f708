//! `leakdesk import events FILE`: staff load the outreach events kept before (a workbook of
//! 講師派遣 and seminars). The file is read by `sheets`, its columns named in the event's
//! vocabulary (`labels`); every row passes the same checks as the API's, in one transaction — all
//! rows, or none with every refused row named. The events' own download imports back: a row whose
//! event is held already (the same day, name and place) is a duplicate, skipped and reported.

use chrono::NaiveDate;

use super::events::{self, NewEvent};
use super::labels::EVENT;
use crate::db::{Actor, Db};
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
