//! [`SdmxClient`]: SDMX REST data queries to the OECD, Eurostat (and its Comext base) and the
//! IMF, answered in SDMX-CSV and read by [`SdmxReader`] with its unit rules (a value is money in
//! a stated currency, or it is not read).

use std::time::Duration;

use super::error::Error;
use super::http::politeness_setters;
use super::report::{Call, FetchReport, Outcome};
use super::service::{call_name, encode, Service};
use crate::dataset::{Builder, TradeData};
use crate::io::sdmx::SdmxReader;
use crate::period::Period;
use crate::record::TradeRecord;

/// The OECD's SDMX REST base.
pub const OECD_BASE_URL: &str = "https://sdmx.oecd.org/public/rest";
/// Eurostat's dissemination API (SDMX 2.1).
pub const EUROSTAT_BASE_URL: &str = "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1";
/// Eurostat Comext's own base (the formats issue: Comext data sets such as `DS-045409`).
pub const COMEXT_BASE_URL: &str = "https://ec.europa.eu/eurostat/api/comext/dissemination/sdmx/2.1";
/// The IMF's SDMX 3.0 API.
pub const IMF_BASE_URL: &str = "https://api.imf.org/external/sdmx/3.0";

/// The environment variable an IMF client takes its subscription key from.
pub const IMF_KEY_VARIABLE: &str = "IMF_API_KEY";

const SDMX_CSV_2: &str = "application/vnd.sdmx.data+csv; version=2.0.0";

/// Which service's URL scheme a client speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdmxService {
    /// `{base}/data/{agency},{dataflow},{version}/{key}`, SDMX-CSV 2.0 by `Accept`.
    Oecd,
    /// `{base}/data/{dataflow}/{key}?format=SDMX-CSV` (SDMX-CSV 1.0).
    Eurostat,
    /// `{base}/data/dataflow/{agency}/{dataflow}/{version}/{key}`, SDMX-CSV 2.0 by `Accept`,
    /// periods as `c[TIME_PERIOD]`; a subscription key in `Ocp-Apim-Subscription-Key`.
    Imf,
}

/// An SDMX data query: the dataflow (agency, id, version), the series key (dimension codes
/// joined by `.`, alternatives by `+`, an empty position for all) and the periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdmxQuery {
    agency: String,
    dataflow: String,
    version: String,
    key: String,
    start: Option<Period>,
    end: Option<Period>,
}

impl SdmxQuery {
    /// The dataflow `agency`, `dataflow`, `version`, every series (`all`).
    pub fn new(agency: &str, dataflow: &str, version: &str) -> Self {
        SdmxQuery {
            agency: agency.to_owned(),
            dataflow: dataflow.to_owned(),
            version: version.to_owned(),
            key: "all".to_owned(),
            start: None,
            end: None,
        }
    }

    /// The IMF's international trade in goods (`IMF.STA:IMTS`, latest version), `key` such as
    /// `KAZ.XG_FOB_USD.TUR.A` in the dataflow's dimension order.
    pub fn imf_imts(key: &str) -> Self {
        SdmxQuery::new("IMF.STA", "IMTS", "+").key(key)
    }

    /// The series key.
    #[must_use]
    pub fn key(mut self, key: &str) -> Self {
        self.key = key.to_owned();
        self
    }

    /// The first and last periods (`startPeriod`, `endPeriod`).
    #[must_use]
    pub fn periods(mut self, start: Period, end: Period) -> Self {
        self.start = Some(start);
        self.end = Some(end);
        self
    }
}

/// An SDMX client for one service (see [`fetch`](crate::fetch)). Calls are spaced by one second
/// by default (the OECD allows about 60 queries a minute).
///
/// ```no_run
/// use tradestat::fetch::{SdmxClient, SdmxQuery};
///
/// let client = SdmxClient::imf();
/// let query = SdmxQuery::imf_imts("KAZ.XG_FOB_USD.TUR.A").periods("2015".parse()?, "2024".parse()?);
/// let (records, report) = client.fetch(&query)?;
/// println!("{} records; {report}", records.len());
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SdmxClient {
    service: Service,
    kind: SdmxService,
    key: Option<String>,
    reader: SdmxReader,
}

impl SdmxClient {
    fn with(kind: SdmxService, base: &str, reader: SdmxReader) -> Self {
        SdmxClient {
            service: Service::new(base, Duration::from_secs(1)),
            kind,
            key: None,
            reader,
        }
    }

