//! Layer 4, trade data: records, data sets, bilateral views, groups, currency conversion and
//! the trade indicators.

pub mod indicators;
