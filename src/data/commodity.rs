//! Commodities: the total of all goods, or a product code in a classification (the Harmonized
//! System or SITC), with its level and parent.
//!
//! A [`Commodity`] is a small `Copy` value (8 bytes): a classification tag, the code as a number
//! padded to the classification's full width, and its number of digits. The padding keeps leading
//! zeros (`"0101"`, SITC `"0011"`) and makes the derived order the order of the code text, parents
//! before children: `TOTAL < 27 < 2709 < 270900 < 270910 < 2710`.
//!
//! ## The Harmonized System (HS)
//!
//! Codes have 2 (chapter), 4 (heading) or 6 digits (subheading). Chapters run from 01 to 97 with
//! chapter 77 reserved for future use, so `"77"` and `"7701"` are errors; `"00"` and a heading
//! `00` (`"2700"`) do not exist either. Chapters 98 and 99 are reserved by the HS Convention for
//! national use; UN Comtrade publishes chapter 99 ("commodities not specified according to kind")
//! and national data carry 98 as well, so tradestat **accepts** both, to keep such rows rather
//! than lose them, and marks them with [`Commodity::is_reserved_for_national_use`]. National tariff
//! lines of 8 or 10 digits are not HS codes and are refused. An HS subheading may be written with
//! a dot after the heading (`"2709.00"`).
//!
//! ## SITC
//!
//! The Standard International Trade Classification, revision 2 and later: 1 digit (section, 0 to 9),
//! 2 (division), 3 (group), 4 (subgroup) or 5 digits (basic heading), e.g. `"0011"`. Each level
//! is the one before with a digit added, so the parent of `"0011"` is `"001"`. A dot after the
//! group (`"001.1"`) is accepted. Every section 0 to 9 exists, so any 1 to 5 digits form a code;
//! tradestat does not check codes against a revision's list, and does not record the revision
//! (codes of different revisions should not be mixed in one data set).
//!
//! ## Names and editions
//!
//! [`Commodity::description`] gives an HS code's text in the HS 2022 nomenclature, and
//! [`Commodity::section`] its [`HsSection`]; [`Commodity::search`] finds codes by the words of
//! their names. Codes changed meaning between HS editions (heading 8524 was recorded media in
//! HS 1992 and is flat panel displays in HS 2022), so a code carries the [`HsEdition`] it was
//! read in where the data says it (UN Comtrade's `H0` to `H6`), and a code read in another
//! edition has no description. A code built without one ([`Commodity::hs`], text) reads as
//! HS 2022. SITC codes have no names.
//!
//! ## Services (EBOPS)
//!
//! Services by the Extended Balance of Payments Services Classification (UN Comtrade's `EB`,
//! `EB02`, `EB10`): codes of 1 to 6 letters and digits (`"205"`, `"SC1"`), written `"EBOPS:205"`.
//! EBOPS 2002 codes do not nest by their digits (205 "Transportation" holds 206 "Sea transport"),
//! so a services code has no parent, and the total of all goods never includes services.
//!
//! ## Text
//!
//! Text without a classification reads as HS: `"2709"`. SITC codes carry a prefix, `"SITC:0011"`
//! (or `Commodity::sitc("0011")`), because `"0011"` would read as HS heading 00.11. `Display`
//! writes the same forms (`"TOTAL"`, `"2709"`, `"SITC:0011"`), so text and serde round-trip.
//!
//! ```
//! use tradestat::{Classification, Commodity};
//!
//! let crude: Commodity = "270900".parse()?;
//! assert_eq!(crude.classification(), Some(Classification::Hs));
//! assert_eq!(crude.level(), 6);
//! assert_eq!(crude.parent(), Some(Commodity::hs("2709")?));
//! assert_eq!(crude.parent().and_then(|c| c.parent()), Some(Commodity::hs("27")?));
//! assert!(Commodity::hs("27")?.parent().is_some_and(|c| c.is_total()));
//! assert!(Commodity::hs("27")?.is_ancestor_of(&crude));
//!
//! let sitc = Commodity::sitc("0011")?;
//! assert_eq!(sitc.to_string(), "SITC:0011");
//! assert_eq!("SITC:0011".parse::<Commodity>()?, sitc);
//! assert_ne!(Commodity::sitc("27")?, Commodity::hs("27")?); // never equal across classifications
//!
//! let err = "77".parse::<Commodity>().unwrap_err();
//! assert_eq!(err.to_string(), "invalid commodity code \"77\": HS chapter 77 does not exist (reserved for future use)");
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::{Error, Result};

