//! Whole formulas of the analytics layer, computed in the wide float and rounded once.
//!
//! Forming an intermediate `Decimal` (a ratio `goal / base`, a power `(1 + r)^k`, a sum of squares)
//! rounds it to the 28th decimal place or overflows it, even where the final result fits with all
//! its digits: `1e-28` to `Decimal::MAX` is a ratio of about `7.9e56`, `2^96` overflows while
//! `0.5 · 2^96` fits, and the squares of log-differences of `1e15` and `1e15 + 1` vanish. Here each
//! formula is carried in the 128-bit-mantissa float of `math/wide.rs` (about 38 digits, an exponent
//! range far beyond `Decimal`'s) and rounded once, half to even, onto the grid of the
//! [module's contract](super): within one unit of the last place, and correctly rounded unless the
//! true value lies within about `1e-6` of a unit from a rounding midpoint.

use rust_decimal::Decimal;

use super::wide::{Float, INV_ODD};
use super::{exp_float, exp_in_range, ln_float, root_float, to_float, to_grid};
use crate::error::{Error, Result};

/// Powers beyond this many steps are refused before any arithmetic: they keep the float's binary
/// exponent far from `i32`'s limits, and no period range (years 1000 to 9999, 108 000 months)
/// comes near it.
pub(crate) const MAX_STEPS: u64 = 1 << 20;

/// `v` rounded once onto the contract's grid, or `None` when it exceeds `Decimal::MAX`.
fn round(v: Float) -> Option<Decimal> {
    to_grid(v).and_then(|g| g.to_decimal())
}

/// `ln(1 + u)` for `|u| < 1/32`, relative error below about `2^-120`: `2 atanh(u / (2 + u))`.
fn ln1p_small(u: Float) -> Float {
    let z = u.mul(Float::ONE.mul_pow2(1).add(u).recip());
    let z2 = z.mul(z);
    let mut acc = INV_ODD[12];
    for c in INV_ODD.iter().rev().skip(1) {
        acc = acc.mul(z2).add(*c);
    }
    acc.mul(z).mul_pow2(1)
}

/// True when `|u| < 1/32`.
fn is_small(u: Float) -> bool {
    u.is_zero() || u.magnitude() < -5
}

/// `ln(num / den)` for positive `num` and `den`, without forming the ratio as a `Decimal`.
///
/// Near 1 the logarithm is taken of the exactly computed relative difference, so it keeps its
/// relative accuracy however close the two are; elsewhere it is `ln num - ln den` (absolute error
/// below about `2^-117`, against a logarithm of at least `1/33`).
pub(crate) fn ln_ratio(num: Decimal, den: Decimal) -> Float {
    if num == den {
        return Float::ZERO;
    }
    if let Some(diff) = num.checked_sub(den) {
        let u = to_float(diff).mul(to_float(den).recip());
        if is_small(u) {
            return ln1p_small(u);
        }
    }
    ln_float(num).sub(ln_float(den))
}

/// `ln(1 + rate)` for `rate > -1`, keeping relative accuracy for small rates.
pub(crate) fn ln_factor(rate: Decimal) -> Float {
    let u = to_float(rate);
    if is_small(u) {
        return ln1p_small(u);
    }
    match rate.checked_add(Decimal::ONE) {
        Some(factor) => ln_float(factor),
        // Only a rate within one unit of Decimal::MAX gets here: ln(1 + r) = ln r + ln(1 + 1/r).
        None => ln_float(rate),
    }
}

/// `1 + rate` as a float. Below a factor of 1/2 the sum is formed exactly in `Decimal` first (both
/// terms below 1 in magnitude, the sum has no more decimals than `rate`): adding in the float would
/// cancel the leading digits of a rate near -100%.
fn factor_float(rate: Decimal) -> Float {
    if rate < -Decimal::new(5, 1) {
        if let Some(factor) = rate.checked_add(Decimal::ONE) {
            return to_float(factor);
        }
    }
    to_float(rate).add(Float::ONE)
}

fn overflow(operation: &'static str, detail: impl FnOnce() -> String) -> Error {
    Error::overflow(operation, detail())
}

