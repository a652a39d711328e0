//! The crate's own long CSV format: one record a row, readable and writable, round-tripping
//! exactly.
//!
//! Columns (in this order when written; read by name in any order):
//!
//! | column | written as | read with |
//! | --- | --- | --- |
//! | `reporter`, `partner` | ISO alpha-3 for a country, otherwise the UN Comtrade code (`0` the World) | [`Area::from_str`](crate::Area) (codes, alpha-3, names) |
//! | `period` | `2022`, `2022-Q1`, `2022-01` | [`Period::from_str`](crate::Period) |
//! | `flow` | the UN Comtrade code (`X`, `M`, `RX`...) | [`Flow::from_str`](crate::Flow) (codes and words) |
//! | `value` | the exact decimal, never in exponent notation | an exact decimal parse |
//! | `currency` | the ISO 4217 code | [`Currency::from_str`](crate::Currency) |
//! | `valuation` (optional) | `FOB` or `CIF` | empty or missing: the flow's default |
//! | `classification` (optional) | `HS` or `SITC`, empty for the total | empty or missing: HS |
//! | `commodity` (optional) | `TOTAL` or the code's digits | empty or missing: the total |
//! | `reporting` (optional) | empty for a side's report, `single` for one figure for both sides ([`Reporting`]) | empty or missing: a side's report |
//!
//! ```
//! use tradestat::io::tidy::{write_records, TidyReader};
//! use tradestat::{Country, Currency, Decimal, Flow, Money, TradeRecord};
//!
//! let record = TradeRecord::new(
//!     Country::KAZ,
//!     Country::TUR,
//!     "2022".parse()?,
//!     Flow::Export,
//!     Money::new(Decimal::new(25410000005, 1), Currency::USD),
//! );
//! let mut text = Vec::new();
//! write_records(&mut text, [record])?;
//! assert_eq!(
//!     String::from_utf8_lossy(&text),
//!     "reporter,partner,period,flow,value,currency,valuation,classification,commodity,reporting\n\
//!      KAZ,TUR,2022,X,2541000000.5,USD,FOB,,TOTAL,\n"
//! );
//! let back: Vec<TradeRecord> = TidyReader::new().records(&text[..])?.collect::<Result<_, _>>()?;
//! assert_eq!(back, vec![record]);
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::io::{Read, Write};
use std::path::Path;
use std::str::FromStr;

use super::csv::Record;
use super::decimal::{integral, parse_decimal};
use super::open_path;
use super::records::{AnyParser, Records};
use super::report::{Mode, Rejection};
use super::rows::{reject, Header, Outcome, RowParser};
use crate::area::Area;
use crate::commodity::{Classification, Commodity};
use crate::currency::Currency;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::money::Money;
use crate::period::Period;
use crate::record::{Reporting, TradeRecord};

const FORMAT: &str = "tidy CSV";

/// The header [`write_records`] writes.
pub const HEADER: &str =
    "reporter,partner,period,flow,value,currency,valuation,classification,commodity,reporting";

/// Reads the tidy CSV format (see the [module docs](self)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TidyReader {
    mode: Mode,
    limits: super::Limits,
}

impl TidyReader {
    /// A strict reader.
    pub const fn new() -> Self {
        TidyReader {
            mode: Mode::Strict,
            limits: super::Limits::new(),
        }
    }

    /// Strict (the default) or lenient reading.
    #[must_use]
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    super::limits::limit_setters!();

    /// Streams the records of `input`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] when one of `reporter`, `partner`, `period`, `flow`, `value`,
    /// `currency` is missing; bad rows as the [`Records`] iterator says.
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        Records::new(input, FORMAT, self.mode, self.limits, |header| {
            Ok(AnyParser::Tidy(Parser::new(header)?))
        })
    }

    /// What a sheet of a workbook needs to be read as this format (feature `excel`).
    #[cfg(feature = "excel")]
    pub(crate) fn setup(&self) -> super::records::Setup<'_> {
        super::records::Setup {
            format: FORMAT,
            mode: self.mode,
            limits: self.limits,
            notes: None,
            make: Box::new(|header| Ok(AnyParser::Tidy(Parser::new(header)?))),
        }
    }

    /// Streams the records of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`TidyReader::records`], and [`Error::Io`] when the file cannot be opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Records<Box<dyn Read + Send>>> {
        self.records(open_path(path.as_ref())?)
    }
}

