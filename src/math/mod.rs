//! Exact decimal mathematics: roots, logarithms, exponentials and powers of [`Decimal`].
//!
//! # Accuracy contract
//!
//! Every function here returns the true mathematical value rounded to the **finest grid a
//! `Decimal` can hold**: for a true result `r`, let `S` be the largest scale `<= 28` at which
//! `r · 10^S`, rounded half-to-even, fits in `Decimal`'s 96-bit mantissa. The returned value `d`
//! is a multiple of `ulp = 10^-S` and satisfies `|d - r| <= 1 ulp`; in practice it is the
//! correctly rounded (half-to-even) value in all but a vanishing fraction of cases (see the
//! golden-vector test, `tests/math.rs`). Trailing zeros are then removed
//! ([`Decimal::normalize`]), so exact results come out exact and print plainly:
//! `nth_root(8, 3) == 2`, `powi(1.1, 2) == 1.21`, `powd(4, 0.5) == 2`.
//!
//! This gives 28 to 29 significant digits for results of magnitude at least 1, and an absolute
//! error of at most `1e-28` for results below 1 (`exp(-50)`, about `1.9e-22`, has only 28 decimal
//! places, hence about 7 significant digits).
//!
//! **Underflow** rounds to zero: a result whose magnitude is below `0.5e-28` is returned as `0`
//! (`exp(-70) == 0`). **Overflow** — a result whose magnitude rounds above [`Decimal::MAX`]
//! (about `7.9e28`) — is an [`Error::Overflow`], never a clamped value.
//!
//! # Method
//!
//! Inputs are converted to a binary floating-point number with a 128-bit mantissa (about 38
//! significant digits; `math/wide.rs`). Each function is computed in that format with a known
//! relative error of a few units of `2^-120` (about `1e-36`; `2^-112` for `powd`, whose
//! `y · ln x` magnifies the error of `ln x`) — seven or more guard digits beyond the 29 a
//! `Decimal` holds — and rounded once, at the end, to the grid above. The result is therefore
//! always within 1 ulp, and correctly rounded unless the true value lies within about `1e-7` ulp
//! (`1e-5` for `powd`) of a rounding midpoint:
//!
//! - `nth_root`: an `f64` seed `y ≈ x^(1/n)` (about 16 digits), then a second-order correction
//!   `y · (1 + t)^(-1/n)` with `t = y^n / x - 1`, which takes the seed to the full 38 digits in
//!   one step (repeated for very large `n`); the error of `y^n` is divided by `n` in the
//!   correction. When the approximation lands next to a rounding midpoint, the last digit is
//!   decided exactly by comparing `mid^n` with `x` in big-integer arithmetic, so roots are
//!   correctly rounded (checks too costly, beyond about 4000 bits, are skipped; the 1-ulp
//!   bound holds regardless).
//! - `exp`: reduction `x = k · ln 2 + r`, then `exp(r / 32)` by a 17-term Taylor series and five
//!   squarings.
//! - `ln`: for `x` within 1/32 of 1, the series `2 · atanh((x - 1) / (x + 1))` on the exactly
//!   computed `x - 1` (relative accuracy even for `ln(1 + 1e-27)`); elsewhere an `f64` seed `y`
//!   corrected by `ln(1 + t)`, `t = x · exp(-y) - 1`.
//! - `powd`: `exp(y · ln x)`, or [`powi`] when `y` is an integer.
//! - `powi`: binary powering in the wide format (`|n| <= 64`), or `exp(n · ln |x|)`; for `n > 0`,
//!   when that lands next to a midpoint (`0.5^29` is exactly one) or `n > 64`, exact big-integer
//!   powering with exact half-even rounding whenever `|x|^n` fits 256 bits.
//!
//! No `f64` result is ever returned: `f64` only supplies starting guesses and range checks.

pub(crate) mod effects;
mod exact;
pub(crate) mod formula;
mod student;
pub(crate) mod uncertainty;
mod wide;

pub(crate) use exact::ExactDecimal;
pub use exact::{quotient_of_products, quotient_to_significant};

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use wide::{
    divrem_u64, mul_u256, mul_wide, pow10_u128, u256_to_u128, Float, INV_FACT, INV_ODD, POW10_INV,
    U256,
};