/// `start · (1 + rate)^k` for a factor `1 + rate >= 0` and `|k| <= MAX_STEPS`, rounded once.
///
/// # Errors
/// [`Error::Overflow`] when the result exceeds `Decimal::MAX`; [`Error::OutOfRange`] for `|k|`
/// beyond [`MAX_STEPS`]; [`Error::Undefined`] for a zero factor and negative `k`.
pub(crate) fn compound_value(start: Decimal, rate: Decimal, k: i64) -> Result<Decimal> {
    let steps = k.unsigned_abs();
    if steps > MAX_STEPS {
        return Err(Error::OutOfRange {
            what: "periods",
            value: k.to_string(),
            allowed: "at most 1048576 periods of compounding",
        });
    }
    if k == 0 || start.is_zero() {
        return Ok(start);
    }
    let factor = factor_float(rate);
    if factor.neg {
        return Err(Error::undefined(
            "projection",
            format!("{start} at {rate}"),
            "a fall of more than 100% has no meaning for a value",
        ));
    }
    if factor.is_zero() {
        if k < 0 {
            return Err(Error::undefined(
                "projection",
                format!("{start} at {rate} over {k} periods"),
                "no earlier value grows into this one at a fall of 100% or more",
            ));
        }
        return Ok(Decimal::ZERO);
    }
    let power = factor.powu(steps);
    let power = if k < 0 { power.recip() } else { power };
    round(to_float(start).mul(power)).ok_or_else(|| {
        overflow("projection", || {
            format!("{start} x (1 + {rate})^{k} exceeds the largest Decimal")
        })
    })
}

/// The number of periods growth at `rate` takes from `base` to `goal`: `ln(goal / base) /
/// ln(1 + rate)`, for positive `base` and `goal` and a rate above -100% other than 0.
pub(crate) fn periods_to_grow(base: Decimal, goal: Decimal, rate: Decimal) -> Result<Decimal> {
    let per_period = ln_factor(rate);
    if per_period.is_zero() {
        return Err(Error::undefined(
            "periods_to_reach",
            format!("{base} to {goal} at {rate}"),
            "no growth never reaches another value",
        ));
    }
    round(ln_ratio(goal, base).mul(per_period.recip()))
        .ok_or_else(|| overflow("periods_to_reach", || format!("{base} to {goal} at {rate}")))
}

/// `ln(a_num / a_den) / ln(b_num / b_den)` for positive arguments, `b_num != b_den`.
pub(crate) fn log_ratio_of_ratios(
    a_num: Decimal,
    a_den: Decimal,
    b_num: Decimal,
    b_den: Decimal,
) -> Result<Decimal> {
    let denominator = ln_ratio(b_num, b_den);
    if denominator.is_zero() {
        return Err(Error::undefined(
            "log",
            format!("{a_num} / {a_den} to base {b_num} / {b_den}"),
            "no logarithm to base 1",
        ));
    }
    round(ln_ratio(a_num, a_den).mul(denominator.recip())).ok_or_else(|| {
        overflow("log", || {
            format!("{a_num} / {a_den} to base {b_num} / {b_den}")
        })
    })
}

/// `exp(x) - 1` rounded once; `None` when it exceeds `Decimal::MAX`. The float's absolute error
/// (below about `2^-119` for `|x| < 1`) is far under the grid's `1e-28` for results below 1.
fn exp_minus_one(x: Float) -> Option<Decimal> {
    let xf = x.to_f64();
    if xf > 67.0 {
        return None;
    }
    if xf < -67.0 {
        return Some(-Decimal::ONE);
    }
    round(exp_float(x).sub(Float::ONE))
}

/// The compound rate over `per` periods (`per = 1`: per period) when `from` grows into `to` over
/// `periods` of them: `(to / from)^(per / periods) - 1` (a CAGR from monthly data has `per = 12`),
/// for positive
/// `from` and `to`, `periods >= 1` and `1 <= per <= 12`. The root and the power are taken in the
/// float and rounded once: the rate per period is not rounded to a `Decimal` on the way, whose
/// last digit the power would multiply.
pub(crate) fn compound_rate_per(
    from: Decimal,
    to: Decimal,
    periods: u32,
    per: u32,
) -> Result<Decimal> {
    let detail = || format!("{from} to {to} over {periods} periods, for {per} periods");
    if from == to {
        return Ok(Decimal::ZERO);
    }
    if periods <= 1 && per <= 1 {
        // (to - from) / from: the float difference is within 2^-127 of the larger.
        let diff = to_float(to).sub(to_float(from));
        return round(diff.mul(to_float(from).recip())).ok_or_else(|| overflow("cagr", detail));
    }
    // The ratio in the float (its exponent range holds 1e-28 / Decimal::MAX and the inverse), its
    // root to about 2^-123, minus one: one rounding at the end.
    let ratio = to_float(to).mul(to_float(from).recip());
    let root = if periods <= 1 {
        ratio
    } else {
        root_float(ratio, periods)
    };
    // The root's magnitude is at most about 190 bits (7.9e56): `per <= 12` powers stay far from
    // the float's exponent limits.
    let grown = root.powu(u64::from(per.max(1)));
    if grown.magnitude() >= 97 {
        return Err(overflow("cagr", detail));
    }
    round(grown.sub(Float::ONE)).ok_or_else(|| overflow("cagr", detail))
}

