//! The charts hold what they claim: parsed as XML, each series is one path with a point per
//! period, the goal sits where the goal is, labels carry the unit; and the SVG text of fixed inputs
//! matches the reviewed snapshots in `tests/snapshots/` (rewrite them with `UPDATE_SNAPSHOTS=1`).
#![cfg(feature = "chart")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use proptest::prelude::*;
use roxmltree::{Document, Node};
use tradestat::chart::{self, Options, Palette};
use tradestat::{Error, Money, Period, Scale, Series, Target};

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

fn series(pairs: &[(&str, &str)]) -> Series {
    Series::with_gaps(pairs.iter().map(|(p, m)| (period(p), money(m)))).unwrap()
}

/// 100, 110, 121 million USD in 2020-2022: a trend of exactly 10% a year.
fn ten_percent() -> Series {
    series(&[
        ("2020", "100 million USD"),
        ("2021", "110 million USD"),
        ("2022", "121 million USD"),
    ])
}

/// From 121 million in 2022 to 200 million by 2027.
fn target_200() -> Target {
    Target::new(
        period("2022"),
        money("121 million USD"),
        money("200 million USD"),
        period("2027"),
    )
    .unwrap()
}

fn by_series<'a>(doc: &'a Document<'a>, key: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.attribute("data-series") == Some(key))
        .unwrap_or_else(|| panic!("no element with data-series={key:?}"))
}

fn has_series(doc: &Document<'_>, key: &str) -> bool {
    doc.descendants()
        .any(|n| n.attribute("data-series") == Some(key))
}

/// The segments of the one `path` of a line series: each `M` starts a new one.
fn segments(group: Node<'_, '_>) -> Vec<Vec<(f64, f64)>> {
    let paths: Vec<Node<'_, '_>> = group
        .children()
        .filter(|n| n.has_tag_name("path"))
        .collect();
    assert_eq!(paths.len(), 1, "one path per series");
    let d = paths[0].attribute("d").unwrap();
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let tokens: Vec<&str> = d.split_whitespace().collect();
    for chunk in tokens.chunks(2) {
        let (command, x) = chunk[0].split_at(1);
        let point = (x.parse().unwrap(), chunk[1].parse().unwrap());
        match command {
            "M" => out.push(vec![point]),
            "L" => out.last_mut().unwrap().push(point),
            other => panic!("unexpected command {other}"),
        }
    }
    out
}

fn texts<'a>(doc: &'a Document<'a>) -> Vec<(Node<'a, 'a>, &'a str)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| (n, n.text().unwrap_or("")))
        .collect()
}

fn text_with_class<'a>(doc: &'a Document<'a>, class: &str) -> Vec<&'a str> {
    texts(doc)
        .into_iter()
        .filter(|(n, _)| n.attribute("class") == Some(class))
        .map(|(_, t)| t)
        .collect()
}

/// The y of the grid line whose label reads `label`.
fn grid_y(doc: &Document<'_>, label: &str) -> f64 {
    let axis = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("y-axis"))
        .unwrap();
    let children: Vec<Node<'_, '_>> = axis.children().filter(|n| n.is_element()).collect();
    let at = children
        .iter()
        .position(|n| n.has_tag_name("text") && n.text() == Some(label))
        .unwrap_or_else(|| panic!("no tick labelled {label:?}"));
    children[at - 1].attribute("y1").unwrap().parse().unwrap()
}

fn attr(node: Node<'_, '_>, name: &str) -> f64 {
    node.attribute(name).unwrap().parse().unwrap()
}

/// The centre of a polygon marker (the mean of its corners).
fn polygon_centre(node: Node<'_, '_>) -> (f64, f64) {
    let corners: Vec<(f64, f64)> = node
        .attribute("points")
        .unwrap()
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    let n = corners.len() as f64;
    (
        corners.iter().map(|c| c.0).sum::<f64>() / n,
        corners.iter().map(|c| c.1).sum::<f64>() / n,
    )
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 0.11
}

