//! The fast path of the phone check: most cells are plain digits, with an
//! optional leading `+` and spaces or dashes between them. For those, this
//! module decides validity, type and E.164 without libphonenumber's general
//! parser, from the same metadata and with the same steps: international
//! prefix, country code, national prefix, possible lengths, the per-type
//! national-number patterns. Each region's patterns are compiled by
//! `build.rs` into one table-driven automaton over the ten digits that says
//! in a single pass which types a national number matches; a region's
//! matcher is unpacked from the binary on first use.
//!
//! The metadata comes from the tables `build.rs` generated
//! ([`super::metadata`]), not from `PHONE_NUMBER_UTIL`: a file whose numbers
//! the fast path decides never pays for building the library.
//!
//! It answers "valid, with this number, type and region" or "not valid,
//! with this E.164, region and length verdict" only where it followed the
//! full parse step for step. Every other outcome (a parse error such as a
//! national number that is too short or too long, an unknown country code,
//! two leading zeros, a region whose national prefix rewrites the number,
//! a region whose patterns could not be compiled) returns `None`, and the
//! caller asks the full library parse, which stays the reference: the tests
//! compare the two over many regions and spellings, valid and invalid.

use std::sync::{LazyLock, OnceLock};

use regex::{Regex, RegexBuilder};
use rlibphonenumber::{NumberLengthType, PhoneNumberType, Region, ValidationError};

use super::E164;
use super::metadata::{self, DESCRIPTIONS, RegionMetadata, TypeTable};

/// What the fast path concluded about a cell whose parse it followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Decision {
    /// libphonenumber calls the number valid.
    Valid(FastNumber),
    /// libphonenumber parses the number but does not call it valid.
    Invalid(FastInvalid),
}

/// A number the fast path found valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FastNumber {
    pub e164: E164,
    pub country_code: u16,
    pub number_type: PhoneNumberType,
    pub region: Region,
}

/// A number the fast path parsed as libphonenumber does and found not
/// valid: what the P007 finding names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FastInvalid {
    /// The number as libphonenumber formats it in E.164 (`+`, calling code,
    /// national significant number), which may be longer than 15 digits.
    pub e164: String,
    /// The number's region, as `get_region_code` gives it, or else its
    /// calling code's main region.
    pub region: Region,
    /// `is_possible_with_reason`: the length verdict for an unknown type.
    pub possibility: Result<NumberLengthType, ValidationError>,
}

/// libphonenumber's bounds on a national significant number.
const NSN_LENGTHS: std::ops::RangeInclusive<usize> = 2..=17;

/// Longest digit run the fast path reads: an IDD, a country code and the
/// longest national number. Longer cells go to the full parse.
const MAX_DIGITS: usize = 24;

/// Decides `text` with `default_code` as the campaign's calling code (whose
/// main region reads numbers written without `+`). `None`: not decided
/// here, the full parse must.
pub(super) fn decide(text: &str, default_code: Option<u16>) -> Option<Decision> {
    let mut buffer = [0u8; MAX_DIGITS];
    let (plus, digits) = plain_digits(text, &mut buffer)?;
    // libphonenumber's viability check wants at least three digits.
    if digits.len() < 3 {
        return None;
    }
    // The campaign's own region, when the number is read in it.
    let mut home = None;
    let (country_code, national) = if plus {
        split_country_code(digits)?
    } else {
        let own = matcher_for_code(default_code?)?;
        home = Some(own);
        match own.strip_international_prefix(digits) {
            Some(rest) if rest.len() <= 2 => return None,
            Some(rest) => split_country_code(rest)?,
            None => (own.country_code, own.without_own_country_code(digits)?),
        }
    };
    if national.len() < *NSN_LENGTHS.start() {
        return None;
    }
    let regions = CALLING_CODES.regions(country_code)?;
    // The code's main region says how its numbers are read.
    let numbering = match home {
        Some(own) if own.country_code == country_code => own,
        _ => regions.first()?.matcher()?,
    };
    let stripped = numbering.strip_national_prefix(national)?;
    let national = match numbering.length_verdict(stripped.len()) {
        Length::Possible | Length::TooLong => stripped,
        Length::LocalOnly | Length::TooShort | Length::Invalid => national,
    };
    // Two leading zeros or more: libphonenumber stores the count apart and
    // caps it when formatting; leave such rarities to it.
    if !NSN_LENGTHS.contains(&national.len()) || national.starts_with("00") {
        return None;
    }
    // The region libphonenumber's `get_region_code` names, if any, and the
    // number's type there.
    let claimed = match regions {
        [only] => Some((only.region, numbering.number_type(national))),
        _ => region_of(regions, national)?,
    };
    match claimed {
        Some((region, number_type)) if number_type != PhoneNumberType::Unknown => {
            // Longer than any valid number can be: the full parse refuses
            // it aloud (see `E164`).
            let e164 = e164_of(country_code, national)?;
            Some(Decision::Valid(FastNumber {
                e164,
                country_code,
                number_type,
                region,
            }))
        }
        _ => Some(Decision::Invalid(FastInvalid {
            // A single leading zero is part of the national significant
            // number, and libphonenumber formats it so.
            e164: format!("+{country_code}{national}"),
            // No region claims the number: the message names the code's
            // main region.
            region: claimed.map_or(regions.first()?.region, |(region, _)| region),
            // libphonenumber judges possibility by the main region.
            possibility: numbering.length_verdict(national.len()).possibility(),
        })),
    }
}

