//! The Commission's public registers (SPEC §7a "As of the period's last day"; API.md "Version 3",
//! Registers): opt-out notifications (オプトアウト届出, 個人情報保護法第27条第2項・第3項, before
//! the 2020 amendment took effect on 2022-04-01 the former 第23条第2項), accredited personal
//! information protection bodies (認定個人情報保護団体, 第47条 認定, 第155条 取消し) and businesses
//! that published the creation of anonymised information (匿名加工情報の作成等の公表, 第43条).
//! What is in force on a day, and what a notification must state, is decided here.

use chrono::NaiveDate;

use super::text_enum;
use crate::error::Refusal;

text_enum! {
    /// A filing on an opt-out notification: the notification (届出), a correction of the filing
    /// under review (補正), a change (変更届, 法第27条第3項) and the withdrawal (廃止届).
    pub enum Filing {
        Notification => "notification",
        Amendment => "amendment",
        Change => "change",
        Withdrawal => "withdrawal",
    }
}

impl Filing {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Notification => "届出",
            Self::Amendment => "補正",
            Self::Change => "変更届",
            Self::Withdrawal => "廃止届",
        }
    }
}

text_enum! {
    /// A notifier's answer to a campaign asking it to confirm its notification (実態調査: 届出書の
    /// 記載内容の確認を求め、必要に応じて再届出).
    pub enum ConfirmationOutcome {
        /// 記載内容に変更なし
        Confirmed => "confirmed",
        /// 再届出（変更届を提出）
        Refiled => "refiled",
        /// 廃止（廃止届を提出）
        Withdrawn => "withdrawn",
    }
}

impl ConfirmationOutcome {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Confirmed => "記載内容に変更なし",
            Self::Refiled => "再届出（変更届）",
            Self::Withdrawn => "廃止（廃止届）",
        }
    }
}

/// Whether a campaign started on `started_on` asks notification (accepted, withdrawn) to confirm
/// its contents: every notification in the register that day.
pub fn campaign_covers(
    accepted_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    started_on: NaiveDate,
) -> bool {
    notification_in_force(accepted_on, withdrawn_on, started_on)
}

/// The day the amended Act (令和2年改正) took effect: from it a notification also states how the
/// data was obtained (取得の方法), how it is kept up to date (更新の方法) and when provision starts
/// (提供を開始する予定日) — 法第27条第2項第4号・第7号・第8号 as amended.
pub fn amended_act_in_force() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 4, 1).expect("a valid day")
}

/// The items a notification submitted on `submitted_on` must state beyond those required
/// throughout (the provider, the purpose, the items, how they are provided, how a stop is asked
/// for): the three the amended Act added, for a filing from 2022-04-01.
pub fn items_required_from_amendment(submitted_on: NaiveDate) -> &'static [&'static str] {
    if submitted_on >= amended_act_in_force() {
        &["obtained_how", "update_method", "start_on"]
    } else {
        &[]
    }
}

/// What a notification states of the items the amended Act added: each one given or not.
#[derive(Clone, Copy, Debug, Default)]
pub struct AmendedItems {
    pub obtained_how: bool,
    pub update_method: bool,
    pub start_on: bool,
}

/// The refusals of a filing (a notification, its amendment or a change) submitted on
/// `submitted_on` that leaves out an item the law then required: each such field, named.
pub fn missing_items(
    submitted_on: NaiveDate,
    stated: AmendedItems,
) -> Vec<(&'static str, Refusal)> {
    items_required_from_amendment(submitted_on)
        .iter()
        .filter(|field| match **field {
            "obtained_how" => !stated.obtained_how,
            "update_method" => !stated.update_method,
            _ => !stated.start_on,
        })
        .map(|field| {
            (
                *field,
                Refusal::RequiredFromAmendedAct {
                    since: amended_act_in_force(),
                },
            )
        })
        .collect()
}

