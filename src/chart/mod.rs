//! Charts as SVG: a target's path against the data, a pair's trade, and the two sides'
//! disagreement.
//!
//! Enabled by the `chart` feature. The SVG is written directly by this module, with no drawing
//! library, no system fonts and no native code: the picture's layout (where labels go, how much
//! room they get) is decided here, and the same input always gives the same text, which snapshot
//! tests compare. Text widths are estimates for a face as wide as DejaVu Sans, so labels get room
//! to spare in narrower faces.
//!
//! The charts look like those in a statistics office's report: a title and a one-line subtitle,
//! the unit over the value axis ("billion USD"), axis labels with thousands separators, a legend,
//! periods at their real spacing (a missing year is a gap in the line), and the Okabe-Ito palette
//! with a distinct dash pattern and marker for each series, so that a chart survives greyscale
//! printing and colour blindness. [`Options`] changes the title, size, scale and colours.
//!
//! Pixel positions are computed in `f64`: they are drawing coordinates, not results. Every number
//! written as text (axis ticks, end labels, the verdict) comes from exact `Decimal`s.
//!
//! ```
//! use tradestat::{chart, Series, Target};
//!
//! let observed = Series::from_pairs([
//!     ("2020".parse()?, "3.1 billion USD".parse()?),
//!     ("2021".parse()?, "4.1 billion USD".parse()?),
//!     ("2022".parse()?, "6.3 billion USD".parse()?),
//! ])?;
//! let target = Target::new(
//!     "2022".parse()?,
//!     "6.3 billion USD".parse()?,
//!     "10 billion USD".parse()?,
//!     "2030".parse()?,
//! )?;
//! let picture = chart::target(&target, &observed)?;
//! assert!(picture.svg().starts_with("<svg"));
//! assert!(picture.svg().contains("billion USD"));
//! // picture.write_to("target.svg")?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod axis;
mod options;
mod plot;
mod svg;
mod targets;
mod trade;
mod widths;

use plot::{Line, Plot, Stroke, DASHES, MARKERS};

use std::fmt;
use std::path::Path;

pub use options::{Colour, Options, Palette};

use crate::bilateral::Bilateral;
use crate::error::{Error, Result};
use crate::flow::{Flow, Measure};
use crate::perspective::Perspective;
use crate::series::Series;
use crate::target::Target;

/// A finished chart: SVG text, ready to write to a file or embed in a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    svg: String,
}

impl Chart {
    /// The SVG document.
    pub fn svg(&self) -> &str {
        &self.svg
    }

    /// The SVG document, owned.
    pub fn into_svg(self) -> String {
        self.svg
    }

    /// Writes the SVG document to `path`, replacing the file if it exists.
    ///
    /// # Errors
    /// The I/O error of [`std::fs::write`] (a missing folder, no permission): writing a file is not
    /// a statistics error, so it is not wrapped in [`crate::Error`].
    pub fn write_to(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, &self.svg)
    }
}

impl fmt::Display for Chart {
    /// Writes the SVG document.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.svg)
    }
}

impl From<Chart> for String {
    fn from(chart: Chart) -> String {
        chart.svg
    }
}

/// A target against the data: the `observed` series, the compound path from the target's base to
/// its goal, the projection [`Target::assess`] makes (from the last observation at the trend rate,
/// ending where the verdict says), the goal as a marked point, the deadline as a vertical line, and
/// the verdict as the subtitle ("behind: trend 5.9% a year, 7.4% needed"). With a single
/// observation there is no trend: the chart shows the path and the goal. When the data already
/// reaches the deadline there is nothing to project: the subtitle says when the goal was met
/// ("on track: trend 10.0% a year; goal met in 2024"). A falling goal is drawn the same way down.
///
/// # Errors
/// [`Error::CurrencyMismatch`] and
/// [`Error::MixedFrequency`] when the series does not match the
/// target; the errors of [`Target::assess`] other than too few values (a zero or negative value has
/// no trend); [`Error::InvalidArgument`] when the size leaves no
/// room for the plot.
pub fn target(target: &Target, observed: &Series) -> Result<Chart> {
    targets::chart(target, observed, &Options::default())
}

/// [`target`] with [`Options`].
///
/// # Errors
/// As [`target`].
pub fn target_with(target: &Target, observed: &Series, options: &Options) -> Result<Chart> {
    targets::chart(target, observed, options)
}

