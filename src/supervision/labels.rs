//! The vocabulary of a supervisory action: each field's short label (as the action's page and a
//! full download head it), its label on the form, the other headings a register uses, and what
//! the import's template says of it.

use crate::domain::oversight::InspectionType;
use crate::domain::powers::{ActionKind, PerformedBy, legal_basis};
use crate::domain::reportability::Regime;
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

/// An action's kind by its code, its name, or any regime's name for the power (報告徴収,
/// 資料の提出の要求, 報告: `ActionKind::named`).
fn kinds() -> Vec<(&'static str, &'static str)> {
    let mut kinds: Vec<(&'static str, &'static str)> = ActionKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), kind.label_ja()))
        .collect();
    for kind in ActionKind::ALL {
        for regime in Regime::ALL {
            if let Some(basis) = legal_basis(*kind, *regime)
                && !kinds.contains(&(kind.as_str(), basis.power_ja))
            {
                kinds.push((kind.as_str(), basis.power_ja));
            }
        }
    }
    kinds
}

static TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("kind", "措置", Cell::Choice(kinds))
        .form("措置の種類")
        .required()
        .example("報告徴収")
        .help("措置の種類。公的部門の「資料の提出の要求」「実地調査」なども読みます。"),
    Term::new("regime", "法令", choices!(Regime))
        .form("適用される法令")
        .required()
        .example("個人情報保護法（民間部門）"),
    Term::new("organization_id", "相手方", Cell::Organization)
        .form("対象")
        .required()
        .example("1")
        .help("措置の対象の事業者等の番号か名称。"),
    Term::new("case_id", "事案", Cell::Integer)
        .form("事案（ケース）番号")
        .aliases(&["事案番号"]),
    Term::new("incident_id", "漏えい等事案の番号", Cell::Integer),
    Term::new("performed_by", "実施者", choices!(PerformedBy)).help("空欄なら個人情報保護委員会。"),
    Term::new("started_on", "開始日", Cell::Date)
        .required()
        .example("令和7年4月1日"),
    Term::new("ended_on", "終了日", Cell::Date),
    Term::new("due_on", "提出期限", Cell::Date)
        .form("報告期限（報告徴収）")
        .aliases(&["報告期限"])
        .example("令和7年4月15日")
        .help("報告徴収の回答期限。"),
    Term::new("meeting_number", "委員会", Cell::Integer)
        .form("決定した委員会の回")
        .help("勧告・命令を決定した委員会の回（第244回 → 244、「第244回」も可）。"),
    Term::new("complied", "措置に従ったか", Cell::Boolean)
        .help("勧告・命令に従ったか（従った／従わなかった）。"),
    Term::new("imminent_harm", "侵害の切迫", Cell::Boolean)
        .form("個人の重大な権利利益の侵害が切迫していると認める（法第148条第2項）"),
    Term::new("inspection_type", "検査の種類", choices!(InspectionType))
        .form("検査の種類（番号利用法の立入検査）")
        .help("番号利用法の立入検査だけ。定期的な立入検査は行政機関の長等に対するもの。空欄は種類の記録なし。"),
    Term::new("plan_id", "検査計画", Cell::Integer)
        .form("検査計画の番号")
        .help("種類を記録した番号利用法の立入検査が実施する検査計画の番号。"),
    Term::new("published", "公表", Cell::Boolean).form("公表した"),
    Term::new("notes", "備考", Cell::Text).form("メモ"),
    Term::derived("legal_basis", "根拠"),
    Term::derived("recommendation_id", "先行する勧告"),
    Term::derived("answered_on", "回答").aliases(&["回答日"]),
    Term::derived("overdue", "回答期限超過"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an action.
pub static ACTION: Vocabulary = Vocabulary {
    kind: "actions",
    terms: TERMS,
};
