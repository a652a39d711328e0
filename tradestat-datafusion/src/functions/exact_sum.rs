//! `exact_sum(value)`: a `Decimal128` sum that fails on overflow instead of wrapping.
//!
//! DataFusion's `SUM` over `Decimal128(p, s)` returns `Decimal128(min(38, p + 10), s)` and adds
//! with wrapping `i128` arithmetic: two values of 10^38 - 1 come back as a negative number
//! (apache/datafusion#16406). `exact_sum` returns `Decimal128(38, s)` and stops the query with an
//! error naming the sum when the group's total does not fit 38 digits. Otherwise the two agree:
//! NULLs are skipped and a group of only NULLs (or no rows) sums to NULL.
//!
//! The running totals, and the partial states that travel between partitions, are 256-bit
//! (`Decimal256(76, s)`), and only the final total is checked: whether a query fails does not
//! depend on the order of the rows or on how they were split between partitions
//! (`9e37 + 9e37 - 9e37` is `9e37` in every order).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, BooleanArray, Decimal128Array, Decimal256Array};
use arrow::datatypes::{i256, DataType, Field, FieldRef};
use datafusion_common::cast::{as_decimal128_array, as_decimal256_array};
use datafusion_common::{exec_err, Result as DfResult, ScalarValue};
use datafusion_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};

use super::args::{coerce_all, Arg};
use crate::decimal::{fits, MAX_PRECISION};
use crate::error::Error;

const NAME: &str = "exact_sum";

/// `Decimal256` holds at most 76 digits: the precision of the partial sums.
const STATE_PRECISION: u8 = 76;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ExactSum {
    signature: Signature,
}

impl ExactSum {
    pub(crate) fn udaf() -> Arc<AggregateUDF> {
        Arc::new(AggregateUDF::new_from_impl(ExactSum {
            signature: Signature::user_defined(Volatility::Immutable),
        }))
    }
}

fn scale_of(t: &DataType) -> DfResult<i8> {
    match t {
        DataType::Decimal128(_, s) => Ok(*s),
        other => exec_err!("{NAME}: expected Decimal128, got {other}"),
    }
}

impl AggregateUDFImpl for ExactSum {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> DfResult<Vec<DataType>> {
        coerce_all(NAME, &[Arg::Decimal], arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> DfResult<DataType> {
        let scale = scale_of(arg_types.first().unwrap_or(&DataType::Null))?;
        Ok(DataType::Decimal128(MAX_PRECISION, scale))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> DfResult<Vec<FieldRef>> {
        let scale = scale_of(args.return_type())?;
        Ok(vec![Arc::new(Field::new(
            format!("{}[sum]", args.name),
            DataType::Decimal256(STATE_PRECISION, scale),
            true,
        ))])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> DfResult<Box<dyn Accumulator>> {
        Ok(Box::new(SumAccumulator {
            sum: None,
            scale: scale_of(args.return_field.data_type())?,
        }))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs,
    ) -> DfResult<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(SumGroups {
            sums: Vec::new(),
            seen: Vec::new(),
            scale: scale_of(args.return_field.data_type())?,
        }))
    }
}

/// `sum + value` in 256 bits. Values of a `Decimal128` column are below 2^127 in magnitude, so
/// this fails only after about 2^128 of them; the error is kept for the merge of foreign states.
fn add(sum: i256, value: i256) -> DfResult<i256> {
    sum.checked_add(value).ok_or_else(|| {
        Error::Overflow {
            function: NAME,
            detail: format!("{sum} + {value} exceeds 256 bits"),
        }
        .into()
    })
}

/// The final total as `Decimal128(38, scale)`, or the overflow error naming it.
fn total(sum: i256, scale: i8) -> DfResult<i128> {
    match sum.to_i128() {
        Some(total) if fits(total, MAX_PRECISION) => Ok(total),
        _ => Err(Error::Overflow {
            function: NAME,
            detail: format!(
                "the sum {} does not fit Decimal128(38, {scale})",
                format_wide(sum, scale)
            ),
        }
        .into()),
    }
}

/// A 256-bit mantissa at `scale`, written exactly.
fn format_wide(mantissa: i256, scale: i8) -> String {
    let text = mantissa.to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(digits) => ("-", digits),
        None => ("", text.as_str()),
    };
    let Ok(scale) = usize::try_from(scale) else {
        let zeros = usize::from(scale.unsigned_abs());
        return format!("{sign}{digits}{}", "0".repeat(zeros));
    };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!(
        "{}{digits}",
        "0".repeat((scale + 1).saturating_sub(digits.len()))
    );
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

fn decimals(values: &[ArrayRef]) -> DfResult<&Decimal128Array> {
    match values.first() {
        Some(array) => as_decimal128_array(array),
        None => exec_err!("{NAME} takes one argument"),
    }
}

fn states(values: &[ArrayRef]) -> DfResult<&Decimal256Array> {
    match values.first() {
        Some(array) => as_decimal256_array(array),
        None => exec_err!("{NAME}: no state column"),
    }
}

#[derive(Debug)]
struct SumAccumulator {
    sum: Option<i256>,
    scale: i8,
}

impl SumAccumulator {
    fn add_all(&mut self, values: impl Iterator<Item = i256>) -> DfResult<()> {
        for value in values {
            self.sum = Some(add(self.sum.unwrap_or(i256::ZERO), value)?);
        }
        Ok(())
    }
}

impl Accumulator for SumAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        self.add_all(decimals(values)?.iter().flatten().map(i256::from_i128))
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        self.add_all(self::states(states)?.iter().flatten())
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Decimal256(
            self.sum,
            STATE_PRECISION,
            self.scale,
        )])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        let total = self.sum.map(|s| total(s, self.scale)).transpose()?;
        Ok(ScalarValue::Decimal128(total, MAX_PRECISION, self.scale))
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }
}

