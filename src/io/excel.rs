//! Sheets of Excel workbooks (`.xlsx`, `.xls`; feature `excel`, read with calamine) in any of the
//! crate's formats: a sheet whose first row is a Comtrade, SDMX-CSV, dyadic, tidy or long header
//! is read by that format's reader, row by row, through the same row parsers and the same strict
//! or lenient accounting as a CSV file.
//!
//! Each cell becomes the text a CSV file would hold:
//!
//! - a text cell is its text; a boolean is `true` or `false`; an empty cell is an empty field;
//! - a number is read from its shortest round-trip text (`0.1` is `0.1`, not the binary float's
//!   exact `0.1000000000000000055511151231257827...`), when that has at most 15 significant
//!   digits, as every `f64` of 15 digits or fewer is exactly the decimal that was typed; a cell
//!   of 16 or 17 digits is refused naming the cell (its decimal value is not certain: store such
//!   figures as text). A whole number stored as a float is written without `.0` and reads in
//!   whole-number columns; `1986.5` in such a column is refused as in a CSV file;
//! - a date cell becomes a period as its column expects: a year (the first of
//!   January) or a month (the first day of the month), decided by the row's frequency where the
//!   format has a frequency column (Comtrade `freqCode`, SDMX `FREQ`); a date that is not the
//!   first day of its period, a time, a duration, or a date in a column that holds no period is
//!   refused naming the cell;
//! - the error cell `#N/A` is the text `#N/A` (SDMX-CSV's missing value); other error cells
//!   (`#DIV/0!`, `#VALUE!`...) are refused.
//!
//! The line of a row ([`Rejection::line`], [`Error::BadRow`]) is its row number in the sheet;
//! a strict read's error also names the sheet and the cell (`sheet 'Data', cell E7`). Rows with
//! no value are passed over as blank lines are; rows before the header that are empty (or,
//! for a [`LongReader`] with notes, note lines) are passed over.
//!
//! ```no_run
//! # fn main() -> tradestat::Result<()> {
//! use tradestat::io::comtrade::ComtradeReader;
//! use tradestat::io::excel::Workbook;
//! let mut workbook = Workbook::open("comtrade.xlsx")?;
//! for record in workbook.records(Some("Data"), &ComtradeReader::new())? {
//!     println!("{}", record?);
//! }
//! # Ok(()) }
//! ```
//!
//! A sheet is held in memory whole (calamine reads it so); a sheet has at most 1,048,576 rows.

use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use calamine::{CellErrorType, Data, Range, Reader, Sheets};

use super::comtrade::ComtradeReader;
use super::csv::{Names, Record};
use super::dyadic::DyadicReader;
use super::limits::Limits;
use super::long::LongReader;
use super::records::{build_trade_data, AnyCache, AnyParser, Setup};
use super::report::{Mode, ReadReport, Rejection};
use super::rows::{
    header_again, is_header_again, key_of, names_of, parse_row, reject, settle, Header,
};
use super::sdmx::SdmxReader;
use super::tidy::TidyReader;
use crate::dataset::{Builder, TradeData};
use crate::error::{Error, Result};
use crate::record::TradeRecord;

/// The most significant digits a number cell may have: every decimal of 15 significant digits
/// survives the trip through an `f64` and back, so its shortest round-trip text is what was
/// typed; beyond 15 digits it may not be.
pub const MAX_SIGNIFICANT_DIGITS: usize = 15;

/// How a date cell in a period column becomes a period's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateForm {
    /// A year (`2022`): the date must be the first of January.
    Year,
    /// A year or a month by the row's frequency in column `column` (`A`: year, `M`: month);
    /// `dashed`: the month as `2022-03` (SDMX), else `202203` (Comtrade).
    ByFrequency { column: usize, dashed: bool },
    /// A month when the date is the first day of a month other than January; the first of
    /// January is refused (a year or January? the column does not say).
    Either { dashed: bool },
}

