//! [`TradeData`]: a set of trade records held column-wise in memory, and the queries on it.
//!
//! Records are held in 26 bytes each plus small tables (see the `store` module and the
//! `memory` test): areas, periods, flows, valuations and commodities are interned in sorted
//! tables, the records are sorted by (reporter, partner, flow, period, commodity), and each pair's
//! records are one run found by binary search, so a pair query touches only that pair's records.
//!
//! Values follow two rules, applied by every query ([`TradeData::value`], the [`Bilateral`]
//! series, the asymmetries):
//!
//! - **the totals rule**: a commodity's value is its own record where there is one, otherwise the
//!   sum of its children, recursively (HS headings into chapters, chapters into the total; SITC
//!   likewise). A reported total hides its parts, so nothing is counted twice; a missing total is
//!   the sum of what is below it, so nothing is dropped. Where a reported total differs from the
//!   sum of its parts, the reported total is used and the two figures are listed by
//!   [`TradeData::inconsistencies`]; HS and SITC codes never mix in one sum (an error).
//! - **the frequency rule**: a period's value comes from records of its own frequency where there
//!   are any; otherwise it is the sum over its quarters (else its months) when every one of them
//!   has a value; an incomplete period has none. One sum never mixes quarters and months. A
//!   reported year or quarter that differs from its complete quarters or months is used, and
//!   listed by [`TradeData::inconsistencies`] with [`Breakdown::Periods`].
//!
//! A World record smaller than the reporter's record with one partner (same flow, commodity and
//! period) is listed too, with [`Breakdown::Partners`].
//!
//! A record that is one figure for both sides ([`Reporting::Single`]) answers for both: the
//! exporter's exports are the importer's imports, never converted with a CIF/FOB factor.
//!
//! A data set told of the rows a lenient read rejected ([`Builder::rejected`],
//! [`Records::into_trade_data`](crate::io::Records::into_trade_data)) applies the two rules only
//! where no rejected row could be the figure asked for or one of its parts: otherwise the figure
//! is an error naming the rejected line, or, built with [`Builder::substitute_rejected`], the sum
//! marked [`Flags::SUBSTITUTED`](crate::Flags::SUBSTITUTED).
//!
//! [`Reporting::Single`]: crate::Reporting::Single
//!
//! [`Bilateral`]: crate::bilateral::Bilateral

mod build;
pub(crate) mod cache;
mod commodities;
pub(crate) mod fraction;
mod keys;
mod records;
mod rejected;
pub(crate) mod store;
pub(crate) mod totals;

use std::fmt;

pub use build::{Builder, Domestic, Duplicates};
pub use records::Records;
pub use totals::{Breakdown, Inconsistency};

use crate::area::Area;
use crate::commodity::Commodity;
use crate::currency::Currency;
use crate::error::Result;
use crate::flags::Flags;
use crate::flow::{Flow, Measure};
use crate::indicators::cache::Cache as IndicatorCache;
use crate::io::RejectedKey;
use crate::money::Money;
use crate::period::{Frequency, Period};
use rejected::{Guard, Rejected};
use store::Store;
use totals::{add, Parts};

/// A set of trade records, held column-wise with interned keys.
///
/// Build one with [`TradeData::from_records`] or, for the choices about duplicates and domestic
/// records, [`TradeData::builder`]. All values are in one currency.
///
/// ```
/// # use tradestat::{Commodity, Country, Flow, Measure, Money, Period, TradeData, TradeRecord};
/// let y = Period::year(2021)?;
/// let usd = |s: &str| s.parse::<Money>();
/// let data = TradeData::from_records([
///     TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("$3.0bn")?),
///     TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Import, usd("$1.1bn")?),
/// ])?;
/// assert_eq!(data.len(), 2);
/// let turnover = data.value(Country::KAZ, Country::TUR, Measure::Turnover, Commodity::TOTAL, y)?;
/// assert_eq!(turnover, Some(usd("$4.1bn")?));
/// # Ok::<(), tradestat::Error>(())
/// ```
pub struct TradeData {
    currency: Option<Currency>,
    trade: Store,
    domestic: Store,
    inconsistencies: Vec<Inconsistency>,
    rejected: Rejected,
    /// Totals and world figures the indicators computed, filled on first use.
    indicators: IndicatorCache,
}

/// A clone starts with an empty cache: it gives the same figures, computed again on first use.
impl Clone for TradeData {
    fn clone(&self) -> Self {
        TradeData {
            currency: self.currency,
            trade: self.trade.clone(),
            domestic: self.domestic.clone(),
            inconsistencies: self.inconsistencies.clone(),
            rejected: self.rejected.clone(),
            indicators: IndicatorCache::default(),
        }
    }
}

