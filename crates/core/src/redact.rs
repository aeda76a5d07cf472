//! Personal data masked in the outputs many people read (`--redact`): CI
//! logs, code-scanning alerts, terminals shared on a call. A phone number
//! keeps its country code and its last two digits (`+91******10`), any
//! other cell value becomes its length (`‹9 chars›`). `valid.csv` and
//! `invalid.csv` are never redacted: they are the data.
//!
//! A message names a cell's value in backticks, and may name a number it
//! reads (`+919876543210`) or a date in plain text. It fails closed: every
//! backticked part is masked unless it is the finding's column name or a
//! variable; every run of digits that could be a number, and every value of
//! the row's cells, is masked wherever it appears.

use std::borrow::Cow;

use csv::ByteRecord;

use crate::finding::Finding;
use crate::phone::metadata;
use crate::text::escape_invisible;
use crate::validate::RowVerdict;

/// Hidden digits of a masked number: always six, so the mask does not tell
/// the number's length either.
const HIDDEN: &str = "******";

/// Digits a plain-text run needs to be masked as a number: the long
/// numbers of a message (row numbers, counts, years are shorter).
const NUMBER_RUN_DIGITS: usize = 7;

/// Shortest cell value masked wherever it appears in a message: shorter
/// ones (`1`, `IN`) would mask the message's own words and figures, and
/// are masked when the message quotes them.
const CELL_MATCH_CHARS: usize = 3;

/// Masks personal data: see the module's documentation.
#[derive(Debug, Clone, Copy, Default)]
pub struct Redactor {
    calling_code: Option<u16>,
}

impl Redactor {
    /// A redactor for a campaign whose numbers without `+` are read with
    /// `calling_code` (`None`: such numbers keep no country code).
    pub fn new(calling_code: Option<u16>) -> Self {
        Redactor { calling_code }
    }

    /// One cell's value masked: a number as [`Redactor::phone`], anything
    /// else as its length (`‹9 chars›`). An empty cell stays empty.
    pub fn cell(&self, text: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        self.phone(text).unwrap_or_else(|| length(text))
    }

    /// `text` masked as a phone number (`+91******10`) when it is written
    /// as one: digits with the separators numbers are written with, an
    /// optional `+` or `00`, a spreadsheet's `'` or `="…"` around it.
    /// `None` for anything else (letters, a date).
    pub fn phone(&self, text: &str) -> Option<String> {
        let bare = unwrap_spreadsheet(text.trim());
        let digits: String = bare.chars().filter(char::is_ascii_digit).collect();
        let number_like = digits.len() >= 4
            && bare.char_indices().all(|(i, c)| {
                c.is_ascii_digit() || " -.()\u{a0}".contains(c) || (c == '+' && i == 0)
            });
        if !number_like || looks_like_date(bare) {
            return None;
        }
        let international = if bare.starts_with('+') {
            Some(digits.as_str())
        } else {
            digits.strip_prefix("00").filter(|_| bare.starts_with("00"))
        };
        let code = match international {
            Some(rest) => calling_code_at_start(rest),
            None => self.calling_code,
        };
        let last_two = &digits[digits.len() - 2..];
        Some(match code {
            Some(code) => format!("+{code}{HIDDEN}{last_two}"),
            None => format!("{HIDDEN}{last_two}"),
        })
    }

