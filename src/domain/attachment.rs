//! Which files a report, an answer or a case may carry (API.md, "Answers to report collections
//! and attachments"): the type is judged from the content — magic bytes by `infer`, then the
//! structure each type must have — never from the name or the client's `Content-Type`. Accepted:
//! PDF, PNG, JPEG, DOCX/XLSX/PPTX (an OOXML package, not merely a ZIP, and without macros), and
//! plain text or CSV in UTF-8 or Shift_JIS. Executables, HTML and SVG (script carriers),
//! archives and anything unknown are refused.
//!
//! A [`Sniffer`] is fed the bytes as they arrive, so a file is judged without being held whole.

use encoding_rs::{Decoder, SHIFT_JIS, UTF_8};

use crate::error::Refusal;

/// How much of a file's start the magic-byte judgement reads.
const HEAD: usize = 8192;
/// How much of a file's end the end-marker checks read.
const TAIL: usize = 1024;
/// The longest name kept, in characters.
const NAME_CHARS: usize = 255;

/// A type of file the service accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Pdf,
    Png,
    Jpeg,
    Docx,
    Xlsx,
    Pptx,
    /// Plain text, in UTF-8 or Shift_JIS.
    Text {
        shift_jis: bool,
    },
    /// Text named `.csv`.
    Csv {
        shift_jis: bool,
    },
}

impl FileType {
    /// The media type recorded and answered (`content_type`).
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Self::Text { .. } => "text/plain",
            Self::Csv { .. } => "text/csv",
        }
    }

    /// Text's encoding as judged, recorded beside the media type.
    pub fn charset(self) -> Option<&'static str> {
        match self {
            Self::Text { shift_jis } | Self::Csv { shift_jis } => {
                Some(if shift_jis { "Shift_JIS" } else { "utf-8" })
            }
            _ => None,
        }
    }

    /// A download's `Content-Type`: the media type, with its charset for text.
    pub fn header(media_type: &str, charset: Option<&str>) -> String {
        match charset {
            Some(charset) => format!("{media_type}; charset={charset}"),
            None => media_type.to_owned(),
        }
    }

    /// Every media type a download may carry (the OpenAPI document lists them).
    pub const MEDIA_TYPES: [&'static str; 8] = [
        "application/pdf",
        "image/png",
        "image/jpeg",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "text/plain",
        "text/csv",
    ];
}

/// The limits of one upload (configurable; `config/default.toml`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_files: usize,
}

impl Limits {
    /// How many bytes a whole request may carry before the service stops reading it: every
    /// file at its limit, and room for the multipart framing and a form's text fields.
    pub fn max_request_bytes(self) -> u64 {
        self.max_file_bytes
            .saturating_mul(self.max_files as u64)
            .saturating_add(1 << 20)
    }
}

/// Whether a file of `size` bytes is over the limit (the 413).
pub fn too_large(size: u64, limits: Limits) -> Option<Refusal> {
    (size > limits.max_file_bytes).then_some(Refusal::FileTooLarge {
        limit: limits.max_file_bytes,
    })
}

/// Whether `count` files in one request are too many (the 413).
pub fn too_many(count: usize, limits: Limits) -> Option<Refusal> {
    (count > limits.max_files).then_some(Refusal::TooManyFiles {
        limit: limits.max_files as u64,
    })
}

/// The name kept for an uploaded file: its last path component (a browser may send a whole
/// path, a hostile client `../../etc/passwd`), without control characters, at most 255
/// characters. `None` when nothing is left: the part is not a named file.
pub fn stored_name(given: &str) -> Option<String> {
    let last = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last
        .chars()
        .filter(|c| !c.is_control())
        .take(NAME_CHARS)
        .collect();
    let name = name.trim();
    (!name.is_empty() && name != "." && name != "..").then(|| name.to_owned())
}

/// Judges a file from its bytes, fed in order.
pub struct Sniffer {
    head: Vec<u8>,
    tail: Vec<u8>,
    size: u64,
    utf8: Option<Decoder>,
    shift_jis: Option<Decoder>,
    /// A control character other than tab, line feed, carriage return or form feed: not text.
    control: bool,
    scratch: String,
}

