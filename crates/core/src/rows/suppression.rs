//! Suppression lists (S001): numbers that must not be called, from do-not-
//! call registries, opt-outs and other teams' lists.
//!
//! A list is a CSV file with a phone column (the campaign's mapped phone
//! column name, or a name such as `Mobile Number`, `Phone` or `Number`) or
//! a plain file of one number per line, `#` starting a comment. Entries
//! are read as the contacts are, with libphonenumber in the campaign's
//! region, so `098765 43210`, `+91 98765-43210` and `919876543210` are one
//! entry. A line `sha256:<hex>` is the SHA-256 of a number's E.164 text,
//! for lists shared without sharing numbers. Entries are kept as 64-bit
//! keys (the E.164 digits as an integer; the first 8 bytes of a hash), not
//! strings: a list of millions loads in tens of megabytes.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use sha2::{Digest, Sha256};

use crate::findings::error::{Error, ErrorKind};
use crate::phone::{E164, PhoneRules};

/// Column names a list's phone column may have, compared without case,
/// spaces, dashes and underscores.
const PHONE_COLUMNS: [&str; 8] = [
    "mobilenumber",
    "mobile",
    "phone",
    "phonenumber",
    "number",
    "msisdn",
    "e164",
    "contactnumber",
];

/// One suppression list, loaded.
#[derive(Debug, Clone)]
pub struct SuppressionList {
    /// The file's name as given.
    pub name: String,
    /// Number key → the 1-based line of its first entry.
    numbers: HashMap<u64, u32>,
    /// First 8 bytes of an entry's SHA-256 → its line.
    hashes: HashMap<u64, u32>,
    /// Entries that are not valid numbers (or malformed hashes).
    pub invalid_entries: u64,
    /// The line of the first of them.
    pub first_invalid_line: Option<u32>,
}

/// The key of an E.164 number: its digits as an integer (19 digits at
/// most fit in a `u64`).
fn key(number: &E164) -> u64 {
    number.digits()
}

/// The first 8 bytes of the SHA-256 of `e164`'s text, as a key.
fn hash_key(e164: &str) -> u64 {
    let digest = Sha256::digest(e164.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// `sha256:<hex>` in a list, as its key; `None` when malformed.
fn parse_hash(hex: &str) -> Option<u64> {
    let hex = hex.trim();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(&hex[..16], 16).ok()
}

impl SuppressionList {
    /// Reads the list at `path`, numbers read by `phone_rules`;
    /// `phone_column` is the contacts' phone column name, tried first.
    pub fn from_path(
        path: &Path,
        phone_rules: &PhoneRules,
        phone_column: &str,
    ) -> Result<Self, Error> {
        let io_error = |source| {
            Error::from(ErrorKind::Io {
                path: Some(path.to_owned()),
                source,
            })
        };
        let file = std::fs::File::open(path).map_err(io_error)?;
        Self::from_reader(file, &path.display().to_string(), phone_rules, phone_column)
            .map_err(io_error)
    }

    /// Reads a list from `reader`, named `name` in messages.
    pub fn from_reader(
        reader: impl Read,
        name: &str,
        phone_rules: &PhoneRules,
        phone_column: &str,
    ) -> std::io::Result<Self> {
        let mut list = SuppressionList {
            name: name.to_owned(),
            numbers: HashMap::new(),
            hashes: HashMap::new(),
            invalid_entries: 0,
            first_invalid_line: None,
        };
        for_each_entry(reader, phone_column, |entry, line| {
            list.add(entry, line, phone_rules)
        })?;
        Ok(list)
    }

    fn add(&mut self, entry: &str, line: u32, phone_rules: &PhoneRules) {
        if let Some(hex) = entry.strip_prefix("sha256:") {
            match parse_hash(hex) {
                Some(key) => {
                    self.hashes.entry(key).or_insert(line);
                }
                None => self.invalid(line),
            }
            return;
        }
        match phone_rules.check(entry).number {
            Some(number) => {
                self.numbers.entry(key(&number.e164)).or_insert(line);
            }
            None => self.invalid(line),
        }
    }

    fn invalid(&mut self, line: u32) {
        self.invalid_entries += 1;
        self.first_invalid_line.get_or_insert(line);
    }

    /// Entries loaded (numbers and hashes).
    pub fn len(&self) -> usize {
        self.numbers.len() + self.hashes.len()
    }

    /// No entry loaded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The line of `number`'s entry, when the list holds it.
    pub fn line_of(&self, number: &E164) -> Option<u32> {
        if let Some(line) = self.numbers.get(&key(number)) {
            return Some(*line);
        }
        if self.hashes.is_empty() {
            return None;
        }
        self.hashes.get(&hash_key(&number.to_string())).copied()
    }
}

/// Calls `entry` with each entry of a list and its 1-based line: the
/// cells of its phone column for a CSV list (a first line naming
/// `phone_column` or a known phone column name), else each line without
/// its `#` comment; blank entries are skipped.
pub fn for_each_entry(
    reader: impl Read,
    phone_column: &str,
    mut entry: impl FnMut(&str, u32),
) -> std::io::Result<()> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '\u{feff}'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = squash(phone_column);
    // The CSV form: a header naming a phone column. Its index, once the
    // first line is read; `None` for a plain list.
    let mut column: Option<usize> = None;
    let mut reader = BufReader::new(reader);
    let mut line = String::new();
    let mut number = 0u32;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        number += 1;
        let text = line.trim_end_matches(['\n', '\r']);
        if number == 1 && text.contains(',') {
            let names: Vec<&str> = text
                .split(',')
                .map(|n| n.trim().trim_matches('"'))
                .collect();
            let found = names.iter().position(|n| squash(n) == wanted).or_else(|| {
                names
                    .iter()
                    .position(|n| PHONE_COLUMNS.contains(&squash(n).as_str()))
            });
            if let Some(index) = found {
                column = Some(index);
                continue;
            }
        }
        let cell = match column {
            // Cells of the phone column; quotes are not expected in
            // numbers and are dropped.
            Some(index) => text
                .split(',')
                .nth(index)
                .unwrap_or("")
                .trim()
                .trim_matches('"'),
            None => text.split('#').next().unwrap_or("").trim(),
        };
        if !cell.is_empty() {
            entry(cell, number);
        }
    }
}

