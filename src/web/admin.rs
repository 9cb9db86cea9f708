//! The administration pages: the audit trail of any record (who, when, what changed), reached
//! from each record's page, and the outbox (what waits, what failed) with its retry.

use actix_web::{HttpRequest, HttpResponse, get, post, web};

use super::forms::{Field, Input, Section};
use super::lists::{self, Cell, List, Table};
use super::session::FormData;
use super::{WebError, WebUser, see_other};
use crate::audit::{AuditFilter, store as audit};
use crate::auth::{AdminOnly, StaffOnly};
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::notify::handlers::OutboxFilter;

/// Where a record of the trail is shown, when it has a page.
fn record_href(entity_type: &str, id: i64) -> Option<String> {
    let path = match entity_type {
        "report" => "reports",
        "case" => "cases",
        "action" => "actions",
        "organization" => "organizations",
        "consultation" => "consultations",
        "mediation" => "mediations",
        "attachment" => "attachments",
        _ => return None,
    };
    Some(format!("/{path}/{id}"))
}

/// The audit trail, newest first: of one record when `entity_type` and `entity_id` are given.
#[utoipa::path(get, path = "/audit", tag = "pages", params(AuditFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/audit")]
pub async fn audit_trail(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "変更履歴",
        lead: "誰が、いつ、何を変更したかの記録です（新しい順）。管理者には、職員が誰の報告等を閲覧したかの記録（操作 read）も表示されます。",
        path: "/audit",
        file: "audit",
        links: Vec::new(),
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new("entity_type", "記録の種類", Input::Text)
                    .hint("report、case、action、organization、consultation、mediation、user など"),
                Field::new("entity_id", "記録の番号", Input::Integer),
                Field::new("action", "操作", Input::Text)
                    .hint("create、update、read（閲覧。管理者のみ）など"),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<AuditFilter>(&request, &list.sections);
    let whole = asked.download.is_some();
    let role = user.role;
    let fetch = move |conn: &mut crate::db::DbConnection, filter: &AuditFilter| {
        let with_reads = crate::audit::reads::shown_to(role, filter.action.as_deref())?;
        let found = audit::list(conn, filter, with_reads)?;
        Ok(Table {
            caption: "変更履歴",
            columns: vec!["日時", "操作した人", "操作", "記録", "変更内容", "要求ID"],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|entry| {
                    let changes = serde_json::to_string(&entry.changes).unwrap_or_default();
                    let record = format!("{} {}", entry.entity_type, entry.entity_id);
                    vec![
                        Cell::text(crate::clock::japan_minute(&entry.occurred_at)),
                        Cell::text(&entry.actor),
                        Cell::text(&entry.action),
                        match record_href(&entry.entity_type, entry.entity_id) {
                            Some(href) => Cell::link(record, href),
                            None => Cell::text(record),
                        },
                        Cell::text(if whole {
                            changes
                        } else {
                            lists::shortened(&changes, 300)
                        }),
                        Cell::text(entry.request_id.unwrap_or_default()),
                    ]
                })
                .collect(),
        })
    };
    lists::serve(list, user.chrome("変更履歴"), &db, &asked, filter, fetch).await
}

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
        let found = crate::notify::list(conn, filter)?;
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
