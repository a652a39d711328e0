//! Any long CSV: one figure a row, in columns the caller names, for files no preset fits (a
//! statistics office's table, a spreadsheet export, figures gathered by hand with their sources).
//!
//! Name what each column holds ([`LongReader`]): the value, the period, the reporter and partner
//! (or fix them for the whole file), the flow (or fix it), the currency and the unit (each a
//! column or declared: a unit is never assumed, and reading without one is an error), and
//! [`Filter`]s that keep the rows of interest (`metric == "turnover"`, `data_side` starting with
//! `KZ`). Then read:
//!
//! - [`LongReader::series`]: one [`Series`] (with gaps), for a file of figures by period; equal
//!   figures of one period (several sources repeating it) collapse, different ones are an error
//!   naming both lines;
//! - [`LongReader::records`]: [`TradeRecord`]s, streaming ([`Records`]), as the other readers;
//! - [`LongReader::trade_data`]: a [`TradeData`], duplicates judged as in the series path.
//!
//! **Turnover is not a flow.** A record is one flow (exports, imports...); turnover is a measure
//! computed from both flows ([`Measure::Turnover`]). A turnover figure is read by the series path
//! (a series of published turnover), never as a record: in the records and data-set paths a row
//! whose flow column says "turnover" is a bad row whose reason says to use
//! [`LongReader::series`] (or to filter such rows out). A data set computes turnover from its
//! export and import records.
//!
//! The rules of every reader hold: exact decimals (exponent notation refused unless allowed),
//! errors naming line, column and value, strict or lenient reading with the same accounting
//! (rows a filter leaves out are counted as skipped), and a year or code written as a float
//! (`2022.0`) read as a whole number while `2022.5` is refused. Lines before the header that
//! start with a prefix given to [`LongReader::notes`] (an origin line, `# origin: ...`) are
//! passed over.
//!
//! ```
//! use tradestat::io::long::{Filter, LongReader};
//! use tradestat::{Currency, Scale};
//!
//! let csv = "year,metric,value_usd,data_side\n\
//!            2021,turnover,4100000000,KZ\n\
//!            2021,turnover,5300000000,TR\n\
//!            2022,turnover,6300000000,KZ (official)\n\
//!            2022,exports,4700000000,KZ\n";
//! let (series, report) = LongReader::new("value_usd")
//!     .period_column("year")
//!     .currency(Currency::USD)
//!     .unit(Scale::Units)
//!     .filter(Filter::equals("metric", "turnover"))
//!     .filter(Filter::starts_with("data_side", "KZ"))
//!     .series(csv.as_bytes())?;
//! let values: Vec<String> = series.iter().map(|(p, v)| format!("{p} {v}")).collect();
//! assert_eq!(values, ["2021 4100000000 USD", "2022 6300000000 USD"]);
//! assert_eq!(report.to_string(), "read 4 rows: accepted 2, rejected 0, skipped 2");
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::Path;

use super::csv::{CsvReader, Record};
use super::decimal::{parse_decimal, parse_decimal_with_exponent};
use super::dyadic::{in_units, read_area, read_period, CodeSystem};
use super::open_path;
use super::records::{header_after_notes, AnyParser, Records};
use super::report::{Mode, ReadReport, RejectedKey, Rejection};
use super::rows::{reject, with_hint, Delimiting, Header, Outcome, RowParser, Rows};
use crate::area::Area;
use crate::commodity::{Classification, Commodity};
use crate::currency::Currency;
use crate::dataset::{Builder, Figure, TradeData};
use crate::error::{Error, Result};
use crate::flow::{Flow, Measure, Valuation};
use crate::money::{Money, Scale};
use crate::period::Period;
use crate::record::{Reporting, TradeRecord};
use crate::series::Series;

const FORMAT: &str = "long CSV";

/// A value from a column, or one value for every row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source<T> {
    Column(String),
    Fixed(T),
}

