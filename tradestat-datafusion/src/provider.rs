//! A DataFusion table over tradestat's readers: rows are parsed by tradestat (exact decimals,
//! codes mapped, errors naming the line and column), not by DataFusion's float-inferring CSV
//! reader, and reach the query as a stream of record batches of the [`trade_schema`].
//!
//! **Where the TOTAL/detail rule is applied: in the query.** A streaming scan cannot know whether
//! a `TOTAL` row for a reporter, partner, period and flow comes later in the file, so the table
//! passes every record on, with its `commodity` and `commodity_level`, and the query picks: only
//! the totals (`WHERE commodity_level = 0`, what `comtrade_summary` does), or per group
//! `COALESCE(exact_sum(CASE WHEN commodity_level = 0 THEN value END), exact_sum(CASE WHEN
//! commodity_level = 2 THEN value END))`: the `TOTAL` rows where there are any, else the HS
//! chapters. A query that wants only the totals can let the reader drop the other rows before
//! parsing them (`ComtradeReader::totals_only`), which is much faster on files with product rows;
//! the query's condition stays, so that the result does not depend on the reader's options.
//! The rules that belong to one row are the reader's and are applied in the scan:
//! Comtrade's breakdown rows (second partner, customs procedure, mode of transport or supply) are
//! skipped and counted unless the reader keeps them, and bad rows fail the scan (strict mode) or are
//! counted in the report (lenient mode, [`TradeTable::last_report`]).
//!
//! **A file whose header comes again** (two downloads joined into one) is refused, in both modes,
//! with [`Error::HeaderRepeats`] naming the line: the columns after
//! a second header may be in another order, and the reader, which finds columns by the first
//! header's names, would read them by its positions. (In lenient mode the second header is
//! recognised among the rejections the report keeps: a rejected value that is one of the first
//! header's column names.) Read each part as its own file.
//!
//! The UN Comtrade scan parses the file on all cores ([`ComtradeReader::fold`]): batches arrive as
//! each thread fills one, in no particular order, and memory stays at a few blocks and batches
//! whatever the file's size.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use async_trait::async_trait;
use datafusion_common::tree_node::TreeNodeRecursion;
use datafusion_common::{project_schema, DataFusionError, Result as DfResult};
use datafusion_execution::{SendableRecordBatchStream, TaskContext};
use datafusion_expr::{Expr, TableType};
use datafusion_physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion_physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion_physical_plan::stream::RecordBatchReceiverStreamBuilder;
use datafusion_physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties,
};
use datafusion_session::{Session, TableProvider};
use tokio::sync::mpsc::Sender;
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::ReadReport;
use tradestat::TradeRecord;

use crate::batch::{trade_schema, TradeBatchBuilder};
use crate::error::Error;

/// Records per batch by default.
pub const DEFAULT_BATCH_SIZE: usize = 8192;

/// Opens a stream of records: for readers without a parallel scan (tidy CSV, SDMX-CSV, dyadic).
pub type OpenRecords = dyn Fn() -> tradestat::Result<Box<dyn Iterator<Item = tradestat::Result<TradeRecord>> + Send>>
    + Send
    + Sync;

#[derive(Clone)]
enum Source {
    Comtrade {
        path: PathBuf,
        reader: ComtradeReader,
    },
    Records {
        name: String,
        open: Arc<OpenRecords>,
    },
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Comtrade { path, .. } => write!(f, "UN Comtrade CSV {}", path.display()),
            Source::Records { name, .. } => write!(f, "{name}"),
        }
    }
}

/// A table of trade records read by one of tradestat's readers (see the [module docs](self)).
///
/// ```
/// use std::sync::Arc;
/// use datafusion::prelude::SessionContext;
/// use tradestat::io::comtrade::ComtradeReader;
/// use tradestat_datafusion::provider::TradeTable;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> datafusion::error::Result<()> {
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/comtrade_small.csv");
/// let mut ctx = SessionContext::new();
/// tradestat_datafusion::register_all(&mut ctx)?;
/// let table = TradeTable::comtrade(path, ComtradeReader::new(), 3);
/// ctx.register_table("comtrade", Arc::new(table.clone()))?;
/// let df = ctx
///     .sql("SELECT reporter, exact_sum(value) AS exports FROM comtrade \
///           WHERE commodity_level = 0 AND flow = 'X' AND partner = '0' AND period = '2016' \
///           GROUP BY reporter ORDER BY reporter")
///     .await?;
/// let batches = df.collect().await?;
/// assert_eq!(batches[0].num_rows(), 2); // CHN and USA
/// assert_eq!(table.last_report().map(|r| r.accepted()), Some(401));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct TradeTable {
    source: Source,
    scale: i8,
    batch_size: usize,
    report: Arc<Mutex<Option<ReadReport>>>,
}

