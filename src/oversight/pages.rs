//! Staff's pages of My Number oversight: the inspections by type in a period and the prefectures
//! a round has reached (`/oversight`), and the outreach events (`/oversight/events`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::events::{self, EventFilter, NewEvent};
use super::labels::EVENT;
use super::{CoverageQuery, InspectionsQuery, commands};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::oversight::{Coverage, EventKind, InspectionCounts};
use crate::domain::periods::fiscal_year_of;
use crate::domain::prefecture::PREFECTURES;
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Lang};
use crate::records::organizations;
use crate::web::forms::{self, Field, FormPage, FormState, Input, Section, Values, options};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page};

/// `GET /oversight`: a period for the inspections, and a round's days for the coverage.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OverviewQuery {
    /// The inspections' period (`FY2019-H2`); the current half-year when absent.
    #[param(format = "period")]
    pub period: Option<String>,
    /// The day the round began; 1 April of `as_of`'s fiscal year when absent.
    pub since: Option<NaiveDate>,
    /// The day the coverage is judged on; today when absent.
    pub as_of: Option<NaiveDate>,
}

/// The half-year `day` falls in, by its name (`FY2026-H2`).
fn half_of(day: NaiveDate) -> String {
    let half = if (4..=9).contains(&day.month()) { 1 } else { 2 };
    format!("FY{}-H{half}", fiscal_year_of(day))
}

/// A prefecture as the coverage table shows it: covered or not, in words as well as marks.
struct Reached {
    name: &'static str,
    covered: bool,
}

#[derive(Template)]
#[template(path = "oversight/index.html")]
struct OverviewPage {
    chrome: Chrome,
    period: String,
    since: String,
    as_of: String,
    inspections: Option<InspectionCounts>,
    coverage: Option<Coverage>,
    prefectures: Vec<Reached>,
    problem: Option<String>,
}

/// Every refusal of the query, in Japanese, named by its field's label.
fn refusals_ja(errors: &FieldErrors) -> String {
    errors
        .texts(Lang::Ja)
        .into_iter()
        .map(|(field, texts)| {
            let label = match field.as_str() {
                "period" => "期間",
                "since" => "一巡の始まりの日",
                "as_of" => "基準日",
                other => other,
            };
            format!("{label}：{}", texts.join("、"))
        })
        .collect::<Vec<_>>()
        .join("／")
}

/// The inspections by type in a period, and the prefectures reached by review inspections and
/// safety-measures seminars in a round.
#[utoipa::path(get, path = "/oversight", tag = "pages", params(OverviewQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the refusal")))]
#[get("/oversight")]
pub async fn overview(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let today = today();
    let asked: Result<OverviewQuery, AppError> = crate::http::parse_query(request.query_string());
    let asked = asked.and_then(|query| {
        let as_of = query.as_of.unwrap_or(today);
        let since = query.since.unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(fiscal_year_of(as_of), 4, 1).unwrap_or(as_of)
        });
        let period = query.period.unwrap_or_else(|| half_of(today));
        let (from, to) = InspectionsQuery {
            period: period.clone(),
        }
        .period()?
        .bounds();
        let (since, as_of) = CoverageQuery { since, as_of }.days()?;
        Ok((period, from, to, since, as_of))
    });
    let (status, period, since, as_of, inspections, coverage, problem) = match asked {
        Ok((period, from, to, since, as_of)) => {
            let (inspections, coverage) = db
                .read(move |conn| {
                    Ok((
                        super::inspections(conn, from, to)?,
                        super::reached(conn, since, as_of)?,
                    ))
                })
                .await?;
            (
                StatusCode::OK,
                period,
                since.to_string(),
                as_of.to_string(),
                Some(inspections),
                Some(coverage),
                None,
            )
        }
        Err(AppError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            String::new(),
            String::new(),
            String::new(),
            None,
            None,
            Some(refusals_ja(&errors)),
        ),
        Err(other) => return Err(other.into()),
    };
    let prefectures = PREFECTURES
        .iter()
        .map(|name| Reached {
            name,
            covered: coverage
                .as_ref()
                .is_some_and(|c| c.covered.iter().any(|p| p == name)),
        })
        .collect();
    page(
        status,
        &OverviewPage {
            chrome: user.chrome("番号利用法の監視・監督"),
            period,
            since,
            as_of,
            inspections,
            coverage,
            prefectures,
            problem,
        },
    )
}

