//! Attachments in the database: a row per file and its bytes in numbered chunks.

use crate::db::{Action, Entity};
use std::io::Read;

use diesel::prelude::*;

use super::{Attachment, Owner, Upload};
use crate::db::schema::{
    actions, agenda_items, attachment_chunks, attachments, body_guidelines, cases, pia_evaluations,
    reports, responses,
};
use crate::db::{DbConnection, WriteTx};
use crate::domain::access::Holder;
use crate::domain::powers::ActionKind;
use crate::error::AppError;

/// Bytes a chunk row holds: small enough that a download or an upload holds one or two at a
/// time, large enough that a 20 MiB file is 80 rows.
pub const CHUNK_BYTES: usize = 256 * 1024;

/// What `owner` is for access, or None when it does not exist.
pub fn holder(conn: &mut DbConnection, owner: Owner) -> Result<Option<Holder>, AppError> {
    Ok(match owner {
        Owner::Report(id) => reports::table
            .find(id)
            .select(reports::organization_id)
            .first::<i64>(conn)
            .optional()?
            .map(|organization| Holder::Report { organization }),
        Owner::Response(id) => responses::table
            .inner_join(actions::table)
            .filter(responses::id.eq(id))
            .select((actions::organization_id, actions::kind))
            .first::<(i64, String)>(conn)
            .optional()?
            .map(|(organization, kind)| Holder::Response {
                organization,
                is_report_collection: kind == ActionKind::ReportCollection.as_str(),
            }),
        Owner::Case(id) => cases::table
            .find(id)
            .select(cases::id)
            .first::<i64>(conn)
            .optional()?
            .map(|_| Holder::Case),
        Owner::Guideline(id) => body_guidelines::table
            .find(id)
            .select(body_guidelines::id)
            .first::<i64>(conn)
            .optional()?
            .map(|_| Holder::Published),
        Owner::PiaEvaluation(id) => pia_evaluations::table
            .find(id)
            .select(pia_evaluations::organization_id)
            .first::<i64>(conn)
            .optional()?
            .map(|organization| Holder::Filing { organization }),
        Owner::AgendaItem(id) => agenda_items::table
            .find(id)
            .select(agenda_items::id)
            .first::<i64>(conn)
            .optional()?
            .map(|_| Holder::Meeting),
    })
}

/// The files of `owner`, in the order they were attached.
pub fn list(conn: &mut DbConnection, owner: Owner) -> Result<Vec<Attachment>, AppError> {
    let query = attachments::table
        .select(Attachment::as_select())
        .order(attachments::id.asc())
        .into_boxed();
    let query = match owner {
        Owner::Report(id) => query.filter(attachments::report_id.eq(id)),
        Owner::Response(id) => query.filter(attachments::response_id.eq(id)),
        Owner::Case(id) => query.filter(attachments::case_id.eq(id)),
        Owner::Guideline(id) => query.filter(attachments::guideline_id.eq(id)),
        Owner::PiaEvaluation(id) => query.filter(attachments::pia_evaluation_id.eq(id)),
        Owner::AgendaItem(id) => query.filter(attachments::agenda_item_id.eq(id)),
    };
    Ok(query.load(conn)?)
}

/// The files of several answers at once, by answer.
pub fn of_responses(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<Vec<(i64, Attachment)>, AppError> {
    Ok(attachments::table
        .filter(attachments::response_id.eq_any(ids))
        .order(attachments::id.asc())
        .select((
            attachments::response_id.assume_not_null(),
            Attachment::as_select(),
        ))
        .load(conn)?)
}

/// An attachment with its owners' columns (one of them set): report, answer, case, guideline,
/// assessment, agenda item.
type WithOwners = (
    Attachment,
    (
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
        Option<i64>,
    ),
);

/// One attachment with what it belongs to.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<(Attachment, Owner)>, AppError> {
    let row: Option<WithOwners> = attachments::table
        .find(id)
        .select((
            Attachment::as_select(),
            (
                attachments::report_id,
                attachments::response_id,
                attachments::case_id,
                attachments::guideline_id,
                attachments::pia_evaluation_id,
                attachments::agenda_item_id,
            ),
        ))
        .first(conn)
        .optional()?;
    Ok(row.and_then(|(attachment, owners)| {
        let owner = match owners {
            (Some(id), ..) => Owner::Report(id),
            (_, Some(id), ..) => Owner::Response(id),
            (_, _, Some(id), ..) => Owner::Case(id),
            (_, _, _, Some(id), ..) => Owner::Guideline(id),
            (.., Some(id), _) => Owner::PiaEvaluation(id),
            (.., Some(id)) => Owner::AgendaItem(id),
            _ => return None,
        };
        Some((attachment, owner))
    }))
}

