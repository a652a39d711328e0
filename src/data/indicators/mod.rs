//! Trade indicators, the World Bank WITS and UNCTAD set: partner shares, trade intensity, revealed
//! comparative advantage, Grubel-Lloyd, Herfindahl-Hirschman concentration, trade
//! complementarity and export diversification.
//!
//! Every indicator is a small value that keeps its inputs (the numerator and denominator, or the
//! structures it compares), has `value() -> Decimal`, prints rounded half to even at the
//! formatter's precision, and serializes. Each is computed exactly in big integers and rounded
//! once, half to even, at 28 significant digits; sums never wrap. Undefined cases (a zero
//! denominator, no trade) are errors that say what is missing, never NaN or infinity.
//!
//! The value types can be built from figures at hand; the functions over a
//! [`TradeData`](crate::TradeData) gather the figures from a data set:
//!
//! - a country's total (`X_a`, `M_a`) is its trade with the World where the data has a World
//!   record for it, else the sum over its partners that are not aggregate areas
//!   ([`TotalSource`] says which);
//! - the world (`X_w`, `x_wb`, `x_wk`) is summed over the data set's reporters ([`World`], whose
//!   [`WorldBasis`] lists them), or supplied by the caller;
//! - products are taken at one level so that none is counted twice (see [`top_products`]);
//! - sums are carried exactly, however many digits they need (data converted from binary floats,
//!   such as the CEPII gravity data, add up to more digits than a `Decimal` holds), and each
//!   indicator is computed from the exact sums and rounded once. A sum that an indicator keeps as
//!   `Money` (a share's total) is rounded half to even to 28 significant digits where it has more.
//!
//! A country's totals and the world of a period are computed once per data set, on first use,
//! and kept in it (a data set never changes), so asking for many pairs costs one lookup each.
//! For a whole table at once, [`rca_table`], [`shares_table`], [`intensity_table`] and
//! [`hhi_table`] run once over the reporters; each cell equals the per-pair function's value.
//!
//! | indicator | function | definition (WITS / UNCTAD) |
//! | --- | --- | --- |
//! | partner share | [`partner_share`], [`top_partners`], [`top_products`] | `x_ab / X_a` |
//! | trade intensity | [`trade_intensity`] | `(x_ab / X_a) / (x_wb / X_w)` |
//! | revealed comparative advantage | [`rca`] | `(x_ak / X_a) / (x_wk / X_w)` |
//! | Grubel-Lloyd | [`grubel_lloyd`], [`grubel_lloyd_aggregate`] | `1 - Σ|x_k - m_k| / Σ(x_k + m_k)` |
//! | Herfindahl-Hirschman | [`hhi`], [`Hhi::normalized`] | `Σ s_k^2`; `(H - 1/N) / (1 - 1/N)` |
//! | trade complementarity | [`complementarity`] | `100 (1 - Σ|m_k - x_k| / 2)` |
//! | export diversification | [`diversification`] | `Σ|h_k - w_k| / 2` |
//!
//! # What an indicator refuses
//!
//! One rule for every indicator, so that no figure is wrong without a word:
//!
//! - **a measure needs its flows**: turnover is exports plus imports, never one flow relabelled.
//!   Where `a` reported one flow with `b` and not the other, the other counts as zero only if `a`
//!   reported that flow at all in the period (with any partner); otherwise the indicator is an
//!   [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming the missing flow and the
//!   pair;
//! - **flows are zero or more**: a negative figure (a correction in some national data) is an
//!   [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming it, in shares, intensity,
//!   RCA, HHI, Grubel-Lloyd, complementarity and diversification alike;
//! - **a share is at most 1**: a part larger than its total (a World record smaller than one
//!   partner's record, which [`TradeData::inconsistencies`](crate::TradeData::inconsistencies)
//!   lists as [`Breakdown::Partners`](crate::Breakdown::Partners)) is an
//!   [`Error::InvalidArgument`](crate::Error::InvalidArgument);
//! - **a rejected row is not replaced**: in a data set built from a lenient read, a figure whose
//!   own row was rejected is an error naming the line (see
//!   [`Builder::rejected`](crate::dataset::Builder::rejected)), unless the data set was built to
//!   accept the sum of its parts.
//!
//! A source that gives one figure per flow for both sides
//! ([`Reporting::Single`](crate::Reporting::Single), as dyadic tables are read) gives each side
//! the file's figures: a's exports to b are b's imports from a.
//!
//! Least-squares trend growth is the projection module's
//! ([`projection::trend`](crate::projection::trend)), not written twice. The one-call answer for
//! a pair is [`TradeData::profile`](crate::TradeData::profile).

pub(crate) mod cache;
mod concentration;
mod gather;
mod intra_industry;
mod profile;
mod query;
mod share;
mod structure;
mod table;
mod world;

pub use concentration::Hhi;
pub use intra_industry::GrubelLloyd;
pub use profile::{Profile, ProfileRow, ProfileSide};
pub use query::{
    complementarity, diversification, diversification_with, grubel_lloyd, grubel_lloyd_aggregate,
    hhi, partner_share, products_of, rca, rca_with, top_partners, top_products, trade_intensity,
    trade_intensity_with, Component, Over,
};
pub use share::{Rca, RelativeShare, Share, TotalSource, TradeIntensity};
pub use structure::{Complementarity, Diversification};
pub use table::{
    hhi_table, intensity_table, intensity_table_with, rca_table, shares_table, HhiRow,
    IntensityRow, RcaRow, ShareRow,
};
pub use world::{World, WorldBasis};
