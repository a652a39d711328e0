//! Outside check: every public function of the landed layers fed extreme values (Decimal::MAX and
//! MIN, 1e-28, zero, negatives, long inputs, year 9999 boundaries). Each call must return, without
//! a panic, an `Ok` or an `Err`; where a value comes back, the few laws that hold for any input are
//! checked too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::math;
use tradestat::{
    growth, projection, Currency, Decimal, Frequency, Money, Period, Rate, Ratio, Series, Target,
};

/// Decimals that break careless arithmetic, and ordinary ones.
fn extreme() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(Decimal::ONE),
        Just(-Decimal::ONE),
        Just(Decimal::new(1, 28)),
        Just(Decimal::new(-1, 28)),
        Just(Decimal::from_i128_with_scale(
            79_228_162_514_264_337_593_543_950_335,
            28
        )),
        Just(Decimal::from_i128_with_scale(
            -79_228_162_514_264_337_593_543_950_335,
            28
        )),
        Just(Decimal::from_i128_with_scale(10_i128.pow(28) - 1, 28)),
        (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<u128>(), 0u32..=28, any::<bool>()).prop_map(|(m, s, neg)| {
            let m = i128::try_from(m % (1 << 96)).unwrap();
            Decimal::from_i128_with_scale(if neg { -m } else { m }, s)
        }),
    ]
}

fn period_of(freq: u8, year: i32, sub: u8) -> Period {
    match freq % 3 {
        0 => Period::year(year).unwrap(),
        1 => Period::quarter(year, sub % 4 + 1).unwrap(),
        _ => Period::month(year, sub % 12 + 1).unwrap(),
    }
}

fn period() -> impl Strategy<Value = Period> {
    (
        any::<u8>(),
        prop_oneof![Just(1000), Just(9999), Just(9998), 1000i32..=9999],
        any::<u8>(),
    )
        .prop_map(|(f, y, s)| period_of(f, y, s))
}

fn same_freq(p: Period, year: i32, sub: u8) -> Period {
    let f = match p.frequency() {
        Frequency::Annual => 0,
        Frequency::Quarterly => 1,
        _ => 2,
    };
    period_of(f, year, sub)
}

fn usd(x: Decimal) -> Money {
    Money::new(x, Currency::USD)
}

fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        extreme().prop_map(Rate::from_fraction),
        Just(Rate::from_fraction(-Decimal::ONE)),
        Just(Rate::from_fraction(Decimal::new(-99_999, 5))),
        (-2000i64..2000).prop_map(|m| Rate::from_fraction(Decimal::new(m, 3))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn math_functions_return(x in extreme(), y in extreme(), n in any::<u32>(), k in any::<i64>()) {
        let _ = math::nth_root(x, n);
        let _ = math::nth_root(x, n % 40);
        let _ = math::ln(x);
        let _ = math::log10(x);
        let _ = math::log(x, y);
        let _ = math::exp(x);
        let _ = math::powd(x, y);
        let _ = math::powi(x, k);
        let _ = math::powi(x, k % 300);
        let _ = math::quotient_of_products(&[x, y], &[y, x]);
        let _ = math::quotient_of_products(&[x, x, x], &[y]);
    }

    #[test]
    fn money_functions_return(x in extreme(), y in extreme(), dp in any::<u32>()) {
        let a = usd(x);
        let b = usd(y);
        let _ = a.checked_add(&b);
        let _ = a.checked_sub(&b);
        let _ = a.checked_mul(y);
        let _ = a.checked_div(y);
        let _ = a.ratio(&b);
        let _ = a.neg();
        let _ = a.abs();
        let _ = a.round();
        for s in tradestat::Scale::ALL {
            let _ = a.in_scale(s);
            let _ = Money::from_scaled(x, s, Currency::USD);
        }
        let _ = a.human();
        let _ = a.human_with(dp);
        let _ = a.to_string();
        let _ = format!("{a:>60.5}");
        let _ = format!("{a:^7.40}");
        let text = a.to_string();
        if let Ok(back) = text.parse::<Money>() {
            prop_assert_eq!(back, a);
        }
        let _ = a.mul_rate(Rate::from_fraction(y));
        let _ = a.grown_by(Rate::from_fraction(y));
        let _ = a.implied_previous(Rate::from_fraction(y));
        let _ = Money::sum(Currency::USD, [a, b, a].iter());
    }

    #[test]
    fn rate_and_ratio_functions_return(x in extreme(), y in extreme(), dp in any::<u32>(), prec in 0usize..100) {
        let r = Rate::from_fraction(x);
        let _ = r.to_string();
        let _ = format!("{r:.prec$}");
        let _ = format!("{r:+>80.prec$}");
        let _ = r.as_percent();
        let _ = r.factor();
        let _ = r.round_percent(dp, tradestat::RoundingStrategy::MidpointAwayFromZero);
        let _ = Rate::from_factor(x);
        let _ = Rate::try_from_percent(x);
        let _ = Rate::from_percent(x);
        for f in [Frequency::Annual, Frequency::Quarterly, Frequency::Monthly] {
            let _ = r.annualize(f);
            let _ = r.deannualize(f);
        }
        let _ = Rate::compound(&[r, Rate::from_fraction(y), r]);
        let q = Ratio::new(x);
        let _ = q.to_string();
        let _ = format!("{q:.prec$}");
        let _ = format!("{q:^90.prec$}");
        let _ = q.round_dp(dp);
        let _ = Ratio::checked_div(x, y);
        if let Ok(back) = r.to_string().parse::<Rate>() {
            prop_assert_eq!(back, r);
        }
    }

    #[test]
    fn growth_functions_return(x in extreme(), y in extreme(), n in any::<u32>()) {
        let (a, b) = (usd(x), usd(y));
        let _ = growth::growth(&a, &b);
        let _ = growth::cagr(&a, &b, n);
        let _ = growth::cagr(&a, &b, n % 50);
        let _ = growth::index_number(&a, &b);
        let _ = growth::contributions(&[(a, b), (b, a)]);
    }

    #[test]
    fn period_functions_return(p in period(), n in any::<i64>(), q in period()) {
        let _ = p.checked_add(n);
        let _ = p.succ();
        let _ = p.pred();
        let _ = p.year_earlier();
        let _ = p.periods_until(q);
        let _ = p.parts();
        for f in [Frequency::Annual, Frequency::Quarterly, Frequency::Monthly] {
            let _ = p.enclosing(f);
        }
        let _ = p.first_day();
        let _ = p.last_day();
        if let Ok(range) = Period::range(p, q) {
            let _ = range.clone().count();
            let _ = range.size_hint();
        }
    }

    #[test]
    fn series_functions_return(
        start in period(),
        values in proptest::collection::vec(extreme(), 1..30),
        n in any::<usize>(),
        small in 0usize..40,
        periods in prop_oneof![any::<u32>(), 0u32..50],
        r in rate(),
        y in 1000i32..=9999, sub in any::<u8>(),
    ) {
        let Ok(s) = Series::from_values(start, &values, Currency::USD) else { return Ok(()) };
        let other = same_freq(start, y, sub);
        let _ = s.growth_rates();
        let _ = s.yoy();
        let _ = s.cagr();
        let _ = s.compound_rate_per_period();
        let _ = s.index(start);
        let _ = s.total();
        for f in [Frequency::Annual, Frequency::Quarterly, Frequency::Monthly] {
            let _ = s.sum_to(f);
            let _ = s.sum_to_allowing_incomplete(f);
            let _ = s.coverage(f);
        }
        let _ = s.year_to_date(other);
        let _ = s.year_to_date(s.last().0);
        let _ = s.rolling_sum(n);
        let _ = s.rolling_sum(small);
        let _ = s.rolling_sum_allowing_gaps(small);
        let _ = projection::compound(&s, r, periods);
        let _ = projection::compound_to(&s, r, other);
        let _ = projection::linear(&s, periods);
        let _ = projection::linear_to(&s, other);
        let _ = projection::linear_with_change(&s, &usd(values[0]), periods);
        if let Ok(fit) = projection::trend(&s) {
            let _ = fit.project(periods);
            let _ = fit.project_to(other);
            let _ = fit.fitted(other);
        }
        let _ = projection::fitted_trend(&s, periods);
    }

    #[test]
    fn target_functions_return(
        base_p in period(),
        base in extreme(), goal in extreme(), actual in extreme(),
        y in 1000i32..=9999, sub in any::<u8>(),
        r in rate(),
        values in proptest::collection::vec(extreme(), 1..12),
    ) {
        let deadline = same_freq(base_p, y, sub);
        let Ok(t) = Target::new(base_p, usd(base), usd(goal), deadline) else { return Ok(()) };
        let _ = t.required_rate();
        let _ = t.periods_to_reach(r);
        let _ = t.reached_in(r);
        let _ = t.path(r);
        let _ = t.progress(&usd(actual), deadline);
        let _ = t.progress(&usd(actual), base_p);
        if let Ok(s) = Series::from_values(base_p, &values, Currency::USD) {
            let _ = t.assess(&s);
        }
    }
}
