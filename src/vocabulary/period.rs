//! Reporting periods: years, quarters and months, and the [`Period`] that holds any of them.
//!
//! Trade statistics are published per year, quarter or month. Each type knows its first and last day
//! (as [`chrono::NaiveDate`]), its neighbours, and how to step `n` periods. Years are limited to
//! 1000..=9999 so that every period has one four-digit text form.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::error::{Error, Result};

/// Smallest year tradestat accepts.
pub const MIN_YEAR: i32 = 1000;
/// Largest year tradestat accepts.
pub const MAX_YEAR: i32 = 9999;

const YEAR_RANGE: &str = "years run from 1000 to 9999";

/// How often a series is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Frequency {
    /// Once a year.
    Annual,
    /// Four times a year.
    Quarterly,
    /// Twelve times a year.
    Monthly,
}

impl Frequency {
    /// Number of periods of this frequency in a year (1, 4 or 12).
    pub const fn periods_per_year(self) -> u32 {
        match self {
            Frequency::Annual => 1,
            Frequency::Quarterly => 4,
            Frequency::Monthly => 12,
        }
    }

    /// UN Comtrade's `freqCode`: `A`, `Q` or `M`.
    pub const fn code(self) -> char {
        match self {
            Frequency::Annual => 'A',
            Frequency::Quarterly => 'Q',
            Frequency::Monthly => 'M',
        }
    }
}

impl fmt::Display for Frequency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Frequency::Annual => "annual",
            Frequency::Quarterly => "quarterly",
            Frequency::Monthly => "monthly",
        })
    }
}

impl FromStr for Frequency {
    type Err = Error;

    /// Accepts `A`/`Q`/`M` (Comtrade's codes), and "annual", "yearly", "quarterly", "monthly" in any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "a" | "y" | "annual" | "yearly" | "year" => Ok(Frequency::Annual),
            "q" | "quarterly" | "quarter" => Ok(Frequency::Quarterly),
            "m" | "monthly" | "month" => Ok(Frequency::Monthly),
            _ => Err(Error::parse(
                "frequency",
                s,
                0,
                "expected A, Q, M, annual, quarterly or monthly",
            )),
        }
    }
}

/// A calendar year from 1000 to 9999.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Year(i16);

impl Year {
    /// The year `year`, or [`Error::OutOfRange`] outside 1000..=9999.
    ///
    /// ```
    /// # use tradestat::Year;
    /// assert_eq!(Year::new(2022)?.get(), 2022);
    /// assert!(Year::new(20222).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn new(year: i32) -> Result<Self> {
        if (MIN_YEAR..=MAX_YEAR).contains(&year) {
            // In range, so the narrowing cannot fail.
            i16::try_from(year)
                .map(Year)
                .map_err(|_| out_of_range_year(year))
        } else {
            Err(out_of_range_year(year))
        }
    }

    /// The year as a number.
    pub const fn get(self) -> i32 {
        self.0 as i32
    }

    /// 1 January.
    pub fn first_day(self) -> NaiveDate {
        date(self.get(), 1, 1)
    }

    /// 31 December.
    pub fn last_day(self) -> NaiveDate {
        date(self.get(), 12, 31)
    }

    /// The four quarters, in order.
    pub fn quarters(self) -> [Quarter; 4] {
        [1, 2, 3, 4].map(|q| Quarter { year: self, q })
    }

    /// The twelve months, in order.
    pub fn months(self) -> [Month; 12] {
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(|m| Month { year: self, m })
    }

    /// The year `n` years later (earlier for negative `n`).
    pub fn checked_add(self, n: i64) -> Result<Self> {
        let y = i64::from(self.get())
            .checked_add(n)
            .ok_or_else(|| Error::overflow("period arithmetic", format!("{self} + {n}")))?;
        i32::try_from(y)
            .map_err(|_| out_of_range_year_i64(y))
            .and_then(Year::new)
    }

    /// The next year.
    pub fn succ(self) -> Result<Self> {
        self.checked_add(1)
    }

    /// The previous year.
    pub fn pred(self) -> Result<Self> {
        self.checked_add(-1)
    }
}

/// A calendar quarter: Q1 is January to March.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quarter {
    year: Year,
    q: u8,
}

