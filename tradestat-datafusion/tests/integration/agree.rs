//! Every SQL function against the core crate on the whole range of `Decimal128(38, s)`, scales 0
//! to 38 (issue 14, item 16): equal where tradestat has a result that the column type holds, an
//! error where tradestat errors or cannot take the argument (a mantissa beyond 96 bits, more than
//! 28 decimals), NULL for NULL whatever the other arguments; the aggregates the same whatever the
//! rows' order and partitions.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Decimal128Array, Int64Array, RecordBatch};
use arrow::datatypes::{i256, DataType, Field, Schema};
use datafusion::datasource::MemTable;
use datafusion::prelude::{SessionConfig, SessionContext};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use tradestat::indicators::Hhi;
use tradestat::math::quotient_to_significant;
use tradestat::{growth, Area, Currency, Money, Period, Rate, Target};
use tradestat_datafusion::decimal::{format_mantissa, from_mantissa};

use crate::common::{decimal_at, invoke, query, rows, udf};
use crate::hardening::mantissas;

const MAX38: i128 = 99_999_999_999_999_999_999_999_999_999_999_999_999;

fn money(d: Decimal) -> Money {
    Money::new(d, Currency::XXX)
}

/// A `Decimal128(38, s)` value as (mantissa, scale): scales 0 and 38 often, the edges of 38
/// digits, 96 bits and zero, and small values that tradestat takes.
fn wide() -> impl Strategy<Value = (i128, i8)> {
    let scale = prop_oneof![2 => Just(0_i8), 2 => Just(38_i8), 3 => 0..=38_i8];
    let mantissa = prop_oneof![
        1 => Just(0_i128),
        1 => prop_oneof![
            Just(MAX38),
            Just(-MAX38),
            Just((1_i128 << 96) - 1),
            Just(1_i128 - (1 << 96)),
        ],
        3 => -1000_i128..1000,
        3 => any::<i64>().prop_map(i128::from),
        3 => any::<i128>().prop_map(|m| m % (MAX38 + 1)),
    ];
    (mantissa, scale)
}

fn column((m, s): (i128, i8)) -> ArrayRef {
    mantissas(&[Some(m)], s)
}

fn int_column(n: i64) -> ArrayRef {
    Arc::new(Int64Array::from(vec![n]))
}

/// The one result's mantissa and scale (money results at scale 38 are no `Decimal`).
fn call_mantissa(name: &str, args: Vec<ArrayRef>) -> Result<i128, String> {
    let out = invoke(&udf(name), args).map_err(|e| e.to_string())?;
    let out = out.as_any().downcast_ref::<Decimal128Array>().unwrap();
    Ok(out.value(0))
}

fn call(name: &str, args: Vec<ArrayRef>) -> Result<Decimal, String> {
    invoke(&udf(name), args)
        .map(|a| decimal_at(&a, 0).unwrap())
        .map_err(|e| e.to_string())
}

/// Compares a rate-like result with tradestat's: equal when tradestat's fits
/// `Decimal128(38, 28)`, an error otherwise.
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

/// Runs a rate function on wide arguments: when tradestat cannot take one of them, ours is an
/// error naming it; otherwise `core` decides.
fn rate_case(
    name: &str,
    args: &[(i128, i8)],
    integer: Option<i64>,
    core: impl Fn(&[Decimal]) -> tradestat::Result<Rate>,
) -> Result<(), TestCaseError> {
    let mut columns: Vec<ArrayRef> = args.iter().map(|a| column(*a)).collect();
    if let Some(n) = integer {
        columns.insert(2, int_column(n));
    }
    let ours = call(name, columns);
    let decimals: Result<Vec<Decimal>, _> =
        args.iter().map(|(m, s)| from_mantissa(*m, *s)).collect();
    match decimals {
        Ok(d) => same_rate(ours, core(&d)),
        Err(e) => match ours {
            Ok(x) => Err(TestCaseError::fail(format!(
                "{name}: got {x} where tradestat cannot take an argument: {e}"
            ))),
            Err(text) => {
                prop_assert!(text.contains(&e.to_string()), "{text} does not say {e}");
                Ok(())
            }
        },
    }
}

