//! The engine every CSV reader shares: a header, a row parser, strict or lenient accounting, and
//! two ways to run it: a streaming iterator, and a parallel fold over blocks of the input split at
//! record boundaries (one thread reads, the others parse).

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};

use super::csv::{self, split_record, CsvReader, Fields, Gate, Next, Record, Split};
use super::report::{Mode, ReadReport, Rejection};
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

/// What a row parser makes of one row.
pub(crate) enum Outcome<T> {
    Accept(T),
    Skip,
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
}

/// Checks the field count, then parses.
fn parse_row<P: RowParser>(
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

fn malformed(header: &Header, record: &Record<'_>, field: usize, reason: &str) -> Rejection {
    reject(
        header.name(field),
        record.get(field).unwrap_or_default(),
        format!("malformed CSV: {reason}"),
    )
}

/// Reads the header of a CSV stream.
pub(crate) fn read_header<R: Read>(csv: &mut CsvReader<R>, format: &'static str) -> Result<Header> {
    loop {
        match csv.next_record()? {
            None => {
                return Err(Error::MissingColumn {
                    format,
                    column: "(header)".into(),
                    detail: "the file is empty".into(),
                })
            }
            Some(Next::Record(record)) if record.is_blank() => continue,
            Some(Next::Record(record)) => return Ok(Header::from_record(&record)),
            Some(Next::Skipped) => continue,
            Some(Next::Malformed { line, reason, .. }) => {
                return Err(Error::BadRow {
                    line,
                    column: "(header)".into(),
                    value: String::new(),
                    reason: format!("malformed CSV: {reason}"),
                })
            }
        }
    }
}

/// A streaming reader: an iterator of `Result<Item>`. In strict mode the first bad row is an
/// `Err` and the iteration ends; in lenient mode bad rows are left out and listed in
/// [`Rows::report`].
pub(crate) struct Rows<R, P: RowParser> {
    csv: CsvReader<R>,
    header: Header,
    parser: P,
    cache: P::Cache,
    mode: Mode,
    report: ReadReport,
    done: bool,
}

impl<R: Read, P: RowParser> Rows<R, P> {
    pub(crate) fn new(csv: CsvReader<R>, header: Header, parser: P, mode: Mode) -> Self {
        Rows {
            csv,
            header,
            parser,
            cache: P::Cache::default(),
            mode,
            report: ReadReport::default(),
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
            let next = match self.csv.next_gated(self.parser.gate()) {
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
                Next::Record(record) => (
                    record.line,
                    parse_row(&self.parser, &self.header, &mut self.cache, &record),
                ),
                Next::Malformed {
                    line,
                    field,
                    reason,
                    record,
                } => (line, Err(malformed(&self.header, &record, field, reason))),
            };
            match outcome {
                Ok(Outcome::Accept(item)) => {
                    self.report.accept();
                    return Some(Ok(item));
                }
                Ok(Outcome::Skip) => self.report.skip(),
                Err(mut rejection) => {
                    rejection.line = line;
                    match self.mode {
                        Mode::Strict => {
                            self.done = true;
                            return Some(Err(rejection.into()));
                        }
                        Mode::Lenient => self.report.reject(rejection),
                    }
                }
            }
        }
        None
    }
}

/// The size of the blocks the parallel reader hands to its workers.
const BLOCK: usize = 4 << 20;

/// The largest block: a record longer than this is cut (and reported as malformed).
const MAX_BLOCK: usize = 64 << 20;

/// What a worker found in one block.
struct ChunkResult {
    index: usize,
    newlines: u64,
    report: ReadReport,
    error: Option<Rejection>,
    /// The block is not the file's last, yet its last record has a quote still open at the
    /// block's end (relative line): the cut was inside a quoted field (see `last_record_end`).
    bad_cut: Option<u64>,
}

/// Reads a CSV stream with `threads` parsing threads: the calling thread reads blocks and cuts
/// them at the last line break outside quotes; each worker parses whole blocks and folds the
/// items into its own accumulator. Returns the accumulators (one per worker, each fed the items of
/// some blocks, in no particular order) and the report, with the lines of the file.
pub(crate) fn parallel_fold<R, P, A, I, F>(
    mut input: R,
    format: &'static str,
    threads: usize,
    mode: Mode,
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
    // The header, from the first block.
    let mut first = vec![0u8; BLOCK];
    let mut len = fill(&mut input, &mut first, 0)?;
    let mut eof = len < first.len();
    let mut skip = if first[..len].starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut fields = Fields::new();
    let mut header_lines = 0u64;
    let header = loop {
        let split = split_record(&mut first[skip..len], eof, &mut fields, None);
        match split {
            Split::NeedMore => {
                if first.len() >= 64 << 20 {
                    return Err(Error::BadRow {
                        line: 1,
                        column: "(header)".into(),
                        value: String::new(),
                        reason: "a header longer than 64 MiB".into(),
                    });
                }
                first.resize(first.len() * 2, 0);
                len = fill(&mut input, &mut first, len)?;
                eof = len < first.len();
            }
            Split::Record { consumed, newlines } => {
                header_lines += u64::from(newlines);
                let record = Record {
                    bytes: &first[skip..skip + consumed],
                    fields: &fields.ranges,
                    line: 1 + header_lines,
                };
                skip += consumed;
                if record.is_blank() && skip < len {
                    continue;
                }
                if record.is_blank() {
                    return Err(Error::MissingColumn {
                        format,
                        column: "(header)".into(),
                        detail: "the file is empty".into(),
                    });
                }
                break Header::from_record(&record);
            }
            Split::Skipped { .. } | Split::Malformed { .. } => {
                let reason = match split {
                    Split::Malformed { reason, .. } => reason,
                    _ => "cannot split the header",
                };
                return Err(Error::BadRow {
                    line: 1 + header_lines,
                    column: "(header)".into(),
                    value: String::new(),
                    reason: format!("malformed CSV: {reason}"),
                });
            }
        }
    };
    let parser = make_parser(&header)?;
    let first_line = 1 + header_lines;

    let stop = AtomicBool::new(false);
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<u8>, usize, bool)>(threads);
    let work_rx = Mutex::new(work_rx);
    let (free_tx, free_rx) = mpsc::channel::<Vec<u8>>();
    let (done_tx, done_rx) = mpsc::channel::<ChunkResult>();

    let (accumulators, read_error) = std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(threads);
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let free_tx = free_tx.clone();
            let (work_rx, parser, header, stop, init, fold) =
                (&work_rx, &parser, &header, &stop, &init, &fold);
            handles.push(scope.spawn(move || {
                let mut acc = init();
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
                    let result = parse_chunk(
                        &mut buf[..len],
                        index,
                        last,
                        parser,
                        header,
                        mode,
                        &mut cache,
                        &mut fields,
                        &mut acc,
                        fold,
                    );
                    if result.error.is_some() {
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

        // The producer: this thread.
        let produce = || -> Result<()> {
            let mut index = 0usize;
            let mut buffers = 1usize;
            // The rest of the first block is the start of the first chunk.
            let mut buf = first;
            buf.copy_within(skip..len, 0);
            let mut len = len - skip;
            loop {
                if !eof && len < buf.len() {
                    len = fill(&mut input, &mut buf, len)?;
                    eof = len < buf.len();
                }
                let cut = if eof {
                    Some(len)
                } else {
                    last_record_end(&buf[..len])
                };
                let cut = match cut {
                    Some(cut) => cut,
                    // A record longer than 64 MiB (an unclosed quote?): hand the block over as it
                    // is; its worker reports the malformed record instead of memory running out.
                    None if buf.len() >= MAX_BLOCK => len,
                    None => {
                        // No record ends in this block: make it larger.
                        let grown = (buf.len() * 2).min(MAX_BLOCK);
                        buf.resize(grown, 0);
                        continue;
                    }
                };
                // The next buffer: a returned one, a new one while fewer than threads + 2 exist.
                let mut next = match free_rx.try_recv() {
                    Ok(b) => b,
                    Err(_) if buffers < threads + 2 => {
                        buffers += 1;
                        vec![0u8; BLOCK]
                    }
                    Err(_) => match free_rx.recv() {
                        Ok(b) => b,
                        Err(_) => return Ok(()),
                    },
                };
                let carry = len - cut;
                if next.len() < carry + BLOCK / 2 {
                    next.resize(carry + BLOCK, 0);
                }
                next[..carry].copy_from_slice(&buf[cut..len]);
                let last = eof && cut == len;
                if cut > 0 && work_tx.send((index, buf, cut, last)).is_err() {
                    return Ok(());
                }
                if cut > 0 {
                    index += 1;
                }
                buf = next;
                len = carry;
                if (eof && len == 0) || stop.load(Ordering::Relaxed) {
                    return Ok(());
                }
            }
        };
        let read_error = produce().err();
        drop(work_tx);
        let accumulators: Vec<A> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (accumulators, read_error)
    });
    if let Some(e) = read_error {
        return Err(e);
    }
    let mut results: Vec<ChunkResult> = done_rx.into_iter().collect();
    results.sort_by_key(|r| r.index);
    let mut report = ReadReport::default();
    let mut base = first_line;
    for (expected, result) in results.into_iter().enumerate() {
        if result.index != expected {
            break; // after a strict-mode stop, later blocks may be missing: they are not reported
        }
        if let Some(line) = result.bad_cut {
            return Err(Error::BadRow {
                line: base + line,
                column: "(record)".into(),
                value: String::new(),
                reason: "a quoted field runs across a block boundary of the parallel reader: a \
                     quote is never closed, or a quote inside an unquoted field earlier in the \
                     block misled the cut; the streaming reader reads such a file record by record"
                    .into(),
            });
        }
        if let Some(mut error) = result.error {
            error.line += base;
            return Err(error.into());
        }
        let mut part = result.report;
        part.shift_lines(base);
        report.append(part);
        base += result.newlines;
    }
    Ok((accumulators, report))
}

/// Parses one block of whole records. Lines in the result are relative (0 = the block's first).
#[allow(clippy::too_many_arguments)]
fn parse_chunk<P: RowParser, A>(
    buf: &mut [u8],
    index: usize,
    last: bool,
    parser: &P,
    header: &Header,
    mode: Mode,
    cache: &mut P::Cache,
    fields: &mut Fields,
    acc: &mut A,
    fold: &(impl Fn(&mut A, P::Item) + Sync),
) -> ChunkResult {
    let mut report = ReadReport::default();
    let mut newlines = 0u64;
    let mut pos = 0usize;
    let mut error = None;
    let mut bad_cut = None;
    let gate = parser.gate();
    while pos < buf.len() {
        let line = newlines;
        let split = split_record(&mut buf[pos..], true, fields, gate);
        let outcome = match split {
            Split::Skipped {
                consumed,
                newlines: n,
            } => {
                pos += consumed;
                newlines += u64::from(n);
                report.skip();
                continue;
            }
            Split::Record {
                consumed,
                newlines: n,
            } => {
                let record = Record {
                    bytes: &buf[pos..pos + consumed],
                    fields: &fields.ranges,
                    line,
                };
                pos += consumed;
                newlines += u64::from(n);
                if record.is_blank() {
                    continue;
                }
                parse_row(parser, header, cache, &record)
            }
            Split::Malformed {
                consumed,
                newlines: n,
                field,
                reason,
            } => {
                let record = Record {
                    bytes: &buf[pos..pos + consumed],
                    fields: &fields.ranges,
                    line,
                };
                let rejection = malformed(header, &record, field, reason);
                if !last && reason == csv::NEVER_CLOSED && pos + consumed == buf.len() {
                    bad_cut = Some(line);
                }
                pos += consumed;
                newlines += u64::from(n);
                Err(rejection)
            }
            Split::NeedMore => break, // cannot happen with at_eof
        };
        match outcome {
            Ok(Outcome::Accept(item)) => {
                report.accept();
                fold(acc, item);
            }
            Ok(Outcome::Skip) => report.skip(),
            Err(mut rejection) => {
                rejection.line = line;
                match mode {
                    Mode::Strict => {
                        error = Some(rejection);
                        break;
                    }
                    Mode::Lenient => report.reject(rejection),
                }
            }
        }
    }
    ChunkResult {
        index,
        newlines,
        report,
        error,
        bad_cut,
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
fn last_record_end(block: &[u8]) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ends_skip_line_breaks_inside_quotes() {
        assert_eq!(last_record_end(b"a,b\nc,\"d\ne"), Some(4));
        assert_eq!(last_record_end(b"a,\"b\nc\"\nd"), Some(8));
        assert_eq!(last_record_end(b"abc"), None);
    }
}