/// The digits of a cell made only of ASCII digits, spaces and dashes, with
/// an optional leading `+` directly followed by a digit, ending in a digit.
/// Returns whether it had the `+`, and the digits.
fn plain_digits<'t>(text: &'t str, buffer: &'t mut [u8; MAX_DIGITS]) -> Option<(bool, &'t str)> {
    let bytes = text.as_bytes();
    let (plus, body) = match bytes.split_first() {
        Some((b'+', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if !body.first()?.is_ascii_digit() || !body.last()?.is_ascii_digit() {
        return None;
    }
    // Digits alone (most cells): the cell's own text, nothing copied.
    if body.iter().all(u8::is_ascii_digit) {
        return (body.len() <= MAX_DIGITS).then(|| (plus, &text[usize::from(plus)..]));
    }
    let mut len = 0;
    for &byte in body {
        match byte {
            b'0'..=b'9' => {
                *buffer.get_mut(len)? = byte;
                len += 1;
            }
            b' ' | b'-' => {}
            _ => return None,
        }
    }
    let digits = std::str::from_utf8(&buffer[..len]).ok()?;
    Some((plus, digits))
}

/// `digits` after a `+` or an international prefix: the country code (one
/// to three digits, the first that names a country) and the rest.
fn split_country_code(digits: &str) -> Option<(u16, &str)> {
    if digits.starts_with('0') {
        return None;
    }
    (1..=3.min(digits.len())).find_map(|len| {
        let code: u16 = digits[..len].parse().ok()?;
        CALLING_CODES.regions(code).map(|_| (code, &digits[len..]))
    })
}

/// `country_code` followed by `national`, as E.164; `None` past
/// [`E164::MAX_DIGITS`].
fn e164_of(country_code: u16, national: &str) -> Option<E164> {
    let code_digits = country_code.checked_ilog10()? as usize + 1;
    if code_digits + national.len() > E164::MAX_DIGITS {
        return None;
    }
    // At most 19 digits: no overflow of a `u64`.
    let digits = national
        .bytes()
        .fold(u64::from(country_code), |value, digit| {
            value * 10 + u64::from(digit - b'0')
        });
    Some(E164(digits))
}

/// The region a national number belongs to when its calling code has
/// several (`+1`, `+7`, `+44`), as libphonenumber decides it: the first of
/// `regions` whose leading digits or number patterns claim the number,
/// with the number's type there (one walk serves both); `Some(None)` when
/// none does. `None`: a matcher could not be built.
fn region_of(
    regions: &'static [RegionSlot],
    national: &str,
) -> Option<Option<(Region, PhoneNumberType)>> {
    for slot in regions {
        let matcher = slot.matcher()?;
        let leading = matcher
            .leading_digits
            .as_ref()
            .is_some_and(|prefix| prefix.match_end(national).is_some());
        let number_type = matcher.number_type(national);
        if leading || number_type != PhoneNumberType::Unknown {
            return Some(Some((slot.region, number_type)));
        }
    }
    Some(None)
}

/// The main region's matcher of a calling code; `None` for codes without a
/// region (non-geographic numbers go to the full parse).
fn matcher_for_code(country_code: u16) -> Option<&'static RegionMatcher> {
    CALLING_CODES.regions(country_code)?.first()?.matcher()
}

/// Calling code → its regions, main region first, each with its matcher
/// built on first use.
struct CallingCodes {
    by_code: Vec<Option<Box<[RegionSlot]>>>,
}

struct RegionSlot {
    region: Region,
    matcher: OnceLock<Option<RegionMatcher>>,
}

impl RegionSlot {
    fn matcher(&self) -> Option<&RegionMatcher> {
        self.matcher
            .get_or_init(|| RegionMatcher::build(self.region))
            .as_ref()
    }
}

impl CallingCodes {
    fn regions(&self, country_code: u16) -> Option<&[RegionSlot]> {
        self.by_code.get(usize::from(country_code))?.as_deref()
    }
}

/// The table of calling codes: cheap (no pattern is compiled here, and the
/// codes come from the generated tables, not from the library).
static CALLING_CODES: LazyLock<CallingCodes> = LazyLock::new(|| {
    let mut by_code: Vec<Option<Box<[RegionSlot]>>> = (0..1000).map(|_| None).collect();
    for (code, regions) in metadata::calling_codes() {
        let Some(slot) = by_code.get_mut(usize::from(code)) else {
            continue;
        };
        *slot = Some(
            regions
                .iter()
                .map(|&region| RegionSlot {
                    region,
                    matcher: OnceLock::new(),
                })
                .collect(),
        );
    }
    CallingCodes { by_code }
});

/// What [`RegionMatcher::length_verdict`] says of a length, as
/// libphonenumber's `test_number_length` for an unknown type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

impl Length {
    /// The verdict as libphonenumber's `is_possible_with_reason` gives it.
    fn possibility(self) -> Result<NumberLengthType, ValidationError> {
        match self {
            Length::Possible => Ok(NumberLengthType::IsPossible),
            Length::LocalOnly => Ok(NumberLengthType::IsPossibleLocalOnly),
            Length::TooShort => Err(ValidationError::TooShort),
            Length::TooLong => Err(ValidationError::TooLong),
            Length::Invalid => Err(ValidationError::InvalidLength),
        }
    }
}

/// The number descriptions of a region ([`DESCRIPTIONS`] of them), in the
/// order libphonenumber tests them: general first, then the types that win
/// over fixed line and mobile, then those two.
const GENERAL: usize = 0;
const BY_PRIORITY: [(usize, PhoneNumberType); 8] = [
    (1, PhoneNumberType::PremiumRate),
    (2, PhoneNumberType::TollFree),
    (3, PhoneNumberType::SharedCost),
    (4, PhoneNumberType::VoIP),
    (5, PhoneNumberType::PersonalNumber),
    (6, PhoneNumberType::Pager),
    (7, PhoneNumberType::UAN),
    (8, PhoneNumberType::VoiceMail),
];
const FIXED_LINE: usize = 9;
const MOBILE: usize = 10;

/// One number description: which pattern of the automaton is its (a bit
/// of [`TypeAutomaton::matched`]), and the lengths it allows.
#[derive(Debug, Clone, Copy)]
struct Description {
    pattern: Option<u16>,
    /// Bit `n` set: length `n` allowed. `None`: every length (the general
    /// description already decided).
    lengths: Option<u64>,
}

impl Description {
    fn allows_length(&self, len: usize) -> bool {
        self.lengths.is_none_or(|mask| mask & (1 << len) != 0)
    }
}

/// One region's metadata, compiled.
struct RegionMatcher {
    country_code: u16,
    country_code_text: String,
    international_prefix: Option<Prefix>,
    national_prefix: Option<Prefix>,
    /// The region rewrites what its national prefix captured (carrier
    /// codes, as in Argentina); such numbers go to the full parse.
    has_transform_rule: bool,
    leading_digits: Option<Prefix>,
    /// Possible lengths of the general description (libphonenumber's mask).
    possible_lengths: u64,
    local_only_lengths: u64,
    /// Every description's pattern, anchored at both ends, as one automaton.
    types: TypeAutomaton,
    descriptions: [Description; DESCRIPTIONS],
    same_mobile_and_fixed_line_pattern: bool,
}

impl RegionMatcher {
    /// Compiles `region`'s metadata; `None` when it has none (`001`) or a
    /// pattern does not compile (the full parse then handles the region).
    fn build(region: Region) -> Option<Self> {
        let metadata: &RegionMetadata = metadata::region(region)?;
        let prefix = |base: Option<&str>| -> Option<Option<Prefix>> {
            match base {
                None => Some(None),
                Some(base) => Prefix::new(base).map(Some),
            }
        };
        let mut descriptions = [Description {
            pattern: None,
            lengths: None,
        }; DESCRIPTIONS];
        // Patterns are numbered in the automaton as build.rs compiled
        // them: the descriptions that have one, in order.
        let mut patterns = 0;
        for (description, desc) in descriptions.iter_mut().zip(&metadata.descriptions) {
            if desc.pattern.is_some() {
                description.pattern = Some(patterns);
                patterns += 1;
            }
            let lengths = desc.possible_lengths;
            description.lengths = (!lengths.is_empty()).then(|| {
                lengths
                    .iter()
                    .filter_map(|&len| u32::try_from(len).ok().filter(|len| *len < 64))
                    .fold(0, |mask, len| mask | 1 << len)
            });
        }
        let country_code = metadata.country_code;
        Some(RegionMatcher {
            country_code,
            country_code_text: country_code.to_string(),
            international_prefix: prefix(metadata.international_prefix)?,
            national_prefix: prefix(metadata.national_prefix_for_parsing)?,
            has_transform_rule: metadata.has_transform_rule,
            leading_digits: prefix(metadata.leading_digits)?,
            possible_lengths: length_mask(metadata.possible_lengths),
            local_only_lengths: length_mask(metadata.local_only_lengths),
            types: TypeAutomaton::new(metadata.types?)?,
            descriptions,
            same_mobile_and_fixed_line_pattern: metadata.same_mobile_and_fixed_line_pattern,
        })
    }

    /// The general pattern alone, without lengths (libphonenumber's
    /// `is_match` on the general description).
    fn matches_general(&self, number: &str) -> bool {
        let matched = self.types.matched(number);
        self.descriptions[GENERAL]
            .pattern
            .is_some_and(|bit| matched & (1 << bit) != 0)
    }

    /// `digits` with this region's international prefix stripped, when it
    /// starts with one not followed by a 0.
    fn strip_international_prefix<'d>(&self, digits: &'d str) -> Option<&'d str> {
        let end = self.international_prefix.as_ref()?.match_end(digits)?;
        let rest = &digits[end..];
        (!rest.starts_with('0')).then_some(rest)
    }

    /// A number read in this region that starts with the region's own
    /// country code (`919876543210` in India): the code is dropped when the
    /// number is not valid as it stands but is without it, or when it is
    /// too long as it stands. `None`: the full parse must decide.
    fn without_own_country_code<'d>(&self, digits: &'d str) -> Option<&'d str> {
        let Some(rest) = digits.strip_prefix(self.country_code_text.as_str()) else {
            return Some(digits);
        };
        let rest = self.strip_national_prefix(rest)?;
        // Too long as it stands decides it without a walk: the common case
        // of a ten-digit number written with its country code.
        let better = self.length_verdict(digits.len()) == Length::TooLong
            || (!self.matches_general(digits) && self.matches_general(rest));
        Some(if better { rest } else { digits })
    }

    /// libphonenumber's national-prefix stripping, for prefixes that are
    /// only removed. `None` when the region would rewrite the number.
    fn strip_national_prefix<'d>(&self, number: &'d str) -> Option<&'d str> {
        let Some(prefix) = &self.national_prefix else {
            return Some(number);
        };
        if number.is_empty() {
            return Some(number);
        }
        let end = match prefix {
            Prefix::Pattern(pattern) if self.has_transform_rule => {
                let Some(captures) = pattern.captures(number) else {
                    return Some(number);
                };
                let (first, second) = (captures.get(1), captures.get(2));
                let rewrites = first.is_some_and(|first| {
                    second.is_some_and(|second| !second.is_empty())
                        || (!first.is_empty() && second.is_none())
                });
                if rewrites {
                    return None;
                }
                captures.get(0)?.end()
            }
            // A literal prefix captures nothing, so nothing is rewritten.
            _ => match prefix.match_end(number) {
                Some(end) => end,
                None => return Some(number),
            },
        };
        let stripped = &number[end..];
        // Keep the prefix when the number was viable with it and is not
        // without it.
        if self.matches_general(number) && !self.matches_general(stripped) {
            Some(number)
        } else {
            Some(stripped)
        }
    }

    /// libphonenumber's `test_number_length` for an unknown type.
    fn length_verdict(&self, len: usize) -> Length {
        if self.possible_lengths == 0 {
            return Length::Invalid;
        }
        if len >= 64 {
            return Length::TooLong;
        }
        let bit = 1u64 << len;
        if self.local_only_lengths & bit != 0 {
            return Length::LocalOnly;
        }
        let shortest = self.possible_lengths.trailing_zeros() as usize;
        let longest = 63 - self.possible_lengths.leading_zeros() as usize;
        if shortest == len {
            Length::Possible
        } else if shortest > len {
            Length::TooShort
        } else if longest < len {
            Length::TooLong
        } else if self.possible_lengths & bit != 0 {
            Length::Possible
        } else {
            Length::Invalid
        }
    }

    /// The type of a national significant number, as libphonenumber's
    /// `get_number_type_helper`: one automaton pass says which patterns
    /// match, then the lengths and the priority order decide.
    fn number_type(&self, national: &str) -> PhoneNumberType {
        let len = national.len();
        if !self.descriptions[GENERAL].allows_length(len) {
            return PhoneNumberType::Unknown;
        }
        let matched = self.types.matched(national);
        let is = |index: usize| {
            let description = &self.descriptions[index];
            description.allows_length(len)
                && description
                    .pattern
                    .is_some_and(|bit| matched & (1 << bit) != 0)
        };
        if !is(GENERAL) {
            return PhoneNumberType::Unknown;
        }
        if let Some(&(_, kind)) = BY_PRIORITY.iter().find(|(index, _)| is(*index)) {
            return kind;
        }
        if is(FIXED_LINE) {
            if self.same_mobile_and_fixed_line_pattern || is(MOBILE) {
                PhoneNumberType::FixedLineOrMobile
            } else {
                PhoneNumberType::FixedLine
            }
        } else if !self.same_mobile_and_fixed_line_pattern && is(MOBILE) {
            PhoneNumberType::Mobile
        } else {
            PhoneNumberType::Unknown
        }
    }
}

