//! Issue 9, the numeric half: wrong verdicts, precision far from one, overflow where the result
//! fits, nonsense rates, unbounded loops, serde both ways and the messages that misled.
//! Every reference value was computed with Python's `decimal` at 60 digits (the script's lines are
//! quoted next to each figure), or by hand where the arithmetic is shown.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

use tradestat::projection;
#[cfg(feature = "serde")]
use tradestat::projection::TrendFit;
#[cfg(feature = "serde")]
use tradestat::{Assessment, Progress};
use tradestat::{
    Currency, Decimal, Error, Frequency, Money, Period, Rate, Ratio, Series, Status, Target,
};

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

fn r(s: &str) -> Rate {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(d(s), Currency::USD)
}

fn observed(start: &str, values: &[&str]) -> Series {
    let values: Vec<Decimal> = values.iter().map(|v| d(v)).collect();
    Series::from_values(p(start), &values, Currency::USD).unwrap()
}

fn target(from: &str, base: &str, goal: &str, by: &str) -> Target {
    Target::starting(p(from), usd(base))
        .goal(usd(goal))
        .by(p(by))
        .unwrap()
}

fn close(got: Decimal, want: &str, tolerance: &str) {
    let want = d(want);
    assert!(
        (got - want).abs() <= d(tolerance),
        "got {got}, want {want} within {tolerance}"
    );
}

// ---------------------------------------------------------------------------------------------
// Target::assess: direction, first observation, a goal passed on a falling trend.

#[test]
fn assess_falling_goal_is_not_met_by_rising_values() {
    // Base 2020 = 100, goal 50 by 2030; observed 100, 105, 110: the value moves away from the goal.
    let cut = target("2020", "100", "50", "2030");
    let a = cut
        .assess(&observed("2020", &["100", "105", "110"]))
        .unwrap();
    assert_eq!(a.status, Status::Behind);
    assert_eq!(a.reached_in, None);
}

#[test]
fn assess_falling_goal_reached_on_a_falling_trend() {
    // 100, 95, 90.25: exactly -5% a year. From 90.25 (2022): 85.7375 (2023), 81.450625 (2024),
    // 77.37809375 (2025) is the first at or below 80. At 2030: 90.25 x 0.95^8 = 59.87369392383789...
    let cut = target("2020", "100", "80", "2030");
    let a = cut
        .assess(&observed("2020", &["100", "95", "90.25"]))
        .unwrap();
    assert_eq!(a.status, Status::Ahead);
    assert_eq!(a.reached_in, Some(p("2025")));
    close(a.trend.as_fraction(), "-0.05", "1e-27");
    close(a.projected.amount(), "59.873693923837890625", "1e-24");
    close(a.gap.amount(), "-20.126306076162109375", "1e-24");
    // The same data against a falling goal that is too deep for the deadline.
    let deep = target("2020", "100", "50", "2030");
    assert_eq!(
        deep.assess(&observed("2020", &["100", "95", "90.25"]))
            .unwrap()
            .status,
        Status::Behind
    );
}

#[test]
fn assess_reports_the_first_observation_that_met_the_goal() {
    // Base 2020 = 100, goal 200 by 2030; observed 2026-2032: 205 in 2029 is the first at or above.
    let t = target("2020", "100", "200", "2030");
    let a = t
        .assess(&observed(
            "2026",
            &["150", "170", "190", "205", "215", "225", "235"],
        ))
        .unwrap();
    assert_eq!(a.reached_in, Some(p("2029")));
    assert_eq!(a.status, Status::Ahead);
    // The deadline is observed: its value, not a projection.
    assert_eq!(a.projected, usd("215"));
    assert_eq!(a.gap, usd("15"));
    assert_eq!(a.required, None);
}

