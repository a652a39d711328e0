//! Trade data as Arrow record batches and Parquet files: the documented schema, exact round trips
//! (trailing zeros, every area, every flow, HS and SITC, months and quarters, domestic records).

use std::str::FromStr;

use arrow::array::{Array, Decimal128Array, StringArray, UInt16Array, UInt8Array};
use arrow::datatypes::DataType;
use proptest::prelude::*;
use rust_decimal::Decimal;
use tradestat::{
    Area, Commodity, Country, Currency, Domestic, Flags, Flow, Money, Period, Perspective,
    Reporting, TradeData, TradeRecord, Valuation,
};
use tradestat_datafusion::batch::{
    from_record_batches, records_from_batch, records_to_batch, to_record_batch, trade_schema,
    TradeBatchBuilder,
};
use tradestat_datafusion::parquet_files::{read_batches, read_trade_data, write_trade_data};

fn usd(text: &str) -> Money {
    Money::new(Decimal::from_str(text).unwrap(), Currency::USD)
}

fn sample() -> Vec<TradeRecord> {
    let y2022 = Period::year(2022).unwrap();
    vec![
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            y2022,
            Flow::Export,
            usd("3000000000.50"),
        ),
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            y2022,
            Flow::Import,
            usd("1100000000"),
        ),
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            y2022,
            Flow::Export,
            usd("0.001"),
        )
        .with_commodity(Commodity::hs("2709").unwrap()),
        TradeRecord::new(
            Country::USA,
            Area::World,
            Period::month(2021, 7).unwrap(),
            Flow::ReExport,
            usd("12.340"),
        )
        .with_valuation(Valuation::Cif),
        TradeRecord::new(
            Area::OtherAsiaNes,
            Area::Ussr,
            Period::quarter(1990, 3).unwrap(),
            Flow::Import,
            usd("7"),
        )
        .with_commodity(Commodity::sitc("0011").unwrap()),
        TradeRecord::new(Country::MCO, Country::FRA, y2022, Flow::Export, usd("-5.5")),
    ]
}

#[test]
fn schema_is_as_documented() {
    let schema = trade_schema(3);
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(
        names,
        [
            "reporter",
            "reporter_code",
            "partner",
            "partner_code",
            "period",
            "year",
            "frequency",
            "flow",
            "classification",
            "commodity",
            "commodity_level",
            "value",
            "value_scale",
            "currency",
            "valuation",
            "flags",
            "reporting"
        ]
    );
    assert_eq!(
        schema.field_with_name("value").unwrap().data_type(),
        &DataType::Decimal128(38, 3)
    );
    assert!(schema
        .field_with_name("classification")
        .unwrap()
        .is_nullable());
    assert!(!schema.field_with_name("value").unwrap().is_nullable());
}

#[test]
fn batch_columns_hold_the_records() {
    let batch = records_to_batch(&sample()).unwrap();
    assert_eq!(batch.num_rows(), 6);
    let col = |name: &str| batch.column_by_name(name).unwrap().clone();
    let text = |name: &str, row: usize| {
        let c = col(name);
        let a = c.as_any().downcast_ref::<StringArray>().unwrap();
        if a.is_null(row) {
            String::new()
        } else {
            a.value(row).to_owned()
        }
    };
    // the largest scale among the amounts: 0.001 has three decimals
    let value = col("value");
    let value = value.as_any().downcast_ref::<Decimal128Array>().unwrap();
    assert_eq!(value.scale(), 3);
    assert_eq!(value.value(0), 3_000_000_000_500);
    let scales = col("value_scale");
    let scales = scales.as_any().downcast_ref::<UInt8Array>().unwrap();
    assert_eq!(
        (0..6).map(|i| scales.value(i)).collect::<Vec<_>>(),
        [2, 0, 3, 3, 0, 1]
    );
    assert_eq!(
        (text("reporter", 0), text("partner", 0)),
        ("KAZ".into(), "TUR".into())
    );
    assert_eq!(
        (text("reporter", 3), text("partner", 3)),
        ("USA".into(), "0".into())
    );
    assert_eq!(
        (text("reporter", 4), text("partner", 4)),
        ("490".into(), "810".into())
    );
    let codes = col("reporter_code");
    let codes = codes.as_any().downcast_ref::<UInt16Array>().unwrap();
    assert_eq!(codes.value(3), 842);
    assert_eq!(text("period", 3), "2021-07");
    assert_eq!(text("frequency", 3), "M");
    assert_eq!(text("period", 4), "1990-Q3");
    assert_eq!(text("flow", 3), "RX");
    assert_eq!(text("valuation", 3), "CIF");
    assert_eq!(text("valuation", 0), "FOB");
    assert_eq!(
        (text("classification", 0), text("commodity", 0)),
        (String::new(), "TOTAL".into())
    );
    assert_eq!(
        (text("classification", 2), text("commodity", 2)),
        ("HS".into(), "2709".into())
    );
    assert_eq!(
        (text("classification", 4), text("commodity", 4)),
        ("SITC".into(), "0011".into())
    );
}

