//! The engine every reader shares: what a lenient read keeps (exact counts, the first rejections,
//! the record keys of rejected rows, all bounded), over-long rows (one rejected row, the same in
//! both readers, the read goes on), a panic in the caller's fold closure (raised again), and the
//! errors for files that are not comma-separated UTF-8 text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::io::Read;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::tidy::TidyReader;
use tradestat::io::{Delimiter, Limits, Mode, ReadReport, RejectedKey};
use tradestat::{Area, Commodity, Country, Error, Flow, Period};

const HEADER: &str = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n";

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn lenient() -> ComtradeReader {
    ComtradeReader::new().mode(Mode::Lenient)
}

fn stream(reader: ComtradeReader, text: &[u8]) -> (usize, ReadReport) {
    let mut records = reader.records(text).unwrap();
    let n = records.by_ref().map(Result::unwrap).count();
    (n, records.into_report())
}

fn fold(reader: ComtradeReader, text: &[u8], threads: usize) -> (usize, ReadReport) {
    let (counts, report) = reader
        .threads(threads)
        .fold(text, || 0usize, |n, _| *n += 1)
        .unwrap();
    (counts.iter().sum(), report)
}

fn key(
    line: u64,
    reporter: Option<Area>,
    partner: Option<Area>,
    period: Option<&str>,
    flow: Option<Flow>,
    commodity: Option<Commodity>,
) -> RejectedKey {
    RejectedKey {
        line,
        reporter,
        partner,
        period: period.map(p),
        flow,
        commodity,
    }
}

const KAZ: Option<Area> = Some(Area::Country(Country::KAZ));
const TUR: Option<Area> = Some(Area::Country(Country::TUR));

// ---- Item 3: the record keys of rejected rows -------------------------------------------------

#[test]
fn comtrade_keys_of_rejected_rows_are_what_can_be_read_of_them() {
    let text = format!(
        "{HEADER}2016,398,792,X,TOTAL,oops\n\
         2016,398,792,M,27,1\n\
         2016,398,x,M,TOTAL,2e3\n\
         2016,398,792,X,TOTAL\n\
         20161,398,792,Q,TOTAL,5\n\
         2016,398,792,M,\"TOTAL\"x,5\n"
    );
    // Line 2: a bad value in a TOTAL row: every key field readable (the issue's case: a rejected
    // total must be known to the data set). Line 4: a bad partner. Line 5: a short row (its
    // fields may be shifted): nothing read. Line 6: bad period and flow. Line 7: malformed
    // quoting in cmdCode: the fields before it are read.
    let expected = vec![
        key(
            2,
            KAZ,
            TUR,
            Some("2016"),
            Some(Flow::Export),
            Some(Commodity::TOTAL),
        ),
        key(
            4,
            KAZ,
            None,
            Some("2016"),
            Some(Flow::Import),
            Some(Commodity::TOTAL),
        ),
        RejectedKey {
            line: 5,
            reporter: None,
            partner: None,
            period: None,
            flow: None,
            commodity: None,
        },
        key(6, KAZ, TUR, None, None, Some(Commodity::TOTAL)),
        key(7, KAZ, TUR, Some("2016"), Some(Flow::Import), None),
    ];
    let (n, report) = stream(lenient(), text.as_bytes());
    assert_eq!(n, 1);
    assert_eq!(report.rejected(), 5);
    assert_eq!(report.rejected_keys(), expected.as_slice());
    assert!(report.rejected_keys_complete());
    for threads in [1, 2] {
        for block in [1, 7, 4 << 20] {
            let r = lenient().limits(Limits::new().with_block_bytes(block));
            assert_eq!(fold(r, text.as_bytes(), threads), (n, report.clone()));
        }
    }
    // Strict mode keeps nothing: the first bad row is the error.
    let e = ComtradeReader::new()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(e.line(), Some(2));
}