mod edition;
mod hs2022;
mod names;

pub use edition::HsEdition;
pub use names::HsSection;

/// A product classification.
///
/// `Display` writes `"HS"` or `"SITC"`; `from_str` also reads UN Comtrade's classification codes
/// (`"H0"` to `"H6"` for the HS editions, `"S2"` to `"S4"` for SITC revisions 2 to 4). The enum is
/// `#[non_exhaustive]`: more classifications (BEC) may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Classification {
    /// The Harmonized Commodity Description and Coding System: 2, 4 or 6 digits.
    Hs,
    /// The Standard International Trade Classification, revision 2 and later: 1 to 5 digits.
    Sitc,
    /// Services, by the Extended Balance of Payments Services Classification (EBOPS 2002 or
    /// 2010; UN Comtrade's `EB`, `EB02`, `EB10`): codes of 1 to 6 letters and digits (`200`,
    /// `205`, `S`, `SC1`). EBOPS codes do not nest by their digits, so a services code has no
    /// parent, and the total of all goods ([`Commodity::TOTAL`]) never includes services.
    Ebops,
}

impl Classification {
    /// The number of digits of its most detailed codes: 6 for HS, 5 for SITC.
    pub const fn max_digits(self) -> u8 {
        match self {
            Classification::Hs => 6,
            Classification::Sitc => 5,
            Classification::Ebops => EBOPS_MAX,
        }
    }

    /// True if the classification has codes of `digits` digits: 2, 4, 6 for HS; 1 to 5 for SITC.
    pub const fn has_level(self, digits: u8) -> bool {
        match self {
            Classification::Hs => matches!(digits, 2 | 4 | 6),
            Classification::Sitc => matches!(digits, 1..=5),
            Classification::Ebops => matches!(digits, 1..=EBOPS_MAX),
        }
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Classification::Hs => "HS",
            Classification::Sitc => "SITC",
            Classification::Ebops => "EBOPS",
        })
    }
}

impl FromStr for Classification {
    type Err = Error;

    /// Reads `"HS"`, `"H0"` to `"H6"`, `"SITC"`, `"S2"` to `"S4"`, `"EBOPS"`, `"EB"`,
    /// `"EB02"`, `"EB10"`, in any case. SITC revision 1
    /// (`"S1"`) is refused: its codes do not nest the same way.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the input.
    fn from_str(s: &str) -> Result<Classification> {
        match s.trim().to_ascii_uppercase().as_str() {
            "HS" | "H0" | "H1" | "H2" | "H3" | "H4" | "H5" | "H6" => Ok(Classification::Hs),
            "SITC" | "S2" | "S3" | "S4" => Ok(Classification::Sitc),
            "EBOPS" | "EB" | "EB02" | "EB10" => Ok(Classification::Ebops),
            _ => Err(Error::parse(
                "classification",
                s,
                0,
                "expected HS (or H0 to H6), SITC (or S2 to S4) or EBOPS (or EB, EB02, EB10)",
            )),
        }
    }
}

/// The classification tag inside a [`Commodity`]; `Total` sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Scheme {
    Total,
    Hs,
    Sitc,
    Ebops,
}

/// The total of all goods, or a product code in a [`Classification`].
///
/// Build one with [`Commodity::TOTAL`], [`Commodity::hs`], [`Commodity::sitc`],
/// [`Commodity::new`], or by parsing text (see the [module docs](self) for the forms and the
/// validation). Codes of different classifications never compare equal; the total is the same in
/// every classification and has none ([`Commodity::classification`] is `None`).
///
/// An HS code may carry the [`HsEdition`] it was read in ([`Commodity::edition`]), which decides
/// whether [`Commodity::description`] can name it. The edition is a note on the code, not part of
/// its identity: equality, order and hash look at the classification and the digits only, so that
/// a series whose years were reported in different editions stays one series.
#[derive(Clone, Copy)]
pub struct Commodity {
    scheme: Scheme,
    /// The HS edition the code was read in, where the data says it; always `None` for the total
    /// and SITC codes.
    edition: Option<HsEdition>,
    /// The code's digits followed by zeros up to the classification's full width (270900 for
    /// "27"): the leading zeros of "0101" live in `digits`.
    code: u32,
    /// How many digits the code has; 0 for the total.
    digits: u8,
}

