//! Algebraic laws of TradeData and Bilateral on random data sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal_macros::dec;
use tradestat::{
    Commodity, Country, Currency, Decimal, Duplicates, Error, Flow, Group, Money, Period,
    Perspective, Series, TradeData, TradeRecord, Valuation,
};

const COUNTRIES: [Country; 5] = [
    Country::KAZ,
    Country::TUR,
    Country::UZB,
    Country::AZE,
    Country::KGZ,
];

/// A record key: reporter, partner, year, flow (0 export, 1 import), mirror valuation switched.
type Key = (usize, usize, i32, u8);

fn amount() -> impl Strategy<Value = Decimal> {
    (0_i64..1_000_000_000_000, 0_u32..6).prop_map(|(m, s)| Decimal::new(m, s))
}

fn key() -> impl Strategy<Value = Key> {
    (0..5_usize, 0..5_usize, 2018..2023_i32, 0..2_u8)
        .prop_filter("not domestic", |(r, p, _, _)| r != p)
}

fn record((r, p, year, flow): Key, value: Decimal, fob_import: bool) -> TradeRecord {
    let flow = if flow == 0 {
        Flow::Export
    } else {
        Flow::Import
    };
    let record = TradeRecord::new(
        COUNTRIES[r],
        COUNTRIES[p],
        Period::year(year).unwrap(),
        flow,
        Money::new(value, Currency::USD),
    );
    if fob_import && flow == Flow::Import {
        record.with_valuation(Valuation::Fob)
    } else {
        record
    }
}

fn data_set() -> impl Strategy<Value = TradeData> {
    proptest::collection::btree_map(key(), (amount(), any::<bool>()), 1..60).prop_map(|map| {
        TradeData::from_records(map.into_iter().map(|(k, (v, fob))| record(k, v, fob))).unwrap()
    })
}

fn perspective() -> impl Strategy<Value = Perspective> {
    proptest::sample::select(Perspective::ALL.to_vec())
}

/// The series, or empty where there is no data at all.
fn values(result: Result<Series, Error>) -> BTreeMap<Period, Decimal> {
    match result {
        Ok(s) => s.iter().map(|(p, m)| (p, m.amount())).collect(),
        Err(Error::NoData { .. }) => BTreeMap::new(),
        Err(e) => panic!("{e}"),
    }
}

proptest! {
    #[test]
    fn turnover_is_exports_plus_imports(data in data_set(), a in 0..5_usize, b in 0..5_usize, view in perspective()) {
        prop_assume!(a != b);
        let Ok(pair) = data.bilateral(COUNTRIES[a], COUNTRIES[b]) else { return Ok(()); };
        // Factor 1: no division anywhere, so the law holds exactly.
        let exact = pair.clone().with_cif_fob(dec!(1)).unwrap();
        let x = values(exact.exports(view));
        let m = values(exact.imports(view));
        let turnover = values(exact.turnover(view));
        let balance = values(exact.balance(view));
        let both: Vec<Period> = x.keys().filter(|p| m.contains_key(p)).copied().collect();
        prop_assert_eq!(turnover.keys().copied().collect::<Vec<_>>(), both.clone());
        for period in &both {
            prop_assert_eq!(turnover[period], x[period].checked_add(m[period]).unwrap());
            prop_assert_eq!(balance[period], x[period].checked_sub(m[period]).unwrap());
        }
        // Factor 1.06: mirror exports are divided once, after the sum, so the turnover is the
        // exact sum rounded once; exports rounded alone then added differ by at most one unit in
        // the turnover's last place.
        let x = values(pair.exports(view));
        let m = values(pair.imports(view));
        for (period, t) in values(pair.turnover(view)) {
            let difference = (t - (x[&period] + m[&period])).abs();
            prop_assert!(difference <= Decimal::new(1, t.scale()), "{t} vs {} + {}", x[&period], m[&period]);
        }
    }

    #[test]
    fn with_factor_one_the_partners_view_mirrors(data in data_set(), a in 0..5_usize, b in 0..5_usize) {
        prop_assume!(a != b);
        let Ok(ab) = data.bilateral(COUNTRIES[a], COUNTRIES[b]) else { return Ok(()); };
        let ba = data.bilateral(COUNTRIES[b], COUNTRIES[a]).unwrap();
        let (ab, ba) = (ab.with_cif_fob(dec!(1)).unwrap(), ba.with_cif_fob(dec!(1)).unwrap());
        let mine = values(ab.balance(Perspective::Reporter));
        let theirs = values(ba.balance(Perspective::Partner));
        prop_assert_eq!(mine.len(), theirs.len());
        for (period, value) in mine {
            prop_assert_eq!(theirs.get(&period).copied(), Some(-value));
        }
        // And each flow: a's exports as reported are b's imports under Partner.
        prop_assert_eq!(values(ab.exports(Perspective::Reporter)), values(ba.imports(Perspective::Partner)));
    }

    #[test]
    fn a_groups_aggregate_is_the_sum_over_its_members(data in data_set(), view in perspective()) {
        // Kazakhstan, Uzbekistan and Kyrgyzstan, members throughout; Türkiye the partner.
        let day = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let group = Group::custom("Central Asia")
            .member(Country::KAZ, day, None)
            .member(Country::UZB, day, None)
            .member(Country::KGZ, day, None)
            .build()
            .unwrap();
        // Factor 1, so that no figure is divided: the aggregate is then the exact sum. (With a
        // factor the aggregate is divided once after summing, the members' figures each once.)
        let mut sums: BTreeMap<Period, Decimal> = BTreeMap::new();
        for member in [Country::KAZ, Country::UZB, Country::KGZ] {
            if let Ok(pair) = data.bilateral(member, Country::TUR) {
                let pair = pair.with_cif_fob(dec!(1)).unwrap();
                for (period, value) in values(pair.exports(view)) {
                    *sums.entry(period).or_default() += value;
                }
            }
        }
        let aggregate = match data.bilateral(&group, Country::TUR) {
            Ok(pair) => values(pair.with_cif_fob(dec!(1)).unwrap().exports(view)),
            Err(Error::NoData { .. }) => BTreeMap::new(),
            Err(e) => panic!("{e}"),
        };
        prop_assert_eq!(aggregate, sums);
    }

    #[test]
    fn summing_duplicates_then_querying_is_querying_summed_records(
        parts in proptest::collection::vec((key(), amount()), 1..40),
    ) {
        let records: Vec<TradeRecord> = parts.iter().map(|&(k, v)| record(k, v, false)).collect();
        let summed = TradeData::builder().duplicates(Duplicates::Sum).build(records).unwrap();
        let mut by_key: BTreeMap<Key, Decimal> = BTreeMap::new();
        for &(k, v) in &parts {
            *by_key.entry(k).or_default() += v;
        }
        let once = TradeData::from_records(by_key.iter().map(|(&k, &v)| record(k, v, false))).unwrap();
        prop_assert_eq!(summed.len(), by_key.len());
        prop_assert_eq!(summed.iter().collect::<Vec<_>>(), once.iter().collect::<Vec<_>>());
        for (&(r, p, year, flow), &v) in &by_key {
            let flow = if flow == 0 { Flow::Export } else { Flow::Import };
            let period = Period::year(year).unwrap();
            let got = summed.value(COUNTRIES[r], COUNTRIES[p], flow, Commodity::TOTAL, period).unwrap();
            prop_assert_eq!(got, Some(Money::new(v, Currency::USD)));
        }
    }
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (2019..2022_i32).prop_map(|y| Period::year(y).unwrap()),
        (2019..2022_i32, 1..=4_u8).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (2019..2022_i32, 1..=12_u8).prop_map(|(y, m)| Period::month(y, m).unwrap()),
    ]
}