/// `value / divisor` at the value's scale was rounded once, half to even:
/// `|r · divisor - numerator| <= divisor / 2`, and even on a tie.
fn correctly_rounded(r: i128, numerator: i256, divisor: i256) -> Result<(), TestCaseError> {
    let error = (i256::from_i128(r) * divisor - numerator).wrapping_abs();
    let twice = error * i256::from_i128(2);
    prop_assert!(twice <= divisor, "{r} for {numerator} / {divisor}");
    if twice == divisor {
        prop_assert!(r % 2 == 0, "a tie rounds to even: {r}");
    }
    Ok(())
}

fn ten_to(k: i8) -> i256 {
    i256::from_i128(10)
        .checked_pow(u32::from(k.unsigned_abs()))
        .unwrap()
}

/// `c - p` exactly, when a `Decimal` holds it.
fn exact_sub(c: Decimal, p: Decimal) -> Option<Decimal> {
    let s = c.scale().max(p.scale());
    let up = |d: Decimal| d.mantissa().checked_mul(10_i128.pow(s - d.scale()));
    let diff = up(c)?.checked_sub(up(p)?)?;
    Decimal::try_from_i128_with_scale(diff, s).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn growth_on_wide_decimals(p in wide(), c in wide()) {
        rate_case("trade_growth", &[p, c], None, |d| growth::growth(&money(d[0]), &money(d[1])))?;
    }

    #[test]
    fn cagr_on_wide_decimals(p in wide(), c in wide(), n in 0_i64..40) {
        rate_case("trade_cagr", &[p, c], Some(n), |d| {
            growth::cagr(&money(d[0]), &money(d[1]), n as u32)
        })?;
    }

    #[test]
    fn required_rate_on_wide_decimals(p in wide(), c in wide(), n in 1_i64..40) {
        rate_case("trade_required_rate", &[p, c], Some(n), |d| {
            let start = Period::year(2000)?;
            Target::new(start, money(d[0]), money(d[1]), start.checked_add(n)?)?.required_rate()
        })?;
    }

    #[test]
    fn periods_to_reach_on_wide_decimals(p in wide(), c in wide(), r in wide()) {
        rate_case("trade_periods_to_reach", &[p, c, r], None, |d| {
            let start = Period::year(2000)?;
            Target::new(start, money(d[0]), money(d[1]), start.checked_add(10)?)?
                .periods_to_reach(Rate::from_fraction(d[2]))
                .map(|p| Rate::from_fraction(p.value()))
        })?;
    }

    /// With a third argument, tradestat's `quotient_to_significant` of `(c - p) / p`: the same
    /// rule (at most `digits` significant digits, never finer than 1e-28), one rounding.
    #[test]
    fn growth_to_digits_is_quotient_to_significant(
        p in wide(), c in wide(), digits in 1_i64..=28,
    ) {
        let ours = call("trade_growth", vec![column(p), column(c), int_column(digits)]);
        let (Ok(pd), Ok(cd)) = (from_mantissa(p.0, p.1), from_mantissa(c.0, c.1)) else {
            // computed on the mantissas, no tradestat to compare with; checked by hand elsewhere
            return Ok(());
        };
        if pd <= Decimal::ZERO {
            prop_assert!(ours.unwrap_err().contains("undefined"));
            return Ok(());
        }
        let Some(change) = exact_sub(cd, pd) else { return Ok(()) };
        match (ours, quotient_to_significant(&[change], &[pd], digits as u32)) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b, "{} -> {}", pd, cd),
            (Err(e), Ok(b)) => prop_assert!(
                b.abs() >= Decimal::from(10_000_000_000_i64) && e.contains("does not fit"),
                "{e} for {b}"
            ),
            (Ok(a), Err(e)) => {
                // tradestat's quotient_to_significant fails ("overflow") when the quotient has
                // more integer digits than `digits` (-100001 to 1 digit); compare with the
                // 28-digit quotient rounded to `digits`, except on a midpoint of that grid
                let approx = change.checked_div(pd).unwrap();
                prop_assert!(approx.abs() >= Decimal::from(10_i64.pow(digits as u32)), "got {a}, tradestat says {e}");
                let even = approx.round_sf_with_strategy(digits as u32, RoundingStrategy::MidpointNearestEven).unwrap();
                let away = approx.round_sf_with_strategy(digits as u32, RoundingStrategy::MidpointAwayFromZero).unwrap();
                if even == away {
                    prop_assert_eq!(a, even);
                }
            }
            (Err(_), Err(_)) => {}
        }
    }

    /// Money results keep the value's scale: the exact quotient rounded once, half to even,
    /// checked on 256-bit integers (tradestat's `Money` cannot hold most of these values).
    #[test]
    fn mirror_fob_is_correctly_rounded(v in wide(), f in wide()) {
        let ours = call_mantissa("trade_mirror_fob", vec![column(v), column(f)]);
        if f.0 <= 0 {
            prop_assert!(ours.unwrap_err().contains("factor must be positive"));
            return Ok(());
        }
        // v / (f / 10^k) = v · 10^k / f
        let numerator = i256::from_i128(v.0) * ten_to(f.1);
        match ours {
            Ok(r) => {
                correctly_rounded(r, numerator, i256::from_i128(f.0))?;
            }
            Err(e) => {
                // only a quotient beyond 38 digits
                prop_assert!(e.contains("does not fit"), "{e}");
                let q = numerator / i256::from_i128(f.0);
                prop_assert!(q.wrapping_abs() >= i256::from_i128(MAX38), "{e}");
            }
        }
    }

    #[test]
    fn implied_previous_is_correctly_rounded(v in wide(), r in wide()) {
        let ours = call_mantissa("trade_implied_previous", vec![column(v), column(r)]);
        // v / (1 + r / 10^k) = v · 10^k / (10^k + r)
        let divisor = ten_to(r.1) + i256::from_i128(r.0);
        if divisor <= i256::ZERO {
            prop_assert!(ours.unwrap_err().contains("fall of 100%"));
            return Ok(());
        }
        let numerator = i256::from_i128(v.0) * ten_to(r.1);
        match &ours {
            Ok(x) => correctly_rounded(*x, numerator, divisor)?,
            Err(e) => {
                prop_assert!(e.contains("does not fit"), "{e}");
                prop_assert!((numerator / divisor).wrapping_abs() >= i256::from_i128(MAX38), "{e}");
            }
        }
        // and tradestat's Money::implied_previous, where it takes the arguments, within its
        // own 28-digit rounding
        if let (Ok(vd), Ok(rd), Ok(Ok(x))) = (
            from_mantissa(v.0, v.1),
            from_mantissa(r.0, r.1),
            ours.map(|m| from_mantissa(m, v.1)),
        ) {
            if let Ok(theirs) = money(vd).implied_previous(Rate::from_fraction(rd)) {
                // half a unit of our scale plus half a unit of tradestat's last digit
                let unit = |s: u32| Decimal::new(1, s.min(28));
                let bound = unit(u32::from(v.1.unsigned_abs())) + unit(theirs.amount().scale());
                prop_assert!((x - theirs.amount()).abs() <= bound, "{x} vs {}", theirs.amount());
            }
        }
    }

    #[test]
    fn area_codes_match_area(code in prop_oneof![0_i64..1000, any::<i64>(), 0_i64..=65_535]) {
        let ours = invoke(&udf("comtrade_area"), vec![int_column(code)]);
        let name = invoke(&udf("comtrade_area_name"), vec![int_column(code)]);
        let area = u16::try_from(code).ok().and_then(|c| Area::from_comtrade_code(c).ok());
        match area {
            Some(area) => {
                let text = arrow::util::display::array_value_to_string(&ours.unwrap(), 0).unwrap();
                let expected = area.country().map_or(code.to_string(), |c| c.alpha3().to_owned());
                prop_assert_eq!(text, expected);
                let name = arrow::util::display::array_value_to_string(&name.unwrap(), 0).unwrap();
                prop_assert_eq!(name, area.name());
            }
            None => prop_assert!(ours.is_err() && name.is_err(), "{code}"),
        }
    }

    /// NULL in any position gives NULL, whatever the other arguments (zero bases, periods out of
    /// range, values tradestat cannot take).
    #[test]
    fn null_in_any_position(
        which in 0_usize..3, a in wide(), b in wide(), c in wide(), n in any::<i64>(),
    ) {
        let null = || mantissas(&[None], 2);
        let null_int = || Arc::new(Int64Array::from(vec![None::<i64>])) as ArrayRef;
        let with_null = |mut args: Vec<ArrayRef>, integer_at: Option<usize>| {
            let i = which % args.len();
            args[i] = if Some(i) == integer_at { null_int() } else { null() };
            args
        };
        let cases: Vec<(&str, Vec<ArrayRef>)> = vec![
            ("trade_growth", with_null(vec![column(a), column(b)], None)),
            ("trade_growth", with_null(vec![column(a), column(b), int_column(n)], Some(2))),
            ("trade_cagr", with_null(vec![column(a), column(b), int_column(n)], Some(2))),
            ("trade_required_rate", with_null(vec![column(a), column(b), int_column(n)], Some(2))),
            ("trade_periods_to_reach", with_null(vec![column(a), column(b), column(c)], None)),
            ("trade_implied_previous", with_null(vec![column(a), column(b)], None)),
            ("trade_mirror_fob", with_null(vec![column(a), column(b)], None)),
            ("comtrade_area", vec![null_int()]),
            ("comtrade_area_name", vec![null_int()]),
        ];
        for (name, args) in cases {
            let out = invoke(&udf(name), args).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
            prop_assert!(out.is_null(0), "{name}");
        }
    }
}

