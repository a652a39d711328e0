//! Results that print themselves (issue 20): `Display` of series, targets, assessments, progress
//! and trend fits; a series as CSV, between two periods, and its CAGR between two periods; money
//! to a few significant digits; rates in news prose. Every expected string is worked out by hand
//! in the comment beside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::long::{Filter, LongReader};
use tradestat::{projection, Currency, Decimal, Error, Money, Rate, Scale, Series, Target};

const PUBLISHED: &str = include_str!("data/kaz_tur_published.csv");

fn kazakh_turnover() -> Series {
    LongReader::new("value_usd")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Units)
        .notes("#")
        .filter(Filter::equals("metric", "turnover"))
        .filter(Filter::starts_with("data_side", "KZ"))
        .series(PUBLISHED.as_bytes())
        .unwrap()
        .0
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn series(values: &[&str]) -> Series {
    let values: Vec<Decimal> = values.iter().map(|v| d(v)).collect();
    Series::from_values("2020".parse().unwrap(), &values, Currency::USD).unwrap()
}

#[test]
fn the_seed_assessment_prints_its_verdict_interval_and_probabilities() {
    let target = Target::starting("2022".parse().unwrap(), "6.3 billion USD".parse().unwrap())
        .goal("10 billion USD".parse().unwrap())
        .by("2030".parse().unwrap())
        .unwrap();
    let a = target.assess(&kazakh_turnover()).unwrap();
    // Figures from tools/trend_reference.py (statsmodels): fitted 6.4539 bn, interval 2.6269 to
    // 15.856 bn, probabilities 0.19899 and 0.34617; trend exp(0.052514) - 1 = 5.39%; needed
    // (10 / 5.4)^(1/5) - 1 = 13.12% from 2025; from last 5.4 x 1.0539^5 = 7.02 bn.
    assert_eq!(
        a.to_string(),
        "behind: 10 billion USD by 2030\n\
         \x20 trend               5.4% a year (log-linear fit)\n\
         \x20 needed              13.1% a year from 2025\n\
         \x20 projected by fit    6.45 billion USD (90% interval 2.63 billion USD to 15.9 billion USD)\n\
         \x20 projected from last 7.02 billion USD (the trend rate continued from 2025)\n\
         \x20 probability         19.9% under the fitted line, 34.6% as a random walk with drift\n\
         \x20 goal reached        2037 on the trend from the last value"
    );
    assert_eq!(a.projected_from_last(), a.projected);
}

#[test]
fn an_assessment_without_an_outlook_says_so() {
    let target = Target::starting("2020".parse().unwrap(), "100 USD".parse().unwrap())
        .goal("150 USD".parse().unwrap())
        .by("2024".parse().unwrap())
        .unwrap();
    // 100, 110, 121: exactly 10% a year, so 121 x 1.1^2 = 146.41 by 2024, behind; needed
    // (150/121)^(1/2) - 1 = 11.34%.
    let text = target
        .assess(&series(&["100", "110", "121"]))
        .unwrap()
        .to_string();
    assert!(text.starts_with("behind: 150 USD by 2024\n"), "{text}");
    assert!(
        text.contains("  needed              11.3% a year from 2022\n"),
        "{text}"
    );
    assert!(text.contains("  projected by fit    146 USD\n"), "{text}");
    assert!(
        text.contains("undefined (too few observations or an exact fit)"),
        "{text}"
    );
    // A goal of 105 is met by the observed 110 of 2021; 90 is never met on a rising trend.
    let met = Target::starting("2020".parse().unwrap(), "100 USD".parse().unwrap())
        .goal("105 USD".parse().unwrap())
        .by("2024".parse().unwrap())
        .unwrap();
    let text = met
        .assess(&series(&["100", "110", "121"]))
        .unwrap()
        .to_string();
    assert!(text.starts_with("ahead: 105 USD by 2024\n"), "{text}");
    assert!(
        text.ends_with("  goal reached        2021 (observed)"),
        "{text}"
    );
    let cut = Target::starting("2020".parse().unwrap(), "100 USD".parse().unwrap())
        .goal("90 USD".parse().unwrap())
        .by("2024".parse().unwrap())
        .unwrap();
    let text = cut
        .assess(&series(&["100", "110", "121"]))
        .unwrap()
        .to_string();
    assert!(
        text.ends_with("  goal reached        not on the trend from the last value"),
        "{text}"
    );
}

