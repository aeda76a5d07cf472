//! libphonenumber's time-zone map: number prefix → the time zones its
//! numbers may be in, as a longest-prefix table.
//!
//! The data (`data/libphonenumber-timezones/map_data.txt`, Apache-2.0) is
//! turned into tables by the build script ([`table`]), so nothing is read
//! or parsed at run time; a zone set's names become `chrono-tz` zones when
//! a number of that set is first checked. It is immutable, so one map is
//! shared by every thread and every [`crate::Preflight`].

use std::borrow::Cow;
use std::sync::OnceLock;

use chrono_tz::Tz;

// Its parser runs in the build script, and here in tests only.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) mod table;

use table::NO_ZONE_SET;

/// The tables of the shipped map, written by the build script.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/zone_map.rs"));
}

/// `value / 10^exponent` (`exponent` at most 15, as for E.164 digits;
/// beyond, 0). Every row's number is cut to its prefix: with a constant
/// divisor per arm the compiler multiplies and shifts instead of issuing a
/// 64-bit division, which showed in profiles.
fn drop_digits(value: u64, exponent: u32) -> u64 {
    match exponent {
        0 => value,
        1 => value / 10,
        2 => value / 100,
        3 => value / 1_000,
        4 => value / 10_000,
        5 => value / 100_000,
        6 => value / 1_000_000,
        7 => value / 10_000_000,
        8 => value / 100_000_000,
        9 => value / 1_000_000_000,
        10 => value / 10_000_000_000,
        11 => value / 100_000_000_000,
        12 => value / 1_000_000_000_000,
        13 => value / 10_000_000_000_000,
        14 => value / 100_000_000_000_000,
        15 => value / 1_000_000_000_000_000,
        _ => 0,
    }
}

/// Prefix → zone set, with every prefix length present, longest first.
#[derive(Debug)]
pub(crate) struct ZoneMap {
    /// (prefix, zone-set id), sorted by prefix.
    prefixes: Cow<'static, [(u64, u32)]>,
    /// Prefix lengths present, longest first.
    lengths: Cow<'static, [u32]>,
    /// For each two leading digits (`10`..`99`), bit `n` set when a prefix
    /// of length `n` can match a number that starts with them: a lookup
    /// then tries one or two lengths, not every length in the map.
    lengths_by_lead: [u32; 100],
    /// For each two leading digits whose numbers can only match a prefix
    /// of one or two digits (`91`: India has one zone), the zone-set id
    /// itself (`NO_ZONE_SET` when none matches): most numbers then cost an
    /// array read, not a search.
    short_lead: [Option<u32>; 100],
    /// Distinct zone sets; many prefixes share one (`America/New_York`).
    zone_sets: Box<[ZoneSet]>,
}

/// The zones of one set: names, resolved on first use.
#[derive(Debug)]
struct ZoneSet {
    /// Names joined by `&`.
    names: Cow<'static, str>,
    /// The names `chrono-tz` knows; the others are dropped.
    zones: OnceLock<Box<[Tz]>>,
}

impl ZoneSet {
    fn new(names: Cow<'static, str>) -> Self {
        ZoneSet {
            names,
            zones: OnceLock::new(),
        }
    }

    fn zones(&self) -> &[Tz] {
        self.zones.get_or_init(|| {
            self.names
                .split('&')
                .filter_map(|name| name.parse::<Tz>().ok())
                .collect()
        })
    }
}

