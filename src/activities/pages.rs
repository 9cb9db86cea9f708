//! Staff's pages of the activities: the list with its downloads (`/activities`) and the form that
//! records one (`/activities/new`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::labels::ACTIVITY;
use super::{ActivityFilter, NewActivity, commands};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::activity::ActivityKind;
use crate::error::AppError;
use crate::records::organizations;
use crate::web::forms::{self, Field, FormPage, FormState, Input, Section, Values, options};
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page};

fn activity_sections() -> Vec<Section> {
    vec![Section {
        legend: "活動",
        fields: vec![
            Field::of(
                &ACTIVITY,
                "kind",
                Input::Select(options(
                    ActivityKind::ALL,
                    ActivityKind::as_str,
                    ActivityKind::label_ja,
                )),
            )
            .required(),
            Field::of(&ACTIVITY, "on", Input::Date).required(),
            Field::of(&ACTIVITY, "counterpart", Input::Text).required(),
            Field::of(&ACTIVITY, "law", Input::Text),
            Field::of(&ACTIVITY, "subject", Input::TextArea).required(),
            Field::of(&ACTIVITY, "bodies", Input::Integer),
            Field::of(&ACTIVITY, "persons", Input::Integer)
                .hint("ヒアリングでは機関数・人数のどちらか又は両方を記録します。"),
            Field::of(&ACTIVITY, "outcome", Input::Text),
        ],
    }]
}

#[utoipa::path(get, path = "/activities", tag = "pages", params(ActivityFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/activities")]
pub async fn activities_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "協議・認定・ヒアリングなど",
        lead: "他法令に基づく協議、認定、意見、ヒアリング、意見募集の記録です。半期の活動実績では、年度の4月1日から期末までを数えます。",
        path: "/activities",
        file: "activities",
        links: vec![Link {
            href: "/activities/new".into(),
            label: "記録する",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new(
                    "kind",
                    "種類",
                    Input::Select(options(
                        ActivityKind::ALL,
                        ActivityKind::as_str,
                        ActivityKind::label_ja,
                    )),
                ),
                Field::new("from", "日付（から）", Input::Date),
                Field::new("to", "日付（まで）", Input::Date),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<ActivityFilter>(&request, &list.sections);
    let full = lists::Full::of(&ACTIVITY, organizations::names_in, super::list);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &ActivityFilter| {
        let found = super::list(conn, filter)?;
        let count = |n: Option<i32>| n.map_or_else(|| "－".to_owned(), |n| n.to_string());
        Ok(Table {
            caption: "協議・認定・ヒアリングなど",
            columns: vec![
                "日付",
                "種類",
                "相手方",
                "法令",
                "件名",
                "機関数",
                "人数",
                "結果",
            ],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|a| {
                    vec![
                        Cell::date(Some(a.on_date)),
                        Cell::text(a.kind.label_ja()),
                        Cell::text(&a.counterpart),
                        Cell::text(a.law.as_deref().unwrap_or("－")),
                        Cell::text(&a.subject),
                        Cell::text(count(a.bodies)),
                        Cell::text(count(a.persons)),
                        Cell::text(a.outcome.as_deref().unwrap_or("－")),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("協議・認定・ヒアリングなど"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

const NEW_ACTIVITY: (&str, &str, &str) = (
    "協議・認定・ヒアリングなどの記録",
    "他法令に基づく協議、認定、意見、ヒアリング、意見募集を記録します。",
    "記録する",
);

#[utoipa::path(get, path = "/activities/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/activities/new")]
pub async fn new_activity(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_ACTIVITY.0),
            NEW_ACTIVITY,
            "/activities/new".into(),
            &activity_sections(),
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/activities/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the list"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/activities/new")]
pub async fn create_activity(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = activity_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewActivity>(&sections, &values) {
        Ok(new) => commands::record(&db, &user, new, today())
            .await
            .map(|activity| format!("/activities?kind={}", activity.kind.as_str())),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_ACTIVITY.0), "/activities/new".into());
    forms::answered(outcome, values, chrome, NEW_ACTIVITY, action, &sections)
}
