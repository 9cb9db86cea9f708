//! Report collections on the pages (報告徴収, 法第146条第1項): the entity's list of the requests
//! addressed to it (staff see them all), one action with its answers and files (and, for staff,
//! the form that completes it: end date, compliance), and the answer
//! form — text and files in one multipart form, no JavaScript — on the same command as the API
//! (`supervision::commands::answer_collection`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::powers::{
    ActionKind, AnswerFacts, answer_late, answer_submitted_on, power_named,
};
use crate::error::{AppError, FieldErrors, Lang, Missing};
use crate::files::store as files;
use crate::records::organizations;
use crate::supervision::responses::{self, NewResponse, Response};
use crate::supervision::{ActionChanges, ActionFilter, ActionView, actions, commands};
use crate::web::files::FileRow;
use crate::web::forms::{self, Field, FormPart, FormState, Input, Section, Values};
use crate::web::layout::Chrome;
use crate::web::session::FormData;
use crate::web::uploads::FilesForm;
use crate::web::{WebError, WebUser, page, see_other};

fn state_ja(view: &ActionView) -> (&'static str, bool) {
    let action = &view.action;
    match (action.answered_on, action.ended_on) {
        _ if view.overdue => ("期限超過（未回答）", true),
        (Some(answered), _) if answer_late(answered, action.due_on) => ("期限後に回答", true),
        (Some(_), _) => ("回答済み", false),
        (None, Some(_)) => ("完了", false),
        (None, None) => ("回答待ち", false),
    }
}

fn list_sections(organizations: Option<Vec<(i64, String)>>) -> Vec<Section> {
    let mut fields = Vec::new();
    if let Some(organizations) = organizations {
        fields.push(Field::new(
            "organization_id",
            "相手方",
            Input::Select(forms::organization_options(organizations)),
        ));
    }
    fields.extend([
        Field::new(
            "overdue",
            "提出期限",
            Input::Select(vec![
                ("true".into(), "期限超過（未回答）のもの".into()),
                ("false".into(), "期限超過でないもの".into()),
            ]),
        ),
        Field::new("started_from", "開始日（から）", Input::Date),
        Field::new("started_to", "開始日（まで）", Input::Date),
        crate::web::lists::page_size_field(),
    ]);
    vec![Section {
        legend: "絞り込み",
        fields,
    }]
}

