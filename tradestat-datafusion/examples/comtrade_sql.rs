//! The bilateral summary of `comtrade_summary`, computed by one SQL query in DataFusion over
//! tradestat's UN Comtrade table (or over Parquet files written from it), with tradestat's
//! functions; optionally on a Ballista cluster started in-process.
//!
//! ```text
//! cargo run --release -p tradestat-datafusion --example comtrade_sql -- INPUT.csv \
//!     [--out OUT.csv] [--parquet DIR] [--ballista]
//! ```
//!
//! The output is the core crate's `examples/comtrade_summary.rs`'s, byte for byte: the header
//! `reporter,partner,year,exports,imports,turnover,balance,growth`, the same exact values, the same
//! order, the same rules (see [`SUMMARY_SQL`]). `--parquet DIR` first writes the table to Parquet
//! files in `DIR` and queries those; `--ballista` runs the query on a scheduler and two executors
//! started on localhost (over Parquet, in `DIR` or a temporary directory), checks that the result
//! equals the single-process run, and prints to stderr how many executors and stages took part.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, RecordBatch};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Decimal128Type, Int64Type};
use datafusion::dataframe::DataFrameWriteOptions;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use tradestat::io::comtrade::ComtradeReader;
use tradestat::Decimal;
use tradestat_datafusion::decimal::from_mantissa;
use tradestat_datafusion::provider::TradeTable;

#[path = "../tests/integration/cluster.rs"]
pub mod cluster;

/// The summary as SQL over a table `trade` of the trade schema, with `comtrade_summary`'s rules:
/// - exports are flow `X`, imports flow `M`; only the `TOTAL` rows (all commodities) count, since
///   the product rows of the same file add up to them (the table's reader also skips the others
///   as soon as it sees their `cmdCode`: `ComtradeReader::totals_only`); several `TOTAL` rows of
///   one reporter, partner, period and flow are summed exactly (`exact_sum`);
/// - annual rows where a reporter has any for the year (a quarter counts as such, as in
///   `comtrade_summary`); otherwise the twelve months summed, or the year left out;
/// - growth is `trade_growth(previous, current, 28)`: the turnover's change on the pair's previous
///   year rounded once, half to even, to 28 significant digits; NULL where that year is missing
///   or its turnover is zero;
/// - the `*_scale` columns carry the decimals the amounts were written with, so that they print
///   as tradestat prints a `Decimal` sum (12.50 + 1 is "13.50").
pub const SUMMARY_SQL: &str = "
WITH per_period AS (
    SELECT reporter, partner, period, year, frequency, flow,
        exact_sum(value) AS value, MAX(value_scale) AS scale
    FROM trade
    WHERE flow IN ('X', 'M') AND commodity_level = 0
    GROUP BY reporter, partner, period, year, frequency, flow
),
years AS (
    SELECT reporter, year,
        MAX(CASE WHEN frequency <> 'M' THEN 1 ELSE 0 END) AS annual,
        COUNT(DISTINCT CASE WHEN frequency = 'M' THEN period END) AS months
    FROM per_period
    GROUP BY reporter, year
),
pairs AS (
    SELECT p.reporter, p.partner, p.year,
        COALESCE(exact_sum(CASE WHEN p.flow = 'X' THEN p.value END), 0) AS exports,
        COALESCE(exact_sum(CASE WHEN p.flow = 'M' THEN p.value END), 0) AS imports,
        CAST(COALESCE(MAX(CASE WHEN p.flow = 'X' THEN p.scale END), 0) AS BIGINT) AS exports_scale,
        CAST(COALESCE(MAX(CASE WHEN p.flow = 'M' THEN p.scale END), 0) AS BIGINT) AS imports_scale
    FROM per_period p JOIN years y ON p.reporter = y.reporter AND p.year = y.year
    WHERE p.frequency = 'A' OR (p.frequency = 'M' AND y.annual = 0 AND y.months = 12)
    GROUP BY p.reporter, p.partner, p.year
)
SELECT reporter, partner, year, exports, imports,
    exports + imports AS turnover,
    exports - imports AS balance,
    CASE WHEN LAG(year) OVER w = year - 1 AND LAG(exports + imports) OVER w <> 0
         THEN trade_growth(LAG(exports + imports) OVER w, exports + imports, 28) END AS growth,
    exports_scale, imports_scale
FROM pairs
WINDOW w AS (PARTITION BY reporter, partner ORDER BY year)
ORDER BY reporter, partner, year
";

/// The reader `comtrade_sql` scans with: strict, `TOTAL` rows only (see [`SUMMARY_SQL`]).
pub fn reader() -> ComtradeReader {
    ComtradeReader::new().totals_only(true)
}

struct Args {
    input: String,
    out: Option<String>,
    parquet: Option<String>,
    ballista: bool,
}

fn parse_args() -> std::result::Result<Args, String> {
    let usage = "usage: comtrade_sql INPUT.csv [--out OUT.csv] [--parquet DIR] [--ballista]";
    let (mut input, mut out, mut parquet, mut ballista) = (None, None, None, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = Some(args.next().ok_or("--out needs a file name")?),
            "--parquet" => parquet = Some(args.next().ok_or("--parquet needs a directory")?),
            "--ballista" => ballista = true,
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}\n{usage}"))
            }
            other if input.is_none() => input = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other}\n{usage}")),
        }
    }
    Ok(Args {
        input: input.ok_or(usage)?,
        out,
        parquet,
        ballista,
    })
}

/// A session with tradestat's functions and SQL decimals read as decimals.
pub fn session_config() -> SessionConfig {
    SessionConfig::new().set_bool("datafusion.sql_parser.parse_float_as_decimal", true)
}

