//! The users, managed by admins in the browser: the list (role, e-mail, disabled), a new user
//! with an initial password shown once, and each user's page — disable or enable, reset the
//! password (shown once) or the second factor, end every session and token — on the commands of
//! `auth::account` and `auth::commands`.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use crate::auth::AdminOnly;
use crate::auth::account::{self, AdminAction, UserFilter, UserView};
use crate::auth::commands::{NewUser, create_web_user};
use crate::db::Db;
use crate::domain::access::Role;
use crate::error::{AppError, Missing};
use crate::web::forms::{
    self, Field, FormPage, FormState, Input, Section, Values, options, yes_no,
};
use crate::web::layout::{Chrome, role_ja};
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

fn at(instant: Option<chrono::NaiveDateTime>) -> String {
    instant
        .map(|at| crate::clock::japan_minute(&at))
        .unwrap_or_else(|| "—".into())
}

fn role_input() -> Input {
    Input::Select(options(Role::ALL, Role::as_str, role_ja))
}

/// The users, by e-mail, with their role, organization, state, second factor and last login.
#[utoipa::path(get, path = "/admin/users", tag = "pages", params(("role" = Option<String>, Query), ("email" = Option<String>, Query, description = "part of the e-mail address"), ("disabled" = Option<bool>, Query), ("per_page" = Option<u32>, Query), ("page" = Option<u32>, Query), ("format" = Option<String>, Query, description = "`csv` or `xlsx`: the whole filtered list (every page), as CSV for people or as an Excel workbook, streamed")), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/admin/users")]
pub async fn users_list(
    user: WebUser<AdminOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "利用者の一覧",
        lead: "職員・管理者と、事業者等の報告担当者です。",
        path: "/admin/users",
        file: "users",
        links: vec![Link {
            href: "/admin/users/new".into(),
            label: "利用者を登録する",
        }],
        sections: vec![Section {
            legend: "検索",
            fields: vec![
                Field::new("email", "メールアドレスの一部", Input::Text),
                Field::new("role", "権限", role_input()),
                Field::new("disabled", "状態", yes_no("利用停止中", "利用中")),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<UserFilter>(&request, &list.sections);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &UserFilter| {
        let (users, total) = account::list(conn, filter)?;
        Ok(Table {
            caption: "利用者",
            columns: vec![
                "番号",
                "メールアドレス",
                "権限",
                "所属",
                "状態",
                "二要素認証",
                "最終ログイン",
            ],
            total,
            rows: users
                .into_iter()
                .map(|u| {
                    let href = format!("/admin/users/{}", u.id);
                    vec![
                        Cell::link(u.id, &href),
                        Cell::link(&u.email, &href),
                        Cell::text(role_ja(u.role)),
                        Cell::text(
                            u.organization
                                .map(|(_, name)| name)
                                .unwrap_or_else(|| "—".into()),
                        ),
                        Cell::text(if u.disabled_at.is_some() {
                            "利用停止中"
                        } else {
                            "利用中"
                        })
                        .strong(u.disabled_at.is_some()),
                        Cell::text(if u.second_factor {
                            "有効"
                        } else {
                            "未設定"
                        }),
                        Cell::text(at(u.last_login)),
                    ]
                })
                .collect(),
        })
    };
    lists::serve(
        list,
        user.chrome("利用者の一覧"),
        &db,
        &asked,
        filter,
        fetch,
    )
    .await
}

fn new_user_sections() -> Vec<Section> {
    vec![Section {
        legend: "利用者",
        fields: vec![
            Field::new("email", "メールアドレス", Input::Text).required(),
            Field::new("role", "権限", role_input()).required(),
            Field::new("organization", "所属する事業者等の番号", Input::Integer)
                .hint("報告者のみ。事業者等の一覧の「番号」です。職員・管理者は空欄にします。"),
        ],
    }]
}

const NEW_USER: (&str, &str, &str) = (
    "利用者の登録",
    "初期パスワードは登録後に一度だけ表示されます。本人に安全な方法で伝え、ログイン後に変更してもらってください。",
    "登録する",
);

#[utoipa::path(get, path = "/admin/users/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/admin/users/new")]
pub async fn new_user(user: WebUser<AdminOnly>) -> Result<HttpResponse, WebError> {
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_USER.0),
            NEW_USER,
            "/admin/users/new".into(),
            &new_user_sections(),
            &FormState::default(),
        ),
    )
}

#[derive(Template)]
#[template(path = "accounts/user_password.html")]
struct PasswordShown {
    chrome: Chrome,
    heading: &'static str,
    email: String,
    password: String,
    user_href: String,
}

