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
    /// error naming the row's line, unless it is a sum of parts and the caller accepts the
    /// substitution (then it is marked); a missing figure is an error either way. When the read
    /// kept only some of the rejected keys, every sum of parts is refused so.
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
        if let Some(key) = found {
            if self.substitute && value {
                return Ok(Guard::Substituted);
            }
            let consequence = if value {
                "a sum of its parts would stand in its place; build with Builder::substitute_rejected(true) to accept such figures, marked Flags::SUBSTITUTED"
            } else {
                "the figure would be missing, with nothing to stand in its place"
            };
            return Err(Error::InvalidArgument {
                reason: format!(
                    "{}: the row at line {} was rejected by the read ({}), and {consequence}",
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use crate::io::{ReadReport, RejectedKey};
    use crate::{Commodity, Country, Flags, Flow, Money, Period, TradeData, TradeRecord};

    fn data(builder: crate::dataset::Builder<'_>) -> TradeData {
        let y = Period::year(2020).unwrap();
        let chapter = |code: &str, v: &str| {
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                y,
                Flow::Export,
                v.parse().unwrap(),
            )
            .with_commodity(Commodity::hs(code).unwrap())
        };
        builder
            .build([chapter("27", "USD 3"), chapter("72", "USD 4")])
            .unwrap()
    }

    #[test]
    fn keys_of_a_read_report_reach_the_data_set() {
        let mut report = ReadReport::default();
        report.reject_key(RejectedKey {
            line: 5,
            reporter: None,
            partner: Some(Country::TUR.into()),
            period: None,
            flow: Some(Flow::Export),
            commodity: None,
        });
        let data = data(TradeData::builder().rejected(&report));
        let y = Period::year(2020).unwrap();
        let err = data
            .value(
                Country::KAZ,
                Country::TUR,
                Flow::Export,
                Commodity::TOTAL,
                y,
            )
            .unwrap_err();
        assert!(err.to_string().contains("line 5"), "{err}");
        // Its own record: what the file says.
        let oil = data.value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::hs("27").unwrap(),
            y,
        );
        assert_eq!(oil.unwrap(), Some("USD 3".parse::<Money>().unwrap()));
    }

    #[test]
    fn incomplete_keys_refuse_every_sum_of_parts_or_mark_it() {
        let y = Period::year(2020).unwrap();
        let mut strict = data(TradeData::builder());
        strict.rejected_mut().add([], false);
        assert!(!strict.rejected_keys_complete());
        let err = strict
            .value(
                Country::KAZ,
                Country::TUR,
                Flow::Export,
                Commodity::TOTAL,
                y,
            )
            .unwrap_err();
        assert!(err.to_string().contains("more rows than it kept"), "{err}");
        // A figure of its own, and a figure that is simply absent, are unaffected.
        let oil = Commodity::hs("27").unwrap();
        assert!(strict
            .value(Country::KAZ, Country::TUR, Flow::Export, oil, y)
            .unwrap()
            .is_some());
        assert_eq!(
            strict
                .value(
                    Country::KAZ,
                    Country::TUR,
                    Flow::Import,
                    Commodity::TOTAL,
                    y
                )
                .unwrap(),
            None
        );
        let mut lenient = data(TradeData::builder().substitute_rejected(true));
        lenient.rejected_mut().add([], false);
        let (total, flags) = lenient
            .value_with_flags(
                Country::KAZ,
                Country::TUR,
                Flow::Export,
                Commodity::TOTAL,
                y,
            )
            .unwrap()
            .unwrap();
        assert_eq!(
            (total, flags),
            ("USD 7".parse::<Money>().unwrap(), Flags::SUBSTITUTED)
        );
    }
}
