//! One rounding for a product of decimals divided by a product of decimals, written with the
//! amount's own decimal places.
//!
//! The value is [`math::quotient_of_products`](crate::math::quotient_of_products): formed exactly
//! and rounded once, half to even, to the finest `Decimal` grid (the largest scale up to 28 whose
//! mantissa fits 96 bits: 28 or 29 significant digits for results of 1 or more). A single product
//! that fits 128 bits is formed here without big integers, and is exact. The result is then
//! written with at least `keep_scale` decimal places where it fits and without trailing zeros
//! beyond them, so `100.00 × 0.0021` is `0.21` and `1.00 / 0.5` is `2.00`.

use rust_decimal::Decimal;

use crate::error::Error;
use crate::math::quotient_of_products;

/// Largest `Decimal` mantissa, 2⁹⁶ - 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;
/// `Decimal`'s finest scale.
const MAX_SCALE: u32 = 28;

/// Why an exact quotient could not be returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// A denominator factor is zero.
    DivisionByZero,
    /// The rounded result is beyond `Decimal`'s range (about ±7.9e28).
    Overflow,
}

/// `value · Π numerators / Π denominators`, rounded once half to even (see the module docs),
/// with at least `keep_scale` decimal places where they fit and no trailing zeros beyond.
pub(crate) fn mul_div(
    value: Decimal,
    numerators: &[Decimal],
    denominators: &[Decimal],
    keep_scale: u32,
) -> Result<Decimal, Failure> {
    let keep_scale = keep_scale.min(MAX_SCALE);
    if let Some(fast) = fast(value, numerators, denominators) {
        return Ok(with_scale(fast, keep_scale));
    }
    let mut all = Vec::with_capacity(numerators.len() + 1);
    all.push(value);
    all.extend_from_slice(numerators);
    match quotient_of_products(&all, denominators) {
        Ok(q) => Ok(with_scale(q, keep_scale)),
        Err(Error::Undefined { .. }) => Err(Failure::DivisionByZero),
        Err(_) => Err(Failure::Overflow),
    }
}

/// The common cases in 128-bit integers: products that fit a `Decimal` exactly, then at most one
/// division. `None` hands the case to the exact big-integer path (which also reports errors).
fn fast(value: Decimal, numerators: &[Decimal], denominators: &[Decimal]) -> Option<Decimal> {
    let negative = std::iter::once(&value)
        .chain(numerators)
        .chain(denominators)
        .filter(|d| d.is_sign_negative())
        .count()
        % 2
        == 1;
    let mut mantissa = value.mantissa().unsigned_abs();
    let mut scale = value.scale();
    for n in numerators {
        mantissa = mantissa
            .checked_mul(n.mantissa().unsigned_abs())
            .filter(|&m| m <= MAX_MANTISSA)?;
        scale += n.scale();
        if scale > MAX_SCALE {
            return None;
        }
    }
    let (mantissa, scale) = match denominators {
        [] => (mantissa, scale),
        [d] => divide(mantissa, scale, d.mantissa().unsigned_abs(), d.scale())?,
        _ => return None,
    };
    let signed = i128::try_from(mantissa).ok()?;
    Decimal::try_from_i128_with_scale(if negative { -signed } else { signed }, scale).ok()
}

/// `(a · 10^-sa) / (d · 10^-sd)` rounded half to even on the finest grid, as `(mantissa, scale)`,
/// by long division in chunks of up to nine digits (a remainder below 2⁹⁶ times 10⁹ fits 128
/// bits). `None` when `d` is zero, the quotient does not fit, or rounding up would overflow the
/// mantissa (the big-integer path then decides).
fn divide(a: u128, sa: u32, d: u128, sd: u32) -> Option<(u128, u32)> {
    if d == 0 {
        return None;
    }
    // After j more digits, q is the mantissa at scale j + sa - sd.
    let (sa, sd) = (i64::from(sa), i64::from(sd));
    let j_max = i64::from(MAX_SCALE) - sa + sd;
    let j_min = (sd - sa).max(0);
    let (mut q, mut rem) = (a / d, a % d);
    if q > MAX_MANTISSA {
        return None;
    }
    let mut j = 0;
    'digits: while j < j_max {
        let mut c = u32::try_from((j_max - j).min(9)).ok()?;
        while c > 0 {
            let p = 10u128.pow(c);
            if q <= MAX_MANTISSA / p {
                let num = rem * p;
                let next = q * p + num / d;
                if next <= MAX_MANTISSA {
                    q = next;
                    rem = num % d;
                    j += i64::from(c);
                    continue 'digits;
                }
            }
            c -= 1;
        }
        // Not one more digit fits: this is the finest scale.
        break;
    }
    if j < j_min {
        return None;
    }
    let twice = rem * 2;
    if twice > d || (twice == d && q % 2 == 1) {
        q += 1;
        if q > MAX_MANTISSA {
            return None;
        }
    }
    Some((q, u32::try_from(j + sa - sd).ok()?))
}

