//! `tradestat chart target|bilateral|asymmetry|lines ... --out FILE.svg`: the library's SVG
//! charts (feature `chart`).

use std::path::Path;

use tradestat::chart::{self, Chart, Options};
use tradestat::{Flow, Series, Target};

use crate::cli::{ChartArgs, ChartKind};
use crate::fail::{Fail, Result};
use crate::input;
use crate::progress::Progress;

use super::parse;

pub(crate) fn run(args: &ChartArgs, progress: &Progress) -> Result<()> {
    let mut options = Options::default();
    if let Some(title) = &args.title {
        options = options.title(title.clone());
    }
    let picture = match args.kind {
        ChartKind::Target => {
            let currency = input::currency(args.currency.as_deref())?;
            let (Some(base), Some(goal), Some(by)) = (&args.base, &args.goal, &args.by) else {
                return Err(Fail::usage(
                    "chart target needs --base PERIOD=AMOUNT, --goal AMOUNT and --by PERIOD",
                ));
            };
            let target = parse::target(base, goal, by, currency)?;
            let observed = match parse::observed(&args.observed, target.base_value().currency())? {
                Some(s) => s,
                None => Series::with_gaps([(target.base_period(), target.base_value())])?,
            };
            return write_target(&target, &observed, Some(&options), &args.out);
        }
        kind => {
            let [a, b] = match args.countries.as_slice() {
                [a, b] => [parse::area("COUNTRY", a)?, parse::area("COUNTRY", b)?],
                _ => {
                    return Err(Fail::usage(
                        "chart bilateral, asymmetry and lines need two countries: A B",
                    ))
                }
            };
            if args.data.is_empty() {
                return Err(Fail::usage("this chart needs --data FILE"));
            }
            let loaded = input::read_all(&args.data, &args.read, progress)?;
            let data = input::trade_data(&loaded)?;
            let pair = data.bilateral(a, b)?;
            let perspective = parse::perspective(args.perspective);
            match kind {
                ChartKind::Bilateral => chart::bilateral_with(&pair, perspective, &options)?,
                ChartKind::Asymmetry => chart::asymmetry_with(&pair, Flow::Export, &options)?,
                _ => {
                    let exports = pair.exports(perspective)?;
                    let imports = pair.imports(perspective)?;
                    let turnover = pair.turnover(perspective)?;
                    chart::lines(
                        &[
                            ("exports", &exports),
                            ("imports", &imports),
                            ("turnover", &turnover),
                        ],
                        &options,
                    )?
                }
            }
        }
    };
    write(&picture, &args.out)
}

/// The target's chart against `observed`, written to `path`.
pub(crate) fn write_target(
    target: &Target,
    observed: &Series,
    options: Option<&Options>,
    path: &Path,
) -> Result<()> {
    let default = Options::default();
    let picture = chart::target_with(target, observed, options.unwrap_or(&default))?;
    write(&picture, path)
}

fn write(picture: &Chart, path: &Path) -> Result<()> {
    picture
        .write_to(path)
        .map_err(|e| Fail::from_io(&path.display().to_string(), &e))
}
