//! Growth rates.
//!
//! A [`Rate`] is a relative change held as an exact fraction: 0.33 is growth of 33%, -0.045 a fall of
//! 4.5%. It is its own type so that a rate cannot be mistaken for an amount or a percentage figure.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};

/// A relative change, held as an exact fraction (0.33 means +33%).
///
/// ```
/// # use tradestat::Rate;
/// # use rust_decimal::Decimal;
/// let r: Rate = "+33 %".parse()?;
/// assert_eq!(r.as_fraction(), Decimal::new(33, 2));
/// assert_eq!(r.to_string(), "33%");
/// assert_eq!(format!("{r:.1}"), "33.0%");
/// assert_eq!(Rate::from_percent(Decimal::new(-45, 1)).to_string(), "-4.5%");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Rate(Decimal);

impl Rate {
    /// No change.
    pub const ZERO: Rate = Rate(Decimal::ZERO);

    /// The rate `fraction` (0.33 for +33%).
    pub const fn from_fraction(fraction: Decimal) -> Rate {
        Rate(fraction)
    }

    /// The rate `percent` per cent: `Rate::from_percent(33)` is +33%, and any integer or
    /// [`Decimal`] is taken (`Rate::from_percent(Decimal::new(-45, 1))` is -4.5%). Exact unless
    /// `percent` already carries more than 26 decimal places, in which case the last places are
    /// rounded half to even; [`Rate::try_from_percent`] refuses such input instead.
    ///
    /// ```
    /// # use tradestat::{Decimal, Rate};
    /// assert_eq!(Rate::from_percent(33), Rate::from_fraction(Decimal::new(33, 2)));
    /// assert_eq!(Rate::from_percent(-100_i64).to_string(), "-100%");
    /// ```
    pub fn from_percent(percent: impl Into<Decimal>) -> Rate {
        // Dividing by 100 only shifts the scale; rust_decimal rounds past scale 28.
        Rate(percent.into() / Decimal::ONE_HUNDRED)
    }

    /// The rate `percent` per cent, exactly.
    ///
    /// # Errors
    /// [`Error::Overflow`] naming the input when the fraction would need more than 28 decimal places
    /// (a percentage with more than 26 significant decimal places, such as
    /// 0.000000000000000000000000001), which `Decimal` cannot hold.
    ///
    /// ```
    /// # use tradestat::{Decimal, Rate};
    /// assert_eq!(Rate::try_from_percent(Decimal::new(125, 1))?.to_string(), "12.5%");
    /// assert!(Rate::try_from_percent(Decimal::new(1, 27)).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn try_from_percent(percent: Decimal) -> Result<Rate> {
        let exact = |p: Decimal| {
            (p.scale() + 2 <= Decimal::MAX_SCALE)
                .then(|| Decimal::try_from_i128_with_scale(p.mantissa(), p.scale() + 2).ok())
                .flatten()
        };
        exact(percent)
            .or_else(|| exact(percent.normalize()))
            .map(Rate)
            .ok_or_else(|| {
                Error::overflow(
                    "rate from percent",
                    format!(
                        "{percent}% as a fraction needs more than 28 decimal places; a Decimal \
                         cannot hold it exactly"
                    ),
                )
            })
    }

    /// The rate as a fraction (0.33 for +33%).
    pub const fn as_fraction(self) -> Decimal {
        self.0
    }

    /// The rate in per cent (33 for +33%). Exact; a rate beyond ±7.9e26 (whose percentage does not
    /// fit a `Decimal`) gives `Decimal::MAX` or `Decimal::MIN`.
    pub fn as_percent(self) -> Decimal {
        let (digits, scale) = percent_digits(self.0);
        Decimal::try_from_i128_with_scale(digits, scale).unwrap_or(if digits < 0 {
            Decimal::MIN
        } else {
            Decimal::MAX
        })
    }

    /// The growth factor `1 + rate` (1.33 for +33%).
    pub fn factor(self) -> Result<Decimal> {
        Decimal::ONE
            .checked_add(self.0)
            .ok_or_else(|| Error::overflow("growth factor", format!("1 + {}", self.0)))
    }

    /// The rate whose factor is `factor` (`factor - 1`).
    pub fn from_factor(factor: Decimal) -> Result<Rate> {
        factor
            .checked_sub(Decimal::ONE)
            .map(Rate)
            .ok_or_else(|| Error::overflow("rate from factor", format!("{factor} - 1")))
    }

    /// Whether the rate is a fall.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// The rate rounded to `decimals` places of per cent, with `strategy` (e.g. 16.650 for
    /// `decimals = 3`).
    pub fn round_percent(self, decimals: u32, strategy: RoundingStrategy) -> Decimal {
        self.as_percent().round_dp_with_strategy(decimals, strategy)
    }
}