/// The reader a sheet is read with: a reference to any of the CSV formats' readers, set up as
/// for a CSV file (mode, limits, columns, presets). Made with `From`, so that
/// [`Workbook::records`] takes `&ComtradeReader::new()` and the like.
#[derive(Debug, Clone, Copy)]
pub enum SheetFormat<'a> {
    /// UN Comtrade (the API's and bulk files' columns, or the legacy layouts).
    Comtrade(&'a ComtradeReader),
    /// SDMX-CSV (1.0 or 2.0, any preset).
    Sdmx(&'a SdmxReader),
    /// A dyadic table (BACI, gravity data sets).
    Dyadic(&'a DyadicReader),
    /// The crate's tidy CSV.
    Tidy(&'a TidyReader),
    /// Any long table whose columns the caller names.
    Long(&'a LongReader),
}

impl<'a> From<&'a ComtradeReader> for SheetFormat<'a> {
    fn from(reader: &'a ComtradeReader) -> Self {
        SheetFormat::Comtrade(reader)
    }
}

impl<'a> From<&'a SdmxReader> for SheetFormat<'a> {
    fn from(reader: &'a SdmxReader) -> Self {
        SheetFormat::Sdmx(reader)
    }
}

impl<'a> From<&'a DyadicReader> for SheetFormat<'a> {
    fn from(reader: &'a DyadicReader) -> Self {
        SheetFormat::Dyadic(reader)
    }
}

impl<'a> From<&'a TidyReader> for SheetFormat<'a> {
    fn from(reader: &'a TidyReader) -> Self {
        SheetFormat::Tidy(reader)
    }
}

impl<'a> From<&'a LongReader> for SheetFormat<'a> {
    fn from(reader: &'a LongReader) -> Self {
        SheetFormat::Long(reader)
    }
}

impl SheetFormat<'_> {
    fn setup(&self) -> Setup<'_> {
        match self {
            SheetFormat::Comtrade(r) => r.setup(),
            SheetFormat::Sdmx(r) => r.setup(),
            SheetFormat::Dyadic(r) => r.setup(),
            SheetFormat::Tidy(r) => r.setup(),
            SheetFormat::Long(r) => r.setup(),
        }
    }
}

/// An Excel workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`; `.ods` too), opened to read its sheets.
pub struct Workbook {
    sheets: Sheets<BufReader<File>>,
    path: String,
}

