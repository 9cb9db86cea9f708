//! The register of organizations (事業者等) on the pages: search by name and corporate number,
//! registration, and each organization's page with its reports, cases, actions and users and
//! the form that edits it — on the commands the API uses (`organizations::commands`).

use crate::organizations::labels::ORGANIZATION;
use crate::web::parts::{PageParts, RelatedTable};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::organization::OrganizationKind;
use crate::domain::prefecture::PREFECTURES;
use crate::error::{AppError, Missing};
use crate::organizations::{
    NewOrganization, Organization, OrganizationChanges, OrganizationFilter, commands,
    store as organizations,
};
use crate::web::forms::{
    self, DoneQuery, Field, FormPage, FormPart, FormState, Input, Section, Values, options,
};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

fn kind_input() -> Input {
    Input::Select(options(
        OrganizationKind::ALL,
        OrganizationKind::as_str,
        OrganizationKind::label_ja,
    ))
}

fn organization_sections() -> Vec<Section> {
    let name = Field::of(&ORGANIZATION, "name", Input::Text);
    let kind = Field::of(&ORGANIZATION, "kind", kind_input());
    vec![Section {
        legend: "事業者等",
        fields: vec![
            name.required(),
            kind.required(),
            Field::of(&ORGANIZATION, "corporate_number", Input::Text).hint(
                "13桁（先頭の1桁はチェックディジット）。国税庁の法人番号公表サイトで確認できます。",
            ),
            Field::of(
                &ORGANIZATION,
                "prefecture",
                Input::Select(
                    PREFECTURES
                        .iter()
                        .map(|p| ((*p).to_owned(), (*p).to_owned()))
                        .collect(),
                ),
            ),
            Field::of(&ORGANIZATION, "contact_email", Input::Text)
                .hint("報告徴収などの通知の宛先です。"),
        ],
    }]
}

