//! Currency conversion with exchange rates by period, and deflation to constant prices.
//!
//! [`Rates`] holds exchange rates by currency pair and [`Period`] (period averages, as the IMF
//! converts annual and monthly trade values). `insert(from, to, period, rate)` says that one unit
//! of `from` is worth `rate` units of `to` over `period`.
//!
//! ## Rounding
//!
//! Every conversion is one exact computation rounded once: the amount times the rates it uses,
//! divided by the rates it uses inverted, formed exactly in big integers and then rounded half
//! to even to the finest scale (at most 28 decimal places) whose mantissa fits a `Decimal` (28 or
//! 29 significant digits for results of 1 or more). So
//!
//! - a product `amount × rate` that fits is exact (`1000 KZT × 0.0021 = 2.1 USD`);
//! - the inverse of an inserted rate is never formed and rounded on its own: `amount / rate` is
//!   one division;
//! - a conversion through a third currency ([`Rates::convert_via`], KZT to TRY through USD) is
//!   `amount × rate₁ × rate₂` (or with either leg divided) rounded once, not twice.
//!
//! Trailing zeros past the amount's own decimal places are dropped (`100.00 KZT × 0.0021` is
//! `0.21 USD`). Round the result to the currency's minor unit with [`Money::round`] when you
//! want cents.
//!
//! A missing rate is an error ([`Error::MissingRate`]) naming both currencies and the period;
//! nothing is filled in from another period or another pair.
//!
//! ```
//! use tradestat::{Currency, Decimal, Money, Period};
//! use tradestat::fx::Rates;
//!
//! let y2022: Period = "2022".parse()?;
//! let mut rates = Rates::new();
//! rates.insert(Currency::USD, Currency::KZT, y2022, Decimal::new(46_048, 2))?; // 460.48 KZT a dollar
//! rates.insert(Currency::USD, Currency::TRY, y2022, Decimal::new(1_655, 2))?; // 16.55 TRY a dollar
//! let tenge: Money = "KZT 1 billion".parse()?;
//! // 1e9 / 460.48: one division, half to even at 29 significant digits.
//! let dollars = rates.convert(&tenge, Currency::USD, y2022)?;
//! assert_eq!(dollars.to_string(), "2171646.9770674079221681723419 USD");
//! assert_eq!(dollars.round().to_string(), "2171646.98 USD");
//! // Through the dollar: 1e9 × 16.55 / 460.48, rounded once.
//! let lira = rates.convert_via(&tenge, Currency::TRY, y2022, Currency::USD)?;
//! assert_eq!(lira.to_string(), "35940757.470465601111883252259 TRY");
//! // No rate for 2021: an error naming the pair and the period.
//! let err = rates.convert(&tenge, Currency::USD, "2021".parse()?).unwrap_err();
//! assert_eq!(err.to_string(), "no exchange rate from KZT to USD, nor from USD to KZT, for 2021");
//! # Ok::<(), tradestat::Error>(())
//! ```

mod exact;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use rust_decimal::Decimal;

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::period::Period;
use crate::series::Series;

use exact::{mul_div, Failure};

/// Exchange rates by currency pair and period. See the [module docs](self) for the rounding.
///
/// With the `serde` feature, rates serialize as a list of
/// `{"from": "USD", "to": "KZT", "period": "2022", "rate": "460.48"}`, the rate as an exact
/// decimal string. Reading follows the crate's rule for exact numbers: a decimal string or a JSON
/// integer; a JSON number with a fraction or an exponent is refused, since it has passed through
/// `f64`. Reading checks every rate as [`Rates::insert`] does, and refuses a pair and period given
/// twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    // Hashed, not ordered: `Period`'s order compares dates, which costs more than a hash, and a
    // conversion is one lookup per value. `iter` sorts.
    rates: HashMap<(Currency, Currency, Period), Decimal>,
}

/// One leg of a conversion: multiply by the rate, or divide by the reverse pair's rate.
#[derive(Debug, Clone, Copy)]
enum Leg {
    Times(Decimal),
    Over(Decimal),
}