impl std::fmt::Debug for Workbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workbook")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Workbook {
    /// Opens the workbook at `path` (its kind told by its extension, else by its content).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] (with the path) when the file cannot be opened or is not a workbook.
    pub fn open(path: impl AsRef<Path>) -> Result<Workbook> {
        let path = path.as_ref();
        let sheets = calamine::open_workbook_auto(path).map_err(|e| Error::Io {
            kind: std::io::ErrorKind::InvalidData,
            message: format!("{}: {e}", path.display()),
        })?;
        Ok(Workbook {
            sheets,
            path: path.display().to_string(),
        })
    }

    /// The names of the workbook's sheets, in their order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.sheet_names()
    }

    /// The records of sheet `sheet` (or, with `None`, of the workbook's only sheet) read by
    /// `format`, as an iterator like [`Records`](super::Records): strict or lenient as the
    /// reader is set, with its limits.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the workbook has no such sheet, or several and none was named (the
    /// message lists them), or the sheet cannot be read; [`Error::MissingColumn`] when its
    /// header lacks a column the format requires (or the sheet is empty).
    pub fn records<'f>(
        &mut self,
        sheet: Option<&str>,
        format: impl Into<SheetFormat<'f>>,
    ) -> Result<SheetRecords> {
        let names = self.sheets.sheet_names();
        let name = match sheet {
            Some(name) if names.iter().any(|n| n == name) => name.to_owned(),
            None if names.len() == 1 => names.into_iter().next().unwrap_or_default(),
            _ => {
                return Err(Error::Io {
                    kind: std::io::ErrorKind::NotFound,
                    message: format!(
                        "{}: {}; its sheets are {}",
                        self.path,
                        sheet.map_or_else(
                            || "name a sheet".to_owned(),
                            |s| format!("no sheet {s:?}")
                        ),
                        names
                            .iter()
                            .map(|n| format!("{n:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                })
            }
        };
        let range = self.sheets.worksheet_range(&name).map_err(|e| Error::Io {
            kind: std::io::ErrorKind::InvalidData,
            message: format!("{}, sheet {name:?}: {e}", self.path),
        })?;
        SheetRecords::new(range, name, &format.into().setup())
    }
}

/// The records of one sheet: an iterator of `Result<TradeRecord>`, strict or lenient as the
/// reader it was made with, with the same [`ReadReport`] as a CSV file's.
pub struct SheetRecords {
    range: Range<Data>,
    sheet: String,
    /// The sheet's first row and column (0-based), where the range starts.
    origin: (u32, u32),
    header: Header,
    names: Names,
    parser: AnyParser,
    cache: AnyCache,
    mode: Mode,
    limit: usize,
    report: ReadReport,
    /// The index in the range of the next row to read.
    next: usize,
    done: bool,
    buf: Vec<u8>,
    fields: Vec<(usize, usize)>,
}

impl std::fmt::Debug for SheetRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SheetRecords")
            .field("sheet", &self.sheet)
            .finish_non_exhaustive()
    }
}

impl SheetRecords {
    fn new(range: Range<Data>, sheet: String, setup: &Setup<'_>) -> Result<SheetRecords> {
        let origin = range.start().unwrap_or((0, 0));
        let width = range.width();
        let mut next = 0;
        let header = loop {
            let Some(row) = row_at(&range, next, width) else {
                return Err(Error::MissingColumn {
                    format: setup.format,
                    column: "(header)".into(),
                    detail: format!("sheet {sheet:?} is empty"),
                });
            };
            next += 1;
            let names: Vec<String> = row.iter().map(header_text).collect();
            let Some(used) = names.iter().rposition(|n| !n.is_empty()) else {
                continue;
            };
            let note = setup.notes.is_some_and(|prefix| {
                !prefix.is_empty() && names.first().is_some_and(|n| n.starts_with(prefix))
            });
            if !note {
                break Header {
                    names: names.into_iter().take(used + 1).collect(),
                };
            }
        };
        let parser = (setup.make)(&header).map_err(|e| match e {
            Error::MissingColumn {
                format,
                column,
                detail,
            } => Error::MissingColumn {
                format,
                column,
                detail: if detail.is_empty() {
                    format!("sheet {sheet:?}")
                } else {
                    format!("sheet {sheet:?}: {detail}")
                },
            },
            e => e,
        })?;
        Ok(SheetRecords {
            names: names_of(&header),
            header,
            parser,
            cache: AnyCache::default(),
            mode: setup.mode,
            limit: setup.limits.max_row_bytes(),
            report: ReadReport::with_limits(setup.limits),
            range,
            sheet,
            origin,
            next,
            done: false,
            buf: Vec::new(),
            fields: Vec::new(),
        })
    }

    /// The sheet's name.
    pub fn sheet(&self) -> &str {
        &self.sheet
    }

    /// The accounting so far (as [`Records::report`](super::Records::report)).
    pub fn report(&self) -> &ReadReport {
        &self.report
    }

    /// The accounting, consuming the iterator.
    pub fn into_report(self) -> ReadReport {
        self.report
    }

    /// Reads the remaining records into a [`TradeData`], as
    /// [`Records::into_trade_data`](super::Records::into_trade_data) does.
    ///
    /// # Errors
    ///
    /// The first bad row in strict mode, or what [`Builder::build`] refuses.
    pub fn into_trade_data(self, builder: Builder<'_>) -> Result<(TradeData, ReadReport)> {
        build_trade_data(self, builder, SheetRecords::into_report)
    }

    /// The limits the sheet is read with.
    pub fn limits(&self) -> Limits {
        self.report.limits()
    }

    /// The strict error of `rejection`, naming the sheet and the cell (or the row).
    fn error(&self, rejection: Rejection) -> Error {
        let row = rejection.line;
        let place = match self
            .header
            .names
            .iter()
            .position(|n| *n == rejection.column)
        {
            Some(column) => format!(
                "sheet {:?}, cell {}{row}",
                self.sheet,
                column_letters(self.origin.1 as usize + column)
            ),
            None => format!("sheet {:?}, row {row}", self.sheet),
        };
        let mut error = rejection;
        error.reason = format!("{} ({place})", error.reason);
        error.into()
    }
}

impl Iterator for SheetRecords {
    type Item = Result<TradeRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        let width = self.range.width();
        while !self.done {
            let index = self.next;
            let Some(row) = row_at(&self.range, index, width) else {
                self.done = true;
                return None;
            };
            self.next += 1;
            let line = u64::from(self.origin.0) + index as u64 + 1;
            // The fields: the cells up to the last one with a value (the range is as wide as
            // the widest row; empty cells past the header's width are not fields).
            let used = row
                .iter()
                .rposition(|c| !matches!(c, Data::Empty))
                .map_or(0, |last| last + 1);
            if used == 0 {
                continue;
            }
            let count = used.max(self.header.len());
            self.buf.clear();
            self.fields.clear();
            let mut bad = None;
            for (column, cell) in row.iter().take(count).enumerate() {
                let start = self.buf.len();
                if let Err(reason) = cell_text(&self.parser, row, column, cell, &mut self.buf) {
                    // The field holds what the cell shows, for the message.
                    self.buf.truncate(start);
                    self.buf.extend_from_slice(shown(cell).as_bytes());
                    bad.get_or_insert((column, reason));
                }
                self.fields.push((start, self.buf.len()));
            }
            let record = Record {
                bytes: &self.buf,
                fields: &self.fields,
                line,
            };
            if is_header_again(&self.names, &record) {
                self.done = true;
                return Some(Err(header_again(line)));
            }
            let outcome = if self.buf.len() > self.limit {
                Err(reject(
                    "(record)",
                    self.buf.get(..64).unwrap_or(&self.buf),
                    format!("a row longer than {} bytes", self.limit),
                ))
            } else if let Some((column, reason)) = bad {
                Err(reject(
                    self.header.name(column),
                    record.get(column).unwrap_or_default(),
                    reason,
                ))
            } else {
                parse_row(&self.parser, &self.header, &mut self.cache, &record)
            };
            let outcome = outcome.map_err(|r| (r, key_of(&self.parser, &self.header, &record)));
            match settle(outcome, line, self.mode, &self.parser, &mut self.report) {
                Ok(Some(item)) => return Some(Ok(item)),
                Ok(None) => {}
                Err(rejection) => {
                    self.done = true;
                    return Some(Err(self.error(rejection)));
                }
            }
        }
        None
    }
}

/// Row `index` of the range, if it has one.
fn row_at(range: &Range<Data>, index: usize, width: usize) -> Option<&[Data]> {
    if width == 0 {
        return None;
    }
    range.rows().nth(index)
}

/// A header cell's text, trimmed.
fn header_text(cell: &Data) -> String {
    let mut buf = Vec::new();
    match cell {
        Data::String(s) => s.trim().to_owned(),
        other => {
            // A number or a boolean as a name (`2022`); anything else has no name.
            if number_text(other, &mut buf).is_ok() {
                String::from_utf8_lossy(&buf).into_owned()
            } else {
                String::new()
            }
        }
    }
}

/// Writes the text of a number or boolean cell; an error for anything else.
fn number_text(cell: &Data, buf: &mut Vec<u8>) -> std::result::Result<(), String> {
    match cell {
        Data::Int(i) => buf.extend_from_slice(i.to_string().as_bytes()),
        Data::Float(f) => buf.extend_from_slice(float_text(*f)?.as_bytes()),
        Data::Bool(b) => buf.extend_from_slice(if *b { b"true" } else { b"false" }),
        _ => return Err(String::new()),
    }
    Ok(())
}

/// The shortest round-trip text of `value` (Rust's `Display`, which never uses an exponent),
/// refused beyond [`MAX_SIGNIFICANT_DIGITS`] significant digits.
pub(crate) fn float_text(value: f64) -> std::result::Result<String, String> {
    if !value.is_finite() {
        return Err(format!("the number cell holds {value}, not a number"));
    }
    // `-0` (a negative zero) is 0: a whole-number column reads no sign.
    let value = if value == 0.0 { 0.0 } else { value };
    let text = format!("{value}");
    let digits = significant_digits(&text);
    if digits > MAX_SIGNIFICANT_DIGITS {
        return Err(format!(
            "a number cell of {digits} significant digits ({text}): beyond \
             {MAX_SIGNIFICANT_DIGITS} the spreadsheet's binary float may not be the figure that \
             was typed; store the figure as text"
        ));
    }
    Ok(text)
}

/// The significant digits of a decimal's text: its digits without leading and trailing zeros
/// (the shortest round-trip text of `1200` is `12` times 100: two).
fn significant_digits(text: &str) -> usize {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_digit).collect();
    let first = digits.iter().position(|&d| d != b'0');
    let last = digits.iter().rposition(|&d| d != b'0');
    match (first, last) {
        (Some(first), Some(last)) => last - first + 1,
        _ => 0,
    }
}

