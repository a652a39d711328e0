//! The engine every CSV reader shares: a header, a row parser, strict or lenient accounting, and
//! two ways to run it: a streaming iterator, and a parallel fold over blocks of the input split at
//! record boundaries (one thread reads, the others parse).

use std::any::Any;
use std::collections::BTreeMap;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Mutex};

use super::csv::{
    self, too_long, CsvReader, Delimiter, Dialect, Fields, Gate, Names, Next, Record, RowEnd, Split,
};
use super::limits::Limits;
use super::report::{Mode, ReadReport, RejectedKey, Rejection};
use crate::error::{Error, Result};

/// The column names of a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) names: Vec<String>,
}

impl Header {
    fn from_record(record: &Record<'_>) -> Header {
        let names = (0..record.len())
            .map(|i| {
                String::from_utf8_lossy(record.get(i).unwrap_or_default())
                    .trim()
                    .to_owned()
            })
            .collect();
        Header { names }
    }

    /// The index of the column named `name`: an exact match first, then one ignoring ASCII case.
    pub(crate) fn find(&self, name: &str) -> Option<usize> {
        self.names
            .iter()
            .position(|n| n == name)
            .or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// The index of a column the format requires.
    pub(crate) fn require(&self, format: &'static str, name: &str) -> Result<usize> {
        self.find(name).ok_or_else(|| Error::MissingColumn {
            format,
            column: name.to_owned(),
            detail: String::new(),
        })
    }

    /// The name of column `index` (for messages).
    pub(crate) fn name(&self, index: usize) -> String {
        self.names
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("(column {})", index + 1))
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// The set of the header's names, for [`is_header_again`] and the gate.
pub(crate) fn names_of(header: &Header) -> Names {
    Names::new(header.names.iter().map(String::as_str))
}

/// Whether `record` is the header again (two files joined into one): its fields are the header's
/// names in any order. Fully checked only when its first field is a header name, as every
/// repeated header's is: for a data row the cost is one bit test.
pub(crate) fn is_header_again(names: &Names, record: &Record<'_>) -> bool {
    record
        .get(0)
        .is_some_and(|first| names.contains(csv::without_bom(first)))
        && names.are_fields_of(record)
}

/// The error for a header that comes again at `line`: in either mode, since the rows after it
/// may have their columns in another order (read by the first header's positions, a reporter
/// would be read as the partner).
pub(crate) fn header_again(line: u64) -> Error {
    Error::BadRow {
        line,
        column: "(header)".into(),
        value: String::new(),
        reason: format!(
            "the header comes again at line {line} (files joined?): read each file on its own"
        ),
    }
}

/// The parser's gate, letting the header's names through too (see [`Gate::also`]).
fn gate_with<'g>(parser: &'g impl RowParser, names: &'g Names) -> Option<Gate<'g>> {
    parser.gate().map(|gate| Gate {
        also: Some(names),
        ..gate
    })
}

/// What a row parser makes of one row.
pub(crate) enum Outcome<T> {
    Accept(T),
    Skip,
}

/// How one row's outcome counts in a read, the same for every engine (streaming, the parallel
/// workers, spreadsheets): an accepted item is counted and handed back; a skipped row is
/// counted; a rejection gets its line and is counted (with its key) in lenient mode unless the
/// parser calls it fatal, and is otherwise handed back to end the read.
#[inline]
pub(crate) fn settle<T>(
    outcome: std::result::Result<Outcome<T>, (Rejection, RejectedKey)>,
    line: u64,
    mode: Mode,
    parser: &impl RowParser,
    report: &mut ReadReport,
) -> std::result::Result<Option<T>, Rejection> {
    match outcome {
        Ok(Outcome::Accept(item)) => {
            report.accept();
            Ok(Some(item))
        }
        Ok(Outcome::Skip) => {
            report.skip();
            Ok(None)
        }
        Err((mut rejection, mut key)) => {
            rejection.line = line;
            key.line = line;
            match mode {
                Mode::Lenient if !parser.is_fatal(&rejection) => {
                    report.reject(rejection);
                    report.reject_key(key);
                    Ok(None)
                }
                _ => Err(rejection),
            }
        }
    }
}

/// A bad row's column, value and reason (the engine adds the line).
pub(crate) fn reject(
    column: impl Into<String>,
    value: &[u8],
    reason: impl Into<String>,
) -> Rejection {
    Rejection {
        line: 0,
        column: column.into(),
        value: csv::text(value),
        reason: reason.into(),
    }
}

/// Turns one CSV row into an item.
pub(crate) trait RowParser: Sync {
    /// What a row becomes.
    type Item;
    /// Per-thread memory (lookup caches).
    type Cache: Default;
    /// Reads one row, whose field count equals the header's.
    fn parse(
        &self,
        cache: &mut Self::Cache,
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<Self::Item>, Rejection>;

    /// A filter on one field applied while splitting rows: rows it rejects are skipped without
    /// being split further.
    fn gate(&self) -> Option<Gate<'_>> {
        None
    }

    /// The record key of a row [`RowParser::parse`] rejected, read leniently: each key field
    /// read on its own as `parse` would read it, `None` where it cannot be (or where the row
    /// lacks the field). The engine sets the line. By default nothing is readable.
    fn key(&self, record: &Record<'_>) -> RejectedKey {
        RejectedKey::unreadable(record.line)
    }

    /// Whether a rejection is about the whole file rather than its row (an SDMX dimension that
    /// mixes measures): such a rejection stops a lenient read too, since leaving the row out
    /// would keep whichever value came first.
    fn is_fatal(&self, _rejection: &Rejection) -> bool {
        false
    }
}

/// Checks the field count, then parses.
pub(crate) fn parse_row<P: RowParser>(
    parser: &P,
    header: &Header,
    cache: &mut P::Cache,
    record: &Record<'_>,
) -> std::result::Result<Outcome<P::Item>, Rejection> {
    if record.len() != header.len() {
        let (column, value) = if record.len() < header.len() {
            (header.name(record.len()), Vec::new())
        } else {
            (
                format!("(field {})", header.len() + 1),
                record.get(header.len()).unwrap_or_default().to_vec(),
            )
        };
        return Err(reject(
            column,
            &value,
            format!(
                "the row has {} fields, the header {} (a truncated or malformed line?)",
                record.len(),
                header.len()
            ),
        ));
    }
    parser.parse(cache, record)
}

/// The key of a rejected row: what the parser can read of it when its fields are where the
/// header says (a row with another field count may have its fields shifted: nothing is read).
pub(crate) fn key_of<P: RowParser>(
    parser: &P,
    header: &Header,
    record: &Record<'_>,
) -> RejectedKey {
    if record.len() == header.len() {
        parser.key(record)
    } else {
        RejectedKey::unreadable(record.line)
    }
}

/// A malformed row's rejection and key: the fields before the one where quoting went wrong are
/// read as they are (they were split correctly), the rest is unreadable.
fn malformed<P: RowParser>(
    parser: &P,
    header: &Header,
    record: &Record<'_>,
    field: usize,
    reason: &str,
) -> (Rejection, RejectedKey) {
    let rejection = reject(
        header.name(field),
        record.get(field).unwrap_or_default(),
        format!("malformed CSV: {reason}"),
    );
    let before = Record {
        fields: record.fields.get(..field).unwrap_or(record.fields),
        ..*record
    };
    (rejection, parser.key(&before))
}

/// The rejection of a row longer than `limit` bytes, which starts with `start`.
fn too_long_rejection(start: &[u8], limit: usize) -> Rejection {
    reject(
        "(record)",
        start,
        format!(
            "a row longer than {limit} bytes, the longest read (an unclosed quote?); passed over \
             to its end"
        ),
    )
}

/// How a reader finds the delimiter of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delimiting {
    /// The one given (the readers of comma-separated formats, or a caller's choice).
    Fixed(Delimiter),
    /// Sniffed from the header line ([`Delimiter::sniff`]); comma when the header has none.
    Sniff,
}

/// What a header that cannot be read with `delimiter` looks like, when it is one of the usual
/// mistakes: UTF-16 text, values separated by another delimiter, CR-only line ends. Said in the
/// error, instead of only the first column not found.
pub(crate) fn sniff(bytes: &[u8], delimiter: Delimiter) -> Option<String> {
    let head = bytes.get(..4096).unwrap_or(bytes);
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") || looks_utf16(head) {
        return Some("the file is UTF-16 text: convert to UTF-8".into());
    }
    let line = head
        .iter()
        .position(|&c| c == b'\n')
        .map_or(head, |end| &head[..end]);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.contains(&b'\r') {
        return Some(
            "the file's lines end with CR alone (old Mac OS line ends): convert them to LF or \
             CRLF"
                .into(),
        );
    }
    if line.contains(&delimiter.byte()) {
        return None;
    }
    let found = Delimiter::sniff(line)?;
    Some(format!(
        "the file is {found}-separated: this reader reads {delimiter}-separated values"
    ))
}

