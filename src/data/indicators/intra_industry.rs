//! Intra-industry trade: the Grubel-Lloyd index.

use std::fmt;

use rust_decimal::Decimal;

use super::share::same_currency;
use crate::error::{Error, Result};
use crate::math::ExactDecimal;
use crate::money::Money;
use crate::ratio::Ratio;

/// The Grubel-Lloyd index of intra-industry trade, `1 - |x - m| / (x + m)`: 1 when exports equal
/// imports, 0 when trade runs one way only.
///
/// For several products, WITS's trade-weighted aggregate `1 - Σ|x_k - m_k| / Σ(x_k + m_k)`
/// ([`GrubelLloyd::aggregate`]); one product is the aggregate of one. The value is formed exactly
/// as `(Σ(x_k + m_k) - Σ|x_k - m_k|) / Σ(x_k + m_k)` and rounded once, half to even.
///
/// ```
/// use tradestat::indicators::GrubelLloyd;
///
/// // Exports 30, imports 10: 1 - 20 / 40 = 0.5.
/// let gl = GrubelLloyd::new("$30m".parse()?, "$10m".parse()?)?;
/// assert_eq!(gl.value().to_string(), "0.5");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GrubelLloyd {
    exports: Money,
    imports: Money,
    imbalance: Money,
    products: usize,
    value: Ratio,
}

impl GrubelLloyd {
    /// The index for one product (or for total trade).
    ///
    /// # Errors
    ///
    /// As [`GrubelLloyd::aggregate`].
    pub fn new(exports: Money, imports: Money) -> Result<GrubelLloyd> {
        GrubelLloyd::aggregate([(exports, imports)])
    }

    /// The trade-weighted index over products, from each product's `(exports, imports)`.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] for mixed currencies; [`Error::InvalidArgument`] for a
    /// negative flow; [`Error::Undefined`] when exports plus imports are zero (or no product is
    /// given); [`Error::Overflow`] when a sum exceeds a `Decimal`.
    pub fn aggregate(flows: impl IntoIterator<Item = (Money, Money)>) -> Result<GrubelLloyd> {
        let mut currency = None;
        let (mut x, mut m, mut gap) = (
            ExactDecimal::zero(),
            ExactDecimal::zero(),
            ExactDecimal::zero(),
        );
        let mut products = 0usize;
        for (exports, imports) in flows {
            same_currency("Grubel-Lloyd index", &exports, &imports)?;
            if let Some(first) = currency {
                same_currency("Grubel-Lloyd index", &first, &exports)?;
            } else {
                currency = Some(exports);
            }
            if exports.is_negative() || imports.is_negative() {
                return Err(Error::InvalidArgument {
                    reason: format!(
                        "Grubel-Lloyd index of exports {exports} and imports {imports}: trade flows cannot be negative"
                    ),
                });
            }
            let (ex, im) = (
                ExactDecimal::from(exports.amount()),
                ExactDecimal::from(imports.amount()),
            );
            gap = gap.add(&ex.sub(&im).abs());
            x = x.add(&ex);
            m = m.add(&im);
            products += 1;
        }
        let Some(first) = currency else {
            return Err(Error::undefined(
                "Grubel-Lloyd index",
                "no products",
                "exports plus imports are zero",
            ));
        };
        let total = x.add(&m);
        let money = |e: &ExactDecimal, what: &str| -> Result<Money> {
            e.to_decimal()
                .map(|d| Money::new(d, first.currency()))
                .map_err(|err| err.into_error("Grubel-Lloyd index", what.to_owned()))
        };
        let (exports, imports, imbalance) = (
            money(&x, "exports")?,
            money(&m, "imports")?,
            money(&gap, "imbalance")?,
        );
        let value = total.sub(&gap).div(&total).map_err(|err| {
            err.into_error(
                "Grubel-Lloyd index",
                format!("exports {exports} and imports {imports}"),
            )
        })?;
        Ok(GrubelLloyd {
            exports,
            imports,
            imbalance,
            products,
            value: Ratio::new(value),
        })
    }

    /// The index, in [0, 1].
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The index as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// Total exports over the products.
    pub fn exports(&self) -> Money {
        self.exports
    }

    /// Total imports over the products.
    pub fn imports(&self) -> Money {
        self.imports
    }

    /// `Σ|x_k - m_k|`, the trade that is not matched within products.
    pub fn imbalance(&self) -> Money {
        self.imbalance
    }

    /// How many products the index covers.
    pub fn products(&self) -> usize {
        self.products
    }
}

impl fmt::Display for GrubelLloyd {
    /// The index, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    fn usd(s: &str) -> Money {
        Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
    }

    #[test]
    fn by_hand() {
        // Equal flows: 1. One-way: 0. 30 vs 10: 1 - 20/40 = 0.5.
        assert_eq!(
            GrubelLloyd::new(usd("7"), usd("7")).unwrap().value(),
            Decimal::ONE
        );
        assert_eq!(
            GrubelLloyd::new(usd("7"), usd("0")).unwrap().value(),
            Decimal::ZERO
        );
        assert_eq!(
            GrubelLloyd::new(usd("10"), usd("30")).unwrap().value(),
            Decimal::new(5, 1)
        );
        // Aggregate of (30, 10) and (0, 20): 1 - (20 + 20) / (40 + 20) = 1/3; the plain index of
        // the totals (30, 30) would say 1.
        let agg = GrubelLloyd::aggregate([(usd("30"), usd("10")), (usd("0"), usd("20"))]).unwrap();
        assert_eq!(
            agg.value(),
            Decimal::from_str_exact("0.3333333333333333333333333333").unwrap()
        );
        assert_eq!(agg.imbalance(), usd("40"));
        assert_eq!(agg.products(), 2);
    }

    #[test]
    fn undefined_and_invalid() {
        assert!(GrubelLloyd::new(usd("0"), usd("0")).is_err());
        assert!(GrubelLloyd::new(usd("-1"), usd("3")).is_err());
        assert!(GrubelLloyd::aggregate(Vec::new()).is_err());
    }
}
