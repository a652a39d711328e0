//! Column-wise storage of one set of records.
//!
//! Each record is five columns: flow (`u8`), valuation and reporting (`u8`: the valuation id in the
//! low bits, [`SINGLE`] and [`DERIVED`] above them), period (`u32`), commodity (`u32`) ids into
//! sorted tables, and the exact value (`Decimal`, 16 bytes): 26 bytes.
//!
//! A [`Reporting::Single`](crate::record::Reporting::Single) record is held twice: as given,
//! and as its partner's mirror flow (marked [`DERIVED`], left out of iteration and counts), so
//! that every query finds the importer's imports where the source gives the exporter's exports. Records are sorted by
//! (reporter, partner, flow, period, commodity); the reporter and partner are not stored per record
//! but once per pair in `pairs`, whose entries give the run of records of each pair. A pair query
//! is a binary search in `pairs`, then binary searches inside that pair's run only.

use std::ops::Range;

use rust_decimal::Decimal;

use super::commodities::CommodityTree;
use super::keys::Dictionary;
use crate::area::Area;
use crate::commodity::Commodity;
use crate::flow::{Flow, Valuation};
use crate::period::{Frequency, Period};

/// In the valuation column: the record is one figure for both sides (never converted with a
/// CIF/FOB factor, and no mirror of itself).
pub(crate) const SINGLE: u8 = 0x40;
/// In the valuation column: the record is the partner's side of a [`SINGLE`] record, made by the
/// data set (not iterated, not counted).
pub(crate) const DERIVED: u8 = 0x80;
/// In the valuation column: the bits of the valuation id.
pub(crate) const VALUATION_ID: u8 = 0x3f;