/// The report collections addressed to the viewer's organization (staff: all), with their due
/// dates and whether they were answered, and late.
#[utoipa::path(get, path = "/collections", tag = "pages", params(ActionFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/collections")]
pub async fn collections(
    user: WebUser,
    db: web::Data<Db>,
    request: actix_web::HttpRequest,
) -> Result<HttpResponse, WebError> {
    let is_staff = user.role.is_staff();
    let choices = if is_staff {
        Some(db.read(|conn| organizations::choices(conn, 2000)).await?)
    } else {
        None
    };
    let list = crate::web::lists::List {
        heading: "報告徴収の一覧",
        lead: if is_staff {
            "委員会が求めた報告（報告徴収・資料の提出の要求）と、その回答の状況です。"
        } else {
            "個人情報保護委員会から貴組織に求められた報告（報告徴収・資料の提出の要求）です。提出期限までに、各行のページから回答してください。"
        },
        path: "/collections",
        file: "collections",
        links: Vec::new(),
        sections: list_sections(choices),
    };
    let (asked, filter) =
        crate::web::lists::Request::read::<ActionFilter>(&request, &list.sections);
    // Only report collections; a reporter's own organization's, whatever the URL says.
    let own = if is_staff {
        None
    } else {
        Some(
            user.organization_id
                .ok_or(AppError::NotFound(Missing::Page))?,
        )
    };
    let filter = filter.map(|mut filter| {
        filter.kind = Some(ActionKind::ReportCollection);
        filter.organization_id = own.or(filter.organization_id);
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
        Ok(collection_table(
            &found.items,
            found.count(),
            &names,
            is_staff,
        ))
    };
    crate::web::lists::serve(
        list,
        user.chrome("報告徴収の一覧"),
        &db,
        &asked,
        filter,
        fetch,
    )
    .await
}

fn collection_table(
    items: &[ActionView],
    total: crate::http::Total,
    names: &std::collections::HashMap<i64, String>,
    is_staff: bool,
) -> crate::web::lists::Table {
    use crate::web::lists::Cell;
    let mut columns = vec!["番号"];
    if is_staff {
        columns.push("相手方");
    }
    columns.extend(["措置", "開始日", "提出期限", "回答日", "状況"]);
    crate::web::lists::Table {
        caption: "報告徴収と提出期限、回答の状況",
        columns,
        total,
        rows: items
            .iter()
            .map(|view| {
                let action = &view.action;
                let href = format!("/actions/{}", action.id);
                let (state, late) = state_ja(view);
                let mut row = vec![Cell::link(action.id, &href)];
                if is_staff {
                    row.push(Cell::text(
                        names
                            .get(&action.organization_id)
                            .cloned()
                            .unwrap_or_else(|| format!("ID {}", action.organization_id)),
                    ));
                }
                row.extend([
                    Cell::link(power_named(action.kind, action.regime).0, &href),
                    Cell::day(action.started_on),
                    Cell::text(
                        action
                            .due_on
                            .map_or_else(|| "別途連絡".to_owned(), |d| d.to_string()),
                    ),
                    Cell::text(
                        action
                            .answered_on
                            .map_or_else(|| "未回答".to_owned(), |d| d.to_string()),
                    ),
                    Cell::text(state).strong(late),
                ]);
                row
            })
            .collect(),
    }
}

/// An answer as the action page shows it, with its files.
struct AnswerRow {
    response: Response,
    created_at: String,
    files: Vec<FileRow>,
}

#[derive(Template)]
#[template(path = "supervision/action.html")]
struct ActionPage {
    chrome: Chrome,
    view: ActionView,
    organization: String,
    answers: Vec<AnswerRow>,
    is_staff: bool,
    /// Whether the viewer may answer now (a report collection, not closed to the entity).
    may_answer: bool,
    body: String,
    submitted_on: String,
    errors: Vec<(String, Vec<String>)>,
    /// Staff: the form that records the action's end and result.
    complete_form: String,
    /// Staff: the action's assignee, notes and timeline (the work's panel).
    panels: Vec<String>,
}

impl ActionPage {
    /// A field's short label, as the action's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        crate::supervision::labels::ACTION.short(field)
    }

    fn kind_ja(&self) -> &'static str {
        power_named(self.view.action.kind, self.view.action.regime).0
    }
    fn is_collection(&self) -> bool {
        self.view.action.kind == ActionKind::ReportCollection
    }
    fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, texts)| texts.join("。"))
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ActionQuery {
    answered: Option<String>,
    done: Option<String>,
}

struct Loaded {
    view: ActionView,
    organization: String,
    answers: Vec<AnswerRow>,
    /// Staff: the work's panel (on the page as asked for, not on a form's refusal).
    panels: Vec<String>,
}

async fn load(db: &Db, user: &WebUser, id: i64) -> Result<Loaded, WebError> {
    let today = today();
    let viewer = user.principal.clone();
    Ok(db
        .read(move |conn| {
            let view = commands::readable_action_on(conn, &viewer, id, today)?.into_view();
            let answers = responses::list(conn, id)?;
            let ids: Vec<i64> = answers.iter().map(|r| r.id).collect();
            let mut by_answer = files::of_responses(conn, &ids)?;
            let answers = answers
                .into_iter()
                .map(|response| {
                    let files = by_answer
                        .extract_if(.., |(owner, _)| *owner == response.id)
                        .map(|(_, file)| FileRow::from(file))
                        .collect();
                    AnswerRow {
                        created_at: crate::clock::japan_minute(&response.created_at),
                        response,
                        files,
                    }
                })
                .collect();
            let organization = organizations::names(conn, &[view.action.organization_id])?
                .remove(&view.action.organization_id)
                .unwrap_or_default();
            Ok(Loaded {
                view,
                organization,
                answers,
                panels: Vec::new(),
            })
        })
        .await?)
}

