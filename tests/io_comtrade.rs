//! UN Comtrade CSV reader and the comtrade_summary example: hand-written files with the expected
//! records written out, every kind of bad row in strict and lenient mode, the parallel fold
//! against the streaming reader, and the example against an independent Python computation.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::str::FromStr;

use tradestat::io::comtrade::{ComtradeReader, ValueColumn};
use tradestat::io::{Mode, ReadReport};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Error, Flow, Money, Period, TradeData,
    TradeRecord, Valuation,
};

#[allow(dead_code)]
#[path = "../examples/comtrade_summary.rs"]
mod summary;

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn read_all(text: &str, reader: ComtradeReader) -> (Vec<TradeRecord>, ReadReport) {
    let mut records = reader.records(text.as_bytes()).unwrap();
    let out: Vec<TradeRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
    (out, records.into_report())
}

fn strict_error(text: &str) -> Error {
    ComtradeReader::new()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .expect("an error")
}

fn bad_row(e: &Error) -> (u64, &str, &str) {
    match e {
        Error::BadRow {
            line,
            column,
            value,
            ..
        } => (*line, column.as_str(), value.as_str()),
        other => panic!("not a BadRow: {other:?}"),
    }
}

/// A byte-order mark, CRLF, reordered columns, quoted fields with commas and doubled quotes, a
/// monthly row, a chapter row, a breakdown row, a USA import valued FOB.
const MIXED: &str = "\u{feff}reporterCode,period,freqCode,flowCode,partnerCode,cmdDesc,cmdCode,classificationCode,primaryValue,cifvalue,fobvalue,partner2Code,customsCode,motCode,mosCode\r\n\
398,2022,A,X,792,\"All, commodities\",TOTAL,H6,100.5,,100.5,0,C00,0,0\r\n\
398,2022,A,M,792,\"Mineral fuels, \"\"oils\"\"\",27,H6,40.25,40.25,38,0,C00,0,0\r\n\
842,202203,M,M,0,x,TOTAL,H6,7,,7.000,0,C00,0,0\r\n\
398,2022,A,X,792,x,27,H6,5,,5,0,C00,1000,0\r\n\
251,2021,A,RX,490,x,TOTAL,H6,0.001,,,0,C00,0,0\r\n";

#[test]
fn mixed_file_gives_the_records_written_out() {
    let (records, report) = read_all(MIXED, ComtradeReader::new());
    let expected = vec![
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2022"),
            Flow::Export,
            usd("100.5"),
        )
        .with_valuation(Valuation::Fob),
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2022"),
            Flow::Import,
            usd("40.25"),
        )
        .with_commodity(Commodity::hs("27").unwrap())
        .with_valuation(Valuation::Cif),
        // primaryValue equals fobvalue (numerically, 7 = 7.000): an import valued FOB.
        TradeRecord::new(
            Country::USA,
            Area::World,
            p("2022-03"),
            Flow::Import,
            usd("7"),
        )
        .with_valuation(Valuation::Fob),
        // neither cifvalue nor fobvalue: the flow's default (re-exports FOB); 490 is "Other Asia, n.e.s."
        TradeRecord::new(
            Country::FRA,
            Area::OtherAsiaNes,
            p("2021"),
            Flow::ReExport,
            usd("0.001"),
        ),
    ];
    assert_eq!(records, expected);
    assert_eq!(records[2].valuation(), Valuation::Fob);
    assert_eq!(records[3].valuation(), Valuation::Fob);
    // The motCode 1000 row is a breakdown row: skipped, counted.
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (5, 4, 0, 1)
    );
}