/// A single-process context with tradestat's functions registered.
pub fn local_context() -> Result<SessionContext> {
    let mut ctx = SessionContext::new_with_config(session_config());
    tradestat_datafusion::register_all(&mut ctx)?;
    Ok(ctx)
}

/// Comtrade values have at most three decimals; a value with more fails the scan, naming it.
const VALUE_SCALE: i8 = 3;

/// Writes the Comtrade file as Parquet files in `dir` (through the tradestat table).
pub async fn write_parquet(input: &str, dir: &str) -> Result<()> {
    let ctx = local_context()?;
    ctx.register_table(
        "comtrade",
        Arc::new(TradeTable::comtrade(input, reader(), VALUE_SCALE)),
    )?;
    ctx.table("comtrade")
        .await?
        .write_parquet(dir, DataFrameWriteOptions::new(), None)
        .await?;
    Ok(())
}

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> std::result::Result<(), String> {
    let args = parse_args()?;
    let text = |e: DataFusionError| e.to_string();
    let ctx = local_context().map_err(text)?;
    let table = TradeTable::comtrade(&args.input, reader(), VALUE_SCALE);
    let temp;
    let parquet_dir = match (&args.parquet, args.ballista) {
        (Some(dir), _) => Some(dir.clone()),
        (None, true) => {
            temp = tempdir()?;
            Some(temp.clone())
        }
        (None, false) => None,
    };
    if let Some(dir) = &parquet_dir {
        write_parquet(&args.input, dir).await.map_err(text)?;
    }
    match &args.parquet {
        Some(dir) => {
            ctx.register_parquet("trade", dir, ParquetReadOptions::default())
                .await
        }
        None => ctx
            .register_table("trade", Arc::new(table.clone()))
            .map(|_| ()),
    }
    .map_err(text)?;
    let batches = ctx
        .sql(SUMMARY_SQL)
        .await
        .map_err(text)?
        .collect()
        .await
        .map_err(text)?;
    if let Some(report) = table.last_report() {
        eprintln!("{report}");
    }

    if args.ballista {
        let dir = parquet_dir.clone().unwrap_or_default();
        let run = cluster::run_on_cluster(&dir, SUMMARY_SQL, 2)
            .await
            .map_err(text)?;
        eprintln!(
            "ballista: {} executors, {} stages; the result equals the single-process run: {}",
            run.executors,
            run.stages,
            run.batches_equal(&batches)
        );
        if !run.batches_equal(&batches) {
            return Err("the cluster's result differs from the single-process run".into());
        }
    }

    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?,
        )),
        None => Box::new(std::io::BufWriter::new(stdout.lock())),
    };
    write_summary(&mut out, &batches)?;
    out.flush().map_err(|e| e.to_string())?;
    if args.ballista && args.parquet.is_none() {
        if let Some(dir) = parquet_dir {
            std::fs::remove_dir_all(&dir).map_err(|e| format!("{dir}: {e}"))?;
        }
    }
    Ok(())
}

fn tempdir() -> std::result::Result<String, String> {
    let dir = std::env::temp_dir().join(format!("comtrade_sql_{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir.display().to_string())
}

/// Writes the query's rows as `comtrade_summary` writes them: amounts with the decimals they were
/// summed from (the `*_scale` columns), growth without trailing zeros.
pub fn write_summary(
    out: &mut dyn Write,
    batches: &[RecordBatch],
) -> std::result::Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    writeln!(
        out,
        "reporter,partner,year,exports,imports,turnover,balance,growth"
    )
    .map_err(io)?;
    for batch in batches {
        let column = |i: usize, t: &DataType| -> std::result::Result<ArrayRef, String> {
            cast(batch.column(i), t).map_err(|e| e.to_string())
        };
        let text = |i: usize| column(i, &DataType::Utf8);
        let (reporter, partner) = (text(0)?, text(1)?);
        let (reporter, partner) = (reporter.as_string::<i32>(), partner.as_string::<i32>());
        let year = column(2, &DataType::Int64)?;
        let year = year.as_primitive::<Int64Type>();
        let scales = (column(8, &DataType::Int64)?, column(9, &DataType::Int64)?);
        let (es, is) = (
            scales.0.as_primitive::<Int64Type>(),
            scales.1.as_primitive::<Int64Type>(),
        );
        let decimal = |i: usize, row: usize| -> std::result::Result<Option<Decimal>, String> {
            let a = batch.column(i);
            let scale = match a.data_type() {
                DataType::Decimal128(_, s) => *s,
                other => return Err(format!("column {i} is {other}, expected Decimal128")),
            };
            let a = a.as_primitive::<Decimal128Type>();
            if a.is_null(row) {
                return Ok(None);
            }
            from_mantissa(a.value(row), scale)
                .map(Some)
                .map_err(|e| e.to_string())
        };
        for row in 0..batch.num_rows() {
            let (es, is) = (
                u32::try_from(es.value(row)).unwrap_or(0),
                u32::try_from(is.value(row)).unwrap_or(0),
            );
            let with = |d: Option<Decimal>, s: u32| {
                let mut d = d.unwrap_or(Decimal::ZERO);
                d.rescale(s);
                d
            };
            let exports = with(decimal(3, row)?, es);
            let imports = with(decimal(4, row)?, is);
            let turnover = with(decimal(5, row)?, es.max(is));
            let balance = with(decimal(6, row)?, es.max(is));
            let growth = decimal(7, row)?
                .map(|g| g.normalize().to_string())
                .unwrap_or_default();
            writeln!(
                out,
                "{},{},{},{exports},{imports},{turnover},{balance},{growth}",
                reporter.value(row),
                partner.value(row),
                year.value(row)
            )
            .map_err(io)?;
        }
    }
    Ok(())
}
