//! The periodic reports (定期的な報告, 番号利用法第29条の3第2項): each fiscal year's questionnaire,
//! and each public body's report on it — drafted, submitted once, amended until accepted, reviewed
//! by staff as reports are (`reviewed`). A questionnaire's summary counts the reports received by
//! a day, per-item tallies, and the public bodies that have not answered.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::reviewed::{self, NewReview, Review, Reviewed, UnderReview};
use crate::auth::Principal;
use crate::db::schema::{
    organizations, periodic_questionnaires as questionnaires, periodic_reports as reports,
};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::organization::OrganizationKind;
use crate::domain::periodic::{
    Answer, Question, Tally, answer_refusals, due_refusal, questionnaire_refusals, received_by,
    reports_periodically, tallies,
};
use crate::domain::review::{Decision, ReviewStatus};
use crate::error::{AppError, FieldErrors, Missing, Refusal, Term};
use crate::http::{Page, PageRequest};
use crate::records::organizations as orgs;

/// `POST /api/v1/periodic-questionnaires` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuestionnaire {
    /// The fiscal year reported on (FY2018's measures, asked in FY2019).
    #[validate(range(min = 2014, max = 2200))]
    #[schema(minimum = 2014, maximum = 2200)]
    pub fiscal_year: i32,
    /// 名称 (default 「<year>年度 定期的な報告」).
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub title: Option<String>,
    /// 提出期限
    pub due_on: NaiveDate,
    /// The numbered items, in order.
    #[validate(length(min = 1, max = 300))]
    pub items: Vec<Question>,
}

/// A questionnaire as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Questionnaire {
    pub id: i64,
    pub fiscal_year: i32,
    pub title: String,
    pub due_on: NaiveDate,
    pub items: Vec<Question>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

type QuestionnaireRow = (i64, i32, String, NaiveDate, String, NaiveDateTime);

fn questionnaire_of(row: QuestionnaireRow) -> Result<Questionnaire, AppError> {
    let (id, fiscal_year, title, due_on, items, created_at) = row;
    Ok(Questionnaire {
        id,
        fiscal_year,
        title,
        due_on,
        items: serde_json::from_str(&items).map_err(AppError::internal)?,
        created_at,
    })
}

macro_rules! questionnaire_columns {
    () => {
        (
            questionnaires::id,
            questionnaires::fiscal_year,
            questionnaires::title,
            questionnaires::due_on,
            questionnaires::items,
            questionnaires::created_at,
        )
    };
}

/// Publishes a year's questionnaire.
pub fn publish(tx: &mut WriteTx<'_>, new: NewQuestionnaire) -> Result<Questionnaire, AppError> {
    let mut errors = FieldErrors::new();
    for (field, why) in questionnaire_refusals(&new.items) {
        errors.add(field, why);
    }
    if let Some(why) = due_refusal(new.fiscal_year, new.due_on) {
        errors.add("due_on", why);
    }
    errors.into_result()?;
    let held: Option<i64> = questionnaires::table
        .filter(questionnaires::fiscal_year.eq(new.fiscal_year))
        .select(questionnaires::id)
        .first(tx.conn())
        .optional()?;
    if let Some(questionnaire) = held {
        return Err(AppError::Conflict(Refusal::QuestionnaireExists {
            fiscal_year: new.fiscal_year,
            questionnaire,
        }));
    }
    let title = new
        .title
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| format!("{}年度 定期的な報告", new.fiscal_year));
    let items: Vec<Question> = new
        .items
        .into_iter()
        .map(|q| Question {
            code: q.code,
            text: q.text.trim().to_owned(),
        })
        .collect();
    let (now, user) = (tx.now(), tx.actor().user_id);
    let id: i64 = diesel::insert_into(questionnaires::table)
        .values((
            questionnaires::fiscal_year.eq(new.fiscal_year),
            questionnaires::title.eq(&title),
            questionnaires::due_on.eq(new.due_on),
            questionnaires::items.eq(serde_json::to_string(&items).map_err(AppError::internal)?),
            questionnaires::created_by_user_id.eq(user),
            questionnaires::created_at.eq(now),
        ))
        .returning(questionnaires::id)
        .get_result(tx.conn())?;
    let questionnaire = find_questionnaire(tx.conn(), id)?
        .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
    tx.record(
        Action::Create,
        Entity::PeriodicQuestionnaire,
        id,
        &questionnaire,
    )?;
    Ok(questionnaire)
}

