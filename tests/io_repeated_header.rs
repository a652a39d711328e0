//! A header that comes again (two downloads joined into one file, the second's columns possibly
//! in another order) is an error naming its line, in both modes, in the streaming reader and in
//! the parallel fold, with and without Comtrade's `totals_only` gate. Before, the rows after it
//! were read by the first header's positions: a reordered file read TUR's imports from KAZ as
//! KAZ's imports from TUR.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;
use tradestat::io::long::LongReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::tidy::TidyReader;
use tradestat::io::Mode;
use tradestat::{Currency, Error, Flow, Result, Scale, TradeRecord};

const MODES: [Mode; 2] = [Mode::Strict, Mode::Lenient];

/// The message for a header again at `line`.
fn again(line: u64) -> String {
    format!(
        "line {line}, column \"(header)\": cannot read \"\": the header comes again at line \
         {line} (files joined?): read each file on its own"
    )
}

/// Checks a streaming read: `ok` records, then the error for the header at `line`, then nothing.
fn check_stream(records: impl Iterator<Item = Result<TradeRecord>>, ok: usize, line: u64) {
    let got: Vec<Result<TradeRecord>> = records.collect();
    assert_eq!(got.len(), ok + 1, "{got:?}");
    assert!(got[..ok].iter().all(Result::is_ok), "{got:?}");
    let error = got[ok].as_ref().unwrap_err();
    assert!(matches!(error, Error::BadRow { line: l, .. } if *l == line));
    assert_eq!(error.to_string(), again(line));
}

/// Checks a fold's result: the error for the header at `line`.
fn check_fold<A: std::fmt::Debug>(result: Result<A>, line: u64) {
    let error = result.unwrap_err();
    assert_eq!(error.to_string(), again(line));
}

/// A file of `header`, `first` rows, `second_header`, `second` rows.
fn joined(header: &str, first: &[&str], second_header: &str, second: &[&str]) -> String {
    let mut text = format!("{header}\n");
    for row in first {
        text.push_str(row);
        text.push('\n');
    }
    text.push_str(second_header);
    text.push('\n');
    for row in second {
        text.push_str(row);
        text.push('\n');
    }
    text
}

const COMTRADE: &str = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue";

/// Comtrade: the same header again, and one with the reporter and partner swapped (its row is
/// TUR's imports from KAZ; by the first header's positions it was KAZ's imports from TUR), and
/// one in another case with spaces around the names. The second header is on line 4.
fn comtrade_files() -> Vec<String> {
    let first = ["2016,398,792,X,TOTAL,1", "2016,398,792,X,0101,7"];
    [
        (COMTRADE, "2016,398,792,M,TOTAL,5"),
        (
            "period,partnerCode,reporterCode,flowCode,cmdCode,primaryValue",
            "2016,398,792,M,TOTAL,5",
        ),
        (
            "primaryValue, CMDCODE ,flowcode,partnerCode,reporterCode,Period",
            "5,TOTAL,M,398,792,2016",
        ),
    ]
    .into_iter()
    .map(|(second_header, row)| joined(COMTRADE, &first, second_header, &[row]))
    .collect()
}

#[test]
fn comtrade_stream_and_fold_with_and_without_the_totals_gate() {
    for text in comtrade_files() {
        for mode in MODES {
            for totals in [false, true] {
                let reader = ComtradeReader::new().mode(mode).totals_only(totals);
                // Without the gate the product row is a record too.
                let ok = if totals { 1 } else { 2 };
                check_stream(reader.records(text.as_bytes()).unwrap(), ok, 4);
                for threads in [1, 2] {
                    let result =
                        reader
                            .threads(threads)
                            .fold(text.as_bytes(), || 0usize, |n, _| *n += 1);
                    check_fold(result, 4);
                }
            }
        }
    }
}

#[test]
fn comtrade_header_again_among_many_blocks_of_the_fold() {
    // Enough rows for several blocks: the header's line is counted across them.
    let rows: Vec<String> = (0..20_000)
        .map(|i| format!("2016,398,792,X,TOTAL,{i}"))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let text = joined(
        COMTRADE,
        &rows,
        "period,partnerCode,reporterCode,flowCode,cmdCode,primaryValue",
        &rows,
    );
    for mode in MODES {
        for totals in [false, true] {
            let reader = ComtradeReader::new().mode(mode).totals_only(totals);
            let limits = tradestat::io::Limits::default().with_block_bytes(64 << 10);
            check_fold(
                reader
                    .limits(limits)
                    .threads(3)
                    .fold(text.as_bytes(), || 0usize, |n, _| *n += 1),
                20_002,
            );
        }
    }
}

#[test]
fn a_row_of_some_header_names_is_an_ordinary_row() {
    // Only the whole header (each name once) is the header again: a row with a header name
    // first but other fields is rejected as before (lenient: left out, the read goes on).
    let text = format!("{COMTRADE}\nperiod,398,792,X,TOTAL,1\n2016,398,792,X,TOTAL,2\n");
    let mut records = ComtradeReader::new()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().map(Result::unwrap).count(), 1);
    assert_eq!(records.report().rejected(), 1);
    // With the gate, a product row whose `cmdCode` is a header name is still skipped.
    let text = format!("{COMTRADE}\n2016,398,792,X,period,1\n2016,398,792,X,TOTAL,2\n");
    let mut records = ComtradeReader::new()
        .totals_only(true)
        .records(text.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().map(Result::unwrap).count(), 1);
    assert_eq!(
        (records.report().skipped(), records.report().rejected()),
        (1, 0)
    );
}

