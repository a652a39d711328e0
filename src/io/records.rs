//! The streaming iterator every CSV reader returns.

use std::io::Read;

use super::csv::{CsvReader, Gate, Record};
use super::limits::Limits;
use super::report::{Mode, ReadReport, RejectedKey, Rejection};
use super::rows::{read_header_with, with_hint, Delimiting, Header, Outcome, RowParser, Rows};
use super::{comtrade, dyadic, long, sdmx, tidy};
use crate::dataset::{Builder, TradeData};
use crate::error::Result;
use crate::record::TradeRecord;

/// The parser of one of the CSV formats.
#[derive(Debug)]
pub(crate) enum AnyParser {
    Comtrade(comtrade::Parser),
    Tidy(tidy::Parser),
    Dyadic(dyadic::Parser),
    Sdmx(sdmx::Parser),
    Long(long::Parser),
}

/// The per-thread caches of all parsers.
#[derive(Debug, Default)]
pub(crate) struct AnyCache {
    comtrade: comtrade::Cache,
    dyadic: dyadic::Cache,
}

impl RowParser for AnyParser {
    type Item = TradeRecord;
    type Cache = AnyCache;

    fn parse(
        &self,
        cache: &mut AnyCache,
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        match self {
            AnyParser::Comtrade(p) => p.parse(&mut cache.comtrade, record),
            AnyParser::Tidy(p) => p.parse(&mut (), record),
            AnyParser::Dyadic(p) => p.parse(&mut cache.dyadic, record),
            AnyParser::Sdmx(p) => p.parse(&mut (), record),
            AnyParser::Long(p) => p.parse(&mut (), record),
        }
    }

    fn gate(&self) -> Option<Gate<'_>> {
        match self {
            AnyParser::Comtrade(p) => p.gate(),
            _ => None,
        }
    }

    fn key(&self, record: &Record<'_>) -> RejectedKey {
        match self {
            AnyParser::Comtrade(p) => p.key(record),
            AnyParser::Tidy(p) => p.key(record),
            AnyParser::Dyadic(p) => p.key(record),
            AnyParser::Sdmx(p) => p.key(record),
            AnyParser::Long(p) => p.key(record),
        }
    }

    fn is_fatal(&self, rejection: &Rejection) -> bool {
        match self {
            AnyParser::Sdmx(p) => p.is_fatal(rejection),
            _ => false,
        }
    }
}

impl AnyParser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`); `None` for a
    /// column that holds no period (a date there is refused).
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        match self {
            AnyParser::Comtrade(p) => p.date_form(column),
            AnyParser::Tidy(p) => p.date_form(column),
            AnyParser::Dyadic(p) => p.date_form(column),
            AnyParser::Sdmx(p) => p.date_form(column),
            AnyParser::Long(p) => p.date_form(column),
        }
    }
}

/// What reading a sheet of a workbook as one of the formats needs (feature `excel`): the
/// reader's name, mode and limits, the prefix of note lines before the header, and how the
/// parser is made from the header.
#[cfg(feature = "excel")]
pub(crate) struct Setup<'a> {
    pub(crate) format: &'static str,
    pub(crate) mode: Mode,
    pub(crate) limits: Limits,
    pub(crate) notes: Option<&'a str>,
    #[allow(clippy::type_complexity)]
    pub(crate) make: Box<dyn Fn(&Header) -> Result<AnyParser> + 'a>,
}

/// Builds a [`TradeData`] from `records` with `builder`, streaming, and gives it the rejected
/// rows of the read's report (see [`Records::into_trade_data`]).
pub(crate) fn build_trade_data<I>(
    mut records: I,
    builder: Builder<'_>,
    into_report: impl FnOnce(I) -> ReadReport,
) -> Result<(TradeData, ReadReport)>
where
    I: Iterator<Item = Result<TradeRecord>>,
{
    let mut error = None;
    let built = builder.build(std::iter::from_fn(|| match records.next()? {
        Ok(record) => Some(record),
        Err(e) => {
            error = Some(e);
            None
        }
    }));
    if let Some(e) = error {
        return Err(e);
    }
    let mut data = built?;
    let report = into_report(records);
    data.rejected_mut().add(
        report.rejected_keys().iter().copied(),
        report.rejected_keys_complete(),
    );
    Ok((data, report))
}

/// The comma-separated formats' dialect.
const COMMA: Delimiting = Delimiting::Fixed(super::Delimiter::Comma);

/// The header of a CSV stream after the note lines that precede it (an origin line such as
/// `# origin: ...`): records whose first field starts with `notes` are passed over. A note line
/// is split by the CSV rules like any other (a quote in it must close); the lines of the file
/// keep their numbers.
pub(crate) fn header_after_notes<R: Read>(
    csv: &mut CsvReader<R>,
    format: &'static str,
    limit: usize,
    delimiting: Delimiting,
    notes: Option<&str>,
) -> Result<(Header, Option<String>)> {
    loop {
        let (header, hint) = read_header_with(csv, format, limit, delimiting)?;
        let note = notes.is_some_and(|prefix| {
            !prefix.is_empty() && header.names.first().is_some_and(|n| n.starts_with(prefix))
        });
        if !note {
            return Ok((header, hint));
        }
    }
}

