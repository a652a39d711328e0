//! Money: an exact decimal amount in a currency.
//!
//! A [`Money`] pairs a [`Decimal`] with a [`Currency`]. Arithmetic is checked and exact: combining
//! two currencies is an error ([`Error::CurrencyMismatch`]), never a silent sum; a result that does
//! not fit a `Decimal` is [`Error::Overflow`]. Amounts keep full precision until the caller rounds
//! them ([`Money::round`] rounds to the currency's minor unit, half to even).
//!
//! Amounts are read as people write them and written exactly:
//!
//! ```
//! # use tradestat::{Currency, Decimal, Money, Scale};
//! let turnover: Money = "6.3 billion US dollars".parse()?;
//! assert_eq!(turnover, "$6.3bn".parse()?);
//! assert_eq!(turnover.amount(), Decimal::from(6_300_000_000_u64));
//! assert_eq!(turnover.currency(), Currency::USD);
//! assert_eq!(turnover.to_string(), "6300000000 USD");
//! assert_eq!(turnover.human(), "6.3 billion USD");
//! assert_eq!(turnover.in_scale(Scale::Million), Decimal::from(6300));
//!
//! // 2021 turnover implied by +33%: 6.3e9 / 1.33, rounded to cents half to even.
//! let previous = turnover.checked_div(Decimal::new(133, 2))?.round();
//! assert_eq!(previous.to_string(), "4736842105.26 USD");
//! # Ok::<(), tradestat::Error>(())
//! ```

mod language;
mod parse;
mod scale;

use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::ops::{Add, Mul, Neg, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

pub use language::Language;
pub use scale::Scale;

use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::rate::Rate;

/// An exact amount of a currency.
///
/// Equality compares values, not representations: `6.30 USD == 6.3 USD`. Amounts in different
/// currencies are never equal and have no order (`partial_cmp` gives `None`).
///
/// Operators `+` and `-` between two `Money`, and `*` by a [`Decimal`] or a [`Rate`], return a
/// [`Result`], since they can fail.
///
/// ```
/// # use tradestat::{Currency, Decimal, Error, Money, Rate};
/// let exports: Money = "USD 3.1 billion".parse()?;
/// let imports: Money = "3.2bn USD".parse()?;
/// let turnover = (exports + imports)?;
/// assert_eq!(turnover.human(), "6.3 billion USD");
/// assert_eq!((turnover * Rate::from_fraction(Decimal::new(33, 2)))?.human(), "2.079 billion USD");
/// let lira = Money::new(Decimal::from(5), Currency::TRY);
/// assert!(matches!(exports + lira, Err(Error::CurrencyMismatch { .. })));
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

/// `10^exponent` as an `i128`, if it fits.
fn pow10(exponent: u32) -> Option<i128> {
    10_i128.checked_pow(exponent)
}

/// `value * 10^exponent`, exactly, or `None` if that does not fit a `Decimal`.
pub(crate) fn exact_shift(value: Decimal, exponent: u32) -> Option<Decimal> {
    let scale = value.scale();
    if scale >= exponent {
        return Decimal::try_from_i128_with_scale(value.mantissa(), scale - exponent).ok();
    }
    let v = value.normalize();
    let (mantissa, scale) = (v.mantissa(), v.scale());
    if scale >= exponent {
        return Decimal::try_from_i128_with_scale(mantissa, scale - exponent).ok();
    }
    let shifted = mantissa.checked_mul(pow10(exponent - scale)?)?;
    Decimal::try_from_i128_with_scale(shifted, 0).ok()
}

/// `a + b` at the larger of their scales, exactly, or `None` if that does not fit 96 bits.
fn add_at_common_scale(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let ma = a.mantissa().checked_mul(pow10(scale - a.scale())?)?;
    let mb = b.mantissa().checked_mul(pow10(scale - b.scale())?)?;
    let (mut sum, mut scale) = (ma.checked_add(mb)?, scale);
    // Trailing zeros of the exact sum (0.5 + 0.5) may be what keeps it from fitting 96 bits.
    while sum % 10 == 0 && scale > 0 && Decimal::try_from_i128_with_scale(sum, scale).is_err() {
        sum /= 10;
        scale -= 1;
    }
    Decimal::try_from_i128_with_scale(sum, scale).ok()
}

/// `a + b` exactly (unlike `Decimal::checked_add`, which rounds away digits that do not fit).
pub(crate) fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    add_at_common_scale(a, b).or_else(|| add_at_common_scale(a.normalize(), b.normalize()))
}

