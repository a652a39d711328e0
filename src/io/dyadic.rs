//! Dyadic tables: one row per exporter, importer (and year), as research data sets publish trade
//! (CEPII BACI and Gravity, the WTO/UNCTAD *Advanced Guide to Trade Policy Analysis* data, the
//! gravity package's cross-sections, product-level exports to the world).
//!
//! The caller names the columns ([`DyadicReader`]), the code system of the country columns
//! ([`CodeSystem`]) and the unit of the values (a [`Scale`]: research tables are often in
//! thousands or millions of US dollars; a record's value is always in units). A row is **one
//! figure for both sides**: the exporter's export to the importer *and* the importer's import
//! from the exporter, the same observation ([`Reporting::Single`]: every perspective gives the
//! file's figure, never converted with a CIF/FOB factor, and there is no mirror asymmetry). Its
//! valuation is the source's, FOB unless the caller says otherwise (CEPII BACI's values are
//! reconciled FOB values). A table that is one side's report is read with
//! [`DyadicReader::reporting`]`(Reporting::Reporter)`: its rows are then the exporter's own
//! export records. Rows whose exporter is their importer (domestic sales, as
//! gravity data sets carry them) become records whose reporter is their partner: build the
//! [`TradeData`](crate::TradeData) with [`Domestic::Keep`](crate::Domestic::Keep) to keep them apart.
//!
//! Old ISO alpha-3 codes map by year, in any case: `ROM` is Romania (ROU), `ZAR` Zaire (now the
//! Democratic Republic of the Congo, COD), `TMP` East Timor (TLS), `BUR` Burma (MMR), `YUG` the
//! Socialist Federal Republic of Yugoslavia until 1991 and Serbia and Montenegro from 1992 to 2006,
//! `SCG` Serbia and Montenegro, `ANT` the Netherlands Antilles, `SUN` the USSR, `CSK`
//! Czechoslovakia, `DDR` East Germany, `YMD` South Yemen. A code that maps to nothing is a bad row
//! naming it (reported, never dropped).
//!
//! ```
//! use tradestat::io::dyadic::{CodeSystem, DyadicReader};
//! use tradestat::{Area, Country, Scale};
//!
//! let csv = "exporter,importer,year,trade\nROM,TUR,1990,27.76487390676141\nYUG,TUR,1992,3\n";
//! let records: Vec<_> = DyadicReader::new("exporter", "importer", "trade")
//!     .period_column("year")
//!     .codes(CodeSystem::Alpha3)
//!     .unit(Scale::Million)
//!     .records(csv.as_bytes())?
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(records[0].reporter(), Area::Country(Country::ROU));
//! assert_eq!(records[0].value().amount().to_string(), "27764873.90676141");
//! assert_eq!(records[1].reporter(), Area::SerbiaAndMontenegro);
//! assert_eq!(records[0].reporting(), tradestat::Reporting::Single);
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;

use super::csv::Record;
use super::decimal::{
    integral, parse_decimal, parse_decimal_with_exponent, parse_digits, parse_integral,
};
use super::open_path;
use super::records::{AnyParser, Records};
use super::report::{Mode, ReadReport, Rejection};
use super::rows::{self, reject, Header, Outcome, RowParser};
use crate::area::Area;
use crate::commodity::{Classification, Commodity};
use crate::country::Country;
use crate::currency::Currency;
use crate::error::Result;
use crate::flow::{Flow, Valuation};
use crate::money::{Money, Scale};
use crate::period::{Period, Year};
use crate::record::{Reporting, TradeRecord};

const FORMAT: &str = "dyadic table";

/// How the country columns of a dyadic table name countries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeSystem {
    /// ISO 3166-1 alpha-3 (any case), with the old codes listed in the [module docs](self).
    #[default]
    Alpha3,
    /// ISO 3166-1 numeric (`398`, `036` or `36`).
    Numeric,
    /// UN Comtrade's codes ([`Area::from_comtrade_code`]: 842 the USA, 0 the World).
    Comtrade,
    /// Names and any text [`Area::from_str`](crate::Area) reads ("Kazakhstan", "Turkey", "World").
    Names,
}

/// Where a row's partner comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Partner {
    Column(String),
    Fixed(Area),
}

/// Where a row's period comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PeriodSource {
    Column(String),
    Fixed(Period),
}

