//! The assessments (特定個人情報保護評価書): a body's assessment of one task (事務) and its
//! specific personal information files, reviewed by staff as reports are (`reviewed`), with the
//! Commission's remarks (審査記載事項), its approval at a meeting's agenda item for a national
//! body's full assessment (番号利用法第28条第2項), and the day it is published. A newer assessment
//! of the same body and task supersedes the last; the list shows those whose five years since
//! publication are ending (`domain::pia`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::reviewed::{self, NewReview, Review, Reviewed, UnderReview};
use crate::auth::Principal;
use crate::db::schema::{
    agenda_items, meetings, organizations, pia_evaluations as pia, pia_remarks as remarks,
};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::pia::{
    PiaLevel, Supersession, approval_refusals, day_refusals, reassess_by, reassessment_due,
    supersession,
};
use crate::domain::review::ReviewStatus;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest};
use crate::records::organizations as orgs;

/// `POST /api/v1/pia-evaluations`: a body's assessment (a reporter for its organization, or
/// staff).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewEvaluation {
    pub organization_id: i64,
    /// `basic` (基礎項目評価), `focused` (重点項目評価) or `full` (全項目評価).
    pub level: PiaLevel,
    /// The task assessed (事務の名称: 職業安定行政業務に関する事務).
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 200)]
    pub task_name: String,
    /// Its specific personal information files (雇用保険ファイル …), one or more.
    #[validate(
        length(min = 1, max = 50),
        custom(function = "crate::http::data_items_field")
    )]
    pub files: Vec<String>,
    /// 提出日
    pub submitted_on: NaiveDate,
}

/// `POST …/{id}/amendments`: a corrected assessment, and why.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationAmendment {
    pub level: Option<PiaLevel>,
    #[validate(
        length(min = 1, max = 50),
        custom(function = "crate::http::data_items_field")
    )]
    pub files: Option<Vec<String>>,
    /// Why it is amended.
    #[validate(
        length(min = 1, max = 5000),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 5000)]
    pub reason: String,
    /// The day the amendment was submitted (today when left out).
    pub submitted_on: Option<NaiveDate>,
}

/// `POST …/{id}/remarks` (staff): the Commission's remarks (審査記載事項).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRemark {
    #[validate(
        length(min = 1, max = 10000),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 10000)]
    pub text: String,
}

/// `POST …/{id}/approval` (staff): approved at a meeting's agenda item (承認).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApproval {
    /// The meeting (第244回 → 244).
    pub meeting_number: i32,
    /// Its agenda item, by number (議題２ → 2).
    #[validate(range(min = 1, max = 100))]
    #[schema(minimum = 1, maximum = 100)]
    pub item: i32,
    /// 承認日
    pub approved_on: NaiveDate,
}

/// `POST …/{id}/publication`: the day it was published (公表).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewPiaPublication)]
pub struct NewPublication {
    pub published_on: NaiveDate,
}

/// A remark as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Remark {
    pub id: i64,
    pub text: String,
    pub user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// An approval as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Approval {
    pub meeting_number: i32,
    pub item: i32,
    pub approved_on: NaiveDate,
}

/// An assessment as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Evaluation {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub level: PiaLevel,
    pub task_name: String,
    pub files: Vec<String>,
    pub submitted_on: NaiveDate,
    pub version: i32,
    pub review_status: ReviewStatus,
    /// The newer assessment of the same task that supersedes this one.
    pub superseded_by_id: Option<i64>,
    pub approval: Option<Approval>,
    pub published_on: Option<NaiveDate>,
    /// The last day to assess again (five years from publication).
    pub reassess_by: Option<NaiveDate>,
    /// Current, published, and its five years ending (再実施).
    pub reassessment_due: bool,
    pub remarks: Vec<Remark>,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