    /// `message` with the values it names masked. `cells` are the values
    /// it may name (masked wherever they appear); `column` is the
    /// finding's column name, which stays.
    pub fn message(&self, message: &str, cells: &[Cow<'_, str>], column: Option<&str>) -> String {
        let mut out = String::with_capacity(message.len());
        // Even parts are plain text, odd ones were between backticks; an
        // unclosed backtick's rest counts as quoted.
        for (index, part) in message.split('`').enumerate() {
            if index % 2 == 0 {
                if index > 0 {
                    out.push('`');
                }
                self.mask_plain(part, cells, &mut out);
            } else {
                out.push('`');
                if Some(part) == column || is_literal(part) {
                    out.push_str(part);
                } else {
                    out.push_str(&self.cell(part));
                }
            }
        }
        if message.matches('`').count() % 2 == 1 {
            out.push('`');
        }
        out
    }

    /// A file- or header-level message (no row's cells to go by) with the
    /// numbers it names masked: a quoted part written as a number, and the
    /// digit runs that could be one. The rest stays: it names columns.
    pub fn level_message(&self, message: &str) -> String {
        let mut out = String::with_capacity(message.len());
        for (index, part) in message.split('`').enumerate() {
            if index > 0 {
                out.push('`');
            }
            match self.phone(part).filter(|_| index % 2 == 1) {
                Some(masked) => out.push_str(&masked),
                None => self.mask_plain(part, &[], &mut out),
            }
        }
        out
    }

    /// `finding` with its message masked for a row of `cells`.
    pub fn finding(&self, finding: &Finding, cells: &[Cow<'_, str>]) -> Finding {
        let mut finding = finding.clone();
        finding.message = self.message(
            &finding.message,
            cells,
            finding.location.column_name.as_deref(),
        );
        finding
    }

    /// `record` with every cell masked, at the same position.
    pub fn record(&self, record: &ByteRecord) -> ByteRecord {
        let mut masked = ByteRecord::with_capacity(record.as_slice().len(), record.len());
        for field in record {
            masked.push_field(self.cell(&String::from_utf8_lossy(field)).as_bytes());
        }
        masked.set_position(record.position().cloned());
        masked
    }

    /// The verdict on `record` and the record, both masked: what the
    /// outputs people read are given under `--redact`. The accepted number
    /// is dropped and the repairs masked, so nothing downstream can print
    /// them.
    pub fn verdict(&self, verdict: &RowVerdict, record: &ByteRecord) -> (RowVerdict, ByteRecord) {
        let mut masked = verdict.clone();
        masked.phone = None;
        for finding in &mut masked.findings {
            // A finding about one cell names that cell's value; one about
            // the row may name any.
            let cells = match finding.location.column {
                Some(column) => cell_texts(record.iter().skip(column - 1).take(1)),
                None => cell_texts(record.iter()),
            };
            *finding = self.finding(finding, &cells);
        }
        for (_, text) in &mut masked.repairs {
            *text = self.cell(text);
        }
        (masked, self.record(record))
    }

    /// Appends `text` (not quoted) to `out` with the cells' values and the
    /// long digit runs masked.
    fn mask_plain(&self, text: &str, cells: &[Cow<'_, str>], out: &mut String) {
        // Numbers first: a number reading (`+9198765`) masks whole, not
        // around the cell (`98765`) it was read from.
        let mut cuts: Vec<(usize, usize, String)> = Vec::new();
        let free = |cuts: &[(usize, usize, String)], start: usize, end: usize| {
            cuts.iter().all(|&(s, e, _)| end <= s || e <= start)
        };
        for (start, end) in number_runs(text) {
            let run = &text[start..end];
            cuts.push((start, end, self.phone(run).unwrap_or_else(|| length(run))));
        }
        // Then the cells' values, longest first: a cell holding another's
        // value masks as itself.
        let mut values: Vec<&str> = cells
            .iter()
            .map(|cell| cell.trim())
            .filter(|cell| cell.chars().count() >= CELL_MATCH_CHARS)
            .collect();
        values.sort_by_key(|value| std::cmp::Reverse(value.len()));
        for value in values {
            for (start, _) in text.match_indices(value) {
                let end = start + value.len();
                if free(&cuts, start, end) {
                    cuts.push((start, end, self.cell(value)));
                }
            }
        }
        cuts.sort_by_key(|&(start, _, _)| start);
        let mut at = 0;
        for (start, end, masked) in cuts {
            out.push_str(&text[at..start]);
            out.push_str(&masked);
            at = end;
        }
        out.push_str(&text[at..]);
    }
}

/// Cells as text, as messages show them: the text itself and, where it
/// differs, with invisible characters escaped.
fn cell_texts<'r>(fields: impl Iterator<Item = &'r [u8]>) -> Vec<Cow<'r, str>> {
    let mut cells = Vec::new();
    for field in fields {
        let text = String::from_utf8_lossy(field);
        if let Cow::Owned(escaped) = escape_invisible(&text) {
            cells.push(Cow::Owned(escaped));
        }
        cells.push(text);
    }
    cells
}

/// `‹9 chars›`.
fn length(text: &str) -> String {
    match text.chars().count() {
        1 => "‹1 char›".to_owned(),
        n => format!("‹{n} chars›"),
    }
}

/// A quoted part of a message that is the rule's own text, not a value:
/// a variable (`{{name}}`) or a lone sign (`=`, `+`).
fn is_literal(part: &str) -> bool {
    (part.starts_with("{{") && part.ends_with("}}"))
        || (part.chars().count() <= 2 && !part.chars().any(char::is_alphanumeric))
}

/// The number inside a spreadsheet's protections: `'9876543210`,
/// `="9876543210"`.
fn unwrap_spreadsheet(text: &str) -> &str {
    if let Some(inner) = text.strip_prefix("=\"").and_then(|t| t.strip_suffix('"')) {
        return inner;
    }
    text.strip_prefix('\'').unwrap_or(text)
}

/// `2026-10-20`, `20.10.2026`: three groups of digits, the shape of a date
/// rather than a number.
fn looks_like_date(text: &str) -> bool {
    let groups: Vec<&str> = text.split(['-', '.']).collect();
    groups.len() == 3
        && groups
            .iter()
            .all(|g| (1..=4).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// The calling code `digits` start with (codes are prefix-free).
fn calling_code_at_start(digits: &str) -> Option<u16> {
    (1..=3.min(digits.len())).find_map(|len| {
        let code: u16 = digits[..len].parse().ok()?;
        metadata::main_region(code).map(|_| code)
    })
}

/// Byte ranges of the runs in `text` that could be numbers: `+` and at
/// least four digits, or [`NUMBER_RUN_DIGITS`] digits in a row.
fn number_runs(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let plus = bytes[i] == b'+';
        let start = i;
        let mut end = if plus { i + 1 } else { i };
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        let digits = end - start - usize::from(plus);
        if (plus && digits >= 4) || digits >= NUMBER_RUN_DIGITS {
            runs.push((start, end));
            i = end;
        } else {
            i = end.max(i + 1);
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        Redactor::new(Some(91))
    }

    fn cells(texts: &[&'static str]) -> Vec<Cow<'static, str>> {
        texts.iter().map(|t| Cow::Borrowed(*t)).collect()
    }

    #[test]
    fn numbers_keep_their_country_code_and_last_two_digits() {
        let r = redactor();
        assert_eq!(r.cell("+919876543210"), "+91******10");
        assert_eq!(r.cell("+1 (415) 555-2671"), "+1******71");
        assert_eq!(r.cell("0044 7400 123456"), "+44******56");
        assert_eq!(r.cell("98765 43210"), "+91******10");
        assert_eq!(r.cell("'9190341071"), "+91******71");
        assert_eq!(r.cell("=\"9876543210\""), "+91******10");
        assert_eq!(Redactor::new(None).cell("98765 43210"), "******10");
    }

    #[test]
    fn other_values_become_their_length() {
        let r = redactor();
        assert_eq!(r.cell("Aarav Iyer"), "‹10 chars›");
        assert_eq!(r.cell("José"), "‹4 chars›");
        assert_eq!(r.cell("x"), "‹1 char›");
        assert_eq!(r.cell("2026-10-20"), "‹10 chars›");
        assert_eq!(r.cell("9.19876E+11"), "‹11 chars›");
        assert_eq!(r.cell(""), "");
    }

    #[test]
    fn messages_lose_values_and_keep_their_words() {
        let r = redactor();
        let row = cells(&["Asha Rao", "(415) 555-2671", "20/04/2026"]);
        assert_eq!(
            r.message(
                "`(415) 555-2671` reads as +914155552671 in IN, or +14155552671 in US",
                &row,
                Some("Phone"),
            ),
            "`+91******71` reads as +91******71 in IN, or +1******71 in US"
        );
        assert_eq!(
            r.message(
                "`Name` is empty; the assistant reads it as `{{callee_name}}`",
                &row,
                Some("Name")
            ),
            "`Name` is empty; the assistant reads it as `{{callee_name}}`"
        );
        assert_eq!(
            r.message(
                "consent dated 20/04/2026 is 181 days old on row 3",
                &row,
                None
            ),
            "consent dated ‹10 chars› is 181 days old on row 3"
        );
        assert_eq!(
            r.message("`=HYPERLINK(\"x\")` starts with `=`: a formula", &row, None),
            "`‹15 chars›` starts with `=`: a formula"
        );
        assert_eq!(
            r.message("`98765` (+9198765) is too short", &cells(&["98765"]), None),
            "`+91******65` (+91******65) is too short"
        );
        assert_eq!(
            r.message("+919876543210 already appears on row 1", &row, None),
            "+91******10 already appears on row 1"
        );
        assert_eq!(
            r.level_message(
                "no column `Mobile Number`; the first row, `+919876543210`, looks like data"
            ),
            "no column `Mobile Number`; the first row, `+91******10`, looks like data"
        );
        // A quote that is not closed still hides what follows it.
        assert_eq!(
            r.message("the cell `Asha Rao", &row, None),
            "the cell `‹8 chars›`"
        );
    }

    #[test]
    fn a_record_is_masked_cell_by_cell_at_its_position() {
        let mut record = ByteRecord::from(vec!["Asha Rao", "+919876543210", ""]);
        let mut position = csv::Position::new();
        position.set_line(7).set_byte(120);
        record.set_position(Some(position));
        let masked = Redactor::new(Some(91)).record(&record);
        assert_eq!(
            masked,
            ByteRecord::from(vec!["‹8 chars›", "+91******10", ""])
        );
        assert_eq!(masked.position().map(csv::Position::line), Some(7));
    }
}
