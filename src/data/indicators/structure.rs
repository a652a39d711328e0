//! Comparing trade structures: trade complementarity and export diversification.
//!
//! Both measure half the distance `D = Σ_k |a_k / A - b_k / B| / 2` between two product
//! structures (0 when identical, 1 when disjoint). It is formed exactly as
//! `Σ_k |a_k B - b_k A| / (2 A B)` and rounded once, half to even.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;

use super::share::same_currency;
use crate::error::{Error, Result};
use crate::math::ExactDecimal;
use crate::money::Money;
use crate::ratio::Ratio;

/// WITS's trade complementarity index, `100 (1 - Σ_k |m_k - x_k| / 2)` with `m_k` the product
/// shares of the importer's imports and `x_k` those of the exporter's exports: 100 when the
/// exporter sells exactly what the importer buys, 0 when nothing in common.
///
/// ```
/// use tradestat::indicators::Complementarity;
/// use tradestat::Money;
///
/// // Exporter: 60 of product "a", 40 of "b". Importer: 20 of "a", 80 of "c".
/// // |0.2 - 0.6| + |0 - 0.4| + |0.8 - 0| = 1.6; 100 (1 - 0.8) = 20.
/// let exporter: Vec<(&str, Money)> = vec![("a", "$60m".parse()?), ("b", "$40m".parse()?)];
/// let importer: Vec<(&str, Money)> = vec![("a", "$20m".parse()?), ("c", "$80m".parse()?)];
/// assert_eq!(Complementarity::new(exporter, importer)?.value().to_string(), "20");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Complementarity<K> {
    exporter: Vec<(K, Money)>,
    importer: Vec<(K, Money)>,
    value: Ratio,
}

impl<K: Ord + Clone> Complementarity<K> {
    /// The index from the exporter's exports and the importer's imports by product.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for mixed currencies; [`Error::InvalidArgument`] for a
    /// negative value or a product given twice; [`Error::Undefined`] when either side has no
    /// trade.
    pub fn new(
        exporter_exports: impl IntoIterator<Item = (K, Money)>,
        importer_imports: impl IntoIterator<Item = (K, Money)>,
    ) -> Result<Complementarity<K>> {
        let exporter: Vec<_> = exporter_exports.into_iter().collect();
        let importer: Vec<_> = importer_imports.into_iter().collect();
        let (gap, twice_ab) = half_distance("trade complementarity", &exporter, &importer)?;
        // 100 (2AB - Σ|...|) / (2AB)
        let hundred = ExactDecimal::from(Decimal::ONE_HUNDRED);
        let value = hundred
            .mul(&twice_ab.sub(&gap))
            .div(&twice_ab)
            .map_err(|e| e.into_error("trade complementarity", "the product structures".into()))?;
        Ok(Complementarity {
            exporter,
            importer,
            value: Ratio::new(value),
        })
    }
}

impl<K> Complementarity<K> {
    /// The index, between 0 and 100.
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The index as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// The exporter's exports by product, as given.
    pub fn exporter(&self) -> &[(K, Money)] {
        &self.exporter
    }

    /// The importer's imports by product, as given.
    pub fn importer(&self) -> &[(K, Money)] {
        &self.importer
    }
}

/// UNCTAD's export diversification index, `Σ_k |h_k - w_k| / 2` with `h_k` the product shares of
/// a country's exports and `w_k` those of world exports: 0 when the country's export structure is
/// the world's, towards 1 the more it differs.
///
/// ```
/// use tradestat::indicators::Diversification;
/// use tradestat::Money;
///
/// // Country: all in "a". World: half "a", half "b". (|1 - 0.5| + |0 - 0.5|) / 2 = 0.5.
/// let country: Vec<(&str, Money)> = vec![("a", "$10m".parse()?)];
/// let world: Vec<(&str, Money)> = vec![("a", "$50m".parse()?), ("b", "$50m".parse()?)];
/// assert_eq!(Diversification::new(country, world)?.value().to_string(), "0.5");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Diversification<K> {
    country: Vec<(K, Money)>,
    world: Vec<(K, Money)>,
    value: Ratio,
}

impl<K: Ord + Clone> Diversification<K> {
    /// The index from a country's exports and world exports by product.
    ///
    /// # Errors
    ///
    /// As [`Complementarity::new`].
    pub fn new(
        country_exports: impl IntoIterator<Item = (K, Money)>,
        world_exports: impl IntoIterator<Item = (K, Money)>,
    ) -> Result<Diversification<K>> {
        let country: Vec<_> = country_exports.into_iter().collect();
        let world: Vec<_> = world_exports.into_iter().collect();
        let (gap, twice_ab) = half_distance("export diversification", &country, &world)?;
        let value = gap
            .div(&twice_ab)
            .map_err(|e| e.into_error("export diversification", "the product structures".into()))?;
        Ok(Diversification {
            country,
            world,
            value: Ratio::new(value),
        })
    }
}

