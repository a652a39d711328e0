//! What a source says about a figure beside its value: estimated, not reported by the reporter,
//! provisional, confidential. Readers keep these marks (UN Comtrade's `isReported`,
//! `isAggregate`, `legacyEstimationFlag`, `isQtyEstimated` and legacy `Flag`; SDMX `OBS_STATUS`;
//! Eurostat's `OBS_FLAG`) so that a user can ask which figures are estimates instead of losing
//! the distinction on reading.
//!
//! ```
//! use tradestat::Flags;
//!
//! let flags = Flags::ESTIMATED | Flags::PROVISIONAL;
//! assert!(flags.contains(Flags::ESTIMATED));
//! assert!(!flags.contains(Flags::CONFIDENTIAL));
//! assert_eq!(flags.to_string(), "estimated, provisional");
//! assert_eq!(Flags::NONE.to_string(), "none");
//! ```

use std::fmt;
use std::ops::{BitOr, BitOrAssign};

/// A set of marks on one figure, one bit each; [`Flags::NONE`] for a plain reported figure.
/// `Copy`, one byte.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flags(u8);

/// Each mark with its name, in bit order: the one table `Display`, serde and parsing read.
const NAMES: [(Flags, &str); 8] = [
    (Flags::ESTIMATED, "estimated"),
    (Flags::QUANTITY_ESTIMATED, "quantity estimated"),
    (Flags::NOT_REPORTED, "not reported"),
    (Flags::AGGREGATE, "aggregate"),
    (Flags::PROVISIONAL, "provisional"),
    (Flags::CONFIDENTIAL, "confidential"),
    (Flags::BREAK, "break in series"),
    (Flags::SUBSTITUTED, "substituted"),
];

impl Flags {
    /// No mark: the figure as the reporter reported it.
    pub const NONE: Flags = Flags(0);
    /// The value is an estimate (SDMX `OBS_STATUS` `E`, Eurostat `e`). UN Comtrade reports
    /// values as given and estimates only quantities and weights, so its estimation columns set
    /// [`Flags::QUANTITY_ESTIMATED`] instead.
    pub const ESTIMATED: Flags = Flags(1);
    /// The quantity (not the value) is estimated (Comtrade's `isQtyEstimated`,
    /// `legacyEstimationFlag`, and the legacy `Flag` 2, 4 or 6).
    pub const QUANTITY_ESTIMATED: Flags = Flags(1 << 1);
    /// The reporter did not report this figure; the source filled it in (Comtrade's
    /// `isReported` false).
    pub const NOT_REPORTED: Flags = Flags(1 << 2);
    /// The source summed it from finer figures (Comtrade's `isAggregate` true).
    pub const AGGREGATE: Flags = Flags(1 << 3);
    /// Provisional, to be revised (SDMX `P`, Eurostat `p`).
    pub const PROVISIONAL: Flags = Flags(1 << 4);
    /// Confidential: the value is withheld or partial (SDMX `C`, Eurostat `c`).
    pub const CONFIDENTIAL: Flags = Flags(1 << 5);
    /// A break in the series at this figure (SDMX `B`, Eurostat `b`).
    pub const BREAK: Flags = Flags(1 << 6);
    /// A sum of parts stands in for a figure whose own row a lenient read rejected: set by a
    /// [`TradeData`](crate::TradeData) built with
    /// [`Builder::substitute_rejected`](crate::dataset::Builder::substitute_rejected) on the
    /// figures it answers so ([`TradeData::value_with_flags`](crate::TradeData::value_with_flags)),
    /// never read from a file.
    pub const SUBSTITUTED: Flags = Flags(1 << 7);

    /// The raw bits, for compact storage.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// The flags with these bits (every bit names a mark).
    pub const fn from_bits_truncate(bits: u8) -> Flags {
        Flags(bits)
    }

    /// True if every mark of `other` is set here.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True if no mark is set.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// True if the value is not the reporter's own reported figure: estimated by anyone, or
    /// filled in by the source.
    pub const fn is_estimate(self) -> bool {
        self.0 & (Flags::ESTIMATED.0 | Flags::NOT_REPORTED.0) != 0
    }

    /// The names of the marks set, in bit order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        NAMES
            .into_iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, n)| n)
    }

    /// The mark named `name` (as [`Flags::names`] writes it).
    pub fn from_name(name: &str) -> Option<Flags> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(f, _)| *f)
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Display for Flags {
    /// The names of the marks, comma-separated; `none` for no mark.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("none");
        }
        for (i, name) in self.names().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flags({self})")
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Flags {
    /// A list of mark names (`["estimated", "provisional"]`).
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Flags {
    /// Reads the list `Serialize` writes; an unknown name is an error that lists the known ones.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        let mut flags = Flags::NONE;
        for name in &names {
            match Flags::from_name(name) {
                Some(f) => flags |= f,
                None => {
                    let known: Vec<&str> = NAMES.iter().map(|(_, n)| *n).collect();
                    return Err(serde::de::Error::custom(format!(
                        "unknown flag {name:?}: expected one of {}",
                        known.join(", ")
                    )));
                }
            }
        }
        Ok(flags)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_distinct_bits_and_names_round_trip() {
        let mut all = Flags::NONE;
        for (flag, name) in NAMES {
            assert_eq!(flag.bits().count_ones(), 1, "{name}");
            assert!(!all.contains(flag), "{name} overlaps");
            all |= flag;
            assert_eq!(Flags::from_name(name), Some(flag));
        }
        assert_eq!(Flags::from_bits_truncate(0xff), all);
        assert_eq!(Flags::from_name("guessed"), None);
    }

    #[test]
    fn estimates() {
        assert!(Flags::ESTIMATED.is_estimate());
        assert!(Flags::NOT_REPORTED.is_estimate());
        assert!(!(Flags::PROVISIONAL | Flags::AGGREGATE).is_estimate());
        assert!(!Flags::NONE.is_estimate());
        assert_eq!(
            format!("{:?}", Flags::NOT_REPORTED | Flags::BREAK),
            "Flags(not reported, break in series)"
        );
    }
}
