//! The vocabulary of a consultation: each field's short label (as the consultation's page and a
//! full download head it), its label on the form, the other headings a desk's workbook uses, and
//! what the import's template says of it.

use crate::domain::hotline::{ConsultationClass, Desk};
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

static TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("desk", "窓口", choices!(Desk))
        .aliases(&["相談窓口"])
        .required()
        .example("個人情報保護法相談ダイヤル（民間部門）")
        .help("相談を受け付けた窓口。"),
    Term::new("class", "区分", choices!(ConsultationClass))
        .required()
        .example("質問")
        .help("苦情・質問・その他。"),
    Term::new("received_on", "受付日", Cell::Date)
        .required()
        .example("令和7年4月1日"),
    Term::new("categories", "類型", Cell::List)
        .form("類型（該当するものすべて）")
        .example("第三者提供")
        .help("窓口の類型の記号か名称。複数は「|」「、」又は改行で区切ります。苦情・質問には１つ以上が必要です。"),
    Term::new("summary", "相談の内容", Cell::Text)
        .aliases(&["内容"])
        .example("第三者提供の同意の取り方について"),
    Term::new("advice", "助言等の内容", Cell::Text),
    Term::new("referred_to_supervision", "監視・監督担当への情報提供", Cell::Boolean)
        .form("監視・監督担当へ情報提供した")
        .aliases(&["情報提供"])
        .example("いいえ")
        .help("監視・監督担当部署へ情報提供したか。"),
    Term::new("organization_id", "相談の対象", Cell::Organization)
        .form("相談の対象となった事業者等")
        .help("相談の対象となった事業者等の番号か名称。"),
    Term::new("case_id", "事案番号", Cell::Integer)
        .form("事案（ケース）番号")
        .help("情報提供した場合、加える事案の番号。"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of a consultation.
pub static CONSULTATION: Vocabulary = Vocabulary {
    kind: "consultations",
    terms: TERMS,
};
