//! UN Comtrade CSV: bulk downloads and API responses saved as CSV, tab-separated bulk files, and
//! the legacy (pre-2023) layouts.
//!
//! ## Layouts and delimiters
//!
//! Columns are found by their names in the header (their order varies between downloads; current
//! Comtrade+ files have 47, older ones fewer). The header says which layout a file has:
//! - **Comtrade+** (`reporterCode`, `flowCode`, `cmdCode`, `primaryValue`, ...): the API CSV and
//!   the bulk files (`C_A_32_196201_S1_O.txt.gz`), booleans `True`/`False`, empty fields for nulls;
//! - **legacy** (`Reporter Code`, `Trade Flow Code`, `Commodity Code`, `Trade Value (US$)`, ...):
//!   the 22 columns of the old bulk and website CSV and the 35 of the old API CSV (with `2nd
//!   Partner Code`, `Customs Proc. Code`, `Mode of Transport Code`, `CIF Trade Value (US$)` and
//!   `FOB Trade Value (US$)`), numeric flow codes 1 import, 2 export, 3 re-export, 4 re-import.
//!
//! Both are read into the same records. A header of neither layout is an error that says what the
//! file looks like (SDMX-CSV, BACI, tradestat's tidy CSV, or its first columns).
//!
//! The delimiter (comma, tab, semicolon or pipe) is sniffed from the header, or given with
//! [`ComtradeReader::delimiter`]. Comma-, semicolon- and pipe-separated files are quoted by RFC
//! 4180; tab-separated files, as Comtrade's bulk files are, are not: their descriptions hold commas
//! and quotes but never tabs or line breaks, so a quote is a literal character (`12" pipes`), every
//! line feed ends a row, and [`ComtradeReader::fold`] cuts its blocks at line feeds without
//! counting quotes.
//!
//! ## Columns
//!
//! What a record takes from a row (Comtrade+ names; the legacy ones in the table below):
//!
//! | record | column | how |
//! | --- | --- | --- |
//! | reporter, partner | `reporterCode`, `partnerCode` | [`Area::from_comtrade_code`]: 842 is the USA, 0 the World |
//! | period | `period` (or `refYear`/`refMonth` where it is missing or empty) | `YYYY` annual, `YYYYMM` monthly; checked against `freqCode` where there is one |
//! | flow | `flowCode` | [`Flow::from_comtrade_code`] (`X`, `M`, `RX`, `RM`, ...) |
//! | commodity | `cmdCode` | `TOTAL`, or a code of the classification in `classificationCode` (`H0`-`H6` HS, `S2`-`S4` SITC, `EB`/`EB02`/`EB10` services; HS without that column); `H0`-`H6` also give the [`HsEdition`] the commodity carries |
//! | value | `primaryValue` (or `cifvalue`/`fobvalue`, see [`ValueColumn`]) | an exact decimal in US dollars |
//! | valuation | `primaryValue` compared with `cifvalue` and `fobvalue` | CIF where the primary value is the CIF value, FOB where it is the FOB value, otherwise the flow's default (exports FOB, imports CIF) |
//! | flags | `isReported`, `isAggregate`, `legacyEstimationFlag`, `isQtyEstimated` | see *Flags* below |
//!
//! | Comtrade+ | legacy |
//! | --- | --- |
//! | `reporterCode`, `partnerCode` | `Reporter Code`, `Partner Code` |
//! | `period`, `refYear` | `Period`, `Year` |
//! | `flowCode` (`X`, `M`, ...) | `Trade Flow Code` (1 `M`, 2 `X`, 3 `RX`, 4 `RM`) |
//! | `cmdCode`, `classificationCode` | `Commodity Code`, `Classification` |
//! | `primaryValue`, `cifvalue`, `fobvalue` | `Trade Value (US$)`, `CIF Trade Value (US$)`, `FOB Trade Value (US$)` |
//! | `partner2Code`, `customsCode`, `motCode` | `2nd Partner Code`, `Customs Proc. Code`, `Mode of Transport Code` |
//! | `legacyEstimationFlag` | `Flag` |
//!
//! ## Flags
//!
//! What Comtrade says about a figure is kept on the record ([`TradeRecord::flags`]):
//! `isReported` `False` is [`Flags::NOT_REPORTED`] (Comtrade filled the figure in),
//! `isAggregate` `True` is [`Flags::AGGREGATE`] (Comtrade summed it), and `isQtyEstimated`
//! `True` is [`Flags::QUANTITY_ESTIMATED`]. The
//! estimation code (`legacyEstimationFlag`, the legacy `Flag`) is 0 (none), 2 (quantity), 4 (net
//! weight) or 6 (both estimated): Comtrade estimates quantities and weights, never the trade
//! value, so 2, 4 and 6 are [`Flags::QUANTITY_ESTIMATED`] too. Booleans are `True`/`False` in
//! any case, or `1`/`0`; an empty field says nothing. Any other value is a bad row.
//! [`ComtradeReader::reported_only`] skips the rows marked not reported.
//!
//! ## Services
//!
//! Rows of the services classifications (`EB`, `EB02`, `EB10`: EBOPS) are read as services
//! commodities ([`Classification::Ebops`]): `cmdCode` `205` is `EBOPS:205`, and `TOTAL` in such a
//! row is the EBOPS code `TOTAL` (all services), never the total of all goods. A services code has
//! no parent, so a [`TradeData`]'s total of goods never adds services in.
//!
//! Comtrade+ files also break rows down by second partner, customs procedure, mode of transport
//! and mode of supply; those rows add up to the row whose `partner2Code` is 0, `customsCode`
//! `C00`, `motCode` 0 and `mosCode` 0. By default only the latter are read and the breakdown rows
//! are counted as skipped ([`ComtradeReader::keep_breakdowns`] keeps them; a record does not carry
//! the breakdown, so summing them with the total rows would double count). The codes are compared
//! as numbers after trimming spaces (`00`, ` 0` and `0.0` are the total 0; `c00` and `C0` the
//! total `C00`; an empty field is the total), and a code that is not a number (or, for
//! `customsCode`, a letter and digits) is a bad row: a total written differently is never skipped
//! as a breakdown.
//!
//! Numbers assembled from digits (`period`, `refMonth`, area codes) have their length checked
//! first: `refMonth` `4294967297` is not a month, however the digits would add up.
//!
//! A file holding both `TOTAL` rows and detailed rows holds the same trade twice; the records
//! keep their commodity, and a [`TradeData`] built from them applies its totals
//! rule (a code's own record where there is one, otherwise the sum of its children), so nothing is
//! double counted.
//!
//! ```
//! use tradestat::io::comtrade::ComtradeReader;
//! use tradestat::{Area, Country, Flow};
//!
//! let csv = "\u{feff}freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,cifvalue,fobvalue,primaryValue\n\
//!            A,2022,398,X,792,TOTAL,,2541000000.5,2541000000.5\n\
//!            A,2022,398,M,792,TOTAL,1233000000,,1233000000\n";
//! let records: Vec<_> = ComtradeReader::new().records(csv.as_bytes())?.collect::<Result<_, _>>()?;
//! assert_eq!(records.len(), 2);
//! assert_eq!(records[0].reporter(), Area::Country(Country::KAZ));
//! assert_eq!(records[0].flow(), Flow::Export);
//! assert_eq!(records[0].value().amount().to_string(), "2541000000.5");
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::io::Read;
use std::path::Path;

