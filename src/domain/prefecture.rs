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

pub fn is_prefecture(name: &str) -> bool {
    PREFECTURES.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_all_forty_seven_and_nothing_else() {
        let distinct: std::collections::HashSet<_> = PREFECTURES.iter().collect();
        assert_eq!(distinct.len(), 47);
        assert!(is_prefecture("東京都") && is_prefecture("北海道") && is_prefecture("沖縄県"));
        assert!(!is_prefecture("東京") && !is_prefecture("Tokyo"));
    }
}
