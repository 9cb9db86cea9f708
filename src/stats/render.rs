//! The summaries as CSV (one row a figure) and as a text table laid out like seed 001's.

use serde_json::Value;

use super::ActivitySummary;
use super::publish::leaves;

/// `period,measure,value`, one row a figure, e.g. `FY2019-H1,appi.leak_reports,549`.
pub fn csv(period_id: &str, summary: &Value) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["period", "measure", "value"]);
    for (path, value) in leaves(summary) {
        let value = match value {
            Value::String(text) => text,
            other => other.to_string(),
        };
        let _ = writer.write_record([period_id, path.as_str(), value.as_str()]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The two supervision tables of the half-year record, in its words.
pub fn activity_table(summary: &ActivitySummary) -> String {
    let a = &summary.appi;
    let m = &summary.my_number;
    let l = &m.leak_reports;
    let group = |name: &str, c: &super::LeakCounts| format!("  {}", leak_group_ja(name, c));
    let mut lines = vec![
        summary.period.label_ja.clone(),
        String::new(),
        "個人情報の取扱いに関する監督に係る処理状況（委員会に対して直接報告されたもの）".into(),
        format!(
            "  個人データの漏えい等事案の報告の受付  {}件",
            a.leak_reports
        ),
        format!("  勧告  {}件", a.recommendations),
    ];
    if a.orders + a.emergency_orders > 0 {
        lines.push(format!("  命令  {}件", a.orders));
        lines.push(format!("  緊急命令  {}件", a.emergency_orders));
    }
    lines.extend([
        format!("  立入検査  {}件", a.onsite_inspections),
        format!("  報告徴収  {}件", a.report_collections),
        format!("  指導・助言  {}件", a.guidance),
        format!("  苦情のあっせん  {}件", a.mediations),
    ]);
    let d = &a.delegated;
    if d.leak_reports + d.report_collections + d.onsite_inspections > 0 {
        lines.push(format!(
            "  （事業所管大臣経由：漏えい等報告 {}件、報告徴収 {}件、立入検査 {}件）",
            d.leak_reports, d.report_collections, d.onsite_inspections
        ));
    }
    lines.extend([
        String::new(),
        "特定個人情報の取扱いに関する監視・監督に係る処理状況".into(),
        format!(
            "  特定個人情報の漏えい事案等の報告の受付  {}",
            leak_total_ja(&l.total)
        ),
        "  （内訳）".into(),
        group("行政機関等", &l.by_group.national),
        group("地方公共団体", &l.by_group.local),
        group("事業者", &l.by_group.business),
    ]);
    lines.push(format!(
        "  立入検査の実施  {}件（内訳）{}",
        m.onsite_inspections.total,
        inspection_breakdown_ja(&m.onsite_inspections)
    ));
    lines.push(format!("  指導・助言等  {}件", m.guidance));
    lines.push(String::new());
    lines.join("\n")
}

/// 67機関、98件（うち「重大な事態」に該当：5件）
pub fn leak_total_ja(c: &super::LeakCounts) -> String {
    format!(
        "{}機関、{}件（うち「重大な事態」に該当：{}件）",
        c.entities, c.reports, c.serious
    )
}

/// 行政機関等：3機関、19件（うち「重大な事態」に該当：1件）; seed 001 leaves the serious count
/// out for businesses when there is none.
pub fn leak_group_ja(name: &str, c: &super::LeakCounts) -> String {
    let serious = if c.serious > 0 || name != "事業者" {
        format!("（うち「重大な事態」に該当：{}件）", c.serious)
    } else {
        String::new()
    };
    format!("{name}：{}機関、{}件{serious}", c.entities, c.reports)
}

/// 行政機関等4件、地方公共団体19件 (groups with none are left out, as in seed 001).
pub fn inspection_breakdown_ja(i: &super::Inspections) -> String {
    [
        ("行政機関等", i.by_group.national),
        ("地方公共団体", i.by_group.local),
        ("事業者", i.by_group.business),
    ]
    .into_iter()
    .filter(|(_, count)| *count > 0)
    .map(|(name, count)| format!("{name}{count}件"))
    .collect::<Vec<_>>()
    .join("、")
}

/// The name of a kind of summary in a file name.
pub fn kind_name(kind: super::publish::Kind) -> &'static str {
    match kind {
        super::publish::Kind::Activity => "activity",
        super::publish::Kind::Consultations => "consultations",
    }
}
