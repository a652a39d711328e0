//! [`ComtradeClient`]: UN Comtrade's API v1, keyed (`/data/v1/get`) or the public preview
//! (`/public/v1/preview`, at most 500 records a call); its bulk files are in
//! [`bulk`](super::bulk).
//!
//! Bodies are read by [`ComtradeJsonReader`] (API JSON) and [`ComtradeReader`] (bulk TSV);
//! this module checks what the envelope says (`count`, `error`) and splits queries.

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use super::chunking::{plan, Chunk, MAX_URL_LEN};
use super::error::Error;
use super::http::politeness_setters;
use super::query::{comtrade_period, ComtradeQuery};
use super::report::{Call, FetchReport, Outcome};
use super::service::{call_name, Got, Service};
use crate::dataset::{Builder, TradeData};
use crate::io::comtrade::ComtradeReader;
use crate::io::comtrade_json::ComtradeJsonReader;
use crate::record::TradeRecord;

/// The default base URL.
pub const COMTRADE_BASE_URL: &str = "https://comtradeapi.un.org";

/// The environment variable a new client takes its key from.
pub const COMTRADE_KEY_VARIABLE: &str = "COMTRADE_API_KEY";

/// The header the key is sent in.
const KEY_HEADER: &str = "Ocp-Apim-Subscription-Key";

/// The preview's records cap.
pub const PREVIEW_CAP: u64 = 500;

/// The default records cap of a keyed call (a free key's, as comtradr documents; keyed
/// `getFinalData`-style calls allow 250,000: raise it with [`ComtradeClient::max_records`]).
pub const KEYED_CAP: u64 = 100_000;

/// A UN Comtrade client (see [`fetch`](crate::fetch)). Calls are spaced by 6 s by default, as
/// comtradr waits between calls.
///
/// ```no_run
/// use tradestat::fetch::{ComtradeClient, ComtradeQuery};
/// use tradestat::{Country, Flow};
///
/// let client = ComtradeClient::new().cache_dir("cache")?;
/// let query = ComtradeQuery::goods().reporters([Country::KAZ]).years(2020..=2022)
///     .flows([Flow::Export]);
/// let (records, report) = client.fetch(&query)?;
/// println!("{} records\n{report}", records.len());
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ComtradeClient {
    pub(super) service: Service,
    pub(super) key: Option<String>,
    max_records: Option<u64>,
    max_url_len: usize,
    reader: ComtradeJsonReader,
    pub(super) bulk_reader: ComtradeReader,
}

impl Default for ComtradeClient {
    fn default() -> Self {
        ComtradeClient::new()
    }
}

/// The envelope of an API body: what it says about itself. `data` is left to the reader.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Envelope {
    count: Option<u64>,
    error: Option<serde_json::Value>,
    #[serde(rename = "errorObject")]
    error_object: Option<serde_json::Value>,
    /// `data: null`: the body holds no rows (an absent `data` is left to the reader's error).
    #[serde(rename = "data", deserialize_with = "is_null")]
    data_null: bool,
}

/// Whether a value is `null`, without building it (a `data` array may be large).
fn is_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Option::<serde::de::IgnoredAny>::deserialize(d).map(|v| v.is_none())
}

impl Envelope {
    pub(super) fn read(body: &[u8], call: &str) -> Result<Envelope, Error> {
        serde_json::from_slice(body).map_err(|e| Error::Body {
            call: call.to_owned(),
            source: Box::new(crate::Error::Parse {
                what: "UN Comtrade API JSON",
                input: super::http::snippet(body),
                position: 0,
                reason: format!("not a whole JSON body: {e}"),
            }),
        })
    }

    /// The error the body states, if any: a non-empty `error`, or `errorObject.errorMessage`.
    pub(super) fn error(&self) -> Option<String> {
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) if s.trim().is_empty() => None,
            serde_json::Value::String(s) => Some(s.trim().to_owned()),
            other => Some(other.to_string()),
        };
        self.error.as_ref().and_then(text).or_else(|| {
            self.error_object
                .as_ref()
                .and_then(|o| o.get("errorMessage"))
                .and_then(text)
        })
    }

    fn count(&self, call: &str) -> Result<u64, Error> {
        self.count.ok_or_else(|| Error::Body {
            call: call.to_owned(),
            source: Box::new(crate::Error::MissingColumn {
                format: "UN Comtrade API JSON",
                column: "count".into(),
                detail: "the body does not say how many rows it holds, so it cannot be \
                         checked"
                    .into(),
            }),
        })
    }
}