/// Reads a dyadic table (see the [module docs](self)). Name the exporter, importer and value
/// columns with [`DyadicReader::new`], then the period: a column ([`DyadicReader::period_column`])
/// or one fixed period for a file without one ([`DyadicReader::period`]); without either,
/// reading fails with an error saying so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DyadicReader {
    exporter: String,
    importer: Partner,
    value: String,
    period: Option<PeriodSource>,
    commodity: Option<(String, Classification)>,
    codes: CodeSystem,
    unit: Scale,
    currency: Currency,
    valuation: Valuation,
    reporting: Reporting,
    exponents: bool,
    mode: Mode,
    limits: super::Limits,
    threads: Option<usize>,
}

impl DyadicReader {
    /// A reader of the columns `exporter`, `importer` and `value` (values in US dollars, codes
    /// ISO alpha-3, FOB, strict).
    pub fn new(exporter: &str, importer: &str, value: &str) -> Self {
        DyadicReader {
            exporter: exporter.to_owned(),
            importer: Partner::Column(importer.to_owned()),
            value: value.to_owned(),
            period: None,
            commodity: None,
            codes: CodeSystem::Alpha3,
            unit: Scale::Units,
            currency: Currency::USD,
            valuation: Valuation::Fob,
            reporting: Reporting::Single,
            exponents: true,
            mode: Mode::Strict,
            limits: super::Limits::new(),
            threads: None,
        }
    }

