//! The kinds of record a file may hold, each imported by the capability it belongs to: the CLI
//! (`leakdesk import KIND FILE`) and the imports page find a kind's [`Importer`] among
//! [`Importers`] (built by `lib.rs`), so neither names a capability.

use chrono::NaiveDate;

use super::vocabulary::Vocabulary;
use super::{File, ImportError, Imported};
use crate::db::{Actor, Db};

/// One kind of record an office's file may hold.
pub trait Importer: Send + Sync + 'static {
    /// Its vocabulary; its `kind` names it (`reports`).
    fn vocabulary(&self) -> &'static Vocabulary;

    /// Its name on the page (漏えい等報告).
    fn label_ja(&self) -> &'static str;

    /// Its records in English, counted: `2 report(s)`.
    fn noun_en(&self) -> &'static str;

    /// Imports `file` as `actor`: all rows or none; a dry run checks every row and writes
    /// nothing.
    fn import(
        &self,
        db: &Db,
        actor: &Actor,
        file: &File<'_>,
        dry_run: bool,
        today: NaiveDate,
    ) -> Result<Imported, ImportError>;
}

impl dyn Importer {
    pub fn kind(&self) -> &'static str {
        self.vocabulary().kind
    }

    /// The Japanese heading of a field's column (its short label), or the field's name.
    pub fn heading_ja(&self, field: &str) -> String {
        self.vocabulary().short(field).to_owned()
    }

    /// What an import wrote, in words: `2 report(s) to 1 incident(s)`.
    pub fn counted_en(&self, done: &Imported) -> String {
        let n = done.records;
        match done.incidents {
            Some(incidents) => format!("{n} {} to {incidents} incident(s)", self.noun_en()),
            None => format!("{n} {}", self.noun_en()),
        }
    }

    /// The same in Japanese: `漏えい等報告 2件（事態 1件）`.
    pub fn counted_ja(&self, done: &Imported) -> String {
        match done.incidents {
            Some(incidents) => format!(
                "{} {}件（事態 {incidents}件）",
                self.label_ja(),
                done.records
            ),
            None => format!("{} {}件", self.label_ja(), done.records),
        }
    }
}

/// Every kind of record a file may hold, in the order the page offers them.
pub struct Importers(Vec<Box<dyn Importer>>);

impl Importers {
    pub fn new(importers: Vec<Box<dyn Importer>>) -> Self {
        Self(importers)
    }

    /// The importer of a kind (`reports`).
    pub fn find(&self, kind: &str) -> Option<&dyn Importer> {
        self.0
            .iter()
            .map(Box::as_ref)
            .find(|importer| importer.kind() == kind)
    }

    pub fn all(&self) -> impl Iterator<Item = &dyn Importer> {
        self.0.iter().map(Box::as_ref)
    }

    /// The kinds' names (`reports`, `consultations`, …).
    pub fn kinds(&self) -> Vec<String> {
        self.all()
            .map(|importer| importer.kind().to_owned())
            .collect()
    }
}
