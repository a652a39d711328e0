//! The integration tests, as one binary (each test binary links all of DataFusion).

// A failing unwrap is a failing test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod agree;
mod ballista;
mod batch;
mod common;
mod decimal;
mod files;
mod functions;
mod hardening;
mod props;
mod provider;

/// The example's query and printer, tested here on files with known answers.
#[allow(dead_code, unreachable_pub)]
#[path = "../../examples/comtrade_sql.rs"]
mod comtrade_sql;
