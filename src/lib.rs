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
//! | [`Commodity`] | the total of all goods, or an HS (2/4/6 digits) or SITC code, with its parent |
//! | [`TradeRecord`] | one reported figure: reporter, partner, period, flow, commodity, valuation, value |
//! | [`Target`] | a goal by a deadline: required rate, time to reach, path, progress, assessment |
//! | [`Error`] | the one error type; every variant says what input was wrong and where |
//!
//! ## Cookbook
//!
//! - Growth between two figures: [`growth::growth`]; compound annual growth: [`growth::cagr`];
//!   chained rates: [`Rate::compound`]; monthly or quarterly to annual: [`Rate::annualize`].
//! - The value a year before "X, up r%": [`Money::implied_previous`].
//! - Projections forward: [`projection::compound`], [`projection::linear`], [`projection::trend`].
//! - Exact roots, logarithms and powers: [`math::nth_root`], [`math::ln`], [`math::exp`],
//!   [`math::powd`], [`math::powi`].
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

pub mod error;
pub mod io;
pub mod math;

pub use analytics::{growth, projection, series, target};
pub use data::{
    asymmetry, bilateral, commodity, dataset, flow, fx, group, indicators, perspective, record,
};
pub use vocabulary::{area, country, currency, money, period, rate, ratio};

pub use area::Area;
pub use asymmetry::{Asymmetry, PairAsymmetry};
pub use bilateral::{Bilateral, Side};
pub use commodity::{Classification, Commodity};
pub use country::Country;
pub use currency::Currency;
pub use dataset::{Domestic, Duplicates, Figure, Inconsistency, TradeData};
pub use error::{Error, Result};
pub use flow::{Flow, Measure, Valuation};
pub use group::Group;
pub use money::{Money, Scale};
pub use period::{Frequency, Month, Period, PeriodRange, Quarter, Year};
pub use perspective::Perspective;
pub use rate::Rate;
pub use ratio::Ratio;
pub use record::TradeRecord;
pub use rust_decimal::{Decimal, RoundingStrategy};
pub use series::Series;
pub use target::{Assessment, Progress, Status, Target};

/// The types most programs need, for `use tradestat::prelude::*`.
pub mod prelude {
    pub use crate::{
        Area, Country, Currency, Decimal, Error, Frequency, Money, Period, Rate, Ratio,
        RoundingStrategy, Series, Target,
    };
}

/// The README's code, compiled and run as a doctest so that it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
