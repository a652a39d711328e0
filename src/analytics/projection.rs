//! Projections of a series forward: at a constant rate, by a constant absolute change, or along a
//! fitted log-linear trend.
//!
//! Projected values are exact products and roots at full `Decimal` precision and stay unrounded:
//! round them to the currency's minor unit with [`Money::round_with`] and a named
//! [`RoundingStrategy`](rust_decimal::RoundingStrategy) when you present them.

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::math;
use crate::money::Money;
use crate::period::Period;
use crate::rate::Rate;
use crate::ratio::Ratio;
use crate::series::Series;

/// The next `periods` values after the last observation, growing at `rate` per period:
/// `last * (1 + rate)^k` for `k = 1..=periods`.
///
/// Each value is computed whole in the wide float and rounded once, so a value that fits is
/// returned even when `(1 + rate)^k` alone would not (0.5 USD doubling for 96 periods is
/// 3.96e28 USD; 1e12 halving for 96 periods is 1.26e-17).
///
/// # Errors
/// [`Error::OutOfRange`] for `periods == 0` or when the last period would fall after year 9999
/// (checked before any value is computed); [`Error::Undefined`] for a fall of more than 100%;
/// [`Error::Overflow`] when a value does not fit.
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

/// As [`compound`], up to and including the period `end`.
///
/// # Errors
/// As [`compound`]; [`Error::MixedFrequency`] for an `end` of another frequency;
/// [`Error::InvalidArgument`] when `end` is not after the last observation.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2022".parse()?, &[Decimal::new(63, 1)], Currency::USD)?;
/// let p = projection::compound_to(&s, "33%".parse()?, "2024".parse()?)?;
/// assert_eq!(p.len(), 2);
/// assert_eq!(p.last().1.amount(), Decimal::new(1114407, 5));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn compound_to(series: &Series, rate: Rate, end: Period) -> Result<Series> {
    let (last_period, last) = series.last();
    compound_from(last_period, &last, rate, periods_to(last_period, end)?)
}

/// `start * (1 + rate)^k` for the `periods` periods after `start_period`.
pub(crate) fn compound_from(
    start_period: Period,
    start: &Money,
    rate: Rate,
    periods: u32,
) -> Result<Series> {
    check_horizon(start_period, periods)?;
    let values = (1..=i64::from(periods))
        .map(|k| compounded(start.amount(), rate, k))
        .collect::<Result<Vec<_>>>()?;
    Series::from_values(start_period.succ()?, &values, start.currency())
}

/// `start * (1 + rate)^k`, computed whole in the wide float and rounded once
/// ([`math::formula::compound_value`]); `k` may be negative.
pub(crate) fn compounded(start: Decimal, rate: Rate, k: i64) -> Result<Decimal> {
    math::formula::compound_value(start, rate.as_fraction(), k)
}

/// The number of periods from `last` to `end`, at least one.
fn periods_to(last: Period, end: Period) -> Result<u32> {
    let n = last.periods_until(end)?;
    if n < 1 {
        return Err(Error::InvalidArgument {
            reason: format!("a projection to {end} must end after the last observation {last}"),
        });
    }
    // A period count fits u32 (at most 108 000 months between years 1000 and 9999).
    u32::try_from(n).map_err(|_| Error::overflow("projection", format!("{n} periods")))
}

/// The next `periods` values after the last observation, changing each period by the average
/// absolute change from the first observation to the last.
///
/// # Errors
/// [`Error::TooFewValues`] for a single observation; [`Error::OutOfRange`] for `periods == 0` or a
/// last period after year 9999.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(3), Decimal::from(4), Decimal::from(6)], Currency::USD)?;
/// let p = projection::linear(&s, 2)?; // +1.5 a year
/// assert_eq!(p.last().1.amount(), Decimal::from(9));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn linear(series: &Series, periods: u32) -> Result<Series> {
    let change = average_change(series)?;
    linear_with_change(series, &change, periods)
}

