//! Forms: each form is a list of fields whose names are the API's JSON names. A submitted form
//! becomes the JSON object the API would take, and is parsed and validated by the API's own code,
//! so a form refuses exactly what the API refuses; the refusals are shown beside their fields
//! in Japanese, with what was typed kept.

use serde_json::{Map, Value};

use super::session::FormData;
use crate::error::{AppError, FieldErrors, Refusal};

/// How a field is entered, and how its text becomes JSON.
#[derive(Clone, Debug)]
pub enum Input {
    /// One line of text; empty means absent.
    Text,
    /// Several lines of text; empty means absent.
    TextArea,
    /// `YYYY-MM-DD`; empty means absent.
    Date,
    /// A whole number; empty means absent.
    Integer,
    /// A checkbox: true when ticked.
    Checkbox,
    /// One of the options (value, label); empty means absent. A value that reads as a number
    /// or as true/false is sent as one.
    Select(Vec<(String, String)>),
    /// A list, one item a line (`data_items`).
    Lines,
    /// Any number of the options, as a list (checkboxes sharing the name).
    Choices(Vec<(String, String)>),
    /// A value fixed by the page (e.g. a reporter's own organization), shown as text.
    Fixed(String),
    /// A value the page carries without showing it (which entity a form edits); a number when
    /// it reads as one.
    Hidden,
    /// A password: never shown again, even when the form comes back refused.
    Password,
    /// One file, of the types named (the input's `accept`): the form is sent as
    /// `multipart/form-data` and the file read beside its fields, never into the JSON.
    File(&'static str),
}

#[derive(Clone, Debug)]
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub input: Input,
    pub required: bool,
    pub hint: &'static str,
}

impl Field {
    pub fn new(name: &'static str, label: &'static str, input: Input) -> Self {
        Self {
            name,
            label,
            input,
            required: false,
            hint: "",
        }
    }

    /// The field `name` of a kind of record, labelled as its vocabulary labels it on a form.
    pub fn of(
        vocabulary: &'static crate::sheets::vocabulary::Vocabulary,
        name: &'static str,
        input: Input,
    ) -> Self {
        let label = vocabulary.of(name).map_or(name, |term| term.form);
        Self::new(name, label, input)
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }
}

/// A group of fields under a heading (a `<fieldset>`).
pub struct Section {
    pub legend: &'static str,
    pub fields: Vec<Field>,
}

/// The values shown in a form: what was typed (or prefilled), by field name.
#[derive(Clone, Debug, Default)]
pub struct Values(Vec<(String, String)>);

impl Values {
    pub fn from_form(form: &FormData, sections: &[Section]) -> Self {
        let mut values = Self::default();
        for field in sections.iter().flat_map(|s| &s.fields) {
            for value in form.all(field.name) {
                values.0.push((field.name.to_owned(), value.to_owned()));
            }
        }
        values
    }

    pub fn set(&mut self, name: &str, value: impl Into<String>) {
        self.0.retain(|(key, _)| key != name);
        self.0.push((name.to_owned(), value.into()));
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every (name, value), in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str()))
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Prefills from a JSON object (e.g. a preliminary report, for its final report).
    pub fn from_json(object: &Map<String, Value>, sections: &[Section]) -> Self {
        let mut values = Self::default();
        for field in sections.iter().flat_map(|s| &s.fields) {
            match (object.get(field.name), &field.input) {
                (Some(Value::Array(items)), Input::Lines) => {
                    let lines: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                    values.set(field.name, lines.join("\n"));
                }
                (Some(Value::Array(items)), _) => {
                    for item in items.iter().filter_map(Value::as_str) {
                        values.0.push((field.name.to_owned(), item.to_owned()));
                    }
                }
                (Some(Value::Bool(true)), _) => values.set(field.name, "true"),
                (Some(Value::String(text)), _) => values.set(field.name, text.clone()),
                (Some(Value::Number(n)), _) => values.set(field.name, n.to_string()),
                _ => {}
            }
        }
        values
    }
}

/// The options of a select for the variants of a code enum: (code, Japanese label).
pub fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|&item| (code(item).to_owned(), label(item).to_owned()))
        .collect()
}

/// A select of yes (`true`) or no (`false`), labelled for its field; empty means either.
pub fn yes_no(yes: &str, no: &str) -> Input {
    Input::Select(vec![
        ("true".into(), yes.to_owned()),
        ("false".into(), no.to_owned()),
    ])
}

