//! Files attached to reports, answers to report collections, cases and accredited bodies'
//! guidelines (API.md "Answers to report
//! collections and attachments"). The bytes are kept in the database in chunks beside the records
//! — one backup holds everything, any number of instances serve them — written in the same
//! audited transaction as the record they belong to, read back a chunk at a time, and never
//! deleted. Who may reach a file is who may reach what it belongs to
//! (`domain::access::may_reach_holder`); the type is judged from the content
//! (`domain::attachment`).

pub mod download;
pub mod store;
pub mod upload;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::schema::attachments;
use crate::db::{Actor, Db};
use crate::domain::attachment::Limits;
use crate::error::AppError;
pub use upload::{Received, TextFields, Upload, read, receive};

/// What a file is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Report(i64),
    Response(i64),
    Case(i64),
    /// An accredited body's guideline (個人情報保護指針): published, its one file.
    Guideline(i64),
    /// An assessment's documents (特定個人情報保護評価書).
    PiaEvaluation(i64),
    /// An agenda item's materials (資料).
    AgendaItem(i64),
}

impl Owner {
    /// The audit trail's name of the owner's kind.
    pub fn entity_type(self) -> &'static str {
        match self {
            Self::Report(_) => "report",
            Self::Response(_) => "response",
            Self::Case(_) => "case",
            Self::Guideline(_) => "guideline",
            Self::PiaEvaluation(_) => "pia_evaluation",
            Self::AgendaItem(_) => "agenda_item",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Self::Report(id)
            | Self::Response(id)
            | Self::Case(id)
            | Self::Guideline(id)
            | Self::PiaEvaluation(id)
            | Self::AgendaItem(id) => id,
        }
    }
}

/// An attached file, as listed and answered after an upload.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = attachments)]
pub struct Attachment {
    pub id: i64,
    /// The name as uploaded (its last path component).
    pub filename: String,
    /// Judged from the content: `application/pdf`, `image/png`, `image/jpeg`, the three Office
    /// Open XML types, `text/csv` (text named `.csv`) or `text/plain`.
    pub content_type: String,
    #[serde(skip)]
    pub charset: Option<String>,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the bytes, in lowercase hex.
    pub sha256: String,
    #[serde(skip)]
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// The limits of an upload, from the configuration.
pub fn limits(config: &crate::config::AttachmentsConfig) -> Limits {
    Limits {
        max_file_bytes: config.max_file_bytes,
        max_files: config.max_files.max(1),
    }
}

/// Attaches `files` to `owner` in one audited transaction (the owner's existence and the
/// actor's right to it are the caller's to check first).
pub async fn attach(
    db: &Db,
    actor: Actor,
    owner: Owner,
    files: Vec<Upload>,
) -> Result<Vec<Attachment>, AppError> {
    db.write(actor, move |tx| store::insert(tx, owner, files))
        .await
}
