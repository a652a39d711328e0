//! The target chart names both trends and shows the fitted line's prediction interval as a band,
//! with the probability in the subtitle (issue 20), on the seed's published Kazakh-side
//! turnover. Expected figures come from tools/trend_reference.py (statsmodels and scipy).

#![cfg(feature = "chart")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roxmltree::{Document, Node};
use tradestat::chart;
use tradestat::io::long::{Filter, LongReader};
use tradestat::{Currency, Scale, Series, Target};

const PUBLISHED: &str = include_str!("data/kaz_tur_published.csv");

fn kazakh_turnover() -> Series {
    LongReader::new("value_usd")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Units)
        .notes("#")
        .filter(Filter::equals("metric", "turnover"))
        .filter(Filter::starts_with("data_side", "KZ"))
        .series(PUBLISHED.as_bytes())
        .unwrap()
        .0
}

fn seed_target() -> Target {
    Target::starting("2022".parse().unwrap(), "6.3 billion USD".parse().unwrap())
        .goal("10 billion USD".parse().unwrap())
        .by("2030".parse().unwrap())
        .unwrap()
}

fn by_series<'a>(doc: &'a Document<'a>, key: &str) -> Node<'a, 'a> {
    doc.descendants()
        .find(|n| n.attribute("data-series") == Some(key))
        .unwrap_or_else(|| panic!("no element with data-series={key:?}"))
}

fn path_of<'a>(group: Node<'a, 'a>) -> Node<'a, 'a> {
    group.children().find(|n| n.has_tag_name("path")).unwrap()
}

fn coordinates(path: Node<'_, '_>) -> Vec<(f64, f64)> {
    let d = path.attribute("d").unwrap().replace(['M', 'L', 'Z'], " ");
    let numbers: Vec<f64> = d.split_whitespace().map(|t| t.parse().unwrap()).collect();
    numbers.chunks(2).map(|c| (c[0], c[1])).collect()
}

fn texts<'a>(doc: &'a Document<'a>) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or(""))
        .collect()
}

/// The y of the grid line labelled `label`.
fn grid_y(doc: &Document<'_>, label: &str) -> f64 {
    let axis = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("y-axis"))
        .unwrap();
    let children: Vec<Node<'_, '_>> = axis.children().filter(|n| n.is_element()).collect();
    let at = children
        .iter()
        .position(|n| n.has_tag_name("text") && n.text() == Some(label))
        .unwrap();
    children[at - 1].attribute("y1").unwrap().parse().unwrap()
}

#[test]
fn the_seed_chart_names_both_trends_and_draws_the_interval() {
    let svg = chart::target(&seed_target(), &kazakh_turnover())
        .unwrap()
        .into_svg();
    let doc = Document::parse(&svg).unwrap();
    let all = texts(&doc);
    // Subtitle: trend exp(0.0525142) - 1 = 5.39%, needed (10/5.4)^(1/5) - 1 = 13.12% from the
    // last observation (2025), and statsmodels' 0.19899 chance, to the nearest percent.
    assert!(
        all.contains(
            &"behind: trend 5.4% a year, 13.1% a year needed from 2025; 20% chance of 10 billion USD by 2030"
        ),
        "{all:?}"
    );
    // The legend names both trends and the band.
    for entry in [
        "Trend by the fit: 5.4% a year, 6.45 billion USD in 2030",
        "Trend from the last value: 5.4% a year from 2025, 7.02 billion USD in 2030",
        "90% prediction interval of the fit",
    ] {
        assert!(all.contains(&entry), "{entry} not in {all:?}");
    }
    // The fitted line is solid, in bluish green (not the faint dotted yellow/orange of old).
    let fit = path_of(by_series(&doc, "trend-fit"));
    assert_eq!(fit.attribute("stroke-dasharray"), None);
    assert_eq!(fit.attribute("stroke"), Some("#009e73"));
    // The band: 2025 to 2030 along the lows, back along the highs: 12 corners.
    let band = coordinates(path_of(by_series(&doc, "interval")));
    assert_eq!(band.len(), 12);
    // At 2030 (corners 5 and 6): 2.6269 and 15.856 billion (statsmodels' obs_ci), on an axis of
    // 0 to 20 billion.
    let zero = grid_y(&doc, "0");
    let twenty = grid_y(&doc, "20");
    let y_of = |bn: f64| zero + (twenty - zero) * bn / 20.0;
    assert!(
        (band[5].1 - y_of(2.626_894_333_8)).abs() < 0.2,
        "{:?}",
        band[5]
    );
    assert!(
        (band[6].1 - y_of(15.856_090_823)).abs() < 0.2,
        "{:?}",
        band[6]
    );
    assert_eq!(band[5].0, band[6].0);
    // The fitted line ends in the middle of the band (on the log scale): 6.4539 billion.
    let fit_end = *coordinates(fit).last().unwrap();
    assert!((fit_end.1 - y_of(6.453_857_384)).abs() < 0.2, "{fit_end:?}");
}

#[test]
fn an_exact_series_has_no_band_and_no_probability() {
    // 100, 110, 121: on the line; the outlook is undefined, so neither band nor chance.
    let observed = Series::from_values(
        "2020".parse().unwrap(),
        &[100.into(), 110.into(), 121.into()],
        Currency::USD,
    )
    .unwrap();
    let target = Target::starting("2022".parse().unwrap(), "121 USD".parse().unwrap())
        .goal("200 USD".parse().unwrap())
        .by("2027".parse().unwrap())
        .unwrap();
    let svg = chart::target(&target, &observed).unwrap().into_svg();
    let doc = Document::parse(&svg).unwrap();
    assert!(!doc
        .descendants()
        .any(|n| n.attribute("data-series") == Some("interval")));
    assert!(!texts(&doc).iter().any(|t| t.contains("chance")));
}