/// The input of the organization a record is filed for: staff choose among `offered`; a
/// reporter's is its own, fixed.
pub fn filer_input(staff: bool, offered: Vec<(i64, String)>) -> Input {
    if staff {
        Input::Select(organization_options(offered))
    } else {
        let name = offered
            .into_iter()
            .next()
            .map_or_else(String::new, |(_, name)| name);
        Input::Fixed(name)
    }
}

/// The options of a select of organizations: (id, name with its id).
pub fn organization_options(list: Vec<(i64, String)>) -> Vec<(String, String)> {
    list.into_iter()
        .map(|(id, name)| (id.to_string(), format!("{name}（ID {id}）")))
        .collect()
}

/// Parses a form into the API's body type by the API's own rules, collecting every refusal.
pub fn parse<T: serde::de::DeserializeOwned + validator::Validate>(
    sections: &[Section],
    values: &Values,
) -> Result<T, FieldErrors> {
    let (json, errors) = to_json(sections, values);
    parse_value(&json, errors)
}

/// Parses the JSON a form stands for (perhaps adjusted by its page) into the API's body type,
/// adding the API's refusals to those `errors` found while reading the form.
pub fn parse_value<T: serde::de::DeserializeOwned + validator::Validate>(
    json: &Value,
    mut errors: FieldErrors,
) -> Result<T, FieldErrors> {
    let bytes = serde_json::to_vec(json).unwrap_or_default();
    match crate::http::parse_json::<T>(&bytes) {
        Ok(value) if errors.is_empty() => Ok(value),
        Ok(_) => Err(errors),
        Err(AppError::Validation(more)) => {
            errors.merge_new(more);
            Err(errors)
        }
        Err(other) => {
            errors.add(
                "body",
                Refusal::Unreadable {
                    detail: other.to_string(),
                },
            );
            Err(errors)
        }
    }
}

/// The JSON object a form stands for, and the refusals found while reading it (a number that is
/// not one, a date that is not one, a required field left empty).
pub fn to_json(sections: &[Section], values: &Values) -> (Value, FieldErrors) {
    let mut object = Map::new();
    let mut errors = FieldErrors::new();
    for field in sections.iter().flat_map(|s| &s.fields) {
        if matches!(field.input, Input::File(_)) {
            continue;
        }
        let text = values.get(field.name).unwrap_or_default().trim();
        let value = match &field.input {
            Input::Checkbox => Some(Value::Bool(values.get(field.name).is_some())),
            Input::Lines => {
                let items: Vec<Value> = text
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .map(|line| Value::String(line.to_owned()))
                    .collect();
                Some(Value::Array(items))
            }
            Input::Choices(_) => Some(Value::Array(
                values
                    .all(field.name)
                    .map(|v| Value::String(v.to_owned()))
                    .collect(),
            )),
            _ if text.is_empty() => None,
            Input::Integer | Input::Fixed(_) => match text.parse::<i64>() {
                Ok(n) => Some(Value::from(n)),
                Err(_) => {
                    errors.add(field.name, Refusal::NotANumber);
                    None
                }
            },
            Input::Date => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(_) => Some(Value::String(text.to_owned())),
                Err(_) => {
                    errors.add(field.name, Refusal::NotADate);
                    None
                }
            },
            // An option stands for a number (an organization's id) or a yes/no where it reads
            // as one; codes (`appi`, `theft`) are never numbers.
            Input::Select(_) | Input::Hidden => Some(match serde_json::from_str::<Value>(text) {
                Ok(value @ (Value::Number(_) | Value::Bool(_))) => value,
                _ => Value::String(text.to_owned()),
            }),
            Input::Text | Input::TextArea => Some(Value::String(text.to_owned())),
            // A password is taken as typed, spaces and all.
            Input::Password => Some(Value::String(
                values.get(field.name).unwrap_or_default().to_owned(),
            )),
            Input::File(_) => None,
        };
        match value {
            Some(value) => {
                object.insert(field.name.to_owned(), value);
            }
            None if field.required && errors.get(field.name).is_none() => {
                errors.add(field.name, Refusal::Required);
            }
            None => {}
        }
    }
    (Value::Object(object), errors)
}

