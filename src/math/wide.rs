//! Internal wide arithmetic for [`crate::math`]: a binary floating-point type with a 128-bit
//! mantissa ([`Float`], about 38.5 significant decimal digits) and a few helpers on 256-bit
//! integers held as four little-endian `u64` limbs.
//!
//! Every operation truncates towards zero, so each one has a relative error below 2^-127; the
//! error analyses in `math/mod.rs` count these operations.

/// `(-1)^neg · man · 2^exp`, with `man` in `[2^127, 2^128)`, or zero when `man == 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Float {
    pub(crate) neg: bool,
    pub(crate) exp: i32,
    pub(crate) man: u128,
}

const TOP: u128 = 1 << 127;
const LOW64: u128 = (1 << 64) - 1;

/// The full 256-bit product of two `u128`, as `(high, low)` halves.
pub(crate) const fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & LOW64);
    let (b1, b0) = (b >> 64, b & LOW64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 & LOW64) + (p10 & LOW64);
    let lo = (p00 & LOW64) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (hi, lo)
}

impl Float {
    pub(crate) const ZERO: Float = Float {
        neg: false,
        exp: 0,
        man: 0,
    };
    pub(crate) const ONE: Float = Float {
        neg: false,
        exp: -127,
        man: TOP,
    };
    /// ln 2, rounded down to 128 bits.
    pub(crate) const LN2: Float = Float {
        neg: false,
        exp: -128,
        man: 0xb172_17f7_d1cf_79ab_c9e3_b398_03f2_f6af,
    };
    /// 1 / ln 10, rounded down to 128 bits.
    pub(crate) const INV_LN10: Float = Float {
        neg: false,
        exp: -129,
        man: 0xde5b_d8a9_3728_7195_355b_aaaf_ad33_dc32,
    };

    /// The exact value of an unsigned integer.
    pub(crate) const fn from_u128(v: u128) -> Float {
        if v == 0 {
            return Float::ZERO;
        }
        let lz = v.leading_zeros();
        Float {
            neg: false,
            // lz <= 127: lossless.
            exp: -(lz as i32),
            man: v << lz,
        }
    }

    /// The exact value of a signed integer.
    pub(crate) const fn from_i128(v: i128) -> Float {
        let mut f = Float::from_u128(v.unsigned_abs());
        f.neg = v < 0 && f.man != 0;
        f
    }

    /// The exact value of a finite `f64` (zero for NaN and infinities, which callers never pass).
    pub(crate) fn from_f64(v: f64) -> Float {
        if !v.is_finite() || v == 0.0 {
            return Float::ZERO;
        }
        let bits = v.to_bits();
        let neg = bits >> 63 == 1;
        let biased = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
        let frac = u128::from(bits & ((1 << 52) - 1));
        let (man, e) = if biased == 0 {
            (frac, -1074)
        } else {
            (frac | (1 << 52), biased - 1075)
        };
        let mut f = Float::from_u128(man);
        f.exp += e;
        f.neg = neg;
        f
    }

    /// The nearest `f64` (about; used for seeds and range checks only).
    pub(crate) fn to_f64(self) -> f64 {
        if self.man == 0 {
            return 0.0;
        }
        // The top 64 bits carry more than f64's 53; the u64 -> f64 conversion rounds.
        let top = u64::try_from(self.man >> 64).unwrap_or(u64::MAX);
        #[allow(clippy::cast_precision_loss)]
        let m = top as f64;
        let e = self.exp.saturating_add(64);
        // Split the scaling so that neither factor overflows or underflows on its own.
        let half = e / 2;
        let v = m * 2f64.powi(half) * 2f64.powi(e - half);
        if self.neg {
            -v
        } else {
            v
        }
    }

    pub(crate) const fn is_zero(self) -> bool {
        self.man == 0
    }

    pub(crate) const fn neg(self) -> Float {
        Float {
            neg: !self.neg && self.man != 0,
            ..self
        }
    }

    pub(crate) const fn abs(self) -> Float {
        Float { neg: false, ..self }
    }

    /// `self · 2^k`, exact.
    pub(crate) const fn mul_pow2(self, k: i32) -> Float {
        if self.man == 0 {
            return self;
        }
        Float {
            exp: self.exp + k,
            ..self
        }
    }

