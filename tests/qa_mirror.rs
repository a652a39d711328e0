//! Outside check: the mirror case of every verdict. A target and observed series mirrored by
//! reciprocals (base 1/b, goal 1/g, values 1/v: a rising goal becomes a falling one, a log-linear
//! trend's slope changes sign) must get the same verdict and the same periods.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Money, Period, Series, Target};

/// 2^a · 5^b for a, b in 0..=6: their reciprocals are exact decimals.
fn exact_reciprocal_value() -> impl Strategy<Value = Decimal> {
    (0u32..=6, 0u32..=6).prop_map(|(a, b)| Decimal::from(2_i64.pow(a) * 5_i64.pow(b)))
}

fn usd(x: Decimal) -> Money {
    Money::new(x, Currency::USD)
}

fn recip(x: Decimal) -> Decimal {
    let r = Decimal::ONE / x;
    assert_eq!(r * x, Decimal::ONE, "{x} has no exact reciprocal");
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn assess_agrees_with_its_mirror(
        base in exact_reciprocal_value(),
        goal in exact_reciprocal_value(),
        values in proptest::collection::vec(exact_reciprocal_value(), 2..8),
        deadline_after in 1i64..12,
        start_offset in 0i64..3,
    ) {
        prop_assume!(base != goal);
        let base_period: Period = "2010".parse().unwrap();
        let deadline = base_period.checked_add(deadline_after).unwrap();
        let start = base_period.checked_add(start_offset).unwrap();
        let t = Target::new(base_period, usd(base), usd(goal), deadline).unwrap();
        let m = Target::new(base_period, usd(recip(base)), usd(recip(goal)), deadline).unwrap();
        prop_assert_ne!(t.is_falling(), m.is_falling());
        let s = Series::from_values(start, &values, Currency::USD).unwrap();
        let mirrored: Vec<Decimal> = values.iter().map(|v| recip(*v)).collect();
        let ms = Series::from_values(start, &mirrored, Currency::USD).unwrap();
        // A trend that explodes past Decimal::MAX by the deadline is an overflow error (the
        // projected value cannot be held), where its mirror implodes to 0: no verdict to compare.
        let (a, b) = match (t.assess(&s), m.assess(&ms)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                prop_assert!(e.is_overflow(), "{e}");
                return Ok(());
            }
        };
        prop_assert_eq!(a.status, b.status, "{:?} vs {:?}", a, b);
        // Also where only the trend meets the goal, and where it does so exactly on a whole
        // period (values 3125, 20000, 5, 200000, 125 have the slope ln(2/125)/10: from 125 the
        // trend meets 2 exactly 10 years on), which the rounded growth used to settle either way.
        prop_assert_eq!(a.reached_in, b.reached_in);
    }

    #[test]
    fn reached_in_agrees_with_its_mirror(
        base in exact_reciprocal_value(),
        goal in exact_reciprocal_value(),
        rate_bp in 1i64..5000,
    ) {
        prop_assume!(base != goal);
        let base_period: Period = "2010".parse().unwrap();
        let deadline: Period = "2030".parse().unwrap();
        let t = Target::new(base_period, usd(base), usd(goal), deadline).unwrap();
        let m = Target::new(base_period, usd(recip(base)), usd(recip(goal)), deadline).unwrap();
        // Growth at r mirrors as a fall at r / (1 + r): (1 + r)(1 - r / (1 + r)) = 1. Choose the
        // fall f exact and the rise f / (1 - f) may not be: compare the periods' counts instead.
        let rise = tradestat::Rate::from_fraction(Decimal::new(rate_bp, 4));
        let Ok(fall_factor) = tradestat::math::quotient_of_products(&[Decimal::ONE], &[rise.factor().unwrap()]) else {
            return Ok(());
        };
        let fall = tradestat::Rate::from_factor(fall_factor).unwrap();
        let (up, down) = if t.is_falling() { (m, t) } else { (t, m) };
        let n_up = up.periods_to_reach(rise).unwrap().value();
        let n_down = down.periods_to_reach(fall).unwrap().value();
        // The fall is rounded to 28 places: the counts agree to far better than a period.
        prop_assert!((n_up - n_down).abs() < Decimal::new(1, 12), "{n_up} vs {n_down}");
    }
}

#[test]
fn a_trend_that_meets_the_goal_exactly_at_the_deadline_meets_it() {
    // Observed 320, 1, 160 in 2010-2012: slope (ln 160 - ln 320) / 2 = -ln 2 / 2, so from 160 in
    // 2012 the trend is 160 / 2^(4/2) = 40 in 2016, exactly the goal: met (at or above it), and
    // reached in 2010, so ahead. The rounded growth 1/√2 - 1 raised to the 4th power gave
    // 39.999999999999999999999999999 and "met, slipping back"; the mirror (goal 0.025, values
    // 1/320, 1, 1/160) was "ahead".
    let base_period: Period = "2010".parse().unwrap();
    let deadline: Period = "2016".parse().unwrap();
    let t = Target::new(
        base_period,
        usd(Decimal::ONE),
        usd(Decimal::from(40)),
        deadline,
    )
    .unwrap();
    let s = Series::from_values(
        base_period,
        &[Decimal::from(320), Decimal::ONE, Decimal::from(160)],
        Currency::USD,
    )
    .unwrap();
    let a = t.assess(&s).unwrap();
    assert_eq!(a.projected, usd(Decimal::from(40)));
    assert_eq!(a.status, tradestat::Status::Ahead);
    let m = Target::new(
        base_period,
        usd(Decimal::ONE),
        usd(Decimal::new(25, 3)),
        deadline,
    )
    .unwrap();
    let ms = Series::from_values(
        base_period,
        &[Decimal::new(3125, 6), Decimal::ONE, Decimal::new(625, 5)],
        Currency::USD,
    )
    .unwrap();
    let b = m.assess(&ms).unwrap();
    assert_eq!(b.projected.amount(), Decimal::new(25, 3));
    assert_eq!(b.status, tradestat::Status::Ahead);
}