/// The digits of `fraction * 100` as an integer and a scale; exact for every `Decimal`.
fn percent_digits(fraction: Decimal) -> (i128, u32) {
    let mantissa = fraction.mantissa();
    let scale = fraction.scale();
    if scale >= 2 {
        (mantissa, scale - 2)
    } else {
        // |mantissa| < 2^96, so multiplying by at most 100 stays far inside i128.
        (mantissa * 10_i128.pow(2 - scale), 0)
    }
}

impl fmt::Display for Rate {
    /// Writes the rate as a percentage: exact by default ("16.6499%"), or rounded half to even to the
    /// formatter's precision (`{:.1}` gives "33.0%"). `{:+}` writes a plus sign on rises.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (digits, scale) = percent_digits(self.0);
        let text = match (
            f.precision(),
            Decimal::try_from_i128_with_scale(digits, scale),
        ) {
            (Some(p), Ok(pct)) => {
                let p = u32::try_from(p).unwrap_or(u32::MAX).min(28);
                let rounded = pct.round_dp_with_strategy(p, RoundingStrategy::MidpointNearestEven);
                let mut s = rounded.abs().to_string();
                crate::vocabulary::decimal_text::pad_places(&mut s, p);
                (rounded.is_sign_negative() && !rounded.is_zero(), s)
            }
            (None, Ok(pct)) => (
                pct.is_sign_negative() && !pct.is_zero(),
                pct.abs().normalize().to_string(),
            ),
            // Percentages beyond a Decimal only arise from absurd rates (scale 0, so the digits are
            // the whole percentage): print them, with the places a precision asks for.
            (precision, Err(_)) => {
                let mut s = digits.unsigned_abs().to_string();
                if let Some(p) = precision {
                    crate::vocabulary::decimal_text::pad_places(
                        &mut s,
                        u32::try_from(p).unwrap_or(u32::MAX).min(28),
                    );
                }
                (digits < 0, s)
            }
        };
        let (negative, body) = text;
        let sign = if negative {
            "-"
        } else if f.sign_plus() {
            "+"
        } else {
            ""
        };
        let text = format!("{sign}{body}%");
        // `pad` would truncate to the precision, which here means decimals: honour width only.
        match f.width() {
            Some(width) => write!(f, "{text:>width$}"),
            None => f.write_str(&text),
        }
    }
}

/// Words before a percentage that give its direction (`true` for a fall); a verb may be followed
/// by "by" ("grew by 33%").
const LEADING: [(&str, bool, bool); 12] = [
    ("up", false, false),
    ("down", true, false),
    ("rose", false, true),
    ("grew", false, true),
    ("increased", false, true),
    ("gained", false, true),
    ("climbed", false, true),
    ("fell", true, true),
    ("declined", true, true),
    ("dropped", true, true),
    ("decreased", true, true),
    ("shrank", true, true),
];

/// Nouns after a percentage that give its direction ("a 33% increase"), `true` for a fall.
const TRAILING: [(&str, bool); 9] = [
    ("increase", false),
    ("rise", false),
    ("growth", false),
    ("gain", false),
    ("decrease", true),
    ("fall", true),
    ("drop", true),
    ("decline", true),
    ("reduction", true),
];

