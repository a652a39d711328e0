//! The UN Comtrade client against a local server (tests/fetch_server) serving recorded bodies
//! (tests/data/fetch, written by make_bodies.py in the API's real shapes). No test here leaves
//! 127.0.0.1 except the ignored one at the end.
#![cfg(feature = "fetch")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fetch_server;

use std::time::{Duration, Instant};

use fetch_server::{body, comtrade_body, comtrade_row, temp_dir, Response, Server};
use tradestat::fetch::{ComtradeClient, ComtradeQuery, Error as FetchError, Outcome, Source};
use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::Mode;
use tradestat::{Area, Commodity, Country, Error, Flow, Period, TradeData};

/// A preview client of `server`, polite but quick: no spacing, 10 ms backoff.
fn client(server: &Server) -> ComtradeClient {
    ComtradeClient::new()
        .without_key()
        .base_url(&server.base)
        .unwrap()
        .rate_limit(Duration::ZERO)
        .retry_base_delay(Duration::from_millis(10))
}

fn kaz_tur_2022() -> ComtradeQuery {
    ComtradeQuery::goods()
        .annual()
        .reporters([Country::KAZ])
        .partners([Area::World, Country::TUR.into()])
        .years(2022..=2022)
        .flows([Flow::Export, Flow::Import])
        .commodities([Commodity::TOTAL])
}

fn fetch_error(result: tradestat::Result<impl Sized>) -> FetchError {
    match result.map(|_| ()).unwrap_err() {
        Error::Fetch(e) => e,
        other => panic!("not a fetch error: {other}"),
    }
}

fn amounts(records: &[tradestat::TradeRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            format!(
                "{}>{} {} {}",
                r.reporter().comtrade_code(),
                r.partner().comtrade_code(),
                r.flow().comtrade_code(),
                r.value().amount()
            )
        })
        .collect()
}

#[test]
fn a_normal_answer_gives_its_records_exactly_and_the_call_is_the_documented_one() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let (records, report) = client(&server).fetch(&kaz_tur_2022()).unwrap();
    // The four rows of the recorded body, values as written (1.234567891234E+9 exactly).
    assert_eq!(
        amounts(&records),
        [
            "398>0 X 84393755285.81",
            "398>792 X 2541000000.123",
            "398>0 M 50991297016.4",
            "398>792 M 1234567891.234",
        ]
    );
    assert_eq!(report.network_calls(), 1);
    assert_eq!(report.cache_hits(), 0);
    assert_eq!(
        (
            report.rows_received(),
            report.rows_accepted(),
            report.rows_rejected()
        ),
        (4, 4, 0)
    );
    assert_eq!(report.calls()[0].count(), Some(4));
    let request = &server.requests()[0];
    assert_eq!(request.path, "/public/v1/preview/C/A/HS");
    for (name, value) in [
        ("reporterCode", "398"),
        ("partnerCode", "0,792"),
        ("period", "2022"),
        ("flowCode", "X,M"),
        ("cmdCode", "TOTAL"),
        ("partner2Code", "0"),
        ("customsCode", "C00"),
        ("motCode", "0"),
        ("maxRecords", "500"),
        ("breakdownMode", "classic"),
    ] {
        assert_eq!(request.param(name), Some(value), "{name}");
    }
    assert_eq!(request.header("Ocp-Apim-Subscription-Key"), None);
}

#[test]
fn a_keyed_client_calls_the_data_endpoint_with_the_key_in_the_header_only() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let (records, _) = client(&server)
        .api_key("secret-key")
        .fetch(&kaz_tur_2022())
        .unwrap();
    assert_eq!(records.len(), 4);
    let request = &server.requests()[0];
    assert_eq!(request.path, "/data/v1/get/C/A/HS");
    assert_eq!(
        request.header("Ocp-Apim-Subscription-Key"),
        Some("secret-key")
    );
    assert_eq!(request.param("maxRecords"), Some("100000"));
    assert!(!request.target.contains("secret-key"));
}

