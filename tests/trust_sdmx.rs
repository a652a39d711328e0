//! SDMX-CSV units, currencies and dimensions without a role (issue 14, item 5): a row of another
//! unit is never read as US dollars, a percentage or an index is never money, and a column that
//! mixes measures is an error until one is selected. Strict and lenient, for an OECD-shaped
//! balance-of-payments file and for the IMF preset.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{Mode, ReadReport};
use tradestat::{
    Area, Country, Currency, Decimal, Error, Flow, Money, Period, TradeRecord, Valuation,
};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn money(s: &str, currency: Currency) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), currency)
}

fn bad_row(e: &Error) -> (u64, &str, &str, &str) {
    match e {
        Error::BadRow {
            line,
            column,
            value,
            reason,
        } => (*line, column.as_str(), value.as_str(), reason.as_str()),
        other => panic!("not a BadRow: {other:?}"),
    }
}

fn counts(report: &ReadReport) -> (u64, u64, u64, u64) {
    (
        report.read(),
        report.accepted(),
        report.rejected(),
        report.skipped(),
    )
}

/// The first error of a strict read.
fn strict_error(reader: &SdmxReader, text: &str) -> Error {
    reader
        .clone()
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .expect("an error")
}

/// All records and the report of a lenient read.
fn lenient(reader: &SdmxReader, text: &str) -> (Vec<TradeRecord>, ReadReport) {
    let mut records = reader
        .clone()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    (got, records.into_report())
}

/// The shape of OECD's balance-of-payments extract (codes only): the United Kingdom against the
/// World, goods (G), services (S) and the current account (CA), credits (C) and debits (D), in
/// national currency (`UNIT_MEASURE=XDC`, `CURRENCY=GBP`, millions), and one row in percent of
/// goods and services (`PT_GS`, units). The figures are made up for the test; the columns, codes
/// and the 48.91321 are those of the case in the issue.
const OECD_BOP: &str = "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,UNIT_MEASURE,CURRENCY,FREQ,ADJUSTMENT,TIME_PERIOD,OBS_VALUE,UNIT_MULT,OBS_STATUS,DECIMALS\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,G,C,XDC,GBP,A,N,2022,400000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,S,C,XDC,GBP,A,N,2022,480000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,CA,C,XDC,GBP,A,N,2022,1050000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,G,C,XDC,GBP,A,N,2023,390000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,S,C,XDC,GBP,A,N,2023,500000,6,E,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,CA,C,XDC,GBP,A,N,2023,1100000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,G,C,PT_GS,_Z,A,N,2023,48.91321,0,A,5\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,G,D,XDC,GBP,A,N,2022,600000,6,A,0\n\
DATAFLOW,OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),I,GBR,W1,G,D,XDC,GBP,A,N,2023,580000,6,A,0\n";

/// How a user reads it: areas and the accounting entry as the flow (credits are exports, debits
/// imports).
fn oecd() -> SdmxReader {
    SdmxReader::imf_imts()
        .areas("REF_AREA", "COUNTERPART_AREA")
        .indicators(
            "ACCOUNTING_ENTRY",
            &[
                ("C", Flow::Export, Valuation::Fob),
                ("D", Flow::Import, Valuation::Fob),
            ],
        )
}

fn gbp_goods() -> Vec<TradeRecord> {
    let gbp = |s: &str| money(s, Currency::GBP);
    let r = |period: &str, flow: Flow, value: &str| {
        TradeRecord::new(Country::GBR, Area::World, p(period), flow, gbp(value))
            .with_valuation(Valuation::Fob)
    };
    // 400000 millions = 400 000 000 000, and so on: the GBP amounts times 10^6, in pounds.
    vec![
        r("2022", Flow::Export, "400000000000"),
        r("2023", Flow::Export, "390000000000"),
        r("2022", Flow::Import, "600000000000"),
        r("2023", Flow::Import, "580000000000"),
    ]
}

