//! Naming every refused field of a body or a query without reading serde's messages: values are
//! deserialised with an error type of our own ([`DeError`]), which serde's derive tells *what* is
//! wrong through the typed calls of `serde::de::Error` (a missing field, an unknown variant, a
//! value of the wrong type), and `serde_path_to_error` tells *where*.
//!
//! Serde stops at the first wrong value; a person correcting a form wants every one. So a body
//! that fails is read again as a map ([`serde_value`]), each refused field noted and replaced by a
//! placeholder of its own shape, until it deserialises: at most one round per field. The
//! placeholders come from the type itself ([`shape`]): each field is asked for once, and answered
//! with a value of the kind it asks for (false, 0, an empty list, an enum's first variant …).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_value::{Value, ValueDeserializer};
use validator::Validate;

use crate::error::{AppError, FieldErrors, Refusal, UnreadableBody};

/// What serde's derive reports, as a refusal, with the field it names itself (a missing,
/// unknown or repeated field; other refusals belong to the path where they occurred).
#[derive(Debug)]
pub struct DeError {
    field: Option<String>,
    /// Boxed: a refusal with its parameters is large, and every `Result` of the deserializer
    /// carries this.
    refusal: Box<Refusal>,
}

impl DeError {
    fn of(refusal: Refusal) -> Self {
        Self {
            field: None,
            refusal: Box::new(refusal),
        }
    }

    fn naming(field: &str, refusal: Refusal) -> Self {
        Self {
            field: Some(field.to_owned()),
            refusal: Box::new(refusal),
        }
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.refusal.en())
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(detail: T) -> Self {
        Self::of(Refusal::Unreadable {
            detail: detail.to_string(),
        })
    }

    fn invalid_type(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::of(Refusal::WrongType {
            unexpected: unexpected.to_string(),
            expected: expected.to_string(),
        })
    }

    fn invalid_value(unexpected: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Self::of(Refusal::WrongValue {
            unexpected: unexpected.to_string(),
            expected: expected.to_string(),
        })
    }

