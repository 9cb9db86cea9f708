//! Organizations: the reporting entities (businesses, national organs, incorporated agencies, local
//! governments). Staff register them; a reporter sees only its own.

pub mod commands;
pub mod handlers;
pub mod import;
pub mod labels;
pub mod pages;
pub mod routes;
pub mod store;

pub use crate::records::organizations::Organization;

use crate::error::validation_error;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::domain::corporate_number::check_corporate_number;
use crate::domain::organization::{EntityGroup, OrganizationKind};

/// An organization as the API answers it: the row plus the statistics group it counts in.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationView {
    #[serde(flatten)]
    pub organization: Organization,
    /// The entity group of the statistics (national / local / business).
    pub group: EntityGroup,
}

impl From<Organization> for OrganizationView {
    fn from(organization: Organization) -> Self {
        Self {
            group: organization.kind.group(),
            organization,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub name: String,
    pub kind: OrganizationKind,
    /// 法人番号: 13 digits with their check digit.
    #[validate(custom(function = "corporate_number_field"))]
    #[schema(format = "corporate-number")]
    pub corporate_number: Option<String>,
    /// 都道府県, e.g. 東京都.
    #[validate(custom(function = "crate::http::prefecture_field"))]
    #[schema(format = "prefecture")]
    pub prefecture: Option<String>,
    #[validate(email, length(max = 254))]
    #[schema(format = Email, max_length = 254)]
    pub contact_email: Option<String>,
}

/// A change to an organization: only the fields given change; `null` clears an optional one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationChanges {
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "crate::http::non_null")]
    #[schema(nullable = false)]
    pub kind: Option<OrganizationKind>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(custom(function = "corporate_number_field"))]
    #[schema(value_type = Option<String>, format = "corporate-number")]
    pub corporate_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(custom(function = "crate::http::prefecture_field"))]
    #[schema(value_type = Option<String>, format = "prefecture")]
    pub prefecture: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::present")]
    #[validate(email, length(max = 254))]
    #[schema(value_type = Option<String>, format = Email, max_length = 254)]
    pub contact_email: Option<Option<String>>,
}

#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrganizationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub kind: Option<OrganizationKind>,
    /// Part of the name.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// 法人番号: 13 digits with their check digit.
    #[validate(custom(function = "corporate_number_field"))]
    #[param(format = "corporate-number")]
    pub corporate_number: Option<String>,
    /// `csv` or `xlsx`: the whole filtered list (every page, in the list's order) as a download —
    /// CSV for people or an Excel workbook, the fields as columns — instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(OrganizationFilter);

fn corporate_number_field(value: &str) -> Result<(), ValidationError> {
    check_corporate_number(value).map_err(|e| validation_error(e.refusal()))
}
