//! Algebraic laws of growth, projection and series sums, checked on random inputs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::growth::{cagr, growth};
use tradestat::{projection, Currency, Decimal, Frequency, Money, Period, Rate, Series};

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

/// Positive amounts with up to 2 decimals, from 0.01 to 10^13 (cents to ten trillion).
fn amount() -> impl Strategy<Value = Decimal> {
    (1i64..=1_000_000_000_000_000).prop_map(|cents| Decimal::new(cents, 2))
}

/// Rates from -50% to +200% in steps of 0.01 percentage points.
fn rate() -> impl Strategy<Value = Rate> {
    (-5_000i64..=20_000).prop_map(|bp| Rate::from_fraction(Decimal::new(bp, 4)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn projecting_then_cagr_gives_the_rate_back(start in amount(), r in rate(), n in 1u32..=30) {
        let s = Series::from_values(Period::year(2000).unwrap(), &[start], Currency::USD).unwrap();
        let projected = projection::compound(&s, r, n).unwrap();
        let end = projected.last().1;
        let back = cagr(&usd(start), &end, n).unwrap();
        // Each projected value is within one unit of its last place, and so is the root: the
        // recovered rate is exact to about 1e-27 times the number of periods, plus what the
        // 28-decimal floor costs a value that has decayed toward zero (its relative ulp 1e-28/end).
        let floor = Decimal::new(1, 28) / end.amount();
        let bound = Decimal::new(1, 26) * Decimal::from(n) + Decimal::TWO * floor;
        prop_assert!((back.as_fraction() - r.as_fraction()).abs() <= bound,
            "{} vs {} over {} periods", back.as_fraction(), r.as_fraction(), n);
    }

    #[test]
    fn implied_previous_then_growth_gives_the_rate_back(now in amount(), r in rate()) {
        let before = usd(now).implied_previous(r).unwrap();
        let back = growth(&before, &usd(now)).unwrap();
        prop_assert!((back.as_fraction() - r.as_fraction()).abs() <= Decimal::new(1, 26),
            "{} vs {}", back.as_fraction(), r.as_fraction());
    }

    #[test]
    fn chained_growth_equals_growth_over_the_span(values in prop::collection::vec(amount(), 2..12)) {
        let rates: Vec<Rate> = values.windows(2).map(|w| growth(&usd(w[0]), &usd(w[1])).unwrap()).collect();
        let chained = Rate::compound(&rates).unwrap();
        let whole = growth(&usd(values[0]), &usd(values[values.len() - 1])).unwrap();
        // Each rate is rounded once on its own grid (at most one unit of the finest grid at its magnitude),
        // and that error is multiplied by the other factors of the chain: a fall close to -100%
        // holds its factor 1 + r to 1e-28 absolutely, which is little relative precision, and a
        // later rise multiplies it (e.g. 2173848334548.38 -> 0.01 -> 214.49). Bound the chain's
        // error by the sum over rates of one ulp times the product of the other factors, plus
        // the final rounding.
        let factors: Vec<Decimal> = rates.iter().map(|r| Decimal::ONE + r.as_fraction()).collect();
        let mut bound = Decimal::new(1, 27) * (Decimal::ONE + whole.as_fraction().abs());
        for (i, r) in rates.iter().enumerate() {
            // The finest grid at the rate's magnitude: 1e-28 below 1, 28 significant digits above.
            let ulp = Decimal::new(1, 28).max(r.as_fraction().abs() * Decimal::new(1, 27));
            let others = factors.iter().enumerate().filter(|(j, _)| *j != i).fold(Decimal::ONE, |acc, (_, f)| acc * f.abs());
            bound += ulp * others;
        }
        prop_assert!((chained.as_fraction() - whole.as_fraction()).abs() <= bound,
            "{} vs {}", chained.as_fraction(), whole.as_fraction());
    }

    #[test]
    fn sums_across_frequencies_are_exact(
        cents in prop::collection::vec(-1_000_000_000_000i64..1_000_000_000_000, 36),
    ) {
        let values: Vec<Decimal> = cents.iter().map(|c| Decimal::new(*c, 2)).collect();
        let monthly = Series::from_values(Period::month(2020, 1).unwrap(), &values, Currency::USD).unwrap();
        let quarterly = monthly.sum_to(Frequency::Quarterly).unwrap();
        let annual_via_quarters = quarterly.sum_to(Frequency::Annual).unwrap();
        let annual = monthly.sum_to(Frequency::Annual).unwrap();
        prop_assert_eq!(&annual, &annual_via_quarters);
        prop_assert_eq!(annual.len(), 3);
        for (k, (_, total)) in annual.iter().enumerate() {
            let expected: Decimal = values[k * 12..(k + 1) * 12].iter().sum();
            prop_assert_eq!(total.amount(), expected);
        }
        prop_assert_eq!(monthly.total().unwrap(), annual.total().unwrap());
    }

    #[test]
    fn annualize_and_back(r in rate()) {
        for f in [Frequency::Monthly, Frequency::Quarterly, Frequency::Annual] {
            let back = r.annualize(f).unwrap().deannualize(f).unwrap();
            prop_assert!((back.as_fraction() - r.as_fraction()).abs() <= Decimal::new(1, 25),
                "{} -> {}", r.as_fraction(), back.as_fraction());
        }
    }
}

#[test]
fn series_rejects_bad_input() {
    use tradestat::Error;
    let y = |n: i32| Period::year(n).unwrap();
    let one = usd(Decimal::ONE);
    assert!(matches!(
        Series::from_pairs(Vec::new()),
        Err(Error::TooFewValues { .. })
    ));
    assert!(matches!(
        Series::from_pairs([(y(2020), one), (y(2020), one)]),
        Err(Error::DuplicatePeriod { .. })
    ));
    assert!(matches!(
        Series::from_pairs([(y(2020), one), (Period::month(2020, 1).unwrap(), one)]),
        Err(Error::MixedFrequency { .. })
    ));
    assert!(matches!(
        Series::from_pairs([(y(2020), one), (y(2022), one)]),
        Err(Error::Gap { .. })
    ));
    assert!(matches!(
        Series::from_pairs([
            (y(2020), one),
            (y(2021), Money::new(Decimal::ONE, Currency::EUR))
        ]),
        Err(Error::CurrencyMismatch { .. })
    ));
    let with_zero = Series::from_pairs([(y(2020), usd(Decimal::ZERO)), (y(2021), one)]).unwrap();
    let err = with_zero.growth_rates().unwrap_err();
    assert!(err.to_string().contains("2021"), "{err}");
    assert!(with_zero.cagr().is_err());
    let annual = Series::from_pairs([(y(2020), one)]).unwrap();
    assert!(annual.sum_to(Frequency::Monthly).is_err());
    assert!(annual.cagr().is_err());
    assert!(projection::compound(&annual, Rate::ZERO, 0).is_err());
}

#[test]
fn yoy_and_index() {
    let values: Vec<Decimal> = (1..=15).map(Decimal::from).collect();
    let s = Series::from_values(Period::quarter(2020, 1).unwrap(), &values, Currency::USD).unwrap();
    let yoy = s.yoy().unwrap();
    assert_eq!(yoy.len(), 11);
    // 2021-Q1 (5) against 2020-Q1 (1): +400%.
    assert_eq!(yoy[0].0.to_string(), "2021-Q1");
    assert_eq!(yoy[0].1.as_fraction(), Decimal::from(4));
    let index = s.index(Period::quarter(2020, 2).unwrap()).unwrap();
    assert_eq!(index[0].1, Decimal::from(50));
    assert_eq!(index[14].1, Decimal::from(750));
    // Quarterly CAGR: from 1 to 15 over 14 quarters, annualised.
    let per_quarter = s.compound_rate_per_period().unwrap();
    let annual = s.cagr().unwrap();
    assert_eq!(per_quarter.annualize(Frequency::Quarterly).unwrap(), annual);
}

#[cfg(feature = "serde")]
#[test]
fn series_serde_round_trip_and_validation() {
    let values: Vec<Decimal> = ["1.5", "2", "2.25"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let s = Series::from_values(Period::quarter(2021, 4).unwrap(), &values, Currency::KZT).unwrap();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        json,
        r#"{"currency":"KZT","allow_gaps":false,"values":[["2021-Q4","1.5"],["2022-Q1","2"],["2022-Q2","2.25"]]}"#
    );
    assert_eq!(serde_json::from_str::<Series>(&json).unwrap(), s);
    // Deserializing validates like building: a gap is refused unless allowed.
    let gap = r#"{"currency":"USD","values":[["2020","1"],["2022","2"]]}"#;
    assert!(serde_json::from_str::<Series>(gap).is_err());
    let allowed = r#"{"currency":"USD","allow_gaps":true,"values":[["2020","1"],["2022","2"]]}"#;
    assert_eq!(serde_json::from_str::<Series>(allowed).unwrap().len(), 2);
    let duplicate = r#"{"currency":"USD","values":[["2020","1"],["2020","2"]]}"#;
    assert!(serde_json::from_str::<Series>(duplicate).is_err());
}