impl<K> Diversification<K> {
    /// The index, between 0 and 1.
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The index as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// The country's exports by product, as given.
    pub fn country(&self) -> &[(K, Money)] {
        &self.country
    }

    /// World exports by product, as given.
    pub fn world(&self) -> &[(K, Money)] {
        &self.world
    }
}

impl<K> fmt::Display for Complementarity<K> {
    /// The index, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

impl<K> fmt::Display for Diversification<K> {
    /// The index, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

/// `(Σ_k |a_k B - b_k A|, 2 A B)` exactly, for structures `a` and `b` aligned by key.
fn half_distance<K: Ord + Clone>(
    operation: &'static str,
    a: &[(K, Money)],
    b: &[(K, Money)],
) -> Result<(ExactDecimal, ExactDecimal)> {
    let first = a.first().or(b.first()).map(|(_, m)| *m);
    let mut aligned: BTreeMap<K, (ExactDecimal, ExactDecimal)> = BTreeMap::new();
    let (mut total_a, mut total_b) = (ExactDecimal::zero(), ExactDecimal::zero());
    for (side, values) in [(0, a), (1, b)] {
        for (key, value) in values {
            if let Some(first) = &first {
                same_currency(operation, first, value)?;
            }
            if value.is_negative() {
                return Err(Error::InvalidArgument {
                    reason: format!(
                        "{operation}: value {value} is negative; trade flows cannot be"
                    ),
                });
            }
            let v = ExactDecimal::from(value.amount());
            let slot = aligned
                .entry(key.clone())
                .or_insert_with(|| (ExactDecimal::zero(), ExactDecimal::zero()));
            let target = if side == 0 { &mut slot.0 } else { &mut slot.1 };
            if !target.is_zero() {
                return Err(Error::InvalidArgument {
                    reason: format!("{operation}: a product appears twice on one side"),
                });
            }
            *target = v.clone();
            if side == 0 {
                total_a = total_a.add(&v);
            } else {
                total_b = total_b.add(&v);
            }
        }
    }
    if total_a.is_zero() || total_b.is_zero() {
        return Err(Error::undefined(
            operation,
            format!("{} and {} product value(s)", a.len(), b.len()),
            "one side has no trade, so it has no product shares",
        ));
    }
    let gap = aligned.values().fold(ExactDecimal::zero(), |acc, (x, y)| {
        acc.add(&x.mul(&total_b).sub(&y.mul(&total_a)).abs())
    });
    let twice = ExactDecimal::from(Decimal::TWO).mul(&total_a).mul(&total_b);
    Ok((gap, twice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn usd(v: i64) -> Money {
        Money::new(Decimal::from(v), Currency::USD)
    }

    #[test]
    fn identical_and_disjoint_structures() {
        // Same shares (scaled by 3): complementarity 100, diversification 0.
        let a = [(1, usd(2)), (2, usd(8))];
        let b = [(1, usd(6)), (2, usd(24))];
        assert_eq!(
            Complementarity::new(a, b).unwrap().value(),
            Decimal::ONE_HUNDRED
        );
        assert_eq!(Diversification::new(a, b).unwrap().value(), Decimal::ZERO);
        // Nothing in common: 0 and 1.
        let c = [(3, usd(5))];
        assert_eq!(Complementarity::new(a, c).unwrap().value(), Decimal::ZERO);
        assert_eq!(Diversification::new(a, c).unwrap().value(), Decimal::ONE);
    }

    #[test]
    fn thirds() {
        // a: 1, 2 (shares 1/3, 2/3); b: 1, 1 (1/2, 1/2). D = (1/6 + 1/6) / 2 = 1/6.
        let a = [(1, usd(1)), (2, usd(2))];
        let b = [(1, usd(1)), (2, usd(1))];
        assert_eq!(
            Diversification::new(a, b).unwrap().value(),
            Decimal::from_str_exact("0.1666666666666666666666666667").unwrap()
        );
        // 100 (1 - 1/6) = 83.33...: 28 digits (29 would exceed the 96-bit mantissa).
        assert_eq!(
            Complementarity::new(a, b).unwrap().value(),
            Decimal::from_str_exact("83.33333333333333333333333333").unwrap()
        );
    }

    #[test]
    fn undefined_and_invalid() {
        assert!(Diversification::new([(1, usd(0))], [(1, usd(3))]).is_err());
        assert!(Diversification::new([(1, usd(1)), (1, usd(2))], [(1, usd(3))]).is_err());
        assert!(Complementarity::new([(1, usd(-1))], [(1, usd(3))]).is_err());
    }
}
