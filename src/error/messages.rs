//! The texts of refusals and errors, in English and Japanese, kept in Project Fluent message files
//! (`locales/{en,ja}/<capability>.ftl`) made for translators rather than in Rust. The files are
//! compiled in; a folder named by the configuration (`locales.dir`, with `en/` and `ja/` inside)
//! may override any message at start, so staff can correct a sentence without a rebuild. The
//! catalog is built once at start ([`install`]) and never changes afterwards.
//!
//! A refusal's message is named by its code (`Refusal::NoSuchRecord` → `no_such_record`); each
//! of its parameters is a variable of the same name: text and days as text, numbers as numbers,
//! `true`/`false` and `none` (an absent value) as text to select on, a list as a list that
//! `JOIN($list, separator: "、")` writes, a term (`Term`) in the bundle's language (its code in
//! English, its Japanese label in Japanese), and a kind of record (`record`) as its noun in the
//! bundle's language (the message `record-<kind>`). `MIB($bytes)` writes a size in whole MiB.

use std::borrow::Cow;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::FluentType;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde_json::Value;

/// A language the messages are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language an `Accept-Language` header prefers among the two the service writes;
    /// English when it names neither.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        // Most preferred first; the first of ours decides (`ja-JP` is Japanese).
        let preferred = header.map(accept_language::parse).unwrap_or_default();
        let primary = |tag: &String| tag.split('-').next().unwrap_or_default().to_lowercase();
        match preferred
            .iter()
            .map(primary)
            .find(|tag| tag == "ja" || tag == "en")
            .as_deref()
        {
            Some("ja") => Self::Ja,
            _ => Self::En,
        }
    }
}

/// The message files compiled in: one a capability, the same names in both languages.
macro_rules! locales {
    ($($name:literal),+ $(,)?) => {
        pub(super) const FILES: &[(&str, &str, &str)] = &[
            $(($name,
               include_str!(concat!("../../locales/en/", $name, ".ftl")),
               include_str!(concat!("../../locales/ja/", $name, ".ftl")))),+
        ];
    };
}

locales!(
    "common",
    "accounts",
    "attachments",
    "hotline",
    "imports",
    "notify",
    "organizations",
    "oversight",
    "registers",
    "work",
    "reports",
    "search",
    "stats",
    "supervision",
);

/// A list of items handed to a message: `JOIN` writes it with a separator of the message's own.
#[derive(Debug, Clone, PartialEq)]
struct Items(Vec<String>);

impl FluentType for Items {
    fn duplicate(&self) -> Box<dyn FluentType + Send> {
        Box::new(self.clone())
    }

    fn as_string(&self, _: &intl_memoizer::IntlLangMemoizer) -> Cow<'static, str> {
        self.0.join(", ").into()
    }

    fn as_string_threadsafe(
        &self,
        _: &intl_memoizer::concurrent::IntlLangMemoizer,
    ) -> Cow<'static, str> {
        self.0.join(", ").into()
    }
}

/// A list as a message's variable (for `JOIN`).
pub fn list(items: Vec<String>) -> FluentValue<'static> {
    FluentValue::Custom(Box::new(Items(items)))
}

type Bundle = FluentBundle<Arc<FluentResource>>;

/// Both languages' bundles.
pub struct Catalog {
    en: Bundle,
    ja: Bundle,
}

/// Why the message files could not be read at start.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("the message file {file} does not parse: {errors}")]
    Syntax { file: String, errors: String },
    #[error("cannot read the message files in {dir}: {source}")]
    Read { dir: String, source: std::io::Error },
}

fn parsed(file: &str, text: String) -> Result<Arc<FluentResource>, CatalogError> {
    FluentResource::try_new(text)
        .map(Arc::new)
        .map_err(|(_, errors)| CatalogError::Syntax {
            file: file.to_owned(),
            errors: errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        })
}