#[test]
fn series_print_as_a_table_and_as_csv() {
    let s = series(&["1851000000", "3303000000.5", "-12"]);
    // Widths: period 6 ("period"), values 15 ("3,303,000,000.5").
    assert_eq!(
        s.to_string(),
        "period      value (USD)\n\
         2020      1,851,000,000\n\
         2021    3,303,000,000.5\n\
         2022                -12\n"
    );
    assert_eq!(
        s.to_csv(),
        "period,value,currency\n2020,1851000000,USD\n2021,3303000000.5,USD\n2022,-12,USD\n"
    );
    let mut out = Vec::new();
    s.write_csv(&mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), s.to_csv());
    // A failing writer is an i/o error, not a panic.
    struct Broken;
    impl std::io::Write for Broken {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    assert!(matches!(s.write_csv(Broken), Err(Error::Io { .. })));
}

#[test]
fn between_and_cagr_between_rising_and_falling() {
    let s = series(&["100", "200", "50", "25", "100"]);
    let p = |y: &str| y.parse().unwrap();
    let mid = s.between(p("2021"), p("2023")).unwrap();
    assert_eq!(
        mid.to_csv(),
        "period,value,currency\n2021,200,USD\n2022,50,USD\n2023,25,USD\n"
    );
    // A range wider than the data keeps what it holds.
    assert_eq!(s.between(p("2010"), p("2030")).unwrap(), s);
    assert!(matches!(
        s.between(p("2023"), p("2021")),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        s.between(p("2030"), p("2031")),
        Err(Error::TooFewValues { .. })
    ));
    assert!(s.between("2021-Q1".parse().unwrap(), p("2023")).is_err());
    // Falling 200 -> 25 over two years: (1/8)^(1/2) - 1 = -64.6447%; rising 25 -> 100 in one.
    assert_eq!(
        format!("{:.4}", s.cagr_between(p("2021"), p("2023")).unwrap()),
        "-64.6447%"
    );
    assert_eq!(
        format!("{:.4}", s.cagr_between(p("2023"), p("2024")).unwrap()),
        "300.0000%"
    );
    // First to last equals cagr().
    assert_eq!(
        s.cagr_between(p("2020"), p("2024")).unwrap(),
        s.cagr().unwrap()
    );
    assert!(s.cagr_between(p("2019"), p("2024")).is_err());
    assert!(s.cagr_between(p("2024"), p("2020")).is_err());
}

