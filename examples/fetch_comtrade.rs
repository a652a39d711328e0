//! Gets a reporter's trade with a partner from UN Comtrade and prints the records and the
//! fetch report.
//!
//! ```text
//! cargo run --example fetch_comtrade --features fetch -- \
//!     [--base-url http://127.0.0.1:8080] [--reporter KAZ] [--partner TUR] \
//!     [--years 2015-2024] [--cache DIR]
//! ```
//!
//! The key comes from `COMTRADE_API_KEY` (without one, the public preview is used, at most 500
//! records a call). `--base-url` points the client at a mirror or a local test server.

use std::process::ExitCode;

use tradestat::fetch::{ComtradeClient, ComtradeQuery};
use tradestat::{Area, Commodity, Country, Flow};

struct Args {
    base_url: Option<String>,
    reporter: Country,
    partner: Country,
    years: (i32, i32),
    cache: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        base_url: None,
        reporter: Country::KAZ,
        partner: Country::TUR,
        years: (2015, 2024),
        cache: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let country = |v: String| {
            Country::from_alpha3(&v).ok_or_else(|| format!("{v:?} is not an ISO alpha-3 code"))
        };
        match flag.as_str() {
            "--base-url" => args.base_url = Some(value()?),
            "--reporter" => args.reporter = country(value()?)?,
            "--partner" => args.partner = country(value()?)?,
            "--cache" => args.cache = Some(value()?),
            "--years" => {
                let v = value()?;
                let (a, b) = v.split_once('-').unwrap_or((&v, &v));
                let year = |s: &str| s.parse::<i32>().map_err(|e| format!("{s:?}: {e}"));
                args.years = (year(a)?, year(b)?);
            }
            "-h" | "--help" => {
                return Err("usage: fetch_comtrade [--base-url URL] [--reporter ISO3] \
                            [--partner ISO3] [--years FROM-TO] [--cache DIR]"
                    .into())
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(args)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let mut client = ComtradeClient::new();
    if let Some(url) = &args.base_url {
        client = client.base_url(url)?;
    }
    if let Some(dir) = &args.cache {
        client = client.cache_dir(dir)?;
    }
    let query = ComtradeQuery::goods()
        .annual()
        .reporters([args.reporter])
        .partners([Area::World, args.partner.into()])
        .years(args.years.0..=args.years.1)
        .flows([Flow::Export, Flow::Import])
        .commodities([Commodity::TOTAL]);
    eprintln!(
        "{} calls planned ({})",
        client.plan(&query)?.len(),
        if client.has_key() {
            "keyed"
        } else {
            "preview: set COMTRADE_API_KEY for more"
        }
    );
    let (records, report) = client.fetch(&query)?;
    for r in &records {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            r.period(),
            r.reporter().name(),
            r.flow().words(),
            r.partner().name(),
            r.value()
        );
    }
    eprintln!("{report}");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