/// What [`TradeData::value`] is asked for: one flow as reported, or a measure (exports, imports,
/// turnover). `From` converts either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Figure {
    /// One flow, as reported.
    Flow(Flow),
    /// A measure: exports (flow `Export`), imports (flow `Import`), or turnover (their sum).
    Measure(Measure),
}

impl From<Flow> for Figure {
    fn from(flow: Flow) -> Self {
        Figure::Flow(flow)
    }
}

impl From<Measure> for Figure {
    fn from(measure: Measure) -> Self {
        Figure::Measure(measure)
    }
}

impl TradeData {
    /// A data set from `records`, with the default choices: duplicates and domestic records are
    /// errors (see [`TradeData::builder`]).
    ///
    /// # Errors
    /// As [`Builder::build`].
    pub fn from_records(records: impl IntoIterator<Item = TradeRecord>) -> Result<TradeData> {
        Builder::default().build(records)
    }

    /// The choices for building a data set; end with [`Builder::build`].
    pub fn builder<'a>() -> Builder<'a> {
        Builder::default()
    }

    pub(crate) fn from_stores(
        currency: Option<Currency>,
        trade: Store,
        domestic: Store,
    ) -> Result<TradeData> {
        let inconsistencies = match currency {
            Some(c) => trade.inconsistencies(c)?,
            None => Vec::new(),
        };
        Ok(TradeData {
            currency,
            trade,
            domestic,
            inconsistencies,
            rejected: Rejected::default(),
            indicators: IndicatorCache::default(),
        })
    }

    pub(crate) fn rejected_mut(&mut self) -> &mut Rejected {
        // Rejected rows change what the rules give: nothing computed before them stands.
        self.indicators = IndicatorCache::default();
        &mut self.rejected
    }

    pub(crate) fn indicator_cache(&self) -> &IndicatorCache {
        &self.indicators
    }

    /// Whether no row was rejected: every figure is what the records give.
    pub(crate) fn nothing_rejected(&self) -> bool {
        self.rejected.is_clear()
    }

    /// The check of a figure against the rejected rows (see `Rejected::check`): `own` when it
    /// has a record of its own, `value` when it has a value (a sum of parts if not own).
    pub(crate) fn guard(
        &self,
        (reporter, partner, flow): (Area, Area, Flow),
        commodity: Commodity,
        period: Period,
        own: bool,
        value: bool,
    ) -> Result<Guard> {
        if own || self.rejected.is_clear() {
            return Ok(Guard::Clear);
        }
        let mirrored = self.single_source(reporter, partner);
        self.rejected.check(
            (reporter, partner, flow),
            commodity,
            period,
            own,
            value,
            mirrored,
        )
    }

    /// A flow's figure by the totals and frequency rules, checked against the rejected rows.
    fn flow_parts(
        &self,
        (reporter, partner, flow): (Area, Area, Flow),
        commodity: Commodity,
        period: Period,
    ) -> Result<(Option<Parts>, Guard)> {
        let store = &self.trade;
        let value = store.lookup(reporter, partner, flow, commodity, period)?;
        if self.rejected.is_clear() {
            return Ok((value, Guard::Clear));
        }
        let own = match (
            store.pair_of(reporter, partner),
            store.flows.id(&flow),
            store.commodities.id(&commodity),
        ) {
            (Some(run), Some(f), Some(c)) => store.has_own(run, f, c, period),
            _ => false,
        };
        let guard = self.guard(
            (reporter, partner, flow),
            commodity,
            period,
            own,
            value.is_some(),
        )?;
        Ok((value, guard))
    }

    /// The record keys of the rows the read rejected, as given to
    /// [`Builder::rejected`] or [`Builder::rejected_keys`] (or by
    /// [`Records::into_trade_data`](crate::io::Records::into_trade_data)); empty when none.
    pub fn rejected_keys(&self) -> &[RejectedKey] {
        self.rejected.keys()
    }

    /// Whether [`TradeData::rejected_keys`] has the key of every rejected row (false when the
    /// read kept only some: then every sum of parts is refused, or marked).
    pub fn rejected_keys_complete(&self) -> bool {
        self.rejected.complete()
    }

    pub(crate) fn store(&self) -> &Store {
        &self.trade
    }

    /// Whether any record between `a` and `b` (either way) is one figure for both sides.
    pub(crate) fn single_source(&self, a: Area, b: Area) -> bool {
        let store = &self.trade;
        [store.pair_of(a, b), store.pair_of(b, a)]
            .into_iter()
            .flatten()
            .any(|run| run.into_iter().any(|i| store.is_single(i)))
    }

    /// The number of trade records (duplicates summed count once; domestic records are not
    /// counted, see [`TradeData::domestic_len`]; a [`Reporting::Single`] record counts once,
    /// though it answers for both sides).
    ///
    /// [`Reporting::Single`]: crate::Reporting::Single
    pub fn len(&self) -> usize {
        self.trade.given()
    }

