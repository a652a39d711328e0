//! A CSV tokenizer over bytes: RFC 4180 quoting (commas, doubled quotes and line breaks inside
//! quoted fields), a UTF-8 byte-order mark, CRLF or LF line ends, and physical line numbers for
//! messages. It allocates nothing per field: a record is a list of byte ranges into the buffer it
//! was read from (a quoted field with doubled quotes is unescaped in place).

use std::io::Read;

use crate::error::{Error, Result};

/// The longest header read, whatever the row limit (a guard against a file without line feeds
/// being read whole into memory).
pub(crate) const MAX_HEADER: usize = 64 << 20;

/// How reading one record from the front of a buffer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Split {
    /// A record ends `consumed` bytes in (its line break included), spanning `newlines` line
    /// breaks (1 for a record on one line that ends with a line break).
    Record { consumed: usize, newlines: u32 },
    /// The buffer ends inside the record: more input is needed.
    NeedMore,
    /// The record's gate field (see [`Gate`]) has a value not kept: the record, `consumed`
    /// bytes over `newlines` line breaks, was passed over without splitting the rest of it.
    Skipped { consumed: usize, newlines: u32 },
    /// The record is malformed (`field` is the 0-based field where quoting went wrong); it still
    /// occupies `consumed` bytes (to the end of its line), so reading can go on after it.
    Malformed {
        consumed: usize,
        newlines: u32,
        field: usize,
        reason: &'static str,
    },
}

/// How fields are separated and quoted: the delimiter (comma, tab, semicolon or pipe), and
/// whether a quote at a field's start opens a quoted field (RFC 4180) or is a literal character
/// (tab-separated files as UN Comtrade publishes them: no field holds a tab or a line break, so
/// nothing is quoted, and a description's quotes are its own text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dialect {
    pub(crate) delimiter: u8,
    pub(crate) quoting: bool,
}

impl Dialect {
    /// Comma-separated, RFC 4180 quoting.
    pub(crate) const CSV: Dialect = Dialect {
        delimiter: b',',
        quoting: true,
    };
}

/// The character between the fields of a delimited text file. Comma-, semicolon- and
/// pipe-separated files quote by RFC 4180 (a quote at a field's start opens a quoted field, which
/// may hold delimiters, line breaks and doubled quotes); tab-separated files do not quote: a quote
/// is a literal character, as in UN Comtrade's bulk files, whose descriptions hold commas and
/// quotes but never tabs or line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// A tab (`\t`); quotes are literal.
    Tab,
    /// `;`
    Semicolon,
    /// `|`
    Pipe,
}

impl Delimiter {
    /// Every delimiter, in the order a sniff prefers them on a tie.
    pub const ALL: [Delimiter; 4] = [
        Delimiter::Comma,
        Delimiter::Tab,
        Delimiter::Semicolon,
        Delimiter::Pipe,
    ];

    /// The delimiter's byte.
    pub const fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
            Delimiter::Pipe => b'|',
        }
    }

    /// Its name in messages: `"comma"`, `"tab"`, `"semicolon"`, `"pipe"`.
    pub const fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
            Delimiter::Pipe => "pipe",
        }
    }

    /// The tokenizer's rules for it.
    pub(crate) const fn dialect(self) -> Dialect {
        Dialect {
            delimiter: self.byte(),
            quoting: !matches!(self, Delimiter::Tab),
        }
    }

    /// The delimiter of a header line: the one of the four that occurs most often in `line`
    /// (ties go to the first of [`Delimiter::ALL`]); `None` when none occurs (one column).
    pub(crate) fn sniff(line: &[u8]) -> Option<Delimiter> {
        let mut best: Option<(Delimiter, usize)> = None;
        for d in Delimiter::ALL {
            let n = count_byte(line, d.byte());
            if n > 0 && best.is_none_or(|(_, m)| n > m) {
                best = Some((d, n));
            }
        }
        best.map(|(d, _)| d)
    }
}

impl std::fmt::Display for Delimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.name())
    }
}

/// The reason given for a quoted field without its closing quote.
pub(crate) const NEVER_CLOSED: &str = "a quote that is never closed";

/// A filter applied while splitting: a record whose field `field` is none of `keep` nor of `also`
/// (ignoring ASCII case and surrounding ASCII spaces) is passed over as soon as that field is read
/// (the rest of the record is only scanned for its end).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Gate<'g> {
    pub(crate) field: usize,
    pub(crate) keep: &'g [&'g [u8]],
    /// Values that pass too: the header's names, so that a header that comes again (two files
    /// joined) reaches the engine's check instead of being passed over as a row not kept.
    pub(crate) also: Option<&'g Names>,
}

/// `field` without a UTF-8 byte-order mark at its start.
pub(crate) fn without_bom(field: &[u8]) -> &[u8] {
    field.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(field)
}

