//! A record's timeline (API.md "Work"): one list, newest first, merging its versions, reviews,
//! actions, answers, files, notes, mails, assignments and (for admins) reads, each read from the
//! table that keeps it. What a reporter sees of its own record leaves out notes, reads,
//! assignments and staff's own mail (`TimelineKind::shown_to_reporters`,
//! `MailKind::to_the_entity`).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::{TimelineEvent, TimelineKind};
use crate::auth::Principal;
use crate::db::schema::{
    actions, assignments, attachments, audit_log, case_entities, case_incidents, cases,
    consultations, incidents, mediation_steps, mediations, outbox, report_reviews, report_versions,
    reports, responses,
};
use crate::db::{Action as AuditAction, DbConnection, Entity};
use crate::domain::access::{Role, may_access_organization, may_read_action};
use crate::domain::case::EntityRole;
use crate::domain::hotline::StepKind;
use crate::domain::powers::{ActionKind, power_named};
use crate::domain::report::Stage;
use crate::domain::reportability::Regime;
use crate::domain::review::Decision;
use crate::domain::work::RecordKind;
use crate::error::AppError;
use crate::notify::MailKind;
use crate::records::organizations;

/// Who reads a timeline, and which of its events they see.
struct Reader {
    role: Role,
    own: Option<i64>,
}

impl Reader {
    fn staff(&self) -> bool {
        self.role.is_staff()
    }
}

/// Whether `viewer` may read record `id`'s timeline: staff every record's; a reporter its own
/// organization's incidents and the report collections addressed to it. `None` when the
/// record does not exist (or is not the viewer's).
pub fn readable(
    conn: &mut DbConnection,
    viewer: &Principal,
    kind: RecordKind,
    id: i64,
) -> Result<bool, AppError> {
    let own = viewer.organization_id;
    Ok(match kind {
        RecordKind::Incident => incidents::table
            .find(id)
            .select(incidents::organization_id)
            .first::<i64>(conn)
            .optional()?
            .is_some_and(|org| may_access_organization(viewer.role, own, org)),
        RecordKind::Action => actions::table
            .find(id)
            .select((actions::kind, actions::organization_id))
            .first::<(String, i64)>(conn)
            .optional()?
            .is_some_and(|(kind, org)| {
                may_read_action(
                    viewer.role,
                    own,
                    kind == ActionKind::ReportCollection.as_str(),
                    org,
                )
            }),
        RecordKind::Case | RecordKind::Consultation | RecordKind::Mediation => {
            viewer.role.is_staff() && super::store::exists(conn, kind, id)?
        }
    })
}

fn event(
    at: NaiveDateTime,
    kind: TimelineKind,
    text: String,
    by: Option<String>,
    href: Option<String>,
) -> TimelineEvent {
    TimelineEvent {
        at,
        event: kind,
        text,
        by,
        href,
    }
}

