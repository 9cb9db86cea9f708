//! The pages of the assessments (特定個人情報保護評価書): the list, with those whose five years
//! since publication are ending (`/oversight/pia`), the form that files one, and an assessment's
//! page with staff's review, remarks, approval at a meeting and publication.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use super::commands;
use super::periodic_pages::review_sections;
use super::pia::{
    self, Evaluation, EvaluationFilter, NewApproval, NewEvaluation, NewPublication, NewRemark,
};
use super::reviewed::{self, NewReview, Review, Reviewed};
use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::pia::PiaLevel;
use crate::domain::review::ReviewStatus;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::files::Owner;
use crate::http::ValidQuery;
use crate::notify::MailSettings;
use crate::records::organizations;
use crate::web::forms::{self, Field, FormPart, FormState, Input, Section, Values, options};
use crate::web::layout::Chrome;
use crate::web::session::{FormData, WebUser};
use crate::web::uploads::FilesForm;
use crate::web::{WebError, page, record_id, see_other};

fn filing_sections(choices: Vec<(String, String)>) -> Vec<Section> {
    vec![Section {
        legend: "評価書",
        fields: vec![
            Field::new("organization_id", "評価実施機関", Input::Select(choices)).required(),
            Field::new(
                "level",
                "評価の種類",
                Input::Select(options(PiaLevel::ALL, PiaLevel::as_str, PiaLevel::label_ja)),
            )
            .required(),
            Field::new("task_name", "事務の名称", Input::Text).required(),
            Field::new("files", "特定個人情報ファイル（1行に1つ）", Input::Lines).required(),
            Field::new("submitted_on", "提出日", Input::Date).required(),
        ],
    }]
}

/// `GET /oversight/pia`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PiaPageQuery {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Only those to assess again (再実施).
    pub reassessment_due: Option<bool>,
    /// Only the current ones.
    pub current: Option<bool>,
}

#[derive(Template)]
#[template(path = "oversight/pia_list.html")]
struct ListPage {
    chrome: Chrome,
    evaluations: Vec<Evaluation>,
    total: i64,
    reassessment_due: bool,
    form: String,
}

async fn list_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    query: PiaPageQuery,
    status: StatusCode,
    state: FormState,
) -> Result<HttpResponse, WebError> {
    let reassessment_due = query.reassessment_due == Some(true);
    let filter = EvaluationFilter {
        page: query.page,
        per_page: Some(100),
        current: query.current,
        reassessment_due: query.reassessment_due,
        ..Default::default()
    };
    let (viewer, today) = (user.principal.clone(), today());
    let (found, choices) = db
        .read(move |conn| {
            Ok((
                pia::list(conn, &viewer, &filter, today)?,
                organizations::choices(conn, 2000)?,
            ))
        })
        .await?;
    let choices = choices
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    let form = FormPart::html(
        "evaluation",
        "評価書を受け付ける",
        "/oversight/pia".into(),
        "受け付ける",
        user.csrf(),
        &filing_sections(choices),
        &state,
    )?;
    page(
        status,
        &ListPage {
            chrome: user.chrome("特定個人情報保護評価書"),
            total: found.total,
            evaluations: found.items,
            reassessment_due,
            form,
        },
    )
}

#[utoipa::path(get, path = "/oversight/pia", tag = "pages", params(PiaPageQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "filters out of range")))]
#[get("/oversight/pia")]
pub async fn pia_list_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    query: ValidQuery<PiaPageQuery>,
) -> Result<HttpResponse, WebError> {
    let query = query.into_inner()?;
    list_answer(&user, &db, query, StatusCode::OK, FormState::default()).await
}

#[utoipa::path(post, path = "/oversight/pia", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token` and the assessment's fields named as the API's JSON (`files` one a line)"), responses((status = 303, description = "filed: to its page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/oversight/pia")]
pub async fn pia_filing_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = filing_sections(Vec::new());
    let values = Values::from_form(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<NewEvaluation>(&sections, &values) {
        Ok(new) => commands::file_evaluation(&db, &user, mail, new, today()).await,
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(evaluation) => Ok(see_other(&format!("/oversight/pia/{}", evaluation.id))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            list_answer(&user, &db, PiaPageQuery::default(), status, state).await
        }
    }
}