/// As [`linear`], up to and including the period `end`.
///
/// # Errors
/// As [`linear`] and [`compound_to`].
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(3), Decimal::from(4), Decimal::from(6)], Currency::USD)?;
/// let p = projection::linear_to(&s, "2024".parse()?)?; // +1.5 a year
/// assert_eq!(p.last().1.amount(), Decimal::from(9));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn linear_to(series: &Series, end: Period) -> Result<Series> {
    let periods = periods_to(series.last().0, end)?;
    let change = average_change(series)?;
    linear_with_change(series, &change, periods)
}

/// The average absolute change per period from the first observation to the last.
fn average_change(series: &Series) -> Result<Money> {
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
    let per_period =
        crate::growth::change_over("linear projection", last.amount(), first.amount(), steps)?;
    Ok(Money::new(per_period, series.currency()))
}

/// The next `periods` values after the last observation, changing by `change` each period.
///
/// # Errors
/// [`Error::CurrencyMismatch`]; [`Error::OutOfRange`] for `periods == 0` or a last period after
/// year 9999; [`Error::Overflow`].
pub fn linear_with_change(series: &Series, change: &Money, periods: u32) -> Result<Series> {
    let (last_period, last) = series.last();
    check_horizon(last_period, periods)?;
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

/// As [`linear_with_change`], up to and including the period `end`.
///
/// # Errors
/// As [`linear_with_change`] and [`compound_to`].
pub fn linear_with_change_to(series: &Series, change: &Money, end: Period) -> Result<Series> {
    linear_with_change(series, change, periods_to(series.last().0, end)?)
}

/// A least-squares fit of `ln(value) = a + b t`, with `t` counted in periods from the series' first
/// period. The trend growth per period is `exp(b) - 1` (the World Bank's least-squares growth rate).
///
/// With `serde`, a fit reads back only if it is consistent: its first period not after its last
/// one and of the same frequency, `R²` in `[0, 1]`, and the growth equal to `exp(b) - 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "TrendFitRepr", into = "TrendFitRepr")
)]
pub struct TrendFit {
    origin: Period,
    last: Period,
    currency: Currency,
    intercept: Ratio,
    slope: Ratio,
    growth: Rate,
    r_squared: Ratio,
    standard_errors: Option<StandardErrors>,
}

/// The standard errors of a [`TrendFit`]'s line (ordinary least squares on the logarithms): how
/// far the intercept and slope would move between samples, and the typical distance of an
/// observation's logarithm from the line. See [`math`](crate::math)'s trend uncertainty notes
/// and [`Target::outlook`](crate::Target::outlook) for what they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "standard errors as {\"intercept\": \"0.2\", \"slope\": \"0.02\", \"residual\": \"0.3\"}"
    )
)]
#[non_exhaustive]
pub struct StandardErrors {
    /// `se(a)`, of the intercept at the first period: `s √(1/n + t̄² / S_tt)`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::intercept")
    )]
    pub intercept: Ratio,
    /// `se(b)`, of the slope: `s / √S_tt`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::slope")
    )]
    pub slope: Ratio,
    /// `s`, the residual standard deviation: `√(Σ e² / (n - 2))`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::residual")
    )]
    pub residual: Ratio,
}

/// The standard errors of the log-linear trend of `series` (as [`trend`] fits it).
///
/// # Errors
/// [`Error::TooFewValues`] for fewer than three observations (with two the line passes through
/// both and leaves no residual to measure); [`Error::Undefined`] when the observations lie exactly
/// on a constant growth path (zero residual variance) or a value is not positive.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// // ln 100, ln 100 e, ln 100 e^3 at t = 0, 1, 2: slope 1.5, residuals -1/6, 1/3, -1/6,
/// // s² = (1/36 + 1/9 + 1/36) / 1 = 1/6, se(b) = s / √2 = √(1/12).
/// let s = Series::from_values("2020".parse()?, &["100".parse()?, "271.8281828459045235360287471".parse()?, "2008.553692318766774092852965".parse()?], Currency::USD)?;
/// let errors = projection::standard_errors(&s)?;
/// assert_eq!(format!("{:.12}", errors.slope), "0.288675134595"); // √(1/12)
/// assert_eq!(format!("{:.12}", errors.residual), "0.408248290464"); // √(1/6)
/// assert!(projection::standard_errors(&Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(110), Decimal::from(121)], Currency::USD)?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn standard_errors(series: &Series) -> Result<StandardErrors> {
    let points = series.log_points()?;
    let errors = math::uncertainty::fit_errors(&points)?;
    Ok(StandardErrors {
        intercept: Ratio::new(errors.intercept),
        slope: Ratio::new(errors.slope),
        residual: Ratio::new(errors.residual),
    })
}

