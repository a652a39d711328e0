//! Reading and writing trade data files: UN Comtrade CSV and API JSON, SDMX-CSV, dyadic
//! (exporter-importer-year) tables such as CEPII BACI ([`dyadic::DyadicReader::baci`]), any long
//! CSV whose columns the caller names ([`long::LongReader`]), and the crate's own tidy CSV.
//!
//! Every reader works the same way:
//!
//! - numbers are read from their text as exact decimals, never through `f64`: exponent notation
//!   and more than 28 decimals are refused rather than rounded; in a column of whole numbers
//!   (years, area and product codes), a whole number written as a float (`1986.0`, as Stata and
//!   pandas write them) is that number and `1986.5` is refused;
//! - a unit is read from the file or declared by the caller, never assumed;
//! - columns are found by their names in the header, so their order does not matter;
//! - a UTF-8 byte-order mark, CRLF line ends, and quoted fields (with commas, doubled quotes and
//!   line breaks) are read as RFC 4180 says;
//! - [`Mode::Strict`] (the default) stops at the first bad row with [`Error::BadRow`], which names
//!   the line, the column and the raw value; [`Mode::Lenient`] leaves bad rows out and lists them
//!   in a [`ReadReport`], whose counts always reconcile: rows read = accepted + rejected +
//!   skipped (the header and empty lines are not rows);
//! - a header that comes again (two files joined into one, the second's columns possibly in
//!   another order) is an error in either mode naming its line, never read by the first header's
//!   positions;
//! - a reader's `open` decompresses a `.gz` file (feature `gzip`) and reads a `.zip` archive's
//!   single data member (feature `zip`; `zip_member` names one, `with_zip_stream` reads an
//!   archive from a pipe);
//! - a sheet of an Excel workbook (feature `excel`) is read by any of these readers, through
//!   the same row parsers and accounting, with `excel::Workbook`;
//! - each reader streams: an iterator of `Result<TradeRecord>` holds one block of the file in
//!   memory, so a file larger than memory can be aggregated.
//!
//! What a lenient read keeps, whatever its input (the bounds are [`Limits`], the same for every
//! reader: `max_rejections`, `max_rejected_keys`, `max_row_bytes` on each):
//!
//! - an exact count of every rejected row, in total ([`ReadReport::rejected`]) and by column and
//!   reason ([`ReadReport::rejection_counts`]);
//! - the first 1,000 rejections in full, with line, column, value and reason
//!   ([`ReadReport::rejections`]; the rest are counted, and the report's `Display` says so);
//! - the record key (reporter, partner, period, flow, commodity, as far as each can be read) of
//!   the first 100,000 rejected rows ([`ReadReport::rejected_keys`]), so that a data set built
//!   from the read knows which figures were rejected and never puts a sum of parts in their
//!   place; beyond the bound the keys are incomplete
//!   ([`ReadReport::rejected_keys_complete`]), and every such substitution is refused;
//! - a row longer than 64 MiB is one rejected row (in strict mode an error naming its line),
//!   passed over to its end without being held in memory; the read goes on after it.
//!
//! The parallel readers ([`comtrade::ComtradeReader::fold`], [`dyadic::DyadicReader::fold`])
//! give the streaming reader's records and report, or refuse the file with an error that points
//! to the streaming reader (when a quote inside an unquoted field misleads their cut of the file
//! into blocks); a panic in their closure is raised again on the calling thread. A file that is UTF-16 text, tab- or
//! semicolon-separated, or has CR-only line ends is named as such in the error, not only by the
//! first column not found.
//!
//! [`Error::BadRow`]: crate::Error::BadRow

pub mod comtrade;
#[cfg(feature = "json")]
pub mod comtrade_json;
pub mod dyadic;
#[cfg(feature = "excel")]
pub mod excel;
#[cfg(feature = "json")]
pub mod json;
pub mod long;
pub mod sdmx;
pub mod summary;
pub mod tidy;

mod csv;
mod decimal;
mod limits;
mod records;
mod report;
mod rows;
#[cfg(feature = "zip")]
mod zipped;

