//! One vocabulary per kind of record: each field's name (the API's), its short label (as the
//! record's page, its version table and a full download head it), its form label, the other
//! headings offices write for it, what a cell of it holds, and how the template explains it.
//! The form, the page, the download, the version table and the import all name a field from its
//! kind's one table, so a heading copied from any of them is read back by the import.

use serde_json::Value;

use super::cells::{self, Reason};

/// What a cell of a field holds, and so how an import reads it.
#[derive(Clone, Copy)]
pub enum Cell {
    /// Free text, as written.
    Text,
    /// A whole number.
    Integer,
    /// Yes or no, as offices write it ([`cells::boolean`]).
    Boolean,
    /// A day ([`cells::date`]).
    Date,
    /// Several items, separated by `|`, `、` or line breaks.
    List,
    /// One of the choices, by its code or its label.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// An organization, by its number (id) or its exact name.
    Organization,
}

/// One field of a kind of record, as people name it.
pub struct Term {
    /// The API's name of the field (`regime`).
    pub name: &'static str,
    /// Its short label, as the record's page shows it (法令).
    pub short: &'static str,
    /// Its label on the form (適用される法令).
    pub form: &'static str,
    /// Other headings an import reads as this field (報告者番号).
    pub aliases: &'static [&'static str],
    pub cell: Cell,
    /// Derived by the product (an id, a reference, a deadline, a status): read-only, so a column
    /// of it is ignored by an import and reported as ignored.
    pub derived: bool,
    /// Whether a row must give it.
    pub required: bool,
    /// Whether a full download writes it (not a file's own column, such as a row's link).
    pub downloaded: bool,
    /// What the template's example row holds.
    pub example: &'static str,
    /// What the template says of it, in Japanese.
    pub help: &'static str,
}

impl Term {
    /// A field that people enter.
    pub const fn new(name: &'static str, short: &'static str, cell: Cell) -> Self {
        Self {
            name,
            short,
            form: short,
            aliases: &[],
            cell,
            derived: false,
            required: false,
            downloaded: true,
            example: "",
            help: "",
        }
    }

    /// A field the product derives (read-only), written as it is.
    pub const fn derived(name: &'static str, short: &'static str) -> Self {
        Self::derived_as(name, short, Cell::Text)
    }

    /// A field the product derives (read-only), written as a `cell` (a status by its label).
    pub const fn derived_as(name: &'static str, short: &'static str, cell: Cell) -> Self {
        let mut term = Self::new(name, short, cell);
        term.derived = true;
        term
    }

    pub const fn form(mut self, label: &'static str) -> Self {
        self.form = label;
        self
    }

    pub const fn aliases(mut self, aliases: &'static [&'static str]) -> Self {
        self.aliases = aliases;
        self
    }

    /// A column of an import's file only, which no download writes.
    pub const fn import_only(mut self) -> Self {
        self.downloaded = false;
        self
    }

    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub const fn example(mut self, example: &'static str) -> Self {
        self.example = example;
        self
    }

    pub const fn help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }

    /// Whether `heading` names this field: its name, its short or form label, or an alias.
    pub fn is_named(&self, heading: &str) -> bool {
        self.name == heading
            || self.short == heading
            || self.form == heading
            || self.aliases.contains(&heading)
    }

    pub fn is_derived(&self) -> bool {
        self.derived
    }

    /// What a template's second sheet says a cell may hold, in Japanese.
    pub fn allowed_ja(&self) -> String {
        if self.derived {
            return "取り込みでは読みません（システムが付与する値）".into();
        }
        match self.cell {
            Cell::Text => "文字".into(),
            Cell::Integer => "整数（半角数字）".into(),
            Cell::Boolean => "はい／いいえ（true／false、1／0、あり／なし、○／× も可）".into(),
            Cell::Date => "日付（2025-04-01、2025/4/1、令和7年4月1日、R7.4.1、日付のセル）".into(),
            Cell::List => "複数の値を「|」「、」又は改行で区切って入力".into(),
            Cell::Choice(choices) => choices()
                .iter()
                .map(|(code, label)| format!("{label}（{code}）"))
                .collect::<Vec<_>>()
                .join("、"),
            Cell::Organization => "事業者等の番号、又は登録されている名称（完全一致）".into(),
        }
    }
}