/// `d` with trailing zeros past `keep` places removed, and padded to `keep` places where the
/// mantissa allows; the value is unchanged.
fn with_scale(d: Decimal, keep: u32) -> Decimal {
    let d = d.normalize();
    if d.scale() >= keep || d.is_zero() {
        return d;
    }
    let mut padded = d;
    padded.rescale(keep);
    if padded == d {
        padded
    } else {
        d
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn exact_products_keep_every_digit() {
        assert_eq!(mul_div(d("100.00"), &[d("0.0021")], &[], 2), Ok(d("0.21")));
        assert_eq!(
            mul_div(d("100.00"), &[d("0.0021")], &[], 2)
                .unwrap()
                .to_string(),
            "0.21"
        );
        assert_eq!(
            mul_div(d("1000"), &[d("0.002")], &[], 0)
                .unwrap()
                .to_string(),
            "2"
        );
        assert_eq!(
            mul_div(d("6300000000"), &[d("0.0021")], &[], 0)
                .unwrap()
                .to_string(),
            "13230000"
        );
        assert_eq!(mul_div(d("-3"), &[d("2")], &[], 0), Ok(d("-6")));
        assert_eq!(mul_div(d("-3"), &[d("-2")], &[], 0), Ok(d("6")));
        assert_eq!(mul_div(d("0"), &[d("2")], &[d("3")], 0), Ok(d("0")));
    }

    #[test]
    fn quotients_round_once_half_to_even() {
        // 1/3 to 28 places.
        assert_eq!(
            mul_div(d("1"), &[], &[d("3")], 0),
            Ok(d("0.3333333333333333333333333333"))
        );
        // 2/3: the 28th place rounds up.
        assert_eq!(
            mul_div(d("2"), &[], &[d("3")], 0),
            Ok(d("0.6666666666666666666666666667"))
        );
        // 10/3 has one integer digit: 3.333... with 28 decimals fits 96 bits (29 digits).
        assert_eq!(
            mul_div(d("10"), &[], &[d("3")], 0),
            Ok(d("3.3333333333333333333333333333"))
        );
        // 100/3: 33.33... with 28 decimals needs 30 digits, so 27 decimals.
        assert_eq!(
            mul_div(d("100"), &[], &[d("3")], 0),
            Ok(d("33.333333333333333333333333333"))
        );
        // Exact quotients come out exact and short.
        assert_eq!(
            mul_div(d("1.00"), &[], &[d("0.5")], 2).unwrap().to_string(),
            "2.00"
        );
        assert_eq!(
            mul_div(d("1"), &[], &[d("0")], 0),
            Err(Failure::DivisionByZero)
        );
    }

    #[test]
    fn ties_go_to_even_and_the_sticky_remainder_breaks_them() {
        // 0.5 · 10^-28 exactly: a tie at the 28th place, 0 is even.
        assert_eq!(
            mul_div(d("0.0000000000000000000000000001"), &[d("0.5")], &[], 0),
            Ok(d("0"))
        );
        // 1.5 · 10^-28: a tie, rounds to 2 (even).
        assert_eq!(
            mul_div(d("0.0000000000000000000000000003"), &[d("0.5")], &[], 0),
            Ok(d("0.0000000000000000000000000002"))
        );
        // Large: 79228162514264337593543950335 · 0.5 = 39614081257132168796771975167.5,
        // a tie, rounds to the even ...168.
        assert_eq!(
            mul_div(Decimal::MAX, &[d("0.5")], &[], 0),
            Ok(d("39614081257132168796771975168"))
        );
        // A tie at the 27th decimal (30 significant digits, so k = 1): ...88|5 goes to the even 8.
        let a = d("2.4691357802469135780246913577");
        assert_eq!(
            mul_div(a, &[d("5")], &[], 0),
            Ok(d("12.345678901234567890123456788"))
        );
        // The same tie times (M + 1)² / (M (M + 2)) = 1 + 1/(M (M + 2)), M = 7e28: the dropped
        // digit is still exactly 5 with zeros after, but a remainder of about 2.5e-57 is left
        // past the 28th place, so it rounds up rather than to even.
        let m = d("70000000000000000000000000000");
        let m1 = d("70000000000000000000000000001");
        let m2 = d("70000000000000000000000000002");
        assert_eq!(
            mul_div(a, &[d("5"), m1, m1], &[m, m2], 0),
            Ok(d("12.345678901234567890123456789"))
        );
        // The same ties through the 128-bit long division.
        let tiny = d("0.0000000000000000000000000003");
        assert_eq!(
            fast(tiny, &[], &[d("2")]),
            Some(d("0.0000000000000000000000000002"))
        );
        assert_eq!(
            fast(d("0.0000000000000000000000000001"), &[], &[d("2")]),
            Some(d("0"))
        );
        assert_eq!(
            fast(Decimal::MAX, &[], &[d("2")]),
            Some(d("39614081257132168796771975168"))
        );
        assert_eq!(
            fast(Decimal::MAX, &[], &[d("-2")]),
            Some(d("-39614081257132168796771975168"))
        );
        // Overflow: the maximum times 2 does not fit.
        assert_eq!(
            mul_div(Decimal::MAX, &[d("2")], &[], 0),
            Err(Failure::Overflow)
        );
    }

    #[test]
    fn cross_rate_rounds_once() {
        // 1000 KZT at 0.0021 USD/KZT, then at 32 TRY/USD: 67.2 TRY exactly, in one step.
        assert_eq!(
            mul_div(d("1000"), &[d("0.0021"), d("32")], &[], 0),
            Ok(d("67.2"))
        );
        // Through inverses: 1000 / 470 · 32 = 68.085106382978723404255319148936... -> 27 places.
        assert_eq!(
            mul_div(d("1000"), &[d("32")], &[d("470")], 0),
            Ok(d("68.085106382978723404255319149"))
        );
    }

    fn any_decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        (any::<i64>(), any::<u32>(), 0u32..=28, any::<bool>()).prop_map(|(lo, hi, scale, big)| {
            let m = if big {
                (i128::from(hi) << 64 | i128::from(lo as u64)) % (MAX_MANTISSA as i128)
            } else {
                i128::from(lo % 1_000_000_007)
            };
            Decimal::try_from_i128_with_scale(m, scale).unwrap()
        })
    }

    proptest::proptest! {
        /// The 128-bit paths (products, one division) give the value the exact quotient gives.
        #[test]
        fn fast_paths_agree_with_the_exact_quotient(
            a in any_decimal(),
            n in proptest::collection::vec(any_decimal(), 0..3),
            d in proptest::collection::vec(any_decimal(), 0..2),
        ) {
            proptest::prop_assume!(d.iter().all(|x| !x.is_zero()));
            let mut all = vec![a];
            all.extend_from_slice(&n);
            let slow = quotient_of_products(&all, &d);
            match (mul_div(a, &n, &d, 0), slow) {
                (Ok(f), Ok(s)) => proptest::prop_assert_eq!(f, s),
                (Err(Failure::Overflow), Err(e)) => proptest::prop_assert!(e.is_overflow()),
                (f, s) => proptest::prop_assert!(false, "{f:?} against {s:?}"),
            }
        }

        /// Divisions with small operands (where the 128-bit path always applies) agree too.
        #[test]
        fn small_divisions_agree(a in -10_000_000_000i64..10_000_000_000, sa in 0u32..=12,
                                 d in 1i64..10_000_000_000, sd in 0u32..=12) {
            let (a, d) = (Decimal::new(a, sa), Decimal::new(d, sd));
            proptest::prop_assert!(fast(a, &[], &[d]).is_some());
            proptest::prop_assert_eq!(mul_div(a, &[], &[d], 0).ok(), quotient_of_products(&[a], &[d]).ok());
        }
    }
}
