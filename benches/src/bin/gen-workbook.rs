//! Writes the generated contact file of `ROWS` rows (default 100,000) as
//! an `.xlsx` into the target directory, and prints its path.

use std::process::ExitCode;

fn main() -> ExitCode {
    let rows = match std::env::args()
        .nth(1)
        .map(|t| t.replace('_', "").parse::<usize>())
    {
        None => 100_000,
        Some(Ok(rows)) => rows,
        Some(Err(_)) => {
            eprintln!("usage: gen-workbook [ROWS]");
            return ExitCode::from(2);
        }
    };
    match ringg_preflight_benches::workbook::workbook_file(rows) {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-workbook: {error}");
            ExitCode::from(2)
        }
    }
}
