//! Targets: "raise turnover from 6.3 to 10 billion USD by 2030".
//!
//! A [`Target`] holds where a figure starts, where it should get, and by when. It answers the rate
//! needed ([`Target::required_rate`], Excel's `RRI`), how long a given rate takes
//! ([`Target::periods_to_reach`], Excel's `NPER` without payments), when the goal is first met, how
//! far an actual figure has come, and whether an observed series is on track.

use std::fmt;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::growth;
use crate::math;
use crate::money::Money;
use crate::period::Period;
use crate::projection;
use crate::rate::Rate;
use crate::ratio::Ratio;
use crate::series::Series;

/// A goal for a money figure: from `base_value` in `base_period` to `goal` by `deadline`.
///
/// Build one with [`Target::new`] or, naming each amount, with [`Target::starting`]:
///
/// ```
/// # use tradestat::Target;
/// let target = Target::starting("2022".parse()?, "6.3 billion US dollars".parse()?)
///     .goal("10 billion US dollars".parse()?)
///     .by("2030".parse()?)?;
/// assert_eq!(format!("{:.3}", target.required_rate()?), "5.945%");
/// let at_33 = "33%".parse()?;
/// assert_eq!(format!("{:.3}", target.periods_to_reach(at_33)?), "1.620");
/// assert_eq!(target.reached_in(at_33)?.to_string(), "2024");
/// # Ok::<(), tradestat::Error>(())
/// ```
///
/// A goal below the base (cutting imports, say) works the same way, mirrored: it is reached when
/// the value is at or below it.
///
/// With `serde`, a target reads back only through the checks of [`Target::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "TargetRepr", into = "TargetRepr"))]
pub struct Target {
    base_period: Period,
    base_value: Money,
    goal: Money,
    deadline: Period,
}

/// The first step of [`Target::starting`]: the base period and value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a target needs a goal and a deadline: call .goal(..).by(..)"]
pub struct TargetStart {
    base_period: Period,
    base_value: Money,
}

impl TargetStart {
    /// The goal to reach.
    pub fn goal(self, goal: Money) -> TargetGoal {
        TargetGoal { start: self, goal }
    }
}

/// The second step of [`Target::starting`]: base and goal, waiting for the deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[must_use = "a target needs a deadline: call .by(..)"]
pub struct TargetGoal {
    start: TargetStart,
    goal: Money,
}

impl TargetGoal {
    /// The target, reaching the goal by `deadline`.
    ///
    /// # Errors
    /// As [`Target::new`].
    pub fn by(self, deadline: Period) -> Result<Target> {
        Target::new(
            self.start.base_period,
            self.start.base_value,
            self.goal,
            deadline,
        )
    }
}

