//! Japanese labels in the Commission's style (SPEC.md §7): dates take the era in force on that
//! day (令和 from 2019-05-01, 平成 from 1989-01-08, 昭和 before), the first year of an era is 元年,
//! single-digit numbers are full-width and longer ones half-width. A fiscal year takes the name of
//! the era in force at the end of the calendar year it starts in: FY2019 is 令和元年度,
//! FY2018 平成30年度, FY1988 昭和63年度.

use chrono::{Datelike, NaiveDate};

use super::periods::Period;

struct Era {
    name: &'static str,
    starts: (i32, u32, u32),
}

/// Newest first.
const ERAS: [Era; 3] = [
    Era {
        name: "令和",
        starts: (2019, 5, 1),
    },
    Era {
        name: "平成",
        starts: (1989, 1, 8),
    },
    Era {
        name: "昭和",
        starts: (1926, 12, 25),
    },
];

/// A number as the Commission writes it: ４ but 30.
pub fn number_ja(n: i64) -> String {
    if (0..10).contains(&n) {
        char::from_u32('０' as u32 + n as u32).map_or_else(|| n.to_string(), String::from)
    } else {
        n.to_string()
    }
}

/// The era and the year within it, on a day.
fn era_year(day: NaiveDate) -> (&'static str, i32) {
    for era in &ERAS {
        let (y, m, d) = era.starts;
        if day >= NaiveDate::from_ymd_opt(y, m, d).expect("era start") {
            return (era.name, day.year() - y + 1);
        }
    }
    ("", day.year())
}

fn year_ja(era: &str, year: i32) -> String {
    if year == 1 && !era.is_empty() {
        format!("{era}元年")
    } else {
        format!("{era}{}年", number_ja(i64::from(year)))
    }
}

/// 平成31年４月１日
pub fn date_ja(day: NaiveDate) -> String {
    let (era, year) = era_year(day);
    format!(
        "{}{}月{}日",
        year_ja(era, year),
        number_ja(i64::from(day.month())),
        number_ja(i64::from(day.day()))
    )
}

/// 令和元年度
pub fn fiscal_year_ja(year: i32) -> String {
    let end_of_year = NaiveDate::from_ymd_opt(year, 12, 31).expect("31 December");
    let (era, era_year) = era_year(end_of_year);
    format!("{}度", year_ja(era, era_year))
}

/// 令和元年度上半期（平成31年４月１日～令和元年９月30日）
pub fn period_ja(period: Period) -> String {
    let (from, to) = period.bounds();
    let span = format!("{}～{}", date_ja(from), date_ja(to));
    match period {
        Period::Range(..) => span,
        _ => format!("{}（{span}）", period_name_ja(period)),
    }
}

/// 令和元年度上半期, 令和７年度第１四半期: a period's name without its dates.
pub fn period_name_ja(period: Period) -> String {
    match period {
        Period::FiscalYear(y) => fiscal_year_ja(y),
        Period::Half(y, 1) => format!("{}上半期", fiscal_year_ja(y)),
        Period::Half(y, _) => format!("{}下半期", fiscal_year_ja(y)),
        Period::Quarter(y, q) => {
            format!("{}第{}四半期", fiscal_year_ja(y), number_ja(i64::from(q)))
        }
        Period::Range(from, to) => format!("{}～{}", date_ja(from), date_ja(to)),
    }
}

/// A date as offices in Japan write it, or `None` ([`read_date`]).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    read_date(text).ok()
}

/// Why a text is not a date ([`read_date`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoDate {
    /// Not written as a date, or a day no calendar has (`2019-02-29`).
    Unreadable,
    /// A day written in an era it does not belong to (`平成31年5月1日`: 令和 began that day): the
    /// day it names, which [`date_ja`] writes in the era in force on it (令和元年５月１日).
    OutsideEra(NaiveDate),
}

