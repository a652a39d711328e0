//! The target chart: observed values, the path a target requires, the trend's projection, the goal
//! and the deadline, with the verdict of [`Target::assess`] as the subtitle.

use rust_decimal::Decimal;

use super::options::Options;
use super::plot::{Line, Marker, Plot, Point, Rule, Stroke, DASHES};
use super::Chart;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};
use crate::projection;
use crate::series::Series;
use crate::target::{Assessment, Target};

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
    if let Some(Assessment {
        trend, projected, ..
    }) = &assessment
    {
        let remaining = last_period.periods_until(target.deadline())?;
        if let Ok(periods @ 1..) = u32::try_from(remaining) {
            let projection = projection::compound(observed, *trend, periods)?;
            let mut trend_points = vec![(last_period, last.amount())];
            trend_points.extend(points(&projection));
            // The line ends exactly where the verdict says.
            if let Some(end) = trend_points.last_mut() {
                end.1 = projected.amount();
            }
            lines.push(Line {
                name: format!("Trend: {trend:.1} {per} from {last_period} (log-linear fit)"),
                key: "trend".to_owned(),
                stroke: Stroke {
                    colour: palette.colour(1),
                    dash: DASHES[2],
                    marker: Marker::None,
                },
                points: trend_points,
                end_label: Some("trend".to_owned()),
            });
            description.push_str(&format!(
                "; the trend of {trend:.1} {per} leads to {} in {}",
                projected.human_with(2),
                target.deadline()
            ));
        }
    }
    let subtitle = match &assessment {
        Some(a) => match a.required {
            Some(r) => format!("{}: trend {:.1} {per}, {r:.1} needed", a.status, a.trend),
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
