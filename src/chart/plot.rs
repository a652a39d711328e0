//! The one picture every chart is: values over periods, as bars, lines, marked points and vertical
//! lines, with a title, a subtitle, axes, a legend and a source note. The chart functions describe
//! what to draw in a [`Plot`]; [`Plot::render`] lays it out and writes the SVG.
//!
//! Layout works from the outside in: title, subtitle and the unit line at the top, tick labels,
//! legend and note at the bottom, value labels on the left and end labels on the right each get the
//! room their estimated text width needs, and the plot area is what is left. Too little left is an
//! error, not a cramped picture.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::axis::{
    bold_text_width, day_number, format_number, nice_ticks, period_days, period_ticks, text_width,
    tick_decimals, wrap, wrap_bold,
};
use super::options::{Colour, Options};
use super::svg::{Svg, Value};
use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::money::Scale;
use crate::period::Period;

/// The shape drawn at each point of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
}

/// How a line is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stroke {
    pub(crate) colour: Colour,
    /// An SVG `stroke-dasharray`, `None` for solid.
    pub(crate) dash: Option<&'static str>,
    pub(crate) marker: Marker,
}

/// The dash patterns and markers series take in order, so that they differ without colour.
pub(crate) const DASHES: [Option<&str>; 4] = [None, Some("7 4"), Some("2 3"), Some("10 3 2 3")];
/// Markers in the same order as [`DASHES`].
pub(crate) const MARKERS: [Marker; 4] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
];

/// A series drawn as a line through its points, broken where periods are missing.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Name in the legend.
    pub(crate) name: String,
    /// Key written as `data-series`, for tests and for styling.
    pub(crate) key: String,
    pub(crate) stroke: Stroke,
    pub(crate) points: Vec<(Period, Decimal)>,
    /// Text written right of the plot, level with the last point and followed by its value in
    /// the axis' scale ("trend" gives "trend 8.71").
    pub(crate) end_label: Option<String>,
}

/// A series drawn as bars; several bar series share each period's slot side by side.
#[derive(Debug, Clone)]
pub(crate) struct Bars {
    pub(crate) name: String,
    pub(crate) key: String,
    pub(crate) colour: Colour,
    pub(crate) points: Vec<(Period, Decimal)>,
}

/// A shaded range between a low and a high value per period, such as a prediction interval.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    /// Name in the legend.
    pub(crate) name: String,
    /// Key written as `data-series`.
    pub(crate) key: String,
    pub(crate) colour: Colour,
    /// `(period, low, high)`, in period order.
    pub(crate) points: Vec<(Period, Decimal, Decimal)>,
}

/// One marked point, such as a goal.
#[derive(Debug, Clone)]
pub(crate) struct Point {
    pub(crate) name: String,
    pub(crate) key: String,
    pub(crate) colour: Colour,
    pub(crate) marker: Marker,
    pub(crate) period: Period,
    pub(crate) value: Decimal,
    /// Text written right of the plot, level with the point and followed by its value.
    pub(crate) label: Option<String>,
}

/// A vertical line at the start of a period, such as a deadline.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) key: String,
    pub(crate) period: Period,
    pub(crate) label: String,
}

/// Everything a chart shows, before layout.
#[derive(Debug, Clone)]
pub(crate) struct Plot {
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    /// A sentence for screen readers (`<desc>`).
    pub(crate) description: String,
    pub(crate) currency: Currency,
    pub(crate) bars: Vec<Bars>,
    /// Shaded ranges, drawn under the lines.
    pub(crate) bands: Vec<Band>,
    pub(crate) lines: Vec<Line>,
    pub(crate) points: Vec<Point>,
    pub(crate) rules: Vec<Rule>,
    /// Whether the legend lists the bars before the lines (the bars are the data) or after them
    /// (the bars show a difference between lines).
    pub(crate) bars_first: bool,
}

const TEXT: &str = "#222222";
const GRID: &str = "#d9d9d9";
const AXIS: &str = "#4d4d4d";
/// White outline behind text drawn over the plot, so that lines crossing it do not hide it.
const HALO: [(&str, &str); 4] = [
    ("paint-order", "stroke"),
    ("stroke", "#ffffff"),
    ("stroke-width", "3"),
    ("stroke-linejoin", "round"),
];