#[test]
fn tidy_header_again() {
    let header = "reporter,partner,period,flow,value,currency";
    for (second, row) in [
        (header, "KAZ,TUR,2022,M,5,USD"),
        (
            "partner,reporter,period,flow,value,currency",
            "KAZ,TUR,2022,M,5,USD",
        ),
        // The second file's byte-order mark, kept by `cat`.
        (
            "\u{feff}partner,reporter,period,flow,value,currency",
            "KAZ,TUR,2022,M,5,USD",
        ),
    ] {
        let text = joined(header, &["KAZ,TUR,2022,X,1,USD"], second, &[row]);
        for mode in MODES {
            check_stream(
                TidyReader::new()
                    .mode(mode)
                    .records(text.as_bytes())
                    .unwrap(),
                1,
                3,
            );
        }
    }
}

#[test]
fn sdmx_header_again() {
    let header = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE";
    let swapped = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTERPART_COUNTRY,COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE";
    let row = "dataflow,IMF,I,KAZ,TUR,XG_FOB_USD,A,2022,1,6";
    for second in [header, swapped] {
        let text = joined(header, &[row], second, &[row]);
        for mode in MODES {
            check_stream(
                SdmxReader::imf_imts()
                    .mode(mode)
                    .records(text.as_bytes())
                    .unwrap(),
                1,
                3,
            );
        }
    }
}

fn dyadic() -> DyadicReader {
    DyadicReader::new("e", "i", "v").period_column("y")
}

#[test]
fn dyadic_stream_and_fold() {
    for second in ["e,i,y,v", "i,e,y,v", "I , E,Y,V"] {
        let text = joined("e,i,y,v", &["KAZ,TUR,2020,1"], second, &["KAZ,TUR,2020,2"]);
        for mode in MODES {
            let reader = dyadic().mode(mode);
            check_stream(reader.records(text.as_bytes()).unwrap(), 1, 3);
            for threads in [1, 2] {
                check_fold(
                    reader.clone().threads(threads).fold(
                        text.as_bytes(),
                        || 0usize,
                        |n, _| *n += 1,
                    ),
                    3,
                );
            }
        }
    }
}

#[test]
fn long_header_again() {
    let reader = |mode| {
        LongReader::new("value")
            .period_column("year")
            .reporter_column("reporter")
            .partner_column("partner")
            .flow(Flow::Export)
            .currency(Currency::USD)
            .unit(Scale::Units)
            .mode(mode)
    };
    let header = "reporter,partner,year,value";
    for second in [header, "partner,reporter,year,value"] {
        let text = joined(header, &["KAZ,TUR,2020,1"], second, &["KAZ,TUR,2020,2"]);
        for mode in MODES {
            check_stream(reader(mode).records(text.as_bytes()).unwrap(), 1, 3);
        }
    }
}

/// The Comtrade columns, the values of one row in them, and a permutation of both.
fn permuted(order: &[usize], row: [String; 6]) -> (String, String) {
    let names: Vec<&str> = COMTRADE.split(',').collect();
    let header: Vec<&str> = order.iter().map(|&i| names[i]).collect();
    let fields: Vec<&str> = order.iter().map(|&i| row[i].as_str()).collect();
    (header.join(","), fields.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// header + rows + header (permuted) + rows: the rows after the second header never make a
    /// record (their values are 1000 and up, the first rows' below 1000), in either mode, the
    /// stream and the fold, with and without the gate.
    #[test]
    fn no_record_from_after_a_second_header(
        first in prop::collection::vec((0u32..1000, any::<bool>()), 0..6),
        second in prop::collection::vec(1000u32..2000, 0..6),
        order in Just((0..6).collect::<Vec<usize>>()).prop_shuffle(),
        lenient in any::<bool>(),
        totals in any::<bool>(),
    ) {
        let mode = if lenient { Mode::Lenient } else { Mode::Strict };
        let flow = |export: bool| if export { "X" } else { "M" };
        let first: Vec<String> = first
            .iter()
            .map(|&(v, export)| format!("2016,398,792,{},TOTAL,{v}", flow(export)))
            .collect();
        let mut second_rows = Vec::new();
        let mut second_header = String::new();
        for &v in &second {
            let row = ["2016", "398", "792", "X", "TOTAL", &v.to_string()].map(str::to_owned);
            let (header, fields) = permuted(&order, row);
            second_header = header;
            second_rows.push(fields);
        }
        if second.is_empty() {
            second_header = permuted(&order, Default::default()).0;
        }
        let first_refs: Vec<&str> = first.iter().map(String::as_str).collect();
        let second_refs: Vec<&str> = second_rows.iter().map(String::as_str).collect();
        let text = joined(COMTRADE, &first_refs, &second_header, &second_refs);
        let line = first.len() as u64 + 2;
        let reader = ComtradeReader::new().mode(mode).totals_only(totals);
        let got: Vec<Result<TradeRecord>> = reader.records(text.as_bytes()).unwrap().collect();
        prop_assert_eq!(got.len(), first.len() + 1);
        for record in &got[..first.len()] {
            let value = record.as_ref().unwrap().value().amount();
            prop_assert!(value < rust_decimal::Decimal::from(1000));
        }
        prop_assert_eq!(got[first.len()].as_ref().unwrap_err().to_string(), again(line));
        let folded = reader.threads(2).fold(text.as_bytes(), || 0usize, |n, _| *n += 1);
        prop_assert_eq!(folded.unwrap_err().to_string(), again(line));
    }
}
