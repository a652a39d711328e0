//! `tradestat target`: the required rate, the periods to reach the goal at a growth, the period
//! it is reached, the path, and with observed figures the assessment and its verdict.

use tradestat::{Assessment, Money, Period, Rate, RoundingStrategy, Series, Target};

use crate::cli::TargetArgs;
use crate::fail::Result;
use crate::input::currency;
use crate::output::{self, group_digits, Format};

use super::parse;

/// Everything the command prints, computed by the library.
struct Answer {
    target: Target,
    required: Rate,
    growth: Option<Growth>,
    observed: Option<(Series, Assessment)>,
}

struct Growth {
    rate: Rate,
    periods_to_reach: tradestat::Ratio,
    reached_in: Period,
    path: Series,
}

pub(crate) fn run(args: &TargetArgs) -> Result<()> {
    let currency = currency(args.spec.currency.as_deref())?;
    let target = parse::target(&args.spec.base, &args.spec.goal, &args.spec.by, currency)?;
    let required = target.required_rate()?;
    let growth = match &args.growth {
        Some(text) => {
            let rate = parse::rate("--growth", text)?;
            Some(Growth {
                rate,
                periods_to_reach: target.periods_to_reach(rate)?,
                reached_in: target.reached_in(rate)?,
                path: target.path(rate)?,
            })
        }
        None => None,
    };
    let observed = match parse::observed(&args.spec.observed, target.base_value().currency())? {
        Some(series) => {
            let assessment = target.assess(&series)?;
            Some((series, assessment))
        }
        None => None,
    };
    if let (Some(path), Some((series, _))) = (&args.chart, &observed) {
        super::chart::write_target(&target, series, None, path)?;
    } else if let Some(path) = &args.chart {
        let empty = Series::with_gaps([(target.base_period(), target.base_value())])?;
        super::chart::write_target(&target, &empty, None, path)?;
    }
    let answer = Answer {
        target,
        required,
        growth,
        observed,
    };
    let format = output::resolve(args.output.format, args.output.out.as_ref());
    let text = match format {
        Format::Table => text(&answer),
        Format::Csv => csv(&answer),
        Format::Json => {
            let mut t = serde_json::to_string_pretty(&json(&answer)).unwrap_or_default();
            t.push('\n');
            t
        }
    };
    output::emit(args.output.out.as_ref(), &text)
}

/// An amount to cents (half to even) with thousands separators, for people.
fn cents(m: Money) -> String {
    group_digits(&format!(
        "{:.2}",
        m.round_with(RoundingStrategy::MidpointNearestEven).amount()
    ))
}

fn per(t: &Target) -> &'static str {
    match t.base_period() {
        Period::Year(_) => "a year",
        Period::Quarter(_) => "a quarter",
        Period::Month(_) => "a month",
    }
}

fn periods_word(t: &Target) -> &'static str {
    match (t.base_period(), t.periods() == 1) {
        (Period::Year(_), true) => "year",
        (Period::Year(_), false) => "years",
        (Period::Quarter(_), true) => "quarter",
        (Period::Quarter(_), false) => "quarters",
        (Period::Month(_), true) => "month",
        (Period::Month(_), false) => "months",
    }
}

fn text(a: &Answer) -> String {
    let t = &a.target;
    let code = t.base_value().currency().code();
    let mut out = String::new();
    let direction = if t.is_falling() { "down to" } else { "up to" };
    out.push_str(&format!(
        "Target: {} {code} in {}, {direction} {} {code} by {} ({} {})\n",
        group_digits(&t.base_value().amount().to_string()),
        t.base_period(),
        group_digits(&t.goal().amount().to_string()),
        t.deadline(),
        t.periods(),
        periods_word(t)
    ));
    out.push_str(&format!(
        "  required rate        {:.3} {}\n",
        a.required,
        per(t)
    ));
    if let Some(g) = &a.growth {
        out.push_str(&format!("\nAt {} {}\n", g.rate, per(t)));
        out.push_str(&format!(
            "  {} to reach       {:.3}\n",
            if periods_word(t).starts_with('y') {
                "years"
            } else {
                "periods"
            },
            g.periods_to_reach
                .value()
                .round_dp_with_strategy(3, RoundingStrategy::MidpointNearestEven)
        ));
        out.push_str(&format!("  reached in           {}\n", g.reached_in));
        out.push_str(&format!("  path ({code}, to cents, half to even)\n"));
        let rows: Vec<(String, String)> = g
            .path
            .iter()
            .map(|(p, v)| (p.to_string(), cents(v)))
            .collect();
        let width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        for (p, v) in rows {
            let mark = if p == g.reached_in.to_string() {
                "  <- goal reached"
            } else {
                ""
            };
            out.push_str(&format!("    {p}  {v:>width$}{mark}\n"));
        }
    }
    if let Some((series, s)) = &a.observed {
        let (first, _) = series.first();
        let (last, last_value) = series.last();
        out.push_str(&format!(
            "\nAgainst the observed figures ({first}-{last}, last {} {code})\n",
            cents(last_value)
        ));
        out.push_str(&format!("  verdict              {}\n", s.status));
        out.push_str(&format!(
            "  trend                {:.3} {}\n",
            s.trend,
            per(t)
        ));
        if let Some(r) = s.required {
            let label = format!("required from {last}");
            out.push_str(&format!("  {label:<20} {r:.3} {}\n", per(t)));
        }
        let label = format!("projected at {}", t.deadline());
        out.push_str(&format!("  {label:<20} {} {code}\n", cents(s.projected)));
        out.push_str(&format!("  gap to the goal      {} {code}\n", cents(s.gap)));
        out.push_str(&format!(
            "  reached in           {}\n",
            s.reached_in
                .map_or_else(|| "not on the trend".to_owned(), |p| p.to_string())
        ));
    }
    out
}

