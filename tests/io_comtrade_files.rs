//! UN Comtrade files as they are published: tab-separated Comtrade+ bulk files, the legacy 22- and
//! 35-column layouts, flags, services (EBOPS). The files under `tests/data/` are hand-made from
//! the published layouts (see `tests/data/comtrade_files.md`); every expected value below is read
//! off those files by hand.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Read;

use tradestat::io::comtrade::{ComtradeReader, ValueColumn};
#[cfg(feature = "json")]
use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::{Delimiter, Limits, Mode, ReadReport};
use tradestat::{
    Area, Classification, Commodity, Country, Error, Flags, Flow, Period, TradeData, TradeRecord,
    Valuation,
};

const BULK: &str = "tests/data/comtrade_bulk_plus.txt";
const SERVICES: &str = "tests/data/comtrade_services.txt";
const LEGACY22: &str = "tests/data/comtrade_legacy22.csv";
const LEGACY35: &str = "tests/data/comtrade_legacy35.csv";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// What a test compares of a record.
type Row = (Flow, String, String, Flags, Valuation, Period);

fn row(r: &TradeRecord) -> Row {
    (
        r.flow(),
        r.commodity().to_string(),
        r.value().amount().to_string(),
        r.flags(),
        r.valuation(),
        r.period(),
    )
}

fn stream(reader: ComtradeReader, bytes: &[u8]) -> (Vec<Row>, ReadReport) {
    let mut records = reader.records(bytes).unwrap();
    let rows = records.by_ref().map(|r| row(&r.unwrap())).collect();
    (rows, records.into_report())
}

/// The fold's records, sorted, with small blocks on two threads (block edges everywhere).
fn fold(reader: ComtradeReader, bytes: &[u8], block: usize) -> (Vec<Row>, ReadReport) {
    let (parts, report) = reader
        .threads(2)
        .limits(Limits::new().with_block_bytes(block))
        .fold(bytes, Vec::new, |acc, r| acc.push(row(&r)))
        .unwrap();
    let mut rows: Vec<Row> = parts.into_iter().flatten().collect();
    rows.sort();
    (rows, report)
}

fn sorted(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort();
    rows
}

fn y(year: i32) -> Period {
    format!("{year}").parse().unwrap()
}

fn counts(report: &ReadReport) -> (u64, u64, u64) {
    (report.accepted(), report.rejected(), report.skipped())
}

#[test]
fn a_comtrade_plus_bulk_file_is_read_tab_separated_with_its_flags() {
    let bytes = read(BULK);
    let (rows, report) = stream(ComtradeReader::new(), &bytes);
    let x = Flow::Export;
    let expected = vec![
        // Line 2: primaryValue equals fobvalue; isAggregate True.
        (
            x,
            "TOTAL".into(),
            "2541000000.5".into(),
            Flags::AGGREGATE,
            Valuation::Fob,
            y(2022),
        ),
        // Line 3: isReported False, isAggregate True; primaryValue equals cifvalue.
        (
            Flow::Import,
            "TOTAL".into(),
            "1233000000".into(),
            Flags::NOT_REPORTED | Flags::AGGREGATE,
            Valuation::Cif,
            y(2022),
        ),
        // Line 4: a description with commas and a literal quote (`12" and over`);
        // legacyEstimationFlag 4 (net weight estimated), isQtyEstimated True.
        (
            x,
            "7304".into(),
            "1500.25".into(),
            Flags::QUANTITY_ESTIMATED,
            Valuation::Fob,
            y(2022),
        ),
        (
            x,
            "0101".into(),
            "10".into(),
            Flags::NONE,
            Valuation::Fob,
            y(2022),
        ),
        // Line 6 (motCode 2100) is a breakdown row, skipped. Line 7's description starts with a
        // quote, literal in a tab-separated file.
        (
            x,
            "99".into(),
            "7".into(),
            Flags::NONE,
            Valuation::Fob,
            y(2022),
        ),
    ];
    assert_eq!(rows, expected);
    assert_eq!(counts(&report), (5, 0, 1));
    // The delimiter given instead of sniffed: the same.
    let (given, _) = stream(ComtradeReader::new().delimiter(Delimiter::Tab), &bytes);
    assert_eq!(given, expected);
    // The fold on tab-separated input, blocks of 64 bytes to 4 KiB: the same records and report.
    for block in [64, 200, 4096] {
        let (folded, report) = fold(ComtradeReader::new(), &bytes, block);
        assert_eq!(folded, sorted(expected.clone()), "block {block}");
        assert_eq!(counts(&report), (5, 0, 1), "block {block}");
    }
    // Blank lines before the header: the sniff looks at the header, not the first line.
    let blank_first = [b"\n\r\n".as_slice(), &bytes].concat();
    let (rows, _) = stream(ComtradeReader::new(), &blank_first);
    assert_eq!(rows, expected);
    // Read one byte at a time (the sniff waits for the whole header line).
    let mut records = ComtradeReader::new().records(OneByte(&bytes)).unwrap();
    let one_byte: Vec<Row> = records.by_ref().map(|r| row(&r.unwrap())).collect();
    assert_eq!(one_byte, expected);
}

