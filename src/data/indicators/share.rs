//! Shares and relative shares: partner shares, trade intensity, revealed comparative advantage.

use std::fmt;

use rust_decimal::Decimal;

use super::gather::Total;
use super::world::WorldBasis;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::ratio::Ratio;

/// Where the total behind a share came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TotalSource {
    /// The reporter's own record of its trade with the World (Comtrade partner 0).
    WorldRecord,
    /// The sum over the reporter's partners, aggregate areas (World, "n.e.s.") excluded.
    SumOfPartners,
    /// The pair's own total (reported, or summed from its products by the totals rule): the
    /// denominator of a product's share in a pair's trade.
    PairTotal,
    /// A figure the caller supplied, or world figures.
    Supplied,
}

/// A part of a total: `part / total`, with both kept.
///
/// ```
/// use tradestat::indicators::{Share, TotalSource};
///
/// let share = Share::new("$30bn".parse()?, "$200bn".parse()?, TotalSource::Supplied)?;
/// assert_eq!(share.value().to_string(), "0.15");
/// assert_eq!(format!("{share:.1}"), "0.2"); // half to even: 0.15 -> 0.2
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Share {
    part: Money,
    total: Money,
    source: TotalSource,
    value: Ratio,
}

impl Share {
    /// The share `part / total`, one division rounded half to even at 28 significant digits.
    ///
    /// # Errors
    ///
    /// [`Error::CurrencyMismatch`] when the two differ in currency; [`Error::Undefined`] when
    /// `total` is zero; [`Error::InvalidArgument`] when either is negative or the part exceeds
    /// the total (a share above 1: the total is inconsistent with its part).
    pub fn new(part: Money, total: Money, source: TotalSource) -> Result<Share> {
        same_currency("share", &part, &total)?;
        check_part(&Total::of(part), &Total::of(total), source)?;
        if total.is_zero() {
            return Err(Error::undefined(
                "share",
                format!("{part} / {total}"),
                "the total is zero",
            ));
        }
        let value = Ratio::checked_div(part.amount(), total.amount())?;
        Ok(Share {
            part,
            total,
            source,
            value,
        })
    }

    /// The share of two exact sums: computed from the sums, rounded once; the `part` and `total`
    /// it keeps are the sums as `Money` (rounded half to even to 28 significant digits where a sum
    /// has more digits than a `Decimal` holds).
    pub(super) fn from_totals(part: &Total, total: &Total, source: TotalSource) -> Result<Share> {
        check_part(part, total, source)?;
        if total.is_zero() {
            return Err(Error::undefined(
                "share",
                format!("{} / {}", part.money()?, total.money()?),
                "the total is zero",
            ));
        }
        let value = part.exact().div(total.exact()).map_err(|e| {
            e.into_error(
                "share",
                format!(
                    "{} / {}",
                    part.money().map(|m| m.to_string()).unwrap_or_default(),
                    total.currency()
                ),
            )
        })?;
        Ok(Share {
            part: part.money()?,
            total: total.money()?,
            source,
            value: Ratio::new(value),
        })
    }

    /// The share as a fraction (0.15 for 15%).
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The share as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// The numerator.
    pub fn part(&self) -> Money {
        self.part
    }

    /// The denominator.
    pub fn total(&self) -> Money {
        self.total
    }

    /// Where the total came from.
    pub fn source(&self) -> TotalSource {
        self.source
    }
}

impl fmt::Display for Share {
    /// The fraction, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

/// A share relative to a reference share: `(part / total) / (reference part / reference total)`.
///
/// Trade intensity and Balassa's revealed comparative advantage are both of this form; the value
/// is computed by cross-multiplying exactly, `(part · reference total) / (total · reference
/// part)`, and rounded once, half to even, at 28 significant digits, so that small shares keep
/// their digits.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RelativeShare {
    share: Share,
    reference: Share,
    world: WorldBasis,
    value: Ratio,
}

/// Trade intensity, `T_ab = (x_ab / X_a) / (x_wb / X_w)`: above 1 when `a` exports more to `b`
/// than the world's exports to `b` would suggest.
pub type TradeIntensity = RelativeShare;

/// Balassa's revealed comparative advantage, `RCA_ak = (x_ak / X_a) / (x_wk / X_w)`: above 1 when
/// product `k` weighs more in `a`'s exports than in the world's.
pub type Rca = RelativeShare;

impl RelativeShare {
    /// `share / reference`, with a reference the caller supplied.
    ///
    /// # Errors
    ///
    /// [`Error::Undefined`] when the reference share is zero (its part is zero).
    pub fn new(share: Share, reference: Share) -> Result<RelativeShare> {
        RelativeShare::with_world(share, reference, WorldBasis::Supplied)
    }

    /// `share / reference`, the reference being world figures of the stated basis.
    ///
    /// # Errors
    ///
    /// As [`RelativeShare::new`].
    pub(super) fn with_world(
        share: Share,
        reference: Share,
        world: WorldBasis,
    ) -> Result<RelativeShare> {
        let numerators = [Total::of(share.part), Total::of(reference.total)];
        let denominators = [Total::of(share.total), Total::of(reference.part)];
        RelativeShare::from_totals(
            share,
            reference,
            world,
            [&numerators[0], &numerators[1]],
            [&denominators[0], &denominators[1]],
        )
    }

