//! Whole tables of one indicator for a period: every country and product, every reporter and
//! partner, every reporter. Each table runs once over the data set's reporters, reading every
//! country's total and the world from the data set's cache (computed once), and each cell is
//! computed by the same code as the per-pair function, so a table's cell and the function's
//! value are equal, digit for digit, and refused alike.

use super::concentration::Hhi;
use super::gather::{country_total, non_negative, value, Total};
use super::query::{hhi_components, intensity_cell, rca_cell, Component, Over};
use super::share::{check_part, Share, TotalSource};
use super::world::World;
use crate::area::Area;
use crate::commodity::Commodity;
use crate::dataset::TradeData;
use crate::error::Result;
use crate::flow::{Flow, Measure};
use crate::money::Money;
use crate::period::Period;
use crate::ratio::Ratio;

/// One cell of [`rca_table`]: a country's revealed comparative advantage in one product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RcaRow {
    /// The country (a reporter).
    pub country: Area,
    /// The product.
    pub product: Commodity,
    /// The country's exports of the product, `x_ak` (zero where it reported none).
    pub exports: Money,
    /// `(x_ak / X_a) / (x_wk / X_w)`, as [`rca`](super::rca) gives it.
    pub rca: Ratio,
}

/// One cell of [`shares_table`]: a partner's share in a reporter's trade.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ShareRow {
    /// The reporter, `a`.
    pub reporter: Area,
    /// The partner, `b`.
    pub partner: Area,
    /// `x_ab / X_a`, with both kept, as [`partner_share`](super::partner_share) gives it.
    pub share: Share,
}

/// One cell of [`intensity_table`]: the intensity of a reporter's exports to a partner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IntensityRow {
    /// The exporter, `a`.
    pub reporter: Area,
    /// The destination, `b`.
    pub partner: Area,
    /// `a`'s exports to `b`, `x_ab`.
    pub exports: Money,
    /// `(x_ab / X_a) / (x_wb / X_w)`, as [`trade_intensity`](super::trade_intensity) gives it.
    pub intensity: Ratio,
}

/// One row of [`hhi_table`]: a reporter's concentration index.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct HhiRow {
    /// The reporter.
    pub reporter: Area,
    /// Its index, as [`hhi`](super::hhi) gives it.
    pub hhi: Hhi<Component>,
}

/// Revealed comparative advantage of every country in every product in `period`: the reporters
/// of the world ([`World::from_data`], computed once) by the world's products, country by
/// country and in product order. A product a country did not export has an RCA of zero, as
/// [`rca`](super::rca) gives it.
///
/// # Errors
/// As [`rca_with`](super::rca_with), for the first cell that is refused (a negative figure, a
/// rejected row); [`Error::InvalidArgument`](crate::Error::InvalidArgument) when no reporter has
/// exports in `period`.
pub fn rca_table(data: &TradeData, period: Period) -> Result<Vec<RcaRow>> {
    let world = World::shared(data, period)?;
    // Per product, once: x_wk where its reference share x_wk / X_w is a share, non-zero.
    let products: Vec<(Commodity, Option<Total>)> = world
        .by_product()
        .map(|(k, x_wk)| {
            let x_wk = Total::of(x_wk);
            let usable = !x_wk.is_zero()
                && Share::from_totals(&x_wk, world.exact_total(), TotalSource::Supplied).is_ok();
            (k, usable.then_some(x_wk))
        })
        .collect();
    let codes: Vec<Commodity> = products.iter().map(|(k, _)| *k).collect();
    let mut rows = Vec::new();
    for a in reporters(data) {
        let Some((total, source)) =
            country_total(data, a, Measure::Exports, Commodity::TOTAL, period)?
        else {
            continue;
        };
        // A total that is zero or does not fit a `Money` takes the per-pair path (and its error).
        let total_usable = !total.is_zero() && total.money().is_ok();
        rows.reserve(products.len());
        // x_ak as `rca_cell` takes it: the World record of k (read from the reporter's World
        // block, found once), else the sum over its partners.
        let world_flow = (a, Area::World, Flow::Export);
        let own = data.flow_values(world_flow, &codes, period)?;
        for ((k, x_wk), own) in products.iter().zip(own) {
            let x_ak = match non_negative(world_flow, *k, period, own)? {
                Some(v) => Total::of(v),
                None => country_total(data, a, Measure::Exports, *k, period)?
                    .map_or_else(|| Total::of(Money::zero(total.currency())), |(v, _)| v),
            };
            let quick = match x_wk {
                Some(x_wk) if total_usable => ratio_quick(&x_ak, &world, (&total, source), x_wk)
                    .map(|(exports, rca)| RcaRow {
                        country: a,
                        product: *k,
                        exports,
                        rca,
                    }),
                _ => None,
            };
            let row = match quick {
                Some(row) => row,
                None => {
                    let r = rca_cell(data, &world, a, *k, &total, source)?;
                    RcaRow {
                        country: a,
                        product: *k,
                        exports: r.share().part(),
                        rca: r.ratio(),
                    }
                }
            };
            rows.push(row);
        }
    }
    Ok(rows)
}

