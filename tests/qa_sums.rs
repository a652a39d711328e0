//! Outside check: an exact sum is refused only when the sum itself does not fit a `Decimal`,
//! never because a partial sum on the way did not.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Error, Money, Series};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn usd(x: Decimal) -> Money {
    Money::new(x, Currency::USD)
}

#[test]
fn partial_sums_beyond_decimal() {
    // MAX + 1 - 1 = MAX: the partial sum MAX + 1 does not fit, the sum does.
    let amounts = [usd(Decimal::MAX), usd(Decimal::ONE), usd(-Decimal::ONE)];
    assert_eq!(
        Money::sum(Currency::USD, &amounts).unwrap(),
        usd(Decimal::MAX)
    );
    let s = Series::from_values(
        "2022-01".parse().unwrap(),
        &[Decimal::MAX, Decimal::ONE, -Decimal::ONE],
        Currency::USD,
    )
    .unwrap();
    assert_eq!(s.total().unwrap(), usd(Decimal::MAX));
    // 1e-28 + 1e20 - 1e20 = 1e-28: the partial sum needs 49 digits.
    let amounts = [
        usd(d("0.0000000000000000000000000001")),
        usd(d("100000000000000000000")),
        usd(d("-100000000000000000000.00")),
    ];
    let sum = Money::sum(Currency::USD, &amounts).unwrap();
    assert_eq!(sum.amount().to_string(), "0.0000000000000000000000000001");
    // Written at the largest scale among the amounts: 1e20 + 0.50 - 1e20 + MAX - MAX = 0.50.
    let amounts = [
        usd(Decimal::MAX),
        usd(d("0.50")),
        usd(Decimal::MAX),
        usd(Decimal::MIN),
        usd(Decimal::MIN),
    ];
    let sum = Money::sum(Currency::USD, &amounts).unwrap();
    assert_eq!(sum.amount().to_string(), "0.50");
}

#[test]
fn sums_that_do_not_fit_are_still_errors() {
    let amounts = [usd(Decimal::MAX), usd(Decimal::ONE)];
    assert!(Money::sum(Currency::USD, &amounts)
        .unwrap_err()
        .is_overflow());
    let amounts = [
        usd(Decimal::MAX),
        usd(Decimal::MAX),
        usd(d("0.5")),
        usd(Decimal::MIN),
    ];
    // MAX + 0.5 needs 30 digits.
    assert!(Money::sum(Currency::USD, &amounts)
        .unwrap_err()
        .is_overflow());
    // A currency mismatch after the wide path began is still named.
    let amounts = [
        usd(Decimal::MAX),
        usd(Decimal::ONE),
        Money::new(Decimal::ONE, Currency::EUR),
    ];
    assert!(matches!(
        Money::sum(Currency::USD, &amounts),
        Err(Error::CurrencyMismatch { .. })
    ));
}

proptest! {
    /// Money::sum is independent of order: any permutation whose sum fits gives the same value.
    #[test]
    fn sum_does_not_depend_on_order(
        values in proptest::collection::vec(
            prop_oneof![
                Just(Decimal::MAX),
                Just(Decimal::MIN),
                Just(Decimal::ONE),
                Just(-Decimal::ONE),
                (any::<i64>(), 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
            ],
            0..8,
        ),
        seed in any::<u64>(),
    ) {
        let amounts: Vec<Money> = values.iter().map(|v| usd(*v)).collect();
        let mut shuffled = amounts.clone();
        // A cheap deterministic shuffle.
        let len = shuffled.len();
        for i in 0..len {
            let j = usize::try_from((seed >> (i % 60)) % u64::try_from(len).unwrap()).unwrap();
            shuffled.swap(i, j);
        }
        let a = Money::sum(Currency::USD, &amounts);
        let b = Money::sum(Currency::USD, &shuffled);
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a.amount(), b.amount()),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "order changed the outcome: {a:?} vs {b:?}"),
        }
    }
}