impl Quarter {
    /// Quarter `quarter` (1 to 4) of `year`.
    pub fn new(year: Year, quarter: u8) -> Result<Self> {
        if (1..=4).contains(&quarter) {
            Ok(Quarter { year, q: quarter })
        } else {
            Err(Error::OutOfRange {
                what: "quarter",
                value: quarter.to_string(),
                allowed: "quarters run from 1 to 4",
            })
        }
    }

    /// The year it belongs to.
    pub const fn year(self) -> Year {
        self.year
    }

    /// Its number within the year, 1 to 4.
    pub const fn number(self) -> u8 {
        self.q
    }

    /// The first day of its first month.
    pub fn first_day(self) -> NaiveDate {
        self.months()[0].first_day()
    }

    /// The last day of its last month.
    pub fn last_day(self) -> NaiveDate {
        self.months()[2].last_day()
    }

    /// Its three months, in order.
    pub fn months(self) -> [Month; 3] {
        let first = (self.q - 1) * 3 + 1;
        [first, first + 1, first + 2].map(|m| Month { year: self.year, m })
    }

    fn ordinal(self) -> i64 {
        i64::from(self.year.get()) * 4 + i64::from(self.q - 1)
    }

    /// The quarter `n` quarters later (earlier for negative `n`).
    pub fn checked_add(self, n: i64) -> Result<Self> {
        let (year, q) = step(self.ordinal(), n, 4, self)?;
        Ok(Quarter { year, q })
    }

    /// The next quarter.
    pub fn succ(self) -> Result<Self> {
        self.checked_add(1)
    }

    /// The previous quarter.
    pub fn pred(self) -> Result<Self> {
        self.checked_add(-1)
    }
}

/// A calendar month.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Month {
    year: Year,
    m: u8,
}

impl Month {
    /// Month `month` (1 to 12) of `year`.
    pub fn new(year: Year, month: u8) -> Result<Self> {
        if (1..=12).contains(&month) {
            Ok(Month { year, m: month })
        } else {
            Err(Error::OutOfRange {
                what: "month",
                value: month.to_string(),
                allowed: "months run from 1 to 12",
            })
        }
    }

    /// The year it belongs to.
    pub const fn year(self) -> Year {
        self.year
    }

    /// Its number within the year, 1 to 12.
    pub const fn number(self) -> u8 {
        self.m
    }

    /// The quarter it falls in.
    pub fn quarter(self) -> Quarter {
        Quarter {
            year: self.year,
            q: (self.m - 1) / 3 + 1,
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        date(self.year.get(), u32::from(self.m), 1)
    }

    /// Its last day (28 to 31).
    pub fn last_day(self) -> NaiveDate {
        let next_first = match self.succ() {
            Ok(next) => next.first_day(),
            // December 9999: the last day is the 31st.
            Err(_) => return date(self.year.get(), 12, 31),
        };
        next_first.pred_opt().unwrap_or(next_first)
    }

    fn ordinal(self) -> i64 {
        i64::from(self.year.get()) * 12 + i64::from(self.m - 1)
    }

    /// The month `n` months later (earlier for negative `n`).
    pub fn checked_add(self, n: i64) -> Result<Self> {
        let (year, m) = step(self.ordinal(), n, 12, self)?;
        Ok(Month { year, m })
    }

    /// The next month.
    pub fn succ(self) -> Result<Self> {
        self.checked_add(1)
    }

    /// The previous month.
    pub fn pred(self) -> Result<Self> {
        self.checked_add(-1)
    }
}

/// A year, a quarter or a month: the time key of a trade figure.
///
/// Periods order by their first day, and a longer period before a shorter one starting the same day
/// (2022 < 2022-Q1 < 2022-01 < 2022-02).
///
/// ```
/// # use tradestat::{Period, Frequency};
/// let p: Period = "2022-Q3".parse()?;
/// assert_eq!(p.frequency(), Frequency::Quarterly);
/// assert_eq!(p.first_day().to_string(), "2022-07-01");
/// assert_eq!(p.checked_add(2)?.to_string(), "2023-Q1");
/// assert_eq!("202207".parse::<Period>()?.to_string(), "2022-07"); // UN Comtrade's form
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year.
    Year(Year),
    /// A calendar quarter.
    Quarter(Quarter),
    /// A calendar month.
    Month(Month),
}

