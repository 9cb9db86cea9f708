//! Reporting entities and the groups the Commission counts them in (API.md; seed 001's My Number
//! table: 行政機関等 / 地方公共団体 / 事業者).

use super::text_enum;

text_enum! {
    /// What kind of body an organization is.
    pub enum OrganizationKind {
        /// 事業者
        Business => "business",
        /// 国の行政機関
        NationalAgency => "national_agency",
        /// 独立行政法人等
        IncorporatedAgency => "incorporated_agency",
        /// 地方公共団体
        LocalGovernment => "local_government",
    }
}

text_enum! {
    /// The entity groups of the published statistics.
    pub enum EntityGroup {
        /// 行政機関等: national organs and incorporated administrative agencies.
        National => "national",
        /// 地方公共団体
        Local => "local",
        /// 事業者
        Business => "business",
    }
}

impl OrganizationKind {
    /// The statistics group of this kind (API.md "Entity groups in statistics").
    pub fn group(self) -> EntityGroup {
        match self {
            Self::NationalAgency | Self::IncorporatedAgency => EntityGroup::National,
            Self::LocalGovernment => EntityGroup::Local,
            Self::Business => EntityGroup::Business,
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Business => "事業者",
            Self::NationalAgency => "国の行政機関",
            Self::IncorporatedAgency => "独立行政法人等",
            Self::LocalGovernment => "地方公共団体",
        }
    }
}

impl EntityGroup {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::National => "行政機関等",
            Self::Local => "地方公共団体",
            Self::Business => "事業者",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_organs_and_incorporated_agencies_count_together_as_gyosei_kikan_to() {
        // Seed 001 counts 行政機関等 as one group; API.md maps both kinds to `national`.
        assert_eq!(
            OrganizationKind::NationalAgency.group(),
            EntityGroup::National
        );
        assert_eq!(
            OrganizationKind::IncorporatedAgency.group(),
            EntityGroup::National
        );
        assert_eq!(
            OrganizationKind::LocalGovernment.group(),
            EntityGroup::Local
        );
        assert_eq!(OrganizationKind::Business.group(), EntityGroup::Business);
        assert_eq!(EntityGroup::National.label_ja(), "行政機関等");
    }

    #[test]
    fn codes_round_trip() {
        for kind in OrganizationKind::ALL {
            assert_eq!(OrganizationKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(OrganizationKind::try_from(kind.to_string()).unwrap(), *kind);
        }
        assert!(OrganizationKind::parse("company").is_none());
    }
}