#[test]
fn target_chart_holds_every_series_the_goal_and_the_verdict() {
    let svg = chart::target(&target_200(), &ten_percent())
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();

    // Observed: 3 periods, one unbroken line.
    let observed = segments(by_series(&doc, "observed"));
    assert_eq!(observed.len(), 1);
    assert_eq!(observed[0].len(), 3);
    // Required path: 2022 to 2027 is 6 points.
    let required = segments(by_series(&doc, "required"));
    assert_eq!(required.concat().len(), 6);
    // Trend: from the last observation (2022) to the deadline (2027), 6 points.
    let trend = segments(by_series(&doc, "trend"));
    assert_eq!(trend.concat().len(), 6);
    // The trend starts on the last observation.
    assert_eq!(trend[0][0], *observed[0].last().unwrap());

    // Ticks 0, 50, ..., 200 (million USD): the goal marker sits on the 200 grid line, at the
    // end of the required path, on the deadline rule.
    let goal = by_series(&doc, "goal")
        .children()
        .find(|n| n.has_tag_name("polygon"))
        .unwrap();
    let (gx, gy) = polygon_centre(goal);
    assert!(
        close(gy, grid_y(&doc, "200")),
        "{gy} vs {}",
        grid_y(&doc, "200")
    );
    let path_end = *required.concat().last().unwrap();
    assert!(
        close(gx, path_end.0) && close(gy, path_end.1),
        "{gx},{gy} vs {path_end:?}"
    );
    let rule = by_series(&doc, "deadline")
        .children()
        .find(|n| n.has_tag_name("line"))
        .unwrap();
    assert!(close(attr(rule, "x1"), gx));
    // The observed 2020 value, 100 million, sits on the 100 grid line.
    assert!(close(observed[0][0].1, grid_y(&doc, "100")));
    // The trend ends at 121 x 1.1^5 = 194.87171 million: 194.87171 / 200 of the way up.
    let zero = grid_y(&doc, "0");
    let top = grid_y(&doc, "200");
    let expected = zero + (top - zero) * 194.87171 / 200.0;
    assert!((trend[0].last().unwrap().1 - expected).abs() < 0.2);

    // The verdict: trend 10% a year; (200/121)^(1/5) - 1 = 10.5730% needed.
    assert_eq!(
        text_with_class(&doc, "subtitle"),
        ["behind: trend 10.0% a year, 10.6% a year needed from 2022"]
    );
    assert_eq!(text_with_class(&doc, "unit"), ["million USD"]);
    assert_eq!(
        text_with_class(&doc, "title"),
        ["Target: 121 million USD in 2022 to 200 million USD by 2027"]
    );
    let all: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(all.contains(&"from last 194.9"), "{all:?}");
    // 100, 110, 121 lie on their line: the fit ends where the trend from the last does.
    assert!(all.contains(&"fit 194.9"), "{all:?}");
    assert!(all.contains(&"goal 200.0"));
    assert!(all.contains(&"deadline 2027"));
}

#[test]
fn a_falling_goal_is_drawn_the_same_way_down() {
    // 12.1, 11, 10 million: each year 1/1.1 of the last, a trend of -9.0909% a year. Goal: 6
    // million by 2027 from 10 in 2022 needs 0.6^(1/5) - 1 = -9.71% a year; the trend leads to
    // 10 / 1.1^5 = 6.2092 million, above the goal: behind.
    let observed = series(&[
        ("2020", "12.1 million USD"),
        ("2021", "11 million USD"),
        ("2022", "10 million USD"),
    ]);
    let target = Target::new(
        period("2022"),
        money("10 million USD"),
        money("6 million USD"),
        period("2027"),
    )
    .unwrap();
    let svg = chart::target(&target, &observed).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(
        text_with_class(&doc, "subtitle"),
        ["behind: trend -9.1% a year, -9.7% a year needed from 2022"]
    );
    let required = segments(by_series(&doc, "required")).concat();
    let trend = segments(by_series(&doc, "trend")).concat();
    assert_eq!((required.len(), trend.len()), (6, 6));
    // Both fall (y grows downwards in SVG), and the trend ends above the goal.
    assert!(required.windows(2).all(|w| w[1].1 > w[0].1));
    assert!(trend.windows(2).all(|w| w[1].1 > w[0].1));
    let goal = by_series(&doc, "goal")
        .children()
        .find(|n| n.has_tag_name("polygon"))
        .unwrap();
    let (_, gy) = polygon_centre(goal);
    assert!(trend.last().unwrap().1 < gy);
    // Ticks 0, 2.5, ..., 12.5: the goal on 6 sits 6/12.5 of the way up.
    let (y0, y125) = (grid_y(&doc, "0.0"), grid_y(&doc, "12.5"));
    assert!((gy - (y0 + (y125 - y0) * 6.0 / 12.5)).abs() < 0.15);
    let labels: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(
        labels.contains(&"from last 6.2")
            && labels.contains(&"fit 6.2")
            && labels.contains(&"goal 6.0"),
        "{labels:?}"
    );
}

#[test]
fn a_deadline_already_passed_draws_no_trend() {
    // 10% a year from 100 million in 2020 to 177.1561 in 2026; the goal of 140 by 2024 was met
    // in 2024 (146.41). The data runs past the deadline: no projection, no rate still needed.
    let values = [
        "100", "110", "121", "133.1", "146.41", "161.051", "177.1561",
    ];
    let pairs: Vec<(String, String)> = values
        .iter()
        .enumerate()
        .map(|(i, v)| ((2020 + i).to_string(), format!("{v} million USD")))
        .collect();
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(p, v)| (p.as_str(), v.as_str()))
        .collect();
    let observed = series(&refs);
    let target = Target::new(
        period("2020"),
        money("100 million USD"),
        money("140 million USD"),
        period("2024"),
    )
    .unwrap();
    let svg = chart::target(&target, &observed).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert!(!has_series(&doc, "trend"));
    assert_eq!(segments(by_series(&doc, "observed")).concat().len(), 7);
    assert_eq!(segments(by_series(&doc, "required")).concat().len(), 5);
    let assessment = target.assess(&observed).unwrap();
    assert_eq!(assessment.reached_in, Some(period("2024")));
    assert_eq!(
        text_with_class(&doc, "subtitle"),
        [format!(
            "{}: trend 10.0% a year; goal met in 2024",
            assessment.status
        )]
    );
    snapshot("target_passed.svg", &svg);
}

