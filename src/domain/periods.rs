//! Reporting periods (SPEC.md §7): fiscal years run 1 April – 31 March and are named by the
//! calendar year they start in; `FY2019`, `FY2019-H1`/`H2`, `FY2019-Q1`…`Q4`, or any from/to
//! range. Also the two rounding rules of the hotline table.

use chrono::{Datelike, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    FiscalYear(i32),
    /// 1: April–September (上半期), 2: October–March (下半期).
    Half(i32, u8),
    /// 1: April–June … 4: January–March.
    Quarter(i32, u8),
    Range(NaiveDate, NaiveDate),
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("must be FY<year>, FY<year>-H1/H2 or FY<year>-Q1…Q4 (e.g. FY2019-H1)")]
    Format,
    #[error("the period must lie within fiscal years 1989 to 2200")]
    Year,
    #[error("`to` must not be before `from`")]
    Order,
}

impl PeriodError {
    pub fn refusal(&self) -> crate::error::Refusal {
        use crate::error::Refusal;
        match self {
            Self::Format => Refusal::PeriodFormat,
            Self::Year => Refusal::PeriodYears,
            Self::Order => Refusal::PeriodOrder,
        }
    }
}

const FIRST_YEAR: i32 = 1989;
const LAST_YEAR: i32 = 2200;

/// A named period ([`Period::parse`]) as a regular expression: the pattern of the document's
/// `format: period` strings (fiscal years 1989 to 2200).
pub const PERIOD_PATTERN: &str = "^FY(19(89|9[0-9])|20[0-9]{2}|21[0-9]{2}|2200)(-(H[12]|Q[1-4]))?$";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid calendar date")
}

impl Period {
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let rest = text.strip_prefix("FY").ok_or(PeriodError::Format)?;
        let (year, part) = match rest.split_once('-') {
            Some((year, part)) => (year, Some(part)),
            None => (rest, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError::Format);
        }
        let year: i32 = year.parse().map_err(|_| PeriodError::Format)?;
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return Err(PeriodError::Year);
        }
        match part {
            None => Ok(Self::FiscalYear(year)),
            Some("H1") => Ok(Self::Half(year, 1)),
            Some("H2") => Ok(Self::Half(year, 2)),
            Some(q) if q.len() == 2 && q.starts_with('Q') => match q.as_bytes()[1] {
                n @ b'1'..=b'4' => Ok(Self::Quarter(year, n - b'0')),
                _ => Err(PeriodError::Format),
            },
            Some(_) => Err(PeriodError::Format),
        }
    }

    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Self, PeriodError> {
        if to < from {
            return Err(PeriodError::Order);
        }
        if fiscal_year_of(from) < FIRST_YEAR || fiscal_year_of(to) > LAST_YEAR {
            return Err(PeriodError::Year);
        }
        Ok(Self::Range(from, to))
    }

    /// The first and last day, both included.
    pub fn bounds(self) -> (NaiveDate, NaiveDate) {
        match self {
            Self::FiscalYear(y) => (date(y, 4, 1), date(y + 1, 3, 31)),
            Self::Half(y, 1) => (date(y, 4, 1), date(y, 9, 30)),
            Self::Half(y, _) => (date(y, 10, 1), date(y + 1, 3, 31)),
            Self::Quarter(y, 1) => (date(y, 4, 1), date(y, 6, 30)),
            Self::Quarter(y, 2) => (date(y, 7, 1), date(y, 9, 30)),
            Self::Quarter(y, 3) => (date(y, 10, 1), date(y, 12, 31)),
            Self::Quarter(y, _) => (date(y + 1, 1, 1), date(y + 1, 3, 31)),
            Self::Range(from, to) => (from, to),
        }
    }

    /// `FY2019-H1`, or `2019-04-01..2019-09-30` for a range.
    pub fn id(self) -> String {
        match self {
            Self::FiscalYear(y) => format!("FY{y}"),
            Self::Half(y, h) => format!("FY{y}-H{h}"),
            Self::Quarter(y, q) => format!("FY{y}-Q{q}"),
            Self::Range(from, to) => format!("{from}..{to}"),
        }
    }

    /// Whether two periods are of one span (both halves, both quarters …): the columns of a
    /// trend drawn from published figures only.
    pub fn same_span(self, other: Period) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }

    /// The fiscal year before the one this period starts in (for 四半期換算).
    pub fn previous_fiscal_year(self) -> Self {
        Self::FiscalYear(fiscal_year_of(self.bounds().0) - 1)
    }
}

impl Period {
    /// The four fiscal quarters ending with the one holding the period's last day, oldest first:
    /// the columns of seed 000's quarterly tables (FY2025-Q1 → FY2024-Q2 … FY2025-Q1).
    pub fn trend_quarters(self) -> Vec<Period> {
        let last = self.bounds().1;
        let year = fiscal_year_of(last);
        // April–June is Q1 … January–March is Q4.
        let quarter = ((last.month0() + 9) % 12 / 3 + 1) as i32;
        let index = year * 4 + (quarter - 1);
        (index - 3..=index)
            .map(|i| Period::Quarter(i.div_euclid(4), (i.rem_euclid(4) + 1) as u8))
            .collect()
    }
}

/// The fiscal year a date falls in.
pub fn fiscal_year_of(day: NaiveDate) -> i32 {
    if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    }
}

/// The first day of fiscal year `year` (1 April; 年度).
pub fn fiscal_year_start(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or(NaiveDate::MIN)
}

/// 四半期換算: a fiscal year's total divided by 4, rounded half up.
pub fn quarterly_equivalent(fiscal_year_total: u64) -> u64 {
    (fiscal_year_total + 2) / 4
}

