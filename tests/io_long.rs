//! The generic long-CSV reader (`tradestat::io::long`) on the published Kazakhstan-Türkiye
//! figures (tests/data/kaz_tur_published.csv, a copy of ../shared/data/kaz_tur_published.csv
//! with its origin line, which the reader passes over as a note): the series, records and
//! data-set paths, strict and lenient. Every expected value below is read off the file by eye
//! (line numbers count the origin line as line 1 and the header as line 2).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::io::dyadic::CodeSystem;
use tradestat::io::long::{Filter, LongReader};
use tradestat::io::Mode;
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Error, Flow, Measure, Money, Period, Reporting,
    Scale, TradeData, TradeRecord, Valuation,
};

const PUBLISHED: &str = include_str!("data/kaz_tur_published.csv");

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

/// The file's columns: year, value in US dollars (units), origin line as a note.
fn published() -> LongReader {
    LongReader::new("value_usd")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Units)
        .notes("#")
}

fn kazakh_turnover() -> LongReader {
    published()
        .filter(Filter::equals("metric", "turnover"))
        .filter(Filter::starts_with("data_side", "KZ"))
}

fn bad_row(err: &Error) -> (u64, &str, &str, &str) {
    match err {
        Error::BadRow {
            line,
            column,
            value,
            reason,
        } => (*line, column.as_str(), value.as_str(), reason.as_str()),
        other => panic!("not a bad row: {other}"),
    }
}

#[test]
fn kazakh_side_turnover_2010_2025_is_a_series_with_gaps() {
    let (series, report) = kazakh_turnover().series(PUBLISHED.as_bytes()).unwrap();
    // From the file, metric "turnover" and data_side "KZ...": 2010 line 6 "KZ (official)",
    // 2011 line 9, 2012 line 11, 2013 line 14, 2015 line 15 (Nazarbayev), 2017 line 18 (lines
    // 16-17 are TR), 2018 line 19, 2020 line 23 (line 24 is "turnover_expected"), 2021 lines
    // 27-29 (4.1 bn three times; line 30 is TR, 5.3 bn), 2022 lines 33-35 (6.3 bn three times),
    // 2023 lines 41-42 (6 bn twice), 2025 line 46. 2014 and 2016 have no row, 2019 only a TR
    // one (line 20), 2024 only Turkish exports (line 43). 2005 (line 3) has data_side "?".
    let expected = [
        ("2010", "1851000000"),
        ("2011", "3303000000"),
        ("2012", "4015000000"),
        ("2013", "3496000000"),
        ("2015", "2000000000"),
        ("2017", "2000000000"),
        ("2018", "1900000000"),
        ("2020", "3100000000"),
        ("2021", "4100000000"),
        ("2022", "6300000000"),
        ("2023", "6000000000"),
        ("2025", "5400000000"),
    ];
    let got: Vec<(Period, Money)> = series.iter().collect();
    let want: Vec<(Period, Money)> = expected.iter().map(|&(y, v)| (p(y), usd(v))).collect();
    assert_eq!(got, want);
    assert_eq!(series.currency(), Currency::USD);
    let gaps: Vec<Period> = (2010..=2025)
        .map(|y| p(&y.to_string()))
        .filter(|y| series.get(*y).is_none())
        .collect();
    assert_eq!(gaps, [p("2014"), p("2016"), p("2019"), p("2024")]);
    // 45 data rows (lines 3 to 47): 17 kept (12 years, 2021 and 2022 three times, 2023
    // twice), 28 left out by the filters; the target row (year "target") is never read.
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (45, 17, 0, 28)
    );
    // The 33% of the statement is the Kazakh 2021 figure over 2020: 4.1 / 3.1 - 1.
    let rates: Vec<(Period, String)> = series
        .growth_rates()
        .unwrap()
        .into_iter()
        .map(|(p, r)| (p, format!("{r:.1}")))
        .collect();
    assert!(
        rates.contains(&(p("2021"), "32.3%".to_owned())),
        "{rates:?}"
    );
}

#[test]
fn unequal_figures_of_one_year_are_an_error_naming_both_lines() {
    // Without the side filter: 2017 has 2 bn three times (lines 16-18, equal, collapsed), then
    // 2021 has the Kazakh 4.1 bn on line 27 and the Turkish 5.3 bn on line 30.
    let err = published()
        .filter(Filter::equals("metric", "turnover"))
        .series(PUBLISHED.as_bytes())
        .unwrap_err();
    let (line, column, value, reason) = bad_row(&err);
    assert_eq!((line, column, value), (30, "value_usd", "5300000000"));
    assert!(reason.contains("line 27"), "{reason}");
    assert!(reason.contains("line 30"), "{reason}");
    assert!(reason.contains("4100000000 USD"), "{reason}");
    // Lenient reading does not pick one either.
    let err = published()
        .filter(Filter::equals("metric", "turnover"))
        .mode(Mode::Lenient)
        .series(PUBLISHED.as_bytes())
        .unwrap_err();
    assert_eq!(bad_row(&err).0, 30);
    // Only the Turkish side: 2017 (lines 16-17), 2019 (line 20), 2021 (line 30).
    let (turkish, _) = published()
        .filter(Filter::equals("metric", "turnover"))
        .filter(Filter::starts_with("data_side", "TR"))
        .series(PUBLISHED.as_bytes())
        .unwrap();
    let got: Vec<(Period, Money)> = turkish.iter().collect();
    assert_eq!(
        got,
        [
            (p("2017"), usd("2000000000")),
            (p("2019"), usd("3900000000")),
            (p("2021"), usd("5300000000")),
        ]
    );
}

