//! Property tests of the readers: arbitrary bytes never panic (alone, and after a valid header),
//! every row is accounted for, and the tidy format round-trips arbitrary records exactly.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::tidy::{self, TidyReader};
use tradestat::io::{Mode, ReadReport};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Flow, Money, Period, TradeRecord, Valuation,
};

const HEADERS: [&str; 4] = [
    "freqCode,period,reporterCode,flowCode,partnerCode,cmdCode,classificationCode,primaryValue,cifvalue,fobvalue,motCode\n",
    "reporter,partner,period,flow,value,currency,valuation,classification,commodity\n",
    "exporter,importer,year,trade\n",
    "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE\n",
];

fn consistent(report: &ReadReport) {
    assert_eq!(
        report.read(),
        report.accepted() + report.rejected() + report.skipped()
    );
    assert_eq!(report.rejected() as usize, report.rejections().len());
}

/// Runs every reader on `bytes`, in both modes; panics only if a reader does.
fn run_all(bytes: &[u8]) {
    for mode in [Mode::Strict, Mode::Lenient] {
        if let Ok(mut r) = ComtradeReader::new().mode(mode).records(bytes) {
            r.by_ref().for_each(drop);
            consistent(r.report());
        }
        if let Ok((_, report)) =
            ComtradeReader::new()
                .mode(mode)
                .threads(2)
                .fold(bytes, || 0u32, |n, _| *n += 1)
        {
            consistent(&report);
        }
        if let Ok(mut r) = TidyReader::new().mode(mode).records(bytes) {
            r.by_ref().for_each(drop);
            consistent(r.report());
        }
        if let Ok(mut r) = DyadicReader::new("exporter", "importer", "trade")
            .period_column("year")
            .mode(mode)
            .records(bytes)
        {
            r.by_ref().for_each(drop);
            consistent(r.report());
        }
        if let Ok(mut r) = SdmxReader::imf_imts().mode(mode).records(bytes) {
            r.by_ref().for_each(drop);
            consistent(r.report());
        }
        #[cfg(feature = "json")]
        {
            let _ = tradestat::io::comtrade_json::ComtradeJsonReader::new()
                .mode(mode)
                .records(bytes)
                .map(|r| r.count());
            let _ = tradestat::io::json::read_records(bytes);
        }
    }
}

/// Bytes that look like CSV: digits, letters, commas, quotes, line ends, dots, signs, BOM bytes.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop::sample::select(b"0123456789,,,\"\"\n\r.-+eEXMATOLKZ \xEF\xBB\xBF{}[]:".to_vec()),
        0..400,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        run_all(&bytes);
    }

    #[test]
    fn arbitrary_rows_after_a_valid_header_never_panic(which in 0usize..4, body in csvish()) {
        let mut bytes = HEADERS[which].as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        run_all(&bytes);
    }
}

/// Rows of a small Comtrade file: codes right or wrong, quoted or not, with stray quotes.
fn comtrade_rows() -> impl Strategy<Value = String> {
    let field = prop::sample::select(vec![
        "TOTAL",
        "27",
        "\"TOTAL\"",
        "\"2,7\"",
        "\"a\nb\"",
        "12\" pipe",
        "\"x\"y",
        "",
        "398",
        "X",
        "M",
        "2022",
        "1.5",
        "\"q\"\"q\"",
    ]);
    prop::collection::vec(prop::collection::vec(field, 1..9), 0..12).prop_map(|rows| {
        rows.iter()
            .map(|r| r.join(","))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

proptest! {
    #[test]
    fn totals_only_accepts_exactly_the_total_rows_a_full_read_accepts(body in comtrade_rows(), crlf in any::<bool>()) {
        let header = "cmdCode,period,reporterCode,flowCode,partnerCode,primaryValue,x,y\n";
        let mut text = format!("{header}{body}");
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let read = |reader: ComtradeReader| {
            let mut records = reader.mode(Mode::Lenient).records(text.as_bytes()).unwrap();
            let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
            (got, records.into_report())
        };
        let (all, full) = read(ComtradeReader::new());
        let (totals, gated) = read(ComtradeReader::new().totals_only(true));
        let expected: Vec<TradeRecord> = all.into_iter().filter(|r| r.commodity().is_total()).collect();
        prop_assert_eq!(&totals, &expected);
        // Every row is still counted once.
        prop_assert_eq!(full.read(), gated.read());
        consistent(&gated);
    }
}

fn area() -> impl Strategy<Value = Area> {
    prop::sample::select(vec![
        Area::Country(Country::KAZ),
        Area::Country(Country::TUR),
        Area::Country(Country::USA),
        Area::World,
        Area::OtherAsiaNes,
        Area::Ussr,
        Area::SerbiaAndMontenegro,
    ])
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1000i32..=9999).prop_map(|y| Period::year(y).unwrap()),
        (1900i32..=2100, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (1900i32..=2100, 1u8..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
    ]
}

fn record() -> impl Strategy<Value = TradeRecord> {
    (
        area(),
        area(),
        period(),
        prop::sample::select(Flow::ALL.to_vec()),
        any::<i64>(),
        0u32..=28,
        prop::sample::select(vec![Currency::USD, Currency::KZT, Currency::EUR]),
        prop::option::of(prop::sample::select(vec![Valuation::Fob, Valuation::Cif])),
        prop::sample::select(vec!["TOTAL", "27", "2709", "270900", "S:0011", "S:3"]),
    )
        .prop_map(|(r, p, per, flow, m, scale, cur, val, code)| {
            let mut rec =
                TradeRecord::new(r, p, per, flow, Money::new(Decimal::new(m, scale), cur));
            if let Some(v) = val {
                rec = rec.with_valuation(v);
            }
            let commodity = match code.strip_prefix("S:") {
                Some(sitc) => Commodity::sitc(sitc).unwrap(),
                None => code.parse().unwrap(),
            };
            rec.with_commodity(commodity)
        })
}

proptest! {
    #[test]
    fn tidy_round_trips_arbitrary_records_exactly(records in prop::collection::vec(record(), 0..40)) {
        let mut text = Vec::new();
        tidy::write_records(&mut text, records.iter().copied()).unwrap();
        let back: Vec<TradeRecord> = TidyReader::new().records(&text[..]).unwrap().collect::<Result<_, _>>().unwrap();
        prop_assert_eq!(&back, &records);
        // The same digits: writing again gives the same text.
        let mut again = Vec::new();
        tidy::write_records(&mut again, back).unwrap();
        prop_assert_eq!(text, again);
    }
}
