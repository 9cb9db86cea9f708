//! HTTP handlers of the staff's work: thin — extract, call the command or the read, answer. The
//! per-record operations (assignee, notes, timeline) exist once for each record kind's path
//! (`work_routes!`), so each is its own operation in the OpenAPI document.

use actix_web::{HttpResponse, get, post, put, web};

use super::commands::{self, Named};
use super::{
    Assigned, Assignee, NewAssignee, NewAssignments, NewNote, Note, PageQuery, TeamFilter,
    TimelineEvent, WorkFilter, WorkList, Workload,
};
use crate::auth::{Auth, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::work::RecordKind;
use crate::error::{AppError, ErrorBody, FieldErrors, Refusal};
use crate::http::{Items, Page, PageRequest, Total, ValidJson, ValidQuery};
use crate::notify::MailSettings;

/// The user a body names: required, `null` to unassign.
fn user_of(user_id: Option<Option<i64>>) -> Result<Option<i64>, AppError> {
    user_id.ok_or_else(|| FieldErrors::single("user_id", Refusal::Required))
}

async fn set_assignee(
    auth: &Auth<StaffOnly>,
    db: &Db,
    config: &Config,
    kind: RecordKind,
    id: i64,
    body: NewAssignee,
) -> Result<HttpResponse, AppError> {
    let user = user_of(body.user_id)?;
    commands::assign(
        db,
        auth,
        &MailSettings::from(&config.mail),
        kind,
        vec![id],
        user,
        Named::ByPath,
    )
    .await?;
    let assignee = db
        .read(move |conn| super::store::assignee(conn, kind, id))
        .await?;
    Ok(HttpResponse::Ok().json(Assignee {
        kind,
        id,
        user_id: assignee.as_ref().map(|a| a.0),
        email: assignee.as_ref().map(|a| a.1.clone()),
        assigned_at: assignee.map(|a| a.2),
    }))
}

async fn write_note(
    auth: &Auth,
    db: &Db,
    config: &Config,
    kind: RecordKind,
    id: i64,
    body: ValidJson<NewNote>,
) -> Result<HttpResponse, AppError> {
    // Notes are staff's: a reporter learns not even that the record exists.
    if !auth.role.is_staff() {
        return Err(AppError::NotFound(commands::missing(kind)));
    }
    let new = body.into_inner()?;
    let note =
        commands::add_note(db, auth, &MailSettings::from(&config.mail), kind, id, new).await?;
    Ok(HttpResponse::Created().json(note))
}

async fn read_notes(
    auth: &Auth,
    db: &Db,
    kind: RecordKind,
    id: i64,
) -> Result<HttpResponse, AppError> {
    if !auth.role.is_staff() {
        return Err(AppError::NotFound(commands::missing(kind)));
    }
    let notes = db
        .read(move |conn| {
            if !super::store::exists(conn, kind, id)? {
                return Err(AppError::NotFound(commands::missing(kind)));
            }
            super::store::notes_of(conn, kind, id)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Items { items: notes }))
}

async fn read_timeline(
    auth: &Auth,
    db: &Db,
    kind: RecordKind,
    id: i64,
    query: ValidQuery<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner()?;
    let request = PageRequest::new(query.page, query.per_page);
    let events = commands::timeline_of(db, auth, kind, id).await?;
    let total = Total::exact(events.len() as i64);
    let items: Vec<TimelineEvent> = events
        .into_iter()
        .skip(usize::try_from(request.offset()).unwrap_or(usize::MAX))
        .take(usize::try_from(request.limit()).unwrap_or(0))
        .collect();
    Ok(HttpResponse::Ok().json(Page::new(items, request, total)))
}

/// The four per-record operations of one record kind, at its plural path.
macro_rules! work_routes {
    ($kind:expr,
     $assignee:ident = $assignee_path:literal,
     $note:ident, $notes:ident = $notes_path:literal,
     $timeline:ident = $timeline_path:literal) => {
        /// Sets or clears the record's assignee (a staff or admin user), audited; the new
        /// assignee is mailed.
        #[utoipa::path(
                    put, path = $assignee_path, tag = "work", params(("id" = i64, Path)),
                    request_body = NewAssignee,
                    responses(
                        (status = 200, body = Assignee),
                        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
                        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
                    ),
                    security(("bearer" = []))
                )]
        #[put($assignee_path)]
        pub async fn $assignee(
            auth: Auth<StaffOnly>,
            db: web::Data<Db>,
            config: web::Data<Config>,
            id: web::Path<i64>,
            body: ValidJson<NewAssignee>,
        ) -> Result<HttpResponse, AppError> {
            let body = body.into_inner()?;
            set_assignee(&auth, &db, &config, $kind, id.into_inner(), body).await
        }

        /// Writes an internal note on the record (staff only; a reporter gets 404).
        #[utoipa::path(
                    post, path = $notes_path, tag = "work", params(("id" = i64, Path)),
                    request_body = NewNote,
                    responses(
                        (status = 201, body = Note),
                        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
                        (status = 422, body = ErrorBody),
                    ),
                    security(("bearer" = []))
                )]
        #[post($notes_path)]
        pub async fn $note(
            auth: Auth,
            db: web::Data<Db>,
            config: web::Data<Config>,
            id: web::Path<i64>,
            body: ValidJson<NewNote>,
        ) -> Result<HttpResponse, AppError> {
            write_note(&auth, &db, &config, $kind, id.into_inner(), body).await
        }

        /// The record's internal notes, oldest first (staff only; a reporter gets 404).
        #[utoipa::path(
                    get, path = $notes_path, tag = "work", params(("id" = i64, Path)),
                    responses(
                        (status = 200, body = inline(Items<Note>)),
                        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
                    ),
                    security(("bearer" = []))
                )]
        #[get($notes_path)]
        pub async fn $notes(
            auth: Auth,
            db: web::Data<Db>,
            id: web::Path<i64>,
        ) -> Result<HttpResponse, AppError> {
            read_notes(&auth, &db, $kind, id.into_inner()).await
        }

        /// The record's timeline, newest first, paged: its versions, reviews, actions,
        /// answers, files and mail; for staff also its notes and assignments, for admins its
        /// reads. A reporter reads its own records' timeline without those.
        #[utoipa::path(
                    get, path = $timeline_path, tag = "work", params(("id" = i64, Path), PageQuery),
                    responses(
                        (status = 200, body = inline(Page<TimelineEvent>)),
                        (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
                        (status = 422, body = ErrorBody),
                    ),
                    security(("bearer" = []))
                )]
        #[get($timeline_path)]
        pub async fn $timeline(
            auth: Auth,
            db: web::Data<Db>,
            id: web::Path<i64>,
            query: ValidQuery<PageQuery>,
        ) -> Result<HttpResponse, AppError> {
            read_timeline(&auth, &db, $kind, id.into_inner(), query).await
        }
    };
}

