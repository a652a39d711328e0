//! The bilateral summary of a trade file: for every reporter, partner and year, exports,
//! imports, turnover, balance and the turnover's growth on the previous year, exactly. The
//! `comtrade_summary` example and the `tradestat summary` command print it through this one
//! module, so they print the same table.
//!
//! Rules (see [`comtrade`](super::comtrade) for how rows become records):
//! - exports are flow `X` and imports flow `M` as the reporter reports them (re-exports and
//!   re-imports are parts of those, not additions; the other flows are not read);
//! - only the totals of all goods are read: product rows add up to them, so reading both would
//!   count the trade twice. [`Summary::read_comtrade`] skips the other rows as soon as their
//!   `cmdCode` is seen (the reader's `totals_only` option); [`SummaryFold::add`] counts a record
//!   of a product as left out ([`Summary::products_left_out`]). Several total figures of one
//!   reporter, partner, period and flow are summed;
//! - annual figures are used where a reporter has them for a year; monthly figures are summed
//!   into their year only for a reporter-year with no annual figure and all twelve months,
//!   otherwise that year is left out ([`Summary::left_out`]); quarterly figures are not used
//!   (Comtrade has none) and counted as left out the same way;
//! - reporter and partner are written as ISO alpha-3 for countries, otherwise as the Comtrade
//!   code (World is `0`) ([`area_text`]); amounts exact and unrounded; growth is
//!   (turnover - previous) / previous, rounded once to 28 significant digits half to even, empty
//!   where the previous year is missing or its turnover is zero;
//! - rows are sorted by reporter, then partner (as written), then year.
//!
//! ```
//! use tradestat::io::summary::Summary;
//! use tradestat::io::Mode;
//!
//! let summary = Summary::read_comtrade("tests/data/comtrade_sample.csv", Mode::Strict)?;
//! let mut csv = Vec::new();
//! summary.write_csv(&mut csv)?;
//! assert!(csv.starts_with(b"reporter,partner,year,exports,imports,turnover,balance,growth\n"));
//! assert_eq!(summary.report().accepted(), 149);
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::path::Path;

use rust_decimal::Decimal;

use super::comtrade::ComtradeReader;
use super::{Mode, ReadReport};
use crate::error::{Error, Result};
use crate::{Area, Commodity, Flow, Period, TradeRecord, Year};

/// The summary's CSV header, the first line [`Summary::write_csv`] writes.
pub const CSV_HEADER: &str = "reporter,partner,year,exports,imports,turnover,balance,growth";

/// A small fast hash for the in-memory keys (the keys are not attacker-chosen: a few thousand
/// areas and periods).
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

/// A row before its turnover, balance and growth: reporter, partner, year, exports and imports.
type Gathered = (Area, Area, Year, [Decimal; 2]);

/// What a read gathers before the rules are applied: the sums of exports and imports by
/// reporter, partner and period. One per thread in a parallel read; [`SummaryFold::merge`]
/// joins them.
#[derive(Debug, Default)]
pub struct SummaryFold {
    /// Exports (0) and imports (1) by reporter, partner and period.
    sums: Map<(Area, Area, Period), [Decimal; 2]>,
    /// Records of a product rather than the total of all goods: not added.
    products: u64,
    /// A sum went past `Decimal::MAX`.
    overflow: bool,
}

fn add(slot: &mut Decimal, value: Decimal, overflow: &mut bool) {
    match slot.checked_add(value) {
        Some(sum) => *slot = sum,
        None => *overflow = true,
    }
}

fn sum_overflow() -> Error {
    Error::Overflow {
        operation: "summary",
        detail: "a sum does not fit in a Decimal (about 7.9e28)".into(),
    }
}

