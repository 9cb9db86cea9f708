//! What accounts show on other capabilities' pages (`web::parts`): an organization's users on its
//! page.

use chrono::NaiveDate;

use crate::auth::Principal;
use crate::db::DbConnection;
use crate::error::AppError;
use crate::web::lists::{Cell, Table};
use crate::web::parts::RelatedTable;

/// Accounts' parts.
pub struct Parts;

impl crate::web::parts::Parts for Parts {
    fn about_organization(
        &self,
        conn: &mut DbConnection,
        _viewer: &Principal,
        id: i64,
        _today: NaiveDate,
    ) -> Result<Vec<RelatedTable>, AppError> {
        let found = crate::auth::commands::users_of(conn, id)?;
        let users = Table {
            caption: "この機関の利用者",
            columns: vec!["電子メールアドレス", "役割", "状態"],
            total: crate::http::Total::exact(i64::try_from(found.len()).unwrap_or(i64::MAX)),
            rows: found
                .into_iter()
                .map(|(email, role, disabled)| {
                    vec![
                        Cell::text(email),
                        Cell::text(if role == "reporter" {
                            "報告者"
                        } else {
                            &role
                        }),
                        Cell::text(if disabled { "無効" } else { "有効" }),
                    ]
                })
                .collect(),
        };
        Ok(vec![RelatedTable {
            heading: "利用者",
            table: users,
            more: String::new(),
        }])
    }
}
