//! The summaries as CSV (one row a figure) and as a text table laid out like seed 001's.

use serde_json::Value;

use super::ActivitySummary;
use super::publish::leaves;

/// `period,measure,value`, one row a figure, e.g. `FY2019-H1,appi.leak_reports,549`.
pub fn csv(period_id: &str, summary: &impl serde::Serialize) -> String {
    let summary = &serde_json::to_value(summary).unwrap_or_default();
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
        super::publish::Kind::Report => "activity-report",
    }
}

/// A figure as people read it in a downloaded table: the table (or desk, or indicator), the item,
/// the value — the rows of the pages' tables, every one of them, zeros included.
pub type PeopleRow = [String; 3];

fn row(table: &str, item: impl Into<String>, value: impl ToString) -> PeopleRow {
    [table.to_owned(), item.into(), value.to_string()]
}

/// The supervision summary's rows, in the order of the page (seed 001's tables).
pub fn activity_rows(summary: &ActivitySummary) -> Vec<PeopleRow> {
    let a = &summary.appi;
    let p = &summary.appi_public;
    let m = &summary.my_number;
    let appi = "個人情報の取扱いに関する監督に係る処理状況";
    let public = "行政機関等における個人情報等の取扱いに関する監視に係る処理状況";
    let my_number = "特定個人情報の取扱いに関する監視・監督に係る処理状況";
    let mut rows = vec![
        row(appi, "個人データの漏えい等事案の報告の受付", a.leak_reports),
        row(appi, "勧告", a.recommendations),
        row(appi, "命令", a.orders),
        row(appi, "緊急命令", a.emergency_orders),
        row(appi, "立入検査", a.onsite_inspections),
        row(appi, "報告徴収", a.report_collections),
        row(appi, "指導・助言", a.guidance),
        row(appi, "苦情のあっせん", a.mediations),
        row(
            appi,
            "（参考）事業所管大臣経由：漏えい等報告",
            a.delegated.leak_reports,
        ),
        row(
            appi,
            "（参考）事業所管大臣経由：報告徴収",
            a.delegated.report_collections,
        ),
        row(
            appi,
            "（参考）事業所管大臣経由：立入検査",
            a.delegated.onsite_inspections,
        ),
        row(
            public,
            "保有個人情報の漏えい等事案の報告の受付",
            p.leak_reports,
        ),
        row(public, "勧告", p.recommendations),
        row(public, "実地調査", p.onsite_inspections),
        row(public, "資料の提出の要求", p.report_collections),
        row(public, "指導・助言", p.guidance),
    ];
    let leaks = |rows: &mut Vec<PeopleRow>, name: &str, c: &super::LeakCounts| {
        rows.push(row(my_number, format!("{name}：機関数"), c.entities));
        rows.push(row(my_number, format!("{name}：件数"), c.reports));
        rows.push(row(
            my_number,
            format!("{name}：うち「重大な事態」に該当"),
            c.serious,
        ));
    };
    let title = "特定個人情報の漏えい事案等の報告の受付";
    leaks(&mut rows, title, &m.leak_reports.total);
    for (group, counts) in [
        ("行政機関等", &m.leak_reports.by_group.national),
        ("地方公共団体", &m.leak_reports.by_group.local),
        ("事業者", &m.leak_reports.by_group.business),
    ] {
        leaks(&mut rows, &format!("{title}（内訳）{group}"), counts);
    }
    let inspections = &m.onsite_inspections;
    rows.push(row(my_number, "立入検査の実施", inspections.total));
    for (group, count) in [
        ("行政機関等", inspections.by_group.national),
        ("地方公共団体", inspections.by_group.local),
        ("事業者", inspections.by_group.business),
    ] {
        rows.push(row(
            my_number,
            format!("立入検査の実施（内訳）{group}"),
            count,
        ));
    }
    rows.extend([
        row(my_number, "指導・助言等", m.guidance),
        row(my_number, "勧告", m.recommendations),
        row(my_number, "命令", m.orders),
        row(my_number, "緊急命令", m.emergency_orders),
    ]);
    rows
}