impl Money {
    /// `amount` of `currency`.
    ///
    /// ```
    /// # use tradestat::{Currency, Decimal, Money};
    /// let m = Money::new(Decimal::new(630, 2), Currency::USD);
    /// assert_eq!(m.to_string(), "6.30 USD");
    /// ```
    pub const fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero of `currency`.
    pub const fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// `amount` stated in `scale` (6.3 in [`Scale::Billion`] is 6 300 000 000), exactly.
    ///
    /// # Errors
    /// [`Error::Overflow`] if the amount in units does not fit a `Decimal` (about ±7.9e28).
    ///
    /// ```
    /// # use tradestat::{Currency, Decimal, Money, Scale};
    /// let m = Money::from_scaled(Decimal::new(29, 1), Scale::Trillion, Currency::KZT)?;
    /// assert_eq!(m.amount(), Decimal::from(2_900_000_000_000_u64));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn from_scaled(amount: Decimal, scale: Scale, currency: Currency) -> Result<Money> {
        exact_shift(amount, scale.exponent())
            .map(|a| Money::new(a, currency))
            .ok_or_else(|| Error::overflow("money from scaled amount", format!("{amount} {scale}")))
    }

    /// Reads an amount written in `language`, exactly: its separators, scale words and currency
    /// words, inflected forms included (see [`Language`]). Everything [`Money::from_str`] reads in
    /// English is read the same way with [`Language::English`].
    ///
    /// - Turkish: "2,1 milyar dolar", "939,6 milyon dolar", "6 milyar 300 milyon dolar",
    ///   "1.500.000 TL", "45,5 milyar Türk lirası", "3 milyar dolarlık";
    /// - Russian: "6,3 миллиардов долларов", "4,1 млрд долл.", "1 500 000 рублей", "2,9 трлн
    ///   тенге";
    /// - Kazakh: "6,3 млрд АҚШ доллары", "2,9 трлн теңге".
    ///
    /// Outside English an amount may be written in parts, each of a smaller scale and below 1000
    /// ("6 milyar 300 milyon dolar", "6 млрд 300 млн долларов"). Accounting negatives in
    /// parentheses are read in every language: "(1.234) TL" is -1234 TRY.
    ///
    /// # Errors
    /// As [`Money::from_str`]; a separator the language does not use between digits is an
    /// [`Error::Parse`] that says which the language uses.
    ///
    /// ```
    /// # use tradestat::money::Language;
    /// # use tradestat::{Currency, Decimal, Money};
    /// let exports = Money::parse_in("939,6 milyon dolar", Language::Turkish)?;
    /// assert_eq!(exports.amount(), Decimal::from(939_600_000));
    /// let turnover = Money::parse_in("6 milyar 300 milyon dolar", Language::Turkish)?;
    /// assert_eq!(turnover.human(), "6.3 billion USD");
    /// let kz = Money::parse_in("2,9\u{a0}трлн теңге", Language::Kazakh)?;
    /// assert_eq!(kz, Money::new(Decimal::from(2_900_000_000_000_u64), Currency::KZT));
    /// assert_eq!(
    ///     Money::parse_in("(1 234,5) руб.", Language::Russian)?.to_string(),
    ///     "-1234.5 RUB"
    /// );
    /// // English never guesses a decimal comma.
    /// assert!(Money::parse_in("6,3 billion USD", Language::English).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn parse_in(text: &str, language: Language) -> Result<Money> {
        parse::parse(text, language)
    }

    /// The exact amount.
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount expressed in `scale` (6.3 for 6 300 000 000 in [`Scale::Billion`]). Exact whenever
    /// the result has at most 28 decimal places; beyond that (only for amounts with many decimals in
    /// a large scale, such as 0.000000000000000000001 in trillions) it is rounded half to even to
    /// 28 places.
    pub fn in_scale(&self, scale: Scale) -> Decimal {
        let exponent = scale.exponent();
        let mut amount = self.amount;
        if amount.scale() + exponent > Decimal::MAX_SCALE {
            amount = amount.normalize();
            if amount.scale() + exponent > Decimal::MAX_SCALE {
                amount = amount.round_dp_with_strategy(
                    Decimal::MAX_SCALE - exponent,
                    RoundingStrategy::MidpointNearestEven,
                );
            }
        }
        // The scale now stays within 28, so this only moves the decimal point.
        Decimal::try_from_i128_with_scale(amount.mantissa(), amount.scale() + exponent)
            .unwrap_or(Decimal::ZERO)
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// The amount without its sign.
    pub fn abs(&self) -> Money {
        Money::new(self.amount.abs(), self.currency)
    }

    /// The amount with the opposite sign (cannot overflow: `Decimal`'s range is symmetric).
    pub fn neg(&self) -> Money {
        Money::new(-self.amount, self.currency)
    }

    pub(crate) fn same_currency(&self, other: &Money, operation: &'static str) -> Result<()> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(Error::CurrencyMismatch {
                operation,
                left: self.currency,
                right: other.currency,
            })
        }
    }

    /// The exact sum.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] for different currencies; [`Error::Overflow`] if the exact sum
    /// does not fit a `Decimal` (beyond about ±7.9e28, or needing more than 28 significant digits,
    /// which `Decimal` arithmetic would silently round).
    ///
    /// ```
    /// # use tradestat::Money;
    /// let a: Money = "USD 4,736,842,105.26".parse()?;
    /// let b: Money = "USD 1,563,157,894.74".parse()?;
    /// assert_eq!(a.checked_add(&b)?.to_string(), "6300000000.00 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "add")?;
        exact_add(self.amount, other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| {
                Error::overflow(
                    "money addition",
                    format!("{} + {}", self.amount, other.amount),
                )
            })
    }

    /// The exact difference `self - other`.
    ///
    /// # Errors
    /// As [`Money::checked_add`].
    pub fn checked_sub(&self, other: &Money) -> Result<Money> {
        self.same_currency(other, "subtract")?;
        exact_add(self.amount, -other.amount)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| {
                Error::overflow(
                    "money subtraction",
                    format!("{} - {}", self.amount, other.amount),
                )
            })
    }

    /// The exact sum of `amounts`, all in `currency` (zero for none), at the largest scale among
    /// them. Partial sums need not fit a `Decimal`: MAX + 1 - 1 is MAX.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] for the first amount in another currency; [`Error::Overflow`]
    /// when the sum itself does not fit a `Decimal` exactly.
    ///
    /// ```
    /// # use tradestat::{Currency, Money};
    /// let flows: Vec<Money> = ["USD 1.5bn", "$2.5bn", "2,300,000,000 USD"]
    ///     .iter()
    ///     .map(|s| s.parse())
    ///     .collect::<Result<_, _>>()?;
    /// assert_eq!(Money::sum(Currency::USD, &flows)?.human(), "6.3 billion USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn sum<'a, I: IntoIterator<Item = &'a Money>>(
        currency: Currency,
        amounts: I,
    ) -> Result<Money> {
        let mut amounts = amounts.into_iter();
        let mut acc = Money::zero(currency);
        while let Some(m) = amounts.next() {
            match acc.checked_add(m) {
                Ok(sum) => acc = sum,
                Err(Error::Overflow { .. }) => {
                    // A partial sum that does not fit: go on in big integers from the exact sum
                    // so far, so that only a total that does not fit is refused.
                    return Money::sum_wide(acc, m, amounts);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(acc)
    }

    /// The rest of [`Money::sum`] in big integers, from the exact sum `acc` so far and `next`.
    fn sum_wide<'a>(
        acc: Money,
        next: &'a Money,
        rest: impl Iterator<Item = &'a Money>,
    ) -> Result<Money> {
        use crate::math::ExactDecimal;
        let mut scale = acc.amount.scale();
        let mut total = ExactDecimal::from(acc.amount);
        for m in std::iter::once(next).chain(rest) {
            acc.same_currency(m, "add")?;
            scale = scale.max(m.amount.scale());
            total = total.add(&ExactDecimal::from(m.amount));
        }
        let too_large = || {
            Error::overflow(
                "money addition",
                "the sum does not fit a Decimal exactly (at most about ±7.9e28, 28 significant \
                 digits)",
            )
        };
        let rounded = total.exact_decimal().ok_or_else(too_large)?;
        // Written at the largest scale among the amounts where that fits, as a direct sum is.
        let mut padded = rounded;
        padded.rescale(scale.min(Decimal::MAX_SCALE));
        let amount = if padded == rounded { padded } else { rounded };
        Ok(Money::new(amount, acc.currency))
    }

    /// The amount multiplied by `factor`. Exact when the product fits 28 significant digits;
    /// otherwise the last digits are rounded half to even (by `Decimal`).
    ///
    /// # Errors
    /// [`Error::Overflow`] if the product is beyond about ±7.9e28.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money> {
        self.amount
            .checked_mul(factor)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| {
                Error::overflow(
                    "money multiplication",
                    format!("{} * {factor}", self.amount),
                )
            })
    }

    /// The amount multiplied by the rate's fraction (a share or a growth: 6.3 billion at 33% is
    /// 2.079 billion). Rounding as [`Money::checked_mul`].
    ///
    /// # Errors
    /// [`Error::Overflow`] as [`Money::checked_mul`].
    ///
    /// ```
    /// # use tradestat::{Money, Rate};
    /// let m: Money = "$6.3bn".parse()?;
    /// let r: Rate = "33%".parse()?;
    /// assert_eq!(m.mul_rate(r)?.to_string(), "2079000000.00 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn mul_rate(&self, rate: Rate) -> Result<Money> {
        self.checked_mul(rate.as_fraction())
    }

    /// The amount divided by `divisor`, to `Decimal`'s 28 significant digits (the last rounded by
    /// `Decimal`); exact when the quotient has a finite decimal expansion that fits.
    ///
    /// # Errors
    /// [`Error::Undefined`] when `divisor` is zero; [`Error::Overflow`] if the quotient is beyond
    /// about ±7.9e28.
    pub fn checked_div(&self, divisor: Decimal) -> Result<Money> {
        if divisor.is_zero() {
            return Err(Error::undefined(
                "money division",
                format!("{self} / 0"),
                "division by zero",
            ));
        }
        self.amount
            .checked_div(divisor)
            .map(|a| Money::new(a, self.currency))
            .ok_or_else(|| {
                Error::overflow("money division", format!("{} / {divisor}", self.amount))
            })
    }

    /// `self / other` as a plain number (a share, a coverage ratio), to 28 significant digits.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] for different currencies; [`Error::Undefined`] when `other` is
    /// zero; [`Error::Overflow`] if the quotient is beyond about ±7.9e28.
    ///
    /// ```
    /// # use tradestat::{Decimal, Money};
    /// let exports: Money = "$1.5bn".parse()?;
    /// let total: Money = "$6bn".parse()?;
    /// assert_eq!(exports.ratio(&total)?, Decimal::new(25, 2));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn ratio(&self, other: &Money) -> Result<Decimal> {
        self.same_currency(other, "divide")?;
        if other.amount.is_zero() {
            return Err(Error::undefined(
                "money ratio",
                format!("{self} / {other}"),
                "the denominator is zero",
            ));
        }
        self.amount.checked_div(other.amount).ok_or_else(|| {
            Error::overflow("money ratio", format!("{} / {}", self.amount, other.amount))
        })
    }

    /// Rounded to the currency's minor unit (cents for USD, none for JPY, three places for KWD)
    /// half to even (banker's rounding, [`RoundingStrategy::MidpointNearestEven`]). An amount in a
    /// unit without a minor unit (gold, SDR: [`Currency::minor_units`] is `None`) is returned
    /// unchanged.
    ///
    /// ```
    /// # use tradestat::Money;
    /// let m: Money = "USD 0.125".parse()?;
    /// assert_eq!(m.round().to_string(), "0.12 USD");
    /// let y: Money = "JPY 2.5".parse()?;
    /// assert_eq!(y.round().to_string(), "2 JPY");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn round(&self) -> Money {
        self.round_with(RoundingStrategy::MidpointNearestEven)
    }

    /// Rounded to the currency's minor unit with `strategy`; unchanged for a unit without a minor
    /// unit (see [`Money::round`]).
    pub fn round_with(&self, strategy: RoundingStrategy) -> Money {
        match self.currency.minor_units() {
            Some(dp) => Money::new(
                self.amount.round_dp_with_strategy(u32::from(dp), strategy),
                self.currency,
            ),
            None => *self,
        }
    }

    /// The largest of thousand, million, billion, trillion not above the amount's size, or units.
    fn human_scale(amount: Decimal) -> Scale {
        let size = amount.abs();
        Scale::ALL
            .iter()
            .rev()
            .copied()
            .find(|s| *s == Scale::Units || size >= s.factor())
            .unwrap_or(Scale::Units)
    }

    /// The amount in words, exactly: the largest scale of thousand, million, billion or trillion
    /// that leaves at least 1, all significant digits, trailing zeros trimmed
    /// ("4.73684210526 billion USD", "950.5 USD").
    ///
    /// ```
    /// # use tradestat::Money;
    /// let m: Money = "USD 4,736,842,105.26".parse()?;
    /// assert_eq!(m.human(), "4.73684210526 billion USD");
    /// assert_eq!(m.human_with(2), "4.74 billion USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn human(&self) -> String {
        let scale = Money::human_scale(self.amount);
        Money::human_text(self.in_scale(scale).normalize(), scale, self.currency)
    }

    /// As [`Money::human`], rounded half to even to at most `decimals` places of the scale
    /// ("4.74 billion USD" for `decimals = 2`), trailing zeros trimmed.
    pub fn human_with(&self, decimals: u32) -> String {
        let decimals = decimals.min(Decimal::MAX_SCALE);
        let mut scale = Money::human_scale(self.amount);
        let round = |s: Scale| {
            self.in_scale(s)
                .round_dp_with_strategy(decimals, RoundingStrategy::MidpointNearestEven)
        };
        let mut value = round(scale);
        // 999.996 million to two places is 1000.00 million: say 1 billion instead.
        if let Some(up) = Scale::ALL
            .iter()
            .copied()
            .find(|s| s.exponent() == scale.exponent() + 3)
        {
            if value.abs() >= Scale::Thousand.factor() {
                scale = up;
                value = round(up);
            }
        }
        Money::human_text(value.normalize(), scale, self.currency)
    }

    /// As [`Money::human`], rounded half to even to `digits` significant digits (at least one),
    /// trailing zeros trimmed: the short form for prose ("4.74 billion USD" for `digits = 3`).
    /// [`Money::human`] keeps every digit and [`Money::human_with`] a count of decimal places.
    ///
    /// ```
    /// # use tradestat::Money;
    /// let m: Money = "USD 4,736,842,105.26".parse()?;
    /// assert_eq!(m.human_significant(3), "4.74 billion USD");
    /// assert_eq!(m.human_significant(1), "5 billion USD");
    /// let near: Money = "999,600,000 USD".parse()?;
    /// assert_eq!(near.human_significant(3), "1 billion USD"); // not "1000 million"
    /// let small: Money = "0.012345 USD".parse()?;
    /// assert_eq!(small.human_significant(2), "0.012 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn human_significant(&self, digits: u32) -> String {
        let digits = digits.clamp(1, Decimal::MAX_SCALE);
        let to_significant = |v: Decimal| -> Decimal {
            if v.is_zero() {
                return v;
            }
            // e = floor(log10 |v|), counted exactly.
            let mut e: i64 = 0;
            let mut probe = v.abs();
            let ten = Decimal::TEN;
            while probe >= ten {
                probe /= ten;
                e += 1;
            }
            while probe < Decimal::ONE {
                probe *= ten;
                e -= 1;
            }
            let decimals = i64::from(digits) - 1 - e;
            if decimals >= 0 {
                let places = u32::try_from(decimals.min(28)).unwrap_or(28);
                v.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven)
            } else {
                // Round to a multiple of 10^k: at most 28 (a Decimal has no more digits).
                let k = u32::try_from((-decimals).min(28)).unwrap_or(28);
                // |v| < 7.9e28, so k <= 28 and 10^k fits a Decimal.
                let unit = Decimal::from_i128_with_scale(10i128.pow(k), 0);
                (v / unit).round_dp_with_strategy(0, RoundingStrategy::MidpointNearestEven) * unit
            }
        };
        let mut scale = Money::human_scale(self.amount);
        let mut value = to_significant(self.in_scale(scale));
        if let Some(up) = Scale::ALL
            .iter()
            .copied()
            .find(|s| s.exponent() == scale.exponent() + 3)
        {
            if value.abs() >= Scale::Thousand.factor() {
                scale = up;
                value = to_significant(self.in_scale(up));
            }
        }
        Money::human_text(value.normalize(), scale, self.currency)
    }

    fn human_text(value: Decimal, scale: Scale, currency: Currency) -> String {
        match scale {
            Scale::Units => format!("{value} {currency}"),
            _ => format!("{value} {scale} {currency}"),
        }
    }
}

