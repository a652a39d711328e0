//! `Series::year_to_date`, `rolling_sum` and `rolling_sum_allowing_gaps`, with sums worked by hand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Error, Money, Period, Series};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(d(s), Currency::USD)
}

/// 2021-01 to 2022-12: month m of 2021 is m, month m of 2022 is 10 m.
fn two_years() -> Series {
    let values: Vec<Decimal> = (1..=12)
        .chain((1..=12).map(|m| 10 * m))
        .map(Decimal::from)
        .collect();
    Series::from_values(p("2021-01"), &values, Currency::USD).unwrap()
}

fn amounts(s: &Series) -> Vec<(String, String)> {
    s.iter()
        .map(|(period, m)| (period.to_string(), m.amount().to_string()))
        .collect()
}

#[test]
fn twelve_month_rolling_totals() {
    let r = two_years().rolling_sum(12).unwrap();
    // 24 months, windows of 12: 13 sums, from 2021-12 to 2022-12.
    assert_eq!(r.len(), 13);
    assert_eq!(r.first().0, p("2021-12"));
    // 1 + 2 + ... + 12 = 78
    assert_eq!(r.get(p("2021-12")), Some(usd("78")));
    // 78 - 1 + 10 = 87
    assert_eq!(r.get(p("2022-01")), Some(usd("87")));
    // July to December 2021: 7 + ... + 12 = 57; January to June 2022: 10 (1 + ... + 6) = 210
    assert_eq!(r.get(p("2022-06")), Some(usd("267")));
    // 10 x 78 = 780
    assert_eq!(r.last(), (p("2022-12"), usd("780")));
    assert_eq!(r.frequency(), two_years().frequency());
}

#[test]
fn window_of_one_and_of_the_whole_series() {
    let s = two_years();
    assert_eq!(s.rolling_sum(1).unwrap(), s);
    let whole = s.rolling_sum(24).unwrap();
    // 78 + 780 = 858
    assert_eq!(amounts(&whole), [("2022-12".into(), "858".into())]);
    assert_eq!(whole.first().1, s.total().unwrap());
}

#[test]
fn window_sizes_checked_before_anything_else() {
    let s = two_years();
    assert!(matches!(
        s.rolling_sum(0),
        Err(Error::OutOfRange {
            what: "rolling window",
            ..
        })
    ));
    assert!(matches!(
        s.rolling_sum(25),
        Err(Error::TooFewValues {
            needed: 25,
            got: 24,
            ..
        })
    ));
    // A huge window fails at once rather than allocating.
    assert!(matches!(
        s.rolling_sum_allowing_gaps(usize::MAX),
        Err(Error::TooFewValues { got: 24, .. })
    ));
}

#[test]
fn sums_are_written_as_direct_sums() {
    let s = Series::from_pairs([
        (p("2022-Q1"), usd("1.5")),
        (p("2022-Q2"), usd("2")),
        (p("2022-Q3"), usd("3")),
        (p("2022-Q4"), usd("0.25")),
    ])
    .unwrap();
    let r = s.rolling_sum(2).unwrap();
    // 1.5 + 2 = 3.5; 2 + 3 = 5 (not "5.0", though the running sum went through 3.5);
    // 3 + 0.25 = 3.25
    assert_eq!(
        amounts(&r),
        [
            ("2022-Q2".into(), "3.5".into()),
            ("2022-Q3".into(), "5".into()),
            ("2022-Q4".into(), "3.25".into()),
        ]
    );
}

#[test]
fn negative_values_roll_too() {
    // Balances: -5, 3, -2, -4 -> windows of 2: -2, 1, -6
    let values = [d("-5"), d("3"), d("-2"), d("-4")];
    let s = Series::from_values(p("2020"), &values, Currency::KZT).unwrap();
    let r = s.rolling_sum(2).unwrap();
    assert_eq!(
        amounts(&r),
        [
            ("2021".into(), "-2".into()),
            ("2022".into(), "1".into()),
            ("2023".into(), "-6".into()),
        ]
    );
    assert_eq!(r.currency(), Currency::KZT);
}