/// A field as a template shows it.
pub struct FieldView {
    pub name: &'static str,
    pub id: String,
    pub label: &'static str,
    /// `text`, `textarea`, `date`, `number`, `checkbox`, `select`, `lines`, `choices`, `fixed`,
    /// `hidden`, `password`, `file`.
    pub kind: &'static str,
    pub required: bool,
    pub hint: &'static str,
    pub value: String,
    pub checked: bool,
    pub options: Vec<OptionView>,
    pub errors: Vec<String>,
    /// A file input's accepted types.
    pub accept: &'static str,
}

impl FieldView {
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The ids of what describes the input (its hint and its errors), for `aria-describedby`.
    pub fn described_by(&self) -> String {
        let mut ids = Vec::new();
        if !self.hint.is_empty() {
            ids.push(format!("{}-hint", self.id));
        }
        if self.has_errors() {
            ids.push(format!("{}-error", self.id));
        }
        ids.join(" ")
    }
}

pub struct OptionView {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct SectionView {
    pub legend: &'static str,
    pub fields: Vec<FieldView>,
}

/// The sections as a template shows them, with values and the refusals beside their fields.
pub fn views(sections: &[Section], values: &Values, errors: &FieldErrors) -> Vec<SectionView> {
    views_in("field", sections, values, errors)
}

/// As `views`, with the inputs' ids under `prefix` (several forms on one page).
pub fn views_in(
    prefix: &str,
    sections: &[Section],
    values: &Values,
    errors: &FieldErrors,
) -> Vec<SectionView> {
    sections
        .iter()
        .map(|section| SectionView {
            legend: section.legend,
            fields: section
                .fields
                .iter()
                .map(|field| field_view(prefix, field, values, errors))
                .collect(),
        })
        .collect()
}

fn field_view(prefix: &str, field: &Field, values: &Values, errors: &FieldErrors) -> FieldView {
    let value = values.get(field.name).unwrap_or_default().to_owned();
    let chosen: Vec<&str> = values.all(field.name).collect();
    let options = |options: &[(String, String)]| {
        options
            .iter()
            .map(|(code, label)| OptionView {
                selected: chosen.contains(&code.as_str()),
                value: code.clone(),
                label: label.clone(),
            })
            .collect()
    };
    let (kind, options, value) = match &field.input {
        Input::Text => ("text", Vec::new(), value),
        Input::TextArea => ("textarea", Vec::new(), value),
        Input::Date => ("date", Vec::new(), value),
        Input::Integer => ("number", Vec::new(), value),
        Input::Checkbox => ("checkbox", Vec::new(), value),
        Input::Select(list) => ("select", options(list), value),
        Input::Lines => ("lines", Vec::new(), value),
        Input::Choices(list) => ("choices", options(list), value),
        Input::Fixed(label) => ("fixed", Vec::new(), label.clone()),
        Input::Hidden => ("hidden", Vec::new(), value),
        Input::Password => ("password", Vec::new(), String::new()),
        Input::File(_) => ("file", Vec::new(), String::new()),
    };
    let accept = match field.input {
        Input::File(accept) => accept,
        _ => "",
    };
    // Refusals of a list's items (`data_items[2]`) belong to the list's field.
    let errors = errors
        .iter()
        .filter(|(name, _)| {
            name.as_str() == field.name
                || name
                    .strip_prefix(field.name)
                    .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('.'))
        })
        .flat_map(|(_, reasons)| reasons.iter().map(Refusal::ja))
        .collect();
    FieldView {
        name: field.name,
        id: format!("{prefix}-{}", field.name),
        label: field.label,
        kind,
        required: field.required,
        hint: field.hint,
        checked: !chosen.is_empty() && kind == "checkbox",
        value,
        options,
        errors,
        accept,
    }
}

/// Whether a form holds a file input: then it is sent as `multipart/form-data`.
fn holds_file(sections: &[SectionView]) -> bool {
    sections
        .iter()
        .flat_map(|section| &section.fields)
        .any(|field| field.kind == "file")
}

/// A form inside a record's page (an entity added to a case, an action completed): its own
/// heading, inputs under their own ids, and the reason a rule refused it.
#[derive(askama::Template)]
#[template(path = "web/_form.html")]
pub struct FormPart {
    pub id: &'static str,
    pub heading: &'static str,
    pub lead: &'static str,
    pub action: String,
    pub submit: &'static str,
    pub csrf: String,
    pub sections: Vec<SectionView>,
    pub problem: Option<String>,
}