impl Target {
    /// A target from `base_value` in `base_period` to `goal` by `deadline`. See
    /// [`Target::starting`] for a construction that names the two amounts.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::Undefined`] for a zero or negative base or goal;
    /// [`Error::InvalidArgument`] when the goal equals the base value (there is nothing to reach),
    /// when the deadline and the base period differ in frequency, or when the deadline is not
    /// after the base period.
    ///
    /// ```
    /// # use tradestat::Target;
    /// let same = Target::new("2022".parse()?, "10 USD".parse()?, "10 USD".parse()?, "2030".parse()?);
    /// assert!(same.unwrap_err().to_string().contains("equals the base value"));
    /// let quarterly = Target::new("2022".parse()?, "6 USD".parse()?, "10 USD".parse()?, "2030-Q1".parse()?);
    /// assert_eq!(
    ///     quarterly.unwrap_err().to_string(),
    ///     "invalid argument: the deadline 2030-Q1 is quarterly but the base period 2022 is annual; \
    ///      a target's two periods must have one frequency"
    /// );
    /// # Ok::<(), tradestat::Error>(())
    /// ```
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
        if goal.amount() == base_value.amount() {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "the goal {goal} equals the base value: a target needs a goal to move toward"
                ),
            });
        }
        if base_period.frequency() != deadline.frequency() {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "the deadline {deadline} is {} but the base period {base_period} is {}; \
                     a target's two periods must have one frequency",
                    deadline.frequency(),
                    base_period.frequency()
                ),
            });
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

    /// Starts a target that names its amounts:
    /// `Target::starting(base_period, base_value).goal(goal).by(deadline)`.
    ///
    /// ```
    /// # use tradestat::Target;
    /// let cut = Target::starting("2022".parse()?, "200 USD".parse()?)
    ///     .goal("100 USD".parse()?)
    ///     .by("2030".parse()?)?;
    /// assert!(cut.is_falling());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn starting(base_period: Period, base_value: Money) -> TargetStart {
        TargetStart {
            base_period,
            base_value,
        }
    }

    /// True when the goal is below the base value (a cut): it is met at or below the goal.
    pub fn is_falling(&self) -> bool {
        self.goal.amount() < self.base_value.amount()
    }

    /// Whether `value` meets the goal: at or above it for a rising goal, at or below it for a
    /// falling one.
    fn meets(&self, value: Decimal) -> bool {
        if self.is_falling() {
            value <= self.goal.amount()
        } else {
            value >= self.goal.amount()
        }
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
    ///
    /// ```
    /// # use tradestat::Target;
    /// let target = Target::starting("2022".parse()?, "6.3 USD".parse()?).goal("10 USD".parse()?).by("2025".parse()?)?;
    /// assert_eq!(format!("{:.3}", target.required_rate()?), "16.650%");
    /// let cut = Target::starting("2022".parse()?, "200 USD".parse()?).goal("100 USD".parse()?).by("2030".parse()?)?;
    /// assert_eq!(format!("{:.3}", cut.required_rate()?), "-8.300%");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn required_rate(&self) -> Result<Rate> {
        growth::compound_rate(self.base_value.amount(), self.goal.amount(), self.periods())
    }

    /// How many periods growth at `rate` takes from the base value to the goal:
    /// `ln(goal / base) / ln(1 + rate)`, fractional, as Excel's `NPER(rate, 0, -base, goal)`.
    ///
    /// Computed whole in the wide float and rounded once, so a goal far from the base keeps its
    /// digits (50 000 000 000 000 down to 0.000000000000007 at -10% a year is 608.728... periods).
    ///
    /// # Errors
    /// [`Error::Unreachable`] when the rate never gets there: no growth, a fall of 100% or more, or
    /// a rate moving away from the goal.
    ///
    /// ```
    /// # use tradestat::Target;
    /// let cut = Target::starting("2022".parse()?, "200 USD".parse()?).goal("100 USD".parse()?).by("2030".parse()?)?;
    /// assert_eq!(format!("{:.4}", cut.periods_to_reach("-10%".parse()?)?), "6.5788"); // ln 0.5 / ln 0.9
    /// assert!(cut.periods_to_reach("5%".parse()?).is_err()); // moving away
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn periods_to_reach(&self, rate: Rate) -> Result<Ratio> {
        self.reachable(rate)?;
        math::formula::periods_to_grow(
            self.base_value.amount(),
            self.goal.amount(),
            rate.as_fraction(),
        )
        .map(Ratio::new)
    }

    /// Checks that growth at `rate` moves the value toward the goal.
    fn reachable(&self, rate: Rate) -> Result<()> {
        let fraction = rate.as_fraction();
        let why = if fraction <= -Decimal::ONE {
            let fall = Rate::from_fraction(-fraction);
            Some(format!("a fall of {fall} leaves nothing to grow"))
        } else if fraction.is_zero() {
            Some(format!(
                "at {rate} growth the value stays at {}",
                self.base_value.amount()
            ))
        } else if fraction.is_sign_negative() != self.is_falling() {
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
            None => Ok(()),
        }
    }

    /// The first period whose value, growing at `rate` from the base, is at or above the goal (at
    /// or below it, for a goal below the base).
    ///
    /// # Errors
    /// As [`Target::periods_to_reach`]; [`Error::Unreachable`] when the goal is out of reach
    /// before the last period of year 9999.
    ///
    /// ```
    /// # use tradestat::Target;
    /// let target = Target::starting("2022".parse()?, "6.3 USD".parse()?).goal("10 USD".parse()?).by("2030".parse()?)?;
    /// assert_eq!(target.reached_in("33%".parse()?)?.to_string(), "2024");
    /// let slow = target.reached_in("0.0000000000001%".parse()?).unwrap_err();
    /// assert!(slow.to_string().contains("out of reach before year 9999"));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn reached_in(&self, rate: Rate) -> Result<Period> {
        let n = self.periods_to_reach(rate)?.value();
        let last = projection::last_period(self.base_period.frequency())?;
        let horizon = self.base_period.periods_until(last)?;
        let out_of_reach = || Error::Unreachable {
            reason: format!(
                "at {rate} a period the goal {} is out of reach before year 9999 \
                 (about {} periods after {})",
                self.goal.amount(),
                n.round_dp(1),
                self.base_period
            ),
        };
        if n > Decimal::from(horizon) {
            return Err(out_of_reach());
        }
        // n <= horizon (at most 108 000 months): its ceiling fits i64.
        let mut k = i64::try_from(n.ceil()).map_err(|_| out_of_reach())?;
        let met = |k: i64| -> Result<bool> {
            // The same computation as `path`, so the two agree on the boundary period.
            let value = projection::compounded(self.base_value.amount(), rate, k)?;
            Ok(self.meets(value))
        };
        // The logarithms are rounded once at 28 digits; settle a boundary case by direct comparison.
        if k > 1 && met(k - 1)? {
            k -= 1;
        } else if !met(k)? {
            k += 1;
        }
        if k > horizon {
            return Err(out_of_reach());
        }
        self.base_period.checked_add(k)
    }

    /// The value year by year (period by period) from the base period to the deadline, growing at
    /// `rate`; the first entry is the base value.
    ///
    /// # Errors
    /// [`Error::Overflow`] for values that do not fit; [`Error::Undefined`] for a fall of more than
    /// 100%.
    ///
    /// ```
    /// # use tradestat::{Target, Decimal};
    /// let target = Target::starting("2022".parse()?, "100 USD".parse()?).goal("121 USD".parse()?).by("2024".parse()?)?;
    /// let path = target.path("10%".parse()?)?;
    /// assert_eq!(path.get("2024".parse()?).map(|m| m.amount()), Some(Decimal::from(121)));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn path(&self, rate: Rate) -> Result<Series> {
        let projected =
            projection::compound_from(self.base_period, &self.base_value, rate, self.periods())?;
        Series::from_pairs(
            std::iter::once((self.base_period, self.base_value)).chain(projected.iter()),
        )
    }

    /// How far `actual` at period `at` has come from the base to the goal.
    ///
    /// The compound share is `ln(actual / base) / ln(goal / base)`, computed whole in the wide
    /// float (neither ratio is formed as a `Decimal`, so a goal far from the base keeps its
    /// digits).
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::MixedFrequency`]; [`Error::InvalidArgument`] for a
    /// period `at` before the base period; [`Error::Undefined`] when `actual` is not positive (for
    /// the compound scale).
    ///
    /// ```
    /// # use tradestat::Target;
    /// let target = Target::starting("2022".parse()?, "6.3 USD".parse()?).goal("10 USD".parse()?).by("2030".parse()?)?;
    /// let progress = target.progress(&"8 USD".parse()?, "2025".parse()?)?;
    /// assert_eq!(format!("{:.4}", progress.linear), "0.4595"); // 1.7 of 3.7
    /// assert_eq!(format!("{:.4}", progress.compound), "0.5170"); // ln(8/6.3) / ln(10/6.3)
    /// assert_eq!(format!("{:.3}", progress.time_elapsed), "0.375"); // 3 of 8 years
    /// assert!(target.progress(&"8 USD".parse()?, "2021".parse()?).is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn progress(&self, actual: &Money, at: Period) -> Result<Progress> {
        self.base_value
            .same_currency(actual, "measure progress between")?;
        let elapsed = self.base_period.periods_until(at)?;
        if elapsed < 0 {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "progress at {at} is asked before the target's base period {}",
                    self.base_period
                ),
            });
        }
        let base = self.base_value.amount();
        // Both differences exact, the ratio rounded once.
        let goal = self.goal.amount();
        let distance = math::ExactDecimal::from(goal).sub(&math::ExactDecimal::from(base));
        let covered =
            math::ExactDecimal::from(actual.amount()).sub(&math::ExactDecimal::from(base));
        let linear = Ratio::new(covered.div(&distance).map_err(|e| {
            e.into_error(
                "progress",
                format!("({} - {base}) / ({goal} - {base})", actual.amount()),
            )
        })?);
        growth::positive_base("progress", actual)?;
        let compound = Ratio::new(math::formula::log_ratio_of_ratios(
            actual.amount(),
            base,
            self.goal.amount(),
            base,
        )?);
        let time_elapsed =
            Ratio::checked_div(Decimal::from(elapsed), Decimal::from(self.periods()))?;
        Ok(Progress {
            at,
            linear,
            compound,
            time_elapsed,
        })
    }

    /// Whether `observed` data meets the goal by the deadline.
    ///
    /// Observations from the base period on come first: the first one that meets the goal (at or
    /// above it; at or below it for a falling goal) is when the goal was reached. Otherwise the
    /// trend of `observed` (a log-linear fit over all its values) is followed from the last
    /// observation. The verdict:
    ///
    /// - [`Status::Ahead`]: reached at least a period before the deadline, and the value at the
    ///   deadline (observed there, or on the trend) still meets the goal;
    /// - [`Status::OnTrack`]: reached exactly in the deadline period;
    /// - [`Status::SlippingBack`]: reached before or at the deadline, but the trend takes the value
    ///   back past the goal by the deadline (a goal already passed, on a trend that turned);
    /// - [`Status::Behind`]: not reached by the deadline.
    ///
    /// # Errors
    /// [`Error::CurrencyMismatch`]; [`Error::MixedFrequency`]; [`Error::TooFewValues`] for fewer than
    /// two observations; [`Error::Undefined`] for non-positive values; [`Error::Overflow`] when the
    /// trend continued to the deadline exceeds `Decimal::MAX` (its mirror, a trend falling below
    /// `1e-28`, is projected as 0).
    ///
    /// ```
    /// # use tradestat::{Target, Series, Status, Currency};
    /// // 100 to 120 by 2025; observed 140, 130, 125 in 2018-2020: met, but falling back.
    /// let target = Target::starting("2018".parse()?, "100 USD".parse()?).goal("120 USD".parse()?).by("2025".parse()?)?;
    /// let observed = Series::from_values("2018".parse()?, &[140.into(), 130.into(), 125.into()], Currency::USD)?;
    /// let a = target.assess(&observed)?;
    /// assert_eq!(a.status, Status::SlippingBack);
    /// assert_eq!(a.reached_in, Some("2018".parse()?));
    /// assert_eq!(format!("{:.0}", a.projected), "94 USD");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn assess(&self, observed: &Series) -> Result<Assessment> {
        self.assess_with(observed, Assessment::DEFAULT_CONFIDENCE)
    }

    /// As [`Target::assess`], with the prediction interval at `confidence` (0.9 for 90%) instead
    /// of [`Assessment::DEFAULT_CONFIDENCE`].
    ///
    /// # Errors
    /// As [`Target::assess`]; [`Error::OutOfRange`] for a confidence not strictly between 0 and 1.
    pub fn assess_with(&self, observed: &Series, confidence: Ratio) -> Result<Assessment> {
        let (last_period, last) = observed.last();
        self.base_value
            .same_currency(&last, "assess a target against")?;
        let remaining = last_period.periods_until(self.deadline)?;
        let fit = projection::trend(observed)?;
        let trend = fit.growth();
        let points = observed.log_points()?;
        // The trend continued k periods from the last observation, its slope unrounded and one
        // rounding at the end: a trend that meets the goal exactly is not judged on the last
        // digit of its rounded growth.
        let on_trend = |k: i64| math::formula::trend_continued(&points, last.amount(), k);
        let projected_amount = match observed.get(self.deadline) {
            Some(value) => value.amount(),
            None => on_trend(remaining)?,
        };
        let projected = Money::new(projected_amount, last.currency());
        let gap = Money::new(
            growth::difference("assess", projected_amount, self.goal.amount())?,
            self.goal.currency(),
        );
        let required = match u32::try_from(remaining) {
            Ok(n) if n > 0 => Some(growth::compound_rate(last.amount(), self.goal.amount(), n)?),
            _ => None,
        };
        let first_met = observed
            .iter()
            .find(|(p, v)| *p >= self.base_period && self.meets(v.amount()))
            .map(|(p, _)| p);
        let reached_in = match first_met {
            Some(p) => Some(p),
            None => {
                let from_last = Target {
                    base_period: last_period,
                    base_value: last,
                    goal: self.goal,
                    deadline: self.deadline,
                };
                // The goal is not met by the last value, so it differs from it; from_last keeps
                // the direction of the original goal because `meets` failed there.
                if from_last.is_falling() == self.is_falling() {
                    // Found with the rounded growth; the boundary is settled on the trend itself.
                    let met = |k: i64| on_trend(k).is_ok_and(|v| self.meets(v));
                    from_last.reached_in(trend).ok().and_then(|p| {
                        let mut k = last_period.periods_until(p).ok()?;
                        if k > 1 && met(k - 1) {
                            k -= 1;
                        } else if !met(k) {
                            k += 1;
                        }
                        last_period.checked_add(k).ok()
                    })
                } else {
                    None
                }
            }
        };
        let status = match reached_in {
            Some(p) if p <= self.deadline && !self.meets(projected_amount) => Status::SlippingBack,
            Some(p) if p < self.deadline => Status::Ahead,
            Some(p) if p == self.deadline => Status::OnTrack,
            _ => Status::Behind,
        };
        let projected_by_fit = fit.fitted(self.deadline)?;
        let outlook = match self.outlook(observed, confidence) {
            Ok(outlook) => Some(outlook),
            // Undefined for this series (too few observations, an exact fit, a deadline already
            // observed) or an interval beyond the largest Decimal: documented as `None`;
            // `Target::outlook` gives the reason.
            Err(
                Error::TooFewValues { .. }
                | Error::Undefined { .. }
                | Error::InvalidArgument { .. }
                | Error::Overflow { .. },
            ) if (Ratio::ZERO < confidence && confidence < Ratio::ONE) => None,
            Err(e) => return Err(e),
        };
        Ok(Assessment {
            status,
            trend,
            required,
            required_from: last_period,
            goal: self.goal,
            deadline: self.deadline,
            projected,
            projected_by_fit,
            gap,
            reached_in,
            outlook,
        })
    }

    /// How sure a verdict is: the prediction interval for the value at the deadline and the
    /// probability that it meets the goal, under two models of `observed` (both on the log scale,
    /// `t` counted in periods):
    ///
    /// - **the fitted line** ([`TrendFit::projected_by_fit`](crate::projection::TrendFit::projected_by_fit)):
    ///   `ln v_t = a + b t + e_t` by least squares with independent normal errors; the log value
    ///   at the deadline is Student-t with `n - 2` degrees of freedom around `a + b t`, scale
    ///   `s √(1 + 1/n + (t - t̄)² / S_tt)`, so the uncertainty of `a` and `b` is included (the
    ///   prediction interval of statsmodels' `get_prediction`);
    /// - **a random walk with drift**: from the per-period log growth rates between consecutive
    ///   observations (a gap of `k` periods counts as `k` periods of its rate; `n` periods, mean
    ///   `m`, standard deviation `s`), the log value `h` periods after the last observation is
    ///   Student-t with `n - 1` degrees of freedom around `ln v_last + m h`, scale
    ///   `s √(h (1 + h/n))`. It starts from the last value, as
    ///   [`projected_from_last`](crate::projection::projected_from_last) does.
    ///
    /// The quantiles and probabilities are computed in the crate's 128-bit float (Student's t
    /// through the regularized incomplete beta function, relative error below `1e-30`) and
    /// rounded once each to a [`Ratio`].
    ///
    /// # Errors
    /// [`Error::TooFewValues`] for fewer than three observations; [`Error::Undefined`] when the
    /// observations lie exactly on a constant growth path (zero residual variance: nothing
    /// measures the uncertainty) or a value is not positive; [`Error::InvalidArgument`] when the
    /// deadline is not after the last observation; [`Error::OutOfRange`] for a confidence not
    /// strictly between 0 and 1; [`Error::CurrencyMismatch`]; [`Error::MixedFrequency`];
    /// [`Error::Overflow`] when an end of the interval exceeds the largest `Decimal`.
    ///
    /// ```
    /// # use tradestat::{Target, Series, Currency, Ratio};
    /// let target = Target::starting("2020".parse()?, "100 USD".parse()?).goal("150 USD".parse()?).by("2025".parse()?)?;
    /// let observed = Series::from_values("2020".parse()?, &[100.into(), 112.into(), 118.into(), 135.into()], Currency::USD)?;
    /// let outlook = target.outlook(&observed, Ratio::new("0.9".parse()?))?;
    /// assert!(outlook.low < outlook.high);
    /// assert!(Ratio::ZERO < outlook.probability && outlook.probability < Ratio::ONE);
    /// let exact = Series::from_values("2020".parse()?, &[100.into(), 110.into(), 121.into()], Currency::USD)?;
    /// assert!(target.outlook(&exact, Ratio::new("0.9".parse()?)).unwrap_err().to_string().contains("zero residual variance"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outlook(&self, observed: &Series, confidence: Ratio) -> Result<Outlook> {
        if confidence <= Ratio::ZERO || confidence >= Ratio::ONE {
            return Err(Error::OutOfRange {
                what: "confidence",
                value: confidence.to_string(),
                allowed: "a confidence level lies strictly between 0 and 1 (0.9 for 90%)",
            });
        }
        let (last_period, last) = observed.last();
        self.base_value
            .same_currency(&last, "assess a target against")?;
        let h = last_period.periods_until(self.deadline)?;
        if h < 1 {
            return Err(Error::InvalidArgument {
                reason: format!(
                    "the deadline {} is not after the last observation {last_period}: the value \
                     there is observed, not predicted",
                    self.deadline
                ),
            });
        }
        let points = observed.log_points()?;
        let t = observed.first().0.periods_until(self.deadline)?;
        let falling = self.is_falling();
        let goal = self.goal.amount();
        let fit = math::uncertainty::fit_outlook(&points, t, goal, falling, confidence.value())?;
        let walk = math::uncertainty::random_walk_probability(&points, h, goal, falling)?;
        let currency = last.currency();
        Ok(Outlook {
            confidence,
            low: Money::new(fit.low, currency),
            high: Money::new(fit.high, currency),
            low_factor: Ratio::new(fit.low_factor),
            high_factor: Ratio::new(fit.high_factor),
            probability: Ratio::new(fit.probability),
            probability_random_walk: Ratio::new(walk),
        })
    }
}