/// The vocabulary of one kind of record.
pub struct Vocabulary {
    /// The kind, as the CLI and the page name it (`reports`).
    pub kind: &'static str,
    pub terms: &'static [Term],
}

impl Vocabulary {
    /// The field a heading names: by its name, its short or form label, or an alias.
    pub fn term(&self, heading: &str) -> Option<&'static Term> {
        self.terms.iter().find(|term| term.is_named(heading))
    }

    /// The term of a field by its API name.
    pub fn of(&self, name: &str) -> Option<&'static Term> {
        self.terms.iter().find(|term| term.name == name)
    }

    /// A field's short label (the field's own name where the vocabulary has none).
    pub fn short<'a>(&self, name: &'a str) -> &'a str {
        self.of(name).map_or(name, |term| term.short)
    }

    /// A field's form label (the field's own name where the vocabulary has none).
    pub fn form<'a>(&self, name: &'a str) -> &'a str {
        self.of(name).map_or(name, |term| term.form)
    }

    /// The fields people enter (not derived), in the table's order.
    pub fn entered(&self) -> impl Iterator<Item = &'static Term> {
        self.terms.iter().filter(|term| !term.is_derived())
    }

    /// A cell of `term` as the API's JSON value; None with the refusal added to `refused` when
    /// the cell is no such value (a date that is no day). A cell that does not parse as its kind
    /// stays text, for the API's own checks to refuse by the field's name. An organization given
    /// by name is None here: the import reads it in the register (`super::name_organizations`).
    pub fn read(term: &Term, cell: &str, refused: &mut Vec<Reason>) -> Option<Value> {
        Some(match term.cell {
            Cell::Text => Value::from(cell),
            Cell::Integer => cell
                .parse::<i64>()
                .map_or_else(|_| Value::from(cell), Value::from),
            Cell::Organization => Value::from(cell.parse::<i64>().ok()?),
            Cell::Boolean => cells::boolean(cell).map_or_else(|| Value::from(cell), Value::Bool),
            Cell::Date => Value::from(cells::date(term.name, cell, refused)?),
            Cell::List => Value::from(cells::items(cell)),
            Cell::Choice(choices) => choices()
                .into_iter()
                .find(|(code, label)| *code == cell || *label == cell)
                .map_or_else(|| Value::from(cell), |(code, _)| Value::from(code)),
        })
    }
}

