//! Regressions from the adversarial check of the functions and conversions (issue 14, item 16):
//! each test here failed (or panicked) on the code before its fix. Expected values are worked
//! out by hand in the comments.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Decimal128Array, Int64Array, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::config::ConfigOptions;
use datafusion::common::ScalarValue;
use datafusion::datasource::MemTable;
use datafusion::execution::SessionStateBuilder;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs};
use datafusion::prelude::{SessionConfig, SessionContext};
use rust_decimal::Decimal;
use tradestat_datafusion::decimal::{from_mantissa, to_mantissa};

use crate::common::{context, invoke, one_value, query, rows, udf};

/// A `Decimal128(38, scale)` column of mantissas.
pub(crate) fn mantissas(values: &[Option<i128>], scale: i8) -> ArrayRef {
    Arc::new(
        Decimal128Array::from(values.to_vec())
            .with_precision_and_scale(38, scale)
            .unwrap(),
    )
}

/// Calls the scalar function `name` with scalar arguments for a batch of `rows` rows, as
/// DataFusion does when constant folding is off (the arguments are literals).
fn invoke_scalars(name: &str, args: Vec<ScalarValue>, rows: usize) -> ColumnarValue {
    let udf = udf(name);
    let types: Vec<DataType> = args.iter().map(ScalarValue::data_type).collect();
    let arg_fields = types
        .iter()
        .enumerate()
        .map(|(i, t)| Arc::new(Field::new(format!("a{i}"), t.clone(), true)))
        .collect();
    let return_type = udf.return_type(&types).unwrap();
    udf.invoke_with_args(ScalarFunctionArgs {
        args: args.into_iter().map(ColumnarValue::Scalar).collect(),
        arg_fields,
        number_rows: rows,
        return_field: Arc::new(Field::new("result", return_type, true)),
        config_options: Arc::new(ConfigOptions::default()),
    })
    .unwrap()
}

fn dec(mantissa: i128, scale: i8) -> ScalarValue {
    ScalarValue::Decimal128(Some(mantissa), 38, scale)
}

/// Scalar arguments with a batch of three rows: the old loop ran to the batch's `number_rows`
/// over the one-row arrays `values_to_arrays` makes of scalars, and panicked at row 1.
#[test]
fn scalar_arguments_in_a_batch_of_several_rows() {
    let cases: Vec<(&str, Vec<ScalarValue>, &str)> = vec![
        // (6.3 - 4.1) / 4.1 = 0.53658536585365853658536585365853..., 28 decimals
        (
            "trade_growth",
            vec![dec(41, 1), dec(63, 1)],
            "0.5365853658536585365853658537",
        ),
        // 0.53658... to 3 significant digits
        (
            "trade_growth",
            vec![dec(41, 1), dec(63, 1), ScalarValue::Int64(Some(3))],
            "0.5370000000000000000000000000",
        ),
        // (121 / 100)^(1/2) - 1 = 0.1
        (
            "trade_cagr",
            vec![dec(100, 0), dec(121, 0), ScalarValue::Int64(Some(2))],
            "0.1000000000000000000000000000",
        ),
        (
            "trade_required_rate",
            vec![dec(100, 0), dec(121, 0), ScalarValue::Int64(Some(2))],
            "0.1000000000000000000000000000",
        ),
        // 100 at +100% a period reaches 400 in ln 4 / ln 2 = 2 periods
        (
            "trade_periods_to_reach",
            vec![dec(100, 0), dec(400, 0), dec(1, 0)],
            "2.0000000000000000000000000000",
        ),
        // 110.00 / 1.10 = 100.00
        (
            "trade_implied_previous",
            vec![dec(11000, 2), dec(10, 2)],
            "100.00",
        ),
        // 106.00 / 1.06 = 100.00
        (
            "trade_mirror_fob",
            vec![dec(10600, 2), dec(106, 2)],
            "100.00",
        ),
        ("comtrade_area", vec![ScalarValue::Int64(Some(842))], "USA"),
        (
            "comtrade_area_name",
            vec![ScalarValue::Int64(Some(0))],
            "World",
        ),
    ];
    for (name, args, expected) in cases {
        let out = invoke_scalars(name, args, 3).into_array(3).unwrap();
        assert_eq!(out.len(), 3, "{name}");
        for row in 0..3 {
            assert_eq!(
                arrow::util::display::array_value_to_string(&out, row).unwrap(),
                expected,
                "{name}, row {row}"
            );
        }
    }
}