/// Whether `bytes` look like UTF-16 without a byte-order mark: in most pairs of bytes one byte
/// is zero (ASCII text in UTF-16 LE or BE).
fn looks_utf16(bytes: &[u8]) -> bool {
    let pairs = bytes.chunks_exact(2).take(64);
    let total = pairs.len();
    let zero_one = bytes
        .chunks_exact(2)
        .take(64)
        .filter(|p| (p[0] == 0) != (p[1] == 0))
        .count();
    total >= 2 && zero_one * 2 >= total
}

/// Adds what the header looks like (see [`sniff`]) to a missing-column error.
pub(crate) fn with_hint<T>(result: Result<T>, hint: Option<String>) -> Result<T> {
    match (result, hint) {
        (
            Err(Error::MissingColumn {
                format,
                column,
                detail,
            }),
            Some(hint),
        ) => Err(Error::MissingColumn {
            format,
            column,
            detail: if detail.is_empty() {
                hint
            } else {
                format!("{hint}; {detail}")
            },
        }),
        (result, _) => result,
    }
}

/// Reads the header of a CSV stream (a header may be longer than the rows: up to
/// [`csv::MAX_HEADER`]) with the delimiter given or sniffed from the first line (the stream's
/// dialect is set for the rows that follow), and what the header looks like when it cannot be
/// read with that delimiter (see [`sniff`]).
pub(crate) fn read_header_with<R: Read>(
    csv: &mut CsvReader<R>,
    format: &'static str,
    limit: usize,
    delimiting: Delimiting,
) -> Result<(Header, Option<String>)> {
    csv.set_limit(limit.max(csv::MAX_HEADER));
    let delimiter = match delimiting {
        Delimiting::Fixed(d) => d,
        Delimiting::Sniff => {
            // The first line that is not blank (the header reader passes over blank ones), in
            // what the first read brought.
            let head = csv.peek_first_line(64 << 10)?;
            let line = head
                .split(|&c| c == b'\n')
                .find(|l| !l.trim_ascii().is_empty())
                .unwrap_or_default();
            Delimiter::sniff(line).unwrap_or(Delimiter::Comma)
        }
    };
    csv.set_dialect(delimiter.dialect());
    let header = loop {
        match csv.next_record()? {
            None => {
                return Err(Error::MissingColumn {
                    format,
                    column: "(header)".into(),
                    detail: "the file is empty".into(),
                })
            }
            Some(Next::Record(record)) if record.is_blank() => continue,
            Some(Next::Record(record)) => {
                break (Header::from_record(&record), sniff(record.bytes, delimiter));
            }
            Some(Next::Skipped) => continue,
            Some(Next::Malformed { line, reason, .. }) => {
                return Err(Error::BadRow {
                    line,
                    column: "(header)".into(),
                    value: String::new(),
                    reason: format!("malformed CSV: {reason}"),
                })
            }
            Some(Next::TooLong { line, start }) => {
                let hint = sniff(start, delimiter).or_else(|| sniff(csv.buffered(), delimiter));
                return Err(Error::BadRow {
                    line,
                    column: "(header)".into(),
                    value: String::new(),
                    reason: format!(
                        "a header longer than {} MiB{}",
                        csv::MAX_HEADER >> 20,
                        hint.map(|h| format!(": {h}")).unwrap_or_default()
                    ),
                });
            }
        }
    };
    csv.set_limit(limit);
    Ok(header)
}

