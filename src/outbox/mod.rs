//! The outbox as admins see it: `GET /api/v1/outbox`, a failed message sent again, and its page.
//! The outbox itself — enqueueing in a command's transaction, the transports, the delivery worker
//! — is the kernel's `notify`.

pub mod handlers;
pub mod pages;
pub mod routes;
pub mod store;

use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

use crate::error::{Refusal, validation_error};

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// pending | sending | sent | failed
    #[validate(custom(function = "status_field"))]
    #[param(pattern = "^(pending|sending|sent|failed)$")]
    pub status: Option<String>,
    #[validate(
        length(min = 1, max = 40),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 40)]
    pub kind: Option<String>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(OutboxFilter);

fn status_field(status: &str) -> Result<(), validator::ValidationError> {
    if ["pending", "sending", "sent", "failed"].contains(&status) {
        Ok(())
    } else {
        Err(validation_error(Refusal::OutboxStatus))
    }
}
