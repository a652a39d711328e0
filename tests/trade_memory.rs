//! Memory of a TradeData, measured with a counting global allocator (`stats_alloc`): the bytes
//! held after building, divided by the number of records, indexes and tables included.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use tradestat::{Country, Currency, Decimal, Flow, Money, Period, TradeData, TradeRecord};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// `reporters` x (`reporters` - 1) partners x 2 flows x `years` records, made one at a time (no
/// input vector), values with cents.
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
fn at_most_64_bytes_a_record() {
    // 100 reporters x 99 partners x 2 flows x 25 years = 495,000 records.
    let region = Region::new(GLOBAL);
    let data = TradeData::from_records(records(100, 25)).unwrap();
    let stats = region.change();
    // stats_alloc counts a reallocation's growth as allocated and its shrinking as deallocated.
    let held = stats.bytes_allocated - stats.bytes_deallocated;
    assert_eq!(data.len(), 495_000);
    let per_record = held as f64 / data.len() as f64;
    println!(
        "TradeData holds {held} bytes for {} records: {per_record:.2} bytes a record",
        data.len()
    );
    // Five columns of 1 + 1 + 4 + 4 + 16 = 26 bytes, 12 bytes per pair (9,900 pairs), tables.
    assert!(per_record <= 64.0, "{per_record} bytes a record");
    assert!(
        per_record >= 26.0,
        "{per_record}: the counter missed the columns"
    );
    drop(data);
    one_figure_for_both_sides_is_held_for_both_within_64_bytes();
}

/// Called from the one test, so that no other test allocates while it measures.
fn one_figure_for_both_sides_is_held_for_both_within_64_bytes() {
    // 100 x 99 pairs x 25 years of exports only, each one figure for both sides
    // (Reporting::Single): 247,500 records, each held twice (the importer's side too).
    let region = Region::new(GLOBAL);
    let data = TradeData::from_records(
        records(100, 25)
            .filter(|r| r.flow() == Flow::Export)
            .map(|r| r.with_reporting(tradestat::Reporting::Single)),
    )
    .unwrap();
    let stats = region.change();
    let held = stats.bytes_allocated - stats.bytes_deallocated;
    assert_eq!(data.len(), 247_500);
    let per_record = held as f64 / data.len() as f64;
    println!(
        "TradeData holds {held} bytes for {} single records: {per_record:.2} bytes a record",
        data.len()
    );
    // Two stored records of 26 bytes each, and the tables.
    assert!(per_record <= 64.0, "{per_record} bytes a record");
    assert!(
        per_record >= 52.0,
        "{per_record}: the partner's side is not held"
    );
    drop(data);
}