#[test]
fn equal_figures_collapse_whatever_their_scale() {
    let csv = "year,value\n2021,4100000000\n2021,4100000000.00\n2022,6.3\n";
    let (series, report) = LongReader::new("value")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Billion)
        .series(csv.as_bytes())
        .unwrap();
    // Units are declared: 6.3 billion is 6,300,000,000 dollars.
    let got: Vec<(Period, Money)> = series.iter().collect();
    assert_eq!(
        got,
        [
            (p("2021"), usd("4100000000000000000")),
            (p("2022"), usd("6300000000"))
        ]
    );
    assert_eq!(report.accepted(), 3);
}

fn kazakh_flows() -> LongReader {
    published()
        .reporter(Country::KAZ)
        .partner(Country::TUR)
        .flow_column("metric")
        .flow_value("kz_exports_to_tr", Flow::Export)
        .flow_value("kz_imports_from_tr", Flow::Import)
        .filter(Filter::one_of(
            "metric",
            ["kz_exports_to_tr", "kz_imports_from_tr"],
        ))
}

#[test]
fn kazakh_exports_and_imports_are_records() {
    let records: Vec<TradeRecord> = kazakh_flows()
        .records(PUBLISHED.as_bytes())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // 10 export rows (2010-2013, 2020-2022, 2023 twice, 2025) and 8 import rows (no 2012).
    assert_eq!(records.len(), 18);
    let exports = records.iter().filter(|r| r.flow() == Flow::Export).count();
    assert_eq!(exports, 10);
    let first = &records[0];
    assert_eq!(first.reporter(), Area::Country(Country::KAZ));
    assert_eq!(first.partner(), Area::Country(Country::TUR));
    assert_eq!(first.period(), p("2010"));
    assert_eq!(first.value(), usd("1235000000"));
    assert_eq!(first.valuation(), Valuation::Fob);
    assert_eq!(first.reporting(), Reporting::Reporter);
    assert_eq!(first.commodity(), Commodity::TOTAL);
    // Line 5: imports 616 million, CIF by default for an import.
    assert_eq!(records[1].flow(), Flow::Import);
    assert_eq!(records[1].value(), usd("616000000"));
    assert_eq!(records[1].valuation(), Valuation::Cif);
}

#[test]
fn a_data_set_collapses_equal_records_and_names_both_lines_of_unequal_ones() {
    // 2023 exports: 4 bn on line 38, 3.9 bn on line 39 (two sources).
    let err = kazakh_flows()
        .trade_data(PUBLISHED.as_bytes(), TradeData::builder())
        .unwrap_err();
    let (line, _, value, reason) = bad_row(&err);
    assert_eq!((line, value), (39, "3900000000"));
    assert!(
        reason.contains("line 38") && reason.contains("line 39"),
        "{reason}"
    );
    // 2020-2022 only: the data set's turnover is the sum of the two flows, and for 2021 and
    // 2022 it is the published turnover (3 + 1.1 = 4.1 bn; 4.7 + 1.6 = 6.3 bn).
    let (data, report) = kazakh_flows()
        .filter(Filter::one_of("year", ["2020", "2021", "2022"]))
        .trade_data(PUBLISHED.as_bytes(), TradeData::builder())
        .unwrap();
    assert_eq!(report.accepted(), 6);
    let turnover = |year: &str| {
        data.value(
            Country::KAZ,
            Country::TUR,
            Measure::Turnover,
            Commodity::TOTAL,
            p(year),
        )
        .unwrap()
        .unwrap()
    };
    assert_eq!(turnover("2020"), usd("3039600000"));
    assert_eq!(turnover("2021"), usd("4100000000"));
    assert_eq!(turnover("2022"), usd("6300000000"));
    // An equal duplicate collapses: the same row twice.
    let csv = "year,value\n2021,5\n2021,5.0\n";
    let (data, _) = LongReader::new("value")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Units)
        .reporter(Country::KAZ)
        .partner(Country::TUR)
        .flow(Flow::Export)
        .trade_data(csv.as_bytes(), TradeData::builder())
        .unwrap();
    assert_eq!(data.iter().count(), 1);
}