#[test]
fn assess_flags_a_goal_passed_on_a_trend_that_falls_back() {
    // 2018 = 100 to 120 by 2025; observed 140, 130, 125 (2018-2020). Trend: exp((ln 125 - ln 140)/2)
    // - 1 = -0.0550888174769319319637086594; at 2025: 125 x (125/140)^(5/2) = 94.15967619211057757...
    let t = target("2018", "100", "120", "2025");
    let a = t.assess(&observed("2018", &["140", "130", "125"])).unwrap();
    assert_eq!(a.status, Status::SlippingBack);
    assert_eq!(a.reached_in, Some(p("2018")));
    close(
        a.trend.as_fraction(),
        "-0.0550888174769319319637086594",
        "1e-27",
    );
    close(
        a.projected.amount(),
        "94.15967619211057757058069003",
        "1e-24",
    );
    assert_eq!(a.status.to_string(), "met, slipping back");

    // The mirror: a cut to 80 met at once (70), on a trend rising back above 80 by 2025:
    // 78 x exp((ln 78 - ln 70)/2)^5 = 102.2318004416716926606...
    let cut = target("2018", "100", "80", "2025");
    let m = cut.assess(&observed("2018", &["70", "75", "78"])).unwrap();
    assert_eq!(m.status, Status::SlippingBack);
    assert_eq!(m.reached_in, Some(p("2018")));
    close(
        m.projected.amount(),
        "102.2318004416716926606102785",
        "1e-24",
    );

    // Met and staying met: ahead.
    let stays = t.assess(&observed("2018", &["140", "145", "150"])).unwrap();
    assert_eq!(stays.status, Status::Ahead);
}

// ---------------------------------------------------------------------------------------------
// Precision when the goal is far from the base.

#[test]
fn periods_to_reach_far_below_the_base() {
    // ln(7e-15 / 5e13) / ln(0.9) = 608.728136596282655525721087694582814...
    let t = target("2000", "50000000000000", "0.000000000000007", "2700");
    let n = t.periods_to_reach(r("-10%")).unwrap();
    close(n.value(), "608.7281365962826555257210877", "1e-24");
    assert_eq!(t.reached_in(r("-10%")).unwrap(), p("2609"));
    // The crate's own projection drops below the goal in 2609 (k = 609), not in 2608.
    let s = observed("2000", &["50000000000000"]);
    let path = projection::compound_to(&s, r("-10%"), p("2609")).unwrap();
    assert!(path.get(p("2608")).unwrap().amount() > d("0.000000000000007"));
    assert!(path.get(p("2609")).unwrap().amount() <= d("0.000000000000007"));
}

#[test]
fn periods_to_reach_from_the_largest_decimal() {
    // ln(1 / Decimal::MAX) / ln(0.5) = 95.99999999999999999999999999818...
    let t = Target::new(
        p("2000"),
        Money::new(Decimal::MAX, Currency::USD),
        usd("1"),
        p("2100"),
    )
    .unwrap();
    let n = t.periods_to_reach(r("-50%")).unwrap();
    close(n.value(), "96", "1e-25");
    assert_eq!(t.reached_in(r("-50%")).unwrap(), p("2096"));
}

#[test]
fn progress_far_from_the_base_keeps_digits() {
    // ln(1 / 5e13) / ln(7e-15 / 5e13) = 0.491815644944556880637365198336710...
    let t = target("2000", "50000000000000", "0.000000000000007", "2700");
    let progress = t.progress(&usd("1"), p("2300")).unwrap();
    close(
        progress.compound.value(),
        "0.4918156449445568806373651983",
        "1e-27",
    );
    assert_eq!(
        progress.time_elapsed,
        Ratio::new(d("0.4285714285714285714285714286"))
    );
}

#[test]
fn progress_before_the_base_period_is_an_error() {
    let t = target("2022", "6.3", "10", "2030");
    let err = t.progress(&usd("7"), p("2021")).unwrap_err();
    assert!(matches!(err, Error::InvalidArgument { .. }));
    assert!(err
        .to_string()
        .contains("before the target's base period 2022"));
}