#[test]
fn a_single_observation_draws_the_path_and_goal_without_a_trend() {
    let observed = series(&[("2022", "6.3 billion USD")]);
    let target = Target::new(
        period("2022"),
        money("6.3 billion USD"),
        money("10 billion USD"),
        period("2030"),
    )
    .unwrap();
    let svg = chart::target(&target, &observed).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert!(!has_series(&doc, "trend"));
    assert_eq!(segments(by_series(&doc, "observed")).concat().len(), 1);
    // 2022 to 2030 is 9 points; (10/6.3)^(1/8) - 1 = 5.9455%.
    assert_eq!(segments(by_series(&doc, "required")).concat().len(), 9);
    assert_eq!(
        text_with_class(&doc, "subtitle"),
        ["5.9% a year needed from 2022 to 2030; one observation, no trend"]
    );
    assert_eq!(text_with_class(&doc, "unit"), ["billion USD"]);
}

#[test]
fn a_quarterly_target_speaks_of_quarters() {
    // 100, 102, 104.04 million: 2% a quarter. From 104.04 in 2023-Q3 to 120 by 2025-Q1 (6
    // quarters) needs (120/104.04)^(1/6) - 1 = 2.4085% a quarter; the trend gives
    // 104.04 x 1.02^6 = 117.166 million: behind.
    let observed = series(&[
        ("2023-Q1", "100 million USD"),
        ("2023-Q2", "102 million USD"),
        ("2023-Q3", "104.04 million USD"),
    ]);
    let target = Target::new(
        period("2023-Q3"),
        money("104.04 million USD"),
        money("120 million USD"),
        period("2025-Q1"),
    )
    .unwrap();
    let svg = chart::target(&target, &observed).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(
        text_with_class(&doc, "subtitle"),
        ["behind: trend 2.0% a quarter, 2.4% a quarter needed from 2023-Q3"]
    );
    assert_eq!(segments(by_series(&doc, "trend")).concat().len(), 7);
    let labels: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    assert!(labels.contains(&"deadline 2025-Q1"), "{labels:?}");
    assert!(labels.contains(&"from last 117.2"), "{labels:?}");
    snapshot("target_quarterly.svg", &svg);
}