/// The whole timeline of record `id` of `kind`, newest first, as `viewer` may see it (the
/// record must be readable: [`readable`]).
pub fn timeline(
    conn: &mut DbConnection,
    viewer: &Principal,
    kind: RecordKind,
    id: i64,
) -> Result<Vec<TimelineEvent>, AppError> {
    let reader = Reader {
        role: viewer.role,
        own: viewer.organization_id,
    };
    let mut events = Vec::new();
    // Mail about the record is found by the entities it was written about.
    let mut mail_about: Vec<(Entity, Vec<i64>)> = vec![(super::entity_of(kind), vec![id])];
    let mut reads_of: Vec<(Entity, Vec<i64>)> = Vec::new();
    match kind {
        RecordKind::Incident => {
            let reports = incident_reports(conn, id, &mut events)?;
            let actions = actions_where(conn, &reader, Some(id), None, &mut events)?;
            answers_and_files(conn, &reader, &reports, &actions, None, &mut events)?;
            mail_about.push((Entity::Report, reports.clone()));
            mail_about.push((Entity::Action, actions));
            reads_of.push((Entity::Report, reports));
        }
        RecordKind::Case => {
            case_events(conn, id, &mut events)?;
            let actions = actions_where(conn, &reader, None, Some(id), &mut events)?;
            answers_and_files(conn, &reader, &[], &actions, Some(id), &mut events)?;
            mail_about.push((Entity::Action, actions));
            reads_of.push((Entity::Case, vec![id]));
        }
        RecordKind::Action => {
            let own = action_event(conn, id, &mut events)?;
            answers_and_files(conn, &reader, &[], &own, None, &mut events)?;
        }
        RecordKind::Consultation => {
            consultation_events(conn, id, &mut events)?;
            reads_of.push((Entity::Consultation, vec![id]));
        }
        RecordKind::Mediation => mediation_events(conn, id, &mut events)?,
    }
    mail_events(conn, &reader, &mail_about, &mut events)?;
    if reader.staff() {
        note_events(conn, kind, id, &mut events)?;
        assignment_events(conn, kind, id, &mut events)?;
    }
    if reader.role == Role::Admin {
        read_events(conn, &reads_of, &mut events)?;
    }
    events.retain(|e| reader.staff() || e.event.shown_to_reporters());
    // Newest first; events of one instant (a note and its mail) in a fixed order, so that the
    // pages of a timeline neither repeat nor skip one.
    events.sort_by(|a, b| {
        b.at.cmp(&a.at)
            .then_with(|| a.event.as_str().cmp(b.event.as_str()))
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.by.cmp(&b.by))
    });
    Ok(events)
}

/// The incident's reports: each version filed and each review; answers the reports' ids.
fn incident_reports(
    conn: &mut DbConnection,
    incident: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<Vec<i64>, AppError> {
    let reports: Vec<(i64, String, NaiveDate, NaiveDateTime)> = reports::table
        .filter(reports::incident_id.eq(incident))
        .select((
            reports::id,
            reports::stage,
            reports::received_on,
            reports::created_at,
        ))
        .load(conn)?;
    let ids: Vec<i64> = reports.iter().map(|r| r.0).collect();
    let stages: HashMap<i64, &'static str> = reports
        .iter()
        .map(|(id, stage, _, _)| (*id, Stage::parse(stage).map_or("報告", Stage::label_ja)))
        .collect();
    // Each report as filed (its first version), then each amendment (the versions after it).
    for (report, _, received_on, at) in &reports {
        let stage = stages.get(report).copied().unwrap_or("報告");
        events.push(event(
            *at,
            TimelineKind::Version,
            format!("{stage}（報告 {report}）を受付（受付日 {received_on}）"),
            None,
            Some(format!("/reports/{report}")),
        ));
    }
    let versions: Vec<(i64, i32, Option<String>, NaiveDateTime)> = report_versions::table
        .filter(report_versions::report_id.eq_any(&ids))
        .filter(report_versions::version.gt(1))
        .select((
            report_versions::report_id,
            report_versions::version,
            report_versions::reason,
            report_versions::created_at,
        ))
        .load(conn)?;
    for (report, version, reason, at) in versions {
        let stage = stages.get(&report).copied().unwrap_or("報告");
        let reason = reason.map(|r| format!("：{r}")).unwrap_or_default();
        events.push(event(
            at,
            TimelineKind::Version,
            format!("{stage}（報告 {report}）を補正（第{version}版）{reason}"),
            None,
            Some(format!("/reports/{report}")),
        ));
    }
    let reviews: Vec<(i64, i32, String, Option<NaiveDate>, NaiveDateTime)> = report_reviews::table
        .filter(report_reviews::report_id.eq_any(&ids))
        .select((
            report_reviews::report_id,
            report_reviews::version,
            report_reviews::decision,
            report_reviews::due_on,
            report_reviews::created_at,
        ))
        .load(conn)?;
    for (report, version, decision, due_on, at) in reviews {
        let decision = Decision::parse(&decision).map_or("審査", Decision::label_ja);
        let due = due_on.map(|d| format!("（期限 {d}）")).unwrap_or_default();
        events.push(event(
            at,
            TimelineKind::Review,
            format!("報告 {report} 第{version}版を審査：{decision}{due}"),
            None,
            Some(format!("/reports/{report}")),
        ));
    }
    Ok(ids)
}

type ActionLine = (i64, String, String, i64, NaiveDate, NaiveDateTime);

fn power_of(kind: &str, regime: &str) -> &'static str {
    match (ActionKind::parse(kind), Regime::parse(regime)) {
        (Some(kind), Some(regime)) => power_named(kind, regime).0,
        _ => "監督措置",
    }
}

