//! Duplicate keys in UN Comtrade API JSON (issue 14, item 11): a body with `"data"` twice read
//! both arrays, and a key repeated inside a row kept the last value. Now a key twice in the body
//! is an error in both modes, and a key twice in a row is a bad row naming the key and the row
//! (an error in strict mode, a rejection in lenient mode).

#![cfg(feature = "json")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::Mode;
use tradestat::{Decimal, Error, TradeRecord};

const ROW_A: &str = r#"{"period":"2022","reporterCode":398,"flowCode":"X","partnerCode":792,"cmdCode":"TOTAL","primaryValue":100}"#;
const ROW_B: &str = r#"{"period":"2022","reporterCode":398,"flowCode":"M","partnerCode":792,"cmdCode":"TOTAL","primaryValue":40}"#;

fn read(mode: Mode, body: &str) -> Result<(Vec<TradeRecord>, tradestat::io::ReadReport), Error> {
    let records = ComtradeJsonReader::new()
        .mode(mode)
        .records(body.as_bytes())?;
    let report = records.report().clone();
    let got = records.collect::<Result<Vec<_>, _>>()?;
    Ok((got, report))
}

#[test]
fn data_twice_is_an_error_naming_the_key_in_both_modes() {
    // Before: 2 records, one from each array.
    let body = format!(r#"{{"data":[{ROW_A}],"count":1,"data":[{ROW_B}]}}"#);
    for mode in [Mode::Strict, Mode::Lenient] {
        match read(mode, &body) {
            Err(Error::Parse { input, reason, .. }) => {
                assert_eq!(input, "data");
                assert!(reason.contains("twice"), "{reason}");
            }
            other => panic!("{mode:?}: {other:?}"),
        }
    }
    // Any top-level key twice, before or after data; an escaped spelling is the same key.
    for body in [
        format!(r#"{{"count":1,"data":[{ROW_A}],"count":2}}"#),
        format!(r#"{{"error":"","error":"x","data":[{ROW_A}]}}"#),
        format!(r#"{{"data":[{ROW_A}],"d\u0061ta":[{ROW_B}]}}"#),
    ] {
        for mode in [Mode::Strict, Mode::Lenient] {
            assert!(
                matches!(read(mode, &body), Err(Error::Parse { .. })),
                "{mode:?} {body}"
            );
        }
    }
    // One data array and distinct keys: read as before.
    let body = format!(r#"{{"count":2,"data":[{ROW_A},{ROW_B}],"error":""}}"#);
    let (got, report) = read(Mode::Strict, &body).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(report.accepted(), 2);
}

#[test]
fn a_key_twice_in_a_row_is_a_bad_row_strict_and_lenient() {
    // Row 2 has primaryValue twice (40, then 999999): before, 999999 was read.
    let dup = r#"{"period":"2022","reporterCode":398,"flowCode":"M","partnerCode":792,"cmdCode":"TOTAL","primaryValue":40,"primaryValue":999999}"#;
    let body = format!(r#"{{"data":[{ROW_A},{dup},{ROW_B}]}}"#);
    match read(Mode::Strict, &body) {
        Err(Error::BadRow {
            line,
            column,
            value,
            reason,
        }) => {
            assert_eq!(
                (line, column.as_str(), value.as_str()),
                (2, "primaryValue", "999999")
            );
            assert!(
                reason.contains("twice") && reason.contains("40"),
                "{reason}"
            );
        }
        other => panic!("{other:?}"),
    }
    let (got, report) = read(Mode::Lenient, &body).unwrap();
    let values: Vec<Decimal> = got.iter().map(|r| r.value().amount()).collect();
    assert_eq!(values, vec![Decimal::from(100), Decimal::from(40)]);
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (3, 2, 1, 0)
    );
    let r = &report.rejections()[0];
    assert_eq!((r.line, r.column.as_str()), (2, "primaryValue"));
    // A key the reader does not use, twice, is refused the same way (the row is ambiguous).
    let dup = r#"{"period":"2022","reporterCode":398,"flowCode":"M","partnerCode":792,"cmdCode":"TOTAL","cmdDesc":"a","cmdDesc":"b","primaryValue":40}"#;
    let body = format!(r#"{{"data":[{dup}]}}"#);
    let (got, report) = read(Mode::Lenient, &body).unwrap();
    assert!(got.is_empty());
    assert_eq!(report.rejections()[0].column, "cmdDesc");
    // The same key in two different rows is fine.
    let body = format!(r#"{{"data":[{ROW_A},{ROW_A}]}}"#);
    assert_eq!(read(Mode::Strict, &body).unwrap().0.len(), 2);
}
