//! Building a [`TradeData`]: the choices ([`Builder`]), and the ingestion of records into columns.

use rust_decimal::Decimal;

use super::commodities::CommodityTree;
use super::keys::Interner;
use super::rejected::Rejected;
use super::store::{period_key, PairRun, Store, DERIVED, SINGLE, VALUATION_ID};
use super::totals::add;
use super::TradeData;
use crate::area::Area;
use crate::commodity::Commodity;
use crate::currency::Currency;
use crate::error::{Error, Result};
use crate::flow::{Flow, Valuation};
use crate::fx::Rates;
use crate::io::{ReadReport, RejectedKey};
use crate::period::Period;
use crate::record::{Reporting, TradeRecord};

/// What to do with two records of the same reporter, partner, flow, commodity and period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Duplicates {
    /// Refuse them with [`Error::DuplicateRecord`] (the default): a repeated row is usually a
    /// mistake, and neither copy is dropped silently.
    #[default]
    Error,
    /// Add them exactly into one record (for data split into parts, such as customs procedures
    /// or partial shipments). Duplicates of different valuations cannot be added and are an error.
    Sum,
}

/// What to do with records whose reporter is their partner (gravity data sets carry domestic
/// sales as such rows).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Domestic {
    /// Refuse them with [`Error::DomesticRecord`] (the default).
    #[default]
    Error,
    /// Keep them apart from trade: readable with [`TradeData::domestic`] and
    /// [`TradeData::domestic_records`], never counted in any trade figure.
    Keep,
}

/// The choices for building a [`TradeData`]; made by [`TradeData::builder`], ended by
/// [`Builder::build`].
///
/// ```
/// # use tradestat::{Country, Money, Period, TradeRecord, Flow, TradeData, Duplicates, Domestic};
/// let usd = |s: &str| s.parse::<Money>();
/// let y2020 = Period::year(2020)?;
/// let records = [
///     TradeRecord::new(Country::KAZ, Country::TUR, y2020, Flow::Export, usd("$2bn")?),
///     TradeRecord::new(Country::KAZ, Country::TUR, y2020, Flow::Export, usd("$0.1bn")?),
///     TradeRecord::new(Country::KAZ, Country::KAZ, y2020, Flow::Export, usd("$50bn")?),
/// ];
/// let data = TradeData::builder()
///     .duplicates(Duplicates::Sum)
///     .domestic(Domestic::Keep)
///     .build(records)?;
/// assert_eq!(data.len(), 1);
/// assert_eq!(data.domestic(Country::KAZ, y2020)?, Some(usd("$50bn")?));
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder<'a> {
    duplicates: Duplicates,
    domestic: Domestic,
    conversion: Option<(Currency, &'a Rates)>,
    rejected: Rejected,
}

impl<'a> Builder<'a> {
    /// What to do with duplicate records (default [`Duplicates::Error`]).
    pub fn duplicates(mut self, duplicates: Duplicates) -> Self {
        self.duplicates = duplicates;
        self
    }

    /// What to do with domestic records (default [`Domestic::Error`]).
    pub fn domestic(mut self, domestic: Domestic) -> Self {
        self.domestic = domestic;
        self
    }

