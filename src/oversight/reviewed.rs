//! The versions and reviews of oversight's reviewed records — periodic reports and assessments —
//! kept as the reports' are (API.md "Version 3": "reviewed as reports are"): each submitted
//! version whole, and each decision on the current one with the review rules of
//! `domain::review`.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::schema::{oversight_reviews as reviews, oversight_versions as versions};
use crate::db::{DbConnection, WriteTx};
use crate::domain::review::{Decision, ReviewStatus, review_refusals};
use crate::error::{AppError, FieldErrors, Refusal, Term};

/// The kinds of record reviewed here, as the tables store them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reviewed {
    PeriodicReport,
    PiaEvaluation,
}

impl Reviewed {
    fn as_str(self) -> &'static str {
        match self {
            Self::PeriodicReport => "periodic_report",
            Self::PiaEvaluation => "pia_evaluation",
        }
    }
}

/// `POST …/{id}/reviews`: staff's decision on the current version.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = NewRecordReview)]
pub struct NewReview {
    pub decision: Decision,
    /// What to correct (required for `revision_requested`), shown to the body.
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub comment: Option<String>,
    /// By when the correction is asked for (`revision_requested` only; today or later).
    pub due_on: Option<NaiveDate>,
    /// The day of the decision (staff entering history; today when left out).
    pub decided_on: Option<NaiveDate>,
}

