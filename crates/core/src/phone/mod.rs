//! The phone column (SPEC §6), judged by libphonenumber's rules.
//!
//! A cell goes through four stages: white space is trimmed and spreadsheet
//! damage repaired; shapes that can never be one callable number
//! (scientific notation, several numbers, letters, extensions) are refused
//! with their own codes; libphonenumber parses and validates what is left
//! with the campaign's default region; and the number's type and country
//! are checked against what the campaign accepts.
//!
//! libphonenumber's `PHONE_NUMBER_UTIL` costs about 7 ms to build (it
//! decodes all of its metadata and compiles its regexes), so nothing on the
//! way to a number the fast path decides touches it: the calling-code and
//! region lookups read the tables `build.rs` generated from the same
//! library (`phone::metadata`), and only the full parse builds it.

use std::fmt;

use rlibphonenumber::{
    NumberLengthType, PHONE_NUMBER_UTIL, ParseError, PhoneNumber, PhoneNumberFormat,
    PhoneNumberType, PhoneNumberUtil, Region, ValidationError,
};

use crate::campaign::NumberType;
use crate::rules::Code;

#[cfg(test)]
mod digit_dfa;
mod fast;
pub(crate) mod metadata;
mod normalise;

use normalise::Shown;

/// libphonenumber's utility, for the full parse. Every use in this crate
/// goes through here, so that a test can tell that a run did without it.
pub(crate) fn library() -> &'static PhoneNumberUtil {
    #[cfg(test)]
    LIBRARY_USES.with(|uses| uses.set(uses.get() + 1));
    &PHONE_NUMBER_UTIL
}

#[cfg(test)]
thread_local! {
    /// How often this thread asked for [`library`]: per thread, so that
    /// tests running in parallel do not see each other's uses.
    pub(crate) static LIBRARY_USES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A number in E.164, stored as its digits, so that duplicate detection
/// needs no allocation.
///
/// E.164 itself stops at 15 digits, but libphonenumber calls longer numbers
/// valid and formats them the same way: German and Nigerian toll-free and
/// UAN numbers of 16 or 17 digits, and Japanese and Indonesian toll-free
/// numbers whose national number keeps two leading zeros, 19 digits in all
/// (`+8100371234567890123`). A `u64` holds any 19 digits, and a country
/// code never starts with 0, so the integer keeps every digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct E164(u64);

impl E164 {
    /// The most digits (country code included) a stored number has: every
    /// number libphonenumber's metadata can call valid fits.
    pub const MAX_DIGITS: usize = 19;

    /// The digits (country code first) as an integer.
    pub fn digits(self) -> u64 {
        self.0
    }

    /// Builds from E.164 text (`+919876543210`); `None` if it is not `+`
    /// followed by 1 to [`E164::MAX_DIGITS`] digits.
    pub fn from_text(text: &str) -> Option<Self> {
        let digits = text.strip_prefix('+')?;
        if digits.is_empty()
            || digits.len() > Self::MAX_DIGITS
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        digits.parse().ok().map(E164)
    }
}

impl fmt::Display for E164 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "+{}", self.0)
    }
}

/// What the phone rules concluded about one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneCheck {
    /// The number, when the cell holds an acceptable one.
    pub number: Option<AcceptedNumber>,
    /// Findings in the order the stages raised them: at most one repair,
    /// then either a rejection or an international-number warning.
    pub findings: Vec<(Code, String)>,
}

impl PhoneCheck {
    /// The number `judge` accepts, with the findings it raises on the way
    /// collected in order.
    fn collect(judge: impl FnOnce(&mut FoundBy<'_>) -> Option<AcceptedNumber>) -> Self {
        let mut findings = Vec::new();
        let number = judge(&mut |code, message| findings.push((code, message.to_string())));
        PhoneCheck { number, findings }
    }
}

/// A number the phone rules accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptedNumber {
    /// The number in E.164.
    pub e164: E164,
    /// Its country calling code.
    pub country_code: u16,
    /// Its libphonenumber type.
    pub number_type: NumberType,
}

/// A number libphonenumber calls valid, before the campaign's own checks.
#[derive(Debug, Clone, Copy)]
struct ValidNumber {
    e164: E164,
    country_code: u16,
    number_type: NumberType,
    /// The number's region; only needed (and only looked up by the full
    /// parse) for a number from another country.
    region: Option<Region>,
}

impl From<fast::FastNumber> for ValidNumber {
    fn from(number: fast::FastNumber) -> Self {
        ValidNumber {
            e164: number.e164,
            country_code: number.country_code,
            number_type: number_type(number.number_type),
            region: Some(number.region),
        }
    }
}

/// The phone rules of one campaign: default region, the campaign's calling
/// code and the accepted number types.
#[derive(Debug, Clone)]
pub struct PhoneRules {
    default_region: Option<Region>,
    calling_code: Option<u16>,
    accepted: u16,
}

impl PhoneRules {
    /// Rules for numbers of a campaign whose calling code is `calling_code`
    /// (`None`: numbers must carry their own `+CC`), accepting
    /// `accepted` types.
    pub fn new(calling_code: Option<u16>, accepted: &[NumberType]) -> Self {
        // The generated tables, not the library: building the rules must not
        // cost the library's start-up.
        let default_region = calling_code
            .and_then(metadata::main_region)
            .filter(|region| *region != Region::World);
        PhoneRules {
            default_region,
            calling_code,
            accepted: accepted.iter().fold(0, |mask, t| mask | 1 << (*t as u16)),
        }
    }

    /// The campaign's calling code, when it sets one (`91` for `+91`).
    pub fn calling_code(&self) -> Option<u16> {
        self.calling_code
    }

