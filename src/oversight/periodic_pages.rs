//! The pages of the periodic reports (定期的な報告): staff publish a year's questionnaire and read
//! its summary (`/oversight/periodic`, `/oversight/periodic/{id}`); a public body's reporter
//! answers it — saved as a draft or submitted — and amends it until accepted; staff review a
//! report on its page (`/oversight/periodic/reports/{id}`).

use std::collections::BTreeMap;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::commands;
use super::periodic::{
    self, NewPeriodicReport, NewQuestionnaire, PeriodicAmendment, PeriodicReport, Questionnaire,
    ReportFilter, Summary,
};
use super::reviewed::{self, NewReview, Review, Reviewed};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::periodic::{Answer, Question};
use crate::domain::review::{Decision, ReviewStatus};
use crate::error::{AppError, FieldErrors, Lang, Missing, Refusal};
use crate::http::ValidQuery;
use crate::notify::MailSettings;
use crate::records::organizations;
use crate::web::forms::{self, Field, FormPart, FormState, Input, Section, Values, options};
use crate::web::layout::Chrome;
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, record_id, see_other};

/// Each refusal of a form as a line in Japanese, naming its field's label.
pub(super) fn problems(errors: &FieldErrors, label: impl Fn(&str) -> String) -> Vec<String> {
    errors
        .iter()
        .flat_map(|(field, whys)| {
            let name = label(field);
            whys.iter()
                .map(move |why| format!("{name}：{}", why.text(Lang::Ja)))
        })
        .collect()
}

fn refusal_lines(
    error: AppError,
    label: impl Fn(&str) -> String,
) -> Result<(StatusCode, Vec<String>), AppError> {
    match error {
        AppError::Validation(errors) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, problems(&errors, label)))
        }
        AppError::Conflict(refusal) => Ok((StatusCode::CONFLICT, vec![refusal.text(Lang::Ja)])),
        other => Err(other),
    }
}

fn questionnaire_sections() -> Vec<Section> {
    vec![Section {
        legend: "調査票",
        fields: vec![
            Field::new(
                "fiscal_year",
                "報告の対象の年度（2018年度の取組なら2018）",
                Input::Integer,
            )
            .required(),
            Field::new(
                "title",
                "名称（空欄なら「◯年度 定期的な報告」）",
                Input::Text,
            ),
            Field::new("due_on", "提出期限", Input::Date).required(),
            Field::new(
                "items",
                "項目（1行に1項目、「番号：質問」）",
                Input::TextArea,
            )
            .required(),
        ],
    }]
}

/// Reads the items' lines, 「番号：質問」 (or a tab, or `:`), blank lines skipped.
fn items_of(text: &str) -> Result<Vec<Question>, FieldErrors> {
    let mut items = Vec::new();
    let mut errors = FieldErrors::new();
    for (at, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.split_once(['：', ':', '\t']) {
            Some((code, question)) if !code.trim().is_empty() && !question.trim().is_empty() => {
                items.push(Question {
                    code: code.trim().to_owned(),
                    text: question.trim().to_owned(),
                });
            }
            _ => errors.add(
                "items",
                Refusal::PlanLine {
                    line: at as u64 + 1,
                    written: line.to_owned(),
                    part: "question".into(),
                },
            ),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

/// The questionnaires, and the form that publishes one.
#[derive(Template)]
#[template(path = "oversight/periodic.html")]
struct QuestionnairesPage {
    chrome: Chrome,
    questionnaires: Vec<Questionnaire>,
    form: String,
}

async fn questionnaires_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    status: StatusCode,
    state: FormState,
) -> Result<HttpResponse, WebError> {
    let questionnaires = db.read(periodic::questionnaires).await?;
    let form = FormPart::html(
        "questionnaire",
        "調査票を公表する",
        "/oversight/periodic".into(),
        "公表する",
        user.csrf(),
        &questionnaire_sections(),
        &state,
    )?;
    page(
        status,
        &QuestionnairesPage {
            chrome: user.chrome("定期的な報告"),
            questionnaires,
            form,
        },
    )
}

#[utoipa::path(get, path = "/oversight/periodic", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/oversight/periodic")]
pub async fn periodic_questionnaires_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    questionnaires_answer(&user, &db, StatusCode::OK, FormState::default()).await
}

#[utoipa::path(post, path = "/oversight/periodic", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `fiscal_year`, `title`, `due_on`, and `items`: one item a line, 「番号：質問」"), responses((status = 303, description = "published: to the questionnaire's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "the year has one: the form again"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/oversight/periodic")]
pub async fn periodic_questionnaire_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = questionnaire_sections();
    let values = Values::from_form(&form, &sections);
    let (mut json, mut errors) = forms::to_json(&sections, &values);
    match items_of(form.get("items").unwrap_or_default()) {
        Ok(items) => json["items"] = serde_json::to_value(items).unwrap_or_default(),
        Err(refused) => errors.merge_new(refused),
    }
    let outcome = match forms::parse_value::<NewQuestionnaire>(&json, errors) {
        Ok(new) => commands::publish_questionnaire(&db, &user, new).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(questionnaire) => Ok(see_other(&format!(
            "/oversight/periodic/{}",
            questionnaire.id
        ))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            questionnaires_answer(&user, &db, status, state).await
        }
    }
}

