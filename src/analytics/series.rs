//! Time series of money values: one currency, one frequency, periods in order.
//!
//! A [`Series`] is built from `(Period, Money)` pairs and checks them once, so every method after can
//! rely on its invariants: no duplicate period, one frequency, one currency, and (unless built with
//! [`Series::with_gaps`]) no missing period between the first and the last.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::growth;
use crate::math;
use crate::money::Money;
use crate::period::{Frequency, Period};
use crate::rate::Rate;

/// Values of one currency and one frequency keyed by period, in time order.
///
/// ```
/// # use tradestat::{Series, Period, Money, Currency, Decimal};
/// let usd = |x: i64| Money::new(Decimal::new(x, 1), Currency::USD);
/// let s = Series::from_pairs([
///     ("2020".parse::<Period>()?, usd(31)),
///     ("2021".parse()?, usd(41)),
///     ("2022".parse()?, usd(63)),
/// ])?;
/// let rates: Vec<String> = s.growth_rates()?.iter().map(|(p, r)| format!("{p}: {r:.1}")).collect();
/// assert_eq!(rates, ["2021: 32.3%", "2022: 53.7%"]);
/// assert_eq!(format!("{:.2}", s.cagr()?), "42.56%");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "SeriesRepr", into = "SeriesRepr"))]
pub struct Series {
    currency: Currency,
    frequency: Frequency,
    points: Vec<(Period, Decimal)>,
}

