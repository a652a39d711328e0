//! Concentration: the Herfindahl-Hirschman index over partners or products.

use std::fmt;

use rust_decimal::Decimal;

use super::share::same_currency;
use crate::error::{Error, Result};
use crate::math::ExactDecimal;
use crate::money::Money;
use crate::ratio::Ratio;

/// The Herfindahl-Hirschman index as WITS computes it: the sum of squared shares `Σ (v_k / V)^2`,
/// between `1/N` (equal shares) and 1 (one component), with `N` the number of components with
/// non-zero trade. [`Hhi::normalized`] rescales it to `(H - 1/N) / (1 - 1/N)`, between 0 and 1.
///
/// The components (partners or products, `K`) and their values are kept. The value is formed
/// exactly as `Σ v_k^2 / (Σ v_k)^2` and rounded once, half to even.
///
/// ```
/// use tradestat::indicators::Hhi;
/// use tradestat::Money;
///
/// // Shares 0.5, 0.3, 0.2: 0.25 + 0.09 + 0.04 = 0.38; normalized (0.38 - 1/3) / (2/3) = 0.07.
/// let parts: Vec<(&str, Money)> =
///     vec![("A", "$50m".parse()?), ("B", "$30m".parse()?), ("C", "$20m".parse()?)];
/// let hhi = Hhi::new(parts)?;
/// assert_eq!(hhi.value().to_string(), "0.38");
/// assert_eq!(hhi.normalized()?.value().to_string(), "0.07");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Hhi<K> {
    components: Vec<(K, Money)>,
    total: Money,
    nonzero: usize,
    normalized: bool,
    value: Ratio,
}

impl<K: Clone> Hhi<K> {
    /// The index of `components` (zero values are kept but do not count towards `N`).
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for mixed currencies; [`Error::InvalidArgument`] for a
    /// negative value; [`Error::Undefined`] when the values sum to zero (no trade).
    pub fn new(components: impl IntoIterator<Item = (K, Money)>) -> Result<Hhi<K>> {
        let components: Vec<(K, Money)> = components.into_iter().collect();
        let (sum, squares, nonzero) = sums(&components)?;
        let total = total_money(&components, &sum)?;
        let value = squares
            .div(&sum.mul(&sum))
            .map_err(|e| e.into_error("Herfindahl-Hirschman index", format!("total {total}")))?;
        Ok(Hhi {
            components,
            total,
            nonzero,
            normalized: false,
            value: Ratio::new(value),
        })
    }

    /// The normalized index `(H - 1/N) / (1 - 1/N)`, formed exactly as
    /// `(N Σv^2 - (Σv)^2) / ((N - 1) (Σv)^2)` and rounded once.
    ///
    /// # Errors
    ///
    /// [`Error::Undefined`] when fewer than two components have non-zero trade.
    pub fn normalized(&self) -> Result<Hhi<K>> {
        if self.nonzero < 2 {
            return Err(Error::undefined(
                "normalized Herfindahl-Hirschman index",
                format!("{} component(s) with non-zero trade", self.nonzero),
                "it needs at least two components with non-zero trade",
            ));
        }
        let (sum, squares, n) = sums(&self.components)?;
        let n = ExactDecimal::from(Decimal::from(n));
        let square_of_sum = sum.mul(&sum);
        let value = n
            .mul(&squares)
            .sub(&square_of_sum)
            .div(&n.sub(&ExactDecimal::from(Decimal::ONE)).mul(&square_of_sum))
            .map_err(|e| {
                e.into_error(
                    "normalized Herfindahl-Hirschman index",
                    format!("total {}", self.total),
                )
            })?;
        Ok(Hhi {
            normalized: true,
            value: Ratio::new(value),
            ..self.clone()
        })
    }
}

impl<K> Hhi<K> {
    /// The index.
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The index as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// The components and their values, as given.
    pub fn components(&self) -> &[(K, Money)] {
        &self.components
    }

    /// The sum of the values.
    pub fn total(&self) -> Money {
        self.total
    }

    /// `N`: how many components have non-zero trade.
    pub fn count(&self) -> usize {
        self.nonzero
    }

    /// Whether this is the normalized index.
    pub fn is_normalized(&self) -> bool {
        self.normalized
    }
}

impl<K> fmt::Display for Hhi<K> {
    /// The index, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

/// `(Σv, Σv^2, N)` exactly, after checking currencies and signs; an error when `Σv` is zero.
fn sums<K>(components: &[(K, Money)]) -> Result<(ExactDecimal, ExactDecimal, usize)> {
    let (mut sum, mut squares, mut nonzero) = (ExactDecimal::zero(), ExactDecimal::zero(), 0usize);
    let first = components.first().map(|(_, m)| *m);
    for (_, value) in components {
        if let Some(first) = &first {
            same_currency("Herfindahl-Hirschman index", first, value)?;
        }
        if value.is_negative() {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "Herfindahl-Hirschman index: value {value} is negative; trade shares cannot be"
                ),
            });
        }
        let v = ExactDecimal::from(value.amount());
        squares = squares.add(&v.mul(&v));
        sum = sum.add(&v);
        nonzero += usize::from(!value.is_zero());
    }
    if sum.is_zero() {
        return Err(Error::undefined(
            "Herfindahl-Hirschman index",
            format!("{} component(s)", components.len()),
            "the values sum to zero: there is no trade to share",
        ));
    }
    Ok((sum, squares, nonzero))
}

fn total_money<K>(components: &[(K, Money)], sum: &ExactDecimal) -> Result<Money> {
    let currency = components
        .first()
        .map(|(_, m)| m.currency())
        .unwrap_or(crate::Currency::USD);
    sum.to_decimal()
        .map(|d| Money::new(d, currency))
        .map_err(|e| {
            e.into_error(
                "Herfindahl-Hirschman index",
                "the sum of the values".to_owned(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn usd(v: i64) -> Money {
        Money::new(Decimal::from(v), Currency::USD)
    }

    #[test]
    fn by_hand() {
        // One partner: 1. Four equal: 4 * (1/4)^2 = 0.25, normalized 0.
        assert_eq!(Hhi::new([(1, usd(5))]).unwrap().value(), Decimal::ONE);
        let equal = Hhi::new((0..4).map(|k| (k, usd(3)))).unwrap();
        assert_eq!(equal.value(), Decimal::new(25, 2));
        assert_eq!(equal.normalized().unwrap().value(), Decimal::ZERO);
        // 2 and 1: 4/9 + 1/9 = 5/9 = 0.5555...6; normalized (2*5 - 9) / (1 * 9) = 1/9.
        let h = Hhi::new([("a", usd(2)), ("b", usd(1)), ("c", usd(0))]).unwrap();
        assert_eq!(
            h.value(),
            Decimal::from_str_exact("0.5555555555555555555555555556").unwrap()
        );
        assert_eq!(h.count(), 2);
        assert_eq!(
            h.normalized().unwrap().value(),
            Decimal::from_str_exact("0.1111111111111111111111111111").unwrap()
        );
    }

    #[test]
    fn undefined_cases() {
        assert!(Hhi::new([(1, usd(5))]).unwrap().normalized().is_err());
        assert!(Hhi::new([(1, usd(0))]).is_err());
        assert!(Hhi::<u8>::new([]).is_err());
        assert!(Hhi::new([(1, usd(-1)), (2, usd(3))]).is_err());
    }
}
