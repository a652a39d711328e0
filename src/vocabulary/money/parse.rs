//! Reading money as people write it: "$6.3bn", "6.3 billion US dollars", "KZT 2.9 trillion",
//! "(1,234) USD", and in other languages "6 milyar 300 milyon dolar", "6,3 млрд долларов".

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::language::Language;
use super::{exact_add, exact_shift, Money, Scale};
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
#[derive(Clone, Copy)]
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
    Mark,
    Space,
}

/// The number of ASCII digits at the start of `s`, and the character after them.
fn digit_run(s: &str) -> (usize, Option<char>) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (n, s.get(n..).and_then(|r| r.chars().next()))
}

/// The number found at byte `start` of `text`, written with `language`'s separators: its digits
/// with `.` as the decimal point and no separators, and where it ends. Errors quote `input`
/// (which has the same byte positions as `text`).
fn scan_number(
    text: &str,
    start: usize,
    language: Language,
    input: &str,
) -> Result<(String, usize)> {
    let err = |pos: usize, reason: String| Error::parse(WHAT, input, pos, reason);
    let decimal = language.decimal_separator();
    let mark = language.thousands_separator();
    let s = text.get(start..).unwrap_or("");
    let mut digits = String::with_capacity(s.len().min(64));
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
                "digit groups between thousands separators must have three digits (\"6,300,000\")"
                    .into(),
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
        } else if c == decimal {
            if in_fraction {
                let what = if c == '.' { "point" } else { "comma" };
                return Err(err(start + i, format!("a second decimal {what}")));
            }
            if !next_is_digit {
                if c == ',' {
                    // A comma after a number is punctuation: "2,1 milyar dolar, -11.9%".
                    break;
                }
                return Err(err(
                    start + i,
                    "a decimal point must be followed by a digit".into(),
                ));
            }
            if separator.is_some() {
                check_group(group_len, false, group_start)?;
            }
            in_fraction = true;
            digits.push('.');
            i += 1;
        } else if Some(c) == mark {
            if in_fraction {
                let hint = if language == Language::English {
                    " (a decimal comma is not read in English: read the text with Money::parse_in \
                     in its language, such as Language::Turkish)"
                } else {
                    ""
                };
                return Err(err(
                    start + i,
                    format!("a {c:?} after the decimal separator{hint}"),
                ));
            }
            if !next_is_digit {
                return Err(err(
                    start + i,
                    "a thousands separator must be followed by three digits".into(),
                ));
            }
            check_group(group_len, first_group, group_start)?;
            let (following, after) = digit_run(next);
            let last_group = after != Some(c);
            if last_group && (following != 3 || separator == Some(Separator::Space)) {
                match language {
                    Language::English => {
                        return Err(err(
                            start + i + 1,
                            "a decimal comma is not read in English (write 1234.5); for text in \
                             another language use Money::parse_in, e.g. with Language::Russian \
                             or Language::Turkish"
                                .into(),
                        ))
                    }
                    Language::Turkish if following > 0 => {
                        return Err(err(
                            start + i + 1,
                            "in Turkish the decimal separator is a comma (3,32 milyar) and a dot \
                             separates thousands (1.500.000)"
                                .into(),
                        ))
                    }
                    _ => {}
                }
            }
            if separator == Some(Separator::Space) {
                return Err(err(
                    start + i,
                    format!("{c:?} and spaces mixed as thousands separators"),
                ));
            }
            first_group = false;
            separator = Some(Separator::Mark);
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
            if in_fraction || !three || !fits || separator == Some(Separator::Mark) {
                break;
            }
            first_group = false;
            separator = Some(Separator::Space);
            i += c.len_utf8();
            group_start = i;
            group_len = 0;
        } else if matches!(c, '.' | ',') && next_is_digit {
            // A mark this language does not use between digits.
            return Err(err(
                start + i,
                format!(
                    "in {language} the decimal separator is a comma and thousands are separated \
                     by spaces; {c:?} is not read"
                ),
            ));
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

/// The currency `text` names in `language`: its own words first, then codes, symbols and the
/// English names that [`Currency::lookup`] reads.
fn currency_in(text: &str, language: Language) -> Result<Currency> {
    match language.currency(text) {
        Some(c) => Ok(c),
        None => Currency::lookup(text),
    }
}

/// The byte offsets of the parentheses of an accounting negative ("(1,234) USD"), if there are
/// any.
fn parentheses(input: &str) -> Result<Option<(usize, usize)>> {
    let opens: Vec<usize> = input.match_indices('(').map(|(i, _)| i).take(2).collect();
    let closes: Vec<usize> = input.match_indices(')').map(|(i, _)| i).take(2).collect();
    match (opens.as_slice(), closes.as_slice()) {
        ([], []) => Ok(None),
        ([open], [close]) if open < close => Ok(Some((*open, *close))),
        _ => Err(Error::parse(
            WHAT,
            input,
            opens.first().or(closes.first()).copied().unwrap_or(0),
            "unbalanced parentheses: an accounting negative puts one pair around the amount, as in \
             \"(1,234) USD\"",
        )),
    }
}

/// The message for a word after the number that is not a scale ("bil"), suggesting the scale it
/// looks like.
fn unknown_scale(word: &str, language: Language) -> String {
    match language.scale_suggestion(word) {
        Some((short, long)) => format!("unknown scale word {word:?}: write {short:?} or {long:?}"),
        None => {
            let words: Vec<String> = [
                Scale::Thousand,
                Scale::Million,
                Scale::Billion,
                Scale::Trillion,
            ]
            .iter()
            .map(|s| {
                let (short, long) = language.scale_words(*s);
                format!("{short}/{long}")
            })
            .collect();
            format!(
                "unknown word {word:?} after the number: expected a scale ({}) or the currency",
                words.join(", ")
            )
        }
    }
}

/// An amount with its scale, checked to fit.
fn scaled(value: Decimal, scale: Scale, input: &str, at: usize) -> Result<Decimal> {
    exact_shift(value, scale.exponent()).ok_or_else(|| {
        Error::overflow(
            "reading money",
            format!(
                "{input:?} at byte {at}: {value} {} does not fit a Decimal (about ±7.9e28)",
                scale.word()
            ),
        )
    })
}

/// Reads "6.3 billion US dollars", "$6.3bn", "USD -3.2bn", "4 736 842 105.26 USD", "(1,234) USD",
/// and in `language` "6 milyar 300 milyon dolar", "6,3 млрд долларов".
pub(super) fn parse(input: &str, language: Language) -> Result<Money> {
    let err = |pos: usize, reason: String| Error::parse(WHAT, input, pos, reason);
    let lead = input.len() - input.trim_start().len();
    if input.trim().is_empty() {
        return Err(err(0, "empty input".into()));
    }
    // An accounting negative: the parentheses become spaces, so byte positions stay the input's.
    let parens = parentheses(input)?;
    let text: Cow<'_, str> = match parens {
        Some((open, close)) => {
            let mut t = input.to_owned();
            t.replace_range(open..=open, " ");
            t.replace_range(close..=close, " ");
            Cow::Owned(t)
        }
        None => Cow::Borrowed(input),
    };
    let text = text.as_ref();
    let Some(num_start) = text.find(|c: char| c.is_ascii_digit()) else {
        return Err(err(
            lead,
            "no number: expected an amount such as \"6.3 billion USD\"".into(),
        ));
    };
    let prefix = text.get(..num_start).unwrap_or("");
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
            sign_at = Some(at);
            let t = cur.text.get(..cur.text.len() - c.len_utf8()).unwrap_or("");
            cur = trimmed(t, cur.start);
        }
    }
    let before = cur;

    // The number and its scale word; in languages that write amounts in parts ("6 milyar 300
    // milyon"), further parts, each of a smaller scale.
    let mut total = Decimal::ZERO;
    let mut at = num_start;
    let mut previous: Option<Scale> = None;
    let end = loop {
        let (digits, num_end) = scan_number(text, at, language, input)?;
        let rest = text.get(num_end..).unwrap_or("");
        let mut rest_chars = rest.chars();
        if matches!(rest_chars.next(), Some('e' | 'E')) {
            let exp = rest_chars.as_str();
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            if exp.starts_with(|c: char| c.is_ascii_digit()) {
                return Err(err(
                    num_end,
                    "exponent notation (\"6.3e9\") is not accepted: write the amount out \
                     (6300000000) or with a scale word (\"6.3 bn\")"
                        .into(),
                ));
            }
        }
        let value = Decimal::from_str_exact(&digits).map_err(|e| {
            Error::overflow(
                "reading money",
                format!("{input:?} at byte {at}: {digits} does not fit a Decimal ({e})"),
            )
        })?;
        let (word, word_at) = next_word(rest, num_end);
        let (scale, term_end) = match language.scale(word) {
            Some(scale) => {
                let after_word = word_at + word.len();
                let (second, second_at) =
                    next_word(text.get(after_word..).unwrap_or(""), after_word);
                if language.scale(second).is_some() {
                    return Err(err(
                        second_at,
                        format!("two scales: {word:?} and {second:?}"),
                    ));
                }
                // The dot of an abbreviation ("млрд.", "th.") belongs to the word.
                let dotted = text
                    .get(after_word..)
                    .and_then(|r| r.strip_prefix('.'))
                    .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_digit()));
                (scale, after_word + usize::from(dotted))
            }
            None => (Scale::Units, num_end),
        };
        if let Some(previous) = previous {
            if scale >= previous || value >= Decimal::ONE_THOUSAND {
                return Err(err(
                    at,
                    format!(
                        "in an amount written in parts each part must be below 1000 and of a \
                         smaller scale than the one before (\"6 {} 300 {} ...\")",
                        language.scale_words(Scale::Billion).1,
                        language.scale_words(Scale::Million).1
                    ),
                ));
            }
        }
        let part = scaled(value, scale, input, at)?;
        total = match previous {
            None => part,
            Some(_) => exact_add(total, part).ok_or_else(|| {
                Error::overflow(
                    "reading money",
                    format!("{input:?}: the parts do not sum within a Decimal"),
                )
            })?,
        };
        previous = Some(scale);
        let after = text.get(term_end..).unwrap_or("");
        let next_at = term_end + (after.len() - after.trim_start().len());
        if language.reads_compound_amounts()
            && scale != Scale::Units
            && after.trim_start().starts_with(|c: char| c.is_ascii_digit())
        {
            at = next_at;
            continue;
        }
        break term_end;
    };

    if let Some((open, close)) = parens {
        if open > num_start || close < end {
            return Err(err(
                open,
                "parentheses must enclose the amount, as an accounting negative does (\"(1,234) \
                 USD\"); other text in parentheses is not read"
                    .into(),
            ));
        }
        if let Some(at) = sign_at {
            return Err(err(
                at,
                "a sign inside accounting parentheses: \"(1,234)\" is already negative".into(),
            ));
        }
        negative = true;
    }

    let after = trimmed(text.get(end..).unwrap_or(""), end);
    if let Some(pos) = after.text.find(|c: char| c.is_ascii_digit()) {
        return Err(err(
            after.start + pos,
            "a second number after the amount".into(),
        ));
    }

    let currency = match (before.text.is_empty(), after.text.is_empty()) {
        (true, true) => {
            return Err(err(
                input.trim_end().len(),
                "missing currency: add a code such as USD, or a symbol such as $ or €".into(),
            ))
        }
        (false, true) => currency_in(before.text, language)?,
        (true, false) => match currency_in(after.text, language) {
            Ok(c) => c,
            Err(e) => {
                // "6.3 bil USD": a word that is not a scale, then the currency.
                let (word, word_at) = next_word(after.text, after.start);
                let rest = after
                    .text
                    .get(word_at - after.start + word.len()..)
                    .unwrap_or("");
                if !word.is_empty()
                    && !rest.trim().is_empty()
                    && currency_in(word, language).is_err()
                    && currency_in(rest.trim(), language).is_ok()
                {
                    return Err(err(word_at, unknown_scale(word, language)));
                }
                return Err(e);
            }
        },
        (false, false) => {
            let reason = match (
                currency_in(before.text, language),
                currency_in(after.text, language),
            ) {
                (Ok(_), Ok(_)) => format!(
                    "two currencies: {:?} before the number and {:?} after it",
                    before.text, after.text
                ),
                (Ok(_), Err(_)) if !after.text.contains(char::is_whitespace) => {
                    // "USD 6.3 bil": one word after the amount, which is not a scale.
                    unknown_scale(after.text, language)
                }
                (Ok(_), Err(_)) => format!(
                    "unexpected text {:?} after the amount (the currency, {:?}, is before it)",
                    after.text, before.text
                ),
                (Err(_), Ok(_)) => {
                    return Err(err(
                        before.start,
                        format!(
                            "unexpected text {:?} before the amount (the currency, {:?}, is after \
                             it)",
                            before.text, after.text
                        ),
                    ))
                }
                (Err(_), Err(_)) => format!(
                    "text both before ({:?}) and after ({:?}) the amount, and neither is a currency",
                    before.text, after.text
                ),
            };
            return Err(err(after.start, reason));
        }
    };

    // A written "-0.00" stays negative zero, so that Display and FromStr round-trip exactly.
    let amount = if negative { -total } else { total };
    Ok(Money::new(amount, currency))
}