/// Writes `records` in the tidy format, header first.
///
/// # Errors
///
/// [`Error::Io`] when writing fails.
pub fn write_records<W: Write>(
    mut out: W,
    records: impl IntoIterator<Item = TradeRecord>,
) -> Result<()> {
    writeln!(out, "{HEADER}")?;
    let mut line = String::with_capacity(128);
    for record in records {
        use std::fmt::Write as _;
        line.clear();
        let commodity = record.commodity();
        let classification = match commodity.classification() {
            None => "",
            Some(Classification::Hs) => "HS",
            Some(Classification::Sitc) => "SITC",
            Some(Classification::Ebops) => "EBOPS",
        };
        // Writing into a String cannot fail.
        let _ = writeln!(
            line,
            "{},{},{},{},{},{},{},{},{},{}",
            area_code(record.reporter()),
            area_code(record.partner()),
            record.period(),
            record.flow().comtrade_code(),
            record.value().amount(),
            record.value().currency(),
            record.valuation(),
            classification,
            commodity.code(),
            match record.reporting() {
                Reporting::Single => "single",
                _ => "",
            },
        );
        out.write_all(line.as_bytes())?;
    }
    out.flush()?;
    Ok(())
}

/// Writes every record of `data` (trade records, then domestic ones) in the tidy format.
///
/// # Errors
///
/// [`Error::Io`] when writing fails.
pub fn write<W: Write>(out: W, data: &TradeData) -> Result<()> {
    write_records(out, data.iter().chain(data.domestic_records()))
}

/// Reads a tidy CSV file into a [`TradeData`] (strict, default builder: see [`TidyReader`] and
/// [`Records::into_trade_data`] for the choices).
///
/// # Errors
///
/// As [`TidyReader::open`] and [`Records::into_trade_data`].
pub fn read(path: impl AsRef<Path>) -> Result<TradeData> {
    Ok(TidyReader::new()
        .open(path)?
        .into_trade_data(TradeData::builder())?
        .0)
}

/// An area as the tidy format writes it: alpha-3 for a country, the Comtrade code otherwise.
pub(crate) fn area_code(area: Area) -> String {
    match area.country() {
        Some(country) => country.alpha3().to_owned(),
        None => area.comtrade_code().to_string(),
    }
}

#[derive(Debug)]
pub(crate) struct Parser {
    header: Header,
    reporter: usize,
    partner: usize,
    period: usize,
    flow: usize,
    value: usize,
    currency: usize,
    valuation: Option<usize>,
    classification: Option<usize>,
    commodity: Option<usize>,
    reporting: Option<usize>,
}

