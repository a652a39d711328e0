//! ISO 4217 currencies. (Stub: replaced by the generated table.)

use std::fmt;

/// An ISO 4217 currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(u16);

impl Currency {
    /// US dollar.
    pub const USD: Currency = Currency(840);
    /// Euro.
    pub const EUR: Currency = Currency(978);
    /// Kazakhstani tenge.
    pub const KZT: Currency = Currency(398);
    /// Turkish lira.
    pub const TRY: Currency = Currency(949);

    /// The alphabetic code.
    pub fn code(self) -> &'static str {
        match self.0 {
            840 => "USD",
            978 => "EUR",
            398 => "KZT",
            _ => "TRY",
        }
    }

    /// Decimal places of the minor unit.
    pub fn minor_units(self) -> Option<u8> {
        Some(2)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}
