//! [`FetchReport`]: what a fetch did, call by call, and the readers' accounting of the rows.

use std::fmt;

use super::chunking::Chunk;
use crate::io::ReadReport;

/// Where a call's body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Sent to the service.
    Network,
    /// Read from the disk cache; no call was made.
    Cache,
}

/// What became of a call's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Its rows were read.
    Read,
    /// It reached the records cap, so its chunk was split and asked for again; its rows were
    /// not used.
    Split,
}

/// One call of a fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub(crate) url: String,
    pub(crate) source: Source,
    pub(crate) status: u16,
    pub(crate) attempts: u32,
    pub(crate) count: Option<u64>,
    pub(crate) rows: u64,
    pub(crate) outcome: Outcome,
    pub(crate) chunk: Option<Chunk>,
    pub(crate) read: Option<ReadReport>,
}

impl Call {
    /// The URL (the key, sent in a header, is not part of it).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Network or cache.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The HTTP status (200 for a cache hit).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// How many times it was sent (0 for a cache hit; more than 1 after retries).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The `count` the body stated, where the service states one.
    pub fn count(&self) -> Option<u64> {
        self.count
    }

    /// The rows in its body.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Read, or split for reaching the cap.
    pub fn outcome(&self) -> Outcome {
        self.outcome
    }

    /// The part of the query it asked for (UN Comtrade calls).
    pub fn chunk(&self) -> Option<&Chunk> {
        self.chunk.as_ref()
    }

    /// The reader's accounting of this call's body alone (its rejections' lines are positions
    /// in this body), for calls whose rows were read as records; the fetch's merged accounting
    /// is [`FetchReport::read_report`].
    pub fn read_report(&self) -> Option<&ReadReport> {
        self.read.as_ref()
    }
}

/// What a fetch did: every call (from the network or the cache, with retries), the chunks whose
/// rows were kept, and the readers' accounting of those rows (read = accepted + rejected +
/// skipped, the rejections listed as in any read).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FetchReport {
    pub(crate) calls: Vec<Call>,
    pub(crate) read: ReadReport,
    /// Whether `read` holds a reader's report yet (the first one is taken whole, with its
    /// limits).
    pub(crate) has_read: bool,
}

impl FetchReport {
    /// Every call, in the order made.
    pub fn calls(&self) -> &[Call] {
        &self.calls
    }

    /// Calls sent to the service.
    pub fn network_calls(&self) -> usize {
        self.calls
            .iter()
            .filter(|c| c.source == Source::Network)
            .count()
    }

    /// Calls answered from the cache.
    pub fn cache_hits(&self) -> usize {
        self.calls
            .iter()
            .filter(|c| c.source == Source::Cache)
            .count()
    }

    /// Requests sent, retries included.
    pub fn attempts(&self) -> u32 {
        self.calls.iter().map(|c| c.attempts).sum()
    }

    /// The chunks whose rows were read, in order (a chunk split for the cap is replaced by its
    /// parts).
    pub fn chunks(&self) -> Vec<&Chunk> {
        self.calls
            .iter()
            .filter(|c| c.outcome == Outcome::Read)
            .filter_map(|c| c.chunk.as_ref())
            .collect()
    }

    /// Rows received in the bodies that were read.
    pub fn rows_received(&self) -> u64 {
        self.read.read()
    }

    /// Rows turned into records.
    pub fn rows_accepted(&self) -> u64 {
        self.read.accepted()
    }

    /// Rows rejected by the reader (lenient mode; strict mode stops at the first).
    pub fn rows_rejected(&self) -> u64 {
        self.read.rejected()
    }

    /// Rows left out on purpose (Comtrade's breakdown rows, observations without a value).
    pub fn rows_skipped(&self) -> u64 {
        self.read.skipped()
    }

    /// The readers' accounting of every body read, merged.
    pub fn read_report(&self) -> &ReadReport {
        &self.read
    }

    /// `records` in a data set built with `builder`, told of the rows the readers rejected (as
    /// [`Records::into_trade_data`](crate::io::Records::into_trade_data) tells it), with this
    /// report: what every client's `fetch_trade_data` returns.
    pub(crate) fn into_trade_data(
        self,
        records: Vec<crate::record::TradeRecord>,
        builder: crate::dataset::Builder<'_>,
    ) -> crate::Result<(crate::dataset::TradeData, FetchReport)> {
        let mut data = builder.build(records)?;
        data.rejected_mut().add(
            self.read.rejected_keys().iter().copied(),
            self.read.rejected_keys_complete(),
        );
        Ok((data, self))
    }

    pub(crate) fn push(&mut self, call: Call) {
        self.calls.push(call);
    }

    pub(crate) fn add_read(&mut self, report: ReadReport) {
        if self.has_read {
            self.read.append(report);
        } else {
            self.read = report;
            self.has_read = true;
        }
    }
}

impl fmt::Display for FetchReport {
    /// A few lines: calls (network, cache, attempts), rows, then the reader's report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} calls ({} network, {} from the cache, {} requests sent); {} chunks read",
            self.calls.len(),
            self.network_calls(),
            self.cache_hits(),
            self.attempts(),
            self.chunks().len()
        )?;
        write!(f, "{}", self.read)
    }
}