/// The same through SQL, with the optimizer's constant folding off: literals reach the
/// function as scalars in a batch of three rows.
#[tokio::test]
async fn literal_arguments_without_constant_folding() {
    let config =
        SessionConfig::new().set_bool("datafusion.sql_parser.parse_float_as_decimal", true);
    let state = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features()
        .with_optimizer_rules(vec![])
        .build();
    let mut ctx = SessionContext::new_with_state(state);
    tradestat_datafusion::register_all(&mut ctx).unwrap();
    query(&ctx, "CREATE TABLE t (x INT) AS VALUES (1), (2), (3)")
        .await
        .unwrap();
    let batches = query(
        &ctx,
        "SELECT trade_growth(120, 90), comtrade_area(398), x FROM t ORDER BY x",
    )
    .await
    .unwrap();
    // (90 - 120) / 120 = -0.25
    let expected = |x: &str| {
        vec![
            "-0.2500000000000000000000000000".to_string(),
            "KAZ".to_string(),
            x.to_string(),
        ]
    };
    assert_eq!(
        rows(&batches),
        [expected("1"), expected("2"), expected("3")]
    );
}

/// A wrong number of arguments called directly is an error, not an index out of bounds.
#[test]
fn wrong_argument_count_is_an_error() {
    let one = mantissas(&[Some(5)], 0);
    let e = invoke(&udf("trade_growth"), vec![one.clone()]).unwrap_err();
    assert!(e.to_string().contains("takes 2 arguments, got 1"), "{e}");
    let e = invoke(&udf("trade_periods_to_reach"), vec![one.clone(), one]).unwrap_err();
    assert!(e.to_string().contains("takes 3 arguments, got 2"), "{e}");
}

/// `i128::MIN` is a valid `Decimal128` mantissa in memory (Arrow does not check the precision),
/// and its `abs()` overflows: a panic in debug builds, a negative "absolute value" that passed
/// every range check in release builds.
#[test]
fn the_most_negative_mantissa_is_an_error_not_a_panic() {
    let e = from_mantissa(i128::MIN, 0).unwrap_err();
    assert!(e.to_string().contains(&i128::MIN.to_string()), "{e}");
    assert!(from_mantissa(i128::MIN, 38).is_err());
    // growth of it, and from it
    let min = mantissas(&[Some(i128::MIN)], 0);
    let five = mantissas(&[Some(5)], 0);
    assert!(invoke(&udf("trade_growth"), vec![five.clone(), min.clone()]).is_err());
    // -2^127 / 1: the quotient is i128::MIN, far beyond 38 digits
    let one = mantissas(&[Some(1)], 0);
    let e = invoke(&udf("trade_mirror_fob"), vec![min.clone(), one]).unwrap_err();
    assert!(
        e.to_string().contains("does not fit Decimal128(38, 0)"),
        "{e}"
    );
    let digits = Arc::new(Int64Array::from(vec![3_i64])) as ArrayRef;
    let e = invoke(&udf("trade_growth"), vec![five, min, digits]).unwrap_err();
    assert!(e.to_string().contains("does not fit"), "{e}");
}

fn table(values: &[Option<i128>], scale: i8, partitions: usize) -> Arc<MemTable> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("v", DataType::Decimal128(38, scale), true),
    ]));
    let chunk = values.len().div_ceil(partitions.max(1)).max(1);
    let parts = values
        .chunks(chunk)
        .map(|part| {
            vec![RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(Int64Array::from(vec![1_i64; part.len()])),
                    mantissas(part, scale),
                ],
            )
            .unwrap()]
        })
        .collect();
    Arc::new(MemTable::try_new(schema, parts).unwrap())
}

#[tokio::test]
async fn exact_sum_of_the_most_negative_mantissa_is_an_error() {
    let ctx = context();
    ctx.register_table("t", table(&[Some(i128::MIN)], 0, 1))
        .unwrap();
    for sql in [
        "SELECT exact_sum(v) FROM t",
        "SELECT g, exact_sum(v) FROM t GROUP BY g",
    ] {
        let e = query(&ctx, sql).await.unwrap_err().to_string();
        assert!(e.contains("exact_sum overflow"), "{sql}: {e}");
    }
}

