//! The vocabulary of a leak report (規則第8条第1項各号の報告事項): each field's short label, as the
//! report's page, its version table and a full download head it; its label on the form; the other
//! headings an import reads; and what the import's template says of it. The form, the page, the
//! versions, the mail, the downloads and the import all name a report's fields from here.

use crate::domain::deadlines::IncidentStatus;
use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::{Ground, Regime};
use crate::domain::review::ReviewStatus;
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

/// A final report's link to a preliminary report on an earlier row of the same file (an
/// import's own column: the data row's number, from 1).
pub const PRELIMINARY_ROW: &str = "preliminary_row";

static TERMS: &[Term] = &[
    Term::derived("id", "報告番号"),
    Term::derived("reference", "受付番号"),
    Term::derived("incident_id", "事態番号"),
    Term::new("organization_id", "報告者", Cell::Organization)
        .aliases(&["報告者番号"])
        .required()
        .example("1")
        .help("報告する事業者等。登録されている番号か名称。"),
    Term::new("regime", "法令", choices!(Regime))
        .form("適用される法令")
        .required()
        .example("個人情報保護法（民間部門）")
        .help("報告の根拠となる法令。"),
    Term::new("stage", "報告の種別", choices!(Stage))
        .form("報告の種類")
        .required()
        .example("速報")
        .help("速報か確報か。確報だけの提出もできます。"),
    Term::new("preliminary_report_id", "対応する速報", Cell::Integer)
        .form("対応する速報の報告番号")
        .help("確報が完結させる速報の報告番号（データベースにある速報）。"),
    Term::new(PRELIMINARY_ROW, "対応する速報の行", Cell::Integer)
        .import_only()
        .help("確報が完結させる速報が同じファイルの前の行にあるとき、その行の番号（見出しの次の行が１）。"),
    Term::new("aware_on", "漏えい等を知った日", Cell::Date)
        .required()
        .example("令和7年4月1日")
        .help("事業者等が漏えい等を知った日。"),
    Term::new("occurred_on", "発生日", Cell::Date).help("漏えい等が発生した日（分かる場合）。"),
    Term::new("received_on", "受付日", Cell::Date)
        .example("2025-04-03")
        .help("委員会が報告を受け付けた日。空欄なら取り込んだ日。"),
    Term::new("received_via", "受付経路", choices!(ReceivedVia))
        .help("委員会への直接の報告か、事業所管大臣を経由したものか。空欄なら直接。"),
    Term::new("summary", "概要", Cell::Text)
        .required()
        .example("顧客名簿を記録したUSBメモリを紛失した")
        .help("事態の概要。"),
    Term::new("data_items", "個人データの項目", Cell::List)
        .form("項目")
        .required()
        .example("氏名|住所|電話番号")
        .help("漏えい等が発生し、又は発生したおそれがある個人データの項目。"),
    Term::new("persons_affected", "本人の数", Cell::Integer)
        .required()
        .example("1500")
        .help("本人の数。確定していない場合は最大となり得る数。"),
    Term::new("persons_estimated", "本人の数（概数）", Cell::Boolean)
        .form("本人の数は概数（最大となり得る数）である")
        .example("いいえ"),
    Term::new("sensitive_data", "要配慮個人情報", Cell::Boolean)
        .form("要配慮個人情報が含まれる")
        .required()
        .example("いいえ"),
    Term::new("financial_damage_risk", "財産的被害のおそれ", Cell::Boolean)
        .form("不正に利用されることにより財産的被害が生じるおそれがある")
        .required()
        .example("いいえ"),
    Term::new("unlawful_purpose", "不正の目的のおそれ", Cell::Boolean)
        .form("不正の目的をもって行われたおそれがある")
        .required()
        .example("いいえ"),
    Term::new("ordinance_sensitive", "条例要配慮個人情報", Cell::Boolean)
        .form("条例要配慮個人情報が含まれる（地方公共団体）"),
    Term::new("network_system", "情報提供ネットワークシステム等", Cell::Boolean).form(
        "情報提供ネットワークシステム又は個人番号利用事務等を処理するシステムからの漏えい等（番号利用法）",
    ),
    Term::new("publicly_viewable", "不特定多数の閲覧", Cell::Boolean)
        .form("不特定多数の者に閲覧され、又は閲覧されるおそれがある（番号利用法）"),
    Term::new("strongly_encrypted", "高度な暗号化等の措置", Cell::Boolean)
        .form("高度な暗号化その他の個人の権利利益を保護するために必要な措置が講じられている"),
    Term::new("cause", "原因", choices!(Cause))
        .required()
        .example("紛失")
        .help("漏えい等の原因。"),
    Term::new("secondary_damage", "二次被害", Cell::Text)
        .help("二次被害又はそのおそれの有無及びその内容。"),
    Term::new("response_to_individuals", "本人への対応", Cell::Text)
        .help("本人への対応の実施状況。"),
    Term::new("publication", "公表", Cell::Text).help("公表の実施状況。"),
    Term::new("prevention_measures", "再発防止策", Cell::Text)
        .help("再発防止のための措置。"),
    Term::new("notes", "その他", Cell::Text).help("その他参考となる事項。"),
    Term::new("contractor_organization_id", "委託先", Cell::Organization)
        .form("委託先の報告者番号（連名で報告する場合）")
        .help("連名で報告する委託先の事業者等。登録されている番号か名称。"),
    Term::derived("mandatory", "報告義務"),
    Term::derived("serious", "重大な事態"),
    Term::derived_as("grounds", "報告対象となる事態", choices!(Ground)),
    Term::derived("grounds_detail", "報告対象となる事態（根拠）"),
    Term::derived("preliminary_due_on", "速報の目安").aliases(&["速報の期限"]),
    Term::derived("final_due_on", "確報の期限"),
    Term::derived("next_deadline", "次の期限"),
    Term::derived("late", "期限後の報告"),
    Term::derived_as("incident_status", "事案の状況", choices!(IncidentStatus)).aliases(&["事態の状況"]),
    Term::derived("version", "版"),
    Term::derived_as("review_status", "審査の状況", choices!(ReviewStatus)).aliases(&["審査"]),
    Term::derived("filed_by_user_id", "提出した利用者"),
    Term::derived("created_at", "登録日時"),
];

/// The vocabulary of a report.
pub static REPORT: Vocabulary = Vocabulary {
    kind: "reports",
    terms: TERMS,
};

/// A field's short label (the field's own name where it has none).
pub fn short(field: &str) -> &str {
    REPORT.short(field)
}
