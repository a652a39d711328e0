//! `tradestat indicators KIND ...`: the tables of `tradestat::indicators`, exact in CSV and
//! JSON, rounded half to even for people in a table.

use tradestat::indicators::{self, Component, Over};
use tradestat::io::summary::area_text;
use tradestat::{Area, Decimal, Measure, Period, Rate, TradeData};

use crate::cli::{Indicator, IndicatorArgs, MeasureArg, OverArg};
use crate::fail::{Fail, Result};
use crate::input;
use crate::output::{self, Cell, Column, Table};
use crate::progress::Progress;

use super::parse;

pub(crate) fn run(args: &IndicatorArgs, progress: &Progress) -> Result<()> {
    let countries: Vec<Area> = args
        .countries
        .iter()
        .map(|c| parse::area("COUNTRY", c))
        .collect::<Result<_>>()?;
    let loaded = input::read_all(&args.data, &args.read, progress)?;
    let period = parse::period_or_latest("--period", args.period.as_deref(), &loaded)?;
    let data = input::trade_data(&loaded)?;
    let code = data.currency().map_or("", |c| c.code()).to_owned();
    let measure = match args.measure {
        MeasureArg::Exports => Measure::Exports,
        MeasureArg::Imports => Measure::Imports,
        MeasureArg::Turnover => Measure::Turnover,
    };
    let mut table = match args.indicator {
        Indicator::Rca => rca(&data, period, countries.first().copied(), &code)?,
        Indicator::Shares => shares(&data, measure, period, countries.first().copied(), &code)?,
        Indicator::Intensity => intensity(&data, period, countries.first().copied(), &code)?,
        Indicator::Hhi => {
            let over = match args.over {
                OverArg::Partners => Over::Partners,
                OverArg::Products => Over::Products,
            };
            hhi(&data, measure, over, period, countries.first().copied())?
        }
        Indicator::Gl => {
            let [a, b] = two(&countries, "gl")?;
            let gl = indicators::grubel_lloyd_aggregate(&data, a, b, period)?;
            let mut t = value_table(&[
                Column::amount("exports", &code),
                Column::amount("imports", &code),
                Column::number("products"),
            ]);
            t.push(vec![
                Cell::new(area_text(a)),
                Cell::new(area_text(b)),
                Cell::new(period),
                ratio_cell(gl.value()),
                Cell::new(gl.exports().amount()),
                Cell::new(gl.imports().amount()),
                Cell::new(gl.products()),
            ]);
            t
        }
        Indicator::Complementarity => {
            let [a, b] = two(&countries, "complementarity")?;
            let c = indicators::complementarity(&data, a, b, period)?;
            let mut t = value_table(&[]);
            t.push(vec![
                Cell::new(area_text(a)),
                Cell::new(area_text(b)),
                Cell::new(period),
                ratio_cell(c.value()),
            ]);
            t
        }
        Indicator::Diversification => {
            let Some(&a) = countries.first() else {
                return Err(Fail::usage("indicators diversification needs a COUNTRY"));
            };
            let d = indicators::diversification(&data, a, period)?;
            let mut t = Table::new(vec![
                Column::text("country"),
                Column::text("period"),
                Column::plain("value"),
            ]);
            t.push(vec![
                Cell::new(area_text(a)),
                Cell::new(period),
                ratio_cell(d.value()),
            ]);
            t
        }
    };
    if let Some(n) = args.top {
        table.rows.truncate(n);
    }
    let format = output::resolve(args.output.format, args.output.out.as_ref());
    output::emit(args.output.out.as_ref(), &table.render(format))
}

fn two(countries: &[Area], what: &str) -> Result<[Area; 2]> {
    match countries {
        [a, b] => Ok([*a, *b]),
        _ => Err(Fail::usage(format!(
            "indicators {what} needs two countries (exporter, importer)"
        ))),
    }
}

/// A ratio exact in CSV/JSON, to four decimals (half to even) in a table.
fn ratio_cell(value: Decimal) -> Cell {
    Cell::new(value).shown(tradestat::Ratio::new(value).round_dp(4).value())
}

/// A share exact in CSV/JSON, a percentage to three decimals in a table.
fn share_cell(value: Decimal) -> Cell {
    Cell::new(value).shown(format!("{:.3}", Rate::from_fraction(value)))
}