/// `10^n` for the small `n` codes need (at most 6).
const fn pow10(n: u8) -> u32 {
    let mut p = 1;
    let mut i = 0;
    while i < n {
        p *= 10;
        i += 1;
    }
    p
}

impl Commodity {
    /// The total of all goods (UN Comtrade's `cmdCode` `TOTAL`).
    pub const TOTAL: Commodity = Commodity {
        scheme: Scheme::Total,
        edition: None,
        code: 0,
        digits: 0,
    };

    /// The total of all goods, [`Commodity::TOTAL`].
    pub const fn total() -> Commodity {
        Commodity::TOTAL
    }

    /// An HS code of 2, 4 or 6 digits (a dot after the heading is allowed: `"2709.00"`), or
    /// `"TOTAL"`.
    ///
    /// # Errors
    /// [`Error::InvalidCommodity`] naming the input and why: not digits, a digit count other than
    /// 2, 4 or 6, chapter 00 or 77, heading 00.
    ///
    /// ```
    /// # use tradestat::Commodity;
    /// assert_eq!(Commodity::hs("0101")?.to_string(), "0101");
    /// assert_eq!(Commodity::hs("2709.00")?.to_string(), "270900");
    /// assert!(Commodity::hs("7701").is_err()); // chapter 77
    /// assert!(Commodity::hs("270").is_err()); // 3 digits
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn hs(code: &str) -> Result<Commodity> {
        Commodity::new(Classification::Hs, code)
    }