impl ComtradeClient {
    /// A client of `https://comtradeapi.un.org` with the key in `COMTRADE_API_KEY` if it is set
    /// and not empty, else the public preview; no cache.
    pub fn new() -> Self {
        let key = std::env::var(COMTRADE_KEY_VARIABLE)
            .ok()
            .filter(|k| !k.trim().is_empty());
        ComtradeClient {
            service: Service::new(COMTRADE_BASE_URL, Duration::from_secs(6)),
            key,
            max_records: None,
            max_url_len: MAX_URL_LEN,
            reader: ComtradeJsonReader::new(),
            bulk_reader: ComtradeReader::new(),
        }
    }

    /// Uses `key` (sent in the `Ocp-Apim-Subscription-Key` header, never in a URL).
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Uses the public preview, whatever the environment says.
    #[must_use]
    pub fn without_key(mut self) -> Self {
        self.key = None;
        self
    }

    /// Whether calls are keyed (else they go to the preview).
    pub fn has_key(&self) -> bool {
        self.key.is_some()
    }

    /// The base URL (`https://comtradeapi.un.org` by default; a mirror or a test server).
    ///
    /// # Errors
    /// [`Error::Query`] for a URL that is not `http(s)://host...` or holds a query.
    pub fn base_url(mut self, url: &str) -> crate::Result<Self> {
        self.service.set_base(url)?;
        Ok(self)
    }

    /// Keeps answers in `dir` (made if missing), used again for the cache's age (a day by
    /// default).
    ///
    /// # Errors
    /// [`Error::Cache`] when the directory cannot be made.
    pub fn cache_dir(mut self, dir: impl AsRef<Path>) -> crate::Result<Self> {
        self.service.set_cache_dir(dir.as_ref())?;
        Ok(self)
    }

    /// How long a cached answer is used (a day by default).
    #[must_use]
    pub fn cache_max_age(mut self, age: Duration) -> Self {
        self.service.set_cache_max_age(age);
        self
    }

    /// The records cap of one call (`maxRecords`): 100,000 by default with a key, 500 (the
    /// most it allows) for the preview. A call whose count reaches it is split.
    #[must_use]
    pub fn max_records(mut self, cap: u64) -> Self {
        self.max_records = Some(cap.max(1));
        self
    }

    /// The longest URL sent (4,096 by default); a longer one is split.
    #[must_use]
    pub fn max_url_len(mut self, len: usize) -> Self {
        self.max_url_len = len;
        self
    }

    /// The reader of API bodies (strict by default; lenient lists bad rows in the report).
    #[must_use]
    pub fn reader(mut self, reader: ComtradeJsonReader) -> Self {
        self.reader = reader;
        self
    }

    /// The reader of bulk files.
    #[must_use]
    pub fn bulk_reader(mut self, reader: ComtradeReader) -> Self {
        self.bulk_reader = reader;
        self
    }

    politeness_setters!();

    /// The records cap of a call.
    pub fn records_cap(&self) -> u64 {
        match (&self.key, self.max_records) {
            (None, Some(cap)) => cap.min(PREVIEW_CAP),
            (None, None) => PREVIEW_CAP,
            (Some(_), Some(cap)) => cap,
            (Some(_), None) => KEYED_CAP,
        }
    }

    /// The calls `query` starts with (before any split for the cap), as URLs.
    ///
    /// # Errors
    /// [`Error::Query`] for a query that cannot be sent (see [`ComtradeClient::fetch`]).
    pub fn plan(&self, query: &ComtradeQuery) -> crate::Result<Vec<String>> {
        Ok(self
            .chunks(query)?
            .iter()
            .map(|c| self.url(query, c))
            .collect())
    }

    pub(super) fn chunks(&self, query: &ComtradeQuery) -> Result<Vec<Chunk>, Error> {
        let whole = Chunk {
            reporters: dedup(&query.reporters),
            partners: dedup(&query.partners),
            periods: query.call_periods()?,
            flows: dedup(&query.flows),
            commodities: dedup(&query.commodities),
        };
        plan(&whole, self.max_url_len, &|c| self.url(query, c).len())
    }

