//! Reading and writing trade data files: UN Comtrade CSV and API JSON, SDMX-CSV, dyadic
//! (exporter-importer-year) tables, and the crate's own tidy CSV.
//!
//! Every reader works the same way:
//!
//! - numbers are read from their text as exact decimals, never through `f64`: exponent notation
//!   and more than 28 decimals are refused rather than rounded;
//! - columns are found by their names in the header, so their order does not matter;
//! - a UTF-8 byte-order mark, CRLF line ends, and quoted fields (with commas, doubled quotes and
//!   line breaks) are read as RFC 4180 says;
//! - [`Mode::Strict`] (the default) stops at the first bad row with [`Error::BadRow`], which names
//!   the line, the column and the raw value; [`Mode::Lenient`] leaves bad rows out and lists them
//!   in a [`ReadReport`], whose counts always reconcile: rows read = accepted + rejected +
//!   skipped (the header and empty lines are not rows);
//! - each reader streams: an iterator of `Result<TradeRecord>` holds one block of the file in
//!   memory, so a file larger than memory can be aggregated.
//!
//! [`Error::BadRow`]: crate::Error::BadRow

pub mod comtrade;
#[cfg(feature = "json")]
pub mod comtrade_json;
pub mod dyadic;
#[cfg(feature = "json")]
pub mod json;
pub mod sdmx;
pub mod tidy;

mod csv;
mod decimal;
mod limits;
mod records;
mod report;
mod rows;

pub use limits::Limits;
pub use records::Records;
pub use report::{Mode, ReadReport, RejectedKey, Rejection};

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Opens a file for reading, in large buffered reads; a name ending in `.gz` is decompressed
/// (with the `gzip` feature; without it such a file is an error rather than read as garbage).
pub(crate) fn open_path(path: &Path) -> Result<Box<dyn Read + Send>> {
    let file = std::fs::File::open(path).map_err(|e| Error::Io {
        kind: e.kind(),
        message: format!("{}: {e}", path.display()),
    })?;
    let gzip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gzip {
        #[cfg(feature = "gzip")]
        return Ok(Box::new(flate2::read::MultiGzDecoder::new(
            std::io::BufReader::with_capacity(1 << 20, file),
        )));
        #[cfg(not(feature = "gzip"))]
        return Err(Error::Io {
            kind: std::io::ErrorKind::Unsupported,
            message: format!(
                "{}: reading .gz files needs the `gzip` feature",
                path.display()
            ),
        });
    }
    Ok(Box::new(file))
}
