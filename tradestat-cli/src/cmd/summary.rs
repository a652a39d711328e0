//! `tradestat summary`: the Comtrade summary of `tradestat::io::summary` (the comtrade_summary
//! example's table, byte for byte in CSV), or with `--perspective` the same columns through
//! `Bilateral`.

use std::io::Write;

use tradestat::io::summary::{area_text, SummaryFold, SummaryRow};
use tradestat::io::ReadReport;
use tradestat::{Area, Currency, Decimal, Perspective, Rate, TradeData};

use crate::cli::SummaryArgs;
use crate::fail::{display_source, Fail, Result};
use crate::input::{self, InputFormat};
use crate::output::{self, Cell, Column, Format, Sink, Table};
use crate::progress::Progress;

use super::parse;

/// The rows `--pair` and `--years` keep.
struct Keep {
    pair: Option<(Area, Area)>,
    years: Option<(i32, i32)>,
}

impl Keep {
    fn new(args: &SummaryArgs) -> Result<Keep> {
        let pair = match args.pair.as_deref() {
            Some([a, b]) => Some((parse::area("--pair", a)?, parse::area("--pair", b)?)),
            _ => None,
        };
        let years = match &args.years {
            Some(text) => {
                let (from, to) = text.split_once('-').unwrap_or((text, text));
                let year = |t: &str| {
                    t.trim().parse::<i32>().map_err(|_| {
                        Fail::usage(format!(
                            "--years {text:?}: expected FROM-TO, such as 2015-2024"
                        ))
                    })
                };
                Some((year(from)?, year(to)?))
            }
            None => None,
        };
        Ok(Keep { pair, years })
    }

    fn keeps(&self, reporter: Area, partner: Area, year: i32) -> bool {
        self.pair
            .is_none_or(|(a, b)| (reporter, partner) == (a, b) || (reporter, partner) == (b, a))
            && self
                .years
                .is_none_or(|(from, to)| (from..=to).contains(&year))
    }

    fn is_all(&self) -> bool {
        self.pair.is_none() && self.years.is_none()
    }
}