impl TradeTable {
    /// A UN Comtrade CSV file read by `reader`, with amounts at `value_scale` decimals (an amount
    /// with more decimals fails the scan with an error naming it; Comtrade's values have at most
    /// three).
    pub fn comtrade(path: impl Into<PathBuf>, reader: ComtradeReader, value_scale: i8) -> Self {
        Self::new(
            Source::Comtrade {
                path: path.into(),
                reader,
            },
            value_scale,
        )
    }

    /// Records from any streaming reader: `open` is called once per scan and returns the
    /// records in order, for example `move || Ok(Box::new(TidyReader::new().open(&path)?))`.
    /// `name` is shown in query plans.
    pub fn from_records(
        name: impl Into<String>,
        value_scale: i8,
        open: impl Fn()
                -> tradestat::Result<Box<dyn Iterator<Item = tradestat::Result<TradeRecord>> + Send>>
            + Send
            + Sync
            + 'static,
    ) -> Self {
        Self::new(
            Source::Records {
                name: name.into(),
                open: Arc::new(open),
            },
            value_scale,
        )
    }

    fn new(source: Source, scale: i8) -> Self {
        TradeTable {
            source,
            scale,
            batch_size: DEFAULT_BATCH_SIZE,
            report: Arc::new(Mutex::new(None)),
        }
    }

    /// Records per batch (default [`DEFAULT_BATCH_SIZE`]).
    #[must_use]
    pub fn with_batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size.max(1);
        self
    }

    /// What the last finished scan of a UN Comtrade file read: rows read, accepted, rejected and
    /// skipped, and each rejected row in lenient mode. `None` before any scan has finished.
    pub fn last_report(&self) -> Option<ReadReport> {
        self.report.lock().ok().and_then(|r| r.clone())
    }
}

#[async_trait]
impl TableProvider for TradeTable {
    fn schema(&self) -> SchemaRef {
        trade_schema(self.scale)
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    async fn scan(
        &self,
        _state: &dyn Session,
        projection: Option<&Vec<usize>>,
        _filters: &[Expr],
        _limit: Option<usize>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        let schema = project_schema(&self.schema(), projection)?;
        let properties = PlanProperties::new(
            EquivalenceProperties::new(schema.clone()),
            Partitioning::UnknownPartitioning(1),
            EmissionType::Incremental,
            Boundedness::Bounded,
        );
        Ok(Arc::new(TradeScanExec {
            table: self.clone(),
            projection: projection.cloned(),
            schema,
            properties: Arc::new(properties),
        }))
    }
}

/// The physical scan of a [`TradeTable`]: one partition, batches streamed from a blocking task.
#[derive(Debug)]
pub struct TradeScanExec {
    table: TradeTable,
    projection: Option<Vec<usize>>,
    schema: SchemaRef,
    properties: Arc<PlanProperties>,
}

impl DisplayAs for TradeScanExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TradeScanExec: {:?}", self.table.source)
    }
}

impl ExecutionPlan for TradeScanExec {
    fn name(&self) -> &str {
        "TradeScanExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        Vec::new()
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> DfResult<TreeNodeRecursion>,
    ) -> DfResult<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(
        self: Arc<Self>,
        _children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> DfResult<Arc<dyn ExecutionPlan>> {
        Ok(self)
    }

    fn execute(
        &self,
        _partition: usize,
        _context: Arc<TaskContext>,
    ) -> DfResult<SendableRecordBatchStream> {
        let mut builder = RecordBatchReceiverStreamBuilder::new(self.schema.clone(), 4);
        let scan = Scan {
            scale: self.table.scale,
            batch_size: self.table.batch_size,
            projection: self.projection.clone(),
        };
        let (source, report, tx) = (
            self.table.source.clone(),
            self.table.report.clone(),
            builder.tx(),
        );
        builder.spawn_blocking(move || scan.run(source, report, tx));
        Ok(builder.build())
    }
}

/// What one scan needs on its blocking thread.
#[derive(Clone)]
struct Scan {
    scale: i8,
    batch_size: usize,
    projection: Option<Vec<usize>>,
}

/// One parsing thread's batch in progress.
struct Filling {
    scan: Scan,
    builder: TradeBatchBuilder,
    tx: Sender<DfResult<RecordBatch>>,
    error: Option<DataFusionError>,
    /// The query stopped reading (a LIMIT was met, or it failed): parse on, but build nothing.
    closed: bool,
}

impl Filling {
    /// Only the projected columns are built. (The projection was checked against the schema
    /// when the plan was made; should it be refused here, the scan fails with that error.)
    fn new(scan: Scan, tx: Sender<DfResult<RecordBatch>>) -> Self {
        let (builder, error) = match &scan.projection {
            Some(p) => match TradeBatchBuilder::projected(scan.scale, p) {
                Ok(builder) => (builder, None),
                Err(e) => (TradeBatchBuilder::new(scan.scale), Some(e.into())),
            },
            None => (TradeBatchBuilder::new(scan.scale), None),
        };
        Filling {
            builder,
            scan,
            tx,
            error,
            closed: false,
        }
    }

