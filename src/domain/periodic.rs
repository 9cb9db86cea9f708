//! The periodic reports (定期的な報告) of 行政機関の長等 and local governments on their handling of
//! specific personal information (番号利用法第29条の3第2項; seed 001 Ⅱ（５）: 「地方公共団体等
//! 2,204機関から報告を受け」). Each fiscal year the Commission asks a questionnaire of numbered
//! items, each answered yes, no or not applicable; a body answers once, by a due day, and amends
//! until its report is accepted. The year of a questionnaire is the year reported on.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::organization::OrganizationKind;
use super::periods::fiscal_year_start;
use super::text_enum;
use crate::error::Refusal;

text_enum! {
    /// An answer to one item of the questionnaire.
    pub enum Answer {
        /// はい
        Yes => "yes",
        /// いいえ
        No => "no",
        /// 該当なし
        NotApplicable => "na",
    }
}

impl Answer {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Yes => "はい",
            Self::No => "いいえ",
            Self::NotApplicable => "該当なし",
        }
    }
}

/// One numbered item of a questionnaire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The item's number as printed (`1`, `2-1`, `A3`): letters, digits, `-`, `_` and `.`.
    #[schema(pattern = r"^[0-9A-Za-z._-]{1,20}$", max_length = 20)]
    pub code: String,
    /// What it asks.
    #[schema(max_length = 1000)]
    pub text: String,
}

/// The longest question, in characters.
pub const QUESTION_MAX: usize = 1000;

