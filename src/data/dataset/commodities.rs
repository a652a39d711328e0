//! The commodity codes of a data set as a tree in pre-order, so that a code's descendants are the
//! ids right after it: `id + 1 .. end(id)`. Records sorted by commodity id then hold a code's
//! subtree in one contiguous run, and the totals rule is one scan over that run.

use crate::commodity::{Classification, Commodity};
use crate::error::{Error, Result};

const NO_PARENT: u32 = u32::MAX;

/// The distinct commodities of a data set, with every ancestor of each, in pre-order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CommodityTree {
    /// Commodities in `Commodity`'s order, which is pre-order: the total, then each
    /// classification's codes in code order, a parent before its children.
    nodes: Vec<Commodity>,
    /// One past the last descendant of each node.
    ends: Vec<u32>,
}

impl CommodityTree {
    /// The tree over `commodities` (any order, duplicates allowed) and their ancestors. Returns it
    /// with, for each input position, the node id.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if the codes do not nest (a parent whose code is not a prefix of
    /// its child's), which would break the contiguous-subtree layout.
    pub(crate) fn build(commodities: &[Commodity]) -> Result<(CommodityTree, Vec<u32>)> {
        let mut nodes: Vec<Commodity> = Vec::with_capacity(commodities.len());
        for &c in commodities {
            let mut next = Some(c);
            while let Some(c) = next {
                nodes.push(c);
                next = c.parent();
            }
        }
        // `Commodity`'s order is the code text's with parents first: pre-order (checked below).
        nodes.sort_unstable();
        // A parent reached from codes of different editions keeps the oldest (see
        // `Commodity::merge_editions`).
        nodes.dedup_by(|later, kept| {
            let same = later == kept;
            if same {
                *kept = kept.merge_editions(*later);
            }
            same
        });
        if nodes.len() >= NO_PARENT as usize {
            return Err(Error::overflow(
                "building a data set",
                "more than 4294967294 distinct commodities",
            ));
        }
        let mut tree = CommodityTree {
            ends: vec![0; nodes.len()],
            nodes,
        };
        let parents: Vec<u32> = tree
            .nodes
            .iter()
            .map(|c| {
                c.parent()
                    .and_then(|p| tree.id(&p))
                    .map_or(NO_PARENT, |id| id as u32)
            })
            .collect();
        // Pre-order check: each node's parent is on the path from the root to the node before it.
        let mut path: Vec<u32> = Vec::new();
        for (id, &parent) in parents.iter().enumerate() {
            while path.last().is_some_and(|&top| top != parent) {
                path.pop();
            }
            if parent != NO_PARENT && path.is_empty() {
                return Err(not_nested(tree.nodes[parent as usize], tree.nodes[id]));
            }
            path.push(id as u32);
        }
        // Subtree sizes, children before parents (a parent sorts before its children).
        let mut sizes = vec![1_u32; tree.nodes.len()];
        for id in (0..tree.nodes.len()).rev() {
            let parent = parents[id];
            if parent != NO_PARENT {
                sizes[parent as usize] += sizes[id];
            }
        }
        for (id, size) in sizes.iter().enumerate() {
            tree.ends[id] = id as u32 + size;
        }
        let ids = commodities
            .iter()
            .map(|c| tree.id(c).map(|id| id as u32))
            .collect::<Option<Vec<u32>>>()
            .ok_or_else(|| Error::InvalidArgument {
                reason: "commodity missing from its own tree".into(),
            })?;
        Ok((tree, ids))
    }

    /// The id of `commodity`, if the data set has it or a descendant of it.
    pub(crate) fn id(&self, commodity: &Commodity) -> Option<usize> {
        self.nodes.binary_search(commodity).ok()
    }

    /// The commodity with id `id`.
    pub(crate) fn get(&self, id: usize) -> Option<Commodity> {
        self.nodes.get(id).copied()
    }

    /// One past the last descendant of `id`.
    pub(crate) fn end(&self, id: usize) -> usize {
        self.ends.get(id).map_or(id + 1, |&e| e as usize)
    }

    /// The classification of node `id` (`None` for the total).
    pub(crate) fn classification(&self, id: usize) -> Option<Classification> {
        self.nodes.get(id).and_then(|c| c.classification())
    }
}

fn not_nested(parent: Commodity, child: Commodity) -> Error {
    Error::InvalidArgument {
        reason: format!(
            "commodity codes do not nest: {child} has parent {parent}, but its code does not sort inside {parent}'s"
        ),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::commodity::HsEdition;

    #[test]
    fn a_parent_reached_from_two_editions_keeps_the_older() {
        let old = Commodity::hs("852410")
            .unwrap()
            .with_edition(HsEdition::Hs1992);
        let new = Commodity::hs("852411")
            .unwrap()
            .with_edition(HsEdition::Hs2022);
        for input in [[old, new], [new, old]] {
            let (tree, _) = CommodityTree::build(&input).unwrap();
            let editions: Vec<(String, Option<HsEdition>)> = (0..5)
                .map(|id| tree.get(id).unwrap())
                .map(|c| (c.code(), c.edition()))
                .collect();
            assert_eq!(
                editions,
                [
                    ("TOTAL".to_owned(), None),
                    ("85".to_owned(), Some(HsEdition::Hs1992)),
                    ("8524".to_owned(), Some(HsEdition::Hs1992)),
                    ("852410".to_owned(), Some(HsEdition::Hs1992)),
                    ("852411".to_owned(), Some(HsEdition::Hs2022)),
                ]
            );
        }
    }
}
