//! The command line's grammar (clap derive). The command names are a contract: scripts call them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::fetch_args::FetchService;
use crate::input::ReadArgs;
use crate::output::Format;

const EXIT_CODES: &str = "Exit status: 0 success; 1 bad input (a row that cannot be read, \
`check` found rejected rows, or a service refused the query or answered with an error); 2 usage (a wrong flag or value); 3 I/O (a file that cannot be \
opened, read or written; for `fetch`, a service that cannot be reached or keeps failing). A closed standard output (`| head`) ends quietly with 0.";

/// Bilateral trade statistics with exact decimal arithmetic, from the command line.
#[derive(Debug, Parser)]
#[command(
    name = "tradestat",
    version,
    about,
    after_help = EXIT_CODES,
    after_long_help = EXIT_CODES,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    /// No progress bar, and no read report on standard error.
    #[arg(long, short, global = true)]
    pub(crate) quiet: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Where data output goes and in which format.
#[derive(Debug, Clone, Args)]
pub(crate) struct OutArgs {
    /// table (aligned, thousands separators; the default on a terminal), csv (the default
    /// when piped) or json; CSV and JSON numbers are exact decimal strings.
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// A goal by a deadline: required rate, time to reach it, the path, and an assessment
    /// against observed figures.
    #[command(
        after_help = "Example:\n  tradestat target --base 2022=6.3bn --goal 10bn --by 2030 --growth 33%"
    )]
    Target(TargetArgs),
    /// Exports, imports, turnover, balance and growth of every reporter, partner and year
    /// (the comtrade_summary example's table and rules).
    #[command(
        after_help = "Examples:\n  tradestat summary comtrade.csv --pair KAZ TUR --years 2015-2024\n  zcat bulk.txt.gz | tradestat summary - --format csv | head"
    )]
    Summary(SummaryArgs),
    /// The trade profile of two countries in a period: both sides' figures, shares,
    /// intensity, Grubel-Lloyd, top products and mirror gaps.
    #[command(
        after_help = "Example:\n  tradestat profile DEU FRA --data yotov_agtpa_trade.csv --from dyadic --dyadic exporter,importer,year,trade --unit million --period 2006"
    )]
    Profile(ProfileArgs),
    /// Trade indicators over a data set: rca, shares, intensity, hhi, gl, complementarity,
    /// diversification.
    #[command(
        after_help = "Example:\n  tradestat indicators rca KAZ --top 10 --period 2000 --data world_exports.csv --from long --long value=value,reporter=country,partner:World,period:2000,sitc=product"
    )]
    Indicators(IndicatorArgs),
    /// Reads files leniently and reports what was read, accepted, rejected (by reason and
    /// column, with the first rejections' line and column) and skipped, and the data set's
    /// inconsistencies. Exits 1 when any row was rejected.
    #[command(after_help = "Example:\n  tradestat check comtrade.csv --first 20")]
    Check(CheckArgs),
    /// Writes a file's records in the crate's tidy CSV or JSON.
    #[command(after_help = "Example:\n  tradestat convert comtrade.csv --to tidy tidy.csv")]
    Convert(ConvertArgs),
    /// SVG charts: a target's path against observed figures, a pair's trade, the mirror gap,
    /// or lines of series.
    #[command(
        after_help = "Examples:\n  tradestat chart bilateral KAZ TUR --data comtrade.csv --out kaz_tur.svg\n  tradestat chart target --base 2022=6.3bn --goal 10bn --by 2030 --observed kz.csv --out target.svg"
    )]
    Chart(ChartArgs),
    /// Shell completions (bash, zsh, fish, elvish, powershell) on standard output.
    #[command(
        after_help = "Example:\n  tradestat completions bash > /etc/bash_completion.d/tradestat"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Downloads from a statistics service: UN Comtrade or an SDMX service (records in the
    /// crate's tidy CSV or JSON), or a World Bank series (deflators, exchange rates); the
    /// fetch report goes to standard error.
    #[command(
        after_help = "Examples:\n  tradestat fetch comtrade --reporters KAZ --partners World,TUR --years 2015-2024 --flows X,M --cache cache --out kaz_tur.csv\n  tradestat fetch sdmx oecd --dataflow OECD.SDD.TPS,DSD_ITCS@DF_ITCS,1.0 --series TUR.KAZ..A --start 2015 --end 2024\n  tradestat fetch worldbank TUR --indicator fx --years 2003-2006"
    )]
    Fetch {
        /// The service.
        #[command(subcommand)]
        service: FetchService,
    },
}

