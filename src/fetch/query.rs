//! [`ComtradeQuery`]: what to ask UN Comtrade for, as typed values; turned into calls by the
//! client (see [`chunking`](super::chunking)).

use crate::area::Area;
use crate::commodity::Commodity;
use crate::flow::Flow;
use crate::period::{Month, Period, Year};

/// Goods (`C`) or services (`S`): Comtrade's `typeCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeType {
    /// Goods, `C`.
    Goods,
    /// Services, `S`.
    Services,
}

impl TradeType {
    /// Comtrade's `typeCode`.
    pub const fn code(self) -> &'static str {
        match self {
            TradeType::Goods => "C",
            TradeType::Services => "S",
        }
    }
}

/// Annual (`A`) or monthly (`M`) data: Comtrade's `freqCode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ComtradeFrequency {
    /// Annual, `A`.
    Annual,
    /// Monthly, `M`.
    Monthly,
}

impl ComtradeFrequency {
    /// Comtrade's `freqCode`.
    pub const fn code(self) -> &'static str {
        match self {
            ComtradeFrequency::Annual => "A",
            ComtradeFrequency::Monthly => "M",
        }
    }
}

/// A UN Comtrade data query. Empty lists of reporters, partners and flows mean all of them (the
/// parameter is not sent); no commodities means the total of all goods (`TOTAL`); periods are
/// required.
///
/// ```
/// use tradestat::fetch::ComtradeQuery;
/// use tradestat::{Area, Commodity, Country, Flow};
///
/// let query = ComtradeQuery::goods()
///     .annual()
///     .reporters([Country::KAZ])
///     .partners([Area::World, Country::TUR.into()])
///     .years(2015..=2024)
///     .flows([Flow::Export, Flow::Import])
///     .commodities([Commodity::TOTAL]);
/// assert_eq!(query.periods().len(), 10);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComtradeQuery {
    pub(crate) trade_type: TradeType,
    pub(crate) frequency: ComtradeFrequency,
    pub(crate) classification: String,
    pub(crate) reporters: Vec<Area>,
    pub(crate) partners: Vec<Area>,
    pub(crate) periods: Vec<Period>,
    pub(crate) flows: Vec<Flow>,
    pub(crate) commodities: Vec<Commodity>,
    /// A value given to a setter that cannot be asked for (a year out of range), reported by
    /// the fetch rather than dropped.
    pub(crate) invalid: Option<String>,
}

impl ComtradeQuery {
    fn new(trade_type: TradeType, classification: &str) -> Self {
        ComtradeQuery {
            trade_type,
            frequency: ComtradeFrequency::Annual,
            classification: classification.to_owned(),
            reporters: Vec::new(),
            partners: Vec::new(),
            periods: Vec::new(),
            flows: Vec::new(),
            commodities: Vec::new(),
            invalid: None,
        }
    }

    /// Trade in goods (`typeCode` `C`), classified in HS as reported (`clCode` `HS`).
    pub fn goods() -> Self {
        ComtradeQuery::new(TradeType::Goods, "HS")
    }

    /// Trade in services (`typeCode` `S`), in EBOPS 2010 (`clCode` `EB`).
    pub fn services() -> Self {
        ComtradeQuery::new(TradeType::Services, "EB")
    }

    /// Annual data (`freqCode` `A`, the default).
    #[must_use]
    pub fn annual(mut self) -> Self {
        self.frequency = ComtradeFrequency::Annual;
        self
    }

    /// Monthly data (`freqCode` `M`): a year asked for stands for its twelve months.
    #[must_use]
    pub fn monthly(mut self) -> Self {
        self.frequency = ComtradeFrequency::Monthly;
        self
    }

    /// The classification code (`clCode`: `HS`, `H6`, `S4`, `EB`...).
    #[must_use]
    pub fn classification(mut self, code: &str) -> Self {
        self.classification = code.to_owned();
        self
    }