#[test]
fn fetch_trade_data_builds_a_data_set_from_the_answer() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let (data, report) = client(&server)
        .fetch_trade_data(&kaz_tur_2022(), TradeData::builder())
        .unwrap();
    assert_eq!(report.rows_accepted(), 4);
    let y2022: Period = "2022".parse().unwrap();
    let exports = data
        .value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            y2022,
        )
        .unwrap()
        .unwrap();
    assert_eq!(exports.amount().to_string(), "2541000000.123");
}

/// One row per reporter and period asked for, values `{reporter}.{period}`.
fn per_period(request: &fetch_server::Request) -> Vec<String> {
    let reporters: Vec<u16> = request
        .param("reporterCode")
        .unwrap()
        .split(',')
        .map(|r| r.parse().unwrap())
        .collect();
    let mut rows = Vec::new();
    for period in request.param("period").unwrap().split(',') {
        for &r in &reporters {
            rows.push(comtrade_row(r, 0, period, "X", &format!("{r}.{period}")));
        }
    }
    rows
}

#[test]
fn twenty_five_years_go_in_calls_of_at_most_twelve_periods_and_nothing_is_lost() {
    let server = Server::start(|req, _| {
        let rows = per_period(req);
        let n = rows.len();
        Response::ok(comtrade_body(&rows, n))
    });
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .partners([Area::World])
        .years(2000..=2024)
        .flows([Flow::Export]);
    let (records, report) = client(&server).fetch(&query).unwrap();
    let periods: Vec<usize> = server
        .requests()
        .iter()
        .map(|r| r.param("period").unwrap().split(',').count())
        .collect();
    assert_eq!(periods, [12, 12, 1]);
    assert_eq!(report.chunks().len(), 3);
    // One record per year, in order, 2000 to 2024.
    let values: Vec<String> = records
        .iter()
        .map(|r| r.value().amount().to_string())
        .collect();
    let expected: Vec<String> = (2000..=2024).map(|y| format!("398.{y}")).collect();
    assert_eq!(values, expected);
}

#[test]
fn a_long_reporter_list_is_split_to_keep_urls_within_the_limit() {
    let server = Server::start(|req, _| {
        let rows = per_period(req);
        let n = rows.len();
        Response::ok(comtrade_body(&rows, n))
    });
    let reporters: Vec<Country> = Country::all().take(60).collect();
    let query = ComtradeQuery::goods()
        .reporters(reporters.clone())
        .years(2022..=2022)
        .flows([Flow::Export]);
    let client = client(&server).max_url_len(400);
    let planned = client.plan(&query).unwrap();
    assert!(planned.len() > 1);
    assert!(planned.iter().all(|u| u.len() <= 400), "{planned:?}");
    let (records, _) = client.fetch(&query).unwrap();
    // Every reporter once, in the order given.
    let got: Vec<Area> = records.iter().map(|r| r.reporter()).collect();
    let want: Vec<Area> = reporters.into_iter().map(Area::Country).collect();
    assert_eq!(got, want);
}

#[test]
fn a_429_is_retried_after_the_wait_its_retry_after_asks_for() {
    let server = Server::start(|_, n| match n {
        0 => Response::status(429, body("comtrade_429.json")).header("Retry-After", "1"),
        _ => Response::ok(body("comtrade_kaz_2022.json")),
    });
    let start = Instant::now();
    let (records, report) = client(&server).fetch(&kaz_tur_2022()).unwrap();
    // The base delay is 10 ms: only Retry-After explains a second's wait.
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(records.len(), 4);
    assert_eq!(server.count(), 2);
    assert_eq!(report.calls()[0].attempts(), 2);
}

#[test]
fn a_500_twice_then_200_succeeds_after_two_retries() {
    let server = Server::start(|_, n| match n {
        0 | 1 => Response::status(500, "Internal Server Error"),
        _ => Response::ok(body("comtrade_kaz_2022.json")),
    });
    let (records, report) = client(&server).fetch(&kaz_tur_2022()).unwrap();
    assert_eq!(records.len(), 4);
    assert_eq!(report.attempts(), 3);
}