impl TrendFit {
    /// `a`: the fitted logarithm of the value at the first period.
    pub fn intercept(&self) -> Ratio {
        self.intercept
    }

    /// `b`: the fitted change of the logarithm per period.
    pub fn slope(&self) -> Ratio {
        self.slope
    }

    /// The trend growth per period, `exp(b) - 1`.
    pub fn growth(&self) -> Rate {
        self.growth
    }

    /// The share of the variance of the logarithms the line explains, in `[0, 1]` (1 for a perfect
    /// fit). Zero when the values are all equal (nothing to explain).
    pub fn r_squared(&self) -> Ratio {
        self.r_squared
    }

    /// The standard errors of the line; `None` where they are undefined: fewer than three
    /// observations, or observations exactly on the line ([`standard_errors`] says which).
    pub fn standard_errors(&self) -> Option<StandardErrors> {
        self.standard_errors
    }

    /// The first observed period (where `t = 0`).
    pub fn first_period(&self) -> Period {
        self.origin
    }

    /// The last observed period; projections start after it.
    pub fn last_period(&self) -> Period {
        self.last
    }

    /// The fitted value at `period`: `exp(a + b t)`, rounded once.
    ///
    /// # Errors
    /// [`Error::MixedFrequency`] for a period of another frequency; [`Error::Overflow`].
    pub fn fitted(&self, period: Period) -> Result<Money> {
        let t = self.origin.periods_until(period)?;
        let value = math::formula::exp_linear(self.intercept.value(), self.slope.value(), t)?;
        Ok(Money::new(value, self.currency))
    }

    /// The fitted values for the `periods` periods after the last observation.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for `periods == 0` or when the last period would fall after year 9999
    /// (checked before anything is allocated); [`Error::Overflow`].
    pub fn project(&self, periods: u32) -> Result<Series> {
        check_horizon(self.last, periods)?;
        let mut pairs = Vec::with_capacity(periods as usize);
        let mut period = self.last;
        for _ in 0..periods {
            period = period.succ()?;
            pairs.push((period, self.fitted(period)?));
        }
        Series::from_pairs(pairs)
    }

    /// The fitted values from the period after the last observation up to and including `end`.
    ///
    /// # Errors
    /// As [`TrendFit::project`]; [`Error::MixedFrequency`] for an `end` of another frequency;
    /// [`Error::InvalidArgument`] when `end` is not after the last observation.
    ///
    /// ```
    /// # use tradestat::{projection, Series, Currency, Decimal};
    /// let s = Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(110), Decimal::from(121)], Currency::USD)?;
    /// let p = projection::trend(&s)?.project_to("2024".parse()?)?;
    /// assert_eq!(p.len(), 2);
    /// assert_eq!(p.last().1.round().amount(), Decimal::new(14641, 2));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn project_to(&self, end: Period) -> Result<Series> {
        self.projected_by_fit(end)
    }

    /// The fitted line's values after the last observation up to and including `end`: the trend
    /// **by the fit**, `exp(a + b t)`, which is where the line stands, not where the last
    /// observation was. [`projected_from_last`] continues the same growth rate from the last
    /// observed value instead; the two differ by the last observation's residual (the distance
    /// of its logarithm from the line) and agree only when the last value lies on the line.
    /// [`TrendFit::project_to`] is this under its former name.
    ///
    /// # Errors
    /// As [`TrendFit::project_to`].
    pub fn projected_by_fit(&self, end: Period) -> Result<Series> {
        self.project(periods_to(self.last, end)?)
    }
}

