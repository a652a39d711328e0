//! SDMX-CSV 1.0 and 2.0, UN Comtrade API JSON and JSON records: hand-written files with the
//! expected records written out, bad rows in strict and lenient mode.

#![cfg(feature = "json")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{json, Mode};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Domestic, Error, Flow, Money, Period, TradeData,
    TradeRecord, Valuation,
};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
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

const SDMX2: &str = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE,OBS_STATUS\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ: Kazakhstan,TUR: Türkiye,XG_FOB_USD,A,2022,2541.5,6,\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,MG_CIF_USD,Q,2022-Q1,300.25,Millions,\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,G001,XG_FOB_USD,M,2022-M01,7,3,\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,TBG_USD,A,2022,1,6,\n\
dataflow,IMF.STA:IMTS(1.0.0),D,KAZ,TUR,XG_FOB_USD,A,2021,1,6,\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,XG_FOB_USD,A,2020,,6,M\n";

#[test]
fn sdmx_2_0_with_imf_defaults() {
    let mut records = SdmxReader::imf_imts().records(SDMX2.as_bytes()).unwrap();
    let got: Vec<TradeRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(
        got,
        vec![
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022"),
                Flow::Export,
                usd("2541500000")
            ),
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022-Q1"),
                Flow::Import,
                usd("300250000")
            ),
            TradeRecord::new(
                Country::KAZ,
                Area::World,
                p("2022-01"),
                Flow::Export,
                usd("7000")
            ),
        ]
    );
    assert_eq!(got[1].valuation(), Valuation::Cif);
    // The balance indicator, the deleted row and the missing observation are skipped.
    let report = records.into_report();
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (6, 3, 0, 3)
    );
}

#[test]
fn sdmx_1_0_with_unit_mult_and_configured_roles() {
    let text =
        "DATAFLOW,FREQ,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
                OECD:ITCS(1.0),A,DEU,FRA,EXP,2021,125.5,9\n\
                OECD:ITCS(1.0),M,DE,FR,IMP,2021-03,0.5,6\n";
    let reader = SdmxReader::imf_imts()
        .areas("REF_AREA", "COUNTERPART_AREA")
        .indicators(
            "TRADE_FLOW",
            &[
                ("EXP", Flow::Export, Valuation::Fob),
                ("IMP", Flow::Import, Valuation::Cif),
            ],
        );
    let got: Vec<TradeRecord> = reader
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        got,
        vec![
            TradeRecord::new(
                Country::DEU,
                Country::FRA,
                p("2021"),
                Flow::Export,
                usd("125500000000")
            ),
            TradeRecord::new(
                Country::DEU,
                Country::FRA,
                p("2021-03"),
                Flow::Import,
                usd("500000")
            ),
        ]
    );
}

#[test]
fn sdmx_refuses_a_file_without_a_multiplier_or_not_sdmx() {
    let text = "DATAFLOW,FREQUENCY,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE\nX,A,KAZ,TUR,XG_FOB_USD,2022,1\n";
    match SdmxReader::imf_imts().records(text.as_bytes()).unwrap_err() {
        Error::MissingColumn { column, .. } => assert_eq!(column, "UNIT_MULT or SCALE"),
        other => panic!("{other:?}"),
    }
    let text = "COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n";
    assert!(matches!(
        SdmxReader::imf_imts().records(text.as_bytes()).unwrap_err(),
        Error::MissingColumn { .. }
    ));
}

#[test]
fn sdmx_bad_rows_strict_and_lenient() {
    let text =
        "DATAFLOW,FREQUENCY,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n\
                X,A,KAZ,TUR,XG_FOB_USD,2022,1\n\
                X,A,KAZ,TUR,XG_FOB_USD,2022,1.5e3,6\n\
                X,Q,KAZ,TUR,XG_FOB_USD,2022,2,6\n\
                X,A,KAZ,QQQ,XG_FOB_USD,2022,2,6\n\
                X,A,KAZ,TUR,XG_FOB_USD,2022,2,lots\n\
                X,A,KAZ,TUR,XG_FOB_USD,2022-13,2,6\n\
                X,A,KAZ,TUR,XG_FOB_USD,2023,2,6\n";
    let e = SdmxReader::imf_imts()
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    assert_eq!(bad_row(&e), (2, "SCALE", ""));
    let mut records = SdmxReader::imf_imts()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    assert_eq!(
        got,
        vec![TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2023"),
            Flow::Export,
            usd("2000000")
        )]
    );
    let report = records.into_report();
    let rejected: Vec<(u64, &str, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (2, "SCALE", ""),
            (3, "OBS_VALUE", "1.5e3"),
            (4, "FREQUENCY", "Q"),
            (5, "COUNTERPART_COUNTRY", "QQQ"),
            (6, "SCALE", "lots"),
            (7, "TIME_PERIOD", "2022-13"),
        ]
    );
    assert_eq!(
        report.read(),
        report.accepted() + report.rejected() + report.skipped()
    );
    // Exponent notation where the caller allows it.
    let got: Vec<TradeRecord> = SdmxReader::imf_imts()
        .exponent_notation(true)
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got[0].value(), usd("1500000000"));
}

