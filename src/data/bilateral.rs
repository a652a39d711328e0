//! [`Bilateral`]: the trade of one side with another (a country, an area, or a group of them),
//! period by period, from either side's reports.

use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;

use crate::area::Area;
use crate::asymmetry::Asymmetry;
use crate::commodity::Commodity;
use crate::country::Country;
use crate::data::dataset::fraction::Fraction;
use crate::data::dataset::store::period_key;
use crate::data::dataset::totals::{add, builds_from, Parts};
use crate::data::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::{Flow, Measure, Valuation};
use crate::group::Group;
use crate::math::quotient_of_products;
use crate::money::Money;
use crate::period::{Frequency, Period};
use crate::perspective::Perspective;
use crate::ratio::Ratio;
use crate::reliability::Reliability;
use crate::series::Series;

/// The IMF's CIF/FOB factor: imports CIF are taken as 1.06 times exports FOB.
pub const DEFAULT_CIF_FOB: Decimal = Decimal::from_parts(106, 0, 0, false, 2);

/// One side of a bilateral query: a country or any trade-data [`Area`], or a [`Group`] of them.
/// `From` converts a `Country`, an `Area` or a `Group`, by value or by reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Side {
    /// One area.
    Area(Area),
    /// A group: in each period, the areas that are its members on the period's last day
    /// ([`Group::contains`]).
    Group(Group),
}

impl From<Group> for Side {
    fn from(group: Group) -> Self {
        Side::Group(group)
    }
}

impl From<&Group> for Side {
    fn from(group: &Group) -> Self {
        Side::Group(group.clone())
    }
}

impl From<Area> for Side {
    fn from(area: Area) -> Self {
        Side::Area(area)
    }
}

impl From<&Area> for Side {
    fn from(area: &Area) -> Self {
        Side::Area(*area)
    }
}

impl From<Country> for Side {
    fn from(country: Country) -> Self {
        Side::Area(Area::Country(country))
    }
}

impl From<&Country> for Side {
    fn from(country: &Country) -> Self {
        Side::Area(Area::Country(*country))
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Side::Area(area) => write!(f, "{area}"),
            Side::Group(group) => write!(f, "{group}"),
        }
    }
}

/// A side resolved against a data set: the area ids that may belong to it.
#[derive(Debug, Clone)]
struct Members {
    side: Side,
    /// Ids of the data set's areas that belong to the side in some period.
    candidates: Vec<usize>,
}

impl Members {
    fn resolve(data: &TradeData, side: Side) -> Members {
        let store = data.store();
        let candidates = match &side {
            Side::Area(area) => store.areas.id(area).into_iter().collect(),
            Side::Group(group) => group
                .all_members()
                .iter()
                .filter_map(|area| store.areas.id(area))
                .collect(),
        };
        Members { side, candidates }
    }

    /// The ids of the members in `period`.
    fn in_period(&self, data: &TradeData, period: Period) -> Vec<usize> {
        match &self.side {
            Side::Area(_) => self.candidates.clone(),
            Side::Group(group) => self
                .candidates
                .iter()
                .copied()
                .filter(|&id| {
                    data.store()
                        .areas
                        .get(id)
                        .is_some_and(|area| group.contains(area, period))
                })
                .collect(),
        }
    }
}

