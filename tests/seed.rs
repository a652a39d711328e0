//! The seed statement's figures, and Microsoft's documented Excel examples, as assertions.
//! Reference values were computed with Python's `decimal` module at 60 digits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::growth::{cagr, growth};
use tradestat::{Decimal, Money, Period, Rate, RoundingStrategy, Series, Status, Target};

fn d(s: &str) -> Decimal {
    if s.contains('e') {
        Decimal::from_scientific(s).unwrap()
    } else {
        Decimal::from_str_exact(s).unwrap()
    }
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    format!("{s} USD").parse().unwrap()
}

fn seed_target(deadline: &str) -> Target {
    Target::new(
        p("2022"),
        "6.3 billion US dollars".parse().unwrap(),
        "10 billion US dollars".parse().unwrap(),
        p(deadline),
    )
    .unwrap()
}

#[test]
fn implied_2021_turnover() {
    let turnover: Money = "6.3 billion US dollars".parse().unwrap();
    let rate: Rate = "up 33%".parse().unwrap();
    let previous = turnover.implied_previous(rate).unwrap();
    // 6.3e9 / 1.33 = 4736842105.26315789473684210526315...; 29 significant digits fit.
    assert_eq!(previous.amount(), d("4736842105.2631578947368421053"));
    let cents = previous.round_with(RoundingStrategy::MidpointNearestEven);
    assert_eq!(cents.amount(), d("4736842105.26"));
    // And back: growth from the implied value is 33% to 28 decimal places.
    let back = growth(&previous, &turnover).unwrap();
    assert!(
        (back.as_fraction() - d("0.33")).abs() <= d("1e-27"),
        "{back}"
    );
}

#[test]
fn required_rates_to_ten_billion() {
    let by_2025 = seed_target("2025").required_rate().unwrap();
    let by_2030 = seed_target("2030").required_rate().unwrap();
    assert_eq!(format!("{by_2025:.3}"), "16.650%");
    assert_eq!(format!("{by_2030:.3}"), "5.945%");
    // Python: (10/6.3)^(1/3) - 1 = 0.16650467462533609103130097311310...
    assert!((by_2025.as_fraction() - d("0.1665046746253360910313009731")).abs() <= d("3e-28"));
    assert!((by_2030.as_fraction() - d("0.0594547960442417358290438563")).abs() <= d("3e-28"));
}

#[test]
fn at_33_percent_a_year() {
    let target = seed_target("2025");
    let rate: Rate = "33%".parse().unwrap();
    let years = target.periods_to_reach(rate).unwrap();
    // ln(10/6.3) / ln(1.33) = 1.62015980555109940875297797783669...
    assert!(
        (years.value() - d("1.620159805551099408752977978")).abs() <= d("1e-26"),
        "{years}"
    );
    assert_eq!(years.round_dp(3), d("1.620"));
    assert_eq!(target.reached_in(rate).unwrap(), p("2024"));
    let path: Vec<(String, Decimal)> = target
        .path(rate)
        .unwrap()
        .iter()
        .map(|(p, m)| (p.to_string(), m.amount()))
        .collect();
    assert_eq!(
        path,
        [
            ("2022".to_owned(), d("6300000000")),
            ("2023".to_owned(), d("8379000000")),
            ("2024".to_owned(), d("11144070000")),
            ("2025".to_owned(), d("14821613100")),
        ]
    );
}

#[test]
fn excel_rri_and_nper() {
    // Microsoft's RRI example: RRI(96, 10000, 11000) = 0.0009933.
    let target = Target::new(p("2020-01"), usd("10000"), usd("11000"), p("2028-01")).unwrap();
    assert_eq!(target.periods(), 96);
    let rri = target.required_rate().unwrap();
    assert_eq!(rri.as_fraction().round_dp(7), d("0.0009933"));
    assert!((rri.as_fraction() - d("0.0009933073762913948536409041")).abs() <= d("2e-28"));
    // NPER without payments agrees with ln(goal/base)/ln(1+rate) to 27 digits.
    let n = target
        .periods_to_reach(Rate::from_fraction(d("0.0009933")))
        .unwrap();
    assert!(
        (n.value() - d("96.00071254663483110334382165")).abs() <= d("1e-25"),
        "{n}"
    );
    let doubling = Target::new(p("2020"), usd("1"), usd("2"), p("2030")).unwrap();
    let n = doubling.periods_to_reach("7%".parse().unwrap()).unwrap();
    assert!(
        (n.value() - d("10.24476835105872035959563063")).abs() <= d("1e-26"),
        "{n}"
    );
    assert_eq!(
        doubling.reached_in("7%".parse().unwrap()).unwrap(),
        p("2031")
    );
}

