//! ExactDecimal quotients of products, rounded once.
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
    let product = |xs: &[Decimal]| {
        xs.iter().fold(ExactDecimal::from(Decimal::ONE), |acc, &x| {
            acc.mul(&ExactDecimal::from(x))
        })
    };
    product(numerators)
        .div(&product(denominators))
        .map_err(|e| e.into_error("quotient", describe()))
}

/// The product of `numerators` divided by the product of `denominators`, computed exactly and
/// rounded once, half to even, to at most `digits` significant digits (and never finer than
/// `1e-28`, the finest `Decimal` grid). This is the rounding rule of a figure published "to 28
/// significant digits": [`quotient_of_products`] keeps a 29th digit where the mantissa holds it.
///
/// # Errors
///
/// [`Error::OutOfRange`] when `digits` is not between 1 and 28; otherwise as
/// [`quotient_of_products`].
///
/// # Example
///
/// ```
/// use tradestat::math::{quotient_of_products, quotient_to_significant};
/// use tradestat::Decimal;
///
/// let (a, b) = (Decimal::from(2), Decimal::from(3));
/// assert_eq!(quotient_of_products(&[a], &[b])?.to_string(), "0.6666666666666666666666666667");
/// // 10/3 has 29 digits on the finest grid; at 28 significant digits the last is dropped.
/// let q = quotient_to_significant(&[Decimal::from(10)], &[b], 28)?;
/// assert_eq!(q.to_string(), "3.333333333333333333333333333");
/// assert_eq!(quotient_to_significant(&[a], &[b], 3)?.to_string(), "0.667");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn quotient_to_significant(
    numerators: &[Decimal],
    denominators: &[Decimal],
    digits: u32,
) -> Result<Decimal> {
    if !(1..=28).contains(&digits) {
        return Err(Error::OutOfRange {
            what: "significant digits",
            value: digits.to_string(),
            allowed: "between 1 and 28",
        });
    }
    let product = |xs: &[Decimal]| {
        xs.iter().fold(ExactDecimal::from(Decimal::ONE), |acc, &x| {
            acc.mul(&ExactDecimal::from(x))
        })
    };
    let limit = 10u128.pow(digits);
    product(numerators)
        .div_below(&product(denominators), limit)
        .map_err(|e| e.into_error("quotient", format!("{numerators:?} / {denominators:?}")))
}

/// An exact signed decimal of any size, `±magnitude · 10^-scale`, for formulas that must round
/// only once: sums, differences and products are exact; [`ExactDecimal::div`] rounds.
#[derive(Clone, Debug)]
pub(crate) struct ExactDecimal {
    /// Little-endian `u64` limbs, no trailing zero limbs (zero is empty).
    magnitude: Vec<u64>,
    scale: u32,
    negative: bool,
}

/// Why an exact division gave no `Decimal`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DivError {
    /// The divisor is zero.
    ByZero,
    /// The quotient's magnitude rounds above `Decimal::MAX`.
    Overflow,
}

impl DivError {
    /// The crate error for `operation` on the described operands.
    pub(crate) fn into_error(self, operation: &'static str, operands: String) -> Error {
        match self {
            DivError::ByZero => Error::undefined(operation, operands, "division by zero"),
            DivError::Overflow => Error::overflow(operation, operands),
        }
    }
}

impl From<Decimal> for ExactDecimal {
    fn from(d: Decimal) -> ExactDecimal {
        ExactDecimal {
            magnitude: from_u128(d.mantissa().unsigned_abs()),
            scale: d.scale(),
            negative: d.is_sign_negative() && !d.is_zero(),
        }
    }
}

impl ExactDecimal {
    /// Zero.
    pub(crate) fn zero() -> ExactDecimal {
        ExactDecimal {
            magnitude: Vec::new(),
            scale: 0,
            negative: false,
        }
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.magnitude.is_empty()
    }

    /// Below zero.
    pub(crate) fn is_negative(&self) -> bool {
        self.negative
    }

