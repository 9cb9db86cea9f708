//! Staff's pages of the registers the Commission keeps itself: the accredited bodies (認定, 変更,
//! 取消し), the publications of anonymised information, and the registers' counts as of a day.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::records::organizations;
use crate::registers::anonymised::{self, NewPublication, PublicationFilter};
use crate::registers::bodies::{
    self, AccreditedBody, BodyChanges, BodyFilter, NewBody, Revocation,
};
use crate::registers::guidelines::{self, Guideline, NewGuideline};
use crate::registers::labels::{BODY, GUIDELINE, PUBLICATION};
use crate::registers::{SummaryQuery, commands};
use crate::web::forms::{
    self, DoneQuery, Field, FormPage, FormPart, FormState, Input, Section, Values,
    organization_options, yes_no,
};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::{FormData, WebUser};
use crate::web::uploads::FilesForm;
use crate::web::{WebError, page, record_id, see_other};

fn body_sections() -> Vec<Section> {
    vec![Section {
        legend: "認定個人情報保護団体",
        fields: vec![
            Field::of(&BODY, "name", Input::Text).required(),
            Field::of(&BODY, "corporate_number", Input::Text)
                .hint("13桁（先頭の1桁はチェックディジット）。"),
            Field::of(&BODY, "accredited_on", Input::Date).required(),
            Field::of(&BODY, "sector", Input::Text).required(),
            Field::of(&BODY, "scope", Input::TextArea).required(),
        ],
    }]
}

/// The files a guideline may be (the file store's types).
const GUIDELINE_FILES: &str = ".pdf,.docx,.xlsx,.pptx,.txt,.png,.jpg,.jpeg";

fn guideline_sections() -> Vec<Section> {
    vec![Section {
        legend: "個人情報保護指針（法第54条）",
        fields: vec![
            Field::of(&GUIDELINE, "version", Input::Text)
                .required()
                .hint("この団体の指針の中で重ならない名称。"),
            Field::of(&GUIDELINE, "title", Input::Text),
            Field::of(&GUIDELINE, "published_on", Input::Date).required(),
            Field::of(&GUIDELINE, "file", Input::File(GUIDELINE_FILES))
                .required()
                .hint("PDF、Word など。1 ファイル 20 MiB まで。種類はファイルの内容で判定します。"),
        ],
    }]
}

fn revocation_sections() -> Vec<Section> {
    vec![Section {
        legend: "認定の取消し（法第155条）",
        fields: vec![
            Field::new("revoked_on", "取消しの日", Input::Date).required(),
            Field::new("reason", "取消しの理由", Input::TextArea).required(),
        ],
    }]
}

