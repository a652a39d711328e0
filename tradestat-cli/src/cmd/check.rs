//! `tradestat check FILE...`: a lenient read's accounting and the data set's inconsistencies.
//! Exits 1 when any row was rejected.

use std::fmt::Write as _;

use tradestat::io::summary::area_text;
use tradestat::Breakdown;

use crate::cli::CheckArgs;
use crate::fail::{display_source, Fail, Result};
use crate::input::{self, Loaded};
use crate::output::{self, group_digits};
use crate::progress::Progress;

pub(crate) fn run(args: &CheckArgs, progress: &Progress) -> Result<()> {
    let mut read = args.read.clone();
    read.lenient = true;
    let loaded: Vec<Loaded> = input::read_all(&args.files, &read, progress)?;
    let mut text = String::new();
    let mut rejected = 0;
    for l in &loaded {
        let name = display_source(&l.source);
        let Some(report) = &l.report else {
            let _ = writeln!(
                text,
                "{name}: read {} records (JSON records: every record read or none)",
                l.records.len()
            );
            continue;
        };
        rejected += report.rejected();
        let _ = writeln!(text, "{name}");
        for (label, n) in [
            ("rows read", report.read()),
            ("accepted", report.accepted()),
            ("rejected", report.rejected()),
            ("skipped", report.skipped()),
        ] {
            let _ = writeln!(text, "  {label:<10}{:>14}", group_digits(&n.to_string()));
        }
        if !report.rejection_counts().is_empty() {
            let _ = writeln!(text, "  rejected by column and reason");
            for ((column, reason), n) in report.rejection_counts() {
                let _ = writeln!(
                    text,
                    "    {:>10}  column {column:?}: {reason}",
                    group_digits(&n.to_string())
                );
            }
        }
        let listed = report.rejections().iter().take(args.first);
        if report.rejected() > 0 {
            let _ = writeln!(text, "  first rejections");
            for r in listed {
                let _ = writeln!(
                    text,
                    "    {name}:{}: column {:?}: cannot read {:?}: {}",
                    r.line, r.column, r.value, r.reason
                );
            }
        }
    }
    let data = input::trade_data(&loaded)?;
    let inconsistencies = data.inconsistencies();
    let _ = writeln!(
        text,
        "data set: {} records, {} domestic records kept apart, {} inconsistencies (a reported \
         figure that differs from the sum of its parts)",
        group_digits(&data.len().to_string()),
        group_digits(&data.domestic_len().to_string()),
        group_digits(&inconsistencies.len().to_string())
    );
    for i in inconsistencies.iter().take(args.first) {
        let parts = match i.breakdown {
            Breakdown::Codes(c) => format!("its {c} codes"),
            Breakdown::Periods(f) => format!("its {f} periods"),
            Breakdown::Partners(a) => format!("its figure with {}", area_text(a)),
            _ => "its parts".to_owned(),
        };
        let _ = writeln!(
            text,
            "  {} {} {} {} {}: reported {}, {parts} {}",
            area_text(i.reporter),
            area_text(i.partner),
            i.period,
            i.flow.comtrade_code(),
            i.commodity,
            group_digits(&i.reported.amount().to_string()),
            group_digits(&i.parts.amount().to_string()),
        );
    }
    output::emit(args.out.as_ref(), &text)?;
    if rejected > 0 {
        return Err(Fail::input(format!(
            "{rejected} rows rejected (listed above)"
        )));
    }
    Ok(())
}