/// The largest mantissa a `Decimal` holds, plus one: `2^96`.
const MANTISSA_LIMIT: u128 = 1 << 96;

/// Beyond this magnitude of the exponent, `exp` overflows (above) or underflows to zero (below):
/// `exp(67) > 1.2e29 > Decimal::MAX` and `exp(-67) < 1e-29 < 0.5e-28`.
const EXP_LIMIT: i64 = 67;

/// The `n`th root of `x`: the `y` with `y^n = x` (and the same sign as `x` for odd `n`).
///
/// Accurate to the last digit under the [module's contract](self) (correctly rounded, half to
/// even). This is the function to use for compound annual growth: over `n` years,
/// `nth_root(end / start, n) - 1`.
///
/// # Errors
///
/// - [`Error::OutOfRange`] if `n` is 0.
/// - [`Error::Undefined`] if `x` is negative and `n` is even.
///
/// # Example
///
/// ```
/// use tradestat::math::nth_root;
/// use tradestat::Decimal;
///
/// assert_eq!(nth_root(Decimal::from(8), 3)?, Decimal::from(2));
/// assert_eq!(nth_root("1.21".parse()?, 2)?, "1.1".parse::<Decimal>()?);
/// assert_eq!(nth_root(Decimal::from(-8), 3)?, Decimal::from(-2));
/// // Compound annual growth from 6.3 to 10 over 3 years, to 28 decimals:
/// let ratio = Decimal::from(10) / "6.3".parse::<Decimal>()?;
/// let cagr = nth_root(ratio, 3)? - Decimal::ONE;
/// assert_eq!(cagr.round_dp(5), "0.16650".parse::<Decimal>()?);
/// assert!(nth_root(Decimal::from(-4), 2).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn nth_root(x: Decimal, n: u32) -> Result<Decimal> {
    if n == 0 {
        return Err(Error::OutOfRange {
            what: "root degree",
            value: n.to_string(),
            allowed: "1 or more",
        });
    }
    if n == 1 || x.is_zero() {
        return Ok(x);
    }
    let neg = x.is_sign_negative();
    if neg && n % 2 == 0 {
        return Err(Error::undefined(
            "nth_root",
            format!("{x}, {n}"),
            "an even root of a negative number",
        ));
    }
    let xa = x.abs();
    let root = root_float(to_float(xa), n);
    let mut g = to_grid(root).ok_or_else(|| Error::overflow("nth_root", format!("{x}, {n}")))?;
    if g.near_tie() {
        fix_root_tie(&mut g, xa, n);
    }
    g.neg = neg;
    g.to_decimal()
        .ok_or_else(|| Error::overflow("nth_root", format!("{x}, {n}")))
}

/// The natural logarithm of `x`.
///
/// Within 1 ulp of the true value under the [module's contract](self): 27 or 28 decimal places.
///
/// # Errors
///
/// [`Error::Undefined`] if `x` is zero or negative.
///
/// # Example
///
/// ```
/// use tradestat::math::ln;
/// use tradestat::Decimal;
///
/// assert_eq!(ln(Decimal::ONE)?, Decimal::ZERO);
/// assert_eq!(ln(Decimal::TWO)?, "0.6931471805599453094172321215".parse::<Decimal>()?);
/// assert!(ln(Decimal::ZERO).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ln(x: Decimal) -> Result<Decimal> {
    if x <= Decimal::ZERO {
        return Err(Error::undefined(
            "ln",
            x.to_string(),
            "the logarithm of zero or a negative number",
        ));
    }
    to_grid(ln_float(x))
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("ln", x.to_string()))
}

/// The base-10 logarithm of `x`; exact for powers of ten (`log10(1000) == 3`).
///
/// Within 1 ulp of the true value under the [module's contract](self).
///
/// # Errors
///
/// [`Error::Undefined`] if `x` is zero or negative.
///
/// # Example
///
/// ```
/// use tradestat::math::log10;
/// use tradestat::Decimal;
///
/// assert_eq!(log10(Decimal::from(1000))?, Decimal::from(3));
/// assert_eq!(log10("0.01".parse()?)?, Decimal::from(-2));
/// assert!(log10(Decimal::from(-1)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn log10(x: Decimal) -> Result<Decimal> {
    if x <= Decimal::ZERO {
        return Err(Error::undefined(
            "log10",
            x.to_string(),
            "the logarithm of zero or a negative number",
        ));
    }
    to_grid(ln_float(x).mul(Float::INV_LN10))
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("log10", x.to_string()))
}

