//! Reading input files: every reader preset by `--from`, sniffed from the header or the
//! extension when absent; `-` for standard input; `.gz` and `.zip` by extension; `--lenient`.

use std::io::{Cursor, Read};

use clap::{Args, ValueEnum};
use tradestat::io::comtrade::{ComtradeReader, ValueColumn};
use tradestat::io::comtrade_json::ComtradeJsonReader;
use tradestat::io::dyadic::{CodeSystem, DyadicReader};
use tradestat::io::long::LongReader;
use tradestat::io::sdmx::SdmxReader;
use tradestat::io::tidy::TidyReader;
use tradestat::io::{Delimiter, Mode, ReadReport};
use tradestat::{Classification, Currency, Scale, TradeData, TradeRecord};

use crate::fail::{display_source, Fail, Result};
use crate::progress::Progress;

/// The formats `--from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InputFormat {
    /// UN Comtrade CSV or tab-separated bulk files (Comtrade+ and the legacy layouts).
    Comtrade,
    /// The UN Comtrade API's JSON.
    ComtradeJson,
    /// SDMX-CSV with the IMF IMTS columns (the SDMX default).
    Sdmx,
    /// SDMX-CSV as the OECD balance of payments publishes it.
    SdmxOecdBop,
    /// SDMX-CSV as the OECD ITCS publishes it.
    SdmxOecdItcs,
    /// SDMX-CSV as Eurostat's Comext publishes it.
    SdmxComext,
    /// An exporter-importer table; name its columns with --dyadic.
    Dyadic,
    /// CEPII BACI (t,i,j,k,v,q; thousands of US dollars).
    Baci,
    /// The crate's own tidy CSV (what `convert --to tidy` writes).
    Tidy,
    /// The crate's JSON records (what `convert --to json` writes).
    Json,
    /// Any long CSV, one figure a row; name its columns with --long.
    Long,
}

/// Refuses `--unit` and `--in-currency` for formats whose files state their amounts' unit or
/// currency themselves.
pub(crate) fn flags_apply(from: InputFormat, args: &ReadArgs) -> Result<()> {
    let states_unit = matches!(
        from,
        InputFormat::Comtrade | InputFormat::ComtradeJson | InputFormat::Tidy | InputFormat::Json
    );
    let states_currency = states_unit || from == InputFormat::Baci;
    let name = from
        .to_possible_value()
        .map_or_else(|| format!("{from:?}"), |v| v.get_name().to_owned());
    if states_unit && args.unit.is_some() {
        return Err(Fail::usage(format!(
            "--unit does not apply to {name} input: its files give amounts in units of their currency"
        )));
    }
    if states_currency && args.in_currency.is_some() {
        return Err(Fail::usage(format!(
            "--in-currency does not apply to {name} input: its files state their currency (BACI: US dollars)"
        )));
    }
    Ok(())
}