/// A condition on one column that keeps a row: rows failing any filter of a [`LongReader`] are
/// left out before anything else in them is read, and counted as skipped. Values are compared
/// as they are written (case and spaces count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    column: String,
    condition: Condition,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Condition {
    Equals(String),
    StartsWith(String),
    OneOf(Vec<String>),
}

impl Filter {
    /// Keeps the rows whose `column` is exactly `value`.
    pub fn equals(column: &str, value: &str) -> Filter {
        Filter {
            column: column.to_owned(),
            condition: Condition::Equals(value.to_owned()),
        }
    }

    /// Keeps the rows whose `column` starts with `prefix`.
    pub fn starts_with(column: &str, prefix: &str) -> Filter {
        Filter {
            column: column.to_owned(),
            condition: Condition::StartsWith(prefix.to_owned()),
        }
    }

    /// Keeps the rows whose `column` is one of `values`.
    pub fn one_of<S: AsRef<str>>(column: &str, values: impl IntoIterator<Item = S>) -> Filter {
        Filter {
            column: column.to_owned(),
            condition: Condition::OneOf(
                values.into_iter().map(|v| v.as_ref().to_owned()).collect(),
            ),
        }
    }
}

impl Condition {
    fn keeps(&self, field: &[u8]) -> bool {
        match self {
            Condition::Equals(v) => field == v.as_bytes(),
            Condition::StartsWith(p) => field.starts_with(p.as_bytes()),
            Condition::OneOf(values) => values.iter().any(|v| field == v.as_bytes()),
        }
    }
}

/// Reads a long CSV file whose columns the caller names (see the [module docs](self)).
///
/// Start from the value column ([`LongReader::new`]); name or fix the period, and declare the
/// currency and the unit (a column each, or one for the file). The records and data-set paths
/// also need a reporter, a partner and a flow (a column or fixed each); the series path reads
/// them where they are named, and then requires every row of the series to have the same ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongReader {
    value: String,
    period: Option<Source<Period>>,
    reporter: Option<Source<Area>>,
    partner: Option<Source<Area>>,
    flow: Option<Source<Figure>>,
    flow_values: Vec<(String, Figure)>,
    commodity: Option<(String, Classification)>,
    currency: Option<Source<Currency>>,
    unit: Option<Source<Scale>>,
    codes: CodeSystem,
    valuation: Option<Valuation>,
    reporting: Reporting,
    filters: Vec<Filter>,
    exponents: bool,
    notes: Option<String>,
    mode: Mode,
    limits: super::Limits,
}

impl LongReader {
    /// A strict reader of the values in column `value`; nothing else named yet.
    pub fn new(value: &str) -> Self {
        LongReader {
            value: value.to_owned(),
            period: None,
            reporter: None,
            partner: None,
            flow: None,
            flow_values: Vec::new(),
            commodity: None,
            currency: None,
            unit: None,
            codes: CodeSystem::Names,
            valuation: None,
            reporting: Reporting::Reporter,
            filters: Vec::new(),
            exponents: false,
            notes: None,
            mode: Mode::Strict,
            limits: super::Limits::new(),
        }
    }