#[test]
fn targets_progress_and_fits_print_in_words() {
    let target = Target::starting("2022".parse().unwrap(), "6.3 billion USD".parse().unwrap())
        .goal("10 billion USD".parse().unwrap())
        .by("2025".parse().unwrap())
        .unwrap();
    // (10/6.3)^(1/3) - 1 = 16.650%.
    assert_eq!(
        target.to_string(),
        "from 6.3 billion USD in 2022 to 10 billion USD by 2025 (16.650% a year needed)"
    );
    let cut = Target::starting("2022".parse().unwrap(), "200 USD".parse().unwrap())
        .goal("100 USD".parse().unwrap())
        .by("2030".parse().unwrap())
        .unwrap();
    // (1/2)^(1/8) - 1 = -8.300%.
    assert_eq!(
        cut.to_string(),
        "from 200 USD in 2022 to 100 USD by 2030 (-8.300% a year needed)"
    );
    // 150 of 200 to 100 at 2026: linear 0.5; compound ln(0.75)/ln(0.5) = 0.415; time 4/8.
    let progress = cut
        .progress(&"150 USD".parse().unwrap(), "2026".parse().unwrap())
        .unwrap();
    assert_eq!(
        progress.to_string(),
        "at 2026: 50.0% of the distance, 41.5% on the compound scale, 50.0% of the time"
    );
    // 100, 110, 121: exactly 10% a year, R² 1, no standard errors (exact fit).
    let fit = projection::trend(&series(&["100", "110", "121"])).unwrap();
    assert_eq!(
        fit.to_string(),
        "trend 10.00% a year (log-linear fit 2020-2022, R² 1.000)"
    );
    // 100, 100 e, 100 e³: slope 3/2 (growth e^1.5 - 1 = 348.17%), R² = 1 - (1/6) / (14/3) =
    // 27/28 = 0.964; se(b) = √(1/12) = 0.2887, s = √(1/6) = 0.4082.
    let e = |x: &str| tradestat::math::exp(d(x)).unwrap() * Decimal::from(100);
    let curved = Series::from_values(
        "2020".parse().unwrap(),
        &[Decimal::from(100), e("1"), e("3")],
        Currency::USD,
    )
    .unwrap();
    assert_eq!(
        projection::trend(&curved).unwrap().to_string(),
        "trend 348.17% a year (log-linear fit 2020-2022, R² 0.964; standard errors: slope 0.2887, residual 0.4082)"
    );
}

#[test]
fn money_to_significant_digits() {
    let cases = [
        ("4736842105.26", 3, "4.74 billion USD"),
        ("4736842105.26", 1, "5 billion USD"),
        ("4736842105.26", 12, "4.73684210526 billion USD"),
        ("-4736842105.26", 2, "-4.7 billion USD"),
        ("999600000", 3, "1 billion USD"),
        ("999400000", 3, "999 million USD"),
        ("1250", 2, "1.2 thousand USD"), // half to even
        ("1350", 2, "1.4 thousand USD"),
        ("950.5", 2, "950 USD"),
        ("950.5", 0, "1 thousand USD"), // at least one digit
        ("0.012345", 2, "0.012 USD"),
        ("0", 3, "0 USD"),
    ];
    for (amount, digits, expected) in cases {
        let m = Money::new(d(amount), Currency::USD);
        assert_eq!(
            m.human_significant(digits),
            expected,
            "{amount} to {digits}"
        );
    }
    // human() and human_with() are unchanged.
    let m = Money::new(d("4736842105.26"), Currency::USD);
    assert_eq!(m.human(), "4.73684210526 billion USD");
    assert_eq!(m.human_with(2), "4.74 billion USD");
}

#[test]
fn rates_read_from_news_prose_both_ways() {
    let up = d("0.33");
    let down = d("-0.048");
    let cases = [
        ("up 33%", up),
        ("rose 33%", up),
        ("Rose by 33%", up),
        ("grew by 33%", up),
        ("increased 33 per cent", up),
        ("a 33% increase", up),
        ("an 33% rise", up),
        ("33% growth", up),
        ("down 4.8%", down),
        ("fell 4.8%", down),
        ("fell by 4.8 pct", down),
        ("declined by 4.8%", down),
        ("dropped 4.8%", down),
        ("a 4.8% decrease", down),
        ("a 4.8% fall", down),
        ("4.8% decline", down),
    ];
    for (text, fraction) in cases {
        assert_eq!(
            text.parse::<Rate>().unwrap().as_fraction(),
            fraction,
            "{text}"
        );
    }
    for bad in [
        "rose",
        "rose 33",
        "a 33%",
        "rose 33% increase",
        "fell -4%",
        "grew by",
        "a rise",
        "33% increases",
    ] {
        assert!(bad.parse::<Rate>().is_err(), "{bad} should be refused");
    }
}