impl SummaryFold {
    /// Adds one record: exports (`X`) and imports (`M`) of the total of all goods are summed;
    /// other flows are not part of the summary, and a product's record is counted in
    /// [`Summary::products_left_out`].
    pub fn add(&mut self, record: &TradeRecord) {
        let flow = match record.flow() {
            Flow::Export => 0,
            Flow::Import => 1,
            _ => return,
        };
        if record.commodity() != Commodity::TOTAL {
            self.products += 1;
            return;
        }
        let key = (record.reporter(), record.partner(), record.period());
        let sums = self.sums.entry(key).or_default();
        add(&mut sums[flow], record.value().amount(), &mut self.overflow);
    }

    /// Adds another fold's sums (another thread's, another file's) to these.
    pub fn merge(&mut self, other: SummaryFold) {
        self.overflow |= other.overflow;
        self.products += other.products;
        for (key, s) in other.sums {
            let into = self.sums.entry(key).or_default();
            for (slot, value) in into.iter_mut().zip(s) {
                add(slot, value, &mut self.overflow);
            }
        }
    }

    /// Applies the rules (annual before monthly, complete years only, growth on the previous
    /// year) and sorts the rows; `report` is the read's, kept for [`Summary::messages`].
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] when a sum, a turnover, a balance or a growth does not fit in a
    /// `Decimal` (about 7.9e28).
    pub fn finish(self, report: ReadReport) -> Result<Summary> {
        if self.overflow {
            return Err(sum_overflow());
        }

        // Which reporter-years are annual, and which months the others have.
        #[derive(Default)]
        struct YearInfo {
            annual: bool,
            months: u16,
        }
        let mut years: Map<(Area, i32), YearInfo> = Map::default();
        for &(reporter, _, period) in self.sums.keys() {
            let info = years
                .entry((reporter, period.calendar_year().get()))
                .or_default();
            match period {
                Period::Month(m) => info.months |= 1 << (m.number() - 1),
                _ => info.annual = true,
            }
        }

        // Exports and imports per (reporter text, partner text, year).
        let mut rows: BTreeMap<(String, String, i32), Gathered> = BTreeMap::new();
        for (&(reporter, partner, period), sums) in &self.sums {
            let year = period.calendar_year();
            let complete_months = years
                .get(&(reporter, year.get()))
                .is_some_and(|info| !info.annual && info.months == 0xFFF);
            let use_it = match period {
                Period::Year(_) => true,
                Period::Month(_) => complete_months,
                Period::Quarter(_) => false, // Comtrade has no quarterly rows
            };
            if !use_it {
                continue;
            }
            let row = rows
                .entry((area_text(reporter), area_text(partner), year.get()))
                .or_insert((reporter, partner, year, [Decimal::ZERO; 2]));
            for (slot, value) in row.3.iter_mut().zip(sums) {
                *slot = slot.checked_add(*value).ok_or_else(sum_overflow)?;
            }
        }
        let mut left_out: Vec<LeftOut> = years
            .iter()
            .filter(|(_, i)| !i.annual && i.months != 0xFFF)
            .map(|(&(reporter, year), i)| LeftOut {
                reporter,
                year,
                months: i.months.count_ones(),
            })
            .collect();
        left_out.sort_by_cached_key(LeftOut::to_string);

        let overflow = |what: &str| Error::Overflow {
            operation: "summary",
            detail: format!("the {what} does not fit in a Decimal"),
        };
        let mut out = Vec::with_capacity(rows.len());
        let mut previous: Option<(&str, &str, i32, Decimal)> = None;
        for ((reporter_text, partner_text, year_number), (reporter, partner, year, sums)) in &rows {
            let [exports, imports] = *sums;
            let turnover = exports
                .checked_add(imports)
                .ok_or_else(|| overflow("turnover"))?;
            let balance = exports
                .checked_sub(imports)
                .ok_or_else(|| overflow("balance"))?;
            let growth = match previous {
                Some((r, p, y, before))
                    if r == reporter_text
                        && p == partner_text
                        && y + 1 == *year_number
                        && !before.is_zero() =>
                {
                    let change = turnover
                        .checked_sub(before)
                        .ok_or_else(|| overflow("growth"))?;
                    Some(crate::math::quotient_to_significant(
                        &[change],
                        &[before],
                        28,
                    )?)
                }
                _ => None,
            };
            out.push(SummaryRow {
                reporter: *reporter,
                partner: *partner,
                year: *year,
                exports,
                imports,
                turnover,
                balance,
                growth,
            });
            previous = Some((reporter_text, partner_text, *year_number, turnover));
        }
        Ok(Summary {
            rows: out,
            left_out,
            products: self.products,
            report,
        })
    }
}

