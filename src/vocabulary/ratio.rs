//! Dimensionless results: shares, index numbers, coverage ratios, periods to reach a goal, R².
//!
//! A bare [`Decimal`] prints with rust_decimal's formatter, which truncates at a precision (`{:.0}`
//! of 104.95 gives "104"). A [`Ratio`] prints the way [`Rate`](crate::Rate) and
//! [`Money`](crate::Money) do: every digit without a precision, rounded half to even with one.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// A dimensionless number: a share, an index, a ratio of two amounts, a count of periods.
///
/// It is a thin wrapper over an exact [`Decimal`], so that results print rounded half to even at
/// the formatter's precision instead of truncated, and cannot be mistaken for an amount or a rate.
///
/// ```
/// use tradestat::{Decimal, Ratio};
///
/// let index = Ratio::new(Decimal::new(10495, 2)); // 104.95
/// assert_eq!(format!("{index:.0}"), "105");       // rust_decimal's own `{:.0}` prints "104"
/// assert_eq!(format!("{index:.1}"), "105.0");     // half to even: 104.95 -> 105.0
/// assert_eq!(index.to_string(), "104.95");        // every digit without a precision
///
/// let coverage = Ratio::checked_div(Decimal::from(2), Decimal::from(3))?;
/// assert_eq!(coverage.to_string(), "0.6666666666666666666666666667");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Ratio(Decimal);

impl Ratio {
    /// Zero.
    pub const ZERO: Ratio = Ratio(Decimal::ZERO);
    /// One.
    pub const ONE: Ratio = Ratio(Decimal::ONE);

    /// Wraps an exact value.
    pub const fn new(value: Decimal) -> Ratio {
        Ratio(value)
    }

    /// `numerator / denominator`, one division rounded once, half to even, to the finest
    /// `Decimal` grid that holds the quotient (28 significant digits where the magnitude allows,
    /// never finer than 1e-28).
    ///
    /// # Errors
    ///
    /// [`Error::Undefined`] when `denominator` is zero; [`Error::Overflow`] when the quotient
    /// exceeds a `Decimal` (about 7.9e28).
    pub fn checked_div(numerator: Decimal, denominator: Decimal) -> Result<Ratio> {
        if denominator.is_zero() {
            return Err(Error::undefined(
                "ratio",
                format!("{numerator} / 0"),
                "division by zero",
            ));
        }
        numerator
            .checked_div(denominator)
            .map(Ratio)
            .ok_or_else(|| Error::overflow("ratio", format!("{numerator} / {denominator}")))
    }

    /// The exact value.
    pub const fn value(self) -> Decimal {
        self.0
    }

    /// The value rounded to `decimals` places with a named strategy.
    pub fn round_dp_with_strategy(self, decimals: u32, strategy: RoundingStrategy) -> Ratio {
        Ratio(self.0.round_dp_with_strategy(decimals.min(28), strategy))
    }

    /// The value rounded half to even to `decimals` places.
    pub fn round_dp(self, decimals: u32) -> Ratio {
        self.round_dp_with_strategy(decimals, RoundingStrategy::MidpointNearestEven)
    }

    /// True when the value is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// The absolute value.
    pub fn abs(self) -> Ratio {
        Ratio(self.0.abs())
    }
}

impl From<Decimal> for Ratio {
    fn from(value: Decimal) -> Ratio {
        Ratio(value)
    }
}

impl From<Ratio> for Decimal {
    fn from(ratio: Ratio) -> Decimal {
        ratio.0
    }
}

impl PartialEq<Decimal> for Ratio {
    fn eq(&self, other: &Decimal) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<Decimal> for Ratio {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        self.0.partial_cmp(other)
    }
}

impl fmt::Display for Ratio {
    /// Every digit (trailing zeros of the scale dropped) without a precision; with one (`{:.2}`),
    /// rounded half to even and padded to exactly that many decimals. Width, fill and `+` apply.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.precision().is_none() && f.width().is_none() && !f.sign_plus() {
            // The common case (tables written by the thousand): digits straight from the
            // mantissa, without the intermediate strings.
            return write_normalized(f, self.0);
        }
        let text = match f.precision() {
            Some(p) => {
                let p = u32::try_from(p).unwrap_or(u32::MAX).min(28);
                crate::vocabulary::decimal_text::rounded_places(self.0, p)
            }
            None => self.0.normalize().to_string(),
        };
        let text = match text.strip_prefix("-") {
            // Rounding can leave "-0.00": a zero has no sign.
            Some(body) if body.bytes().all(|b| b == b'0' || b == b'.') => body.to_owned(),
            _ if f.sign_plus() && !text.starts_with('-') => format!("+{text}"),
            _ => text,
        };
        // `pad` would truncate to the precision, which here means decimals: honour width only.
        match f.width() {
            Some(width) if text.chars().count() < width => {
                let fill = f.fill().to_string().repeat(width - text.chars().count());
                match f.align() {
                    Some(fmt::Alignment::Left) => write!(f, "{text}{fill}"),
                    _ => write!(f, "{fill}{text}"),
                }
            }
            _ => f.write_str(&text),
        }
    }
}

