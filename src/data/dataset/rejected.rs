//! The rows a lenient read rejected, as a data set keeps them: so that a figure whose own row
//! was rejected is never answered silently by a sum of its parts (the totals and frequency
//! rules), nor as missing.

use crate::area::Area;
use crate::commodity::Commodity;
use crate::error::{Error, Result};
use crate::flow::Flow;
use crate::io::RejectedKey;
use crate::period::Period;

use super::totals::builds_from;

/// The rejected rows' keys, whether they are all there, and whether the caller accepts sums of
/// parts in their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rejected {
    keys: Vec<RejectedKey>,
    /// False when the read rejected more rows than it kept keys of.
    complete: bool,
    /// The caller opted in to sums of parts in place of rejected rows (marked).
    substitute: bool,
}

impl Default for Rejected {
    fn default() -> Self {
        Rejected {
            keys: Vec::new(),
            complete: true,
            substitute: false,
        }
    }
}

/// What the guard found for one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guard {
    /// Nothing was rejected that this figure could be.
    Clear,
    /// A sum of parts stands in for a rejected row (allowed by the caller): mark it.
    Substituted,
}

impl Rejected {
    pub(crate) fn add(&mut self, keys: impl IntoIterator<Item = RejectedKey>, complete: bool) {
        self.keys.extend(keys);
        self.complete &= complete;
    }

    pub(crate) fn set_substitute(&mut self, substitute: bool) {
        self.substitute = substitute;
    }

    pub(crate) fn keys(&self) -> &[RejectedKey] {
        &self.keys
    }

    pub(crate) fn complete(&self) -> bool {
        self.complete
    }

    /// True when nothing was rejected: every figure is what the records give.
    pub(crate) fn is_clear(&self) -> bool {
        self.keys.is_empty() && self.complete
    }

    /// The check of one figure: `reporter`'s `flow` with `partner` of `commodity` in `period`,
    /// which has a record of its own (`own`), or is a sum of parts (`value`) or missing.
    /// `mirrored` also matches rejected rows of the partner's mirror flow (the figure is one
    /// figure for both sides).
    ///
    /// A figure with its own record is what the file says. Otherwise, a rejected row that could
    /// be this figure or one of its parts (an unreadable field matches anything) makes it an
    /// error naming the row's line, unless the caller accepts the substitution (then it is
    /// marked); when the read kept only some of the rejected keys, every sum of parts is
    /// refused so.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn check(
        &self,
        (reporter, partner, flow): (Area, Area, Flow),
        commodity: Commodity,
        period: Period,
        own: bool,
        value: bool,
        mirrored: bool,
    ) -> Result<Guard> {
        if own || self.is_clear() {
            return Ok(Guard::Clear);
        }
        let direct = |k: &&RejectedKey| {
            k.reporter.is_none_or(|r| r == reporter)
                && k.partner.is_none_or(|p| p == partner)
                && k.flow.is_none_or(|f| f == flow)
        };
        let mirror = |k: &&RejectedKey| {
            mirrored
                && k.reporter.is_none_or(|r| r == partner)
                && k.partner.is_none_or(|p| p == reporter)
                && k.flow.is_none_or(|f| Some(f) == flow.mirror())
        };
        let inside = |k: &&RejectedKey| {
            k.commodity
                .is_none_or(|c| c == commodity || commodity.is_ancestor_of(&c))
                && k.period.is_none_or(|p| within(p, period))
        };
        let found = self
            .keys
            .iter()
            .find(|k| (direct(k) || mirror(k)) && inside(k));
        let figure = || {
            format!(
                "{reporter} {flow} {} {partner}, {commodity}, {period}",
                if flow.is_export_side() { "to" } else { "from" }
            )
        };
        let stand_in = if value {
            "a sum of its parts would stand in its place"
        } else {
            "it would be missing"
        };
        if let Some(key) = found {
            if self.substitute {
                return Ok(if value { Guard::Substituted } else { Guard::Clear });
            }
            return Err(Error::InvalidArgument {
                reason: format!(
                    "{}: the row at line {} was rejected by the read ({}), and {stand_in}; build with Builder::substitute_rejected(true) to accept such figures, marked Flags::SUBSTITUTED",
                    figure(),
                    key.line,
                    describe(key)
                ),
            });
        }
        if !self.complete && value {
            if self.substitute {
                return Ok(Guard::Substituted);
            }
            return Err(Error::InvalidArgument {
                reason: format!(
                    "{}: a sum of parts, and the read rejected more rows than it kept the keys of, so any of them may be this figure's own row; build with Builder::substitute_rejected(true) to accept sums of parts, marked Flags::SUBSTITUTED",
                    figure()
                ),
            });
        }
        Ok(Guard::Clear)
    }
}

/// Whether `part` is `period` or one of its quarters or months.
fn within(part: Period, period: Period) -> bool {
    part == period
        || (builds_from(period.frequency(), part.frequency())
            && part.enclosing(period.frequency()) == Some(period))
}

/// A rejected key written out, `?` for what could not be read.
fn describe(key: &RejectedKey) -> String {
    fn field<T: std::fmt::Display>(v: Option<T>) -> String {
        v.map_or_else(|| "?".to_owned(), |v| v.to_string())
    }
    format!(
        "{} -> {}, {}, {}, {}",
        field(key.reporter),
        field(key.partner),
        field(key.flow),
        field(key.commodity),
        field(key.period)
    )
}