/// `trade_growth(previous, current, digits)` rounded only the decimals: a growth whose integer
/// part alone has more than `digits` digits came back with all of them.
#[tokio::test]
async fn significant_digits_above_the_units() {
    let ctx = context();
    // (12346 - 1) / 1 = 12345 -> 2 significant digits: 1.2e4
    assert_eq!(
        one_value(&ctx, "SELECT trade_growth(1, 12346, 2)")
            .await
            .unwrap(),
        "12000.0000000000000000000000000000"
    );
    // 12550 -> 1.3e4 (1.255 is above the midpoint of 1.2 and 1.3)
    assert_eq!(
        one_value(&ctx, "SELECT trade_growth(1, 12551, 2)")
            .await
            .unwrap(),
        "13000.0000000000000000000000000000"
    );
    // half to even above the units: 125 -> 120, 135 -> 140, -0.5 stays
    assert_eq!(
        one_value(&ctx, "SELECT trade_growth(1, 126, 2)")
            .await
            .unwrap(),
        "120.0000000000000000000000000000"
    );
    assert_eq!(
        one_value(&ctx, "SELECT trade_growth(1, 136, 2)")
            .await
            .unwrap(),
        "140.0000000000000000000000000000"
    );
    // one digit: 9.5e9 -> 1e10, which does not fit Decimal128(38, 28)
    let e = query(&ctx, "SELECT trade_growth(2, 19000000002, 1)")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("does not fit Decimal128(38, 28)"), "{e}");
}

/// NULL anywhere gives NULL, even where another argument would be an error.
#[tokio::test]
async fn null_wins_over_a_bad_argument() {
    let ctx = context();
    for sql in [
        // periods -3 is out of range, but the start is NULL
        "SELECT trade_cagr(NULL, 2, -3)",
        "SELECT trade_required_rate(1, NULL, -3)",
        // 38 decimals no Decimal holds, next to a NULL
        "SELECT trade_growth(CAST(0.12345678901234567890123456789012345678 AS DECIMAL(38, 38)), NULL)",
        "SELECT trade_periods_to_reach(NULL, 2, CAST(0.12345678901234567890123456789012345678 AS DECIMAL(38, 38)))",
    ] {
        assert_eq!(one_value(&ctx, sql).await.unwrap(), "", "{sql}");
    }
}

/// `hhi` multiplied the long division's remainder by ten, which overflowed 256 bits for totals
/// above about 7.6e37 in the column's last decimal: an error where the index is well defined.
#[tokio::test]
async fn hhi_of_large_totals() {
    let ctx = context();
    // 4e27 and 5e27 at scale 10: mantissas 4e37 and 5e37, total 9e37.
    // (16 + 25) / 81 = 41/81 = 0.50617283950617283950617283950617..., 28 decimals
    let e37 = 10_i128.pow(37);
    ctx.register_table("t", table(&[Some(4 * e37), Some(5 * e37)], 10, 2))
        .unwrap();
    assert_eq!(
        one_value(&ctx, "SELECT hhi(v) FROM t").await.unwrap(),
        "0.5061728395061728395061728395"
    );
    // tradestat's own index agrees
    let e27 = |n: i128| Decimal::from_i128_with_scale(n * 10_i128.pow(27), 0);
    let parts = [("A", e27(4)), ("B", e27(5))]
        .map(|(k, v)| (k, tradestat::Money::new(v, tradestat::Currency::XXX)));
    let core = tradestat::indicators::Hhi::new(parts).unwrap().value();
    assert_eq!(core.to_string(), "0.5061728395061728395061728395");
    // the largest total that fits: 10^38 - 1 as one value is an index of 1
    ctx.register_table("u", table(&[Some(10_i128.pow(38) - 1), Some(0)], 0, 2))
        .unwrap();
    assert_eq!(
        one_value(&ctx, "SELECT hhi(v) FROM u").await.unwrap(),
        "1.0000000000000000000000000000"
    );
    // 10^38 - 2 and 1: (a^2 + 1) / (a + 1)^2 with a = 10^38 - 2, which is
    // 1 - 2a / (a + 1)^2 = 1 - 2e-38 (to 28 decimals: 1)
    ctx.register_table("w", table(&[Some(10_i128.pow(38) - 2), Some(1)], 0, 1))
        .unwrap();
    assert_eq!(
        one_value(&ctx, "SELECT hhi(v) FROM w").await.unwrap(),
        "1.0000000000000000000000000000"
    );
}

#[test]
fn to_mantissa_of_edges() {
    // scale 38: 1e-28 is 10^10 at scale 38; scale 0 holds Decimal::MAX
    assert_eq!(
        to_mantissa(Decimal::new(1, 28), 38, 38).unwrap(),
        10_i128.pow(10)
    );
    assert_eq!(
        to_mantissa(Decimal::MAX, 38, 0).unwrap(),
        Decimal::MAX.mantissa()
    );
    // 1 does not fit Decimal128(38, 38): 39 digits
    assert!(to_mantissa(Decimal::ONE, 38, 38).is_err());
}