/// The plot area and the mappings from data to pixels.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    day0: f64,
    day1: f64,
    value0: f64,
    value1: f64,
}

impl Frame {
    fn x(&self, period: Period) -> f64 {
        self.left + (day_number(period) - self.day0) / (self.day1 - self.day0) * self.width()
    }

    fn y(&self, value: Decimal) -> f64 {
        let v = value.to_f64().unwrap_or(0.0);
        self.bottom - (v - self.value0) / (self.value1 - self.value0) * (self.bottom - self.top)
    }

    fn width(&self) -> f64 {
        self.right - self.left
    }

    /// Pixels from one period's start to the next.
    fn period_width(&self, days: f64) -> f64 {
        days / (self.day1 - self.day0) * self.width()
    }
}

/// Font sizes and line heights derived from the base size.
struct Type {
    base: f64,
    title: f64,
    note: f64,
}

impl Type {
    fn new(base: u32) -> Type {
        let base = f64::from(base);
        Type {
            base,
            title: (base * 1.4).round(),
            note: (base * 0.85).round(),
        }
    }
}

/// A legend entry: its swatch and text.
enum Swatch {
    Bar(Colour),
    Band(Colour),
    Line(Stroke),
    Point(Colour, Marker),
}

const MARGIN: f64 = 16.0;
const SWATCH: f64 = 30.0;

impl Plot {
    fn frequency_checked(&self) -> Result<Vec<Period>> {
        let mut periods: Vec<Period> = self
            .bars
            .iter()
            .flat_map(|b| b.points.iter().map(|(p, _)| *p))
            .chain(
                self.lines
                    .iter()
                    .flat_map(|l| l.points.iter().map(|(p, _)| *p)),
            )
            .chain(self.points.iter().map(|p| p.period))
            .chain(self.rules.iter().map(|r| r.period))
            .chain(
                self.bands
                    .iter()
                    .flat_map(|b| b.points.iter().map(|(p, _, _)| *p)),
            )
            .collect();
        if let Some(first) = periods.first().copied() {
            if let Some(other) = periods.iter().find(|p| p.frequency() != first.frequency()) {
                return Err(Error::MixedFrequency {
                    expected: first.frequency(),
                    found: *other,
                });
            }
        }
        periods.sort();
        periods.dedup();
        Ok(periods)
    }