/// A streaming reader: an iterator of `Result<Item>`. In strict mode the first bad row is an
/// `Err` and the iteration ends; in lenient mode bad rows are left out and listed in
/// [`Rows::report`].
pub(crate) struct Rows<R, P: RowParser> {
    csv: CsvReader<R>,
    header: Header,
    names: Names,
    parser: P,
    cache: P::Cache,
    mode: Mode,
    limit: usize,
    report: ReadReport,
    done: bool,
}

impl<R: Read, P: RowParser> Rows<R, P> {
    pub(crate) fn new(
        csv: CsvReader<R>,
        header: Header,
        parser: P,
        mode: Mode,
        limits: Limits,
    ) -> Self {
        Rows {
            csv,
            names: names_of(&header),
            header,
            parser,
            cache: P::Cache::default(),
            mode,
            limit: limits.max_row_bytes(),
            report: ReadReport::with_limits(limits),
            done: false,
        }
    }

    pub(crate) fn report(&self) -> &ReadReport {
        &self.report
    }

    pub(crate) fn into_report(self) -> ReadReport {
        self.report
    }
}

impl<R: Read, P: RowParser> Iterator for Rows<R, P> {
    type Item = Result<P::Item>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let next = match self.csv.next_gated(gate_with(&self.parser, &self.names)) {
                Ok(Some(next)) => next,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            let (line, outcome) = match next {
                Next::Skipped => {
                    self.report.skip();
                    continue;
                }
                Next::Record(record) if record.is_blank() => continue,
                Next::Record(record) if is_header_again(&self.names, &record) => {
                    self.done = true;
                    return Some(Err(header_again(record.line)));
                }
                Next::Record(record) => (
                    record.line,
                    parse_row(&self.parser, &self.header, &mut self.cache, &record)
                        .map_err(|r| (r, key_of(&self.parser, &self.header, &record))),
                ),
                Next::Malformed {
                    line,
                    field,
                    reason,
                    record,
                } => (
                    line,
                    Err(malformed(
                        &self.parser,
                        &self.header,
                        &record,
                        field,
                        reason,
                    )),
                ),
                Next::TooLong { line, start } => (
                    line,
                    Err((
                        too_long_rejection(start, self.limit),
                        RejectedKey::unreadable(line),
                    )),
                ),
            };
            match settle(outcome, line, self.mode, &self.parser, &mut self.report) {
                Ok(Some(item)) => return Some(Ok(item)),
                Ok(None) => {}
                Err(rejection) => {
                    self.done = true;
                    return Some(Err(rejection.into()));
                }
            }
        }
        None
    }
}

