//! The byline binary: parses arguments, runs the command, prints the error chain.

use std::process::ExitCode;

use byline::cli::Cli;
use byline::commands::{self, Outcome};
use byline::errln;
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    match commands::run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(3),
        Ok(Outcome::Unsound | Outcome::NothingFound) => ExitCode::from(1),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) if commands::is_unknown_id(&e) => {
            errln!("byline: {e:#}");
            ExitCode::from(1)
        }
        Err(e) => {
            // Through the guard, like every output: the chain may name files and URLs.
            errln!("byline: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Help and version as clap prints them; a usage error (which echoes what was typed) through
/// the guard, without clap's colours.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    errln!("{}", e.render().to_string().trim_end());
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
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