impl Period {
    /// The year `year` as a period.
    pub fn year(year: i32) -> Result<Self> {
        Year::new(year).map(Period::Year)
    }

    /// Quarter `quarter` of `year` as a period.
    pub fn quarter(year: i32, quarter: u8) -> Result<Self> {
        Quarter::new(Year::new(year)?, quarter).map(Period::Quarter)
    }

    /// Month `month` of `year` as a period.
    pub fn month(year: i32, month: u8) -> Result<Self> {
        Month::new(Year::new(year)?, month).map(Period::Month)
    }

    /// Its frequency.
    pub const fn frequency(self) -> Frequency {
        match self {
            Period::Year(_) => Frequency::Annual,
            Period::Quarter(_) => Frequency::Quarterly,
            Period::Month(_) => Frequency::Monthly,
        }
    }

    /// The calendar year it lies in.
    pub const fn calendar_year(self) -> Year {
        match self {
            Period::Year(y) => y,
            Period::Quarter(q) => q.year,
            Period::Month(m) => m.year,
        }
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => y.first_day(),
            Period::Quarter(q) => q.first_day(),
            Period::Month(m) => m.first_day(),
        }
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        match self {
            Period::Year(y) => y.last_day(),
            Period::Quarter(q) => q.last_day(),
            Period::Month(m) => m.last_day(),
        }
    }

    /// Whether `day` falls within it.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The period `n` steps of its own frequency later (earlier for negative `n`).
    pub fn checked_add(self, n: i64) -> Result<Self> {
        match self {
            Period::Year(y) => y.checked_add(n).map(Period::Year),
            Period::Quarter(q) => q.checked_add(n).map(Period::Quarter),
            Period::Month(m) => m.checked_add(n).map(Period::Month),
        }
    }

    /// The next period of the same frequency.
    pub fn succ(self) -> Result<Self> {
        self.checked_add(1)
    }

    /// The previous period of the same frequency.
    pub fn pred(self) -> Result<Self> {
        self.checked_add(-1)
    }

    /// The same period one year earlier (for year-on-year comparisons).
    pub fn year_earlier(self) -> Result<Self> {
        self.checked_add(-i64::from(self.frequency().periods_per_year()))
    }

    /// A running count of periods of its frequency, so that `b.index() - a.index()` is the number of
    /// steps from `a` to `b`.
    pub(crate) fn index(self) -> i64 {
        match self {
            Period::Year(y) => i64::from(y.get()),
            Period::Quarter(q) => q.ordinal(),
            Period::Month(m) => m.ordinal(),
        }
    }

    /// Number of steps from `self` to `later` (negative if `later` is earlier); both must have one
    /// frequency.
    pub fn periods_until(self, later: Period) -> Result<i64> {
        if self.frequency() != later.frequency() {
            return Err(Error::MixedFrequency {
                expected: self.frequency(),
                found: later,
            });
        }
        Ok(later.index() - self.index())
    }

    /// Every period from `start` to `end`, both included; empty when `end` is before `start`.
    pub fn range(start: Period, end: Period) -> Result<PeriodRange> {
        let steps = start.periods_until(end)?;
        Ok(PeriodRange {
            next: Some(start),
            remaining: u64::try_from(steps.saturating_add(1)).unwrap_or(0),
        })
    }

    /// The periods of the next lower frequency (quarters of a year, months of a quarter) that make it
    /// up; a month has none.
    pub fn parts(self) -> Vec<Period> {
        match self {
            Period::Year(y) => y.quarters().map(Period::Quarter).to_vec(),
            Period::Quarter(q) => q.months().map(Period::Month).to_vec(),
            Period::Month(_) => Vec::new(),
        }
    }

    /// The period of frequency `frequency` that contains this one, if `frequency` is not finer.
    pub fn enclosing(self, frequency: Frequency) -> Option<Period> {
        match (self, frequency) {
            (p, f) if p.frequency() == f => Some(p),
            (Period::Quarter(q), Frequency::Annual) => Some(Period::Year(q.year)),
            (Period::Month(m), Frequency::Annual) => Some(Period::Year(m.year)),
            (Period::Month(m), Frequency::Quarterly) => Some(Period::Quarter(m.quarter())),
            _ => None,
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then_with(|| self.frequency().cmp(&other.frequency()))
    }
}

