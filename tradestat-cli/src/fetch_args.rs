//! The grammar of `tradestat fetch`: one subcommand a service, whose query flags mirror the
//! library's query builders (`ComtradeQuery`), and the flags every client shares (base URL,
//! cache, politeness, output).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub(crate) enum FetchService {
    /// UN Comtrade (API v1): keyed with a subscription key, else the public preview (at most
    /// 500 records a call). Calls are spaced by 6 s by default.
    #[command(
        after_help = "Examples:\n  tradestat fetch comtrade --reporters KAZ --partners World,TUR --years 2015-2024 --flows X,M --commodities TOTAL --cache cache --out kaz_tur.csv\n  COMTRADE_API_KEY=... tradestat fetch comtrade --monthly --reporters KAZ --years 2023 --format json\n\nThe subscription key is read from COMTRADE_API_KEY (or the variable --key-env names), never from the command line."
    )]
    Comtrade(ComtradeArgs),
    /// An SDMX service (OECD, Eurostat, Eurostat Comext, the IMF), read as SDMX-CSV. Calls
    /// are spaced by 1 s by default.
    #[command(
        after_help = "Examples:\n  tradestat fetch sdmx oecd --dataflow OECD.SDD.TPS,DSD_ITCS@DF_ITCS,1.0 --series TUR.KAZ..A --start 2015 --end 2024\n  tradestat fetch sdmx comext --dataflow DS-045409 --series A.DE.KZ.TOTAL..VALUE_IN_EUROS\n  IMF_API_KEY=... tradestat fetch sdmx imf --series KAZ.XG_FOB_USD.TUR.A --start 2015 --end 2024"
    )]
    Sdmx(SdmxArgs),
    /// A World Bank indicator series of one country, by year: the GDP deflator (deflator), the
    /// official exchange rate in each year's currency (fx), or any indicator by its id. Values
    /// are exact as published; years without a value are listed with an empty value.
    #[command(
        after_help = "Examples:\n  tradestat fetch worldbank KAZ --indicator deflator --years 2015-2024 --rebase 2015\n  tradestat fetch worldbank TUR --indicator fx --years 2003-2006 --format csv\n  tradestat fetch worldbank KAZ --indicator NY.GDP.MKTP.CD --years 2020-2024"
    )]
    Worldbank(WorldBankArgs),
}

/// `tradestat fetch worldbank`: the calls of `WorldBankClient`.
#[derive(Debug, Args)]
pub(crate) struct WorldBankArgs {
    /// The country (ISO alpha-3 or a name).
    pub(crate) country: String,
    /// deflator (NY.GDP.DEFL.ZS), fx (PA.NUS.FCRF as rates from the US dollar to the
    /// country's currency of each year), or an indicator id.
    #[arg(long, value_name = "deflator|fx|ID")]
    pub(crate) indicator: String,
    /// The years: FROM-TO, or one year.
    #[arg(long, value_name = "FROM-TO")]
    pub(crate) years: String,
    /// For the deflator: the year that is 100.
    #[arg(long, value_name = "YEAR")]
    pub(crate) rebase: Option<i32>,
    #[command(flatten)]
    pub(crate) common: FetchCommon,
    #[command(flatten)]
    pub(crate) output: crate::cli::OutArgs,
}

/// The SDMX services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SdmxServiceArg {
    /// The OECD (SDMX-CSV 2.0; read as ITCS by default).
    Oecd,
    /// Eurostat's dissemination API (SDMX-CSV 1.0; read as IMTS by default).
    Eurostat,
    /// Eurostat Comext (read as Comext by default).
    Comext,
    /// The IMF's SDMX 3.0 API (key in IMF_API_KEY; dataflow IMF.STA,IMTS,+ by default).
    Imf,
}

/// The SDMX-CSV readers' presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SdmxReaderArg {
    /// The IMF IMTS columns.
    Imts,
    /// The OECD balance of payments.
    OecdBop,
    /// The OECD ITCS.
    OecdItcs,
    /// Eurostat Comext.
    Comext,
}