/// Whether an opt-out notification is in force on `day`: from its first acceptance (受理) until
/// the day its withdrawal (廃止届) takes effect, that day excluded — the register drops it then.
pub fn notification_in_force(
    accepted_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    accepted_on.is_some_and(|accepted| accepted <= day) && withdrawn_on.is_none_or(|w| w > day)
}

/// Whether an accredited body is accredited on `day`: from its accreditation (認定, 法第47条)
/// until its revocation (取消し, 法第155条) takes effect — 「９月３日付で…取り消し」 means not
/// accredited on 3 September.
pub fn body_in_force(
    accredited_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    day: NaiveDate,
) -> bool {
    accredited_on <= day && revoked_on.is_none_or(|r| r > day)
}

/// Whether a revocation counts in the span `from..=to` (all of them up to `to` without `from`).
pub fn revoked_within(revoked_on: NaiveDate, from: Option<NaiveDate>, to: NaiveDate) -> bool {
    revoked_on <= to && from.is_none_or(|from| revoked_on >= from)
}

/// The first day a half-year report counts revocations from, for a report as of `as_of`: the
/// fiscal year's 1 April, for the second half too (SPEC §7a; seed 001's 「本年９月30日現在で計」).
pub fn counted_from(as_of: NaiveDate) -> NaiveDate {
    let year = crate::domain::periods::fiscal_year_of(as_of);
    NaiveDate::from_ymd_opt(year, 4, 1).expect("a valid day")
}

/// A withdrawal's refusals: it takes effect on or after the day the notification was filed.
pub fn withdrawal_refusals(
    notified_on: NaiveDate,
    effective_on: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    if effective_on < notified_on {
        vec![("effective_on", Refusal::BeforeDate { date: notified_on })]
    } else {
        Vec::new()
    }
}

/// A revocation's refusals: a body is revoked on or after the day it was accredited.
pub fn revocation_refusals(
    accredited_on: NaiveDate,
    revoked_on: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    if revoked_on < accredited_on {
        vec![(
            "revoked_on",
            Refusal::BeforeDate {
                date: accredited_on,
            },
        )]
    } else {
        Vec::new()
    }
}