    /// The reader of a CEPII BACI table (`t,i,j,k,v,q`): year `t`, exporter `i` and importer `j`
    /// as UN Comtrade area codes ([`CodeSystem::Comtrade`]: 842 the USA, 251 France, 699 India,
    /// 757 Switzerland, 490 "Other Asia, n.e.s."), HS 6-digit product `k` (text: `030289` keeps
    /// its leading zero; a code that lost it, `30289`, is a bad row), value `v` in thousands of
    /// US dollars ([`Scale::Thousand`], written with 3 decimals, so a record's value is in
    /// dollars), FOB. Each row is BACI's one reconciled figure for the flow
    /// ([`Reporting::Single`]): the exporter's export and the importer's import at once, never
    /// converted with a CIF/FOB factor. The quantity `q` (tonnes; empty in recent releases, `NA`
    /// in older ones) is not read, so a missing quantity never rejects a row. Every option can
    /// still be changed (for instance [`DyadicReader::mode`]).
    ///
    /// BACI's files are large (about 10 million rows a year in HS22): aggregate them on all
    /// cores with [`DyadicReader::fold`].
    ///
    /// ```
    /// use tradestat::io::dyadic::DyadicReader;
    /// use tradestat::{Area, Commodity, Country, Reporting};
    ///
    /// let csv = "t,i,j,k,v,q\n2022,842,251,030289,1234.567,NA\n2022,699,757,710812,0.041,\n";
    /// let records: Vec<_> = DyadicReader::baci().records(csv.as_bytes())?.collect::<Result<_, _>>()?;
    /// assert_eq!(records[0].reporter(), Area::Country(Country::USA));
    /// assert_eq!(records[0].partner(), Area::Country(Country::FRA));
    /// assert_eq!(records[0].commodity(), Commodity::hs("030289")?);
    /// assert_eq!(records[0].value().to_string(), "1234567 USD");
    /// assert_eq!(records[1].value().to_string(), "41 USD");
    /// assert_eq!(records[1].reporting(), Reporting::Single);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn baci() -> Self {
        DyadicReader::new("i", "j", "v")
            .period_column("t")
            .commodity_column("k", Classification::Hs)
            .codes(CodeSystem::Comtrade)
            .unit(Scale::Thousand)
            .currency(Currency::USD)
            .valuation(Valuation::Fob)
            .reporting(Reporting::Single)
    }

    /// A reader of a table of exports to one partner for all rows (for example exports to the
    /// World by product): columns `exporter` and `value`.
    pub fn to_partner(exporter: &str, partner: impl Into<Area>, value: &str) -> Self {
        let mut reader = DyadicReader::new(exporter, "", value);
        reader.importer = Partner::Fixed(partner.into());
        reader
    }

    /// The period is in column `name` (`1996`, `2022-Q1`, `2022-01`...).
    #[must_use]
    pub fn period_column(mut self, name: &str) -> Self {
        self.period = Some(PeriodSource::Column(name.to_owned()));
        self
    }

    /// Every row is of `period` (a cross-section whose source does not state its year).
    #[must_use]
    pub fn period(mut self, period: Period) -> Self {
        self.period = Some(PeriodSource::Fixed(period));
        self
    }

    /// Column `name` holds product codes of `classification` (codes are text: leading zeros
    /// count, `0011` is not `11`).
    #[must_use]
    pub fn commodity_column(mut self, name: &str, classification: Classification) -> Self {
        self.commodity = Some((name.to_owned(), classification));
        self
    }

    /// How the country columns name countries (default ISO alpha-3).
    #[must_use]
    pub fn codes(mut self, codes: CodeSystem) -> Self {
        self.codes = codes;
        self
    }

    /// The unit of the values: [`Scale::Thousand`] for thousands of dollars, [`Scale::Million`]
    /// for millions (default units). Records hold the value in units, exactly.
    #[must_use]
    pub fn unit(mut self, unit: Scale) -> Self {
        self.unit = unit;
        self
    }

    /// The currency of the values (default US dollars).
    #[must_use]
    pub fn currency(mut self, currency: Currency) -> Self {
        self.currency = currency;
        self
    }

    /// The valuation of the values (default FOB).
    #[must_use]
    pub fn valuation(mut self, valuation: Valuation) -> Self {
        self.valuation = valuation;
        self
    }

    /// Whose figures the rows are (default [`Reporting::Single`]: one figure per flow, for both
    /// sides, as research panels publish them). [`Reporting::Reporter`] reads them as the
    /// exporter's own reports, whose mirror figures (the importer's) are missing.
    #[must_use]
    pub fn reporting(mut self, reporting: Reporting) -> Self {
        self.reporting = reporting;
        self
    }

    /// Whether values may be written in exponent notation (`9.700000286102296e-05`), as tables
    /// written from binary floats have them (the Yotov and gravity data do). Default `true`: such
    /// a value is read exactly as its digits state, and refused only if a `Decimal` cannot hold
    /// it exactly. `false` refuses exponent notation, as the other readers do.
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

    /// The number of parsing threads [`DyadicReader::fold`] uses (default: the machine's
    /// available parallelism).
    #[must_use]
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// Streams the records of `input`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingColumn`](crate::Error::MissingColumn) for a named column the header lacks,
    /// or when no period (column or fixed) was given; bad rows as [`Records`] says.
    pub fn records<R: Read>(&self, input: R) -> Result<Records<R>> {
        Records::new(input, FORMAT, self.mode, self.limits, |header| {
            Ok(AnyParser::Dyadic(Parser::new(self, header)?))
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
            make: Box::new(move |header| Ok(AnyParser::Dyadic(Parser::new(self, header)?))),
        }
    }

    /// Reads `input` on several threads and folds every record into per-thread accumulators, as
    /// [`ComtradeReader::fold`](super::comtrade::ComtradeReader::fold) does: each thread starts
    /// from `init()` and calls `fold` on the records of the blocks it parses (in no particular
    /// order). Returns the accumulators, to be merged by the caller, and the report; memory stays
    /// at a few blocks of 4 MiB per thread, whatever the size of the input.
    ///
    /// The records and the report are those of [`DyadicReader::records`] on the same input, or
    /// the fold refuses the file (a quote inside an unquoted field can mislead its cut of the
    /// file into blocks) with an error that points to the streaming reader.
    ///
    /// # Errors
    ///
    /// As [`DyadicReader::records`]; in strict mode the first bad row in file order; an
    /// [`Error::BadRow`](crate::Error::BadRow) naming the line where a block was cut inside a
    /// quoted field.
    ///
    /// # Panics
    ///
    /// A panic in `init` or `fold` is raised again on the calling thread (with its payload),
    /// once the other threads have stopped.
    ///
    /// ```
    /// use tradestat::io::dyadic::DyadicReader;
    /// use tradestat::Decimal;
    ///
    /// let csv = "t,i,j,k,v,q\n2022,842,251,030289,1.5,NA\n2022,251,842,870323,2.25,3\n";
    /// let (sums, report) = DyadicReader::baci().fold(
    ///     csv.as_bytes(),
    ///     || Decimal::ZERO,
    ///     |sum, record| *sum += record.value().amount(),
    /// )?;
    /// assert_eq!(sums.iter().sum::<Decimal>().to_string(), "3750");
    /// assert_eq!(report.to_string(), "read 2 rows: accepted 2, rejected 0, skipped 0");
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
        rows::parallel_fold(
            input,
            FORMAT,
            threads,
            self.mode,
            self.limits,
            |header| Parser::new(self, header),
            init,
            fold,
        )
    }

    /// [`DyadicReader::fold`] over the file at `path` (a `.gz` file is decompressed with the
    /// `gzip` feature).
    ///
    /// # Errors
    ///
    /// As [`DyadicReader::fold`], and [`Error::Io`](crate::Error::Io) when the file cannot be
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

    /// Streams the records of the file at `path`.
    ///
    /// # Errors
    ///
    /// As [`DyadicReader::records`], and [`Error::Io`](crate::Error::Io) when the file cannot be
    /// opened.
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Records<Box<dyn Read + Send>>> {
        self.records(open_path(path.as_ref())?)
    }
}

