//! Layer 1, the vocabulary: small `Copy` value types with total validation, text forms and serde.
//! Nothing here knows about trade flows; everything above builds on these.

pub mod area;
pub mod country;
pub mod currency;
pub mod money;
pub mod period;
pub mod rate;
pub mod ratio;

pub(crate) mod exact_serde;