pub use csv::Delimiter;
pub use limits::Limits;
pub use records::Records;
pub use report::{Mode, ReadReport, RejectedKey, Rejection};

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

/// Opens member `member` of the zip archive at `path`, for any reader's `records` (with the `zip`
/// feature): the member is read streaming (inflated as it is read, never held whole in memory),
/// and checked at its end against the archive's CRC-32 and size.
///
/// A reader's `open` reads a `.zip` whose only data member (a name ending in `.csv`, `.tsv` or
/// `.txt`) is the file; this names the member of an archive with several, such as a Comtrade
/// batch download: `ComtradeReader::new().records(io::zip_member("batch.zip", "KAZ_2022.csv")?)`.
///
/// # Errors
///
/// [`Error::Io`] when the file cannot be opened or is not a zip archive, when the archive has no
/// member `member` (the message lists its members), or when the member is a directory, encrypted,
/// or compressed by a method other than stored or deflated; reading the member fails with an I/O
/// error ([`Error::Io`] from the reader) when its data does not match the archive's CRC-32.
#[cfg(feature = "zip")]
pub fn zip_member(path: impl AsRef<Path>, member: &str) -> Result<Box<dyn Read + Send>> {
    zipped::open(path.as_ref(), Some(member))
}

/// Reads a zip archive from a stream that cannot seek (a pipe, standard input, a download in
/// progress), with the `zip` feature: `read` is given member `member`, or without a name the
/// single data member (`.csv`, `.tsv` or `.txt`), as it is inflated (checked against its CRC-32),
/// and its result is returned. The members are read in their order in the archive, from their
/// local headers: without a name the rest of the archive is read after `read` returns, to make
/// sure no other data member follows.
///
/// ```no_run
/// # #[cfg(feature = "zip")]
/// # fn main() -> tradestat::Result<()> {
/// use tradestat::io::comtrade::ComtradeReader;
/// let records = tradestat::io::with_zip_stream(std::io::stdin(), None, |member| {
///     ComtradeReader::new().records(member)?.collect::<tradestat::Result<Vec<_>>>()
/// })?;
/// println!("{} records", records.len());
/// # Ok(()) }
/// # #[cfg(not(feature = "zip"))]
/// # fn main() {}
/// ```
///
/// # Errors
///
/// [`Error::Io`] when the stream is not a zip archive that can be read as a stream (a member
/// whose sizes are only in a data descriptor after its data cannot), when it has no such member,
/// or, without a name, several data members (the error comes after `read` has run on the first);
/// and whatever `read` returns.
#[cfg(feature = "zip")]
pub fn with_zip_stream<R: Read, T>(
    input: R,
    member: Option<&str>,
    read: impl FnOnce(&mut dyn Read) -> Result<T>,
) -> Result<T> {
    zipped::with_stream(input, member, read)
}

/// Opens the file at `path` as every reader's `open` does, for a caller that looks at its first
/// bytes before choosing a reader (the command line sniffs the format) or counts what it reads:
/// a name ending in `.gz` is decompressed (feature `gzip`), one ending in `.zip` is read from its
/// single data member (feature `zip`).
///
/// # Errors
///
/// [`Error::Io`] (with the path) when the file cannot be opened, or when it is compressed and
/// the feature that reads it is off.
pub fn open(path: impl AsRef<Path>) -> Result<Box<dyn Read + Send>> {
    open_path(path.as_ref())
}

/// Opens a file for reading, in large buffered reads; a name ending in `.gz` is decompressed
/// (with the `gzip` feature; without it such a file is an error rather than read as garbage),
/// and one ending in `.zip` is read from its single data member (with the `zip` feature, see
/// `zip_member`; a zip with several is an error listing them).
pub(crate) fn open_path(path: &Path) -> Result<Box<dyn Read + Send>> {
    let zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if zip {
        #[cfg(feature = "zip")]
        return zipped::open(path, None);
        #[cfg(not(feature = "zip"))]
        return Err(Error::Io {
            kind: std::io::ErrorKind::Unsupported,
            message: format!(
                "{}: reading .zip files needs the `zip` feature",
                path.display()
            ),
        });
    }
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