/// The per-group form DataFusion uses with GROUP BY: one 256-bit sum and one flag per group.
struct SumGroups {
    sums: Vec<i256>,
    seen: Vec<bool>,
    scale: i8,
}

impl SumGroups {
    fn accumulate(
        &mut self,
        values: impl Iterator<Item = Option<i256>>,
        groups: &[usize],
        filter: Option<&BooleanArray>,
        total_groups: usize,
    ) -> DfResult<()> {
        self.sums.resize(total_groups, i256::ZERO);
        self.seen.resize(total_groups, false);
        for ((row, &group), value) in groups.iter().enumerate().zip(values) {
            let Some(value) = value else {
                continue;
            };
            if filter.is_some_and(|f| !f.is_valid(row) || !f.value(row)) {
                continue;
            }
            let (Some(sum), Some(seen)) = (self.sums.get_mut(group), self.seen.get_mut(group))
            else {
                return exec_err!("{NAME}: group index {group} out of range");
            };
            *sum = add(*sum, value)?;
            *seen = true;
        }
        Ok(())
    }

    fn take(&mut self, emit_to: EmitTo) -> Vec<Option<i256>> {
        let sums = emit_to.take_needed(&mut self.sums);
        let seen = emit_to.take_needed(&mut self.seen);
        sums.into_iter()
            .zip(seen)
            .map(|(sum, seen)| seen.then_some(sum))
            .collect()
    }
}

impl GroupsAccumulator for SumGroups {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> DfResult<()> {
        let values = decimals(values)?;
        self.accumulate(
            values.iter().map(|v| v.map(i256::from_i128)),
            group_indices,
            opt_filter,
            total_num_groups,
        )
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> DfResult<()> {
        let states = states(values)?;
        self.accumulate(states.iter(), group_indices, None, total_num_groups)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> DfResult<Vec<ArrayRef>> {
        // Each row its own group (DataFusion skips the partial aggregation): the state is the
        // value itself, NULL where filtered out.
        let array = decimals(values)?;
        let state: Decimal256Array = (0..array.len())
            .map(|row| {
                let kept = opt_filter.is_none_or(|f| f.is_valid(row) && f.value(row));
                (kept && array.is_valid(row)).then(|| i256::from_i128(array.value(row)))
            })
            .collect();
        Ok(vec![Arc::new(
            state.with_precision_and_scale(STATE_PRECISION, self.scale)?,
        )])
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> DfResult<ArrayRef> {
        let scale = self.scale;
        let totals = self
            .take(emit_to)
            .into_iter()
            .map(|sum| sum.map(|s| total(s, scale)).transpose())
            .collect::<DfResult<Decimal128Array>>()?;
        Ok(Arc::new(
            totals.with_precision_and_scale(MAX_PRECISION, scale)?,
        ))
    }

    fn state(&mut self, emit_to: EmitTo) -> DfResult<Vec<ArrayRef>> {
        let sums: Decimal256Array = self.take(emit_to).into_iter().collect();
        Ok(vec![Arc::new(
            sums.with_precision_and_scale(STATE_PRECISION, self.scale)?,
        )])
    }

    fn size(&self) -> usize {
        self.sums.capacity() * size_of::<i256>() + self.seen.capacity()
    }
}
