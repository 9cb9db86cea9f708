//! The staff's work (issue #46; API.md "Version 3", Work): who each incident, case, action,
//! consultation and mediation is assigned to, each one's work list with its next due day, the
//! workload per staff member, escalation of what stays overdue, internal notes and each record's
//! timeline; and the dashboard of new reports, overdue incidents and report collections, open
//! cases and recent actions, each part contributed by the capability it belongs to
//! (`web::parts`).
//!
//! Which records are open and when each is due are `domain::work`'s rules; this room reads the
//! facts they need from the records' tables (`store`), as the statistics count them, and keeps
//! its own tables (assignees, assignments, notes).

pub mod commands;
pub mod handlers;
pub mod mail;
pub mod pages;
pub mod routes;
pub mod store;
pub mod timeline;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::Entity;
use crate::domain::work::RecordKind;
use crate::error::AppError;

/// The audit trail's entity of a record kind.
pub fn entity_of(kind: RecordKind) -> Entity {
    match kind {
        RecordKind::Incident => Entity::Incident,
        RecordKind::Case => Entity::Case,
        RecordKind::Action => Entity::Action,
        RecordKind::Consultation => Entity::Consultation,
        RecordKind::Mediation => Entity::Mediation,
    }
}

/// The kind a path's plural names, or "no such page".
pub fn kind_of_path(plural: &str) -> Result<RecordKind, AppError> {
    RecordKind::of_path(plural).ok_or(AppError::NotFound(crate::error::Missing::Resource))
}

/// `PUT /api/v1/{kind}/{id}/assignee` (staff): a staff or admin user, or `null` to unassign.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignee {
    /// The user the record is assigned to; `null` leaves it unassigned.
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<i64>, required = true, minimum = 1)]
    pub user_id: Option<Option<i64>>,
}

/// `POST /api/v1/assignments` (staff): records of one kind assigned to one user, all or none.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignments {
    pub kind: RecordKind,
    /// The records' ids (at most 500; repeated ids count once).
    #[validate(length(min = 1, max = 500))]
    #[schema(min_items = 1, max_items = 500)]
    pub ids: Vec<i64>,
    /// The user they are assigned to; `null` leaves them unassigned.
    #[serde(default, deserialize_with = "crate::http::present")]
    #[schema(value_type = Option<i64>, required = true, minimum = 1)]
    pub user_id: Option<Option<i64>>,
}

/// A record's assignee as answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assignee {
    pub kind: RecordKind,
    pub id: i64,
    pub user_id: Option<i64>,
    pub email: Option<String>,
    /// When it was assigned (none when unassigned).
    #[serde(serialize_with = "crate::clock::optional_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub assigned_at: Option<NaiveDateTime>,
}

/// What `POST /api/v1/assignments` did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Assigned {
    pub kind: RecordKind,
    /// The records assigned, each once, in the order given.
    pub ids: Vec<i64>,
    pub user_id: Option<i64>,
    /// The records whose assignee changed (the others had it already).
    pub changed: usize,
}

/// Whose work a list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    User(i64),
    /// Open records with no assignee, or a disabled one.
    Nobody,
}

/// `GET /api/v1/work` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct WorkFilter {
    /// `me` (the default), a user's id, or `none` (the unassigned queue).
    #[validate(length(min = 1, max = 20))]
    #[param(pattern = r"^(me|none|[1-9][0-9]{0,17})$")]
    pub assignee: Option<String>,
    pub kind: Option<RecordKind>,
    /// Only overdue items (`true`).
    pub overdue: Option<bool>,
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

impl WorkFilter {
    /// Whose work the filter asks for, `viewer` being "me".
    pub fn whose(&self, viewer: i64) -> Result<Whose, AppError> {
        match self.assignee.as_deref().map(str::trim) {
            None | Some("me") => Ok(Whose::User(viewer)),
            Some("none") => Ok(Whose::Nobody),
            Some(text) => text
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Whose::User)
                .ok_or_else(|| {
                    crate::error::FieldErrors::single(
                        "assignee",
                        crate::error::Refusal::WrongValue {
                            unexpected: text.to_owned(),
                            expected: "me, none or a user's id".into(),
                        },
                    )
                }),
        }
    }
}

