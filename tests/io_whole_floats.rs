//! Whole numbers written as floats (as Stata and pandas write integers held in a float column) in
//! the whole-number columns of the Comtrade, SDMX-CSV and tidy readers: `1986.0` is 1986,
//! `1986.5` is refused naming the value; in Comtrade's `period`, `202201.0` is the month YYYYMM
//! and `2022.0` the year. Before, each of these rows was refused ("not a numeric area code",
//! "expected a period as YYYY (annual) or YYYYMM (monthly)", "not a period").

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::tidy::TidyReader;
use tradestat::io::Mode;
use tradestat::{Area, Country, Error, Flow, Period, Result, TradeRecord};

const FRACTION: &str = "not a whole number";

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// (reporter, partner, period, flow) of each record.
type Key = (Area, Area, Period, Flow);

fn keys(records: impl Iterator<Item = Result<TradeRecord>>) -> Result<Vec<Key>> {
    records
        .map(|r| r.map(|r| (r.reporter(), r.partner(), r.period(), r.flow())))
        .collect()
}

/// The (line, column, value) of a strict read's error, and that its reason is a fraction's.
fn refused(result: Result<Vec<Key>>) -> (u64, String, String) {
    match result {
        Err(Error::BadRow {
            line,
            column,
            value,
            reason,
        }) => {
            assert!(reason.starts_with(FRACTION), "{reason}");
            (line, column, value)
        }
        other => panic!("expected a bad row, got {other:?}"),
    }
}

const KAZ: Area = Area::Country(Country::KAZ);
const TUR: Area = Area::Country(Country::TUR);

#[test]
fn comtrade_period_and_area_codes() {
    let header = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue";
    // Both perspectives: KAZ (398) reports on TUR (792), and TUR on KAZ.
    let table = [
        (
            "2022.0,398.0,792,X,TOTAL,1",
            (KAZ, TUR, p("2022"), Flow::Export),
        ),
        (
            "2022,792,398.00,M,TOTAL,1",
            (TUR, KAZ, p("2022"), Flow::Import),
        ),
        // Six digits before the point: YYYYMM, not a year.
        (
            "202201.0,398,792,M,TOTAL,1",
            (KAZ, TUR, p("2022-01"), Flow::Import),
        ),
        (
            "202212.,792.,398,X,TOTAL,1",
            (TUR, KAZ, p("2022-12"), Flow::Export),
        ),
        (
            "2022,0.0,398,X,TOTAL,1",
            (Area::World, KAZ, p("2022"), Flow::Export),
        ),
    ];
    for (row, expected) in table {
        let text = format!("{header}\n{row}\n");
        let got = keys(ComtradeReader::new().records(text.as_bytes()).unwrap()).unwrap();
        assert_eq!(got, vec![expected], "{row}");
    }
    for (row, column, value) in [
        ("2022.5,398,792,X,TOTAL,1", "period", "2022.5"),
        ("202201.1,398,792,X,TOTAL,1", "period", "202201.1"),
        ("2022,398.5,792,X,TOTAL,1", "reporterCode", "398.5"),
        ("2022,398,792.01,X,TOTAL,1", "partnerCode", "792.01"),
    ] {
        let text = format!("{header}\n2022,398,792,X,TOTAL,7\n{row}\n");
        let result = keys(ComtradeReader::new().records(text.as_bytes()).unwrap());
        assert_eq!(refused(result), (3, column.into(), value.into()), "{row}");
        // Lenient: the row is left out and listed, the good row read.
        let mut records = ComtradeReader::new()
            .mode(Mode::Lenient)
            .records(text.as_bytes())
            .unwrap();
        assert_eq!(records.by_ref().filter(Result::is_ok).count(), 1);
        let rejection = &records.report().rejections()[0];
        assert_eq!(
            (
                rejection.line,
                rejection.column.as_str(),
                rejection.value.as_str()
            ),
            (3, column, value)
        );
    }
}

