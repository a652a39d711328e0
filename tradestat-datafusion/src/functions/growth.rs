//! Scalar functions over growth, targets and mirror values: tradestat's growth layer per row.

use std::sync::Arc;

use arrow::array::{ArrayRef, Decimal128Array};
use arrow::datatypes::{i256, DataType};
use datafusion_common::{exec_err, Result as DfResult};
use datafusion_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use rust_decimal::Decimal;
use tradestat::{growth, Currency, Money, Period, Rate, Target};

use super::args::{coerce_all, invoke_rows, periods, Arg, Decimals, Integers};
use crate::decimal::{fits, format_mantissa, pow10, to_mantissa, MAX_PRECISION};
use crate::error::{Error, Result};

/// The scale of every rate-like result (growth, CAGR, required rate, periods to reach).
pub const RATE_SCALE: i8 = 28;

/// The type of every rate-like result: `Decimal128(38, 28)`. tradestat's result (one rounding,
/// half to even, to the finest `Decimal` grid: 28 decimals, fewer above 7.9) is held in it exactly; a result of
/// 10^10 or more does not fit and is an error.
pub const RATE_TYPE: DataType = DataType::Decimal128(MAX_PRECISION, RATE_SCALE);

/// Amounts in the growth functions carry no currency: SQL columns are plain decimals.
const NO_CURRENCY: Currency = Currency::XXX;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Growth,
    Cagr,
    RequiredRate,
    PeriodsToReach,
    ImpliedPrevious,
    MirrorFob,
}

impl Kind {
    pub(crate) const ALL: [Kind; 6] = [
        Kind::Growth,
        Kind::Cagr,
        Kind::RequiredRate,
        Kind::PeriodsToReach,
        Kind::ImpliedPrevious,
        Kind::MirrorFob,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Growth => "trade_growth",
            Kind::Cagr => "trade_cagr",
            Kind::RequiredRate => "trade_required_rate",
            Kind::PeriodsToReach => "trade_periods_to_reach",
            Kind::ImpliedPrevious => "trade_implied_previous",
            Kind::MirrorFob => "trade_mirror_fob",
        }
    }

    fn args(self) -> &'static [Arg] {
        match self {
            Kind::Growth | Kind::ImpliedPrevious | Kind::MirrorFob => &[Arg::Decimal, Arg::Decimal],
            Kind::Cagr | Kind::RequiredRate => &[Arg::Decimal, Arg::Decimal, Arg::Integer],
            Kind::PeriodsToReach => &[Arg::Decimal, Arg::Decimal, Arg::Decimal],
        }
    }
}

/// One of the growth functions; `kind` says which.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct GrowthFunction {
    kind: Kind,
    signature: Signature,
}

