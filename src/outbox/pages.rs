//! The outbox's page (admins): what waits, what was sent, what failed, with a retry of a failed
//! message.

use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::OutboxFilter;
use crate::auth::AdminOnly;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::web::forms::{Field, Input, Section};
use crate::web::lists::{self, Cell, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, see_other};

fn status_ja(status: &str) -> &'static str {
    match status {
        "pending" => "送信待ち",
        "sending" => "送信中",
        "sent" => "送信済み",
        "failed" => "送信失敗",
        _ => "—",
    }
}

/// The outbox, newest first, by status and kind; a failed message has a retry button.
#[utoipa::path(get, path = "/outbox", tag = "pages", params(OutboxFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/outbox")]
pub async fn outbox(
    user: WebUser<AdminOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "送信メール（アウトボックス）",
        lead: "送信失敗のメールは「再送する」で送信待ちに戻せます。",
        path: "/outbox",
        file: "outbox",
        links: Vec::new(),
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new(
                    "status",
                    "状態",
                    Input::Select(
                        ["pending", "sending", "sent", "failed"]
                            .iter()
                            .map(|s| ((*s).to_owned(), status_ja(s).to_owned()))
                            .collect(),
                    ),
                ),
                Field::new("kind", "種類", Input::Text),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<OutboxFilter>(&request, &list.sections);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &OutboxFilter| {
        let found = super::store::list(conn, filter)?;
        Ok(Table {
            caption: "送信メール",
            columns: vec![
                "番号",
                "状態",
                "種類",
                "宛先",
                "件名",
                "試行",
                "最後のエラー",
                "再送",
            ],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|m| {
                    vec![
                        Cell::text(m.id),
                        Cell::text(status_ja(&m.status)).strong(m.status == "failed"),
                        Cell::text(&m.kind),
                        Cell::text(&m.recipient),
                        Cell::text(&m.subject),
                        Cell::text(m.attempts),
                        Cell::text(m.last_error.unwrap_or_default()),
                        if m.status == "failed" {
                            Cell::button("再送する", format!("/outbox/{}/retry", m.id))
                        } else {
                            Cell::text("—")
                        },
                    ]
                })
                .collect(),
        })
    };
    lists::serve(list, user.chrome("送信メール"), &db, &asked, filter, fetch).await
}

/// Sends a failed message again.
#[utoipa::path(post, path = "/outbox/{id}/retry", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "queued again: to the outbox"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such message"), (status = 409, description = "not a failed message")))]
#[post("/outbox/{id}/retry")]
pub async fn retry(
    user: WebUser<AdminOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::OutboxMessage))?;
    crate::notify::retry(&db, user.actor(), id).await?;
    Ok(see_other("/outbox?status=pending"))
}
