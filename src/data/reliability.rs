//! How far each country's reports can be trusted, from the disagreement of mirror flows: the
//! reliability part of CEPII's BACI reconciliation (Gaulier and Zignago, 2010, CEPII working
//! paper 2010-23), and a simple CIF/FOB factor estimate.
//!
//! Each flow is reported twice: by the exporter (FOB) and by the importer (CIF). For every
//! mirror pair (exporter `i`, importer `j`, period, product), the absolute log ratio
//! `a_ij = |ln(M_ij / (F · X_ij))|`, with the importer's CIF figure converted to FOB by the factor
//! `F`, is decomposed by least squares weighted by flow size (the exporter's figure) into an
//! exporter effect and an importer effect, `a_ij ≈ e_i + m_j` (`math/effects.rs`). A large effect
//! means a country's reports disagree with everyone's; its **reliability** is
//! `1 / (1 + max(effect, 0))`, in `(0, 1]`. [`Perspective::Reconciled`](crate::Perspective::Reconciled)
//! then weights the two reports of a flow by the reliabilities of the two reporters.
//!
//! BACI goes further: it estimates CIF/FOB rates by regressing the ratios on gravity variables
//! and unit values, and works at HS 6 with quantities. Here the factor is given (1.06 by default),
//! or estimated simply by [`cif_fob_estimate`]: the median importer/exporter ratio by year.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use crate::area::Area;
use crate::bilateral::DEFAULT_CIF_FOB;
use crate::commodity::Commodity;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::math::effects::{two_way_effects, MirrorPair};
use crate::period::Period;
use crate::ratio::Ratio;
use crate::record::Reporting;

/// A country with fewer mirror pairs than this in a role (exporter or importer) gets no effect
/// of its own: its pairs are left out of the fit and it takes the role's pair-weighted mean
/// effect (see [`CountryReliability::estimated`]).
pub const MIN_PAIRS: usize = 3;

/// The significant digits a reconciliation weight is rounded to, once
/// ([`Reliability::exporter_weight`]).
pub const WEIGHT_DIGITS: u32 = 12;

/// One country's reliability in one role (as exporter or as importer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CountryReliability {
    /// Its share of the absolute log mirror ratios of its pairs (least squares; may be slightly
    /// negative for a country more consistent than the average).
    pub effect: Ratio,
    /// `1 / (1 + max(effect, 0))`, rounded once: 1 for a country whose reports agree with
    /// everyone's, lower the more they disagree.
    pub reliability: Ratio,
    /// The mirror pairs it has in this role.
    pub pairs: usize,
    /// False when it had fewer than [`MIN_PAIRS`] pairs: its effect is then the pair-weighted
    /// mean effect of the role, not its own.
    pub estimated: bool,
}

/// Every country's reliability as exporter and as importer, from [`Reliability::estimate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reliability {
    factor: Decimal,
    exporters: BTreeMap<Area, CountryReliability>,
    importers: BTreeMap<Area, CountryReliability>,
    default_exporter: Decimal,
    default_importer: Decimal,
    pairs: usize,
    unmatched: usize,
}

/// A flow's two reports, matched: exporter, importer, exporter's figure, importer's figure and
/// whether the importer's is CIF (to be converted).
struct Matched {
    exporter: Area,
    importer: Area,
    exports: Decimal,
    imports: Decimal,
    cif: bool,
}

impl Reliability {
    /// Estimates the reliabilities from the mirror pairs of `data` in `periods`, with the
    /// default CIF/FOB factor (1.06).
    ///
    /// # Errors
    /// As [`Reliability::estimate_with`].
    pub fn estimate(data: &TradeData, periods: &[Period]) -> Result<Reliability> {
        Reliability::estimate_with(data, periods, DEFAULT_CIF_FOB)
    }

