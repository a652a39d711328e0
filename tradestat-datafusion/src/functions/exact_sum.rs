//! `exact_sum(value)`: a `Decimal128` sum that fails on overflow instead of wrapping.
//!
//! DataFusion's `SUM` over `Decimal128(p, s)` returns `Decimal128(min(38, p + 10), s)` and adds
//! with wrapping `i128` arithmetic: two values of 10^38 - 1 come back as a negative number
//! (apache/datafusion#16406). `exact_sum` returns `Decimal128(38, s)` and stops the query with an
//! error naming the partial sum and the value once the total leaves 38 digits. Otherwise the two
//! agree: NULLs are skipped and a group of only NULLs sums to NULL.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, BooleanArray, Decimal128Array};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion_common::cast::as_decimal128_array;
use datafusion_common::{exec_err, Result as DfResult, ScalarValue};
use datafusion_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, EmitTo, GroupsAccumulator, Signature, Volatility,
};

use super::args::{coerce_all, Arg};
use crate::decimal::{format_mantissa, max_mantissa, MAX_PRECISION};
use crate::error::Error;

const NAME: &str = "exact_sum";

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
        Ok(vec![Arc::new(Field::new(
            format!("{}[sum]", args.name),
            args.return_type().clone(),
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

/// `sum + value`, or the overflow error naming both.
fn add(sum: i128, value: i128, scale: i8) -> DfResult<i128> {
    match sum.checked_add(value) {
        Some(total) if total.abs() <= max_mantissa(MAX_PRECISION) => Ok(total),
        _ => Err(Error::Overflow {
            function: NAME,
            detail: format!(
                "{} + {} does not fit Decimal128(38, {scale})",
                format_mantissa(sum, scale),
                format_mantissa(value, scale)
            ),
        }
        .into()),
    }
}

fn decimals(values: &[ArrayRef]) -> DfResult<&Decimal128Array> {
    match values.first() {
        Some(array) => as_decimal128_array(array),
        None => exec_err!("{NAME} takes one argument"),
    }
}

#[derive(Debug)]
struct SumAccumulator {
    sum: Option<i128>,
    scale: i8,
}

impl Accumulator for SumAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        let array = decimals(values)?;
        for value in array.iter().flatten() {
            self.sum = Some(add(self.sum.unwrap_or(0), value, self.scale)?);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        self.update_batch(states)
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        Ok(vec![self.evaluate()?])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        Ok(ScalarValue::Decimal128(self.sum, MAX_PRECISION, self.scale))
    }

    fn size(&self) -> usize {
        size_of_val(self)
    }
}

/// The per-group form DataFusion uses with GROUP BY: one `i128` and one flag per group.
struct SumGroups {
    sums: Vec<i128>,
    seen: Vec<bool>,
    scale: i8,
}

impl SumGroups {
    fn accumulate(
        &mut self,
        values: &[ArrayRef],
        groups: &[usize],
        filter: Option<&BooleanArray>,
        total_groups: usize,
    ) -> DfResult<()> {
        let array = decimals(values)?;
        self.sums.resize(total_groups, 0);
        self.seen.resize(total_groups, false);
        for (row, &group) in groups.iter().enumerate() {
            if array.is_null(row) || filter.is_some_and(|f| !f.is_valid(row) || !f.value(row)) {
                continue;
            }
            let (Some(sum), Some(seen)) = (self.sums.get_mut(group), self.seen.get_mut(group))
            else {
                return exec_err!("{NAME}: group index {group} out of range");
            };
            *sum = add(*sum, array.value(row), self.scale)?;
            *seen = true;
        }
        Ok(())
    }

    fn emit(&mut self, emit_to: EmitTo) -> DfResult<ArrayRef> {
        let sums = emit_to.take_needed(&mut self.sums);
        let seen = emit_to.take_needed(&mut self.seen);
        let array: Decimal128Array = sums
            .into_iter()
            .zip(seen)
            .map(|(sum, seen)| seen.then_some(sum))
            .collect();
        Ok(Arc::new(
            array.with_precision_and_scale(MAX_PRECISION, self.scale)?,
        ))
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
        self.accumulate(values, group_indices, opt_filter, total_num_groups)
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> DfResult<()> {
        self.accumulate(values, group_indices, None, total_num_groups)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> DfResult<Vec<ArrayRef>> {
        // Each row its own group: the state is the value itself (NULL where filtered out).
        let array = decimals(values)?;
        let state: Decimal128Array = (0..array.len())
            .map(|row| {
                let kept = opt_filter.is_none_or(|f| f.is_valid(row) && f.value(row));
                (kept && array.is_valid(row)).then(|| array.value(row))
            })
            .collect();
        Ok(vec![Arc::new(
            state.with_precision_and_scale(MAX_PRECISION, self.scale)?,
        )])
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> DfResult<ArrayRef> {
        self.emit(emit_to)
    }

    fn state(&mut self, emit_to: EmitTo) -> DfResult<Vec<ArrayRef>> {
        Ok(vec![self.emit(emit_to)?])
    }

    fn size(&self) -> usize {
        self.sums.capacity() * size_of::<i128>() + self.seen.capacity()
    }
}
