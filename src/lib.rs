//! # tradestat
//!
//! Bilateral trade statistics with exact decimal arithmetic.
//!
//! News and official statistics say things like *"Kazakhstan and Türkiye traded goods worth 6.3
//! billion US dollars in 2022, up 33%; the target is 10 billion"*. tradestat turns such statements,
//! and the data behind them, into typed, exact, checkable numbers: money is a
//! [`Decimal`] with an ISO 4217 [`Currency`], never an `f64`; roots and
//! logarithms are computed to 28 significant digits with a stated error bound ([`math`]); every
//! rounding is named.
//!
//! ## The seed question in ten lines
//!
//! ```
//! use tradestat::{Money, Rate, Target, RoundingStrategy};
//!
//! let turnover: Money = "6.3 billion US dollars".parse()?;
//! let growth: Rate = "up 33%".parse()?;
//! let before = turnover.implied_previous(growth)?.round_with(RoundingStrategy::MidpointNearestEven);
//! assert_eq!(before.amount().to_string(), "4736842105.26"); // 2021, to the cent
//!
//! let target = Target::new("2022".parse()?, turnover, "10 billion US dollars".parse()?, "2025".parse()?)?;
//! assert_eq!(format!("{:.3}", target.required_rate()?), "16.650%"); // a year, 2022 -> 2025
//! assert_eq!(target.reached_in(growth)?.to_string(), "2024"); // at 33% a year
//! # Ok::<(), tradestat::Error>(())
//! ```
//!
//! ## The main types
//!
//! | type | what it is |
//! | --- | --- |
//! | [`Country`] | one of the 249 ISO 3166-1 countries, `Copy`, found by code, name or common alias ("Turkey") |
//! | [`Area`] | a partner or reporter as trade data names it: a country, World, "Areas, n.e.s.", a historical entity |
//! | [`Currency`] | an ISO 4217 currency, including withdrawn ones that old series use (DEM, TRL, ...) |
//! | [`Money`] | an exact amount in a currency; parses "$6.3bn", "KZT 2.9 trillion", "€1.2 million" |
//! | [`Period`] | a [`Year`], [`Quarter`] or [`Month`], with chrono dates for its bounds |
//! | [`Rate`] | a growth rate held as an exact fraction, shown as a percentage |
//! | [`Series`] | values of one currency and frequency keyed by period: growth, YoY, CAGR, index, sums |
//! | [`Flow`] | a UN Comtrade trade flow (`X`, `M`, `RX`, `RM`, ... `MIP`), with the totals each is part of |
//! | [`Commodity`] | the total of all goods, or an HS (2/4/6 digits) or SITC code, with its parent, HS edition and HS 2022 name |
//! | [`TradeRecord`] | one reported figure: reporter, partner, period, flow, commodity, valuation, value |
//! | [`TradeData`] | a data set of records, column-wise, with the totals and frequency rules and an inconsistency report |
//! | [`Bilateral`] | two sides' trade per period under a [`Perspective`]: exports, imports, turnover, balance, coverage |
//! | [`Asymmetry`] | a period's reported and mirror figure of the same trade, and their difference |
//! | [`Target`] | a goal by a deadline: required rate, time to reach, path, progress, assessment |
//! | [`Error`] | the one error type; every variant says what input was wrong and where |
//!
//! ## Cookbook
//!
//! - Growth between two figures: [`growth::growth`]; compound annual growth: [`growth::cagr`];
//!   chained rates: [`Rate::compound`]; monthly or quarterly to annual: [`Rate::annualize`].
//! - The value a year before "X, up r%": [`Money::implied_previous`].
//! - A series: growth on the same period a year earlier with [`Series::yoy`], index numbers
//!   (base = 100, a [`Ratio`]) with [`Series::index`], months to quarters or years with
//!   [`Series::sum_to`].
//! - A goal: build it with [`Target::starting`]`(period, value).goal(..).by(deadline)`; how far an
//!   actual figure has come with [`Target::progress`]; whether observed data meets it by the
//!   deadline (ahead, on track, slipping back, behind) with [`Target::assess`].
//! - Projections forward: [`projection::compound`], [`projection::linear`], [`projection::trend`];
//!   up to an end period rather than a count: [`projection::compound_to`],
//!   [`projection::linear_to`], [`TrendFit::project_to`](projection::TrendFit::project_to).
//!
//! ```
//! use tradestat::{projection, Currency, Decimal, Frequency, Series, Status, Target};
//!
//! let billions = [Decimal::new(41, 1), Decimal::new(47, 1), Decimal::new(63, 1)];
//! let turnover = Series::from_values("2020".parse()?, &billions, Currency::USD)?;
//! let yoy = turnover.yoy()?;
//! assert_eq!(format!("{:.1}", yoy[1].1), "34.0%"); // 2022 on 2021
//! let index = turnover.index("2020".parse()?)?;
//! assert_eq!(format!("{:.0}", index[2].1), "154"); // 2022, 2020 = 100
//!
//! let target = Target::starting("2022".parse()?, "6.3 USD".parse()?)
//!     .goal("10 USD".parse()?)
//!     .by("2030".parse()?)?;
//! let progress = target.progress(&"7 USD".parse()?, "2023".parse()?)?;
//! assert_eq!(format!("{:.2}", progress.linear), "0.19"); // 0.7 of 3.7
//! let assessment = target.assess(&turnover)?;
//! assert_eq!(assessment.status, Status::Ahead);
//! let to_2030 = projection::compound_to(&turnover, "5%".parse()?, "2030".parse()?)?;
//! assert_eq!(to_2030.len(), 8);
//! assert_eq!(to_2030.sum_to(Frequency::Annual)?.len(), 8);
//! # Ok::<(), tradestat::Error>(())
//! ```
//! - A pair's trade from either side's reports: [`TradeData::bilateral`] and [`Perspective`];
//!   how far the two reports disagree: [`Bilateral::asymmetry`], [`TradeData::largest_asymmetries`].
//! - Exact roots, logarithms and powers: [`math::nth_root`], [`math::ln`], [`math::exp`],
//!   [`math::powd`], [`math::powi`].
//! - A picture (feature `chart`): `chart::target(&target, &observed)` draws the data, the path a
//!   target needs, the trend and the verdict; `chart::bilateral` and `chart::asymmetry` a pair's
//!   trade and the two sides' disagreement, as SVG.
//! - Read files ([`io`]): UN Comtrade CSV ([`io::comtrade::ComtradeReader`], on all cores with
//!   `fold`) and API JSON, SDMX-CSV ([`io::sdmx::SdmxReader`]), dyadic research tables
//!   ([`io::dyadic::DyadicReader`]), and the crate's tidy CSV ([`io::tidy`]), strictly or with a
//!   report of every row left out.
//!
//! ## Rounding
//!
//! Results keep full precision. Round money to its currency's minor unit with
//! [`Money::round_with`] and a named [`RoundingStrategy`]; [`Money::round`] uses banker's rounding
//! (half to even). Percentages printed with a precision (`{:.3}`) are rounded half to even.
//!
//! ## Features
//!
//! - `serde` (default): `Serialize`/`Deserialize` for the value types. Countries are written as
//!   alpha-3 codes, currencies as codes, amounts and rates as exact decimal strings.
//! - `chart`: `tradestat::chart` draws targets and trade as SVG (no extra dependencies).
//! - `json` (default): the UN Comtrade API JSON reader and JSON records (`io::comtrade_json`,
//!   `io::json`), with serde_json; numbers are read from their text, exactly.
//! - `gzip`: reading `.gz` files (Comtrade bulk downloads) with flate2.
//!
//! ## Exact numbers in JSON
//!
//! One rule holds for every type that carries an amount, a rate or a ratio ([`Money`], [`Series`],
//! [`Rate`], [`Ratio`], and the types built on them):
//!
//! - they are **written as strings** (`{"amount": "6300000000", "currency": "USD"}`, `"0.33"`) and
//!   read back exactly;
//! - a string must be a plain decimal number (a sign, digits, one point): no exponent ("1.5e3"),
//!   no separators, and nothing that a `Decimal` cannot hold exactly (more than 28 decimal places,
//!   beyond ±7.9e28). Such input is an error naming it, never rounded. A [`Rate`] also reads a
//!   percentage string ("33%");
//! - a JSON **integer** (`6300000000`) is read exactly;
//! - any other JSON number (`6.3`, `1e-30`, an integer longer than 64 bits) is **refused**, with an
//!   error that says to write it as a string: serde hands such numbers over as an `f64`, whose
//!   digits are already lost. tradestat does not switch on serde_json's `arbitrary_precision`
//!   feature, which would change serde_json for every crate in your build.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use tradestat::{Money, Rate};
//! let m: Money = serde_json::from_str(r#"{"amount": "0.1", "currency": "USD"}"#).unwrap();
//! assert_eq!(m.to_string(), "0.1 USD");
//! let n: Money = serde_json::from_str(r#"{"amount": 6300000000, "currency": "USD"}"#).unwrap();
//! assert_eq!(n.human(), "6.3 billion USD");
//! let e = serde_json::from_str::<Rate>("0.1").unwrap_err();
//! assert!(e.to_string().contains("write it as a string"));
//! # }
//! ```
//!
//! ## serde errors
//!
//! Every struct serde reads refuses fields it does not know, so a misspelt field is named rather
//! than reported as the one missing; an error inside a field names the field by its path
//! (`base_value.amount`, `memberships[1].role`) and says what the value should look like:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use tradestat::Target;
//! let e = serde_json::from_str::<Target>(
//!     r#"{"base_period": "2022", "base_value": "$6.3bn", "goal": "$10bn", "deadline": "2030"}"#,
//! ).unwrap_err();
//! assert!(e.to_string().starts_with(
//!     r#"field `base_value`: invalid type: string "$6.3bn", expected money as {"amount": "6300000000", "currency": "USD"}"#
//! ));
//! # }
//! ```
//!
//! The crate has no `unsafe` code and does not panic on any input: bad input is an [`Error`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]