    pub(crate) fn abs(&self) -> ExactDecimal {
        ExactDecimal {
            negative: false,
            ..self.clone()
        }
    }

    pub(crate) fn neg(&self) -> ExactDecimal {
        ExactDecimal {
            negative: !self.negative && !self.is_zero(),
            ..self.clone()
        }
    }

    pub(crate) fn mul(&self, other: &ExactDecimal) -> ExactDecimal {
        let magnitude = mul(&self.magnitude, &other.magnitude);
        ExactDecimal {
            negative: (self.negative != other.negative) && !magnitude.is_empty(),
            magnitude,
            scale: self.scale + other.scale,
        }
    }

    pub(crate) fn add(&self, other: &ExactDecimal) -> ExactDecimal {
        let scale = self.scale.max(other.scale);
        let (a, b) = (self.magnitude_at(scale), other.magnitude_at(scale));
        let (magnitude, negative) = if self.negative == other.negative {
            (add(&a, &b), self.negative)
        } else if less(&a, &b) {
            (sub(&b, &a), other.negative)
        } else {
            (sub(&a, &b), self.negative)
        };
        ExactDecimal {
            negative: negative && !magnitude.is_empty(),
            magnitude,
            scale,
        }
    }

    pub(crate) fn sub(&self, other: &ExactDecimal) -> ExactDecimal {
        self.add(&other.neg())
    }

    /// `self > other`; without a subtraction when both are non-negative at one scale.
    pub(crate) fn greater_than(&self, other: &ExactDecimal) -> bool {
        if !self.negative && !other.negative && self.scale == other.scale {
            // Magnitudes hold no trailing zero limbs, so `less` compares them as numbers.
            return less(&other.magnitude, &self.magnitude);
        }
        other.sub(self).is_negative()
    }

    /// The value as a `Decimal` when one holds it exactly, else `None` (never rounded): for sums
    /// whose partial sums may not fit but whose total might.
    pub(crate) fn exact_decimal(&self) -> Option<Decimal> {
        let rounded = self.to_decimal().ok()?;
        ExactDecimal::from(rounded)
            .sub(self)
            .is_zero()
            .then_some(rounded)
    }

    /// The value rounded once, half to even, to the finest `Decimal` grid.
    pub(crate) fn to_decimal(&self) -> std::result::Result<Decimal, DivError> {
        // A value a `Decimal` holds as it is needs no division (the same value, normalized, as
        // the division gives).
        if let Some(m) = to_u128(&self.magnitude).filter(|&m| m < MANTISSA_LIMIT) {
            if let (Ok(m), true) = (i128::try_from(m), self.scale <= 28) {
                let m = if self.negative { -m } else { m };
                if let Ok(d) = Decimal::try_from_i128_with_scale(m, self.scale) {
                    return Ok(d.normalize());
                }
            }
        }
        self.div(&ExactDecimal::from(Decimal::ONE))
    }

    /// `self / divisor`, rounded once, half to even, to the finest `Decimal` grid.
    pub(crate) fn div(&self, divisor: &ExactDecimal) -> std::result::Result<Decimal, DivError> {
        self.div_below(divisor, MANTISSA_LIMIT)
    }

