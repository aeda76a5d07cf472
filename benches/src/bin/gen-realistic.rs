//! Writes the realistic contact file of `ROWS` rows (default 100,000: the
//! mix of issue 18, every name quoted) into the target directory, or to
//! `OUTPUT` when given, and prints its path.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let rows = match args
        .next()
        .map(|text| text.replace('_', "").parse::<usize>())
    {
        None => 100_000,
        Some(Ok(rows)) => rows,
        Some(Err(_)) => {
            eprintln!("usage: gen-realistic [ROWS] [OUTPUT.csv]");
            return ExitCode::from(2);
        }
    };
    let written = match args.next() {
        Some(path) => std::fs::File::create(&path)
            .and_then(|file| {
                ringg_preflight_benches::generate_realistic(
                    rows,
                    ringg_preflight_benches::SEED,
                    file,
                )
            })
            .map(|()| path.into()),
        None => ringg_preflight_benches::realistic_file(rows),
    };
    match written {
        Ok(path) => {
            println!("{}", path.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("gen-realistic: {error}");
            ExitCode::from(2)
        }
    }
}
