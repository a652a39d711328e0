//! Issue 14, item 1: a dyadic table holds one figure per flow, for both sides
//! (`Reporting::Single`): the exporter's exports are the importer's imports, under every
//! perspective, never converted with the CIF/FOB factor, with no mirror asymmetry.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![allow(clippy::needless_range_loop)] // pairs of indexes into one table read clearer so

use proptest::prelude::*;
use tradestat::indicators::{grubel_lloyd, partner_share};
use tradestat::io::dyadic::{CodeSystem, DyadicReader};
use tradestat::io::tidy::{self, TidyReader};
use tradestat::{
    Commodity, Country, Currency, Decimal, Domestic, Error, Flow, Measure, Money, Period,
    Perspective, Reporting, Scale, TradeData, TradeRecord, Valuation,
};

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn yotov(reporting: Reporting) -> TradeData {
    DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .codes(CodeSystem::Alpha3)
        .unit(Scale::Million)
        .reporting(reporting)
        .open("tests/data/yotov_agtpa_trade.csv")
        .unwrap()
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))
        .unwrap()
        .0
}

// From tests/data/yotov_agtpa_trade.csv (millions of US dollars), by a Python one-liner over
// the file: DEU,TUR,2006,15549.121329711914 and TUR,DEU,2006,9161.403019790649.
const DEU_TO_TUR_2006: &str = "15549121329.711914";
const TUR_TO_DEU_2006: &str = "9161403019.790649";
// Their exact sum (Python Decimal).
const TURNOVER_2006: &str = "24710524349.502563";

#[test]
fn yotov_turkiye_and_germany_2006_are_the_files_figures_from_both_sides_and_every_perspective() {
    // Before the fix: imports(Reporter) failed (no import records) and ReporterThenPartner gave
    // 15,549.12 million x 1.06 = 16.48 bn, turnover 25.64 bn.
    let data = yotov(Reporting::Single);
    let y = Period::year(2006).unwrap();
    for (a, b, exports, imports) in [
        (Country::TUR, Country::DEU, TUR_TO_DEU_2006, DEU_TO_TUR_2006),
        (Country::DEU, Country::TUR, DEU_TO_TUR_2006, TUR_TO_DEU_2006),
    ] {
        let pair = data.bilateral(a, b).unwrap();
        for view in Perspective::ALL {
            let why = format!("{a:?} with {b:?}, {view}");
            assert_eq!(
                pair.exports(view).unwrap().get(y),
                Some(usd(exports)),
                "{why}"
            );
            assert_eq!(
                pair.imports(view).unwrap().get(y),
                Some(usd(imports)),
                "{why}"
            );
            assert_eq!(
                pair.turnover(view).unwrap().get(y),
                Some(usd(TURNOVER_2006)),
                "{why}"
            );
        }
        // The reporter's own figure, as TradeData::value gives it.
        let m = data.value(a, b, Flow::Import, Commodity::TOTAL, y).unwrap();
        assert_eq!(m, Some(usd(imports)));
        // No mirror: the same observation is not compared with itself.
        for measure in [Measure::Exports, Measure::Imports, Measure::Turnover] {
            let err = pair.asymmetry(measure).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidArgument { reason } if reason.contains("one figure for both sides")),
                "{err}"
            );
        }
    }
    assert!(data
        .largest_asymmetries(Measure::Exports, y, 10)
        .unwrap()
        .is_empty());
}

