//! Axes: "nice" value ticks (steps of 1, 2, 2.5 or 5 times a power of ten, computed exactly in
//! `Decimal` so that labels read "2.5", never "2.4999999"), labels with thousands separators, period
//! ticks that fit their labels, and estimates of text width.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::widths;
use crate::error::{Error, Result};
use crate::period::{Frequency, Period};

/// Value ticks from at or below `low` to at or above `high`, about `count` intervals, always
/// including zero when the range spans it.
pub(crate) fn nice_ticks(low: Decimal, high: Decimal, count: u32) -> Result<Vec<Decimal>> {
    let overflow = || Error::overflow("chart axis", format!("range {low} to {high}"));
    let (mut low, mut high) = (low.min(high), low.max(high));
    if low == high {
        // A flat series: the axis runs from zero to it (or 0 to 1 for zeros).
        if low.is_zero() {
            high = Decimal::ONE;
        } else if low.is_sign_negative() {
            high = Decimal::ZERO;
        } else {
            low = Decimal::ZERO;
        }
    }
    let span = high.checked_sub(low).ok_or_else(overflow)?;
    let raw = span
        .checked_div(Decimal::from(count.max(1)))
        .ok_or_else(overflow)?;
    // The power of ten at or below the raw step; both loops are bounded by Decimal's 28 digits.
    let ten = Decimal::TEN;
    let mut power = Decimal::ONE;
    for _ in 0..30 {
        match power.checked_mul(ten) {
            Some(next) if next <= raw => power = next,
            _ => break,
        }
    }
    for _ in 0..30 {
        if power <= raw {
            break;
        }
        power /= ten;
    }
    if power.is_zero() {
        power = Decimal::new(1, 28);
    }
    let step = [
        Decimal::ONE,
        Decimal::TWO,
        Decimal::new(25, 1),
        Decimal::new(5, 0),
        Decimal::TEN,
    ]
    .into_iter()
    .filter_map(|m| m.checked_mul(power))
    .find(|s| *s >= raw)
    .ok_or_else(overflow)?
    .normalize();
    let first = low
        .checked_div(step)
        .and_then(|q| q.floor().checked_mul(step))
        .ok_or_else(overflow)?;
    let last = high
        .checked_div(step)
        .and_then(|q| q.ceil().checked_mul(step))
        .ok_or_else(overflow)?;
    let mut ticks = Vec::new();
    let mut tick = first;
    // At most count + 2 intervals: the nice step is at least the raw step.
    for _ in 0..(count * 2 + 3) {
        ticks.push(tick);
        if tick >= last {
            break;
        }
        tick = tick.checked_add(step).ok_or_else(overflow)?;
    }
    Ok(ticks)
}

/// The number of decimals the labels of `ticks` need (that of the step between them).
pub(crate) fn tick_decimals(ticks: &[Decimal]) -> u32 {
    match ticks {
        [a, b, ..] => (*b - *a).normalize().scale(),
        [a] => a.normalize().scale(),
        [] => 0,
    }
}

