//! CEPII BACI tables (`DyadicReader::baci`) on a generated file of BACI's layout (`t,i,j,k,v,q`),
//! to compare with the Comtrade reader per byte (benches/comtrade.rs): the parallel fold and
//! the streaming iterator, counting records.
//!
//! The file is `$TRADESTAT_BACI_CSV` if set, otherwise `baci_bench.csv` in the target directory,
//! written there when missing (3 million rows, about 95 MB, deterministic: a fixed linear
//! congruential sequence, UN Comtrade area codes, HS 6-digit codes with leading zeros, values in
//! thousands with 3 decimals, quantities with `NA` and blanks as BACI has them).

use std::io::Write;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tradestat::io::dyadic::DyadicReader;

/// Exporters and importers: UN Comtrade codes (842 the USA, 251 France, 699 India, 757
/// Switzerland, 490 "Other Asia, n.e.s.", ...).
const AREAS: [u16; 52] = [
    4, 8, 12, 32, 36, 40, 56, 76, 124, 152, 156, 170, 203, 208, 246, 251, 276, 300, 348, 360, 372,
    376, 381, 392, 398, 410, 458, 484, 490, 528, 554, 579, 586, 608, 616, 620, 642, 643, 682, 699,
    702, 704, 710, 724, 752, 757, 764, 784, 792, 804, 826, 842,
];

const ROWS: u64 = 3_000_000;

/// Writes the benchmark file: rows in BACI's order (exporter, importer, product).
fn generate(path: &Path) -> std::io::Result<()> {
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(out, "t,i,j,k,v,q")?;
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut written = 0u64;
    'all: for &i in &AREAS {
        for &j in &AREAS {
            if i == j {
                continue;
            }
            // About 1,150 products a pair, chapters 01-97 without 77.
            let mut chapter = 1u64;
            while chapter <= 97 {
                if chapter != 77 {
                    for heading in 1..=12u64 {
                        let sub = 10 * (1 + next() % 9);
                        let k = chapter * 10_000 + heading * 100 + sub;
                        let v = next() % 50_000_000;
                        let q = match next() % 50 {
                            0 => String::from("NA"),
                            1 => String::new(),
                            _ => format!("{}.{:03}", next() % 100_000, next() % 1000),
                        };
                        writeln!(out, "2022,{i},{j},{k:06},{}.{:03},{q}", v / 1000, v % 1000)?;
                        written += 1;
                        if written == ROWS {
                            break 'all;
                        }
                    }
                }
                chapter += 1 + next() % 2;
            }
        }
    }
    out.flush()
}

fn input() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TRADESTAT_BACI_CSV") {
        return Some(PathBuf::from(path));
    }
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from);
    let path = target.join("baci_bench.csv");
    if path.exists() {
        return Some(path);
    }
    eprintln!("generating {} ...", path.display());
    match generate(&path) {
        Ok(()) => Some(path),
        Err(e) => {
            eprintln!("cannot write the BACI file ({e}): set TRADESTAT_BACI_CSV; skipping");
            None
        }
    }
}

fn baci(c: &mut Criterion) {
    let Some(path) = input() else { return };
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let mut group = c.benchmark_group("baci");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(size));
    group.bench_function("fold only (count records)", |b| {
        b.iter(|| {
            let (counts, report) = DyadicReader::baci()
                .fold_path(&path, || 0u64, |n, _| *n += 1)
                .map_err(|e| e.to_string())
                .unwrap_or_default();
            assert_eq!(counts.iter().sum::<u64>(), report.accepted());
            assert!(report.accepted() > 0);
        })
    });
    group.bench_function("streaming iterator, one thread", |b| {
        b.iter(|| {
            let records = DyadicReader::baci().open(&path).map(|r| r.count());
            assert!(records.is_ok());
        })
    });
    group.finish();
}

criterion_group!(benches, baci);
criterion_main!(benches);
