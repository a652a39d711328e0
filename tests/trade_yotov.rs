//! Pair sums on real data: six countries of the Yotov et al. gravity data set (tests/data/
//! yotov_subset.csv), checked against sums computed independently by tools/gen_yotov_subset.py
//! (tests/data/yotov_expected.csv). A row there is the exporter's export, in millions of US
//! dollars; the domestic rows (exporter = importer) are kept apart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::str::FromStr;

use rust_decimal::RoundingStrategy;
use rust_decimal_macros::dec;
use tradestat::{
    Area, Country, Currency, Decimal, Domestic, Error, Flow, Measure, Money, Period, Perspective,
    Scale, TradeData, TradeRecord,
};

const SUBSET: &str = include_str!("data/yotov_subset.csv");
const EXPECTED: &str = include_str!("data/yotov_expected.csv");

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split(',').collect())
}

fn country(code: &str) -> Country {
    Country::from_str(code).unwrap()
}

fn records() -> Vec<TradeRecord> {
    rows(SUBSET)
        .map(|r| {
            let value = Money::from_scaled(
                Decimal::from_str(r[3]).unwrap(),
                Scale::Million,
                Currency::USD,
            )
            .unwrap();
            TradeRecord::new(
                country(r[0]),
                country(r[1]),
                Period::from_str(r[2]).unwrap(),
                Flow::Export,
                value,
            )
        })
        .collect()
}

fn data() -> TradeData {
    TradeData::builder()
        .domestic(Domestic::Keep)
        .build(records())
        .unwrap()
}

#[test]
fn domestic_rows_are_kept_apart() {
    // 6 countries, 21 years: 6 * 6 * 21 = 756 rows, of which 6 * 21 = 126 domestic.
    assert_eq!(records().len(), 756);
    let err = TradeData::from_records(records()).unwrap_err();
    assert!(matches!(err, Error::DomesticRecord { .. }), "{err}");
    let data = data();
    assert_eq!(data.len(), 630);
    assert_eq!(data.domestic_len(), 126);
    // CHN,CHN,1986,236919.60779128753 (millions).
    assert_eq!(
        data.domestic(Country::CHN, Period::year(1986).unwrap())
            .unwrap(),
        Some(Money::new(dec!(236919607791.28753), Currency::USD))
    );
    // Never counted as trade: no pair of an area with itself, no partner equal to the reporter.
    assert!(data.bilateral(Country::CHN, Country::CHN).is_err());
    assert!(!data
        .partners(Country::CHN)
        .contains(&Area::from(Country::CHN)));
    assert_eq!(
        data.value(
            Country::CHN,
            Country::CHN,
            Flow::Export,
            tradestat::Commodity::TOTAL,
            Period::year(1986).unwrap()
        )
        .unwrap(),
        None
    );
    assert_eq!(data.reporters().len(), 6);
    assert_eq!(data.periods().len(), 21);
}

#[test]
fn pair_sums_match_an_independent_computation() {
    let data = data();
    let mut checked = 0;
    for r in rows(EXPECTED) {
        let (a, b) = (country(r[0]), country(r[1]));
        let year = Period::from_str(r[2]).unwrap();
        let usd = |s: &str| Money::new(Decimal::from_str(s).unwrap(), Currency::USD);
        let pair = data.bilateral(a, b).unwrap().with_cif_fob(dec!(1)).unwrap();
        assert_eq!(
            pair.exports(Perspective::Reporter).unwrap().get(year),
            Some(usd(r[3]))
        );
        // A's imports from b are b's exports to a: the partner's report (factor 1, no adjustment).
        assert_eq!(
            pair.imports(Perspective::Partner).unwrap().get(year),
            Some(usd(r[4]))
        );
        assert_eq!(
            pair.imports(Perspective::ReporterThenPartner)
                .unwrap()
                .get(year),
            Some(usd(r[4]))
        );
        assert_eq!(
            pair.turnover(Perspective::ReporterThenPartner)
                .unwrap()
                .get(year),
            Some(usd(r[5]))
        );
        // Under the reporter perspective a reported no imports: no turnover at all.
        assert!(matches!(
            pair.turnover(Perspective::Reporter),
            Err(Error::NoData { .. })
        ));
        assert_eq!(
            data.value(a, b, Measure::Exports, tradestat::Commodity::TOTAL, year)
                .unwrap(),
            Some(usd(r[3]))
        );
        if !r[6].is_empty() {
            let turnover = pair.turnover(Perspective::ReporterThenPartner).unwrap();
            let growth = turnover.growth_rates().unwrap();
            let (_, rate) = growth.iter().find(|(p, _)| *p == year).unwrap();
            let round =
                |d: Decimal| d.round_dp_with_strategy(24, RoundingStrategy::MidpointNearestEven);
            assert_eq!(
                round(rate.as_fraction()),
                round(Decimal::from_str(r[6]).unwrap()),
                "{a} {b} {year}"
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 84);
}

#[test]
fn the_partners_view_of_the_same_rows() {
    // With factor 1, Germany's imports from Türkiye under Partner are Türkiye's exports as reported.
    let data = data();
    let year = Period::year(1986).unwrap();
    let deu = data
        .bilateral(Country::DEU, Country::TUR)
        .unwrap()
        .with_cif_fob(dec!(1))
        .unwrap();
    // TUR,DEU,1986 = 1022.019183807373 millions.
    assert_eq!(
        deu.imports(Perspective::Partner).unwrap().get(year),
        Some(Money::new(dec!(1022019183.807373), Currency::USD))
    );
    // With the IMF factor, 1022019183.807373 * 1.06 = 1083340334.83581538 CIF.
    let deu = data.bilateral(Country::DEU, Country::TUR).unwrap();
    assert_eq!(
        deu.imports(Perspective::Partner).unwrap().get(year),
        Some(Money::new(dec!(1083340334.83581538), Currency::USD))
    );
}