/// The records of a CSV file, read as they are needed: an iterator of `Result<TradeRecord>`
/// holding one block of the file in memory.
///
/// In strict mode the first bad row is an `Err` item (an [`Error::BadRow`](crate::Error::BadRow)
/// naming its line, column and value) and the iteration ends there. In lenient mode bad rows are
/// left out and listed in [`Records::report`]. An error reading the input is an `Err` item in
/// both modes.
pub struct Records<R> {
    rows: Rows<R, AnyParser>,
}

impl<R: Read> Records<R> {
    pub(crate) fn new(
        input: R,
        format: &'static str,
        mode: Mode,
        limits: Limits,
        make: impl FnOnce(&Header) -> Result<AnyParser>,
    ) -> Result<Records<R>> {
        Records::open(input, format, mode, limits, COMMA, None, make)
    }

    /// As [`Records::new`], passing over the lines before the header that start with `notes`
    /// (see [`header_after_notes`]).
    pub(crate) fn after_notes(
        input: R,
        format: &'static str,
        mode: Mode,
        limits: Limits,
        notes: Option<&str>,
        make: impl FnOnce(&Header) -> Result<AnyParser>,
    ) -> Result<Records<R>> {
        Records::open(input, format, mode, limits, COMMA, notes, make)
    }

    /// [`Records::new`] with the delimiter given or sniffed from the header.
    pub(crate) fn with_delimiting(
        input: R,
        format: &'static str,
        mode: Mode,
        limits: Limits,
        delimiting: Delimiting,
        make: impl FnOnce(&Header) -> Result<AnyParser>,
    ) -> Result<Records<R>> {
        Records::open(input, format, mode, limits, delimiting, None, make)
    }

    fn open(
        input: R,
        format: &'static str,
        mode: Mode,
        limits: Limits,
        delimiting: Delimiting,
        notes: Option<&str>,
        make: impl FnOnce(&Header) -> Result<AnyParser>,
    ) -> Result<Records<R>> {
        let mut csv = CsvReader::new(input, limits.max_row_bytes());
        let (header, hint) =
            header_after_notes(&mut csv, format, limits.max_row_bytes(), delimiting, notes)?;
        let parser = with_hint(make(&header), hint)?;
        Ok(Records {
            rows: Rows::new(csv, header, parser, mode, limits),
        })
    }

    /// The accounting so far: rows read, accepted, rejected (counted, the first ones listed, with
    /// the keys of rejected rows) and skipped. Complete once the iterator has returned `None`.
    pub fn report(&self) -> &ReadReport {
        self.rows.report()
    }

    /// The accounting, consuming the iterator.
    pub fn into_report(self) -> ReadReport {
        self.rows.into_report()
    }

    /// Reads the remaining records into a [`TradeData`] built with `builder` (for instance
    /// `TradeData::builder()`, or one that keeps domestic records or sums duplicates), streaming:
    /// the records are not gathered first. The data set is given the read's rejected rows
    /// ([`Builder::rejected`]): in lenient mode, a figure whose own row was rejected is an error
    /// naming the line, never silently a sum of its parts, unless the builder allows it
    /// ([`Builder::substitute_rejected`]).
    ///
    /// # Errors
    ///
    /// The first bad row in strict mode, an error reading the input, or what
    /// [`Builder::build`] refuses (duplicates, domestic records, mixed currencies by default).
    pub fn into_trade_data(self, builder: Builder<'_>) -> Result<(TradeData, ReadReport)> {
        build_trade_data(self, builder, Records::into_report)
    }
}

impl<R: Read> Iterator for Records<R> {
    type Item = Result<TradeRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rows.next()
    }
}

impl<R> std::fmt::Debug for Records<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Records { .. }")
    }
}