/// `GET /oversight/periodic/{id}`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SummaryPageQuery {
    /// The day counted to (today when absent).
    pub as_of: Option<NaiveDate>,
}

/// An item's tally as the page shows it.
struct TallyRow {
    code: String,
    text: String,
    yes: u64,
    no: u64,
    na: u64,
}

#[derive(Template)]
#[template(path = "oversight/questionnaire.html")]
struct QuestionnairePage {
    chrome: Chrome,
    questionnaire: Questionnaire,
    summary: Summary,
    tallies: Vec<TallyRow>,
    not_answered: Vec<(i64, String)>,
    reports: Vec<PeriodicReport>,
    reports_total: i64,
}

/// A questionnaire's summary on a day: received, accepted, each item's answers, the bodies that
/// have not answered, and the reports.
#[utoipa::path(get, path = "/oversight/periodic/{id}", tag = "pages", params(("id" = String, Path), SummaryPageQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such questionnaire"), (status = 422, description = "a day that is not one")))]
#[get("/oversight/periodic/{id}")]
pub async fn periodic_questionnaire_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ValidQuery<SummaryPageQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::PeriodicQuestionnaire)?;
    let as_of = query.into_inner()?.as_of.unwrap_or_else(today);
    let viewer = user.principal.clone();
    let (questionnaire, summary, names, reports) = db
        .read(move |conn| {
            let questionnaire = periodic::find_questionnaire(conn, id)?
                .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
            let summary = periodic::summary(conn, &questionnaire, as_of)?;
            let shown: Vec<i64> = summary.not_answered.iter().take(200).copied().collect();
            let names = organizations::names(conn, &shown)?;
            let filter = ReportFilter {
                questionnaire_id: Some(id),
                per_page: Some(100),
                ..Default::default()
            };
            let reports = periodic::list(conn, &viewer, &filter)?;
            Ok((questionnaire, summary, names, reports))
        })
        .await?;
    let tallies = questionnaire
        .items
        .iter()
        .map(|q| {
            let t = summary.tallies.get(&q.code).copied().unwrap_or_default();
            TallyRow {
                code: q.code.clone(),
                text: q.text.clone(),
                yes: t.yes,
                no: t.no,
                na: t.na,
            }
        })
        .collect();
    let not_answered = summary
        .not_answered
        .iter()
        .take(200)
        .map(|id| (*id, organizations::name_in(&names, *id)))
        .collect();
    let title = questionnaire.title.clone();
    page(
        StatusCode::OK,
        &QuestionnairePage {
            chrome: user.chrome(title),
            reports_total: reports.total,
            reports: reports.items,
            questionnaire,
            summary,
            tallies,
            not_answered,
        },
    )
}

/// An answer's row of a report's page or form.
struct AnswerRow {
    code: String,
    text: String,
    answer: Option<Answer>,
    /// The answer's code (`yes`, `no`, `na`), or empty: which radio button is checked.
    value: &'static str,
}

fn rows(questionnaire: &Questionnaire, answers: &BTreeMap<String, Answer>) -> Vec<AnswerRow> {
    questionnaire
        .items
        .iter()
        .map(|q| AnswerRow {
            code: q.code.clone(),
            text: q.text.clone(),
            answer: answers.get(&q.code).copied(),
            value: answers.get(&q.code).map_or("", |a| a.as_str()),
        })
        .collect()
}

/// The review form of a reviewed record's page (a periodic report's, an assessment's).
pub(super) fn review_sections() -> Vec<Section> {
    vec![Section {
        legend: "審査",
        fields: vec![
            Field::new(
                "decision",
                "判断",
                Input::Select(options(Decision::ALL, Decision::as_str, Decision::label_ja)),
            )
            .required(),
            Field::new(
                "comment",
                "補正を求める点（補正依頼のとき）",
                Input::TextArea,
            ),
            Field::new("due_on", "補正の期限", Input::Date),
            Field::new("decided_on", "審査の日（過去の記録のとき）", Input::Date),
        ],
    }]
}

#[derive(Template)]
#[template(path = "oversight/periodic_report.html")]
struct ReportPage {
    chrome: Chrome,
    report: PeriodicReport,
    questionnaire: Questionnaire,
    answers: Vec<AnswerRow>,
    staff: bool,
    editable: bool,
    csrf: String,
    notes: String,
    problems: Vec<String>,
    review_form: String,
    reviews: Vec<Review>,
    versions: Vec<i32>,
    done: Option<String>,
}