/// Strips a leading direction word (and "by" after a verb) or an article "a"/"an": the rest, its
/// byte offset in the input, the direction (`Some(true)` for a fall) and whether an article came.
fn leading_words(s: &str, lead: usize) -> (&str, usize, Option<bool>, bool) {
    for (word, falling, verb) in LEADING {
        if let Some(mut rest) = strip_word(s, word) {
            if verb {
                rest = strip_word(rest, "by").unwrap_or(rest);
            }
            return (rest, lead + (s.len() - rest.len()), Some(falling), false);
        }
    }
    for article in ["a", "an"] {
        if let Some(rest) = strip_word(s, article) {
            return (rest, lead + (s.len() - rest.len()), None, true);
        }
    }
    (s, lead, None, false)
}

/// The unit without a trailing direction noun ("% increase" -> "%"), and the direction.
fn trailing_noun(unit: &str) -> Option<(String, bool)> {
    TRAILING.iter().find_map(|(noun, falling)| {
        let kept = unit.strip_suffix(noun)?;
        let kept = kept.strip_suffix(char::is_whitespace)?.trim_end();
        Some((kept.to_owned(), *falling))
    })
}

/// `s` without a leading `word` (any case) and the white space after it, if it starts so.
fn strip_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.get(..word.len())?;
    let rest = s.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word) && rest.starts_with(char::is_whitespace))
        .then(|| rest.trim_start())
}

impl FromStr for Rate {
    type Err = Error;