    /// A SITC code (revision 2 and later) of 1 to 5 digits (a dot after the group is allowed:
    /// `"001.1"`), or `"TOTAL"`.
    ///
    /// # Errors
    /// [`Error::InvalidCommodity`] naming the input and why (not digits, more than 5 digits).
    ///
    /// ```
    /// # use tradestat::Commodity;
    /// let c = Commodity::sitc("0011")?;
    /// assert_eq!((c.level(), c.code()), (4, "0011".to_string()));
    /// assert_eq!(c.parent(), Some(Commodity::sitc("001")?));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn sitc(code: &str) -> Result<Commodity> {
        Commodity::new(Classification::Sitc, code)
    }

    /// The code `code` of `classification`, or the total for `"TOTAL"` (any case). Surrounding
    /// white space is ignored.
    ///
    /// # Errors
    /// [`Error::InvalidCommodity`] naming the input and why it is not a code of `classification`.
    pub fn new(classification: Classification, code: &str) -> Result<Commodity> {
        parse_code(classification, code, code)
    }

    /// A services code of EBOPS (1 to 6 ASCII letters and digits, read in upper case:
    /// `"205"`, `"SC1"`). UN Comtrade's `TOTAL` in a services file is the EBOPS code `TOTAL`,
    /// not the total of all goods.
    ///
    /// # Errors
    /// [`Error::InvalidCommodity`] naming the input and why (empty, too long, not a letter or
    /// digit).
    ///
    /// ```
    /// # use tradestat::{Classification, Commodity};
    /// let transport = Commodity::ebops("205")?;
    /// assert_eq!(transport.to_string(), "EBOPS:205");
    /// assert_eq!(transport.classification(), Some(Classification::Ebops));
    /// assert_eq!(transport.parent(), None);
    /// assert!(!Commodity::TOTAL.is_ancestor_of(&transport));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn ebops(code: &str) -> Result<Commodity> {
        Commodity::new(Classification::Ebops, code)
    }

    /// The classification, or `None` for the total (which belongs to every classification of
    /// goods).
    pub const fn classification(&self) -> Option<Classification> {
        match self.scheme {
            Scheme::Total => None,
            Scheme::Hs => Some(Classification::Hs),
            Scheme::Sitc => Some(Classification::Sitc),
            Scheme::Ebops => Some(Classification::Ebops),
        }
    }

    /// The number of digits of the code: 0 for the total; 2, 4 or 6 for HS; 1 to 5 for SITC.
    pub const fn level(&self) -> u8 {
        self.digits
    }

    /// True for the total of all goods.
    pub const fn is_total(&self) -> bool {
        matches!(self.scheme, Scheme::Total)
    }

    /// True for HS chapters 98 and 99 and their codes, which the HS Convention reserves for
    /// national use (UN Comtrade's 99 is "commodities not specified according to kind").
    pub const fn is_reserved_for_national_use(&self) -> bool {
        matches!(self.scheme, Scheme::Hs) && self.code / 10_000 >= 98
    }

    /// The code's digits (`"0101"`, `"0011"`), or `"TOTAL"`, without the classification prefix
    /// that `Display` adds to SITC codes.
    pub fn code(&self) -> String {
        match self.classification() {
            None => "TOTAL".to_owned(),
            Some(Classification::Ebops) => ebops_text(self.code),
            Some(classification) => {
                let value = self.code / pow10(classification.max_digits() - self.digits);
                format!("{value:0width$}", width = usize::from(self.digits))
            }
        }
    }

    /// The code one level up: heading to chapter to total for HS (270900 -> 2709 -> 27 ->
    /// TOTAL), one digit less for SITC (0011 -> 001 -> 00 -> 0 -> TOTAL); `None` for the total.
    pub fn parent(&self) -> Option<Commodity> {
        let classification = self.classification()?;
        let step = match classification {
            Classification::Hs => 2,
            Classification::Sitc => 1,
            Classification::Ebops => return None,
        };
        self.ancestor_at(self.digits.saturating_sub(step))
    }

    /// The code's ancestor (or itself) with `level` digits: `ancestor_at(2)` of an HS code is its
    /// chapter, `ancestor_at(0)` the total. `None` if `level` is more than the code's level or
    /// not a level of its classification.
    ///
    /// ```
    /// # use tradestat::Commodity;
    /// let c = Commodity::hs("270900")?;
    /// assert_eq!(c.ancestor_at(2), Some(Commodity::hs("27")?));
    /// assert_eq!(c.ancestor_at(0), Some(Commodity::TOTAL));
    /// assert_eq!(c.ancestor_at(3), None);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn ancestor_at(&self, level: u8) -> Option<Commodity> {
        if level > self.digits {
            return None;
        }
        if matches!(self.scheme, Scheme::Ebops) {
            return (level == self.digits).then_some(*self);
        }
        if level == 0 {
            return Some(Commodity::TOTAL);
        }
        let classification = self.classification()?;
        if !classification.has_level(level) {
            return None;
        }
        let unit = pow10(classification.max_digits() - level);
        Some(Commodity {
            scheme: self.scheme,
            edition: self.edition,
            code: self.code / unit * unit,
            digits: level,
        })
    }

    /// The HS edition the code was read in, where the data said it (UN Comtrade's `H0` to `H6`);
    /// `None` for codes built without one ([`Commodity::hs`], text), which tradestat reads as
    /// HS 2022, and always for the total and SITC codes.
    pub const fn edition(&self) -> Option<HsEdition> {
        self.edition
    }

    /// The same code, marked as read in `edition`. Only HS codes carry an edition: the total and
    /// SITC codes come back unchanged. The result compares equal to `self` (the edition is not
    /// part of a code's identity), but its [`description`](Commodity::description) is `None`
    /// unless `edition` is HS 2022.
    ///
    /// ```
    /// use tradestat::commodity::{Commodity, HsEdition};
    ///
    /// let old = Commodity::hs("8524")?.with_edition(HsEdition::Hs1992);
    /// assert_eq!(old.edition(), Some(HsEdition::Hs1992));
    /// assert_eq!(old, Commodity::hs("8524")?);
    /// assert_eq!(Commodity::TOTAL.with_edition(HsEdition::Hs1992).edition(), None);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub const fn with_edition(self, edition: HsEdition) -> Commodity {
        match self.scheme {
            Scheme::Hs => Commodity {
                edition: Some(edition),
                ..self
            },
            Scheme::Total | Scheme::Sitc | Scheme::Ebops => self,
        }
    }

    /// One code read in two editions (`self` and `other` are equal), as one: it keeps the older
    /// edition, counting no edition as HS 2022, so that the merged code has a 2022 name only when
    /// both readings were HS 2022. A data set holds each code once, and must not name a series
    /// partly reported in HS 1992 with the 2022 text.
    pub(crate) fn merge_editions(self, other: Commodity) -> Commodity {
        let read_as = |c: &Commodity| c.edition.unwrap_or(HsEdition::Hs2022);
        if read_as(&other) < read_as(&self) {
            other
        } else {
            self
        }
    }

    /// What identifies a code: equality, order and hash use this, never the edition.
    const fn key(&self) -> (Scheme, u32, u8) {
        (self.scheme, self.code, self.digits)
    }

    /// True if `other` lies strictly inside `self`: the total is an ancestor of every code; a
    /// code of every longer code of the same classification that starts with its digits.
    pub fn is_ancestor_of(&self, other: &Commodity) -> bool {
        if self.digits >= other.digits {
            return false;
        }
        if self.is_total() {
            return !matches!(other.scheme, Scheme::Ebops);
        }
        self.scheme == other.scheme && other.ancestor_at(self.digits) == Some(*self)
    }
}