#[test]
fn retries_are_bounded_and_the_error_names_the_call_and_the_last_answer() {
    let server = Server::start(|_, _| Response::status(503, "Service Unavailable"));
    let err = fetch_error(client(&server).retries(2).fetch(&kaz_tur_2022()));
    match &err {
        FetchError::GaveUp {
            call,
            attempts,
            last,
        } => {
            assert_eq!(*attempts, 3);
            assert!(call.starts_with(&format!("GET {}/public/v1/preview/C/A/HS?", server.base)));
            assert!(last.contains("HTTP 503"), "{last}");
        }
        other => panic!("{other}"),
    }
    assert_eq!(server.count(), 3);
}

#[test]
fn a_403_with_retry_after_is_retried_and_one_without_is_an_error_at_once() {
    let quota = Server::start(|_, n| match n {
        0 => Response::status(403, body("comtrade_403_quota.json")).header("Retry-After", "0"),
        _ => Response::ok(body("comtrade_kaz_2022.json")),
    });
    let (records, _) = client(&quota).fetch(&kaz_tur_2022()).unwrap();
    assert_eq!((records.len(), quota.count()), (4, 2));

    let denied = Server::start(|_, _| Response::status(403, body("comtrade_403_quota.json")));
    let err = fetch_error(client(&denied).fetch(&kaz_tur_2022()));
    assert!(
        matches!(&err, FetchError::Status { status: 403, message, .. } if message.starts_with("Out of call volume quota")),
        "{err}"
    );
    assert_eq!(denied.count(), 1);
}

#[test]
fn a_retry_after_longer_than_the_client_waits_ends_the_call() {
    let server = Server::start(|_, _| {
        Response::status(429, body("comtrade_429.json")).header("Retry-After", "3600")
    });
    let err = fetch_error(
        client(&server)
            .max_retry_wait(Duration::from_secs(5))
            .fetch(&kaz_tur_2022()),
    );
    assert!(err.to_string().contains("asks to wait 3600 s"), "{err}");
    assert_eq!(server.count(), 1);
}

#[test]
fn an_error_body_is_an_error_naming_the_call_and_the_message() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_error.json")));
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    match &err {
        FetchError::Api { call, message } => {
            assert!(call.contains("reporterCode=398"), "{call}");
            assert!(
                message.contains("reporterCode (9999) is not valid"),
                "{message}"
            );
        }
        other => panic!("{other}"),
    }
    let server = Server::start(|_, _| Response::ok(body("comtrade_error_object.json")));
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    assert!(
        matches!(&err, FetchError::Api { message, .. } if message == "period: 12 periods at most"),
        "{err}"
    );
}

#[test]
fn a_401_is_an_error_with_the_message_and_what_it_means_and_is_not_retried() {
    let server = Server::start(|_, _| Response::status(401, body("comtrade_401.json")));
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    match &err {
        FetchError::Status {
            status: 401,
            message,
            hint,
            ..
        } => {
            assert!(message.starts_with("Access denied due to missing subscription key"));
            assert!(hint.contains("COMTRADE_API_KEY"), "{hint}");
        }
        other => panic!("{other}"),
    }
    assert_eq!(server.count(), 1);
    // With a key, the same 401 means the key is not valid.
    let err = fetch_error(client(&server).api_key("bad").fetch(&kaz_tur_2022()));
    assert!(
        matches!(&err, FetchError::Status { status: 401, hint, .. } if hint == "the subscription key is not valid"),
        "{err}"
    );
}

#[test]
fn clients_can_be_shared_between_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<ComtradeClient>();
    send_sync::<tradestat::fetch::SdmxClient>();
    send_sync::<tradestat::fetch::WorldBankClient>();
}

