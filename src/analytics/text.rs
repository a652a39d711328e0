//! Results that print themselves: `Display` for series, targets, assessments, progress and trend
//! fits, and a series as CSV. Amounts print exactly (every digit) in tables and CSV, and with a
//! few significant digits in sentences ([`Money::human_significant`]).

use std::fmt;
use std::io::Write;

use rust_decimal::Decimal;

use crate::error::Result;
use crate::money::Money;
use crate::period::Frequency;
use crate::projection::TrendFit;
use crate::series::Series;
use crate::target::{Assessment, Progress, Target};

/// Significant digits of amounts in sentences.
const DIGITS: u32 = 3;

/// "a year", "a quarter", "a month".
pub(crate) fn per_period(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Annual => "a year",
        Frequency::Quarterly => "a quarter",
        Frequency::Monthly => "a month",
    }
}

/// An exact amount with commas between groups of three integer digits ("1,851,000,000.5").
pub(crate) fn grouped(amount: Decimal) -> String {
    let text = amount.to_string();
    let (sign, digits) = text
        .strip_prefix('-')
        .map_or(("", text.as_str()), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

impl fmt::Display for Series {
    /// A two-column table: period and exact value (trailing zeros trimmed) with thousands
    /// separators, the currency in the
    /// header, values aligned on the right.
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2021".parse()?, &[Decimal::new(41, 1) * Decimal::from(1_000_000_000), Decimal::from(6_300_000_000u64)], Currency::USD)?;
    /// assert_eq!(s.to_string(), "period    value (USD)\n2021    4,100,000,000\n2022    6,300,000,000\n");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header = format!("value ({})", self.currency());
        let values: Vec<(String, String)> = self
            .iter()
            .map(|(p, v)| (p.to_string(), grouped(v.amount().normalize())))
            .collect();
        let period_width = values
            .iter()
            .map(|(p, _)| p.len())
            .chain(std::iter::once("period".len()))
            .max()
            .unwrap_or(6);
        let value_width = values
            .iter()
            .map(|(_, v)| v.len())
            .chain(std::iter::once(header.len()))
            .max()
            .unwrap_or(0);
        writeln!(f, "{:<period_width$}  {header:>value_width$}", "period")?;
        for (p, v) in &values {
            writeln!(f, "{p:<period_width$}  {v:>value_width$}")?;
        }
        Ok(())
    }
}

impl Series {
    /// The series as CSV: a header `period,value,currency`, then one line per observation with the
    /// exact value (no separators, no rounding) and a final newline.
    ///
    /// ```
    /// # use tradestat::{Series, Currency, Decimal};
    /// let s = Series::from_values("2021".parse()?, &[Decimal::new(41, 1), Decimal::new(63, 1)], Currency::USD)?;
    /// assert_eq!(s.to_csv(), "period,value,currency\n2021,4.1,USD\n2022,6.3,USD\n");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn to_csv(&self) -> String {
        let mut out = String::from("period,value,currency\n");
        for (p, v) in self.iter() {
            out.push_str(&format!("{p},{},{}\n", v.amount(), v.currency()));
        }
        out
    }

    /// Writes [`Series::to_csv`] to `writer`.
    ///
    /// # Errors
    /// [`Error::Io`](crate::Error::Io) when the writer fails.
    pub fn write_csv<W: Write>(&self, mut writer: W) -> Result<()> {
        writer.write_all(self.to_csv().as_bytes())?;
        writer.flush()?;
        Ok(())
    }
}

