//! `comtrade_area(code)` and `comtrade_area_name(code)`: UN Comtrade area codes as tradestat reads
//! them.

use std::sync::Arc;

use arrow::array::{ArrayRef, StringBuilder};
use arrow::datatypes::DataType;
use datafusion_common::Result as DfResult;
use datafusion_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use tradestat::Area;

use super::args::{coerce_all, invoke_rows, Arg, Integers};
use crate::error::{Error, Result};

/// The text `comtrade_summary` writes for an area: the ISO alpha-3 code for a country, otherwise
/// the Comtrade code as digits ("0" for the World, "490" for Other Asia, n.e.s.).
pub fn area_text(area: Area) -> String {
    match area.country() {
        Some(country) => country.alpha3().to_owned(),
        None => area.comtrade_code().to_string(),
    }
}

/// The area of a Comtrade code given as a SQL integer.
pub(crate) fn area_of(function: &'static str, code: i64) -> Result<Area> {
    let code = u16::try_from(code).map_err(|_| Error::InvalidArgument {
        function,
        reason: format!("area code {code} is out of range 0 to 65535"),
    })?;
    Area::from_comtrade_code(code).map_err(|source| Error::Tradestat {
        context: format!("{function}({code})"),
        source,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Code,
    Name,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct AreaFunction {
    kind: Kind,
    signature: Signature,
}

impl AreaFunction {
    pub(crate) fn udf(kind: Kind) -> Arc<ScalarUDF> {
        Arc::new(ScalarUDF::new_from_impl(AreaFunction {
            kind,
            signature: Signature::user_defined(Volatility::Immutable),
        }))
    }

    fn function(&self) -> &'static str {
        match self.kind {
            Kind::Code => "comtrade_area",
            Kind::Name => "comtrade_area_name",
        }
    }
}

impl ScalarUDFImpl for AreaFunction {
    fn name(&self) -> &str {
        self.function()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> DfResult<Vec<DataType>> {
        coerce_all(self.function(), &[Arg::Integer], arg_types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> DfResult<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> DfResult<ColumnarValue> {
        invoke_rows(&args.args, |arrays, rows| {
            let Some(codes) = arrays.first() else {
                return datafusion_common::exec_err!("{} takes one argument", self.function());
            };
            let codes = Integers::new(codes)?;
            let mut out = StringBuilder::new();
            for row in 0..rows {
                match codes.get(row) {
                    None => out.append_null(),
                    Some(code) => {
                        let area = area_of(self.function(), code)?;
                        match self.kind {
                            Kind::Code => out.append_value(area_text(area)),
                            Kind::Name => out.append_value(area.name()),
                        }
                    }
                }
            }
            Ok(Arc::new(out.finish()) as ArrayRef)
        })
    }
}