/// A metadata pattern matched at the start of the digits: an international
/// or national prefix, leading digits. Most are a few literal alternatives
/// (`0`, `00`, `011`, `0|180020`), matched without a regex.
enum Prefix {
    /// Alternatives tried in order, as the regex's leftmost-first match does.
    Literals(Box<[Box<str>]>),
    Pattern(Regex),
}

impl Prefix {
    /// From a metadata pattern wrapped as `^(?:…)$`, anchored at the start
    /// only, as libphonenumber uses these.
    fn new(base: &str) -> Option<Self> {
        let literals = base
            .strip_prefix("^(?:")
            .and_then(|body| body.strip_suffix(")$"))
            .filter(|body| body.bytes().all(|b| b.is_ascii_digit() || b == b'|'));
        if let Some(body) = literals {
            return Some(Prefix::Literals(body.split('|').map(Box::from).collect()));
        }
        ascii_regex(anchored_start(base)).map(Prefix::Pattern)
    }

    /// Where the prefix ends when `digits` start with it.
    fn match_end(&self, digits: &str) -> Option<usize> {
        match self {
            Prefix::Literals(alternatives) => alternatives
                .iter()
                .find(|literal| digits.starts_with(&***literal))
                .map(|literal| literal.len()),
            Prefix::Pattern(pattern) => pattern.find(digits).map(|found| found.end()),
        }
    }
}