/// A decision as stored and answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RecordReview)]
pub struct Review {
    pub id: i64,
    /// The periodic report or assessment decided on.
    pub record_id: i64,
    /// The version decided.
    pub version: i32,
    pub decision: Decision,
    pub comment: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub reviewer_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// A version as submitted, whole.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = RecordVersion)]
pub struct Version {
    pub version: i32,
    /// The fields this version changed from the one before (none for the first).
    pub changed: Vec<String>,
    /// The record's content as that version had it.
    #[schema(value_type = Object)]
    pub content: Value,
    /// Why it was amended (none for the first).
    pub reason: Option<String>,
    pub submitted_on: Option<NaiveDate>,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// Writes `version` of a record.
pub fn write_version(
    tx: &mut WriteTx<'_>,
    kind: Reviewed,
    id: i64,
    version: i32,
    content: &impl Serialize,
    reason: Option<&str>,
    submitted_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    let content = serde_json::to_string(content).map_err(AppError::internal)?;
    let (now, user) = (tx.now(), tx.actor().user_id);
    diesel::insert_into(versions::table)
        .values((
            versions::record_kind.eq(kind.as_str()),
            versions::record_id.eq(id),
            versions::version.eq(version),
            versions::content.eq(content),
            versions::reason.eq(reason),
            versions::submitted_on.eq(submitted_on),
            versions::filed_by_user_id.eq(user),
            versions::created_at.eq(now),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// A record's versions, oldest first.
pub fn versions_of(
    conn: &mut DbConnection,
    kind: Reviewed,
    id: i64,
) -> Result<Vec<Version>, AppError> {
    type Row = (
        i32,
        String,
        Option<String>,
        Option<NaiveDate>,
        Option<i64>,
        NaiveDateTime,
    );
    let rows: Vec<Row> = versions::table
        .filter(versions::record_kind.eq(kind.as_str()))
        .filter(versions::record_id.eq(id))
        .order(versions::version.asc())
        .select((
            versions::version,
            versions::content,
            versions::reason,
            versions::submitted_on,
            versions::filed_by_user_id,
            versions::created_at,
        ))
        .load(conn)?;
    let mut before = Value::Null;
    rows.into_iter()
        .map(
            |(version, content, reason, submitted_on, filed_by_user_id, created_at)| {
                let content: Value = serde_json::from_str(&content).map_err(AppError::internal)?;
                let changed = changed_fields(&before, &content);
                before = content.clone();
                Ok(Version {
                    version,
                    changed,
                    content,
                    reason,
                    submitted_on,
                    filed_by_user_id,
                    created_at,
                })
            },
        )
        .collect()
}

/// The fields (and a map's keys, `answers.2`) whose values differ between two versions' contents;
/// none against the first.
fn changed_fields(before: &Value, after: &Value) -> Vec<String> {
    let (Value::Object(before), Value::Object(after)) = (before, after) else {
        return Vec::new();
    };
    let mut changed = Vec::new();
    for (field, to) in after {
        let from = before.get(field).unwrap_or(&Value::Null);
        match (from, to) {
            (Value::Object(from), Value::Object(to)) => {
                let keys: std::collections::BTreeSet<&String> =
                    from.keys().chain(to.keys()).collect();
                for key in keys {
                    if from.get(key) != to.get(key) {
                        changed.push(format!("{field}.{key}"));
                    }
                }
            }
            _ if from != to => changed.push(field.clone()),
            _ => {}
        }
    }
    changed
}

/// A record's decisions, oldest first.
pub fn reviews_of(
    conn: &mut DbConnection,
    kind: Reviewed,
    id: i64,
) -> Result<Vec<Review>, AppError> {
    type Row = (
        i64,
        i32,
        String,
        Option<String>,
        Option<NaiveDate>,
        NaiveDate,
        Option<i64>,
        NaiveDateTime,
    );
    let record_id = id;
    let rows: Vec<Row> = reviews::table
        .filter(reviews::record_kind.eq(kind.as_str()))
        .filter(reviews::record_id.eq(id))
        .order(reviews::id.asc())
        .select((
            reviews::id,
            reviews::version,
            reviews::decision,
            reviews::comment,
            reviews::due_on,
            reviews::decided_on,
            reviews::reviewer_user_id,
            reviews::created_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, version, decision, comment, due_on, decided_on, reviewer_user_id, created_at)| {
                Ok(Review {
                    id,
                    record_id,
                    version,
                    decision: Decision::parse(&decision).ok_or_else(|| {
                        AppError::internal(format!("unknown decision {decision:?}"))
                    })?,
                    comment,
                    due_on,
                    decided_on,
                    reviewer_user_id,
                    created_at,
                })
            },
        )
        .collect()
}

/// What the record under review is, for [`decide`].
pub struct UnderReview {
    pub kind: Reviewed,
    pub id: i64,
    pub version: i32,
    pub status: ReviewStatus,
    /// The day the version decided was submitted: a decision is not before it.
    pub submitted_on: NaiveDate,
}

/// Records staff's decision on the current version: refused, naming the fields, as a report's
/// review is; 409 when the version is not awaiting one. The caller sets the record's status.
pub fn decide(
    tx: &mut WriteTx<'_>,
    record: &UnderReview,
    new: NewReview,
    today: NaiveDate,
) -> Result<Review, AppError> {
    let comment = new
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let mut errors = FieldErrors::new();
    for (field, why) in review_refusals(new.decision, comment.as_deref(), new.due_on, today) {
        errors.add(field, why);
    }
    let decided_on = match new.decided_on {
        Some(day) if day > today => {
            errors.add("decided_on", Refusal::InFuture);
            today
        }
        Some(day) if day < record.submitted_on => {
            errors.add(
                "decided_on",
                Refusal::BeforeDate {
                    date: record.submitted_on,
                },
            );
            day
        }
        Some(day) => day,
        None => today,
    };
    errors.into_result()?;
    if record.status != ReviewStatus::Received {
        return Err(AppError::Conflict(Refusal::NotAwaitingReview {
            status: Term::new(record.status.as_str(), record.status.label_ja()),
        }));
    }
    let (now, reviewer) = (tx.now(), tx.actor().user_id);
    let id: i64 = diesel::insert_into(reviews::table)
        .values((
            reviews::record_kind.eq(record.kind.as_str()),
            reviews::record_id.eq(record.id),
            reviews::version.eq(record.version),
            reviews::decision.eq(new.decision.as_str()),
            reviews::comment.eq(&comment),
            reviews::due_on.eq(new.due_on),
            reviews::decided_on.eq(decided_on),
            reviews::reviewer_user_id.eq(reviewer),
            reviews::created_at.eq(now),
        ))
        .returning(reviews::id)
        .get_result(tx.conn())?;
    Ok(Review {
        id,
        record_id: record.id,
        version: record.version,
        decision: new.decision,
        comment,
        due_on: new.due_on,
        decided_on,
        reviewer_user_id: reviewer,
        created_at: now,
    })
}
