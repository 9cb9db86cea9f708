//! The quarterly trend chart (seed 000's 参考計表) as SVG geometry: stacked bars, one a quarter,
//! one layer a class (苦情・質問・その他) or a regime. Pure arithmetic, drawn by a template; the
//! browser lays out the Japanese text, so nothing here measures glyphs.

/// One layer of the stacks: its name and one value a column.
pub struct Series {
    pub label: String,
    pub values: Vec<u64>,
}

pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// The layer's index: the stylesheet colours `layer-0`, `layer-1` …
    pub layer: usize,
    /// e.g. 苦情 1,865件 (a tooltip and the accessible name of the rectangle).
    pub title: String,
}

pub struct Column {
    /// The centre of the column.
    pub x: u32,
    /// The label under the column, line by line, each with its baseline.
    pub lines: Vec<(u32, String)>,
    /// The total above the stack.
    pub total: String,
    pub total_y: u32,
}

pub struct Tick {
    pub y: u32,
    pub label: String,
}

pub struct LegendItem {
    pub x: u32,
    pub layer: usize,
    pub label: String,
}

pub struct Chart {
    pub width: u32,
    pub height: u32,
    pub plot_left: u32,
    pub plot_right: u32,
    pub baseline: u32,
    pub bars: Vec<Bar>,
    pub columns: Vec<Column>,
    pub ticks: Vec<Tick>,
    pub legend: Vec<LegendItem>,
    pub legend_y: u32,
}

const WIDTH: u32 = 640;
const HEIGHT: u32 = 300;
const LEFT: u32 = 64;
const RIGHT: u32 = 16;
const TOP: u32 = 40;
const BOTTOM: u32 = 52;

/// The smallest of 1, 2, 5 × 10ⁿ at or above `value` (at least 1): the top of the axis.
pub fn nice_ceiling(value: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for factor in [1, 2, 5] {
            if step.saturating_mul(factor) >= value {
                return step.saturating_mul(factor);
            }
        }
        step = step.saturating_mul(10);
    }
}

/// How many equal whole-number steps divide the axis from 0 to `top` (a nice ceiling): 10 in
/// steps of 2, 20 in steps of 5, 50 in steps of 10, and 1, 2 or 5 in steps of 1.
pub fn tick_steps(top: u64) -> u64 {
    let mut leading = top;
    while leading >= 10 {
        leading /= 10;
    }
    match (leading, top >= 10) {
        (1, true) | (5, _) => 5,
        (2, true) => 4,
        (_, _) => top.clamp(1, 5),
    }
}

