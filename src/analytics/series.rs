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
use crate::money::Money;
use crate::period::{Frequency, Period};
use crate::rate::Rate;
use crate::ratio::Ratio;

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
            first_value.same_currency(&value, "build one series from")?;
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
        // The last period is checked before anything is reserved for the pairs.
        let steps = i64::try_from(values.len().saturating_sub(1)).unwrap_or(i64::MAX);
        if start.checked_add(steps).is_err() {
            return Err(Error::OutOfRange {
                what: "series length",
                value: format!("{} values from {start}", values.len()),
                allowed: "a series must end by the last period of year 9999",
            });
        }
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
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2020".parse()?, &[Decimal::from(100), Decimal::from(110), Decimal::from(99)], Currency::USD)?;
    /// let rates: Vec<String> = s.growth_rates()?.iter().map(|(p, r)| format!("{p}: {r}")).collect();
    /// assert_eq!(rates, ["2021: 10%", "2022: -10%"]);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn growth_rates(&self) -> Result<Vec<(Period, Rate)>> {
        self.rates_against(1)
    }

    /// Year-on-year growth: each period against the same period a year earlier (12 months, 4
    /// quarters, 1 year back), where that is observed.
    ///
    /// # Errors
    /// As [`Series::growth_rates`].
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// // Quarters of 2021 and 2022: each 2022 quarter against the same quarter of 2021.
    /// let values: Vec<Decimal> = [10, 11, 12, 13, 12, 11, 15, 13].into_iter().map(Decimal::from).collect();
    /// let s = Series::from_values("2021-Q1".parse()?, &values, Currency::USD)?;
    /// let yoy = s.yoy()?;
    /// assert_eq!(yoy.len(), 4);
    /// assert_eq!((yoy[0].0.to_string(), yoy[0].1.to_string()), ("2022-Q1".into(), "20%".into()));
    /// assert_eq!(yoy[3].1.to_string(), "0%");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
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
                let rate =
                    growth::growth(&before, &value).map_err(|e| at_period(e, earlier, period))?;
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
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// // 100 to 121 over 8 quarters (2 years): 10% a year.
    /// let mut values = vec![Decimal::from(100); 8];
    /// values.push(Decimal::from(121));
    /// let s = Series::from_values("2020-Q1".parse()?, &values, Currency::USD)?;
    /// assert_eq!(format!("{:.6}", s.cagr()?), "10.000000%");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn cagr(&self) -> Result<Rate> {
        let (first, last, steps) = self.compound_span("cagr")?;
        growth::positive_base("cagr", &first)?;
        // One formula, one rounding: the rate per period is not rounded before it is raised to the
        // k-th power, which would multiply its last digit's error by about k.
        growth::compound_rate_per(
            first.amount(),
            last.amount(),
            steps,
            self.frequency.periods_per_year(),
        )
    }

    /// The compound rate per period of the series' own frequency from the first to the last
    /// observation (equal to [`Series::cagr`] for an annual series).
    ///
    /// # Errors
    /// As [`Series::cagr`].
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2022-01".parse()?, &[Decimal::from(100), Decimal::from(100), Decimal::from(121)], Currency::USD)?;
    /// assert_eq!(format!("{:.6}", s.compound_rate_per_period()?), "10.000000%"); // a month
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn compound_rate_per_period(&self) -> Result<Rate> {
        let (first, last, steps) = self.compound_span("cagr")?;
        growth::cagr(&first, &last, steps)
    }

    /// The observations from `from` to `to`, both included (gaps kept as they are).
    ///
    /// # Errors
    /// [`Error::MixedFrequency`] for a bound of another frequency; [`Error::InvalidArgument`] when
    /// `from` is after `to`; [`Error::TooFewValues`] when no observation falls in the range.
    ///
    /// ```
    /// # use tradestat::{Series, Currency};
    /// let s = Series::from_values("2020".parse()?, &[1.into(), 2.into(), 3.into(), 4.into()], Currency::USD)?;
    /// let middle = s.between("2021".parse()?, "2022".parse()?)?;
    /// assert_eq!(middle.to_csv(), "period,value,currency\n2021,2,USD\n2022,3,USD\n");
    /// assert!(s.between("2030".parse()?, "2031".parse()?).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn between(&self, from: Period, to: Period) -> Result<Series> {
        // Both checks refuse a bound of another frequency than the series'.
        let span = from.periods_until(to)?;
        self.first().0.periods_until(from)?;
        if span < 0 {
            return Err(Error::InvalidArgument {
                reason: format!("the range {from} to {to} ends before it starts"),
            });
        }
        let points: Vec<(Period, Decimal)> = self
            .points
            .iter()
            .filter(|(p, _)| *p >= from && *p <= to)
            .copied()
            .collect();
        if points.is_empty() {
            return Err(Error::TooFewValues {
                operation: "series between two periods",
                needed: 1,
                got: 0,
            });
        }
        Ok(Series {
            currency: self.currency,
            frequency: self.frequency,
            points,
        })
    }

    /// The compound annual growth rate from the observation at `from` to the one at `to`
    /// ([`Series::cagr`] runs from the first observation to the last).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when either period is not observed or `from` is not before
    /// `to`; as [`Series::cagr`] otherwise.
    ///
    /// ```
    /// # use tradestat::{Series, Currency};
    /// let s = Series::from_values("2020".parse()?, &[100.into(), 50.into(), 110.into(), 121.into()], Currency::USD)?;
    /// assert_eq!(format!("{:.6}", s.cagr_between("2021".parse()?, "2023".parse()?)?), "55.563492%"); // √(121/50) - 1
    /// assert!(s.cagr_between("2019".parse()?, "2023".parse()?).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn cagr_between(&self, from: Period, to: Period) -> Result<Rate> {
        let observed = |p: Period| {
            self.get(p).ok_or_else(|| Error::InvalidArgument {
                reason: format!("the series has no observation at {p}"),
            })
        };
        let (start, end) = (observed(from)?, observed(to)?);
        if from >= to {
            return Err(Error::InvalidArgument {
                reason: format!("a growth rate from {from} to {to} needs {from} before {to}"),
            });
        }
        let inner = Series {
            currency: self.currency,
            frequency: self.frequency,
            points: vec![(from, start.amount()), (to, end.amount())],
        };
        inner.cagr()
    }

    /// The first and last observations and the number of periods between them, for a compound
    /// rate; at least two observations.
    fn compound_span(&self, operation: &'static str) -> Result<(Money, Money, u32)> {
        let (first_period, first) = self.first();
        let (last_period, last) = self.last();
        if self.points.len() < 2 {
            return Err(Error::TooFewValues {
                operation,
                needed: 2,
                got: self.points.len(),
            });
        }
        let steps = first_period.periods_until(last_period)?;
        let steps = u32::try_from(steps)
            .map_err(|_| Error::overflow(operation, format!("{steps} periods")))?;
        Ok((first, last, steps))
    }

    /// Index numbers with `base` = 100, for every observation: `100 * value / base`, each formed
    /// exactly and rounded once, as a [`Ratio`] that prints rounded half to even.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `base` is not observed; [`Error::Undefined`] when its value is
    /// zero or negative.
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2020".parse()?, &[Decimal::from(200), Decimal::new(2099, 1)], Currency::USD)?;
    /// let index = s.index("2020".parse()?)?;
    /// assert_eq!(index[1].1.to_string(), "104.95");
    /// assert_eq!(format!("{:.0}", index[1].1), "105"); // half to even, not truncated
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn index(&self, base: Period) -> Result<Vec<(Period, Ratio)>> {
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
                    "cannot sum {} {} series to {frequency} periods, which are shorter",
                    if self.frequency == Frequency::Annual {
                        "an"
                    } else {
                        "a"
                    },
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

    /// The sum from the first period of `period`'s year to `period`, inclusive: January to July
    /// for 2022-07 in a monthly series, Q1 to Q3 for 2022-Q3, the year itself for an annual one.
    /// Exact.
    ///
    /// # Errors
    /// [`Error::MixedFrequency`] when `period` is not of the series' frequency;
    /// [`Error::MissingPeriod`] naming the first period of that stretch the series lacks (nothing
    /// is treated as zero); [`Error::Overflow`].
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let months: Vec<Decimal> = (1..=12).map(Decimal::from).collect();
    /// let s = Series::from_values("2022-01".parse()?, &months, Currency::USD)?;
    /// // 1 + 2 + ... + 7 = 28
    /// assert_eq!(s.year_to_date("2022-07".parse()?)?.amount(), Decimal::from(28));
    /// assert!(s.year_to_date("2023-01".parse()?).is_err()); // not in the series
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn year_to_date(&self, period: Period) -> Result<Money> {
        if period.frequency() != self.frequency {
            return Err(Error::MixedFrequency {
                expected: self.frequency,
                found: period,
            });
        }
        let year = period.calendar_year();
        let start = match period {
            Period::Year(_) => period,
            Period::Quarter(_) => Period::quarter(year.get(), 1)?,
            Period::Month(_) => Period::month(year.get(), 1)?,
        };
        // At most 12 steps: `start` and `period` lie in the same year.
        let steps = start.periods_until(period)?;
        let mut sum = Money::zero(self.currency);
        for offset in 0..=steps {
            let p = start.checked_add(offset)?;
            let value = self.get(p).ok_or(Error::MissingPeriod {
                operation: "year_to_date",
                period: p,
            })?;
            sum = sum.checked_add(&value)?;
        }
        Ok(sum)
    }

    /// Rolling sums over `n` consecutive periods (12 in a monthly series for "the last twelve
    /// months"), each keyed by the last period of its window: from the `n`-th period on, one value
    /// per period. Each sum is exact and written as the direct sum of its window would be (at the
    /// largest scale among its values).
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when `n` is 0; [`Error::TooFewValues`] when `n` is larger than the
    /// number of values (checked before anything is allocated); [`Error::Gap`] naming the first
    /// gap when the series has one and `n > 1` (a window across it would silently count a missing
    /// period as zero: use [`Series::rolling_sum_allowing_gaps`] to leave those windows out);
    /// [`Error::Overflow`] when a window's own sum does not fit a `Decimal` exactly (a running
    /// sum that does not fit on the way is no reason: that window is then summed afresh).
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let values: Vec<Decimal> = [1, 2, 3, 4, 5].into_iter().map(Decimal::from).collect();
    /// let s = Series::from_values("2022-Q1".parse()?, &values, Currency::USD)?;
    /// let r = s.rolling_sum(4)?;
    /// let sums: Vec<String> = r.iter().map(|(p, m)| format!("{p}: {}", m.amount())).collect();
    /// assert_eq!(sums, ["2022-Q4: 10", "2023-Q1: 14"]); // 1+2+3+4, 2+3+4+5
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn rolling_sum(&self, n: usize) -> Result<Series> {
        self.rolling_sum_inner(n, false)
    }

    /// As [`Series::rolling_sum`], but a series with gaps is allowed: only windows of `n`
    /// consecutive observed periods get a sum, and the result has gaps where the others would be.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] when `n` is 0; [`Error::TooFewValues`] when `n` is larger than the
    /// number of values, or than the longest run of consecutive periods (so that no window is
    /// complete); [`Error::Overflow`].
    pub fn rolling_sum_allowing_gaps(&self, n: usize) -> Result<Series> {
        self.rolling_sum_inner(n, true)
    }

    fn rolling_sum_inner(&self, n: usize, allow_gaps: bool) -> Result<Series> {
        let operation = if allow_gaps {
            "rolling_sum_allowing_gaps"
        } else {
            "rolling_sum"
        };
        if n == 0 {
            return Err(Error::OutOfRange {
                what: "rolling window",
                value: "0 periods".to_owned(),
                allowed: "at least 1 period",
            });
        }
        if n > self.points.len() {
            return Err(Error::TooFewValues {
                operation,
                needed: n,
                got: self.points.len(),
            });
        }
        if !allow_gaps && n > 1 {
            if let Some((after, next)) = self.first_gap() {
                return Err(Error::Gap { after, next });
            }
        }
        // Runs of consecutive periods: a window never crosses a gap.
        let mut runs: Vec<&[(Period, Decimal)]> = Vec::new();
        let mut start = 0;
        for i in 1..=self.points.len() {
            let ends_run = match (self.points.get(i - 1), self.points.get(i)) {
                (Some((a, _)), Some((b, _))) => a.periods_until(*b)? != 1,
                _ => true,
            };
            if ends_run {
                if let Some(run) = self.points.get(start..i) {
                    runs.push(run);
                }
                start = i;
            }
        }
        let longest = runs.iter().map(|r| r.len()).max().unwrap_or(0);
        if longest < n {
            return Err(Error::TooFewValues {
                operation: "a rolling window of consecutive periods",
                needed: n,
                got: longest,
            });
        }
        let windows: usize = runs.iter().map(|r| r.len().saturating_sub(n - 1)).sum();
        let mut points = Vec::with_capacity(windows);
        for run in runs {
            Self::rolling_sums_of_run(run, n, self.currency, &mut points)?;
        }
        // The window ends are some of this series' periods, in order: the invariants hold as built
        // (and skipping `with_gaps` saves re-sorting what is sorted).
        Ok(Series {
            currency: self.currency,
            frequency: self.frequency,
            points,
        })
    }

    /// Appends to `out` the sums of every window of `n` values of `run` (consecutive periods, at least
    /// `n` of them), keyed by each window's last period. One pass: each sum is the previous one less
    /// the value leaving plus the value entering, exactly, then written at the largest scale among the
    /// window's values, as a direct sum would be.
    fn rolling_sums_of_run(
        run: &[(Period, Decimal)],
        n: usize,
        currency: Currency,
        out: &mut Vec<(Period, Decimal)>,
    ) -> Result<()> {
        // How many values of the current window have each scale (0 to 28), to know the largest.
        let mut scales = [0_usize; 29];
        let scale_slot = |d: &Decimal| usize::try_from(d.scale()).map_or(28, |s| s.min(28));
        // The running sum; `None` once an update did not fit, until a window is summed afresh.
        let mut sum: Option<Money> = Some(Money::zero(currency));
        for (i, (period, value)) in run.iter().enumerate() {
            sum = sum.and_then(|s| s.checked_add(&Money::new(*value, currency)).ok());
            if let Some(slot) = scales.get_mut(scale_slot(value)) {
                *slot += 1;
            }
            if i + 1 < n {
                continue;
            }
            if i >= n {
                if let Some((_, leaving)) = run.get(i - n) {
                    sum = sum.and_then(|s| s.checked_sub(&Money::new(*leaving, currency)).ok());
                    if let Some(slot) = scales.get_mut(scale_slot(leaving)) {
                        *slot = slot.saturating_sub(1);
                    }
                }
            }
            // A partial sum that does not fit a Decimal (the window before plus the value
            // entering, or digits the window no longer has) is no reason to refuse a window
            // whose own sum fits: sum that window exactly, in big integers.
            let sum = match sum {
                Some(s) => s,
                None => {
                    let window = run.get(i + 1 - n..=i).unwrap_or_default();
                    let fresh = Money::new(exact_window_sum(window)?, currency);
                    sum = Some(fresh);
                    fresh
                }
            };
            let largest = scales.iter().rposition(|&k| k > 0).unwrap_or(0);
            let amount = sum.amount();
            let written = match u32::try_from(largest) {
                Ok(s) if amount.scale() > s => Some(amount.round_dp(s)),
                Ok(s) if amount.scale() < s => {
                    // A sum formed afresh is written without trailing zeros: pad it back.
                    let mut padded = amount;
                    padded.rescale(s);
                    Some(padded)
                }
                _ => None,
            }
            .filter(|r| *r == amount)
            .unwrap_or(amount);
            out.push((*period, written));
        }
        Ok(())
    }

    /// The exact sum of all values.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the sum does not fit a `Decimal` exactly.
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2022-Q1".parse()?, &[Decimal::new(15, 1), Decimal::new(25, 1)], Currency::USD)?;
    /// assert_eq!(s.total()?.to_string(), "4.0 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn total(&self) -> Result<Money> {
        let values: Vec<Money> = self.iter().map(|(_, value)| value).collect();
        Money::sum(self.currency, &values)
    }

    /// Each value with its offset in periods from the first observation, checked positive (the
    /// data for a log-linear trend).
    pub(crate) fn log_points(&self) -> Result<Vec<(i64, Decimal)>> {
        let (first_period, _) = self.first();
        self.points
            .iter()
            .map(|(p, v)| {
                if *v <= Decimal::ZERO {
                    return Err(Error::undefined(
                        "trend",
                        format!("{v} (at {p})"),
                        "a log-linear trend needs positive values",
                    ));
                }
                Ok((first_period.periods_until(*p)?, *v))
            })
            .collect()
    }
}

