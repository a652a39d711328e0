//! Iteration over the records of a [`TradeData`](super::TradeData).

use super::store::Store;
use crate::currency::Currency;
use crate::money::Money;
use crate::record::{Reporting, TradeRecord};

/// The records of a data set, rebuilt from its columns; made by
/// [`TradeData::iter`](super::TradeData::iter).
#[derive(Debug, Clone)]
pub struct Records<'a> {
    store: &'a Store,
    currency: Option<Currency>,
    run: usize,
    next: usize,
    /// Records as given still to come (derived ones are skipped).
    left: usize,
}

impl<'a> Records<'a> {
    pub(crate) fn new(store: &'a Store, currency: Option<Currency>) -> Self {
        Records {
            store,
            currency,
            run: 0,
            next: 0,
            left: store.given(),
        }
    }

    fn record(&self, run: usize, i: usize) -> Option<TradeRecord> {
        let store = self.store;
        let pair = store.pairs.get(run)?;
        let record = TradeRecord::new(
            store.areas.get(usize::from(pair.reporter))?,
            store.areas.get(usize::from(pair.partner))?,
            store.periods.get(*store.period.get(i)? as usize)?,
            store.flows.get(usize::from(*store.flow.get(i)?))?,
            Money::new(*store.value.get(i)?, self.currency?),
        );
        let mut record = record.with_commodity(store.commodity_of(i)?);
        if store.is_single(i) {
            record = record.with_reporting(Reporting::Single);
        }
        let valuation = store.valuation_of(i)?;
        // Set only where it differs from the flow's default, so records round-trip unchanged.
        Some(if record.valuation() == valuation {
            record
        } else {
            record.with_valuation(valuation)
        })
    }
}

impl Iterator for Records<'_> {
    type Item = TradeRecord;

    fn next(&mut self) -> Option<TradeRecord> {
        while let Some(pair) = self.store.pairs.get(self.run) {
            if self.next < pair.end as usize {
                let i = self.next;
                self.next += 1;
                if self.store.is_derived(i) {
                    continue;
                }
                self.left = self.left.saturating_sub(1);
                return self.record(self.run, i);
            }
            self.run += 1;
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Records<'_> {}