/// `value` with every digit and no trailing zero after the point, as `normalize().to_string()`
/// writes it ("-0.5", "12", "0.0000001"), from a buffer on the stack.
fn write_normalized(f: &mut fmt::Formatter<'_>, value: Decimal) -> fmt::Result {
    let mut mantissa = value.mantissa().unsigned_abs();
    let mut scale = value.scale() as usize;
    while scale > 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    // At most 29 digits of a 96-bit mantissa, the point, the zeros before it and a sign.
    let mut digits = [0_u8; 40];
    let mut n = 0;
    while mantissa > 0 || n <= scale {
        digits[n] = b'0' + (mantissa % 10) as u8;
        mantissa /= 10;
        n += 1;
    }
    let mut text = [0_u8; 64];
    let mut len = 0;
    if value.is_sign_negative() && digits[..n].iter().any(|&d| d != b'0') {
        text[len] = b'-';
        len += 1;
    }
    for i in (0..n).rev() {
        text[len] = digits[i];
        len += 1;
        if i == scale && scale > 0 {
            text[len] = b'.';
            len += 1;
        }
    }
    // Only ASCII digits, a point and a sign were written.
    f.write_str(std::str::from_utf8(&text[..len]).map_err(|_| fmt::Error)?)
}

impl fmt::Debug for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ratio({})", self.0)
    }
}

impl FromStr for Ratio {
    type Err = Error;

    /// Reads a plain decimal number ("0.25", "-1.5", "104.95"), exactly: no exponent, no
    /// percentage sign, at most 28 decimal places.
    fn from_str(s: &str) -> Result<Ratio> {
        // The crate's one exact reader of plain decimals (also behind serde).
        crate::vocabulary::exact_serde::parse_decimal("ratio", s).map(Ratio)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Ratio {
    /// Written as its exact decimal string ("0.25").
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl crate::vocabulary::exact_serde::FromExact for Ratio {
    const EXPECTING: &'static str = "a ratio as an exact decimal string such as \"0.25\"";
    const WHAT: &'static str = "ratio";
    fn from_text(text: &str) -> Result<Ratio> {
        text.parse()
    }
    fn from_decimal(value: Decimal) -> Result<Ratio> {
        Ok(Ratio(value))
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Ratio {
    /// Reads an exact decimal string ("0.25") or an integer. A JSON number with a fraction or an
    /// exponent is refused: it has passed through `f64` (see the crate documentation, "Exact
    /// numbers in JSON").
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        crate::vocabulary::exact_serde::deserialize_exact(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn plain_display_is_the_normalized_decimal() {
        for (text, shown) in [
            ("0", "0"),
            ("-0.000", "0"),
            ("0.500", "0.5"),
            ("-0.5", "-0.5"),
            ("120", "120"),
            ("1200.00", "1200"),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "-79228162514264337593543950335",
                "-79228162514264337593543950335",
            ),
            (
                "7.9228162514264337593543950335",
                "7.9228162514264337593543950335",
            ),
        ] {
            assert_eq!(Ratio::new(d(text)).to_string(), shown, "{text}");
        }
    }

    proptest! {
        /// The stack writer gives what `normalize().to_string()` gives, for every mantissa,
        /// scale and sign.
        #[test]
        fn plain_display_equals_rust_decimal(lo: u32, mid: u32, hi: u32, negative: bool, scale in 0_u32..=28) {
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            prop_assert_eq!(Ratio::new(value).to_string(), value.normalize().to_string());
        }
    }

    #[test]
    fn display_rounds_half_to_even_and_pads() {
        assert_eq!(format!("{:.0}", Ratio::new(d("104.95"))), "105");
        assert_eq!(format!("{:.1}", Ratio::new(d("104.95"))), "105.0");
        assert_eq!(format!("{:.1}", Ratio::new(d("104.85"))), "104.8");
        assert_eq!(format!("{:.3}", Ratio::new(d("2"))), "2.000");
        assert_eq!(format!("{:.2}", Ratio::new(d("-0.001"))), "0.00");
        assert_eq!(format!("{:+.1}", Ratio::new(d("0.25"))), "+0.2");
        assert_eq!(format!("{:>8.2}", Ratio::new(d("1.5"))), "    1.50");
        assert_eq!(Ratio::new(d("1.500")).to_string(), "1.5");
    }

    #[test]
    fn division_rounds_once_half_to_even() {
        // 5e-28 / 10 = 5e-29: exactly half a unit of the 1e-28 grid, so half to even gives 0.
        let r = Ratio::checked_div(d("0.0000000000000000000000000005"), d("10")).unwrap();
        assert_eq!(r.value(), Decimal::ZERO);
        // 15e-28 / 10 = 1.5e-28: half to even gives 2e-28.
        let r = Ratio::checked_div(d("0.0000000000000000000000000015"), d("10")).unwrap();
        assert_eq!(r.value(), d("0.0000000000000000000000000002"));
        assert_eq!(
            Ratio::checked_div(d("1"), d("3")).unwrap().value(),
            d("0.3333333333333333333333333333")
        );
        assert!(Ratio::checked_div(d("1"), Decimal::ZERO).is_err());
        assert!(Ratio::checked_div(Decimal::MAX, d("0.5"))
            .unwrap_err()
            .is_overflow());
    }

    #[test]
    fn parses_exactly_or_refuses() {
        assert_eq!("0.25".parse::<Ratio>().unwrap().value(), d("0.25"));
        assert!("1e3".parse::<Ratio>().is_err());
        assert!("25%".parse::<Ratio>().is_err());
        assert!("0.12345678901234567890123456789".parse::<Ratio>().is_err());
    }
}