/// The regression: before, the 9 rows were read as 9 US-dollar records, and the exports summed
/// goods, services, the current account and the percentage into
/// 3 920 000 000 048.91321 "USD" (400000 + 480000 + 1050000 + 390000 + 500000 + 1100000 millions,
/// plus 48.91321). Now the second row, services next to goods, stops a strict read.
#[test]
fn oecd_bop_mixing_measures_is_an_error_naming_both_codes() {
    let e = strict_error(&oecd(), OECD_BOP);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!((line, column, value), (3, "MEASURE", "S"));
    assert!(reason.contains("\"G\""), "{reason}");
    assert!(reason.contains("select(\"MEASURE\""), "{reason}");
}

/// Every item of a lenient read: the records before the first error, then the error.
fn lenient_items(reader: &SdmxReader, text: &str) -> Vec<Result<TradeRecord, Error>> {
    reader
        .clone()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap()
        .collect()
}

#[test]
fn oecd_bop_lenient_without_a_selection_stops_as_strict_does() {
    // A mixed measure is about the file, not a row: leaving S and CA out would keep goods only
    // because goods came first. Lenient stops at line 3 as strict does, after the one G row.
    let items = lenient_items(&oecd(), OECD_BOP);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap(), &gbp_goods()[0]);
    let (line, column, value, reason) = bad_row(items[1].as_ref().unwrap_err());
    assert_eq!((line, column, value), (3, "MEASURE", "S"));
    assert!(reason.contains("\"G\""), "{reason}");
}

#[test]
fn oecd_bop_goods_selected_are_pounds_and_the_percentage_is_never_money() {
    let goods = oecd().select("MEASURE", "G");
    // Strict: the percentage row is an error naming its unit.
    let e = strict_error(&goods, OECD_BOP);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!((line, column, value), (8, "UNIT_MEASURE", "PT_GS"));
    assert!(reason.contains("a percentage"), "{reason}");
    // Lenient: rejected, named; services and the current account skipped and counted.
    let (got, report) = lenient(&goods, OECD_BOP);
    assert_eq!(got, gbp_goods());
    assert_eq!(counts(&report), (9, 4, 1, 4));
    assert_eq!(report.rejections()[0].value, "PT_GS");
    // Selecting the unit too reads the file strictly, in pounds.
    let got: Vec<TradeRecord> = goods
        .select("UNIT_MEASURE", "XDC")
        .records(OECD_BOP.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got, gbp_goods());
    assert!(got.iter().all(|r| r.value().currency() == Currency::GBP));
}

#[test]
fn selecting_a_column_the_file_lacks_is_an_error() {
    match oecd()
        .select("SECTOR", "S1")
        .records(OECD_BOP.as_bytes())
        .unwrap_err()
    {
        Error::MissingColumn { column, .. } => assert_eq!(column, "SECTOR"),
        other => panic!("{other:?}"),
    }
}

/// One row of a file with the given unit and currency columns, read strictly and leniently:
/// `Ok(currency)` of the record, or `Err((column, value, reason))` of the bad row, which must be
/// the same in both modes.
fn unit_outcome(
    reader: &SdmxReader,
    unit_column: &str,
    unit: &str,
    currency: Option<&str>,
) -> Result<Currency, (String, String, String)> {
    let (currency_header, currency_field) = match currency {
        Some(c) => (",CURRENCY", format!(",{c}")),
        None => ("", String::new()),
    };
    let text = format!(
        "DATAFLOW,REF_AREA,COUNTERPART_AREA,INDICATOR,{unit_column}{currency_header},FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
         X,KAZ,TUR,XG_FOB_USD,{unit}{currency_field},A,2022,12.5,3\n"
    );
    let reader = reader.clone().areas("REF_AREA", "COUNTERPART_AREA");
    let strict: Vec<Result<TradeRecord, Error>> =
        reader.clone().records(text.as_bytes()).unwrap().collect();
    let (records, report) = lenient(&reader, &text);
    match (strict.as_slice(), records.as_slice()) {
        ([Ok(a)], [b]) => {
            assert_eq!(a, b);
            assert_eq!(a.value().amount(), Decimal::from(12500));
            Ok(a.value().currency())
        }
        ([Err(e)], []) => {
            let (line, column, value, reason) = bad_row(e);
            assert_eq!(line, 2);
            let r = &report.rejections()[0];
            assert_eq!(
                (
                    r.line,
                    r.column.as_str(),
                    r.value.as_str(),
                    r.reason.as_str()
                ),
                (line, column, value, reason),
                "strict and lenient differ"
            );
            Err((column.to_owned(), value.to_owned(), reason.to_owned()))
        }
        other => panic!("strict and lenient disagree: {other:?}"),
    }
}