/// `value` rounded half to even to `decimals` places, with `separator` between groups of three
/// integer digits ("12,345.6"); a minus sign as "−" (U+2212) as typesetters write it.
pub(crate) fn format_number(value: Decimal, decimals: u32, separator: Option<char>) -> String {
    let mut rounded =
        value.round_dp_with_strategy(decimals.min(28), RoundingStrategy::MidpointNearestEven);
    rounded.rescale(decimals.min(28));
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = rounded.abs().to_string();
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    if negative {
        out.push('\u{2212}');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if let Some(sep) = separator {
            if i > 0 && (digits - i) % 3 == 0 {
                out.push(sep);
            }
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// An estimate of the width of `text` in pixels at `size` pixels: DejaVu Sans' own advance widths
/// for ASCII (the first face the SVG asks for; Arial and Helvetica are narrower), a wide letter for
/// anything else, and 5% to spare.
pub(crate) fn text_width(text: &str, size: f64) -> f64 {
    width_in(text, size, &widths::REGULAR, 800)
}

/// As [`text_width`], for bold text.
pub(crate) fn bold_text_width(text: &str, size: f64) -> f64 {
    width_in(text, size, &widths::BOLD, 870)
}

fn width_in(text: &str, size: f64, table: &[u16; 95], other: u16) -> f64 {
    let thousandths: u32 = text
        .chars()
        .map(|c| {
            let code = u32::from(c);
            let width = match code {
                32..=126 => table.get((code - 32) as usize).copied().unwrap_or(other),
                // Thin and narrow no-break spaces.
                0x2009 | 0x202f => 200,
                // CJK and other full-width scripts.
                0x2e80.. => 1000,
                _ => other,
            };
            u32::from(width)
        })
        .sum();
    f64::from(thousandths) / 1000.0 * size * 1.05
}

/// Splits `text` into lines no wider than `width` pixels at `size`, at spaces; a single word wider
/// than the line stays whole on its own line.
pub(crate) fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    wrap_with(text, width, |t| text_width(t, size))
}

/// As [`wrap`], for bold text.
pub(crate) fn wrap_bold(text: &str, size: f64, width: f64) -> Vec<String> {
    wrap_with(text, width, |t| bold_text_width(t, size))
}

fn wrap_with(text: &str, width: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= width || line.is_empty() {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Days from 1970-01-01 to the first day of `period`: the x position of a period.
pub(crate) fn day_number(period: Period) -> f64 {
    let days = period
        .first_day()
        .signed_duration_since(chrono::NaiveDate::default())
        .num_days();
    days.to_f64().unwrap_or(0.0)
}

/// The average length of a period of `frequency`, in days.
pub(crate) fn period_days(frequency: Frequency) -> f64 {
    365.2425 / f64::from(frequency.periods_per_year())
}

/// Period ticks between `first` and `last` (inclusive) whose labels fit `width` pixels at `size`:
/// every period if they fit, else every 2nd, 5th, 10th... year, or whole years for quarters and
/// months. Returns each tick's period and label.
pub(crate) fn period_ticks(
    first: Period,
    last: Period,
    width: f64,
    size: f64,
) -> Result<Vec<(Period, String)>> {
    let frequency = first.frequency();
    let per_year = i64::from(frequency.periods_per_year());
    let count = first.periods_until(last)?.max(0) + 1;
    let pixels_per_period = width / count.to_f64().unwrap_or(1.0);
    // Steps in periods: within a year first, then whole years.
    let mut steps: Vec<i64> = match frequency {
        Frequency::Annual => vec![],
        Frequency::Quarterly => vec![1, 2],
        Frequency::Monthly => vec![1, 2, 3, 6],
    };
    for years in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] {
        steps.push(years * per_year);
    }
    for step in steps {
        let whole_years = step % per_year == 0 && per_year > 1;
        let label = |p: Period| -> String {
            if whole_years {
                p.first_day().format("%Y").to_string()
            } else {
                p.to_string()
            }
        };
        let widest = text_width(&label(last), size).max(text_width(&label(first), size));
        if pixels_per_period * step.to_f64().unwrap_or(1.0) < widest + size {
            continue;
        }
        let mut ticks = Vec::new();
        let mut period = first;
        for _ in 0..count {
            let index = period_index(period);
            if index.rem_euclid(step) == 0 {
                ticks.push((period, label(period)));
            }
            if period >= last {
                break;
            }
            period = period.succ()?;
        }
        return Ok(ticks);
    }
    Ok(Vec::new())
}

/// The period's position counted in its own frequency from year 0 (so that ticks fall on round
/// years and on the first quarter or month of a year).
fn period_index(period: Period) -> i64 {
    let date = period.first_day();
    let year = i64::from(chrono::Datelike::year(&date));
    let month0 = i64::from(chrono::Datelike::month0(&date));
    match period.frequency() {
        Frequency::Annual => year,
        Frequency::Quarterly => year * 4 + month0 / 3,
        Frequency::Monthly => year * 12 + month0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ticks(low: &str, high: &str) -> Vec<String> {
        let ticks = nice_ticks(d(low), d(high), 5).unwrap();
        let decimals = tick_decimals(&ticks);
        ticks
            .iter()
            .map(|t| format_number(*t, decimals, None))
            .collect()
    }

    #[test]
    fn nice_steps_are_one_two_two_and_a_half_or_five() {
        // 0..10.4: raw step 2.08 -> 2.5; covers up to 12.5.
        assert_eq!(
            ticks("0", "10.4"),
            ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"]
        );
        // 0..6.3: raw 1.26 -> 2.
        assert_eq!(ticks("0", "6.3"), ["0", "2", "4", "6", "8"]);
        // -1.5..4.7: raw 1.24 -> 2, from -2.
        assert_eq!(ticks("-1.5", "4.7"), ["\u{2212}2", "0", "2", "4", "6"]);
        // 0..0.037: raw 0.0074 -> 0.01.
        assert_eq!(
            ticks("0", "0.037"),
            ["0.00", "0.01", "0.02", "0.03", "0.04"]
        );
        // 0..4700: raw 940 -> 1000.
        assert_eq!(
            ticks("0", "4700"),
            ["0", "1000", "2000", "3000", "4000", "5000"]
        );
        // A flat zero series still gets an axis.
        assert_eq!(ticks("0", "0"), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        // A flat series runs from zero to it.
        assert_eq!(ticks("5", "5"), ["0", "1", "2", "3", "4", "5"]);
        assert_eq!(
            ticks("-3", "-3"),
            ["\u{2212}3", "\u{2212}2", "\u{2212}1", "0"]
        );
    }

    #[test]
    fn ranges_beyond_decimal_are_errors_not_panics() {
        assert!(nice_ticks(Decimal::MIN, Decimal::MAX, 5).is_err());
        assert!(nice_ticks(Decimal::ZERO, Decimal::MAX, 5).is_err());
        assert!(nice_ticks(Decimal::MIN, Decimal::ZERO, 5).is_err());
        // The smallest steps still work: 0 to 1e-27.
        let tiny = nice_ticks(Decimal::ZERO, Decimal::new(1, 27), 5).unwrap();
        assert_eq!(tiny.first(), Some(&Decimal::ZERO));
        assert!(tiny.last().is_some_and(|t| *t >= Decimal::new(1, 27)));
    }

    #[test]
    fn numbers_get_separators_and_a_true_minus() {
        assert_eq!(format_number(d("1234567.891"), 1, Some(',')), "1,234,567.9");
        assert_eq!(format_number(d("-4700"), 0, Some(',')), "\u{2212}4,700");
        assert_eq!(format_number(d("2.5"), 0, Some(',')), "2"); // half to even
        assert_eq!(format_number(d("-0.01"), 1, Some(',')), "0.0");
        assert_eq!(format_number(d("999"), 2, None), "999.00");
    }

    #[test]
    fn long_text_wraps_at_spaces() {
        let lines = wrap("one two three four five six", 10.0, 60.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 10.0) <= 60.0));
        assert_eq!(lines.join(" "), "one two three four five six");
    }

    #[test]
    fn period_ticks_thin_out_to_fit() {
        let y = |s: &str| s.parse::<Period>().unwrap();
        let all = period_ticks(y("2010"), y("2020"), 1000.0, 12.0).unwrap();
        assert_eq!(all.len(), 11);
        // 11 years in 200 px: a 4-digit label needs about 31 + 12 px, so every 5th year.
        let some = period_ticks(y("2010"), y("2020"), 200.0, 12.0).unwrap();
        let labels: Vec<&str> = some.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2010", "2015", "2020"]);
        // Months over three years in 300 px: whole years.
        let months = period_ticks(y("2020-01"), y("2022-12"), 300.0, 12.0).unwrap();
        let labels: Vec<&str> = months.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2020", "2021", "2022"]);
    }
}