/// The run of records of one (reporter, partner) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PairRun {
    pub(crate) reporter: u16,
    pub(crate) partner: u16,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl PairRun {
    pub(crate) fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Records held column-wise, sorted by (reporter, partner, flow, period, commodity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Store {
    pub(crate) areas: Dictionary<Area>,
    pub(crate) periods: Dictionary<Period>,
    /// `period_key` of each period, for lookups without computing dates.
    pub(crate) period_keys: Vec<u32>,
    pub(crate) flows: Dictionary<Flow>,
    pub(crate) valuations: Dictionary<Valuation>,
    pub(crate) commodities: CommodityTree,
    pub(crate) pairs: Vec<PairRun>,
    /// For reporter id `r`, its runs are `pairs[reporter_runs[r]..reporter_runs[r + 1]]`: a
    /// pair query searches only the reporter's partners (filled by [`Store::index_reporters`]).
    pub(crate) reporter_runs: Vec<u32>,
    pub(crate) flow: Vec<u8>,
    /// The valuation id and the [`SINGLE`] and [`DERIVED`] bits.
    pub(crate) valuation: Vec<u8>,
    pub(crate) period: Vec<u32>,
    pub(crate) commodity: Vec<u32>,
    pub(crate) value: Vec<Decimal>,
    /// How many records are [`DERIVED`].
    pub(crate) derived: usize,
}

impl Store {
    /// The records held, derived ones included.
    pub(crate) fn len(&self) -> usize {
        self.value.len()
    }

    /// The records as given (derived ones left out).
    pub(crate) fn given(&self) -> usize {
        self.value.len() - self.derived
    }

    /// The valuation of record `i`.
    pub(crate) fn valuation_of(&self, i: usize) -> Option<Valuation> {
        let id = self.valuation.get(i)? & VALUATION_ID;
        self.valuations.get(usize::from(id))
    }

    /// Whether record `i` is one figure for both sides.
    pub(crate) fn is_single(&self, i: usize) -> bool {
        self.valuation.get(i).is_some_and(|v| v & SINGLE != 0)
    }

    /// Whether record `i` was made by the data set as the partner's side of a single record.
    pub(crate) fn is_derived(&self, i: usize) -> bool {
        self.valuation.get(i).is_some_and(|v| v & DERIVED != 0)
    }

    /// Whether (`run`, `flow`, `node`, `period`) has a record of its own (not a sum of parts).
    pub(crate) fn has_own(
        &self,
        run: Range<usize>,
        flow: usize,
        node: usize,
        period: Period,
    ) -> bool {
        self.period_id(period).is_some_and(|p| {
            let block = self.block(run, flow, p);
            !self.commodity_range(block, node..node + 1).is_empty()
        })
    }

    /// The id of `period`, if present.
    pub(crate) fn period_id(&self, period: Period) -> Option<usize> {
        self.period_keys.binary_search(&period_key(period)).ok()
    }

    /// The run of the pair (reporter, partner), if it has records.
    pub(crate) fn pair(&self, reporter: usize, partner: usize) -> Option<Range<usize>> {
        let runs = self.runs_of(reporter);
        runs.binary_search_by(|run| (run.partner as usize).cmp(&partner))
            .ok()
            .and_then(|i| runs.get(i))
            .map(PairRun::range)
    }

    /// Fills [`Store::reporter_runs`] from `pairs` (sorted by reporter, then partner).
    pub(crate) fn index_reporters(&mut self) {
        let mut starts = Vec::with_capacity(self.areas.len() + 1);
        let mut next = 0_usize;
        for r in 0..=self.areas.len() {
            while next < self.pairs.len() && usize::from(self.pairs[next].reporter) < r {
                next += 1;
            }
            starts.push(u32::try_from(next).unwrap_or(u32::MAX));
        }
        self.reporter_runs = starts;
    }

    /// The pair run of (reporter, partner) by area.
    pub(crate) fn pair_of(&self, reporter: Area, partner: Area) -> Option<Range<usize>> {
        let r = self.areas.id(&reporter)?;
        let p = self.areas.id(&partner)?;
        self.pair(r, p)
    }

    /// The runs whose reporter is `reporter`.
    pub(crate) fn runs_of(&self, reporter: usize) -> &[PairRun] {
        match (
            self.reporter_runs.get(reporter),
            self.reporter_runs.get(reporter + 1),
        ) {
            (Some(&lo), Some(&hi)) => self.pairs.get(lo as usize..hi as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The records of `run` with flow `flow` and period `period`, sorted by commodity id.
    pub(crate) fn block(&self, run: Range<usize>, flow: usize, period: usize) -> Range<usize> {
        let key = |i: usize| (self.flow[i] as usize, self.period[i] as usize);
        let (start, end) = (run.start, run.end);
        let lo = start + partition(end - start, |k| key(start + k) < (flow, period));
        let hi = start + partition(end - start, |k| key(start + k) <= (flow, period));
        lo..hi
    }

    /// Within `block`, the records whose commodity id lies in `ids`.
    pub(crate) fn commodity_range(&self, block: Range<usize>, ids: Range<usize>) -> Range<usize> {
        let (start, end) = (block.start, block.end);
        let lo = start
            + partition(end - start, |k| {
                (self.commodity[start + k] as usize) < ids.start
            });
        let hi = start
            + partition(end - start, |k| {
                (self.commodity[start + k] as usize) < ids.end
            });
        lo..hi
    }

    /// The frequencies of the periods present, coarsest first.
    pub(crate) fn frequencies(&self) -> Vec<Frequency> {
        let mut seen = [false; 3];
        for p in self.periods.values() {
            seen[frequency_index(p.frequency())] = true;
        }
        [Frequency::Annual, Frequency::Quarterly, Frequency::Monthly]
            .into_iter()
            .zip(seen)
            .filter_map(|(f, s)| s.then_some(f))
            .collect()
    }

    pub(crate) fn commodity_of(&self, i: usize) -> Option<Commodity> {
        self.commodity
            .get(i)
            .and_then(|&c| self.commodities.get(c as usize))
    }
}

/// A number in `Period`'s own order (first day, then frequency): every period starts on the
/// first of a month, so (year, first month, frequency) orders as `Period` does.
pub(crate) fn period_key(period: Period) -> u32 {
    let (year, first_month) = match period {
        Period::Year(y) => (y.get(), 1),
        Period::Quarter(q) => (q.year().get(), u32::from(q.number()) * 3 - 2),
        Period::Month(m) => (m.year().get(), u32::from(m.number())),
    };
    // Years run from 1000 to 9999, so the key fits a u32.
    let year = u32::try_from(year).unwrap_or(0);
    (year * 13 + first_month) * 3 + frequency_index(period.frequency()) as u32
}

pub(crate) fn frequency_index(f: Frequency) -> usize {
    match f {
        Frequency::Annual => 0,
        Frequency::Quarterly => 1,
        Frequency::Monthly => 2,
    }
}

/// The first `k` in `0..n` for which `pred(k)` is false (`pred` true then false).
pub(crate) fn partition(n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn period_keys_order_as_periods() {
        let mut periods = Vec::new();
        for year in [1000, 1999, 2000, 2024, 9999] {
            periods.push(Period::year(year).unwrap());
            for q in 1..=4 {
                periods.push(Period::quarter(year, q).unwrap());
            }
            for m in 1..=12 {
                periods.push(Period::month(year, m).unwrap());
            }
        }
        periods.sort();
        let keys: Vec<u32> = periods.iter().map(|&p| period_key(p)).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    }
}
