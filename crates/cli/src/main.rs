//! `ringg-preflight`: the command line. The program is
//! [`ringg_preflight_cli::run`], which the Python package's console script
//! calls too.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(ringg_preflight_cli::run(std::env::args_os()))
}
