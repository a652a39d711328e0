//! Projections of a series forward: at a constant rate, by a constant absolute change, or along a
//! fitted log-linear trend.
//!
//! Projected values are exact products and roots at full `Decimal` precision and stay unrounded:
//! round them to the currency's minor unit with [`Money::round_with`] and a named
//! [`RoundingStrategy`](rust_decimal::RoundingStrategy) when you present them.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::growth::divide;
use crate::math;
use crate::money::Money;
use crate::period::Period;
use crate::rate::Rate;
use crate::series::Series;

/// The next `periods` values after the last observation, growing at `rate` per period:
/// `last * (1 + rate)^k` for `k = 1..=periods`.
///
/// # Errors
/// [`Error::OutOfRange`] for `periods == 0`; [`Error::Overflow`] when a value does not fit.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2022".parse()?, &[Decimal::new(63, 1)], Currency::USD)?;
/// let p = projection::compound(&s, "33%".parse()?, 2)?;
/// assert_eq!(p.get("2024".parse()?).map(|m| m.amount()), Some(Decimal::new(1114407, 5)));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn compound(series: &Series, rate: Rate, periods: u32) -> Result<Series> {
    let (last_period, last) = series.last();
    compound_from(last_period, &last, rate, periods)
}

/// `start * (1 + rate)^k` for the `periods` periods after `start_period`.
pub(crate) fn compound_from(
    start_period: Period,
    start: &Money,
    rate: Rate,
    periods: u32,
) -> Result<Series> {
    check_horizon(periods)?;
    let factor = rate.factor()?;
    let values = (1..=i64::from(periods))
        .map(|k| compounded(start.amount(), factor, k))
        .collect::<Result<Vec<_>>>()?;
    Series::from_values(start_period.succ()?, &values, start.currency())
}

/// `start * factor^k` to nearly full precision.
///
/// A power of a factor below 1 shrinks toward the 28th decimal place and would keep few significant
/// digits, so it is computed as `start / (1/factor)^k` instead: the reciprocal costs half a unit in
/// its 28th digit, the power keeps all 28, and the quotient is within about `k` units of the last
/// place of the result.
pub(crate) fn compounded(start: Decimal, factor: Decimal, k: i64) -> Result<Decimal> {
    let overflow = || Error::overflow("projection", format!("{start} x {factor}^{k}"));
    if factor >= Decimal::ONE || factor <= Decimal::ZERO {
        start
            .checked_mul(math::powi(factor, k)?)
            .ok_or_else(overflow)
    } else {
        let inverse = divide("projection", Decimal::ONE, factor)?;
        divide("projection", start, math::powi(inverse, k)?)
    }
}

/// The next `periods` values after the last observation, changing each period by the average
/// absolute change from the first observation to the last.
///
/// # Errors
/// [`Error::TooFewValues`] for a single observation; [`Error::OutOfRange`] for `periods == 0`.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(3), Decimal::from(4), Decimal::from(6)], Currency::USD)?;
/// let p = projection::linear(&s, 2)?; // +1.5 a year
/// assert_eq!(p.last().1.amount(), Decimal::from(9));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn linear(series: &Series, periods: u32) -> Result<Series> {
    let (first_period, first) = series.first();
    let (last_period, last) = series.last();
    if series.len() < 2 {
        return Err(Error::TooFewValues {
            operation: "linear projection",
            needed: 2,
            got: series.len(),
        });
    }
    let steps = Decimal::from(first_period.periods_until(last_period)?);
    let change = crate::growth::difference("linear projection", last.amount(), first.amount())?;
    let per_period = divide("linear projection", change, steps)?;
    linear_with_change(series, &Money::new(per_period, series.currency()), periods)
}

/// The next `periods` values after the last observation, changing by `change` each period.
///
/// # Errors
/// [`Error::CurrencyMismatch`]; [`Error::OutOfRange`] for `periods == 0`; [`Error::Overflow`].
pub fn linear_with_change(series: &Series, change: &Money, periods: u32) -> Result<Series> {
    check_horizon(periods)?;
    let (last_period, last) = series.last();
    last.same_currency(change, "project")?;
    let values = (1..=i64::from(periods))
        .map(|k| {
            // A projected value is computed, not summed from data: it may round past 28 digits.
            Decimal::from(k)
                .checked_mul(change.amount())
                .and_then(|step| last.amount().checked_add(step))
                .ok_or_else(|| {
                    Error::overflow(
                        "linear projection",
                        format!("{} + {k} x {}", last.amount(), change.amount()),
                    )
                })
        })
        .collect::<Result<Vec<_>>>()?;
    Series::from_values(last_period.succ()?, &values, series.currency())
}

/// A least-squares fit of `ln(value) = a + b t`, with `t` counted in periods from the series' first
/// period. The trend growth per period is `exp(b) - 1` (the World Bank's least-squares growth rate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendFit {
    origin: Period,
    last: Period,
    currency: crate::currency::Currency,
    intercept: Decimal,
    slope: Decimal,
    growth: Rate,
    r_squared: Decimal,
}