/// The logarithm of `x` to base `base`: `ln x / ln base`, computed in the wide format and rounded
/// once, so it keeps full precision even when `base` is close to 1 (where `ln base` rounded to a
/// `Decimal` would keep only the digits above its 28th decimal place). This is the number of
/// periods growth at a factor of `base` takes to multiply a value by `x` (Excel's `NPER` without
/// payments).
///
/// Within 1 ulp of the true value under the [module's contract](self), except that the two
/// logarithms' own errors (about `1e-36` relative) are carried into the quotient.
///
/// # Errors
///
/// [`Error::Undefined`] if `x` or `base` is zero or negative, or `base` is 1; [`Error::Overflow`]
/// if the result does not fit.
///
/// # Example
///
/// ```
/// use tradestat::math::log;
/// use tradestat::Decimal;
///
/// assert_eq!(log(Decimal::from(8), Decimal::TWO)?, Decimal::from(3));
/// // Years for 33% growth a year to take 6.3 to 10:
/// let years = log(Decimal::from(10) / "6.3".parse::<Decimal>()?, "1.33".parse()?)?;
/// assert_eq!(years.round_dp(3), "1.620".parse::<Decimal>()?);
/// assert!(log(Decimal::TWO, Decimal::ONE).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn log(x: Decimal, base: Decimal) -> Result<Decimal> {
    if x <= Decimal::ZERO || base <= Decimal::ZERO {
        return Err(Error::undefined(
            "log",
            format!("{x} to base {base}"),
            "the logarithm of zero or a negative number, or to such a base",
        ));
    }
    if base == Decimal::ONE {
        return Err(Error::undefined(
            "log",
            format!("{x} to base {base}"),
            "no logarithm to base 1",
        ));
    }
    let numerator = ln_float(x);
    if x == Decimal::ONE {
        return Ok(Decimal::ZERO);
    }
    to_grid(numerator.mul(ln_float(base).recip()))
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("log", format!("{x} to base {base}")))
}

/// e raised to the power `x`.
///
/// Within 1 ulp of the true value under the [module's contract](self). Results below `0.5e-28`
/// (`x` below about -65.16) underflow to `0`.
///
/// # Errors
///
/// [`Error::Overflow`] if the result exceeds [`Decimal::MAX`] (`x` above about 66.54).
///
/// # Example
///
/// ```
/// use tradestat::math::exp;
/// use tradestat::Decimal;
///
/// assert_eq!(exp(Decimal::ZERO)?, Decimal::ONE);
/// assert_eq!(exp(Decimal::ONE)?, "2.7182818284590452353602874714".parse::<Decimal>()?);
/// assert_eq!(exp(Decimal::from(-70))?, Decimal::ZERO);
/// assert!(exp(Decimal::from(70)).unwrap_err().is_overflow());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn exp(x: Decimal) -> Result<Decimal> {
    if x.is_zero() {
        return Ok(Decimal::ONE);
    }
    if x > Decimal::from(EXP_LIMIT) {
        return Err(Error::overflow("exp", x.to_string()));
    }
    if x < Decimal::from(-EXP_LIMIT) {
        return Ok(Decimal::ZERO);
    }
    to_grid(exp_float(to_float(x)))
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("exp", x.to_string()))
}

