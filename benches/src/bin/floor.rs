//! The floor of SPEC §7 as a program, for whole-process timings side by
//! side with `ringg-preflight split`: `floor INPUT.csv OUTPUT.csv` parses
//! the input with the `csv` crate and copies every record to the output.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: floor INPUT.csv OUTPUT.csv");
        return ExitCode::from(2);
    };
    let run = || -> Result<u64, Box<dyn std::error::Error>> {
        let input = File::open(input)?;
        let output = BufWriter::with_capacity(1 << 16, File::create(output)?);
        Ok(ringg_preflight_benches::floor_copy(input, output)?)
    };
    match run() {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("floor: {error}");
            ExitCode::from(2)
        }
    }
}