fn remark_sections() -> Vec<Section> {
    vec![Section {
        legend: "審査記載事項",
        fields: vec![Field::new("text", "記載事項", Input::TextArea).required()],
    }]
}

fn approval_sections() -> Vec<Section> {
    vec![Section {
        legend: "承認（番号利用法第28条第2項）",
        fields: vec![
            Field::new(
                "meeting_number",
                "委員会の回（第244回なら244）",
                Input::Integer,
            )
            .required(),
            Field::new("item", "議題の番号（議題２なら2）", Input::Integer).required(),
            Field::new("approved_on", "承認日", Input::Date).required(),
        ],
    }]
}

fn publication_sections() -> Vec<Section> {
    vec![Section {
        legend: "公表",
        fields: vec![Field::new("published_on", "公表日", Input::Date).required()],
    }]
}

/// Which of the page's forms was refused.
enum Refused {
    Review(FormState),
    Remark(FormState),
    Approval(FormState),
    Publication(FormState),
}

#[derive(Template)]
#[template(path = "oversight/pia.html")]
struct EvaluationPage {
    chrome: Chrome,
    files: crate::web::files::Files,
    evaluation: Evaluation,
    reviews: Vec<Review>,
    forms: Vec<String>,
    done: Option<&'static str>,
}

async fn evaluation_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    refused: Option<Refused>,
    done: Option<&'static str>,
) -> Result<HttpResponse, WebError> {
    let evaluation = commands::readable_evaluation(db, user, id, today()).await?;
    let (reviews, documents) = db
        .read(move |conn| {
            Ok((
                reviewed::reviews_of(conn, Reviewed::PiaEvaluation, id)?,
                crate::files::store::list(conn, Owner::PiaEvaluation(id))?,
            ))
        })
        .await?;
    let upload = evaluation
        .superseded_by_id
        .is_none()
        .then(|| format!("/oversight/pia/{id}/attachments"));
    let (mut review, mut remark, mut approval, mut publication) = (None, None, None, None);
    match refused {
        Some(Refused::Review(s)) => review = Some(s),
        Some(Refused::Remark(s)) => remark = Some(s),
        Some(Refused::Approval(s)) => approval = Some(s),
        Some(Refused::Publication(s)) => publication = Some(s),
        None => {}
    }
    let mut shown = Vec::new();
    if evaluation.superseded_by_id.is_none() {
        let csrf = user.csrf();
        if evaluation.review_status == ReviewStatus::Received {
            shown.push(FormPart::html(
                "review",
                "審査する",
                format!("/oversight/pia/{id}/review"),
                "審査を記録する",
                csrf.clone(),
                &review_sections(),
                &review.unwrap_or_default(),
            )?);
        }
        shown.push(FormPart::html(
            "remark",
            "審査記載事項を記録する",
            format!("/oversight/pia/{id}/remarks"),
            "記録する",
            csrf.clone(),
            &remark_sections(),
            &remark.unwrap_or_default(),
        )?);
        if evaluation.approval.is_none() && evaluation.level == PiaLevel::Full {
            shown.push(FormPart::html(
                "approval",
                "委員会の承認を記録する",
                format!("/oversight/pia/{id}/approval"),
                "承認を記録する",
                csrf.clone(),
                &approval_sections(),
                &approval.unwrap_or_default(),
            )?);
        }
        if evaluation.published_on.is_none() {
            shown.push(FormPart::html(
                "publication",
                "公表を記録する",
                format!("/oversight/pia/{id}/publication"),
                "公表を記録する",
                csrf,
                &publication_sections(),
                &publication.unwrap_or_default(),
            )?);
        }
    }
    let title = format!(
        "{}（{}）",
        evaluation.task_name,
        evaluation.level.label_ja()
    );
    page(
        status,
        &EvaluationPage {
            chrome: user.chrome(title),
            files: crate::web::files::Files::new("評価書の文書", documents, upload),
            evaluation,
            reviews,
            forms: shown,
            done,
        },
    )
}

/// `GET /oversight/pia/{id}`.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DoneQuery {
    /// What was just recorded.
    #[validate(length(max = 20))]
    #[param(max_length = 20)]
    pub done: Option<String>,
}

