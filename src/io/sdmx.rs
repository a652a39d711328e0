//! SDMX-CSV, the CSV form of SDMX data that the IMF, OECD, Eurostat and the ECB serve: version
//! 1.0 (first column `DATAFLOW`) and 2.0 (columns `STRUCTURE`, `STRUCTURE_ID`, an optional
//! `ACTION`), in every header form (see [Header forms](#header-forms)).
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
//! value (empty, `NaN`, `#N/A` or `NA`) are skipped and counted, never read as zero. A file
//! without a multiplier column, or a row with an empty multiplier cell, is refused naming the
//! column rather than read with millions taken as units, unless the caller declares the scale
//! ([`SdmxReader::unit`]). Eurostat's units that carry their own
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
use super::rows::{reject, Delimiting, Header, Outcome, RowParser};
use super::Delimiter;
use crate::area::Area;
use crate::commodity::Commodity;
use crate::country::Country;
use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::money::Money;
use crate::money::Scale;
use crate::period::{Frequency, Period};
use crate::record::TradeRecord;
use crate::Flags;

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
    /// The candidate names of the product dimension (the first present is used).
    products: Vec<String>,
    /// Whether a product other than the total is read as an HS code (Comext) rather than
    /// refused.
    hs_products: bool,
    exponents: bool,
    scale: Option<Scale>,
    delimiter: Option<Delimiter>,
    aliases: Vec<(String, Area)>,
    aggregates: Vec<String>,
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
            products: vec!["PRODUCT".into(), "COMMODITY".into()],
            hs_products: false,
            exponents: false,
            scale: None,
            delimiter: None,
            aliases: Vec::new(),
            aggregates: Vec::new(),
            mode: Mode::Strict,
            limits: super::Limits::new(),
        }
    }

    /// OECD balance of payments (`DSD_BOP`): `REF_AREA` against `COUNTERPART_AREA`, flows from
    /// `ACCOUNTING_ENTRY` (`C` credit = exports, `D` debit = imports, both FOB as BPM6 values
    /// them), goods only (`.select("MEASURE", "G")`: services rows (`S`) and the current account
    /// (`CA`) are skipped and counted, since the crate's records are goods totals; select `S`
    /// to read services instead, never both in one read). Units from `UNIT_MEASURE`/`CURRENCY`
    /// (OECD's `XDC` + `GBP` is pounds), multiplier from `UNIT_MULT`.
    pub fn oecd_bop() -> Self {
        SdmxReader::imf_imts()
            .areas("REF_AREA", "COUNTERPART_AREA")
            .indicators(
                "ACCOUNTING_ENTRY",
                &[
                    ("C", Flow::Export, Valuation::Fob),
                    ("D", Flow::Import, Valuation::Fob),
                ],
            )
            .select("MEASURE", "G")
    }

    /// OECD international trade by commodity (ITCS, `DSD_ITCS`): `REF_AREA` against
    /// `COUNTERPART_AREA`, flows from `TRADE_FLOW` (`X` exports FOB, `M` imports CIF), values in
    /// US dollars unless `UNIT_MEASURE`/`CURRENCY` say otherwise, multiplier from `UNIT_MULT`.
    /// The product dimension (`PRODUCT` or `COMMODITY`; another name with
    /// [`SdmxReader::product_columns`]) must be the total (`_T`, `TOTAL`): a row of another
    /// product is a bad row, never read as the total (select the total with
    /// `.select("PRODUCT", "_T")` to skip the others). The column and code names are those of OECD's ITCS extracts as this crate
    /// knows them (not checked against a live response): if yours differ, set them with
    /// [`SdmxReader::areas`] and [`SdmxReader::indicators`]; a missing column is an error
    /// naming it, never a guess.
    pub fn oecd_itcs() -> Self {
        SdmxReader::imf_imts()
            .areas("REF_AREA", "COUNTERPART_AREA")
            .indicators(
                "TRADE_FLOW",
                &[
                    ("X", Flow::Export, Valuation::Fob),
                    ("M", Flow::Import, Valuation::Cif),
                ],
            )
    }

    /// Eurostat Comext (`DS-045409`, served from
    /// `.../eurostat/api/comext/dissemination/sdmx/2.1/`), SDMX-CSV 1.0 with the columns
    /// `DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE`
    /// and `OBS_FLAG`/`CONF_STATUS`:
    ///
    /// - `reporter`/`partner` are two-letter codes with Eurostat's exceptions (`EL` and `GR`
    ///   Greece, `UK` the United Kingdom); `WORLD` is the World; the EU aggregates
    ///   (`EU27_2020_EXTRA`, `EU27_2020_INTRA`, ...) are not areas of the crate: their rows are
    ///   skipped and counted;
    /// - `flow` `1` imports (CIF), `2` exports (FOB);
    /// - `indicators` is the unit: `VALUE_IN_EUROS` is money in euros (in units: the file has no
    ///   multiplier column, the indicator's name states it), `QUANTITY_IN_100KG` is a bad row,
    ///   never money (select the value rows with `.select("indicators", "VALUE_IN_EUROS")`);
    /// - `product` is read for the total only (`TOTAL`): other products are skipped and counted;
    ///   `.select("product", "84")` reads one other code as that HS code (chapter 84), never as
    ///   the total; a code that is not an HS code (a CN8 code of 8 digits) is a bad row.
    pub fn eurostat_comext() -> Self {
        let mut reader = SdmxReader::imf_imts()
            .areas("reporter", "partner")
            .indicators(
                "flow",
                &[
                    ("1", Flow::Import, Valuation::Cif),
                    ("2", Flow::Export, Valuation::Fob),
                ],
            )
            .unit_columns(&["indicators"])
            .currency(Currency::EUR)
            .unit(Scale::Units)
            .select("product", "TOTAL");
        reader.world = vec!["WORLD".into()];
        reader.products = vec!["product".into()];
        reader.hs_products = true;
        reader.aliases = vec![
            ("EL".into(), Area::Country(Country::GRC)),
            ("GR".into(), Area::Country(Country::GRC)),
            ("UK".into(), Area::Country(Country::GBR)),
        ];
        reader.aggregates = vec!["EU".into(), "EA".into(), "EXTRA".into(), "INTRA".into()];
        reader
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

    /// The candidate names of the product (commodity) dimension (default `PRODUCT`,
    /// `COMMODITY`; the first present is used; none present means the file holds totals). Its
    /// code must be the total (`_T`, `TOTAL`, `TOT`): another product is a bad row, never
    /// recorded as the total (the Comext preset reads HS codes as those products).
    #[must_use]
    pub fn product_columns(mut self, names: &[&str]) -> Self {
        self.products = names.iter().map(|&s| s.to_owned()).collect();
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
    /// is an error unless a scale is declared with [`SdmxReader::unit`]).
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

    /// The scale of the values where the file states none: a file without a multiplier column
    /// (Eurostat's), or an empty `UNIT_MULT` cell (OECD writes `...,2020-Q3,120.812,,,,`). A
    /// multiplier the row states always wins. Without a declared scale such a file, or row, is
    /// refused naming the column: never read in units by default.
    ///
    /// ```
    /// use tradestat::io::sdmx::SdmxReader;
    /// use tradestat::Scale;
    ///
    /// let csv = "DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,UNIT_MEASURE,CURRENCY,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
    ///            BOP,GBR,W1,G,C,XDC,GBP,Q,2020-Q3,120.812,\n";
    /// // The cell is empty: refused, naming UNIT_MULT...
    /// let error = SdmxReader::oecd_bop().records(csv.as_bytes())?.find_map(Result::err).unwrap();
    /// assert!(error.to_string().contains("UNIT_MULT"));
    /// // ...unless the caller says the figures are in millions.
    /// let read: Vec<_> = SdmxReader::oecd_bop().unit(Scale::Million).records(csv.as_bytes())?.collect::<Result<_, _>>()?;
    /// assert_eq!(read[0].value().amount().to_string(), "120812000");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    #[must_use]
    pub fn unit(mut self, scale: Scale) -> Self {
        self.scale = Some(scale);
        self
    }

    /// The field separator (default: sniffed from the header line, the most frequent of comma,
    /// tab, `;` and `|`; SDMX-CSV 2.0 states it as the character after `STRUCTURE` or
    /// `STRUCTURE[..]`, and a header whose first cell shows another one is refused). In a file
    /// separated by anything but commas, `OBS_VALUE` may use a decimal comma (`120,812`).
    #[must_use]
    pub fn delimiter(mut self, delimiter: Delimiter) -> Self {
        self.delimiter = Some(delimiter);
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
    /// column: the detail says what the file looks like), its header was split at another
    /// separator than the one after `STRUCTURE`, or it lacks `STRUCTURE_ID` (2.0),
    /// `TIME_PERIOD`, `OBS_VALUE`, a configured dimension, a column named in
    /// [`SdmxReader::select`], or any unit multiplier column without a declared scale
    /// ([`SdmxReader::unit`]); bad rows as [`Records`] says (among them a unit that is not
    /// money, an empty multiplier without a declared scale, an unknown `ACTION`, and a column
    /// without a role whose value changes).
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        let delimiting = self.delimiter.map_or(Delimiting::Sniff, Delimiting::Fixed);
        Records::with_delimiting(
            input,
            FORMAT,
            self.mode,
            self.limits,
            delimiting,
            |header| Ok(AnyParser::Sdmx(Parser::new(self, header)?)),
        )
    }

    /// What a sheet of a workbook needs to be read as this format (feature `excel`).
    #[cfg(feature = "excel")]
    pub(crate) fn setup(&self) -> super::records::Setup<'_> {
        super::records::Setup {
            format: FORMAT,
            mode: self.mode,
            limits: self.limits,
            notes: None,
            make: Box::new(move |header| Ok(AnyParser::Sdmx(Parser::new(self, header)?))),
        }
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
    /// The header by codes: each name's code before its label (`TIME_PERIOD: Time period` is
    /// `TIME_PERIOD`) and without a language list (`ATTR_1[en;fr]` is `ATTR_1`).
    header: Header,
    action: Option<usize>,
    reporter: usize,
    partner: usize,
    indicator: usize,
    frequency: Option<usize>,
    /// The multiplier column, if the file has one.
    multiplier: Option<usize>,
    /// The declared scale, for a file or row that states none.
    scale: Option<Scale>,
    time: usize,
    value: usize,
    indicators: Vec<(String, Flow, Valuation)>,
    world: Vec<String>,
    aliases: Vec<(String, Area)>,
    aggregates: Vec<String>,
    currency: Currency,
    /// The unit columns present.
    units: Vec<usize>,
    /// The currency columns present.
    currencies: Vec<usize>,
    /// The observation status columns present (`OBS_STATUS`, `OBS_FLAG`) and `CONF_STATUS`.
    status: Vec<usize>,
    confidentiality: Option<usize>,
    /// Rows whose column holds another code are skipped.
    selections: Vec<(usize, String)>,
    /// The product dimension, if the file has one, and whether other products are HS codes.
    product: Option<usize>,
    hs_products: bool,
    /// The dimensions without a role, each with the first code read there (set once, by the
    /// first row that reaches the check; `OnceLock` keeps the parser `Sync`).
    fixed: Vec<(usize, OnceLock<String>)>,
    exponents: bool,
    /// The sub-field separator `STRUCTURE[..]` declares, if any.
    sub_field: Option<char>,
    /// Which columns are multi-valued (headed `ID[]`): their values are lists separated by
    /// `sub_field`. Empty when none is.
    multi_valued: Vec<bool>,
}

/// The code of a header cell: the text before a label (`TIME_PERIOD: Time period`), without a
/// language list (`ATTR_1[en;fr]`) or the sub-field separator (`STRUCTURE[|]`).
fn header_code(name: &str) -> &str {
    let code = name.split_once(':').map_or(name, |(code, _)| code).trim();
    code.split_once('[').map_or(code, |(code, _)| code).trim()
}

/// What a header that is not SDMX-CSV looks like, for the error.
fn looks_like(header: &Header) -> String {
    let has = |n: &str| header.find(n).is_some();
    let first = header.names.first().map(String::as_str).unwrap_or_default();
    let what = if has("typeCode") || has("refPeriodId") || has("period") && has("reporterCode") {
        "it looks like a UN Comtrade file (read it with ComtradeReader)".to_owned()
    } else if has("Trade Value (US$)") || has("Classification") && has("Reporter ISO") {
        "it looks like a legacy UN Comtrade file (read it with ComtradeReader)".to_owned()
    } else if ["t", "i", "j", "k", "v"].iter().all(|n| has(n)) {
        "it looks like CEPII BACI (read it with DyadicReader::baci())".to_owned()
    } else if has("TIME_PERIOD") && has("OBS_VALUE") {
        format!(
            "it has TIME_PERIOD and OBS_VALUE but starts with {first:?}: an SDMX export \
             without its DATAFLOW/STRUCTURE column"
        )
    } else {
        format!(
            "its first column is {first:?}, of {} columns, and it has no TIME_PERIOD/OBS_VALUE",
            header.len()
        )
    };
    format!("SDMX-CSV 1.0 starts with DATAFLOW, 2.0 with STRUCTURE, STRUCTURE_ID; {what}")
}

impl Parser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`): `TIME_PERIOD`
    /// by the row's frequency (`2022` or `2022-01`), when the file has a frequency column.
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        (column == self.time).then_some(())?;
        Some(match self.frequency {
            Some(frequency) => super::excel::DateForm::ByFrequency {
                column: frequency,
                dashed: true,
            },
            None => super::excel::DateForm::Either { dashed: true },
        })
    }

    fn new(options: &SdmxReader, raw: &Header) -> Result<Parser> {
        // Multi-valued components (the field guide: `ATTR4[]`, values separated by the first
        // character in `STRUCTURE[..]`).
        let sub_field = raw.names.first().and_then(|first| {
            let code = first
                .split_once(':')
                .map_or(first.as_str(), |(c, _)| c)
                .trim();
            code.split_once('[')?.1.chars().next().filter(|&c| c != ']')
        });
        let mut multi_valued: Vec<bool> = raw
            .names
            .iter()
            .map(|n| {
                let code = n.split_once(':').map_or(n.as_str(), |(c, _)| c).trim();
                code.ends_with("[]")
            })
            .collect();
        if let Some(i) = multi_valued.iter().position(|&m| m) {
            if sub_field.is_none() {
                return Err(Error::MissingColumn {
                    format: FORMAT,
                    column: "STRUCTURE[..]".into(),
                    detail: format!(
                        "column {:?} is multi-valued ([]), but the first header cell declares \
                         no sub-field separator (STRUCTURE[;]): its values cannot be split",
                        raw.names.get(i).map(String::as_str).unwrap_or_default()
                    ),
                });
            }
        } else {
            multi_valued.clear();
        }
        let mut header = Header {
            names: raw
                .names
                .iter()
                .map(|n| header_code(n).to_owned())
                .collect(),
        };
        // `labels=name`: after `STRUCTURE_NAME` (and `ACTION`, `SERIES_KEY`, `OBS_KEY`), each
        // component's column is followed by one holding the names of its codes, headed by the
        // component's name (`Frequency`): such columns are renamed so no role matches them.
        if header.find("STRUCTURE_NAME").is_some() {
            let start = header
                .names
                .iter()
                .rposition(|n| STRUCTURAL.iter().any(|s| n.eq_ignore_ascii_case(s)))
                .map_or(0, |i| i + 1);
            for i in (start + 1..header.names.len()).step_by(2) {
                let of = header.name(i - 1);
                if let Some(name) = header.names.get_mut(i) {
                    *name = format!("(name of {of})");
                }
            }
        }
        let first_raw = raw.names.first().map(String::as_str).unwrap_or_default();
        let first = header.names.first().map(String::as_str).unwrap_or_default();
        // The header split at another character than the file's separator: the first cell
        // holds the separator (`STRUCTURE;STRUCTURE_ID;...` read as one cell).
        for start in ["STRUCTURE", "DATAFLOW"] {
            let rest = first_raw
                .get(..start.len())
                .filter(|s| s.eq_ignore_ascii_case(start))
                .and_then(|_| first_raw.get(start.len()..))
                .unwrap_or_default();
            let rest = if rest.starts_with('[') {
                rest.split_once(']').map_or("", |(_, r)| r)
            } else {
                rest
            };
            if let Some(separator) = rest.chars().next().filter(|c| !c.is_alphanumeric()) {
                if !matches!(separator, ':' | ' ' | '_') {
                    return Err(Error::MissingColumn {
                        format: FORMAT,
                        column: "STRUCTURE_ID".into(),
                        detail: format!(
                            "the header's first cell is {first_raw:?}: the file's fields are \
                             separated by {separator:?} (the character after {start}), but the \
                             header was split at another delimiter; give it with \
                             SdmxReader::delimiter"
                        ),
                    });
                }
            }
        }
        let action = if first.eq_ignore_ascii_case("DATAFLOW") {
            header.find("ACTION")
        } else if first.eq_ignore_ascii_case("STRUCTURE") {
            header.require(FORMAT, "STRUCTURE_ID")?;
            header.find("ACTION")
        } else {
            return Err(Error::MissingColumn {
                format: FORMAT,
                column: "DATAFLOW".into(),
                detail: looks_like(&header),
            });
        };
        let multiplier = options.multiplier.iter().find_map(|n| header.find(n));
        if multiplier.is_none() && options.scale.is_none() {
            return Err(Error::MissingColumn {
                format: FORMAT,
                column: options.multiplier.join(" or "),
                detail: "without a unit multiplier, millions would be read as units: declare \
                         the scale of the values with SdmxReader::unit(Scale)"
                    .into(),
            });
        }
        let reporter = header.require(FORMAT, &options.reporter)?;
        let partner = header.require(FORMAT, &options.partner)?;
        let indicator = header.require(FORMAT, &options.indicator)?;
        let frequency = options.frequency.iter().find_map(|n| header.find(n));
        let product = options.products.iter().find_map(|n| header.find(n));
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
        let status = present(&["OBS_STATUS".to_owned(), "OBS_FLAG".to_owned()]);
        let confidentiality = header.find("CONF_STATUS");
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
        let roles: Vec<usize> = [reporter, partner, indicator, time, value]
            .into_iter()
            .chain(multiplier)
            .chain(action)
            .chain(frequency)
            .chain(product)
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
            // The name columns of `labels=name` hold the names of the codes beside them.
            .filter(|&i| {
                !header
                    .names
                    .get(i)
                    .is_some_and(|n| n.starts_with("(name of "))
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
            scale: options.scale,
            time,
            value,
            indicators: options.indicators.clone(),
            world: options.world.clone(),
            aliases: options.aliases.clone(),
            aggregates: options.aggregates.clone(),
            currency: options.currency,
            units,
            currencies,
            status,
            confidentiality,
            selections,
            product,
            hs_products: options.hs_products,
            fixed,
            exponents: options.exponents,
            sub_field,
            multi_valued,
            header,
        })
    }

    /// The product of a row: the total, or (with `hs_products`) the HS code; any other code is
    /// refused, never recorded as the total.
    fn commodity(&self, record: &Record<'_>) -> std::result::Result<Commodity, Rejection> {
        let Some(index) = self.product else {
            return Ok(Commodity::TOTAL);
        };
        let code = self.code(record, index)?;
        if TOTAL_PRODUCTS.iter().any(|t| code.eq_ignore_ascii_case(t)) {
            return Ok(Commodity::TOTAL);
        }
        let refused = |why: String| reject(self.header.name(index), code.as_bytes(), why);
        if self.hs_products {
            return Commodity::hs(code)
                .map_err(|e| refused(format!("not an HS product code: {e}")));
        }
        Err(refused(format!(
            "a product other than the total ({}): this reader reads totals, and the figure              would be recorded as the total; select the total with SdmxReader::select",
            TOTAL_PRODUCTS.join(", ")
        )))
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

    /// The power of ten of a row's values: its multiplier cell, else the declared scale; an
    /// empty cell (or no column) without a declared scale is a bad row naming the column.
    fn exponent(&self, record: &Record<'_>) -> std::result::Result<u32, Rejection> {
        let Some(index) = self.multiplier else {
            // Parser::new refuses a file without the column unless a scale is declared.
            return Ok(self.scale.map_or(0, Scale::exponent));
        };
        let text = self.code(record, index)?;
        if text.is_empty() {
            return self.scale.map(Scale::exponent).ok_or_else(|| {
                reject(
                    self.header.name(index),
                    b"",
                    format!(
                        "an empty {}: the scale of the value is not stated; declare it with \
                         SdmxReader::unit(Scale)",
                        self.header.name(index)
                    ),
                )
            });
        }
        // `6.0` (a whole number written as a float) is 6; `6.5` is refused.
        let whole = integral(text.as_bytes())
            .map_err(|reason| reject(self.header.name(index), text.as_bytes(), reason))?;
        multiplier(text.get(..whole.len()).unwrap_or(text)).ok_or_else(|| {
            reject(
                self.header.name(index),
                text.as_bytes(),
                "not a unit multiplier (0, 3, 6, 9 or Units, Thousands, Millions, Billions)",
            )
        })
    }

    /// The marks of a row's observation status (`OBS_STATUS`, Eurostat's `OBS_FLAG`, which may
    /// hold several letters) and confidentiality (`CONF_STATUS`).
    fn flags(&self, record: &Record<'_>) -> std::result::Result<Flags, Rejection> {
        let mut flags = Flags::NONE;
        // A multi-valued status (`OBS_STATUS[]` holding `E;P`) keeps every mark.
        for &index in &self.status {
            for code in self.codes(record, index)? {
                for c in code.chars() {
                    flags |= status_flag(c);
                }
            }
        }
        if let Some(index) = self.confidentiality {
            // F free; C confidential, D secondary confidentiality, N not for publication.
            if matches!(self.code(record, index)?, "C" | "D" | "N" | "S") {
                flags |= Flags::CONFIDENTIAL;
            }
        }
        Ok(flags)
    }

    /// Whether an area code is one of the aggregates the crate has no area for (Eurostat's
    /// `EU27_2020_EXTRA`): such rows are skipped and counted.
    fn is_aggregate(
        &self,
        record: &Record<'_>,
        index: usize,
    ) -> std::result::Result<bool, Rejection> {
        if self.aggregates.is_empty() {
            return Ok(false);
        }
        let code = self.code(record, index)?;
        Ok(code.len() > 3
            && !self.world.iter().any(|w| w.eq_ignore_ascii_case(code))
            && self.aggregates.iter().any(|a| {
                code.get(..a.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(a))
                    || code.split('_').any(|part| part.eq_ignore_ascii_case(a))
            }))
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
        self.one_value(index, text)?;
        Ok(text.split_once(": ").map_or(text, |(code, _)| code).trim())
    }

    /// Refuses several values in a multi-valued column (`UNIT_MULT[]` holding `6;3`) read for
    /// one value: which one stands is not defined, and the list is never read as one code.
    fn one_value(&self, index: usize, text: &str) -> std::result::Result<(), Rejection> {
        let several = match self.sub_field {
            Some(sub) if self.multi_valued.get(index).copied().unwrap_or(false) => {
                text.contains(sub)
            }
            _ => false,
        };
        if several {
            return Err(reject(
                self.header.name(index),
                text.as_bytes(),
                format!(
                    "several values in the multi-valued column {}[]: this reader reads one \
                     value there",
                    self.header.name(index)
                ),
            ));
        }
        Ok(())
    }

    /// The codes of a field that may hold several (a multi-valued column, `E: Estimated;P`):
    /// each value's code, without its label.
    fn codes<'a>(
        &self,
        record: &Record<'a>,
        index: usize,
    ) -> std::result::Result<Vec<&'a str>, Rejection> {
        let bytes = record.get(index).unwrap_or_default();
        let text = std::str::from_utf8(bytes)
            .map_err(|_| reject(self.header.name(index), bytes, "not UTF-8"))?;
        let label = |v: &'a str| v.split_once(": ").map_or(v, |(code, _)| code).trim();
        Ok(match self.sub_field {
            Some(sub) if self.multi_valued.get(index).copied().unwrap_or(false) => {
                text.split(sub).map(label).collect()
            }
            _ => vec![label(text)],
        })
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
        if let Some(&(_, area)) = self
            .aliases
            .iter()
            .find(|(alias, _)| alias.eq_ignore_ascii_case(code))
        {
            return Ok(area);
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
const STRUCTURAL: [&str; 8] = [
    "DATAFLOW",
    "STRUCTURE",
    "STRUCTURE_ID",
    "STRUCTURE_NAME",
    "ACTION",
    "LAST UPDATE",
    "SERIES_KEY",
    "OBS_KEY",
];

/// How SDMX-CSV writes a missing observation: such rows are skipped and counted as skipped,
/// never read as zero.
const MISSING: [&[u8]; 4] = [b"", b"NaN", b"#N/A", b"NA"];

/// The mark of one observation status letter (SDMX `CL_OBS_STATUS`, Eurostat's flags): `E`,
/// `F` (forecast), `I` (imputed), `s` (Eurostat estimate) estimated; `P` provisional; `C`
/// confidential; `B` break. The other codes (`A` normal, `D` definition differs, `U` low
/// reliability, ...) have no mark of the crate's and read as none.
fn status_flag(c: char) -> Flags {
    match c.to_ascii_uppercase() {
        'E' | 'F' | 'I' | 'S' => Flags::ESTIMATED,
        'P' => Flags::PROVISIONAL,
        'C' => Flags::CONFIDENTIAL,
        'B' => Flags::BREAK,
        _ => Flags::NONE,
    }
}

/// A value written with a decimal comma (`120,812`) in a file whose fields are not separated by
/// commas, as the decimal point; `None` for any other text (in a comma-separated file a comma
/// in a value is quoted, and may be a thousands separator: it stays a bad value).
fn decimal_comma(record: &Record<'_>, value: &[u8]) -> Option<Vec<u8>> {
    if !value.contains(&b',') || value.contains(&b'.') {
        return None;
    }
    if separator(record) == Some(b',') {
        return None;
    }
    Some(
        value
            .iter()
            .map(|&b| if b == b',' { b'.' } else { b })
            .collect(),
    )
}

/// The byte between a record's first two fields (past a closing quote): its field separator.
fn separator(record: &Record<'_>) -> Option<u8> {
    let &(start, _) = record.fields.get(1)?;
    let before = start.checked_sub(1)?;
    let byte = *record.bytes.get(before)?;
    if byte == b'"' {
        record.bytes.get(before.checked_sub(1)?).copied()
    } else {
        Some(byte)
    }
}

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
        // Eurostat Comext's `indicators`: the value in euros, or a quantity.
        if code.eq_ignore_ascii_case("VALUE_IN_EUROS") {
            return Unit::Money(Currency::EUR);
        }
        if code.to_ascii_uppercase().starts_with("QUANTITY") {
            return Unit::NotMoney("a quantity");
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

/// The product codes that stand for all products.
const TOTAL_PRODUCTS: [&str; 3] = ["_T", "TOTAL", "TOT"];

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
        // As `parse` reads it: `2022.0` is 2022.
        let period: Option<Period> = code(self.time).and_then(|t| {
            let whole = integral(t.as_bytes()).ok()?;
            t.get(..whole.len())?.parse().ok()
        });
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
            commodity: match self.product {
                None => Some(Commodity::TOTAL),
                Some(i) => record.get(i).and(self.commodity(record).ok()),
            },
        }
    }

    fn parse(
        &self,
        _: &mut (),
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        if let Some(i) = self.action {
            match self.code(record, i)? {
                // Merge (also the deprecated information and append), replace, or none.
                "" | "M" | "I" | "A" | "R" => {}
                "D" => return Ok(Outcome::Skip),
                other => {
                    return Err(reject(
                        self.header.name(i),
                        other.as_bytes(),
                        "not an SDMX-CSV action (M merge, R replace, D delete; I and A as M)",
                    ))
                }
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
        // A multi-valued measure (`OBS_VALUE[]`) holding several values is never one figure.
        self.one_value(self.value, &String::from_utf8_lossy(value_text))?;
        if MISSING.iter().any(|m| value_text.eq_ignore_ascii_case(m)) {
            return Ok(Outcome::Skip);
        }
        if self.is_aggregate(record, self.reporter)? || self.is_aggregate(record, self.partner)? {
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
        let comma = decimal_comma(record, value_text);
        let value = parse(comma.as_deref().unwrap_or(value_text))
            .map_err(|reason| reject(self.header.name(self.value), value_text, reason))?;
        let exponent = self.exponent(record)?;
        let value = shifted(value, exponent).ok_or_else(|| {
            reject(
                self.header.name(self.value),
                value_text,
                "too large in units for a Decimal",
            )
        })?;
        let flags = self.flags(record)?;
        let commodity = self.commodity(record)?;
        Ok(Outcome::Accept(
            TradeRecord::new(reporter, partner, period, flow, Money::new(value, currency))
                .with_commodity(commodity)
                .with_valuation(valuation)
                .with_flags(flags),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_codes_drop_labels_and_language_lists() {
        for (cell, code) in [
            ("TIME_PERIOD", "TIME_PERIOD"),
            ("TIME_PERIOD: Time period", "TIME_PERIOD"),
            ("OBS_VALUE:Observation value", "OBS_VALUE"),
            ("ATTR_1[en;fr]", "ATTR_1"),
            ("STRUCTURE[|]", "STRUCTURE"),
            ("ATTR4[]", "ATTR4"),
            ("LAST UPDATE", "LAST UPDATE"),
        ] {
            assert_eq!(header_code(cell), code, "{cell}");
        }
    }

    #[test]
    fn status_letters_map_to_the_crate_s_marks() {
        for (letter, flags) in [
            ('A', Flags::NONE),
            ('E', Flags::ESTIMATED),
            ('e', Flags::ESTIMATED),
            ('F', Flags::ESTIMATED),
            ('s', Flags::ESTIMATED),
            ('P', Flags::PROVISIONAL),
            ('c', Flags::CONFIDENTIAL),
            ('b', Flags::BREAK),
            ('u', Flags::NONE),
        ] {
            assert_eq!(status_flag(letter), flags, "{letter}");
        }
    }

    #[test]
    fn comext_indicators_are_money_in_euros_or_a_quantity() {
        assert_eq!(Unit::of("VALUE_IN_EUROS"), Unit::Money(Currency::EUR));
        assert_eq!(Unit::of("QUANTITY_IN_100KG"), Unit::NotMoney("a quantity"));
    }
}
