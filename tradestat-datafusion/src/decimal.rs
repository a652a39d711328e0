//! Exact conversions between [`Decimal`] and Arrow's `Decimal128(precision, scale)`.
//!
//! A `Decimal` is a 96-bit mantissa with a scale of 0 to 28; a `Decimal128(p, s)` value is an
//! `i128` mantissa of at most `p` (at most 38) digits with a fixed scale `s` for the whole column.
//! A `Decimal` can need 29 integer digits and 28 decimals, 57 together, so no one column type holds
//! every `Decimal`: these conversions never round and never wrap, and report a value that does not
//! fit as an error naming it. (Arrow's casts between decimal types and DataFusion's CSV reader
//! round or truncate extra decimals silently: 12.345 into scale 2 becomes 12.35 or 12.34.)
//!
//! A column built from decimals takes the largest scale among them ([`to_array`]), so every value
//! is held exactly whenever the digits fit in 38.
//!
//! ```
//! use tradestat_datafusion::decimal;
//! use rust_decimal::Decimal;
//!
//! let values = [Some(Decimal::new(12345, 3)), None, Some(Decimal::new(-7, 0))];
//! let array = decimal::to_array(&values)?;
//! assert_eq!(array.scale(), 3); // 12.345 has three decimals
//! assert_eq!(array.value(2), -7000); // -7 at scale 3
//! assert_eq!(decimal::from_array(&array)?, values);
//!
//! // 12.345 does not fit scale 2: an error naming it, never 12.34 or 12.35.
//! let error = decimal::to_mantissa(Decimal::new(12345, 3), 38, 2).unwrap_err();
//! assert!(error.to_string().starts_with("12.345 does not fit Decimal128(38, 2)"));
//! # Ok::<(), tradestat_datafusion::Error>(())
//! ```

use arrow::array::{Array, Decimal128Array};
use arrow::datatypes::DECIMAL128_MAX_PRECISION;
use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The largest precision of `Decimal128`: 38 digits.
pub const MAX_PRECISION: u8 = DECIMAL128_MAX_PRECISION;

/// `10^n` for `n` in 0..=38, `None` beyond (it would not fit an `i128`).
pub(crate) fn pow10(n: u32) -> Option<i128> {
    10_i128.checked_pow(n)
}

/// The largest mantissa `Decimal128(precision, _)` holds: `10^precision - 1`.
pub(crate) fn max_mantissa(precision: u8) -> i128 {
    pow10(u32::from(precision.min(MAX_PRECISION))).map_or(i128::MAX, |p| p - 1)
}

/// True when `mantissa` has at most `precision` digits: `|mantissa| <= 10^precision - 1`.
/// (`unsigned_abs`, since `i128::MIN.abs()` overflows: a column's mantissa can be any `i128`.)
pub(crate) fn fits(mantissa: i128, precision: u8) -> bool {
    mantissa.unsigned_abs() <= max_mantissa(precision).unsigned_abs()
}

/// The largest scale among `values`: the scale of a column that holds them all without rounding.
/// 0 for none.
pub fn largest_scale<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> u32 {
    values.into_iter().map(Decimal::scale).max().unwrap_or(0)
}

/// `value` as the mantissa of a `Decimal128(precision, scale)`, exactly: `value * 10^scale`.
///
/// Trailing zeros may be dropped (1.50 goes into scale 1 as 15), digits may not.
///
/// # Errors
/// [`Error::DoesNotFit`] naming the value when it has more decimals than `scale` (it would round)
/// or more digits than `precision` allows at that scale.
///
/// ```
/// # use tradestat_datafusion::decimal::to_mantissa;
/// # use rust_decimal::Decimal;
/// assert_eq!(to_mantissa(Decimal::new(150, 2), 10, 1)?, 15);
/// assert!(to_mantissa(Decimal::MAX, 38, 10).is_err()); // 29 + 10 digits
/// # Ok::<(), tradestat_datafusion::Error>(())
/// ```
pub fn to_mantissa(value: Decimal, precision: u8, scale: i8) -> Result<i128> {
    let does_not_fit = |reason| Error::DoesNotFit {
        value: value.to_string(),
        precision,
        scale,
        reason,
    };
    let mantissa = value.mantissa();
    let from_scale = i64::from(value.scale());
    let shift = i64::from(scale) - from_scale;
    let shifted = if shift >= 0 {
        if mantissa == 0 {
            0
        } else {
            u32::try_from(shift)
                .ok()
                .and_then(pow10)
                .and_then(|p| mantissa.checked_mul(p))
                .ok_or_else(|| does_not_fit("too many digits"))?
        }
    } else {
        // Dropping decimals is exact only when they are zeros.
        let divisor = u32::try_from(-shift).ok().and_then(pow10);
        match divisor {
            Some(d) if mantissa % d == 0 => mantissa / d,
            None if mantissa == 0 => 0,
            _ => {
                return Err(does_not_fit(
                    "it has more decimals than the scale; it would round",
                ))
            }
        }
    };
    if precision == 0 || precision > MAX_PRECISION || !fits(shifted, precision) {
        return Err(does_not_fit("too many digits for the precision"));
    }
    Ok(shifted)
}