/// Whether the viewer may answer now, by the law's rule (`domain::powers::answer_submitted_on`).
fn may_answer(user: &WebUser, view: &ActionView) -> bool {
    answer_submitted_on(AnswerFacts {
        kind: view.action.kind,
        by_staff: user.role.is_staff(),
        submitted_on: None,
        started_on: view.action.started_on,
        ended_on: view.action.ended_on,
        today: today(),
    })
    .is_ok()
}

#[allow(clippy::too_many_arguments)]
fn render(
    user: &WebUser,
    status: StatusCode,
    loaded: Loaded,
    notice: Option<String>,
    body: String,
    submitted_on: String,
    errors: &FieldErrors,
    completion: Option<FormState>,
) -> Result<HttpResponse, WebError> {
    let may_answer = may_answer(user, &loaded.view);
    let complete_form = if user.role.is_staff() {
        completion_form(user.csrf(), &loaded.view, completion)?
    } else {
        String::new()
    };
    let (power_ja, _) = power_named(loaded.view.action.kind, loaded.view.action.regime);
    let title = format!("{power_ja}（{}）", loaded.organization);
    page(
        status,
        &ActionPage {
            chrome: user.chrome(title).with_notice(notice),
            is_staff: user.role.is_staff(),
            may_answer,
            view: loaded.view,
            organization: loaded.organization,
            answers: loaded.answers,
            body,
            submitted_on,
            errors: errors.texts(Lang::Ja).into_iter().collect(),
            complete_form,
            panels: loaded.panels,
        },
    )
}

/// One action: its legal basis, due date, answers and their files, and — for a report
/// collection — the answer form (the entity's; staff record an answer received on paper).
#[utoipa::path(get, path = "/actions/{id}", tag = "pages", params(("id" = String, Path), ("answered" = Option<String>, Query, description = "after an answer: a notice"), ("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 404, description = "no such action, or one the viewer may not read")))]
#[get("/actions/{id}")]
pub async fn action_page(
    user: WebUser,
    db: web::Data<Db>,
    parts: web::Data<crate::web::parts::PageParts>,
    id: web::Path<String>,
    query: web::Query<ActionQuery>,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Action))?;
    let mut loaded = load(&db, &user, id).await?;
    loaded.panels = crate::web::parts::panels_of(
        &db,
        &parts,
        &user.principal,
        user.csrf(),
        crate::domain::work::RecordKind::Action,
        id,
        format!("/actions/{id}"),
    )
    .await?;
    let notice = match (query.answered.is_some(), query.done.as_deref()) {
        (true, _) => Some("回答を受け付けました。".to_owned()),
        (_, Some("saved")) => Some("結果を保存しました。".to_owned()),
        (_, Some("recorded")) => Some("監督措置を記録しました。".to_owned()),
        _ => None,
    };
    render(
        &user,
        StatusCode::OK,
        loaded,
        notice,
        String::new(),
        String::new(),
        &FieldErrors::new(),
        None,
    )
}

/// The action's page with its completion form as refused.
pub async fn action_page_with(
    user: &WebUser,
    db: &Db,
    id: i64,
    status: StatusCode,
    completion: FormState,
) -> Result<HttpResponse, WebError> {
    let loaded = load(db, user, id).await?;
    render(
        user,
        status,
        loaded,
        None,
        String::new(),
        String::new(),
        &FieldErrors::new(),
        Some(completion),
    )
}