work_routes!(
    RecordKind::Incident,
    assign_incident = "/api/v1/incidents/{id}/assignee",
    note_incident,
    incident_notes = "/api/v1/incidents/{id}/notes",
    incident_timeline = "/api/v1/incidents/{id}/timeline"
);
work_routes!(
    RecordKind::Case,
    assign_case = "/api/v1/cases/{id}/assignee",
    note_case,
    case_notes = "/api/v1/cases/{id}/notes",
    case_timeline = "/api/v1/cases/{id}/timeline"
);
work_routes!(
    RecordKind::Action,
    assign_action = "/api/v1/actions/{id}/assignee",
    note_action,
    action_notes = "/api/v1/actions/{id}/notes",
    action_timeline = "/api/v1/actions/{id}/timeline"
);
work_routes!(
    RecordKind::Consultation,
    assign_consultation = "/api/v1/consultations/{id}/assignee",
    note_consultation,
    consultation_notes = "/api/v1/consultations/{id}/notes",
    consultation_timeline = "/api/v1/consultations/{id}/timeline"
);
work_routes!(
    RecordKind::Mediation,
    assign_mediation = "/api/v1/mediations/{id}/assignee",
    note_mediation,
    mediation_notes = "/api/v1/mediations/{id}/notes",
    mediation_timeline = "/api/v1/mediations/{id}/timeline"
);

/// Assigns records of one kind to one user, all or none, with one mail to the assignee.
#[utoipa::path(
    post, path = "/api/v1/assignments", tag = "work",
    request_body = NewAssignments,
    responses(
        (status = 200, body = Assigned),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[post("/api/v1/assignments")]
pub async fn assign_records(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    body: ValidJson<NewAssignments>,
) -> Result<HttpResponse, AppError> {
    let body = body.into_inner()?;
    let user = user_of(body.user_id)?;
    let assigned = commands::assign(
        &db,
        &auth,
        &MailSettings::from(&config.mail),
        body.kind,
        body.ids,
        user,
        Named::ByBody,
    )
    .await?;
    Ok(HttpResponse::Ok().json(assigned))
}

/// A work list: `me` (default), a user's, or the unassigned queue (`none`) — open items, overdue
/// first, then by due day.
#[utoipa::path(
    get, path = "/api/v1/work", tag = "work", params(WorkFilter),
    responses(
        (status = 200, body = WorkList),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/work")]
pub async fn work_list(
    auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    filter: ValidQuery<WorkFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let whose = filter.whose(auth.user_id)?;
    let after = config.work.escalate_after_days;
    let request = PageRequest::new(filter.page, filter.per_page);
    let list = db
        .read(move |conn| {
            super::store::work_list(
                conn,
                whose,
                filter.kind,
                filter.overdue == Some(true),
                request,
                today(),
                after,
            )
        })
        .await?;
    Ok(HttpResponse::Ok().json(list))
}

/// The workload per staff member: open, overdue and escalated items, the oldest one's age, and
/// the median days to close of the items closed in the period; or as CSV / XLSX.
#[utoipa::path(
    get, path = "/api/v1/work/team", tag = "work", params(TeamFilter),
    responses(
        (status = 200, description = "the table; with `format`, as CSV for people or an Excel workbook", content((inline(Items<Workload>) = "application/json"), (String = "text/csv"), (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("bearer" = []))
)]
#[get("/api/v1/work/team")]
pub async fn team_workload(
    _auth: Auth<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    filter: ValidQuery<TeamFilter>,
) -> Result<HttpResponse, AppError> {
    let filter = filter.into_inner()?;
    let (from, to) = super::pages::team_period(&filter)?;
    let after = config.work.escalate_after_days;
    let rows = db
        .read(move |conn| super::store::workload(conn, today(), from, to, after))
        .await?;
    match filter.format {
        Some(format) => super::pages::team_download(&rows, format),
        None => Ok(HttpResponse::Ok().json(Items { items: rows })),
    }
}
