//! The use cases of the staff's work, each one audited transaction with its mail in the outbox:
//! assigning records (one or many, all or none), writing a note, and the escalation scan the
//! server runs beside the delivery worker. The API and the pages reach them only through here.

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use super::mail::{self, Escalation};
use super::store::{self, Facts};
use super::{Assigned, Note};
use crate::auth::Principal;
use crate::db::schema::{assignees, assignments, notes};
use crate::db::{Action, Db, Entity};
use crate::domain::access::Role;
use crate::domain::deadlines::OVERDUE_NOTICE_DAYS;
use crate::domain::work::{self as rule, RecordKind};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::notify::MailSettings;

/// The record a kind names, missing.
pub fn missing(kind: RecordKind) -> Missing {
    match kind {
        RecordKind::Incident => Missing::Incident,
        RecordKind::Case => Missing::Case,
        RecordKind::Action => Missing::Action,
        RecordKind::Consultation => Missing::Consultation,
        RecordKind::Mediation => Missing::Mediation,
    }
}

/// How a request names the records it assigns: one by its path (a missing one is 404), or
/// many in its body (a missing one is refused naming `ids`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    ByPath,
    ByBody,
}

/// Assigns `ids` of `kind` to `user` (none: unassigns) — all or none — with an audit row for
/// each record whose assignee changes and one mail to the new assignee (unless it is the caller).
pub async fn assign(
    db: &Db,
    caller: &Principal,
    settings: &MailSettings,
    kind: RecordKind,
    ids: Vec<i64>,
    user: Option<i64>,
    named: Named,
) -> Result<Assigned, AppError> {
    // Staff's alone, whoever calls (the API, the pages).
    if !caller.role.is_staff() {
        return Err(AppError::Forbidden(crate::error::Denial::StaffOnly));
    }
    let (caller_id, caller_email) = (caller.user_id, caller.email.clone());
    let site_url = settings.site_url.clone();
    db.write(caller.actor(), move |tx| {
        let mut unique: Vec<i64> = Vec::new();
        for id in ids {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        // Records are locked and written in the order of their ids, whatever order a list gave.
        let mut in_order = unique.clone();
        in_order.sort_unstable();
        store::lock_records(tx.conn(), kind, &in_order)?;
        let found: Vec<Facts> = store::facts(tx.conn(), kind, &unique)?;
        if let Some(absent) = unique.iter().find(|id| !found.iter().any(|f| f.id == **id)) {
            return Err(match named {
                Named::ByPath => AppError::NotFound(missing(kind)),
                Named::ByBody => FieldErrors::single(
                    "ids",
                    Refusal::NoSuchRecord {
                        record: missing(kind),
                        id: *absent,
                    },
                ),
            });
        }
        let email =
            match user {
                Some(user) => Some(store::staff_member(tx.conn(), user)?.ok_or_else(|| {
                    FieldErrors::single("user_id", Refusal::NotStaff { id: user })
                })?),
                None => None,
            };
        let now = tx.now();
        let mut changed: Vec<(i64, String)> = Vec::new();
        for id in &in_order {
            let current: Option<i64> = assignees::table
                .filter(assignees::record_kind.eq(kind.as_str()))
                .filter(assignees::record_id.eq(id))
                .select(assignees::user_id)
                .first(tx.conn())
                .optional()?;
            if current == user {
                continue;
            }
            diesel::delete(
                assignees::table
                    .filter(assignees::record_kind.eq(kind.as_str()))
                    .filter(assignees::record_id.eq(id)),
            )
            .execute(tx.conn())?;
            if let Some(user) = user {
                diesel::insert_into(assignees::table)
                    .values((
                        assignees::record_kind.eq(kind.as_str()),
                        assignees::record_id.eq(id),
                        assignees::user_id.eq(user),
                        assignees::assigned_at.eq(now),
                    ))
                    .execute(tx.conn())?;
            }
            diesel::insert_into(assignments::table)
                .values((
                    assignments::record_kind.eq(kind.as_str()),
                    assignments::record_id.eq(id),
                    assignments::user_id.eq(user),
                    assignments::previous_user_id.eq(current),
                    assignments::assigned_by_user_id.eq(caller_id),
                    assignments::assigned_at.eq(now),
                ))
                .execute(tx.conn())?;
            tx.record(
                Action::Assign,
                super::entity_of(kind),
                *id,
                &serde_json::json!({"user_id": user, "previous_user_id": current}),
            )?;
            let title = found
                .iter()
                .find(|f| f.id == *id)
                .map(|f| f.title.clone())
                .unwrap_or_default();
            changed.push((*id, title));
        }
        if changed.is_empty() {
            tx.nothing_changed();
        } else if let (Some(email), Some(user)) = (&email, user)
            && user != caller_id
        {
            mail::assigned(tx, &site_url, email, &caller_email, kind, &changed)?;
        }
        Ok(Assigned {
            kind,
            ids: unique,
            user_id: user,
            changed: changed.len(),
        })
    })
    .await
}

/// Writes a note on record `id` of `kind` (append-only; `corrects` names a note of the same
/// record), and mails each colleague it mentions (`@address`), who must be enabled staff.
pub async fn add_note(
    db: &Db,
    caller: &Principal,
    settings: &MailSettings,
    kind: RecordKind,
    id: i64,
    new: super::NewNote,
) -> Result<Note, AppError> {
    // Notes are staff's: to anyone else the record is not there.
    if !caller.role.is_staff() {
        return Err(AppError::NotFound(missing(kind)));
    }
    let (caller_id, caller_email) = (caller.user_id, caller.email.clone());
    let site_url = settings.site_url.clone();
    db.write(caller.actor(), move |tx| {
        let facts = store::facts(tx.conn(), kind, &[id])?
            .pop()
            .ok_or(AppError::NotFound(missing(kind)))?;
        let mut errors = FieldErrors::new();
        if let Some(corrected) = new.corrects
            && store::note_record(tx.conn(), corrected)? != Some((kind, id))
        {
            errors.add("corrects", Refusal::NotThisRecordsNote { id: corrected });
        }
        let mentioned = rule::mentions(&new.body);
        let staff = store::staff_by_email(tx.conn(), &mentioned)?;
        for email in &mentioned {
            if !staff.contains_key(email) {
                errors.add(
                    "body",
                    Refusal::NotStaffEmail {
                        email: email.clone(),
                    },
                );
            }
        }
        errors.into_result()?;
        let body = new.body.trim().to_owned();
        let note_id: i64 = diesel::insert_into(notes::table)
            .values((
                notes::record_kind.eq(kind.as_str()),
                notes::record_id.eq(id),
                notes::body.eq(&body),
                notes::corrects_id.eq(new.corrects),
                notes::author_user_id.eq(caller_id),
                notes::created_at.eq(tx.now()),
            ))
            .returning(notes::id)
            .get_result(tx.conn())?;
        tx.record(
            Action::Create,
            Entity::Note,
            note_id,
            &serde_json::json!({
                "kind": kind.as_str(),
                "record_id": id,
                "body": body,
                "corrects": new.corrects,
                "mentions": mentioned,
            }),
        )?;
        for email in &mentioned {
            if staff.get(email) == Some(&caller_id) {
                continue;
            }
            mail::mentioned(
                tx,
                &site_url,
                email,
                &caller_email,
                kind,
                id,
                &facts.title,
                &facts.href,
                &body,
            )?;
        }
        store::notes_of(tx.conn(), kind, id)?
            .into_iter()
            .find(|n| n.id == note_id)
            .ok_or(AppError::NotFound(Missing::Note))
    })
    .await
}

/// The escalation scan on `today`: every open item whose due day passed `after_days` working
/// days ago (its escalation day within the last `OVERDUE_NOTICE_DAYS`) is mailed to its
/// assignee and the admins, once each for that due day, whichever instance scans first.
/// Answers how many mails were enqueued.
pub async fn scan_escalations(
    db: &Db,
    settings: &MailSettings,
    today: NaiveDate,
    after_days: u32,
) -> Result<usize, AppError> {
    // Due days whose escalation day can fall in the window: the window and the working days
    // before it (at most a week of closure each five working days, with the year-end's).
    let reach = OVERDUE_NOTICE_DAYS + i64::from(after_days) * 3 + 14;
    let window_from = today - Duration::days(OVERDUE_NOTICE_DAYS);
    let (items, staff) = db
        .read(move |conn| {
            let items = store::dated_open(conn, today - Duration::days(reach), today)?;
            Ok((items, store::staff_members(conn)?))
        })
        .await?;
    let admins: Vec<String> = staff
        .iter()
        .filter(|(_, _, role)| *role == Role::Admin)
        .map(|(_, email, _)| email.clone())
        .collect();
    let mut enqueued = 0;
    for (facts, owner) in items {
        let Some(due_on) = facts.due_on else { continue };
        let on = rule::escalates_on(due_on, after_days);
        if on > today || on < window_from {
            continue;
        }
        let assignee = owner.and_then(|owner| {
            staff
                .iter()
                .find(|(id, _, _)| *id == owner)
                .map(|(_, email, _)| email.clone())
        });
        let mut recipients: Vec<String> = assignee.iter().cloned().collect();
        for admin in &admins {
            if !recipients.contains(admin) {
                recipients.push(admin.clone());
            }
        }
        for email in recipients {
            let item = Escalation {
                kind: facts.kind,
                id: facts.id,
                title: facts.title.clone(),
                href: facts.href.clone(),
                due_on,
                after_days,
                assignee: assignee.clone(),
            };
            let site_url = settings.site_url.clone();
            let changes = serde_json::json!({
                "mail": "escalated", "to": email, "due_on": due_on, "kind": facts.kind.as_str(),
            });
            if crate::notify::notice_once(
                db,
                super::entity_of(facts.kind),
                facts.id,
                changes,
                move |tx| mail::escalated(tx, &site_url, &email, &item),
            )
            .await?
            {
                enqueued += 1;
            }
        }
    }
    Ok(enqueued)
}

/// Runs the escalation scan every `every`, for as long as the server runs.
pub async fn run_escalation_scans(
    db: Db,
    settings: MailSettings,
    after_days: u32,
    every: std::time::Duration,
) {
    loop {
        match scan_escalations(&db, &settings, crate::clock::today_in_japan(), after_days).await {
            Ok(count) if count > 0 => tracing::info!(count, "escalation notices enqueued"),
            Ok(_) => {}
            Err(error) => tracing::warn!(error = %error.chain(), "escalation scan failed"),
        }
        actix_web::rt::time::sleep(every).await;
    }
}

/// A record's whole timeline as the caller may see it, or "not found".
pub async fn timeline_of(
    db: &Db,
    caller: &Principal,
    kind: RecordKind,
    id: i64,
) -> Result<Vec<super::TimelineEvent>, AppError> {
    let viewer = caller.clone();
    db.read(move |conn| {
        if !super::timeline::readable(conn, &viewer, kind, id)? {
            return Err(AppError::NotFound(missing(kind)));
        }
        super::timeline::timeline(conn, &viewer, kind, id)
    })
    .await
}