    /// `share / reference` from the exact sums behind them: `numerators` are the share's part and
    /// the reference's total, `denominators` the share's total and the reference's part.
    pub(super) fn from_totals(
        share: Share,
        reference: Share,
        world: WorldBasis,
        numerators: [&Total; 2],
        denominators: [&Total; 2],
    ) -> Result<RelativeShare> {
        let describe = || {
            format!(
                "({} / {}) / ({} / {})",
                share.part, share.total, reference.part, reference.total
            )
        };
        if denominators.iter().any(|t| t.is_zero()) {
            return Err(Error::undefined(
                "relative share",
                describe(),
                "the reference share is zero",
            ));
        }
        let value = numerators[0]
            .exact()
            .mul(numerators[1].exact())
            .div(&denominators[0].exact().mul(denominators[1].exact()))
            .map_err(|e| e.into_error("relative share", describe()))?;
        Ok(RelativeShare {
            share,
            reference,
            world,
            value: Ratio::new(value),
        })
    }

    /// The value (1 is neutral: the share equals the reference share).
    pub fn value(&self) -> Decimal {
        self.value.value()
    }

    /// The value as a [`Ratio`], for printing.
    pub fn ratio(&self) -> Ratio {
        self.value
    }

    /// The share being compared (x_ab / X_a for intensity, x_ak / X_a for RCA).
    pub fn share(&self) -> &Share {
        &self.share
    }

    /// The share it is compared with (x_wb / X_w for intensity, x_wk / X_w for RCA).
    pub fn reference(&self) -> &Share {
        &self.reference
    }

    /// What the reference's world figures stand for.
    pub fn world(&self) -> &WorldBasis {
        &self.world
    }
}

impl fmt::Display for RelativeShare {
    /// The value, rounded half to even at the formatter's precision.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.value, f)
    }
}

/// Fails with [`Error::CurrencyMismatch`] unless both amounts share a currency.
/// A share's part and total must be zero or more, and the part no larger than the total.
pub(super) fn check_part(part: &Total, total: &Total, source: TotalSource) -> Result<()> {
    let text = |t: &Total| t.money().map_or_else(|e| e.to_string(), |m| m.to_string());
    if part.exact().is_negative() || total.exact().is_negative() {
        return Err(Error::InvalidArgument {
            reason: format!(
                "share of {} in {}: a share of a negative figure has no meaning (trade flows are zero or more)",
                text(part),
                text(total)
            ),
        });
    }
    if part.exact().greater_than(total.exact()) {
        let hint = match source {
            TotalSource::WorldRecord => {
                ": the World record is smaller than this partner's figure (see TradeData::inconsistencies, Breakdown::Partners)"
            }
            TotalSource::PairTotal => {
                ": the pair's reported total is smaller than this product's figure (see TradeData::inconsistencies)"
            }
            _ => "",
        };
        return Err(Error::InvalidArgument {
            reason: format!(
                "share above 1: the part {} exceeds the total {}{hint}",
                text(part),
                text(total)
            ),
        });
    }
    Ok(())
}

pub(super) fn same_currency(operation: &'static str, a: &Money, b: &Money) -> Result<()> {
    if a.currency() == b.currency() {
        Ok(())
    } else {
        Err(Error::CurrencyMismatch {
            operation,
            left: a.currency(),
            right: b.currency(),
        })
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
    fn intensity_by_hand() {
        // a exports 30 to b of its 200 in all: 0.15. The world exports 50 to b of 1000: 0.05.
        // Intensity 0.15 / 0.05 = 3 = (30 * 1000) / (200 * 50) = 30000 / 10000.
        let s = Share::new(usd("30"), usd("200"), TotalSource::Supplied).unwrap();
        let w = Share::new(usd("50"), usd("1000"), TotalSource::Supplied).unwrap();
        let t = RelativeShare::new(s, w).unwrap();
        assert_eq!(t.value(), Decimal::from(3));
    }

    #[test]
    fn tiny_shares_keep_their_digits() {
        // (1e-20 / 3) / (1e-20 / 7) = 7/3; rounding each share first would leave 2.333333333.
        let s = Share::new(
            usd("0.00000000000000000001"),
            usd("3"),
            TotalSource::Supplied,
        )
        .unwrap();
        let w = Share::new(
            usd("0.00000000000000000001"),
            usd("7"),
            TotalSource::Supplied,
        )
        .unwrap();
        let t = RelativeShare::new(s, w).unwrap();
        assert_eq!(
            t.value(),
            Decimal::from_str_exact("2.3333333333333333333333333333").unwrap()
        );
    }

    #[test]
    fn undefined_cases() {
        assert!(Share::new(usd("1"), usd("0"), TotalSource::Supplied).is_err());
        let s = Share::new(usd("1"), usd("2"), TotalSource::Supplied).unwrap();
        let zero = Share::new(usd("0"), usd("2"), TotalSource::Supplied).unwrap();
        assert!(RelativeShare::new(s, zero).is_err());
        let eur = Money::new(Decimal::ONE, Currency::EUR);
        assert!(Share::new(usd("1"), eur, TotalSource::Supplied).is_err());
    }
}