/// How far an actual figure has come toward a target, from [`Target::progress`]. Shares are
/// fractions: 0 at the base, 1 at the goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "progress as {\"at\": \"2024\", \"linear\": \"0.5\", \"compound\": \"0.48\", \"time_elapsed\": \"0.25\"}"
    )
)]
pub struct Progress {
    /// The period of the actual figure.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::at")
    )]
    pub at: Period,
    /// Share of the absolute distance covered: `(actual - base) / (goal - base)`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::linear")
    )]
    pub linear: Ratio,
    /// Share of the distance on a compound (logarithmic) scale: `ln(actual/base) / ln(goal/base)`,
    /// the share to compare with elapsed time under constant growth.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::compound")
    )]
    pub compound: Ratio,
    /// Share of the time from base period to deadline that has passed.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::time_elapsed")
    )]
    pub time_elapsed: Ratio,
}

/// The verdict of [`Target::assess`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Status {
    /// The goal is reached at least one period before the deadline and still met at it.
    Ahead,
    /// The goal is reached in the deadline period.
    OnTrack,
    /// The goal has been reached (in the data, or on the trend) by the deadline, but the trend
    /// takes the value back past it by the deadline: met, and slipping back.
    SlippingBack,
    /// The goal is not reached by the deadline.
    Behind,
}

