//! Outside check: a rolling sum is refused only when a window's own sum does not fit, never
//! because the running sum it is computed with passed through a value that does not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Money, Series};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn series(values: &[Decimal]) -> Series {
    Series::from_values("2022-01".parse().unwrap(), values, Currency::USD).unwrap()
}

fn amounts(s: &Series) -> Vec<String> {
    s.iter().map(|(_, m)| m.amount().to_string()).collect()
}

#[test]
fn window_of_one_over_the_largest_values() {
    // Each window is one value: the series itself. The running sum MAX + MAX overflowed.
    let s = series(&[Decimal::MAX, Decimal::MAX, Decimal::MIN]);
    assert_eq!(s.rolling_sum(1).unwrap(), s);
}

#[test]
fn windows_that_fit_after_a_running_sum_that_does_not() {
    // Windows of 2 over 1, MAX - 1, 1: (1 + MAX - 1) = MAX and (MAX - 1 + 1) = MAX both fit;
    // the running sum MAX + 1 (before 1 leaves) did not.
    let s = series(&[Decimal::ONE, Decimal::MAX - Decimal::ONE, Decimal::ONE]);
    let r = s.rolling_sum(2).unwrap();
    assert_eq!(
        amounts(&r),
        [Decimal::MAX.to_string(), Decimal::MAX.to_string()]
    );
}

#[test]
fn windows_that_fit_after_digits_that_left() {
    // Windows of 2 over 1e-28, 1, 1e20: 1.0000000000000000000000000001 and 100000000000000000001
    // both fit 28 digits; the running sum 1e20 + 1 + 1e-28 (before 1e-28 leaves) did not.
    let s = series(&[
        d("0.0000000000000000000000000001"),
        d("1"),
        d("100000000000000000000"),
    ]);
    let r = s.rolling_sum(2).unwrap();
    assert_eq!(
        amounts(&r),
        ["1.0000000000000000000000000001", "100000000000000000001"]
    );
    // A window summed afresh is written at the largest scale among its values, as a direct sum
    // is: 1 + 100000000000000000000.50 is 100000000000000000001.50, then + 2.50 - 1 is ...3.00.
    let s = series(&[
        d("0.0000000000000000000000000001"),
        d("1"),
        d("100000000000000000000.50"),
        d("2.50"),
    ]);
    let r = s.rolling_sum(2).unwrap();
    assert_eq!(
        amounts(&r),
        [
            "1.0000000000000000000000000001",
            "100000000000000000001.50",
            "100000000000000000003.00"
        ]
    );
}

#[test]
fn a_window_that_does_not_fit_is_still_an_error() {
    let s = series(&[Decimal::MAX, Decimal::ONE, Decimal::ONE]);
    assert!(s.rolling_sum(2).unwrap_err().is_overflow());
    let s = series(&[
        d("100000000000000000000"),
        d("0.0000000000000000000000000001"),
    ]);
    assert!(s.rolling_sum(2).unwrap_err().is_overflow());
}

/// Each window summed directly and exactly, in order; `None` where a partial sum does not fit.
fn direct(values: &[Decimal], n: usize) -> Vec<Option<Decimal>> {
    values
        .windows(n)
        .map(|w| {
            let mut total = Money::zero(Currency::USD);
            for v in w {
                total = total.checked_add(&Money::new(*v, Currency::USD)).ok()?;
            }
            Some(total.amount())
        })
        .collect()
}

proptest! {
    // Most draws with MAX and MIN have a window that does not fit: they are skipped, not failures.
    #![proptest_config(ProptestConfig { max_global_rejects: 1_000_000, ..ProptestConfig::default() })]

    /// Where every window's direct sum fits, the rolling sum gives the same values.
    #[test]
    fn rolling_equals_direct_where_direct_fits(
        values in proptest::collection::vec(
            prop_oneof![
                Just(Decimal::MAX),
                Just(Decimal::MIN),
                Just(Decimal::new(1, 28)),
                (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
            ],
            1..12,
        ),
        n in 1usize..5,
    ) {
        prop_assume!(n <= values.len());
        let want = direct(&values, n);
        prop_assume!(want.iter().all(Option::is_some));
        let got = series(&values).rolling_sum(n).unwrap();
        let got: Vec<Decimal> = got.iter().map(|(_, m)| m.amount()).collect();
        let want: Vec<Decimal> = want.into_iter().flatten().collect();
        prop_assert_eq!(got, want);
    }
}