    /// The OECD, read with [`SdmxReader::oecd_itcs`] (set another with
    /// [`SdmxClient::reader`], such as [`SdmxReader::oecd_bop`]).
    pub fn oecd() -> Self {
        SdmxClient::with(SdmxService::Oecd, OECD_BASE_URL, SdmxReader::oecd_itcs())
    }

    /// Eurostat's dissemination API (SDMX-CSV 1.0), read with the IMTS defaults until a
    /// reader for the data set is set ([`SdmxClient::reader`]).
    pub fn eurostat() -> Self {
        SdmxClient::with(
            SdmxService::Eurostat,
            EUROSTAT_BASE_URL,
            SdmxReader::imf_imts(),
        )
    }

    /// Eurostat Comext, read with [`SdmxReader::eurostat_comext`].
    pub fn eurostat_comext() -> Self {
        SdmxClient::with(
            SdmxService::Eurostat,
            COMEXT_BASE_URL,
            SdmxReader::eurostat_comext(),
        )
    }

    /// The IMF's SDMX 3.0 API, read with [`SdmxReader::imf_imts`], with the key in
    /// `IMF_API_KEY` if it is set. The IMF may answer 404 to a request without a key: the
    /// error says so.
    pub fn imf() -> Self {
        let mut client = SdmxClient::with(SdmxService::Imf, IMF_BASE_URL, SdmxReader::imf_imts());
        client.key = std::env::var(IMF_KEY_VARIABLE)
            .ok()
            .filter(|k| !k.trim().is_empty());
        client
    }

    /// The base URL (a mirror or a test server).
    ///
    /// # Errors
    /// [`Error::Query`] for a URL that is not `http(s)://host...`.
    pub fn base_url(mut self, url: &str) -> crate::Result<Self> {
        self.service.set_base(url)?;
        Ok(self)
    }

    /// A subscription key, sent in `Ocp-Apim-Subscription-Key` (the IMF's API portal).
    #[must_use]
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// No key, whatever the environment says.
    #[must_use]
    pub fn without_key(mut self) -> Self {
        self.key = None;
        self
    }

    /// The reader of the answers.
    #[must_use]
    pub fn reader(mut self, reader: SdmxReader) -> Self {
        self.reader = reader;
        self
    }

    /// Keeps answers in `dir` (see [`ComtradeClient::cache_dir`](super::ComtradeClient::cache_dir)).
    ///
    /// # Errors
    /// [`Error::Cache`] when the directory cannot be made.
    pub fn cache_dir(mut self, dir: impl AsRef<std::path::Path>) -> crate::Result<Self> {
        self.service.set_cache_dir(dir.as_ref())?;
        Ok(self)
    }

    /// How long a cached answer is used (a day by default).
    #[must_use]
    pub fn cache_max_age(mut self, age: Duration) -> Self {
        self.service.set_cache_max_age(age);
        self
    }

    politeness_setters!();

    /// The URL of `query`.
    pub fn url(&self, query: &SdmxQuery) -> String {
        let base = &self.service.base;
        let key = encode(&query.key);
        match self.kind {
            SdmxService::Oecd => {
                let mut url = format!(
                    "{base}/data/{},{},{}/{key}?dimensionAtObservation=AllDimensions",
                    encode(&query.agency),
                    encode(&query.dataflow),
                    encode(&query.version)
                );
                if let Some(start) = query.start {
                    url.push_str(&format!("&startPeriod={start}"));
                }
                if let Some(end) = query.end {
                    url.push_str(&format!("&endPeriod={end}"));
                }
                url
            }
            SdmxService::Eurostat => {
                let mut url = format!(
                    "{base}/data/{}/{key}?format=SDMX-CSV",
                    encode(&query.dataflow)
                );
                if let Some(start) = query.start {
                    url.push_str(&format!("&startPeriod={start}"));
                }
                if let Some(end) = query.end {
                    url.push_str(&format!("&endPeriod={end}"));
                }
                url
            }
            SdmxService::Imf => {
                let mut url = format!(
                    "{base}/data/dataflow/{}/{}/{}/{key}",
                    encode(&query.agency),
                    encode(&query.dataflow),
                    encode(&query.version)
                );
                let bounds: Vec<String> = [("ge", query.start), ("le", query.end)]
                    .into_iter()
                    .filter_map(|(op, p)| p.map(|p| format!("{op}:{p}")))
                    .collect();
                if !bounds.is_empty() {
                    url.push_str(&format!(
                        "?c%5BTIME_PERIOD%5D={}",
                        // `+` joins the bounds; escaped, so no server reads it as a space.
                        encode(&bounds.join("+")).replace('+', "%2B")
                    ));
                }
                url
            }
        }
    }