#[derive(Debug)]
pub(crate) struct Parser {
    header: Header,
    exporter: usize,
    importer: Result<usize, Area>,
    value: usize,
    period: Result<usize, Period>,
    commodity: Option<(usize, Classification)>,
    codes: CodeSystem,
    unit: Scale,
    currency: Currency,
    valuation: Valuation,
    reporting: Reporting,
    exponents: bool,
}

impl Parser {
    /// How a date cell in column `column` of a sheet is read (feature `excel`): the period
    /// column takes a month (`2022-03`), or a year written as a date is refused as ambiguous.
    #[cfg(feature = "excel")]
    pub(crate) fn date_form(&self, column: usize) -> Option<super::excel::DateForm> {
        (self.period == Ok(column)).then_some(super::excel::DateForm::Either { dashed: true })
    }

    fn new(options: &DyadicReader, header: &Header) -> Result<Parser> {
        let exporter = header.require(FORMAT, &options.exporter)?;
        let importer = match &options.importer {
            Partner::Column(name) => Ok(header.require(FORMAT, name)?),
            Partner::Fixed(area) => Err(*area),
        };
        let value = header.require(FORMAT, &options.value)?;
        let period = match &options.period {
            Some(PeriodSource::Column(name)) => Ok(header.require(FORMAT, name)?),
            Some(PeriodSource::Fixed(p)) => Err(*p),
            None => {
                return Err(crate::Error::MissingColumn {
                    format: FORMAT,
                    column: "(period)".into(),
                    detail:
                        "name a period column with period_column, or a fixed period with period"
                            .into(),
                })
            }
        };
        Ok(Parser {
            exporter,
            importer,
            value,
            period,
            commodity: match &options.commodity {
                Some((name, c)) => Some((header.require(FORMAT, name)?, *c)),
                None => None,
            },
            codes: options.codes,
            unit: options.unit,
            currency: options.currency,
            valuation: options.valuation,
            reporting: options.reporting,
            exponents: options.exponents,
            header: header.clone(),
        })
    }

    fn area(
        &self,
        cache: &mut Cache,
        record: &Record<'_>,
        index: usize,
        period: Period,
    ) -> std::result::Result<Area, Rejection> {
        let bytes = record.get(index).unwrap_or_default();
        let bad = |reason: &str| reject(self.header.name(index), bytes, reason);
        if let CodeSystem::Numeric | CodeSystem::Comtrade = self.codes {
            // A number, `842` or `842.0` (a whole number written as a float), looked up once
            // per thread for the codes below 1000.
            let not_code = || {
                bad(match self.codes {
                    CodeSystem::Numeric => "not an ISO 3166-1 numeric code",
                    _ => "not a UN Comtrade area code",
                })
            };
            // Plain digits first; spaces and a zero fraction (`842.0`) on the slower path.
            let code = match parse_digits(bytes, 5) {
                Some(c) => Some(c),
                None => parse_integral(bytes.trim_ascii(), 5).map_err(bad)?,
            }
            .and_then(|c| u16::try_from(c).ok())
            .ok_or_else(not_code)?;
            let slot = cache.areas.get_mut(usize::from(code));
            if let Some(Some(known)) = slot.as_deref() {
                return (*known).ok_or_else(not_code);
            }
            let found = match self.codes {
                CodeSystem::Numeric => Country::from_numeric(code).map(Area::Country),
                _ => Area::from_comtrade_code(code).ok(),
            };
            if let Some(slot) = slot {
                *slot = Some(found);
            }
            return found.ok_or_else(not_code);
        }
        read_area(bytes, self.codes, period).map_err(|reason| bad(&reason))
    }

