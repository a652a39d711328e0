//! One reported trade figure: who reported it, about which partner, for which period, which flow,
//! which goods, how valued, and how much.
//!
//! ```
//! use tradestat::{Area, Commodity, Country, Flow, Money, Period, TradeRecord, Valuation};
//!
//! let record = TradeRecord::new(
//!     Country::KAZ,
//!     Country::TUR,
//!     "2021".parse::<Period>()?,
//!     Flow::Export,
//!     "USD 2.3 billion".parse::<Money>()?,
//! )
//! .with_commodity(Commodity::hs("27")?);
//! assert_eq!(record.reporter(), Area::Country(Country::KAZ));
//! assert_eq!(record.valuation(), Valuation::Fob); // exports are FOB unless said otherwise
//! assert_eq!(record.commodity().to_string(), "27");
//! assert_eq!(
//!     record.to_string(),
//!     "Kazakhstan export to Türkiye, 2021, 27: 2300000000 USD FOB"
//! );
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::cmp::Ordering;
use std::fmt;

use crate::area::Area;
use crate::commodity::Commodity;
use crate::currency::Currency;
use crate::flags::Flags;
use crate::flow::{Flow, Valuation};
use crate::money::Money;
use crate::period::Period;
use rust_decimal::Decimal;

/// Whose figure a record is: one side's report, or one figure the source gives for both sides.
///
/// Customs statistics (UN Comtrade, the IMF's DOTS) are reports from one side: the exporter's
/// exports (FOB) and, separately, the importer's imports (CIF), which rarely agree. Research
/// panels (the WTO/UNCTAD *Advanced Guide to Trade Policy Analysis* data, CEPII BACI and Gravity)
/// hold **one figure per flow**, already reconciled by the source: it is the exporter's exports
/// *and* the importer's imports. A [`TradeData`](crate::TradeData) holds a
/// [`Reporting::Single`] record for both sides, so that every [`Perspective`](crate::Perspective)
/// gives the file's figure, never converted with a CIF/FOB factor (its valuation is the
/// source's, not a side's), and there is no mirror asymmetry to measure.
///
/// ```
/// use tradestat::{Country, Flow, Perspective, Period, Reporting, TradeData, TradeRecord};
///
/// let y = Period::year(2006)?;
/// let record = TradeRecord::new(Country::DEU, Country::TUR, y, Flow::Export, "$15.5bn".parse()?)
///     .with_reporting(Reporting::Single);
/// let data = TradeData::from_records([record])?;
/// // The same figure is Türkiye's imports from Germany, under every perspective.
/// let pair = data.bilateral(Country::TUR, Country::DEU)?;
/// for view in Perspective::ALL {
///     assert_eq!(pair.imports(view)?.get(y), Some("$15.5bn".parse()?));
/// }
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Reporting {
    /// The reporter's own report of its flow (the default): its partner may report the same
    /// goods differently (the mirror figure).
    #[default]
    Reporter,
    /// One figure for both sides: the reporter's flow and, the same observation, the partner's
    /// mirror flow (an export to b is b's import from the reporter). Dyadic tables are read so.
    Single,
}

serde_unit_enum!(Reporting as "Reporting", "whose figure: \"reporter\" or \"single\"" {
    Reporter = "reporter",
    Single = "single",
});

/// One reported trade figure: `reporter`'s `flow` with `partner` in `period`, of `commodity`
/// (the total of all goods unless set), valued at `valuation` (FOB for export-side flows, CIF for
/// import-side ones unless set), worth `value`.
///
/// A record states what the reporter said and nothing more: the reporter may equal the partner
/// (the domestic rows of gravity data sets) and the value may be negative (corrections in some
/// national data); the data set that gathers records decides what to do with those. `Copy`, 40
/// bytes.
///
/// Records compare field by field, in the order reporter, partner, period, flow, commodity,
/// valuation, then the value's currency and amount (amounts by value: 1.0 equals 1.00), then
/// the [`Flags`] and the [`Reporting`].
///
/// With the `serde` feature a record is an object with the fields `reporter`, `partner`,
/// `period`, `flow`, `commodity`, `valuation` and `value` (a [`Money`] object), and `flags` and
/// `reporting` (`"single"`) where set. When reading,
/// `commodity`, `valuation`, `flags` and `reporting` may be left out (they take their defaults), each field is
/// validated by its type's parser, and unknown fields are an error.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct TradeRecord {
    reporter: Area,
    partner: Area,
    period: Period,
    flow: Flow,
    commodity: Commodity,
    valuation: Valuation,
    flags: Flags,
    reporting: Reporting,
    // The value's two parts, held apart so that the flags fit in what would be `Money`'s padding.
    amount: Decimal,
    currency: Currency,
}

impl TradeRecord {
    /// `reporter`'s `flow` with `partner` in `period`, worth `value`: the total of all goods,
    /// valued as the flow is by default ([`Flow::default_valuation`]). Reporter and partner take
    /// anything that converts into an [`Area`], such as a [`Country`](crate::Country).
    pub fn new(
        reporter: impl Into<Area>,
        partner: impl Into<Area>,
        period: Period,
        flow: Flow,
        value: Money,
    ) -> TradeRecord {
        TradeRecord {
            reporter: reporter.into(),
            partner: partner.into(),
            period,
            flow,
            commodity: Commodity::TOTAL,
            valuation: flow.default_valuation(),
            flags: Flags::NONE,
            reporting: Reporting::Reporter,
            amount: value.amount(),
            currency: value.currency(),
        }
    }

