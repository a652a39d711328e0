//! Outside check: formatting with a precision never panics and writes exactly the decimals asked
//! for, whatever the value's size.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Money, Ratio};

/// Decimal::MAX with `scale`: 79228162514264337593543950335 · 10^-scale.
fn max_at(scale: u32) -> Decimal {
    Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, scale)
}

#[test]
fn ratio_with_many_places_does_not_panic() {
    // rust_decimal's own `{:.16}` panics on -1e15 (its padded text outgrows its buffer).
    let q = Ratio::new(Decimal::from(-1_000_000_000_000_000_i64));
    assert_eq!(format!("{q:.16}"), "-1000000000000000.0000000000000000");
    assert_eq!(
        format!("{:.28}", Ratio::new(Decimal::MAX)).len(),
        29 + 1 + 28
    );
    // 1e26 to 4 places: 27 digits, the point and 4 zeros.
    let big = Ratio::new(Decimal::from_i128_with_scale(10_i128.pow(26), 0));
    assert_eq!(format!("{big:.4}"), "100000000000000000000000000.0000");
}

#[test]
fn money_writes_exactly_the_places_asked_for() {
    // The doc promise: `{:.2}` writes exactly two places, for Decimal::MAX too.
    let m = Money::new(Decimal::MAX, Currency::USD);
    assert_eq!(format!("{m:.2}"), "79228162514264337593543950335.00 USD");
    // 79.228162514264337593543950335 has 27 places: to 28, one zero is added.
    let m = Money::new(max_at(27), Currency::USD);
    assert_eq!(format!("{m:.28}"), "79.2281625142643375935439503350 USD");
    // Ordinary values as before.
    assert_eq!(
        format!("{:.2}", Money::new(Decimal::new(6125, 3), Currency::USD)),
        "6.12 USD"
    );
    assert_eq!(
        format!("{:.0}", Money::new(Decimal::new(25, 1), Currency::USD)),
        "2 USD"
    );
}

fn decimals_after_point(text: &str) -> usize {
    text.find('.').map_or(0, |dot| text.len() - dot - 1)
}

proptest! {
    #[test]
    fn any_value_any_precision(m in any::<i128>(), s in 0u32..=28, p in 0usize..=40) {
        let m = m % (1_i128 << 96);
        let x = Decimal::from_i128_with_scale(m, s);
        let q = format!("{:.p$}", Ratio::new(x));
        prop_assert_eq!(decimals_after_point(&q), p.min(28));
        let money = format!("{:.p$}", Money::new(x, Currency::USD));
        let amount = money.trim_end_matches(" USD");
        prop_assert_eq!(decimals_after_point(amount), p.min(28));
        let rate = format!("{:.p$}", tradestat::Rate::from_fraction(x));
        prop_assert_eq!(decimals_after_point(rate.trim_end_matches('%')), p.min(28));
        // The text is the value rounded half to even to that many places.
        let rounded = x.round_dp_with_strategy(
            u32::try_from(p.min(28)).unwrap(),
            tradestat::RoundingStrategy::MidpointNearestEven,
        );
        let back = Decimal::from_str_exact(amount).or_else(|_| {
            Decimal::from_str_exact(amount.trim_end_matches('0').trim_end_matches('.'))
        });
        prop_assert_eq!(back.unwrap(), rounded);
    }
}

#[test]
fn rate_beyond_a_decimal_percentage_writes_the_places_asked_for() {
    // Decimal::MAX as a fraction is 7922816251426433759354395033500%, more than a Decimal holds:
    // `{:.2}` wrote no decimals.
    let r = tradestat::Rate::from_fraction(Decimal::MAX);
    assert_eq!(format!("{r:.2}"), "7922816251426433759354395033500.00%");
    assert_eq!(format!("{r}"), "7922816251426433759354395033500%");
    let r = tradestat::Rate::from_fraction(Decimal::MIN);
    assert_eq!(format!("{r:.1}"), "-7922816251426433759354395033500.0%");
}
