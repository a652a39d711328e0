//! `tradestat convert FILE --to tidy|json [OUT]`: the records of any reader in the crate's
//! tidy CSV or JSON records, exact. Parquet needs the `tradestat-datafusion` member crate,
//! which this binary does not build in.

use std::io::Write;

use crate::cli::{ConvertArgs, ConvertTo};
use crate::fail::{display_source, Fail, Result};
use crate::input;
use crate::output::Sink;
use crate::progress::Progress;

pub(crate) fn run(args: &ConvertArgs, progress: &Progress, quiet: bool) -> Result<()> {
    if args.to == ConvertTo::Parquet {
        return Err(Fail::usage(
            "--to parquet needs the tradestat-datafusion member crate (Arrow and Parquet), which \
             the tradestat binary does not include; convert --to tidy and read that with \
             tradestat-datafusion, or use its API",
        ));
    }
    let loaded = input::read(&args.file, &args.read, progress)?;
    let mut sink = Sink::open(args.out.as_ref())?;
    let written = match args.to {
        ConvertTo::Json => tradestat::io::json::write_records(sink.writer(), &loaded.records),
        _ => tradestat::io::tidy::write_records(sink.writer(), loaded.records.iter().copied()),
    };
    written.map_err(|e| sink.map_lib(e))?;
    sink.finish()?;
    if !quiet {
        if let Some(report) = &loaded.report {
            let _ = writeln!(
                std::io::stderr(),
                "{}: {report}",
                display_source(&loaded.source)
            );
        }
    }
    Ok(())
}