/// The hotline summary's rows: the period's counts, the daily averages and 四半期換算 for all
/// desks, then each desk's counts, its categories (by `labels`, code → Japanese) and mediations.
pub fn hotline_rows(
    summary: &super::HotlineSummary,
    labels: &std::collections::HashMap<String, String>,
) -> Vec<PeopleRow> {
    let classes = |rows: &mut Vec<PeopleRow>, desk: &str, prefix: &str, c: &super::ClassCounts| {
        for (class, n) in [
            ("総計", c.all),
            ("苦情", c.complaint),
            ("質問", c.question),
            ("その他", c.other),
        ] {
            rows.push(row(desk, format!("{prefix}{class}"), n));
        }
    };
    let total = "総合的な案内所等";
    let mut rows = Vec::new();
    classes(&mut rows, total, "", &summary.total);
    classes(&mut rows, total, "１日平均：", &summary.daily_average);
    rows.push(row(total, "受付日数", summary.working_days));
    classes(
        &mut rows,
        total,
        "前年度の四半期換算：",
        &summary.previous_fy_quarterly,
    );
    for (desk, d) in [
        (
            "個人情報保護法相談ダイヤル（民間部門）",
            &summary.desks.private,
        ),
        (
            "個人情報保護法相談ダイヤル（公的部門）",
            &summary.desks.public,
        ),
        ("マイナンバー苦情あっせん相談窓口", &summary.desks.my_number),
    ] {
        classes(&mut rows, desk, "", &d.counts);
        classes(
            &mut rows,
            desk,
            "前年度の四半期換算：",
            &d.previous_fy_quarterly,
        );
        for (class, name) in [("complaint", "苦情"), ("question", "質問")] {
            for (code, n) in d.categories.get(class).into_iter().flatten() {
                let label = labels.get(code).map_or(code.as_str(), String::as_str);
                rows.push(row(desk, format!("{name}の類型：{label}"), n));
            }
        }
        rows.push(row(desk, "苦情あっせんの申出", d.mediation_applications));
        rows.push(row(desk, "あっせんの開始", d.mediations_started));
    }
    rows
}

/// The indicators' rows: shares with their count, base and rate; days as median and p90; the
/// counts by cause, entity group and prefecture in Japanese; overdue now. No value is blank.
pub fn indicator_rows(i: &crate::domain::indicators::Indicators) -> Vec<PeopleRow> {
    let optional = |value: Option<String>| value.unwrap_or_else(|| "－".into());
    let mut rows = vec![row("対象の事態", "件数", i.incidents)];
    for (name, share) in [
        ("速報の期限内提出", &i.preliminary_on_time),
        ("確報の期限内提出", &i.final_on_time),
    ] {
        rows.push(row(name, "期限内", share.count));
        rows.push(row(name, "対象", share.of));
        rows.push(row(
            name,
            "割合",
            optional(share.rate.map(|r| format!("{r:.3}"))),
        ));
    }
    for (name, spread) in [
        ("認識から速報までの日数", &i.days_to_preliminary),
        ("認識から確報までの日数", &i.days_to_final),
    ] {
        rows.push(row(
            name,
            "中央値",
            optional(spread.median.map(|m| m.to_string())),
        ));
        rows.push(row(
            name,
            "90パーセンタイル",
            optional(spread.p90.map(|p| p.to_string())),
        ));
    }
    let [causes, groups, prefectures] = labelled_counts(i);
    for (name, counts) in [
        ("原因別", causes),
        ("主体の区分別", groups),
        ("都道府県別", prefectures),
    ] {
        for (label, n) in counts {
            rows.push(row(name, label, n));
        }
    }
    rows.push(row("確報の提出期限超過（現在）", "件数", i.overdue_now));
    rows
}