/// What a worker (or, for an over-long row at a block's start, the reading thread) found in one
/// block. Lines are relative to the block's first line.
struct ChunkResult {
    index: usize,
    newlines: u64,
    report: ReadReport,
    error: Option<Rejection>,
    /// The block is not the file's last, yet a quote in it is still open at its end: the block
    /// was cut inside a quoted field (see `last_record_end`).
    bad_cut: Option<u64>,
    /// The line where the header comes again (see [`is_header_again`]).
    header_again: Option<u64>,
}

/// The results of the blocks merged in file order as they arrive, so that only a few wait at a
/// time; the bounds of what the report keeps are published for the workers (a block need not
/// keep more rejections or keys than the report still has room for).
struct Merger<'s> {
    next: usize,
    pending: BTreeMap<usize, ChunkResult>,
    report: ReadReport,
    base: u64,
    outcome: Option<Error>,
    room: &'s Room,
}

/// Room left in the report: rejections and keys.
struct Room {
    rejections: AtomicUsize,
    keys: AtomicUsize,
}

impl Merger<'_> {
    fn push(&mut self, result: ChunkResult) {
        self.pending.insert(result.index, result);
        while let Some(result) = self.pending.remove(&self.next) {
            self.next += 1;
            if self.outcome.is_some() {
                continue;
            }
            if let Some(line) = result.bad_cut {
                self.outcome = Some(Error::BadRow {
                    line: self.base + line,
                    column: "(record)".into(),
                    value: String::new(),
                    reason: "a quoted field runs across a block boundary of the parallel \
                             reader: a quote is never closed, or a quote inside an unquoted \
                             field earlier in the file misled the cut; the streaming reader \
                             (`records` or `open`) reads such a file record by record"
                        .into(),
                });
                continue;
            }
            if let Some(line) = result.header_again {
                self.outcome = Some(header_again(self.base + line));
                continue;
            }
            if let Some(mut error) = result.error {
                error.line += self.base;
                self.outcome = Some(error.into());
                continue;
            }
            let mut part = result.report;
            part.shift_lines(self.base);
            self.report.append(part);
            self.base += result.newlines;
            let limits = self.report.limits();
            self.room.rejections.store(
                limits
                    .max_rejections()
                    .saturating_sub(self.report.rejections().len()),
                Ordering::Relaxed,
            );
            self.room.keys.store(
                limits
                    .max_rejected_keys()
                    .saturating_sub(self.report.rejected_keys().len()),
                Ordering::Relaxed,
            );
        }
    }
}

/// A block for a worker: its index, the buffer, the length of the block in it, and whether it
/// is the file's last.
type Work = (usize, Vec<u8>, usize, bool);

