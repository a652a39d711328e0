//! `trend_growth(period, value)`: the least-squares (log-linear) growth per period of a group's
//! values, by tradestat's `projection::trend`.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion_common::cast::{
    as_decimal128_array, as_int64_array, as_list_array, as_string_array,
};
use datafusion_common::{exec_err, Result as DfResult, ScalarValue};
use datafusion_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility};
use tradestat::{projection, Currency, Money, Period, Series};

use super::args::{coerce_all, Arg};
use super::growth::{RATE_SCALE, RATE_TYPE};
use crate::decimal::{format_mantissa, from_mantissa, to_mantissa, MAX_PRECISION};
use crate::error::Error;

const NAME: &str = "trend_growth";

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct TrendGrowth {
    signature: Signature,
}

impl TrendGrowth {
    pub(crate) fn udaf() -> Arc<AggregateUDF> {
        Arc::new(AggregateUDF::new_from_impl(TrendGrowth {
            signature: Signature::user_defined(Volatility::Immutable),
        }))
    }
}

fn value_scale(input_fields: &[FieldRef]) -> DfResult<i8> {
    match input_fields.get(1).map(|f| f.data_type()) {
        Some(DataType::Decimal128(_, s)) => Ok(*s),
        other => exec_err!("{NAME}: value is {other:?}, expected Decimal128"),
    }
}

impl AggregateUDFImpl for TrendGrowth {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> DfResult<Vec<DataType>> {
        coerce_all(NAME, &[Arg::Period, Arg::Decimal], arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DfResult<DataType> {
        Ok(RATE_TYPE)
    }

    fn state_fields(&self, args: StateFieldsArgs) -> DfResult<Vec<FieldRef>> {
        let scale = value_scale(args.input_fields)?;
        let item = |t| Arc::new(Field::new_list_field(t, true));
        Ok(vec![
            Arc::new(Field::new(
                format!("{}[periods]", args.name),
                DataType::List(item(DataType::Utf8)),
                true,
            )),
            Arc::new(Field::new(
                format!("{}[values]", args.name),
                DataType::List(item(DataType::Decimal128(MAX_PRECISION, scale))),
                true,
            )),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> DfResult<Box<dyn Accumulator>> {
        Ok(Box::new(TrendAccumulator {
            points: Vec::new(),
            scale: value_scale(args.expr_fields)?,
        }))
    }
}

/// The group's observations: each period with its value's `Decimal128` mantissa.
#[derive(Debug)]
struct TrendAccumulator {
    points: Vec<(Period, i128)>,
    scale: i8,
}

fn period_of_year(year: i64) -> DfResult<Period> {
    i32::try_from(year)
        .map_err(|_| tradestat::Error::OutOfRange {
            what: "year",
            value: year.to_string(),
            allowed: "1000 to 9999",
        })
        .and_then(Period::year)
        .map_err(|source| {
            Error::Tradestat {
                context: format!("{NAME} period {year}"),
                source,
            }
            .into()
        })
}

fn period_of_text(text: &str) -> DfResult<Period> {
    text.parse::<Period>().map_err(|source| {
        Error::Tradestat {
            context: format!("{NAME} period {text:?}"),
            source,
        }
        .into()
    })
}

impl TrendAccumulator {
    fn add_rows(&mut self, periods: &ArrayRef, values: &ArrayRef) -> DfResult<()> {
        let values = as_decimal128_array(values)?;
        let scale = values.scale();
        for row in 0..values.len() {
            if values.is_null(row) || periods.is_null(row) {
                continue;
            }
            let period = match periods.data_type() {
                DataType::Int64 => period_of_year(as_int64_array(periods)?.value(row))?,
                _ => period_of_text(as_string_array(periods)?.value(row))?,
            };
            let value = to_mantissa(
                from_mantissa(values.value(row), scale)?,
                MAX_PRECISION,
                self.scale,
            )?;
            self.points.push((period, value));
        }
        Ok(())
    }
}

impl Accumulator for TrendAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> DfResult<()> {
        match values {
            [periods, values] => self.add_rows(periods, values),
            _ => exec_err!("{NAME} takes two arguments"),
        }
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> DfResult<()> {
        let [periods, values] = states else {
            return exec_err!("{NAME}: state has {} columns, expected 2", states.len());
        };
        let (periods, values) = (as_list_array(periods)?, as_list_array(values)?);
        for row in 0..periods.len() {
            if periods.is_null(row) || values.is_null(row) {
                continue;
            }
            self.add_rows(&periods.value(row), &values.value(row))?;
        }
        Ok(())
    }

    fn state(&mut self) -> DfResult<Vec<ScalarValue>> {
        let periods: Vec<ScalarValue> = self
            .points
            .iter()
            .map(|(p, _)| ScalarValue::Utf8(Some(p.to_string())))
            .collect();
        let values: Vec<ScalarValue> = self
            .points
            .iter()
            .map(|(_, v)| ScalarValue::Decimal128(Some(*v), MAX_PRECISION, self.scale))
            .collect();
        Ok(vec![
            ScalarValue::List(ScalarValue::new_list(&periods, &DataType::Utf8, true)),
            ScalarValue::List(ScalarValue::new_list(
                &values,
                &DataType::Decimal128(MAX_PRECISION, self.scale),
                true,
            )),
        ])
    }

    fn evaluate(&mut self) -> DfResult<ScalarValue> {
        if self.points.is_empty() {
            return Ok(ScalarValue::Decimal128(None, MAX_PRECISION, RATE_SCALE));
        }
        let context = || {
            let points: Vec<String> = self
                .points
                .iter()
                .map(|(p, v)| format!("{p}: {}", format_mantissa(*v, self.scale)))
                .collect();
            format!("{NAME} over {{{}}}", points.join(", "))
        };
        let pairs = self
            .points
            .iter()
            .map(|(p, v)| {
                Ok((
                    *p,
                    Money::new(from_mantissa(*v, self.scale)?, Currency::XXX),
                ))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let growth = Series::with_gaps(pairs)
            .and_then(|series| projection::trend(&series))
            .map_err(|source| Error::Tradestat {
                context: context(),
                source,
            })?
            .growth();
        let mantissa = to_mantissa(growth.as_fraction(), MAX_PRECISION, RATE_SCALE)?;
        Ok(ScalarValue::Decimal128(
            Some(mantissa),
            MAX_PRECISION,
            RATE_SCALE,
        ))
    }

    fn size(&self) -> usize {
        size_of_val(self) + self.points.capacity() * size_of::<(Period, i128)>()
    }
}
