//! Exact quotients of products, rounded once.
//!
//! Ratios of ratios (trade intensity, revealed comparative advantage, a share of a share) lose
//! digits when each ratio is first rounded to a `Decimal`: `(x / X) / (y / Y)` with `x / X` near
//! `1e-20` keeps only eight significant digits of it. Cross-multiplied, `(x · Y) / (X · y)`, the
//! products no longer fit a `Decimal`. Here they are formed exactly in big integers and the one
//! division is rounded half to even to the finest `Decimal` grid, under the module's contract.

use rust_decimal::Decimal;

use super::big::{from_u128, less, mul, pow10};
use super::MANTISSA_LIMIT;
use crate::error::{Error, Result};

/// The product of `numerators` divided by the product of `denominators`, computed exactly and
/// rounded once, half to even, to the finest `Decimal` grid (28 significant digits where the
/// magnitude allows, never finer than `1e-28`; see the [module's contract](super)).
///
/// Empty products are 1, so `quotient_of_products(&[a], &[b])` is `a / b` and
/// `quotient_of_products(&[a, b], &[])` is `a · b`, both correctly rounded.
///
/// # Errors
///
/// - [`Error::Undefined`] when a denominator is zero.
/// - [`Error::Overflow`] when the quotient's magnitude rounds above [`Decimal::MAX`].
///
/// # Example
///
/// ```
/// use tradestat::math::quotient_of_products;
/// use tradestat::Decimal;
///
/// // Trade intensity (x_ab / X_a) / (x_wb / X_w) = (x_ab · X_w) / (X_a · x_wb):
/// let (x_ab, x_a, x_wb, x_w) = (Decimal::from(30), Decimal::from(200), Decimal::from(50), Decimal::from(1000));
/// assert_eq!(quotient_of_products(&[x_ab, x_w], &[x_a, x_wb])?, Decimal::from(3));
///
/// // Products beyond a Decimal are no obstacle when the quotient fits:
/// let big = Decimal::MAX;
/// assert_eq!(quotient_of_products(&[big, big], &[big, big])?, Decimal::ONE);
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn quotient_of_products(numerators: &[Decimal], denominators: &[Decimal]) -> Result<Decimal> {
    let describe = || {
        let join = |xs: &[Decimal]| {
            if xs.is_empty() {
                "1".to_owned()
            } else {
                xs.iter()
                    .map(Decimal::to_string)
                    .collect::<Vec<_>>()
                    .join(" · ")
            }
        };
        format!("({}) / ({})", join(numerators), join(denominators))
    };
    if denominators.iter().any(Decimal::is_zero) {
        return Err(Error::undefined("quotient", describe(), "division by zero"));
    }
    if numerators.iter().any(Decimal::is_zero) {
        return Ok(Decimal::ZERO);
    }
    let negative = numerators
        .iter()
        .chain(denominators)
        .filter(|d| d.is_sign_negative())
        .count()
        % 2
        == 1;
    let (n, n_scale) = product(numerators);
    let (d, d_scale) = product(denominators);
    // value = n / d · 10^(d_scale - n_scale); try the finest scale first. The scales are sums
    // of at most 28 per factor, so these i64s cannot overflow for any slice that fits memory.
    let shift = d_scale - n_scale;
    let start = first_scale(&n, &d, shift);
    for scale in (0..=start).rev() {
        let e = shift + scale;
        let (num, den) = if e >= 0 {
            (
                mul(&n, &pow10(u32::try_from(e).unwrap_or(u32::MAX))),
                d.clone(),
            )
        } else {
            (
                n.clone(),
                mul(&d, &pow10(u32::try_from(-e).unwrap_or(u32::MAX))),
            )
        };
        let q = rounded_quotient(&num, &den);
        if let Some(q) = to_u128(&q).filter(|&q| q < MANTISSA_LIMIT) {
            let m = i128::try_from(q).unwrap_or(i128::MAX);
            let m = if negative { -m } else { m };
            let s = u32::try_from(scale).unwrap_or(0);
            return Decimal::try_from_i128_with_scale(m, s)
                .map(|v| v.normalize())
                .map_err(|_| Error::overflow("quotient", describe()));
        }
    }
    Err(Error::overflow("quotient", describe()))
}