/// One open item of a work list.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkItem {
    pub kind: RecordKind,
    pub id: i64,
    pub title: String,
    /// The next day something is due (the final report, a requested revision, a report
    /// collection's answer); none when nothing is.
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    /// Overdue for `work.escalate_after_days` working days or more.
    pub escalated: bool,
    /// The record's page.
    pub href: String,
    pub assignee_id: Option<i64>,
    /// The day the record began (received, started, applied for).
    pub since: NaiveDate,
}

/// A work list: a page of items, and the counts of all.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkList {
    pub items: Vec<WorkItem>,
    pub page: u32,
    pub per_page: u32,
    pub total: i64,
    pub total_exact: bool,
    /// How many of all are overdue.
    pub overdue: i64,
    /// Whose list it is: a user's id, or none for the unassigned queue.
    pub assignee: Option<i64>,
}

/// `POST /api/v1/{kind}/{id}/notes` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    /// The note; `@someone@example.go.jp` mentions a colleague, who is mailed.
    #[validate(
        length(min = 1, max = 20000),
        custom(function = "crate::http::text_field")
    )]
    #[schema(format = "text", min_length = 1, max_length = 20000)]
    pub body: String,
    /// The note of the same record this one corrects.
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub corrects: Option<i64>,
}

/// An internal note (staff only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Note {
    pub id: i64,
    pub kind: RecordKind,
    pub record_id: i64,
    pub body: String,
    /// The note this one corrects.
    pub corrects: Option<i64>,
    /// The later note that corrects this one.
    pub corrected_by: Option<i64>,
    pub author: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: NaiveDateTime,
}

/// A page of a list (`page`, `per_page`).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
}

crate::domain::text_enum! {
    /// What happened to a record, on its timeline.
    pub enum TimelineKind {
        /// The record was made (a report filed, a case opened, a consultation received …).
        Created => "created",
        /// A report's version (filed or amended).
        Version => "version",
        /// A review's decision (受理, 補正依頼).
        Review => "review",
        /// A supervisory action on it.
        Action => "action",
        /// An answer to a report collection.
        Answer => "answer",
        /// A file attached.
        File => "file",
        /// An internal note (staff).
        Note => "note",
        /// A mail written to the outbox about it.
        Mail => "mail",
        /// Its assignee changed (staff).
        Assignment => "assignment",
        /// Someone opened it (admins).
        Read => "read",
        /// An incident joined to a case, a mediation's step, a change.
        Change => "change",
    }
}

impl TimelineKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Created => "登録",
            Self::Version => "報告",
            Self::Review => "審査",
            Self::Action => "監督措置",
            Self::Answer => "回答",
            Self::File => "ファイル",
            Self::Note => "メモ",
            Self::Mail => "メール",
            Self::Assignment => "担当",
            Self::Read => "閲覧",
            Self::Change => "経過",
        }
    }

    /// Whether a reporter of the record's organization sees it on the timeline: never a note,
    /// a read or an assignment (API.md "Work").
    pub fn shown_to_reporters(self) -> bool {
        !matches!(self, Self::Note | Self::Read | Self::Assignment)
    }
}

/// One event of a record's timeline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimelineEvent {
    #[serde(serialize_with = "crate::clock::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub at: NaiveDateTime,
    pub event: TimelineKind,
    /// What happened, in Japanese.
    pub text: String,
    /// Who did it (an e-mail address, or the entity), when known.
    pub by: Option<String>,
    /// The related record's page, when it has one.
    pub href: Option<String>,
}

/// `GET /work/team` and its download: a period for the median days to close.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TeamFilter {
    /// Items closed on or after this day (default: 1 April of this fiscal year).
    pub from: Option<NaiveDate>,
    /// Items closed on or before this day (default: today).
    pub to: Option<NaiveDate>,
    /// `csv` or `xlsx`: the table as a download.
    pub format: Option<crate::http::download::Download>,
}

/// One staff member's workload.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Workload {
    pub user_id: i64,
    pub email: String,
    pub open: i64,
    pub overdue: i64,
    pub escalated: i64,
    /// Days since the oldest open item began.
    pub oldest_days: Option<i64>,
    /// Items of theirs closed in the period.
    pub closed: i64,
    /// The median days from beginning to closing of those.
    pub median_days_to_close: Option<f64>,
}