use super::csv::{Delimiter, Gate, Record};
use super::decimal::{
    integral, parse_decimal, parse_decimal_with_exponent, parse_digits, parse_integral, MAX_DIGITS,
};
use super::open_path;
use super::records::{AnyParser, Records};
use super::report::{Mode, ReadReport, Rejection};
use super::rows::{self, reject, Delimiting, Header, Outcome, RowParser};
use crate::area::Area;
use crate::commodity::{Classification, Commodity, HsEdition};
use crate::currency::Currency;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flags::Flags;
use crate::flow::{Flow, Valuation};
use crate::money::Money;
use crate::period::{Month, Period, Year};
use crate::record::TradeRecord;

const FORMAT: &str = "UN Comtrade CSV";

/// Which column gives a record's value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ValueColumn {
    /// `primaryValue`: CIF for imports and FOB for exports, as the reporter gives it (the default).
    #[default]
    Primary,
    /// `cifvalue`: a row without one is a bad row.
    Cif,
    /// `fobvalue`: a row without one is a bad row.
    Fob,
}

impl ValueColumn {
    fn column(self, layout: Layout) -> &'static str {
        match (self, layout) {
            (ValueColumn::Primary, Layout::Plus) => "primaryValue",
            (ValueColumn::Cif, Layout::Plus) => "cifvalue",
            (ValueColumn::Fob, Layout::Plus) => "fobvalue",
            (ValueColumn::Primary, Layout::Legacy) => "Trade Value (US$)",
            (ValueColumn::Cif, Layout::Legacy) => "CIF Trade Value (US$)",
            (ValueColumn::Fob, Layout::Legacy) => "FOB Trade Value (US$)",
        }
    }
}

/// The two families of Comtrade headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Comtrade+ (2023 on): `reporterCode`, `flowCode` `X`/`M`, ...
    Plus,
    /// Legacy Comtrade (22 or 35 columns): `Reporter Code`, `Trade Flow Code` 1 to 4, ...
    Legacy,
}

/// The column names of one layout.
struct Names {
    reporter: &'static str,
    partner: &'static str,
    flow: &'static str,
    period: &'static str,
    year: &'static str,
    month: Option<&'static str>,
    frequency: Option<&'static str>,
    commodity: &'static str,
    classification: &'static str,
    cif: &'static str,
    fob: &'static str,
    breakdowns: &'static [(&'static str, Breakdown)],
    flags: &'static [(&'static str, FlagColumn)],
}

const PLUS: Names = Names {
    reporter: "reporterCode",
    partner: "partnerCode",
    flow: "flowCode",
    period: "period",
    year: "refYear",
    month: Some("refMonth"),
    frequency: Some("freqCode"),
    commodity: "cmdCode",
    classification: "classificationCode",
    cif: "cifvalue",
    fob: "fobvalue",
    breakdowns: &[
        ("partner2Code", Breakdown::Numeric),
        ("customsCode", Breakdown::Customs),
        ("motCode", Breakdown::Numeric),
        ("mosCode", Breakdown::Numeric),
    ],
    flags: &[
        ("isReported", FlagColumn::Reported),
        ("isAggregate", FlagColumn::Aggregate),
        ("legacyEstimationFlag", FlagColumn::EstimationCode),
        ("isQtyEstimated", FlagColumn::QuantityEstimated),
    ],
};