    /// Reads a percentage: an optional sign, a number, and `%`, "pct", "percent" or "per cent"
    /// ("33%", "+33 %", "-4.5%", "12.5 pct", "−2 per cent"), optionally in the words news writes
    /// it with: after "up" or "down" ("up 33%", "down 4.5%"), after a verb with an optional "by"
    /// ("rose 33%", "grew by 33%", "increased by 2%", "fell 4.8%", "declined by 3%"), or before a
    /// noun ("a 33% increase", "a 4.8% fall"). A bare number is refused: "0.33" could mean 0.33% or
    /// 33%.
    ///
    /// ```
    /// # use tradestat::Rate;
    /// let up: Rate = "up 33%".parse()?;
    /// for prose in ["rose 33%", "grew by 33%", "a 33% increase", "Increased by 33 per cent"] {
    ///     assert_eq!(prose.parse::<Rate>()?, up);
    /// }
    /// assert_eq!("fell 4.8%".parse::<Rate>()?, "-4.8%".parse::<Rate>()?);
    /// assert_eq!("a 4.8% decrease".parse::<Rate>()?, "-4.8%".parse::<Rate>()?);
    /// assert!("a 33%".parse::<Rate>().is_err()); // an article needs its noun
    /// assert!("rose 33% increase".parse::<Rate>().is_err()); // two directions
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    ///
    /// The percentage is read exactly: digits and one decimal point, no exponent.
    ///
    /// # Errors
    /// [`Error::Parse`] with the byte position for anything else, and for a percentage with more
    /// than 26 significant decimal places ("0.000000000000000000000000001%"), whose fraction a
    /// `Decimal` cannot hold at 28 decimal places: it is refused, never rounded.
    fn from_str(input: &str) -> Result<Rate> {
        const WHAT: &str = "rate";
        let lead = input.len() - input.trim_start().len();
        let s = input.trim();
        if s.is_empty() {
            return Err(Error::parse(WHAT, input, 0, "empty input"));
        }
        // News writes "up 33%", "down 4.5%", "rose 33%", "grew by 33%", "fell 4.8%" and
        // "a 33% increase".
        let (s, lead, direction, article) = leading_words(s, lead);
        if direction.is_some() && s.starts_with(['+', '-', '\u{2212}']) {
            return Err(Error::parse(
                WHAT,
                input,
                lead,
                "a sign after \"up\" or \"down\"",
            ));
        }
        let (negative, rest, mut pos) = if let Some(r) = s.strip_prefix('+') {
            (false, r, lead + 1)
        } else if let Some(r) = s.strip_prefix('-') {
            (true, r, lead + 1)
        } else if let Some(r) = s.strip_prefix('\u{2212}') {
            (true, r, lead + '\u{2212}'.len_utf8())
        } else {
            (false, s, lead)
        };
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        let end = trimmed
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(trimmed.len());
        let number = &trimmed[..end];
        if number.is_empty() || !number.bytes().any(|b| b.is_ascii_digit()) {
            return Err(Error::parse(WHAT, input, pos, "expected a number"));
        }
        let value =
            crate::vocabulary::exact_serde::parse_decimal(WHAT, number).map_err(|e| match e {
                Error::Parse {
                    position, reason, ..
                } => Error::parse(WHAT, input, pos + position, reason),
                other => other,
            })?;
        let after_number = &trimmed[end..];
        let exponent = after_number
            .strip_prefix(['e', 'E'])
            .map(|r| r.strip_prefix(['+', '-']).unwrap_or(r));
        if exponent.is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())) {
            return Err(Error::parse(
                WHAT,
                input,
                pos + end,
                "exponent notation is not read: write the digits out (1500%, not 1.5e3%)",
            ));
        }
        let unit = after_number.trim_start();
        let unit_pos = pos + end + (trimmed.len() - end - unit.len());
        let mut unit_lower = unit.to_ascii_lowercase();
        let mut direction = direction;
        if let Some((kept, falling)) = trailing_noun(&unit_lower) {
            if direction.is_some() {
                return Err(Error::parse(
                    WHAT,
                    input,
                    unit_pos,
                    "a direction both before and after the number",
                ));
            }
            direction = Some(falling);
            unit_lower = kept;
        } else if article {
            return Err(Error::parse(
                WHAT,
                input,
                unit_pos,
                "expected \"increase\" or \"decrease\" after \"a 33%\"",
            ));
        }
        if !matches!(
            unit_lower.as_str(),
            "%" | "pct" | "pct." | "percent" | "per cent" | "pc"
        ) {
            let reason = if unit.is_empty() {
                "missing %: a bare number is ambiguous (write 33% or use Rate::from_fraction)"
            } else {
                "expected %, pct, percent or per cent after the number"
            };
            return Err(Error::parse(WHAT, input, unit_pos, reason));
        }
        let percent = if negative != (direction == Some(true)) {
            -value
        } else {
            value
        };
        // Exact or an error naming the input: never rounded to 28 places.
        Rate::try_from_percent(percent).map_err(|_| {
            Error::parse(
                WHAT,
                input,
                pos,
                "more than 26 decimal places of per cent: the fraction cannot be held exactly at 28 \
                 decimal places",
            )
        })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Rate {
    /// A rate is written as its exact fraction, as a string ("0.33").
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(feature = "serde")]
impl crate::vocabulary::exact_serde::FromExact for Rate {
    const EXPECTING: &'static str =
        "a rate as an exact fraction string (\"0.33\") or a percentage (\"33%\")";
    const WHAT: &'static str = "rate";
    fn from_text(text: &str) -> Result<Rate> {
        // "33%", "up 33%", "12.5 pct": a percentage; otherwise an exact fraction.
        if text.contains(|c: char| c == '%' || c.is_alphabetic()) {
            text.parse()
        } else {
            crate::vocabulary::exact_serde::parse_decimal("rate", text).map(Rate)
        }
    }
    fn from_decimal(value: Decimal) -> Result<Rate> {
        Ok(Rate(value))
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Rate {
    /// Reads a fraction as an exact string ("0.33"), a percentage string ("33%"), or an integer
    /// fraction (1 is +100%). A JSON number with a fraction or an exponent is refused: it has passed
    /// through `f64` (see the crate documentation, "Exact numbers in JSON").
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        crate::vocabulary::exact_serde::deserialize_exact(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn parses_percentages() {
        for (s, f) in [
            ("33%", "0.33"),
            ("+33 %", "0.33"),
            ("-4.5%", "-0.045"),
            ("12.5 pct", "0.125"),
            ("12.5 percent", "0.125"),
            ("\u{2212}2 per cent", "-0.02"),
            (" 0.001% ", "0.00001"),
            ("100%", "1"),
            ("up 33%", "0.33"),
            ("Down 4.5 %", "-0.045"),
        ] {
            assert_eq!(s.parse::<Rate>().unwrap().as_fraction(), d(f), "{s}");
        }
    }

    #[test]
    fn rejects_bad_rates() {
        for s in [
            "", "%", "33", "0.33", "abc%", "33%%", "3 3%", "1.2.3%", "--3%", "33 kg",
        ] {
            assert!(s.parse::<Rate>().is_err(), "{s:?}");
        }
        match "33".parse::<Rate>() {
            Err(Error::Parse { position, .. }) => assert_eq!(position, 2),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn text_is_read_exactly_or_refused() {
        // Regression: these were rounded to 0% and to exactly 30%.
        for s in [
            "0.000000000000000000000000001%",
            "30.000000000000000000000000001%",
        ] {
            let e = s.parse::<Rate>().unwrap_err();
            assert!(e.to_string().contains(s), "{e}");
            assert!(e.to_string().contains("cannot be held exactly"), "{e}");
        }
        // 26 decimal places of per cent are 28 of the fraction: still exact.
        assert_eq!(
            "0.00000000000000000000000001%"
                .parse::<Rate>()
                .unwrap()
                .as_fraction(),
            d("0.0000000000000000000000000001")
        );
        // Zeros past the last place change nothing.
        assert_eq!(
            "30.0000000000000000000000000000000%"
                .parse::<Rate>()
                .unwrap()
                .as_fraction(),
            d("0.3")
        );
        let e = "1e3%".parse::<Rate>().unwrap_err();
        assert!(e.to_string().contains("exponent notation"), "{e}");
    }

    #[test]
    fn from_percent_takes_integers_and_decimals() {
        assert_eq!(Rate::from_percent(33), Rate::from_fraction(d("0.33")));
        assert_eq!(Rate::from_percent(-4_i64), Rate::from_fraction(d("-0.04")));
        assert_eq!(Rate::from_percent(7_u8), Rate::from_fraction(d("0.07")));
        assert_eq!(
            Rate::from_percent(d("12.5")),
            Rate::from_fraction(d("0.125"))
        );
        assert_eq!(
            Rate::try_from_percent(d("-1.5")).unwrap(),
            Rate::from_fraction(d("-0.015"))
        );
        assert!(Rate::try_from_percent(d("0.000000000000000000000000001")).is_err());
        assert_eq!(
            Rate::try_from_percent(Decimal::MAX).unwrap().as_percent(),
            Decimal::MAX
        );
    }

    #[test]
    fn displays_exactly_and_with_precision() {
        let r = Rate::from_fraction(d("0.1665"));
        assert_eq!(r.to_string(), "16.65%");
        assert_eq!(format!("{r:.1}"), "16.6%"); // half to even
        assert_eq!(format!("{r:.3}"), "16.650%");
        assert_eq!(format!("{:+}", Rate::from_fraction(d("0.33"))), "+33%");
        assert_eq!(
            format!("{:.2}", Rate::from_fraction(d("-0.00001"))),
            "0.00%"
        );
        assert_eq!(Rate::from_fraction(Decimal::MAX).to_string().len(), 32);
        assert_eq!(Rate::from_fraction(Decimal::MAX).as_percent(), Decimal::MAX);
    }

    #[test]
    fn factor_round_trip() {
        let r = Rate::from_fraction(d("0.33"));
        assert_eq!(r.factor().unwrap(), d("1.33"));
        assert_eq!(Rate::from_factor(d("1.33")).unwrap(), r);
        assert!(Rate::from_fraction(Decimal::MAX).factor().is_err());
    }
}
