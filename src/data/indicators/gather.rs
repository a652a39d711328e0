//! Figures the indicators take from a data set: a country's totals, its trade by partner and by
//! product, and the world's, under the data set's totals and frequency rules.

use std::collections::BTreeSet;

use super::cache::Cache;
use super::share::TotalSource;
use crate::area::Area;
use crate::bilateral::Side;
use crate::commodity::Commodity;
use crate::currency::Currency;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::{Flow, Measure};
use crate::math::ExactDecimal;
use crate::money::Money;
use crate::period::Period;

/// A sum of amounts in one currency, held exactly whatever its number of digits (gravity data
/// carry binary-float digits: a hundred of them add up to more digits than a `Decimal` holds).
#[derive(Clone, Debug)]
pub(super) struct Total {
    exact: ExactDecimal,
    currency: Currency,
}

impl Total {
    pub(super) fn of(m: Money) -> Total {
        Total {
            exact: ExactDecimal::from(m.amount()),
            currency: m.currency(),
        }
    }

    /// Adds `m`; mixing currencies is an error.
    pub(super) fn plus(&mut self, m: Money) -> Result<()> {
        if m.currency() != self.currency {
            return Err(Error::CurrencyMismatch {
                operation: "add",
                left: self.currency,
                right: m.currency(),
            });
        }
        self.exact = self.exact.add(&ExactDecimal::from(m.amount()));
        Ok(())
    }

    pub(super) fn plus_total(&mut self, other: &Total) -> Result<()> {
        if other.currency != self.currency {
            return Err(Error::CurrencyMismatch {
                operation: "add",
                left: self.currency,
                right: other.currency,
            });
        }
        self.exact = self.exact.add(&other.exact);
        Ok(())
    }

    pub(super) fn exact(&self) -> &ExactDecimal {
        &self.exact
    }

    pub(super) fn currency(&self) -> Currency {
        self.currency
    }

    pub(super) fn is_zero(&self) -> bool {
        self.exact.is_zero()
    }

    /// The sum as `Money`: exact where it fits a `Decimal`, otherwise rounded once, half to even,
    /// to 28 significant digits.
    pub(super) fn money(&self) -> Result<Money> {
        self.exact
            .to_decimal()
            .map(|d| Money::new(d, self.currency))
            .map_err(|e| e.into_error("sum", format!("a sum in {}", self.currency)))
    }
}

/// A running sum of amounts in one currency: a `Decimal` while the exact sum fits one (no
/// big-integer work for the usual sums), the exact [`Total`] from the first addition that does
/// not fit. Both hold the same exact sum.
pub(super) enum Running {
    Small(Money),
    Big(Total),
}

impl Running {
    /// Adds `m`; mixing currencies is an error (as [`Total::plus`]).
    pub(super) fn plus(&mut self, m: Money) -> Result<()> {
        if let Running::Small(s) = self {
            if s.currency() == m.currency() {
                if let Ok(sum) = crate::dataset::totals::add(s.amount(), m.amount()) {
                    *s = Money::new(sum, s.currency());
                    return Ok(());
                }
            }
            *self = Running::Big(Total::of(*s));
        }
        match self {
            Running::Big(t) => t.plus(m),
            Running::Small(_) => Ok(()),
        }
    }

    /// The sum as a [`Total`].
    pub(super) fn total(self) -> Total {
        match self {
            Running::Small(m) => Total::of(m),
            Running::Big(t) => t,
        }
    }
}

/// Adds `m` to an optional running total.
pub(super) fn accumulate(total: &mut Option<Total>, m: Money) -> Result<()> {
    match total {
        Some(t) => t.plus(m),
        None => {
            *total = Some(Total::of(m));
            Ok(())
        }
    }
}

/// The areas a side stands for in `period` (a group's members on the period's last day).
pub(super) fn areas_of(side: &Side, period: Period) -> Vec<Area> {
    match side {
        Side::Area(area) => vec![*area],
        Side::Group(group) => group.members_in(period),
        // `Side` is non-exhaustive: a new kind of side has no members here until it is taught.
        #[allow(unreachable_patterns)]
        _ => Vec::new(),
    }
}

