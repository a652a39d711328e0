//! Dyadic tables (Yotov, gravity, SITC world exports, hand-written files) and the tidy CSV
//! reader and writer: expected records written out, exact sums against an independent Python
//! computation (tools/dyadic_reference.py -> tests/data/dyadic_expected.csv), and round trips.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::Path;

use num_bigint::BigInt;
use tradestat::io::dyadic::{CodeSystem, DyadicReader};
use tradestat::io::tidy::{self, TidyReader};
use tradestat::io::Mode;
use tradestat::{
    Area, Classification, Commodity, Country, Currency, Decimal, Domestic, Error, Flow, Money,
    Period, Reporting, Scale, TradeData, TradeRecord, Valuation,
};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

/// The exact sum of decimals as normalized text, with big integers at scale 28 (a Decimal sum
/// of a year of Yotov data needs more than 28 digits).
fn exact_sum(values: impl IntoIterator<Item = Decimal>) -> String {
    let mut total = BigInt::from(0);
    for v in values {
        total += BigInt::from(v.mantissa()) * BigInt::from(10).pow(28 - v.scale());
    }
    let negative = total < BigInt::from(0);
    let digits = total.magnitude().to_string();
    let digits = format!("{digits:0>29}");
    let (int, frac) = digits.split_at(digits.len() - 28);
    let frac = frac.trim_end_matches('0');
    let mut s = String::new();
    if negative {
        s.push('-');
    }
    s.push_str(int);
    if !frac.is_empty() {
        s.push('.');
        s.push_str(frac);
    }
    s
}

/// tests/data/dyadic_expected.csv: (file, key) -> (rows, sum).
fn expected() -> BTreeMap<(String, String), (usize, String)> {
    let text = std::fs::read_to_string("tests/data/dyadic_expected.csv").unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                (f[0].to_owned(), f[1].to_owned()),
                (f[2].parse().unwrap(), f[3].to_owned()),
            )
        })
        .collect()
}

fn yotov() -> DyadicReader {
    DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .codes(CodeSystem::Alpha3)
        .unit(Scale::Million)
}

#[test]
fn yotov_record_count_and_exact_sums_per_year() {
    // tests/data/yotov_agtpa_trade.csv: a copy of ../shared/data (Yotov, Piermartini, Monteiro &
    // Larch 2016, CC BY 4.0); millions of US dollars.
    let mut records = yotov().open("tests/data/yotov_agtpa_trade.csv").unwrap();
    let all: Vec<TradeRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
    let report = records.into_report();
    assert_eq!(
        (all.len(), report.read(), report.rejected()),
        (99_981, 99_981, 0)
    );
    let mut by_year: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
    for r in &all {
        let year = r.period().to_string();
        by_year
            .entry(year.clone())
            .or_default()
            .push(r.value().amount());
        if r.reporter() == r.partner() {
            by_year
                .entry(format!("{year}-domestic"))
                .or_default()
                .push(r.value().amount());
        }
        assert_eq!(
            (r.flow(), r.valuation(), r.value().currency()),
            (Flow::Export, Valuation::Fob, Currency::USD)
        );
    }
    let expected = expected();
    let mut checked = 0;
    for (key, values) in &by_year {
        let (rows, sum) = &expected[&("yotov".to_owned(), key.clone())];
        assert_eq!(
            (values.len(), exact_sum(values.iter().copied())),
            (*rows, sum.clone()),
            "{key}"
        );
        checked += 1;
    }
    assert_eq!(checked, 42); // 21 years, all rows and domestic rows
                             // ROM is Romania.
    assert!(all
        .iter()
        .any(|r| r.reporter() == Area::Country(Country::ROU)));
    // The first row, by hand: ARG to AUS in 1986, 27.76487390676141 million.
    assert_eq!(
        all[1],
        TradeRecord::new(
            Country::ARG,
            Country::AUS,
            p("1986"),
            Flow::Export,
            usd("27764873.90676141")
        )
        // A dyadic row is one figure for both sides (issue 14, item 1).
        .with_reporting(Reporting::Single)
    );
}

