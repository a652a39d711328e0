//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests: a thread on a `TcpListener` that
//! answers each request with what the test's handler returns, and counts and records the
//! requests. Nothing here touches the network beyond the loopback interface.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) path: String,
    pub(crate) query: BTreeMap<String, String>,
    pub(crate) headers: BTreeMap<String, String>,
    pub(crate) target: String,
}

impl Request {
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query.get(name).map(String::as_str)
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .get(&name.to_ascii_lowercase())
            .map(String::as_str)
    }
}

/// What to answer.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// Send only this many bytes of the body (the `Content-Length` still says the whole),
    /// then close: a body cut in the middle.
    pub(crate) cut_at: Option<usize>,
    /// Send no `Content-Length` and close after the body (a body whose end is the close).
    pub(crate) close_delimited: bool,
}

impl Response {
    pub(crate) fn ok(body: impl Into<Vec<u8>>) -> Response {
        Response::status(200, body)
    }

    pub(crate) fn status(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            cut_at: None,
            close_delimited: false,
        }
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

pub(crate) struct Server {
    pub(crate) base: String,
    requests: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Starts a server whose answers come from `handler` (given the request and how many
    /// requests came before it).
    pub(crate) fn start(
        handler: impl Fn(&Request, usize) -> Response + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    continue;
                }
                let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let mut headers = BTreeMap::new();
                loop {
                    let mut h = String::new();
                    if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                        break;
                    }
                    if let Some((k, v)) = h.split_once(':') {
                        headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
                    }
                }
                let (path, query_text) = target.split_once('?').unwrap_or((&target, ""));
                let query = query_text
                    .split('&')
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (k, v) = p.split_once('=').unwrap_or((p, ""));
                        (k.to_owned(), v.replace("%2C", ","))
                    })
                    .collect();
                let request = Request {
                    path: path.to_owned(),
                    query,
                    headers,
                    target: target.clone(),
                };
                let n = {
                    let mut all = seen.lock().unwrap();
                    all.push(request.clone());
                    all.len() - 1
                };
                let response = handler(&request, n);
                let mut head = format!("HTTP/1.1 {} X\r\nConnection: close\r\n", response.status);
                for (k, v) in &response.headers {
                    head.push_str(&format!("{k}: {v}\r\n"));
                }
                if !response.close_delimited {
                    head.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
                }
                head.push_str("\r\n");
                let body = match response.cut_at {
                    Some(n) => &response.body[..n],
                    None => &response.body[..],
                };
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body);
                let _ = stream.flush();
                let _ = stream.shutdown(std::net::Shutdown::Both);
            }
        });
        Server { base, requests }
    }

    /// Requests received so far.
    pub(crate) fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub(crate) fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }
}

/// A recorded body from tests/data/fetch.
pub(crate) fn body(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

pub(crate) fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/fetch")
        .join(name)
}

/// A fresh, empty directory for one test's cache.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tradestat-fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// One UN Comtrade API v1 row, with its 47 fields (as tests/data/fetch/make_bodies.py writes
/// them); `value` is JSON number text.
pub(crate) fn comtrade_row(
    reporter: u16,
    partner: u16,
    period: &str,
    flow: &str,
    value: &str,
) -> String {
    let (cif, fob) = if flow == "M" {
        (value, "null")
    } else {
        ("null", value)
    };
    format!(
        r#"{{"typeCode": "C", "freqCode": "A", "refPeriodId": {period}0101, "refYear": {period}, "refMonth": 52, "period": "{period}", "reporterCode": {reporter}, "reporterISO": "", "reporterDesc": "", "flowCode": "{flow}", "flowDesc": "", "partnerCode": {partner}, "partnerISO": "", "partnerDesc": "", "partner2Code": 0, "partner2ISO": "W00", "partner2Desc": "World", "classificationCode": "H6", "classificationSearchCode": "HS", "isOriginalClassification": true, "cmdCode": "TOTAL", "cmdDesc": "All Commodities", "aggrLevel": 0, "isLeaf": false, "customsCode": "C00", "customsDesc": "TOTAL CPC", "mosCode": "0", "motCode": 0, "motDesc": "TOTAL MOT", "qtyUnitCode": -1, "qtyUnitAbbr": "N/A", "qty": 0, "isQtyEstimated": false, "altQtyUnitCode": -1, "altQtyUnitAbbr": "N/A", "altQty": 0, "isAltQtyEstimated": false, "netWgt": 0, "isNetWgtEstimated": false, "grossWgt": 0, "isGrossWgtEstimated": false, "cifvalue": {cif}, "fobvalue": {fob}, "primaryValue": {value}, "legacyEstimationFlag": 0, "isReported": true, "isAggregate": false}}"#
    )
}

/// A UN Comtrade API v1 body.
pub(crate) fn comtrade_body(rows: &[String], count: usize) -> Vec<u8> {
    format!(
        r#"{{"elapsedTime":"0.01 secs","count":{count},"data":[{}],"error":""}}"#,
        rows.join(",")
    )
    .into_bytes()
}
