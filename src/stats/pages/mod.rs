//! The statistics pages: the half-year supervision summary laid out like seed 001's two tables,
//! and the quarterly hotline summary laid out like seed 000's, each with the quarterly trend as
//! an SVG chart and a CSV download. The figures are the API's: published ones once published.

pub mod public;
pub mod report;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use std::collections::HashMap;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::indicators::{Share, Spread};
use crate::domain::labels::{fiscal_year_ja, number_ja, period_name_ja};
use crate::domain::periods::{Period, fiscal_year_of};
use crate::error::{AppError, FieldErrors, Missing};
use crate::stats::commands::{self, Served, publish, served};
use crate::stats::publish::{Figures, Kind, Publication};
use crate::stats::render;
use crate::stats::{ActivitySummary, ClassCounts, DeskSummary, HotlineSummary, IndicatorsAnswer};
use crate::web::chart::{self, Chart, Series, thousands};
use crate::web::layout::Chrome;
use crate::web::lists::{Download, csv_download, people_csv, summary_workbook, xlsx_download};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, see_other};

/// A count however a template holds it (by value, or by reference in a loop).
trait Count {
    fn count(&self) -> u64;
}

impl Count for u64 {
    fn count(&self) -> u64 {
        *self
    }
}

impl<T: Count + ?Sized> Count for &T {
    fn count(&self) -> u64 {
        (**self).count()
    }
}

pub(super) fn parse_period(text: &str) -> Result<Period, AppError> {
    Period::parse(text).map_err(|e| FieldErrors::single("period", e.refusal()))
}

/// A quarter's label under its column: 令和６年度 / 第２四半期.
fn quarter_lines(period: Period) -> Vec<String> {
    match period {
        Period::Quarter(year, q) => vec![
            fiscal_year_ja(year),
            format!("第{}四半期", number_ja(i64::from(q))),
        ],
        other => vec![period_name_ja(other)],
    }
}

/// The publication line under a title: 公表済み（日時）, or 速報値 (not yet published).
fn publication_ja(publication: Option<&Publication>) -> String {
    match publication {
        Some(p) => format!(
            "{} 公表の数値（公表後の変更は反映していません）",
            p.published_at.format("%Y-%m-%d")
        ),
        None => "未公表（現在のデータによる集計）".into(),
    }
}

/// The period in a statistics page's path, as the document describes it.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Path)]
pub struct PeriodPath {
    /// A named period: `FY2019-H1`, `FY2025-Q1`, `FY2024` …
    #[param(format = "period")]
    pub period: String,
}

#[derive(Deserialize)]
pub struct IndexQuery {
    kind: Option<String>,
    period: Option<String>,
}

#[derive(Template)]
#[template(path = "stats/stats_index.html")]
struct IndexPage {
    chrome: Chrome,
    halves: Vec<(String, String)>,
    quarters: Vec<(String, String)>,
    period: String,
    error: Option<String>,
}

/// The choice of a period, and links to the latest ones; `?kind=&period=` goes to the page.
#[utoipa::path(get, path = "/stats", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats")]
pub async fn index(
    user: WebUser<StaffOnly>,
    query: web::Query<IndexQuery>,
) -> Result<HttpResponse, WebError> {
    let mut error = None;
    if let (Some(kind), Some(text)) = (query.kind.as_deref(), query.period.as_deref()) {
        let kind = match kind {
            "activity" | "consultations" | "activity-report" => kind,
            _ => "activity",
        };
        match Period::parse(text.trim()) {
            Ok(period) => return Ok(see_other(&format!("/stats/{kind}/{}", period.id()))),
            Err(e) => error = Some(e.refusal().ja()),
        }
    }
    let year = fiscal_year_of(today());
    let halves = (0..4)
        .map(|i| {
            let p = Period::Half(year - (i + 1) / 2, if i % 2 == 0 { 1 } else { 2 });
            (p.id(), period_name_ja(p))
        })
        .collect();
    let quarters = Period::range(today(), today())
        .map(|p| p.trend_quarters())
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|p| (p.id(), period_name_ja(p)))
        .collect();
    page(
        if error.is_some() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &IndexPage {
            chrome: user.chrome("統計"),
            halves,
            quarters,
            period: query.period.clone().unwrap_or_default(),
            error,
        },
    )
}

