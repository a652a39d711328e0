//! SDMX-CSV, the CSV form of SDMX data that the IMF, OECD, Eurostat and the ECB serve: version
//! 1.0 (first column `DATAFLOW`) and 2.0 (columns `STRUCTURE`, `STRUCTURE_ID`, `ACTION`).
//!
//! One row is one observation: dimension columns, `TIME_PERIOD` (`2022`, `2022-Q1`, `2022-M01`,
//! `2022-01`), `OBS_VALUE`, and attributes, among them the unit multiplier (`UNIT_MULT` or
//! `SCALE`: 6 means millions). Which columns and codes mean what is configurable
//! ([`SdmxReader`]); the defaults are for the IMF's international trade in goods data (IMTS):
//!
//! | role | default column | codes |
//! | --- | --- | --- |
//! | reporter | `COUNTRY` | ISO alpha-3 (or alpha-2), old alpha-3 codes by year as in [`dyadic`](super::dyadic); `G001`, `W00`, `W1`, `1W` for the World |
//! | partner | `COUNTERPART_COUNTRY` | the same |
//! | flow | `INDICATOR` | `XG_FOB_USD` exports FOB, `MG_CIF_USD` imports CIF, `MG_FOB_USD` imports FOB, in US dollars |
//! | frequency | `FREQUENCY` (or `FREQ`), if present | `A`, `Q`, `M`: checked against the period |
//! | multiplier | `UNIT_MULT` or `SCALE` | a power of ten (`0`, `3`, `6`, `9`) or the words `Units`, `Thousands`, `Millions`, `Billions` |
//!
//! Assumptions, stated because the IMF's own files vary: codes may carry labels (`KAZ:
//! Kazakhstan`, as SDMX-CSV with labels writes them; the code before `": "` is used); rows of
//! indicators outside the table, rows with `ACTION` `D` (delete), and observations without a
//! value (empty or `NaN`) are skipped and counted, not read. A file without a multiplier column is
//! refused rather than read with millions taken as units.
//!
//! ```
//! use tradestat::io::sdmx::SdmxReader;
//! use tradestat::{Area, Country, Flow};
//!
//! let csv = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE\n\
//!            dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,XG_FOB_USD,A,2022,2541.5,6\n";
//! let records: Vec<_> = SdmxReader::imf_imts().records(csv.as_bytes())?.collect::<Result<_, _>>()?;
//! assert_eq!(records[0].reporter(), Area::Country(Country::KAZ));
//! assert_eq!(records[0].flow(), Flow::Export);
//! assert_eq!(records[0].value().amount().to_string(), "2541500000");
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;

use super::csv::Record;
use super::decimal::{parse_decimal, parse_decimal_with_exponent};
use super::dyadic::alpha3_by_year;
use super::open_path;
use super::records::{AnyParser, Records};
use super::report::{Mode, Rejection};
use super::rows::{reject, Header, Outcome, RowParser};
use crate::area::Area;
use crate::country::Country;
use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::money::Money;
use crate::period::{Frequency, Period};
use crate::record::TradeRecord;

const FORMAT: &str = "SDMX-CSV";

/// Reads SDMX-CSV (see the [module docs](self) for the defaults and assumptions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdmxReader {
    reporter: String,
    partner: String,
    indicator: String,
    frequency: Vec<String>,
    multiplier: Vec<String>,
    indicators: Vec<(String, Flow, Valuation)>,
    world: Vec<String>,
    currency: Currency,
    exponents: bool,
    mode: Mode,
    limits: super::Limits,
}

impl Default for SdmxReader {
    fn default() -> Self {
        SdmxReader::imf_imts()
    }
}

impl SdmxReader {
    /// The defaults for the IMF's international trade in goods data (IMTS).
    pub fn imf_imts() -> Self {
        SdmxReader {
            reporter: "COUNTRY".into(),
            partner: "COUNTERPART_COUNTRY".into(),
            indicator: "INDICATOR".into(),
            frequency: vec!["FREQUENCY".into(), "FREQ".into()],
            multiplier: vec!["UNIT_MULT".into(), "SCALE".into()],
            indicators: vec![
                ("XG_FOB_USD".into(), Flow::Export, Valuation::Fob),
                ("MG_CIF_USD".into(), Flow::Import, Valuation::Cif),
                ("MG_FOB_USD".into(), Flow::Import, Valuation::Fob),
            ],
            world: vec!["G001".into(), "W00".into(), "W1".into(), "1W".into()],
            currency: Currency::USD,
            exponents: false,
            mode: Mode::Strict,
            limits: super::Limits::new(),
        }
    }

    /// The dimension columns of the reporter and the partner.
    #[must_use]
    pub fn areas(mut self, reporter: &str, partner: &str) -> Self {
        self.reporter = reporter.to_owned();
        self.partner = partner.to_owned();
        self
    }