/// The accredited bodies, current and revoked.
#[utoipa::path(get, path = "/registers/bodies", tag = "pages", params(BodyFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/registers/bodies")]
pub async fn bodies_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "認定個人情報保護団体",
        lead: "個人情報の保護に関する法律第47条第1項の認定を受けた団体と、その取消しです。",
        path: "/registers/bodies",
        file: "accredited-bodies",
        links: vec![
            Link {
                href: "/registers/bodies/new".into(),
                label: "認定を記録する",
            },
            Link {
                href: "/public/registers/accredited-bodies".into(),
                label: "公表している一覧",
            },
        ],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new("in_force_on", "この日に認定を受けている団体", Input::Date),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<BodyFilter>(&request, &list.sections);
    let full = lists::Full::of(&BODY, organizations::names_in, bodies::list);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &BodyFilter| {
        let found = bodies::list(conn, filter)?;
        Ok(Table {
            caption: "認定個人情報保護団体",
            columns: vec![
                "番号",
                "団体の名称",
                "認定日",
                "対象事業者の業種",
                "取消しの日",
            ],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|b| {
                    let href = format!("/registers/bodies/{}", b.id);
                    vec![
                        Cell::link(b.id, &href),
                        Cell::link(&b.name, &href),
                        Cell::date(Some(b.accredited_on)),
                        Cell::text(&b.sector),
                        Cell::date(b.revoked_on),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("認定個人情報保護団体"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

const NEW_BODY: (&str, &str, &str) = (
    "認定個人情報保護団体の認定",
    "法第47条第1項の認定を記録します。認定の日から公表している一覧に載ります。",
    "記録する",
);

#[utoipa::path(get, path = "/registers/bodies/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/registers/bodies/new")]
pub async fn new_body(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_BODY.0),
            NEW_BODY,
            "/registers/bodies/new".into(),
            &body_sections(),
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/registers/bodies/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the body's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/registers/bodies/new")]
pub async fn create_body(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = body_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewBody>(&sections, &values) {
        Ok(new) => commands::accredit(&db, &user, new, today())
            .await
            .map(|b| format!("/registers/bodies/{}?done=created", b.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_BODY.0), "/registers/bodies/new".into());
    forms::answered(outcome, values, chrome, NEW_BODY, action, &body_sections())
}

#[derive(Template)]
#[template(path = "registers/body.html")]
struct BodyPage {
    chrome: Chrome,
    body: AccreditedBody,
    guidelines: Vec<ShownGuideline>,
    forms: Vec<String>,
}

/// A guideline as the body's page lists it.
struct ShownGuideline {
    version: String,
    title: String,
    published_on: String,
    file_id: i64,
    filename: String,
    public_url: String,
}

impl From<Guideline> for ShownGuideline {
    fn from(guideline: Guideline) -> Self {
        Self {
            version: guideline.version,
            title: guideline.title.unwrap_or_else(|| "－".to_owned()),
            published_on: guideline.published_on.to_string(),
            file_id: guideline.file.id,
            filename: guideline.file.filename,
            public_url: guideline.public_url,
        }
    }
}

impl BodyPage {
    /// A field's short label, as the body's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        BODY.short(field)
    }

    /// A guideline's field's short label, as the guideline's vocabulary names it.
    fn guideline_label<'a>(&self, field: &'a str) -> &'a str {
        GUIDELINE.short(field)
    }
}

/// Which of the body page's forms came back refused, with its state.
enum Refused {
    Edit(FormState),
    Revocation(FormState),
    Guideline(FormState),
}

async fn body_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<HttpResponse, WebError> {
    let (body, guidelines) = db
        .read(move |conn| match bodies::find(conn, id)? {
            Some(body) => Ok(Some((body, guidelines::of_body(conn, id)?))),
            None => Ok(None),
        })
        .await?
        .ok_or(AppError::NotFound(Missing::AccreditedBody))?;
    let (mut edit, mut revocation, mut guideline) = (None, None, None);
    match refused {
        Some(Refused::Edit(state)) => edit = Some(state),
        Some(Refused::Revocation(state)) => revocation = Some(state),
        Some(Refused::Guideline(state)) => guideline = Some(state),
        None => {}
    }
    let sections = body_sections();
    let edit = edit.unwrap_or_else(|| {
        let json = serde_json::to_value(&body).unwrap_or_default();
        FormState::with(match &json {
            Value::Object(object) => Values::from_json(object, &sections),
            _ => Values::default(),
        })
    });
    let mut shown_forms = vec![FormPart::html(
        "edit",
        "登録内容を変更する",
        format!("/registers/bodies/{id}/edit"),
        "保存する",
        user.csrf(),
        &sections,
        &edit,
    )?];
    if body.revoked_on.is_none() {
        shown_forms.push(FormPart::html(
            "guideline",
            "個人情報保護指針を公表する",
            format!("/registers/bodies/{id}/guidelines"),
            "公表する",
            user.csrf(),
            &guideline_sections(),
            &guideline.unwrap_or_default(),
        )?);
        shown_forms.push(FormPart::html(
            "revocation",
            "認定を取り消す",
            format!("/registers/bodies/{id}/revoke"),
            "取消しを記録する",
            user.csrf(),
            &revocation_sections(),
            &revocation.unwrap_or_default(),
        )?);
    }
    page(
        status,
        &BodyPage {
            chrome: user.chrome(body.name.clone()).with_notice(notice),
            body,
            guidelines: guidelines.into_iter().map(ShownGuideline::from).collect(),
            forms: shown_forms,
        },
    )
}

/// An accredited body, the form that edits it and the one that revokes its accreditation.
#[utoipa::path(get, path = "/registers/bodies/{id}", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such body")))]
#[get("/registers/bodies/{id}")]
pub async fn body_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::AccreditedBody)?;
    let notice = match query.done.as_deref() {
        Some("created") => Some("認定を記録しました。".to_owned()),
        Some("saved") => Some("登録内容を保存しました。".to_owned()),
        Some("revoked") => Some("認定の取消しを記録しました。".to_owned()),
        Some("guideline") => Some("個人情報保護指針を公表しました。".to_owned()),
        _ => None,
    };
    body_answer(&user, &db, id, StatusCode::OK, notice, None).await
}

#[utoipa::path(post, path = "/registers/bodies/{id}/edit", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON; empty clears)"), responses((status = 303, description = "done: to the body's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such body"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/bodies/{id}/edit")]
pub async fn edit_body(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::AccreditedBody)?;
    let (values, parsed) = forms::changes::<BodyChanges>(&form, &body_sections());
    let outcome = match parsed {
        Ok(changes) => commands::update_body(&db, &user, id, changes, today())
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/registers/bodies/{id}?done=saved"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            body_answer(&user, &db, id, status, None, Some(Refused::Edit(state))).await
        }
    }
}

