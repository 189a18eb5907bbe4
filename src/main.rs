//! The byline binary: parses arguments, runs the command, prints the error chain.

use std::process::ExitCode;

use byline::cli::Cli;
use byline::commands::{self, Outcome};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(3),
        Ok(Outcome::Unsound) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("byline: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `byline list | head` closes our stdout early; that is not an error worth reporting.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        let pipe = std::io::ErrorKind::BrokenPipe;
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == pipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(pipe))
    })
}