#[test]
fn monthly_snapshot() {
    // 36 months with a gap in mid-2021: ticks thin out to every 6th month at this width.
    let pairs: Vec<(Period, Money)> = (0..36)
        .filter(|i| !(17..20).contains(i))
        .map(|i| {
            let p = period("2020-01").checked_add(i).unwrap();
            let v = tradestat::Decimal::new(400 + (i * 37 % 11) * 10 + i * 5, 0);
            (
                p,
                Money::new(v, tradestat::Currency::USD)
                    .checked_mul(1_000_000.into())
                    .unwrap(),
            )
        })
        .collect();
    let s = Series::with_gaps(pairs).unwrap();
    let options = Options::default().title("Monthly exports").size(640, 360);
    let svg = chart::lines(&[("Exports", &s)], &options)
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();
    let x_labels: Vec<&str> = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("x-axis"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(
        x_labels,
        ["2020-01", "2020-07", "2021-01", "2021-07", "2022-01", "2022-07"]
    );
    assert_eq!(segments(by_series(&doc, "series-1")).len(), 2);
    snapshot("monthly.svg", &svg);
}

#[test]
fn missing_years_break_the_line() {
    let observed = series(&[
        ("2010", "1.8 billion USD"),
        ("2011", "3.3 billion USD"),
        ("2013", "3.5 billion USD"),
        ("2014", "3.4 billion USD"),
        ("2015", "2.0 billion USD"),
    ]);
    let svg = chart::lines(&[("Turnover", &observed)], &Options::default())
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();
    let parts = segments(by_series(&doc, "series-1"));
    let lengths: Vec<usize> = parts.iter().map(Vec::len).collect();
    assert_eq!(lengths, [2, 3]);
    // Years are spaced by their days (2012 has 366), and the gap keeps its year's width.
    let xs: Vec<f64> = parts.concat().iter().map(|p| p.0).collect();
    let step = xs[1] - xs[0];
    let expected = step * (365.0 + 366.0) / 365.0;
    assert!(((xs[2] - xs[1]) - expected).abs() < 0.3, "{xs:?}");
}

#[test]
fn quarters_and_months_sit_at_their_real_spacing() {
    // Q1 2023 has 90 days, Q2 91, Q3 92: the spacing follows the start dates.
    let q = series(&[
        ("2023-Q1", "1 million USD"),
        ("2023-Q2", "2 million USD"),
        ("2023-Q3", "3 million USD"),
        ("2023-Q4", "4 million USD"),
    ]);
    let svg = chart::lines(&[("q", &q)], &Options::default())
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();
    let xs: Vec<f64> = segments(by_series(&doc, "series-1"))
        .concat()
        .iter()
        .map(|p| p.0)
        .collect();
    let (a, b, c) = (xs[1] - xs[0], xs[2] - xs[1], xs[3] - xs[2]);
    assert!((a / b - 90.0 / 91.0).abs() < 0.005, "{xs:?}");
    assert!((b / c - 91.0 / 92.0).abs() < 0.005, "{xs:?}");
    // February is shorter than January.
    let m = series(&[
        ("2024-01", "1 million USD"),
        ("2024-02", "2 million USD"),
        ("2024-03", "3 million USD"),
    ]);
    let svg = chart::lines(&[("m", &m)], &Options::default())
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();
    let xs: Vec<f64> = segments(by_series(&doc, "series-1"))
        .concat()
        .iter()
        .map(|p| p.0)
        .collect();
    assert!(
        ((xs[1] - xs[0]) / (xs[2] - xs[1]) - 31.0 / 29.0).abs() < 0.01,
        "{xs:?}"
    );
}

#[test]
fn bad_input_is_an_error_not_a_picture() {
    assert!(matches!(
        chart::lines(&[], &Options::default()),
        Err(Error::TooFewValues { .. })
    ));
    let euros = series(&[("2022", "5 million EUR"), ("2023", "6 million EUR")]);
    assert!(matches!(
        chart::target(&target_200(), &euros),
        Err(Error::CurrencyMismatch { .. })
    ));
    let quarterly = series(&[("2022-Q1", "5 million USD"), ("2022-Q2", "6 million USD")]);
    assert!(matches!(
        chart::target(&target_200(), &quarterly),
        Err(Error::MixedFrequency { .. })
    ));
    assert!(matches!(
        chart::lines(&[("a", &ten_percent()), ("b", &euros)], &Options::default()),
        Err(Error::CurrencyMismatch { .. })
    ));
    let quarterly = series(&[("2022-Q1", "5 million USD")]);
    assert!(matches!(
        chart::lines(
            &[("a", &ten_percent()), ("q", &quarterly)],
            &Options::default()
        ),
        Err(Error::MixedFrequency { .. })
    ));
    let tiny = Options::default().size(120, 90);
    assert!(matches!(
        chart::target_with(&target_200(), &ten_percent(), &tiny),
        Err(Error::InvalidArgument { .. })
    ));
}

/// A rough width estimate, independent of the chart's font table: narrow letters and spaces 0.4
/// em, capitals 0.78, others 0.64 (DejaVu Sans has 0.28-0.39, 0.56-0.99 and 0.52-0.64), bold 12%
/// wider.
fn wide_estimate(text: &str, size: f64, bold: bool) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            ' ' | 'i' | 'l' | 't' | 'f' | 'j' | 'r' | '.' | ',' | ':' | ';' | '\'' => 0.4,
            c if c.is_uppercase() => 0.78,
            _ => 0.64,
        })
        .sum();
    ems * size * if bold { 1.12 } else { 1.0 }
}

#[test]
fn long_labels_wrap_and_stay_inside_the_picture() {
    let long = "A very long title that goes on about Kazakhstan and Türkiye and their trade in \
                goods over two decades, as both sides published it";
    let options = Options::default()
        .title(long)
        .subtitle(long)
        .source(long)
        .size(600, 420);
    let a = ten_percent();
    let b = series(&[("2020", "90 million USD"), ("2022", "130 million USD")]);
    let names = [
        "Kazakhstan's exports to Türkiye as reported by Kazakhstan",
        "Türkiye's imports from Kazakhstan as reported by Türkiye",
    ];
    let svg = chart::lines(&[(names[0], &a), (names[1], &b)], &options)
        .unwrap()
        .into_svg();
    snapshot("long_labels.svg", &svg);
    let doc = Document::parse(&svg).unwrap();
    assert!(text_with_class(&doc, "title").len() > 1, "the title wraps");
    assert!(text_with_class(&doc, "subtitle").len() > 1);
    assert!(text_with_class(&doc, "note").len() > 1);
    for (node, text) in texts(&doc) {
        let size = node
            .ancestors()
            .find_map(|n| n.attribute("font-size"))
            .unwrap()
            .parse::<f64>()
            .unwrap();
        let x = attr(node, "x");
        let bold = node.attribute("font-weight") == Some("bold");
        let width = match node.attribute("text-anchor") {
            Some("end") => 0.0,
            Some("middle") => wide_estimate(text, size, bold) / 2.0,
            _ => wide_estimate(text, size, bold),
        };
        assert!(
            x + width <= 600.0 + 1.0,
            "{text:?} at {x} runs off the right edge"
        );
        assert!(attr(node, "y") <= 420.0, "{text:?} below the picture");
    }
    // A legend name longer than a whole row is shortened, its full text kept as a tooltip.
    let endless = "Kazakhstan's exports to Türkiye ".repeat(5);
    let svg = chart::lines(&[(endless.as_str(), &a)], &options)
        .unwrap()
        .into_svg();
    let shown = Document::parse(&svg).unwrap();
    let legend = shown
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .unwrap();
    let text = legend
        .descendants()
        .find(|n| n.has_tag_name("text"))
        .unwrap();
    let label = text.text().unwrap();
    assert!(
        label.ends_with('\u{2026}') && label.len() < endless.len(),
        "{label}"
    );
    assert!(attr(text, "x") + wide_estimate(label, 13.0, false) <= 600.0 + 1.0);
    let tooltip = legend
        .descendants()
        .find(|n| n.has_tag_name("title"))
        .unwrap();
    assert_eq!(tooltip.text(), Some(endless.as_str()));
    // The two legend entries are on separate rows: they would not fit side by side.
    let legend = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .unwrap();
    let ys: Vec<f64> = legend
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| attr(n, "y"))
        .collect();
    assert_eq!(ys.len(), 2);
    assert!(ys[1] > ys[0]);
}