const LEGACY: Names = Names {
    reporter: "Reporter Code",
    partner: "Partner Code",
    flow: "Trade Flow Code",
    period: "Period",
    year: "Year",
    month: None,
    frequency: None,
    commodity: "Commodity Code",
    classification: "Classification",
    cif: "CIF Trade Value (US$)",
    fob: "FOB Trade Value (US$)",
    breakdowns: &[
        ("2nd Partner Code", Breakdown::Numeric),
        ("Customs Proc. Code", Breakdown::Customs),
        ("Mode of Transport Code", Breakdown::Numeric),
    ],
    flags: &[("Flag", FlagColumn::EstimationCode)],
};

/// A column that marks a figure (see the module's *Flags*).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FlagColumn {
    /// `isReported`: `False` marks [`Flags::NOT_REPORTED`].
    Reported,
    /// `isAggregate`: `True` marks [`Flags::AGGREGATE`].
    Aggregate,
    /// `isQtyEstimated`: `True` marks [`Flags::QUANTITY_ESTIMATED`].
    QuantityEstimated,
    /// `legacyEstimationFlag`, legacy `Flag`: 2, 4, 6 mark [`Flags::QUANTITY_ESTIMATED`].
    EstimationCode,
}

impl FlagColumn {
    /// The marks `text` sets, or why it is not a value of the column.
    fn read(self, text: &[u8]) -> std::result::Result<Flags, &'static str> {
        let boolean = |text: &[u8]| -> std::result::Result<Option<bool>, &'static str> {
            match text {
                b"True" | b"true" | b"1" => Ok(Some(true)),
                b"False" | b"false" | b"0" => Ok(Some(false)),
                b"" => Ok(None),
                other => match other.trim_ascii() {
                    t if t.eq_ignore_ascii_case(b"true") || t == b"1" => Ok(Some(true)),
                    t if t.eq_ignore_ascii_case(b"false") || t == b"0" => Ok(Some(false)),
                    b"" => Ok(None),
                    _ => Err("not a boolean: True or False (or 1 or 0)"),
                },
            }
        };
        let mark = |on: bool, flag: Flags| if on { flag } else { Flags::NONE };
        Ok(match self {
            FlagColumn::Reported => mark(boolean(text)? == Some(false), Flags::NOT_REPORTED),
            FlagColumn::Aggregate => mark(boolean(text)? == Some(true), Flags::AGGREGATE),
            FlagColumn::QuantityEstimated => {
                mark(boolean(text)? == Some(true), Flags::QUANTITY_ESTIMATED)
            }
            FlagColumn::EstimationCode => match text.trim_ascii() {
                b"" | b"0" => Flags::NONE,
                b"2" | b"4" | b"6" => Flags::QUANTITY_ESTIMATED,
                _ => {
                    return Err(
                        "not a UN Comtrade estimation code: 0 (none), 2 (quantity), 4 \
                                (net weight) or 6 (both estimated)",
                    )
                }
            },
        })
    }
}

/// Reads UN Comtrade CSV files (see the [module docs](self) for the columns and rules).
///
/// Build one with [`ComtradeReader::new`] and its options, then stream records with
/// [`ComtradeReader::records`] or [`ComtradeReader::open`], or aggregate a large file on several
/// threads with [`ComtradeReader::fold`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComtradeReader {
    value: ValueColumn,
    keep_breakdowns: bool,
    totals_only: bool,
    reported_only: bool,
    delimiter: Option<Delimiter>,
    mode: Mode,
    limits: super::Limits,
    threads: Option<usize>,
}

impl Default for ComtradeReader {
    fn default() -> Self {
        ComtradeReader::new()
    }
}

impl ComtradeReader {
    /// A strict reader of `primaryValue` that skips breakdown rows, using all cores for
    /// [`ComtradeReader::fold`].
    pub const fn new() -> Self {
        ComtradeReader {
            value: ValueColumn::Primary,
            keep_breakdowns: false,
            totals_only: false,
            reported_only: false,
            delimiter: None,
            mode: Mode::Strict,
            limits: super::Limits::new(),
            threads: None,
        }
    }

    /// Reads the value from `column` instead of `primaryValue`.
    #[must_use]
    pub const fn value(mut self, column: ValueColumn) -> Self {
        self.value = column;
        self
    }

    /// Keeps (`true`) or skips (`false`, the default) the rows broken down by second partner,
    /// customs procedure, mode of transport or mode of supply.
    #[must_use]
    pub const fn keep_breakdowns(mut self, keep: bool) -> Self {
        self.keep_breakdowns = keep;
        self
    }

    /// Reads only the rows whose `cmdCode` is `TOTAL` (`true`), the others being counted as
    /// skipped as soon as their `cmdCode` is seen, without reading the rest of the row (so a
    /// bad value in a skipped row goes unnoticed, wherever `cmdCode` stands in the row: a
    /// product row is skipped whatever its other fields hold). For totals by partner this is
    /// much faster on files that also hold product rows. Default `false`.
    #[must_use]
    pub const fn totals_only(mut self, only: bool) -> Self {
        self.totals_only = only;
        self
    }

    /// Reads only the figures the reporter reported (`true`): rows whose `isReported` is
    /// `False` (figures Comtrade filled in) are counted as skipped. An empty `isReported`, or a
    /// file without the column (the legacy layouts), says nothing and keeps the row. Default
    /// `false`: every row is read, the filled-in ones marked [`Flags::NOT_REPORTED`].
    #[must_use]
    pub const fn reported_only(mut self, only: bool) -> Self {
        self.reported_only = only;
        self
    }