#[test]
fn records_round_trip_identically() {
    let records = sample();
    let back = records_from_batch(&records_to_batch(&records).unwrap()).unwrap();
    assert_eq!(back, records);
    // the written decimals survive: 12.340 stays 12.340, not 12.34
    assert_eq!(back[3].value().amount().to_string(), "12.340");
    // Monaco keeps its own code text (its Comtrade code is France's)
    assert_eq!(back[5].reporter(), Area::Country(Country::MCO));
}

#[test]
fn flags_and_one_figure_sources_round_trip() {
    // A dyadic table's figure is the exporter's exports and the importer's imports; read back
    // without its `reporting` it would be one side's report, and Türkiye's imports would be
    // 100 x 1.06 under ReporterThenPartner instead of the file's 100.
    let y = Period::year(2006).unwrap();
    let records = vec![
        TradeRecord::new(Country::DEU, Country::TUR, y, Flow::Export, usd("100"))
            .with_reporting(Reporting::Single),
        TradeRecord::new(Country::TUR, Country::DEU, y, Flow::Export, usd("60"))
            .with_reporting(Reporting::Single)
            .with_flags(Flags::ESTIMATED | Flags::PROVISIONAL),
    ];
    let batch = records_to_batch(&records).unwrap();
    let back = records_from_batch(&batch).unwrap();
    assert_eq!(back, records);
    let data = from_record_batches(std::slice::from_ref(&batch)).unwrap();
    let imports = data
        .bilateral(Country::TUR, Country::DEU)
        .unwrap()
        .imports(Perspective::ReporterThenPartner)
        .unwrap();
    assert_eq!(imports.last().1, usd("100"));
    // Batches written before the columns existed read as unflagged reports.
    let old = batch.project(&(0..15).collect::<Vec<_>>()).unwrap();
    let back = records_from_batch(&old).unwrap();
    assert_eq!(back[1].flags(), Flags::NONE);
    assert_eq!(back[1].reporting(), Reporting::Reporter);
}

#[test]
fn every_area_round_trips() {
    let y = Period::year(2000).unwrap();
    let areas: Vec<Area> = Country::all()
        .map(Area::Country)
        .chain(Area::specials())
        .collect();
    let records: Vec<TradeRecord> = areas
        .iter()
        .map(|a| TradeRecord::new(*a, Country::KAZ, y, Flow::Export, usd("1")))
        .collect();
    let back = records_from_batch(&records_to_batch(&records).unwrap()).unwrap();
    assert_eq!(back, records);
    let flows: Vec<TradeRecord> = Flow::ALL
        .iter()
        .map(|f| TradeRecord::new(Country::KAZ, Country::TUR, y, *f, usd("1")))
        .collect();
    assert_eq!(
        records_from_batch(&records_to_batch(&flows).unwrap()).unwrap(),
        flows
    );
}

#[test]
fn data_sets_round_trip_through_batches_and_parquet() {
    let mut records = sample();
    records.retain(|r| r.value().amount() >= Decimal::ZERO);
    let y = Period::year(2022).unwrap();
    records.push(TradeRecord::new(
        Country::KAZ,
        Country::KAZ,
        y,
        Flow::Export,
        usd("50"),
    )); // domestic
    let data = TradeData::builder()
        .domestic(Domestic::Keep)
        .build(records)
        .unwrap();
    let batch = to_record_batch(&data).unwrap();
    let back = from_record_batches(&[batch]).unwrap();
    let all = |d: &TradeData| d.iter().chain(d.domestic_records()).collect::<Vec<_>>();
    assert_eq!(all(&back), all(&data));
    assert_eq!(back.domestic_len(), 1);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trade.parquet");
    write_trade_data(&path, &data).unwrap();
    let read = read_trade_data(&path).unwrap();
    assert_eq!(all(&read), all(&data));
    // the Parquet column is an exact DECIMAL(38, 3)
    let batches = read_batches(&path).unwrap();
    assert_eq!(
        batches[0]
            .schema()
            .field_with_name("value")
            .unwrap()
            .data_type(),
        &DataType::Decimal128(38, 3)
    );
}

