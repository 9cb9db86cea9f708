//! `leakdesk import optout-notifications|accredited-bodies|anonymised-publications FILE`: staff
//! load the registers kept before (the Commission's workbooks of notifications, bodies and
//! publications). Each file is read by `sheets`, its columns named in the kind's vocabulary
//! (`labels`); every row passes the same checks as the API's, in one transaction — all rows, or
//! none with every refused row named. A notification's row may carry the day it was accepted
//! (受理日) and the day it was withdrawn (廃止の日): it is entered with its acceptance and its
//! withdrawal, as it stood. No mail goes for imported history. The registers' own downloads
//! import back: a row whose record is held already is a duplicate, skipped and reported.

use chrono::NaiveDate;
use serde_json::Value;

use super::anonymised::{self, NewPublication};
use super::bodies::{self, NewBody, Revocation};
use super::labels::{BODY, OPTOUT, PUBLICATION};
use super::optout::{self, Filer, NewNotification, NewOptoutReview, OptoutWithdrawal};
use crate::db::{Actor, Db};
use crate::domain::review::Decision;
use crate::error::AppError;
use crate::records::organizations::named_in_cell;
use crate::sheets::{self, File, ImportError, Imported, Special};

/// A notification's row: the notification, and the days it was accepted and withdrawn.
pub struct NotificationRow {
    pub new: NewNotification,
    pub accepted_on: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// The notification one row stands for (an organization named by name found by `named`), or
/// the row's refusals.
pub fn notification_of(
    named: &mut sheets::OrganizationNamed<'_>,
    header: &[String],
    cells: &[String],
) -> Result<Result<NotificationRow, Vec<sheets::Reason>>, AppError> {
    let (mut body, mut refused) =
        sheets::body(&OPTOUT, header, cells, |_, _, _| Special::Vocabulary);
    sheets::name_organizations(&OPTOUT, header, cells, &mut body, &mut refused, named)?;
    let day = |value: Option<Value>| {
        value
            .and_then(|v| v.as_str().map(str::to_owned))
            .and_then(|text| text.parse::<NaiveDate>().ok())
    };
    let accepted_on = day(body.remove("accepted_on"));
    let withdrawn_on = day(body.remove("withdrawn_on"));
    Ok(sheets::checked(body, refused).map(|new| NotificationRow {
        new,
        accepted_on,
        withdrawn_on,
    }))
}

/// Opt-out notifications, as an importer of files.
pub struct Notifications;

impl sheets::importer::Importer for Notifications {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &OPTOUT
    }