pub(crate) fn run(args: &SummaryArgs, progress: &Progress, quiet: bool) -> Result<()> {
    let keep = Keep::new(args)?;
    let format = output::resolve(args.output.format, args.output.out.as_ref());
    if let Some(p) = args.perspective {
        return through_bilateral(args, parse::perspective(p), &keep, format, progress);
    }
    let mut fold = SummaryFold::default();
    let mut reports: Vec<(String, ReadReport)> = Vec::new();
    let mut currency: Option<Currency> = None;
    for source in &args.files {
        let opened = input::open(source, progress)?;
        let from = input::format_of(source, &opened.head, args.read.from)?;
        if from == InputFormat::Comtrade {
            // `read_opened` checks the flags on the other path.
            input::flags_apply(from, &args.read)?;
            // The example's path: TOTAL rows only, on all cores.
            let (parts, report) = input::comtrade_reader(&args.read)
                .totals_only(true)
                .fold(opened.into_read(), SummaryFold::default, |acc, r| {
                    acc.add(&r)
                })
                .map_err(|e| Fail::from_lib(source, e))?;
            progress.done();
            for part in parts {
                fold.merge(part);
            }
            check_currency(&mut currency, Currency::USD, source)?;
            reports.push((source.clone(), report));
        } else {
            let loaded = input::read_opened(source, opened, from, &args.read, progress)?;
            for r in &loaded.records {
                check_currency(&mut currency, r.value().currency(), source)?;
                fold.add(r);
            }
            reports.push((source.clone(), loaded.report.unwrap_or_default()));
        }
    }
    let single = reports.len() == 1;
    let report = if single {
        reports[0].1.clone()
    } else {
        ReadReport::default()
    };
    let summary = fold.finish(report).map_err(|e| Fail::from_lib("", e))?;
    let mut sink = Sink::open(args.output.out.as_ref())?;
    match format {
        Format::Csv => {
            let written = if keep.is_all() {
                summary.write_csv(sink.writer())
            } else {
                summary.write_csv_rows(sink.writer(), |r| {
                    keep.keeps(r.reporter, r.partner, r.year.get())
                })
            };
            written.map_err(|e| sink.map_lib(e))?;
        }
        other => {
            let rows = summary
                .rows()
                .iter()
                .filter(|r| keep.keeps(r.reporter, r.partner, r.year.get()));
            let table = table(rows.map(row_cells), currency.unwrap_or(Currency::USD));
            sink.write_str(&table.render(other))?;
        }
    }
    sink.finish()?;
    if !quiet {
        let text = if single {
            summary.messages()
        } else {
            let mut t = String::new();
            for (source, report) in &reports {
                t.push_str(&format!("{}: {report}\n", display_source(source)));
                for r in report.rejections() {
                    t.push_str(&format!("{}: rejected: {r}\n", display_source(source)));
                }
            }
            let notes = summary.notes();
            if let Some(n) = notes.strip_prefix("; ") {
                t.push_str(&format!("{n}\n"));
            }
            t
        };
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    Ok(())
}

fn check_currency(seen: &mut Option<Currency>, c: Currency, source: &str) -> Result<()> {
    match seen {
        Some(s) if *s != c => Err(Fail::input(format!(
            "{}: figures in {c} and {s}: a summary adds figures of one currency",
            display_source(source)
        ))),
        _ => {
            *seen = Some(c);
            Ok(())
        }
    }
}

type Cells = [Option<Decimal>; 5];

fn row_cells(r: &SummaryRow) -> (Area, Area, i32, Cells) {
    (
        r.reporter,
        r.partner,
        r.year.get(),
        [
            Some(r.exports),
            Some(r.imports),
            Some(r.turnover),
            Some(r.balance),
            r.growth,
        ],
    )
}

/// The summary's columns for a table or JSON; growth is exact in JSON and a percentage to two
/// decimals (half to even) in a table.
fn table(rows: impl Iterator<Item = (Area, Area, i32, Cells)>, currency: Currency) -> Table {
    let code = currency.code();
    let mut table = Table::new(vec![
        Column::text("reporter"),
        Column::text("partner"),
        Column::text("year"),
        Column::amount("exports", code),
        Column::amount("imports", code),
        Column::amount("turnover", code),
        Column::amount("balance", code),
        Column::plain("growth"),
    ]);
    for (reporter, partner, year, [x, m, t, b, g]) in rows {
        let growth = match g {
            Some(g) => Cell::new(g).shown(format!("{:.2}", Rate::from_fraction(g))),
            None => Cell::empty(),
        };
        table.push(vec![
            Cell::new(area_text(reporter)),
            Cell::new(area_text(partner)),
            Cell::new(year),
            Cell::opt(x),
            Cell::opt(m),
            Cell::opt(t),
            Cell::opt(b),
            growth,
        ]);
    }
    table
}

/// The same columns through `Bilateral` from a perspective: every reporter and each of its
/// partners, in the summary's order.
fn through_bilateral(
    args: &SummaryArgs,
    perspective: Perspective,
    keep: &Keep,
    format: Format,
    progress: &Progress,
) -> Result<()> {
    let loaded = input::read_all(&args.files, &args.read, progress)?;
    let data = input::trade_data(&loaded)?;
    let currency = data.currency().unwrap_or(Currency::USD);
    let mut rows = Vec::new();
    for reporter in data.reporters() {
        for partner in data.partners(reporter) {
            if partner == reporter {
                continue;
            }
            rows.extend(pair_rows(&data, reporter, partner, perspective, keep)?);
        }
    }
    rows.sort_by(|a, b| {
        (area_text(a.0), area_text(a.1), a.2).cmp(&(area_text(b.0), area_text(b.1), b.2))
    });
    let table = table(rows.into_iter(), currency);
    output::emit(args.output.out.as_ref(), &table.render(format))
}

fn pair_rows(
    data: &TradeData,
    reporter: Area,
    partner: Area,
    perspective: Perspective,
    keep: &Keep,
) -> Result<Vec<(Area, Area, i32, Cells)>> {
    let pair = data.bilateral(reporter, partner)?;
    let exports = pair.exports(perspective)?;
    let imports = pair.imports(perspective)?;
    let turnover = pair.turnover(perspective)?;
    let balance = pair.balance(perspective)?;
    let growth: std::collections::BTreeMap<_, _> = turnover.growth_rates()?.into_iter().collect();
    let mut rows = Vec::new();
    for (period, t) in turnover.iter() {
        let year = period.calendar_year().get();
        if !keep.keeps(reporter, partner, year) {
            continue;
        }
        rows.push((
            reporter,
            partner,
            year,
            [
                exports.get(period).map(|m| m.amount()),
                imports.get(period).map(|m| m.amount()),
                Some(t.amount()),
                balance.get(period).map(|m| m.amount()),
                growth.get(&period).map(|r| r.as_fraction()),
            ],
        ));
    }
    Ok(rows)
}