#[test]
fn comtrade_ref_year_and_ref_month() {
    let header = "refYear,refMonth,freqCode,reporterCode,partnerCode,flowCode,cmdCode,primaryValue";
    let table = [
        ("2022.0,3.0,M,398,792,X,TOTAL,1", p("2022-03")),
        ("2022.0,52.0,A,398,792,X,TOTAL,1", p("2022")),
        ("2021,12.00,M,398,792,X,TOTAL,1", p("2021-12")),
    ];
    for (row, period) in table {
        let text = format!("{header}\n{row}\n");
        let got = keys(ComtradeReader::new().records(text.as_bytes()).unwrap()).unwrap();
        assert_eq!(got, vec![(KAZ, TUR, period, Flow::Export)], "{row}");
    }
    for (row, column, value) in [
        ("2022.5,3,M,398,792,X,TOTAL,1", "refYear", "2022.5"),
        ("2022,3.5,M,398,792,X,TOTAL,1", "refMonth", "3.5"),
    ] {
        let text = format!("{header}\n{row}\n");
        let result = keys(ComtradeReader::new().records(text.as_bytes()).unwrap());
        assert_eq!(refused(result), (2, column.into(), value.into()), "{row}");
    }
}

#[test]
fn comtrade_fold_reads_them_as_the_stream() {
    let text = "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n\
                2022.0,398.0,792.0,X,TOTAL,1\n202201.0,792,398,M,TOTAL,2\n2022.5,398,792,X,TOTAL,3\n";
    let (keys, report) = ComtradeReader::new()
        .mode(Mode::Lenient)
        .threads(2)
        .fold(text.as_bytes(), Vec::new, |v: &mut Vec<Key>, r| {
            v.push((r.reporter(), r.partner(), r.period(), r.flow()))
        })
        .unwrap();
    let mut keys: Vec<Key> = keys.into_iter().flatten().collect();
    keys.sort_by_key(|k| k.2);
    assert_eq!(
        keys,
        vec![
            (KAZ, TUR, p("2022"), Flow::Export),
            (TUR, KAZ, p("2022-01"), Flow::Import),
        ]
    );
    assert_eq!(
        (report.rejected(), report.rejections()[0].value.as_str()),
        (1, "2022.5")
    );
}

#[test]
fn sdmx_time_period() {
    let header = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE";
    let text = format!("{header}\ndataflow,IMF,I,KAZ,TUR,XG_FOB_USD,A,2022.0,1,6\n");
    let got = keys(SdmxReader::imf_imts().records(text.as_bytes()).unwrap()).unwrap();
    assert_eq!(got, vec![(KAZ, TUR, p("2022"), Flow::Export)]);
    let text = format!("{header}\ndataflow,IMF,I,TUR,KAZ,MG_CIF_USD,A,2022.5,1,6\n");
    let result = keys(SdmxReader::imf_imts().records(text.as_bytes()).unwrap());
    assert_eq!(refused(result), (2, "TIME_PERIOD".into(), "2022.5".into()));
}

#[test]
fn tidy_areas_and_period() {
    let header = "reporter,partner,period,flow,value,currency";
    let table = [
        (
            "KAZ,0.0,2022.0,X,1,USD",
            (KAZ, Area::World, p("2022"), Flow::Export),
        ),
        (
            "0.0,TUR,2022,M,1,USD",
            (Area::World, TUR, p("2022"), Flow::Import),
        ),
        (
            "KAZ,TUR,2022-01,M,1,USD",
            (KAZ, TUR, p("2022-01"), Flow::Import),
        ),
    ];
    for (row, expected) in table {
        let text = format!("{header}\n{row}\n");
        let got = keys(TidyReader::new().records(text.as_bytes()).unwrap()).unwrap();
        assert_eq!(got, vec![expected], "{row}");
    }
    for (row, column, value) in [
        ("KAZ,TUR,2022.5,X,1,USD", "period", "2022.5"),
        ("KAZ,0.5,2022,X,1,USD", "partner", "0.5"),
        ("0.5,TUR,2022,X,1,USD", "reporter", "0.5"),
    ] {
        let text = format!("{header}\n{row}\n");
        let result = keys(TidyReader::new().records(text.as_bytes()).unwrap());
        assert_eq!(refused(result), (2, column.into(), value.into()), "{row}");
    }
}
