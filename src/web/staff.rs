//! Supervision staff's pages: the dashboard (new reports, overdue incidents and report
//! collections, open cases, recent actions), a case with its entities, focus points and
//! timeline, and the forms that log an action or a consultation.

use std::collections::HashMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use super::forms::{
    self, Field, FormPage, FormState, Input, Section, Values, options, organization_options,
};
use super::layout::Chrome;
use super::session::{FormData, WebUser};
use super::{WebError, page, see_other};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::hotline::{ConsultationClass, Desk};
use crate::domain::powers::{ActionKind, PerformedBy};
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors};
use crate::hotline::{
    CategoryFilter, NewConsultation, commands as hotline_commands, store as hotline,
};
use crate::organizations::store as organizations;
use crate::reports::{IncidentFilter, IncidentView, ReportFilter, ReportView, store as reports};
use crate::supervision::commands as supervision_commands;
use crate::supervision::{ActionFilter, ActionView, Case, NewAction, actions, cases};

const DASHBOARD_ROWS: u32 = 10;

struct ReportRow {
    report: ReportView,
    incident: IncidentView,
    organization: String,
}

impl ReportRow {
    fn obligation_ja(&self) -> &'static str {
        self.incident.regime.obligation_ja(self.incident.mandatory)
    }
}

struct IncidentRow {
    incident: IncidentView,
    organization: String,
}

struct ActionRow {
    action: ActionView,
    organization: String,
}

impl ActionRow {
    fn power_ja(&self) -> &'static str {
        self.action
            .legal_basis
            .map_or(self.action.action.kind.label_ja(), |basis| basis.power_ja)
    }
}

#[derive(Template)]
#[template(path = "web/dashboard.html")]
struct Dashboard {
    chrome: Chrome,
    new_reports: Vec<ReportRow>,
    overdue_incidents: Vec<IncidentRow>,
    overdue_incident_total: crate::http::Total,
    overdue_collections: Vec<ActionRow>,
    overdue_collection_total: crate::http::Total,
    open_cases: Vec<Case>,
    recent_actions: Vec<ActionRow>,
}

fn name_of(names: &HashMap<i64, String>, id: i64) -> String {
    names
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("ID {id}"))
}

#[utoipa::path(get, path = "/staff", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/staff")]
pub async fn dashboard(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    let (viewer, today) = (user.principal.clone(), today());
    let chrome = user.chrome("ダッシュボード");
    let dashboard = db
        .read(move |conn| {
            let latest = ReportFilter {
                per_page: Some(DASHBOARD_ROWS),
                ..ReportFilter::default()
            };
            let (new_reports, _) =
                reports::list_reports_with_incidents(conn, &viewer, &latest, today)?;
            let overdue = IncidentFilter {
                overdue: Some(true),
                per_page: Some(20),
                ..IncidentFilter::default()
            };
            let overdue_incidents = reports::list_incidents(conn, &viewer, &overdue, today)?;
            let late_collections = ActionFilter {
                overdue: Some(true),
                per_page: Some(20),
                ..ActionFilter::default()
            };
            let overdue_collections = actions::list(conn, &late_collections, today)?;
            let open_cases = cases::open(conn, 20)?;
            let recent_actions = actions::recent(conn, i64::from(DASHBOARD_ROWS), today)?;
            let mut ids: Vec<i64> = new_reports
                .iter()
                .map(|(r, _)| r.report.organization_id)
                .collect();
            ids.extend(overdue_incidents.items.iter().map(|i| i.organization_id));
            ids.extend(
                overdue_collections
                    .items
                    .iter()
                    .map(|a| a.action.organization_id),
            );
            ids.extend(recent_actions.iter().map(|a| a.action.organization_id));
            let names = organizations::names(conn, &ids)?;
            let action_rows = |list: Vec<ActionView>| {
                list.into_iter()
                    .map(|action| ActionRow {
                        organization: name_of(&names, action.action.organization_id),
                        action,
                    })
                    .collect::<Vec<_>>()
            };
            Ok(Dashboard {
                chrome,
                new_reports: new_reports
                    .into_iter()
                    .map(|(report, incident)| ReportRow {
                        organization: name_of(&names, report.report.organization_id),
                        report,
                        incident,
                    })
                    .collect(),
                overdue_incident_total: overdue_incidents.count(),
                overdue_incidents: overdue_incidents
                    .items
                    .into_iter()
                    .map(|incident| IncidentRow {
                        organization: name_of(&names, incident.organization_id),
                        incident,
                    })
                    .collect(),
                overdue_collection_total: overdue_collections.count(),
                overdue_collections: action_rows(overdue_collections.items),
                open_cases,
                recent_actions: action_rows(recent_actions),
            })
        })
        .await?;
    page(StatusCode::OK, &dashboard)
}