fn event_sections() -> Vec<Section> {
    vec![Section {
        legend: "講演・説明会・セミナー",
        fields: vec![
            Field::of(
                &EVENT,
                "kind",
                Input::Select(options(
                    EventKind::ALL,
                    EventKind::as_str,
                    EventKind::label_ja,
                )),
            )
            .required(),
            Field::of(
                &EVENT,
                "regime",
                Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
            )
            .required()
            .hint("特定個人情報安全管理措置セミナーは番号利用法。"),
            Field::of(&EVENT, "held_on", Input::Date).required(),
            Field::of(&EVENT, "title", Input::Text).required(),
            Field::of(
                &EVENT,
                "prefecture",
                Input::Select(
                    PREFECTURES
                        .iter()
                        .map(|p| ((*p).to_owned(), (*p).to_owned()))
                        .collect(),
                ),
            )
            .hint("オンラインのときは選ばずに。"),
            Field::of(&EVENT, "audience", Input::Text),
            Field::of(&EVENT, "bodies", Input::Integer),
            Field::of(&EVENT, "participants", Input::Integer).required(),
        ],
    }]
}

/// The outreach events, newest first.
#[utoipa::path(get, path = "/oversight/events", tag = "pages", params(EventFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/oversight/events")]
pub async fn events_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "講演・説明会・セミナー",
        lead: "講師派遣、委員会の説明会・セミナー、特定個人情報安全管理措置セミナーの記録です。半期の活動実績で回数と参加者数を数え、安全管理措置セミナーは都道府県の一巡にも数えます。",
        path: "/oversight/events",
        file: "events",
        links: vec![Link {
            href: "/oversight/events/new".into(),
            label: "記録する",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new(
                    "kind",
                    "種類",
                    Input::Select(options(
                        EventKind::ALL,
                        EventKind::as_str,
                        EventKind::label_ja,
                    )),
                ),
                Field::new("from", "開催日（から）", Input::Date),
                Field::new("to", "開催日（まで）", Input::Date),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<EventFilter>(&request, &list.sections);
    let full = lists::Full::of(&EVENT, organizations::names_in, events::list);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &EventFilter| {
        let found = events::list(conn, filter)?;
        Ok(Table {
            caption: "講演・説明会・セミナー",
            columns: vec![
                "開催日",
                "種類",
                "名称",
                "都道府県",
                "対象",
                "参加機関数",
                "参加者数",
            ],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|e| {
                    vec![
                        Cell::date(Some(e.held_on)),
                        Cell::text(e.kind.label_ja()),
                        Cell::text(&e.title),
                        Cell::text(e.prefecture.as_deref().unwrap_or("－")),
                        Cell::text(e.audience.as_deref().unwrap_or("－")),
                        Cell::text(e.bodies.map_or_else(|| "－".to_owned(), |n| n.to_string())),
                        Cell::text(e.participants.to_string()),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("講演・説明会・セミナー"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

const NEW_EVENT: (&str, &str, &str) = (
    "講演・説明会・セミナーの記録",
    "講師派遣、委員会の説明会・セミナー、特定個人情報安全管理措置セミナーを記録します。",
    "記録する",
);

#[utoipa::path(get, path = "/oversight/events/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/oversight/events/new")]
pub async fn new_event(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_EVENT.0),
            NEW_EVENT,
            "/oversight/events/new".into(),
            &event_sections(),
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/oversight/events/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the list"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/oversight/events/new")]
pub async fn create_event(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = event_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewEvent>(&sections, &values) {
        Ok(new) => commands::record_event(&db, &user, new, today())
            .await
            .map(|event| format!("/oversight/events?kind={}", event.kind.as_str())),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_EVENT.0), "/oversight/events/new".into());
    forms::answered(outcome, values, chrome, NEW_EVENT, action, &sections)
}
