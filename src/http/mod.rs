//! What every endpoint shares: the JSON body and query extractors that validate and name the
//! refused field, the body size cap, and the page shape of lists (API.md: `items, page, per_page,
//! total`).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use serde::Serialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;
use validator::Validate;

use diesel::RunQueryDsl;
use diesel::backend::Backend;
use diesel::dsl::{Limit, Offset, Select};
use diesel::expression::SqlLiteral;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::query_dsl::LoadQuery;
use diesel::query_dsl::methods::{LimitDsl, OffsetDsl, SelectDsl};
use diesel::sql_types::{BigInt, Integer};

use crate::db::DbConnection;
use crate::error::{AppError, FieldErrors, Refusal, UnreadableBody};

pub mod cache;
pub mod download;
mod fields;

/// The largest request body read, in bytes, unless the configuration sets another.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// The configured body limit, stored as app data.
#[derive(Clone, Copy, Debug)]
pub struct BodyLimit(pub usize);

type LocalFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// A JSON body, read by the extractor (no further than the size limit) and refused or
/// deserialised and validated by [`ValidJson::into_inner`] — which the handler calls after its
/// other extractors, so authentication and role checks answer first (401/403 before 413/422).
/// A refusal names each field (422); a body that is not JSON at all is 400, not declared JSON
/// 415, too large 413.
pub struct ValidJson<T> {
    bytes: Result<web::Bytes, AppError>,
    is_json: bool,
    target: std::marker::PhantomData<T>,
}

impl<T: DeserializeOwned + Validate> ValidJson<T> {
    pub fn into_inner(self) -> Result<T, AppError> {
        let bytes = self.bytes?;
        if !self.is_json {
            return Err(AppError::UnsupportedMediaType);
        }
        parse_json(&bytes)
    }
}

impl<T: DeserializeOwned + Validate + Default> ValidJson<T> {
    /// A body that may be left out: none at all is the default; any other is read as
    /// [`ValidJson::into_inner`] reads it.
    pub fn into_inner_or_default(self) -> Result<T, AppError> {
        if matches!(&self.bytes, Ok(bytes) if bytes.iter().all(u8::is_ascii_whitespace)) {
            return Ok(T::default());
        }
        self.into_inner()
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidJson<T> {
    type Error = AppError;
    type Future = LocalFuture<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<BodyLimit>()
            .map_or(DEFAULT_BODY_LIMIT, |limit| limit.0);
        let is_json = match req.mime_type() {
            Ok(Some(mime)) => {
                mime.subtype() == "json" || mime.suffix().is_some_and(|s| s == "json")
            }
            _ => false,
        };
        let body = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            let bytes = match body.await {
                Ok(bytes) if bytes.len() > limit => Err(AppError::PayloadTooLarge(limit)),
                Ok(bytes) => Ok(bytes),
                Err(error) => Err(read_error(&error, limit)),
            };
            Ok(Self {
                bytes,
                is_json,
                target: std::marker::PhantomData,
            })
        })
    }
}

pub(crate) fn read_error(error: &actix_web::Error, limit: usize) -> AppError {
    match error.as_error::<actix_web::error::PayloadError>() {
        Some(actix_web::error::PayloadError::Overflow) => AppError::PayloadTooLarge(limit),
        _ => AppError::Malformed(UnreadableBody::Body),
    }
}

