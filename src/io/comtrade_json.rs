//! UN Comtrade API JSON: the body the v1 API returns, `{"data": [ {...}, ... ]}`, with the field
//! names of the CSV downloads (`reporterCode`, `flowCode`, `period`, `cmdCode`, `primaryValue`,
//! ...), read by the same rules as [`comtrade`](super::comtrade) CSV, flags included
//! (`isReported`, `isAggregate`, `legacyEstimationFlag`, `isQtyEstimated`, as JSON booleans and
//! numbers, kept as [`TradeRecord::flags`]).
//!
//! Numbers are read from their text, exactly: each field is taken as serde_json's `RawValue` and
//! parsed as a decimal, never through `f64` (serde_json's `arbitrary_precision` feature is not
//! used: a library must not switch it on for everyone who depends on it). JSON numbers may use
//! exponent notation (`1.5E+16`); it is read exactly. In messages, `line` is the row's 1-based
//! position in the `data` array and `column` the field's name.
//!
//! A key may appear once: a body with two `data` arrays (or any key twice) is an error in both
//! modes, naming the key; a row with a key twice is a bad row naming the key and the row (an
//! error in strict mode, a rejection in lenient mode), since which value stands is not defined.
//!
//! The input is read as a stream; the records are gathered while reading (an API response holds
//! at most 250,000 rows) and handed out by the iterator.
//!
//! ```
//! use tradestat::io::comtrade_json::ComtradeJsonReader;
//! use tradestat::{Area, Country};
//!
//! let body = r#"{"elapsedTime": "0.1 secs", "count": 1, "data": [
//!   {"freqCode": "A", "period": "2022", "reporterCode": 398, "flowCode": "X", "partnerCode": 792,
//!    "partner2Code": 0, "customsCode": "C00", "motCode": 0, "mosCode": "0", "cmdCode": "TOTAL",
//!    "cifvalue": null, "fobvalue": 2541000000.123, "primaryValue": 2541000000.123}
//! ], "error": ""}"#;
//! let records: Vec<_> = ComtradeJsonReader::new().records(body.as_bytes())?.collect::<Result<_, _>>()?;
//! assert_eq!(records[0].reporter(), Area::Country(Country::KAZ));
//! assert_eq!(records[0].value().amount().to_string(), "2541000000.123");
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::Path;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::comtrade::{Cache, Parser, ValueColumn};
use super::csv::Record;
use super::open_path;
use super::report::{Mode, ReadReport, RejectedKey, Rejection};
use super::rows::{Header, Outcome, RowParser};
use crate::error::{Error, Result};
use crate::record::TradeRecord;

const FORMAT: &str = "UN Comtrade API JSON";

/// The fields read from each row, in the order of the synthetic header.
const FIELDS: [&str; 20] = [
    "freqCode",
    "period",
    "refYear",
    "refMonth",
    "reporterCode",
    "partnerCode",
    "flowCode",
    "cmdCode",
    "classificationCode",
    "partner2Code",
    "customsCode",
    "motCode",
    "mosCode",
    "primaryValue",
    "cifvalue",
    "fobvalue",
    "isReported",
    "isAggregate",
    "legacyEstimationFlag",
    "isQtyEstimated",
];

/// Reads UN Comtrade API JSON bodies (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ComtradeJsonReader {
    value: ValueColumn,
    keep_breakdowns: bool,
    reported_only: bool,
    mode: Mode,
    limits: super::Limits,
}

impl ComtradeJsonReader {
    /// A strict reader of `primaryValue` that skips breakdown rows.
    pub const fn new() -> Self {
        ComtradeJsonReader {
            value: ValueColumn::Primary,
            keep_breakdowns: false,
            reported_only: false,
            mode: Mode::Strict,
            limits: super::Limits::new(),
        }
    }

    /// Reads the value from `column` instead of `primaryValue`.
    #[must_use]
    pub const fn value(mut self, column: ValueColumn) -> Self {
        self.value = column;
        self
    }