    /// The dimension column holding the indicator, and the indicators to read: each code with the
    /// flow and valuation it stands for. Rows of other indicators are skipped.
    #[must_use]
    pub fn indicators(mut self, column: &str, codes: &[(&str, Flow, Valuation)]) -> Self {
        self.indicator = column.to_owned();
        self.indicators = codes
            .iter()
            .map(|&(c, f, v)| (c.to_owned(), f, v))
            .collect();
        self
    }

    /// The candidate names of the frequency column (the first present is used; none present is
    /// fine).
    #[must_use]
    pub fn frequency_columns(mut self, names: &[&str]) -> Self {
        self.frequency = names.iter().map(|&s| s.to_owned()).collect();
        self
    }

    /// The candidate names of the unit multiplier column (the first present is used; none present
    /// is an error).
    #[must_use]
    pub fn multiplier_columns(mut self, names: &[&str]) -> Self {
        self.multiplier = names.iter().map(|&s| s.to_owned()).collect();
        self
    }

    /// The codes that mean the World.
    #[must_use]
    pub fn world_codes(mut self, codes: &[&str]) -> Self {
        self.world = codes.iter().map(|&s| s.to_owned()).collect();
        self
    }

    /// The currency of the values (default US dollars).
    #[must_use]
    pub fn currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        self
    }

    /// Whether `OBS_VALUE` may use exponent notation (default `false`; when allowed, read
    /// exactly as the digits state).
    #[must_use]
    pub fn exponent_notation(mut self, allowed: bool) -> Self {
        self.exponents = allowed;
        self
    }

    /// Strict (the default) or lenient reading.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    super::limits::limit_setters!();

    /// Streams the records of `input`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] when the file is not SDMX-CSV (no `DATAFLOW` nor `STRUCTURE`
    /// column), lacks `TIME_PERIOD`, `OBS_VALUE`, a configured dimension, or any unit multiplier
    /// column; bad rows as [`Records`] says.
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        Records::new(input, FORMAT, self.mode, self.limits, |header| {
            Ok(AnyParser::Sdmx(Parser::new(self, header)?))
        })
    }

    /// Streams the records of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`SdmxReader::records`], and [`Error::Io`] when the file cannot be opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Records<Box<dyn Read + Send>>> {
        self.records(open_path(path.as_ref())?)
    }
}

#[derive(Debug)]
pub(crate) struct Parser {
    header: Header,
    action: Option<usize>,
    reporter: usize,
    partner: usize,
    indicator: usize,
    frequency: Option<usize>,
    multiplier: usize,
    time: usize,
    value: usize,
    indicators: Vec<(String, Flow, Valuation)>,
    world: Vec<String>,
    currency: Currency,
    exponents: bool,
}

impl Parser {
    fn new(options: &SdmxReader, header: &Header) -> Result<Parser> {
        let first = header.names.first().map(String::as_str).unwrap_or_default();
        let action = if first.eq_ignore_ascii_case("DATAFLOW") {
            None
        } else if first.eq_ignore_ascii_case("STRUCTURE") {
            header.require(FORMAT, "STRUCTURE_ID")?;
            Some(header.require(FORMAT, "ACTION")?)
        } else {
            return Err(Error::MissingColumn {
                format: FORMAT,
                column: "DATAFLOW".into(),
                detail:
                    "SDMX-CSV 1.0 starts with DATAFLOW, 2.0 with STRUCTURE, STRUCTURE_ID, ACTION"
                        .into(),
            });
        };
        let multiplier = options
            .multiplier
            .iter()
            .find_map(|n| header.find(n))
            .ok_or_else(|| Error::MissingColumn {
                format: FORMAT,
                column: options.multiplier.join(" or "),
                detail: "without a unit multiplier, millions would be read as units".into(),
            })?;
        Ok(Parser {
            action,
            reporter: header.require(FORMAT, &options.reporter)?,
            partner: header.require(FORMAT, &options.partner)?,
            indicator: header.require(FORMAT, &options.indicator)?,
            frequency: options.frequency.iter().find_map(|n| header.find(n)),
            multiplier,
            time: header.require(FORMAT, "TIME_PERIOD")?,
            value: header.require(FORMAT, "OBS_VALUE")?,
            indicators: options.indicators.clone(),
            world: options.world.clone(),
            currency: options.currency,
            exponents: options.exponents,
            header: header.clone(),
        })
    }

    /// The code of a field: the text before `": "` when the field carries a label.
    fn code<'a>(
        &self,
        record: &Record<'a>,
        index: usize,
    ) -> std::result::Result<&'a str, Rejection> {
        let bytes = record.get(index).unwrap_or_default();
        let text = std::str::from_utf8(bytes)
            .map_err(|_| reject(self.header.name(index), bytes, "not UTF-8"))?;
        Ok(text.split_once(": ").map_or(text, |(code, _)| code).trim())
    }

    fn area(
        &self,
        record: &Record<'_>,
        index: usize,
        period: Period,
    ) -> std::result::Result<Area, Rejection> {
        let code = self.code(record, index)?;
        if self.world.iter().any(|w| w.eq_ignore_ascii_case(code)) {
            return Ok(Area::World);
        }
        let found = match code.len() {
            2 => Country::from_alpha2(code).map(Area::Country),
            3 => alpha3_by_year(code, period.calendar_year().get()),
            _ => None,
        };
        found.ok_or_else(|| {
            reject(
                self.header.name(index),
                code.as_bytes(),
                "not an ISO 3166-1 alpha-2 or alpha-3 code, nor a World code",
            )
        })
    }
}

