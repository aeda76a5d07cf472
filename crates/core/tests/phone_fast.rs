//! The phone fast path against the reference (libphonenumber's full
//! parse): the same verdict, E.164, type and findings (messages included),
//! over generated numbers from every region in many spellings — valid ones
//! and the invalid ones real data holds (truncated, extended, random
//! digits, wrong leading digits) — random digit strings, and every cell of
//! the fixture corpus.

use std::path::Path;
use std::sync::LazyLock;

mod common;

use common::TYPES;
use proptest::prelude::*;
use ringg_preflight::Code;
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::{PhoneCheck, PhoneRules};
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumber, PhoneNumberFormat};

/// Campaign calling codes the cells are read under: single-region codes,
/// shared ones (+1, +7, +44, +61), national-prefix rewriters (+54, +55,
/// +52), Italian leading zeros (+39), and no campaign code at all.
const CAMPAIGN_CODES: [Option<u16>; 16] = [
    Some(91),
    Some(1),
    Some(44),
    Some(7),
    Some(61),
    Some(54),
    Some(55),
    Some(52),
    Some(39),
    Some(49),
    Some(33),
    Some(81),
    Some(86),
    Some(234),
    Some(971),
    None,
];

static RULES: LazyLock<Vec<PhoneRules>> = LazyLock::new(|| {
    CAMPAIGN_CODES
        .iter()
        .map(|code| PhoneRules::new(*code, &NumberType::ANSWERABLE))
        .collect()
});

/// A number libphonenumber gives as an example, with the spellings built
/// from it.
#[derive(Debug, Clone)]
struct Example {
    country_code: u16,
    national: String,
    /// The national format's digits: the trunk prefix (if any) and the number.
    national_dialled: String,
    national_format: String,
    international_format: String,
}

fn example(number: &PhoneNumber) -> Example {
    let e164 = number.format_as(PhoneNumberFormat::E164).into_owned();
    let country_code = u16::try_from(number.country_code).expect("calling code");
    let national = e164[1 + country_code.to_string().len()..].to_owned();
    let national_format = number.format_as(PhoneNumberFormat::National).into_owned();
    Example {
        country_code,
        national,
        national_dialled: national_format
            .chars()
            .filter(char::is_ascii_digit)
            .collect(),
        national_format,
        international_format: number
            .format_as(PhoneNumberFormat::International)
            .into_owned(),
    }
}

/// Every example number of every type of every region, and of the
/// non-geographic codes.
static EXAMPLES: LazyLock<Vec<Example>> = LazyLock::new(|| {
    let mut examples = Vec::new();
    for region in PHONE_NUMBER_UTIL.get_supported_regions() {
        for kind in TYPES {
            if let Ok(number) =
                PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, kind)
            {
                examples.push(example(&number));
            }
        }
    }
    for code in PHONE_NUMBER_UTIL.get_supported_global_network_calling_codes() {
        if let Ok(number) = PHONE_NUMBER_UTIL.get_example_number_for_non_geo_entity(code) {
            examples.push(example(&number));
        }
    }
    assert!(examples.len() > 1_000, "{} examples", examples.len());
    examples
});

/// Asserts `check`, `check_fast` (when it decides) and `check_reference`
/// agree on `cell` under every campaign code: number, findings and
/// messages.
fn assert_agree(cell: &str) -> Result<(), TestCaseError> {
    for (rules, code) in RULES.iter().zip(CAMPAIGN_CODES) {
        let reference = rules.check_reference(cell);
        let checked = rules.check(cell);
        prop_assert_eq!(&checked, &reference, "check, {:?} under {:?}", cell, code);
        if let Some(fast) = rules.check_fast(cell) {
            prop_assert_eq!(&fast, &reference, "fast path, {:?} under {:?}", cell, code);
        }
    }
    Ok(())
}

/// The reference's verdict is "parsed, but not a valid number" (P007 with
/// the number's E.164), the verdict the fast path now gives too.
fn parsed_but_invalid(check: &PhoneCheck) -> bool {
    check.number.is_none()
        && check.findings.last().is_some_and(|(code, message)| {
            *code == Code::P007 && message.contains("is not a valid")
        })
}

