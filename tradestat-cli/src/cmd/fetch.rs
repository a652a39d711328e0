//! `tradestat fetch comtrade|sdmx ...` (the World Bank's series are in
//! [`worldbank`](super::worldbank)): a typed query from the flags, the library's client to
//! get it (chunks, retries, cache and checks are all the library's), and the records written as
//! `convert` writes them. The fetch report goes to standard error unless `--quiet`.

use std::io::Write;

use tradestat::fetch::{ComtradeClient, ComtradeQuery, FetchReport, SdmxClient, SdmxQuery};
use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::Mode;
use tradestat::{Commodity, Flow, Period, TradeRecord};

use crate::fail::{Fail, Result};
use crate::fetch_args::{
    ComtradeArgs, FetchFormat, FetchService, RecordsOut, SdmxArgs, SdmxReaderArg, SdmxServiceArg,
};
use crate::output::Sink;

use super::parse;

pub(crate) fn run(service: &FetchService, quiet: bool) -> Result<()> {
    match service {
        FetchService::Comtrade(args) => comtrade(args, quiet),
        FetchService::Sdmx(args) => sdmx(args, quiet),
        FetchService::Worldbank(args) => super::worldbank::run(args, quiet),
    }
}

/// Applies the politeness flags given to a client (each client has the same setters).
macro_rules! politeness_flags {
    ($client:expr, $common:expr) => {{
        let mut client = $client;
        let common: &crate::fetch_args::FetchCommon = $common;
        if let Some(every) = common.rate_limit {
            client = client.rate_limit(every);
        }
        if let Some(n) = common.retries {
            client = client.retries(n);
        }
        if let Some(delay) = common.retry_delay {
            client = client.retry_base_delay(delay);
        }
        if let Some(wait) = common.max_retry_wait {
            client = client.max_retry_wait(wait);
        }
        if let Some(timeout) = common.connect_timeout {
            client = client.connect_timeout(timeout);
        }
        if let Some(timeout) = common.read_timeout {
            client = client.read_timeout(timeout);
        }
        if let Some(age) = common.cache_max_age {
            client = client.cache_max_age(age);
        }
        client
    }};
}
pub(crate) use politeness_flags;

fn comtrade(args: &ComtradeArgs, quiet: bool) -> Result<()> {
    let query = comtrade_query(args)?;
    let mut client = ComtradeClient::new();
    client = if args.preview {
        client.without_key()
    } else if args.key_env != tradestat::fetch::COMTRADE_KEY_VARIABLE {
        // A variable named on purpose must hold the key.
        client.api_key(key_from(&args.key_env)?)
    } else {
        // The default variable unset or empty means the preview.
        match std::env::var(&args.key_env) {
            Ok(key) if !key.trim().is_empty() => client.api_key(key.trim()),
            _ => client.without_key(),
        }
    };
    if let Some(url) = &args.common.base_url {
        client = client.base_url(url).map_err(fetch_fail)?;
    }
    if let Some(cap) = args.max_records {
        client = client.max_records(cap);
    }
    client = client.reader(ComtradeJsonReader::new().mode(mode(args.lenient)));
    client = politeness_flags!(client, &args.common);
    // The cache's age is set first, so that the cache opens with it.
    if let Some(dir) = &args.common.cache {
        client = client.cache_dir(dir).map_err(fetch_fail)?;
    }
    if !quiet {
        let calls = client.plan(&query).map_err(fetch_fail)?.len();
        let how = if client.has_key() {
            "keyed".to_owned()
        } else {
            format!(
                "the public preview, at most 500 records a call: set {} for more",
                args.key_env
            )
        };
        let _ = writeln!(
            std::io::stderr(),
            "fetch comtrade: {calls} call{} planned ({how})",
            if calls == 1 { "" } else { "s" }
        );
    }
    let fetched = client.fetch(&query).map_err(fetch_fail)?;
    finish("comtrade", &args.output, &fetched, quiet)
}

fn mode(lenient: bool) -> Mode {
    if lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    }
}

/// The key in the variable `--key-env` names, which must be set when named.
fn key_from(flag_value: &str) -> Result<String> {
    match std::env::var(flag_value) {
        Ok(key) if !key.trim().is_empty() => Ok(key.trim().to_owned()),
        _ => Err(Fail::usage(format!(
            "--key-env {flag_value}: the variable is not set or empty"
        ))),
    }
}