#[test]
fn reported_only_skips_the_figures_comtrade_filled_in() {
    let bytes = read(BULK);
    let reader = ComtradeReader::new().reported_only(true);
    let (rows, report) = stream(reader, &bytes);
    // Line 3 (isReported False) is skipped, with the breakdown row of line 6.
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|r| !r.3.contains(Flags::NOT_REPORTED)));
    assert_eq!(counts(&report), (4, 0, 2));
    let (folded, report) = fold(reader, &bytes, 128);
    assert_eq!(folded, sorted(rows));
    assert_eq!(counts(&report), (4, 0, 2));
    // The legacy layouts have no isReported: nothing is skipped for it.
    let (legacy, _) = stream(reader, &read(LEGACY22));
    assert_eq!(legacy.len(), 6);
}

/// The bulk file with one field of line `line` replaced.
fn with_field(bytes: &[u8], line: usize, column: &str, value: &str) -> Vec<u8> {
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let index = lines[0].split('\t').position(|c| c == column).unwrap();
    let mut fields: Vec<&str> = lines[line - 1].split('\t').collect();
    fields[index] = value;
    lines[line - 1] = fields.join("\t");
    (lines.join("\n") + "\n").into_bytes()
}

#[test]
fn a_flag_that_is_not_a_flag_is_a_bad_row_strict_and_lenient_stream_and_fold() {
    let bulk = read(BULK);
    let cases = [
        (
            with_field(&bulk, 5, "isReported", "Yes"),
            "isReported",
            "Yes",
        ),
        (
            with_field(&bulk, 5, "legacyEstimationFlag", "3"),
            "legacyEstimationFlag",
            "3",
        ),
        (
            with_field(&bulk, 5, "isAggregate", "maybe"),
            "isAggregate",
            "maybe",
        ),
    ];
    for (bytes, column, value) in &cases {
        let strict = ComtradeReader::new().records(&bytes[..]).unwrap();
        let error = strict.filter_map(Result::err).next().unwrap();
        match &error {
            Error::BadRow {
                line,
                column: c,
                value: v,
                ..
            } => assert_eq!((*line, c.as_str(), v.as_str()), (5, *column, *value)),
            other => panic!("{other}"),
        }
        let e = ComtradeReader::new()
            .threads(2)
            .fold(&bytes[..], || (), |_, _| ())
            .unwrap_err();
        assert_eq!(e.to_string(), error.to_string());
        let lenient = ComtradeReader::new().mode(Mode::Lenient);
        let (rows, report) = stream(lenient, bytes);
        assert_eq!((rows.len(), counts(&report)), (4, (4, 1, 1)), "{column}");
        assert_eq!(report.rejections()[0].column, *column);
        let (_, report) = fold(lenient, bytes, 100);
        assert_eq!(counts(&report), (4, 1, 1), "{column} (fold)");
    }
    // Booleans in other cases, as 1/0, and empty, are read: `true` marks, empty says nothing.
    for (value, flags) in [
        ("TRUE", Flags::AGGREGATE),
        ("1", Flags::AGGREGATE),
        ("", Flags::NONE),
    ] {
        let bytes = with_field(&bulk, 5, "isAggregate", value);
        let (rows, _) = stream(ComtradeReader::new(), &bytes);
        assert_eq!(rows[3].3, flags, "{value:?}");
    }
}

