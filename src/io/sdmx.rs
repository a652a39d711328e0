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
//! | unit | `UNIT_MEASURE`, `UNIT` (or `unit`), if present | an ISO 4217 code (`GBP`, OECD's `USD_EXC`), or `XDC` (Eurostat `NAC`): the national currency |
//! | currency | `CURRENCY`, if present | an ISO 4217 code, or `_Z` (not applicable) |
//!
//! # Units: a value is money in a stated currency, or it is not read
//!
//! SDMX data flows mix units: a balance-of-payments extract holds amounts in national currency
//! next to percentages of GDP and indices, and goods next to services. So the reader never
//! assumes a row is money in the declared currency:
//!
//! - **The unit columns decide.** A unit that is an ISO 4217 code (or `USD_EXC`, US dollars at
//!   exchange rates) makes the row money in that currency; `XDC`, national currency, makes it
//!   money in the currency the `CURRENCY` column names (`UNIT_MEASURE=XDC, CURRENCY=GBP` is
//!   pounds; `XDC` with no currency named is a bad row). Without a unit, the `CURRENCY` column
//!   decides; without either, the row is in the declared currency ([`SdmxReader::currency`], US
//!   dollars by default). Two columns that name different currencies are a bad row.
//! - **A unit that is not money is a bad row**: a percentage (`PT_GS`, `PT_B1GQ`, `PC_GDP`), an
//!   index (`IX`, `I15`), or any other code: an error naming the value in strict mode, a
//!   rejection naming it in lenient mode. Percentages and indices are never read as money.
//! - **A dimension without a role holds one value.** The dimensions are the columns before
//!   `OBS_VALUE` (SDMX-CSV writes the attributes after it). Each one that is not the reporter,
//!   partner, indicator, frequency, time, unit or currency (such as `MEASURE` with goods `G`,
//!   services `S` and current account `CA`, or `ADJUSTMENT`) must hold the same code in every row
//!   read: the first row whose code differs from the first one seen is an error naming both
//!   codes, in lenient mode too (leaving such rows out would keep whichever measure came first),
//!   until the caller picks one with [`SdmxReader::select`] (`.select("MEASURE", "G")`); rows
//!   with another code are then skipped and counted as skipped.
//!
//! The rows of a read may still come in several currencies (one reporter's national currency
//! and another's): each record keeps its own, and a data set refuses to add them unless told to
//! convert ([`Builder::convert_to`](crate::dataset::Builder::convert_to)).
//!
//! Assumptions, stated because the IMF's own files vary: codes may carry labels (`KAZ:
//! Kazakhstan`, as SDMX-CSV with labels writes them; the code before `": "` is used); rows of
//! indicators outside the table, rows with `ACTION` `D` (delete), and observations without a
//! value (empty or `NaN`) are skipped and counted, not read. A file without a multiplier column is
//! refused rather than read with millions taken as units. Eurostat's units that carry their own
//! multiplier (`MIO_EUR`) are not read (a bad row naming the value).
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
use std::sync::OnceLock;

use rust_decimal::Decimal;

use super::csv::Record;
use super::decimal::{integral, parse_decimal, parse_decimal_with_exponent, parse_digits};
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

