//! Country groups by date, and currency conversion rounded once.
//!
//! Run with `cargo run --example groups_and_fx`. Every line can be checked by hand: membership
//! against the accession dates in `src/data/group/builtin.rs`, conversions with a calculator.

use std::error::Error as StdError;

use chrono::NaiveDate;
use tradestat::fx::{deflate, Rates};
use tradestat::group::Role;
use tradestat::{Country, Currency, Decimal, Group, Money, Period, Series};

fn main() -> Result<(), Box<dyn StdError>> {
    let eu: Group = "EU".parse()?;
    println!("{} ({})", eu, eu.abbreviation().unwrap_or("-"));
    println!("  members on the last day of each year:");
    for year in [
        1958, 1973, 1981, 1986, 1990, 1995, 2004, 2007, 2013, 2019, 2020,
    ] {
        let period = Period::year(year)?;
        println!("    {year}: {}", eu.members_in(period).len());
    }
    println!("  (to 1998 the count includes the Belgium-Luxembourg statistical area, 58)");

    println!("\nThe last-day rule");
    for (country, periods) in [
        (Country::HRV, ["2013-Q2", "2013-Q3", "2013"]),
        (Country::GBR, ["2020-01", "2020-02", "2020"]),
    ] {
        for text in periods {
            let period: Period = text.parse()?;
            let member = eu.contains(country, period);
            println!("  {:<16} {text:<8} {}", country.name(), yes_no(member));
        }
    }

    let day = NaiveDate::from_ymd_opt(2020, 2, 1).ok_or("bad date")?;
    let eu27 = eu.as_of(day);
    println!(
        "\n{}: {} members in every period; Croatia counted for 2000: {}",
        eu27,
        eu27.members_in("2000".parse()?).len(),
        yes_no(eu27.contains(Country::HRV, "2000".parse()?))
    );

    let ots: Group = "Organization of Turkic States".parse()?;
    let today = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("bad date")?;
    println!("\n{} on {today}", ots);
    for m in ots.memberships_on(today) {
        let since = m.from().map(|d| d.to_string()).unwrap_or_default();
        println!(
            "  {:<16} {:<9} since {since}",
            m.party().to_string(),
            m.role()
        );
    }
    assert!(ots
        .memberships_on(today)
        .any(|m| m.role() == Role::Observer));

    let mercosur: Group = "Mercosur".parse()?;
    println!("\nMercosur members by year (suspended members not counted)");
    for year in [2011, 2012, 2013, 2016, 2024] {
        let names: Vec<String> = mercosur
            .members_in(Period::year(year)?)
            .iter()
            .map(|a| a.to_string())
            .collect();
        println!("  {year}: {}", names.join("; "));
    }

    // Illustrative 2022 average rates (not an official source): 460.48 KZT and 16.55 TRY a dollar.
    let y2022: Period = "2022".parse()?;
    let mut rates = Rates::new();
    rates.insert(Currency::USD, Currency::KZT, y2022, Decimal::new(46_048, 2))?;
    rates.insert(Currency::USD, Currency::TRY, y2022, Decimal::new(1_655, 2))?;
    let tenge: Money = "KZT 1 billion".parse()?;
    let dollars = rates.convert(&tenge, Currency::USD, y2022)?;
    let lira = rates.convert_via(&tenge, Currency::TRY, y2022, Currency::USD)?;
    println!("\nConversion at 460.48 KZT/USD and 16.55 TRY/USD (2022)");
    println!("  {tenge} = {dollars}  (1e9 / 460.48, one division)");
    println!("           = {} to the cent", dollars.round());
    println!("  {tenge} = {lira}  (1e9 x 16.55 / 460.48, rounded once)");
    match rates.convert(&tenge, Currency::USD, "2021".parse()?) {
        Ok(m) => println!("  2021: {m}"),
        Err(e) => println!("  2021: {e}"),
    }

    let nominal = Series::from_values(
        "2020".parse()?,
        &[Decimal::from(100), Decimal::from(110), Decimal::from(121)],
        Currency::USD,
    )?;
    let index = [
        ("2020".parse()?, Decimal::from(100)),
        ("2021".parse()?, Decimal::from(110)),
        ("2022".parse()?, Decimal::from(125)),
    ];
    let real = deflate(&nominal, &index, "2020".parse()?)?;
    println!("\nAt 2020 prices (index 100, 110, 125)");
    for ((period, n), (_, r)) in nominal.iter().zip(real.iter()) {
        println!("  {period}: {n} nominal, {r} real");
    }
    Ok(())
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