/// A region's number-type patterns, all anchored at both ends, as one DFA
/// over the ten digits, compiled by `build.rs` (see `digit_dfa.rs`): a walk
/// over a national number is one table lookup per digit, and the state it
/// ends in says which patterns match the whole number.
struct TypeAutomaton {
    /// `next[state + digit]`: the state after `digit`. States are kept
    /// multiplied by ten, the offset of their row, so a step is one add
    /// and one load.
    next: Box<[u16]>,
    /// Per state (its offset divided by ten): bit `i` set when pattern `i`
    /// matches if the input ends there.
    matches_at_end: Box<[u16]>,
}

impl TypeAutomaton {
    /// The automaton of `table`, unpacked from the binary's bytes (a few
    /// kilobytes, once per region seen). `None` if it does not fit.
    fn new(table: TypeTable) -> Option<Self> {
        let (next, matches_at_end) = table.bytes();
        Self::from_bytes(next, matches_at_end)
    }

    /// From the transitions and match sets as `digit_dfa.rs` lays them out
    /// (little-endian `u16`s, states numbered from 0).
    fn from_bytes(next: &[u8], matches_at_end: &[u8]) -> Option<Self> {
        Some(TypeAutomaton {
            next: words(next)
                .map(|state| state.checked_mul(10))
                .collect::<Option<_>>()?,
            matches_at_end: words(matches_at_end).collect(),
        })
    }

