//! The versions of a report as its page shows them: each version's items in the order of the
//! form, the changed ones with the value before.

use serde_json::Value;

use crate::domain::report::Cause;
use crate::reports::labels::short as field_label_ja;
use crate::reports::review::ReportVersion;

/// The items of a report as its versions show them, in the order of the form.
const ITEMS: [&str; 20] = [
    "aware_on",
    "occurred_on",
    "summary",
    "data_items",
    "persons_affected",
    "persons_estimated",
    "cause",
    "sensitive_data",
    "financial_damage_risk",
    "unlawful_purpose",
    "ordinance_sensitive",
    "network_system",
    "publicly_viewable",
    "strongly_encrypted",
    "secondary_damage",
    "response_to_individuals",
    "publication",
    "prevention_measures",
    "notes",
    "contractor_organization_id",
];

/// One item of a version: its value, and where it changed, the value before.
pub struct ItemRow {
    pub label: &'static str,
    pub value: String,
    pub before: Option<String>,
}

/// A version as the report page shows it.
pub struct VersionView {
    pub version: i32,
    pub reason: Option<String>,
    pub created_at: String,
    pub changed: Vec<&'static str>,
    pub rows: Vec<ItemRow>,
    /// The law's reading of this version.
    pub mandatory: bool,
}

impl VersionView {
    pub fn changed_ja(&self) -> String {
        self.changed.join("、")
    }
}

fn shown(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Bool(true) => "該当する".into(),
        Value::Bool(false) => "該当しない".into(),
        Value::String(code) if field == "cause" => Cause::try_from(code.clone())
            .map_or_else(|_| code.clone(), |cause| cause.label_ja().to_owned()),
        Value::String(text) => text.clone(),
        Value::Array(items) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map_or_else(|| item.to_string(), str::to_owned)
            })
            .collect::<Vec<_>>()
            .join("、"),
        other => other.to_string(),
    }
}

fn label(field: &str) -> &'static str {
    ITEMS
        .iter()
        .find(|&&item| item == field)
        .map_or("", |&item| field_label_ja(item))
}

/// The versions of a report for its page, each with its items and what changed from the one
/// before; oldest first.
pub fn version_views(versions: &[ReportVersion]) -> Vec<VersionView> {
    let mut views = Vec::new();
    let mut previous: Option<&Value> = None;
    for version in versions {
        let rows = ITEMS
            .iter()
            .map(|&field| {
                let value = version.report.get(field).unwrap_or(&Value::Null);
                let before = previous
                    .map(|p| p.get(field).unwrap_or(&Value::Null))
                    .filter(|before| *before != value)
                    .map(|before| shown(field, before));
                ItemRow {
                    label: field_label_ja(field),
                    value: shown(field, value),
                    before,
                }
            })
            .collect();
        views.push(VersionView {
            version: version.version,
            reason: version.reason.clone(),
            created_at: crate::clock::japan_minute(&version.created_at),
            changed: version
                .changed
                .iter()
                .map(|f| label(f))
                .filter(|l| !l.is_empty())
                .collect(),
            rows,
            mandatory: version
                .report
                .get("mandatory")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        });
        previous = Some(&version.report);
    }
    views
}