    /// The URL of one chunk.
    pub(super) fn url(&self, query: &ComtradeQuery, chunk: &Chunk) -> String {
        let path = if self.key.is_some() {
            "data/v1/get"
        } else {
            "public/v1/preview"
        };
        let join = |items: Vec<String>| items.join(",");
        let mut params: Vec<(&str, String)> = Vec::new();
        if !chunk.reporters.is_empty() {
            params.push((
                "reporterCode",
                join(
                    chunk
                        .reporters
                        .iter()
                        .map(|a| a.comtrade_code().to_string())
                        .collect(),
                ),
            ));
        }
        params.push((
            "period",
            join(chunk.periods.iter().map(|&p| comtrade_period(p)).collect()),
        ));
        if !chunk.partners.is_empty() {
            params.push((
                "partnerCode",
                join(
                    chunk
                        .partners
                        .iter()
                        .map(|a| a.comtrade_code().to_string())
                        .collect(),
                ),
            ));
        }
        params.push(("partner2Code", "0".into()));
        params.push((
            "cmdCode",
            if chunk.commodities.is_empty() {
                "TOTAL".into()
            } else {
                join(chunk.commodities.iter().map(|c| c.code()).collect())
            },
        ));
        if !chunk.flows.is_empty() {
            params.push((
                "flowCode",
                join(
                    chunk
                        .flows
                        .iter()
                        .map(|f| f.comtrade_code().to_owned())
                        .collect(),
                ),
            ));
        }
        params.push(("customsCode", "C00".into()));
        params.push(("motCode", "0".into()));
        params.push(("maxRecords", self.records_cap().to_string()));
        params.push(("format", "JSON".into()));
        params.push(("breakdownMode", "classic".into()));
        params.push(("includeDesc", "false".into()));
        let query_text: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{k}={}", super::service::encode(v)))
            .collect();
        format!(
            "{}/{path}/{}/{}/{}?{}",
            self.service.base,
            query.trade_type.code(),
            query.frequency.code(),
            super::service::encode(&query.classification),
            query_text.join("&")
        )
    }

    pub(super) fn headers(&self) -> Vec<(&str, &str)> {
        let mut headers = vec![("Accept", "application/json")];
        if let Some(key) = &self.key {
            headers.push((KEY_HEADER, key.as_str()));
        }
        headers
    }

    pub(super) fn get(&self, url: &str) -> Result<Got, Error> {
        let keyed = self.key.is_some();
        self.service
            .get(url, &self.headers(), &call_name(url), &move |status| {
                hint(status, keyed)
            })
    }

    /// Gets the records `query` asks for: split into calls (at most 12 periods a call, URLs
    /// within the limit), each answer's `error` and `count` checked, a call whose count reaches
    /// the cap split again (by period, reporter, flow, partner, commodity), each body read by
    /// the client's [`ComtradeJsonReader`].
    ///
    /// # Errors
    /// [`crate::Error::Fetch`] with: [`Error::Query`] for a query that cannot be sent;
    /// [`Error::Status`] for a 401, a 403 without `Retry-After`, a 404 or another 4xx;
    /// [`Error::GaveUp`] when 429, 5xx, 403 with `Retry-After` or transport failures outlast
    /// the retries; [`Error::Api`] for a body with an `error`; [`Error::CountMismatch`] for a
    /// body whose rows differ from its count; [`Error::KeyNeeded`] for a preview call that
    /// reaches 500 records at one reporter and one period; [`Error::CapReached`] when a keyed
    /// call reaches the cap and cannot be split; [`Error::Body`] for a body the reader refuses;
    /// [`Error::Cache`] when an answer cannot be stored.
    pub fn fetch(&self, query: &ComtradeQuery) -> crate::Result<(Vec<TradeRecord>, FetchReport)> {
        let mut records = Vec::new();
        let mut report = FetchReport::default();
        let cap = self.records_cap();
        let mut queue: VecDeque<Chunk> = self.chunks(query)?.into();
        while let Some(chunk) = queue.pop_front() {
            let url = self.url(query, &chunk);
            let call = call_name(&url);
            let got = self.get(&url)?;
            let envelope = Envelope::read(&got.body, &call)?;
            if let Some(message) = envelope.error() {
                return Err(Error::Api { call, message }.into());
            }
            let count = envelope.count(&call)?;
            let mut entry = Call {
                url: url.clone(),
                source: got.source,
                status: got.status,
                attempts: got.attempts,
                count: Some(count),
                rows: 0,
                outcome: Outcome::Split,
                chunk: Some(chunk.clone()),
                read: None,
            };
            if count >= cap {
                let (a, b) = self.split(&chunk, &call, count, cap)?;
                report.push(entry);
                queue.push_front(b);
                queue.push_front(a);
                continue;
            }
            // `data: null` holds no rows: read as an empty array, so the count still checks.
            let body: &[u8] = if envelope.data_null {
                b"{\"data\": []}"
            } else {
                got.body.as_slice()
            };
            let mut rows = self
                .reader
                .records(body)
                .map_err(|e| body_error(&call, e))?;
            let read = rows.report().read();
            if read != count {
                return Err(Error::CountMismatch {
                    call,
                    count,
                    rows: read,
                }
                .into());
            }
            for record in rows.by_ref() {
                records.push(record.map_err(|e| body_error(&call, e))?);
            }
            self.service.keep(&got, &call)?;
            let read_report = rows.into_report();
            entry.rows = read;
            entry.outcome = Outcome::Read;
            entry.read = Some(read_report.clone());
            report.push(entry);
            report.add_read(read_report);
        }
        Ok((records, report))
    }

