//! Student's t distribution in the wide float: the upper tail `P(T > t)` and its inverse.
//!
//! # Method
//!
//! For `ν` degrees of freedom, `P(T > t) = I_x(ν/2, 1/2) / 2` for `t >= 0`, with `I` the
//! regularized incomplete beta function and `x = ν / (ν + t²)`. For a whole `ν` that function has
//! closed forms (Abramowitz and Stegun 26.5.16 and 26.7.3-4), written here with `y = 1 - x`,
//! `c_k = (2k choose k) / 4^k` and `d_k = (2·4···2k) / (1·3···(2k+1))`:
//!
//! - even `ν`: `I = 1 - √y Σ_{k < ν/2} c_k x^k = √y Σ_{k >= ν/2} c_k x^k`;
//! - odd `ν`: `I = 1 - (2/π) (atan(t/√ν) + √(xy) Σ_{k < (ν-1)/2} d_k x^k)
//!   = (2/π) √(xy) Σ_{k >= (ν-1)/2} d_k x^k`.
//!
//! The two forms of each are equal because `Σ c_k x^k = 1/√y` and `Σ d_k x^k = asin(√x)/√(xy)`.
//! For `x > 1/2` (`|t| < √ν`) the finite sums are used (then `I >= 0.3`, so `1 - ...` loses no
//! digits); otherwise the tail series, whose terms fall by at least half each step, so a small
//! tail probability keeps its relative accuracy. Every term is positive.
//!
//! # Accuracy
//!
//! Each float operation has a relative error below `2^-127`; a tail takes at most `ν + 140`
//! steps of positive terms, so its relative error is below `(ν + 200) · 2^-126` (under `1e-33`
//! for `ν` up to a million): far inside the 28 digits a probability is rounded to. The quantile
//! is found by Newton steps on the tail from the left of the root, safeguarded by a bracket and
//! bisection, until a step changes `t` by less than `2^-110` of itself.

use super::root_float;
use super::wide::Float;

/// π, rounded down to 128 bits.
const PI: Float = Float {
    neg: false,
    exp: -126,
    man: 0xc90f_daa2_2168_c234_c4c6_628b_80dc_1cd1,
};

fn sqrt(x: Float) -> Float {
    if x.is_zero() {
        Float::ZERO
    } else {
        root_float(x, 2)
    }
}

fn from_u64(v: u64) -> Float {
    Float::from_u128(u128::from(v))
}

/// `a / b` for `b > 0`.
fn div(a: Float, b: Float) -> Float {
    a.mul(b.recip())
}

/// `atan(z)` for `0 <= z <= 1`: four halvings `atan z = 2 atan(z / (1 + √(1 + z²)))` bring `z`
/// below `tan(π/64) < 0.05`, then the alternating series.
fn atan(z: Float) -> Float {
    let mut z = z;
    for _ in 0..4 {
        z = div(z, Float::ONE.add(sqrt(Float::ONE.add(z.mul(z)))));
    }
    let z2 = z.mul(z);
    let mut power = z;
    let mut sum = Float::ZERO;
    for k in 0..40u64 {
        let term = power.div_small(2 * k + 1);
        sum = if k % 2 == 0 {
            sum.add(term)
        } else {
            sum.sub(term)
        };
        power = power.mul(z2);
        if power.is_zero() || power.magnitude() < sum.magnitude() - 132 {
            break;
        }
    }
    sum.mul_pow2(4)
}

/// `P(T > t)` for `ν >= 1` degrees of freedom and any `t`.
pub(crate) fn upper_tail(t: Float, nu: u64) -> Float {
    let half = Float::ONE.mul_pow2(-1);
    if t.is_zero() || nu == 0 {
        return half;
    }
    let tail = incomplete_beta(t.abs(), nu).mul_pow2(-1);
    if t.neg {
        Float::ONE.sub(tail)
    } else {
        tail
    }
}