#[derive(Template)]
#[template(path = "stats/stats_activity.html")]
pub(super) struct ActivityPage {
    chrome: Chrome,
    /// The list of periods: `/stats` or `/public/stats`.
    periods: &'static str,
    /// Staff only: the period's indicators.
    indicators: Option<IndicatorsSection>,
    summary: ActivitySummary,
    publication: String,
    csv: String,
    xlsx: String,
    chart: Chart,
    chart_title: String,
    trend: Vec<(String, [u64; 3])>,
    leak_total: String,
    leak_groups: Vec<String>,
    inspection_breakdown: String,
    publishing: Publishing,
    /// Staff only: what other capabilities count of the period (the registers as of its end).
    sections: Vec<String>,
}

impl ActivityPage {
    fn n(&self, value: impl Count) -> String {
        thousands(value.count())
    }
}

/// The supervision summary of a period, like seed 001's tables.
#[utoipa::path(get, path = "/stats/activity/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/activity/{period}")]
pub async fn activity(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<crate::web::parts::PageParts>,
    period: web::Path<PeriodPath>,
    query: web::Query<PublishedQuery>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    let (first, last) = period.bounds();
    let sections = db
        .read(move |conn| parts.statistics(conn, first, last))
        .await?;
    activity_answer(&user, &db, period, Mode::from(&query), sections).await
}

/// Who a statistics page is shown to: staff (the figures as served, publishing, indicators) or
/// the public (the frozen published figures only, the same bytes for everyone).
pub(super) enum Audience<'a> {
    Staff(&'a WebUser<StaffOnly>, Mode),
    Public,
}

impl Audience<'_> {
    fn chrome(&self, title: String) -> Chrome {
        match self {
            Self::Staff(user, mode) => user.chrome(title).with_notice(mode.notice()),
            Self::Public => Chrome::public(title),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Staff(_, mode) => mode.status(),
            Self::Public => StatusCode::OK,
        }
    }

    /// Where the page's list of periods and its downloads live.
    fn base(&self) -> &'static str {
        match self {
            Self::Staff(..) => "/stats",
            Self::Public => "/public/stats",
        }
    }
}

/// What a statistics page shows: its figures, the trend's columns (oldest first, the page's own
/// period last for the public; the four quarters ending with it for staff), and its publication.
struct Gathered {
    main: Figures,
    trend: Vec<(Period, Figures)>,
    publication: String,
    publishing: Publishing,
}

async fn gather(
    db: &Db,
    kind: Kind,
    period: Period,
    audience: &Audience<'_>,
) -> Result<Gathered, WebError> {
    match audience {
        Audience::Staff(user, mode) => {
            let main = served(db, kind, period, mode.confirming()).await?;
            let mut trend = Vec::new();
            for quarter in period.trend_quarters() {
                // The period itself, when it is a quarter, is counted already.
                let figures = if quarter == period {
                    main.figures.clone()
                } else {
                    served(db, kind, quarter, false).await?.figures
                };
                trend.push((quarter, figures));
            }
            Ok(Gathered {
                publication: publication_ja(main.publication.as_ref()),
                publishing: Publishing::new(user, kind, period, &main, mode),
                main: main.figures,
                trend,
            })
        }
        Audience::Public => {
            let trend: Vec<(Period, Figures, String)> =
                commands::published(db, kind, period, PUBLIC_TREND)
                    .await?
                    .into_iter()
                    .map(|p| {
                        let day = p.published_at.format("%Y-%m-%d").to_string();
                        (p.period, p.figures, day)
                    })
                    .collect();
            let (main, day) = trend
                .last()
                .map(|(_, figures, day)| (figures.clone(), day.clone()))
                .ok_or(AppError::NotFound(Missing::Statistics))?;
            Ok(Gathered {
                main,
                publication: format!("{day} 公表"),
                publishing: Publishing::none(),
                trend: trend
                    .into_iter()
                    .map(|(p, figures, _)| (p, figures))
                    .collect(),
            })
        }
    }
}

/// How many published periods the public pages' trend shows, the page's own included.
const PUBLIC_TREND: usize = 4;