/// The trade of side a with side b, per period, as [`Series`]; made by [`TradeData::bilateral`].
///
/// Every figure is a's: `exports` are a's exports to b, `imports` a's imports from b, from a's
/// own reports or b's mirrored ones as the [`Perspective`] says. Values are totals of all
/// commodities (or of [`Bilateral::commodity`]) by the totals and frequency rules of
/// [`TradeData`]; periods are of one frequency ([`Bilateral::frequency`], default the coarsest
/// present for the pair), and a series has a gap where a period has no value.
///
/// ```
/// # use tradestat::{Country, Flow, Money, Perspective, Period, TradeData, TradeRecord};
/// let y = Period::year(2021)?;
/// let r = |a, b, f, v: &str| -> Result<TradeRecord, tradestat::Error> {
///     Ok(TradeRecord::new(a, b, y, f, v.parse::<Money>()?))
/// };
/// let data = TradeData::from_records([
///     r(Country::KAZ, Country::TUR, Flow::Export, "$3.0bn")?,
///     r(Country::KAZ, Country::TUR, Flow::Import, "$1.1bn")?,
///     r(Country::TUR, Country::KAZ, Flow::Import, "$3.18bn")?, // CIF
/// ])?;
/// let pair = data.bilateral(Country::KAZ, Country::TUR)?;
/// let turnover = pair.turnover(Perspective::Reporter)?;
/// assert_eq!(turnover.get(y), Some("$4.1bn".parse()?));
/// // Türkiye's imports (CIF) divided by 1.06 stand for Kazakhstan's exports (FOB).
/// assert_eq!(pair.exports(Perspective::Partner)?.get(y), Some("$3bn".parse()?));
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Bilateral<'a> {
    data: &'a TradeData,
    a: Members,
    b: Members,
    /// Trade among the members of one group (a and b the same group).
    intra: bool,
    factor: Decimal,
    /// Reliability weights for [`Perspective::Reconciled`].
    reliability: Option<&'a Reliability>,
    frequency: Frequency,
    commodity: Commodity,
    /// Ids of the periods of any record between the sides, found once.
    period_ids: Vec<usize>,
}

impl TradeData {
    /// The trade of `a` with `b`: each side a `Country`, an `Area` or a [`Group`] (by value or
    /// reference).
    ///
    /// A group's figures are sums over the member pairs of each period (members on the period's
    /// last day), each pair's figure taken under the perspective first. A flow between two members
    /// of one side is not trade between the sides (the EU's trade with Croatia in 2013, when
    /// Croatia was a member, is none); for trade among a group's members, see
    /// [`TradeData::intra_group`].
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `a` and `b` are the same (domestic records are never trade:
    /// see [`TradeData::domestic`]; a group with itself: [`TradeData::intra_group`]);
    /// [`Error::NoData`] naming the pair when neither side has a record with the other.
    ///
    /// ```
    /// # use tradestat::{Country, Flow, Group, Money, Perspective, Period, TradeData, TradeRecord};
    /// let y = Period::year(2022)?;
    /// let r = |a, v: &str| -> Result<TradeRecord, tradestat::Error> {
    ///     Ok(TradeRecord::new(a, Country::TUR, y, Flow::Export, v.parse::<Money>()?))
    /// };
    /// let data = TradeData::from_records([
    ///     r(Country::KAZ, "$4.7bn")?,
    ///     r(Country::UZB, "$1.1bn")?,
    ///     r(Country::CHN, "$30bn")?,
    /// ])?;
    /// let eaeu: Group = "EAEU".parse()?;
    /// let exports = data.bilateral(&eaeu, Country::TUR)?.exports(Perspective::Reporter)?;
    /// assert_eq!(exports.get(y), Some("$4.7bn".parse()?)); // Uzbekistan is not a member
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn bilateral(&self, a: impl Into<Side>, b: impl Into<Side>) -> Result<Bilateral<'_>> {
        let (a, b) = (a.into(), b.into());
        if a == b {
            let hint = match a {
                Side::Group(_) => "see TradeData::intra_group",
                Side::Area(_) => "see TradeData::domestic",
            };
            return Err(Error::InvalidArgument {
                reason: format!("the trade of {a} with itself is not bilateral trade ({hint})"),
            });
        }
        self.pair(Members::resolve(self, a), Members::resolve(self, b), false)
    }

