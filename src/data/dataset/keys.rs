//! Interned keys: each distinct area, period, flow, valuation and commodity of a data set is kept
//! once, in sorted order, and records refer to it by its index. Sorted tables mean an index order is
//! the key order, so records sorted by index are sorted by key.

use std::collections::HashMap;
use std::hash::Hash;

use crate::error::{Error, Result};

/// A sorted table of distinct keys; a key's id is its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dictionary<T> {
    values: Vec<T>,
}

impl<T> Default for Dictionary<T> {
    fn default() -> Self {
        Dictionary { values: Vec::new() }
    }
}

impl<T: Ord + Copy> Dictionary<T> {
    /// The key with id `id`.
    pub(crate) fn get(&self, id: usize) -> Option<T> {
        self.values.get(id).copied()
    }

    /// The id of `value`, if it is in the table.
    pub(crate) fn id(&self, value: &T) -> Option<usize> {
        self.values.binary_search(value).ok()
    }

    /// All keys in order.
    pub(crate) fn values(&self) -> &[T] {
        &self.values
    }

    pub(crate) fn len(&self) -> usize {
        self.values.len()
    }

    pub(crate) fn from_sorted(values: Vec<T>) -> Self {
        Dictionary { values }
    }
}

/// Assigns provisional ids in order of first appearance while records stream in; `finish` sorts
/// the keys and gives the map from provisional to final ids.
#[derive(Debug)]
pub(crate) struct Interner<T> {
    ids: HashMap<T, u32>,
    /// The last key interned and its id: records arrive in runs that share a reporter, a
    /// period or a flow, and a comparison is cheaper than hashing.
    last: Option<(T, u32)>,
    values: Vec<T>,
    what: &'static str,
    limit: u32,
}

impl<T: Ord + Copy + Hash> Interner<T> {
    /// An interner for at most `limit` distinct keys (the width of the column that holds ids).
    pub(crate) fn new(what: &'static str, limit: u32) -> Self {
        Interner {
            ids: HashMap::new(),
            last: None,
            values: Vec::new(),
            what,
            limit,
        }
    }

    /// The provisional id of `value`.
    ///
    /// # Errors
    /// [`Error::Overflow`] when there are more distinct keys than the column can index.
    pub(crate) fn intern(&mut self, value: T) -> Result<u32> {
        if let Some((last, id)) = self.last {
            if last == value {
                return Ok(id);
            }
        }
        if let Some(&id) = self.ids.get(&value) {
            self.last = Some((value, id));
            return Ok(id);
        }
        let id = u32::try_from(self.values.len())
            .ok()
            .filter(|&id| id < self.limit)
            .ok_or_else(|| {
                Error::overflow(
                    "building a data set",
                    format!("more than {} distinct {}", self.limit, self.what),
                )
            })?;
        self.ids.insert(value, id);
        self.values.push(value);
        self.last = Some((value, id));
        Ok(id)
    }

    /// The provisional id of `value`, as [`Interner::intern`]; when an equal key is there
    /// already, it becomes `merge(kept, value)` (for what equality does not look at).
    ///
    /// # Errors
    /// [`Error::Overflow`] when there are more distinct keys than the column can index.
    pub(crate) fn intern_merging(
        &mut self,
        value: T,
        merge: impl FnOnce(T, T) -> T,
    ) -> Result<u32> {
        let id = self.intern(value)?;
        if let Some(kept) = self.values.get_mut(id as usize) {
            *kept = merge(*kept, value);
        }
        Ok(id)
    }

    /// The keys seen so far, in order of first appearance.
    pub(crate) fn seen(&self) -> &[T] {
        &self.values
    }

    /// The sorted table and, for each provisional id, its final id.
    pub(crate) fn finish(self) -> (Dictionary<T>, Vec<u32>) {
        let mut order: Vec<u32> = (0..self.values.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.values[a as usize].cmp(&self.values[b as usize]));
        let mut remap = vec![0_u32; self.values.len()];
        let mut sorted = Vec::with_capacity(self.values.len());
        for (new, &old) in order.iter().enumerate() {
            remap[old as usize] = new as u32;
            sorted.push(self.values[old as usize]);
        }
        (Dictionary::from_sorted(sorted), remap)
    }
}