#[test]
fn breakdown_rows_can_be_kept_and_other_value_columns_chosen() {
    let (records, report) = read_all(MIXED, ComtradeReader::new().keep_breakdowns(true));
    assert_eq!((records.len(), report.skipped()), (5, 0));
    // cifvalue: the rows without one are bad rows.
    let mut it = ComtradeReader::new()
        .value(ValueColumn::Cif)
        .records(MIXED.as_bytes())
        .unwrap();
    let first = it.next().unwrap();
    let e = first.unwrap_err();
    assert_eq!(bad_row(&e), (2, "cifvalue", ""));
    let (records, report) = read_all(
        MIXED,
        ComtradeReader::new()
            .value(ValueColumn::Fob)
            .mode(Mode::Lenient),
    );
    assert_eq!(
        records
            .iter()
            .map(|r| (r.value().amount().to_string(), r.valuation()))
            .collect::<Vec<_>>(),
        vec![
            ("100.5".into(), Valuation::Fob),
            ("38".into(), Valuation::Fob),
            ("7.000".into(), Valuation::Fob)
        ]
    );
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (5, 3, 1, 1)
    );
    assert_eq!(report.rejections()[0].line, 6);
    assert_eq!(report.rejections()[0].column, "fobvalue");
}

#[test]
fn older_files_without_the_optional_columns() {
    let text = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n2019,76,0,X,TOTAL,225383000000\n2019,76,0,M,84,12345.678\n";
    let (records, report) = read_all(text, ComtradeReader::new());
    assert_eq!(
        records,
        vec![
            TradeRecord::new(
                Country::BRA,
                Area::World,
                p("2019"),
                Flow::Export,
                usd("225383000000")
            ),
            TradeRecord::new(
                Country::BRA,
                Area::World,
                p("2019"),
                Flow::Import,
                usd("12345.678")
            )
            .with_commodity(Commodity::hs("84").unwrap()),
        ]
    );
    assert_eq!(
        report.to_string(),
        "read 2 rows: accepted 2, rejected 0, skipped 0"
    );
    // refYear/refMonth instead of period; SITC by classificationCode.
    let text = "refYear,refMonth,freqCode,reporterCode,partnerCode,flowCode,classificationCode,cmdCode,primaryValue\n\
                2000,52,A,398,643,X,S3,3,10\n2000,7,M,398,643,M,S3,TOTAL,2\n";
    let (records, _) = read_all(text, ComtradeReader::new());
    assert_eq!(records[0].period(), p("2000"));
    assert_eq!(records[0].commodity(), Commodity::sitc("3").unwrap());
    assert_eq!(records[1].period(), p("2000-07"));
}

#[test]
fn a_missing_required_column_is_named() {
    let e = ComtradeReader::new()
        .records("period,reporterCode,flowCode,cmdCode,primaryValue\n".as_bytes())
        .unwrap_err();
    assert_eq!(
        e,
        Error::MissingColumn {
            format: "UN Comtrade CSV",
            column: "partnerCode".into(),
            detail: String::new()
        }
    );
    assert!(ComtradeReader::new().records("".as_bytes()).is_err());
}

const HEADER: &str = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n";

#[test]
fn strict_mode_names_line_column_and_value_of_the_first_bad_row() {
    let cases: &[(&str, (u64, &str, &str))] = &[
        ("2022,398,792,X,TOTAL,12.5x\n", (2, "primaryValue", "12.5x")),
        ("2022,398,792,X,TOTAL,1e6\n", (2, "primaryValue", "1e6")),
        ("2022,398,792,X,TOTAL,\n", (2, "primaryValue", "")),
        (
            "2022,398,792,X,TOTAL,0.00000000000000000000000000001\n",
            (2, "primaryValue", "0.00000000000000000000000000001"),
        ),
        ("2022,398,999,X,TOTAL,1\n", (2, "partnerCode", "999")),
        ("2022,KAZ,792,X,TOTAL,1\n", (2, "reporterCode", "KAZ")),
        ("2022,398,792,Z,TOTAL,1\n", (2, "flowCode", "Z")),
        ("2022,398,792,X,7701,1\n", (2, "cmdCode", "7701")),
        ("20221,398,792,X,TOTAL,1\n", (2, "period", "20221")),
        ("202213,398,792,X,TOTAL,1\n", (2, "period", "202213")),
        // a good row, then a truncated last line (no line break): too few fields
        (
            "2022,398,792,X,TOTAL,1\n2022,398,792,M\n",
            (3, "cmdCode", ""),
        ),
        // too many fields
        ("2022,398,792,X,TOTAL,1,7\n", (2, "(field 7)", "7")),
        // bad quoting
        ("2022,398,792,X,\"TOTAL\"x,1\n", (2, "cmdCode", "TOTAL")),
        // a quoted field with a line break moves the following lines down
        // (surrounding white space around a number is allowed)
        (
            "2022,398,792,X,TOTAL,\"1\n\"\n2022,398,792,X,TOTAL,oops\n",
            (4, "primaryValue", "oops"),
        ),
        (
            "2022,398,792,X,TOTAL,\"1\"\n2022,398,792,X,TOTAL,\"o\nops\"\n",
            (3, "primaryValue", "o\nops"),
        ),
    ];
    for (rows, expected) in cases {
        let text = format!("{HEADER}{rows}");
        let e = strict_error(&text);
        assert_eq!(bad_row(&e), *expected, "{rows:?}: {e}");
    }
    // freqCode must match the period's form.
    let e = strict_error("freqCode,period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\nM,2022,398,0,X,TOTAL,1\n");
    assert_eq!(bad_row(&e), (2, "freqCode", "M"));
    assert!(
        e.to_string().starts_with("line 2, column \"freqCode\""),
        "{e}"
    );
}