/// A date as offices in Japan write it: `2019-10-01`, `2019/10/1`, `2019.10.1`, `2019年10月1日`,
/// or by the era (SPEC.md §7) — `令和元年10月1日`, `R1.10.1`, `平成31年4月1日`, `H31/4/1` —
/// full-width digits as well as half-width. An era's date must fall within that era:
/// `平成31年5月1日` is no day (令和 began on it), refused with the day it would be.
pub fn read_date(text: &str) -> Result<NaiveDate, NoDate> {
    read_day(text).unwrap_or(Err(NoDate::Unreadable))
}

/// [`read_date`]'s reading: `None` when the text is no date at all.
fn read_day(text: &str) -> Option<Result<NaiveDate, NoDate>> {
    let text: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '／' => '/',
            '－' | 'ー' | '‐' => '-',
            '．' => '.',
            _ => c,
        })
        .collect();
    let (era, rest) = ERAS
        .iter()
        .find_map(|era| {
            let initial = era_initial(era.name);
            text.strip_prefix(era.name)
                .or_else(|| text.strip_prefix(initial))
                .or_else(|| text.strip_prefix(initial.to_ascii_lowercase().as_str()))
                .map(|rest| (Some(era), rest))
        })
        .unwrap_or((None, text.as_str()));
    let rest = rest.strip_suffix('日').unwrap_or(rest);
    let separators: Vec<char> = rest
        .chars()
        .filter(|c| !c.is_ascii_digit() && *c != '元')
        .collect();
    if !matches!(
        separators.as_slice(),
        ['年', '月'] | ['/', '/'] | ['-', '-'] | ['.', '.']
    ) || (separators[0] == '年') != text.ends_with('日')
    {
        return None;
    }
    let mut parts = rest.split(separators.as_slice());
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let number = |digits: &str, most: usize| -> Option<u32> {
        (!digits.is_empty() && digits.len() <= most && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let (month, day) = (number(month, 2)?, number(day, 2)?);
    match era {
        None if year.len() == 4 => {
            NaiveDate::from_ymd_opt(i32::try_from(number(year, 4)?).ok()?, month, day).map(Ok)
        }
        None => None,
        Some(era) => {
            let year = if year == "元" { 1 } else { number(year, 2)? };
            if year < 1 {
                return None;
            }
            let western = era.starts.0 + i32::try_from(year).ok()? - 1;
            let date = NaiveDate::from_ymd_opt(western, month, day)?;
            Some(if era_year(date) == (era.name, i32::try_from(year).ok()?) {
                Ok(date)
            } else {
                Err(NoDate::OutsideEra(date))
            })
        }
    }
}

/// The letter that stands for an era in short dates (R1.10.1).
fn era_initial(name: &str) -> &'static str {
    match name {
        "令和" => "R",
        "平成" => "H",
        _ => "S",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_fy2019_first_half_is_labelled_as_seed_001_does() {
        assert_eq!(
            period_ja(Period::parse("FY2019-H1").unwrap()),
            "令和元年度上半期（平成31年４月１日～令和元年９月30日）"
        );
    }

    #[test]
    fn the_fy2025_first_quarter_is_labelled_as_seed_000_does() {
        assert_eq!(
            period_ja(Period::parse("FY2025-Q1").unwrap()),
            "令和７年度第１四半期（令和７年４月１日～令和７年６月30日）"
        );
    }

    #[test]
    fn eras_change_on_their_first_day() {
        assert_eq!(date_ja(day("2019-04-30")), "平成31年４月30日");
        assert_eq!(date_ja(day("2019-05-01")), "令和元年５月１日");
        assert_eq!(date_ja(day("1989-01-07")), "昭和64年１月７日");
        assert_eq!(date_ja(day("1989-01-08")), "平成元年１月８日");
        assert_eq!(date_ja(day("2020-03-31")), "令和２年３月31日");
    }

    #[test]
    fn fiscal_years_take_the_era_of_their_calendar_year() {
        assert_eq!(fiscal_year_ja(2019), "令和元年度");
        assert_eq!(fiscal_year_ja(2018), "平成30年度");
        assert_eq!(fiscal_year_ja(1988), "昭和63年度");
        assert_eq!(fiscal_year_ja(2025), "令和７年度");
        assert_eq!(
            period_ja(Period::parse("FY2019-H2").unwrap()),
            "令和元年度下半期（令和元年10月１日～令和２年３月31日）"
        );
        assert_eq!(
            period_ja(Period::FiscalYear(2024)),
            "令和６年度（令和６年４月１日～令和７年３月31日）"
        );
        assert_eq!(
            period_ja(Period::range(day("2019-04-01"), day("2019-09-30")).unwrap()),
            "平成31年４月１日～令和元年９月30日"
        );
    }

    #[test]
    fn single_digits_are_full_width() {
        assert_eq!(number_ja(7), "７");
        assert_eq!(number_ja(0), "０");
        assert_eq!(number_ja(10), "10");
        assert_eq!(number_ja(549), "549");
    }

    #[test]
    fn dates_are_read_as_offices_write_them() {
        for (text, date) in [
            ("2019-10-01", "2019-10-01"),
            ("2019/10/1", "2019-10-01"),
            ("2019.10.01", "2019-10-01"),
            ("2019年10月1日", "2019-10-01"),
            ("２０１９年１０月１日", "2019-10-01"),
            ("令和元年10月1日", "2019-10-01"),
            ("令和１年１０月１日", "2019-10-01"),
            ("R1.10.1", "2019-10-01"),
            ("r01/10/01", "2019-10-01"),
            ("平成31年4月1日", "2019-04-01"),
            ("H31.4.30", "2019-04-30"),
            ("令和元年5月1日", "2019-05-01"),
            // The eras' first days (SPEC.md §7) and the last day before each.
            ("H1.1.8", "1989-01-08"),
            ("平成元年1月8日", "1989-01-08"),
            ("S64.1.7", "1989-01-07"),
            ("昭和元年12月25日", "1926-12-25"),
            (" 令和７年４月１日 ", "2025-04-01"),
        ] {
            assert_eq!(parse_date(text), Some(day(date)), "{text}");
        }
    }

    #[test]
    fn a_date_outside_its_era_or_malformed_is_no_date() {
        for text in [
            "",
            "平成31年5月1日",
            "令和元年4月30日",
            "H1.1.7",
            "S64.1.8",
            "令和0年5月1日",
            "2019-02-29",
            "2019/13/01",
            "19-10-01",
            "2019-10/01",
            "2019年10月1",
            "2019-10-01日",
            "元年10月1日",
            "大正15年1月1日",
            "R1.10",
            "R1.10.1.1",
            "令和100年1月1日",
            "2019-10-001",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn a_day_outside_the_era_it_is_written_in_is_named_in_its_own() {
        // SPEC.md §7: 令和 began on 2019-05-01, 平成 on 1989-01-08.
        for (text, date, label) in [
            ("平成31年5月1日", "2019-05-01", "令和元年５月１日"),
            ("令和元年4月30日", "2019-04-30", "平成31年４月30日"),
            ("H1.1.7", "1989-01-07", "昭和64年１月７日"),
            ("S64.1.8", "1989-01-08", "平成元年１月８日"),
        ] {
            assert_eq!(
                read_date(text),
                Err(NoDate::OutsideEra(day(date))),
                "{text}"
            );
            assert_eq!(date_ja(day(date)), label);
        }
        for text in ["令和0年5月1日", "2019-02-29", "大正15年1月1日", "R1.2.30"] {
            assert_eq!(read_date(text), Err(NoDate::Unreadable), "{text}");
        }
    }

    #[test]
    fn every_label_of_a_date_is_read_back_as_that_date() {
        let mut date = day("1926-12-25");
        while date <= day("2030-12-31") {
            assert_eq!(parse_date(&date_ja(date)), Some(date), "{}", date_ja(date));
            date += chrono::Duration::days(1);
        }
    }
}