/// `GET /oversight/periodic/reports/{id}`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DoneQuery {
    /// What was just done (`saved`, `submitted`, `reviewed`).
    #[validate(length(max = 20))]
    #[param(max_length = 20)]
    pub done: Option<String>,
}

async fn report_answer(
    user: &WebUser,
    db: &Db,
    report: PeriodicReport,
    status: StatusCode,
    problems: Vec<String>,
    review: FormState,
    done: Option<String>,
) -> Result<HttpResponse, WebError> {
    let id = report.id;
    let questionnaire_id = report.questionnaire_id;
    let (questionnaire, reviews, versions) = db
        .read(move |conn| {
            let questionnaire = periodic::find_questionnaire(conn, questionnaire_id)?
                .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
            let reviews = reviewed::reviews_of(conn, Reviewed::PeriodicReport, id)?;
            let versions = reviewed::versions_of(conn, Reviewed::PeriodicReport, id)?
                .into_iter()
                .map(|v| v.version)
                .collect();
            Ok((questionnaire, reviews, versions))
        })
        .await?;
    let staff = user.role.is_staff();
    let review_form = if staff && report.review_status == Some(ReviewStatus::Received) {
        FormPart::html(
            "review",
            "審査する",
            format!("/oversight/periodic/reports/{id}/review"),
            "審査を記録する",
            user.csrf(),
            &review_sections(),
            &review,
        )?
    } else {
        String::new()
    };
    let done = done.and_then(|d| match d.as_str() {
        "saved" => Some("保存しました。".to_owned()),
        "submitted" => Some("提出しました。".to_owned()),
        "reviewed" => Some("審査を記録しました。".to_owned()),
        _ => None,
    });
    page(
        status,
        &ReportPage {
            chrome: user.chrome(format!("定期的な報告（{}）", report.organization_name)),
            answers: rows(&questionnaire, &report.answers),
            editable: report.review_status != Some(ReviewStatus::Accepted),
            notes: report.notes.clone().unwrap_or_default(),
            csrf: user.csrf(),
            report,
            questionnaire,
            staff,
            problems,
            review_form,
            reviews,
            versions,
            done,
        },
    )
}

/// A report: its answers, the form that amends or submits it, and staff's review.
#[utoipa::path(get, path = "/oversight/periodic/reports/{id}", tag = "pages", params(("id" = String, Path), DoneQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 404, description = "no such report, or another organization's")))]
#[get("/oversight/periodic/reports/{id}")]
pub async fn periodic_report_page(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ValidQuery<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::PeriodicReport)?;
    let done = query.into_inner()?.done;
    let report = commands::readable_report(&db, &user, id).await?;
    report_answer(
        &user,
        &db,
        report,
        StatusCode::OK,
        Vec::new(),
        FormState::default(),
        done,
    )
    .await
}

/// The answers a form gives (`answer.<code>`), those left blank left out.
fn answers_in(form: &FormData, questionnaire: &Questionnaire) -> BTreeMap<String, Answer> {
    questionnaire
        .items
        .iter()
        .filter_map(|q| {
            let value = form.get(&format!("answer.{}", q.code))?;
            Answer::parse(value).map(|a| (q.code.clone(), a))
        })
        .collect()
}

fn notes_in(form: &FormData) -> Option<String> {
    form.get("notes").map(str::to_owned)
}

fn field_label(field: &str) -> String {
    match field {
        "answers" => "回答".into(),
        "notes" => "備考".into(),
        "reason" => "補正の理由".into(),
        "submitted_on" => "提出日".into(),
        other => other.into(),
    }
}

/// Saves the answers (a draft, or an amendment with its reason), and submits when asked.
#[utoipa::path(post, path = "/oversight/periodic/reports/{id}", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `answer.<item number>` (`yes`, `no`, `na`), `notes`, `reason` (once submitted), and `submit` (`1` to submit a draft)"), responses((status = 303, description = "saved: to the report's page"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such report, or another organization's"), (status = 409, description = "accepted or submitted already: the page again"), (status = 422, description = "the page again, with the refusals")))]
#[post("/oversight/periodic/reports/{id}")]
pub async fn periodic_report_form(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::PeriodicReport)?;
    let report = commands::readable_report(&db, &user, id).await?;
    let questionnaire_id = report.questionnaire_id;
    let questionnaire = db
        .read(move |conn| periodic::find_questionnaire(conn, questionnaire_id))
        .await?
        .ok_or(AppError::NotFound(Missing::PeriodicQuestionnaire))?;
    let mail = MailSettings::from(&config.mail);
    let amendment = PeriodicAmendment {
        answers: answers_in(&form, &questionnaire),
        notes: notes_in(&form),
        reason: form
            .get("reason")
            .map(str::to_owned)
            .filter(|r| !r.trim().is_empty()),
        submitted_on: None,
    };
    let submit = form.get("submit") == Some("1") && report.submitted_on.is_none();
    let outcome =
        commands::save_periodic_report(&db, &user, mail, &report, amendment, submit, today()).await;
    match outcome {
        Ok(_) => Ok(see_other(&format!(
            "/oversight/periodic/reports/{id}?done={}",
            if submit { "submitted" } else { "saved" }
        ))),
        Err(error) => {
            let (status, problems) = refusal_lines(error, field_label)?;
            let report = commands::readable_report(&db, &user, id).await?;
            report_answer(
                &user,
                &db,
                report,
                status,
                problems,
                FormState::default(),
                None,
            )
            .await
        }
    }
}

