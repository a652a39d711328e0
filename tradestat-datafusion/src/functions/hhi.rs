//! `hhi(value)`: the Herfindahl-Hirschman index of a group's values, the sum of their squared
//! shares of the group's total (World Bank WITS definition), between 1/N and 1.
//!
//! Computed exactly as `sum(v^2) / sum(v)^2` on the values' integer mantissas (a 128-bit sum and
//! a 256-bit sum of squares) and rounded once, half to even, to 28 decimals.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef};
use arrow::datatypes::{i256, DataType, Field, FieldRef};
use datafusion_common::cast::{as_decimal128_array, as_decimal256_array};
use datafusion_common::{exec_err, Result as DfResult, ScalarValue};
use datafusion_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};

use super::args::{coerce_all, Arg};
use super::growth::{RATE_SCALE, RATE_TYPE};
use crate::decimal::{fits, format_mantissa, MAX_PRECISION};
use crate::error::Error;

const NAME: &str = "hhi";

/// `Decimal256` holds at most 76 digits.
const MAX_PRECISION_256: u8 = 76;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Hhi {
    signature: Signature,
}

impl Hhi {
    pub(crate) fn udaf() -> Arc<AggregateUDF> {
        Arc::new(AggregateUDF::new_from_impl(Hhi {
            signature: Signature::user_defined(Volatility::Immutable),
        }))
    }
}

fn value_scale(input_fields: &[FieldRef]) -> DfResult<i8> {
    match input_fields.first().map(|f| f.data_type()) {
        Some(DataType::Decimal128(_, s)) => Ok(*s),
        other => exec_err!("{NAME}: value is {other:?}, expected Decimal128"),
    }
}

impl AggregateUDFImpl for Hhi {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> DfResult<Vec<DataType>> {
        coerce_all(NAME, &[Arg::Decimal], arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DfResult<DataType> {
        Ok(RATE_TYPE)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> DfResult<Vec<FieldRef>> {
        let scale = value_scale(args.input_fields)?;
        Ok(vec![
            Arc::new(Field::new(
                format!("{}[sum]", args.name),
                DataType::Decimal128(MAX_PRECISION, scale),
                true,
            )),
            Arc::new(Field::new(
                format!("{}[sum_of_squares]", args.name),
                DataType::Decimal256(MAX_PRECISION_256, scale.saturating_mul(2)),
                true,
            )),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> DfResult<Box<dyn Accumulator>> {
        Ok(Box::new(HhiAccumulator {
            sum: None,
            squares: i256::ZERO,
            scale: value_scale(args.expr_fields)?,
        }))
    }
}

#[derive(Debug)]
struct HhiAccumulator {
    /// `None` until a non-NULL value arrives.
    sum: Option<i128>,
    squares: i256,
    scale: i8,
}

impl HhiAccumulator {
    fn overflow(&self, detail: String) -> datafusion_common::DataFusionError {
        Error::Overflow {
            function: NAME,
            detail,
        }
        .into()
    }

    fn add(&mut self, value: i128, square: i256) -> DfResult<()> {
        let sum = self.sum.unwrap_or(0);
        self.sum = match sum.checked_add(value) {
            Some(s) if fits(s, MAX_PRECISION) => Some(s),
            _ => {
                return Err(self.overflow(format!(
                    "{} + {} does not fit Decimal128(38, {})",
                    format_mantissa(sum, self.scale),
                    format_mantissa(value, self.scale),
                    self.scale
                )))
            }
        };
        self.squares = self
            .squares
            .checked_add(square)
            .ok_or_else(|| self.overflow("the sum of squares exceeds 256 bits".into()))?;
        Ok(())
    }
}

impl Accumulator for HhiAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        let Some(values) = values.first() else {
            return exec_err!("{NAME} takes one argument");
        };
        let values = as_decimal128_array(values)?;
        for value in values.iter().flatten() {
            if value < 0 {
                return Err(Error::Tradestat {
                    context: format!("{NAME} of {}", format_mantissa(value, self.scale)),
                    source: tradestat::Error::Undefined {
                        function: "hhi",
                        input: format_mantissa(value, self.scale),
                        reason: "shares of a negative value are undefined",
                    },
                }
                .into());
            }
            let v = i256::from_i128(value);
            let square = v
                .checked_mul(v)
                .ok_or_else(|| self.overflow("a square exceeds 256 bits".into()))?;
            self.add(value, square)?;
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        let [sums, squares] = states else {
            return exec_err!("{NAME}: state has {} columns, expected 2", states.len());
        };
        let (sums, squares) = (as_decimal128_array(sums)?, as_decimal256_array(squares)?);
        for row in 0..sums.len() {
            if sums.is_valid(row) && squares.is_valid(row) {
                self.add(sums.value(row), squares.value(row))?;
            }
        }
        Ok(())
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        let squares = self.sum.map(|_| self.squares);
        Ok(vec![
            ScalarValue::Decimal128(self.sum, MAX_PRECISION, self.scale),
            ScalarValue::Decimal256(squares, MAX_PRECISION_256, self.scale.saturating_mul(2)),
        ])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        let Some(sum) = self.sum else {
            return Ok(ScalarValue::Decimal128(None, MAX_PRECISION, RATE_SCALE));
        };
        if sum == 0 {
            return Err(Error::Tradestat {
                context: format!("{NAME} of values summing to 0"),
                source: tradestat::Error::Undefined {
                    function: "hhi",
                    input: "0".into(),
                    reason: "shares of a zero total are undefined",
                },
            }
            .into());
        }
        let total = i256::from_i128(sum);
        let total_squared = total
            .checked_mul(total)
            .ok_or_else(|| self.overflow("the squared total exceeds 256 bits".into()))?;
        let index = fraction_at_scale(self.squares, total_squared, RATE_SCALE.unsigned_abs())
            .ok_or_else(|| {
                self.overflow(format!(
                    "the total {} is too large to divide exactly",
                    format_mantissa(sum, self.scale)
                ))
            })?;
        Ok(ScalarValue::Decimal128(
            Some(index),
            MAX_PRECISION,
            RATE_SCALE,
        ))
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }
}

/// `numerator / denominator` (both non-negative, denominator positive) as a mantissa at `scale`,
/// rounded once, half to even, by long division. `None` if a step overflows 256 bits.
///
/// Each decimal digit of `10 r / d` is found by adding `r` ten times and subtracting `d` on the
/// way, so nothing larger than `2 d` is formed: a denominator up to `2^254` (the square of any
/// 38-digit total) divides without overflow. (Multiplying the remainder by ten overflowed for
/// totals above about 2.4e37 in the column's last decimal.)
fn fraction_at_scale(numerator: i256, denominator: i256, scale: u8) -> Option<i128> {
    let mut quotient = numerator.checked_div(denominator)?;
    let mut remainder = numerator.checked_rem(denominator)?;
    for _ in 0..scale {
        let mut digit = 0_i128;
        let mut next = i256::ZERO;
        for _ in 0..10 {
            next = next.checked_add(remainder)?;
            if next >= denominator {
                next = next.checked_sub(denominator)?;
                digit += 1;
            }
        }
        quotient = quotient
            .checked_mul(i256::from_i128(10))?
            .checked_add(i256::from_i128(digit))?;
        remainder = next;
    }
    // remainder < denominator <= 2^254: twice it fits.
    let twice = remainder.checked_add(remainder)?;
    let odd = quotient.checked_rem(i256::from_i128(2))? != i256::ZERO;
    if twice > denominator || (twice == denominator && odd) {
        quotient = quotient.checked_add(i256::ONE)?;
    }
    quotient.to_i128()
}
