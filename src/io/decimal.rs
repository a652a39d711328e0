//! Exact decimal numbers from the bytes of a file, without going through `f64` or a `String`.

use rust_decimal::Decimal;

/// The largest mantissa a `Decimal` holds: 2^96 - 1.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// The most digits [`parse_digits`] reads: 10^9 - 1 fits a `u32`.
pub(crate) const MAX_DIGITS: usize = 9;

/// The value of `text` as a whole number written in ASCII digits (no sign, no spaces): `None`
/// unless it is 1 to `max_len` digits (`max_len` is capped at [`MAX_DIGITS`]). The length is
/// checked before any digit is added, so the sum can never wrap, with or without overflow checks;
/// the additions are checked as well. Every number the readers assemble from digits (periods,
/// months, area codes, multipliers) goes through here.
pub(crate) fn parse_digits(text: &[u8], max_len: usize) -> Option<u32> {
    if text.is_empty() || text.len() > max_len.min(MAX_DIGITS) {
        return None;
    }
    text.iter().try_fold(0u32, |n, &c| {
        let digit = c.checked_sub(b'0').filter(|&d| d <= 9)?;
        n.checked_mul(10)?.checked_add(u32::from(digit))
    })
}

/// The digits of a whole number in a column of whole numbers (years, area and product codes),
/// as Stata and pandas write integers held in a float column: `1986.0` (or `1986.`, `1986.00`)
/// gives `1986`, and `1986.5` is an error (a fraction is never cut off). Text that is not digits,
/// a point and digits (`2022-Q1`, `TOTAL`, `1e3`) is returned as it is, for the caller's own
/// rules to read or refuse. Every reader reads its whole-number columns through here.
///
/// The error is a short reason, for the caller to place at a line and column with the value.
pub(crate) fn integral(text: &[u8]) -> Result<&[u8], &'static str> {
    let Some(point) = text.iter().position(|&c| c == b'.') else {
        return Ok(text);
    };
    let (digits, fraction) = (&text[..point], &text[point + 1..]);
    let all_digits = |t: &[u8]| t.iter().all(u8::is_ascii_digit);
    if digits.is_empty() || !all_digits(digits) || !all_digits(fraction) {
        return Ok(text);
    }
    if fraction.iter().all(|&c| c == b'0') {
        Ok(digits)
    } else {
        Err("not a whole number: a whole-number column holds a fraction (1986.0 reads as 1986, 1986.5 is refused)")
    }
}

/// [`parse_digits`] of a whole number written with or without a zero fraction ([`integral`]):
/// `Err` with the reason for a fraction, `Ok(None)` for text that is not 1 to `max_len` digits.
pub(crate) fn parse_integral(text: &[u8], max_len: usize) -> Result<Option<u32>, &'static str> {
    Ok(parse_digits(integral(text)?, max_len))
}

/// Reads a decimal number written in plain notation: an optional sign, digits, and an optional
/// point followed by at most 28 digits (`-12`, `3.25`, `.5`, `7.`). Surrounding ASCII spaces are
/// ignored. Exponent notation (`1e6`), thousands separators, and numbers beyond a `Decimal`'s 96-bit
/// mantissa are refused: every accepted number is held exactly, with the scale it was written with.
///
/// The error is a short reason, for the caller to place at a line and column.
pub(crate) fn parse_decimal(text: &[u8]) -> Result<Decimal, &'static str> {
    let text = text.trim_ascii();
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return Err(if text.is_empty() {
            "empty value"
        } else {
            "a sign without digits"
        });
    }
    // Up to 19 characters (so at most 19 digits) fit a u64 without any check per digit.
    if digits.len() <= 19 {
        let mut mantissa: u64 = 0;
        let mut scale: u32 = 0;
        let mut seen_point = false;
        let mut any_digit = false;
        for &c in digits {
            match c {
                b'0'..=b'9' => {
                    // At most 19 digits were seen: mantissa < 10^19 < 2^64, no wrap possible.
                    mantissa = mantissa * 10 + u64::from(c - b'0');
                    any_digit = true;
                    scale += u32::from(seen_point);
                }
                b'.' if !seen_point => seen_point = true,
                other => return Err(bad_character(other)),
            }
        }
        if !any_digit {
            return Err("no digits");
        }
        // `mantissa` < 10^19 < 2^96, scale <= 18: always representable.
        return Ok(Decimal::from_parts(
            mantissa as u32,
            (mantissa >> 32) as u32,
            0,
            negative && mantissa != 0,
            scale,
        ));
    }
    let mut mantissa: u128 = 0;
    let mut significant: u32 = 0;
    let mut scale: u32 = 0;
    let mut seen_point = false;
    let mut any_digit = false;
    for &c in digits {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                if mantissa != 0 || c != b'0' {
                    significant += 1;
                    if significant > 29 {
                        return Err(
                            "more than 29 significant digits: a Decimal cannot hold it exactly",
                        );
                    }
                }
                // At most 29 significant digits (checked just above, before this line):
                // mantissa < 10^29 < 2^128, no wrap possible.
                mantissa = mantissa * 10 + u128::from(c - b'0');
                if seen_point {
                    scale += 1;
                    if scale > 28 {
                        return Err("more than 28 digits after the decimal point");
                    }
                }
            }
            b'.' if !seen_point => seen_point = true,
            other => return Err(bad_character(other)),
        }
    }
    if !any_digit {
        return Err("no digits");
    }
    if mantissa > MAX_MANTISSA {
        return Err("too large for a Decimal (about 7.9e28)");
    }
    let lo = mantissa as u32;
    let mid = (mantissa >> 32) as u32;
    let hi = (mantissa >> 64) as u32;
    Ok(Decimal::from_parts(
        lo,
        mid,
        hi,
        negative && mantissa != 0,
        scale,
    ))
}