#[test]
fn lenient_mode_accounts_for_every_row() {
    let text = format!(
        "{HEADER}2022,398,792,X,TOTAL,1\n\
         2022,398,792,M,TOTAL,bad\n\
         \n\
         2022,398,999,X,27,2\n\
         2022,398,792,X,27,3\n\
         2022,398,792,M,27\n"
    );
    let mut records = ComtradeReader::new()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let values: Vec<String> = records
        .by_ref()
        .map(|r| r.unwrap().value().amount().to_string())
        .collect();
    assert_eq!(values, vec!["1", "3"]);
    let report = records.into_report();
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (5, 2, 3, 0)
    );
    assert_eq!(
        report.read(),
        report.accepted() + report.rejected() + report.skipped()
    );
    let rejected: Vec<(u64, &str, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.value.as_str()))
        .collect();
    // The empty line 4 is no row; the truncated last line names its first missing column.
    assert_eq!(
        rejected,
        vec![
            (3, "primaryValue", "bad"),
            (5, "partnerCode", "999"),
            (7, "primaryValue", "")
        ]
    );
}

#[test]
fn a_record_set_from_the_reader() {
    let (data, report) = ComtradeReader::new()
        .records(MIXED.as_bytes())
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    assert_eq!((data.len(), report.accepted()), (4, 4));
    assert_eq!(
        data.value(
            Country::KAZ,
            Country::TUR,
            tradestat::Measure::Exports,
            Commodity::TOTAL,
            p("2022")
        )
        .unwrap(),
        Some(usd("100.5"))
    );
}

/// A synthetic file of `rows` rows, larger than one block of the parallel reader, with quoted
/// fields holding commas and line breaks.
fn big_file(rows: usize, bad_at: Option<usize>) -> String {
    let mut s = String::from(
        "reporterCode,partnerCode,cmdDesc,period,flowCode,cmdCode,primaryValue,motCode\n",
    );
    for i in 0..rows {
        let value = if Some(i) == bad_at {
            "1.2.3".to_string()
        } else {
            format!("{}.{:03}", i % 9973, i % 1000)
        };
        let desc = if i % 7 == 0 {
            "\"multi\nline, \"\"quoted\"\"\""
        } else {
            "plain"
        };
        let mot = if i % 11 == 0 { 1000 } else { 0 };
        let flow = if i % 2 == 0 { "X" } else { "M" };
        s.push_str(&format!(
            "398,{},{desc},{},{flow},TOTAL,{value},{mot}\n",
            [792, 643, 156, 0][i % 4],
            2000 + i % 20
        ));
    }
    s
}

fn line_of_row(text: &str, row: usize) -> u64 {
    // 1-based line where data row `row` (0-based) starts.
    let mut line = 1u64;
    let mut rows_seen = 0usize;
    let mut in_quotes = false;
    let mut at_row_start = false;
    for c in text.chars() {
        if at_row_start {
            if rows_seen == row + 1 {
                return line;
            }
            at_row_start = false;
        }
        match c {
            '"' => in_quotes = !in_quotes,
            '\n' => {
                line += 1;
                if !in_quotes {
                    rows_seen += 1;
                    at_row_start = true;
                }
            }
            _ => {}
        }
    }
    line
}