    /// The trade among the members of `group`, per period among that period's members: exports
    /// are the members' exports to other members, imports their imports from other members (the
    /// same flows seen from the other end).
    ///
    /// # Errors
    /// [`Error::NoData`] when no member has a record with another member.
    pub fn intra_group(&self, group: impl Into<Side>) -> Result<Bilateral<'_>> {
        let side = group.into();
        let members = Members::resolve(self, side);
        self.pair(members.clone(), members, true)
    }

    fn pair(&self, a: Members, b: Members, intra: bool) -> Result<Bilateral<'_>> {
        let mut bilateral = Bilateral {
            data: self,
            a,
            b,
            intra,
            factor: DEFAULT_CIF_FOB,
            reliability: None,
            frequency: Frequency::Annual,
            commodity: Commodity::TOTAL,
            period_ids: Vec::new(),
        };
        bilateral.period_ids = bilateral.find_period_ids();
        let coarsest = bilateral
            .period_ids
            .iter()
            .copied()
            .filter_map(|p| self.store().periods.get(p))
            .map(Period::frequency)
            .min()
            .ok_or_else(|| Error::NoData {
                what: if intra {
                    format!("trade among the members of {}", bilateral.a.side)
                } else {
                    format!(
                        "trade between {} and {}",
                        bilateral.a.side, bilateral.b.side
                    )
                },
            })?;
        bilateral.frequency = coarsest;
        Ok(bilateral)
    }
}

/// Which flows a measure reads: a's own flow, the partner's mirror flow, and the valuation the
/// mirror figure is converted to.
#[derive(Debug, Clone, Copy)]
struct Reading {
    own: Flow,
    mirror: Option<Flow>,
    valuation: Valuation,
}

/// The runs of a member pair (m, n): m's reports of its trade with n, and n's of its trade with m.
#[derive(Debug, Clone)]
struct Link {
    /// The member ids (m, n).
    members: (usize, usize),
    forward: Option<Range<usize>>,
    backward: Option<Range<usize>>,
}

/// The ids of a reading's commodity and flows in the data set (`None` where absent).
#[derive(Debug, Clone, Copy)]
struct Ids {
    node: Option<usize>,
    own: Option<usize>,
    mirror: Option<usize>,
}

/// The error of [`Perspective::Reconciled`] on a view without reliability weights.
fn no_weights() -> Error {
    Error::InvalidArgument {
        reason: "the reconciled perspective needs reliability weights: attach them with \
                 Bilateral::with_reliability(&Reliability::estimate(&data, &periods)?)"
            .to_owned(),
    }
}

const EXPORTS: Reading = Reading {
    own: Flow::Export,
    mirror: Some(Flow::Import),
    valuation: Valuation::Fob,
};
const IMPORTS: Reading = Reading {
    own: Flow::Import,
    mirror: Some(Flow::Export),
    valuation: Valuation::Cif,
};
const RE_EXPORTS: Reading = Reading {
    own: Flow::ReExport,
    mirror: None,
    valuation: Valuation::Fob,
};

impl<'a> Bilateral<'a> {
    /// The same pair with CIF/FOB factor `factor` (default [`DEFAULT_CIF_FOB`], 1.06) for mirror
    /// figures of the other valuation. A factor of 1 means no valuation adjustment.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] unless `factor` is positive.
    pub fn with_cif_fob(mut self, factor: Decimal) -> Result<Self> {
        if factor <= Decimal::ZERO {
            return Err(Error::OutOfRange {
                what: "CIF/FOB factor",
                value: factor.to_string(),
                allowed: "a positive number (1.06 by default; 1 for no adjustment)",
            });
        }
        self.factor = factor;
        Ok(self)
    }