#[test]
fn units_and_currencies_table() {
    use Currency as C;
    let reader = SdmxReader::imf_imts();
    // (unit column, unit, currency column, expected currency)
    let money: [(&str, &str, Option<&str>, Currency); 13] = [
        ("UNIT_MEASURE", "XDC", Some("GBP"), C::GBP),
        ("UNIT_MEASURE", "XDC", Some("KZT: Tenge"), C::KZT),
        ("UNIT_MEASURE", "GBP", Some("_Z"), C::GBP),
        ("UNIT_MEASURE", "EUR", None, C::EUR),
        ("UNIT_MEASURE", "USD_EXC", Some("_Z"), C::USD),
        // The unit names the currency; CURRENCY then says what XDC would mean, not the unit.
        ("UNIT_MEASURE", "USD_EXC", Some("GBP"), C::USD),
        ("UNIT_MEASURE", "", Some("EUR"), C::EUR),
        // Nothing named: the declared currency.
        ("UNIT_MEASURE", "", Some(""), C::USD),
        ("UNIT_MEASURE", "", Some("_Z"), C::USD),
        ("UNIT", "CHF", None, C::CHF),
        ("unit", "NAC", Some("TRY"), C::TRY),
        ("unit", "jpy", None, C::JPY),
        ("UNIT", "XDR", None, C::XDR),
    ];
    for (column, unit, currency, expected) in money {
        assert_eq!(
            unit_outcome(&reader, column, unit, currency),
            Ok(expected),
            "{column}={unit}, CURRENCY={currency:?}"
        );
    }
    // (unit column, unit, currency, the column and value named, a word of the reason)
    type Refused<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, &'a str, &'a str);
    let refused: [Refused<'_>; 16] = [
        (
            "UNIT_MEASURE",
            "PT_GS",
            Some("_Z"),
            "UNIT_MEASURE",
            "PT_GS",
            "a percentage",
        ),
        (
            "UNIT_MEASURE",
            "PT_B1GQ",
            Some("GBP"),
            "UNIT_MEASURE",
            "PT_B1GQ",
            "a percentage",
        ),
        ("UNIT", "PC_GDP", None, "UNIT", "PC_GDP", "a percentage"),
        ("UNIT", "%", None, "UNIT", "%", "a percentage"),
        (
            "UNIT_MEASURE",
            "IX",
            Some("_Z"),
            "UNIT_MEASURE",
            "IX",
            "an index",
        ),
        ("unit", "I15", None, "unit", "I15", "an index"),
        (
            "UNIT_MEASURE",
            "PS",
            None,
            "UNIT_MEASURE",
            "PS",
            "not a currency",
        ),
        (
            "UNIT_MEASURE",
            "_Z",
            None,
            "UNIT_MEASURE",
            "_Z",
            "not a currency",
        ),
        (
            "UNIT_MEASURE",
            "XXX",
            None,
            "UNIT_MEASURE",
            "XXX",
            "not a currency",
        ),
        (
            "UNIT_MEASURE",
            "XAU",
            None,
            "UNIT_MEASURE",
            "XAU",
            "not a currency",
        ),
        (
            "UNIT_MEASURE",
            "USD_PPP",
            None,
            "UNIT_MEASURE",
            "USD_PPP",
            "not a currency",
        ),
        ("UNIT", "MIO_EUR", None, "UNIT", "MIO_EUR", "not a currency"),
        // National currency with no currency named.
        (
            "UNIT_MEASURE",
            "XDC",
            Some("_Z"),
            "UNIT_MEASURE",
            "XDC",
            "national currency",
        ),
        (
            "UNIT_MEASURE",
            "XDC",
            None,
            "UNIT_MEASURE",
            "XDC",
            "national currency",
        ),
        // A currency column that names no currency.
        (
            "UNIT_MEASURE",
            "XDC",
            Some("ZZZ"),
            "CURRENCY",
            "ZZZ",
            "ISO 4217",
        ),
        (
            "UNIT_MEASURE",
            "",
            Some("pounds"),
            "CURRENCY",
            "pounds",
            "ISO 4217",
        ),
    ];
    for (column, unit, currency, named, value, word) in refused {
        match unit_outcome(&reader, column, unit, currency) {
            Err((c, v, reason)) => {
                assert_eq!((c.as_str(), v.as_str()), (named, value), "{column}={unit}");
                assert!(reason.contains(word), "{column}={unit}: {reason}");
            }
            Ok(c) => panic!("{column}={unit}, CURRENCY={currency:?} read as money in {c}"),
        }
    }
}