    /// The period of a row: a fixed one, or the period column's (a year written `1986.0` is
    /// 1986; `1986.5` is refused).
    fn period(&self, record: &Record<'_>) -> std::result::Result<Period, Rejection> {
        match self.period {
            Err(fixed) => Ok(fixed),
            Ok(i) => {
                let bytes = record.get(i).unwrap_or_default();
                read_period(bytes).map_err(|reason| reject(self.header.name(i), bytes, reason))
            }
        }
    }
}

/// An area named in `codes` (a code read as a whole number, `842.0` included), as it was in the
/// year of `period`; the error is the reason. The readers without a cache of their own use it.
pub(crate) fn read_area(
    bytes: &[u8],
    codes: CodeSystem,
    period: Period,
) -> std::result::Result<Area, String> {
    let text = bytes.trim_ascii();
    match codes {
        CodeSystem::Numeric | CodeSystem::Comtrade => {
            let code = parse_integral(text, 5)?.and_then(|c| u16::try_from(c).ok());
            let area = match codes {
                CodeSystem::Numeric => code.and_then(Country::from_numeric).map(Area::Country),
                _ => code.and_then(|c| Area::from_comtrade_code(c).ok()),
            };
            area.ok_or_else(|| {
                match codes {
                    CodeSystem::Numeric => "not an ISO 3166-1 numeric code",
                    _ => "not a UN Comtrade area code",
                }
                .to_owned()
            })
        }
        CodeSystem::Alpha3 | CodeSystem::Names => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| "not UTF-8".to_owned())?
                .trim();
            if codes == CodeSystem::Alpha3 {
                alpha3_by_year(text, period.calendar_year().get()).ok_or_else(|| {
                    "not an ISO 3166-1 alpha-3 code, current or old (see tradestat::io::dyadic)"
                        .to_owned()
                })
            } else {
                text.parse::<Area>().map_err(|e| e.to_string())
            }
        }
    }
}

/// A period written as text (`2022`, `2022-Q1`, `2022-01`), a year written as a float (`2022.0`)
/// included; the error is the reason.
pub(crate) fn read_period(bytes: &[u8]) -> std::result::Result<Period, &'static str> {
    let text = integral(bytes.trim_ascii())?;
    if let Ok(Some(year)) = parse_integral(text, 4) {
        if text.len() == 4 {
            return i32::try_from(year)
                .ok()
                .and_then(|y| Year::new(y).ok())
                .map(Period::Year)
                .ok_or("a year out of range (1000 to 9999)");
        }
    }
    std::str::from_utf8(text)
        .ok()
        .and_then(|t| t.parse::<Period>().ok())
        .ok_or("not a period (2022, 2022-Q1, 2022-01)")
}

/// Per-thread lookups: the areas of the numeric codes 0 to 999 seen so far, and the last period
/// read (with its text). Product codes are read anew on each row: reading six digits costs less
/// than looking them up in a table large enough for HS-6 (a table of 16,384 slots missed the
/// processor's caches on most rows of a BACI file, whose rows cycle through thousands of codes).
#[derive(Debug)]
pub(crate) struct Cache {
    areas: Vec<Option<Option<Area>>>,
    period: Option<(u64, Period)>,
}

/// Text of at most 7 bytes as one number (its bytes and its length): two texts are equal
/// exactly when their numbers are.
fn pack(text: &[u8]) -> Option<u64> {
    if text.len() > 7 {
        return None;
    }
    let bytes = text.iter().fold(0u64, |key, &b| (key << 8) | u64::from(b));
    Some(bytes | ((text.len() as u64) << 56))
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            areas: vec![None; 1000],
            period: None,
        }
    }
}

impl Cache {
    fn remember_period(&mut self, text: &[u8], period: Period) {
        self.period = pack(text).map(|key| (key, period));
    }
}

