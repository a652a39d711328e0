//! Trade-data areas: partners and reporters that are not always ISO countries. (Stub.)

use crate::country::Country;

/// A partner or reporter as trade data names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// An ISO 3166-1 country.
    Country(Country),
    /// The whole world (code 0).
    World,
}
