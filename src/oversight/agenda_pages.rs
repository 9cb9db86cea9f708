//! The pages of a meeting's agenda: staff read and set it (`/meetings/{number}/agenda`, a row an
//! item, blank rows for new ones), and anyone reads the held meetings (`/public/meetings`), a
//! closed item by its title alone.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use super::agenda::{
    self, Agenda, AgendaRecord, NewAgenda, NewAgendaItem, PublicMeeting, PublicMeetingFilter,
};
use super::commands;
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::agenda::{AgendaKind, AgendaRecordKind};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::ValidQuery;
use crate::web::layout::Chrome;
use crate::web::lists::Pager;
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, public_page, see_other};

/// Blank rows the form offers for new items.
const BLANK_ROWS: usize = 3;

/// A row of the agenda's form.
struct Row {
    id: String,
    title: String,
    kind: String,
    closed: bool,
    decision: String,
    records: String,
    published_on: String,
}

#[derive(Template)]
#[template(path = "oversight/agenda.html")]
struct AgendaPage {
    chrome: Chrome,
    agenda: Agenda,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, &'static str)>,
    csrf: String,
    problems: Vec<String>,
    done: bool,
}

fn records_text(records: &[super::agenda::LinkedRecord]) -> String {
    records
        .iter()
        .filter(|r| !r.approved_here || r.kind != AgendaRecordKind::PiaEvaluation)
        .map(|r| format!("{}:{}", r.kind.as_str(), r.id))
        .collect::<Vec<_>>()
        .join(" ")
}

fn rows_of(agenda: &Agenda) -> Vec<Row> {
    agenda
        .items
        .iter()
        .map(|item| Row {
            id: item.id.to_string(),
            title: item.title.clone(),
            kind: item.kind.as_str().to_owned(),
            closed: item.closed,
            decision: item.decision.clone().unwrap_or_default(),
            records: records_text(&item.records),
            published_on: item.published_on.map(|d| d.to_string()).unwrap_or_default(),
        })
        .chain((0..BLANK_ROWS).map(|_| Row {
            id: String::new(),
            title: String::new(),
            kind: AgendaKind::Decision.as_str().to_owned(),
            closed: false,
            decision: String::new(),
            records: String::new(),
            published_on: String::new(),
        }))
        .collect()
}

async fn agenda_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    number: i32,
    status: StatusCode,
    rows: Option<Vec<Row>>,
    problems: Vec<String>,
    done: bool,
) -> Result<HttpResponse, WebError> {
    let agenda = db
        .read(move |conn| agenda::agenda(conn, number))
        .await?
        .ok_or(AppError::NotFound(Missing::Meeting))?;
    page(
        status,
        &AgendaPage {
            chrome: user.chrome(format!("第{number}回委員会の議題")),
            rows: rows.unwrap_or_else(|| rows_of(&agenda)),
            agenda,
            kinds: AgendaKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label_ja()))
                .collect(),
            csrf: user.csrf(),
            problems,
            done,
        },
    )
}

fn number_of(text: &str) -> Result<i32, AppError> {
    text.parse::<i32>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or(AppError::NotFound(Missing::Meeting))
}

/// `GET /meetings/{number}/agenda` may say it was just saved.
#[derive(Debug, Default, serde::Deserialize, utoipa::IntoParams, validator::Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SavedQuery {
    /// `1` after a save.
    #[validate(range(min = 0, max = 1))]
    #[param(minimum = 0, maximum = 1)]
    pub saved: Option<u8>,
}

#[utoipa::path(get, path = "/meetings/{number}/agenda", tag = "pages", params(("number" = String, Path, description = "the meeting's number"), SavedQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such meeting")))]
#[get("/meetings/{number}/agenda")]
pub async fn meeting_agenda_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    number: web::Path<String>,
    query: ValidQuery<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let number = number_of(&number)?;
    let saved = query.into_inner()?.saved == Some(1);
    agenda_answer(&user, &db, number, StatusCode::OK, None, Vec::new(), saved).await
}