impl Series {
    /// A series without gaps from `pairs` (in any order).
    ///
    /// # Errors
    /// [`Error::TooFewValues`] when empty, [`Error::DuplicatePeriod`], [`Error::MixedFrequency`],
    /// [`Error::CurrencyMismatch`], and [`Error::Gap`] for a missing period.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (Period, Money)>) -> Result<Series> {
        let series = Series::with_gaps(pairs)?;
        if let Some((after, next)) = series.first_gap() {
            return Err(Error::Gap { after, next });
        }
        Ok(series)
    }

    /// A series from `pairs` (in any order) that may have missing periods; growth rates are then
    /// computed only between observed neighbours.
    ///
    /// # Errors
    /// As [`Series::from_pairs`], but gaps are allowed.
    pub fn with_gaps(pairs: impl IntoIterator<Item = (Period, Money)>) -> Result<Series> {
        let mut pairs = pairs.into_iter();
        let Some((first_period, first_value)) = pairs.next() else {
            return Err(Error::TooFewValues {
                operation: "a series",
                needed: 1,
                got: 0,
            });
        };
        let currency = first_value.currency();
        let frequency = first_period.frequency();
        let mut map = BTreeMap::new();
        map.insert(first_period, first_value.amount());
        for (period, value) in pairs {
            if period.frequency() != frequency {
                return Err(Error::MixedFrequency {
                    expected: frequency,
                    found: period,
                });
            }
            first_value.same_currency(&value, "mix in one series")?;
            if map.insert(period, value.amount()).is_some() {
                return Err(Error::DuplicatePeriod { period });
            }
        }
        Ok(Series {
            currency,
            frequency,
            points: map.into_iter().collect(),
        })
    }

    /// Consecutive values starting at `start`, one per period.
    ///
    /// # Errors
    /// [`Error::TooFewValues`] when `values` is empty; [`Error::OutOfRange`] when the periods run past
    /// year 9999.
    pub fn from_values(start: Period, values: &[Decimal], currency: Currency) -> Result<Series> {
        let mut pairs = Vec::with_capacity(values.len());
        let mut period = start;
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                period = period.succ()?;
            }
            pairs.push((period, Money::new(*value, currency)));
        }
        Series::from_pairs(pairs)
    }

    /// Its currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Its frequency.
    pub fn frequency(&self) -> Frequency {
        self.frequency
    }

    /// Number of observed periods.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    /// Always false: a series holds at least one value.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// The first observation.
    pub fn first(&self) -> (Period, Money) {
        // A series is never empty (checked when built).
        let (p, v) = self.points[0];
        (p, Money::new(v, self.currency))
    }

    /// The last observation.
    pub fn last(&self) -> (Period, Money) {
        let (p, v) = self.points[self.points.len() - 1];
        (p, Money::new(v, self.currency))
    }

    /// The value for `period`, if observed.
    pub fn get(&self, period: Period) -> Option<Money> {
        self.points
            .binary_search_by(|(p, _)| p.cmp(&period))
            .ok()
            .and_then(|i| self.points.get(i))
            .map(|(_, v)| Money::new(*v, self.currency))
    }

    /// The observations in time order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (Period, Money)> + '_ {
        self.points
            .iter()
            .map(move |(p, v)| (*p, Money::new(*v, self.currency)))
    }

    /// The observed periods in time order.
    pub fn periods(&self) -> impl ExactSizeIterator<Item = Period> + '_ {
        self.points.iter().map(|(p, _)| *p)
    }

    /// The first missing stretch, as the periods either side of it.
    pub fn first_gap(&self) -> Option<(Period, Period)> {
        self.points
            .windows(2)
            .filter_map(|w| match w {
                [(a, _), (b, _)] => Some((*a, *b)),
                _ => None,
            })
            .find(|(a, b)| {
                a.periods_until(*b).is_ok_and(|n| n != 1) || a.frequency() != b.frequency()
            })
    }

    /// Growth from each observed period to the next one, keyed by the later period. Periods whose
    /// predecessor is missing (a gap) get no rate.
    ///
    /// # Errors
    /// [`Error::Undefined`] (naming the period) where the earlier value is zero or negative.
    pub fn growth_rates(&self) -> Result<Vec<(Period, Rate)>> {
        self.rates_against(1)
    }

    /// Year-on-year growth: each period against the same period a year earlier (12 months, 4
    /// quarters, 1 year back), where that is observed.
    ///
    /// # Errors
    /// As [`Series::growth_rates`].
    pub fn yoy(&self) -> Result<Vec<(Period, Rate)>> {
        self.rates_against(i64::from(self.frequency.periods_per_year()))
    }

    fn rates_against(&self, lag: i64) -> Result<Vec<(Period, Rate)>> {
        let mut out = Vec::new();
        for (period, value) in self.iter() {
            let Ok(earlier) = period.checked_add(-lag) else {
                continue;
            };
            if let Some(before) = self.get(earlier) {
                let rate = growth::growth(&before, &value).map_err(|e| at_period(e, period))?;
                out.push((period, rate));
            }
        }
        Ok(out)
    }

    /// Compound annual growth rate from the first to the last observation, over the time between
    /// them: `(last / first)^(k / n) - 1` for `n` periods of a frequency with `k` periods a year.
    ///
    /// # Errors
    /// [`Error::TooFewValues`] for a single observation; [`Error::Undefined`] for a zero or negative
    /// first value or a negative last value.
    pub fn cagr(&self) -> Result<Rate> {
        let per_period = self.compound_rate_per_period()?;
        per_period.annualize(self.frequency)
    }

    /// The compound rate per period of the series' own frequency from the first to the last
    /// observation (equal to [`Series::cagr`] for an annual series).
    ///
    /// # Errors
    /// As [`Series::cagr`].
    pub fn compound_rate_per_period(&self) -> Result<Rate> {
        let (first_period, first) = self.first();
        let (last_period, last) = self.last();
        if self.points.len() < 2 {
            return Err(Error::TooFewValues {
                operation: "cagr",
                needed: 2,
                got: self.points.len(),
            });
        }
        let steps = first_period.periods_until(last_period)?;
        let steps = u32::try_from(steps)
            .map_err(|_| Error::overflow("cagr", format!("{steps} periods")))?;
        growth::cagr(&first, &last, steps)
    }

    /// Index numbers with `base` = 100, for every observation.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `base` is not observed; [`Error::Undefined`] when its value is
    /// zero or negative.
    pub fn index(&self, base: Period) -> Result<Vec<(Period, Decimal)>> {
        let base_value = self.get(base).ok_or_else(|| Error::InvalidArgument {
            reason: format!("index base {base} is not in the series"),
        })?;
        self.iter()
            .map(|(p, v)| growth::index_number(&v, &base_value).map(|x| (p, x)))
            .collect()
    }

    /// Sums to a lower frequency (months to quarters or years, quarters to years), refusing any
    /// target period not fully covered.
    ///
    /// # Errors
    /// [`Error::IncompletePeriod`] for a partly covered period; [`Error::InvalidArgument`] when
    /// `frequency` is finer than the series'; [`Error::Overflow`].
    ///
    /// ```
    /// # use tradestat::{Series, Frequency, Currency, Decimal};
    /// let months: Vec<Decimal> = (1..=12).map(Decimal::from).collect();
    /// let s = Series::from_values("2022-01".parse()?, &months, Currency::USD)?;
    /// let q = s.sum_to(Frequency::Quarterly)?;
    /// assert_eq!(q.get("2022-Q4".parse()?).map(|m| m.amount()), Some(Decimal::from(33)));
    /// assert!(Series::from_values("2022-02".parse()?, &months, Currency::USD)?.sum_to(Frequency::Annual).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn sum_to(&self, frequency: Frequency) -> Result<Series> {
        self.sum_to_inner(frequency, false)
    }

    /// As [`Series::sum_to`], but partly covered periods are summed over what is there. Use
    /// [`Series::coverage`] to see which ones they are.
    ///
    /// # Errors
    /// As [`Series::sum_to`], less [`Error::IncompletePeriod`].
    pub fn sum_to_allowing_incomplete(&self, frequency: Frequency) -> Result<Series> {
        self.sum_to_inner(frequency, true)
    }

    /// For each period of `frequency` touched by the series: how many of its sub-periods are
    /// observed, and how many it has.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `frequency` is finer than the series'.
    pub fn coverage(&self, frequency: Frequency) -> Result<Vec<(Period, usize, usize)>> {
        let per = self.sub_periods(frequency)?;
        let mut counts: BTreeMap<Period, usize> = BTreeMap::new();
        for period in self.periods() {
            if let Some(target) = period.enclosing(frequency) {
                *counts.entry(target).or_default() += 1;
            }
        }
        Ok(counts.into_iter().map(|(p, n)| (p, n, per)).collect())
    }

    fn sub_periods(&self, frequency: Frequency) -> Result<usize> {
        let (from, to) = (
            self.frequency.periods_per_year(),
            frequency.periods_per_year(),
        );
        if to > from {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "cannot sum a {} series to {frequency} periods",
                    self.frequency
                ),
            });
        }
        usize::try_from(from / to).map_err(|_| Error::overflow("sum_to", "sub-period count"))
    }

    fn sum_to_inner(&self, frequency: Frequency, allow_incomplete: bool) -> Result<Series> {
        let per = self.sub_periods(frequency)?;
        let mut sums: BTreeMap<Period, (Money, usize)> = BTreeMap::new();
        for (period, value) in &self.points {
            let target = period
                .enclosing(frequency)
                .ok_or_else(|| Error::InvalidArgument {
                    reason: format!("{period} has no enclosing {frequency} period"),
                })?;
            let entry = sums
                .entry(target)
                .or_insert((Money::zero(self.currency), 0));
            entry.0 = entry.0.checked_add(&Money::new(*value, self.currency))?;
            entry.1 += 1;
        }
        let mut pairs = Vec::with_capacity(sums.len());
        for (period, (sum, found)) in sums {
            if found < per && !allow_incomplete {
                return Err(Error::IncompletePeriod {
                    period,
                    found,
                    expected: per,
                });
            }
            pairs.push((period, sum));
        }
        Series::with_gaps(pairs)
    }

    /// The exact sum of all values.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum does not fit a `Decimal` exactly.
    pub fn total(&self) -> Result<Money> {
        self.iter()
            .try_fold(Money::zero(self.currency), |sum, (_, value)| {
                sum.checked_add(&value)
            })
    }

    /// The natural logarithm of each value, keyed by its offset in periods from the first
    /// observation (the data for a log-linear trend).
    pub(crate) fn log_points(&self) -> Result<Vec<(Decimal, Decimal)>> {
        let (first_period, _) = self.first();
        self.points
            .iter()
            .map(|(p, v)| {
                if *v <= Decimal::ZERO {
                    return Err(at_period(
                        Error::undefined(
                            "trend",
                            v.to_string(),
                            "a log-linear trend needs positive values",
                        ),
                        *p,
                    ));
                }
                Ok((
                    Decimal::from(first_period.periods_until(*p)?),
                    math::ln(*v)?,
                ))
            })
            .collect()
    }
}

