//! One module per command.

pub(crate) mod chart;
pub(crate) mod check;
pub(crate) mod convert;
pub(crate) mod fetch;
pub(crate) mod indicators;
pub(crate) mod parse;
pub(crate) mod profile;
pub(crate) mod summary;
pub(crate) mod target;
pub(crate) mod worldbank;
