//! What a reader did with every row: strict and lenient modes, and the report of a lenient read.

use std::collections::BTreeMap;
use std::fmt;

use super::limits::Limits;

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

impl RejectedKey {
    /// The key of a row of which nothing could be read (it stands for any figure).
    pub(crate) const fn unreadable(line: u64) -> Self {
        RejectedKey {
            line,
            reporter: None,
            partner: None,
            period: None,
            flow: None,
            commodity: None,
        }
    }
}

/// The accounting of one read: every data row (the header and empty lines are not rows) is
/// accepted, rejected (a bad row, listed with its line, column, value and reason) or skipped
/// (a row the reader was told to leave out, such as UN Comtrade's breakdown rows).
/// `read() == accepted() + rejected() + skipped()` always holds.
///
/// What a lenient read keeps is bounded ([`Limits`]): every rejection is counted, exactly, in
/// [`ReadReport::rejected`] and by column and reason in [`ReadReport::rejection_counts`]; the
/// first [`Limits::max_rejections`] are listed in full ([`ReadReport::rejections`]), and the
/// record keys of the first [`Limits::max_rejected_keys`] rejected rows are kept
/// ([`ReadReport::rejected_keys`]). The `Display` form says when some were not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadReport {
    accepted: u64,
    skipped: u64,
    rejected: u64,
    /// The first rejections, in the order of the file.
    rejections: Vec<Rejection>,
    /// Every rejection counted by (column, reason kind).
    counts: BTreeMap<(String, String), u64>,
    keys: Vec<RejectedKey>,
    /// Rejected rows whose key was not kept (beyond the bound).
    keys_dropped: u64,
    limits: Limits,
}

/// At most this many (column, reason kind) pairs are counted apart; the rest are counted
/// together under [`OTHER`].
const MAX_COUNTED_KINDS: usize = 1_000;

/// The column and reason under which rejections beyond [`MAX_COUNTED_KINDS`] kinds are counted.
const OTHER: &str = "(other)";

impl ReadReport {
    /// An empty report that keeps what `limits` allow.
    pub(crate) fn with_limits(limits: Limits) -> Self {
        ReadReport {
            // How the parallel reader cut its blocks is not part of what was read.
            limits: limits.with_block_bytes(Limits::new().block_bytes()),
            ..ReadReport::default()
        }
    }

    /// Rows read.
    pub fn read(&self) -> u64 {
        self.accepted + self.rejected + self.skipped
    }

    /// Rows turned into records.
    pub fn accepted(&self) -> u64 {
        self.accepted
    }

    /// Rows that could not be read: all of them, counted exactly (the first ones are listed in
    /// [`ReadReport::rejections`]).
    pub fn rejected(&self) -> u64 {
        self.rejected
    }

    /// Rows left out on purpose (by an option of the reader), counted but not listed.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// The first rejected rows, in the order of the file: all of them unless more than
    /// [`Limits::max_rejections`] were rejected (see [`ReadReport::rejections_dropped`]).
    pub fn rejections(&self) -> &[Rejection] {
        &self.rejections
    }

    /// Rejected rows counted but not listed in [`ReadReport::rejections`] (beyond the bound).
    pub fn rejections_dropped(&self) -> u64 {
        self.rejected - self.rejections.len() as u64
    }

    /// Every rejection counted by column and kind of reason: the key is (column, reason), the
    /// reason with the row's value left out (quoted text and the field's value are written
    /// `…`), so that rows rejected for the same reason count together. The counts add up to
    /// [`ReadReport::rejected`]. At most 1,000 pairs are counted apart; any further pairs are
    /// counted together under `("(other)", "(other)")`.
    pub fn rejection_counts(&self) -> &BTreeMap<(String, String), u64> {
        &self.counts
    }

    /// The record keys of the rejected rows, in the order of the file (see [`RejectedKey`]).
    /// Bounded: when more rows were rejected than [`Limits::max_rejected_keys`],
    /// [`ReadReport::rejected_keys_complete`] is `false`.
    pub fn rejected_keys(&self) -> &[RejectedKey] {
        &self.keys
    }

    /// Whether [`ReadReport::rejected_keys`] holds the key of every rejected row. When it does
    /// not, a data set built from this read refuses every substitution of a sum of parts.
    pub fn rejected_keys_complete(&self) -> bool {
        self.keys_dropped == 0
    }

    /// The bounds this report was kept with.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Records a rejected row's key (after [`ReadReport::reject`] for the same row).
    pub(crate) fn reject_key(&mut self, key: RejectedKey) {
        if self.keys.len() < self.limits.max_rejected_keys() {
            self.keys.push(key);
        } else {
            self.keys_dropped += 1;
        }
    }

    pub(crate) fn accept(&mut self) {
        self.accepted += 1;
    }

    pub(crate) fn skip(&mut self) {
        self.skipped += 1;
    }

    /// Counts a rejected row, and lists it while fewer than the bound are listed.
    pub(crate) fn reject(&mut self, rejection: Rejection) {
        self.rejected += 1;
        let kind = (
            rejection.column.clone(),
            reason_kind(&rejection.reason, &rejection.value),
        );
        self.count(kind, 1);
        if self.rejections.len() < self.limits.max_rejections() {
            self.rejections.push(rejection);
        }
    }

    fn count(&mut self, kind: (String, String), n: u64) {
        if self.counts.len() < MAX_COUNTED_KINDS || self.counts.contains_key(&kind) {
            *self.counts.entry(kind).or_insert(0) += n;
        } else {
            *self
                .counts
                .entry((OTHER.to_owned(), OTHER.to_owned()))
                .or_insert(0) += n;
        }
    }