fn value_table(extra: &[Column]) -> Table {
    let mut columns = vec![
        Column::text("a"),
        Column::text("b"),
        Column::text("period"),
        Column::plain("value"),
    ];
    columns.extend(extra.iter().cloned());
    Table::new(columns)
}

fn rca(data: &TradeData, period: Period, only: Option<Area>, code: &str) -> Result<Table> {
    let mut rows = indicators::rca_table(data, period)?;
    rows.retain(|r| only.is_none_or(|a| r.country == a));
    rows.sort_by(|x, y| {
        y.rca
            .value()
            .cmp(&x.rca.value())
            .then(x.country.cmp(&y.country))
            .then(x.product.cmp(&y.product))
    });
    let mut t = Table::new(vec![
        Column::text("country"),
        Column::text("product"),
        Column::amount("exports", code),
        Column::plain("rca"),
    ]);
    for r in rows {
        t.push(vec![
            Cell::new(area_text(r.country)),
            Cell::new(r.product.code()),
            Cell::new(r.exports.amount()),
            ratio_cell(r.rca.value()),
        ]);
    }
    Ok(t)
}

fn shares(
    data: &TradeData,
    measure: Measure,
    period: Period,
    only: Option<Area>,
    code: &str,
) -> Result<Table> {
    let mut rows = indicators::shares_table(data, measure, period)?;
    rows.retain(|r| only.is_none_or(|a| r.reporter == a));
    rows.sort_by(|x, y| {
        x.reporter
            .cmp(&y.reporter)
            .then(y.share.value().cmp(&x.share.value()))
            .then(x.partner.cmp(&y.partner))
    });
    let mut t = Table::new(vec![
        Column::text("reporter"),
        Column::text("partner"),
        Column::amount("part", code),
        Column::amount("total", code),
        Column::plain("share").headed("share (%)"),
    ]);
    for r in rows {
        t.push(vec![
            Cell::new(area_text(r.reporter)),
            Cell::new(area_text(r.partner)),
            Cell::new(r.share.part().amount()),
            Cell::new(r.share.total().amount()),
            share_cell(r.share.value()),
        ]);
    }
    Ok(t)
}

fn intensity(data: &TradeData, period: Period, only: Option<Area>, code: &str) -> Result<Table> {
    let mut rows = indicators::intensity_table(data, period)?;
    rows.retain(|r| only.is_none_or(|a| r.reporter == a));
    rows.sort_by(|x, y| {
        x.reporter
            .cmp(&y.reporter)
            .then(y.intensity.value().cmp(&x.intensity.value()))
            .then(x.partner.cmp(&y.partner))
    });
    let mut t = Table::new(vec![
        Column::text("reporter"),
        Column::text("partner"),
        Column::amount("exports", code),
        Column::plain("intensity"),
    ]);
    for r in rows {
        t.push(vec![
            Cell::new(area_text(r.reporter)),
            Cell::new(area_text(r.partner)),
            Cell::new(r.exports.amount()),
            ratio_cell(r.intensity.value()),
        ]);
    }
    Ok(t)
}

fn hhi(
    data: &TradeData,
    measure: Measure,
    over: Over,
    period: Period,
    only: Option<Area>,
) -> Result<Table> {
    let mut rows = indicators::hhi_table(data, measure, over, period)?;
    rows.retain(|r| only.is_none_or(|a| r.reporter == a));
    rows.sort_by(|x, y| {
        y.hhi
            .value()
            .cmp(&x.hhi.value())
            .then(x.reporter.cmp(&y.reporter))
    });
    let mut t = Table::new(vec![
        Column::text("reporter"),
        Column::plain("hhi"),
        Column::number("components"),
        Column::text("largest"),
    ]);
    for r in rows {
        let largest = r
            .hhi
            .components()
            .iter()
            .max_by(|x, y| x.1.amount().cmp(&y.1.amount()))
            .map(|(k, _)| match k {
                Component::Partner(a) => area_text(*a),
                Component::Product(c) => c.to_string(),
            });
        t.push(vec![
            Cell::new(area_text(r.reporter)),
            ratio_cell(r.hhi.value()),
            Cell::new(r.hhi.count()),
            Cell::opt(largest),
        ]);
    }
    Ok(t)
}