#[utoipa::path(post, path = "/registers/bodies/{id}/revoke", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `revoked_on`, `reason`"), responses((status = 303, description = "done: to the body's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such body"), (status = 409, description = "already revoked: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/bodies/{id}/revoke")]
pub async fn revoke_body(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::AccreditedBody)?;
    let sections = revocation_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<Revocation>(&sections, &values) {
        Ok(revocation) => commands::revoke(&db, &user, id, revocation, today())
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/registers/bodies/{id}?done=revoked"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            body_answer(
                &user,
                &db,
                id,
                status,
                None,
                Some(Refused::Revocation(state)),
            )
            .await
        }
    }
}

#[utoipa::path(post, path = "/registers/bodies/{id}/guidelines", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "`csrf_token`, `version`, `title`, `published_on`, and one part named `file`"), responses((status = 303, description = "published: to the body's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such body"), (status = 409, description = "a version the body has already: the page again, with the reason"), (status = 413, description = "the file too large, or more than one"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/bodies/{id}/guidelines")]
pub async fn publish_guideline(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FilesForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form.form)?;
    let id = record_id(&id, Missing::AccreditedBody)?;
    let sections = guideline_sections();
    let values = Values::from_form(&form.form, &sections);
    let parsed = forms::parse::<NewGuideline>(&sections, &values);
    let mut files = form.files.into_iter();
    // A refused file keeps its status (413, 415) and shows beside its field with the others.
    let (outcome, file_status) = match (parsed, form.refused, files.next(), files.next()) {
        (Ok(new), None, Some(file), None) => (
            commands::publish_guideline(&db, &user, id, new, file, today())
                .await
                .map(|_| ()),
            None,
        ),
        (parsed, refused, file, more) => {
            let mut errors = parsed.err().unwrap_or_default();
            let status = match refused {
                Some(AppError::FilesTooLarge(why)) => {
                    errors.merge_new(why);
                    Some(StatusCode::PAYLOAD_TOO_LARGE)
                }
                Some(AppError::FileTypesRefused(why)) => {
                    errors.merge_new(why);
                    Some(StatusCode::UNSUPPORTED_MEDIA_TYPE)
                }
                Some(AppError::Validation(why)) => {
                    errors.merge_new(why);
                    None
                }
                Some(other) => return Err(other.into()),
                None if more.is_some() => {
                    errors.add("file", Refusal::TooManyFiles { limit: 1 });
                    None
                }
                None if file.is_none() => {
                    errors.add("file", Refusal::Required);
                    None
                }
                None => None,
            };
            (Err(AppError::Validation(errors)), status)
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/registers/bodies/{id}?done=guideline"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            let status = file_status.unwrap_or(status);
            body_answer(
                &user,
                &db,
                id,
                status,
                None,
                Some(Refused::Guideline(state)),
            )
            .await
        }
    }
}

async fn publication_sections(db: &Db) -> Result<Vec<Section>, AppError> {
    let organizations = db
        .read(|conn| organizations::choices(conn, organizations::FORM_CHOICES))
        .await?;
    Ok(vec![Section {
        legend: "匿名加工情報の作成等の公表（法第43条）",
        fields: vec![
            Field::of(
                &PUBLICATION,
                "organization_id",
                Input::Select(organization_options(organizations)),
            )
            .required(),
            Field::of(&PUBLICATION, "published_on", Input::Date).required(),
            Field::of(&PUBLICATION, "location", Input::Text).required(),
            Field::of(&PUBLICATION, "data_items", Input::Lines)
                .required()
                .hint("1行に1項目。"),
            Field::of(
                &PUBLICATION,
                "provided_to_third_parties",
                yes_no("提供する", "提供しない"),
            )
            .required(),
        ],
    }])
}