    /// `self / divisor`, rounded once, half to even, at the finest scale (at most 28) whose
    /// mantissa is below `limit` (`10^k` for `k` significant digits; at most `2^96`).
    fn div_below(
        &self,
        divisor: &ExactDecimal,
        limit: u128,
    ) -> std::result::Result<Decimal, DivError> {
        if divisor.is_zero() {
            return Err(DivError::ByZero);
        }
        if self.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let negative = self.negative != divisor.negative;
        let (n, d) = (&self.magnitude, &divisor.magnitude);
        // value = n / d · 10^shift; try the finest scale first.
        let shift = i64::from(divisor.scale) - i64::from(self.scale);
        let start = first_scale(n, d, shift);
        // Below scale 0 (only when fewer digits than a `Decimal` holds are asked for): the
        // quotient rounded to tens, hundreds..., written back as an integer.
        let lowest = if limit < MANTISSA_LIMIT { -29 } else { 0 };
        for scale in (lowest..=start).rev() {
            let e = shift + scale;
            let power = pow10(u32::try_from(e.unsigned_abs()).unwrap_or(u32::MAX));
            let q = if e >= 0 {
                rounded_quotient(&mul(n, &power), d)
            } else {
                rounded_quotient(n, &mul(d, &power))
            };
            if let Some(q) = to_u128(&q).filter(|&q| q < limit.min(MANTISSA_LIMIT)) {
                let (q, s) = match u32::try_from(scale) {
                    Ok(s) => (q, s),
                    Err(_) => {
                        let zeros = 10u128.pow(u32::try_from(-scale).unwrap_or(u32::MAX).min(29));
                        let m = q
                            .checked_mul(zeros)
                            .filter(|&m| m < MANTISSA_LIMIT)
                            .ok_or(DivError::Overflow)?;
                        (m, 0)
                    }
                };
                let m = i128::try_from(q).map_err(|_| DivError::Overflow)?;
                return Decimal::try_from_i128_with_scale(if negative { -m } else { m }, s)
                    .map(|v| v.normalize())
                    .map_err(|_| DivError::Overflow);
            }
        }
        Err(DivError::Overflow)
    }

    /// The magnitude as an integer at `scale` (>= self.scale).
    fn magnitude_at(&self, scale: u32) -> std::borrow::Cow<'_, [u64]> {
        if scale == self.scale {
            std::borrow::Cow::Borrowed(&self.magnitude)
        } else {
            std::borrow::Cow::Owned(mul(&self.magnitude, &pow10(scale - self.scale)))
        }
    }
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

/// `num / den` rounded half to even (`den` non-zero), by long division in 64-bit limbs (Knuth's
/// algorithm D; a one-limb divisor by short division).
fn rounded_quotient(num: &[u64], den: &[u64]) -> Vec<u64> {
    let (num, den) = (trim_slice(num), trim_slice(den));
    // Both results below are trimmed remainders.
    let (mut q, mut twice) = if less(num, den) {
        (Vec::new(), num.to_vec())
    } else if den.len() == 1 {
        short_division(num, den[0])
    } else {
        long_division(num, den)
    };
    // Round: compare 2r with den.
    shl1(&mut twice);
    let up = match (less(den, &twice), less(&twice, den)) {
        (true, _) => true,
        (_, true) => false,
        _ => q.first().is_some_and(|l| l & 1 == 1),
    };
    if up {
        q = add(&q, &[1]);
    }
    while q.last() == Some(&0) {
        q.pop();
    }
    q
}

/// `a` without its trailing zero limbs, in place.
fn trim_in_place(mut a: Vec<u64>) -> Vec<u64> {
    while a.last() == Some(&0) {
        a.pop();
    }
    a
}

/// `a` without its trailing zero limbs.
fn trim_slice(a: &[u64]) -> &[u64] {
    let len = a.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    &a[..len]
}

/// Quotient and remainder of `num` by a one-limb divisor `d` (non-zero).
fn short_division(num: &[u64], d: u64) -> (Vec<u64>, Vec<u64>) {
    let mut q = vec![0u64; num.len()];
    let mut rem: u128 = 0;
    let d = u128::from(d);
    for (slot, &limb) in q.iter_mut().zip(num).rev() {
        let cur = (rem << 64) | u128::from(limb);
        // cur < d · 2^64, so the quotient digit fits a limb.
        *slot = (cur / d) as u64;
        rem = cur % d;
    }
    (q, from_u128(rem))
}

