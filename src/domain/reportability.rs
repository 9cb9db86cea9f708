//! Whether a leak must be reported, and on which grounds (SPEC.md §3).
//!
//! - `appi` — 個人情報保護法 第26条, 施行規則 第7条: mandatory where (1) 要配慮個人情報, (2) data whose
//!   misuse may cause financial loss, (3) a possibly unlawful purpose, or (4) more than 1,000
//!   persons. Grounds 1–3 apply from one person.
//! - `appi_public` — 法 第68条, 規則 第43条: the same, with (4) more than 100 persons, plus
//!   (5) 条例要配慮個人情報 for local governments.
//! - `my_number` — 番号利用法 第29条の4, 特定個人情報の漏えい等に関する報告等に関する規則 第2条: a
//!   serious situation (重大な事態) where (1) the information-provision network or systems for My
//!   Number work are involved, (2) an unlawful purpose, (3) made viewable by unspecified people,
//!   or (4) more than 100 persons.
//!
//! The count used is the largest possible (the report's `persons_affected` when estimated).
//! Data protected by strong encryption (高度な暗号化その他の…措置) is excluded from every duty.

use super::text_enum;

text_enum! {
    /// The legal regime a report is filed under.
    pub enum Regime {
        /// 個人情報保護法（民間部門）
        Appi => "appi",
        /// 個人情報保護法（公的部門）
        AppiPublic => "appi_public",
        /// 番号利用法（マイナンバー法）
        MyNumber => "my_number",
    }
}

impl Regime {
    /// How an incident's classification reads in Japanese (SPEC.md §3): a reportable My Number
    /// case is a serious situation (重大な事態); elsewhere the report is mandatory; otherwise it
    /// is voluntary.
    pub fn obligation_ja(self, mandatory: bool) -> &'static str {
        match (self, mandatory) {
            (Self::MyNumber, true) => "重大な事態に該当（報告義務あり）",
            (_, true) => "報告義務あり",
            (_, false) => "任意の報告",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Appi => "個人情報保護法（民間部門）",
            Self::AppiPublic => "個人情報保護法（公的部門）",
            Self::MyNumber => "番号利用法",
        }
    }

    /// Persons affected above which a report is due on the headcount alone.
    pub fn headcount_threshold(self) -> u64 {
        match self {
            Self::Appi => 1_000,
            Self::AppiPublic | Self::MyNumber => 100,
        }
    }
}

text_enum! {
    /// A reason the law makes a report mandatory (or a My Number situation serious).
    pub enum Ground {
        SensitiveData => "sensitive_data",
        FinancialDamage => "financial_damage",
        UnlawfulPurpose => "unlawful_purpose",
        Headcount => "headcount",
        OrdinanceSensitive => "ordinance_sensitive",
        NetworkSystem => "network_system",
        PubliclyViewable => "publicly_viewable",
    }
}

impl Ground {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::SensitiveData => "要配慮個人情報の漏えい等",
            Self::FinancialDamage => "財産的被害が生じるおそれ",
            Self::UnlawfulPurpose => "不正の目的によるおそれ",
            Self::Headcount => "本人の数が基準を超える",
            Self::OrdinanceSensitive => "条例要配慮個人情報の漏えい等",
            Self::NetworkSystem => "情報提供ネットワークシステム等からの漏えい等",
            Self::PubliclyViewable => "不特定多数の者に閲覧されたおそれ",
        }
    }

    /// The provision that makes this ground one, for the regime.
    pub fn provision(self, regime: Regime) -> &'static str {
        match (regime, self) {
            (Regime::Appi, Self::SensitiveData) => "施行規則 第7条第1号",
            (Regime::Appi, Self::FinancialDamage) => "施行規則 第7条第2号",
            (Regime::Appi, Self::UnlawfulPurpose) => "施行規則 第7条第3号",
            (Regime::Appi, Self::Headcount) => "施行規則 第7条第4号",
            (Regime::AppiPublic, Self::SensitiveData) => "施行規則 第43条第1号",
            (Regime::AppiPublic, Self::FinancialDamage) => "施行規則 第43条第2号",
            (Regime::AppiPublic, Self::UnlawfulPurpose) => "施行規則 第43条第3号",
            (Regime::AppiPublic, Self::Headcount) => "施行規則 第43条第4号",
            (Regime::AppiPublic, Self::OrdinanceSensitive) => "施行規則 第43条第5号",
            (Regime::MyNumber, Self::NetworkSystem) => "報告規則 第2条第1号",
            (Regime::MyNumber, Self::UnlawfulPurpose) => "報告規則 第2条第2号",
            (Regime::MyNumber, Self::PubliclyViewable) => "報告規則 第2条第3号",
            (Regime::MyNumber, Self::Headcount) => "報告規則 第2条第4号",
            _ => "",
        }
    }
}

