//! The crate's one error type.
//!
//! Every fallible operation in tradestat returns [`Error`]. Each variant carries the offending input
//! and, for parsing, the byte offset in it where the problem was found, so a message can point at it.

use crate::currency::Currency;
use crate::period::{Frequency, Period};

/// Everything that can go wrong in tradestat.
///
/// The enum is `#[non_exhaustive]`: new kinds of failure may be added without a breaking change, so
/// a `match` on it needs a catch-all arm. Its `Display` is a sentence for a person; match on the
/// variant (or ask [`Error::is_parse`], [`Error::is_overflow`]) to decide what to do.
///
/// ```
/// use tradestat::{Error, Target};
///
/// let err = Target::new("2022".parse()?, "6.3 USD".parse()?, "10 EUR".parse()?, "2030".parse()?)
///     .unwrap_err();
/// assert!(matches!(err, Error::CurrencyMismatch { .. }));
/// assert_eq!(
///     err.to_string(),
///     "cannot set a target between amounts in different currencies: USD and EUR"
/// );
///
/// let err = "6.3 USD".parse::<tradestat::Money>()?.checked_add(&"1 EUR".parse()?).unwrap_err();
/// assert!(matches!(err, Error::CurrencyMismatch { left: tradestat::Currency::USD, .. }));
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Text could not be read as the value it was meant to be.
    #[error("cannot read {what} from {input:?} at byte {position}: {reason}")]
    Parse {
        /// What was being parsed ("money", "period", "rate", ...).
        what: &'static str,
        /// The whole input as given.
        input: String,
        /// Byte offset in `input` where the problem was found.
        position: usize,
        /// What was wrong there.
        reason: String,
    },

    /// A country name or code that matches no ISO 3166-1 entry or known alias.
    #[error("unknown country {input:?}{}", suggestion.as_ref().map(|s| format!("; did you mean {s:?}?")).unwrap_or_default())]
    UnknownCountry {
        /// The input as given; an input longer than any name is cut to its first 64 characters,
        /// followed by its length in bytes.
        input: String,
        /// The closest known name, if one is close enough to be worth suggesting.
        suggestion: Option<String>,
    },

    /// A currency code, symbol or name that matches no known currency.
    #[error("unknown currency {input:?}")]
    UnknownCurrency {
        /// The currency text as given; text longer than any currency name is cut to its first 64
        /// characters, followed by its length in bytes.
        input: String,
    },

    /// A currency symbol or name that several currencies share (for example "$" alone or "dollar").
    #[error("ambiguous currency {input:?}: could be any of {}", candidates.join(", "))]
    AmbiguousCurrency {
        /// The currency text as given.
        input: String,
        /// Codes of the currencies it could mean.
        candidates: Vec<String>,
    },

    /// A trade flow that is neither a UN Comtrade flow code (`X`, `M`, `RX`, `RM`, `DX`, `FM`,
    /// `MIP`, `MOP`, `XIP`, `XOP`) nor words for one ("exports", "re-imports", ...).
    #[error("unknown trade flow {input:?}: expected a UN Comtrade flow code (X, M, RX, RM, DX, FM, MIP, MOP, XIP, XOP) or words such as \"exports\" or \"re-imports\"")]
    UnknownFlow {
        /// The input as given.
        input: String,
    },

    /// A commodity code that is not a code of its classification (HS chapter 77, an HS code of 3
    /// digits, a SITC code of 6 digits, a letter...).
    #[error("invalid commodity code {input:?}: {reason}")]
    InvalidCommodity {
        /// The input as given.
        input: String,
        /// Why it is not a code, in words ("HS chapter 77 does not exist ...").
        reason: String,
    },

    /// A trade-data area code (UN Comtrade / M49) that tradestat does not know.
    #[error("unmapped area code {code}: not an ISO 3166-1 numeric code nor a known Comtrade special code")]
    UnmappedAreaCode {
        /// The code as found in the data.
        code: u16,
    },

    /// Two amounts in different currencies were combined.
    #[error("cannot {operation} amounts in different currencies: {left} and {right}")]
    CurrencyMismatch {
        /// The operation attempted ("add", "subtract", "divide", ...).
        operation: &'static str,
        /// Currency of the left operand.
        left: Currency,
        /// Currency of the right operand.
        right: Currency,
    },

    /// A result does not fit in a `Decimal` (about ±7.9e28) or in the type's range.
    #[error("overflow in {operation}: {detail}")]
    Overflow {
        /// The operation that overflowed.
        operation: &'static str,
        /// The operands or a description of them.
        detail: String,
    },

    /// A mathematical function was asked for a value where it is undefined (ln of zero, an even root
    /// of a negative number, division by zero, ...).
    #[error("{function} is undefined for {input}: {reason}")]
    Undefined {
        /// The function ("ln", "nth_root", "growth", ...).
        function: &'static str,
        /// The argument(s), written out.
        input: String,
        /// Why it is undefined.
        reason: &'static str,
    },

    /// A value outside the range the type allows (a month of 13, a year of 99999, a zero period count).
    #[error("{what} {value} is out of range: {allowed}")]
    OutOfRange {
        /// What the value is ("month", "year", "periods", ...).
        what: &'static str,
        /// The value as given.
        value: String,
        /// The range allowed, in words.
        allowed: &'static str,
    },

    /// A series was given the same period twice.
    #[error("duplicate period {period} in series")]
    DuplicatePeriod {
        /// The repeated period.
        period: Period,
    },

    /// Periods of different frequencies were combined (in a series, or in arithmetic between two
    /// periods).
    #[error("period {found} is {}, where {expected} periods are expected", found.frequency())]
    MixedFrequency {
        /// The series' frequency.
        expected: Frequency,
        /// The period of another frequency.
        found: Period,
    },

    /// A series has missing periods and gaps were not allowed.
    #[error("gap in series: {after} is followed by {next}")]
    Gap {
        /// The last period before the gap.
        after: Period,
        /// The first period after the gap.
        next: Period,
    },

    /// A computation needs the value of a period that the series does not have.
    #[error("{operation} needs {period}, which the series does not have")]
    MissingPeriod {
        /// The computation ("year_to_date", ...).
        operation: &'static str,
        /// The first missing period it needs.
        period: Period,
    },

    /// A sum to a lower frequency found a period (a year, a quarter) not fully covered.
    #[error("incomplete {period}: {found} of {expected} sub-periods present")]
    IncompletePeriod {
        /// The period being summed to.
        period: Period,
        /// How many sub-periods were present.
        found: usize,
        /// How many it needs.
        expected: usize,
    },

    /// An operation needs more data points than it was given.
    #[error("{operation} needs at least {needed} {}, got {got}", if *needed == 1 { "value" } else { "values" })]
    TooFewValues {
        /// The operation.
        operation: &'static str,
        /// How many it needs.
        needed: usize,
        /// How many it got.
        got: usize,
    },

    /// A target that can never be reached under the given assumptions.
    #[error("target cannot be reached: {reason}")]
    Unreachable {
        /// Why not.
        reason: String,
    },

    /// Reading or writing a file failed. The [`std::io::ErrorKind`] and the message are kept (as
    /// text, so that `Error` stays `Clone` and `PartialEq`).
    #[error("i/o error ({kind:?}): {message}")]
    Io {
        /// The kind of the underlying `std::io::Error`.
        kind: std::io::ErrorKind,
        /// Its message, with the path where one is known.
        message: String,
    },

    /// A file lacks a column its format requires (or that the caller named).
    #[error("{format} file has no column {column:?}{}", if detail.is_empty() { String::new() } else { format!(": {detail}") })]
    MissingColumn {
        /// The format being read ("UN Comtrade CSV", "SDMX-CSV", ...).
        format: &'static str,
        /// The column that is missing.
        column: String,
        /// Why it is needed, where that is not obvious.
        detail: String,
    },

    /// A row of a data file could not be read: the first bad row in strict mode.
    #[error("line {line}, column {column:?}: cannot read {value:?}: {reason}")]
    BadRow {
        /// The line (1-based, counting the header) where the row starts.
        line: u64,
        /// The column's name as the file's header gives it (or a description for a row-level
        /// problem such as a wrong number of fields).
        column: String,
        /// The raw value found there (empty when the field is missing).
        value: String,
        /// What was wrong with it.
        reason: String,
    },

    /// A country group's name or abbreviation that matches no built-in group.
    #[error("unknown country group {input:?}: built-in groups are EU, EAEU, OTS, CIS, ASEAN, Mercosur, G7 and G20")]
    UnknownGroup {
        /// The text as given.
        input: String,
    },

    /// A group's membership record that cannot hold: an empty date interval, two overlapping
    /// intervals of one party, or a member without an area.
    #[error("invalid membership of {party} in {group}: {reason}")]
    InvalidMembership {
        /// The group's name.
        group: String,
        /// The party the record is about.
        party: String,
        /// What is wrong.
        reason: String,
    },

    /// An exchange rate that cannot be used: zero or negative, or between a currency and itself.
    #[error("invalid exchange rate from {from} to {to} for {period}: {reason}")]
    InvalidRate {
        /// The currency one unit of which the rate prices.
        from: Currency,
        /// The currency the rate is in.
        to: Currency,
        /// The period of the rate.
        period: Period,
        /// What is wrong.
        reason: String,
    },

    /// A conversion needs an exchange rate that was not given, in either direction.
    #[error("no exchange rate from {from} to {to}, nor from {to} to {from}, for {period}")]
    MissingRate {
        /// The currency converted from.
        from: Currency,
        /// The currency converted to.
        to: Currency,
        /// The period the rate is needed for.
        period: Period,
    },

    /// Deflation needs a price index level for a period that the index does not have.
    #[error("the price index has no level for {period}")]
    MissingIndex {
        /// The period without a level (the base period or a period of the series).
        period: Period,
    },

    /// Arguments that are individually valid but do not fit together (a deadline before the base
    /// period, a period of the wrong frequency for the series...).
    #[error("invalid argument: {reason}")]
    InvalidArgument {
        /// What does not fit.
        reason: String,
    },

    /// Two trade records with the same reporter, partner, flow, commodity and period, in a data set
    /// built with `Duplicates::Error` (the default), or duplicates that cannot be summed.
    #[error("duplicate trade record {record}: {reason}")]
    DuplicateRecord {
        /// The record's key, written out.
        record: String,
        /// Why it was refused, and what to do.
        reason: &'static str,
    },

    /// A trade record whose reporter is its partner, in a data set built with `Domestic::Error`
    /// (the default).
    #[error("domestic record {record}: reporter and partner are the same; build with Domestic::Keep to keep such records apart")]
    DomesticRecord {
        /// The record, written out.
        record: String,
    },

    /// A query found no data at all (a pair of areas with no record in either direction, a
    /// measure with no value in any period).
    #[error("no data for {what}")]
    NoData {
        /// What was asked for.
        what: String,
    },

    /// Getting data from a service failed (feature `fetch`): see [`crate::fetch::Error`].
    #[cfg(feature = "fetch")]
    #[error(transparent)]
    Fetch(crate::fetch::Error),
}

