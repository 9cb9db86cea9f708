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
use crate::domain::prefecture::{PREFECTURES, REGIONS};
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

/// A region's row of the coverage table, laid out like a map.
struct Region {
    name: &'static str,
    prefectures: Vec<Reached>,
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
    regions: Vec<Region>,
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
    // A field left blank takes its default, as the labels say.
    let typed: Vec<(String, String)> =
        serde_urlencoded::from_str(request.query_string()).unwrap_or_default();
    let given: Vec<&(String, String)> =
        typed.iter().filter(|(_, v)| !v.trim().is_empty()).collect();
    let asked: Result<OverviewQuery, AppError> = serde_urlencoded::to_string(&given)
        .map_err(|e| AppError::internal(format!("query: {e}")))
        .and_then(|query| crate::http::parse_query(&query));
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
        Err(AppError::Validation(errors)) => {
            // The form again as it was typed, with the refusal.
            let typed = |name: &str| {
                typed
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value.clone())
                    .unwrap_or_default()
            };
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                typed("period"),
                typed("since"),
                typed("as_of"),
                None,
                None,
                Some(refusals_ja(&errors)),
            )
        }
        Err(other) => return Err(other.into()),
    };
    let regions = REGIONS
        .iter()
        .map(|(region, range)| Region {
            name: region,
            prefectures: PREFECTURES[range.clone()]
                .iter()
                .map(|name| Reached {
                    name,
                    covered: coverage
                        .as_ref()
                        .is_some_and(|c| c.covered.iter().any(|p| p == name)),
                })
                .collect(),
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
            regions,
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

fn plan_sections() -> Vec<Section> {
    vec![Section {
        legend: "検査計画",
        fields: vec![
            Field::new("fiscal_year", "年度（西暦。平成31年度は2019）", Input::Integer).required(),
            Field::new("title", "名称", Input::Text).required(),
            Field::new("adopted_on", "決定日", Input::Date).required(),
            Field::new("meeting_number", "決定した委員会の回", Input::Integer)
                .hint("委員会で決定したとき（第244回 → 244）。"),
            Field::new("coverage_since", "都道府県の一巡の始まりの日", Input::Date)
                .hint("この計画が続ける一巡の始まり。空欄なら計画の年度の4月1日。"),
            Field::new("items", "検査の予定", Input::TextArea)
                .required()
                .hint("1行に1件、「種類, 四半期, 対象」。種類は定期的な立入検査・総合的な立入検査・レビュー検査、四半期は1～4、対象は組織の番号、種類（国の行政機関、独立行政法人等、地方公共団体、事業者）又は「すべて」。例：レビュー検査, 2, 地方公共団体"),
        ],
    }]
}

/// A plan's items as the form writes them, one a line (「レビュー検査, 2, 地方公共団体」), as the
/// API's JSON; a line that cannot be read is refused naming its number.
fn plan_items(text: &str, errors: &mut FieldErrors) -> serde_json::Value {
    use crate::domain::organization::OrganizationKind;
    use crate::domain::oversight::InspectionType;
    use serde_json::json;
    let mut items = Vec::new();
    // Numbered as the textarea shows them, blank lines counted.
    let lines = text.lines().map(str::trim).enumerate();
    for (n, line) in lines.filter(|(_, line)| !line.is_empty()) {
        let parts: Vec<&str> = line.split([',', '、', '，']).map(str::trim).collect();
        let refuse = |errors: &mut FieldErrors, part: &str| {
            errors.add(
                format!("items[{n}]"),
                crate::error::Refusal::PlanLine {
                    line: n as u64 + 1,
                    written: line.to_owned(),
                    part: part.to_owned(),
                },
            );
        };
        let [kind, quarter, target] = parts.as_slice() else {
            refuse(errors, "parts");
            continue;
        };
        let Some(inspection_type) = InspectionType::ALL
            .iter()
            .find(|t| t.as_str() == *kind || t.label_ja() == *kind)
        else {
            refuse(errors, "type");
            continue;
        };
        let quarter: String = quarter
            .trim_start_matches('第')
            .trim_start_matches(['Q', 'q'])
            .trim_end_matches("四半期")
            .to_owned();
        let Ok(quarter) = quarter.parse::<i64>() else {
            refuse(errors, "quarter");
            continue;
        };
        let mut item = json!({"inspection_type": inspection_type.as_str(), "quarter": quarter});
        if let Ok(id) = target.parse::<i64>() {
            item["organization_id"] = json!(id);
        } else if let Some(kind) = OrganizationKind::ALL
            .iter()
            .find(|k| k.as_str() == *target || k.label_ja() == *target)
        {
            item["organization_kind"] = json!(kind.as_str());
        } else if *target == "すべて" || target.is_empty() {
            // Any body.
        } else {
            refuse(errors, "target");
            continue;
        }
        items.push(item);
    }
    serde_json::Value::Array(items)
}

const NEW_PLAN: (&str, &str, &str) = (
    "検査計画の記録",
    "年度の検査計画と、予定する立入検査（対象、種類、四半期）を記録します。立入検査を記録するときに計画の番号を指定すると、計画のページで予定と実施を比べられます。",
    "記録する",
);

#[utoipa::path(get, path = "/oversight/plans/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/oversight/plans/new")]
pub async fn new_plan(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_PLAN.0),
            NEW_PLAN,
            "/oversight/plans/new".into(),
            &plan_sections(),
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/oversight/plans/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, the plan's fields named as the API's JSON, and `items`: one planned inspection a line, 「種類, 四半期, 対象」"), responses((status = 303, description = "done: to the plan's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/oversight/plans/new")]
pub async fn create_plan(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = plan_sections();
    let values = Values::from_form(&form, &sections);
    let (mut json, mut errors) = forms::to_json(&sections, &values);
    json["items"] = plan_items(values.get("items").unwrap_or_default(), &mut errors);
    let outcome = match forms::parse_value::<super::plans::NewPlan>(&json, errors) {
        Ok(new) => commands::adopt_plan(&db, &user, new, today())
            .await
            .map(|plan| format!("/oversight/plans/{}", plan.plan.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_PLAN.0), "/oversight/plans/new".into());
    forms::answered(outcome, values, chrome, NEW_PLAN, action, &sections)
}

/// A plan as its page shows it.
#[derive(Template)]
#[template(path = "oversight/plan.html")]
struct PlanPage {
    chrome: Chrome,
    plan: super::plans::PlanView,
    rows: Vec<PlanRow>,
}

struct PlanRow {
    position: i32,
    target: String,
    target_link: Option<String>,
    inspection_type: &'static str,
    quarter: i32,
    done: Vec<(i64, String)>,
}

/// A plan: each inspection planned, and the inspection that carried it out.
#[utoipa::path(get, path = "/oversight/plans/{id}", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such plan")))]
#[get("/oversight/plans/{id}")]
pub async fn plan_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = crate::web::record_id(&id, crate::error::Missing::InspectionPlan)?;
    let (plan, names) = db
        .read(move |conn| {
            let Some(plan) = super::plans::find(conn, id)? else {
                return Ok(None);
            };
            let ids: Vec<i64> = plan
                .items
                .iter()
                .filter_map(|i| i.organization_id)
                .collect();
            let names = organizations::names(conn, &ids)?;
            Ok(Some((plan, names)))
        })
        .await?
        .ok_or(AppError::NotFound(crate::error::Missing::InspectionPlan))?;
    let rows = plan
        .items
        .iter()
        .map(|item| PlanRow {
            position: item.position,
            target: match (item.organization_id, item.organization_kind) {
                (Some(id), _) => names.get(&id).cloned().unwrap_or_else(|| id.to_string()),
                (None, Some(kind)) => format!("{}（いずれか）", kind.label_ja()),
                (None, None) => "すべての機関（いずれか）".to_owned(),
            },
            target_link: item
                .organization_id
                .map(|id| format!("/organizations/{id}")),
            inspection_type: item.inspection_type.label_ja(),
            quarter: item.quarter,
            done: item
                .inspections
                .iter()
                .map(|d| (d.action_id, d.started_on.to_string()))
                .collect(),
        })
        .collect();
    let title = plan.plan.title.clone();
    page(
        StatusCode::OK,
        &PlanPage {
            chrome: user.chrome(title),
            plan,
            rows,
        },
    )
}

/// The plans, newest year first.
#[derive(Template)]
#[template(path = "oversight/plans.html")]
struct PlansPage {
    chrome: Chrome,
    plans: Vec<super::plans::Plan>,
}

#[utoipa::path(get, path = "/oversight/plans", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/oversight/plans")]
pub async fn plans_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    let filter = super::plans::PlanFilter {
        per_page: Some(500),
        ..Default::default()
    };
    let plans = db
        .read(move |conn| super::plans::list(conn, &filter))
        .await?
        .items;
    page(
        StatusCode::OK,
        &PlansPage {
            chrome: user.chrome("検査計画"),
            plans,
        },
    )
}
