//! Layer 1, the vocabulary: small `Copy` value types with total validation, text forms and serde.
//! Nothing here knows about trade flows; everything above builds on these.

pub mod area;
pub mod country;
pub mod currency;
pub(crate) mod decimal_text;
pub mod money;
pub mod period;
pub mod rate;
pub mod ratio;

pub(crate) mod exact_serde;
#[cfg(feature = "serde")]
pub(crate) mod serde_field;
