//! The Comtrade summary pipeline (examples/comtrade_summary.rs) on a generated file of about one
//! million rows in the 47-column layout.
//!
//! The file is `$TRADESTAT_COMTRADE_CSV` if set, otherwise `comtrade_1m.csv` in the target
//! directory, generated there with `python3 tools/gen_comtrade.py` when missing (about 270 MB,
//! deterministic). Without the file and without Python the bench says so and measures nothing.
//! Whole-process comparisons with polars and DuckDB: `tools/bench_peers.py`.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tradestat::io::comtrade::ComtradeReader;

#[allow(dead_code, unreachable_pub)]
#[path = "../examples/comtrade_summary.rs"]
mod summary;

fn input() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TRADESTAT_COMTRADE_CSV") {
        return Some(PathBuf::from(path));
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = target.join("comtrade_1m.csv");
    if path.exists() {
        return Some(path);
    }
    eprintln!(
        "generating {} with tools/gen_comtrade.py ...",
        path.display()
    );
    let status = std::process::Command::new("python3")
        .arg("tools/gen_comtrade.py")
        .arg(&path)
        .status();
    match status {
        Ok(s) if s.success() => Some(path),
        _ => {
            eprintln!("cannot generate the Comtrade file: set TRADESTAT_COMTRADE_CSV; skipping");
            None
        }
    }
}

fn comtrade(c: &mut Criterion) {
    let Some(path) = input() else { return };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let path_text = path.to_string_lossy().into_owned();
    let mut group = c.benchmark_group("comtrade");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(size));
    group.bench_function("summary (read, fold, growth, write)", |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            let messages = summary::summarize(&path_text, false, &mut sink);
            assert!(messages.is_ok());
        })
    });
    group.bench_function("fold only (count records)", |b| {
        b.iter(|| {
            let (counts, report) = ComtradeReader::new()
                .fold_path(&path, || 0u64, |n, _| *n += 1)
                .map_err(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(counts.iter().sum::<u64>(), report.accepted());
        })
    });
    group.bench_function("streaming iterator, one thread", |b| {
        b.iter(|| {
            let records = ComtradeReader::new().open(&path).map(|r| r.count());
            assert!(records.is_ok());
        })
    });
    group.finish();
}

criterion_group!(benches, comtrade);
criterion_main!(benches);