    /// Converts every value into `currency` while building, each at the rate of its own period
    /// in `rates` ([`Rates::convert`]: the inserted rate, or one division by the reverse one,
    /// rounded once). Without it, records in different currencies are an error.
    ///
    /// ```
    /// # use tradestat::{Country, Currency, Decimal, Flow, Money, Period, TradeData, TradeRecord};
    /// # use tradestat::fx::Rates;
    /// let y = Period::year(2023)?;
    /// let mut rates = Rates::new();
    /// rates.insert(Currency::USD, Currency::TRY, y, Decimal::new(2_375, 2))?; // 23.75 TRY per USD
    /// let records = [
    ///     TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, "USD 4".parse()?),
    ///     TradeRecord::new(Country::TUR, Country::KAZ, y, Flow::Import, "TRY 95".parse()?),
    /// ];
    /// let data = TradeData::builder().convert_to(Currency::USD, &rates).build(records)?;
    /// assert_eq!(data.currency(), Some(Currency::USD));
    /// let imports = data.value(Country::TUR, Country::KAZ, Flow::Import, tradestat::Commodity::TOTAL, y)?;
    /// assert_eq!(imports, Some("USD 4".parse::<Money>()?)); // 95 / 23.75
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn convert_to<'b>(self, currency: Currency, rates: &'b Rates) -> Builder<'b> {
        Builder {
            duplicates: self.duplicates,
            domestic: self.domestic,
            conversion: Some((currency, rates)),
            rejected: self.rejected,
        }
    }

    /// The rows a lenient read rejected ([`ReadReport::rejected_keys`]), for records read
    /// otherwise than by [`Records::into_trade_data`](crate::io::Records::into_trade_data)
    /// (which passes its report itself). Several reports add up.
    ///
    /// The data set then never answers a figure whose own row was rejected with a sum of its
    /// parts (a total from its chapters, a year from its months) or as missing: asking for it
    /// ([`TradeData::value`], a [`Bilateral`](crate::Bilateral) series, an indicator) is an
    /// [`Error::InvalidArgument`] naming the rejected line, unless
    /// [`Builder::substitute_rejected`] allows the sum (then marked; a figure with no parts to
    /// stand in stays an error). A period of a series with no record left at all is a gap. A rejected row's
    /// unreadable field matches any value. When the report kept only some rejected keys
    /// ([`ReadReport::rejected_keys_complete`] false), every sum of parts is refused so.
    ///
    /// ```
    /// # use tradestat::{Commodity, Country, Flow, Money, Period, TradeData, TradeRecord};
    /// # use tradestat::io::RejectedKey;
    /// let y = Period::year(2016)?;
    /// let chapter = |code: &str, v: &str| -> Result<TradeRecord, tradestat::Error> {
    ///     Ok(TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, v.parse::<Money>()?)
    ///         .with_commodity(Commodity::hs(code)?))
    /// };
    /// // The TOTAL row (line 2) was rejected; the chapters were read.
    /// let total_row = RejectedKey {
    ///     line: 2,
    ///     reporter: Some(Country::KAZ.into()),
    ///     partner: Some(Country::TUR.into()),
    ///     period: Some(y),
    ///     flow: Some(Flow::Export),
    ///     commodity: Some(Commodity::TOTAL),
    /// };
    /// let records = [chapter("27", "$100")?, chapter("72", "$25")?];
    /// let data = TradeData::builder().rejected_keys([total_row]).build(records)?;
    /// let total = data.value(Country::KAZ, Country::TUR, Flow::Export, Commodity::TOTAL, y);
    /// assert!(total.unwrap_err().to_string().contains("line 2"));
    /// // Chapter 27 has its own record: it is what the file says.
    /// let oil = data.value(Country::KAZ, Country::TUR, Flow::Export, Commodity::hs("27")?, y)?;
    /// assert_eq!(oil, Some("$100".parse()?));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn rejected(mut self, report: &ReadReport) -> Self {
        self.rejected.add(
            report.rejected_keys().iter().copied(),
            report.rejected_keys_complete(),
        );
        self
    }

    /// The keys of rejected rows given one by one (all of them), for records gathered by other
    /// means than this crate's readers; as [`Builder::rejected`].
    pub fn rejected_keys(mut self, keys: impl IntoIterator<Item = RejectedKey>) -> Self {
        self.rejected.add(keys, true);
        self
    }

    /// Whether a sum of parts may stand in for a figure whose own row was rejected (default
    /// `false`: such a figure is an error; a figure with no parts to stand in is an error
    /// whatever this says). With `true` the sum is used everywhere, and
    /// [`TradeData::value_with_flags`] marks it [`Flags::SUBSTITUTED`](crate::Flags::SUBSTITUTED).
    pub fn substitute_rejected(mut self, allow: bool) -> Self {
        self.rejected.set_substitute(allow);
        self
    }

    /// Builds the data set from `records`, in any order.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`] for records in different currencies without
    /// [`Builder::convert_to`], [`Error::MissingRate`] naming the currencies and period of a
    /// rate that conversion needs and `rates` lacks; [`Error::DuplicateRecord`]
    /// and [`Error::DomesticRecord`] as chosen above; [`Error::Overflow`] when duplicates summed do
    /// not fit a `Decimal` exactly, or there are more than 65,535 areas or 4,294,967,295 records;
    /// [`Error::InvalidArgument`] for commodity codes that do not nest.
    pub fn build(self, records: impl IntoIterator<Item = TradeRecord>) -> Result<TradeData> {
        let mut currency: Option<Currency> = self.conversion.map(|(c, _)| c);
        let mut trade = Columns::default();
        let mut domestic = Columns::default();
        for record in records {
            let value = match self.conversion {
                Some((to, rates)) => rates.convert(&record.value(), to, record.period())?,
                None => record.value(),
            };
            match currency {
                None => currency = Some(value.currency()),
                Some(c) if c != value.currency() => {
                    return Err(Error::CurrencyMismatch {
                        operation: "hold in one data set",
                        left: c,
                        right: value.currency(),
                    })
                }
                Some(_) => {}
            }
            if record.reporter() == record.partner() {
                match self.domestic {
                    Domestic::Keep => domestic.push(&record, value.amount(), marks(&record))?,
                    Domestic::Error => {
                        return Err(Error::DomesticRecord {
                            record: describe(
                                record.reporter(),
                                record.partner(),
                                record.flow(),
                                record.commodity(),
                                record.period(),
                            ),
                        })
                    }
                }
            } else {
                push_trade(&mut trade, &record, value.amount())?;
            }
        }
        let trade = trade.finish(self.duplicates)?;
        let domestic = domestic.finish(self.duplicates)?;
        let mut data = TradeData::from_stores(currency, trade, domestic)?;
        *data.rejected_mut() = self.rejected;
        Ok(data)
    }
}

