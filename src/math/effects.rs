//! A two-way decomposition of absolute log mirror ratios, in the wide float: the least-squares
//! fit of `|ln(M_ij / (F · X_ij))| = e_i + m_j`, weighted by flow size, behind
//! [`Reliability::estimate`](crate::data::reliability::Reliability::estimate).
//!
//! The fit is found by backfitting (alternating weighted means): each exporter effect is the
//! weighted mean of `a_ij - m_j` over its pairs, then each importer effect the weighted mean of
//! `a_ij - e_i`; every sweep lowers the weighted sum of squares, and the sweeps stop when no
//! effect moves by more than `2^-100` (or after 10 000 sweeps). Exporter and importer effects are
//! identified only up to a shift (`e + c`, `m - c` fit equally well): the result is shifted so
//! that the pair-weighted mean exporter effect equals the pair-weighted mean importer effect.

use rust_decimal::Decimal;

use super::formula::ln_ratio;
use super::wide::Float;
use super::{ln_float, to_float, to_grid};
use crate::error::{Error, Result};

/// One mirror pair: exporter index, importer index, the exporter's FOB figure, the importer's
/// CIF figure, and the pair's weight (all positive).
#[derive(Debug, Clone, Copy)]
pub(crate) struct MirrorPair {
    pub(crate) exporter: usize,
    pub(crate) importer: usize,
    pub(crate) exports: Decimal,
    pub(crate) imports: Decimal,
    pub(crate) weight: Decimal,
    /// Whether the importer's figure is CIF (divided by the factor) rather than FOB.
    pub(crate) cif: bool,
}

fn round(v: Float) -> Result<Decimal> {
    to_grid(v)
        .and_then(|g| g.to_decimal())
        .ok_or_else(|| Error::overflow("reliability", "a log ratio beyond the largest Decimal"))
}

/// The exporter and importer effects (each rounded once) for `pairs`, with `exporters` and
/// `importers` entries (indices beyond them are ignored).
pub(crate) fn two_way_effects(
    pairs: &[MirrorPair],
    factor: Decimal,
    exporters: usize,
    importers: usize,
) -> Result<(Vec<Decimal>, Vec<Decimal>)> {
    let ln_factor = ln_float(factor);
    let obs: Vec<(usize, usize, Float, Float)> = pairs
        .iter()
        .filter(|p| p.exporter < exporters && p.importer < importers)
        .map(|p| {
            let ratio = ln_ratio(p.imports, p.exports);
            let a = if p.cif { ratio.sub(ln_factor) } else { ratio }.abs();
            (p.exporter, p.importer, a, to_float(p.weight))
        })
        .collect();
    let mut e = vec![Float::ZERO; exporters];
    let mut m = vec![Float::ZERO; importers];
    let mut we = vec![Float::ZERO; exporters];
    let mut wm = vec![Float::ZERO; importers];
    for &(i, j, _, w) in &obs {
        if let Some(s) = we.get_mut(i) {
            *s = s.add(w);
        }
        if let Some(s) = wm.get_mut(j) {
            *s = s.add(w);
        }
    }
    let inv = |v: &[Float]| -> Vec<Float> {
        v.iter()
            .map(|s| if s.is_zero() { Float::ZERO } else { s.recip() })
            .collect()
    };
    let (inv_we, inv_wm) = (inv(&we), inv(&wm));
    for _ in 0..10_000 {
        let mut moved = false;
        let mut sum_e = vec![Float::ZERO; exporters];
        for &(i, j, a, w) in &obs {
            let mj = m.get(j).copied().unwrap_or(Float::ZERO);
            if let Some(s) = sum_e.get_mut(i) {
                *s = s.add(w.mul(a.sub(mj)));
            }
        }
        for (i, s) in sum_e.into_iter().enumerate() {
            let next = s.mul(inv_we.get(i).copied().unwrap_or(Float::ZERO));
            if let Some(old) = e.get_mut(i) {
                moved |= changed(*old, next);
                *old = next;
            }
        }
        let mut sum_m = vec![Float::ZERO; importers];
        for &(i, j, a, w) in &obs {
            let ei = e.get(i).copied().unwrap_or(Float::ZERO);
            if let Some(s) = sum_m.get_mut(j) {
                *s = s.add(w.mul(a.sub(ei)));
            }
        }
        for (j, s) in sum_m.into_iter().enumerate() {
            let next = s.mul(inv_wm.get(j).copied().unwrap_or(Float::ZERO));
            if let Some(old) = m.get_mut(j) {
                moved |= changed(*old, next);
                *old = next;
            }
        }
        if !moved {
            break;
        }
    }
    // Shift: the pair-weighted means of the two kinds of effect made equal.
    let (mut total_w, mut diff) = (Float::ZERO, Float::ZERO);
    for &(i, j, _, w) in &obs {
        let ei = e.get(i).copied().unwrap_or(Float::ZERO);
        let mj = m.get(j).copied().unwrap_or(Float::ZERO);
        total_w = total_w.add(w);
        diff = diff.add(w.mul(mj.sub(ei)));
    }
    let shift = if total_w.is_zero() {
        Float::ZERO
    } else {
        diff.mul(total_w.recip()).mul_pow2(-1)
    };
    let e = e
        .into_iter()
        .map(|v| round(v.add(shift)))
        .collect::<Result<Vec<_>>>()?;
    let m = m
        .into_iter()
        .map(|v| round(v.sub(shift)))
        .collect::<Result<Vec<_>>>()?;
    Ok((e, m))
}

/// Whether an effect moved by more than `2^-100` (absolutely, the effects being logarithms).
fn changed(old: Float, new: Float) -> bool {
    let d = new.sub(old);
    !d.is_zero() && d.magnitude() > -100
}
