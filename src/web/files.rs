//! How a record's page shows its attached files (`templates/web/_files.html`): the same on a
//! report, an answer to a report collection and a case. The uploads and the download are the
//! attachments capability's pages.

use crate::files::Attachment;

/// A file as a page lists it.
pub struct FileRow {
    pub id: i64,
    pub filename: String,
    pub kind_ja: &'static str,
    pub size: String,
    pub created_at: String,
    pub sha256: String,
    pub sha256_short: String,
}

impl From<Attachment> for FileRow {
    fn from(file: Attachment) -> Self {
        Self {
            id: file.id,
            kind_ja: kind_ja(&file.content_type),
            size: size_ja(file.size),
            created_at: crate::clock::japan_minute(&file.created_at),
            sha256_short: file.sha256.chars().take(12).collect(),
            sha256: file.sha256,
            filename: file.filename,
        }
    }
}

/// The files section of a page: its heading, the files, and where to upload more (None: the
/// viewer may not, or the record takes no more).
pub struct Files {
    pub heading: &'static str,
    pub items: Vec<FileRow>,
    pub upload: Option<String>,
}

impl Files {
    pub fn new(heading: &'static str, items: Vec<Attachment>, upload: Option<String>) -> Self {
        Self {
            heading,
            items: items.into_iter().map(FileRow::from).collect(),
            upload,
        }
    }
}

fn kind_ja(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "PDF",
        "image/png" => "画像（PNG）",
        "image/jpeg" => "画像（JPEG）",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "Word 文書",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "Excel ブック",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            "PowerPoint プレゼンテーション"
        }
        "text/csv" => "CSV",
        _ => "テキスト",
    }
}

fn size_ja(bytes: i64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} バイト"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

/// The notice after an upload.
pub fn attached_notice(count: Option<&str>) -> Option<String> {
    count
        .and_then(|c| c.parse::<usize>().ok())
        .map(|c| format!("ファイルを {c} 件添付しました。"))
}