fn bundle(lang: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.parse().expect("a language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // The texts go into JSON and HTML, not into mixed-direction text: no isolation marks.
    bundle.set_use_isolating(false);
    bundle
        .add_function("JOIN", |positional, named| {
            let separator = match named.get("separator") {
                Some(FluentValue::String(separator)) => separator.to_string(),
                _ => ", ".to_owned(),
            };
            match positional.first() {
                Some(FluentValue::Custom(items)) => items
                    .as_any()
                    .downcast_ref::<Items>()
                    .map_or(FluentValue::Error, |items| {
                        FluentValue::from(items.0.join(&separator))
                    }),
                Some(other) => other.clone(),
                None => FluentValue::Error,
            }
        })
        .expect("JOIN is added once");
    bundle
        .add_function("MIB", |positional, _| match positional.first() {
            Some(FluentValue::Number(bytes)) => {
                FluentValue::from((bytes.value.max(0.0) as u64) >> 20)
            }
            _ => FluentValue::Error,
        })
        .expect("MIB is added once");
    bundle
}

impl Catalog {
    /// The compiled-in files, then every `.ftl` file of `dir/en` and `dir/ja` overriding the
    /// messages it names.
    pub fn load(dir: Option<&Path>) -> Result<Self, CatalogError> {
        let mut en = bundle("en");
        let mut ja = bundle("ja");
        for (name, english, japanese) in FILES {
            for (bundle, lang, text) in [(&mut en, "en", english), (&mut ja, "ja", japanese)] {
                let resource = parsed(&format!("locales/{lang}/{name}.ftl"), (*text).to_owned())?;
                if let Err(errors) = bundle.add_resource(resource) {
                    panic!("compiled-in message files define a message twice: {errors:?}");
                }
            }
        }
        if let Some(dir) = dir {
            // A folder named and not there, or holding neither language, is a mistake to say at
            // start, not a correction silently left out.
            let (has_en, has_ja) = (dir.join("en").is_dir(), dir.join("ja").is_dir());
            if !has_en && !has_ja {
                return Err(CatalogError::Read {
                    dir: dir.display().to_string(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "no en/ or ja/ folder of .ftl files there",
                    ),
                });
            }
            for (bundle, lang) in [(&mut en, "en"), (&mut ja, "ja")] {
                let folder = dir.join(lang);
                let read = |source| CatalogError::Read {
                    dir: folder.display().to_string(),
                    source,
                };
                let Ok(entries) = std::fs::read_dir(&folder) else {
                    continue;
                };
                let mut files: Vec<_> = entries
                    .map(|entry| entry.map(|entry| entry.path()))
                    .collect::<Result<_, _>>()
                    .map_err(read)?;
                files.retain(|path| path.extension().is_some_and(|e| e == "ftl"));
                files.sort();
                for path in files {
                    let text = std::fs::read_to_string(&path).map_err(read)?;
                    let resource = parsed(&path.display().to_string(), text)?;
                    tracing::info!(file = %path.display(), "message file overrides");
                    bundle.add_resource_overriding(resource);
                }
            }
        }
        Ok(Self { en, ja })
    }

    fn bundle(&self, lang: Lang) -> &Bundle {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// Message `id` in `lang` with `args`; its id when no file has it (a test holds every
    /// refusal to a message in both languages).
    pub fn text(&self, lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle(lang);
        let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
            tracing::warn!(id, ?lang, "no message");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        if !errors.is_empty() {
            tracing::warn!(id, ?lang, ?errors, "a message could not be written whole");
        }
        text
    }

    /// A refusal's parameters (its JSON form: `{"refusal": code, field: value, …}`) as the
    /// variables of its message in `lang`.
    pub fn args<'a>(
        &self,
        lang: Lang,
        parameters: &'a serde_json::Map<String, Value>,
    ) -> FluentArgs<'a> {
        let mut args = FluentArgs::new();
        for (name, value) in parameters {
            if name == "refusal" {
                continue;
            }
            let arg: FluentValue<'a> = match value {
                // A kind of record (`Missing`), named in the bundle's language.
                Value::String(kind) if name == "record" => {
                    FluentValue::from(self.text(lang, &format!("record-{kind}"), None))
                }
                Value::String(text) => FluentValue::from(text.as_str()),
                Value::Number(number) => number
                    .as_i64()
                    .map(FluentValue::from)
                    .or_else(|| number.as_u64().map(FluentValue::from))
                    .or_else(|| number.as_f64().map(FluentValue::from))
                    .unwrap_or(FluentValue::Error),
                Value::Bool(flag) => FluentValue::from(if *flag { "true" } else { "false" }),
                Value::Null => FluentValue::from("none"),
                Value::Array(items) => FluentValue::Custom(Box::new(Items(
                    items
                        .iter()
                        .map(|item| match item {
                            Value::String(text) => text.clone(),
                            other => other.to_string(),
                        })
                        .collect(),
                ))),
                // A term (`Term`): its code in English, its label in Japanese.
                Value::Object(term) => {
                    let key = match lang {
                        Lang::En => "code",
                        Lang::Ja => "ja",
                    };
                    FluentValue::from(term.get(key).and_then(Value::as_str).unwrap_or_default())
                }
            };
            args.set(name.clone(), arg);
        }
        args
    }
}

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// Builds the catalog once at start, with the overrides of `dir` (the configuration's
/// `locales.dir`). Called by `serve` and the command line before anything is written; a second
/// call (a test's second app) keeps the first catalog.
pub fn install(dir: Option<&Path>) -> Result<(), CatalogError> {
    if CATALOG.get().is_none() {
        let catalog = Catalog::load(dir)?;
        let _ = CATALOG.set(catalog);
    }
    Ok(())
}

