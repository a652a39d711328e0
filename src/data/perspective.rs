//! Whose figures a bilateral query uses: [`Perspective`].

use std::fmt;
use std::str::FromStr;

use crate::data::dataset::fraction::Fraction;
use crate::error::{Error, Result};

/// Whose figures a bilateral query uses, for a pair (a, b).
///
/// A's exports to b are reported twice: by a as exports, and by b as imports from a (the *mirror*
/// figure). They rarely agree (timing, CIF and FOB valuation, re-exports, confidential trade), so
/// each query says which to use, and [`Bilateral::asymmetry`](crate::bilateral::Bilateral::asymmetry)
/// gives the difference.
///
/// A mirror figure stands for a flow of the other valuation when the two differ: b's imports
/// (CIF) standing for a's exports (FOB) are divided by the CIF/FOB factor, b's exports (FOB)
/// standing for a's imports (CIF) are multiplied by it
/// ([`Bilateral::with_cif_fob`](crate::bilateral::Bilateral::with_cif_fob), default 1.06). A
/// mirror record already in the valuation of the flow it stands for is not adjusted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Perspective {
    /// A's own reports.
    #[default]
    Reporter,
    /// B's reports of the same flows, mirrored: b's imports from a for a's exports to b, b's
    /// exports to a for a's imports from b, adjusted for valuation.
    Partner,
    /// The mean of the two where both reported (exact: halving a decimal needs no rounding);
    /// where only one side reported, that side's figure.
    Mean,
    /// The larger of the two; where only one side reported, that side's figure.
    Larger,
    /// A's figure, and the mirror figure only where a reported nothing: the usual gap filling.
    ReporterThenPartner,
    /// The reliability-weighted mean of the two where both reported (BACI's reconciliation),
    /// the mirror figure converted to the flow's valuation as for `Partner`; where only one side
    /// reported, that side's figure. The weights come from a
    /// [`Reliability`](crate::reliability::Reliability) attached to the view with
    /// [`Bilateral::with_reliability`](crate::bilateral::Bilateral::with_reliability); without
    /// one a query under this perspective is an error. The weight of the exporter's report is
    /// one division rounded once to 12 significant digits (the importer's takes one minus it,
    /// exactly); the weighted mean itself is exact.
    Reconciled,
}

impl Perspective {
    /// Every perspective that needs nothing attached to the view, in declaration order (all but
    /// [`Perspective::Reconciled`], which needs reliability weights).
    pub const ALL: [Perspective; 5] = [
        Perspective::Reporter,
        Perspective::Partner,
        Perspective::Mean,
        Perspective::Larger,
        Perspective::ReporterThenPartner,
    ];

    /// The figure of this perspective from a's figure and the (adjusted) mirror figure.
    pub(crate) fn combine(
        self,
        reported: Option<Fraction>,
        mirror: Option<Fraction>,
    ) -> Result<Option<Fraction>> {
        Ok(match self {
            Perspective::Reporter => reported,
            Perspective::Partner => mirror,
            Perspective::ReporterThenPartner => reported.or(mirror),
            Perspective::Larger => match (reported, mirror) {
                (Some(r), Some(m)) => Some(r.max(m)?),
                (r, m) => r.or(m),
            },
            Perspective::Mean => match (reported, mirror) {
                (Some(r), Some(m)) => Some(r.plus(m)?.half()?),
                (r, m) => r.or(m),
            },
            // Weighted by the view (`Bilateral::figure`); here only the one-sided cases.
            Perspective::Reconciled => match (reported, mirror) {
                (Some(_), Some(_)) => {
                    return Err(Error::InvalidArgument {
                        reason: "the reconciled perspective needs reliability weights: attach \
                                 them with Bilateral::with_reliability"
                            .to_owned(),
                    })
                }
                (r, m) => r.or(m),
            },
        })
    }

    /// Its name as `FromStr` reads it.
    pub fn name(self) -> &'static str {
        match self {
            Perspective::Reporter => "reporter",
            Perspective::Partner => "partner",
            Perspective::Mean => "mean",
            Perspective::Larger => "larger",
            Perspective::ReporterThenPartner => "reporter_then_partner",
            Perspective::Reconciled => "reconciled",
        }
    }
}

impl fmt::Display for Perspective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Perspective {
    type Err = Error;

    /// Reads the names [`Perspective::name`] gives (case-insensitive; `-` or space for `_`), and
    /// "mirror" for `Partner`.
    fn from_str(s: &str) -> Result<Self> {
        let key = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        match key.as_str() {
            "reporter" => Ok(Perspective::Reporter),
            "partner" | "mirror" => Ok(Perspective::Partner),
            "mean" => Ok(Perspective::Mean),
            "larger" => Ok(Perspective::Larger),
            "reporter_then_partner" => Ok(Perspective::ReporterThenPartner),
            "reconciled" => Ok(Perspective::Reconciled),
            _ => Err(Error::parse(
                "perspective",
                s,
                0,
                "expected reporter, partner, mean, larger, reporter_then_partner or reconciled",
            )),
        }
    }
}