#[test]
fn yotov_grubel_lloyd_shares_and_profile_use_the_files_figures() {
    let data = yotov(Reporting::Single);
    let y = Period::year(2006).unwrap();
    // 1 - |9161.403019790649 - 15549.121329711914| / 24710.524349502563, Python Decimal at
    // 28 significant digits, half to even. Before the fix: an error (Türkiye had no imports).
    let gl = grubel_lloyd(&data, Country::TUR, Country::DEU, Commodity::TOTAL, y).unwrap();
    assert_eq!(
        gl.value(),
        Decimal::from_str_exact("0.7414980669946870865956203864").unwrap()
    );
    // Germany's share in Türkiye's imports: 15549.121329711914 / 84467.60086011206494759 (the
    // sum of Türkiye's 68 import figures of 2006), Python Decimal.
    let share = partner_share(&data, Country::TUR, Country::DEU, Measure::Imports, y).unwrap();
    assert_eq!(
        share.value(),
        Decimal::from_str_exact("0.1840838519311448649185792789").unwrap()
    );
    let profile = data.profile(Country::TUR, Country::DEU, y).unwrap();
    let row = profile.first().rows.iter().find(|r| r.period == y).unwrap();
    assert_eq!(row.exports, Some(usd(TUR_TO_DEU_2006)));
    assert_eq!(row.imports, Some(usd(DEU_TO_TUR_2006)));
    assert_eq!(row.turnover, Some(usd(TURNOVER_2006)));
    let row = profile
        .second()
        .rows
        .iter()
        .find(|r| r.period == y)
        .unwrap();
    assert_eq!(row.exports, Some(usd(DEU_TO_TUR_2006)));
    assert!(
        profile
            .notes()
            .iter()
            .any(|n| n.contains("one figure per flow for both sides")),
        "{:?}",
        profile.notes()
    );
    assert!(profile.exports_mirror().is_empty() && profile.imports_mirror().is_empty());
}

#[test]
fn a_dyadic_table_read_as_one_sides_report_keeps_the_mirror_rules() {
    // Reporting::Reporter: the exporter's own reports; the importer's imports are mirror
    // figures, converted CIF from FOB: 15549121329.711914 x 1.06 = 16482068609.49462884.
    let data = yotov(Reporting::Reporter);
    let y = Period::year(2006).unwrap();
    let pair = data.bilateral(Country::TUR, Country::DEU).unwrap();
    assert!(pair.imports(Perspective::Reporter).is_err());
    assert_eq!(
        pair.imports(Perspective::ReporterThenPartner)
            .unwrap()
            .get(y),
        Some(usd("16482068609.49462884"))
    );
}

#[test]
fn single_records_count_once_iterate_once_and_round_trip_through_tidy() {
    let y = Period::year(2020).unwrap();
    let record = TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("10"))
        .with_reporting(Reporting::Single);
    let re_export = TradeRecord::new(Country::KAZ, Country::CHN, y, Flow::ReExport, usd("2"))
        .with_reporting(Reporting::Single);
    let data = TradeData::from_records([record, re_export]).unwrap();
    assert_eq!(data.len(), 2);
    let all: Vec<TradeRecord> = data.iter().collect();
    assert_eq!(all.len(), data.iter().len());
    let mut expected = vec![re_export, record];
    expected.sort();
    assert_eq!(all, expected);
    // Building again from the records gives the same data set (the partner's side is not a
    // record of its own).
    let again = TradeData::from_records(data.iter()).unwrap();
    assert_eq!(again.iter().collect::<Vec<_>>(), all);
    // The tidy CSV keeps the mark.
    let mut text = Vec::new();
    tidy::write(&mut text, &data).unwrap();
    assert!(String::from_utf8_lossy(&text).contains(",single\n"));
    let back: Vec<TradeRecord> = TidyReader::new()
        .records(&text[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(back, all);
    // A re-export has no mirror flow: China has no import figure from it.
    assert_eq!(
        data.value(
            Country::CHN,
            Country::KAZ,
            Flow::Import,
            Commodity::TOTAL,
            y
        )
        .unwrap(),
        None
    );
    assert_eq!(
        data.value(
            Country::TUR,
            Country::KAZ,
            Flow::Import,
            Commodity::TOTAL,
            y
        )
        .unwrap(),
        Some(usd("10"))
    );
}

#[test]
fn a_sides_report_and_a_single_figure_for_the_same_flow_are_two_sources_refused() {
    let y = Period::year(2020).unwrap();
    let single = TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("10"))
        .with_reporting(Reporting::Single);
    let turkish = TradeRecord::new(Country::TUR, Country::KAZ, y, Flow::Import, usd("11"));
    let err = TradeData::from_records([single, turkish]).unwrap_err();
    assert!(
        matches!(&err, Error::DuplicateRecord { reason, .. } if reason.contains("one figure for both sides")),
        "{err}"
    );
    // Two single figures of one key, summed on request, make one single figure both ways.
    let data = TradeData::builder()
        .duplicates(tradestat::Duplicates::Sum)
        .build([single, single])
        .unwrap();
    assert_eq!(
        data.value(
            Country::TUR,
            Country::KAZ,
            Flow::Import,
            Commodity::TOTAL,
            y
        )
        .unwrap(),
        Some(usd("20"))
    );
    assert_eq!(data.len(), 1);
}

