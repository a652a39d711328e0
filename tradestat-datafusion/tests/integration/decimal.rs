//! Exact Decimal <-> Decimal128 conversions: round trips at every scale 0-28, the edges, and
//! errors (never a rounded value) for what does not fit.

use proptest::prelude::*;
use rust_decimal::Decimal;
use std::str::FromStr;
use tradestat_datafusion::decimal::{
    format_mantissa, from_array, from_mantissa, largest_scale, to_array, to_array_with_type,
    to_mantissa,
};
use tradestat_datafusion::Error;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

#[test]
fn every_scale_round_trips() {
    for scale in 0..=28_u32 {
        // 10^(28 - scale) + 1 at this scale, and its negative, and the largest mantissa that fits
        // 38 digits next to a Decimal's own limit.
        for mantissa in [
            1_i128,
            -1,
            123_456_789,
            -987_654_321,
            (1 << 96) - 1,
            -((1 << 96) - 1),
        ] {
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            let precision_needed = mantissa.unsigned_abs().to_string().len() as u8;
            let m = to_mantissa(value, 38, scale as i8).unwrap();
            assert_eq!(m, mantissa, "{value} at scale {scale}");
            let back = from_mantissa(m, scale as i8).unwrap();
            assert_eq!(back, value);
            assert_eq!(back.scale(), scale, "the scale survives");
            // the narrowest precision that holds it, and one less
            assert!(to_mantissa(value, precision_needed, scale as i8).is_ok());
            if precision_needed > 1 {
                assert!(to_mantissa(value, precision_needed - 1, scale as i8).is_err());
            }
        }
    }
}

#[test]
fn edges() {
    // Decimal::MAX and MIN have 29 digits: scale 0 to 9 fit 38 digits, 10 does not.
    for edge in [Decimal::MAX, Decimal::MIN] {
        for scale in 0..=9_i8 {
            let m = to_mantissa(edge, 38, scale).unwrap();
            assert_eq!(m, edge.mantissa() * 10_i128.pow(scale as u32));
            assert_eq!(from_mantissa(m, scale).unwrap(), edge);
        }
        let e = to_mantissa(edge, 38, 10).unwrap_err();
        assert!(matches!(e, Error::DoesNotFit { .. }));
        assert!(e.to_string().contains(&edge.to_string()), "{e}");
    }
    // 1e-28, the smallest positive Decimal, needs scale 28.
    let tiny = Decimal::new(1, 28);
    assert_eq!(to_mantissa(tiny, 38, 28).unwrap(), 1);
    assert_eq!(to_mantissa(tiny, 38, 38).unwrap(), 10_i128.pow(10));
    assert_eq!(from_mantissa(1, 28).unwrap(), tiny);
    assert_eq!(from_mantissa(10_i128.pow(10), 38).unwrap(), tiny);
    let e = to_mantissa(tiny, 38, 27).unwrap_err();
    assert_eq!(
        e.to_string(),
        "0.0000000000000000000000000001 does not fit Decimal128(38, 27): it has more decimals \
         than the scale; it would round"
    );
    // Decimal128 values no Decimal holds: beyond MAX, beyond 28 decimals, too many digits.
    let max38 = 10_i128.pow(38) - 1;
    assert!(from_mantissa(max38, 0)
        .unwrap_err()
        .to_string()
        .contains("above Decimal::MAX"));
    assert!(from_mantissa(1, 29)
        .unwrap_err()
        .to_string()
        .contains("more than 28 decimals"));
    let e = from_mantissa(max38, 10).unwrap_err().to_string();
    assert!(
        e.contains("9999999999999999999999999999.9999999999") && e.contains("96-bit"),
        "{e}"
    );
    // Decimal::MAX + 1 at scale 0
    assert!(from_mantissa(Decimal::MAX.mantissa() + 1, 0).is_err());
    // negative scales: 12 at scale -3 is 12000
    assert_eq!(from_mantissa(12, -3).unwrap(), Decimal::from(12_000));
    assert_eq!(to_mantissa(Decimal::from(12_000), 5, -3).unwrap(), 12);
    assert!(to_mantissa(Decimal::from(12_345), 5, -3).is_err());
}

