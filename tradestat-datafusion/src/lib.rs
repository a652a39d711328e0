//! # tradestat-datafusion
//!
//! [tradestat](https://docs.rs/tradestat)'s exact trade statistics inside
//! [Apache DataFusion](https://datafusion.apache.org): the same SQL on a laptop and, through a
//! distributed DataFusion runner such as Ballista, on a cluster.
//!
//! - [`decimal`]: exact conversions between `rust_decimal::Decimal` and Arrow's
//!   `Decimal128(precision, scale)` that never round;
//! - [`functions`]: SQL functions over tradestat's growth, target and area vocabulary, and the
//!   aggregates `exact_sum` (a decimal sum that fails instead of wrapping), `trend_growth` and
//!   `hhi`, registered in one call with [`register_all`];
//! - [`batch`]: `TradeData` as Arrow record batches with a documented schema, and back, exactly;
//! - [`parquet_files`] (feature `parquet`, default): trade data written to Parquet and read back
//!   identical;
//! - [`provider`] (feature `provider`, default): `TradeTable`, a DataFusion table over tradestat's
//!   readers (UN Comtrade CSV on all cores, or any streaming reader), streaming record batches.
//!
//! The crate's version follows DataFusion's major version (55.x works with DataFusion 55 and
//! Arrow 59), so tradestat's own semver is not tied to DataFusion's release pace.
//!
//! ```
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> datafusion::error::Result<()> {
//! let mut ctx = SessionContext::new();
//! tradestat_datafusion::register_all(&mut ctx)?;
//! let df = ctx
//!     .sql("SELECT trade_growth(CAST(4.1 AS DECIMAL(10, 1)), CAST(6.3 AS DECIMAL(10, 1))) AS g")
//!     .await?;
//! let batches = df.collect().await?;
//! let g = batches[0].column(0).as_any().downcast_ref::<arrow::array::Decimal128Array>().unwrap();
//! assert_eq!(g.value_as_string(0), "0.5365853658536585365853658537");
//! # Ok(())
//! # }
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod batch;
pub mod decimal;
mod error;
pub mod functions;
#[cfg(feature = "parquet")]
pub mod parquet_files;
#[cfg(feature = "provider")]
pub mod provider;

pub use error::{Error, Result};
pub use functions::{aggregate_functions, register_all, scalar_functions};
