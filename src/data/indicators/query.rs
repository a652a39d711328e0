//! The indicators computed from a [`TradeData`].

use super::concentration::Hhi;
use super::gather::{by_product_with, country_by_product, required_total, value, with_side, Total};
use super::intra_industry::GrubelLloyd;
use super::share::{RelativeShare, Share, TotalSource};
use super::structure::{Complementarity, Diversification};
use super::world::World;
use crate::area::Area;
use crate::bilateral::Side;
use crate::commodity::Commodity;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::Measure;
use crate::money::Money;
use crate::period::Period;

/// What a concentration index runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Over {
    /// The reporter's partners (aggregate areas such as the World excluded).
    Partners,
    /// The reporter's products, at one level (see [`top_products`]).
    Products,
}

/// A partner or a product: what a concentration index is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Component {
    /// A partner.
    Partner(Area),
    /// A product.
    Product(Commodity),
}

/// `b`'s share in `a`'s exports, imports or turnover in `period`: `x_ab / X_a`.
///
/// `b` may be a country, an area or a [`Group`](crate::Group) (its members in `period`, `a`
/// excluded). `X_a` is `a`'s trade with the World where the data has a World record for `a`,
/// otherwise the sum over `a`'s partners that are not aggregate areas; [`Share::source`] says
/// which. Turnover is exports plus imports; a flow `a` reported with other partners but not with
/// `b` counts as zero (see [the rules](super#what-an-indicator-refuses)).
///
/// # Errors
/// [`Error::InvalidArgument`] when `a` has no such figure with `b`, or no total, in `period`,
/// when turnover is asked of a reporter without one of the two flows, when a figure is negative,
/// or when the share would be above 1 (a World record smaller than the partner's figure);
/// [`Error::Undefined`] when the total is zero.
///
/// ```
/// use tradestat::indicators::partner_share;
/// use tradestat::{Country, Flow, Measure, Money, Period, TradeData, TradeRecord};
///
/// let y = Period::year(2022)?;
/// let x = |to: Country, v: &str| -> Result<TradeRecord, tradestat::Error> {
///     Ok(TradeRecord::new(Country::KAZ, to, y, Flow::Export, v.parse::<Money>()?))
/// };
/// let data = TradeData::from_records([x(Country::TUR, "$3bn")?, x(Country::CHN, "$9bn")?, x(Country::RUS, "$8bn")?])?;
/// // Türkiye's share in Kazakhstan's exports: 3 / (3 + 9 + 8) = 0.15.
/// let share = partner_share(&data, Country::KAZ, Country::TUR, Measure::Exports, y)?;
/// assert_eq!(share.value().to_string(), "0.15");
/// # Ok::<(), tradestat::Error>(())
/// ```
pub fn partner_share(
    data: &TradeData,
    a: impl Into<Area>,
    b: impl Into<Side>,
    measure: Measure,
    period: Period,
) -> Result<Share> {
    let (part, total, source) = share_totals(data, a.into(), &b.into(), measure, period)?;
    Share::from_totals(&part, &total, source)
}

/// The exact part and total behind [`partner_share`].
fn share_totals(
    data: &TradeData,
    a: Area,
    b: &Side,
    measure: Measure,
    period: Period,
) -> Result<(Total, Total, TotalSource)> {
    let part = with_side(data, a, b, measure, Commodity::TOTAL, period)?.ok_or_else(|| {
        Error::InvalidArgument {
            reason: format!("no {measure} of {a} with {b} in {period} in the data set"),
        }
    })?;
    let (total, source) = required_total(data, a, measure, period)?;
    Ok((part, total, source))
}

/// `a`'s `n` largest partners in `period` by `measure`, with their shares, largest first (ties
/// in area order). Aggregate areas (World, "n.e.s.") are left out.
///
/// # Errors
/// As [`partner_share`].
pub fn top_partners(
    data: &TradeData,
    a: impl Into<Area>,
    measure: Measure,
    period: Period,
    n: usize,
) -> Result<Vec<(Area, Share)>> {
    let a = a.into();
    let (total, source) = required_total(data, a, measure, period)?;
    let mut values = Vec::new();
    for partner in data.partners(a).into_iter().filter(|p| !p.is_aggregate()) {
        if let Some(v) = value(data, a, partner, measure, Commodity::TOTAL, period)? {
            values.push((partner, v));
        }
    }
    ranked(values, &total, source, n)
}