serde_unit_enum!(Status as "Status", "a status: \"ahead\", \"on_track\", \"slipping_back\" or \"behind\"" {
    Ahead = "ahead",
    OnTrack = "on_track",
    SlippingBack = "slipping_back",
    Behind = "behind",
});

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Status::Ahead => "ahead",
            Status::OnTrack => "on track",
            Status::SlippingBack => "met, slipping back",
            Status::Behind => "behind",
        })
    }
}

/// A target checked against observed data, from [`Target::assess`].
///
/// Two trends appear, and both are named: [`Assessment::projected`] (also
/// [`Assessment::projected_from_last`]) continues the trend rate from the last observation;
/// [`Assessment::projected_by_fit`] is the fitted line itself, where the interval and the
/// probabilities are centred. They differ by the last observation's distance from the line.
///
/// The struct is `#[non_exhaustive]`: fields may be added (as the uncertainty fields were).
/// With `serde`, an assessment reads back only if its amounts share one currency.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AssessmentRepr"))]
#[non_exhaustive]
pub struct Assessment {
    /// Ahead, on track, slipping back or behind.
    pub status: Status,
    /// The observed trend growth per period (log-linear fit).
    pub trend: Rate,
    /// The rate per period needed from the last observation to reach the goal at the deadline;
    /// `None` when the deadline is not after the last observation.
    pub required: Option<Rate>,
    /// The last observed period: the required rate applies from here.
    pub required_from: Period,
    /// The goal.
    pub goal: Money,
    /// The deadline.
    pub deadline: Period,
    /// The value at the deadline: observed there, or, past the data, the trend continued from the
    /// last observation (the trend **from the last** value).
    pub projected: Money,
    /// The fitted line's value at the deadline, `exp(a + b t)` (the trend **by the fit**, as
    /// [`TrendFit::projected_by_fit`](crate::projection::TrendFit::projected_by_fit)): the centre
    /// of the interval in [`Assessment::outlook`].
    pub projected_by_fit: Money,
    /// `projected - goal`: for a rising goal, positive means the goal is exceeded by that much; for
    /// a falling goal, negative means it is beaten by that much.
    pub gap: Money,
    /// The first observed period (from the base period on) that meets the goal; if none does, the
    /// first period the trend meets it; `None` if the trend never gets there.
    pub reached_in: Option<Period>,
    /// The interval and probabilities of [`Target::outlook`] at the confidence asked
    /// ([`Assessment::DEFAULT_CONFIDENCE`] for [`Target::assess`]); `None` where they are
    /// undefined: fewer than three observations, observations exactly on a constant growth path,
    /// or a deadline not after the last observation; and where an end of the interval exceeds
    /// the largest `Decimal` (three wild observations leave one degree of freedom and a very
    /// wide interval). [`Target::outlook`] names the reason.
    pub outlook: Option<Outlook>,
}