#[test]
fn a_body_cut_in_the_middle_is_retried_and_never_read_as_a_shorter_answer() {
    let whole = body("comtrade_kaz_2022.json");
    let half = whole.len() / 2;
    // Cut once, then whole: the retry gets the whole body.
    let w = whole.clone();
    let server = Server::start(move |_, n| Response {
        cut_at: (n == 0).then_some(half),
        ..Response::ok(w.clone())
    });
    let (records, report) = client(&server).fetch(&kaz_tur_2022()).unwrap();
    assert_eq!((records.len(), report.attempts()), (4, 2));
    // Always cut: an error after the retries, naming the call.
    let server = Server::start(move |_, _| Response {
        cut_at: Some(half),
        ..Response::ok(whole.clone())
    });
    let err = fetch_error(client(&server).retries(1).fetch(&kaz_tur_2022()));
    assert!(
        matches!(&err, FetchError::GaveUp { attempts: 2, call, .. } if call.contains("/public/v1/preview/")),
        "{err}"
    );
}

#[test]
fn a_body_ending_early_without_a_length_is_a_body_error_not_fewer_records() {
    let whole = body("comtrade_kaz_2022.json");
    let server = Server::start(move |_, _| Response {
        close_delimited: true,
        ..Response::ok(whole[..whole.len() / 2].to_vec())
    });
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    assert!(matches!(&err, FetchError::Body { .. }), "{err}");
    assert!(err.to_string().contains("not a whole JSON body"), "{err}");
}

#[test]
fn a_count_that_differs_from_the_rows_is_an_error() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_count_mismatch.json")));
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    assert!(
        matches!(
            err,
            FetchError::CountMismatch {
                count: 5,
                rows: 4,
                ..
            }
        ),
        "{err}"
    );
}

