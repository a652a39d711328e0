//! CEPII BACI tables (`DyadicReader::baci`) on a file of BACI's layout
//! (tests/data/baci_sample.csv, hand-made, origin in tests/data/baci_sample.md), streaming and
//! folded on several threads, strict and lenient; and whole numbers written as floats (`2022.0`)
//! in the year and code columns of the dyadic reader.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::io::dyadic::{CodeSystem, DyadicReader};
use tradestat::io::{Limits, Mode, ReadReport};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Error, Flow, Measure, Money, Period, Reporting,
    TradeData, TradeRecord, Valuation,
};

const SAMPLE: &str = include_str!("data/baci_sample.csv");

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn hs(code: &str) -> Commodity {
    Commodity::hs(code).unwrap()
}

fn streamed(text: &str, reader: &DyadicReader) -> Result<(Vec<String>, ReadReport), Error> {
    let mut records = reader.records(text.as_bytes())?;
    let mut out = Vec::new();
    for r in records.by_ref() {
        out.push(format!("{:?}", r?));
    }
    out.sort();
    Ok((out, records.into_report()))
}

fn folded(
    text: &str,
    reader: &DyadicReader,
    threads: usize,
) -> Result<(Vec<String>, ReadReport), Error> {
    let (parts, report) = reader.clone().threads(threads).fold(
        text.as_bytes(),
        Vec::new,
        |v: &mut Vec<TradeRecord>, r| v.push(r),
    )?;
    let mut out: Vec<String> = parts.iter().flatten().map(|r| format!("{r:?}")).collect();
    out.sort();
    Ok((out, report))
}

