//! SDMX-CSV in the forms agencies publish (issue 15, "SDMX-CSV"): the 1.0 and 2.0 headers
//! (`STRUCTURE[|];...` with `;` between fields, `ACTION` optional, labels in the header,
//! `labels=name` name columns), decimal commas, missing values, declared scales, observation
//! status flags, and the OECD BOP, OECD ITCS and Eurostat Comext presets. The files are in
//! tests/data (origin in tests/data/sdmx_forms.md); every expected value is worked out by hand
//! in a comment. Each file is read strict and lenient.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{Delimiter, Mode, ReadReport};
use tradestat::{
    Area, Country, Currency, Decimal, Error, Flags, Flow, Money, Period, Scale, TradeRecord,
    Valuation,
};

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/");

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("{DATA}{name}")).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn money(s: &str, currency: Currency) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), currency)
}

fn c(country: Country) -> Area {
    Area::Country(country)
}

/// The records of a strict read (all must be read) and of a lenient read with its report: the
/// records must agree.
fn both(reader: &SdmxReader, text: &str) -> (Vec<TradeRecord>, ReadReport) {
    let strict: Vec<TradeRecord> = reader
        .clone()
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (lenient, report) = lenient(reader, text);
    assert_eq!(strict, lenient, "strict and lenient reads differ");
    (strict, report)
}

fn lenient(reader: &SdmxReader, text: &str) -> (Vec<TradeRecord>, ReadReport) {
    let mut records = reader
        .clone()
        .mode(Mode::Lenient)
        .records(text.as_bytes())
        .unwrap();
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    (got, records.into_report())
}

