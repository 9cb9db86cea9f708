//! The vocabulary of an activity: each field's short label, as its page and a download head it,
//! and its label on the form.

use crate::domain::activity::ActivityKind;
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

static ACTIVITY_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("kind", "種類", choices!(ActivityKind))
        .required()
        .example("他法令に基づく協議"),
    Term::new("on", "日付", Cell::Date)
        .form("日付（協議を受けた日、認定日、ヒアリングの日など）")
        .required()
        .example("2019-07-01"),
    Term::new("counterpart", "相手方", Cell::Text)
        .form("相手方（府省、事業者、団体など）")
        .required()
        .example("経済産業省"),
    Term::new("law", "法令", Cell::Text)
        .form("根拠の法令（他法令に基づく協議では必須）")
        .example("生産性向上特別措置法"),
    Term::new("subject", "件名", Cell::Text)
        .required()
        .example("新技術等実証計画の認定に係る協議"),
    Term::new("bodies", "機関数", Cell::Integer).form("聴取した機関数（ヒアリング）"),
    Term::new("persons", "人数", Cell::Integer).form("聴取した人数（ヒアリング）"),
    Term::new("outcome", "結果", Cell::Text).example("回答済み"),
    Term::derived("created_by_user_id", "登録した利用者"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an activity.
pub static ACTIVITY: Vocabulary = Vocabulary {
    kind: "activities",
    terms: ACTIVITY_TERMS,
};
