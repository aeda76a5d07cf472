//! libphonenumber's metadata as static tables, generated at build time by
//! `build.rs` from the library itself: exactly what the fast path and the
//! start-up lookups (the campaign's calling code, regions named in
//! `preflight.calling_hours`) need.
//!
//! Reading these costs nothing at start-up, where `PHONE_NUMBER_UTIL`
//! would decode the whole protobuf metadata and compile its global regexes
//! first (about 7 ms). The full parse still uses the library, which stays
//! the reference; `tests::tables_agree_with_the_library` holds the tables
//! to what it reports.

use rlibphonenumber::Region;

/// One region's metadata: what the fast path's steps (international
/// prefix, national prefix, possible lengths, number types) read.
#[derive(Debug)]
pub(crate) struct RegionMetadata {
    /// The region.
    pub region: Region,
    /// Its code as text (`IN`).
    pub code: &'static str,
    /// Its country calling code.
    pub country_code: u16,
    /// The international (IDD) prefix pattern, wrapped as `^(?:…)$`.
    pub international_prefix: Option<&'static str>,
    /// The national-prefix-for-parsing pattern, wrapped as `^(?:…)$`.
    pub national_prefix_for_parsing: Option<&'static str>,
    /// Whether the region has a national-prefix transform rule (it then
    /// rewrites what the national prefix pattern captured).
    pub has_transform_rule: bool,
    /// The leading-digits pattern that picks this region among those of a
    /// shared calling code, wrapped as `^(?:…)$`.
    pub leading_digits: Option<&'static str>,
    /// Possible lengths of the general description.
    pub possible_lengths: &'static [i32],
    /// Local-only lengths of the general description.
    pub local_only_lengths: &'static [i32],
    /// The number descriptions, in the order of [`DESCRIPTIONS`].
    pub descriptions: [DescriptionMetadata; DESCRIPTIONS],
    /// The descriptions' patterns (those that have one, in order) compiled
    /// into one DFA over the digits; `None` when they did not compile.
    pub types: Option<TypeTable>,
    /// Fixed-line and mobile numbers share one pattern.
    pub same_mobile_and_fixed_line_pattern: bool,
}

/// One number description (general, or one type).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DescriptionMetadata {
    /// The national-number pattern, wrapped as `^(?:…)$`.
    pub pattern: Option<&'static str>,
    /// The possible lengths; empty: those of the general description.
    pub possible_lengths: &'static [i32],
}

/// Where a region's compiled number-type patterns are in [`TYPE_TABLES`]:
/// `states * 10` transitions from `offset`, then `states` match sets, each
/// a little-endian `u16` (see `digit_dfa.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TypeTable {
    /// The byte where the region's transitions start.
    pub offset: usize,
    /// The DFA's states.
    pub states: usize,
}

impl TypeTable {
    /// The transitions, then the match sets, as bytes.
    pub(crate) fn bytes(self) -> (&'static [u8], &'static [u8]) {
        let transitions = self.states * 10 * 2;
        let start = &TYPE_TABLES[self.offset..];
        (
            &start[..transitions],
            &start[transitions..][..self.states * 2],
        )
    }
}

/// Every region's number-type DFA, written by `build.rs`.
static TYPE_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/phone_types.bin"));

/// How many number descriptions a region has: general, premium rate, toll
/// free, shared cost, VoIP, personal number, pager, UAN, voicemail, fixed
/// line, mobile (the order libphonenumber tests them in).
pub(crate) const DESCRIPTIONS: usize = 11;

include!(concat!(env!("OUT_DIR"), "/phone_metadata.rs"));

/// `region`'s metadata; `None` for a region without any (and for `001`,
/// whose metadata is per calling code).
pub(crate) fn region(region: Region) -> Option<&'static RegionMetadata> {
    let code = region.as_region_str();
    let code = code.as_str();
    REGIONS
        .binary_search_by(|entry| entry.code.cmp(code))
        .ok()
        .map(|index| &REGIONS[index])
}

/// The regions of `calling_code`, main region first; `None` for a code
/// libphonenumber does not know.
pub(crate) fn regions_of(calling_code: u16) -> Option<&'static [Region]> {
    CALLING_CODES
        .binary_search_by_key(&calling_code, |(code, _)| *code)
        .ok()
        .map(|index| CALLING_CODES[index].1)
}

/// The main region of `calling_code` (`World` for a non-geographic code),
/// as libphonenumber's `get_region_for_country_code`.
pub(crate) fn main_region(calling_code: u16) -> Option<Region> {
    regions_of(calling_code)?.first().copied()
}