#[test]
fn options_change_scale_colours_and_separators() {
    let s = series(&[("2020", "1500 million USD"), ("2021", "2500 million USD")]);
    let options = Options::default()
        .scale(Scale::Million)
        .palette(Palette::greyscale());
    let svg = chart::lines(&[("s", &s)], &options).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert_eq!(text_with_class(&doc, "unit"), ["million USD"]);
    let labels: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
    // 0 to 2,500 million in steps of 500.
    for tick in ["0", "500", "1,000", "1,500", "2,000", "2,500"] {
        assert!(labels.contains(&tick), "{tick} in {labels:?}");
    }
    assert!(svg.contains("stroke=\"#000000\""));
    assert!(!svg.contains("#0072b2"));
    let spaced = Options::default()
        .scale(Scale::Million)
        .thousands_separator(Some('\u{202f}'));
    let svg = chart::lines(&[("s", &s)], &spaced).unwrap().into_svg();
    assert!(svg.contains(">1\u{202f}500<"));
}

proptest! {
    /// Any values (tiny, huge, negative, with gaps) give a chart whose axis covers every point, or
    /// an error; never a panic.
    #[test]
    fn any_values_give_a_chart_whose_axis_covers_them(
        values in prop::collection::vec((any::<i64>(), any::<bool>()), 1..15),
        scale in 0u32..=28,
    ) {
        let pairs: Vec<(Period, Money)> = values
            .iter()
            .enumerate()
            .filter(|(i, (_, keep))| *keep || *i == 0)
            .map(|(i, (v, _))| {
                (
                    Period::year(2000 + i as i32).unwrap(),
                    Money::new(tradestat::Decimal::new(*v, scale), tradestat::Currency::USD),
                )
            })
            .collect();
        let s = Series::with_gaps(pairs.clone()).unwrap();
        if let Ok(chart) = chart::lines(&[("values", &s)], &Options::default()) {
            let doc = Document::parse(chart.svg()).unwrap();
            let grid: Vec<f64> = doc
                .descendants()
                .filter(|n| matches!(n.attribute("class"), Some("grid" | "zero")))
                .map(|n| attr(n, "y1"))
                .collect();
            let (top, bottom) = grid
                .iter()
                .fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(*y), b.max(*y)));
            let points = segments(by_series(&doc, "series-1")).concat();
            prop_assert_eq!(points.len(), pairs.len());
            for (_, y) in points {
                prop_assert!(y >= top - 0.1 && y <= bottom + 0.1, "{} outside {}..{}", y, top, bottom);
            }
        }
    }
}

fn snapshot(name: &str, svg: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, svg).unwrap();
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}: run UPDATE_SNAPSHOTS=1 cargo test --features chart --test chart, \
             then review it",
            path.display()
        )
    });
    if stored != svg {
        let line = stored
            .lines()
            .zip(svg.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(stored.lines().count().min(svg.lines().count()));
        panic!(
            "{name} differs from the snapshot at line {}:\n  stored: {:?}\n  now:    {:?}\n\
             If the change is intended, rewrite with UPDATE_SNAPSHOTS=1 and review the diff.",
            line + 1,
            stored.lines().nth(line),
            svg.lines().nth(line)
        );
    }
}

#[test]
fn target_snapshot() {
    let svg = chart::target(&target_200(), &ten_percent()).unwrap();
    snapshot("target.svg", svg.svg());
}

#[test]
fn single_observation_snapshot() {
    let target = Target::new(
        period("2022"),
        money("6.3 billion USD"),
        money("10 billion USD"),
        period("2030"),
    )
    .unwrap();
    let svg = chart::target(&target, &series(&[("2022", "6.3 billion USD")])).unwrap();
    snapshot("target_single.svg", svg.svg());
}

#[test]
fn write_to_writes_the_svg() {
    let chart = chart::target(&target_200(), &ten_percent()).unwrap();
    let dir = std::env::temp_dir().join(format!("tradestat-chart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("t.svg");
    chart.write_to(&file).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), chart.to_string());
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(chart.write_to(dir.join("missing/t.svg")).is_err());
}

