//! Figures computed once from an immutable [`TradeData`](super::TradeData): a map filled on
//! first use, shared by every thread (the data set stays `Sync`), and never invalidated, because
//! a data set never changes after it is built.
//!
//! A `Memo` holds whatever its caller computed, errors included: the same question asked again
//! gets the same answer, never a different one (a cached figure is exactly the figure the rules
//! give, so no cache can stand in for a rejected row: the rules run once and their answer,
//! refusal or figure, is kept).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{PoisonError, RwLock};

/// A map from questions to their answers, filled lazily.
pub(crate) struct Memo<K, V> {
    map: RwLock<HashMap<K, V>>,
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            map: RwLock::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash + Copy, V: Clone> Memo<K, V> {
    /// The answer to `key`, computed by `compute` on first use. The lock is not held while
    /// computing, so `compute` may consult other memos (or this one for another key); two threads
    /// asking at once may both compute, and the first answer stored is kept (both are equal).
    pub(crate) fn get_or_insert_with(&self, key: K, compute: impl FnOnce() -> V) -> V {
        if let Some(v) = self
            .map
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return v.clone();
        }
        let v = compute();
        self.map
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_insert(v)
            .clone()
    }

    /// The number of answers held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.map
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;
    use std::cell::Cell;

    #[test]
    fn computes_once_per_key_and_keeps_errors() {
        let memo: Memo<u32, Result<u32, String>> = Memo::default();
        let calls = Cell::new(0);
        let f = |k: u32| {
            calls.set(calls.get() + 1);
            if k == 0 {
                Err("zero".to_owned())
            } else {
                Ok(k * 2)
            }
        };
        assert_eq!(memo.get_or_insert_with(3, || f(3)), Ok(6));
        assert_eq!(memo.get_or_insert_with(3, || f(3)), Ok(6));
        assert_eq!(memo.get_or_insert_with(0, || f(0)), Err("zero".to_owned()));
        assert_eq!(memo.get_or_insert_with(0, || f(0)), Err("zero".to_owned()));
        // 3 and 0 computed once each.
        assert_eq!(calls.get(), 2);
        assert_eq!(memo.len(), 2);
    }
}
