//! The staff's work pages: the dashboard (`/staff`: new reports and overdue incidents, overdue
//! report collections, open cases and recent actions — each panel rendered by the capability it
//! belongs to, `web::parts`), the work lists (`/work`: mine, a colleague's, the unassigned
//! queue), the team's workload (`/work/team`, with its CSV and XLSX), the forms that assign
//! records and write notes, and the panel this room adds to each record's page (assignee, notes,
//! timeline: [`WorkParts`]).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};

use super::commands::{self, Named};
use super::{NewNote, Note, TeamFilter, TimelineEvent, Whose, WorkFilter, WorkList, Workload};
use crate::auth::{Principal, StaffOnly};
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::{Db, DbConnection};
use crate::domain::work::RecordKind;
use crate::error::{AppError, FieldErrors, Refusal};
use crate::http::download::{Cell as FileCell, Download, write_cells, write_headings};
use crate::http::{PageRequest, Total};
use crate::notify::MailSettings;
use crate::web::layout::Chrome;
use crate::web::lists::{Cell, Pager, Table};
use crate::web::parts::{PageParts, Parts};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, see_other};

#[derive(Template)]
#[template(path = "work/dashboard.html")]
struct Dashboard {
    chrome: Chrome,
    panels: Vec<String>,
}

#[utoipa::path(get, path = "/staff", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/staff")]
pub async fn dashboard(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<PageParts>,
) -> Result<HttpResponse, WebError> {
    let (viewer, today) = (user.principal.clone(), today());
    let chrome = user.chrome("ダッシュボード");
    let panels = db
        .read(move |conn| parts.dashboard(conn, &viewer, today))
        .await?;
    page(StatusCode::OK, &Dashboard { chrome, panels })
}

/// Whose list a choice of the `/work` page names.
struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "work/work.html")]
struct WorkPage {
    chrome: Chrome,
    heading: String,
    whose: Vec<Choice>,
    kinds: Vec<Choice>,
    overdue_only: bool,
    list: WorkList,
    table: Table,
    pager: Pager,
    /// The unassigned queue: its rows can be picked and assigned.
    assignable: bool,
    /// `work.escalate_after_days`.
    after_days: u32,
}

fn work_table(list: &WorkList, pick: bool) -> Table {
    let mut columns = Vec::new();
    if pick {
        columns.push("選択");
    }
    columns.extend(["種別", "件名", "期限", "状況", "開始日"]);
    Table {
        caption: "担当の一覧",
        columns,
        total: Total::exact(list.total),
        rows: list
            .items
            .iter()
            .map(|item| {
                let mut row = Vec::new();
                if pick {
                    row.push(Cell::pick(item.kind.as_str(), item.id));
                }
                row.extend([
                    Cell::text(item.kind.label_ja()),
                    Cell::link(&item.title, &item.href),
                    Cell::date(item.due_on).strong(item.overdue),
                    Cell::text(if item.escalated {
                        "期限超過（要対応）"
                    } else if item.overdue {
                        "期限超過"
                    } else if item.due_on.is_some() {
                        "期限内"
                    } else {
                        "—"
                    })
                    .strong(item.overdue),
                    Cell::day(item.since),
                ]);
                row
            })
            .collect(),
    }
}

/// The `/work` page's query: the API's filter, and a notice after a form.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WorkQuery {
    /// `me` (default), a user's id, or `none`.
    assignee: Option<String>,
    /// `incident`, `case`, `action`, `consultation` or `mediation`.
    kind: Option<String>,
    /// `true`: only the overdue.
    overdue: Option<String>,
    /// Page number, from 1.
    page: Option<String>,
    /// After the assignment form: how many were assigned.
    assigned: Option<String>,
}