    /// The default region numbers without `+CC` are read in.
    pub fn default_region(&self) -> Option<Region> {
        self.default_region
    }

    /// Judges one phone cell.
    ///
    /// Plain digits (an optional `+`, spaces, dashes) take a fast path
    /// compiled from libphonenumber's metadata, which decides valid and
    /// invalid numbers alike where it can follow the library's parse;
    /// everything else (other spellings, parse errors, the rare numbering
    /// plans it leaves alone) goes through the full library parse. Both give
    /// the same verdict, E.164, type and findings.
    pub fn check(&self, cell: &str) -> PhoneCheck {
        PhoneCheck::collect(|found| self.check_each(cell, found))
    }

    /// [`PhoneRules::check`], handing each finding to `found` as it is
    /// raised: the validator puts them straight into the row's verdict,
    /// and formats a message only when someone reads it.
    pub(crate) fn check_each(&self, cell: &str, found: &mut FoundBy<'_>) -> Option<AcceptedNumber> {
        self.judge(cell, found, true).ok()
    }

    /// Judges one phone cell with libphonenumber's full parse alone: the
    /// reference implementation that [`PhoneRules::check`] must agree with.
    pub fn check_reference(&self, cell: &str) -> PhoneCheck {
        PhoneCheck::collect(|found| self.judge(cell, found, false).ok())
    }

    /// The fast path's verdict alone: `Some` only when it decided the cell,
    /// `None` when [`PhoneRules::check`] would fall back to the full parse.
    ///
    /// It decides a cell of plain digits (after the spreadsheet repairs: an
    /// optional leading `+`, spaces and dashes between digits) whose parse
    /// it follows step for step — international prefix, country code,
    /// national prefix, lengths — whether the number is valid (then with the
    /// same E.164, type and findings as the full parse) or not (then with the
    /// same P007 finding). It leaves to the full parse what it cannot follow
    /// exactly: parse errors (too short or too long a national number, an
    /// unknown country code, too few digits), two or more leading zeros,
    /// national prefixes that rewrite the number, non-geographic codes,
    /// and regions whose patterns could not be compiled.
    /// A `Some` is always what [`PhoneRules::check_reference`] gives. For
    /// tests and benchmarks.
    pub fn check_fast(&self, cell: &str) -> Option<PhoneCheck> {
        let trimmed = crate::text::trim(cell);
        let (visible, invisible) = normalise::strip_format_characters(trimmed);
        let (text, spreadsheet) = repair_spreadsheet_damage(crate::text::trim(&visible));
        let repairs = Repairs {
            invisible,
            spreadsheet,
        };
        let decision = fast::decide(text, self.fast_default_code())?;
        Some(PhoneCheck::collect(|found| {
            self.decided(trimmed, text, &repairs, decision, found).ok()
        }))
    }

    /// The calling code whose main region reads numbers written without
    /// `+`, when there is one.
    fn fast_default_code(&self) -> Option<u16> {
        self.default_region.and(self.calling_code)
    }

    /// The verdict on one cell: accepted only by a positive verdict, and
    /// every refusal with its finding (see [`Refused`]).
    fn judge(
        &self,
        cell: &str,
        findings: &mut FoundBy<'_>,
        fast: bool,
    ) -> Result<AcceptedNumber, Refused> {
        let trimmed = crate::text::trim(cell);
        if trimmed.is_empty() {
            return Err(refuse(
                findings,
                Code::P001,
                format_args!("the phone cell is empty"),
            ));
        }
        // Format characters (Unicode category Cf: bidirectional marks,
        // zero-width joiners, the byte-order mark) are invisible and never
        // part of a number; libphonenumber ignores some and refuses others,
        // so all are stripped alike, and the P002 warning names them.
        let (visible, invisible) = normalise::strip_format_characters(trimmed);
        let (text, spreadsheet) = repair_spreadsheet_damage(crate::text::trim(&visible));
        let repairs = Repairs {
            invisible,
            spreadsheet,
        };
        if text.is_empty() {
            return Err(refuse(
                findings,
                Code::P001,
                format_args!("the phone cell `{}` holds no number", Shown(trimmed)),
            ));
        }
        // The fast path reads only cells that no shape check can refuse.
        if fast && let Some(extension) = self.fast_extension(text) {
            return Err(refuse(
                findings,
                Code::P006,
                format_args!("`{text}` has an extension ({extension}) the agent cannot dial"),
            ));
        }
        let decided = fast
            .then(|| fast::decide(text, self.fast_default_code()))
            .flatten();
        match decided {
            Some(decision) => self.decided(trimmed, text, &repairs, decision, findings),
            None => {
                let valid = self.parse_with_library(text, findings)?;
                self.accept(trimmed, text, &repairs, valid, findings)
            }
        }
    }

    /// The rest of the checks on what the fast path decided: the P007 of an
    /// invalid number, or the checks on a valid one.
    fn decided(
        &self,
        trimmed: &str,
        text: &str,
        repairs: &Repairs,
        decision: fast::Decision,
        findings: &mut FoundBy<'_>,
    ) -> Result<AcceptedNumber, Refused> {
        match decision {
            fast::Decision::Valid(number) => {
                self.accept(trimmed, text, repairs, number.into(), findings)
            }
            fast::Decision::Invalid(invalid) => {
                let message = not_valid_message(
                    text,
                    &invalid.e164,
                    invalid.region.as_region_str().as_str(),
                    invalid.possibility,
                );
                Err(refuse(findings, Code::P007, format_args!("{message}")))
            }
        }
    }