/// Like [`parse_decimal`], but also reads exponent notation (`9.700000286102296e-05`, `1E6`),
/// as research tables written from binary floats use it: the value is the one the digits state,
/// held exactly, or an error if a `Decimal` cannot hold it exactly (more than 28 decimals, or a
/// mantissa beyond 96 bits).
pub(crate) fn parse_decimal_with_exponent(text: &[u8]) -> Result<Decimal, &'static str> {
    let text = text.trim_ascii();
    let Some(e) = text.iter().position(|&c| c == b'e' || c == b'E') else {
        return parse_decimal(text);
    };
    let (digits, exponent) = (&text[..e], &text[e + 1..]);
    let mut value = parse_decimal(digits)?;
    let (negative, exponent) = match exponent.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, exponent),
    };
    if exponent.is_empty() || exponent.len() > 3 || !exponent.iter().all(u8::is_ascii_digit) {
        return Err("an exponent that is not a whole number of at most 3 digits");
    }
    let shift = parse_digits(exponent, 3)
        .ok_or("an exponent that is not a whole number of at most 3 digits")?;
    if negative {
        let scale = value.scale() + shift;
        if scale > 28 {
            return Err("more than 28 digits after the decimal point");
        }
        value
            .set_scale(scale)
            .map_err(|_| "more than 28 digits after the decimal point")?;
        return Ok(value);
    }
    // Move the point right: first into the decimals, then multiply by the rest.
    let into_decimals = shift.min(value.scale());
    value
        .set_scale(value.scale() - into_decimals)
        .map_err(|_| "too large for a Decimal (about 7.9e28)")?;
    let mut rest = shift - into_decimals;
    while rest > 0 {
        value = value
            .checked_mul(Decimal::TEN)
            .ok_or("too large for a Decimal (about 7.9e28)")?;
        rest -= 1;
    }
    Ok(value)
}

