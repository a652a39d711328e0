//! Trade data as Arrow record batches: the schema, and exact conversions both ways.
//!
//! One row per [`TradeRecord`], in these columns (none nullable except `classification`):
//!
//! | column | Arrow type | holds |
//! | --- | --- | --- |
//! | `reporter` | `Utf8` | ISO alpha-3 for a country, else the UN Comtrade code as digits ("0" World) |
//! | `reporter_code` | `UInt16` | the UN Comtrade code (842 for the USA) |
//! | `partner` | `Utf8` | as `reporter` |
//! | `partner_code` | `UInt16` | as `reporter_code` |
//! | `period` | `Utf8` | "2022", "2022-Q3" or "2022-07" |
//! | `year` | `Int32` | the period's calendar year |
//! | `frequency` | `Utf8` | "A", "Q" or "M" (annual, quarterly, monthly) |
//! | `flow` | `Utf8` | the UN Comtrade flow code ("X", "M", "RX", ...) |
//! | `classification` | `Utf8`, nullable | "HS" or "SITC"; NULL for the total |
//! | `commodity` | `Utf8` | "TOTAL", or the code's digits ("27", "0011") |
//! | `commodity_level` | `UInt8` | digits of the code: 0 for the total, 2/4/6 for HS, 1-5 for SITC |
//! | `value` | `Decimal128(38, s)` | the amount, exactly |
//! | `value_scale` | `UInt8` | the decimals the amount was written with (12.50 has 2) |
//! | `currency` | `Utf8` | ISO 4217 code |
//! | `valuation` | `Utf8` | "FOB" or "CIF" |
//! | `flags` | `UInt8` | the source's marks on the figure ([`Flags::bits`](tradestat::Flags::bits): estimated, not reported, aggregate...) |
//! | `reporting` | `Utf8` | "reporter" (one side's report) or "single" (one figure for both sides, [`Reporting`]) |
//!
//! `reporter` and `partner` are the text `comtrade_area` gives and round-trip exactly through
//! [`Area`]'s parser (alpha-3 for countries, the Comtrade code for the other areas, which Monaco
//! would lose). `value` has one scale `s` for the column: the largest among the amounts when built
//! from data, or the one a streaming reader was given; `value_scale` keeps each amount's own scale
//! so that it is read back identical, trailing zeros included. `flags` and `reporting` travel with
//! the figure so that a one-figure source read back is not taken for one side's report (batches
//! written before these columns existed read as unflagged reports).

use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, Decimal128Array, Int32Builder, RecordBatch, RecordBatchOptions, StringArray,
    StringBuilder, UInt16Array, UInt16Builder, UInt8Array, UInt8Builder,
};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use rust_decimal::Decimal;
use tradestat::{
    Area, Classification, Commodity, Currency, Flags, Flow, Frequency, Money, Period, Reporting,
    TradeData, TradeRecord, Valuation,
};

use crate::decimal::{from_mantissa, largest_scale, to_mantissa, MAX_PRECISION};
use crate::error::{Error, Result};
use crate::functions::area_text;

/// The schema of trade records with amounts at `value_scale` decimals (see the module docs).
pub fn trade_schema(value_scale: i8) -> SchemaRef {
    let text = |name| Field::new(name, DataType::Utf8, false);
    Arc::new(Schema::new(vec![
        text("reporter"),
        Field::new("reporter_code", DataType::UInt16, false),
        text("partner"),
        Field::new("partner_code", DataType::UInt16, false),
        text("period"),
        Field::new("year", DataType::Int32, false),
        text("frequency"),
        text("flow"),
        Field::new("classification", DataType::Utf8, true),
        text("commodity"),
        Field::new("commodity_level", DataType::UInt8, false),
        Field::new(
            "value",
            DataType::Decimal128(MAX_PRECISION, value_scale),
            false,
        ),
        Field::new("value_scale", DataType::UInt8, false),
        text("currency"),
        text("valuation"),
        Field::new("flags", DataType::UInt8, false),
        text("reporting"),
    ]))
}

