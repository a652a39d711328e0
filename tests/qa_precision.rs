//! Outside check: whole formulas keep their digits (one rounding at the end), against values
//! computed with Python's `decimal` at 60 digits (the expression is quoted by each figure).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Frequency, Series};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn series(start: &str, values: &[Decimal]) -> Series {
    Series::from_values(start.parse().unwrap(), values, Currency::USD).unwrap()
}

#[test]
fn monthly_cagr_is_rounded_once() {
    // 100 in 2022-01, 200 in 2022-08: 7 months. CAGR = 2^(12/7) - 1
    // Python: Decimal(2)**(Decimal(12)/Decimal(7))-1
    //       = 2.28134142403055172468113873146998...
    // The rate per month rounded to 28 places and then raised to the 12th power gave
    // 2.2813414240305517246811387306 (9 units off in the last place).
    let mut values = vec![Decimal::from(100); 7];
    values.push(Decimal::from(200));
    let s = series("2022-01", &values);
    assert_eq!(
        s.cagr().unwrap().as_fraction(),
        d("2.2813414240305517246811387315")
    );
}

#[test]
fn quarterly_cagr_of_a_fall_is_rounded_once() {
    // 7 to 3 over 5 quarters: (3/7)^(4/5) - 1
    // Python: (Decimal(3)/Decimal(7))**(Decimal(4)/Decimal(5))-1
    //       = -0.492286663196181136666898531411938...
    let mut values = vec![Decimal::from(7); 5];
    values.push(Decimal::from(3));
    let s = series("2020-Q1", &values);
    assert_eq!(
        s.cagr().unwrap().as_fraction(),
        d("-0.4922866631961811366668985314")
    );
}

#[test]
fn annual_cagr_is_the_rate_per_period() {
    let s = series(
        "2020",
        &[Decimal::from(63), Decimal::from(41), Decimal::from(100)],
    );
    assert_eq!(s.cagr().unwrap(), s.compound_rate_per_period().unwrap());
    // The exact case of the docs: 100 to 121 over 8 quarters is 10% a year.
    let mut values = vec![Decimal::from(100); 8];
    values.push(Decimal::from(121));
    let q = series("2020-Q1", &values);
    assert_eq!(q.cagr().unwrap().as_fraction(), d("0.1"));
    assert_eq!(q.frequency(), Frequency::Quarterly);
}

proptest! {
    /// The monthly CAGR agrees with annualizing the monthly rate to within the error that
    /// rounding the monthly rate introduces (about 12 units of the 28th place, times the factor).
    #[test]
    fn cagr_agrees_with_annualized_rate(a in 1i64..1_000_000, b in 1i64..1_000_000, n in 1usize..60) {
        // A yearly factor (b/a)^(12/n) beyond a Decimal is an overflow, not this law's case
        // (392 to 433442 in one month is 1105.7^12, about 3e36); e^64 is about 6e27.
        prop_assume!(((b as f64) / (a as f64)).ln().abs() * 12.0 / (n as f64) < 64.0);
        let mut values = vec![Decimal::from(a); n];
        values.push(Decimal::from(b));
        let s = series("2001-01", &values);
        let direct = s.cagr().unwrap().as_fraction();
        let chained = s
            .compound_rate_per_period()
            .unwrap()
            .annualize(Frequency::Monthly)
            .unwrap()
            .as_fraction();
        let factor = Decimal::ONE + direct.abs();
        let bound = Decimal::new(13, 28) * factor * Decimal::from(13);
        prop_assert!((direct - chained).abs() <= bound, "{direct} vs {chained}");
    }
}