    /// The same record for `commodity`.
    #[must_use]
    pub const fn with_commodity(mut self, commodity: Commodity) -> TradeRecord {
        self.commodity = commodity;
        self
    }

    /// The same record valued at `valuation` (for instance an import figure the reporter gives
    /// FOB, as the United States and Canada do).
    #[must_use]
    pub const fn with_valuation(mut self, valuation: Valuation) -> TradeRecord {
        self.valuation = valuation;
        self
    }

    /// The same record with the source's marks on it (estimated, not reported, provisional...).
    #[must_use]
    pub const fn with_flags(mut self, flags: Flags) -> TradeRecord {
        self.flags = flags;
        self
    }

    /// What the source says about the figure beside its value: [`Flags::NONE`] unless set with
    /// [`TradeRecord::with_flags`]. Flags take part in equality and come last in the order.
    pub const fn flags(&self) -> Flags {
        self.flags
    }

    /// The same record marked as one side's report or as one figure for both sides (see
    /// [`Reporting`]).
    #[must_use]
    pub const fn with_reporting(mut self, reporting: Reporting) -> TradeRecord {
        self.reporting = reporting;
        self
    }

    /// Whose figure it is: [`Reporting::Reporter`] unless set with
    /// [`TradeRecord::with_reporting`]. Takes part in equality, after the flags in the order.
    pub const fn reporting(&self) -> Reporting {
        self.reporting
    }

    /// The area that reported the figure.
    pub const fn reporter(&self) -> Area {
        self.reporter
    }

    /// The partner the figure is about.
    pub const fn partner(&self) -> Area {
        self.partner
    }

    /// The period the figure covers.
    pub const fn period(&self) -> Period {
        self.period
    }

    /// The flow.
    pub const fn flow(&self) -> Flow {
        self.flow
    }

    /// The value.
    pub const fn value(&self) -> Money {
        Money::new(self.amount, self.currency)
    }

    /// The goods: [`Commodity::TOTAL`] unless set with [`TradeRecord::with_commodity`].
    pub const fn commodity(&self) -> Commodity {
        self.commodity
    }

    /// How the value is priced: the flow's default ([`Flow::default_valuation`]: exports FOB,
    /// imports CIF) unless set with [`TradeRecord::with_valuation`].
    pub const fn valuation(&self) -> Valuation {
        self.valuation
    }

    /// True if the reporter is its own partner (a domestic row, not trade).
    pub fn is_domestic(&self) -> bool {
        self.reporter == self.partner
    }

    /// Everything but the value, in the order records sort by.
    fn key(&self) -> (Area, Area, Period, Flow, Commodity, Valuation) {
        (
            self.reporter,
            self.partner,
            self.period,
            self.flow,
            self.commodity,
            self.valuation,
        )
    }
}

impl PartialOrd for TradeRecord {
    fn partial_cmp(&self, other: &TradeRecord) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TradeRecord {
    /// By reporter, partner, period, flow, commodity, valuation, then currency, amount and flags.
    fn cmp(&self, other: &TradeRecord) -> Ordering {
        self.key()
            .cmp(&other.key())
            .then_with(|| self.currency.cmp(&other.currency))
            .then_with(|| self.amount.cmp(&other.amount))
            .then_with(|| self.flags.cmp(&other.flags))
            .then_with(|| self.reporting.cmp(&other.reporting))
    }
}

impl fmt::Display for TradeRecord {
    /// `"Kazakhstan export to Türkiye, 2021, TOTAL: 2300000000 USD FOB"` (import-side flows read
    /// "from"; a [`Reporting::Single`] record ends "(one figure for both sides)").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let preposition = if self.flow.is_export_side() {
            "to"
        } else {
            "from"
        };
        write!(
            f,
            "{} {} {} {}, {}, {}: {} {}",
            self.reporter,
            self.flow,
            preposition,
            self.partner,
            self.period,
            self.commodity,
            self.value(),
            self.valuation
        )?;
        if self.reporting == Reporting::Single {
            f.write_str(" (one figure for both sides)")?;
        }
        Ok(())
    }
}