/// The trend **from the last observation**: the last value grown at the fitted trend rate
/// `exp(b) - 1` each period up to and including `end` (what [`Target::assess`](crate::Target::assess)
/// calls `projected`). Beside [`TrendFit::projected_by_fit`] (the fitted line itself), it keeps
/// the level the series last reached; the two differ by the last observation's residual.
///
/// # Errors
/// As [`trend`] and [`TrendFit::project_to`].
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// // 100, 121, 121: slope ln 1.1; the line passes 1.1^(7/3) x 100 = 124.9 in 2022, above the
/// // last value 121, so the fitted line runs above the trend continued from 121.
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(121), Decimal::from(121)], Currency::USD)?;
/// let from_last = projection::projected_from_last(&s, "2023".parse()?)?;
/// assert_eq!(format!("{:.2}", from_last.last().1), "133.10 USD"); // 121 x 1.1
/// let by_fit = projection::trend(&s)?.projected_by_fit("2023".parse()?)?;
/// assert!(by_fit.last().1.amount() > from_last.last().1.amount());
/// assert_eq!(format!("{:.2}", by_fit.last().1), "137.40 USD"); // 100 x 1.1^(10/3) = 137.396
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn projected_from_last(series: &Series, end: Period) -> Result<Series> {
    let (last_period, last) = series.last();
    let periods = periods_to(last_period, end)?;
    check_horizon(last_period, periods)?;
    let points = series.log_points()?;
    if points.len() < 2 {
        return Err(Error::TooFewValues {
            operation: "trend",
            needed: 2,
            got: points.len(),
        });
    }
    let mut pairs = Vec::with_capacity(periods as usize);
    let mut period = last_period;
    for k in 1..=i64::from(periods) {
        period = period.succ()?;
        let value = math::formula::trend_continued(&points, last.amount(), k)?;
        pairs.push((period, Money::new(value, last.currency())));
    }
    Series::from_pairs(pairs)
}

/// Fits a log-linear trend to every observation of `series` (gaps allowed).
///
/// The sums of squares are formed on centred logarithms in the wide float
/// ([`math::formula`](crate::math)), so nearly flat series keep their digits and `R²` stays in
/// `[0, 1]`; the intercept, slope, growth and `R²` are each rounded once.
///
/// # Errors
/// [`Error::TooFewValues`] for fewer than two observations; [`Error::Undefined`] for a zero or
/// negative value, naming its period.
///
/// ```
/// # use tradestat::{projection, Series, Currency, Decimal};
/// let s = Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(110), Decimal::from(121)], Currency::USD)?;
/// let fit = projection::trend(&s)?;
/// assert_eq!(format!("{:.6}", fit.growth()), "10.000000%");
/// assert_eq!(fit.r_squared(), Decimal::ONE);
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
    let fit = math::formula::log_linear_fit(&points)?;
    Ok(TrendFit {
        origin: series.first().0,
        last: series.last().0,
        currency: series.currency(),
        intercept: Ratio::new(fit.intercept),
        slope: Ratio::new(fit.slope),
        growth: Rate::from_fraction(fit.growth),
        r_squared: Ratio::new(fit.r_squared),
        standard_errors: standard_errors(series).ok(),
    })
}

/// Fits a trend ([`trend`]) and projects it `periods` periods past the last observation.
///
/// # Errors
/// As [`trend`] and [`TrendFit::project`] (a horizon past year 9999 is refused before the fit).
pub fn fitted_trend(series: &Series, periods: u32) -> Result<(TrendFit, Series)> {
    check_horizon(series.last().0, periods)?;
    let fit = trend(series)?;
    let projected = fit.project(periods)?;
    Ok((fit, projected))
}

/// The last period of year 9999 at `frequency`, where every projection ends at the latest.
pub(crate) fn last_period(frequency: crate::period::Frequency) -> Result<Period> {
    use crate::period::{Frequency, MAX_YEAR};
    match frequency {
        Frequency::Annual => Period::year(MAX_YEAR),
        Frequency::Quarterly => Period::quarter(MAX_YEAR, 4),
        Frequency::Monthly => Period::month(MAX_YEAR, 12),
    }
}

