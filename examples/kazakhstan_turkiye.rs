//! The seed question, answered from the statement's own words and from the published figures.
//!
//! "Kazakhstan and Türkiye traded goods worth 6.3 billion US dollars in 2022, up 33%; the leaders
//! want turnover raised to 10 billion US dollars."
//!
//! Run with `cargo run --example kazakhstan_turkiye`. Every figure printed can be checked by hand or
//! with a calculator; rounding is named where it happens. With `--features chart` it also writes
//! `target.svg` (the path from 6.3 to 10 billion by 2030 against the published Kazakh-side
//! turnover) and `bilateral.svg` (Kazakhstan's published exports to and imports from Türkiye, with
//! turnover and balance) into the current directory.

use std::collections::BTreeMap;
use std::error::Error as StdError;

use tradestat::{Decimal, Money, Period, Rate, RoundingStrategy, Series, Target};

/// The published figures, copied into the repository with their origin line.
const PUBLISHED: &str = include_str!("data/kaz_tur_published.csv");

fn main() -> Result<(), Box<dyn StdError>> {
    let statement = "Kazakhstan and Türkiye traded goods worth 6.3 billion US dollars in 2022, \
                     up 33%; the target is 10 billion US dollars.";
    println!("Statement: {statement}\n");

    // The statement's own words, parsed into typed, exact values.
    let turnover: Money = "6.3 billion US dollars".parse()?;
    let growth: Rate = "up 33%".parse()?;
    let goal: Money = "10 billion US dollars".parse()?;
    let year: Period = "2022".parse()?;
    println!("Parsed");
    println!(
        "  turnover {year}          {turnover}  ({})",
        turnover.human()
    );
    println!("  growth on the year     {growth}");
    println!("  target                 {goal}  ({})", goal.human());

    // 6.3e9 / 1.33, kept exact, then rounded to cents with banker's rounding.
    let previous = turnover.implied_previous(growth)?;
    println!("\nImplied {} turnover", year.pred()?);
    println!("  exact                  {}", previous.amount());
    println!(
        "  to cents (half-even)   {} USD",
        grouped(
            previous
                .round_with(RoundingStrategy::MidpointNearestEven)
                .amount()
        )
    );

    println!("\nCompound annual growth needed to reach {}", goal.human());
    for deadline in ["2025", "2030"] {
        let target = Target::new(year, turnover, goal, deadline.parse()?)?;
        println!(
            "  by {deadline} ({} years)     {:>7.3}",
            target.periods(),
            target.required_rate()?
        );
    }

    let target = Target::new(year, turnover, goal, "2025".parse()?)?;
    println!("\nAt {growth} a year");
    println!(
        "  years to the target    {:.3}  (ln(10/6.3) / ln(1.33))",
        target.periods_to_reach(growth)?.round_dp(3)
    );
    println!("  first year at/above    {}", target.reached_in(growth)?);
    println!("  path (USD, to cents, half-even):");
    let reached = target.reached_in(growth)?;
    for (period, value) in target.path(growth)?.iter() {
        let marker = if period == reached {
            "  <- first year at or above the target"
        } else {
            ""
        };
        let cents = value.round_with(RoundingStrategy::MidpointNearestEven);
        println!("    {period}  {:>18}{marker}", grouped(cents.amount()));
    }

    let kazakh_turnover = published_figures()?;

    // Will the goal be met by 2030? The verdict with its uncertainty: a 90% prediction interval
    // and the probability under the fitted line (statsmodels' get_prediction), and under a random
    // walk with drift from the last observation. Both trends are named.
    let by_2030 = Target::new(year, turnover, goal, "2030".parse()?)?;
    let assessment = by_2030.assess(&kazakh_turnover)?;
    println!(
        "\nWill the published Kazakh-side turnover reach {} by 2030?",
        goal.human()
    );
    println!("{assessment}");
    println!("{}", tradestat::projection::trend(&kazakh_turnover)?);

    #[cfg(feature = "chart")]
    {
        let target = Target::new(year, turnover, goal, "2030".parse()?)?;
        let options = tradestat::chart::Options::default()
            .source("Source: Kazakh statistics as published (examples/data/kaz_tur_published.csv); target as stated by both governments.");
        let picture = tradestat::chart::target_with(&target, &kazakh_turnover, &options)?;
        picture.write_to("target.svg")?;
        println!("\nWrote target.svg");
        bilateral_chart()?;
    }
    #[cfg(not(feature = "chart"))]
    let _ = kazakh_turnover;
    Ok(())
}

