//! Exact decimals from text and from serde: the one rule every amount, rate and ratio follows.
//!
//! The rule (documented for users on the crate's front page, "Exact numbers in JSON"):
//!
//! - amounts, rates and ratios are **written as strings** (`"6300000000"`, `"0.33"`) and read
//!   back exactly;
//! - a string is a plain decimal number: an optional sign, digits, an optional point and digits.
//!   No exponent ("1.5e3"), no digit separators, at most 28 decimal places and at most
//!   `Decimal::MAX` in size: anything that cannot be held exactly is an error naming it, never
//!   rounded;
//! - a JSON **integer** is read exactly (serde hands it over as `i64`, `u64`, `i128` or `u128`);
//! - a JSON number with a fraction or an exponent, or an integer too long for 64 bits, reaches a
//!   deserializer only as an `f64`, whose digits are already lost: it is **refused** with an error
//!   that says to write it as a string. serde_json's `arbitrary_precision` feature is not used: in
//!   a library it would change serde_json for every crate in the build.
//!
//! # For the types of other layers
//!
//! - A `Decimal` field of a derived struct: `#[serde(with = "crate::vocabulary::exact_serde")]`
//!   (or `deserialize_with = "crate::vocabulary::exact_serde::deserialize"`).
//! - A `Decimal` inside a container (`Vec<(Period, Decimal)>`): use [`SerdeDecimal`] in the serde
//!   representation and convert.
//! - A type of its own whose text form is more than a number (a [`Rate`](crate::Rate) also reads
//!   "33%"): implement [`FromExact`] and call [`deserialize_exact`] from its `Deserialize`.
//! - Text that is not serde at all: [`parse_decimal`].
//!
//! A struct with such fields also follows the rule of `serde_field`: unknown fields refused, each
//! field read through the function named after it, so that errors name the field.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// Reads `input` as a plain decimal number, exactly: an optional sign (`+`, `-`), digits, and an
/// optional decimal point followed by digits, with white space around it ignored. `what` names the
/// value in the error ("amount", "rate", "ratio").
///
/// # Errors
/// [`Error::Parse`] naming the input for anything else: an exponent ("1.5e3"), separators, more
/// than 28 decimal places, or a value beyond `Decimal`'s range.
pub(crate) fn parse_decimal(what: &'static str, input: &str) -> Result<Decimal> {
    let lead = input.len() - input.trim_start().len();
    let s = input.trim();
    let err = |pos: usize, reason: &str| Error::parse(what, input, lead + pos, reason);
    if s.is_empty() {
        return Err(err(
            0,
            "empty input: expected a decimal number such as \"0.25\"",
        ));
    }
    let body_at = usize::from(s.starts_with(['+', '-']));
    let body = s.get(body_at..).unwrap_or("");
    let mut seen_point = false;
    let mut digits = 0_usize;
    let mut decimals = 0_usize;
    for (i, c) in body.char_indices() {
        match c {
            '0'..='9' => {
                digits += 1;
                if seen_point {
                    decimals += 1;
                }
            }
            '.' if !seen_point && digits > 0 => seen_point = true,
            '.' => {
                return Err(err(
                    body_at + i,
                    "a decimal number has one point, after a digit (write 0.5, not .5)",
                ))
            }
            'e' | 'E' => {
                return Err(err(
                    body_at + i,
                    "exponent notation is not read: write the digits out (1500, not 1.5e3)",
                ))
            }
            _ => {
                return Err(err(
                    body_at + i,
                    "expected only digits and one decimal point (no separators, no units)",
                ))
            }
        }
    }
    if digits == 0 || (seen_point && decimals == 0) {
        return Err(err(
            s.len(),
            "expected a decimal number such as \"0.25\" (a digit after the point)",
        ));
    }
    if decimals > Decimal::MAX_SCALE as usize {
        // Zeros past the 28th place can be dropped without changing the value.
        let shorter = without_trailing_zeros(s);
        let places = shorter.find('.').map_or(0, |dot| shorter.len() - dot - 1);
        if places > Decimal::MAX_SCALE as usize {
            return Err(err(
                0,
                "more than 28 decimal places: cannot be held exactly (round it first, or write \
                 fewer places)",
            ));
        }
        return Decimal::from_str_exact(shorter)
            .map_err(|_| err(0, "does not fit a Decimal exactly"));
    }
    from_digits_exact(s).ok_or_else(|| {
        err(
            0,
            "does not fit a Decimal exactly (at most about ±7.9e28 and 28 significant digits)",
        )
    })
}

/// `digits` (a sign, digits, at most one point, at most 28 places) exactly, as written where that
/// fits a `Decimal`; otherwise with the trailing zeros of its fraction dropped, which does not
/// change the value ("79228162514264337593543950335.0" is `Decimal::MAX`). `None` when even that
/// does not fit.
pub(crate) fn from_digits_exact(digits: &str) -> Option<Decimal> {
    Decimal::from_str_exact(digits)
        .or_else(|_| Decimal::from_str_exact(without_trailing_zeros(digits)))
        .ok()
}

/// `s` without the zeros that end its fraction (and the point, if nothing is left after it).
fn without_trailing_zeros(s: &str) -> &str {
    if !s.contains('.') {
        return s;
    }
    let shorter = s.trim_end_matches('0');
    shorter.strip_suffix('.').unwrap_or(shorter)
}

/// The message for a JSON number that has passed through `f64`.
#[cfg(feature = "serde")]
fn float_refused(what: &str, v: f64) -> String {
    format!(
        "{what} given as the JSON number {v}: a number with a fraction or an exponent, or an integer \
         beyond 64 bits, passes through f64 and may have lost digits; write it as a string, \
         for example \"0.1\""
    )
}