/// The product of `1 + rate` over `rates`, minus one, as a fraction; the caller checks that every
/// factor is non-negative.
pub(crate) fn compound_rates(rates: impl IntoIterator<Item = Decimal>) -> Result<Decimal> {
    let too_large = || Error::overflow("compound", "the product of the growth factors");
    let mut product = Float::ONE;
    for rate in rates {
        product = product.mul(factor_float(rate));
        // Bounds far outside Decimal's range that keep the binary exponent far from i32's.
        if product.is_zero() || product.magnitude() < -(1 << 24) {
            return Ok(-Decimal::ONE);
        }
        if product.magnitude() > 1 << 24 {
            return Err(too_large());
        }
    }
    round(product.sub(Float::ONE)).ok_or_else(too_large)
}

/// `(1 + rate)^k - 1` for `1 + rate >= 0`, `1 <= k <= 12`.
pub(crate) fn power_minus_one(rate: Decimal, k: u32) -> Result<Decimal> {
    compound_rates(std::iter::repeat_n(rate, k as usize))
}

/// A least-squares line through `(t, ln v)`, from [`log_linear_fit`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogLinearFit {
    /// The fitted `ln v` at `t = 0`.
    pub(crate) intercept: Decimal,
    /// The fitted change of `ln v` per unit of `t`.
    pub(crate) slope: Decimal,
    /// `exp(slope) - 1`.
    pub(crate) growth: Decimal,
    /// The explained share of the variance of `ln v`, in `[0, 1]`; 0 when `ln v` does not vary.
    pub(crate) r_squared: Decimal,
}

/// Fits `ln v = a + b t` by least squares to `points` (`t` distinct, `v` positive, at least two).
///
/// The logarithms are taken relative to the first value (`ln(v / v0)`, exact near 1) and centred
/// in the wide float before they are squared, so nearly flat series keep their digits and `R²`
/// stays in `[0, 1]`.
pub(crate) fn log_linear_fit(points: &[(i64, Decimal)]) -> Result<LogLinearFit> {
    let fail = || Error::overflow("trend", "least-squares sums");
    let (intercept, slope, r_squared) = fit_float(points)?;
    let growth = exp_minus_one(slope).ok_or_else(fail)?;
    Ok(LogLinearFit {
        intercept: round(intercept).ok_or_else(fail)?,
        slope: round(slope).ok_or_else(fail)?,
        growth,
        r_squared: round(r_squared).ok_or_else(fail)?,
    })
}

/// `start · exp(b · k)` for the slope `b` of the least-squares line through `points` (as
/// [`log_linear_fit`]) and a positive `start`: the trend continued `k` periods from `start`,
/// with the slope unrounded and one rounding at the end. Raising the rounded growth `exp(b) - 1`
/// to the `k`-th power instead puts its last digit's error, times `k`, into the value (a trend
/// that meets a goal exactly, 160 · (1/√2)^4 = 40, came out just below it).
///
/// # Errors
/// As [`log_linear_fit`]; [`Error::Overflow`] when the value exceeds `Decimal::MAX`.
pub(crate) fn trend_continued(
    points: &[(i64, Decimal)],
    start: Decimal,
    k: i64,
) -> Result<Decimal> {
    let (_, slope, _) = fit_float(points)?;
    if start <= Decimal::ZERO {
        return Err(Error::undefined(
            "trend",
            start.to_string(),
            "a log-linear trend continues from a positive value",
        ));
    }
    // exp(ln start + b k): one exponential over the whole range, so a small start on a steep
    // trend (or a large one on a falling trend) is no overflow on the way.
    let exponent = ln_float(start).add(slope.mul(Float::from_i128(i128::from(k))));
    exp_in_range(exponent)
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| {
            Error::overflow(
                "trend",
                format!("{start} continued {k} periods on the trend exceeds the largest Decimal"),
            )
        })
}

