//! Trade records: flows, commodities and records, on real SITC data and with property tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use tradestat::{
    Classification, Commodity, Country, Currency, Decimal, Error, Flow, Measure, Money, Period,
    TradeRecord, Valuation,
};

fn usd(n: i64) -> Money {
    Money::new(Decimal::from(n), Currency::USD)
}

fn year(y: i32) -> Period {
    Period::year(y).expect("valid year")
}

/// The rows of `tests/data/sitc2_exports_kaz_tur_1998_2000.csv`: (country, product, value).
fn sitc_rows() -> Vec<(String, String, i64)> {
    let text = include_str!("data/sitc2_exports_kaz_tur_1998_2000.csv");
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let mut f = line.split(',');
            let country = f.next().expect("country").to_owned();
            let product = f.next().expect("product").to_owned();
            let value = f.next().expect("value").parse().expect("integer value");
            (country, product, value)
        })
        .collect()
}

#[test]
fn comtrade_flow_table() {
    let table = [
        ("X", Flow::Export, None),
        ("M", Flow::Import, None),
        ("DX", Flow::DomesticExport, Some(Flow::Export)),
        ("RX", Flow::ReExport, Some(Flow::Export)),
        ("FM", Flow::ForeignImport, Some(Flow::Import)),
        ("RM", Flow::ReImport, Some(Flow::Import)),
        ("MIP", Flow::ImportForInwardProcessing, Some(Flow::Import)),
        (
            "MOP",
            Flow::ImportAfterOutwardProcessing,
            Some(Flow::Import),
        ),
        ("XIP", Flow::ExportAfterInwardProcessing, Some(Flow::Export)),
        ("XOP", Flow::ExportForOutwardProcessing, Some(Flow::Export)),
    ];
    assert_eq!(table.len(), Flow::ALL.len());
    for (code, flow, total) in table {
        assert_eq!(Flow::from_comtrade_code(code).unwrap(), flow);
        assert_eq!(flow.comtrade_code(), code);
        assert_eq!(flow.part_of(), total, "{code}");
    }
}

#[test]
fn parts_of_a_total_add_up_to_it() {
    // Kazakhstan reports domestic exports 10 and re-exports 2 to Türkiye: exports are 12.
    let records = [
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            year(2021),
            Flow::DomesticExport,
            usd(10),
        ),
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            year(2021),
            Flow::ReExport,
            usd(2),
        ),
        // Overlaps the origin breakdown: must not be added to it.
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            year(2021),
            Flow::ExportAfterInwardProcessing,
            usd(3),
        ),
    ];
    let parts = Flow::Export.parts();
    let values: Vec<Money> = records
        .iter()
        .filter(|r| parts.contains(&r.flow()))
        .map(|r| r.value())
        .collect();
    assert_eq!(Money::sum(Currency::USD, &values).unwrap(), usd(12));
    assert!(records
        .iter()
        .all(|r| r.flow().measure() == Measure::Exports));
    assert!(records.iter().all(|r| r.valuation() == Valuation::Fob));
}

