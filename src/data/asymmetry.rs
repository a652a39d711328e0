//! Mirror asymmetries: how far two countries' reports of the same trade disagree.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rust_decimal::Decimal;

use crate::area::Area;
use crate::commodity::Commodity;
use crate::data::dataset::totals::{add, sub};
use crate::data::dataset::TradeData;
use crate::error::Result;
use crate::flow::{Flow, Measure};
use crate::money::Money;
use crate::period::Period;
use crate::ratio::Ratio;

/// One period's two reports of the same trade: a's own figure and b's mirror figure, unadjusted
/// (no CIF/FOB conversion, so the difference includes the valuation gap).
///
/// ```
/// # use tradestat::{Asymmetry, Measure, Money, Period};
/// // 2021 turnover: 4.1 billion in Kazakh statistics, 5.3 billion in Turkish ones.
/// let gap = Asymmetry::new(Period::year(2021)?, Measure::Turnover, "$4.1bn".parse()?, "$5.3bn".parse()?);
/// assert_eq!(gap.difference()?, "$1.2bn".parse::<Money>()?);
/// assert_eq!(format!("{:.4}", gap.relative()?), "0.2927"); // 1.2 / 4.1
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "an asymmetry as {\"period\": \"2022\", \"measure\": \"exports\", \"reported\": {\"amount\": \"...\", \"currency\": \"USD\"}, \"mirror\": {\"amount\": \"...\", \"currency\": \"USD\"}}"
    )
)]
pub struct Asymmetry {
    /// The period.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::period")
    )]
    pub period: Period,
    /// What is compared: a's exports to b, a's imports from b, or their turnover.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::measure")
    )]
    pub measure: Measure,
    /// A's own figure.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::reported")
    )]
    pub reported: Money,
    /// B's figure for the mirrored flows (b's imports from a for a's exports), unadjusted.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::mirror")
    )]
    pub mirror: Money,
}

impl Asymmetry {
    /// An asymmetry from two figures, for figures that do not come from a [`TradeData`]
    /// (published turnovers, for example).
    pub fn new(period: Period, measure: Measure, reported: Money, mirror: Money) -> Asymmetry {
        Asymmetry {
            period,
            measure,
            reported,
            mirror,
        }
    }

    /// `mirror - reported`, exactly.
    ///
    /// # Errors
    /// [`crate::Error::CurrencyMismatch`] when the two figures are in different currencies;
    /// [`crate::Error::Overflow`] if the difference does not fit.
    pub fn difference(&self) -> Result<Money> {
        self.mirror.checked_sub(&self.reported)
    }

    /// `(mirror - reported) / reported`: the exact difference divided once, rounded half to even
    /// on the finest `Decimal` grid (28 or 29 significant digits, as [`Ratio::checked_div`]).
    ///
    /// # Errors
    /// As [`Asymmetry::difference`]; [`crate::Error::Undefined`] when `reported` is zero.
    pub fn relative(&self) -> Result<Ratio> {
        let difference = self.difference()?;
        Ratio::checked_div(difference.amount(), self.reported.amount())
    }
}

/// An [`Asymmetry`] with the pair it belongs to; from [`TradeData::largest_asymmetries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "a pair's asymmetry as {\"reporter\": \"KAZ\", \"partner\": \"TUR\", \"asymmetry\": {...}}"
    )
)]
pub struct PairAsymmetry {
    /// The reporter of the `reported` figure (a).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::reporter")
    )]
    pub reporter: Area,
    /// The partner, whose report is the `mirror` figure (b).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::partner")
    )]
    pub partner: Area,
    /// The two figures.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::asymmetry")
    )]
    pub asymmetry: Asymmetry,
}