pub(super) async fn activity_view(
    db: &Db,
    period: Period,
    audience: &Audience<'_>,
    sections: Vec<String>,
) -> Result<(StatusCode, ActivityPage), WebError> {
    let gathered = gather(db, Kind::Activity, period, audience).await?;
    let summary: ActivitySummary = gathered.main.activity()?;
    let mut columns = Vec::new();
    let mut layers = [Vec::new(), Vec::new(), Vec::new()];
    let mut trend = Vec::new();
    for (column, figures) in gathered.trend {
        let figures: ActivitySummary = figures.activity()?;
        let counts = [
            figures.appi.leak_reports,
            figures.appi_public.leak_reports,
            figures.my_number.leak_reports.total.reports,
        ];
        for (layer, count) in layers.iter_mut().zip(counts) {
            layer.push(count);
        }
        trend.push((period_name_ja(column), counts));
        columns.push(quarter_lines(column));
    }
    let series: Vec<Series> = [
        "個人情報保護法（民間部門）",
        "個人情報保護法（公的部門）",
        "番号利用法",
    ]
    .iter()
    .zip(layers)
    .map(|(label, values)| Series {
        label: (*label).to_owned(),
        values,
    })
    .collect();
    let indicators = match audience {
        Audience::Staff(..) => Some(IndicatorsSection::new(
            commands::indicators(db, period, today()).await?,
        )),
        Audience::Public => None,
    };
    let base = audience.base();
    let view = ActivityPage {
        sections,
        chrome: audience.chrome(format!("監督に係る処理状況 {}", summary.period.label_ja)),
        publication: gathered.publication,
        publishing: gathered.publishing,
        csv: format!("{base}/activity/{}/csv", period.id()),
        xlsx: format!("{base}/activity/{}/xlsx", period.id()),
        periods: base,
        chart: chart::stacked(&columns, &series),
        chart_title: match audience {
            Audience::Staff(..) => "漏えい等報告の受付件数の推移（四半期別・法令別）",
            Audience::Public => "漏えい等報告の受付件数の推移（公表期間別・法令別）",
        }
        .into(),
        trend,
        leak_total: render::leak_total_ja(&summary.my_number.leak_reports.total),
        leak_groups: [
            (
                "行政機関等",
                &summary.my_number.leak_reports.by_group.national,
            ),
            (
                "地方公共団体",
                &summary.my_number.leak_reports.by_group.local,
            ),
            ("事業者", &summary.my_number.leak_reports.by_group.business),
        ]
        .into_iter()
        .map(|(name, counts)| render::leak_group_ja(name, counts))
        .collect(),
        inspection_breakdown: render::inspection_breakdown_ja(
            &summary.my_number.onsite_inspections,
        ),
        indicators,
        summary,
    };
    Ok((audience.status(), view))
}

/// The staff's page of a period; `sections` are what other capabilities count of it (none on
/// the confirmation of a publication: they are not part of the published figures).
async fn activity_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    period: Period,
    mode: Mode,
    sections: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let (status, view) = activity_view(db, period, &Audience::Staff(user, mode), sections).await?;
    page(status, &view)
}

/// A summary as a download for people: CSV, one row a figure of the page's tables with its
/// period (`lists::people_csv`), or a workbook laid out like the printed page, counts as numbers
/// (`lists::summary_workbook`). The answer, and its body.
pub(super) async fn summary_download(
    db: &Db,
    period: Period,
    figures: &Figures,
    format: Download,
) -> Result<(actix_web::HttpResponseBuilder, Vec<u8>), WebError> {
    let kind = figures.kind();
    let rows = match figures {
        Figures::Activity(summary) => render::activity_rows(summary),
        Figures::Consultations(summary) => {
            render::hotline_rows(summary, &category_labels(db, period).await?)
        }
        Figures::Report(report) => render::report_rows(report),
    };
    let name = period_name_ja(period);
    let (sheet, title, table, item) = match kind {
        Kind::Activity => ("監督", "監督に係る処理状況", "表", "対応事項"),
        Kind::Consultations => ("相談", "相談等の受付状況", "窓口", "項目"),
        Kind::Report => ("活動実績", "活動実績", "区分", "項目"),
    };
    let file = csv_name(kind, period);
    Ok(match format {
        Download::Csv => (
            csv_download(&file),
            people_csv(
                &["期間", table, item, "件数"],
                rows.iter()
                    .map(|[table, item, value]| [name.as_str(), table, item, value]),
            )?,
        ),
        Download::Xlsx => (
            xlsx_download(&file),
            match figures {
                Figures::Report(report) => {
                    render::report_workbook(report, &format!("{name}における活動実績"))?
                }
                _ => summary_workbook(sheet, &format!("{title} {name}"), [item, "件数"], &rows)?,
            },
        ),
    })
}

