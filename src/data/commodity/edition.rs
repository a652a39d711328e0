//! The editions of the Harmonized System, which UN Comtrade names `H0` to `H6`.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// An edition of the Harmonized System.
///
/// The World Customs Organization revises the HS every five years or so, and a code can change
/// meaning between editions: heading 8524 is "records, tapes and other recorded media" in HS 1992
/// and "flat panel display modules" in HS 2022. UN Comtrade's `classificationCode` names the
/// edition of each row (`H0` for HS 1992 to `H6` for HS 2022); a [`Commodity`](super::Commodity)
/// read from such a row carries it ([`Commodity::edition`](super::Commodity::edition)).
///
/// `Display` writes `"HS 2022"`; `from_str` reads that, `"HS2022"`, and Comtrade's `"H0"` to
/// `"H6"`, in any case. The enum is `#[non_exhaustive]`: HS 2027 will come.
///
/// ```
/// use tradestat::commodity::HsEdition;
///
/// let e: HsEdition = "H6".parse()?;
/// assert_eq!(e, HsEdition::Hs2022);
/// assert_eq!((e.year(), e.comtrade_code(), e.to_string()), (2022, "H6", "HS 2022".to_string()));
/// assert_eq!("hs 1992".parse::<HsEdition>()?, HsEdition::Hs1992);
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HsEdition {
    /// HS 1992, the first edition (in force from 1988; Comtrade `H0`).
    Hs1992,
    /// HS 1996 (Comtrade `H1`).
    Hs1996,
    /// HS 2002 (Comtrade `H2`).
    Hs2002,
    /// HS 2007 (Comtrade `H3`).
    Hs2007,
    /// HS 2012 (Comtrade `H4`).
    Hs2012,
    /// HS 2017 (Comtrade `H5`).
    Hs2017,
    /// HS 2022 (Comtrade `H6`), the edition whose names tradestat carries.
    Hs2022,
}

impl HsEdition {
    /// Every edition, oldest first.
    pub const ALL: [HsEdition; 7] = [
        HsEdition::Hs1992,
        HsEdition::Hs1996,
        HsEdition::Hs2002,
        HsEdition::Hs2007,
        HsEdition::Hs2012,
        HsEdition::Hs2017,
        HsEdition::Hs2022,
    ];

    /// The year in the edition's name (1992 for the first, whose codes Comtrade uses from 1988).
    pub const fn year(self) -> u16 {
        match self {
            HsEdition::Hs1992 => 1992,
            HsEdition::Hs1996 => 1996,
            HsEdition::Hs2002 => 2002,
            HsEdition::Hs2007 => 2007,
            HsEdition::Hs2012 => 2012,
            HsEdition::Hs2017 => 2017,
            HsEdition::Hs2022 => 2022,
        }
    }

    /// UN Comtrade's `classificationCode`: `"H0"` for HS 1992 to `"H6"` for HS 2022.
    pub const fn comtrade_code(self) -> &'static str {
        match self {
            HsEdition::Hs1992 => "H0",
            HsEdition::Hs1996 => "H1",
            HsEdition::Hs2002 => "H2",
            HsEdition::Hs2007 => "H3",
            HsEdition::Hs2012 => "H4",
            HsEdition::Hs2017 => "H5",
            HsEdition::Hs2022 => "H6",
        }
    }

    /// The edition of a Comtrade `classificationCode` as its bytes (`b"H0"` to `b"H6"`), or
    /// `None` for anything else (`"HS"`, which names no edition, SITC codes, other text).
    pub const fn from_comtrade_code(code: &[u8]) -> Option<HsEdition> {
        match code {
            [b'H' | b'h', digit @ b'0'..=b'6'] => Some(HsEdition::ALL[(*digit - b'0') as usize]),
            _ => None,
        }
    }
}

impl fmt::Display for HsEdition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("HS {}", self.year()))
    }
}

impl FromStr for HsEdition {
    type Err = Error;

    /// Reads `"H0"` to `"H6"`, or `"HS"` and the year with or without a space (`"HS 2022"`,
    /// `"HS2022"`), in any case, with white space around.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the input.
    fn from_str(s: &str) -> Result<HsEdition> {
        let text = s.trim();
        if let Some(edition) = HsEdition::from_comtrade_code(text.as_bytes()) {
            return Ok(edition);
        }
        let year = text
            .get(..2)
            .filter(|prefix| prefix.eq_ignore_ascii_case("HS"))
            .and_then(|_| text.get(2..))
            .map(str::trim_start);
        HsEdition::ALL
            .into_iter()
            .find(|e| year.is_some_and(|y| y == e.year().to_string()))
            .ok_or_else(|| {
                Error::parse(
                    "HS edition",
                    s,
                    0,
                    "expected H0 to H6, or HS and the year of an edition (HS 1992, 1996, 2002, \
                     2007, 2012, 2017, 2022)",
                )
            })
    }
}

serde_as_text!(HsEdition => "an HS edition: \"HS 2022\" or \"H6\"");

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn comtrade_codes_round_trip() {
        for (i, e) in HsEdition::ALL.into_iter().enumerate() {
            let code = format!("H{i}");
            assert_eq!(e.comtrade_code(), code);
            assert_eq!(code.parse::<HsEdition>().unwrap(), e);
            assert_eq!(e.to_string().parse::<HsEdition>().unwrap(), e);
            assert_eq!(format!("hs{}", e.year()).parse::<HsEdition>().unwrap(), e);
        }
        assert_eq!(HsEdition::from_comtrade_code(b"HS"), None);
        assert_eq!(HsEdition::from_comtrade_code(b"H7"), None);
        assert_eq!(HsEdition::from_comtrade_code(b"S2"), None);
        for bad in ["H7", "HS", "HS 2021", "2022", "", "HS 20222", "É"] {
            assert!(bad.parse::<HsEdition>().is_err(), "{bad:?}");
        }
        assert_eq!(format!("[{:>8}]", HsEdition::Hs2017), "[ HS 2017]");
    }
}