impl TradeData {
    /// The `n` pairs whose two reports of `measure` in `period` differ most, by the absolute
    /// difference, largest first (ties in reporter then partner order). For exports each ordered
    /// pair (a, b) compares a's exports with b's imports from a, and likewise for imports; for
    /// turnover each unordered pair appears once, the reporter being the one first in `Area`
    /// order. Only pairs where both sides reported are ranked (a figure the source gives once for
    /// both sides, [`Reporting::Single`](crate::Reporting::Single), has no mirror and is left
    /// out); totals of all commodities, by the totals and frequency rules.
    ///
    /// # Errors
    /// [`crate::Error::Overflow`] when a sum does not fit a `Decimal`;
    /// [`crate::Error::InvalidArgument`] when a total would mix HS and SITC codes.
    ///
    /// ```
    /// # use tradestat::{Country, Flow, Measure, Money, Period, TradeData, TradeRecord};
    /// let y = Period::year(2021)?;
    /// let r = |a, b, f, v: &str| -> Result<TradeRecord, tradestat::Error> {
    ///     Ok(TradeRecord::new(a, b, y, f, v.parse::<Money>()?))
    /// };
    /// let data = TradeData::from_records([
    ///     r(Country::KAZ, Country::TUR, Flow::Export, "$3.0bn")?,
    ///     r(Country::TUR, Country::KAZ, Flow::Import, "$4.0bn")?,
    ///     r(Country::KAZ, Country::CHN, Flow::Export, "$10.0bn")?,
    ///     r(Country::CHN, Country::KAZ, Flow::Import, "$10.5bn")?,
    /// ])?;
    /// let top = data.largest_asymmetries(Measure::Exports, y, 1)?;
    /// assert_eq!(top.len(), 1);
    /// assert_eq!(top[0].partner, Country::TUR.into());
    /// assert_eq!(top[0].asymmetry.difference()?, "$1bn".parse::<Money>()?);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn largest_asymmetries(
        &self,
        measure: Measure,
        period: Period,
        n: usize,
    ) -> Result<Vec<PairAsymmetry>> {
        let store = self.store();
        let Some(currency) = self.currency() else {
            return Ok(Vec::new());
        };
        // Bounded by the data before anything is allocated.
        let n = n.min(store.pairs.len());
        if n == 0 {
            return Ok(Vec::new());
        }
        let flows = |flow: Flow| store.flows.id(&flow);
        let total = store.commodities.id(&Commodity::TOTAL);
        let Some(total) = total else {
            return Ok(Vec::new());
        };
        // A figure for both sides (Reporting::Single) is not compared with itself: skipped. A
        // figure whose row a lenient read rejected is refused (see Builder::rejected).
        let value = |run: std::ops::Range<usize>,
                     areas: (u16, u16),
                     (flow, id): (Flow, Option<usize>)|
         -> Result<Option<Decimal>> {
            let figure = match id {
                Some(f) => store.value_at(run.clone(), f, total, period)?,
                None => None,
            };
            if !self.nothing_rejected() {
                let own = id.is_some_and(|f| store.has_own(run.clone(), f, total, period));
                let area = |id: u16| store.areas.get(usize::from(id));
                if let (Some(r), Some(p)) = (area(areas.0), area(areas.1)) {
                    self.guard(
                        (r, p, flow),
                        Commodity::TOTAL,
                        period,
                        own,
                        figure.is_some(),
                    )?;
                }
            }
            match figure {
                Some(parts) if parts.has_single => Ok(None),
                Some(parts) => parts.total().map(Some),
                None => Ok(None),
            }
        };
        let (export, import) = (
            (Flow::Export, flows(Flow::Export)),
            (Flow::Import, flows(Flow::Import)),
        );
        // A min-heap of the n largest so far: (|difference|, pair in reverse, figures).
        type Entry = (Decimal, Reverse<(u16, u16)>, Decimal, Decimal);
        let mut heap: BinaryHeap<Reverse<Entry>> = BinaryHeap::with_capacity(n + 1);
        for run in &store.pairs {
            let (r, p) = (run.reporter, run.partner);
            if measure == Measure::Turnover && r > p {
                continue;
            }
            let Some(back) = store.pair(usize::from(p), usize::from(r)) else {
                continue;
            };
            let pair = |own: (Flow, Option<usize>),
                        mirror: (Flow, Option<usize>)|
             -> Result<Option<(Decimal, Decimal)>> {
                Ok(
                    match (
                        value(run.range(), (r, p), own)?,
                        value(back.clone(), (p, r), mirror)?,
                    ) {
                        (Some(a), Some(b)) => Some((a, b)),
                        _ => None,
                    },
                )
            };
            let figures = match measure {
                Measure::Exports => pair(export, import)?,
                Measure::Imports => pair(import, export)?,
                Measure::Turnover => match (pair(export, import)?, pair(import, export)?) {
                    (Some((x, mx)), Some((m, mm))) => Some((add(x, m)?, add(mx, mm)?)),
                    _ => None,
                },
            };
            let Some((reported, mirror)) = figures else {
                continue;
            };
            let entry = (
                sub(mirror, reported)?.abs(),
                Reverse((r, p)),
                reported,
                mirror,
            );
            if heap.len() == n {
                match heap.peek() {
                    Some(Reverse(smallest)) if entry > *smallest => {
                        heap.pop();
                    }
                    _ => continue,
                }
            }
            heap.push(Reverse(entry));
        }
        let mut ranked: Vec<Entry> = heap.into_iter().map(|Reverse(e)| e).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        let mut out = Vec::with_capacity(ranked.len());
        for (_, Reverse((r, p)), reported, mirror) in ranked {
            if let (Some(reporter), Some(partner)) = (
                store.areas.get(usize::from(r)),
                store.areas.get(usize::from(p)),
            ) {
                out.push(PairAsymmetry {
                    reporter,
                    partner,
                    asymmetry: Asymmetry::new(
                        period,
                        measure,
                        Money::new(reported, currency),
                        Money::new(mirror, currency),
                    ),
                });
            }
        }
        Ok(out)
    }
}