/// `data: null` (how the API may answer a query without rows) is the body's rows: none. With
/// `count` 0 that is an empty answer, read and counted as one call of 0 rows; with a positive
/// `count` it is the count mismatch it is (5 rows said, 0 held), not a "no data array" error.
#[test]
fn a_null_data_array_holds_no_rows_and_is_checked_against_the_count() {
    let empty = r#"{"elapsedTime":"0.01 secs","count":0,"data":null,"error":""}"#;
    let server = Server::start(move |_, _| Response::ok(empty));
    let (records, report) = client(&server).fetch(&kaz_tur_2022()).unwrap();
    assert_eq!(records.len(), 0);
    assert_eq!(report.calls().len(), 1);
    assert_eq!(report.calls()[0].count(), Some(0));
    assert_eq!(report.calls()[0].outcome(), Outcome::Read);
    assert_eq!(report.rows_received(), 0);

    let said = r#"{"elapsedTime":"0.01 secs","count":5,"data":null,"error":""}"#;
    let server = Server::start(move |_, _| Response::ok(said));
    let err = fetch_error(client(&server).fetch(&kaz_tur_2022()));
    assert!(
        matches!(
            err,
            FetchError::CountMismatch {
                count: 5,
                rows: 0,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_lenient_reader_counts_a_rejected_row_and_the_count_still_checks() {
    let mut rows: Vec<String> = (0..3)
        .map(|i| comtrade_row(398, 792, "2022", "X", &format!("{i}")))
        .collect();
    // 9999 is no area code: rejected by the reader, still one of the body's rows.
    rows.push(
        comtrade_row(398, 792, "2022", "M", "1")
            .replace("\"partnerCode\": 792", "\"partnerCode\": 9999"),
    );
    let b = comtrade_body(&rows, 4);
    let server = Server::start(move |_, _| Response::ok(b.clone()));
    let (records, report) = client(&server)
        .reader(ComtradeJsonReader::new().mode(Mode::Lenient))
        .fetch(&kaz_tur_2022())
        .unwrap();
    assert_eq!(records.len(), 3);
    assert_eq!((report.rows_received(), report.rows_rejected()), (4, 1));
    assert_eq!(report.read_report().rejections()[0].column, "partnerCode");
    // The call's own accounting says the same: row 4 of its data array.
    let own = report.calls()[0].read_report().unwrap();
    assert_eq!((own.rejected(), own.rejections()[0].line), (1, 4));
}

#[test]
fn the_same_query_within_the_cache_age_makes_no_call() {
    let dir = temp_dir("comtrade-cache");
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let client = client(&server).cache_dir(&dir).unwrap();
    let (first, report1) = client.fetch(&kaz_tur_2022()).unwrap();
    let (second, report2) = client.fetch(&kaz_tur_2022()).unwrap();
    assert_eq!(server.count(), 1);
    assert_eq!((report1.network_calls(), report2.cache_hits()), (1, 1));
    assert_eq!(report2.calls()[0].source(), Source::Cache);
    assert_eq!(first, second);
    // A client with a cache of no age calls again.
    let stale = client.cache_max_age(Duration::ZERO);
    stale.fetch(&kaz_tur_2022()).unwrap();
    assert_eq!(server.count(), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_error_answer_is_not_cached() {
    let dir = temp_dir("comtrade-cache-error");
    let server = Server::start(|_, n| match n {
        0 => Response::ok(body("comtrade_count_mismatch.json")),
        _ => Response::ok(body("comtrade_kaz_2022.json")),
    });
    let client = client(&server).cache_dir(&dir).unwrap();
    assert!(client.fetch(&kaz_tur_2022()).is_err());
    let (records, report) = client.fetch(&kaz_tur_2022()).unwrap();
    assert_eq!(
        (records.len(), report.network_calls(), server.count()),
        (4, 1, 2)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Answers with `cap` rows (the cap hit exactly) while a call holds more than one reporter or
/// period, and with one row per reporter and period otherwise.
fn capped_server(cap: usize) -> Server {
    Server::start(move |req, _| {
        let periods = req.param("period").unwrap().split(',').count();
        let reporters = req.param("reporterCode").unwrap().split(',').count();
        if periods * reporters > 1 {
            let rows: Vec<String> = (0..cap)
                .map(|i| comtrade_row(398, 0, "2021", "X", &i.to_string()))
                .collect();
            Response::ok(comtrade_body(&rows, cap))
        } else {
            let rows = per_period(req);
            let n = rows.len();
            Response::ok(comtrade_body(&rows, n))
        }
    })
}

#[test]
fn an_answer_at_the_cap_exactly_is_split_by_period_then_reporter_never_truncated() {
    let server = capped_server(500);
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ, Country::TUR])
        .years(2021..=2022)
        .flows([Flow::Export]);
    let (records, report) = client(&server).fetch(&query).unwrap();
    // {2021, 2022} x {KAZ, TUR} at the cap -> 2021 x both at the cap -> KAZ, TUR; then 2022 x
    // both at the cap -> KAZ, TUR: 7 calls, 4 of them read, one record each.
    assert_eq!(server.count(), 7);
    let outcomes: Vec<Outcome> = report.calls().iter().map(|c| c.outcome()).collect();
    use Outcome::{Read, Split};
    assert_eq!(outcomes, [Split, Split, Read, Read, Split, Read, Read]);
    assert_eq!(
        records
            .iter()
            .map(|r| r.value().amount().to_string())
            .collect::<Vec<_>>(),
        ["398.2021", "792.2021", "398.2022", "792.2022"]
    );
}

#[test]
fn one_row_below_the_cap_is_not_split() {
    // The mirror case: 499 rows under a cap of 500 are the whole answer.
    let server = Server::start(|_, _| {
        let rows: Vec<String> = (0..499)
            .map(|i| comtrade_row(398, 0, "2021", "X", &i.to_string()))
            .collect();
        Response::ok(comtrade_body(&rows, 499))
    });
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ, Country::TUR])
        .years(2021..=2022);
    let (records, report) = client(&server).fetch(&query).unwrap();
    assert_eq!(
        (records.len(), server.count(), report.chunks().len()),
        (499, 1, 1)
    );
}

#[test]
fn the_preview_at_its_cap_for_one_reporter_and_period_says_a_key_is_needed() {
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .years(2021..=2021);
    let server_all = Server::start(|_, _| {
        let rows: Vec<String> = (0..500)
            .map(|i| comtrade_row(398, 0, "2021", "X", &i.to_string()))
            .collect();
        Response::ok(comtrade_body(&rows, 500))
    });
    let err = fetch_error(client(&server_all).fetch(&query));
    assert!(
        matches!(
            &err,
            FetchError::KeyNeeded {
                count: 500,
                cap: 500,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("subscription key is needed"));
}

#[test]
fn a_keyed_answer_at_the_cap_is_split_down_to_flows_and_refused_when_it_cannot_be() {
    // Cap 2: any call with two or more (reporter, period, flow) cells answers 2 rows.
    let server = Server::start(|req, _| {
        let cells = req.param("flowCode").map_or(1, |f| f.split(',').count())
            * req.param("period").unwrap().split(',').count();
        let n = if cells > 1 { 2 } else { 1 };
        let rows: Vec<String> = (0..n)
            .map(|i| {
                comtrade_row(
                    398,
                    0,
                    req.param("period").unwrap(),
                    req.param("flowCode").unwrap_or("X"),
                    &i.to_string(),
                )
            })
            .collect();
        Response::ok(comtrade_body(&rows, n))
    });
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .years(2021..=2021)
        .flows([Flow::Export, Flow::Import]);
    let keyed = client(&server).api_key("k").max_records(2);
    let (records, _) = keyed.fetch(&query).unwrap();
    // Split by flow: one X and one M record.
    let flows: Vec<Flow> = records.iter().map(|r| r.flow()).collect();
    assert_eq!(flows, [Flow::Export, Flow::Import]);
    // A cap of 1 is reached by the single cell too: nothing left to split.
    let err = fetch_error(client(&server).api_key("k").max_records(1).fetch(&query));
    assert!(matches!(&err, FetchError::CapReached { .. }), "{err}");
}

#[test]
fn calls_are_spaced_by_the_rate_limit() {
    let server = Server::start(|req, _| {
        let rows = per_period(req);
        let n = rows.len();
        Response::ok(comtrade_body(&rows, n))
    });
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .years(1990..=2025);
    let start = Instant::now();
    client(&server)
        .rate_limit(Duration::from_millis(150))
        .fetch(&query)
        .unwrap();
    // 36 years: three calls, two waits of 150 ms.
    assert_eq!(server.count(), 3);
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
fn invalid_queries_are_refused_before_any_call() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let c = client(&server);
    let no_periods = fetch_error(c.fetch(&ComtradeQuery::goods()));
    assert!(matches!(no_periods, FetchError::Query { .. }));
    let bad_year = fetch_error(c.fetch(&ComtradeQuery::goods().years([20222])));
    assert!(bad_year.to_string().contains("20222"), "{bad_year}");
    let month_in_annual = ComtradeQuery::goods().months(["2022-01".parse().unwrap()]);
    assert!(matches!(
        fetch_error(c.fetch(&month_in_annual)),
        FetchError::Query { .. }
    ));
    assert!(ComtradeClient::new()
        .base_url("comtradeapi.un.org")
        .is_err());
    assert_eq!(server.count(), 0);
}

#[test]
fn a_monthly_year_asks_for_its_twelve_months_in_one_call() {
    let server = Server::start(|_, _| Response::ok(comtrade_body(&[], 0)));
    let query = ComtradeQuery::goods()
        .monthly()
        .reporters([Country::KAZ])
        .years([2022]);
    let (records, _) = client(&server).fetch(&query).unwrap();
    assert!(records.is_empty());
    let request = &server.requests()[0];
    assert_eq!(request.path, "/public/v1/preview/C/M/HS");
    assert_eq!(
        request.param("period"),
        Some("202201,202202,202203,202204,202205,202206,202207,202208,202209,202210,202211,202212")
    );
}

/// A bulk file list with `data: null` lists no files: none when its count is 0, a count
/// mismatch when it says there are some (before: "invalid type: null, expected a sequence").
#[test]
fn a_bulk_list_with_null_data_lists_no_files_checked_against_its_count() {
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .years([2022]);
    let empty = r#"{"elapsedTime": "0.05 secs", "count": 0, "data": null, "error": ""}"#;
    let server = Server::start(move |_, _| Response::ok(empty));
    let (files, _) = client(&server).api_key("k").bulk_files(&query).unwrap();
    assert!(files.is_empty());
    let said = r#"{"elapsedTime": "0.05 secs", "count": 2, "data": null, "error": ""}"#;
    let server = Server::start(move |_, _| Response::ok(said));
    let err = fetch_error(client(&server).api_key("k").bulk_files(&query));
    assert!(
        matches!(
            err,
            FetchError::CountMismatch {
                count: 2,
                rows: 0,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn bulk_files_are_listed_downloaded_and_read_as_tsv() {
    let dir = temp_dir("comtrade-bulk");
    let list = String::from_utf8(body("comtrade_bulk_list.json")).unwrap();
    let server = Server::start(move |req, _| {
        if req.path.starts_with("/bulk/v1/get/") {
            let base = format!("http://{}", req.header("host").unwrap());
            Response::ok(list.replace("@@BASE@@", &base))
        } else {
            Response::ok(body("C_A_398_2022_H6_O.txt.gz"))
                .header("Content-Type", "application/gzip")
        }
    });
    let client = client(&server).api_key("k").cache_dir(&dir).unwrap();
    let query = ComtradeQuery::goods()
        .reporters([Country::KAZ])
        .years([2022]);
    let (files, _) = client.bulk_files(&query).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].reporter(), Area::Country(Country::KAZ));
    let (records, report) = client.fetch_bulk(&query).unwrap();
    assert_eq!(
        amounts(&records),
        ["398>792 X 2541000000.123", "398>792 M 1234567891.234"]
    );
    assert_eq!(report.rows_received(), 2);
    // Listed twice, the file downloaded once: the second listing and download are cached.
    let downloads = server
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/bulk/v1/file/"))
        .count();
    assert_eq!(downloads, 1);
    assert!(client.clone().without_key().bulk_files(&query).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_server_that_does_not_answer_is_cut_off_by_the_read_timeout() {
    let server = Server::start(|_, _| {
        std::thread::sleep(Duration::from_millis(1_500));
        Response::ok(body("comtrade_kaz_2022.json"))
    });
    let start = Instant::now();
    let err = fetch_error(
        client(&server)
            .read_timeout(Duration::from_millis(200))
            .retries(0)
            .fetch(&kaz_tur_2022()),
    );
    assert!(
        start.elapsed() < Duration::from_millis(1_400),
        "{:?}",
        start.elapsed()
    );
    assert!(
        matches!(&err, FetchError::GaveUp { attempts: 1, last, .. } if last.to_lowercase().contains("timeout") || last.to_lowercase().contains("timed out")),
        "{err}"
    );
}

#[test]
fn clones_of_a_client_share_its_rate_limit() {
    let server = Server::start(|_, _| Response::ok(body("comtrade_kaz_2022.json")));
    let a = client(&server).rate_limit(Duration::from_millis(300));
    let b = a.clone();
    let start = Instant::now();
    a.fetch(&kaz_tur_2022()).unwrap();
    b.fetch(&kaz_tur_2022()).unwrap();
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
#[ignore = "calls the real UN Comtrade preview"]
fn the_real_preview_answers_kazakhstan_2022() {
    let client = ComtradeClient::new().without_key();
    let (records, report) = client.fetch(&kaz_tur_2022()).unwrap();
    assert!(!records.is_empty(), "{report}");
}
