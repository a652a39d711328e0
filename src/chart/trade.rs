//! Charts of a pair's trade: exports and imports as bars with turnover and balance as lines
//! ([`bilateral`]), and the two sides' reports of one flow with the gap between them
//! ([`asymmetry`]).

use rust_decimal::Decimal;

use super::options::{Colour, Options};
use super::plot::{Bars, Line, Marker, Plot, Stroke, DASHES};
use super::Chart;
use crate::bilateral::Bilateral;
use crate::error::{Error, Result};
use crate::flow::{Flow, Measure};
use crate::money::Money;
use crate::period::Period;
use crate::perspective::Perspective;
use crate::rate::Rate;
use crate::series::Series;

fn points(series: &Series) -> Vec<(Period, Decimal)> {
    series.iter().map(|(p, m)| (p, m.amount())).collect()
}

/// A series, or `None` when the pair has no value for it (so that the chart shows what there is).
fn optional(result: Result<Series>) -> Result<Option<Series>> {
    match result {
        Ok(s) => Ok(Some(s)),
        Err(Error::NoData { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whose figures a perspective shows, in words for a subtitle; `factor` is the CIF/FOB factor
/// mirror figures are adjusted by.
fn whose(perspective: Perspective, factor: Decimal) -> String {
    match perspective {
        Perspective::Reporter => "the reporter's own figures".to_owned(),
        Perspective::Partner => {
            format!("the partner's mirror figures, adjusted by the CIF/FOB factor {factor}")
        }
        Perspective::Mean => format!(
            "the mean of both sides' figures where both reported (mirror figures adjusted by \
             {factor})"
        ),
        Perspective::Larger => {
            format!("the larger of both sides' figures (mirror figures adjusted by {factor})")
        }
        Perspective::ReporterThenPartner => format!(
            "the reporter's figures, the partner's (adjusted by {factor}) where the reporter has \
             none"
        ),
        Perspective::Reconciled => format!(
            "both sides' figures weighted by their reliability where both reported (mirror \
             figures adjusted by {factor})"
        ),
    }
}

pub(super) fn bilateral(
    pair: &Bilateral<'_>,
    perspective: Perspective,
    options: &Options,
) -> Result<Chart> {
    let exports = optional(pair.exports(perspective))?;
    let imports = optional(pair.imports(perspective))?;
    let turnover = optional(pair.turnover(perspective))?;
    let balance = optional(pair.balance(perspective))?;
    let Some(currency) = [&exports, &imports]
        .into_iter()
        .flatten()
        .map(Series::currency)
        .next()
    else {
        return Err(Error::NoData {
            what: format!("exports or imports ({perspective}) to chart"),
        });
    };
    let palette = &options.palette;
    let mut bars = Vec::new();
    for (name, key, series, colour) in [
        ("Exports", "exports", &exports, palette.colour(0)),
        ("Imports", "imports", &imports, palette.colour(1)),
    ] {
        if let Some(s) = series {
            bars.push(Bars {
                name: name.to_owned(),
                key: key.to_owned(),
                colour,
                points: points(s),
            });
        }
    }
    let mut lines = Vec::new();
    for (name, key, series, colour, dash, marker) in [
        (
            "Turnover (exports + imports)",
            "turnover",
            &turnover,
            palette.colour(2),
            DASHES[0],
            Marker::Circle,
        ),
        (
            "Balance (exports \u{2212} imports)",
            "balance",
            &balance,
            palette.colour(3),
            DASHES[1],
            Marker::Square,
        ),
    ] {
        if let Some(s) = series {
            lines.push(Line {
                name: name.to_owned(),
                key: key.to_owned(),
                stroke: Stroke {
                    colour,
                    dash,
                    marker,
                },
                points: points(s),
                end_label: None,
            });
        }
    }
    let periods: Vec<Period> = bars
        .iter()
        .flat_map(|b| b.points.iter().map(|(p, _)| *p))
        .collect();
    let span = match (periods.iter().min(), periods.iter().max()) {
        (Some(a), Some(b)) if a != b => format!(", {a}\u{2013}{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    let plot = Plot {
        title: format!(
            "{}: exports, imports, turnover and balance{span}",
            pair_name(pair)
        ),
        subtitle: Some(format!("From {}", whose(perspective, pair.cif_fob()))),
        description: format!(
            "Bars of exports and imports per period, lines of turnover and balance, from {}; \
             periods without figures are gaps",
            whose(perspective, pair.cif_fob())
        ),
        currency,
        bars,
        bands: Vec::new(),
        lines,
        points: Vec::new(),
        rules: Vec::new(),
        bars_first: true,
    };
    Ok(Chart {
        svg: plot.render(options)?,
    })
}

/// The measure a total flow is compared as.
pub(super) fn measure_of(flow: Flow) -> Result<Measure> {
    match flow {
        Flow::Export => Ok(Measure::Exports),
        Flow::Import => Ok(Measure::Imports),
        other => Err(Error::InvalidArgument {
            reason: format!(
                "a mirror comparison is of total exports or imports, not {other}: \
                 the partner does not report {other}s as such"
            ),
        }),
    }
}

pub(super) fn asymmetry(
    pair: &Bilateral<'_>,
    measure: Measure,
    options: &Options,
) -> Result<Chart> {
    let gaps = pair.asymmetry(measure)?;
    let Some(first) = gaps.first() else {
        return Err(Error::NoData {
            what: format!("{measure} reported by both sides"),
        });
    };
    let currency = first.reported.currency();
    let (own, mirror, gap_words) = match measure {
        Measure::Exports => (
            "Exports, as the exporter reports them (FOB)",
            "The same goods as the importer reports them (imports, CIF)",
            "importer's figure \u{2212} exporter's",
        ),
        Measure::Imports => (
            "Imports, as the importer reports them (CIF)",
            "The same goods as the exporter reports them (exports, FOB)",
            "exporter's figure \u{2212} importer's",
        ),
        Measure::Turnover => (
            "Turnover, as the reporter reports it",
            "Turnover, as the partner reports it",
            "partner's figure \u{2212} reporter's",
        ),
    };
    let palette = &options.palette;
    let mut differences = Vec::new();
    let mut largest: Option<(Period, Money, Decimal)> = None;
    for g in &gaps {
        let difference = g.difference()?;
        if largest
            .as_ref()
            .is_none_or(|(_, d, _)| difference.amount().abs() > d.amount().abs())
        {
            let relative = g.relative().map(Decimal::from).unwrap_or(Decimal::ZERO);
            largest = Some((g.period, difference, relative));
        }
        differences.push((g.period, difference.amount()));
    }
    let subtitle = match &largest {
        Some((period, difference, relative)) => format!(
            "Largest gap {period}: {} ({:+.1} of the {} figure)",
            difference.human_with(2),
            Rate::from_fraction(*relative),
            match measure {
                Measure::Exports => "exporter's",
                Measure::Imports => "importer's",
                Measure::Turnover => "reporter's",
            }
        ),
        None => String::new(),
    };
    let line = |name: &str,
                key: &str,
                colour: Colour,
                index: usize,
                marker: Marker,
                values: Vec<(Period, Decimal)>| Line {
        name: name.to_owned(),
        key: key.to_owned(),
        stroke: Stroke {
            colour,
            dash: DASHES[index],
            marker,
        },
        points: values,
        end_label: None,
    };
    let plot = Plot {
        title: format!("{}: {measure} as each side reports them", pair_name(pair)),
        subtitle: Some(subtitle),
        description: format!(
            "Each side's figure for the same {measure} per period where both reported, and the \
             gap between them ({gap_words}) as bars"
        ),
        currency,
        bars: vec![Bars {
            name: format!("Gap: {gap_words}"),
            key: "gap".to_owned(),
            colour: Colour::rgb(0xbb, 0xbb, 0xbb),
            points: differences,
        }],
        bands: Vec::new(),
        lines: vec![
            line(
                own,
                "reported",
                palette.colour(0),
                0,
                Marker::Circle,
                gaps.iter()
                    .map(|g| (g.period, g.reported.amount()))
                    .collect(),
            ),
            line(
                mirror,
                "mirror",
                palette.colour(1),
                1,
                Marker::Square,
                gaps.iter().map(|g| (g.period, g.mirror.amount())).collect(),
            ),
        ],
        points: Vec::new(),
        rules: Vec::new(),
        bars_first: false,
    };
    Ok(Chart {
        svg: plot.render(options)?,
    })
}

/// "Kazakhstan and Türkiye": the pair's sides as the title names them.
fn pair_name(pair: &Bilateral<'_>) -> String {
    let (a, b) = pair.sides();
    format!("{a} and {b}")
}