#[test]
fn two_unit_columns_that_disagree_are_a_bad_row() {
    let text = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,UNIT_MEASURE,TIME_PERIOD,OBS_VALUE,SCALE,UNIT\n\
                X,KAZ,TUR,XG_FOB_USD,USD,2022,1,6,EUR\n";
    let e = strict_error(&SdmxReader::imf_imts(), text);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!((line, column, value), (2, "UNIT", "EUR"));
    assert!(reason.contains("USD"), "{reason}");
}

#[test]
fn the_declared_currency_applies_only_where_the_file_names_none() {
    let text = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n\
                X,KAZ,TUR,XG_FOB_USD,2022,1.5,3\n";
    let got: Vec<TradeRecord> = SdmxReader::imf_imts()
        .currency(Currency::EUR)
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got[0].value(), money("1500", Currency::EUR));
    let text = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE,UNIT\n\
                X,KAZ,TUR,XG_FOB_USD,2022,1.5,3,GBP\n";
    let got: Vec<TradeRecord> = SdmxReader::imf_imts()
        .currency(Currency::EUR)
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got[0].value(), money("1500", Currency::GBP));
}

/// The IMF preset: an extra dimension (the transformation: US dollars or percent change) and a
/// unit attribute after `OBS_VALUE`.
const IMF: &str = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TRANSFORMATION,TIME_PERIOD,OBS_VALUE,SCALE,UNIT\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,XG_FOB_USD,TUR,A,USD,2022,2541.5,6,USD\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,XG_FOB_USD,TUR,A,PCH,2022,33.3,0,PT\n\
dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,MG_CIF_USD,TUR,A,USD,2022,1233,6,USD\n";

#[test]
fn imf_preset_mixed_transformations_strict_lenient_and_selected() {
    let imf = SdmxReader::imf_imts();
    let e = strict_error(&imf, IMF);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!((line, column, value), (3, "TRANSFORMATION", "PCH"));
    assert!(reason.contains("\"USD\""), "{reason}");
    let expected = vec![
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2022"),
            Flow::Export,
            money("2541500000", Currency::USD),
        ),
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            p("2022"),
            Flow::Import,
            money("1233000000", Currency::USD),
        ),
    ];
    // Lenient stops there too: the percentage's transformation is not a bad row but another
    // series.
    let items = lenient_items(&imf, IMF);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap(), &expected[0]);
    assert_eq!(bad_row(items[1].as_ref().unwrap_err()).0, 3);
    // Selected: the percentage row is skipped, the rest read strictly.
    let got: Vec<TradeRecord> = imf
        .clone()
        .select("TRANSFORMATION", "USD")
        .records(IMF.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got, expected);
    // Selected the other way, the percentage is refused by its unit, never read as money.
    let e = strict_error(&imf.clone().select("TRANSFORMATION", "PCH"), IMF);
    assert_eq!(bad_row(&e).1, "UNIT");
    let (got, report) = lenient(&imf.select("TRANSFORMATION", "PCH"), IMF);
    assert!(got.is_empty());
    assert_eq!(counts(&report), (3, 0, 1, 2));
}

#[test]
fn attributes_after_obs_value_may_vary() {
    // OBS_STATUS and DECIMALS change between rows (they are attributes, after OBS_VALUE).
    let text = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE,OBS_STATUS,DECIMALS\n\
                X,KAZ,TUR,XG_FOB_USD,2022,1,6,A,0\n\
                X,KAZ,TUR,XG_FOB_USD,2023,2,6,E,2\n";
    let n = SdmxReader::imf_imts()
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len();
    assert_eq!(n, 2);
}