/// `x` raised to the power `y`.
///
/// Within 1 ulp of the true value under the [module's contract](self). An integral `y` is handed
/// to [`powi`] (exact where the result fits). `0^0` is 1. Note that `powd(x, 1/n)` is not the
/// `n`th root when `1/n` is not a finite decimal (`1/3` is stored as `0.3333333333333333333333333333`):
/// use [`nth_root`] for roots.
///
/// # Errors
///
/// - [`Error::Undefined`] for a negative `x` with a fractional `y`, and for `0` to a negative power.
/// - [`Error::Overflow`] if the result exceeds [`Decimal::MAX`].
///
/// # Example
///
/// ```
/// use tradestat::math::powd;
/// use tradestat::Decimal;
///
/// assert_eq!(powd(Decimal::from(4), "0.5".parse()?)?, Decimal::TWO);
/// assert_eq!(powd(Decimal::from(-2), Decimal::from(3))?, Decimal::from(-8));
/// assert_eq!(powd(Decimal::TWO, "0.5".parse()?)?, "1.4142135623730950488016887242".parse::<Decimal>()?);
/// assert!(powd(Decimal::from(-2), "0.5".parse()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn powd(x: Decimal, y: Decimal) -> Result<Decimal> {
    if y.is_zero() {
        return Ok(Decimal::ONE);
    }
    if x.is_zero() {
        return if y.is_sign_positive() {
            Ok(Decimal::ZERO)
        } else {
            Err(Error::undefined(
                "powd",
                format!("{x}, {y}"),
                "zero to a negative power",
            ))
        };
    }
    let integral = y.fract().is_zero();
    if integral {
        if let Ok(n) = i64::try_from(y) {
            return powi(x, n);
        }
    } else if x.is_sign_negative() {
        return Err(Error::undefined(
            "powd",
            format!("{x}, {y}"),
            "a negative base with a fractional exponent",
        ));
    }
    // An odd integral exponent too large for i64 keeps the sign of a negative base.
    let neg = x.is_sign_negative() && !(y % Decimal::TWO).is_zero();
    let a = ln_float(x.abs()).mul(to_float(y));
    let overflow = || Error::overflow("powd", format!("{x}, {y}"));
    let mut g = exp_in_range(a).ok_or_else(overflow)?;
    g.neg = neg;
    g.to_decimal().ok_or_else(overflow)
}

/// `x` raised to the integer power `n`.
///
/// Exact, with half-to-even rounding to the [module's grid](self), whenever `|x|^n` fits in 256
/// bits (for example any `x` with up to 29 digits squared, or `1.05^100`); otherwise within 1 ulp
/// of the true value. `0^0` is 1.
///
/// # Errors
///
/// - [`Error::Undefined`] for `0` to a negative power.
/// - [`Error::Overflow`] if the result exceeds [`Decimal::MAX`].
///
/// # Example
///
/// ```
/// use tradestat::math::powi;
/// use tradestat::Decimal;
///
/// assert_eq!(powi("1.1".parse()?, 2)?, "1.21".parse::<Decimal>()?);
/// assert_eq!(powi(Decimal::TWO, -2)?, "0.25".parse::<Decimal>()?);
/// assert_eq!(powi(Decimal::from(-3), 3)?, Decimal::from(-27));
/// assert!(powi(Decimal::from(10), 29).unwrap_err().is_overflow());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn powi(x: Decimal, n: i64) -> Result<Decimal> {
    if n == 0 {
        return Ok(Decimal::ONE);
    }
    let overflow = || Error::overflow("powi", format!("{x}, {n}"));
    if x.is_zero() {
        return if n > 0 {
            Ok(Decimal::ZERO)
        } else {
            Err(Error::undefined(
                "powi",
                format!("{x}, {n}"),
                "zero to a negative power",
            ))
        };
    }
    let neg = x.is_sign_negative() && n % 2 != 0;
    let un = n.unsigned_abs();
    if n > 0 && un <= 64 {
        // The wide-float power is within 2^-23 ulp: its rounding is final unless it lands next
        // to a midpoint (0.5^29 is one exactly); then the exact path below decides.
        if let Some(g) = to_grid(to_float(x.abs()).powu(un)) {
            if !g.near_tie() {
                return Grid { neg, ..g }.to_decimal().ok_or_else(overflow);
            }
        }
    }
    if n > 0 {
        match powi_exact(x.mantissa().unsigned_abs(), x.scale(), un) {
            Exact::Value(g) => {
                return Grid { neg, ..g }.to_decimal().ok_or_else(overflow);
            }
            Exact::Overflow => return Err(overflow()),
            Exact::TooWide => {}
        }
    }
    let mut g = if un <= 64 {
        let p = to_float(x.abs()).powu(un);
        let v = if n < 0 { p.recip() } else { p };
        to_grid(v).ok_or_else(overflow)?
    } else {
        let a = ln_float(x.abs()).mul(Float::from_i128(i128::from(n)));
        exp_in_range(a).ok_or_else(overflow)?
    };
    g.neg = neg;
    g.to_decimal().ok_or_else(overflow)
}