/// Staff's decision on a submitted report.
#[utoipa::path(post, path = "/oversight/periodic/reports/{id}/review", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token` and the review's fields named as the API's JSON"), responses((status = 303, description = "recorded: to the report's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such report"), (status = 409, description = "not awaiting a decision: the page again"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/oversight/periodic/reports/{id}/review")]
pub async fn periodic_review_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::PeriodicReport)?;
    let report = commands::readable_report(&db, &user, id).await?;
    let sections = review_sections();
    let values = Values::from_form(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<NewReview>(&sections, &values) {
        Ok(new) => commands::review_periodic_report(&db, &user, mail, &report, new, today())
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!(
            "/oversight/periodic/reports/{id}?done=reviewed"
        ))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            let report = commands::readable_report(&db, &user, id).await?;
            report_answer(
                &user.any_role(),
                &db,
                report,
                status,
                Vec::new(),
                state,
                None,
            )
            .await
        }
    }
}

#[derive(Template)]
#[template(path = "oversight/periodic_answer.html")]
struct AnswerPage {
    chrome: Chrome,
    questionnaires: Vec<(Questionnaire, Option<i64>)>,
    organization: Option<i64>,
    csrf: String,
    problems: Vec<String>,
}

/// `GET /oversight/periodic/answer`: a body's questionnaires, each with its report or the form
/// that starts one (a reporter for its organization).
#[utoipa::path(get, path = "/oversight/periodic/answer", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session")))]
#[get("/oversight/periodic/answer")]
pub async fn periodic_answer_page(
    user: WebUser,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    answer_answer(&user, &db, StatusCode::OK, Vec::new()).await
}

async fn answer_answer(
    user: &WebUser,
    db: &Db,
    status: StatusCode,
    problems: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let organization = user.organization_id;
    let questionnaires = db
        .read(move |conn| {
            let all = periodic::questionnaires(conn)?;
            let mut shown = Vec::new();
            for questionnaire in all {
                let report = match organization {
                    Some(org) => periodic::report_id(conn, questionnaire.id, org)?,
                    None => None,
                };
                shown.push((questionnaire, report));
            }
            Ok(shown)
        })
        .await?;
    page(
        status,
        &AnswerPage {
            chrome: user.chrome("定期的な報告に回答する"),
            questionnaires,
            organization,
            csrf: user.csrf(),
            problems,
        },
    )
}

/// Starts a body's report to a questionnaire, as a draft; its page takes the answers.
#[utoipa::path(post, path = "/oversight/periodic/answer", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token` and `questionnaire_id`"), responses((status = 303, description = "started: to the report's page"), (status = 403, description = "no valid CSRF token"), (status = 409, description = "answered already: the page again"), (status = 422, description = "the page again, with the refusals")))]
#[post("/oversight/periodic/answer")]
pub async fn periodic_start_form(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let outcome = match (
        form.get("questionnaire_id")
            .and_then(|v| v.parse::<i64>().ok()),
        user.organization_id,
    ) {
        (Some(questionnaire_id), Some(organization_id)) => {
            let new = NewPeriodicReport {
                questionnaire_id,
                organization_id,
                answers: BTreeMap::new(),
                notes: None,
                draft: true,
                submitted_on: None,
            };
            let mail = MailSettings::from(&config.mail);
            commands::file_periodic_report(&db, &user, mail, new, today()).await
        }
        (None, _) => Err(FieldErrors::single("questionnaire_id", Refusal::Required)),
        (_, None) => Err(FieldErrors::single("organization_id", Refusal::Required)),
    };
    match outcome {
        Ok(report) => Ok(see_other(&format!(
            "/oversight/periodic/reports/{}",
            report.id
        ))),
        Err(error) => {
            let (status, problems) = refusal_lines(error, |field| match field {
                "organization_id" => "組織".into(),
                "questionnaire_id" => "調査票".into(),
                other => other.into(),
            })?;
            answer_answer(&user, &db, status, problems).await
        }
    }
}