    /// Bit `i` set: pattern `i` matches the whole of `digits`. Anything but
    /// ASCII digits matches nothing.
    fn matched(&self, digits: &str) -> u16 {
        // State 0 is the start.
        let mut state = 0;
        for &byte in digits.as_bytes() {
            let digit = usize::from(byte.wrapping_sub(b'0'));
            if digit > 9 {
                return 0;
            }
            state = usize::from(self.next[state + digit]);
        }
        self.matches_at_end[state / 10]
    }
}

/// `bytes` as little-endian `u16`s.
fn words(bytes: &[u8]) -> impl Iterator<Item = u16> + '_ {
    bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
}

/// Compiles a metadata pattern for ASCII input. The fast path only ever
/// matches ASCII digits, for which `\d` means `[0-9]` with or without
/// Unicode; without it, the automaton is a fraction of the size and
/// compiles in a fraction of the time.
fn ascii_regex(pattern: &str) -> Option<Regex> {
    RegexBuilder::new(pattern).unicode(false).build().ok()
}

/// libphonenumber's possible-length mask: a `-1` (no numbers) clears it.
fn length_mask(lengths: &[i32]) -> u64 {
    lengths
        .iter()
        .fold(0, |mask, &len| match u32::try_from(len) {
            Ok(len) if len < 64 => mask | 1 << len,
            _ => 0,
        })
}