/// Reads a CSV stream with `threads` parsing threads: the calling thread reads blocks and cuts
/// them after a record's end; each worker parses whole blocks and folds the items into its own
/// accumulator. Returns the accumulators (one per worker, each fed the items of some blocks, in
/// no particular order) and the report, with the lines of the file.
///
/// The result is the streaming reader's, or an error: blocks are cut by quote parity (exact for
/// RFC 4180 files), and a worker that finds a quote still open at the end of a block that is
/// not the file's last says the cut was wrong; the fold then refuses the file (a quote inside an
/// unquoted field can mislead the parity). Every other cut falls where the streaming reader's
/// record ends: each block is split by the streaming reader's own rules from a record's start.
/// A panic in `init` or `fold` is re-raised on the calling thread once the workers have stopped.
// Comma-only readers (the dyadic tables' fold) use this form.
#[allow(clippy::too_many_arguments, dead_code)]
pub(crate) fn parallel_fold<R, P, A, I, F>(
    input: R,
    format: &'static str,
    threads: usize,
    mode: Mode,
    limits: Limits,
    make_parser: impl FnOnce(&Header) -> Result<P>,
    init: I,
    fold: F,
) -> Result<(Vec<A>, ReadReport)>
where
    R: Read,
    P: RowParser,
    A: Send,
    I: Fn() -> A + Sync,
    F: Fn(&mut A, P::Item) + Sync,
{
    parallel_fold_with(
        input,
        format,
        threads,
        mode,
        limits,
        Delimiting::Fixed(Delimiter::Comma),
        make_parser,
        init,
        fold,
    )
}