/// Deserialises and validates a JSON object, naming every field at fault: syntax errors are
/// 400, wrong values 422. Any other JSON value is refused first: serde would otherwise read an
/// array as a struct, field by position.
pub fn parse_json<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, AppError> {
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
            Ok(_) => Err(FieldErrors::single("body", Refusal::NotAnObject)),
            Err(error) => Err(malformed(&error)),
        };
    }
    match serde_json::from_slice::<T>(bytes) {
        Ok(value) => {
            value.validate()?;
            Ok(value)
        }
        // serde_json calls some wrong values syntax (`null` where an enum is expected reads as
        // "expected value"); the body is malformed only when it is not JSON at all.
        Err(error)
            if error.classify() != serde_json::error::Category::Data
                && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err() =>
        {
            Err(malformed(&error))
        }
        Err(error) => match fields::reread::<T>(bytes) {
            Err(AppError::Validation(mut refused)) => {
                if refused.is_empty() {
                    // Refused by serde_json alone (no field at fault of its own): say so, in its
                    // words.
                    refused.add(
                        "body",
                        Refusal::Unreadable {
                            detail: error.to_string(),
                        },
                    );
                }
                Err(AppError::Validation(refused))
            }
            read => read,
        },
    }
}

fn malformed(error: &serde_json::Error) -> AppError {
    AppError::Malformed(UnreadableBody::Json(error.to_string()))
}

/// A query string, deserialised and validated like [`ValidJson`] by [`ValidQuery::into_inner`],
/// after authentication; every refusal is 422.
pub struct ValidQuery<T> {
    query: String,
    target: std::marker::PhantomData<T>,
}

impl<T: DeserializeOwned + Validate> ValidQuery<T> {
    pub fn into_inner(self) -> Result<T, AppError> {
        parse_query(&self.query)
    }
}

impl<T: DeserializeOwned + Validate + 'static> FromRequest for ValidQuery<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Ok(Self {
            query: req.query_string().to_owned(),
            target: std::marker::PhantomData,
        }))
    }
}

/// Deserialises and validates a query string; the first refused parameter is named.
pub fn parse_query<T: DeserializeOwned + Validate>(query: &str) -> Result<T, AppError> {
    let value: T = fields::from_query(query)?;
    value.validate()?;
    Ok(value)
}

/// The validator of a prefecture's name, one of the 47 as written in Japanese.
pub fn prefecture_field(value: &str) -> Result<(), validator::ValidationError> {
    if crate::domain::prefecture::is_prefecture(value) {
        Ok(())
    } else {
        Err(crate::error::validation_error(
            crate::error::Refusal::Prefecture,
        ))
    }
}

/// The validator of free text every form shares (see `domain::text::check_text`).
pub fn text_field(value: &str) -> Result<(), validator::ValidationError> {
    crate::domain::text::check_text(value).map_err(crate::error::validation_error)
}

/// 1 to 100 items (kinds of personal data, on reports and the registers), each written text of at most 200 characters.
pub fn data_items_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaFormat, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::Custom("text".into())))
                .max_length(Some(200)),
        )
        .min_items(Some(1))
        .max_items(Some(100))
        .description(Some("項目: the kinds of personal data involved."))
        .build()
}

pub fn data_items_field(items: &[String]) -> Result<(), validator::ValidationError> {
    for item in items {
        if crate::domain::text::check_text(item).is_err() {
            return Err(crate::error::validation_error(
                crate::error::Refusal::DataItemText,
            ));
        }
        if item.chars().count() > 200 {
            return Err(crate::error::validation_error(
                crate::error::Refusal::DataItemTooLong { max: 200 },
            ));
        }
    }
    Ok(())
}

// Serde helpers for PATCH bodies, where leaving a field out and sending `null` differ.

/// A field that may be left out but, being required, not cleared with `null`.
pub fn non_null<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <T as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Tells a field given as `null` (Some(None): clear it) from a field left out (None: keep it).
pub fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Which page of a list to answer. Built from the `page`/`per_page` query fields, which each
/// filter type declares (validated there: page ≥ 1, 1 ≤ per_page ≤ 500).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl PageRequest {
    pub const DEFAULT_PER_PAGE: u32 = 50;
    /// The most rows a client may ask a page for (each list's filter refuses more).
    pub const MAX_PER_PAGE: u32 = 500;
    /// The most rows one page reads: a download's, which reads the whole list a page at a time
    /// ([`download::export`]), so that it skips fewer rows to reach each.
    pub const MAX_READ: u32 = 5_000;

    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Self {
        Self {
            page: page.unwrap_or(1).max(1),
            per_page: per_page
                .unwrap_or(Self::DEFAULT_PER_PAGE)
                .clamp(1, Self::MAX_READ),
        }
    }

    pub fn limit(&self) -> i64 {
        i64::from(self.per_page)
    }

    pub fn offset(&self) -> i64 {
        i64::from(self.page - 1) * i64::from(self.per_page)
    }
}