    /// Reads fields separated by `delimiter` instead of sniffing it from the header (the
    /// default: the most frequent of comma, tab, semicolon and pipe in the header line). See
    /// [`Delimiter`] for the quoting rule of each.
    #[must_use]
    pub const fn delimiter(mut self, delimiter: Delimiter) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    fn delimiting(&self) -> Delimiting {
        match self.delimiter {
            Some(d) => Delimiting::Fixed(d),
            None => Delimiting::Sniff,
        }
    }

    /// Strict (the default) or lenient reading.
    #[must_use]
    pub const fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    super::limits::limit_setters!();

    /// The number of parsing threads [`ComtradeReader::fold`] uses (default: the machine's
    /// available parallelism).
    #[must_use]
    pub const fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Streams the records of `input`, one block in memory at a time.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] when a required column is missing,
    /// [`Error::Io`] when reading the header fails. Bad rows are `Err` items in
    /// strict mode (the iteration then ends) and listed in [`Records::report`] in lenient mode.
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        let options = *self;
        Records::with_delimiting(
            input,
            FORMAT,
            self.mode,
            self.limits,
            self.delimiting(),
            |header| Ok(AnyParser::Comtrade(Parser::with_options(header, &options)?)),
        )
    }

    /// What a sheet of a workbook needs to be read as this format (feature `excel`).
    #[cfg(feature = "excel")]
    pub(crate) fn setup(&self) -> super::records::Setup<'_> {
        let options = *self;
        super::records::Setup {
            format: FORMAT,
            mode: self.mode,
            limits: self.limits,
            notes: None,
            make: Box::new(move |header| {
                Ok(AnyParser::Comtrade(Parser::with_options(header, &options)?))
            }),
        }
    }

    /// Streams the records of the file at `path` (a `.gz` file is decompressed with the `gzip`
    /// feature).
    ///
    /// # Errors
    ///
    /// As [`ComtradeReader::records`], and [`Error::Io`] (with the path) when
    /// the file cannot be opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Records<Box<dyn Read + Send>>> {
        self.records(open_path(path.as_ref())?)
    }

    /// Reads `input` on several threads and folds every record into per-thread accumulators: each
    /// thread starts from `init()` and calls `fold` on the records of the blocks it parses (in no
    /// particular order). Returns the accumulators, to be merged by the caller, and the report.
    /// Memory stays at a few blocks of 4 MiB per thread, whatever the size of the input.
    ///
    /// The records and the report are those of [`ComtradeReader::records`] on the same input,
    /// or the fold refuses the file. A tab-separated file (quotes are literal) is cut at line
    /// feeds, exactly. Otherwise blocks are cut where quote parity says a record ends, and
    /// a quote inside an unquoted field (`12" pipes`) followed by a quoted field over several
    /// lines can mislead that cut; a worker then finds a quote still open at the end of its
    /// block, and the fold returns an error that points to the streaming reader, never rows
    /// made of pieces.
    ///
    /// # Errors
    ///
    /// As [`ComtradeReader::records`]; in strict mode the first bad row in file order; an
    /// [`Error::BadRow`] naming the line where a block was cut inside a
    /// quoted field (read such a file with [`ComtradeReader::records`]).
    ///
    /// # Panics
    ///
    /// A panic in `init` or `fold` is raised again on the calling thread (with its payload),
    /// once the other threads have stopped.
    ///
    /// ```
    /// use tradestat::io::comtrade::ComtradeReader;
    /// use tradestat::Decimal;
    ///
    /// let csv = "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
    ///            2022,398,X,0,TOTAL,10.5\n2022,398,M,0,TOTAL,4\n2022,398,X,0,27,7.25\n";
    /// let (sums, report) = ComtradeReader::new().fold(
    ///     csv.as_bytes(),
    ///     || Decimal::ZERO,
    ///     |sum, record| if record.commodity().is_total() { *sum += record.value().amount() },
    /// )?;
    /// assert_eq!(sums.iter().sum::<Decimal>().to_string(), "14.5");
    /// assert_eq!(report.to_string(), "read 3 rows: accepted 3, rejected 0, skipped 0");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn fold<R, A, I, F>(&self, input: R, init: I, fold: F) -> Result<(Vec<A>, ReadReport)>
    where
        R: Read,
        A: Send,
        I: Fn() -> A + Sync,
        F: Fn(&mut A, TradeRecord) + Sync,
    {
        let threads = self
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let options = *self;
        rows::parallel_fold_with(
            input,
            FORMAT,
            threads,
            self.mode,
            self.limits,
            self.delimiting(),
            |header| Parser::with_options(header, &options),
            init,
            fold,
        )
    }

    /// [`ComtradeReader::fold`] over the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`ComtradeReader::fold`], and [`Error::Io`] when the file cannot be
    /// opened.
    pub fn fold_path<A, I, F>(
        &self,
        path: impl AsRef<Path>,
        init: I,
        fold: F,
    ) -> Result<(Vec<A>, ReadReport)>
    where
        A: Send,
        I: Fn() -> A + Sync,
        F: Fn(&mut A, TradeRecord) + Sync,
    {
        self.fold(open_path(path.as_ref())?, init, fold)
    }
}

/// Reads a UN Comtrade CSV file into a [`TradeData`], strictly, with the default builder
/// (see [`ComtradeReader`] and [`Records::into_trade_data`] for the choices).
///
/// # Errors
///
/// As [`ComtradeReader::open`] and [`Records::into_trade_data`].
pub fn read(path: impl AsRef<Path>) -> Result<TradeData> {
    Ok(ComtradeReader::new()
        .open(path)?
        .into_trade_data(TradeData::builder())?
        .0)
}

