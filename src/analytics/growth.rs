//! Growth between two figures: period-on-period change, compound annual growth, chained and
//! annualised rates, the value implied by a stated growth, index numbers and contributions.
//!
//! Division and roots are done once each, at full `Decimal` precision; nothing is rounded to a
//! currency's minor unit here. Growth from a zero or negative base is undefined and is an error,
//! never an infinity.

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::math;
use crate::money::Money;
use crate::period::Frequency;
use crate::rate::Rate;
use crate::ratio::Ratio;

/// The change from `from` to `to` as a rate: `(to - from) / from`.
///
/// # Errors
/// [`Error::CurrencyMismatch`] for different currencies; [`Error::Undefined`] when `from` is zero or
/// negative; [`Error::Overflow`] when the result does not fit.
///
/// ```
/// # use tradestat::{growth::growth, Money, Currency, Decimal};
/// let before = Money::new(Decimal::new(41, 1), Currency::USD);
/// let after = Money::new(Decimal::new(63, 1), Currency::USD);
/// assert_eq!(format!("{:.2}", growth(&before, &after)?), "53.66%");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn growth(from: &Money, to: &Money) -> Result<Rate> {
    from.same_currency(to, "compute growth between")?;
    positive_base("growth", from)?;
    change_over("growth", to.amount(), from.amount(), from.amount()).map(Rate::from_fraction)
}

/// The compound rate per period that turns `from` into `to` over `periods` periods:
/// `(to / from)^(1 / periods) - 1`. Over years this is the CAGR; it equals Excel's `RRI`.
///
/// Accuracy: one 28-digit division and one [`math::nth_root`]; the rate is within a few units of the
/// 28th decimal place.
///
/// # Errors
/// [`Error::OutOfRange`] for `periods == 0`; [`Error::Undefined`] for a zero or negative `from` or a
/// negative `to`; [`Error::CurrencyMismatch`] for different currencies.
///
/// ```
/// # use tradestat::{growth::cagr, Money, Currency, Decimal};
/// let start = Money::new(Decimal::new(63, 1), Currency::USD);
/// let goal = Money::new(Decimal::new(10, 0), Currency::USD);
/// assert_eq!(format!("{:.3}", cagr(&start, &goal, 3)?), "16.650%");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn cagr(from: &Money, to: &Money, periods: u32) -> Result<Rate> {
    from.same_currency(to, "compute growth between")?;
    positive_base("cagr", from)?;
    compound_rate(from.amount(), to.amount(), periods)
}

/// `(to / from)^(1 / periods) - 1` for plain decimals, `from` positive.
pub(crate) fn compound_rate(from: Decimal, to: Decimal, periods: u32) -> Result<Rate> {
    compound_rate_per(from, to, periods, 1)
}

/// `(to / from)^(per / periods) - 1` for plain decimals, `from` positive, `1 <= per <= 12`: the
/// compound rate over `per` periods (a year of `per` months or quarters), in one formula and one
/// rounding.
pub(crate) fn compound_rate_per(
    from: Decimal,
    to: Decimal,
    periods: u32,
    per: u32,
) -> Result<Rate> {
    if periods == 0 {
        return Err(Error::OutOfRange {
            what: "periods",
            value: "0".into(),
            allowed: "a compound rate needs at least one period",
        });
    }
    if to.is_sign_negative() && !to.is_zero() {
        return Err(Error::undefined(
            "cagr",
            format!("{from} to {to}"),
            "a compound rate to a negative value is undefined",
        ));
    }
    if to.is_zero() {
        return Ok(Rate::from_fraction(-Decimal::ONE));
    }
    // One formula in the wide float, rounded once: neither the ratio (1e-28 to Decimal::MAX is
    // about 7.9e56) nor its root is formed as a Decimal on the way.
    math::formula::compound_rate_per(from, to, periods, per).map(Rate::from_fraction)
}

/// Refuses a fall of more than 100%: a negative growth factor has no meaning for a trade value.
fn non_negative_factor(function: &'static str, rate: Rate) -> Result<()> {
    if rate.as_fraction() < -Decimal::ONE {
        Err(Error::undefined(
            function,
            rate.to_string(),
            "a fall of more than 100% has no meaning for a value",
        ))
    } else {
        Ok(())
    }
}