#[test]
fn gaps_are_errors_or_left_out() {
    // 2022-01 to 2022-03, 2022-04 missing, 2022-05 and 2022-06.
    let s = Series::with_gaps([
        (p("2022-01"), usd("1")),
        (p("2022-02"), usd("2")),
        (p("2022-03"), usd("4")),
        (p("2022-05"), usd("8")),
        (p("2022-06"), usd("16")),
    ])
    .unwrap();
    assert_eq!(
        s.rolling_sum(2).unwrap_err(),
        Error::Gap {
            after: p("2022-03"),
            next: p("2022-05")
        }
    );
    // A window of one never crosses a gap.
    assert_eq!(s.rolling_sum(1).unwrap(), s);
    // Windows of 2 within the runs: 1+2, 2+4, then 8+16 (none ending 2022-05: 2022-04 is missing).
    let r = s.rolling_sum_allowing_gaps(2).unwrap();
    assert_eq!(
        amounts(&r),
        [
            ("2022-02".into(), "3".into()),
            ("2022-03".into(), "6".into()),
            ("2022-06".into(), "24".into()),
        ]
    );
    assert_eq!(r.first_gap(), Some((p("2022-03"), p("2022-06"))));
    // Windows of 3: only 1+2+4 is complete.
    assert_eq!(
        amounts(&s.rolling_sum_allowing_gaps(3).unwrap()),
        [("2022-03".into(), "7".into())]
    );
    // Windows of 4: the longest run has 3 periods.
    assert!(matches!(
        s.rolling_sum_allowing_gaps(4),
        Err(Error::TooFewValues {
            needed: 4,
            got: 3,
            ..
        })
    ));
}

#[test]
fn year_to_date_by_frequency() {
    let s = two_years();
    // 10 (1 + ... + 6) = 210
    assert_eq!(s.year_to_date(p("2022-06")).unwrap(), usd("210"));
    assert_eq!(s.year_to_date(p("2022-01")).unwrap(), usd("10"));
    assert_eq!(s.year_to_date(p("2021-12")).unwrap(), usd("78"));
    // Quarterly: Q1 to Q3 of 2022 = 3 + 4 + 5 = 12
    let q = Series::from_values(
        p("2021-Q3"),
        &[d("1"), d("2"), d("3"), d("4"), d("5.5")],
        Currency::EUR,
    )
    .unwrap();
    assert_eq!(
        q.year_to_date(p("2022-Q3")).unwrap(),
        Money::new(d("12.5"), Currency::EUR)
    );
    // Annual: the year itself.
    let a = Series::from_values(p("2020"), &[d("7"), d("-9")], Currency::USD).unwrap();
    assert_eq!(a.year_to_date(p("2021")).unwrap(), usd("-9"));
}

#[test]
fn year_to_date_never_fills_in_missing_periods() {
    // The series starts in 2021-03: year to date for 2021-05 lacks January.
    let s = Series::from_values(p("2021-03"), &[d("1"), d("2"), d("3")], Currency::USD).unwrap();
    assert_eq!(
        s.year_to_date(p("2021-05")).unwrap_err(),
        Error::MissingPeriod {
            operation: "year_to_date",
            period: p("2021-01")
        }
    );
    assert_eq!(
        s.year_to_date(p("2021-05")).unwrap_err().to_string(),
        "year_to_date needs 2021-01, which the series does not have"
    );
    // Past the end of the series.
    assert!(matches!(
        two_years().year_to_date(p("2023-02")),
        Err(Error::MissingPeriod { period, .. }) if period == p("2023-01")
    ));
    // Another frequency.
    assert!(matches!(
        two_years().year_to_date(p("2022-Q2")),
        Err(Error::MixedFrequency { .. })
    ));
}

/// A decimal with 0 to 4 decimal places.
fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_i64..1_000_000, 0_u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #[test]
    fn rolling_sums_equal_direct_sums_digit_for_digit(
        values in prop::collection::vec(amount(), 1..40),
        n in 1_usize..12,
    ) {
        let s = Series::from_values(p("2019-01"), &values, Currency::USD).unwrap();
        match s.rolling_sum(n) {
            Err(Error::TooFewValues { .. }) => prop_assert!(n > values.len()),
            Err(e) => prop_assert!(false, "{e}"),
            Ok(r) => {
                prop_assert_eq!(r.len(), values.len() - n + 1);
                for (i, (period, sum)) in r.iter().enumerate() {
                    let window = &values[i..i + n];
                    let direct = Money::sum(
                        Currency::USD,
                        &window.iter().map(|v| Money::new(*v, Currency::USD)).collect::<Vec<_>>(),
                    ).unwrap();
                    prop_assert_eq!(sum.amount().to_string(), direct.amount().to_string());
                    prop_assert_eq!(period, p("2019-01").checked_add((i + n - 1) as i64).unwrap());
                }
            }
        }
    }

    #[test]
    fn year_to_date_of_december_is_the_year(values in prop::collection::vec(amount(), 12)) {
        let s = Series::from_values(p("2020-01"), &values, Currency::USD).unwrap();
        prop_assert_eq!(s.year_to_date(p("2020-12")).unwrap(), s.total().unwrap());
        prop_assert_eq!(
            s.year_to_date(p("2020-12")).unwrap(),
            s.rolling_sum(12).unwrap().first().1
        );
    }
}