fn reporting_text(reporting: Reporting) -> &'static str {
    match reporting {
        Reporting::Single => "single",
        _ => "reporter",
    }
}

fn frequency_code(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Annual => "A",
        Frequency::Quarterly => "Q",
        _ => "M",
    }
}

/// The number of columns of the [`trade_schema`].
const COLUMNS: usize = 17;

/// Builds record batches of the [`trade_schema`] one record at a time (the streaming scans use it),
/// or of some of its columns ([`TradeBatchBuilder::projected`]): a column the query does not ask
/// for is never formatted.
#[derive(Debug)]
pub struct TradeBatchBuilder {
    scale: i8,
    /// The schema of the batches built: the trade schema, or its projection.
    schema: SchemaRef,
    /// The columns built, by index in the trade schema.
    wanted: [bool; COLUMNS],
    /// The indexes of the columns built, in the order of the batches' columns.
    projection: Vec<usize>,
    rows: usize,
    reporter: StringBuilder,
    reporter_code: UInt16Builder,
    partner: StringBuilder,
    partner_code: UInt16Builder,
    period: StringBuilder,
    year: Int32Builder,
    frequency: StringBuilder,
    flow: StringBuilder,
    classification: StringBuilder,
    commodity: StringBuilder,
    level: UInt8Builder,
    value: Vec<i128>,
    value_scale: UInt8Builder,
    currency: StringBuilder,
    valuation: StringBuilder,
    flags: UInt8Builder,
    reporting: StringBuilder,
}

impl TradeBatchBuilder {
    /// A builder for amounts at `value_scale` decimals.
    pub fn new(value_scale: i8) -> Self {
        TradeBatchBuilder {
            scale: value_scale,
            schema: trade_schema(value_scale),
            wanted: [true; COLUMNS],
            projection: (0..COLUMNS).collect(),
            rows: 0,
            reporter: StringBuilder::new(),
            reporter_code: UInt16Builder::new(),
            partner: StringBuilder::new(),
            partner_code: UInt16Builder::new(),
            period: StringBuilder::new(),
            year: Int32Builder::new(),
            frequency: StringBuilder::new(),
            flow: StringBuilder::new(),
            classification: StringBuilder::new(),
            commodity: StringBuilder::new(),
            level: UInt8Builder::new(),
            value: Vec::new(),
            value_scale: UInt8Builder::new(),
            currency: StringBuilder::new(),
            valuation: StringBuilder::new(),
            flags: UInt8Builder::new(),
            reporting: StringBuilder::new(),
        }
    }

    /// A builder of the columns `projection` names (indexes into the [`trade_schema`], in the
    /// order the batches are to have them, as DataFusion's scan gives them): the others are not
    /// built at all.
    ///
    /// # Errors
    /// [`Error::Arrow`] naming the index when one is beyond the schema's columns.
    pub fn projected(value_scale: i8, projection: &[usize]) -> Result<Self> {
        let schema = Arc::new(trade_schema(value_scale).project(projection)?);
        let mut wanted = [false; COLUMNS];
        for &i in projection {
            if let Some(w) = wanted.get_mut(i) {
                *w = true;
            }
        }
        Ok(TradeBatchBuilder {
            schema,
            wanted,
            projection: projection.to_vec(),
            ..TradeBatchBuilder::new(value_scale)
        })
    }

    /// The schema of the batches it builds.
    pub fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    /// The number of records since the last [`TradeBatchBuilder::finish`].
    pub fn len(&self) -> usize {
        self.rows
    }