impl PartialOrd for Money {
    /// Compares amounts of the same currency; `None` across currencies.
    fn partial_cmp(&self, other: &Money) -> Option<Ordering> {
        (self.currency == other.currency).then(|| self.amount.cmp(&other.amount))
    }
}

impl Neg for Money {
    type Output = Money;

    fn neg(self) -> Money {
        Money::neg(&self)
    }
}

/// Implements a checked binary operator for every owned/borrowed combination.
macro_rules! checked_ops {
    ($($trait:ident $method:ident ($lhs:ty, $rhs:ty) => $call:expr;)*) => {$(
        impl $trait<$rhs> for $lhs {
            type Output = Result<Money>;

            /// Checked: see the `checked_*` method of the same name.
            fn $method(self, rhs: $rhs) -> Result<Money> {
                #[allow(clippy::redundant_closure_call)]
                ($call)(&self, rhs)
            }
        }
    )*};
}

checked_ops! {
    Add add (Money, Money) => |a: &Money, b: Money| a.checked_add(&b);
    Add add (Money, &Money) => |a: &Money, b: &Money| a.checked_add(b);
    Add add (&Money, Money) => |a: &&Money, b: Money| a.checked_add(&b);
    Add add (&Money, &Money) => |a: &&Money, b: &Money| a.checked_add(b);
    Sub sub (Money, Money) => |a: &Money, b: Money| a.checked_sub(&b);
    Sub sub (Money, &Money) => |a: &Money, b: &Money| a.checked_sub(b);
    Sub sub (&Money, Money) => |a: &&Money, b: Money| a.checked_sub(&b);
    Sub sub (&Money, &Money) => |a: &&Money, b: &Money| a.checked_sub(b);
    Mul mul (Money, Decimal) => |a: &Money, k: Decimal| a.checked_mul(k);
    Mul mul (&Money, Decimal) => |a: &&Money, k: Decimal| a.checked_mul(k);
    Mul mul (Money, Rate) => |a: &Money, r: Rate| a.mul_rate(r);
    Mul mul (&Money, Rate) => |a: &&Money, r: Rate| a.mul_rate(r);
}

