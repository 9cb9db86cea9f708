//! Reading a `multipart/form-data` upload: each file part is spooled to an anonymous temporary
//! file as it arrives (so a 20 MiB file costs a buffer, not 20 MiB, whatever the number of
//! concurrent uploads), hashed and judged on the way (`domain::attachment::Sniffer`). Nothing is
//! stored here: the files are handed to one write transaction, or dropped — and an anonymous
//! temporary file leaves nothing behind when dropped, even when the client goes away mid-upload.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};

use actix_multipart::{Field, Multipart, MultipartError};
use futures_util::TryStreamExt;
use sha2::{Digest, Sha256};

use crate::domain::attachment::{FileType, Limits, Sniffer, stored_name, too_large, too_many};
use crate::error::{AppError, FieldErrors, Refusal, UnreadableBody};

/// The part name files travel under.
pub const FILE_FIELD: &str = "file";
/// The most a form's text field may hold (the answer's body is at most 20,000 characters).
const TEXT_FIELD_BYTES: usize = 128 * 1024;
/// The most all of a form's text fields may hold together: they are kept in memory, the files
/// are not.
const TEXT_FIELDS_BYTES: usize = 512 * 1024;
/// Bytes gathered before a write to the temporary file.
const SPOOL_BUFFER: usize = 64 * 1024;

/// A file received whole and judged acceptable, waiting in its temporary file.
#[derive(Debug)]
pub struct Upload {
    pub filename: String,
    pub kind: FileType,
    pub size: u64,
    pub sha256: String,
    pub(super) file: File,
}

impl Upload {
    /// The file's bytes (an import reads its file whole).
    pub fn into_bytes(mut self) -> Result<Vec<u8>, AppError> {
        use std::io::Read;
        let mut bytes = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        self.file.seek(SeekFrom::Start(0)).map_err(io)?;
        self.file.read_to_end(&mut bytes).map_err(io)?;
        Ok(bytes)
    }
}

/// What a multipart request carried: its files, and (for a page's form) its text fields.
#[derive(Debug, Default)]
pub struct Received {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Upload>,
    /// Why the files were refused (413, 415 or 422 naming `file`); then `files` is empty. A page
    /// shows its form again with the reason; [`receive`] answers it as the error.
    pub refused: Option<AppError>,
}

/// Whether parts other than files are taken (a page's form) or refused (the API's upload).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFields {
    Take,
    Refuse,
}

/// One file part as it was read.
struct Spooled {
    filename: Option<String>,
    sniffer: Sniffer,
    hasher: Sha256,
    file: File,
    /// Over the size limit: reading went on only to reach the end of the request.
    too_large: bool,
}

fn unreadable(error: &MultipartError) -> AppError {
    match error {
        MultipartError::ContentTypeMissing
        | MultipartError::ContentTypeParse
        | MultipartError::ContentTypeIncompatible
        | MultipartError::BoundaryMissing => AppError::NotMultipart,
        other => AppError::Malformed(UnreadableBody::Multipart(other.to_string())),
    }
}

fn io(error: std::io::Error) -> AppError {
    AppError::internal(format!("spooling an upload: {error}"))
}

/// Reads the whole request. Any refused file refuses the request — 413 over the limits, 415 for
/// a type not accepted, 422 for an empty or unnamed file or an unknown part — and keeps nothing.
pub async fn receive(
    multipart: Multipart,
    limits: Limits,
    text_fields: TextFields,
) -> Result<Received, AppError> {
    let mut received = read(multipart, limits, text_fields).await?;
    match received.refused.take() {
        Some(refused) => Err(refused),
        None => Ok(received),
    }
}