impl Assessment {
    /// The confidence of the interval [`Target::assess`] gives: 90%.
    pub const DEFAULT_CONFIDENCE: Ratio = Ratio::new(Decimal::from_parts(9, 0, 0, false, 1));

    /// The value at the deadline on the trend continued from the last observation: the field
    /// [`Assessment::projected`], named to stand beside [`Assessment::projected_by_fit`].
    pub fn projected_from_last(&self) -> Money {
        self.projected
    }
}

/// How sure a target's verdict is, from [`Target::outlook`]: a prediction interval for the value
/// at the deadline and the probability of meeting the goal, under the fitted line and under a
/// random walk with drift (both models are stated at [`Target::outlook`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        expecting = "an outlook as {\"confidence\": \"0.9\", \"low\": {..}, \"high\": {..}, \"low_factor\": \"0.4\", \"high_factor\": \"2.5\", \"probability\": \"0.2\", \"probability_random_walk\": \"0.35\"}"
    )
)]
#[non_exhaustive]
pub struct Outlook {
    /// The confidence level of the interval (0.9 for 90%).
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::confidence")
    )]
    pub confidence: Ratio,
    /// The lower end of the prediction interval at the deadline, under the fitted line.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::low")
    )]
    pub low: Money,
    /// The upper end of the prediction interval at the deadline.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::high")
    )]
    pub high: Money,
    /// `low / projected_by_fit`: the interval is symmetric on the log scale, so the two factors
    /// are reciprocal.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::low_factor")
    )]
    pub low_factor: Ratio,
    /// `high / projected_by_fit`.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::high_factor")
    )]
    pub high_factor: Ratio,
    /// The probability that the value at the deadline meets the goal under the fitted line.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::probability")
    )]
    pub probability: Ratio,
    /// The same probability under a random walk with drift from the last observation.
    #[cfg_attr(
        feature = "serde",
        serde(deserialize_with = "crate::vocabulary::serde_field::probability_random_walk")
    )]
    pub probability_random_walk: Ratio,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a target as {\"base_period\": \"2022\", \"base_value\": {\"amount\": \"6300000000\", \"currency\": \"USD\"}, \"goal\": {\"amount\": \"...\", \"currency\": \"USD\"}, \"deadline\": \"2030\"}"
)]
struct TargetRepr {
    #[serde(deserialize_with = "crate::vocabulary::serde_field::base_period")]
    base_period: Period,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::base_value")]
    base_value: Money,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::goal")]
    goal: Money,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::deadline")]
    deadline: Period,
}