#[test]
fn turnover_rows_are_not_records_strict_and_lenient() {
    let reader = kazakh_turnover()
        .reporter(Country::KAZ)
        .partner(Country::TUR)
        .flow_column("metric");
    let err = reader
        .records(PUBLISHED.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    let (line, column, value, reason) = bad_row(&err);
    assert_eq!((line, column, value), (6, "metric", "turnover"));
    assert!(reason.contains("LongReader::series"), "{reason}");
    // Lenient: the 17 Kazakh turnover rows are rejected, counted, with their keys.
    let mut records = reader
        .mode(Mode::Lenient)
        .records(PUBLISHED.as_bytes())
        .unwrap();
    assert_eq!(records.by_ref().count(), 0);
    let report = records.into_report();
    assert_eq!((report.rejected(), report.skipped()), (17, 28));
    let key = report.rejected_keys()[0];
    assert_eq!(key.line, 6);
    assert_eq!(key.reporter, Some(Area::Country(Country::KAZ)));
    assert_eq!(key.period, Some(p("2010")));
    assert_eq!(key.flow, None);
}

#[test]
fn bad_rows_name_line_column_and_value_and_lenient_keeps_the_rest() {
    let csv = "# origin: hand-made\n\
               reporter,partner,year,flow,value,currency,unit\n\
               KAZ,TUR,2021.0,X,3,USD,billion\n\
               KAZ,TUR,2021.5,M,1.1,USD,billion\n\
               KAZ,TUR,2022,M,1e9,USD,units\n\
               KAZ,XXX,2022,X,4.7,USD,billion\n\
               KAZ,TUR,2022,M,1.6,US dollars,bn\n\
               KAZ,TUR,2023,X,4,USD,\n";
    let reader = LongReader::new("value")
        .reporter_column("reporter")
        .partner_column("partner")
        .codes(CodeSystem::Alpha3)
        .period_column("year")
        .flow_column("flow")
        .currency_column("currency")
        .unit_column("unit")
        .notes("#");
    let err = reader
        .records(csv.as_bytes())
        .unwrap()
        .find_map(Result::err)
        .unwrap();
    let (line, column, value, reason) = bad_row(&err);
    assert_eq!((line, column, value), (4, "year", "2021.5"));
    assert!(reason.contains("not a whole number"), "{reason}");
    let mut records = reader.mode(Mode::Lenient).records(csv.as_bytes()).unwrap();
    let read: Vec<TradeRecord> = records.by_ref().collect::<Result<_, _>>().unwrap();
    // Line 3 (2021.0 is 2021; 3 billion) and line 7 (1.6 bn in "US dollars").
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].period(), p("2021"));
    assert_eq!(read[0].value(), usd("3000000000"));
    assert_eq!(read[1].value(), usd("1600000000"));
    let report = records.into_report();
    let found: Vec<(u64, &str, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (4, "year", "2021.5"),
            (5, "value", "1e9"),
            (6, "partner", "XXX"),
            (8, "unit", ""),
        ]
    );
    // What the rejected rows still say: line 6's partner is unreadable, the rest is known.
    let key = report.rejected_keys()[2];
    assert_eq!(
        (key.line, key.reporter, key.partner, key.flow),
        (
            6,
            Some(Area::Country(Country::KAZ)),
            None,
            Some(Flow::Export)
        )
    );
}

#[test]
fn a_unit_and_a_currency_are_declared_or_read_never_assumed() {
    let csv = "year,value\n2021,4.1\n";
    for (reader, missing) in [
        (
            LongReader::new("value")
                .period_column("year")
                .currency(Currency::USD),
            "(unit)",
        ),
        (
            LongReader::new("value")
                .period_column("year")
                .unit(Scale::Billion),
            "(currency)",
        ),
        (
            LongReader::new("value")
                .currency(Currency::USD)
                .unit(Scale::Billion),
            "(period)",
        ),
    ] {
        match reader.series(csv.as_bytes()).unwrap_err() {
            Error::MissingColumn { column, detail, .. } => {
                assert_eq!(column, missing);
                assert!(detail.contains("LongReader::"), "{detail}");
            }
            other => panic!("{other}"),
        }
    }
    // Records also need who reports, to whom, and which flow.
    let reader = LongReader::new("value")
        .period_column("year")
        .currency(Currency::USD)
        .unit(Scale::Billion)
        .reporter(Country::KAZ)
        .partner(Country::TUR);
    match reader.records(csv.as_bytes()).unwrap_err() {
        Error::MissingColumn { column, .. } => assert_eq!(column, "(flow)"),
        other => panic!("{other}"),
    }
    // A filter on a column the file lacks is an error, not a filter that keeps nothing.
    match kazakh_turnover()
        .filter(Filter::equals("side", "KZ"))
        .series(PUBLISHED.as_bytes())
        .unwrap_err()
    {
        Error::MissingColumn { column, .. } => assert_eq!(column, "side"),
        other => panic!("{other}"),
    }
}

#[test]
fn a_series_is_one_figure() {
    let csv = "year,flow,value\n2021,X,3\n2022,M,1.6\n";
    let err = LongReader::new("value")
        .period_column("year")
        .flow_column("flow")
        .currency(Currency::USD)
        .unit(Scale::Billion)
        .series(csv.as_bytes())
        .unwrap_err();
    let (line, column, _, reason) = bad_row(&err);
    assert_eq!((line, column), (3, "(flow)"));
    assert!(reason.contains("line 2"), "{reason}");
}