/// The `n` largest products in `a`'s trade with `b` in `period` by `measure`, with their shares
/// of the pair's total, largest first.
///
/// Products are taken at one level so that none is counted twice: the most detailed level every
/// reported product reaches (HS6 throughout gives HS6; one product reported only as a chapter
/// puts all at chapters), each value by the data set's totals rule.
///
/// # Errors
/// [`Error::InvalidArgument`] when the pair has no product detail or no total in `period`;
/// [`Error::Undefined`] when the total is zero.
pub fn top_products(
    data: &TradeData,
    a: impl Into<Area>,
    b: impl Into<Area>,
    measure: Measure,
    period: Period,
    n: usize,
) -> Result<Vec<(Commodity, Share)>> {
    let (a, b) = (a.into(), b.into());
    let total = value(data, a, b, measure, Commodity::TOTAL, period)?.ok_or_else(|| {
        Error::InvalidArgument {
            reason: format!("no {measure} of {a} with {b} in {period} in the data set"),
        }
    })?;
    let products = by_product_with(data, a, b, measure, period)?;
    if products.is_empty() {
        return Err(no_products(a, Some(b), period));
    }
    let products = products
        .into_iter()
        .map(|(k, v)| (k, Total::of(v)))
        .collect();
    // The pair's own total (reported, or summed from its products by the totals rule).
    ranked(products, &total, TotalSource::PairTotal, n)
}

/// Trade intensity of `a`'s exports to `b` in `period`: `(x_ab / X_a) / (x_wb / X_w)`, with the
/// world summed from the data set's reporters ([`World::from_data`]; the value's
/// [`world`](RelativeShare::world) lists them). For many pairs, compute the [`World`] once and
/// use [`trade_intensity_with`].
///
/// # Errors
/// [`Error::InvalidArgument`] when a figure is missing; [`Error::Undefined`] when `X_a` is zero
/// or no reporter exported to `b`.
pub fn trade_intensity(
    data: &TradeData,
    a: impl Into<Area>,
    b: impl Into<Area>,
    period: Period,
) -> Result<RelativeShare> {
    let world = World::shared(data, period)?;
    trade_intensity_with(data, &world, a, b)
}

/// [`trade_intensity`] against world figures computed once (or supplied by the caller).
///
/// # Errors
/// As [`trade_intensity`].
pub fn trade_intensity_with(
    data: &TradeData,
    world: &World,
    a: impl Into<Area>,
    b: impl Into<Area>,
) -> Result<RelativeShare> {
    let (a, b) = (a.into(), b.into());
    let period = world.period();
    let (x_ab, x_a, source) = share_totals(data, a, &Side::Area(b), Measure::Exports, period)?;
    intensity_cell(world, b, &x_ab, &x_a, source)
}

/// Trade intensity from `a`'s exports to `b` and its total: the one computation behind
/// [`trade_intensity_with`] and [`intensity_table`](super::intensity_table).
pub(super) fn intensity_cell(
    world: &World,
    b: Area,
    x_ab: &Total,
    x_a: &Total,
    source: TotalSource,
) -> Result<RelativeShare> {
    let period = world.period();
    let share = Share::from_totals(x_ab, x_a, source)?;
    let x_wb = world.exact_exports_to(b).ok_or_else(|| {
        Error::undefined(
            "trade intensity",
            format!("world exports to {b} in {period}"),
            "no reporter exported to the partner, so its share in world exports is zero",
        )
    })?;
    let reference = Share::from_totals(x_wb, world.exact_total(), TotalSource::Supplied)?;
    RelativeShare::from_totals(
        share,
        reference,
        world.basis().clone(),
        [x_ab, world.exact_total()],
        [x_a, x_wb],
    )
}

/// Balassa's revealed comparative advantage of `a` in `commodity` in `period`:
/// `(x_ak / X_a) / (x_wk / X_w)`, exports to the world, with the world summed from the data
/// set's reporters. For many countries or products, use [`rca_with`].
///
/// # Errors
/// [`Error::InvalidArgument`] when `a` has no exports of `commodity` or no total;
/// [`Error::Undefined`] when no reporter exported the product.
pub fn rca(
    data: &TradeData,
    a: impl Into<Area>,
    commodity: Commodity,
    period: Period,
) -> Result<RelativeShare> {
    let world = World::shared(data, period)?;
    rca_with(data, &world, a, commodity)
}

/// [`rca`] against world figures computed once (or supplied by the caller).
///
/// # Errors
/// As [`rca`].
pub fn rca_with(
    data: &TradeData,
    world: &World,
    a: impl Into<Area>,
    commodity: Commodity,
) -> Result<RelativeShare> {
    let a = a.into();
    let period = world.period();
    let (total, source) = required_total(data, a, Measure::Exports, period)?;
    rca_cell(data, world, a, commodity, &total, source)
}