    /// Estimates the reliabilities with CIF/FOB factor `factor`.
    ///
    /// A mirror pair is an exporter's `Export` record (its own report, not a single figure for
    /// both sides) between two countries, in one of `periods`, at the finest product level the
    /// exporter reported for that partner and period, matched with the importer's `Import`
    /// record of the same product and period; both must be positive. An import record valued
    /// FOB is compared as it is; a CIF one is divided by `factor`. Export records without such a
    /// match are counted in [`Reliability::unmatched`].
    ///
    /// # Errors
    /// [`Error::OutOfRange`] for a factor that is not positive; [`Error::TooFewValues`] when no
    /// mirror pair is found; [`Error::Overflow`] for figures beyond a `Decimal`.
    pub fn estimate_with(
        data: &TradeData,
        periods: &[Period],
        factor: Decimal,
    ) -> Result<Reliability> {
        if factor <= Decimal::ZERO {
            return Err(Error::OutOfRange {
                what: "CIF/FOB factor",
                value: factor.to_string(),
                allowed: "a positive number (1.06 by default; 1 for no adjustment)",
            });
        }
        let (matched, unmatched) = mirror_pairs(data, periods)?;
        if matched.is_empty() {
            return Err(Error::TooFewValues {
                operation: "reliability (mirror pairs where both sides report)",
                needed: 1,
                got: 0,
            });
        }
        let mut export_pairs: BTreeMap<Area, usize> = BTreeMap::new();
        let mut import_pairs: BTreeMap<Area, usize> = BTreeMap::new();
        for m in &matched {
            *export_pairs.entry(m.exporter).or_default() += 1;
            *import_pairs.entry(m.importer).or_default() += 1;
        }
        let estimated = |counts: &BTreeMap<Area, usize>| -> Vec<Area> {
            counts
                .iter()
                .filter(|(_, n)| **n >= MIN_PAIRS)
                .map(|(a, _)| *a)
                .collect()
        };
        let (exporters, importers) = (estimated(&export_pairs), estimated(&import_pairs));
        let index = |list: &[Area], a: Area| list.binary_search(&a).ok();
        let mut fit_pairs = Vec::new();
        for m in &matched {
            if let (Some(i), Some(j)) =
                (index(&exporters, m.exporter), index(&importers, m.importer))
            {
                fit_pairs.push(MirrorPair {
                    exporter: i,
                    importer: j,
                    exports: m.exports,
                    imports: m.imports,
                    weight: m.exports,
                    cif: m.cif,
                });
            }
        }
        let (e, m) = two_way_effects(&fit_pairs, factor, exporters.len(), importers.len())?;
        // The pair-weighted mean effect of each role, for countries with too few pairs.
        let weighted_mean =
            |effects: &[Decimal], role: fn(&MirrorPair) -> usize| -> Result<Decimal> {
                let mut sum = Decimal::ZERO;
                let mut total = Decimal::ZERO;
                for p in &fit_pairs {
                    let effect = effects.get(role(p)).copied().unwrap_or_default();
                    let weighted = effect
                        .checked_mul(p.weight)
                        .and_then(|w| sum.checked_add(w))
                        .ok_or_else(|| Error::overflow("reliability", "weighted mean effect"))?;
                    sum = weighted;
                    total = total
                        .checked_add(p.weight)
                        .ok_or_else(|| Error::overflow("reliability", "sum of weights"))?;
                }
                if total.is_zero() {
                    Ok(Decimal::ZERO)
                } else {
                    Ok(Ratio::checked_div(sum, total)?.value())
                }
            };
        let default_exporter = weighted_mean(&e, |p| p.exporter)?;
        let default_importer = weighted_mean(&m, |p| p.importer)?;
        let table = |counts: &BTreeMap<Area, usize>,
                     list: &[Area],
                     effects: &[Decimal],
                     default: Decimal|
         -> Result<BTreeMap<Area, CountryReliability>> {
            counts
                .iter()
                .map(|(area, pairs)| {
                    let own = index(list, *area).and_then(|i| effects.get(i).copied());
                    let effect = own.unwrap_or(default);
                    Ok((
                        *area,
                        CountryReliability {
                            effect: Ratio::new(effect),
                            reliability: reliability_of(effect)?,
                            pairs: *pairs,
                            estimated: own.is_some(),
                        },
                    ))
                })
                .collect()
        };
        Ok(Reliability {
            factor,
            exporters: table(&export_pairs, &exporters, &e, default_exporter)?,
            importers: table(&import_pairs, &importers, &m, default_importer)?,
            default_exporter,
            default_importer,
            pairs: matched.len(),
            unmatched,
        })
    }

