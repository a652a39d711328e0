//! The figures every indicator asks for again and again, computed once per data set: a country's
//! total (and where it came from) per measure and period, whether it reports a flow at all in a
//! period, and the world per period.
//!
//! The memos live in the [`TradeData`] (immutable, so nothing invalidates them) and are filled
//! lazily: a data set read only for its records pays nothing. Each holds exactly what the rules
//! of [`gather`](super::gather) give, errors included, so an indicator reads the same figure,
//! or the same refusal, from the cache as it would compute (a rejected row stays refused).

use std::sync::Arc;

use super::gather::Total;
use super::share::TotalSource;
use super::world::World;
use crate::area::Area;
use crate::dataset::cache::Memo;
use crate::dataset::TradeData;
use crate::error::Result;
use crate::flow::{Flow, Measure};
use crate::period::Period;

/// A country's total of a measure: the figure and its source, or none.
pub(super) type CountryTotal = Result<Option<(Total, TotalSource)>>;

/// The memos of one data set.
#[derive(Default)]
pub(crate) struct Cache {
    /// Per (reporter, measure, period): `gather::country_total` of the total of all goods.
    totals: Memo<(Area, Measure, Period), CountryTotal>,
    /// Per (reporter, flow, period): whether it reported the flow with any partner.
    reports: Memo<(Area, Flow, Period), Result<bool>>,
    /// Per period: the world summed over the reporters.
    worlds: Memo<Period, Result<Arc<World>>>,
}

impl Cache {
    pub(super) fn total(
        data: &TradeData,
        key: (Area, Measure, Period),
        compute: impl FnOnce() -> CountryTotal,
    ) -> CountryTotal {
        data.indicator_cache()
            .totals
            .get_or_insert_with(key, compute)
    }

    pub(super) fn reports(
        data: &TradeData,
        key: (Area, Flow, Period),
        compute: impl FnOnce() -> Result<bool>,
    ) -> Result<bool> {
        data.indicator_cache()
            .reports
            .get_or_insert_with(key, compute)
    }

    pub(super) fn world(
        data: &TradeData,
        period: Period,
        compute: impl FnOnce() -> Result<Arc<World>>,
    ) -> Result<Arc<World>> {
        data.indicator_cache()
            .worlds
            .get_or_insert_with(period, compute)
    }
}