const MEASURES: [&str; 3] = ["G", "S", "CA"];

fn measure_file(measures: &[usize]) -> String {
    let mut text = String::from(
        "DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n",
    );
    for (i, &m) in measures.iter().enumerate() {
        text.push_str(&format!(
            "X,GBR,W1,{},C,{},{},0\n",
            MEASURES[m],
            2000 + i,
            i + 1
        ));
    }
    text
}

proptest! {
    /// Any sequence of measures: strict stops at the first row whose measure is not the first
    /// row's, and lenient stops there too; a selection reads exactly the selected rows and
    /// skips the others, with nothing rejected.
    #[test]
    fn a_dimension_without_a_role_holds_one_value(
        measures in prop::collection::vec(0usize..3, 1..12),
        selected in 0usize..3,
    ) {
        let text = measure_file(&measures);
        let first = measures[0];
        // Rows are on lines 2, 3, ...
        let differing: Vec<u64> = measures
            .iter()
            .enumerate()
            .filter(|&(_, &m)| m != first)
            .map(|(i, _)| i as u64 + 2)
            .collect();
        let reader = oecd();
        let strict: Vec<Result<TradeRecord, Error>> =
            reader.clone().records(text.as_bytes()).unwrap().collect();
        match differing.first() {
            None => prop_assert!(strict.iter().all(Result::is_ok)),
            Some(&line) => {
                let e = strict.last().unwrap().as_ref().unwrap_err();
                let (l, column, value, reason) = bad_row(e);
                prop_assert_eq!((l, column), (line, "MEASURE"));
                prop_assert_eq!(value, MEASURES[measures[line as usize - 2]]);
                let quoted = format!("{:?}", MEASURES[first]);
                prop_assert!(reason.contains(&quoted), "{}", reason);
                prop_assert_eq!(strict.len() as u64, line - 1);
            }
        }
        // Lenient gives exactly what strict gives: a mixed dimension is no row's fault.
        let lenient = lenient_items(&reader, &text);
        prop_assert_eq!(lenient, strict);
        // Selected: the rows of that measure, by their values 1, 2, ...
        let picked: Vec<TradeRecord> = reader
            .select("MEASURE", MEASURES[selected])
            .records(text.as_bytes())
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let expected: Vec<Decimal> = measures
            .iter()
            .enumerate()
            .filter(|&(_, &m)| m == selected)
            .map(|(i, _)| Decimal::from(i + 1))
            .collect();
        let values: Vec<Decimal> = picked.iter().map(|r| r.value().amount()).collect();
        prop_assert_eq!(values, expected);
    }
}

proptest! {
    /// Any unit code: a row read as money is in the currency the row names (the unit's own ISO
    /// code, or CURRENCY's for the national currency or an empty unit), never the declared US
    /// dollars by default; a percentage or an index is never read; strict and lenient agree.
    #[test]
    fn a_unit_is_money_in_the_currency_the_row_names_or_refused(unit in "[A-Za-z_%0-9]{0,8}") {
        let reader = SdmxReader::imf_imts();
        let got = unit_outcome(&reader, "UNIT_MEASURE", &unit, Some("GBP"));
        let upper = unit.to_ascii_uppercase();
        let bare = upper.strip_suffix("_EXC").unwrap_or(&upper);
        let not_money = ["PT", "PC", "IX", "I1", "I2", "%", "XXX", "XAU", "_Z"]
            .iter()
            .any(|p| upper.starts_with(p));
        match got {
            Ok(currency) => {
                prop_assert!(!not_money, "{} read as money", unit);
                let named = if unit.is_empty() || upper == "XDC" || upper == "NAC" {
                    Currency::GBP
                } else {
                    Currency::from_code(bare).unwrap()
                };
                prop_assert_eq!(currency, named, "{}", unit);
            }
            Err((column, value, _)) => {
                prop_assert_eq!(column, "UNIT_MEASURE");
                prop_assert_eq!(value, unit);
            }
        }
    }
}