/// [`parallel_fold`] with the delimiter given or sniffed (see [`read_header_with`]). Where the
/// dialect does not quote (tab-separated), every line feed ends a record and blocks are cut at
/// the last one, without quote parity.
#[allow(clippy::too_many_arguments)]
pub(crate) fn parallel_fold_with<R, P, A, I, F>(
    input: R,
    format: &'static str,
    threads: usize,
    mode: Mode,
    limits: Limits,
    delimiting: Delimiting,
    make_parser: impl FnOnce(&Header) -> Result<P>,
    init: I,
    fold: F,
) -> Result<(Vec<A>, ReadReport)>
where
    R: Read,
    P: RowParser,
    A: Send,
    I: Fn() -> A + Sync,
    F: Fn(&mut A, P::Item) + Sync,
{
    let threads = threads.clamp(1, 64);
    let limit = limits.max_row_bytes();
    let block = limits.block_bytes();
    let mut csv = CsvReader::new(input, limit);
    let (header, hint) = read_header_with(&mut csv, format, limit, delimiting)?;
    let parser = with_hint(make_parser(&header), hint)?;
    let names = names_of(&header);
    let dialect = csv.dialect();
    let (mut input, first, first_line, mut eof) = csv.into_parts();

    let stop = AtomicBool::new(false);
    let panic: Mutex<Option<Box<dyn Any + Send>>> = Mutex::new(None);
    let room = Room {
        rejections: AtomicUsize::new(limits.max_rejections()),
        keys: AtomicUsize::new(limits.max_rejected_keys()),
    };
    let (work_tx, work_rx) = mpsc::sync_channel::<Work>(threads);
    let work_rx = Mutex::new(work_rx);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let (done_tx, done_rx) = mpsc::channel::<ChunkResult>();
    let mut merger = Merger {
        next: 0,
        pending: BTreeMap::new(),
        report: ReadReport::with_limits(limits),
        base: first_line,
        outcome: None,
        room: &room,
    };

    let (accumulators, read_error) = std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(threads);
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let free_tx = free_tx.clone();
            let (work_rx, parser, header, names, stop, init, fold, panic, room) = (
                &work_rx, &parser, &header, &names, &stop, &init, &fold, &panic, &room,
            );
            handles.push(scope.spawn(move || {
                // A panic in the caller's `init` or `fold` poisons this worker: it stops folding,
                // keeps the payload for the calling thread, and goes on returning buffers and
                // results (empty) so that nothing waits for it.
                let caught = |payload: Box<dyn Any + Send>| {
                    stop.store(true, Ordering::Relaxed);
                    if let Ok(mut slot) = panic.lock() {
                        slot.get_or_insert(payload);
                    }
                };
                let mut acc = match catch_unwind(AssertUnwindSafe(init)) {
                    Ok(acc) => Some(acc),
                    Err(payload) => {
                        caught(payload);
                        None
                    }
                };
                let mut cache = P::Cache::default();
                let mut fields = Fields::new();
                loop {
                    let message = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok((index, mut buf, len, last)) = message else {
                        break;
                    };
                    let bounds = limits
                        .with_max_rejections(room.rejections.load(Ordering::Relaxed))
                        .with_max_rejected_keys(room.keys.load(Ordering::Relaxed));
                    let mut result = ChunkResult {
                        index,
                        newlines: 0,
                        report: ReadReport::with_limits(bounds),
                        error: None,
                        bad_cut: None,
                        header_again: None,
                    };
                    if let Some(a) = acc.as_mut() {
                        let parsed = catch_unwind(AssertUnwindSafe(|| {
                            parse_chunk(
                                &mut buf[..len],
                                last,
                                dialect,
                                parser,
                                header,
                                names,
                                mode,
                                limit,
                                &mut cache,
                                &mut fields,
                                &mut result,
                                a,
                                fold,
                            )
                        }));
                        if let Err(payload) = parsed {
                            caught(payload);
                            acc = None;
                        }
                    }
                    if result.error.is_some()
                        || result.bad_cut.is_some()
                        || result.header_again.is_some()
                    {
                        stop.store(true, Ordering::Relaxed);
                    }
                    let _ = done_tx.send(result);
                    let _ = free_tx.send(buf);
                }
                acc
            }));
        }
        drop(done_tx);
        drop(free_tx);

        // The producer: this thread. It also merges the results as they come, and waits for
        // them when more than `window` blocks are ahead of the merged ones.
        let window = 2 * threads + 4;
        let produce = || -> Result<()> {
            let mut index = 0usize;
            let mut buffers = 1usize;
            let mut buf = first;
            let mut len = buf.len();
            if buf.len() < block {
                buf.resize(block, 0);
            }
            loop {
                while let Ok(result) = done_rx.try_recv() {
                    merger.push(result);
                }
                if stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
                if !eof && len < buf.len() {
                    len = fill(&mut input, &mut buf, len)?;
                    eof = len < buf.len();
                }
                if eof && len == 0 {
                    return Ok(());
                }
                let cut = if eof {
                    Some(len)
                } else {
                    last_record_end(&buf[..len], dialect)
                        .or_else(|| exact_record_end(&buf[..len], dialect))
                };
                let cut = match cut {
                    Some(cut) => cut,
                    None if len > limit => {
                        // No record ends within the longest row: an over-long row, passed over
                        // here (in lenient mode); the rest of the input starts at its end.
                        let rejection =
                            too_long_rejection(csv::too_long_start(&buf[..len], limit), limit);
                        let mut result = ChunkResult {
                            index,
                            newlines: 0,
                            report: ReadReport::with_limits(limits),
                            error: None,
                            bad_cut: None,
                            header_again: None,
                        };
                        index += 1;
                        if mode == Mode::Strict {
                            result.error = Some(rejection);
                            merger.push(result);
                            stop.store(true, Ordering::Relaxed);
                            return Ok(());
                        }
                        result.report.reject(rejection);
                        result.report.reject_key(RejectedKey::unreadable(0));
                        result.newlines =
                            skip_row(&mut input, &mut buf, &mut len, &mut eof, block, dialect)?;
                        merger.push(result);
                        continue;
                    }
                    None => {
                        // No record ends in this block yet: make it larger.
                        let grown = (buf.len() * 2).min(limit.saturating_add(1)).max(len + 1);
                        buf.resize(grown, 0);
                        continue;
                    }
                };
                // The next buffer: a returned one, a new one while fewer than threads + 2 exist.
                let mut next = match free_rx.try_recv() {
                    Ok(b) => b,
                    Err(_) if buffers < threads + 2 => {
                        buffers += 1;
                        vec![0u8; block]
                    }
                    Err(_) => match free_rx.recv() {
                        Ok(b) => b,
                        Err(_) => return Ok(()),
                    },
                };
                if next.len() > 2 * block {
                    // A buffer grown for a long record goes back to the usual size.
                    next = vec![0u8; block];
                }
                let carry = len - cut;
                if next.len() < carry + block / 2 {
                    next.resize(carry + block, 0);
                }
                next[..carry].copy_from_slice(&buf[cut..len]);
                let last = eof && cut == len;
                if cut > 0 {
                    if work_tx.send((index, buf, cut, last)).is_err() {
                        return Ok(());
                    }
                    index += 1;
                }
                buf = next;
                len = carry;
                while index >= merger.next + window && !stop.load(Ordering::Relaxed) {
                    match done_rx.recv() {
                        Ok(result) => merger.push(result),
                        Err(_) => break,
                    }
                }
            }
        };
        let read_error = produce().err();
        drop(work_tx);
        let mut accumulators = Vec::with_capacity(threads);
        for handle in handles {
            match handle.join() {
                Ok(Some(acc)) => accumulators.push(acc),
                Ok(None) => {}
                Err(payload) => {
                    if let Ok(mut slot) = panic.lock() {
                        slot.get_or_insert(payload);
                    }
                }
            }
        }
        (accumulators, read_error)
    });
    if let Some(payload) = panic.into_inner().ok().flatten() {
        std::panic::resume_unwind(payload);
    }
    if let Some(e) = read_error {
        return Err(e);
    }
    for result in done_rx {
        merger.push(result);
    }
    if let Some(e) = merger.outcome {
        return Err(e);
    }
    Ok((accumulators, merger.report))
}
/// Parses one block of whole records into `result` (lines relative: 0 is the block's first),
/// folding the items into `acc`. Each record is split by the streaming reader's rules from a
/// record's start, and judged over-long by the same rule ([`csv::too_long`]).
#[allow(clippy::too_many_arguments)]
fn parse_chunk<P: RowParser, A>(
    buf: &mut [u8],
    last: bool,
    dialect: Dialect,
    parser: &P,
    header: &Header,
    names: &Names,
    mode: Mode,
    limit: usize,
    cache: &mut P::Cache,
    fields: &mut Fields,
    result: &mut ChunkResult,
    acc: &mut A,
    fold: &(impl Fn(&mut A, P::Item) + Sync),
) {
    let mut pos = 0usize;
    let gate = gate_with(parser, names);
    while pos < buf.len() {
        let line = result.newlines;
        let available = buf.len() - pos;
        let split = csv::scan(&buf[pos..], true, fields, gate, dialect);
        let never_closed = matches!(
            split,
            Split::Malformed {
                reason: csv::NEVER_CLOSED,
                ..
            }
        );
        if never_closed && !last {
            // The quote may close in the next block: this block was cut inside a quoted field.
            result.bad_cut = Some(line);
            return;
        }
        let outcome = if too_long(&split, available, limit) {
            let rejection = too_long_rejection(csv::too_long_start(&buf[pos..], limit), limit);
            let (consumed, newlines) = match split {
                Split::Record { consumed, newlines }
                | Split::Skipped { consumed, newlines }
                | Split::Malformed {
                    consumed, newlines, ..
                } if !never_closed => (consumed, u64::from(newlines)),
                // A quote never closed swallows the rest of the input.
                _ => (available, u64::from(csv::count_newlines(&buf[pos..]))),
            };
            pos += consumed;
            result.newlines += newlines;
            Err((rejection, RejectedKey::unreadable(line)))
        } else {
            match split {
                Split::Skipped { consumed, newlines } => {
                    pos += consumed;
                    result.newlines += u64::from(newlines);
                    result.report.skip();
                    continue;
                }
                Split::Record { consumed, newlines } => {
                    let bytes = &mut buf[pos..pos + consumed];
                    csv::unescape(bytes, fields);
                    let record = Record {
                        bytes,
                        fields: &fields.ranges,
                        line,
                    };
                    pos += consumed;
                    result.newlines += u64::from(newlines);
                    if record.is_blank() {
                        continue;
                    }
                    if is_header_again(names, &record) {
                        result.header_again = Some(line);
                        return;
                    }
                    parse_row(parser, header, cache, &record)
                        .map_err(|r| (r, key_of(parser, header, &record)))
                }
                Split::Malformed {
                    consumed,
                    newlines,
                    field,
                    reason,
                } => {
                    let record = Record {
                        bytes: &buf[pos..pos + consumed],
                        fields: &fields.ranges,
                        line,
                    };
                    let outcome = Err(malformed(parser, header, &record, field, reason));
                    pos += consumed;
                    result.newlines += u64::from(newlines);
                    outcome
                }
                Split::NeedMore => break, // cannot happen at the end of the input
            }
        };
        match settle(outcome, line, mode, parser, &mut result.report) {
            Ok(Some(item)) => fold(acc, item),
            Ok(None) => {}
            Err(rejection) => {
                result.error = Some(rejection);
                return;
            }
        }
    }
}