    /// True when no record was added since the last [`TradeBatchBuilder::finish`].
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Adds one record.
    ///
    /// # Errors
    /// [`Error::DoesNotFit`] naming the amount when it has more decimals than the builder's scale
    /// or more than 38 digits at it; nothing is added then.
    pub fn push(&mut self, record: &TradeRecord) -> Result<()> {
        let amount = record.value().amount();
        // Checked whether or not the column is built: a table's amounts fit its scale.
        let mantissa = to_mantissa(amount, MAX_PRECISION, self.scale)?;
        let w = &self.wanted;
        if w[11] {
            self.value.push(mantissa);
        }
        if w[12] {
            // A Decimal's scale is at most 28.
            self.value_scale
                .append_value(u8::try_from(amount.scale()).unwrap_or(28));
        }
        let (reporter, partner) = (record.reporter(), record.partner());
        if w[0] {
            self.reporter.append_value(area_text(reporter));
        }
        if w[1] {
            self.reporter_code.append_value(reporter.comtrade_code());
        }
        if w[2] {
            self.partner.append_value(area_text(partner));
        }
        if w[3] {
            self.partner_code.append_value(partner.comtrade_code());
        }
        let period = record.period();
        if w[4] {
            self.period.append_value(period.to_string());
        }
        if w[5] {
            self.year.append_value(period.calendar_year().get());
        }
        if w[6] {
            self.frequency
                .append_value(frequency_code(period.frequency()));
        }
        if w[7] {
            self.flow.append_value(record.flow().comtrade_code());
        }
        let commodity = record.commodity();
        if w[8] {
            match commodity.classification() {
                Some(c) => self.classification.append_value(c.to_string()),
                None => self.classification.append_null(),
            }
        }
        if w[9] {
            self.commodity.append_value(commodity.code());
        }
        if w[10] {
            self.level.append_value(commodity.level());
        }
        if w[13] {
            self.currency.append_value(record.value().currency().code());
        }
        if w[14] {
            self.valuation.append_value(record.valuation().to_string());
        }
        if w[15] {
            self.flags.append_value(record.flags().bits());
        }
        if w[16] {
            self.reporting
                .append_value(reporting_text(record.reporting()));
        }
        self.rows += 1;
        Ok(())
    }

    /// The batch of the records added since the last call; the builder starts empty again.
    ///
    /// # Errors
    /// [`Error::Arrow`] only if Arrow refuses the columns (it should not).
    pub fn finish(&mut self) -> Result<RecordBatch> {
        let rows = std::mem::take(&mut self.rows);
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(self.projection.len());
        for &i in &self.projection {
            let column: ArrayRef = match i {
                0 => Arc::new(self.reporter.finish()),
                1 => Arc::new(self.reporter_code.finish()),
                2 => Arc::new(self.partner.finish()),
                3 => Arc::new(self.partner_code.finish()),
                4 => Arc::new(self.period.finish()),
                5 => Arc::new(self.year.finish()),
                6 => Arc::new(self.frequency.finish()),
                7 => Arc::new(self.flow.finish()),
                8 => Arc::new(self.classification.finish()),
                9 => Arc::new(self.commodity.finish()),
                10 => Arc::new(self.level.finish()),
                11 => Arc::new(
                    Decimal128Array::from(std::mem::take(&mut self.value))
                        .with_precision_and_scale(MAX_PRECISION, self.scale)?,
                ),
                12 => Arc::new(self.value_scale.finish()),
                13 => Arc::new(self.currency.finish()),
                14 => Arc::new(self.valuation.finish()),
                15 => Arc::new(self.flags.finish()),
                _ => Arc::new(self.reporting.finish()),
            };
            columns.push(column);
        }
        // A projection of no columns (`SELECT COUNT(*)`) still has its rows.
        let options = RecordBatchOptions::new().with_row_count(Some(rows));
        Ok(RecordBatch::try_new_with_options(
            self.schema.clone(),
            columns,
            &options,
        )?)
    }
}

/// `records` as one batch, the amounts at the largest scale among them.
///
/// # Errors
/// [`Error::DoesNotFit`] when the amounts need more than 38 digits together (a very large amount
/// next to one with many decimals).
pub fn records_to_batch(records: &[TradeRecord]) -> Result<RecordBatch> {
    let scale = largest_scale(
        records
            .iter()
            .map(|r| r.value().amount())
            .collect::<Vec<_>>()
            .iter(),
    );
    let mut builder = TradeBatchBuilder::new(i8::try_from(scale).unwrap_or(28));
    for record in records {
        builder.push(record)?;
    }
    builder.finish()
}