/// The facts of a report that the law looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    pub sensitive_data: bool,
    pub financial_damage_risk: bool,
    pub unlawful_purpose: bool,
    /// The largest possible number of persons affected.
    pub persons_affected: u64,
    /// 条例要配慮個人情報 (local governments, `appi_public`).
    pub ordinance_sensitive: bool,
    /// The information-provision network or My Number systems (`my_number`).
    pub network_system: bool,
    /// Viewable, or possibly viewable, by unspecified people (`my_number`).
    pub publicly_viewable: bool,
    /// Protected by strong encryption: excluded from the duty to report.
    pub strongly_encrypted: bool,
}

/// What the law makes of the facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classification {
    /// The grounds that hold (empty when the report is voluntary).
    pub grounds: Vec<Ground>,
    /// `appi` / `appi_public`: reporting is mandatory. For `my_number`, equal to `serious`.
    pub mandatory: bool,
    /// `my_number` only: a serious situation (重大な事態).
    pub serious: bool,
}

impl Classification {
    /// What the law makes of grounds already found (a stored report's): reportable when any
    /// ground holds.
    pub fn of_grounds(regime: Regime, grounds: Vec<Ground>) -> Self {
        let mandatory = !grounds.is_empty();
        Self {
            grounds,
            mandatory,
            serious: is_serious(regime, mandatory),
        }
    }

    /// The final report is due in 60 days rather than 30 (規則 第8条第2項; My Number 規則 第3条).
    pub fn extended_deadline(&self) -> bool {
        self.grounds.contains(&Ground::UnlawfulPurpose)
    }
}

/// A report the My Number Act makes mandatory is a serious situation (重大な事態, 番号法 第29条の4;
/// 報告規則 第2条); the other regimes know no serious situations.
pub fn is_serious(regime: Regime, mandatory: bool) -> bool {
    mandatory && regime == Regime::MyNumber
}

/// Whether an incident must be reported: staff's override where they made one (with a reason),
/// otherwise what the law makes of the facts.
pub fn effective_mandatory(override_mandatory: Option<bool>, computed: bool) -> bool {
    override_mandatory.unwrap_or(computed)
}

