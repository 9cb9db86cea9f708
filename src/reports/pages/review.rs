//! Review and amendment in the browser (審査・補正): staff accept a report or ask for a
//! correction; the entity amends through the filing form, prefilled, with a reason. Both go
//! through the same commands as the API; the report page shows the review status, the reviews
//! and every version with what changed from the one before (`reports::show`, `versions`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;

use super::sections as report_sections;
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::review::Decision;
use crate::error::{AppError, FieldErrors, Missing};
use crate::reports::review::{Amendment, NewReview};
use crate::reports::{ReportView, commands};
use crate::web::forms::{self, Field, Input, Section, SectionView, Values, options};
use crate::web::layout::Chrome;
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, see_other};

#[derive(Template)]
#[template(path = "web/record_form.html")]
struct FormPage {
    chrome: Chrome,
    heading: String,
    lead: String,
    action: String,
    submit: &'static str,
    sections: Vec<SectionView>,
    problem: Option<String>,
    error_count: usize,
}

fn parse_id(id: &str) -> Result<i64, WebError> {
    id.parse()
        .map_err(|_| WebError::App(AppError::NotFound(Missing::Report)))
}

/// A refusal of the whole body (nothing changed) is shown above the form, not beside a field.
fn split_problem(mut errors: FieldErrors) -> (FieldErrors, Option<String>) {
    let problem = errors.take("body").map(|reasons| {
        reasons
            .iter()
            .map(crate::error::Refusal::ja)
            .collect::<Vec<_>>()
            .join("／")
    });
    (errors, problem)
}

// ---- Amendment (補正) ----

/// The filing form's items an amendment may change, after the reason: who reports, the law, the
/// stage, the chain and the receipt stay as filed.
/// (The reporting organization is not among them, so the sections are built without its choices.)
fn amendment_sections(report: Vec<Section>) -> Vec<Section> {
    let mut sections = vec![Section {
        legend: "補正の理由",
        fields: vec![Field::new("reason", "補正の理由", Input::TextArea)
            .required()
            .hint("何を、なぜ補正するのかを書いてください（例：調査の結果、本人の数が確定したため）。")],
    }];
    for mut section in report {
        section.fields.retain(|field| {
            matches!(field.name, "aware_on" | "occurred_on") || !is_filing_field(field.name)
        });
        if !section.fields.is_empty() {
            if section.legend == "報告者と報告の種類" {
                section.legend = "漏えい等を知った日・発生日";
            }
            sections.push(section);
        }
    }
    sections
}

fn is_filing_field(name: &str) -> bool {
    crate::domain::review::NOT_AMENDABLE.contains(&name)
}

/// The optional items: emptied on the form, they are cleared (`null`), not kept.
const CLEARABLE: [&str; 7] = [
    "occurred_on",
    "secondary_damage",
    "response_to_individuals",
    "publication",
    "prevention_measures",
    "notes",
    "contractor_organization_id",
];

fn parse_amendment(sections: &[Section], values: &Values) -> Result<Amendment, FieldErrors> {
    let (mut json, errors) = forms::to_json(sections, values);
    if let Value::Object(object) = &mut json {
        for name in CLEARABLE {
            if !errors.names(name) {
                object.entry(name).or_insert(Value::Null);
            }
        }
    }
    forms::parse_value(&json, errors)
}

fn amend_page(
    user: &WebUser,
    view: &ReportView,
    status: StatusCode,
    sections: &[Section],
    values: &Values,
    errors: FieldErrors,
) -> Result<HttpResponse, WebError> {
    let (errors, problem) = split_problem(errors);
    let form = FormPage {
        chrome: user.chrome(format!("報告の補正 {}", view.reference)),
        heading: format!("報告の補正（{} 第{}版）", view.reference, view.report.version),
        lead: "補正する項目を書き換え、補正の理由を添えて提出してください。変更しない項目はそのままにします。補正後の報告には、法令があらためて当てはめられます。".into(),
        action: format!("/reports/{}/amend", view.report.id),
        submit: "補正を提出する",
        error_count: errors.iter().count() + usize::from(problem.is_some()),
        sections: forms::views(sections, values, &errors),
        problem,
    };
    page(status, &form)
}

/// The amendment form: the report's current version, prefilled.
#[utoipa::path(get, path = "/reports/{id}/amend", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 404, description = "no such report, or another entity's")))]
#[get("/reports/{id}/amend")]
pub async fn amend_form(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let report = commands::readable(&db, &user, parse_id(&id)?).await?;
    let view = report.view();
    let sections = amendment_sections(report_sections(&user, Vec::new()));
    let values = match serde_json::to_value(&view.report).map_err(AppError::internal)? {
        Value::Object(object) => Values::from_json(&object, &sections),
        _ => Values::default(),
    };
    amend_page(
        &user,
        view,
        StatusCode::OK,
        &sections,
        &values,
        FieldErrors::new(),
    )
}

