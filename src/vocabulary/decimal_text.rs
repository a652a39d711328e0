//! Decimals written as text with a fixed number of places, for the `Display` of the value types.
//!
//! rust_decimal's own `{:.N}` truncates instead of rounding, and panics when its padded text
//! outgrows its buffer (-1e15 to 16 places); these helpers round half to even and pad as text.

use rust_decimal::{Decimal, RoundingStrategy};

/// `value` rounded half to even to `places` decimals (at most 28) and written with exactly that
/// many, padded with zeros where the rounded value has fewer ("2" to 3 places is "2.000").
pub(crate) fn rounded_places(value: Decimal, places: u32) -> String {
    let places = places.min(28);
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointNearestEven);
    let mut text = rounded.to_string();
    pad_places(&mut text, places);
    text
}

/// Appends zeros (and the point) until `text` has `places` decimals.
pub(crate) fn pad_places(text: &mut String, places: u32) {
    if places == 0 {
        return;
    }
    let have = match text.find('.') {
        Some(dot) => text.len() - dot - 1,
        None => {
            text.push('.');
            0
        }
    };
    for _ in have..places as usize {
        text.push('0');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_to_even_and_pads() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(rounded_places(d("104.95"), 1), "105.0");
        assert_eq!(rounded_places(d("104.85"), 1), "104.8");
        assert_eq!(rounded_places(d("2"), 3), "2.000");
        assert_eq!(
            rounded_places(d("-1000000000000000"), 16),
            "-1000000000000000.0000000000000000"
        );
        assert_eq!(
            rounded_places(Decimal::MAX, 2),
            "79228162514264337593543950335.00"
        );
        assert_eq!(rounded_places(d("1.5"), 0), "2");
    }
}