/// What a form shows: what was typed, and why it was refused.
#[derive(Default)]
pub struct FormState {
    pub values: Values,
    pub errors: FieldErrors,
    pub problem: Option<String>,
}

impl FormState {
    pub fn with(values: Values) -> Self {
        Self {
            values,
            ..Self::default()
        }
    }
}

impl FormPart {
    /// The form's encoding: multipart when it carries a file.
    pub fn multipart(&self) -> bool {
        holds_file(&self.sections)
    }

    /// The form's HTML, to be placed in its page.
    #[allow(clippy::too_many_arguments)]
    pub fn html(
        id: &'static str,
        heading: &'static str,
        action: String,
        submit: &'static str,
        csrf: String,
        sections: &[Section],
        state: &FormState,
    ) -> Result<String, AppError> {
        use askama::Template;
        Self {
            id,
            heading,
            lead: "",
            action,
            submit,
            csrf,
            sections: views_in(id, sections, &state.values, &state.errors),
            problem: state.problem.clone(),
        }
        .render()
        .map_err(|e| AppError::internal(format!("template: {e}")))
    }
}

/// A form as the only content of its page (templates/web/record_form.html).
#[derive(askama::Template)]
#[template(path = "web/record_form.html")]
pub struct FormPage {
    pub chrome: super::layout::Chrome,
    pub heading: &'static str,
    pub lead: &'static str,
    pub action: String,
    pub submit: &'static str,
    pub sections: Vec<SectionView>,
    pub problem: Option<String>,
    pub error_count: usize,
}