/// Answers a report collection from its page: the text, and files in the same form.
#[utoipa::path(post, path = "/actions/{id}/responses", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token`, `body`, (staff) `submitted_on`, and parts named `file`"), responses((status = 303, description = "filed: back to the action"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such action, or one the viewer may not read"), (status = 409, description = "not a report collection, or completed"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "the form, with its refusals")))]
#[post("/actions/{id}/responses")]
pub async fn answer_page(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Action))?;
    user.check_csrf(&form.form)?;
    // Another entity's action is not there, whatever the form says.
    let action = commands::readable_action(&db, &user, id, today()).await?;
    let body = form.form.get("body").unwrap_or_default().to_owned();
    let submitted_on = form
        .form
        .get("submitted_on")
        .map(str::trim)
        .unwrap_or_default()
        .to_owned();
    let mut json = serde_json::json!({ "body": body });
    if !submitted_on.is_empty() {
        json["submitted_on"] = serde_json::json!(submitted_on);
    }
    let refuse = |errors: FieldErrors, status| {
        let (db, user) = (db.clone(), &user);
        let (body, submitted_on) = (body.clone(), submitted_on.clone());
        async move {
            let loaded = load(&db, user, id).await?;
            render(
                user,
                status,
                loaded,
                None,
                body,
                submitted_on,
                &errors,
                None,
            )
        }
    };
    // Refused files are shown beside the form with what was typed, and nothing is filed.
    let (file_errors, status) = match form.refused {
        Some(AppError::FilesTooLarge(f)) => (f, StatusCode::PAYLOAD_TOO_LARGE),
        Some(AppError::FileTypesRefused(f)) => (f, StatusCode::UNSUPPORTED_MEDIA_TYPE),
        Some(AppError::Validation(f)) => (f, StatusCode::UNPROCESSABLE_ENTITY),
        Some(other) => return Err(other.into()),
        None => (FieldErrors::new(), StatusCode::UNPROCESSABLE_ENTITY),
    };
    let answer: NewResponse = match forms::parse_value(&json, FieldErrors::new()) {
        Ok(answer) if file_errors.is_empty() => answer,
        Ok(_) => return refuse(file_errors, status).await,
        Err(mut errors) => {
            errors.merge_new(file_errors);
            return refuse(errors, status).await;
        }
    };
    let settings = crate::notify::MailSettings::from(&config.mail);
    let answered =
        commands::answer_collection(&db, &user, &action, answer, form.files, settings, today())
            .await;
    match answered {
        Ok(_) => Ok(see_other(&format!("/actions/{id}?answered=1"))),
        Err(AppError::Validation(errors)) => refuse(errors, StatusCode::UNPROCESSABLE_ENTITY).await,
        Err(other) => Err(other.into()),
    }
}

fn completion_sections(kind: ActionKind) -> Vec<Section> {
    let mut fields = vec![
        Field::new("ended_on", "終了日", Input::Date).hint("措置を終えた日。空欄なら実施中です。"),
    ];
    if kind.records_compliance() {
        fields.push(Field::new(
            "complied",
            "措置に従ったか",
            Input::Select(vec![
                ("true".into(), "従った".into()),
                ("false".into(), "従わなかった".into()),
            ]),
        ));
    }
    fields.push(Field::new("published", "公表した", Input::Checkbox));
    fields.push(Field::new("notes", "メモ", Input::TextArea));
    vec![Section {
        legend: "結果",
        fields,
    }]
}

/// The form that completes an action, on its page (staff only); prefilled with the action.
pub fn completion_form(
    csrf: String,
    view: &ActionView,
    state: Option<FormState>,
) -> Result<String, AppError> {
    let action = &view.action;
    let state = state.unwrap_or_else(|| {
        let mut values = Values::default();
        if let Some(ended) = action.ended_on {
            values.set("ended_on", ended.to_string());
        }
        if let Some(complied) = action.complied {
            values.set("complied", complied.to_string());
        }
        if action.published {
            values.set("published", "true");
        }
        if let Some(notes) = &action.notes {
            values.set("notes", notes.clone());
        }
        FormState::with(values)
    });
    FormPart::html(
        "complete",
        "結果を記録する",
        format!("/actions/{}/complete", action.id),
        "保存する",
        csrf,
        &completion_sections(action.kind),
        &state,
    )
}

/// Completes an action from its page: end date, whether it was complied with, published, notes.
#[utoipa::path(post, path = "/actions/{id}/complete", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `ended_on`, `complied`, `published`, `notes` (empty clears)"), responses((status = 303, description = "done: to the action's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such action"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/actions/{id}/complete")]
pub async fn complete_action(
    user: WebUser<crate::auth::StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Action))?;
    let today = today();
    let view = db
        .read(move |conn| actions::find(conn, id, today))
        .await?
        .ok_or(AppError::NotFound(Missing::Action))?;
    let sections = completion_sections(view.action.kind);
    let (values, parsed) = forms::changes::<ActionChanges>(&form, &sections);
    let outcome = match parsed {
        Ok(changes) => commands::update_action(&db, user.actor(), id, changes, today)
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/actions/{id}?done=saved"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            action_page_with(&user.any_role(), &db, id, status, state).await
        }
    }
}