    /// The binary exponent of the leading bit: `|self|` is in `[2^e, 2^(e+1))`.
    pub(crate) const fn magnitude(self) -> i32 {
        self.exp + 127
    }

    pub(crate) const fn mul(self, o: Float) -> Float {
        if self.man == 0 || o.man == 0 {
            return Float::ZERO;
        }
        let (hi, lo) = mul_wide(self.man, o.man);
        let (man, exp) = if hi >> 127 == 1 {
            (hi, self.exp + o.exp + 128)
        } else {
            ((hi << 1) | (lo >> 127), self.exp + o.exp + 127)
        };
        Float {
            neg: self.neg != o.neg,
            exp,
            man,
        }
    }

    pub(crate) const fn add(self, o: Float) -> Float {
        if o.man == 0 {
            return self;
        }
        if self.man == 0 {
            return o;
        }
        let (a, b) = if self.exp > o.exp || (self.exp == o.exp && self.man >= o.man) {
            (self, o)
        } else {
            (o, self)
        };
        // a.exp >= b.exp here, so the difference is non-negative.
        let shift = (a.exp - b.exp) as u32;
        let bm = if shift >= 128 { 0 } else { b.man >> shift };
        if a.neg == b.neg {
            let (s, carry) = a.man.overflowing_add(bm);
            if carry {
                Float {
                    neg: a.neg,
                    exp: a.exp + 1,
                    man: (s >> 1) | TOP,
                }
            } else {
                Float {
                    neg: a.neg,
                    exp: a.exp,
                    man: s,
                }
            }
        } else {
            // |a| >= |b|, so no borrow.
            let d = a.man - bm;
            if d == 0 {
                return Float::ZERO;
            }
            let lz = d.leading_zeros();
            Float {
                neg: a.neg,
                exp: a.exp - lz as i32,
                man: d << lz,
            }
        }
    }

    pub(crate) const fn sub(self, o: Float) -> Float {
        self.add(o.neg())
    }

    /// `self / k` for a small positive integer `k`.
    pub(crate) const fn div_small(self, k: u64) -> Float {
        if self.man == 0 || k == 0 {
            return Float::ZERO;
        }
        let k = k as u128;
        let q_hi = self.man / k;
        let r = self.man % k;
        // r < k <= 2^64, so the shift cannot overflow; the quotient fits 64 bits.
        let q_lo = (r << 64) / k;
        let lz = q_hi.leading_zeros();
        // q_hi >= 2^63 because k < 2^64, so lz <= 64.
        let man = if lz == 0 {
            q_hi
        } else {
            (q_hi << lz) | (q_lo >> (64 - lz))
        };
        Float {
            neg: self.neg,
            exp: self.exp - lz as i32,
            man,
        }
    }

    /// `1 / self`: an `f64` seed and two Newton steps (53 -> 106 -> ~126 bits).
    pub(crate) fn recip(self) -> Float {
        if self.man == 0 {
            return Float::ZERO;
        }
        // Scale into [1, 2) so the f64 seed cannot overflow, then scale back.
        let e = self.magnitude();
        let a = self.mul_pow2(-e);
        let mut y = Float::from_f64(1.0 / a.to_f64());
        let two = Float::ONE.mul_pow2(1);
        for _ in 0..2 {
            y = y.mul(two.sub(a.mul(y)));
        }
        y.mul_pow2(-e)
    }

    /// `self^n` by binary powering; relative error below about `2n · 2^-127`.
    pub(crate) fn powu(self, mut n: u64) -> Float {
        let mut result = Float::ONE;
        let mut base = self;
        while n > 0 {
            if n & 1 == 1 {
                result = result.mul(base);
            }
            n >>= 1;
            if n > 0 {
                base = base.mul(base);
            }
        }
        result
    }
}

/// `10^k` for `k` in `0..=38`.
pub(crate) const fn pow10_u128(k: u32) -> u128 {
    let mut p: u128 = 1;
    let mut i = 0;
    while i < k {
        p *= 10;
        i += 1;
    }
    p
}

