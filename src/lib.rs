//! # tradestat
//!
//! Bilateral trade statistics with exact decimal arithmetic. (Guide to be written.)

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod area;
pub mod country;
pub mod currency;
pub mod error;
pub mod math;
pub mod money;
pub mod period;
pub mod rate;

pub use area::Area;
pub use country::Country;
pub use currency::Currency;
pub use error::{Error, Result};
pub use money::{Money, Scale};
pub use period::{Frequency, Month, Period, PeriodRange, Quarter, Year};
pub use rate::Rate;
pub use rust_decimal::{Decimal, RoundingStrategy};