impl Vocabulary {
    /// The fields a full download writes, in the table's order: every field of the record.
    pub fn downloaded(&self) -> impl Iterator<Item = &'static Term> {
        self.terms.iter().filter(|term| term.downloaded)
    }

    /// The organizations a record (its API JSON) names, by id: for their names.
    pub fn organizations(&self, record: &Value) -> Vec<i64> {
        self.terms
            .iter()
            .filter(|term| matches!(term.cell, Cell::Organization))
            .filter_map(|term| record.get(term.name).and_then(Value::as_i64))
            .collect()
    }

    /// A field of a record (its API JSON) as a full download writes it, and as its import reads
    /// it back: a choice by its label, yes or no as はい/いいえ, an organization by its name
    /// (`names`; its number when it has none), several items joined by `|`, a day as the day.
    pub fn shown(
        term: &Term,
        value: Option<&Value>,
        names: &std::collections::HashMap<i64, String>,
    ) -> (String, Option<chrono::NaiveDate>) {
        let plain = |value: &Value| match value {
            Value::String(text) => text.clone(),
            Value::Object(object) => ["label_ja", "article", "code"]
                .iter()
                .find_map(|key| object.get(*key).and_then(Value::as_str))
                .map_or_else(|| value.to_string(), str::to_owned),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let label = |code: &str| match term.cell {
            Cell::Choice(choices) => choices()
                .into_iter()
                .find(|(choice, _)| *choice == code)
                .map_or_else(|| code.to_owned(), |(_, label)| label.to_owned()),
            _ => code.to_owned(),
        };
        let text = match (term.cell, value) {
            (_, None | Some(Value::Null)) => String::new(),
            (_, Some(Value::Bool(true))) => "はい".into(),
            (_, Some(Value::Bool(false))) => "いいえ".into(),
            (Cell::Choice(_), Some(Value::String(code))) => label(code),
            (Cell::Organization, Some(Value::Number(id))) => id
                .as_i64()
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_else(|| id.to_string()),
            (_, Some(Value::Array(items))) => crate::http::download::list_cell(
                &items
                    .iter()
                    .map(|item| match item {
                        Value::String(code) => label(code),
                        other => plain(other),
                    })
                    .collect::<Vec<_>>(),
            ),
            (_, Some(value)) => plain(value),
        };
        // A day, and a derived field's value that is one (a deadline), as a date cell.
        let dated = match term.cell {
            Cell::Date => true,
            Cell::Text => term.derived,
            _ => false,
        };
        let day = (dated && text.len() == 10)
            .then(|| chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten();
        (text, day)
    }
}

/// The choices of an enum written by `domain::text_enum!` with a `label_ja`, for
/// [`Cell::Choice`]: `choices!(Regime)`.
macro_rules! choices {
    ($t:ty) => {
        $crate::sheets::vocabulary::Cell::Choice(|| {
            <$t>::ALL
                .iter()
                .map(|choice| (choice.as_str(), choice.label_ja()))
                .collect()
        })
    };
}
pub(crate) use choices;

#[cfg(test)]
mod tests {
    use super::*;

    const TERMS: &[Term] = &[
        Term::new("regime", "法令", Cell::Text)
            .form("適用される法令")
            .aliases(&["法律"]),
        Term::derived("reference", "受付番号"),
    ];
    const WORDS: Vocabulary = Vocabulary {
        kind: "tests",
        terms: TERMS,
    };

    #[test]
    fn a_download_writes_a_choice_derived_or_entered_by_its_label() {
        let status = || vec![("awaiting_final", "確報の提出待ち"), ("complete", "完了")];
        let derived = Term::derived_as("status", "状況", Cell::Choice(status));
        let names = std::collections::HashMap::new();
        let shown = |term: &Term, value: Value| Vocabulary::shown(term, Some(&value), &names).0;
        assert_eq!(shown(&derived, Value::from("complete")), "完了");
        assert_eq!(
            shown(&derived, serde_json::json!(["awaiting_final", "complete"])),
            "確報の提出待ち|完了"
        );
        assert_eq!(shown(&derived, Value::from("unknown")), "unknown");
        let basis = Term::derived("legal_basis", "根拠");
        assert_eq!(
            shown(
                &basis,
                serde_json::json!({"article": "個人情報保護法第146条第1項", "power_ja": "報告徴収"})
            ),
            "個人情報保護法第146条第1項"
        );
        let deadline = Term::derived("final_due_on", "確報の期限");
        assert_eq!(
            Vocabulary::shown(&deadline, Some(&Value::from("2026-12-21")), &names).1,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 21)
        );
        assert!(
            WORDS
                .term("受付番号")
                .is_some_and(|t| t.allowed_ja().contains("読みません"))
        );
    }

    #[test]
    fn a_field_is_named_by_its_name_its_labels_or_an_alias() {
        for heading in ["regime", "法令", "適用される法令", "法律"] {
            assert_eq!(WORDS.term(heading).map(|t| t.name), Some("regime"));
        }
        assert!(WORDS.term("受付番号").is_some_and(Term::is_derived));
        assert!(WORDS.term("色").is_none());
        assert_eq!(WORDS.short("regime"), "法令");
        assert_eq!(WORDS.form("regime"), "適用される法令");
        assert_eq!(WORDS.short("colour"), "colour");
        assert_eq!(WORDS.entered().count(), 1);
    }
}
