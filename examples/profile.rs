//! The trade profile of a pair of countries from a research data set.
//!
//! ```text
//! cargo run --example profile -- TUR DEU [--year 2006] [--json]
//! cargo run --example profile -- KAZ TUR --gravity [--json]
//! ```
//!
//! Without `--gravity` the data is the WTO/UNCTAD *Advanced Guide to Trade Policy Analysis* panel
//! (`tests/data/yotov_agtpa_trade.csv`: 69 countries, 1986-2006, millions of US dollars; a row is
//! the exporter's export, domestic sales kept apart), so growth shows over the years, and each
//! direction has one figure (the exporter's), so the mirror part says it is not available. With
//! `--gravity` it is CEPII's gravity cross-section (`tests/data/gravity_cross_section.csv`: 166
//! countries, millions of US dollars) whose year the source does not state: it is held as period
//! 2000 and labelled "year not stated".

use std::error::Error as StdError;
use std::process::ExitCode;

use tradestat::io::dyadic::DyadicReader;
use tradestat::{Area, Domestic, Period, Scale, TradeData};

struct Args {
    a: Area,
    b: Area,
    year: Option<i32>,
    json: bool,
    gravity: bool,
}

fn parse_args() -> Result<Args, String> {
    let usage = "usage: profile A B [--year YYYY] [--json] [--gravity]";
    let mut codes = Vec::new();
    let (mut year, mut json, mut gravity) = (None, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--gravity" => gravity = true,
            "--year" => {
                let y = args.next().ok_or(usage)?;
                year = Some(
                    y.parse()
                        .map_err(|_| format!("--year needs a year, not {y:?}"))?,
                );
            }
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}; {usage}"))
            }
            code => codes.push(code.parse::<Area>().map_err(|e| e.to_string())?),
        }
    }
    match codes[..] {
        [a, b] => Ok(Args {
            a,
            b,
            year,
            json,
            gravity,
        }),
        _ => Err(usage.to_owned()),
    }
}

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &Args) -> Result<(), Box<dyn StdError>> {
    let (reader, period) = if args.gravity {
        if args.year.is_some() {
            return Err(
                "the gravity cross-section has one unstated year: --year does not apply".into(),
            );
        }
        let period = Period::year(2000)?;
        (
            DyadicReader::new("iso_o", "iso_d", "flow").period(period),
            period,
        )
    } else {
        let period = Period::year(args.year.unwrap_or(2006))?;
        (
            DyadicReader::new("exporter", "importer", "trade").period_column("year"),
            period,
        )
    };
    let file = data_file(if args.gravity {
        "gravity_cross_section.csv"
    } else {
        "yotov_agtpa_trade.csv"
    });
    let (data, report) = reader
        .unit(Scale::Million)
        .open(&file)?
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))?;
    eprintln!(
        "{file}: {} rows read, {} records ({} domestic kept apart)",
        report.read(),
        data.len(),
        data.domestic_len()
    );
    let profile = data.profile(args.a, args.b, period)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&profile)?);
    } else {
        if args.gravity {
            println!("(gravity cross-section: the source does not state its year; shown as 2000)");
        }
        print!("{profile}");
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args() {
        Ok(args) => match run(&args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
