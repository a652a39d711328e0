//! Values on the command line read through the library's own parsers: areas, periods, amounts,
//! rates, perspectives. A value that does not parse is a usage error naming the flag.

use tradestat::{Area, Currency, Money, Period, Perspective, Rate, Series, Target};

use crate::cli::{ObservedArgs, PerspectiveArg};
use crate::fail::{Fail, Result};
use crate::input::Loaded;

pub(crate) fn area(flag: &str, text: &str) -> Result<Area> {
    text.parse::<Area>()
        .map_err(|e| Fail::usage(format!("{flag}: {e}")))
}

pub(crate) fn period(flag: &str, text: &str) -> Result<Period> {
    text.parse::<Period>()
        .map_err(|e| Fail::usage(format!("{flag}: {e}")))
}

pub(crate) fn rate(flag: &str, text: &str) -> Result<Rate> {
    text.parse::<Rate>()
        .map_err(|e| Fail::usage(format!("{flag}: {e}")))
}

/// An amount as people write it (`6.3bn`, `$10 billion`, `KZT 2.9 trillion`); one written
/// without a currency is in `currency`.
pub(crate) fn money(flag: &str, text: &str, currency: Currency) -> Result<Money> {
    match text.parse::<Money>() {
        Ok(m) => Ok(m),
        Err(first) => format!("{} {}", text.trim(), currency.code())
            .parse::<Money>()
            .map_err(|_| Fail::usage(format!("{flag}: {first}"))),
    }
}

pub(crate) fn perspective(p: PerspectiveArg) -> Perspective {
    match p {
        PerspectiveArg::Reporter => Perspective::Reporter,
        PerspectiveArg::Partner => Perspective::Partner,
        PerspectiveArg::Mean => Perspective::Mean,
        PerspectiveArg::Larger => Perspective::Larger,
        PerspectiveArg::ReporterThenPartner => Perspective::ReporterThenPartner,
    }
}

/// A target from `--base PERIOD=AMOUNT --goal AMOUNT --by PERIOD`.
pub(crate) fn target(base: &str, goal: &str, by: &str, currency: Currency) -> Result<Target> {
    let (when, amount) = base.split_once('=').ok_or_else(|| {
        Fail::usage(format!(
            "--base {base:?}: expected PERIOD=AMOUNT, such as 2022=6.3bn"
        ))
    })?;
    let base_period = period("--base", when.trim())?;
    let base_value = money("--base", amount, currency)?;
    let goal = money("--goal", goal, currency)?;
    let deadline = period("--by", by)?;
    Target::new(base_period, base_value, goal, deadline)
        .map_err(|e| Fail::usage(format!("target: {e}")))
}

/// The observed series of `--observed FILE`, read by the library's long reader.
pub(crate) fn observed(args: &ObservedArgs, currency: Currency) -> Result<Option<Series>> {
    use tradestat::io::long::{Filter, LongReader};
    let Some(path) = &args.observed else {
        return Ok(None);
    };
    let name = path.display().to_string();
    let (period_column, value_column) = match &args.observed_columns {
        Some(spec) => {
            let (p, v) = spec.split_once(',').ok_or_else(|| {
                Fail::usage(format!(
                    "--observed-columns {spec:?}: expected PERIOD,VALUE"
                ))
            })?;
            (p.trim().to_owned(), v.trim().to_owned())
        }
        None => {
            let text = std::fs::read_to_string(path).map_err(|e| Fail::from_io(&name, &e))?;
            let header = text
                .lines()
                .find(|l| !l.starts_with('#'))
                .unwrap_or_default();
            let mut columns = header.split(',').map(|c| c.trim().trim_matches('"'));
            match (columns.next(), columns.next()) {
                (Some(p), Some(v)) => (p.to_owned(), v.to_owned()),
                _ => {
                    return Err(Fail::input(format!(
                        "{name}: the header needs a period and a value column"
                    )))
                }
            }
        }
    };
    let unit = match &args.observed_unit {
        Some(u) => u
            .parse()
            .map_err(|e| Fail::usage(format!("--observed-unit: {e}")))?,
        None => tradestat::Scale::Units,
    };
    let mut reader = LongReader::new(&value_column)
        .period_column(&period_column)
        .currency(currency)
        .unit(unit)
        .notes("#");
    for condition in &args.conditions {
        let filter = if let Some((column, prefix)) = condition.split_once("^=") {
            Filter::starts_with(column.trim(), prefix.trim())
        } else if let Some((column, value)) = condition.split_once('=') {
            Filter::equals(column.trim(), value.trim())
        } else {
            return Err(Fail::usage(format!(
                "--where {condition:?}: expected COLUMN=VALUE or COLUMN^=PREFIX"
            )));
        };
        reader = reader.filter(filter);
    }
    let (series, _report) = reader
        .series_path(path)
        .map_err(|e| Fail::from_lib(&name, e))?;
    Ok(Some(series))
}

/// The latest period of the records read, for commands whose `--period` is optional.
pub(crate) fn period_or_latest(
    flag: &str,
    text: Option<&str>,
    loaded: &[Loaded],
) -> Result<Period> {
    match text {
        Some(t) => period(flag, t),
        None => loaded
            .iter()
            .flat_map(|l| l.records.iter().map(|r| r.period()))
            .max()
            .ok_or_else(|| Fail::input("the data has no records")),
    }
}
