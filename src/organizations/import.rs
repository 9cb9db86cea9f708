//! `leakdesk import organizations FILE`: staff load the register of businesses and public bodies
//! (a ministry's list, say). The file is read by `sheets`. The columns are named in the
//! organization's vocabulary (`labels::ORGANIZATION`: 名称, 種別, 法人番号, 都道府県, …); the kind
//! may be given by its code or its label (事業者, 地方公共団体, …). Every row passes the same checks
//! as `POST /api/v1/organizations` (a corporate number's check digit, a prefecture's name, a
//! corporate number registered once), in one transaction (`import_organizations`).

use super::NewOrganization;
use super::labels::ORGANIZATION;
use super::store;
use crate::db::{Actor, Db};
use crate::error::{AppError, Refusal};
use crate::sheets::{self, Special};
use crate::sheets::{File, ImportError, Imported, RowError};

/// Organizations, as an importer of files.
pub struct Organizations;

impl sheets::importer::Importer for Organizations {
    fn vocabulary(&self) -> &'static sheets::vocabulary::Vocabulary {
        &ORGANIZATION
    }

    fn label_ja(&self) -> &'static str {
        "事業者等"
    }

    fn noun_en(&self) -> &'static str {
        "organization(s)"
    }

    fn import(
        &self,
        db: &crate::db::Db,
        actor: &crate::db::Actor,
        file: &sheets::File<'_>,
        dry_run: bool,
        _today: chrono::NaiveDate,
    ) -> Result<sheets::Imported, sheets::ImportError> {
        import_organizations(db, actor, file, dry_run)
    }
}

/// The organization one row stands for, or the row's refusals.
pub fn organization_of(
    header: &[String],
    cells: Result<Vec<String>, Vec<sheets::Reason>>,
) -> Result<NewOrganization, Vec<sheets::Reason>> {
    let cells = cells?;
    let (body, refused) =
        sheets::body(&ORGANIZATION, header, &cells, |_, _, _| Special::Vocabulary);
    sheets::checked(body, refused)
}

/// `leakdesk import organizations`: reads the file and registers every row, in one transaction
/// — all rows, or none with every refused row named; a dry run registers them all the same and
/// rolls everything back. Each organization's audit row is an `import`, naming the file
/// (`name`) and the row. Answers how many, and how the file was read.
pub fn import_organizations(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
) -> Result<Imported, ImportError> {
    let name = file.name;
    // The register as it stood before the import.
    let mut before: Option<i64> = None;
    let mut duplicates = Vec::new();
    let (written, imported) = crate::sheets::import(
        db,
        actor,
        file,
        dry_run,
        &super::labels::ORGANIZATION,
        |tx, header, row, cells| {
            let new = organization_of(header, cells)?;
            // The register's own download, imported again: an organization it holds already.
            let up_to = match before {
                Some(up_to) => up_to,
                None => *before.insert(store::last_id(tx.conn())?),
            };
            if store::registered(tx.conn(), &new, up_to)? {
                duplicates.push((row, new.name));
                return Ok(false);
            }
            store::create(tx, new, Some((name, row)))
                .map(|_| true)
                .map_err(|error| match error {
                    // The one refusal of a field that the register, not the row, makes.
                    AppError::Conflict(taken @ Refusal::CorporateNumberTaken { .. }) => {
                        RowError::Refused(vec![("corporate_number".to_owned(), taken)])
                    }
                    other => other.into(),
                })
        },
    )?;
    Ok(Imported {
        records: written.into_iter().filter(|written| *written).count(),
        duplicates,
        ..imported
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::organization::OrganizationKind;

    #[test]
    fn a_row_is_an_organization_by_the_forms_labels() {
        let header: Vec<String> = ["名称", "種別", "法人番号", "都道府県"]
            .iter()
            .map(|h| ORGANIZATION.term(h).unwrap().name.to_owned())
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