impl Default for Sniffer {
    fn default() -> Self {
        Self::new()
    }
}

impl Sniffer {
    pub fn new() -> Self {
        Self {
            head: Vec::with_capacity(HEAD),
            tail: Vec::with_capacity(2 * TAIL),
            size: 0,
            utf8: Some(UTF_8.new_decoder_with_bom_removal()),
            shift_jis: Some(SHIFT_JIS.new_decoder_without_bom_handling()),
            control: false,
            scratch: String::with_capacity(4096),
        }
    }

    /// The bytes so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Whether the file starts as a ZIP does: its entries must then be listed for [`Sniffer::judge`].
    pub fn is_zip(&self) -> bool {
        self.head.starts_with(b"PK\x03\x04")
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        self.size += bytes.len() as u64;
        let room = HEAD.saturating_sub(self.head.len());
        self.head.extend_from_slice(&bytes[..room.min(bytes.len())]);
        self.tail.extend_from_slice(bytes);
        if self.tail.len() > TAIL {
            self.tail.drain(..self.tail.len() - TAIL);
        }
        if !self.control {
            self.control = bytes
                .iter()
                .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f);
        }
        if !self.control {
            Self::decode(&mut self.utf8, &mut self.scratch, bytes, false);
            Self::decode(&mut self.shift_jis, &mut self.scratch, bytes, false);
        }
    }

    /// Runs `bytes` through `decoder`, dropping it at the first malformed sequence.
    fn decode(decoder: &mut Option<Decoder>, scratch: &mut String, mut bytes: &[u8], last: bool) {
        let Some(active) = decoder else {
            return;
        };
        loop {
            scratch.clear();
            let (result, read) = active.decode_to_string_without_replacement(bytes, scratch, last);
            bytes = &bytes[read..];
            match result {
                encoding_rs::DecoderResult::InputEmpty => return,
                encoding_rs::DecoderResult::OutputFull => {
                    scratch.reserve(4096);
                }
                encoding_rs::DecoderResult::Malformed(..) => {
                    *decoder = None;
                    return;
                }
            }
        }
    }

    /// The file's type, or why it is refused. `zip_entries` are the names in the ZIP's central
    /// directory when [`Sniffer::is_zip`] (None when it could not be read as a ZIP); `filename`
    /// only tells CSV from plain text.
    pub fn judge(
        mut self,
        zip_entries: Option<&[String]>,
        filename: &str,
    ) -> Result<FileType, Refusal> {
        if self.size == 0 {
            return Err(Refusal::EmptyFile);
        }
        if let Some(kind) = infer::get(&self.head) {
            return match kind.mime_type() {
                "application/pdf" if pdf_ends(&self.tail) => Ok(FileType::Pdf),
                "image/png" if self.tail.ends_with(b"IEND\xAE\x42\x60\x82") => Ok(FileType::Png),
                "image/jpeg" if jpeg_ends(&self.tail) => Ok(FileType::Jpeg),
                _ if self.is_zip() => zip_entries.and_then(ooxml).ok_or(Refusal::FileType),
                _ => Err(Refusal::FileType),
            };
        }
        if self.is_zip() {
            return zip_entries.and_then(ooxml).ok_or(Refusal::FileType);
        }
        if self.control || is_markup(&self.head) {
            return Err(Refusal::FileType);
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        Self::decode(&mut self.utf8, &mut scratch, &[], true);
        Self::decode(&mut self.shift_jis, &mut scratch, &[], true);
        let shift_jis = match (self.utf8.is_some(), self.shift_jis.is_some()) {
            (true, _) => false,
            (false, true) => true,
            (false, false) => return Err(Refusal::FileType),
        };
        let csv = filename
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("csv"));
        Ok(if csv {
            FileType::Csv { shift_jis }
        } else {
            FileType::Text { shift_jis }
        })
    }
}

/// A PDF ends with `%%EOF` after a `startxref` (ISO 32000-1 §7.5.5); a PDF header on anything
/// else does not.
fn pdf_ends(tail: &[u8]) -> bool {
    let end = tail.trim_ascii_end();
    end.ends_with(b"%%EOF") && tail.windows(9).any(|w| w == b"startxref")
}