/// Writes the text of cell `column` of `row` as a CSV field would hold it (see the module
/// docs); an error says why the cell cannot be read.
fn cell_text(
    parser: &AnyParser,
    row: &[Data],
    column: usize,
    cell: &Data,
    buf: &mut Vec<u8>,
) -> std::result::Result<(), String> {
    match cell {
        Data::Empty => Ok(()),
        Data::String(s) => {
            buf.extend_from_slice(s.as_bytes());
            Ok(())
        }
        Data::Int(_) | Data::Float(_) | Data::Bool(_) => number_text(cell, buf),
        Data::Error(CellErrorType::NA) => {
            buf.extend_from_slice(b"#N/A");
            Ok(())
        }
        Data::Error(e) => Err(format!("an error cell ({e})")),
        Data::DurationIso(d) => Err(format!("a duration ({d}), not a period")),
        Data::DateTime(d) if d.is_duration() => Err("a duration, not a period".into()),
        Data::DateTime(d) => {
            let (year, month, day, h, m, s, ms) = d.to_ymd_hms_milli();
            if (h, m, s, ms) != (0, 0, 0, 0) {
                return Err("a date with a time of day, not a period".into());
            }
            date_text(parser, row, column, (year.into(), month, day), buf)
        }
        Data::DateTimeIso(text) => {
            let date =
                iso_date(text).ok_or_else(|| format!("a date and time ({text}), not a period"))?;
            date_text(parser, row, column, date, buf)
        }
    }
}