type Row = (
    (
        i64,
        i64,
        String,
        String,
        String,
        NaiveDate,
        i32,
        String,
        Option<i64>,
        Option<i32>,
        Option<NaiveDate>,
        Option<NaiveDate>,
        Option<i64>,
        NaiveDateTime,
        NaiveDateTime,
    ),
    String,
    Option<i32>,
);

macro_rules! columns {
    () => {
        (
            (
                pia::id,
                pia::organization_id,
                pia::level,
                pia::task_name,
                pia::files,
                pia::submitted_on,
                pia::version,
                pia::review_status,
                pia::superseded_by_id,
                pia::approval_item,
                pia::approved_on,
                pia::published_on,
                pia::filed_by_user_id,
                pia::created_at,
                pia::updated_at,
            ),
            organizations::name,
            meetings::number.nullable(),
        )
    };
}

fn evaluation_of(row: Row, remarks: Vec<Remark>, today: NaiveDate) -> Result<Evaluation, AppError> {
    let (
        (
            id,
            organization_id,
            level,
            task_name,
            files,
            submitted_on,
            version,
            review_status,
            superseded_by_id,
            approval_item,
            approved_on,
            published_on,
            filed_by_user_id,
            created_at,
            updated_at,
        ),
        organization_name,
        meeting_number,
    ) = row;
    let approval = match (meeting_number, approval_item, approved_on) {
        (Some(meeting_number), Some(item), Some(approved_on)) => Some(Approval {
            meeting_number,
            item,
            approved_on,
        }),
        _ => None,
    };
    Ok(Evaluation {
        id,
        organization_id,
        organization_name,
        level: PiaLevel::parse(&level)
            .ok_or_else(|| AppError::internal(format!("unknown level {level:?}")))?,
        task_name,
        files: serde_json::from_str(&files).map_err(AppError::internal)?,
        submitted_on,
        version,
        review_status: ReviewStatus::parse(&review_status)
            .ok_or_else(|| AppError::internal(format!("unknown status {review_status:?}")))?,
        superseded_by_id,
        approval,
        published_on,
        reassess_by: published_on.map(reassess_by),
        reassessment_due: superseded_by_id.is_none()
            && published_on.is_some_and(|day| reassessment_due(day, today)),
        remarks,
        filed_by_user_id,
        created_at,
        updated_at,
    })
}

fn remarks_of(conn: &mut DbConnection, id: i64) -> Result<Vec<Remark>, AppError> {
    let rows: Vec<(i64, String, Option<i64>, NaiveDateTime)> = remarks::table
        .filter(remarks::evaluation_id.eq(id))
        .order(remarks::id.asc())
        .select((
            remarks::id,
            remarks::text,
            remarks::user_id,
            remarks::created_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, text, user_id, created_at)| Remark {
            id,
            text,
            user_id,
            created_at,
        })
        .collect())
}

/// One assessment, with its remarks.
pub fn find(
    conn: &mut DbConnection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<Evaluation>, AppError> {
    let row: Option<Row> = pia::table
        .inner_join(organizations::table)
        .left_join(meetings::table)
        .filter(pia::id.eq(id))
        .select(columns!())
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let remarks = remarks_of(conn, id)?;
    evaluation_of(row, remarks, today).map(Some)
}

fn locked(tx: &mut WriteTx<'_>, id: i64, today: NaiveDate) -> Result<Evaluation, AppError> {
    diesel::update(pia::table.find(id))
        .set(pia::id.eq(id))
        .execute(tx.conn())?;
    find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))
}

fn refuse_if_superseded(evaluation: &Evaluation) -> Result<(), AppError> {
    match evaluation.superseded_by_id {
        Some(by) => Err(AppError::Conflict(Refusal::Superseded { by })),
        None => Ok(()),
    }
}

fn tidy_files(files: Vec<String>) -> Vec<String> {
    files.into_iter().map(|f| f.trim().to_owned()).collect()
}

/// What a version keeps of an assessment.
#[derive(Serialize)]
struct Content<'a> {
    level: PiaLevel,
    task_name: &'a str,
    files: &'a [String],
}