#[cfg(feature = "serde")]
impl From<Target> for TargetRepr {
    fn from(t: Target) -> Self {
        TargetRepr {
            base_period: t.base_period,
            base_value: t.base_value,
            goal: t.goal,
            deadline: t.deadline,
        }
    }
}

#[cfg(feature = "serde")]
impl TryFrom<TargetRepr> for Target {
    type Error = Error;

    fn try_from(r: TargetRepr) -> Result<Target> {
        Target::new(r.base_period, r.base_value, r.goal, r.deadline)
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an assessment as {\"status\": \"behind\", \"trend\": \"0.059\", \"required\": \"0.074\", \"projected\": {\"amount\": \"...\", \"currency\": \"USD\"}, \"gap\": {\"amount\": \"...\", \"currency\": \"USD\"}, \"reached_in\": \"2032\"}"
)]
struct AssessmentRepr {
    #[serde(deserialize_with = "crate::vocabulary::serde_field::status")]
    status: Status,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::trend")]
    trend: Rate,
    #[serde(default, deserialize_with = "crate::vocabulary::serde_field::required")]
    required: Option<Rate>,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::required_from")]
    required_from: Period,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::goal")]
    goal: Money,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::deadline")]
    deadline: Period,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::projected")]
    projected: Money,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::projected_by_fit")]
    projected_by_fit: Money,
    #[serde(deserialize_with = "crate::vocabulary::serde_field::gap")]
    gap: Money,
    #[serde(
        default,
        deserialize_with = "crate::vocabulary::serde_field::reached_in"
    )]
    reached_in: Option<Period>,
    #[serde(default, deserialize_with = "crate::vocabulary::serde_field::outlook")]
    outlook: Option<Outlook>,
}