#[test]
fn tidy_round_trip_of_the_yotov_data_set() {
    let (data, _) = yotov()
        .open("tests/data/yotov_agtpa_trade.csv")
        .unwrap()
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))
        .unwrap();
    assert_eq!((data.len(), data.domestic_len()), (99_981 - 1_449, 1_449));
    let mut text = Vec::new();
    tidy::write(&mut text, &data).unwrap();
    let (back, report) = TidyReader::new()
        .records(&text[..])
        .unwrap()
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))
        .unwrap();
    assert_eq!(report.accepted(), 99_981);
    let a: Vec<TradeRecord> = data.iter().chain(data.domestic_records()).collect();
    let b: Vec<TradeRecord> = back.iter().chain(back.domestic_records()).collect();
    assert_eq!(a, b);
    // Exactly: the same digits, scales included, so writing again gives the same bytes.
    let mut again = Vec::new();
    tidy::write(&mut again, &back).unwrap();
    assert_eq!(text, again);
}

#[test]
fn gravity_cross_section_with_a_period_the_caller_names() {
    let path = Path::new("../shared/data/gravity_cross_section.csv");
    if !path.exists() {
        eprintln!("skipped: {} not present", path.display());
        return;
    }
    let records: Vec<TradeRecord> = DyadicReader::new("iso_o", "iso_d", "flow")
        .period(p("2000"))
        .unit(Scale::Million)
        .open(path)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (rows, sum) = &expected()[&("gravity".to_owned(), "all".to_owned())];
    assert_eq!(records.len(), *rows);
    assert_eq!(exact_sum(records.iter().map(|r| r.value().amount())), *sum);
    // YUG in 2000 is Serbia and Montenegro; ZAR is the Democratic Republic of the Congo.
    assert!(records
        .iter()
        .any(|r| r.reporter() == Area::SerbiaAndMontenegro));
    assert!(records
        .iter()
        .any(|r| r.reporter() == Area::Country(Country::COD)));
    // Without a period the reader says what is missing.
    let e = DyadicReader::new("iso_o", "iso_d", "flow")
        .open(path)
        .unwrap_err();
    assert!(matches!(e, Error::MissingColumn { .. }), "{e}");
}

#[test]
fn world_exports_by_sitc_product() {
    let path = Path::new("../shared/data/world_exports_sitc_1998_2000.csv");
    if !path.exists() {
        eprintln!("skipped: {} not present", path.display());
        return;
    }
    let records: Vec<TradeRecord> = DyadicReader::to_partner("country", Area::World, "value")
        .period(p("2000"))
        .commodity_column("product", Classification::Sitc)
        .open(path)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let expected = expected();
    let mut by_section: BTreeMap<String, Vec<Decimal>> = BTreeMap::new();
    for r in &records {
        assert_eq!(r.partner(), Area::World);
        by_section
            .entry(r.commodity().code()[..1].to_owned())
            .or_default()
            .push(r.value().amount());
    }
    for (section, values) in &by_section {
        let (rows, sum) = &expected[&("sitc".to_owned(), section.clone())];
        assert_eq!(
            (values.len(), exact_sum(values.iter().copied())),
            (*rows, sum.clone()),
            "section {section}"
        );
    }
    assert_eq!(records.len(), 124_336);
    // Legacy lower-case codes: ant, rom, scg.
    for area in [
        Area::NetherlandsAntilles,
        Area::Country(Country::ROU),
        Area::SerbiaAndMontenegro,
    ] {
        assert!(records.iter().any(|r| r.reporter() == area), "{area:?}");
    }
    assert_eq!(records[0].commodity(), Commodity::sitc("0011").unwrap());
}

