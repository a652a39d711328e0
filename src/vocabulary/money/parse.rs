//! Reading money as people write it: "$6.3bn", "6.3 billion US dollars", "KZT 2.9 trillion".

use rust_decimal::Decimal;

use super::{exact_shift, Money, Scale};
use crate::currency::Currency;
use crate::error::{Error, Result};

const WHAT: &str = "money";

/// Whitespace that may separate groups of three digits: space, no-break space, thin space,
/// narrow no-break space, figure space.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}')
}

/// A sign character and whether it means negative.
fn sign_of(c: char) -> Option<bool> {
    match c {
        '+' => Some(false),
        '-' | '\u{2212}' => Some(true),
        _ => None,
    }
}

/// The text of a currency and its byte offset in the input.
struct Span<'a> {
    text: &'a str,
    start: usize,
}

/// Trims `text` (found at `start`) on both sides, keeping track of the offset.
fn trimmed(text: &str, start: usize) -> Span<'_> {
    let t = text.trim_start();
    let start = start + (text.len() - t.len());
    Span {
        text: t.trim_end(),
        start,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Separator {
    Comma,
    Space,
}

/// The number found at `start`: its digits without separators, and where it ends.
fn scan_number(input: &str, start: usize) -> Result<(String, usize)> {
    let err = |pos: usize, reason: &str| Error::parse(WHAT, input, pos, reason);
    let s = input.get(start..).unwrap_or("");
    let mut digits = String::with_capacity(s.len());
    let mut i = 0;
    let mut group_start = 0;
    let mut group_len = 0;
    let mut first_group = true;
    let mut separator: Option<Separator> = None;
    let mut in_fraction = false;
    // Checks the integer group that just ended: the first has 1 to 3 digits, later ones exactly 3.
    let check_group = |len: usize, first: bool, at: usize| -> Result<()> {
        if (first && (1..=3).contains(&len)) || (!first && len == 3) {
            Ok(())
        } else {
            Err(err(
                start + at,
                "digit groups between thousands separators must have three digits (\"6,300,000\")",
            ))
        }
    };
    while let Some(c) = s.get(i..).and_then(|r| r.chars().next()) {
        let next = s.get(i + c.len_utf8()..).unwrap_or("");
        let next_is_digit = next.starts_with(|n: char| n.is_ascii_digit());
        if c.is_ascii_digit() {
            digits.push(c);
            group_len += 1;
            i += 1;
        } else if c == '.' {
            if in_fraction {
                return Err(err(start + i, "a second decimal point"));
            }
            if !next_is_digit {
                return Err(err(
                    start + i,
                    "a decimal point must be followed by a digit",
                ));
            }
            if separator.is_some() {
                check_group(group_len, false, group_start)?;
            }
            in_fraction = true;
            digits.push('.');
            i += 1;
        } else if c == ',' {
            if in_fraction {
                return Err(err(start + i, "a comma after the decimal point"));
            }
            if !next_is_digit {
                return Err(err(
                    start + i,
                    "a thousands separator must be followed by three digits",
                ));
            }
            if separator == Some(Separator::Space) {
                return Err(err(
                    start + i,
                    "commas and spaces mixed as thousands separators",
                ));
            }
            check_group(group_len, first_group, group_start)?;
            first_group = false;
            separator = Some(Separator::Comma);
            i += 1;
            group_start = i;
            group_len = 0;
        } else if is_group_space(c) {
            // A space separates thousands only when exactly three digits follow it.
            let b = next.as_bytes();
            let three = b.len() >= 3
                && b.iter().take(3).all(u8::is_ascii_digit)
                && !b.get(3).is_some_and(u8::is_ascii_digit);
            let fits = if first_group {
                (1..=3).contains(&group_len)
            } else {
                group_len == 3
            };
            if in_fraction || !three || !fits || separator == Some(Separator::Comma) {
                break;
            }
            first_group = false;
            separator = Some(Separator::Space);
            i += c.len_utf8();
            group_start = i;
            group_len = 0;
        } else {
            break;
        }
    }
    if separator.is_some() && !in_fraction {
        check_group(group_len, false, group_start)?;
    }
    Ok((digits, start + i))
}

/// The next word (a run of letters) in `rest`, which starts at `offset`, after any whitespace.
fn next_word(rest: &str, offset: usize) -> (&str, usize) {
    let t = rest.trim_start();
    let at = offset + (rest.len() - t.len());
    let end = t.find(|c: char| !c.is_alphabetic()).unwrap_or(t.len());
    (t.get(..end).unwrap_or(""), at)
}

/// Reads "6.3 billion US dollars", "$6.3bn", "USD -3.2bn", "4 736 842 105.26 USD", ...
pub(super) fn parse(input: &str) -> Result<Money> {
    let err = |pos: usize, reason: String| Error::parse(WHAT, input, pos, reason);
    let lead = input.len() - input.trim_start().len();
    if input.trim().is_empty() {
        return Err(err(0, "empty input".into()));
    }
    let Some(num_start) = input.find(|c: char| c.is_ascii_digit()) else {
        return Err(err(
            lead,
            "no number: expected an amount such as \"6.3 billion USD\"".into(),
        ));
    };
    let prefix = input.get(..num_start).unwrap_or("");
    if prefix.ends_with(['.', ',']) {
        return Err(err(
            num_start - 1,
            "a number must start with a digit (write 0.5, not .5)".into(),
        ));
    }

    // Before the number: an optional sign, a currency, an optional sign ("-$5", "USD -3.2bn").
    let mut negative = false;
    let mut sign_at: Option<usize> = None;
    let mut cur = trimmed(prefix, 0);
    if let Some(c) = cur.text.chars().next() {
        if let Some(neg) = sign_of(c) {
            negative = neg;
            sign_at = Some(cur.start);
            cur = trimmed(
                cur.text.get(c.len_utf8()..).unwrap_or(""),
                cur.start + c.len_utf8(),
            );
        }
    }
    if let Some(c) = cur.text.chars().next_back() {
        if let Some(neg) = sign_of(c) {
            let at = cur.start + cur.text.len() - c.len_utf8();
            if sign_at.is_some() {
                return Err(err(at, "two signs".into()));
            }
            negative = neg;
            let text = cur.text.get(..cur.text.len() - c.len_utf8()).unwrap_or("");
            cur = trimmed(text, cur.start);
        }
    }
    let before = cur;

    // The number, then an optional scale word.
    let (digits, num_end) = scan_number(input, num_start)?;
    let value = Decimal::from_str_exact(&digits).map_err(|e| {
        Error::overflow(
            "reading money",
            format!("{input:?} at byte {num_start}: {digits} does not fit a Decimal ({e})"),
        )
    })?;
    let rest = input.get(num_end..).unwrap_or("");
    let (word, word_at) = next_word(rest, num_end);
    let (scale, after_scale) = match Scale::from_word(word) {
        Some(scale) => {
            let (second, second_at) = next_word(
                input.get(word_at + word.len()..).unwrap_or(""),
                word_at + word.len(),
            );
            if Scale::from_word(second).is_some() {
                return Err(err(
                    second_at,
                    format!("two scales: {word:?} and {second:?}"),
                ));
            }
            (scale, word_at + word.len())
        }
        None => (Scale::Units, num_end),
    };
    let after = trimmed(input.get(after_scale..).unwrap_or(""), after_scale);
    if let Some(pos) = after.text.find(|c: char| c.is_ascii_digit()) {
        return Err(err(
            after.start + pos,
            "a second number after the amount".into(),
        ));
    }

    let currency_text = match (before.text.is_empty(), after.text.is_empty()) {
        (false, false) => {
            return Err(err(
                after.start,
                format!(
                    "two currencies: {:?} before the number and {:?} after it",
                    before.text, after.text
                ),
            ))
        }
        (true, true) => {
            return Err(err(
                input.trim_end().len(),
                "missing currency: add a code such as USD, or a symbol such as $ or €".into(),
            ))
        }
        (false, true) => before.text,
        (true, false) => after.text,
    };
    let currency = Currency::lookup(currency_text)?;

    let amount = exact_shift(value, scale.exponent()).ok_or_else(|| {
        Error::overflow(
            "reading money",
            format!(
                "{input:?} at byte {num_start}: {value} {} does not fit a Decimal (about ±7.9e28)",
                scale.word()
            ),
        )
    })?;
    // A written "-0.00" stays negative zero, so that Display and FromStr round-trip exactly.
    let amount = if negative { -amount } else { amount };
    Ok(Money::new(amount, currency))
}
