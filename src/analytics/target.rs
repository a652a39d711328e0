//! Targets: "raise turnover from 6.3 to 10 billion USD by 2030".
//!
//! A [`Target`] holds where a figure starts, where it should get, and by when. It answers the rate
//! needed ([`Target::required_rate`], Excel's `RRI`), how long a given rate takes
//! ([`Target::periods_to_reach`], Excel's `NPER` without payments), when the goal is first met, how
//! far an actual figure has come, and whether an observed series is on track.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::growth::{self, divide};
use crate::math;
use crate::money::Money;
use crate::period::Period;
use crate::projection;
use crate::rate::Rate;
use crate::series::Series;

/// A goal for a money figure: from `base_value` in `base_period` to `goal` by `deadline`.
///
/// ```
/// # use tradestat::Target;
/// let target = Target::new(
///     "2022".parse()?,
///     "6.3 billion US dollars".parse()?,
///     "10 billion US dollars".parse()?,
///     "2030".parse()?,
/// )?;
/// assert_eq!(format!("{:.3}", target.required_rate()?), "5.945%");
/// let at_33 = "33%".parse()?;
/// assert_eq!(format!("{:.3}", target.periods_to_reach(at_33)?.round_dp(3)), "1.620");
/// assert_eq!(target.reached_in(at_33)?.to_string(), "2024");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Target {
    base_period: Period,
    base_value: Money,
    goal: Money,
    deadline: Period,
}

impl Target {
    /// A target from `base_value` in `base_period` to `goal` by `deadline`.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::Undefined`] for a zero or negative base or goal;
    /// [`Error::MixedFrequency`] when the periods differ in frequency; [`Error::InvalidArgument`]
    /// when the deadline is not after the base period.
    pub fn new(
        base_period: Period,
        base_value: Money,
        goal: Money,
        deadline: Period,
    ) -> Result<Target> {
        base_value.same_currency(&goal, "set a target between")?;
        growth::positive_base("target", &base_value)?;
        if goal.amount() <= Decimal::ZERO {
            return Err(Error::undefined(
                "target",
                goal.amount().to_string(),
                "a goal must be positive",
            ));
        }
        if base_period.periods_until(deadline)? <= 0 {
            return Err(Error::InvalidArgument {
                reason: format!("deadline {deadline} is not after the base period {base_period}"),
            });
        }
        Ok(Target {
            base_period,
            base_value,
            goal,
            deadline,
        })
    }

    /// The base period.
    pub fn base_period(&self) -> Period {
        self.base_period
    }

    /// The value in the base period.
    pub fn base_value(&self) -> Money {
        self.base_value
    }

    /// The goal.
    pub fn goal(&self) -> Money {
        self.goal
    }

    /// The deadline.
    pub fn deadline(&self) -> Period {
        self.deadline
    }

