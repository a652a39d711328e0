//! The crate's one error type.

use datafusion_common::DataFusionError;

/// Everything that can go wrong in tradestat-datafusion.
///
/// Inside a query, a function's error reaches the caller as
/// [`DataFusionError::External`] wrapping this type (downcast it to match on the variant).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A decimal that a `Decimal128(precision, scale)` column cannot hold without rounding or
    /// overflowing.
    #[error("{value} does not fit Decimal128({precision}, {scale}): {reason}")]
    DoesNotFit {
        /// The value, written out exactly.
        value: String,
        /// The column's precision.
        precision: u8,
        /// The column's scale.
        scale: i8,
        /// Why: too many decimals (it would round) or too many digits.
        reason: &'static str,
    },

    /// A `Decimal128` value that a `rust_decimal::Decimal` (96-bit mantissa, scale 0 to 28)
    /// cannot hold exactly.
    #[error("Decimal128 value {value} does not fit a Decimal exactly: {reason}")]
    NotADecimal {
        /// The value, written out exactly from its mantissa and scale.
        value: String,
        /// Why it does not fit.
        reason: &'static str,
    },

    /// An argument of a type the function or conversion does not accept.
    #[error("{function}: {reason}")]
    InvalidArgument {
        /// The function or conversion.
        function: &'static str,
        /// What was wrong, and what is accepted.
        reason: String,
    },

    /// An aggregate whose running total left the range of its result type.
    #[error("{function} overflow: {detail}")]
    Overflow {
        /// The function.
        function: &'static str,
        /// The operands, written out.
        detail: String,
    },

    /// An error from tradestat itself (undefined growth, unknown area code, bad period...), with
    /// the row's arguments where a function raised it.
    #[error("{context}: {source}")]
    Tradestat {
        /// Where: the function and its arguments, or the record.
        context: String,
        /// tradestat's error.
        source: tradestat::Error,
    },

    /// A record batch whose column holds a value that is missing or cannot be read back.
    #[error("column {column}, row {row}: {reason}")]
    Column {
        /// The column's name.
        column: &'static str,
        /// The row within its batch, from 0.
        row: usize,
        /// What was wrong.
        reason: String,
    },

    /// A file whose header comes again further down, as when two downloads are joined into one
    /// file: the rows after it may have their columns in another order, and a reader that
    /// follows the first header would take one column's values for another's.
    #[error(
        "{path}: line {line} repeats the header (files joined together?): the columns after it \
         may be in another order, which the reader would not follow; read each part as its own file"
    )]
    HeaderRepeats {
        /// The file.
        path: String,
        /// The line (1-based, the first header is line 1) of the second header.
        line: u64,
    },

    /// A file that could not be created or opened.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
    },

    /// A Parquet error (writing, or reading a file that is not Parquet).
    #[cfg(feature = "parquet")]
    #[error(transparent)]
    Parquet(#[from] parquet::errors::ParquetError),

    /// An Arrow error (building or reading arrays, IPC, schema mismatches).
    #[error(transparent)]
    Arrow(#[from] arrow::error::ArrowError),

    /// A DataFusion error.
    #[error(transparent)]
    DataFusion(Box<DataFusionError>),
}

impl From<DataFusionError> for Error {
    fn from(error: DataFusionError) -> Self {
        Error::DataFusion(Box::new(error))
    }
}

impl From<Error> for DataFusionError {
    fn from(error: Error) -> Self {
        match error {
            Error::DataFusion(inner) => *inner,
            other => DataFusionError::External(Box::new(other)),
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