    fn values(&self) -> impl Iterator<Item = Decimal> + '_ {
        self.bars
            .iter()
            .flat_map(|b| b.points.iter().map(|(_, v)| *v))
            .chain(
                self.lines
                    .iter()
                    .flat_map(|l| l.points.iter().map(|(_, v)| *v)),
            )
            .chain(self.points.iter().map(|p| p.value))
            .chain(
                self.bands
                    .iter()
                    .flat_map(|b| b.points.iter().flat_map(|(_, lo, hi)| [*lo, *hi])),
            )
    }

    /// The values drawn at `period` (by lines and points), for placing labels clear of them.
    fn values_at(&self, period: Period) -> Vec<Decimal> {
        self.lines
            .iter()
            .flat_map(|l| l.points.iter())
            .chain(self.bars.iter().flat_map(|b| b.points.iter()))
            .filter(|(p, _)| *p == period)
            .map(|(_, v)| *v)
            .chain(
                self.points
                    .iter()
                    .filter(|p| p.period == period)
                    .map(|p| p.value),
            )
            .collect()
    }

    fn legend(&self) -> Vec<(String, Swatch)> {
        let mut entries: Vec<(String, Swatch)> = Vec::new();
        let bars = self
            .bars
            .iter()
            .map(|b| (b.name.clone(), Swatch::Bar(b.colour)));
        let lines = self
            .lines
            .iter()
            .map(|l| (l.name.clone(), Swatch::Line(l.stroke.clone())));
        if self.bars_first {
            entries.extend(bars);
            entries.extend(lines);
        } else {
            entries.extend(lines);
            entries.extend(bars);
        }
        for b in &self.bands {
            entries.push((b.name.clone(), Swatch::Band(b.colour)));
        }
        for p in &self.points {
            entries.push((p.name.clone(), Swatch::Point(p.colour, p.marker)));
        }
        entries
    }

    /// Lays the plot out and writes it as SVG.
    ///
    /// Errors: [`Error::TooFewValues`] when there is nothing to draw; [`Error::MixedFrequency`];
    /// [`Error::InvalidArgument`] when the size leaves no room for the plot; [`Error::Overflow`]
    /// for values the axis cannot scale.
    pub(crate) fn render(&self, options: &Options) -> Result<String> {
        let periods = self.frequency_checked()?;
        let values: Vec<Decimal> = self.values().collect();
        let (Some(first), Some(last), false) = (
            periods.first().copied(),
            periods.last().copied(),
            values.is_empty(),
        ) else {
            return Err(Error::TooFewValues {
                operation: "a chart",
                needed: 1,
                got: 0,
            });
        };
        let scale = options.scale.unwrap_or_else(|| auto_scale(&values));
        let factor = scale.factor();
        let scaled = |v: Decimal| {
            v.checked_div(factor)
                .ok_or_else(|| Error::overflow("chart axis", format!("{v} / {factor}")))
        };
        let mut low = Decimal::ZERO;
        let mut high = Decimal::ZERO;
        for v in &values {
            let s = scaled(*v)?;
            low = low.min(s);
            high = high.max(s);
        }
        let ticks = nice_ticks(low, high, 5)?;
        let decimals = tick_decimals(&ticks);
        let sep = options.thousands_separator;
        let tick_labels: Vec<String> = ticks
            .iter()
            .map(|t| format_number(*t, decimals, sep))
            .collect();
        let unit = match scale {
            Scale::Units => self.currency.to_string(),
            s => format!("{} {}", s.word(), self.currency),
        };
        // End labels carry at least one decimal ("goal 10.0"), as many as the ticks if more.
        let label_decimals = decimals.max(1);
        let value_label = |prefix: &str, v: Decimal| -> Result<String> {
            Ok(format!(
                "{prefix} {}",
                format_number(scaled(v)?, label_decimals, sep)
            ))
        };

        let width = f64::from(options.width);
        let height = f64::from(options.height);
        let ty = Type::new(options.font_size);
        let inner = width - 2.0 * MARGIN;
        let title = options.title.clone().unwrap_or_else(|| self.title.clone());
        let subtitle = options.subtitle.clone().or_else(|| self.subtitle.clone());
        let title_lines = wrap_bold(&title, ty.title, inner);
        let subtitle_lines = subtitle
            .as_deref()
            .map(|s| wrap(s, ty.base, inner))
            .unwrap_or_default();
        let note_lines = options
            .source
            .as_deref()
            .map(|s| wrap(s, ty.note, inner))
            .unwrap_or_default();

        // Value labels (goal, trend end): those at the last period go right of the plot, level
        // with their values; any other sits beside its point.
        let mut end_labels: Vec<(String, Decimal, Colour)> = Vec::new();
        let mut inline_labels: Vec<(String, Period, Decimal, Colour)> = Vec::new();
        let mut label = |text: &str, period: Period, v: Decimal, colour: Colour| -> Result<()> {
            let text = value_label(text, v)?;
            if period == last {
                end_labels.push((text, v, colour));
            } else {
                inline_labels.push((text, period, v, colour));
            }
            Ok(())
        };
        for l in &self.lines {
            if let (Some(text), Some((period, v))) = (&l.end_label, l.points.last()) {
                label(text, *period, *v, l.stroke.colour)?;
            }
        }
        for p in &self.points {
            if let Some(text) = &p.label {
                label(text, p.period, p.value, p.colour)?;
            }
        }

        // Legend rows: entries flow left to right and wrap.
        // A name wider than a whole row is shortened with an ellipsis (the full name stays in the
        // legend entry's tooltip).
        let legend: Vec<(String, String, Swatch)> = self
            .legend()
            .into_iter()
            .map(|(name, swatch)| {
                let shown = shorten(&name, ty.base, inner - SWATCH - 6.0);
                (shown, name, swatch)
            })
            .collect();
        let mut rows: Vec<Vec<(f64, usize)>> = vec![Vec::new()];
        let mut cursor = 0.0;
        for (i, (name, _, _)) in legend.iter().enumerate() {
            let w = SWATCH + 6.0 + text_width(name, ty.base);
            let full = cursor > 0.0 && cursor + w > inner;
            if full {
                rows.push(Vec::new());
                cursor = 0.0;
            }
            if let Some(row) = rows.last_mut() {
                row.push((cursor, i));
            }
            cursor += w + 20.0;
        }
        rows.retain(|r| !r.is_empty());

        let row_height = (ty.base * 1.7).round();
        let mut top = MARGIN + ty.title;
        let title_top = top;
        top += (title_lines.len().max(1) - 1) as f64 * ty.title * 1.25;
        let subtitle_top = top + ty.base * 1.6;
        top += subtitle_lines.len() as f64 * ty.base * 1.45;
        let unit_y = top + ty.base * 2.0;
        let plot_top = unit_y + ty.base * 0.9;
        let note_height = note_lines.len() as f64 * ty.note * 1.4;
        let legend_height = rows.len() as f64 * row_height;
        let plot_bottom =
            height - MARGIN - note_height - legend_height - ty.base * 2.0 - ty.base * 0.6;

        let y_label_width = tick_labels
            .iter()
            .map(|l| text_width(l, ty.base))
            .fold(0.0, f64::max);
        let left = MARGIN + y_label_width + 8.0;
        let end_label_width = end_labels
            .iter()
            .map(|(t, _, _)| bold_text_width(t, ty.base))
            .fold(0.0, f64::max);
        let last_tick_half = text_width(&last.to_string(), ty.base) / 2.0;
        let right = width - MARGIN - (end_label_width + 10.0).max(last_tick_half);
        if right - left < 80.0 || plot_bottom - plot_top < 60.0 {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "a chart of {} x {} pixels leaves no room for the plot after its labels \
                     (plot area {:.0} x {:.0}); make it larger or the labels shorter",
                    options.width,
                    options.height,
                    (right - left).max(0.0),
                    (plot_bottom - plot_top).max(0.0)
                ),
            });
        }
        let days = period_days(first.frequency());
        let frame = Frame {
            left,
            right,
            top: plot_top,
            bottom: plot_bottom,
            day0: day_number(first) - days / 2.0,
            day1: day_number(last) + days / 2.0,
            value0: ticks.first().and_then(|t| t.to_f64()).unwrap_or(0.0),
            value1: ticks.last().and_then(|t| t.to_f64()).unwrap_or(1.0),
        };
        let frame = if frame.value1 > frame.value0 {
            frame
        } else {
            Frame {
                value1: frame.value0 + 1.0,
                ..frame
            }
        };

        let mut svg = Svg::new(options.width, options.height, &title, &self.description);
        svg.open(
            "g",
            &[
                ("font-family", options.font_family.as_str().into()),
                ("font-size", ty.base.into()),
                ("fill", TEXT.into()),
            ],
        );
        svg.leaf(
            "rect",
            &[
                ("class", "background".into()),
                ("width", width.into()),
                ("height", height.into()),
                ("fill", "#ffffff".into()),
            ],
        );

        // Title, subtitle, unit.
        for (i, line) in title_lines.iter().enumerate() {
            svg.text_element(
                "text",
                &[
                    ("class", "title".into()),
                    ("x", MARGIN.into()),
                    ("y", (title_top + i as f64 * ty.title * 1.25).into()),
                    ("font-size", ty.title.into()),
                    ("font-weight", "bold".into()),
                ],
                line,
            );
        }
        for (i, line) in subtitle_lines.iter().enumerate() {
            svg.text_element(
                "text",
                &[
                    ("class", "subtitle".into()),
                    ("x", MARGIN.into()),
                    ("y", (subtitle_top + i as f64 * ty.base * 1.45).into()),
                ],
                line,
            );
        }
        svg.text_element(
            "text",
            &[
                ("class", "unit".into()),
                ("x", MARGIN.into()),
                ("y", unit_y.into()),
                ("font-weight", "bold".into()),
            ],
            &unit,
        );

        // Value axis: grid lines and labels; the zero line darker.
        svg.open("g", &[("class", "y-axis".into())]);
        for (tick, label) in ticks.iter().zip(&tick_labels) {
            let y = frame.y(*tick);
            let zero = tick.is_zero();
            svg.leaf(
                "line",
                &[
                    ("class", if zero { "zero" } else { "grid" }.into()),
                    ("x1", frame.left.into()),
                    ("x2", frame.right.into()),
                    ("y1", y.into()),
                    ("y2", y.into()),
                    ("stroke", if zero { AXIS } else { GRID }.into()),
                    ("stroke-width", 1.0.into()),
                ],
            );
            svg.text_element(
                "text",
                &[
                    ("x", (frame.left - 8.0).into()),
                    ("y", (y + ty.base * 0.35).into()),
                    ("text-anchor", "end".into()),
                ],
                label,
            );
        }
        svg.close("g");

        // Period axis: ticks that fit their labels.
        svg.open("g", &[("class", "x-axis".into())]);
        for (period, label) in period_ticks(first, last, frame.width(), ty.base)? {
            let x = frame.x(period);
            svg.leaf(
                "line",
                &[
                    ("x1", x.into()),
                    ("x2", x.into()),
                    ("y1", frame.bottom.into()),
                    ("y2", (frame.bottom + 5.0).into()),
                    ("stroke", AXIS.into()),
                ],
            );
            svg.text_element(
                "text",
                &[
                    ("x", x.into()),
                    ("y", (frame.bottom + 7.0 + ty.base).into()),
                    ("text-anchor", "middle".into()),
                ],
                &label,
            );
        }
        svg.close("g");

        // Bars: each period's slot (80% of a period) split between the bar series.
        let slot = frame.period_width(days) * 0.8;
        let n_bars = self.bars.len().max(1) as f64;
        let bar_width = slot / n_bars;
        for (j, bars) in self.bars.iter().enumerate() {
            svg.open(
                "g",
                &[
                    ("class", "series bars".into()),
                    ("data-series", bars.key.as_str().into()),
                    ("fill", bars.colour.to_string().into()),
                ],
            );
            for (period, value) in &bars.points {
                let v = scaled(*value)?;
                let (y0, y1) = (frame.y(Decimal::ZERO), frame.y(v));
                let x = frame.x(*period) - slot / 2.0 + j as f64 * bar_width;
                svg.leaf(
                    "rect",
                    &[
                        ("x", (x + 0.5).into()),
                        ("y", y0.min(y1).into()),
                        ("width", (bar_width - 1.0).max(1.0).into()),
                        ("height", (y0 - y1).abs().into()),
                    ],
                );
            }
            svg.close("g");
        }

        // Vertical rules (deadline) under the lines, labelled at the top.
        for rule in &self.rules {
            let x = frame.x(rule.period);
            svg.open(
                "g",
                &[
                    ("class", "rule".into()),
                    ("data-series", rule.key.as_str().into()),
                ],
            );
            svg.leaf(
                "line",
                &[
                    ("x1", x.into()),
                    ("x2", x.into()),
                    ("y1", frame.top.into()),
                    ("y2", frame.bottom.into()),
                    ("stroke", AXIS.into()),
                    ("stroke-width", 1.5.into()),
                    ("stroke-dasharray", "4 4".into()),
                ],
            );
            // The label goes at the top of the rule unless the data near it is high up.
            let near: Vec<f64> = self
                .values_at(rule.period)
                .iter()
                .filter_map(|v| scaled(*v).ok())
                .map(|v| frame.y(v))
                .collect();
            let high = near
                .iter()
                .any(|y| *y < frame.top + (frame.bottom - frame.top) / 3.0);
            let label_y = if high {
                frame.bottom - ty.base * 0.6
            } else {
                frame.top + ty.base
            };
            let mut attrs: Vec<(&str, Value<'_>)> = vec![
                ("x", (x - 5.0).into()),
                ("y", label_y.into()),
                ("text-anchor", "end".into()),
            ];
            attrs.extend(HALO.iter().map(|(k, v)| (*k, Value::from(*v))));
            svg.text_element("text", &attrs, &rule.label);
            svg.close("g");
        }

        // Bands under the lines: one closed path along the lows and back along the highs.
        for band in &self.bands {
            let mut d = String::new();
            let mut outline = Vec::with_capacity(band.points.len() * 2);
            for (period, low, _) in &band.points {
                outline.push((frame.x(*period), frame.y(scaled(*low)?)));
            }
            for (period, _, high) in band.points.iter().rev() {
                outline.push((frame.x(*period), frame.y(scaled(*high)?)));
            }
            for (i, (x, y)) in outline.iter().enumerate() {
                d.push_str(if i == 0 { "M" } else { " L" });
                d.push_str(&super::svg::px(*x));
                d.push(' ');
                d.push_str(&super::svg::px(*y));
            }
            d.push_str(" Z");
            svg.open(
                "g",
                &[
                    ("class", "series band".into()),
                    ("data-series", band.key.as_str().into()),
                ],
            );
            svg.leaf(
                "path",
                &[
                    ("class", "band".into()),
                    ("d", d.into()),
                    ("fill", band.colour.to_string().into()),
                    ("fill-opacity", 0.18.into()),
                    ("stroke", band.colour.to_string().into()),
                    ("stroke-opacity", 0.5.into()),
                    ("stroke-width", 1.0.into()),
                ],
            );
            svg.close("g");
        }

        // Lines, one path per series, broken at gaps, with their markers; the first series (the
        // data) is drawn last, on top.
        for line in self.lines.iter().rev() {
            svg.open(
                "g",
                &[
                    ("class", "series line".into()),
                    ("data-series", line.key.as_str().into()),
                ],
            );
            let mut d = String::new();
            let mut previous: Option<Period> = None;
            let mut centres = Vec::new();
            for (period, value) in &line.points {
                let (x, y) = (frame.x(*period), frame.y(scaled(*value)?));
                let joined = previous
                    .and_then(|p| p.periods_until(*period).ok())
                    .is_some_and(|n| n == 1);
                if !d.is_empty() {
                    d.push(' ');
                }
                d.push(if joined { 'L' } else { 'M' });
                d.push_str(&super::svg::px(x));
                d.push(' ');
                d.push_str(&super::svg::px(y));
                previous = Some(*period);
                centres.push((x, y));
            }
            let mut attrs: Vec<(&str, Value<'_>)> = vec![
                ("class", "line".into()),
                ("d", d.into()),
                ("fill", "none".into()),
                ("stroke", line.stroke.colour.to_string().into()),
                ("stroke-width", 2.5.into()),
                ("stroke-linejoin", "round".into()),
                ("stroke-linecap", "round".into()),
            ];
            if let Some(dash) = line.stroke.dash {
                attrs.push(("stroke-dasharray", dash.into()));
            }
            svg.leaf("path", &attrs);
            if line.stroke.marker != Marker::None {
                svg.open(
                    "g",
                    &[
                        ("class", "markers".into()),
                        ("fill", line.stroke.colour.to_string().into()),
                        ("stroke", "#ffffff".into()),
                    ],
                );
                for (x, y) in centres {
                    marker(&mut svg, line.stroke.marker, x, y, 4.5, None);
                }
                svg.close("g");
            }
            svg.close("g");
        }

        // Marked points (the goal) on top.
        for point in &self.points {
            let (x, y) = (frame.x(point.period), frame.y(scaled(point.value)?));
            svg.open(
                "g",
                &[
                    ("class", "series point".into()),
                    ("data-series", point.key.as_str().into()),
                    ("fill", point.colour.to_string().into()),
                    ("stroke", "#ffffff".into()),
                ],
            );
            marker(&mut svg, point.marker, x, y, 7.0, Some(&point.key));
            svg.close("g");
        }

        // End labels right of the plot, level with their values, pushed apart to not overlap.
        let mut placed: Vec<(f64, String, Colour)> = Vec::new();
        for (text, value, colour) in &end_labels {
            placed.push((frame.y(scaled(*value)?), text.clone(), *colour));
        }
        placed.sort_by(|a, b| a.0.total_cmp(&b.0));
        let gap = ty.base * 1.25;
        for i in 1..placed.len() {
            let floor = placed[i - 1].0 + gap;
            if placed[i].0 < floor {
                placed[i].0 = floor;
            }
        }
        // Labels pushed below the plot move back up together.
        if let Some(overshoot) = placed.last().map(|l| l.0 - frame.bottom) {
            if overshoot > 0.0 {
                for l in &mut placed {
                    l.0 -= overshoot;
                }
            }
        }
        if !placed.is_empty() || !inline_labels.is_empty() {
            svg.open("g", &[("class", "end-labels".into())]);
            for (text, period, value, colour) in &inline_labels {
                // Below and right of the point, or left of it where the plot ends.
                let (x, y) = (frame.x(*period), frame.y(scaled(*value)?));
                let fits = x + 11.0 + bold_text_width(text, ty.base) <= frame.right;
                let mut attrs: Vec<(&str, Value<'_>)> = vec![
                    ("x", if fits { x + 11.0 } else { x - 11.0 }.into()),
                    ("y", (y + ty.base * 1.3).into()),
                    ("fill", darker(*colour).to_string().into()),
                    ("font-weight", "bold".into()),
                ];
                if !fits {
                    attrs.push(("text-anchor", "end".into()));
                }
                attrs.extend(HALO.iter().map(|(k, v)| (*k, Value::from(*v))));
                svg.text_element("text", &attrs, text);
            }
            for (y, text, colour) in &placed {
                svg.text_element(
                    "text",
                    &[
                        ("x", (frame.right + 8.0).into()),
                        ("y", (y + ty.base * 0.35).into()),
                        ("fill", darker(*colour).to_string().into()),
                        ("font-weight", "bold".into()),
                    ],
                    text,
                );
            }
            svg.close("g");
        }

        // Legend under the period labels.
        let legend_top = frame.bottom + ty.base * 2.0 + ty.base * 0.6;
        svg.open("g", &[("class", "legend".into())]);
        for (r, row) in rows.iter().enumerate() {
            let y = legend_top + r as f64 * row_height + row_height / 2.0;
            for (offset, i) in row {
                let Some((name, full_name, swatch)) = legend.get(*i) else {
                    continue;
                };
                let x = MARGIN + offset;
                match swatch {
                    Swatch::Bar(colour) => svg.leaf(
                        "rect",
                        &[
                            ("x", (x + 5.0).into()),
                            ("y", (y - 7.0).into()),
                            ("width", (SWATCH - 10.0).into()),
                            ("height", 14.0.into()),
                            ("fill", colour.to_string().into()),
                        ],
                    ),
                    Swatch::Band(colour) => svg.leaf(
                        "rect",
                        &[
                            ("x", (x + 2.0).into()),
                            ("y", (y - 7.0).into()),
                            ("width", (SWATCH - 4.0).into()),
                            ("height", 14.0.into()),
                            ("fill", colour.to_string().into()),
                            ("fill-opacity", 0.18.into()),
                            ("stroke", colour.to_string().into()),
                            ("stroke-opacity", 0.5.into()),
                        ],
                    ),
                    Swatch::Line(stroke) => {
                        let mut attrs: Vec<(&str, Value<'_>)> = vec![
                            ("x1", x.into()),
                            ("x2", (x + SWATCH).into()),
                            ("y1", y.into()),
                            ("y2", y.into()),
                            ("stroke", stroke.colour.to_string().into()),
                            ("stroke-width", 2.5.into()),
                        ];
                        if let Some(dash) = stroke.dash {
                            attrs.push(("stroke-dasharray", dash.into()));
                        }
                        svg.leaf("line", &attrs);
                        if stroke.marker != Marker::None {
                            svg.open(
                                "g",
                                &[
                                    ("fill", stroke.colour.to_string().into()),
                                    ("stroke", "#ffffff".into()),
                                ],
                            );
                            marker(&mut svg, stroke.marker, x + SWATCH / 2.0, y, 4.5, None);
                            svg.close("g");
                        }
                    }
                    Swatch::Point(colour, shape) => {
                        svg.open(
                            "g",
                            &[
                                ("fill", colour.to_string().into()),
                                ("stroke", "#ffffff".into()),
                            ],
                        );
                        marker(&mut svg, *shape, x + SWATCH / 2.0, y, 6.0, None);
                        svg.close("g");
                    }
                }
                let shortened = name != full_name;
                if shortened {
                    svg.open("g", &[]);
                    svg.text_element("title", &[], full_name);
                }
                svg.text_element(
                    "text",
                    &[
                        ("x", (x + SWATCH + 6.0).into()),
                        ("y", (y + ty.base * 0.35).into()),
                    ],
                    name,
                );
                if shortened {
                    svg.close("g");
                }
            }
        }
        svg.close("g");

        // Source note at the foot.
        let note_top = height - MARGIN - note_height + ty.note;
        for (i, line) in note_lines.iter().enumerate() {
            svg.text_element(
                "text",
                &[
                    ("class", "note".into()),
                    ("x", MARGIN.into()),
                    ("y", (note_top + i as f64 * ty.note * 1.4).into()),
                    ("font-size", ty.note.into()),
                    ("fill", "#555555".into()),
                ],
                line,
            );
        }
        svg.close("g");
        Ok(svg.finish())
    }
}