/// `a`'s trade with `side` (its own reports), summed over the side's members other than `a`.
/// `None` when `a` reported nothing with any of them.
pub(super) fn with_side(
    data: &TradeData,
    a: Area,
    side: &Side,
    measure: Measure,
    commodity: Commodity,
    period: Period,
) -> Result<Option<Total>> {
    let mut total: Option<Total> = None;
    for partner in areas_of(side, period).into_iter().filter(|&p| p != a) {
        if let Some(v) = value(data, a, partner, measure, commodity, period)? {
            match &mut total {
                Some(t) => t.plus_total(&v)?,
                None => total = Some(v),
            }
        }
    }
    Ok(total)
}

/// One reported figure, for an indicator: exports, imports, or turnover (both).
///
/// Turnover needs both flows. Where `a` reported one flow with `b` and not the other, the other
/// counts as zero only if `a` reported that flow at all in `period` (with any partner): a
/// country that reports imports but none from `b` imported nothing from it. Where `a` reported
/// no such flow at all, the figure is an [`Error::InvalidArgument`] naming the missing flow and
/// the pair, never the one flow relabelled as turnover.
///
/// Every flow figure must be zero or more: a negative one (a correction in some national data)
/// is an [`Error::InvalidArgument`] naming the figure, for every indicator alike.
pub(super) fn value(
    data: &TradeData,
    a: Area,
    b: Area,
    measure: Measure,
    commodity: Commodity,
    period: Period,
) -> Result<Option<Total>> {
    match measure {
        Measure::Turnover => {
            let x = flow_value(data, a, b, Flow::Export, commodity, period)?;
            let m = flow_value(data, a, b, Flow::Import, commodity, period)?;
            let missing = match (&x, &m) {
                (None, None) => return Ok(None),
                (Some(_), Some(_)) => None,
                (Some(_), None) => Some(Flow::Import),
                (None, Some(_)) => Some(Flow::Export),
            };
            if let Some(flow) = missing {
                if !reports_flow(data, a, flow, period)? {
                    return Err(Error::InvalidArgument {
                        reason: format!(
                            "the turnover of {a} with {b} in {period} needs both exports and imports, and {a} has no {} in {period} in the data set: one flow alone is not turnover",
                            if flow == Flow::Export { Measure::Exports } else { Measure::Imports }
                        ),
                    });
                }
            }
            let mut total = None;
            for v in [x, m].into_iter().flatten() {
                accumulate(&mut total, v)?;
            }
            Ok(total)
        }
        Measure::Exports => {
            Ok(flow_value(data, a, b, Flow::Export, commodity, period)?.map(Total::of))
        }
        Measure::Imports => {
            Ok(flow_value(data, a, b, Flow::Import, commodity, period)?.map(Total::of))
        }
    }
}

/// Refuses a negative flow figure, naming it.
pub(super) fn non_negative(
    (a, b, flow): (Area, Area, Flow),
    commodity: Commodity,
    period: Period,
    v: Option<Money>,
) -> Result<Option<Money>> {
    if let Some(v) = v {
        if v.is_negative() {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "{a} {flow} {} {b}, {commodity}, {period} is negative ({v}): indicators need trade flows of zero or more (a negative figure is a correction, not trade)",
                    if flow.is_export_side() { "to" } else { "from" }
                ),
            });
        }
    }
    Ok(v)
}

/// One flow's figure, refused when negative.
fn flow_value(
    data: &TradeData,
    a: Area,
    b: Area,
    flow: Flow,
    commodity: Commodity,
    period: Period,
) -> Result<Option<Money>> {
    let v = data.value(a, b, flow, commodity, period)?;
    non_negative((a, b, flow), commodity, period, v)
}

/// Whether `a` reported `flow` with any partner (the World included) in `period`: asked once
/// per data set, then read from its cache.
fn reports_flow(data: &TradeData, a: Area, flow: Flow, period: Period) -> Result<bool> {
    Cache::reports(data, (a, flow, period), || {
        reports_flow_uncached(data, a, flow, period)
    })
}

