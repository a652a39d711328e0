//! The one rule for numbers in serde (crate docs, "Exact numbers in JSON"), for every type that
//! holds an amount, a rate or a ratio: strings are read exactly, integers exactly, and a JSON number
//! with a fraction or an exponent (which reaches us only as an `f64`) is refused with an error that
//! says to write it as a string.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::{Currency, Decimal, Money, Rate, Ratio, Series};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn money_json(amount: &str) -> String {
    format!(r#"{{"amount": {amount}, "currency": "USD"}}"#)
}

fn series_json(amount: &str) -> String {
    format!(r#"{{"currency": "USD", "values": [["2020", {amount}]]}}"#)
}

/// Reads `json` as each of the four types, giving the decimal each holds or the error text.
fn read_all(value: &str) -> [Result<Decimal, String>; 4] {
    let e = |e: serde_json::Error| e.to_string();
    [
        serde_json::from_str::<Money>(&money_json(value))
            .map(|m| m.amount())
            .map_err(e),
        serde_json::from_str::<Series>(&series_json(value))
            .map(|s| s.first().1.amount())
            .map_err(e),
        serde_json::from_str::<Rate>(value)
            .map(Rate::as_fraction)
            .map_err(e),
        serde_json::from_str::<Ratio>(value)
            .map(Ratio::value)
            .map_err(e),
    ]
}

#[test]
fn exact_strings_are_read_exactly_by_every_type() {
    for s in [
        "0.1",
        "-1.50",
        "6300000000",
        "0.0000000000000000000000000001",
        "79228162514264337593543950335",
        "12345678901234567890123",
    ] {
        for got in read_all(&format!("{s:?}")) {
            assert_eq!(got.unwrap(), d(s), "{s}");
        }
    }
}

#[test]
fn strings_that_cannot_be_held_exactly_are_refused_by_every_type() {
    // Regression: Series read these through rust_decimal's lenient parser (rounded; 1.5e3 = 1500).
    for (s, says) in [
        ("0.12345678901234567890123456789012", "28 decimal places"),
        ("1.5e3", "exponent"),
        ("79228162514264337593543950336", "fit"),
        ("1,000", ""),
        (" ", ""),
    ] {
        for (i, got) in read_all(&format!("{s:?}")).into_iter().enumerate() {
            let e = got.expect_err(s);
            assert!(e.contains(says), "type {i}, {s:?}: {e}");
        }
    }
}

#[test]
fn integers_are_read_exactly_by_every_type() {
    for s in [
        "0",
        "-7",
        "6300000000",
        "18446744073709551615", // u64::MAX
        "-9223372036854775808", // i64::MIN
    ] {
        for got in read_all(s) {
            assert_eq!(got.unwrap(), d(s), "{s}");
        }
    }
}

#[test]
fn non_integer_numbers_are_refused_with_advice_by_every_type() {
    // Regression: Rate and Series read these through f64 (1e-30 became 0, the long integer lost
    // digits) and Money accepted 6.3.
    for s in [
        "6.3",
        "1e-30",
        "1.5e3",
        "12345678901234567890123",
        "0.1",
        "-2.0",
    ] {
        for (i, got) in read_all(s).into_iter().enumerate() {
            let e = got.expect_err(s);
            assert!(e.contains("write it as a string"), "type {i}, {s}: {e}");
        }
    }
}

#[test]
fn rates_also_read_percentages_and_round_trip() {
    assert_eq!(
        serde_json::from_str::<Rate>(r#""33%""#).unwrap(),
        Rate::from_percent(33)
    );
    assert_eq!(
        serde_json::from_str::<Rate>(r#""down 4.5 pct""#).unwrap(),
        Rate::from_fraction(d("-0.045"))
    );
    let e = serde_json::from_str::<Rate>(r#""0.000000000000000000000000001%""#).unwrap_err();
    assert!(e.to_string().contains("cannot be held exactly"), "{e}");
    let r = Rate::from_fraction(d("0.1665"));
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(json, r#""0.1665""#);
    assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), r);
    let q = Ratio::new(d("104.95"));
    assert_eq!(serde_json::to_string(&q).unwrap(), r#""104.95""#);
    assert_eq!(
        serde_json::from_str::<Ratio>(&serde_json::to_string(&q).unwrap()).unwrap(),
        q
    );
    let m = Money::new(d("0.0000000000000000000000000001"), Currency::KZT);
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
}