/// The actions taken on an incident or in a case, as the reader may see them; answers their ids.
fn actions_where(
    conn: &mut DbConnection,
    reader: &Reader,
    incident: Option<i64>,
    case: Option<i64>,
    events: &mut Vec<TimelineEvent>,
) -> Result<Vec<i64>, AppError> {
    let mut query = actions::table
        .select((
            actions::id,
            actions::kind,
            actions::regime,
            actions::organization_id,
            actions::started_on,
            actions::created_at,
        ))
        .into_boxed();
    if let Some(incident) = incident {
        query = query.filter(actions::incident_id.eq(incident));
    }
    if let Some(case) = case {
        query = query.filter(actions::case_id.eq(case));
    }
    let rows: Vec<ActionLine> = query.load(conn)?;
    let mut ids = Vec::new();
    for (action, kind, regime, organization, started_on, at) in rows {
        if !may_read_action(
            reader.role,
            reader.own,
            kind == ActionKind::ReportCollection.as_str(),
            organization,
        ) {
            continue;
        }
        ids.push(action);
        events.push(event(
            at,
            TimelineKind::Action,
            format!("{}（開始 {started_on}）", power_of(&kind, &regime)),
            None,
            Some(format!("/actions/{action}")),
        ));
    }
    Ok(ids)
}