    /// The reference: shape checks, then libphonenumber's parse and
    /// validation. Refused, with a finding, when the cell holds no valid
    /// number.
    fn parse_with_library(
        &self,
        text: &str,
        findings: &mut FoundBy<'_>,
    ) -> Result<ValidNumber, Refused> {
        // The cell as the Java/Python libphonenumber reads it (U+FF5E,
        // U+30FC); messages still show it as written.
        let readable = normalise::as_java_reads(text);
        if let Some((code, message)) = refuse_shape(text, &readable) {
            return Err(refuse(findings, code, format_args!("{message}")));
        }
        if self.slash_separates_numbers(&readable) {
            return Err(refuse(
                findings,
                Code::P004,
                format_args!("`{}` holds more than one number", Shown(text)),
            ));
        }
        let has_letters = readable.chars().any(char::is_alphabetic);
        // Letters with nothing libphonenumber could read as an extension
        // label: P005, without building the library for it.
        if has_letters && !may_hold_extension(&readable) {
            return Err(refuse(
                findings,
                Code::P005,
                format_args!("`{}` {}", Shown(text), letters(text)),
            ));
        }
        let parsed = library().parse(&*readable, self.default_region);
        // An extension is whatever libphonenumber reads as one (`ext 12`,
        // `;12`, `,,12`, `#`, `~ 12`, `anexo 12`…): the parsed number says
        // so, whatever the spelling, and the agent cannot dial it.
        if let Ok(number) = &parsed
            && let Some(extension) = number.extension.as_deref().filter(|e| !e.is_empty())
        {
            return Err(refuse(
                findings,
                Code::P006,
                format_args!(
                    "`{}` has an extension ({extension}) the agent cannot dial",
                    Shown(text)
                ),
            ));
        }
        // Letters are refused even where libphonenumber reads them as
        // keypad digits (`1-800-FLOWERS`): a contact list holds numbers.
        if has_letters {
            return Err(refuse(
                findings,
                Code::P005,
                format_args!("`{}` {}", Shown(text), letters(text)),
            ));
        }
        let number = match parsed {
            Ok(number) => number,
            Err(error) => {
                let message = self.parse_failure(text, &error);
                return Err(refuse(findings, Code::P007, format_args!("{message}")));
            }
        };
        if !number.is_valid() {
            let message = invalid_reason(text, &number);
            return Err(refuse(findings, Code::P007, format_args!("{message}")));
        }
        let formatted = number.format_as(PhoneNumberFormat::E164);
        // Every number the metadata can call valid fits (see `E164`); one
        // that did not would still be refused aloud, never let through
        // unchecked.
        let Some(e164) = E164::from_text(&formatted) else {
            return Err(refuse(
                findings,
                Code::P007,
                format_args!(
                    "`{}` ({formatted}) is too long to be stored as E.164",
                    Shown(text)
                ),
            ));
        };
        let country_code = u16::try_from(number.country_code).unwrap_or(0);
        // The region is only named in the international-number warning.
        let region = self
            .calling_code
            .is_some_and(|own| own != country_code)
            .then(|| number.get_region_code())
            .flatten();
        Ok(ValidNumber {
            e164,
            country_code,
            number_type: number_type(number.get_type()),
            region,
        })
    }

    /// The checks on a valid number: its type, then the repair and
    /// international-number warnings.
    fn accept(
        &self,
        trimmed: &str,
        text: &str,
        repairs: &Repairs,
        valid: ValidNumber,
        findings: &mut FoundBy<'_>,
    ) -> Result<AcceptedNumber, Refused> {
        let ValidNumber {
            e164,
            country_code,
            number_type,
            region,
        } = valid;
        if self.accepted & (1 << number_type as u16) == 0 {
            return Err(refuse(
                findings,
                Code::P008,
                format_args!(
                    "`{}` ({e164}) is a {} number",
                    Shown(text),
                    number_type.as_str().replace('_', " ")
                ),
            ));
        }
        if !repairs.is_empty() {
            findings(
                Code::P002,
                format_args!("repaired `{}` ({repairs}) to {e164}", Shown(trimmed)),
            );
        }
        if let Some(own) = self.calling_code.filter(|own| *own != country_code) {
            let region = region.map(|r| r.as_region_str());
            let region = region.as_ref().map_or("non-geographic", |r| r.as_str());
            findings(
                Code::P009,
                format_args!(
                    "{e164} is an international number (+{country_code}, {region}); the campaign calls +{own}"
                ),
            );
        }
        if let Some((foreign, foreign_region)) = self.foreign_reading(text, country_code) {
            let home = self.default_region.map(|r| r.as_region_str());
            let home = home.as_ref().map_or("", |r| r.as_str());
            let foreign_region = foreign_region.map(|r| r.as_region_str());
            let foreign_region = foreign_region.as_ref().map_or("+1", |r| r.as_str());
            findings(
                Code::P011,
                format_args!(
                    "`{}` reads as {e164} in {home}, or {foreign} in {foreign_region}",
                    Shown(text)
                ),
            );
        }
        Ok(AcceptedNumber {
            e164,
            country_code,
            number_type,
        })
    }

    /// P011: the number read in the campaign's own region (no `+`, no
    /// international prefix) is spelt as a North American one (see
    /// [`nanp_digits`]) and is valid with `+1` too: its other reading, and
    /// that number's region. Only campaigns outside `+1` ask; a cell whose
    /// shape cannot match costs a length check or two.
    fn foreign_reading(&self, text: &str, country_code: u16) -> Option<(E164, Option<Region>)> {
        self.calling_code
            .filter(|own| *own != 1 && *own == country_code)?;
        if text.starts_with('+') {
            return None;
        }
        let digits = nanp_digits(text)?;
        let mut candidate = [0u8; 12];
        candidate[..2].copy_from_slice(b"+1");
        candidate[2..].copy_from_slice(&digits);
        let candidate = std::str::from_utf8(&candidate).ok()?;
        valid_reading(candidate)
    }

