//! UN Comtrade breakdown totals written differently (issue 14, item 12): `partner2Code` `00` or
//! ` 0`, `motCode` `0.0` were taken for breakdown rows and skipped, so the total was lost without
//! a word. The codes are now compared as numbers after trimming (a code that is not a number is a
//! bad row): a total is never skipped. And with `totals_only`, a product row with a bad reporter
//! was rejected or skipped depending on the column order: it is skipped whatever the order.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::{Mode, ReadReport};
use tradestat::{Decimal, Error, TradeRecord};

/// What became of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Read,
    Skipped,
    /// The column and raw value named.
    Rejected(String, String),
}

/// Reads a one-row file strictly and leniently; both must agree.
fn outcome(reader: ComtradeReader, text: &str) -> Outcome {
    let strict: Vec<Result<TradeRecord, Error>> = reader
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .collect();
    let mut lenient = reader.mode(Mode::Lenient).records(text.as_bytes()).unwrap();
    let got: Vec<TradeRecord> = lenient.by_ref().map(Result::unwrap).collect();
    let report = lenient.into_report();
    assert_eq!(report.read(), 1, "{text}");
    match (strict.as_slice(), got.as_slice()) {
        ([Ok(a)], [b]) => {
            assert_eq!(a, b);
            assert_eq!(a.value().amount(), Decimal::from(7));
            Outcome::Read
        }
        ([], []) => {
            assert_eq!(report.skipped(), 1);
            Outcome::Skipped
        }
        ([Err(Error::BadRow { column, value, .. })], []) => {
            let r = &report.rejections()[0];
            assert_eq!((&r.column, &r.value), (column, value));
            Outcome::Rejected(column.clone(), value.clone())
        }
        other => panic!("strict and lenient disagree on {text:?}: {other:?}"),
    }
}

/// A file with one TOTAL row whose `column` holds `code` (quoted, so spaces are kept exactly).
fn breakdown_file(column: &str, code: &str) -> String {
    let mut names = ["partner2Code", "customsCode", "motCode", "mosCode"].map(String::from);
    let mut values = ["0", "C00", "0", "0"].map(String::from);
    let i = names.iter().position(|n| n == column).unwrap();
    values[i] = code.to_owned();
    names.swap(i, 0); // also vary the position of the column in the row
    values.swap(i, 0);
    let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    format!(
        "{},period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n{},2022,398,X,792,TOTAL,7\n",
        names.join(","),
        quoted.join(",")
    )
}

#[test]
fn totals_written_differently_are_read_breakdowns_skipped_nonsense_refused() {
    use Outcome::{Read, Skipped};
    let numeric = [
        // Totals: 0 however written (before, all but "0" and "" were skipped as breakdowns).
        ("0", Read),
        ("00", Read),
        (" 0", Read),
        ("0 ", Read),
        ("0.0", Read),
        ("000.000", Read),
        ("+0", Read),
        ("", Read),
        // Breakdowns.
        ("842", Skipped),
        ("0842", Skipped),
        (" 842 ", Skipped),
        ("1000", Skipped),
        ("2100.0", Skipped),
    ];
    let numeric_bad = ["x", "-1", "1.5", "0x0", "1e3", "0,0", "O"];
    for column in ["partner2Code", "motCode", "mosCode"] {
        for (code, expected) in &numeric {
            assert_eq!(
                &outcome(ComtradeReader::new(), &breakdown_file(column, code)),
                expected,
                "{column}={code:?}"
            );
        }
        for code in numeric_bad {
            assert_eq!(
                outcome(ComtradeReader::new(), &breakdown_file(column, code)),
                Outcome::Rejected(column.into(), code.into()),
                "{column}={code:?}"
            );
        }
    }
    let customs = [
        ("C00", Read),
        ("c00", Read),
        (" C00", Read),
        ("C0", Read),
        ("C000", Read),
        ("0", Read),
        ("00", Read),
        ("", Read),
        ("C01", Skipped),
        ("C20", Skipped),
        ("B00", Skipped),
    ];
    for (code, expected) in &customs {
        assert_eq!(
            &outcome(ComtradeReader::new(), &breakdown_file("customsCode", code)),
            expected,
            "customsCode={code:?}"
        );
    }
    for code in ["CXX", "C-1", "1", "C", "C 00", "TOTAL"] {
        assert_eq!(
            outcome(ComtradeReader::new(), &breakdown_file("customsCode", code)),
            Outcome::Rejected("customsCode".into(), code.into()),
            "customsCode={code:?}"
        );
    }
    // keep_breakdowns reads every row, codes unread.
    for code in ["842", "x", "00"] {
        assert_eq!(
            outcome(
                ComtradeReader::new().keep_breakdowns(true),
                &breakdown_file("motCode", code)
            ),
            Read
        );
    }
}

