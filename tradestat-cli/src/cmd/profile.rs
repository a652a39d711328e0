//! `tradestat profile A B --data FILE`: `TradeData::profile` as the library prints it (table),
//! as its serde JSON, or its yearly rows as CSV.

use tradestat::io::summary::area_text;

use crate::cli::ProfileArgs;
use crate::fail::Result;
use crate::input;
use crate::output::{self, Cell, Column, Format, Table};
use crate::progress::Progress;

use super::parse;

pub(crate) fn run(args: &ProfileArgs, progress: &Progress) -> Result<()> {
    let a = parse::area("A", &args.a)?;
    let b = parse::area("B", &args.b)?;
    let loaded = input::read_all(&args.data, &args.read, progress)?;
    let period = parse::period_or_latest("--period", args.period.as_deref(), &loaded)?;
    let data = input::trade_data(&loaded)?;
    let profile = data.profile(a, b, period)?;
    let text = match output::resolve(args.output.format, args.output.out.as_ref()) {
        Format::Table => format!("{profile}\n"),
        Format::Json => {
            let mut t = serde_json::to_string_pretty(&profile).unwrap_or_default();
            t.push('\n');
            t
        }
        Format::Csv => {
            let code = profile.currency().code();
            let mut table = Table::new(vec![
                Column::text("reporter"),
                Column::text("partner"),
                Column::text("period"),
                Column::amount("exports", code),
                Column::amount("imports", code),
                Column::amount("turnover", code),
                Column::amount("balance", code),
                Column::plain("turnover_growth"),
            ]);
            for side in [profile.first(), profile.second()] {
                for row in &side.rows {
                    table.push(vec![
                        Cell::new(area_text(side.reporter)),
                        Cell::new(area_text(side.partner)),
                        Cell::new(row.period),
                        Cell::opt(row.exports.map(|m| m.amount())),
                        Cell::opt(row.imports.map(|m| m.amount())),
                        Cell::opt(row.turnover.map(|m| m.amount())),
                        Cell::opt(row.balance.map(|m| m.amount())),
                        Cell::opt(row.turnover_growth.map(|r| r.as_fraction())),
                    ]);
                }
            }
            table.csv()
        }
    };
    output::emit(args.output.out.as_ref(), &text)
}
