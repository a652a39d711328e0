//! One rounding for a product of decimals divided by a product of decimals.
//!
//! `a · n₁ · n₂ ⋯ / (d₁ · d₂ ⋯)` is formed exactly in big integers, then rounded once, half to
//! even, to the finest scale (at most 28 decimal places) whose mantissa fits `Decimal`'s 96 bits:
//! 28 or 29 significant digits for results of 1 or more, fewer for tiny results (a `Decimal` has
//! no digits past the 28th decimal place). Trailing zeros past `keep_scale` decimal places are
//! dropped, so `100.00 × 0.0021` is written `0.21`, not `0.210000`.

use num_bigint::BigUint;
use rust_decimal::Decimal;

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
/// written with at least `keep_scale` decimal places where the result has them (trailing zeros
/// beyond are dropped; `keep_scale` above 28 means 28).
pub(crate) fn mul_div(
    value: Decimal,
    numerators: &[Decimal],
    denominators: &[Decimal],
    keep_scale: u32,
) -> Result<Decimal, Failure> {
    if denominators.iter().any(|d| d.is_zero()) {
        return Err(Failure::DivisionByZero);
    }
    let negative = std::iter::once(&value)
        .chain(numerators)
        .chain(denominators)
        .filter(|d| d.is_sign_negative() && !d.is_zero())
        .count()
        % 2
        == 1;
    if value.is_zero() || numerators.iter().any(|n| n.is_zero()) {
        return Ok(Decimal::ZERO);
    }
    let keep_scale = keep_scale.min(MAX_SCALE);

    // The usual case, one multiplication whose product fits 128 bits, without big integers.
    if let ([n], []) = (numerators, denominators) {
        let scale = value.scale() + n.scale();
        if let Some(product) = value
            .mantissa()
            .unsigned_abs()
            .checked_mul(n.mantissa().unsigned_abs())
        {
            if product <= MAX_MANTISSA && scale <= MAX_SCALE {
                return Ok(finish(product, scale, negative, keep_scale));
            }
        }
    }

    let mut num = BigUint::from(value.mantissa().unsigned_abs());
    let mut den = BigUint::from(1u32);
    // The exact result is num / den · 10^-exponent.
    let mut exponent = i64::from(value.scale());
    for n in numerators {
        num *= n.mantissa().unsigned_abs();
        exponent += i64::from(n.scale());
    }
    for d in denominators {
        den *= d.mantissa().unsigned_abs();
        exponent -= i64::from(d.scale());
    }
    // Scale to 28 decimal places: q28 + r28/den = num · 10^(28 - exponent) / den.
    let shift = i64::from(MAX_SCALE) - exponent;
    let ten = BigUint::from(10u32);
    let power = |k: i64| ten.pow(u32::try_from(k.unsigned_abs()).unwrap_or(u32::MAX));
    if shift >= 0 {
        num *= power(shift);
    } else {
        den *= power(shift);
    }
    let q28 = &num / &den;
    let sticky = (&num % &den) != BigUint::ZERO;
    // Halving comparisons for k = 0 use the remainder against the denominator.
    let r28_twice_vs_den = ((&num % &den) * 2u32).cmp(&den);

    // Drop k digits until the rounded quotient fits 96 bits; each k is a fresh single rounding
    // of the exact value, never a rounding of a rounding.
    let digits = q28.to_string().len();
    let mut k = u32::try_from(digits.saturating_sub(29)).unwrap_or(u32::MAX);
    loop {
        if k > MAX_SCALE {
            return Err(Failure::Overflow);
        }
        let (q, round_up) = if k == 0 {
            let up = match r28_twice_vs_den {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => q28.bit(0),
                std::cmp::Ordering::Less => false,
            };
            (q28.clone(), up)
        } else {
            let divisor = ten.pow(k);
            let q = &q28 / &divisor;
            let rem_twice = (&q28 % &divisor) * 2u32;
            let up = match rem_twice.cmp(&divisor) {
                std::cmp::Ordering::Greater => true,
                std::cmp::Ordering::Equal => sticky || q.bit(0),
                std::cmp::Ordering::Less => false,
            };
            (q, up)
        };
        let q = if round_up { q + 1u32 } else { q };
        match u128::try_from(&q) {
            Ok(m) if m <= MAX_MANTISSA => {
                return Ok(finish(m, MAX_SCALE - k, negative, keep_scale));
            }
            _ => k += 1,
        }
    }
}

/// The `Decimal` `mantissa · 10^-scale` with the sign, trailing zeros past `keep_scale` dropped.
fn finish(mut mantissa: u128, mut scale: u32, negative: bool, keep_scale: u32) -> Decimal {
    while scale > keep_scale && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    // mantissa <= 2^96 - 1 and scale <= 28, so the value is representable.
    let signed = i128::try_from(mantissa).unwrap_or(i128::MAX);
    let d = Decimal::try_from_i128_with_scale(signed, scale).unwrap_or(Decimal::MAX);
    if negative {
        -d
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

    /// The rule written the slow way: try every scale from 28 down, round the exact quotient
    /// half to even at that scale, take the first that fits.
    fn reference(value: Decimal, nums: &[Decimal], dens: &[Decimal]) -> Option<Decimal> {
        let mut num = BigUint::from(value.mantissa().unsigned_abs());
        let mut den = BigUint::from(1u32);
        let mut exponent = i64::from(value.scale());
        for n in nums {
            num *= n.mantissa().unsigned_abs();
            exponent += i64::from(n.scale());
        }
        for d in dens {
            den *= d.mantissa().unsigned_abs();
            exponent -= i64::from(d.scale());
        }
        let ten = BigUint::from(10u32);
        for s in (0..=28i64).rev() {
            let (mut n, mut d) = (num.clone(), den.clone());
            let shift = s - exponent;
            if shift >= 0 {
                n *= ten.pow(shift as u32);
            } else {
                d *= ten.pow((-shift) as u32);
            }
            let (q, r) = (&n / &d, &n % &d);
            let twice = r * 2u32;
            let q = if twice > d || (twice == d && q.bit(0)) {
                q + 1u32
            } else {
                q
            };
            if let Ok(m) = u128::try_from(&q) {
                if m <= MAX_MANTISSA {
                    let neg = [value]
                        .iter()
                        .chain(nums)
                        .chain(dens)
                        .filter(|x| x.is_sign_negative())
                        .count()
                        % 2
                        == 1;
                    let v = Decimal::try_from_i128_with_scale(m as i128, s as u32).unwrap();
                    return Some(if neg { -v } else { v });
                }
            }
        }
        None
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
        #[test]
        fn one_rounding_matches_the_slow_rule(
            a in any_decimal(),
            n in proptest::collection::vec(any_decimal(), 0..3),
            d in proptest::collection::vec(any_decimal(), 0..3),
        ) {
            proptest::prop_assume!(d.iter().all(|x| !x.is_zero()));
            let fast = mul_div(a, &n, &d, 0).ok();
            let slow = if a.is_zero() || n.iter().any(|x| x.is_zero()) {
                Some(Decimal::ZERO)
            } else {
                reference(a, &n, &d)
            };
            proptest::prop_assert_eq!(fast, slow);
        }
    }
}