// ---- aggregates: against the exact sums and tradestat, over any split into partitions ----

fn context(partitions: usize) -> SessionContext {
    context_with(partitions, false)
}

/// With `skip_partial`, DataFusion skips the partial aggregation at once and turns each row into
/// a state of its own (`GroupsAccumulator::convert_to_state`).
fn context_with(partitions: usize, skip_partial: bool) -> SessionContext {
    let mut config = SessionConfig::new()
        .with_target_partitions(partitions)
        .set_bool("datafusion.sql_parser.parse_float_as_decimal", true);
    if skip_partial {
        config = config
            .set_usize(
                "datafusion.execution.skip_partial_aggregation_probe_rows_threshold",
                0,
            )
            .set_str(
                "datafusion.execution.skip_partial_aggregation_probe_ratio_threshold",
                "0.0",
            );
    }
    let mut ctx = SessionContext::new_with_config(config);
    tradestat_datafusion::register_all(&mut ctx).unwrap();
    ctx
}

/// A table (g, y, v) split into partitions at `cuts`; `y` is 2000 + the row's index.
fn split_table(rows: &[(i64, Option<i128>)], scale: i8, cuts: &[usize]) -> Arc<MemTable> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("g", DataType::Int64, false),
        Field::new("y", DataType::Int64, false),
        Field::new("v", DataType::Decimal128(38, scale), true),
    ]));
    let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (rows.len() + 1)).collect();
    bounds.extend([0, rows.len()]);
    bounds.sort_unstable();
    bounds.dedup();
    let parts = bounds
        .windows(2)
        .map(|w| {
            let range = w[0]..w[1];
            let part = &rows[range.clone()];
            vec![RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(Int64Array::from(
                        part.iter().map(|r| r.0).collect::<Vec<_>>(),
                    )),
                    Arc::new(Int64Array::from(
                        range.map(|i| 2000 + i as i64).collect::<Vec<_>>(),
                    )),
                    Arc::new(
                        Decimal128Array::from(part.iter().map(|r| r.1).collect::<Vec<_>>())
                            .with_precision_and_scale(38, scale)
                            .unwrap(),
                    ),
                ],
            )
            .unwrap()]
        })
        .collect();
    Arc::new(MemTable::try_new(schema, parts).unwrap())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Each group's result, or the query's error.