async fn staff_download(
    db: &Db,
    kind: Kind,
    period: &str,
    format: Download,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(period)?;
    let served = served(db, kind, period, false).await?;
    let (mut answer, body) = summary_download(db, period, &served.figures, format).await?;
    Ok(answer.body(body))
}

/// The supervision summary as an Excel workbook laid out like the printed page.
#[utoipa::path(get, path = "/stats/activity/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the page's tables, counts as numbers"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/activity/{period}/xlsx")]
pub async fn activity_xlsx(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    staff_download(&db, Kind::Activity, &period.period, Download::Xlsx).await
}

/// The hotline summary as an Excel workbook laid out like the printed page.
#[utoipa::path(get, path = "/stats/consultations/{period}/xlsx", tag = "pages", params(PeriodPath), responses((status = 200, description = "an Excel workbook (application/vnd.openxmlformats-officedocument.spreadsheetml.sheet): the page's tables by desk, counts as numbers"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/consultations/{period}/xlsx")]
pub async fn consultations_xlsx(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    staff_download(&db, Kind::Consultations, &period.period, Download::Xlsx).await
}

/// The file name of a summary's download: `activity-FY2019-H1`.
pub(super) fn csv_name(kind: Kind, period: Period) -> String {
    format!("{}-{}", render::kind_name(kind), period.id())
}

/// The supervision summary as CSV for people (UTF-8 with a BOM, CRLF, Japanese headings).
#[utoipa::path(get, path = "/stats/activity/{period}/csv", tag = "pages", params(PeriodPath), responses((status = 200, description = "CSV for people (text/csv): 期間, 表, 対応事項, 件数"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/activity/{period}/csv")]
pub async fn activity_csv(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    staff_download(&db, Kind::Activity, &period.period, Download::Csv).await
}

/// The period's indicators as CSV for people: 期間, 指標, 区分, 値.
#[utoipa::path(get, path = "/stats/activity/{period}/indicators/csv", tag = "pages", params(PeriodPath), responses((status = 200, description = "CSV for people (text/csv): 期間, 指標, 区分, 値"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/activity/{period}/indicators/csv")]
pub async fn indicators_csv(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    let answer = commands::indicators(&db, period, today()).await?;
    let name = period_name_ja(period);
    let rows = render::indicator_rows(&answer.indicators);
    let body = people_csv(
        &["期間", "指標", "区分", "値"],
        rows.iter()
            .map(|[table, item, value]| [name.as_str(), table, item, value]),
    )?;
    Ok(csv_download(&format!("indicators-{}", period.id())).body(body))
}

