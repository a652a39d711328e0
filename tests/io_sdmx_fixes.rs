//! SDMX-CSV fixes: a unit multiplier written as a float (`6.0`), the rejected key's period by the
//! same whole-number rule, a product dimension never read as the total in any preset, and
//! multi-valued columns (`ID[]`, the SDMX-CSV 2.0 field guide's "Multi-valued components":
//! values separated by the sub-field character of `STRUCTURE[..]`). Files are written inline in
//! the shapes of tests/data/oecd_bop_empty_mult.csv and comext_ds045409.csv (origin in
//! tests/data/sdmx_forms.md); each expected value is worked out in a comment.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{Mode, ReadReport};
use tradestat::{Commodity, Currency, Decimal, Error, Flags, Money, Period, TradeRecord};

fn money(s: &str, currency: Currency) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), currency)
}

fn read(
    reader: &SdmxReader,
    mode: Mode,
    text: &str,
) -> Result<(Vec<TradeRecord>, ReadReport), Error> {
    let mut records = reader.clone().mode(mode).records(text.as_bytes())?;
    let got = records.by_ref().collect::<Result<Vec<_>, _>>()?;
    Ok((got, records.into_report()))
}

fn lenient(reader: &SdmxReader, text: &str) -> (Vec<TradeRecord>, ReadReport) {
    read(reader, Mode::Lenient, text).unwrap()
}

fn bad_row(e: &Error) -> (u64, String, String, String) {
    match e {
        Error::BadRow {
            line,
            column,
            value,
            reason,
        } => (*line, column.clone(), value.clone(), reason.clone()),
        other => panic!("not a BadRow: {other:?}"),
    }
}

fn counts(report: &ReadReport) -> (u64, u64, u64, u64) {
    let c = (
        report.read(),
        report.accepted(),
        report.rejected(),
        report.skipped(),
    );
    assert_eq!(c.0, c.1 + c.2 + c.3);
    c
}

const BOP: &str = "DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,UNIT_MEASURE,CURRENCY,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n";

fn bop_row(time: &str, value: &str, mult: &str) -> String {
    format!("OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),GBR,W1,G,C,XDC,GBP,A,{time},{value},{mult}\n")
}

#[test]
fn a_unit_multiplier_written_as_a_float_is_its_whole_number() {
    // UNIT_MULT 6.0 (as pandas writes an integer column holding a gap) is 6: 120.812 millions
    // is 120 812 000 pounds; 6.00 too. Before the fix, `6.0` was "not a unit multiplier".
    for mult in ["6", "6.0", "6.00"] {
        let text = format!("{BOP}{}", bop_row("2020", "120.812", mult));
        for mode in [Mode::Strict, Mode::Lenient] {
            let (got, _) = read(&SdmxReader::oecd_bop(), mode, &text).unwrap();
            assert_eq!(got[0].value(), money("120812000", Currency::GBP), "{mult}");
        }
    }
}

#[test]
fn a_unit_multiplier_with_a_fraction_is_refused_strict_and_lenient() {
    let text = format!(
        "{BOP}{}{}",
        bop_row("2020", "120.812", "6.5"),
        bop_row("2021", "1.5", "3.0")
    );
    let e = read(&SdmxReader::oecd_bop(), Mode::Strict, &text).unwrap_err();
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!(
        (line, column.as_str(), value.as_str()),
        (2, "UNIT_MULT", "6.5")
    );
    assert!(reason.contains("whole number"), "{reason}");
    // Lenient: line 2 rejected, line 3 read (1.5 thousands = 1 500 pounds).
    let (got, report) = lenient(&SdmxReader::oecd_bop(), &text);
    assert_eq!(counts(&report), (2, 1, 1, 0));
    assert_eq!(got[0].value(), money("1500", Currency::GBP));
}

#[test]
fn a_rejected_row_keeps_its_period_written_as_a_float() {
    // The value is bad; TIME_PERIOD 2020.0 is the year 2020 in the rejected key as in a read
    // row (before, the key's period was unreadable: `None`, "any period").
    let text = format!("{BOP}{}", bop_row("2020.0", "abc", "6"));
    let (_, report) = lenient(&SdmxReader::oecd_bop(), &text);
    assert_eq!(report.rejected(), 1);
    let key = report.rejected_keys()[0];
    assert_eq!(key.period, Some("2020".parse::<Period>().unwrap()));
    assert_eq!(key.commodity, Some(Commodity::TOTAL));
    // Mirror: 2020.5 is no year, in the key either.
    let text = format!("{BOP}{}", bop_row("2020.5", "abc", "6"));
    let (_, report) = lenient(&SdmxReader::oecd_bop(), &text);
    assert_eq!(report.rejected_keys()[0].period, None);
}

