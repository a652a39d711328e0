//! tradestat::math against rust_decimal's `MathematicalOps` and `f64`, on typical inputs.
//!
//! Run: `cargo bench --bench math -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::{Decimal, MathematicalOps};
use tradestat::math;

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_default()
}

fn bench_roots(c: &mut Criterion) {
    // 6.3 billion growing to 10 billion.
    let ratio = dec("10") / dec("6.3");
    for n in [3u32, 8, 20] {
        let mut g = c.benchmark_group(format!("root_n{n}"));
        let inv_n = Decimal::ONE / Decimal::from(n);
        g.bench_function("tradestat::nth_root", |b| {
            b.iter(|| math::nth_root(black_box(ratio), black_box(n)))
        });
        g.bench_function("tradestat::powd(1/n)", |b| {
            b.iter(|| math::powd(black_box(ratio), black_box(inv_n)))
        });
        g.bench_function("rust_decimal::powd(1/n)", |b| {
            b.iter(|| black_box(ratio).checked_powd(black_box(inv_n)))
        });
        let rf = 10.0f64 / 6.3;
        let inv_nf = 1.0 / f64::from(n);
        g.bench_function("f64::powf", |b| {
            b.iter(|| black_box(rf).powf(black_box(inv_nf)))
        });
        g.finish();
    }
}

fn bench_cagr(c: &mut Criterion) {
    // A CAGR over 20 years, from the two amounts: ratio, root, minus one.
    let start = dec("4736842105.26");
    let end = dec("10000000000");
    let mut g = c.benchmark_group("cagr_20y");
    g.bench_function("tradestat", |b| {
        b.iter(|| {
            let ratio = black_box(end).checked_div(black_box(start))?;
            math::nth_root(ratio, 20).ok().map(|r| r - Decimal::ONE)
        })
    });
    let (from, to) = (
        tradestat::Money::new(start, tradestat::Currency::USD),
        tradestat::Money::new(end, tradestat::Currency::USD),
    );
    g.bench_function("tradestat::growth::cagr", |b| {
        b.iter(|| tradestat::growth::cagr(black_box(&from), black_box(&to), 20))
    });
    let inv = Decimal::ONE / Decimal::from(20);
    g.bench_function("rust_decimal", |b| {
        b.iter(|| {
            let ratio = black_box(end).checked_div(black_box(start))?;
            ratio.checked_powd(inv).map(|r| r - Decimal::ONE)
        })
    });
    g.bench_function("f64", |b| {
        b.iter(|| {
            (black_box(10_000_000_000.0f64) / black_box(4_736_842_105.26)).powf(1.0 / 20.0) - 1.0
        })
    });
    g.finish();
}

fn bench_ln_exp(c: &mut Criterion) {
    let x = dec("1.5873015873015873015873015873");
    let mut g = c.benchmark_group("ln");
    g.bench_function("tradestat", |b| b.iter(|| math::ln(black_box(x))));
    g.bench_function("rust_decimal", |b| b.iter(|| black_box(x).checked_ln()));
    g.bench_function("f64", |b| {
        b.iter(|| black_box(1.587_301_587_301_587_3f64).ln())
    });
    g.finish();

    let y = dec("0.4620981203732968");
    let mut g = c.benchmark_group("exp");
    g.bench_function("tradestat", |b| b.iter(|| math::exp(black_box(y))));
    g.bench_function("rust_decimal", |b| b.iter(|| black_box(y).checked_exp()));
    g.bench_function("f64", |b| {
        b.iter(|| black_box(0.462_098_120_373_296_8f64).exp())
    });
    g.finish();

    let z = dec("1.05");
    let mut g = c.benchmark_group("powi_1.05^20");
    g.bench_function("tradestat", |b| {
        b.iter(|| math::powi(black_box(z), black_box(20)))
    });
    g.bench_function("rust_decimal", |b| {
        b.iter(|| black_box(z).checked_powi(black_box(20)))
    });
    g.finish();
}

fn bench_target(c: &mut Criterion) {
    // The seed target: 6.3 to 10 billion USD, 2022 to 2030; years to reach it at 33% a year.
    let usd = |x: &str| tradestat::Money::new(dec(x), tradestat::Currency::USD);
    let (Ok(base), Ok(deadline)) = (tradestat::Period::year(2022), tradestat::Period::year(2030))
    else {
        return;
    };
    let Ok(target) = tradestat::Target::new(base, usd("6300000000"), usd("10000000000"), deadline)
    else {
        return;
    };
    let rate = tradestat::Rate::from_fraction(dec("0.33"));
    let mut g = c.benchmark_group("target");
    g.bench_function("tradestat::required_rate", |b| {
        b.iter(|| black_box(&target).required_rate())
    });
    g.bench_function("tradestat::periods_to_reach", |b| {
        b.iter(|| black_box(&target).periods_to_reach(black_box(rate)))
    });
    let (ratio, factor) = (dec("10") / dec("6.3"), dec("1.33"));
    g.bench_function("rust_decimal ln/ln", |b| {
        b.iter(|| Some(black_box(ratio).checked_ln()? / black_box(factor).checked_ln()?))
    });
    g.finish();
}

criterion_group!(benches, bench_roots, bench_cagr, bench_ln_exp, bench_target);
criterion_main!(benches);