/// A work list as asked for (the API's filter, read from the page's query).
async fn work_page_for(
    user: &WebUser<StaffOnly>,
    db: &Db,
    config: &Config,
    query: &WorkQuery,
) -> Result<HttpResponse, WebError> {
    let mut errors = FieldErrors::new();
    let kind = match query.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(text) => match RecordKind::parse(text) {
            Some(kind) => Some(kind),
            None => {
                errors.add(
                    "kind",
                    Refusal::WrongValue {
                        unexpected: text.to_owned(),
                        expected: "incident, case, action, consultation or mediation".into(),
                    },
                );
                None
            }
        },
    };
    let filter = WorkFilter {
        assignee: query.assignee.clone().filter(|a| !a.is_empty()),
        kind,
        ..WorkFilter::default()
    };
    let whose = filter.whose(user.user_id);
    let whose = match whose {
        Ok(whose) => whose,
        Err(AppError::Validation(refused)) => {
            errors.merge_new(refused);
            Whose::User(user.user_id)
        }
        Err(other) => return Err(other.into()),
    };
    errors.into_result()?;
    let page_number = query
        .page
        .as_deref()
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| (1..=2_147_483_647).contains(p))
        .unwrap_or(1);
    let request = PageRequest::new(Some(page_number), Some(50));
    let overdue_only = query.overdue.as_deref() == Some("true");
    let after = config.work.escalate_after_days;
    let (list, members) = db
        .read(move |conn| {
            let list =
                super::store::work_list(conn, whose, kind, overdue_only, request, today(), after)?;
            Ok((list, super::store::staff_members(conn)?))
        })
        .await?;
    let name = |id: i64| {
        members
            .iter()
            .find(|(m, _, _)| *m == id)
            .map_or_else(|| format!("ID {id}"), |(_, email, _)| email.clone())
    };
    let heading = match whose {
        Whose::User(id) if id == user.user_id => "自分の担当".to_owned(),
        Whose::User(id) => format!("{} の担当", name(id)),
        Whose::Nobody => "担当者のいない案件".to_owned(),
    };
    let selected = query.assignee.clone().unwrap_or_default();
    let mut whose_choices = vec![
        Choice {
            value: "me".into(),
            label: "自分".into(),
            selected: selected.is_empty() || selected == "me",
        },
        Choice {
            value: "none".into(),
            label: "担当者なし（未割当て）".into(),
            selected: selected == "none",
        },
    ];
    whose_choices.extend(members.iter().map(|(id, email, _)| Choice {
        value: id.to_string(),
        label: email.clone(),
        selected: selected == id.to_string(),
    }));
    let mut kinds = vec![Choice {
        value: String::new(),
        label: "すべて".into(),
        selected: kind.is_none(),
    }];
    kinds.extend(RecordKind::ALL.iter().map(|k| Choice {
        value: k.as_str().into(),
        label: k.label_ja().into(),
        selected: kind == Some(*k),
    }));
    let assignable = kind.is_some();
    let table = work_table(&list, assignable);
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if !selected.is_empty() {
        pairs.push(("assignee", selected.clone()));
    }
    if let Some(kind) = kind {
        pairs.push(("kind", kind.as_str().into()));
    }
    if overdue_only {
        pairs.push(("overdue", "true".into()));
    }
    let filters = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    let pager = Pager::new(
        "/work",
        &filters,
        page_number,
        request.per_page,
        Total::exact(list.total),
    );
    let notice = query
        .assigned
        .as_deref()
        .and_then(|n| n.parse::<usize>().ok())
        .map(|n| format!("{n}件の担当者を設定しました。"));
    page(
        StatusCode::OK,
        &WorkPage {
            chrome: user.chrome(heading.clone()).with_notice(notice),
            heading,
            whose: whose_choices,
            kinds,
            overdue_only,
            table,
            pager,
            assignable,
            after_days: after,
            list,
        },
    )
}

