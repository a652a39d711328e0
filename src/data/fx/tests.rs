use super::*;
use proptest::prelude::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn money(s: &str, c: Currency) -> Money {
    Money::new(d(s), c)
}

fn rates() -> Rates {
    let mut r = Rates::new();
    r.insert(Currency::USD, Currency::TRY, p("2023"), d("23.75"))
        .unwrap();
    r.insert(Currency::KZT, Currency::USD, p("2023"), d("0.0021"))
        .unwrap();
    r.insert(Currency::USD, Currency::TRY, p("2022"), d("16.55"))
        .unwrap();
    r
}

#[test]
fn direct_rates_multiply_exactly() {
    let r = rates();
    // 4 × 23.75 = 95.00
    let lira = r
        .convert(&money("4", Currency::USD), Currency::TRY, p("2023"))
        .unwrap();
    assert_eq!(lira, money("95", Currency::TRY));
    // Trailing zeros past the amount's own places are dropped.
    assert_eq!(lira.to_string(), "95 TRY");
    // 1000.50 × 0.0021 = 2.101050
    let dollars = r
        .convert(&money("1000.50", Currency::KZT), Currency::USD, p("2023"))
        .unwrap();
    assert_eq!(dollars.to_string(), "2.10105 USD");
    // Negative amounts (a balance) convert the same way.
    let deficit = r
        .convert(&money("-4", Currency::USD), Currency::TRY, p("2023"))
        .unwrap();
    assert_eq!(deficit, money("-95", Currency::TRY));
    // Same currency: unchanged, no rate needed.
    let same = money("7.5", Currency::EUR);
    assert_eq!(r.convert(&same, Currency::EUR, p("1999")).unwrap(), same);
}

#[test]
fn inverse_is_one_division() {
    let r = rates();
    // 95 / 23.75 = 4 exactly.
    assert_eq!(
        r.convert(&money("95", Currency::TRY), Currency::USD, p("2023"))
            .unwrap(),
        money("4", Currency::USD)
    );
    // 100 / 23.75 = 4.21052631578947368421052631578947... -> 28 places, the 29th (9) rounds up.
    assert_eq!(
        r.convert(&money("100", Currency::TRY), Currency::USD, p("2023"))
            .unwrap()
            .amount(),
        d("4.2105263157894736842105263158")
    );
    // 2.1 USD / 0.0021 = 1000 KZT, exactly (forming 1/0.0021 first would not be exact).
    assert_eq!(
        r.convert(&money("2.1", Currency::USD), Currency::KZT, p("2023"))
            .unwrap(),
        money("1000", Currency::KZT)
    );
}

#[test]
fn cross_rates_round_once() {
    let r = rates();
    // 1000 KZT × 0.0021 × 23.75 = 49.875 TRY.
    assert_eq!(
        r.convert_via(
            &money("1000", Currency::KZT),
            Currency::TRY,
            p("2023"),
            Currency::USD
        )
        .unwrap(),
        money("49.875", Currency::TRY)
    );
    // Backwards through both inverses: 49.875 / 23.75 / 0.0021 = 1000.
    assert_eq!(
        r.convert_via(
            &money("49.875", Currency::TRY),
            Currency::KZT,
            p("2023"),
            Currency::USD
        )
        .unwrap(),
        money("1000", Currency::KZT)
    );
    // Where rounding twice would lose the last digit: 1 / 3 × 3 is 1, not 0.99...9.
    let mut thirds = Rates::new();
    let y = p("2020");
    thirds
        .insert(Currency::USD, Currency::KZT, y, d("3"))
        .unwrap();
    thirds
        .insert(Currency::USD, Currency::TRY, y, d("3"))
        .unwrap();
    let once = thirds
        .convert_via(&money("1", Currency::KZT), Currency::TRY, y, Currency::USD)
        .unwrap();
    assert_eq!(once, money("1", Currency::TRY));
    let twice = thirds
        .convert(
            &thirds
                .convert(&money("1", Currency::KZT), Currency::USD, y)
                .unwrap(),
            Currency::TRY,
            y,
        )
        .unwrap();
    assert_eq!(
        twice,
        money("0.9999999999999999999999999999", Currency::TRY)
    );
    // `via` equal to either end is a plain conversion.
    assert_eq!(
        r.convert_via(
            &money("4", Currency::USD),
            Currency::TRY,
            p("2023"),
            Currency::USD
        )
        .unwrap(),
        money("95", Currency::TRY)
    );
}