    /// The period is in column `name` (`2022`, `2022.0`, `2022-Q1`, `2022-01`...).
    #[must_use]
    pub fn period_column(mut self, name: &str) -> Self {
        self.period = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every row is of `period`.
    #[must_use]
    pub fn period(mut self, period: Period) -> Self {
        self.period = Some(Source::Fixed(period));
        self
    }

    /// The reporter is in column `name`, read by [`LongReader::codes`].
    #[must_use]
    pub fn reporter_column(mut self, name: &str) -> Self {
        self.reporter = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every row is reported by `reporter` (a file of one country's figures).
    #[must_use]
    pub fn reporter(mut self, reporter: impl Into<Area>) -> Self {
        self.reporter = Some(Source::Fixed(reporter.into()));
        self
    }

    /// The partner is in column `name`, read by [`LongReader::codes`].
    #[must_use]
    pub fn partner_column(mut self, name: &str) -> Self {
        self.partner = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every row is trade with `partner`.
    #[must_use]
    pub fn partner(mut self, partner: impl Into<Area>) -> Self {
        self.partner = Some(Source::Fixed(partner.into()));
        self
    }

    /// The flow is in column `name`: the texts given to [`LongReader::flow_value`], else a flow
    /// as [`Flow`]'s `FromStr` reads it (`X`, `M`, `exports`, `re-imports`...), else a measure
    /// (`turnover`, see the [module docs](self) for what a turnover row becomes).
    #[must_use]
    pub fn flow_column(mut self, name: &str) -> Self {
        self.flow = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every row is of `flow`.
    #[must_use]
    pub fn flow(mut self, flow: Flow) -> Self {
        self.flow = Some(Source::Fixed(Figure::Flow(flow)));
        self
    }

    /// In the flow column, `text` (exactly as written) means `figure`: a [`Flow`], or a
    /// [`Measure`] (`kz_exports_to_tr` is [`Flow::Export`]; `turnover` is
    /// [`Measure::Turnover`]).
    #[must_use]
    pub fn flow_value(mut self, text: &str, figure: impl Into<Figure>) -> Self {
        self.flow_values.push((text.to_owned(), figure.into()));
        self
    }

    /// Column `name` holds product codes of `classification` (default: every row is the total
    /// of all goods).
    #[must_use]
    pub fn commodity_column(mut self, name: &str, classification: Classification) -> Self {
        self.commodity = Some((name.to_owned(), classification));
        self
    }

    /// The currency is in column `name` (`USD`, `US dollars`, `tenge`...).
    #[must_use]
    pub fn currency_column(mut self, name: &str) -> Self {
        self.currency = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every value is in `currency`.
    #[must_use]
    pub fn currency(mut self, currency: Currency) -> Self {
        self.currency = Some(Source::Fixed(currency));
        self
    }

    /// The unit of the values is in column `name` (`units`, `thousand`, `mn`...).
    #[must_use]
    pub fn unit_column(mut self, name: &str) -> Self {
        self.unit = Some(Source::Column(name.to_owned()));
        self
    }

    /// Every value is in `unit` ([`Scale::Units`] for plain amounts, [`Scale::Million`] for
    /// millions). Records and series hold values in units, exactly.
    #[must_use]
    pub fn unit(mut self, unit: Scale) -> Self {
        self.unit = Some(Source::Fixed(unit));
        self
    }

    /// How the reporter and partner columns name areas (default [`CodeSystem::Names`]: names,
    /// and the codes [`Area`]'s `FromStr` reads).
    #[must_use]
    pub fn codes(mut self, codes: CodeSystem) -> Self {
        self.codes = codes;
        self
    }

    /// The valuation of the values (default: the flow's own, FOB for exports and CIF for
    /// imports).
    #[must_use]
    pub fn valuation(mut self, valuation: Valuation) -> Self {
        self.valuation = Some(valuation);
        self
    }

    /// Whose figures the rows are (default [`Reporting::Reporter`]: the reporter's own).
    #[must_use]
    pub fn reporting(mut self, reporting: Reporting) -> Self {
        self.reporting = reporting;
        self
    }

    /// Keeps only the rows that pass `filter` (filters add up: a row must pass them all).
    #[must_use]
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Whether values may be written in exponent notation (default `false`; when allowed, such
    /// a value is read exactly as its digits state).
    #[must_use]
    pub fn exponent_notation(mut self, allowed: bool) -> Self {
        self.exponents = allowed;
        self
    }

    /// Lines before the header that start with `prefix` (`"#"`) are notes, passed over (the
    /// lines keep their numbers in errors). A note is split by the CSV rules like any line, so
    /// a quote in it must close.
    #[must_use]
    pub fn notes(mut self, prefix: &str) -> Self {
        self.notes = Some(prefix.to_owned());
        self
    }

    /// Strict (the default) or lenient reading.
    #[must_use]
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    super::limits::limit_setters!();

    /// Streams the records of `input`. Duplicates are left to the data set that receives them
    /// ([`Records::into_trade_data`] and its builder); [`LongReader::trade_data`] collapses
    /// equal ones.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] for a named column the header lacks, or when the period, the
    /// reporter, the partner, the flow, the currency or the unit is neither a column nor fixed;
    /// bad rows as [`Records`] says (a turnover row is one, see the [module docs](self)).
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        Records::after_notes(
            input,
            FORMAT,
            self.mode,
            self.limits,
            self.notes.as_deref(),
            |header| Ok(AnyParser::Long(Parser::new(self, header, true)?)),
        )
    }

    /// What a sheet of a workbook needs to be read as this format (feature `excel`).
    #[cfg(feature = "excel")]
    pub(crate) fn setup(&self) -> super::records::Setup<'_> {
        super::records::Setup {
            format: FORMAT,
            mode: self.mode,
            limits: self.limits,
            notes: self.notes.as_deref(),
            make: Box::new(move |header| Ok(AnyParser::Long(Parser::new(self, header, true)?))),
        }
    }

    /// Streams the records of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`LongReader::records`], and [`Error::Io`] when the file cannot be opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Records<Box<dyn Read + Send>>> {
        self.records(open_path(path.as_ref())?)
    }

    /// Reads the rows the filters keep as one series, with gaps where a period has no row.
    /// Several rows of one period (sources repeating a figure) collapse when their values are
    /// equal (`4100000000` and `4100000000.0` are); different values are an error naming both
    /// lines. Reporter, partner, flow and commodity need not be named; where they are, every
    /// row must have the same ones (a series is one figure). The report counts rows: a
    /// collapsed duplicate is an accepted row.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`] as [`LongReader::records`] (only the period, the currency and
    /// the unit are required here); the first bad row in strict mode; [`Error::BadRow`] naming
    /// both lines for two different values of one period (in lenient mode too: no row is wrong
    /// on its own, and keeping either would be a silent pick) or two rows of different
    /// figures; what [`Series::with_gaps`] refuses (no row, mixed frequencies or currencies).
    pub fn series<R: Read>(&self, input: R) -> Result<(Series, ReadReport)> {
        let mut rows = self.rows(input, false)?;
        let mut first: Option<Row> = None;
        let mut points: BTreeMap<Period, (Money, u64)> = BTreeMap::new();
        for row in rows.by_ref() {
            let row = row?;
            match &first {
                None => first = Some(row.clone()),
                Some(first) => first.same_figure(&row)?,
            }
            match points.entry(row.period) {
                Entry::Vacant(slot) => {
                    slot.insert((row.value, row.line));
                }
                Entry::Occupied(slot) => {
                    let (value, line) = *slot.get();
                    if value != row.value {
                        return Err(two_values(&self.value, &row, value, line));
                    }
                }
            }
        }
        let report = rows.into_report();
        let series = Series::with_gaps(points.into_iter().map(|(p, (v, _))| (p, v)))?;
        Ok((series, report))
    }

    /// [`LongReader::series`] of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`LongReader::series`], and [`Error::Io`] when the file cannot be opened.
    pub fn series_path(&self, path: impl AsRef<Path>) -> Result<(Series, ReadReport)> {
        self.series(open_path(path.as_ref())?)
    }

    /// Reads the records into a [`TradeData`] built with `builder`. Records of one key
    /// (reporter, partner, flow, commodity, period) collapse when their values are equal;
    /// different values are an error naming both lines. The data set is given the read's
    /// rejected rows, as [`Records::into_trade_data`] does. The keys seen are held in memory.
    ///
    /// # Errors
    ///
    /// As [`LongReader::records`]; [`Error::BadRow`] naming both lines for two different
    /// values of one key; what [`Builder::build`] refuses.
    pub fn trade_data<R: Read>(
        &self,
        input: R,
        builder: Builder<'_>,
    ) -> Result<(TradeData, ReadReport)> {
        let mut rows = self.rows(input, true)?;
        type Key = (Area, Area, Flow, Commodity, Period);
        let mut seen: HashMap<Key, (Money, u64)> = HashMap::new();
        let mut records = Vec::new();
        for row in rows.by_ref() {
            let row = row?;
            let record =
                row.record(self.reporting, self.valuation)
                    .ok_or_else(|| Error::BadRow {
                        line: row.line,
                        column: "(record)".into(),
                        value: String::new(),
                        reason: "a record needs a reporter, a partner and a flow".into(),
                    })?;
            let key = (
                record.reporter(),
                record.partner(),
                record.flow(),
                record.commodity(),
                record.period(),
            );
            match seen.get(&key) {
                None => {
                    seen.insert(key, (row.value, row.line));
                    records.push(record);
                }
                Some(&(value, _)) if value == row.value => {}
                Some(&(value, line)) => return Err(two_values(&self.value, &row, value, line)),
            }
        }
        let report = rows.into_report();
        let mut data = builder.build(records)?;
        data.rejected_mut().add(
            report.rejected_keys().iter().copied(),
            report.rejected_keys_complete(),
        );
        Ok((data, report))
    }

    /// [`LongReader::trade_data`] of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`LongReader::trade_data`], and [`Error::Io`] when the file cannot be opened.
    pub fn trade_data_path(
        &self,
        path: impl AsRef<Path>,
        builder: Builder<'_>,
    ) -> Result<(TradeData, ReadReport)> {
        self.trade_data(open_path(path.as_ref())?, builder)
    }

    /// The rows of `input`, with their lines.
    fn rows<R: Read>(&self, input: R, trade: bool) -> Result<Rows<R, Lines>> {
        let mut csv = CsvReader::new(input, self.limits.max_row_bytes());
        let (header, hint) = header_after_notes(
            &mut csv,
            FORMAT,
            self.limits.max_row_bytes(),
            Delimiting::Fixed(super::Delimiter::Comma),
            self.notes.as_deref(),
        )?;
        let parser = with_hint(Parser::new(self, &header, trade), hint)?;
        Ok(Rows::new(
            csv,
            header,
            Lines(parser),
            self.mode,
            self.limits,
        ))
    }
}

/// Two different values where one is expected: the error names both lines.
fn two_values(column: &str, row: &Row, first: Money, first_line: u64) -> Error {
    Error::BadRow {
        line: row.line,
        column: column.to_owned(),
        value: row.value.amount().to_string(),
        reason: format!(
            "{} has two different values: {first} on line {first_line} and {} on line {}; \
             keep one source (LongReader::filter)",
            row.period, row.value, row.line
        ),
    }
}

/// One row read: what a series or a record takes from it.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    line: u64,
    reporter: Option<Area>,
    partner: Option<Area>,
    figure: Option<Figure>,
    commodity: Commodity,
    period: Period,
    value: Money,
}

impl Row {
    /// Whether `other` is a value of the same figure (reporter, partner, flow, commodity): a
    /// series holds one.
    fn same_figure(&self, other: &Row) -> Result<()> {
        let differs = |what: &str, a: String, b: String| Error::BadRow {
            line: other.line,
            column: format!("({what})"),
            value: b.clone(),
            reason: format!(
                "a series is one figure: line {} has {what} {a}, this row {b}; keep one \
                 (LongReader::filter)",
                self.line
            ),
        };
        let show = |x: Option<Area>| x.map_or_else(|| "none".to_owned(), |a| a.to_string());
        if self.reporter != other.reporter {
            return Err(differs(
                "reporter",
                show(self.reporter),
                show(other.reporter),
            ));
        }
        if self.partner != other.partner {
            return Err(differs("partner", show(self.partner), show(other.partner)));
        }
        if self.figure != other.figure {
            let f = |x: Option<Figure>| x.map_or_else(|| "none".to_owned(), |f| format!("{f:?}"));
            return Err(differs("flow", f(self.figure), f(other.figure)));
        }
        if self.commodity != other.commodity {
            return Err(differs(
                "commodity",
                self.commodity.to_string(),
                other.commodity.to_string(),
            ));
        }
        Ok(())
    }

    /// The record of a row read for the records path: `None` unless it has a reporter, a
    /// partner and a flow (`Parser::new` and `Parser::row` make sure it does).
    fn record(&self, reporting: Reporting, valuation: Option<Valuation>) -> Option<TradeRecord> {
        let (Some(reporter), Some(partner), Some(Figure::Flow(flow))) =
            (self.reporter, self.partner, self.figure)
        else {
            return None;
        };
        let record = TradeRecord::new(reporter, partner, self.period, flow, self.value)
            .with_commodity(self.commodity)
            .with_reporting(reporting);
        Some(match valuation {
            Some(v) => record.with_valuation(v),
            None => record,
        })
    }
}

/// A column's index, or the value fixed for every row.
type Col<T> = std::result::Result<usize, T>;

/// The columns of one file and the options.
#[derive(Debug)]
pub(crate) struct Parser {
    header: Header,
    value: usize,
    period: Col<Period>,
    reporter: Option<Col<Area>>,
    partner: Option<Col<Area>>,
    flow: Option<Col<Figure>>,
    flow_values: Vec<(String, Figure)>,
    commodity: Option<(usize, Classification)>,
    currency: Col<Currency>,
    unit: Col<Scale>,
    codes: CodeSystem,
    valuation: Option<Valuation>,
    reporting: Reporting,
    filters: Vec<(usize, Condition)>,
    exponents: bool,
    /// Records are made: a reporter, a partner and a flow are required, turnover is refused.
    trade: bool,
}

/// What to do about something not named.
fn unnamed(what: &str, column: &str, fixed: &str) -> Error {
    Error::MissingColumn {
        format: FORMAT,
        column: format!("({what})"),
        detail: format!(
            "name a {what} column with LongReader::{column}, or one {what} for every row with \
             LongReader::{fixed}"
        ),
    }
}

impl Parser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`): the period
    /// column takes a month (`2022-03`), or a year written as a date is refused as ambiguous.
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        (self.period == Ok(column)).then_some(super::excel::DateForm::Either { dashed: true })
    }

    fn new(options: &LongReader, header: &Header, trade: bool) -> Result<Parser> {
        fn col<T: Copy>(header: &Header, source: &Source<T>) -> Result<Col<T>> {
            match source {
                Source::Column(name) => Ok(Ok(header.require(FORMAT, name)?)),
                Source::Fixed(value) => Ok(Err(*value)),
            }
        }
        let optional = |source: &Option<Source<Area>>| -> Result<Option<Col<Area>>> {
            source.as_ref().map(|s| col(header, s)).transpose()
        };
        let value = header.require(FORMAT, &options.value)?;
        let period = col(
            header,
            options
                .period
                .as_ref()
                .ok_or_else(|| unnamed("period", "period_column", "period"))?,
        )?;
        let currency = col(
            header,
            options
                .currency
                .as_ref()
                .ok_or_else(|| unnamed("currency", "currency_column", "currency"))?,
        )?;
        let unit = col(
            header,
            options
                .unit
                .as_ref()
                .ok_or_else(|| unnamed("unit", "unit_column", "unit"))?,
        )?;
        let reporter = optional(&options.reporter)?;
        let partner = optional(&options.partner)?;
        let flow = options.flow.as_ref().map(|s| col(header, s)).transpose()?;
        if trade {
            if reporter.is_none() {
                return Err(unnamed("reporter", "reporter_column", "reporter"));
            }
            if partner.is_none() {
                return Err(unnamed("partner", "partner_column", "partner"));
            }
            if flow.is_none() {
                return Err(unnamed("flow", "flow_column", "flow"));
            }
        }
        let filters = options
            .filters
            .iter()
            .map(|f| Ok((header.require(FORMAT, &f.column)?, f.condition.clone())))
            .collect::<Result<_>>()?;
        Ok(Parser {
            value,
            period,
            reporter,
            partner,
            flow,
            flow_values: options.flow_values.clone(),
            commodity: match &options.commodity {
                Some((name, c)) => Some((header.require(FORMAT, name)?, *c)),
                None => None,
            },
            currency,
            unit,
            codes: options.codes,
            valuation: options.valuation,
            reporting: options.reporting,
            filters,
            exponents: options.exponents,
            trade,
            header: header.clone(),
        })
    }

    fn field<'a>(&self, record: &Record<'a>, index: usize) -> &'a [u8] {
        record.get(index).unwrap_or_default()
    }

    fn period(&self, record: &Record<'_>) -> std::result::Result<Period, Rejection> {
        match self.period {
            Err(fixed) => Ok(fixed),
            Ok(i) => {
                let bytes = self.field(record, i);
                read_period(bytes).map_err(|reason| reject(self.header.name(i), bytes, reason))
            }
        }
    }

    fn area(
        &self,
        record: &Record<'_>,
        source: Col<Area>,
        period: Period,
    ) -> std::result::Result<Area, Rejection> {
        match source {
            Err(fixed) => Ok(fixed),
            Ok(i) => {
                let bytes = self.field(record, i);
                read_area(bytes, self.codes, period)
                    .map_err(|reason| reject(self.header.name(i), bytes, reason))
            }
        }
    }

    fn figure(
        &self,
        record: &Record<'_>,
        source: Col<Figure>,
    ) -> std::result::Result<Figure, Rejection> {
        let i = match source {
            Err(fixed) => return Ok(fixed),
            Ok(i) => i,
        };
        let bytes = self.field(record, i);
        if let Some((_, figure)) = self
            .flow_values
            .iter()
            .find(|(text, _)| text.as_bytes() == bytes)
        {
            return Ok(*figure);
        }
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        text.parse::<Flow>()
            .map(Figure::Flow)
            .or_else(|_| text.parse::<Measure>().map(Figure::Measure))
            .map_err(|_| {
                reject(
                    self.header.name(i),
                    bytes,
                    "not a flow (X, M, exports, re-imports...) nor turnover: map the file's \
                     words with LongReader::flow_value",
                )
            })
    }

    fn commodity(&self, record: &Record<'_>) -> std::result::Result<Commodity, Rejection> {
        let Some((i, classification)) = self.commodity else {
            return Ok(Commodity::TOTAL);
        };
        let bytes = self.field(record, i);
        let bad = |reason: String| reject(self.header.name(i), bytes, reason);
        let code = std::str::from_utf8(bytes).map_err(|_| bad("not UTF-8".into()))?;
        Commodity::new(classification, code).map_err(|e| bad(e.to_string()))
    }

    fn money(&self, record: &Record<'_>) -> std::result::Result<Money, Rejection> {
        let currency = match self.currency {
            Err(fixed) => fixed,
            Ok(i) => {
                let bytes = self.field(record, i);
                std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|t| t.parse::<Currency>().ok())
                    .ok_or_else(|| {
                        reject(
                            self.header.name(i),
                            bytes,
                            "not a currency (USD, US dollars, tenge...)",
                        )
                    })?
            }
        };
        let unit = match self.unit {
            Err(fixed) => fixed,
            Ok(i) => {
                let bytes = self.field(record, i);
                std::str::from_utf8(bytes)
                    .ok()
                    .and_then(|t| t.parse::<Scale>().ok())
                    .ok_or_else(|| {
                        reject(
                            self.header.name(i),
                            bytes,
                            "not a unit (units, thousand, million, billion, trillion)",
                        )
                    })?
            }
        };
        let text = self.field(record, self.value);
        let parse = if self.exponents {
            parse_decimal_with_exponent
        } else {
            parse_decimal
        };
        let name = || self.header.name(self.value);
        let value = parse(text).map_err(|reason| reject(name(), text, reason))?;
        let value =
            in_units(value, unit).ok_or_else(|| reject(name(), text, "too large in units"))?;
        Ok(Money::new(value, currency))
    }

    /// One row: skipped when a filter leaves it out, else read whole.
    fn row(&self, record: &Record<'_>) -> std::result::Result<Outcome<Row>, Rejection> {
        for (i, condition) in &self.filters {
            if !condition.keeps(self.field(record, *i)) {
                return Ok(Outcome::Skip);
            }
        }
        let period = self.period(record)?;
        let reporter = self
            .reporter
            .map(|s| self.area(record, s, period))
            .transpose()?;
        let partner = self
            .partner
            .map(|s| self.area(record, s, period))
            .transpose()?;
        let mut figure = self.flow.map(|s| self.figure(record, s)).transpose()?;
        if self.trade {
            figure = match figure {
                Some(Figure::Measure(Measure::Exports)) => Some(Figure::Flow(Flow::Export)),
                Some(Figure::Measure(Measure::Imports)) => Some(Figure::Flow(Flow::Import)),
                Some(Figure::Measure(_)) => {
                    let (column, bytes) = match self.flow {
                        Some(Ok(i)) => (self.header.name(i), self.field(record, i)),
                        _ => ("(flow)".to_owned(), &b""[..]),
                    };
                    return Err(reject(
                        column,
                        bytes,
                        "turnover is a measure of two flows, not a flow: a record is one \
                         flow; read turnover figures with LongReader::series, or leave these \
                         rows out with a filter",
                    ));
                }
                other => other,
            };
        }
        let commodity = self.commodity(record)?;
        let value = self.money(record)?;
        Ok(Outcome::Accept(Row {
            line: record.line,
            reporter,
            partner,
            figure,
            commodity,
            period,
            value,
        }))
    }

    /// The key fields of a rejected row, each read on its own.
    fn row_key(&self, record: &Record<'_>) -> RejectedKey {
        let period = match self.period {
            Err(fixed) => Some(fixed),
            Ok(i) => record.get(i).and_then(|b| read_period(b).ok()),
        };
        let area = |source: Option<Col<Area>>| match source? {
            Err(fixed) => Some(fixed),
            Ok(i) => {
                let bytes = record.get(i)?;
                let at = |year: i32| {
                    Period::year(year)
                        .ok()
                        .and_then(|p| read_area(bytes, self.codes, p).ok())
                };
                match period {
                    Some(p) => read_area(bytes, self.codes, p).ok(),
                    None => at(1990).filter(|&a| Some(a) == at(2010)),
                }
            }
        };
        let flow = match self.flow {
            Some(Ok(i)) if record.get(i).is_none() => None,
            Some(source) => match self.figure(record, source) {
                Ok(Figure::Flow(f)) => Some(f),
                Ok(Figure::Measure(Measure::Exports)) => Some(Flow::Export),
                Ok(Figure::Measure(Measure::Imports)) => Some(Flow::Import),
                _ => None,
            },
            None => None,
        };
        let commodity = match self.commodity {
            None => Some(Commodity::TOTAL),
            Some((i, _)) if record.get(i).is_some() => self.commodity(record).ok(),
            Some(_) => None,
        };
        RejectedKey {
            line: record.line,
            reporter: area(self.reporter),
            partner: area(self.partner),
            period,
            flow,
            commodity,
        }
    }
}

impl RowParser for Parser {
    type Item = TradeRecord;
    type Cache = ();

    fn parse(
        &self,
        _: &mut (),
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        match self.row(record)? {
            Outcome::Skip => Ok(Outcome::Skip),
            Outcome::Accept(row) => row
                .record(self.reporting, self.valuation)
                .map(Outcome::Accept)
                .ok_or_else(|| {
                    // `new` requires all three for records, and `row` maps measures to flows.
                    reject(
                        "(record)",
                        b"",
                        "a record needs a reporter, a partner and a flow",
                    )
                }),
        }
    }

    fn key(&self, record: &Record<'_>) -> RejectedKey {
        self.row_key(record)
    }
}

/// The parser giving rows with their lines (the series and data-set paths).
#[derive(Debug)]
pub(crate) struct Lines(Parser);

impl RowParser for Lines {
    type Item = Row;
    type Cache = ();

    fn parse(
        &self,
        _: &mut (),
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<Row>, Rejection> {
        self.0.row(record)
    }

    fn key(&self, record: &Record<'_>) -> RejectedKey {
        self.0.row_key(record)
    }
}