#[test]
fn quotes_in_tab_separated_descriptions_are_literal_and_blocks_are_cut_at_line_feeds() {
    // 300 rows whose descriptions hold one quote each (`12" pipes`): quote parity would put
    // every other cut inside a "quoted field" and the fold would refuse the file; read without
    // quoting, every line feed ends a row. The values are 1 to 300: the sum is 300 * 301 / 2.
    let mut tsv = String::from(
        "period\treporterCode\tpartnerCode\tflowCode\tcmdCode\tcmdDesc\tprimaryValue\n",
    );
    for i in 1..=300 {
        tsv.push_str(&format!(
            "2022\t398\t792\tX\t7304\t\"Tubes, 12\" pipes\t{i}\n"
        ));
    }
    let bytes = tsv.as_bytes();
    for block in [50, 97, 1000] {
        let (sums, report) = ComtradeReader::new()
            .threads(2)
            .mode(Mode::Lenient)
            .limits(Limits::new().with_block_bytes(block))
            .fold(
                bytes,
                || 0_i64,
                |s, r| *s += i64::try_from(r.value().amount().mantissa()).unwrap(),
            )
            .unwrap();
        assert_eq!(sums.iter().sum::<i64>(), 45_150, "block {block}");
        assert_eq!(counts(&report), (300, 0, 0), "block {block}");
    }
    let (rows, _) = stream(ComtradeReader::new(), bytes);
    assert_eq!(rows.len(), 300);
    // The same file read as comma-quoted text cannot work: told to read tabs with RFC 4180
    // quoting there is no such option, and read as commas the header has one column.
    let e = ComtradeReader::new()
        .delimiter(Delimiter::Comma)
        .records(bytes)
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("the file is tab-separated: this reader reads comma-separated values"),
        "{e}"
    );
}

#[test]
fn semicolon_and_pipe_files_keep_rfc_4180_quoting() {
    for d in [';', '|', ','] {
        let text = format!(
            "period{d}reporterCode{d}partnerCode{d}flowCode{d}cmdCode{d}cmdDesc{d}primaryValue\n\
             2022{d}398{d}792{d}X{d}0101{d}\"Horses{d} asses \"\"live\"\"\"{d}10.5\n"
        );
        let (rows, report) = stream(ComtradeReader::new(), text.as_bytes());
        assert_eq!(rows.len(), 1, "{d}");
        assert_eq!(rows[0].2, "10.5", "{d}");
        assert_eq!(counts(&report), (1, 0, 0));
        let (folded, _) = fold(ComtradeReader::new(), text.as_bytes(), 16);
        assert_eq!(folded, rows, "{d} (fold)");
    }
}

