//! Memory of a TradeData with its indicator caches filled (every country's totals for every
//! measure and period, and the world of every period), measured with a counting global allocator
//! (`stats_alloc`): at most 40 bytes a record, the cache counted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use tradestat::indicators::{intensity_table, shares_table, World};
use tradestat::{Country, Currency, Decimal, Flow, Measure, Money, Period, TradeData, TradeRecord};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// `reporters` x (`reporters` - 1) partners x 2 flows x `years` records, made one at a time (no
/// input vector, whose freeing would be counted against the data set), values with cents.
fn records(reporters: usize, years: i32) -> impl Iterator<Item = TradeRecord> {
    let countries: Vec<Country> = Country::all().take(reporters).collect();
    let n = countries.len();
    (0..n * n)
        .filter(move |k| k / n != k % n)
        .flat_map(move |k| {
            let (i, j) = (k / n, k % n);
            let (r, p) = (countries[i], countries[j]);
            (0..years).flat_map(move |y| {
                [Flow::Export, Flow::Import].into_iter().map(move |flow| {
                    let cents = (i as i64 * 7_919 + j as i64 * 104_729 + i64::from(y) * 1_299_709)
                        % 10_000_000_000
                        + 1;
                    let value = Money::new(Decimal::new(cents, 2), Currency::USD);
                    TradeRecord::new(r, p, Period::year(2000 + y).unwrap(), flow, value)
                })
            })
        })
}

#[test]
fn filled_caches_keep_within_40_bytes_a_record() {
    let region = Region::new(GLOBAL);
    let data = TradeData::from_records(records(60, 10)).unwrap();
    let built = region.change();
    let built = built.bytes_allocated - built.bytes_deallocated;
    // Fill every cache: the world of each period, every country's total of each measure.
    let mut cells = 0;
    for &year in data.periods() {
        World::from_data(&data, year).unwrap();
        for measure in [Measure::Exports, Measure::Imports, Measure::Turnover] {
            cells += shares_table(&data, measure, year).unwrap().len();
        }
        cells += intensity_table(&data, year).unwrap().len();
    }
    // 60 x 59 pairs, 10 years, three measures and the intensity.
    assert_eq!(cells, 60 * 59 * 10 * 4);
    let stats = region.change();
    let held = stats.bytes_allocated - stats.bytes_deallocated;
    assert_eq!(data.len(), 70_800);
    let per_record = held as f64 / data.len() as f64;
    println!(
        "TradeData holds {built} bytes built, {held} with its caches filled: {per_record:.2} bytes a record"
    );
    assert!(held > built, "the caches were not filled");
    assert!(per_record <= 40.0, "{per_record} bytes a record");
}
