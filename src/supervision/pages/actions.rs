//! Supervisory actions and Commission meetings on the pages: the list of actions with its
//! filters, and the meetings with the recommendations and orders each decided — on the commands
//! the API uses. (An action's own page, with its completion form, is `collections.rs`.)

use crate::supervision::labels::ACTION;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use serde::Deserialize;

use validator::Validate;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::powers::{ActionKind, power_named};
use crate::domain::reportability::Regime;
use crate::error::AppError;
use crate::http::PageRequest;
use crate::records::organizations;
use crate::supervision::{
    ActionFilter, ActionOrder, ActionView, NewMeeting, actions, cases, commands,
};
use crate::web::forms::{
    self, Field, FormPage, FormState, Input, Section, Values, options, organization_options,
};
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page};

fn filter_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![Section {
        legend: "絞り込み",
        fields: vec![
            Field::new(
                "kind",
                "措置の種類",
                Input::Select(options(
                    ActionKind::ALL,
                    ActionKind::as_str,
                    ActionKind::label_ja,
                )),
            ),
            Field::new(
                "regime",
                "法令",
                Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
            ),
            Field::new(
                "organization_id",
                "相手方",
                Input::Select(organization_options(organizations)),
            ),
            Field::new("case_id", "事案番号", Input::Integer),
            Field::new("meeting_number", "決定した委員会の回", Input::Integer),
            Field::new(
                "overdue",
                "報告期限",
                Input::Select(vec![("true".into(), "期限超過（未回答）のもの".into())]),
            ),
            Field::new("started_from", "開始日（から）", Input::Date),
            Field::new("started_to", "開始日（まで）", Input::Date),
            lists::page_size_field(),
        ],
    }]
}

fn state_ja(view: &ActionView) -> (String, bool) {
    let action = &view.action;
    if view.overdue {
        return ("期限超過（未回答）".into(), true);
    }
    let compliance = match action.complied {
        Some(true) => "（従った）",
        Some(false) => "（従わなかった）",
        None => "",
    };
    match action.ended_on {
        Some(ended) => (format!("{ended} 完了{compliance}"), false),
        None => (format!("実施中{compliance}"), false),
    }
}

/// The supervisory actions, the latest first, with their filters.
#[utoipa::path(get, path = "/actions", tag = "pages", params(ActionFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/actions")]
pub async fn actions_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let choices = db.read(|conn| organizations::choices(conn, 2000)).await?;
    let list = List {
        heading: "監督措置の一覧",
        lead: "開始日の新しい順です。",
        path: "/actions",
        file: "actions",
        links: vec![Link {
            href: "/actions/new".into(),
            label: "監督措置を記録する",
        }],
        sections: filter_sections(choices),
    };
    let (asked, filter) = lists::Request::read::<ActionFilter>(&request, &list.sections);
    let filter = filter.map(|mut filter| {
        filter.sort = Some(ActionOrder::Newest);
        filter
    });
    let today = today();
    let fetch = move |conn: &mut crate::db::DbConnection, filter: &ActionFilter| {
        let found = actions::list(conn, filter, today)?;
        let ids: Vec<i64> = found
            .items
            .iter()
            .map(|a| a.action.organization_id)
            .collect();
        let names = organizations::names(conn, &ids)?;
        let picked: Vec<i64> = found.items.iter().map(|a| a.action.id).collect();
        let table = Table {
            caption: "監督措置",
            columns: vec![
                "番号",
                "措置",
                "法令",
                "相手方",
                "事案",
                "委員会",
                "開始日",
                "状況",
            ],
            total: found.count(),
            rows: found
                .items
                .iter()
                .map(|view| {
                    let action = &view.action;
                    let href = format!("/actions/{}", action.id);
                    let (state, late) = state_ja(view);
                    vec![
                        Cell::link(action.id, &href),
                        Cell::link(power_named(action.kind, action.regime).0, &href),
                        Cell::text(action.regime.label_ja()),
                        Cell::link(
                            names
                                .get(&action.organization_id)
                                .cloned()
                                .unwrap_or_default(),
                            format!("/organizations/{}", action.organization_id),
                        ),
                        action.case_id.map_or_else(
                            || Cell::text("—"),
                            |c| Cell::link(format!("事案 {c}"), format!("/cases/{c}")),
                        ),
                        Cell::text(
                            view.meeting_number
                                .map_or_else(|| "—".to_owned(), |n| format!("第{n}回")),
                        ),
                        Cell::day(action.started_on),
                        Cell::text(state).strong(late),
                    ]
                })
                .collect(),
        };
        Ok(table.pickable(crate::domain::work::RecordKind::Action.as_str(), &picked))
    };
    let full = lists::Full::of(
        &ACTION,
        organizations::names_in,
        move |conn, filter: &ActionFilter| actions::list(conn, filter, today),
    );
    lists::serve_with(
        list,
        user.chrome("監督措置の一覧"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

fn meeting_sections() -> Vec<Section> {
    vec![Section {
        legend: "委員会",
        fields: vec![
            Field::new("number", "回", Input::Integer)
                .required()
                .hint("第244回 → 244"),
            Field::new("held_on", "開催日", Input::Date).required(),
        ],
    }]
}

/// The meetings list's filters (the page's own: the API lists every meeting).
#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct MeetingFilter {
    #[validate(range(min = 1, max = 2_147_483_647))]
    page: Option<u32>,
    #[validate(range(min = 1, max = 500))]
    per_page: Option<u32>,
    #[validate(range(min = 1, max = 100000))]
    number: Option<i32>,
}

/// The meetings, the latest first, each with the recommendations and orders it decided, and
/// the form that records one.
#[utoipa::path(get, path = "/meetings", tag = "pages", params(("number" = Option<i32>, Query, description = "a meeting's number"), ("page" = Option<u32>, Query), ("per_page" = Option<u32>, Query), ("format" = Option<String>, Query, description = "`csv` or `xlsx`: the whole filtered list (every page), as CSV for people or as an Excel workbook, streamed")), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/meetings")]
pub async fn meetings(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = meetings_list();
    let (asked, filter) = lists::Request::read::<MeetingFilter>(&request, &list.sections);
    let today = today();
    lists::serve(
        list,
        user.chrome("委員会"),
        &db,
        &asked,
        filter,
        move |conn, filter: &MeetingFilter| meetings_table(conn, filter, today),
    )
    .await
}

crate::http::download::paged!(MeetingFilter);

fn meetings_list() -> List {
    List {
        heading: "委員会",
        lead: "勧告・命令は委員会の決定によります。各回が決定した勧告・命令を示します。",
        path: "/meetings",
        file: "meetings",
        links: vec![Link {
            href: "/meetings/new".into(),
            label: "委員会を記録する",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new("number", "回", Input::Integer),
                lists::page_size_field(),
            ],
        }],
    }
}

