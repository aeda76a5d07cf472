//! Writes the generated suppression list of `ENTRIES` numbers (default
//! 1,000,000) into the target directory and prints its path.

use std::process::ExitCode;

fn main() -> ExitCode {
    let entries = match std::env::args()
        .nth(1)
        .map(|text| text.replace('_', "").parse::<usize>())
    {
        None => 1_000_000,
        Some(Ok(entries)) => entries,
        Some(Err(_)) => {
            eprintln!("usage: gen-suppression [ENTRIES]");
            return ExitCode::from(2);
        }
    };
    match ringg_preflight_benches::suppression_file(entries) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-suppression: {error}");
            ExitCode::from(2)
        }
    }
}
