//! The SDMX client (OECD, Eurostat Comext, IMF) against a local server serving recorded
//! SDMX-CSV bodies (tests/data/fetch). Only the ignored tests leave 127.0.0.1.
#![cfg(feature = "fetch")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fetch_server;

use std::time::Duration;

use fetch_server::{body, Response, Server};
use tradestat::fetch::{Error as FetchError, SdmxClient, SdmxQuery};
use tradestat::{Area, Country, Error, Flow};

fn quick(client: SdmxClient, server: &Server) -> SdmxClient {
    client
        .base_url(&server.base)
        .unwrap()
        .rate_limit(Duration::ZERO)
        .retry_base_delay(Duration::from_millis(10))
}

fn csv(name: &str) -> Response {
    Response::ok(body(name)).header("Content-Type", "application/vnd.sdmx.data+csv")
}

fn fetch_error(result: tradestat::Result<impl Sized>) -> FetchError {
    match result.map(|_| ()).unwrap_err() {
        Error::Fetch(e) => e,
        other => panic!("not a fetch error: {other}"),
    }
}

fn y2022() -> (tradestat::Period, tradestat::Period) {
    ("2022".parse().unwrap(), "2022".parse().unwrap())
}

#[test]
fn the_imf_query_is_read_by_the_imts_reader_with_its_multiplier() {
    let server = Server::start(|_, _| csv("imf_imts.csv"));
    let (start, end) = y2022();
    let query = SdmxQuery::imf_imts("KAZ.XG_FOB_USD+MG_CIF_USD.TUR.A").periods(start, end);
    let client = quick(SdmxClient::imf().api_key("k"), &server);
    let (records, report) = client.fetch(&query).unwrap();
    // SCALE 6: 2541.5 and 1234.25 millions of US dollars.
    let got: Vec<(Area, Area, Flow, String)> = records
        .iter()
        .map(|r| (r.reporter(), r.partner(), r.flow(), r.value().to_string()))
        .collect();
    let (kaz, tur) = (Area::Country(Country::KAZ), Area::Country(Country::TUR));
    assert_eq!(
        got,
        [
            (kaz, tur, Flow::Export, "2541500000 USD".to_owned()),
            (kaz, tur, Flow::Import, "1234250000 USD".to_owned()),
        ]
    );
    assert_eq!(report.rows_received(), 2);
    let request = &server.requests()[0];
    assert_eq!(
        request.target,
        "/data/dataflow/IMF.STA/IMTS/+/KAZ.XG_FOB_USD+MG_CIF_USD.TUR.A?c%5BTIME_PERIOD%5D=ge:2022%2Ble:2022"
    );
    assert_eq!(
        request.header("accept"),
        Some("application/vnd.sdmx.data+csv; version=2.0.0")
    );
    assert_eq!(request.header("Ocp-Apim-Subscription-Key"), Some("k"));
}

#[test]
fn an_imf_404_without_a_key_says_a_key_may_be_needed() {
    let server = Server::start(|_, _| Response::status(404, body("imf_404.json")));
    let query = SdmxQuery::imf_imts("KAZ.XG_FOB_USD.TUR.A");
    let err = fetch_error(quick(SdmxClient::imf().without_key(), &server).fetch(&query));
    match &err {
        FetchError::Status {
            status: 404,
            message,
            hint,
            ..
        } => {
            assert_eq!(message, "Resource not found");
            assert!(hint.contains("without a subscription key"), "{hint}");
        }
        other => panic!("{other}"),
    }
    // With a key, the same 404 means no data: not retried, and not the key hint.
    let err = fetch_error(quick(SdmxClient::imf().api_key("k"), &server).fetch(&query));
    assert!(
        matches!(&err, FetchError::Status { hint, .. }
            if hint.contains("no data matches") && !hint.contains("without a subscription key")),
        "{err}"
    );
    assert_eq!(server.count(), 2);
}