// ---------------------------------------------------------------------------------------------
// Internals.

/// `x` as a [`Float`] (relative error below 2^-126).
fn to_float(x: Decimal) -> Float {
    Float::from_i128(x.mantissa()).mul(pow10_inv(x.scale()))
}

fn pow10_inv(scale: u32) -> Float {
    usize::try_from(scale)
        .ok()
        .and_then(|s| POW10_INV.get(s))
        .copied()
        .unwrap_or(Float::ZERO)
}

/// `exp(a)` on the grid, or `None` on overflow; results too small for the grid become zero.
fn exp_in_range(a: Float) -> Option<Grid> {
    let af = a.to_f64();
    if af > 67.0 {
        return None;
    }
    if af < -67.0 {
        return Some(Grid::ZERO);
    }
    to_grid(exp_float(a))
}

/// `e^a` for `|a| <= 70`: relative error below about 2^-120.
fn exp_float(a: Float) -> Float {
    // |a| <= 70 keeps |k| <= 101: the conversion cannot saturate.
    #[allow(clippy::cast_possible_truncation)]
    let k = (a.to_f64() * std::f64::consts::LOG2_E).round() as i32;
    let r = a
        .sub(Float::from_i128(i128::from(k)).mul(Float::LN2))
        .mul_pow2(-5);
    // |r| <= ln2/64 < 0.011: the 17-term series leaves less than 2^-200.
    let mut acc = INV_FACT[16];
    for c in INV_FACT.iter().rev().skip(1) {
        acc = acc.mul(r).add(*c);
    }
    for _ in 0..5 {
        acc = acc.mul(acc);
    }
    acc.mul_pow2(k)
}

/// `ln x` for `x > 0`. Absolute error below about 2^-118; relative error below about 2^-118
/// as well when `x` is within 1/32 of 1 (where `ln x` is small).
fn ln_float(x: Decimal) -> Float {
    let m = x.mantissa();
    let s = x.scale();
    let p = i128::try_from(pow10_u128(s)).unwrap_or(i128::MAX);
    // m < 2^96 and p <= 1e28: no overflow.
    let u = m - p;
    if u == 0 {
        return Float::ZERO;
    }
    if u.unsigned_abs().saturating_mul(32) < p.unsigned_abs() {
        // x - 1 is exact here: ln x = 2 atanh(z), z = (x-1)/(x+1), |z| < 1/63.
        let uf = Float::from_i128(u).mul(pow10_inv(s));
        let z = uf.mul(Float::ONE.mul_pow2(1).add(uf).recip());
        let z2 = z.mul(z);
        let mut acc = INV_ODD[12];
        for c in INV_ODD.iter().rev().skip(1) {
            acc = acc.mul(z2).add(*c);
        }
        return acc.mul(z).mul_pow2(1);
    }
    let xf = to_float(x);
    let y0 = Float::from_f64(xf.to_f64().ln());
    // |t| < 2^-44: ln(1+t) = t - t²/2 + t³/3 leaves less than 2^-176.
    let t = xf.mul(exp_float(y0.neg())).sub(Float::ONE);
    let series = Float::ONE.sub(t.mul(Float::ONE.mul_pow2(-1).sub(t.mul(INV_ODD[1]))));
    y0.add(t.mul(series))
}

/// `x^(1/n)` for `x > 0`, `n >= 2`: relative error below about 2^-123.
fn root_float(x: Float, n: u32) -> Float {
    let y0 = x.to_f64().powf(1.0 / f64::from(n));
    let mut y = Float::from_f64(y0);
    let inv_x = x.recip();
    let inv_n = Float::from_u128(u128::from(n)).recip();
    let half_n1 = Float::from_u128(u128::from(n) + 1).mul_pow2(-1);
    for _ in 0..4 {
        let t = y.powu(u64::from(n)).sub(x).mul(inv_x);
        if t.is_zero() {
            break;
        }
        // (1+t)^(-1/n) = 1 - t/n + (n+1)/2 · (t/n)² - O(t³/n)
        let tn = t.mul(inv_n);
        y = y.mul(Float::ONE.sub(tn).add(tn.mul(tn).mul(half_n1)));
        let tf = t.to_f64().abs();
        if tf * tf * tf < f64::from(n) * 2f64.powi(-125) {
            break;
        }
    }
    y
}