#[test]
fn never_rounds() {
    // Arrow's casts and DataFusion's CSV reader would give 12.34 or 12.35 here.
    let e = to_mantissa(d("12.345"), 38, 2).unwrap_err();
    assert_eq!(
        e.to_string(),
        "12.345 does not fit Decimal128(38, 2): it has more decimals than the scale; it would round"
    );
    // trailing zeros are not digits: 12.340 fits scale 2 exactly
    assert_eq!(to_mantissa(d("12.340"), 38, 2).unwrap(), 1234);
    // too many integer digits for the precision
    assert!(to_mantissa(d("1000"), 3, 0).is_err());
    assert!(to_mantissa(d("999"), 3, 0).is_ok());
    assert!(to_mantissa(d("-999.9"), 4, 1).is_ok());
    assert!(to_mantissa(d("-999.9"), 3, 1).is_err());
}

#[test]
fn arrays_take_the_largest_scale() {
    let values = [Some(d("12.5")), None, Some(d("-0.001")), Some(d("7"))];
    assert_eq!(largest_scale(values.iter().flatten()), 3);
    let array = to_array(&values).unwrap();
    assert_eq!((array.precision(), array.scale()), (38, 3));
    assert_eq!(array.value(0), 12_500);
    assert_eq!(array.value(2), -1);
    assert_eq!(from_array(&array).unwrap(), values);
    // a column with Decimal::MAX (29 digits) and 1e-28 (scale 28) would need 57 digits
    let e = to_array(&[Some(Decimal::new(1, 28)), Some(Decimal::MAX)]).unwrap_err();
    assert!(e
        .to_string()
        .starts_with("79228162514264337593543950335 does not fit Decimal128(38, 28)"));
    // an explicit type
    let array = to_array_with_type(&[Some(d("1.5"))], 5, 2).unwrap();
    assert_eq!(array.value(0), 150);
    assert!(to_array_with_type(&[Some(d("1.555"))], 5, 2).is_err());
    assert!(to_array(&[]).unwrap().is_empty());
}

#[test]
fn formatting_mantissas() {
    assert_eq!(format_mantissa(-1234, 2), "-12.34");
    assert_eq!(format_mantissa(5, 3), "0.005");
    assert_eq!(format_mantissa(12, -2), "1200");
    assert_eq!(format_mantissa(0, 2), "0.00");
    assert_eq!(format_mantissa(i128::MIN, 0), i128::MIN.to_string());
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i128>(), 0..=28_u32).prop_map(|(m, s)| {
        let m = m % (1_i128 << 96);
        Decimal::from_i128_with_scale(m, s)
    })
}

proptest! {
    #[test]
    fn round_trip_at_own_scale(value in any_decimal()) {
        let scale = value.scale() as i8;
        let m = to_mantissa(value, 38, scale).unwrap();
        let back = from_mantissa(m, scale).unwrap();
        prop_assert_eq!(back, value);
        prop_assert_eq!(back.scale(), value.scale());
        prop_assert_eq!(format_mantissa(m, scale), value.to_string());
    }

    #[test]
    fn wider_scales_are_exact_or_errors(value in any_decimal(), scale in -5..=38_i8) {
        match to_mantissa(value, 38, scale) {
            Ok(m) => prop_assert_eq!(from_mantissa(m, scale).unwrap(), value),
            Err(e) => {
                // an error only when the value really does not fit: too many decimals or digits
                let decimals = value.normalize().scale() as i64;
                let digits = value.normalize().mantissa().unsigned_abs().to_string().len() as i64;
                let needed = digits - decimals + i64::from(scale);
                prop_assert!(decimals > i64::from(scale) || needed > 38, "{value} at {scale}: {e}");
            }
        }
    }

    #[test]
    fn mantissas_read_exactly_or_error(m in any::<i128>(), scale in -3..=38_i8) {
        match from_mantissa(m, scale) {
            Ok(value) => prop_assert_eq!(to_mantissa(value, 38, scale).ok(), (m.abs() < 10_i128.pow(38)).then_some(m)),
            Err(_) => {
                // only values no Decimal holds: after dropping trailing zeros, more than 28
                // decimals or a mantissa above 96 bits
                let (mut m, mut s) = (m, i32::from(scale));
                while m != 0 && m % 10 == 0 && s > 0 {
                    m /= 10;
                    s -= 1;
                }
                let widened = if s < 0 { m.checked_mul(10_i128.pow((-s) as u32)) } else { Some(m) };
                prop_assert!(s > 28 || widened.is_none_or(|w| w.abs() >= 1_i128 << 96));
            }
        }
    }
}
