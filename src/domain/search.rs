//! How text is matched, and which reports may describe the same event (API.md, "Search").
//!
//! Matching is on *folded* text: Unicode NFKC (`ｺﾝﾋﾞﾆ` → `コンビニ`, `ＵＳＢ` → `USB`), then lower
//! case. A term of two or more characters matches anywhere inside the folded text; all the terms
//! of a query must match. The indexes of both backends are built on the text's *bigrams* (every
//! pair of adjacent characters) — the smallest unit a two-character term (most Japanese words:
//! 紛失, 名簿, 誤送) can be found by — see docs/architecture.md, "Search".

use std::collections::HashSet;

use chrono::NaiveDate;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use crate::error::Refusal;

/// The shortest term a query may hold: one character would match nearly everything.
pub const MIN_TERM_CHARS: usize = 2;
/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most terms a query may hold.
pub const MAX_TERMS: usize = 8;

/// NFKC, then lower case: the form both the indexed text and the query are compared in.
pub fn fold(text: &str) -> String {
    lower(&nfkc(text))
}

/// The NFKC form of a text, as it is shown in a snippet (case kept).
pub fn normalized(text: &str) -> String {
    nfkc(text).into_owned()
}

/// Characters that are their own NFKC form and start no composition with what follows them
/// unless that is a character outside this set: a text of them alone is in NFKC form. Most
/// Japanese prose is, and saying so is cheaper than the normalization tables' quick check.
fn plainly_nfkc(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{3001}'..='\u{3011}' // 、。〃〄々〆〇 and the brackets
            | '\u{3041}'..='\u{3096}' // hiragana
            | '\u{30A1}'..='\u{30FA}' // katakana
            | '\u{30FB}'..='\u{30FC}' // ・ー
            | '\u{4E00}'..='\u{9FFF}') // ideographs
}

/// Whether a text is already in NFKC form (so that normalizing it can be skipped).
fn already_nfkc(text: &str) -> bool {
    text.chars().all(plainly_nfkc) || is_nfkc_quick(text.chars()) == IsNormalized::Yes
}

/// Characters from U+3000 to U+9FFF (CJK punctuation, kana, ideographs) have no case: Japanese
/// text skips the case tables.
const CASELESS: std::ops::RangeInclusive<char> = '\u{3000}'..='\u{9FFF}';

/// Lower case of text already in NFKC form: the folded form of [`normalized`] text.
pub fn lower(normalized: &str) -> String {
    let mut folded = String::with_capacity(normalized.len());
    each_lower(normalized, |c| folded.push(c));
    folded
}

/// Each character of [`lower`]'s result, in order, without making the string.
fn each_lower(normalized: &str, mut each: impl FnMut(char)) {
    for c in normalized.chars() {
        if c.is_ascii() {
            each(c.to_ascii_lowercase());
        } else if CASELESS.contains(&c) {
            each(c);
        } else {
            c.to_lowercase().for_each(&mut each);
        }
    }
}

/// A query read into its terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// Folded terms, each [`MIN_TERM_CHARS`] or longer, none inside another.
    pub terms: Vec<String>,
    /// The folded terms joined by one space: what an exact match (a reference, a name) equals.
    pub whole: String,
}

/// Reads a query: folded, split at white space and control characters.
pub fn parse_query(q: &str) -> Result<Query, Refusal> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(Refusal::Length {
            min: None,
            max: Some(MAX_QUERY_CHARS as u64),
        });
    }
    let folded = fold(q);
    let mut terms: Vec<String> = Vec::new();
    for term in folded
        .split(|c: char| c.is_whitespace() || c.is_control() || c == '\u{feff}')
        .filter(|term| !term.is_empty())
    {
        if term.chars().count() < MIN_TERM_CHARS {
            return Err(Refusal::SearchTermTooShort {
                term: term.to_owned(),
                min: MIN_TERM_CHARS as u64,
            });
        }
        if !terms.iter().any(|kept| kept == term) {
            terms.push(term.to_owned());
        }
    }
    if terms.is_empty() {
        return Err(Refusal::Blank);
    }
    if terms.len() > MAX_TERMS {
        return Err(Refusal::SearchTermCount {
            max: MAX_TERMS as u64,
        });
    }
    let whole = terms.join(" ");
    // A term inside another adds nothing to what must match.
    let all = terms.clone();
    terms.retain(|term| {
        !all.iter()
            .any(|other| other != term && other.contains(term.as_str()))
    });
    Ok(Query { terms, whole })
}