/// The centred sums of the least-squares line through `(t, ln(v / v0))`, `v0` the first value:
/// what the fit ([`log_linear_fit`]) and its standard errors (`math::uncertainty`) both start
/// from.
pub(crate) struct Centred {
    /// `(t, ln(v / v0))` of each point.
    pub(crate) ys: Vec<(Float, Float)>,
    pub(crate) n: u64,
    pub(crate) v0: Decimal,
    pub(crate) mean_t: Float,
    pub(crate) mean_y: Float,
    pub(crate) stt: Float,
    pub(crate) sty: Float,
    pub(crate) syy: Float,
}

impl Centred {
    /// `None` for no points.
    pub(crate) fn of(points: &[(i64, Decimal)]) -> Option<Centred> {
        let &(_, v0) = points.first()?;
        let n = u64::try_from(points.len()).ok()?;
        let ys: Vec<(Float, Float)> = points
            .iter()
            .map(|(t, v)| (Float::from_i128(i128::from(*t)), ln_ratio(*v, v0)))
            .collect();
        let (mut sum_t, mut sum_y) = (Float::ZERO, Float::ZERO);
        for (t, y) in &ys {
            sum_t = sum_t.add(*t);
            sum_y = sum_y.add(*y);
        }
        let mean_t = sum_t.div_small(n);
        let mean_y = sum_y.div_small(n);
        let (mut stt, mut sty, mut syy) = (Float::ZERO, Float::ZERO, Float::ZERO);
        for (t, y) in &ys {
            let dt = t.sub(mean_t);
            let dy = y.sub(mean_y);
            stt = stt.add(dt.mul(dt));
            sty = sty.add(dt.mul(dy));
            syy = syy.add(dy.mul(dy));
        }
        Some(Centred {
            ys,
            n,
            v0,
            mean_t,
            mean_y,
            stt,
            sty,
            syy,
        })
    }

    /// The slope `Sty / Stt` (the caller has checked that `Stt` is not zero).
    pub(crate) fn slope(&self) -> Float {
        self.sty.mul(self.stt.recip())
    }

    /// The intercept of the line in `ln v`, for the slope given.
    pub(crate) fn intercept(&self, slope: Float) -> Float {
        ln_float(self.v0)
            .add(self.mean_y)
            .sub(slope.mul(self.mean_t))
    }
}

/// The least-squares line of [`log_linear_fit`] in the float: intercept, slope and `R²`.
fn fit_float(points: &[(i64, Decimal)]) -> Result<(Float, Float, Float)> {
    let fail = || Error::overflow("trend", "least-squares sums");
    let c = Centred::of(points).ok_or_else(fail)?;
    let (stt, sty, syy) = (c.stt, c.sty, c.syy);
    if stt.is_zero() {
        return Err(Error::TooFewValues {
            operation: "trend",
            needed: 2,
            got: 1,
        });
    }
    let slope = c.slope();
    let intercept = c.intercept(slope);
    let r_squared = if syy.is_zero() {
        Float::ZERO
    } else {
        // Sty² / (Stt Syy) <= 1 by Cauchy-Schwarz; the last bits of the float may overshoot.
        let r2 = sty.mul(sty).mul(stt.mul(syy).recip());
        if r2.sub(Float::ONE).neg || r2.is_zero() {
            r2
        } else {
            Float::ONE
        }
    };
    Ok((intercept, slope, r_squared))
}

/// `exp(intercept + slope · t)`, rounded once.
pub(crate) fn exp_linear(intercept: Decimal, slope: Decimal, t: i64) -> Result<Decimal> {
    let exponent = to_float(intercept).add(to_float(slope).mul(Float::from_i128(i128::from(t))));
    exp_in_range(exponent)
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("trend", format!("exp({intercept} + {slope} x {t})")))
}

/// `exp(slope) - 1`, the growth per period of a log-linear trend with this slope (checked when a
/// trend fit is read back through serde).
#[cfg(feature = "serde")]
pub(crate) fn growth_of_slope(slope: Decimal) -> Result<Decimal> {
    exp_minus_one(to_float(slope))
        .ok_or_else(|| Error::overflow("trend", format!("exp({slope}) - 1")))
}