// ---------------------------------------------------------------------------------------------
// R² of nearly flat series.

#[test]
fn r_squared_of_nearly_flat_series() {
    // Two points always lie on a line: R² = 1 (it was 1.00009 and 0).
    for pair in [
        ["99999.999999921", "100000.00000007"],
        ["1000000000000000", "1000000000000001"],
    ] {
        let fit = projection::trend(&observed("2020", &pair)).unwrap();
        close(fit.r_squared().value(), "1", "1e-20");
        assert!(fit.r_squared() <= Ratio::ONE);
    }
    // Three nearly equal points: R² = 0.9642857142857144234693877551... (Python, 60 digits).
    let fit = projection::trend(&observed(
        "2020",
        &["1000000000000000", "1000000000000001", "1000000000000003"],
    ))
    .unwrap();
    close(
        fit.r_squared().value(),
        "0.9642857142857144234693877551",
        "1e-20",
    );
    // 99999.999999921, 100000.00000007, 99999.99999999: R² = 0.2140609076196224200522483043...
    let fit = projection::trend(&observed(
        "2020",
        &["99999.999999921", "100000.00000007", "99999.99999999"],
    ))
    .unwrap();
    close(
        fit.r_squared().value(),
        "0.2140609076196224200522483043",
        "1e-18",
    );
    // A flat series explains nothing: 0, never above 1.
    let flat = projection::trend(&observed("2020", &["5", "5", "5"])).unwrap();
    assert_eq!(flat.r_squared(), Ratio::ZERO);
}

// ---------------------------------------------------------------------------------------------
// Overflow where the result fits.

#[test]
fn compound_projection_whose_power_alone_overflows() {
    // 0.5 x 2^96 = 2^95 = 39614081257132168796771975168, below Decimal::MAX (2^96 - 1).
    let s = observed("2000", &["0.5"]);
    let p96 = projection::compound(&s, r("100%"), 96).unwrap();
    assert_eq!(p96.last().1.amount(), d("39614081257132168796771975168"));
    // 1e12 x 0.5^96 = 1.26217744835361888865876570445e-17; on the 1e-28 grid:
    let s = observed("2000", &["1000000000000"]);
    let p96 = projection::compound(&s, r("-50%"), 96).unwrap();
    assert_eq!(p96.last().1.amount(), d("0.0000000000000000126217744835"));
}

#[test]
fn cagr_across_the_whole_decimal_range() {
    // (Decimal::MAX / 1e-28)^(1/100) - 1 = 2.70671158885343599311085466409...
    let from = Money::new(d("0.0000000000000000000000000001"), Currency::USD);
    let to = Money::new(Decimal::MAX, Currency::USD);
    let rate = tradestat::growth::cagr(&from, &to, 100).unwrap();
    close(rate.as_fraction(), "2.706711588853435993110854664", "1e-26");
    assert_eq!(format!("{rate:.2}"), "270.67%");
}

#[test]
fn chained_rates_whose_partial_product_overflows() {
    // (1 + 1e20)^2 x 1e-20 - 1 = 100000000000000000001.00000000000000000001
    let big = Rate::from_fraction(d("100000000000000000000"));
    let cut = Rate::from_fraction(d("-0.99999999999999999999"));
    let total = Rate::compound(&[big, big, cut]).unwrap();
    assert_eq!(total.as_fraction(), d("100000000000000000001"));
}

// ---------------------------------------------------------------------------------------------
// Nonsense rates.

