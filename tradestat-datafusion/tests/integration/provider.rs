//! The table over tradestat's readers: every accepted record reaches SQL exactly, the reader's
//! report and errors come through, and the summary query gives `comtrade_summary`'s table.

use std::sync::Arc;

use arrow::array::RecordBatch;
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::tidy::TidyReader;
use tradestat::io::Mode;
use tradestat::TradeRecord;
use tradestat_datafusion::batch::records_from_batch;
use tradestat_datafusion::provider::TradeTable;

use crate::common::{context, query, rows};
use crate::comtrade_sql;

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/comtrade_small.csv");
const SMALL_SUMMARY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/comtrade_small_summary.csv"
);

fn sorted(mut records: Vec<TradeRecord>) -> Vec<TradeRecord> {
    records.sort_by_key(|r| {
        (
            r.reporter(),
            r.partner(),
            r.period(),
            r.flow(),
            r.commodity(),
            r.value().amount().to_string(),
        )
    });
    records
}

async fn scan_all(table: TradeTable) -> (Vec<RecordBatch>, TradeTable) {
    let ctx = context();
    ctx.register_table("t", Arc::new(table.clone())).unwrap();
    (query(&ctx, "SELECT * FROM t").await.unwrap(), table)
}

#[tokio::test]
async fn comtrade_scan_gives_every_accepted_record_exactly() {
    // small batches, so that both parsing threads send several
    let table = TradeTable::comtrade(SMALL, ComtradeReader::new(), 3).with_batch_size(16);
    let (batches, table) = scan_all(table).await;
    let scanned: Vec<TradeRecord> = batches
        .iter()
        .flat_map(|b| records_from_batch(b).unwrap())
        .collect();
    let direct: Vec<TradeRecord> = ComtradeReader::new()
        .open(SMALL)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    // 426 rows: 25 breakdown rows skipped, the TOTAL and chapter rows accepted
    assert_eq!(scanned.len(), 401);
    assert_eq!(sorted(scanned), sorted(direct));
    let report = table.last_report().unwrap();
    assert_eq!(
        (
            report.read(),
            report.accepted(),
            report.rejected(),
            report.skipped()
        ),
        (426, 401, 0, 25)
    );
    // with the totals_only reader, only the TOTAL rows are parsed
    let (batches, table) = scan_all(TradeTable::comtrade(
        SMALL,
        ComtradeReader::new().totals_only(true),
        3,
    ))
    .await;
    assert_eq!(
        batches.iter().map(RecordBatch::num_rows).sum::<usize>(),
        149
    );
    let report = table.last_report().unwrap();
    assert_eq!(
        (report.read(), report.accepted(), report.skipped()),
        (426, 149, 277)
    );
}

#[tokio::test]
async fn projections_and_sql_over_the_table() {
    let ctx = context();
    ctx.register_table(
        "t",
        Arc::new(TradeTable::comtrade(SMALL, ComtradeReader::new(), 3)),
    )
    .unwrap();
    let counted = rows(
        &query(&ctx, "SELECT COUNT(*), COUNT(DISTINCT reporter) FROM t")
            .await
            .unwrap(),
    );
    assert_eq!(counted, [["401", "2"]]);
    // the first row of the file (line 2): CHN's annual exports to the world, all goods
    let first = rows(
        &query(
            &ctx,
            "SELECT value, value_scale FROM t WHERE reporter = 'CHN' AND partner = '0' \
                      AND period = '2016' AND flow = 'X' AND commodity = 'TOTAL'",
        )
        .await
        .unwrap(),
    );
    assert_eq!(first, [["1515255.582", "3"]]);
}

#[tokio::test]
async fn reading_errors_name_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,398,X,0,TOTAL,10.5\n2022,398,M,0,TOTAL,1e3\n2022,398,M,0,TOTAL,0.0001\n",
    )
    .unwrap();
    // strict: the scan fails at line 3, naming the column and the value
    let (ctx, table) = (
        context(),
        TradeTable::comtrade(&path, ComtradeReader::new(), 3),
    );
    ctx.register_table("t", Arc::new(table)).unwrap();
    let e = query(&ctx, "SELECT * FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 3") && e.contains("primaryValue") && e.contains("1e3"),
        "{e}"
    );
    // lenient: the bad row is counted; 0.0001 does not fit scale 3 and fails the scan by name
    let lenient = TradeTable::comtrade(&path, ComtradeReader::new().mode(Mode::Lenient), 3);
    let ctx = context();
    ctx.register_table("t", Arc::new(lenient.clone())).unwrap();
    let e = query(&ctx, "SELECT * FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("0.0001 does not fit Decimal128(38, 3)"), "{e}");
    // at scale 4 it fits, and the report accounts for the rejected row
    let lenient = TradeTable::comtrade(&path, ComtradeReader::new().mode(Mode::Lenient), 4);
    let (batches, table) = scan_all(lenient).await;
    assert_eq!(batches.iter().map(RecordBatch::num_rows).sum::<usize>(), 2);
    let report = table.last_report().unwrap();
    assert_eq!(
        (report.read(), report.accepted(), report.rejected()),
        (3, 2, 1)
    );
}

#[tokio::test]
async fn any_streaming_reader() {
    // the tidy CSV through the generic source
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tidy.csv");
    let records: Vec<TradeRecord> = ComtradeReader::new()
        .open(SMALL)
        .unwrap()
        .take(20)
        .collect::<Result<_, _>>()
        .unwrap();
    let data = tradestat::TradeData::from_records(records.clone()).unwrap();
    tradestat::io::tidy::write(std::fs::File::create(&path).unwrap(), &data).unwrap();
    let tidy_path = path.clone();
    let table = TradeTable::from_records("tidy CSV", 3, move || {
        Ok(Box::new(TidyReader::new().open(&tidy_path)?))
    });
    let (batches, _) = scan_all(table).await;
    let scanned: Vec<TradeRecord> = batches
        .iter()
        .flat_map(|b| records_from_batch(b).unwrap())
        .collect();
    assert_eq!(sorted(scanned), sorted(data.iter().collect()));
}

#[tokio::test]
async fn summary_query_gives_comtrade_summarys_table() {
    // tests/data/comtrade_small_summary.csv is tools/summary_reference.py's output (Python
    // decimal and fractions), which comtrade_summary matches byte for byte.
    let expected = std::fs::read_to_string(SMALL_SUMMARY).unwrap();
    let ctx = comtrade_sql::local_context().unwrap();
    ctx.register_table(
        "trade",
        Arc::new(TradeTable::comtrade(SMALL, ComtradeReader::new(), 3)),
    )
    .unwrap();
    let batches = query(&ctx, comtrade_sql::SUMMARY_SQL).await.unwrap();
    let mut out = Vec::new();
    comtrade_sql::write_summary(&mut out, &batches).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), expected);

    // the same over Parquet files written from the table
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().to_str().unwrap();
    comtrade_sql::write_parquet(SMALL, parquet).await.unwrap();
    let ctx = comtrade_sql::local_context().unwrap();
    ctx.register_parquet("trade", parquet, Default::default())
        .await
        .unwrap();
    let from_parquet = query(&ctx, comtrade_sql::SUMMARY_SQL).await.unwrap();
    let mut out = Vec::new();
    comtrade_sql::write_summary(&mut out, &from_parquet).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}
