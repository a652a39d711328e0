//! TradeData rules: totals over commodity codes, the inconsistency report, frequencies,
//! duplicates, domestic records, currencies. Expected values are worked out in the comments.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal_macros::dec;
use tradestat::{
    Commodity, Country, Currency, Decimal, Domestic, Duplicates, Error, Flow, Frequency, Measure,
    Money, Period, Perspective, TradeData, TradeRecord, Valuation,
};

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn hs(code: &str) -> Commodity {
    Commodity::hs(code).unwrap()
}

fn export(period: &str, commodity: Commodity, amount: Decimal) -> TradeRecord {
    TradeRecord::new(
        Country::KAZ,
        Country::TUR,
        p(period),
        Flow::Export,
        usd(amount),
    )
    .with_commodity(commodity)
}

fn exports(data: &TradeData, commodity: Commodity, period: &str) -> Option<Decimal> {
    data.value(
        Country::KAZ,
        Country::TUR,
        Flow::Export,
        commodity,
        p(period),
    )
    .unwrap()
    .map(|m| m.amount())
}

#[test]
fn a_code_without_a_record_is_the_sum_of_its_children() {
    // 2709: 40, 2710: 15, 271019 (below 2710's 15, hidden by it): 7, 7108: 30.
    let data = TradeData::from_records([
        export("2022", hs("2709"), dec!(40)),
        export("2022", hs("2710"), dec!(15)),
        export("2022", hs("271019"), dec!(7)),
        export("2022", hs("7108"), dec!(30)),
    ])
    .unwrap();
    assert_eq!(exports(&data, hs("27"), "2022"), Some(dec!(55))); // 40 + 15, not + 7
    assert_eq!(exports(&data, hs("71"), "2022"), Some(dec!(30)));
    assert_eq!(exports(&data, Commodity::TOTAL, "2022"), Some(dec!(85))); // 55 + 30
    assert_eq!(exports(&data, hs("2710"), "2022"), Some(dec!(15)));
    assert_eq!(exports(&data, hs("2711"), "2022"), None);
    assert_eq!(exports(&data, hs("01"), "2022"), None);
    // 2710's reported 15 differs from its part 271019 (7): reported, and listed.
    let report = data.inconsistencies();
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].commodity, hs("2710"));
    assert_eq!(
        (report[0].reported, report[0].parts),
        (usd(dec!(15)), usd(dec!(7)))
    );
    assert_eq!(report[0].difference().unwrap(), usd(dec!(8)));
    // Bilateral queries use the same rule, for the total or one code.
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    assert_eq!(
        pair.exports(Perspective::Reporter).unwrap().get(p("2022")),
        Some(usd(dec!(85)))
    );
    let oil = pair
        .clone()
        .commodity(hs("27"))
        .exports(Perspective::Reporter)
        .unwrap();
    assert_eq!(oil.get(p("2022")), Some(usd(dec!(55))));
    assert_eq!(
        data.products(Country::KAZ, Country::TUR, p("2022")),
        [hs("2709"), hs("2710"), hs("271019"), hs("7108")]
    );
}

#[test]
fn a_reported_total_is_used_and_a_disagreement_reported() {
    // TOTAL 100; chapter 27: 60 with headings 2709: 40 and 2710: 15 (sum 55); chapter 71: 30.
    let data = TradeData::from_records([
        export("2022", Commodity::TOTAL, dec!(100)),
        export("2022", hs("27"), dec!(60)),
        export("2022", hs("2709"), dec!(40)),
        export("2022", hs("2710"), dec!(15)),
        export("2022", hs("71"), dec!(30)),
        // 2023 agrees with its parts: 10 = 4 + 6.
        export("2023", Commodity::TOTAL, dec!(10)),
        export("2023", hs("27"), dec!(4)),
        export("2023", hs("71"), dec!(6)),
    ])
    .unwrap();
    assert_eq!(exports(&data, Commodity::TOTAL, "2022"), Some(dec!(100)));
    assert_eq!(exports(&data, hs("27"), "2022"), Some(dec!(60)));
    let mut report: Vec<(Commodity, Decimal, Decimal)> = data
        .inconsistencies()
        .iter()
        .map(|i| (i.commodity, i.reported.amount(), i.parts.amount()))
        .collect();
    report.sort();
    // TOTAL 100 against 27 + 71 = 60 + 30 = 90; 27's 60 against 40 + 15 = 55. 2023 agrees.
    let mut expected = vec![
        (Commodity::TOTAL, dec!(100), dec!(90)),
        (hs("27"), dec!(60), dec!(55)),
    ];
    expected.sort();
    assert_eq!(report, expected);
    assert!(data
        .inconsistencies()
        .iter()
        .all(|i| i.period == p("2022") && i.flow == Flow::Export));
}