#[test]
fn sitc_world_exports_sum_by_section_and_division() {
    let rows = sitc_rows();
    // 713 rows for Kazakhstan and 778 for Türkiye (counted with a Python script).
    assert_eq!(rows.len(), 713 + 778);
    let mut sections: BTreeMap<(String, Commodity), i64> = BTreeMap::new();
    let mut divisions: BTreeMap<(String, Commodity), i64> = BTreeMap::new();
    for (country, product, value) in &rows {
        let c = Commodity::sitc(product).unwrap();
        assert_eq!(c.classification(), Some(Classification::Sitc));
        assert_eq!(c.level(), 4);
        assert_eq!(c.code(), *product);
        // 4 steps up to the total, each an ancestor of the code.
        let chain: Vec<Commodity> = std::iter::successors(c.parent(), |p| p.parent()).collect();
        assert_eq!(chain.len(), 4);
        assert!(chain.iter().all(|p| p.is_ancestor_of(&c)));
        assert_eq!(chain[3], Commodity::TOTAL);
        *sections
            .entry((country.clone(), c.ancestor_at(1).unwrap()))
            .or_default() += value;
        *divisions
            .entry((country.clone(), c.ancestor_at(2).unwrap()))
            .or_default() += value;
    }
    let section =
        |country: &str, code: &str| sections[&(country.to_owned(), Commodity::sitc(code).unwrap())];
    let division = |country: &str, code: &str| {
        divisions[&(country.to_owned(), Commodity::sitc(code).unwrap())]
    };
    // Expected sums computed independently with Python over the same rows.
    assert_eq!(section("kaz", "3"), 287_858_263); // mineral fuels
    assert_eq!(section("kaz", "2"), 287_151_969); // crude materials
    assert_eq!(section("tur", "8"), 99_024_240); // miscellaneous manufactures (clothing)
    assert_eq!(section("tur", "7"), 149_405_379); // machinery and transport equipment
    assert_eq!(division("kaz", "33"), 158_396_244); // petroleum
    assert_eq!(division("tur", "84"), 80_230_975); // apparel
    let kaz_total: i64 = sections
        .iter()
        .filter(|((c, _), _)| c == "kaz")
        .map(|(_, v)| v)
        .sum();
    assert_eq!(kaz_total, 926_638_157);
    // Every section present, and one division fewer for Kazakhstan (68) than for Türkiye (69).
    assert_eq!(sections.keys().filter(|(c, _)| c == "kaz").count(), 10);
    assert_eq!(divisions.keys().filter(|(c, _)| c == "kaz").count(), 68);
    assert_eq!(divisions.keys().filter(|(c, _)| c == "tur").count(), 69);
    // Read as HS (no prefix), SITC "0011" is not a code: heading 00 does not exist.
    assert!("0011".parse::<Commodity>().is_err());
}

#[test]
fn invalid_commodities_say_why() {
    let err = Commodity::hs("7708").unwrap_err();
    assert!(err.is_parse());
    assert_eq!(
        err.to_string(),
        "invalid commodity code \"7708\": HS chapter 77 does not exist (reserved for future use)"
    );
    let err = "XX".parse::<Flow>().unwrap_err();
    assert!(matches!(&err, Error::UnknownFlow { input } if input == "XX"));
    assert!(err.to_string().contains("MIP"));
}

#[cfg(feature = "serde")]
mod serde_tests {
    use super::*;
    use tradestat::Area;

    #[test]
    fn record_round_trips_through_json() {
        let r = TradeRecord::new(
            Country::KAZ,
            Area::OtherAsiaNes,
            Period::month(2022, 7).unwrap(),
            Flow::ReImport,
            Money::new(Decimal::new(12345, 2), Currency::USD),
        )
        .with_commodity(Commodity::sitc("0011").unwrap())
        .with_valuation(Valuation::Fob);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(
            json,
            r#"{"reporter":"KAZ","partner":"Other Asia, n.e.s.","period":"2022-07","flow":"RM","commodity":"SITC:0011","valuation":"FOB","value":{"amount":"123.45","currency":"USD"}}"#
        );
        let back: TradeRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }

    #[test]
    fn missing_commodity_and_valuation_take_defaults() {
        let json = r#"{"reporter":"TUR","partner":"KAZ","period":"2021","flow":"imports","value":{"amount":"5","currency":"USD"}}"#;
        let r: TradeRecord = serde_json::from_str(json).unwrap();
        assert_eq!(r.flow(), Flow::Import);
        assert_eq!(r.commodity(), Commodity::TOTAL);
        assert_eq!(r.valuation(), Valuation::Cif);
    }