impl Rates {
    /// No rates.
    pub fn new() -> Rates {
        Rates::default()
    }

    /// Records that one unit of `from` is worth `rate` units of `to` over `period`, and returns
    /// the rate it replaces for that pair and period, if any. The reverse pair's rate is not
    /// stored: conversions the other way divide by this one.
    ///
    /// # Errors
    /// [`Error::InvalidRate`] when `rate` is zero or negative, or when `from` and `to` are the
    /// same currency (a currency converts to itself without a rate).
    pub fn insert(
        &mut self,
        from: Currency,
        to: Currency,
        period: Period,
        rate: Decimal,
    ) -> Result<Option<Decimal>> {
        if rate <= Decimal::ZERO {
            return Err(Error::InvalidRate {
                from,
                to,
                period,
                reason: format!("the rate {rate} is not positive"),
            });
        }
        if from == to {
            return Err(Error::InvalidRate {
                from,
                to,
                period,
                reason: "a currency converts to itself without a rate".to_owned(),
            });
        }
        Ok(self.rates.insert((from, to, period), rate))
    }

    /// The rate inserted for exactly this pair (in this direction) and period.
    pub fn get(&self, from: Currency, to: Currency, period: Period) -> Option<Decimal> {
        self.rates.get(&(from, to, period)).copied()
    }

    /// How many rates are stored.
    pub fn len(&self) -> usize {
        self.rates.len()
    }

    /// True when no rate is stored.
    pub fn is_empty(&self) -> bool {
        self.rates.is_empty()
    }

    /// Every stored rate as `(from, to, period, rate)`, ordered by `from`, `to`, then period.
    pub fn iter(&self) -> impl Iterator<Item = (Currency, Currency, Period, Decimal)> + '_ {
        let mut all: Vec<_> = self
            .rates
            .iter()
            .map(|(&(f, t, p), &r)| (f, t, p, r))
            .collect();
        all.sort_unstable_by_key(|&(f, t, p, _)| (f, t, p));
        all.into_iter()
    }

    /// The leg from `from` to `to` in `period`: the inserted rate, or else the reverse pair's rate
    /// to divide by.
    fn leg(&self, from: Currency, to: Currency, period: Period) -> Result<Leg> {
        if let Some(rate) = self.get(from, to, period) {
            return Ok(Leg::Times(rate));
        }
        if let Some(rate) = self.get(to, from, period) {
            return Ok(Leg::Over(rate));
        }
        Err(Error::MissingRate { from, to, period })
    }

    /// `money` in `to` at the rate for `period`: the rate from the money's currency to `to` if
    /// inserted, or else one division by the rate from `to` to the money's currency. Money already
    /// in `to` comes back unchanged. Rounded once (see the [module docs](self)).
    ///
    /// # Errors
    /// [`Error::MissingRate`] naming both currencies and the period when neither direction has a
    /// rate for it; [`Error::Overflow`] when the result is beyond about ±7.9e28.
    ///
    /// ```
    /// # use tradestat::{Currency, Decimal, Money, Period};
    /// # use tradestat::fx::Rates;
    /// let y: Period = "2023".parse()?;
    /// let mut rates = Rates::new();
    /// rates.insert(Currency::USD, Currency::TRY, y, Decimal::new(2_375, 2))?; // 23.75 TRY per USD
    /// let dollars = Money::new(Decimal::from(4), Currency::USD);
    /// assert_eq!(rates.convert(&dollars, Currency::TRY, y)?.to_string(), "95 TRY"); // 4 × 23.75
    /// let lira = Money::new(Decimal::from(95), Currency::TRY);
    /// assert_eq!(rates.convert(&lira, Currency::USD, y)?.to_string(), "4 USD"); // 95 / 23.75
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn convert(&self, money: &Money, to: Currency, period: Period) -> Result<Money> {
        let from = money.currency();
        if from == to {
            return Ok(*money);
        }
        let leg = self.leg(from, to, period)?;
        apply(money, &[leg], to)
    }

    /// `money` in `to` through `via` (KZT to TRY through USD): `from → via` and `via → to`, each
    /// leg the inserted rate or one division by its reverse, the whole rounded once. Where `via`
    /// is the money's currency or `to`, this is [`Rates::convert`].
    ///
    /// # Errors
    /// [`Error::MissingRate`] naming the leg that has no rate (its two currencies and the
    /// period); [`Error::Overflow`] when the result is beyond about ±7.9e28.
    pub fn convert_via(
        &self,
        money: &Money,
        to: Currency,
        period: Period,
        via: Currency,
    ) -> Result<Money> {
        let from = money.currency();
        if via == from || via == to {
            return self.convert(money, to, period);
        }
        let first = self.leg(from, via, period)?;
        let second = self.leg(via, to, period)?;
        apply(money, &[first, second], to)
    }

    /// Every value of `series` in `to`, each at the rate for its own period (as
    /// [`Rates::convert`]). Gaps stay gaps.
    ///
    /// # Errors
    /// [`Error::MissingRate`] for the first period without a rate, naming it; [`Error::Overflow`]
    /// as [`Rates::convert`].
    pub fn convert_series(&self, series: &Series, to: Currency) -> Result<Series> {
        let converted = series
            .iter()
            .map(|(period, value)| Ok((period, self.convert(&value, to, period)?)))
            .collect::<Result<Vec<_>>>()?;
        Series::with_gaps(converted)
    }

    /// Every value of `series` in `to` through `via`, each at its own period's rates (as
    /// [`Rates::convert_via`]).
    ///
    /// # Errors
    /// As [`Rates::convert_via`], for the first period that fails.
    pub fn convert_series_via(
        &self,
        series: &Series,
        to: Currency,
        via: Currency,
    ) -> Result<Series> {
        let converted = series
            .iter()
            .map(|(period, value)| Ok((period, self.convert_via(&value, to, period, via)?)))
            .collect::<Result<Vec<_>>>()?;
        Series::with_gaps(converted)
    }
}