/// One questionnaire.
pub fn find_questionnaire(
    conn: &mut DbConnection,
    id: i64,
) -> Result<Option<Questionnaire>, AppError> {
    questionnaires::table
        .find(id)
        .select(questionnaire_columns!())
        .first::<QuestionnaireRow>(conn)
        .optional()?
        .map(questionnaire_of)
        .transpose()
}

/// Every questionnaire, newest year first (one a year).
pub fn questionnaires(conn: &mut DbConnection) -> Result<Vec<Questionnaire>, AppError> {
    questionnaires::table
        .order(questionnaires::fiscal_year.desc())
        .select(questionnaire_columns!())
        .load::<QuestionnaireRow>(conn)?
        .into_iter()
        .map(questionnaire_of)
        .collect()
}

/// The questionnaires whose due day falls from `from` to `to`: a reminder scan's.
pub fn due_between(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Questionnaire>, AppError> {
    questionnaires::table
        .filter(questionnaires::due_on.between(from, to))
        .select(questionnaire_columns!())
        .load::<QuestionnaireRow>(conn)?
        .into_iter()
        .map(questionnaire_of)
        .collect()
}

/// `POST /api/v1/periodic-reports`: a body's answers (a reporter for its organization, or staff).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPeriodicReport {
    pub questionnaire_id: i64,
    pub organization_id: i64,
    /// Each item's answer by its number: `yes`, `no` or `na` (該当なし).
    #[validate(length(max = 300))]
    pub answers: BTreeMap<String, Answer>,
    /// 備考
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub notes: Option<String>,
    /// Keep it unsubmitted (下書き); `POST …/{id}/submit` submits it.
    #[serde(default)]
    pub draft: bool,
    /// The day it was submitted (staff entering history or a paper report; today when left out).
    pub submitted_on: Option<NaiveDate>,
}

/// `POST /api/v1/periodic-reports/{id}/amendments`: the changed answers and notes, and why.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodicAmendment {
    /// Answers to change, by item number (the others kept).
    #[validate(length(max = 300))]
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[validate(length(max = 10000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 10000)]
    pub notes: Option<String>,
    /// Why it is amended (required once submitted).
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub reason: Option<String>,
    /// The day the amendment was submitted (staff entering history; today when left out).
    pub submitted_on: Option<NaiveDate>,
}

/// `POST /api/v1/periodic-reports/{id}/submit`.
#[derive(Debug, Clone, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The day it was submitted (staff entering history; today when left out).
    pub submitted_on: Option<NaiveDate>,
}

/// A report as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeriodicReport {
    pub id: i64,
    pub questionnaire_id: i64,
    /// The fiscal year reported on.
    pub fiscal_year: i32,
    pub organization_id: i64,
    pub organization_name: String,
    pub answers: BTreeMap<String, Answer>,
    pub notes: Option<String>,
    pub version: i32,
    /// `draft` until submitted, then `submitted`.
    pub status: String,
    pub submitted_on: Option<NaiveDate>,
    /// Null while a draft.
    pub review_status: Option<ReviewStatus>,
    pub accepted_on: Option<NaiveDate>,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// What a version keeps of a report.
#[derive(Serialize)]
struct Content<'a> {
    answers: &'a BTreeMap<String, Answer>,
    notes: &'a Option<String>,
}

type ReportRow = (
    (
        i64,
        i64,
        i64,
        String,
        Option<String>,
        i32,
        Option<NaiveDate>,
        Option<String>,
        Option<NaiveDate>,
        Option<i64>,
        NaiveDateTime,
        NaiveDateTime,
    ),
    i32,
    String,
);

macro_rules! report_columns {
    () => {
        (
            (
                reports::id,
                reports::questionnaire_id,
                reports::organization_id,
                reports::answers,
                reports::notes,
                reports::version,
                reports::submitted_on,
                reports::review_status,
                reports::accepted_on,
                reports::filed_by_user_id,
                reports::created_at,
                reports::updated_at,
            ),
            questionnaires::fiscal_year,
            organizations::name,
        )
    };
}