/// A data set as one batch: its trade records, then its domestic records, in the data set's order.
///
/// # Errors
/// As [`records_to_batch`].
pub fn to_record_batch(data: &TradeData) -> Result<RecordBatch> {
    let records: Vec<TradeRecord> = data.iter().chain(data.domestic_records()).collect();
    records_to_batch(&records)
}

/// A data set from batches of the [`trade_schema`] (domestic records kept apart, as
/// [`tradestat::Domestic::Keep`] does).
///
/// # Errors
/// [`Error::Column`] naming the column and row of a value that is missing or unreadable; the
/// data set's own errors (duplicates, mixed currencies) as [`Error::Tradestat`].
pub fn from_record_batches(batches: &[RecordBatch]) -> Result<TradeData> {
    let mut records = Vec::new();
    for batch in batches {
        records.extend(records_from_batch(batch)?);
    }
    TradeData::builder()
        .domestic(tradestat::Domestic::Keep)
        .build(records)
        .map_err(|source| Error::Tradestat {
            context: "building a data set from record batches".into(),
            source,
        })
}

/// Reads one column by name with its expected type.
fn column<'a, T: 'static>(batch: &'a RecordBatch, name: &'static str) -> Result<&'a T> {
    batch
        .column_by_name(name)
        .and_then(|c| c.as_any().downcast_ref::<T>())
        .ok_or_else(|| Error::Column {
            column: name,
            row: 0,
            reason: "missing, or not of the trade schema's type".into(),
        })
}

/// Reads one text column by name: `Utf8`, or the `Utf8View`, `LargeUtf8` and dictionary-encoded
/// text that DataFusion and Parquet readers give for the same text (DataFusion's Parquet scan
/// reads strings as views), converted losslessly.
fn text_column(batch: &RecordBatch, name: &'static str) -> Result<StringArray> {
    let Some(array) = batch.column_by_name(name) else {
        return Err(Error::Column {
            column: name,
            row: 0,
            reason: "missing".into(),
        });
    };
    let utf8 = match array.data_type() {
        DataType::Utf8 => array.clone(),
        DataType::Utf8View | DataType::LargeUtf8 => cast(array, &DataType::Utf8)?,
        DataType::Dictionary(_, values)
            if matches!(
                values.as_ref(),
                DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8
            ) =>
        {
            cast(array, &DataType::Utf8)?
        }
        other => {
            return Err(Error::Column {
                column: name,
                row: 0,
                reason: format!("{other}, expected text (Utf8)"),
            })
        }
    };
    utf8.as_any()
        .downcast_ref::<StringArray>()
        .cloned()
        .ok_or_else(|| Error::Column {
            column: name,
            row: 0,
            reason: "not Utf8 after conversion".into(),
        })
}

