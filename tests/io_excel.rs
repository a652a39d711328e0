//! Excel sheets (feature `excel`) read through the CSV readers' row parsers: the fixtures are
//! written by tools/gen_xlsx.py (origin in tests/data/excel.md): a Comtrade sheet of the API
//! sample's rows as typed cells, read equal to the CSV; cells of every kind (dates, a
//! 16-significant-digit number, text in a column of numbers, an error cell), strict and
//! lenient; SDMX and BACI sheets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(feature = "excel")]

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;
use tradestat::io::excel::{SheetRecords, Workbook};
use tradestat::io::long::{Filter, LongReader};
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::{Mode, ReadReport};
use tradestat::{
    Country, Currency, Decimal, Error, Flow, Money, Period, Scale, TradeData, TradeRecord,
};

fn workbook(name: &str) -> Workbook {
    Workbook::open(format!("tests/data/{name}")).unwrap()
}

fn all(mut records: SheetRecords) -> (Vec<TradeRecord>, ReadReport) {
    let got: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    (got, records.into_report())
}

fn strict_error(mut records: SheetRecords) -> Error {
    records.find_map(Result::err).expect("an error")
}

fn counts(report: &ReadReport) -> (u64, u64, u64, u64) {
    let c = (
        report.read(),
        report.accepted(),
        report.rejected(),
        report.skipped(),
    );
    assert_eq!(c.0, c.1 + c.2 + c.3, "the report reconciles");
    c
}