/// The reading flags every command that reads data files takes.
#[derive(Debug, Clone, Args)]
pub(crate) struct ReadArgs {
    /// The input's format; sniffed from the header (or a .json extension) when absent.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) from: Option<InputFormat>,
    /// Leave bad rows out and count them, instead of stopping at the first.
    #[arg(long)]
    pub(crate) lenient: bool,
    /// For --from dyadic: the exporter, importer, year and value columns
    /// (`exporter,importer,year,trade`); `:2000` for one period for the whole file; a fifth
    /// `hs=COLUMN` or `sitc=COLUMN` names a product column.
    #[arg(long, value_name = "EXPORTER,IMPORTER,YEAR,VALUE")]
    pub(crate) dyadic: Option<String>,
    /// For --from long: what each column holds, as ROLE=COLUMN (value, period, reporter,
    /// partner, flow, currency, unit, hs, sitc; value is required), or ROLE:VALUE for one value
    /// for the whole file (period, reporter, partner, flow): `value=value,reporter=country,
    /// partner:World,period:2000,sitc=product`.
    #[arg(long, value_name = "ROLE=COLUMN,...")]
    pub(crate) long: Option<String>,
    /// The unit of amounts a file does not state (dyadic, long, SDMX): units, thousand,
    /// million, billion.
    #[arg(long, value_name = "SCALE")]
    pub(crate) unit: Option<String>,
    /// The currency of amounts a file does not state (dyadic, long, SDMX); default USD.
    #[arg(long = "in-currency", value_name = "CODE")]
    pub(crate) in_currency: Option<String>,
    /// The field separator of Comtrade and SDMX files instead of sniffing it from the header.
    #[arg(long, value_enum)]
    pub(crate) delimiter: Option<DelimiterArg>,
    /// Comtrade: read the value from this column (primary, the default; cif; fob).
    #[arg(long, value_enum, value_name = "COLUMN")]
    pub(crate) value_column: Option<ValueArg>,
    /// Comtrade: keep the rows broken down by second partner, customs procedure or mode of
    /// transport (skipped by default).
    #[arg(long)]
    pub(crate) keep_breakdowns: bool,
    /// Comtrade: read only the figures the reporter reported (isReported not False).
    #[arg(long)]
    pub(crate) reported_only: bool,
    /// Dyadic and long: how the country columns name countries (default: alpha-3 for dyadic,
    /// names or codes for long).
    #[arg(long, value_enum)]
    pub(crate) codes: Option<CodesArg>,
    /// Long and SDMX: read numbers in exponent notation (1.5e9) exactly, as tables written
    /// from binary floats have them (refused by default; dyadic tables and BACI read them).
    #[arg(long)]
    pub(crate) exponents: bool,
    /// SDMX: keep only the rows where COLUMN equals VALUE (COLUMN=VALUE); may be repeated.
    #[arg(long, value_name = "COLUMN=VALUE")]
    pub(crate) select: Vec<String>,
}

/// `--delimiter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DelimiterArg {
    /// `,`
    Comma,
    /// A tab.
    Tab,
    /// `;`
    Semicolon,
    /// `|`
    Pipe,
}

impl DelimiterArg {
    fn delimiter(self) -> Delimiter {
        match self {
            DelimiterArg::Comma => Delimiter::Comma,
            DelimiterArg::Tab => Delimiter::Tab,
            DelimiterArg::Semicolon => Delimiter::Semicolon,
            DelimiterArg::Pipe => Delimiter::Pipe,
        }
    }
}

/// `--codes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CodesArg {
    /// ISO 3166-1 alpha-3 (any case).
    Alpha3,
    /// ISO 3166-1 numeric.
    Numeric,
    /// UN Comtrade's area codes (842 the USA, 0 the World).
    Comtrade,
    /// Names and any text an area is read from ("Kazakhstan", "Turkey", "World").
    Names,
}

impl CodesArg {
    fn system(self) -> CodeSystem {
        match self {
            CodesArg::Alpha3 => CodeSystem::Alpha3,
            CodesArg::Numeric => CodeSystem::Numeric,
            CodesArg::Comtrade => CodeSystem::Comtrade,
            CodesArg::Names => CodeSystem::Names,
        }
    }
}

/// `--value-column`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValueArg {
    /// primaryValue (CIF imports, FOB exports).
    Primary,
    /// cifvalue.
    Cif,
    /// fobvalue.
    Fob,
}

/// The Comtrade reader the flags describe.
pub(crate) fn comtrade_reader(args: &ReadArgs) -> ComtradeReader {
    let mut reader = ComtradeReader::new()
        .mode(mode(args))
        .keep_breakdowns(args.keep_breakdowns)
        .reported_only(args.reported_only);
    if let Some(d) = args.delimiter {
        reader = reader.delimiter(d.delimiter());
    }
    if let Some(v) = args.value_column {
        reader = reader.value(match v {
            ValueArg::Primary => ValueColumn::Primary,
            ValueArg::Cif => ValueColumn::Cif,
            ValueArg::Fob => ValueColumn::Fob,
        });
    }
    reader
}