/// A type read from an exact decimal string or a JSON integer, never from an `f64`.
#[cfg(feature = "serde")]
pub(crate) trait FromExact: Sized {
    /// What a string should hold, for serde's "expected ..." messages.
    const EXPECTING: &'static str;
    /// What the value is, for error messages ("amount", "rate").
    const WHAT: &'static str;
    /// From the string form.
    fn from_text(text: &str) -> Result<Self>;
    /// From an exact decimal (a JSON integer).
    fn from_decimal(value: Decimal) -> Result<Self>;
}

/// Deserializes a [`FromExact`] type by the rule of this module: strings through
/// [`FromExact::from_text`], integers exactly, other numbers refused.
#[cfg(feature = "serde")]
pub(crate) fn deserialize_exact<'de, T: FromExact, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<T, D::Error> {
    use serde::de::Visitor;
    use std::fmt;
    use std::marker::PhantomData;

    struct ExactVisitor<T>(PhantomData<T>);

    impl<T: FromExact> ExactVisitor<T> {
        fn integer<E: serde::de::Error>(v: i128) -> std::result::Result<T, E> {
            Decimal::try_from_i128_with_scale(v, 0)
                .map_err(|_| E::custom(format!("{} {v} does not fit a Decimal", T::WHAT)))
                .and_then(|d| T::from_decimal(d).map_err(E::custom))
        }
    }

    impl<T: FromExact> Visitor<'_> for ExactVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(T::EXPECTING)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<T, E> {
            T::from_text(v).map_err(E::custom)
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<T, E> {
            Self::integer(i128::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<T, E> {
            Self::integer(i128::from(v))
        }
        fn visit_i128<E: serde::de::Error>(self, v: i128) -> std::result::Result<T, E> {
            Self::integer(v)
        }
        fn visit_u128<E: serde::de::Error>(self, v: u128) -> std::result::Result<T, E> {
            i128::try_from(v)
                .map_err(|_| E::custom(format!("{} {v} does not fit a Decimal", T::WHAT)))
                .and_then(Self::integer)
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<T, E> {
            Err(E::custom(float_refused(T::WHAT, v)))
        }
        fn visit_f32<E: serde::de::Error>(self, v: f32) -> std::result::Result<T, E> {
            Err(E::custom(float_refused(T::WHAT, f64::from(v))))
        }
    }

    let visitor = ExactVisitor::<T>(PhantomData);
    if d.is_human_readable() {
        // JSON, TOML, YAML: let the data say whether it is a string or a number.
        d.deserialize_any(visitor)
    } else {
        // Binary formats are not self-describing; the value was written as a string.
        d.deserialize_str(visitor)
    }
}

/// A `Decimal` read and written by the rule of this module, for serde representations that hold
/// decimals inside containers (`Vec<(Period, SerdeDecimal)>`).
#[cfg(feature = "serde")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SerdeDecimal(pub(crate) Decimal);

#[cfg(feature = "serde")]
impl FromExact for SerdeDecimal {
    const EXPECTING: &'static str = "an exact decimal string such as \"6300000000\" or \"0.25\"";
    const WHAT: &'static str = "amount";
    fn from_text(text: &str) -> Result<SerdeDecimal> {
        parse_decimal(Self::WHAT, text).map(SerdeDecimal)
    }
    fn from_decimal(value: Decimal) -> Result<SerdeDecimal> {
        Ok(SerdeDecimal(value))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SerdeDecimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        serialize(&self.0, s)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for SerdeDecimal {
    fn deserialize<D: serde::Deserializer<'de>>(
        d: D,
    ) -> std::result::Result<SerdeDecimal, D::Error> {
        deserialize_exact(d)
    }
}

/// Writes a `Decimal` as its exact string (for `#[serde(with = "...exact_serde")]`).
#[cfg(feature = "serde")]
pub(crate) fn serialize<S: serde::Serializer>(
    value: &Decimal,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_str(value)
}

/// Reads a `Decimal` by the rule of this module (for `#[serde(with = "...exact_serde")]`).
#[cfg(feature = "serde")]
#[allow(dead_code)] // For `Decimal` fields of derived structs in other layers.
pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Decimal, D::Error> {
    deserialize_exact::<SerdeDecimal, D>(d).map(|e| e.0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_decimals_exactly() {
        for (s, want) in [
            ("0", "0"),
            ("-1.50", "-1.50"),
            ("+2", "2"),
            (" 6300000000 ", "6300000000"),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            // Zeros past the 28th place change nothing.
            ("1.50000000000000000000000000000000", "1.5"),
        ] {
            let got = parse_decimal("amount", s).unwrap();
            assert_eq!(got, Decimal::from_str_exact(want).unwrap(), "{s}");
        }
    }

    #[test]
    fn refuses_what_cannot_be_held_exactly() {
        for (s, says) in [
            ("0.12345678901234567890123456789012", "28 decimal places"),
            ("1.5e3", "exponent"),
            ("1_000", "only digits"),
            ("1,000", "only digits"),
            (".5", "one point"),
            ("5.", "digit after the point"),
            ("", "empty"),
            ("-", "expected a decimal number"),
            ("79228162514264337593543950336", "does not fit"),
            ("1.2.3", "one point"),
        ] {
            let e = parse_decimal("amount", s).unwrap_err();
            let text = e.to_string();
            assert!(text.contains(says), "{s:?}: {text}");
            assert!(text.contains(&format!("{s:?}")), "{s:?}: {text}");
        }
    }
}
