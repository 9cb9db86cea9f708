//! The vocabulary of an outreach event: each field's short label, as its page and a download head
//! it, and its label on the form.

use crate::domain::oversight::EventKind;
use crate::domain::pia::PiaLevel;
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

static PERIODIC_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("questionnaire_id", "調査票の番号", Cell::Integer)
        .required()
        .example("1"),
    Term::derived("fiscal_year", "対象の年度"),
    Term::new("organization_id", "報告した機関", Cell::Organization)
        .form("機関（番号又は名称）")
        .required()
        .example("札幌市"),
    Term::derived("organization_name", "機関の名称"),
    Term::new("answers", "回答", Cell::Text)
        .required()
        .example("1=はい|2=いいえ|3=該当なし")
        .help("項目の番号と回答（はい・いいえ・該当なし）を「|」で区切って書きます。"),
    Term::new("notes", "備考", Cell::Text),
    Term::derived("version", "版"),
    Term::derived("status", "状態"),
    Term::new("submitted_on", "提出日", Cell::Date)
        .example("2019-06-20")
        .help("空欄の行は下書き（未提出）として登録します。"),
    Term::derived("review_status", "審査"),
    Term::new("accepted_on", "受理日", Cell::Date)
        .example("2019-07-01")
        .help("受理済みの報告は受理日を書きます（その日に受理として記録）。"),
    Term::derived("filed_by_user_id", "登録した利用者"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of a periodic report (定期的な報告).
pub static PERIODIC: Vocabulary = Vocabulary {
    kind: "periodic-reports",
    terms: PERIODIC_TERMS,
};

static PIA_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("organization_id", "評価実施機関", Cell::Organization)
        .required()
        .example("厚生労働省"),
    Term::derived("organization_name", "機関の名称"),
    Term::new("level", "評価の種類", choices!(PiaLevel))
        .required()
        .example("全項目評価"),
    Term::new("task_name", "事務の名称", Cell::Text)
        .required()
        .example("職業安定行政業務に関する事務"),
    Term::new("files", "特定個人情報ファイル", Cell::List)
        .required()
        .example("雇用保険ファイル|職業紹介ファイル"),
    Term::new("submitted_on", "提出日", Cell::Date)
        .required()
        .example("2023-04-20"),
    Term::derived("version", "版"),
    Term::derived("review_status", "審査"),
    Term::derived("superseded_by_id", "更新後の評価書"),
    Term::derived("approval", "承認"),
    Term::new("published_on", "公表日", Cell::Date).example("2023-06-09"),
    Term::derived("reassess_by", "再実施の期限"),
    Term::derived("reassessment_due", "再実施の時期"),
    Term::derived("remarks", "審査記載事項"),
    Term::derived("filed_by_user_id", "登録した利用者"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an assessment (特定個人情報保護評価書).
pub static PIA: Vocabulary = Vocabulary {
    kind: "pia-evaluations",
    terms: PIA_TERMS,
};