/// A JPEG ends with its End Of Image marker (some writers pad after it).
fn jpeg_ends(tail: &[u8]) -> bool {
    let end = &tail[tail.len().saturating_sub(64)..];
    end.windows(2).any(|w| w == [0xFF, 0xD9])
}

/// Markup a browser could run scripts from: HTML, XML (SVG is XML), or a script or SVG element
/// anywhere near the start.
fn is_markup(head: &[u8]) -> bool {
    if infer::text::is_html(head) || infer::text::is_xml(head) {
        return true;
    }
    let lower = head.to_ascii_lowercase();
    [
        &b"<svg"[..],
        b"<script",
        b"<html",
        b"<iframe",
        b"<object",
        b"<embed",
        b"<!doctype",
    ]
    .iter()
    .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// An Office Open XML package (ECMA-376 Part 2): `[Content_Types].xml` and the main part of a
/// document, workbook or presentation — and no VBA project (a macro carrier).
fn ooxml(entries: &[String]) -> Option<FileType> {
    let has = |name: &str| entries.iter().any(|e| e == name);
    if !has("[Content_Types].xml") || entries.iter().any(|e| e.ends_with("vbaProject.bin")) {
        return None;
    }
    let main = [
        ("word/document.xml", FileType::Docx),
        ("xl/workbook.xml", FileType::Xlsx),
        ("ppt/presentation.xml", FileType::Pptx),
    ];
    let mut found = main
        .iter()
        .filter(|(part, _)| has(part))
        .map(|&(_, kind)| kind);
    match (found.next(), found.next()) {
        (Some(kind), None) => Some(kind),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(bytes: &[u8], name: &str) -> Result<FileType, Refusal> {
        judge_zip(bytes, None, name)
    }

    fn judge_zip(bytes: &[u8], entries: Option<&[&str]>, name: &str) -> Result<FileType, Refusal> {
        let mut sniffer = Sniffer::new();
        // Fed in small pieces, as a network delivers them: nothing may depend on the cut.
        for piece in bytes.chunks(7) {
            sniffer.feed(piece);
        }
        let entries: Option<Vec<String>> =
            entries.map(|e| e.iter().map(|s| (*s).to_owned()).collect());
        sniffer.judge(entries.as_deref(), name)
    }

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 1\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n";

    #[test]
    fn a_pdf_is_its_header_and_its_end() {
        assert_eq!(judge(PDF, "調査報告書.pdf"), Ok(FileType::Pdf));
        // The name does not matter: a PDF named .txt is a PDF.
        assert_eq!(judge(PDF, "a.txt"), Ok(FileType::Pdf));
    }

    #[test]
    fn a_pdf_header_on_an_executable_is_refused() {
        let mut polyglot = b"%PDF-1.4\n".to_vec();
        polyglot.extend_from_slice(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff");
        polyglot.extend(std::iter::repeat_n(0u8, 4000));
        assert_eq!(judge(&polyglot, "report.pdf"), Err(Refusal::FileType));
    }

    #[test]
    fn an_executable_named_pdf_is_refused() {
        let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
        exe.extend(std::iter::repeat_n(0u8, 200));
        exe[0x3c] = 0x80;
        assert_eq!(judge(&exe, "report.pdf"), Err(Refusal::FileType));
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00";
        assert_eq!(judge(elf, "readme.txt"), Err(Refusal::FileType));
    }

    #[test]
    fn images_need_their_end_markers() {
        let png: Vec<u8> = [
            &b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..],
            &[0; 17],
            b"\x00\x00\x00\x00IEND\xAE\x42\x60\x82",
        ]
        .concat();
        assert_eq!(judge(&png, "screen.png"), Ok(FileType::Png));
        assert_eq!(judge(&png[..40], "screen.png"), Err(Refusal::FileType));
        let jpeg: Vec<u8> = [
            &b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"[..],
            &[1; 50],
            b"\xFF\xD9",
        ]
        .concat();
        assert_eq!(judge(&jpeg, "photo.jpg"), Ok(FileType::Jpeg));
        assert_eq!(judge(&jpeg[..30], "photo.jpg"), Err(Refusal::FileType));
    }

    #[test]
    fn office_files_are_packages_with_their_main_part() {
        let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00rest";
        let xlsx = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"];
        assert_eq!(judge_zip(zip, Some(&xlsx), "a.xlsx"), Ok(FileType::Xlsx));
        let docx = ["[Content_Types].xml", "word/document.xml"];
        assert_eq!(judge_zip(zip, Some(&docx), "a.bin"), Ok(FileType::Docx));
        let pptx = ["[Content_Types].xml", "ppt/presentation.xml"];
        assert_eq!(judge_zip(zip, Some(&pptx), "a"), Ok(FileType::Pptx));
        // A plain archive, a macro-enabled workbook, an unreadable ZIP: refused.
        let archive = ["data/list.csv", "README"];
        assert_eq!(
            judge_zip(zip, Some(&archive), "a.xlsx"),
            Err(Refusal::FileType)
        );
        let xlsm = [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/vbaProject.bin",
        ];
        assert_eq!(
            judge_zip(zip, Some(&xlsm), "a.xlsx"),
            Err(Refusal::FileType)
        );
        assert_eq!(judge_zip(zip, None, "a.xlsx"), Err(Refusal::FileType));
    }

    #[test]
    fn text_is_utf8_or_shift_jis_and_csv_by_its_name() {
        let utf8 = "氏名,住所\n山田太郎,東京都\n".as_bytes();
        assert_eq!(
            judge(utf8, "漏えい対象者一覧.csv"),
            Ok(FileType::Csv { shift_jis: false })
        );
        assert_eq!(
            judge(utf8, "memo.txt"),
            Ok(FileType::Text { shift_jis: false })
        );
        let (sjis, _, _) = SHIFT_JIS.encode("氏名,住所\r\n山田太郎,東京都\r\n");
        assert_eq!(
            judge(&sjis, "一覧.CSV"),
            Ok(FileType::Csv { shift_jis: true })
        );
        // Neither encoding: refused.
        assert_eq!(
            judge(b"\x82\xa0\xff\xfe\x80", "x.txt"),
            Err(Refusal::FileType)
        );
        // A NUL makes it binary.
        assert_eq!(judge(b"abc\x00def", "x.txt"), Err(Refusal::FileType));
    }

    #[test]
    fn markup_is_refused_as_a_script_carrier() {
        assert_eq!(
            judge(b"<!DOCTYPE html><html><body>x</body></html>", "a.txt"),
            Err(Refusal::FileType)
        );
        assert_eq!(
            judge(
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
                "a.png"
            ),
            Err(Refusal::FileType)
        );
        assert_eq!(
            judge(b"<?xml version='1.0'?><a/>", "a.csv"),
            Err(Refusal::FileType)
        );
        assert_eq!(
            judge(b"name\n<script>alert(1)</script>\n", "a.csv"),
            Err(Refusal::FileType)
        );
    }

    #[test]
    fn an_empty_file_is_refused_and_archives_are() {
        assert_eq!(judge(b"", "a.pdf"), Err(Refusal::EmptyFile));
        assert_eq!(
            judge(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03rest", "a.csv"),
            Err(Refusal::FileType)
        );
    }

    #[test]
    fn a_name_is_its_last_component_and_never_a_path() {
        assert_eq!(stored_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(
            stored_name(r"C:\Users\担当\調査報告書.pdf").as_deref(),
            Some("調査報告書.pdf")
        );
        assert_eq!(stored_name("a\u{0}b\r\n.pdf").as_deref(), Some("ab.pdf"));
        assert_eq!(stored_name("../"), None);
        assert_eq!(stored_name(".."), None);
        assert_eq!(stored_name(""), None);
        assert_eq!(
            stored_name(&"あ".repeat(300)).map(|n| n.chars().count()),
            Some(255)
        );
    }

    #[test]
    fn limits_refuse_what_is_over_them() {
        let limits = Limits {
            max_file_bytes: 20 << 20,
            max_files: 10,
        };
        assert_eq!(too_large(20 << 20, limits), None);
        assert!(too_large((20 << 20) + 1, limits).is_some());
        assert_eq!(too_many(10, limits), None);
        assert!(too_many(11, limits).is_some());
    }
}
