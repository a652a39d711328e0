//! Bilateral summary of a UN Comtrade CSV file: for every reporter, partner and year, exports,
//! imports, turnover, balance and the turnover's growth on the previous year, exactly.
//!
//! ```text
//! cargo run --release --example comtrade_summary -- INPUT.csv [--out OUT.csv] [--lenient]
//! ```
//!
//! Rules (see `tradestat::io::comtrade` for how rows become records):
//! - exports are flow `X` and imports flow `M` as the reporter reports them (re-exports and
//!   re-imports are parts of those, not additions);
//! - only the `TOTAL` rows (all commodities) are read: the product rows of the same file add up to
//!   them, so reading both would count the trade twice. The other rows are counted as skipped as
//!   soon as their `cmdCode` is seen (the reader's `totals_only` option). For a file without
//!   `TOTAL` rows, build a `TradeData` from all rows instead: its totals rule sums products into
//!   totals. Several `TOTAL` rows of one reporter, partner, period and flow are summed;
//! - annual rows are used where a reporter has them for a year; monthly rows are summed into their
//!   year only for a reporter-year with no annual rows and all twelve months, otherwise that year
//!   is left out (and counted on stderr);
//! - reporter and partner are written as ISO alpha-3 for countries, otherwise as the Comtrade code
//!   (World is `0`); amounts in US dollars, exact and unrounded; growth is
//!   (turnover - previous) / previous, rounded once to 28 significant digits half to even, empty
//!   where the previous year is missing or its turnover is zero;
//! - rows are sorted by reporter, then partner (as written), then year.
//!
//! The file is read on all cores in blocks of 4 MiB, so memory stays small whatever its size.

use std::io::Write;
use std::process::ExitCode;

use tradestat::io::summary::Summary;
use tradestat::io::Mode;

struct Args {
    input: String,
    out: Option<String>,
    lenient: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut out = None;
    let mut lenient = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lenient" => lenient = true,
            "--out" => out = Some(args.next().ok_or("--out needs a file name")?),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other if input.is_none() => input = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let input = input.ok_or("usage: comtrade_summary INPUT.csv [--out OUT.csv] [--lenient]")?;
    Ok(Args {
        input,
        out,
        lenient,
    })
}

#[allow(dead_code)] // the tests include this file as a module and call `summarize`
fn main() -> ExitCode {
    let result = parse_args().and_then(|args| {
        let stdout = std::io::stdout();
        let mut out: Box<dyn Write> = match &args.out {
            Some(path) => Box::new(std::io::BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?,
            )),
            None => Box::new(std::io::BufWriter::with_capacity(1 << 20, stdout.lock())),
        };
        let messages = summarize(&args.input, args.lenient, &mut out)?;
        out.flush().map_err(|e| e.to_string())?;
        Ok(messages)
    });
    match result {
        Ok(messages) => {
            eprint!("{messages}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the summary of the Comtrade file at `input` to `out`; returns the lines for stderr
/// (the report line, then one line per rejected row). The fold and its rules are the library's
/// (`tradestat::io::summary`), shared with the `tradestat summary` command.
pub(crate) fn summarize(input: &str, lenient: bool, out: &mut dyn Write) -> Result<String, String> {
    let mode = if lenient { Mode::Lenient } else { Mode::Strict };
    let summary = Summary::read_comtrade(input, mode).map_err(|e| e.to_string())?;
    summary.write_csv(out).map_err(|e| e.to_string())?;
    Ok(summary.messages())
}
