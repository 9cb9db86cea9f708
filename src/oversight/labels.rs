//! The vocabulary of an outreach event: each field's short label, as its page and a download head
//! it, and its label on the form.

use crate::domain::oversight::EventKind;
use crate::domain::reportability::Regime;
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

static EVENT_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("kind", "種類", choices!(EventKind))
        .required()
        .example("講師派遣"),
    Term::new("regime", "法令", choices!(Regime))
        .form("対象の法令")
        .required()
        .example("番号利用法"),
    Term::new("held_on", "開催日", Cell::Date)
        .required()
        .example("2019-07-10"),
    Term::new("title", "名称", Cell::Text)
        .required()
        .example("特定個人情報の適正な取扱いに関する説明会"),
    Term::new("prefecture", "都道府県", Cell::Text)
        .form("開催した都道府県")
        .example("愛知県")
        .help("オンラインのときは空欄。"),
    Term::new("audience", "対象", Cell::Text)
        .form("対象者（地方公共団体職員、事業者など）")
        .example("地方公共団体職員"),
    Term::new("bodies", "参加機関数", Cell::Integer).example("12"),
    Term::new("participants", "参加者数", Cell::Integer)
        .required()
        .example("30"),
    Term::derived("created_by_user_id", "登録した利用者"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an outreach event.
pub static EVENT: Vocabulary = Vocabulary {
    kind: "events",
    terms: EVENT_TERMS,
};
