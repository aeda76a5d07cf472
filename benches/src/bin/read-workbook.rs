//! The floor of a workbook split: `calamine` alone reading every cell of
//! the workbook `FILE`'s first sheet (the bytes read into memory first, as
//! the split reads them). Prints the cells read.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read-workbook FILE.xlsx");
        return ExitCode::from(2);
    };
    let read = std::fs::read(&path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            ringg_preflight_benches::workbook::read_every_cell(&bytes).map_err(|e| e.to_string())
        });
    match read {
        Ok(cells) => {
            println!("{cells}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("read-workbook: {error}");
            ExitCode::from(2)
        }
    }
}