#[test]
fn falls_beyond_100_percent_are_errors_everywhere() {
    let err = r("-300%").annualize(Frequency::Monthly).unwrap_err();
    assert!(matches!(err, Error::Undefined { .. }), "{err}");
    assert!(matches!(
        Rate::compound(&[r("-200%"), r("-200%")]),
        Err(Error::Undefined { .. })
    ));
    assert!(matches!(
        r("-300%").deannualize(Frequency::Monthly),
        Err(Error::Undefined { .. })
    ));
    // A fall of exactly 100% is the edge, still meaningful: everything is gone.
    assert_eq!(
        r("-100%").annualize(Frequency::Quarterly).unwrap(),
        r("-100%")
    );
    assert_eq!(Rate::compound(&[r("-100%"), r("50%")]).unwrap(), r("-100%"));
    assert!(projection::compound(&observed("2000", &["1"]), r("-150%"), 2).is_err());
    // Ordinary falls annualize as before: 0.99^12 - 1 = -0.113615128... (by hand: 0.99^12 =
    // 0.886384871716129...).
    assert_eq!(
        format!("{:.4}", r("-1%").annualize(Frequency::Monthly).unwrap()),
        "-11.3615%"
    );
}

// ---------------------------------------------------------------------------------------------
// Panics, aborts and hangs: every count from input is checked against year 9999 first.

#[test]
fn reached_in_with_a_tiny_rate_is_out_of_reach_not_a_wrapped_year() {
    let t = Target::new(
        p("2020"),
        usd("1"),
        usd("2.5151619715518830797471830835"),
        p("2030"),
    )
    .unwrap();
    let err = t
        .reached_in(Rate::from_fraction(d("0.0000000000000000001")))
        .unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err}");
    let text = err.to_string();
    assert!(text.contains("out of reach before year 9999"), "{text}");
    assert!(!text.contains("-9223372036854773808"), "{text}");
    // A rate that just misses year 9999 (monthly, 2^-20 per month from 1 to 2: 726 817 months).
    let monthly = Target::new(p("2020-01"), usd("1"), usd("2"), p("2030-01")).unwrap();
    assert!(monthly
        .reached_in(Rate::from_fraction(d("0.00000095367431640625")))
        .unwrap_err()
        .to_string()
        .contains("out of reach before year 9999"));
}

#[test]
fn huge_horizons_fail_at_once() {
    let s = observed("2020", &["100", "110", "121"]);
    let fit = projection::trend(&s).unwrap();
    let started = Instant::now();
    for periods in [u32::MAX, 100_000_000, 7980] {
        assert!(matches!(
            fit.project(periods),
            Err(Error::OutOfRange { .. })
        ));
        assert!(projection::fitted_trend(&s, periods).is_err());
        assert!(projection::compound(&s, r("1%"), periods).is_err());
        assert!(projection::linear(&s, periods).is_err());
        assert!(projection::linear_with_change(&s, &usd("1"), periods).is_err());
    }
    // Nothing was computed period by period: the whole lot takes far less than a second.
    assert!(started.elapsed().as_secs() < 2);
    // The last period that exists is fine: 2022 + 7977 = 9999.
    assert_eq!(projection::linear(&s, 7977).unwrap().last().0, p("9999"));
    let err = fit.project(u32::MAX).unwrap_err().to_string();
    assert!(err.contains("4294967295 periods after 2022"), "{err}");
    assert!(err.contains("year 9999"), "{err}");
}

#[test]
fn a_series_of_values_past_year_9999_is_refused_before_it_is_built() {
    let values = vec![Decimal::ONE; 200_000];
    let err = Series::from_values(p("2000-01"), &values, Currency::USD).unwrap_err();
    assert_eq!(
        err.to_string(),
        "series length 200000 values from 2000-01 is out of range: a series must end by the last \
         period of year 9999"
    );
    // 9999-12 itself is the last month there is.
    assert!(Series::from_values(p("9999-11"), &values[..2], Currency::USD).is_ok());
}

// ---------------------------------------------------------------------------------------------
// project_to, the builder, construction checks.

