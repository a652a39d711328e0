//! The readers per byte, on the same machine in the same run: CEPII BACI (`DyadicReader::baci`)
//! against UN Comtrade (`ComtradeReader`), streaming on one thread and folded on all cores, on
//! files held in memory (no disk in the figures). On a shared machine the best of several passes
//! is the figure least disturbed by other work; run it under `perf stat` for CPU time.
//!
//! ```text
//! cargo bench --bench readers -- [PASSES] [baci|comtrade]
//! ```
//!
//! The files are those of benches/baci.rs (`target/baci_bench.csv`, written by `cargo bench
//! --bench baci` when missing, or `$TRADESTAT_BACI_CSV`) and benches/comtrade.rs
//! (`target/comtrade_1m.csv` from `python3 tools/gen_comtrade.py`, or `$TRADESTAT_COMTRADE_CSV`);
//! a missing file is said and skipped.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;

fn file(variable: &str, name: &str) -> Option<(PathBuf, Vec<u8>)> {
    let path = std::env::var_os(variable).map_or_else(
        || {
            std::env::var_os("CARGO_TARGET_DIR")
                .map_or_else(|| PathBuf::from("target"), PathBuf::from)
                .join(name)
        },
        PathBuf::from,
    );
    match std::fs::read(&path) {
        Ok(bytes) => Some((path, bytes)),
        Err(e) => {
            eprintln!("{}: {e} (skipped)", path.display());
            None
        }
    }
}

/// The best of `passes` timings of `run`, and the count it returned.
fn best(passes: usize, mut run: impl FnMut() -> u64) -> (Duration, u64) {
    let mut fastest = Duration::MAX;
    let mut count = 0;
    for _ in 0..passes {
        let start = Instant::now();
        count = std::hint::black_box(run());
        fastest = fastest.min(start.elapsed());
    }
    (fastest, count)
}

fn report(what: &str, bytes: usize, (time, records): (Duration, u64)) {
    let mib = bytes as f64 / f64::from(1 << 20);
    println!(
        "{what:<40} {records:>9} records {:>8.1} ms {:>7.1} MiB/s {:>6.1} ns/record",
        time.as_secs_f64() * 1e3,
        mib / time.as_secs_f64(),
        time.as_secs_f64() * 1e9 / records.max(1) as f64
    );
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let passes = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(5);
    let only = args.iter().find(|a| a.parse::<usize>().is_err());
    let wanted = |name: &str| only.is_none_or(|o| o == name);
    if wanted("baci") {
        if let Some((path, bytes)) = file("TRADESTAT_BACI_CSV", "baci_bench.csv") {
            println!("{} ({} bytes)", path.display(), bytes.len());
            report(
                "baci: streaming, one thread",
                bytes.len(),
                best(passes, || {
                    DyadicReader::baci()
                        .records(bytes.as_slice())
                        .map_or(0, |r| r.count() as u64)
                }),
            );
            report(
                "baci: fold, all cores",
                bytes.len(),
                best(passes, || {
                    DyadicReader::baci()
                        .fold(bytes.as_slice(), || 0u64, |n, _| *n += 1)
                        .map_or(0, |(counts, _)| counts.iter().sum())
                }),
            );
        }
    }
    if wanted("comtrade") {
        if let Some((path, bytes)) = file("TRADESTAT_COMTRADE_CSV", "comtrade_1m.csv") {
            println!("{} ({} bytes)", path.display(), bytes.len());
            report(
                "comtrade: streaming, one thread",
                bytes.len(),
                best(passes, || {
                    ComtradeReader::new()
                        .records(bytes.as_slice())
                        .map_or(0, |r| r.count() as u64)
                }),
            );
            report(
                "comtrade: fold, all cores",
                bytes.len(),
                best(passes, || {
                    ComtradeReader::new()
                        .fold(bytes.as_slice(), || 0u64, |n, _| *n += 1)
                        .map_or(0, |(counts, _)| counts.iter().sum())
                }),
            );
        }
    }
}