impl GrowthFunction {
    pub(crate) fn new(kind: Kind) -> Self {
        GrowthFunction {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }

    pub(crate) fn udf(kind: Kind) -> Arc<ScalarUDF> {
        Arc::new(ScalarUDF::new_from_impl(GrowthFunction::new(kind)))
    }
}

impl ScalarUDFImpl for GrowthFunction {
    fn name(&self) -> &str {
        self.kind.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> DfResult<Vec<DataType>> {
        if self.kind == Kind::Growth && arg_types.len() == 3 {
            // trade_growth(previous, current, significant_digits)
            return coerce_all(
                self.kind.name(),
                &[Arg::Decimal, Arg::Decimal, Arg::Integer],
                arg_types,
            );
        }
        coerce_all(self.kind.name(), self.kind.args(), arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> DfResult<DataType> {
        match self.kind {
            Kind::ImpliedPrevious | Kind::MirrorFob => match arg_types.first() {
                Some(DataType::Decimal128(_, s)) => Ok(DataType::Decimal128(MAX_PRECISION, *s)),
                other => exec_err!("{}: first argument is {other:?}", self.kind.name()),
            },
            _ => Ok(RATE_TYPE),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DfResult<ColumnarValue> {
        let kind = self.kind;
        invoke_rows(&args.args, |arrays, rows| match kind {
            Kind::Growth if arrays.len() == 3 => growth_to_digits_rows(arrays, rows),
            Kind::Growth => rate_rows(kind, arrays, rows, |v, _| {
                growth::growth(&money(v[0]), &money(v[1]))
            }),
            Kind::Cagr => rate_rows(kind, arrays, rows, |v, n| {
                growth::cagr(&money(v[0]), &money(v[1]), n)
            }),
            Kind::RequiredRate => {
                rate_rows(kind, arrays, rows, |v, n| required_rate(v[0], v[1], n))
            }
            Kind::PeriodsToReach => rate_rows(kind, arrays, rows, |v, _| {
                periods_to_reach(v[0], v[1], v[2])
            }),
            Kind::ImpliedPrevious | Kind::MirrorFob => money_rows(kind, arrays, rows),
        })
    }
}

fn money(amount: Decimal) -> Money {
    Money::new(amount, NO_CURRENCY)
}

/// `Target::required_rate` for any number of periods: `Target::new`'s checks (positive base and
/// goal, a goal other than the base), then the compound rate it computes, `growth::cagr`'s.
fn required_rate(base: Decimal, goal: Decimal, periods: u32) -> tradestat::Result<Rate> {
    let start = Period::year(2000)?;
    Target::new(start, money(base), money(goal), start.succ()?)?;
    growth::cagr(&money(base), &money(goal), periods)
}

/// `Target::periods_to_reach`: the target's deadline plays no part in it, so any one will do.
fn periods_to_reach(base: Decimal, goal: Decimal, rate: Decimal) -> tradestat::Result<Rate> {
    let start = Period::year(2000)?;
    let target = Target::new(start, money(base), money(goal), start.succ()?)?;
    target
        .periods_to_reach(Rate::from_fraction(rate))
        .map(|periods| Rate::from_fraction(periods.value()))
}

/// Runs `f` on every row whose arguments are all non-NULL, giving a `Decimal128(38, 28)` column.
/// `f` gets the decimal arguments in order and the integer argument (0 when there is none).
fn rate_rows(
    kind: Kind,
    arrays: &[ArrayRef],
    rows: usize,
    f: impl Fn(&[Decimal], u32) -> tradestat::Result<Rate>,
) -> DfResult<ArrayRef> {
    if arrays.len() != kind.args().len() {
        return exec_err!(
            "{} takes {} arguments, got {}",
            kind.name(),
            kind.args().len(),
            arrays.len()
        );
    }
    let mut decimals = Vec::new();
    let mut integer = None;
    for (array, arg) in arrays.iter().zip(kind.args()) {
        match arg {
            Arg::Integer => integer = Some(Integers::new(array)?),
            _ => decimals.push(Decimals::new(array)?),
        }
    }
    let mut values = Vec::with_capacity(decimals.len());
    let mut out = Vec::with_capacity(rows);
    for row in 0..rows {
        // NULL anywhere is NULL, before any argument is checked: a NULL row never fails.
        let n = integer.as_ref().map(|column| column.get(row));
        if n == Some(None) || decimals.iter().any(|c| c.mantissa(row).is_none()) {
            out.push(None);
            continue;
        }
        values.clear();
        for column in &decimals {
            if let Some(d) = column.decimal(row).map_err(|e| in_call(kind, e))? {
                values.push(d);
            }
        }
        let n = match n.flatten() {
            Some(n) => periods(kind.name(), n)?,
            None => 0,
        };
        let rate = f(&values, n).map_err(|source| Error::Tradestat {
            context: call_text(kind, &values, integer.as_ref().map(|_| n)),
            source,
        })?;
        let mantissa = to_mantissa(rate.as_fraction(), MAX_PRECISION, RATE_SCALE)
            .map_err(|e| in_call(kind, e))?;
        out.push(Some(mantissa));
    }
    Ok(Arc::new(
        Decimal128Array::from(out).with_precision_and_scale(MAX_PRECISION, RATE_SCALE)?,
    ))
}

fn call_text(kind: Kind, values: &[Decimal], integer: Option<u32>) -> String {
    let mut parts: Vec<String> = values.iter().map(Decimal::to_string).collect();
    if let Some(n) = integer {
        parts.push(n.to_string());
    }
    format!("{}({})", kind.name(), parts.join(", "))
}

fn in_call(kind: Kind, error: Error) -> Error {
    Error::InvalidArgument {
        function: kind.name(),
        reason: error.to_string(),
    }
}

/// `value / divisor` for `trade_implied_previous` (divisor `1 + rate`) and `trade_mirror_fob`
/// (divisor the CIF/FOB factor), from the exact quotient rounded once, half to even, to the
/// value's scale. The arithmetic is on 256-bit integers, so no intermediate rounds.
fn money_rows(kind: Kind, arrays: &[ArrayRef], rows: usize) -> DfResult<ArrayRef> {
    let (value, second) = match arrays {
        [value, second] => (Decimals::new(value)?, Decimals::new(second)?),
        _ => return exec_err!("{} takes two arguments", kind.name()),
    };
    let mut out = Vec::with_capacity(rows);
    for row in 0..rows {
        let (Some(v), Some(x)) = (value.mantissa(row), second.mantissa(row)) else {
            out.push(None);
            continue;
        };
        out.push(Some(money_quotient(
            kind,
            v,
            x,
            second.scale(),
            value.scale(),
        )?));
    }
    Ok(Arc::new(
        Decimal128Array::from(out).with_precision_and_scale(MAX_PRECISION, value.scale())?,
    ))
}

/// The mantissa at the value's scale of `value / (1 + rate)` or `value / factor`, where `x` is the
/// mantissa of the rate or factor at `x_scale`.
fn money_quotient(kind: Kind, value: i128, x: i128, x_scale: i8, value_scale: i8) -> Result<i128> {
    let text = || {
        format!(
            "{}({}, {})",
            kind.name(),
            format_mantissa(value, value_scale),
            format_mantissa(x, x_scale)
        )
    };
    let overflow = || Error::Overflow {
        function: kind.name(),
        detail: text(),
    };
    // Bring the second argument to a scale >= 0: x / 10^k.
    let (x, k) = if x_scale < 0 {
        let shifted = pow10(u32::from(x_scale.unsigned_abs()))
            .and_then(|p| x.checked_mul(p))
            .ok_or_else(overflow)?;
        (shifted, 0)
    } else {
        (x, u32::from(x_scale.unsigned_abs()))
    };
    let ten_k = i256::from_i128(10).checked_pow(k).ok_or_else(overflow)?;
    let x = i256::from_i128(x);
    // value / (x / 10^k) = value * 10^k / x; for a rate, 1 + x / 10^k = (10^k + x) / 10^k.
    let divisor = match kind {
        Kind::ImpliedPrevious => ten_k.checked_add(x).ok_or_else(overflow)?,
        _ => x,
    };
    if divisor <= i256::ZERO {
        let (function, reason) = match kind {
            Kind::ImpliedPrevious => (
                "implied_previous",
                "a fall of 100% or more leaves no earlier value to imply",
            ),
            _ => ("mirror_fob", "a CIF/FOB factor must be positive"),
        };
        return Err(Error::Tradestat {
            context: text(),
            source: tradestat::Error::Undefined {
                function,
                input: text(),
                reason,
            },
        });
    }
    let numerator = i256::from_i128(value)
        .checked_mul(ten_k)
        .ok_or_else(overflow)?;
    let quotient = divide_half_even(numerator, divisor).ok_or_else(overflow)?;
    match quotient.to_i128() {
        Some(q) if fits(q, MAX_PRECISION) => Ok(q),
        _ => Err(Error::DoesNotFit {
            value: format!("the result of {}", text()),
            precision: MAX_PRECISION,
            scale: value_scale,
            reason: "too many digits for the precision",
        }),
    }
}

/// `numerator / divisor` rounded once, half to even, to an integer. `divisor` is positive.
pub(crate) fn divide_half_even(numerator: i256, divisor: i256) -> Option<i256> {
    let quotient = numerator.checked_div(divisor)?;
    let remainder = numerator.checked_rem(divisor)?;
    if remainder == i256::ZERO {
        return Some(quotient);
    }
    let twice = remainder.checked_abs()?.checked_mul(i256::from_i128(2))?;
    let odd = quotient.checked_rem(i256::from_i128(2))? != i256::ZERO;
    let away = twice > divisor || (twice == divisor && odd);
    if !away {
        return Some(quotient);
    }
    if numerator.is_negative() {
        quotient.checked_sub(i256::ONE)
    } else {
        quotient.checked_add(i256::ONE)
    }
}

/// `trade_growth(previous, current, digits)`: `(current - previous) / previous` from the exact
/// quotient rounded once, half to even, to `digits` significant digits (never finer than 28
/// decimals, where the `Decimal128(38, 28)` grid ends first), on 256-bit integers.
fn growth_to_digits_rows(arrays: &[ArrayRef], rows: usize) -> DfResult<ArrayRef> {
    let [previous, current, digits] = arrays else {
        return exec_err!("trade_growth takes two or three arguments");
    };
    let (previous, current, digits) = (
        Decimals::new(previous)?,
        Decimals::new(current)?,
        Integers::new(digits)?,
    );
    let mut out = Vec::with_capacity(rows);
    for row in 0..rows {
        let (Some(p), Some(c), Some(d)) = (
            previous.mantissa(row),
            current.mantissa(row),
            digits.get(row),
        ) else {
            out.push(None);
            continue;
        };
        out.push(Some(growth_to_digits(
            (p, previous.scale()),
            (c, current.scale()),
            d,
        )?));
    }
    Ok(Arc::new(
        Decimal128Array::from(out).with_precision_and_scale(MAX_PRECISION, RATE_SCALE)?,
    ))
}

/// The mantissa at scale 28 of the growth from `previous` to `current` (mantissa, scale) rounded
/// once to `digits` significant digits.
fn growth_to_digits(previous: (i128, i8), current: (i128, i8), digits: i64) -> Result<i128> {
    let text = || {
        format!(
            "trade_growth({}, {}, {digits})",
            format_mantissa(previous.0, previous.1),
            format_mantissa(current.0, current.1)
        )
    };
    let overflow = || Error::Overflow {
        function: "trade_growth",
        detail: format!("{} is too large to compute exactly", text()),
    };
    let digits = match u32::try_from(digits) {
        Ok(d @ 1..=38) => d,
        _ => {
            return Err(Error::InvalidArgument {
                function: "trade_growth",
                reason: format!("significant digits {digits} is out of range 1 to 38"),
            })
        }
    };
    // Both at the larger scale (a scale below 0 is brought to 0 first).
    let widen = |(m, s): (i128, i8)| -> Result<(i256, i32)> {
        if s < 0 {
            let f = pow10(u32::from(s.unsigned_abs())).ok_or_else(overflow)?;
            Ok((
                i256::from_i128(m)
                    .checked_mul(i256::from_i128(f))
                    .ok_or_else(overflow)?,
                0,
            ))
        } else {
            Ok((i256::from_i128(m), i32::from(s)))
        }
    };
    let ((a, sa), (b, sb)) = (widen(previous)?, widen(current)?);
    let ten = i256::from_i128(10);
    let scale_up = |x: i256, by: i32| -> Result<i256> {
        let p = ten
            .checked_pow(u32::try_from(by).unwrap_or(0))
            .ok_or_else(overflow)?;
        x.checked_mul(p).ok_or_else(overflow)
    };
    let s = sa.max(sb);
    let (a, b) = (scale_up(a, s - sa)?, scale_up(b, s - sb)?);
    if a <= i256::ZERO {
        return Err(Error::Tradestat {
            context: text(),
            source: tradestat::Error::Undefined {
                function: "growth",
                input: text(),
                reason: "growth from a zero or negative base is undefined",
            },
        });
    }
    let change = b.checked_sub(a).ok_or_else(overflow)?;
    let scale = u32::try_from(RATE_SCALE).unwrap_or(28);
    // First at the finest grid; then, if that has more than `digits` digits, at the coarser
    // grid 10^(excess - 28) that leaves `digits` (above the units when the integer part alone
    // has more than `digits` digits: 12345 to 2 digits is 12000), from the exact quotient again
    // (one rounding).
    let finest = divide_half_even(scale_up(change, 28)?, a).ok_or_else(overflow)?;
    let count = |x: i256| x.checked_abs().map_or(0, |x| x.to_string().len() as u32);
    let excess = count(finest).saturating_sub(digits);
    let mantissa = if excess == 0 || finest == i256::ZERO {
        finest
    } else {
        let rounded = if excess <= scale {
            let k = i32::try_from(scale - excess).unwrap_or(0);
            divide_half_even(scale_up(change, k)?, a)
        } else {
            let k = i32::try_from(excess - scale).unwrap_or(0);
            divide_half_even(change, scale_up(a, k)?)
        };
        scale_up(
            rounded.ok_or_else(overflow)?,
            i32::try_from(excess).unwrap_or(0),
        )?
    };
    match mantissa.to_i128() {
        Some(m) if fits(m, MAX_PRECISION) => Ok(m),
        _ => Err(Error::DoesNotFit {
            value: format!("the result of {}", text()),
            precision: MAX_PRECISION,
            scale: RATE_SCALE,
            reason: "too many digits for the precision",
        }),
    }
}
