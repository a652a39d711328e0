//! Bilateral summary of a UN Comtrade CSV file: for every reporter, partner and year, exports,
//! imports, turnover, balance and the turnover's growth on the previous year, exactly.
//!
//! ```text
//! cargo run --release --example comtrade_summary -- INPUT.csv [--out OUT.csv] [--lenient]
//! ```
//!
//! Rules (see `tradestat::io::comtrade` for how rows become records):
//! - exports are flow `X` and imports flow `M` as the reporter reports them (re-exports and
//!   re-imports are parts of those, not additions);
//! - only the `TOTAL` rows (all commodities) are read: the product rows of the same file add up to
//!   them, so reading both would count the trade twice. The other rows are counted as skipped as
//!   soon as their `cmdCode` is seen (the reader's `totals_only` option). For a file without
//!   `TOTAL` rows, build a `TradeData` from all rows instead: its totals rule sums products into
//!   totals. Several `TOTAL` rows of one reporter, partner, period and flow are summed;
//! - annual rows are used where a reporter has them for a year; monthly rows are summed into their
//!   year only for a reporter-year with no annual rows and all twelve months, otherwise that year
//!   is left out (and counted on stderr);
//! - reporter and partner are written as ISO alpha-3 for countries, otherwise as the Comtrade code
//!   (World is `0`); amounts in US dollars, exact and unrounded; growth is
//!   (turnover - previous) / previous, rounded once to 28 significant digits half to even, empty
//!   where the previous year is missing or its turnover is zero;
//! - rows are sorted by reporter, then partner (as written), then year.
//!
//! The file is read on all cores in blocks of 4 MiB, so memory stays small whatever its size.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::process::ExitCode;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::Mode;
use tradestat::{Area, Decimal, Flow, Period, TradeRecord};

/// Sums for one reporter, partner and period: exports (0) and imports (1), from `TOTAL` rows.
type Sums = [Decimal; 2];

/// A small fast hash for the in-memory keys (the keys are not attacker-chosen).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u16(&mut self, n: u16) {
        self.write_u64(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(n as u64);
    }
    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// What one thread gathers.
#[derive(Default)]
struct Acc {
    sums: Map<(Area, Area, Period), Sums>,
    overflow: bool,
}

fn add(slot: &mut Decimal, value: Decimal, overflow: &mut bool) {
    match slot.checked_add(value) {
        Some(sum) => *slot = sum,
        None => *overflow = true,
    }
}

fn fold(acc: &mut Acc, record: TradeRecord) {
    let flow = match record.flow() {
        Flow::Export => 0,
        Flow::Import => 1,
        _ => return,
    };
    let key = (record.reporter(), record.partner(), record.period());
    let sums = acc.sums.entry(key).or_default();
    add(&mut sums[flow], record.value().amount(), &mut acc.overflow);
}

fn area_text(area: Area) -> String {
    match area.country() {
        Some(country) => country.alpha3().to_owned(),
        None => area.comtrade_code().to_string(),
    }
}

struct Args {
    input: String,
    out: Option<String>,
    lenient: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut input = None;
    let mut out = None;
    let mut lenient = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lenient" => lenient = true,
            "--out" => out = Some(args.next().ok_or("--out needs a file name")?),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other if input.is_none() => input = Some(other.to_owned()),
            other => return Err(format!("unexpected argument {other}")),
        }
    }
    let input = input.ok_or("usage: comtrade_summary INPUT.csv [--out OUT.csv] [--lenient]")?;
    Ok(Args {
        input,
        out,
        lenient,
    })
}

