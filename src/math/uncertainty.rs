//! The uncertainty of a log-linear trend, in the wide float and rounded once per result.
//!
//! Two models of the value `h` periods ahead, both on the log scale:
//!
//! - **The fitted line** (ordinary least squares, `ln v_t = a + b t + e_t`, `e_t` independent
//!   normal with one variance): with `n` observations, residual variance
//!   `s² = Σ e_t² / (n - 2)` and `S_tt = Σ (t - t̄)²`, the value at `t` is Student-t with `n - 2`
//!   degrees of freedom around `a + b t`, scale `s √(1 + 1/n + (t - t̄)² / S_tt)`: the
//!   prediction interval of statsmodels' `get_prediction(..).summary_frame()` (`obs_ci_*`).
//!   The standard errors are `se(b) = s / √S_tt` and `se(a) = s √(1/n + t̄² / S_tt)`.
//! - **A random walk with drift**: the per-period log growth rates between consecutive
//!   observations, a gap of `k` periods counting as `k` periods of its rate, `n` periods in all,
//!   mean `m` and standard deviation `s` (divisor `n - 1`); the log value `h` periods after the last
//!   observation is Student-t with `n - 1` degrees of freedom around `ln v_last + m h`, scale
//!   `s √(h (1 + h / n))` (the drift's own uncertainty included).
//!
//! Both are undefined with fewer than three observations or when the observations lie exactly on
//! a line of the log scale (zero residual variance): an error says which.

use rust_decimal::Decimal;

use super::formula::{ln_ratio, Centred};
use super::student::{upper_quantile, upper_tail};
use super::wide::Float;
use super::{exp_in_range, ln_float, root_float, to_float, to_grid};
use crate::error::{Error, Result};

/// Residual sums of squares below this share (2^-190) of the spread of the logarithms are the
/// float's rounding of an exact fit: the logarithms carry a relative error of about 2^-120.
const EXACT_FIT_BITS: i32 = 190;

/// The standard errors of a least-squares log-linear fit.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitErrors {
    /// `se(a)`, the intercept at `t = 0`.
    pub(crate) intercept: Decimal,
    /// `se(b)`.
    pub(crate) slope: Decimal,
    /// `s`, the residual standard deviation.
    pub(crate) residual: Decimal,
}

/// The fitted line's outlook at one period.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FitOutlook {
    /// `exp(lower bound)`.
    pub(crate) low: Decimal,
    /// `exp(upper bound)`.
    pub(crate) high: Decimal,
    /// `low / centre`.
    pub(crate) low_factor: Decimal,
    /// `high / centre`.
    pub(crate) high_factor: Decimal,
    /// The probability that the value meets the goal.
    pub(crate) probability: Decimal,
}

struct Sums {
    n: u64,
    mean_t: Float,
    stt: Float,
    slope: Float,
    intercept: Float,
    /// Residual variance, `SSE / (n - 2)`.
    variance: Float,
}

fn sqrt(x: Float) -> Float {
    if x.is_zero() {
        Float::ZERO
    } else {
        root_float(x, 2)
    }
}

fn round(operation: &'static str, v: Float) -> Result<Decimal> {
    to_grid(v)
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow(operation, "a result beyond the largest Decimal"))
}

fn exp(operation: &'static str, v: Float) -> Result<Decimal> {
    exp_in_range(v)
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow(operation, "a value beyond the largest Decimal"))
}

fn too_few(operation: &'static str, got: usize) -> Error {
    Error::TooFewValues {
        operation,
        needed: 3,
        got,
    }
}

fn exact_fit(operation: &'static str, points: &[(i64, Decimal)]) -> Error {
    let (first, last) = (points.first(), points.last());
    Error::undefined(
        operation,
        match (first, last) {
            (Some(f), Some(l)) => format!("{} observations from {} to {}", points.len(), f.1, l.1),
            _ => String::new(),
        },
        "the observations lie exactly on a constant growth path: zero residual variance leaves \
         no uncertainty to measure",
    )
}

fn sums(operation: &'static str, points: &[(i64, Decimal)]) -> Result<Sums> {
    if points.len() < 3 {
        return Err(too_few(operation, points.len()));
    }
    let c = Centred::of(points).ok_or_else(|| too_few(operation, 0))?;
    if c.stt.is_zero() {
        return Err(too_few(operation, 1));
    }
    let slope = c.slope();
    let mut sse = Float::ZERO;
    for (t, y) in &c.ys {
        let e = y.sub(c.mean_y).sub(slope.mul(t.sub(c.mean_t)));
        sse = sse.add(e.mul(e));
    }
    if c.syy.is_zero() || sse.is_zero() || sse.magnitude() < c.syy.magnitude() - EXACT_FIT_BITS {
        return Err(exact_fit(operation, points));
    }
    Ok(Sums {
        n: c.n,
        mean_t: c.mean_t,
        stt: c.stt,
        slope,
        intercept: c.intercept(slope),
        variance: sse.div_small(c.n - 2),
    })
}

