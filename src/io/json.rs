//! Trade records as JSON, through serde: an array of [`TradeRecord`] objects, amounts as exact
//! decimal strings.
//!
//! ```
//! use tradestat::io::json;
//! use tradestat::{Country, Currency, Decimal, Flow, Money, TradeData, TradeRecord};
//!
//! let data = TradeData::from_records([TradeRecord::new(
//!     Country::KAZ,
//!     Country::TUR,
//!     "2022".parse()?,
//!     Flow::Export,
//!     Money::new(Decimal::new(25410000005, 1), Currency::USD),
//! )])?;
//! let mut text = Vec::new();
//! json::write(&mut text, &data)?;
//! let back = json::read(&text[..])?;
//! assert_eq!(back.iter().collect::<Vec<_>>(), data.iter().collect::<Vec<_>>());
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::io::{Read, Write};

use crate::dataset::{Domestic, TradeData};
use crate::error::{Error, Result};
use crate::record::TradeRecord;

/// Writes every record of `data` (trade, then domestic) as a JSON array.
///
/// # Errors
///
/// [`Error::Io`] when writing fails.
pub fn write<W: Write>(out: W, data: &TradeData) -> Result<()> {
    let records: Vec<TradeRecord> = data.iter().chain(data.domestic_records()).collect();
    write_records(out, &records)
}

/// Writes `records` as a JSON array.
///
/// # Errors
///
/// [`Error::Io`] when writing fails.
pub fn write_records<W: Write>(out: W, records: &[TradeRecord]) -> Result<()> {
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer(&mut out, records).map_err(|e| Error::Io {
        kind: e.io_error_kind().unwrap_or(std::io::ErrorKind::Other),
        message: e.to_string(),
    })?;
    out.flush()?;
    Ok(())
}

/// Reads a JSON array of records.
///
/// # Errors
///
/// [`Error::Parse`] naming the line and column of text that is not such an array.
pub fn read_records<R: Read>(input: R) -> Result<Vec<TradeRecord>> {
    serde_json::from_reader(std::io::BufReader::new(input)).map_err(|e| {
        Error::parse(
            "JSON trade records",
            &format!("line {}, column {}", e.line(), e.column()),
            0,
            e.to_string(),
        )
    })
}

/// Reads a JSON array of records into a [`TradeData`] (domestic records kept apart).
///
/// # Errors
///
/// As [`read_records`] and [`TradeData::builder`]'s `build`.
pub fn read<R: Read>(input: R) -> Result<TradeData> {
    TradeData::builder()
        .domestic(Domestic::Keep)
        .build(read_records(input)?)
}