/// `tradestat fetch sdmx`: the flags of `SdmxQuery` and of `SdmxClient`.
#[derive(Debug, Args)]
pub(crate) struct SdmxArgs {
    /// The service.
    #[arg(value_enum)]
    pub(crate) service: SdmxServiceArg,
    /// The dataflow: AGENCY,ID,VERSION (Eurostat and Comext also take the ID alone).
    #[arg(long, value_name = "AGENCY,ID,VERSION")]
    pub(crate) dataflow: Option<String>,
    /// The series key: dimension codes joined by `.`, alternatives by `+`, an empty position
    /// for all (every series when absent).
    #[arg(long, value_name = "KEY")]
    pub(crate) series: Option<String>,
    /// The first period (startPeriod), such as 2015 or 2015-01.
    #[arg(long, value_name = "PERIOD", requires = "end")]
    pub(crate) start: Option<String>,
    /// The last period (endPeriod).
    #[arg(long, value_name = "PERIOD", requires = "start")]
    pub(crate) end: Option<String>,
    /// How to read the answer (the service's preset by default).
    #[arg(long, value_enum)]
    pub(crate) reader: Option<SdmxReaderArg>,
    /// The environment variable holding a subscription key (IMF_API_KEY for the IMF).
    #[arg(long, value_name = "NAME")]
    pub(crate) key_env: Option<String>,
    /// Leave rows the reader refuses out and count them, instead of stopping at the first.
    #[arg(long)]
    pub(crate) lenient: bool,
    #[command(flatten)]
    pub(crate) common: FetchCommon,
    #[command(flatten)]
    pub(crate) output: RecordsOut,
}

/// `tradestat fetch comtrade`: the flags of `ComtradeQuery` and of `ComtradeClient`.
#[derive(Debug, Args)]
pub(crate) struct ComtradeArgs {
    /// Trade in goods (typeCode C, classification HS; the default).
    #[arg(long, conflicts_with = "services")]
    pub(crate) goods: bool,
    /// Trade in services (typeCode S, classification EB).
    #[arg(long)]
    pub(crate) services: bool,
    /// Annual data (freqCode A; the default).
    #[arg(long, conflicts_with = "monthly")]
    pub(crate) annual: bool,
    /// Monthly data (freqCode M): a year given with --years stands for its twelve months.
    #[arg(long)]
    pub(crate) monthly: bool,
    /// The classification code (clCode: HS, H6, S4, EB...); HS for goods and EB for services
    /// by default.
    #[arg(long, value_name = "CODE")]
    pub(crate) classification: Option<String>,
    /// The reporters: ISO alpha-3 codes, names or Comtrade codes, comma-separated (all when
    /// absent).
    #[arg(long, value_delimiter = ',', value_name = "AREA,...")]
    pub(crate) reporters: Vec<String>,
    /// The partners, as the reporters; World is partner code 0 (all when absent).
    #[arg(long, value_delimiter = ',', value_name = "AREA,...")]
    pub(crate) partners: Vec<String>,
    /// The years: FROM-TO ranges or single years, comma-separated (2015-2024, or 2019,2022).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "YEARS",
        required_unless_present = "months"
    )]
    pub(crate) years: Vec<String>,
    /// The months of a monthly query, comma-separated (2023-01,2023-02).
    #[arg(long, value_delimiter = ',', value_name = "MONTHS")]
    pub(crate) months: Vec<String>,
    /// The flows: Comtrade codes or words, comma-separated (X,M; all when absent).
    #[arg(long, value_delimiter = ',', value_name = "FLOW,...")]
    pub(crate) flows: Vec<String>,
    /// The commodities: TOTAL or HS codes, comma-separated (TOTAL when absent).
    #[arg(long, value_delimiter = ',', value_name = "CODE,...")]
    pub(crate) commodities: Vec<String>,
    /// The records cap of one call (maxRecords): 100000 with a key by default, at most 500
    /// for the preview. A call reaching it is split.
    #[arg(long, value_name = "N")]
    pub(crate) max_records: Option<u64>,
    /// The environment variable holding the subscription key.
    #[arg(long, value_name = "NAME", default_value = "COMTRADE_API_KEY")]
    pub(crate) key_env: String,
    /// Use the public preview even when a key is set.
    #[arg(long)]
    pub(crate) preview: bool,
    /// Leave rows the reader refuses out and count them, instead of stopping at the first.
    #[arg(long)]
    pub(crate) lenient: bool,
    #[command(flatten)]
    pub(crate) common: FetchCommon,
    #[command(flatten)]
    pub(crate) output: RecordsOut,
}

