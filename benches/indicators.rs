//! Every indicator for every pair of a data set of about one million records with product
//! detail: 60 reporters x 59 partners x 2 flows x 70 HS chapters x 2 years = 991,200 records.
//!
//! Also: the batch tables over the same data, and `World::from_data` on the SITC file (226
//! countries x 785 products), each with the data set's caches empty (a fresh clone per pass) and,
//! for the pass of every indicator, filled by the passes before.
//!
//! Run: `cargo bench --bench indicators -- --warm-up-time 1 --measurement-time 20`

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use tradestat::indicators::{
    grubel_lloyd_aggregate, hhi, hhi_table, intensity_table, partner_share, products_of, rca_table,
    rca_with, shares_table, top_products, trade_intensity_with, Complementarity, Diversification,
    Over, World,
};
use tradestat::io::dyadic::DyadicReader;
use tradestat::{
    Area, Classification, Commodity, Country, Currency, Decimal, Flow, Measure, Money, Period,
    TradeData, TradeRecord,
};

const COUNTRIES: usize = 60;
const CHAPTERS: u32 = 70;

fn data() -> TradeData {
    let countries: Vec<Country> = Country::all().take(COUNTRIES).collect();
    let chapters: Vec<Commodity> = (1..=97)
        .filter(|c| *c != 77)
        .take(CHAPTERS as usize)
        .map(|c| Commodity::hs(&format!("{c:02}")).unwrap())
        .collect();
    let mut records = Vec::new();
    for (i, &r) in countries.iter().enumerate() {
        for (j, &p) in countries.iter().enumerate() {
            if i == j {
                continue;
            }
            for year in [2021, 2022] {
                let period = Period::year(year).unwrap();
                for (f, flow) in [Flow::Export, Flow::Import].into_iter().enumerate() {
                    for (k, &c) in chapters.iter().enumerate() {
                        let cents = ((i * 7_919 + j * 104_729 + k * 1_299_709 + f * 15_485_863)
                            as i64
                            + i64::from(year))
                            % 1_000_000_000
                            + 1;
                        records.push(
                            TradeRecord::new(
                                r,
                                p,
                                period,
                                flow,
                                Money::new(Decimal::new(cents, 2), Currency::USD),
                            )
                            .with_commodity(c),
                        );
                    }
                }
            }
        }
    }
    TradeData::from_records(records).unwrap()
}

/// Every indicator for every pair and country of `data` in `period`, by the per-pair functions.
fn every_indicator(data: &TradeData, countries: &[Country], period: Period) -> usize {
    let world = World::from_data(data, period).unwrap();
    let exports: Vec<_> = countries
        .iter()
        .map(|&a| products_of(data, a, Measure::Exports, period).unwrap())
        .collect();
    let imports: Vec<_> = countries
        .iter()
        .map(|&a| products_of(data, a, Measure::Imports, period).unwrap())
        .collect();
    let mut n = 0usize;
    for (i, &a) in countries.iter().enumerate() {
        black_box(hhi(data, a, Measure::Exports, Over::Partners, period).unwrap());
        black_box(hhi(data, a, Measure::Exports, Over::Products, period).unwrap());
        black_box(Diversification::new(exports[i].clone(), world.by_product()).unwrap());
        for (k, _) in &exports[i] {
            black_box(rca_with(data, &world, a, *k).unwrap());
        }
        for (j, &b) in countries.iter().enumerate() {
            if i == j {
                continue;
            }
            black_box(partner_share(data, a, b, Measure::Turnover, period).unwrap());
            black_box(trade_intensity_with(data, &world, a, b).unwrap());
            black_box(grubel_lloyd_aggregate(data, a, b, period).unwrap());
            black_box(top_products(data, a, b, Measure::Exports, period, 5).unwrap());
            black_box(Complementarity::new(exports[i].clone(), imports[j].clone()).unwrap());
            n += 1;
        }
    }
    n
}

fn bench_every_indicator(c: &mut Criterion) {
    let data = data();
    println!("{} records", data.len());
    let period = Period::year(2022).unwrap();
    let countries: Vec<Country> = Country::all().take(COUNTRIES).collect();
    let mut g = c.benchmark_group("indicators");
    g.sample_size(10);
    g.bench_function("every indicator, every pair (one year)", |b| {
        b.iter(|| every_indicator(&data, &countries, period))
    });
    g.bench_function(
        "every indicator, every pair (one year), caches empty",
        |b| {
            b.iter_batched(
                || data.clone(),
                |fresh| every_indicator(&fresh, &countries, period),
                BatchSize::PerIteration,
            )
        },
    );
    g.bench_function(
        "batch tables: shares, intensity, RCA, HHI (one year)",
        |b| {
            b.iter_batched(
                || data.clone(),
                |fresh| {
                    black_box(shares_table(&fresh, Measure::Turnover, period).unwrap());
                    black_box(intensity_table(&fresh, period).unwrap());
                    black_box(rca_table(&fresh, period).unwrap());
                    black_box(hhi_table(&fresh, Measure::Exports, Over::Products, period).unwrap());
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

fn bench_world_sitc(c: &mut Criterion) {
    let file = format!(
        "{}/tests/data/world_exports_sitc_1998_2000.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let period = Period::year(2000).unwrap();
    let (data, _) = DyadicReader::to_partner("country", Area::World, "value")
        .period(period)
        .commodity_column("product", Classification::Sitc)
        .open(&file)
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    let mut g = c.benchmark_group("world");
    g.sample_size(10);
    g.bench_function("World::from_data, SITC 226 x 785, caches empty", |b| {
        b.iter_batched(
            || data.clone(),
            |fresh| black_box(World::from_data(&fresh, period).unwrap()),
            BatchSize::PerIteration,
        )
    });
    g.bench_function("rca_table, SITC 226 x 785, caches empty", |b| {
        b.iter_batched(
            || data.clone(),
            |fresh| black_box(rca_table(&fresh, period).unwrap()),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench_every_indicator, bench_world_sitc);
criterion_main!(benches);