/// The exact sum of `window`'s values however large its partial sums, or [`Error::Overflow`] when
/// the sum itself does not fit a `Decimal` exactly.
fn exact_window_sum(window: &[(Period, Decimal)]) -> Result<Decimal> {
    use crate::math::ExactDecimal;
    let total = window.iter().fold(ExactDecimal::zero(), |acc, (_, v)| {
        acc.add(&ExactDecimal::from(*v))
    });
    let too_large = || {
        let (first, last) = (window.first(), window.last());
        Error::overflow(
            "rolling_sum",
            match (first, last) {
                (Some((a, _)), Some((b, _))) => {
                    format!("the sum from {a} to {b} does not fit a Decimal exactly")
                }
                _ => "an empty window".to_owned(),
            },
        )
    };
    total.exact_decimal().ok_or_else(too_large)
}

/// Adds the periods to an error about the base of a growth rate, so the message says where.
fn at_period(error: Error, base: Period, period: Period) -> Error {
    match error {
        Error::Undefined {
            function,
            input,
            reason,
        } => Error::Undefined {
            function,
            input: format!("{input} (at {base}, the base for {period})"),
            reason,
        },
        other => other,
    }
}

#[cfg(feature = "serde")]
use crate::vocabulary::exact_serde::SerdeDecimal;

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a series as {\"currency\": \"USD\", \"allow_gaps\": false, \"values\": [[\"2021\", \"4100000000\"], [\"2022\", \"6300000000\"]]}"
)]
struct SeriesRepr {
    #[serde(deserialize_with = "crate::vocabulary::serde_field::currency")]
    currency: Currency,
    #[serde(
        default,
        deserialize_with = "crate::vocabulary::serde_field::allow_gaps"
    )]
    allow_gaps: bool,
    /// Amounts by the crate's one rule for numbers in serde: exact strings or integers.
    #[serde(deserialize_with = "crate::vocabulary::serde_field::values")]
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