/// Files an assessment; a current one of the same body and task is superseded by it.
pub fn file(
    tx: &mut WriteTx<'_>,
    new: NewEvaluation,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<Evaluation, AppError> {
    let mut errors = FieldErrors::new();
    if new.submitted_on > today {
        errors.add("submitted_on", Refusal::InFuture);
    }
    if orgs::find(tx.conn(), new.organization_id)?.is_none() {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        );
    }
    errors.into_result()?;
    let task_name = new.task_name.trim().to_owned();
    let files = tidy_files(new.files);
    // One filing of a body at a time (PostgreSQL's row lock; SQLite's writer holds the file), so
    // two filings of one task at once cannot both stay current.
    diesel::update(organizations::table.find(new.organization_id))
        .set(organizations::id.eq(new.organization_id))
        .execute(tx.conn())?;
    let current: Vec<(i64, NaiveDate)> = pia::table
        .filter(pia::organization_id.eq(new.organization_id))
        .filter(pia::task_name.eq(&task_name))
        .filter(pia::superseded_by_id.is_null())
        .order(pia::id.asc())
        .select((pia::id, pia::submitted_on))
        .load(tx.conn())?;
    let (now, user) = (tx.now(), tx.actor().user_id);
    let id: i64 = diesel::insert_into(pia::table)
        .values((
            pia::organization_id.eq(new.organization_id),
            pia::level.eq(new.level.as_str()),
            pia::task_name.eq(&task_name),
            pia::files.eq(serde_json::to_string(&files).map_err(AppError::internal)?),
            pia::submitted_on.eq(new.submitted_on),
            pia::version.eq(1),
            pia::review_status.eq(ReviewStatus::Received.as_str()),
            pia::filed_by_user_id.eq(user),
            pia::created_at.eq(now),
            pia::updated_at.eq(now),
        ))
        .returning(pia::id)
        .get_result(tx.conn())?;
    let content = Content {
        level: new.level,
        task_name: &task_name,
        files: &files,
    };
    reviewed::write_version(
        tx,
        Reviewed::PiaEvaluation,
        id,
        1,
        &content,
        None,
        Some(new.submitted_on),
    )?;
    match supersession(new.submitted_on, &current) {
        Supersession::Supersedes(earlier) => {
            for old in earlier {
                diesel::update(pia::table.find(old))
                    .set((pia::superseded_by_id.eq(id), pia::updated_at.eq(now)))
                    .execute(tx.conn())?;
                tx.record(
                    Action::Update,
                    Entity::PiaEvaluation,
                    old,
                    &json!({"superseded_by_id": id}),
                )?;
            }
        }
        Supersession::SupersededBy(newer) => {
            diesel::update(pia::table.find(id))
                .set(pia::superseded_by_id.eq(newer))
                .execute(tx.conn())?;
        }
    }
    let evaluation =
        find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))?;
    match imported_from {
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&evaluation).map_err(AppError::internal)?;
            changes["imported_from"] = json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::PiaEvaluation, id, &changes)?;
        }
        None => tx.record(Action::File, Entity::PiaEvaluation, id, &evaluation)?,
    }
    Ok(evaluation)
}

