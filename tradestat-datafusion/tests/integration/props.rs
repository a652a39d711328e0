//! Each function against tradestat's own API on random inputs: equal results where tradestat
//! has one, an error where tradestat has an error, NULL for NULL.

use std::sync::Arc;

use crate::common::{context, decimal_at, decimal_column, invoke, query, udf};
use arrow::array::{Array, ArrayRef, Decimal128Array, Int64Array, RecordBatch};
use arrow::datatypes::{i256, DataType, Field, Schema};
use datafusion::datasource::MemTable;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use tradestat::{growth, Area, Currency, Money, Period, Rate, Target};

fn money(d: Decimal) -> Money {
    Money::new(d, Currency::XXX)
}

/// Decimals from -9.2e18 to 9.2e18 at scales 0 to 12, with zero and small values common.
fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        1 => Just(Decimal::ZERO),
        3 => (-1000_i64..1000, 0..=3_u32).prop_map(|(m, s)| Decimal::new(m, s)),
        6 => (any::<i64>(), 0..=12_u32).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

fn column(d: Decimal) -> ArrayRef {
    decimal_column(Some(d), d.scale())
}

fn int_column(n: i64) -> ArrayRef {
    Arc::new(Int64Array::from(vec![n]))
}

/// The one decimal result, or the error text.
fn call(name: &str, args: Vec<ArrayRef>) -> Result<Decimal, String> {
    invoke(&udf(name), args)
        .map(|a| decimal_at(&a, 0).unwrap())
        .map_err(|e| e.to_string())
}

/// Compares a rate-like result with tradestat's: equal when tradestat has one that fits
/// Decimal128(38, 28), an error otherwise.
fn same_rate(
    ours: Result<Decimal, String>,
    theirs: tradestat::Result<Rate>,
) -> Result<(), TestCaseError> {
    match (ours, theirs) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b.as_fraction()),
        (Err(e), Ok(b)) => prop_assert!(
            b.as_fraction().abs() >= Decimal::from(10_000_000_000_i64)
                && e.contains("does not fit"),
            "{e} for {b}"
        ),
        (Ok(a), Err(e)) => prop_assert!(false, "got {a}, tradestat says {e}"),
        (Err(_), Err(_)) => {}
    }
    Ok(())
}

