//! List pages: the filters are a GET form whose fields are the API's query parameters (so a
//! list's URL is its bookmark, and a filter refuses exactly what the API refuses, in Japanese
//! beside the field); the rows are a table of cells that the page shows and that `format=csv`
//! downloads as CSV for people (UTF-8 with a BOM, CRLF, Japanese headings) and `format=xlsx` as
//! an Excel workbook (dates as date cells, counts and numbers as numbers); the pager keeps the
//! filters.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use serde_json::Value;

use super::forms::{self, Field, Input, Section, SectionView, Values};
use super::layout::Chrome;
use super::session::FormData;
use super::{WebError, page};
use crate::error::{AppError, FieldErrors};
use crate::http::Total;
use crate::http::download::whole_number;
pub use crate::http::download::{Download, csv_download, people_csv, xlsx_download};

/// The page sizes a user may choose.
const PAGE_SIZES: [u32; 4] = [20, 50, 100, 200];
const DEFAULT_PAGE_SIZE: u32 = 50;

/// The page-size field every list's filters end with.
pub fn page_size_field() -> Field {
    Field::new(
        "per_page",
        "表示件数",
        Input::Select(
            PAGE_SIZES
                .iter()
                .map(|n| (n.to_string(), format!("{n}件")))
                .collect(),
        ),
    )
}

/// Which columns a list's download holds, beside its filters (a list page's query).
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ColumnsQuery {
    /// With `format`: `all` downloads every field of the records, each headed by its short label
    /// (as the record's page names it), which the kind's import reads back; without it, the
    /// page's own columns.
    #[param(inline)]
    pub columns: Option<Columns>,
}

/// Every field of the records (`columns=all`).
#[derive(serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Columns {
    All,
}

/// What a list's URL asks for: the filters as typed, the page, and whether as a file (of the
/// page's columns, or with `columns=all` of every field of the records).
pub struct Request {
    pub values: Values,
    pub page: u32,
    pub per_page: u32,
    pub download: Option<Download>,
    pub all_columns: bool,
}

impl Request {
    /// Reads the query string against the filter fields; the filters parse into the API's
    /// filter type `T` (with `page` and `per_page`), or are refused field by field.
    pub fn read<T: serde::de::DeserializeOwned + validator::Validate>(
        request: &HttpRequest,
        sections: &[Section],
    ) -> (Self, Result<T, FieldErrors>) {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(request.query_string()).unwrap_or_default();
        let form = FormData::from_pairs(pairs);
        let mut values = Values::from_form(&form, sections);
        let page = form
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| (1..=2_147_483_647).contains(p))
            .unwrap_or(1);
        let per_page = values
            .get("per_page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| PAGE_SIZES.contains(p))
            .unwrap_or(DEFAULT_PAGE_SIZE);
        if values.get("per_page").is_none() {
            values.set("per_page", per_page.to_string());
        }
        let (mut json, errors) = forms::to_json(sections, &values);
        if let Value::Object(object) = &mut json {
            object.insert("page".into(), Value::from(page));
            object.insert("per_page".into(), Value::from(per_page));
        }
        let filter = forms::parse_value::<T>(&json, errors);
        let download = match form.get("format") {
            Some("csv") => Some(Download::Csv),
            Some("xlsx") => Some(Download::Xlsx),
            _ => None,
        };
        let all_columns = form.get("columns") == Some("all");
        (
            Self {
                values,
                page,
                per_page,
                download,
                all_columns,
            },
            filter,
        )
    }

    /// The filters as a query string, without the page (for the pager and the CSV link).
    pub fn query(&self) -> String {
        let pairs: Vec<(&str, &str)> = self
            .values
            .pairs()
            .filter(|(_, value)| !value.is_empty())
            .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }
}