#[test]
fn baci_sample_reads_every_row_as_one_reconciled_fob_figure_in_dollars() {
    let records: Vec<TradeRecord> = DyadicReader::baci()
        .records(SAMPLE.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(records.len(), 12);
    // Row 1 (line 2): 2022,842,251,030289,1234.567,12.5 -> the USA (Comtrade 842, ISO 840)
    // to France (251, ISO 250), HS 030289, 1,234.567 thousand dollars = 1,234,567 dollars.
    let first = &records[0];
    assert_eq!(first.reporter(), Area::Country(Country::USA));
    assert_eq!(first.partner(), Area::Country(Country::FRA));
    assert_eq!(first.period(), p("2022"));
    assert_eq!(first.flow(), Flow::Export);
    assert_eq!(first.commodity(), hs("030289"));
    assert_eq!(first.value(), usd("1234567"));
    assert_eq!(first.valuation(), Valuation::Fob);
    assert_eq!(first.reporting(), Reporting::Single);
    // India (699, ISO 356) to Switzerland (757, ISO 756), 321.004 thousand.
    assert_eq!(records[3].reporter(), Area::Country(Country::IND));
    assert_eq!(records[3].partner(), Area::Country(Country::CHE));
    assert_eq!(records[3].value(), usd("321004"));
    // 490 is "Other Asia, n.e.s.", kept as such (Taiwan in practice, never silently).
    assert_eq!(records[5].reporter(), Area::OtherAsiaNes);
    assert_eq!(records[5].value(), usd("77100"));
    // HS 010121 keeps its leading zero; a value of 3.200 thousand is 3,200 dollars.
    assert_eq!(records[10].commodity(), hs("010121"));
    assert_eq!(records[10].value(), usd("3200"));
    // q is empty, NA, or NA padded with spaces: never read, never a rejection.
    assert_eq!(records[11].value(), usd("5000000500"));
    // Sum of v by hand: 1234.567 + 98765.432 + 45678.900 + 321.004 + 1500.250 + 77.100
    // + 2345678.912 + 8123.500 + 150000.001 + 45.677 + 3.200 + 5000000.500 = 7,651,429.043
    // thousand dollars.
    let total = records
        .iter()
        .try_fold(Money::zero(Currency::USD), |sum, r| {
            sum.checked_add(&r.value())
        })
        .unwrap();
    assert_eq!(total, usd("7651429043"));
}

#[test]
fn baci_single_figures_give_both_sides_the_same_value() {
    let (data, report) = DyadicReader::baci()
        .records(SAMPLE.as_bytes())
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    assert_eq!(report.accepted(), 12);
    let year = p("2022");
    // Kazakhstan's exports to Türkiye: HS 270900 and 720712, 2,345,678,912 + 150,000,001.
    let kz_exports = usd("2495678913");
    let got = |r: Country, q: Country, f: Flow| {
        data.value(r, q, f, Commodity::TOTAL, year)
            .unwrap()
            .unwrap()
    };
    assert_eq!(got(Country::KAZ, Country::TUR, Flow::Export), kz_exports);
    // The same figure is Türkiye's import from Kazakhstan: one observation, never converted
    // with a CIF/FOB factor.
    assert_eq!(got(Country::TUR, Country::KAZ, Flow::Import), kz_exports);
    // Türkiye to Kazakhstan: 8,123,500 + 45,677 = 8,169,177; turnover from either side.
    assert_eq!(
        got(Country::TUR, Country::KAZ, Flow::Export),
        usd("8169177")
    );
    let turnover = data
        .value(
            Country::KAZ,
            Country::TUR,
            Measure::Turnover,
            Commodity::TOTAL,
            year,
        )
        .unwrap()
        .unwrap();
    assert_eq!(turnover, usd("2503848090"));
}

#[test]
fn baci_fold_on_two_threads_gives_the_streaming_records_and_report() {
    for block in [1usize, 7, 40, 1 << 22] {
        let reader = DyadicReader::baci().limits(Limits::new().with_block_bytes(block));
        let stream = streamed(SAMPLE, &reader).unwrap();
        let fold = folded(SAMPLE, &reader, 2).unwrap();
        assert_eq!(stream, fold, "block {block}");
        assert_eq!(fold.0.len(), 12);
    }
}

/// A BACI file with the usual faults: a product code that lost its leading zero (read as a
/// number), a year with a fraction, an unknown area code, an `NA` value.
const FAULTS: &str = "t,i,j,k,v,q\n\
                      2022,842,251,030289,1.5,NA\n\
                      2022,842,251,30289,2.5,NA\n\
                      2022.5,842,251,030289,3.5,\n\
                      2022,999,251,030289,4.5,\n\
                      2022,842,251,030389,NA,\n\
                      2022.0,842.0,251,030389,6.5,1\n";

#[test]
fn baci_faults_strict_stop_at_the_first_naming_line_column_and_value() {
    for threads in [0usize, 1, 2] {
        let reader = DyadicReader::baci().limits(Limits::new().with_block_bytes(8));
        let err = if threads == 0 {
            streamed(FAULTS, &reader).unwrap_err()
        } else {
            folded(FAULTS, &reader, threads).unwrap_err()
        };
        match err {
            Error::BadRow {
                line,
                column,
                value,
                ..
            } => assert_eq!((line, column.as_str(), value.as_str()), (3, "k", "30289")),
            other => panic!("{other}"),
        }
    }
}

#[test]
fn baci_faults_lenient_are_counted_with_their_keys_streaming_and_folded() {
    let reader = DyadicReader::baci()
        .mode(Mode::Lenient)
        .limits(Limits::new().with_block_bytes(16));
    let stream = streamed(FAULTS, &reader).unwrap();
    let fold = folded(FAULTS, &reader, 2).unwrap();
    assert_eq!(stream, fold);
    let (records, report) = stream;
    // Lines 2 and 7 are read: 1.5 and 6.5 thousand (line 7 with its year and exporter written
    // as floats, 2022.0 and 842.0).
    assert_eq!(records.len(), 2);
    assert_eq!((report.accepted(), report.rejected()), (2, 4));
    let found: Vec<(u64, &str, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "k", "30289"),
            (4, "t", "2022.5"),
            (5, "i", "999"),
            (6, "v", "NA")
        ]
    );
    assert!(report.rejections()[1].reason.contains("not a whole number"));
    // The keys: what each rejected row still says.
    let keys = report.rejected_keys();
    assert_eq!(keys.len(), 4);
    assert_eq!(keys[0].commodity, None);
    assert_eq!(keys[0].reporter, Some(Area::Country(Country::USA)));
    assert_eq!(keys[1].period, None);
    assert_eq!(keys[2].reporter, None);
    assert_eq!(keys[2].partner, Some(Area::Country(Country::FRA)));
    assert_eq!(keys[3].commodity, Some(hs("030389")));
    assert_eq!(keys[3].period, Some(p("2022")));
}