/// Amends an assessment not yet accepted: its next version, received for review again.
pub fn amend(
    tx: &mut WriteTx<'_>,
    caller: &Principal,
    id: i64,
    amendment: EvaluationAmendment,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let evaluation = locked(tx, id, today)?;
    let mut errors = FieldErrors::new();
    let submitted_on = match amendment.submitted_on {
        Some(_) if !caller.role.is_staff() => {
            errors.add("submitted_on", Refusal::StaffSetReceivedOn);
            today
        }
        Some(day) => {
            for (field, why) in day_refusals("submitted_on", day, evaluation.submitted_on, today) {
                errors.add(field, why);
            }
            day
        }
        None => today,
    };
    errors.into_result()?;
    refuse_if_superseded(&evaluation)?;
    if evaluation.review_status == ReviewStatus::Accepted {
        return Err(AppError::Conflict(Refusal::AmendAccepted));
    }
    let level = amendment.level.unwrap_or(evaluation.level);
    let files = amendment
        .files
        .map(tidy_files)
        .unwrap_or(evaluation.files.clone());
    if level == evaluation.level && files == evaluation.files {
        return Err(AppError::Conflict(Refusal::NothingAmended));
    }
    let version = evaluation.version + 1;
    let now = tx.now();
    diesel::update(pia::table.find(id))
        .set((
            pia::level.eq(level.as_str()),
            pia::files.eq(serde_json::to_string(&files).map_err(AppError::internal)?),
            pia::version.eq(version),
            pia::review_status.eq(ReviewStatus::Received.as_str()),
            pia::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    let content = Content {
        level,
        task_name: &evaluation.task_name,
        files: &files,
    };
    let reason = amendment.reason.trim().to_owned();
    reviewed::write_version(
        tx,
        Reviewed::PiaEvaluation,
        id,
        version,
        &content,
        Some(&reason),
        Some(submitted_on),
    )?;
    tx.record(
        Action::Amend,
        Entity::PiaEvaluation,
        id,
        &json!({"version": version, "level": level, "files": files, "reason": reason}),
    )?;
    find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))
}

/// Staff's decision on the current version.
pub fn review(
    tx: &mut WriteTx<'_>,
    id: i64,
    new: NewReview,
    today: NaiveDate,
) -> Result<(Review, Evaluation), AppError> {
    let evaluation = locked(tx, id, today)?;
    refuse_if_superseded(&evaluation)?;
    let submitted_on = reviewed::versions_of(tx.conn(), Reviewed::PiaEvaluation, id)?
        .into_iter()
        .rev()
        .find_map(|v| v.submitted_on)
        .unwrap_or(evaluation.submitted_on);
    let under = UnderReview {
        kind: Reviewed::PiaEvaluation,
        id,
        version: evaluation.version,
        status: evaluation.review_status,
        submitted_on,
    };
    let review = reviewed::decide(tx, &under, new, today)?;
    let after = review.decision.status();
    diesel::update(pia::table.find(id))
        .set((
            pia::review_status.eq(after.as_str()),
            pia::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Review,
        Entity::PiaEvaluation,
        id,
        &json!({"review_id": review.id, "version": review.version, "decision": review.decision,
            "comment": review.comment, "due_on": review.due_on, "decided_on": review.decided_on,
            "review_status": {"from": evaluation.review_status, "to": after}}),
    )?;
    let evaluation =
        find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))?;
    Ok((review, evaluation))
}

/// Records the Commission's remarks.
pub fn remark(
    tx: &mut WriteTx<'_>,
    id: i64,
    new: NewRemark,
    today: NaiveDate,
) -> Result<Remark, AppError> {
    let evaluation = locked(tx, id, today)?;
    refuse_if_superseded(&evaluation)?;
    let text = new.text.trim().to_owned();
    if text.is_empty() {
        return Err(crate::error::FieldErrors::single("text", Refusal::Blank));
    }
    let (now, user) = (tx.now(), tx.actor().user_id);
    let remark_id: i64 = diesel::insert_into(remarks::table)
        .values((
            remarks::evaluation_id.eq(id),
            remarks::text.eq(&text),
            remarks::user_id.eq(user),
            remarks::created_at.eq(now),
        ))
        .returning(remarks::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Remark,
        Entity::PiaEvaluation,
        id,
        &json!({"remark_id": remark_id, "text": text}),
    )?;
    Ok(Remark {
        id: remark_id,
        text,
        user_id: user,
        created_at: now,
    })
}

