//! The 47 prefectures (都道府県), in JIS X 0401 order, as organizations name them.

pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

/// The eight regions (地方区分) and their prefectures, in JIS order: how a table lays the 47 out
/// like a map.
pub const REGIONS: [(&str, std::ops::Range<usize>); 8] = [
    ("北海道", 0..1),
    ("東北", 1..7),
    ("関東", 7..14),
    ("中部", 14..23),
    ("近畿", 23..30),
    ("中国", 30..35),
    ("四国", 35..39),
    ("九州・沖縄", 39..47),
];

pub fn is_prefecture(name: &str) -> bool {
    PREFECTURES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_regions_hold_the_47_in_order_once_each() {
        let mut next = 0;
        for (_, range) in REGIONS {
            assert_eq!(range.start, next);
            next = range.end;
        }
        assert_eq!(next, PREFECTURES.len());
        assert_eq!(&PREFECTURES[REGIONS[2].1.clone()][6], &"神奈川県");
        assert_eq!(PREFECTURES[REGIONS[4].1.start], "三重県");
        assert_eq!(PREFECTURES[REGIONS[7].1.start], "福岡県");
    }

    #[test]
    fn knows_all_forty_seven_and_nothing_else() {
        let distinct: std::collections::HashSet<_> = PREFECTURES.iter().collect();
        assert_eq!(distinct.len(), 47);
        assert!(is_prefecture("東京都") && is_prefecture("北海道") && is_prefecture("沖縄県"));
        assert!(!is_prefecture("東京") && !is_prefecture("Tokyo"));
    }
}