/// A list's total is counted exactly up to this many rows; beyond, it is estimated and
/// `total_exact` is false (API.md, "Lists").
pub const EXACT_TOTAL_UP_TO: i64 = 10_000;

/// The rows of one page of a list, with the request and the list's total.
#[derive(Debug)]
pub struct Rows<T> {
    pub rows: Vec<T>,
    pub request: PageRequest,
    pub total: Total,
}

/// How many rows a list has in all: exact up to [`EXACT_TOTAL_UP_TO`], beyond that a lower
/// bound (`exact` false).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Total {
    pub count: i64,
    pub exact: bool,
}

impl Total {
    pub fn exact(count: i64) -> Self {
        Self { count, exact: true }
    }

    /// The total of a list that has `counted` rows as far as counting went (at most one more
    /// than [`EXACT_TOTAL_UP_TO`]), `shown` of which on page `request`: beyond the cap, at
    /// least the rows up to this page's (when it has any), and one more when this page is full.
    fn of(counted: i64, request: PageRequest, shown: usize) -> Self {
        if counted <= EXACT_TOTAL_UP_TO {
            return Self::exact(counted);
        }
        // An empty page (past the end) tells nothing of the rows before it.
        let shown = i64::try_from(shown).unwrap_or(i64::MAX);
        let seen = if shown == 0 {
            0
        } else {
            request.offset() + shown + i64::from(shown == request.limit())
        };
        Self {
            count: counted.max(seen),
            exact: false,
        }
    }
}

/// `count` followed by 件, with 以上 when it is a lower bound: what a page shows.
impl std::fmt::Display for Total {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.exact {
            write!(f, "{}件", self.count)
        } else {
            write!(f, "{}件以上", self.count)
        }
    }
}

impl<T> Rows<T> {
    /// The page, each row made into what the list shows.
    pub fn into_page<U: ToSchema>(self, view: impl FnMut(T) -> U) -> Page<U> {
        Page::new(
            self.rows.into_iter().map(view).collect(),
            self.request,
            self.total,
        )
    }

    /// The page, each row made into what the list shows by a conversion that may fail.
    pub fn try_into_page<U: ToSchema, E>(
        self,
        view: impl FnMut(T) -> Result<U, E>,
    ) -> Result<Page<U>, E> {
        let rows = self.rows.into_iter().map(view).collect::<Result<_, _>>()?;
        Ok(Page::new(rows, self.request, self.total))
    }
}

/// `SELECT COUNT(*) FROM (query) AS counted`: counts the rows of a query that may carry a
/// `LIMIT`, which `count_star()` in the query's own select list would not.
#[derive(Clone, Copy, Debug, QueryId)]
pub struct CountOf<Q>(Q);

impl<Q> Query for CountOf<Q> {
    type SqlType = BigInt;
}

impl<DB: Backend, Q: QueryFragment<DB>> QueryFragment<DB> for CountOf<Q> {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, DB>) -> diesel::QueryResult<()> {
        out.push_sql("SELECT COUNT(*) FROM (");
        self.0.walk_ast(out.reborrow())?;
        out.push_sql(") AS counted");
        Ok(())
    }
}

impl<Q, C> RunQueryDsl<C> for CountOf<Q> {}

/// What counting selects of each row: nothing but a constant.
type One = SqlLiteral<Integer>;