#[test]
fn every_reader_keeps_the_keys_of_its_rejected_rows() {
    // Tidy: a bad value; the classification and code are read as parse reads them.
    let tidy = "reporter,partner,period,flow,value,currency,classification,commodity\n\
                KAZ,TUR,2022,X,bad,USD,HS,27\nKAZ,TUR,2022-Q1,M,1,QQQ,,\n";
    let mut records = TidyReader::new()
        .mode(Mode::Lenient)
        .records(tidy.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().count(), 0);
    let hs27 = Commodity::hs("27").unwrap();
    assert_eq!(
        records.report().rejected_keys(),
        &[
            key(2, KAZ, TUR, Some("2022"), Some(Flow::Export), Some(hs27)),
            key(
                3,
                KAZ,
                TUR,
                Some("2022-Q1"),
                Some(Flow::Import),
                Some(Commodity::TOTAL)
            ),
        ]
    );

    // Dyadic: exports of the exporter; YUG needs the year, which is unreadable here.
    let dyadic = "exporter,importer,year,trade\nKAZ,TUR,1990,x\nYUG,TUR,19x0,1\nKAZ,QQQ,1990,1\n";
    let mut records = DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .mode(Mode::Lenient)
        .records(dyadic.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().count(), 0);
    let total = Some(Commodity::TOTAL);
    assert_eq!(
        records.report().rejected_keys(),
        &[
            key(2, KAZ, TUR, Some("1990"), Some(Flow::Export), total),
            key(3, None, TUR, None, Some(Flow::Export), total),
            key(4, KAZ, None, Some("1990"), Some(Flow::Export), total),
        ]
    );

    // SDMX-CSV: the flow from the indicator.
    let sdmx = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE\n\
                dataflow,IMF,I,KAZ,TUR,MG_CIF_USD,A,2022,1.2.3,6\n\
                dataflow,IMF,I,KAZ,TUR,XG_FOB_USD,Q,2022,1,6\n";
    let mut records = SdmxReader::imf_imts()
        .mode(Mode::Lenient)
        .records(sdmx.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().count(), 0);
    assert_eq!(
        records.report().rejected_keys(),
        &[
            key(2, KAZ, TUR, Some("2022"), Some(Flow::Import), total),
            key(3, KAZ, TUR, Some("2022"), Some(Flow::Export), total),
        ]
    );
}

#[cfg(feature = "json")]
#[test]
fn the_comtrade_json_reader_keeps_keys_and_bounds_too() {
    use tradestat::io::comtrade_json::ComtradeJsonReader;
    let body = r#"{"data": [
      {"period": "2016", "reporterCode": 398, "partnerCode": 792, "flowCode": "X", "cmdCode": "TOTAL", "primaryValue": "oops"},
      {"period": "2016", "reporterCode": 398, "partnerCode": 792, "flowCode": "M", "cmdCode": "TOTAL", "primaryValue": "bad"},
      {"period": "2016", "reporterCode": 398, "partnerCode": 792, "flowCode": "M", "cmdCode": "27", "classificationCode": "H6", "primaryValue": 1}
    ]}"#;
    let records = ComtradeJsonReader::new()
        .mode(Mode::Lenient)
        .max_rejections(1)
        .max_rejected_keys(1)
        .records(body.as_bytes())
        .unwrap();
    let report = records.report();
    assert_eq!((report.accepted(), report.rejected()), (1, 2));
    assert_eq!(report.rejections().len(), 1);
    assert_eq!(
        report.rejected_keys(),
        &[key(
            1,
            KAZ,
            TUR,
            Some("2016"),
            Some(Flow::Export),
            Some(Commodity::TOTAL)
        )]
    );
    assert!(!report.rejected_keys_complete());
}

// ---- Item 9: bounded reports with exact counts ------------------------------------------------