/// A set of names (a header's), looked up as the header's columns are found: surrounding spaces
/// trimmed, ASCII case ignored. A value whose length no name has is refused by one bit test, so
/// looking up a data row's field costs next to nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Names {
    /// The names, trimmed and in ASCII lower case.
    names: Vec<Vec<u8>>,
    /// Bit `n` set when a name is `n` bytes long (names of 256 bytes or more share bit 255).
    lengths: [u64; 4],
}

impl Names {
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Names {
        let mut set = Names::default();
        for name in names {
            let name = name.trim().as_bytes().to_ascii_lowercase();
            let bit = name.len().min(255);
            set.lengths[bit / 64] |= 1 << (bit % 64);
            set.names.push(name);
        }
        set
    }

    /// Whether `value` (trimmed, any ASCII case) is one of the names.
    #[inline]
    pub(crate) fn contains(&self, value: &[u8]) -> bool {
        let value = value.trim_ascii();
        let bit = value.len().min(255);
        if self.lengths[bit / 64] & (1 << (bit % 64)) == 0 {
            return false;
        }
        self.names.iter().any(|n| n.eq_ignore_ascii_case(value))
    }

    /// Whether the fields of `record` are the names, in any order (each name once); a UTF-8
    /// byte-order mark before the first is passed over (a second file joined with `cat` keeps
    /// its own).
    pub(crate) fn are_fields_of(&self, record: &Record<'_>) -> bool {
        if record.len() != self.names.len() {
            return false;
        }
        let mut fields: Vec<Vec<u8>> = (0..record.len())
            .map(|i| {
                let field = record.get(i).unwrap_or_default();
                let field = if i == 0 { without_bom(field) } else { field };
                field.trim_ascii().to_ascii_lowercase()
            })
            .collect();
        let mut names = self.names.clone();
        fields.sort_unstable();
        names.sort_unstable();
        fields == names
    }
}

/// Reusable storage for the fields of one record.
#[derive(Debug, Default)]
pub(crate) struct Fields {
    /// Byte ranges of the fields in the buffer.
    pub(crate) ranges: Vec<(usize, usize)>,
    /// Indexes of quoted fields that hold doubled quotes, unescaped once the record is complete.
    escaped: Vec<usize>,
}

impl Fields {
    pub(crate) fn new() -> Self {
        Fields {
            ranges: Vec::with_capacity(64),
            escaped: Vec::new(),
        }
    }
}

/// Unescapes, in place, the quoted fields with doubled quotes of a record [`scan`] split (once:
/// the list of such fields is then cleared).
pub(crate) fn unescape(buf: &mut [u8], fields: &mut Fields) {
    for &index in &fields.escaped {
        if let Some(range) = fields.ranges.get_mut(index) {
            let (from, to) = *range;
            let mut w = from;
            let mut r = from;
            while r < to {
                let c = buf[r];
                buf[w] = c;
                w += 1;
                // Inside the content every quote is doubled: keep one.
                r += if c == b'"' { 2 } else { 1 };
            }
            range.1 = w;
        }
    }
    fields.escaped.clear();
}

