//! Layer 3, analytics over the vocabulary: growth, series, projections and targets. Pure functions
//! and small types; results keep full precision until the caller rounds.

pub mod growth;
pub mod projection;
pub mod series;
pub mod target;
mod text;