/// `sha256:<hex>` of a number's E.164 text: a list line that matches it
/// without holding it.
pub fn hashed_entry(number: &E164) -> String {
    let digest = Sha256::digest(number.to_string().as_bytes());
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for byte in digest {
        out.push_str(&format!("{byte:02x}"));
    }
    out
}

/// The lists of a run, checked in order: the first that holds a number
/// names it.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// The lists.
    pub lists: Vec<SuppressionList>,
}

impl Suppressions {
    /// The first list holding `number`: its index and the entry's line.
    pub fn find(&self, number: &E164) -> Option<(usize, u32)> {
        self.lists
            .iter()
            .enumerate()
            .find_map(|(index, list)| list.line_of(number).map(|line| (index, line)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::NumberType;

    fn india() -> PhoneRules {
        PhoneRules::new(Some(91), &NumberType::ANSWERABLE)
    }

    fn e164(text: &str) -> E164 {
        india().check(text).number.unwrap().e164
    }

    #[test]
    fn spellings_of_one_number_are_one_entry() {
        let list = SuppressionList::from_reader(
            "# opted out\n098765 43210\n+91 98765-43210\n919876543210 # again\n\nnot a number\n"
                .as_bytes(),
            "dnd.txt",
            &india(),
            "Mobile Number",
        )
        .unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list.line_of(&e164("+919876543210")), Some(2));
        assert_eq!(list.line_of(&e164("+919876543211")), None);
        assert_eq!(
            (list.invalid_entries, list.first_invalid_line),
            (1, Some(6))
        );
    }

    #[test]
    fn a_csv_list_is_read_by_its_phone_column() {
        let list = SuppressionList::from_reader(
            "Name,Phone,Reason\nAsha,+91 98765 43210,opt-out\nRavi,,\n".as_bytes(),
            "optouts.csv",
            &india(),
            "Mobile Number",
        )
        .unwrap();
        assert_eq!(list.line_of(&e164("9876543210")), Some(2));
        assert_eq!(list.invalid_entries, 0, "an empty cell is no entry");
    }

    #[test]
    fn hashed_entries_match_without_holding_the_number() {
        let number = e164("+919876543210");
        let text = format!("{}\nsha256:xyz\n", hashed_entry(&number));
        let list =
            SuppressionList::from_reader(text.as_bytes(), "shared.txt", &india(), "Mobile Number")
                .unwrap();
        assert_eq!(list.line_of(&number), Some(1));
        assert_eq!(list.line_of(&e164("+919876543211")), None);
        assert_eq!(list.invalid_entries, 1);
        assert_eq!(
            hashed_entry(&number),
            "sha256:".to_owned() + &format!("{:x}", Sha256::digest(b"+919876543210"))
        );
    }
}