/// `exact_sum` checked each running total: `9e37 + 9e37 - 9e37` failed in that order and gave
/// `9e37` in another, so whether a query failed depended on the rows' order and partitions.
/// Only the final total is checked now.
#[tokio::test]
async fn exact_sum_does_not_depend_on_the_order() {
    let ctx = context();
    let e37 = 10_i128.pow(37);
    ctx.register_table(
        "t",
        table(&[Some(9 * e37), Some(9 * e37), Some(-9 * e37)], 0, 1),
    )
    .unwrap();
    for sql in [
        "SELECT exact_sum(v) FROM t",
        "SELECT exact_sum(v) FROM t GROUP BY g",
    ] {
        assert_eq!(
            one_value(&ctx, sql).await.unwrap(),
            "90000000000000000000000000000000000000",
            "{sql}"
        );
    }
}

/// Partial sums that fit, merged into a total that does not: an error naming the total, with
/// and without GROUP BY, never a wrapped number. At scale 38 (values below 1) and scale 0.
#[tokio::test]
async fn overflow_in_the_merge_of_partitions() {
    let e37 = 10_i128.pow(37);
    for (scale, total) in [
        (0, "120000000000000000000000000000000000000"),
        (38, "1.20000000000000000000000000000000000000"),
    ] {
        let ctx = context();
        ctx.register_table("t", table(&[Some(6 * e37), Some(6 * e37)], scale, 2))
            .unwrap();
        for sql in [
            "SELECT exact_sum(v) FROM t",
            "SELECT g, exact_sum(v) FROM t GROUP BY g",
        ] {
            let e = query(&ctx, sql).await.unwrap_err().to_string();
            assert!(
                e.contains(&format!(
                    "exact_sum overflow: the sum {total} does not fit Decimal128(38, {scale})"
                )),
                "{sql}: {e}"
            );
        }
        // hhi's total does not fit either
        let e = query(&ctx, "SELECT hhi(v) FROM t")
            .await
            .unwrap_err()
            .to_string();
        assert!(e.contains("hhi overflow"), "{e}");
    }
}

/// No rows, and only NULLs: every aggregate is NULL, never 0 or an error.
#[tokio::test]
async fn aggregates_of_nothing_are_null() {
    let ctx = context();
    ctx.register_table("t", table(&[None, None], 2, 2)).unwrap();
    for filter in ["", "WHERE g = 2"] {
        let batches = query(
            &ctx,
            &format!(
                "SELECT exact_sum(v), hhi(v), trend_growth(g, v), \
                 arrow_typeof(exact_sum(v)), arrow_typeof(hhi(v)) FROM t {filter}"
            ),
        )
        .await
        .unwrap();
        assert_eq!(
            rows(&batches),
            [["", "", "", "Decimal128(38, 2)", "Decimal128(38, 28)"]],
            "{filter}"
        );
        // grouped: no group at all
        let batches = query(
            &ctx,
            &format!("SELECT g, exact_sum(v), hhi(v) FROM t {filter} GROUP BY g"),
        )
        .await
        .unwrap();
        let expected: Vec<Vec<&str>> = if filter.is_empty() {
            vec![vec!["1", "", ""]]
        } else {
            vec![]
        };
        assert_eq!(rows(&batches), expected, "{filter}");
    }
    // a NULL literal, and a FILTER that keeps nothing
    let batches = query(
        &ctx,
        "SELECT exact_sum(NULL), hhi(NULL), trend_growth(NULL, NULL), \
         exact_sum(v) FILTER (WHERE g = 2) FROM t",
    )
    .await
    .unwrap();
    assert_eq!(rows(&batches), [["", "", "", ""]]);
    // scalar functions over no rows: no rows
    let batches = query(
        &ctx,
        "SELECT trade_growth(v, v), comtrade_area(g) FROM t WHERE g = 2",
    )
    .await
    .unwrap();
    assert!(rows(&batches).is_empty());
}

/// As window functions: a growing frame gives the running figures; a sliding frame, which needs
/// rows taken out of a state, is an error rather than a running total passed off as a window.
#[tokio::test]
async fn aggregates_as_window_functions() {
    let ctx = context();
    query(
        &ctx,
        "CREATE TABLE w (y INT, v DECIMAL(10, 2)) AS VALUES (2020, 1.50), (2021, 2.25), (2022, 3.00)",
    )
    .await
    .unwrap();
    let running = query(
        &ctx,
        "SELECT y, exact_sum(v) OVER (ORDER BY y) FROM w ORDER BY y",
    )
    .await
    .unwrap();
    // 1.50, 1.50 + 2.25 = 3.75, 3.75 + 3.00 = 6.75
    assert_eq!(
        rows(&running),
        [["2020", "1.50"], ["2021", "3.75"], ["2022", "6.75"]]
    );
    let e = query(
        &ctx,
        "SELECT y, exact_sum(v) OVER (ORDER BY y ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM w",
    )
    .await
    .unwrap_err()
    .to_string();
    assert!(e.contains("`retract_batch` is not implemented"), "{e}");
}