    /// The same pair with reliability weights for [`Perspective::Reconciled`], as
    /// [`Bilateral::with_cif_fob`] attaches the factor. The weights of a flow's two reports are
    /// [`Reliability::exporter_weight`] for the exporter's and one minus it for the importer's;
    /// the mirror figure is converted with this view's factor (pass the estimate's own with
    /// `.with_cif_fob(reliability.cif_fob())` to reconcile with the factor it was estimated
    /// with).
    ///
    /// ```
    /// # use tradestat::{Country, Flow, Perspective, Period, TradeData, TradeRecord, Reliability};
    /// let y = Period::year(2022)?;
    /// let usd = |s: &str| s.parse::<tradestat::Money>();
    /// let data = TradeData::from_records([
    ///     TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("100 USD")?),
    ///     TradeRecord::new(Country::TUR, Country::KAZ, y, Flow::Import, usd("106 USD")?),
    /// ])?;
    /// let weights = Reliability::estimate(&data, &[y])?;
    /// let pair = data.bilateral(Country::KAZ, Country::TUR)?;
    /// assert!(pair.exports(Perspective::Reconciled).is_err()); // no weights attached
    /// // The two reports agree after the CIF/FOB conversion: reconciled to that figure.
    /// let reconciled = pair.with_reliability(&weights).exports(Perspective::Reconciled)?;
    /// assert_eq!(reconciled.get(y), Some(usd("100 USD")?));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn with_reliability(mut self, reliability: &'a Reliability) -> Self {
        self.reliability = Some(reliability);
        self
    }

    /// The same pair at frequency `frequency`: periods of that frequency, a coarser period summed
    /// from finer records only where it is complete (see [`TradeData`]).
    pub fn frequency(mut self, frequency: Frequency) -> Self {
        self.frequency = frequency;
        self
    }

    /// The same pair for one commodity (default the total of all goods), by the totals rule.
    pub fn commodity(mut self, commodity: Commodity) -> Self {
        self.commodity = commodity;
        self
    }

    /// The two sides, `a` then `b` as given to [`TradeData::bilateral`] (the same group twice for
    /// [`TradeData::intra_group`]).
    pub fn sides(&self) -> (&Side, &Side) {
        (&self.a.side, &self.b.side)
    }

    /// The CIF/FOB factor in use.
    pub fn cif_fob(&self) -> Decimal {
        self.factor
    }

    /// The frequency in use.
    pub fn current_frequency(&self) -> Frequency {
        self.frequency
    }

    /// Ids of the periods of any record between the two sides, in either direction.
    fn find_period_ids(&self) -> Vec<usize> {
        let store = self.data.store();
        let mut seen = vec![false; store.periods.len()];
        for &m in &self.a.candidates {
            for &n in &self.b.candidates {
                for run in [store.pair(m, n), store.pair(n, m)].into_iter().flatten() {
                    for &p in store.period.get(run).unwrap_or(&[]) {
                        if let Some(s) = seen.get_mut(p as usize) {
                            *s = true;
                        }
                    }
                }
            }
        }
        seen.iter()
            .enumerate()
            .filter_map(|(i, &s)| s.then_some(i))
            .collect()
    }

    /// The periods of the bilateral's frequency that records between the sides fall in.
    fn periods(&self) -> Vec<Period> {
        let store = self.data.store();
        // Sorted and deduplicated by `period_key`, which orders as `Period` without dates.
        let mut periods: Vec<(u32, Period)> = self
            .period_ids
            .iter()
            .filter_map(|&p| store.periods.get(p))
            .filter(|p| builds_from(self.frequency, p.frequency()))
            .filter_map(|p| p.enclosing(self.frequency))
            .map(|p| (period_key(p), p))
            .collect();
        periods.sort_unstable_by_key(|&(key, _)| key);
        periods.dedup_by_key(|&mut (key, _)| key);
        periods.into_iter().map(|(_, p)| p).collect()
    }

    /// The directed member pairs (a member, b member) counted in `period` that have records.
    fn member_pairs(&self, period: Period) -> Vec<Link> {
        let store = self.data.store();
        let a = self.a.in_period(self.data, period);
        let b = if self.intra {
            a.clone()
        } else {
            self.b.in_period(self.data, period)
        };
        let mut pairs = Vec::new();
        for &m in &a {
            for &n in &b {
                // A flow inside one side is not trade between the sides, unless intra-group
                // trade is what is asked.
                let inside = !self.intra
                    && ((a.contains(&n) && a.contains(&m)) || (b.contains(&m) && b.contains(&n)));
                if m == n || inside {
                    continue;
                }
                let link = Link {
                    members: (m, n),
                    forward: store.pair(m, n),
                    backward: store.pair(n, m),
                };
                if link.forward.is_some() || link.backward.is_some() {
                    pairs.push(link);
                }
            }
        }
        pairs
    }

    /// The ids a reading looks up, resolved once per query.
    fn ids(&self, reading: Reading) -> Ids {
        let store = self.data.store();
        Ids {
            node: store.commodities.id(&self.commodity),
            own: store.flows.id(&reading.own),
            mirror: reading.mirror.and_then(|flow| store.flows.id(&flow)),
        }
    }

    /// A member pair's (reported, mirror) figures of `reading` in `period`, as recorded. The
    /// mirror figure is read only with `mirror`.
    fn parts(
        &self,
        link: &Link,
        (reading, ids): (Reading, Ids),
        period: Period,
        mirror: bool,
    ) -> Result<(Option<Parts>, Option<Parts>)> {
        let (m, n) = link.members;
        let reported = self.checked(
            (m, n),
            &link.forward,
            reading.own,
            ids.own,
            ids.node,
            period,
        )?;
        let mirror = match reading.mirror {
            Some(flow) if mirror => {
                self.checked((n, m), &link.backward, flow, ids.mirror, ids.node, period)?
            }
            _ => None,
        };
        Ok((reported, mirror))
    }

    /// The value of `flow` reported by member `reporter` with `partner` in `period`, checked
    /// against the rows the read rejected (a figure whose row was rejected is an error unless
    /// the data set was built to accept sums of parts in its place).
    fn checked(
        &self,
        (reporter, partner): (usize, usize),
        run: &Option<Range<usize>>,
        flow: Flow,
        flow_id: Option<usize>,
        node: Option<usize>,
        period: Period,
    ) -> Result<Option<Parts>> {
        let store = self.data.store();
        let value = match (flow_id, run, node) {
            (Some(f), Some(run), Some(node)) => store.value_at(run.clone(), f, node, period)?,
            _ => None,
        };
        if self.data.nothing_rejected() {
            return Ok(value);
        }
        let own = match (flow_id, run, node) {
            (Some(f), Some(run), Some(node)) => store.has_own(run.clone(), f, node, period),
            _ => false,
        };
        if let (Some(r), Some(p)) = (store.areas.get(reporter), store.areas.get(partner)) {
            self.data
                .guard((r, p, flow), self.commodity, period, own, value.is_some())?;
        }
        Ok(value)
    }

    /// A member pair's (reported, mirror) figures of `reading` in `period`, the mirror figure
    /// (read only with `mirror`) converted to the reading's valuation with the factor (never a
    /// single figure for both sides).
    fn figures(
        &self,
        link: &Link,
        reading: (Reading, Ids),
        period: Period,
        mirror: bool,
    ) -> Result<(Option<Fraction>, Option<Fraction>)> {
        let (reported, other) = self.parts(link, reading, period, mirror)?;
        let reported = reported
            .map(|parts| parts.total().map(Fraction::whole))
            .transpose()?;
        let other = other
            .map(|parts| parts.valued_as(reading.0.valuation, self.factor))
            .transpose()?;
        Ok((reported, other))
    }

    /// A member pair's mirror figure of `reading` in `period`, converted as in `figures`.
    fn mirror_figure(
        &self,
        link: &Link,
        (reading, ids): (Reading, Ids),
        period: Period,
    ) -> Result<Option<Fraction>> {
        let Some(flow) = reading.mirror else {
            return Ok(None);
        };
        let (m, n) = link.members;
        self.checked((n, m), &link.backward, flow, ids.mirror, ids.node, period)?
            .map(|parts| parts.valued_as(reading.valuation, self.factor))
            .transpose()
    }

    /// The figure of `reading` in `period` under `perspective`, summed over member pairs (each
    /// pair's figure combined under the perspective first), not yet divided.
    fn figure(
        &self,
        reading: (Reading, Ids),
        period: Period,
        pairs: &[Link],
        perspective: Perspective,
    ) -> Result<Option<Fraction>> {
        if perspective == Perspective::Reconciled && self.reliability.is_none() {
            return Err(no_weights());
        }
        let mut sum: Option<Fraction> = None;
        for pair in pairs {
            let (reported, _) = self.figures(pair, reading, period, false)?;
            // The mirror figure only where the perspective reads it: for ReporterThenPartner,
            // where a reported nothing.
            let mirror = match perspective {
                Perspective::Reporter => None,
                Perspective::ReporterThenPartner if reported.is_some() => None,
                _ => self.mirror_figure(pair, reading, period)?,
            };
            let combined = match (perspective, reported, mirror) {
                (Perspective::Reconciled, Some(r), Some(m)) => {
                    Some(self.reconciled(pair, reading.0, r, m)?)
                }
                _ => perspective.combine(reported, mirror)?,
            };
            if let Some(v) = combined {
                sum = Some(match sum {
                    Some(s) => s.plus(v)?,
                    None => v,
                });
            }
        }
        Ok(sum)
    }

    /// The reliability-weighted mean of a member pair's report `r` and (converted) mirror
    /// figure `m`: exact where the products fit a `Decimal` (figures of up to about 15
    /// significant digits), otherwise formed exactly and rounded once; the weight itself is
    /// rounded once ([`Reliability::exporter_weight`]).
    fn reconciled(
        &self,
        link: &Link,
        reading: Reading,
        r: Fraction,
        m: Fraction,
    ) -> Result<Fraction> {
        let reliability = self.reliability.ok_or_else(no_weights)?;
        let store = self.data.store();
        let area = |id: usize| {
            store.areas.get(id).ok_or_else(|| Error::InvalidArgument {
                reason: format!("no area with id {id} in the data set"),
            })
        };
        let (own, other) = (area(link.members.0)?, area(link.members.1)?);
        // The reporter's own flow: an export (it is the exporter) or an import (the partner is).
        let own_weight = if reading.valuation == Valuation::Fob {
            reliability.exporter_weight(own, other)?.value()
        } else {
            Decimal::ONE - reliability.exporter_weight(other, own)?.value()
        };
        let weighted = |f: Fraction, w: Decimal| -> Result<Fraction> {
            Ok(Fraction::over(
                crate::data::dataset::fraction::mul(f.numerator(), w)?,
                f.denominator(),
            ))
        };
        let other_weight = Decimal::ONE - own_weight;
        let exact =
            weighted(r, own_weight).and_then(|a| weighted(m, other_weight).and_then(|b| a.plus(b)));
        match exact {
            Ok(f) => Ok(f),
            // Figures with many digits: the products do not fit a Decimal. The mean is then
            // formed exactly in wide integers and rounded once.
            Err(e) if e.is_overflow() => {
                use crate::math::ExactDecimal as X;
                let (rn, rd) = (X::from(r.numerator()), X::from(r.denominator()));
                let (mn, md) = (X::from(m.numerator()), X::from(m.denominator()));
                let num = X::from(own_weight)
                    .mul(&rn)
                    .mul(&md)
                    .add(&X::from(other_weight).mul(&mn).mul(&rd));
                let value = num
                    .div(&rd.mul(&md))
                    .map_err(|e| e.into_error("reconciled figure", format!("{r:?} and {m:?}")))?;
                Ok(Fraction::whole(value))
            }
            Err(e) => Err(e),
        }
    }

    /// The member pairs of each period (computed once for two areas, whose pairs never change).
    fn periods_and_pairs(&self) -> Vec<(Period, Vec<Link>)> {
        let periods = self.periods();
        let fixed = matches!((&self.a.side, &self.b.side), (Side::Area(_), Side::Area(_)));
        let mut out = Vec::with_capacity(periods.len());
        let mut shared: Option<Vec<Link>> = None;
        for period in periods {
            let pairs = match (&shared, fixed) {
                (Some(pairs), true) => pairs.clone(),
                _ => {
                    let pairs = self.member_pairs(period);
                    if fixed {
                        shared = Some(pairs.clone());
                    }
                    pairs
                }
            };
            out.push((period, pairs));
        }
        out
    }

    /// The series of `values`, each divided once if it is a fraction over the factor.
    fn series(&self, what: &str, values: Vec<(Period, Fraction)>) -> Result<Series> {
        let currency = self.data.currency().ok_or_else(|| self.no_data(what))?;
        if values.is_empty() {
            return Err(self.no_data(what));
        }
        let pairs = values
            .into_iter()
            .map(|(p, v)| Ok((p, Money::new(v.value()?, currency))))
            .collect::<Result<Vec<_>>>()?;
        Series::with_gaps(pairs)
    }

    fn no_data(&self, what: &str) -> Error {
        Error::NoData {
            what: format!(
                "{what} of {} with {} ({}, {})",
                self.a.side, self.b.side, self.commodity, self.frequency
            ),
        }
    }

    fn measure(
        &self,
        reading: Reading,
        perspective: Perspective,
    ) -> Result<Vec<(Period, Fraction)>> {
        let reading = (reading, self.ids(reading));
        let mut out = Vec::new();
        for (period, pairs) in self.periods_and_pairs() {
            if let Some(v) = self.figure(reading, period, &pairs, perspective)? {
                out.push((period, v));
            }
        }
        Ok(out)
    }

    /// A's exports to b, per period. Sums are exact; a mirror figure converted from CIF is
    /// divided by the factor once, after summing (rounded half to even as
    /// [`Ratio::checked_div`]).
    ///
    /// # Errors
    /// [`Error::NoData`] when no period has a value; [`Error::Overflow`] when a sum does not fit
    /// a `Decimal` exactly.
    pub fn exports(&self, perspective: Perspective) -> Result<Series> {
        let values = self.measure(EXPORTS, perspective)?;
        self.series(&format!("exports ({perspective})"), values)
    }

    /// A's imports from b, per period.
    ///
    /// # Errors
    /// As [`Bilateral::exports`].
    pub fn imports(&self, perspective: Perspective) -> Result<Series> {
        let values = self.measure(IMPORTS, perspective)?;
        self.series(&format!("imports ({perspective})"), values)
    }

    /// A's re-exports to b, per period: only from a's own reports, as a re-export has no mirror
    /// (b records the goods as imports from their origin).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for any perspective but [`Perspective::Reporter`]; otherwise as
    /// [`Bilateral::exports`].
    pub fn re_exports(&self, perspective: Perspective) -> Result<Series> {
        if perspective != Perspective::Reporter {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "re-exports have no mirror figure: only the reporter perspective applies, not {perspective}"
                ),
            });
        }
        let values = self.measure(RE_EXPORTS, perspective)?;
        self.series("re-exports", values)
    }

    /// Exports and imports for each period where both have a value.
    fn both(&self, perspective: Perspective) -> Result<Vec<(Period, Fraction, Fraction)>> {
        let (exports, imports) = ((EXPORTS, self.ids(EXPORTS)), (IMPORTS, self.ids(IMPORTS)));
        let mut out = Vec::new();
        for (period, pairs) in self.periods_and_pairs() {
            if let (Some(x), Some(m)) = (
                self.figure(exports, period, &pairs, perspective)?,
                self.figure(imports, period, &pairs, perspective)?,
            ) {
                out.push((period, x, m));
            }
        }
        Ok(out)
    }

    /// Exports + imports per period where both have a value: exact, then divided once where a
    /// mirror figure was converted from CIF.
    ///
    /// # Errors
    /// As [`Bilateral::exports`].
    pub fn turnover(&self, perspective: Perspective) -> Result<Series> {
        let values = self
            .both(perspective)?
            .into_iter()
            .map(|(p, x, m)| Ok((p, x.plus(m)?)))
            .collect::<Result<Vec<_>>>()?;
        self.series(&format!("turnover ({perspective})"), values)
    }

    /// Exports - imports per period where both have a value, as [`Bilateral::turnover`].
    ///
    /// # Errors
    /// As [`Bilateral::exports`].
    pub fn balance(&self, perspective: Perspective) -> Result<Series> {
        let values = self
            .both(perspective)?
            .into_iter()
            .map(|(p, x, m)| Ok((p, x.minus(m)?)))
            .collect::<Result<Vec<_>>>()?;
        self.series(&format!("balance ({perspective})"), values)
    }

    /// Exports / imports per period where both have a value: the exact figures cross-multiplied
    /// and divided once, rounded half to even to the finest `Decimal` grid
    /// ([`math::quotient_of_products`](crate::math::quotient_of_products)).
    ///
    /// # Errors
    /// [`Error::Undefined`] for a period whose imports are zero; otherwise as
    /// [`Bilateral::exports`].
    pub fn coverage_ratio(&self, perspective: Perspective) -> Result<Vec<(Period, Ratio)>> {
        let both = self.both(perspective)?;
        if both.is_empty() {
            return Err(self.no_data(&format!("coverage ratio ({perspective})")));
        }
        both.into_iter()
            .map(|(p, x, m)| {
                // (x.n / x.d) / (m.n / m.d) = (x.n * m.d) / (m.n * x.d)
                let ratio = quotient_of_products(
                    &[x.numerator(), m.denominator()],
                    &[m.numerator(), x.denominator()],
                )?;
                Ok((p, Ratio::new(ratio)))
            })
            .collect()
    }

    /// A's figure and b's mirror figure (unadjusted) of `measure`, per period where both sides
    /// reported: b's imports from a against a's exports to b, b's exports to a against a's
    /// imports from b, and for turnover the sums of both (only where each side reported both
    /// flows). For a group side, the sums over the member pairs where both sides reported.
    ///
    /// A figure the source gives once for both sides ([`Reporting::Single`], as dyadic tables
    /// are read) has no mirror: it is never compared with itself.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] saying "one figure for both sides" when the pair's figures
    /// are of a single source ([`Reporting::Single`]), so there is no asymmetry to measure;
    /// [`Error::NoData`] when no period has both figures; [`Error::Overflow`].
    ///
    /// [`Reporting::Single`]: crate::Reporting::Single
    pub fn asymmetry(&self, measure: Measure) -> Result<Vec<Asymmetry>> {
        let currency = self
            .data
            .currency()
            .ok_or_else(|| self.no_data("asymmetry"))?;
        let readings: Vec<(Reading, Ids)> = match measure {
            Measure::Exports => vec![EXPORTS],
            Measure::Imports => vec![IMPORTS],
            Measure::Turnover => vec![EXPORTS, IMPORTS],
        }
        .into_iter()
        .map(|r| (r, self.ids(r)))
        .collect();
        let mut out = Vec::new();
        let mut single = false;
        for (period, pairs) in self.periods_and_pairs() {
            let mut sum: Option<(Decimal, Decimal)> = None;
            for pair in &pairs {
                let mut both = Some((Decimal::ZERO, Decimal::ZERO));
                for &reading in &readings {
                    let figures = self.parts(pair, reading, period, true)?;
                    both = match (both, figures) {
                        // The same observation on both sides: not a comparison.
                        (_, (Some(x), Some(y))) if x.has_single || y.has_single => {
                            single = true;
                            None
                        }
                        (Some((r, m)), (Some(x), Some(y))) => {
                            Some((add(r, x.total()?)?, add(m, y.total()?)?))
                        }
                        _ => None,
                    };
                }
                if let Some((r, m)) = both {
                    sum = Some(match sum {
                        Some((sr, sm)) => (add(sr, r)?, add(sm, m)?),
                        None => (r, m),
                    });
                }
            }
            if let Some((reported, mirror)) = sum {
                out.push(Asymmetry::new(
                    period,
                    measure,
                    Money::new(reported, currency),
                    Money::new(mirror, currency),
                ));
            }
        }
        if out.is_empty() && single {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "no asymmetry of {measure} between {} and {}: the data set has one figure for both sides of their trade (a single source, Reporting::Single), not two reports to compare",
                    self.a.side, self.b.side
                ),
            });
        }
        if out.is_empty() {
            return Err(self.no_data(&format!("asymmetry of {measure}")));
        }
        Ok(out)
    }
}
