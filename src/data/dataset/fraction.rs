//! Figures held as an exact numerator over the CIF/FOB factor, so that a query divides once.
//!
//! A mirror figure converted from CIF to FOB is `cif / factor`; adding it to other figures after
//! rounding the quotient would round again (and the exact sum of a 28-digit quotient and another
//! value rarely fits a `Decimal`). Instead every figure is `numerator / denominator` with the
//! denominator 1 or the factor: sums, differences, halves and comparisons stay exact, and
//! [`Fraction::value`] divides once, half to even, at the end.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::totals::{add, sub};
use crate::error::{Error, Result};
use crate::ratio::Ratio;

/// `numerator / denominator`, the denominator 1 or a CIF/FOB factor (positive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fraction {
    numerator: Decimal,
    denominator: Decimal,
}

/// `a * b` exactly, or `None` when the product does not fit a `Decimal`.
pub(crate) fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (a, b) = (a.normalize(), b.normalize());
    let mut mantissa = a.mantissa().checked_mul(b.mantissa())?;
    let mut scale = a.scale() + b.scale();
    while scale > 28 && mantissa % 10 == 0 {
        mantissa /= 10;
        scale -= 1;
    }
    if scale > 28 {
        return None;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

pub(crate) fn mul(a: Decimal, b: Decimal) -> Result<Decimal> {
    exact_mul(a, b).ok_or_else(|| {
        Error::overflow(
            "trade figure",
            format!("{a} * {b} needs more than 28 significant digits"),
        )
    })
}

impl Fraction {
    /// A whole figure (denominator 1).
    pub(crate) fn whole(value: Decimal) -> Fraction {
        Fraction {
            numerator: value,
            denominator: Decimal::ONE,
        }
    }

    /// `numerator / denominator`; `denominator` must be positive (a CIF/FOB factor).
    pub(crate) fn over(numerator: Decimal, denominator: Decimal) -> Fraction {
        Fraction {
            numerator,
            denominator,
        }
    }

    /// The two numerators over a common denominator, and that denominator.
    fn common(self, other: Fraction) -> Result<(Decimal, Decimal, Decimal)> {
        if self.denominator == other.denominator {
            Ok((self.numerator, other.numerator, self.denominator))
        } else if self.denominator == Decimal::ONE {
            Ok((
                mul(self.numerator, other.denominator)?,
                other.numerator,
                other.denominator,
            ))
        } else if other.denominator == Decimal::ONE {
            Ok((
                self.numerator,
                mul(other.numerator, self.denominator)?,
                self.denominator,
            ))
        } else {
            let d = mul(self.denominator, other.denominator)?;
            Ok((
                mul(self.numerator, other.denominator)?,
                mul(other.numerator, self.denominator)?,
                d,
            ))
        }
    }

    /// `self + other`, exactly.
    pub(crate) fn plus(self, other: Fraction) -> Result<Fraction> {
        let (a, b, d) = self.common(other)?;
        Ok(Fraction::over(add(a, b)?, d))
    }

    /// `self - other`, exactly.
    pub(crate) fn minus(self, other: Fraction) -> Result<Fraction> {
        let (a, b, d) = self.common(other)?;
        Ok(Fraction::over(sub(a, b)?, d))
    }

    /// Half of it, exactly.
    pub(crate) fn half(self) -> Result<Fraction> {
        Ok(Fraction::over(
            mul(self.numerator, Decimal::new(5, 1))?,
            self.denominator,
        ))
    }

    /// The larger of the two, compared exactly.
    pub(crate) fn max(self, other: Fraction) -> Result<Fraction> {
        let (a, b, _) = self.common(other)?;
        Ok(match a.cmp(&b) {
            Ordering::Less => other,
            _ => self,
        })
    }

    pub(crate) fn numerator(self) -> Decimal {
        self.numerator
    }

    pub(crate) fn denominator(self) -> Decimal {
        self.denominator
    }

    /// The value: exact for a whole figure, else one division rounded half to even
    /// ([`Ratio::checked_div`]).
    pub(crate) fn value(self) -> Result<Decimal> {
        if self.denominator == Decimal::ONE {
            Ok(self.numerator)
        } else {
            Ratio::checked_div(self.numerator, self.denominator).map(Ratio::value)
        }
    }
}