fn code_readable(code: &str) -> bool {
    (1..=20).contains(&code.chars().count())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The refusals of a questionnaire's items, by the field that holds each (`items[2].code`): an
/// item has a readable code that no other item has, and a question.
pub fn questionnaire_refusals(items: &[Question]) -> Vec<(String, Refusal)> {
    let mut refusals = Vec::new();
    let mut seen = BTreeSet::new();
    for (at, item) in items.iter().enumerate() {
        if !code_readable(&item.code) {
            refusals.push((format!("items[{at}].code"), Refusal::QuestionCode));
        } else if !seen.insert(item.code.as_str()) {
            refusals.push((
                format!("items[{at}].code"),
                Refusal::QuestionCodeRepeated {
                    code: item.code.clone(),
                },
            ));
        }
        if item.text.trim().is_empty() {
            refusals.push((format!("items[{at}].text"), Refusal::Blank));
        } else if item.text.chars().count() > QUESTION_MAX {
            refusals.push((
                format!("items[{at}].text"),
                Refusal::Length {
                    min: None,
                    max: Some(QUESTION_MAX as u64),
                },
            ));
        } else if item.text.chars().any(|c| c.is_control() && c != '\n') {
            refusals.push((format!("items[{at}].text"), Refusal::ControlCharacters));
        }
    }
    refusals
}

/// A questionnaire's due day lies within or after the fiscal year it asks about begins.
pub fn due_refusal(fiscal_year: i32, due_on: NaiveDate) -> Option<Refusal> {
    let start = fiscal_year_start(fiscal_year);
    (due_on < start).then_some(Refusal::BeforeDate { date: start })
}

/// The refusals of a report's answers against its questionnaire: each answer names an item; a
/// submitted report answers every item (a draft may leave some).
pub fn answer_refusals(
    items: &[Question],
    answers: &BTreeMap<String, Answer>,
    submitting: bool,
) -> Vec<Refusal> {
    let asked: BTreeSet<&str> = items.iter().map(|q| q.code.as_str()).collect();
    let mut refusals = Vec::new();
    let unknown: Vec<String> = answers
        .keys()
        .filter(|code| !asked.contains(code.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        refusals.push(Refusal::UnknownQuestions { codes: unknown });
    }
    if submitting {
        let unanswered: Vec<String> = items
            .iter()
            .filter(|q| !answers.contains_key(&q.code))
            .map(|q| q.code.clone())
            .collect();
        if !unanswered.is_empty() {
            refusals.push(Refusal::Unanswered { codes: unanswered });
        }
    }
    refusals
}

/// Whether bodies of `kind` report periodically: the public bodies (行政機関の長等 and local
/// governments, 番号利用法第29条の3第2項), whom `not_answered` lists.
pub fn reports_periodically(kind: OrganizationKind) -> bool {
    matches!(
        kind,
        OrganizationKind::NationalAgency
            | OrganizationKind::IncorporatedAgency
            | OrganizationKind::LocalGovernment
    )
}

/// Whether a report counts as received by `as_of`: submitted (not a draft) on or before it.
pub fn received_by(submitted_on: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    submitted_on.is_some_and(|day| day <= as_of)
}

/// How a questionnaire's item was answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Tally {
    pub yes: u64,
    pub no: u64,
    pub na: u64,
}

/// The answers of the received reports, per item, every item present (zero when none answered).
pub fn tallies<'a>(
    items: &[Question],
    received: impl IntoIterator<Item = &'a BTreeMap<String, Answer>>,
) -> BTreeMap<String, Tally> {
    let mut tallies: BTreeMap<String, Tally> = items
        .iter()
        .map(|q| (q.code.clone(), Tally::default()))
        .collect();
    for answers in received {
        for (code, answer) in answers {
            if let Some(tally) = tallies.get_mut(code) {
                match answer {
                    Answer::Yes => tally.yes += 1,
                    Answer::No => tally.no += 1,
                    Answer::NotApplicable => tally.na += 1,
                }
            }
        }
    }
    tallies
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn items() -> Vec<Question> {
        ["1", "2", "3"]
            .iter()
            .map(|code| Question {
                code: (*code).into(),
                text: format!("項目{code}"),
            })
            .collect()
    }

    #[test]
    fn public_bodies_report_and_businesses_do_not() {
        // 番号利用法第29条の3第2項: 行政機関の長等 (national organs, incorporated agencies, local
        // governments) report on their handling of specific personal information.
        assert!(reports_periodically(OrganizationKind::LocalGovernment));
        assert!(reports_periodically(OrganizationKind::NationalAgency));
        assert!(reports_periodically(OrganizationKind::IncorporatedAgency));
        assert!(!reports_periodically(OrganizationKind::Business));
    }

    #[test]
    fn a_draft_is_not_received_and_a_late_report_not_by_the_day() {
        // Seed 001: 2,204 bodies' reports received by the half's end; a draft and one submitted
        // after the day are not among them.
        let as_of = day("2019-09-30");
        assert!(received_by(Some(day("2019-09-30")), as_of));
        assert!(!received_by(Some(day("2019-10-01")), as_of));
        assert!(!received_by(None, as_of));
    }

    #[test]
    fn a_submitted_report_answers_every_item_and_a_draft_need_not() {
        let mut answers = BTreeMap::from([("1".to_owned(), Answer::Yes)]);
        assert_eq!(answer_refusals(&items(), &answers, false), vec![]);
        assert_eq!(
            answer_refusals(&items(), &answers, true),
            vec![Refusal::Unanswered {
                codes: vec!["2".into(), "3".into()]
            }]
        );
        answers.insert("9".into(), Answer::No);
        assert_eq!(
            answer_refusals(&items(), &answers, false),
            vec![Refusal::UnknownQuestions {
                codes: vec!["9".into()]
            }]
        );
    }

    #[test]
    fn items_have_distinct_readable_codes_and_a_question() {
        let mut items = items();
        items[2].code = "1".into();
        items[1].text = " ".into();
        items.push(Question {
            code: "二".into(),
            text: "x".into(),
        });
        let refused = questionnaire_refusals(&items);
        assert_eq!(
            refused,
            vec![
                ("items[1].text".to_owned(), Refusal::Blank),
                (
                    "items[2].code".to_owned(),
                    Refusal::QuestionCodeRepeated { code: "1".into() }
                ),
                ("items[3].code".to_owned(), Refusal::QuestionCode),
            ]
        );
    }

    #[test]
    fn the_due_day_follows_the_start_of_the_year_reported_on() {
        // Seed 001: FY2019-H1 counts the reports on FY2018's measures, due in FY2019.
        assert_eq!(due_refusal(2018, day("2019-06-28")), None);
        assert_eq!(
            due_refusal(2018, day("2018-03-31")),
            Some(Refusal::BeforeDate {
                date: day("2018-04-01")
            })
        );
    }

    #[test]
    fn tallies_count_each_answer_and_show_every_item() {
        let a = BTreeMap::from([("1".to_owned(), Answer::Yes), ("2".into(), Answer::No)]);
        let b = BTreeMap::from([("1".to_owned(), Answer::NotApplicable)]);
        let t = tallies(&items(), [&a, &b]);
        assert_eq!(
            t["1"],
            Tally {
                yes: 1,
                no: 0,
                na: 1
            }
        );
        assert_eq!(
            t["2"],
            Tally {
                yes: 0,
                no: 1,
                na: 0
            }
        );
        assert_eq!(t["3"], Tally::default());
    }
}