/// One tidy table: `quantity,period,value`, exact (rates as fractions: 0.33 for 33%).
fn csv(a: &Answer) -> String {
    let t = &a.target;
    let mut rows: Vec<(String, String, String)> = vec![
        (
            "base".into(),
            t.base_period().to_string(),
            t.base_value().amount().to_string(),
        ),
        (
            "goal".into(),
            t.deadline().to_string(),
            t.goal().amount().to_string(),
        ),
        (
            "currency".into(),
            String::new(),
            t.base_value().currency().code().to_owned(),
        ),
        ("periods".into(), String::new(), t.periods().to_string()),
        (
            "required_rate".into(),
            String::new(),
            a.required.as_fraction().to_string(),
        ),
    ];
    if let Some(g) = &a.growth {
        rows.push((
            "growth".into(),
            String::new(),
            g.rate.as_fraction().to_string(),
        ));
        rows.push((
            "periods_to_reach".into(),
            String::new(),
            g.periods_to_reach.value().to_string(),
        ));
        rows.push(("reached_in".into(), g.reached_in.to_string(), String::new()));
        for (p, v) in g.path.iter() {
            rows.push(("path".into(), p.to_string(), v.amount().to_string()));
        }
    }
    if let Some((_, s)) = &a.observed {
        rows.push(("status".into(), String::new(), status_code(s)));
        rows.push((
            "trend".into(),
            String::new(),
            s.trend.as_fraction().to_string(),
        ));
        if let Some(r) = s.required {
            rows.push((
                "required_from_last".into(),
                String::new(),
                r.as_fraction().to_string(),
            ));
        }
        rows.push((
            "projected".into(),
            t.deadline().to_string(),
            s.projected.amount().to_string(),
        ));
        rows.push((
            "gap".into(),
            t.deadline().to_string(),
            s.gap.amount().to_string(),
        ));
        rows.push((
            "assessment_reached_in".into(),
            s.reached_in.map(|p| p.to_string()).unwrap_or_default(),
            String::new(),
        ));
    }
    let mut out = String::from("quantity,period,value\n");
    for (q, p, v) in rows {
        out.push_str(&format!("{q},{p},{v}\n"));
    }
    out
}

fn status_code(s: &Assessment) -> String {
    serde_json::to_value(s.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| s.status.to_string())
}

fn json(a: &Answer) -> serde_json::Value {
    use serde_json::{json, Value};
    let t = &a.target;
    let mut v = json!({
        "base": {"period": t.base_period().to_string(), "value": t.base_value().amount().to_string()},
        "goal": {"period": t.deadline().to_string(), "value": t.goal().amount().to_string()},
        "currency": t.base_value().currency().code(),
        "periods": t.periods(),
        "falling": t.is_falling(),
        "required_rate": a.required.as_fraction().to_string(),
    });
    if let (Some(g), Value::Object(map)) = (&a.growth, &mut v) {
        map.insert("growth".into(), json!({
            "rate": g.rate.as_fraction().to_string(),
            "periods_to_reach": g.periods_to_reach.value().to_string(),
            "reached_in": g.reached_in.to_string(),
            "path": g.path.iter().map(|(p, m)| json!({"period": p.to_string(), "value": m.amount().to_string()})).collect::<Vec<_>>(),
        }));
    }
    if let (Some((_, s)), Value::Object(map)) = (&a.observed, &mut v) {
        map.insert(
            "assessment".into(),
            json!({
                "status": status_code(s),
                "trend": s.trend.as_fraction().to_string(),
                "required": s.required.map(|r| r.as_fraction().to_string()),
                "projected": s.projected.amount().to_string(),
                "gap": s.gap.amount().to_string(),
                "reached_in": s.reached_in.map(|p| p.to_string()),
            }),
        );
    }
    v
}
