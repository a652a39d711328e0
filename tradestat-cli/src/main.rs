//! `tradestat`: every answer of the tradestat crate from the command line. A thin layer: every
//! number comes from the library; this binary parses flags, reads files and formats output.

#![forbid(unsafe_code)]

mod cli;
mod cmd;
mod fail;
mod fetch_args;
mod input;
mod output;
mod progress;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::fail::Fail;
use crate::progress::Progress;

fn main() -> ExitCode {
    // A bug must still end in one line, never in a Rust panic message.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "tradestat: internal error{place}; please report it"
        );
    }));
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // --help and --version go to standard output; a closed pipe there is not an error.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) if fail.closed_pipe => ExitCode::SUCCESS,
        Err(fail) => {
            let _ = writeln!(std::io::stderr(), "tradestat: {fail}");
            ExitCode::from(fail.kind.code())
        }
    }
}

fn run(cli: Cli) -> Result<(), Fail> {
    let progress = Progress::new(cli.quiet);
    match cli.command {
        Command::Target(args) => cmd::target::run(&args),
        Command::Summary(args) => cmd::summary::run(&args, &progress, cli.quiet),
        Command::Profile(args) => cmd::profile::run(&args, &progress),
        Command::Indicators(args) => cmd::indicators::run(&args, &progress),
        Command::Check(args) => cmd::check::run(&args, &progress),
        Command::Convert(args) => cmd::convert::run(&args, &progress, cli.quiet),
        Command::Chart(args) => cmd::chart::run(&args, &progress),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut command, "tradestat", &mut text);
            output::emit(None, &String::from_utf8_lossy(&text))
        }
        Command::Fetch { service } => cmd::fetch::run(&service, cli.quiet),
    }
}