/// A guideline's refusals (個人情報保護指針, 法第54条): an accredited body makes its guideline and
/// notifies the Commission, which publishes it (第54条第2項・第3項) — so a guideline is published
/// on or after the accreditation, not after it was revoked (法第155条), and not in the future.
pub fn guideline_refusals(
    accredited_on: NaiveDate,
    revoked_on: Option<NaiveDate>,
    published_on: NaiveDate,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let refusal = if published_on > today {
        Refusal::InFuture
    } else if published_on < accredited_on {
        Refusal::BeforeDate {
            date: accredited_on,
        }
    } else {
        match revoked_on {
            Some(revoked_on) if published_on >= revoked_on => {
                Refusal::AfterRevocation { revoked_on }
            }
            _ => return Vec::new(),
        }
    };
    vec![("published_on", refusal)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_amended_act_adds_three_items_from_2022_04_01() {
        // 法第27条第2項第4号・第7号・第8号 (令和2年改正, 施行 2022-04-01); the FY2019 register
        // (seed 001) was filed under the former 第23条第2項 without them.
        assert!(items_required_from_amendment(date("2022-03-31")).is_empty());
        assert_eq!(
            items_required_from_amendment(date("2022-04-01")),
            &["obtained_how", "update_method", "start_on"]
        );
        let none = AmendedItems::default();
        assert!(missing_items(date("2019-06-01"), none).is_empty());
        let fields: Vec<&str> = missing_items(date("2023-06-01"), none)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(fields, ["obtained_how", "update_method", "start_on"]);
        let all = AmendedItems {
            obtained_how: true,
            update_method: true,
            start_on: true,
        };
        assert!(missing_items(date("2023-06-01"), all).is_empty());
    }

    #[test]
    fn a_notification_is_in_force_from_acceptance_until_its_withdrawal_takes_effect() {
        let day = date("2019-09-30");
        assert!(notification_in_force(Some(date("2019-09-30")), None, day));
        assert!(!notification_in_force(Some(date("2019-10-01")), None, day));
        assert!(
            !notification_in_force(None, None, day),
            "still under review"
        );
        assert!(!notification_in_force(
            Some(date("2018-01-10")),
            Some(date("2019-09-30")),
            day
        ));
        assert!(notification_in_force(
            Some(date("2018-01-10")),
            Some(date("2019-10-01")),
            day
        ));
    }

    #[test]
    fn a_body_revoked_on_3_september_is_not_counted_on_30_september() {
        // Seed 001: 「９月３日付で１団体の認定を取り消し、９月30日現在で認定を受けている団体は42団体」.
        let day = date("2019-09-30");
        assert!(!body_in_force(
            date("2010-04-01"),
            Some(date("2019-09-03")),
            day
        ));
        assert!(body_in_force(
            date("2010-04-01"),
            Some(date("2019-10-01")),
            day
        ));
        assert!(body_in_force(date("2019-09-30"), None, day));
        assert!(!body_in_force(date("2019-10-01"), None, day));
        assert!(revoked_within(
            date("2019-09-03"),
            Some(date("2019-04-01")),
            day
        ));
        assert!(!revoked_within(
            date("2019-03-31"),
            Some(date("2019-04-01")),
            day
        ));
        assert!(revoked_within(date("2019-03-31"), None, day));
        assert!(!revoked_within(date("2019-10-01"), None, day));
    }

    #[test]
    fn a_campaign_asks_the_register_of_its_first_day() {
        let day = date("2019-07-01");
        assert!(campaign_covers(Some(date("2019-06-30")), None, day));
        assert!(
            !campaign_covers(None, None, day),
            "under review: not in the register"
        );
        assert!(!campaign_covers(Some(date("2018-01-01")), Some(day), day));
        assert_eq!(
            ConfirmationOutcome::parse("refiled"),
            Some(ConfirmationOutcome::Refiled)
        );
    }

    #[test]
    fn revocations_count_from_the_fiscal_years_first_day() {
        assert_eq!(counted_from(date("2019-09-30")), date("2019-04-01"));
        assert_eq!(counted_from(date("2020-03-31")), date("2019-04-01"));
        assert_eq!(counted_from(date("2020-04-01")), date("2020-04-01"));
    }

    #[test]
    fn withdrawals_and_revocations_do_not_precede_what_they_end() {
        assert_eq!(
            withdrawal_refusals(date("2019-05-01"), date("2019-04-30"))[0].0,
            "effective_on"
        );
        assert!(withdrawal_refusals(date("2019-05-01"), date("2019-05-01")).is_empty());
        assert_eq!(
            revocation_refusals(date("2019-05-01"), date("2019-04-30"))[0].0,
            "revoked_on"
        );
        assert!(revocation_refusals(date("2019-05-01"), date("2019-09-03")).is_empty());
    }

    #[test]
    fn a_guideline_is_published_while_the_body_is_accredited() {
        // 法第54条: the body's guideline, published by the Commission once notified; a body whose
        // accreditation was revoked (法第155条) publishes none from that day.
        let (accredited, today) = (date("2019-04-01"), date("2019-10-01"));
        let refused = |revoked: Option<&str>, published: &str| {
            guideline_refusals(accredited, revoked.map(date), date(published), today)
        };
        assert!(refused(None, "2019-04-01").is_empty());
        assert!(refused(Some("2019-09-03"), "2019-09-02").is_empty());
        assert_eq!(
            refused(None, "2019-03-31"),
            vec![("published_on", Refusal::BeforeDate { date: accredited })]
        );
        assert_eq!(
            refused(Some("2019-09-03"), "2019-09-03"),
            vec![(
                "published_on",
                Refusal::AfterRevocation {
                    revoked_on: date("2019-09-03")
                }
            )]
        );
        assert_eq!(
            refused(None, "2019-10-02"),
            vec![("published_on", Refusal::InFuture)]
        );
    }
}