/// The action itself, as its own timeline's first event; answers its id.
fn action_event(
    conn: &mut DbConnection,
    id: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<Vec<i64>, AppError> {
    let row: Option<(String, String, i64, NaiveDate, NaiveDateTime)> = actions::table
        .find(id)
        .select((
            actions::kind,
            actions::regime,
            actions::organization_id,
            actions::started_on,
            actions::created_at,
        ))
        .first(conn)
        .optional()?;
    if let Some((kind, regime, organization, started_on, at)) = row {
        let name = organizations::find(conn, organization)?.map(|o| o.name);
        events.push(event(
            at,
            TimelineKind::Created,
            format!("{}を記録（開始 {started_on}）", power_of(&kind, &regime)),
            name,
            None,
        ));
    }
    Ok(vec![id])
}

/// Answers to the actions, and the files of the reports, the answers and the case.
fn answers_and_files(
    conn: &mut DbConnection,
    reader: &Reader,
    reports: &[i64],
    actions: &[i64],
    case: Option<i64>,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    let answers: Vec<(i64, i64, NaiveDate, bool, Option<i64>, NaiveDateTime)> = responses::table
        .filter(responses::action_id.eq_any(actions))
        .select((
            responses::id,
            responses::action_id,
            responses::submitted_on,
            responses::late,
            responses::submitted_by_user_id,
            responses::created_at,
        ))
        .load(conn)?;
    let authors = super::store::emails_of(conn, answers.iter().filter_map(|a| a.4))?;
    for (_, action, submitted_on, late, by, at) in &answers {
        events.push(event(
            *at,
            TimelineKind::Answer,
            format!(
                "監督措置 {action} への回答（提出日 {submitted_on}{}）",
                if *late { "・期限後" } else { "" }
            ),
            // Who recorded it is staff's to see (an answer on paper is recorded by staff).
            by.filter(|_| reader.staff())
                .and_then(|b| authors.get(&b).cloned()),
            Some(format!("/actions/{action}")),
        ));
    }
    let answer_ids: Vec<i64> = answers.iter().map(|a| a.0).collect();
    let mut query = attachments::table
        .select((
            attachments::id,
            attachments::filename,
            attachments::created_at,
        ))
        .into_boxed();
    query = query.filter(
        attachments::report_id
            .eq_any(reports.to_vec())
            .or(attachments::response_id.eq_any(answer_ids)),
    );
    if let Some(case) = case
        && reader.staff()
    {
        query = query.or_filter(attachments::case_id.eq(case));
    }
    let files: Vec<(i64, String, NaiveDateTime)> = query.load(conn)?;
    for (file, name, at) in files {
        events.push(event(
            at,
            TimelineKind::File,
            format!("ファイル「{name}」を添付"),
            None,
            Some(format!("/attachments/{file}")),
        ));
    }
    Ok(())
}

fn case_events(
    conn: &mut DbConnection,
    case: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    if let Some((title, at)) = cases::table
        .find(case)
        .select((cases::title, cases::created_at))
        .first::<(String, NaiveDateTime)>(conn)
        .optional()?
    {
        events.push(event(
            at,
            TimelineKind::Created,
            format!("事案「{title}」を登録"),
            None,
            None,
        ));
    }
    let joined: Vec<(i64, NaiveDate, NaiveDateTime)> = case_incidents::table
        .inner_join(incidents::table)
        .filter(case_incidents::case_id.eq(case))
        .select((
            incidents::id,
            incidents::first_received_on,
            case_incidents::created_at,
        ))
        .load(conn)?;
    for (incident, first, at) in joined {
        use chrono::Datelike;
        let reference = crate::domain::reference::incident_reference(first.year(), incident);
        events.push(event(
            at,
            TimelineKind::Change,
            format!("漏えい等事態 {reference} を追加"),
            None,
            None,
        ));
    }
    let entities: Vec<(i64, String, NaiveDateTime)> = case_entities::table
        .filter(case_entities::case_id.eq(case))
        .select((
            case_entities::organization_id,
            case_entities::role,
            case_entities::created_at,
        ))
        .load(conn)?;
    let names = organizations::names(conn, &entities.iter().map(|e| e.0).collect::<Vec<_>>())?;
    for (organization, role, at) in entities {
        let role = EntityRole::parse(&role).map_or("", EntityRole::label_ja);
        events.push(event(
            at,
            TimelineKind::Change,
            format!(
                "関係機関「{}」（{role}）を追加",
                organizations::name_in(&names, organization)
            ),
            None,
            Some(format!("/organizations/{organization}")),
        ));
    }
    Ok(())
}

fn consultation_events(
    conn: &mut DbConnection,
    consultation: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    if let Some((received_on, at)) = consultations::table
        .find(consultation)
        .select((consultations::received_on, consultations::created_at))
        .first::<(NaiveDate, NaiveDateTime)>(conn)
        .optional()?
    {
        events.push(event(
            at,
            TimelineKind::Created,
            format!("相談を受付（{received_on}）"),
            None,
            None,
        ));
    }
    let applied: Vec<(i64, NaiveDate, NaiveDateTime)> = mediations::table
        .filter(mediations::consultation_id.eq(consultation))
        .select((
            mediations::id,
            mediations::applied_on,
            mediations::created_at,
        ))
        .load(conn)?;
    for (mediation, applied_on, at) in applied {
        events.push(event(
            at,
            TimelineKind::Change,
            format!("苦情あっせんの申出（{applied_on}）"),
            None,
            Some(format!("/mediations/{mediation}")),
        ));
    }
    Ok(())
}

fn mediation_events(
    conn: &mut DbConnection,
    mediation: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    if let Some((applied_on, consultation, at)) = mediations::table
        .find(mediation)
        .select((
            mediations::applied_on,
            mediations::consultation_id,
            mediations::created_at,
        ))
        .first::<(NaiveDate, i64, NaiveDateTime)>(conn)
        .optional()?
    {
        events.push(event(
            at,
            TimelineKind::Created,
            format!("苦情あっせんの申出を受付（{applied_on}）"),
            None,
            Some(format!("/consultations/{consultation}")),
        ));
    }
    let steps: Vec<(String, NaiveDate, NaiveDateTime)> = mediation_steps::table
        .filter(mediation_steps::mediation_id.eq(mediation))
        .select((
            mediation_steps::kind,
            mediation_steps::taken_on,
            mediation_steps::created_at,
        ))
        .load(conn)?;
    for (kind, taken_on, at) in steps {
        events.push(event(
            at,
            TimelineKind::Change,
            format!(
                "{}（{taken_on}）",
                StepKind::parse(&kind).map_or("手続", StepKind::label_ja)
            ),
            None,
            None,
        ));
    }
    Ok(())
}

/// Mail written about the entities; a reporter sees only mail to the entity, never staff's.
fn mail_events(
    conn: &mut DbConnection,
    reader: &Reader,
    about: &[(Entity, Vec<i64>)],
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    for (entity, ids) in about {
        if ids.is_empty() {
            continue;
        }
        let rows: Vec<(String, String, String, String, NaiveDateTime)> = outbox::table
            .filter(outbox::entity_type.eq(entity.as_str()))
            .filter(outbox::entity_id.eq_any(ids))
            .select((
                outbox::kind,
                outbox::recipient,
                outbox::subject,
                outbox::status,
                outbox::created_at,
            ))
            .load(conn)?;
        for (kind, recipient, subject, status, at) in rows {
            let to_entity = MailKind::parse(&kind).is_some_and(MailKind::to_the_entity);
            if !reader.staff() && !to_entity {
                continue;
            }
            let state = match status.as_str() {
                "sent" => "送信済み",
                "failed" => "送信失敗",
                _ => "送信待ち",
            };
            events.push(event(
                at,
                TimelineKind::Mail,
                format!("メール「{subject}」（{state}）"),
                Some(recipient),
                None,
            ));
        }
    }
    Ok(())
}

fn note_events(
    conn: &mut DbConnection,
    kind: RecordKind,
    id: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    for note in super::store::notes_of(conn, kind, id)? {
        let excerpt: String = note.body.chars().take(80).collect();
        let text = match note.corrects {
            Some(corrected) => format!("メモ {}（メモ {corrected} の訂正）：{excerpt}", note.id),
            None => format!("メモ {}：{excerpt}", note.id),
        };
        events.push(event(
            note.created_at,
            TimelineKind::Note,
            text,
            note.author,
            None,
        ));
    }
    Ok(())
}

fn assignment_events(
    conn: &mut DbConnection,
    kind: RecordKind,
    id: i64,
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    let rows: Vec<(Option<i64>, Option<i64>, NaiveDateTime)> = assignments::table
        .filter(assignments::record_kind.eq(kind.as_str()))
        .filter(assignments::record_id.eq(id))
        .select((
            assignments::user_id,
            assignments::assigned_by_user_id,
            assignments::assigned_at,
        ))
        .load(conn)?;
    let names = super::store::emails_of(conn, rows.iter().flat_map(|r| [r.0, r.1]).flatten())?;
    for (user, by, at) in rows {
        let text = match user.and_then(|u| names.get(&u)) {
            Some(email) => format!("担当者を {email} に"),
            None => "担当者なしに".to_owned(),
        };
        events.push(event(
            at,
            TimelineKind::Assignment,
            text,
            by.and_then(|b| names.get(&b).cloned()),
            None,
        ));
    }
    Ok(())
}

fn read_events(
    conn: &mut DbConnection,
    of: &[(Entity, Vec<i64>)],
    events: &mut Vec<TimelineEvent>,
) -> Result<(), AppError> {
    for (entity, ids) in of {
        let rows: Vec<(String, NaiveDateTime)> = audit_log::table
            .filter(audit_log::action.eq(AuditAction::Read.as_str()))
            .filter(audit_log::entity_type.eq(entity.as_str()))
            .filter(audit_log::entity_id.eq_any(ids))
            .order(audit_log::id.desc())
            .limit(500)
            .select((audit_log::actor, audit_log::occurred_at))
            .load(conn)?;
        for (actor, at) in rows {
            events.push(event(
                at,
                TimelineKind::Read,
                "閲覧".to_owned(),
                Some(actor),
                None,
            ));
        }
    }
    Ok(())
}