fn report_of(row: ReportRow) -> Result<PeriodicReport, AppError> {
    let (
        (
            id,
            questionnaire_id,
            organization_id,
            answers,
            notes,
            version,
            submitted_on,
            review_status,
            accepted_on,
            filed_by_user_id,
            created_at,
            updated_at,
        ),
        fiscal_year,
        organization_name,
    ) = row;
    let review_status = review_status
        .map(|s| {
            ReviewStatus::parse(&s)
                .ok_or_else(|| AppError::internal(format!("unknown review status {s:?}")))
        })
        .transpose()?;
    Ok(PeriodicReport {
        id,
        questionnaire_id,
        fiscal_year,
        organization_id,
        organization_name,
        answers: serde_json::from_str(&answers).map_err(AppError::internal)?,
        notes,
        version,
        status: if submitted_on.is_some() {
            "submitted"
        } else {
            "draft"
        }
        .to_owned(),
        submitted_on,
        review_status,
        accepted_on,
        filed_by_user_id,
        created_at,
        updated_at,
    })
}

/// One report.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<PeriodicReport>, AppError> {
    reports::table
        .inner_join(questionnaires::table)
        .inner_join(organizations::table)
        .filter(reports::id.eq(id))
        .select(report_columns!())
        .first::<ReportRow>(conn)
        .optional()?
        .map(report_of)
        .transpose()
}

/// The report `id` as a change sees it (locked where the backend locks rows).
fn locked(tx: &mut WriteTx<'_>, id: i64) -> Result<PeriodicReport, AppError> {
    diesel::update(reports::table.find(id))
        .set(reports::id.eq(id))
        .execute(tx.conn())?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::PeriodicReport))
}

/// The day a filing was made: the one staff give, or today; a reporter's, or a day ahead, is
/// refused.
fn filed_on(
    staff: bool,
    given: Option<NaiveDate>,
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> NaiveDate {
    match given {
        Some(_) if !staff => {
            errors.add("submitted_on", Refusal::StaffSetReceivedOn);
            today
        }
        Some(day) if day > today => {
            errors.add("submitted_on", Refusal::InFuture);
            today
        }
        Some(day) => day,
        None => today,
    }
}

fn tidy(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
}

/// Files a body's report (a draft, or submitted). Refuses with every field at fault.
pub fn file(
    tx: &mut WriteTx<'_>,
    staff: bool,
    new: NewPeriodicReport,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<PeriodicReport, AppError> {
    let mut errors = FieldErrors::new();
    let submitted_on = filed_on(staff, new.submitted_on, today, &mut errors);
    if new.draft && new.submitted_on.is_some() {
        errors.add("submitted_on", Refusal::NotSubmitted);
    }
    let questionnaire = find_questionnaire(tx.conn(), new.questionnaire_id)?;
    match &questionnaire {
        None => errors.add(
            "questionnaire_id",
            Refusal::NoSuchRecord {
                record: Missing::PeriodicQuestionnaire,
                id: new.questionnaire_id,
            },
        ),
        Some(questionnaire) => {
            for why in answer_refusals(&questionnaire.items, &new.answers, !new.draft) {
                errors.add("answers", why);
            }
        }
    }
    match orgs::find(tx.conn(), new.organization_id)? {
        None => errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        ),
        Some(body) if !reports_periodically(body.kind) => errors.add(
            "organization_id",
            Refusal::NotPeriodicReporter {
                kind: Term::new(body.kind.as_str(), body.kind.label_ja()),
            },
        ),
        Some(_) => {}
    }
    errors.into_result()?;
    let held: Option<i64> = reports::table
        .filter(reports::questionnaire_id.eq(new.questionnaire_id))
        .filter(reports::organization_id.eq(new.organization_id))
        .select(reports::id)
        .first(tx.conn())
        .optional()?;
    if let Some(report) = held {
        return Err(AppError::Conflict(Refusal::PeriodicReportExists { report }));
    }
    let notes = tidy(new.notes);
    let submitted = (!new.draft).then_some(submitted_on);
    let (now, user) = (tx.now(), tx.actor().user_id);
    let id: i64 = diesel::insert_into(reports::table)
        .values((
            reports::questionnaire_id.eq(new.questionnaire_id),
            reports::organization_id.eq(new.organization_id),
            reports::answers.eq(serde_json::to_string(&new.answers).map_err(AppError::internal)?),
            reports::notes.eq(&notes),
            reports::version.eq(1),
            reports::submitted_on.eq(submitted),
            reports::review_status.eq(submitted.map(|_| ReviewStatus::Received.as_str())),
            reports::filed_by_user_id.eq(user),
            reports::created_at.eq(now),
            reports::updated_at.eq(now),
        ))
        .returning(reports::id)
        .get_result(tx.conn())?;
    if submitted.is_some() {
        let content = Content {
            answers: &new.answers,
            notes: &notes,
        };
        reviewed::write_version(
            tx,
            Reviewed::PeriodicReport,
            id,
            1,
            &content,
            None,
            submitted,
        )?;
    }
    let report = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::PeriodicReport))?;
    match imported_from {
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&report).map_err(AppError::internal)?;
            changes["imported_from"] = json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::PeriodicReport, id, &changes)?;
        }
        None => tx.record(Action::File, Entity::PeriodicReport, id, &report)?,
    }
    Ok(report)
}