/// Passes over the over-long row at the start of `buf[..len]`, reading on from `input` (into a
/// buffer of the usual size) until its end; leaves the bytes after it at the start of `buf`.
/// Returns the line feeds the row spans.
fn skip_row<R: Read>(
    input: &mut R,
    buf: &mut Vec<u8>,
    len: &mut usize,
    eof: &mut bool,
    block: usize,
    dialect: Dialect,
) -> Result<u64> {
    let mut state = RowEnd::FieldStart;
    let mut newlines = 0u64;
    loop {
        match state.feed(&buf[..*len], &mut newlines, dialect) {
            Some(end) => {
                buf.copy_within(end..*len, 0);
                *len -= end;
                return Ok(newlines);
            }
            None if *eof => {
                *len = 0;
                return Ok(newlines);
            }
            None => {
                if buf.len() > 2 * block {
                    *buf = vec![0u8; block];
                }
                *len = fill(input, buf, 0)?;
                *eof = *len < buf.len();
            }
        }
    }
}

/// Reads into `buf[from..]` until it is full or the input ends; returns the filled length.
fn fill<R: Read>(input: &mut R, buf: &mut [u8], mut from: usize) -> Result<usize> {
    while from < buf.len() {
        match input.read(&mut buf[from..]) {
            Ok(0) => break,
            Ok(k) => from += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(from)
}

/// The end (just after the line break) of the last record in `block`, which starts at a record
/// boundary: the last line feed with an even number of quotes before it. `None` if there is none.
/// A guess, exact for RFC 4180 files; a worker finds a wrong one (see `parse_chunk`). Where the
/// dialect does not quote, the last line feed, exactly.
fn last_record_end(block: &[u8], dialect: Dialect) -> Option<usize> {
    if !dialect.quoting {
        return block.iter().rposition(|&c| c == b'\n').map(|i| i + 1);
    }
    let quotes = csv::count_byte(block, b'"');
    let mut after = 0usize; // quotes after the position being looked at
    for (i, &c) in block.iter().enumerate().rev() {
        match c {
            b'"' => after += 1,
            b'\n' if (quotes - after) % 2 == 0 => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The end of the last record that ends in `block` (more input follows it), found by splitting
/// every record with the tokenizer: for a block where quote parity finds no cut. `None` when the
/// first record does not end in the block.
fn exact_record_end(block: &[u8], dialect: Dialect) -> Option<usize> {
    let mut fields = Fields::new();
    let mut pos = 0usize;
    while let Split::Record { consumed, .. }
    | Split::Skipped { consumed, .. }
    | Split::Malformed { consumed, .. } =
        csv::scan(&block[pos..], false, &mut fields, None, dialect)
    {
        pos += consumed;
    }
    (pos > 0).then_some(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_skip_line_breaks_inside_quotes() {
        let csv = Dialect::CSV;
        assert_eq!(last_record_end(b"a,b\nc,\"d\ne", csv), Some(4));
        assert_eq!(last_record_end(b"a,\"b\nc\"\nd", csv), Some(8));
        assert_eq!(last_record_end(b"abc", csv), None);
    }

    #[test]
    fn without_quoting_every_line_feed_ends_a_record() {
        // Tab-separated: the quotes are literal, so the cut is the last line feed whatever their
        // parity (with quote parity, the odd quote of `12" pipes` would move the cut to 4).
        let tsv = Delimiter::Tab.dialect();
        assert_eq!(last_record_end(b"a\tb\nc\t12\" pipes\nd", tsv), Some(16));
        assert_eq!(
            last_record_end(b"a\tb\nc\t12\" pipes\nd", Dialect::CSV),
            Some(4)
        );
        assert_eq!(last_record_end(b"abc", tsv), None);
    }

    #[test]
    fn the_sniff_names_the_delimiter_the_header_uses() {
        let table: [(&[u8], Option<Delimiter>); 6] = [
            (b"typeCode\tfreqCode\tperiod", Some(Delimiter::Tab)),
            (b"a,b,c", Some(Delimiter::Comma)),
            (b"a;b;c", Some(Delimiter::Semicolon)),
            (b"a|b|c", Some(Delimiter::Pipe)),
            // The most frequent wins: a tab-separated header whose names hold a comma.
            (b"Trade Value (US$, thousands)\tb\tc", Some(Delimiter::Tab)),
            (b"single", None),
        ];
        for (line, expected) in table {
            assert_eq!(Delimiter::sniff(line), expected, "{:?}", line);
        }
        assert_eq!(
            sniff(b"a\tb\tc\n", Delimiter::Comma).as_deref(),
            Some("the file is tab-separated: this reader reads comma-separated values")
        );
        assert_eq!(sniff(b"a\tb\tc\n", Delimiter::Tab), None);
        assert_eq!(
            sniff(b"a,b\n", Delimiter::Tab).as_deref(),
            Some("the file is comma-separated: this reader reads tab-separated values")
        );
    }
}