/// The publications of anonymised information, newest first.
#[utoipa::path(get, path = "/registers/anonymised", tag = "pages", params(PublicationFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/registers/anonymised")]
pub async fn publications_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "匿名加工情報の作成等の公表",
        lead: "匿名加工情報を作成し、又は第三者に提供した事業者の公表（法第43条第3項・第4項）です。半期の報告では、公表した事業者の数を数えます。",
        path: "/registers/anonymised",
        file: "anonymised-publications",
        links: vec![Link {
            href: "/registers/anonymised/new".into(),
            label: "公表を記録する",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new("organization_id", "事業者の番号", Input::Integer),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<PublicationFilter>(&request, &list.sections);
    let full = lists::Full::of(&PUBLICATION, organizations::names_in, anonymised::list);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &PublicationFilter| {
        let found = anonymised::list(conn, filter)?;
        let ids: Vec<i64> = found.items.iter().map(|p| p.organization_id).collect();
        let names = organizations::names(conn, &ids)?;
        Ok(Table {
            caption: "匿名加工情報の作成等の公表",
            columns: vec!["公表日", "事業者", "公表の場所", "情報の項目", "第三者提供"],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|p| {
                    vec![
                        Cell::date(Some(p.published_on)),
                        Cell::link(
                            names.get(&p.organization_id).cloned().unwrap_or_default(),
                            format!("/organizations/{}", p.organization_id),
                        ),
                        Cell::text(&p.location),
                        Cell::text(p.data_items.0.join("、")),
                        Cell::text(if p.provided_to_third_parties {
                            "あり"
                        } else {
                            "なし"
                        }),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("匿名加工情報の作成等の公表"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

const NEW_PUBLICATION: (&str, &str, &str) = (
    "匿名加工情報の作成等の公表の記録",
    "事業者が匿名加工情報の作成又は第三者提供を公表したことを記録します。同じ事業者が何度公表しても、数えるのは事業者の数です。",
    "記録する",
);

#[utoipa::path(get, path = "/registers/anonymised/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/registers/anonymised/new")]
pub async fn new_publication(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_PUBLICATION.0),
            NEW_PUBLICATION,
            "/registers/anonymised/new".into(),
            &publication_sections(&db).await?,
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/registers/anonymised/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the list"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/registers/anonymised/new")]
pub async fn create_publication(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = publication_sections(&db).await?;
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewPublication>(&sections, &values) {
        Ok(new) => commands::record_publication(&db, &user, new, today())
            .await
            .map(|p| {
                format!(
                    "/registers/anonymised?organization_id={}",
                    p.organization_id
                )
            }),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (
        user.chrome(NEW_PUBLICATION.0),
        "/registers/anonymised/new".into(),
    );
    forms::answered(outcome, values, chrome, NEW_PUBLICATION, action, &sections)
}

#[derive(Template)]
#[template(path = "registers/index.html")]
struct IndexPage {
    chrome: Chrome,
    as_of: String,
    from: String,
    summary: Option<crate::registers::RegistersSummary>,
    problem: Option<String>,
}

/// The registers, with their counts as of a day (the half-year report's 「９月30日現在」).
#[utoipa::path(get, path = "/registers", tag = "pages", params(SummaryQuery), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the refusal")))]
#[get("/registers")]
pub async fn registers_index(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let parsed: Result<SummaryQuery, AppError> = crate::http::parse_query(request.query_string());
    let (asked_as_of, asked_from) = {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_str(request.query_string()).unwrap_or_default();
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        (get("as_of"), get("from"))
    };
    let counted = match parsed.and_then(|query| query.span(today())) {
        Ok((from, as_of)) => commands::summary(&db, from, as_of).await.map(Some),
        Err(error) => Err(error),
    };
    let (status, summary, problem) = match counted {
        Ok(summary) => (StatusCode::OK, summary, None),
        Err(AppError::Validation(errors)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(refusals_ja(&errors)),
        ),
        Err(other) => return Err(other.into()),
    };
    page(
        status,
        &IndexPage {
            chrome: user.chrome("届出・認定等の名簿"),
            as_of: summary
                .as_ref()
                .map_or(asked_as_of, |s| s.as_of.to_string()),
            from: asked_from,
            summary,
            problem,
        },
    )
}

/// Every refusal of a query, in Japanese, named by its field's label.
fn refusals_ja(errors: &FieldErrors) -> String {
    errors
        .texts(crate::error::Lang::Ja)
        .into_iter()
        .map(|(field, texts)| {
            let label = match field.as_str() {
                "as_of" => "基準日",
                "from" => "取消しを数える最初の日",
                other => other,
            };
            format!("{label}：{}", texts.join("、"))
        })
        .collect::<Vec<_>>()
        .join("／")
}