    /// P011's third trigger: `text`, written without a country code and
    /// read as `home` (the campaign's own number), is also valid with `+`
    /// and `other`, the country code most of the file's numbers carry.
    /// The message, naming both readings.
    pub(crate) fn other_country_reading(
        &self,
        text: &str,
        home: E164,
        other: u16,
    ) -> Option<String> {
        // Asked of every valid row once the file's majority is known, which
        // is most often the campaign's own code: that answer first.
        if self.calling_code == Some(other) {
            return None;
        }
        let trimmed = text.trim();
        if trimmed.starts_with('+') || trimmed.starts_with("00") {
            return None;
        }
        let digits: String = trimmed
            .chars()
            .filter(char::is_ascii_digit)
            .skip_while(|&c| c == '0')
            .collect();
        let candidate = format!("+{other}{digits}");
        let (foreign, region) = valid_reading(&candidate)?;
        let home_region = self.default_region.map(|r| r.as_region_str());
        let home_region = home_region.as_ref().map_or("", |r| r.as_str());
        let region = region.map(|r| r.as_region_str());
        let region = region.as_ref().map_or("", |r| r.as_str());
        Some(format!(
            "`{}` reads as {home} in {home_region}, or {foreign} in {region}, where most of the file's numbers are",
            Shown(trimmed)
        ))
    }

    /// The country code of an accepted number written with `+`, for the
    /// file's majority (P011).
    pub(crate) fn written_country_code(&self, cell: &str) -> Option<u16> {
        if !cell.trim_start().starts_with('+') {
            return None;
        }
        self.check(cell).number.map(|n| n.country_code)
    }

    /// The extension's digits of a cell the full parse would read with one,
    /// known without the library: plain digits the fast path decides, then
    /// `ext`, `extn`, `x` or `#` and one to seven digits (`9876543210 ext
    /// 12`). libphonenumber strips such an extension before reading the
    /// rest, so it parses the cell, extension and all, whenever the fast
    /// path decides the rest; every other cell asks the full parse.
    fn fast_extension<'t>(&self, text: &'t str) -> Option<&'t str> {
        // Byte by byte: the marks are ASCII, and an ASCII byte is never
        // part of another character in UTF-8, so this is `rfind` over the
        // characters without decoding them (it runs for every cell).
        let position = text
            .bytes()
            .rposition(|b| matches!(b, b't' | b'T' | b'n' | b'N' | b'x' | b'X' | b'#'))?;
        let extension = text[position + 1..].trim_start_matches(['.', ':', ' ']);
        if extension.is_empty()
            || extension.len() > 7
            || !extension.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let head = &text[..=position];
        let number = ["extn", "ext", "x", "#"].iter().find_map(|label| {
            let start = head.len().checked_sub(label.len())?;
            head.get(start..)?
                .eq_ignore_ascii_case(label)
                .then(|| head[..start].trim_end_matches(' '))
        })?;
        fast::decide(number, self.fast_default_code())?;
        Some(extension)
    }

    /// `/` separates numbers when every part between slashes is a valid
    /// number by itself (`9876543210 / 9876543211`); otherwise it is
    /// punctuation inside one number, as libphonenumber reads it.
    fn slash_separates_numbers(&self, text: &str) -> bool {
        if !text.contains('/') {
            return false;
        }
        text.split('/').all(|part| self.is_valid_alone(part.trim()))
    }

    /// `text` is one valid number without an extension, read with the
    /// campaign's region: the fast path's verdict when it decides, else
    /// the library's.
    fn is_valid_alone(&self, text: &str) -> bool {
        match fast::decide(text, self.fast_default_code()) {
            Some(fast::Decision::Valid(_)) => true,
            Some(fast::Decision::Invalid(_)) => false,
            None => library()
                .parse(text, self.default_region)
                .is_ok_and(|number| number.extension.is_none() && number.is_valid()),
        }
    }

    fn parse_failure(&self, text: &str, error: &ParseError) -> String {
        let text = Shown(text);
        match error {
            ParseError::InvalidCountryCode if self.default_region.is_none() => format!(
                "`{text}` has no country code and the campaign sets none; write it as +<country code><number>"
            ),
            ParseError::InvalidCountryCode => {
                format!("`{text}` starts with an unknown country code")
            }
            ParseError::NotANumber(_) => format!("`{text}` is not a phone number"),
            ParseError::TooShortAfterIdd | ParseError::TooShortNsn => {
                format!("`{text}` is too short to be a phone number")
            }
            ParseError::TooLongNsn => format!("`{text}` is too long to be a phone number"),
        }
    }
}

/// Proof that a cell was refused with a finding: [`refuse`] alone makes
/// one, and it raises the finding. The verdict path returns
/// `Result<_, Refused>`, so no early return (an `Option`'s `?`, a `None`)
/// can turn into an accepted row that skipped the later checks, or into a
/// refused one that says nothing.
#[derive(Debug)]
#[must_use]
struct Refused(());

/// Raises the finding that refuses a cell.
fn refuse(findings: &mut FoundBy<'_>, code: Code, message: fmt::Arguments<'_>) -> Refused {
    findings(code, message);
    Refused(())
}

/// Receives each finding of a phone cell as it is raised, its message not
/// yet formatted: a caller that reads only some messages formats only
/// those.
pub(crate) type FoundBy<'f> = dyn FnMut(Code, fmt::Arguments<'_>) + 'f;

