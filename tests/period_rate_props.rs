//! Round trips and robustness of the period and rate parsers.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Decimal, Frequency, Month, Period, Quarter, Rate, Year};

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1000i32..=9999).prop_map(|y| Period::year(y).unwrap()),
        (1000i32..=9999, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (1000i32..=9999, 1u8..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
    ]
}

fn rate() -> impl Strategy<Value = Rate> {
    (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Rate::from_fraction(Decimal::new(m, s)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn period_display_parse_identity(p in period()) {
        prop_assert_eq!(p.to_string().parse::<Period>().unwrap(), p);
        match p {
            Period::Year(y) => prop_assert_eq!(y.to_string().parse::<Year>().unwrap(), y),
            Period::Quarter(q) => prop_assert_eq!(q.to_string().parse::<Quarter>().unwrap(), q),
            Period::Month(m) => prop_assert_eq!(m.to_string().parse::<Month>().unwrap(), m),
        }
    }

    #[test]
    fn period_steps_are_inverse(p in period(), n in -500i64..500) {
        if let Ok(q) = p.checked_add(n) {
            prop_assert_eq!(q.checked_add(-n).unwrap(), p);
            prop_assert_eq!(p.periods_until(q).unwrap(), n);
            prop_assert_eq!(q.frequency(), p.frequency());
            prop_assert_eq!(n.signum(), match q.cmp(&p) {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            });
        }
    }

    #[test]
    fn period_days_tile_the_year(p in period()) {
        prop_assert!(p.first_day() <= p.last_day());
        if let Ok(next) = p.succ() {
            prop_assert_eq!(p.last_day().succ_opt().unwrap(), next.first_day());
        }
        let year = Period::Year(p.calendar_year());
        prop_assert!(year.first_day() <= p.first_day() && p.last_day() <= year.last_day());
        prop_assert_eq!(p.enclosing(Frequency::Annual), Some(year));
    }

    #[test]
    fn rate_display_parse_identity(r in rate()) {
        prop_assert_eq!(r.to_string().parse::<Rate>().unwrap(), r);
        prop_assert_eq!(format!("{r:+}").parse::<Rate>().unwrap(), r);
    }

    #[test]
    fn rate_percent_round_trip(m in any::<i64>(), s in 0u32..=26) {
        let percent = Decimal::new(m, s);
        prop_assert_eq!(Rate::from_percent(percent).as_percent(), percent);
    }

    #[test]
    fn rate_text_is_exact_or_an_error(m in any::<i64>(), s in 0u32..=28) {
        // Regression: percentages with more than 26 decimal places were rounded silently.
        let percent = Decimal::new(m, s);
        match format!("{percent}%").parse::<Rate>() {
            Ok(r) => prop_assert_eq!(r.as_percent(), percent),
            Err(e) => {
                prop_assert!(s > 26 && percent.normalize().scale() > 26, "{}", e);
                prop_assert!(e.to_string().contains(&format!("{percent}%")), "{}", e);
            }
        }
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,24}") {
        let _ = s.parse::<Period>();
        let _ = s.parse::<Year>();
        let _ = s.parse::<Quarter>();
        let _ = s.parse::<Month>();
        let _ = s.parse::<Rate>();
        let _ = s.parse::<Frequency>();
    }

    #[test]
    fn parsers_never_panic_on_near_misses(s in "[0-9QqMm +\\-./%]{0,12}") {
        let _ = s.parse::<Period>();
        let _ = s.parse::<Rate>();
    }

    #[test]
    fn month_names_never_panic(s in "[0-9JjAaNnUuEeSsPpTtOoCcDdFfBbRrYyLlGgVvIi ,.\\-/ü]{0,16}") {
        let _ = s.parse::<Period>();
        let _ = s.parse::<Month>();
    }

    #[test]
    fn month_names_read_back(p in period()) {
        // Every month reads from "Mon YYYY", "Month YYYY" and "YYYY Mon".
        if let Period::Month(m) = p {
            const NAMES: [&str; 12] = ["January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December"];
            let name = NAMES[usize::from(m.number()) - 1];
            let y = m.year();
            for text in [format!("{name} {y}"), format!("{} {y}", &name[..3]), format!("{y} {}", &name[..3])] {
                prop_assert_eq!(text.parse::<Period>().unwrap(), p);
            }
        }
    }
}

#[cfg(feature = "serde")]
proptest! {
    #[test]
    fn serde_round_trips(p in period(), r in rate()) {
        let json = serde_json::to_string(&p).unwrap();
        prop_assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), p);
        let json = serde_json::to_string(&r).unwrap();
        prop_assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), r);
    }
}

#[cfg(feature = "serde")]
#[test]
fn serde_forms() {
    let p: Period = "2022-Q3".parse().unwrap();
    assert_eq!(serde_json::to_string(&p).unwrap(), "\"2022-Q3\"");
    let r: Rate = "33%".parse().unwrap();
    assert_eq!(serde_json::to_string(&r).unwrap(), "\"0.33\"");
    assert_eq!(serde_json::from_str::<Rate>("\"33%\"").unwrap(), r);
    assert_eq!(serde_json::from_str::<Rate>("\"0.33\"").unwrap(), r);
    // A JSON number with a fraction has passed through f64: refused (tests/serde_exact.rs).
    assert!(serde_json::from_str::<Rate>("0.33").is_err());
    assert!(serde_json::from_str::<Period>("\"2022-13\"").is_err());
    assert_eq!(
        serde_json::to_string(&Frequency::Monthly).unwrap(),
        "\"monthly\""
    );
}
