//! Sets of files whose columns differ between files or partitions (issue 14, item 16): read by
//! name, or refused with an error that says so; never a value from another column.

use std::sync::Arc;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::Mode;
use tradestat_datafusion::provider::TradeTable;

use crate::common::{context, query, rows};

#[tokio::test]
async fn explore_concatenated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.csv");
    std::fs::write(
        &path,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,398,X,0,TOTAL,10.5\n\
         period,partnerCode,flowCode,reporterCode,cmdCode,primaryValue\n\
         2022,398,M,792,TOTAL,7\n",
    )
    .unwrap();
    for mode in [Mode::Strict, Mode::Lenient] {
        let table = TradeTable::comtrade(&path, ComtradeReader::new().mode(mode), 3);
        let ctx = context();
        ctx.register_table("t", Arc::new(table.clone())).unwrap();
        let r = query(&ctx, "SELECT reporter, partner, flow, value FROM t").await;
        eprintln!("{mode:?}: {:?}", r.map(|b| rows(&b)).map_err(|e| e.to_string()));
        eprintln!("{:?}", table.last_report().map(|r| r.to_string()));
    }
}

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/comtrade_small.csv");

fn some_records(n: usize) -> tradestat::TradeData {
    let records: Vec<tradestat::TradeRecord> = ComtradeReader::new()
        .open(SMALL)
        .unwrap()
        .take(n)
        .collect::<Result<_, _>>()
        .unwrap();
    tradestat::TradeData::from_records(records).unwrap()
}

const COLUMNS: &str = "reporter, partner, period, flow, commodity, CAST(value AS VARCHAR), value_scale";

/// Two Parquet files of the trade schema, the second with its columns in reverse order: DataFusion
/// reads both by name, and the crate reads DataFusion's batches back (strings as views) by name.
#[tokio::test]
async fn parquet_files_with_columns_in_another_order() {
    use tradestat_datafusion::batch::{from_record_batches, to_record_batch};
    use tradestat_datafusion::parquet_files::write_batches;
    let data = some_records(12);
    let batch = to_record_batch(&data).unwrap();
    let reversed: Vec<usize> = (0..batch.num_columns()).rev().collect();
    let dir = tempfile::tempdir().unwrap();
    write_batches(dir.path().join("a.parquet"), std::slice::from_ref(&batch)).unwrap();
    let other = tempfile::tempdir().unwrap();
    write_batches(other.path().join("b.parquet"), &[batch.project(&reversed).unwrap()]).unwrap();
    std::fs::copy(other.path().join("b.parquet"), dir.path().join("b.parquet")).unwrap();

    let ctx = context();
    ctx.register_parquet("p", dir.path().to_str().unwrap(), Default::default())
        .await
        .unwrap();
    ctx.register_batch("m", batch.clone()).unwrap();
    let sql = |table: &str| {
        format!("SELECT {COLUMNS} FROM {table} ORDER BY reporter, partner, period, flow, commodity")
    };
    let expected = rows(&query(&ctx, &sql("m")).await.unwrap());
    let read = rows(&query(&ctx, &sql("p")).await.unwrap());
    // every row twice, once from each file, each value in its own column
    let twice: Vec<Vec<String>> = expected.iter().flat_map(|r| [r.clone(), r.clone()]).collect();
    assert_eq!(read, twice);

    // what DataFusion gives back (Utf8View strings, columns in the file's order) is read by name
    let from_a = query(&ctx, &"SELECT * FROM p")
        .await
        .unwrap();
    let mut records = Vec::new();
    for b in &from_a {
        records.extend(tradestat_datafusion::batch::records_from_batch(b).unwrap());
    }
    let mut original: Vec<_> = data.iter().chain(data.iter()).collect();
    let key = |r: &tradestat::TradeRecord| {
        (r.reporter(), r.partner(), r.period(), r.flow(), r.commodity(), r.value().amount().to_string())
    };
    original.sort_by_key(key);
    records.sort_by_key(key);
    assert_eq!(records, original);
    // one file's batches in the reversed order, through from_record_batches
    let back = from_record_batches(&[batch.project(&reversed).unwrap()]).unwrap();
    assert_eq!(back.iter().collect::<Vec<_>>(), data.iter().collect::<Vec<_>>());
}

/// Two Parquet files whose `value` columns have different scales (data sets written apart):
/// DataFusion must not cast one to the other's scale (which rounds); explore.
#[tokio::test]
async fn parquet_files_with_different_value_scales() {
    use tradestat::{Country, Flow, Money, Period, TradeData, TradeRecord};
    use tradestat_datafusion::parquet_files::write_trade_data;
    let y = Period::year(2022).unwrap();
    let one = |amount: &str, flow| {
        TradeData::from_records([TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            y,
            flow,
            amount.parse::<Money>().unwrap(),
        )])
        .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    write_trade_data(dir.path().join("a.parquet"), &one("USD 12.345", Flow::Export)).unwrap();
    write_trade_data(dir.path().join("b.parquet"), &one("USD 7.5", Flow::Import)).unwrap();
    let ctx = context();
    let registered = ctx
        .register_parquet("p", dir.path().to_str().unwrap(), Default::default())
        .await;
    let result = match registered {
        Ok(()) => query(&ctx, "SELECT flow, CAST(value AS VARCHAR) FROM p ORDER BY flow")
            .await
            .map(|b| rows(&b))
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    eprintln!("{result:?}");
}
