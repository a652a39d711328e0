//! Sets of files whose columns differ between files or partitions (issue 14, item 16): read by
//! name, or refused with an error that says so; never a value from another column.

use std::sync::Arc;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::Mode;
use tradestat_datafusion::provider::TradeTable;

use crate::common::{context, query, rows};

/// Two downloads joined into one file, the second with `reporterCode` and `partnerCode` swapped:
/// the row after the second header is TUR's (792) imports from KAZ (398). The scan read it by
/// the first header's positions, as KAZ's imports from TUR, in lenient mode (the second header
/// was one rejected row); now both modes refuse the file, naming the line.
/// Whether an error says that line 3 repeats the header, in the core reader's words or the
/// table's.
fn repeats_at_line_3(e: &str) -> bool {
    e.contains("line 3 repeats the header") || e.contains("the header comes again at line 3")
}

#[tokio::test]
async fn a_file_whose_columns_change_after_a_second_header() {
    let dir = tempfile::tempdir().unwrap();
    let joined = dir.path().join("joined.csv");
    std::fs::write(
        &joined,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,398,X,0,TOTAL,10.5\n\
         period,partnerCode,flowCode,reporterCode,cmdCode,primaryValue\n\
         2022,398,M,792,TOTAL,7\n",
    )
    .unwrap();
    for mode in [Mode::Strict, Mode::Lenient] {
        // small blocks and batches, so that the parts land in different threads
        let table = TradeTable::comtrade(&joined, ComtradeReader::new().mode(mode).threads(2), 3)
            .with_batch_size(1);
        let ctx = context();
        ctx.register_table("t", Arc::new(table.clone())).unwrap();
        let e = query(&ctx, "SELECT reporter, partner, flow, value FROM t")
            .await
            .unwrap_err()
            .to_string();
        // The core reader refuses it (since tradestat's repeated-header rule), or the table.
        assert!(repeats_at_line_3(&e), "{mode:?}: {e}");
    }
    // the same header again, in the same order, is refused as well: the reader cannot tell a
    // harmless repeat from a reordered one once it has rejected the line
    let same = dir.path().join("same.csv");
    std::fs::write(
        &same,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,398,X,0,TOTAL,10.5\n\
         period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,792,M,398,TOTAL,7\n",
    )
    .unwrap();
    let table = TradeTable::comtrade(&same, ComtradeReader::new().mode(Mode::Lenient), 3);
    let ctx = context();
    ctx.register_table("t", Arc::new(table.clone())).unwrap();
    let e = query(&ctx, "SELECT * FROM t")
        .await
        .unwrap_err()
        .to_string();
    assert!(repeats_at_line_3(&e), "{e}");

    // each part read as its own file gives the right records
    let second = dir.path().join("second.csv");
    std::fs::write(
        &second,
        "period,partnerCode,flowCode,reporterCode,cmdCode,primaryValue\n2022,398,M,792,TOTAL,7\n",
    )
    .unwrap();
    let ctx = context();
    ctx.register_table(
        "t",
        Arc::new(TradeTable::comtrade(&second, ComtradeReader::new(), 3)),
    )
    .unwrap();
    let read = rows(
        &query(
            &ctx,
            "SELECT reporter, partner, flow, CAST(value AS VARCHAR) FROM t",
        )
        .await
        .unwrap(),
    );
    assert_eq!(read, [["TUR", "KAZ", "M", "7.000"]]);
}

/// A lenient read of a file with an ordinary bad value (not a column's name) still reads on.
#[tokio::test]
async fn an_ordinary_bad_value_is_not_a_second_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n\
         2022,398,X,0,TOTAL,10.5\n2022,KAZ,M,0,TOTAL,3\n2022,398,M,0,TOTAL,7\n",
    )
    .unwrap();
    let table = TradeTable::comtrade(&path, ComtradeReader::new().mode(Mode::Lenient), 3);
    let ctx = context();
    ctx.register_table("t", Arc::new(table.clone())).unwrap();
    let read = rows(
        &query(&ctx, "SELECT flow FROM t ORDER BY flow")
            .await
            .unwrap(),
    );
    assert_eq!(read, [["M"], ["X"]]);
    assert_eq!(table.last_report().unwrap().rejected(), 1);
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