/// Splits the record at the front of `buf` into `fields` (byte ranges into `buf`). With `at_eof`,
/// the end of `buf` is the end of the input, so a last line without a line break is a record.
/// Quoted fields with doubled quotes are not unescaped yet: `buf` is left as it is, and
/// [`unescape`] does it in place once the record is known complete (and not over-long).
pub(crate) fn scan(
    buf: &[u8],
    at_eof: bool,
    fields: &mut Fields,
    gate: Option<Gate<'_>>,
    dialect: Dialect,
) -> Split {
    let delimiter = dialect.delimiter;
    fields.ranges.clear();
    fields.escaped.clear();
    let n = buf.len();
    let mut i = 0usize;
    let mut newlines = 0u32;
    loop {
        // `i` is at the start of a field.
        if dialect.quoting && i < n && buf[i] == b'"' {
            let start = i + 1;
            i = start;
            let mut escaped = false;
            loop {
                let Some(q) = buf[i..].iter().position(|&c| c == b'"') else {
                    if at_eof {
                        return malformed_to_line_end(
                            buf,
                            start - 1,
                            fields.ranges.len(),
                            NEVER_CLOSED,
                            true,
                        )
                        .add_newlines(newlines);
                    }
                    return Split::NeedMore;
                };
                let q = i + q;
                newlines += count_newlines(&buf[i..q]);
                if q + 1 >= n && !at_eof {
                    return Split::NeedMore;
                }
                if buf.get(q + 1) == Some(&b'"') {
                    escaped = true;
                    i = q + 2;
                    continue;
                }
                if escaped {
                    fields.escaped.push(fields.ranges.len());
                }
                fields.ranges.push((start, q));
                i = q + 1;
                break;
            }
            // After a closing quote: a delimiter, a line end, or the end of input.
            match buf.get(i) {
                Some(&c) if c == delimiter => {
                    i += 1;
                    if let Some(skip) = gated(buf, i, at_eof, fields, gate, newlines, dialect) {
                        return skip;
                    }
                    continue;
                }
                Some(b'\n') => {
                    return Split::Record {
                        consumed: i + 1,
                        newlines: newlines + 1,
                    }
                }
                Some(b'\r') if buf.get(i + 1) == Some(&b'\n') => {
                    return Split::Record {
                        consumed: i + 2,
                        newlines: newlines + 1,
                    }
                }
                Some(b'\r') if i + 1 >= n && !at_eof => return Split::NeedMore,
                None => {
                    return Split::Record {
                        consumed: i,
                        newlines,
                    }
                }
                Some(_) => {
                    let field = fields.ranges.len() - 1;
                    return malformed_to_line_end(
                        buf,
                        i,
                        field,
                        "text after a closing quote",
                        at_eof,
                    )
                    .add_newlines(newlines);
                }
            }
        }
        // An unquoted field: up to the next delimiter or line break.
        let start = i;
        i = find_delimiter(buf, i, delimiter);
        if i >= n {
            if !at_eof {
                return Split::NeedMore;
            }
            let end = if i > start && buf[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            fields.ranges.push((start, end));
            return Split::Record {
                consumed: i,
                newlines,
            };
        }
        if buf[i] == delimiter {
            fields.ranges.push((start, i));
            i += 1;
            if let Some(skip) = gated(buf, i, at_eof, fields, gate, newlines, dialect) {
                return skip;
            }
            continue;
        }
        // A line break ends the record; a CR before it belongs to the line end.
        let end = if i > start && buf[i - 1] == b'\r' {
            i - 1
        } else {
            i
        };
        fields.ranges.push((start, end));
        return Split::Record {
            consumed: i + 1,
            newlines: newlines + 1,
        };
    }
}

/// If the field just pushed is the gate's and its value is not kept, the end of the record from
/// `from` (just after the field's delimiter): the next line feed outside quotes.
#[inline]
fn gated(
    buf: &[u8],
    from: usize,
    at_eof: bool,
    fields: &Fields,
    gate: Option<Gate<'_>>,
    newlines: u32,
    dialect: Dialect,
) -> Option<Split> {
    let gate = gate?;
    if fields.ranges.len() != gate.field + 1 {
        return None;
    }
    let &(a, b) = fields.ranges.last()?;
    // Surrounding spaces and ASCII case do not count, as the row parser reads the value.
    let value = buf.get(a..b)?.trim_ascii();
    // Lengths first: most values differ in length from the kept ones, and short byte loops beat
    // a call to memcmp.
    if gate.keep.iter().any(|k| {
        k.len() == value.len() && k.iter().zip(value).all(|(x, y)| x.eq_ignore_ascii_case(y))
    }) || gate.also.is_some_and(|names| names.contains(value))
    {
        return None;
    }
    // The rest of the record, scanned for its end with the tokenizer's own quoting rule: a quote
    // opens a quoted field only at a field's start (a quote elsewhere is a literal character),
    // and inside a quoted field a doubled quote is a literal one.
    let n = buf.len();
    if !dialect.quoting {
        // Quotes are literal: the record ends at the next line feed.
        let p = find_delimiter(buf, from, b'\n');
        return match (p < n, at_eof) {
            (true, _) => Some(Split::Skipped {
                consumed: p + 1,
                newlines: newlines + 1,
            }),
            (false, true) => Some(Split::Skipped {
                consumed: n,
                newlines,
            }),
            (false, false) => Some(Split::NeedMore),
        };
    }
    let mut i = from;
    let mut in_quotes = false;
    let mut lines = newlines;
    loop {
        let Some(p) = find_newline_or_quote(buf, i) else {
            // The end of the input ends the record, unless a quote is left open: then the full
            // split reports it.
            return match (at_eof, in_quotes) {
                (true, false) => Some(Split::Skipped {
                    consumed: n,
                    newlines: lines,
                }),
                (true, true) => None,
                (false, _) => Some(Split::NeedMore),
            };
        };
        match (in_quotes, buf[p]) {
            (true, b'"') => {
                if p + 1 >= n && !at_eof {
                    return Some(Split::NeedMore);
                }
                if buf.get(p + 1) == Some(&b'"') {
                    i = p + 2;
                    continue;
                }
                in_quotes = false;
                // After a closing quote only a comma or a line end may follow; anything else is
                // malformed, which the full split reports (so the gate does not decide).
                match (buf.get(p + 1), buf.get(p + 2)) {
                    (None | Some(b',' | b'\n'), _) | (Some(b'\r'), Some(b'\n')) => {}
                    (Some(b'\r'), None) if !at_eof => return Some(Split::NeedMore),
                    _ => return None,
                }
            }
            (true, _) => lines += 1,
            (false, b'"') => in_quotes = p == from || buf[p - 1] == dialect.delimiter,
            (false, _) => {
                return Some(Split::Skipped {
                    consumed: p + 1,
                    newlines: lines + 1,
                })
            }
        }
        i = p + 1;
    }
}

/// The position of the first line feed or quote at or after `i`, eight bytes at a time.
#[inline]
fn find_newline_or_quote(buf: &[u8], mut i: usize) -> Option<usize> {
    // Sixteen bytes a round while no match (the common case: long runs of plain fields).
    while let Some(pair) = buf.get(i..).and_then(|rest| rest.first_chunk::<16>()) {
        let (lo, hi) = pair.split_at(8);
        let mut a = [0u8; 8];
        let mut b = [0u8; 8];
        a.copy_from_slice(lo);
        b.copy_from_slice(hi);
        let (w1, w2) = (u64::from_le_bytes(a), u64::from_le_bytes(b));
        let q1 = w1 ^ (ONES * u64::from(b'"'));
        let n1 = w1 ^ (ONES * u64::from(b'\n'));
        let q2 = w2 ^ (ONES * u64::from(b'"'));
        let n2 = w2 ^ (ONES * u64::from(b'\n'));
        let f1 = ((q1.wrapping_sub(ONES) & !q1) | (n1.wrapping_sub(ONES) & !n1)) & HIGHS;
        let f2 = ((q2.wrapping_sub(ONES) & !q2) | (n2.wrapping_sub(ONES) & !n2)) & HIGHS;
        if f1 != 0 {
            return Some(i + (f1.trailing_zeros() / 8) as usize);
        }
        if f2 != 0 {
            return Some(i + 8 + (f2.trailing_zeros() / 8) as usize);
        }
        i += 16;
    }
    while let Some(word) = buf.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*word);
        let quote = w ^ (ONES * u64::from(b'"'));
        let newline = w ^ (ONES * u64::from(b'\n'));
        let found =
            ((quote.wrapping_sub(ONES) & !quote) | (newline.wrapping_sub(ONES) & !newline)) & HIGHS;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    buf.get(i..)?
        .iter()
        .position(|&c| c == b'\n' || c == b'"')
        .map(|p| p + i)
}