#[test]
fn a_lenient_read_counts_every_rejection_and_lists_the_first_n() {
    let mut text = String::from(HEADER);
    for i in 0..5_000 {
        // Every tenth row a bad partner, the others a bad value; every 100th row a good one.
        match i % 100 {
            0 => text.push_str("2016,398,792,X,TOTAL,1\n"),
            n if n % 10 == 1 => text.push_str(&format!("2016,398,x{i},X,TOTAL,1\n")),
            _ => text.push_str(&format!("2016,398,792,X,TOTAL,v{i}\n")),
        }
    }
    let reader = lenient().max_rejections(10).max_rejected_keys(20);
    let (n, report) = stream(reader, text.as_bytes());
    // 50 good rows; of the 4,950 bad ones, 500 (i % 10 == 1) have a bad partner.
    assert_eq!(n, 50);
    assert_eq!(report.rejected(), 4_950);
    assert_eq!(report.rejections().len(), 10);
    assert_eq!(report.rejections_dropped(), 4_940);
    assert_eq!(report.rejections()[0].line, 3); // i = 1: a bad partner on line 3
    assert_eq!(report.rejected_keys().len(), 20);
    assert!(!report.rejected_keys_complete());
    let counts: BTreeMap<(String, String), u64> = [
        (
            (
                "partnerCode".to_owned(),
                "not a numeric area code".to_owned(),
            ),
            500,
        ),
        (
            ("primaryValue".to_owned(), "not a decimal number".to_owned()),
            4_450,
        ),
    ]
    .into();
    assert_eq!(
        report.rejection_counts(),
        &counts,
        "{:?}",
        report.rejections()
    );
    assert_eq!(
        report.to_string(),
        "read 5000 rows: accepted 50, rejected 4950, skipped 0 (10 rejections listed, 4940 only \
         counted); the keys of 4930 rejected rows not kept: no sum of parts stands in for a figure"
    );
    for threads in [1, 2, 3] {
        for block in [64, 1 << 10, 4 << 20] {
            let r = reader.limits(
                Limits::new()
                    .with_max_rejections(10)
                    .with_max_rejected_keys(20)
                    .with_block_bytes(block),
            );
            assert_eq!(fold(r, text.as_bytes(), threads), (n, report.clone()));
        }
    }
}

// ---- Item 10: over-long rows ------------------------------------------------------------------

/// A 3-row file whose middle row is `len` bytes long, made as it is read (nothing is held).
struct LongRow {
    before: Vec<u8>,
    len: u64,
    after: Vec<u8>,
    pos: u64,
}

impl LongRow {
    fn new(len: u64) -> Self {
        LongRow {
            before: format!("{HEADER}2016,398,792,X,TOTAL,1\n2016,398,792,M,TOTAL,").into_bytes(),
            len,
            after: b"\n2016,398,792,M,27,3\n".to_vec(),
            pos: 0,
        }
    }
}

impl Read for LongRow {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let (a, b) = (self.before.len() as u64, self.len);
        let total = a + b + self.after.len() as u64;
        let mut n = 0;
        while n < buf.len() && self.pos < total {
            let i = self.pos;
            buf[n] = if i < a {
                self.before[i as usize]
            } else if i < a + b {
                b'7'
            } else {
                self.after[(i - a - b) as usize]
            };
            n += 1;
            self.pos += 1;
        }
        Ok(n)
    }
}

/// The adversarial check's case: a 200 MB line in a 3-row file. The fold cut it into pieces
/// ("read 6 rows: accepted 2, rejected 4"); the streaming reader stopped with an error even in
/// lenient mode, losing the row after it. Now both: read 3 rows, accepted 2, rejected 1 (the
/// long row, on line 3), and the row after it read. Only the API of the time is used.
#[test]
fn a_line_longer_than_64_mib_is_one_rejected_row_in_both_readers() {
    let len = (64 << 20) + 4_000_000;
    let mut records = lenient().records(LongRow::new(len)).unwrap();
    let n = records.by_ref().map(Result::unwrap).count();
    let report = records.into_report();
    assert_eq!(
        (n, report.to_string().as_str()),
        (2, "read 3 rows: accepted 2, rejected 1, skipped 0")
    );
    assert_eq!(report.rejections()[0].line, 3);
    assert_eq!(report.rejections()[0].column, "(record)");
    let (counts, folded) = lenient()
        .threads(2)
        .fold(LongRow::new(len), || 0usize, |n, _| *n += 1)
        .unwrap();
    assert_eq!(counts.iter().sum::<usize>(), 2);
    assert_eq!(folded, report);
    // Strict mode: an error naming the line.
    let e = ComtradeReader::new()
        .records(LongRow::new(len))
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(e.line(), Some(3));
}