/// A value rounded to the contract's grid: `(-1)^neg · r · 10^-scale`.
#[derive(Clone, Copy, Debug)]
struct Grid {
    r: u128,
    scale: u32,
    neg: bool,
    /// The discarded fraction of the approximation, in units of 2^-128 ulp (for tie checks).
    frac: u128,
}

impl Grid {
    const ZERO: Grid = Grid {
        r: 0,
        scale: 28,
        neg: false,
        frac: 0,
    };

    /// Whether the approximation was too close to a rounding midpoint to trust its last digit
    /// (within 2^-20 ulp; the approximations here are good to better than 2^-25 ulp).
    fn near_tie(&self) -> bool {
        self.frac.abs_diff(1 << 127) < 1 << 108
    }

    fn to_decimal(self) -> Option<Decimal> {
        if self.r == 0 {
            return Some(Decimal::ZERO);
        }
        let m = i128::try_from(self.r).ok()?;
        let m = if self.neg { -m } else { m };
        Decimal::try_from_i128_with_scale(m, self.scale)
            .ok()
            .map(|d| d.normalize())
    }
}

/// Rounds `v` half-to-even to the grid of the contract, or `None` if it exceeds `Decimal::MAX`.
fn to_grid(v: Float) -> Option<Grid> {
    if v.is_zero() {
        return Some(Grid::ZERO);
    }
    if v.magnitude() >= 97 {
        return None;
    }
    let vf = v.abs().to_f64();
    // The mantissa at scale 28 - floor(log10 v) is in [1e28, 1e29): it fits, or one digit less
    // does. f64's log10 may be off by one next to a power of ten, only ever upwards (then v is
    // just below the power and one digit more cannot fit) or downwards (the loop corrects it).
    #[allow(clippy::cast_possible_truncation)]
    let mut scale: i32 = if vf < 1.0 {
        28
    } else {
        (28 - vf.log10().floor() as i32).min(28)
    };
    // magnitude < 97 means exp < -30: a positive shift.
    let sh = u32::try_from(-i64::from(v.exp)).ok()?;
    loop {
        let s = u32::try_from(scale).ok()?;
        let (hi, lo) = mul_wide(v.man, pow10_u128(s));
        if let Some((r, frac)) = shr_round(hi, lo, sh) {
            if r < MANTISSA_LIMIT {
                return Some(Grid {
                    r,
                    scale: s,
                    neg: v.neg,
                    frac,
                });
            }
        }
        scale -= 1;
    }
}

/// `(hi:lo) >> sh` rounded half-to-even, with the discarded fraction left-aligned in 128 bits;
/// `None` if the quotient does not fit 128 bits.
fn shr_round(hi: u128, lo: u128, sh: u32) -> Option<(u128, u128)> {
    let (q, frac) = match sh {
        0 => (if hi == 0 { Some(lo) } else { None }?, 0),
        1..=127 => {
            if hi >> sh != 0 {
                return None;
            }
            ((lo >> sh) | (hi << (128 - sh)), lo << (128 - sh))
        }
        128 => (hi, lo),
        129..=255 => (hi >> (sh - 128), (hi << (256 - sh)) | (lo >> (sh - 128))),
        _ => (0, 0),
    };
    let half = 1u128 << 127;
    let up = frac > half || (frac == half && q & 1 == 1);
    let q = if up { q.checked_add(1)? } else { q };
    Some((q, frac))
}