/// The indicators' counts by cause, entity group and prefecture, each with its Japanese label,
/// the most counted first (ties by label).
pub fn labelled_counts(i: &crate::domain::indicators::Indicators) -> [Vec<(String, u64)>; 3] {
    use crate::domain::organization::EntityGroup;
    use crate::domain::report::Cause;
    fn ranked<'a>(
        counts: &'a std::collections::BTreeMap<String, u64>,
        label: impl Fn(&'a str) -> &'a str,
    ) -> Vec<(String, u64)> {
        let mut rows: Vec<(String, u64)> = counts
            .iter()
            .map(|(code, n)| (label(code).to_owned(), *n))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        rows
    }
    [
        ranked(&i.by_cause, |code| {
            Cause::parse(code).map_or(code, |c| c.label_ja())
        }),
        ranked(&i.by_group, |code| {
            EntityGroup::parse(code).map_or(code, |g| g.label_ja())
        }),
        ranked(&i.by_prefecture, |name| name),
    ]
}

/// The half-year report's rows, in the order of the page (seed 001's sections), each desk table
/// row by row with its leading categories, then the supervision tables.
pub fn report_rows(report: &super::ActivityReport) -> Vec<PeopleRow> {
    let r = &report.registers;
    let o = &report.outreach;
    let m = &report.my_number;
    let appi = "Ⅰ 個人情報保護法に関する事務";
    let my_number = "Ⅱ マイナンバー法に関する事務";
    let mut rows = vec![
        row(appi, "ヒアリング（団体）", report.hearings.bodies),
        row(appi, "ヒアリング（名）", report.hearings.persons),
        row(appi, "認定個人情報保護団体（団体）", r.accredited_bodies),
        row(appi, "認定の取消し（団体）", r.accreditations_revoked),
        row(appi, "オプトアウト手続の届出（件）", r.optout_notifications),
        row(appi, "講師派遣（回）", o.appi_lectures.events),
        row(appi, "講師派遣の参加者（名）", o.appi_lectures.participants),
        row(
            appi,
            "匿名加工情報の作成等を公表した事業者（社）",
            r.anonymised_publishers,
        ),
        row(
            appi,
            "他法令に基づく協議（件）",
            report.other_laws.consultations,
        ),
        row(
            appi,
            "他法令に基づく認定（件）",
            report.other_laws.certifications,
        ),
    ];
    for table in &report.hotline {
        let name = format!("{}の受付件数", table.desk);
        for line in &table.rows {
            rows.push(row(&name, line.class.clone(), line.total));
            for category in &table.leading_categories {
                let count = line.by_category.get(category).copied().unwrap_or(0);
                rows.push(row(&name, format!("{}：{category}", line.class), count));
            }
        }
        rows.push(row(&name, "計", table.total.total));
        for category in &table.leading_categories {
            let count = table.total.by_category.get(category).copied().unwrap_or(0);
            rows.push(row(&name, format!("計：{category}"), count));
        }
    }
    rows.extend(activity_rows(&report.supervision));
    for (i, case) in m.serious.iter().enumerate() {
        let estimated = if case.estimated { "（推計）" } else { "" };
        rows.push(row(
            my_number,
            format!(
                "重大な事態 {}（報告 {}）の対象人数{estimated}",
                i + 1,
                case.report_id
            ),
            case.persons_affected,
        ));
    }
    rows.extend([
        row(my_number, "定期的な立入検査（件）", m.inspections.regular),
        row(
            my_number,
            "総合的な立入検査（件）",
            m.inspections.comprehensive,
        ),
        row(my_number, "レビュー検査（件）", m.inspections.review),
        row(
            my_number,
            "レビュー検査の府県",
            m.inspections.review_prefectures,
        ),
        row(
            my_number,
            "種別のない立入検査（件）",
            m.inspections.unspecified,
        ),
        row(
            my_number,
            "面的な展開を達成した都道府県",
            m.coverage.covered_count,
        ),
        row(my_number, "都道府県の数", m.coverage.of),
        row(
            my_number,
            "第29条の3第2項の報告（機関）",
            m.periodic_reports,
        ),
        row(my_number, "講師派遣（回）", o.my_number_lectures.events),
        row(
            my_number,
            "講師派遣の参加者（名）",
            o.my_number_lectures.participants,
        ),
        row(
            my_number,
            "安全管理措置セミナー（回）",
            o.safety_seminars.events,
        ),
        row(
            my_number,
            "安全管理措置セミナーの対象団体",
            o.safety_seminars.bodies,
        ),
        row(
            my_number,
            "安全管理措置セミナーの参加者（名）",
            o.safety_seminars.participants,
        ),
    ]);
    rows
}

