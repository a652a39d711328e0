//! `tradestat fetch worldbank COUNTRY --indicator deflator|fx|ID --years FROM-TO`: a World Bank
//! series by year from the library's `WorldBankClient`, as a table, CSV or JSON. Years the
//! service lists without a value are rows with an empty value: gaps, never zeros, never dropped.

use std::io::Write;

use tradestat::fetch::{FetchReport, IndicatorSeries, WorldBankClient};
use tradestat::{Country, Year};

use crate::fail::{Fail, Result};
use crate::fetch_args::WorldBankArgs;
use crate::output::{self, Cell, Column, Table};

use super::fetch::{fetch_fail, politeness_flags, years};

pub(crate) fn run(args: &WorldBankArgs, quiet: bool) -> Result<()> {
    let country = args
        .country
        .parse::<Country>()
        .map_err(|e| Fail::usage(format!("COUNTRY {:?}: {e}", args.country)))?;
    let (from, to) = years(&args.years)?;
    let what = args.indicator.trim();
    if args.rebase.is_some() && what != "deflator" {
        return Err(Fail::usage("--rebase: only the deflator is rebased"));
    }
    let mut client = WorldBankClient::new();
    if let Some(url) = &args.common.base_url {
        client = client.base_url(url).map_err(fetch_fail)?;
    }
    client = politeness_flags!(client, &args.common);
    if let Some(dir) = &args.common.cache {
        client = client.cache_dir(dir).map_err(fetch_fail)?;
    }
    let (table, series, report) = match what {
        "fx" => {
            let (fx, report) = client
                .exchange_rates(country, from..=to)
                .map_err(fetch_fail)?;
            let mut table = Table::new(vec![
                Column::text("country"),
                Column::plain("year"),
                Column::text("currency"),
                Column::plain("published"),
                Column::plain("rate"),
            ]);
            let mut rows: Vec<(Year, Vec<Cell>)> = fx
                .observations()
                .iter()
                .filter_map(|o| match o.period {
                    tradestat::Period::Year(y) => Some((
                        y,
                        vec![
                            Cell::new(country.alpha3()),
                            Cell::new(y),
                            Cell::new(o.currency.code()),
                            Cell::new(o.published),
                            Cell::new(o.rate),
                        ],
                    )),
                    _ => None,
                })
                .collect();
            rows.extend(fx.series().missing().iter().map(|&y| {
                let currency = tradestat::fetch::currency_in(country, y).map(|(c, _)| c.code());
                (
                    y,
                    vec![
                        Cell::new(country.alpha3()),
                        Cell::new(y),
                        Cell::opt(currency),
                        Cell::empty(),
                        Cell::empty(),
                    ],
                )
            }));
            rows.sort_by_key(|(y, _)| *y);
            for (_, row) in rows {
                table.push(row);
            }
            (table, fx.series().clone(), report)
        }
        "deflator" => {
            let (mut deflator, report) = client
                .gdp_deflator(country, from..=to)
                .map_err(fetch_fail)?;
            if let Some(base) = args.rebase {
                let base = Year::new(base).map_err(|e| Fail::usage(format!("--rebase: {e}")))?;
                deflator = deflator.rebased(base).map_err(fetch_fail)?;
            }
            let series = deflator.series().clone();
            (series_table(&series), series, report)
        }
        id => {
            let (series, report) = client
                .indicator(country, id, from..=to)
                .map_err(fetch_fail)?;
            (series_table(&series), series, report)
        }
    };
    let format = output::resolve(args.output.format, args.output.out.as_ref());
    output::emit(args.output.out.as_ref(), &table.render(format))?;
    if !quiet {
        print_summary(&series, &report);
    }
    Ok(())
}

/// Country, indicator, year and value, oldest first; a gap's value is empty.
fn series_table(series: &IndicatorSeries) -> Table {
    let mut table = Table::new(vec![
        Column::text("country"),
        Column::text("indicator"),
        Column::plain("year"),
        Column::plain("value"),
    ]);
    let mut rows: Vec<(Year, Cell)> = series
        .values()
        .iter()
        .map(|&(y, v)| (y, Cell::new(v)))
        .chain(series.missing().iter().map(|&y| (y, Cell::empty())))
        .collect();
    rows.sort_by_key(|(y, _)| *y);
    for (year, value) in rows {
        table.push(vec![
            Cell::new(series.country().alpha3()),
            Cell::new(series.indicator()),
            Cell::new(year),
            value,
        ]);
    }
    table
}

/// The calls (the first line of the report: the World Bank's rows are not records, so no
/// reader's accounting follows), the source, and the gaps.
fn print_summary(series: &IndicatorSeries, report: &FetchReport) {
    let text = report.to_string();
    let calls = text.lines().next().unwrap_or_default();
    let gaps: Vec<String> = series.missing().iter().map(ToString::to_string).collect();
    let _ = writeln!(
        std::io::stderr(),
        "fetch worldbank: {calls}\n  {} years with a value{}; source: {}",
        series.values().len(),
        if gaps.is_empty() {
            String::new()
        } else {
            format!(", none in {}", gaps.join(", "))
        },
        series.source()
    );
}