    /// The reporters (added to those already given).
    #[must_use]
    pub fn reporters<A: Into<Area>>(mut self, reporters: impl IntoIterator<Item = A>) -> Self {
        self.reporters.extend(reporters.into_iter().map(Into::into));
        self
    }

    /// The partners (added to those already given); [`Area::World`] is partner code 0.
    #[must_use]
    pub fn partners<A: Into<Area>>(mut self, partners: impl IntoIterator<Item = A>) -> Self {
        self.partners.extend(partners.into_iter().map(Into::into));
        self
    }

    /// The years (added to the periods already given), such as `2015..=2024`. A year out of
    /// range (before 1000 or after 9999) makes the fetch fail, naming it.
    #[must_use]
    pub fn years(mut self, years: impl IntoIterator<Item = i32>) -> Self {
        for year in years {
            match Year::new(year) {
                Ok(y) => self.periods.push(Period::Year(y)),
                Err(e) => {
                    self.invalid.get_or_insert_with(|| e.to_string());
                }
            }
        }
        self
    }

    /// The months of a monthly query (added to the periods already given).
    #[must_use]
    pub fn months(mut self, months: impl IntoIterator<Item = Month>) -> Self {
        self.periods.extend(months.into_iter().map(Period::Month));
        self
    }

    /// The periods, as given.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// Any periods (added to those already given): years, or months for a monthly query.
    #[must_use]
    pub fn with_periods(mut self, periods: impl IntoIterator<Item = Period>) -> Self {
        self.periods.extend(periods);
        self
    }

    /// The flows (added to those already given).
    #[must_use]
    pub fn flows(mut self, flows: impl IntoIterator<Item = Flow>) -> Self {
        self.flows.extend(flows);
        self
    }

    /// The commodities (added to those already given); none means `TOTAL`.
    #[must_use]
    pub fn commodities(mut self, commodities: impl IntoIterator<Item = Commodity>) -> Self {
        self.commodities.extend(commodities);
        self
    }

    /// Goods or services.
    pub fn trade_type(&self) -> TradeType {
        self.trade_type
    }

    /// Annual or monthly.
    pub fn frequency(&self) -> ComtradeFrequency {
        self.frequency
    }

    /// The periods Comtrade is asked for, in the order given, duplicates removed: years of an
    /// annual query; months of a monthly one (a year giving its twelve).
    ///
    /// # Errors
    /// [`Error::Query`](super::Error::Query) for a year out of range, no periods, a month or
    /// quarter in an annual query, a quarter in a monthly one.
    pub(crate) fn call_periods(&self) -> Result<Vec<Period>, super::Error> {
        let invalid = |reason: String| super::Error::Query { reason };
        if let Some(reason) = &self.invalid {
            return Err(invalid(reason.clone()));
        }
        if self.periods.is_empty() {
            return Err(invalid("no periods: call years or months".to_owned()));
        }
        let mut out: Vec<Period> = Vec::new();
        for &period in &self.periods {
            let expanded: Vec<Period> = match (self.frequency, period) {
                (ComtradeFrequency::Annual, Period::Year(_)) => vec![period],
                (ComtradeFrequency::Monthly, Period::Year(y)) => {
                    y.months().into_iter().map(Period::Month).collect()
                }
                (ComtradeFrequency::Monthly, Period::Month(_)) => vec![period],
                (frequency, other) => {
                    return Err(invalid(format!(
                        "{other} cannot be asked for in a {} query",
                        match frequency {
                            ComtradeFrequency::Annual => "annual",
                            ComtradeFrequency::Monthly => "monthly",
                        }
                    )))
                }
            };
            for p in expanded {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
        Ok(out)
    }
}

/// A period as Comtrade writes it: `2022` or `202201`.
pub(crate) fn comtrade_period(period: Period) -> String {
    match period {
        Period::Month(m) => format!("{}{:02}", m.year().get(), m.number()),
        Period::Year(y) => y.get().to_string(),
        Period::Quarter(q) => q.to_string(),
    }
}
