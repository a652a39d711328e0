//! The vocabulary trade data is written in: countries and their many names, UN Comtrade's area
//! codes, currencies old and new, amounts as people write them, periods and rates.
//!
//! Run with `cargo run --example vocabulary`.

use std::error::Error as StdError;

use tradestat::money::Language;
use tradestat::{Area, Country, Currency, Money, Period, Rate};

fn main() -> Result<(), Box<dyn StdError>> {
    println!("Countries: one value, many names");
    for name in [
        "Turkey",
        "Türkiye",
        "TR",
        "792",
        "Republic of Türkiye",
        "Kazakstan",
        "the UK",
        "Korea, Rep.",
    ] {
        let c: Country = name.parse()?;
        println!(
            "  {name:<22} -> {} ({}, {}, {:03})",
            c.name(),
            c.alpha3(),
            c.alpha2(),
            c.numeric()
        );
    }
    match "Turky".parse::<Country>() {
        Err(e) => println!("  {:<22} -> error: {e}", "Turky"),
        Ok(c) => println!("  Turky -> {c}"),
    }

    println!("\nUN Comtrade area codes");
    for code in [0u16, 398, 842, 251, 490, 899, 810] {
        let area = Area::from_comtrade_code(code)?;
        let country = area.country().map(|c| c.alpha3()).unwrap_or("-");
        println!("  {code:>3} -> {area} (ISO country: {country})");
    }
    if let Err(e) = Area::from_comtrade_code(999) {
        println!("  999 -> error: {e}");
    }

    println!("\nCurrencies, current and withdrawn");
    for code in ["USD", "KZT", "TRY", "TRL", "DEM"] {
        let c: Currency = code.parse()?;
        let status = match c.withdrawn_in() {
            Some(year) => format!("withdrawn, last used {year}"),
            None => "current".to_owned(),
        };
        println!(
            "  {c} {:03} {:<28} minor units {:?}, {status}",
            c.numeric(),
            c.name(),
            c.minor_units()
        );
    }

    println!("\nAmounts as people write them (exact)");
    for text in [
        "$6.3bn",
        "US$ 6.3 bln",
        "6,300,000,000 USD",
        "€1.2 million",
        "KZT 2.9 trillion",
        "£700m",
        "(1,234) USD",
    ] {
        let m: Money = text.parse()?;
        println!("  {text:<20} -> {m:<22} {}", m.human());
    }
    // The same statement in the languages it was reported in (Money::parse_in).
    for (text, language) in [
        ("6 milyar 300 milyon dolar", Language::Turkish),
        ("6,3 миллиардов долларов", Language::Russian),
        ("6,3 млрд АҚШ доллары", Language::Kazakh),
    ] {
        let m = Money::parse_in(text, language)?;
        println!("  {text:<26} ({language}) -> {}", m.human());
    }
    for text in [
        "5 kr",
        "6.3 billion zorkmids",
        "USD 6.3.1 bn",
        "USD 6.3 bil",
        "1 234,5 EUR",
    ] {
        if let Err(e) = text.parse::<Money>() {
            println!("  {text:<20} -> error: {e}");
        }
    }

    println!("\nPeriods and rates");
    for text in ["2022", "2022-Q3", "202207", "2022M07", "Jan 2022"] {
        let p: Period = text.parse()?;
        println!(
            "  {text:<8} -> {p:<8} {} to {}, next {}",
            p.first_day(),
            p.last_day(),
            p.succ()?
        );
    }
    for text in ["up 33%", "-4.5%", "12.5 pct"] {
        let r: Rate = text.parse()?;
        println!("  {text:<8} -> fraction {}, shown {r:.1}", r.as_fraction());
    }
    Ok(())
}