impl Rate {
    /// The rate over a whole span made of consecutive `rates`: `(1 + r1)(1 + r2)... - 1`.
    /// An empty slice is no change.
    ///
    /// The product is formed in the wide float and rounded once, so a span whose rate fits is
    /// computed even when a partial product would not fit a `Decimal`.
    ///
    /// # Errors
    /// [`Error::Undefined`] for a fall of more than 100% (a negative factor);
    /// [`Error::Overflow`] when the result does not fit.
    ///
    /// ```
    /// # use tradestat::Rate;
    /// let two_years = Rate::compound(&["10%".parse()?, "20%".parse()?])?;
    /// assert_eq!(two_years.to_string(), "32%");
    /// assert!(Rate::compound(&["-200%".parse()?, "-200%".parse()?]).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn compound(rates: &[Rate]) -> Result<Rate> {
        for rate in rates {
            non_negative_factor("compound", *rate)?;
        }
        math::formula::compound_rates(rates.iter().map(|r| r.as_fraction()))
            .map(Rate::from_fraction)
    }

    /// The annual rate equivalent to this rate per period of `frequency`: `(1 + r)^k - 1` with `k`
    /// periods a year (12 for monthly, 4 for quarterly, 1 for annual).
    ///
    /// # Errors
    /// [`Error::Undefined`] for a fall of more than 100%, as [`Rate::deannualize`];
    /// [`Error::Overflow`] when the result does not fit.
    ///
    /// ```
    /// # use tradestat::{Rate, Frequency};
    /// let quarterly: Rate = "10%".parse()?;
    /// assert_eq!(quarterly.annualize(Frequency::Quarterly)?.to_string(), "46.41%");
    /// let monthly: Rate = "-1%".parse()?;
    /// assert_eq!(format!("{:.4}", monthly.annualize(Frequency::Monthly)?), "-11.3615%");
    /// assert!("-300%".parse::<Rate>()?.annualize(Frequency::Monthly).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn annualize(self, frequency: Frequency) -> Result<Rate> {
        non_negative_factor("annualize", self)?;
        math::formula::power_minus_one(self.as_fraction(), frequency.periods_per_year())
            .map(Rate::from_fraction)
    }

    /// The rate per period of `frequency` equivalent to this annual rate: `(1 + r)^(1/k) - 1`; the
    /// inverse of [`Rate::annualize`].
    ///
    /// # Errors
    /// [`Error::Undefined`] for a fall of more than 100%, which has no real periodic equivalent.
    ///
    /// ```
    /// # use tradestat::{Rate, Frequency};
    /// let annual: Rate = "46.41%".parse()?;
    /// assert_eq!(annual.deannualize(Frequency::Quarterly)?.to_string(), "10%");
    /// assert!("-150%".parse::<Rate>()?.deannualize(Frequency::Monthly).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn deannualize(self, frequency: Frequency) -> Result<Rate> {
        non_negative_factor("deannualize", self)?;
        let factor = self.factor()?;
        Rate::from_factor(math::nth_root(factor, frequency.periods_per_year())?)
    }
}

impl Money {
    /// The amount a period earlier that growth of `rate` turned into this one: `self / (1 + rate)`.
    /// "6.3 billion USD, up 33%" implies 4 736 842 105.263157894736842105... USD a year before,
    /// exact to 28 significant digits and unrounded (round it with [`Money::round_with`]).
    ///
    /// # Errors
    /// [`Error::Undefined`] for a fall of 100% or more (no earlier value grows into this one).
    ///
    /// ```
    /// # use tradestat::{Money, Currency, Decimal};
    /// let now = Money::new(Decimal::new(6_300_000_000, 0), Currency::USD);
    /// let before = now.implied_previous("33%".parse()?)?;
    /// assert_eq!(before.amount().to_string(), "4736842105.2631578947368421053");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn implied_previous(&self, rate: Rate) -> Result<Money> {
        let factor = rate.factor()?;
        if factor <= Decimal::ZERO {
            return Err(Error::undefined(
                "implied_previous",
                format!("{} at {rate}", self.amount()),
                "a fall of 100% or more leaves no earlier value to imply",
            ));
        }
        divide("implied_previous", self.amount(), factor).map(|a| Money::new(a, self.currency()))
    }

    /// The amount after growth of `rate`: `self * (1 + rate)`.
    ///
    /// # Errors
    /// [`Error::Overflow`] when the result does not fit.
    ///
    /// ```
    /// # use tradestat::Money;
    /// let before: Money = "4.7 billion USD".parse()?;
    /// assert_eq!(before.grown_by("34%".parse()?)?.to_string(), "6298000000.00 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn grown_by(&self, rate: Rate) -> Result<Money> {
        let factor = rate.factor()?;
        self.amount()
            .checked_mul(factor)
            .map(|a| Money::new(a, self.currency()))
            .ok_or_else(|| Error::overflow("grown_by", format!("{} x {factor}", self.amount())))
    }
}