/// Adds the period to an error about a value, so the message says where.
fn at_period(error: Error, period: Period) -> Error {
    match error {
        Error::Undefined {
            function,
            input,
            reason,
        } => Error::Undefined {
            function,
            input: format!("{input} (before {period})"),
            reason,
        },
        other => other,
    }
}

#[cfg(feature = "serde")]
use crate::vocabulary::exact_serde::SerdeDecimal;

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct SeriesRepr {
    currency: Currency,
    #[serde(default)]
    allow_gaps: bool,
    /// Amounts by the crate's one rule for numbers in serde: exact strings or integers.
    values: Vec<(Period, SerdeDecimal)>,
}

#[cfg(feature = "serde")]
impl From<Series> for SeriesRepr {
    fn from(s: Series) -> Self {
        let allow_gaps = s.first_gap().is_some();
        SeriesRepr {
            currency: s.currency,
            allow_gaps,
            values: s
                .points
                .into_iter()
                .map(|(p, v)| (p, SerdeDecimal(v)))
                .collect(),
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<SeriesRepr> for Series {
    type Error = Error;

    fn try_from(r: SeriesRepr) -> Result<Series> {
        let pairs = r
            .values
            .into_iter()
            .map(|(p, v)| (p, Money::new(v.0, r.currency)));
        if r.allow_gaps {
            Series::with_gaps(pairs)
        } else {
            Series::from_pairs(pairs)
        }
    }
}
