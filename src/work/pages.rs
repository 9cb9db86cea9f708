//! The staff's dashboard (`/staff`): new reports and overdue incidents, overdue report
//! collections, open cases and recent actions — each panel rendered by the capability it belongs
//! to (`web::parts`).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, web};
use askama::Template;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::web::layout::Chrome;
use crate::web::parts::PageParts;
use crate::web::session::WebUser;
use crate::web::{WebError, page};

#[derive(Template)]
#[template(path = "work/dashboard.html")]
struct Dashboard {
    chrome: Chrome,
    panels: Vec<String>,
}

#[utoipa::path(get, path = "/staff", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/staff")]
pub async fn dashboard(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<PageParts>,
) -> Result<HttpResponse, WebError> {
    let (viewer, today) = (user.principal.clone(), today());
    let chrome = user.chrome("ダッシュボード");
    let panels = db
        .read(move |conn| parts.dashboard(conn, &viewer, today))
        .await?;
    page(StatusCode::OK, &Dashboard { chrome, panels })
}