/// Submits a draft: every item answered.
pub fn submit(
    tx: &mut WriteTx<'_>,
    caller: &Principal,
    id: i64,
    submission: Submission,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    let report = locked(tx, id)?;
    let mut errors = FieldErrors::new();
    let submitted_on = filed_on(
        caller.role.is_staff(),
        submission.submitted_on,
        today,
        &mut errors,
    );
    errors.into_result()?;
    if let Some(submitted_on) = report.submitted_on {
        return Err(AppError::Conflict(Refusal::AlreadySubmitted {
            submitted_on,
        }));
    }
    let questionnaire = find_questionnaire(tx.conn(), report.questionnaire_id)?
        .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
    let mut errors = FieldErrors::new();
    for why in answer_refusals(&questionnaire.items, &report.answers, true) {
        errors.add("answers", why);
    }
    errors.into_result()?;
    let now = tx.now();
    diesel::update(reports::table.find(id))
        .set((
            reports::submitted_on.eq(submitted_on),
            reports::review_status.eq(ReviewStatus::Received.as_str()),
            reports::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    let content = Content {
        answers: &report.answers,
        notes: &report.notes,
    };
    reviewed::write_version(
        tx,
        Reviewed::PeriodicReport,
        id,
        report.version,
        &content,
        None,
        Some(submitted_on),
    )?;
    tx.record(
        Action::Submit,
        Entity::PeriodicReport,
        id,
        &json!({"submitted_on": submitted_on, "version": report.version}),
    )?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::PeriodicReport))
}

/// Amends a report: a draft in place; a submitted one not yet accepted as its next version,
/// received for review again (with a reason).
pub fn amend(
    tx: &mut WriteTx<'_>,
    caller: &Principal,
    id: i64,
    amendment: PeriodicAmendment,
    today: NaiveDate,
) -> Result<PeriodicReport, AppError> {
    let report = locked(tx, id)?;
    let questionnaire = find_questionnaire(tx.conn(), report.questionnaire_id)?
        .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
    let submitted = report.submitted_on.is_some();
    let mut answers = report.answers.clone();
    answers.extend(amendment.answers.clone());
    let notes = match amendment.notes {
        Some(notes) => tidy(Some(notes)),
        None => report.notes.clone(),
    };
    let reason = tidy(amendment.reason);
    let mut errors = FieldErrors::new();
    let submitted_on = filed_on(
        caller.role.is_staff(),
        amendment.submitted_on,
        today,
        &mut errors,
    );
    for why in answer_refusals(&questionnaire.items, &amendment.answers, false) {
        errors.add("answers", why);
    }
    if submitted {
        if reason.is_none() {
            errors.add("reason", Refusal::Required);
        }
    } else if amendment.submitted_on.is_some() {
        errors.add("submitted_on", Refusal::NotSubmitted);
    }
    errors.into_result()?;
    if report.review_status == Some(ReviewStatus::Accepted) {
        return Err(AppError::Conflict(Refusal::AmendAccepted));
    }
    if submitted && answers == report.answers && notes == report.notes {
        return Err(AppError::Conflict(Refusal::NothingAmended));
    }
    let now = tx.now();
    let answers_text = serde_json::to_string(&answers).map_err(AppError::internal)?;
    let version = if submitted {
        report.version + 1
    } else {
        report.version
    };
    diesel::update(reports::table.find(id))
        .set((
            reports::answers.eq(answers_text),
            reports::notes.eq(&notes),
            reports::version.eq(version),
            reports::review_status.eq(submitted.then_some(ReviewStatus::Received.as_str())),
            reports::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    if submitted {
        let content = Content {
            answers: &answers,
            notes: &notes,
        };
        reviewed::write_version(
            tx,
            Reviewed::PeriodicReport,
            id,
            version,
            &content,
            reason.as_deref(),
            Some(submitted_on),
        )?;
    }
    tx.record(
        Action::Amend,
        Entity::PeriodicReport,
        id,
        &json!({"version": version, "answers": amendment.answers, "notes": notes,
            "reason": reason, "draft": !submitted}),
    )?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::PeriodicReport))
}

