//! What the registers show on other capabilities' pages (`web::parts`): their counts as of the
//! period's last day on the staff's statistics page (SPEC §7a).

use askama::Template;
use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::domain::registers::counted_from;
use crate::error::AppError;
use crate::registers::RegistersSummary;

/// The registers' parts.
pub struct Parts;

#[derive(Template)]
#[template(path = "registers/_statistics.html")]
struct Section {
    summary: RegistersSummary,
}

impl crate::web::parts::Parts for Parts {
    fn statistics(
        &self,
        conn: &mut DbConnection,
        _first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<String>, AppError> {
        let summary = crate::registers::summary(conn, Some(counted_from(last)), last)?;
        let html = Section { summary }
            .render()
            .map_err(|e| AppError::internal(format!("template: {e}")))?;
        Ok(vec![html])
    }
}