#[test]
fn the_legacy_22_column_layout_is_read_into_the_same_records() {
    let bytes = read(LEGACY22);
    let (rows, report) = stream(ComtradeReader::new(), &bytes);
    let t = "TOTAL".to_string();
    let (cif, fob) = (Valuation::Cif, Valuation::Fob);
    let expected = vec![
        // Trade Flow Code 1 import, 2 export, 3 re-export, 4 re-import; Flag 0 none.
        (
            Flow::Import,
            t.clone(),
            "1418765432".into(),
            Flags::NONE,
            cif,
            y(2015),
        ),
        (
            Flow::Export,
            t.clone(),
            "1937256000".into(),
            Flags::NONE,
            fob,
            y(2015),
        ),
        (
            Flow::ReExport,
            t.clone(),
            "1250.5".into(),
            Flags::NONE,
            fob,
            y(2015),
        ),
        (Flow::ReImport, t, "42".into(), Flags::NONE, cif, y(2015)),
        // Flag 2 (quantity estimated), Flag 4 (net weight estimated).
        (
            Flow::Export,
            "01".into(),
            "35000".into(),
            Flags::QUANTITY_ESTIMATED,
            fob,
            y(2015),
        ),
        (
            Flow::Import,
            "0101".into(),
            "98000.75".into(),
            Flags::QUANTITY_ESTIMATED,
            cif,
            y(2015),
        ),
    ];
    assert_eq!(rows, expected);
    assert_eq!(counts(&report), (6, 0, 0));
    let (folded, _) = fold(ComtradeReader::new(), &bytes, 100);
    assert_eq!(folded, sorted(expected));
    // The reporter and partner are read as in the new layout.
    let first = ComtradeReader::new()
        .records(&bytes[..])
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(first.reporter(), Area::Country(Country::KAZ));
    assert_eq!(first.partner(), Area::Country(Country::TUR));
    // No CIF column in this layout: asked for, it is named.
    let e = ComtradeReader::new()
        .value(ValueColumn::Cif)
        .records(&bytes[..])
        .unwrap_err();
    assert!(e.to_string().contains("CIF Trade Value (US$)"), "{e}");
    // A data set from it: the exports total is line 3's.
    let data = ComtradeReader::new()
        .records(&bytes[..])
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap()
        .0;
    let value = data
        .value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            y(2015),
        )
        .unwrap()
        .unwrap();
    assert_eq!(value.amount().to_string(), "1937256000");
}

#[test]
fn a_legacy_flow_code_that_is_not_1_to_4_is_a_bad_row() {
    let text = String::from_utf8(read(LEGACY22))
        .unwrap()
        .replacen(",1,Import,", ",5,Import,", 1);
    let e = ComtradeReader::new()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert!(
        e.to_string().contains("Trade Flow Code") && e.to_string().contains("1 import, 2 export"),
        "{e}"
    );
    let (rows, report) = stream(ComtradeReader::new().mode(Mode::Lenient), text.as_bytes());
    assert_eq!((rows.len(), counts(&report)), (5, (5, 1, 0)));
}

#[test]
fn the_legacy_35_column_layout_reads_breakdowns_valuations_and_cif_fob() {
    let bytes = read(LEGACY35);
    let march: Period = "2015-03".parse().unwrap();
    let (rows, report) = stream(ComtradeReader::new(), &bytes);
    let expected = vec![
        // The primary value equals the CIF value: CIF.
        (
            Flow::Import,
            "TOTAL".into(),
            "118765432.1".into(),
            Flags::NONE,
            Valuation::Cif,
            march,
        ),
        (
            Flow::Export,
            "TOTAL".into(),
            "161438000".into(),
            Flags::NONE,
            Valuation::Fob,
            march,
        ),
        // An import valued FOB (primary 22000 = FOB 22000, CIF 21000); Flag 6.
        (
            Flow::Import,
            "73".into(),
            "22000".into(),
            Flags::QUANTITY_ESTIMATED,
            Valuation::Fob,
            march,
        ),
    ];
    // Line 5 (Mode of Transport Code 1) is a breakdown row.
    assert_eq!(rows, expected);
    assert_eq!(counts(&report), (3, 0, 1));
    let (folded, report) = fold(ComtradeReader::new(), &bytes, 120);
    assert_eq!((folded, counts(&report)), (sorted(expected), (3, 0, 1)));
    // The CIF column: line 3 (an export) has none, a bad row naming the column.
    let cif = ComtradeReader::new().value(ValueColumn::Cif);
    let e = cif
        .records(&bytes[..])
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    match e {
        Error::BadRow { line, column, .. } => {
            assert_eq!((line, column.as_str()), (3, "CIF Trade Value (US$)"))
        }
        other => panic!("{other}"),
    }
    let (rows, report) = stream(cif.mode(Mode::Lenient), &bytes);
    assert_eq!(
        rows.iter().map(|r| r.2.as_str()).collect::<Vec<_>>(),
        ["118765432.1", "21000"]
    );
    assert_eq!(counts(&report), (2, 1, 1));
    // Breakdowns kept: four rows.
    let (all, _) = stream(ComtradeReader::new().keep_breakdowns(true), &bytes);
    assert_eq!(all.len(), 4);
}