impl Split {
    fn add_newlines(self, more: u32) -> Split {
        match self {
            Split::Malformed {
                consumed,
                newlines,
                field,
                reason,
            } => Split::Malformed {
                consumed,
                newlines: newlines + more,
                field,
                reason,
            },
            other => other,
        }
    }
}

/// A malformed record: skip to the end of the line where the problem is.
fn malformed_to_line_end(
    buf: &[u8],
    from: usize,
    field: usize,
    reason: &'static str,
    at_eof: bool,
) -> Split {
    match buf[from..].iter().position(|&c| c == b'\n') {
        Some(p) => Split::Malformed {
            consumed: from + p + 1,
            newlines: 1,
            field,
            reason,
        },
        None if at_eof => Split::Malformed {
            consumed: buf.len(),
            newlines: 0,
            field,
            reason,
        },
        None => Split::NeedMore,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The position of the first `delimiter` or line feed at or after `i` (or `buf.len()`), eight
/// bytes at a time: for each word, the bytes equal to the delimiter or '\n' become zero after an
/// XOR, and the classic zero-byte test finds the lowest one exactly (its false positives only lie
/// above a true zero). The delimiter is a value, not a branch: one pattern per call.
#[inline]
fn find_delimiter(buf: &[u8], mut i: usize, delimiter: u8) -> usize {
    let pattern = ONES * u64::from(delimiter);
    while let Some(word) = buf.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*word);
        let comma = w ^ pattern;
        let newline = w ^ (ONES * u64::from(b'\n'));
        let found =
            ((comma.wrapping_sub(ONES) & !comma) | (newline.wrapping_sub(ONES) & !newline)) & HIGHS;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&c) = buf.get(i) {
        if c == delimiter || c == b'\n' {
            break;
        }
        i += 1;
    }
    i
}

/// The number of bytes equal to `needle` in `bytes`, eight at a time with an exact zero-byte mask.
pub(crate) fn count_byte(bytes: &[u8], needle: u8) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0usize;
    let low7 = 0x7F7F_7F7F_7F7F_7F7Fu64;
    for word in &mut chunks {
        let mut arr = [0u8; 8];
        arr.copy_from_slice(word);
        let x = u64::from_le_bytes(arr) ^ (ONES * u64::from(needle));
        // High bit set exactly in the bytes of x that are zero.
        let zero = !(((x & low7) + low7) | x | low7);
        count += zero.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&c| c == needle).count()
}

/// The number of line feeds in `bytes`.
pub(crate) fn count_newlines(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&c| c == b'\n').count() as u32
}