/// The reader of Comtrade API JSON files, with the same Comtrade flags as
/// [`comtrade_reader`] (a JSON body has no delimiter).
pub(crate) fn comtrade_json_reader(args: &ReadArgs) -> ComtradeJsonReader {
    let mut reader = ComtradeJsonReader::new()
        .mode(mode(args))
        .keep_breakdowns(args.keep_breakdowns)
        .reported_only(args.reported_only);
    if let Some(v) = args.value_column {
        reader = reader.value(match v {
            ValueArg::Primary => ValueColumn::Primary,
            ValueArg::Cif => ValueColumn::Cif,
            ValueArg::Fob => ValueColumn::Fob,
        });
    }
    reader
}

/// What one source gave: its records and its read report (JSON records have none).
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) source: String,
    pub(crate) records: Vec<TradeRecord>,
    pub(crate) report: Option<ReadReport>,
}

/// An opened source: what it starts with (for sniffing) and the rest.
pub(crate) struct Opened {
    pub(crate) reader: Box<dyn Read + Send>,
    pub(crate) head: Vec<u8>,
}

impl Opened {
    /// The whole input again: the bytes already looked at, then the rest.
    pub(crate) fn into_read(self) -> Box<dyn Read + Send> {
        Box::new(Cursor::new(self.head).chain(self.reader))
    }
}

/// Opens `source` (`-` is standard input) with a progress bar, and reads its first 64 KiB.
pub(crate) fn open(source: &str, progress: &Progress) -> Result<Opened> {
    let (raw, total): (Box<dyn Read + Send>, Option<u64>) = if source == "-" {
        (Box::new(std::io::stdin()), None)
    } else {
        let plain = !(source.ends_with(".gz") || source.ends_with(".zip"));
        let total = if plain {
            std::fs::metadata(source).ok().map(|m| m.len())
        } else {
            None
        };
        let reader = tradestat::io::open(source).map_err(|e| Fail::from_lib(source, e))?;
        (reader, total)
    };
    let mut reader = progress.wrap(raw, display_source(source), total);
    let mut head = Vec::with_capacity(1 << 16);
    (&mut reader)
        .take(1 << 16)
        .read_to_end(&mut head)
        .map_err(|e| Fail::from_io(display_source(source), &e))?;
    if source == "-" && head.starts_with(&[0x1f, 0x8b]) {
        return Err(Fail::input(
            "<stdin>: the input is gzip-compressed: give the file name (.gz) or pipe it through zcat",
        ));
    }
    Ok(Opened { reader, head })
}

/// The format of a source from `--from` or from its first bytes and name.
pub(crate) fn format_of(
    source: &str,
    head: &[u8],
    from: Option<InputFormat>,
) -> Result<InputFormat> {
    if let Some(from) = from {
        return Ok(from);
    }
    sniff(head).ok_or_else(|| {
        Fail::input(format!(
            "{}: cannot tell the format from its header; give --from (comtrade, comtrade-json, \
             sdmx, dyadic, baci, tidy, json, long)",
            display_source(source)
        ))
    })
}

/// The format a file's first bytes show: JSON by its first character, CSV by its header's
/// column names.
pub(crate) fn sniff(head: &[u8]) -> Option<InputFormat> {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        return Some(InputFormat::ComtradeJson);
    }
    if text.starts_with('[') {
        return Some(InputFormat::Json);
    }
    let header = text.lines().find(|l| !l.starts_with('#'))?;
    let delimiter = [',', '\t', ';', '|']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())?;
    let columns: Vec<String> = header
        .split(delimiter)
        .map(|c| {
            let c = c.trim().trim_matches('"');
            // SDMX-CSV 2 may write `CODE: Label` headers.
            let code = c.split_once(": ").map_or(c, |(code, _)| code);
            code.to_ascii_lowercase()
        })
        .collect();
    let has = |name: &str| columns.iter().any(|c| c == name);
    if has("cmdcode") || has("commodity code") || has("primaryvalue") {
        return Some(InputFormat::Comtrade);
    }
    if has("obs_value") {
        return Some(if has("counterpart_country") {
            InputFormat::Sdmx
        } else if has("indicators") && has("reporter") {
            InputFormat::SdmxComext
        } else if has("accounting_entry") {
            InputFormat::SdmxOecdBop
        } else {
            InputFormat::SdmxOecdItcs
        });
    }
    if columns == ["t", "i", "j", "k", "v", "q"] {
        return Some(InputFormat::Baci);
    }
    let tidy = tradestat::io::tidy::HEADER.split(',').take(6);
    if tidy.clone().all(has) {
        return Some(InputFormat::Tidy);
    }
    None
}