#[test]
fn parallel_fold_agrees_with_the_streaming_reader() {
    let text = big_file(300_000, None);
    assert!(text.len() > 8 << 20, "spans several 4 MiB blocks");
    let (records, report) = read_all(&text, ComtradeReader::new());
    let sum: Decimal = records.iter().map(|r| r.value().amount()).sum();
    for threads in [1, 2, 3] {
        let (parts, folded) = ComtradeReader::new()
            .threads(threads)
            .fold(
                text.as_bytes(),
                || (Decimal::ZERO, 0usize),
                |acc, r| {
                    acc.0 += r.value().amount();
                    acc.1 += 1;
                },
            )
            .unwrap();
        assert_eq!(parts.iter().map(|p| p.0).sum::<Decimal>(), sum);
        assert_eq!(parts.iter().map(|p| p.1).sum::<usize>(), records.len());
        assert_eq!(folded, report);
    }
    assert_eq!(report.skipped(), 300_000 / 11 + 1);
}

#[test]
fn totals_only_skips_product_rows_unread_and_agrees_in_parallel() {
    let text = format!(
        "{HEADER}2022,398,792,X,27,\"not\nread\"\n2022,398,792,X,TOTAL,1.5\n2022,398,792,M,2709,oops\n2022,398,792,M,TOTAL,bad\n"
    );
    let mut records = ComtradeReader::new()
        .totals_only(true)
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<String> = records
        .by_ref()
        .map(|r| r.unwrap().value().amount().to_string())
        .collect();
    assert_eq!(got, vec!["1.5"]);
    let report = records.into_report();
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (4, 1, 1, 2)
    );
    // The line of the bad TOTAL row counts the line break inside the skipped row.
    assert_eq!(report.rejections()[0].line, 6);
    // A big file, streaming and parallel, agree.
    // One TOTAL row left, row 1 (the only row with these values).
    let big = big_file(300_000, None).replace(",TOTAL,", ",27,").replace(
        "398,643,plain,2001,M,27,1.001,0\n",
        "398,643,plain,2001,M,TOTAL,1.001,0\n",
    );
    let streamed = ComtradeReader::new()
        .totals_only(true)
        .records(big.as_bytes())
        .unwrap();
    let n = streamed.count();
    let (parts, report) = ComtradeReader::new()
        .totals_only(true)
        .threads(2)
        .fold(big.as_bytes(), || 0usize, |n, _| *n += 1)
        .unwrap();
    assert_eq!(
        (
            n,
            parts.iter().sum::<usize>(),
            report.accepted(),
            report.skipped()
        ),
        (1, 1, 1, 299_999)
    );
}

#[test]
fn parallel_fold_reports_the_first_bad_row_by_its_line() {
    let bad = 270_003;
    let text = big_file(300_000, Some(bad));
    let expected_line = line_of_row(&text, bad);
    let e = ComtradeReader::new()
        .threads(2)
        .fold(text.as_bytes(), || 0u64, |n, _| *n += 1)
        .unwrap_err();
    assert_eq!(bad_row(&e), (expected_line, "primaryValue", "1.2.3"));
    let streamed = ComtradeReader::new()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(streamed, e);
    // Lenient: the same row listed with the same line, everything else accepted or skipped.
    let (_, report) = ComtradeReader::new()
        .threads(2)
        .mode(Mode::Lenient)
        .fold(text.as_bytes(), || 0u64, |n, _| *n += 1)
        .unwrap();
    assert_eq!(report.rejected(), 1);
    assert_eq!(report.rejections()[0].line, expected_line);
    assert_eq!(report.read(), 300_000);
}

#[test]
fn summary_example_matches_an_independent_python_computation() {
    // tests/data/comtrade_sample.csv: tools/gen_comtrade.py tests/data/comtrade_sample.csv
    // --rows-scale 0.02 --edge-cases; the expected output: tools/summary_reference.py (Python
    // decimal and fractions, exact).
    let mut out = Vec::new();
    let messages = summary::summarize("tests/data/comtrade_sample.csv", false, &mut out).unwrap();
    let expected = std::fs::read_to_string("tests/data/comtrade_sample_summary.csv").unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    let expected_stderr =
        std::fs::read_to_string("tests/data/comtrade_sample_summary.stderr").unwrap();
    assert_eq!(messages, expected_stderr);
    assert!(messages.starts_with("read 515 rows: accepted 149, rejected 0, skipped 366"));
}