fn any_commodity() -> impl Strategy<Value = Commodity> {
    proptest::sample::select(vec![
        "TOTAL", "27", "2709", "270900", "2710", "71", "SITC:3", "SITC:33",
    ])
    .prop_map(|code| code.parse::<Commodity>().unwrap())
}

fn any_record() -> impl Strategy<Value = TradeRecord> {
    (
        0..5_usize,
        0..5_usize,
        any_period(),
        0..4_u8,
        any_commodity(),
        amount(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(r, p, period, flow, commodity, value, negative, cif)| {
            let flow =
                [Flow::Export, Flow::Import, Flow::ReExport, Flow::ReImport][usize::from(flow)];
            let value = if negative { -value } else { value };
            let record = TradeRecord::new(
                COUNTRIES[r],
                COUNTRIES[p],
                period,
                flow,
                Money::new(value, Currency::USD),
            )
            .with_commodity(commodity);
            if cif {
                record.with_valuation(Valuation::Cif)
            } else {
                record
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any records, any query: a value or an error, never a panic.
    #[test]
    fn no_query_panics(records in proptest::collection::vec(any_record(), 0..80), view in perspective()) {
        let built = TradeData::builder()
            .duplicates(Duplicates::Sum)
            .domestic(tradestat::Domestic::Keep)
            .build(records.clone());
        let Ok(data) = built else { return Ok(()); };
        let _ = data.inconsistencies();
        for a in COUNTRIES {
            for b in COUNTRIES {
                let Ok(pair) = data.bilateral(a, b) else { continue };
                for frequency in [tradestat::Frequency::Annual, tradestat::Frequency::Quarterly, tradestat::Frequency::Monthly] {
                    let pair = pair.clone().frequency(frequency);
                    let _ = pair.exports(view);
                    let _ = pair.imports(view);
                    let _ = pair.turnover(view);
                    let _ = pair.balance(view);
                    let _ = pair.coverage_ratio(view);
                    let _ = pair.re_exports(view);
                    let _ = pair.asymmetry(tradestat::Measure::Turnover);
                }
            }
            for period in data.periods() {
                let _ = data.largest_asymmetries(tradestat::Measure::Turnover, *period, 3);
                let _ = data.value(a, Country::TUR, Flow::Export, Commodity::TOTAL, *period);
            }
        }
        prop_assert_eq!(data.iter().count(), data.len());
    }
}