#[test]
fn services_rows_are_ebops_commodities_never_part_of_the_goods_total() {
    let bytes = read(SERVICES);
    let (rows, report) = stream(ComtradeReader::new(), &bytes);
    let codes: Vec<(&str, &str)> = rows.iter().map(|r| (r.1.as_str(), r.2.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("EBOPS:S", "900.5"),
            ("EBOPS:SC", "600"),
            ("EBOPS:205", "590"),
            // `TOTAL` in a services row: the EBOPS code of all services.
            ("EBOPS:TOTAL", "905"),
            ("27", "100"),
            ("72", "50.25"),
        ]
    );
    assert_eq!(counts(&report), (6, 0, 0));
    let (folded, _) = fold(ComtradeReader::new(), &bytes, 300);
    assert_eq!(folded, sorted(rows));
    let data = ComtradeReader::new()
        .records(&bytes[..])
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap()
        .0;
    let value = |c: Commodity| {
        data.value(Country::KAZ, Country::TUR, Flow::Export, c, y(2022))
            .unwrap()
            .map(|m| m.amount().to_string())
    };
    // The goods total is the sum of the chapters, 100 + 50.25: no services in it.
    assert_eq!(value(Commodity::TOTAL).as_deref(), Some("150.25"));
    assert_eq!(
        value(Commodity::ebops("SC").unwrap()).as_deref(),
        Some("600")
    );
    assert_eq!(
        value(Commodity::ebops("TOTAL").unwrap()).as_deref(),
        Some("905")
    );
    assert_eq!(
        Commodity::ebops("205").unwrap().classification(),
        Some(Classification::Ebops)
    );
    // `totals_only` keeps the TOTAL rows, the services one as the services code.
    let (totals, report) = stream(ComtradeReader::new().totals_only(true), &bytes);
    assert_eq!(totals.len(), 1);
    assert_eq!(totals[0].1, "EBOPS:TOTAL");
    assert_eq!(counts(&report), (1, 0, 5));
}

#[test]
fn a_file_of_another_shape_is_refused_saying_what_it_looks_like() {
    let cases = [
        (
            "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n",
            "the file looks like SDMX-CSV",
        ),
        (
            "t,i,j,k,v,q\n2022,398,792,010121,1.5,NA\n",
            "the file looks like a CEPII BACI table",
        ),
        (
            "reporter\tpartner\tperiod\tflow\tvalue\tcurrency\nKAZ\tTUR\t2022\tX\t1\tUSD\n",
            "the file looks like tradestat's tidy CSV",
        ),
        (
            "a|b|c\n1|2|3\n",
            "the header has 3 columns (a, b, c), neither the Comtrade+ layout",
        ),
    ];
    for (text, expected) in cases {
        let e = ComtradeReader::new().records(text.as_bytes()).unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
        let e = ComtradeReader::new()
            .fold(text.as_bytes(), || (), |_, _| ())
            .unwrap_err();
        assert!(e.to_string().contains(expected), "fold: {e}");
    }
}