fn money(s: &str, currency: Currency) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), currency)
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// The first `rows` data rows of the Comtrade API sample, as CSV.
fn sample_csv(rows: usize) -> String {
    include_str!("data/comtrade_sample.csv")
        .lines()
        .take(rows + 1)
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn a_comtrade_sheet_reads_as_the_same_rows_in_csv() {
    // The sheet "Data" holds rows 2-41 of the sample as a spreadsheet types them (numbers,
    // booleans, codes as text): read strict and lenient, the records and the reports are
    // those of the CSV text of the same rows.
    for mode in [Mode::Strict, Mode::Lenient] {
        let reader = ComtradeReader::new().mode(mode);
        let (sheet, sheet_report) = all(workbook("excel_comtrade.xlsx")
            .records(Some("Data"), &reader)
            .unwrap());
        let text = sample_csv(40);
        let mut csv = reader.records(text.as_bytes()).unwrap();
        let expected: Vec<TradeRecord> = csv.by_ref().map(Result::unwrap).collect();
        let csv_report = csv.into_report();
        assert_eq!(sheet, expected);
        assert_eq!(counts(&sheet_report), counts(&csv_report));
        assert!(!sheet.is_empty());
        // The sample's first row (USA exports to the world, 2016, all commodities) is 186656
        // dollars: read from the number cell 186656.
        assert_eq!(sheet[0].value(), money("186656", Currency::USD));
        assert_eq!(sheet[0].period(), p("2016"));
    }
}

#[test]
fn a_workbook_of_several_sheets_needs_the_sheet_named() {
    let mut book = workbook("excel_comtrade.xlsx");
    assert_eq!(book.sheet_names(), vec!["Notes", "Data"]);
    let e = book.records(None, &ComtradeReader::new()).unwrap_err();
    assert!(
        matches!(&e, Error::Io { message, .. }
        if message.contains("name a sheet") && message.contains("\"Notes\", \"Data\"")),
        "{e}"
    );
    let e = book
        .records(Some("Sheet1"), &ComtradeReader::new())
        .unwrap_err();
    assert!(e.to_string().contains("no sheet \"Sheet1\""), "{e}");
    // The notes sheet has no Comtrade header: the missing column names the sheet.
    let e = book
        .records(Some("Notes"), &ComtradeReader::new())
        .unwrap_err();
    assert!(
        matches!(&e, Error::MissingColumn { detail, .. } if detail.contains("sheet \"Notes\"")),
        "{e}"
    );
}

#[test]
fn cells_of_every_kind_strict_stops_at_the_first_bad_cell_naming_it() {
    // Row 4's period is the date 2016-03-15, no month's first day: the error names the sheet
    // and the cell (period is the 6th column, F).
    let e = strict_error(
        workbook("excel_cells.xlsx")
            .records(None, &ComtradeReader::new())
            .unwrap(),
    );
    match &e {
        Error::BadRow {
            line,
            column,
            value,
            reason,
        } => {
            assert_eq!(
                (*line, column.as_str(), value.as_str()),
                (4, "period", "2016-03-15")
            );
            assert!(reason.contains("sheet \"Comtrade\", cell F4"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn cells_of_every_kind_lenient_reads_dates_numbers_and_text_and_lists_the_rest() {
    let (got, report) = all(workbook("excel_cells.xlsx")
        .records(None, &ComtradeReader::new().mode(Mode::Lenient))
        .unwrap());
    // Six rows: 2, 3 and 6 read, 4, 5 and 7 rejected.
    assert_eq!(counts(&report), (6, 3, 3, 0));
    // Row 2: freqCode M, period the date 2016-03-01: March 2016; 1000.5 dollars.
    assert_eq!(got[0].period(), p("2016-03"));
    assert_eq!(got[0].value(), money("1000.5", Currency::USD));
    // Row 3: freqCode A, period the date 2016-01-01: the year 2016; 2000 dollars.
    assert_eq!(got[1].period(), p("2016"));
    assert_eq!(got[1].value(), money("2000", Currency::USD));
    // Row 6: the value as the text "326.762" (a mixed text/number column), the period the
    // float 2016.0 (read as 2016).
    assert_eq!(got[2].period(), p("2016"));
    assert_eq!(got[2].value(), money("326.762", Currency::USD));
    assert!(got.iter().all(|r| r.flow() == Flow::Export));
    let rejected: Vec<(u64, &str, &str)> = report
        .rejections()
        .iter()
        .map(|r| (r.line, r.column.as_str(), r.value.as_str()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (4, "period", "2016-03-15"),
            // 1234567890.123456 has 16 significant digits: refused, never rounded.
            (5, "primaryValue", "1234567890.123456"),
            (7, "primaryValue", "#DIV/0!"),
        ]
    );
    assert!(report.rejections()[1]
        .reason
        .contains("16 significant digits"));
    // The rejected rows' keys are kept: a data set built from the read knows them.
    let commodities: Vec<String> = report
        .rejected_keys()
        .iter()
        .map(|k| k.commodity.unwrap().to_string())
        .collect();
    assert_eq!(commodities.len(), 3);
    assert!(commodities[1].contains("05"), "{commodities:?}");
}

#[test]
fn a_sheet_builds_trade_data_with_its_rejected_rows() {
    let records = workbook("excel_cells.xlsx")
        .records(None, &ComtradeReader::new().mode(Mode::Lenient))
        .unwrap();
    let (data, report) = records.into_trade_data(TradeData::builder()).unwrap();
    assert_eq!(data.len(), 3);
    assert_eq!(report.rejected(), 3);
}

#[test]
fn an_sdmx_sheet_reads_date_cells_by_the_row_frequency() {
    let (got, report) = all(workbook("excel_formats.xlsx")
        .records(Some("SDMX"), &SdmxReader::oecd_bop())
        .unwrap());
    // Row 2: FREQ M, TIME_PERIOD 2020-03-01: March 2020; credit C = exports; 120.812 with
    // UNIT_MULT 6 = 120 812 000 GBP. Row 3: FREQ A, 2020-01-01: 2020; debit D = imports,
    // 130.5 millions = 130 500 000. Row 4: OBS_VALUE the error cell #N/A, SDMX's missing
    // value: skipped and counted.
    assert_eq!(counts(&report), (3, 2, 0, 1));
    assert_eq!(got[0].period(), p("2020-03"));
    assert_eq!(got[0].flow(), Flow::Export);
    assert_eq!(got[0].value(), money("120812000", Currency::GBP));
    assert_eq!(got[1].period(), p("2020"));
    assert_eq!(got[1].flow(), Flow::Import);
    assert_eq!(got[1].value(), money("130500000", Currency::GBP));
}

#[test]
fn a_baci_sheet_reads_as_its_csv() {
    // t as the float 2022.0 and the number 2022, k as text with its leading zero, v as numbers
    // and as text, q empty or NA: the records of the same table in CSV.
    let csv = "t,i,j,k,v,q\n2022,842,251,010121,1234.5,\n2022,842,699,010129,20.125,NA\n\
               2022,251,842,020110,0.001,3.25\n";
    let reader = DyadicReader::baci();
    let (got, report) = all(workbook("excel_formats.xlsx")
        .records(Some("BACI"), &reader)
        .unwrap());
    let expected: Vec<TradeRecord> = reader
        .records(csv.as_bytes())
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got, expected);
    assert_eq!(counts(&report), (3, 3, 0, 0));
    // Thousands of dollars: 1234.5 is 1 234 500, 20.125 is 20 125, 0.001 is 1.
    let values: Vec<Money> = got.iter().map(TradeRecord::value).collect();
    assert_eq!(
        values,
        vec![
            money("1234500", Currency::USD),
            money("20125", Currency::USD),
            money("1", Currency::USD)
        ]
    );
}

#[test]
fn a_missing_workbook_is_an_io_error_with_its_path() {
    let e = Workbook::open("tests/data/no_such_book.xlsx").unwrap_err();
    assert!(
        matches!(&e, Error::Io { message, .. } if message.contains("no_such_book.xlsx")),
        "{e}"
    );
}

#[test]
fn a_long_sheet_passes_over_its_notes_and_reads_month_dates() {
    let reader = LongReader::new("value_usd")
        .period_column("month")
        .reporter(Country::KAZ)
        .partner(Country::TUR)
        .flow(Flow::Export)
        .currency(Currency::USD)
        .unit(Scale::Units)
        .filter(Filter::equals("metric", "exports"))
        .notes("#")
        .mode(Mode::Lenient);
    let (got, report) = all(workbook("excel_formats.xlsx")
        .records(Some("Long"), &reader)
        .unwrap());
    // Rows 3-8 (row 1 the note, row 2 the header): February (1500.25) and March (the text
    // "1600") read, imports skipped by the filter, the date 2022-01-01 refused (a year or
    // January?), and January written as text read.
    assert_eq!(counts(&report), (5, 3, 1, 1));
    let read: Vec<(Period, Money)> = got.iter().map(|r| (r.period(), r.value())).collect();
    assert_eq!(
        read,
        vec![
            (p("2022-02"), money("1500.25", Currency::USD)),
            (p("2022-03"), money("1600", Currency::USD)),
            (p("2022-01"), money("1400", Currency::USD)),
        ]
    );
    let rejection = &report.rejections()[0];
    assert_eq!((rejection.line, rejection.column.as_str()), (6, "month"));
    assert!(
        rejection.reason.contains("write the period as text"),
        "{}",
        rejection.reason
    );
}