/// A work list: mine (default), a colleague's, or the unassigned queue; overdue first, then by
/// due day. Choosing a kind lets rows be picked and assigned together.
#[utoipa::path(get, path = "/work", tag = "pages", params(WorkQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page's refusals")))]
#[get("/work")]
pub async fn work_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    query: web::Query<WorkQuery>,
) -> Result<HttpResponse, WebError> {
    work_page_for(&user, &db, &config, &query).await
}

/// A local page to go back to after a form: one of the record pages or lists, else `/work`.
fn back_to(form: &FormData) -> String {
    let back = form.get("back").unwrap_or("/work");
    let allowed = [
        "/work",
        "/reports",
        "/cases",
        "/actions",
        "/consultations",
        "/mediations",
    ];
    let safe = back.starts_with('/')
        && !back.starts_with("//")
        && back.len() <= 500
        && back
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/?=&_-.%#".contains(c))
        && allowed.iter().any(|p| {
            back == *p || back.starts_with(&format!("{p}/")) || back.starts_with(&format!("{p}?"))
        });
    if safe {
        back.to_owned()
    } else {
        "/work".into()
    }
}

/// A form's number in `field` (a record's id), or its refusal naming the field.
fn number_in(field: &str, text: &str, expected: &str) -> Result<i64, AppError> {
    text.trim().parse::<i64>().map_err(|_| {
        FieldErrors::single(
            field,
            Refusal::WrongValue {
                unexpected: text.to_owned(),
                expected: expected.to_owned(),
            },
        )
    })
}

/// The kind of record a form names.
fn kind_in(form: &FormData) -> Result<RecordKind, AppError> {
    form.get("kind")
        .and_then(RecordKind::parse)
        .ok_or_else(|| FieldErrors::single("kind", Refusal::Required))
}

/// Whom a form assigns to: `me`, or a staff member's e-mail (empty: nobody).
fn assignee_of(
    conn: &mut DbConnection,
    viewer: &Principal,
    form: &FormData,
) -> Result<Option<i64>, AppError> {
    if form.get("to_me").is_some() {
        return Ok(Some(viewer.user_id));
    }
    if form.get("unassign").is_some() {
        return Ok(None);
    }
    // An empty address is a mistake, not a wish to unassign (which has its own button).
    let email = form.get("assignee").unwrap_or("").trim().to_lowercase();
    if email.is_empty() {
        return Err(FieldErrors::single("assignee", Refusal::Required));
    }
    super::store::staff_by_email(conn, std::slice::from_ref(&email))?
        .get(&email)
        .copied()
        .map(Some)
        .ok_or_else(|| FieldErrors::single("assignee", Refusal::NotStaffEmail { email }))
}

/// Assigns the picked records (or the one record of a record's page) to a staff member, all or
/// none; then to the assignee's list, or back to the record.
#[utoipa::path(post, path = "/work/assign", tag = "pages", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "csrf_token, kind, ids (one to 500), assignee (a staff member's e-mail), to_me or unassign, back"), responses((status = 303, description = "to the assignee's list, or back to the record"), (status = 403, description = "another role's page, or the form's CSRF token is wrong"), (status = 404, description = "no such record"), (status = 422, description = "the refusals, in Japanese")))]
#[post("/work/assign")]
pub async fn assign_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let kind = kind_in(&form)?;
    let mut ids = Vec::new();
    for text in form.all("ids") {
        ids.push(number_in("ids", text, "a record's id")?);
    }
    if ids.is_empty() {
        return Err(FieldErrors::single("ids", Refusal::Required).into());
    }
    if ids.len() > 500 {
        return Err(FieldErrors::single(
            "ids",
            Refusal::Length {
                min: Some(1),
                max: Some(500),
            },
        )
        .into());
    }
    let viewer = user.principal.clone();
    let form_for_user = FormData::from_pairs(
        ["to_me", "unassign", "assignee"]
            .iter()
            .filter_map(|k| form.get(k).map(|v| ((*k).to_owned(), v.to_owned())))
            .collect(),
    );
    let assignee = db
        .read(move |conn| assignee_of(conn, &viewer, &form_for_user))
        .await?;
    let single = ids.len() == 1 && form.get("back").is_some_and(|b| !b.starts_with("/work"));
    let assigned = commands::assign(
        &db,
        &user,
        &MailSettings::from(&config.mail),
        kind,
        ids,
        assignee,
        if single { Named::ByPath } else { Named::ByBody },
    )
    .await?;
    if single {
        return Ok(see_other(&format!("{}#work", back_to(&form))));
    }
    let whose = assignee.map_or_else(|| "none".to_owned(), |id| id.to_string());
    Ok(see_other(&format!(
        "/work?assignee={whose}&kind={}&assigned={}",
        kind.as_str(),
        assigned.ids.len()
    )))
}