#[test]
fn summary_example_strict_and_lenient() {
    let dir = std::env::temp_dir().join(format!("tradestat-summary-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.csv");
    std::fs::write(
        &path,
        format!(
            "{HEADER}2021,398,792,X,TOTAL,10\n2021,398,792,M,TOTAL,5\n2022,398,792,X,TOTAL,oops\n\
             2022,398,792,X,TOTAL,12\n2022,398,792,M,TOTAL,3\n2022,842,0,M,TOTAL,-1\n"
        ),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let e = summary::summarize(path, false, &mut Vec::new()).unwrap_err();
    assert!(e.starts_with("line 4, column \"primaryValue\""), "{e}");
    let mut out = Vec::new();
    let messages = summary::summarize(path, true, &mut out).unwrap();
    // 2021: 10 + 5 = 15; 2022: 12 + 3 = 15, growth 0; USA-World 2022: imports -1.
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "reporter,partner,year,exports,imports,turnover,balance,growth\n\
         KAZ,TUR,2021,10,5,15,5,\n\
         KAZ,TUR,2022,12,3,15,9,0\n\
         USA,0,2022,0,-1,-1,1,\n"
    );
    assert!(
        messages.starts_with("read 6 rows: accepted 5, rejected 1"),
        "{messages}"
    );
    assert!(
        messages.contains("rejected: line 4, column \"primaryValue\": \"oops\""),
        "{messages}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn values_are_exact_decimals() {
    let text = format!("{HEADER}2022,398,792,X,TOTAL,79228162514264337593543950335\n2022,398,792,M,TOTAL,0.0000000000000000000000000001\n");
    let (records, _) = read_all(&text, ComtradeReader::new());
    assert_eq!(records[0].value().amount(), Decimal::MAX);
    assert_eq!(
        records[1].value().amount(),
        Decimal::from_str("0.0000000000000000000000000001").unwrap()
    );
}

#[cfg(feature = "gzip")]
#[test]
fn gzip_files_are_decompressed() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("tradestat-gz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("comtrade.csv.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(MIXED.as_bytes()).unwrap();
    gz.finish().unwrap();
    let (records, _) = ComtradeReader::new()
        .fold_path(&path, Vec::new, |v, r| v.push(r))
        .unwrap();
    assert_eq!(records.iter().map(Vec::len).sum::<usize>(), 4);
    assert_eq!(ComtradeReader::new().open(&path).unwrap().count(), 4);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_missing_file_keeps_its_io_error_kind() {
    match ComtradeReader::new().open("no/such/file.csv").unwrap_err() {
        Error::Io { kind, message } => {
            assert_eq!(kind, std::io::ErrorKind::NotFound);
            assert!(message.contains("no/such/file.csv"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_block_cut_inside_a_quoted_field_is_an_error_not_garbage() {
    // A quote inside an unquoted field (read as a literal) flips the quote parity the parallel
    // reader cuts blocks by; with line breaks inside quoted fields after it, a cut falls inside
    // a quoted field. The fold says so; the streaming reader reads every row.
    let mut text =
        String::from("reporterCode,partnerCode,cmdDesc,period,flowCode,cmdCode,primaryValue\n");
    text.push_str("398,792,12\" pipe,2000,X,TOTAL,1\n");
    let mut rows = 1;
    while text.len() < 9 << 20 {
        text.push_str("398,792,\"multi\nline\",2000,X,TOTAL,1\n");
        rows += 1;
    }
    assert_eq!(
        ComtradeReader::new()
            .records(text.as_bytes())
            .unwrap()
            .count(),
        rows
    );
    for mode in [Mode::Strict, Mode::Lenient] {
        let e = ComtradeReader::new()
            .mode(mode)
            .threads(2)
            .fold(text.as_bytes(), || (), |_, _| ())
            .unwrap_err();
        assert!(e.to_string().contains("block boundary"), "{e}");
    }
}