/// Checks `ours` (exact quotient rounded half to even at `scale`) against tradestat's 28-digit
/// quotient `theirs`: within half a unit of `scale` plus half a unit of `theirs`' last digit,
/// and equal to `theirs` rounded to `scale` unless `theirs` sits exactly on a midpoint.
fn same_money(ours: Decimal, theirs: Decimal, scale: u32) -> Result<(), TestCaseError> {
    // half a unit of the last place at scale s (5e-29 is below a Decimal's grid: use 1e-28)
    let half = |s: u32| {
        if s >= 28 {
            Decimal::new(1, 28)
        } else {
            Decimal::new(5, s + 1)
        }
    };
    let bound = half(scale) + half(theirs.scale());
    prop_assert!(
        (ours - theirs).abs() <= bound,
        "{ours} vs {theirs} at scale {scale}"
    );
    let rounded = theirs.round_dp_with_strategy(scale, RoundingStrategy::MidpointNearestEven);
    let on_midpoint = (theirs - theirs.trunc_with_scale(scale)).abs() == half(scale);
    if theirs.scale() > scale && !on_midpoint {
        prop_assert_eq!(ours, rounded);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn growth_matches_tradestat(a in decimal(), b in decimal()) {
        let ours = call("trade_growth", vec![column(a), column(b)]);
        same_rate(ours, growth::growth(&money(a), &money(b)))?;
    }

    #[test]
    fn growth_to_28_digits_is_tradestats_below_one(a in decimal(), b in decimal()) {
        // Only where `b - a` is exact in a `Decimal`: tradestat's `growth` rounds the difference
        // to 28 digits before dividing (a second rounding; 872433795114334597 to
        // 9062094.93260891543 gives ...3123 for the exact ...31223987), while the three-argument
        // form is exact (`agree::growth_to_digits_is_quotient_to_significant`).
        // (a rounded difference has fewer decimals than the operands)
        prop_assume!(b.checked_sub(a).is_some_and(|d| d.scale() >= a.scale().max(b.scale())));
        let digits = Arc::new(Int64Array::from(vec![28_i64])) as ArrayRef;
        let ours = call("trade_growth", vec![column(a), column(b), digits]);
        match (ours, growth::growth(&money(a), &money(b))) {
            (Ok(x), Ok(g)) => {
                let g = g.as_fraction();
                if g.abs() < Decimal::ONE {
                    prop_assert_eq!(x, g);
                } else {
                    // 28 significant digits against tradestat's finer grid
                    let digits = x.normalize().mantissa().unsigned_abs().to_string().len();
                    prop_assert!(digits <= 28, "{x}");
                    // half a unit of the 28th digit, and tradestat's own rounding below it
                    let k = g.abs().trunc().to_string().len() as u32;
                    prop_assert!((x - g).abs() <= Decimal::new(6, 29 - k), "{x} vs {g}");
                }
            }
            (Err(e), Ok(g)) => prop_assert!(e.contains("does not fit") || e.contains("too large"), "{e} for {g}"),
            (Ok(x), Err(e)) => prop_assert!(false, "got {x}, tradestat says {e}"),
            (Err(_), Err(_)) => {}
        }
    }

    #[test]
    fn cagr_matches_tradestat(a in decimal(), b in decimal(), n in 0_i64..60) {
        let ours = call("trade_cagr", vec![column(a), column(b), int_column(n)]);
        same_rate(ours, growth::cagr(&money(a), &money(b), n as u32))?;
    }

    #[test]
    fn required_rate_matches_target(a in decimal(), b in decimal(), n in 1_i64..60) {
        let ours = call("trade_required_rate", vec![column(a), column(b), int_column(n)]);
        let start = Period::year(2000).unwrap();
        let theirs = Target::new(start, money(a), money(b), start.checked_add(n).unwrap())
            .and_then(|t| t.required_rate());
        same_rate(ours, theirs)?;
    }

    #[test]
    fn periods_to_reach_matches_target(a in decimal(), b in decimal(), r in decimal()) {
        let ours = call("trade_periods_to_reach", vec![column(a), column(b), column(r)]);
        let start = Period::year(2000).unwrap();
        let theirs = Target::new(start, money(a), money(b), start.checked_add(10).unwrap())
            .and_then(|t| t.periods_to_reach(Rate::from_fraction(r)))
            .map(|p| Rate::from_fraction(p.value()));
        same_rate(ours, theirs)?;
    }

    #[test]
    fn implied_previous_matches_tradestat(v in decimal(), r in decimal()) {
        let ours = call("trade_implied_previous", vec![column(v), column(r)]);
        match (ours, money(v).implied_previous(Rate::from_fraction(r))) {
            (Ok(a), Ok(b)) => same_money(a, b.amount(), v.scale())?,
            (Err(e), Ok(b)) => prop_assert!(e.contains("does not fit"), "{e} for {}", b.amount()),
            (Ok(a), Err(e)) => prop_assert!(false, "got {a}, tradestat says {e}"),
            (Err(_), Err(_)) => {}
        }
    }

    #[test]
    fn mirror_fob_is_the_rounded_quotient(v in decimal(), f in decimal()) {
        let ours = call("trade_mirror_fob", vec![column(v), column(f)]);
        if f <= Decimal::ZERO {
            prop_assert!(ours.unwrap_err().contains("factor must be positive"));
        } else if let Some(q) = v.checked_div(f) {
            match ours {
                Ok(a) => same_money(a, q, v.scale())?,
                Err(e) => prop_assert!(e.contains("does not fit"), "{e} for {q}"),
            }
        }
    }

    #[test]
    fn nulls_give_nulls(v in decimal(), which in 0_usize..3) {
        let null = decimal_column(None, 2);
        let mut args = vec![column(v), column(v), column(v)];
        args[which] = null;
        let ours = invoke(&udf("trade_periods_to_reach"), args).unwrap();
        prop_assert!(ours.is_null(0));
    }
}

#[test]
fn every_comtrade_code_matches_area() {
    for code in 0..=1000_i64 {
        let ours = invoke(&udf("comtrade_area"), vec![int_column(code)]);
        let name = invoke(&udf("comtrade_area_name"), vec![int_column(code)]);
        match Area::from_comtrade_code(code as u16) {
            Ok(area) => {
                let text = arrow::util::display::array_value_to_string(&ours.unwrap(), 0).unwrap();
                let expected = match area.country() {
                    Some(c) => c.alpha3().to_string(),
                    None => code.to_string(),
                };
                assert_eq!(text, expected);
                let name = arrow::util::display::array_value_to_string(&name.unwrap(), 0).unwrap();
                assert_eq!(name, area.name());
            }
            Err(_) => assert!(ours.is_err() && name.is_err(), "{code}"),
        }
    }
}

fn table(groups: &[i64], values: &[Option<i128>], scale: i8) -> Arc<MemTable> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("y", DataType::Int64, false),
        Field::new("v", DataType::Decimal128(38, scale), true),
    ]));
    let years: Vec<i64> = (0..values.len() as i64).map(|i| 2000 + i).collect();
    // Two batches, so the aggregates merge partial states.
    let half = values.len() / 2;
    let batch = |range: std::ops::Range<usize>| {
        RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(Int64Array::from(groups[range.clone()].to_vec())),
                Arc::new(Int64Array::from(years[range.clone()].to_vec())),
                Arc::new(
                    Decimal128Array::from(values[range].to_vec())
                        .with_precision_and_scale(38, scale)
                        .unwrap(),
                ),
            ],
        )
        .unwrap()
    };
    Arc::new(
        MemTable::try_new(
            schema.clone(),
            vec![vec![batch(0..half)], vec![batch(half..values.len())]],
        )
        .unwrap(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn exact_sum_is_the_exact_sum(rows in prop::collection::vec((0_i64..4, prop::option::weighted(0.9, any::<i64>())), 1..60)) {
        let groups: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let values: Vec<Option<i128>> = rows.iter().map(|r| r.1.map(i128::from)).collect();
        let ctx = context();
        ctx.register_table("t", table(&groups, &values, 3)).unwrap();
        let batches = runtime()
            .block_on(query(&ctx, "SELECT g, exact_sum(v), SUM(v) FROM t GROUP BY g ORDER BY g"))
            .unwrap();
        for row in crate::common::rows(&batches) {
            let g: i64 = row[0].parse().unwrap();
            let mine: Vec<i128> = groups.iter().zip(&values).filter(|(x, _)| **x == g).filter_map(|(_, v)| *v).collect();
            let expected = if mine.is_empty() {
                String::new()
            } else {
                tradestat_datafusion::decimal::format_mantissa(mine.iter().sum(), 3)
            };
            prop_assert_eq!(&row[1], &expected);
            prop_assert_eq!(&row[2], &expected); // the built-in SUM agrees where it does not wrap
        }
    }

    #[test]
    fn hhi_is_correctly_rounded(values in prop::collection::vec(0_i64..1_000_000_000_000, 1..30)) {
        prop_assume!(values.iter().any(|v| *v > 0));
        let ctx = context();
        let mantissas: Vec<Option<i128>> = values.iter().map(|v| Some(i128::from(*v))).collect();
        ctx.register_table("t", table(&vec![0; values.len()], &mantissas, 2)).unwrap();
        let batches = runtime().block_on(query(&ctx, "SELECT hhi(v) FROM t")).unwrap();
        let index = batches[0].column(0).as_any().downcast_ref::<Decimal128Array>().unwrap().value(0);
        // |index * T^2 - S2 * 10^28| <= T^2 / 2
        let big = |x: i128| i256::from_i128(x);
        let total: i128 = values.iter().map(|v| i128::from(*v)).sum();
        let squares = values.iter().fold(i256::ZERO, |acc, v| acc + big(i128::from(*v)) * big(i128::from(*v)));
        let t2 = big(total) * big(total);
        let error = (big(index) * t2 - squares * big(10_i128.pow(28))).wrapping_abs();
        prop_assert!(error * big(2) <= t2);
    }

    #[test]
    fn trend_growth_matches_projection(values in prop::collection::vec(1_i64..1_000_000_000, 2..25)) {
        let ctx = context();
        let mantissas: Vec<Option<i128>> = values.iter().map(|v| Some(i128::from(*v))).collect();
        ctx.register_table("t", table(&vec![0; values.len()], &mantissas, 1)).unwrap();
        let batches = runtime().block_on(query(&ctx, "SELECT trend_growth(y, v) FROM t")).unwrap();
        let ours = decimal_at(batches[0].column(0), 0).unwrap();
        let decimals: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 1)).collect();
        let series = tradestat::Series::from_values(Period::year(2000).unwrap(), &decimals, Currency::XXX).unwrap();
        let theirs = tradestat::projection::trend(&series).unwrap().growth().as_fraction();
        prop_assert_eq!(ours, theirs);
    }
}