#[test]
fn unreachable_goals_say_why() {
    let target = seed_target("2030");
    for rate in ["0%", "-5%", "-100%", "-150%"] {
        let err = target.periods_to_reach(rate.parse().unwrap()).unwrap_err();
        assert!(
            matches!(err, tradestat::Error::Unreachable { .. }),
            "{rate}: {err}"
        );
        assert!(target.reached_in(rate.parse().unwrap()).is_err());
    }
}

/// The Kazakh-side turnover as published (billions of USD; 2014, 2016, 2019, 2024 have no KZ figure).
fn kazakh_series() -> Series {
    let pts = [
        ("2010", "1.851"),
        ("2011", "3.303"),
        ("2012", "4.015"),
        ("2013", "3.496"),
        ("2015", "2"),
        ("2017", "2"),
        ("2018", "1.9"),
        ("2020", "3.1"),
        ("2021", "4.1"),
        ("2022", "6.3"),
        ("2023", "6"),
        ("2025", "5.4"),
    ];
    Series::with_gaps(pts.map(|(y, v)| (p(y), usd(&format!("{v} billion"))))).unwrap()
}

#[test]
fn published_series() {
    let s = kazakh_series();
    assert!(
        Series::from_pairs(s.iter()).is_err(),
        "gaps are refused by default"
    );
    let rates = s.growth_rates().unwrap();
    let years: Vec<String> = rates.iter().map(|(p, _)| p.to_string()).collect();
    assert_eq!(
        years,
        ["2011", "2012", "2013", "2018", "2021", "2022", "2023"]
    );
    let r2021 = rates
        .iter()
        .find(|(p, _)| p.to_string() == "2021")
        .unwrap()
        .1;
    assert!((r2021.as_fraction() - d("0.3225806451612903225806451613")).abs() <= d("1e-28"));
    // (5.4 / 1.851)^(1/15) - 1 = 0.07398732534818982432380218396...
    let c = s.cagr().unwrap();
    assert!(
        (c.as_fraction() - d("0.0739873253481898243238021840")).abs() <= d("1e-27"),
        "{c}"
    );
    assert_eq!(
        cagr(&usd("1.851 billion"), &usd("5.4 billion"), 15).unwrap(),
        c
    );
    // The two sides' 2021 figures: Türkiye 5.3 vs Kazakhstan 4.1 billion.
    let gap = growth(&usd("4.1 billion"), &usd("5.3 billion")).unwrap();
    assert_eq!(format!("{gap:.2}"), "29.27%");
}

#[test]
fn trend_of_published_series() {
    // Least squares of ln(value) on years since 2010, reference from Python decimal (60 digits).
    let fit = tradestat::projection::trend(&kazakh_series()).unwrap();
    assert!((fit.slope().value() - d("0.0525142260126881984097978932")).abs() <= d("1e-26"));
    assert!((fit.growth().as_fraction() - d("0.0539175550164021941629903734")).abs() <= d("1e-26"));
    assert!((fit.r_squared().value() - d("0.3432618348706834397549947144")).abs() <= d("1e-25"));
    let at_2030 = fit.fitted(p("2030")).unwrap().amount();
    assert!(
        (at_2030 - d("6453857384.453522089119930187")).abs() <= d("1e-15"),
        "{at_2030}"
    );
    // At that trend, 10 billion by 2030 is out of reach.
    let a = seed_target("2030").assess(&kazakh_series()).unwrap();
    assert_eq!(a.status, Status::Behind);
    assert!(a.gap.amount() < Decimal::ZERO);
}