/// `I_x(ν/2, 1/2)` with `x = ν / (ν + t²)`, for `t > 0`.
fn incomplete_beta(t: Float, nu: u64) -> Float {
    let t2 = t.mul(t);
    let nuf = from_u64(nu);
    let inv = nuf.add(t2).recip();
    let x = nuf.mul(inv);
    let y = t2.mul(inv);
    let even = nu % 2 == 0;
    // Terms before the tail: k < ν/2 (even) or k < (ν-1)/2 (odd).
    let split = if even { nu / 2 } else { (nu - 1) / 2 };
    let coefficient = |k: u64, prev: Float| -> Float {
        // c_{k} = c_{k-1} (2k-1)/(2k); d_{k} = d_{k-1} (2k)/(2k+1).
        if even {
            prev.mul(from_u64(2 * k - 1)).div_small(2 * k)
        } else {
            prev.mul(from_u64(2 * k)).div_small(2 * k + 1)
        }
    };
    let scale = if even { sqrt(y) } else { sqrt(x.mul(y)) };
    if x.sub(half()).neg || x.sub(half()).is_zero() {
        // Tail series from k = split.
        let mut c = Float::ONE;
        for k in 1..=split {
            c = coefficient(k, c);
        }
        let mut term = c.mul(x.powu(split));
        let mut sum = Float::ZERO;
        let mut k = split;
        loop {
            sum = sum.add(term);
            k += 1;
            let next = coefficient(k, term).mul(x);
            if next.is_zero() || next.magnitude() < sum.magnitude() - 132 || k > split + 400 {
                break;
            }
            term = next;
        }
        let i = scale.mul(sum);
        if even {
            i
        } else {
            i.mul_pow2(1).mul(PI.recip())
        }
    } else {
        let mut term = Float::ONE;
        let mut sum = Float::ZERO;
        for k in 0..split {
            if k > 0 {
                term = coefficient(k, term).mul(x);
            }
            sum = sum.add(term);
        }
        if even {
            Float::ONE.sub(scale.mul(sum))
        } else {
            let angle = atan(div(t, sqrt(nuf)));
            let a = angle.add(scale.mul(sum)).mul_pow2(1).mul(PI.recip());
            Float::ONE.sub(a)
        }
    }
}

fn half() -> Float {
    Float::ONE.mul_pow2(-1)
}

/// The density of `T` at `t`: `Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · x^((ν+1)/2)`, `x = ν / (ν + t²)`.
fn density(t: Float, nu: u64) -> Float {
    let nuf = from_u64(nu);
    let x = nuf.mul(nuf.add(t.mul(t)).recip());
    // Γ((ν+1)/2) / Γ(ν/2) = 1/√π (ν = 1) or √π/2 (ν = 2), times (j+1)/j for j = ν-2, ν-4, ...
    let mut ratio = Float::ONE;
    let mut j = if nu % 2 == 0 { 2 } else { 1 };
    while j + 2 <= nu {
        ratio = ratio.mul(from_u64(j + 1)).div_small(j);
        j += 2;
    }
    let power = if nu % 2 == 1 {
        x.powu(nu.div_ceil(2))
    } else {
        x.powu(nu / 2).mul(sqrt(x))
    };
    let coefficient = if nu % 2 == 1 {
        // (1/√π) / √(νπ) = 1 / (π √ν)
        ratio.mul(PI.mul(sqrt(nuf)).recip())
    } else {
        // (√π/2) / √(νπ) = 1 / (2 √ν)
        ratio.mul(sqrt(nuf).recip()).mul_pow2(-1)
    };
    coefficient.mul(power)
}