/// The indicators section of the staff's supervision page: tables and a chart of the causes.
pub(super) struct IndicatorsSection {
    as_of: String,
    csv: String,
    incidents: String,
    /// 速報・確報: on time, of, rate (percent).
    shares: Vec<(&'static str, String, String, String)>,
    /// Days to the preliminary and the final report: median, p90.
    spreads: Vec<(&'static str, String, String)>,
    causes: Vec<(String, String)>,
    groups: Vec<(String, String)>,
    prefectures: Vec<(String, String)>,
    overdue_now: String,
    chart: Chart,
}

impl IndicatorsSection {
    fn new(answer: IndicatorsAnswer) -> Self {
        let i = &answer.indicators;
        let none = || "－".to_owned();
        let share = |label, s: &Share| {
            (
                label,
                thousands(s.count),
                thousands(s.of),
                s.rate.map_or_else(none, |r| format!("{:.1}%", r * 100.0)),
            )
        };
        let spread = |label, s: &Spread| {
            (
                label,
                s.median.map_or_else(none, |m| format!("{m}日")),
                s.p90.map_or_else(none, |p| format!("{p}日")),
            )
        };
        let [causes, groups, prefectures] = render::labelled_counts(i);
        // The chart: the causes, most first; beyond the sixth, together.
        let mut shown: Vec<(String, u64)> = causes.iter().take(6).cloned().collect();
        let rest: u64 = causes.iter().skip(6).map(|(_, n)| n).sum();
        if rest > 0 {
            shown.push(("その他の原因".into(), rest));
        }
        let columns: Vec<Vec<String>> = shown
            .iter()
            .map(|(label, _)| match label.split_once('（') {
                Some((head, tail)) => vec![head.to_owned(), format!("（{tail}")],
                None => vec![label.clone()],
            })
            .collect();
        let chart = chart::stacked(
            &columns,
            &[Series {
                label: "事態の件数".into(),
                values: shown.iter().map(|(_, n)| *n).collect(),
            }],
        );
        let counted = |rows: Vec<(String, u64)>| {
            rows.into_iter()
                .map(|(label, n)| (label, format!("{}件", thousands(n))))
                .collect()
        };
        Self {
            as_of: answer.as_of.format("%Y-%m-%d").to_string(),
            csv: format!("/stats/activity/{}/indicators/csv", answer.period.id),
            incidents: thousands(i.incidents),
            shares: vec![
                share("速報（認識から５日以内）", &i.preliminary_on_time),
                share("確報（期限内）", &i.final_on_time),
            ],
            spreads: vec![
                spread("速報", &i.days_to_preliminary),
                spread("確報", &i.days_to_final),
            ],
            causes: counted(causes),
            groups: counted(groups),
            prefectures: counted(prefectures),
            overdue_now: thousands(i.overdue_now),
            chart,
        }
    }
}

/// One desk's (or all desks') quarterly table and chart.
struct DeskSection {
    /// The chart's element id.
    key: &'static str,
    number: &'static str,
    title: &'static str,
    /// 総計, 苦情, 質問, その他 rows: a count per quarter, then 四半期換算.
    rows: Vec<(&'static str, Vec<String>)>,
    chart: Chart,
    /// The categories of complaints (and questions) this period, most first.
    categories: Vec<(&'static str, Vec<(String, u64)>)>,
    mediation: Option<(u64, u64)>,
}

#[derive(Template)]
#[template(path = "stats/stats_consultations.html")]
pub(super) struct ConsultationsPage {
    chrome: Chrome,
    periods: &'static str,
    summary: HotlineSummary,
    publication: String,
    csv: String,
    xlsx: String,
    quarter_labels: Vec<String>,
    previous_year_label: String,
    sections: Vec<DeskSection>,
    publishing: Publishing,
}

impl ConsultationsPage {
    fn n(&self, value: impl Count) -> String {
        thousands(value.count())
    }
}

fn class_rows(
    per_quarter: &[ClassCounts],
    previous: ClassCounts,
) -> Vec<(&'static str, Vec<String>)> {
    let row = |label: &'static str, pick: fn(&ClassCounts) -> u64| {
        let mut cells: Vec<String> = per_quarter
            .iter()
            .map(|c| format!("{}件", thousands(pick(c))))
            .collect();
        cells.push(format!("{}件", thousands(pick(&previous))));
        (label, cells)
    };
    vec![
        row("総計", |c| c.all),
        row("苦情件数", |c| c.complaint),
        row("質問件数", |c| c.question),
        row("その他の件数", |c| c.other),
    ]
}

fn class_chart(columns: &[Vec<String>], per_quarter: &[ClassCounts]) -> Chart {
    let layer = |label: &str, pick: fn(&ClassCounts) -> u64| Series {
        label: label.to_owned(),
        values: per_quarter.iter().map(pick).collect(),
    };
    chart::stacked(
        columns,
        &[
            layer("苦情", |c| c.complaint),
            layer("質問", |c| c.question),
            layer("その他", |c| c.other),
        ],
    )
}

/// A desk's categories of one class, most counted first, with their Japanese labels.
fn ranked(desk: &DeskSummary, class: &str, labels: &HashMap<String, String>) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = desk
        .categories
        .get(class)
        .map(|by_code| {
            by_code
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(code, n)| {
                    (
                        labels.get(code).cloned().unwrap_or_else(|| code.clone()),
                        *n,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    rows
}

/// The hotline summary of a period, like seed 000's tables.
#[utoipa::path(get, path = "/stats/consultations/{period}", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/consultations/{period}")]
pub async fn consultations(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    query: web::Query<PublishedQuery>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    consultations_answer(&user, &db, period, Mode::from(&query)).await
}

pub(super) async fn consultations_view(
    db: &Db,
    period: Period,
    audience: &Audience<'_>,
) -> Result<(StatusCode, ConsultationsPage), WebError> {
    let gathered = gather(db, Kind::Consultations, period, audience).await?;
    let summary: HotlineSummary = gathered.main.hotline()?;
    let mut quarters = Vec::new();
    let mut trend: Vec<HotlineSummary> = Vec::new();
    for (column, figures) in gathered.trend {
        quarters.push(column);
        trend.push(figures.hotline()?);
    }
    let labels = category_labels(db, period).await?;
    let columns: Vec<Vec<String>> = quarters.iter().map(|q| quarter_lines(*q)).collect();
    let section = |key,
                   number,
                   title,
                   pick: fn(&HotlineSummary) -> ClassCounts,
                   desk: Option<&DeskSummary>| {
        let per_quarter: Vec<ClassCounts> = trend.iter().map(pick).collect();
        DeskSection {
            key,
            number,
            title,
            rows: class_rows(
                &per_quarter,
                match desk {
                    Some(d) => d.previous_fy_quarterly,
                    None => summary.previous_fy_quarterly,
                },
            ),
            chart: class_chart(&columns, &per_quarter),
            categories: desk
                .map(|d| {
                    vec![
                        ("苦情", ranked(d, "complaint", &labels)),
                        ("質問", ranked(d, "question", &labels)),
                    ]
                })
                .unwrap_or_default(),
            mediation: desk.map(|d| (d.mediation_applications, d.mediations_started)),
        }
    };
    let sections = vec![
        section("chart-total", "１", "総合的な案内所等", |s| s.total, None),
        section(
            "chart-private",
            "２",
            "個人情報保護法相談ダイヤル（民間部門）",
            |s| s.desks.private.counts,
            Some(&summary.desks.private),
        ),
        section(
            "chart-public",
            "３",
            "個人情報保護法相談ダイヤル（公的部門）",
            |s| s.desks.public.counts,
            Some(&summary.desks.public),
        ),
        section(
            "chart-my-number",
            "４",
            "マイナンバー苦情あっせん相談窓口",
            |s| s.desks.my_number.counts,
            Some(&summary.desks.my_number),
        ),
    ];
    let previous_year = period.previous_fiscal_year();
    let base = audience.base();
    let view = ConsultationsPage {
        chrome: audience.chrome(format!("相談等の受付状況 {}", summary.period.label_ja)),
        publication: gathered.publication,
        publishing: gathered.publishing,
        csv: format!("{base}/consultations/{}/csv", period.id()),
        xlsx: format!("{base}/consultations/{}/xlsx", period.id()),
        periods: base,
        quarter_labels: quarters.iter().map(|q| period_name_ja(*q)).collect(),
        previous_year_label: format!("（参考）{}（四半期換算）", period_name_ja(previous_year)),
        sections,
        summary,
    };
    Ok((audience.status(), view))
}

/// The hotline categories' Japanese labels by code.
async fn category_labels(db: &Db, period: Period) -> Result<HashMap<String, String>, WebError> {
    Ok(db
        .read(move |conn| crate::stats::store::category_labels(conn, period))
        .await?)
}

async fn consultations_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    period: Period,
    mode: Mode,
) -> Result<HttpResponse, WebError> {
    let (status, view) = consultations_view(db, period, &Audience::Staff(user, mode)).await?;
    page(status, &view)
}

/// The hotline summary as CSV for people (UTF-8 with a BOM, CRLF, Japanese headings).
#[utoipa::path(get, path = "/stats/consultations/{period}/csv", tag = "pages", params(PeriodPath), responses((status = 200, description = "CSV for people (text/csv): 期間, 窓口, 項目, 件数"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/consultations/{period}/csv")]
pub async fn consultations_csv(
    _user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    staff_download(&db, Kind::Consultations, &period.period, Download::Csv).await
}

#[derive(Debug, Default, Deserialize)]
pub struct PublishedQuery {
    published: Option<String>,
}

/// How a statistics page is shown: as it is, or as the confirmation of its publication (the
/// figures computed now, which publishing will freeze), perhaps refused.
pub(super) enum Mode {
    View { published: bool },
    Confirm { problem: Option<String> },
}

impl Mode {
    fn from(query: &PublishedQuery) -> Self {
        Self::View {
            published: query.published.is_some(),
        }
    }

    fn confirming(&self) -> bool {
        matches!(self, Self::Confirm { .. })
    }

    fn status(&self) -> StatusCode {
        match self {
            Self::Confirm { problem: Some(_) } => StatusCode::CONFLICT,
            _ => StatusCode::OK,
        }
    }

    fn notice(&self) -> Option<String> {
        matches!(self, Self::View { published: true }).then(|| {
            "この期間の数値を公表しました。以後の入力・変更は公表値に反映されません。".to_owned()
        })
    }
}

/// The publication part of a statistics page: the link that asks to publish, the confirmation
/// form, and the figures that changed since publication (published and current side by side).
struct Publishing {
    link: Option<String>,
    confirm: Option<String>,
    cancel: String,
    csrf: String,
    problem: Option<String>,
    differences: Vec<(String, String, String)>,
}

impl Publishing {
    /// Nothing to publish or compare: the public pages.
    fn none() -> Self {
        Self {
            link: None,
            confirm: None,
            cancel: String::new(),
            csrf: String::new(),
            problem: None,
            differences: Vec::new(),
        }
    }

    fn new(
        user: &WebUser<StaffOnly>,
        kind: Kind,
        period: Period,
        served: &Served,
        mode: &Mode,
    ) -> Self {
        let base = format!("/stats/{}/{}", kind.as_path(), period.id());
        let published = served.publication.is_some();
        let (link, confirm, problem) = match mode {
            Mode::Confirm { problem } => (None, Some(format!("{base}/publish")), problem.clone()),
            Mode::View { .. } if !published => (Some(format!("{base}/publish")), None, None),
            Mode::View { .. } => (None, None, None),
        };
        Self {
            link,
            confirm,
            cancel: base,
            csrf: user.csrf(),
            problem,
            differences: served
                .differences
                .iter()
                .flatten()
                .map(|d| {
                    (
                        d.path.clone(),
                        d.published.to_string(),
                        d.current.to_string(),
                    )
                })
                .collect(),
        }
    }
}

async fn confirm_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    kind: Kind,
    period: Period,
    problem: Option<String>,
) -> Result<HttpResponse, WebError> {
    let mode = Mode::Confirm { problem };
    match kind {
        Kind::Activity => activity_answer(user, db, period, mode, Vec::new()).await,
        Kind::Consultations => consultations_answer(user, db, period, mode).await,
        Kind::Report => report::report_answer(user, db, period, mode).await,
    }
}

async fn publish_answer(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    kind: Kind,
    period: &str,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let period = parse_period(period)?;
    match publish(&db, user.actor(), kind, period).await {
        Ok(_) => Ok(see_other(&format!(
            "/stats/{}/{}?published=1",
            kind.as_path(),
            period.id()
        ))),
        Err(AppError::Conflict(refusal)) => {
            confirm_answer(&user, &db, kind, period, Some(refusal.ja())).await
        }
        Err(other) => Err(other.into()),
    }
}

/// The confirmation of a period's publication: the figures that publishing will freeze.
#[utoipa::path(get, path = "/stats/activity/{period}/publish", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/activity/{period}/publish")]
pub async fn publish_activity_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    confirm_answer(&user, &db, Kind::Activity, period, None).await
}

/// Publishes a period's supervision summary: its figures are frozen as they are now.
#[utoipa::path(post, path = "/stats/activity/{period}/publish", tag = "pages", params(PeriodPath), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "published: to the period's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "already published: the page with the reason"), (status = 422, description = "not a period")))]
#[post("/stats/activity/{period}/publish")]
pub async fn publish_activity(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    publish_answer(user, db, Kind::Activity, &period.period, form).await
}

/// The confirmation of a period's hotline publication.
#[utoipa::path(get, path = "/stats/consultations/{period}/publish", tag = "pages", params(PeriodPath), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/stats/consultations/{period}/publish")]
pub async fn publish_consultations_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
) -> Result<HttpResponse, WebError> {
    let period = parse_period(&period.period)?;
    confirm_answer(&user, &db, Kind::Consultations, period, None).await
}

/// Publishes a period's hotline summary.
#[utoipa::path(post, path = "/stats/consultations/{period}/publish", tag = "pages", params(PeriodPath), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`"), responses((status = 303, description = "published: to the period's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "already published: the page with the reason"), (status = 422, description = "not a period")))]
#[post("/stats/consultations/{period}/publish")]
pub async fn publish_consultations(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    period: web::Path<PeriodPath>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    publish_answer(user, db, Kind::Consultations, &period.period, form).await
}