    /// `area`'s reliability as an exporter, if it had mirror pairs in that role.
    pub fn as_exporter(&self, area: impl Into<Area>) -> Option<CountryReliability> {
        self.exporters.get(&area.into()).copied()
    }

    /// `area`'s reliability as an importer, if it had mirror pairs in that role.
    pub fn as_importer(&self, area: impl Into<Area>) -> Option<CountryReliability> {
        self.importers.get(&area.into()).copied()
    }

    /// Every exporter's reliability, by area.
    pub fn exporters(&self) -> impl Iterator<Item = (Area, CountryReliability)> + '_ {
        self.exporters.iter().map(|(a, r)| (*a, *r))
    }

    /// Every importer's reliability, by area.
    pub fn importers(&self) -> impl Iterator<Item = (Area, CountryReliability)> + '_ {
        self.importers.iter().map(|(a, r)| (*a, *r))
    }

    /// The CIF/FOB factor the estimate used.
    pub fn cif_fob(&self) -> Decimal {
        self.factor
    }

    /// The mirror pairs found (including those of countries with too few pairs).
    pub fn pairs(&self) -> usize {
        self.pairs
    }

    /// Export records in the periods with no positive import record of the same product to
    /// match (or a non-positive figure): left out, and counted here.
    pub fn unmatched(&self) -> usize {
        self.unmatched
    }

    /// The weight of the exporter's report of a flow from `exporter` to `importer`:
    /// `(1 + m⁺) / (2 + e⁺ + m⁺)` with `e⁺`, `m⁺` the non-negative parts of the exporter's and
    /// the importer's effects (so `r_X / (r_X + r_M)` for the reliabilities), one division
    /// rounded once, half to even, to [`WEIGHT_DIGITS`] significant digits: few enough that the
    /// weighted mean of two figures stays exact in a `Decimal`. The importer's report takes
    /// `1 - weight`, exactly. A country without pairs in its role takes the role's
    /// pair-weighted mean effect.
    ///
    /// # Errors
    /// [`Error::Overflow`] only for effects beyond a `Decimal`.
    pub fn exporter_weight(&self, exporter: Area, importer: Area) -> Result<Ratio> {
        let e = self
            .exporters
            .get(&exporter)
            .map_or(self.default_exporter, |r| r.effect.value())
            .max(Decimal::ZERO);
        let m = self
            .importers
            .get(&importer)
            .map_or(self.default_importer, |r| r.effect.value())
            .max(Decimal::ZERO);
        let fail = || Error::overflow("reliability weight", format!("effects {e} and {m}"));
        let numerator = Decimal::ONE.checked_add(m).ok_or_else(fail)?;
        let denominator = numerator
            .checked_add(Decimal::ONE)
            .and_then(|d| d.checked_add(e))
            .ok_or_else(fail)?;
        crate::math::quotient_to_significant(&[numerator], &[denominator], WEIGHT_DIGITS)
            .map(Ratio::new)
    }
}

/// `1 / (1 + max(effect, 0))`, rounded once.
fn reliability_of(effect: Decimal) -> Result<Ratio> {
    let denominator = Decimal::ONE
        .checked_add(effect.max(Decimal::ZERO))
        .ok_or_else(|| Error::overflow("reliability", format!("1 + {effect}")))?;
    Ratio::checked_div(Decimal::ONE, denominator)
}