/// Files the amendment through the API's command; refusals come back beside their fields.
#[utoipa::path(post, path = "/reports/{id}/amend", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token`, `reason` and the report's fields named as the API's JSON)"), responses((status = 303, description = "amended: to the report"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such report, or another entity's"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/{id}/amend")]
pub async fn amend(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let report = commands::readable(&db, &user, parse_id(&id)?).await?;
    let view = report.view();
    let sections = amendment_sections(report_sections(&user, Vec::new()));
    let values = Values::from_form(&form, &sections);
    let refuse = |errors| {
        amend_page(
            &user,
            view,
            StatusCode::UNPROCESSABLE_ENTITY,
            &sections,
            &values,
            errors,
        )
    };
    let amendment = match parse_amendment(&sections, &values) {
        Ok(amendment) => amendment,
        Err(errors) => return refuse(errors),
    };
    let mail = crate::notify::MailSettings::from(&config.mail);
    let id = view.report.id;
    match commands::amend_report(&db, &user, mail, &report, amendment, today()).await {
        Ok(_) => Ok(see_other(&format!("/reports/{id}?amended=1"))),
        Err(AppError::Validation(errors)) => refuse(errors),
        Err(other) => Err(other.into()),
    }
}

// ---- Review (審査) ----

fn review_sections() -> Vec<Section> {
    vec![Section {
        legend: "審査の結果",
        fields: vec![
            Field::new(
                "decision",
                "判断",
                Input::Select(options(Decision::ALL, Decision::as_str, Decision::label_ja)),
            )
            .required(),
            Field::new("comment", "補正してほしい内容", Input::TextArea)
                .hint("補正依頼の場合は必須です。報告者に表示され、メールで通知されます。"),
            Field::new("due_on", "補正の期限", Input::Date)
                .hint("補正依頼の場合のみ。期限が近づくと報告者に通知します。"),
        ],
    }]
}

fn review_page(
    user: &WebUser<StaffOnly>,
    view: &ReportView,
    status: StatusCode,
    values: &Values,
    errors: FieldErrors,
) -> Result<HttpResponse, WebError> {
    let (errors, problem) = split_problem(errors);
    let sections = review_sections();
    let form = FormPage {
        chrome: user.chrome(format!("報告の審査 {}", view.reference)),
        heading: format!(
            "報告の審査（{} 第{}版）",
            view.reference, view.report.version
        ),
        lead: "現在の版を受理するか、補正を依頼します。補正依頼は報告者にメールで通知されます。"
            .into(),
        action: format!("/reports/{}/review", view.report.id),
        submit: "審査結果を記録する",
        error_count: errors.iter().count() + usize::from(problem.is_some()),
        sections: forms::views(&sections, values, &errors),
        problem,
    };
    page(status, &form)
}

/// The review form (staff).
#[utoipa::path(get, path = "/reports/{id}/review", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such report")))]
#[get("/reports/{id}/review")]
pub async fn review_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let report = commands::reviewable(&db, &user, parse_id(&id)?).await?;
    review_page(
        &user,
        report.view(),
        StatusCode::OK,
        &Values::default(),
        FieldErrors::new(),
    )
}

/// Records the review through the API's command.
#[utoipa::path(post, path = "/reports/{id}/review", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token`, `decision`, `comment`, `due_on`)"), responses((status = 303, description = "recorded: to the report"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such report"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/{id}/review")]
pub async fn review(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let report = commands::reviewable(&db, &user, parse_id(&id)?).await?;
    let view = report.view();
    let sections = review_sections();
    let values = Values::from_form(&form, &sections);
    let refuse = |errors| {
        review_page(
            &user,
            view,
            StatusCode::UNPROCESSABLE_ENTITY,
            &values,
            errors,
        )
    };
    let new: NewReview = match forms::parse(&sections, &values) {
        Ok(new) => new,
        Err(errors) => return refuse(errors),
    };
    let mail = crate::notify::MailSettings::from(&config.mail);
    let id = view.report.id;
    match commands::review_report(&db, &user, mail, &report, new, today()).await {
        Ok(_) => Ok(see_other(&format!("/reports/{id}?reviewed=1"))),
        Err(AppError::Validation(errors)) => refuse(errors),
        Err(other) => Err(other.into()),
    }
}
