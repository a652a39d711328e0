//! The world's figures that trade intensity, RCA and diversification compare a country with.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::cache::Cache;
use super::gather::{country_by_product, country_total, value, Running, Total};
use crate::area::Area;
use crate::commodity::Commodity;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::Measure;
use crate::money::Money;
use crate::period::Period;

/// What a world figure stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum WorldBasis {
    /// Summed from the data set over these reporters: the "world" is the reporting countries,
    /// not every country on earth. Shared, not copied, by every value computed against the
    /// same [`World`].
    Reporters(Arc<[Area]>),
    /// Figures the caller supplied (from WITS, the IMF, ...).
    Supplied,
}

/// World exports in one period: the total, by destination and by product.
///
/// [`World::from_data`] sums them over the data set's reporters (each reporter's totals by the
/// rule of [`partner_share`](super::partner_share): its World record, else the sum over its
/// partners that are not aggregate areas). Computing it once and passing it to the `_with`
/// functions saves summing the world again for every pair.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct World {
    period: Period,
    total: Money,
    to_partner: BTreeMap<Area, Money>,
    by_product: BTreeMap<Commodity, Money>,
    basis: WorldBasis,
    /// The exact sums behind `total` and `to_partner` (which are rounded to 28 significant digits
    /// where they have more), for the indicators to compute from.
    #[cfg_attr(feature = "serde", serde(skip))]
    exact: Exact,
}

#[derive(Debug, Clone)]
struct Exact {
    total: Total,
    to_partner: BTreeMap<Area, Total>,
}

// Equality is by the figures shown; the exact sums behind them are derived from the same data.
impl PartialEq for Exact {
    fn eq(&self, _: &Exact) -> bool {
        true
    }
}

impl Eq for Exact {}

impl World {
    /// World exports in `period`, summed over the data set's reporters (countries and other
    /// non-aggregate reporters; a reporter's exports to itself are never in a data set).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when no reporter has exports in `period`; [`Error::Overflow`]
    /// when a sum exceeds a `Decimal`.
    ///
    /// The world of a period is computed once per data set and kept in its cache: asking again
    /// (or computing an indicator that needs it) copies it, and [`TradeData::profile`] does not
    /// sum it again.
    pub fn from_data(data: &TradeData, period: Period) -> Result<World> {
        World::shared(data, period).map(|w| w.as_ref().clone())
    }

    /// [`World::from_data`], shared from the data set's cache.
    pub(super) fn shared(data: &TradeData, period: Period) -> Result<Arc<World>> {
        Cache::world(data, period, || World::compute(data, period).map(Arc::new))
    }

    /// [`World::from_data`] summed from the records.
    fn compute(data: &TradeData, period: Period) -> Result<World> {
        let mut total: Option<Total> = None;
        let mut to_partner: BTreeMap<Area, Total> = BTreeMap::new();
        let mut by_product: BTreeMap<Commodity, Running> = BTreeMap::new();
        let mut reporters = Vec::new();
        for reporter in data.reporters().into_iter().filter(|r| !r.is_aggregate()) {
            let Some((x, _)) =
                country_total(data, reporter, Measure::Exports, Commodity::TOTAL, period)?
            else {
                continue;
            };
            reporters.push(reporter);
            match &mut total {
                Some(t) => t.plus_total(&x)?,
                None => total = Some(x),
            }
            for partner in data
                .partners(reporter)
                .into_iter()
                .filter(|p| !p.is_aggregate())
            {
                if let Some(v) = value(
                    data,
                    reporter,
                    partner,
                    Measure::Exports,
                    Commodity::TOTAL,
                    period,
                )? {
                    accumulate(&mut to_partner, partner, &v)?;
                }
            }
            for (k, v) in country_by_product(data, reporter, Measure::Exports, period)? {
                match by_product.entry(k) {
                    std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().plus(v)?,
                    std::collections::btree_map::Entry::Vacant(e) => {
                        e.insert(Running::Small(v));
                    }
                }
            }
        }
        let total = total.ok_or_else(|| Error::InvalidArgument {
            reason: format!(
                "no reporter in the data set has exports in {period}: there is no world to compare with"
            ),
        })?;
        let money = |m: &BTreeMap<_, Total>| -> Result<BTreeMap<_, Money>> {
            m.iter().map(|(k, t)| Ok((*k, t.money()?))).collect()
        };
        Ok(World {
            period,
            total: total.money()?,
            to_partner: money(&to_partner)?,
            by_product: by_product
                .into_iter()
                .map(|(k, t)| Ok((k, t.total().money()?)))
                .collect::<Result<_>>()?,
            basis: WorldBasis::Reporters(reporters.into()),
            exact: Exact { total, to_partner },
        })
    }

    /// World figures the caller supplies: total exports, exports by destination and by product.
    pub fn supplied(
        period: Period,
        total: Money,
        to_partner: impl IntoIterator<Item = (Area, Money)>,
        by_product: impl IntoIterator<Item = (Commodity, Money)>,
    ) -> World {
        let to_partner: BTreeMap<Area, Money> = to_partner.into_iter().collect();
        World {
            period,
            total,
            exact: Exact {
                total: Total::of(total),
                to_partner: to_partner
                    .iter()
                    .map(|(k, v)| (*k, Total::of(*v)))
                    .collect(),
            },
            to_partner,
            by_product: by_product.into_iter().collect(),
            basis: WorldBasis::Supplied,
        }
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Total world exports, `X_w`.
    pub fn total(&self) -> Money {
        self.total
    }

    /// World exports to `partner`, `x_wb` (`None` where no reporter exported to it).
    pub fn exports_to(&self, partner: Area) -> Option<Money> {
        self.to_partner.get(&partner).copied()
    }

    /// World exports of `product`, `x_wk`.
    pub fn exports_of(&self, product: Commodity) -> Option<Money> {
        self.by_product.get(&product).copied()
    }

    /// World exports by product.
    pub fn by_product(&self) -> impl Iterator<Item = (Commodity, Money)> + '_ {
        self.by_product.iter().map(|(k, v)| (*k, *v))
    }

    /// What the figures stand for.
    pub fn basis(&self) -> &WorldBasis {
        &self.basis
    }

    pub(super) fn exact_total(&self) -> &Total {
        &self.exact.total
    }

    pub(super) fn exact_exports_to(&self, partner: Area) -> Option<&Total> {
        self.exact.to_partner.get(&partner)
    }
}

fn accumulate<K: Ord>(map: &mut BTreeMap<K, Total>, key: K, v: &Total) -> Result<()> {
    match map.entry(key) {
        std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().plus_total(v),
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(v.clone());
            Ok(())
        }
    }
}
