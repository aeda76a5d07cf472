//! Inputs and the floor for the benchmarks of SPEC §7.
//!
//! [`generate_contacts`] writes a deterministic contact file
//! (`Mobile Number,Name,Policy ID,Due Date`) in the spellings people and
//! spreadsheets produce, with about 5% bad rows; [`generate_realistic`]
//! one shaped like the files campaign owners upload (every name quoted,
//! mostly `+91` numbers, 5% bad phones, 2% bad dates). [`floor_copy`] is
//! the floor `split` is measured against: parse with the `csv` crate and
//! copy every record to one output, nothing else. Generated files live in
//! the target directory, never in the repository.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

pub mod workbook;

/// The header of the generated contact files.
pub const HEADER: &str = "Mobile Number,Name,Policy ID,Due Date";

/// The seed of every generated input: the same bytes on every machine.
pub const SEED: u64 = 0x5EED_2026_1017;

/// The clock the benchmarks pass as `--now` (the campaign starts the day after).
pub const NOW: &str = "2026-10-17T09:00:00+05:30";

/// A small, fast, seedable generator (SplitMix64): enough for test data,
/// and no dependency.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator that always yields the same sequence for `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        // Multiply-shift: unbiased enough for test data, no division.
        ((u128::from(self.next_u64()) * u128::from(bound)) >> 64) as u64
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Asha", "Ravi", "Meera", "Arjun", "Priya", "Vikram", "Anita", "Rahul", "Kavya", "Sanjay",
    "Divya", "Karan", "Neha", "Rohan", "Pooja", "Aditya",
];
const LAST_NAMES: [&str; 12] = [
    "Rao", "Kumar", "Iyer", "Shah", "Patel", "Singh", "Nair", "Gupta", "Reddy", "Das", "Menon",
    "Joshi",
];

/// Leading digits of Indian mobile ranges in use, so that the "good" rows
/// are valid numbers and bad rows come only from the deliberate 5%.
const MOBILE_PREFIXES: [&str; 16] = [
    "98", "99", "97", "96", "95", "94", "93", "90", "89", "88", "87", "86", "85", "70", "79", "63",
];

/// Ten digits of an Indian mobile number.
fn indian_mobile(rng: &mut SplitMix64) -> String {
    let mut number = String::with_capacity(10);
    let prefix = MOBILE_PREFIXES[rng.below(MOBILE_PREFIXES.len() as u64) as usize];
    number.push_str(prefix);
    for _ in 0..8 {
        number.push(char::from(b'0' + rng.below(10) as u8));
    }
    number
}

/// One of the spellings a good number arrives in.
fn spelling(rng: &mut SplitMix64, ten: &str) -> String {
    let (head, tail) = ten.split_at(5);
    match rng.below(100) {
        0..30 => format!("+91{ten}"),
        30..45 => ten.to_owned(),
        45..55 => format!("+91 {head} {tail}"),
        55..65 => format!("0{head} {tail}"),
        65..72 => format!("91{ten}"),
        72..78 => format!("+91-{head}-{tail}"),
        78..83 => format!("0091 {ten}"),
        83..86 => format!("'+91{ten}"),
        86..88 => format!("{ten}.0"),
        88..92 => format!("{head}-{tail}"),
        // Numbers from abroad: British mobiles and US numbers.
        92..96 => format!("+44 7400 {:06}", rng.below(1_000_000)),
        _ => format!("+1 201 {} {:04}", 200 + rng.below(800), rng.below(10_000)),
    }
}

fn due_date(rng: &mut SplitMix64) -> String {
    format!("{:02}/{:02}/2026", 1 + rng.below(28), 1 + rng.below(12))
}

/// Writes `rows` contact rows after the header. About 5% of the rows are
/// bad in one of many ways (a short, letter-bearing, empty, toll-free or
/// scientific-notation number, several numbers or an extension in one cell,
/// an empty name, a ragged row, a repeated number, a date in another
/// format); a few more carry warnings (formula-like names).
pub fn generate_contacts<W: Write>(rows: usize, seed: u64, out: W) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut rng = SplitMix64::new(seed);
    let mut earlier = Vec::with_capacity(64);
    writeln!(out, "{HEADER}")?;
    for row in 1..=rows {
        let ten = indian_mobile(&mut rng);
        let mut phone = spelling(&mut rng, &ten);
        let first = *rng.pick(&FIRST_NAMES);
        let last = *rng.pick(&LAST_NAMES);
        let mut name = match rng.below(10) {
            0 => format!("\"{last}, {first}\""),
            _ => format!("{first} {last}"),
        };
        let policy = format!("POL-{row:07}");
        let mut date = due_date(&mut rng);
        if earlier.len() < 64 {
            earlier.push(ten.clone());
        }
        if rng.below(1000) < 50 {
            match rng.below(12) {
                0 => phone = ten[..5].to_owned(),
                1 => phone = format!("{}O{}", &ten[..4], &ten[5..]),
                2 => phone.clear(),
                3 => phone = "9.19876E+11".to_owned(),
                4 => phone = format!("1800 {:03} {:04}", rng.below(1000), rng.below(10_000)),
                5 => phone = format!("\"{ten}, 9{}\"", &ten[1..]),
                6 => phone = format!("{ten} ext {}", rng.below(100)),
                7 => name.clear(),
                8 => {
                    writeln!(out, "{phone},{name},{policy}")?;
                    continue;
                }
                9 => phone = format!("+91{}", rng.pick(&earlier)),
                10 => date = format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                _ => phone = format!("+91 {}", &ten[..9]),
            }
        } else if rng.below(1000) < 5 {
            name = format!("={first}");
        }
        writeln!(out, "{phone},{name},{policy},{date}")?;
    }
    out.flush()
}