/// Inserts spaces and dashes between digits where `separators` says.
fn spaced(digits: &str, separators: &[u8]) -> String {
    let mut out = String::with_capacity(digits.len() * 2);
    for (index, digit) in digits.chars().enumerate() {
        match separators.get(index).copied().unwrap_or(0) % 8 {
            1 if index > 0 => out.push(' '),
            2 if index > 0 => out.push('-'),
            _ => {}
        }
        out.push(digit);
    }
    out
}

/// Changes the national number the way real data differs from examples:
/// other digits in the same range, one digit more or less, and the invalid
/// shapes of real files (truncated, extended, random digits, wrong leading
/// digits).
fn mutate(national: &str, how: u8, noise: &[u8]) -> String {
    let mut digits: Vec<u8> = national.bytes().collect();
    let random_digit = |i: usize| b'0' + noise.get(i).copied().unwrap_or(7) % 10;
    let count = 2 + usize::from(noise.last().copied().unwrap_or(0) % 3);
    match how % 10 {
        0 => {}
        1 => {
            // New subscriber digits: keep the range, change the tail.
            let keep = digits.len().saturating_sub(4).max(1).min(digits.len());
            for (i, digit) in digits.iter_mut().enumerate().skip(keep) {
                *digit = random_digit(i);
            }
        }
        2 => {
            let i = noise
                .first()
                .map_or(0, |n| usize::from(*n) % digits.len().max(1));
            if let Some(digit) = digits.get_mut(i) {
                *digit = random_digit(i + 1);
            }
        }
        3 => {
            digits.pop();
        }
        4 => digits.push(random_digit(0)),
        5 => {
            let keep = digits.len().saturating_sub(7).max(1).min(digits.len());
            for (i, digit) in digits.iter_mut().enumerate().skip(keep) {
                *digit = random_digit(i);
            }
        }
        // Truncated: two to four digits lost.
        6 => digits.truncate(digits.len().saturating_sub(count).max(1)),
        // Extended: two to four digits too many.
        7 => digits.extend((0..count).map(|i| random_digit(i + 3))),
        // Random digits of the same length.
        8 => {
            for (i, digit) in digits.iter_mut().enumerate() {
                *digit = random_digit(i);
            }
        }
        // Wrong leading digits: the range changes, the length does not.
        _ => {
            for (i, digit) in digits.iter_mut().enumerate().take(2) {
                *digit = random_digit(i + 5);
            }
        }
    }
    String::from_utf8(digits).expect("digits")
}

/// The invalid shapes of [`mutate`] alone.
const INVALID_MUTATIONS: [u8; 6] = [3, 4, 6, 7, 8, 9];

const IDD_PREFIXES: [&str; 6] = ["00", "011", "0011", "010", "810", "001"];