#[utoipa::path(get, path = "/oversight/pia/{id}", tag = "pages", params(("id" = String, Path), DoneQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such assessment")))]
#[get("/oversight/pia/{id}")]
pub async fn pia_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: ValidQuery<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::PiaEvaluation)?;
    let done = match query.into_inner()?.done.as_deref() {
        Some("recorded") => Some("記録しました。"),
        Some("attached") => Some("ファイルを添付しました。"),
        _ => None,
    };
    evaluation_answer(&user, &db, id, StatusCode::OK, None, done).await
}

macro_rules! evaluation_form {
    ($name:ident, $path:literal, $body:ty, $sections:ident, $refused:ident, $describe:literal,
     |$db:ident, $user:ident, $config:ident, $evaluation:ident, $new:ident| $call:expr) => {
        #[utoipa::path(post, path = $path, tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = $describe), responses((status = 303, description = "recorded: to the assessment's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such assessment"), (status = 409, description = "the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
        #[post($path)]
        pub async fn $name(
            $user: WebUser<StaffOnly>,
            $db: web::Data<Db>,
            $config: web::Data<Config>,
            id: web::Path<String>,
            form: FormData,
        ) -> Result<HttpResponse, WebError> {
            $user.check_csrf(&form)?;
            let id = record_id(&id, Missing::PiaEvaluation)?;
            let $evaluation = commands::readable_evaluation(&$db, &$user, id, today()).await?;
            let sections = $sections();
            let values = Values::from_form(&form, &sections);
            let outcome = match forms::parse::<$body>(&sections, &values) {
                Ok($new) => $call.map(|_| ()),
                Err(errors) => Err(AppError::Validation(errors)),
            };
            match outcome {
                Ok(()) => Ok(see_other(&format!("/oversight/pia/{id}?done=recorded"))),
                Err(error) => {
                    let (status, state) = forms::refused(error, values)?;
                    evaluation_answer(&$user, &$db, id, status, Some(Refused::$refused(state)), None)
                        .await
                }
            }
        }
    };
}

evaluation_form!(
    pia_review_form,
    "/oversight/pia/{id}/review",
    NewReview,
    review_sections,
    Review,
    "`csrf_token` and the review's fields named as the API's JSON",
    |db, user, config, evaluation, new| commands::review_evaluation(
        &db,
        &user,
        MailSettings::from(&config.mail),
        &evaluation,
        new,
        today()
    )
    .await
);
evaluation_form!(
    pia_remark_form,
    "/oversight/pia/{id}/remarks",
    NewRemark,
    remark_sections,
    Remark,
    "`csrf_token` and `text`",
    |db, user, config, evaluation, new| {
        let _ = &config;
        commands::remark(&db, &user, &evaluation, new, today()).await
    }
);
evaluation_form!(
    pia_approval_form,
    "/oversight/pia/{id}/approval",
    NewApproval,
    approval_sections,
    Approval,
    "`csrf_token`, `meeting_number`, `item`, `approved_on`",
    |db, user, config, evaluation, new| {
        let _ = &config;
        commands::approve(&db, &user, &evaluation, new, today()).await
    }
);
evaluation_form!(
    pia_publication_form,
    "/oversight/pia/{id}/publication",
    NewPublication,
    publication_sections,
    Publication,
    "`csrf_token` and `published_on`",
    |db, user, config, evaluation, new| {
        let _ = &config;
        commands::publish_evaluation(&db, &user, &evaluation, new, today()).await
    }
);

/// Attaches documents to an assessment from its page (staff).
#[utoipa::path(post, path = "/oversight/pia/{id}/attachments", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token` and one or more parts named `file`"), responses((status = 303, description = "stored: back to the assessment"), (status = 403, description = "another role, or no valid CSRF token"), (status = 404, description = "no such assessment"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "no file, or an empty one")))]
#[post("/oversight/pia/{id}/attachments")]
pub async fn pia_attachment_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form.form)?;
    let id = record_id(&id, Missing::PiaEvaluation)?;
    commands::readable_evaluation(&db, &user, id, today()).await?;
    let (_, files) = form.into_files()?;
    if files.is_empty() {
        return Err(AppError::Validation(FieldErrors::of("file", Refusal::NotAFile)).into());
    }
    crate::files::attach(&db, user.actor(), Owner::PiaEvaluation(id), files).await?;
    Ok(see_other(&format!("/oversight/pia/{id}?done=attached")))
}