#[macro_use]
mod text_serde;

// The source tree shows the layers (vocabulary, math, analytics, ...); the public paths stay flat,
// named for what a user looks for (`tradestat::country`, `tradestat::series`).
mod analytics;
mod data;
mod vocabulary;

#[cfg(feature = "chart")]
pub mod chart;
pub mod error;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod io;
pub mod math;

pub use analytics::{growth, projection, series, target};
pub use data::{
    asymmetry, bilateral, commodity, dataset, flags, flow, fx, group, indicators, perspective,
    record, reliability,
};
pub use vocabulary::{area, country, currency, money, period, rate, ratio};

pub use area::Area;
pub use asymmetry::{Asymmetry, PairAsymmetry};
pub use bilateral::{Bilateral, Side};
pub use commodity::{Classification, Commodity, HsEdition, HsSection};
pub use country::Country;
pub use currency::Currency;
pub use dataset::{Breakdown, Domestic, Duplicates, Figure, Inconsistency, TradeData};
pub use error::{Error, Result};
pub use flags::Flags;
pub use flow::{Flow, Measure, Valuation};
pub use group::Group;
pub use money::{Money, Scale};
pub use period::{Frequency, Month, Period, PeriodRange, Quarter, Year};
pub use perspective::Perspective;
pub use rate::Rate;
pub use ratio::Ratio;
pub use record::{Reporting, TradeRecord};
pub use reliability::Reliability;
pub use rust_decimal::{Decimal, RoundingStrategy};
pub use series::Series;
pub use target::{Assessment, Outlook, Progress, Status, Target};

/// The types most programs need, for `use tradestat::prelude::*`.
///
/// ```
/// use tradestat::prelude::*;
///
/// let (y, q, m): (Year, Quarter, Month) = ("2026".parse()?, "2026-Q1".parse()?, "Jan 2026".parse()?);
/// assert_eq!((y, q.year(), m.quarter()), (q.year(), m.year(), q));
/// let turnover = Money::from_scaled(Decimal::new(63, 1), Scale::Billion, Currency::USD)?;
/// assert_eq!(turnover.in_scale(Scale::Million), Decimal::from(6300));
/// assert_eq!(Rate::from_percent(33).to_string(), "33%");
/// assert_eq!(format!("{:.1}", Ratio::new(Decimal::new(10495, 2))), "105.0");
/// # Ok::<(), Error>(())
/// ```
pub mod prelude {
    pub use crate::{
        Area, Country, Currency, Decimal, Error, Frequency, Money, Period, Rate, Ratio,
        RoundingStrategy, Series, Target,
    };
    pub use crate::{Month, Quarter, Scale, Year};
}

/// The README's code, compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