/// One reporter, partner and year of the summary, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryRow {
    /// The reporting area.
    pub reporter: Area,
    /// The partner area (World for the reporter's total).
    pub partner: Area,
    /// The year.
    pub year: Year,
    /// Exports (flow `X`) as the reporter reports them.
    pub exports: Decimal,
    /// Imports (flow `M`) as the reporter reports them.
    pub imports: Decimal,
    /// Exports plus imports.
    pub turnover: Decimal,
    /// Exports minus imports.
    pub balance: Decimal,
    /// The turnover's growth on the previous year as a fraction (0.25 for 25%), to 28
    /// significant digits; `None` without a previous year or when its turnover is zero.
    pub growth: Option<Decimal>,
}

/// A reporter-year left out because it has monthly figures for only some months and no annual
/// figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeftOut {
    /// The reporter.
    pub reporter: Area,
    /// The calendar year.
    pub year: i32,
    /// How many of its twelve months it has.
    pub months: u32,
}

impl std::fmt::Display for LeftOut {
    /// `USA 2023 (11 months)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} ({} months)",
            area_text(self.reporter),
            self.year,
            self.months
        )
    }
}

/// The summary of a read: its rows, what was left out, and the read's report.
#[derive(Debug, Clone)]
pub struct Summary {
    rows: Vec<SummaryRow>,
    left_out: Vec<LeftOut>,
    products: u64,
    report: ReadReport,
}

impl Summary {
    /// Reads the UN Comtrade file at `path` on all cores, in blocks of 4 MiB (memory stays small
    /// whatever its size), reading only the `TOTAL` rows, and summarises it. A `.gz` or `.zip`
    /// file is read as [`ComtradeReader::open`] reads it.
    ///
    /// # Errors
    ///
    /// As [`ComtradeReader::fold_path`] (in strict mode the first bad row, as
    /// [`Error::BadRow`]), and as [`SummaryFold::finish`].
    pub fn read_comtrade(path: impl AsRef<Path>, mode: Mode) -> Result<Summary> {
        let (parts, report) = ComtradeReader::new()
            .totals_only(true)
            .mode(mode)
            .fold_path(path, SummaryFold::default, |acc, record| acc.add(&record))?;
        Self::from_parts(parts, report)
    }

    /// Reads UN Comtrade CSV from `input` (standard input, a pipe) on all cores, as
    /// [`Summary::read_comtrade`] reads a file.
    ///
    /// # Errors
    ///
    /// As [`Summary::read_comtrade`].
    pub fn read_comtrade_from<R: std::io::Read>(input: R, mode: Mode) -> Result<Summary> {
        let (parts, report) = ComtradeReader::new().totals_only(true).mode(mode).fold(
            input,
            SummaryFold::default,
            |acc, record| acc.add(&record),
        )?;
        Self::from_parts(parts, report)
    }