fn reports_flow_uncached(data: &TradeData, a: Area, flow: Flow, period: Period) -> Result<bool> {
    for partner in data.partners(a) {
        if data
            .value(a, partner, flow, Commodity::TOTAL, period)?
            .is_some()
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// A country's total of `measure` for `commodity`: its trade with the World where it reported a
/// World figure, else the sum over its partners that are not aggregate areas. The total of all
/// goods is computed once per (country, measure, period) and then read from the data set's
/// cache; a product's total is computed each time (one lookup where there is a World record).
pub(super) fn country_total(
    data: &TradeData,
    a: Area,
    measure: Measure,
    commodity: Commodity,
    period: Period,
) -> Result<Option<(Total, TotalSource)>> {
    if commodity.is_total() {
        return Cache::total(data, (a, measure, period), || {
            country_total_uncached(data, a, measure, commodity, period)
        });
    }
    country_total_uncached(data, a, measure, commodity, period)
}

/// [`country_total`] computed from the records.
fn country_total_uncached(
    data: &TradeData,
    a: Area,
    measure: Measure,
    commodity: Commodity,
    period: Period,
) -> Result<Option<(Total, TotalSource)>> {
    if let Some(world) = value(data, a, Area::World, measure, commodity, period)? {
        return Ok(Some((world, TotalSource::WorldRecord)));
    }
    let mut total: Option<Total> = None;
    for partner in data.partners(a).into_iter().filter(|p| !p.is_aggregate()) {
        if let Some(v) = value(data, a, partner, measure, commodity, period)? {
            match &mut total {
                Some(t) => t.plus_total(&v)?,
                None => total = Some(v),
            }
        }
    }
    Ok(total.map(|t| (t, TotalSource::SumOfPartners)))
}

/// A country's total, or an error that says it has none.
pub(super) fn required_total(
    data: &TradeData,
    a: Area,
    measure: Measure,
    period: Period,
) -> Result<(Total, TotalSource)> {
    country_total(data, a, measure, Commodity::TOTAL, period)?.ok_or_else(|| {
        Error::InvalidArgument {
            reason: format!("no {measure} of {a} in {period} in the data set"),
        }
    })
}

/// The products of `codes` at one level, so that their values add up to the total and none is
/// counted twice: the most detailed level that every reported product reaches (all at six digits
/// give six digits; one product reported only as a chapter puts all at chapters), each value by
/// the totals rule. Empty when only the total is reported.
///
/// # Errors
/// [`Error::InvalidArgument`] when the codes mix classifications (HS and SITC).
pub(super) fn uniform_level(codes: impl IntoIterator<Item = Commodity>) -> Result<Vec<Commodity>> {
    let mut all: Vec<Commodity> = codes.into_iter().filter(|c| !c.is_total()).collect();
    all.sort_unstable();
    all.dedup();
    // `Commodity`'s order is pre-order (a code's descendants follow it, before its next
    // sibling), so a code has a descendant in the list exactly when the next code is one: one
    // pass, not a check of every pair.
    let leaves: Vec<Commodity> = all
        .iter()
        .enumerate()
        .filter(|(i, c)| !all.get(i + 1).is_some_and(|d| c.is_ancestor_of(d)))
        .map(|(_, c)| *c)
        .collect();
    let classifications: BTreeSet<_> = leaves
        .iter()
        .filter_map(Commodity::classification)
        .collect();
    if classifications.len() > 1 {
        return Err(Error::InvalidArgument {
            reason:
                "the products mix classifications (HS and SITC): indicators over products need one"
                    .to_owned(),
        });
    }
    let Some(level) = leaves.iter().map(Commodity::level).min() else {
        return Ok(Vec::new());
    };
    let at_level: BTreeSet<Commodity> =
        leaves.iter().filter_map(|c| c.ancestor_at(level)).collect();
    Ok(at_level.into_iter().collect())
}

/// `a`'s trade of `measure` with partner `b` by product, at one level ([`uniform_level`]).
pub(super) fn by_product_with(
    data: &TradeData,
    a: Area,
    b: Area,
    measure: Measure,
    period: Period,
) -> Result<Vec<(Commodity, Money)>> {
    let codes = uniform_level(data.products(a, b, period))?;
    let flow = match measure {
        Measure::Exports => Flow::Export,
        Measure::Imports => Flow::Import,
        _ => {
            let mut out = Vec::new();
            for k in codes {
                if let Some(v) = value(data, a, b, measure, k, period)? {
                    out.push((k, v.money()?));
                }
            }
            return Ok(out);
        }
    };
    // One flow: the pair's block found once (the same figures as `value`, in code order).
    let mut out = Vec::new();
    for (k, v) in codes
        .iter()
        .zip(data.flow_values((a, b, flow), &codes, period)?)
    {
        if let Some(v) = non_negative((a, b, flow), *k, period, v)? {
            out.push((*k, Total::of(v).money()?));
        }
    }
    Ok(out)
}

/// A country's trade of `measure` by product (at one level) with the whole world: its World
/// records where it has them, else the sum over its partners that are not aggregate areas.
pub(super) fn country_by_product(
    data: &TradeData,
    a: Area,
    measure: Measure,
    period: Period,
) -> Result<Vec<(Commodity, Money)>> {
    let world = by_product_with(data, a, Area::World, measure, period)?;
    if !world.is_empty() {
        return Ok(world);
    }
    // Without World records: the products any partner reported, at one level, each summed
    // over the partners (a partner without a product adds nothing to it).
    let partners: Vec<Area> = data
        .partners(a)
        .into_iter()
        .filter(|p| !p.is_aggregate())
        .collect();
    let codes = uniform_level(partners.iter().flat_map(|&p| data.products(a, p, period)))?;
    let mut out = Vec::new();
    for k in codes {
        let mut sum: Option<Total> = None;
        for &p in &partners {
            if let Some(v) = value(data, a, p, measure, k, period)? {
                match &mut sum {
                    Some(s) => s.plus_total(&v)?,
                    None => sum = Some(v),
                }
            }
        }
        if let Some(v) = sum {
            out.push((k, v.money()?));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::uniform_level;
    use crate::commodity::Commodity;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// The former rule, every code against every other: a leaf has no descendant in the set.
    fn quadratic(codes: &[Commodity]) -> Vec<Commodity> {
        let all: BTreeSet<Commodity> = codes.iter().copied().filter(|c| !c.is_total()).collect();
        let leaves: Vec<Commodity> = all
            .iter()
            .copied()
            .filter(|c| !all.iter().any(|d| d != c && c.is_ancestor_of(d)))
            .collect();
        let Some(level) = leaves.iter().map(Commodity::level).min() else {
            return Vec::new();
        };
        let at: BTreeSet<Commodity> = leaves.iter().filter_map(|c| c.ancestor_at(level)).collect();
        at.into_iter().collect()
    }

    #[test]
    fn running_sum_is_the_exact_total_small_and_past_a_decimal() {
        use super::{Running, Total};
        use crate::currency::Currency;
        use crate::money::Money;
        use rust_decimal::Decimal;
        let usd = |d: Decimal| Money::new(d, Currency::USD);
        // Small: 0.10 + 2 + 0.005 = 2.105, held as a Decimal.
        // Past a Decimal: MAX + MAX + 1e-28 needs the exact sum.
        for parts in [
            vec![Decimal::new(10, 2), Decimal::TWO, Decimal::new(5, 3)],
            vec![Decimal::MAX, Decimal::MAX, Decimal::new(1, 28)],
        ] {
            let mut running = Running::Small(usd(parts[0]));
            let mut total = Total::of(usd(parts[0]));
            for &p in &parts[1..] {
                running.plus(usd(p)).unwrap();
                total.plus(usd(p)).unwrap();
            }
            let running = running.total();
            assert!(running.exact().sub(total.exact()).is_zero());
        }
        let mut running = Running::Small(usd(Decimal::TWO));
        running.plus(usd(Decimal::new(105, 3))).unwrap();
        assert_eq!(running.total().money().unwrap(), usd(Decimal::new(2105, 3)));
        // Another currency is an error, as for a Total.
        let mut running = Running::Small(usd(Decimal::ONE));
        assert!(running
            .plus(Money::new(Decimal::ONE, Currency::EUR))
            .is_err());
    }

    fn sitc(code: &str) -> Commodity {
        Commodity::sitc(code).unwrap()
    }

    #[test]
    fn levels_by_hand() {
        // 0011 and 001 (its parent) and 01: the leaves are 0011 and 01, so the level is 2:
        // 00 and 01.
        let codes = [sitc("001"), sitc("0011"), sitc("01"), Commodity::TOTAL];
        assert_eq!(uniform_level(codes).unwrap(), vec![sitc("00"), sitc("01")]);
        // Unsorted, with duplicates: the same.
        let codes = [sitc("01"), sitc("0011"), sitc("001"), sitc("0011")];
        assert_eq!(uniform_level(codes).unwrap(), vec![sitc("00"), sitc("01")]);
        assert!(uniform_level([Commodity::TOTAL]).unwrap().is_empty());
    }

    proptest! {
        #[test]
        fn linear_rule_is_the_quadratic_one(codes in prop::collection::vec("[0-2]{1,4}", 0..40)) {
            let codes: Vec<Commodity> = codes.iter().map(|c| sitc(c)).collect();
            prop_assert_eq!(uniform_level(codes.clone()).unwrap(), quadratic(&codes));
        }
    }
}