/// `money` through `legs` (at most two), rounded once, in `to`.
fn apply(money: &Money, legs: &[Leg], to: Currency) -> Result<Money> {
    let (mut times, mut over) = ([Decimal::ONE; 2], [Decimal::ONE; 2]);
    let (mut nt, mut no) = (0, 0);
    for leg in legs.iter().take(2) {
        match *leg {
            Leg::Times(rate) => {
                times[nt] = rate;
                nt += 1;
            }
            Leg::Over(rate) => {
                over[no] = rate;
                no += 1;
            }
        }
    }
    let amount = money.amount();
    mul_div(amount, &times[..nt], &over[..no], amount.scale())
        .map(|a| Money::new(a, to))
        .map_err(|failure| {
            let detail = format!("{money} to {to} at {legs:?}");
            match failure {
                Failure::Overflow => Error::overflow("currency conversion", detail),
                // Rates are positive by construction.
                Failure::DivisionByZero => {
                    Error::undefined("currency conversion", detail, "division by zero")
                }
            }
        })
}

/// `series` at constant prices of `base`: each value × index(base) / index(period), one rounded
/// division per value (half to even, as the [module docs](self) say), from a price index given
/// as `(period, level)` pairs in any order. Gaps in the series stay gaps; index periods the series
/// does not have are ignored.
///
/// # Errors
/// [`Error::MissingIndex`] naming the base or a series period that the index lacks;
/// [`Error::DuplicatePeriod`] for an index period given twice; [`Error::OutOfRange`] for an index
/// level that is zero or negative; [`Error::Overflow`] for a result beyond about ±7.9e28.
///
/// ```
/// # use tradestat::{Currency, Decimal, Period, Series};
/// # use tradestat::fx::deflate;
/// let p = |s: &str| s.parse::<Period>();
/// let nominal = Series::from_values(p("2020")?, &[Decimal::from(100), Decimal::from(110)], Currency::USD)?;
/// let index = [(p("2020")?, Decimal::from(100)), (p("2021")?, Decimal::new(1047, 1))];
/// let real = deflate(&nominal, &index, p("2020")?)?;
/// // 110 × 100 / 104.7 = 105.06208213944603629417382999 (one division, half to even).
/// assert_eq!(real.get(p("2021")?).map(|m| m.amount().to_string()).as_deref(),
///            Some("105.06208213944603629417382999"));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn deflate(series: &Series, index: &[(Period, Decimal)], base: Period) -> Result<Series> {
    let mut levels = BTreeMap::new();
    for &(period, level) in index {
        if level <= Decimal::ZERO {
            return Err(Error::OutOfRange {
                what: "price index level",
                value: format!("{level} for {period}"),
                allowed: "greater than zero",
            });
        }
        if levels.insert(period, level).is_some() {
            return Err(Error::DuplicatePeriod { period });
        }
    }
    let level = |period: Period| {
        levels
            .get(&period)
            .copied()
            .ok_or(Error::MissingIndex { period })
    };
    let base_level = level(base)?;
    let deflated = series
        .iter()
        .map(|(period, value)| {
            let amount = value.amount();
            let real = mul_div(amount, &[base_level], &[level(period)?], amount.scale()).map_err(
                |_| {
                    Error::overflow(
                        "deflation",
                        format!("{value} × {base_level} / index of {period}"),
                    )
                },
            )?;
            Ok((period, Money::new(real, value.currency())))
        })
        .collect::<Result<Vec<_>>>()?;
    Series::with_gaps(deflated)
}