impl fmt::Debug for TradeRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TradeRecord")
            .field("reporter", &self.reporter)
            .field("partner", &self.partner)
            .field("period", &self.period)
            .field("flow", &self.flow)
            .field("commodity", &self.commodity)
            .field("valuation", &self.valuation)
            .field("flags", &self.flags)
            .field("reporting", &self.reporting)
            .field("value", &self.value())
            .finish()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for TradeRecord {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut st = s.serialize_struct("TradeRecord", 9)?;
        st.serialize_field("reporter", &self.reporter)?;
        st.serialize_field("partner", &self.partner)?;
        st.serialize_field("period", &self.period)?;
        st.serialize_field("flow", &self.flow)?;
        st.serialize_field("commodity", &self.commodity)?;
        st.serialize_field("valuation", &self.valuation)?;
        if self.flags.is_empty() {
            st.skip_field("flags")?;
        } else {
            st.serialize_field("flags", &self.flags)?;
        }
        if self.reporting == Reporting::Reporter {
            st.skip_field("reporting")?;
        } else {
            st.serialize_field("reporting", &self.reporting)?;
        }
        st.serialize_field("value", &self.value())?;
        st.end()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for TradeRecord {
    /// Reads the object `Serialize` writes; `commodity` and `valuation` may be missing.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(
            rename = "TradeRecord",
            deny_unknown_fields,
            expecting = "a trade record as {\"reporter\": \"KAZ\", \"partner\": \"TUR\", \"period\": \"2022\", \"flow\": \"X\", \"value\": {\"amount\": \"4700000000\", \"currency\": \"USD\"}} (and optionally commodity, valuation, flags)"
        )]
        struct Repr {
            #[serde(deserialize_with = "crate::vocabulary::serde_field::reporter")]
            reporter: Area,
            #[serde(deserialize_with = "crate::vocabulary::serde_field::partner")]
            partner: Area,
            #[serde(deserialize_with = "crate::vocabulary::serde_field::period")]
            period: Period,
            #[serde(deserialize_with = "crate::vocabulary::serde_field::flow")]
            flow: Flow,
            #[serde(
                default,
                deserialize_with = "crate::vocabulary::serde_field::commodity"
            )]
            commodity: Option<Commodity>,
            #[serde(
                default,
                deserialize_with = "crate::vocabulary::serde_field::valuation"
            )]
            valuation: Option<Valuation>,
            #[serde(default, deserialize_with = "crate::vocabulary::serde_field::flags")]
            flags: Flags,
            #[serde(
                default,
                deserialize_with = "crate::vocabulary::serde_field::reporting"
            )]
            reporting: Reporting,
            #[serde(deserialize_with = "crate::vocabulary::serde_field::value")]
            value: Money,
        }
        let r = Repr::deserialize(d)?;
        let record = TradeRecord::new(r.reporter, r.partner, r.period, r.flow, r.value)
            .with_flags(r.flags)
            .with_reporting(r.reporting);
        let record = match r.commodity {
            Some(c) => record.with_commodity(c),
            None => record,
        };
        Ok(match r.valuation {
            Some(v) => record.with_valuation(v),
            None => record,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::country::Country;

    fn usd(n: i64) -> Money {
        Money::new(Decimal::from(n), Currency::USD)
    }

    fn year(y: i32) -> Period {
        Period::year(y).unwrap()
    }

    #[test]
    fn size() {
        // Decimal 16, Currency 2, Commodity 8, Period 6, two Areas of 2, Flow, Valuation,
        // Flags and Reporting one byte each (40): printed so the figure in the docs can be checked.
        let size = std::mem::size_of::<TradeRecord>();
        println!("TradeRecord: {size} bytes");
        assert!(size <= 40, "{size}");
    }

    #[test]
    fn defaults_follow_the_flow_side() {
        for flow in Flow::ALL {
            let r = TradeRecord::new(Country::KAZ, Country::TUR, year(2021), flow, usd(5));
            assert_eq!(r.commodity(), Commodity::TOTAL);
            let expected = if flow.is_export_side() {
                Valuation::Fob
            } else {
                Valuation::Cif
            };
            assert_eq!(r.valuation(), expected, "{flow}");
        }
    }

    #[test]
    fn builders_and_accessors() {
        let r = TradeRecord::new(Country::TUR, Area::World, year(2022), Flow::Import, usd(7))
            .with_commodity(Commodity::hs("2709").unwrap())
            .with_valuation(Valuation::Fob);
        assert_eq!(r.reporter(), Area::Country(Country::TUR));
        assert_eq!(r.partner(), Area::World);
        assert_eq!(r.period(), year(2022));
        assert_eq!(r.flow(), Flow::Import);
        assert_eq!(r.value(), usd(7));
        assert_eq!(r.commodity().to_string(), "2709");
        assert_eq!(r.valuation(), Valuation::Fob);
        assert!(!r.is_domestic());
        assert_eq!(
            r.to_string(),
            "Türkiye import from World, 2022, 2709: 7 USD FOB"
        );
        let domestic =
            TradeRecord::new(Country::TUR, Country::TUR, year(2022), Flow::Export, usd(1));
        assert!(domestic.is_domestic());
    }

    #[test]
    fn order_by_key_then_value() {
        let a = TradeRecord::new(Country::KAZ, Country::TUR, year(2021), Flow::Export, usd(9));
        let b = TradeRecord::new(Country::KAZ, Country::TUR, year(2022), Flow::Export, usd(1));
        let c = TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            year(2021),
            Flow::Export,
            usd(10),
        );
        assert!(a < b && a < c && c < b);
        let same = TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            year(2021),
            Flow::Export,
            Money::new(Decimal::new(900, 2), Currency::USD),
        );
        assert_eq!(a.cmp(&same), Ordering::Equal);
        assert_eq!(a, same);
    }
}