    fn label_ja(&self) -> &'static str {
        "オプトアウト届出"
    }

    fn noun_en(&self) -> &'static str {
        "opt-out notification(s)"
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
            &OPTOUT,
            |tx, header, row, cells| {
                let cells = cells?;
                let NotificationRow {
                    mut new,
                    accepted_on,
                    withdrawn_on,
                } = notification_of(
                    &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                    header,
                    &cells,
                )??;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(optout::last_id(tx.conn())?),
                };
                if let Some(reference) = sheets::cell(header, &cells, "reference")
                    && optout::held(tx.conn(), reference, up_to)?
                {
                    duplicates.push((row, reference.to_owned()));
                    return Ok(false);
                }
                // History: filed no later than it was accepted, when the file does not say.
                if new.submitted_on.is_none() {
                    new.submitted_on = accepted_on;
                }
                let staff = Filer {
                    user_id: None,
                    staff: true,
                };
                let filed = optout::file(tx, staff, new, today, Some((name, row)))?;
                let id = filed.notification.id;
                if let Some(decided_on) = accepted_on {
                    let review = NewOptoutReview {
                        decision: Decision::Accepted,
                        comment: None,
                        due_on: None,
                        decided_on: Some(decided_on),
                    };
                    optout::review(tx, None, id, review, today)?;
                }
                if let Some(effective_on) = withdrawn_on {
                    let withdrawal = OptoutWithdrawal {
                        effective_on,
                        submitted_on: Some(effective_on.min(today)),
                    };
                    optout::withdraw(tx, staff, id, withdrawal, today)?;
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

/// Accredited bodies, as an importer of files.
pub struct Bodies;

impl sheets::importer::Importer for Bodies {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &BODY
    }

    fn label_ja(&self) -> &'static str {
        "認定個人情報保護団体"
    }

    fn noun_en(&self) -> &'static str {
        "accredited body(ies)"
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
            sheets::import(db, actor, file, dry_run, &BODY, |tx, header, row, cells| {
                let cells = cells?;
                let (mut body, mut refused) =
                    sheets::body(&BODY, header, &cells, |_, _, _| Special::Vocabulary);
                // A body revoked before: its revocation, with its reason, entered after it, read
                // by the API's own rules.
                let mut revocation = serde_json::Map::new();
                for (field, as_field) in [
                    ("revoked_on", "revoked_on"),
                    ("revocation_reason", "reason"),
                ] {
                    if let Some(value) = body.remove(field) {
                        revocation.insert(as_field.to_owned(), value);
                    }
                }
                let revocation: Option<Revocation> = if revocation.is_empty() {
                    None
                } else {
                    match sheets::checked::<Revocation>(revocation, Vec::new()) {
                        Ok(revocation) => Some(revocation),
                        Err(reasons) => {
                            refused.extend(reasons.into_iter().map(|(field, why)| {
                                let field = if field == "reason" {
                                    "revocation_reason".to_owned()
                                } else {
                                    field
                                };
                                (field, why)
                            }));
                            None
                        }
                    }
                };
                let new: NewBody = sheets::checked(body, refused)?;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(bodies::last_id(tx.conn())?),
                };
                if bodies::held(tx.conn(), &new, up_to)? {
                    duplicates.push((row, new.name));
                    return Ok(false);
                }
                let body = bodies::accredit(tx, new, today, Some((name, row)))?;
                if let Some(revocation) = revocation {
                    bodies::revoke(tx, body.id, revocation, today)?;
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

/// Publications of anonymised information, as an importer of files.
pub struct Publications;

impl sheets::importer::Importer for Publications {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &PUBLICATION
    }

    fn label_ja(&self) -> &'static str {
        "匿名加工情報の作成等の公表"
    }

    fn noun_en(&self) -> &'static str {
        "publication(s) of anonymised information"
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
            &PUBLICATION,
            |tx, header, row, cells| {
                let cells = cells?;
                let (mut body, mut refused) =
                    sheets::body(&PUBLICATION, header, &cells, |_, _, _| Special::Vocabulary);
                sheets::name_organizations(
                    &PUBLICATION,
                    header,
                    &cells,
                    &mut body,
                    &mut refused,
                    &mut |field, cell, refused| named_in_cell(tx.conn(), field, cell, refused),
                )?;
                let new: NewPublication = sheets::checked(body, refused)?;
                let up_to = match before {
                    Some(up_to) => up_to,
                    None => *before.insert(anonymised::last_id(tx.conn())?),
                };
                if anonymised::held(tx.conn(), &new, up_to)? {
                    duplicates.push((row, format!("{} {}", new.organization_id, new.published_on)));
                    return Ok(false);
                }
                anonymised::record(tx, None, new, today, Some((name, row)))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_of_the_former_register_is_a_notification_with_its_days() {
        let header: Vec<String> = [
            "届出者",
            "提供者の名称",
            "住所",
            "代表者",
            "利用目的",
            "提供する個人データの項目",
            "提供の方法",
            "停止の求めを受け付ける方法",
            "届出日",
            "受理日",
            "廃止の日",
        ]
        .iter()
        .map(|h| OPTOUT.term(h).unwrap().name.to_owned())
        .collect();
        let cells: Vec<String> = [
            "1",
            "株式会社名簿",
            "東京都港区",
            "代表 太郎",
            "名簿の販売",
            "氏名|住所",
            "電子媒体",
            "電話",
            "2019-05-01",
            "2019-05-20",
            "",
        ]
        .map(str::to_owned)
        .to_vec();
        let mut none = |_: &str, _: &str, _: &mut Vec<sheets::Reason>| Ok(None);
        let row = notification_of(&mut none, &header, &cells)
            .unwrap()
            .unwrap();
        assert_eq!(row.new.provider_name, "株式会社名簿");
        assert_eq!(row.new.data_items, ["氏名", "住所"]);
        assert_eq!(row.accepted_on, "2019-05-20".parse().ok());
        assert_eq!(row.withdrawn_on, None);
    }
}