/// The columns of one file and the options.
#[derive(Debug)]
pub(crate) struct Parser {
    header: Header,
    layout: Layout,
    reporter: usize,
    partner: usize,
    flow: usize,
    period: Option<usize>,
    year: Option<usize>,
    month: Option<usize>,
    frequency: Option<usize>,
    commodity: usize,
    classification: Option<usize>,
    value: usize,
    value_column: ValueColumn,
    cif: Option<usize>,
    fob: Option<usize>,
    /// Columns whose value must be the "total" one for a row not to be a breakdown row.
    breakdowns: Vec<(usize, Breakdown)>,
    /// Columns that mark figures.
    flags: Vec<(usize, FlagColumn)>,
    /// Whether rows marked not reported are skipped.
    pub(crate) reported_only: bool,
    /// Whether values may use exponent notation (JSON numbers may; CSV values may not).
    pub(crate) exponents: bool,
    /// With `totals_only`, the gate on `cmdCode`.
    totals_gate: Option<usize>,
}

impl Parser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`): `period` by the
    /// row's `freqCode` (YYYY or YYYYMM), `refYear`/`Year` as a year.
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        use super::excel::DateForm;
        if Some(column) == self.year {
            Some(DateForm::Year)
        } else if Some(column) == self.period {
            self.frequency.map(|frequency| DateForm::ByFrequency {
                column: frequency,
                dashed: false,
            })
        } else {
            None
        }
    }

    pub(crate) fn new(
        header: &Header,
        value_column: ValueColumn,
        keep_breakdowns: bool,
    ) -> Result<Parser> {
        let layout = layout_of(header)?;
        let names = match layout {
            Layout::Plus => &PLUS,
            Layout::Legacy => &LEGACY,
        };
        let period = header.find(names.period);
        let year = header.find(names.year);
        if period.is_none() && year.is_none() {
            header.require(FORMAT, names.period)?;
        }
        let breakdowns = if keep_breakdowns {
            Vec::new()
        } else {
            names
                .breakdowns
                .iter()
                .filter_map(|&(name, kind)| header.find(name).map(|i| (i, kind)))
                .collect()
        };
        let flags = names
            .flags
            .iter()
            .filter_map(|&(name, kind)| header.find(name).map(|i| (i, kind)))
            .collect();
        Ok(Parser {
            layout,
            reporter: header.require(FORMAT, names.reporter)?,
            partner: header.require(FORMAT, names.partner)?,
            flow: header.require(FORMAT, names.flow)?,
            period,
            year,
            month: names.month.and_then(|n| header.find(n)),
            frequency: names.frequency.and_then(|n| header.find(n)),
            commodity: header.require(FORMAT, names.commodity)?,
            classification: header.find(names.classification),
            value: header.require(FORMAT, value_column.column(layout))?,
            value_column,
            cif: header.find(names.cif),
            fob: header.find(names.fob),
            breakdowns,
            flags,
            reported_only: false,
            exponents: false,
            totals_gate: None,
            header: header.clone(),
        })
    }

    /// The flow of a `flowCode` (letters) or legacy `Trade Flow Code` (1 to 4).
    fn flow_of(&self, text: &[u8]) -> Option<Flow> {
        match (self.layout, text) {
            (Layout::Plus, b"X") | (Layout::Legacy, b"2") => Some(Flow::Export),
            (Layout::Plus, b"M") | (Layout::Legacy, b"1") => Some(Flow::Import),
            (Layout::Legacy, b"3") => Some(Flow::ReExport),
            (Layout::Legacy, b"4") => Some(Flow::ReImport),
            (Layout::Legacy, _) => None,
            (Layout::Plus, other) => std::str::from_utf8(other)
                .ok()
                .and_then(|s| Flow::from_comtrade_code(s).ok()),
        }
    }

    /// The marks of a row, and whether it is to be skipped as not reported.
    fn flags(&self, record: &Record<'_>) -> std::result::Result<Flags, Rejection> {
        let mut flags = Flags::NONE;
        for &(index, kind) in &self.flags {
            let text = self.field(record, index);
            flags |= kind
                .read(text)
                .map_err(|reason| reject(self.header.name(index), text, reason))?;
        }
        Ok(flags)
    }

    fn with_options(header: &Header, options: &ComtradeReader) -> Result<Parser> {
        let mut parser = Parser::new(header, options.value, options.keep_breakdowns)?;
        parser.reported_only = options.reported_only;
        if options.totals_only {
            parser.totals_gate = Some(parser.commodity);
        }
        Ok(parser)
    }

    fn field<'a>(&self, record: &Record<'a>, index: usize) -> &'a [u8] {
        record.get(index).unwrap_or_default()
    }

    fn area(
        &self,
        cache: &mut Cache,
        record: &Record<'_>,
        index: usize,
    ) -> std::result::Result<Area, Rejection> {
        let text = self.field(record, index);
        let code = parse_code(text)
            .map_err(|reason| reject(self.header.name(index), text, reason))?
            .ok_or_else(|| reject(self.header.name(index), text, "not a numeric area code"))?;
        let slot = cache.areas.get_mut(usize::from(code));
        if let Some(Some(known)) = slot.as_deref() {
            return (*known).ok_or_else(|| unmapped(&self.header, index, text));
        }
        let found = Area::from_comtrade_code(code).ok();
        if let Some(slot) = slot {
            *slot = Some(found);
        }
        found.ok_or_else(|| unmapped(&self.header, index, text))
    }

    fn period(&self, record: &Record<'_>) -> std::result::Result<Period, Rejection> {
        // An empty freqCode (or none) leaves the frequency to the period's form.
        let frequency = self
            .frequency
            .map(|i| self.field(record, i))
            .filter(|f| !f.is_empty());
        // `period` where it has a value, else `refYear` (and `refMonth`): an API row may give
        // only the latter.
        let (index, text, from_period) = match (self.period, self.year) {
            (Some(i), None) => (i, self.field(record, i), true),
            (Some(i), Some(_)) if !self.field(record, i).is_empty() => {
                (i, self.field(record, i), true)
            }
            (_, Some(i)) => (i, self.field(record, i), false),
            (None, None) => return Err(reject("period", b"", "no period column")),
        };
        let bad = |reason: &str| reject(self.header.name(index), text, reason);
        let year_of = |y: u32| {
            i32::try_from(y)
                .map_err(|e| e.to_string())
                .and_then(|y| Year::new(y).map_err(|e| e.to_string()))
                .map_err(|e| bad(&e))
        };
        // A whole number written as a float (`2022.0`, `202201.0`) is read by its digits: the
        // length that tells a year from YYYYMM is theirs.
        let digits = integral(text).map_err(bad)?;
        // The length is checked before the digits are added (`parse_digits`): a long run of
        // digits is an error, never a sum that wrapped.
        let period = match (digits.len(), parse_digits(digits, 6)) {
            (4, Some(y)) if from_period || self.month.is_none() || frequency == Some(b"A") => {
                Period::Year(year_of(y)?)
            }
            (4, Some(y)) => {
                // refYear with refMonth: monthly unless refMonth is 52 (Comtrade's "annual").
                let month_field = self
                    .month
                    .map(|i| self.field(record, i))
                    .unwrap_or_default();
                let not_a_month = || {
                    reject(
                        self.header.name(self.month.unwrap_or(index)),
                        month_field,
                        "not a month (1 to 12, or 52 for the year)",
                    )
                };
                // An empty refMonth says nothing (annual unless freqCode says M); anything else
                // must be a number, read exactly.
                let month_number = if month_field.is_empty() {
                    None
                } else {
                    let whole = parse_integral(month_field, MAX_DIGITS).map_err(|reason| {
                        reject(
                            self.header.name(self.month.unwrap_or(index)),
                            month_field,
                            reason,
                        )
                    })?;
                    Some(whole.ok_or_else(not_a_month)?)
                };
                match month_number {
                    Some(52) | None if frequency != Some(b"M") => Period::Year(year_of(y)?),
                    Some(m @ 1..=12) => Period::Month(month(year_of(y)?, m, &bad)?),
                    _ => return Err(not_a_month()),
                }
            }
            // YYYYMM in `period` only: `refYear` is a year.
            (6, Some(ym)) if from_period => {
                Period::Month(month(year_of(ym / 100)?, ym % 100, &bad)?)
            }
            _ if from_period => {
                return Err(bad(
                    "expected a period as YYYY (annual) or YYYYMM (monthly)",
                ))
            }
            _ => return Err(bad("expected a year as YYYY")),
        };
        if let (Some(f), Some(i)) = (frequency, self.frequency) {
            let consistent = match f {
                b"A" => matches!(period, Period::Year(_)),
                b"M" => matches!(period, Period::Month(_)),
                _ => false,
            };
            if !consistent {
                return Err(reject(
                    self.header.name(i),
                    f,
                    format!(
                        "frequency does not match period {:?} (A is YYYY, M is YYYYMM)",
                        String::from_utf8_lossy(text)
                    ),
                ));
            }
        }
        Ok(period)
    }

    fn commodity(&self, record: &Record<'_>) -> std::result::Result<Commodity, Rejection> {
        let text = self.field(record, self.commodity);
        let class_field = self.classification.map(|i| (i, self.field(record, i)));
        let services = matches!(class_field, Some((_, b"EB" | b"EB02" | b"EB10")));
        // `TOTAL` is the goods total whatever the classification field holds (an empty one
        // too), except in a services row, where it is the EBOPS code of all services.
        if !services && is_total(text) {
            return Ok(Commodity::TOTAL);
        }
        let classification = match class_field {
            None => Classification::Hs,
            Some((_, [b'H', b'0'..=b'6'] | b"HS")) => Classification::Hs,
            Some((_, b"S2" | b"S3" | b"S4")) => Classification::Sitc,
            Some((_, b"EB" | b"EB02" | b"EB10")) => Classification::Ebops,
            Some((i, other)) => {
                return Err(reject(
                    self.header.name(i),
                    other,
                    "a classification tradestat does not read (HS H0-H6, SITC S2-S4 and EBOPS \
                     services EB, EB02, EB10 only)",
                ))
            }
        };
        // `H0` to `H6` name the HS edition, which the commodity carries; `HS` names none.
        let edition = self
            .classification
            .and_then(|i| HsEdition::from_comtrade_code(self.field(record, i)));
        let code = std::str::from_utf8(text)
            .map_err(|_| reject(self.header.name(self.commodity), text, "not UTF-8"))?;
        if classification == Classification::Ebops {
            // Services: `TOTAL` is the EBOPS code of all services, never the goods total.
            return Commodity::new(classification, code)
                .map_err(|e| reject(self.header.name(self.commodity), text, e.to_string()));
        }
        match Commodity::new(classification, code)
            .map(|c| edition.map_or(c, |edition| c.with_edition(edition)))
        {
            // `TOTAL` with other spaces around it (a no-break space): the gate of `totals_only`
            // would not keep it, so a full read must not either.
            Ok(c) if c.is_total() => Err(reject(
                self.header.name(self.commodity),
                text,
                "TOTAL with spaces other than ASCII ones around it",
            )),
            other => {
                other.map_err(|e| reject(self.header.name(self.commodity), text, e.to_string()))
            }
        }
    }

    fn amount(
        &self,
        record: &Record<'_>,
        index: usize,
    ) -> std::result::Result<rust_decimal::Decimal, Rejection> {
        let text = self.field(record, index);
        let parse = if self.exponents {
            parse_decimal_with_exponent
        } else {
            parse_decimal
        };
        parse(text).map_err(|reason| reject(self.header.name(index), text, reason))
    }

    /// The valuation of the value read: fixed by the column asked for, or for `primaryValue`
    /// whichever of `cifvalue` and `fobvalue` it equals (the flow's default when it equals both
    /// or neither).
    fn valuation(
        &self,
        record: &Record<'_>,
        flow: Flow,
        value: rust_decimal::Decimal,
    ) -> Valuation {
        match self.value_column {
            ValueColumn::Cif => return Valuation::Cif,
            ValueColumn::Fob => return Valuation::Fob,
            ValueColumn::Primary => {}
        }
        let primary = self.field(record, self.value);
        let equals = |column: Option<usize>| {
            column.is_some_and(|i| {
                let other = self.field(record, i);
                !other.is_empty()
                    && (other == primary || parse_decimal(other).is_ok_and(|v| v == value))
            })
        };
        match (equals(self.cif), equals(self.fob)) {
            (true, false) => Valuation::Cif,
            (false, true) => Valuation::Fob,
            _ => flow.default_valuation(),
        }
    }
}

/// A column that breaks a total down (by second partner, customs procedure, mode of transport or
/// of supply), and how its "total" value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breakdown {
    /// `partner2Code`, `motCode`, `mosCode`: a number, 0 for the total (`0`, `00`, ` 0`, `0.0`
    /// are all 0).
    Numeric,
    /// `customsCode`: a letter and digits, `C00` for the total (`C0`, `c00` too).
    Customs,
}

impl Breakdown {
    /// Whether `text` names a breakdown (`true`) or the total (`false`; an empty field is the
    /// total, as in files that leave the column blank). Text that is neither is an error: a total
    /// written in an unexpected way must never be skipped as a breakdown.
    fn is_breakdown(self, text: &[u8]) -> std::result::Result<bool, &'static str> {
        // The usual spellings first: one comparison on the rows of every file.
        match (self, text) {
            (Breakdown::Numeric, b"0") | (Breakdown::Customs, b"C00") => return Ok(false),
            _ => {}
        }
        let text = text.trim_ascii();
        if text.is_empty() {
            return Ok(false);
        }
        match self {
            Breakdown::Numeric => {
                let value = parse_decimal(text)
                    .map_err(|_| "not a breakdown code: a whole number, 0 for the total")?;
                if value.is_sign_negative() || !value.fract().is_zero() {
                    return Err("not a breakdown code: a whole number, 0 for the total");
                }
                Ok(!value.is_zero())
            }
            Breakdown::Customs => match text.split_first() {
                Some((letter, digits))
                    if letter.is_ascii_alphabetic()
                        && !digits.is_empty()
                        && digits.iter().all(u8::is_ascii_digit) =>
                {
                    let total =
                        letter.eq_ignore_ascii_case(&b'C') && digits.iter().all(|&d| d == b'0');
                    Ok(!total)
                }
                _ if text.iter().all(|&d| d == b'0') => Ok(false),
                _ => Err("not a customs procedure code: a letter and digits, C00 for the total"),
            },
        }
    }
}

/// The layout a header has: Comtrade+ where it names `reporterCode`, legacy where it names
/// `Reporter Code`; otherwise an error saying what the file looks like.
fn layout_of(header: &Header) -> Result<Layout> {
    if header.find(PLUS.reporter).is_some() {
        return Ok(Layout::Plus);
    }
    if header.find(LEGACY.reporter).is_some() {
        return Ok(Layout::Legacy);
    }
    Err(Error::MissingColumn {
        format: FORMAT,
        column: PLUS.reporter.to_owned(),
        detail: looks_like(header),
    })
}

/// What a header that is not Comtrade's looks like, for the error.
fn looks_like(header: &Header) -> String {
    let has = |names: &[&str]| names.iter().all(|n| header.find(n).is_some());
    let known = if has(&["STRUCTURE"]) || has(&["DATAFLOW"]) {
        Some("SDMX-CSV (read it with `io::sdmx::SdmxReader`)")
    } else if has(&["t", "i", "j", "k", "v"]) {
        Some("a CEPII BACI table (columns t, i, j, k, v)")
    } else if has(&["reporter", "partner", "period", "flow", "value"]) {
        Some("tradestat's tidy CSV (read it with `io::tidy::TidyReader`)")
    } else {
        None
    };
    let first: Vec<&str> = header.names.iter().take(6).map(String::as_str).collect();
    // Names with control characters (UTF-16 read as bytes) are not worth showing.
    let text = first
        .iter()
        .all(|n| !n.chars().any(|c| c.is_control() && c != '\t'));
    let columns = if text {
        let more = if header.len() > first.len() {
            ", ..."
        } else {
            ""
        };
        format!(" ({}{more})", first.join(", "))
    } else {
        String::new()
    };
    let shape = format!(
        "the header has {} columns{columns}, neither the Comtrade+ layout (reporterCode, \
         flowCode, cmdCode, primaryValue) nor the legacy one (Reporter Code, Trade Flow Code, \
         Commodity Code, Trade Value (US$))",
        header.len(),
    );
    match known {
        Some(kind) => format!("the file looks like {kind}; {shape}"),
        None => shape,
    }
}

fn month(
    year: Year,
    month: u32,
    bad: &impl Fn(&str) -> Rejection,
) -> std::result::Result<Month, Rejection> {
    u8::try_from(month)
        .ok()
        .and_then(|m| Month::new(year, m).ok())
        .ok_or_else(|| bad("month is not 01 to 12"))
}

fn unmapped(header: &Header, index: usize, text: &[u8]) -> Rejection {
    reject(
        header.name(index),
        text,
        "unmapped area code: not an ISO 3166-1 numeric code nor a known UN Comtrade code",
    )
}

/// Whether a `cmdCode` is the total of all commodities: `TOTAL` in any ASCII case, with ASCII
/// spaces around it or not (the rule of the `totals_only` gate too).
fn is_total(text: &[u8]) -> bool {
    text.trim_ascii().eq_ignore_ascii_case(TOTAL)
}

/// The `cmdCode` of the total of all commodities.
const TOTAL: &[u8] = b"TOTAL";

/// An area code: 1 to 5 digits, at most 65535 (`None` otherwise); a whole number written as a
/// float (`398.0`) is that number, one with a fraction an error (see [`integral`]).
fn parse_code(text: &[u8]) -> Result<Option<u16>, &'static str> {
    Ok(parse_integral(text, 5)?.and_then(|n| u16::try_from(n).ok()))
}

/// Per-thread lookups: the areas of the codes 0 to 999 seen so far.
#[derive(Debug)]
pub(crate) struct Cache {
    areas: Vec<Option<Option<Area>>>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            areas: vec![None; 1000],
        }
    }
}

impl RowParser for Parser {
    type Item = TradeRecord;
    type Cache = Cache;

    fn gate(&self) -> Option<Gate<'_>> {
        self.totals_gate.map(|field| Gate {
            field,
            keep: &[TOTAL],
            also: None,
        })
    }

    /// Each key field read on its own, by the rules of `parse`; `None` where it cannot be.
    fn key(&self, record: &Record<'_>) -> super::RejectedKey {
        let area = |index: usize| {
            record
                .get(index)
                .and_then(|text| parse_code(text).ok().flatten())
                .and_then(|code| Area::from_comtrade_code(code).ok())
        };
        let flow = record.get(self.flow).and_then(|text| self.flow_of(text));
        let has = |index: Option<usize>| index.is_none_or(|i| record.get(i).is_some());
        let period = (has(self.period) && has(self.year) && has(self.month) && has(self.frequency))
            .then(|| self.period(record).ok())
            .flatten();
        let commodity = (record.get(self.commodity).is_some() && has(self.classification))
            .then(|| self.commodity(record).ok())
            .flatten();
        super::RejectedKey {
            line: record.line,
            reporter: area(self.reporter),
            partner: area(self.partner),
            period,
            flow,
            commodity,
        }
    }

    fn parse(
        &self,
        cache: &mut Cache,
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        if self.totals_gate.is_some() && !is_total(self.field(record, self.commodity)) {
            // The gate's own rule, before anything else is read: a product row is skipped
            // whatever its other fields hold, so the outcome does not depend on whether the gate
            // saw `cmdCode` (it cannot when `cmdCode` ends the row) or the whole row was split.
            return Ok(Outcome::Skip);
        }
        for &(index, kind) in &self.breakdowns {
            let text = self.field(record, index);
            match kind.is_breakdown(text) {
                Ok(false) => {}
                Ok(true) => return Ok(Outcome::Skip),
                Err(reason) => return Err(reject(self.header.name(index), text, reason)),
            }
        }
        let flags = self.flags(record)?;
        if self.reported_only && flags.contains(Flags::NOT_REPORTED) {
            return Ok(Outcome::Skip);
        }
        let reporter = self.area(cache, record, self.reporter)?;
        let partner = self.area(cache, record, self.partner)?;
        let flow_text = self.field(record, self.flow);
        let flow = self.flow_of(flow_text).ok_or_else(|| {
            reject(
                self.header.name(self.flow),
                flow_text,
                match self.layout {
                    Layout::Plus => {
                        "not a UN Comtrade flow code (X, M, RX, RM, DX, FM, MIP, MOP, XIP, XOP)"
                    }
                    Layout::Legacy => {
                        "not a legacy UN Comtrade flow code (1 import, 2 export, 3 re-export, 4 \
                         re-import)"
                    }
                },
            )
        })?;
        let period = self.period(record)?;
        let commodity = self.commodity(record)?;
        let value = self.amount(record, self.value)?;
        let valuation = self.valuation(record, flow, value);
        Ok(Outcome::Accept(
            TradeRecord::new(
                reporter,
                partner,
                period,
                flow,
                Money::new(value, Currency::USD),
            )
            .with_commodity(commodity)
            .with_valuation(valuation)
            .with_flags(flags),
        ))
    }
}