#[test]
fn rates_far_from_one_keep_their_digits() {
    // 35 trillion units of a hyperinflated currency to the dollar (a VEB-like rate).
    let y = p("2008");
    let mut r = Rates::new();
    r.insert(Currency::USD, Currency::VEB, y, d("35000000000000"))
        .unwrap();
    // 123 456 789 ZWL / 3.5e13 = 0.00000352733682857142857142857142857...: one division, to the
    // 28th decimal place (23 significant digits).
    let usd = r
        .convert(&money("123456789", Currency::VEB), Currency::USD, y)
        .unwrap();
    assert_eq!(usd.amount(), d("0.0000035273368285714285714286"));
    // Forming the inverse rate first (1/3.5e13 = 0.0000000000000285714285714286 on the same grid)
    // and multiplying would give 0.0000035273368285714320987654, wrong from the 15th digit.
    assert_ne!(usd.amount(), d("0.0000035273368285714320987654"));
    // The other way the product is exact: 123456789.01 × 3.5e13.
    let zwl = r
        .convert(&money("123456789.01", Currency::USD), Currency::VEB, y)
        .unwrap();
    assert_eq!(zwl.amount(), d("4320987615350000000000"));
}

#[test]
fn missing_rates_name_the_pair_and_the_period() {
    let r = rates();
    let err = r
        .convert(&money("1", Currency::KZT), Currency::USD, p("2022"))
        .unwrap_err();
    assert_eq!(
        err,
        Error::MissingRate {
            from: Currency::KZT,
            to: Currency::USD,
            period: p("2022")
        }
    );
    assert_eq!(
        err.to_string(),
        "no exchange rate from KZT to USD, nor from USD to KZT, for 2022"
    );
    // A rate for the year is not used for a month of it, nor a month's for the year.
    assert!(r
        .convert(&money("1", Currency::USD), Currency::TRY, p("2023-01"))
        .is_err());
    // The leg without a rate is the one named.
    let err = r
        .convert_via(
            &money("1", Currency::KZT),
            Currency::TRY,
            p("2022"),
            Currency::USD,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no exchange rate from KZT to USD, nor from USD to KZT, for 2022"
    );
    let err = r
        .convert_via(
            &money("1", Currency::KZT),
            Currency::EUR,
            p("2023"),
            Currency::USD,
        )
        .unwrap_err();
    assert!(err.to_string().contains("from USD to EUR"), "{err}");
}

#[test]
fn insert_checks_rates() {
    let mut r = Rates::new();
    let y = p("2023");
    for bad in ["0", "-1.5"] {
        let err = r
            .insert(Currency::USD, Currency::TRY, y, d(bad))
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRate { .. }));
        assert!(err.to_string().contains("not positive"), "{err}");
    }
    assert!(r.insert(Currency::USD, Currency::USD, y, d("1")).is_err());
    assert!(r.is_empty());
    assert_eq!(
        r.insert(Currency::USD, Currency::TRY, y, d("23")).unwrap(),
        None
    );
    assert_eq!(
        r.insert(Currency::USD, Currency::TRY, y, d("23.75"))
            .unwrap(),
        Some(d("23"))
    );
    assert_eq!(r.len(), 1);
    assert_eq!(r.get(Currency::USD, Currency::TRY, y), Some(d("23.75")));
    assert_eq!(r.get(Currency::TRY, Currency::USD, y), None);
    assert_eq!(r.to_string(), "2023 USD/TRY 23.75");
}