fn action_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![
        Section {
            legend: "監督措置",
            fields: vec![
                Field::new(
                    "kind",
                    "措置の種類",
                    Input::Select(options(ActionKind::ALL, ActionKind::as_str, ActionKind::label_ja)),
                )
                .required()
                .hint("公的部門では、報告徴収は「資料の提出の要求」、立入検査は「実地調査」として記録されます。"),
                Field::new(
                    "regime",
                    "適用される法令",
                    Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
                )
                .required(),
                Field::new(
                    "organization_id",
                    "対象",
                    Input::Select(organization_options(organizations)),
                )
                .required(),
                Field::new("case_id", "事案（ケース）番号", Input::Integer),
                Field::new("incident_id", "漏えい等事案の番号", Input::Integer),
                Field::new(
                    "performed_by",
                    "実施者",
                    Input::Select(options(PerformedBy::ALL, PerformedBy::as_str, PerformedBy::label_ja)),
                )
                .hint("空欄なら個人情報保護委員会。事業所管大臣への委任は報告徴収・立入検査のみ（法第150条）。"),
            ],
        },
        Section {
            legend: "日付",
            fields: vec![
                Field::new("started_on", "開始日", Input::Date).required(),
                Field::new("ended_on", "終了日", Input::Date),
                Field::new("due_on", "報告期限（報告徴収）", Input::Date),
            ],
        },
        Section {
            legend: "勧告・命令",
            fields: vec![
                Field::new("meeting_number", "決定した委員会の回", Input::Integer)
                    .hint("勧告・命令は委員会の決定によります（例：第244回 → 244）。"),
                Field::new(
                    "complied",
                    "措置に従ったか",
                    Input::Select(vec![
                        ("true".into(), "従った".into()),
                        ("false".into(), "従わなかった".into()),
                    ]),
                ),
                Field::new(
                    "imminent_harm",
                    "個人の重大な権利利益の侵害が切迫していると認める（法第148条第2項）",
                    Input::Checkbox,
                ),
                Field::new("published", "公表した", Input::Checkbox),
            ],
        },
        Section {
            legend: "メモ",
            fields: vec![Field::new("notes", "メモ", Input::TextArea)],
        },
    ]
}

fn consultation_sections(
    categories: Vec<(String, String)>,
    organizations: Vec<(i64, String)>,
) -> Vec<Section> {
    vec![
        Section {
            legend: "受付",
            fields: vec![
                Field::new(
                    "desk",
                    "窓口",
                    Input::Select(options(Desk::ALL, Desk::as_str, Desk::label_ja)),
                )
                .required(),
                Field::new(
                    "class",
                    "区分",
                    Input::Select(options(
                        ConsultationClass::ALL,
                        ConsultationClass::as_str,
                        ConsultationClass::label_ja,
                    )),
                )
                .required(),
                Field::new("received_on", "受付日", Input::Date).required(),
                Field::new(
                    "categories",
                    "類型（該当するものすべて）",
                    Input::Choices(categories),
                )
                .hint("選んだ窓口の類型を選びます。苦情・質問には１つ以上が必要です。"),
            ],
        },
        Section {
            legend: "内容",
            fields: vec![
                Field::new("summary", "相談の内容", Input::TextArea),
                Field::new("advice", "助言等の内容", Input::TextArea),
                Field::new(
                    "referred_to_supervision",
                    "監視・監督担当へ情報提供した",
                    Input::Checkbox,
                ),
                Field::new(
                    "organization_id",
                    "相談の対象となった事業者等",
                    Input::Select(organization_options(organizations)),
                ),
                Field::new("case_id", "事案（ケース）番号", Input::Integer)
                    .hint("監視・監督担当へ情報提供した場合のみ"),
            ],
        },
    ]
}

#[allow(clippy::too_many_arguments)]
fn render_record(
    user: &WebUser<StaffOnly>,
    status: StatusCode,
    kind: RecordKind,
    sections: &[Section],
    values: &Values,
    errors: &FieldErrors,
    problem: Option<String>,
) -> Result<HttpResponse, WebError> {
    let (heading, lead, action, submit) = match kind {
        RecordKind::Action => (
            "監督措置の記録",
            "報告徴収、立入検査、指導・助言、勧告、命令等を記録します。根拠条文は種類と法令から自動で決まります。",
            "/actions/new",
            "記録する",
        ),
        RecordKind::Consultation => (
            "相談の記録",
            "相談ダイヤル・苦情あっせん相談窓口で受け付けた相談を記録します。",
            "/consultations/new",
            "記録する",
        ),
    };
    let state = FormState {
        values: values.clone(),
        errors: errors.clone(),
        problem,
    };
    page(
        status,
        &FormPage::new(
            user.chrome(heading),
            (heading, lead, submit),
            action.to_owned(),
            sections,
            &state,
        ),
    )
}

#[derive(Clone, Copy)]
enum RecordKind {
    Action,
    Consultation,
}