mod trade {
    use super::*;
    use tradestat::{Country, Flow, Measure, Perspective, TradeData, TradeRecord};

    fn record(a: Country, b: Country, year: &str, flow: Flow, value: &str) -> TradeRecord {
        TradeRecord::new(a, b, period(year), flow, money(value))
    }

    /// Kazakhstan's exports to and imports from Türkiye, both sides reporting, 2020-2022 and 2024
    /// (2023 missing); in 2022 imports exceed exports.
    fn data() -> TradeData {
        use Flow::{Export, Import};
        const KAZ: Country = Country::KAZ;
        const TUR: Country = Country::TUR;
        TradeData::from_records([
            record(KAZ, TUR, "2020", Export, "2.0 billion USD"),
            record(KAZ, TUR, "2021", Export, "3.0 billion USD"),
            record(KAZ, TUR, "2022", Export, "4.7 billion USD"),
            record(KAZ, TUR, "2024", Export, "3.9 billion USD"),
            record(KAZ, TUR, "2020", Import, "0.9 billion USD"),
            record(KAZ, TUR, "2021", Import, "1.1 billion USD"),
            record(KAZ, TUR, "2022", Import, "5.0 billion USD"),
            record(KAZ, TUR, "2024", Import, "1.5 billion USD"),
            // Türkiye's imports from Kazakhstan (CIF), the mirror of Kazakh exports.
            record(TUR, KAZ, "2020", Import, "2.2 billion USD"),
            record(TUR, KAZ, "2021", Import, "3.3 billion USD"),
            record(TUR, KAZ, "2022", Import, "4.9 billion USD"),
        ])
        .unwrap()
    }

    fn rects<'a>(group: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
        group
            .children()
            .filter(|n| n.has_tag_name("rect"))
            .collect()
    }

    #[test]
    fn bilateral_chart_has_bars_lines_gaps_and_a_negative_balance() {
        let data = data();
        let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
        let svg = chart::bilateral(&pair, Perspective::Reporter)
            .unwrap()
            .into_svg();
        let doc = Document::parse(&svg).unwrap();
        assert_eq!(rects(by_series(&doc, "exports")).len(), 4);
        assert_eq!(rects(by_series(&doc, "imports")).len(), 4);
        // Turnover and balance: 2020-2022 joined, 2024 alone after the missing 2023.
        for key in ["turnover", "balance"] {
            let lengths: Vec<usize> = segments(by_series(&doc, key))
                .iter()
                .map(Vec::len)
                .collect();
            assert_eq!(lengths, [3, 1], "{key}");
        }
        // Balance 2022: 4.7 - 5.0 = -0.3 billion, below the zero line. The axis runs from -0.3
        // to 9.7 (turnover 2022): a range of 10 in about 5 steps gives ticks -2, 0, ..., 10.
        let zero = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("zero"))
            .unwrap();
        let zero_y = attr(zero, "y1");
        let balance = segments(by_series(&doc, "balance"));
        assert!(balance[0][2].1 > zero_y, "2022 balance below zero");
        assert!(balance[0][1].1 < zero_y, "2021 balance above zero");
        let labels: Vec<&str> = texts(&doc).into_iter().map(|(_, t)| t).collect();
        assert!(labels.contains(&"\u{2212}2"), "{labels:?}");
        assert_eq!(text_with_class(&doc, "unit"), ["billion USD"]);
        // Turnover 2022 = 9.7 billion: 9.7 / 10 of the way from 0 to the "10" grid line.
        let (y0, y10) = (grid_y(&doc, "0"), grid_y(&doc, "10"));
        assert!((balance[0][2].1 - (y0 + (y10 - y0) * -0.03)).abs() < 0.2);
        let turnover = segments(by_series(&doc, "turnover"));
        assert!((turnover[0][2].1 - (y0 + (y10 - y0) * 0.97)).abs() < 0.2);
        // Bars of one period sit side by side: exports left of imports, same width.
        let (x, m) = (
            rects(by_series(&doc, "exports"))[0],
            rects(by_series(&doc, "imports"))[0],
        );
        assert!(attr(x, "x") + attr(x, "width") <= attr(m, "x"));
        assert_eq!(attr(x, "width"), attr(m, "width"));
        snapshot("bilateral.svg", &svg);
    }

    #[test]
    fn the_partners_view_leaves_out_what_the_partner_did_not_report() {
        let data = data();
        let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
        let svg = chart::bilateral(&pair, Perspective::Partner)
            .unwrap()
            .into_svg();
        let doc = Document::parse(&svg).unwrap();
        // Türkiye reported imports from Kazakhstan for 2020-2022 and no exports to it: exports
        // bars only, no imports, turnover or balance.
        assert_eq!(rects(by_series(&doc, "exports")).len(), 3);
        for key in ["imports", "turnover", "balance"] {
            assert!(!has_series(&doc, key), "{key}");
        }
        assert_eq!(
            text_with_class(&doc, "subtitle"),
            ["From the partner's mirror figures, adjusted by the CIF/FOB factor 1.06"]
        );
        // 2021: 3.3 / 1.06 = 3.1132 billion, against 4.9 / 1.06 = 4.6226 in 2022.
        let bars = rects(by_series(&doc, "exports"));
        let ratio = attr(bars[1], "height") / attr(bars[2], "height");
        assert!((ratio - 3.3 / 4.9).abs() < 0.003, "{ratio}");
    }

    #[test]
    fn asymmetry_chart_shows_both_reports_and_the_gap() {
        let data = data();
        let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
        let svg = chart::asymmetry(&pair, Flow::Export).unwrap().into_svg();
        let doc = Document::parse(&svg).unwrap();
        // Both sides reported 2020-2022: three points each, three gap bars.
        assert_eq!(segments(by_series(&doc, "reported")).concat().len(), 3);
        assert_eq!(segments(by_series(&doc, "mirror")).concat().len(), 3);
        let bars = rects(by_series(&doc, "gap"));
        assert_eq!(bars.len(), 3);
        // Gaps 0.2, 0.3 and 0.2 billion: the 2021 bar is 1.5 times the 2020 one.
        let ratio = attr(bars[1], "height") / attr(bars[0], "height");
        assert!((ratio - 1.5).abs() < 0.02, "{ratio}");
        // Türkiye's 3.3 billion for 2021 sits 3.3 / 5 of the way up to the "5" grid line.
        let (y0, y5) = (grid_y(&doc, "0"), grid_y(&doc, "5"));
        let mirror = segments(by_series(&doc, "mirror"));
        assert!((mirror[0][1].1 - (y0 + (y5 - y0) * 0.66)).abs() < 0.2);
        // Largest gap 2021: 3.3 - 3.0 = 0.3 billion, 10% of Kazakhstan's 3.0.
        assert_eq!(
            text_with_class(&doc, "subtitle"),
            ["Largest gap 2021: 300 million USD (+10.0% of the exporter's figure)"]
        );
        snapshot("asymmetry.svg", &svg);
    }

    #[test]
    fn asymmetry_needs_a_total_flow_and_both_sides() {
        let data = data();
        let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
        assert!(matches!(
            chart::asymmetry(&pair, Flow::ReExport),
            Err(Error::InvalidArgument { .. })
        ));
        // Türkiye reported no exports to Kazakhstan: no period has both import figures.
        assert!(matches!(
            chart::asymmetry(&pair, Flow::Import),
            Err(Error::NoData { .. })
        ));
        // Turnover: each side needs both flows; Türkiye reported only imports.
        assert!(matches!(
            chart::asymmetry_of(&pair, Measure::Turnover, &Options::default()),
            Err(Error::NoData { .. })
        ));
    }
}