    /// The records of `query`, read by the client's [`SdmxReader`].
    ///
    /// # Errors
    /// [`Error::Status`] for an error status (for the IMF without a key, a 404 says a key may
    /// be needed; SDMX services also answer 404 to a query that matches no data);
    /// [`Error::GaveUp`] when 429, 5xx or transport failures outlast the retries;
    /// [`Error::Body`] for a body the reader refuses (a unit that is not money, a missing
    /// column: the reader's error); [`Error::Cache`].
    pub fn fetch(&self, query: &SdmxQuery) -> crate::Result<(Vec<TradeRecord>, FetchReport)> {
        let url = self.url(query);
        let call = call_name(&url);
        let mut headers = Vec::new();
        match self.kind {
            SdmxService::Oecd | SdmxService::Imf => headers.push(("Accept", SDMX_CSV_2)),
            SdmxService::Eurostat => headers.push(("Accept", "text/csv")),
        }
        if let Some(key) = &self.key {
            headers.push(("Ocp-Apim-Subscription-Key", key.as_str()));
        }
        let (kind, keyed) = (self.kind, self.key.is_some());
        let got = self.service.get(&url, &headers, &call, &move |status| {
            hint(kind, keyed, status)
        })?;
        let mut rows = self
            .reader
            .records(got.body.as_slice())
            .map_err(|e| body_error(&call, e))?;
        let mut records = Vec::new();
        for record in rows.by_ref() {
            records.push(record.map_err(|e| body_error(&call, e))?);
        }
        let read = rows.into_report();
        self.service.keep(&got, &call)?;
        let mut report = FetchReport::default();
        report.push(Call {
            url,
            source: got.source,
            status: got.status,
            attempts: got.attempts,
            count: None,
            rows: read.read(),
            outcome: Outcome::Read,
            chunk: None,
            read: Some(read.clone()),
        });
        report.add_read(read);
        Ok((records, report))
    }

    /// The records of `query` in a data set built with `builder`.
    ///
    /// # Errors
    /// As [`SdmxClient::fetch`], and what [`Builder::build`] refuses.
    pub fn fetch_trade_data(
        &self,
        query: &SdmxQuery,
        builder: Builder<'_>,
    ) -> crate::Result<(TradeData, FetchReport)> {
        let (records, report) = self.fetch(query)?;
        report.into_trade_data(records, builder)
    }
}

fn body_error(call: &str, e: crate::Error) -> Error {
    Error::Body {
        call: call.to_owned(),
        source: Box::new(e),
    }
}

fn hint(kind: SdmxService, keyed: bool, status: u16) -> String {
    match (kind, keyed, status) {
        (SdmxService::Imf, false, 404) => "the IMF's API may answer 404 to a request without a \
             subscription key: set one with api_key or IMF_API_KEY; with a key, a 404 means no \
             data matches the query"
            .into(),
        (SdmxService::Imf, false, 401 | 403) => {
            "the IMF's API needs a subscription key: set one with api_key or IMF_API_KEY".into()
        }
        (_, _, 404) => "no data matches the query (SDMX answers 404 for none), or no such \
                        dataflow"
            .into(),
        (_, _, 401 | 403) => "the key is missing, not valid, or has no access".into(),
        (_, _, 413) => "the answer would be too large: narrow the key or the periods".into(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_service_has_its_base_and_the_oecd_is_asked_once_a_second() {
        // The OECD allows about 60 queries a minute.
        for (client, base) in [
            (SdmxClient::oecd(), OECD_BASE_URL),
            (SdmxClient::eurostat(), EUROSTAT_BASE_URL),
            (SdmxClient::eurostat_comext(), COMEXT_BASE_URL),
            (SdmxClient::imf(), IMF_BASE_URL),
        ] {
            assert_eq!(client.service.base, base);
            assert_eq!(
                client.service.http.politeness.rate_limit,
                Duration::from_secs(1)
            );
        }
    }
}
