//! Outside check: text that names a value a `Decimal` holds exactly is read, whatever trailing
//! zeros it carries; text that names a value it cannot hold is refused (never rounded), the same
//! way through every reader (Money text, Ratio and Rate text, serde strings).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::{Decimal, Money, Rate, Ratio};

#[test]
fn decimal_max_with_a_trailing_zero_is_decimal_max() {
    // 79228162514264337593543950335.0 is Decimal::MAX exactly; the zero only makes the mantissa
    // one digit too long at scale 1. It was refused as "does not fit".
    let text = "79228162514264337593543950335.0";
    assert_eq!(text.parse::<Ratio>().unwrap().value(), Decimal::MAX);
    assert_eq!(
        format!("{text} USD").parse::<Money>().unwrap().amount(),
        Decimal::MAX
    );
    assert_eq!(
        format!("-{text} USD").parse::<Money>().unwrap().amount(),
        Decimal::MIN
    );
    // 7922816251426433759354395033.50 is 7922816251426433759354395033.5, which fits at scale 1.
    let r = "7922816251426433759354395033.50".parse::<Ratio>().unwrap();
    assert_eq!(r.value().to_string(), "7922816251426433759354395033.5");
}

#[test]
fn money_text_reads_what_serde_reads() {
    // 1 followed by 32 zeros of fraction is 1: serde strings and Ratio read it, Money text did not.
    let one = "1.00000000000000000000000000000000";
    assert_eq!(one.parse::<Ratio>().unwrap().value(), Decimal::ONE);
    assert_eq!(
        format!("{one} USD").parse::<Money>().unwrap().amount(),
        Decimal::ONE
    );
    #[cfg(feature = "serde")]
    {
        let m: Money =
            serde_json::from_str(&format!("{{\"amount\": \"{one}\", \"currency\": \"USD\"}}"))
                .unwrap();
        assert_eq!(m.amount(), Decimal::ONE);
    }
}

#[test]
fn values_a_decimal_cannot_hold_are_still_refused() {
    for text in [
        "79228162514264337593543950336",   // MAX + 1
        "79228162514264337593543950335.5", // 30 significant digits
        "7922816251426433759354395033.55",
        "0.00000000000000000000000000005", // 29 places
    ] {
        assert!(text.parse::<Ratio>().is_err(), "{text}");
        assert!(format!("{text} USD").parse::<Money>().is_err(), "{text}");
        assert!(format!("{text}%").parse::<Rate>().is_err(), "{text}");
    }
}

proptest! {
    /// Any Decimal written with extra trailing zeros reads back to the same value, and as written
    /// whenever that scale fits.
    #[test]
    fn trailing_zeros_never_refuse_a_value(m in any::<i128>(), s in 0u32..=28, zeros in 0usize..40) {
        let x = Decimal::from_i128_with_scale(m % (1_i128 << 96), s);
        let mut text = x.to_string();
        if zeros > 0 {
            if !text.contains('.') {
                text.push('.');
            }
            text.push_str(&"0".repeat(zeros));
        }
        let ratio = text.parse::<Ratio>().unwrap().value();
        prop_assert_eq!(ratio, x);
        let money = format!("{text} USD").parse::<Money>().unwrap().amount();
        prop_assert_eq!(money, x);
        // As written where the scale fits: the text of the value read back is the text given.
        if let Ok(exact) = Decimal::from_str_exact(&text) {
            prop_assert_eq!(ratio.to_string(), exact.to_string());
            prop_assert_eq!(money.to_string(), exact.to_string());
        }
    }
}