impl PartialEq for Commodity {
    fn eq(&self, other: &Commodity) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Commodity {}

impl Hash for Commodity {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key().hash(state);
    }
}

impl PartialOrd for Commodity {
    fn partial_cmp(&self, other: &Commodity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Commodity {
    /// The order of the code text, parents before children (see the [module docs](self)); the
    /// edition is not looked at.
    fn cmp(&self, other: &Commodity) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Default for Commodity {
    /// The total of all goods.
    fn default() -> Commodity {
        Commodity::TOTAL
    }
}

/// Reads `text` as a code of `classification`; `input` is the whole text, for the error.
fn parse_code(classification: Classification, text: &str, input: &str) -> Result<Commodity> {
    let invalid = |reason: String| Error::InvalidCommodity {
        input: input.to_owned(),
        reason,
    };
    let text = text.trim();
    if classification == Classification::Ebops {
        return parse_ebops(text).map_err(invalid);
    }
    if text.eq_ignore_ascii_case("TOTAL") {
        return Ok(Commodity::TOTAL);
    }
    if text.is_empty() {
        return Err(invalid("empty code".to_owned()));
    }
    // A dot is allowed only where the conventional written forms put it: HS "2709.00" (after the
    // heading), SITC "001.1" (after the group).
    let dot_at = match classification {
        Classification::Hs => 4,
        Classification::Sitc | Classification::Ebops => 3,
    };
    // The value of the first 7 digits (at most 9 999 999, so it fits a u32) is enough to tell
    // every valid code from an invalid one; `n` counts them all. Nothing is allocated.
    let mut value = 0_u32;
    let mut n = 0_usize;
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' => {
                n += 1;
                if n <= 7 {
                    value = value * 10 + (u32::from(c) - u32::from('0'));
                }
            }
            '.' if i == dot_at && n == dot_at && i + 1 < text.len() => {}
            '.' => {
                return Err(invalid(format!(
                    "'.' is not a digit (a dot may only follow the first {dot_at} digits)"
                )))
            }
            _ => return Err(invalid(format!("{c:?} is not a digit"))),
        }
    }
    let level = u8::try_from(n).unwrap_or(u8::MAX);
    if !classification.has_level(level) {
        let reason = match classification {
            Classification::Hs if n == 8 || n == 10 => format!(
                "HS codes have 2, 4 or 6 digits; {n} digits is a national tariff line, not an HS code"
            ),
            Classification::Hs if n % 2 == 1 => format!(
                "HS codes have 2, 4 or 6 digits, got {n} (a leading zero lost?)"
            ),
            Classification::Hs => format!("HS codes have 2, 4 or 6 digits, got {n}"),
            Classification::Sitc | Classification::Ebops => {
                format!("SITC codes have 1 to 5 digits, got {n}")
            }
        };
        return Err(invalid(reason));
    }
    // `level` is at most 6 here, so `value` is below 10^6 and the product below 10^6 too.
    let code = value * pow10(classification.max_digits() - level);
    let scheme = match classification {
        Classification::Hs => {
            let chapter = code / 10_000;
            let heading = code / 100 % 100;
            if chapter == 0 {
                return Err(invalid("HS chapter 00 does not exist".to_owned()));
            }
            if chapter == 77 {
                return Err(invalid(
                    "HS chapter 77 does not exist (reserved for future use)".to_owned(),
                ));
            }
            if n >= 4 && heading == 0 {
                return Err(invalid(format!(
                    "HS heading {:02}00 does not exist (headings are numbered from 01)",
                    chapter
                )));
            }
            Scheme::Hs
        }
        Classification::Sitc | Classification::Ebops => Scheme::Sitc,
    };
    Ok(Commodity {
        scheme,
        edition: None,
        code,
        digits: level,
    })
}

/// The longest EBOPS code, in characters.
const EBOPS_MAX: u8 = 6;