impl TrendFit {
    /// `a`: the fitted logarithm of the value at the first period.
    pub fn intercept(&self) -> Decimal {
        self.intercept
    }

    /// `b`: the fitted change of the logarithm per period.
    pub fn slope(&self) -> Decimal {
        self.slope
    }

    /// The trend growth per period, `exp(b) - 1`.
    pub fn growth(&self) -> Rate {
        self.growth
    }

    /// The share of the variance of the logarithms the line explains (1 for a perfect fit). Zero
    /// when the values are all equal (nothing to explain).
    pub fn r_squared(&self) -> Decimal {
        self.r_squared
    }

    /// The fitted value at `period`: `exp(a + b t)`.
    ///
    /// # Errors
    /// [`Error::MixedFrequency`] for a period of another frequency; [`Error::Overflow`].
    pub fn fitted(&self, period: Period) -> Result<Money> {
        let t = Decimal::from(self.origin.periods_until(period)?);
        let exponent = self
            .slope
            .checked_mul(t)
            .and_then(|bt| bt.checked_add(self.intercept))
            .ok_or_else(|| {
                Error::overflow(
                    "trend",
                    format!("{} + {} x {t}", self.intercept, self.slope),
                )
            })?;
        Ok(Money::new(math::exp(exponent)?, self.currency))
    }

    /// The fitted values for the `periods` periods after the last observation.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for `periods == 0`; [`Error::Overflow`].
    pub fn project(&self, periods: u32) -> Result<Series> {
        check_horizon(periods)?;
        let mut pairs = Vec::with_capacity(periods as usize);
        let mut period = self.last;
        for _ in 0..periods {
            period = period.succ()?;
            pairs.push((period, self.fitted(period)?));
        }
        Series::from_pairs(pairs)
    }
}

/// Fits a log-linear trend to every observation of `series` (gaps allowed).
///
/// # Errors
/// [`Error::TooFewValues`] for fewer than two observations; [`Error::Undefined`] for a zero or
/// negative value.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(110), Decimal::from(121)], Currency::USD)?;
/// let fit = projection::trend(&s)?;
/// assert_eq!(format!("{:.6}", fit.growth()), "10.000000%");
/// assert_eq!(fit.r_squared().round_dp(20), Decimal::ONE);
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn trend(series: &Series) -> Result<TrendFit> {
    let points = series.log_points()?;
    if points.len() < 2 {
        return Err(Error::TooFewValues {
            operation: "trend",
            needed: 2,
            got: points.len(),
        });
    }
    let overflow = || Error::overflow("trend", "least-squares sums");
    let n = Decimal::from(points.len());
    let (mut sum_t, mut sum_y) = (Decimal::ZERO, Decimal::ZERO);
    for (t, y) in &points {
        sum_t = sum_t.checked_add(*t).ok_or_else(overflow)?;
        sum_y = sum_y.checked_add(*y).ok_or_else(overflow)?;
    }
    let mean_t = divide("trend", sum_t, n)?;
    let mean_y = divide("trend", sum_y, n)?;
    // Centred sums keep the digits that a plain n·Σty − Σt·Σy would cancel away.
    let (mut stt, mut sty, mut syy) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for (t, y) in &points {
        let dt = t.checked_sub(mean_t).ok_or_else(overflow)?;
        let dy = y.checked_sub(mean_y).ok_or_else(overflow)?;
        stt = dt
            .checked_mul(dt)
            .and_then(|x| stt.checked_add(x))
            .ok_or_else(overflow)?;
        sty = dt
            .checked_mul(dy)
            .and_then(|x| sty.checked_add(x))
            .ok_or_else(overflow)?;
        syy = dy
            .checked_mul(dy)
            .and_then(|x| syy.checked_add(x))
            .ok_or_else(overflow)?;
    }
    let slope = divide("trend", sty, stt)?;
    let intercept = slope
        .checked_mul(mean_t)
        .and_then(|x| mean_y.checked_sub(x))
        .ok_or_else(overflow)?;
    let r_squared = if syy.is_zero() {
        Decimal::ZERO
    } else {
        // Explained share: b²·Stt / Syy = b·Sty / Syy.
        slope
            .checked_mul(sty)
            .ok_or_else(overflow)
            .and_then(|x| divide("trend", x, syy))?
    };
    let growth = Rate::from_factor(math::exp(slope)?)?;
    Ok(TrendFit {
        origin: series.first().0,
        last: series.last().0,
        currency: series.currency(),
        intercept,
        slope,
        growth,
        r_squared,
    })
}

/// Fits a trend ([`trend`]) and projects it `periods` periods past the last observation.
///
/// # Errors
/// As [`trend`] and [`TrendFit::project`].
pub fn fitted_trend(series: &Series, periods: u32) -> Result<(TrendFit, Series)> {
    let fit = trend(series)?;
    let projected = fit.project(periods)?;
    Ok((fit, projected))
}

fn check_horizon(periods: u32) -> Result<()> {
    if periods == 0 {
        Err(Error::OutOfRange {
            what: "periods",
            value: "0".into(),
            allowed: "a projection needs at least one period",
        })
    } else {
        Ok(())
    }
}