    /// Adds another part of the same file, read after this one (and kept with the same bounds).
    pub(crate) fn append(&mut self, other: ReadReport) {
        self.accepted += other.accepted;
        self.skipped += other.skipped;
        self.rejected += other.rejected;
        let room = self
            .limits
            .max_rejections()
            .saturating_sub(self.rejections.len());
        self.rejections
            .extend(other.rejections.into_iter().take(room));
        for (kind, n) in other.counts {
            self.count(kind, n);
        }
        let room = self
            .limits
            .max_rejected_keys()
            .saturating_sub(self.keys.len());
        let kept = other.keys.len().min(room);
        self.keys_dropped += other.keys_dropped + (other.keys.len() - kept) as u64;
        self.keys.extend(other.keys.into_iter().take(kept));
    }

    /// Shifts the lines of the rejections and keys by `lines` (for a part of a file read on its
    /// own).
    pub(crate) fn shift_lines(&mut self, lines: u64) {
        for r in &mut self.rejections {
            r.line += lines;
        }
        for k in &mut self.keys {
            k.line += lines;
        }
    }
}

/// A rejection's reason with the row's value left out: quoted text (as `{:?}` writes values) and
/// the field's value (of two bytes or more) where it stands as a word of its own become `…`.
fn reason_kind(reason: &str, value: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut chars = reason.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '"' {
            // Up to the closing quote, passing over escaped characters.
            let mut closed = false;
            while let Some((_, d)) = chars.next() {
                match d {
                    '\\' => {
                        chars.next();
                    }
                    '"' => {
                        closed = true;
                        break;
                    }
                    _ => {}
                }
            }
            out.push_str(if closed { "\"…\"" } else { "\"…" });
            continue;
        }
        let word_start = i == 0 || !is_word(reason[..i].chars().next_back());
        if word_start && value.len() >= 2 && reason[i..].starts_with(value) {
            let end = i + value.len();
            if !is_word(reason[end..].chars().next()) {
                out.push('…');
                while chars.peek().is_some_and(|&(j, _)| j < end) {
                    chars.next();
                }
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

impl fmt::Display for ReadReport {
    /// `read N rows: accepted A, rejected R, skipped S`, followed by what was not kept:
    /// ` (L rejections listed, D only counted)` and `; the keys of K rejected rows not kept`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "read {} rows: accepted {}, rejected {}, skipped {}",
            self.read(),
            self.accepted,
            self.rejected,
            self.skipped
        )?;
        let dropped = self.rejections_dropped();
        if dropped > 0 {
            let listed = self.rejections.len();
            let s = if listed == 1 { "" } else { "s" };
            write!(f, " ({listed} rejection{s} listed, {dropped} only counted)")?;
        }
        if self.keys_dropped > 0 {
            write!(
                f,
                "; the keys of {} rejected rows not kept: no sum of parts stands in for a figure",
                self.keys_dropped
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_kinds_leave_the_value_out() {
        assert_eq!(
            reason_kind("frequency does not match period \"2022\" (A is YYYY)", "M"),
            "frequency does not match period \"…\" (A is YYYY)"
        );
        assert_eq!(
            reason_kind("invalid commodity code \"7\\\"7\": chapter 77", "77"),
            "invalid commodity code \"…\": chapter …"
        );
        // The value only as a word of its own.
        assert_eq!(reason_kind("not 01 to 12", "1"), "not 01 to 12");
        assert_eq!(reason_kind("not a number", ""), "not a number");
        assert_eq!(reason_kind("not a code", "a"), "not a code");
        assert_eq!(
            reason_kind("year 99999 is out of range", "99999"),
            "year … is out of range"
        );
        assert_eq!(reason_kind("open \"quote", "x"), "open \"…");
    }

    fn rejection(line: u64, value: &str) -> Rejection {
        Rejection {
            line,
            column: "v".into(),
            value: value.into(),
            reason: format!("{value:?} is bad"),
        }
    }

    #[test]
    fn bounded_parts_append_as_the_whole_would_keep() {
        let limits = Limits::new()
            .with_max_rejections(3)
            .with_max_rejected_keys(2);
        let mut whole = ReadReport::with_limits(limits);
        let mut parts = [
            ReadReport::with_limits(limits),
            ReadReport::with_limits(limits),
        ];
        for line in 0..5u64 {
            let key = RejectedKey {
                line,
                reporter: None,
                partner: None,
                period: None,
                flow: None,
                commodity: None,
            };
            whole.reject(rejection(line, &line.to_string()));
            whole.reject_key(key);
            let part = &mut parts[usize::from(line >= 2)];
            part.reject(rejection(line, &line.to_string()));
            part.reject_key(key);
        }
        let [mut first, second] = parts;
        first.append(second);
        assert_eq!(first, whole);
        assert_eq!(whole.rejected(), 5);
        assert_eq!(whole.rejections().len(), 3);
        assert_eq!(whole.rejections_dropped(), 2);
        assert_eq!(whole.rejected_keys().len(), 2);
        assert!(!whole.rejected_keys_complete());
        assert_eq!(
            whole
                .rejection_counts()
                .get(&("v".to_owned(), "\"…\" is bad".to_owned())),
            Some(&5)
        );
        assert_eq!(
            whole.to_string(),
            "read 5 rows: accepted 0, rejected 5, skipped 0 (3 rejections listed, 2 only \
             counted); the keys of 3 rejected rows not kept: no sum of parts stands in for a figure"
        );
    }
}