    fn invalid_length(len: usize, expected: &dyn de::Expected) -> Self {
        Self::of(Refusal::WrongValue {
            unexpected: format!("{len} items"),
            expected: expected.to_string(),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::of(Refusal::UnknownVariant {
            given: variant.to_owned(),
            expected: expected.iter().map(|v| (*v).to_owned()).collect(),
        })
    }

    fn unknown_field(field: &str, _expected: &'static [&'static str]) -> Self {
        Self::naming(field, Refusal::UnknownField)
    }

    fn missing_field(field: &'static str) -> Self {
        Self::naming(field, Refusal::Required)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::naming(field, Refusal::DuplicateField)
    }
}

/// The field a refusal belongs to: the path where it occurred, joined with the field it names.
/// The path stops at the struct for a missing field, but reaches the key for an unknown one.
fn field_of(path: &str, named: Option<&str>) -> String {
    let at_root = path == "." || path.is_empty();
    match named {
        None if at_root => "body".to_owned(),
        None => path.to_owned(),
        Some(name) if at_root => name.to_owned(),
        Some(name) if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
        Some(name) => format!("{path}.{name}"),
    }
}

/// The top-level key a field name belongs to (`inner` of `inner.flag`, `items` of `items[2]`).
fn key_of(field: &str) -> &str {
    field.split(['.', '[']).next().unwrap_or_default()
}

/// The keys of a JSON object in order, repeats kept (a map would keep only the last).
struct Entries(Vec<(String, Value)>);

impl<'de> de::Deserialize<'de> for Entries {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Value>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// A JSON object that did not deserialise to `T` as it is, read again field by field: `T` when
/// only the spelling of its numbers stood in the way (JSON Schema's integers include `756.0`),
/// else every refused field.
pub fn reread<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, AppError> {
    let Entries(entries) = serde_json::from_slice(bytes)
        .map_err(|error| AppError::Malformed(UnreadableBody::Json(error.to_string())))?;
    let mut errors = FieldErrors::new();
    let mut object = BTreeMap::new();
    for (key, mut value) in entries {
        whole_numbers_as_integers(&mut value);
        if let std::collections::btree_map::Entry::Vacant(slot) =
            object.entry(Value::String(key.clone()))
        {
            slot.insert(value);
        } else {
            errors.add(key, Refusal::DuplicateField);
        }
    }
    let mut accepted = None;
    let placeholders = shape::<T>();
    // Keys given a placeholder (or taken out): their refusals are named already.
    let mut replaced: HashSet<String> = HashSet::new();
    for _ in 0..=object.len() + placeholders.len() {
        let deserializer = ValueDeserializer::<DeError>::new(Value::Map(object.clone()));
        match serde_path_to_error::deserialize::<_, T>(deserializer) {
            Ok(value) => {
                if let Err(refused) = value.validate()
                    && let AppError::Validation(more) = AppError::from(refused)
                {
                    for (field, reasons) in more.iter() {
                        if !replaced.contains(key_of(field)) && !errors.names(field) {
                            for reason in reasons {
                                errors.add(field.clone(), reason.clone());
                            }
                        }
                    }
                } else if errors.is_empty() {
                    accepted = Some(value);
                }
                break;
            }
            Err(error) => {
                let path = error.path().to_string();
                let DeError { field, refusal } = error.into_inner();
                let field = field_of(&path, field.as_deref());
                let key = key_of(&field).to_owned();
                if !replaced.insert(key.clone()) {
                    // Its placeholder is refused too: nothing more can be learnt.
                    break;
                }
                errors.add(field, *refusal);
                match placeholders.get(&key) {
                    Some(placeholder) => object.insert(Value::String(key), placeholder.clone()),
                    None => object.remove(&Value::String(key)),
                };
            }
        }
    }
    match accepted {
        Some(value) => Ok(value),
        None => Err(AppError::Validation(errors)),
    }
}

/// A number written with a fraction of zero (`756.0`) as the integer it is, as JSON Schema reads
/// it; the type asked for then takes it or refuses it as any integer.
fn whole_numbers_as_integers(value: &mut Value) {
    /// 2⁶³ and 2⁶⁴, exactly representable.
    const I64_END: f64 = 9_223_372_036_854_775_808.0;
    const U64_END: f64 = 18_446_744_073_709_551_616.0;
    match value {
        Value::F64(number) if number.fract() == 0.0 && (-I64_END..I64_END).contains(number) => {
            *value = Value::I64(*number as i64);
        }
        Value::F64(number) if number.fract() == 0.0 && (0.0..U64_END).contains(number) => {
            *value = Value::U64(*number as u64);
        }
        Value::Seq(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Option(Some(inner)) | Value::Newtype(inner) => whole_numbers_as_integers(inner),
        Value::Map(map) => {
            let entries = std::mem::take(map);
            *map = entries
                .into_iter()
                .map(|(key, mut item)| {
                    whole_numbers_as_integers(&mut item);
                    (key, item)
                })
                .collect();
        }
        _ => {}
    }
}

/// A value of the kind each top-level field of `T` asks for, by field name.
pub fn shape<T: DeserializeOwned>() -> BTreeMap<String, Value> {
    let fields = RefCell::new(BTreeMap::new());
    // A field whose type refuses its placeholder ends the probe; those before it are known.
    let _ = T::deserialize(Probe { fields: &fields });
    fields.into_inner()
}

/// A deserializer that answers a struct's fields one by one, recording what each was given.
struct Probe<'a> {
    fields: &'a RefCell<BTreeMap<String, Value>>,
}

/// The value of one field: it answers whatever kind of value is asked for, and records it.
struct ProbeValue<'a> {
    given: &'a RefCell<Option<Value>>,
}

struct ProbeFields<'a> {
    names: std::slice::Iter<'static, &'static str>,
    current: Option<&'static str>,
    fields: &'a RefCell<BTreeMap<String, Value>>,
}