const COLUMNS: &str =
    "reporter, partner, period, flow, commodity, CAST(value AS VARCHAR), value_scale";

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
    write_batches(
        other.path().join("b.parquet"),
        &[batch.project(&reversed).unwrap()],
    )
    .unwrap();
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
    let twice: Vec<Vec<String>> = expected
        .iter()
        .flat_map(|r| [r.clone(), r.clone()])
        .collect();
    assert_eq!(read, twice);

    // what DataFusion gives back (Utf8View strings, columns in the file's order) is read by name
    let from_a = query(&ctx, "SELECT * FROM p").await.unwrap();
    let mut records = Vec::new();
    for b in &from_a {
        records.extend(tradestat_datafusion::batch::records_from_batch(b).unwrap());
    }
    let mut original: Vec<_> = data.iter().chain(data.iter()).collect();
    let key = |r: &tradestat::TradeRecord| {
        (
            r.reporter(),
            r.partner(),
            r.period(),
            r.flow(),
            r.commodity(),
            r.value().amount().to_string(),
        )
    };
    original.sort_by_key(key);
    records.sort_by_key(key);
    assert_eq!(records, original);
    // text as LargeUtf8 and dictionary-encoded, read the same
    let mut columns = batch.columns().to_vec();
    let mut fields: Vec<arrow::datatypes::Field> = batch
        .schema()
        .fields()
        .iter()
        .map(|f| f.as_ref().clone())
        .collect();
    for (name, to) in [
        ("reporter", arrow::datatypes::DataType::LargeUtf8),
        (
            "commodity",
            arrow::datatypes::DataType::Dictionary(
                Box::new(arrow::datatypes::DataType::Int32),
                Box::new(arrow::datatypes::DataType::Utf8),
            ),
        ),
    ] {
        let i = batch.schema().index_of(name).unwrap();
        columns[i] = arrow::compute::cast(&columns[i], &to).unwrap();
        fields[i] = fields[i].clone().with_data_type(to);
    }
    let recoded = arrow::array::RecordBatch::try_new(
        Arc::new(arrow::datatypes::Schema::new(fields)),
        columns,
    )
    .unwrap();
    let back = from_record_batches(&[recoded]).unwrap();
    assert_eq!(
        back.iter().collect::<Vec<_>>(),
        data.iter().collect::<Vec<_>>()
    );
    // one file's batches in the reversed order, through from_record_batches
    let back = from_record_batches(&[batch.project(&reversed).unwrap()]).unwrap();
    assert_eq!(
        back.iter().collect::<Vec<_>>(),
        data.iter().collect::<Vec<_>>()
    );
}

/// Two Parquet files whose `value` columns have different scales (data sets written apart, the
/// largest scale of each): DataFusion refuses to merge the two types when the table is
/// registered, rather than cast one file's values to the other's scale (which would round 12.345).
#[tokio::test]
async fn parquet_files_with_different_value_scales() {
    use tradestat::{Country, Flow, Money, Period, TradeData, TradeRecord};
    use tradestat_datafusion::parquet_files::{read_trade_data, write_trade_data};
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
    let (a, b) = (
        one("USD 12.345", Flow::Export),
        one("USD 7.5", Flow::Import),
    );
    write_trade_data(dir.path().join("a.parquet"), &a).unwrap();
    write_trade_data(dir.path().join("b.parquet"), &b).unwrap();
    let ctx = context();
    let e = ctx
        .register_parquet("p", dir.path().to_str().unwrap(), Default::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Fail to merge schema field 'value'")
            && e.contains("Decimal128(38, 1)")
            && e.contains("Decimal128(38, 3)"),
        "{e}"
    );
    // each file on its own reads back exactly
    assert_eq!(
        read_trade_data(dir.path().join("a.parquet"))
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        a.iter().collect::<Vec<_>>()
    );
    assert_eq!(
        read_trade_data(dir.path().join("b.parquet"))
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        b.iter().collect::<Vec<_>>()
    );
}

/// An empty file is an error saying so; a header alone is a table of no rows (COUNT 0, sums
/// NULL); a scale at which the values do not fit fails the scan naming the first value.
#[tokio::test]
async fn edge_files_and_scales() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let header = dir.path().join("header.csv");
    std::fs::write(
        &header,
        "period,reporterCode,flowCode,partnerCode,cmdCode,primaryValue\n",
    )
    .unwrap();
    let run = |path: std::path::PathBuf, scale: i8| async move {
        let ctx = context();
        ctx.register_table(
            "t",
            Arc::new(TradeTable::comtrade(path, ComtradeReader::new(), scale)),
        )
        .unwrap();
        query(&ctx, "SELECT COUNT(*), exact_sum(value) FROM t")
            .await
            .map(|b| rows(&b))
            .map_err(|e| e.to_string())
    };
    let e = run(empty, 3).await.unwrap_err();
    assert!(e.contains("the file is empty"), "{e}");
    assert_eq!(run(header, 3).await.unwrap(), [["0", ""]]);
    // the first row's 186656 at scale 38 needs 6 + 38 = 44 digits; at scale -1 it would round
    for (scale, says) in [
        (
            38,
            "186656 does not fit Decimal128(38, 38): too many digits",
        ),
        (39, "186656 does not fit Decimal128(38, 39)"),
        (
            -1,
            "186656 does not fit Decimal128(38, -1): it has more decimals than the scale",
        ),
    ] {
        let e = run(SMALL.into(), scale).await.unwrap_err();
        assert!(e.contains(says), "{scale}: {e}");
    }
}
