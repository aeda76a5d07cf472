//! Phone rules over many regions and every number type: libphonenumber's
//! own example number of each type, in several spellings, must be accepted
//! or rejected as SPEC §6 says, with the exact E.164 output.

mod common;

use common::TYPES;
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::PhoneRules;
use ringg_preflight::rules::Code;
use ringg_preflight::{DiscardRows, PreflightBuilder};
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat, PhoneNumberType, Region};

const REGIONS: [&str; 24] = [
    "IN", "US", "CA", "GB", "AU", "DE", "FR", "IT", "ES", "NL", "SE", "BR", "MX", "AR", "JP", "CN",
    "SG", "ID", "PK", "BD", "AE", "ZA", "NG", "KE",
];

fn answerable(kind: PhoneNumberType) -> bool {
    matches!(
        kind,
        PhoneNumberType::Mobile
            | PhoneNumberType::FixedLine
            | PhoneNumberType::FixedLineOrMobile
            | PhoneNumberType::VoIP
            | PhoneNumberType::PersonalNumber
    )
}

fn rules_for(region: Region) -> PhoneRules {
    let code = PHONE_NUMBER_UTIL
        .get_country_code_for_region(region)
        .expect("known region");
    PhoneRules::new(Some(code as u16), &NumberType::ANSWERABLE)
}

#[test]
fn example_numbers_of_every_type_in_every_spelling() {
    let india = rules_for("IN".parse().unwrap());
    let mut checked = 0;
    let mut regions_seen = std::collections::BTreeSet::new();
    for region_code in REGIONS {
        let region: Region = region_code.parse().unwrap();
        let own = rules_for(region);
        for kind in TYPES {
            let Ok(example) =
                PHONE_NUMBER_UTIL.get_example_number_for_type_and_region(region, kind)
            else {
                continue;
            };
            let e164 = example.format_as(PhoneNumberFormat::E164).into_owned();
            let actual_type = example.get_type();
            let should_accept = answerable(actual_type);
            let nsn =
                e164.trim_start_matches('+')[example.country_code.to_string().len()..].to_owned();
            let spellings = [
                (&own, e164.clone()),
                (
                    &own,
                    example
                        .format_as(PhoneNumberFormat::International)
                        .into_owned(),
                ),
                (
                    &own,
                    example.format_as(PhoneNumberFormat::National).into_owned(),
                ),
                // India dials abroad with 00; every example read from there.
                (&india, format!("00{} {nsn}", example.country_code)),
            ];
            for (rules, spelling) in spellings {
                let check = rules.check(&spelling);
                let context = format!(
                    "{region_code} {kind:?} (is {actual_type:?}) `{spelling}`: {:?}",
                    check.findings
                );
                if should_accept {
                    let number = check.number.unwrap_or_else(|| panic!("rejected {context}"));
                    assert_eq!(number.e164.to_string(), e164, "{context}");
                    let international = check.findings.iter().any(|(code, _)| *code == Code::P009);
                    assert_eq!(
                        international,
                        !std::ptr::eq(rules, &own) && region_code != "IN",
                        "{context}"
                    );
                } else {
                    assert!(check.number.is_none(), "accepted {context}");
                    assert_eq!(
                        check.findings.last().map(|f| f.0),
                        Some(Code::P008),
                        "{context}"
                    );
                }
                checked += 1;
            }
            regions_seen.insert(region_code);
        }
    }
    assert!(regions_seen.len() >= 20, "{regions_seen:?}");
    assert!(checked > 300, "only {checked} spellings checked");
}

#[test]
fn number_types_setting_changes_the_accepted_set() {
    let toll_free_ok = PhoneRules::new(Some(91), &[NumberType::Mobile, NumberType::TollFree]);
    assert_eq!(
        toll_free_ok
            .check("1800 123 4567")
            .number
            .map(|n| n.e164.to_string())
            .as_deref(),
        Some("+9118001234567")
    );
    assert!(
        toll_free_ok.check("080 2345 6789").number.is_none(),
        "fixed line now refused"
    );
}

#[test]
fn duplicates_are_found_across_spellings_and_the_first_wins() {
    let csv = "Mobile Number,Name\n\
               +919876543210,A\n\
               098765 43210,B\n\
               0091 98765 43210,C\n\
               '9876543210,D\n\
               \"=\"\"+91 98765-43210\"\"\",E\n\
               9876543211,F\n";
    for threads in [1, 2, 4] {
        let preflight = PreflightBuilder::new()
            .country_code("+91")
            .threads(threads)
            .batch_size(2)
            .keep_row_findings(true)
            .build()
            .unwrap();
        let report = preflight
            .split(csv.as_bytes(), None, &mut DiscardRows)
            .unwrap();
        assert_eq!(
            (report.valid_rows, report.invalid_rows, report.duplicates),
            (2, 4, 4),
            "threads {threads}"
        );
        let duplicates: Vec<_> = report
            .rows
            .iter()
            .flatten()
            .filter(|f| f.code == Code::P010)
            .map(|f| (f.location.row, f.message.as_str()))
            .collect();
        assert_eq!(
            duplicates,
            [2, 3, 4, 5].map(|row| (Some(row), "+919876543210 already appears on row 1")),
            "threads {threads}"
        );
    }
}