/// Quotient and remainder of `num` by `den` (trimmed, at least two limbs, `num >= den`):
/// Knuth, TAOCP vol. 2, 4.3.1, algorithm D.
fn long_division(num: &[u64], den: &[u64]) -> (Vec<u64>, Vec<u64>) {
    const BASE: u128 = 1 << 64;
    let n = den.len();
    let m = num.len() - n;
    let shift = den[n - 1].leading_zeros();
    let shifted = |a: &[u64], extra: usize| -> Vec<u64> {
        let mut out = vec![0u64; a.len() + extra];
        for (i, &limb) in a.iter().enumerate() {
            out[i] |= limb << shift;
            if shift > 0 {
                out[i + 1] |= limb >> (64 - shift);
            }
        }
        out
    };
    let v = shifted(den, 1);
    let v = &v[..n];
    let mut u = shifted(num, 1);
    let mut q = vec![0u64; m + 1];
    let (v1, v2) = (u128::from(v[n - 1]), u128::from(v[n - 2]));
    for j in (0..=m).rev() {
        let top = (u128::from(u[j + n]) << 64) | u128::from(u[j + n - 1]);
        let mut qhat = top / v1;
        let mut rhat = top % v1;
        while qhat >= BASE || qhat * v2 > ((rhat << 64) | u128::from(u[j + n - 2])) {
            qhat -= 1;
            rhat += v1;
            if rhat >= BASE {
                break;
            }
        }
        // u[j..=j+n] -= qhat · v
        let mut carry: u128 = 0;
        let mut borrow = false;
        for i in 0..n {
            let p = qhat * u128::from(v[i]) + carry;
            carry = p >> 64;
            let (t1, b1) = u[i + j].overflowing_sub(p as u64);
            let (t2, b2) = t1.overflowing_sub(u64::from(borrow));
            u[i + j] = t2;
            borrow = b1 || b2;
        }
        let (t1, b1) = u[j + n].overflowing_sub(carry as u64);
        let (t2, b2) = t1.overflowing_sub(u64::from(borrow));
        u[j + n] = t2;
        if b1 || b2 {
            // qhat was one too large: add v back.
            qhat -= 1;
            let mut c: u128 = 0;
            for i in 0..n {
                let sum = u128::from(u[i + j]) + u128::from(v[i]) + c;
                u[i + j] = sum as u64;
                c = sum >> 64;
            }
            u[j + n] = u[j + n].wrapping_add(c as u64);
        }
        q[j] = qhat as u64;
    }
    // The remainder is u[..n] shifted back.
    let mut r = vec![0u64; n];
    for i in 0..n {
        r[i] = if shift == 0 {
            u[i]
        } else {
            (u[i] >> shift) | (u[i + 1] << (64 - shift))
        };
    }
    (q, trimmed(&r))
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

fn add(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len().max(b.len()) + 1);
    let mut carry = false;
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        let (s1, o1) = x.overflowing_add(y);
        let (s2, o2) = s1.overflowing_add(u64::from(carry));
        out.push(s2);
        carry = o1 || o2;
    }
    if carry {
        out.push(1);
    }
    trim_in_place(out)
}