/// The `t >= 0` with `P(T > t) = p`, for `0 < p <= 1/2`.
///
/// The tail is convex and decreasing for `t >= 0`, so Newton steps from a point left of the root
/// stay left of it and converge; a bracket `[lo, hi]` found by doubling guards each step, and a
/// step that would leave it bisects instead.
pub(crate) fn upper_quantile(p: Float, nu: u64) -> Float {
    if p.is_zero() || p.neg || !p.sub(half()).neg {
        return Float::ZERO;
    }
    let mut hi = Float::ONE;
    let mut doublings = 0;
    while !upper_tail(hi, nu).sub(p).neg && doublings < 1000 {
        hi = hi.mul_pow2(1);
        doublings += 1;
    }
    let mut lo = if doublings == 0 {
        Float::ZERO
    } else {
        hi.mul_pow2(-1)
    };
    let mut t = lo;
    for _ in 0..200 {
        let g = upper_tail(t, nu).sub(p);
        if g.is_zero() {
            return t;
        }
        if g.neg {
            hi = t;
        } else {
            lo = t;
        }
        let step = div(g, density(t, nu));
        let mut next = t.add(step);
        if !lo.sub(next).neg || !next.sub(hi).neg {
            next = lo.add(hi).mul_pow2(-1);
        }
        let moved = next.sub(t);
        t = next;
        if moved.is_zero() || moved.magnitude() < t.magnitude() - 110 {
            break;
        }
    }
    t
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn f(v: f64) -> Float {
        Float::from_f64(v)
    }

    /// Values from mpmath at 50 digits (`betainc(ν/2, 1/2, 0, x, regularized=True) / 2`), to 17 significant digits.
    #[test]
    #[allow(clippy::excessive_precision)] // the reference's own digits, as printed
    fn tails_against_mpmath() {
        let cases = [
            (1.0, 1, 0.25),
            (2.0, 2, 0.091_751_709_536_136_984),
            (0.5, 3, 0.325_723_982_424_075_5),
            (3.0, 10, 0.006_671_827_511_284_788_6),
            (12.0, 5, 3.544_746_258_580_761_3e-5),
            (0.1, 40, 0.460_421_926_522_640_08),
        ];
        for (t, nu, expected) in cases {
            let got = upper_tail(f(t), nu).to_f64();
            assert!(
                ((got - expected) / expected).abs() < 1e-15,
                "t = {t}, nu = {nu}: {got} vs {expected}"
            );
            let back = upper_tail(f(-t), nu).to_f64();
            assert!((back - (1.0 - expected)).abs() < 1e-15);
        }
    }

    /// The documented accuracy, checked at 28 digits: mpmath's `betainc` at 50 digits, printed
    /// to 34, against the tail rounded once onto the Decimal grid.
    #[test]
    fn tails_to_28_digits() {
        use rust_decimal::Decimal;
        let cases = [
            ("2.5", 7, "0.02049610929287644844471243056370349"),
            ("0.3", 1, "0.4072264209222576564423952934445356"),
            ("40", 3, "0.00001719034039457926414168999262443961"),
            ("1.5", 30, "0.07203296456432300065128832133739433"),
            ("7", 2, "0.009901970590196568764747071768913167"),
        ];
        for (t, nu, expected) in cases {
            let t = super::super::to_float(t.parse::<Decimal>().unwrap());
            let got = super::super::to_grid(upper_tail(t, nu))
                .and_then(|g| g.to_decimal())
                .unwrap();
            // The reference rounded to the same 28 decimal places.
            let expected = expected.parse::<Decimal>().unwrap_or_else(|_| {
                let cut = &expected[..30];
                cut.parse::<Decimal>().unwrap()
            });
            let diff = (got - expected).abs();
            assert!(
                diff <= Decimal::new(1, 28),
                "nu = {nu}: {got} vs {expected}"
            );
        }
    }

    #[test]
    fn quantiles_invert_the_tail() {
        // t_{0.95} with 1 degree of freedom is tan(0.45 π) = 6.3137514754...; 2 degrees:
        // 2.9199855803537256, and the 0.995 quantile with 9: 3.2498355415921263 (mpmath
        // `findroot` on the tail above)
        let cases = [
            (0.05, 1, 6.313_751_514_675_043),
            (0.05, 2, 2.919_985_580_353_725),
            (0.005, 9, 3.249_835_541_592_126),
        ];
        for (p, nu, expected) in cases {
            let got = upper_quantile(f(p), nu).to_f64();
            assert!(
                ((got - expected) / expected).abs() < 1e-14,
                "p = {p}, nu = {nu}: {got} vs {expected}"
            );
        }
        assert!(upper_quantile(f(0.5), 4).is_zero());
    }

    #[test]
    fn atan_and_density() {
        assert!((atan(Float::ONE).to_f64() - std::f64::consts::FRAC_PI_4).abs() < 1e-16);
        // Cauchy density at 0 is 1/π; with 2 degrees of freedom at 0 it is 1/(2√2).
        assert!((density(Float::ZERO, 1).to_f64() - std::f64::consts::FRAC_1_PI).abs() < 1e-16);
        assert!((density(Float::ZERO, 2).to_f64() - 0.353_553_390_593_273_8).abs() < 1e-16);
    }
}