fn bad_character(c: u8) -> &'static str {
    match c {
        b'e' | b'E' => "exponent notation is not accepted (write the number in full)",
        b',' => "a comma in a number (thousands separators are not accepted)",
        b'.' => "two decimal points",
        b'-' | b'+' => "a sign inside the number",
        b' ' | b'\t' => "a space inside the number",
        _ => "not a decimal number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn ok(s: &str) -> Decimal {
        match parse_decimal(s.as_bytes()) {
            Ok(d) => d,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn reads_plain_numbers_exactly_with_their_scale() {
        assert_eq!(ok("123456789.123").to_string(), "123456789.123");
        assert_eq!(ok("-0.5").to_string(), "-0.5");
        assert_eq!(ok("+7").to_string(), "7");
        assert_eq!(ok(".5").to_string(), "0.5");
        assert_eq!(ok("7.").to_string(), "7");
        assert_eq!(ok("1.500").to_string(), "1.500");
        assert_eq!(ok(" 42 ").to_string(), "42");
        assert_eq!(ok("-0").to_string(), "0");
        // 17 significant digits from a binary float, as in the Yotov data.
        assert_eq!(ok("27.76487390676141").to_string(), "27.76487390676141");
        // The long path: 29 digits, the largest mantissa, 28 decimals.
        assert_eq!(ok("79228162514264337593543950335"), Decimal::MAX);
        assert_eq!(
            ok("0.0000000000000000000000000001"),
            Decimal::from_str("0.0000000000000000000000000001").unwrap_or_default()
        );
        assert_eq!(
            ok("-12345678901234567890.12345678").to_string(),
            "-12345678901234567890.12345678"
        );
        assert_eq!(
            ok("00000000000000000000000000000000001.5").to_string(),
            "1.5"
        );
    }

    #[test]
    fn digits_are_read_only_within_their_length() {
        assert_eq!(parse_digits(b"52", 2), Some(52));
        assert_eq!(parse_digits(b"007", 3), Some(7));
        assert_eq!(parse_digits(b"999999999", 9), Some(999_999_999));
        // 2^32 + 1 and 2^32 + 52: a wrapping u32 sum would give 1 and 52.
        assert_eq!(parse_digits(b"4294967297", 20), None);
        assert_eq!(parse_digits(b"4294967348", 20), None);
        assert_eq!(parse_digits(b"123", 2), None);
        for bad in [&b""[..], b"1a", b"-1", b"+1", b" 1", b"1.0", b"\xff"] {
            assert_eq!(parse_digits(bad, 9), None, "{bad:?}");
        }
    }

    #[test]
    fn whole_numbers_written_as_floats() {
        // Stata and pandas write integer columns held as floats with a zero fraction.
        assert_eq!(integral(b"1986.0"), Ok(&b"1986"[..]));
        assert_eq!(integral(b"1986."), Ok(&b"1986"[..]));
        assert_eq!(integral(b"842.000"), Ok(&b"842"[..]));
        assert_eq!(integral(b"1986"), Ok(&b"1986"[..]));
        // Not a number with a point: left to the caller's rules.
        assert_eq!(integral(b"2022-Q1"), Ok(&b"2022-Q1"[..]));
        assert_eq!(integral(b".0"), Ok(&b".0"[..]));
        assert_eq!(integral(b"1.0.0"), Ok(&b"1.0.0"[..]));
        // A fraction is refused, whatever its size; never cut off.
        for bad in [&b"1986.5"[..], b"1986.05", b"0.000001", b"842.1"] {
            assert!(integral(bad).is_err(), "{bad:?}");
            assert!(parse_integral(bad, 9).is_err(), "{bad:?}");
        }
        assert_eq!(parse_integral(b"1986.0", 4), Ok(Some(1986)));
        assert_eq!(parse_integral(b"1986", 4), Ok(Some(1986)));
        assert_eq!(parse_integral(b"19860.0", 4), Ok(None));
        assert_eq!(parse_integral(b"x.0", 4), Ok(None));
    }

    #[test]
    fn exponent_notation_where_allowed_is_exact() {
        let ok = |s: &str| parse_decimal_with_exponent(s.as_bytes()).map(|d| d.to_string());
        assert_eq!(
            ok("9.700000286102296e-05"),
            Ok("0.00009700000286102296".into())
        );
        assert_eq!(ok("8.367E-05"), Ok("0.00008367".into()));
        assert_eq!(ok("1.5e3"), Ok("1500".into()));
        assert_eq!(ok("-2.25E+1"), Ok("-22.5".into()));
        assert_eq!(ok("12"), Ok("12".into()));
        assert_eq!(ok("7e28"), Ok("70000000000000000000000000000".into()));
        assert!(ok("8e28").is_err());
        assert!(ok("1e-29").is_err());
        assert!(ok("1e").is_err());
        assert!(ok("1e1.5").is_err());
        assert!(ok("e5").is_err());
        assert!(ok("1e99999").is_err());
    }

    #[test]
    fn refuses_what_it_cannot_hold_exactly() {
        for bad in [
            "",
            " ",
            "-",
            "1e6",
            "1E6",
            "1,000",
            "1.2.3",
            "12a",
            "0x10",
            "1 000",
            "NaN",
            "inf",
            ".",
            "-.",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "123456789012345678901234567890",
        ] {
            assert!(parse_decimal(bad.as_bytes()).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            parse_decimal(b"1e6"),
            Err("exponent notation is not accepted (write the number in full)")
        );
    }
}