/// Shorthand for `Result<T, tradestat::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Builds a [`Error::Parse`].
    pub(crate) fn parse(
        what: &'static str,
        input: &str,
        position: usize,
        reason: impl Into<String>,
    ) -> Self {
        Error::Parse {
            what,
            input: input.to_owned(),
            position,
            reason: reason.into(),
        }
    }

    /// `input` as an error shows it: whole, or for text longer than `limit` bytes, its first 64
    /// characters and its length (so that refusing 8 MB of text does not copy it).
    pub(crate) fn shown(input: &str, limit: usize) -> String {
        if input.len() <= limit {
            return input.to_owned();
        }
        let head: String = input.chars().take(64).collect();
        format!("{head}... ({} bytes)", input.len())
    }

    /// Builds a [`Error::Overflow`].
    pub(crate) fn overflow(operation: &'static str, detail: impl Into<String>) -> Self {
        Error::Overflow {
            operation,
            detail: detail.into(),
        }
    }

    /// Builds a [`Error::Undefined`].
    pub(crate) fn undefined(
        function: &'static str,
        input: impl Into<String>,
        reason: &'static str,
    ) -> Self {
        Error::Undefined {
            function,
            input: input.into(),
            reason,
        }
    }

    /// True for errors about reading text ([`Error::Parse`], unknown or ambiguous names and codes,
    /// unknown flows, invalid commodity codes).
    pub fn is_parse(&self) -> bool {
        matches!(
            self,
            Error::Parse { .. }
                | Error::UnknownCountry { .. }
                | Error::UnknownCurrency { .. }
                | Error::AmbiguousCurrency { .. }
                | Error::UnknownFlow { .. }
                | Error::InvalidCommodity { .. }
        )
    }

    /// True for a bad row in a data file ([`Error::BadRow`]) or a missing column.
    pub fn is_data(&self) -> bool {
        matches!(self, Error::BadRow { .. } | Error::MissingColumn { .. })
    }

    /// The line of a data file where a [`Error::BadRow`] was found.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::BadRow { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// True for arithmetic that left the representable range ([`Error::Overflow`]).
    pub fn is_overflow(&self) -> bool {
        matches!(self, Error::Overflow { .. })
    }
}

impl From<std::io::Error> for Error {
    /// Keeps the error's kind and message.
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}