    /// Summarises records read by any reader; `report` is that read's.
    ///
    /// # Errors
    ///
    /// As [`SummaryFold::finish`].
    pub fn from_records<'a>(
        records: impl IntoIterator<Item = &'a TradeRecord>,
        report: ReadReport,
    ) -> Result<Summary> {
        let mut fold = SummaryFold::default();
        for record in records {
            fold.add(record);
        }
        fold.finish(report)
    }

    fn from_parts(parts: Vec<SummaryFold>, report: ReadReport) -> Result<Summary> {
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        for part in parts {
            all.merge(part);
        }
        all.finish(report)
    }

    /// The rows, sorted by reporter, partner (as [`area_text`] writes them) and year.
    pub fn rows(&self) -> &[SummaryRow] {
        &self.rows
    }

    /// The reporter-years left out for incomplete months, sorted as written.
    pub fn left_out(&self) -> &[LeftOut] {
        &self.left_out
    }

    /// How many records of a product (not the total of all goods) were left out.
    pub fn products_left_out(&self) -> u64 {
        self.products
    }

    /// The read's report.
    pub fn report(&self) -> &ReadReport {
        &self.report
    }

    /// Writes the summary as CSV: [`CSV_HEADER`], then one line per row, amounts exact.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when writing fails.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        self.write_csv_rows(out, |_| true)
    }

    /// Writes the header and the rows `keep` accepts, as [`Summary::write_csv`] does (a filter
    /// by pair or years leaves each row's growth as computed on the whole file).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when writing fails.
    pub fn write_csv_rows(
        &self,
        out: &mut dyn Write,
        keep: impl Fn(&SummaryRow) -> bool,
    ) -> Result<()> {
        let io = |e: std::io::Error| Error::Io {
            kind: e.kind(),
            message: e.to_string(),
        };
        writeln!(out, "{CSV_HEADER}").map_err(io)?;
        for row in self.rows.iter().filter(|r| keep(r)) {
            let growth = row.growth.map(|g| g.to_string()).unwrap_or_default();
            writeln!(
                out,
                "{},{},{},{},{},{},{},{growth}",
                area_text(row.reporter),
                area_text(row.partner),
                row.year,
                row.exports,
                row.imports,
                row.turnover,
                row.balance,
            )
            .map_err(io)?;
        }
        Ok(())
    }

    /// The lines for standard error: the report, the reporter-years left out, the product
    /// records left out (when any), then one line per listed rejection; each line ends in a
    /// line feed.
    pub fn messages(&self) -> String {
        let mut text = self.report.to_string();
        text.push_str(&self.notes());
        text.push('\n');
        for r in self.report.rejections() {
            let _ = writeln!(text, "rejected: {r}");
        }
        text
    }

    /// What [`Summary::messages`] adds to the report's line: `; left out N reporter-years with
    /// incomplete months: ...` and `; left out N records of products ...`, each only when there
    /// is something to say (empty otherwise).
    pub fn notes(&self) -> String {
        let mut line = String::new();
        if !self.left_out.is_empty() {
            let list: Vec<String> = self.left_out.iter().map(LeftOut::to_string).collect();
            let _ = write!(
                line,
                "; left out {} reporter-years with incomplete months: {}",
                list.len(),
                list.join(", ")
            );
        }
        if self.products > 0 {
            let _ = write!(
                line,
                "; left out {} records of products (the summary reads totals of all goods)",
                self.products
            );
        }
        line
    }
}