#[test]
fn over_long_rows_with_a_small_limit_in_both_readers_and_both_modes() {
    // Line 3: a value of 60 digits (over a 40-byte limit). Lines 4-6: a quoted description
    // over three lines (an over-long row spanning lines). Line 7 is read.
    let text = format!(
        "cmdDesc,{}y,2016,398,792,X,TOTAL,1\nx,2016,398,792,M,TOTAL,{}\n\"a\nb\nccccccccccccccccccccccccccccccccccccc\",2016,398,792,X,27,1\nshort,2016,398,792,M,27,2\n",
        HEADER,
        "7".repeat(60)
    );
    let limited = Limits::new().with_max_row_bytes(40);
    let (n, report) = stream(lenient().limits(limited), text.as_bytes());
    assert_eq!(n, 2);
    assert_eq!(
        report
            .rejections()
            .iter()
            .map(|r| r.line)
            .collect::<Vec<_>>(),
        vec![3, 4]
    );
    assert_eq!(report.rejected_keys().len(), 2);
    assert!(report.rejections()[0]
        .reason
        .starts_with("a row longer than 40 bytes"));
    // The shown start of the row is the same in both readers: its first 40 bytes.
    assert_eq!(
        report.rejections()[0].value,
        format!("x,2016,398,792,M,TOTAL,{}", "7".repeat(17))
    );
    for block in [1, 16, 41, 4 << 20] {
        for threads in [1, 2] {
            let r = lenient().limits(limited.with_block_bytes(block));
            assert_eq!(
                fold(r, text.as_bytes(), threads),
                (n, report.clone()),
                "{block}"
            );
        }
    }
    let e = ComtradeReader::new()
        .limits(limited)
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(e.line(), Some(3));
    let e = ComtradeReader::new()
        .limits(limited.with_block_bytes(16))
        .threads(2)
        .fold(text.as_bytes(), || (), |_, _| ())
        .unwrap_err();
    assert_eq!(e.line(), Some(3));
}

#[test]
fn an_unclosed_quote_in_an_over_long_row_swallows_the_rest_in_both_readers() {
    let text = format!(
        "{HEADER}2016,398,792,X,TOTAL,1\n2016,398,792,X,\"TOTAL,1\n2016,398,792,M,TOTAL,2\n2016,398,792,M,TOTAL,3\n"
    );
    let limited = Limits::new().with_max_row_bytes(30);
    let (n, report) = stream(lenient().limits(limited), text.as_bytes());
    assert_eq!((n, report.rejected(), report.read()), (1, 1, 2));
    for block in [1, 5, 33, 1000] {
        let r = lenient().limits(limited.with_block_bytes(block));
        assert_eq!(fold(r, text.as_bytes(), 2), (n, report.clone()), "{block}");
    }
    // Within the limit, an unclosed quote is a malformed row to its line's end, and the rows
    // after it are read (as before).
    let (n, report) = stream(lenient(), text.as_bytes());
    assert_eq!((n, report.rejected(), report.read()), (3, 1, 4));
}

// ---- Item 8: a panic in the caller's closure --------------------------------------------------

fn many_rows(n: usize) -> String {
    let mut text = String::from(HEADER);
    for i in 0..n {
        text.push_str(&format!("2016,398,792,X,TOTAL,{i}\n"));
    }
    text
}

fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// The adversarial check's case: a panic in the fold closure was swallowed and `fold` returned
/// `Ok` with "read 0 rows". Now it is raised again with its payload. Old API only.
#[test]
fn a_panic_in_the_fold_closure_is_raised_again() {
    let text = many_rows(400_000); // over 9 MiB: several blocks
    for threads in [1, 2, 3] {
        let caught = std::panic::catch_unwind(|| {
            ComtradeReader::new().threads(threads).fold(
                text.as_bytes(),
                || 0u64,
                |n, r| {
                    if r.value().amount() == 300_000.into() {
                        panic!("bad record {}", r.value().amount());
                    }
                    *n += 1;
                },
            )
        });
        let payload = caught.expect_err("the panic must reach the caller");
        assert_eq!(panic_message(&payload), "bad record 300000");
    }
}

#[test]
fn panics_in_init_or_in_every_block_are_raised_and_nothing_hangs() {
    let text = many_rows(2_000);
    let small = Limits::new().with_block_bytes(64);
    let caught = std::panic::catch_unwind(|| {
        lenient().limits(small).threads(3).fold(
            text.as_bytes(),
            || -> u64 { panic!("no accumulator") },
            |n, _| *n += 1,
        )
    });
    assert_eq!(panic_message(&caught.unwrap_err()), "no accumulator");
    let caught = std::panic::catch_unwind(|| {
        lenient().limits(small).threads(2).fold(
            text.as_bytes(),
            || 0u64,
            |_, _| panic!("every record"),
        )
    });
    assert_eq!(panic_message(&caught.unwrap_err()), "every record");
}