/// What a cell that cannot be read shows, for messages.
fn shown(cell: &Data) -> String {
    match cell {
        Data::Float(f) => format!("{f}"),
        Data::DateTime(d) if !d.is_duration() => {
            let (year, month, day, h, m, s, _) = d.to_ymd_hms_milli();
            if (h, m, s) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}")
            }
        }
        Data::DateTime(d) => format!("{}", d.as_f64()),
        Data::Error(e) => e.to_string(),
        other => other.to_string(),
    }
}

/// The date of an ISO 8601 text that is a date at midnight (`2022-03-01`, `2022-03-01T00:00:00`).
fn iso_date(text: &str) -> Option<(i32, u8, u8)> {
    let (date, time) = text.split_once('T').unwrap_or((text, ""));
    if !(time.is_empty() || time.trim_start_matches(['0', ':', '.']).is_empty()) {
        return None;
    }
    let mut parts = date.splitn(3, '-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((year, month, day))
}

/// Writes the period a date cell in `column` stands for, as the column expects.
fn date_text(
    parser: &AnyParser,
    row: &[Data],
    column: usize,
    (year, month, day): (i32, u8, u8),
    buf: &mut Vec<u8>,
) -> std::result::Result<(), String> {
    let date = format!("{year:04}-{month:02}-{day:02}");
    let as_year = |buf: &mut Vec<u8>| {
        if (month, day) == (1, 1) {
            buf.extend_from_slice(year.to_string().as_bytes());
            Ok(())
        } else {
            Err(format!(
                "the date {date} in a column of years is not the first of January"
            ))
        }
    };
    let as_month = |buf: &mut Vec<u8>, dashed: bool| {
        if day == 1 {
            let mut text = String::new();
            let _ = if dashed {
                write!(text, "{year:04}-{month:02}")
            } else {
                write!(text, "{year:04}{month:02}")
            };
            buf.extend_from_slice(text.as_bytes());
            Ok(())
        } else {
            Err(format!(
                "the date {date} is not the first day of a month: not a period"
            ))
        }
    };
    match parser.date_form(column) {
        None => Err(format!("a date ({date}) in a column that holds no period")),
        Some(DateForm::Year) => as_year(buf),
        Some(DateForm::ByFrequency {
            column: frequency,
            dashed,
        }) => {
            let mut text = Vec::new();
            let found = match row.get(frequency) {
                Some(Data::String(s)) => s.trim().to_owned(),
                Some(cell) => number_text(cell, &mut text)
                    .map(|()| String::from_utf8_lossy(&text).into_owned())
                    .unwrap_or_default(),
                None => String::new(),
            };
            match found.as_str() {
                "A" => as_year(buf),
                "M" => as_month(buf, dashed),
                other => Err(format!(
                    "a date ({date}) as a period needs the frequency A or M, the row's is \
                     {other:?}: write the period as text"
                )),
            }
        }
        Some(DateForm::Either { dashed }) => {
            if (month, day) == (1, 1) {
                Err(format!(
                    "the date {date} may be the year {year} or January {year}: write the \
                     period as text"
                ))
            } else {
                as_month(buf, dashed)
            }
        }
    }
}

/// The letters of a 0-based column index in A1 references (`0` is `A`, `26` is `AA`).
pub(crate) fn column_letters(index: usize) -> String {
    let mut letters = Vec::new();
    let mut n = index + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        // 26 + 26 * 26 = 702 is the first three-letter column.
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    proptest::proptest! {
        /// Every decimal of at most 15 significant digits, typed into a spreadsheet (parsed to
        /// the nearest f64), is read back as exactly that decimal; the mirror case, a number of
        /// 16 digits that is not the shortest form of its float, is refused.
        #[test]
        fn fifteen_digits_survive_the_float(mantissa in 1i64..1_000_000_000_000_000, scale in 0u32..12) {
            let typed = rust_decimal::Decimal::new(mantissa, scale);
            let float: f64 = typed.to_string().parse().unwrap_or(f64::NAN);
            let text = float_text(float).map_err(proptest::test_runner::TestCaseError::fail)?;
            let read: rust_decimal::Decimal = text.parse().map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}")))?;
            proptest::prop_assert_eq!(read, typed);
            let negative = float_text(-float).map_err(proptest::test_runner::TestCaseError::fail)?;
            proptest::prop_assert_eq!(negative.parse::<rust_decimal::Decimal>().ok(), Some(-typed));
        }

        /// Any float: what is accepted is the float's own value (its text parses back to it),
        /// in at most 15 significant digits; what is refused has more, or is not finite.
        #[test]
        fn accepted_texts_are_the_float(float in proptest::num::f64::ANY) {
            match float_text(float) {
                Ok(text) => {
                    proptest::prop_assert_eq!(text.parse::<f64>().ok(), Some(float));
                    proptest::prop_assert!(significant_digits(&text) <= 15);
                }
                Err(_) => {
                    let shortest = float.to_string();
                    proptest::prop_assert!(!float.is_finite() || significant_digits(&shortest) > 15);
                }
            }
        }
    }

    #[test]
    fn significant_digits_of_shortest_texts() {
        assert_eq!(significant_digits("1200"), 2);
        assert_eq!(significant_digits("0.000123"), 3);
        assert_eq!(significant_digits("-120.5"), 4);
        assert_eq!(significant_digits("0"), 0);
        assert_eq!(float_text(0.1).as_deref(), Ok("0.1"));
        assert_eq!(float_text(1986.0).as_deref(), Ok("1986"));
        assert_eq!(float_text(-0.0).as_deref(), Ok("0"));
        assert_eq!(float_text(-12.5).as_deref(), Ok("-12.5"));
        // 15 digits pass, 16 do not.
        assert_eq!(
            float_text(123_456_789_012.345).as_deref(),
            Ok("123456789012.345")
        );
        assert!(float_text(1_234_567_890_123.456).is_err());
        assert!(float_text(f64::NAN).is_err());
    }
}