impl From<Year> for Period {
    fn from(y: Year) -> Self {
        Period::Year(y)
    }
}

impl From<Quarter> for Period {
    fn from(q: Quarter) -> Self {
        Period::Quarter(q)
    }
}

impl From<Month> for Period {
    fn from(m: Month) -> Self {
        Period::Month(m)
    }
}

/// An iterator over consecutive periods, from [`Period::range`].
#[derive(Debug, Clone)]
pub struct PeriodRange {
    next: Option<Period>,
    remaining: u64,
}

impl Iterator for PeriodRange {
    type Item = Period;

    fn next(&mut self) -> Option<Period> {
        if self.remaining == 0 {
            return None;
        }
        let current = self.next?;
        self.remaining -= 1;
        self.next = current.succ().ok();
        if self.next.is_none() {
            self.remaining = 0;
        }
        Some(current)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        (n, Some(n))
    }
}

// Debug shows the text form once: `Year(2026)`, `Quarter(2026-Q3)`, `Month(2026-07)`, for a
// `Period` too (not `Year(Year(2026))`).
impl fmt::Debug for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Year({})", self.get())
    }
}

impl fmt::Debug for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Quarter({self})")
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => fmt::Debug::fmt(y, f),
            Period::Quarter(q) => fmt::Debug::fmt(q, f),
            Period::Month(m) => fmt::Debug::fmt(m, f),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.get().to_string())
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}-Q{}", self.year, self.q))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&format!("{}-{:02}", self.year, self.m))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => y.fmt(f),
            Period::Quarter(q) => q.fmt(f),
            Period::Month(m) => m.fmt(f),
        }
    }
}

impl FromStr for Period {
    type Err = Error;

    /// Reads "2022", "2022-Q3", "2022Q3", "2022 Q3", "Q3 2022", "2022-07", "2022/07", "2022M07",
    /// "2022-M07", UN Comtrade's "202207", and months named in English: "Jan 2022", "January 2022",
    /// "2022 Jan", "Sept. 2022". Surrounding white space is ignored; letters may be in any case.
    ///
    /// # Errors
    /// [`Error::Parse`] with the byte position for text that is not a period;
    /// [`Error::OutOfRange`] for a year, quarter or month out of range, naming the whole input
    /// ("month 23 (in \"2022-23\") is out of range").
    ///
    /// ```
    /// # use tradestat::Period;
    /// assert_eq!("Jan 2022".parse::<Period>()?, "2022-01".parse()?);
    /// assert_eq!("2022 september".parse::<Period>()?.to_string(), "2022-09");
    /// let e = "2022-23".parse::<Period>().unwrap_err();
    /// assert!(e.to_string().contains("2022-23"));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        parse_period(s)
    }
}

impl FromStr for Year {
    type Err = Error;

    /// Reads a four-digit year such as "2022".
    fn from_str(s: &str) -> Result<Self> {
        match parse_period(s)? {
            Period::Year(y) => Ok(y),
            _ => Err(Error::parse("year", s, 0, "expected a four-digit year")),
        }
    }
}

impl FromStr for Quarter {
    type Err = Error;

    /// Reads a quarter such as "2022-Q3" or "2022Q3".
    fn from_str(s: &str) -> Result<Self> {
        match parse_period(s)? {
            Period::Quarter(q) => Ok(q),
            _ => Err(Error::parse(
                "quarter",
                s,
                0,
                "expected a quarter such as 2022-Q3",
            )),
        }
    }
}

impl FromStr for Month {
    type Err = Error;

    /// Reads a month such as "2022-07" or "202207".
    fn from_str(s: &str) -> Result<Self> {
        match parse_period(s)? {
            Period::Month(m) => Ok(m),
            _ => Err(Error::parse(
                "month",
                s,
                0,
                "expected a month such as 2022-07",
            )),
        }
    }
}