/// One spelling of an example (after mutation).
fn spelling(example: &Example, national: &str, style: u8, separators: &[u8]) -> String {
    let code = example.country_code;
    let trunk = example
        .national_dialled
        .strip_suffix(example.national.as_str())
        .unwrap_or("");
    match style % 11 {
        0 => format!("+{code}{national}"),
        1 => format!("+{code} {}", spaced(national, separators)),
        2 => spaced(&format!("{trunk}{national}"), separators),
        3 => national.to_owned(),
        4 => format!("{code}{national}"),
        5 => {
            let idd = IDD_PREFIXES[usize::from(separators.first().copied().unwrap_or(0)) % 6];
            format!("{idd}{code}{}", spaced(national, &separators[1..]))
        }
        6 => example.national_format.clone(),
        7 => example.international_format.clone(),
        8 => format!("'+{code}{national}"),
        9 => format!("{trunk}{national}.0"),
        _ => format!("+{}", spaced(&format!("{code}{national}"), separators)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn fast_path_agrees_on_example_numbers_in_many_spellings(
        pick in any::<prop::sample::Index>(),
        how in any::<u8>(),
        style in any::<u8>(),
        noise in prop::collection::vec(any::<u8>(), 24),
    ) {
        let example = pick.get(&EXAMPLES);
        let national = mutate(&example.national, how, &noise);
        assert_agree(&spelling(example, &national, style, &noise))?;
    }

    #[test]
    fn fast_path_agrees_on_truncated_extended_and_wrong_numbers(
        pick in any::<prop::sample::Index>(),
        how in prop::sample::select(INVALID_MUTATIONS.to_vec()),
        style in any::<u8>(),
        noise in prop::collection::vec(any::<u8>(), 24),
    ) {
        let example = pick.get(&EXAMPLES);
        let national = mutate(&example.national, how, &noise);
        assert_agree(&spelling(example, &national, style, &noise))?;
    }

    #[test]
    fn fast_path_agrees_on_random_digit_strings(
        plus in any::<bool>(),
        digits in "[0-9]{1,22}",
        separators in prop::collection::vec(any::<u8>(), 22),
    ) {
        let body = spaced(&digits, &separators);
        let cell = if plus { format!("+{body}") } else { body };
        assert_agree(&cell)?;
    }

    #[test]
    fn fast_path_agrees_on_numbers_that_begin_with_the_country_code(
        code in prop::sample::select(vec!["91", "1", "44", "7", "61", "54", "55", "52", "39", "49"]),
        rest in "[0-9]{4,13}",
    ) {
        // `9190341071` in India is a mobile number, not +91 90341071.
        assert_agree(&format!("{code}{rest}"))?;
        assert_agree(&format!("0{code}{rest}"))?;
    }
}

#[test]
fn fast_path_agrees_on_every_cell_of_the_fixture_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut files = vec![];
    for dir in [root.clone(), root.join("rules")] {
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "csv") {
                files.push(path);
            }
        }
    }
    let mut cells = 0;
    for path in files {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .expect("fixture opens");
        for record in reader.byte_records().flatten() {
            for field in record.iter() {
                let cell = String::from_utf8_lossy(field);
                if let Err(error) = assert_agree(&cell) {
                    panic!("{}: {error}", path.display());
                }
                cells += 1;
            }
        }
    }
    assert!(cells > 100, "only {cells} cells");
}

/// The fast path must actually carry the plain spellings: agreement alone
/// would also hold if it never decided anything.
#[test]
fn fast_path_decides_most_plain_spellings_of_valid_numbers() {
    let mut plain = 0;
    let mut decided = 0;
    for example in EXAMPLES.iter() {
        let cc = example.country_code;
        let rules = PhoneRules::new(Some(cc), &NumberType::ANSWERABLE);
        let spellings = [
            format!("+{cc}{}", example.national),
            format!(
                "+{cc} {}",
                spaced(&example.national, &[0, 0, 1, 0, 2, 0, 1])
            ),
            example.national_dialled.clone(),
        ];
        for cell in spellings {
            let reference = rules.check_reference(&cell);
            if reference.number.is_none() {
                continue;
            }
            plain += 1;
            if let Some(fast) = rules.check_fast(&cell) {
                assert_eq!(fast, reference, "{cell} under +{cc}");
                decided += 1;
            }
        }
    }
    assert!(plain > 1_000, "only {plain} accepted spellings");
    // What is left to the full parse: regions whose national prefix
    // rewrites numbers, and non-geographic codes (under 1% of examples).
    assert!(
        decided * 100 >= plain * 98,
        "the fast path decided {decided} of {plain}"
    );
}