/// The input of the new-user form, as the command takes it.
#[derive(serde::Deserialize, validator::Validate)]
#[serde(deny_unknown_fields)]
struct NewUserForm {
    #[validate(length(min = 3, max = 320))]
    email: String,
    role: Role,
    organization: Option<i64>,
}

#[utoipa::path(post, path = "/admin/users/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `email`, `role`, `organization`"), responses((status = 200, description = "created: the initial password, shown this once"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "the e-mail is taken: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/admin/users/new")]
pub async fn create_user(
    user: WebUser<AdminOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = new_user_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewUserForm>(&sections, &values) {
        Ok(new) => {
            let email = new.email.trim().to_lowercase();
            create_web_user(
                &db,
                user.actor(),
                NewUser {
                    email: email.clone(),
                    role: new.role,
                    organization_id: new.organization,
                    password: None,
                },
            )
            .await
            .map(|(id, password)| (id, email, password))
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok((id, email, password)) => page(
            StatusCode::OK,
            &PasswordShown {
                chrome: user
                    .chrome("利用者を登録しました")
                    .with_notice(Some("利用者を登録しました。".into())),
                heading: "利用者を登録しました",
                email,
                password: password.expose().to_owned(),
                user_href: format!("/admin/users/{id}"),
            },
        ),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            page(
                status,
                &FormPage::new(
                    user.chrome(NEW_USER.0),
                    NEW_USER,
                    "/admin/users/new".into(),
                    &sections,
                    &state,
                ),
            )
        }
    }
}

#[derive(Template)]
#[template(path = "accounts/user.html")]
struct UserPage {
    chrome: Chrome,
    user: UserView,
    role: &'static str,
    created: String,
    disabled: String,
    last_login: String,
    csrf: String,
    own: bool,
    problem: Option<String>,
}

async fn user_answer(
    admin: &WebUser<AdminOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    problem: Option<String>,
) -> Result<HttpResponse, WebError> {
    let found = db
        .read(move |conn| account::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Record))?;
    page(
        status,
        &UserPage {
            chrome: admin.chrome(found.email.clone()).with_notice(notice),
            role: role_ja(found.role),
            created: at(Some(found.created_at)),
            disabled: at(found.disabled_at),
            last_login: at(found.last_login),
            csrf: admin.csrf(),
            own: found.id == admin.user_id,
            problem,
            user: found,
        },
    )
}

#[utoipa::path(get, path = "/admin/users/{id}", tag = "pages", params(("id" = String, Path), ("done" = Option<String>, Query, description = "after an action: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such user")))]
#[get("/admin/users/{id}")]
pub async fn user_page(
    admin: WebUser<AdminOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: web::Query<forms::DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Record)?;
    let notice = query
        .done
        .as_deref()
        .and_then(AdminAction::parse)
        .map(|action| action.done_ja().to_owned());
    user_answer(&admin, &db, id, StatusCode::OK, notice, None).await
}

/// An admin's action on a user: `disable`, `enable`, `reset_password` (the new password shown
/// once), `reset_totp`, `end_sessions`.
#[utoipa::path(post, path = "/admin/users/{id}/{action}", tag = "pages", params(("id" = String, Path), ("action" = String, Path, description = "disable, enable, reset_password, reset_totp or end_sessions")), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 200, description = "a reset password, shown this once"), (status = 303, description = "done: to the user's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such user or action"), (status = 409, description = "not on one's own account: the page with the reason")))]
#[post("/admin/users/{id}/{action}")]
pub async fn administer(
    admin: WebUser<AdminOnly>,
    db: web::Data<Db>,
    path: web::Path<(String, String)>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    admin.check_csrf(&form)?;
    let (id, action) = path.into_inner();
    let id = record_id(&id, Missing::Record)?;
    let action = AdminAction::parse(&action).ok_or(AppError::NotFound(Missing::Page))?;
    match account::administer(&db, admin.actor(), id, action).await {
        Ok(Some(password)) => {
            let email = db
                .read(move |conn| account::find(conn, id))
                .await?
                .map(|u| u.email)
                .unwrap_or_default();
            page(
                StatusCode::OK,
                &PasswordShown {
                    chrome: admin
                        .chrome("パスワードを再設定しました")
                        .with_notice(Some(action.done_ja().into())),
                    heading: "パスワードを再設定しました",
                    email,
                    password: password.expose().to_owned(),
                    user_href: format!("/admin/users/{id}"),
                },
            )
        }
        Ok(None) => Ok(see_other(&format!(
            "/admin/users/{id}?done={}",
            action.code()
        ))),
        Err(AppError::Conflict(refusal)) => {
            user_answer(
                &admin,
                &db,
                id,
                StatusCode::CONFLICT,
                None,
                Some(refusal.ja()),
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