/// Reads a period; a value out of range names the whole input ("month 23 (in \"2022-23\")").
fn parse_period(input: &str) -> Result<Period> {
    parse_period_text(input).map_err(|e| match e {
        Error::OutOfRange {
            what,
            value,
            allowed,
        } => Error::OutOfRange {
            what,
            value: format!("{value} (in {input:?})"),
            allowed,
        },
        other => other,
    })
}

/// The month an English month name or its abbreviation names ("Jan", "January", "Sept"), in any
/// case, with or without a trailing dot.
fn month_number(word: &str) -> Option<u8> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.strip_suffix('.').unwrap_or(word).to_ascii_lowercase();
    if word == "sept" {
        return Some(9);
    }
    let found = NAMES
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(&word)))?;
    u8::try_from(found + 1).ok()
}

/// "Jan 2022", "January 2022", "2022 Jan", "Jan-2022", "January, 2022": a month name and a year in
/// either order. `None` if `s` (trimmed, starting at `lead` in `input`) has no month word.
fn month_with_name(s: &str, input: &str, lead: usize) -> Option<Result<Period>> {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '-' | '/' | ',');
    let (word, year, year_at) = if s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        let end = s.find(|c: char| !(c.is_ascii_alphabetic() || c == '.'))?;
        let rest = s.get(end..)?;
        let year = rest.trim_start_matches(is_sep);
        (s.get(..end)?, year, lead + s.len() - year.len())
    } else if s.ends_with(|c: char| c.is_ascii_alphabetic() || c == '.') {
        let start = s
            .char_indices()
            .rev()
            .find(|(_, c)| !(c.is_ascii_alphabetic() || *c == '.'))
            .map(|(i, c)| i + c.len_utf8())?;
        let head = s.get(..start)?;
        let year = head.trim_end_matches(is_sep);
        if year.len() == head.len() {
            return None; // "2022M" or "2022Q": not a month name
        }
        (s.get(start..)?, year, lead)
    } else {
        return None;
    };
    let month = month_number(word)?;
    Some(year_digits(year, input, year_at).and_then(|y| Month::new(y, month).map(Period::Month)))
}

fn parse_period_text(input: &str) -> Result<Period> {
    const WHAT: &str = "period";
    let lead = input.len() - input.trim_start().len();
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::parse(WHAT, input, 0, "empty input"));
    }
    if let Some(month) = month_with_name(s, input, lead) {
        return month;
    }
    let upper = s.to_ascii_uppercase();
    // "Q3 2022"
    if let Some(rest) = upper.strip_prefix('Q') {
        if let Some((q, y)) = rest.split_once(' ') {
            let quarter = small_number(q.trim(), input, lead + 1, WHAT)?;
            let year = year_digits(y.trim(), input, lead + 1 + q.len() + 1)?;
            return Quarter::new(year, quarter).map(Period::Quarter);
        }
    }
    let digits_end = upper
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(upper.len());
    let head = &upper[..digits_end];
    let tail = &upper[digits_end..];
    match (head.len(), tail.is_empty()) {
        (4, true) => year_digits(head, input, lead).map(Period::Year),
        (6, true) => {
            let year = year_digits(&head[..4], input, lead)?;
            let month = small_number(&head[4..], input, lead + 4, WHAT)?;
            Month::new(year, month).map(Period::Month)
        }
        (4, false) => {
            let year = year_digits(head, input, lead)?;
            let mut rest = tail;
            let mut pos = lead + 4;
            for sep in ['-', '/', ' ', '.'] {
                if let Some(r) = rest.strip_prefix(sep) {
                    rest = r;
                    pos += 1;
                    break;
                }
            }
            if let Some(q) = rest.strip_prefix('Q') {
                let quarter = small_number(q, input, pos + 1, WHAT)?;
                Quarter::new(year, quarter).map(Period::Quarter)
            } else {
                let (m, pos) = match rest.strip_prefix('M') {
                    Some(m) => (m, pos + 1),
                    None if pos > lead + 4 => (rest, pos),
                    None => {
                        return Err(Error::parse(
                            WHAT,
                            input,
                            pos,
                            "expected -Qn, Qn, -MM or MMM after the year",
                        ))
                    }
                };
                let month = small_number(m, input, pos, WHAT)?;
                Month::new(year, month).map(Period::Month)
            }
        }
        (0, _) => Err(Error::parse(WHAT, input, lead, "expected a year")),
        _ => Err(Error::parse(
            WHAT,
            input,
            lead,
            "expected YYYY, YYYY-Qn, YYYY-MM or YYYYMM",
        )),
    }
}

