//! The integration tests, as one binary (each test binary links all of DataFusion).

// A failing unwrap is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod decimal;
mod functions;
mod props;
