//! The indicator jobs of the peer comparison (`tools/bench_peers.py --indicators`), with the batch
//! tables, writing CSV as the peers in `peer_indicators.py` do:
//!
//! ```text
//! cargo run --release --example indicator_tables -- rca  OUTDIR   # every country x product RCA
//! cargo run --release --example indicator_tables -- yotov OUTDIR  # shares, intensity, HHI
//! ```
//!
//! `rca` reads `world_exports_sitc_1998_2000.csv` (exports to the world by SITC product; the
//! 1998-2000 averages held as period 2000) and writes `OUTDIR/rca.csv` (country, product, rca).
//! `yotov` reads `yotov_agtpa_trade.csv` (domestic flows kept apart) and writes, for every year,
//! `OUTDIR/yotov_share.csv` (year, exporter, importer, share, intensity) and
//! `OUTDIR/yotov_hhi.csv` (year, country, hhi, n, hhi_norm). Values are exact ratios rounded once
//! to 28 significant digits. `DATA` names the data folder (default `tests/data`).

use std::error::Error as StdError;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::process::ExitCode;

use tradestat::indicators::{hhi_table, intensity_table, rca_table, shares_table, Over};
use tradestat::io::dyadic::DyadicReader;
use tradestat::{Area, Classification, Domestic, Measure, Period, Scale, TradeData};

fn data_file(name: &str) -> String {
    let dir = std::env::var("DATA")
        .unwrap_or_else(|_| format!("{}/tests/data", env!("CARGO_MANIFEST_DIR")));
    format!("{dir}/{name}")
}

fn area(a: Area) -> String {
    match a {
        Area::Country(c) => c.alpha3().to_owned(),
        other => other.to_string(),
    }
}

fn rca(out: &str) -> Result<(), Box<dyn StdError>> {
    let period = Period::year(2000)?;
    let (data, _) = DyadicReader::to_partner("country", Area::World, "value")
        .period(period)
        .commodity_column("product", Classification::Sitc)
        .open(data_file("world_exports_sitc_1998_2000.csv"))?
        .into_trade_data(TradeData::builder())?;
    let mut w = BufWriter::new(File::create(format!("{out}/rca.csv"))?);
    writeln!(w, "country,product,rca")?;
    for row in rca_table(&data, period)? {
        writeln!(
            w,
            "{},{},{}",
            area(row.country),
            row.product.code(),
            row.rca
        )?;
    }
    w.flush()?;
    Ok(())
}

fn yotov(out: &str) -> Result<(), Box<dyn StdError>> {
    let (data, _) = DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .unit(Scale::Million)
        .open(data_file("yotov_agtpa_trade.csv"))?
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))?;
    let mut shares = BufWriter::new(File::create(format!("{out}/yotov_share.csv"))?);
    let mut hhis = BufWriter::new(File::create(format!("{out}/yotov_hhi.csv"))?);
    writeln!(shares, "year,exporter,importer,share,intensity")?;
    writeln!(hhis, "year,country,hhi,n,hhi_norm")?;
    for &year in data.periods() {
        let table = shares_table(&data, Measure::Exports, year)?;
        let intensity = intensity_table(&data, year)?;
        if table.len() != intensity.len() {
            return Err(format!("{year}: the share and intensity tables differ in pairs").into());
        }
        for (s, t) in table.iter().zip(&intensity) {
            if (s.reporter, s.partner) != (t.reporter, t.partner) {
                return Err(
                    format!("{year}: the share and intensity tables differ in pairs").into(),
                );
            }
            writeln!(
                shares,
                "{year},{},{},{},{}",
                area(s.reporter),
                area(s.partner),
                s.share,
                t.intensity
            )?;
        }
        for row in hhi_table(&data, Measure::Exports, Over::Partners, year)? {
            let norm = row
                .hhi
                .normalized()
                .map(|n| n.to_string())
                .unwrap_or_default();
            writeln!(
                hhis,
                "{year},{},{},{},{norm}",
                area(row.reporter),
                row.hhi,
                row.hhi.count()
            )?;
        }
    }
    shares.flush()?;
    hhis.flush()?;
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match (args.first().map(String::as_str), args.get(1)) {
        (Some("rca"), Some(out)) => rca(out),
        (Some("yotov"), Some(out)) => yotov(out),
        _ => {
            eprintln!("usage: indicator_tables rca|yotov OUTDIR");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