/// An EBOPS code as a number: each character a base-37 digit (`0`-`9` are 1 to 10, `A`-`Z` 11 to
/// 36, 0 past the end), six of them (37^6 < 2^32). The number's order is the text's, a prefix
/// first.
fn parse_ebops(text: &str) -> std::result::Result<Commodity, String> {
    if text.is_empty() {
        return Err("empty code".to_owned());
    }
    if text.len() > usize::from(EBOPS_MAX) {
        return Err(format!(
            "EBOPS codes have 1 to {EBOPS_MAX} letters and digits, got {}",
            text.chars().count()
        ));
    }
    let mut code = 0_u32;
    for c in text.bytes() {
        let digit = match c {
            b'0'..=b'9' => c - b'0' + 1,
            b'A'..=b'Z' => c - b'A' + 11,
            b'a'..=b'z' => c - b'a' + 11,
            _ => {
                return Err(format!(
                    "{:?} is not a letter or digit of an EBOPS code",
                    char::from(c)
                ))
            }
        };
        code = code * 37 + u32::from(digit);
    }
    let digits = text.len() as u8; // at most 6, checked above
    for _ in digits..EBOPS_MAX {
        code *= 37;
    }
    Ok(Commodity {
        scheme: Scheme::Ebops,
        code,
        digits,
        edition: None,
    })
}

/// The text of an EBOPS code held as [`parse_ebops`] holds it.
fn ebops_text(code: u32) -> String {
    let mut chars = [0_u8; EBOPS_MAX as usize];
    let mut rest = code;
    for slot in chars.iter_mut().rev() {
        *slot = (rest % 37) as u8;
        rest /= 37;
    }
    chars
        .iter()
        .take_while(|&&d| d != 0)
        .map(|&d| char::from(if d <= 10 { b'0' + d - 1 } else { b'A' + d - 11 }))
        .collect()
}

impl FromStr for Commodity {
    type Err = Error;

    /// Reads `"TOTAL"` (any case), an HS code (`"27"`, `"2709"`, `"270900"`, `"2709.00"`, or with
    /// the prefix `"HS:"`), or a SITC code with the prefix `"SITC:"` (`"SITC:0011"`). The prefix
    /// may be in any case and may be followed by white space.
    ///
    /// # Errors
    /// [`Error::InvalidCommodity`] naming the input and why it is not a code.
    fn from_str(s: &str) -> Result<Commodity> {
        let trimmed = s.trim();
        if let Some((prefix, rest)) = trimmed.split_once(':') {
            let name = prefix.trim();
            let classification = if name.eq_ignore_ascii_case("HS") {
                Classification::Hs
            } else if name.eq_ignore_ascii_case("SITC") {
                Classification::Sitc
            } else if name.eq_ignore_ascii_case("EBOPS") {
                Classification::Ebops
            } else {
                return Err(Error::InvalidCommodity {
                    input: s.to_owned(),
                    reason: format!(
                        "unknown classification prefix {name:?}: expected HS:, SITC: or EBOPS:"
                    ),
                });
            };
            return parse_code(classification, rest, s);
        }
        parse_code(Classification::Hs, trimmed, s)
    }
}

impl fmt::Display for Commodity {
    /// `"TOTAL"`, the HS digits (`"2709"`), or `"SITC:"` and the SITC digits (`"SITC:0011"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.scheme {
            Scheme::Sitc => f.pad(&format!("SITC:{}", self.code())),
            Scheme::Ebops => f.pad(&format!("EBOPS:{}", self.code())),
            _ => f.pad(&self.code()),
        }
    }
}

impl fmt::Debug for Commodity {
    /// `Commodity(2709)`, with the edition when the code carries one: `Commodity(8524, H0)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.edition {
            None => write!(f, "Commodity({self})"),
            Some(edition) => write!(f, "Commodity({self}, {})", edition.comtrade_code()),
        }
    }
}