/// 1日平均: a period total divided by its working days, rounded down (0 with no working day).
pub fn daily_average(total: u64, working_days: u32) -> u64 {
    total.checked_div(u64::from(working_days)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_of_one_span_make_a_trend() {
        let half = Period::Half(2019, 1);
        assert!(half.same_span(Period::Half(2020, 2)));
        assert!(!half.same_span(Period::Quarter(2019, 1)));
        assert!(!half.same_span(Period::FiscalYear(2019)));
    }

    /// Every year from 0000 to 9999 with every suffix, and a few near misses: the pattern takes
    /// exactly what `parse` takes.
    #[test]
    fn the_pattern_is_the_parser() {
        let pattern = regex::Regex::new(PERIOD_PATTERN).unwrap();
        let suffixes = [
            "", "-H1", "-H2", "-H3", "-Q1", "-Q4", "-Q5", "-q1", "-", "-H1x",
        ];
        for year in 0..=9999 {
            for suffix in suffixes {
                let text = format!("FY{year:04}{suffix}");
                assert_eq!(
                    pattern.is_match(&text),
                    Period::parse(&text).is_ok(),
                    "{text}"
                );
            }
        }
        for text in [
            "FY201",
            "FY20190",
            "fy2019",
            "FY２０１９",
            " FY2019",
            "FY2019 ",
        ] {
            assert!(
                !pattern.is_match(text) && Period::parse(text).is_err(),
                "{text}"
            );
        }
    }

    #[test]
    fn the_trend_is_the_four_quarters_of_seed_000s_tables() {
        let ids = |p: &str| -> Vec<String> {
            Period::parse(p)
                .unwrap()
                .trend_quarters()
                .into_iter()
                .map(Period::id)
                .collect()
        };
        // Seed 000 (FY2025-Q1): 令和６年度第２四半期 … 令和７年度第１四半期.
        assert_eq!(
            ids("FY2025-Q1"),
            ["FY2024-Q2", "FY2024-Q3", "FY2024-Q4", "FY2025-Q1"]
        );
        // A half year or a year ends with its last quarter.
        assert_eq!(
            ids("FY2019-H1"),
            ["FY2018-Q3", "FY2018-Q4", "FY2019-Q1", "FY2019-Q2"]
        );
        assert_eq!(
            ids("FY2019"),
            ["FY2019-Q1", "FY2019-Q2", "FY2019-Q3", "FY2019-Q4"]
        );
    }

    #[test]
    fn periods_parse_and_bound_fiscal_years_from_april() {
        let bounds = |p: &str| {
            let (from, to) = Period::parse(p).unwrap().bounds();
            (from.to_string(), to.to_string())
        };
        assert_eq!(bounds("FY2019"), ("2019-04-01".into(), "2020-03-31".into()));
        assert_eq!(
            bounds("FY2019-H1"),
            ("2019-04-01".into(), "2019-09-30".into())
        );
        assert_eq!(
            bounds("FY2019-H2"),
            ("2019-10-01".into(), "2020-03-31".into())
        );
        assert_eq!(
            bounds("FY2025-Q1"),
            ("2025-04-01".into(), "2025-06-30".into())
        );
        assert_eq!(
            bounds("FY2025-Q3"),
            ("2025-10-01".into(), "2025-12-31".into())
        );
        assert_eq!(
            bounds("FY2025-Q4"),
            ("2026-01-01".into(), "2026-03-31".into())
        );
        assert_eq!(Period::parse("FY2019-H1").unwrap().id(), "FY2019-H1");
    }

    #[test]
    fn malformed_periods_are_refused() {
        for bad in [
            "",
            "2019",
            "FY19",
            "FY2019-H3",
            "FY2019-Q5",
            "FY2019-q1",
            "FY2019H1",
            "FY2019-Q12",
        ] {
            assert_eq!(Period::parse(bad), Err(PeriodError::Format), "{bad}");
        }
        assert_eq!(Period::parse("FY1900"), Err(PeriodError::Year));
        let (a, b) = (date(2025, 5, 1), date(2025, 4, 1));
        assert_eq!(Period::range(a, b), Err(PeriodError::Order));
        assert_eq!(
            Period::range(date(1, 1, 1), date(9999, 12, 31)),
            Err(PeriodError::Year)
        );
        assert!(Period::range(date(2019, 4, 1), date(2019, 9, 30)).is_ok());
    }

    #[test]
    fn the_previous_fiscal_year_of_a_first_quarter_is_the_year_before() {
        assert_eq!(
            Period::parse("FY2025-Q1").unwrap().previous_fiscal_year(),
            Period::FiscalYear(2024)
        );
        assert_eq!(
            Period::parse("FY2025-Q4").unwrap().previous_fiscal_year(),
            Period::FiscalYear(2024)
        );
        assert_eq!(fiscal_year_of(date(2026, 3, 31)), 2025);
    }

    #[test]
    fn quarterly_equivalent_rounds_half_up_and_daily_average_rounds_down() {
        // SPEC §7: 四半期換算 ÷ 4 half up; 1日平均 rounded down; FY2025-Q1: 6,403 ÷ 62 → 103.
        assert_eq!(quarterly_equivalent(25_794), 6_449); // 6,448.5 → 6,449
        assert_eq!(quarterly_equivalent(25_793), 6_448); // 6,448.25
        assert_eq!(quarterly_equivalent(10), 3); // 2.5 → 3
        assert_eq!(daily_average(6_403, 62), 103);
        assert_eq!(daily_average(2_305, 62), 37);
        assert_eq!(daily_average(3_621, 62), 58);
        assert_eq!(daily_average(477, 62), 7);
        assert_eq!(daily_average(5, 0), 0);
    }
}