/// Reads the whole request, as [`receive`], but hands back the text fields with the refusal of
/// the files (in `refused`): a page keeps what was typed. A body that cannot be read at all,
/// or that runs past every limit, is still an error.
pub async fn read(
    mut multipart: Multipart,
    limits: Limits,
    text_fields: TextFields,
) -> Result<Received, AppError> {
    let mut received = Received::default();
    let mut spooled: Vec<Spooled> = Vec::new();
    let mut refused = FieldErrors::new();
    let mut file_parts = 0usize;
    let mut total: u64 = 0;
    let mut text_total = 0usize;
    let cap = limits.max_request_bytes();
    while let Some(mut field) = multipart.try_next().await.map_err(|e| unreadable(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        let filename = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .map(str::to_owned);
        if name == FILE_FIELD {
            file_parts += 1;
            if too_many(file_parts, limits).is_some() {
                // Read on to the end, keeping nothing: the answer is 413 whatever follows.
                drain(&mut field, &mut total, cap).await?;
                continue;
            }
            spooled.push(spool(&mut field, filename, limits, &mut total, cap).await?);
        } else if text_fields == TextFields::Take && filename.is_none() {
            let value = text(&mut field, &mut total, cap).await?;
            text_total += value.len();
            if text_total > TEXT_FIELDS_BYTES {
                return Err(AppError::PayloadTooLarge(TEXT_FIELDS_BYTES));
            }
            received.fields.push((name, value));
        } else {
            drain(&mut field, &mut total, cap).await?;
            if !refused.names(&name) {
                refused.add(
                    if name.is_empty() { "part" } else { &name },
                    Refusal::UnknownField,
                );
            }
        }
    }
    if let Some(refusal) = too_many(file_parts, limits) {
        received.refused = Some(AppError::FilesTooLarge(FieldErrors::of(
            FILE_FIELD, refusal,
        )));
        return Ok(received);
    }
    let mut judged = Vec::with_capacity(spooled.len());
    let mut types = FieldErrors::new();
    let mut sizes = FieldErrors::new();
    for part in spooled {
        // A file input left empty: browsers send a part with no name and no bytes.
        if part.filename.as_deref() == Some("") && part.sniffer.size() == 0 {
            continue;
        }
        if part.too_large {
            sizes.add(
                FILE_FIELD,
                Refusal::FileTooLarge {
                    limit: limits.max_file_bytes,
                },
            );
            continue;
        }
        let Some(filename) = part.filename.as_deref().and_then(stored_name) else {
            refused.add(FILE_FIELD, Refusal::NotAFile);
            continue;
        };
        match judge(part, filename) {
            Ok(upload) => judged.push(upload),
            Err(refusal @ Refusal::FileType) => types.add(FILE_FIELD, refusal),
            Err(other) => refused.add(FILE_FIELD, other),
        }
    }
    received.refused = if !sizes.is_empty() {
        Some(AppError::FilesTooLarge(sizes))
    } else if !types.is_empty() {
        Some(AppError::FileTypesRefused(types))
    } else if !refused.is_empty() {
        Some(AppError::Validation(refused))
    } else {
        received.files = judged;
        None
    };
    Ok(received)
}

/// Judges a spooled file; a ZIP is opened from its temporary file to read its entries.
fn judge(mut part: Spooled, filename: String) -> Result<Upload, Refusal> {
    let entries = part.sniffer.is_zip().then(|| {
        zip::ZipArchive::new(&mut part.file).ok().map(|archive| {
            archive
                .file_names_raw()
                .map(|name| String::from_utf8_lossy(name).into_owned())
                .collect::<Vec<String>>()
        })
    });
    let size = part.sniffer.size();
    let kind = part
        .sniffer
        .judge(entries.flatten().as_deref(), &filename)?;
    part.file
        .seek(SeekFrom::Start(0))
        .map_err(|_| Refusal::FileType)?;
    Ok(Upload {
        filename,
        kind,
        size,
        sha256: hex::encode(part.hasher.finalize()),
        file: part.file,
    })
}

fn count(total: &mut u64, bytes: usize, cap: u64) -> Result<(), AppError> {
    *total += bytes as u64;
    if *total > cap {
        // Beyond every file at its limit: stop reading; the request is refused as a whole.
        return Err(AppError::FilesTooLarge(FieldErrors::of(
            FILE_FIELD,
            Refusal::RequestTooLarge { limit: cap },
        )));
    }
    Ok(())
}

async fn drain(field: &mut Field, total: &mut u64, cap: u64) -> Result<(), AppError> {
    while let Some(chunk) = field.try_next().await.map_err(|e| unreadable(&e))? {
        count(total, chunk.len(), cap)?;
    }
    Ok(())
}

async fn text(field: &mut Field, total: &mut u64, cap: u64) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field.try_next().await.map_err(|e| unreadable(&e))? {
        count(total, chunk.len(), cap)?;
        if bytes.len() + chunk.len() > TEXT_FIELD_BYTES {
            return Err(AppError::PayloadTooLarge(TEXT_FIELD_BYTES));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| {
        AppError::Malformed(UnreadableBody::Multipart(
            "a text field is not UTF-8".to_owned(),
        ))
    })
}

async fn spool(
    field: &mut Field,
    filename: Option<String>,
    limits: Limits,
    total: &mut u64,
    cap: u64,
) -> Result<Spooled, AppError> {
    let mut part = Spooled {
        filename,
        sniffer: Sniffer::new(),
        hasher: Sha256::new(),
        file: tempfile::tempfile().map_err(io)?,
        too_large: false,
    };
    let mut buffer = Vec::with_capacity(SPOOL_BUFFER);
    while let Some(chunk) = field.try_next().await.map_err(|e| unreadable(&e))? {
        count(total, chunk.len(), cap)?;
        if part.too_large {
            continue;
        }
        if too_large(part.sniffer.size() + chunk.len() as u64, limits).is_some() {
            part.too_large = true;
            continue;
        }
        part.sniffer.feed(&chunk);
        part.hasher.update(&chunk);
        buffer.extend_from_slice(&chunk);
        if buffer.len() >= SPOOL_BUFFER {
            part.file.write_all(&buffer).map_err(io)?;
            buffer.clear();
        }
    }
    part.file.write_all(&buffer).map_err(io)?;
    Ok(part)
}