    /// Keeps (`true`) or skips (`false`, the default) breakdown rows.
    #[must_use]
    pub const fn keep_breakdowns(mut self, keep: bool) -> Self {
        self.keep_breakdowns = keep;
        self
    }

    /// Reads only the figures the reporter reported (`true`), as
    /// [`ComtradeReader::reported_only`](super::comtrade::ComtradeReader::reported_only) does:
    /// rows whose `isReported` is `false` (figures Comtrade filled in) are counted as skipped;
    /// a `null` or absent `isReported` keeps the row. Default `false`: every row is read, the
    /// filled-in ones marked [`Flags::NOT_REPORTED`](crate::Flags::NOT_REPORTED).
    #[must_use]
    pub const fn reported_only(mut self, only: bool) -> Self {
        self.reported_only = only;
        self
    }

    /// Strict (the default) or lenient reading.
    #[must_use]
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    super::limits::limit_setters!();

    /// Reads the body in `input` and returns its records.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] for text that is not JSON, or that has a key twice at the top level
    /// (`input` names the key); [`Error::MissingColumn`] for a body without a `data` array; in
    /// strict mode the first bad row ([`Error::BadRow`], `line` its position in `data`; a row
    /// with a key twice is one, its `column` the key). Lenient mode lists bad rows in
    /// [`JsonRecords::report`].
    pub fn records<R: Read>(&self, input: R) -> Result<JsonRecords> {
        let header = Header {
            names: FIELDS.iter().map(|&s| s.to_owned()).collect(),
        };
        let mut parser = Parser::new(&header, self.value, self.keep_breakdowns)?;
        parser.exponents = true;
        parser.reported_only = self.reported_only;
        let mut body = Body {
            parser: &parser,
            cache: Cache::default(),
            mode: self.mode,
            records: Vec::new(),
            report: ReadReport::with_limits(self.limits),
            error: None,
            fatal: None,
            seen_data: false,
            buf: Vec::new(),
            ranges: Vec::with_capacity(FIELDS.len()),
        };
        let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(
            1 << 16,
            input,
        ));
        let parsed = (&mut body).deserialize(&mut de).and_then(|()| de.end());
        if let Some(e) = body.fatal {
            return Err(e);
        }
        parsed.map_err(|e| {
            Error::parse(
                "UN Comtrade API JSON",
                &e.to_string(),
                0,
                "not a JSON body with a data array",
            )
        })?;
        if let Some(e) = body.error {
            return Err(e);
        }
        if !body.seen_data {
            return Err(Error::MissingColumn {
                format: FORMAT,
                column: "data".into(),
                detail: "the body has no data array".into(),
            });
        }
        Ok(JsonRecords {
            records: body.records.into_iter(),
            report: body.report,
        })
    }

    /// Reads the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`ComtradeJsonReader::records`], and [`Error::Io`] when the file cannot be opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<JsonRecords> {
        self.records(open_path(path.as_ref())?)
    }
}

/// The records of a Comtrade API JSON body; an iterator of `Result<TradeRecord>` (every item is
/// `Ok`: errors are returned by [`ComtradeJsonReader::records`] in strict mode).
#[derive(Debug, Clone)]
pub struct JsonRecords {
    records: std::vec::IntoIter<TradeRecord>,
    report: ReadReport,
}

impl JsonRecords {
    /// The accounting: rows read, accepted, rejected (with each rejection) and skipped.
    pub fn report(&self) -> &ReadReport {
        &self.report
    }

    /// The accounting, consuming the iterator.
    pub fn into_report(self) -> ReadReport {
        self.report
    }
}

impl Iterator for JsonRecords {
    type Item = Result<TradeRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        self.records.next().map(Ok)
    }
}

struct Body<'p> {
    parser: &'p Parser,
    cache: Cache,
    mode: Mode,
    records: Vec<TradeRecord>,
    report: ReadReport,
    error: Option<Error>,
    /// An error that stops the whole read in both modes (a key twice in the body).
    fatal: Option<Error>,
    seen_data: bool,
    buf: Vec<u8>,
    ranges: Vec<(usize, usize)>,
}