pub(crate) fn mode(args: &ReadArgs) -> Mode {
    if args.lenient {
        Mode::Lenient
    } else {
        Mode::Strict
    }
}

fn scale(args: &ReadArgs) -> Result<Option<Scale>> {
    args.unit
        .as_deref()
        .map(|u| {
            u.parse::<Scale>()
                .map_err(|e| Fail::usage(format!("--unit: {e}")))
        })
        .transpose()
}

/// The currency of `--in-currency` (or `--currency`), default USD.
pub(crate) fn currency(text: Option<&str>) -> Result<Currency> {
    match text {
        None => Ok(Currency::USD),
        Some(t) => t
            .parse::<Currency>()
            .map_err(|e| Fail::usage(format!("currency: {e}"))),
    }
}

fn dyadic_reader(args: &ReadArgs) -> Result<DyadicReader> {
    let spec = args.dyadic.as_deref().ok_or_else(|| {
        Fail::usage("--from dyadic needs --dyadic EXPORTER,IMPORTER,YEAR,VALUE (column names)")
    })?;
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let (exporter, importer, year, value, product) = match parts[..] {
        [e, i, y, v] => (e, i, y, v, None),
        [e, i, y, v, p] => (e, i, y, v, Some(p)),
        _ => {
            return Err(Fail::usage(format!(
                "--dyadic {spec:?}: expected EXPORTER,IMPORTER,YEAR,VALUE[,hs=COLUMN|sitc=COLUMN]"
            )))
        }
    };
    let mut reader = DyadicReader::new(exporter, importer, value);
    reader = match year.strip_prefix(':') {
        Some(fixed) => reader.period(
            fixed
                .parse()
                .map_err(|e| Fail::usage(format!("--dyadic period {fixed:?}: {e}")))?,
        ),
        None => reader.period_column(year),
    };
    if let Some(product) = product {
        reader = match product.split_once('=') {
            Some(("hs", column)) => reader.commodity_column(column, Classification::Hs),
            Some(("sitc", column)) => reader.commodity_column(column, Classification::Sitc),
            _ => {
                return Err(Fail::usage(format!(
                    "--dyadic: the product column is hs=COLUMN or sitc=COLUMN, not {product:?}"
                )))
            }
        };
    }
    if let Some(s) = scale(args)? {
        reader = reader.unit(s);
    }
    if let Some(codes) = args.codes {
        reader = reader.codes(codes.system());
    }
    reader = reader.currency(currency(args.in_currency.as_deref())?);
    Ok(reader.mode(mode(args)))
}