/// `value` as an index number against `base` = 100: `100 * value / base`, formed exactly and
/// rounded once, half to even ([`math::quotient_of_products`]).
///
/// # Errors
/// [`Error::CurrencyMismatch`]; [`Error::Undefined`] for a zero or negative base.
///
/// ```
/// # use tradestat::{growth::index_number, Money, Currency, Decimal};
/// let base = Money::new(Decimal::new(4, 0), Currency::USD);
/// let now = Money::new(Decimal::new(5, 0), Currency::USD);
/// assert_eq!(index_number(&now, &base)?, Decimal::new(125, 0));
/// let now = Money::new(Decimal::new(41979, 2), Currency::USD); // 419.79
/// assert_eq!(format!("{:.0}", index_number(&now, &base)?), "10495"); // 10494.75, rounded
/// # Ok::<(), tradestat::Error>(())
/// ```
///
/// An index prints rounded half to even at a precision (a [`Ratio`]):
///
/// ```
/// # use tradestat::{growth::index_number, Money, Currency, Decimal};
/// let base = Money::new(Decimal::from(200), Currency::USD);
/// let now = Money::new(Decimal::new(2099, 1), Currency::USD); // 209.9 -> 104.95
/// assert_eq!(format!("{:.0}", index_number(&now, &base)?), "105");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn index_number(value: &Money, base: &Money) -> Result<Ratio> {
    value.same_currency(base, "index")?;
    positive_base("index_number", base)?;
    // 100 x value / base exactly, rounded once: a value above 7.9e26 has an index too.
    math::quotient_of_products(&[Decimal::ONE_HUNDRED, value.amount()], &[base.amount()])
        .map(Ratio::new)
}

/// How much each part contributed to the growth of their total, in fractions of the total's base
/// (percentage points when displayed): part `i` contributes `(to_i - from_i) / sum(from)`. The
/// contributions add up to the growth of the total (up to the 28th decimal place of each division).
///
/// `parts` holds each part's value before and after, e.g. exports and imports for turnover.
///
/// # Errors
/// [`Error::TooFewValues`] for no parts; [`Error::CurrencyMismatch`]; [`Error::Undefined`] when the
/// total before is zero or negative.
///
/// ```
/// # use tradestat::{growth::contributions, Money, Currency, Decimal};
/// let usd = |x: i64| Money::new(Decimal::new(x, 1), Currency::USD);
/// // Kazakh exports to Türkiye 3.0 -> 4.7, imports 1.1 -> 1.6 (billions, 2021 -> 2022)
/// let c = contributions(&[(usd(30), usd(47)), (usd(11), usd(16))])?;
/// assert_eq!(format!("{:.2}", c[0]), "41.46%");
/// assert_eq!(format!("{:.2}", c[1]), "12.20%");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn contributions(parts: &[(Money, Money)]) -> Result<Vec<Rate>> {
    let Some((first, _)) = parts.first() else {
        return Err(Error::TooFewValues {
            operation: "contributions",
            needed: 1,
            got: 0,
        });
    };
    let total = Money::sum(first.currency(), parts.iter().map(|(from, _)| from))?;
    positive_base("contributions", &total)?;
    parts
        .iter()
        .map(|(from, to)| {
            from.same_currency(to, "compute contributions of")?;
            change_over("contributions", to.amount(), from.amount(), total.amount())
                .map(Rate::from_fraction)
        })
        .collect()
}

/// `(a - b) / divisor`, rounded once: the difference is exact whatever its digits, so a change
/// that needs more than 28 significant digits is not rounded before the division (which would
/// round the quotient twice).
pub(crate) fn change_over(
    operation: &'static str,
    a: Decimal,
    b: Decimal,
    divisor: Decimal,
) -> Result<Decimal> {
    // rust_decimal subtracts exactly unless the result needs more digits than a `Decimal` holds,
    // in which case it drops scale: an exact difference keeps the larger scale.
    match a.checked_sub(b) {
        Some(change) if change.scale() == a.scale().max(b.scale()) => {
            divide(operation, change, divisor)
        }
        _ => math::ExactDecimal::from(a)
            .sub(&math::ExactDecimal::from(b))
            .div(&math::ExactDecimal::from(divisor))
            .map_err(|e| e.into_error(operation, format!("({a} - {b}) / {divisor}"))),
    }
}

/// `a - b` for a quantity that is divided next (a change, a gap): unlike a sum of money, which must
/// be exact, it may round past the 28th significant digit, as the division after it does anyway.
pub(crate) fn difference(operation: &'static str, a: Decimal, b: Decimal) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or_else(|| Error::overflow(operation, format!("{a} - {b}")))
}

/// `a / b` at full precision, naming `operation` on failure.
pub(crate) fn divide(operation: &'static str, a: Decimal, b: Decimal) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::undefined(
            operation,
            format!("{a} / 0"),
            "division by zero",
        ));
    }
    a.checked_div(b)
        .ok_or_else(|| Error::overflow(operation, format!("{a} / {b}")))
}

pub(crate) fn positive_base(function: &'static str, base: &Money) -> Result<()> {
    if base.amount() > Decimal::ZERO {
        Ok(())
    } else {
        Err(Error::undefined(
            function,
            base.amount().to_string(),
            "growth from a zero or negative base is undefined",
        ))
    }
}