/// An IMF IMTS or OECD ITCS file with a product dimension.
fn with_product(preset: &str, product: &str) -> String {
    match preset {
        "imf" => format!(
            "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,PRODUCT,FREQUENCY,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
             IMF.STA:IMTS(1.0.0),KAZ,TUR,XG_FOB_USD,{product},A,2022,2.5,9\n"
        ),
        "itcs" => format!(
            "DATAFLOW,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,PRODUCT,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
             OECD.SDD.TPS:DSD_ITCS(1.0),KAZ,TUR,X,{product},A,2022,2.5,9\n"
        ),
        "bop" => format!(
            "DATAFLOW,REF_AREA,COUNTERPART_AREA,MEASURE,ACCOUNTING_ENTRY,COMMODITY,UNIT_MEASURE,CURRENCY,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
             OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0),KAZ,TUR,G,C,{product},USD,USD,A,2022,2.5,9\n"
        ),
        _ => unreachable!(),
    }
}

fn preset(name: &str) -> SdmxReader {
    match name {
        "imf" => SdmxReader::imf_imts(),
        "itcs" => SdmxReader::oecd_itcs(),
        "bop" => SdmxReader::oecd_bop(),
        _ => unreachable!(),
    }
}

#[test]
fn every_preset_reads_the_total_product_as_the_total() {
    // 2.5 billions = 2 500 000 000 dollars of Kazakh exports to Türkiye, all products.
    for name in ["imf", "itcs", "bop"] {
        for total in ["_T", "TOTAL"] {
            for mode in [Mode::Strict, Mode::Lenient] {
                let (got, _) = read(&preset(name), mode, &with_product(name, total)).unwrap();
                assert_eq!(got.len(), 1, "{name} {total}");
                assert_eq!(got[0].commodity(), Commodity::TOTAL);
                assert_eq!(got[0].value(), money("2500000000", Currency::USD));
            }
        }
    }
}

#[test]
fn no_preset_reads_a_single_other_product_as_the_total() {
    // A file of product 84 only: before the fix, the product column was a dimension without a
    // role holding one value, and its figures were recorded as the total. Now a bad row naming
    // the column, strict and lenient (with the key's commodity unknown, never TOTAL).
    for name in ["imf", "itcs", "bop"] {
        let text = with_product(name, "84");
        let e = read(&preset(name), Mode::Strict, &text).unwrap_err();
        let (line, column, value, reason) = bad_row(&e);
        assert_eq!(line, 2, "{name}");
        assert!(
            column == "PRODUCT" || column == "COMMODITY",
            "{name}: {column}"
        );
        assert_eq!(value, "84");
        assert!(reason.contains("recorded as the total"), "{reason}");
        let (got, report) = lenient(&preset(name), &text);
        assert!(got.is_empty());
        assert_eq!(counts(&report), (1, 0, 1, 0), "{name}");
        assert_eq!(report.rejected_keys()[0].commodity, None);
    }
}

#[test]
fn itcs_with_several_products_reads_the_selected_total() {
    let text = "DATAFLOW,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,PRODUCT,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n\
                OECD.SDD.TPS:DSD_ITCS(1.0),KAZ,TUR,X,_T,A,2022,2.5,9\n\
                OECD.SDD.TPS:DSD_ITCS(1.0),KAZ,TUR,X,84,A,2022,0.5,9\n";
    let reader = SdmxReader::oecd_itcs().select("PRODUCT", "_T");
    let (got, report) = read(&reader, Mode::Strict, text).unwrap();
    assert_eq!(counts(&report), (2, 1, 0, 1));
    assert_eq!(got[0].commodity(), Commodity::TOTAL);
    assert_eq!(got[0].value(), money("2500000000", Currency::USD));
}

const COMEXT: &str = "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n\
    ESTAT:DS-045409(1.0),15/11/24 11:00:00,A,DE,CN,TOTAL,2,VALUE_IN_EUROS,2023,1000,,\n\
    ESTAT:DS-045409(1.0),15/11/24 11:00:00,A,DE,CN,84,2,VALUE_IN_EUROS,2023,400,,\n\
    ESTAT:DS-045409(1.0),15/11/24 11:00:00,A,DE,CN,84713000,2,VALUE_IN_EUROS,2023,7,,\n";

