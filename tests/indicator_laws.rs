//! Algebraic laws of the indicator value types, on random exact inputs.

#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::indicators::{
    Complementarity, Diversification, GrubelLloyd, Hhi, RelativeShare, Share, TotalSource,
};
use tradestat::{Currency, Decimal, Money};

fn usd(m: i64, scale: u32) -> Money {
    Money::new(Decimal::new(m, scale), Currency::USD)
}

fn flow() -> impl Strategy<Value = Money> {
    (0i64..1_000_000_000_000, 0u32..7).prop_map(|(m, s)| usd(m, s))
}

fn positive_flow() -> impl Strategy<Value = Money> {
    (1i64..1_000_000_000_000, 0u32..7).prop_map(|(m, s)| usd(m, s))
}

proptest! {
    #[test]
    fn grubel_lloyd_lies_in_the_unit_interval(x in flow(), m in flow()) {
        prop_assume!(!(x.is_zero() && m.is_zero()));
        let gl = GrubelLloyd::new(x, m).unwrap();
        prop_assert!(gl.value() >= Decimal::ZERO && gl.value() <= Decimal::ONE);
    }

    #[test]
    fn grubel_lloyd_is_one_for_balanced_trade(x in positive_flow()) {
        prop_assert_eq!(GrubelLloyd::new(x, x).unwrap().value(), Decimal::ONE);
    }

    #[test]
    fn grubel_lloyd_is_symmetric(x in flow(), m in flow()) {
        prop_assume!(!(x.is_zero() && m.is_zero()));
        prop_assert_eq!(GrubelLloyd::new(x, m).unwrap().value(), GrubelLloyd::new(m, x).unwrap().value());
    }

    #[test]
    fn shares_over_all_partners_add_up(values in prop::collection::vec(flow(), 1..40)) {
        let total = Money::sum(Currency::USD, &values).unwrap();
        prop_assume!(!total.is_zero());
        let shares: Vec<Share> = values.iter().map(|v| Share::new(*v, total, TotalSource::SumOfPartners).unwrap()).collect();
        // The numerators add up exactly to the denominator...
        let numerators: Vec<Money> = shares.iter().map(Share::part).collect();
        prop_assert_eq!(Money::sum(Currency::USD, &numerators).unwrap(), total);
        // ...and the rounded shares to one within N units of the 28th decimal.
        let sum: Decimal = shares.iter().map(Share::value).sum();
        let tolerance = Decimal::new(i64::try_from(values.len()).unwrap(), 28);
        prop_assert!((sum - Decimal::ONE).abs() <= tolerance, "{sum}");
    }

    #[test]
    fn relative_shares_are_invariant_to_scaling(
        a in positive_flow(), b in positive_flow(), c in positive_flow(), d in positive_flow(),
        k in 1i64..1_000_000, s in 0u32..6,
    ) {
        let k = Decimal::new(k, s);
        let scale = |m: Money| Money::new(m.amount() * k, m.currency());
        // A share's part is at most its total (a share above 1 is an error since issue 14).
        let ordered = |x: Money, y: Money| if x.amount() <= y.amount() { (x, y) } else { (y, x) };
        let ((a, b), (c, d)) = (ordered(a, b), ordered(c, d));
        let plain = RelativeShare::new(
            Share::new(a, b, TotalSource::Supplied).unwrap(),
            Share::new(c, d, TotalSource::Supplied).unwrap(),
        ).unwrap();
        let scaled = RelativeShare::new(
            Share::new(scale(a), scale(b), TotalSource::Supplied).unwrap(),
            Share::new(scale(c), scale(d), TotalSource::Supplied).unwrap(),
        ).unwrap();
        prop_assert_eq!(plain.value(), scaled.value());
    }

    #[test]
    fn hhi_lies_between_one_over_n_and_one(values in prop::collection::vec(flow(), 1..30)) {
        let parts: Vec<(usize, Money)> = values.into_iter().enumerate().collect();
        prop_assume!(parts.iter().any(|(_, v)| !v.is_zero()));
        let hhi = Hhi::new(parts).unwrap();
        let n = Decimal::from(hhi.count());
        // 1/N rounded at 28 decimals may sit one unit above the exact bound.
        prop_assert!(hhi.value() >= Decimal::ONE / n - Decimal::new(1, 28));
        prop_assert!(hhi.value() <= Decimal::ONE);
        if hhi.count() > 1 {
            let norm = hhi.normalized().unwrap();
            prop_assert!(norm.value() >= Decimal::ZERO && norm.value() <= Decimal::ONE);
        }
    }

    #[test]
    fn structures_compared_with_themselves(values in prop::collection::vec(positive_flow(), 1..20), k in 1i64..1000) {
        let a: Vec<(usize, Money)> = values.iter().copied().enumerate().collect();
        let b: Vec<(usize, Money)> = values.iter().map(|m| Money::new(m.amount() * Decimal::from(k), m.currency())).enumerate().collect();
        prop_assert_eq!(Complementarity::new(a.clone(), b.clone()).unwrap().value(), Decimal::ONE_HUNDRED);
        prop_assert_eq!(Diversification::new(a, b).unwrap().value(), Decimal::ZERO);
    }
}