/// Refuses an empty projection, and one whose last period would fall after year 9999, before any
/// value is computed or any memory is reserved.
fn check_horizon(last: Period, periods: u32) -> Result<()> {
    if periods == 0 {
        return Err(Error::OutOfRange {
            what: "periods",
            value: "0".into(),
            allowed: "a projection needs at least one period",
        });
    }
    match last.checked_add(i64::from(periods)) {
        Ok(_) => Ok(()),
        Err(_) => Err(Error::OutOfRange {
            what: "projection horizon",
            value: format!("{periods} periods after {last}"),
            allowed: "a projection must end by the last period of year 9999",
        }),
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a trend fit as {\"first_period\": \"2018\", \"last_period\": \"2022\", \"currency\": \"USD\", \"intercept\": \"21.5\", \"slope\": \"0.057\", \"growth\": \"0.0587\", \"r_squared\": \"0.97\"}"
)]
struct TrendFitRepr {
    #[serde(deserialize_with = "crate::vocabulary::serde_field::first_period")]
    first_period: Period,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::last_period")]
    last_period: Period,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::currency")]
    currency: Currency,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::intercept")]
    intercept: Ratio,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::slope")]
    slope: Ratio,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::growth")]
    growth: Rate,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::r_squared")]
    r_squared: Ratio,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::vocabulary::serde_field::standard_errors"
    )]
    standard_errors: Option<StandardErrors>,
}

#[cfg(feature = "serde")]
impl From<TrendFit> for TrendFitRepr {
    fn from(f: TrendFit) -> Self {
        TrendFitRepr {
            first_period: f.origin,
            last_period: f.last,
            currency: f.currency,
            intercept: f.intercept,
            slope: f.slope,
            growth: f.growth,
            r_squared: f.r_squared,
            standard_errors: f.standard_errors,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<TrendFitRepr> for TrendFit {
    type Error = Error;

    fn try_from(r: TrendFitRepr) -> Result<TrendFit> {
        if r.first_period.periods_until(r.last_period)? < 1 {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "a trend fit's first period {} must come before its last period {}",
                    r.first_period, r.last_period
                ),
            });
        }
        if r.r_squared < Ratio::ZERO || r.r_squared > Ratio::ONE {
            return Err(Error::OutOfRange {
                what: "R²",
                value: r.r_squared.to_string(),
                allowed: "R² lies between 0 and 1",
            });
        }
        if !growth_matches_slope(r.growth.as_fraction(), r.slope.value())? {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "a trend fit's growth {} is not exp({}) - 1",
                    r.growth, r.slope
                ),
            });
        }
        Ok(TrendFit {
            origin: r.first_period,
            last: r.last_period,
            currency: r.currency,
            intercept: r.intercept,
            slope: r.slope,
            growth: r.growth,
            r_squared: r.r_squared,
            standard_errors: r.standard_errors,
        })
    }
}

/// Whether a fit's `growth` is `exp(slope) - 1` as [`trend`] made it. [`trend`] takes the growth
/// from the unrounded slope, so the slope written out (rounded once to 28 significant digits)
/// gives it back only to within that rounding: `exp(b) - 1` moves by `(1 + g)` times the
/// slope's change. Allowed: a few units in the 27th significant digit of the slope's share and
/// of the growth's own rounding, far below any difference a wrong growth would make.
#[cfg(feature = "serde")]
fn growth_matches_slope(growth: Decimal, slope: Decimal) -> Result<bool> {
    let expected = math::formula::growth_of_slope(slope)?;
    let digits = Decimal::new(1, 26);
    let tolerance = slope
        .abs()
        .checked_mul(Decimal::ONE + expected.abs())
        .and_then(|s| s.checked_add(expected.abs()))
        .and_then(|s| s.checked_mul(digits))
        .and_then(|s| s.checked_add(Decimal::new(1, 28)))
        .ok_or_else(|| Error::overflow("trend fit check", format!("exp({slope}) - 1")))?;
    // A difference too large for a Decimal is no match.
    Ok(growth
        .checked_sub(expected)
        .is_some_and(|d| d.abs() <= tolerance))
}
