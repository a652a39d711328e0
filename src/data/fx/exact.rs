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
    // The usual case, one multiplication whose product fits 96 bits: exact, no big integers.
    if let ([n], []) = (numerators, denominators) {
        let scale = value.scale() + n.scale();
        let product = value
            .mantissa()
            .unsigned_abs()
            .checked_mul(n.mantissa().unsigned_abs());
        if let Some(product) = product.filter(|&p| p <= MAX_MANTISSA && scale <= MAX_SCALE) {
            let negative = value.is_sign_negative() != n.is_sign_negative();
            let magnitude = i128::try_from(product).map_err(|_| Failure::Overflow)?;
            let signed = if negative { -magnitude } else { magnitude };
            let exact =
                Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| Failure::Overflow)?;
            return Ok(with_scale(exact, keep_scale));
        }
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
        /// The fast path (one product in 128 bits) gives the value the exact quotient gives.
        #[test]
        fn fast_product_agrees_with_the_exact_quotient(a in any_decimal(), n in any_decimal()) {
            let fast = mul_div(a, &[n], &[], a.scale());
            let slow = quotient_of_products(&[a, n], &[]);
            match (fast, slow) {
                (Ok(f), Ok(s)) => proptest::prop_assert_eq!(f, s),
                (Err(Failure::Overflow), Err(e)) => proptest::prop_assert!(e.is_overflow()),
                (f, s) => proptest::prop_assert!(false, "{f:?} against {s:?}"),
            }
        }
    }
}