fn sdmx(args: &SdmxArgs, quiet: bool) -> Result<()> {
    let query = sdmx_query(args)?;
    let mut client = match args.service {
        SdmxServiceArg::Oecd => SdmxClient::oecd(),
        SdmxServiceArg::Eurostat => SdmxClient::eurostat(),
        SdmxServiceArg::Comext => SdmxClient::eurostat_comext(),
        SdmxServiceArg::Imf => SdmxClient::imf(),
    };
    if let Some(name) = &args.key_env {
        client = client.api_key(key_from(name)?);
    }
    if let Some(url) = &args.common.base_url {
        client = client.base_url(url).map_err(fetch_fail)?;
    }
    // The library's preset of each service, unless --reader names another.
    let preset = args.reader.unwrap_or(match args.service {
        SdmxServiceArg::Oecd => SdmxReaderArg::OecdItcs,
        SdmxServiceArg::Comext => SdmxReaderArg::Comext,
        SdmxServiceArg::Eurostat | SdmxServiceArg::Imf => SdmxReaderArg::Imts,
    });
    let reader = match preset {
        SdmxReaderArg::Imts => SdmxReader::imf_imts(),
        SdmxReaderArg::OecdBop => SdmxReader::oecd_bop(),
        SdmxReaderArg::OecdItcs => SdmxReader::oecd_itcs(),
        SdmxReaderArg::Comext => SdmxReader::eurostat_comext(),
    };
    client = client.reader(reader.mode(mode(args.lenient)));
    client = politeness_flags!(client, &args.common);
    if let Some(dir) = &args.common.cache {
        client = client.cache_dir(dir).map_err(fetch_fail)?;
    }
    let fetched = client.fetch(&query).map_err(fetch_fail)?;
    finish("sdmx", &args.output, &fetched, quiet)
}

/// The query the flags describe.
fn sdmx_query(args: &SdmxArgs) -> Result<SdmxQuery> {
    let eurostat = matches!(
        args.service,
        SdmxServiceArg::Eurostat | SdmxServiceArg::Comext
    );
    let mut query = match (args.dataflow.as_deref(), args.service) {
        (None, SdmxServiceArg::Imf) => SdmxQuery::imf_imts("all"),
        (None, _) => {
            return Err(Fail::usage(
                "--dataflow is needed for this service (AGENCY,ID,VERSION)",
            ))
        }
        (Some(text), _) => {
            let parts: Vec<&str> = text.split(',').map(str::trim).collect();
            match parts.as_slice() {
                [agency, id, version] if ![agency, id, version].iter().any(|p| p.is_empty()) => {
                    SdmxQuery::new(agency, id, version)
                }
                // Eurostat's URLs name the dataflow alone.
                [id] if eurostat && !id.is_empty() => SdmxQuery::new("ESTAT", id, "1.0"),
                _ => {
                    return Err(Fail::usage(format!(
                        "--dataflow {text:?}: expected AGENCY,ID,VERSION{}",
                        if eurostat { " or ID" } else { "" }
                    )))
                }
            }
        }
    };
    if let Some(key) = &args.series {
        query = query.key(key);
    }
    if let (Some(start), Some(end)) = (&args.start, &args.end) {
        let (start, end) = (
            parse::period("--start", start)?,
            parse::period("--end", end)?,
        );
        query = query.periods(start, end);
    }
    Ok(query)
}

/// Writes the records and, unless quiet, the report.
fn finish(
    service: &str,
    output: &RecordsOut,
    (records, report): &(Vec<TradeRecord>, FetchReport),
    quiet: bool,
) -> Result<()> {
    write_records(output, records)?;
    if !quiet {
        print_report(service, report);
    }
    Ok(())
}