// ---- Item 13: files that are not comma-separated UTF-8 text -----------------------------------

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big_endian {
            &[0xFE, 0xFF]
        } else {
            &[0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

fn missing_column_detail(e: &Error) -> &str {
    match e {
        Error::MissingColumn { detail, .. } => detail,
        other => panic!("not a MissingColumn: {other:?}"),
    }
}

/// Writes a file's text in some other form.
type Encode = Box<dyn Fn(&str) -> Vec<u8>>;

/// Each kind of file, as the Comtrade reader (streaming and fold) and the tidy reader see it.
#[test]
fn files_that_are_not_comma_separated_utf8_say_what_they_are() {
    let comtrade = format!("{HEADER}2016,398,792,X,TOTAL,1\n");
    let tidy = "reporter,partner,period,flow,value,currency\nKAZ,TUR,2022,X,1,USD\n";
    let cases: Vec<(&str, Encode, &str)> = vec![
        (
            "UTF-16 LE with BOM",
            Box::new(|t: &str| utf16(t, false, true)),
            "UTF-16 text: convert to UTF-8",
        ),
        (
            "UTF-16 BE with BOM",
            Box::new(|t: &str| utf16(t, true, true)),
            "UTF-16 text: convert to UTF-8",
        ),
        (
            "UTF-16 LE, no BOM",
            Box::new(|t: &str| utf16(t, false, false)),
            "UTF-16 text: convert to UTF-8",
        ),
        (
            "UTF-16 BE, no BOM",
            Box::new(|t: &str| utf16(t, true, false)),
            "UTF-16 text: convert to UTF-8",
        ),
        (
            "tabs",
            Box::new(|t: &str| t.replace(',', "\t").into_bytes()),
            "tab-separated",
        ),
        (
            "semicolons",
            Box::new(|t: &str| t.replace(',', ";").into_bytes()),
            "semicolon-separated",
        ),
        (
            "CR only",
            Box::new(|t: &str| t.replace('\n', "\r").into_bytes()),
            "lines end with CR alone",
        ),
        (
            "CR only, semicolons",
            Box::new(|t: &str| t.replace('\n', "\r").replace(',', ";").into_bytes()),
            "lines end with CR alone",
        ),
    ];
    for (name, make, expected) in &cases {
        let bytes = make(&comtrade);
        if matches!(*name, "tabs" | "semicolons") {
            // The Comtrade reader sniffs the delimiter: it reads these files (the row's value
            // is 1), streaming and folding; told to read commas, it says what the file is.
            let records: Vec<_> = ComtradeReader::new()
                .records(&bytes[..])
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(records.len(), 1, "{name}");
            assert_eq!(records[0].value().amount().to_string(), "1", "{name}");
            let (counts, report) = ComtradeReader::new()
                .fold(&bytes[..], || 0, |n, _| *n += 1)
                .unwrap();
            assert_eq!((counts.iter().sum::<i32>(), report.accepted()), (1, 1));
            let e = ComtradeReader::new()
                .delimiter(Delimiter::Comma)
                .records(&bytes[..])
                .unwrap_err();
            assert!(
                missing_column_detail(&e).contains(&format!(
                    "{expected}: this reader reads comma-separated values"
                )),
                "{name}: {e}"
            );
            let bytes = make(tidy);
            let e = TidyReader::new().records(&bytes[..]).unwrap_err();
            assert!(
                missing_column_detail(&e).contains(expected),
                "{name} (tidy): {e}"
            );
            continue;
        }
        let e = ComtradeReader::new().records(&bytes[..]).unwrap_err();
        assert!(missing_column_detail(&e).contains(expected), "{name}: {e}");
        let e = ComtradeReader::new()
            .fold(&bytes[..], || (), |_, _| ())
            .unwrap_err();
        assert!(
            missing_column_detail(&e).contains(expected),
            "{name} (fold): {e}"
        );
        let bytes = make(tidy);
        let e = TidyReader::new().records(&bytes[..]).unwrap_err();
        assert!(
            missing_column_detail(&e).contains(expected),
            "{name} (tidy): {e}"
        );
    }
    // The whole message, once.
    let e = ComtradeReader::new()
        .records(&utf16(&comtrade, false, true)[..])
        .unwrap_err();
    assert!(
        e.to_string()
            .contains(": the file is UTF-16 text: convert to UTF-8; the header has 6 columns, "),
        "{e}"
    );
    // Comma-separated files with a tab or semicolon in a value are not misjudged (the commas
    // win the sniff), and a file with no hint says only what its header is.
    let e = ComtradeReader::new()
        .records("period,reporterCode\tx,a;b\n".as_bytes())
        .unwrap_err();
    assert_eq!(
        missing_column_detail(&e),
        "the header has 3 columns (period, reporterCode\tx, a;b), neither the Comtrade+ layout \
         (reporterCode, flowCode, cmdCode, primaryValue) nor the legacy one (Reporter Code, \
         Trade Flow Code, Commodity Code, Trade Value (US$))"
    );
    let e = TidyReader::new()
        .records("period,reporter\tx,a;b\n".as_bytes())
        .unwrap_err();
    assert_eq!(missing_column_detail(&e), "");
    // A reader with its own detail keeps it after the hint.
    let e = SdmxReader::imf_imts()
        .records(&utf16("STRUCTURE,x\n", false, true)[..])
        .unwrap_err();
    assert!(
        missing_column_detail(&e).starts_with("the file is UTF-16"),
        "{e}"
    );
}

#[test]
fn a_large_cr_only_file_is_named_without_reading_it_whole() {
    // Over 64 MiB without a line feed: the header is too long, and the error says why.
    struct CrOnly(u64);
    impl Read for CrOnly {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let row = b"2016,398,792,X,TOTAL,1\r";
            let n = buf.len().min(1 << 16);
            if self.0 > 70 << 20 {
                return Ok(0);
            }
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = row[(self.0 as usize + i) % row.len()];
            }
            self.0 += n as u64;
            Ok(n)
        }
    }
    let e = ComtradeReader::new().records(CrOnly(0)).unwrap_err();
    assert!(e.to_string().contains("lines end with CR alone"), "{e}");
}