#[cfg(feature = "json")]
#[test]
fn json_totals_written_as_numbers_or_strings_are_read() {
    use tradestat::io::comtrade_json::ComtradeJsonReader;
    for (fields, read) in [
        (
            r#""partner2Code":0.0,"motCode":"00","mosCode":" 0","customsCode":"c00""#,
            true,
        ),
        (
            r#""partner2Code":0,"motCode":0.0,"mosCode":0,"customsCode":"C00""#,
            true,
        ),
        (
            r#""partner2Code":842,"motCode":0,"mosCode":0,"customsCode":"C00""#,
            false,
        ),
    ] {
        let body = format!(
            r#"{{"data":[{{"period":"2022","reporterCode":398,"flowCode":"X","partnerCode":792,"cmdCode":"TOTAL","primaryValue":7,{fields}}}]}}"#
        );
        let records = ComtradeJsonReader::new().records(body.as_bytes()).unwrap();
        let report = records.report().clone();
        assert_eq!(records.count(), usize::from(read), "{fields}");
        assert_eq!(report.skipped(), u64::from(!read), "{fields}");
    }
}

/// The columns of the order tests, with the pools their values are drawn from (good and bad).
const COLUMNS: [(&str, &[&str]); 8] = [
    (
        "cmdCode",
        &["TOTAL", "27", "2709", "bad", "total", " TOTAL "],
    ),
    ("reporterCode", &["398", "842", "x", "99999"]),
    ("partnerCode", &["792", "0", "y"]),
    ("flowCode", &["X", "M", "Q"]),
    ("period", &["2022", "202203", "202213", "z"]),
    ("primaryValue", &["1.5", "oops", ""]),
    ("partner2Code", &["0", "00", " 0", "842", "q"]),
    ("motCode", &["0", "0.0", "1000", "?"]),
];

/// A file of `rows` (indexes into the pools, in `COLUMNS` order) with the columns in `order`.
fn ordered_file(order: &[usize], rows: &[[usize; 8]]) -> String {
    let mut text: String = order
        .iter()
        .map(|&c| COLUMNS[c].0)
        .collect::<Vec<_>>()
        .join(",");
    text.push('\n');
    for row in rows {
        let fields: Vec<&str> = order.iter().map(|&c| COLUMNS[c].1[row[c]]).collect();
        text.push_str(&fields.join(","));
        text.push('\n');
    }
    text
}

/// A lenient read: the records, the rejections by (line, column, value), and the counts.
type Summary = (
    Vec<TradeRecord>,
    Vec<(u64, String, String)>,
    (u64, u64, u64, u64),
);

fn summary(records: Vec<TradeRecord>, report: &ReadReport) -> Summary {
    (
        records,
        report
            .rejections()
            .iter()
            .map(|r| (r.line, r.column.clone(), r.value.clone()))
            .collect(),
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped(),
        ),
    )
}

fn lenient(reader: ComtradeReader, text: &str) -> Summary {
    let mut records = reader.mode(Mode::Lenient).records(text.as_bytes()).unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    let report = records.into_report();
    summary(got, &report)
}

fn strict_first_error(reader: ComtradeReader, text: &str) -> Option<(u64, String, String)> {
    reader
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .map(|e| match e {
            Error::BadRow {
                line,
                column,
                value,
                ..
            } => (line, column, value),
            other => panic!("{other:?}"),
        })
}