/// Staff's decision on a submitted report's current version.
pub fn review(
    tx: &mut WriteTx<'_>,
    id: i64,
    new: NewReview,
    today: NaiveDate,
) -> Result<(Review, PeriodicReport), AppError> {
    let report = locked(tx, id)?;
    let (Some(status), Some(_)) = (report.review_status, report.submitted_on) else {
        return Err(AppError::Conflict(Refusal::NotSubmitted));
    };
    let version_submitted: Option<NaiveDate> =
        reviewed::versions_of(tx.conn(), Reviewed::PeriodicReport, id)?
            .into_iter()
            .rev()
            .find_map(|v| v.submitted_on);
    let under = UnderReview {
        kind: Reviewed::PeriodicReport,
        id,
        version: report.version,
        status,
        submitted_on: version_submitted.or(report.submitted_on).unwrap_or(today),
    };
    let review = reviewed::decide(tx, &under, new, today)?;
    let after = review.decision.status();
    let accepted_on = match review.decision {
        Decision::Accepted => report.accepted_on.or(Some(review.decided_on)),
        Decision::RevisionRequested => report.accepted_on,
    };
    diesel::update(reports::table.find(id))
        .set((
            reports::review_status.eq(after.as_str()),
            reports::accepted_on.eq(accepted_on),
            reports::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Review,
        Entity::PeriodicReport,
        id,
        &json!({"review_id": review.id, "version": review.version, "decision": review.decision,
            "comment": review.comment, "due_on": review.due_on, "decided_on": review.decided_on,
            "review_status": {"from": status, "to": after}}),
    )?;
    let report = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::PeriodicReport))?;
    Ok((review, report))
}

/// `GET /api/v1/periodic-reports` (staff any; a reporter its organization's).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ReportFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub questionnaire_id: Option<i64>,
    pub organization_id: Option<i64>,
    /// `draft` or `submitted`.
    #[validate(custom(function = "status_field"))]
    #[param(pattern = "^(draft|submitted)$")]
    pub status: Option<String>,
    pub review_status: Option<ReviewStatus>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(ReportFilter);

fn status_field(status: &str) -> Result<(), validator::ValidationError> {
    if matches!(status, "draft" | "submitted") {
        Ok(())
    } else {
        Err(validator::ValidationError::new("one_of"))
    }
}

/// A page of reports, newest first; a reporter's hold only its organization's.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &ReportFilter,
) -> Result<Page<PeriodicReport>, AppError> {
    let own = (!viewer.role.is_staff()).then_some(viewer.organization_id.unwrap_or(-1));
    let query = || {
        let mut query = reports::table
            .inner_join(questionnaires::table)
            .inner_join(organizations::table)
            .into_boxed();
        if let Some(own) = own {
            query = query.filter(reports::organization_id.eq(own));
        }
        if let Some(questionnaire) = filter.questionnaire_id {
            query = query.filter(reports::questionnaire_id.eq(questionnaire));
        }
        if let Some(organization) = filter.organization_id {
            query = query.filter(reports::organization_id.eq(organization));
        }
        match filter.status.as_deref() {
            Some("draft") => query = query.filter(reports::submitted_on.is_null()),
            Some(_) => query = query.filter(reports::submitted_on.is_not_null()),
            None => {}
        }
        if let Some(status) = filter.review_status {
            query = query.filter(reports::review_status.eq(status.as_str()));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(reports::id.desc()).select(report_columns!())
    })?;
    rows.try_into_page(report_of)
}

/// `GET /api/v1/periodic-questionnaires/{id}/summary`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// The day counted to (today when left out).
    pub as_of: Option<NaiveDate>,
}

/// A questionnaire's state on a day.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Summary {
    pub questionnaire_id: i64,
    pub fiscal_year: i32,
    pub as_of: NaiveDate,
    /// Distinct bodies whose report was submitted on or before `as_of`.
    pub received: u64,
    /// Of those, accepted on or before `as_of`.
    pub accepted: u64,
    /// The public bodies with nothing submitted by `as_of`, by id.
    pub not_answered: Vec<i64>,
    /// Per item, the answers of the received reports.
    pub tallies: BTreeMap<String, Tally>,
}

