//! Layer 4, trade data: flows and their measures and valuations, commodities, and the reported
//! trade record; data sets of records and the bilateral views, mirror statistics and group
//! aggregates on them; country groups and currency conversion; the trade indicators.

pub mod asymmetry;
pub mod bilateral;
pub mod commodity;
pub mod dataset;
pub mod flags;
pub mod flow;
pub mod fx;
pub mod group;
pub mod indicators;
pub mod perspective;
pub mod record;
pub mod reliability;