/// An alpha-3 code, current or old, as the area it meant in `year`.
pub(crate) fn alpha3_by_year(code: &str, year: i32) -> Option<Area> {
    if code.len() != 3 {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    let legacy = match upper.as_str() {
        "ROM" => Some(Area::Country(Country::ROU)),
        "ZAR" => Some(Area::Country(Country::COD)),
        "TMP" => Some(Area::Country(Country::TLS)),
        "BUR" => Some(Area::Country(Country::MMR)),
        "YUG" if year <= 1991 => Some(Area::Yugoslavia),
        "YUG" | "SCG" if (1992..=2006).contains(&year) => Some(Area::SerbiaAndMontenegro),
        "ANT" => Some(Area::NetherlandsAntilles),
        "SUN" => Some(Area::Ussr),
        "CSK" => Some(Area::Czechoslovakia),
        "DDR" => Some(Area::EastGermany),
        "YMD" => Some(Area::DemocraticYemen),
        _ => None,
    };
    legacy.or_else(|| Country::from_alpha3(&upper).map(Area::Country))
}

/// `value` stated in `unit`, in units, exactly: the decimal point moves (no trailing zeros
/// appear); an amount too large is `None`.
#[inline]
pub(crate) fn in_units(value: Decimal, unit: Scale) -> Option<Decimal> {
    let exponent = unit.exponent();
    if value.scale() >= exponent {
        let mut v = value;
        v.set_scale(value.scale() - exponent).ok()?;
        Some(v)
    } else {
        let shift = exponent - value.scale();
        let mut v = value;
        v.set_scale(0).ok()?;
        v.checked_mul(Decimal::from(10u64.checked_pow(shift)?))
    }
}

impl RowParser for Parser {
    type Item = TradeRecord;
    type Cache = Cache;

    /// Each key field read on its own, by the rules of `parse`; `None` where it cannot be. An
    /// area is read without the period only when its code means the same in any year.
    fn key(&self, record: &Record<'_>) -> super::RejectedKey {
        let period = match self.period {
            Err(fixed) => Some(fixed),
            Ok(i) => record.get(i).and_then(|bytes| read_period(bytes).ok()),
        };
        let area = |index: usize| {
            let bytes = record.get(index)?;
            let at = |year: i32| {
                Period::year(year)
                    .ok()
                    .and_then(|p| read_area(bytes, self.codes, p).ok())
            };
            match period {
                Some(p) => at(p.calendar_year().get()),
                None => at(1990).filter(|&a| Some(a) == at(2010)),
            }
        };
        let commodity = match self.commodity {
            None => Some(Commodity::TOTAL),
            Some((i, classification)) => record
                .get(i)
                .and_then(|bytes| std::str::from_utf8(bytes).ok())
                .and_then(|code| Commodity::new(classification, code).ok()),
        };
        let reporter = area(self.exporter);
        let partner = match self.importer {
            Ok(i) => area(i),
            Err(fixed) => Some(fixed),
        };
        super::RejectedKey {
            line: record.line,
            reporter,
            partner,
            period,
            flow: Some(Flow::Export),
            commodity,
        }
    }

    fn parse(
        &self,
        cache: &mut Cache,
        record: &Record<'_>,
    ) -> std::result::Result<Outcome<TradeRecord>, Rejection> {
        let period = match (self.period, cache.period) {
            (Ok(i), Some((text, period))) if record.get(i).and_then(pack) == Some(text) => period,
            _ => {
                let period = self.period(record)?;
                if let Ok(i) = self.period {
                    cache.remember_period(record.get(i).unwrap_or_default(), period);
                }
                period
            }
        };
        let exporter = self.area(cache, record, self.exporter, period)?;
        let importer = match self.importer {
            Ok(i) => self.area(cache, record, i, period)?,
            Err(fixed) => fixed,
        };
        let value_text = record.get(self.value).unwrap_or_default();
        // Plain notation first (one pass); exponent notation, where allowed, only when the
        // plain reading fails.
        let value = match parse_decimal(value_text) {
            Err(_) if self.exponents => parse_decimal_with_exponent(value_text),
            plain => plain,
        }
        .map_err(|reason| reject(self.header.name(self.value), value_text, reason))?;
        let value = in_units(value, self.unit).ok_or_else(|| {
            reject(
                self.header.name(self.value),
                value_text,
                "too large in units for a Decimal",
            )
        })?;
        let mut out = TradeRecord::new(
            exporter,
            importer,
            period,
            Flow::Export,
            Money::new(value, self.currency),
        )
        .with_valuation(self.valuation)
        .with_reporting(self.reporting);
        if let Some((i, classification)) = self.commodity {
            let bytes = record.get(i).unwrap_or_default();
            let code = std::str::from_utf8(bytes)
                .map_err(|_| reject(self.header.name(i), bytes, "not UTF-8"))?;
            let commodity = Commodity::new(classification, code)
                .map_err(|e| reject(self.header.name(i), bytes, e.to_string()))?;
            out = out.with_commodity(commodity);
        }
        Ok(Outcome::Accept(out))
    }
}
