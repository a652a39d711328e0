//! Iteration over the records of a [`TradeData`](super::TradeData).

use super::store::Store;
use crate::currency::Currency;
use crate::money::Money;
use crate::record::TradeRecord;

/// The records of a data set, rebuilt from its columns; made by
/// [`TradeData::iter`](super::TradeData::iter).
#[derive(Debug, Clone)]
pub struct Records<'a> {
    store: &'a Store,
    currency: Option<Currency>,
    run: usize,
    next: usize,
}

impl<'a> Records<'a> {
    pub(crate) fn new(store: &'a Store, currency: Option<Currency>) -> Self {
        Records {
            store,
            currency,
            run: 0,
            next: 0,
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
        let record = record.with_commodity(store.commodity_of(i)?);
        let valuation = store
            .valuations
            .get(usize::from(*store.valuation.get(i)?))?;
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
                return self.record(self.run, i);
            }
            self.run += 1;
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.store.len().saturating_sub(self.next);
        (left, Some(left))
    }
}

impl ExactSizeIterator for Records<'_> {}
