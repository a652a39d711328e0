//! Group membership lookups and currency conversions, the operations a data set repeats per
//! record. Compared with rust_decimal's own `*` and `/`, which round by their own rules.
//!
//! Run: `cargo bench --bench groups_fx -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use tradestat::fx::Rates;
use tradestat::{Country, Currency, Decimal, Group, Money, Period};

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap_or_default()
}

fn bench_groups(c: &mut Criterion) {
    let eu = Group::european_union();
    let Ok(period) = Period::quarter(2013, 3) else {
        return;
    };
    let mut g = c.benchmark_group("group");
    g.bench_function("contains (EU, Croatia, a quarter)", |b| {
        b.iter(|| eu.contains(black_box(Country::HRV), black_box(period)))
    });
    g.bench_function("contains (EU, non-member)", |b| {
        b.iter(|| eu.contains(black_box(Country::USA), black_box(period)))
    });
    g.bench_function("members_in (EU, a quarter)", |b| {
        b.iter(|| eu.members_in(black_box(period)))
    });
    g.bench_function("parse \"EU\"", |b| {
        b.iter(|| black_box("EU").parse::<Group>())
    });
    g.finish();
}

fn bench_fx(c: &mut Criterion) {
    let Ok(y) = Period::year(2022) else {
        return;
    };
    let mut rates = Rates::new();
    let _ = rates.insert(Currency::USD, Currency::KZT, y, dec("460.48"));
    let _ = rates.insert(Currency::USD, Currency::TRY, y, dec("16.55"));
    let usd = Money::new(dec("1234567.89"), Currency::USD);
    let kzt = Money::new(dec("1234567890.12"), Currency::KZT);
    let mut g = c.benchmark_group("fx");
    g.bench_function("convert, inserted rate (one exact product)", |b| {
        b.iter(|| rates.convert(black_box(&usd), Currency::KZT, y))
    });
    g.bench_function("convert, inverse (one rounded division)", |b| {
        b.iter(|| rates.convert(black_box(&kzt), Currency::USD, y))
    });
    g.bench_function("convert_via, KZT to TRY through USD", |b| {
        b.iter(|| rates.convert_via(black_box(&kzt), Currency::TRY, y, Currency::USD))
    });
    g.bench_function("Rates::get (the lookup alone)", |b| {
        b.iter(|| rates.get(black_box(Currency::USD), Currency::KZT, black_box(y)))
    });
    let (a, r) = (dec("1234567890.12"), dec("460.48"));
    g.bench_function("rust_decimal a * r", |b| {
        b.iter(|| black_box(a).checked_mul(black_box(r)))
    });
    g.bench_function("rust_decimal a / r", |b| {
        b.iter(|| black_box(a).checked_div(black_box(r)))
    });
    g.finish();
}

criterion_group!(benches, bench_groups, bench_fx);
criterion_main!(benches);