/// Writes a note on a record, then back to the record's page.
#[utoipa::path(post, path = "/work/notes", tag = "pages", request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "csrf_token, kind, id, body, corrects (optional), back"), responses((status = 303, description = "back to the record's page"), (status = 403, description = "another role's page, or the form's CSRF token is wrong"), (status = 404, description = "no such record"), (status = 422, description = "the refusals, in Japanese")))]
#[post("/work/notes")]
pub async fn note_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let kind = kind_in(&form)?;
    let id = form
        .get("id")
        .and_then(|id| id.trim().parse::<i64>().ok())
        .ok_or(AppError::NotFound(commands::missing(kind)))?;
    let corrects = form
        .get("corrects")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|text| number_in("corrects", text, "a note's number"))
        .transpose()?;
    let body = form.get("body").unwrap_or("").to_owned();
    let new: NewNote = crate::http::parse_json(
        serde_json::to_vec(&serde_json::json!({"body": body, "corrects": corrects}))
            .map_err(|e| AppError::internal(format!("a note as JSON: {e}")))?
            .as_slice(),
    )?;
    commands::add_note(&db, &user, &MailSettings::from(&config.mail), kind, id, new).await?;
    Ok(see_other(&format!("{}#notes", back_to(&form))))
}

/// The period of the workload's median: from 1 April of this fiscal year to today, unless given.
pub fn team_period(filter: &TeamFilter) -> Result<(NaiveDate, NaiveDate), AppError> {
    let today = today();
    let year = if today.month() >= 4 {
        today.year()
    } else {
        today.year() - 1
    };
    let from = filter
        .from
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or(today));
    let to = filter.to.unwrap_or(today);
    if to < from {
        return Err(FieldErrors::single(
            "to",
            Refusal::BeforeField {
                other: "from".into(),
            },
        ));
    }
    Ok((from, to))
}

const TEAM_COLUMNS: [&str; 8] = [
    "担当者",
    "担当中",
    "うち期限超過",
    "うち要対応",
    "最も古い案件の経過日数",
    "期間内に完了",
    "完了までの日数（中央値）",
    "利用者ID",
];

fn team_cells(row: &Workload) -> Vec<String> {
    vec![
        row.email.clone(),
        row.open.to_string(),
        row.overdue.to_string(),
        row.escalated.to_string(),
        row.oldest_days.map_or_else(String::new, |d| d.to_string()),
        row.closed.to_string(),
        row.median_days_to_close
            .map_or_else(String::new, |d| d.to_string()),
        row.user_id.to_string(),
    ]
}

/// The workload as CSV for people or an Excel workbook.
pub fn team_download(rows: &[Workload], format: Download) -> Result<HttpResponse, AppError> {
    match format {
        Download::Csv => {
            let bytes =
                crate::http::download::people_csv(&TEAM_COLUMNS, rows.iter().map(team_cells))?;
            Ok(crate::http::download::csv_download("workload").body(bytes))
        }
        Download::Xlsx => {
            let failed = |e: rust_xlsxwriter::XlsxError| AppError::internal(format!("xlsx: {e}"));
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("担当状況").map_err(failed)?;
            write_headings(sheet, &TEAM_COLUMNS)?;
            for (at, row) in rows.iter().enumerate() {
                let cells: Vec<FileCell> = team_cells(row)
                    .into_iter()
                    .map(|text| FileCell { text, day: None })
                    .collect();
                let at = u32::try_from(at + 1).map_err(|_| AppError::internal("xlsx: rows"))?;
                write_cells(sheet, at, &cells)?;
            }
            let bytes = book.save_to_buffer().map_err(failed)?;
            Ok(crate::http::download::xlsx_download("workload").body(bytes))
        }
    }
}

