//! A Ballista cluster started in-process: one scheduler and `n` executors on localhost
//! (127.0.0.1), each built from one session state on which tradestat's functions are registered,
//! so that the scheduler (which plans), every executor (which runs the stages) and the client
//! (which parses the SQL) resolve `trade_growth` and `exact_sum` by name. The cluster scans
//! Parquet files written by tradestat rather than the custom `TradeTable`, which would need
//! logical and physical extension codecs on each of them.
//!
//! Shared by the cluster test and `examples/comtrade_sql.rs` (`--ballista`).
#![allow(dead_code)]

use std::time::Duration;

use arrow::array::RecordBatch;
use ballista::prelude::{SessionConfigExt, SessionContextExt};
use ballista_core::serde::protobuf::scheduler_grpc_client::SchedulerGrpcClient;
use ballista_core::JobId;
use ballista_scheduler::planner::{DefaultDistributedPlanner, DistributedPlanner};
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

/// What a query on the cluster gave.
pub(crate) struct ClusterRun {
    /// Executors registered with the scheduler.
    pub(crate) executors: usize,
    /// Stages Ballista's distributed planner cuts the query into.
    pub(crate) stages: usize,
    /// The result.
    pub(crate) batches: Vec<RecordBatch>,
}

impl ClusterRun {
    /// True when the result has the same rows, in the same order, as `other` (same values and
    /// types; batch boundaries may differ).
    pub(crate) fn batches_equal(&self, other: &[RecordBatch]) -> bool {
        same_rows(&self.batches, other)
    }
}

/// True when two results hold the same rows in the same order with the same types (a string
/// column may be `Utf8` in one and `Utf8View` in the other: Ballista reads Parquet strings as
/// `Utf8`, a single-process DataFusion as `Utf8View`).
pub(crate) fn same_rows(a: &[RecordBatch], b: &[RecordBatch]) -> bool {
    use arrow::datatypes::DataType;
    let concat = |batches: &[RecordBatch]| -> Option<RecordBatch> {
        let schema = batches.first()?.schema();
        arrow::compute::concat_batches(&schema, batches).ok()
    };
    let is_text =
        |t: &DataType| matches!(t, DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8);
    let same_column = |p: &arrow::array::ArrayRef, q: &arrow::array::ArrayRef| {
        if p.data_type() == q.data_type() {
            return p.as_ref() == q.as_ref();
        }
        if !(is_text(p.data_type()) && is_text(q.data_type())) {
            return false;
        }
        let text = |x| arrow::compute::cast(x, &DataType::Utf8).ok();
        matches!((text(p), text(q)), (Some(x), Some(y)) if x.as_ref() == y.as_ref())
    };
    match (concat(a), concat(b)) {
        (Some(x), Some(y)) => {
            x.num_rows() == y.num_rows()
                && x.num_columns() == y.num_columns()
                && x.columns()
                    .iter()
                    .zip(y.columns())
                    .all(|(p, q)| same_column(p, q))
        }
        (None, None) => true,
        (x, y) => x.map_or(0, |b| b.num_rows()) == 0 && y.map_or(0, |b| b.num_rows()) == 0,
    }
}

fn external(e: impl std::error::Error + Send + Sync + 'static) -> DataFusionError {
    DataFusionError::External(Box::new(e))
}

/// The session state every part of the cluster is built from: Ballista's configuration, SQL
/// decimals read as decimals, and tradestat's functions.
pub(crate) fn cluster_state() -> Result<SessionState> {
    let config = SessionConfig::new_with_ballista()
        .set_bool("datafusion.sql_parser.parse_float_as_decimal", true)
        .with_target_partitions(4);
    let mut state = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .build();
    tradestat_datafusion::register_all(&mut state)?;
    Ok(state)
}

/// Starts a scheduler and `executors` executors, runs `sql` over the Parquet files in
/// `parquet_dir` (registered as table `trade`), and counts the stages of its distributed plan.
pub(crate) async fn run_on_cluster(
    parquet_dir: &str,
    sql: &str,
    executors: usize,
) -> Result<ClusterRun> {
    let state = cluster_state()?;
    let address = ballista_scheduler::standalone::new_standalone_scheduler_from_state(&state)
        .await
        .map_err(external)?;
    let url = format!("http://localhost:{}", address.port());
    for _ in 0..executors {
        let mut tries = 0;
        let scheduler = loop {
            match SchedulerGrpcClient::connect(url.clone()).await {
                Ok(client) => break client,
                Err(_) if tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => return Err(external(e)),
            }
        };
        ballista_executor::new_standalone_executor_from_state(scheduler, 2, &state)
            .await
            .map_err(external)?;
    }
    let mut client = SessionContext::remote_with_state(
        &format!("df://localhost:{}", address.port()),
        state.clone(),
    )
    .await?;
    // Ballista's client state replaces the function lists with its own defaults: register again.
    tradestat_datafusion::register_all(&mut client)?;
    client
        .register_parquet("trade", parquet_dir, ParquetReadOptions::default())
        .await?;
    let batches = client.sql(sql).await?.collect().await?;

    // The stages: the same query planned in one process with the cluster's configuration, cut
    // at its shuffles by the planner the scheduler uses.
    let local = SessionContext::new_with_state(cluster_state()?);
    local
        .register_parquet("trade", parquet_dir, ParquetReadOptions::default())
        .await?;
    let plan = local.sql(sql).await?.create_physical_plan().await?;
    let stages = DefaultDistributedPlanner::new()
        .plan_query_stages(&JobId::new("stage-count"), plan, state.config_options())
        .map_err(external)?
        .len();
    Ok(ClusterRun {
        executors,
        stages,
        batches,
    })
}