fn long_reader(args: &ReadArgs) -> Result<LongReader> {
    let spec = args.long.as_deref().ok_or_else(|| {
        Fail::usage("--from long needs --long value=COL[,period=COL,reporter=COL,...]")
    })?;
    // ROLE=COLUMN names a column; ROLE:VALUE fixes the role for the whole file.
    let mut roles = Vec::new();
    for part in spec.split(',') {
        let (role, column, fixed) = match (part.split_once('='), part.split_once(':')) {
            (Some((r, c)), None) => (r, c, false),
            (None, Some((r, v))) => (r, v, true),
            (Some((r, c)), Some((r2, _))) if r.len() < r2.len() => (r, c, false),
            (_, Some((r, v))) => (r, v, true),
            (None, None) => {
                return Err(Fail::usage(format!(
                    "--long: {part:?} is not ROLE=COLUMN or ROLE:VALUE"
                )))
            }
        };
        roles.push((role.trim(), column.trim(), fixed));
    }
    let value = roles
        .iter()
        .find(|(r, _, fixed)| *r == "value" && !fixed)
        .map(|(_, c, _)| *c)
        .ok_or_else(|| Fail::usage("--long needs value=COLUMN"))?;
    let mut reader = LongReader::new(value).notes("#");
    for &(role, column, fixed) in &roles {
        let bad = |e: tradestat::Error| Fail::usage(format!("--long {role}:{column}: {e}"));
        reader = match (role, fixed) {
            ("value", false) => reader,
            ("period", false) => reader.period_column(column),
            ("period", true) => reader.period(column.parse().map_err(bad)?),
            ("reporter", false) => reader.reporter_column(column),
            ("reporter", true) => reader.reporter(column.parse::<tradestat::Area>().map_err(bad)?),
            ("partner", false) => reader.partner_column(column),
            ("partner", true) => reader.partner(column.parse::<tradestat::Area>().map_err(bad)?),
            ("flow", false) => reader.flow_column(column),
            ("flow", true) => reader.flow(column.parse().map_err(bad)?),
            ("currency", false) => reader.currency_column(column),
            ("unit", false) => reader.unit_column(column),
            ("hs", false) => reader.commodity_column(column, tradestat::Classification::Hs),
            ("sitc", false) => reader.commodity_column(column, tradestat::Classification::Sitc),
            _ => {
                return Err(Fail::usage(format!(
                    "--long: {role:?} cannot be {}; columns: value, period, reporter, partner, \
                     flow, currency, unit, hs, sitc; fixed values: period, reporter, partner, \
                     flow (with --unit and --in-currency for the unit and currency)",
                    if fixed { "fixed" } else { "a column" }
                )))
            }
        };
    }
    if let Some(codes) = args.codes {
        reader = reader.codes(codes.system());
    }
    if args.exponents {
        reader = reader.exponent_notation(true);
    }
    if !roles.iter().any(|(r, _, _)| *r == "currency") {
        reader = reader.currency(currency(args.in_currency.as_deref())?);
    }
    if !roles.iter().any(|(r, _, _)| *r == "unit") {
        reader = reader.unit(scale(args)?.unwrap_or(Scale::Units));
    }
    Ok(reader.mode(mode(args)))
}

fn sdmx_reader(from: InputFormat, args: &ReadArgs) -> Result<SdmxReader> {
    let mut reader = match from {
        InputFormat::SdmxOecdBop => SdmxReader::oecd_bop(),
        InputFormat::SdmxOecdItcs => SdmxReader::oecd_itcs(),
        InputFormat::SdmxComext => SdmxReader::eurostat_comext(),
        _ => SdmxReader::imf_imts(),
    };
    if let Some(s) = scale(args)? {
        reader = reader.unit(s);
    }
    if let Some(c) = args.in_currency.as_deref() {
        reader = reader.currency(currency(Some(c))?);
    }
    if let Some(d) = args.delimiter {
        reader = reader.delimiter(d.delimiter());
    }
    if args.exponents {
        reader = reader.exponent_notation(true);
    }
    for condition in &args.select {
        let (column, value) = condition
            .split_once('=')
            .ok_or_else(|| Fail::usage(format!("--select {condition:?}: expected COLUMN=VALUE")))?;
        reader = reader.select(column.trim(), value.trim());
    }
    Ok(reader.mode(mode(args)))
}

/// Reads every record of `source` with the reader its format calls for.
pub(crate) fn read(source: &str, args: &ReadArgs, progress: &Progress) -> Result<Loaded> {
    let opened = open(source, progress)?;
    let from = format_of(source, &opened.head, args.from)?;
    read_opened(source, opened, from, args, progress)
}