#[test]
fn the_oecd_query_asks_for_sdmx_csv_2_and_reads_it() {
    let server = Server::start(|_, _| csv("oecd_itcs.csv"));
    let (start, end) = y2022();
    let query = SdmxQuery::new("OECD.SDD.TPS", "DSD_ITCS@DF_ITCS", "1.0")
        .key("TUR.KAZ..A")
        .periods(start, end);
    let (records, _) = quick(SdmxClient::oecd(), &server).fetch(&query).unwrap();
    // UNIT_MULT 6, USD_EXC: 1234.5 and 987.65 millions of dollars.
    let values: Vec<String> = records.iter().map(|r| r.value().to_string()).collect();
    assert_eq!(values, ["1234500000 USD", "987650000 USD"]);
    let request = &server.requests()[0];
    assert_eq!(
        request.target,
        "/data/OECD.SDD.TPS,DSD_ITCS%40DF_ITCS,1.0/TUR.KAZ..A?dimensionAtObservation=AllDimensions&startPeriod=2022&endPeriod=2022"
    );
    assert_eq!(
        request.header("accept"),
        Some("application/vnd.sdmx.data+csv; version=2.0.0")
    );
}

#[test]
fn a_unit_that_is_not_money_is_a_body_error_naming_the_call() {
    let server = Server::start(|_, _| csv("oecd_percent.csv"));
    let query = SdmxQuery::new("OECD.SDD.TPS", "DSD_ITCS@DF_ITCS", "1.0");
    let err = fetch_error(quick(SdmxClient::oecd(), &server).fetch(&query));
    match &err {
        FetchError::Body { call, source } => {
            assert!(call.contains("/data/OECD.SDD.TPS,"), "{call}");
            assert!(source.to_string().contains("PT_B1GQ"), "{source}");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn eurostat_comext_asks_for_sdmx_csv_and_reads_euros() {
    let server = Server::start(|_, _| csv("eurostat_comext.csv"));
    let query = SdmxQuery::new("ESTAT", "DS-045409", "1.0").key("A.DE.KZ.TOTAL..VALUE_IN_EUROS");
    let (records, _) = quick(SdmxClient::eurostat_comext(), &server)
        .fetch(&query)
        .unwrap();
    let got: Vec<(Flow, String)> = records
        .iter()
        .map(|r| (r.flow(), r.value().to_string()))
        .collect();
    assert_eq!(
        got,
        [
            (Flow::Import, "6523401876 EUR".to_owned()),
            (Flow::Export, "2257632011 EUR".to_owned()),
        ]
    );
    assert_eq!(
        server.requests()[0].target,
        "/data/DS-045409/A.DE.KZ.TOTAL..VALUE_IN_EUROS?format=SDMX-CSV"
    );
}

#[test]
fn sdmx_calls_are_retried_like_every_client() {
    let server = Server::start(|_, n| match n {
        0 => Response::status(503, "busy").header("Retry-After", "0"),
        _ => csv("imf_imts.csv"),
    });
    let query = SdmxQuery::imf_imts("KAZ..TUR.A");
    let (records, report) = quick(SdmxClient::imf().api_key("k"), &server)
        .fetch(&query)
        .unwrap();
    assert_eq!((records.len(), report.attempts()), (2, 2));
}

#[test]
#[ignore = "calls the real IMF API"]
fn the_real_imf_answers_imts() {
    let query = SdmxQuery::imf_imts("KAZ.XG_FOB_USD.TUR.A")
        .periods("2020".parse().unwrap(), "2022".parse().unwrap());
    let (records, report) = SdmxClient::imf().fetch(&query).unwrap();
    assert!(!records.is_empty(), "{report}");
}

#[test]
#[ignore = "calls the real OECD API"]
fn the_real_oecd_answers_itcs() {
    let query = SdmxQuery::new("OECD.SDD.TPS", "DSD_ITCS@DF_ITCS", "1.0")
        .key("TUR.KAZ..A")
        .periods("2020".parse().unwrap(), "2022".parse().unwrap());
    let (records, report) = SdmxClient::oecd().fetch(&query).unwrap();
    assert!(!records.is_empty(), "{report}");
}

#[test]
#[ignore = "calls the real Eurostat Comext API"]
fn the_real_eurostat_comext_answers() {
    let query = SdmxQuery::new("ESTAT", "DS-045409", "1.0").key("A.DE.KZ.TOTAL..VALUE_IN_EUROS");
    let (records, report) = SdmxClient::eurostat_comext().fetch(&query).unwrap();
    assert!(!records.is_empty(), "{report}");
}