/// Decides the last digit of a root exactly when its approximation is next to a midpoint:
/// compares `mid^n` with `x`, `mid = (floor + 1/2) · 10^-scale`, in big integers.
fn fix_root_tie(g: &mut Grid, x: Decimal, n: u32) {
    // The integer part before rounding: r or r - 1.
    let below = if g.frac >= 1 << 127 {
        g.r.saturating_sub(1)
    } else {
        g.r
    };
    // mid^n vs x  <=>  (2·below + 1)^n · 10^s  vs  m · 2^n · 10^(n·scale)
    let Some(n_scale) = n.checked_mul(g.scale) else {
        return;
    };
    // Keep the check cheap: about 4000 bits at most.
    if u64::from(n) * 100 + u64::from(n_scale) * 4 > 4000 {
        return;
    }
    let lhs = big::pow(&big::from_u128(2 * below + 1), n);
    let lhs = big::mul(&lhs, &big::pow10(x.scale()));
    let rhs = big::mul(
        &big::from_u128(x.mantissa().unsigned_abs()),
        &big::pow(&big::from_u128(2), n),
    );
    let rhs = big::mul(&rhs, &big::pow10(n_scale));
    // The root is above the midpoint exactly when mid^n < x; equality cannot happen for n >= 2.
    g.r = if big::less(&lhs, &rhs) {
        below + 1
    } else {
        below
    };
}

/// Minimal unsigned big integers (little-endian `u64` limbs) for the exact tie check.
mod big {
    pub(super) fn from_u128(v: u128) -> Vec<u64> {
        // Split into the low and high limbs.
        trim(vec![v as u64, (v >> 64) as u64])
    }

    fn trim(mut v: Vec<u64>) -> Vec<u64> {
        while v.last() == Some(&0) {
            v.pop();
        }
        v
    }

    pub(super) fn mul(a: &[u64], b: &[u64]) -> Vec<u64> {
        let mut r = vec![0u64; a.len() + b.len()];
        for (i, &ai) in a.iter().enumerate() {
            let mut carry: u128 = 0;
            for (j, &bj) in b.iter().enumerate() {
                if let Some(slot) = r.get_mut(i + j) {
                    let t = u128::from(ai) * u128::from(bj) + u128::from(*slot) + carry;
                    *slot = t as u64;
                    carry = t >> 64;
                }
            }
            if let Some(slot) = r.get_mut(i + b.len()) {
                *slot = carry as u64;
            }
        }
        trim(r)
    }

    pub(super) fn pow(base: &[u64], mut n: u32) -> Vec<u64> {
        let mut result = vec![1];
        let mut b = base.to_vec();
        while n > 0 {
            if n & 1 == 1 {
                result = mul(&result, &b);
            }
            n >>= 1;
            if n > 0 {
                b = mul(&b, &b);
            }
        }
        result
    }

    pub(super) fn pow10(k: u32) -> Vec<u64> {
        // 10^38 is the largest power of ten a u128 holds: those come from a table.
        if k <= 38 {
            return from_u128(super::wide::pow10_u128(k));
        }
        pow(&[10], k)
    }

    pub(super) fn less(a: &[u64], b: &[u64]) -> bool {
        if a.len() != b.len() {
            return a.len() < b.len();
        }
        for (x, y) in a.iter().rev().zip(b.iter().rev()) {
            if x != y {
                return x < y;
            }
        }
        false
    }
}

enum Exact {
    Value(Grid),
    Overflow,
    TooWide,
}

/// `(m · 10^-s)^n` rounded exactly to the grid, when `m^n` fits 256 bits.
fn powi_exact(m: u128, s: u32, n: u64) -> Exact {
    if m > 1 && n > 256 {
        return Exact::TooWide;
    }
    let Some(acc) = pow_u256(m, n) else {
        return Exact::TooWide;
    };
    let sn = u64::from(s).saturating_mul(n);
    if sn <= 28 {
        if let Some(v) = u256_to_u128(&acc) {
            if v < MANTISSA_LIMIT {
                return Exact::Value(Grid {
                    r: v,
                    scale: u32::try_from(sn).unwrap_or(28),
                    neg: false,
                    frac: 0,
                });
            }
        }
    }
    // Drop k digits, the fewest that make the mantissa fit.
    let mut k = sn.saturating_sub(28).max(1);
    loop {
        if k > sn {
            return Exact::Overflow;
        }
        // acc < 2^256 < 1.2e77: dropping more than 80 digits leaves less than half a unit.
        if k > 80 {
            return Exact::Value(Grid::ZERO);
        }
        if let Some(q) = drop_digits_rounded(&acc, k) {
            if q < MANTISSA_LIMIT {
                return Exact::Value(Grid {
                    r: q,
                    scale: u32::try_from(sn - k).unwrap_or(0),
                    neg: false,
                    frac: 0,
                });
            }
        }
        k += 1;
    }
}