#[test]
fn projections_to_an_end_period() {
    let s = observed("2020", &["100", "110", "121"]);
    let c = projection::compound_to(&s, r("10%"), p("2024")).unwrap();
    assert_eq!(c.first().0, p("2023"));
    assert_eq!(c.last(), (p("2024"), usd("146.41")));
    let l = projection::linear_to(&s, p("2023")).unwrap();
    assert_eq!(l.last(), (p("2023"), usd("131.5")));
    let w = projection::linear_with_change_to(&s, &usd("-1"), p("2025")).unwrap();
    assert_eq!(w.last(), (p("2025"), usd("118")));
    let t = projection::trend(&s)
        .unwrap()
        .project_to(p("2023"))
        .unwrap();
    close(t.last().1.amount(), "133.1", "1e-24");
    // The end must come after the last observation, in the same frequency.
    assert!(matches!(
        projection::compound_to(&s, r("10%"), p("2022")),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        projection::linear_to(&s, p("2024-Q1")),
        Err(Error::MixedFrequency { .. })
    ));
}

#[test]
fn builder_names_the_amounts_and_new_refuses_a_goal_equal_to_the_base() {
    let built = Target::starting(p("2022"), usd("6.3"))
        .goal(usd("10"))
        .by(p("2030"))
        .unwrap();
    assert_eq!(
        built,
        Target::new(p("2022"), usd("6.3"), usd("10"), p("2030")).unwrap()
    );
    assert!(!built.is_falling());
    let err = Target::new(p("2022"), usd("6.3"), usd("6.3"), p("2030")).unwrap_err();
    assert!(matches!(err, Error::InvalidArgument { .. }));
    assert_eq!(
        err.to_string(),
        "invalid argument: the goal 6.3 USD equals the base value: a target needs a goal to move toward"
    );
}

// ---------------------------------------------------------------------------------------------
// serde both ways, validated.

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips_and_validates() {
    let t = target("2022", "6.3", "10", "2030");
    let json = serde_json::to_string(&t).unwrap();
    assert_eq!(serde_json::from_str::<Target>(&json).unwrap(), t);
    for bad in [
        r#"{"base_period":"2022","base_value":"6.3 USD","goal":"6.3 USD","deadline":"2030"}"#,
        r#"{"base_period":"2022","base_value":"6.3 USD","goal":"10 USD","deadline":"2030-Q1"}"#,
        r#"{"base_period":"2022","base_value":"6.3 USD","goal":"10 USD","deadline":"2021"}"#,
        r#"{"base_period":"2022","base_value":"6.3 USD","goal":"10 EUR","deadline":"2030"}"#,
    ] {
        assert!(serde_json::from_str::<Target>(bad).is_err(), "{bad}");
    }

    let progress = t.progress(&usd("8"), p("2025")).unwrap();
    let json = serde_json::to_string(&progress).unwrap();
    assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), progress);

    let a = t.assess(&observed("2020", &["5", "6", "6.3"])).unwrap();
    let json = serde_json::to_string(&a).unwrap();
    assert_eq!(serde_json::from_str::<Assessment>(&json).unwrap(), a);
    for status in [
        Status::Ahead,
        Status::OnTrack,
        Status::SlippingBack,
        Status::Behind,
    ] {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
    }
    assert_eq!(
        serde_json::to_string(&Status::SlippingBack).unwrap(),
        "\"slipping_back\""
    );
    let mixed = json_with(&a, "gap", serde_json::json!("1 EUR"));
    assert!(serde_json::from_value::<Assessment>(mixed).is_err());

    let fit = projection::trend(&observed("2020", &["100", "110", "121"])).unwrap();
    let json = serde_json::to_value(&fit).unwrap();
    assert_eq!(
        serde_json::from_value::<TrendFit>(json.clone()).unwrap(),
        fit
    );
    let bad_r2 = json_with(&fit, "r_squared", serde_json::json!("1.5"));
    assert!(serde_json::from_value::<TrendFit>(bad_r2).is_err());
    let bad_growth = json_with(&fit, "growth", serde_json::json!("20%"));
    assert!(serde_json::from_value::<TrendFit>(bad_growth).is_err());
    let backwards = json_with(&fit, "last_period", serde_json::json!("2019"));
    assert!(serde_json::from_value::<TrendFit>(backwards).is_err());
    let other_frequency = json_with(&fit, "last_period", serde_json::json!("2022-Q4"));
    assert!(serde_json::from_value::<TrendFit>(other_frequency).is_err());
}