/// The exact `Decimal` of a `Decimal128` mantissa at `scale`: `mantissa / 10^scale`.
///
/// The `Decimal` keeps the column's scale when it can (0.50 at scale 2 stays 0.50); trailing
/// zeros are dropped only where a `Decimal` needs it (a scale above 28, a mantissa above 96 bits).
///
/// # Errors
/// [`Error::NotADecimal`] naming the value when no `Decimal` holds it exactly: more than 28
/// significant decimals, or a magnitude above `Decimal::MAX` (about 7.9e28).
///
/// ```
/// # use tradestat_datafusion::decimal::from_mantissa;
/// # use rust_decimal::Decimal;
/// assert_eq!(from_mantissa(-1234, 2)?.to_string(), "-12.34");
/// assert_eq!(from_mantissa(10_i128.pow(30), 32)?, Decimal::new(1, 2)); // scale 32 -> 28
/// assert!(from_mantissa(1, 29).is_err()); // 1e-29
/// # Ok::<(), tradestat_datafusion::Error>(())
/// ```
pub fn from_mantissa(mantissa: i128, scale: i8) -> Result<Decimal> {
    let not_a_decimal = |reason| Error::NotADecimal {
        value: format_mantissa(mantissa, scale),
        reason,
    };
    let (mut m, mut s) = if scale < 0 {
        let factor = pow10(u32::from(scale.unsigned_abs()));
        let m = factor
            .and_then(|f| mantissa.checked_mul(f))
            .ok_or_else(|| not_a_decimal("above Decimal::MAX"))?;
        (m, 0_u32)
    } else {
        (mantissa, u32::from(scale.unsigned_abs()))
    };
    // `unsigned_abs` throughout: a column's mantissa can be `i128::MIN`, whose `abs` overflows.
    const MAX_MANTISSA: u128 = (1_u128 << 96) - 1;
    while (s > 28 || m.unsigned_abs() > MAX_MANTISSA) && s > 0 && m % 10 == 0 {
        m /= 10;
        s -= 1;
    }
    if s > 28 {
        return Err(not_a_decimal("more than 28 decimals"));
    }
    if m.unsigned_abs() > MAX_MANTISSA {
        let integer_part = pow10(s).map_or(0, |p| m / p);
        return Err(not_a_decimal(
            if integer_part.unsigned_abs() > MAX_MANTISSA {
                "above Decimal::MAX"
            } else {
                "more significant digits than a Decimal's 96-bit mantissa holds"
            },
        ));
    }
    Decimal::try_from_i128_with_scale(m, s).map_err(|_| not_a_decimal("above Decimal::MAX"))
}

/// Writes a `Decimal128` mantissa at `scale` exactly, without exponent (`-12.34`, `1200`).
pub fn format_mantissa(mantissa: i128, scale: i8) -> String {
    let digits = mantissa.unsigned_abs().to_string();
    let sign = if mantissa < 0 { "-" } else { "" };
    if scale <= 0 {
        let zeros = if mantissa == 0 {
            0
        } else {
            usize::from(scale.unsigned_abs())
        };
        return format!("{sign}{digits}{}", "0".repeat(zeros));
    }
    let scale = usize::from(scale.unsigned_abs());
    let padded = if digits.len() <= scale {
        format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// A `Decimal128(38, s)` array of `values`, `s` the largest scale among them: every value exactly.
///
/// # Errors
/// [`Error::DoesNotFit`] naming the first value that needs more than 38 digits at that scale (a
/// very large value next to one with many decimals).
pub fn to_array(values: &[Option<Decimal>]) -> Result<Decimal128Array> {
    let scale = largest_scale(values.iter().flatten());
    // A Decimal's scale is at most 28, so it fits an i8.
    let scale = i8::try_from(scale).unwrap_or(28);
    to_array_with_type(values, MAX_PRECISION, scale)
}

/// A `Decimal128(precision, scale)` array of `values`, exactly.
///
/// # Errors
/// [`Error::DoesNotFit`] naming the first value that would round or overflow;
/// [`Error::Arrow`] for a precision or scale Arrow does not accept.
pub fn to_array_with_type(
    values: &[Option<Decimal>],
    precision: u8,
    scale: i8,
) -> Result<Decimal128Array> {
    let mantissas = values
        .iter()
        .map(|v| v.map(|d| to_mantissa(d, precision, scale)).transpose())
        .collect::<Result<Vec<_>>>()?;
    Ok(Decimal128Array::from(mantissas).with_precision_and_scale(precision, scale)?)
}

/// The decimals of a `Decimal128` array, exactly; `None` for nulls.
///
/// # Errors
/// [`Error::NotADecimal`] naming the first value no `Decimal` holds exactly.
pub fn from_array(array: &Decimal128Array) -> Result<Vec<Option<Decimal>>> {
    let scale = array.scale();
    (0..array.len())
        .map(|i| {
            if array.is_null(i) {
                Ok(None)
            } else {
                from_mantissa(array.value(i), scale).map(Some)
            }
        })
        .collect()
}
