//! UN Comtrade's bulk files (premium keys): the availability list under
//! `{base}/bulk/v1/get/{typeCode}/{freqCode}/{clCode}` and the files it names
//! (`{base}/bulk/v1/file/{reporterCode}/{hash}`, TSV, usually gzip-compressed), downloaded to a
//! file and read streaming by the client's [`ComtradeReader`](crate::io::comtrade::ComtradeReader).

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::comtrade::{body_error, hint, ComtradeClient, Envelope};
use super::error::Error;
use super::query::ComtradeQuery;
use super::report::{Call, FetchReport, Outcome, Source};
use super::service::{body_message, call_name};
use crate::area::Area;
use crate::record::TradeRecord;

/// One bulk file of the availability list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BulkFile {
    reporter: Area,
    period: String,
    classification: String,
    url: String,
    timestamp: String,
}

impl BulkFile {
    /// The reporter.
    pub fn reporter(&self) -> Area {
        self.reporter
    }

    /// The period, as Comtrade writes it (`2022`, `202201`).
    pub fn period(&self) -> &str {
        &self.period
    }

    /// The classification (`H6`, `S4`, ...).
    pub fn classification(&self) -> &str {
        &self.classification
    }

    /// The file's URL (`{base}/bulk/v1/file/{reporterCode}/{hash}`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// When Comtrade last released it.
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }
}

#[derive(Debug, Deserialize)]
struct BulkList {
    count: Option<u64>,
    /// `null` or absent: no files (checked against `count`).
    #[serde(default)]
    data: Option<Vec<BulkRow>>,
}

#[derive(Debug, Deserialize)]
struct BulkRow {
    #[serde(rename = "reporterCode")]
    reporter_code: u16,
    #[serde(default)]
    period: serde_json::Value,
    #[serde(rename = "classificationCode", default)]
    classification: String,
    #[serde(rename = "fileUrl")]
    file_url: String,
    #[serde(default)]
    timestamp: String,
}

impl ComtradeClient {
    /// The bulk files available for the query's reporters and periods (premium keys only):
    /// `{base}/bulk/v1/get/{typeCode}/{freqCode}/{clCode}`.
    ///
    /// # Errors
    /// [`Error::Query`] without a key; as [`ComtradeClient::fetch`] for the call.
    pub fn bulk_files(&self, query: &ComtradeQuery) -> crate::Result<(Vec<BulkFile>, FetchReport)> {
        if self.key.is_none() {
            return Err(Error::Query {
                reason: "bulk files need a (premium) subscription key".into(),
            }
            .into());
        }
        let mut files = Vec::new();
        let mut report = FetchReport::default();
        for chunk in self.chunks(query)? {
            let mut url = self
                .url(query, &chunk)
                .replacen("/data/v1/get/", "/bulk/v1/get/", 1);
            // Only the reporters and periods select files.
            if let Some((path, params)) = url.split_once('?') {
                let kept: Vec<&str> = params
                    .split('&')
                    .filter(|p| p.starts_with("reporterCode=") || p.starts_with("period="))
                    .collect();
                url = format!("{path}?{}", kept.join("&"));
            }
            let call = call_name(&url);
            let got = self.get(&url)?;
            let envelope = Envelope::read(&got.body, &call)?;
            if let Some(message) = envelope.error() {
                return Err(Error::Api { call, message }.into());
            }
            let list: BulkList = serde_json::from_slice(&got.body).map_err(|e| Error::Body {
                call: call.clone(),
                source: Box::new(crate::Error::Parse {
                    what: "UN Comtrade bulk file list",
                    input: super::http::snippet(&got.body),
                    position: 0,
                    reason: e.to_string(),
                }),
            })?;
            let data = list.data.unwrap_or_default();
            let rows = data.len() as u64;
            if let Some(count) = list.count.filter(|&c| c != rows) {
                return Err(Error::CountMismatch { call, count, rows }.into());
            }
            for row in data {
                files.push(BulkFile {
                    reporter: Area::from_comtrade_code(row.reporter_code)
                        .map_err(|e| body_error(&call, e))?,
                    period: match row.period {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    },
                    classification: row.classification,
                    url: row.file_url,
                    timestamp: row.timestamp,
                });
            }
            self.service.keep(&got, &call)?;
            report.push(Call {
                url,
                source: got.source,
                status: got.status,
                attempts: got.attempts,
                count: list.count,
                rows,
                outcome: Outcome::Read,
                chunk: Some(chunk),
                read: None,
            });
        }
        Ok((files, report))
    }