impl Parser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`): the period
    /// column takes a month (`2022-03`), or a year written as a date is refused as ambiguous.
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        (column == self.period).then_some(super::excel::DateForm::Either { dashed: true })
    }

    fn new(header: &Header) -> Result<Parser> {
        Ok(Parser {
            reporter: header.require(FORMAT, "reporter")?,
            partner: header.require(FORMAT, "partner")?,
            period: header.require(FORMAT, "period")?,
            flow: header.require(FORMAT, "flow")?,
            value: header.require(FORMAT, "value")?,
            currency: header.require(FORMAT, "currency")?,
            valuation: header.find("valuation"),
            classification: header.find("classification"),
            commodity: header.find("commodity"),
            reporting: header.find("reporting"),
            header: header.clone(),
        })
    }

    fn text<'a>(
        &self,
        record: &Record<'a>,
        index: usize,
    ) -> std::result::Result<&'a str, Rejection> {
        let bytes = record.get(index).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(str::trim)
            .map_err(|_| reject(self.header.name(index), bytes, "not UTF-8"))
    }

    fn parsed<'a, T: FromStr<Err = Error>>(
        &self,
        record: &Record<'a>,
        index: usize,
    ) -> std::result::Result<T, Rejection> {
        let text = self.text(record, index)?;
        text.parse::<T>()
            .map_err(|e| reject(self.header.name(index), text.as_bytes(), e.to_string()))
    }

    /// [`Parser::parsed`] for a column that may hold a whole number (an area code, a year): one
    /// written as a float (`2022.0`, `842.0`) is that number, one with a fraction is refused.
    fn parsed_whole<'a, T: FromStr<Err = Error>>(
        &self,
        record: &Record<'a>,
        index: usize,
    ) -> std::result::Result<T, Rejection> {
        let text = self.text(record, index)?;
        let whole = integral(text.as_bytes())
            .map_err(|reason| reject(self.header.name(index), text.as_bytes(), reason))?;
        text.get(..whole.len())
            .unwrap_or(text)
            .parse::<T>()
            .map_err(|e| reject(self.header.name(index), text.as_bytes(), e.to_string()))
    }
}

impl RowParser for Parser {
    type Item = TradeRecord;
    type Cache = ();

    /// Each key field read on its own, by the rules of `parse`; `None` where it cannot be (or
    /// where the row lacks the field).
    fn key(&self, record: &Record<'_>) -> super::RejectedKey {
        let read = |index: usize| record.get(index).and(self.text(record, index).ok());
        let commodity = match self.commodity {
            None => Some(Commodity::TOTAL),
            Some(i) => match read(i) {
                None => None,
                Some("") => Some(Commodity::TOTAL),
                Some(code) => match self.classification {
                    None => Some(Classification::Hs),
                    Some(c) => match read(c) {
                        None => None,
                        Some("") => Some(Classification::Hs),
                        Some(_) => self.parsed::<Classification>(record, c).ok(),
                    },
                }
                .and_then(|classification| Commodity::new(classification, code).ok()),
            },
        };
        super::RejectedKey {
            line: record.line,
            reporter: read(self.reporter).and(self.parsed_whole(record, self.reporter).ok()),
            partner: read(self.partner).and(self.parsed_whole(record, self.partner).ok()),
            period: read(self.period).and(self.parsed_whole(record, self.period).ok()),
            flow: read(self.flow).and(self.parsed(record, self.flow).ok()),
            commodity,
        }
    }

    fn parse(
        &self,
        _: &mut (),
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        let reporter: Area = self.parsed_whole(record, self.reporter)?;
        let partner: Area = self.parsed_whole(record, self.partner)?;
        let period: Period = self.parsed_whole(record, self.period)?;
        let flow: Flow = self.parsed(record, self.flow)?;
        let value_text = record.get(self.value).unwrap_or_default();
        let value = parse_decimal(value_text)
            .map_err(|reason| reject(self.header.name(self.value), value_text, reason))?;
        let currency: Currency = self.parsed(record, self.currency)?;
        let mut out =
            TradeRecord::new(reporter, partner, period, flow, Money::new(value, currency));
        if let Some(i) = self.valuation {
            if !self.text(record, i)?.is_empty() {
                out = out.with_valuation(self.parsed::<Valuation>(record, i)?);
            }
        }
        if let Some(i) = self.commodity {
            let code = self.text(record, i)?;
            if !code.is_empty() {
                let classification = match self.classification {
                    Some(c) if !self.text(record, c)?.is_empty() => {
                        self.parsed::<Classification>(record, c)?
                    }
                    _ => Classification::Hs,
                };
                let commodity = Commodity::new(classification, code)
                    .map_err(|e| reject(self.header.name(i), code.as_bytes(), e.to_string()))?;
                out = out.with_commodity(commodity);
            }
        }
        if let Some(i) = self.reporting {
            match self.text(record, i)? {
                "" | "reporter" => {}
                "single" => out = out.with_reporting(Reporting::Single),
                other => return Err(reject(
                    self.header.name(i),
                    other.as_bytes(),
                    "expected empty (a side's report) or \"single\" (one figure for both sides)",
                )),
            }
        }
        Ok(Outcome::Accept(out))
    }
}