#[test]
fn series_convert_period_by_period() {
    let r = rates();
    let s = Series::with_gaps([
        (p("2022"), money("10", Currency::USD)),
        (p("2023"), money("4", Currency::USD)),
    ])
    .unwrap();
    let t = r.convert_series(&s, Currency::TRY).unwrap();
    assert_eq!(t.currency(), Currency::TRY);
    // 10 × 16.55 = 165.5; 4 × 23.75 = 95.
    assert_eq!(t.get(p("2022")), Some(money("165.5", Currency::TRY)));
    assert_eq!(t.get(p("2023")), Some(money("95", Currency::TRY)));
    // A gap stays a gap.
    let gappy = Series::with_gaps([
        (p("2020"), money("1", Currency::USD)),
        (p("2023"), money("4", Currency::USD)),
    ])
    .unwrap();
    let err = r.convert_series(&gappy, Currency::TRY).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no exchange rate from USD to TRY, nor from TRY to USD, for 2020"
    );
    let mut r2 = r.clone();
    r2.insert(Currency::USD, Currency::TRY, p("2020"), d("7"))
        .unwrap();
    let t = r2.convert_series(&gappy, Currency::TRY).unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t.first_gap(), Some((p("2020"), p("2023"))));
    // Through a third currency.
    let tenge = Series::from_pairs([(p("2023"), money("1000", Currency::KZT))]).unwrap();
    let lira = r
        .convert_series_via(&tenge, Currency::TRY, Currency::USD)
        .unwrap();
    assert_eq!(lira.get(p("2023")), Some(money("49.875", Currency::TRY)));
}

#[test]
fn deflation_by_hand() {
    let s = Series::from_values(p("2020"), &[d("100"), d("110"), d("121")], Currency::USD).unwrap();
    let index = [
        (p("2022"), d("125")),
        (p("2020"), d("100")),
        (p("2021"), d("110")),
        (p("2019"), d("95")), // not in the series: ignored
    ];
    // Base 2020: 100 × 100/100 = 100; 110 × 100/110 = 100; 121 × 100/125 = 96.8.
    let real = deflate(&s, &index, p("2020")).unwrap();
    let amounts: Vec<String> = real.iter().map(|(_, m)| m.amount().to_string()).collect();
    assert_eq!(amounts, ["100", "100", "96.8"]);
    // Base 2022: 100 × 125/100 = 125; 110 × 125/110 = 125; 121 × 125/125 = 121.
    let real = deflate(&s, &index, p("2022")).unwrap();
    let amounts: Vec<String> = real.iter().map(|(_, m)| m.amount().to_string()).collect();
    assert_eq!(amounts, ["125", "125", "121"]);
    // 110 × 100 / 104.7 = 105.062082139446036294173829990448... -> 26 places (29 digits).
    let real = deflate(
        &s,
        &[
            (p("2020"), d("100")),
            (p("2021"), d("104.7")),
            (p("2022"), d("100")),
        ],
        p("2020"),
    )
    .unwrap();
    assert_eq!(
        real.get(p("2021")).unwrap().amount(),
        d("105.06208213944603629417382999")
    );
    // A negative value (a trade balance) deflates the same way: -250 × 100 / 125 = -200.
    let balance = Series::from_values(p("2022"), &[d("-250")], Currency::USD).unwrap();
    let real = deflate(&balance, &index, p("2020")).unwrap();
    assert_eq!(real.get(p("2022")).unwrap().amount(), d("-200"));
    // Gaps stay gaps.
    let gappy = Series::with_gaps([
        (p("2020"), money("100", Currency::USD)),
        (p("2022"), money("250", Currency::USD)),
    ])
    .unwrap();
    let real = deflate(&gappy, &index, p("2020")).unwrap();
    assert_eq!(real.len(), 2);
    assert_eq!(real.get(p("2022")).unwrap().amount(), d("200"));
    assert_eq!(real.first_gap(), Some((p("2020"), p("2022"))));
    // Missing levels name the period.
    let err = deflate(&s, &index, p("2018")).unwrap_err();
    assert_eq!(err, Error::MissingIndex { period: p("2018") });
    assert_eq!(err.to_string(), "the price index has no level for 2018");
    let err = deflate(&s, &index[..2], p("2020")).unwrap_err();
    assert_eq!(err, Error::MissingIndex { period: p("2021") });
    // Bad levels.
    let err = deflate(&s, &[(p("2020"), d("0"))], p("2020")).unwrap_err();
    assert!(matches!(err, Error::OutOfRange { .. }), "{err}");
    let err = deflate(&s, &[(p("2020"), d("1")), (p("2020"), d("2"))], p("2020")).unwrap_err();
    assert_eq!(err, Error::DuplicatePeriod { period: p("2020") });
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trip_with_exact_rates() {
    let r = rates();
    let json = serde_json::to_string(&r).unwrap();
    assert_eq!(
        json,
        r#"[{"from":"KZT","to":"USD","period":"2023","rate":"0.0021"},{"from":"USD","to":"TRY","period":"2022","rate":"16.55"},{"from":"USD","to":"TRY","period":"2023","rate":"23.75"}]"#
    );
    assert_eq!(serde_json::from_str::<Rates>(&json).unwrap(), r);
    let number = r#"[{"from":"USD","to":"TRY","period":"2023","rate":23.75}]"#;
    let err = serde_json::from_str::<Rates>(number).unwrap_err();
    assert!(
        err.to_string()
            .contains("exchange rate given as the JSON number"),
        "{err}"
    );
    let exponent = r#"[{"from":"USD","to":"TRY","period":"2023","rate":"2.375e1"}]"#;
    assert!(serde_json::from_str::<Rates>(exponent).is_err());
    // A JSON integer is exact, and read.
    let integer = r#"[{"from":"USD","to":"TRY","period":"2023","rate":24}]"#;
    let read: Rates = serde_json::from_str(integer).unwrap();
    assert_eq!(
        read.get(Currency::USD, Currency::TRY, p("2023")),
        Some(d("24"))
    );
    let negative = r#"[{"from":"USD","to":"TRY","period":"2023","rate":"-1"}]"#;
    let err = serde_json::from_str::<Rates>(negative).unwrap_err();
    assert!(err.to_string().contains("not positive"), "{err}");
    let twice = r#"[{"from":"USD","to":"TRY","period":"2023","rate":"1"},
                    {"from":"USD","to":"TRY","period":"2023","rate":"2"}]"#;
    let err = serde_json::from_str::<Rates>(twice).unwrap_err();
    assert!(err.to_string().contains("given twice"), "{err}");
}

fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000_000i64..1_000_000_000_000_000, 0u32..=4)
        .prop_map(|(m, s)| Decimal::new(m, s))
}

fn rate() -> impl Strategy<Value = Decimal> {
    // Up to 10^5, so that an amount times two rates stays far inside Decimal's range.
    (1i64..10_000_000, 2u32..=12).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Half a unit in the last place of `x`'s representation.
fn half_ulp(x: Decimal) -> Decimal {
    Decimal::new(5, x.scale() + 1)
}

proptest! {
    /// Converting with the inverse (one division) and back with the rate (one multiplication)
    /// returns the amount to within the two roundings: r × ½ulp(b) from the first, ½ulp(back)
    /// from the second.
    #[test]
    fn there_and_back_is_within_one_rounding_each_way(a in amount(), r in rate()) {
        let y = p("2023");
        let mut rates = Rates::new();
        rates.insert(Currency::USD, Currency::KZT, y, r).unwrap();
        let kzt = Money::new(a, Currency::KZT);
        let usd = rates.convert(&kzt, Currency::USD, y).unwrap();
        let back = rates.convert(&usd, Currency::KZT, y).unwrap();
        let error = (back.amount() - a).abs();
        let bound = r * half_ulp(usd.amount()) + half_ulp(back.amount());
        prop_assert!(error <= bound, "{a} -> {usd} -> {back}: error {error} > {bound}");
        // The other way round the multiplication is exact (it fits), so the way back is exact.
        let tenge = rates.convert(&Money::new(a, Currency::USD), Currency::KZT, y).unwrap();
        prop_assert_eq!(tenge.amount(), a * r);
        prop_assert_eq!(rates.convert(&tenge, Currency::USD, y).unwrap().amount(), a);
    }

    /// A conversion through a third currency equals the direct conversion with the product rate
    /// when that product is exact.
    #[test]
    fn via_equals_the_product_rate(a in amount(), r1 in rate(), r2 in rate()) {
        let y = p("2023");
        let mut rates = Rates::new();
        rates.insert(Currency::KZT, Currency::USD, y, r1).unwrap();
        rates.insert(Currency::USD, Currency::TRY, y, r2).unwrap();
        let via = rates
            .convert_via(&Money::new(a, Currency::KZT), Currency::TRY, y, Currency::USD)
            .unwrap();
        let mut direct = Rates::new();
        direct.insert(Currency::KZT, Currency::TRY, y, r1 * r2).unwrap();
        let once = direct.convert(&Money::new(a, Currency::KZT), Currency::TRY, y).unwrap();
        prop_assert_eq!(via, once);
    }
}