/// Text cut to at most `chars` characters, with "…" when it was longer (a list's excerpt).
pub fn shortened(text: &str, chars: usize) -> String {
    let mut short: String = text.chars().take(chars).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// One cell of a list: its text, and where it links.
pub struct Cell {
    pub text: String,
    /// The day the text shows, written to a workbook as a date cell.
    pub day: Option<chrono::NaiveDate>,
    pub href: Option<String>,
    /// Shown strong (a late or overdue state).
    pub strong: bool,
    /// A button that posts to this path (with the session's CSRF token) instead of text.
    pub post: Option<String>,
    /// A box that picks the row's record (its kind and id) for the list's assignment form; not
    /// part of a download.
    pub pick: Option<(String, i64)>,
}

impl Cell {
    pub fn text(text: impl ToString) -> Self {
        Self {
            text: text.to_string(),
            day: None,
            href: None,
            strong: false,
            post: None,
            pick: None,
        }
    }

    /// A box picking record `id` of `kind` for the list's assignment form.
    pub fn pick(kind: &str, id: i64) -> Self {
        Self {
            pick: Some((kind.to_owned(), id)),
            ..Self::text("")
        }
    }

    /// A button labelled `text` that posts to `action`.
    pub fn button(text: impl ToString, action: impl Into<String>) -> Self {
        Self {
            post: Some(action.into()),
            ..Self::text(text)
        }
    }

    pub fn link(text: impl ToString, href: impl Into<String>) -> Self {
        Self {
            text: text.to_string(),
            day: None,
            href: Some(href.into()),
            strong: false,
            post: None,
            pick: None,
        }
    }

    /// A date or a dash.
    pub fn date(date: Option<chrono::NaiveDate>) -> Self {
        Self {
            day: date,
            ..Self::text(date.map_or_else(|| "—".to_owned(), |d| d.to_string()))
        }
    }

    /// A day.
    pub fn day(day: chrono::NaiveDate) -> Self {
        Self::date(Some(day))
    }

    pub fn strong(mut self, strong: bool) -> Self {
        self.strong = strong;
        self
    }
}

/// The heading of the column of boxes that pick rows for assignment.
const PICK_COLUMN: &str = "選択";

/// The rows a list shows, under Japanese headings.
pub struct Table {
    pub caption: &'static str,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows in all pages.
    pub total: Total,
}

impl Table {
    /// The kind of record the rows pick for assignment, when they do (staff's lists).
    pub fn picks(&self) -> Option<&str> {
        self.rows
            .iter()
            .flatten()
            .find_map(|cell| cell.pick.as_ref().map(|(kind, _)| kind.as_str()))
    }

    /// Adds a first column of boxes picking each row's record (`ids`, one a row) for the list's
    /// assignment form.
    pub fn pickable(mut self, kind: &str, ids: &[i64]) -> Self {
        self.columns.insert(0, PICK_COLUMN);
        for (row, id) in self.rows.iter_mut().zip(ids) {
            row.insert(0, Cell::pick(kind, *id));
        }
        self
    }

    /// The rows as a page of a download: the caption names the sheet; links, marks and the
    /// picking boxes go.
    fn into_download(self) -> crate::http::download::Page {
        let skip = usize::from(self.columns.first() == Some(&PICK_COLUMN));
        crate::http::download::Page {
            sheet: self.caption.to_owned(),
            headings: self
                .columns
                .iter()
                .skip(skip)
                .map(|c| (*c).to_owned())
                .collect(),
            rows: self
                .rows
                .into_iter()
                .map(|row| {
                    row.into_iter()
                        .skip(skip)
                        .map(|cell| crate::http::download::Cell {
                            text: cell.text,
                            day: cell.day,
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

/// The pager of a list, keeping its filters.
pub struct Pager {
    pub path: String,
    /// The filters, `a=1&b=2&` or empty.
    pub query: String,
    pub page: u32,
    pub pages: u32,
}

impl Pager {
    pub fn new(
        path: impl Into<String>,
        query: &str,
        page: u32,
        per_page: u32,
        total: Total,
    ) -> Self {
        let (total, per_page) = (total.count, i64::from(per_page.max(1)));
        Self {
            path: path.into(),
            query: if query.is_empty() {
                String::new()
            } else {
                format!("{query}&")
            },
            page,
            pages: u32::try_from((total + per_page - 1) / per_page)
                .unwrap_or(u32::MAX)
                .max(1),
        }
    }
}

/// A link above a list (e.g. to the form that creates one).
pub struct Link {
    pub href: String,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "web/list.html")]
struct ListPage {
    chrome: Chrome,
    heading: &'static str,
    lead: &'static str,
    path: &'static str,
    links: Vec<Link>,
    sections: Vec<SectionView>,
    problem: Option<String>,
    error_count: usize,
    table: Table,
    pager: Pager,
    csv_href: String,
    xlsx_href: String,
    /// The downloads of every field of the records, where the list has them.
    all_hrefs: Option<(String, String)>,
}

/// A list page as shown or downloaded.
pub struct List {
    pub heading: &'static str,
    pub lead: &'static str,
    /// The page's path (the filter form's action).
    pub path: &'static str,
    /// The CSV file's name, without `.csv`.
    pub file: &'static str,
    pub links: Vec<Link>,
    pub sections: Vec<Section>,
}

/// The records of a list as its full download writes them (`columns=all`): each record as the
/// API's JSON, the names of the organizations they name, and how many there are in all pages.
pub struct Records {
    pub items: Vec<serde_json::Value>,
    pub names: std::collections::HashMap<i64, String>,
    pub total: Total,
}

/// How a list's full download reads a page of its records for a filter `F`.
pub type FetchRecords<F> =
    Box<dyn Fn(&mut crate::db::DbConnection, &F) -> Result<Records, AppError> + Send>;

/// A list's full download: every field of its records, headed by their short labels in their
/// kind's vocabulary, written as its import reads them back (`Vocabulary::shown`).
pub struct Full<F> {
    pub vocabulary: &'static crate::sheets::vocabulary::Vocabulary,
    pub fetch: FetchRecords<F>,
}

/// The names of the organizations records name (`records::organizations::names_in`).
pub type Names = fn(
    &mut crate::db::DbConnection,
    &crate::sheets::vocabulary::Vocabulary,
    &[serde_json::Value],
) -> Result<std::collections::HashMap<i64, String>, AppError>;

impl<F: 'static> Full<F> {
    /// The full download of a list whose page of API items `fetch` finds, the organizations they
    /// name found by `names`.
    pub fn of<T: serde::Serialize + utoipa::ToSchema>(
        vocabulary: &'static crate::sheets::vocabulary::Vocabulary,
        names: Names,
        fetch: impl Fn(&mut crate::db::DbConnection, &F) -> Result<crate::http::Page<T>, AppError>
        + Send
        + 'static,
    ) -> Self {
        Self {
            vocabulary,
            fetch: Box::new(move |conn, filter| {
                let page = fetch(conn, filter)?;
                let total = page.count();
                let items = page
                    .items
                    .iter()
                    .map(serde_json::to_value)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| AppError::internal(format!("a record as JSON: {e}")))?;
                let names = names(conn, vocabulary, &items)?;
                Ok(Records {
                    items,
                    names,
                    total,
                })
            }),
        }
    }
}

impl Records {
    /// The records as a page of a download.
    fn into_download(
        self,
        sheet: &str,
        vocabulary: &crate::sheets::vocabulary::Vocabulary,
    ) -> crate::http::download::Page {
        let terms: Vec<_> = vocabulary.downloaded().collect();
        crate::http::download::Page {
            sheet: sheet.to_owned(),
            headings: terms.iter().map(|term| term.short.to_owned()).collect(),
            rows: self
                .items
                .iter()
                .map(|item| {
                    terms
                        .iter()
                        .map(|term| {
                            let (text, day) = crate::sheets::vocabulary::Vocabulary::shown(
                                term,
                                item.get(term.name),
                                &self.names,
                            );
                            crate::http::download::Cell { text, day }
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

impl List {
    /// The page (or its CSV) for `request`, with `table` found or the filters' refusals.
    pub fn answer(
        self,
        chrome: Chrome,
        request: &Request,
        found: Result<Table, FieldErrors>,
    ) -> Result<HttpResponse, WebError> {
        self.answer_with(chrome, request, found, false)
    }

    fn answer_with(
        self,
        chrome: Chrome,
        request: &Request,
        found: Result<Table, FieldErrors>,
        has_all: bool,
    ) -> Result<HttpResponse, WebError> {
        let (table, errors, status) = match found {
            Ok(table) => (table, FieldErrors::new(), StatusCode::OK),
            Err(errors) => (
                Table {
                    caption: "",
                    columns: Vec::new(),
                    rows: Vec::new(),
                    total: Total::exact(0),
                },
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
        };
        let query = request.query();
        // The whole filtered list, whatever page is shown.
        let href = |format: &str| {
            if query.is_empty() {
                format!("{}?format={format}", self.path)
            } else {
                format!("{}?{query}&format={format}", self.path)
            }
        };
        let (csv_href, xlsx_href) = (href("csv"), href("xlsx"));
        let all_hrefs = has_all.then(|| {
            (
                format!("{}&columns=all", href("csv")),
                format!("{}&columns=all", href("xlsx")),
            )
        });
        let pager = Pager::new(
            self.path,
            &query,
            request.page,
            request.per_page,
            table.total,
        );
        page(
            status,
            &ListPage {
                chrome,
                heading: self.heading,
                lead: self.lead,
                path: self.path,
                links: self.links,
                sections: forms::views(&self.sections, &request.values, &errors),
                problem: None,
                error_count: errors.iter().count(),
                table,
                pager,
                csv_href,
                xlsx_href,
                all_hrefs,
            },
        )
    }
}

/// Serves a list for `request`: the page of rows `fetch` finds for the filter, or (with
/// `format=csv|xlsx`) the whole filtered list as a download (`download::export`); refused filters
/// come back as the form's refusals, anything else fails the page.
pub async fn serve<F: crate::http::download::Paged>(
    list: List,
    chrome: Chrome,
    db: &crate::db::Db,
    request: &Request,
    filter: Result<F, FieldErrors>,
    fetch: impl Fn(&mut crate::db::DbConnection, &F) -> Result<Table, AppError> + Send + 'static,
) -> Result<HttpResponse, WebError> {
    serve_with(list, chrome, db, request, filter, fetch, None).await
}

/// [`serve`], for a list of records of a kind with a vocabulary: `columns=all` downloads every
/// field of the records (`full`), which the kind's import reads back.
pub async fn serve_with<F: crate::http::download::Paged>(
    list: List,
    chrome: Chrome,
    db: &crate::db::Db,
    request: &Request,
    filter: Result<F, FieldErrors>,
    fetch: impl Fn(&mut crate::db::DbConnection, &F) -> Result<Table, AppError> + Send + 'static,
    full: Option<Full<F>>,
) -> Result<HttpResponse, WebError> {
    let has_all = full.is_some();
    let filter = match filter {
        Ok(filter) => filter,
        Err(errors) => return list.answer_with(chrome, request, Err(errors), has_all),
    };
    if let Some(format) = request.download {
        let exported = match full.filter(|_| request.all_columns) {
            Some(Full { vocabulary, fetch }) => {
                let sheet = list.heading;
                let fetch = move |conn: &mut crate::db::DbConnection, filter: &F| {
                    fetch(conn, filter).map(|records| records.into_download(sheet, vocabulary))
                };
                crate::http::download::export(db, list.file, format, filter, Box::new(fetch))
                    .await?
            }
            None => {
                let fetch = move |conn: &mut crate::db::DbConnection, filter: &F| {
                    fetch(conn, filter).map(Table::into_download)
                };
                crate::http::download::export(db, list.file, format, filter, Box::new(fetch))
                    .await?
            }
        };
        return match exported {
            Ok(download) => Ok(download),
            Err(errors) => list.answer_with(chrome, request, Err(errors), has_all),
        };
    }
    match db.read(move |conn| fetch(conn, &filter)).await {
        Ok(table) => list.answer_with(chrome, request, Ok(table), has_all),
        Err(AppError::Validation(errors)) => {
            list.answer_with(chrome, request, Err(errors), has_all)
        }
        Err(other) => Err(other.into()),
    }
}

/// A statistics table as an Excel workbook laid out as the page prints it: the title on the first
/// row, then each table (or desk) under its name, its items beside their counts, a blank row
/// between tables. Counts are numbers (`#,##0`, or `#,##0.0` for an average); any other value
/// (「－」) is text.
pub fn summary_workbook(
    sheet_name: &str,
    title: &str,
    headings: [&str; 2],
    rows: &[[String; 3]],
) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
    let failed = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    // A fixed creation time: the same figures are the same bytes (a published table's ETag).
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(failed)?;
    let title_format = Format::new().set_bold().set_font_size(14);
    let table_format = Format::new().set_bold();
    let heading_format = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("F2F2F2");
    let count = Format::new().set_num_format("#,##0");
    let average = Format::new().set_num_format("#,##0.0");
    sheet
        .write_string_with_format(0, 0, title, &title_format)
        .map_err(failed)?;
    let mut at: u32 = 1;
    let mut table: Option<&str> = None;
    for [name, item, value] in rows {
        if table != Some(name.as_str()) {
            table = Some(name.as_str());
            at += 1;
            sheet
                .write_string_with_format(at, 0, name, &table_format)
                .map_err(failed)?;
            at += 1;
            sheet
                .write_string_with_format(at, 0, headings[0], &heading_format)
                .map_err(failed)?;
            sheet
                .write_string_with_format(at, 1, headings[1], &heading_format)
                .map_err(failed)?;
        }
        at += 1;
        sheet.write_string(at, 0, item).map_err(failed)?;
        let plain = value.replace(',', "");
        match (whole_number(&plain), plain.parse::<f64>()) {
            (Some(number), _) => sheet.write_number_with_format(at, 1, number, &count),
            (None, Ok(number)) if number.is_finite() && plain.contains('.') => {
                sheet.write_number_with_format(at, 1, number, &average)
            }
            _ => sheet.write_string(at, 1, value),
        }
        .map_err(failed)?;
    }
    sheet.set_column_width(0, 60).map_err(failed)?;
    sheet.set_column_width(1, 14).map_err(failed)?;
    book.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_cut_by_characters_and_marked() {
        assert_eq!(shortened("名簿を第三者に提供", 4), "名簿を第…");
        assert_eq!(shortened("名簿", 4), "名簿");
    }

    #[test]
    fn the_pager_keeps_the_filters_and_counts_pages() {
        let pager = Pager::new("/cases", "status=open", 2, 20, Total::exact(41));
        assert_eq!((pager.query.as_str(), pager.pages), ("status=open&", 3));
        assert_eq!(Pager::new("/cases", "", 1, 50, Total::exact(0)).pages, 1);
    }
}