#[test]
fn comext_reads_a_selected_product_as_that_hs_code() {
    // Default: the total only (1000 euros), the two product rows skipped.
    let (got, report) = read(&SdmxReader::eurostat_comext(), Mode::Strict, COMEXT).unwrap();
    assert_eq!(counts(&report), (3, 1, 0, 2));
    assert_eq!(got[0].commodity(), Commodity::TOTAL);
    assert_eq!(got[0].value(), money("1000", Currency::EUR));
    // Chapter 84 selected: 400 euros of HS chapter 84, not the total (before the fix the docs
    // said "recorded as the total of the read").
    let reader = SdmxReader::eurostat_comext().select("product", "84");
    let (got, report) = read(&reader, Mode::Strict, COMEXT).unwrap();
    assert_eq!(counts(&report), (3, 1, 0, 2));
    assert_eq!(got[0].commodity(), Commodity::hs("84").unwrap());
    assert_eq!(got[0].value(), money("400", Currency::EUR));
    // A CN8 code (8 digits) is no HS code: a bad row, never the total.
    let reader = SdmxReader::eurostat_comext().select("product", "84713000");
    let e = read(&reader, Mode::Strict, COMEXT).unwrap_err();
    let (line, column, value, _) = bad_row(&e);
    assert_eq!(
        (line, column.as_str(), value.as_str()),
        (4, "product", "84713000")
    );
}

/// An SDMX-CSV 2.0 file with the sub-field separator `|` and multi-valued columns.
fn multi(status: &str, mult: &str, value: &str) -> String {
    format!(
        "STRUCTURE[|];STRUCTURE_ID;ACTION;REF_AREA;COUNTERPART_AREA;MEASURE;ACCOUNTING_ENTRY;UNIT_MEASURE;CURRENCY;FREQ;TIME_PERIOD;OBS_VALUE[];UNIT_MULT[];OBS_STATUS[]\n\
         dataflow;OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0);M;GBR;W1;G;C;XDC;GBP;A;2020;{value};{mult};{status}\n"
    )
}

#[test]
fn a_multi_valued_status_keeps_every_mark() {
    // OBS_STATUS[] "E|P": estimated and provisional; with labels ("E: Estimated|P: ...") too.
    for status in ["E|P", "E: Estimated|P: Provisional", "P|E"] {
        let (got, _) = read(
            &SdmxReader::oecd_bop(),
            Mode::Strict,
            &multi(status, "6", "1.5"),
        )
        .unwrap();
        assert_eq!(
            got[0].flags(),
            Flags::ESTIMATED | Flags::PROVISIONAL,
            "{status}"
        );
        // 1.5 millions.
        assert_eq!(got[0].value(), money("1500000", Currency::GBP));
    }
    // One value in a multi-valued column is read as it is.
    let (got, _) = read(
        &SdmxReader::oecd_bop(),
        Mode::Strict,
        &multi("E", "6", "1.5"),
    )
    .unwrap();
    assert_eq!(got[0].flags(), Flags::ESTIMATED);
}

#[test]
fn several_values_where_one_is_read_are_refused_never_one_value() {
    // UNIT_MULT[] "6|3" and OBS_VALUE[] "1|2": bad rows naming the column, strict and lenient.
    for (mult, value, column, shown) in [
        ("6|3", "1.5", "UNIT_MULT", "6|3"),
        ("6", "1|2", "OBS_VALUE", "1|2"),
    ] {
        let text = multi("A", mult, value);
        let e = read(&SdmxReader::oecd_bop(), Mode::Strict, &text).unwrap_err();
        let (line, col, val, reason) = bad_row(&e);
        assert_eq!((line, col.as_str(), val.as_str()), (2, column, shown));
        assert!(reason.contains("several values"), "{reason}");
        let (got, report) = lenient(&SdmxReader::oecd_bop(), &text);
        assert!(got.is_empty());
        assert_eq!(counts(&report), (1, 0, 1, 0));
    }
}

#[test]
fn a_multi_valued_column_without_a_sub_field_separator_is_refused() {
    let text = multi("E", "6", "1.5").replacen("STRUCTURE[|]", "STRUCTURE", 1);
    let e = SdmxReader::oecd_bop()
        .delimiter(tradestat::io::Delimiter::Semicolon)
        .records(text.as_bytes())
        .unwrap_err();
    match &e {
        Error::MissingColumn { detail, .. } => {
            assert!(
                detail.contains("OBS_VALUE[]") && detail.contains("STRUCTURE[;]"),
                "{detail}"
            );
        }
        other => panic!("{other:?}"),
    }
}