#[cfg(feature = "serde")]
fn json_with<T: serde::Serialize>(
    value: &T,
    key: &str,
    new: serde_json::Value,
) -> serde_json::Value {
    let mut json = serde_json::to_value(value).unwrap();
    json[key] = new;
    json
}

// ---------------------------------------------------------------------------------------------
// Messages.

#[test]
fn messages_say_what_happened() {
    // A frequency error outside any series does not talk about series.
    let err = Target::new(p("2022"), usd("6"), usd("10"), p("2030-Q1")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument: the deadline 2030-Q1 is quarterly but the base period 2022 is annual; \
         a target's two periods must have one frequency"
    );
    let t = target("2022", "6", "10", "2030");
    assert_eq!(
        t.progress(&usd("7"), p("2024-03")).unwrap_err().to_string(),
        "period 2024-03 is monthly, where annual periods are expected"
    );
    // The trend names the period where the zero is.
    let zero = observed("2020", &["0", "1", "2"]);
    let err = projection::trend(&zero).unwrap_err().to_string();
    assert!(err.contains("0 (at 2020)"), "{err}");
    // Growth names the base period and the period whose growth it is.
    let err = zero.growth_rates().unwrap_err().to_string();
    assert!(err.contains("0 (at 2020, the base for 2021)"), "{err}");
    // Grammar.
    let err = Series::from_pairs(std::iter::empty::<(Period, Money)>()).unwrap_err();
    assert_eq!(err.to_string(), "a series needs at least 1 value, got 0");
    let annual = observed("2020", &["1", "2"]);
    assert_eq!(
        annual.sum_to(Frequency::Monthly).unwrap_err().to_string(),
        "invalid argument: cannot sum an annual series to monthly periods, which are shorter"
    );
    let err = t.periods_to_reach(r("-100%")).unwrap_err().to_string();
    assert_eq!(
        err,
        "target cannot be reached: a fall of 100% leaves nothing to grow"
    );
    let err = Series::from_pairs([
        (p("2020"), usd("1")),
        (p("2021"), Money::new(d("1"), Currency::EUR)),
    ])
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "cannot build one series from amounts in different currencies: USD and EUR"
    );
}

#[test]
fn index_numbers_print_rounded() {
    // 100 x 209.9 / 200 = 104.95: "{:.0}" is 105 (half to even), not rust_decimal's "104".
    let s = observed("2020", &["200", "209.9"]);
    let index = s.index(p("2020")).unwrap();
    assert_eq!(format!("{:.0}", index[1].1), "105");
    assert_eq!(index[1].1.to_string(), "104.95");
    // An index of a value too large to multiply by 100 first: 100 x 7e28 / 7e28 = 100.
    let big = Money::new(d("70000000000000000000000000000"), Currency::USD);
    assert_eq!(
        tradestat::growth::index_number(&big, &big).unwrap(),
        Decimal::ONE_HUNDRED
    );
}

// ---------------------------------------------------------------------------------------------
// Laws, both directions: reached_in is the first period the crate's own path meets the goal, and
// a mirrored target (values inverted, goal below the base) gets the same verdict.

mod laws {
    use super::*;
    use proptest::prelude::*;

