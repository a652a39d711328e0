//! The unit an amount is stated in: units, thousands, millions, billions, trillions.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The unit a figure is stated in, as in "6.3 billion" or "values in thousands of US dollars".
///
/// Billion and trillion are the short scale (10^9 and 10^12), as in trade statistics and the
/// financial press. [`Display`](fmt::Display) writes the word ("million"); [`FromStr`] reads words
/// and the usual abbreviations in any case: "k", "th", "thousand"; "m", "mn", "mln", "million";
/// "b", "bn", "bln", "billion"; "t", "tn", "trn", "trillion"; and "units"/"unit"/"ones". With the
/// `serde` feature it is (de)serialized as its word.
///
/// ```
/// # use tradestat::{Scale, Decimal};
/// let s: Scale = "bn".parse()?;
/// assert_eq!(s, Scale::Billion);
/// assert_eq!(s.factor(), Decimal::from(1_000_000_000_u64));
/// assert_eq!(s.to_string(), "billion");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Scale {
    /// Plain units (factor 1).
    #[default]
    Units,
    /// Thousands (10^3).
    Thousand,
    /// Millions (10^6).
    Million,
    /// Billions (10^9, short scale).
    Billion,
    /// Trillions (10^12, short scale).
    Trillion,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 5] = [
        Scale::Units,
        Scale::Thousand,
        Scale::Million,
        Scale::Billion,
        Scale::Trillion,
    ];

    /// The power of ten of the scale (0, 3, 6, 9 or 12).
    pub const fn exponent(self) -> u32 {
        match self {
            Scale::Units => 0,
            Scale::Thousand => 3,
            Scale::Million => 6,
            Scale::Billion => 9,
            Scale::Trillion => 12,
        }
    }

    /// The factor of the scale (1, 1000, ..., 10^12) as an exact `Decimal`.
    pub const fn factor(self) -> Decimal {
        // 10^12 = 0xE8_D4A5_1000: the only factor above 32 bits.
        match self {
            Scale::Units => Decimal::ONE,
            Scale::Thousand => Decimal::from_parts(1_000, 0, 0, false, 0),
            Scale::Million => Decimal::from_parts(1_000_000, 0, 0, false, 0),
            Scale::Billion => Decimal::from_parts(1_000_000_000, 0, 0, false, 0),
            Scale::Trillion => Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0),
        }
    }

    /// The word for the scale ("units", "thousand", "million", "billion", "trillion").
    pub const fn word(self) -> &'static str {
        match self {
            Scale::Units => "units",
            Scale::Thousand => "thousand",
            Scale::Million => "million",
            Scale::Billion => "billion",
            Scale::Trillion => "trillion",
        }
    }

    /// The scale a word or abbreviation names, in any case; `None` if it names none. Used by the
    /// money parser, which does not accept "units" after a number.
    pub(crate) fn from_word(word: &str) -> Option<Scale> {
        let lower = word.to_ascii_lowercase();
        Some(match lower.as_str() {
            "k" | "th" | "thou" | "thousand" | "thousands" => Scale::Thousand,
            "m" | "mn" | "mln" | "mio" | "million" | "millions" => Scale::Million,
            "b" | "bn" | "bln" | "billion" | "billions" => Scale::Billion,
            "t" | "tn" | "trn" | "tln" | "trillion" | "trillions" => Scale::Trillion,
            _ => return None,
        })
    }
}

impl fmt::Display for Scale {
    /// Writes the word ("million"), honouring width and alignment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.word())
    }
}

impl FromStr for Scale {
    type Err = Error;

    /// Reads a scale word or abbreviation in any case, ignoring surrounding whitespace.
    ///
    /// # Errors
    /// [`Error::Parse`] for anything else.
    fn from_str(s: &str) -> Result<Scale> {
        let t = s.trim();
        if matches!(
            t.to_ascii_lowercase().as_str(),
            "units" | "unit" | "ones" | "1"
        ) {
            return Ok(Scale::Units);
        }
        Scale::from_word(t).ok_or_else(|| {
            let lead = s.len() - s.trim_start().len();
            Error::parse(
                "scale",
                s,
                lead,
                "expected units, thousand (k, th), million (m, mn, mln), billion (b, bn, bln) or \
                 trillion (t, tn, trn)",
            )
        })
    }
}

serde_as_text!(Scale => "a scale word such as \"million\"");

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_powers_of_ten() {
        for s in Scale::ALL {
            assert_eq!(s.factor(), Decimal::from(10_u64.pow(s.exponent())), "{s}");
            assert_eq!(s.to_string().parse::<Scale>().unwrap(), s);
        }
    }
}