/// Text the SVG carries (titles, names, notes, tooltips, attributes) must parse as XML whatever
/// characters the caller's strings hold.
mod xml_text {
    use super::*;
    use tradestat::{Country, Flow, Group, TradeData, TradeRecord};

    /// XML 1.0 (fifth edition), section 2.2: `Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] |
    /// [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    fn xml_char(c: char) -> bool {
        matches!(
            u32::from(c),
            0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF
        )
    }

    /// The characters section 2.2 asks documents to avoid: `[#x7F-#x84], [#x86-#x9F],
    /// [#xFDD0-#xFDEF]` and the last two code points of planes 1 to 16.
    fn discouraged(c: char) -> bool {
        let n = u32::from(c);
        matches!(n, 0x7F..=0x84 | 0x86..=0x9F | 0xFDD0..=0xFDEF)
            || (n > 0xFFFF && (n & 0xFFFF == 0xFFFE || n & 0xFFFF == 0xFFFF))
    }

    /// What the chart writes for `text`: each character outside XML's `Char`, discouraged by it,
    /// or one a reader would not give back as written (a carriage return becomes a line feed) or
    /// that is a C1 control (U+0085, which XML 1.1 reads as a line end) becomes U+FFFD.
    fn expected(text: &str) -> String {
        text.chars()
            .map(|c| {
                if xml_char(c) && !discouraged(c) && c != '\r' && c != '\u{85}' {
                    c
                } else {
                    '\u{FFFD}'
                }
            })
            .collect()
    }

    fn the<'a>(doc: &'a Document<'a>, tag: &str) -> &'a str {
        doc.root_element()
            .children()
            .find(|n| n.has_tag_name(tag))
            .unwrap_or_else(|| panic!("no <{tag}>"))
            .text()
            .unwrap_or("")
    }

    /// Every text node and attribute value holds only characters XML allows and does not
    /// discourage.
    fn all_text_is_clean(doc: &Document<'_>) -> std::result::Result<(), String> {
        for node in doc.descendants() {
            let attrs = node.attributes().map(|a| a.value());
            for text in node.text().into_iter().chain(attrs) {
                if let Some(c) = text
                    .chars()
                    .find(|&c| expected(&c.to_string()) != c.to_string())
                {
                    return Err(format!("{c:?} in {text:?}"));
                }
            }
        }
        Ok(())
    }

    /// The case: U+FFFE and U+FFFF in a title, a series name and a group's name passed
    /// into the SVG, which XML parsers then refused.
    #[test]
    fn noncharacters_in_titles_and_names_are_replaced() {
        let options = Options::default()
            .title("Turnover \u{FFFE}\u{FFFF}")
            .source("Source: \u{FFFF}");
        let svg = chart::lines(&[("Kazakh\u{FFFE} data", &ten_percent())], &options)
            .unwrap()
            .into_svg();
        let doc = Document::parse(&svg).unwrap();
        assert_eq!(the(&doc, "title"), "Turnover \u{FFFD}\u{FFFD}");
        assert_eq!(the(&doc, "desc"), "Lines of Kazakh\u{FFFD} data");
        assert_eq!(text_with_class(&doc, "note"), ["Source: \u{FFFD}"]);
        all_text_is_clean(&doc).unwrap();

        let record = |a: Country, b: Country, flow: Flow, value: &str| {
            TradeRecord::new(a, b, period("2022"), flow, money(value))
        };
        let data = TradeData::from_records([
            record(Country::KAZ, Country::TUR, Flow::Export, "4.7 billion USD"),
            record(Country::KAZ, Country::TUR, Flow::Import, "5.0 billion USD"),
        ])
        .unwrap();
        let group = Group::custom("Steppe\u{FFFF} group")
            .member(Country::KAZ, None, None)
            .build()
            .unwrap();
        let pair = data.bilateral(&group, Country::TUR).unwrap();
        let svg = chart::bilateral(&pair, tradestat::Perspective::Reporter)
            .unwrap()
            .into_svg();
        let doc = Document::parse(&svg).unwrap();
        assert!(
            the(&doc, "title").starts_with("Steppe\u{FFFD} group and Türkiye"),
            "{}",
            the(&doc, "title")
        );
        all_text_is_clean(&doc).unwrap();
    }

    /// A character: often one XML refuses, discourages or escapes, otherwise any.
    fn tricky_char() -> impl Strategy<Value = char> {
        prop_oneof![
            2 => any::<char>(),
            1 => prop::sample::select(vec![
                '\u{0}', '\u{1}', '\t', '\n', '\r', '\u{1F}', ' ', '\u{7F}', '\u{85}', '\u{9F}',
                '\u{A0}', '\u{D7FF}', '\u{E000}', '\u{FDD0}', '\u{FDEF}', '\u{FFFD}', '\u{FFFE}',
                '\u{FFFF}', '\u{10000}', '\u{1FFFE}', '\u{10FFFF}', '\u{2028}', '<', '>', '&',
                '"', '\'', ']', 'a', 'Z', '7',
            ]),
        ]
    }

    fn tricky_text() -> impl Strategy<Value = String> {
        prop::collection::vec(tricky_char(), 0..20).prop_map(|cs| cs.into_iter().collect())
    }

    proptest! {
        /// Any title, subtitle, source, series name, font family and thousands separator give a
        /// document an XML parser reads, holding each text as written except for the characters
        /// XML does not allow or discourages, each replaced by U+FFFD.
        #[test]
        fn any_text_gives_well_formed_xml_that_keeps_it(
            title in tricky_text(),
            subtitle in tricky_text(),
            source in tricky_text(),
            name in tricky_text(),
            font in tricky_text(),
            separator in tricky_char(),
        ) {
            let values = series(&[("2021", "1500 USD"), ("2022", "2500 USD")]);
            let options = Options::default()
                .title(title.clone())
                .subtitle(subtitle.clone())
                .source(source.clone())
                .font_family(font.clone())
                .scale(Scale::Units)
                .thousands_separator(Some(separator));
            let svg = chart::lines(&[(name.as_str(), &values)], &options).unwrap().into_svg();
            let doc = match Document::parse(&svg) {
                Ok(doc) => doc,
                Err(e) => return Err(TestCaseError::fail(format!("{e}: {svg}"))),
            };
            prop_assert_eq!(the(&doc, "title"), expected(&title));
            prop_assert_eq!(the(&doc, "desc"), expected(&format!("Lines of {name}")));
            let font_family = doc.root_element().children().find(|n| n.has_tag_name("g"))
                .and_then(|g| g.attribute("font-family"));
            let font_written = expected(&font);
            prop_assert_eq!(font_family, Some(font_written.as_str()));
            // Subtitle and source are wrapped at white space: their words come back in order.
            let words = |s: &str| expected(&s.split_whitespace().collect::<Vec<_>>().join(" "));
            prop_assert_eq!(text_with_class(&doc, "subtitle").join(" "), words(&subtitle));
            prop_assert_eq!(text_with_class(&doc, "note").join(" "), words(&source));
            // 2,500 USD at the top of the axis, with the separator as written or replaced.
            let sep = expected(&separator.to_string());
            prop_assert!(texts(&doc).iter().any(|(_, t)| *t == format!("2{sep}500")), "{}", svg);
            if let Err(e) = all_text_is_clean(&doc) {
                return Err(TestCaseError::fail(e));
            }
        }
    }
}