const REALISTIC_FIRST_NAMES: [&str; 24] = [
    "Aarav",
    "Vivaan",
    "Aditya",
    "Ananya",
    "Diya",
    "Ishaan",
    "Saanvi",
    "Arjun",
    "Kavya",
    "Reyansh",
    "Meera",
    "Vihaan",
    "Aadhya",
    "Krishna",
    "Lakshmi",
    "Rohan",
    "Priya",
    "Sai",
    "Anika",
    "Karthik",
    "Neha",
    "Siddharth",
    "Pooja",
    "Rahul",
];
const REALISTIC_LAST_NAMES: [&str; 20] = [
    "Iyer",
    "Sharma",
    "Verma",
    "Reddy",
    "Nair",
    "Patel",
    "Gupta",
    "Singh",
    "Menon",
    "Rao",
    "Kulkarni",
    "Chatterjee",
    "Banerjee",
    "Das",
    "Pillai",
    "Joshi",
    "Mehta",
    "Shah",
    "Agarwal",
    "Mukherjee",
];

/// A good number in the mix of [`generate_realistic`]: 55% `+91` and ten
/// digits, 20% ten digits, 10% `+91 98765 43210`, 5% `0` and ten digits,
/// 5% `+91-987-654-3210` (the other 5% are bad, drawn by the caller).
fn realistic_spelling(rng: &mut SplitMix64, ten: &str) -> String {
    match rng.below(95) {
        0..55 => format!("+91{ten}"),
        55..75 => ten.to_owned(),
        75..85 => format!("+91 {} {}", &ten[..5], &ten[5..]),
        85..90 => format!("0{ten}"),
        _ => format!("+91-{}-{}-{}", &ten[..3], &ten[3..6], &ten[6..]),
    }
}

/// One of the bad phone cells of [`generate_realistic`]: too short, too
/// long, a letter O for a zero, empty, a placeholder, a number with no
/// Indian mobile or fixed-line range behind it.
fn realistic_bad_phone(rng: &mut SplitMix64, ten: &str) -> String {
    match rng.below(6) {
        0 => format!("+91{}", &ten[..9]),
        1 => format!("{ten}{}", rng.below(10)),
        2 => format!("{}O{}", &ten[..4], &ten[5..]),
        3 => String::new(),
        4 => "NA".to_owned(),
        _ => format!("+91 1{}", &ten[1..]),
    }
}

/// Writes `rows` contact rows after [`HEADER`], shaped like the files
/// campaign owners upload (issue 18): every name quoted (`"Aarav Iyer"`),
/// the phone spelt as [`realistic_spelling`] says for 95% of the rows and
/// bad for 5%, and 2% of the due dates not in `DD/MM/YYYY` (or no date).
pub fn generate_realistic<W: Write>(rows: usize, seed: u64, out: W) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut rng = SplitMix64::new(seed);
    writeln!(out, "{HEADER}")?;
    for row in 1..=rows {
        let ten = indian_mobile(&mut rng);
        let phone = if rng.below(100) < 5 {
            realistic_bad_phone(&mut rng, &ten)
        } else {
            realistic_spelling(&mut rng, &ten)
        };
        let first = *rng.pick(&REALISTIC_FIRST_NAMES);
        let last = *rng.pick(&REALISTIC_LAST_NAMES);
        let date = if rng.below(100) < 2 {
            match rng.below(4) {
                0 => format!("2026-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                1 => format!("{:02}/13/2026", 1 + rng.below(28)),
                2 => "31/02/2026".to_owned(),
                _ => "TBD".to_owned(),
            }
        } else {
            due_date(&mut rng)
        };
        writeln!(out, "{phone},\"{first} {last}\",POL-{row:07},{date}")?;
    }
    out.flush()
}