#[derive(Template)]
#[template(path = "work/team.html")]
struct TeamPage {
    chrome: Chrome,
    from: NaiveDate,
    to: NaiveDate,
    rows: Vec<Vec<String>>,
    links: Vec<String>,
    query: String,
}

/// The team's workload: per staff member, open, overdue and escalated items, the oldest one's
/// age and the median days to close in a period; as CSV or XLSX with `format`.
#[utoipa::path(get, path = "/work/team", tag = "pages", params(TeamFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page's refusals")))]
#[get("/work/team")]
pub async fn team_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let filter: TeamFilter = crate::http::parse_query(request.query_string())?;
    let (from, to) = team_period(&filter)?;
    let after = config.work.escalate_after_days;
    let rows = db
        .read(move |conn| super::store::workload(conn, today(), from, to, after))
        .await?;
    if let Some(format) = filter.format {
        return Ok(team_download(&rows, format)?);
    }
    let links = rows
        .iter()
        .map(|row| format!("/work?assignee={}", row.user_id))
        .collect();
    page(
        StatusCode::OK,
        &TeamPage {
            chrome: user.chrome("担当状況"),
            from,
            to,
            rows: rows
                .iter()
                .map(|row| {
                    team_cells(row)
                        .into_iter()
                        .map(|cell| if cell.is_empty() { "—".into() } else { cell })
                        .collect()
                })
                .collect(),
            links,
            query: format!("from={from}&to={to}"),
        },
    )
}

#[derive(Template)]
#[template(path = "work/_record.html")]
struct RecordPanel<'a> {
    csrf: &'a str,
    kind: &'a str,
    id: i64,
    back: &'a str,
    assignee: Option<String>,
    notes: Vec<Note>,
    events: Vec<TimelineEvent>,
    total_events: usize,
}

/// What the staff's work adds to other rooms' pages: each record's assignee, notes and timeline;
/// and the header's counts of the viewer's own work (`web::layout::WorkCounts`).
pub struct WorkParts;

/// Events of a timeline shown on a record's page (the API pages through all of them).
const PANEL_EVENTS: usize = 50;

impl Parts for WorkParts {
    fn record_panel(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        kind: RecordKind,
        id: i64,
        csrf: &str,
        back: &str,
    ) -> Result<Option<String>, AppError> {
        if !viewer.role.is_staff() {
            return Ok(None);
        }
        let assignee = super::store::assignee(conn, kind, id)?.map(|(_, email, _, disabled)| {
            if disabled {
                format!("{email}（利用停止中のため、担当者のいない案件として扱われます）")
            } else {
                email
            }
        });
        let notes = super::store::notes_of(conn, kind, id)?;
        let mut events = super::timeline::timeline(conn, viewer, kind, id)?;
        let total_events = events.len();
        events.truncate(PANEL_EVENTS);
        let panel = RecordPanel {
            csrf,
            kind: kind.as_str(),
            id,
            back,
            assignee,
            notes,
            events,
            total_events,
        };
        Ok(Some(panel.render().map_err(|e| {
            AppError::internal(format!("template: {e}"))
        })?))
    }
}

impl crate::web::layout::WorkCounts for WorkParts {
    fn counts(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        today: NaiveDate,
    ) -> Result<(usize, usize), AppError> {
        super::store::counts_of(conn, viewer.user_id, today)
    }
}
