//! `math::quotient_of_products` against golden vectors from Python's `decimal` at 200 digits
//! (`tools/gen_quotient_vectors.py`), and against rust_decimal's own correctly rounded division.

use proptest::prelude::*;
use tradestat::math::quotient_of_products;
use tradestat::Decimal;

#[test]
fn golden_vectors() {
    let text = include_str!("data/quotient_vectors.csv");
    let mut checked = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("n1"))
    {
        let v: Vec<Decimal> = line
            .split(',')
            .map(|f| Decimal::from_str_exact(f).unwrap())
            .collect();
        let got = quotient_of_products(&[v[0], v[1]], &[v[2], v[3]]).unwrap();
        assert_eq!(got, v[4], "{line}");
        checked += 1;
    }
    assert_eq!(checked, 60);
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #[test]
    fn one_by_one_is_decimal_division(a in decimal(), b in decimal()) {
        prop_assume!(!b.is_zero());
        match a.checked_div(b) {
            Some(q) => prop_assert_eq!(quotient_of_products(&[a], &[b]).unwrap(), q),
            None => prop_assert!(quotient_of_products(&[a], &[b]).unwrap_err().is_overflow()),
        }
    }

    #[test]
    fn scaling_every_value_leaves_a_ratio_of_ratios_unchanged(
        a in 1i64..1_000_000_000, b in 1i64..1_000_000_000, c in 1i64..1_000_000_000,
        d in 1i64..1_000_000_000, k in 1i64..1_000_000, s in 0u32..10,
    ) {
        let k = Decimal::new(k, s);
        let (a, b, c, d) = (Decimal::from(a), Decimal::from(b), Decimal::from(c), Decimal::from(d));
        let plain = quotient_of_products(&[a, d], &[b, c]).unwrap();
        let scaled = quotient_of_products(&[a * k, d * k], &[b * k, c * k]).unwrap();
        prop_assert_eq!(plain, scaled);
    }
}
