//! A stored file's bytes as an answer: streamed a chunk at a time from the database, named by
//! RFC 6266, never sniffed or run by the browser. Who may have it is the caller's to decide.

use actix_web::http::header::{
    self, CacheControl, CacheDirective, Charset, ContentDisposition, DispositionParam,
    DispositionType, ExtendedValue,
};
use actix_web::{HttpResponse, web};
use futures_util::stream;

use super::Attachment;
use super::store::{self, CHUNK_BYTES};
use crate::db::Db;
use crate::domain::attachment::FileType;
use crate::error::AppError;

/// The answer that downloads `attachment`.
pub fn respond(db: &Db, attachment: &Attachment) -> HttpResponse {
    let size = u64::try_from(attachment.size).unwrap_or_default();
    let chunks = size.div_ceil(CHUNK_BYTES as u64);
    let (db, id) = (db.clone(), attachment.id);
    // One chunk a step, each on a pooled connection of its own: a download holds one chunk.
    let body = stream::try_unfold(0i32, move |seq| {
        let db = db.clone();
        async move {
            if u64::try_from(seq).unwrap_or(u64::MAX) >= chunks {
                return Ok(None);
            }
            let bytes = db
                .read(move |conn| store::chunk(conn, id, seq))
                .await?
                .ok_or_else(|| AppError::internal(format!("attachment {id} lacks chunk {seq}")))?;
            Ok::<_, AppError>(Some((web::Bytes::from(bytes), seq + 1)))
        }
    });
    HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            FileType::header(&attachment.content_type, attachment.charset.as_deref()),
        ))
        .insert_header(disposition(attachment.id, &attachment.filename))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; sandbox",
        ))
        .insert_header(CacheControl(vec![
            CacheDirective::Private,
            CacheDirective::NoCache,
        ]))
        .insert_header((header::ETAG, format!("\"{}\"", attachment.sha256)))
        .no_chunking(size)
        .streaming(body)
}

/// `attachment; filename="<ASCII stand-in>"; filename*=UTF-8''<the name>` (RFC 6266 §4.3):
/// clients that read `filename*` (every browser) get the original name; the others a plain
/// ASCII one — the name itself when it is plain ASCII, else `attachment-<id>` with its extension.
fn disposition(id: i64, name: &str) -> ContentDisposition {
    let plain = |c: char| c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ';
    let ascii = if name.chars().all(plain) {
        name.to_owned()
    } else {
        let extension = name.rsplit_once('.').map(|(_, ext)| ext).filter(|ext| {
            !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric())
        });
        match extension {
            Some(ext) => format!("attachment-{id}.{ext}"),
            None => format!("attachment-{id}"),
        }
    };
    ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![
            DispositionParam::Filename(ascii),
            DispositionParam::FilenameExt(ExtendedValue {
                charset: Charset::Ext("UTF-8".to_owned()),
                language_tag: None,
                value: name.as_bytes().to_vec(),
            }),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_download_is_named_by_rfc_6266_with_a_plain_stand_in() {
        let header = disposition(7, "調査報告書.pdf").to_string();
        assert_eq!(
            header,
            "attachment; filename=\"attachment-7.pdf\"; filename*=UTF-8''%E8%AA%BF%E6%9F%BB%E5%A0%B1%E5%91%8A%E6%9B%B8.pdf"
        );
        let header = disposition(8, "report 2025.pdf").to_string();
        assert!(
            header.starts_with("attachment; filename=\"report 2025.pdf\""),
            "{header}"
        );
        let header = disposition(9, "名簿").to_string();
        assert!(
            header.starts_with("attachment; filename=\"attachment-9\""),
            "{header}"
        );
    }
}