/// How the summary writes an area: ISO alpha-3 for a country, otherwise its Comtrade code
/// (World is `0`).
pub fn area_text(area: Area) -> String {
    match area.country() {
        Some(country) => country.alpha3().to_owned(),
        None => area.comtrade_code().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Country, Money};

    fn record(flow: Flow, period: &str, value: i64) -> TradeRecord {
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            period.parse().unwrap(),
            flow,
            Money::new(Decimal::from(value), crate::Currency::USD),
        )
    }

    #[test]
    fn growth_on_the_previous_year_and_products_left_out() {
        // 2021: 10 + 5 = 15; 2022: 12 + 18 = 30, growth (30 - 15) / 15 = 1.
        let records = [
            record(Flow::Export, "2021", 10),
            record(Flow::Import, "2021", 5),
            record(Flow::Export, "2022", 12),
            record(Flow::Import, "2022", 18),
            record(Flow::Export, "2022", 7).with_commodity("27".parse().unwrap()),
        ];
        let summary = Summary::from_records(&records, ReadReport::default()).unwrap();
        let rows = summary.rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].turnover, Decimal::from(30));
        assert_eq!(rows[1].balance, Decimal::from(-6));
        assert_eq!(rows[1].growth, Some(Decimal::ONE));
        assert_eq!(rows[0].growth, None);
        assert_eq!(summary.products_left_out(), 1);
        assert!(summary
            .messages()
            .contains("left out 1 records of products"));
    }

    #[test]
    fn monthly_years_only_when_complete_and_annual_first() {
        // KAZ 2021: twelve months of exports 1..=12, summed to 78; 2022: eleven months, left
        // out; 2023: annual 100 and a month of 5, the annual figure alone.
        let mut records = Vec::new();
        for m in 1..=12 {
            records.push(record(Flow::Export, &format!("2021-{m:02}"), m));
        }
        for m in 1..=11 {
            records.push(record(Flow::Export, &format!("2022-{m:02}"), m));
        }
        records.push(record(Flow::Export, "2023", 100));
        records.push(record(Flow::Export, "2023-01", 5));
        let summary = Summary::from_records(&records, ReadReport::default()).unwrap();
        let rows: Vec<(i32, Decimal)> = summary
            .rows()
            .iter()
            .map(|r| (r.year.get(), r.exports))
            .collect();
        assert_eq!(
            rows,
            [(2021, Decimal::from(78)), (2023, Decimal::from(100))]
        );
        assert_eq!(summary.left_out().len(), 1);
        assert_eq!(summary.left_out()[0].to_string(), "KAZ 2022 (11 months)");
        // 2023 does not follow 2021 in the table: no growth across a year left out.
        assert_eq!(summary.rows()[1].growth, None);
    }

    proptest::proptest! {
        /// Folding in two parts (two threads, two files) and merging gives the one fold's
        /// table; growth is positive for a rise and negative for a fall (the mirror case).
        #[test]
        fn merged_folds_equal_one_fold(
            rows in proptest::collection::vec(
                (0usize..3, 0usize..3, 2019i32..2024, proptest::bool::ANY, -50i64..1000),
                0..60,
            ),
            cut in 0usize..60,
        ) {
            let areas = [Country::KAZ, Country::TUR, Country::DEU];
            let records: Vec<TradeRecord> = rows
                .iter()
                .map(|&(r, p, y, export, v)| {
                    let flow = if export { Flow::Export } else { Flow::Import };
                    TradeRecord::new(
                        areas[r],
                        areas[p],
                        Period::year(y).unwrap(),
                        flow,
                        Money::new(Decimal::from(v), crate::Currency::USD),
                    )
                })
                .collect();
            let whole = Summary::from_records(&records, ReadReport::default()).unwrap();
            let cut = cut.min(records.len());
            let (mut a, mut b) = (SummaryFold::default(), SummaryFold::default());
            records[..cut].iter().for_each(|r| a.add(r));
            records[cut..].iter().for_each(|r| b.add(r));
            b.merge(a);
            let merged = b.finish(ReadReport::default()).unwrap();
            proptest::prop_assert_eq!(whole.rows(), merged.rows());
            for pair in whole.rows().windows(2) {
                let (before, after) = (&pair[0], &pair[1]);
                if let Some(g) = after.growth {
                    proptest::prop_assert_eq!(before.year.get() + 1, after.year.get());
                    let change = after.turnover - before.turnover;
                    // The sign of (t - prev) / prev: rises and falls both ways.
                    let sign = |d: Decimal| d.cmp(&Decimal::ZERO) as i8;
                    let expected = sign(change) * sign(before.turnover);
                    proptest::prop_assert_eq!(sign(g), expected);
                }
            }
        }
    }
}