#[test]
fn classifications_never_mix() {
    let sitc = Commodity::sitc("3").unwrap(); // mineral fuels
    let mixed = TradeData::from_records([
        export("2022", hs("27"), dec!(60)),
        export("2022", sitc, dec!(50)),
    ])
    .unwrap();
    assert!(matches!(
        mixed.value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            p("2022")
        ),
        Err(Error::InvalidArgument { .. })
    ));
    assert_eq!(exports(&mixed, hs("27"), "2022"), Some(dec!(60)));
    assert_eq!(exports(&mixed, sitc, "2022"), Some(dec!(50)));
    // A reported total is compared with each classification's parts on its own.
    let with_total = TradeData::from_records([
        export("2022", Commodity::TOTAL, dec!(60)),
        export("2022", hs("27"), dec!(60)),
        export("2022", sitc, dec!(50)),
    ])
    .unwrap();
    assert_eq!(
        exports(&with_total, Commodity::TOTAL, "2022"),
        Some(dec!(60))
    );
    let report = with_total.inconsistencies();
    assert_eq!(report.len(), 1);
    assert_eq!(report[0].parts, usd(dec!(50)));
}

#[test]
fn finer_periods_sum_only_when_complete() {
    let mut records = vec![export("2021", Commodity::TOTAL, dec!(100))];
    // 2022: all twelve months, 1 to 12 (sum 78); 2023: January to June only.
    for m in 1..=12 {
        records.push(export(
            &format!("2022-{m:02}"),
            Commodity::TOTAL,
            Decimal::from(m),
        ));
    }
    for m in 1..=6 {
        records.push(export(&format!("2023-{m:02}"), Commodity::TOTAL, dec!(10)));
    }
    let data = TradeData::from_records(records).unwrap();
    assert_eq!(data.frequencies(), [Frequency::Annual, Frequency::Monthly]);
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    assert_eq!(pair.current_frequency(), Frequency::Annual);
    let annual = pair.exports(Perspective::Reporter).unwrap();
    // 2021 as reported, 2022 = 78 from its months, 2023 incomplete: no value.
    let points: Vec<(Period, Decimal)> = annual.iter().map(|(p, m)| (p, m.amount())).collect();
    assert_eq!(points, [(p("2021"), dec!(100)), (p("2022"), dec!(78))]);
    let quarterly = pair
        .clone()
        .frequency(Frequency::Quarterly)
        .exports(Perspective::Reporter)
        .unwrap();
    // 2022-Q1 = 1 + 2 + 3 = 6, Q4 = 10 + 11 + 12 = 33; 2023-Q1 and Q2 = 30 each. 2021 has no quarters.
    let points: Vec<(Period, Decimal)> = quarterly.iter().map(|(p, m)| (p, m.amount())).collect();
    assert_eq!(points.first(), Some(&(p("2022-Q1"), dec!(6))));
    assert_eq!(points.len(), 6);
    assert_eq!(points.last(), Some(&(p("2023-Q2"), dec!(30))));
    let monthly = pair
        .frequency(Frequency::Monthly)
        .exports(Perspective::Reporter)
        .unwrap();
    assert_eq!(monthly.len(), 18);
    assert_eq!(exports(&data, Commodity::TOTAL, "2022"), Some(dec!(78)));
    assert_eq!(exports(&data, Commodity::TOTAL, "2023"), None);
    assert_eq!(exports(&data, Commodity::TOTAL, "2023-Q2"), Some(dec!(30)));
}