impl FormPage {
    pub fn new(
        chrome: super::layout::Chrome,
        (heading, lead, submit): (&'static str, &'static str, &'static str),
        action: String,
        sections: &[Section],
        state: &FormState,
    ) -> Self {
        Self {
            chrome,
            heading,
            lead,
            action,
            submit,
            sections: views(sections, &state.values, &state.errors),
            error_count: state.errors.iter().count() + usize::from(state.problem.is_some()),
            problem: state.problem.clone(),
        }
    }
}

/// A form about an incident, refused, on a page of its own: headed by what it does and the
/// incident's reference (a report's form whose refusals are not shown beside the report).
pub fn about_incident(
    chrome_of: impl FnOnce(String) -> super::layout::Chrome,
    status: actix_web::http::StatusCode,
    (heading, action): (&'static str, String),
    reference: &str,
    sections: &[Section],
    state: &FormState,
) -> Result<actix_web::HttpResponse, super::WebError> {
    let lead = if reference.is_empty() {
        ""
    } else {
        "漏えい等事案について"
    };
    super::page(
        status,
        &FormPage::new(
            chrome_of(format!("{heading}（{reference}）")),
            (heading, lead, "送信する"),
            action,
            sections,
            state,
        ),
    )
}

/// A form that records something (an action, a consultation) as its page, with what was typed
/// and why it was refused.
pub fn record_form(
    chrome: super::layout::Chrome,
    status: actix_web::http::StatusCode,
    (heading, lead, action): (&'static str, &'static str, &'static str),
    sections: &[Section],
    state: &FormState,
) -> Result<actix_web::HttpResponse, super::WebError> {
    super::page(
        status,
        &FormPage::new(
            chrome,
            (heading, lead, "記録する"),
            action.to_owned(),
            sections,
            state,
        ),
    )
}

/// The answer to a form page's submission: to `location` when the command did it, or the form
/// again with what was typed and why it was refused.
pub fn answered(
    outcome: Result<String, AppError>,
    values: Values,
    chrome: super::layout::Chrome,
    texts: (&'static str, &'static str, &'static str),
    action: String,
    sections: &[Section],
) -> Result<actix_web::HttpResponse, super::WebError> {
    match outcome {
        Ok(location) => Ok(super::see_other(&location)),
        Err(error) => {
            let (status, state) = refused(error, values)?;
            super::page(
                status,
                &FormPage::new(chrome, texts, action, sections, &state),
            )
        }
    }
}

/// `?done=…` on a record's page after one of its forms: what was done, for a notice.
#[derive(Debug, Default, serde::Deserialize)]
pub struct DoneQuery {
    pub done: Option<String>,
}

/// A command's refusal as its form shows it: the fields' refusals (422) or a rule's reason
/// (409), with what was typed; anything else is not the form's to show.
pub fn refused(
    error: AppError,
    values: Values,
) -> Result<(actix_web::http::StatusCode, FormState), AppError> {
    use actix_web::http::StatusCode;
    match error {
        AppError::Validation(errors) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            FormState {
                values,
                errors,
                problem: None,
            },
        )),
        AppError::Conflict(refusal) => Ok((
            StatusCode::CONFLICT,
            FormState {
                values,
                errors: FieldErrors::new(),
                problem: Some(refusal.ja()),
            },
        )),
        other => Err(other),
    }
}

/// An edit form read as the PATCH it stands for (emptied optional fields clear them), parsed by
/// the API's rules; with what was typed, to show again if refused.
pub fn changes<T: serde::de::DeserializeOwned + validator::Validate>(
    form: &FormData,
    sections: &[Section],
) -> (Values, Result<T, FieldErrors>) {
    let values = Values::from_form(form, sections);
    let (mut json, errors) = to_json(sections, &values);
    clearing_empty(&mut json, sections);
    let parsed = parse_value(&json, errors);
    (values, parsed)
}

/// For a form that edits a record: the optional fields left empty clear them (`null`), as a
/// PATCH would, instead of leaving them unchanged.
pub fn clearing_empty(json: &mut Value, sections: &[Section]) {
    if let Value::Object(object) = json {
        for field in sections.iter().flat_map(|s| &s.fields) {
            if !field.required && !object.contains_key(field.name) {
                object.insert(field.name.to_owned(), Value::Null);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections() -> Vec<Section> {
        vec![Section {
            legend: "test",
            fields: vec![
                Field::new("summary", "概要", Input::TextArea).required(),
                Field::new("persons_affected", "本人の数", Input::Integer).required(),
                Field::new("aware_on", "知った日", Input::Date).required(),
                Field::new("occurred_on", "発生日", Input::Date),
                Field::new("sensitive_data", "要配慮", Input::Checkbox),
                Field::new(
                    "organization_id",
                    "報告者",
                    Input::Select(vec![("7".into(), "A".into())]),
                ),
                Field::new(
                    "regime",
                    "法令",
                    Input::Select(vec![("appi".into(), "民間".into())]),
                ),
                Field::new("data_items", "項目", Input::Lines),
            ],
        }]
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        let mut values = Values::default();
        for (k, v) in pairs {
            values.0.push(((*k).to_owned(), (*v).to_owned()));
        }
        values
    }

    #[test]
    fn a_form_becomes_the_json_the_api_takes() {
        let (json, errors) = to_json(
            &sections(),
            &values(&[
                ("summary", " 誤送信 "),
                ("persons_affected", "12"),
                ("aware_on", "2025-04-01"),
                ("occurred_on", ""),
                ("data_items", "氏名\r\n\r\n 住所 \n"),
                ("organization_id", "7"),
                ("regime", "appi"),
            ]),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            json,
            serde_json::json!({
                "summary": "誤送信", "persons_affected": 12, "aware_on": "2025-04-01",
                "sensitive_data": false, "data_items": ["氏名", "住所"],
                "organization_id": 7, "regime": "appi",
            })
        );
    }

    #[test]
    fn unreadable_numbers_and_dates_and_empty_required_fields_are_named() {
        let (_, errors) = to_json(
            &sections(),
            &values(&[("persons_affected", "十二"), ("aware_on", "2025/04/01")]),
        );
        assert_eq!(errors.get("summary").unwrap(), [Refusal::Required]);
        assert!(
            errors.get("persons_affected").unwrap()[0]
                .ja()
                .contains("数字")
        );
        assert!(
            errors.get("aware_on").unwrap()[0]
                .ja()
                .contains("2025-04-01")
        );
    }

    #[test]
    fn refusals_of_list_items_show_beside_the_list() {
        let mut errors = FieldErrors::new();
        errors.add("data_items[1]", Refusal::Blank);
        let views = views(&sections(), &Values::default(), &errors);
        let items = views[0]
            .fields
            .iter()
            .find(|f| f.name == "data_items")
            .unwrap();
        assert_eq!(items.errors, ["空欄にはできません"]);
        assert_eq!(items.described_by(), "field-data_items-error");
    }
}