pub fn classify(regime: Regime, facts: &Facts) -> Classification {
    let mut grounds = Vec::new();
    if !facts.strongly_encrypted {
        let over_threshold = facts.persons_affected > regime.headcount_threshold();
        let candidates: &[(bool, Ground)] = match regime {
            Regime::Appi => &[
                (facts.sensitive_data, Ground::SensitiveData),
                (facts.financial_damage_risk, Ground::FinancialDamage),
                (facts.unlawful_purpose, Ground::UnlawfulPurpose),
                (over_threshold, Ground::Headcount),
            ],
            Regime::AppiPublic => &[
                (facts.sensitive_data, Ground::SensitiveData),
                (facts.financial_damage_risk, Ground::FinancialDamage),
                (facts.unlawful_purpose, Ground::UnlawfulPurpose),
                (over_threshold, Ground::Headcount),
                (facts.ordinance_sensitive, Ground::OrdinanceSensitive),
            ],
            Regime::MyNumber => &[
                (facts.network_system, Ground::NetworkSystem),
                (facts.unlawful_purpose, Ground::UnlawfulPurpose),
                (facts.publicly_viewable, Ground::PubliclyViewable),
                (over_threshold, Ground::Headcount),
            ],
        };
        grounds.extend(
            candidates
                .iter()
                .filter(|(holds, _)| *holds)
                .map(|(_, g)| *g),
        );
    }
    Classification::of_grounds(regime, grounds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reportable_my_number_case_reads_as_a_serious_situation() {
        // SPEC.md §3: under 番号利用法 the reportable case is a 重大な事態.
        assert_eq!(
            Regime::MyNumber.obligation_ja(true),
            "重大な事態に該当（報告義務あり）"
        );
        assert_eq!(Regime::Appi.obligation_ja(true), "報告義務あり");
        assert_eq!(Regime::AppiPublic.obligation_ja(false), "任意の報告");
        assert_eq!(Regime::MyNumber.obligation_ja(false), "任意の報告");
    }

    fn persons(n: u64) -> Facts {
        Facts {
            persons_affected: n,
            ..Facts::default()
        }
    }

    #[test]
    fn appi_headcount_ground_starts_above_1000_persons() {
        // 施行規則 第7条第4号: 「1,000人を超える」.
        assert!(!classify(Regime::Appi, &persons(1_000)).mandatory);
        let over = classify(Regime::Appi, &persons(1_001));
        assert!(over.mandatory && !over.serious);
        assert_eq!(over.grounds, [Ground::Headcount]);
    }

    #[test]
    fn public_sector_and_my_number_headcount_grounds_start_above_100() {
        // 施行規則 第43条第4号; 報告規則 第2条第4号: 「100人を超える」.
        assert!(!classify(Regime::AppiPublic, &persons(100)).mandatory);
        assert!(classify(Regime::AppiPublic, &persons(101)).mandatory);
        assert!(!classify(Regime::MyNumber, &persons(100)).serious);
        let serious = classify(Regime::MyNumber, &persons(101));
        assert!(serious.serious && serious.mandatory);
    }

    #[test]
    fn grounds_one_to_three_apply_from_a_single_person() {
        // 施行規則 第7条第1号–第3号 have no threshold.
        for (facts, ground) in [
            (
                Facts {
                    sensitive_data: true,
                    ..persons(1)
                },
                Ground::SensitiveData,
            ),
            (
                Facts {
                    financial_damage_risk: true,
                    ..persons(1)
                },
                Ground::FinancialDamage,
            ),
            (
                Facts {
                    unlawful_purpose: true,
                    ..persons(1)
                },
                Ground::UnlawfulPurpose,
            ),
        ] {
            let result = classify(Regime::Appi, &facts);
            assert!(result.mandatory, "{ground:?}");
            assert_eq!(result.grounds, [ground]);
        }
    }

    #[test]
    fn every_ground_that_holds_is_named() {
        let facts = Facts {
            sensitive_data: true,
            unlawful_purpose: true,
            ..persons(5_000)
        };
        assert_eq!(
            classify(Regime::Appi, &facts).grounds,
            [
                Ground::SensitiveData,
                Ground::UnlawfulPurpose,
                Ground::Headcount
            ]
        );
    }

    #[test]
    fn ordinance_sensitive_data_counts_only_in_the_public_sector() {
        // 施行規則 第43条第5号 (条例要配慮個人情報): a public-sector ground only.
        let facts = Facts {
            ordinance_sensitive: true,
            ..persons(1)
        };
        assert_eq!(
            classify(Regime::AppiPublic, &facts).grounds,
            [Ground::OrdinanceSensitive]
        );
        assert!(!classify(Regime::Appi, &facts).mandatory);
    }

    #[test]
    fn my_number_serious_situations_have_their_own_grounds() {
        // 報告規則 第2条: network systems, unlawful purpose, public viewing, > 100 persons.
        let network = Facts {
            network_system: true,
            ..persons(1)
        };
        let viewable = Facts {
            publicly_viewable: true,
            ..persons(1)
        };
        let unlawful = Facts {
            unlawful_purpose: true,
            ..persons(1)
        };
        assert_eq!(
            classify(Regime::MyNumber, &network).grounds,
            [Ground::NetworkSystem]
        );
        assert_eq!(
            classify(Regime::MyNumber, &viewable).grounds,
            [Ground::PubliclyViewable]
        );
        assert_eq!(
            classify(Regime::MyNumber, &unlawful).grounds,
            [Ground::UnlawfulPurpose]
        );
        // Sensitive data alone is no serious situation under the My Number rules.
        let sensitive = Facts {
            sensitive_data: true,
            ..persons(1)
        };
        let voluntary = classify(Regime::MyNumber, &sensitive);
        assert!(!voluntary.serious && !voluntary.mandatory && voluntary.grounds.is_empty());
    }

    #[test]
    fn strongly_encrypted_data_is_excluded() {
        // 施行規則 第7条各号 括弧書: 高度な暗号化その他の…措置を講じたものを除く.
        let facts = Facts {
            sensitive_data: true,
            strongly_encrypted: true,
            ..persons(9_999)
        };
        let result = classify(Regime::Appi, &facts);
        assert!(!result.mandatory && result.grounds.is_empty());
    }

    #[test]
    fn an_override_decides_and_a_serious_situation_follows_the_obligation() {
        // 番号法 第29条の4: only a mandatory My Number report is a serious situation.
        assert!(is_serious(Regime::MyNumber, true));
        assert!(!is_serious(Regime::MyNumber, false));
        assert!(!is_serious(Regime::Appi, true));
        assert!(!effective_mandatory(Some(false), true));
        assert!(effective_mandatory(Some(true), false));
        assert!(effective_mandatory(None, true));
        let stored = Classification::of_grounds(Regime::MyNumber, vec![Ground::Headcount]);
        assert_eq!(stored, classify(Regime::MyNumber, &persons(101)));
    }

    #[test]
    fn only_the_unlawful_purpose_ground_extends_the_deadline() {
        // 施行規則 第8条第2項: 60 days for 第7条第3号, alone or with others.
        let with = classify(
            Regime::Appi,
            &Facts {
                unlawful_purpose: true,
                ..persons(2_000)
            },
        );
        assert!(with.extended_deadline());
        assert!(!classify(Regime::Appi, &persons(2_000)).extended_deadline());
    }
}