/// The Kazakh-side turnover series from the published figures, its growth and CAGR, and the gap
/// between the two sides' figures for 2021. Returns the Kazakh-side series.
fn published_figures() -> Result<Series, Box<dyn StdError>> {
    let rows = read_published()?;
    let mut kazakh: BTreeMap<Period, Money> = BTreeMap::new();
    let mut turkish: BTreeMap<Period, Money> = BTreeMap::new();
    for row in &rows {
        if row.metric != "turnover" {
            continue;
        }
        let side = if row.data_side.starts_with("KZ") {
            &mut kazakh
        } else if row.data_side.starts_with("TR") {
            &mut turkish
        } else {
            continue;
        };
        // Several sources may repeat a year; they agree in this file, and the first one is kept.
        side.entry(row.year).or_insert(row.value);
    }

    let series = Series::with_gaps(kazakh.clone())?;
    println!(
        "\nPublished Kazakh-side turnover (KZ statistics; years without a KZ figure are gaps)"
    );
    let rates: BTreeMap<Period, Rate> = series.growth_rates()?.into_iter().collect();
    for (period, value) in series.iter() {
        let rate = rates
            .get(&period)
            .map(|r| format!("{r:>+8.1}"))
            .unwrap_or_else(|| "        ".to_owned());
        println!("  {period}  {:>18} USD  {rate}", grouped(value.amount()));
    }
    let (first, first_value) = series.first();
    let (last, last_value) = series.last();
    println!(
        "  CAGR {first}-{last}: {:.2} a year ({} to {})",
        series.cagr()?,
        first_value.human(),
        last_value.human()
    );

    let y2021: Period = "2021".parse()?;
    if let (Some(kz), Some(tr)) = (kazakh.get(&y2021), turkish.get(&y2021)) {
        let gap = tr.checked_sub(kz)?;
        println!("\nThe two sides' figures for {y2021}");
        println!("  Kazakh statistics      {}", kz.human());
        println!("  Turkish statistics     {}", tr.human());
        println!(
            "  gap                    {} ({:.1} of the Kazakh figure)",
            gap.human(),
            tradestat::growth::growth(kz, tr)?
        );
        println!(
            "  The 33% rise in the statement is the Kazakh figure for 2021 (3.1 -> 4.1 billion);"
        );
        println!("  the 6.3 billion for 2022 is Kazakh too. Keep each side's series apart.");
    }
    Ok(series)
}

/// Kazakhstan's published exports to and imports from Türkiye as a data set, charted with
/// turnover and balance; years without a figure are gaps.
#[cfg(feature = "chart")]
fn bilateral_chart() -> Result<(), Box<dyn StdError>> {
    use tradestat::{Country, Flow, Perspective, TradeData, TradeRecord};

    let mut seen = std::collections::BTreeSet::new();
    let mut records = Vec::new();
    for row in read_published()? {
        let flow = match row.metric.as_str() {
            "kz_exports_to_tr" => Flow::Export,
            "kz_imports_from_tr" => Flow::Import,
            _ => continue,
        };
        // 2023 exports appear twice (4.0 and 3.9 billion, two sources): the first is kept.
        if seen.insert((row.year, flow)) {
            records.push(TradeRecord::new(
                Country::KAZ,
                Country::TUR,
                row.year,
                flow,
                row.value,
            ));
        }
    }
    let data = TradeData::from_records(records)?;
    let pair = data.bilateral(Country::KAZ, Country::TUR)?;
    let options = tradestat::chart::Options::default()
        .title("Kazakhstan's trade in goods with Türkiye")
        .source("Source: Kazakh statistics as published (examples/data/kaz_tur_published.csv); 2012 imports not published.");
    tradestat::chart::bilateral_with(&pair, Perspective::Reporter, &options)?
        .write_to("bilateral.svg")?;
    println!("Wrote bilateral.svg");
    Ok(())
}

struct PublishedRow {
    year: Period,
    metric: String,
    value: Money,
    data_side: String,
}

/// Reads the rows with a numeric year and value; other rows (the target, rates) are skipped, and
/// any row that cannot be read is an error naming its line.
fn read_published() -> Result<Vec<PublishedRow>, Box<dyn StdError>> {
    let mut rows = Vec::new();
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
    let (year_col, metric_col, value_col, side_col) = (
        column("year")?,
        column("metric")?,
        column("value_usd")?,
        column("data_side")?,
    );
    for (index, line) in lines {
        let fields = split_csv(line);
        let field = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let (year, value) = (field(year_col), field(value_col));
        if year.parse::<u16>().is_err() || value.is_empty() {
            continue;
        }
        let parsed = format!("{value} USD")
            .parse::<Money>()
            .map_err(|e| format!("published figures line {}: value_usd: {e}", index + 1))?;
        rows.push(PublishedRow {
            year: year
                .parse()
                .map_err(|e| format!("published figures line {}: year: {e}", index + 1))?,
            metric: field(metric_col).to_owned(),
            value: parsed,
            data_side: field(side_col).to_owned(),
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
                push(&mut fields, '"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => push(&mut fields, c),
        }
    }
    fields
}

fn push(fields: &mut [String], c: char) {
    if let Some(last) = fields.last_mut() {
        last.push(c);
    }
}

/// An amount to the cent with groups of three digits ("4 736 842 105.26").
fn grouped(amount: Decimal) -> String {
    let mut cents = amount;
    cents.rescale(2);
    let text = cents.to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}
