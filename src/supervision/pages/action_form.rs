//! The form that records a supervisory action (`/actions/new`), prefilled from a case, an
//! organization or a report's incident; on the command the API uses.

use crate::supervision::labels::ACTION;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use serde::Deserialize;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::oversight::InspectionType;
use crate::domain::powers::{ActionKind, PerformedBy};
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors};
use crate::records::organizations;
use crate::supervision::NewAction;
use crate::supervision::commands as supervision_commands;
use crate::web::forms::{
    self, Field, FormState, Input, Section, Values, options, organization_options,
};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, see_other};

fn action_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![
        Section {
            legend: "監督措置",
            fields: vec![
                Field::of(&ACTION, "kind",
                    Input::Select(options(ActionKind::ALL, ActionKind::as_str, ActionKind::label_ja)),
                )
                .required()
                .hint("公的部門では、報告徴収は「資料の提出の要求」、立入検査は「実地調査」として記録されます。"),
                Field::of(&ACTION, "regime",
                    Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
                )
                .required(),
                Field::of(&ACTION, "organization_id",
                    Input::Select(organization_options(organizations)),
                )
                .required(),
                Field::of(&ACTION, "case_id", Input::Integer),
                Field::of(&ACTION, "incident_id", Input::Integer),
                Field::of(&ACTION, "performed_by",
                    Input::Select(options(PerformedBy::ALL, PerformedBy::as_str, PerformedBy::label_ja)),
                )
                .hint("空欄なら個人情報保護委員会。事業所管大臣への委任は報告徴収・立入検査のみ（法第150条）。"),
            ],
        },
        Section {
            legend: "日付",
            fields: vec![
                Field::of(&ACTION, "started_on", Input::Date).required(),
                Field::of(&ACTION, "ended_on", Input::Date),
                Field::of(&ACTION, "due_on", Input::Date),
            ],
        },
        Section {
            legend: "番号利用法の立入検査",
            fields: vec![
                Field::of(&ACTION, "inspection_type",
                    Input::Select(options(InspectionType::ALL, InspectionType::as_str, InspectionType::label_ja)),
                )
                .hint("定期的な立入検査（番号利用法第29条の3第1項）は行政機関の長等に、総合的な立入検査・レビュー検査（第35条第1項）はどの機関にも。"),
                Field::of(&ACTION, "plan_id", Input::Integer)
                    .hint("この立入検査が実施する検査計画の番号（検査計画のページに表示）。"),
            ],
        },
        Section {
            legend: "勧告・命令",
            fields: vec![
                Field::of(&ACTION, "meeting_number", Input::Integer)
                    .hint("勧告・命令は委員会の決定によります（例：第244回 → 244）。"),
                Field::of(&ACTION, "complied",
                    Input::Select(vec![
                        ("true".into(), "従った".into()),
                        ("false".into(), "従わなかった".into()),
                    ]),
                ),
                Field::of(&ACTION, "imminent_harm",
                    Input::Checkbox,
                ),
                Field::of(&ACTION, "published", Input::Checkbox),
            ],
        },
        Section {
            legend: "メモ",
            fields: vec![Field::of(&ACTION, "notes", Input::TextArea)],
        },
    ]
}

async fn action_form_sections(db: &Db) -> Result<Vec<Section>, AppError> {
    let organizations = db.read(|conn| organizations::choices(conn, 2000)).await?;
    Ok(action_sections(organizations))
}

fn render_form(
    user: &WebUser<StaffOnly>,
    status: StatusCode,
    sections: &[Section],
    values: &Values,
    errors: &FieldErrors,
    problem: Option<String>,
) -> Result<HttpResponse, WebError> {
    let state = FormState {
        values: values.clone(),
        errors: errors.clone(),
        problem,
    };
    forms::record_form(
        user.chrome("監督措置の記録"),
        status,
        (
            "監督措置の記録",
            "報告徴収、立入検査、指導・助言、勧告、命令等を記録します。根拠条文は種類と法令から自動で決まります。",
            "/actions/new",
        ),
        sections,
        &state,
    )
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
    render_form(
        &user,
        StatusCode::OK,
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
        render_form(&user, status, &sections, &values, &errors, problem)
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