/// Metadata patterns arrive wrapped as `^(?:…)$`; this is the form anchored
/// at the start only, as libphonenumber builds it.
fn anchored_start(base: &str) -> &str {
    if base.len() >= 6 {
        &base[..base.len() - 1]
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::super::digit_dfa;
    use super::*;

    /// The automaton of `patterns` as the binary holds one: compiled the
    /// way build.rs compiles them, laid out as little-endian bytes.
    fn automaton(patterns: &[&str]) -> TypeAutomaton {
        let table = digit_dfa::compile(patterns).expect("the patterns compile");
        let bytes = |values: &[u16]| -> Vec<u8> {
            values
                .iter()
                .flat_map(|value| value.to_le_bytes())
                .collect()
        };
        TypeAutomaton::from_bytes(&bytes(&table.next), &bytes(&table.matches_at_end))
            .expect("a small table fits")
    }

    #[test]
    fn the_digit_table_says_which_patterns_match_the_whole_number() {
        let automaton = automaton(&["^(?:9\\d{2})$", "^(?:91\\d)$", "^(?:8)$"]);
        assert_eq!(automaton.matched("912"), 0b011);
        assert_eq!(automaton.matched("934"), 0b001);
        assert_eq!(automaton.matched("8"), 0b100);
        // Only whole numbers match: a prefix or a longer number does not.
        assert_eq!(automaton.matched("91"), 0);
        assert_eq!(automaton.matched("9123"), 0);
        assert_eq!(automaton.matched(""), 0);
        // Anything but digits matches nothing.
        assert_eq!(automaton.matched("9a2"), 0);
    }

    #[test]
    fn every_region_has_the_table_its_patterns_compile_to() {
        // A region without a table would silently take the full parse for
        // every number (slower, never wrong), so only a test sees it; a
        // table that differs from its patterns would be wrong.
        for (code, regions) in metadata::calling_codes() {
            for &region in regions {
                let Some(entry) = metadata::region(region) else {
                    continue;
                };
                let patterns: Vec<&str> = entry
                    .descriptions
                    .iter()
                    .filter_map(|description| description.pattern)
                    .map(digit_dfa::anchored_full)
                    .collect();
                let compiled = digit_dfa::compile(&patterns).expect("the patterns compile");
                let table = entry.types.expect("build.rs compiled a table");
                let (next, matches_at_end) = table.bytes();
                assert_eq!(
                    words(next).collect::<Vec<_>>(),
                    compiled.next,
                    "{region:?} (+{code})"
                );
                assert_eq!(
                    words(matches_at_end).collect::<Vec<_>>(),
                    compiled.matches_at_end,
                    "{region:?}"
                );
                assert!(
                    RegionMatcher::build(region).is_some(),
                    "{region:?} (+{code})"
                );
            }
        }
    }
}