#[cfg(feature = "json")]
#[test]
fn the_api_json_keeps_the_flags_too() {
    let body = r#"{"data": [
      {"period": "2022", "reporterCode": 398, "partnerCode": 792, "flowCode": "X", "cmdCode": "TOTAL",
       "primaryValue": 5, "isReported": false, "isAggregate": true, "legacyEstimationFlag": 2,
       "isQtyEstimated": false},
      {"period": "2022", "reporterCode": 398, "partnerCode": 792, "flowCode": "M", "cmdCode": "TOTAL",
       "primaryValue": 6, "isReported": true, "isAggregate": false, "legacyEstimationFlag": 0,
       "isQtyEstimated": null},
      {"period": "2022", "reporterCode": 398, "partnerCode": 792, "flowCode": "RX", "cmdCode": "TOTAL",
       "primaryValue": 7, "isReported": "yes"}
    ]}"#;
    let mut records = ComtradeJsonReader::new()
        .mode(Mode::Lenient)
        .records(body.as_bytes())
        .unwrap();
    let flags: Vec<Flags> = records.by_ref().map(|r| r.unwrap().flags()).collect();
    assert_eq!(
        flags,
        [
            Flags::NOT_REPORTED | Flags::AGGREGATE | Flags::QUANTITY_ESTIMATED,
            Flags::NONE
        ]
    );
    let report = records.report();
    assert_eq!(report.rejected(), 1);
    assert_eq!(report.rejections()[0].column, "isReported");
}

/// A reader that hands out one byte at a time.
struct OneByte<'a>(&'a [u8]);

impl Read for OneByte<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&b, rest)), Some(slot)) => {
                *slot = b;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

mod delimiters {
    use super::*;
    use proptest::prelude::*;

    /// One file's rows as `(value, description)`, written with `delimiter`: the description
    /// quoted by RFC 4180 except in tab-separated text, where it is written as it is.
    fn write(rows: &[(u32, String)], delimiter: Delimiter) -> String {
        let d = char::from(delimiter.byte());
        let mut text = format!(
            "period{d}reporterCode{d}partnerCode{d}flowCode{d}cmdCode{d}cmdDesc{d}primaryValue\n"
        );
        for (value, desc) in rows {
            let desc = match delimiter {
                Delimiter::Tab => desc.clone(),
                _ => format!("\"{}\"", desc.replace('"', "\"\"")),
            };
            text.push_str(&format!("2022{d}398{d}792{d}X{d}0101{d}{desc}{d}{value}\n"));
        }
        text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every delimiter, streaming and folding over any block size: the rows written, with
        /// descriptions full of commas, quotes, semicolons and pipes.
        #[test]
        fn each_delimiter_reads_back_the_rows_streaming_and_folding(
            rows in proptest::collection::vec((0_u32..1_000_000, "[a-z ,;|\"]{0,12}"), 1..30),
            block in 1_usize..300,
        ) {
            let mut expected: Vec<String> = rows.iter().map(|(v, _)| v.to_string()).collect();
            for delimiter in Delimiter::ALL {
                let text = write(&rows, delimiter);
                let (streamed, report) = stream(ComtradeReader::new(), text.as_bytes());
                let values: Vec<String> = streamed.iter().map(|r| r.2.clone()).collect();
                let want: Vec<String> = rows.iter().map(|(v, _)| v.to_string()).collect();
                prop_assert_eq!(&values, &want, "{} stream", delimiter);
                prop_assert_eq!(report.accepted(), rows.len() as u64);
                let (folded, report) = fold(ComtradeReader::new(), text.as_bytes(), block);
                let mut values: Vec<String> = folded.iter().map(|r| r.2.clone()).collect();
                values.sort();
                expected.sort();
                prop_assert_eq!(&values, &expected, "{} fold", delimiter);
                prop_assert_eq!(report.accepted(), rows.len() as u64);
            }
        }
    }
}