#[test]
fn hand_written_dyadic_files() {
    // BOM, quoted names with commas, names as codes, thousands, a CIF valuation.
    let text = "\u{feff}\"to\",from,value,t\r\n\"Korea, Republic of\",Kazakhstan,\"1,5\",2020\r\nTurkey,World,2.5,2021-Q3\r\n";
    let mut records = DyadicReader::new("from", "to", "value")
        .period_column("t")
        .codes(CodeSystem::Names)
        .unit(Scale::Thousand)
        .valuation(Valuation::Cif)
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    assert_eq!(
        got,
        vec![TradeRecord::new(
            Area::World,
            Country::TUR,
            p("2021-Q3"),
            Flow::Export,
            usd("2500")
        )
        .with_valuation(Valuation::Cif)
        .with_reporting(Reporting::Single)]
    );
    let report = records.into_report();
    assert_eq!(
        (report.read(), report.accepted(), report.rejected()),
        (2, 1, 1)
    );
    assert_eq!(
        (
            report.rejections()[0].line,
            report.rejections()[0].column.as_str(),
            report.rejections()[0].value.as_str()
        ),
        (2, "value", "1,5")
    );

    // Numeric and Comtrade codes; YUG before and after 1992; an unknown code, strict.
    let text = "e,i,y,v\n398,792,2020,1\n";
    let r: Vec<TradeRecord> = DyadicReader::new("e", "i", "v")
        .period_column("y")
        .codes(CodeSystem::Numeric)
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        (r[0].reporter(), r[0].partner()),
        (Area::Country(Country::KAZ), Area::Country(Country::TUR))
    );
    let text = "e,i,y,v\n842,0,2020,1\n";
    let r: Vec<TradeRecord> = DyadicReader::new("e", "i", "v")
        .period_column("y")
        .codes(CodeSystem::Comtrade)
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        (r[0].reporter(), r[0].partner()),
        (Area::Country(Country::USA), Area::World)
    );
    let text = "e,i,y,v\nyug,DEU,1991,1\nYUG,DEU,1992,2\nXXX,DEU,1992,3\n";
    let mut it = DyadicReader::new("e", "i", "v")
        .period_column("y")
        .records(text.as_bytes())
        .unwrap();
    assert_eq!(it.next().unwrap().unwrap().reporter(), Area::Yugoslavia);
    assert_eq!(
        it.next().unwrap().unwrap().reporter(),
        Area::SerbiaAndMontenegro
    );
    match it.next().unwrap().unwrap_err() {
        Error::BadRow {
            line,
            column,
            value,
            ..
        } => assert_eq!((line, column.as_str(), value.as_str()), (4, "e", "XXX")),
        other => panic!("{other:?}"),
    }
    assert!(it.next().is_none());
    // A named column the file lacks.
    let e = DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .records("a,b\n".as_bytes())
        .unwrap_err();
    assert_eq!(
        e,
        Error::MissingColumn {
            format: "dyadic table",
            column: "exporter".into(),
            detail: String::new()
        }
    );
}

#[test]
fn hand_written_tidy_files() {
    // Reordered columns, no optional columns, words for flows, a BOM.
    let text = "\u{feff}currency,value,flow,period,partner,reporter\nUSD,10.50,exports,2022,TUR,KAZ\nKZT,-3,M,2022-03,0,KAZ\n";
    let got: Vec<TradeRecord> = TidyReader::new()
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        got,
        vec![
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022"),
                Flow::Export,
                usd("10.50")
            ),
            TradeRecord::new(
                Country::KAZ,
                Area::World,
                p("2022-03"),
                Flow::Import,
                Money::new(Decimal::from(-3), Currency::KZT)
            ),
        ]
    );
    assert_eq!(got[0].value().amount().to_string(), "10.50");
    // Optional columns, empty and filled; SITC; bad rows in lenient mode.
    let text = format!(
        "{}\nKAZ,TUR,2022,X,1,USD,,,\nKAZ,TUR,2022,M,2,USD,FOB,SITC,0011\nKAZ,TUR,2022,M,2,USD,FOB,HS,7701\n\
         KAZ,TUR,2022,Q,2,USD,,,\nKAZ,TUR,2022,M,2,XYZ,,,\nKAZ,TUR,2022,M,1e3,USD,,,\nKAZ,TUR,2022,M,2,USD,,\n",
        // The header before the optional `reporting` column (files written so still read).
        tidy::HEADER.trim_end_matches(",reporting")
    );
    let mut records = TidyReader::new()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    assert_eq!(
        got,
        vec![
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022"),
                Flow::Export,
                usd("1")
            ),
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022"),
                Flow::Import,
                usd("2")
            )
            .with_valuation(Valuation::Fob)
            .with_commodity(Commodity::sitc("0011").unwrap()),
        ]
    );
    let report = records.into_report();
    let rejected: Vec<(u64, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (4, "commodity"),
            (5, "flow"),
            (6, "currency"),
            (7, "value"),
            (8, "commodity")
        ]
    );
    assert_eq!(
        report.to_string(),
        "read 7 rows: accepted 2, rejected 5, skipped 0"
    );
    // Strict: the first of them.
    let e = TidyReader::new()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert!(matches!(e, Error::BadRow { line: 4, .. }), "{e}");
}