    /// Downloads `file` (into the cache directory, reused within the cache's age; without a
    /// cache, into a temporary file removed after reading) and reads it, streaming, with the
    /// client's bulk reader (TSV, gzip-compressed or not).
    ///
    /// # Errors
    /// As [`ComtradeClient::fetch`] for the call; [`Error::Cache`] when the file cannot be
    /// written; the reader's errors as [`Error::Body`].
    pub fn fetch_bulk_file(
        &self,
        file: &BulkFile,
    ) -> crate::Result<(Vec<TradeRecord>, FetchReport)> {
        let url = file.url.as_str();
        let call = call_name(url);
        let (path, temporary) = match &self.service.cache {
            Some(cache) => (
                cache.path(&format!("bulk {url}")).with_extension("bulk"),
                false,
            ),
            None => (
                std::env::temp_dir().join(format!(
                    "tradestat-bulk-{}-{:x}.part",
                    std::process::id(),
                    super::cache::fnv1a(url.as_bytes())
                )),
                true,
            ),
        };
        let mut report = FetchReport::default();
        let fresh = !temporary
            && std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age < self.service.cache_max_age);
        let (source, status, attempts) = if fresh {
            (Source::Cache, 200, 0)
        } else {
            let (status, attempts) = self.download(url, &call, &path)?;
            (Source::Network, status, attempts)
        };
        let read = self.read_bulk(&path, &call);
        if temporary {
            let _ = std::fs::remove_file(&path);
        }
        let (records, read) = read?;
        report.push(Call {
            url: url.to_owned(),
            source,
            status,
            attempts,
            count: None,
            rows: read.read(),
            outcome: Outcome::Read,
            chunk: None,
            read: Some(read.clone()),
        });
        report.add_read(read);
        Ok((records, report))
    }

    /// The records of every bulk file of `query` ([`ComtradeClient::bulk_files`], then
    /// [`ComtradeClient::fetch_bulk_file`] for each).
    ///
    /// # Errors
    /// As those two.
    pub fn fetch_bulk(
        &self,
        query: &ComtradeQuery,
    ) -> crate::Result<(Vec<TradeRecord>, FetchReport)> {
        let (files, mut report) = self.bulk_files(query)?;
        let mut records = Vec::new();
        for file in &files {
            let (mut part, part_report) = self.fetch_bulk_file(file)?;
            records.append(&mut part);
            report.calls.extend(part_report.calls);
            report.add_read(part_report.read);
        }
        Ok((records, report))
    }

    /// Streams `url` into `path` (a temporary file renamed into place).
    fn download(&self, url: &str, call: &str, path: &Path) -> Result<(u16, u32), Error> {
        let temp: PathBuf = path.with_extension(format!("{}.tmp", std::process::id()));
        let cache_error = |e: std::io::Error| Error::Cache {
            path: temp.display().to_string(),
            message: e.to_string(),
        };
        let mut sink = |body: &mut dyn Read| -> std::io::Result<()> {
            let mut file = std::fs::File::create(&temp)?;
            std::io::copy(body, &mut file)?;
            file.sync_all()
        };
        let answer = self
            .service
            .http
            .download(url, &self.headers(), call, &mut sink);
        let answer = match answer {
            Ok(a) => a,
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                return Err(e);
            }
        };
        if !(200..300).contains(&answer.status) {
            let _ = std::fs::remove_file(&temp);
            return Err(Error::Status {
                call: call.to_owned(),
                status: answer.status,
                message: body_message(&answer.body),
                hint: hint(answer.status, self.key.is_some()),
            });
        }
        std::fs::rename(&temp, path).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            cache_error(e)
        })?;
        Ok((answer.status, answer.attempts))
    }

    fn read_bulk(
        &self,
        path: &Path,
        call: &str,
    ) -> Result<(Vec<TradeRecord>, crate::io::ReadReport), Error> {
        let io = |e: std::io::Error| body_error(call, e.into());
        let mut file = std::io::BufReader::new(std::fs::File::open(path).map_err(io)?);
        let mut magic = [0u8; 2];
        let gz = {
            use std::io::BufRead;
            let head = file.fill_buf().map_err(io)?;
            magic.iter_mut().zip(head).for_each(|(m, h)| *m = *h);
            magic == [0x1f, 0x8b]
        };
        let input: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(file))
        } else {
            Box::new(file)
        };
        let mut rows = self
            .bulk_reader
            .records(input)
            .map_err(|e| body_error(call, e))?;
        let mut records = Vec::new();
        for record in rows.by_ref() {
            records.push(record.map_err(|e| body_error(call, e))?);
        }
        Ok((records, rows.into_report()))
    }
}
