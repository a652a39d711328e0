//! Mirror statistics on the published Kazakhstan-Türkiye figures: the 2021 gap between the two
//! countries' statistics, and Kazakhstan's own exports and imports as a `TradeData` with their
//! turnover, balance, coverage and growth.
//!
//! Run with `cargo run --example mirror`. Every figure printed can be checked by hand from
//! `examples/data/kaz_tur_published.csv`.

use std::collections::BTreeMap;
use std::error::Error as StdError;

use tradestat::{
    Asymmetry, Country, Flow, Measure, Money, Period, Perspective, TradeData, TradeRecord,
};

/// The published figures, copied into the repository with their origin line.
const PUBLISHED: &str = include_str!("data/kaz_tur_published.csv");

fn main() -> Result<(), Box<dyn StdError>> {
    let rows = read_published()?;

    // 1. The 2021 gap: each side's published turnover, compared as a first-class number.
    let year = Period::year(2021)?;
    let turnover = |side: &str| -> Result<Money, Box<dyn StdError>> {
        rows.iter()
            .find(|r| r.year == 2021 && r.metric == "turnover" && r.side.starts_with(side))
            .map(|r| r.value)
            .ok_or_else(|| format!("no 2021 turnover from the {side} side").into())
    };
    let gap = Asymmetry::new(year, Measure::Turnover, turnover("KZ")?, turnover("TR")?);
    println!("2021 turnover, Kazakhstan-Türkiye");
    println!("  Kazakh statistics (reported)  {}", gap.reported.human());
    println!("  Turkish statistics (mirror)   {}", gap.mirror.human());
    println!(
        "  difference (mirror - reported) {}",
        gap.difference()?.human()
    );
    println!(
        "  relative to the Kazakh figure  {}  (1.2 / 4.1, half to even)",
        percent(gap.relative()?.value())
    );

    // 2. Kazakhstan's own published exports to and imports from Türkiye, as trade records.
    //    Where two sources give one figure, both are shown and the first is used, never silently.
    let mut chosen: BTreeMap<(u16, &str), &Published> = BTreeMap::new();
    println!("\nKazakhstan's published exports to and imports from Türkiye");
    for row in rows.iter().filter(|r| r.side.starts_with("KZ")) {
        if row.metric != "kz_exports_to_tr" && row.metric != "kz_imports_from_tr" {
            continue;
        }
        match chosen.get(&(row.year, row.metric.as_str())) {
            Some(first) => println!(
                "  {} {}: also published as {} ({}); using {} ({})",
                row.year,
                row.metric,
                row.value.human(),
                row.source,
                first.value.human(),
                first.source
            ),
            None => {
                chosen.insert((row.year, row.metric.as_str()), row);
            }
        }
    }
    let mut records = Vec::new();
    for (&(year, metric), row) in &chosen {
        let flow = if metric == "kz_exports_to_tr" {
            Flow::Export
        } else {
            Flow::Import
        };
        let period = Period::year(i32::from(year))?;
        records.push(TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            period,
            flow,
            row.value,
        ));
    }
    let data = TradeData::from_records(records)?;
    let pair = data.bilateral(Country::KAZ, Country::TUR)?;
    let view = Perspective::Reporter;
    let (exports, imports) = (pair.exports(view)?, pair.imports(view)?);
    let (turnover, balance) = (pair.turnover(view)?, pair.balance(view)?);
    let coverage: BTreeMap<Period, _> = pair.coverage_ratio(view)?.into_iter().collect();
    println!(
        "\n  {:<6} {:>18} {:>18} {:>18} {:>18} {:>9}",
        "year", "exports", "imports", "turnover", "balance", "coverage"
    );
    let show = |m: Option<Money>| m.map_or_else(|| "-".to_owned(), |m| m.human());
    for period in exports.periods() {
        println!(
            "  {:<6} {:>18} {:>18} {:>18} {:>18} {:>9}",
            period.to_string(),
            show(exports.get(period)),
            show(imports.get(period)),
            show(turnover.get(period)),
            show(balance.get(period)),
            coverage
                .get(&period)
                .map_or_else(|| "-".to_owned(), |c| format!("{c:.2}")),
        );
    }
    println!("  (no turnover where a flow is missing: 2012 has no published import figure)");

    println!("\n  turnover growth, Kazakh figures (between published years)");
    for (period, rate) in turnover.growth_rates()? {
        println!("    {period}  {rate:>8.1}");
    }
    println!(
        "  The 2021 +33% of the news is Kazakhstan's own figure: 4.1 against 3.1 billion published"
    );
    println!("  for 2020; from the published parts, 2.1 + 0.9396 = 3.0396 billion, it is +34.9%.");
    Ok(())
}

/// A fraction as a percentage with two decimals, rounded half to even.
fn percent(fraction: tradestat::Decimal) -> String {
    let p = (fraction * tradestat::Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, tradestat::RoundingStrategy::MidpointNearestEven);
    format!("{p}%")
}

struct Published {
    year: u16,
    metric: String,
    value: Money,
    side: String,
    source: String,
}

/// The rows with a numeric year and a value; any such row that cannot be read is an error
/// naming its line.
fn read_published() -> Result<Vec<Published>, Box<dyn StdError>> {
    let mut lines = PUBLISHED
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#'));
    let header = lines.next().map(|(_, l)| split_csv(l)).unwrap_or_default();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("published figures: no column {name:?}"))
    };
    let columns = [
        column("year")?,
        column("metric")?,
        column("value_usd")?,
        column("data_side")?,
        column("source_url")?,
    ];
    let mut rows = Vec::new();
    for (index, line) in lines {
        let fields = split_csv(line);
        let field = |i: usize| fields.get(columns[i]).map(String::as_str).unwrap_or("");
        let (Ok(year), value) = (field(0).parse::<u16>(), field(2)) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        let value = format!("{value} USD")
            .parse::<Money>()
            .map_err(|e| format!("published figures line {}: value_usd: {e}", index + 1))?;
        rows.push(Published {
            year,
            metric: field(1).to_owned(),
            value,
            side: field(3).to_owned(),
            source: field(4).to_owned(),
        });
    }
    Ok(rows)
}

/// Splits one CSV line, honouring double quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(last) = fields.last_mut() {
                    last.push('"');
                }
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => {
                if let Some(last) = fields.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    fields
}
