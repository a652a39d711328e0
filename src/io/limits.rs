//! How much one read may hold in memory, whatever its input: the rejections listed in full, the
//! record keys of rejected rows, and the longest row. Every reader takes the same [`Limits`].

/// The bounds of one read. A lenient read of a file of bad rows keeps exact counts of every
/// rejection (by column and reason, [`ReadReport::rejection_counts`]) but lists only the first
/// [`Limits::max_rejections`] in full and keeps the keys of only the first
/// [`Limits::max_rejected_keys`] rejected rows; a row longer than [`Limits::max_row_bytes`] is
/// one rejected row, passed over without being held in memory. So memory stays bounded whatever
/// the input.
///
/// Set on a reader with its `limits` method, or one bound at a time with `max_rejections`,
/// `max_rejected_keys` and `max_row_bytes`:
///
/// ```
/// use tradestat::io::comtrade::ComtradeReader;
/// use tradestat::io::{Limits, Mode};
///
/// let csv = "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
///            2022,398,X,0,TOTAL,oops\n2022,398,M,0,TOTAL,bad\n2022,398,X,0,27,7.25\n";
/// let mut records = ComtradeReader::new()
///     .mode(Mode::Lenient)
///     .limits(Limits::new().with_max_rejections(1))
///     .records(csv.as_bytes())?;
/// assert_eq!(records.by_ref().count(), 1);
/// let report = records.report();
/// assert_eq!((report.rejected(), report.rejections().len()), (2, 1));
/// assert_eq!(
///     report.to_string(),
///     "read 3 rows: accepted 1, rejected 2, skipped 0 (1 rejection listed, 1 only counted)"
/// );
/// # Ok::<(), tradestat::Error>(())
/// ```
///
/// [`ReadReport::rejection_counts`]: super::ReadReport::rejection_counts
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    rejections: usize,
    keys: usize,
    row_bytes: usize,
    block_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::new()
    }
}

/// The default of [`Limits::max_rejections`].
const DEFAULT_MAX_REJECTIONS: usize = 1_000;
/// The default of [`Limits::max_rejected_keys`].
const DEFAULT_MAX_REJECTED_KEYS: usize = 100_000;
/// The default of [`Limits::max_row_bytes`]: 64 MiB.
const DEFAULT_MAX_ROW_BYTES: usize = 64 << 20;
/// The size of the blocks the parallel reader hands to its workers.
const DEFAULT_BLOCK_BYTES: usize = 4 << 20;

impl Limits {
    /// The defaults: 1,000 rejections listed, the keys of 100,000 rejected rows, rows of at most
    /// 64 MiB.
    pub const fn new() -> Self {
        Limits {
            rejections: DEFAULT_MAX_REJECTIONS,
            keys: DEFAULT_MAX_REJECTED_KEYS,
            row_bytes: DEFAULT_MAX_ROW_BYTES,
            block_bytes: DEFAULT_BLOCK_BYTES,
        }
    }

    /// Lists the first `n` rejections in full ([`ReadReport::rejections`]); later ones are only
    /// counted. Default 1,000.
    ///
    /// [`ReadReport::rejections`]: super::ReadReport::rejections
    #[must_use]
    pub const fn with_max_rejections(mut self, n: usize) -> Self {
        self.rejections = n;
        self
    }

    /// Keeps the record keys of the first `n` rejected rows ([`ReadReport::rejected_keys`]);
    /// beyond them the report says the keys are incomplete, and a data set built from the read
    /// refuses every substitution of a sum of parts. Default 100,000 (about 4 MB).
    ///
    /// [`ReadReport::rejected_keys`]: super::ReadReport::rejected_keys
    #[must_use]
    pub const fn with_max_rejected_keys(mut self, n: usize) -> Self {
        self.keys = n;
        self
    }

    /// Rows longer than `bytes` (line break included; at least 1) are each one rejected row (an
    /// error naming the line in strict mode), passed over to their end without being held in
    /// memory. Default 64 MiB.
    #[must_use]
    pub const fn with_max_row_bytes(mut self, bytes: usize) -> Self {
        self.row_bytes = if bytes == 0 { 1 } else { bytes };
        self
    }

    /// The size of the blocks the parallel reader cuts (at least 1; default 4 MiB). For tests
    /// that put block edges everywhere; not a tuning knob.
    #[doc(hidden)]
    #[must_use]
    pub const fn with_block_bytes(mut self, bytes: usize) -> Self {
        self.block_bytes = if bytes == 0 { 1 } else { bytes };
        self
    }

    /// How many rejections are listed in full.
    pub const fn max_rejections(&self) -> usize {
        self.rejections
    }

    /// How many rejected rows' keys are kept.
    pub const fn max_rejected_keys(&self) -> usize {
        self.keys
    }

    /// The longest row read.
    pub const fn max_row_bytes(&self) -> usize {
        self.row_bytes
    }

    pub(crate) const fn block_bytes(&self) -> usize {
        self.block_bytes
    }
}

/// The setters every reader offers for its [`Limits`] (the reader has a `limits` field).
macro_rules! limit_setters {
    () => {
        /// Sets all the bounds of a read at once (see [`Limits`](crate::io::Limits)).
        #[must_use]
        pub fn limits(mut self, limits: $crate::io::Limits) -> Self {
            self.limits = limits;
            self
        }

        /// Lists the first `n` rejections of a lenient read in full; later ones are counted
        /// (default 1,000; see [`Limits`](crate::io::Limits)).
        #[must_use]
        pub fn max_rejections(mut self, n: usize) -> Self {
            self.limits = self.limits.with_max_rejections(n);
            self
        }

        /// Keeps the record keys of the first `n` rejected rows of a lenient read (default
        /// 100,000; see [`Limits`](crate::io::Limits)).
        #[must_use]
        pub fn max_rejected_keys(mut self, n: usize) -> Self {
            self.limits = self.limits.with_max_rejected_keys(n);
            self
        }

        /// Reads rows of at most `bytes` bytes; a longer row is one rejected row (default
        /// 64 MiB; see [`Limits`](crate::io::Limits)).
        #[must_use]
        pub fn max_row_bytes(mut self, bytes: usize) -> Self {
            self.limits = self.limits.with_max_row_bytes(bytes);
            self
        }
    };
}

pub(crate) use limit_setters;