impl Body<'_> {
    fn row(&mut self, line: u64, row: &Row) {
        if let Some((key, first, second)) = &row.duplicate {
            let rejection = Rejection {
                line,
                column: key.clone(),
                value: second.clone(),
                reason: format!(
                    "the key {key:?} appears twice in this row (first {first}): which value \
                     stands is not defined, so the row is not read"
                ),
            };
            match self.mode {
                Mode::Strict => self.error = Some(rejection.into()),
                Mode::Lenient => {
                    self.report.reject(rejection);
                    // Which value of the key stands is not defined: nothing of the row's key
                    // is read (every field stands for "any"), so a data set never puts a sum
                    // of parts in the place of the figure this row may have been.
                    self.report.reject_key(RejectedKey::unreadable(line));
                }
            }
            return;
        }
        let row = &row.fields;
        self.buf.clear();
        self.ranges.clear();
        for name in FIELDS {
            let start = self.buf.len();
            if let Some(raw) = row.get(name) {
                let text = raw.get();
                if text.starts_with('"') {
                    // A JSON string: its content, unescaped.
                    let s: String = serde_json::from_str(text).unwrap_or_default();
                    self.buf.extend_from_slice(s.as_bytes());
                } else if text != "null" {
                    self.buf.extend_from_slice(text.as_bytes());
                }
            }
            self.ranges.push((start, self.buf.len()));
        }
        let record = Record {
            bytes: &self.buf,
            fields: &self.ranges,
            line,
        };
        match self.parser.parse(&mut self.cache, &record) {
            Ok(Outcome::Accept(r)) => {
                self.report.accept();
                self.records.push(r);
            }
            Ok(Outcome::Skip) => self.report.skip(),
            Err(mut rejection) => {
                rejection.line = line;
                match self.mode {
                    Mode::Strict => self.error = Some(rejection.into()),
                    Mode::Lenient => {
                        self.report.reject(rejection);
                        self.report.reject_key(self.parser.key(&record));
                    }
                }
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for &mut Body<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut Body<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a UN Comtrade API body: an object with a data array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let mut seen: Vec<String> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                // Two `data` arrays (or two of any key) in one body: which one the API meant is
                // not defined. An error in both modes, never both arrays read.
                let error = Error::parse(
                    FORMAT,
                    &key,
                    0,
                    format!("the key {key:?} appears twice in the body"),
                );
                let message = error.to_string();
                self.fatal = Some(error);
                return Err(serde::de::Error::custom(message));
            }
            seen.push(key.clone());
            if key == "data" {
                self.seen_data = true;
                map.next_value_seed(Data(&mut *self))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct Data<'b, 'p>(&'b mut Body<'p>);

impl<'de> DeserializeSeed<'de> for Data<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Data<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of rows")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut line = 0u64;
        loop {
            if self.0.error.is_some() {
                // Strict mode stopped: pass over the rest.
                if seq.next_element::<IgnoredAny>()?.is_none() {
                    break;
                }
                continue;
            }
            let Some(row) = seq.next_element::<Row>()? else {
                break;
            };
            line += 1;
            self.0.row(line, &row);
        }
        Ok(())
    }
}

/// One row of `data`: its fields by name, and the first key that appears twice (with its first
/// and second values as JSON text), if any.
struct Row {
    fields: BTreeMap<String, Box<RawValue>>,
    duplicate: Option<(String, String, String)>,
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Row, D::Error> {
        d.deserialize_map(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a row: an object of fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Row, A::Error> {
        let mut row = Row {
            fields: BTreeMap::new(),
            duplicate: None,
        };
        while let Some(key) = map.next_key::<String>()? {
            let value: Box<RawValue> = map.next_value()?;
            if let Some(first) = row.fields.get(&key) {
                if row.duplicate.is_none() {
                    row.duplicate = Some((key, first.get().to_owned(), value.get().to_owned()));
                }
                continue;
            }
            row.fields.insert(key, value);
        }
        Ok(row)
    }
}
