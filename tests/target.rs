//! Targets: construction errors, progress and assessment against observed series.
//! Reference values by hand or from Python's `decimal` at 60 digits.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::{Currency, Decimal, Error, Money, Period, Series, Status, Target};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(d(s), Currency::USD)
}

fn observed(start: &str, values: &[&str]) -> Series {
    let values: Vec<Decimal> = values.iter().map(|v| d(v)).collect();
    Series::from_values(p(start), &values, Currency::USD).unwrap()
}

#[test]
fn construction_errors() {
    let ok = |b: &str, g: &str, from: &str, to: &str| Target::new(p(from), usd(b), usd(g), p(to));
    assert!(ok("6.3", "10", "2022", "2030").is_ok());
    assert!(matches!(
        ok("6.3", "10", "2022", "2022"),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        ok("6.3", "10", "2022", "2020"),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        ok("0", "10", "2022", "2030"),
        Err(Error::Undefined { .. })
    ));
    assert!(matches!(
        ok("-1", "10", "2022", "2030"),
        Err(Error::Undefined { .. })
    ));
    assert!(matches!(
        ok("6.3", "0", "2022", "2030"),
        Err(Error::Undefined { .. })
    ));
    assert!(matches!(
        ok("6.3", "10", "2022", "2030-Q1"),
        Err(Error::InvalidArgument { .. })
    ));
    let eur = Money::new(d("10"), Currency::EUR);
    assert!(matches!(
        Target::new(p("2022"), usd("6.3"), eur, p("2030")),
        Err(Error::CurrencyMismatch { .. })
    ));
}

#[test]
fn progress_on_linear_and_compound_scales() {
    let target = Target::new(p("2022"), usd("6.3"), usd("10"), p("2030")).unwrap();
    let progress = target.progress(&usd("8"), p("2025")).unwrap();
    // (8 - 6.3) / (10 - 6.3) = 1.7 / 3.7
    assert_eq!(progress.linear, d("0.4594594594594594594594594595"));
    // ln(8/6.3) / ln(10/6.3) = 0.51704236833022551965266653565...
    assert!(
        (progress.compound.value() - d("0.5170423683302255196526665357")).abs()
            <= d("0.0000000000000000000000000002")
    );
    assert_eq!(progress.time_elapsed, d("0.375"));
    assert!(target
        .progress(&Money::new(d("8"), Currency::EUR), p("2025"))
        .is_err());
    assert!(target.progress(&usd("0"), p("2025")).is_err());
    assert!(target.progress(&usd("8"), p("2025-01")).is_err());
    // A goal equal to the base is refused when the target is made (progress would divide by 0).
    assert!(matches!(
        Target::new(p("2022"), usd("6.3"), usd("6.3"), p("2030")),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn assessment_ahead_on_track_behind() {
    // 100, 110, 121: a trend of exactly 10% a year, 133.1 in 2023 and 146.41 in 2024.
    let series = observed("2020", &["100", "110", "121"]);
    let on_track = Target::new(p("2020"), usd("100"), usd("133"), p("2023")).unwrap();
    let a = on_track.assess(&series).unwrap();
    assert_eq!(a.status, Status::OnTrack);
    assert_eq!(a.reached_in, Some(p("2023")));
    assert!((a.trend.as_fraction() - d("0.1")).abs() <= d("0.000000000000000000000000001"));
    assert!((a.projected.amount() - d("133.1")).abs() <= d("0.0000000000000000000000001"));
    assert!((a.gap.amount() - d("0.1")).abs() <= d("0.0000000000000000000000001"));
    assert!(
        (a.required.unwrap().as_fraction() - d("0.0991735537190082644628099174")).abs()
            <= d("0.0000000000000000000000000002")
    );

    let ahead = Target::new(p("2020"), usd("100"), usd("133"), p("2024")).unwrap();
    assert_eq!(ahead.assess(&series).unwrap().status, Status::Ahead);

    let behind = Target::new(p("2020"), usd("100"), usd("134"), p("2023")).unwrap();
    let b = behind.assess(&series).unwrap();
    assert_eq!(b.status, Status::Behind);
    assert_eq!(b.reached_in, Some(p("2024")));
    assert!((b.gap.amount() - d("-0.9")).abs() <= d("0.0000000000000000000000001"));

    // A falling series never gets there.
    let falling = observed("2020", &["121", "110", "100"]);
    let f = on_track.assess(&falling).unwrap();
    assert_eq!(f.status, Status::Behind);
    assert_eq!(f.reached_in, None);

    // Already above the goal: ahead, reached in the last observed period.
    let high = observed("2020", &["100", "140"]);
    let h = on_track.assess(&high).unwrap();
    assert_eq!((h.status, h.reached_in), (Status::Ahead, Some(p("2021"))));
}

#[test]
fn assessment_errors() {
    let target = Target::new(p("2020"), usd("100"), usd("133"), p("2023")).unwrap();
    assert!(matches!(
        target.assess(&observed("2020", &["100"])),
        Err(Error::TooFewValues { .. })
    ));
    assert!(target.assess(&observed("2020", &["100", "0"])).is_err());
    let quarterly = observed("2020-Q1", &["100", "110"]);
    assert!(matches!(
        target.assess(&quarterly),
        Err(Error::MixedFrequency { .. })
    ));
    let eur = Series::from_values(p("2020"), &[d("1"), d("2")], Currency::EUR).unwrap();
    assert!(matches!(
        target.assess(&eur),
        Err(Error::CurrencyMismatch { .. })
    ));
}

#[test]
fn declining_goal() {
    // Cut imports from 200 to 100 by 2030: at -10% a year that takes ln(0.5)/ln(0.9) = 6.5788 years.
    let target = Target::new(p("2022"), usd("200"), usd("100"), p("2030")).unwrap();
    let n = target.periods_to_reach("-10%".parse().unwrap()).unwrap();
    assert_eq!(n.round_dp(4), d("6.5788"));
    assert_eq!(
        target.reached_in("-10%".parse().unwrap()).unwrap(),
        p("2029")
    );
    assert!(matches!(
        target.periods_to_reach("5%".parse().unwrap()),
        Err(Error::Unreachable { .. })
    ));
    assert!(target.required_rate().unwrap().is_negative());
}
