//! serde errors that name the field: `field `base_value`: invalid type: string "$6.3bn", expected
//! money as {"amount": "6300000000", "currency": "USD"}` rather than serde's bare "invalid type ...
//! expected struct Repr".
//!
//! serde's derived `Deserialize` does not say in which field a value went wrong. A field reads
//! through the function of this module named after it, which prefixes the value's own error with
//! the field's name (joined into a path when the value is itself a struct read this way:
//! ``field `base_value.amount` ``, and with the element's index for a list:
//! ``field `memberships[2].role` ``):
//!
//! ```ignore
//! #[derive(serde::Deserialize)]
//! #[serde(deny_unknown_fields, expecting = "a target as {...}")]
//! struct TargetRepr {
//!     #[serde(deserialize_with = "crate::vocabulary::serde_field::base_value")]
//!     base_value: Money,
//! }
//! ```
//!
//! The rule for every struct serde reads in this crate: `deny_unknown_fields` (a misspelt field is
//! "unknown field `dedline`, expected one of `base_period`, ..., `deadline`", not "missing field
//! `deadline`"), an `expecting` that shows the form, and each field read through its function
//! here. The position serde_json adds ("at line 1 column 43") stays that of the bad value: its
//! `Error::custom` reads a trailing position back from the message.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error as _, SeqAccess, Visitor};

/// `message`, said of `field`: ``field `field`: message``, or, when `message` already names a
/// field inside this one, ``field `field.inner`: ...``.
fn in_field(field: &str, message: &str) -> String {
    match message.strip_prefix("field `") {
        Some(rest) if rest.starts_with('[') => format!("field `{field}{rest}"),
        Some(rest) => format!("field `{field}.{rest}"),
        None => format!("field `{field}`: {message}"),
    }
}

/// `message` from a type's text parser, followed by what the text should hold unless it says so
/// already: ``unknown currency "USX": expected an ISO 4217 alphabetic currency code``.
pub(crate) fn with_expected(message: &dyn fmt::Display, expecting: &str) -> String {
    let message = message.to_string();
    if message.contains("expected") {
        message
    } else {
        format!("{message}: expected {expecting}")
    }
}

/// Reads a `T` for `field`, naming the field in any error.
fn named<'de, T: Deserialize<'de>, D: Deserializer<'de>>(field: &str, d: D) -> Result<T, D::Error> {
    T::deserialize(d).map_err(|e| D::Error::custom(in_field(field, &e.to_string())))
}

/// Reads a list for `field`, naming the field and the element's index (from 0) in any error.
fn named_list<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
    field: &str,
    d: D,
) -> Result<Vec<T>, D::Error> {
    struct List<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // No capacity from the size hint: a hostile length must not allocate.
            let mut out = Vec::new();
            loop {
                let index = out.len();
                match seq.next_element::<T>() {
                    Ok(Some(value)) => out.push(value),
                    Ok(None) => return Ok(out),
                    Err(e) => {
                        let at = format!("[{index}]");
                        return Err(A::Error::custom(in_field(&at, &e.to_string())));
                    }
                }
            }
        }
    }

    d.deserialize_seq(List(PhantomData))
        .map_err(|e| D::Error::custom(in_field(field, &e.to_string())))
}

/// One function per field name, for `#[serde(deserialize_with = "...")]`.
macro_rules! field_readers {
    (values: $($name:ident),* ; lists: $($list:ident),* $(,)?) => {
        $(
            #[doc = concat!("Reads the field `", stringify!($name), "`, naming it in any error.")]
            pub(crate) fn $name<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
                d: D,
            ) -> Result<T, D::Error> {
                named(stringify!($name), d)
            }
        )*
        $(
            #[doc = concat!(
                "Reads the list field `", stringify!($list),
                "`, naming it and the element's index in any error."
            )]
            pub(crate) fn $list<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Vec<T>, D::Error> {
                named_list(stringify!($list), d)
            }
        )*
    };
}

field_readers! {
    values:
    // Money.
    amount, currency,
    // Series, TrendFit, Target, Assessment, Progress.
    allow_gaps, first_period, last_period, intercept, slope, growth, r_squared, base_period,
    base_value, goal, deadline, status, trend, required, projected, gap, reached_in, at, linear,
    compound, time_elapsed, standard_errors, residual, projected_by_fit, required_from, outlook,
    confidence, low, high, low_factor, high_factor, probability, probability_random_walk,
    // TradeRecord, Asymmetry, PairAsymmetry, Rates, Group and its memberships.
    reporter, partner, period, flow, commodity, valuation, flags, reporting, value, measure, reported,
    mirror, asymmetry, from, to, rate, name, abbreviation, source, as_of, area, unlisted, role,
    until,
    // io::Rejection, io::RejectedKey.
    line, column, reason;
    lists: values, memberships,
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn names_join_into_a_path() {
        assert_eq!(in_field("goal", "bad"), "field `goal`: bad");
        assert_eq!(
            in_field("goal", "field `amount`: bad"),
            "field `goal.amount`: bad"
        );
        assert_eq!(
            in_field("memberships", "field `[2].role`: bad"),
            "field `memberships[2].role`: bad"
        );
    }

    #[test]
    fn a_list_names_the_element() {
        let mut de = serde_json::Deserializer::from_str(r#"["1", "2", 3]"#);
        let err = values::<String, _>(&mut de).unwrap_err().to_string();
        assert_eq!(
            err,
            "field `values[2]`: invalid type: integer `3`, expected a string at line 1 column 12"
        );
    }
}
