//! Numbers assembled from digits (issue 14, item 6): `refMonth` `4294967297` (2^32 + 1) is not
//! January, `4294967348` (2^32 + 52) is not "annual", and period `99999999999` is an error, not a
//! panic. The readers check a field's length before they add its digits, so the result does not
//! depend on overflow checks (these tests fail on the old code in a debug build, by an overflow
//! panic, and in a build without overflow checks, by reading January and "annual").
//!
//! Property: any string of digits fed to each numeric field is either refused or read as its
//! exact value, against a reference computed with `str::parse::<u128>`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{Mode, ReadReport};
use tradestat::{Area, Decimal, Error, Period, TradeRecord};

/// The value of a digit string, or `None` when it is above 10^38 (beyond any field).
fn reference(digits: &str) -> Option<u128> {
    let significant = digits.trim_start_matches('0');
    if significant.len() > 38 {
        return None;
    }
    Some(if significant.is_empty() {
        0
    } else {
        significant.parse::<u128>().unwrap()
    })
}

/// A strict and a lenient read of `text`: the one record, or the bad row's (line, column, value);
/// both modes must agree (a skipped row is `Ok(None)`).
fn comtrade_outcome(
    reader: ComtradeReader,
    text: &str,
) -> Result<Option<TradeRecord>, (u64, String, String)> {
    let strict: Vec<Result<TradeRecord, Error>> = reader
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .collect();
    let mut lenient = reader.mode(Mode::Lenient).records(text.as_bytes()).unwrap();
    let accepted: Vec<TradeRecord> = lenient.by_ref().map(Result::unwrap).collect();
    let report: ReadReport = lenient.into_report();
    assert_eq!(report.read(), 1);
    match (strict.as_slice(), accepted.as_slice()) {
        ([Ok(a)], [b]) => {
            assert_eq!(a, b);
            Ok(Some(*a))
        }
        ([], []) => {
            assert_eq!(report.skipped(), 1);
            Ok(None)
        }
        (
            [Err(Error::BadRow {
                line,
                column,
                value,
                ..
            })],
            [],
        ) => {
            let r = &report.rejections()[0];
            assert_eq!((r.line, &r.column, &r.value), (*line, column, value));
            Err((*line, column.clone(), value.clone()))
        }
        other => panic!("strict and lenient disagree on {text:?}: {other:?}"),
    }
}

fn ref_month_file(month: &str) -> String {
    format!("refYear,refMonth,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n2022,{month},398,X,792,TOTAL,1\n")
}

#[test]
fn ref_month_beyond_u32_is_not_january_nor_annual() {
    // 4294967297 = 2^32 + 1 wrapped to 1 (January); 4294967348 = 2^32 + 52 wrapped to 52
    // (Comtrade's "annual"). Both are refused, naming the column and the value.
    for month in [
        "4294967297",
        "4294967348",
        "18446744073709551617",
        "99999999999999999999",
    ] {
        assert_eq!(
            comtrade_outcome(ComtradeReader::new(), &ref_month_file(month)),
            Err((2, "refMonth".into(), month.into())),
            "{month}"
        );
    }
    // The real ones still read.
    let annual = comtrade_outcome(ComtradeReader::new(), &ref_month_file("52"))
        .unwrap()
        .unwrap();
    assert_eq!(annual.period(), "2022".parse::<Period>().unwrap());
    let january = comtrade_outcome(ComtradeReader::new(), &ref_month_file("01"))
        .unwrap()
        .unwrap();
    assert_eq!(january.period(), "2022-01".parse::<Period>().unwrap());
    // Not a number at all was read as "annual" too: now refused.
    assert_eq!(
        comtrade_outcome(ComtradeReader::new(), &ref_month_file("x")),
        Err((2, "refMonth".into(), "x".into()))
    );
}

#[test]
fn a_long_period_is_an_error_not_a_panic() {
    for period in [
        "99999999999",
        "4294967297",
        "000000202201",
        "18446744073709551616",
    ] {
        let text = format!("period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n{period},398,X,792,TOTAL,1\n");
        assert_eq!(
            comtrade_outcome(ComtradeReader::new(), &text),
            Err((2, "period".into(), period.into())),
            "{period}"
        );
        assert!(period.parse::<Period>().is_err());
    }
}

