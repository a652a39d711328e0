//! Exact decimal mathematics. (Stub: signatures only.)

use rust_decimal::Decimal;

use crate::error::{Error, Result};

/// The `n`th root of `x`.
pub fn nth_root(x: Decimal, n: u32) -> Result<Decimal> {
    Err(Error::undefined(
        "nth_root",
        format!("{x}, {n}"),
        "not yet implemented",
    ))
}

/// The natural logarithm of `x`.
pub fn ln(x: Decimal) -> Result<Decimal> {
    Err(Error::undefined("ln", x.to_string(), "not yet implemented"))
}

/// e to the power `x`.
pub fn exp(x: Decimal) -> Result<Decimal> {
    Err(Error::undefined(
        "exp",
        x.to_string(),
        "not yet implemented",
    ))
}

/// `x` to the power `y`.
pub fn powd(x: Decimal, y: Decimal) -> Result<Decimal> {
    Err(Error::undefined(
        "powd",
        format!("{x}, {y}"),
        "not yet implemented",
    ))
}

/// `x` to the integer power `n`.
pub fn powi(x: Decimal, n: i64) -> Result<Decimal> {
    Err(Error::undefined(
        "powi",
        format!("{x}, {n}"),
        "not yet implemented",
    ))
}
