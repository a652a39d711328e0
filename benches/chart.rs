//! How long drawing a chart takes: the target chart of the seed question against 16 years of data,
//! and a monthly line chart of 20 years (240 points).
//!
//! Run: `cargo bench --features chart --bench chart -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tradestat::chart::{self, Options};
use tradestat::{Currency, Decimal, Money, Period, Series, Target};

fn bench_charts(c: &mut Criterion) {
    let (Ok(base), Ok(deadline)) = (Period::year(2022), Period::year(2030)) else {
        return;
    };
    let Ok(target) = Target::new(
        base,
        Money::new(Decimal::new(63, 1), Currency::USD),
        Money::new(Decimal::TEN, Currency::USD),
        deadline,
    ) else {
        return;
    };
    let yearly: Vec<(Period, Money)> = (2010..2026)
        .filter_map(|y| Period::year(y).ok())
        .enumerate()
        .map(|(i, p)| {
            (
                p,
                Money::new(Decimal::new(20 + 3 * i as i64, 1), Currency::USD),
            )
        })
        .collect();
    let Ok(observed) = Series::from_pairs(yearly) else {
        return;
    };
    c.bench_function("chart::target (16 years)", |b| {
        b.iter(|| chart::target(black_box(&target), black_box(&observed)))
    });

    let monthly: Vec<(Period, Money)> = (0..240)
        .filter_map(|i| {
            let p = Period::month(2000, 1).ok()?.checked_add(i).ok()?;
            Some((
                p,
                Money::new(Decimal::new(400 + i * 3 % 97, 0), Currency::USD),
            ))
        })
        .collect();
    let Ok(monthly) = Series::from_pairs(monthly) else {
        return;
    };
    let options = Options::default();
    c.bench_function("chart::lines (240 months)", |b| {
        b.iter(|| chart::lines(black_box(&[("exports", &monthly)]), &options))
    });
}

criterion_group!(benches, bench_charts);
criterion_main!(benches);