impl PageRequest {
    /// Loads one page of the list `query()` builds: its total, counted up to
    /// [`EXACT_TOTAL_UP_TO`] (past that the database would read every matching row only to
    /// count it), then the page's rows in the order (and with the columns) `ordered` gives them.
    /// `query` is called twice, once for each.
    pub fn load<Q, R, T>(
        self,
        conn: &mut DbConnection,
        query: impl Fn() -> Q,
        ordered: impl FnOnce(Q) -> R,
    ) -> Result<Rows<T>, AppError>
    where
        Q: SelectDsl<One>,
        Select<Q, One>: LimitDsl,
        for<'x> CountOf<Limit<Select<Q, One>>>: LoadQuery<'x, DbConnection, i64>,
        R: LimitDsl,
        Limit<R>: OffsetDsl,
        Offset<Limit<R>>: RunQueryDsl<DbConnection>,
        for<'x> Offset<Limit<R>>: LoadQuery<'x, DbConnection, T>,
    {
        let counted = self.count(conn, query())?;
        let page = OffsetDsl::offset(
            LimitDsl::limit(ordered(query()), self.limit()),
            self.offset(),
        );
        let rows: Vec<T> = page.load(conn)?;
        let total = Total::of(counted, self, rows.len());
        Ok(Rows {
            rows,
            request: self,
            total,
        })
    }

    /// Like [`PageRequest::load`], for a list read by id: `ids` orders the list's ids, and the
    /// page's ids are found first — so a deep page skips the earlier ones in an index, never
    /// reading their rows — then `fetch` reads those rows (in any order; they are answered in
    /// the ids' order).
    pub fn load_by_id<Q, R, T>(
        self,
        conn: &mut DbConnection,
        query: impl Fn() -> Q,
        ids: impl FnOnce(Q) -> R,
        fetch: impl FnOnce(&mut DbConnection, &[i64]) -> Result<Vec<T>, AppError>,
        id_of: impl Fn(&T) -> i64,
    ) -> Result<Rows<T>, AppError>
    where
        Q: SelectDsl<One>,
        Select<Q, One>: LimitDsl,
        for<'x> CountOf<Limit<Select<Q, One>>>: LoadQuery<'x, DbConnection, i64>,
        R: LimitDsl,
        Limit<R>: OffsetDsl,
        Offset<Limit<R>>: RunQueryDsl<DbConnection>,
        for<'x> Offset<Limit<R>>: LoadQuery<'x, DbConnection, i64>,
    {
        let counted = self.count(conn, query())?;
        self.page_by_id(conn, counted, ids(query()), fetch, id_of)
    }

    /// The second half of [`PageRequest::load_by_id`], for a list whose count `counted` was
    /// taken by [`PageRequest::count`] from another form of the same query (one the database
    /// counts faster): the page's ids from `ids`, then their rows from `fetch`.
    pub fn page_by_id<R, T>(
        self,
        conn: &mut DbConnection,
        counted: i64,
        ids: R,
        fetch: impl FnOnce(&mut DbConnection, &[i64]) -> Result<Vec<T>, AppError>,
        id_of: impl Fn(&T) -> i64,
    ) -> Result<Rows<T>, AppError>
    where
        R: LimitDsl,
        Limit<R>: OffsetDsl,
        Offset<Limit<R>>: RunQueryDsl<DbConnection>,
        for<'x> Offset<Limit<R>>: LoadQuery<'x, DbConnection, i64>,
    {
        let page = OffsetDsl::offset(LimitDsl::limit(ids, self.limit()), self.offset());
        let ids: Vec<i64> = page.load(conn)?;
        let mut found: std::collections::HashMap<i64, T> = fetch(conn, &ids)?
            .into_iter()
            .map(|row| (id_of(&row), row))
            .collect();
        let rows: Vec<T> = ids.iter().filter_map(|id| found.remove(id)).collect();
        let total = Total::of(counted, self, rows.len());
        Ok(Rows {
            rows,
            request: self,
            total,
        })
    }

