//! TradeData at scale: building a data set of one million records, and querying every pair's
//! turnover. Prints the bytes a record the data set holds (a counting allocator, `stats_alloc`).
//!
//! Run: `cargo bench --bench trade_data -- --warm-up-time 1 --measurement-time 10`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use tradestat::{
    Country, Currency, Decimal, Flow, Money, Period, Perspective, TradeData, TradeRecord,
};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const REPORTERS: usize = 142;
const YEARS: i32 = 25;

/// 142 reporters x 141 partners x 2 flows x 25 years = 1,001,100 records, made one at a time.
fn records() -> impl Iterator<Item = TradeRecord> {
    let countries: Vec<Country> = Country::all().take(REPORTERS).collect();
    let n = countries.len();
    (0..n * n)
        .filter(move |k| k / n != k % n)
        .flat_map(move |k| {
            let (i, j) = (k / n, k % n);
            let (r, p) = (countries[i], countries[j]);
            (0..YEARS).flat_map(move |y| {
                let period = Period::year(2000 + y).unwrap();
                [Flow::Export, Flow::Import].into_iter().map(move |flow| {
                    let cents = (i as i64 * 7_919 + j as i64 * 104_729 + i64::from(y) * 1_299_709)
                        % 10_000_000_000
                        + 1;
                    TradeRecord::new(
                        r,
                        p,
                        period,
                        flow,
                        Money::new(Decimal::new(cents, 2), Currency::USD),
                    )
                })
            })
        })
}

fn build() -> TradeData {
    TradeData::from_records(records()).unwrap()
}

fn bench_build(c: &mut Criterion) {
    let region = Region::new(GLOBAL);
    let data = build();
    let stats = region.change();
    let held = stats.bytes_allocated - stats.bytes_deallocated;
    println!(
        "TradeData: {} records, {held} bytes held, {:.2} bytes a record",
        data.len(),
        held as f64 / data.len() as f64
    );
    let mut g = c.benchmark_group("trade_data");
    g.sample_size(10);
    g.bench_function("build 1,001,100 records", |b| b.iter(|| black_box(build())));
    g.finish();
}

fn bench_turnover(c: &mut Criterion) {
    let data = build();
    let reporters = data.reporters();
    let pairs: Vec<_> = reporters
        .iter()
        .flat_map(|&a| data.partners(a).into_iter().map(move |b| (a, b)))
        .collect();
    let mut g = c.benchmark_group("trade_data");
    g.sample_size(10);
    for perspective in [Perspective::Reporter, Perspective::Mean] {
        g.bench_function(
            format!("turnover of all {} pairs ({perspective})", pairs.len()),
            |b| {
                b.iter(|| {
                    for &(a, p) in &pairs {
                        let pair = data.bilateral(a, p).unwrap();
                        black_box(pair.turnover(perspective).unwrap());
                    }
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench_build, bench_turnover);
criterion_main!(benches);