#[test]
fn whole_numbers_written_as_floats_are_read_and_fractions_refused() {
    // Stata and pandas exports: year and codes as floats.
    let plain = "exporter,importer,year,trade\n398,792,1986,1.25\n";
    let floats = "exporter,importer,year,trade\n398.0,792.00,1986.0,1.25\n";
    let reader = DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .codes(CodeSystem::Numeric);
    let read = |text: &str| -> Vec<TradeRecord> {
        reader
            .records(text.as_bytes())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(read(floats), read(plain));
    assert_eq!(read(floats)[0].period(), p("1986"));
    assert_eq!(read(floats)[0].reporter(), Area::Country(Country::KAZ));
    for (text, column, value) in [
        (
            "exporter,importer,year,trade\n398,792,1986.5,1\n",
            "year",
            "1986.5",
        ),
        (
            "exporter,importer,year,trade\n398.5,792,1986,1\n",
            "exporter",
            "398.5",
        ),
        (
            "exporter,importer,year,trade\n398,792.01,1986,1\n",
            "importer",
            "792.01",
        ),
    ] {
        let err = reader
            .records(text.as_bytes())
            .unwrap()
            .next()
            .unwrap()
            .unwrap_err();
        match &err {
            Error::BadRow {
                line: 2,
                column: c,
                value: v,
                reason,
            } => {
                assert_eq!((c.as_str(), v.as_str()), (column, value));
                assert!(reason.contains("not a whole number"), "{reason}");
            }
            other => panic!("{other}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A year or code written `N`, `N.0` or `N.000` reads as `N`; `N.d` with a non-zero digit
    /// is refused: in both the year and the area columns, streaming and folded.
    #[test]
    fn zero_fractions_read_and_others_refused(
        year in 1990u32..2030,
        zeros in 0usize..4,
        fraction in 1u32..1000,
        in_year in any::<bool>(),
        threads in 1usize..3,
    ) {
        let whole = format!("{year}{}", if zeros == 0 { String::new() } else { format!(".{}", "0".repeat(zeros)) });
        let text = format!("t,i,j,k,v,q\n{whole},398,792,270900,1.5,\n");
        let reader = DyadicReader::baci();
        let (records, _) = folded(&text, &reader, threads).unwrap();
        prop_assert_eq!(records, streamed(&text.replace(&whole, &year.to_string()), &reader).unwrap().0);
        let bad = format!("{year}.{fraction:03}");
        let text = if in_year {
            format!("t,i,j,k,v,q\n{bad},398,792,270900,1.5,\n")
        } else {
            format!("t,i,j,k,v,q\n2022,398.{fraction:03},792,270900,1.5,\n")
        };
        let err = folded(&text, &reader, threads).unwrap_err();
        prop_assert_eq!(&err, &streamed(&text, &reader).unwrap_err());
        prop_assert!(err.to_string().contains("not a whole number"), "{}", err);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The reader's per-thread lookups (areas, the last period, product codes) give what the
    /// full rules give, row after row, whatever came before: each row is checked against
    /// `Commodity::hs`, `Period`'s parser and the Comtrade codes on its own.
    #[test]
    fn lookups_give_the_full_rules_answer(
        rows in proptest::collection::vec(
            (
                prop::sample::select(vec!["2022", "2022.0", "2021", "2022.5", " 2022", "202"]),
                prop::sample::select(vec!["842", "842.0", "251", "999", "0842", "84 2"]),
                prop::sample::select(vec![
                    "030289", "30289", "770100", "010121", "0302.89", " 030289", "030200",
                    "030300", "1030289",
                ]),
            ),
            1..40,
        ),
        threads in 1usize..3,
    ) {
        let mut text = String::from("t,i,j,k,v,q\n");
        for (t, i, k) in &rows {
            text.push_str(&format!("{t},{i},792,{k},1.5,\n"));
        }
        let reader = DyadicReader::baci().mode(Mode::Lenient);
        let mut records = reader.records(text.as_bytes()).unwrap();
        let read: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
        let report = records.into_report();
        let mut expected = Vec::new();
        for (t, i, k) in &rows {
            let year = t.trim().strip_suffix(".0").unwrap_or(t.trim());
            let period = (year.len() == 4).then(|| year.parse::<Period>().ok()).flatten();
            let code = i.trim().strip_suffix(".0").unwrap_or(i.trim());
            let area = code.parse::<u16>().ok().and_then(|c| Area::from_comtrade_code(c).ok());
            let commodity = Commodity::hs(k).ok();
            if let (Some(period), Some(area), Some(commodity)) = (period, area, commodity) {
                expected.push((period, area, commodity));
            }
        }
        let got: Vec<(Period, Area, Commodity)> =
            read.iter().map(|r| (r.period(), r.reporter(), r.commodity())).collect();
        prop_assert_eq!(&got, &expected);
        prop_assert_eq!(report.rejected() as usize, rows.len() - expected.len());
        let (folded_records, folded_report) = folded(&text, &reader, threads).unwrap();
        prop_assert_eq!(folded_report, report);
        prop_assert_eq!(folded_records.len(), expected.len());
    }
}