fn year_digits(s: &str, input: &str, pos: usize) -> Result<Year> {
    if s.len() != 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::parse(
            "period",
            input,
            pos,
            "expected a four-digit year",
        ));
    }
    let y: i32 = s
        .parse()
        .map_err(|_| Error::parse("period", input, pos, "expected a four-digit year"))?;
    Year::new(y)
}

fn small_number(s: &str, input: &str, pos: usize, what: &'static str) -> Result<u8> {
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::parse(
            what,
            input,
            pos,
            "expected a one- or two-digit number",
        ));
    }
    s.parse()
        .map_err(|_| Error::parse(what, input, pos, "expected a one- or two-digit number"))
}

/// The year and the number within it (1-based) of the period `n` steps after the one at
/// `ordinal`, counting `per_year` periods a year.
fn step(ordinal: i64, n: i64, per_year: i64, from: impl fmt::Display) -> Result<(Year, u8)> {
    let target = ordinal
        .checked_add(n)
        .ok_or_else(|| Error::overflow("period arithmetic", format!("{from} + {n}")))?;
    let year = i32::try_from(target.div_euclid(per_year))
        .map_err(|_| out_of_range_year_i64(target.div_euclid(per_year)))?;
    let number =
        u8::try_from(target.rem_euclid(per_year) + 1).map_err(|_| out_of_range_year(year))?;
    Ok((Year::new(year)?, number))
}

fn out_of_range_year(year: i32) -> Error {
    out_of_range_year_i64(i64::from(year))
}

fn out_of_range_year_i64(year: i64) -> Error {
    Error::OutOfRange {
        what: "year",
        value: year.to_string(),
        allowed: YEAR_RANGE,
    }
}

/// A date known to be valid (year in 1000..=9999, month 1..=12, day valid for the month).
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

serde_unit_enum!(Frequency as "Frequency", "a frequency: \"annual\", \"quarterly\" or \"monthly\"" {
    Annual = "annual",
    Quarterly = "quarterly",
    Monthly = "monthly",
});