/// `a - b`, for `a >= b`.
fn sub(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = false;
    for (i, &x) in a.iter().enumerate() {
        let y = b.get(i).copied().unwrap_or(0);
        let (d1, o1) = x.overflowing_sub(y);
        let (d2, o2) = d1.overflowing_sub(u64::from(borrow));
        out.push(d2);
        borrow = o1 || o2;
    }
    trim_in_place(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The former binary long division, one bit at a time: the reference for the limb division.
    fn reference_quotient(num: &[u64], den: &[u64]) -> Vec<u64> {
        let den = trimmed(den);
        let bits = bit_len(num);
        let mut q = vec![0u64; num.len().max(1)];
        let mut r: Vec<u64> = Vec::new();
        for i in (0..bits).rev() {
            shl1(&mut r);
            let limb = usize::try_from(i / 64).unwrap();
            if (num[limb] >> (i % 64)) & 1 == 1 {
                if let Some(first) = r.first_mut() {
                    *first |= 1;
                } else {
                    r.push(1);
                }
            }
            if !less(&trimmed(&r), &den) {
                r = sub(&r, &den);
                q[limb] |= 1 << (i % 64);
            }
        }
        let mut twice = trimmed(&r);
        shl1(&mut twice);
        let up = match (less(&den, &twice), less(&twice, &den)) {
            (true, _) => true,
            (_, true) => false,
            _ => q.first().is_some_and(|l| l & 1 == 1),
        };
        if up {
            q = add(&q, &[1]);
        }
        trimmed(&q)
    }

    /// Limbs with many all-ones and all-zeros, where the quotient digit estimates go wrong.
    fn limbs(max: usize) -> impl Strategy<Value = Vec<u64>> {
        prop::collection::vec(
            prop_oneof![
                Just(0u64),
                Just(u64::MAX),
                Just(1u64 << 63),
                any::<u64>(),
                0u64..1000
            ],
            1..=max,
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        #[test]
        fn limb_division_is_the_bitwise_division(num in limbs(6), den in limbs(4)) {
            prop_assume!(!trimmed(&den).is_empty());
            prop_assert_eq!(rounded_quotient(&num, &den), reference_quotient(&num, &den));
        }
    }

    proptest! {
        #[test]
        fn greater_than_is_the_sign_of_the_difference(
            a in any::<i64>(), b in any::<i64>(), sa in 0u32..6, sb in 0u32..6
        ) {
            let (x, y) = (ExactDecimal::from(Decimal::new(a, sa)), ExactDecimal::from(Decimal::new(b, sb)));
            prop_assert_eq!(x.greater_than(&y), y.sub(&x).is_negative());
            prop_assert_eq!(x.greater_than(&y), Decimal::new(a, sa) > Decimal::new(b, sb));
        }
    }

    #[test]
    fn limb_division_known_cases() {
        // (2^128 - 1) / (2^64 + 1) = 2^64 - 1 exactly; 7 / 2 = 3.5 -> 4 (even); 5 / 2 -> 2.
        assert_eq!(
            rounded_quotient(&[u64::MAX, u64::MAX], &[1, 1]),
            vec![u64::MAX]
        );
        assert_eq!(rounded_quotient(&[7], &[2]), vec![4]);
        assert_eq!(rounded_quotient(&[5], &[2]), vec![2]);
        // Knuth's add-back case: u = 2^128 · (2^63), v = 2^64 · (2^63) + 1 style operands.
        for (num, den) in [
            (vec![0, 0, 1 << 63], vec![1, 1 << 63]),
            (
                vec![u64::MAX, u64::MAX, u64::MAX - 1],
                vec![u64::MAX, u64::MAX],
            ),
            (vec![0, u64::MAX - 1, 1 << 63, 1], vec![u64::MAX, 1 << 63]),
        ] {
            assert_eq!(rounded_quotient(&num, &den), reference_quotient(&num, &den));
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn e(s: &str) -> ExactDecimal {
        ExactDecimal::from(d(s))
    }

    #[test]
    fn exact_sums_and_differences() {
        // 0.1 + 0.2 - 0.3 is exactly zero; 1e-28 + 7.9e28 keeps both ends until divided.
        let z = e("0.1").add(&e("0.2")).sub(&e("0.3"));
        assert!(z.is_zero());
        let wide = e("0.0000000000000000000000000001").add(&ExactDecimal::from(Decimal::MAX));
        assert_eq!(
            wide.sub(&ExactDecimal::from(Decimal::MAX))
                .to_decimal()
                .unwrap(),
            d("0.0000000000000000000000000001")
        );
        assert_eq!(e("-2.5").mul(&e("4")).to_decimal().unwrap(), d("-10"));
        assert_eq!(e("3").sub(&e("5")).abs().to_decimal().unwrap(), d("2"));
        assert_eq!(e("1").div(&ExactDecimal::zero()), Err(DivError::ByZero));
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
