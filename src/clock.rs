//! The one place the service reads the clock for a calendar date: today, in Japan (the domain
//! layer stays pure and takes the date as an argument).

use chrono::{NaiveDate, Utc};

use crate::domain::calendar::japan_date;

pub fn today_in_japan() -> NaiveDate {
    japan_date(Utc::now())
}

/// The wire form of an instant: RFC 3339 in UTC with microseconds and `Z`
/// (`2026-11-30T18:47:49.371815Z`). The databases keep instants as UTC without an offset; every
/// answer that carries one (API, audit changes, exports) writes it through here.
pub fn rfc3339(at: &chrono::NaiveDateTime) -> String {
    at.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// Serde's side of [`rfc3339`], for `#[serde(serialize_with = "crate::clock::instant")]`.
pub fn instant<S: serde::Serializer>(
    at: &chrono::NaiveDateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&rfc3339(at))
}

/// [`instant`] for an optional one (`null` when absent).
pub fn optional_instant<S: serde::Serializer>(
    at: &Option<chrono::NaiveDateTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => instant(at, serializer),
        None => serializer.serialize_none(),
    }
}

/// An instant as people in Japan read it on a page: `2026-12-01 10:32` (JST).
pub fn japan_minute(at: &chrono::NaiveDateTime) -> String {
    let jst = chrono::FixedOffset::east_opt(9 * 3600).expect("JST is a valid offset");
    at.and_utc()
        .with_timezone(&jst)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_is_written_in_utc_with_its_offset() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .unwrap()
            .and_hms_micro_opt(18, 47, 49, 371_815)
            .unwrap();
        assert_eq!(rfc3339(&at), "2026-11-30T18:47:49.371815Z");
        let whole = chrono::Timelike::with_nanosecond(&at, 0).unwrap();
        assert_eq!(rfc3339(&whole), "2026-11-30T18:47:49.000000Z");
    }
}