#[test]
fn values_that_do_not_fit_are_errors() {
    // A builder at scale 2 refuses 0.001 rather than rounding it.
    let mut builder = TradeBatchBuilder::new(2);
    let y = Period::year(2022).unwrap();
    let record = TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("0.001"));
    let e = builder.push(&record).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("0.001 does not fit Decimal128(38, 2)"),
        "{e}"
    );
    assert!(builder.is_empty());
    // Decimal::MAX next to 1e-28 needs 57 digits: no one column holds both.
    let big = TradeRecord::new(
        Country::KAZ,
        Country::TUR,
        y,
        Flow::Export,
        Money::new(Decimal::MAX, Currency::USD),
    );
    let tiny = TradeRecord::new(
        Country::KAZ,
        Country::TUR,
        y,
        Flow::Import,
        Money::new(Decimal::new(1, 28), Currency::USD),
    );
    assert!(records_to_batch(&[big, tiny]).is_err());
}

#[test]
fn unreadable_batches_name_column_and_row() {
    let batch = records_to_batch(&sample()).unwrap();
    // a batch whose reporter column holds an unknown code
    let mut columns = batch.columns().to_vec();
    columns[0] = std::sync::Arc::new(StringArray::from(vec![
        "KAZ", "KAZ", "KAZ", "USA", "999", "MCO",
    ]));
    let bad = arrow::array::RecordBatch::try_new(batch.schema(), columns).unwrap();
    let e = records_from_batch(&bad).unwrap_err().to_string();
    assert!(
        e.starts_with("column reporter, row 4:") && e.contains("999"),
        "{e}"
    );
}

fn record() -> impl Strategy<Value = TradeRecord> {
    (
        prop::sample::select(vec![Country::KAZ, Country::TUR, Country::USA, Country::MCO]),
        prop::sample::select(Area::specials().collect::<Vec<_>>()),
        (2000_i32..2030, 0_u8..13),
        prop::sample::select(Flow::ALL.to_vec()),
        (any::<i64>(), 0_u32..=10),
        prop::sample::select(vec!["TOTAL", "27", "2709", "270900", "01"]),
    )
        .prop_map(|(reporter, partner, (year, month), flow, (m, s), code)| {
            let period = if month == 0 {
                Period::year(year)
            } else {
                Period::month(year, month)
            }
            .unwrap();
            TradeRecord::new(
                reporter,
                partner,
                period,
                flow,
                Money::new(Decimal::new(m, s), Currency::USD),
            )
            .with_commodity(code.parse().unwrap())
        })
}

proptest! {
    #[test]
    fn any_records_round_trip(records in prop::collection::vec(record(), 0..40)) {
        let back = records_from_batch(&records_to_batch(&records).unwrap()).unwrap();
        prop_assert_eq!(back, records);
    }
}

/// A projected builder gives exactly the full batch's columns it names, in the order named
/// (DataFusion may ask for any order), and nothing else; no columns still count the rows.
#[test]
fn projected_builder_equals_the_full_batch_projected() {
    let records = sample();
    let mut full = TradeBatchBuilder::new(6);
    for r in &records {
        full.push(r).unwrap();
    }
    let full = full.finish().unwrap();
    for projection in [
        vec![0, 2, 4, 5, 6, 7, 10, 11, 12],
        vec![11, 0],
        vec![16, 15, 14, 13, 9, 8, 3, 1],
        (0..17).collect::<Vec<_>>(),
    ] {
        let mut builder = TradeBatchBuilder::projected(6, &projection).unwrap();
        for r in &records {
            builder.push(r).unwrap();
        }
        assert_eq!(builder.len(), records.len());
        let batch = builder.finish().unwrap();
        assert_eq!(batch, full.project(&projection).unwrap(), "{projection:?}");
        assert!(builder.is_empty());
    }
    let mut none = TradeBatchBuilder::projected(6, &[]).unwrap();
    for r in &records {
        none.push(r).unwrap();
    }
    let batch = none.finish().unwrap();
    assert_eq!((batch.num_columns(), batch.num_rows()), (0, records.len()));
    // An index beyond the 17 columns is an error, not a panic.
    assert!(TradeBatchBuilder::projected(6, &[17]).is_err());
    // The scale is checked even when the value is not projected: 0.001 does not fit scale 2.
    let mut names = TradeBatchBuilder::projected(2, &[0]).unwrap();
    let y = Period::year(2022).unwrap();
    let record = TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("0.001"));
    assert!(names.push(&record).is_err());
    assert!(names.is_empty());
}
