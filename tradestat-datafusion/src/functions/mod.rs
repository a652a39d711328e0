//! SQL functions computed with tradestat's exact arithmetic, registered in one call.
//!
//! Every function takes exact decimals (`Decimal128`; integers are widened to `Decimal128(20, 0)`,
//! floats are refused), returns NULL when an argument is NULL (whatever the other arguments), and
//! fails the query with an error naming the arguments (never NULL, never NaN) where the result is
//! undefined or does not fit. Arguments cover `Decimal128(38, 0)` to `Decimal128(38, 38)`: the
//! functions computed by tradestat fail on a value no `Decimal` holds (above about 7.9e28, more
//! than 28 significant decimals), naming it; `trade_growth` with `digits`,
//! `trade_implied_previous`, `trade_mirror_fob`, `exact_sum` and `hhi` compute on the 38-digit
//! mantissas exactly. The aggregates give the same result, or the same error, however the rows
//! are ordered and split between partitions.
//!
//! | function | result type | rounding |
//! | --- | --- | --- |
//! | `trade_growth(previous, current)` | `Decimal128(38, 28)` | tradestat's `growth::growth` |
//! | `trade_growth(previous, current, digits)` | `Decimal128(38, 28)` | once, half to even, to `digits` significant digits |
//! | `trade_cagr(start, end, periods)` | `Decimal128(38, 28)` | tradestat's `growth::cagr` |
//! | `trade_required_rate(base, goal, periods)` | `Decimal128(38, 28)` | as `Target::required_rate` |
//! | `trade_periods_to_reach(base, goal, rate)` | `Decimal128(38, 28)` | `Target::periods_to_reach` |
//! | `trade_implied_previous(value, rate)` | `Decimal128(38, s)`, `s` the value's scale | once, half to even, to `s` |
//! | `trade_mirror_fob(cif_value, factor)` | `Decimal128(38, s)`, `s` the value's scale | once, half to even, to `s` |
//! | `comtrade_area(code)` | `Utf8` | ISO alpha-3 for a country, else the code ("0" World) |
//! | `comtrade_area_name(code)` | `Utf8` | tradestat's `Area::name` |
//! | `exact_sum(value)` | `Decimal128(38, s)` | exact; an error on overflow |
//! | `trend_growth(period, value)` | `Decimal128(38, 28)` | tradestat's `projection::trend` |
//! | `hhi(value)` | `Decimal128(38, 28)` | once, half to even, to 28 decimals |
//!
//! The rates (growth, CAGR, required rate) and periods are fractions and counts as tradestat
//! computes them: rounded once, half to even, to the finest `Decimal` grid (28 decimals, fewer above 7.9), so
//! `Decimal128(38, 28)` holds them exactly and nothing is rounded a second time. A result of
//! 10^10 or more (growth of a trillion percent) does not fit that type and is an error.
//! `trade_implied_previous` and `trade_mirror_fob` return money in the value's own scale (cents
//! stay cents): the exact quotient rounded once, half to even, on 256-bit integers.
//!
//! `trade_growth` is `(current - previous) / previous`; with a third argument it is rounded once,
//! half to even, to that many significant digits (computed exactly on 256-bit integers; never finer
//! than 28 decimals), the rule of the core crate's `comtrade_summary` with 28; `trade_cagr` is
//! `(end / start)^(1 / periods) - 1`; `trade_required_rate` is the same with a target's checks
//! (positive base and goal); `trade_periods_to_reach` is `ln(goal / base) / ln(1 + rate)`;
//! `trade_implied_previous` is `value / (1 + rate)`; `trade_mirror_fob` is `cif_value / factor`
//! (the IMF uses 1.06). Rates are fractions: 0.33 is +33%.
//!
//! ```
//! # use datafusion_expr::registry::{FunctionRegistry, MemoryFunctionRegistry};
//! let mut registry = MemoryFunctionRegistry::new();
//! tradestat_datafusion::register_all(&mut registry)?;
//! assert!(registry.udf("trade_growth").is_ok());
//! assert!(registry.udaf("exact_sum").is_ok());
//! # Ok::<(), datafusion_common::DataFusionError>(())
//! ```

mod area;
mod args;
mod exact_sum;
mod growth;
mod hhi;
mod trend;

use std::sync::Arc;

use datafusion_common::Result as DfResult;
use datafusion_expr::registry::FunctionRegistry;
use datafusion_expr::{AggregateUDF, ScalarUDF};

pub use area::area_text;
pub use growth::{RATE_SCALE, RATE_TYPE};

/// The scalar functions: `trade_growth`, `trade_cagr`, `trade_required_rate`,
/// `trade_periods_to_reach`, `trade_implied_previous`, `trade_mirror_fob`, `comtrade_area`,
/// `comtrade_area_name`. For runners that take a list (e.g. `SessionStateBuilder`, whose
/// `with_scalar_functions` replaces the list: extend the default one with these).
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    growth::Kind::ALL
        .into_iter()
        .map(growth::GrowthFunction::udf)
        .chain([
            area::AreaFunction::udf(area::Kind::Code),
            area::AreaFunction::udf(area::Kind::Name),
        ])
        .collect()
}

/// The aggregate functions: `exact_sum`, `trend_growth`, `hhi`.
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    vec![
        exact_sum::ExactSum::udaf(),
        trend::TrendGrowth::udaf(),
        hhi::Hhi::udaf(),
    ]
}

/// Registers every function of this crate with `registry` (a `SessionContext`, a `SessionState`,
/// a Ballista executor's or scheduler's registry...). A function of the same name is replaced.
///
/// # Errors
/// Whatever the registry reports.
pub fn register_all(registry: &mut dyn FunctionRegistry) -> DfResult<()> {
    for udf in scalar_functions() {
        registry.register_udf(udf)?;
    }
    for udaf in aggregate_functions() {
        registry.register_udaf(udaf)?;
    }
    Ok(())
}
