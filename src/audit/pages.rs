//! The audit trail's page: the trail of any record (who, when, what changed), reached from each
//! record's page; admins also see the read log.

use actix_web::{HttpRequest, HttpResponse, get, web};

use crate::audit::{AuditFilter, store as audit};
use crate::auth::StaffOnly;
use crate::db::Db;
use crate::web::forms::{Field, Input, Section};
use crate::web::lists::{self, Cell, List, Table};
use crate::web::{WebError, WebUser};

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
        let with_reads = crate::reads::shown_to(role, filter.action.as_deref())?;
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