/// The register, with search by name, corporate number and kind.
#[utoipa::path(get, path = "/organizations", tag = "pages", params(OrganizationFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/organizations")]
pub async fn organizations_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "事業者等の一覧",
        lead: "漏えい等報告を提出する事業者・行政機関等と、事案の関係機関です。",
        path: "/organizations",
        file: "organizations",
        links: vec![Link {
            href: "/organizations/new".into(),
            label: "事業者等を登録する",
        }],
        sections: vec![Section {
            legend: "検索",
            fields: vec![
                Field::new("name", "名称の一部", Input::Text),
                Field::new("corporate_number", "法人番号", Input::Text),
                Field::new("kind", "種別", kind_input()),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<OrganizationFilter>(&request, &list.sections);
    let viewer = user.principal.clone();
    let full = {
        let viewer = viewer.clone();
        lists::Full::of(
            &ORGANIZATION,
            crate::records::organizations::names_in,
            move |conn, filter: &OrganizationFilter| organizations::list(conn, &viewer, filter),
        )
    };
    let fetch = move |conn: &mut crate::db::DbConnection, filter: &OrganizationFilter| {
        let found = organizations::list(conn, &viewer, filter)?;
        Ok(Table {
            caption: "事業者等",
            columns: vec!["番号", "名称", "種別", "法人番号", "都道府県"],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|view| {
                    let o = view.organization;
                    let href = format!("/organizations/{}", o.id);
                    vec![
                        Cell::link(o.id, &href),
                        Cell::link(&o.name, &href),
                        Cell::text(o.kind.label_ja()),
                        Cell::text(o.corporate_number.as_deref().unwrap_or("—")),
                        Cell::text(o.prefecture.as_deref().unwrap_or("—")),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("事業者等の一覧"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

const NEW_ORGANIZATION: (&str, &str, &str) = (
    "事業者等の登録",
    "法人番号はチェックディジットで確かめます。",
    "登録する",
);

#[utoipa::path(get, path = "/organizations/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/organizations/new")]
pub async fn new_organization(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_ORGANIZATION.0),
            NEW_ORGANIZATION,
            "/organizations/new".into(),
            &organization_sections(),
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/organizations/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the organization's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/organizations/new")]
pub async fn create_organization(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = organization_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewOrganization>(&sections, &values) {
        Ok(new) => commands::register(&db, user.actor(), new)
            .await
            .map(|o| format!("/organizations/{}?done=created", o.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_ORGANIZATION.0), "/organizations/new".into());
    forms::answered(outcome, values, chrome, NEW_ORGANIZATION, action, &sections)
}

#[derive(Template)]
#[template(path = "organizations/organization.html")]
struct OrganizationPage {
    chrome: Chrome,
    organization: Organization,
    tables: Vec<(&'static str, Table, String)>,
    edit_form: String,
}

impl OrganizationPage {
    /// A field's short label, as the organization's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        ORGANIZATION.short(field)
    }
}

async fn organization_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    parts: web::Data<PageParts>,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    edit: Option<FormState>,
) -> Result<HttpResponse, WebError> {
    let (viewer, today) = (user.principal.clone(), today());
    let (organization, tables) = db
        .read(move |conn| {
            let organization =
                organizations::find(conn, id)?.ok_or(AppError::NotFound(Missing::Organization))?;
            let tables = parts
                .about_organization(conn, &viewer, id, today)?
                .into_iter()
                .map(
                    |RelatedTable {
                         heading,
                         table,
                         more,
                     }| (heading, table, more),
                )
                .collect();
            Ok((organization, tables))
        })
        .await?;
    let sections = organization_sections();
    let edit = edit.unwrap_or_else(|| {
        let json = serde_json::to_value(&organization).unwrap_or_default();
        FormState::with(match &json {
            Value::Object(object) => Values::from_json(object, &sections),
            _ => Values::default(),
        })
    });
    let edit_form = FormPart::html(
        "edit",
        "登録内容を変更する",
        format!("/organizations/{id}/edit"),
        "保存する",
        user.csrf(),
        &sections,
        &edit,
    )?;
    page(
        status,
        &OrganizationPage {
            chrome: user.chrome(organization.name.clone()).with_notice(notice),
            organization,
            tables,
            edit_form,
        },
    )
}

/// An organization: its details, reports, cases, actions and users, and the form that edits it.
#[utoipa::path(get, path = "/organizations/{id}", tag = "pages", params(("id" = String, Path), ("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such organization")))]
#[get("/organizations/{id}")]
pub async fn organization_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<PageParts>,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Organization)?;
    let notice = match query.done.as_deref() {
        Some("created") => Some("事業者等を登録しました。".to_owned()),
        Some("saved") => Some("登録内容を保存しました。".to_owned()),
        _ => None,
    };
    organization_answer(&user, &db, parts, id, StatusCode::OK, notice, None).await
}

#[utoipa::path(post, path = "/organizations/{id}/edit", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON; empty clears)"), responses((status = 303, description = "done: to the organization's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such organization"), (status = 409, description = "refused by a rule: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/organizations/{id}/edit")]
pub async fn edit_organization(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<PageParts>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Organization)?;
    let sections = organization_sections();
    let (values, parsed) = forms::changes::<OrganizationChanges>(&form, &sections);
    let outcome = match parsed {
        Ok(changes) => commands::update(&db, user.actor(), id, changes)
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/organizations/{id}?done=saved"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            organization_answer(&user, &db, parts, id, status, None, Some(state)).await
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::organizations::labels::ORGANIZATION;

    /// Every field of the organization form is labelled by the organization's vocabulary, so an
    /// import's column headed by the form's label is read as its field.
    #[test]
    fn every_field_of_the_organization_form_is_in_its_vocabulary() {
        for section in super::organization_sections() {
            for field in section.fields {
                let term = ORGANIZATION.term(field.label).map(|t| t.name);
                assert_eq!(term, Some(field.name), "{}", field.label);
            }
        }
    }
}