/// The exact sum of `amounts`, taking the currency from the first; used by both `Sum` impls.
fn sum_of<'a>(amounts: impl Iterator<Item = &'a Money>) -> Result<Money> {
    let mut amounts = amounts;
    let first = amounts.next().ok_or(Error::TooFewValues {
        operation: "summing money with Iterator::sum (use Money::sum for a currency when empty)",
        needed: 1,
        got: 0,
    })?;
    amounts.try_fold(*first, |acc, m| acc.checked_add(m))
}

/// `iter.sum::<Result<Money>>()`: the exact sum, in the currency of the amounts.
///
/// An error for amounts in different currencies ([`Error::CurrencyMismatch`]), for a sum that does
/// not fit exactly ([`Error::Overflow`]), and for no amounts at all ([`Error::TooFewValues`]: an
/// empty sum has no currency; [`Money::sum`] takes one).
///
/// ```
/// # use tradestat::{Error, Money, Result};
/// let flows: Vec<Money> = vec!["$1.5bn".parse()?, "$2.5bn".parse()?, "$2.3bn".parse()?];
/// let total: Result<Money> = flows.iter().sum();
/// assert_eq!(total?.human(), "6.3 billion USD");
/// let mixed: Result<Money> = ["$1".parse::<Money>()?, "€1".parse()?].into_iter().sum();
/// assert!(matches!(mixed, Err(Error::CurrencyMismatch { .. })));
/// # Ok::<(), tradestat::Error>(())
/// ```
impl std::iter::Sum<Money> for Result<Money> {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Result<Money> {
        let mut iter = iter;
        let Some(first) = iter.next() else {
            return sum_of(std::iter::empty());
        };
        iter.try_fold(first, |acc, m| acc.checked_add(&m))
    }
}

