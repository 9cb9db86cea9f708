//! The vocabulary of an organization in the register: each field's short label (as its page and
//! a full download head it), its label on the form, and what the import's template says of it.

use crate::domain::organization::{EntityGroup, OrganizationKind};
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

static TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("name", "名称", Cell::Text)
        .required()
        .example("株式会社サンプル"),
    Term::new("kind", "種別", choices!(OrganizationKind))
        .required()
        .example("事業者"),
    Term::new("corporate_number", "法人番号", Cell::Text)
        .example("1180301018771")
        .help("13桁の法人番号（先頭はチェックデジット）。"),
    Term::new("prefecture", "都道府県", Cell::Text)
        .example("愛知県")
        .help("47都道府県のいずれか（東京都、大阪府、北海道、青森県 …）。"),
    Term::new("contact_email", "連絡先", Cell::Text)
        .form("連絡先の電子メールアドレス")
        .example("dpo@sample.example.jp")
        .help("報告の受付などを知らせる電子メールアドレス。"),
    Term::derived_as("group", "統計上の区分", choices!(EntityGroup)),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an organization.
pub static ORGANIZATION: Vocabulary = Vocabulary {
    kind: "organizations",
    terms: TERMS,
};
