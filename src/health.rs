//! `GET /health`: whether the database answers, and which backend it is.

use actix_web::{HttpResponse, get, web};
use diesel::RunQueryDsl;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::{Backend, Db};

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or `unavailable` when the database does not answer.
    pub status: &'static str,
    pub database: Backend,
}

#[utoipa::path(
    get, path = "/health", tag = "service",
    responses((status = 200, body = Health), (status = 503, body = Health))
)]
#[get("/health")]
pub async fn health(db: web::Data<Db>) -> HttpResponse {
    let database = db.backend();
    let answered = db
        .read(|conn| Ok(diesel::sql_query("SELECT 1").execute(conn)?))
        .await;
    match answered {
        Ok(_) => HttpResponse::Ok().json(Health {
            status: "ok",
            database,
        }),
        Err(error) => {
            tracing::warn!(%error, "health check: database did not answer");
            HttpResponse::ServiceUnavailable().json(Health {
                status: "unavailable",
                database,
            })
        }
    }
}