/// The product of the mantissas (as a big integer) and the sum of the scales.
fn product(factors: &[Decimal]) -> (Vec<u64>, i64) {
    factors.iter().fold((vec![1], 0), |(acc, scale), f| {
        (
            mul(&acc, &from_u128(f.mantissa().unsigned_abs())),
            scale + i64::from(f.scale()),
        )
    })
}

/// The finest scale worth trying: 28, or fewer when the value's integer part needs more than
/// one digit. Estimated from bit lengths as a lower bound on the digits, so the right scale is
/// never skipped; the caller steps down from here.
fn first_scale(n: &[u64], d: &[u64], shift: i64) -> i64 {
    // n / d > 2^(bits(n) - 1 - bits(d)), and 0.30102 < log10(2).
    let bits = i64::try_from(bit_len(n)).unwrap_or(0) - 1 - i64::try_from(bit_len(d)).unwrap_or(0);
    let log10_floor = bits.saturating_mul(30102).div_euclid(100_000) + shift;
    // A value of k integer digits needs scale at most 29 - k; k >= log10_floor + 1.
    (28 - log10_floor).clamp(0, 28)
}

fn bit_len(a: &[u64]) -> u64 {
    match a.iter().rposition(|&l| l != 0) {
        Some(i) => 64 * (i as u64) + u64::from(64 - a[i].leading_zeros()),
        None => 0,
    }
}

fn to_u128(a: &[u64]) -> Option<u128> {
    match a.iter().rposition(|&l| l != 0) {
        None => Some(0),
        Some(0) => Some(u128::from(a[0])),
        Some(1) => Some(u128::from(a[0]) | (u128::from(a[1]) << 64)),
        Some(_) => None,
    }
}

/// `num / den` rounded half to even (`den` non-zero), by binary long division.
fn rounded_quotient(num: &[u64], den: &[u64]) -> Vec<u64> {
    let bits = bit_len(num);
    let mut q = vec![0u64; num.len().max(1)];
    let mut r: Vec<u64> = Vec::with_capacity(den.len() + 1);
    for i in (0..bits).rev() {
        shl1(&mut r);
        let limb = usize::try_from(i / 64).unwrap_or(usize::MAX);
        if num.get(limb).is_some_and(|l| (l >> (i % 64)) & 1 == 1) {
            if let Some(first) = r.first_mut() {
                *first |= 1;
            } else {
                r.push(1);
            }
        }
        if !less(&trimmed(&r), den) {
            sub_assign(&mut r, den);
            if let Some(slot) = q.get_mut(limb) {
                *slot |= 1 << (i % 64);
            }
        }
    }
    // Round: compare 2r with den.
    let mut twice = trimmed(&r);
    shl1(&mut twice);
    let twice = trimmed(&twice);
    let up = if less(den, &twice) {
        true
    } else if less(&twice, den) {
        false
    } else {
        q.first().is_some_and(|l| l & 1 == 1)
    };
    if up {
        add_one(&mut q);
    }
    trimmed(&q)
}

fn trimmed(a: &[u64]) -> Vec<u64> {
    let len = a.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    a[..len].to_vec()
}

fn shl1(a: &mut Vec<u64>) {
    let mut carry = 0u64;
    for limb in a.iter_mut() {
        let next = *limb >> 63;
        *limb = (*limb << 1) | carry;
        carry = next;
    }
    if carry != 0 {
        a.push(carry);
    }
}