/// Reads every record of an opened source in format `from` (standard input can be opened only
/// once: a caller that sniffed it goes on here).
///
/// A flag that does not apply to the format is refused (exit 2) rather than ignored: a user who
/// wrote `--unit million` for a file that states its own amounts must not get them unscaled
/// without a word.
pub(crate) fn read_opened(
    source: &str,
    opened: Opened,
    from: InputFormat,
    args: &ReadArgs,
    progress: &Progress,
) -> Result<Loaded> {
    flags_apply(from, args)?;
    let input = opened.into_read();
    let lib = |e| Fail::from_lib(source, e);
    let mut records = Vec::new();
    let report = match from {
        InputFormat::Json => {
            records = tradestat::io::json::read_records(input).map_err(lib)?;
            None
        }
        InputFormat::ComtradeJson => {
            let mut it = comtrade_json_reader(args).records(input).map_err(lib)?;
            for r in it.by_ref() {
                records.push(r.map_err(lib)?);
                progress.rows(records.len());
            }
            Some(it.into_report())
        }
        other => {
            let mut it = match other {
                InputFormat::Comtrade => comtrade_reader(args).records(input),
                InputFormat::Sdmx
                | InputFormat::SdmxOecdBop
                | InputFormat::SdmxOecdItcs
                | InputFormat::SdmxComext => sdmx_reader(other, args)?.records(input),
                InputFormat::Dyadic => dyadic_reader(args)?.records(input),
                InputFormat::Baci => {
                    let mut r = DyadicReader::baci().mode(mode(args));
                    if let Some(s) = scale(args)? {
                        r = r.unit(s);
                    }
                    r.records(input)
                }
                InputFormat::Tidy => TidyReader::new().mode(mode(args)).records(input),
                InputFormat::Long | InputFormat::Json | InputFormat::ComtradeJson => {
                    long_reader(args)?.records(input)
                }
            }
            .map_err(lib)?;
            for r in it.by_ref() {
                records.push(r.map_err(lib)?);
                progress.rows(records.len());
            }
            Some(it.into_report())
        }
    };
    progress.done();
    Ok(Loaded {
        source: source.to_owned(),
        records,
        report,
    })
}

/// Reads several sources.
pub(crate) fn read_all(
    sources: &[String],
    args: &ReadArgs,
    progress: &Progress,
) -> Result<Vec<Loaded>> {
    sources.iter().map(|s| read(s, args, progress)).collect()
}

/// A data set of every source's records; rows rejected in a lenient read are kept out of the
/// data set's sums of parts (the builder is told which), and domestic records (a reporter with
/// itself, as gravity data have) are kept apart from trade, never counted in a trade figure.
pub(crate) fn trade_data(loaded: &[Loaded]) -> Result<TradeData> {
    let mut builder = TradeData::builder().domestic(tradestat::Domestic::Keep);
    for l in loaded {
        if let Some(report) = &l.report {
            builder = builder.rejected(report);
        }
    }
    let name = loaded
        .iter()
        .map(|l| display_source(&l.source))
        .collect::<Vec<_>>()
        .join(", ");
    builder
        .build(loaded.iter().flat_map(|l| l.records.iter().copied()))
        .map_err(|e| Fail::from_lib(&name, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_tell_the_format() {
        let cases: [(&str, Option<InputFormat>); 10] = [
            (
                "typeCode,freqCode,refYear,cmdCode,primaryValue\n",
                Some(InputFormat::Comtrade),
            ),
            (
                "typeCode\tcmdCode\tprimaryValue\n",
                Some(InputFormat::Comtrade),
            ),
            (
                "Classification,Year,Commodity Code,Trade Value (US$)\n",
                Some(InputFormat::Comtrade),
            ),
            ("t,i,j,k,v,q\n", Some(InputFormat::Baci)),
            (tradestat::io::tidy::HEADER, Some(InputFormat::Tidy)),
            ("{\"data\": []}", Some(InputFormat::ComtradeJson)),
            ("[{\"reporter\": \"KAZ\"}]", Some(InputFormat::Json)),
            (
                "STRUCTURE,COUNTRY: Country,COUNTERPART_COUNTRY: Partner,OBS_VALUE: Value\n",
                Some(InputFormat::Sdmx),
            ),
            (
                "DATAFLOW,freq,reporter,partner,indicators,TIME_PERIOD,OBS_VALUE\n",
                Some(InputFormat::SdmxComext),
            ),
            ("exporter,importer,year,trade\n", None),
        ];
        for (head, expected) in cases {
            assert_eq!(sniff(head.as_bytes()), expected, "{head}");
        }
    }
}