/// A pair's trade per period under a [`Perspective`]: exports and imports as bars side by side,
/// turnover and balance as lines (the balance may be negative: the value axis then runs through
/// zero). Periods without figures are gaps. A series the pair has no figures for is left out.
///
/// ```
/// use tradestat::{chart, Country, Flow, Money, Perspective, Period, TradeData, TradeRecord};
/// let record = |year, flow, value: &str| -> Result<TradeRecord, tradestat::Error> {
///     Ok(TradeRecord::new(Country::KAZ, Country::TUR, Period::year(year)?, flow, value.parse::<Money>()?))
/// };
/// let data = TradeData::from_records([
///     record(2021, Flow::Export, "$3.0bn")?,
///     record(2021, Flow::Import, "$1.1bn")?,
///     record(2022, Flow::Export, "$4.7bn")?,
///     record(2022, Flow::Import, "$1.6bn")?,
/// ])?;
/// let pair = data.bilateral(Country::KAZ, Country::TUR)?;
/// let picture = chart::bilateral(&pair, Perspective::Reporter)?;
/// assert!(picture.svg().contains("data-series=\"balance\""));
/// # Ok::<(), tradestat::Error>(())
/// ```
///
/// # Errors
/// [`Error::NoData`] when the pair has neither exports nor imports under the perspective; the
/// errors of [`Bilateral::exports`]; [`Error::InvalidArgument`] when the size leaves no room.
pub fn bilateral(pair: &Bilateral<'_>, perspective: Perspective) -> Result<Chart> {
    trade::bilateral(pair, perspective, &Options::default())
}

/// [`bilateral`] with [`Options`].
///
/// # Errors
/// As [`bilateral`].
pub fn bilateral_with(
    pair: &Bilateral<'_>,
    perspective: Perspective,
    options: &Options,
) -> Result<Chart> {
    trade::bilateral(pair, perspective, options)
}

/// The two sides' reports of one total flow per period where both reported, as lines, and the
/// gap between them as bars: for [`Flow::Export`], a's exports to b (FOB) against b's imports
/// from a (CIF, unadjusted, as [`Bilateral::asymmetry`]); for [`Flow::Import`] the other way
/// round. The subtitle names the largest gap.
///
/// # Errors
/// [`Error::InvalidArgument`] for a flow other than [`Flow::Export`] or [`Flow::Import`];
/// [`Error::NoData`] when no period has both figures; [`Error::InvalidArgument`] when the size
/// leaves no room.
pub fn asymmetry(pair: &Bilateral<'_>, flow: Flow) -> Result<Chart> {
    trade::asymmetry(pair, trade::measure_of(flow)?, &Options::default())
}

/// [`asymmetry`] with [`Options`].
///
/// # Errors
/// As [`asymmetry`].
pub fn asymmetry_with(pair: &Bilateral<'_>, flow: Flow, options: &Options) -> Result<Chart> {
    trade::asymmetry(pair, trade::measure_of(flow)?, options)
}

/// [`asymmetry`] for a [`Measure`], including turnover (each side's exports plus imports, in the
/// periods where each side reported both).
///
/// # Errors
/// As [`asymmetry`].
pub fn asymmetry_of(pair: &Bilateral<'_>, measure: Measure, options: &Options) -> Result<Chart> {
    trade::asymmetry(pair, measure, options)
}

/// Any series as lines, one per `(name, series)` pair in the legend, each with its own colour,
/// dash pattern and marker; missing periods are gaps. The title comes from the options (or the
/// names).
///
/// ```
/// use tradestat::{chart, Series};
/// let kz = Series::from_pairs([
///     ("2021".parse()?, "4.1 billion USD".parse()?),
///     ("2022".parse()?, "6.3 billion USD".parse()?),
/// ])?;
/// let picture = chart::lines(&[("Kazakh statistics", &kz)], &chart::Options::default())?;
/// assert_eq!(picture.svg().matches("data-series=\"series-1\"").count(), 1);
/// # Ok::<(), tradestat::Error>(())
/// ```
///
/// # Errors
/// [`Error::TooFewValues`] for no series; [`Error::CurrencyMismatch`] and
/// [`Error::MixedFrequency`] across series; [`Error::InvalidArgument`] when the size leaves no
/// room for the plot.
pub fn lines(series: &[(&str, &Series)], options: &Options) -> Result<Chart> {
    let Some((_, first)) = series.first() else {
        return Err(Error::TooFewValues {
            operation: "a chart",
            needed: 1,
            got: 0,
        });
    };
    let currency = first.currency();
    let mut drawn = Vec::new();
    for (i, (name, s)) in series.iter().enumerate() {
        first
            .last()
            .1
            .same_currency(&s.last().1, "chart together")?;
        drawn.push(Line {
            name: (*name).to_owned(),
            key: format!("series-{}", i + 1),
            stroke: Stroke {
                colour: options.palette.colour(i),
                dash: DASHES[i % DASHES.len()],
                marker: MARKERS[i % MARKERS.len()],
            },
            points: s.iter().map(|(p, m)| (p, m.amount())).collect(),
            end_label: None,
        });
    }
    let names: Vec<&str> = series.iter().map(|(n, _)| *n).collect();
    let plot = Plot {
        title: names.join(", "),
        subtitle: None,
        description: format!("Lines of {}", names.join(", ")),
        currency,
        bars: Vec::new(),
        bands: Vec::new(),
        lines: drawn,
        points: Vec::new(),
        rules: Vec::new(),
        bars_first: false,
    };
    Ok(Chart {
        svg: plot.render(options)?,
    })
}