/// Observed figures for a target: a long CSV of periods and values.
#[derive(Debug, Clone, Args)]
pub(crate) struct ObservedArgs {
    /// Observed figures: a CSV with a period and a value column (lines starting with # before
    /// the header are passed over).
    #[arg(long, value_name = "FILE")]
    pub(crate) observed: Option<PathBuf>,
    /// The observed file's period and value columns (default: its first two).
    #[arg(long, value_name = "PERIOD,VALUE")]
    pub(crate) observed_columns: Option<String>,
    /// Keep only the observed rows where COLUMN equals VALUE (COLUMN=VALUE) or starts with it
    /// (COLUMN^=PREFIX); may be repeated.
    #[arg(long = "where", value_name = "CONDITION")]
    pub(crate) conditions: Vec<String>,
    /// The unit of the observed values: units, thousand, million, billion (default units).
    #[arg(long, value_name = "SCALE")]
    pub(crate) observed_unit: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct TargetSpec {
    /// The base: PERIOD=AMOUNT, such as 2022=6.3bn or "2022=6.3 billion USD".
    #[arg(long, value_name = "PERIOD=AMOUNT")]
    pub(crate) base: String,
    /// The goal, such as 10bn.
    #[arg(long, value_name = "AMOUNT")]
    pub(crate) goal: String,
    /// The deadline period, such as 2030.
    #[arg(long, value_name = "PERIOD")]
    pub(crate) by: String,
    /// The currency of amounts written without one (default USD).
    #[arg(long, value_name = "CODE")]
    pub(crate) currency: Option<String>,
    #[command(flatten)]
    pub(crate) observed: ObservedArgs,
}

#[derive(Debug, Args)]
pub(crate) struct TargetArgs {
    #[command(flatten)]
    pub(crate) spec: TargetSpec,
    /// A growth rate per period, such as 33%: the periods to reach the goal, the period it is
    /// reached, and the path.
    #[arg(long, value_name = "RATE", allow_hyphen_values = true)]
    pub(crate) growth: Option<String>,
    /// Also write the target's chart (with the observed figures) to this SVG file.
    #[arg(long, value_name = "FILE.svg")]
    pub(crate) chart: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) output: OutArgs,
}

/// The five perspectives of `Bilateral`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PerspectiveArg {
    /// Each side's own report.
    Reporter,
    /// The partner's report of the same trade (mirror figures).
    Partner,
    /// The mean of the two.
    Mean,
    /// The larger of the two.
    Larger,
    /// The reporter's figure, else the partner's.
    ReporterThenPartner,
}

#[derive(Debug, Args)]
pub(crate) struct SummaryArgs {
    /// The files (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<String>,
    /// Only this pair (both directions): two areas, such as KAZ TUR.
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub(crate) pair: Option<Vec<String>>,
    /// Only these years: 2015-2024, or one year.
    #[arg(long, value_name = "FROM-TO")]
    pub(crate) years: Option<String>,
    /// Figures through `Bilateral` from this perspective instead of the reporter's own.
    #[arg(long, value_enum)]
    pub(crate) perspective: Option<PerspectiveArg>,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
    #[command(flatten)]
    pub(crate) output: OutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ProfileArgs {
    /// The first country.
    pub(crate) a: String,
    /// The second country.
    pub(crate) b: String,
    /// The data files.
    #[arg(long, required = true, value_name = "FILE")]
    pub(crate) data: Vec<String>,
    /// The period (default: the latest in the data).
    #[arg(long, value_name = "PERIOD")]
    pub(crate) period: Option<String>,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
    #[command(flatten)]
    pub(crate) output: OutArgs,
}

/// The indicator tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Indicator {
    /// Revealed comparative advantage (Balassa) by country and product.
    Rca,
    /// Partner shares of a measure.
    Shares,
    /// Trade intensity by pair.
    Intensity,
    /// Herfindahl-Hirschman concentration over partners or products.
    Hhi,
    /// Grubel-Lloyd intra-industry trade of a pair.
    Gl,
    /// Trade complementarity of an exporter and an importer.
    Complementarity,
    /// Export diversification of a country.
    Diversification,
}