impl<'de> de::MapAccess<'de> for ProbeFields<'_> {
    type Error = DeError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.names.next() {
            Some(name) => {
                self.current = Some(name);
                seed.deserialize((*name).into_deserializer()).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DeError> {
        let given = RefCell::new(None);
        let value = seed.deserialize(ProbeValue { given: &given });
        if let (Some(name), Some(placeholder)) = (self.current, given.into_inner()) {
            self.fields
                .borrow_mut()
                .insert(name.to_owned(), placeholder);
        }
        value
    }
}

impl<'de> de::Deserializer<'de> for Probe<'_> {
    type Error = DeError;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_map(ProbeFields {
            names: fields.iter(),
            current: None,
            fields: self.fields,
        })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Not a struct of named fields (a map, a flattened struct): nothing to learn.
        visitor.visit_map(de::value::MapDeserializer::new(std::iter::empty::<(
            String,
            String,
        )>()))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Methods that answer as another of the same deserializer does (every integer as 0).
macro_rules! answer_as {
    ($($target:ident: $($method:ident)*;)*) => {$($(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.$target(visitor)
        }
    )*)*};
}

impl<'de> de::Deserializer<'de> for ProbeValue<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::Bool(false)));
        visitor.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::U64(0)));
        visitor.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::F64(0.0)));
        visitor.visit_f64(0.0)
    }

    /// Text: a date, since text types take any string and dates only this kind.
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        const TEXT: &str = "2000-01-01";
        self.given.replace(Some(Value::String(TEXT.to_owned())));
        visitor.visit_str(TEXT)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::Unit));
        visitor.visit_none()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::Unit));
        visitor.visit_unit()
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::Seq(Vec::new())));
        visitor.visit_seq(de::value::SeqDeserializer::new(std::iter::empty::<u8>()))
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.given.replace(Some(Value::Map(BTreeMap::new())));
        visitor.visit_map(de::value::MapDeserializer::new(std::iter::empty::<(
            String,
            String,
        )>()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let inner = RefCell::new(BTreeMap::new());
        let value = Probe { fields: &inner }.deserialize_struct(name, fields, visitor);
        let map = inner
            .into_inner()
            .into_iter()
            .map(|(key, value)| (Value::String(key), value))
            .collect();
        self.given.replace(Some(Value::Map(map)));
        value
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let first = variants.first().copied().unwrap_or_default();
        self.given.replace(Some(Value::String(first.to_owned())));
        visitor.visit_enum(first.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple tuple_struct identifier ignored_any
    }

    answer_as! {
        deserialize_i64: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_u8
            deserialize_u16 deserialize_u32 deserialize_u64;
        deserialize_f64: deserialize_f32;
        deserialize_str: deserialize_string;
    }
}

/// Deserialises a query string: each value is text, read as the kind of value its field asks
/// for. A refusal names its parameter.
pub fn from_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let pairs = form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| (key.into_owned(), QueryValue(value.into_owned())));
    let deserializer = de::value::MapDeserializer::<_, DeError>::new(pairs);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let DeError { field, refusal } = error.into_inner();
        FieldErrors::single(field_of(&path, field.as_deref()), *refusal)
    })
}

/// One query parameter's text.
struct QueryValue(String);

impl<'de> IntoDeserializer<'de, DeError> for QueryValue {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl QueryValue {
    fn parse<N: std::str::FromStr>(&self, expected: &dyn de::Expected) -> Result<N, DeError> {
        self.0
            .parse()
            .map_err(|_| de::Error::invalid_value(de::Unexpected::Str(&self.0), expected))
    }
}

macro_rules! parse_number {
    ($($method:ident $visit:ident $type:ty),*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            let number: $type = self.parse(&visitor)?;
            visitor.$visit(number)
        }
    )*};
}

impl<'de> de::Deserializer<'de> for QueryValue {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let flag: bool = self.parse(&visitor)?;
        visitor.visit_bool(flag)
    }

    parse_number! {
        deserialize_i8 visit_i8 i8, deserialize_i16 visit_i16 i16,
        deserialize_i32 visit_i32 i32, deserialize_i64 visit_i64 i64,
        deserialize_u8 visit_u8 u8, deserialize_u16 visit_u16 u16,
        deserialize_u32 visit_u32 u32, deserialize_u64 visit_u64 u64,
        deserialize_f32 visit_f32 f32, deserialize_f64 visit_f64 f64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct seq tuple tuple_struct map
        struct identifier ignored_any
    }
}