#[cfg(feature = "serde")]
impl TryFrom<AssessmentRepr> for Assessment {
    type Error = Error;

    fn try_from(r: AssessmentRepr) -> Result<Assessment> {
        r.projected
            .same_currency(&r.gap, "read an assessment with")?;
        r.projected
            .same_currency(&r.goal, "read an assessment with")?;
        r.projected
            .same_currency(&r.projected_by_fit, "read an assessment with")?;
        if let Some(o) = &r.outlook {
            r.projected
                .same_currency(&o.low, "read an assessment with")?;
            r.projected
                .same_currency(&o.high, "read an assessment with")?;
            for (what, p) in [
                ("confidence", o.confidence),
                ("probability", o.probability),
                ("probability_random_walk", o.probability_random_walk),
            ] {
                if p < Ratio::ZERO || p > Ratio::ONE {
                    return Err(Error::OutOfRange {
                        what,
                        value: p.to_string(),
                        allowed: "a probability lies between 0 and 1",
                    });
                }
            }
        }
        Ok(Assessment {
            status: r.status,
            trend: r.trend,
            required: r.required,
            required_from: r.required_from,
            goal: r.goal,
            deadline: r.deadline,
            projected: r.projected,
            projected_by_fit: r.projected_by_fit,
            gap: r.gap,
            reached_in: r.reached_in,
            outlook: r.outlook,
        })
    }
}