/// Reads `kind:id` words (`pia_evaluation:3 case:12`).
fn records_in(text: &str, at: usize, errors: &mut FieldErrors) -> Vec<AgendaRecord> {
    text.split([' ', '、', ',', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .filter_map(|word| {
            let parsed = word.split_once(':').and_then(|(kind, id)| {
                Some(AgendaRecord {
                    kind: AgendaRecordKind::parse(kind.trim())?,
                    id: id.trim().parse().ok()?,
                })
            });
            if parsed.is_none() {
                errors.add(
                    format!("items[{at}].records"),
                    Refusal::PlanLine {
                        line: at as u64 + 1,
                        written: word.to_owned(),
                        part: "record".into(),
                    },
                );
            }
            parsed
        })
        .collect()
}

/// The form's rows as the agenda they set, blank rows left out.
fn agenda_in(form: &FormData) -> (Vec<Row>, Result<NewAgenda, FieldErrors>) {
    let mut rows = Vec::new();
    let mut items = Vec::new();
    let mut errors = FieldErrors::new();
    for at in 0..200 {
        let get = |name: &str| {
            form.get(&format!("items[{at}].{name}"))
                .unwrap_or_default()
                .to_owned()
        };
        if form.get(&format!("items[{at}].title")).is_none() {
            break;
        }
        let row = Row {
            id: get("id"),
            title: get("title"),
            kind: get("kind"),
            closed: form.get(&format!("items[{at}].closed")).is_some(),
            decision: get("decision"),
            records: get("records"),
            published_on: get("published_on"),
        };
        // A row without a title: a blank one, or an item removed.
        if row.title.trim().is_empty() {
            rows.push(row);
            continue;
        }
        let at_item = items.len();
        let kind = AgendaKind::parse(&row.kind).unwrap_or_else(|| {
            errors.add(format!("items[{at_item}].kind"), Refusal::Required);
            AgendaKind::Other
        });
        let published_on = if row.published_on.is_empty() {
            None
        } else {
            row.published_on.parse().ok().or_else(|| {
                errors.add(format!("items[{at_item}].published_on"), Refusal::NotADate);
                None
            })
        };
        items.push(NewAgendaItem {
            id: row.id.parse().ok(),
            title: row.title.trim().to_owned(),
            kind,
            closed: row.closed,
            decision: Some(row.decision.clone()).filter(|d| !d.trim().is_empty()),
            records: records_in(&row.records, at_item, &mut errors),
            published_on,
        });
        rows.push(row);
    }
    let agenda = if errors.is_empty() {
        let bytes = serde_json::to_vec(&serde_json::json!({ "items": items })).unwrap_or_default();
        crate::http::parse_json::<NewAgenda>(&bytes).map_err(|e| match e {
            AppError::Validation(errors) => errors,
            other => {
                let mut errors = FieldErrors::new();
                errors.add(
                    "items",
                    Refusal::Unreadable {
                        detail: other.to_string(),
                    },
                );
                errors
            }
        })
    } else {
        Err(errors)
    };
    (rows, agenda)
}

fn label(field: &str) -> String {
    // items[2].title → 議題3の議題名
    let Some(rest) = field.strip_prefix("items[") else {
        return field.to_owned();
    };
    let Some((at, name)) = rest.split_once("].") else {
        return field.to_owned();
    };
    let at: usize = at.parse().unwrap_or(0);
    let name = match name.split('[').next().unwrap_or(name) {
        "title" => "議題名",
        "kind" => "種類",
        "decision" => "決定",
        "records" => "関係する記録",
        "published_on" => "資料等の公表日",
        "id" => "番号",
        other => other,
    };
    format!("議題{}の{name}", at + 1)
}

#[utoipa::path(post, path = "/meetings/{number}/agenda", tag = "pages", params(("number" = String, Path, description = "the meeting's number")), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token` and, per row n from 0, `items[n].id` (kept), `items[n].title`, `items[n].kind`, `items[n].closed`, `items[n].decision`, `items[n].records` (`kind:id` words), `items[n].published_on`; rows without a title are left out"), responses((status = 303, description = "saved: to the agenda"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such meeting"), (status = 422, description = "the form again, with the refusals")))]
#[post("/meetings/{number}/agenda")]
pub async fn meeting_agenda_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    number: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let number = number_of(&number)?;
    let (rows, parsed) = agenda_in(&form);
    let outcome = match parsed {
        Ok(new) => commands::set_agenda(&db, &user, number, new)
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/meetings/{number}/agenda?saved=1"))),
        Err(AppError::Validation(errors)) => {
            let problems = super::periodic_pages::problems(&errors, label);
            agenda_answer(
                &user,
                &db,
                number,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(rows),
                problems,
                false,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "oversight/public_meetings.html")]
struct PublicPage {
    chrome: Chrome,
    meetings: Vec<PublicMeeting>,
    pager: Pager,
}

#[utoipa::path(get, path = "/public/meetings", tag = "pages", params(PublicMeetingFilter), responses((status = 200, description = "the page (text/html), for anyone; `ETag`, `Cache-Control: public`"), (status = 304, description = "`If-None-Match` names the current page"), (status = 422, description = "a page number out of range")))]
#[get("/public/meetings")]
pub async fn public_meetings_page(
    req: HttpRequest,
    db: web::Data<Db>,
    query: ValidQuery<PublicMeetingFilter>,
) -> Result<HttpResponse, WebError> {
    let mut filter = query.into_inner()?;
    let page_number = filter.page.unwrap_or(1);
    filter.per_page = Some(filter.per_page.unwrap_or(20));
    let per_page = filter.per_page.unwrap_or(20);
    let today = today();
    let found = db
        .read(move |conn| agenda::public(conn, &filter, today))
        .await?;
    public_page(
        &req,
        &PublicPage {
            chrome: Chrome::public("委員会の開催状況"),
            pager: Pager::new("/public/meetings", "", page_number, per_page, found.count()),
            meetings: found.items,
        },
    )
}

/// Attaches materials to one of the meeting's items from its agenda page (staff).
#[utoipa::path(post, path = "/meetings/{number}/agenda/materials", tag = "pages", params(("number" = String, Path, description = "the meeting's number")), request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token`, `item_id` (one of the meeting's items) and one or more parts named `file`"), responses((status = 303, description = "stored: back to the agenda"), (status = 403, description = "another role, or no valid CSRF token"), (status = 404, description = "no such meeting, or an item not of it"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "no file, or an empty one")))]
#[post("/meetings/{number}/agenda/materials")]
pub async fn meeting_materials_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    number: web::Path<String>,
    form: crate::web::uploads::FilesForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form.form)?;
    let number = number_of(&number)?;
    let (fields, files) = form.into_files()?;
    let item: Option<i64> = fields.get("item_id").and_then(|v| v.parse().ok());
    let agenda = db
        .read(move |conn| agenda::agenda(conn, number))
        .await?
        .ok_or(AppError::NotFound(Missing::Meeting))?;
    let item = item
        .filter(|id| agenda.items.iter().any(|i| i.id == *id))
        .ok_or(AppError::NotFound(Missing::AgendaItem))?;
    if files.is_empty() {
        return Err(AppError::Validation(FieldErrors::of("file", Refusal::NotAFile)).into());
    }
    crate::files::attach(
        &db,
        user.actor(),
        crate::files::Owner::AgendaItem(item),
        files,
    )
    .await?;
    Ok(see_other(&format!("/meetings/{number}/agenda?saved=1")))
}
