//! The trade-data layer: country groups and currency conversion (records and data sets join it).

pub mod fx;
pub mod group;
