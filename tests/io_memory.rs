//! Memory of a lenient read of bad rows, measured with a counting global allocator
//! (`stats_alloc`): the report keeps exact counts of every rejection but only the first 1,000 in
//! full and the keys of the first 100,000 rejected rows, so a million bad rows (once 170 bytes
//! each, 170 MB) stay within a few megabytes, as 300,000 do.
//!
//! One test function: the allocator's counters are global, and tests in one binary run in
//! parallel.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::alloc::System;
use std::sync::atomic::{AtomicUsize, Ordering};

use stats_alloc::{StatsAlloc, INSTRUMENTED_SYSTEM};
use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::Mode;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Bytes held now (allocated less freed since the start).
fn held() -> usize {
    let stats = GLOBAL.stats();
    stats
        .bytes_allocated
        .saturating_sub(stats.bytes_deallocated)
}

/// `rows` rows, every 1,000th good, the others with a bad value (each its own).
fn bad_rows(rows: usize) -> String {
    let mut text = String::with_capacity(rows * 32 + 64);
    text.push_str("period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n");
    for i in 0..rows {
        if i % 1_000 == 0 {
            text.push_str("2016,398,792,X,TOTAL,1\n");
        } else {
            text.push_str("2016,398,792,X,TOTAL,bad");
            text.push_str(&i.to_string());
            text.push('\n');
        }
    }
    text
}

const MB: usize = 1 << 20;

#[test]
fn a_million_bad_rows_stay_within_a_fixed_bound() {
    let mut held_after = Vec::new();
    for rows in [300_000, 1_000_000] {
        let text = bad_rows(rows);

        // Streaming: what the finished read holds (its report).
        let base = held();
        let mut records = ComtradeReader::new()
            .mode(Mode::Lenient)
            .records(text.as_bytes())
            .unwrap();
        let accepted = records.by_ref().map(Result::unwrap).count();
        let report = records.into_report();
        let streamed = held().saturating_sub(base);
        assert_eq!(accepted, rows / 1_000);
        assert_eq!(report.rejected() as usize, rows - rows / 1_000);
        assert_eq!(report.rejections().len(), 1_000);
        assert_eq!(report.rejected_keys().len(), 100_000);
        assert_eq!(
            report.rejection_counts().values().sum::<u64>(),
            report.rejected()
        );
        println!("{rows} bad rows, streaming: the report holds {streamed} bytes");
        // 100,000 keys (a few tens of bytes each, in a vector of doubled capacity) and 1,000
        // rejections; once every rejection was kept: about 170 bytes a row.
        assert!(streamed < 8 * MB, "{streamed} bytes");
        held_after.push(streamed);

        // Parallel: the highest holding seen while reading (sampled at each good row), and what
        // the finished read holds.
        let base = held();
        let peak = AtomicUsize::new(0);
        let (counts, folded) = ComtradeReader::new()
            .mode(Mode::Lenient)
            .threads(2)
            .fold(
                text.as_bytes(),
                || 0usize,
                |n, _| {
                    *n += 1;
                    peak.fetch_max(held().saturating_sub(base), Ordering::Relaxed);
                },
            )
            .unwrap();
        let after = held().saturating_sub(base);
        assert_eq!(counts.iter().sum::<usize>(), rows / 1_000);
        assert_eq!(folded, report);
        let peak = peak.into_inner();
        println!("{rows} bad rows, fold: peak about {peak} bytes, then {after}");
        // Four blocks of 4 MiB in flight, the report and the few block reports waiting.
        assert!(peak < 48 * MB, "{peak} bytes");
        assert!(after < 8 * MB, "{after} bytes");
        drop(report);
        drop(folded);
    }
    // Over three times the bad rows, the same memory (within 1%).
    let (a, b) = (held_after[0] as f64, held_after[1] as f64);
    assert!((a - b).abs() <= a / 100.0, "{a} then {b}");
}