#[test]
fn quarters_and_months_never_mix_in_one_sum() {
    // 2024: quarters 1 and 2 reported as quarters, months 7 to 12 as months: neither complete.
    let mut records = vec![
        export("2024-Q1", Commodity::TOTAL, dec!(50)),
        export("2024-Q2", Commodity::TOTAL, dec!(50)),
    ];
    for m in 7..=12 {
        records.push(export(&format!("2024-{m:02}"), Commodity::TOTAL, dec!(10)));
    }
    let data = TradeData::from_records(records).unwrap();
    assert_eq!(exports(&data, Commodity::TOTAL, "2024"), None);
    assert_eq!(exports(&data, Commodity::TOTAL, "2024-Q3"), Some(dec!(30)));
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    // The coarsest frequency present is quarterly: Q1, Q2 reported, Q3, Q4 from months.
    assert_eq!(pair.current_frequency(), Frequency::Quarterly);
    assert_eq!(
        pair.exports(Perspective::Reporter)
            .unwrap()
            .total()
            .unwrap(),
        usd(dec!(160))
    );
    let annual = pair.frequency(Frequency::Annual);
    assert!(matches!(
        annual.exports(Perspective::Reporter),
        Err(Error::NoData { .. })
    ));
}

#[test]
fn duplicates_are_an_error_or_summed_never_dropped() {
    let records = [
        export("2022", hs("2709"), dec!(40)),
        export("2022", hs("2709"), dec!(2.5)),
    ];
    let err = TradeData::from_records(records).unwrap_err();
    assert!(matches!(err, Error::DuplicateRecord { .. }));
    assert!(err.to_string().contains("Kazakhstan -> Türkiye"), "{err}");
    let summed = TradeData::builder()
        .duplicates(Duplicates::Sum)
        .build(records)
        .unwrap();
    assert_eq!(summed.len(), 1);
    assert_eq!(exports(&summed, hs("2709"), "2022"), Some(dec!(42.5)));
    // Different valuations cannot be added.
    let cif = records[1].with_valuation(Valuation::Cif);
    let err = TradeData::builder()
        .duplicates(Duplicates::Sum)
        .build([records[0], cif])
        .unwrap_err();
    assert!(matches!(err, Error::DuplicateRecord { .. }));
}

#[test]
fn domestic_records_are_an_error_or_kept_apart() {
    let own = TradeRecord::new(
        Country::KAZ,
        Country::KAZ,
        p("2022"),
        Flow::Export,
        usd(dec!(900)),
    );
    let trade = export("2022", Commodity::TOTAL, dec!(40));
    assert!(matches!(
        TradeData::from_records([own, trade]),
        Err(Error::DomesticRecord { .. })
    ));
    let data = TradeData::builder()
        .domestic(Domestic::Keep)
        .build([own, trade])
        .unwrap();
    assert_eq!(data.len(), 1);
    assert_eq!(
        data.domestic(Country::KAZ, p("2022")).unwrap(),
        Some(usd(dec!(900)))
    );
    assert_eq!(data.domestic(Country::TUR, p("2022")).unwrap(), None);
    assert_eq!(data.domestic_records().collect::<Vec<_>>(), [own]);
    assert_eq!(data.iter().collect::<Vec<_>>(), [trade]);
}

#[test]
fn one_currency_per_data_set() {
    let eur = TradeRecord::new(
        Country::KAZ,
        Country::TUR,
        p("2023"),
        Flow::Export,
        Money::new(dec!(1), Currency::EUR),
    );
    let err =
        TradeData::from_records([export("2022", Commodity::TOTAL, dec!(40)), eur]).unwrap_err();
    assert!(matches!(err, Error::CurrencyMismatch { .. }));
    let empty = TradeData::from_records([]).unwrap();
    assert!(empty.is_empty());
    assert_eq!(empty.currency(), None);
    assert!(empty.reporters().is_empty());
    assert!(matches!(
        empty.bilateral(Country::KAZ, Country::TUR),
        Err(Error::NoData { .. })
    ));
    assert!(empty
        .largest_asymmetries(Measure::Exports, p("2022"), 5)
        .unwrap()
        .is_empty());
}

