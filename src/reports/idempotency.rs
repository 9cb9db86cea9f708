//! `Idempotency-Key`: a retried submission gets the first answer and creates nothing new. The key
//! (per user) is stored with the answer in the same transaction as what it created; a concurrent
//! retry fails on the unique index (PostgreSQL) or waits for the writer lock (SQLite) and then
//! finds the stored answer.

use actix_web::HttpRequest;
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::idempotency_keys;
use crate::error::{AppError, FieldErrors, Refusal};

pub const HEADER: &str = "Idempotency-Key";

/// The first answer given to a key, and the report it filed.
#[derive(Debug, Queryable)]
pub struct Stored {
    pub request_hash: String,
    pub status: i32,
    pub response: String,
    pub report_id: Option<i64>,
}

/// The key of a request, if it sent one: 1–255 visible ASCII characters.
pub fn key_of(req: &HttpRequest) -> Result<Option<String>, AppError> {
    let Some(value) = req.headers().get(HEADER) else {
        return Ok(None);
    };
    let refuse = || FieldErrors::single(HEADER, Refusal::IdempotencyKey);
    let key = value.to_str().map_err(|_| refuse())?.trim();
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(refuse());
    }
    Ok(Some(key.to_owned()))
}

/// What identifies a request's content: the SHA-256 of its parsed body as JSON.
pub fn request_hash(body: &impl Serialize) -> String {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    hex::encode(Sha256::digest(bytes))
}

pub fn find(conn: &mut DbConnection, user_id: i64, key: &str) -> Result<Option<Stored>, AppError> {
    Ok(idempotency_keys::table
        .filter(idempotency_keys::user_id.eq(user_id))
        .filter(idempotency_keys::idempotency_key.eq(key))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::status,
            idempotency_keys::response,
            idempotency_keys::report_id,
        ))
        .first(conn)
        .optional()?)
}

/// Stores the answer to a key, and the report it filed, in the transaction that made it.
pub(super) fn remember(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    key: &str,
    request_hash: &str,
    status: u16,
    response: &str,
    report_id: i64,
) -> Result<(), AppError> {
    let now = tx.now();
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::user_id.eq(user_id),
            idempotency_keys::idempotency_key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::status.eq(i32::from(status)),
            idempotency_keys::response.eq(response),
            idempotency_keys::created_at.eq(now),
            idempotency_keys::report_id.eq(report_id),
        ))
        .execute(tx.conn())?;
    Ok(())
}