/// What was repaired in a cell before its parse; displayed as the P002
/// message names it: `removed the invisible \u{200e}, removed the
/// leading apostrophe`.
struct Repairs {
    /// Format characters removed, each once, in the order first seen.
    invisible: Vec<char>,
    /// Spreadsheet damage undone, in order.
    spreadsheet: Vec<&'static str>,
}

impl Repairs {
    fn is_empty(&self) -> bool {
        self.invisible.is_empty() && self.spreadsheet.is_empty()
    }
}

impl fmt::Display for Repairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        if !self.invisible.is_empty() {
            f.write_str("removed the invisible")?;
            for (index, c) in self.invisible.iter().enumerate() {
                let sep = if index == 0 { " " } else { ", " };
                write!(f, "{sep}{}", normalise::Escaped(*c))?;
            }
            first = false;
        }
        for repair in &self.spreadsheet {
            if !first {
                f.write_str(", ")?;
            }
            f.write_str(repair)?;
            first = false;
        }
        Ok(())
    }
}

/// Strips what spreadsheets do to numbers: an `="…"` wrapper, a leading
/// `'`, a trailing `.0`. Returns the repaired text and what was repaired.
fn repair_spreadsheet_damage(mut text: &str) -> (&str, Vec<&'static str>) {
    let mut repairs = Vec::new();
    loop {
        if let Some(inner) = text.strip_prefix("=\"").and_then(|t| t.strip_suffix('"')) {
            text = inner.trim();
            repairs.push("removed the =\"…\" wrapper");
        } else if let Some(rest) = text.strip_prefix('\'') {
            text = rest.trim();
            repairs.push("removed the leading apostrophe");
        } else if let Some(rest) = text.strip_suffix(".0").filter(|rest| is_plain_digits(rest)) {
            text = rest;
            repairs.push("removed the trailing .0");
        } else {
            return (text, repairs);
        }
    }
}