/// The standard errors of the least-squares line through `(t, ln v)`.
///
/// # Errors
/// [`Error::TooFewValues`] for fewer than three points; [`Error::Undefined`] for an exact fit.
pub(crate) fn fit_errors(points: &[(i64, Decimal)]) -> Result<FitErrors> {
    const OP: &str = "trend standard errors";
    let s = sums(OP, points)?;
    let inv_stt = s.stt.recip();
    let n_inv = Float::ONE.div_small(s.n);
    let se_slope = sqrt(s.variance.mul(inv_stt));
    let se_intercept = sqrt(
        s.variance
            .mul(n_inv.add(s.mean_t.mul(s.mean_t).mul(inv_stt))),
    );
    Ok(FitErrors {
        intercept: round(OP, se_intercept)?,
        slope: round(OP, se_slope)?,
        residual: round(OP, sqrt(s.variance))?,
    })
}

/// Checks a confidence level in `(0, 1)` and returns the upper tail `(1 - confidence) / 2`.
fn tail_of(confidence: Decimal) -> Result<Float> {
    if confidence <= Decimal::ZERO || confidence >= Decimal::ONE {
        return Err(Error::OutOfRange {
            what: "confidence",
            value: confidence.to_string(),
            allowed: "a confidence level lies strictly between 0 and 1 (0.9 for 90%)",
        });
    }
    Ok(Float::ONE.sub(to_float(confidence)).mul_pow2(-1))
}

/// The probability that a t-distributed log value with `centre`, `scale` and `nu` degrees of
/// freedom meets `ln goal`: at or above it, or at or below it for a falling goal.
fn probability(ln_goal: Float, centre: Float, scale: Float, nu: u64, falling: bool) -> Float {
    let z = ln_goal.sub(centre).mul(scale.recip());
    upper_tail(if falling { z.neg() } else { z }, nu)
}

/// The prediction interval at `t` and the probability that the value there meets `goal`,
/// under the fitted line.
///
/// # Errors
/// As [`fit_errors`]; [`Error::OutOfRange`] for a confidence outside `(0, 1)`;
/// [`Error::Undefined`] for a goal that is not positive.
pub(crate) fn fit_outlook(
    points: &[(i64, Decimal)],
    t: i64,
    goal: Decimal,
    falling: bool,
    confidence: Decimal,
) -> Result<FitOutlook> {
    const OP: &str = "prediction interval";
    let tail = tail_of(confidence)?;
    positive_goal(OP, goal)?;
    let s = sums(OP, points)?;
    let tf = Float::from_i128(i128::from(t));
    let centre = s.intercept.add(s.slope.mul(tf));
    let dt = tf.sub(s.mean_t);
    let spread = Float::ONE
        .add(Float::ONE.div_small(s.n))
        .add(dt.mul(dt).mul(s.stt.recip()));
    let scale = sqrt(s.variance.mul(spread));
    let nu = s.n - 2;
    let half_width = upper_quantile(tail, nu).mul(scale);
    Ok(FitOutlook {
        low: exp(OP, centre.sub(half_width))?,
        high: exp(OP, centre.add(half_width))?,
        low_factor: exp(OP, half_width.neg())?,
        high_factor: exp(OP, half_width)?,
        probability: round(OP, probability(ln_float(goal), centre, scale, nu, falling))?,
    })
}

fn positive_goal(operation: &'static str, goal: Decimal) -> Result<()> {
    if goal <= Decimal::ZERO {
        return Err(Error::undefined(
            operation,
            goal.to_string(),
            "a goal on the log scale must be positive",
        ));
    }
    Ok(())
}

/// The probability that the value `h` periods after the last of `points` meets `goal` under a
/// random walk with drift (see the module's docs).
///
/// # Errors
/// [`Error::TooFewValues`] for fewer than three points; [`Error::Undefined`] for equal growth
/// rates throughout (zero variance) or a goal that is not positive; [`Error::InvalidArgument`]
/// for `h < 1`.
pub(crate) fn random_walk_probability(
    points: &[(i64, Decimal)],
    h: i64,
    goal: Decimal,
    falling: bool,
) -> Result<Decimal> {
    const OP: &str = "random-walk probability";
    positive_goal(OP, goal)?;
    if points.len() < 3 {
        return Err(too_few(OP, points.len()));
    }
    if h < 1 {
        return Err(Error::InvalidArgument {
            reason: format!(
                "a random walk projects forward: the horizon {h} is not after the last observation"
            ),
        });
    }
    let (Some(&(t0, v0)), Some(&(tn, vn))) = (points.first(), points.last()) else {
        return Err(too_few(OP, 0));
    };
    let span = u64::try_from(tn - t0).map_err(|_| too_few(OP, 1))?;
    let spanf = Float::from_u128(u128::from(span));
    let mean = ln_ratio(vn, v0).mul(spanf.recip());
    let mut ss = Float::ZERO;
    let mut spread = Float::ZERO;
    for pair in points.windows(2) {
        let &[(ta, va), (tb, vb)] = pair else {
            continue;
        };
        let k = Float::from_i128(i128::from(tb - ta));
        let rate = ln_ratio(vb, va).mul(k.recip());
        let d = rate.sub(mean);
        ss = ss.add(k.mul(d).mul(d));
        spread = spread.add(k.mul(rate).mul(rate));
    }
    if ss.is_zero() || ss.magnitude() < spread.magnitude() - EXACT_FIT_BITS {
        return Err(exact_fit(OP, points));
    }
    let variance = ss.div_small(span - 1);
    let hf = Float::from_i128(i128::from(h));
    let centre = ln_float(vn).add(mean.mul(hf));
    let scale = sqrt(variance.mul(hf.mul(Float::ONE.add(hf.mul(spanf.recip())))));
    round(
        OP,
        probability(ln_float(goal), centre, scale, span - 1, falling),
    )
}