/// The `seq`th chunk of an attachment's bytes.
pub fn chunk(conn: &mut DbConnection, id: i64, seq: i32) -> Result<Option<Vec<u8>>, AppError> {
    Ok(attachment_chunks::table
        .find((id, seq))
        .select(attachment_chunks::data)
        .first(conn)
        .optional()?)
}

/// Stores `files` on `owner`, each with its audit row, in the caller's transaction; the bytes
/// are copied from each temporary file a chunk at a time.
pub fn insert(
    tx: &mut WriteTx<'_>,
    owner: Owner,
    files: Vec<Upload>,
) -> Result<Vec<Attachment>, AppError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let mut stored = Vec::with_capacity(files.len());
    let mut buffer = vec![0u8; CHUNK_BYTES];
    for mut upload in files {
        let one = |set: bool| set.then_some(owner.id());
        let (report, response, case, guideline, pia, agenda_item) = (
            one(matches!(owner, Owner::Report(_))),
            one(matches!(owner, Owner::Response(_))),
            one(matches!(owner, Owner::Case(_))),
            one(matches!(owner, Owner::Guideline(_))),
            one(matches!(owner, Owner::PiaEvaluation(_))),
            one(matches!(owner, Owner::AgendaItem(_))),
        );
        let charset = upload.kind.charset();
        let size = i64::try_from(upload.size)
            .map_err(|_| AppError::internal("an upload's size overflows i64"))?;
        let created_by = tx.actor().user_id;
        let now = tx.now();
        let id: i64 = diesel::insert_into(attachments::table)
            .values((
                attachments::report_id.eq(report),
                attachments::response_id.eq(response),
                attachments::case_id.eq(case),
                attachments::guideline_id.eq(guideline),
                attachments::pia_evaluation_id.eq(pia),
                attachments::agenda_item_id.eq(agenda_item),
                attachments::filename.eq(&upload.filename),
                attachments::content_type.eq(upload.kind.media_type()),
                attachments::charset.eq(charset),
                attachments::size.eq(size),
                attachments::sha256.eq(&upload.sha256),
                attachments::created_by_user_id.eq(created_by),
                attachments::created_at.eq(now),
            ))
            .returning(attachments::id)
            .get_result(tx.conn())?;
        let mut seq = 0i32;
        let mut written = 0u64;
        loop {
            let filled = fill(&mut upload.file, &mut buffer)?;
            if filled == 0 {
                break;
            }
            diesel::insert_into(attachment_chunks::table)
                .values((
                    attachment_chunks::attachment_id.eq(id),
                    attachment_chunks::seq.eq(seq),
                    attachment_chunks::data.eq(&buffer[..filled]),
                ))
                .execute(tx.conn())?;
            seq += 1;
            written += filled as u64;
        }
        if written != upload.size {
            return Err(AppError::internal(format!(
                "an upload spooled {} bytes but {written} were read back",
                upload.size
            )));
        }
        let attachment = attachments::table
            .find(id)
            .select(Attachment::as_select())
            .first(tx.conn())?;
        tx.record(
            Action::Create,
            Entity::Attachment,
            id,
            &serde_json::json!({
                owner.entity_type(): owner.id(),
                "filename": &attachment.filename,
                "content_type": &attachment.content_type,
                "size": attachment.size,
                "sha256": &attachment.sha256,
            }),
        )?;
        stored.push(attachment);
    }
    Ok(stored)
}

/// Reads until `buffer` is full or the file ends.
fn fill(file: &mut std::fs::File, buffer: &mut [u8]) -> Result<usize, AppError> {
    let mut filled = 0;
    while filled < buffer.len() {
        let read = file
            .read(&mut buffer[filled..])
            .map_err(|e| AppError::internal(format!("reading a spooled upload: {e}")))?;
        if read == 0 {
            break;
        }
        filled += read;
    }
    Ok(filled)
}