/// The catalog: as installed, or the compiled-in files alone.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| Catalog::load(None).expect("the compiled-in message files parse"))
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    use strum::IntoEnumIterator;

    use super::*;
    use crate::error::{Denial, Missing, Refusal};

    /// The variables a pattern uses.
    fn variables(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
        fn inline(expression: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
            match expression {
                InlineExpression::VariableReference { id } => {
                    found.insert(id.name.to_owned());
                }
                InlineExpression::FunctionReference { arguments, .. } => {
                    for argument in &arguments.positional {
                        inline(argument, found);
                    }
                    for argument in &arguments.named {
                        inline(&argument.value, found);
                    }
                }
                InlineExpression::Placeable { expression } => outer(expression, found),
                _ => {}
            }
        }
        fn outer(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
            match expression {
                Expression::Inline(expression) => inline(expression, found),
                Expression::Select { selector, variants } => {
                    inline(selector, found);
                    for variant in variants {
                        variables(&variant.value, found);
                    }
                }
            }
        }
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                outer(expression, found);
            }
        }
    }

    /// Every message of a language: its id → the variables it uses, and the file it is in.
    fn messages(lang: usize) -> BTreeMap<String, (BTreeSet<String>, &'static str)> {
        let mut all = BTreeMap::new();
        for (name, english, japanese) in FILES {
            let text = [english, japanese][lang];
            let resource = fluent_syntax::parser::parse(*text)
                .unwrap_or_else(|(_, errors)| panic!("{name}.ftl: {errors:?}"));
            for entry in resource.body {
                match entry {
                    Entry::Message(message) => {
                        let mut found = BTreeSet::new();
                        if let Some(value) = &message.value {
                            variables(value, &mut found);
                        }
                        let id = message.id.name.to_owned();
                        assert!(
                            all.insert(id.clone(), (found, *name)).is_none(),
                            "{id} twice"
                        );
                    }
                    Entry::Junk { content } => panic!("{name}.ftl: {content}"),
                    _ => {}
                }
            }
        }
        all
    }

    /// The messages a refusal, a denial, a kind of record or an error must have, each with the
    /// variables its parameters give.
    fn wanted() -> BTreeMap<String, BTreeSet<String>> {
        let mut wanted = BTreeMap::new();
        for refusal in Refusal::iter() {
            let parameters: BTreeSet<String> = match serde_json::to_value(&refusal) {
                Ok(Value::Object(fields)) => fields
                    .keys()
                    .filter(|name| *name != "refusal")
                    .cloned()
                    .collect(),
                _ => BTreeSet::new(),
            };
            if let Refusal::Unreadable { .. } = refusal {
                wanted.insert("unreadable-empty".to_owned(), BTreeSet::new());
            }
            let id: &'static str = (&refusal).into();
            wanted.insert(id.to_owned(), parameters);
        }
        for denial in Denial::iter() {
            let name: &'static str = denial.into();
            wanted.insert(format!("denial-{name}"), BTreeSet::new());
        }
        for missing in Missing::iter() {
            let name: &'static str = missing.into();
            wanted.insert(format!("record-{name}"), BTreeSet::new());
        }
        let record = BTreeSet::from(["record".to_owned()]);
        wanted.insert("error-not_found".into(), record);
        for (id, parameters) in [
            ("error-malformed_body", &[][..]),
            ("error-malformed_json", &["detail"][..]),
            ("error-malformed_multipart", &["detail"][..]),
            ("error-validation", &[][..]),
            ("error-payload_too_large", &["limit"][..]),
            ("error-unsupported_media_type", &[][..]),
            ("error-files_too_large", &[][..]),
            ("error-file_types_refused", &[][..]),
            ("error-not_multipart", &[][..]),
            ("error-method_not_allowed", &["allow"][..]),
            ("error-unavailable", &[][..]),
            ("error-internal", &[][..]),
        ] {
            let parameters = parameters.iter().map(|p| (*p).to_owned()).collect();
            wanted.insert(id.to_owned(), parameters);
        }
        wanted
    }

    #[test]
    fn every_refusal_and_error_has_its_message_in_both_languages_using_only_its_parameters() {
        let (english, japanese) = (messages(0), messages(1));
        let wanted = wanted();
        for (lang, found) in [("en", &english), ("ja", &japanese)] {
            let extra: Vec<&String> = found
                .keys()
                .filter(|id| !wanted.contains_key(*id))
                .collect();
            assert!(
                extra.is_empty(),
                "{lang}: messages no code asks for: {extra:?}"
            );
            for (id, parameters) in &wanted {
                let (used, _) = found
                    .get(id)
                    .unwrap_or_else(|| panic!("{lang}: no message {id}"));
                let unknown: Vec<&String> = used.difference(parameters).collect();
                assert!(
                    unknown.is_empty(),
                    "{lang} {id} uses {unknown:?}, which its code does not give ({parameters:?})"
                );
            }
        }
        for (id, parameters) in &wanted {
            let used: BTreeSet<&String> = english[id].0.union(&japanese[id].0).collect();
            let unused: Vec<&String> = parameters.iter().filter(|p| !used.contains(p)).collect();
            assert!(unused.is_empty(), "{id}: no language says {unused:?}");
            assert_eq!(english[id].1, japanese[id].1, "{id} is in different files");
        }
    }

    #[test]
    fn a_folder_overrides_a_message_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("ja")).unwrap();
        std::fs::write(
            dir.path().join("ja/corrections.ftl"),
            "required = この欄は必ず入力してください\n",
        )
        .unwrap();
        let catalog = Catalog::load(Some(dir.path())).unwrap();
        assert_eq!(
            catalog.text(Lang::Ja, "required", None),
            "この欄は必ず入力してください"
        );
        assert_eq!(catalog.text(Lang::En, "required", None), "is required");
        assert_eq!(catalog.text(Lang::Ja, "blank", None), "空欄にはできません");
        // A file that does not parse stops the start, naming the file.
        std::fs::write(dir.path().join("ja/broken.ftl"), "required = {\n").unwrap();
        let Err(CatalogError::Syntax { file, .. }) = Catalog::load(Some(dir.path())) else {
            panic!("a broken file is refused");
        };
        assert!(file.ends_with("broken.ftl"), "{file}");
        // A folder that is not there, or holds no language, is refused too.
        let nowhere = dir.path().join("nowhere");
        assert!(matches!(
            Catalog::load(Some(&nowhere)),
            Err(CatalogError::Read { .. })
        ));
    }

    #[test]
    fn parameters_are_written_in_the_bundles_language() {
        use crate::error::Term;
        let power = Refusal::NoSuchPower {
            kind: Term::new("order", "命令"),
            regime: Term::new("appi_public", "個人情報保護法（公的部門）"),
            public_sector: true,
        };
        assert_eq!(
            power.en(),
            "the law gives the Commission no order power under appi_public (the public sector has no order powers)"
        );
        assert_eq!(
            power.ja(),
            "個人情報保護法（公的部門）では、委員会に命令の権限はありません"
        );
        let columns = Refusal::UnknownColumns {
            columns: vec!["法律".into(), "色".into()],
        };
        assert!(
            columns.ja().starts_with("見出し「法律」「色」は"),
            "{}",
            columns.ja()
        );
        assert!(
            columns.en().starts_with("unknown column(s): 法律, 色;"),
            "{}",
            columns.en()
        );
        let record = Refusal::NoSuchRecord {
            record: Missing::Case,
            id: 12345,
        };
        assert_eq!(record.en(), "no case has id 12345");
        assert_eq!(record.ja(), "ID 12345 の事案はありません");
        let large = Refusal::FileTooLarge {
            limit: 20 * 1024 * 1024,
        };
        assert_eq!(large.en(), "is larger than 20971520 bytes");
        assert_eq!(
            large.ja(),
            "ファイルが大きすぎます（1 ファイル 20 MiB まで）"
        );
        let length = Refusal::Length {
            min: None,
            max: Some(200),
        };
        assert_eq!(length.en(), "must be at most 200 characters long");
        assert_eq!(length.ja(), "200文字以内で入力してください");
    }
}
