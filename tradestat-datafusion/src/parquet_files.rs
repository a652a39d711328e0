//! Trade data as Parquet files, written and read back identical.
//!
//! The file holds one row group per batch of the [`trade_schema`](crate::batch::trade_schema)
//! (Zstandard-compressed); `value` is Parquet's `DECIMAL(38, s)` on 16-byte fixed-length values,
//! so no amount goes through a float, and `value_scale` keeps each amount's written decimals.
//! DataFusion reads the same files (`SessionContext::register_parquet`), which is how a cluster
//! that does not know [`TradeTable`](crate::provider::TradeTable) scans data tradestat read.

use std::fs::File;
use std::path::Path;

use arrow::record_batch::RecordBatch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use tradestat::TradeData;

use crate::batch::{from_record_batches, to_record_batch};
use crate::error::{Error, Result};

fn io_error(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Writes `batches` (of one schema) to a Parquet file at `path`.
///
/// # Errors
/// [`Error::Io`] when the file cannot be created; [`Error::Parquet`] when writing fails.
pub fn write_batches(path: impl AsRef<Path>, batches: &[RecordBatch]) -> Result<()> {
    let path = path.as_ref();
    let Some(first) = batches.first() else {
        return Err(Error::InvalidArgument {
            function: "write_batches",
            reason: "no batch to write (the schema is unknown)".into(),
        });
    };
    let file = File::create(path).map_err(|e| io_error(path, e))?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .build();
    let mut writer = ArrowWriter::try_new(file, first.schema(), Some(properties))?;
    for batch in batches {
        writer.write(batch)?;
    }
    writer.close()?;
    Ok(())
}

/// Reads every batch of the Parquet file at `path`.
///
/// # Errors
/// [`Error::Io`] when the file cannot be opened; [`Error::Parquet`] when it is not Parquet.
pub fn read_batches(path: impl AsRef<Path>) -> Result<Vec<RecordBatch>> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)?.build()?;
    reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(Error::from)
}

/// Writes a data set to a Parquet file at `path`.
///
/// ```
/// use tradestat::{Country, Flow, Money, Period, TradeData, TradeRecord};
/// use tradestat_datafusion::parquet_files::{read_trade_data, write_trade_data};
///
/// let y = Period::year(2022)?;
/// let data = TradeData::from_records([TradeRecord::new(
///     Country::KAZ, Country::TUR, y, Flow::Export, "USD 4736842105.26".parse::<Money>()?,
/// )])?;
/// let path = std::env::temp_dir().join("tradestat_doc_example.parquet");
/// write_trade_data(&path, &data)?;
/// let back = read_trade_data(&path)?;
/// assert_eq!(back.iter().collect::<Vec<_>>(), data.iter().collect::<Vec<_>>());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`crate::batch::to_record_batch`] and [`write_batches`].
pub fn write_trade_data(path: impl AsRef<Path>, data: &TradeData) -> Result<()> {
    write_batches(path, &[to_record_batch(data)?])
}

/// Reads a data set from a Parquet file written by [`write_trade_data`] (or any file of the
/// [`trade_schema`](crate::batch::trade_schema)).
///
/// # Errors
/// As [`read_batches`] and [`crate::batch::from_record_batches`].
pub fn read_trade_data(path: impl AsRef<Path>) -> Result<TradeData> {
    from_record_batches(&read_batches(path)?)
}