/// `10^-s` as [`Float`]s for `s` in `0..=28`.
pub(crate) const POW10_INV: [Float; 29] = {
    let mut t = [Float::ONE; 29];
    let mut s = 1;
    while s < 29 {
        t[s] = if s <= 19 {
            Float::ONE.div_small(pow10_u128(s as u32) as u64)
        } else {
            Float::ONE
                .div_small(pow10_u128(19) as u64)
                .div_small(pow10_u128(s as u32 - 19) as u64)
        };
        s += 1;
    }
    t
};

/// `1/k!` for `k` in `0..=16`.
pub(crate) const INV_FACT: [Float; 17] = {
    let mut t = [Float::ONE; 17];
    let mut k = 1;
    while k < 17 {
        t[k] = t[k - 1].div_small(k as u64);
        k += 1;
    }
    t
};

/// `1/(2j+1)` for `j` in `0..=12`.
pub(crate) const INV_ODD: [Float; 13] = {
    let mut t = [Float::ONE; 13];
    let mut j = 1;
    while j < 13 {
        t[j] = Float::ONE.div_small(2 * j as u64 + 1);
        j += 1;
    }
    t
};

/// A 256-bit unsigned integer, little-endian limbs.
pub(crate) type U256 = [u64; 4];

/// `a · b`, or `None` if the product needs more than 256 bits.
pub(crate) fn mul_u256(a: &U256, b: &U256) -> Option<U256> {
    let mut r = [0u64; 8];
    for (i, &ai) in a.iter().enumerate() {
        let mut carry: u128 = 0;
        for (j, &bj) in b.iter().enumerate() {
            let slot = r.get_mut(i + j)?;
            let t = u128::from(ai) * u128::from(bj) + u128::from(*slot) + carry;
            // Keep the low limb; the high part moves on as carry.
            *slot = t as u64;
            carry = t >> 64;
        }
        *r.get_mut(i + 4)? = u64::try_from(carry).ok()?;
    }
    let [r0, r1, r2, r3, r4, r5, r6, r7] = r;
    if r4 | r5 | r6 | r7 != 0 {
        return None;
    }
    Some([r0, r1, r2, r3])
}

/// `(a / d, a % d)` for a non-zero `d`.
pub(crate) fn divrem_u64(a: &U256, d: u64) -> (U256, u64) {
    let d = u128::from(d.max(1));
    let mut q = [0u64; 4];
    let mut rem: u128 = 0;
    for (qi, &ai) in q.iter_mut().rev().zip(a.iter().rev()) {
        let cur = (rem << 64) | u128::from(ai);
        // cur < d · 2^64, so the quotient fits one limb.
        *qi = (cur / d) as u64;
        rem = cur % d;
    }
    (q, u64::try_from(rem).unwrap_or(0))
}

/// The value of `a` if it fits in a `u128`.
pub(crate) fn u256_to_u128(a: &U256) -> Option<u128> {
    let [a0, a1, a2, a3] = *a;
    if a2 | a3 != 0 {
        return None;
    }
    Some((u128::from(a1) << 64) | u128::from(a0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_basics() {
        let three = Float::from_u128(3);
        let x = Float::ONE.div_small(3).mul(three);
        assert!((x.to_f64() - 1.0).abs() < 1e-15);
        assert_eq!(Float::from_f64(0.75).to_f64(), 0.75);
        assert_eq!(Float::from_f64(-6.5).to_f64(), -6.5);
        let r = Float::from_u128(7).recip().mul(Float::from_u128(7));
        assert!(Float::ONE.sub(r).abs().magnitude() < -124);
        assert_eq!(Float::from_u128(3).powu(4).to_f64(), 81.0);
        assert!((POW10_INV[28].to_f64() - 1e-28).abs() < 1e-40);
        assert!((Float::LN2.to_f64() - std::f64::consts::LN_2).abs() < 1e-16);
    }

    #[test]
    fn u256_ops() {
        let a = [u64::MAX, 0, 0, 0];
        let sq = mul_u256(&a, &a);
        assert_eq!(sq, Some([1, u64::MAX - 1, 0, 0]));
        assert_eq!(mul_u256(&[0, 0, 1, 0], &[0, 0, 1, 0]), None);
        let (q, r) = divrem_u64(&[7, 1, 0, 0], 10);
        assert_eq!(u256_to_u128(&q), Some(((1u128 << 64) + 7) / 10));
        assert_eq!(r, u64::try_from(((1u128 << 64) + 7) % 10).unwrap_or(99));
    }
}