/// The half-year report as a workbook laid out like its tables: a sheet of every figure (as the
/// other summaries' workbooks), then a sheet a desk with its table as printed — 分類, 合計 and the
/// five leading categories as columns, the total row, the notes. The same report is the same
/// bytes.
pub fn report_workbook(
    report: &super::ActivityReport,
    title: &str,
) -> Result<Vec<u8>, crate::error::AppError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};
    let failed =
        |e: rust_xlsxwriter::XlsxError| crate::error::AppError::internal(format!("xlsx: {e}"));
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).map_err(failed)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let bold = Format::new().set_bold();
    let heading = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_background_color("F2F2F2")
        .set_text_wrap();
    let count = Format::new().set_num_format("#,##0");

    let sheet = book.add_worksheet();
    sheet.set_name("活動実績").map_err(failed)?;
    sheet
        .write_string_with_format(0, 0, title, &Format::new().set_bold().set_font_size(14))
        .map_err(failed)?;
    for (column, text) in ["区分", "項目", "件数等"].iter().enumerate() {
        sheet
            .write_string_with_format(2, column as u16, *text, &heading)
            .map_err(failed)?;
    }
    for (i, [section, item, value]) in report_rows(report).iter().enumerate() {
        let at = 3 + i as u32;
        sheet.write_string(at, 0, section).map_err(failed)?;
        sheet.write_string(at, 1, item).map_err(failed)?;
        match value.parse::<f64>() {
            Ok(number) => sheet.write_number_with_format(at, 2, number, &count),
            Err(_) => sheet.write_string(at, 2, value),
        }
        .map_err(failed)?;
    }
    sheet.set_column_width(0, 40).map_err(failed)?;
    sheet.set_column_width(1, 50).map_err(failed)?;
    sheet.set_column_width(2, 14).map_err(failed)?;

    for (n, table) in report.hotline.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet
            .set_name(format!("相談窓口{}", n + 1))
            .map_err(failed)?;
        sheet
            .write_string_with_format(0, 0, format!("{}の受付件数", table.desk), &bold)
            .map_err(failed)?;
        sheet
            .write_string(
                1,
                2,
                "問合せ内容上位５項目（１件の問合せで複数の項目に該当する場合を含む。）",
            )
            .map_err(failed)?;
        sheet
            .write_string_with_format(2, 0, "分類", &heading)
            .map_err(failed)?;
        sheet
            .write_string_with_format(2, 1, "合計", &heading)
            .map_err(failed)?;
        for (i, category) in table.leading_categories.iter().enumerate() {
            sheet
                .write_string_with_format(2, 2 + i as u16, category, &heading)
                .map_err(failed)?;
        }
        let mut at = 3;
        let lines = table
            .rows
            .iter()
            .map(|row| (row.class.as_str(), row.total, &row.by_category))
            .chain(std::iter::once((
                "計",
                table.total.total,
                &table.total.by_category,
            )));
        for (class, total, by_category) in lines {
            sheet.write_string(at, 0, class).map_err(failed)?;
            sheet
                .write_number_with_format(at, 1, total as f64, &count)
                .map_err(failed)?;
            for (i, category) in table.leading_categories.iter().enumerate() {
                let n = by_category.get(category).copied().unwrap_or(0);
                sheet
                    .write_number_with_format(at, 2 + i as u16, n as f64, &count)
                    .map_err(failed)?;
            }
            at += 1;
        }
        for (i, note) in table.notes.iter().enumerate() {
            sheet
                .write_string(
                    at + 1 + i as u32,
                    0,
                    format!("（注{}）{}：{}", i + 1, note.class, note.text),
                )
                .map_err(failed)?;
        }
        sheet.set_column_width(0, 14).map_err(failed)?;
        sheet.set_column_width(1, 10).map_err(failed)?;
        for i in 0..table.leading_categories.len() {
            sheet.set_column_width(2 + i as u16, 16).map_err(failed)?;
        }
    }
    book.save_to_buffer().map_err(failed)
}