/// The bigrams of folded text, in order, one for each position but the last.
pub fn bigrams(folded: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = folded.chars().collect();
    chars.windows(2).map(|pair| (pair[0], pair[1])).collect()
}

/// A bigram as one ASCII word (`30b3g30f3`: the code points in hex, `g` between), so that a
/// full-text tokenizer keeps it whole whatever the characters are.
pub fn bigram_token((a, b): (char, char)) -> String {
    format!("{:x}g{:x}", a as u32, b as u32)
}

/// The bigram words of folded text, space-separated, in order (what SQLite's index holds).
pub fn bigram_words(folded: &str) -> String {
    let words: Vec<String> = bigrams(folded).into_iter().map(bigram_token).collect();
    words.join(" ")
}

/// The distinct bigrams of a term (what PostgreSQL's index is asked to contain).
pub fn distinct_bigrams(term: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    bigrams(term)
        .into_iter()
        .map(|(a, b)| format!("{a}{b}"))
        .filter(|pair| seen.insert(pair.clone()))
        .collect()
}

/// A part of a snippet: text, and whether it is a match to highlight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub mark: bool,
}

/// Characters shown before the first match in a snippet.
const SNIPPET_LEAD: usize = 30;
/// Characters a snippet holds at most (without its ellipses).
const SNIPPET_CHARS: usize = 120;