/// Records the approval at a meeting's agenda item.
pub fn approve(
    tx: &mut WriteTx<'_>,
    id: i64,
    new: NewApproval,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let evaluation = locked(tx, id, today)?;
    let kind = orgs::find(tx.conn(), evaluation.organization_id)?
        .ok_or(AppError::NotFound(Missing::Organization))?
        .kind;
    let mut errors = FieldErrors::new();
    for (field, why) in approval_refusals(
        evaluation.level,
        kind,
        evaluation.submitted_on,
        new.approved_on,
        today,
    ) {
        match field {
            // What the assessment is, not what the request says: a conflict with the record.
            "level" | "organization_id" => return Err(AppError::Conflict(why)),
            _ => errors.add(field, why),
        }
    }
    let meeting: Option<(i64, NaiveDate)> = meetings::table
        .filter(meetings::number.eq(new.meeting_number))
        .select((meetings::id, meetings::held_on))
        .first(tx.conn())
        .optional()?;
    match meeting {
        None => errors.add(
            "meeting_number",
            Refusal::NoMeeting {
                number: i64::from(new.meeting_number),
            },
        ),
        Some((_, held_on)) if new.approved_on < held_on => {
            errors.add(
                "approved_on",
                Refusal::BeforeMeeting {
                    number: i64::from(new.meeting_number),
                    held_on,
                },
            );
        }
        Some(_) => {}
    }
    errors.into_result()?;
    refuse_if_superseded(&evaluation)?;
    if let Some(approval) = &evaluation.approval {
        return Err(AppError::Conflict(Refusal::AlreadyRecorded {
            on: approval.approved_on,
        }));
    }
    let meeting_id = meeting.map(|(id, _)| id);
    // The agenda's item of that number, when the agenda holds it already (bound later otherwise).
    let item_id: Option<i64> = agenda_items::table
        .filter(agenda_items::meeting_id.eq(meeting_id.unwrap_or(-1)))
        .filter(agenda_items::position.eq(new.item))
        .select(agenda_items::id)
        .first(tx.conn())
        .optional()?;
    diesel::update(pia::table.find(id))
        .set((
            pia::approval_meeting_id.eq(meeting_id),
            pia::approval_agenda_item_id.eq(item_id),
            pia::approval_item.eq(new.item),
            pia::approved_on.eq(new.approved_on),
            pia::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Approve,
        Entity::PiaEvaluation,
        id,
        &json!({"meeting_number": new.meeting_number, "item": new.item,
            "approved_on": new.approved_on}),
    )?;
    find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))
}

/// Records the day it was published.
pub fn publish(
    tx: &mut WriteTx<'_>,
    id: i64,
    new: NewPublication,
    today: NaiveDate,
) -> Result<Evaluation, AppError> {
    let evaluation = locked(tx, id, today)?;
    let not_before = evaluation
        .approval
        .as_ref()
        .map_or(evaluation.submitted_on, |a| a.approved_on);
    let mut errors = FieldErrors::new();
    for (field, why) in day_refusals("published_on", new.published_on, not_before, today) {
        errors.add(field, why);
    }
    errors.into_result()?;
    refuse_if_superseded(&evaluation)?;
    if let Some(on) = evaluation.published_on {
        return Err(AppError::Conflict(Refusal::AlreadyRecorded { on }));
    }
    diesel::update(pia::table.find(id))
        .set((
            pia::published_on.eq(new.published_on),
            pia::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Publish,
        Entity::PiaEvaluation,
        id,
        &json!({"published_on": new.published_on}),
    )?;
    find(tx.conn(), id, today)?.ok_or(AppError::NotFound(Missing::PiaEvaluation))
}

/// `GET /api/v1/pia-evaluations` (staff any; a reporter its organization's).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct EvaluationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub organization_id: Option<i64>,
    pub level: Option<PiaLevel>,
    /// Only those no newer assessment supersedes.
    pub current: Option<bool>,
    /// Only those to assess again: current, published, and within six months of (or past) five
    /// years from publication.
    pub reassessment_due: Option<bool>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(EvaluationFilter);

/// A page of assessments, newest first; a reporter's hold only its organization's.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &EvaluationFilter,
    today: NaiveDate,
) -> Result<Page<Evaluation>, AppError> {
    let own = (!viewer.role.is_staff()).then_some(viewer.organization_id.unwrap_or(-1));
    let latest_due = crate::domain::pia::due_if_published_by(today);
    let query = || {
        let mut query = pia::table
            .inner_join(organizations::table)
            .left_join(meetings::table)
            .into_boxed();
        if let Some(own) = own {
            query = query.filter(pia::organization_id.eq(own));
        }
        if let Some(organization) = filter.organization_id {
            query = query.filter(pia::organization_id.eq(organization));
        }
        if let Some(level) = filter.level {
            query = query.filter(pia::level.eq(level.as_str()));
        }
        match filter.current {
            Some(true) => query = query.filter(pia::superseded_by_id.is_null()),
            Some(false) => query = query.filter(pia::superseded_by_id.is_not_null()),
            None => {}
        }
        if filter.reassessment_due == Some(true) {
            query = query
                .filter(pia::superseded_by_id.is_null())
                .filter(pia::published_on.le(latest_due));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((pia::submitted_on.desc(), pia::id.desc()))
            .select(columns!())
    })?;
    rows.try_into_page(|row: Row| evaluation_of(row, Vec::new(), today))
}

