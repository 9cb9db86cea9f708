//! The human reference of an incident, `LR-<year of its first report>-<number>`, e.g.
//! `LR-2025-000123`. Derived from the incident's id, so it is unique however many instances
//! take reports at once, and never stored apart from the row it names.

/// The reference of incident `id` whose first report was received in `year`.
pub fn incident_reference(year: i32, id: i64) -> String {
    format!("LR-{year}-{id:06}")
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