/// The matched mirror pairs of `data` in `periods` and the count of unmatched export records.
fn mirror_pairs(data: &TradeData, periods: &[Period]) -> Result<(Vec<Matched>, usize)> {
    type Key = (Area, Area, Period);
    let mut exports: HashMap<Key, Vec<(Commodity, Decimal)>> = HashMap::new();
    let mut imports: HashMap<(Area, Area, Period, Commodity), (Decimal, bool)> = HashMap::new();
    for record in data.iter() {
        let (r, p) = (record.reporter(), record.partner());
        if !periods.contains(&record.period())
            || record.reporting() != Reporting::Reporter
            || r.country().is_none()
            || p.country().is_none()
        {
            continue;
        }
        match record.flow() {
            Flow::Export => exports
                .entry((r, p, record.period()))
                .or_default()
                .push((record.commodity(), record.value().amount())),
            Flow::Import => {
                imports.insert(
                    (r, p, record.period(), record.commodity()),
                    (
                        record.value().amount(),
                        record.valuation() == Valuation::Cif,
                    ),
                );
            }
            _ => {}
        }
    }
    let mut keys: Vec<&Key> = exports.keys().collect();
    keys.sort();
    let mut matched = Vec::new();
    let mut unmatched = 0;
    for key in keys {
        let Some(products) = exports.get(key) else {
            continue;
        };
        let (exporter, importer, period) = *key;
        for (commodity, value) in products {
            // The finest level: a product whose parts the exporter also reported is left to them.
            if products.iter().any(|(c, _)| commodity.is_ancestor_of(c)) {
                continue;
            }
            match imports.get(&(importer, exporter, period, *commodity)) {
                Some(&(m, cif)) if m > Decimal::ZERO && *value > Decimal::ZERO => {
                    matched.push(Matched {
                        exporter,
                        importer,
                        exports: *value,
                        imports: m,
                        cif,
                    });
                }
                _ => unmatched += 1,
            }
        }
    }
    Ok((matched, unmatched))
}

/// A simple CIF/FOB factor estimate for one period, from [`cif_fob_estimate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CifFobEstimate {
    /// The period.
    pub period: Period,
    /// The median of the importer/exporter ratios `M_ij / X_ij` (the mean of the two middle
    /// ratios for an even count).
    pub median: Ratio,
    /// The lower quartile (the median of the ratios below the median position).
    pub lower_quartile: Ratio,
    /// The upper quartile (the median of the ratios above the median position).
    pub upper_quartile: Ratio,
    /// The number of pairs where both report (importer's figure CIF).
    pub pairs: usize,
}

/// A simple estimate of the CIF/FOB factor by period: the median over mirror pairs (as
/// [`Reliability::estimate_with`] matches them, importer's figure CIF) of the ratio of the
/// importer's CIF figure to the exporter's FOB figure, with its quartiles as spread. It is a
/// plain summary of the data beside the fixed 1.06, **not** BACI's regression of the ratios on
/// gravity variables and unit values; timing, re-exports and misreporting move it as much as
/// freight and insurance. Each ratio is one division rounded once to 28 digits; a median of an
/// even count is the halved sum of the middle two, rounded once.
///
/// # Errors
/// [`Error::TooFewValues`] for a period without pairs; [`Error::Overflow`] for extreme figures.
pub fn cif_fob_estimate(data: &TradeData, periods: &[Period]) -> Result<Vec<CifFobEstimate>> {
    let mut out = Vec::with_capacity(periods.len());
    for period in periods {
        let (matched, _) = mirror_pairs(data, std::slice::from_ref(period))?;
        let mut ratios = matched
            .iter()
            .filter(|m| m.cif)
            .map(|m| Ratio::checked_div(m.imports, m.exports))
            .collect::<Result<Vec<Ratio>>>()?;
        if ratios.is_empty() {
            return Err(Error::TooFewValues {
                operation: "CIF/FOB estimate (pairs where both sides report, by period)",
                needed: 1,
                got: 0,
            });
        }
        ratios.sort();
        let n = ratios.len();
        let (lower, upper) = (&ratios[..n / 2], &ratios[n.div_ceil(2)..]);
        out.push(CifFobEstimate {
            period: *period,
            median: median(&ratios)?,
            lower_quartile: if lower.is_empty() {
                median(&ratios)?
            } else {
                median(lower)?
            },
            upper_quartile: if upper.is_empty() {
                median(&ratios)?
            } else {
                median(upper)?
            },
            pairs: n,
        });
    }
    Ok(out)
}

/// The median of sorted, non-empty `values`.
fn median(values: &[Ratio]) -> Result<Ratio> {
    let n = values.len().max(1);
    let (Some(a), Some(b)) = (values.get((n - 1) / 2), values.get(n / 2)) else {
        return Err(Error::TooFewValues {
            operation: "median",
            needed: 1,
            got: 0,
        });
    };
    let sum = a
        .value()
        .checked_add(b.value())
        .ok_or_else(|| Error::overflow("median", format!("{a} + {b}")))?;
    Ratio::checked_div(sum, Decimal::TWO)
}