impl fmt::Display for Rates {
    /// One line per rate: `2022 USD/KZT 460.89` (one USD is worth 460.89 KZT).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (from, to, period, rate)) in self.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{period} {from}/{to} {rate}")?;
        }
        Ok(())
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;
    use crate::vocabulary::exact_serde;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        expecting = "an exchange rate as {\"from\": \"EUR\", \"to\": \"USD\", \"period\": \"2022\", \"rate\": \"1.05\"}"
    )]
    struct Entry {
        #[serde(deserialize_with = "crate::vocabulary::serde_field::from")]
        from: Currency,
        #[serde(deserialize_with = "crate::vocabulary::serde_field::to")]
        to: Currency,
        #[serde(deserialize_with = "crate::vocabulary::serde_field::period")]
        period: Period,
        #[serde(deserialize_with = "crate::vocabulary::serde_field::rate")]
        rate: ExactDecimal,
    }

    /// An exchange rate read by the crate's one rule for exact numbers
    /// (`vocabulary::exact_serde`): a plain decimal string or a JSON integer, never an `f64`.
    struct ExactDecimal(Decimal);

    impl serde::Serialize for ExactDecimal {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            exact_serde::serialize(&self.0, s)
        }
    }

    impl exact_serde::FromExact for ExactDecimal {
        const EXPECTING: &'static str = "an exchange rate as a decimal string, such as \"460.48\"";
        const WHAT: &'static str = "exchange rate";
        fn from_text(text: &str) -> Result<ExactDecimal> {
            exact_serde::parse_decimal(Self::WHAT, text).map(ExactDecimal)
        }
        fn from_decimal(value: Decimal) -> Result<ExactDecimal> {
            Ok(ExactDecimal(value))
        }
    }

    impl<'de> serde::Deserialize<'de> for ExactDecimal {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            exact_serde::deserialize_exact(d)
        }
    }

    impl serde::Serialize for Rates {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            s.collect_seq(self.iter().map(|(from, to, period, rate)| Entry {
                from,
                to,
                period,
                rate: ExactDecimal(rate),
            }))
        }
    }

    impl<'de> serde::Deserialize<'de> for Rates {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            use serde::de::Error as _;
            let entries = <Vec<Entry> as serde::Deserialize>::deserialize(d)?;
            let mut rates = Rates::new();
            for e in entries {
                let previous = rates
                    .insert(e.from, e.to, e.period, e.rate.0)
                    .map_err(D::Error::custom)?;
                if previous.is_some() {
                    return Err(D::Error::custom(format!(
                        "exchange rate {}/{} for {} given twice",
                        e.from, e.to, e.period
                    )));
                }
            }
            Ok(rates)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