/// The reporting bits of a record as given.
fn marks(record: &TradeRecord) -> u8 {
    match record.reporting() {
        Reporting::Single => SINGLE,
        _ => 0,
    }
}

/// Pushes a trade record and, for one figure for both sides, its partner's side of it (the
/// mirror flow, same value and valuation, marked derived). A flow without a mirror (re-exports,
/// domestic exports) has no partner's side and is held once.
fn push_trade(trade: &mut Columns, record: &TradeRecord, value: Decimal) -> Result<()> {
    trade.push(record, value, marks(record))?;
    if record.reporting() == Reporting::Single {
        if let Some(mirror) = record.flow().mirror() {
            let copy = TradeRecord::new(
                record.partner(),
                record.reporter(),
                record.period(),
                mirror,
                record.value(),
            )
            .with_commodity(record.commodity())
            .with_valuation(record.valuation());
            trade.push(&copy, value, SINGLE | DERIVED)?;
        }
    }
    Ok(())
}

/// A record's key written out, for messages.
pub(crate) fn describe(
    reporter: Area,
    partner: Area,
    flow: Flow,
    commodity: Commodity,
    period: Period,
) -> String {
    format!("{reporter} -> {partner}, {flow}, {commodity}, {period}")
}

/// Records as they arrive: provisional ids and values, before sorting.
#[derive(Debug)]
struct Columns {
    areas: Interner<Area>,
    periods: Interner<Period>,
    flows: Interner<Flow>,
    valuations: Interner<Valuation>,
    commodities: Interner<Commodity>,
    reporter: Vec<u16>,
    partner: Vec<u16>,
    period: Vec<u32>,
    flow: Vec<u8>,
    valuation: Vec<u8>,
    /// The [`SINGLE`] and [`DERIVED`] bits of each record.
    marks: Vec<u8>,
    commodity: Vec<u32>,
    value: Vec<Decimal>,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            areas: Interner::new("areas", u32::from(u16::MAX) + 1),
            periods: Interner::new("periods", u32::MAX),
            flows: Interner::new("flows", u32::from(u8::MAX) + 1),
            valuations: Interner::new("valuations", u32::from(u8::MAX) + 1),
            commodities: Interner::new("commodities", u32::MAX - 1),
            reporter: Vec::new(),
            partner: Vec::new(),
            period: Vec::new(),
            flow: Vec::new(),
            valuation: Vec::new(),
            marks: Vec::new(),
            commodity: Vec::new(),
            value: Vec::new(),
        }
    }
}

/// Narrows an id to its column's width (the interner's limit guarantees it fits).
fn narrow<T: TryFrom<u32>>(id: u32, what: &'static str) -> Result<T> {
    T::try_from(id).map_err(|_| Error::overflow("building a data set", format!("{what} id {id}")))
}

impl Columns {
    fn push(&mut self, record: &TradeRecord, value: Decimal, marks: u8) -> Result<()> {
        if self.value.len() >= u32::MAX as usize {
            return Err(Error::overflow(
                "building a data set",
                "more than 4294967295 records",
            ));
        }
        self.reporter
            .push(narrow(self.areas.intern(record.reporter())?, "area")?);
        self.partner
            .push(narrow(self.areas.intern(record.partner())?, "area")?);
        self.period.push(self.periods.intern(record.period())?);
        self.flow
            .push(narrow(self.flows.intern(record.flow())?, "flow")?);
        self.valuation.push(narrow(
            self.valuations.intern(record.valuation())?,
            "valuation",
        )?);
        // One code reported in several HS editions is one commodity with the oldest edition.
        self.commodity.push(
            self.commodities
                .intern_merging(record.commodity(), Commodity::merge_editions)?,
        );
        self.value.push(value);
        self.marks.push(marks);
        Ok(())
    }