/// Revealed comparative advantage of `a` in `commodity`, given `a`'s total exports: the one
/// computation behind [`rca_with`] and [`rca_table`](super::rca_table).
pub(super) fn rca_cell(
    data: &TradeData,
    world: &World,
    a: Area,
    commodity: Commodity,
    total: &Total,
    source: TotalSource,
) -> Result<RelativeShare> {
    let period = world.period();
    // x_ak by the same rule as the total: the World record of k, else the sum over partners.
    let x_ak = super::gather::country_total(data, a, Measure::Exports, commodity, period)?
        .map_or_else(|| Total::of(Money::zero(total.currency())), |(v, _)| v);
    let share = Share::from_totals(&x_ak, total, source)?;
    let x_wk = world.exports_of(commodity).map(Total::of).ok_or_else(|| {
        Error::undefined(
            "revealed comparative advantage",
            format!("world exports of {commodity} in {period}"),
            "no reporter exported the product",
        )
    })?;
    let reference = Share::from_totals(&x_wk, world.exact_total(), TotalSource::Supplied)?;
    RelativeShare::from_totals(
        share,
        reference,
        world.basis().clone(),
        [&x_ak, world.exact_total()],
        [total, &x_wk],
    )
}

/// The Grubel-Lloyd index of `a`'s trade with `b` in `commodity` (or the total) in `period`,
/// from `a`'s own exports to and imports from `b`. A product that `a` reported in one flow but
/// not the other counts as zero in the other, provided `a` reported that other flow with `b` at
/// all in the period; otherwise the figure is missing and the index is an error.
///
/// # Errors
/// [`Error::InvalidArgument`] when a flow is missing; [`Error::Undefined`] when both are zero.
pub fn grubel_lloyd(
    data: &TradeData,
    a: impl Into<Area>,
    b: impl Into<Area>,
    commodity: Commodity,
    period: Period,
) -> Result<GrubelLloyd> {
    let (a, b) = (a.into(), b.into());
    let x = flow_or_zero(data, a, b, Measure::Exports, commodity, period)?;
    let m = flow_or_zero(data, a, b, Measure::Imports, commodity, period)?;
    GrubelLloyd::new(x, m)
}

/// The trade-weighted Grubel-Lloyd index over products, `1 - Σ|x_k - m_k| / Σ(x_k + m_k)`,
/// products at one level as in [`top_products`].
///
/// # Errors
/// [`Error::InvalidArgument`] when the pair has no product detail or a flow is missing;
/// [`Error::Undefined`] when there is no trade.
pub fn grubel_lloyd_aggregate(
    data: &TradeData,
    a: impl Into<Area>,
    b: impl Into<Area>,
    period: Period,
) -> Result<GrubelLloyd> {
    let (a, b) = (a.into(), b.into());
    let products = super::gather::uniform_level(data.products(a, b, period))?;
    if products.is_empty() {
        return Err(no_products(a, Some(b), period));
    }
    let mut flows = Vec::with_capacity(products.len());
    for k in products {
        flows.push((
            flow_or_zero(data, a, b, Measure::Exports, k, period)?,
            flow_or_zero(data, a, b, Measure::Imports, k, period)?,
        ));
    }
    GrubelLloyd::aggregate(flows)
}

/// The Herfindahl-Hirschman index of `a`'s `measure` over its partners or its products in
/// `period` (WITS: the sum of squared shares; [`Hhi::normalized`] for the normalized index).
///
/// # Errors
/// [`Error::InvalidArgument`] when `a` has no partners or no product detail in `period`;
/// [`Error::Undefined`] when its trade sums to zero.
pub fn hhi(
    data: &TradeData,
    a: impl Into<Area>,
    measure: Measure,
    over: Over,
    period: Period,
) -> Result<Hhi<Component>> {
    let a = a.into();
    let components = hhi_components(data, a, measure, over, period)?;
    if components.is_empty() {
        return Err(match over {
            Over::Partners => Error::InvalidArgument {
                reason: format!(
                    "{a} has no {measure} with any partner in {period} in the data set"
                ),
            },
            Over::Products => no_products(a, None, period),
        });
    }
    Hhi::new(components)
}