fn per_group(ctx: &SessionContext, select: &str) -> Result<Vec<Vec<String>>, String> {
    runtime()
        .block_on(query(
            ctx,
            &format!("SELECT g, {select} FROM t GROUP BY g ORDER BY g"),
        ))
        .map(|b| rows(&b))
        .map_err(|e| e.to_string())
}

fn big_value() -> impl Strategy<Value = Option<i128>> {
    prop::option::weighted(
        0.9,
        prop_oneof![
            any::<i64>().prop_map(i128::from),
            (-MAX38..=MAX38),
            prop_oneof![Just(MAX38), Just(-MAX38)],
        ],
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// The exact sum when it fits 38 digits, else an error naming it: the same for every split
    /// into partitions and every number of target partitions.
    #[test]
    fn exact_sum_is_exact_or_an_error_whatever_the_split(
        rows in prop::collection::vec((0_i64..3, big_value()), 1..24),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
        scale in prop_oneof![Just(0_i8), Just(38_i8), 0..=38_i8],
        partitions in 1_usize..4,
        skip_partial in any::<bool>(),
    ) {
        let ctx = context_with(partitions, skip_partial);
        ctx.register_table("t", split_table(&rows, scale, &cuts)).unwrap();
        let ours = per_group(&ctx, "exact_sum(v)");
        let mut expected = Vec::new();
        let mut overflow = false;
        for g in 0..3 {
            let mine: Vec<i128> = rows.iter().filter(|r| r.0 == g).filter_map(|r| r.1).collect();
            if !rows.iter().any(|r| r.0 == g) {
                continue;
            }
            let sum = mine.iter().fold(i256::ZERO, |a, v| a + i256::from_i128(*v));
            let text = if mine.is_empty() {
                String::new()
            } else if sum.wrapping_abs() > i256::from_i128(MAX38) {
                overflow = true;
                String::new()
            } else {
                format_mantissa(sum.as_i128(), scale)
            };
            expected.push(vec![g.to_string(), text]);
        }
        if overflow {
            let e = ours.unwrap_err();
            prop_assert!(e.contains("exact_sum overflow: the sum"), "{e}");
        } else {
            prop_assert_eq!(ours.unwrap(), expected);
        }
    }

    /// tradestat's `Hhi` (formed exactly, rounded once), or an error where it errors (a negative
    /// value, a zero total); NULL for a group of NULLs.
    #[test]
    fn hhi_is_tradestats_whatever_the_split(
        rows in prop::collection::vec(
            (0_i64..3, prop::option::weighted(0.9, prop_oneof![8 => 0_i64..1_000_000_000_000, 1 => -5_i64..0])),
            1..24,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
        scale in 0_i8..=6,
        partitions in 1_usize..4,
    ) {
        let rows: Vec<(i64, Option<i128>)> = rows.iter().map(|(g, v)| (*g, v.map(i128::from))).collect();
        let ctx = context(partitions);
        ctx.register_table("t", split_table(&rows, scale, &cuts)).unwrap();
        let ours = per_group(&ctx, "hhi(v)");
        let mut expected = Ok(Vec::new());
        for g in 0..3 {
            if !rows.iter().any(|r| r.0 == g) {
                continue;
            }
            let values: Vec<(usize, Money)> = rows
                .iter()
                .filter(|r| r.0 == g)
                .filter_map(|r| r.1)
                .map(|m| money(Decimal::from_i128_with_scale(m, scale as u32)))
                .enumerate()
                .collect();
            if values.is_empty() {
                if let Ok(e) = expected.as_mut() { e.push(vec![g.to_string(), String::new()]) }
                continue;
            }
            match Hhi::new(values) {
                Ok(h) => {
                    let mut v = h.value();
                    v.rescale(28);
                    if let Ok(e) = expected.as_mut() { e.push(vec![g.to_string(), v.to_string()]) }
                }
                Err(e) => expected = Err(e.to_string()),
            }
        }
        match (ours, expected) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "ours {a:?}, tradestat {b:?}"),
        }
    }

    /// tradestat's `projection::trend` over the group's (year, value) points, or an error where
    /// it errors (one point, a value of zero or below); the same for every split.
    #[test]
    fn trend_growth_is_tradestats_whatever_the_split(
        values in prop::collection::vec(prop_oneof![9 => 1_i64..1_000_000_000, 1 => -3_i64..=0], 1..16),
        cuts in prop::collection::vec(any::<usize>(), 0..4),
        partitions in 1_usize..4,
    ) {
        let rows: Vec<(i64, Option<i128>)> = values.iter().map(|v| (0, Some(i128::from(*v)))).collect();
        let ctx = context(partitions);
        ctx.register_table("t", split_table(&rows, 2, &cuts)).unwrap();
        let ours = runtime()
            .block_on(query(&ctx, "SELECT trend_growth(y, v) FROM t"))
            .map(|b| decimal_at(b[0].column(0), 0).unwrap())
            .map_err(|e| e.to_string());
        let decimals: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 2)).collect();
        let theirs = tradestat::Series::from_values(Period::year(2000).unwrap(), &decimals, Currency::XXX)
            .and_then(|s| tradestat::projection::trend(&s))
            .map(|t| t.growth().as_fraction());
        match (ours, theirs) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(_), Err(_)) => {}
            (a, b) => prop_assert!(false, "ours {a:?}, tradestat {b:?}"),
        }
    }
}