#[test]
fn ref_year_is_four_digits_not_a_month() {
    // refYear 202201 with refMonth 52 was read as January 2022 (refYear taken as YYYYMM).
    let text = "refYear,refMonth,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n202201,52,398,X,792,TOTAL,1\n";
    assert_eq!(
        comtrade_outcome(ComtradeReader::new(), text),
        Err((2, "refYear".into(), "202201".into()))
    );
}

#[cfg(feature = "json")]
#[test]
fn json_numbers_are_checked_the_same_way() {
    use tradestat::io::comtrade_json::ComtradeJsonReader;
    // A row with refYear and refMonth and no period (the reader then uses them), and a row
    // with a long period.
    let cases = [
        (
            r#""refYear":2022,"refMonth":4294967297"#,
            "refMonth",
            "4294967297",
        ),
        (
            r#""refYear":2022,"refMonth":4294967348"#,
            "refMonth",
            "4294967348",
        ),
        (
            r#""period":"","refYear":2022,"refMonth":4294967297"#,
            "refMonth",
            "4294967297",
        ),
        (r#""period":99999999999"#, "period", "99999999999"),
        (r#""period":"4294967297""#, "period", "4294967297"),
    ];
    for (fields, column, value) in cases {
        let body = format!(
            r#"{{"data":[{{{fields},"reporterCode":398,"flowCode":"X","partnerCode":792,"cmdCode":"TOTAL","primaryValue":1}}]}}"#
        );
        match ComtradeJsonReader::new().records(body.as_bytes()) {
            Err(Error::BadRow {
                line,
                column: c,
                value: v,
                ..
            }) => {
                assert_eq!(
                    (line, c.as_str(), v.as_str()),
                    (1, column, value),
                    "{fields}"
                );
            }
            other => panic!("{fields}: {other:?}"),
        }
    }
    // refMonth 52 alone is the year, as in CSV.
    let body = r#"{"data":[{"refYear":2022,"refMonth":52,"reporterCode":398,"flowCode":"X","partnerCode":792,"cmdCode":"TOTAL","primaryValue":1}]}"#;
    let got: Vec<TradeRecord> = ComtradeJsonReader::new()
        .records(body.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got[0].period(), "2022".parse::<Period>().unwrap());
}

/// The record a digit string gives in `field`, all other fields fixed and valid.
fn comtrade_field(field: &str, digits: &str) -> Result<Option<TradeRecord>, (u64, String, String)> {
    let mut names = vec![
        "refYear",
        "refMonth",
        "reporterCode",
        "flowCode",
        "partnerCode",
        "cmdCode",
        "primaryValue",
        "partner2Code",
    ];
    let mut values = vec!["2022", "52", "398", "X", "792", "TOTAL", "1", "0"];
    if field == "period" {
        names[0] = "period";
        names.remove(1);
        values.remove(1);
    }
    let i = names.iter().position(|&n| n == field).unwrap();
    values[i] = digits;
    let text = format!("{}\n{}\n", names.join(","), values.join(","));
    comtrade_outcome(ComtradeReader::new(), &text)
}

const MAX_MANTISSA: u128 = (1 << 96) - 1;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_numeric_field_reads_digits_exactly_or_refuses(digits in "[0-9]{1,45}") {
        let value = reference(&digits);
        let n = digits.len();

        // period: YYYY or YYYYMM, by length.
        let got = comtrade_field("period", &digits);
        let expected: Option<Period> = match (n, value) {
            (4, Some(y)) => format!("{y:04}").parse().ok(),
            (6, Some(ym)) => format!("{:04}-{:02}", ym / 100, ym % 100).parse().ok(),
            _ => None,
        };
        match expected {
            Some(p) => prop_assert_eq!(got.unwrap().unwrap().period(), p),
            None => prop_assert!(got.is_err(), "period {} read as {:?}", digits, got),
        }

        // refMonth: 1 to 12 a month of 2022, 52 the year, anything else refused.
        let got = comtrade_field("refMonth", &digits);
        match value {
            Some(m @ 1..=12) => prop_assert_eq!(
                got.unwrap().unwrap().period(),
                format!("2022-{m:02}").parse::<Period>().unwrap()
            ),
            Some(52) => prop_assert_eq!(got.unwrap().unwrap().period(), "2022".parse::<Period>().unwrap()),
            _ => prop_assert!(got.is_err(), "refMonth {} read as {:?}", digits, got),
        }

        // refYear (with refMonth 52): four digits, 1000 to 9999.
        let got = comtrade_field("refYear", &digits);
        match (n, value) {
            (4, Some(y @ 1000..=9999)) => prop_assert_eq!(
                got.unwrap().unwrap().period(),
                format!("{y}").parse::<Period>().unwrap()
            ),
            _ => prop_assert!(got.is_err(), "refYear {} read as {:?}", digits, got),
        }

        // reporterCode: the area of that code (at most five digits), or refused.
        let got = comtrade_field("reporterCode", &digits);
        let area = value
            .filter(|_| n <= 5)
            .and_then(|v| u16::try_from(v).ok())
            .and_then(|v| Area::from_comtrade_code(v).ok());
        match area {
            Some(a) => prop_assert_eq!(got.unwrap().unwrap().reporter(), a),
            None => prop_assert!(got.is_err(), "reporterCode {} read as {:?}", digits, got),
        }

        // primaryValue: the exact whole number, or refused beyond a Decimal.
        let got = comtrade_field("primaryValue", &digits);
        match value.filter(|&v| v <= MAX_MANTISSA) {
            Some(v) => prop_assert_eq!(
                got.unwrap().unwrap().value().amount(),
                Decimal::from_i128_with_scale(i128::try_from(v).unwrap(), 0)
            ),
            None => prop_assert!(got.is_err()),
        }

        // partner2Code: 0 the total (read), another number a breakdown (skipped), a number no
        // Decimal holds refused: never a total skipped.
        let got = comtrade_field("partner2Code", &digits);
        match value {
            Some(0) => prop_assert!(matches!(got, Ok(Some(_)))),
            Some(v) if v <= MAX_MANTISSA => prop_assert_eq!(got, Ok(None)),
            _ => prop_assert!(got.is_err()),
        }
    }

    #[test]
    fn sdmx_multipliers_and_exponents_read_digits_exactly_or_refuse(digits in "[0-9]{1,45}") {
        let value = reference(&digits);
        let n = digits.len();
        let read = |mult: &str, obs: &str| -> Result<Decimal, Error> {
            let text = format!(
                "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\nX,KAZ,TUR,XG_FOB_USD,2022,{obs},{mult}\n"
            );
            let mut records = SdmxReader::imf_imts()
                .exponent_notation(true)
                .records(text.as_bytes())?;
            records.next().unwrap().map(|r| r.value().amount())
        };
        // SCALE: a power of ten of at most two digits, 0 to 15.
        match value.filter(|&v| n <= 2 && v <= 15) {
            Some(v) => prop_assert_eq!(
                read(&digits, "1").unwrap(),
                Decimal::from_i128_with_scale(10i128.pow(u32::try_from(v).unwrap()), 0)
            ),
            None => prop_assert!(read(&digits, "1").is_err()),
        }
        // An exponent of at most three digits, up to 28 for a Decimal.
        let exponent = format!("1e{digits}");
        match value.filter(|&v| n <= 3 && v <= 28) {
            Some(v) => prop_assert_eq!(
                read("0", &exponent).unwrap(),
                Decimal::from_i128_with_scale(10i128.pow(u32::try_from(v).unwrap()), 0)
            ),
            None => prop_assert!(read("0", &exponent).is_err()),
        }
        // TIME_PERIOD and Period's own parser: YYYY or YYYYMM.
        let expected: Option<Period> = match (n, value) {
            (4, Some(y)) => format!("{y:04}").parse().ok(),
            (6, Some(ym)) => format!("{:04}-{:02}", ym / 100, ym % 100).parse().ok(),
            _ => None,
        };
        prop_assert_eq!(digits.parse::<Period>().ok(), expected);
    }
}