/// The output formats of `fetch`, as `convert --to` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FetchFormat {
    /// The crate's tidy CSV (the default; `csv` is the same).
    #[value(alias = "csv")]
    Tidy,
    /// The crate's JSON records.
    Json,
}

/// The flags every client takes: where it calls, its cache, how politely, and the output.
#[derive(Debug, Args)]
pub(crate) struct FetchCommon {
    /// The service's base URL (a mirror or a local test server).
    #[arg(long, value_name = "URL")]
    pub(crate) base_url: Option<String>,
    /// Keep answers in DIR (made if missing) and use them again within --cache-max-age.
    #[arg(long, value_name = "DIR")]
    pub(crate) cache: Option<PathBuf>,
    /// How long a cached answer is used, in seconds (a day by default).
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) cache_max_age: Option<Duration>,
    /// The least time between two calls, in seconds (the service's default otherwise: 6 for
    /// UN Comtrade, 1 for SDMX services, 0.5 for the World Bank); 0 does not wait.
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) rate_limit: Option<Duration>,
    /// How many times a call answered by 429, a 5xx, a 403 with Retry-After, or a failed
    /// connection is sent again (4 by default); 0 never retries.
    #[arg(long, value_name = "N")]
    pub(crate) retries: Option<u32>,
    /// The wait before the first retry, in seconds (2 by default), doubled at each further
    /// one; a Retry-After header replaces it.
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) retry_delay: Option<Duration>,
    /// The longest wait before a retry, in seconds (120 by default); a Retry-After asking for
    /// longer ends the call.
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) max_retry_wait: Option<Duration>,
    /// The connect timeout, in seconds (30 by default).
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) connect_timeout: Option<Duration>,
    /// The timeout of each read from the connection, in seconds (120 by default).
    #[arg(long, value_name = "SECONDS", value_parser = seconds)]
    pub(crate) read_timeout: Option<Duration>,
}

/// Where fetched records go, written as `convert --to` writes them.
#[derive(Debug, Args)]
pub(crate) struct RecordsOut {
    /// tidy (the crate's tidy CSV; the default, also called csv) or json (the crate's JSON
    /// records); numbers are exact decimal strings.
    #[arg(long, value_enum)]
    pub(crate) format: Option<FetchFormat>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// A duration in seconds, whole or with a fraction (`6`, `0.5`, `0`).
fn seconds(text: &str) -> Result<Duration, String> {
    let bad = || format!("{text:?}: expected seconds, such as 6 or 0.5");
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    if whole.is_empty() && fraction.is_empty() {
        return Err(bad());
    }
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || fraction.len() > 9 {
        return Err(bad());
    }
    let secs = if whole.is_empty() {
        0
    } else {
        whole.parse::<u64>().map_err(|_| bad())?
    };
    let nanos = if fraction.is_empty() {
        0
    } else {
        let padded = format!("{fraction:0<9}");
        padded.parse::<u32>().map_err(|_| bad())?
    };
    Ok(Duration::new(secs, nanos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_are_read_exactly_and_anything_else_is_refused() {
        assert_eq!(seconds("6"), Ok(Duration::from_secs(6)));
        assert_eq!(seconds("0"), Ok(Duration::ZERO));
        assert_eq!(seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(seconds(".25"), Ok(Duration::from_millis(250)));
        assert_eq!(seconds("1.000000001"), Ok(Duration::new(1, 1)));
        for bad in ["", ".", "-1", "1e3", "x", "1.2.3", "0.0000000001", "1 s"] {
            assert!(seconds(bad).is_err(), "{bad:?}");
        }
    }
}