impl fmt::Display for Target {
    /// "from 6.3 billion USD in 2022 to 10 billion USD by 2030 (5.945% a year needed)".
    ///
    /// ```
    /// # use tradestat::Target;
    /// let t = Target::starting("2022".parse()?, "6.3 billion USD".parse()?).goal("10 billion USD".parse()?).by("2030".parse()?)?;
    /// assert_eq!(t.to_string(), "from 6.3 billion USD in 2022 to 10 billion USD by 2030 (5.945% a year needed)");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "from {} in {} to {} by {}",
            self.base_value().human_significant(DIGITS),
            self.base_period(),
            self.goal().human_significant(DIGITS),
            self.deadline()
        )?;
        match self.required_rate() {
            Ok(rate) => write!(
                f,
                " ({rate:.3} {} needed)",
                per_period(self.base_period().frequency())
            ),
            Err(_) => Ok(()),
        }
    }
}

impl fmt::Display for Progress {
    /// "at 2025: 45.9% of the distance, 51.7% on the compound scale, 37.5% of the time".
    ///
    /// ```
    /// # use tradestat::Target;
    /// let t = Target::starting("2022".parse()?, "6.3 USD".parse()?).goal("10 USD".parse()?).by("2030".parse()?)?;
    /// let p = t.progress(&"8 USD".parse()?, "2025".parse()?)?;
    /// assert_eq!(p.to_string(), "at 2025: 45.9% of the distance, 51.7% on the compound scale, 37.5% of the time");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |r: crate::ratio::Ratio| crate::rate::Rate::from_fraction(r.value());
        write!(
            f,
            "at {}: {:.1} of the distance, {:.1} on the compound scale, {:.1} of the time",
            self.at,
            pct(self.linear),
            pct(self.compound),
            pct(self.time_elapsed)
        )
    }
}

impl fmt::Display for TrendFit {
    /// "trend 5.39% a year (log-linear fit 2010-2025, R² 0.352; se of the slope 0.0200)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "trend {:.2} {} (log-linear fit {}-{}, R² {:.3}",
            self.growth(),
            per_period(self.first_period().frequency()),
            self.first_period(),
            self.last_period(),
            self.r_squared()
        )?;
        if let Some(errors) = self.standard_errors() {
            write!(
                f,
                "; standard errors: slope {:.4}, residual {:.4}",
                errors.slope, errors.residual
            )?;
        }
        f.write_str(")")
    }
}

impl fmt::Display for Assessment {
    /// Several lines: the verdict, the trend, the rate needed and from when, both projections
    /// (by the fit and from the last observation), the interval and the probabilities.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let per = per_period(self.deadline.frequency());
        let money = |m: Money| m.human_significant(DIGITS);
        writeln!(
            f,
            "{}: {} by {}",
            self.status,
            money(self.goal),
            self.deadline
        )?;
        writeln!(
            f,
            "  trend               {:.1} {per} (log-linear fit)",
            self.trend
        )?;
        if let Some(required) = self.required {
            writeln!(
                f,
                "  needed              {required:.1} {per} from {}",
                self.required_from
            )?;
        }
        write!(f, "  projected by fit    {}", money(self.projected_by_fit))?;
        match &self.outlook {
            Some(o) => writeln!(
                f,
                " ({:.0} interval {} to {})",
                crate::rate::Rate::from_fraction(o.confidence.value()),
                money(o.low),
                money(o.high)
            )?,
            None => writeln!(f)?,
        }
        writeln!(
            f,
            "  projected from last {} (the trend rate continued from {})",
            money(self.projected),
            self.required_from
        )?;
        match &self.outlook {
            Some(o) => writeln!(
                f,
                "  probability         {:.1} under the fitted line, {:.1} as a random walk with drift",
                crate::rate::Rate::from_fraction(o.probability.value()),
                crate::rate::Rate::from_fraction(o.probability_random_walk.value())
            )?,
            None => writeln!(
                f,
                "  probability         undefined (too few observations or an exact fit)"
            )?,
        }
        match self.reached_in {
            Some(p) if p <= self.required_from => write!(f, "  goal reached        {p} (observed)"),
            Some(p) => write!(
                f,
                "  goal reached        {p} on the trend from the last value"
            ),
            None => write!(
                f,
                "  goal reached        not on the trend from the last value"
            ),
        }
    }
}
