//! The human reference of an incident, `LR-<year of its first report>-<number>`, e.g.
//! `LR-2025-000123`. Derived from the incident's id, so it is unique however many instances
//! take reports at once, and never stored apart from the row it names.

/// The reference of incident `id` whose first report was received in `year`.
pub fn incident_reference(year: i32, id: i64) -> String {
    format!("LR-{year}-{id:06}")
}

/// The reference of opt-out notification `id` first submitted in `year`, `OP-<year>-<number>`.
pub fn optout_reference(year: i32, id: i64) -> String {
    format!("OP-{year}-{id:06}")
}

/// The notification id an opt-out reference names, with its year.
pub fn parse_optout_reference(reference: &str) -> Option<(i32, i64)> {
    let rest = reference.trim().strip_prefix("OP-")?;
    let (year, number) = rest.split_once('-')?;
    if year.len() != 4 || number.len() < 6 {
        return None;
    }
    Some((
        year.parse().ok()?,
        number.parse().ok().filter(|id: &i64| *id > 0)?,
    ))
}

/// The incident id a reference names (the year is checked against the row by the caller).
pub fn parse_incident_reference(reference: &str) -> Option<(i32, i64)> {
    let rest = reference.trim().strip_prefix("LR-")?;
    let (year, number) = rest.split_once('-')?;
    if year.len() != 4 || number.len() < 6 {
        return None;
    }
    Some((
        year.parse().ok()?,
        number.parse().ok().filter(|id: &i64| *id > 0)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_padded_and_round_trip() {
        assert_eq!(incident_reference(2025, 123), "LR-2025-000123");
        assert_eq!(optout_reference(2019, 7), "OP-2019-000007");
        assert_eq!(parse_optout_reference("OP-2019-000007"), Some((2019, 7)));
        assert_eq!(parse_optout_reference("LR-2019-000007"), None);
        assert_eq!(incident_reference(2025, 12_345_678), "LR-2025-12345678");
        assert_eq!(
            parse_incident_reference("LR-2025-000123"),
            Some((2025, 123))
        );
        assert_eq!(
            parse_incident_reference("LR-2025-12345678"),
            Some((2025, 12_345_678))
        );
        for bad in [
            "",
            "LR-25-000001",
            "XX-2025-000001",
            "LR-2025-12",
            "LR-2025-000000",
        ] {
            assert_eq!(parse_incident_reference(bad), None, "{bad}");
        }
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::corporate_number::check_corporate_number;
    use crate::domain::periods::Period;

    proptest! {
        /// The parsers of what people type (references, periods, corporate numbers) refuse any
        /// text without panicking, and a reference reads back as the incident it names.
        #[test]
        fn parsers_take_any_text(text in "\\PC{0,40}") {
            let _ = parse_incident_reference(&text);
            let _ = Period::parse(&text);
            let _ = check_corporate_number(&text);
        }

        #[test]
        fn references_round_trip(year in 1000i32..=9999, id in 1i64..=i64::MAX) {
            prop_assert_eq!(parse_incident_reference(&incident_reference(year, id)), Some((year, id)));
        }

        #[test]
        fn periods_that_parse_name_themselves(year in 1989i32..=2200, part in 0usize..7) {
            let suffix = ["", "-H1", "-H2", "-Q1", "-Q2", "-Q3", "-Q4"][part];
            let text = format!("FY{year}{suffix}");
            let period = Period::parse(&text).unwrap();
            prop_assert_eq!(period.id(), text);
            let (from, to) = period.bounds();
            prop_assert!(from <= to);
            prop_assert_eq!(period.trend_quarters().len(), 4);
        }
    }
}