/// One record: its fields as byte slices, and the line where it starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) fields: &'a [(usize, usize)],
    /// 1-based physical line of the record's first byte.
    pub(crate) line: u64,
}

impl<'a> Record<'a> {
    /// The field at `index`, if the record has one.
    #[inline]
    pub(crate) fn get(&self, index: usize) -> Option<&'a [u8]> {
        let &(a, b) = self.fields.get(index)?;
        self.bytes.get(a..b)
    }

    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.fields.len()
    }

    /// True for an empty line (one empty field).
    pub(crate) fn is_blank(&self) -> bool {
        self.fields.len() == 1 && self.fields.first().is_some_and(|&(a, b)| a == b)
    }
}

/// What the streaming reader yields: a record, or a malformed one with where it went wrong.
pub(crate) enum Next<'a> {
    Record(Record<'a>),
    /// A record a gate passed over.
    Skipped,
    Malformed {
        line: u64,
        field: usize,
        reason: &'static str,
        /// The fields read before the problem (their text, for the message).
        record: Record<'a>,
    },
    /// A record longer than the limit (see [`too_long`]): it is passed over to its end before the
    /// next record is read, without being held in memory.
    TooLong {
        line: u64,
        /// The first bytes of the record (for the message).
        start: &'a [u8],
    },
}

/// Whether a split of the record at the front of `available` bytes (`at_eof`: the end of the
/// input is the end of `available`) shows a record longer than `limit` bytes: one that needs more
/// than `limit` bytes, whose bytes (line break included) exceed `limit`, or, for a quote never
/// closed, whose rest of the input (everything the quote swallows) exceeds `limit`. Both readers
/// decide by this one rule, so a row is over-long in one exactly when it is in the other.
pub(crate) fn too_long(split: &Split, available: usize, limit: usize) -> bool {
    match *split {
        Split::NeedMore => available > limit,
        Split::Malformed {
            reason: NEVER_CLOSED,
            ..
        } => available > limit,
        Split::Record { consumed, .. }
        | Split::Skipped { consumed, .. }
        | Split::Malformed { consumed, .. } => consumed > limit,
    }
}

/// The first bytes of an over-long record shown in its rejection: the same in both readers
/// (at most `limit` bytes, which both have when they find the record over-long).
pub(crate) fn too_long_start(record: &[u8], limit: usize) -> &[u8] {
    record.get(..limit.min(100)).unwrap_or(record)
}

/// Where a record ends, found by reading it through without keeping it: the tokenizer's own
/// quoting rules (a quote opens a quoted field only at a field's start, a doubled quote inside
/// one is a literal, text after a closing quote makes the record malformed to the end of its
/// line) applied byte by byte over as many pieces as the record spans. A quote never closed
/// runs to the end of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowEnd {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: doubled, or the closing one.
    QuoteSeen,
    /// A CR after a closing quote: a line end if a line feed follows.
    CrAfterQuote,
    /// Malformed: the record ends at the next line feed.
    Malformed,
}

impl RowEnd {
    /// Reads `bytes`, the next piece of the record; returns the length of the record's part in
    /// it if the record ends there (after its line feed), and adds the line feeds read to
    /// `newlines`.
    pub(crate) fn feed(
        &mut self,
        bytes: &[u8],
        newlines: &mut u64,
        dialect: Dialect,
    ) -> Option<usize> {
        let mut i = 0usize;
        while i < bytes.len() {
            match *self {
                RowEnd::FieldStart => {
                    match bytes[i] {
                        b'"' if dialect.quoting => *self = RowEnd::Quoted,
                        c if c == dialect.delimiter => {}
                        b'\n' => {
                            *newlines += 1;
                            return Some(i + 1);
                        }
                        _ => *self = RowEnd::Unquoted,
                    }
                    i += 1;
                }
                RowEnd::Unquoted => {
                    let p = find_delimiter(bytes, i, dialect.delimiter);
                    match bytes.get(p) {
                        Some(&c) if c == dialect.delimiter => *self = RowEnd::FieldStart,
                        Some(_) => {
                            *newlines += 1;
                            return Some(p + 1);
                        }
                        None => return None,
                    }
                    i = p + 1;
                }
                RowEnd::Quoted => match bytes[i..].iter().position(|&c| c == b'"') {
                    Some(q) => {
                        *newlines += u64::from(count_newlines(&bytes[i..i + q]));
                        *self = RowEnd::QuoteSeen;
                        i += q + 1;
                    }
                    None => {
                        *newlines += u64::from(count_newlines(&bytes[i..]));
                        return None;
                    }
                },
                RowEnd::QuoteSeen => {
                    match bytes[i] {
                        b'"' => *self = RowEnd::Quoted,
                        c if c == dialect.delimiter => *self = RowEnd::FieldStart,
                        b'\n' => {
                            *newlines += 1;
                            return Some(i + 1);
                        }
                        b'\r' => *self = RowEnd::CrAfterQuote,
                        _ => *self = RowEnd::Malformed,
                    }
                    i += 1;
                }
                RowEnd::CrAfterQuote => {
                    if bytes[i] == b'\n' {
                        *newlines += 1;
                        return Some(i + 1);
                    }
                    *self = RowEnd::Malformed;
                    i += 1;
                }
                RowEnd::Malformed => match bytes[i..].iter().position(|&c| c == b'\n') {
                    Some(p) => {
                        *newlines += 1;
                        return Some(i + p + 1);
                    }
                    None => return None,
                },
            }
        }
        None
    }
}

