//! Memory of a `TradeData` at one and ten million records, shaped like a Comtrade extract (TOTAL
//! and nine HS chapters whose values add up to it, flags on some figures), with every indicator
//! cache filled, measured with a counting global allocator (`stats_alloc`). The goal is at most 40
//! bytes a record at both sizes, indexes, caches and flags counted.
//!
//! Ignored by default (ten million records take a while in a debug build); run them with
//! `cargo test --release --test memory_scale -- --ignored --nocapture --test-threads 1`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;

use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use tradestat::indicators::{rca_table, shares_table, World};
use tradestat::{
    Commodity, Country, Currency, Decimal, Flags, Flow, Measure, Money, Period, TradeData,
    TradeRecord,
};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const CHAPTERS: [&str; 9] = ["01", "10", "27", "30", "39", "72", "84", "85", "87"];

/// 100 reporters x 99 partners x 2 flows x `years` x (TOTAL + 9 chapters): 198,000 records a
/// year, made one at a time from their index (no input vector, whose freeing would be counted
/// against the data set).
fn records(years: i32) -> impl Iterator<Item = TradeRecord> {
    let countries: Vec<Country> = Country::all().take(100).collect();
    let chapters: Vec<Commodity> = CHAPTERS.iter().map(|c| Commodity::hs(c).unwrap()).collect();
    let per_year = 100 * 99 * 2 * 10;
    (0..per_year * years as usize).map(move |index| {
        let (pair, rest) = (index / (years as usize * 20), index % (years as usize * 20));
        let (y, rest) = ((rest / 20) as i32, rest % 20);
        let (flow, product) = (rest / 10, rest % 10);
        let (i, j) = (pair / 99, pair % 99);
        // Partners skip the reporter itself.
        let j = if j >= i { j + 1 } else { j };
        let cents = |c: usize| {
            (i as i64 * 7_919 + j as i64 * 104_729 + i64::from(y) * 1_299_709 + c as i64)
                % 1_000_000_000
                + 1
        };
        let (commodity, value) = match product {
            0 => (Commodity::TOTAL, (0..9).map(cents).sum()),
            c => (chapters[c - 1], cents(c - 1)),
        };
        let flow = if flow == 0 {
            Flow::Export
        } else {
            Flow::Import
        };
        let flags = if (i + j) % 7 == 0 {
            Flags::ESTIMATED
        } else {
            Flags::NONE
        };
        let value = Money::new(Decimal::new(value, 2), Currency::USD);
        TradeRecord::new(
            countries[i],
            countries[j],
            Period::year(1950 + y).unwrap(),
            flow,
            value,
        )
        .with_commodity(commodity)
        .with_flags(flags)
    })
}

/// Builds the data set, fills the caches, and returns (records, bytes built, bytes with caches).
fn measure(years: i32) -> (usize, usize, usize) {
    let region = Region::new(GLOBAL);
    let data = TradeData::from_records(records(years)).unwrap();
    let built = region.change();
    let built = built.bytes_allocated - built.bytes_deallocated;
    for &year in data.periods() {
        World::from_data(&data, year).unwrap();
        // Every reporter x chapter (the TOTAL is not a product of the world).
        assert_eq!(rca_table(&data, year).unwrap().len(), 100 * 9);
        for measure in [Measure::Exports, Measure::Imports, Measure::Turnover] {
            assert_eq!(shares_table(&data, measure, year).unwrap().len(), 100 * 99);
        }
    }
    let stats = region.change();
    let held = stats.bytes_allocated - stats.bytes_deallocated;
    let n = data.len();
    println!(
        "{n} records: {built} bytes built ({:.2} a record), {held} with the caches filled ({:.2} a record)",
        built as f64 / n as f64,
        held as f64 / n as f64
    );
    assert!(held > built, "the caches were not filled");
    (n, built, held)
}

#[test]
#[ignore = "ten million records; run in release with --ignored"]
fn one_and_ten_million_records_within_40_bytes_a_record() {
    let (n, _, held) = measure(5);
    assert_eq!(n, 990_000);
    assert!(held as f64 / n as f64 <= 40.0);
    let (n, _, held) = measure(50);
    assert_eq!(n, 9_900_000);
    assert!(held as f64 / n as f64 <= 40.0);
}
