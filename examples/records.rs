//! Trade records: UN Comtrade's flows, commodity codes and their parents, and rolling totals.
//!
//! Reads Kazakhstan's exports by SITC product (1998-2000 average, from the project's test data),
//! sums them by SITC section through `Commodity::ancestor_at`, and shows a 12-month rolling total.
//!
//! Run with `cargo run --example records`.

use std::collections::BTreeMap;

use tradestat::{Commodity, Country, Currency, Decimal, Flow, Money, Period, Series, TradeRecord};

const SITC: &str = include_str!("../tests/data/sitc2_exports_kaz_tur_1998_2000.csv");

fn main() -> Result<(), tradestat::Error> {
    println!("UN Comtrade flows:");
    for flow in Flow::ALL {
        let part_of = flow
            .part_of()
            .map_or("-".to_owned(), |t| t.comtrade_code().to_owned());
        let mirror = flow
            .mirror()
            .map_or("-".to_owned(), |m| m.comtrade_code().to_owned());
        println!(
            "  {:<4} {:<32} part of {:<2}  mirror {:<4} valued {}",
            flow.comtrade_code(),
            flow.to_string(),
            part_of,
            mirror,
            flow.default_valuation()
        );
    }

    let crude: Commodity = "270900".parse()?;
    let chain: Vec<String> = std::iter::successors(Some(crude), |c| c.parent())
        .map(|c| c.to_string())
        .collect();
    println!("\nHS parents: {}", chain.join(" -> "));
    match "7701".parse::<Commodity>() {
        Ok(c) => println!("unexpected: {c}"),
        Err(e) => println!("{e}"),
    }

    // Kazakhstan's exports by SITC section, as records to the world.
    let period: Period = "2000".parse()?;
    let mut records = Vec::new();
    for line in SITC.lines().filter(|l| l.starts_with("kaz,")) {
        let mut fields = line.split(',').skip(1);
        let (Some(code), Some(value)) = (fields.next(), fields.next()) else {
            continue;
        };
        let value =
            Decimal::from_str_exact(value).map_err(|e| tradestat::Error::InvalidArgument {
                reason: format!("value {value:?}: {e}"),
            })?;
        records.push(
            TradeRecord::new(
                Country::KAZ,
                tradestat::Area::World,
                period,
                Flow::Export,
                Money::new(value, Currency::USD),
            )
            .with_commodity(Commodity::sitc(code)?),
        );
    }
    let mut by_section: BTreeMap<Commodity, Money> = BTreeMap::new();
    for r in &records {
        if let Some(section) = r.commodity().ancestor_at(1) {
            let sum = by_section
                .entry(section)
                .or_insert(Money::zero(Currency::USD));
            *sum = sum.checked_add(&r.value())?;
        }
    }
    println!(
        "\nKazakhstan's exports to the world by SITC section ({} products, 1998-2000 average):",
        records.len()
    );
    for (section, sum) in &by_section {
        println!("  {section:<7} {:>12}", sum.amount());
    }
    let total = Money::sum(Currency::USD, by_section.values())?;
    println!("  {:<7} {:>12}", "TOTAL", total.amount());

    // A 12-month rolling total: months of 2021 are 1..12, months of 2022 are 10..120.
    let months: Vec<Decimal> = (1..=12)
        .chain((1..=12).map(|m| 10 * m))
        .map(Decimal::from)
        .collect();
    let series = Series::from_values("2021-01".parse()?, &months, Currency::USD)?;
    let rolling = series.rolling_sum(12)?;
    println!("\n12-month rolling totals:");
    for (period, sum) in rolling.iter() {
        println!("  {period}  {:>4}", sum.amount());
    }
    println!(
        "year to date 2022-06: {}",
        series.year_to_date("2022-06".parse()?)?.amount()
    );
    Ok(())
}