fn meetings_table(
    conn: &mut crate::db::DbConnection,
    filter: &MeetingFilter,
    today: chrono::NaiveDate,
) -> Result<Table, AppError> {
    let found = cases::meetings_page(
        conn,
        PageRequest::new(filter.page, filter.per_page),
        filter.number,
    )?;
    let ids: Vec<i64> = found.items.iter().map(|m| m.id).collect();
    let decided = actions::decided_at(conn, &ids, today)?;
    let orgs: Vec<i64> = decided.iter().map(|a| a.action.organization_id).collect();
    let names = organizations::names(conn, &orgs)?;
    Ok(Table {
        caption: "委員会と決定した勧告・命令",
        columns: vec!["回", "開催日", "決定した勧告・命令", "議事次第"],
        total: found.count(),
        rows: found
            .items
            .iter()
            .map(|meeting| {
                let decisions: Vec<String> = decided
                    .iter()
                    .filter(|a| a.action.meeting_id == Some(meeting.id))
                    .map(|a| {
                        format!(
                            "{}（{}、番号 {}）",
                            power_named(a.action.kind, a.action.regime).0,
                            names
                                .get(&a.action.organization_id)
                                .cloned()
                                .unwrap_or_default(),
                            a.action.id
                        )
                    })
                    .collect();
                vec![
                    Cell::link(
                        format!("第{}回", meeting.number),
                        format!("/actions?meeting_number={}", meeting.number),
                    ),
                    Cell::day(meeting.held_on),
                    Cell::text(if decisions.is_empty() {
                        "—".to_owned()
                    } else {
                        decisions.join("、")
                    }),
                    Cell::link("議事次第", format!("/meetings/{}/agenda", meeting.number)),
                ]
            })
            .collect(),
    })
}

const NEW_MEETING: (&str, &str, &str) = (
    "委員会の記録",
    "開催された委員会の回と開催日を記録します。勧告・命令を記録するときに、決定した回として選べるようになります。",
    "記録する",
);

#[utoipa::path(get, path = "/meetings/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/meetings/new")]
pub async fn new_meeting(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    let mut values = Values::default();
    values.set("held_on", today().to_string());
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_MEETING.0),
            NEW_MEETING,
            "/meetings/new".into(),
            &meeting_sections(),
            &FormState::with(values),
        ),
    )
}

#[utoipa::path(post, path = "/meetings/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `number`, `held_on`"), responses((status = 303, description = "done: to the meetings"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "that meeting is already recorded: the form again"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/meetings/new")]
pub async fn create_meeting(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = meeting_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewMeeting>(&sections, &values) {
        Ok(new) => commands::record_meeting(&db, user.actor(), new, today())
            .await
            .map(|m| format!("/meetings?number={}", m.number)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_MEETING.0), "/meetings/new".into());
    forms::answered(outcome, values, chrome, NEW_MEETING, action, &sections)
}
