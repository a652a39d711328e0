//! Rounded once: a change that needs more than 28 significant digits is not rounded before it is
//! divided, and a quotient rounded to fewer significant digits than its integer part has is
//! rounded to tens, hundreds..., not refused. Found by the outside-style check of the DataFusion
//! member crate (issue 14, item 16), which compared its SQL functions with these.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::growth::growth;
use tradestat::math::quotient_to_significant;
use tradestat::{Currency, Decimal, Money};

fn usd(text: &str) -> Money {
    Money::new(Decimal::from_str_exact(text).unwrap(), Currency::USD)
}

#[test]
fn growth_of_a_change_wider_than_a_decimal_is_rounded_once() {
    // 9062094.93260891543 - 872433795114334597 has 30 significant digits; rounding it to 28
    // before dividing gave ...3123. Python's decimal at 200 digits, quantized half to even to
    // 1e-28: -0.9999999999896128566048713122.
    let g = growth(&usd("872433795114334597"), &usd("9062094.93260891543")).unwrap();
    assert_eq!(
        g.as_fraction().to_string(),
        "-0.9999999999896128566048713122"
    );
}

#[test]
fn fewer_significant_digits_than_the_integer_part() {
    let q = |n: i64, d: i64, k: u32| {
        quotient_to_significant(&[Decimal::from(n)], &[Decimal::from(d)], k)
            .unwrap()
            .to_string()
    };
    assert_eq!(q(-100_001, 1, 1), "-100000");
    assert_eq!(q(999_996, 10, 1), "100000"); // 99999.6 rounds up a power of ten
    assert_eq!(q(123_456_789, 1, 3), "123000000");
    assert_eq!(q(125, 1, 2), "120"); // half to even
    assert_eq!(q(135, 1, 2), "140");
    // A value near Decimal::MAX at one digit: 8e28 does not fit, an overflow error.
    assert!(quotient_to_significant(&[Decimal::MAX], &[Decimal::ONE], 1).is_err());
}

/// `n` rounded half to even to `k` significant digits, in plain integers.
fn reference(n: i128, k: u32) -> i128 {
    let digits = n.unsigned_abs().to_string().len() as u32;
    if digits <= k {
        return n;
    }
    let unit = 10i128.pow(digits - k);
    let (q, r) = (n.abs() / unit, n.abs() % unit);
    let half = unit / 2;
    let q = if r > half || (r == half && q % 2 == 1) {
        q + 1
    } else {
        q
    };
    n.signum() * q * unit
}

proptest! {
    #[test]
    fn integers_to_k_significant_digits(n in -10i128.pow(27)..10i128.pow(27), k in 1u32..=28) {
        let got = quotient_to_significant(&[Decimal::from_i128_with_scale(n, 0)], &[Decimal::ONE], k).unwrap();
        prop_assert_eq!(got, Decimal::from_i128_with_scale(reference(n, k), 0));
    }
}