/// Every calling code libphonenumber knows, ascending, with its regions.
pub(crate) fn calling_codes() -> impl Iterator<Item = (u16, &'static [Region])> {
    CALLING_CODES.iter().copied()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use rlibphonenumber::PHONE_NUMBER_UTIL;
    use rlibphonenumber::interfaces::AsOriginal;

    use super::*;

    /// Every region and calling code the library knows has an entry equal
    /// to what `PHONE_NUMBER_UTIL` reports, and there is nothing else.
    #[test]
    fn tables_agree_with_the_library() {
        let util = PHONE_NUMBER_UTIL.as_original();
        let mut library_regions: Vec<Region> = PHONE_NUMBER_UTIL.get_supported_regions().collect();
        library_regions.sort_by_key(|region| region.as_region_str().to_string());
        let table_regions: Vec<Region> = REGIONS.iter().map(|entry| entry.region).collect();
        assert_eq!(table_regions, library_regions, "the same regions");
        assert!(REGIONS.windows(2).all(|pair| pair[0].code < pair[1].code));

        for entry in &REGIONS {
            let region = entry.region;
            assert_eq!(entry.code, region.as_region_str().as_str());
            assert!(std::ptr::eq(super::region(region).expect("found"), entry));
            let metadata = util.get_metadata_for_region(region).expect("metadata");
            let original = &metadata.original;
            let text = |pattern: Option<&str>| pattern.map(str::to_owned);
            assert_eq!(
                Some(i32::from(entry.country_code)),
                PHONE_NUMBER_UTIL.get_country_code_for_region(region),
                "{region}"
            );
            assert_eq!(
                text(entry.international_prefix),
                metadata.international_prefix().pattern_base,
                "{region}"
            );
            assert_eq!(
                text(entry.national_prefix_for_parsing),
                metadata.national_prefix_for_parsing().pattern_base,
                "{region}"
            );
            assert_eq!(
                entry.has_transform_rule,
                !original.national_prefix_transform_rule().is_empty(),
                "{region}"
            );
            assert_eq!(
                text(entry.leading_digits),
                metadata.leading_digits().pattern_base,
                "{region}"
            );
            let general = &metadata.general_desc.original;
            assert_eq!(entry.possible_lengths, general.possible_length, "{region}");
            assert_eq!(
                entry.local_only_lengths, general.possible_length_local_only,
                "{region}"
            );
            let descriptions = [
                &metadata.general_desc,
                &metadata.premium_rate,
                &metadata.toll_free,
                &metadata.shared_cost,
                &metadata.voip,
                &metadata.personal_number,
                &metadata.pager,
                &metadata.uan,
                &metadata.voicemail,
                &metadata.fixed_line,
                &metadata.mobile,
            ];
            for (index, (ours, theirs)) in entry.descriptions.iter().zip(descriptions).enumerate() {
                assert_eq!(
                    text(ours.pattern),
                    theirs.national_number_pattern().pattern_base,
                    "{region} description {index}"
                );
                assert_eq!(
                    ours.possible_lengths, theirs.original.possible_length,
                    "{region} description {index}"
                );
            }
            assert_eq!(
                entry.same_mobile_and_fixed_line_pattern,
                original.same_mobile_and_fixed_line_pattern(),
                "{region}"
            );
        }

        let library_codes: BTreeMap<u16, Vec<Region>> = PHONE_NUMBER_UTIL
            .get_supported_calling_codes()
            .map(|code| {
                let regions = PHONE_NUMBER_UTIL
                    .get_regions_for_country_calling_code(code)
                    .expect("regions")
                    .collect();
                (u16::try_from(code).expect("three digits"), regions)
            })
            .collect();
        let table_codes: BTreeMap<u16, Vec<Region>> = calling_codes()
            .map(|(code, regions)| (code, regions.to_vec()))
            .collect();
        assert_eq!(table_codes, library_codes);
        assert_eq!(CALLING_CODES.len(), table_codes.len(), "no code twice");
        assert!(CALLING_CODES.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (code, regions) in calling_codes() {
            assert_eq!(
                main_region(code),
                PHONE_NUMBER_UTIL.get_region_for_country_code(i32::from(code)),
                "+{code}"
            );
            assert_eq!(regions_of(code), Some(regions));
        }
        // The non-geographic codes are there as the library reports them.
        let mut non_geographic: Vec<u16> = PHONE_NUMBER_UTIL
            .get_supported_global_network_calling_codes()
            .map(|code| u16::try_from(code).expect("three digits"))
            .collect();
        non_geographic.sort_unstable();
        let world: Vec<u16> = calling_codes()
            .filter(|(_, regions)| regions == &[Region::World])
            .map(|(code, _)| code)
            .collect();
        assert_eq!(world, non_geographic);
        assert!(!world.is_empty());
        assert_eq!(regions_of(999), None);
        assert_eq!(region(Region::World).map(|entry| entry.code), None);
    }
}