async fn action_form_sections(db: &Db) -> Result<Vec<Section>, AppError> {
    let organizations = db.read(|conn| organizations::choices(conn, 2000)).await?;
    Ok(action_sections(organizations))
}

async fn consultation_form_sections(db: &Db) -> Result<Vec<Section>, AppError> {
    let (categories, organizations) = db
        .read(|conn| {
            let categories = hotline::categories(conn, &CategoryFilter::default())?;
            Ok((categories, organizations::choices(conn, 2000)?))
        })
        .await?;
    let categories = categories
        .into_iter()
        .map(|c| {
            (
                c.code.clone(),
                format!("{}：{}", desk_short(c.desk), c.label_ja),
            )
        })
        .collect();
    Ok(consultation_sections(categories, organizations))
}

fn desk_short(desk: Desk) -> &'static str {
    match desk {
        Desk::Private => "民間部門",
        Desk::Public => "公的部門",
        Desk::MyNumber => "マイナンバー",
    }
}

#[derive(Deserialize)]
pub struct NewActionQuery {
    case_id: Option<String>,
    organization_id: Option<String>,
    incident_id: Option<String>,
    kind: Option<String>,
}

#[utoipa::path(get, path = "/actions/new", tag = "pages", params(("case_id" = Option<String>, Query, description = "prefilled"), ("organization_id" = Option<String>, Query, description = "prefilled"), ("incident_id" = Option<String>, Query, description = "prefilled"), ("kind" = Option<String>, Query, description = "prefilled (e.g. report_collection)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/actions/new")]
pub async fn new_action(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    query: web::Query<NewActionQuery>,
) -> Result<HttpResponse, WebError> {
    let sections = action_form_sections(&db).await?;
    let mut values = Values::default();
    values.set("started_on", today().to_string());
    for (name, value) in [
        ("case_id", &query.case_id),
        ("organization_id", &query.organization_id),
        ("incident_id", &query.incident_id),
    ] {
        if let Some(value) = value.as_deref().filter(|v| v.parse::<i64>().is_ok()) {
            values.set(name, value);
        }
    }
    if let Some(kind) = query.kind.as_deref().and_then(ActionKind::parse) {
        values.set("kind", kind.as_str());
    }
    render_record(
        &user,
        StatusCode::OK,
        RecordKind::Action,
        &sections,
        &values,
        &FieldErrors::new(),
        None,
    )
}

#[utoipa::path(post, path = "/actions/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the answer page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/actions/new")]
pub async fn create_action(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = action_form_sections(&db).await?;
    let values = Values::from_form(&form, &sections);
    let refuse = |errors: FieldErrors, problem: Option<String>, status| {
        render_record(
            &user,
            status,
            RecordKind::Action,
            &sections,
            &values,
            &errors,
            problem,
        )
    };
    let new: NewAction = match forms::parse(&sections, &values) {
        Ok(new) => new,
        Err(errors) => return refuse(errors, None, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let today = today();
    let recorded = supervision_commands::record_action(&db, user.actor(), new, today).await;
    match recorded {
        Ok(action) => Ok(see_other(&match action.action.case_id {
            Some(case_id) => format!("/cases/{case_id}?done=action"),
            None => format!("/actions/{}?done=recorded", action.action.id),
        })),
        Err(AppError::Validation(errors)) => refuse(errors, None, StatusCode::UNPROCESSABLE_ENTITY),
        Err(AppError::Conflict(refusal)) => {
            refuse(FieldErrors::new(), Some(refusal.ja()), StatusCode::CONFLICT)
        }
        Err(other) => Err(other.into()),
    }
}

#[utoipa::path(get, path = "/consultations/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/consultations/new")]
pub async fn new_consultation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    let sections = consultation_form_sections(&db).await?;
    let mut values = Values::default();
    values.set("received_on", today().to_string());
    render_record(
        &user,
        StatusCode::OK,
        RecordKind::Consultation,
        &sections,
        &values,
        &FieldErrors::new(),
        None,
    )
}

#[utoipa::path(post, path = "/consultations/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the answer page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/consultations/new")]
pub async fn create_consultation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = consultation_form_sections(&db).await?;
    let values = Values::from_form(&form, &sections);
    let refuse = |errors: FieldErrors, status| {
        render_record(
            &user,
            status,
            RecordKind::Consultation,
            &sections,
            &values,
            &errors,
            None,
        )
    };
    let new: NewConsultation = match forms::parse(&sections, &values) {
        Ok(new) => new,
        Err(errors) => return refuse(errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let today = today();
    let recorded = hotline_commands::record_consultation(&db, user.actor(), new, today).await;
    match recorded {
        Ok(consultation) => Ok(see_other(&format!(
            "/consultations/{}?done=recorded",
            consultation.consultation.id
        ))),
        Err(AppError::Validation(errors)) => refuse(errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(other) => Err(other.into()),
    }
}