impl ZoneMap {
    /// The shipped map.
    pub(crate) fn embedded() -> &'static ZoneMap {
        static MAP: OnceLock<ZoneMap> = OnceLock::new();
        MAP.get_or_init(|| ZoneMap {
            prefixes: Cow::Borrowed(&embedded::PREFIXES),
            lengths: Cow::Borrowed(&embedded::LENGTHS),
            lengths_by_lead: embedded::LENGTHS_BY_LEAD,
            short_lead: embedded::SHORT_LEAD,
            zone_sets: embedded::ZONE_SETS
                .iter()
                .map(|names| ZoneSet::new(Cow::Borrowed(names)))
                .collect(),
        })
    }

    /// A map parsed from `text` at run time, as the build script parses
    /// the shipped one.
    ///
    /// `Etc/Unknown` and names `chrono-tz` does not know are dropped from a
    /// set; a prefix whose set ends up empty stays in the table, so its
    /// numbers are not attributed to a shorter prefix's zones.
    #[cfg(test)]
    pub(crate) fn parse(text: &str) -> ZoneMap {
        let tables = table::parse(text);
        ZoneMap {
            prefixes: Cow::Owned(tables.prefixes),
            lengths: Cow::Owned(tables.lengths),
            lengths_by_lead: tables.lengths_by_lead,
            short_lead: tables.short_lead,
            zone_sets: tables
                .zone_sets
                .into_iter()
                .map(|names| ZoneSet::new(Cow::Owned(names)))
                .collect(),
        }
    }

    /// How many distinct zone sets the map holds; ids run below this.
    pub(crate) fn zone_set_count(&self) -> usize {
        self.zone_sets.len()
    }

    /// The zone set of a number's longest matching prefix, with its id;
    /// `None` when no prefix matches or the set is empty. `digits` are the
    /// E.164 digits, country code first.
    pub(crate) fn zones_of(&self, digits: u64) -> Option<(u32, &[Tz])> {
        let count = digits.checked_ilog10()? + 1;
        let (candidates, short) = match count {
            1 => (u32::MAX, None),
            _ => {
                let lead = drop_digits(digits, count - 2) as usize;
                (self.lengths_by_lead[lead], self.short_lead[lead])
            }
        };
        let id = match short {
            Some(NO_ZONE_SET) => return None,
            Some(id) => id,
            None => self
                .lengths
                .iter()
                .filter(|&&length| length <= count && candidates & (1 << length) != 0)
                .find_map(|&length| self.set_of_prefix(drop_digits(digits, count - length)))?,
        };
        Some((id, self.zone_sets[id as usize].zones())).filter(|(_, zones)| !zones.is_empty())
    }

    /// The zone-set id of `prefix` when the map lists it.
    fn set_of_prefix(&self, prefix: u64) -> Option<u32> {
        let index = self
            .prefixes
            .binary_search_by_key(&prefix, |&(listed, _)| listed)
            .ok()?;
        Some(self.prefixes[index].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(map: &ZoneMap, digits: u64) -> Vec<&'static str> {
        map.zones_of(digits)
            .map(|(_, zones)| zones.iter().map(|tz| tz.name()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_longest_matching_prefix_wins() {
        let map = ZoneMap::parse(
            "# comment\n\
             1|America/New_York&America/Los_Angeles\n\
             1208|America/Boise&America/Los_Angeles\n\
             1208201|America/Denver\n\
             \n\
             44|Europe/London\n",
        );
        assert_eq!(names(&map, 12_082_015_555), ["America/Denver"]);
        assert_eq!(
            names(&map, 12_082_025_555),
            ["America/Boise", "America/Los_Angeles"]
        );
        assert_eq!(
            names(&map, 13_055_550_173),
            ["America/New_York", "America/Los_Angeles"]
        );
        assert_eq!(names(&map, 447_400_123_456), ["Europe/London"]);
        assert_eq!(map.zones_of(919_876_543_210), None, "no prefix matches");
        assert_eq!(map.zones_of(1), Some((0, map.zone_sets[0].zones())));
    }

    #[test]
    fn trying_only_the_lengths_a_lead_allows_finds_what_trying_every_length_does() {
        let map = ZoneMap::embedded();
        let every_length = |digits: u64| {
            let count = digits.checked_ilog10()? + 1;
            map.lengths
                .iter()
                .filter(|&&length| length <= count)
                .find_map(|&length| map.set_of_prefix(digits / 10u64.pow(count - length)))
                .map(|id| (id, map.zone_sets[id as usize].zones()))
                .filter(|(_, zones)| !zones.is_empty())
        };
        // Every prefix of the map, extended with digits to many lengths,
        // and numbers no prefix covers.
        let mut checked = 0;
        for (index, &(prefix, _)) in map.prefixes.iter().enumerate() {
            let mut digits = prefix;
            while digits < 100_000_000_000_000 {
                digits = digits * 10 + (index as u64 + digits) % 10;
                assert_eq!(map.zones_of(digits), every_length(digits), "{digits}");
                checked += 1;
            }
        }
        for digits in [1, 7, 10, 99, 800_123, 999_999_999_999_999] {
            assert_eq!(map.zones_of(digits), every_length(digits), "{digits}");
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn identical_zone_sets_share_one_id() {
        let map = ZoneMap::parse(
            "1201|America/New_York\n1202|America/New_York\n1206|America/Los_Angeles\n",
        );
        assert_eq!(map.zone_set_count(), 2);
        assert_eq!(
            map.zones_of(12_015_550_173).map(|(id, _)| id),
            map.zones_of(12_025_550_173).map(|(id, _)| id)
        );
    }

    #[test]
    fn unknown_zones_are_skipped_and_do_not_fall_back_to_a_shorter_prefix() {
        let map = ZoneMap::parse("88|Asia/Dhaka\n882|Etc/Unknown\n883|Mars/Olympus&Asia/Tokyo\n");
        assert_eq!(map.zones_of(882_123_456_789), None);
        assert_eq!(names(&map, 883_123_456_789), ["Asia/Tokyo"]);
        assert_eq!(names(&map, 881_123_456_789), ["Asia/Dhaka"]);
    }

    #[test]
    fn the_embedded_map_places_numbers_of_four_countries() {
        let map = ZoneMap::embedded();
        assert_eq!(names(map, 919_876_543_210), ["Asia/Calcutta"]);
        assert_eq!(names(map, 12_125_550_173), ["America/New_York"]);
        assert_eq!(names(map, 14_155_550_173), ["America/Los_Angeles"]);
        assert_eq!(
            names(map, 447_400_123_456),
            ["Europe/Guernsey", "Europe/Isle_of_Man", "Europe/London"]
        );
        // Every zone name in the data is one chrono-tz knows.
        let listed = MAP_DATA
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| line.split_once('|'))
            .flat_map(|(_, zones)| zones.split('&'))
            .filter(|name| *name != table::UNKNOWN_ZONE)
            .all(|name| name.trim().parse::<Tz>().is_ok());
        assert!(listed, "a zone in map_data.txt is unknown to chrono-tz");
    }

    /// The shipped map, as the build script saw it.
    const MAP_DATA: &str = include_str!("../../../../data/libphonenumber-timezones/map_data.txt");

    #[test]
    fn the_built_tables_are_the_shipped_map_parsed() {
        let built = ZoneMap::embedded();
        let parsed = table::parse(MAP_DATA);
        assert_eq!(*built.prefixes, parsed.prefixes[..]);
        assert_eq!(*built.lengths, parsed.lengths[..]);
        assert_eq!(built.lengths_by_lead, parsed.lengths_by_lead);
        assert_eq!(built.short_lead, parsed.short_lead);
        let names: Vec<&str> = built.zone_sets.iter().map(|set| &*set.names).collect();
        assert_eq!(names, parsed.zone_sets);
        assert!(parsed.prefixes.len() > 3_000, "{}", parsed.prefixes.len());
    }

    #[test]
    fn a_later_line_for_a_prefix_replaces_an_earlier_one() {
        let map = ZoneMap::parse(
            "44|Europe/London
44|Europe/Dublin
",
        );
        assert_eq!(names(&map, 447_400_123_456), ["Europe/Dublin"]);
    }
}
