//! Every phone cell of the generated benchmark file, and of the realistic
//! file of issue 18, is settled without libphonenumber's full parse: the
//! fast path decides it (valid or not, as the full parse would), or a shape
//! check refuses it before any parse. So `split` on those files never
//! builds the library's utility, whose start-up alone costs about 7 ms.

use ringg_preflight::Code;
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::PhoneRules;
use ringg_preflight_benches::{SEED, generate_contacts, generate_realistic};

/// The codes of the checks that refuse a cell by its shape, before any parse.
const SHAPE_CODES: [Code; 5] = [Code::P001, Code::P003, Code::P004, Code::P005, Code::P006];

/// How the phone cells of `file` were settled.
#[derive(Debug, Default)]
struct Settled {
    /// Decided by the fast path, as the full parse decides them.
    decided: usize,
    /// Refused by a shape check before any parse.
    refused: usize,
    /// Decided by the fast path as not valid (P007).
    invalid: usize,
}

/// Checks every phone cell of `file` (a generated contact file) on the fast
/// path against the full parse, and that no cell needs the full parse.
fn settle(file: &[u8]) -> Settled {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let rules = PhoneRules::new(Some(91), &NumberType::ANSWERABLE);
    let mut settled = Settled::default();
    for record in reader.records() {
        let record = record.expect("a record");
        let cell = record.get(0).expect("a phone cell");
        match rules.check_fast(cell) {
            Some(fast) => {
                assert_eq!(fast, rules.check_reference(cell), "{cell:?}");
                assert_eq!(fast, rules.check(cell), "{cell:?}");
                settled.decided += 1;
                settled.invalid +=
                    usize::from(fast.findings.iter().any(|(code, _)| *code == Code::P007));
            }
            None => {
                let check = rules.check(cell);
                let code = check.findings.last().map(|(code, _)| *code);
                assert!(
                    check.number.is_none() && code.is_some_and(|code| SHAPE_CODES.contains(&code)),
                    "{cell:?} went to the full parse: {check:?}"
                );
                assert_eq!(check, rules.check_reference(cell), "{cell:?}");
                settled.refused += 1;
            }
        }
    }
    settled
}

#[test]
fn no_phone_cell_of_the_benchmark_file_needs_the_full_parse() {
    let mut file = Vec::new();
    generate_contacts(20_000, SEED, &mut file).expect("generated in memory");
    let Settled {
        decided,
        refused,
        invalid,
    } = settle(&file);
    assert_eq!(decided + refused, 20_000);
    // The generator's bad rows: about 5%, a quarter of them numbers that
    // parse but are not valid (five digits, nine after +91).
    assert!(invalid > 100, "only {invalid} invalid numbers decided");
    assert!(refused > 300, "only {refused} cells refused by their shape");
}

#[test]
fn no_phone_cell_of_the_realistic_file_needs_the_full_parse() {
    let mut file = Vec::new();
    generate_realistic(20_000, SEED, &mut file).expect("generated in memory");
    let Settled {
        decided,
        refused,
        invalid,
    } = settle(&file);
    assert_eq!(decided + refused, 20_000);
    // 5% bad phones: a half of them numbers that parse but are not valid
    // (nine digits after +91, eleven digits, +91 1…), a third refused by
    // their shape (empty, letters).
    assert!(invalid > 300, "only {invalid} invalid numbers decided");
    assert!(refused > 200, "only {refused} cells refused by their shape");
}