    /// Sorts the records by key, resolves duplicates and builds the column store.
    fn finish(self, duplicates: Duplicates) -> Result<Store> {
        let (areas, area_ids) = self.areas.finish();
        let (periods, period_ids) = self.periods.finish();
        let (flows, flow_ids) = self.flows.finish();
        let (valuations, valuation_ids) = self.valuations.finish();
        let (commodities, commodity_ids) = CommodityTree::build(self.commodities.seen())?;
        let remap = |ids: &[u32], id: usize| -> u128 { ids.get(id).copied().map_or(0, u128::from) };

        // One sort key per record: reporter, partner, flow, period, commodity in 104 bits.
        let n = self.value.len();
        let mut keys: Vec<(u128, u32)> = Vec::with_capacity(n);
        for i in 0..n {
            let key = remap(&area_ids, usize::from(self.reporter[i])) << 88
                | remap(&area_ids, usize::from(self.partner[i])) << 72
                | remap(&flow_ids, usize::from(self.flow[i])) << 64
                | remap(&period_ids, self.period[i] as usize) << 32
                | remap(&commodity_ids, self.commodity[i] as usize);
            keys.push((key, i as u32));
        }
        let (values, valuation, marks) = (self.value, self.valuation, self.marks);
        drop((
            self.reporter,
            self.partner,
            self.period,
            self.flow,
            self.commodity,
        ));
        keys.sort_unstable();

        let period_keys = periods.values().iter().map(|&p| period_key(p)).collect();
        let mut store = Store {
            areas,
            periods,
            period_keys,
            flows,
            valuations,
            commodities,
            ..Store::default()
        };
        let unique = keys.windows(2).filter(|w| w[0].0 != w[1].0).count() + usize::from(n > 0);
        store.flow.reserve_exact(unique);
        store.valuation.reserve_exact(unique);
        store.period.reserve_exact(unique);
        store.commodity.reserve_exact(unique);
        store.value.reserve_exact(unique);
        let mut previous: Option<u128> = None;
        for &(key, original) in &keys {
            let i = original as usize;
            let value = values[i];
            let valuation_id = narrow::<u8>(valuation_ids[usize::from(valuation[i])], "valuation")?
                & VALUATION_ID
                | marks[i];
            if previous == Some(key) {
                let last = store.value.len() - 1;
                // A side's report meeting the partner's side of a single figure: two sources.
                if (store.valuation[last] ^ valuation_id) & DERIVED != 0 {
                    return Err(duplicate(
                        &store,
                        key,
                        "one record gives one figure for both sides (Reporting::Single) and the other is a side's figure of the same flow: keep one source for it",
                    ));
                }
                if duplicates == Duplicates::Error {
                    return Err(duplicate(
                        &store,
                        key,
                        "build with Duplicates::Sum to add them",
                    ));
                }
                if store.valuation[last] & SINGLE != valuation_id & SINGLE {
                    return Err(duplicate(
                        &store,
                        key,
                        "one is a side's report and the other one figure for both sides (Reporting::Single): they cannot be added",
                    ));
                }
                if store.valuation[last] != valuation_id {
                    return Err(duplicate(
                        &store,
                        key,
                        "they have different valuations (CIF and FOB) and cannot be added",
                    ));
                }
                store.value[last] = add(store.value[last], value)?;
                continue;
            }
            previous = Some(key);
            let (reporter, partner) = ((key >> 88) as u16, (key >> 72) as u16);
            let position = store.value.len() as u32;
            match store.pairs.last_mut() {
                Some(run) if run.reporter == reporter && run.partner == partner => {
                    run.end = position + 1
                }
                _ => store.pairs.push(PairRun {
                    reporter,
                    partner,
                    start: position,
                    end: position + 1,
                }),
            }
            store.flow.push((key >> 64) as u8);
            store.valuation.push(valuation_id);
            if valuation_id & DERIVED != 0 {
                store.derived += 1;
            }
            store.period.push((key >> 32) as u32);
            store.commodity.push(key as u32);
            store.value.push(value);
        }
        store.pairs.shrink_to_fit();
        store.index_reporters();
        Ok(store)
    }
}

fn duplicate(store: &Store, key: u128, reason: &'static str) -> Error {
    let area = |id: u128| store.areas.get(id as u16 as usize).unwrap_or(Area::World);
    let record = match (
        store.flows.get((key >> 64) as u8 as usize),
        store.commodities.get(key as u32 as usize),
        store.periods.get((key >> 32) as u32 as usize),
    ) {
        (Some(flow), Some(commodity), Some(period)) => {
            describe(area(key >> 88), area(key >> 72), flow, commodity, period)
        }
        _ => format!("{key:x}"),
    };
    Error::DuplicateRecord { record, reason }
}