/// The same for invalid numbers: what the full parse reads but does not
/// call valid, the fast path must mostly decide too (else every bad row
/// pays the full parse).
#[test]
fn fast_path_decides_most_plain_spellings_of_invalid_numbers() {
    let mut invalid = 0;
    let mut decided = 0;
    for (index, example) in EXAMPLES.iter().enumerate() {
        let cc = example.country_code;
        let rules = PhoneRules::new(Some(cc), &NumberType::ANSWERABLE);
        let noise: Vec<u8> = (0..24u8)
            .map(|i| {
                (index as u8)
                    .wrapping_mul(31)
                    .wrapping_add(i.wrapping_mul(17))
            })
            .collect();
        for how in INVALID_MUTATIONS {
            let national = mutate(&example.national, how, &noise);
            let spellings = [
                format!("+{cc}{national}"),
                format!("+{cc} {}", spaced(&national, &[0, 0, 1, 0, 2, 0, 1])),
                national.clone(),
            ];
            for cell in spellings {
                let reference = rules.check_reference(&cell);
                if !parsed_but_invalid(&reference) {
                    continue;
                }
                invalid += 1;
                if let Some(fast) = rules.check_fast(&cell) {
                    assert_eq!(fast, reference, "{cell} under +{cc}");
                    decided += 1;
                }
            }
        }
    }
    assert!(invalid > 5_000, "only {invalid} invalid spellings");
    // Left to the full parse: the same regions as for valid numbers, and
    // leading zeros (under 1%).
    assert!(
        decided * 100 >= invalid * 98,
        "the fast path decided {decided} of {invalid}"
    );
}

/// The phone cells of the benchmark file that reach libphonenumber today
/// unless the fast path decides them: every valid spelling, and the invalid
/// shapes of `benches/src/lib.rs` (five digits, `+91 ` and nine digits,
/// toll-free `1800 …`). The fast path must decide each one, so a run over
/// such a file never builds libphonenumber's utility.
#[test]
fn fast_path_decides_every_benchmark_shape() {
    let india = PhoneRules::new(Some(91), &NumberType::ANSWERABLE);
    let mut cells = Vec::new();
    for ten in [
        "9876543210",
        "8551215430",
        "7083407799",
        "6354120987",
        "9190341071",
    ] {
        let (head, tail) = ten.split_at(5);
        cells.extend([
            format!("+91{ten}"),
            ten.to_owned(),
            format!("+91 {head} {tail}"),
            format!("0{head} {tail}"),
            format!("91{ten}"),
            format!("+91-{head}-{tail}"),
            format!("0091 {ten}"),
            format!("'+91{ten}"),
            format!("{ten}.0"),
            format!("{head}-{tail}"),
            // Invalid: five digits, nine digits after +91.
            head.to_owned(),
            format!("+91 {}", &ten[..9]),
            // Repeated: the duplicate check is the caller's, not the fast path's.
            format!("+91{ten}"),
        ]);
    }
    for n in [0, 123_456, 999_999] {
        cells.push(format!("+44 7400 {n:06}"));
    }
    for (exchange, line) in [(200, 0), (555, 1234), (999, 9999)] {
        cells.push(format!("+1 201 {exchange} {line:04}"));
    }
    for (middle, last) in [(0, 0), (123, 4567), (999, 9999)] {
        cells.push(format!("1800 {middle:03} {last:04}"));
    }
    let mut invalid = 0;
    for cell in &cells {
        let fast = india
            .check_fast(cell)
            .unwrap_or_else(|| panic!("{cell:?} was left to the full parse"));
        let reference = india.check_reference(cell);
        assert_eq!(fast, reference, "{cell:?}");
        invalid += usize::from(parsed_but_invalid(&reference));
    }
    assert!(invalid >= 10, "only {invalid} invalid cells");
}

#[test]
fn fast_path_reads_the_common_indian_spellings() {
    let india = PhoneRules::new(Some(91), &NumberType::ANSWERABLE);
    for cell in [
        "+919876543210",
        "9876543210",
        "+91 98765 43210",
        "098765 43210",
        "919876543210",
        "+91-98765-43210",
        "0091 9876543210",
        "9190341071",
    ] {
        let fast = india
            .check_fast(cell)
            .unwrap_or_else(|| panic!("{cell} left to the full parse"));
        assert_eq!(fast, india.check_reference(cell), "{cell}");
    }
    assert_eq!(
        india
            .check_fast("9190341071")
            .and_then(|check| check.number)
            .map(|n| n.e164.to_string())
            .as_deref(),
        Some("+919190341071")
    );
}