    #[test]
    fn bad_fields_are_errors_that_name_them() {
        let base = r#""reporter":"TUR","partner":"KAZ","period":"2021","value":{"amount":"5","currency":"USD"}"#;
        let bad_flow = format!(r#"{{{base},"flow":"XM"}}"#);
        let err = serde_json::from_str::<TradeRecord>(&bad_flow).unwrap_err();
        assert!(
            err.to_string().contains("unknown trade flow \"XM\""),
            "{err}"
        );
        let bad_code = format!(r#"{{{base},"flow":"X","commodity":"77"}}"#);
        let err = serde_json::from_str::<TradeRecord>(&bad_code).unwrap_err();
        assert!(err.to_string().contains("chapter 77"), "{err}");
        let numeric_code = format!(r#"{{{base},"flow":"X","commodity":101}}"#);
        assert!(serde_json::from_str::<TradeRecord>(&numeric_code).is_err());
        let unknown = format!(r#"{{{base},"flow":"X","unit":"thousands"}}"#);
        let err = serde_json::from_str::<TradeRecord>(&unknown).unwrap_err();
        assert!(err.to_string().contains("unknown field `unit`"), "{err}");
        let missing = r#"{"reporter":"TUR","partner":"KAZ","period":"2021","flow":"X"}"#;
        assert!(serde_json::from_str::<TradeRecord>(missing).is_err());
    }

    fn period() -> impl Strategy<Value = Period> {
        (1990_i32..2030, 0_u8..=12, any::<bool>()).prop_map(|(y, k, quarterly)| {
            match (k, quarterly) {
                (0, _) => Period::year(y).unwrap(),
                (k, true) => Period::quarter(y, (k - 1) % 4 + 1).unwrap(),
                (k, false) => Period::month(y, k).unwrap(),
            }
        })
    }

    fn area() -> impl Strategy<Value = Area> {
        prop_oneof![
            Just(Area::from(Country::KAZ)),
            Just(Area::from(Country::TUR)),
            Just(Area::World),
            Just(Area::OtherAsiaNes),
            Just(Area::Ussr),
        ]
    }

    proptest! {
        #[test]
        fn any_record_round_trips_through_json(
            reporter in area(),
            partner in area(),
            period in period(),
            i in 0_usize..10,
            commodity in commodity(),
            fob in proptest::option::of(any::<bool>()),
            (mantissa, scale) in (any::<i64>(), 0_u32..=10),
        ) {
            let flow = Flow::ALL[i];
            let value = Money::new(Decimal::new(mantissa, scale), Currency::TRY);
            let mut r = TradeRecord::new(reporter, partner, period, flow, value).with_commodity(commodity);
            if let Some(fob) = fob {
                r = r.with_valuation(if fob { Valuation::Fob } else { Valuation::Cif });
            }
            let json = serde_json::to_string(&r).unwrap();
            let back: TradeRecord = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, r);
            // Every digit of the amount survives, trailing zeros included.
            prop_assert_eq!(back.value().amount().to_string(), value.amount().to_string());
        }
    }

    #[test]
    fn value_types_serialize_as_text() {
        assert_eq!(serde_json::to_string(&Flow::ReExport).unwrap(), r#""RX""#);
        assert_eq!(
            serde_json::to_string(&Measure::Turnover).unwrap(),
            r#""turnover""#
        );
        assert_eq!(serde_json::to_string(&Valuation::Cif).unwrap(), r#""CIF""#);
        assert_eq!(
            serde_json::to_string(&Commodity::hs("0101").unwrap()).unwrap(),
            r#""0101""#
        );
        assert_eq!(
            serde_json::from_str::<Flow>(r#""re-exports""#).unwrap(),
            Flow::ReExport
        );
        assert_eq!(
            serde_json::from_str::<Classification>(r#""S3""#).unwrap(),
            Classification::Sitc
        );
    }
}

/// Valid HS codes: a chapter 01-99 except 77, then optionally a heading 01-99 and a subheading
/// 00-99.
fn hs_code() -> impl Strategy<Value = String> {
    (1_u32..=99, 1_u32..=99, 0_u32..=99, 0_usize..3)
        .prop_filter("chapter 77 does not exist", |(c, ..)| *c != 77)
        .prop_map(|(c, h, s, depth)| match depth {
            0 => format!("{c:02}"),
            1 => format!("{c:02}{h:02}"),
            _ => format!("{c:02}{h:02}{s:02}"),
        })
}

fn commodity() -> impl Strategy<Value = Commodity> {
    prop_oneof![
        Just(Commodity::TOTAL),
        hs_code().prop_map(|s| Commodity::hs(&s).expect("valid HS")),
        "[0-9]{1,5}".prop_map(|s| Commodity::sitc(&s).expect("valid SITC")),
    ]
}

proptest! {
    #[test]
    fn flow_text_and_code_round_trip(i in 0_usize..10, lower in any::<bool>()) {
        let flow = Flow::ALL[i];
        let code = if lower { flow.comtrade_code().to_lowercase() } else { flow.comtrade_code().to_owned() };
        prop_assert_eq!(code.parse::<Flow>().unwrap(), flow);
        prop_assert_eq!(flow.to_string().parse::<Flow>().unwrap(), flow);
        prop_assert_eq!(flow.to_string().to_uppercase().parse::<Flow>().unwrap(), flow);
    }

    #[test]
    fn commodity_text_round_trips(c in commodity()) {
        let text = c.to_string();
        prop_assert_eq!(text.parse::<Commodity>().unwrap(), c);
        if let Some(classification) = c.classification() {
            prop_assert_eq!(Commodity::new(classification, &c.code()).unwrap(), c);
            prop_assert_eq!(c.code().len(), usize::from(c.level()));
        }
    }

    #[test]
    fn parent_chain_ends_at_total(c in commodity()) {
        let mut current = c;
        let mut steps = 0;
        while let Some(parent) = current.parent() {
            prop_assert!(parent.level() < current.level());
            prop_assert!(parent.is_ancestor_of(&c));
            prop_assert!(parent < current); // parents sort first
            prop_assert!(parent.is_total() || parent.classification() == c.classification());
            current = parent;
            steps += 1;
            prop_assert!(steps <= 5);
        }
        prop_assert_eq!(current, Commodity::TOTAL);
    }

    #[test]
    fn codes_of_different_classifications_differ(a in commodity(), b in commodity()) {
        if a.classification() != b.classification() {
            prop_assert_ne!(a, b);
            prop_assert!(!a.is_ancestor_of(&b) || a.is_total());
        }
        // Ordering agrees with equality.
        prop_assert_eq!(a == b, a.cmp(&b) == std::cmp::Ordering::Equal);
    }

    #[test]
    fn parsers_never_panic_and_what_they_accept_round_trips(s in "\\PC{0,12}") {
        if let Ok(c) = s.parse::<Commodity>() {
            prop_assert_eq!(c.to_string().parse::<Commodity>().unwrap(), c);
        }
        if let Ok(f) = s.parse::<Flow>() {
            prop_assert_eq!(f.to_string().parse::<Flow>().unwrap(), f);
        }
        if let Ok(m) = s.parse::<Measure>() {
            prop_assert_eq!(m.to_string().parse::<Measure>().unwrap(), m);
        }
        if let Ok(v) = s.parse::<Valuation>() {
            prop_assert_eq!(v.to_string().parse::<Valuation>().unwrap(), v);
        }
        let _ = s.parse::<Classification>();
        let _ = Commodity::sitc(&s);
        let _ = Flow::from_comtrade_code(&s);
    }

    #[test]
    fn digit_strings_parse_as_hs_exactly_when_valid(s in "[0-9.]{0,9}") {
        let valid = s.len() % 2 == 0 && (2..=6).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_digit())
            && !matches!(&s[..2], "00" | "77")
            && (s.len() < 4 || &s[2..4] != "00");
        let dotted = s.len() == 7 && s.as_bytes()[4] == b'.'
            && s.bytes().enumerate().all(|(i, b)| i == 4 || b.is_ascii_digit())
            && !matches!(&s[..2], "00" | "77") && &s[2..4] != "00";
        prop_assert_eq!(Commodity::hs(&s).is_ok(), valid || dotted, "{}", s);
    }
}