/// The kinds of body that report periodically, as stored (`domain::periodic::reports_periodically`).
fn public_kinds() -> Vec<&'static str> {
    OrganizationKind::ALL
        .iter()
        .copied()
        .filter(|kind| reports_periodically(*kind))
        .map(OrganizationKind::as_str)
        .collect()
}

/// The summary of a questionnaire on `as_of`.
pub fn summary(
    conn: &mut DbConnection,
    questionnaire: &Questionnaire,
    as_of: NaiveDate,
) -> Result<Summary, AppError> {
    let rows: Vec<(i64, Option<NaiveDate>, Option<NaiveDate>, String)> = reports::table
        .filter(reports::questionnaire_id.eq(questionnaire.id))
        .select((
            reports::organization_id,
            reports::submitted_on,
            reports::accepted_on,
            reports::answers,
        ))
        .load(conn)?;
    let mut received: HashMap<i64, BTreeMap<String, Answer>> = HashMap::new();
    let mut accepted = 0;
    for (organization, submitted_on, accepted_on, answers) in rows {
        if received_by(submitted_on, as_of) {
            received.insert(
                organization,
                serde_json::from_str(&answers).map_err(AppError::internal)?,
            );
            if accepted_on.is_some_and(|day| day <= as_of) {
                accepted += 1;
            }
        }
    }
    let public = public_kinds();
    let bodies: Vec<i64> = organizations::table
        .filter(organizations::kind.eq_any(public))
        .order(organizations::id.asc())
        .select(organizations::id)
        .load(conn)?;
    let not_answered = bodies
        .into_iter()
        .filter(|id| !received.contains_key(id))
        .collect();
    Ok(Summary {
        questionnaire_id: questionnaire.id,
        fiscal_year: questionnaire.fiscal_year,
        as_of,
        received: received.len() as u64,
        accepted,
        not_answered,
        tallies: tallies(&questionnaire.items, received.values()),
    })
}

/// The reports received for the questionnaire of fiscal year `year` by `as_of` (the half-year
/// report's `periodic_reports`; 0 when the year has none).
pub fn received_for_year(
    conn: &mut DbConnection,
    year: i32,
    as_of: NaiveDate,
) -> Result<u64, AppError> {
    let count: i64 = reports::table
        .inner_join(questionnaires::table)
        .filter(questionnaires::fiscal_year.eq(year))
        .filter(reports::submitted_on.le(as_of))
        .count()
        .get_result(conn)?;
    Ok(count as u64)
}

/// The public bodies with a contact that have not submitted to `questionnaire`: whom a reminder
/// reaches.
pub fn unanswered_contacts(
    conn: &mut DbConnection,
    questionnaire: i64,
) -> Result<Vec<(i64, String, String)>, AppError> {
    let answered = reports::table
        .filter(reports::questionnaire_id.eq(questionnaire))
        .filter(reports::submitted_on.is_not_null())
        .select(reports::organization_id);
    let public = public_kinds();
    Ok(organizations::table
        .filter(organizations::kind.eq_any(public))
        .filter(diesel::dsl::not(organizations::id.eq_any(answered)))
        .filter(organizations::contact_email.is_not_null())
        .order(organizations::id.asc())
        .select((
            organizations::id,
            organizations::name,
            organizations::contact_email.assume_not_null(),
        ))
        .load(conn)?)
}

/// Whether the body has a report to the questionnaire among the reports up to id `up_to`.
pub fn held(
    conn: &mut DbConnection,
    questionnaire: i64,
    organization: i64,
    up_to: i64,
) -> Result<bool, AppError> {
    Ok(reports::table
        .filter(reports::questionnaire_id.eq(questionnaire))
        .filter(reports::organization_id.eq(organization))
        .filter(reports::id.le(up_to))
        .select(reports::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}

/// The last report's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(reports::table
        .select(diesel::dsl::max(reports::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// A body's report to a questionnaire, if it has one.
pub fn report_id(
    conn: &mut DbConnection,
    questionnaire: i64,
    organization: i64,
) -> Result<Option<i64>, AppError> {
    Ok(reports::table
        .filter(reports::questionnaire_id.eq(questionnaire))
        .filter(reports::organization_id.eq(organization))
        .select(reports::id)
        .first(conn)
        .optional()?)
}
