//! Parsing text: long input refused at once, and amounts read in each language.
//!
//! Run: `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tradestat::money::Language;
use tradestat::{Area, Country, Currency, Money};

fn bench_long_input(c: &mut Criterion) {
    // 8 MiB of non-ASCII text: normalising it took about 4 s before the length limit.
    let long = "ü".repeat(4 << 20);
    let mut g = c.benchmark_group("long_input_8MiB");
    g.bench_function("Country::from_str", |b| {
        b.iter(|| black_box(&long).parse::<Country>())
    });
    g.bench_function("Area::from_str", |b| {
        b.iter(|| black_box(&long).parse::<Area>())
    });
    g.bench_function("Currency::lookup", |b| {
        b.iter(|| Currency::lookup(black_box(&long)))
    });
    g.finish();
}

fn bench_names(c: &mut Criterion) {
    let mut g = c.benchmark_group("names");
    g.bench_function("Country::from_str(\"Republic of Türkiye\")", |b| {
        b.iter(|| black_box("Republic of Türkiye").parse::<Country>())
    });
    g.finish();
}

fn bench_money(c: &mut Criterion) {
    let mut g = c.benchmark_group("money");
    g.bench_function("English \"6.3 billion US dollars\"", |b| {
        b.iter(|| black_box("6.3 billion US dollars").parse::<Money>())
    });
    g.bench_function("Turkish \"6 milyar 300 milyon dolar\"", |b| {
        b.iter(|| Money::parse_in(black_box("6 milyar 300 milyon dolar"), Language::Turkish))
    });
    g.bench_function(
        "Russian \"6,3 миллиардов долларов\"",
        |b| b.iter(|| Money::parse_in(black_box("6,3 миллиардов долларов"), Language::Russian)),
    );
    g.finish();
}

criterion_group!(benches, bench_long_input, bench_names, bench_money);
criterion_main!(benches);
