//! The Commission's calendar: which days it is closed (Saturdays, Sundays, national holidays under
//! the 国民の祝日に関する法律 — including 振替休日 and 国民の休日 — and the year-end closure
//! 29 December – 3 January, 行政機関の休日に関する法律 第1条), and the date in Japan.
//! Holidays come from the `yasumi` crate, checked below against the Cabinet Office's list.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc, Weekday};

/// Whether the year-end closure (12/29 – 1/3) covers `date`.
pub fn is_year_end_closure(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 29..=31) | (1, 1..=3))
}

pub fn is_national_holiday(date: NaiveDate) -> bool {
    yasumi::is_holiday(date)
}

/// A day on which the Commission's offices are closed.
pub fn is_closed(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        || is_national_holiday(date)
        || is_year_end_closure(date)
}

/// `date` itself when open, else the next open day.
pub fn next_open_day(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while is_closed(day) {
        day += Duration::days(1);
    }
    day
}

/// Open days from `from` to `to`, both included (0 when `to` is before `from`).
pub fn open_days(from: NaiveDate, to: NaiveDate) -> u32 {
    from.iter_days()
        .take_while(|day| *day <= to)
        .filter(|day| !is_closed(*day))
        .count() as u32
}

/// The calendar date in Japan (JST, UTC+9, no daylight saving) at an instant.
pub fn japan_date(instant: DateTime<Utc>) -> NaiveDate {
    let jst = FixedOffset::east_opt(9 * 3600).expect("+09:00 is a valid offset");
    instant.with_timezone(&jst).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn holidays_match_the_cabinet_office_list() {
        // 内閣府「国民の祝日について」: every holiday of 2019–2021 (enthronement, the Olympic moves)
        // and 2024–2026, checked day by day against the whole year.
        let listed: &[&str] = &[
            "2019-01-01",
            "2019-01-14",
            "2019-02-11",
            "2019-03-21",
            "2019-04-29",
            "2019-04-30",
            "2019-05-01",
            "2019-05-02",
            "2019-05-03",
            "2019-05-04",
            "2019-05-05",
            "2019-05-06",
            "2019-07-15",
            "2019-08-11",
            "2019-08-12",
            "2019-09-16",
            "2019-09-23",
            "2019-10-14",
            "2019-10-22",
            "2019-11-03",
            "2019-11-04",
            "2019-11-23",
            "2020-01-01",
            "2020-01-13",
            "2020-02-11",
            "2020-02-23",
            "2020-02-24",
            "2020-03-20",
            "2020-04-29",
            "2020-05-03",
            "2020-05-04",
            "2020-05-05",
            "2020-05-06",
            "2020-07-23",
            "2020-07-24",
            "2020-08-10",
            "2020-09-21",
            "2020-09-22",
            "2020-11-03",
            "2020-11-23",
            "2021-01-01",
            "2021-01-11",
            "2021-02-11",
            "2021-02-23",
            "2021-03-20",
            "2021-04-29",
            "2021-05-03",
            "2021-05-04",
            "2021-05-05",
            "2021-07-22",
            "2021-07-23",
            "2021-08-08",
            "2021-08-09",
            "2021-09-20",
            "2021-09-23",
            "2021-11-03",
            "2021-11-23",
            "2024-01-01",
            "2024-01-08",
            "2024-02-11",
            "2024-02-12",
            "2024-02-23",
            "2024-03-20",
            "2024-04-29",
            "2024-05-03",
            "2024-05-04",
            "2024-05-05",
            "2024-05-06",
            "2024-07-15",
            "2024-08-11",
            "2024-08-12",
            "2024-09-16",
            "2024-09-22",
            "2024-09-23",
            "2024-10-14",
            "2024-11-03",
            "2024-11-04",
            "2024-11-23",
            "2025-01-01",
            "2025-01-13",
            "2025-02-11",
            "2025-02-23",
            "2025-02-24",
            "2025-03-20",
            "2025-04-29",
            "2025-05-03",
            "2025-05-04",
            "2025-05-05",
            "2025-05-06",
            "2025-07-21",
            "2025-08-11",
            "2025-09-15",
            "2025-09-23",
            "2025-10-13",
            "2025-11-03",
            "2025-11-23",
            "2025-11-24",
            "2026-01-01",
            "2026-01-12",
            "2026-02-11",
            "2026-02-23",
            "2026-03-20",
            "2026-04-29",
            "2026-05-03",
            "2026-05-04",
            "2026-05-05",
            "2026-05-06",
            "2026-07-20",
            "2026-08-11",
            "2026-09-21",
            "2026-09-22",
            "2026-09-23",
            "2026-10-12",
            "2026-11-03",
            "2026-11-23",
        ];
        let listed: std::collections::HashSet<NaiveDate> = listed.iter().map(|d| date(d)).collect();
        for year in [2019, 2020, 2021, 2024, 2025, 2026] {
            for day in date(&format!("{year}-01-01"))
                .iter_days()
                .take_while(|d| d.year() == year)
            {
                assert_eq!(
                    is_national_holiday(day),
                    listed.contains(&day),
                    "{day}: the crate and the Cabinet Office list disagree"
                );
            }
        }
    }

    #[test]
    fn the_year_end_closure_runs_from_29_december_to_3_january() {
        assert!(is_year_end_closure(date("2024-12-29")));
        assert!(is_year_end_closure(date("2025-01-03")));
        assert!(!is_year_end_closure(date("2024-12-28")));
        assert!(!is_year_end_closure(date("2025-01-04")));
    }

    #[test]
    fn the_next_open_day_skips_closure_weekends_and_holidays() {
        // 2025-01-01 … 01-03 closure, 01-04/05 weekend → Monday 6 January.
        assert_eq!(next_open_day(date("2025-01-01")), date("2025-01-06"));
        // 2024-04-29 昭和の日 (Monday) → Tuesday.
        assert_eq!(next_open_day(date("2024-04-29")), date("2024-04-30"));
        assert_eq!(next_open_day(date("2024-04-30")), date("2024-04-30"));
    }

    #[test]
    fn fy2025_q1_has_62_working_days() {
        // SPEC §7 / seed 000: 6,403 ÷ 62 → 103.
        assert_eq!(open_days(date("2025-04-01"), date("2025-06-30")), 62);
    }

    #[test]
    fn the_date_in_japan_turns_at_15_00_utc() {
        let before: DateTime<Utc> = "2025-03-31T14:59:59Z".parse().unwrap();
        let after: DateTime<Utc> = "2025-03-31T15:00:00Z".parse().unwrap();
        assert_eq!(japan_date(before), date("2025-03-31"));
        assert_eq!(japan_date(after), date("2025-04-01"));
    }
}