/// The partners or products an [`hhi`] runs over, with their values (empty when there are none):
/// the one gathering behind [`hhi`] and [`hhi_table`](super::hhi_table).
pub(super) fn hhi_components(
    data: &TradeData,
    a: Area,
    measure: Measure,
    over: Over,
    period: Period,
) -> Result<Vec<(Component, Money)>> {
    Ok(match over {
        Over::Partners => {
            let mut v = Vec::new();
            for partner in data.partners(a).into_iter().filter(|p| !p.is_aggregate()) {
                if let Some(x) = value(data, a, partner, measure, Commodity::TOTAL, period)? {
                    v.push((Component::Partner(partner), x.money()?));
                }
            }
            v
        }
        Over::Products => country_by_product(data, a, measure, period)?
            .into_iter()
            .map(|(k, x)| (Component::Product(k), x))
            .collect(),
    })
}

/// WITS's trade complementarity of `exporter`'s exports with `importer`'s imports in `period`,
/// over their products (each with the world, at one level).
///
/// # Errors
/// [`Error::InvalidArgument`] when either has no product detail; [`Error::Undefined`] when
/// either has no trade.
pub fn complementarity(
    data: &TradeData,
    exporter: impl Into<Area>,
    importer: impl Into<Area>,
    period: Period,
) -> Result<Complementarity<Commodity>> {
    let (exporter, importer) = (exporter.into(), importer.into());
    let x = country_by_product(data, exporter, Measure::Exports, period)?;
    if x.is_empty() {
        return Err(no_products(exporter, None, period));
    }
    let m = country_by_product(data, importer, Measure::Imports, period)?;
    if m.is_empty() {
        return Err(no_products(importer, None, period));
    }
    Complementarity::new(x, m)
}

/// UNCTAD's export diversification index of `a` in `period`, against world exports by product
/// summed from the data set's reporters. For many countries, use [`diversification_with`].
///
/// # Errors
/// [`Error::InvalidArgument`] when `a` has no product detail; [`Error::Undefined`] when there
/// are no exports.
pub fn diversification(
    data: &TradeData,
    a: impl Into<Area>,
    period: Period,
) -> Result<Diversification<Commodity>> {
    let world = World::shared(data, period)?;
    diversification_with(data, &world, a)
}

/// [`diversification`] against world figures computed once (or supplied by the caller).
///
/// # Errors
/// As [`diversification`].
pub fn diversification_with(
    data: &TradeData,
    world: &World,
    a: impl Into<Area>,
) -> Result<Diversification<Commodity>> {
    let a = a.into();
    let period = world.period();
    let h = country_by_product(data, a, Measure::Exports, period)?;
    if h.is_empty() {
        return Err(no_products(a, None, period));
    }
    Diversification::new(h, world.by_product())
}

/// `a`'s trade of `measure` with the whole world by product, at one level: its World records
/// where it has them, else the sum over its partners that are not aggregate areas. The
/// structures [`complementarity`] and [`diversification`] compare; computed once per country,
/// they can be given to [`Complementarity::new`] for every pair.
///
/// # Errors
/// [`Error::InvalidArgument`] when the products mix classifications; [`Error::Overflow`].
pub fn products_of(
    data: &TradeData,
    a: impl Into<Area>,
    measure: Measure,
    period: Period,
) -> Result<Vec<(Commodity, Money)>> {
    country_by_product(data, a.into(), measure, period)
}

/// Shares of `total`, largest first (ties in key order), the first `n`.
fn ranked<K: Ord + Copy>(
    values: Vec<(K, Total)>,
    total: &Total,
    source: TotalSource,
    n: usize,
) -> Result<Vec<(K, Share)>> {
    let mut shares = values
        .into_iter()
        .map(|(k, v)| Share::from_totals(&v, total, source).map(|s| (k, s)))
        .collect::<Result<Vec<_>>>()?;
    shares.sort_by(|(k1, s1), (k2, s2)| s2.value().cmp(&s1.value()).then(k1.cmp(k2)));
    shares.truncate(n);
    Ok(shares)
}

/// A flow's value, zero where the reporter reported the flow with the partner in the period but
/// not for this product; an error where it reported no such flow at all.
fn flow_or_zero(
    data: &TradeData,
    a: Area,
    b: Area,
    measure: Measure,
    k: Commodity,
    period: Period,
) -> Result<Money> {
    if let Some(v) = value(data, a, b, measure, k, period)? {
        return v.money();
    }
    match value(data, a, b, measure, Commodity::TOTAL, period)? {
        Some(total) => Ok(Money::zero(total.currency())),
        None => Err(Error::InvalidArgument {
            reason: format!("{a} reported no {measure} with {b} in {period}"),
        }),
    }
}

fn no_products(a: Area, b: Option<Area>, period: Period) -> Error {
    Error::InvalidArgument {
        reason: match b {
            Some(b) => format!("no product detail for {a} with {b} in {period}: only totals"),
            None => format!("no product detail for {a} in {period}: only totals"),
        },
    }
}