/// 6,403
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Stacked bars for `columns` (each label given line by line), layers bottom up.
pub fn stacked(columns: &[Vec<String>], series: &[Series]) -> Chart {
    let plot_height = HEIGHT - TOP - BOTTOM;
    let baseline = HEIGHT - BOTTOM;
    let totals: Vec<u64> = (0..columns.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let top = nice_ceiling(totals.iter().copied().max().unwrap_or(0));
    let scale = |value: u64| -> u32 {
        // Rounded to the nearest pixel; `top` is at least 1.
        ((u128::from(value) * u128::from(plot_height) + u128::from(top) / 2) / u128::from(top))
            as u32
    };
    let slot = (WIDTH - LEFT - RIGHT) / columns.len().max(1) as u32;
    let bar_width = slot * 3 / 5;
    let mut bars = Vec::new();
    let mut out_columns = Vec::new();
    for (i, lines) in columns.iter().enumerate() {
        let left = LEFT + slot * i as u32 + (slot - bar_width) / 2;
        let mut running = 0u64;
        for (layer, s) in series.iter().enumerate() {
            let value = s.values.get(i).copied().unwrap_or(0);
            // Each layer spans the scaled running sum, so the stack's height is exactly the
            // scaled total whatever rounding the layers had.
            let bottom = baseline - scale(running);
            running += value;
            let upper = baseline - scale(running);
            if value > 0 {
                bars.push(Bar {
                    x: left,
                    y: upper,
                    width: bar_width,
                    height: bottom - upper,
                    layer,
                    title: format!("{} {}件", s.label, thousands(value)),
                });
            }
        }
        out_columns.push(Column {
            x: left + bar_width / 2,
            lines: lines
                .iter()
                .enumerate()
                .map(|(n, line)| (baseline + 18 + 16 * n as u32, line.clone()))
                .collect(),
            total: format!("{}件", thousands(totals[i])),
            total_y: baseline - scale(totals[i]) - 6,
        });
    }
    let steps = tick_steps(top);
    let ticks = (0..=steps)
        .map(|step| {
            let value = top * step / steps;
            Tick {
                y: baseline - scale(value),
                label: thousands(value),
            }
        })
        .collect();
    // Each legend entry after the one before: a swatch, then its label at the 12px font size
    // (a Japanese character is about one em wide).
    let mut x = LEFT;
    let legend = series
        .iter()
        .enumerate()
        .map(|(layer, s)| {
            let item = LegendItem {
                x,
                layer,
                label: s.label.clone(),
            };
            x += 16 + 12 * s.label.chars().count() as u32 + 20;
            item
        })
        .collect();
    Chart {
        width: WIDTH,
        height: HEIGHT,
        plot_left: LEFT,
        plot_right: WIDTH - RIGHT,
        baseline,
        bars,
        columns: out_columns,
        ticks,
        legend,
        legend_y: 14,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quarters() -> Vec<Vec<String>> {
        ["Q2", "Q3", "Q4", "Q1"]
            .iter()
            .map(|q| vec![(*q).to_owned()])
            .collect()
    }

    /// Seed 000's first table: complaints, questions, other for FY2024-Q2 … FY2025-Q1.
    fn seed_000() -> Vec<Series> {
        vec![
            Series {
                label: "苦情".into(),
                values: vec![2194, 2429, 2294, 2305],
            },
            Series {
                label: "質問".into(),
                values: vec![3659, 3633, 3517, 3621],
            },
            Series {
                label: "その他".into(),
                values: vec![623, 601, 626, 477],
            },
        ]
    }

    #[test]
    fn the_axis_tops_at_a_round_number() {
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(7), 10);
        assert_eq!(nice_ceiling(6663), 10000);
        assert_eq!(nice_ceiling(1865), 2000);
        assert_eq!(nice_ceiling(374), 500);
    }

    #[test]
    fn stacks_are_as_tall_as_their_totals_and_layers_sit_on_each_other() {
        let chart = stacked(&quarters(), &seed_000());
        assert_eq!(chart.bars.len(), 12);
        let plot = chart.baseline - TOP;
        for column in 0..4 {
            let layers: Vec<&Bar> = chart.bars[column * 3..column * 3 + 3].iter().collect();
            assert_eq!(layers[0].y + layers[0].height, chart.baseline);
            assert_eq!(layers[1].y + layers[1].height, layers[0].y);
            assert_eq!(layers[2].y + layers[2].height, layers[1].y);
            let total: u64 = seed_000().iter().map(|s| s.values[column]).sum();
            let expected = (total * u64::from(plot) + 5000) / 10000;
            assert_eq!(u64::from(chart.baseline - layers[2].y), expected);
        }
        assert_eq!(chart.columns[3].total, "6,403件");
        assert_eq!(chart.bars[0].title, "苦情 2,194件");
    }

    #[test]
    fn an_empty_period_draws_no_bars_but_an_axis() {
        let series = vec![Series {
            label: "苦情".into(),
            values: vec![0, 0, 0, 0],
        }];
        let chart = stacked(&quarters(), &series);
        assert!(chart.bars.is_empty());
        assert_eq!(chart.ticks.len(), 2);
        assert_eq!(chart.columns[0].total, "0件");
    }

    #[test]
    fn ticks_fall_on_whole_round_numbers() {
        let labels = |top: u64| -> Vec<u64> {
            let steps = tick_steps(top);
            (0..=steps).map(|s| top * s / steps).collect()
        };
        assert_eq!(labels(10), [0, 2, 4, 6, 8, 10]);
        assert_eq!(labels(20), [0, 5, 10, 15, 20]);
        assert_eq!(labels(50), [0, 10, 20, 30, 40, 50]);
        assert_eq!(labels(10000), [0, 2000, 4000, 6000, 8000, 10000]);
        assert_eq!(labels(5), [0, 1, 2, 3, 4, 5]);
        assert_eq!(labels(2), [0, 1, 2]);
        assert_eq!(labels(1), [0, 1]);
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(549), "549");
        assert_eq!(thousands(6403), "6,403");
        assert_eq!(thousands(5_000_000), "5,000,000");
    }
}