/// The start of the reason of a row whose dimension without a role changes its code.
const MIXED_CODES: &str = "mixed codes in a column without a role";

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
    units: Vec<String>,
    currencies: Vec<String>,
    selections: Vec<(String, String)>,
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
            units: vec!["UNIT_MEASURE".into(), "UNIT".into()],
            currencies: vec!["CURRENCY".into()],
            selections: Vec::new(),
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

    /// The currency of the values where the file names none (default US dollars, the currency
    /// of the IMF indicators the preset reads). A row whose unit or currency column names a
    /// currency is read in that currency instead (see the [module docs](self)).
    #[must_use]
    pub fn currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        self
    }

    /// The names of the unit columns (default `UNIT_MEASURE` and `UNIT`, in any case, so `unit`
    /// too): every one present is read, and a row whose unit is not money is a bad row.
    #[must_use]
    pub fn unit_columns(mut self, names: &[&str]) -> Self {
        self.units = names.iter().map(|&s| s.to_owned()).collect();
        self
    }

    /// The names of the currency columns (default `CURRENCY`): the currency of a row whose unit
    /// is the national currency (`XDC`), or of a row without a unit column.
    #[must_use]
    pub fn currency_columns(mut self, names: &[&str]) -> Self {
        self.currencies = names.iter().map(|&s| s.to_owned()).collect();
        self
    }

    /// Reads only the rows whose `column` holds the code `value` (for instance
    /// `.select("MEASURE", "G")` for goods in a balance-of-payments file); the other rows are
    /// skipped and counted as skipped. A column without a role must hold one value in the rows
    /// read, so a file that mixes several measures, adjustments or units needs one selection per
    /// such column. Selecting the same column again replaces the value.
    ///
    /// ```
    /// use tradestat::io::sdmx::SdmxReader;
    /// use tradestat::{Currency, Flow, Valuation};
    ///
    /// let csv = "DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,UNIT_MEASURE,CURRENCY,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
    ///            BOP,GBR,W1,G,C,XDC,GBP,A,2022,400,9\n\
    ///            BOP,GBR,W1,S,C,XDC,GBP,A,2022,480,9\n";
    /// let reader = SdmxReader::imf_imts()
    ///     .areas("REF_AREA", "COUNTERPART_AREA")
    ///     .indicators("ACCOUNTING_ENTRY", &[("C", Flow::Export, Valuation::Fob)]);
    /// // Goods and services in one column: an error naming both, until one is selected.
    /// assert!(reader.records(csv.as_bytes())?.any(|r| r.is_err()));
    /// let goods: Vec<_> = reader.select("MEASURE", "G").records(csv.as_bytes())?.collect::<Result<_, _>>()?;
    /// assert_eq!(goods.len(), 1);
    /// assert_eq!(goods[0].value().currency(), Currency::GBP);
    /// assert_eq!(goods[0].value().amount().to_string(), "400000000000");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    #[must_use]
    pub fn select(mut self, column: &str, value: &str) -> Self {
        self.selections
            .retain(|(c, _)| !c.eq_ignore_ascii_case(column));
        self.selections.push((column.to_owned(), value.to_owned()));
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
    /// column), lacks `TIME_PERIOD`, `OBS_VALUE`, a configured dimension, a column named in
    /// [`SdmxReader::select`], or any unit multiplier column; bad rows as [`Records`] says
    /// (among them a unit that is not money, and a column without a role whose value changes).
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
    /// The unit columns present.
    units: Vec<usize>,
    /// The currency columns present.
    currencies: Vec<usize>,
    /// Rows whose column holds another code are skipped.
    selections: Vec<(usize, String)>,
    /// The dimensions without a role, each with the first code read there (set once, by the
    /// first row that reaches the check; `OnceLock` keeps the parser `Sync`).
    fixed: Vec<(usize, OnceLock<String>)>,
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
        let reporter = header.require(FORMAT, &options.reporter)?;
        let partner = header.require(FORMAT, &options.partner)?;
        let indicator = header.require(FORMAT, &options.indicator)?;
        let frequency = options.frequency.iter().find_map(|n| header.find(n));
        let time = header.require(FORMAT, "TIME_PERIOD")?;
        let value = header.require(FORMAT, "OBS_VALUE")?;
        let present = |names: &[String]| {
            let mut found: Vec<usize> = names.iter().filter_map(|n| header.find(n)).collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let units = present(&options.units);
        let currencies = present(&options.currencies);
        let selections = options
            .selections
            .iter()
            .map(|(column, code)| {
                header
                    .find(column)
                    .map(|i| (i, code.clone()))
                    .ok_or_else(|| Error::MissingColumn {
                        format: FORMAT,
                        column: column.clone(),
                        detail: "selected with SdmxReader::select".into(),
                    })
            })
            .collect::<Result<Vec<_>>>()?;
        // The dimensions are the columns before OBS_VALUE (SDMX-CSV puts the attributes after
        // it); those without a role must hold one value.
        let roles: Vec<usize> = [reporter, partner, indicator, time, value, multiplier]
            .into_iter()
            .chain(action)
            .chain(frequency)
            .chain(units.iter().copied())
            .chain(currencies.iter().copied())
            .chain(selections.iter().map(|&(i, _)| i))
            .collect();
        let fixed = (0..value)
            .filter(|i| !roles.contains(i))
            .filter(|&i| {
                !STRUCTURAL.iter().any(|s| {
                    header
                        .names
                        .get(i)
                        .is_some_and(|n| n.eq_ignore_ascii_case(s))
                })
            })
            .map(|i| (i, OnceLock::new()))
            .collect();
        Ok(Parser {
            action,
            reporter,
            partner,
            indicator,
            frequency,
            multiplier,
            time,
            value,
            indicators: options.indicators.clone(),
            world: options.world.clone(),
            currency: options.currency,
            units,
            currencies,
            selections,
            fixed,
            exponents: options.exponents,
            header: header.clone(),
        })
    }

    /// Checks that every dimension without a role holds the code the first row read there held.
    fn check_fixed(&self, record: &Record<'_>) -> std::result::Result<(), Rejection> {
        for (index, first) in &self.fixed {
            let code = self.code(record, *index)?;
            let first = first.get_or_init(|| code.to_owned());
            if first != code {
                let column = self.header.name(*index);
                return Err(reject(
                    column.clone(),
                    code.as_bytes(),
                    format!(
                        "{MIXED_CODES}: {column} is {code:?} here but {first:?} in the first row \
                         read; such a column must hold one value, or figures of different \
                         measures would be added up; choose one with \
                         SdmxReader::select({column:?}, {first:?}) or give the column a role"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The currency of a row's value: the one its unit columns name (an ISO code, `USD_EXC`),
    /// else the one its currency columns name (for a national-currency unit, `XDC`, they must),
    /// else the declared one. A unit that is not money (a percentage, an index) is an error.
    fn currency(&self, record: &Record<'_>) -> std::result::Result<Currency, Rejection> {
        let conflict = |index: usize, code: &str, found: Currency, other: (Currency, usize)| {
            reject(
                self.header.name(index),
                code.as_bytes(),
                format!(
                    "{} says {found} but {} says {}: the row's currency is not clear",
                    self.header.name(index),
                    self.header.name(other.1),
                    other.0
                ),
            )
        };
        let mut stated: Option<(Currency, usize)> = None;
        let mut national: Option<usize> = None;
        for &index in &self.units {
            let code = self.code(record, index)?;
            match Unit::of(code) {
                Unit::Unstated => {}
                Unit::National => national = Some(index),
                Unit::Money(c) => match stated {
                    Some(other) if other.0 != c => return Err(conflict(index, code, c, other)),
                    _ => stated = Some((c, index)),
                },
                Unit::NotMoney(kind) => {
                    return Err(reject(
                        self.header.name(index),
                        code.as_bytes(),
                        format!(
                            "the unit {code:?} is {kind}, not an amount of money: tradestat \
                             reads money values only (select the money rows with \
                             SdmxReader::select)"
                        ),
                    ))
                }
            }
        }
        if let Some((c, _)) = stated {
            return Ok(c);
        }
        let mut named: Option<(Currency, usize)> = None;
        for &index in &self.currencies {
            let code = self.code(record, index)?;
            if code.is_empty() || code == NOT_APPLICABLE {
                continue;
            }
            let c = money_currency(code).ok_or_else(|| {
                reject(
                    self.header.name(index),
                    code.as_bytes(),
                    "not an ISO 4217 currency code (nor _Z, not applicable)",
                )
            })?;
            match named {
                Some(other) if other.0 != c => return Err(conflict(index, code, c, other)),
                _ => named = Some((c, index)),
            }
        }
        match (named, national) {
            (Some((c, _)), _) => Ok(c),
            (None, Some(index)) => {
                let code = self.code(record, index)?;
                let columns: Vec<String> = self
                    .currencies
                    .iter()
                    .map(|&i| self.header.name(i))
                    .collect();
                Err(reject(
                    self.header.name(index),
                    code.as_bytes(),
                    if columns.is_empty() {
                        "the national currency, but the file has no currency column (CURRENCY) \
                         to say which"
                            .to_owned()
                    } else {
                        format!(
                            "the national currency, but {} names no currency",
                            columns.join(", ")
                        )
                    },
                ))
            }
            (None, None) => Ok(self.currency),
        }
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

/// Columns of SDMX-CSV itself (and Eurostat's `LAST UPDATE`), never dimensions.
const STRUCTURAL: [&str; 6] = [
    "DATAFLOW",
    "STRUCTURE",
    "STRUCTURE_ID",
    "STRUCTURE_NAME",
    "ACTION",
    "LAST UPDATE",
];

/// SDMX's code for "not applicable" (a currency column on a row not in a currency).
const NOT_APPLICABLE: &str = "_Z";

/// What a unit code says about a row's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// An empty field: the row's unit is given elsewhere (or is the declared currency).
    Unstated,
    /// `XDC` (SDMX) or `NAC` (Eurostat): the national currency, named by the currency column.
    National,
    /// An ISO 4217 code, or OECD's `USD_EXC` ("US dollars, exchange rate converted").
    Money(Currency),
    /// Anything else: a percentage, an index, persons, a rate... (what it is, in words).
    NotMoney(&'static str),
}

impl Unit {
    fn of(code: &str) -> Unit {
        if code.is_empty() {
            return Unit::Unstated;
        }
        if code.eq_ignore_ascii_case("XDC") || code.eq_ignore_ascii_case("NAC") {
            return Unit::National;
        }
        let bare = code
            .strip_suffix("_EXC")
            .or_else(|| code.strip_suffix("_exc"))
            .unwrap_or(code);
        if let Some(c) = money_currency(bare) {
            return Unit::Money(c);
        }
        let upper = code.to_ascii_uppercase();
        let index = upper.starts_with("IX")
            || upper.starts_with("IDX")
            || upper.starts_with("INDEX")
            || upper
                .strip_prefix('I')
                .is_some_and(|base| !base.is_empty() && base.bytes().all(|b| b.is_ascii_digit()));
        let percentage = upper.starts_with("PT")
            || upper.starts_with("PC")
            || upper.starts_with("PERCENT")
            || upper.contains('%');
        Unit::NotMoney(if percentage {
            "a percentage"
        } else if index {
            "an index"
        } else {
            "not a currency"
        })
    }
}

/// The currency an ISO 4217 code names, if it is money: the codes for "no currency" (`XXX`),
/// testing (`XTS`), precious metals (in troy ounces) and bond-market units are not.
fn money_currency(code: &str) -> Option<Currency> {
    const NOT_MONEY: [&str; 10] = [
        "XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD",
    ];
    if NOT_MONEY.iter().any(|n| n.eq_ignore_ascii_case(code)) {
        return None;
    }
    Currency::from_code(code)
}

/// A unit multiplier: a power of ten, or its word.
fn multiplier(code: &str) -> Option<u32> {
    match code.to_ascii_lowercase().as_str() {
        "units" | "unit" => Some(0),
        "thousands" | "thousand" => Some(3),
        "millions" | "million" => Some(6),
        "billions" | "billion" => Some(9),
        digits => parse_digits(digits.as_bytes(), 2).filter(|&m| m <= 15),
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
    /// A column without a role that changes its code stops a lenient read too: leaving the row
    /// out would keep whichever code came first, and the figures would be that measure's by
    /// the order of the file.
    fn is_fatal(&self, rejection: &Rejection) -> bool {
        rejection.reason.starts_with(MIXED_CODES)
    }

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
        for (i, wanted) in &self.selections {
            if self.code(record, *i)? != wanted.as_str() {
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
        self.check_fixed(record)?;
        let currency = self.currency(record)?;
        let time = self.code(record, self.time)?;
        // `2022.0` (a year written as a float) is 2022; `2022.5` is refused.
        let whole = integral(time.as_bytes())
            .map_err(|reason| reject(self.header.name(self.time), time.as_bytes(), reason))?;
        let period: Period = time
            .get(..whole.len())
            .unwrap_or(time)
            .parse()
            .map_err(|_| {
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
            TradeRecord::new(reporter, partner, period, flow, Money::new(value, currency))
                .with_valuation(valuation),
        ))
    }
}