/// The query the flags describe; a value the library cannot read is a usage error naming its
/// flag.
fn comtrade_query(args: &ComtradeArgs) -> Result<ComtradeQuery> {
    let mut query = if args.services {
        ComtradeQuery::services()
    } else {
        ComtradeQuery::goods()
    };
    query = if args.monthly {
        query.monthly()
    } else {
        query.annual()
    };
    if let Some(code) = &args.classification {
        query = query.classification(code);
    }
    let areas = |flag: &str, items: &[String]| {
        items
            .iter()
            .map(|t| parse::area(flag, t))
            .collect::<Result<Vec<_>>>()
    };
    query = query
        .reporters(areas("--reporters", &args.reporters)?)
        .partners(areas("--partners", &args.partners)?);
    for text in &args.years {
        let (from, to) = years(text)?;
        query = query.years(from..=to);
    }
    for text in &args.months {
        match parse::period("--months", text)? {
            month @ Period::Month(_) => query = query.with_periods([month]),
            _ => {
                return Err(Fail::usage(format!(
                    "--months {text:?}: expected a month, such as 2023-01"
                )))
            }
        }
    }
    let flows = args
        .flows
        .iter()
        .map(|t| {
            t.parse::<Flow>()
                .map_err(|e| Fail::usage(format!("--flows: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    let commodities = args
        .commodities
        .iter()
        .map(|t| {
            t.parse::<Commodity>()
                .map_err(|e| Fail::usage(format!("--commodities: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(query.flows(flows).commodities(commodities))
}

/// `2015-2024` or `2022`: the first and last year.
pub(crate) fn years(text: &str) -> Result<(i32, i32)> {
    let bad = || {
        Fail::usage(format!(
            "--years {text:?}: expected FROM-TO, such as 2015-2024"
        ))
    };
    let (from, to) = text.split_once('-').unwrap_or((text, text));
    let year = |t: &str| t.trim().parse::<i32>().map_err(|_| bad());
    let (from, to) = (year(from)?, year(to)?);
    if from > to {
        return Err(Fail::usage(format!(
            "--years {text:?}: the first year is after the last"
        )));
    }
    Ok((from, to))
}

fn write_records(output: &RecordsOut, records: &[TradeRecord]) -> Result<()> {
    let mut sink = Sink::open(output.out.as_ref())?;
    let written = match output.format.unwrap_or(FetchFormat::Tidy) {
        FetchFormat::Json => tradestat::io::json::write_records(sink.writer(), records),
        FetchFormat::Tidy => {
            tradestat::io::tidy::write_records(sink.writer(), records.iter().copied())
        }
    };
    written.map_err(|e| sink.map_lib(e))?;
    sink.finish()
}

pub(crate) fn print_report(service: &str, report: &FetchReport) {
    let mut text = format!("fetch {service}: {}", report.to_string().trim_end());
    // A lenient fetch's rejected rows, call by call (their lines are positions in that body).
    let rejections = report.calls().iter().flat_map(|call| {
        call.read_report()
            .into_iter()
            .flat_map(|read| read.rejections())
            .map(move |r| format!("\n  GET {}: {r}", call.url()))
    });
    for line in rejections.take(FIRST_REJECTIONS) {
        text.push_str(&line);
    }
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// How many rejected rows a lenient fetch lists (all are counted in the report).
const FIRST_REJECTIONS: usize = 10;

/// A client's error as one line: a query that cannot be sent is a usage error (2); a service
/// that cannot be reached, keeps failing, or a cache that cannot be written is I/O (3); a
/// refused or unreadable answer is bad input (1). Every message names the call.
pub(crate) fn fetch_fail(error: tradestat::Error) -> Fail {
    use tradestat::fetch::Error as F;
    let line = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    match error {
        tradestat::Error::Fetch(e) => {
            let message = line(e.to_string());
            match e {
                F::Query { .. } => Fail::usage(message),
                F::Transport { .. } | F::GaveUp { .. } | F::Cache { .. } => Fail::io(message),
                _ => Fail::input(message),
            }
        }
        other => {
            let mut fail = Fail::from(other);
            fail.message = line(fail.message);
            fail
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_are_read_and_checked() {
        assert_eq!(years("2015-2024"), Ok((2015, 2024)));
        assert_eq!(years("2022"), Ok((2022, 2022)));
        assert_eq!(years(" 2019 - 2020 "), Ok((2019, 2020)));
        for bad in ["2024-2015", "x", "2015-", "20x5-2020"] {
            assert_eq!(years(bad).map_err(|f| f.kind.code()), Err(2), "{bad}");
        }
    }

    #[test]
    fn each_fetch_error_gets_its_exit_code_on_one_line() {
        use tradestat::fetch::Error as F;
        let call = "GET http://127.0.0.1/x".to_owned();
        let cases = [
            (
                F::Query {
                    reason: "no periods".into(),
                },
                2,
            ),
            (
                F::Transport {
                    call: call.clone(),
                    message: "connection refused".into(),
                },
                3,
            ),
            (
                F::GaveUp {
                    call: call.clone(),
                    attempts: 5,
                    last: "HTTP 500".into(),
                },
                3,
            ),
            (
                F::Cache {
                    path: "c".into(),
                    message: "read-only".into(),
                },
                3,
            ),
            (
                F::Api {
                    call: call.clone(),
                    message: "bad\nreporter".into(),
                },
                1,
            ),
            (
                F::Status {
                    call: call.clone(),
                    status: 401,
                    message: "denied".into(),
                    hint: String::new(),
                },
                1,
            ),
            (
                F::CountMismatch {
                    call,
                    count: 4,
                    rows: 3,
                },
                1,
            ),
        ];
        for (error, code) in cases {
            let fail = fetch_fail(tradestat::Error::Fetch(error.clone()));
            assert_eq!(fail.kind.code(), code, "{error}");
            assert!(!fail.message.contains('\n'), "{}", fail.message);
        }
        let api = fetch_fail(tradestat::Error::Fetch(F::Api {
            call: "GET u".into(),
            message: "bad\nreporter".into(),
        }));
        assert_eq!(
            api.message,
            "GET u: the service answered with an error: bad reporter"
        );
    }
}
