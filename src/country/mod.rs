//! ISO 3166-1 countries. (Stub: replaced by the generated table.)

use std::fmt;

/// An ISO 3166-1 country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country(u8);

impl Country {
    /// Kazakhstan.
    pub const KAZ: Country = Country(0);
    /// Türkiye.
    pub const TUR: Country = Country(1);

    /// The ISO short name.
    pub fn name(self) -> &'static str {
        ["Kazakhstan", "Türkiye"][usize::from(self.0 & 1)]
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