const JSON_BODY: &str = r#"{"elapsedTime":"0.2 secs","count":4,"data":[
 {"typeCode":"C","freqCode":"A","refPeriodId":20220101,"refYear":2022,"refMonth":52,"period":"2022","reporterCode":398,
  "flowCode":"X","partnerCode":792,"partner2Code":0,"classificationCode":"H6","cmdCode":"TOTAL","customsCode":"C00",
  "mosCode":"0","motCode":0,"cifvalue":null,"fobvalue":2541000000.123,"primaryValue":2541000000.123,"isReported":true},
 {"freqCode":"M","period":"202203","reporterCode":842,"flowCode":"M","partnerCode":0,"partner2Code":0,
  "classificationCode":"H6","cmdCode":"27","customsCode":"C00","mosCode":"0","motCode":0,
  "cifvalue":1.5E+16,"fobvalue":null,"primaryValue":1.5E+16},
 {"freqCode":"A","period":"2022","reporterCode":398,"flowCode":"X","partnerCode":792,"partner2Code":0,
  "cmdCode":"TOTAL","customsCode":"C00","mosCode":"0","motCode":2100,"primaryValue":5},
 {"freqCode":"A","period":"2022","reporterCode":398,"flowCode":"X","partnerCode":999,"partner2Code":0,
  "cmdCode":"TOTAL","customsCode":"C00","mosCode":"0","motCode":0,"primaryValue":5}
],"error":""}"#;

#[test]
fn comtrade_api_json_reads_numbers_from_their_text() {
    let e = ComtradeJsonReader::new()
        .records(JSON_BODY.as_bytes())
        .unwrap_err();
    assert_eq!(bad_row(&e), (4, "partnerCode", "999"));
    let mut records = ComtradeJsonReader::new()
        .mode(Mode::Lenient)
        .records(JSON_BODY.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
    assert_eq!(
        got,
        vec![
            TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                p("2022"),
                Flow::Export,
                usd("2541000000.123")
            ),
            TradeRecord::new(
                Country::USA,
                Area::World,
                p("2022-03"),
                Flow::Import,
                usd("15000000000000000")
            )
            .with_commodity(Commodity::hs("27").unwrap())
            .with_valuation(Valuation::Cif),
        ]
    );
    // 2541000000.123 has 13 significant digits: through f64 it would still be fine, so check a
    // number f64 cannot hold.
    let body = r#"{"data":[{"period":"2022","reporterCode":398,"flowCode":"X","partnerCode":0,"cmdCode":"TOTAL","primaryValue":12345678901234567.891}]}"#;
    let got: Vec<TradeRecord> = ComtradeJsonReader::new()
        .records(body.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got[0].value().amount().to_string(), "12345678901234567.891");
    let report = records.into_report();
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (4, 2, 1, 1)
    );
    // Not a body.
    assert!(ComtradeJsonReader::new()
        .records("[1,2]".as_bytes())
        .is_err());
    assert!(ComtradeJsonReader::new()
        .records(r#"{"count":0}"#.as_bytes())
        .is_err());
    assert!(ComtradeJsonReader::new()
        .records(r#"{"data":[{"period":"2022"}"#.as_bytes())
        .is_err());
}

#[test]
fn json_records_round_trip() {
    let records = vec![
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2022"),
            Flow::Export,
            usd("0.0000000000000000000000000001"),
        ),
        TradeRecord::new(
            Country::KAZ,
            Country::KAZ,
            p("2022-Q3"),
            Flow::Import,
            usd("79228162514264337593543950335"),
        )
        .with_commodity(Commodity::sitc("0011").unwrap()),
    ];
    let data = TradeData::builder()
        .domestic(Domestic::Keep)
        .build(records.clone())
        .unwrap();
    let mut text = Vec::new();
    json::write(&mut text, &data).unwrap();
    let back = json::read(&text[..]).unwrap();
    let a: Vec<TradeRecord> = back.iter().chain(back.domestic_records()).collect();
    assert_eq!(a, records);
    assert!(json::read_records("[{\"reporter\":1}]".as_bytes()).is_err());
}