/// `m^n` exactly, or `None` if it needs more than 256 bits.
fn pow_u256(m: u128, n: u64) -> Option<U256> {
    // Fast path: the power fits 128 bits.
    if let Some(v) = u32::try_from(n).ok().and_then(|n| m.checked_pow(n)) {
        return Some([v as u64, (v >> 64) as u64, 0, 0]);
    }
    let mut acc: U256 = [1, 0, 0, 0];
    let mut b: U256 = [m as u64, (m >> 64) as u64, 0, 0];
    let mut k = n;
    while k > 0 {
        if k & 1 == 1 {
            acc = mul_u256(&acc, &b)?;
        }
        k >>= 1;
        if k > 0 {
            b = mul_u256(&b, &b)?;
        }
    }
    Some(acc)
}

/// `a / 10^k` rounded half-to-even (`k >= 1`), or `None` if the quotient exceeds 128 bits.
fn drop_digits_rounded(a: &U256, k: u64) -> Option<u128> {
    let (q, digit, sticky) = if let Some(v) = u256_to_u128(a) {
        // Fast path in u128: 10^38 is the largest power of ten it holds.
        match u32::try_from(k - 1).ok().filter(|&e| e <= 38) {
            Some(e) => {
                let p = pow10_u128(e);
                let q = v / p;
                (q / 10, q % 10, v % p != 0)
            }
            None => (0, 0, v != 0),
        }
    } else {
        let mut q = *a;
        let mut sticky = false;
        let mut left = k - 1;
        while left > 0 {
            let step = left.min(19);
            let d = u64::try_from(pow10_u128(u32::try_from(step).unwrap_or(19))).unwrap_or(1);
            let (qq, r) = divrem_u64(&q, d);
            sticky |= r != 0;
            q = qq;
            left -= step;
        }
        let (q, digit) = divrem_u64(&q, 10);
        (u256_to_u128(&q)?, u128::from(digit), sticky)
    };
    let up = digit > 5 || (digit == 5 && (sticky || q & 1 == 1));
    Some(q + u128::from(up))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap_or_default()
    }

    #[test]
    fn exact_cases() {
        assert_eq!(nth_root(d("8"), 3), Ok(d("2")));
        assert_eq!(nth_root(d("1.21"), 2), Ok(d("1.1")));
        assert_eq!(nth_root(d("-8"), 3), Ok(d("-2")));
        assert_eq!(powi(d("1.1"), 2), Ok(d("1.21")));
        assert_eq!(powd(d("4"), d("0.5")), Ok(d("2")));
        assert_eq!(exp(Decimal::ZERO), Ok(Decimal::ONE));
        assert_eq!(ln(Decimal::ONE), Ok(Decimal::ZERO));
        assert_eq!(powi(d("0.5"), 29), Ok(d("0.0000000018626451492309570312")));
        assert_eq!(powi(d("0.5"), 31), Ok(d("0.0000000004656612873077392578")));
        // Roots a hair below a rounding midpoint: decided by the exact check.
        assert_eq!(
            nth_root(d("10000000000000000000000000001"), 2),
            Ok(d("100000000000000"))
        );
        assert_eq!(
            nth_root(d("9999999999999999999999999999"), 2),
            Ok(d("99999999999999.99999999999999"))
        );
    }

    #[test]
    fn tie_check_is_exercised() {
        let x = d("10000000000000000000000000001");
        let g = to_grid(root_float(to_float(x), 2));
        assert!(g.is_some_and(|g| g.near_tie()));
    }

    #[test]
    fn errors() {
        assert!(ln(Decimal::ZERO).is_err());
        assert!(ln(d("-1")).is_err());
        assert!(nth_root(d("-4"), 2).is_err());
        assert!(nth_root(d("4"), 0).is_err());
        assert!(powd(d("-2"), d("0.5")).is_err());
        assert!(exp(d("100")).is_err());
        assert!(powi(Decimal::ZERO, -1).is_err());
        assert!(powi(Decimal::MAX, 2).is_err());
    }
}
