//! `leakdesk import organizations FILE`: staff load the register of businesses and public bodies
//! (a ministry's list, say). The file is read by `sheets`. The columns are the organization
//! body's field names (API.md) or the form's labels (名称, 種別, 法人番号, 都道府県, …); the kind
//! may be given by its code or its label (事業者, 地方公共団体, …). Every row passes the same checks
//! as `POST /api/v1/organizations` (a corporate number's check digit, a prefecture's name, a
//! corporate number registered once), in one transaction (`commands::import_organizations`).

use serde_json::Value;

use super::NewOrganization;
use crate::domain::organization::OrganizationKind;
use crate::sheets;

const FIELDS: &[&str] = &[
    "name",
    "kind",
    "corporate_number",
    "prefecture",
    "contact_email",
];

/// The labels of the organization form (`web::organizations`), each the heading of its column.
pub const HEADINGS: &[(&str, &str)] = &[
    ("名称", "name"),
    ("種別", "kind"),
    ("法人番号", "corporate_number"),
    ("都道府県", "prefecture"),
    ("連絡先の電子メールアドレス", "contact_email"),
];

/// The field a column heading names: a field name, or a label of [`HEADINGS`].
pub fn column(heading: &str) -> Option<&'static str> {
    sheets::field_named(heading, FIELDS, HEADINGS)
}

/// The organization one row stands for, or the row's refusals as lines `field: why`.
pub fn organization_of(
    header: &[String],
    cells: Result<Vec<String>, Vec<sheets::Reason>>,
) -> Result<NewOrganization, Vec<sheets::Reason>> {
    let cells = cells?;
    let (body, refused) = sheets::body(header, &cells, |name, cell, _| {
        Some(match name {
            "kind" => OrganizationKind::ALL
                .iter()
                .find(|kind| kind.as_str() == cell || kind.label_ja() == cell)
                .map_or_else(|| Value::from(cell), |kind| Value::from(kind.as_str())),
            _ => Value::from(cell),
        })
    });
    sheets::checked(body, refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_an_organization_by_the_forms_labels() {
        let header: Vec<String> = ["名称", "種別", "法人番号", "都道府県"]
            .iter()
            .map(|h| column(h).unwrap().to_owned())
            .collect();
        let row =
            |cells: [&str; 4]| organization_of(&header, Ok(cells.map(str::to_owned).to_vec()));
        let new = row(["株式会社取込", "事業者", "1180301018771", "愛知県"]).unwrap();
        assert_eq!(new.kind, OrganizationKind::Business);
        assert_eq!(new.corporate_number.as_deref(), Some("1180301018771"));
        let bad = row(["", "会社", "1180301018772", "尾張国"]).unwrap_err();
        for field in ["name", "kind", "corporate_number", "prefecture"] {
            assert!(bad.iter().any(|(f, _)| f == field), "{field}: {bad:?}");
        }
    }
}