    /// The rows of `query`, counted up to one more than [`EXACT_TOTAL_UP_TO`].
    pub fn count<Q>(self, conn: &mut DbConnection, query: Q) -> Result<i64, AppError>
    where
        Q: SelectDsl<One>,
        Select<Q, One>: LimitDsl,
        for<'x> CountOf<Limit<Select<Q, One>>>: LoadQuery<'x, DbConnection, i64>,
    {
        let one = diesel::dsl::sql::<Integer>("1");
        let limited = LimitDsl::limit(SelectDsl::select(query, one), EXACT_TOTAL_UP_TO + 1);
        Ok(CountOf(limited).get_result(conn)?)
    }
}

/// A short list answered whole: `{"items": [...]}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Items<T: ToSchema> {
    pub items: Vec<T>,
}

/// One page of a list, in a stable order.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T: ToSchema> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    /// Rows in all pages: exact when `total_exact`, else a lower bound (the list has more than
    /// 10,000 rows and was not counted to its end).
    pub total: i64,
    pub total_exact: bool,
}

impl<T: ToSchema> Page<T> {
    pub fn new(items: Vec<T>, request: PageRequest, total: Total) -> Self {
        Self {
            items,
            page: request.page,
            per_page: request.per_page,
            total: total.count,
            total_exact: total.exact,
        }
    }

