//! The totals rule and the frequency rule, evaluated on a [`Store`].
//!
//! **Totals rule.** A commodity's value is its own record where there is one; otherwise the sum of
//! its children's values, each found by the same rule (headings into chapters, chapters into the
//! total). So nothing is counted twice (a reported subtotal hides its parts) and nothing is dropped
//! (a code without a record is the sum of what is below it). Codes of different classifications
//! never mix: a total that would need both HS and SITC codes is an error. Where a reported value
//! differs from the sum of its parts, the reported value is used, and the pair of figures is listed
//! by [`TradeData::inconsistencies`](super::TradeData::inconsistencies).
//!
//! **Frequency rule.** A period's value is the value of its own records where there are any;
//! otherwise the sum over its sub-periods of one finer frequency (the four quarters, else the
//! twelve months of a year; the three months of a quarter), only when every sub-period has a value.
//! Quarters and months are never mixed in one sum, and an incomplete period has no value. A
//! reported year or quarter that differs from the sum of its complete quarters or months is used,
//! and listed by [`TradeData::inconsistencies`](super::TradeData::inconsistencies) too.

use std::ops::Range;

use rust_decimal::Decimal;

use super::fraction::{mul, Fraction};
use super::store::{partition, PairRun, Store};
use crate::area::Area;
use crate::commodity::{Classification, Commodity};
use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::money::{exact_add, Money};
use crate::period::{Frequency, Period};

/// `a + b` exactly.
pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal> {
    // Fast paths for the common cases: a zero part, or two values at one scale (cents).
    if b.is_zero() {
        return Ok(a);
    }
    if a.is_zero() {
        return Ok(b);
    }
    if a.scale() == b.scale() {
        if let Ok(sum) = Decimal::try_from_i128_with_scale(a.mantissa() + b.mantissa(), a.scale()) {
            return Ok(sum);
        }
    }
    exact_add(a, b).ok_or_else(|| Error::overflow("trade data sum", format!("{a} + {b}")))
}

/// `a - b` exactly.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal> {
    exact_add(a, -b).ok_or_else(|| Error::overflow("trade data difference", format!("{a} - {b}")))
}

/// A value kept in sums by valuation, so that a mirror figure can be converted to the other
/// valuation with one division (or multiplication) for the whole sum; figures that are one
/// figure for both sides ([`Reporting::Single`](crate::record::Reporting::Single)) are kept
/// apart and never converted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Parts {
    pub(crate) fob: Decimal,
    pub(crate) cif: Decimal,
    /// One-figure-for-both-sides values, whatever their valuation.
    pub(crate) single: Decimal,
    /// Whether any single record is in the sum (its value may be zero).
    pub(crate) has_single: bool,
}

impl Parts {
    pub(crate) fn of(valuation: Valuation, value: Decimal) -> Parts {
        match valuation {
            Valuation::Fob => Parts {
                fob: value,
                ..Parts::default()
            },
            Valuation::Cif => Parts {
                cif: value,
                ..Parts::default()
            },
        }
    }

    /// One figure for both sides.
    pub(crate) fn single(value: Decimal) -> Parts {
        Parts {
            single: value,
            has_single: true,
            ..Parts::default()
        }
    }

    pub(crate) fn plus(self, other: Parts) -> Result<Parts> {
        Ok(Parts {
            fob: add(self.fob, other.fob)?,
            cif: add(self.cif, other.cif)?,
            single: add(self.single, other.single)?,
            has_single: self.has_single || other.has_single,
        })
    }

    /// The figure as recorded, whatever the valuation of its parts.
    pub(crate) fn total(self) -> Result<Decimal> {
        add(add(self.fob, self.cif)?, self.single)
    }

    /// The figure in `target` valuation, the other valuation's sum converted with `factor`: CIF
    /// to FOB divides by it (kept as a fraction over the factor, divided once when the query's
    /// figure is final), FOB to CIF multiplies (exactly). A factor of one leaves the figure as
    /// recorded; single figures are never converted.
    pub(crate) fn valued_as(self, target: Valuation, factor: Decimal) -> Result<Fraction> {
        if factor == Decimal::ONE {
            return self.total().map(Fraction::whole);
        }
        let (fob, cif) = match target {
            Valuation::Fob => (add(self.fob, self.single)?, self.cif),
            Valuation::Cif => (self.fob, add(self.cif, self.single)?),
        };
        match target {
            Valuation::Fob if cif.is_zero() => Ok(Fraction::whole(fob)),
            Valuation::Fob => Ok(Fraction::over(add(mul(fob, factor)?, cif)?, factor)),
            Valuation::Cif if fob.is_zero() => Ok(Fraction::whole(cif)),
            Valuation::Cif => Ok(Fraction::whole(add(cif, mul(fob, factor)?)?)),
        }
    }
}

