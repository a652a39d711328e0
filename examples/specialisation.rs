//! What a country exports relative to the world: its ten products with the highest revealed
//! comparative advantage, its export concentration over products (WITS's Herfindahl-Hirschman
//! index) and its export diversification index (UNCTAD).
//!
//! ```text
//! cargo run --example specialisation -- KAZ
//! ```
//!
//! The data is `tests/data/world_exports_sitc_1998_2000.csv`: each country's exports to the world
//! by SITC revision 2 product (4 digits), averaged over 1998-2000, in US dollars. The averages have
//! no single year: they are held as period 2000 and labelled "1998-2000 average". Legacy codes
//! map (`rom` Romania, `ant` the Netherlands Antilles, `scg` Serbia and Montenegro); a code that
//! does not map stops the reading with the line that holds it.

use std::error::Error as StdError;
use std::process::ExitCode;

use tradestat::indicators::{diversification_with, hhi, products_of, rca_with, Over, World};
use tradestat::io::dyadic::DyadicReader;
use tradestat::{Area, Classification, Measure, Period, TradeData};

fn run(country: Area) -> Result<(), Box<dyn StdError>> {
    let file = format!(
        "{}/tests/data/world_exports_sitc_1998_2000.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let period = Period::year(2000)?;
    let (data, report) = DyadicReader::to_partner("country", Area::World, "value")
        .period(period)
        .commodity_column("product", Classification::Sitc)
        .open(&file)?
        .into_trade_data(TradeData::builder())?;
    eprintln!(
        "{file}: {} rows read, {} accepted",
        report.read(),
        report.accepted()
    );
    let world = World::from_data(&data, period)?;
    let products = products_of(&data, country, Measure::Exports, period)?;
    if products.is_empty() {
        return Err(format!("{} has no exports in the data", country.name()).into());
    }
    let mut ranked = Vec::with_capacity(products.len());
    for (k, _) in &products {
        ranked.push((*k, rca_with(&data, &world, country, *k)?));
    }
    ranked.sort_by(|x, y| y.1.value().cmp(&x.1.value()).then(x.0.cmp(&y.0)));

    println!(
        "{}: exports to the world by SITC rev. 2 product, 1998-2000 average (US dollars)",
        country.name()
    );
    println!(
        "world: {} reporting countries and areas",
        data.reporters().len()
    );
    println!();
    println!("Ten highest revealed comparative advantages (Balassa)");
    println!(
        "{:<8}{:>18}{:>12}{:>12}",
        "product", "exports", "share", "RCA"
    );
    for (k, r) in ranked.iter().take(10) {
        // A share written as a percentage, half to even (Rate's display).
        let share = tradestat::Rate::from_fraction(r.share().value());
        println!(
            "{:<8}{:>18}{:>12.3}{:>12.2}",
            k.code(),
            r.share().part().amount(),
            share,
            r.ratio()
        );
    }
    let concentration = hhi(&data, country, Measure::Exports, Over::Products, period)?;
    println!();
    println!(
        "Export concentration over {} products (HHI): {:.4}; normalized {:.4}",
        concentration.count(),
        concentration.ratio(),
        concentration.normalized()?.ratio()
    );
    let dx = diversification_with(&data, &world, country)?;
    println!(
        "Export diversification index (0 = the world's structure): {:.4}",
        dx.ratio()
    );
    Ok(())
}

fn main() -> ExitCode {
    let Some(code) = std::env::args().nth(1) else {
        eprintln!("usage: specialisation COUNTRY (alpha-3 code or name, e.g. KAZ)");
        return ExitCode::from(2);
    };
    let result = code.parse::<Area>().map_err(Into::into).and_then(run);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