/// A unit multiplier: a power of ten, or its word.
fn multiplier(code: &str) -> Option<u32> {
    match code.to_ascii_lowercase().as_str() {
        "units" | "unit" => Some(0),
        "thousands" | "thousand" => Some(3),
        "millions" | "million" => Some(6),
        "billions" | "billion" => Some(9),
        digits => digits.parse::<u32>().ok().filter(|&m| m <= 15),
    }
}

/// `value` times 10^`exponent`, exactly.
fn shifted(value: Decimal, exponent: u32) -> Option<Decimal> {
    let mut v = value;
    let into_decimals = exponent.min(v.scale());
    v.set_scale(v.scale() - into_decimals).ok()?;
    (0..exponent - into_decimals).try_fold(v, |acc, _| acc.checked_mul(Decimal::TEN))
}

impl RowParser for Parser {
    type Item = TradeRecord;
    type Cache = ();

    /// Each key field read on its own, by the rules of `parse`; `None` where it cannot be. An
    /// area is read without the period only when its code means the same in any year.
    fn key(&self, record: &Record<'_>) -> super::RejectedKey {
        let code = |index: usize| record.get(index).and(self.code(record, index).ok());
        let period: Option<Period> = code(self.time).and_then(|t| t.parse().ok());
        let area = |index: usize| {
            code(index)?;
            let at = |year: i32| {
                Period::year(year)
                    .ok()
                    .and_then(|p| self.area(record, index, p).ok())
            };
            match period {
                Some(p) => self.area(record, index, p).ok(),
                None => at(1990).filter(|&a| Some(a) == at(2010)),
            }
        };
        let flow = code(self.indicator).and_then(|c| {
            self.indicators
                .iter()
                .find(|(known, _, _)| known == c)
                .map(|&(_, flow, _)| flow)
        });
        super::RejectedKey {
            line: record.line,
            reporter: area(self.reporter),
            partner: area(self.partner),
            period,
            flow,
            commodity: Some(crate::commodity::Commodity::TOTAL),
        }
    }

    fn parse(
        &self,
        _: &mut (),
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        if let Some(i) = self.action {
            if self.code(record, i)?.eq_ignore_ascii_case("D") {
                return Ok(Outcome::Skip);
            }
        }
        let indicator = self.code(record, self.indicator)?;
        let Some(&(_, flow, valuation)) = self.indicators.iter().find(|(c, _, _)| c == indicator)
        else {
            return Ok(Outcome::Skip);
        };
        let value_text = record.get(self.value).unwrap_or_default().trim_ascii();
        if value_text.is_empty() || value_text.eq_ignore_ascii_case(b"NaN") {
            return Ok(Outcome::Skip);
        }
        let time = self.code(record, self.time)?;
        let period: Period = time.parse().map_err(|_| {
            reject(
                self.header.name(self.time),
                time.as_bytes(),
                "not a period (2022, 2022-Q1, 2022-M01, 2022-01)",
            )
        })?;
        if let Some(i) = self.frequency {
            let f = self.code(record, i)?;
            let expected = match f {
                "A" => Some(Frequency::Annual),
                "Q" => Some(Frequency::Quarterly),
                "M" => Some(Frequency::Monthly),
                _ => None,
            };
            if expected != Some(period.frequency()) {
                return Err(reject(
                    self.header.name(i),
                    f.as_bytes(),
                    format!("frequency does not match period {time}"),
                ));
            }
        }
        let reporter = self.area(record, self.reporter, period)?;
        let partner = self.area(record, self.partner, period)?;
        let parse = if self.exponents {
            parse_decimal_with_exponent
        } else {
            parse_decimal
        };
        let value = parse(value_text)
            .map_err(|reason| reject(self.header.name(self.value), value_text, reason))?;
        let mult_text = self.code(record, self.multiplier)?;
        let exponent = multiplier(mult_text).ok_or_else(|| {
            reject(
                self.header.name(self.multiplier),
                mult_text.as_bytes(),
                "not a unit multiplier (0, 3, 6, 9 or Units, Thousands, Millions, Billions)",
            )
        })?;
        let value = shifted(value, exponent).ok_or_else(|| {
            reject(
                self.header.name(self.value),
                value_text,
                "too large in units for a Decimal",
            )
        })?;
        Ok(Outcome::Accept(
            TradeRecord::new(
                reporter,
                partner,
                period,
                flow,
                Money::new(value, self.currency),
            )
            .with_valuation(valuation),
        ))
    }
}
