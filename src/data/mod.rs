//! Layer 4, trade data: flows and their measures and valuations, commodities, and the reported
//! trade record that data sets, groups and currency conversion build on.

pub mod commodity;
pub mod flow;
pub mod record;