/// `iter.sum::<Result<Money>>()` over borrowed amounts; see the impl for owned ones.
impl<'a> std::iter::Sum<&'a Money> for Result<Money> {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Result<Money> {
        sum_of(iter)
    }
}

/// Writes `text` honouring the formatter's width, fill and alignment (right by default, as for
/// numbers), without `pad`'s truncation to the precision.
fn pad_right(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let len = text.chars().count();
    let Some(fill) = f.width().and_then(|w| w.checked_sub(len)) else {
        return f.write_str(text);
    };
    let (before, after) = match f.align() {
        Some(fmt::Alignment::Left) => (0, fill),
        Some(fmt::Alignment::Center) => (fill / 2, fill - fill / 2),
        _ => (fill, 0),
    };
    let c = f.fill();
    for _ in 0..before {
        f.write_char(c)?;
    }
    f.write_str(text)?;
    for _ in 0..after {
        f.write_char(c)?;
    }
    Ok(())
}

impl fmt::Display for Money {
    /// Writes the exact amount and the code: "6300000000 USD", "-1.50 EUR". The amount is written
    /// as the `Decimal` holds it (no rounding, no added or removed zeros), so the text reads back
    /// through [`FromStr`] to the same value and scale. `{:.2}` rounds half to even to two places
    /// (and writes exactly two); a width right-aligns by default.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let amount = match f.precision() {
            Some(p) => {
                let p = u32::try_from(p).unwrap_or(u32::MAX).min(Decimal::MAX_SCALE);
                crate::vocabulary::decimal_text::rounded_places(self.amount, p)
            }
            None => self.amount.to_string(),
        };
        let text = format!("{amount} {}", self.currency);
        pad_right(f, &text)
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Reads an amount as people write it in English, exactly: "6.3 billion US dollars", "$6.3bn",
    /// "US$ 6.3 bln", "USD 6.3 billion", "6,300,000,000 USD", "6.3B USD", "€1.2 million",
    /// "£700m", "KZT 2.9 trillion", "4 736 842 105.26 USD", "USD -3.2bn", "(1,234) USD". For
    /// Turkish, Russian or Kazakh text use [`Money::parse_in`].
    ///
    /// - The currency comes before or after the number, with or without a space: a code in any case,
    ///   a symbol or a name, as [`Currency::lookup`] reads them. "$" and "dollars" alone mean USD
    ///   (the financial-press convention); "¥", "kr", "rupees", "francs", "pounds" alone are
    ///   ambiguous.
    /// - The number: digits with an optional decimal point; thousands separated by commas or by
    ///   spaces (also no-break and thin spaces) in groups of three; a sign (`-`, `+`, `−`) before
    ///   the number or the currency, or parentheses around the amount as accounts write negatives
    ///   ("(1,234) USD" and "USD (1,234)" are -1234 USD). A decimal comma is never guessed.
    /// - An optional scale after the number, in any case: k, th, thousand; m, mn, mln, million;
    ///   b, bn, bln, billion; t, tn, trn, trillion (short scale).
    ///
    /// # Errors
    /// [`Error::Parse`] with the byte position for malformed text, each with its own reason:
    /// empty, no number, a bad digit group such as "1,2,3", a decimal comma ("1 234,5 EUR": the
    /// message points to [`Money::parse_in`]), exponent notation ("6.3e9"), an unknown scale word
    /// ("6.3 bil": the message suggests "bn" or "billion"), two decimal points, two scales, two
    /// currencies, no currency, a second number, unbalanced parentheses;
    /// [`Error::UnknownCurrency`] and [`Error::AmbiguousCurrency`] for the currency;
    /// [`Error::Overflow`] when the amount does not fit a `Decimal`.
    ///
    /// ```
    /// # use tradestat::{Currency, Decimal, Error, Money};
    /// let m: Money = "KZT 2.9 trillion".parse()?;
    /// assert_eq!(m.amount(), Decimal::from(2_900_000_000_000_u64));
    /// assert_eq!(m.currency(), Currency::KZT);
    /// assert_eq!("(1,234) USD".parse::<Money>()?.to_string(), "-1234 USD");
    /// assert!(matches!("¥ 1.5 trillion".parse::<Money>(), Err(Error::AmbiguousCurrency { .. })));
    /// assert!(matches!("1,2,3 USD".parse::<Money>(), Err(Error::Parse { position: 2, .. })));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Money> {
        parse::parse(s, Language::English)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Money {
    /// Written as `{"amount": "6300000000", "currency": "USD"}`: the amount as an exact string.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("Money", 2)?;
        st.serialize_field("amount", &self.amount.to_string())?;
        st.serialize_field("currency", &self.currency)?;
        st.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Money {
    /// Reads `{"amount": "6300000000", "currency": "USD"}`. The amount follows the crate's one rule
    /// for numbers in serde (see the crate documentation, "Exact numbers in JSON"): an exact decimal
    /// string or an integer; a JSON number with a fraction or an exponent is refused, since it has
    /// passed through `f64`.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use crate::vocabulary::exact_serde::SerdeDecimal;
        #[derive(serde::Deserialize)]
        #[serde(
            rename = "Money",
            deny_unknown_fields,
            expecting = "money as {\"amount\": \"6300000000\", \"currency\": \"USD\"}"
        )]
        struct Repr {
            #[serde(deserialize_with = "crate::vocabulary::serde_field::amount")]
            amount: SerdeDecimal,
            #[serde(deserialize_with = "crate::vocabulary::serde_field::currency")]
            currency: Currency,
        }
        let repr = Repr::deserialize(d)?;
        Ok(Money::new(repr.amount.0, repr.currency))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn usd(s: &str) -> Money {
        Money::new(d(s), Currency::USD)
    }

    #[test]
    fn iterator_sum_into_result() {
        let flows = [usd("1.5"), usd("2.25"), usd("-0.75")];
        let owned: Result<Money> = flows.into_iter().sum();
        assert_eq!(owned.unwrap(), usd("3.00"));
        let borrowed: Result<Money> = flows.iter().sum();
        assert_eq!(borrowed.unwrap(), usd("3.00"));
        let mixed = [usd("1"), Money::new(d("1"), Currency::EUR), usd("2")];
        assert!(matches!(
            mixed.iter().sum::<Result<Money>>(),
            Err(Error::CurrencyMismatch { .. })
        ));
        assert!(matches!(
            mixed.into_iter().sum::<Result<Money>>(),
            Err(Error::CurrencyMismatch { .. })
        ));
        let none: [Money; 0] = [];
        assert!(matches!(
            none.iter().sum::<Result<Money>>(),
            Err(Error::TooFewValues { got: 0, .. })
        ));
        assert!(none.into_iter().sum::<Result<Money>>().is_err());
        // Exact: Decimal's own sum would round the last digit away.
        let exact = [usd("1.0000000000000000000000000001"), usd("1")];
        assert_eq!(
            exact.iter().sum::<Result<Money>>().unwrap().amount(),
            d("2.0000000000000000000000000001")
        );
        assert!([usd("79228162514264337593543950335"), usd("1")]
            .iter()
            .sum::<Result<Money>>()
            .unwrap_err()
            .is_overflow());
    }

    #[test]
    fn addition_is_exact_where_decimal_would_round() {
        let big = usd("79228162514264337593543950335");
        let tiny = usd("0.1");
        assert!(big.checked_add(&tiny).unwrap_err().is_overflow());
        let a = usd("1.0000000000000000000000000001");
        assert_eq!(
            a.checked_add(&usd("1")).unwrap().amount(),
            d("2.0000000000000000000000000001")
        );
        assert!(a.checked_add(&usd("5")).is_ok());
        assert!(a.checked_add(&usd("10")).is_err());
        assert_eq!(
            usd("1.50").checked_add(&usd("1.50")).unwrap().to_string(),
            "3.00 USD"
        );
    }

    #[test]
    fn exact_shift_keeps_every_digit() {
        assert_eq!(exact_shift(d("6.3"), 9), Some(d("6300000000")));
        assert_eq!(exact_shift(d("0.000000000001"), 12), Some(d("1")));
        assert_eq!(
            exact_shift(d("99999999999"), 12),
            Some(d("99999999999000000000000"))
        );
        assert_eq!(exact_shift(d("99999999999999999"), 12), None);
        assert_eq!(
            exact_shift(d("1.5000000000000000000000000000"), 12),
            Some(d("1500000000000"))
        );
    }

    #[test]
    fn in_scale_and_human() {
        let m = usd("4736842105.26");
        assert_eq!(m.in_scale(Scale::Billion), d("4.73684210526"));
        assert_eq!(m.in_scale(Scale::Trillion), d("0.00473684210526"));
        assert_eq!(
            usd("0.0000000000000000000000000001").in_scale(Scale::Trillion),
            Decimal::ZERO
        );
        assert_eq!(usd("999.9").human(), "999.9 USD");
        assert_eq!(usd("-1500").human(), "-1.5 thousand USD");
        assert_eq!(usd("999996000").human_with(2), "1 billion USD");
        assert_eq!(usd("12000000000000000").human(), "12000 trillion USD");
    }

    #[test]
    fn display_precision_and_width() {
        let m = usd("6.125");
        assert_eq!(format!("{m:.2}"), "6.12 USD");
        assert_eq!(format!("{:.2}", usd("6")), "6.00 USD");
        assert_eq!(format!("[{m:>12}]"), "[   6.125 USD]");
        assert_eq!(format!("[{m:<12}]"), "[6.125 USD   ]");
        assert_eq!(format!("[{m:12}]"), "[   6.125 USD]");
    }

    #[test]
    fn rounding_without_minor_unit_keeps_amount() {
        let gold = Money::new(d("1.23456"), Currency::XAU);
        assert_eq!(gold.round(), gold);
        assert_eq!(
            Money::new(d("2.0005"), Currency::KWD).round().amount(),
            d("2.000")
        );
    }
}