/// The largest scale (thousand, million, ...) at or below the largest absolute value.
pub(crate) fn auto_scale(values: &[Decimal]) -> Scale {
    let largest = values
        .iter()
        .map(|v| v.abs())
        .fold(Decimal::ZERO, Decimal::max);
    Scale::ALL
        .iter()
        .rev()
        .copied()
        .find(|s| largest >= s.factor())
        .unwrap_or(Scale::Units)
}

/// `text`, or as much of it as fits `width` pixels at `size` followed by an ellipsis.
fn shorten(text: &str, size: f64, width: f64) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut shown = String::new();
    for c in text.chars() {
        shown.push(c);
        if text_width(&format!("{shown}\u{2026}"), size) > width {
            shown.pop();
            break;
        }
    }
    format!("{}\u{2026}", shown.trim_end())
}

/// A colour darkened for text, so that light palette colours (orange, yellow) stay readable.
fn darker(colour: Colour) -> Colour {
    if colour.luminance_permille() <= 450 {
        return colour;
    }
    let text = colour.to_string();
    let channel = |i: usize| {
        u8::from_str_radix(text.get(i..i + 2).unwrap_or("00"), 16)
            .map(|c| (u16::from(c) * 6 / 10) as u8)
            .unwrap_or(0)
    };
    Colour::rgb(channel(1), channel(3), channel(5))
}

