//! What a reader did with every row: strict and lenient modes, and the report of a lenient read.

use std::fmt;

use crate::area::Area;
use crate::commodity::Commodity;
use crate::error::Error;
use crate::flow::Flow;
use crate::period::Period;

/// How a reader treats a row it cannot read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The first bad row stops reading with an [`Error::BadRow`] naming its line, column and
    /// value (the default).
    #[default]
    Strict,
    /// Bad rows are left out and listed in the [`ReadReport`]; reading goes on.
    Lenient,
}

/// A row a lenient reader left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "a rejection as {\"line\": 2, \"column\": \"primaryValue\", \"value\": \"x\", \"reason\": \"...\"}"
    )
)]
pub struct Rejection {
    /// The line (1-based, the header is line 1) where the row starts.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::line")
    )]
    pub line: u64,
    /// The column, by its name in the header (or a description for a row-level problem).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::column")
    )]
    pub column: String,
    /// The raw value found there.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::value")
    )]
    pub value: String,
    /// What was wrong with it.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::reason")
    )]
    pub reason: String,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {:?}: {:?}: {}",
            self.line, self.column, self.value, self.reason
        )
    }
}

impl From<Rejection> for Error {
    fn from(r: Rejection) -> Self {
        Error::BadRow {
            line: r.line,
            column: r.column,
            value: r.value,
            reason: r.reason,
        }
    }
}

/// The record key of a row a lenient reader rejected: what could be read of it. A field that
/// could not be read is `None` (and stands for "any": a data set treats it as possibly that
/// figure). Kept so that a data set built from a lenient read never puts a sum of parts in place
/// of a rejected total without saying so.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "a rejected row's key as {\"line\": 2, \"reporter\": \"KAZ\", \"partner\": null, \"period\": \"2022\", \"flow\": \"X\", \"commodity\": null}"
    )
)]
pub struct RejectedKey {
    /// The line (1-based, the header is line 1) where the row starts.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::line")
    )]
    pub line: u64,
    /// The reporter, where readable.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::vocabulary::serde_field::reporter")
    )]
    pub reporter: Option<Area>,
    /// The partner, where readable.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::vocabulary::serde_field::partner")
    )]
    pub partner: Option<Area>,
    /// The period, where readable.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::vocabulary::serde_field::period")
    )]
    pub period: Option<Period>,
    /// The flow, where readable.
    #[cfg_attr(
        feature = "serde",
        serde(default, deserialize_with = "crate::vocabulary::serde_field::flow")
    )]
    pub flow: Option<Flow>,
    /// The commodity, where readable.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            deserialize_with = "crate::vocabulary::serde_field::commodity"
        )
    )]
    pub commodity: Option<Commodity>,
}

/// The accounting of one read: every data row (the header and empty lines are not rows) is
/// accepted, rejected (a bad row, listed with its line, column, value and reason) or skipped
/// (a row the reader was told to leave out, such as UN Comtrade's breakdown rows).
/// `read() == accepted() + rejected() + skipped()` always holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    accepted: u64,
    skipped: u64,
    rejections: Vec<Rejection>,
    keys: Vec<RejectedKey>,
    /// Set when a rejected row's key was not kept (beyond the bound).
    keys_dropped: bool,
}

impl ReadReport {
    /// Rows read.
    pub fn read(&self) -> u64 {
        self.accepted + self.rejected() + self.skipped
    }

    /// Rows turned into records.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Rows that could not be read (see [`ReadReport::rejections`]).
    pub fn rejected(&self) -> u64 {
        self.rejections.len() as u64
    }

    /// Rows left out on purpose (by an option of the reader), counted but not listed.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Each rejected row, in the order of the file.
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// The record keys of the rejected rows, in the order of the file (see [`RejectedKey`]).
    /// Bounded: when more rows were rejected than the bound keeps,
    /// [`ReadReport::rejected_keys_complete`] is `false`.
    pub fn rejected_keys(&self) -> &[RejectedKey] {
        &self.keys
    }

    /// Whether [`ReadReport::rejected_keys`] holds the key of every rejected row. When it does
    /// not, a data set built from this read refuses every substitution of a sum of parts.
    pub fn rejected_keys_complete(&self) -> bool {
        !self.keys_dropped
    }

    /// Records a rejected row's key.
    #[allow(dead_code)] // filled in by the readers
    pub(crate) fn reject_key(&mut self, key: RejectedKey) {
        self.keys.push(key);
    }

    pub(crate) fn accept(&mut self) {
        self.accepted += 1;
    }

    pub(crate) fn skip(&mut self) {
        self.skipped += 1;
    }

    pub(crate) fn reject(&mut self, rejection: Rejection) {
        self.rejections.push(rejection);
    }

    /// Adds another part of the same file, read after this one.
    pub(crate) fn append(&mut self, other: ReadReport) {
        self.accepted += other.accepted;
        self.skipped += other.skipped;
        self.rejections.extend(other.rejections);
    }

    /// Shifts the lines of the rejections by `lines` (for a part of a file read on its own).
    pub(crate) fn shift_lines(&mut self, lines: u64) {
        for r in &mut self.rejections {
            r.line += lines;
        }
    }
}

impl fmt::Display for ReadReport {
    /// `read N rows: accepted A, rejected R, skipped S`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {} rows: accepted {}, rejected {}, skipped {}",
            self.read(),
            self.accepted,
            self.rejected(),
            self.skipped
        )
    }
}