/// The passage of `content` (NFKC text, one field a line) around the first match of any term,
/// with every match in it marked: from the start of the match's line, or a little before the
/// match in a long line. Line breaks read as spaces. Content without a match gives its beginning.
pub fn snippet(content: &str, terms: &[String]) -> Vec<SnippetPart> {
    let lines: Vec<char> = content.chars().collect();
    let chars: Vec<char> = lines
        .iter()
        .map(|&c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    // The folded text, and for each of its characters the content character it came from.
    let mut folded = Vec::with_capacity(chars.len());
    let mut source = Vec::with_capacity(chars.len());
    for (at, c) in chars.iter().enumerate() {
        for lower in c.to_lowercase() {
            folded.push(lower);
            source.push(at);
        }
    }
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for term in terms {
        let term: Vec<char> = term.chars().collect();
        if term.is_empty() || term.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - term.len() {
            if folded[start..start + term.len()] == term[..] {
                matches.push((source[start], source[start + term.len() - 1] + 1));
            }
        }
    }
    matches.sort_unstable();
    let first = matches.first().map_or(0, |m| m.0);
    let line = lines[..first]
        .iter()
        .rposition(|&c| c == '\n')
        .map_or(0, |at| at + 1);
    let start = first.saturating_sub(SNIPPET_LEAD).max(line);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut parts = Vec::new();
    let mut push = |text: String, mark: bool| {
        if !text.is_empty() {
            parts.push(SnippetPart { text, mark });
        }
    };
    if start > line {
        push("…".into(), false);
    }
    let mut at = start;
    for (from, to) in matches {
        let (from, to) = (from.max(at), to.min(end));
        if from >= to {
            continue;
        }
        push(chars[at..from].iter().collect(), false);
        push(chars[from..to].iter().collect(), true);
        at = to;
    }
    push(chars[at..end].iter().collect(), false);
    if end < chars.len() {
        push("…".into(), false);
    }
    parts
}

/// The snippet as plain text (the API's `snippet`).
pub fn snippet_text(parts: &[SnippetPart]) -> String {
    parts.iter().map(|part| part.text.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// Reports that may describe the same event.

/// Days apart two reports' awareness dates may be for the same organization, or for an entity
/// and its contractor, to be named as possibly one event.
pub const RELATED_WINDOW_DAYS: i64 = 90;
/// Days apart awareness dates count as close (the reason `aware_within_14_days`); summaries are
/// compared among the reports this close.
pub const AWARE_WITHIN_DAYS: i64 = 14;
/// Trigram similarity (Jaccard) from which two summaries count as similar. Tuned on the test
/// data of `tests`: rewordings of one event score 0.3–0.6, different events of one kind (two
/// lost USB sticks) below 0.25.
pub const SIMILAR_SUMMARY: f64 = 0.3;

crate::domain::text_enum! {
    /// Why a report may describe the same event as another.
    pub enum RelatedReason {
        /// The contractor named on one report filed the other.
        ContractorOf => "contractor_of",
        /// Both reports name the same contractor (one vendor's failure at several clients).
        SameContractor => "same_contractor",
        /// The same organization reported both, their awareness within the window.
        SameOrganization => "same_organization",
        /// The summaries are similar.
        SimilarSummary => "similar_summary",
        /// The awareness dates are within 14 days of each other.
        AwareWithin14Days => "aware_within_14_days",
    }
}

impl RelatedReason {
    /// How much the reason says about being one event.
    fn weight(self) -> u32 {
        match self {
            Self::ContractorOf => 8,
            Self::SameContractor => 6,
            Self::SameOrganization | Self::SimilarSummary => 4,
            Self::AwareWithin14Days => 1,
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::ContractorOf => "一方の委託先が他方の報告者",
            Self::SameContractor => "同じ委託先",
            Self::SameOrganization => "同じ報告者",
            Self::SimilarSummary => "概要が類似",
            Self::AwareWithin14Days => "認知日が14日以内",
        }
    }
}

/// What the comparison needs of a report.
#[derive(Clone, Debug)]
pub struct ReportFacts {
    pub report_id: i64,
    pub incident_id: i64,
    pub organization_id: i64,
    pub contractor_organization_id: Option<i64>,
    pub aware_on: NaiveDate,
    pub summary: String,
}

/// The distinct trigrams of a text's folded form, white space left out, each packed in a number
/// (21 bits a character), sorted.
pub fn trigrams(text: &str) -> Vec<u64> {
    // One trigram a character but the first two, as a rule (a character lowercased into two
    // adds one more, and the vector grows).
    let mut packed = Vec::with_capacity(text.chars().count().saturating_sub(2));
    each_trigram(text, |trigram| packed.push(trigram));
    packed.sort_unstable();
    packed.dedup();
    packed
}

/// Each trigram of a text's folded form, white space left out, in order and as often as it
/// occurs, packed as [`trigrams`] packs them.
fn each_trigram(text: &str, each: impl FnMut(u64)) {
    each_trigram_of(&nfkc(text), each);
}

/// The NFKC form of a text, made only when it differs.
fn nfkc(text: &str) -> std::borrow::Cow<'_, str> {
    if already_nfkc(text) {
        text.into()
    } else {
        text.nfkc().collect::<String>().into()
    }
}

/// [`each_trigram`] of text already in NFKC form.
fn each_trigram_of(normalized: &str, mut each: impl FnMut(u64)) {
    // The related reports compare thousands of summaries a call: the folded text is not made,
    // its characters are packed as they come (the last three, 21 bits each, in 63 bits).
    const THREE: u64 = (1 << 63) - 1;
    let (mut window, mut seen) = (0_u64, 0_usize);
    each_lower(normalized, |c| {
        if !c.is_whitespace() {
            window = ((window << 21) | u64::from(c)) & THREE;
            seen += 1;
            if seen >= 3 {
                each(window);
            }
        }
    });
}

/// One summary's trigrams, made once to be compared with many others ([`Trigrams::similarity`]):
/// the other's are counted as its text is read, never gathered and sorted.
#[derive(Clone, Debug)]
pub struct Trigrams {
    sorted: Vec<u64>,
    /// The other text's distinct trigrams: a hash table of a power of two slots, each with the
    /// number of the comparison that filled it (a slot of an earlier one is free), so that no
    /// comparison clears it.
    slots: Vec<(u32, u64)>,
    comparison: u32,
}

impl Trigrams {
    pub fn of(text: &str) -> Self {
        Self {
            sorted: trigrams(text),
            slots: Vec::new(),
            comparison: 0,
        }
    }

    /// How many distinct trigrams the summary has.
    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sorted.is_empty()
    }

    /// [`similarity`] of this summary's trigrams and `text`'s.
    pub fn similarity(&mut self, text: &str) -> f64 {
        let normalized = nfkc(text);
        // Every character has a byte or more and lowercases into three characters or fewer:
        // at most three trigrams a byte, so a table of twice that is never more than half full.
        let wanted = (normalized.len().max(1) * 6).next_power_of_two();
        if self.slots.len() < wanted {
            self.slots.resize(wanted, (0, 0));
        }
        self.comparison = match self.comparison.checked_add(1) {
            Some(next) => next,
            None => {
                self.slots.fill((0, 0));
                1
            }
        };
        let (slots, this) = (&mut self.slots[..wanted], self.comparison);
        let (mask, shift) = (wanted - 1, u64::BITS - wanted.trailing_zeros());
        let (sorted, mut distinct, mut shared) = (&self.sorted, 0_usize, 0_usize);
        each_trigram_of(&normalized, |trigram| {
            // Fibonacci hashing: the high bits of the product.
            let mut slot = (trigram.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize & mask;
            loop {
                match slots[slot] {
                    (filled, key) if filled == this && key == trigram => return,
                    (filled, _) if filled == this => slot = (slot + 1) & mask,
                    _ => {
                        slots[slot] = (this, trigram);
                        distinct += 1;
                        shared += usize::from(sorted.binary_search(&trigram).is_ok());
                        return;
                    }
                }
            }
        });
        jaccard(shared, self.sorted.len() + distinct - shared)
    }
}

fn jaccard(shared: usize, all: usize) -> f64 {
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// Jaccard similarity of two trigram sets ([`trigrams`]): shared trigrams over all of them (0
/// when both are empty).
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    jaccard(shared, a.len() + b.len() - shared)
}

/// A report that may describe the same event as the subject, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct Related {
    pub report_id: i64,
    pub incident_id: i64,
    pub reasons: Vec<RelatedReason>,
    pub similarity: f64,
    pub days_apart: i64,
}

impl Related {
    pub fn strength(&self) -> u32 {
        self.reasons.iter().map(|reason| reason.weight()).sum()
    }
}

/// Why `other` may describe the same event as `subject`; `None` when nothing but closeness in
/// time joins them (at a national scale many unrelated reports are that close), or when it is
/// the same incident (its own preliminary or final report).
pub fn relate(subject: &ReportFacts, other: &ReportFacts) -> Option<Related> {
    relate_to(subject, &mut Trigrams::of(&subject.summary), other)
}

/// [`relate`], the subject's trigrams made once for many others.
fn relate_to(
    subject: &ReportFacts,
    trigrams: &mut Trigrams,
    other: &ReportFacts,
) -> Option<Related> {
    if other.incident_id == subject.incident_id {
        return None;
    }
    let days_apart = (other.aware_on - subject.aware_on).num_days().abs();
    let in_window = days_apart <= RELATED_WINDOW_DAYS;
    let close = days_apart <= AWARE_WITHIN_DAYS;
    let mut reasons = Vec::new();
    let contractor_of = subject.contractor_organization_id == Some(other.organization_id)
        || other.contractor_organization_id == Some(subject.organization_id);
    if in_window && contractor_of {
        reasons.push(RelatedReason::ContractorOf);
    }
    if in_window
        && subject.contractor_organization_id.is_some()
        && subject.contractor_organization_id == other.contractor_organization_id
    {
        reasons.push(RelatedReason::SameContractor);
    }
    if in_window && subject.organization_id == other.organization_id {
        reasons.push(RelatedReason::SameOrganization);
    }
    // Nothing else can relate them when they are not close in time.
    if reasons.is_empty() && !close {
        return None;
    }
    let similarity = trigrams.similarity(&other.summary);
    if close && similarity >= SIMILAR_SUMMARY {
        reasons.push(RelatedReason::SimilarSummary);
    }
    if reasons.is_empty() {
        return None;
    }
    if close {
        reasons.push(RelatedReason::AwareWithin14Days);
    }
    Some(Related {
        report_id: other.report_id,
        incident_id: other.incident_id,
        reasons,
        similarity,
        days_apart,
    })
}

/// The related reports of `subject` among `others`: one report an incident (the strongest, then
/// the newest), strongest first, then the most similar, the closest in time, the newest.
pub fn related(subject: &ReportFacts, others: &[ReportFacts], limit: usize) -> Vec<Related> {
    let mut trigrams = Trigrams::of(&subject.summary);
    let mut found: Vec<Related> = others
        .iter()
        .filter_map(|other| relate_to(subject, &mut trigrams, other))
        .collect();
    let order = |a: &Related, b: &Related| {
        b.strength()
            .cmp(&a.strength())
            .then(b.similarity.total_cmp(&a.similarity))
            .then(a.days_apart.cmp(&b.days_apart))
            .then(b.report_id.cmp(&a.report_id))
    };
    found.sort_by(order);
    let mut incidents = HashSet::new();
    found.retain(|related| incidents.insert(related.incident_id));
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_their_own_nfkc_form() {
        let plain: String = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| plainly_nfkc(*c))
            .collect();
        for c in plain.chars() {
            assert_eq!(
                c.to_string().nfkc().to_string(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(plain.nfkc().to_string(), plain);
        // Anything else goes through the tables: half-width kana, full-width letters, a kana and
        // a separate voicing mark (composed into one character).
        assert_eq!(normalized("ｺﾝﾋﾞﾆ"), "コンビニ");
        assert_eq!(normalized("Ｕ１"), "U1");
        assert_eq!(normalized("か\u{3099}"), "が");
        assert_eq!(
            normalized("コンビニ交付で住民票を誤交付"),
            "コンビニ交付で住民票を誤交付"
        );
    }

    #[test]
    fn the_caseless_range_has_no_case() {
        for c in CASELESS {
            assert_eq!(
                c.to_lowercase().to_string(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(lower("ÀΣＡⅠ日本USB"), "àσａⅰ日本usb");
        assert_eq!(fold("ｺﾝﾋﾞﾆＵＳＢ"), "コンビニusb");
        assert_eq!(fold("コンビニ交付"), "コンビニ交付");
    }

    #[test]
    fn folding_is_nfkc_and_lower_case() {
        assert_eq!(fold("ｺﾝﾋﾞﾆ"), "コンビニ");
        assert_eq!(fold("ＵＳＢメモリ"), "usbメモリ");
        assert_eq!(fold("USB"), "usb");
        assert_eq!(fold("㈱テスト"), "(株)テスト");
        assert_eq!(fold("令和５年"), "令和5年");
    }

    #[test]
    fn a_query_is_its_folded_terms() {
        let query = parse_query(" usb　紛失 ").unwrap();
        assert_eq!(query.terms, ["usb", "紛失"]);
        assert_eq!(query.whole, "usb 紛失");
        assert_eq!(parse_query("ｺﾝﾋﾞﾆ").unwrap().terms, ["コンビニ"]);
        // A term inside another is dropped; a repeated one kept once.
        let query = parse_query("誤交付 交付 交付").unwrap();
        assert_eq!(query.terms, ["誤交付"]);
        assert_eq!(query.whole, "誤交付 交付");
        // Control characters separate terms.
        assert_eq!(
            parse_query("名簿\u{0}紛失").unwrap().terms,
            ["名簿", "紛失"]
        );
    }

    #[test]
    fn bad_queries_are_refused() {
        assert_eq!(parse_query(""), Err(Refusal::Blank));
        assert_eq!(parse_query(" \u{3000}\t"), Err(Refusal::Blank));
        assert_eq!(
            parse_query("誤"),
            Err(Refusal::SearchTermTooShort {
                term: "誤".into(),
                min: 2
            })
        );
        assert!(matches!(
            parse_query(&"あ".repeat(201)),
            Err(Refusal::Length { .. })
        ));
        assert_eq!(
            parse_query("aa bb cc dd ee ff gg hh ii"),
            Err(Refusal::SearchTermCount { max: 8 })
        );
        // Wildcards and full-text syntax are ordinary characters.
        assert_eq!(parse_query("%_ \"\"").unwrap().terms, ["%_", "\"\""]);
    }

    #[test]
    fn bigram_words_are_ascii_and_in_order() {
        assert_eq!(bigram_words("ab"), "61g62");
        assert_eq!(bigram_words("誤送付"), "8aa4g9001 9001g4ed8");
        assert_eq!(bigram_words("a"), "");
        assert_eq!(distinct_bigrams("ababa"), ["ab", "ba"]);
    }

    #[test]
    fn snippets_mark_every_match_around_the_first() {
        let content = "コンビニ交付で住民票を誤交付した。\n誤交付の件数は3件。";
        let parts = snippet(content, &["誤交付".to_owned()]);
        assert_eq!(
            parts,
            [
                SnippetPart {
                    text: "コンビニ交付で住民票を".into(),
                    mark: false
                },
                SnippetPart {
                    text: "誤交付".into(),
                    mark: true
                },
                SnippetPart {
                    text: "した。 ".into(),
                    mark: false
                },
                SnippetPart {
                    text: "誤交付".into(),
                    mark: true
                },
                SnippetPart {
                    text: "の件数は3件。".into(),
                    mark: false
                },
            ]
        );
        // Case-insensitive on the folded form, shown as written.
        let parts = snippet("USBメモリを紛失", &["usb".to_owned()]);
        assert_eq!(parts[0].text, "USB");
        assert!(parts[0].mark);
        // A long text is cut around the first match, with ellipses.
        let long = format!("{}顧客名簿{}", "あ".repeat(100), "い".repeat(200));
        let parts = snippet(&long, &["名簿".to_owned()]);
        assert_eq!(parts[0].text, "…");
        assert_eq!(snippet_text(&parts).chars().count(), SNIPPET_CHARS + 2);
        assert!(parts.iter().any(|p| p.mark && p.text == "名簿"));
        // From the line of the match (a field of the record).
        let parts = snippet("LR-2026-000001\n顧客名簿を紛失\n氏名", &["名簿".to_owned()]);
        assert_eq!(snippet_text(&parts), "顧客名簿を紛失 氏名");
        // Without a match: the beginning.
        assert_eq!(snippet_text(&snippet("abc", &["zz".to_owned()])), "abc");
    }

    fn facts(
        report_id: i64,
        organization_id: i64,
        contractor: Option<i64>,
        day: u32,
        summary: &str,
    ) -> ReportFacts {
        ReportFacts {
            report_id,
            incident_id: report_id,
            organization_id,
            contractor_organization_id: contractor,
            aware_on: NaiveDate::from_ymd_opt(2023, 4, day).unwrap(),
            summary: summary.to_owned(),
        }
    }

    #[test]
    fn trigrams_are_the_distinct_windows_of_three_folded_characters() {
        // The definition, written plainly: fold, drop white space, every window of three.
        let plainly = |text: &str| -> Vec<u64> {
            let chars: Vec<char> = fold(text).chars().filter(|c| !c.is_whitespace()).collect();
            let mut packed: Vec<u64> = chars
                .windows(3)
                .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]))
                .collect();
            packed.sort_unstable();
            packed.dedup();
            packed
        };
        for text in [
            "",
            "ab",
            "abc",
            "USB メモリ を 紛失",
            "ＵＳＢﾒﾓﾘを紛失した（再発）",
            "委託先のサーバーで不正アクセス、顧客情報 12,000 件が漏えい",
            "ÉCOLE Straße İstanbul 𠮷野家 \u{10FFFF}\u{10FFFF}\u{10FFFF}",
            "ああああああ",
        ] {
            assert_eq!(trigrams(text), plainly(text), "{text}");
        }
        assert_eq!(trigrams("abcd").len(), 2);
        assert_eq!(trigrams("ああああああ").len(), 1);
    }

    #[test]
    fn a_summary_compared_as_it_is_read_scores_as_the_two_sets_do() {
        let texts = [
            "",
            "ab",
            "abc",
            "abcabcabc",
            "USB メモリ を 紛失",
            "ＵＳＢﾒﾓﾘを紛失した（再発）",
            "顧客名簿を記録したUSBメモリを電車内で紛失した。",
            "顧客名簿を保存したUSBメモリを電車の中で紛失",
            "委託先のサーバーで不正アクセス、顧客情報 12,000 件が漏えい",
            "ÉCOLE Straße İstanbul İİİİ 𠮷野家 \u{10FFFF}\u{10FFFF}\u{10FFFF}",
            // Characters whose NFKC form is longer than their bytes (a ligature of eighteen).
            "\u{FDFA}\u{FDFA}\u{FDFA} ㍻㍼ ﬃﬃ",
            "ああああああ",
        ];
        // One subject compared with every text in turn, its table reused.
        for subject in texts {
            let mut prepared = Trigrams::of(subject);
            assert_eq!(prepared.len(), trigrams(subject).len());
            for other in texts {
                let plain = similarity(&trigrams(subject), &trigrams(other));
                assert_eq!(prepared.similarity(other), plain, "{subject} / {other}");
            }
        }
        let long: String = (0..5000)
            .map(|i| char::from_u32(0x4E00 + i).unwrap())
            .collect();
        let mut prepared = Trigrams::of(&long);
        assert_eq!(prepared.similarity(&long), 1.0);
        assert_eq!(prepared.similarity("短い"), 0.0);
    }

    /// Seed 003: seven local governments' certificates issued to the wrong person at convenience
    /// stores, one contractor's system (富士通Japan), reported separately and by the contractor.
    #[test]
    fn one_vendors_failure_relates_its_clients_and_itself() {
        let vendor = 100;
        let yokohama = facts(
            1,
            1,
            Some(vendor),
            3,
            "コンビニ交付サービスにおいて、別人の住民票の写しを誤交付した。",
        );
        let adachi = facts(
            2,
            2,
            Some(vendor),
            10,
            "コンビニ交付で別人の住民票が交付された事案（システムの不具合）。",
        );
        let fujitsu = facts(
            3,
            vendor,
            None,
            12,
            "証明書交付システムの不具合により、複数の地方公共団体で証明書を誤交付。",
        );
        let stranger = facts(4, 5, None, 4, "従業員がUSBメモリを紛失した。");
        let found = related(&yokohama, &[adachi.clone(), fujitsu.clone(), stranger], 10);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].report_id, 3);
        assert_eq!(
            found[0].reasons,
            [
                RelatedReason::ContractorOf,
                RelatedReason::AwareWithin14Days
            ]
        );
        assert_eq!(found[1].report_id, 2);
        assert!(found[1].reasons.contains(&RelatedReason::SameContractor));
        // The contractor's own report sees its clients the other way round.
        let found = related(&fujitsu, &[yokohama, adachi], 10);
        assert!(
            found
                .iter()
                .all(|r| r.reasons[0] == RelatedReason::ContractorOf)
        );
    }

    #[test]
    fn similar_summaries_within_fourteen_days_relate() {
        let a = facts(
            1,
            1,
            None,
            1,
            "顧客名簿を記録したUSBメモリを電車内で紛失した。",
        );
        let b = facts(2, 2, None, 9, "顧客名簿を保存したUSBメモリを電車の中で紛失");
        let c = facts(
            3,
            3,
            None,
            2,
            "ウェブサイトへの不正アクセスにより会員情報が漏えいした。",
        );
        let d = facts(
            4,
            4,
            None,
            30,
            "顧客名簿を記録したUSBメモリを電車内で紛失した。",
        );
        let ab = similarity(&trigrams(&a.summary), &trigrams(&b.summary));
        assert!(ab >= SIMILAR_SUMMARY, "{ab}");
        assert!(similarity(&trigrams(&a.summary), &trigrams(&c.summary)) < 0.1);
        let found = related(&a, &[b, c, d], 10);
        assert_eq!(
            found.len(),
            1,
            "closeness alone, or similarity 29 days apart, is not enough"
        );
        assert_eq!(
            found[0].reasons,
            [
                RelatedReason::SimilarSummary,
                RelatedReason::AwareWithin14Days
            ]
        );
    }

    #[test]
    fn the_same_incident_and_the_far_past_are_not_related() {
        let a = facts(1, 1, None, 1, "誤送信");
        let mut final_report = facts(2, 1, None, 1, "誤送信");
        final_report.incident_id = 1;
        assert!(relate(&a, &final_report).is_none());
        let mut long_ago = facts(3, 1, None, 1, "誤送信");
        long_ago.aware_on = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
        assert!(relate(&a, &long_ago).is_none());
    }

    #[test]
    fn one_report_an_incident_is_listed() {
        let a = facts(1, 1, None, 1, "誤送信");
        let mut preliminary = facts(2, 1, None, 2, "誤送信");
        preliminary.incident_id = 7;
        let mut final_report = facts(3, 1, None, 2, "誤送信");
        final_report.incident_id = 7;
        let found = related(&a, &[preliminary, final_report], 10);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].report_id, 3);
    }
}
