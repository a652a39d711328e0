//! Trade records: parsing commodity codes and flows, and rolling sums over a long monthly series,
//! one pass against summing each window afresh.
//!
//! Run: `cargo bench --bench records -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tradestat::{Commodity, Currency, Decimal, Flow, Money, Period, Series};

fn bench_parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.bench_function("Commodity HS 270900", |b| {
        b.iter(|| black_box("270900").parse::<Commodity>())
    });
    g.bench_function("Commodity SITC:0011", |b| {
        b.iter(|| black_box("SITC:0011").parse::<Commodity>())
    });
    g.bench_function("Flow code RX", |b| {
        b.iter(|| black_box("RX").parse::<Flow>())
    });
    g.bench_function("Flow words Re-exports", |b| {
        b.iter(|| black_box("Re-exports").parse::<Flow>())
    });
    g.finish();
}

/// Every window of `n` summed from scratch: the simple alternative to one pass.
fn direct_rolling(series: &Series, n: usize) -> Vec<(Period, Money)> {
    let values: Vec<(Period, Money)> = series.iter().collect();
    values
        .windows(n)
        .filter_map(|w| {
            let last = w.last()?.0;
            let sum = Money::sum(series.currency(), w.iter().map(|(_, m)| m)).ok()?;
            Some((last, sum))
        })
        .collect()
}

fn bench_rolling(c: &mut Criterion) {
    // 100 years of months, with cents.
    let values: Vec<Decimal> = (0..1200_i64)
        .map(|i| Decimal::new(1_000_000 + i * 37, 2))
        .collect();
    let Ok(start) = "1925-01".parse::<Period>() else {
        return;
    };
    let Ok(series) = Series::from_values(start, &values, Currency::USD) else {
        return;
    };
    for n in [12_usize, 120] {
        let mut g = c.benchmark_group(format!("rolling_sum_1200_months_n{n}"));
        g.bench_function("Series::rolling_sum", |b| {
            b.iter(|| black_box(&series).rolling_sum(black_box(n)))
        });
        g.bench_function("direct window sums", |b| {
            b.iter(|| direct_rolling(black_box(&series), black_box(n)))
        });
        g.finish();
    }
}

criterion_group!(benches, bench_parse, bench_rolling);
criterion_main!(benches);
