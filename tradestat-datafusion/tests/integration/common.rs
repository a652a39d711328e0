//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Decimal128Array, RecordBatch};
use arrow::datatypes::{DataType, Field};
use datafusion::common::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF};
use datafusion::prelude::{SessionConfig, SessionContext};
use rust_decimal::Decimal;

/// A context with every tradestat function registered, reading SQL float literals as decimals.
pub(crate) fn context() -> SessionContext {
    let config =
        SessionConfig::new().set_bool("datafusion.sql_parser.parse_float_as_decimal", true);
    let mut ctx = SessionContext::new_with_config(config);
    tradestat_datafusion::register_all(&mut ctx).unwrap();
    ctx
}

/// The scalar function called `name`.
pub(crate) fn udf(name: &str) -> Arc<ScalarUDF> {
    tradestat_datafusion::scalar_functions()
        .into_iter()
        .find(|f| f.name() == name)
        .unwrap()
}

/// Calls `udf` on `args` directly (no SQL), as DataFusion would after coercion.
pub(crate) fn invoke(udf: &ScalarUDF, args: Vec<ArrayRef>) -> Result<ArrayRef> {
    let rows = args.first().map_or(1, |a| a.len());
    let types: Vec<DataType> = args.iter().map(|a| a.data_type().clone()).collect();
    let arg_fields = types
        .iter()
        .enumerate()
        .map(|(i, t)| Arc::new(Field::new(format!("a{i}"), t.clone(), true)))
        .collect();
    let return_type = udf.return_type(&types)?;
    udf.invoke_with_args(ScalarFunctionArgs {
        args: args.into_iter().map(ColumnarValue::Array).collect(),
        arg_fields,
        number_rows: rows,
        return_field: Arc::new(Field::new("result", return_type, true)),
        config_options: Arc::new(ConfigOptions::default()),
    })?
    .into_array(rows)
}

/// A one-value `Decimal128(38, scale)` column holding `value` exactly (its scale raised to `scale`).
pub(crate) fn decimal_column(value: Option<Decimal>, scale: u32) -> ArrayRef {
    let mantissa = value.map(|mut d| {
        d.rescale(scale);
        assert_eq!(
            d.scale(),
            scale,
            "test value {d} does not fit scale {scale}"
        );
        d.mantissa()
    });
    Arc::new(
        Decimal128Array::from(vec![mantissa])
            .with_precision_and_scale(38, scale as i8)
            .unwrap(),
    )
}

/// The decimal at `row` of a `Decimal128` column, `None` for NULL.
pub(crate) fn decimal_at(array: &ArrayRef, row: usize) -> Option<Decimal> {
    let array = array.as_any().downcast_ref::<Decimal128Array>().unwrap();
    array.is_valid(row).then(|| {
        tradestat_datafusion::decimal::from_mantissa(array.value(row), array.scale()).unwrap()
    })
}

/// Runs `sql` and returns its batches.
pub(crate) async fn query(ctx: &SessionContext, sql: &str) -> Result<Vec<RecordBatch>> {
    ctx.sql(sql).await?.collect().await
}

/// The single value of a one-row, one-column decimal result, as text exactly as Arrow writes it.
pub(crate) async fn one_value(ctx: &SessionContext, sql: &str) -> Result<String> {
    let batches = query(ctx, sql).await?;
    let batch = batches.iter().find(|b| b.num_rows() > 0).unwrap();
    Ok(arrow::util::display::array_value_to_string(
        batch.column(0),
        0,
    )?)
}

/// Every row of `batches` as text, cell by cell (NULL as "").
pub(crate) fn rows(batches: &[RecordBatch]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for batch in batches {
        for row in 0..batch.num_rows() {
            out.push(
                batch
                    .columns()
                    .iter()
                    .map(|c| arrow::util::display::array_value_to_string(c, row).unwrap())
                    .collect(),
            );
        }
    }
    out
}
