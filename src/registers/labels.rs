//! The vocabularies of the registers: an opt-out notification (法第27条第2項各号の届出事項), an
//! accredited body and a publication of anonymised information — each field's short label, as
//! the record's page and a download head it, and its label on the form.

use crate::domain::registers::Filing;
use crate::domain::review::ReviewStatus;
use crate::sheets::vocabulary::choices;
use crate::sheets::vocabulary::{Cell, Term, Vocabulary};

static OPTOUT_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::derived("reference", "届出番号"),
    Term::new("organization_id", "届出者", Cell::Organization)
        .required()
        .example("1")
        .help("届け出る事業者。登録されている番号か名称。"),
    Term::new("provider_name", "提供者の名称", Cell::Text)
        .form("第三者に提供を行う個人情報取扱事業者の氏名又は名称")
        .required()
        .example("株式会社サンプル名簿"),
    Term::new("provider_address", "住所", Cell::Text)
        .required()
        .example("東京都港区芝公園1-1-1"),
    Term::new("representative", "代表者", Cell::Text)
        .form("代表者の氏名（法人の場合）")
        .required()
        .example("代表取締役 甲野太郎"),
    Term::new("purpose", "利用目的", Cell::Text)
        .form("第三者への提供を利用目的とすること")
        .required()
        .example("名簿の販売"),
    Term::new("data_items", "提供する個人データの項目", Cell::List)
        .form("第三者に提供される個人データの項目")
        .required()
        .example("氏名|住所|電話番号"),
    Term::new("obtained_how", "取得の方法", Cell::Text)
        .form("第三者に提供される個人データの取得の方法")
        .example("公開されている名簿から取得")
        .help("令和4年4月1日以後の届出では必須。"),
    Term::new("provided_how", "提供の方法", Cell::Text)
        .form("第三者への提供の方法")
        .required()
        .example("電子媒体の送付"),
    Term::new("request_method", "停止の求めを受け付ける方法", Cell::Text)
        .form("本人の求めに応じて提供を停止すること及び本人の求めを受け付ける方法")
        .required()
        .example("電話又は電子メール"),
    Term::new("update_method", "更新の方法", Cell::Text)
        .form("個人データの更新の方法")
        .example("年1回、公開情報と照合して更新")
        .help("令和4年4月1日以後の届出では必須。"),
    Term::new("start_on", "提供開始予定日", Cell::Date)
        .form("第三者への提供を開始する予定日")
        .example("2027-01-04")
        .help("令和4年4月1日以後の届出では必須。"),
    Term::new("submitted_on", "提出日", Cell::Date)
        .aliases(&["届出日"])
        .form("提出日（過去の届出を入力するとき）")
        .help("職員が過去の届出を入力するときだけ。空欄なら今日。"),
    Term::derived("notified_on", "届出日"),
    Term::derived_as("filing", "届出の種別", choices!(Filing)),
    Term::derived("filed_on", "現在の版の提出日"),
    Term::derived("change_effective_on", "変更の予定日"),
    Term::derived("version", "版"),
    Term::derived_as("review_status", "審査の状況", choices!(ReviewStatus)),
    Term::new("accepted_on", "受理日", Cell::Date)
        .example("2019-06-10")
        .help("過去の届出を取り込むとき、受理した日（その日から公表）。空欄なら審査待ちとして取り込みます。"),
    Term::new("withdrawn_on", "廃止の日", Cell::Date)
        .help("過去の届出を取り込むとき、廃止の届出で第三者への提供をやめた日。"),
    Term::derived("withdrawal_submitted_on", "廃止届の提出日"),
    Term::derived("in_force", "公表中"),
    Term::derived("filed_by_user_id", "提出した利用者"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an opt-out notification.
pub static OPTOUT: Vocabulary = Vocabulary {
    kind: "optout-notifications",
    terms: OPTOUT_TERMS,
};

static BODY_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("name", "団体の名称", Cell::Text)
        .required()
        .example("一般財団法人サンプル協会"),
    Term::new("corporate_number", "法人番号", Cell::Text).example("1010405009411"),
    Term::new("accredited_on", "認定日", Cell::Date)
        .required()
        .example("2005-04-01"),
    Term::new("sector", "対象事業者の業種", Cell::Text)
        .required()
        .example("情報サービス業"),
    Term::new("scope", "認定業務の範囲", Cell::Text)
        .form("認定業務の範囲（苦情の処理、情報の提供など）")
        .required()
        .example("苦情の処理、情報の提供"),
    Term::new("revoked_on", "取消しの日", Cell::Date)
        .help("過去の記録を取り込むとき、認定を取り消した日。"),
    Term::new("revocation_reason", "取消しの理由", Cell::Text)
        .help("取消しの日を書いたときは必須。"),
    Term::derived("created_at", "登録日時"),
    Term::derived("updated_at", "更新日時"),
];

/// The vocabulary of an accredited body.
pub static BODY: Vocabulary = Vocabulary {
    kind: "accredited-bodies",
    terms: BODY_TERMS,
};

static PUBLICATION_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::new("organization_id", "事業者", Cell::Organization)
        .required()
        .example("1"),
    Term::new("published_on", "公表日", Cell::Date)
        .required()
        .example("2019-05-01"),
    Term::new("location", "公表の場所", Cell::Text)
        .form("公表の場所（ウェブページのアドレスなど）")
        .required()
        .example("https://example.jp/anonymised"),
    Term::new("data_items", "情報の項目", Cell::List)
        .form("匿名加工情報に含まれる個人に関する情報の項目")
        .required()
        .example("性別|年代|購買履歴"),
    Term::new("provided_to_third_parties", "第三者提供", Cell::Boolean)
        .form("第三者に提供する")
        .required()
        .example("はい"),
    Term::derived("created_by_user_id", "登録した利用者"),
    Term::derived("created_at", "登録日時"),
];

/// The vocabulary of a publication of anonymised information.
pub static PUBLICATION: Vocabulary = Vocabulary {
    kind: "anonymised-publications",
    terms: PUBLICATION_TERMS,
};

static GUIDELINE_TERMS: &[Term] = &[
    Term::derived("id", "番号"),
    Term::derived("body_id", "団体"),
    Term::new("version", "版", Cell::Text)
        .form("版（第2版、2024年改訂など）")
        .required()
        .example("第2版"),
    Term::new("title", "指針の名称", Cell::Text).example("個人情報保護指針"),
    Term::new("published_on", "公表日", Cell::Date)
        .required()
        .example("2019-05-01"),
    Term::derived("file", "ファイル").form("指針のファイル"),
    Term::derived("public_url", "公表のアドレス"),
    Term::derived("created_at", "登録日時"),
];

/// The vocabulary of an accredited body's guideline (個人情報保護指針, 法第54条).
pub static GUIDELINE: Vocabulary = Vocabulary {
    kind: "guidelines",
    terms: GUIDELINE_TERMS,
};