    /// Positive amounts from 0.01 to 10^13, with up to 2 decimals.
    fn amount() -> impl Strategy<Value = Decimal> {
        (1i64..=1_000_000_000_000_000).prop_map(|cents| Decimal::new(cents, 2))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn reached_in_is_the_first_period_the_path_meets_the_goal(
            base in amount(),
            goal in amount(),
            bp in 1i64..=5_000,
        ) {
            prop_assume!(base != goal);
            let falling = goal < base;
            let rate = Rate::from_fraction(Decimal::new(if falling { -bp } else { bp }, 4));
            let t = Target::new(p("2000"), usd_of(base), usd_of(goal), p("2001")).unwrap();
            let Ok(reached) = t.reached_in(rate) else {
                // Only a goal out of reach before year 9999 may fail.
                let n = t.periods_to_reach(rate).unwrap();
                prop_assert!(n.value() > Decimal::from(7990));
                return Ok(());
            };
            let k = p("2000").periods_until(reached).unwrap();
            prop_assert!(k >= 1);
            let start = Series::from_values(p("2000"), &[base], Currency::USD).unwrap();
            let path = projection::compound_to(&start, rate, reached).unwrap();
            let meets = |v: Decimal| if falling { v <= goal } else { v >= goal };
            prop_assert!(meets(path.get(reached).unwrap().amount()));
            if k > 1 {
                let before = reached.pred().unwrap();
                prop_assert!(!meets(path.get(before).unwrap().amount()));
            }
            // periods_to_reach agrees: k - 1 < n <= k.
            let n = t.periods_to_reach(rate).unwrap().value();
            prop_assert!(Decimal::from(k - 1) < n + Decimal::new(1, 20));
            prop_assert!(n <= Decimal::from(k) + Decimal::new(1, 20));
        }

        #[test]
        fn a_mirrored_target_gets_the_same_verdict(
            growth_bp in -2_000i64..=3_000,
            goal_pct in 10i64..=400,
            years in 2i64..=15,
        ) {
            // Observed values 2^(growth t) style, generated exactly: 1000 x (1 + g)^t rounded to
            // cents; the mirror observes 10^8 / value and aims at 10^8 / goal.
            prop_assume!(goal_pct != 100);
            let g = Rate::from_fraction(Decimal::new(growth_bp, 4));
            let base = Decimal::from(1000);
            let values: Vec<Decimal> = (0..4)
                .map(|t| projection_value(base, g, t).round_dp(2))
                .collect();
            prop_assume!(values.iter().all(|v| *v > Decimal::ZERO));
            let k = Decimal::from(100_000_000);
            let mirrored: Vec<Decimal> = values.iter().map(|v| k / *v).collect();
            let goal = base * Decimal::new(goal_pct, 2);
            let deadline = p("2000").checked_add(years).unwrap();
            let up = Target::new(p("2000"), usd_of(base), usd_of(goal), deadline).unwrap();
            let down = Target::new(p("2000"), usd_of(k / base), usd_of(k / goal), deadline).unwrap();
            prop_assert!(down.is_falling() != up.is_falling());
            let a = up.assess(&Series::from_values(p("2000"), &values, Currency::USD).unwrap()).unwrap();
            let b = down.assess(&Series::from_values(p("2000"), &mirrored, Currency::USD).unwrap()).unwrap();
            // The trend of the mirror is the inverse: (1 + g')(1 + g) = 1 up to rounding.
            let product = (Decimal::ONE + a.trend.as_fraction()) * (Decimal::ONE + b.trend.as_fraction());
            prop_assert!((product - Decimal::ONE).abs() < Decimal::new(1, 20));
            // Verdicts agree unless the projected value sits on the goal to 20 digits.
            let ratio = a.projected.amount() / goal;
            prop_assume!((ratio - Decimal::ONE).abs() > Decimal::new(1, 18));
            prop_assert_eq!(a.status, b.status);
            prop_assert_eq!(a.reached_in, b.reached_in);
        }
    }

    fn usd_of(amount: Decimal) -> Money {
        Money::new(amount, Currency::USD)
    }

    fn projection_value(base: Decimal, g: Rate, t: i64) -> Decimal {
        if t == 0 {
            return base;
        }
        let s = Series::from_values(p("2000"), &[base], Currency::USD).unwrap();
        projection::compound(&s, g, u32::try_from(t).unwrap())
            .unwrap()
            .last()
            .1
            .amount()
    }
}
