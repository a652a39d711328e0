//! The SQL functions on hand-worked values, NULLs, zeros, negatives and undefined cases.
//! Expected values were worked out with Python's `decimal` at 60 digits (in the comments) and
//! rounded as the function documents.

use crate::common::{context, one_value, query};
use rust_decimal::Decimal;
use std::str::FromStr;

async fn value(sql: &str) -> String {
    one_value(&context(), sql).await.unwrap()
}

async fn error(sql: &str) -> String {
    match query(&context(), sql).await {
        Ok(batches) => panic!("expected an error from {sql}, got {batches:?}"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn growth_hand_worked() {
    // (6.3 - 4.1) / 4.1 = 0.536585365853658536585365853658536..., 28 decimals half to even
    assert_eq!(
        value("SELECT trade_growth(4.1, 6.3)").await,
        "0.5365853658536585365853658537"
    );
    // a fall: (90 - 120) / 120 = -0.25, held exactly at scale 28
    assert_eq!(
        value("SELECT trade_growth(120, 90)").await,
        "-0.2500000000000000000000000000"
    );
    // to zero: -100%
    assert_eq!(
        value("SELECT trade_growth(5, 0)").await,
        "-1.0000000000000000000000000000"
    );
}

#[tokio::test]
async fn growth_to_significant_digits() {
    // (50494710.955 - 1897011.582) / 1897011.582 = 25.61802987083713018679924960(06...): 28
    // significant digits, as comtrade_summary writes it ("25.6180298708371301867992496")
    assert_eq!(
        value("SELECT trade_growth(1897011.582, 50494710.955, 28)").await,
        "25.6180298708371301867992496000"
    );
    // below 1 the 28 decimals of Decimal128(38, 28) end first: the same as two arguments
    assert_eq!(
        value("SELECT trade_growth(4.1, 6.3, 28)").await,
        "0.5365853658536585365853658537"
    );
    assert_eq!(
        value("SELECT trade_growth(4.1, 6.3, 3)").await,
        "0.5370000000000000000000000000"
    );
    // half to even: 0.125 -> 0.12, 0.135 -> 0.14, -0.125 -> -0.12
    assert_eq!(
        value("SELECT trade_growth(100, 112.5, 2)").await,
        "0.1200000000000000000000000000"
    );
    assert_eq!(
        value("SELECT trade_growth(100, 113.5, 2)").await,
        "0.1400000000000000000000000000"
    );
    assert_eq!(
        value("SELECT trade_growth(100, 87.5, 2)").await,
        "-0.1200000000000000000000000000"
    );
    // rounding up to the next power of ten: 9.96 with 2 digits is 10
    assert_eq!(
        value("SELECT trade_growth(1, 10.96, 2)").await,
        "10.0000000000000000000000000000"
    );
    assert_eq!(
        value("SELECT trade_growth(5, 5, 28)").await,
        "0.0000000000000000000000000000"
    );
    let e = error("SELECT trade_growth(0, 5, 28)").await;
    assert!(e.contains("undefined"), "{e}");
    let e = error("SELECT trade_growth(1, 5, 0)").await;
    assert!(e.contains("significant digits 0"), "{e}");
    assert_eq!(value("SELECT trade_growth(1, 5, NULL)").await, "");
}

#[tokio::test]
async fn growth_undefined_is_an_error_not_null() {
    let e = error("SELECT trade_growth(0, 5)").await;
    assert!(
        e.contains("trade_growth(0, 5)") && e.contains("undefined"),
        "{e}"
    );
    let e = error("SELECT trade_growth(-2, 5)").await;
    assert!(e.contains("undefined"), "{e}");
    // 10^10 and more does not fit Decimal128(38, 28): an error naming the value
    let e = error("SELECT trade_growth(0.000001, 100000)").await;
    assert!(e.contains("does not fit Decimal128(38, 28)"), "{e}");
}

#[tokio::test]
async fn floats_are_refused() {
    let ctx = datafusion::prelude::SessionContext::new();
    let mut ctx = ctx;
    tradestat_datafusion::register_all(&mut ctx).unwrap();
    // Without parse_float_as_decimal, 4.1 is a Float64 literal.
    let e = query(&ctx, "SELECT trade_growth(4.1, 6.3)")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("floats are refused"), "{e}");
    let e = query(&ctx, "SELECT exact_sum(CAST(1.5 AS DOUBLE))")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("floats are refused"), "{e}");
}

#[tokio::test]
async fn cagr_and_required_rate_hand_worked() {
    // (10 / 6.3)^(1/3) - 1 = 0.166504674625336091031300973113...
    let cagr = value("SELECT trade_cagr(6.3, 10, 3)").await;
    assert_eq!(cagr, "0.1665046746253360910313009731");
    // (10e9 / 6.3e9)^(1/8) - 1 = 0.059454796044241735829043856286... (the README's 5.945%)
    let rate = value("SELECT trade_required_rate(6300000000, 10000000000, 8)").await;
    assert_eq!(rate, "0.0594547960442417358290438563");
    // a falling goal: (50 / 100)^(1/1) - 1 = -0.5
    assert_eq!(
        value("SELECT trade_required_rate(100, 50, 1)").await,
        "-0.5000000000000000000000000000"
    );
    // cagr to zero is -100%; a required rate to a zero goal is undefined
    assert_eq!(
        value("SELECT trade_cagr(100, 0, 4)").await,
        "-1.0000000000000000000000000000"
    );
    let e = error("SELECT trade_required_rate(100, 0, 4)").await;
    assert!(e.contains("goal must be positive"), "{e}");
    let e = error("SELECT trade_cagr(100, 120, 0)").await;
    assert!(e.contains("periods"), "{e}");
    let e = error("SELECT trade_cagr(100, 120, -3)").await;
    assert!(e.contains("out of range"), "{e}");
    let e = error("SELECT trade_cagr(0, 120, 3)").await;
    assert!(e.contains("undefined"), "{e}");
}

#[tokio::test]
async fn periods_to_reach_hand_worked() {
    // ln(10 / 6.3) / ln(1.33) = 1.620159805551099408752977977837..., 28 decimals
    assert_eq!(
        value("SELECT trade_periods_to_reach(6.3, 10, 0.33)").await,
        "1.6201598055510994087529779778"
    );
    // a goal equal to the base is no target (tradestat's Target refuses it)
    let e = error("SELECT trade_periods_to_reach(10, 10, 0.05)").await;
    assert!(e.contains("equals the base"), "{e}");
    let e = error("SELECT trade_required_rate(10, 10, 3)").await;
    assert!(e.contains("equals the base"), "{e}");
    // moving away from the goal, or not moving: unreachable, an error
    let e = error("SELECT trade_periods_to_reach(10, 20, -0.05)").await;
    assert!(e.contains("moves away"), "{e}");
    let e = error("SELECT trade_periods_to_reach(10, 20, 0)").await;
    assert!(e.contains("stays"), "{e}");
}

#[tokio::test]
async fn implied_previous_and_mirror_hand_worked() {
    // 6 300 000 000.00 / 1.33 = 4736842105.263157894736..., to cents half to even
    assert_eq!(
        value("SELECT trade_implied_previous(CAST(6300000000 AS DECIMAL(15, 2)), 0.33)").await,
        "4736842105.26"
    );
    // 100.00 / 1.06 = 94.339622641509433962...; 106.00 / 1.06 = 100 exactly
    assert_eq!(
        value("SELECT trade_mirror_fob(100.00, 1.06)").await,
        "94.34"
    );
    assert_eq!(
        value("SELECT trade_mirror_fob(106.00, 1.06)").await,
        "100.00"
    );
    // half to even at the value's scale: 0.25 / 2 = 0.125 -> 0.12; 0.35 / 2 = 0.175 -> 0.18
    assert_eq!(value("SELECT trade_mirror_fob(0.25, 2)").await, "0.12");
    assert_eq!(value("SELECT trade_mirror_fob(0.35, 2)").await, "0.18");
    // negative values: -0.25 / 2 = -0.125 -> -0.12; a fall of 20%: -80 / 0.8 = -100
    assert_eq!(value("SELECT trade_mirror_fob(-0.25, 2)").await, "-0.12");
    assert_eq!(
        value("SELECT trade_implied_previous(-80, -0.2)").await,
        "-100"
    );
    let e = error("SELECT trade_implied_previous(80, -1)").await;
    assert!(e.contains("fall of 100%"), "{e}");
    let e = error("SELECT trade_mirror_fob(80, 0)").await;
    assert!(e.contains("factor must be positive"), "{e}");
}

#[tokio::test]
async fn null_in_null_out() {
    let ctx = context();
    for sql in [
        "SELECT trade_growth(NULL, 5)",
        "SELECT trade_growth(5, NULL)",
        "SELECT trade_cagr(1, 2, NULL)",
        "SELECT trade_required_rate(NULL, 2, 3)",
        "SELECT trade_periods_to_reach(1, 2, NULL)",
        "SELECT trade_implied_previous(NULL, 0.1)",
        "SELECT trade_mirror_fob(10, NULL)",
        "SELECT comtrade_area(NULL)",
        "SELECT comtrade_area_name(NULL)",
    ] {
        assert_eq!(one_value(&ctx, sql).await.unwrap(), "", "{sql}");
    }
}

#[tokio::test]
async fn areas() {
    assert_eq!(value("SELECT comtrade_area(842)").await, "USA");
    assert_eq!(value("SELECT comtrade_area(398)").await, "KAZ");
    assert_eq!(value("SELECT comtrade_area(0)").await, "0");
    assert_eq!(value("SELECT comtrade_area(490)").await, "490");
    assert_eq!(value("SELECT comtrade_area(810)").await, "810");
    assert_eq!(
        value("SELECT comtrade_area_name(842)").await,
        "United States"
    );
    assert_eq!(value("SELECT comtrade_area_name(0)").await, "World");
    let e = error("SELECT comtrade_area(999)").await;
    assert!(e.contains("unmapped area code 999"), "{e}");
    let e = error("SELECT comtrade_area(-1)").await;
    assert!(e.contains("out of range"), "{e}");
}

const VALUES: &str = "CREATE TABLE t (g INT, v DECIMAL(38, 0)) AS VALUES \
     (1, 99999999999999999999999999999999999999), (1, 99999999999999999999999999999999999999), \
     (2, 5), (2, NULL), (3, NULL)";

#[tokio::test]
async fn exact_sum_errors_where_sum_wraps() {
    let ctx = context();
    query(&ctx, VALUES).await.unwrap();
    // DataFusion's SUM wraps: 2 x (10^38 - 1) comes back negative (apache/datafusion#16406).
    let wrapped = one_value(&ctx, "SELECT SUM(v) FROM t WHERE g = 1")
        .await
        .unwrap();
    assert!(wrapped.starts_with('-'), "SUM no longer wraps: {wrapped}");
    // exact_sum stops with an error naming the sum, 2 x (10^38 - 1), without and with GROUP BY.
    for sql in [
        "SELECT exact_sum(v) FROM t WHERE g = 1",
        "SELECT g, exact_sum(v) FROM t GROUP BY g",
    ] {
        let e = query(&ctx, sql).await.unwrap_err().to_string();
        assert!(
            e.contains(
                "exact_sum overflow: the sum 199999999999999999999999999999999999998 does not \
                 fit Decimal128(38, 0)"
            ),
            "{sql}: {e}"
        );
    }
}

#[tokio::test]
async fn exact_sum_agrees_with_sum_otherwise() {
    let ctx = context();
    query(
        &ctx,
        "CREATE TABLE m (g INT, v DECIMAL(12, 2)) AS VALUES \
         (1, 0.10), (1, 0.20), (1, -0.05), (2, 1234567890.12), (2, NULL), (3, NULL)",
    )
    .await
    .unwrap();
    let batches = query(
        &ctx,
        "SELECT g, CAST(exact_sum(v) AS VARCHAR) AS e, CAST(SUM(v) AS VARCHAR) AS s, \
         arrow_typeof(exact_sum(v)) AS t FROM m GROUP BY g ORDER BY g",
    )
    .await
    .unwrap();
    let rows = crate::common::rows(&batches);
    assert_eq!(rows[0], ["1", "0.25", "0.25", "Decimal128(38, 2)"]);
    assert_eq!(
        rows[1],
        ["2", "1234567890.12", "1234567890.12", "Decimal128(38, 2)"]
    );
    assert_eq!(rows[2], ["3", "", "", "Decimal128(38, 2)"]);
    // without GROUP BY
    assert_eq!(
        one_value(&ctx, "SELECT exact_sum(v) FROM m").await.unwrap(),
        "1234567890.37"
    );
}

#[tokio::test]
async fn trend_growth_matches_tradestat() {
    let ctx = context();
    query(
        &ctx,
        "CREATE TABLE s (k INT, y INT, q VARCHAR, v DECIMAL(10, 1)) AS VALUES \
         (1, 2020, '2020-Q1', 100), (1, 2021, '2020-Q2', 110), (1, 2022, '2020-Q3', 121), \
         (2, 2019, '2019-Q1', 50.5), (2, 2023, '2019-Q4', 20), (3, 2020, '2020-Q1', NULL)",
    )
    .await
    .unwrap();
    // 100, 110, 121: exactly 10% a year; tradestat computes it through ln and exp.
    let expected = |points: &[(&str, &str)]| {
        let pairs = points
            .iter()
            .map(|(p, v)| {
                (
                    p.parse().unwrap(),
                    tradestat::Money::new(Decimal::from_str(v).unwrap(), tradestat::Currency::XXX),
                )
            })
            .collect::<Vec<_>>();
        let series = tradestat::Series::with_gaps(pairs).unwrap();
        let mut g = tradestat::projection::trend(&series)
            .unwrap()
            .growth()
            .as_fraction();
        g.rescale(28);
        g.to_string()
    };
    let by_year = query(
        &ctx,
        "SELECT k, trend_growth(y, v) FROM s GROUP BY k ORDER BY k",
    )
    .await
    .unwrap();
    let by_quarter = query(
        &ctx,
        "SELECT k, trend_growth(q, v) FROM s GROUP BY k ORDER BY k",
    )
    .await
    .unwrap();
    let text = |b: &[arrow::array::RecordBatch], row| {
        arrow::util::display::array_value_to_string(b[0].column(1), row).unwrap()
    };
    let g1 = expected(&[("2020", "100"), ("2021", "110"), ("2022", "121")]);
    // 10% a year, to within ln and exp's last digit
    let ten_percent = Decimal::new(1, 1);
    assert!(
        (Decimal::from_str(&g1).unwrap() - ten_percent).abs() <= Decimal::new(1, 27),
        "{g1}"
    );
    assert_eq!(text(&by_year, 0), g1);
    assert_eq!(
        text(&by_year, 1),
        expected(&[("2019", "50.5"), ("2023", "20")]) // a gap of three years, a fall
    );
    assert_eq!(text(&by_year, 2), ""); // only NULLs: NULL
    assert_eq!(
        text(&by_quarter, 0),
        expected(&[("2020-Q1", "100"), ("2020-Q2", "110"), ("2020-Q3", "121")])
    );
    // one observation, a duplicate period, or a non-positive value: an error, not NULL
    for sql in [
        "SELECT trend_growth(y, v) FROM s WHERE k = 1 AND y = 2020",
        "SELECT trend_growth(2020, v) FROM s WHERE k = 1",
        "SELECT trend_growth(y, v - 100) FROM s WHERE k = 1",
    ] {
        assert!(query(&ctx, sql).await.is_err(), "{sql}");
    }
}

#[tokio::test]
async fn hhi_hand_worked() {
    let ctx = context();
    query(
        &ctx,
        "CREATE TABLE h (k INT, v DECIMAL(10, 2)) AS VALUES \
         (1, 50), (1, 30), (1, 20), (2, 1), (2, 2), (3, 7), (3, 7), (3, 7), (4, NULL), \
         (5, 0), (5, 0), (6, 5), (6, -1)",
    )
    .await
    .unwrap();
    let batches = query(
        &ctx,
        "SELECT k, hhi(v) FROM h WHERE k <= 4 GROUP BY k ORDER BY k",
    )
    .await
    .unwrap();
    let at = |row| arrow::util::display::array_value_to_string(batches[0].column(1), row).unwrap();
    // 0.5^2 + 0.3^2 + 0.2^2 = 0.38
    assert_eq!(at(0), "0.3800000000000000000000000000");
    // (1 + 4) / 9 = 0.5555..., half to even at 28 decimals
    assert_eq!(at(1), "0.5555555555555555555555555556");
    // three equal shares: 1/3
    assert_eq!(at(2), "0.3333333333333333333333333333");
    assert_eq!(at(3), "");
    let e = query(&ctx, "SELECT hhi(v) FROM h WHERE k = 5")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("zero total"), "{e}");
    let e = query(&ctx, "SELECT hhi(v) FROM h WHERE k = 6")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("negative"), "{e}");
}