/// Draws a marker of `shape` centred on (`x`, `y`) with half-size `r`; `class` names it.
fn marker(svg: &mut Svg, shape: Marker, x: f64, y: f64, r: f64, class: Option<&str>) {
    let mut attrs: Vec<(&str, Value<'_>)> = Vec::new();
    if let Some(c) = class {
        attrs.push(("class", c.into()));
    }
    let polygon = |points: &[(f64, f64)]| -> String {
        points
            .iter()
            .map(|(px, py)| format!("{},{}", super::svg::px(*px), super::svg::px(*py)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    match shape {
        Marker::None => {}
        Marker::Circle => {
            attrs.extend([("cx", x.into()), ("cy", y.into()), ("r", r.into())]);
            svg.leaf("circle", &attrs);
        }
        Marker::Square => {
            let s = r * 0.9;
            attrs.extend([
                ("x", (x - s).into()),
                ("y", (y - s).into()),
                ("width", (2.0 * s).into()),
                ("height", (2.0 * s).into()),
            ]);
            svg.leaf("rect", &attrs);
        }
        Marker::Triangle => {
            let points = polygon(&[
                (x, y - r * 1.15),
                (x + r * 1.1, y + r * 0.75),
                (x - r * 1.1, y + r * 0.75),
            ]);
            attrs.push(("points", points.into()));
            svg.leaf("polygon", &attrs);
        }
        Marker::Diamond => {
            let s = r * 1.25;
            let points = polygon(&[(x, y - s), (x + s, y), (x, y + s), (x - s, y)]);
            attrs.push(("points", points.into()));
            svg.leaf("polygon", &attrs);
        }
    }
}
