//! The World Bank client against a local server serving recorded pages (tests/data/fetch).
//! Only the ignored test leaves 127.0.0.1.
#![cfg(feature = "fetch")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fetch_server;

use std::time::Duration;

use fetch_server::{body, temp_dir, Response, Server};
use tradestat::fetch::{Error as FetchError, WorldBankClient};
use tradestat::{Country, Currency, Decimal, Error, Period, Series, Year};

fn client(server: &Server) -> WorldBankClient {
    WorldBankClient::new()
        .base_url(&server.base)
        .unwrap()
        .rate_limit(Duration::ZERO)
        .retry_base_delay(Duration::from_millis(10))
}

fn pages(p1: &'static str, p2: &'static str) -> Server {
    Server::start(move |req, _| match req.param("page") {
        Some("2") => Response::ok(body(p2)),
        _ => Response::ok(body(p1)),
    })
}

fn fetch_error(result: tradestat::Result<impl Sized>) -> FetchError {
    match result.map(|_| ()).unwrap_err() {
        Error::Fetch(e) => e,
        other => panic!("not a fetch error: {other}"),
    }
}

fn y(n: i32) -> Year {
    Year::new(n).unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn every_page_is_read_values_exactly_and_nulls_are_gaps() {
    let server = pages("wb_deflator_tur_p1.json", "wb_deflator_tur_p2.json");
    let (deflator, report) = client(&server)
        .per_page(2)
        .gdp_deflator(Country::TUR, 2020..=2022)
        .unwrap();
    let series = deflator.series();
    assert_eq!(
        series.values(),
        [
            (y(2021), d("252.418037098391")),
            (y(2022), d("433.927150710154"))
        ]
    );
    assert_eq!(series.missing(), [y(2020)]);
    assert_eq!(
        series.source(),
        "GDP deflator (base year varies by country); World Bank source 2, last updated 2025-07-01"
    );
    assert_eq!(report.network_calls(), 2);
    let targets: Vec<String> = server.requests().iter().map(|r| r.target.clone()).collect();
    assert_eq!(
        targets,
        [
            "/v2/country/TUR/indicator/NY.GDP.DEFL.ZS?format=json&per_page=2&page=1&date=2020:2022",
            "/v2/country/TUR/indicator/NY.GDP.DEFL.ZS?format=json&per_page=2&page=2&date=2020:2022",
        ]
    );
}

#[test]
fn a_value_in_exponent_notation_is_read_exactly() {
    let server = Server::start(|_, _| Response::ok(body("wb_deflator_kaz.json")));
    let (deflator, _) = client(&server)
        .gdp_deflator(Country::KAZ, 2021..=2022)
        .unwrap();
    // 1.5E+2 is 150 exactly.
    assert_eq!(
        deflator.series().values(),
        [(y(2021), d("120")), (y(2022), d("150"))]
    );
}

#[test]
fn a_value_a_decimal_cannot_hold_exactly_is_refused_not_rounded() {
    let server = Server::start(|_, _| {
        Response::ok(
            String::from_utf8(body("wb_deflator_kaz.json"))
                .unwrap()
                .replace("1.5E+2", "4.3e-40"),
        )
    });
    let err = fetch_error(client(&server).gdp_deflator(Country::KAZ, 2021..=2022));
    match &err {
        FetchError::Body { call, source } => {
            assert!(
                call.contains("/v2/country/KAZ/indicator/NY.GDP.DEFL.ZS?"),
                "{call}"
            );
            assert!(source.to_string().contains("\"4.3e-40\""), "{source}");
        }
        other => panic!("{other}"),
    }
}

/// The 2022 value of a one-row KAZ deflator page whose value is the JSON text `value`: the
/// value read, or the error's text.
fn value_2022(value: &'static str) -> Result<Decimal, String> {
    let server = Server::start(move |_, _| {
        Response::ok(
            String::from_utf8(body("wb_deflator_kaz.json"))
                .unwrap()
                .replace("1.5E+2", value),
        )
    });
    match client(&server).gdp_deflator(Country::KAZ, 2021..=2022) {
        Ok((deflator, _)) => Ok(deflator.series().values()[1].1),
        Err(e) => Err(e.to_string()),
    }
}

/// Each value a page may hold, and what it is read as: a number exactly; a string, a boolean
/// or an empty string refused as what it is (before, `true` and `"Yes"` were "an exponent that
/// is not a whole number", and `1e99999999999` too, though it is a number too large); a
/// number a Decimal holds exactly is read even when written with trailing zeros beyond 28
/// decimals (`1.0e-28` is 10^-28, a Decimal's finest step).
#[test]
fn each_kind_of_value_is_read_or_refused_as_what_it_is() {
    for (value, want) in [
        ("1.0e-28", "0.0000000000000000000000000001"),
        ("2.50e-27", "0.0000000000000000000000000025"),
        ("-0.5E+1", "-5"),
        ("1.5e+2", "150"),
    ] {
        assert_eq!(value_2022(value), Ok(d(want)), "{value}");
    }
    // Trailing zeros that fit are kept as written.
    assert_eq!(value_2022("433.900").unwrap().to_string(), "433.900");
    for (value, said) in [
        ("true", "a boolean, not a number"),
        ("\"Yes\"", "a string, not a number"),
        ("\"\"", "an empty string, not a number"),
        ("\"12.5\"", "a string, not a number"),
        ("1e99999999999", "does not fit a Decimal exactly"),
        ("1e-99999999999", "does not fit a Decimal exactly"),
    ] {
        let err = value_2022(value).unwrap_err();
        assert!(err.contains(said), "{value}: {err}");
        assert!(!err.contains("exponent that is not"), "{value}: {err}");
    }
}

/// A country whose currency is the US dollar has no rate to it: the USA, and Ecuador since
/// 2000. The documented `Error::Query` naming the country (before: `InvalidRate`, "a currency
/// converts to itself without a rate", as if the series were malformed), whether its only
/// value is 1 (USA) or the rate a dollarised country still publishes (Ecuador's 1).
#[test]
fn a_dollar_countrys_exchange_rates_are_refused_as_a_query_naming_it() {
    for (iso3, country) in [("USA", Country::USA), ("ECU", Country::ECU)] {
        let page = String::from_utf8(body("wb_fx_deu.json"))
            .unwrap()
            .replace("DEU", iso3)
            .replace("\"date\":\"1998\"", "\"date\":\"2003\"");
        let server = Server::start(move |_, _| Response::ok(page.clone()));
        let err = fetch_error(client(&server).exchange_rates(country, 2002..=2003));
        match &err {
            FetchError::Query { reason } => {
                assert!(
                    reason.contains(iso3) && reason.contains("US dollar"),
                    "{reason}"
                );
            }
            other => panic!("{iso3}: {other}"),
        }
    }
}

#[test]
fn a_deflator_rebases_and_deflates_with_one_rounding() {
    let server = pages("wb_deflator_tur_p1.json", "wb_deflator_tur_p2.json");
    let (deflator, _) = client(&server)
        .per_page(2)
        .gdp_deflator(Country::TUR, 2020..=2022)
        .unwrap();
    // 433.927150710154 × 100 / 252.418037098391 = 171.908139251162888454515761259... (Python
    // decimal, 60 digits), half to even at 26 decimals (29 significant digits).
    let rebased = deflator.rebased(y(2021)).unwrap();
    assert_eq!(
        rebased.series().values(),
        [
            (y(2021), d("100")),
            (y(2022), d("171.90813925116288845451576126"))
        ]
    );
    assert!(deflator.rebased(y(2020)).is_err(), "2020 has no level");
    // 2000 TRY of 2022 at 2021 prices: 2000 × 252.418037098391 / 433.927150710154
    // = 1163.41204594038488240998958976643... -> 1163.4120459403848824099895898.
    let p = |s: &str| s.parse::<Period>().unwrap();
    let nominal = Series::from_values(p("2021"), &[d("1000"), d("2000")], Currency::TRY).unwrap();
    let real = deflator.deflate(&nominal, y(2021)).unwrap();
    assert_eq!(
        real.get(p("2022")).unwrap().amount().to_string(),
        "1163.4120459403848824099895898"
    );
    assert_eq!(real.get(p("2021")).unwrap().amount(), d("1000"));
}

#[test]
fn exchange_rates_are_in_the_currency_of_each_year_trl_before_2005() {
    let server = Server::start(|_, _| Response::ok(body("wb_fx_tur.json")));
    let (fx, _) = client(&server)
        .exchange_rates(Country::TUR, 2004..=2005)
        .unwrap();
    let (y2004, y2005) = (Period::Year(y(2004)), Period::Year(y(2005)));
    // Published in today's lira: 1.42555008333333 TRY a dollar in 2004, which is
    // 1,425,550.08333333 TRL (1 TRY = 1,000,000 TRL); 2005 is TRY as published.
    assert_eq!(
        fx.rates().get(Currency::USD, Currency::TRL, y2004),
        Some(d("1425550.08333333"))
    );
    assert_eq!(fx.rates().get(Currency::USD, Currency::TRY, y2004), None);
    assert_eq!(
        fx.rates().get(Currency::USD, Currency::TRY, y2005),
        Some(d("1.34358166666667"))
    );
    assert_eq!(fx.observations()[0].published, d("1.42555008333333"));
    assert!(fx.series().source().starts_with("Official exchange rate"));
}

#[test]
fn exchange_rates_of_a_euro_adopter_are_in_its_old_currency_before_the_euro() {
    let server = Server::start(|_, _| Response::ok(body("wb_fx_deu.json")));
    let (fx, _) = client(&server)
        .exchange_rates(Country::DEU, 1998..=2002)
        .unwrap();
    // 1998: 0.899067469748465 EUR a dollar × 1.95583 DEM per EUR = 1.75842312935814030095 DEM
    // (Python decimal, exact); 2002: EUR as published.
    assert_eq!(
        fx.rates()
            .get(Currency::USD, Currency::DEM, Period::Year(y(1998))),
        Some(d("1.75842312935814030095"))
    );
    assert_eq!(
        fx.rates()
            .get(Currency::USD, Currency::EUR, Period::Year(y(2002))),
        Some(d("1.06255099150506"))
    );
}

#[test]
fn an_error_message_is_an_error_naming_the_call() {
    let server = Server::start(|_, _| Response::ok(body("wb_error.json")));
    let err = fetch_error(client(&server).indicator(Country::TUR, "NOT.AN.ID", 2020..=2022));
    match &err {
        FetchError::Api { call, message } => {
            assert!(call.contains("/indicator/NOT.AN.ID?"), "{call}");
            assert_eq!(message, "The provided parameter value is not valid");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn pages_that_hold_fewer_rows_than_the_total_are_an_error() {
    // Page 1 says 3 rows in 2 pages; page 2 comes back as page 1 again, with the same years.
    let server = Server::start(|_, _| Response::ok(body("wb_deflator_tur_p1.json")));
    let err = fetch_error(
        client(&server)
            .per_page(2)
            .gdp_deflator(Country::TUR, 2020..=2022),
    );
    assert!(matches!(&err, FetchError::Body { .. }), "{err}");
    // The same page twice repeats its years: refused, never summed or overwritten.
    assert!(err.to_string().contains("given twice"), "{err}");
    // Only the first page, whose total says 3: a count mismatch.
    let server = Server::start(|_, _| {
        Response::ok(
            String::from_utf8(body("wb_deflator_tur_p1.json"))
                .unwrap()
                .replace("\"pages\": 2", "\"pages\": 1"),
        )
    });
    let err = fetch_error(
        client(&server)
            .per_page(2)
            .gdp_deflator(Country::TUR, 2020..=2022),
    );
    assert!(
        matches!(
            err,
            FetchError::CountMismatch {
                count: 3,
                rows: 2,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_second_call_within_the_cache_age_is_not_sent() {
    let dir = temp_dir("worldbank-cache");
    let server = Server::start(|_, _| Response::ok(body("wb_fx_tur.json")));
    let client = client(&server).cache_dir(&dir).unwrap();
    let (a, _) = client.exchange_rates(Country::TUR, 2004..=2005).unwrap();
    let (b, report) = client.exchange_rates(Country::TUR, 2004..=2005).unwrap();
    assert_eq!((server.count(), report.cache_hits()), (1, 1));
    assert_eq!(a, b);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reversed_years_are_refused_before_any_call() {
    let server = Server::start(|_, _| Response::ok(body("wb_fx_tur.json")));
    let (from, to) = (2005, 2004);
    let err = fetch_error(client(&server).exchange_rates(Country::TUR, from..=to));
    assert!(matches!(err, FetchError::Query { .. }), "{err}");
    assert_eq!(server.count(), 0);
}

#[test]
#[ignore = "calls the real World Bank API"]
fn the_real_world_bank_answers_turkiye() {
    let (fx, report) = WorldBankClient::new()
        .exchange_rates(Country::TUR, 2003..=2006)
        .unwrap();
    assert!(!fx.rates().is_empty(), "{report}");
}