/// Measures for the indicators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MeasureArg {
    /// Exports.
    Exports,
    /// Imports.
    Imports,
    /// Exports plus imports.
    Turnover,
}

/// What an HHI runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OverArg {
    /// Partners.
    Partners,
    /// Products.
    Products,
}

#[derive(Debug, Args)]
pub(crate) struct IndicatorArgs {
    /// The indicator.
    #[arg(value_enum)]
    pub(crate) indicator: Indicator,
    /// The countries it is about: one for rca (optional filter), hhi (optional) and
    /// diversification; two for gl and complementarity (exporter, importer); an optional
    /// reporter for shares and intensity.
    #[arg(value_name = "COUNTRY")]
    pub(crate) countries: Vec<String>,
    /// The data files.
    #[arg(long, required = true, value_name = "FILE")]
    pub(crate) data: Vec<String>,
    /// The period (default: the latest in the data).
    #[arg(long, value_name = "PERIOD")]
    pub(crate) period: Option<String>,
    /// Only the N largest values.
    #[arg(long, value_name = "N")]
    pub(crate) top: Option<usize>,
    /// The measure for shares and hhi.
    #[arg(long, value_enum, default_value = "exports")]
    pub(crate) measure: MeasureArg,
    /// What hhi runs over.
    #[arg(long, value_enum, default_value = "partners")]
    pub(crate) over: OverArg,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
    #[command(flatten)]
    pub(crate) output: OutArgs,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The files (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<String>,
    /// How many rejections to list with their line and column.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub(crate) first: usize,
    /// The input's format; sniffed when absent.
    #[command(flatten)]
    pub(crate) read: ReadArgs,
    /// Write to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
}

/// Output formats of `convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ConvertTo {
    /// The crate's tidy CSV.
    Tidy,
    /// The crate's JSON records.
    Json,
    /// Parquet (needs the tradestat-datafusion member crate; not built into this binary).
    Parquet,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// The input file (`-` for standard input).
    pub(crate) file: String,
    /// The output format.
    #[arg(long, value_enum)]
    pub(crate) to: ConvertTo,
    /// The output file (`-` or absent for standard output).
    pub(crate) out: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
}

/// Charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ChartKind {
    /// A target's path against observed figures (the target's flags and --observed).
    Target,
    /// A pair's exports, imports, turnover and balance (A B --data FILE).
    Bilateral,
    /// The gap between a pair's reported and mirror figures (A B --data FILE).
    Asymmetry,
    /// Lines of a pair's exports, imports and turnover (A B --data FILE).
    Lines,
}

#[derive(Debug, Args)]
pub(crate) struct ChartArgs {
    /// The chart.
    #[arg(value_enum)]
    pub(crate) kind: ChartKind,
    /// The pair for bilateral, asymmetry and lines.
    #[arg(value_name = "COUNTRY")]
    pub(crate) countries: Vec<String>,
    /// The data files for bilateral, asymmetry and lines.
    #[arg(long, value_name = "FILE")]
    pub(crate) data: Vec<String>,
    /// The perspective of bilateral and lines.
    #[arg(long, value_enum, default_value = "reporter")]
    pub(crate) perspective: PerspectiveArg,
    /// The chart's title.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// The base (for a target chart): PERIOD=AMOUNT.
    #[arg(long, value_name = "PERIOD=AMOUNT")]
    pub(crate) base: Option<String>,
    /// The goal (for a target chart).
    #[arg(long, value_name = "AMOUNT")]
    pub(crate) goal: Option<String>,
    /// The deadline (for a target chart).
    #[arg(long, value_name = "PERIOD")]
    pub(crate) by: Option<String>,
    /// The currency of amounts written without one (default USD).
    #[arg(long, value_name = "CODE")]
    pub(crate) currency: Option<String>,
    #[command(flatten)]
    pub(crate) observed: ObservedArgs,
    #[command(flatten)]
    pub(crate) read: ReadArgs,
    /// The SVG file to write.
    #[arg(long, short, required = true, value_name = "FILE.svg")]
    pub(crate) out: PathBuf,
}