/// Digits with an optional leading `+`, nothing else.
fn is_plain_digits(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Shapes that are never one callable number, each with its own code,
/// refused before the parse. Extensions and letters are judged on the
/// parse's result (see `parse_with_library`).
fn refuse_shape(text: &str, readable: &str) -> Option<(Code, String)> {
    if is_scientific_notation(readable) {
        return Some((
            Code::P003,
            format!(
                "`{}` is in scientific notation: the spreadsheet lost its last digits",
                Shown(text)
            ),
        ));
    }
    if holds_several_numbers(readable) {
        return Some((
            Code::P004,
            format!("`{}` holds more than one number", Shown(text)),
        ));
    }
    None
}

/// Whether libphonenumber could read an extension in `text`: it holds one
/// of the characters or words its extension patterns start with (`x` of
/// `ext` and `xtn`, `#`, `~`, `,`, `;`, `int`, `доб`, `anexo`, and their
/// full-width forms, in any case). Only a filter: a cell that passes is
/// parsed, and the parse says whether there is an extension.
fn may_hold_extension(text: &str) -> bool {
    const MARKS: [char; 11] = [
        'x', 'X', '\u{ff58}', '\u{ff38}', '#', '\u{ff03}', '~', '\u{ff5e}', ',', ';', '\u{223c}',
    ];
    if text.contains(MARKS) {
        return true;
    }
    let lower = text.to_lowercase();
    [
        "int",
        "\u{ff49}\u{ff4e}\u{ff54}",
        "\u{434}\u{43e}\u{431}",
        "anexo",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// `candidate` (`+` and digits) when libphonenumber calls it valid, with
/// its region.
fn valid_reading(candidate: &str) -> Option<(E164, Option<Region>)> {
    match fast::decide(candidate, None) {
        Some(fast::Decision::Valid(number)) => Some((number.e164, Some(number.region))),
        Some(fast::Decision::Invalid(_)) => None,
        None => {
            let number = library().parse(candidate, None).ok()?;
            if !number.is_valid() {
                return None;
            }
            let e164 = E164::from_text(&number.format_as(PhoneNumberFormat::E164))?;
            Some((e164, number.get_region_code()))
        }
    }
}

/// The ten digits of a North American number when `text` is spelt as
/// one: `(NXX) NXX-XXXX`, `(NXX)NXX-XXXX`, `NXX-NXX-XXXX`, `NXX.NXX.XXXX`
/// (N a digit from 2 to 9), or a `1` and ten digits (with spaces, dashes,
/// dots or brackets between them). The lengths are checked first: most
/// cells fail there.
fn nanp_digits(text: &str) -> Option<[u8; 10]> {
    const SHAPES: [&[u8]; 4] = [
        b"(NXX) NXX-XXXX",
        b"(NXX)NXX-XXXX",
        b"NXX-NXX-XXXX",
        b"NXX.NXX.XXXX",
    ];
    let bytes = text.as_bytes();
    let mut digits = [0u8; 10];
    if (12..=14).contains(&bytes.len()) {
        for shape in SHAPES {
            if shape.len() != bytes.len() {
                continue;
            }
            let mut count = 0;
            let fits = shape.iter().zip(bytes).all(|(&want, &byte)| match want {
                b'N' | b'X' => {
                    let fits = byte.is_ascii_digit() && (want == b'X' || byte >= b'2');
                    if fits {
                        digits[count] = byte;
                        count += 1;
                    }
                    fits
                }
                literal => byte == literal,
            });
            if fits {
                return Some(digits);
            }
        }
    }
    // A `1` then ten digits.
    if bytes.first() != Some(&b'1') || !(11..=16).contains(&bytes.len()) {
        return None;
    }
    let mut count = 0;
    for &byte in &bytes[1..] {
        match byte {
            b'0'..=b'9' => {
                *digits.get_mut(count)? = byte;
                count += 1;
            }
            b' ' | b'-' | b'.' | b'(' | b')' => {}
            _ => return None,
        }
    }
    (count == 10).then_some(digits)
}

/// What P005 says of a cell with letters.
fn letters(text: &str) -> &'static str {
    if is_spreadsheet_error(text) {
        "is a spreadsheet error value (a formula failed), not a number"
    } else {
        "contains letters"
    }
}

/// Excel's, Google Sheets' and LibreOffice's error values (`#N/A`,
/// `#ERROR!`, `#VALUE!`…): a formula that failed, exported as its error.
fn is_spreadsheet_error(text: &str) -> bool {
    const ERRORS: [&str; 11] = [
        "#N/A",
        "#ERROR!",
        "#VALUE!",
        "#REF!",
        "#DIV/0!",
        "#NAME?",
        "#NUM!",
        "#NULL!",
        "#SPILL!",
        "#CALC!",
        "#GETTING_DATA",
    ];
    ERRORS.iter().any(|error| text.eq_ignore_ascii_case(error))
}

/// `9.19876E+11`, `9E11`, `1.2e-3`.
fn is_scientific_notation(text: &str) -> bool {
    let Some(e) = text.find(['e', 'E']) else {
        return false;
    };
    let (mantissa, exponent) = (&text[..e], &text[e + 1..]);
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let mut parts = mantissa.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let fraction = parts.next().unwrap_or("");
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// Two numbers in one cell: a list separator, or a second `+`. A `/` is
/// judged apart (`PhoneRules::slash_separates_numbers`): libphonenumber
/// reads it as punctuation inside one number (`+918123/456/60/1`).
fn holds_several_numbers(text: &str) -> bool {
    const SEPARATORS: [char; 6] = [',', ';', '|', '&', '\n', '\r'];
    if text.matches('+').count() > 1 {
        return true;
    }
    if let Some(position) = text.find(SEPARATORS) {
        // A separator between two runs of digits, each long enough to be a number.
        let digits = |part: &str| part.bytes().filter(u8::is_ascii_digit).count();
        let (before, after) = (&text[..position], &text[position + 1..]);
        return digits(before) >= 6 && digits(after) >= 6;
    }
    let lower = text.to_ascii_lowercase();
    [" or ", " and "].iter().any(|word| lower.contains(word))
}

/// The P007 message of a number the full parse read but does not call
/// valid: the reference the fast path's invalid verdicts must match.
fn invalid_reason(text: &str, number: &PhoneNumber) -> String {
    let region = number
        .get_region_code()
        .map(|r| r.as_region_str().to_string())
        .or_else(|| {
            library()
                .get_region_for_country_code(number.country_code)
                .map(|r| r.as_region_str().to_string())
        })
        .unwrap_or_else(|| format!("+{}", number.country_code));
    let e164 = number.format_as(PhoneNumberFormat::E164);
    not_valid_message(text, &e164, &region, number.is_possible_with_reason())
}

/// The P007 message of a parsed number that is not valid, in `region`,
/// with `possibility` its length verdict (`is_possible_with_reason`).
fn not_valid_message(
    text: &str,
    e164: &str,
    region: &str,
    possibility: Result<NumberLengthType, ValidationError>,
) -> String {
    let why = match possibility {
        Err(ValidationError::TooShort) => "too short",
        Err(ValidationError::TooLong) => "too long",
        Err(ValidationError::InvalidCountryCode) => "an unknown country code",
        Err(ValidationError::InvalidLength) => "a length no number has",
        // Possible, or possible only locally: the digits are in no range.
        Ok(_) => "not in any number range in use",
    };
    format!(
        "`{}` ({e164}) is not a valid {region} number: {why}",
        Shown(text)
    )
}

fn number_type(kind: PhoneNumberType) -> NumberType {
    match kind {
        PhoneNumberType::Mobile => NumberType::Mobile,
        PhoneNumberType::FixedLine => NumberType::FixedLine,
        PhoneNumberType::FixedLineOrMobile => NumberType::FixedLineOrMobile,
        PhoneNumberType::VoIP => NumberType::Voip,
        PhoneNumberType::PersonalNumber => NumberType::PersonalNumber,
        PhoneNumberType::TollFree => NumberType::TollFree,
        PhoneNumberType::PremiumRate => NumberType::PremiumRate,
        PhoneNumberType::SharedCost => NumberType::SharedCost,
        PhoneNumberType::UAN => NumberType::Uan,
        PhoneNumberType::Pager => NumberType::Pager,
        PhoneNumberType::VoiceMail => NumberType::Voicemail,
        PhoneNumberType::Unknown => NumberType::Unknown,
    }
}

/// The calling code a campaign's `country_code` names: `+91`, or the
/// deprecated region form `IN`. `None` when it names neither. Read from the
/// generated tables: resolving the campaign costs nothing at start-up.
pub fn calling_code_of(country_code: &str) -> Option<CountryCode> {
    let text = country_code.trim();
    if let Some(digits) = text.strip_prefix('+') {
        let code: u16 = digits.parse().ok()?;
        metadata::main_region(code)?;
        return Some(CountryCode {
            calling_code: code,
            deprecated_region_form: false,
        });
    }
    let region: Region = text.to_ascii_uppercase().parse().ok()?;
    Some(CountryCode {
        calling_code: metadata::region(region)?.country_code,
        deprecated_region_form: true,
    })
}

/// A campaign's country code, resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryCode {
    /// The calling code, e.g. 91.
    pub calling_code: u16,
    /// It was written as a two-letter region (`IN`), which is deprecated.
    pub deprecated_region_form: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn india() -> PhoneRules {
        PhoneRules::new(Some(91), &NumberType::ANSWERABLE)
    }

    fn accepted(rules: &PhoneRules, cell: &str) -> String {
        let check = rules.check(cell);
        match check.number {
            Some(number) => number.e164.to_string(),
            None => panic!("{cell:?} rejected: {:?}", check.findings),
        }
    }

    fn rejected(rules: &PhoneRules, cell: &str) -> Code {
        let check = rules.check(cell);
        assert!(check.number.is_none(), "{cell:?} accepted");
        check.findings.last().expect("a finding").0
    }

    #[test]
    fn indian_mobile_beginning_with_91_is_not_mistaken_for_a_country_code() {
        assert_eq!(accepted(&india(), "9190341071"), "+919190341071");
    }

    #[test]
    fn spellings_of_one_number_normalise_alike() {
        for cell in [
            "+919876543210",
            "+91 98765 43210",
            "098765 43210",
            "0091 9876543210",
            " 9876543210 ",
            "+91-98765-43210",
        ] {
            assert_eq!(accepted(&india(), cell), "+919876543210", "{cell}");
        }
    }

    #[test]
    fn spreadsheet_damage_is_repaired_with_a_warning() {
        for cell in [
            "'+919876543210",
            "=\"9876543210\"",
            "9876543210.0",
            "919876543210.0",
        ] {
            let check = india().check(cell);
            assert_eq!(
                check.number.map(|n| n.e164.to_string()).as_deref(),
                Some("+919876543210"),
                "{cell}"
            );
            assert_eq!(check.findings[0].0, Code::P002, "{cell}");
        }
    }

    #[test]
    fn shapes_that_are_never_one_number_have_their_own_codes() {
        let rules = india();
        assert_eq!(rejected(&rules, ""), Code::P001);
        assert_eq!(rejected(&rules, "   "), Code::P001);
        assert_eq!(rejected(&rules, "9.19876E+11"), Code::P003);
        assert_eq!(rejected(&rules, "9876543210, 9876543211"), Code::P004);
        assert_eq!(rejected(&rules, "9876543210 / 9876543211"), Code::P004);
        assert_eq!(rejected(&rules, "+919876543210+919876543211"), Code::P004);
        assert_eq!(rejected(&rules, "call after 5"), Code::P005);
        assert_eq!(rejected(&rules, "1-800-FLOWERS"), Code::P005);
        assert_eq!(rejected(&rules, "+91 98765 43210 ext 12"), Code::P006);
        assert_eq!(rejected(&rules, "9876543210 x12"), Code::P006);
        assert_eq!(rejected(&rules, "9876543210#12"), Code::P006);
        // Every spelling libphonenumber reads as an extension (issue 15).
        for (cell, extension) in [
            ("9876543210;12", "12"),
            ("9876543210,,12", "12"),
            ("98765-43210-123#", "123"),
            ("161-2345-242 ~ 12", "12"),
            ("9876543210\u{ff5e}12", "12"),
            ("9876543210 anexo 12", "12"),
        ] {
            let check = rules.check(cell);
            assert!(check.number.is_none(), "{cell:?} accepted");
            let message = format!("`{cell}` has an extension ({extension}) the agent cannot dial");
            assert_eq!(check.findings, [(Code::P006, message)], "{cell:?}");
        }
    }

    #[test]
    fn java_spellings_read_as_java_reads_them() {
        let rules = india();
        // U+FF5E FULLWIDTH TILDE and U+30FC as punctuation, `/` inside one
        // number.
        assert_eq!(accepted(&rules, "6581\u{ff5e}27991 8"), "+916581279918");
        assert_eq!(
            accepted(&rules, "+ 91\u{ff5e}29 06834\u{2015}630"),
            "+912906834630"
        );
        assert_eq!(
            accepted(&rules, "+262\u{ff5e}\u{ff3b}692\u{ff3d}\u{2010}423456"),
            "+262692423456"
        );
        assert_eq!(accepted(&rules, "98765\u{30fc}43210"), "+919876543210");
        assert_eq!(accepted(&rules, "+918123/456/60/1"), "+918123456601");
    }

    #[test]
    fn format_characters_are_stripped_with_a_warning_that_names_them() {
        let rules = india();
        for c in [
            '\u{200b}', '\u{2060}', '\u{ad}', '\u{200f}', '\u{202a}', '\u{202e}', '\u{200e}',
            '\u{200d}', '\u{feff}',
        ] {
            let cell = format!("+91987{c}6543218");
            let check = rules.check(&cell);
            assert_eq!(
                check.number.map(|n| n.e164.to_string()).as_deref(),
                Some("+919876543218"),
                "{cell:?}"
            );
            let escaped = format!("\\u{{{:x}}}", u32::from(c));
            assert_eq!(
                check.findings,
                [(
                    Code::P002,
                    format!(
                        "repaired `+91987{escaped}6543218` (removed the invisible {escaped}) to +919876543218"
                    )
                )],
                "{cell:?}"
            );
            assert_eq!(check, rules.check_reference(&cell));
        }
        let check = rules.check("'\u{feff}9876543210");
        assert_eq!(
            check.findings[0].1,
            "repaired `'\\u{feff}9876543210` (removed the invisible \\u{feff}, removed the leading apostrophe) to +919876543210"
        );
        assert_eq!(rejected(&rules, "\u{200e}\u{200f}"), Code::P001);
        let check = rules.check("98765\u{200e}");
        assert!(check.number.is_none());
        assert!(check.findings.iter().all(|(_, m)| !m.contains('\u{200e}')));
    }

    #[test]
    fn a_spreadsheet_error_value_is_named_as_one() {
        let rules = india();
        for cell in ["#ERROR!", "#N/A", "#value!"] {
            let check = rules.check(cell);
            assert_eq!(check.number, None);
            assert_eq!(
                check.findings,
                [(
                    Code::P005,
                    format!(
                        "`{cell}` is a spreadsheet error value (a formula failed), not a number"
                    )
                )]
            );
        }
        assert_eq!(
            rules.check("call me").findings,
            [(Code::P005, "`call me` contains letters".to_owned())]
        );
    }

    #[test]
    fn a_north_american_spelling_in_another_campaign_warns() {
        let rules = india();
        for cell in [
            "(415) 555-2671",
            "(415)555-2671",
            "415-555-2671",
            "415.555.2671",
        ] {
            let check = rules.check(cell);
            assert_eq!(
                check.number.map(|n| n.e164.to_string()).as_deref(),
                Some("+914155552671"),
                "{cell}"
            );
            assert_eq!(
                check.findings,
                [(
                    Code::P011,
                    format!("`{cell}` reads as +914155552671 in IN, or +14155552671 in US")
                )]
            );
            assert_eq!(check, rules.check_reference(cell), "{cell}");
        }
        // Not the shape, not valid in North America, or written with a
        // country code: no warning.
        for cell in [
            "4155552671",
            "987-654-3210",
            "+91 415-555-2671",
            "98765-43210",
        ] {
            let check = rules.check(cell);
            assert!(
                check.findings.iter().all(|(code, _)| *code != Code::P011),
                "{cell}: {:?}",
                check.findings
            );
        }
        // A North American campaign reads it as its own.
        let us = PhoneRules::new(Some(1), &NumberType::ANSWERABLE);
        assert!(us.check("(415) 555-2671").findings.is_empty());
        assert_eq!(nanp_digits("1 415 555 2671"), Some(*b"4155552671"));
        assert_eq!(nanp_digits("(115) 555-2671"), None);
    }

    #[test]
    fn libphonenumber_judges_validity_and_type() {
        let rules = india();
        assert_eq!(rejected(&rules, "98765"), Code::P007);
        assert_eq!(rejected(&rules, "+97233142764978"), Code::P007);
        assert_eq!(rejected(&rules, "+999 123456"), Code::P007);
        assert_eq!(rejected(&rules, "1800 123 4567"), Code::P008);
    }

    #[test]
    fn foreign_numbers_are_accepted_with_a_warning() {
        let check = india().check("+44 7400 123456");
        assert_eq!(
            check.number.map(|n| n.e164.to_string()).as_deref(),
            Some("+447400123456")
        );
        assert_eq!(check.findings.len(), 1);
        assert_eq!(check.findings[0].0, Code::P009);
        assert!(
            check.findings[0].1.contains("GB"),
            "{}",
            check.findings[0].1
        );
    }

    #[test]
    fn without_a_country_code_numbers_need_their_own() {
        let rules = PhoneRules::new(None, &NumberType::ANSWERABLE);
        assert_eq!(accepted(&rules, "+919876543210"), "+919876543210");
        let check = rules.check("9876543210");
        assert_eq!(check.findings[0].0, Code::P007);
        assert!(
            check.findings[0].1.contains("no country code"),
            "{}",
            check.findings[0].1
        );
    }

    /// What a run over the benchmark file does with phone numbers —
    /// resolve the campaign's code, build the rules and the legal hours,
    /// check valid numbers in every spelling and the invalid shapes of
    /// `benches/src/lib.rs` — never asks libphonenumber's utility, so it is
    /// never built.
    #[test]
    fn checking_benchmark_rows_never_builds_the_library() {
        let uses = || LIBRARY_USES.with(std::cell::Cell::get);
        let before = uses();
        let code = calling_code_of("+91").expect("+91");
        let rules = PhoneRules::new(Some(code.calling_code), &NumberType::ANSWERABLE);
        let settings = [("CA", "09:00-20:00"), ("us", "08:00-21:00")]
            .into_iter()
            .map(|(key, value)| (key.to_owned(), value.to_owned()))
            .collect();
        let mut findings = Vec::new();
        crate::calling_hours::callee_time::LegalHours::new(&settings, &mut findings);
        assert!(findings.is_empty(), "{findings:?}");
        let mut rejected = 0;
        for cell in [
            "+919876543210",
            "9876543210",
            "+91 98765 43210",
            "098765 43210",
            "919876543210",
            "+91-98765-43210",
            "0091 9876543210",
            "'+919876543210",
            "9876543210.0",
            "98765-43210",
            "+44 7400 123456",
            "+1 201 555 0123",
            // The invalid shapes: five digits, nine after +91, toll free.
            "98765",
            "+91 987654321",
            "1800 123 4567",
            // Refused by their shape before any parse.
            "",
            "9.19876E+11",
            "9876O43210",
            "9876543210, 9876543211",
            "9876543210 ext 12",
        ] {
            rejected += usize::from(rules.check(cell).number.is_none());
        }
        assert_eq!(rejected, 8);
        assert_eq!(uses(), before, "libphonenumber's utility was asked for");
        // The counter does count: a spelling only the full parse reads.
        rules.check("+91 (98765) 43210");
        assert_eq!(uses(), before + 1);
    }

    #[test]
    fn country_code_forms() {
        assert_eq!(
            calling_code_of("+91"),
            Some(CountryCode {
                calling_code: 91,
                deprecated_region_form: false
            })
        );
        assert_eq!(
            calling_code_of("IN"),
            Some(CountryCode {
                calling_code: 91,
                deprecated_region_form: true
            })
        );
        assert_eq!(
            calling_code_of("us"),
            Some(CountryCode {
                calling_code: 1,
                deprecated_region_form: true
            })
        );
        assert_eq!(calling_code_of("+999"), None);
        assert_eq!(calling_code_of("India"), None);
    }
}