serde_as_text!(
    Commodity => "a commodity code: \"TOTAL\", an HS code such as \"2709\", or \"SITC:0011\"",
    Classification => "a classification: \"HS\", \"SITC\" or \"EBOPS\"",
);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn hs(s: &str) -> Commodity {
        Commodity::hs(s).unwrap()
    }

    fn sitc(s: &str) -> Commodity {
        Commodity::sitc(s).unwrap()
    }

    fn reason(s: &str) -> String {
        match s.parse::<Commodity>() {
            Err(Error::InvalidCommodity { input, reason }) => {
                assert_eq!(input, s);
                reason
            }
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Commodity>(), 8);
    }

    #[test]
    fn hs_chain_ends_at_total() {
        let c = hs("270900");
        assert_eq!(c.level(), 6);
        assert_eq!(c.parent(), Some(hs("2709")));
        assert_eq!(hs("2709").parent(), Some(hs("27")));
        assert_eq!(hs("27").parent(), Some(Commodity::TOTAL));
        assert_eq!(Commodity::TOTAL.parent(), None);
    }

    #[test]
    fn sitc_chain_keeps_leading_zeros() {
        assert_eq!(sitc("0011").parent(), Some(sitc("001")));
        assert_eq!(sitc("001").parent(), Some(sitc("00")));
        assert_eq!(sitc("00").parent(), Some(sitc("0")));
        assert_eq!(sitc("0").parent(), Some(Commodity::TOTAL));
        assert_eq!(sitc("00").code(), "00");
        assert_eq!(sitc("0").to_string(), "SITC:0");
        assert_ne!(sitc("0"), sitc("00"));
        assert_eq!(sitc("001.1"), sitc("0011"));
        assert_eq!(sitc("95432").level(), 5);
    }

    #[test]
    fn classifications_never_compare_equal() {
        assert_ne!(hs("27"), sitc("27"));
        assert_ne!(hs("2709"), sitc("2709"));
        assert!(!hs("27").is_ancestor_of(&sitc("2709")));
        assert!(!sitc("27").is_ancestor_of(&hs("2709")));
        assert_eq!(
            Commodity::hs("TOTAL").unwrap(),
            Commodity::sitc("total").unwrap()
        );
    }

    #[test]
    fn order_is_text_order_with_parents_first() {
        let mut v = [
            hs("2710"),
            hs("270900"),
            Commodity::TOTAL,
            hs("2709"),
            hs("270910"),
            hs("27"),
            hs("01"),
        ];
        v.sort();
        let text: Vec<String> = v.iter().map(|c| c.to_string()).collect();
        assert_eq!(
            text,
            ["TOTAL", "01", "27", "2709", "270900", "270910", "2710"]
        );
    }

    #[test]
    fn hs_validation_names_the_problem() {
        assert_eq!(
            reason("77"),
            "HS chapter 77 does not exist (reserved for future use)"
        );
        assert_eq!(
            reason("770100"),
            "HS chapter 77 does not exist (reserved for future use)"
        );
        assert_eq!(reason("00"), "HS chapter 00 does not exist");
        assert_eq!(
            reason("2700"),
            "HS heading 2700 does not exist (headings are numbered from 01)"
        );
        assert_eq!(
            reason("270"),
            "HS codes have 2, 4 or 6 digits, got 3 (a leading zero lost?)"
        );
        assert_eq!(
            reason("27090000"),
            "HS codes have 2, 4 or 6 digits; 8 digits is a national tariff line, not an HS code"
        );
        assert_eq!(reason("27a9"), "'a' is not a digit");
        assert_eq!(reason(""), "empty code");
        assert_eq!(reason("-27"), "'-' is not a digit");
        assert_eq!(
            reason("27.09"),
            "'.' is not a digit (a dot may only follow the first 4 digits)"
        );
        assert_eq!(
            reason("BEC:27"),
            "unknown classification prefix \"BEC\": expected HS:, SITC: or EBOPS:"
        );
        assert_eq!(
            reason("SITC:123456"),
            "SITC codes have 1 to 5 digits, got 6"
        );
        assert!(reason("2709.").contains("not a digit"));
        // Subheading 00 exists (2709.00); chapters 98 and 99 are accepted, for national use.
        assert_eq!(hs("270900").code(), "270900");
        assert!(hs("99").is_reserved_for_national_use());
        assert!(hs("9801").is_reserved_for_national_use());
        assert!(!hs("97").is_reserved_for_national_use());
        assert!(!sitc("99").is_reserved_for_national_use());
        assert_eq!(hs("01").code(), "01");
        assert_eq!(hs("97").code(), "97");
    }

    #[test]
    fn text_forms_round_trip() {
        for text in [
            "TOTAL",
            "01",
            "0101",
            "010121",
            "27",
            "2709",
            "270900",
            "SITC:0",
            "SITC:0011",
            "SITC:95432",
        ] {
            let c: Commodity = text.parse().unwrap();
            assert_eq!(c.to_string(), text);
        }
        assert_eq!(" hs: 2709 ".parse::<Commodity>().unwrap(), hs("2709"));
        assert_eq!("sitc:001.1".parse::<Commodity>().unwrap(), sitc("0011"));
        assert_eq!("total".parse::<Commodity>().unwrap(), Commodity::TOTAL);
        assert_eq!(format!("{:>6}", hs("27")), "    27");
        assert_eq!(format!("{:?}", sitc("0011")), "Commodity(SITC:0011)");
    }

    #[test]
    fn ancestors() {
        let c = hs("270900");
        assert!(Commodity::TOTAL.is_ancestor_of(&c));
        assert!(hs("27").is_ancestor_of(&c));
        assert!(hs("2709").is_ancestor_of(&c));
        assert!(!c.is_ancestor_of(&c));
        assert!(!hs("28").is_ancestor_of(&c));
        assert!(!hs("2710").is_ancestor_of(&c));
        assert!(!c.is_ancestor_of(&hs("27")));
        assert!(!Commodity::TOTAL.is_ancestor_of(&Commodity::TOTAL));
        assert_eq!(c.ancestor_at(6), Some(c));
        assert_eq!(c.ancestor_at(7), None);
        assert_eq!(sitc("0011").ancestor_at(2), Some(sitc("00")));
        assert_eq!(Commodity::TOTAL.ancestor_at(0), Some(Commodity::TOTAL));
        assert_eq!(Commodity::TOTAL.ancestor_at(1), None);
    }

    #[test]
    fn classification_codes() {
        for s in ["HS", "h5", "H0"] {
            assert_eq!(s.parse::<Classification>().unwrap(), Classification::Hs);
        }
        for s in ["SITC", "s2", "S4"] {
            assert_eq!(s.parse::<Classification>().unwrap(), Classification::Sitc);
        }
        assert!("S1".parse::<Classification>().is_err());
        assert!("BE".parse::<Classification>().is_err());
        assert_eq!(Classification::Sitc.to_string(), "SITC");
    }
    #[test]
    fn ebops_codes_round_trip_sort_as_text_and_stand_apart_from_goods() {
        // Codes of EBOPS 2002 (numeric) and 2010 (letters and digits), and the services total.
        let codes = [
            "200", "205", "2051", "S", "SC1", "SC11", "SJ211", "TOTAL", "Z9Z9Z9",
        ];
        let parsed: Vec<Commodity> = codes.iter().map(|c| Commodity::ebops(c).unwrap()).collect();
        for (c, text) in parsed.iter().zip(codes) {
            assert_eq!(c.code(), text);
            assert_eq!(c.to_string(), format!("EBOPS:{text}"));
            assert_eq!(c.to_string().parse::<Commodity>().unwrap(), *c);
            assert_eq!(usize::from(c.level()), text.len());
            assert_eq!(c.classification(), Some(Classification::Ebops));
            // No parent, no ancestor but itself: never part of the goods total.
            assert_eq!(c.parent(), None);
            assert_eq!(c.ancestor_at(0), None);
            assert_eq!(c.ancestor_at(c.level()), Some(*c));
            assert!(!Commodity::TOTAL.is_ancestor_of(c));
            assert!(!c.is_total());
        }
        // The text's order: the list above is sorted as text (a prefix first).
        let mut sorted = parsed.clone();
        sorted.sort();
        assert_eq!(sorted, parsed);
        // Lower case reads as upper case; the goods total is not the services TOTAL.
        assert_eq!(Commodity::ebops("sc1").unwrap(), parsed[4]);
        assert_ne!(Commodity::ebops("TOTAL").unwrap(), Commodity::TOTAL);
        assert_ne!(Commodity::ebops("205").unwrap(), hs("20").parent().unwrap());
        for bad in ["", "SC1111X", "S-1", "2 5"] {
            assert!(Commodity::ebops(bad).is_err(), "{bad:?}");
        }
        assert_eq!(std::mem::size_of::<Commodity>(), 8);
        for text in ["EB", "eb02", "EB10", "EBOPS"] {
            assert_eq!(
                text.parse::<Classification>().unwrap(),
                Classification::Ebops
            );
        }
        assert_eq!(Classification::Ebops.to_string(), "EBOPS");
    }
}