#[test]
fn totals_only_skips_a_product_row_with_a_bad_reporter_whatever_the_order() {
    // Before: cmdCode last, the row was rejected for its reporter; cmdCode first, skipped.
    for header in [
        "cmdCode,period,reporterCode,flowCode,partnerCode,primaryValue",
        "period,reporterCode,flowCode,partnerCode,primaryValue,cmdCode",
    ] {
        let row: Vec<&str> = header
            .split(',')
            .map(|c| match c {
                "cmdCode" => "27",
                "period" => "2022",
                "reporterCode" => "x",
                "flowCode" => "X",
                "partnerCode" => "792",
                _ => "1",
            })
            .collect();
        let text = format!("{header}\n{}\n", row.join(","));
        assert_eq!(
            outcome(ComtradeReader::new().totals_only(true), &text),
            Outcome::Skipped,
            "{header}"
        );
        // Without totals_only the bad reporter is a bad row, in either order.
        assert_eq!(
            outcome(ComtradeReader::new(), &text),
            Outcome::Rejected("reporterCode".into(), "x".into()),
            "{header}"
        );
    }
}

#[test]
fn totals_only_keeps_totals_however_written_in_any_column_order() {
    use Outcome::{Read, Skipped};
    // Before: the totals_only gate kept only the exact bytes TOTAL, so "total" and " TOTAL" (read
    // as totals by a full read) were skipped when cmdCode was not the last column.
    for (code, totals_only, full) in [
        ("TOTAL", Read, Read),
        ("total", Read, Read),
        ("Total", Read, Read),
        (" TOTAL ", Read, Read),
        ("27", Skipped, Read),
        ("2709", Skipped, Read),
    ] {
        for header in [
            "cmdCode,period,reporterCode,flowCode,partnerCode,primaryValue",
            "period,reporterCode,flowCode,partnerCode,primaryValue,cmdCode",
        ] {
            let row: Vec<String> = header
                .split(',')
                .map(|c| match c {
                    "cmdCode" => format!("\"{code}\""),
                    "period" => "2022".into(),
                    "reporterCode" => "398".into(),
                    "flowCode" => "X".into(),
                    "partnerCode" => "792".into(),
                    _ => "7".into(),
                })
                .collect();
            let text = format!("{header}\n{}\n", row.join(","));
            assert_eq!(
                outcome(ComtradeReader::new().totals_only(true), &text),
                totals_only,
                "{code:?} {header}"
            );
            assert_eq!(
                outcome(ComtradeReader::new(), &text),
                full,
                "{code:?} {header}"
            );
        }
    }
}

fn rows() -> impl Strategy<Value = Vec<[usize; 8]>> {
    let row = (
        0..6usize,
        0..4usize,
        0..3usize,
        0..3usize,
        0..4usize,
        0..3usize,
        0..5usize,
        0..4usize,
    )
        .prop_map(|(a, b, c, d, e, f, g, h)| [a, b, c, d, e, f, g, h]);
    prop::collection::vec(row, 1..20)
}

proptest! {
    /// The same rows with the columns in any order: the same records, the same rejections (by
    /// line, column and value), the same counts, strict and lenient, with and without
    /// `totals_only`, streaming and parallel.
    #[test]
    fn column_order_does_not_change_any_outcome(
        rows in rows(),
        order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let canonical: Vec<usize> = (0..8).collect();
        let a = ordered_file(&canonical, &rows);
        let b = ordered_file(&order, &rows);
        for totals_only in [false, true] {
            let reader = ComtradeReader::new().totals_only(totals_only);
            let left = lenient(reader, &a);
            let right = lenient(reader, &b);
            prop_assert_eq!(&left, &right, "totals_only {}", totals_only);
            prop_assert_eq!(strict_first_error(reader, &a), strict_first_error(reader, &b));
            // The parallel reader agrees with the streaming one.
            let (parts, report) = reader
                .mode(Mode::Lenient)
                .threads(2)
                .fold(b.as_bytes(), Vec::new, |v: &mut Vec<TradeRecord>, r| v.push(r))
                .unwrap();
            let mut folded: Vec<TradeRecord> = parts.into_iter().flatten().collect();
            let mut streamed = right.0.clone();
            folded.sort_by_key(|r| format!("{r:?}"));
            streamed.sort_by_key(|r| format!("{r:?}"));
            prop_assert_eq!(folded, streamed);
            prop_assert_eq!(summary(Vec::new(), &report).1, right.1.clone());
            // With totals_only, the records are exactly the TOTAL records of a full read.
            if totals_only {
                let full = lenient(ComtradeReader::new(), &b);
                let totals: Vec<TradeRecord> =
                    full.0.into_iter().filter(|r| r.commodity().is_total()).collect();
                prop_assert_eq!(&right.0, &totals);
            }
        }
    }
}