    /// Number of periods from the base period to the deadline (at least 1).
    pub fn periods(&self) -> u32 {
        let n = self.base_period.periods_until(self.deadline).unwrap_or(1);
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The compound rate per period that reaches the goal exactly at the deadline:
    /// `(goal / base)^(1 / periods) - 1`, as Excel's `RRI(periods, base, goal)`.
    ///
    /// # Errors
    /// [`Error::Overflow`] only for extreme values.
    pub fn required_rate(&self) -> Result<Rate> {
        growth::compound_rate(self.base_value.amount(), self.goal.amount(), self.periods())
    }

    /// How many periods growth at `rate` takes from the base value to the goal:
    /// `ln(goal / base) / ln(1 + rate)`, fractional, as Excel's `NPER(rate, 0, -base, goal)`.
    ///
    /// # Errors
    /// [`Error::Unreachable`] when the rate never gets there: no growth, a fall of 100% or more, or
    /// a rate moving away from the goal.
    pub fn periods_to_reach(&self, rate: Rate) -> Result<Decimal> {
        let ratio = divide(
            "periods_to_reach",
            self.goal.amount(),
            self.base_value.amount(),
        )?;
        if ratio == Decimal::ONE {
            return Ok(Decimal::ZERO);
        }
        let factor = self.reachable_factor(rate, ratio)?;
        math::log(ratio, factor)
    }

    /// Checks that growth at `rate` moves the value toward a goal `ratio` times the base, and
    /// returns the growth factor.
    fn reachable_factor(&self, rate: Rate, ratio: Decimal) -> Result<Decimal> {
        let factor = rate.factor()?;
        let why = if factor <= Decimal::ZERO {
            Some(format!("a fall of {rate} leaves nothing to grow"))
        } else if factor == Decimal::ONE {
            Some(format!(
                "at {rate} growth the value stays at {}",
                self.base_value.amount()
            ))
        } else if (factor > Decimal::ONE) != (ratio > Decimal::ONE) {
            Some(format!(
                "at {rate} the value moves away from the goal {} (base {})",
                self.goal.amount(),
                self.base_value.amount()
            ))
        } else {
            None
        };
        match why {
            Some(reason) => Err(Error::Unreachable { reason }),
            None => Ok(factor),
        }
    }

    /// The first period whose value, growing at `rate` from the base, is at or above the goal (at
    /// or below it, for a goal below the base). The base period itself when the goal is already met.
    ///
    /// # Errors
    /// As [`Target::periods_to_reach`]; [`Error::OutOfRange`] past year 9999.
    pub fn reached_in(&self, rate: Rate) -> Result<Period> {
        let base = self.base_value.amount();
        let goal = self.goal.amount();
        if base == goal {
            return Ok(self.base_period);
        }
        let rising = goal > base;
        let estimate = self.periods_to_reach(rate)?.ceil();
        let factor = rate.factor()?;
        let met = |k: i64| -> Result<bool> {
            // The same computation as `path`, so the two agree on the boundary period.
            let value = projection::compounded(base, factor, k)?;
            Ok(if rising { value >= goal } else { value <= goal })
        };
        let mut k = i64::try_from(estimate.mantissa() / 10_i128.pow(estimate.scale()))
            .map_err(|_| Error::overflow("reached_in", estimate.to_string()))?;
        // The logarithms are exact to 28 digits; settle a boundary case by direct comparison.
        if k > 1 && met(k - 1)? {
            k -= 1;
        } else if !met(k)? {
            k += 1;
        }
        self.base_period.checked_add(k)
    }

    /// The value year by year (period by period) from the base period to the deadline, growing at
    /// `rate`; the first entry is the base value.
    ///
    /// # Errors
    /// [`Error::Overflow`] for values that do not fit.
    pub fn path(&self, rate: Rate) -> Result<Series> {
        let projected =
            projection::compound_from(self.base_period, &self.base_value, rate, self.periods())?;
        Series::from_pairs(
            std::iter::once((self.base_period, self.base_value)).chain(projected.iter()),
        )
    }

    /// How far `actual` at period `at` has come from the base to the goal.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::MixedFrequency`]; [`Error::Undefined`] when the goal
    /// equals the base or `actual` is not positive (for the compound scale).
    pub fn progress(&self, actual: &Money, at: Period) -> Result<Progress> {
        self.base_value
            .same_currency(actual, "measure progress between")?;
        let elapsed = Decimal::from(self.base_period.periods_until(at)?);
        let base = self.base_value.amount();
        let distance = growth::difference("progress", self.goal.amount(), base)?;
        let covered = growth::difference("progress", actual.amount(), base)?;
        let linear = divide("progress", covered, distance)?;
        growth::positive_base("progress", actual)?;
        let compound = math::log(
            divide("progress", actual.amount(), base)?,
            divide("progress", self.goal.amount(), base)?,
        )?;
        let time_elapsed = divide("progress", elapsed, Decimal::from(self.periods()))?;
        Ok(Progress {
            at,
            linear,
            compound,
            time_elapsed,
        })
    }

    /// Whether the trend of `observed` (a log-linear fit over all its values) reaches the goal by the
    /// deadline: [`Status::Ahead`] if it gets there at least a period early, [`Status::OnTrack`] if
    /// exactly at the deadline, [`Status::Behind`] if not by then.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::MixedFrequency`]; [`Error::TooFewValues`] for fewer than
    /// two observations; [`Error::Undefined`] for non-positive values.
    pub fn assess(&self, observed: &Series) -> Result<Assessment> {
        let (last_period, last) = observed.last();
        self.base_value
            .same_currency(&last, "assess a target against")?;
        let remaining = last_period.periods_until(self.deadline)?;
        let fit = projection::trend(observed)?;
        let trend = fit.growth();
        let trend_factor = trend.factor()?;
        let projected_amount = projection::compounded(last.amount(), trend_factor, remaining)?;
        let projected = Money::new(projected_amount, last.currency());
        let gap = Money::new(
            growth::difference("assess", projected_amount, self.goal.amount())?,
            self.goal.currency(),
        );
        let required = match u32::try_from(remaining) {
            Ok(n) if n > 0 => Some(growth::compound_rate(last.amount(), self.goal.amount(), n)?),
            _ => None,
        };
        let from_last = Target {
            base_period: last_period,
            base_value: last,
            goal: self.goal,
            deadline: self.deadline,
        };
        let reached_in = if last.amount() >= self.goal.amount() {
            Some(last_period)
        } else {
            from_last.reached_in(trend).ok()
        };
        let status = match reached_in {
            Some(p) if p < self.deadline => Status::Ahead,
            Some(p) if p == self.deadline => Status::OnTrack,
            _ => Status::Behind,
        };
        Ok(Assessment {
            status,
            trend,
            required,
            projected,
            gap,
            reached_in,
        })
    }
}

/// How far an actual figure has come toward a target, from [`Target::progress`]. Shares are
/// fractions: 0 at the base, 1 at the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Progress {
    /// The period of the actual figure.
    pub at: Period,
    /// Share of the absolute distance covered: `(actual - base) / (goal - base)`.
    pub linear: Decimal,
    /// Share of the distance on a compound (logarithmic) scale: `ln(actual/base) / ln(goal/base)`,
    /// the share to compare with elapsed time under constant growth.
    pub compound: Decimal,
    /// Share of the time from base period to deadline that has passed.
    pub time_elapsed: Decimal,
}

/// The verdict of [`Target::assess`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Status {
    /// The trend reaches the goal at least one period before the deadline.
    Ahead,
    /// The trend reaches the goal in the deadline period.
    OnTrack,
    /// The trend does not reach the goal by the deadline.
    Behind,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Status::Ahead => "ahead",
            Status::OnTrack => "on track",
            Status::Behind => "behind",
        })
    }
}

/// A target checked against observed data, from [`Target::assess`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assessment {
    /// Ahead, on track or behind.
    pub status: Status,
    /// The observed trend growth per period (log-linear fit).
    pub trend: Rate,
    /// The rate per period needed from the last observation to reach the goal at the deadline;
    /// `None` when the deadline is not after the last observation.
    pub required: Option<Rate>,
    /// The value at the deadline if the trend continues from the last observation.
    pub projected: Money,
    /// `projected - goal`: positive means the goal is exceeded by that much.
    pub gap: Money,
    /// The first period at or above the goal on the trend; `None` if the trend never gets there.
    pub reached_in: Option<Period>,
}