    /// The list's total, as a page shows it.
    pub fn count(&self) -> Total {
        Total {
            count: self.total,
            exact: self.total_exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_is_exact_to_ten_thousand_then_a_bound_that_keeps_a_pager_going() {
        let page = |n| PageRequest::new(Some(n), Some(50));
        assert_eq!(Total::of(0, page(1), 0), Total::exact(0));
        assert_eq!(Total::of(10_000, page(200), 50), Total::exact(10_000));
        assert_eq!(format!("{}", Total::exact(10_000)), "10000件");
        // Counting stopped at 10,001: at least that many, or the rows up to a full page and one.
        let first = Total::of(10_001, page(1), 50);
        assert_eq!((first.count, first.exact), (10_001, false));
        assert_eq!(format!("{first}"), "10001件以上");
        assert_eq!(Total::of(10_001, page(2000), 50).count, 99_950 + 50 + 1);
        assert_eq!(Total::of(10_001, page(2000), 20).count, 99_950 + 20);
        assert_eq!(Total::of(10_001, page(2000), 0).count, 10_001);
    }
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // only deserialised, to provoke errors
    struct Probe {
        #[validate(length(min = 1, max = 5))]
        name: String,
        count: Option<u32>,
        inner: Option<Inner>,
    }

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        flag: bool,
    }

    fn fields(error: AppError) -> FieldErrors {
        match error {
            AppError::Validation(fields) => fields,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    fn refused(json: &str) -> FieldErrors {
        fields(parse_json::<Probe>(json.as_bytes()).unwrap_err())
    }

    /// JSON Schema's integers include `3.0`; a fraction, a duplicate key or `null` for an enum
    /// is still refused, field by field.
    #[test]
    fn a_whole_number_with_a_fraction_of_zero_is_an_integer() {
        let probe = parse_json::<Probe>(br#"{"name": "a", "count": 3.0}"#).unwrap();
        assert_eq!(probe.count, Some(3));
        assert!(refused(r#"{"name": "a", "count": 3.5}"#).names("count"));
        assert!(refused(r#"{"name": "a", "count": -1.0}"#).names("count"));
        let twice = refused(r#"{"name": "a", "count": 3.0, "count": 4}"#);
        assert!(twice.names("count"), "{twice:?}");
        #[derive(Debug, Deserialize, Validate)]
        #[allow(dead_code)]
        struct Kind {
            kind: crate::domain::report::Stage,
        }
        let null = parse_json::<Kind>(br#"{"kind": null}"#).unwrap_err();
        assert!(fields(null).names("kind"));
    }

    #[test]
    fn names_the_missing_unknown_and_mistyped_fields() {
        assert_eq!(refused("{}").get("name").unwrap(), [Refusal::Required]);
        assert_eq!(
            refused(r#"{"name":"a","colour":1}"#).get("colour").unwrap(),
            [Refusal::UnknownField]
        );
        assert!(
            refused(r#"{"name":"a","count":"x"}"#)
                .get("count")
                .is_some()
        );
        assert!(refused(r#"{"name":"a","count":-1}"#).get("count").is_some());
        assert!(
            refused(r#"{"name":"a","inner":{"flag":"yes"}}"#)
                .get("inner.flag")
                .is_some()
        );
        assert!(refused(r#"{"name":"toolong"}"#).get("name").is_some());
        assert!(refused("[1]").get("body").is_some());
    }

    #[test]
    fn every_wrong_field_is_named_at_once() {
        let errors = refused(r#"{"name":"toolong","count":"x","inner":{"flag":1},"extra":true}"#);
        for field in ["name", "count", "inner.flag", "extra"] {
            assert!(errors.get(field).is_some(), "{field} in {errors:?}");
        }
        // A wrong required field stops the search once it goes missing, but is still named.
        let errors = refused(r#"{"name":5,"count":"x"}"#);
        assert!(
            errors.get("name").is_some() && errors.get("count").is_some(),
            "{errors:?}"
        );
    }

    #[derive(Debug, Deserialize, Validate)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Filing {
        organization_id: i64,
        regime: Regime,
        received_on: chrono::NaiveDate,
        persons_affected: u32,
        sensitive_data: bool,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Regime {
        Appi,
        MyNumber,
    }

    #[test]
    fn every_missing_field_is_named_at_once_enums_too() {
        let errors = fields(parse_json::<Filing>(br#"{"organization_id":99}"#).unwrap_err());
        for field in [
            "regime",
            "received_on",
            "persons_affected",
            "sensitive_data",
        ] {
            assert_eq!(
                errors.get(field).unwrap(),
                [Refusal::Required],
                "{errors:?}"
            );
        }
        assert!(errors.get("organization_id").is_none(), "{errors:?}");
        let errors = fields(
            parse_json::<Filing>(br#"{"regime":"gdpr","persons_affected":-1}"#).unwrap_err(),
        );
        for field in [
            "organization_id",
            "regime",
            "received_on",
            "persons_affected",
            "sensitive_data",
        ] {
            assert!(errors.get(field).is_some(), "{field} in {errors:?}");
        }
    }

    #[test]
    fn syntax_errors_are_malformed_not_field_errors() {
        for body in ["{", "nonsense", "{\"name\":\"a\"} trailing", ""] {
            let error = parse_json::<Probe>(body.as_bytes()).unwrap_err();
            assert!(matches!(error, AppError::Malformed(_)), "{body}: {error:?}");
        }
    }

    #[test]
    fn query_errors_name_the_parameter() {
        let error = parse_query::<Probe>("name=a&count=many").unwrap_err();
        assert!(fields(error).get("count").is_some());
        let error = parse_query::<Probe>("name=a&nmae=b").unwrap_err();
        assert!(fields(error).get("nmae").is_some());
        let probe: Probe = parse_query("name=ab&count=3").unwrap();
        assert_eq!(probe.count, Some(3));
    }

    #[test]
    fn pages_default_and_clamp() {
        assert_eq!(
            PageRequest::new(None, None),
            PageRequest {
                page: 1,
                per_page: 50
            }
        );
        let request = PageRequest::new(Some(3), Some(20));
        assert_eq!((request.limit(), request.offset()), (20, 40));
        assert_eq!(PageRequest::new(Some(0), Some(0)).limit(), 1);
        assert_eq!(PageRequest::new(Some(0), Some(0)).offset(), 0);
        assert_eq!(
            PageRequest::new(None, Some(u32::MAX)).limit(),
            i64::from(PageRequest::MAX_READ)
        );
    }
}