#[allow(dead_code)] // the tests include this file as a module and call `summarize`
fn main() -> ExitCode {
    let result = parse_args().and_then(|args| {
        let stdout = std::io::stdout();
        let mut out: Box<dyn Write> = match &args.out {
            Some(path) => Box::new(std::io::BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?,
            )),
            None => Box::new(std::io::BufWriter::with_capacity(1 << 20, stdout.lock())),
        };
        let messages = summarize(&args.input, args.lenient, &mut out)?;
        out.flush().map_err(|e| e.to_string())?;
        Ok(messages)
    });
    match result {
        Ok(messages) => {
            eprint!("{messages}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the summary of the Comtrade file at `input` to `out`; returns the lines for stderr
/// (the report line, then one line per rejected row).
pub(crate) fn summarize(input: &str, lenient: bool, out: &mut dyn Write) -> Result<String, String> {
    let mode = if lenient { Mode::Lenient } else { Mode::Strict };
    let (parts, report) = ComtradeReader::new()
        .totals_only(true)
        .mode(mode)
        .fold_path(input, Acc::default, fold)
        .map_err(|e| e.to_string())?;

    // Merge the threads' sums.
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    for part in parts {
        all.overflow |= part.overflow;
        for (key, s) in part.sums {
            let into = all.sums.entry(key).or_default();
            for (slot, value) in into.iter_mut().zip(s) {
                add(slot, value, &mut all.overflow);
            }
        }
    }
    if all.overflow {
        return Err("a sum does not fit in a Decimal (about 7.9e28)".into());
    }

    // Which reporter-years are annual, and which months the others have.
    #[derive(Default)]
    struct YearInfo {
        annual: bool,
        months: u16,
    }
    let mut years: Map<(Area, i32), YearInfo> = Map::default();
    for &(reporter, _, period) in all.sums.keys() {
        let info = years
            .entry((reporter, period.calendar_year().get()))
            .or_default();
        match period {
            Period::Month(m) => info.months |= 1 << (m.number() - 1),
            _ => info.annual = true,
        }
    }

    // Exports and imports per (reporter text, partner text, year).
    let mut rows: BTreeMap<(String, String, i32), [Decimal; 2]> = BTreeMap::new();
    for (&(reporter, partner, period), sums) in &all.sums {
        let year = period.calendar_year().get();
        let info = &years[&(reporter, year)];
        let use_it = match period {
            Period::Year(_) => true,
            Period::Month(_) => !info.annual && info.months == 0xFFF,
            Period::Quarter(_) => false,
        };
        if !use_it {
            continue;
        }
        let row = rows
            .entry((area_text(reporter), area_text(partner), year))
            .or_insert([Decimal::ZERO; 2]);
        for (slot, value) in row.iter_mut().zip(sums) {
            *slot = slot
                .checked_add(*value)
                .ok_or("a sum does not fit in a Decimal")?;
        }
    }
    let left_out: Vec<String> = {
        let mut v: Vec<_> = years
            .iter()
            .filter(|(_, i)| !i.annual && i.months != 0xFFF)
            .map(|(&(r, y), i)| format!("{} {y} ({} months)", area_text(r), i.months.count_ones()))
            .collect();
        v.sort();
        v
    };

    let write_err = |e: std::io::Error| e.to_string();
    writeln!(
        out,
        "reporter,partner,year,exports,imports,turnover,balance,growth"
    )
    .map_err(write_err)?;
    let mut previous: Option<(&str, &str, i32, Decimal)> = None;
    for ((reporter, partner, year), [exports, imports]) in &rows {
        let turnover = exports.checked_add(*imports).ok_or("turnover overflows")?;
        let balance = exports.checked_sub(*imports).ok_or("balance overflows")?;
        let growth = match previous {
            Some((r, p, y, before))
                if r == reporter && p == partner && y + 1 == *year && !before.is_zero() =>
            {
                let change = turnover.checked_sub(before).ok_or("growth overflows")?;
                divide_to_significant(change, before, 28)?.to_string()
            }
            _ => String::new(),
        };
        writeln!(
            out,
            "{reporter},{partner},{year},{exports},{imports},{turnover},{balance},{growth}"
        )
        .map_err(write_err)?;
        previous = Some((reporter, partner, *year, turnover));
    }
    let mut line = report.to_string();
    if !left_out.is_empty() {
        line.push_str(&format!(
            "; left out {} reporter-years with incomplete months: {}",
            left_out.len(),
            left_out.join(", ")
        ));
    }
    line.push('\n');
    for r in report.rejections() {
        line.push_str(&format!("rejected: {r}\n"));
    }
    Ok(line)
}

/// `numerator / denominator` rounded once, half to even, to `digits` significant digits (fewer
/// where the quotient is below 1e-(28 - digits) and the `Decimal` grid of 1e-28 ends first),
/// computed exactly with big integers; trailing zeros removed.
fn divide_to_significant(
    numerator: Decimal,
    denominator: Decimal,
    digits: u32,
) -> Result<Decimal, String> {
    use num_bigint::BigInt;
    if denominator.is_zero() {
        return Err("division by zero".into());
    }
    let ten = BigInt::from(10);
    // numerator / denominator = a / b with integers a and b.
    let a = BigInt::from(numerator.mantissa()) * ten.pow(denominator.scale());
    let b = BigInt::from(denominator.mantissa()) * ten.pow(numerator.scale());
    let negative = (a < BigInt::from(0)) != (b < BigInt::from(0));
    let (a, b) = (a.magnitude().clone(), b.magnitude().clone());
    if a == num_bigint::BigUint::from(0u8) {
        return Ok(Decimal::ZERO);
    }
    let low = num_bigint::BigUint::from(10u8).pow(digits - 1);
    let high = num_bigint::BigUint::from(10u8).pow(digits);
    // The scale k that puts the quotient's integer part at `digits` digits: a * 10^k / b.
    let mut k: i64 = i64::from(digits) - a.to_string().len() as i64 + b.to_string().len() as i64;
    let quotient = |k: i64| {
        let ten = num_bigint::BigUint::from(10u8);
        let (n, d) = if k >= 0 {
            (&a * ten.pow(k as u32), b.clone())
        } else {
            (a.clone(), &b * ten.pow((-k) as u32))
        };
        let q = &n / &d;
        let r = &n - &q * &d;
        (q, r, d)
    };
    let (mut q, mut r, mut d) = quotient(k);
    while q >= high {
        k -= 1;
        (q, r, d) = quotient(k);
    }
    while q < low && k < 28 {
        k += 1;
        (q, r, d) = quotient(k);
    }
    if k > 28 {
        k = 28;
        (q, r, d) = quotient(k);
    }
    if k < 0 {
        return Err(format!("{numerator} / {denominator} is too large"));
    }
    // Half to even.
    let twice = &r * 2u8;
    if twice > d || (twice == d && q.bit(0)) {
        q += 1u8;
    }
    let mantissa: i128 = q
        .to_string()
        .parse()
        .map_err(|_| "quotient too large".to_string())?;
    let value =
        Decimal::try_from_i128_with_scale(if negative { -mantissa } else { mantissa }, k as u32)
            .map_err(|e| e.to_string())?;
    Ok(value.normalize())
}