    /// The halves of a chunk whose answer reached the cap.
    fn split(
        &self,
        chunk: &Chunk,
        call: &str,
        count: u64,
        cap: u64,
    ) -> Result<(Chunk, Chunk), Error> {
        let capped = |reason: &str| Error::CapReached {
            call: call.to_owned(),
            count,
            cap,
            reason: reason.to_owned(),
        };
        if self.key.is_none() && chunk.periods.len() <= 1 {
            // The preview is split by period and reporter only: at one of each, a key is needed.
            return match chunk.halve(super::chunking::Dimension::Reporters) {
                Some(halves) => Ok(halves),
                None if chunk.reporters.is_empty() => Err(capped(
                    "all reporters were asked for in one call; name the reporters",
                )),
                None => Err(Error::KeyNeeded {
                    call: call.to_owned(),
                    count,
                    cap,
                }),
            };
        }
        match chunk.split_for_cap() {
            Some((a, b, _)) => Ok((a, b)),
            None if chunk.reporters.is_empty() => Err(capped(
                "all reporters were asked for in one call; name the reporters",
            )),
            None => Err(capped(
                "one reporter, period, flow, partner and commodity already; raise max_records \
                 if the key allows more",
            )),
        }
    }

    /// Gets the records of `query` into a data set built with `builder` (rejected rows of a
    /// lenient reader are given to it, as [`Records::into_trade_data`] does).
    ///
    /// [`Records::into_trade_data`]: crate::io::Records::into_trade_data
    ///
    /// # Errors
    /// As [`ComtradeClient::fetch`], and what [`Builder::build`] refuses.
    pub fn fetch_trade_data(
        &self,
        query: &ComtradeQuery,
        builder: Builder<'_>,
    ) -> crate::Result<(TradeData, FetchReport)> {
        let (records, report) = self.fetch(query)?;
        report.into_trade_data(records, builder)
    }
}

fn dedup<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

pub(super) fn body_error(call: &str, e: crate::Error) -> Error {
    Error::Body {
        call: call.to_owned(),
        source: Box::new(e),
    }
}

/// What a status usually means at UN Comtrade.
pub(super) fn hint(status: u16, keyed: bool) -> String {
    match (status, keyed) {
        (401, true) => "the subscription key is not valid".into(),
        (401, false) => "this endpoint needs a subscription key: set COMTRADE_API_KEY".into(),
        (403, _) => "the key has no access to this endpoint, or its quota is used up".into(),
        (404, _) => {
            "no such endpoint: check the base URL and the type, frequency and classification \
             codes"
                .into()
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_the_documented_ones() {
        let client = ComtradeClient::new().without_key();
        // comtradr waits 6 s between calls.
        assert_eq!(
            client.service.http.politeness.rate_limit,
            Duration::from_secs(6)
        );
        assert_eq!(client.service.base, COMTRADE_BASE_URL);
        assert_eq!(client.records_cap(), PREVIEW_CAP);
        assert_eq!(
            client.clone().max_records(10_000).records_cap(),
            PREVIEW_CAP
        );
        let keyed = client.api_key("k");
        assert_eq!(keyed.records_cap(), KEYED_CAP);
        assert_eq!(keyed.max_records(250_000).records_cap(), 250_000);
    }
}