/// `(part / total) / (reference / X_w)` as `RelativeShare::from_totals` computes it (the exact
/// `(part · X_w) / (total · reference)`, rounded once), with the part as `Money`, without
/// forming the two shares: `None` where a check of the per-pair path would refuse (that path
/// then gives the error). The caller has checked that `total` and `reference` are non-zero and
/// that `total` fits a `Money`.
fn ratio_quick(
    part: &Total,
    world: &World,
    (total, source): (&Total, TotalSource),
    reference: &Total,
) -> Option<(Money, Ratio)> {
    check_part(part, total, source).ok()?;
    let money = part.money().ok()?;
    let value = part
        .exact()
        .mul(world.exact_total().exact())
        .div(&total.exact().mul(reference.exact()))
        .ok()?;
    Some((money, Ratio::new(value)))
}

/// Every partner's share in every reporter's `measure` in `period`: for each reporter with a
/// total (its World record, else the sum over its partners), each partner that is not an
/// aggregate area and has a figure in `period`, in area order.
///
/// # Errors
/// As [`partner_share`](super::partner_share), for the first cell that is refused.
pub fn shares_table(data: &TradeData, measure: Measure, period: Period) -> Result<Vec<ShareRow>> {
    let mut rows = Vec::new();
    for a in reporters(data) {
        let Some((total, source)) = country_total(data, a, measure, Commodity::TOTAL, period)?
        else {
            continue;
        };
        for b in partners(data, a) {
            if let Some(part) = value(data, a, b, measure, Commodity::TOTAL, period)? {
                rows.push(ShareRow {
                    reporter: a,
                    partner: b,
                    share: Share::from_totals(&part, &total, source)?,
                });
            }
        }
    }
    Ok(rows)
}

/// The trade intensity of every reporter's exports to every partner in `period`, against the
/// world of the data set's reporters (computed once): the pairs of [`shares_table`] for exports.
///
/// # Errors
/// As [`trade_intensity_with`](super::trade_intensity_with), for the first cell that is
/// refused; [`Error::InvalidArgument`](crate::Error::InvalidArgument) when no reporter has
/// exports in `period`.
pub fn intensity_table(data: &TradeData, period: Period) -> Result<Vec<IntensityRow>> {
    let world = World::shared(data, period)?;
    intensity_rows(data, &world)
}

/// [`intensity_table`] against world figures computed once (or supplied by the caller).
///
/// # Errors
/// As [`intensity_table`].
pub fn intensity_table_with(data: &TradeData, world: &World) -> Result<Vec<IntensityRow>> {
    intensity_rows(data, world)
}

fn intensity_rows(data: &TradeData, world: &World) -> Result<Vec<IntensityRow>> {
    let period = world.period();
    let mut rows = Vec::new();
    // Per partner, once: x_wb where its reference share x_wb / X_w is a share, non-zero.
    let mut references: std::collections::HashMap<Area, Option<&Total>> =
        std::collections::HashMap::new();
    for a in reporters(data) {
        let Some((total, source)) =
            country_total(data, a, Measure::Exports, Commodity::TOTAL, period)?
        else {
            continue;
        };
        let total_usable = !total.is_zero() && total.money().is_ok();
        for b in partners(data, a) {
            let Some(x_ab) = value(data, a, b, Measure::Exports, Commodity::TOTAL, period)? else {
                continue;
            };
            let x_wb = *references.entry(b).or_insert_with(|| {
                world.exact_exports_to(b).filter(|x_wb| {
                    !x_wb.is_zero()
                        && Share::from_totals(x_wb, world.exact_total(), TotalSource::Supplied)
                            .is_ok()
                })
            });
            let quick = match x_wb {
                Some(x_wb) if total_usable => ratio_quick(&x_ab, world, (&total, source), x_wb),
                _ => None,
            };
            let row = match quick {
                Some((exports, intensity)) => IntensityRow {
                    reporter: a,
                    partner: b,
                    exports,
                    intensity,
                },
                None => {
                    let r = intensity_cell(world, b, &x_ab, &total, source)?;
                    IntensityRow {
                        reporter: a,
                        partner: b,
                        exports: r.share().part(),
                        intensity: r.ratio(),
                    }
                }
            };
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The Herfindahl-Hirschman index of every reporter's `measure` over its partners or products
/// in `period`; a reporter with no partner figure (or no product detail) in `period` has no row.
///
/// # Errors
/// As [`hhi`](super::hhi), for the first reporter refused.
pub fn hhi_table(
    data: &TradeData,
    measure: Measure,
    over: Over,
    period: Period,
) -> Result<Vec<HhiRow>> {
    let mut rows = Vec::new();
    for a in reporters(data) {
        let components = hhi_components(data, a, measure, over, period)?;
        if !components.is_empty() {
            rows.push(HhiRow {
                reporter: a,
                hhi: Hhi::new(components)?,
            });
        }
    }
    Ok(rows)
}

/// The reporters a table runs over: those that are not aggregate areas, in area order.
fn reporters(data: &TradeData) -> impl Iterator<Item = Area> {
    data.reporters().into_iter().filter(|r| !r.is_aggregate())
}

/// `a`'s partners that are not aggregate areas, in area order.
fn partners(data: &TradeData, a: Area) -> impl Iterator<Item = Area> {
    data.partners(a).into_iter().filter(|p| !p.is_aggregate())
}