#[test]
fn conversion_while_building_names_a_missing_rate() {
    let mut rates = tradestat::fx::Rates::new();
    rates
        .insert(Currency::USD, Currency::TRY, p("2023"), dec!(23.75))
        .unwrap();
    let tur_imports = |period: &str, amount: Decimal| {
        TradeRecord::new(
            Country::TUR,
            Country::KAZ,
            p(period),
            Flow::Import,
            Money::new(amount, Currency::TRY),
        )
    };
    let records = [
        export("2023", Commodity::TOTAL, dec!(4)),
        tur_imports("2023", dec!(95)),
    ];
    let data = TradeData::builder()
        .convert_to(Currency::USD, &rates)
        .build(records)
        .unwrap();
    assert_eq!(data.currency(), Some(Currency::USD));
    // 95 TRY / 23.75 = 4 USD.
    let imports = data
        .value(
            Country::TUR,
            Country::KAZ,
            Flow::Import,
            Commodity::TOTAL,
            p("2023"),
        )
        .unwrap();
    assert_eq!(imports, Some(usd(dec!(4))));
    let pair = data
        .bilateral(Country::KAZ, Country::TUR)
        .unwrap()
        .with_cif_fob(dec!(1))
        .unwrap();
    let asymmetry = pair.asymmetry(Measure::Exports).unwrap();
    assert_eq!(asymmetry[0].difference().unwrap(), usd(dec!(0)));
    // 2024 has no rate: the error names both currencies and the period.
    let err = TradeData::builder()
        .convert_to(Currency::USD, &rates)
        .build([records[0], records[1], tur_imports("2024", dec!(10))])
        .unwrap_err();
    assert_eq!(
        err,
        Error::MissingRate {
            from: Currency::TRY,
            to: Currency::USD,
            period: p("2024")
        }
    );
}

#[test]
fn sitc_codes_and_a_heading_with_its_one_subheading() {
    let sitc = |code: &str| Commodity::sitc(code).unwrap();
    // SITC 0011: 5, 0012: 7, 01: 3 (no 001, 00, 0 or total reported).
    let data = TradeData::from_records([
        export("2000", sitc("0011"), dec!(5)),
        export("2000", sitc("0012"), dec!(7)),
        export("2000", sitc("01"), dec!(3)),
        // HS heading 2709 (40) and its subheading 270900 (39): the heading is used, the gap listed.
        export("2001", hs("2709"), dec!(40)),
        export("2001", hs("270900"), dec!(39)),
    ])
    .unwrap();
    assert_eq!(exports(&data, sitc("001"), "2000"), Some(dec!(12)));
    assert_eq!(exports(&data, sitc("0"), "2000"), Some(dec!(15)));
    assert_eq!(exports(&data, Commodity::TOTAL, "2000"), Some(dec!(15)));
    assert_eq!(exports(&data, Commodity::TOTAL, "2001"), Some(dec!(40)));
    assert_eq!(exports(&data, hs("270900"), "2001"), Some(dec!(39)));
    let report = data.inconsistencies();
    assert_eq!(report.len(), 1);
    assert_eq!(
        (report[0].commodity, report[0].parts),
        (hs("2709"), usd(dec!(39)))
    );
}

#[test]
fn a_reported_year_that_differs_from_its_months_is_reported() {
    use tradestat::Breakdown;
    // 2022: reported 100, months 1 to 12 sum to 78; 2023: reported 120, months of 10 agree;
    // 2024: reported 50 and only quarters 1 to 3 (no complete breakdown, nothing to compare).
    let mut records = vec![
        export("2022", Commodity::TOTAL, dec!(100)),
        export("2023", Commodity::TOTAL, dec!(120)),
        export("2024", Commodity::TOTAL, dec!(50)),
    ];
    for m in 1..=12 {
        records.push(export(
            &format!("2022-{m:02}"),
            Commodity::TOTAL,
            Decimal::from(m),
        ));
        records.push(export(&format!("2023-{m:02}"), Commodity::TOTAL, dec!(10)));
    }
    for q in 1..=3 {
        records.push(export(&format!("2024-Q{q}"), Commodity::TOTAL, dec!(10)));
    }
    let data = TradeData::from_records(records).unwrap();
    // The reported year is what queries use.
    assert_eq!(exports(&data, Commodity::TOTAL, "2022"), Some(dec!(100)));
    let report = data.inconsistencies();
    assert_eq!(report.len(), 1, "{report:?}");
    assert_eq!(report[0].period, p("2022"));
    assert_eq!(report[0].breakdown, Breakdown::Periods(Frequency::Monthly));
    assert_eq!(
        (report[0].reported, report[0].parts),
        (usd(dec!(100)), usd(dec!(78)))
    );
}