    /// True when there is no trade record.
    pub fn is_empty(&self) -> bool {
        self.trade.len() == 0
    }

    /// The number of domestic records kept apart.
    pub fn domestic_len(&self) -> usize {
        self.domestic.given()
    }

    /// The currency of every value; `None` only for a data set built from no records.
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }

    /// The periods of the trade records, in time order (of any frequency).
    pub fn periods(&self) -> &[Period] {
        self.trade.periods.values()
    }

    /// The frequencies present, coarsest first.
    pub fn frequencies(&self) -> Vec<Frequency> {
        self.trade.frequencies()
    }

    /// The reporters, in `Area` order.
    pub fn reporters(&self) -> Vec<Area> {
        let mut ids: Vec<u16> = self.trade.pairs.iter().map(|run| run.reporter).collect();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.trade.areas.get(usize::from(id)))
            .collect()
    }

    /// The partners `reporter` reported trade with, in `Area` order (empty for an area that
    /// reported nothing).
    pub fn partners(&self, reporter: impl Into<Area>) -> Vec<Area> {
        let Some(r) = self.trade.areas.id(&reporter.into()) else {
            return Vec::new();
        };
        self.trade
            .runs_of(r)
            .iter()
            .filter_map(|run| self.trade.areas.get(usize::from(run.partner)))
            .collect()
    }

    /// The trade records, sorted by reporter, partner, flow, period and commodity.
    pub fn iter(&self) -> Records<'_> {
        Records::new(&self.trade, self.currency)
    }

    /// The domestic records kept apart (built with [`Domestic::Keep`]), in the same order.
    pub fn domestic_records(&self) -> Records<'_> {
        Records::new(&self.domestic, self.currency)
    }

    /// The domestic figure of `area` in `period`: its records of flow `Export` with itself as
    /// partner (gravity data write a country's shipments to itself so), by the totals and frequency
    /// rules; `None` if there is none. Domestic records are never counted as trade.
    ///
    /// # Errors
    /// [`crate::Error::Overflow`] when a sum does not fit a `Decimal` exactly.
    pub fn domestic(&self, area: impl Into<Area>, period: Period) -> Result<Option<Money>> {
        let area = area.into();
        let value = self
            .domestic
            .lookup(area, area, Flow::Export, Commodity::TOTAL, period)?;
        self.money(value.map(|v| v.total()).transpose()?)
    }

    /// Every reported value that differs from the sum of its parts (see the totals rule in the
    /// module docs), in record order. The reported value is what every query uses.
    pub fn inconsistencies(&self) -> &[Inconsistency] {
        &self.inconsistencies
    }

    fn money(&self, amount: Option<rust_decimal::Decimal>) -> Result<Option<Money>> {
        Ok(match (amount, self.currency) {
            (Some(a), Some(c)) => Some(Money::new(a, c)),
            _ => None,
        })
    }

    /// The value `reporter` reported for its trade with `partner`: a flow, or a measure (exports
    /// are flow `Export`, imports flow `Import`, turnover their sum, defined only where both are),
    /// for `commodity` in `period`, by the totals rule and the frequency rule (module docs).
    /// `None` where there is no such value. Only the reporter's own figures: for the partner's
    /// mirror figures and reconciled views, see [`TradeData::bilateral`].
    ///
    /// # Errors
    /// [`crate::Error::Overflow`] when a sum does not fit a `Decimal` exactly;
    /// [`crate::Error::InvalidArgument`] when the value would mix HS and SITC codes.
    ///
    /// ```
    /// # use tradestat::{Commodity, Country, Flow, Money, Period, TradeData, TradeRecord};
    /// let y = Period::year(2022)?;
    /// let usd = |s: &str| s.parse::<Money>();
    /// let ore = |code: &str, value: &str| -> Result<TradeRecord, tradestat::Error> {
    ///     Ok(TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd(value)?)
    ///         .with_commodity(Commodity::hs(code)?))
    /// };
    /// let data = TradeData::from_records([ore("2709", "$3bn")?, ore("2710", "$1bn")?, ore("7108", "$0.5bn")?])?;
    /// // No total and no chapter reported: each is the sum of what is below it.
    /// let chapter = data.value(Country::KAZ, Country::TUR, Flow::Export, Commodity::hs("27")?, y)?;
    /// assert_eq!(chapter, Some(usd("$4bn")?));
    /// let total = data.value(Country::KAZ, Country::TUR, Flow::Export, Commodity::TOTAL, y)?;
    /// assert_eq!(total, Some(usd("$4.5bn")?));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn value(
        &self,
        reporter: impl Into<Area>,
        partner: impl Into<Area>,
        figure: impl Into<Figure>,
        commodity: Commodity,
        period: Period,
    ) -> Result<Option<Money>> {
        Ok(self
            .value_with_flags(reporter, partner, figure, commodity, period)?
            .map(|(money, _)| money))
    }

    /// [`TradeData::value`] with the data set's marks on the figure: [`Flags::SUBSTITUTED`]
    /// where a sum of parts stands in for a row the read rejected (only in a data set built
    /// with [`Builder::substitute_rejected`]; without it such a figure is an error), otherwise
    /// [`Flags::NONE`].
    ///
    /// # Errors
    /// As [`TradeData::value`].
    ///
    /// [`Flags::SUBSTITUTED`]: crate::Flags::SUBSTITUTED
    /// [`Flags::NONE`]: crate::Flags::NONE
    pub fn value_with_flags(
        &self,
        reporter: impl Into<Area>,
        partner: impl Into<Area>,
        figure: impl Into<Figure>,
        commodity: Commodity,
        period: Period,
    ) -> Result<Option<(Money, Flags)>> {
        let (reporter, partner) = (reporter.into(), partner.into());
        let mut flags = Flags::NONE;
        let mut flow_value = |flow: Flow| -> Result<Option<rust_decimal::Decimal>> {
            let (parts, guard) = self.flow_parts((reporter, partner, flow), commodity, period)?;
            if guard == Guard::Substituted {
                flags |= Flags::SUBSTITUTED;
            }
            parts.map(|p| p.total()).transpose()
        };
        let amount = match figure.into() {
            Figure::Flow(flow) => flow_value(flow)?,
            Figure::Measure(Measure::Exports) => flow_value(Flow::Export)?,
            Figure::Measure(Measure::Imports) => flow_value(Flow::Import)?,
            Figure::Measure(Measure::Turnover) => {
                match (flow_value(Flow::Export)?, flow_value(Flow::Import)?) {
                    (Some(x), Some(m)) => Some(add(x, m)?),
                    _ => None,
                }
            }
        };
        Ok(self.money(amount)?.map(|m| (m, flags)))
    }

    /// The values of `flow` for each of `commodities` between `reporter` and `partner` in
    /// `period`, as [`TradeData::value`] gives them, with the pair's block found once: a value
    /// the period's own records give (by the totals rule) is read there; every other (finer
    /// periods, rejected rows) is asked of [`TradeData::value`] itself.
    ///
    /// # Errors
    /// As [`TradeData::value`].
    pub(crate) fn flow_values(
        &self,
        (reporter, partner, flow): (Area, Area, Flow),
        commodities: &[Commodity],
        period: Period,
    ) -> Result<Vec<Option<Money>>> {
        let store = &self.trade;
        let block = match (
            self.rejected.is_clear(),
            store.pair_of(reporter, partner),
            store.flows.id(&flow),
            store.period_id(period),
        ) {
            (true, Some(run), Some(f), Some(p)) => Some(store.block(run, f, p)),
            _ => None,
        };
        let mut out = Vec::with_capacity(commodities.len());
        for &k in commodities {
            let own = match (&block, store.commodities.id(&k)) {
                (Some(block), Some(node)) => store.node_in_block(block.clone(), node)?,
                _ => None,
            };
            out.push(match own {
                Some(parts) => self.money(Some(parts.total()?))?,
                None => self.value(reporter, partner, flow, k, period)?,
            });
        }
        Ok(out)
    }

    /// The commodities `reporter` reported, in any flow, with `partner` in `period` (records of
    /// that period itself, not of finer periods), the total first, then by classification and
    /// code.
    pub fn products(
        &self,
        reporter: impl Into<Area>,
        partner: impl Into<Area>,
        period: Period,
    ) -> Vec<Commodity> {
        let store = &self.trade;
        let (Some(run), Some(p)) = (
            store.pair_of(reporter.into(), partner.into()),
            store.period_id(period),
        ) else {
            return Vec::new();
        };
        let mut ids: Vec<u32> = Vec::new();
        for flow in 0..store.flows.len() {
            let block = store.block(run.clone(), flow, p);
            ids.extend(store.commodity.get(block).unwrap_or(&[]));
        }
        ids.sort_unstable();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| store.commodities.get(id as usize))
            .collect()
    }
}

impl fmt::Debug for TradeData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TradeData")
            .field("records", &self.trade.len())
            .field("domestic_records", &self.domestic.len())
            .field("currency", &self.currency)
            .field("pairs", &self.trade.pairs.len())
            .field("periods", &self.trade.periods.len())
            .field("inconsistencies", &self.inconsistencies.len())
            .finish()
    }
}

impl<'a> IntoIterator for &'a TradeData {
    type Item = TradeRecord;
    type IntoIter = Records<'a>;

    fn into_iter(self) -> Records<'a> {
        self.iter()
    }
}

use crate::record::TradeRecord;
