//! Getting the data (feature `fetch`): typed queries to UN Comtrade, SDMX services (OECD,
//! Eurostat, the IMF) and the World Bank, whose answers are read by the crate's own readers
//! ([`io`](crate::io)), with nothing lost or guessed.
//!
//! - **Blocking** HTTP with [ureq] and rustls: no async runtime. Connect and read timeouts are
//!   set (ureq sets none), and ureq's `http_status_as_error` is off, so an error's status,
//!   headers and body are read and named.
//! - **Polite**: calls of a client are spaced by a rate limit (UN Comtrade 6 s, as comtradr
//!   waits; OECD 1 s, about 60 queries a minute); 429, 5xx, 403 with `Retry-After` and
//!   transport failures (no connection, a timeout, a body cut short) are retried with
//!   exponential backoff, honouring `Retry-After`, a bounded number of times; a `Retry-After`
//!   longer than the client waits ends the call.
//! - **Never silently empty**: a body with an `"error"`, a 401, a 403 without `Retry-After`, a
//!   body whose `count` differs from its rows, an answer at the records cap that cannot be split:
//!   each is an [`Error`] naming the call and the service's message.
//! - **Cached**: with a cache directory, an answer is kept under a key made from the call, with
//!   the time it was fetched; the same call within the cache's age makes no request. Entries are
//!   written to a temporary file and renamed, so a crash mid-write never leaves half a body.
//!
//! # What each client does on each failure
//!
//! | failure | UN Comtrade | SDMX (OECD, Eurostat, IMF) | World Bank |
//! | --- | --- | --- | --- |
//! | 429, 5xx, 403 with `Retry-After` | retried with backoff, `Retry-After` honoured, then [`Error::GaveUp`] | same | same |
//! | `Retry-After` beyond `max_retry_wait` | [`Error::GaveUp`] at once, saying how long was asked | same | same |
//! | no connection, timeout, body cut before its `Content-Length` | retried, then [`Error::GaveUp`] | same | same |
//! | 401, 403 without `Retry-After`, 404, other 4xx | [`Error::Status`] with the body's message and a hint (a key is missing or not valid, the quota) | [`Error::Status`]; the IMF's 404 without a key says a key may be needed | [`Error::Status`] |
//! | body with an error message | `"error"` or `errorObject.errorMessage`: [`Error::Api`] | (errors come as statuses) | `[{"message": ...}]`: [`Error::Api`] |
//! | body that is not the format (cut without a length, HTML) | [`Error::Body`] | [`Error::Body`] (the SDMX-CSV reader's error) | [`Error::Body`] |
//! | rows differ from the stated count | `count`: [`Error::CountMismatch`] | (no count in SDMX-CSV) | pages' rows against `total`: [`Error::CountMismatch`] |
//! | answer at the records cap | split by period, reporter, flow, partner, commodity and asked again; the preview at one reporter and period: [`Error::KeyNeeded`]; nothing left to split: [`Error::CapReached`] | - | all pages are read |
//! | a row the reader refuses | strict: [`Error::Body`]; lenient: counted and listed in [`FetchReport::read_report`] | same | a value that is not an exact number: [`Error::Body`] |
//!
//! No error answer is cached; an answer is stored only once it has been checked.
//!
//! ```no_run
//! use tradestat::fetch::{ComtradeClient, ComtradeQuery};
//! use tradestat::{Area, Commodity, Country, Flow, TradeData};
//!
//! let client = ComtradeClient::new()            // key from COMTRADE_API_KEY if set, else the preview
//!     .base_url("http://127.0.0.1:8080")?      // default https://comtradeapi.un.org
//!     .cache_dir("cache")?;                    // optional
//! let query = ComtradeQuery::goods()           // typeCode C; ::services() is S
//!     .annual()                                // freqCode A; .monthly() is M
//!     .reporters([Country::KAZ]).partners([Area::World, Country::TUR.into()])
//!     .years(2015..=2024).flows([Flow::Export, Flow::Import]).commodities([Commodity::TOTAL]);
//! let (records, report) = client.fetch(&query)?;        // Vec<TradeRecord>, FetchReport
//! println!("{} records; {report}", records.len());
//! let (data, report) = client.fetch_trade_data(&query, TradeData::builder())?;
//! println!("{:?}; {report}", data.reporters());
//! # Ok::<(), tradestat::Error>(())
//! ```

mod bulk;
mod cache;
pub mod chunking;
mod comtrade;
mod error;
mod http;
mod query;
mod report;
mod sdmx;
mod service;
mod worldbank;

pub use bulk::BulkFile;
pub use chunking::Chunk;
pub use comtrade::{
    ComtradeClient, COMTRADE_BASE_URL, COMTRADE_KEY_VARIABLE, KEYED_CAP, PREVIEW_CAP,
};
pub use error::Error;
pub use query::{ComtradeFrequency, ComtradeQuery, TradeType};
pub use report::{Call, FetchReport, Outcome, Source};
pub use sdmx::{
    SdmxClient, SdmxQuery, SdmxService, COMEXT_BASE_URL, EUROSTAT_BASE_URL, IMF_BASE_URL,
    IMF_KEY_VARIABLE, OECD_BASE_URL,
};
pub use worldbank::{
    currency_in, Deflator, ExchangeRates, IndicatorSeries, RateObservation, WorldBankClient,
    GDP_DEFLATOR, OFFICIAL_EXCHANGE_RATE, WORLD_BANK_BASE_URL,
};