/// The records of a batch of the [`trade_schema`].
///
/// Columns are found by name, in any order; text may be `Utf8`, `Utf8View` (what DataFusion's
/// Parquet scan gives), `LargeUtf8` or dictionary-encoded; `value` may have any scale (each batch
/// its own).
///
/// # Errors
/// [`Error::Column`] naming the column and row of a value that is missing or unreadable.
pub fn records_from_batch(batch: &RecordBatch) -> Result<Vec<TradeRecord>> {
    let reporter = &text_column(batch, "reporter")?;
    let partner = &text_column(batch, "partner")?;
    let period = &text_column(batch, "period")?;
    let flow = &text_column(batch, "flow")?;
    let classification = &text_column(batch, "classification")?;
    let commodity = &text_column(batch, "commodity")?;
    let value: &Decimal128Array = column(batch, "value")?;
    let value_scale: &UInt8Array = column(batch, "value_scale")?;
    let currency = &text_column(batch, "currency")?;
    let valuation = &text_column(batch, "valuation")?;
    // Optional: batches written before these columns existed hold unflagged reports.
    let flags: Option<&UInt8Array> = match batch.column_by_name("flags") {
        Some(_) => Some(column(batch, "flags")?),
        None => None,
    };
    let reporting = match batch.column_by_name("reporting") {
        Some(_) => Some(text_column(batch, "reporting")?),
        None => None,
    };
    // the codes are redundant with reporter and partner; checked to be present only
    let _: &UInt16Array = column(batch, "reporter_code")?;
    let _: &UInt16Array = column(batch, "partner_code")?;

    let mut records = Vec::with_capacity(batch.num_rows());
    for row in 0..batch.num_rows() {
        let bad = |column: &'static str, reason: String| Error::Column {
            column,
            row,
            reason,
        };
        fn text<'a>(array: &'a StringArray, name: &'static str, row: usize) -> Result<&'a str> {
            if array.is_null(row) {
                Err(Error::Column {
                    column: name,
                    row,
                    reason: "NULL".into(),
                })
            } else {
                Ok(array.value(row))
            }
        }
        let parse = |name: &'static str, e: tradestat::Error| bad(name, e.to_string());
        let reporter_area: Area = text(reporter, "reporter", row)?
            .parse()
            .map_err(|e| parse("reporter", e))?;
        let partner_area: Area = text(partner, "partner", row)?
            .parse()
            .map_err(|e| parse("partner", e))?;
        let period: Period = text(period, "period", row)?
            .parse()
            .map_err(|e| parse("period", e))?;
        let flow =
            Flow::from_comtrade_code(text(flow, "flow", row)?).map_err(|e| parse("flow", e))?;
        let code = text(commodity, "commodity", row)?;
        let commodity = if classification.is_null(row) {
            if code != "TOTAL" {
                return Err(bad("commodity", format!("{code} has no classification")));
            }
            Commodity::TOTAL
        } else {
            let c: Classification = classification
                .value(row)
                .parse()
                .map_err(|e| parse("classification", e))?;
            Commodity::new(c, code).map_err(|e| parse("commodity", e))?
        };
        let currency: Currency = text(currency, "currency", row)?
            .parse()
            .map_err(|e| parse("currency", e))?;
        let valuation: Valuation = text(valuation, "valuation", row)?
            .parse()
            .map_err(|e| parse("valuation", e))?;
        if value.is_null(row) {
            return Err(bad("value", "NULL".into()));
        }
        if value_scale.is_null(row) {
            return Err(bad("value_scale", "NULL".into()));
        }
        let amount = from_mantissa(value.value(row), value.scale())
            .map_err(|e| bad("value", e.to_string()))?;
        let amount = with_scale(amount, u32::from(value_scale.value(row))).ok_or_else(|| {
            bad(
                "value_scale",
                format!("{amount} has more decimals than {}", value_scale.value(row)),
            )
        })?;
        let flags = match flags {
            Some(f) if f.is_null(row) => return Err(bad("flags", "NULL".into())),
            Some(f) => Flags::from_bits_truncate(f.value(row)),
            None => Flags::NONE,
        };
        let reporting = match &reporting {
            Some(r) => match text(r, "reporting", row)? {
                "reporter" => Reporting::Reporter,
                "single" => Reporting::Single,
                other => {
                    return Err(bad(
                        "reporting",
                        format!("{other:?}, expected \"reporter\" or \"single\""),
                    ))
                }
            },
            None => Reporting::Reporter,
        };
        records.push(
            TradeRecord::new(
                reporter_area,
                partner_area,
                period,
                flow,
                Money::new(amount, currency),
            )
            .with_commodity(commodity)
            .with_valuation(valuation)
            .with_flags(flags)
            .with_reporting(reporting),
        );
    }
    Ok(records)
}

/// `value` written with `scale` decimals, if that keeps it exact.
fn with_scale(value: Decimal, scale: u32) -> Option<Decimal> {
    let mut rescaled = value;
    rescaled.rescale(scale);
    (rescaled == value && rescaled.scale() == scale).then_some(rescaled)
}
