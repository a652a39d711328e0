//! The target chart: observed values, the path a target requires, the trend's projection, the goal
//! and the deadline, with the verdict of [`Target::assess`] as the subtitle.

use rust_decimal::Decimal;

use super::options::Options;
use super::plot::{Band, Line, Marker, Plot, Point, Rule, Stroke, DASHES};
use super::Chart;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};
use crate::projection;
use crate::rate::Rate;
use crate::ratio::Ratio;
use crate::series::Series;
use crate::target::Target;

/// "a year", "a quarter", "a month": the unit of a rate per period.
pub(crate) fn per(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Annual => "a year",
        Frequency::Quarterly => "a quarter",
        Frequency::Monthly => "a month",
    }
}

fn points(series: &Series) -> Vec<(Period, Decimal)> {
    series.iter().map(|(p, m)| (p, m.amount())).collect()
}

pub(super) fn chart(target: &Target, observed: &Series, options: &Options) -> Result<Chart> {
    let (last_period, last) = observed.last();
    target
        .base_value()
        .same_currency(&last, "chart a target against")?;
    let frequency = target.base_period().frequency();
    if observed.frequency() != frequency {
        return Err(Error::MixedFrequency {
            expected: frequency,
            found: last_period,
        });
    }
    // One observation has no trend: the chart then shows the path and the goal only.
    let assessment = match target.assess(observed) {
        Ok(a) => Some(a),
        Err(Error::TooFewValues { .. }) if observed.len() < 2 => None,
        Err(e) => return Err(e),
    };
    let per = per(frequency);
    let required = target.required_rate()?;
    let path = target.path(required)?;
    let palette = &options.palette;

    let mut lines = vec![Line {
        name: "Observed".to_owned(),
        key: "observed".to_owned(),
        stroke: Stroke {
            colour: palette.colour(0),
            dash: None,
            marker: Marker::Circle,
        },
        points: points(observed),
        end_label: None,
    }];
    lines.push(Line {
        name: format!(
            "Required path: {required:.1} {per} from {}",
            target.base_period()
        ),
        key: "required".to_owned(),
        stroke: Stroke {
            colour: palette.colour(3),
            dash: DASHES[1],
            marker: Marker::None,
        },
        points: points(&path),
        end_label: None,
    });
    let mut description = format!(
        "Observed values from {} to {last_period}; the path from {} in {} to the goal of {} in {} \
         at {required:.1} {per}",
        observed.first().0,
        target.base_value().human_with(2),
        target.base_period(),
        target.goal().human_with(2),
        target.deadline(),
    );
    let mut bands = Vec::new();
    if let Some(a) = &assessment {
        let trend = a.trend;
        let remaining = last_period.periods_until(target.deadline())?;
        if let Ok(periods @ 1..) = u32::try_from(remaining) {
            // The fitted line, over the data and on to the deadline: the trend by the fit.
            let fit = projection::trend(observed)?;
            let mut fit_points = Vec::new();
            let mut period = observed.first().0;
            while period <= target.deadline() {
                fit_points.push((period, fit.fitted(period)?.amount()));
                period = period.succ()?;
            }
            lines.push(Line {
                name: format!(
                    "Trend by the fit: {trend:.1} {per}, {} in {}",
                    a.projected_by_fit.human_significant(3),
                    target.deadline()
                ),
                key: "trend-fit".to_owned(),
                stroke: Stroke {
                    colour: palette.colour(4),
                    dash: None,
                    marker: Marker::None,
                },
                points: fit_points,
                end_label: Some("fit".to_owned()),
            });
            // The same rate continued from the last observation: the trend from the last.
            let projection = projection::compound(observed, trend, periods)?;
            let mut trend_points = vec![(last_period, last.amount())];
            trend_points.extend(points(&projection));
            // The line ends exactly where the verdict says.
            if let Some(end) = trend_points.last_mut() {
                end.1 = a.projected.amount();
            }
            lines.push(Line {
                name: format!(
                    "Trend from the last value: {trend:.1} {per} from {last_period}, {} in {}",
                    a.projected.human_significant(3),
                    target.deadline()
                ),
                key: "trend".to_owned(),
                stroke: Stroke {
                    colour: palette.colour(5),
                    dash: DASHES[3],
                    marker: Marker::None,
                },
                points: trend_points,
                end_label: Some("from last".to_owned()),
            });
            description.push_str(&format!(
                "; the fitted trend of {trend:.1} {per} leads to {} in {}, continued from the last \
                 value to {}",
                a.projected_by_fit.human_with(2),
                target.deadline(),
                a.projected.human_with(2)
            ));
            if let Some(o) = &a.outlook {
                let band = interval_band(target, observed, o.confidence)?;
                description.push_str(&format!(
                    "; {:.0} prediction interval {} to {} in {}",
                    Rate::from_fraction(o.confidence.value()),
                    o.low.human_with(2),
                    o.high.human_with(2),
                    target.deadline()
                ));
                bands.push(Band {
                    name: format!(
                        "{:.0} prediction interval of the fit",
                        Rate::from_fraction(o.confidence.value())
                    ),
                    key: "interval".to_owned(),
                    colour: palette.colour(4),
                    points: band,
                });
            }
        }
    }
    let subtitle = match &assessment {
        Some(a) => match a.required {
            Some(r) => {
                let mut text = format!(
                    "{}: trend {:.1} {per}, {r:.1} {per} needed from {}",
                    a.status, a.trend, a.required_from
                );
                if let Some(o) = &a.outlook {
                    text.push_str(&format!(
                        "; {:.0} chance of {} by {}",
                        Rate::from_fraction(o.probability.value()),
                        target.goal().human_significant(3),
                        target.deadline()
                    ));
                }
                text
            }
            // The deadline is not after the last observation: say whether the goal was met.
            None => match a.reached_in {
                Some(p) => format!("{}: trend {:.1} {per}; goal met in {p}", a.status, a.trend),
                None => format!(
                    "{}: trend {:.1} {per}; goal not met by {}",
                    a.status,
                    a.trend,
                    target.deadline()
                ),
            },
        },
        None => format!(
            "{required:.1} {per} needed from {} to {}; one observation, no trend",
            target.base_period(),
            target.deadline()
        ),
    };
    let plot = Plot {
        title: format!(
            "Target: {} in {} to {} by {}",
            target.base_value().human_with(2),
            target.base_period(),
            target.goal().human_with(2),
            target.deadline()
        ),
        subtitle: Some(subtitle),
        description,
        currency: target.goal().currency(),
        bars: Vec::new(),
        bands,
        lines,
        points: vec![Point {
            name: format!(
                "Goal: {} by {}",
                target.goal().human_with(2),
                target.deadline()
            ),
            key: "goal".to_owned(),
            colour: palette.colour(2),
            marker: Marker::Diamond,
            period: target.deadline(),
            value: target.goal().amount(),
            label: Some("goal".to_owned()),
        }],
        rules: vec![Rule {
            key: "deadline".to_owned(),
            period: target.deadline(),
            label: format!("deadline {}", target.deadline()),
        }],
        bars_first: false,
    };
    Ok(Chart {
        svg: plot.render(options)?,
    })
}

/// The fitted line's prediction interval at `confidence` for each period from the last
/// observation to the deadline, as [`Target::outlook`] gives it at the deadline.
fn interval_band(
    target: &Target,
    observed: &Series,
    confidence: Ratio,
) -> Result<Vec<(Period, Decimal, Decimal)>> {
    let log_points = observed.log_points()?;
    let first = observed.first().0;
    let mut band = Vec::new();
    let mut period = observed.last().0;
    while period <= target.deadline() {
        let t = first.periods_until(period)?;
        let o = crate::math::uncertainty::fit_outlook(
            &log_points,
            t,
            target.goal().amount(),
            target.is_falling(),
            confidence.value(),
        )?;
        band.push((period, o.low, o.high));
        period = period.succ()?;
    }
    Ok(band)
}
