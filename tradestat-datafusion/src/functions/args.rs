//! Argument types the functions accept, and reading them row by row.
//!
//! Decimal arguments take `Decimal128` (and the exact `Decimal32`/`Decimal64`, and integers, which
//! are cast to `Decimal128(20, 0)`); floats are refused, since a `Float64` 1.06 is not 1.06.

use arrow::array::{Array, ArrayRef, Decimal128Array, Int64Array};
use arrow::datatypes::DataType;
use datafusion_common::cast::{as_decimal128_array, as_int64_array};
use datafusion_common::{plan_err, Result as DfResult, ScalarValue};
use datafusion_expr::ColumnarValue;
use rust_decimal::Decimal;

use crate::decimal::{from_mantissa, MAX_PRECISION};
use crate::error::{Error, Result};

/// What an argument position takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Arg {
    /// An exact decimal (`Decimal128`).
    Decimal,
    /// A whole number (`Int64`).
    Integer,
    /// A period: a year as an integer, or text tradestat reads ("2022", "2022-Q3", "202207").
    Period,
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer()
}

/// The type `function`'s argument at `position` is cast to before the call.
pub(crate) fn coerce(
    function: &str,
    position: usize,
    arg: Arg,
    t: &DataType,
) -> DfResult<DataType> {
    let accepted = match (arg, t) {
        (Arg::Decimal, DataType::Decimal128(_, _)) => Some(t.clone()),
        (
            Arg::Decimal,
            DataType::Decimal32(p, s) | DataType::Decimal64(p, s) | DataType::Decimal256(p, s),
        ) if *p <= MAX_PRECISION => Some(DataType::Decimal128(*p, *s)),
        (Arg::Decimal, t) if is_integer(t) => Some(DataType::Decimal128(20, 0)),
        (Arg::Decimal, DataType::Null) => Some(DataType::Decimal128(MAX_PRECISION, 0)),
        (Arg::Integer, t) if is_integer(t) || *t == DataType::Null => Some(DataType::Int64),
        (Arg::Period, t) if is_integer(t) || *t == DataType::Null => Some(DataType::Int64),
        (Arg::Period, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => {
            Some(DataType::Utf8)
        }
        _ => None,
    };
    match accepted {
        Some(t) => Ok(t),
        None => {
            let wanted = match arg {
                Arg::Decimal => "an exact DECIMAL (Decimal128) or an integer",
                Arg::Integer => "an integer",
                Arg::Period => "a period: a year as an integer or text such as '2022-Q3'",
            };
            let hint = if t.is_floating() {
                "; floats are refused because they are not exact: write CAST('1.06' AS DECIMAL(3, 2)), \
                 or set datafusion.sql_parser.parse_float_as_decimal = true to read literals as decimals"
            } else {
                ""
            };
            plan_err!(
                "{function}: argument {} is {t}, expected {wanted}{hint}",
                position + 1
            )
        }
    }
}

/// Coerces all of `types` for a function taking `args`.
pub(crate) fn coerce_all(
    function: &str,
    args: &[Arg],
    types: &[DataType],
) -> DfResult<Vec<DataType>> {
    if types.len() != args.len() {
        return plan_err!(
            "{function} takes {} arguments, got {}",
            args.len(),
            types.len()
        );
    }
    args.iter()
        .zip(types)
        .enumerate()
        .map(|(i, (arg, t))| coerce(function, i, *arg, t))
        .collect()
}

/// Runs a scalar function's row loop `compute(arrays, rows)` over `args`.
///
/// The rows are the arguments' own length, not the batch's: when every argument is a scalar,
/// `ColumnarValue::values_to_arrays` gives one-row arrays whatever the batch's size, and the
/// result is then that one row as a scalar (DataFusion repeats it). A loop to the batch's
/// `number_rows` would read past those one-row arrays.
pub(crate) fn invoke_rows(
    args: &[ColumnarValue],
    compute: impl FnOnce(&[ArrayRef], usize) -> DfResult<ArrayRef>,
) -> DfResult<ColumnarValue> {
    let all_scalars = args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
    let arrays = ColumnarValue::values_to_arrays(args)?;
    let rows = arrays.first().map_or(0, |a| a.len());
    let result = compute(&arrays, rows)?;
    if all_scalars && result.len() == 1 {
        Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
            &result, 0,
        )?))
    } else {
        Ok(ColumnarValue::Array(result))
    }
}

/// A decimal argument column.
pub(crate) struct Decimals<'a> {
    array: &'a Decimal128Array,
    scale: i8,
}

impl<'a> Decimals<'a> {
    pub(crate) fn new(array: &'a ArrayRef) -> DfResult<Self> {
        let array = as_decimal128_array(array)?;
        Ok(Decimals {
            array,
            scale: array.scale(),
        })
    }

    pub(crate) fn scale(&self) -> i8 {
        self.scale
    }

    /// The mantissa at `row`, `None` for NULL.
    pub(crate) fn mantissa(&self, row: usize) -> Option<i128> {
        (!self.array.is_null(row)).then(|| self.array.value(row))
    }

    /// The exact `Decimal` at `row`, `None` for NULL.
    pub(crate) fn decimal(&self, row: usize) -> Result<Option<Decimal>> {
        self.mantissa(row)
            .map(|m| from_mantissa(m, self.scale))
            .transpose()
    }
}

/// An integer argument column.
pub(crate) struct Integers<'a>(&'a Int64Array);

impl<'a> Integers<'a> {
    pub(crate) fn new(array: &'a ArrayRef) -> DfResult<Self> {
        Ok(Integers(as_int64_array(array)?))
    }

    pub(crate) fn get(&self, row: usize) -> Option<i64> {
        (!self.0.is_null(row)).then(|| self.0.value(row))
    }
}

/// A whole number of periods as tradestat takes it.
pub(crate) fn periods(function: &'static str, n: i64) -> Result<u32> {
    u32::try_from(n).map_err(|_| Error::InvalidArgument {
        function,
        reason: format!("periods {n} is out of range: 0 to {}", u32::MAX),
    })
}