/// The aggregates at both ends of `Decimal128(38, s)`: scale 38 (values below 1) and scale 0
/// (38-digit integers), worked by hand.
#[tokio::test]
async fn aggregates_at_scale_0_and_38() {
    let ctx = context(2);
    let e37 = 10_i128.pow(37);
    // scale 38: 0.1, 0.11, 0.121 (a 10% trend), and 0.5 + 0.25 + 0.25 for hhi
    ctx.register_table(
        "t",
        split_table(
            &[
                (0, Some(e37)),
                (0, Some(11 * (e37 / 10))),
                (0, Some(121 * (e37 / 100))),
            ],
            38,
            &[1],
        ),
    )
    .unwrap();
    let g = rows(
        &query(&ctx, "SELECT trend_growth(y, v), exact_sum(v) FROM t")
            .await
            .unwrap(),
    );
    let trend: Decimal = g[0][0].parse().unwrap();
    // 10% a period, to within ln and exp's last digits, and tradestat's own figure
    assert!(
        (trend - Decimal::new(1, 1)).abs() <= Decimal::new(1, 26),
        "{trend}"
    );
    let values = [
        Decimal::new(1, 1),
        Decimal::new(11, 2),
        Decimal::new(121, 3),
    ];
    let series =
        tradestat::Series::from_values(Period::year(2000).unwrap(), &values, Currency::XXX)
            .unwrap();
    let theirs = tradestat::projection::trend(&series)
        .unwrap()
        .growth()
        .as_fraction();
    assert_eq!(trend, theirs);
    // 0.1 + 0.11 + 0.121 = 0.331
    assert_eq!(g[0][1], "0.33100000000000000000000000000000000000");
    ctx.register_table(
        "h",
        split_table(
            &[
                (0, Some(5 * e37)),
                (0, Some(25 * (e37 / 10))),
                (0, Some(25 * (e37 / 10))),
            ],
            38,
            &[2],
        ),
    )
    .unwrap();
    // 0.5^2 + 0.25^2 + 0.25^2 over a total of 1... which does not fit scale 38: an error
    let e = query(&ctx, "SELECT hhi(v) FROM h")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("hhi overflow"), "{e}");
    // shares 0.4/0.9 and 0.5/0.9 at scale 38: (16 + 25) / 81 = 0.5061728395061728395061728395|06
    ctx.register_table(
        "i",
        split_table(&[(0, Some(4 * e37)), (0, Some(5 * e37))], 38, &[1]),
    )
    .unwrap();
    assert_eq!(
        rows(&query(&ctx, "SELECT hhi(v) FROM i").await.unwrap()),
        [["0.5061728395061728395061728395"]]
    );
    // scale 0: 38-digit values sum exactly to the limit, and trend_growth cannot take them
    ctx.register_table(
        "z",
        split_table(&[(0, Some(MAX38 - 5)), (0, Some(5)), (0, Some(0))], 0, &[1]),
    )
    .unwrap();
    assert_eq!(
        rows(
            &query(&ctx, "SELECT exact_sum(v), hhi(v) FROM z")
                .await
                .unwrap()
        ),
        // (M - 5)^2 + 25 over M^2, M = 10^38 - 1: 0.99999...9999(37 nines)0000...4, 28 decimals: 1
        [[
            MAX38.to_string(),
            "1.0000000000000000000000000000".to_string()
        ]]
    );
    let e = query(&ctx, "SELECT trend_growth(y, v) FROM z")
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("above Decimal::MAX"), "{e}");
}