fn strict_error(reader: &SdmxReader, text: &str) -> Error {
    reader
        .clone()
        .mode(Mode::Strict)
        .records(text.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .expect("an error")
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

fn missing_column(e: &Error) -> (&str, &str) {
    match e {
        Error::MissingColumn { column, detail, .. } => (column.as_str(), detail.as_str()),
        other => panic!("not a MissingColumn: {other:?}"),
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

fn record(
    reporter: Area,
    partner: Area,
    period: &str,
    flow: Flow,
    value: Money,
    valuation: Valuation,
    flags: Flags,
) -> TradeRecord {
    TradeRecord::new(reporter, partner, p(period), flow, value)
        .with_valuation(valuation)
        .with_flags(flags)
}

#[test]
fn sdmx_csv_2_0_semicolons_with_a_sub_field_separator_and_decimal_commas() {
    // STRUCTURE[|];STRUCTURE_ID;ACTION: `;` between fields, `|` inside them. Goods (MEASURE G)
    // only with the OECD BOP preset:
    // line 2, M: credit 120,812 millions of pounds = 120 812 000 GBP, exports, provisional (P);
    // line 3, I (deprecated, as M): debit 130,5 millions = 130 500 000 GBP, imports, estimated;
    // line 4 NaN and line 5 #N/A: missing, skipped (never zero); line 6 D: skipped;
    // line 7: services (S), skipped by the preset's selection.
    let (got, report) = both(&SdmxReader::oecd_bop(), &file("sdmx_v2_semicolon.csv"));
    let gbr = c(Country::GBR);
    assert_eq!(
        got,
        vec![
            record(
                gbr,
                Area::World,
                "2020-Q3",
                Flow::Export,
                money("120812000", Currency::GBP),
                Valuation::Fob,
                Flags::PROVISIONAL
            ),
            record(
                gbr,
                Area::World,
                "2020-Q3",
                Flow::Import,
                money("130500000", Currency::GBP),
                Valuation::Fob,
                Flags::ESTIMATED
            ),
        ]
    );
    assert_eq!(counts(&report), (6, 2, 0, 4));
    // The same with the separator given rather than sniffed.
    let (given, _) = both(
        &SdmxReader::oecd_bop().delimiter(Delimiter::Semicolon),
        &file("sdmx_v2_semicolon.csv"),
    );
    assert_eq!(given, got);
}

#[test]
fn a_header_split_at_another_separator_says_which_one_the_file_uses() {
    // The character after STRUCTURE[|] is `;`: read as comma-separated, the header is one cell.
    let e = SdmxReader::oecd_bop()
        .delimiter(Delimiter::Comma)
        .records(file("sdmx_v2_semicolon.csv").as_bytes())
        .unwrap_err();
    let (column, detail) = missing_column(&e);
    assert_eq!(column, "STRUCTURE_ID");
    assert!(detail.contains("separated by ';'"), "{detail}");
    assert!(detail.contains("SdmxReader::delimiter"), "{detail}");
    // And a 1.0 file with `;`.
    let e = SdmxReader::imf_imts()
        .delimiter(Delimiter::Comma)
        .records("DATAFLOW;COUNTRY;TIME_PERIOD\n".as_bytes())
        .unwrap_err();
    assert!(missing_column(&e).1.contains("separated by ';'"), "{e}");
}

#[test]
fn a_decimal_comma_is_read_only_where_commas_do_not_separate_fields() {
    // Comma-separated: a quoted "2541,5" may be a thousands separator: a bad value, in both
    // modes. Tab-separated: 2541,5 millions = 2 541 500 000.
    let comma = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n\
                 IMF,KAZ,TUR,XG_FOB_USD,2022,\"2541,5\",6\n";
    let e = strict_error(&SdmxReader::imf_imts(), comma);
    assert_eq!(bad_row(&e).0, 2);
    assert_eq!(bad_row(&e).1, "OBS_VALUE");
    assert_eq!(bad_row(&e).2, "2541,5");
    let (got, report) = lenient(&SdmxReader::imf_imts(), comma);
    assert!(got.is_empty());
    assert_eq!(counts(&report), (1, 0, 1, 0));
    let tab = comma.replace(',', "\t").replace("\"2541\t5\"", "2541,5");
    let (got, _) = both(&SdmxReader::imf_imts(), &tab);
    assert_eq!(got[0].value(), money("2541500000", Currency::USD));
}

#[test]
fn labels_in_the_header_are_matched_by_their_code_and_action_is_optional() {
    // labels=both, no ACTION column (absent means merge):
    // KAZ->TUR exports 2541.5 millions = 2 541 500 000 USD;
    // KAZ<-TUR imports CIF 1250.25 millions = 1 250 250 000 USD, estimated ("E: Estimated value").
    let (got, report) = both(&SdmxReader::imf_imts(), &file("sdmx_v2_labels_both.csv"));
    let (kaz, tur) = (c(Country::KAZ), c(Country::TUR));
    assert_eq!(
        got,
        vec![
            record(
                kaz,
                tur,
                "2022",
                Flow::Export,
                money("2541500000", Currency::USD),
                Valuation::Fob,
                Flags::NONE
            ),
            record(
                kaz,
                tur,
                "2022",
                Flow::Import,
                money("1250250000", Currency::USD),
                Valuation::Cif,
                Flags::ESTIMATED
            ),
        ]
    );
    assert_eq!(counts(&report), (2, 2, 0, 0));
}

#[test]
fn labels_name_columns_are_passed_over() {
    // STRUCTURE_NAME, then each component's column followed by its names ("Country": Kazakhstan,
    // Uzbekistan): two reporters, which a name column read as a dimension would refuse.
    // KAZ->TUR 2541.5 millions = 2 541 500 000; UZB->TUR 1000 millions = 1 000 000 000.
    let (got, report) = both(&SdmxReader::imf_imts(), &file("sdmx_v2_labels_name.csv"));
    let tur = c(Country::TUR);
    let values: Vec<(Area, Area, Money)> = got
        .iter()
        .map(|r| (r.reporter(), r.partner(), r.value()))
        .collect();
    assert_eq!(
        values,
        vec![
            (c(Country::KAZ), tur, money("2541500000", Currency::USD)),
            (c(Country::UZB), tur, money("1000000000", Currency::USD)),
        ]
    );
    assert_eq!(counts(&report), (2, 2, 0, 0));
}

#[test]
fn every_action_code_is_read_or_skipped_and_an_unknown_one_is_a_bad_row() {
    // (action, read?) for M, I, A, R (read), D (skipped), empty (read), X (bad row).
    let head = "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n";
    for (action, accepted, skipped, rejected) in [
        ("M", 1, 0, 0),
        ("I", 1, 0, 0),
        ("A", 1, 0, 0),
        ("R", 1, 0, 0),
        ("", 1, 0, 0),
        ("D", 0, 1, 0),
        ("X", 0, 0, 1),
    ] {
        let text = format!("{head}dataflow,IMF,{action},KAZ,TUR,XG_FOB_USD,2022,1,3\n");
        let (got, report) = lenient(&SdmxReader::imf_imts(), &text);
        assert_eq!(
            counts(&report),
            (1, accepted, rejected, skipped),
            "action {action:?}"
        );
        if accepted == 1 {
            // 1 thousand = 1000 USD.
            assert_eq!(got[0].value(), money("1000", Currency::USD));
        }
    }
    let e = strict_error(
        &SdmxReader::imf_imts(),
        &format!("{head}dataflow,IMF,X,KAZ,TUR,XG_FOB_USD,2022,1,3\n"),
    );
    assert_eq!(bad_row(&e).1, "ACTION");
}

#[test]
fn missing_observations_are_skipped_and_counted_never_zero() {
    let head = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE\n";
    for missing in ["", "NaN", "#N/A", "NA", "nan"] {
        let text = format!("{head}IMF,KAZ,TUR,XG_FOB_USD,2022,{missing},6\n");
        let (got, report) = both(&SdmxReader::imf_imts(), &text);
        assert!(got.is_empty(), "{missing:?}");
        assert_eq!(counts(&report), (1, 0, 0, 1), "{missing:?}");
    }
}

#[test]
fn an_empty_multiplier_takes_the_declared_scale_or_is_refused_naming_the_column() {
    let text = file("oecd_bop_empty_mult.csv");
    // Without a declared scale: line 2's empty UNIT_MULT is a bad row naming the column.
    let e = strict_error(&SdmxReader::oecd_bop(), &text);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!((line, column, value), (2, "UNIT_MULT", ""));
    assert!(reason.contains("SdmxReader::unit"), "{reason}");
    // Lenient: line 2 rejected; line 3 read (140.5 millions with UNIT_MULT 6 = 140 500 000 GBP
    // imports); line 4 is services, skipped.
    let (got, report) = lenient(&SdmxReader::oecd_bop(), &text);
    assert_eq!(counts(&report), (3, 1, 1, 1));
    assert_eq!(got[0].value(), money("140500000", Currency::GBP));
    // Declared millions: line 2 is 120.812 millions = 120 812 000 GBP exports; line 3 keeps its
    // own multiplier (6), whatever is declared: declaring thousands changes only line 2
    // (120.812 thousands = 120 812).
    let (got, report) = both(&SdmxReader::oecd_bop().unit(Scale::Million), &text);
    assert_eq!(counts(&report), (3, 2, 0, 1));
    assert_eq!(
        got.iter().map(TradeRecord::value).collect::<Vec<_>>(),
        vec![
            money("120812000", Currency::GBP),
            money("140500000", Currency::GBP)
        ]
    );
    assert_eq!(got[0].flow(), Flow::Export);
    assert_eq!(got[1].flow(), Flow::Import);
    let (got, _) = both(&SdmxReader::oecd_bop().unit(Scale::Thousand), &text);
    assert_eq!(got[0].value(), money("120812", Currency::GBP));
    assert_eq!(got[1].value(), money("140500000", Currency::GBP));
}

#[test]
fn a_file_without_a_multiplier_column_needs_a_declared_scale() {
    let text = "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE\n\
                IMF,KAZ,TUR,XG_FOB_USD,2022,2541.5\n";
    let e = SdmxReader::imf_imts().records(text.as_bytes()).unwrap_err();
    let (column, detail) = missing_column(&e);
    assert_eq!(column, "UNIT_MULT or SCALE");
    assert!(detail.contains("SdmxReader::unit"), "{detail}");
    // Declared millions: 2541.5 millions = 2 541 500 000.
    let (got, _) = both(&SdmxReader::imf_imts().unit(Scale::Million), text);
    assert_eq!(got[0].value(), money("2541500000", Currency::USD));
}

#[test]
fn observation_status_letters_are_kept_as_flags() {
    // (status, flags) for OBS_STATUS and Eurostat's OBS_FLAG (several letters at once).
    for column in ["OBS_STATUS", "OBS_FLAG"] {
        for (status, flags) in [
            ("A", Flags::NONE),
            ("", Flags::NONE),
            ("E", Flags::ESTIMATED),
            ("e", Flags::ESTIMATED),
            ("P", Flags::PROVISIONAL),
            ("p", Flags::PROVISIONAL),
            ("c", Flags::CONFIDENTIAL),
            ("B", Flags::BREAK),
            ("ep", Flags::ESTIMATED | Flags::PROVISIONAL),
            ("E: Estimated value", Flags::ESTIMATED),
        ] {
            let text = format!(
                "DATAFLOW,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE,{column}\n\
                 IMF,KAZ,TUR,XG_FOB_USD,2022,1,0,{status}\n"
            );
            let (got, _) = both(&SdmxReader::imf_imts(), &text);
            assert_eq!(got[0].flags(), flags, "{column} {status:?}");
        }
    }
}

#[test]
fn eurostat_comext_reads_euros_with_its_own_codes_and_skips_aggregates() {
    // Line 2: DE<-CN imports CIF 157 125 431 876 EUR; line 3: DE->CN exports FOB
    // 97 257 632 011 EUR, provisional (p); line 4: GR->UK (Greece, United Kingdom) exports
    // 1 250 000 000 EUR, estimated (e); line 5: EL (Greece) <- WORLD imports 80 000 000 000 EUR.
    // Skipped: lines 6-7 (partner EU27_2020_EXTRA, EU27_2020_INTRA: no area of the crate),
    // line 8 (product 8703: the preset reads TOTAL), line 9 (no value, confidential).
    let (got, report) = both(&SdmxReader::eurostat_comext(), &file("comext_ds045409.csv"));
    let (de, cn, gr, uk) = (
        c(Country::DEU),
        c(Country::CHN),
        c(Country::GRC),
        c(Country::GBR),
    );
    let eur = |s| money(s, Currency::EUR);
    assert_eq!(
        got,
        vec![
            record(
                de,
                cn,
                "2023",
                Flow::Import,
                eur("157125431876"),
                Valuation::Cif,
                Flags::NONE
            ),
            record(
                de,
                cn,
                "2023",
                Flow::Export,
                eur("97257632011"),
                Valuation::Fob,
                Flags::PROVISIONAL
            ),
            record(
                gr,
                uk,
                "2023",
                Flow::Export,
                eur("1250000000"),
                Valuation::Fob,
                Flags::ESTIMATED
            ),
            record(
                gr,
                Area::World,
                "2023",
                Flow::Import,
                eur("80000000000"),
                Valuation::Cif,
                Flags::NONE
            ),
        ]
    );
    assert_eq!(counts(&report), (8, 4, 0, 4));
}

#[test]
fn eurostat_comext_refuses_a_quantity_as_money() {
    let text = file("comext_quantity.csv");
    let e = strict_error(&SdmxReader::eurostat_comext(), &text);
    let (line, column, value, reason) = bad_row(&e);
    assert_eq!(
        (line, column, value),
        (2, "indicators", "QUANTITY_IN_100KG")
    );
    assert!(reason.contains("a quantity"), "{reason}");
    // Lenient: the quantity row rejected, the value row read (157 125 431 876 EUR).
    let (got, report) = lenient(&SdmxReader::eurostat_comext(), &text);
    assert_eq!(counts(&report), (2, 1, 1, 0));
    assert_eq!(got[0].value(), money("157125431876", Currency::EUR));
    // Selecting the value indicator skips the quantity row instead.
    let reader = SdmxReader::eurostat_comext().select("indicators", "VALUE_IN_EUROS");
    let (got, report) = both(&reader, &text);
    assert_eq!(counts(&report), (2, 1, 0, 1));
    assert_eq!(got[0].value(), money("157125431876", Currency::EUR));
}

#[test]
fn oecd_itcs_reads_trade_flows() {
    // X exports FOB, M imports CIF; 2.5 millions of US dollars = 2 500 000 USD.
    let text = "DATAFLOW,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,PRODUCT,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n\
                OECD.SDD.TPS:DSD_ITCS@DF_ITCS(1.0),FRA,DEU,X,_T,A,2022,2.5,USD,6\n\
                OECD.SDD.TPS:DSD_ITCS@DF_ITCS(1.0),FRA,DEU,M,_T,A,2022,3,USD,6\n";
    let (got, _) = both(&SdmxReader::oecd_itcs(), text);
    assert_eq!(
        got.iter()
            .map(|r| (r.flow(), r.valuation(), r.value()))
            .collect::<Vec<_>>(),
        vec![
            (
                Flow::Export,
                Valuation::Fob,
                money("2500000", Currency::USD)
            ),
            (
                Flow::Import,
                Valuation::Cif,
                money("3000000", Currency::USD)
            ),
        ]
    );
}

#[test]
fn a_file_of_another_shape_is_refused_with_what_it_looks_like() {
    for (text, says) in [
        (
            "typeCode,freqCode,refPeriodId,refYear,period,reporterCode\n",
            "UN Comtrade",
        ),
        (
            "Classification,Year,Period,Reporter ISO,Trade Value (US$)\n",
            "legacy UN Comtrade",
        ),
        ("t,i,j,k,v,q\n", "BACI"),
        (
            "COUNTRY,TIME_PERIOD,OBS_VALUE\n",
            "without its DATAFLOW/STRUCTURE column",
        ),
        ("year,value\n", "its first column is \"year\""),
    ] {
        let e = SdmxReader::imf_imts().records(text.as_bytes()).unwrap_err();
        let (column, detail) = missing_column(&e);
        assert_eq!(column, "DATAFLOW");
        assert!(detail.contains(says), "{text}: {detail}");
    }
}

#[test]
fn series_and_observation_keys_and_a_sub_field_bracket_with_commas_are_read() {
    // STRUCTURE[;] with commas between fields; SERIES_KEY and OBS_KEY hold a different key on
    // each row and are not dimensions; CONF_STATUS C marks the figure confidential.
    // 7 thousands = 7000 USD; 8 thousands = 8000 USD.
    let text = "STRUCTURE[;],STRUCTURE_ID,ACTION,SERIES_KEY,OBS_KEY,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,TIME_PERIOD,OBS_VALUE,SCALE,CONF_STATUS,ATTR2[en;fr]\n\
                dataflow,IMF.STA:IMTS(1.0.0),I,KAZ.TUR.XG_FOB_USD,KAZ.TUR.XG_FOB_USD.2022,KAZ,TUR,XG_FOB_USD,2022,7,3,C,en:Value;fr:Valeur\n\
                dataflow,IMF.STA:IMTS(1.0.0),I,KAZ.TUR.MG_CIF_USD,KAZ.TUR.MG_CIF_USD.2022,KAZ,TUR,MG_CIF_USD,2022,8,3,F,\n";
    let (got, report) = both(&SdmxReader::imf_imts(), text);
    assert_eq!(counts(&report), (2, 2, 0, 0));
    assert_eq!(
        got.iter()
            .map(|r| (r.flow(), r.value(), r.flags()))
            .collect::<Vec<_>>(),
        vec![
            (
                Flow::Export,
                money("7000", Currency::USD),
                Flags::CONFIDENTIAL
            ),
            (Flow::Import, money("8000", Currency::USD), Flags::NONE),
        ]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same figures written comma-separated with decimal points, and `;`-, tab- or
        /// `|`-separated with decimal commas, read to the same records, exactly: the integer
        /// part and fraction digits times 10^mult.
        #[test]
        fn decimal_commas_read_as_decimal_points(
            int in "[1-9][0-9]{0,9}",
            frac in "[0-9]{1,6}",
            mult in prop::sample::select(vec![0u32, 3, 6, 9]),
            separator in prop::sample::select(vec![';', '\t', '|']),
        ) {
            let head = ["DATAFLOW", "COUNTRY", "COUNTERPART_COUNTRY", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "SCALE"];
            let row = |sep: char, value: &str| {
                format!("{}\nIMF{sep}KAZ{sep}TUR{sep}XG_FOB_USD{sep}2022{sep}{value}{sep}{mult}\n", head.join(&sep.to_string()))
            };
            let points = row(',', &format!("{int}.{frac}"));
            let commas = row(separator, &format!("{int},{frac}"));
            let (a, _) = both(&SdmxReader::imf_imts(), &points);
            let (b, _) = both(&SdmxReader::imf_imts(), &commas);
            prop_assert_eq!(&a, &b);
            let mut expected = Decimal::from_str_exact(&format!("{int}.{frac}")).unwrap();
            for _ in 0..mult {
                expected *= Decimal::TEN;
            }
            prop_assert_eq!(a[0].value().amount(), expected);
        }
    }
}