/// The floor of SPEC §7: parse `input` with the `csv` crate and copy every
/// record to `output`, nothing else. Returns the records copied (header
/// included).
pub fn floor_copy<R: Read, W: Write>(input: R, output: W) -> csv::Result<u64> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(input);
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_writer(output);
    let mut record = csv::ByteRecord::new();
    let mut copied = 0;
    while reader.read_byte_record(&mut record)? {
        writer.write_byte_record(&record)?;
        copied += 1;
    }
    writer.flush()?;
    Ok(copied)
}

/// Where generated inputs go: `bench-data/` in the target directory
/// (`CARGO_TARGET_DIR`, else the workspace's `target/`).
pub fn data_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("bench-data")
}

/// The generated file of `rows` contacts, written on first use.
pub fn contacts_file(rows: usize) -> io::Result<PathBuf> {
    let dir = data_dir();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("contacts-{rows}.csv"));
    if !path.exists() {
        // Written under a temporary name so an interrupted run leaves no
        // truncated file behind under the real one.
        let partial = dir.join(format!(".contacts-{rows}.{}.tmp", std::process::id()));
        generate_contacts(rows, SEED, File::create(&partial)?)?;
        fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// The realistic file of `rows` contacts ([`generate_realistic`]),
/// written on first use beside the benchmark file.
pub fn realistic_file(rows: usize) -> io::Result<PathBuf> {
    let dir = data_dir();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("realistic-{rows}.csv"));
    if !path.exists() {
        let partial = dir.join(format!(".realistic-{rows}.{}.tmp", std::process::id()));
        generate_realistic(rows, SEED, File::create(&partial)?)?;
        fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// Writes a suppression list of `entries` numbers, one per line as a
/// do-not-call scrub exports them (`+91` and ten digits). One in a hundred
/// is a number of the generated contact file (the same generator and
/// seed), so the list suppresses some contacts, as a real one does.
pub fn generate_suppression_list<W: Write>(entries: usize, out: W) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut contacts = SplitMix64::new(SEED);
    let mut others = SplitMix64::new(SEED ^ 0x5eed);
    writeln!(out, "# generated do-not-call list, {entries} entries")?;
    for entry in 0..entries {
        let number = if entry % 100 == 0 {
            indian_mobile(&mut contacts)
        } else {
            indian_mobile(&mut others)
        };
        writeln!(out, "+91{number}")?;
    }
    out.flush()
}

/// The generated suppression list of `entries` numbers, written on first
/// use beside the contact files.
pub fn suppression_file(entries: usize) -> io::Result<PathBuf> {
    let dir = data_dir();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("suppression-{entries}.txt"));
    if !path.exists() {
        let partial = dir.join(format!(".suppression-{entries}.{}.tmp", std::process::id()));
        generate_suppression_list(entries, File::create(&partial)?)?;
        fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// The campaign the benchmarks check against (`fixtures/campaign.json`:
/// `+91`, the four columns mapped, `Due Date` declared as a date).
pub fn campaign_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/campaign.json")
}

/// Phone cells in the spellings of [`generate_contacts`], good and bad.
pub fn phone_cells(count: usize, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    (0..count)
        .map(|_| {
            let ten = indian_mobile(&mut rng);
            spelling(&mut rng, &ten)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic_and_shaped_like_the_spec_file() {
        let mut first = Vec::new();
        let mut second = Vec::new();
        generate_contacts(2_000, SEED, &mut first).unwrap();
        generate_contacts(2_000, SEED, &mut second).unwrap();
        assert_eq!(first, second);
        let text = String::from_utf8(first).unwrap();
        assert_eq!(text.lines().next(), Some(HEADER));
        assert_eq!(text.lines().count(), 2_001);
    }

    #[test]
    fn the_realistic_generator_is_deterministic_and_quotes_every_name() {
        let mut first = Vec::new();
        let mut second = Vec::new();
        generate_realistic(2_000, SEED, &mut first).unwrap();
        generate_realistic(2_000, SEED, &mut second).unwrap();
        assert_eq!(first, second);
        let text = String::from_utf8(first).unwrap();
        assert_eq!(text.lines().next(), Some(HEADER));
        assert_eq!(text.lines().count(), 2_001);
        assert!(text.lines().skip(1).all(|line| line.contains(",\"")));
        let plus_91 = text.lines().filter(|line| line.starts_with("+91")).count();
        // 55% + 10% + 5% of the 95% good, and a few bad ones.
        assert!((1_200..1_450).contains(&plus_91), "{plus_91}");
    }

    #[test]
    fn the_floor_copies_every_record() {
        let mut input = Vec::new();
        generate_contacts(500, SEED, &mut input).unwrap();
        let mut output = Vec::new();
        assert_eq!(floor_copy(&input[..], &mut output).unwrap(), 501);
        // Same records on both sides (quoting may differ, content may not).
        let records = |bytes: &[u8]| {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(bytes)
                .into_byte_records()
                .map(Result::unwrap)
                .collect::<Vec<_>>()
        };
        assert_eq!(records(&input), records(&output));
    }
}