/// An assessment approved at a meeting: the agenda item it is bound to (or its number until the
/// agenda holds it), its id, and its name.
pub struct ApprovedAt {
    pub item_id: Option<i64>,
    pub item: i32,
    pub id: i64,
}

/// The assessments approved at a meeting: what its agenda links.
pub fn approved_at(conn: &mut DbConnection, meeting_id: i64) -> Result<Vec<ApprovedAt>, AppError> {
    let rows: Vec<(Option<i64>, Option<i32>, i64)> = pia::table
        .filter(pia::approval_meeting_id.eq(meeting_id))
        .order(pia::id.asc())
        .select((pia::approval_agenda_item_id, pia::approval_item, pia::id))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(item_id, item, id)| {
            Some(ApprovedAt {
                item_id,
                item: item?,
                id,
            })
        })
        .collect())
}

/// Binds the approvals at a meeting not yet bound to an agenda item to the item of their number,
/// once the agenda holds it.
pub fn bind_approvals(tx: &mut WriteTx<'_>, meeting_id: i64) -> Result<(), AppError> {
    let unbound: Vec<(i64, Option<i32>)> = pia::table
        .filter(pia::approval_meeting_id.eq(meeting_id))
        .filter(pia::approval_agenda_item_id.is_null())
        .select((pia::id, pia::approval_item))
        .load(tx.conn())?;
    for (id, item) in unbound {
        let Some(item) = item else { continue };
        let found: Option<i64> = agenda_items::table
            .filter(agenda_items::meeting_id.eq(meeting_id))
            .filter(agenda_items::position.eq(item))
            .select(agenda_items::id)
            .first(tx.conn())
            .optional()?;
        if let Some(item_id) = found {
            diesel::update(pia::table.find(id))
                .set(pia::approval_agenda_item_id.eq(item_id))
                .execute(tx.conn())?;
        }
    }
    Ok(())
}

/// The last assessment's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(pia::table
        .select(diesel::dsl::max(pia::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether an assessment of the body's task submitted that day is among those up to `up_to`.
pub fn held(conn: &mut DbConnection, new: &NewEvaluation, up_to: i64) -> Result<bool, AppError> {
    Ok(pia::table
        .filter(pia::id.le(up_to))
        .filter(pia::organization_id.eq(new.organization_id))
        .filter(pia::task_name.eq(new.task_name.trim()))
        .filter(pia::submitted_on.eq(new.submitted_on))
        .select(pia::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}