/// `a -= b`, for `a >= b`.
fn sub_assign(a: &mut [u64], b: &[u64]) {
    let mut borrow = false;
    for (i, limb) in a.iter_mut().enumerate() {
        let bi = b.get(i).copied().unwrap_or(0);
        let (d1, o1) = limb.overflowing_sub(bi);
        let (d2, o2) = d1.overflowing_sub(u64::from(borrow));
        *limb = d2;
        borrow = o1 || o2;
    }
}

fn add_one(a: &mut Vec<u64>) {
    for limb in a.iter_mut() {
        let (v, overflow) = limb.overflowing_add(1);
        *limb = v;
        if !overflow {
            return;
        }
    }
    a.push(1);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn plain_quotients_match_decimal_division() {
        for (a, b) in [
            ("2", "3"),
            ("1", "7"),
            ("-10", "4"),
            ("6.3", "1.33"),
            ("1e0", "3"),
        ]
        .iter()
        .filter_map(|(a, b)| {
            Some((
                Decimal::from_str_exact(a).ok()?,
                Decimal::from_str_exact(b).ok()?,
            ))
        }) {
            // rust_decimal's own division is correctly rounded half to even on the same grid.
            assert_eq!(
                quotient_of_products(&[a], &[b]).unwrap(),
                a / b,
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn ratios_far_from_one_keep_their_digits() {
        // (1e-20 / 3) / (1e-20 / 7) = 7/3 exactly, where the rounded inner ratios give 2.333333333.
        let tiny = d("0.00000000000000000001");
        let q = quotient_of_products(&[tiny, d("7")], &[d("3"), tiny]).unwrap();
        assert_eq!(q, d("2.3333333333333333333333333333"));
        let naive = (tiny / d("3")) / (tiny / d("7"));
        assert_ne!(naive, q);
    }

    #[test]
    fn products_beyond_decimal() {
        let max = Decimal::MAX;
        assert_eq!(
            quotient_of_products(&[max, max], &[max, max]).unwrap(),
            Decimal::ONE
        );
        assert_eq!(
            quotient_of_products(&[max, d("0.5")], &[max]).unwrap(),
            d("0.5")
        );
        assert!(quotient_of_products(&[max, d("2")], &[])
            .unwrap_err()
            .is_overflow());
        // 1e-28 · 1e-28 underflows to zero (below half a unit of the 1e-28 grid).
        let e = d("0.0000000000000000000000000001");
        assert_eq!(quotient_of_products(&[e, e], &[]).unwrap(), Decimal::ZERO);
    }

    #[test]
    fn ties_round_to_even_and_signs_combine() {
        // 5e-28 / 10 is exactly half of 1e-28: to even, 0. 15e-28 / 10 -> 2e-28.
        assert_eq!(
            quotient_of_products(&[d("0.0000000000000000000000000005")], &[d("10")]).unwrap(),
            Decimal::ZERO
        );
        assert_eq!(
            quotient_of_products(&[d("0.0000000000000000000000000015")], &[d("10")]).unwrap(),
            d("0.0000000000000000000000000002")
        );
        assert_eq!(
            quotient_of_products(&[d("-3")], &[d("-4"), d("-1")]).unwrap(),
            d("-0.75")
        );
        assert!(quotient_of_products(&[d("1")], &[Decimal::ZERO]).is_err());
        assert_eq!(
            quotient_of_products(&[Decimal::ZERO], &[d("3")]).unwrap(),
            Decimal::ZERO
        );
    }

    #[test]
    fn large_integer_results_use_coarser_scales() {
        // 79228162514264337593543950335 at scale 0. Half of it, 39614081257132168796771975167.5,
        // needs 30 digits: at scale 0 the tie goes to the even 39614081257132168796771975168.
        assert_eq!(
            quotient_of_products(&[Decimal::MAX], &[]).unwrap(),
            Decimal::MAX
        );
        assert_eq!(
            quotient_of_products(&[Decimal::MAX], &[d("2")]).unwrap(),
            d("39614081257132168796771975168")
        );
    }
}