#[cfg(feature = "serde")]
#[test]
fn serde_writes_reporting_only_when_single() {
    let y = Period::year(2020).unwrap();
    let plain = TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("1"));
    let single = plain.with_reporting(Reporting::Single);
    let text = serde_json::to_string(&single).unwrap();
    assert!(text.contains("\"reporting\":\"single\""), "{text}");
    assert!(!serde_json::to_string(&plain).unwrap().contains("reporting"));
    let back: TradeRecord = serde_json::from_str(&text).unwrap();
    assert_eq!(back, single);
}

const AREAS: [Country; 4] = [Country::KAZ, Country::TUR, Country::DEU, Country::CHN];

proptest! {
    /// Any set of single figures (any valuation, any value): for every ordered pair and every
    /// perspective, a's exports are the figure a -> b and a's imports the figure b -> a, exactly;
    /// turnover is their sum.
    #[test]
    fn every_perspective_gives_the_single_figure_both_ways(
        cells in proptest::collection::btree_map((0usize..4, 0usize..4), (0i64..1_000_000_000, 0u32..4, any::<bool>()), 1..12),
    ) {
        let y = Period::year(2019).unwrap();
        let mut records = Vec::new();
        let mut figure = std::collections::BTreeMap::new();
        for (&(i, j), &(cents, scale, cif)) in &cells {
            if i == j {
                continue;
            }
            let value = Money::new(Decimal::new(cents, scale), Currency::USD);
            let valuation = if cif { Valuation::Cif } else { Valuation::Fob };
            records.push(
                TradeRecord::new(AREAS[i], AREAS[j], y, Flow::Export, value)
                    .with_valuation(valuation)
                    .with_reporting(Reporting::Single),
            );
            figure.insert((i, j), value);
        }
        prop_assume!(!records.is_empty());
        let data = TradeData::from_records(records).unwrap();
        for a in 0..4 {
            for b in 0..4 {
                if a == b {
                    continue;
                }
                let (x, m) = (figure.get(&(a, b)).copied(), figure.get(&(b, a)).copied());
                if x.is_none() && m.is_none() {
                    continue;
                }
                let pair = data.bilateral(AREAS[a], AREAS[b]).unwrap();
                for view in Perspective::ALL {
                    let got = |s: tradestat::Result<tradestat::Series>| s.ok().and_then(|s| s.get(y));
                    prop_assert_eq!(got(pair.exports(view)), x, "{} {} {}", a, b, view);
                    prop_assert_eq!(got(pair.imports(view)), m, "{} {} {}", a, b, view);
                    let turnover = match (x, m) {
                        (Some(x), Some(m)) => Some(x.checked_add(&m).unwrap()),
                        _ => None,
                    };
                    prop_assert_eq!(got(pair.turnover(view)), turnover);
                }
                prop_assert!(pair.asymmetry(Measure::Exports).is_err());
            }
        }
    }
}

#[test]
fn an_inconsistent_single_figure_is_listed_once() {
    // Germany's exports to Türkiye: 10 in all, chapters 4 + 5. The importer's side of the same
    // observation is not a second disagreement.
    let y = Period::year(2020).unwrap();
    let r = |k: &str, v: &str| {
        TradeRecord::new(Country::DEU, Country::TUR, y, Flow::Export, usd(v))
            .with_commodity(k.parse().unwrap())
            .with_reporting(Reporting::Single)
    };
    let data = TradeData::from_records([r("TOTAL", "10"), r("27", "4"), r("72", "5")]).unwrap();
    let listed = data.inconsistencies();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        (listed[0].reporter, listed[0].reported, listed[0].parts),
        (Country::DEU.into(), usd("10"), usd("9"))
    );
}