/// Reads records one by one from any `Read`, in blocks, holding one block (and the record that
/// spans two blocks) in memory; a record longer than the limit is passed over (see
/// [`Next::TooLong`]).
pub(crate) struct CsvReader<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    started: bool,
    line: u64,
    fields: Fields,
    /// The longest record read.
    limit: usize,
    /// An over-long record being passed over (from `start`).
    skipping: Option<RowEnd>,
    /// The delimiter and quoting rule.
    dialect: Dialect,
}

impl<R: Read> CsvReader<R> {
    /// A reader of records of at most `limit` bytes.
    pub(crate) fn new(inner: R, limit: usize) -> Self {
        CsvReader {
            inner,
            buf: vec![0; (256 << 10).min(limit.saturating_add(1)).max(64)],
            start: 0,
            end: 0,
            eof: false,
            started: false,
            line: 1,
            fields: Fields::new(),
            limit,
            skipping: None,
            dialect: Dialect::CSV,
        }
    }

    /// Sets the delimiter and quoting rule of the records read from here on.
    pub(crate) fn set_dialect(&mut self, dialect: Dialect) {
        self.dialect = dialect;
    }

    /// The delimiter and quoting rule.
    pub(crate) fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Reads input until the first line is buffered (or the input ends, or `limit` bytes are
    /// buffered), and returns the buffered bytes: what a delimiter is sniffed from.
    pub(crate) fn peek_first_line(&mut self, limit: usize) -> Result<&[u8]> {
        loop {
            if self.started {
                let buffered = &self.buf[self.start..self.end];
                if self.eof || buffered.contains(&b'\n') || buffered.len() >= limit {
                    break;
                }
            }
            self.fill()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// Sets the longest record read from here on.
    pub(crate) fn set_limit(&mut self, limit: usize) {
        self.limit = limit;
    }

    /// The bytes read and not yet consumed (the record being read first).
    pub(crate) fn buffered(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// The input, the bytes read from it and not consumed, and the line they start on.
    pub(crate) fn into_parts(mut self) -> (R, Vec<u8>, u64, bool) {
        self.buf.truncate(self.end);
        self.buf.drain(..self.start);
        (self.inner, self.buf, self.line, self.eof)
    }

    /// Reads more input after the unconsumed bytes, growing the buffer when they fill it (up to
    /// one byte more than the limit: enough to tell an over-long record).
    fn fill(&mut self) -> Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        // A record that does not fit: the buffer grows, and is filled at once (one read per
        // growth would scan the record again after every small read).
        let grow = self.end == self.buf.len();
        if grow {
            let grown = (self.buf.len() * 2).min(self.limit.saturating_add(1).max(64));
            if grown <= self.buf.len() {
                // Cannot happen: the caller finds such a record over-long first.
                return Err(Error::BadRow {
                    line: self.line,
                    column: "(record)".into(),
                    value: String::new(),
                    reason: format!("a record longer than {} bytes", self.limit),
                });
            }
            self.buf.resize(grown, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(k) => {
                    self.end += k;
                    if !grow || self.end == self.buf.len() {
                        break;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e.into()),
            }
        }
        if !self.started && (self.end >= 3 || self.eof) {
            self.started = true;
            if self.buf[..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.start = 3;
            }
        }
        Ok(())
    }

    /// Passes over the rest of an over-long record, reading and dropping the input.
    fn finish_skip(&mut self, mut state: RowEnd) -> Result<()> {
        loop {
            let mut newlines = 0u64;
            let end = state.feed(&self.buf[self.start..self.end], &mut newlines, self.dialect);
            self.line += newlines;
            match end {
                Some(n) => {
                    self.start += n;
                    return Ok(());
                }
                None if self.eof => {
                    self.start = self.end;
                    return Ok(());
                }
                None => {
                    self.start = 0;
                    self.end = 0;
                    // Back to a block of the first size: the long record is not kept.
                    if self.buf.len() > 256 << 10 {
                        self.buf = vec![0; 256 << 10];
                    }
                    self.fill()?;
                }
            }
        }
    }

    /// The next record, `None` at the end of the input.
    pub(crate) fn next_record(&mut self) -> Result<Option<Next<'_>>> {
        self.next_gated(None)
    }

    /// The next record, records failing `gate` being returned as [`Next::Skipped`].
    pub(crate) fn next_gated(&mut self, gate: Option<Gate<'_>>) -> Result<Option<Next<'_>>> {
        if let Some(state) = self.skipping.take() {
            self.finish_skip(state)?;
        }
        loop {
            if !self.started {
                self.fill()?;
                continue;
            }
            if self.start == self.end && self.eof {
                return Ok(None);
            }
            let available = self.end - self.start;
            let split = scan(
                &self.buf[self.start..self.end],
                self.eof,
                &mut self.fields,
                gate,
                self.dialect,
            );
            let line = self.line;
            let from = self.start;
            if too_long(&split, available, self.limit) {
                let start = too_long_start(&self.buf[from..self.end], self.limit);
                match split {
                    Split::Record { consumed, newlines }
                    | Split::Skipped { consumed, newlines }
                    | Split::Malformed {
                        consumed, newlines, ..
                    } if !matches!(
                        split,
                        Split::Malformed {
                            reason: NEVER_CLOSED,
                            ..
                        }
                    ) =>
                    {
                        self.start += consumed;
                        self.line += u64::from(newlines);
                    }
                    // A record whose end is not in the buffer, or a quote never closed: read
                    // through to its end on the next call (or at once at the end of the input).
                    _ if self.eof => {
                        self.line += u64::from(count_newlines(&self.buf[from..self.end]));
                        self.start = self.end;
                    }
                    _ => self.skipping = Some(RowEnd::FieldStart),
                }
                return Ok(Some(Next::TooLong { line, start }));
            }
            match split {
                Split::NeedMore => {
                    if self.eof {
                        // Cannot happen: at the end of input every split completes.
                        return Ok(None);
                    }
                    self.fill()?;
                }
                Split::Skipped { consumed, newlines } => {
                    self.start += consumed;
                    self.line += u64::from(newlines);
                    return Ok(Some(Next::Skipped));
                }
                Split::Record { consumed, newlines } => {
                    self.start += consumed;
                    self.line += u64::from(newlines);
                    unescape(&mut self.buf[from..from + consumed], &mut self.fields);
                    let bytes = &self.buf[from..from + consumed];
                    return Ok(Some(Next::Record(Record {
                        bytes,
                        fields: &self.fields.ranges,
                        line,
                    })));
                }
                Split::Malformed {
                    consumed,
                    newlines,
                    field,
                    reason,
                } => {
                    self.start += consumed;
                    self.line += u64::from(newlines);
                    let bytes = &self.buf[from..from + consumed];
                    return Ok(Some(Next::Malformed {
                        line,
                        field,
                        reason,
                        record: Record {
                            bytes,
                            fields: &self.fields.ranges,
                            line,
                        },
                    }));
                }
            }
        }
    }
}

/// Text of a field for a message: lossy UTF-8, cut at 200 characters.
pub(crate) fn text(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(200).collect();
        format!("{cut}...")
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_at_a_time_scans_agree_with_byte_loops() {
        let text = b"ab,cdefghij\nklmnopqrstu,\"\"v\nwxyz\"\"\"";
        for start in 0..text.len() {
            let slow = text[start..]
                .iter()
                .position(|&c| c == b',' || c == b'\n')
                .map_or(text.len(), |p| p + start);
            assert_eq!(find_delimiter(text, start, b','), slow, "from {start}");
            let slow_tab = text[start..]
                .iter()
                .position(|&c| c == b'c' || c == b'\n')
                .map_or(text.len(), |p| p + start);
            assert_eq!(
                find_delimiter(text, start, b'c'),
                slow_tab,
                "c from {start}"
            );
            let quotes = text[start..].iter().filter(|&&c| c == b'"').count();
            assert_eq!(count_byte(&text[start..], b'"'), quotes);
        }
        assert_eq!(
            count_byte(
                &[0x22, 0xA2, 0x22, 0x00, 0xFF, 0x21, 0x23, 0x22, 0x22],
                b'"'
            ),
            4
        );
    }

    type Split = Result<Vec<String>, (u64, usize, &'static str)>;

    /// A reader that hands out one byte at a time: it exercises every NeedMore path.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn split_all(input: &[u8]) -> Vec<Split> {
        let mut r = CsvReader::new(input, MAX_HEADER);
        let mut out = Vec::new();
        while let Some(next) = r.next_record().unwrap() {
            match next {
                Next::Record(rec) => out.push(Ok((0..rec.len())
                    .map(|i| String::from_utf8(rec.get(i).unwrap().to_vec()).unwrap())
                    .collect())),
                Next::Malformed {
                    line,
                    field,
                    reason,
                    ..
                } => out.push(Err((line, field, reason))),
                Next::TooLong { line, .. } => out.push(Err((line, 0, "too long"))),
                Next::Skipped => {}
            }
        }
        out
    }

    #[test]
    fn names_are_found_trimmed_in_any_case_and_at_any_length() {
        let long = "x".repeat(300);
        let other = "y".repeat(300);
        let names = Names::new(["period", " reporterCode ", long.as_str()]);
        for (value, expected) in [
            (&b"period"[..], true),
            (b"PERIOD", true),
            (b"  ReporterCode\t", true),
            (b"perio", false),
            (b"periods", false),
            (b"", false),
            // Lengths of 256 and more share a bit: the names are still compared.
            (long.as_bytes(), true),
            (&long.as_bytes()[..299], false),
            (other.as_bytes(), false),
        ] {
            assert_eq!(names.contains(value), expected, "{value:?}");
        }
        let fields = [(0, 12), (13, 19), (20, 320)];
        let bytes = format!("reporterCode,PERIOD,{long}");
        let record = Record {
            bytes: bytes.as_bytes(),
            fields: &fields,
            line: 3,
        };
        assert!(names.are_fields_of(&record));
        // Each name once: a name twice in place of another is not the header.
        let bytes = format!("reporterCode,PERIOD,{}", "period".repeat(50));
        let record = Record {
            bytes: bytes.as_bytes(),
            fields: &[(0, 12), (13, 19), (20, 26)],
            line: 3,
        };
        assert!(!names.are_fields_of(&record));
    }

    #[test]
    fn a_gate_passes_over_records_and_keeps_line_numbers() {
        // Field 1 must be "T"; skipped records may hold quoted commas and line breaks.
        let input = b"h,c,x\n1,T,a\n2,N,\"q\nq, \"\"r\"\"\"\n3,T,\"b\"\r\n4,N,z\n5,T,c";
        let gate = Gate {
            field: 1,
            keep: &[b"T"],
            also: None,
        };
        for one_byte in [false, true] {
            let source: Box<dyn Read> = if one_byte {
                Box::new(OneByte(input))
            } else {
                Box::new(&input[..])
            };
            let mut r = CsvReader::new(source, MAX_HEADER);
            let mut got = Vec::new();
            while let Some(next) = r.next_gated(Some(gate)).unwrap() {
                match next {
                    Next::Record(rec) => got.push(format!(
                        "{}:{}",
                        rec.line,
                        String::from_utf8_lossy(rec.get(2).unwrap())
                    )),
                    Next::Skipped => got.push("skipped".into()),
                    Next::Malformed { .. } | Next::TooLong { .. } => got.push("malformed".into()),
                }
            }
            // The header has no "T" in field 1, so it is skipped too when gated.
            assert_eq!(
                got,
                vec!["skipped", "2:a", "skipped", "5:b", "skipped", "7:c"],
                "one byte at a time: {one_byte}"
            );
        }
    }

    fn rec(fields: &[&str]) -> Split {
        Ok(fields.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn quotes_commas_crlf_bom_and_a_last_line_without_break() {
        let input =
            b"\xEF\xBB\xBFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,3\n4,5,6";
        assert_eq!(
            split_all(input),
            vec![
                rec(&["a", "b", "c"]),
                rec(&["1", "x, y", "say \"hi\""]),
                rec(&["multi\nline", "", "3"]),
                rec(&["4", "5", "6"]),
            ]
        );
    }

    #[test]
    fn line_numbers_count_breaks_inside_quotes() {
        let mut r = CsvReader::new(&b"h\n\"a\nb\"\nc\n"[..], MAX_HEADER);
        let mut lines = Vec::new();
        while let Some(Next::Record(rec)) = r.next_record().unwrap() {
            lines.push(rec.line);
        }
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn malformed_quoting_is_reported_and_reading_goes_on() {
        let out = split_all(b"a,\"b\"x,c\nd,e\n\"open");
        assert_eq!(out[0], Err((1, 1, "text after a closing quote")));
        assert_eq!(out[1], rec(&["d", "e"]));
        assert_eq!(out[2], Err((3, 0, "a quote that is never closed")));
    }

    #[test]
    fn records_across_small_reads() {
        let input = b"\xEF\xBB\xBFa,\"b\"\"c\"\r\n\"x\ny\",z\r\n";
        let mut r = CsvReader::new(OneByte(input), MAX_HEADER);
        let mut got = Vec::new();
        while let Some(Next::Record(rec)) = r.next_record().unwrap() {
            got.push((
                rec.line,
                (0..rec.len())
                    .map(|i| rec.get(i).unwrap().to_vec())
                    .collect::<Vec<_>>(),
            ));
        }
        assert_eq!(
            got,
            vec![
                (1, vec![b"a".to_vec(), b"b\"c".to_vec()]),
                (2, vec![b"x\ny".to_vec(), b"z".to_vec()]),
            ]
        );
    }
}
