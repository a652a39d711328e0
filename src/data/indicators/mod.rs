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
//! [`TradeData`](crate::TradeData) gather the figures from a data set.

mod concentration;
mod gather;
mod intra_industry;
mod profile;
mod query;
mod share;
mod structure;
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
pub use world::{World, WorldBasis};