/// Adds `x` to an optional running sum.
pub(crate) fn accumulate(sum: &mut Option<Parts>, x: Parts) -> Result<()> {
    *sum = Some(match *sum {
        Some(s) => s.plus(x)?,
        None => x,
    });
    Ok(())
}

impl Store {
    /// Parts of record `i`.
    fn parts_of(&self, i: usize) -> Parts {
        if self.is_single(i) {
            return Parts::single(self.value[i]);
        }
        let valuation = self.valuation_of(i).unwrap_or(Valuation::Fob);
        Parts::of(valuation, self.value[i])
    }

    /// The value of commodity `node` in `block` (one pair, flow and period) by the totals rule.
    pub(crate) fn node_in_block(&self, block: Range<usize>, node: usize) -> Result<Option<Parts>> {
        let run = self.commodity_range(block, node..self.commodities.end(node));
        if run.is_empty() {
            return Ok(None);
        }
        if self.commodity[run.start] as usize == node {
            return Ok(Some(self.parts_of(run.start)));
        }
        // Records are in pre-order: a record taken hides its own descendants, which follow it.
        let mut sum: Option<Parts> = None;
        let mut hidden_until = 0;
        let mut class: Option<Classification> = None;
        for i in run {
            let c = self.commodity[i] as usize;
            if c < hidden_until {
                continue;
            }
            let this = self.commodities.classification(c);
            match (class, this) {
                (Some(a), Some(b)) if a != b => {
                    return Err(Error::InvalidArgument {
                        reason: format!(
                            "the value of {} would mix {a:?} and {b:?} codes; ask for a code of one classification",
                            self.commodities.get(node).map_or_else(String::new, |c| c.to_string())
                        ),
                    })
                }
                _ => class = class.or(this),
            }
            accumulate(&mut sum, self.parts_of(i))?;
            hidden_until = self.commodities.end(c);
        }
        Ok(sum)
    }