serde_as_text!(
    Year => "a year such as \"2022\"",
    Quarter => "a quarter such as \"2022-Q3\"",
    Month => "a month such as \"2022-07\"",
    Period => "a period such as \"2022\", \"2022-Q3\" or \"2022-07\"",
);

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_documented_form() {
        assert_eq!(p("2022"), Period::year(2022).unwrap());
        for s in [
            "2022-Q3",
            "2022Q3",
            "2022 Q3",
            "2022-q3",
            "Q3 2022",
            " 2022-Q3 ",
        ] {
            assert_eq!(p(s), Period::quarter(2022, 3).unwrap(), "{s}");
        }
        for s in [
            "2022-07", "202207", "2022M07", "2022-M07", "2022/07", "2022-7", "2022m7",
        ] {
            assert_eq!(p(s), Period::month(2022, 7).unwrap(), "{s}");
        }
    }

    #[test]
    fn rejects_invalid_periods() {
        for s in [
            "",
            "20",
            "2022-13",
            "202200",
            "2022-Q0",
            "2022-Q5",
            "0999",
            "10000",
            "2022-",
            "2022Q",
            "abcd",
            "2022-07-01",
            "2022x",
            "-2022",
            "2022-Q3x",
            "2022--07",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s:?} should not parse");
        }
        assert!(matches!(
            "2022-13".parse::<Period>(),
            Err(Error::OutOfRange { what: "month", .. })
        ));
    }

    #[test]
    fn month_names_in_english() {
        for s in [
            "Jan 2022",
            "January 2022",
            "2022 Jan",
            "jan 2022",
            "JANUARY 2022",
            "2022 january",
            "Jan. 2022",
            "Jan-2022",
            "January, 2022",
            "2022-Jan",
            " Jan 2022 ",
        ] {
            assert_eq!(p(s), Period::month(2022, 1).unwrap(), "{s}");
        }
        assert_eq!(p("Sept 2022"), Period::month(2022, 9).unwrap());
        assert_eq!(p("Sep 2022"), Period::month(2022, 9).unwrap());
        assert_eq!(p("May 2022"), Period::month(2022, 5).unwrap());
        assert_eq!(p("2022 Mar"), Period::month(2022, 3).unwrap());
        assert_eq!(p("December 9999"), Period::month(9999, 12).unwrap());
        assert_eq!("Dec 2022".parse::<Month>().unwrap().number(), 12);
        for s in [
            "Janu 2022",
            "Ja 2022",
            "Jan",
            "Jan 22",
            "Jan 2022 Feb",
            "Foo 2022",
            "2022 Foo",
            "Jan 0999",
            "2022Jan2022",
        ] {
            assert!(s.parse::<Period>().is_err(), "{s:?}");
        }
    }

    #[test]
    fn range_errors_name_the_input() {
        // Regression: "month 23 is out of range", without the input.
        let e = "2022-23".parse::<Period>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "month 23 (in \"2022-23\") is out of range: months run from 1 to 12"
        );
        for s in ["2022-Q5", "0999", "202213", "Q0 2022"] {
            let e = s.parse::<Period>().unwrap_err();
            assert!(e.to_string().contains(&format!("{s:?}")), "{e}");
        }
    }

    #[test]
    fn debug_shows_the_period_once() {
        // Regression: `Year(Year(2026))` and `Quarter(Quarter { year: Year(2026), q: 3 })`.
        assert_eq!(format!("{:?}", p("2026")), "Year(2026)");
        assert_eq!(format!("{:?}", Year::new(2026).unwrap()), "Year(2026)");
        assert_eq!(format!("{:?}", p("2026-Q3")), "Quarter(2026-Q3)");
        assert_eq!(format!("{:?}", p("2026-07")), "Month(2026-07)");
        assert_eq!(format!("{:?}", Some(p("2026-07"))), "Some(Month(2026-07))");
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(p("2024-02").last_day().to_string(), "2024-02-29");
        assert_eq!(p("2023-02").last_day().to_string(), "2023-02-28");
        assert_eq!(p("2022-Q4").first_day().to_string(), "2022-10-01");
        assert_eq!(p("2022-Q4").last_day().to_string(), "2022-12-31");
        assert_eq!(p("9999-12").last_day().to_string(), "9999-12-31");
        assert!(p("2022").contains(p("2022-07").first_day()));
    }

    #[test]
    fn stepping_and_ranges() {
        assert_eq!(p("2022-12").succ().unwrap(), p("2023-01"));
        assert_eq!(p("2022-Q1").pred().unwrap(), p("2021-Q4"));
        assert_eq!(p("2022-03").checked_add(-27).unwrap(), p("2019-12"));
        assert_eq!(p("2022-Q2").year_earlier().unwrap(), p("2021-Q2"));
        assert!(p("9999").succ().is_err());
        assert!(p("1000-01").pred().is_err());
        assert!(p("2022").checked_add(i64::MAX).is_err());
        let r: Vec<String> = Period::range(p("2021-Q3"), p("2022-Q2"))
            .unwrap()
            .map(|x| x.to_string())
            .collect();
        assert_eq!(r, ["2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2"]);
        assert_eq!(Period::range(p("2022"), p("2020")).unwrap().count(), 0);
        assert!(Period::range(p("2022"), p("2022-01")).is_err());
        assert_eq!(p("2020-11").periods_until(p("2022-02")).unwrap(), 15);
    }

    #[test]
    fn ordering_and_containment() {
        assert!(p("2022") < p("2022-Q1"));
        assert!(p("2022-Q1") < p("2022-01"));
        assert!(p("2022-01") < p("2022-02"));
        assert!(p("2021-12") < p("2022"));
        assert_eq!(
            p("2022-08").enclosing(Frequency::Quarterly),
            Some(p("2022-Q3"))
        );
        assert_eq!(p("2022-08").enclosing(Frequency::Annual), Some(p("2022")));
        assert_eq!(p("2022").enclosing(Frequency::Monthly), None);
        assert_eq!(p("2022").parts().len(), 4);
        assert_eq!(Year::new(2022).unwrap().months()[11].to_string(), "2022-12");
    }
}