    fn push(&mut self, record: TradeRecord) {
        if self.closed || self.error.is_some() {
            return;
        }
        if let Err(e) = self.builder.push(&record) {
            self.error = Some(e.into());
            return;
        }
        if self.builder.len() >= self.scan.batch_size {
            self.send();
        }
    }

    /// Sends the batch in progress, if any.
    fn send(&mut self) {
        if self.builder.is_empty() || self.closed {
            return;
        }
        let batch = self.builder.finish().map_err(DataFusionError::from);
        if self.tx.blocking_send(batch).is_err() {
            self.closed = true;
        }
    }

    /// Sends the rest and the first error.
    fn finish(mut self) {
        match self.error.take() {
            Some(e) => {
                let _ = self.tx.blocking_send(Err(e));
            }
            None => self.send(),
        }
    }
}

impl Scan {
    fn run(
        self,
        source: Source,
        report: Arc<Mutex<Option<ReadReport>>>,
        tx: Sender<DfResult<RecordBatch>>,
    ) -> DfResult<()> {
        let read_error = |source: tradestat::Error| -> DataFusionError {
            Error::Tradestat {
                context: "reading trade records".into(),
                source,
            }
            .into()
        };
        match source {
            Source::Comtrade { path, reader } => {
                let scan = self.clone();
                let init_tx = tx.clone();
                let header = header_names(&path);
                let repeats = |line| -> DataFusionError {
                    Error::HeaderRepeats {
                        path: path.display().to_string(),
                        line,
                    }
                    .into()
                };
                let (parts, read) = reader
                    .fold_path(
                        &path,
                        || Mutex::new(Filling::new(scan.clone(), init_tx.clone())),
                        |filling, record| {
                            filling
                                .get_mut()
                                .unwrap_or_else(PoisonError::into_inner)
                                .push(record);
                        },
                    )
                    .map_err(|e| match &e {
                        tradestat::Error::BadRow { line, value, .. }
                            if is_header_name(&header, value) =>
                        {
                            repeats(*line)
                        }
                        _ => read_error(e),
                    })?;
                // A lenient read rejects the second header's row and reads on by the first
                // header's positions: refuse rather than pass rows whose columns may have moved.
                let second_header = read
                    .rejections()
                    .iter()
                    .find(|r| is_header_name(&header, &r.value))
                    .map(|r| r.line);
                if let Ok(mut slot) = report.lock() {
                    *slot = Some(read);
                }
                if let Some(line) = second_header {
                    return Err(repeats(line));
                }
                for part in parts {
                    part.into_inner()
                        .unwrap_or_else(PoisonError::into_inner)
                        .finish();
                }
                Ok(())
            }
            Source::Records { open, .. } => {
                let mut filling = Filling::new(self, tx);
                for record in open().map_err(read_error)? {
                    filling.push(record.map_err(read_error)?);
                    if filling.closed || filling.error.is_some() {
                        break;
                    }
                }
                filling.finish();
                Ok(())
            }
        }
    }
}

/// The column names of the file's first line, for recognising the header when it comes again;
/// empty when the file cannot be read as plain text here (a gzip file, say).
fn header_names(path: &Path) -> Vec<String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return Vec::new();
    }
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut line = String::new();
    // a header is far shorter than 1 MiB; a longer first line is no header to recognise
    if BufReader::new(file.take(1 << 20))
        .read_line(&mut line)
        .is_err()
    {
        return Vec::new();
    }
    line.trim_start_matches('\u{feff}')
        .split(',')
        .map(|name| name.trim().trim_matches('"').to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// True when a rejected row's raw `value` is one of the header's column names: a data row never
/// holds a column's name where a code, period or amount belongs, a repeated header does.
fn is_header_name(header: &[String], value: &str) -> bool {
    let value = value.trim().trim_matches('"');
    !value.is_empty() && header.iter().any(|name| name == value)
}