    /// The value of (`run`, `flow`, `node`, `period`) by the totals rule and the frequency rule.
    pub(crate) fn value_at(
        &self,
        run: Range<usize>,
        flow: usize,
        node: usize,
        period: Period,
    ) -> Result<Option<Parts>> {
        if let Some(p) = self.period_id(period) {
            let block = self.block(run.clone(), flow, p);
            if let Some(v) = self.node_in_block(block, node)? {
                return Ok(Some(v));
            }
        }
        for parts in finer_parts(period) {
            if let Some(v) = self.sum_of_periods(run.clone(), flow, node, &parts)? {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    /// The sum over `periods` of their own values, or `None` unless every one has a value.
    fn sum_of_periods(
        &self,
        run: Range<usize>,
        flow: usize,
        node: usize,
        periods: &[Period],
    ) -> Result<Option<Parts>> {
        let mut sum = None;
        for period in periods {
            let Some(p) = self.period_id(*period) else {
                return Ok(None);
            };
            match self.node_in_block(self.block(run.clone(), flow, p), node)? {
                Some(v) => accumulate(&mut sum, v)?,
                None => return Ok(None),
            }
        }
        Ok(sum)
    }

    /// The value by area, flow, commodity and period (ids looked up), or `None`.
    pub(crate) fn lookup(
        &self,
        reporter: Area,
        partner: Area,
        flow: Flow,
        commodity: Commodity,
        period: Period,
    ) -> Result<Option<Parts>> {
        let (Some(run), Some(f), Some(c)) = (
            self.pair_of(reporter, partner),
            self.flows.id(&flow),
            self.commodities.id(&commodity),
        ) else {
            return Ok(None);
        };
        self.value_at(run, f, c, period)
    }

    /// Every reported value that differs from the sum of its parts, in record order.
    pub(crate) fn inconsistencies(&self, currency: Currency) -> Result<Vec<Inconsistency>> {
        let mut found = Vec::new();
        let mut stack: Vec<Open> = Vec::new();
        let several_frequencies = self.frequencies().len() > 1;
        let world = self.areas.id(&Area::World);
        for run in &self.pairs {
            let mut i = run.start as usize;
            let end = run.end as usize;
            while i < end {
                let block_key = (self.flow[i], self.period[i]);
                while i < end && (self.flow[i], self.period[i]) == block_key {
                    let c = self.commodity[i] as usize;
                    while stack.last().is_some_and(|top| c >= top.end) {
                        self.close(&mut stack, run, currency, &mut found)?;
                    }
                    stack.push(Open {
                        record: i,
                        end: self.commodities.end(c),
                        parts: Vec::new(),
                    });
                    i += 1;
                }
                while !stack.is_empty() {
                    self.close(&mut stack, run, currency, &mut found)?;
                }
            }
            if several_frequencies {
                self.period_inconsistencies(run, currency, &mut found)?;
            }
            if Some(usize::from(run.partner)) == world {
                self.partner_inconsistencies(run, currency, &mut found)?;
            }
        }
        Ok(found)
    }

    /// Records of `world_run` (a reporter's trade with the World) smaller than the record of
    /// one partner (not an aggregate area) for the same flow, commodity and period: one
    /// inconsistency per such World record, naming the largest partner. A World figure that
    /// merely differs from the sum of partners is not listed (partners are rarely complete).
    fn partner_inconsistencies(
        &self,
        world_run: &PairRun,
        currency: Currency,
        found: &mut Vec<Inconsistency>,
    ) -> Result<()> {
        let world = world_run.range();
        let mut largest: Vec<Option<(Decimal, u16)>> = vec![None; world.len()];
        let key = |i: usize| (self.flow[i], self.period[i], self.commodity[i]);
        for run in self.runs_of(usize::from(world_run.reporter)) {
            let aggregate = self
                .areas
                .get(usize::from(run.partner))
                .is_none_or(|a| a.is_aggregate());
            if aggregate {
                continue;
            }
            for i in run.range() {
                let k = key(i);
                let j = world.start + partition(world.len(), |n| key(world.start + n) < k);
                if j >= world.end || key(j) != k {
                    continue;
                }
                let slot = j - world.start;
                if self.is_derived(j) {
                    continue;
                }
                let v = self.value[i];
                if v > self.value[j] && largest[slot].is_none_or(|(m, _)| v > m) {
                    largest[slot] = Some((v, run.partner));
                }
            }
        }
        for (slot, entry) in largest.into_iter().enumerate() {
            if let Some((v, partner)) = entry {
                let partner = self.areas.get(usize::from(partner)).unwrap_or(Area::World);
                found.push(self.inconsistency(
                    world_run,
                    world.start + slot,
                    Breakdown::Partners(partner),
                    v,
                    currency,
                )?);
            }
        }
        Ok(())
    }

    /// Records of a year or quarter whose value differs from the sum of its complete quarters or
    /// months (each found by the totals rule).
    fn period_inconsistencies(
        &self,
        run: &PairRun,
        currency: Currency,
        found: &mut Vec<Inconsistency>,
    ) -> Result<()> {
        for i in run.range() {
            let Some(period) = self.periods.get(self.period[i] as usize) else {
                continue;
            };
            if self.is_derived(i) {
                continue;
            }
            let (flow, node) = (usize::from(self.flow[i]), self.commodity[i] as usize);
            for parts in finer_parts(period) {
                let Some(sum) = self.sum_of_periods(run.range(), flow, node, &parts)? else {
                    continue;
                };
                let sum = sum.total()?;
                if sum != self.value[i] {
                    let frequency = parts.first().map_or(Frequency::Monthly, |p| p.frequency());
                    found.push(self.inconsistency(
                        run,
                        i,
                        Breakdown::Periods(frequency),
                        sum,
                        currency,
                    )?);
                }
            }
        }
        Ok(())
    }

    /// Record `i` of `run` against the sum of its parts.
    fn inconsistency(
        &self,
        run: &PairRun,
        i: usize,
        breakdown: Breakdown,
        parts: Decimal,
        currency: Currency,
    ) -> Result<Inconsistency> {
        let missing = || Error::InvalidArgument {
            reason: "a record's key is missing from the data set's tables".into(),
        };
        Ok(Inconsistency {
            reporter: self
                .areas
                .get(usize::from(run.reporter))
                .ok_or_else(missing)?,
            partner: self
                .areas
                .get(usize::from(run.partner))
                .ok_or_else(missing)?,
            flow: self
                .flows
                .get(usize::from(self.flow[i]))
                .ok_or_else(missing)?,
            commodity: self.commodity_of(i).ok_or_else(missing)?,
            period: self
                .periods
                .get(self.period[i] as usize)
                .ok_or_else(missing)?,
            breakdown,
            reported: Money::new(self.value[i], currency),
            parts: Money::new(parts, currency),
        })
    }

    fn close(
        &self,
        stack: &mut Vec<Open>,
        run: &PairRun,
        currency: Currency,
        found: &mut Vec<Inconsistency>,
    ) -> Result<()> {
        let Some(open) = stack.pop() else {
            return Ok(());
        };
        let i = open.record;
        let reported = self.value[i];
        // The partner's side of a single figure repeats its record's evidence: listed once.
        let listed = !self.is_derived(i);
        for (classification, parts) in &open.parts {
            if listed && *parts != reported {
                let breakdown = Breakdown::Codes(*classification);
                found.push(self.inconsistency(run, i, breakdown, *parts, currency)?);
            }
        }
        // Only the total has no classification, and it is never a child.
        let class = self.commodities.classification(self.commodity[i] as usize);
        if let (Some(parent), Some(class)) = (stack.last_mut(), class) {
            match parent.parts.iter_mut().find(|(c, _)| *c == class) {
                Some((_, sum)) => *sum = add(*sum, reported)?,
                None => parent.parts.push((class, reported)),
            }
        }
        Ok(())
    }
}

/// A reported record whose children are still being summed.
struct Open {
    record: usize,
    end: usize,
    /// Sum of the children found so far, by classification (only the total has several).
    parts: Vec<(Classification, Decimal)>,
}

/// The ways to build `period` from finer periods, in order of preference: a year from its
/// quarters, else from its months; a quarter from its months.
fn finer_parts(period: Period) -> Vec<Vec<Period>> {
    match period {
        Period::Year(y) => vec![
            y.quarters().map(Period::Quarter).to_vec(),
            y.months().map(Period::Month).to_vec(),
        ],
        Period::Quarter(q) => vec![q.months().map(Period::Month).to_vec()],
        Period::Month(_) => Vec::new(),
    }
}

/// Whether `frequency` can be built from records of `finer` (equal or finer).
pub(crate) fn builds_from(frequency: Frequency, finer: Frequency) -> bool {
    finer.periods_per_year() % frequency.periods_per_year() == 0
}

/// The parts a reported value is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Breakdown {
    /// The codes one level down (by the totals rule) in one classification.
    Codes(Classification),
    /// The periods of one finer frequency (quarters or months), all present.
    Periods(Frequency),
    /// One partner, named: the reporter's World record is smaller than its record with this
    /// partner (the largest such) for the same flow, commodity and period, so the World figure
    /// cannot be the total of its partners. Listed only then, not for every World figure that
    /// differs from the sum of partners; a share of that World figure would be above 1, which
    /// the indicators refuse.
    Partners(Area),
}

/// A reported value that differs from the sum of its parts (the totals rule uses the reported
/// value; this is the evidence of the disagreement).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inconsistency {
    /// The reporter.
    pub reporter: Area,
    /// The partner.
    pub partner: Area,
    /// The flow.
    pub flow: Flow,
    /// The commodity whose reported value disagrees with its parts.
    pub commodity: Commodity,
    /// The period.
    pub period: Period,
    /// What the parts are: codes of one classification (a total may have parts in HS and in
    /// SITC; each is compared on its own), the quarters or months of a year or quarter, or (for
    /// a World record) the one partner whose figure exceeds it.
    pub breakdown: Breakdown,
    /// The reported value, which the totals rule uses.
    pub reported: Money,
    /// The sum of its parts by the totals rule (for [`Breakdown::Partners`], the partner's
    /// figure).
    pub parts: Money,
}

impl Inconsistency {
    /// `reported - parts`, exactly.
    ///
    /// # Errors
    /// [`Error::Overflow`] if the difference does not fit a `Decimal`.
    pub fn difference(&self) -> Result<Money> {
        self.reported.checked_sub(&self.parts)
    }
}
